"""The 58 commune-level units of 1/7/2025 as a table, narrowed to a set of the plan's districts.

A unit belongs to every plan district it has a share of (see `crosswalk`): phường Đa Mai is listed
under TP Bắc Giang 213 (4/5) and under Tân Yên 216 (1/5).
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

import pandas as pd

from ttx_data import geography
from ttx_data.places.crosswalk import former_units, plan_district_weights
from ttx_data.places.units import COMMUNES_FROM, KINDS, AdminUnit, units_on

COMMUNE_COLUMNS = (
    "unit_code", "unit_name", "kind", "area_km2", "population", "plan_districts", "former_units",
    "plan_district_code", "lon", "lat",
)  # fmt: skip
"""Columns of `communes_frame`; the last three (main plan district, position) are not shown."""

COMMUNE_DECIMALS = {"area_km2": 1, "population": 0}
"""Decimals of the table's numbers on screen and in the map's tooltips."""


def communes_of(districts: Iterable[str] = ()) -> list[AdminUnit]:
    """The commune-level units from 1/7/2025 with a share in any of `districts` (all when empty),
    by code."""
    chosen = set(districts)
    return [
        u
        for u in units_on(COMMUNES_FROM, "commune")
        if not chosen or chosen & set(u.plan_district_codes)
    ]


def share_text(share: Fraction) -> str:
    """A split share as the plan's split rule writes it: '4/5'."""
    return f"{share.numerator}/{share.denominator}"


def plan_districts_text(code: str, lang: str) -> str:
    """The plan district(s) of a unit: 'Tân Yên', or 'Bắc Giang 4/5; Tân Yên 1/5' when split."""
    names = geography.district_names(lang)
    shares = plan_district_weights()[code]
    if len(shares) == 1:
        return names[next(iter(shares))]
    return "; ".join(f"{names[d]} {share_text(s)}" for d, s in shares.items())


def main_plan_district(code: str) -> str:
    """The plan district with the largest share of a unit (the lower code on a tie)."""
    shares = plan_district_weights()[code]
    return max(sorted(shares), key=lambda d: shares[d])


def kind_text(kind: str, lang: str) -> str:
    """'xã' / 'phường' in Vietnamese, 'Commune' / 'Ward' in English."""
    return KINDS[kind] if lang == "en" else kind


def communes_frame(districts: Iterable[str] = (), lang: str = "vi") -> pd.DataFrame:
    """The units of `communes_of(districts)` as a table (`COMMUNE_COLUMNS`), names in the language;
    former units keep their official (Vietnamese) names."""
    formed_from = former_units().groupby("new_code")["old_name"].agg("; ".join)
    rows = [
        {
            "unit_code": u.code,
            "unit_name": u.name_en if lang == "en" else u.name_vi,
            "kind": kind_text(u.kind, lang),
            "area_km2": u.area_km2,
            "population": u.population,
            "plan_districts": plan_districts_text(u.code, lang),
            "former_units": formed_from[u.code],
            "plan_district_code": main_plan_district(u.code),
            "lon": u.lon,
            "lat": u.lat,
        }
        for u in communes_of(districts)
    ]
    return pd.DataFrame(rows, columns=list(COMMUNE_COLUMNS))
