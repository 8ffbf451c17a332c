"""Figures reported by today's commune-level units, rolled up to the plan's districts of 2022.

A value of a unit valid on the period is attributed to its plan district(s) through the crosswalk
(`crosswalk.plan_district_weights`; the three units spanning two districts are split by their
share). The rule comes from the catalog (`Indicator.rollup`):

- "sum" (additive: hectares, counts): district = Σ value × share;
- "weighted_population" / "weighted_area" (shares, rates): district = Σ value × share × D /
  Σ share × D, D the unit's population or area from the register: never a plain average;
- "none": not rolled up (no declared denominator in the register); no value, a note says why.

A district with a unit lacking a value is **not** given a value: its row has value NaN,
complete False and a note naming the missing units, rather than a sum or average of fewer units.
Provenance of an aggregate is the weakest of its inputs (official > reported > estimate >
illustrative, `datasets.PROVENANCES`).
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction

import pandas as pd

from ttx_data.catalog import ROLLUP_RULES, Indicator
from ttx_data.datasets import PROVENANCES
from ttx_data.i18n import t
from ttx_data.places.crosswalk import plan_district_weights
from ttx_data.places.units import COMMUNES_FROM, PROVINCE_CODE, parse_date, units_on

RULES = tuple(ROLLUP_RULES)
"""Roll-up rules an indicator of the catalog can declare (column `rollup` of indicators.csv)."""

DENOMINATORS = {"weighted_population": "population", "weighted_area": "area_km2"}
"""The register field each weighted rule weighs by."""

OUTPUT_COLUMNS = ("plan_district_code", "value", "provenance", "complete", "note")


class RollupError(ValueError):
    """Values that cannot be rolled up (unknown rule, unit, provenance or period), in vi / en."""


def _error(vi: str, en: str) -> RollupError:
    return RollupError(f"{vi} / {en}")


def weakest(provenances: list[str]) -> str:
    """The least trusted of the given provenances."""
    return max(provenances, key=PROVENANCES.index)


def _period(period: str | int | dt.date) -> dt.date:
    """A date; a bare year means its last day (the units in force at the end of the year)."""
    if isinstance(period, int) or (isinstance(period, str) and period.isdigit()):
        return dt.date(int(period), 12, 31)
    return parse_date(period)


def roll_up(
    values: pd.DataFrame, rule: str | Indicator, period: str | int | dt.date, lang: str = "vi"
) -> pd.DataFrame:
    """Plan-district figures from commune-level `values` (columns unit_code, value, provenance),
    by `rule` (one of RULES, or an indicator of the catalog: its `rollup`).

    Returns one row per plan district reached by the units valid on `period`: value (NaN when the
    rule is "none" or a unit's value is missing), provenance (the weakest input), complete, and a
    note in `lang` saying how the value was derived.
    """
    rule, units, given = _prepare(values, rule, period)
    shares = plan_district_weights()
    members: dict[str, list[str]] = {}
    for code in units:
        for district in shares[code]:
            members.setdefault(district, []).append(code)
    rows = []
    for district in sorted(members):
        codes = members[district]
        rows.append(_district_row(district, codes, given, shares, units, rule, lang))
    return pd.DataFrame(rows, columns=list(OUTPUT_COLUMNS))


def roll_up_province(
    values: pd.DataFrame, rule: str | Indicator, period: str | int | dt.date, lang: str = "vi"
) -> dict:
    """The province (former Bắc Giang territory, code 24) figure from the same commune-level
    `values`, by the same rule over all units valid on `period` (each unit whole): a dict with
    area_code, value, provenance, complete and note, as one row of `roll_up`."""
    rule, units, given = _prepare(values, rule, period)
    whole = {code: {PROVINCE_CODE: Fraction(1)} for code in units}
    row = _district_row(PROVINCE_CODE, sorted(units), given, whole, units, rule, lang, "province")
    return {"area_code": row.pop("plan_district_code"), **row}


def _prepare(values: pd.DataFrame, rule, period) -> tuple[str, dict, pd.DataFrame]:
    """The rule's id, the commune-level units valid on `period` by code, and the given values
    indexed by unit code; raises RollupError on a bad rule, period or table."""
    if isinstance(rule, Indicator):
        rule = rule.rollup
    if rule not in RULES:
        raise _error(
            f"quy tắc tổng hợp '{rule}' không hợp lệ; dùng một trong: {', '.join(RULES)}",
            f"roll-up rule '{rule}' is not allowed; use one of: {', '.join(RULES)}",
        )
    day = _period(period)
    if day < COMMUNES_FROM:
        raise _error(
            f"kỳ {day.isoformat()} trước 1/7/2025: chưa có xã, phường mới; dùng số liệu huyện",
            f"period {day.isoformat()} is before 1/7/2025: no new communes yet; use district data",
        )
    units = {u.code: u for u in units_on(day, level="commune")}
    _check_values(values, units)
    given = values.dropna(subset=["value"]).set_index("unit_code")
    return rule, units, given


def _check_values(values: pd.DataFrame, units: dict) -> None:
    missing_cols = [c for c in ("unit_code", "value", "provenance") if c not in values.columns]
    if missing_cols:
        raise _error(
            f"thiếu cột {missing_cols}; bảng cần cột unit_code, value, provenance",
            f"missing columns {missing_cols}; the table needs unit_code, value, provenance",
        )
    unknown = sorted(set(values["unit_code"]) - set(units))
    if unknown:
        raise _error(
            f"mã đơn vị {unknown} không phải xã, phường còn hiệu lực; dùng mã GSO 5 chữ số từ"
            " 1/7/2025 (python -m ttx_data units --as-of 2025-07-01)",
            f"unit codes {unknown} are not commune-level units in force; use the 5-digit GSO codes"
            " of 1/7/2025 (python -m ttx_data units --as-of 2025-07-01)",
        )
    repeated = sorted(values["unit_code"][values["unit_code"].duplicated()].unique())
    if repeated:
        raise _error(
            f"mã đơn vị {repeated} có nhiều giá trị; mỗi đơn vị một giá trị mỗi kỳ",
            f"unit codes {repeated} have several values; give one value per unit and period",
        )
    bad = sorted(set(values["provenance"]) - set(PROVENANCES))
    if bad:
        raise _error(
            f"nguồn gốc {bad} không hợp lệ; dùng một trong: {', '.join(PROVENANCES)}",
            f"provenance {bad} is not allowed; use one of: {', '.join(PROVENANCES)}",
        )


def _district_row(district, codes, given, shares, units, rule, lang, scope="district") -> dict:
    present = [c for c in codes if c in given.index]
    provenance = weakest(list(given.loc[present, "provenance"])) if present else None
    row = {"plan_district_code": district, "value": math.nan, "provenance": provenance}
    if rule == "none":
        return {**row, "complete": False, "note": t("places.rollup.none", lang)}
    missing = [c for c in codes if c not in given.index]
    if missing:
        note = t(
            "places.rollup.incomplete", lang, missing=len(missing), count=len(codes),
            codes=", ".join(missing),
        )  # fmt: skip
        return {**row, "complete": False, "note": note}
    value = _aggregate(district, codes, given, shares, units, rule)
    key = f"places.rollup.{rule}" if scope == "district" else f"places.rollup.province_{rule}"
    note = t(key, lang, count=len(codes))
    split = [units[c].name_vi for c in codes if len(shares[c]) > 1]
    if split:
        note += t("places.rollup.split", lang, units=", ".join(split))
    return {**row, "value": value, "complete": True, "note": note}


def _aggregate(district, codes, given, shares, units, rule) -> float:
    if rule == "sum":
        return float(sum(given.at[c, "value"] * float(shares[c][district]) for c in codes))
    field = DENOMINATORS[rule]
    weights = {c: float(shares[c][district]) * getattr(units[c], field) for c in codes}
    total = sum(weights.values())
    return float(sum(given.at[c, "value"] * weights[c] for c in codes) / total)
