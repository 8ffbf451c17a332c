"""What each of the plan's 10 districts was over time, and what a district value of a year stands for.

The plan follows its targets by the 10 districts of 2022. Those units changed: Việt Yên became a
thị xã (1/2/2024, same territory), Yên Dũng joined TP Bắc Giang and Chũ was split from Lục Ngạn,
with part of Sơn Động moving to Lục Ngạn (1/1/2025), and the district level ended (1/7/2025).

THE RULE (the one place it is decided) - a district value of a year is read as:
- `UNIT`: the district existed all year within its 2022 boundaries: the unit's own value;
- `CHANGED`: it existed for part of the year, or with other boundaries: the value is kept as the
  plan's territory (2022 boundaries) and marked with what changed;
- `ENDED`: no such district existed at any time of the year. Nobody could report for it: a value
  is shown only when rolled up from today's commune-level units through the crosswalk (the
  plan district's former territory); any other value is not shown as that unit's.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pandas as pd

from ttx_data import geography
from ttx_data.i18n import format_date, format_number, t
from ttx_data.places.communes import communes_of, share_text
from ttx_data.places.crosswalk import plan_district_weights
from ttx_data.places.units import (
    BOUNDARIES_CHANGED_ON,
    COMMUNES_FROM,
    END_OF_DISTRICTS,
    SON_DONG_AREA_TO_LUC_NGAN_KM2,
    VIET_YEN_TOWN_FROM,
    YEN_DUNG_UNTIL,
    all_units,
)

UNIT, CHANGED, ENDED = "unit", "changed", "ended"
BASES = (UNIT, CHANGED, ENDED)
"""How a district value of a year is read (see the module's rule)."""

PERIOD_YEARS = range(1990, 2051)
"""Years for which `district_years_frame` states a basis: wider than any data year."""


def _periods(code: str):
    return [u for u in all_units() if u.code == code and u.level == "district"]


def year_basis(code: str, year: int) -> str:
    """UNIT, CHANGED or ENDED for the plan district `code` in calendar `year`."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    periods = _periods(code)
    if not periods:
        raise KeyError(f"'{code}' is not one of the plan's districts")
    overlaps = [
        u
        for u in periods
        if (u.valid_from is None or u.valid_from <= last)
        and (u.valid_to is None or u.valid_to >= first)
    ]
    if not overlaps:
        return ENDED
    whole_year = any(u.valid_on(first) for u in periods) and any(u.valid_on(last) for u in periods)
    changed = code in BOUNDARIES_CHANGED_ON and BOUNDARIES_CHANGED_ON[code] <= last
    return UNIT if whole_year and not changed else CHANGED


@lru_cache(maxsize=1)
def district_years_frame() -> pd.DataFrame:
    """district_code, year, basis for every plan district and every year of `PERIOD_YEARS` (the
    query layer joins it to keep values of ENDED years only when rolled up from communes)."""
    rows = [
        {"district_code": code, "year": year, "basis": year_basis(code, year)}
        for code in geography.district_codes()
        for year in PERIOD_YEARS
    ]
    return pd.DataFrame(rows, columns=["district_code", "year", "basis"])


def ended(codes: pd.Series, years: pd.Series) -> pd.Series:
    """Per row, whether `codes` (a plan district's code; other codes never) did not exist in
    `years` (basis ENDED): rows nobody could have reported as that district's."""
    frame = district_years_frame()
    frame = frame[frame["basis"] == ENDED]
    ended_pairs = set(zip(frame["district_code"], frame["year"], strict=True))
    return pd.Series(
        [(str(c), int(y)) in ended_pairs for c, y in zip(codes, years, strict=True)],
        index=codes.index,
        dtype=bool,
    )


def last_day(code: str) -> dt.date:
    """The last day the plan district existed as a unit."""
    return max(u.valid_to for u in _periods(code) if u.valid_to is not None)


def until_text(code: str, lang: str) -> str:
    """'đến 31/12/2024' / 'until 31 Dec 2024': the short validity shown beside a district's name."""
    return t("places.history.until", lang, day=format_date(last_day(code), lang))


def option_label(code: str, lang: str) -> str:
    """A district as the filter and the profile offer it: 'Yên Dũng (221) · đến 31/12/2024'."""
    return f"{geography.district_name(code, lang)} ({code}) · {until_text(code, lang)}"


def _changes(code: str, lang: str) -> list[str]:
    """The district's changes before the end of the district level, in date order."""
    names = geography.district_names(lang)
    day = lambda d: format_date(d, lang)  # noqa: E731
    merged = YEN_DUNG_UNTIL + dt.timedelta(days=1)
    area = format_number(SON_DONG_AREA_TO_LUC_NGAN_KM2, lang, 2)
    changes = {
        "222": [t("places.history.became_town", lang, day=day(VIET_YEN_TOWN_FROM))],
        "221": [t("places.history.merged_into", lang, day=day(merged), into=names["213"])],
        "213": [t("places.history.absorbed", lang, day=day(merged), other=names["221"])],
        "219": [
            t("places.history.chu_split", lang, day=day(merged), area=area, other=names["220"])
        ],
        "220": [t("places.history.gave_area", lang, day=day(merged), area=area, to=names["219"])],
    }
    return changes.get(code, [])


def changes_text(code: str, lang: str) -> str:
    """A plan district and what happened to it before 1/7/2025, for a map tooltip: 'Huyện Yên
    Dũng: đến 31/12/2024; từ 01/01/2025 thuộc TP Bắc Giang'."""
    row = geography.load_districts().set_index("district_code").loc[code]
    parts = [until_text(code, lang), *_changes(code, lang)]
    return f"{row['full_name_' + ('en' if lang == 'en' else 'vi')]}: {'; '.join(parts)}"


def validity_in(code: str, year: int, lang: str) -> str:
    """What the district was by `year`, when it was no longer its 2022 unit ('' for UNIT years):
    'đến 31/12/2024; từ 01/01/2025 thuộc TP Bắc Giang'."""
    if year_basis(code, year) == UNIT:
        return ""
    return "; ".join([until_text(code, lang), *_changes(code, lang)])


def ended_early_in(code: str, year: int, lang: str) -> str:
    """`until_text` for a district that ended before the district level did (Yên Dũng), once
    `year` is past its end; '' otherwise: what a chart's short label adds to the name."""
    if last_day(code) >= END_OF_DISTRICTS or year_basis(code, year) == UNIT:
        return ""
    return until_text(code, lang)


def label_in(code: str, year: int, lang: str) -> str:
    """A district's short name with `validity_in` when there is one: 'Yên Dũng (đến 31/12/2024;
    từ 01/01/2025 thuộc TP Bắc Giang)'."""
    name = geography.district_name(code, lang)
    validity = validity_in(code, year, lang)
    return f"{name} ({validity})" if validity else name


def commune_list_text(code: str, lang: str) -> str:
    """The commune-level units that make up a plan district's territory from 1/7/2025, with the
    share of a split ward: 'Phường Đa Mai (4/5), Phường Bắc Giang, …'."""
    parts = []
    for unit in communes_of([code]):
        name = unit.name_en if lang == "en" else unit.name_vi
        share = plan_district_weights()[unit.code][code]
        parts.append(name if share == 1 else f"{name} ({share_text(share)})")
    return ", ".join(parts)


def history_text(code: str, lang: str) -> str:
    """A plan district with its validity and what became of it, e.g. 'Huyện Yên Dũng (đến
    31/12/2024; từ 01/01/2025 thuộc TP Bắc Giang; từ 01/07/2025 thuộc 7 xã, phường của tỉnh Bắc
    Ninh: …)'."""
    row = geography.load_districts().set_index("district_code").loc[code]
    parts = [until_text(code, lang), *_changes(code, lang)]
    count = len(communes_of([code]))
    parts.append(
        t(
            "places.history.communes",
            lang,
            day=format_date(COMMUNES_FROM, lang),
            count=count,
            names=commune_list_text(code, lang),
        )
    )
    return f"{row['full_name_' + ('en' if lang == 'en' else 'vi')]} ({'; '.join(parts)})"


def year_note(code: str, year: int, lang: str) -> str:
    """What a value of the district for `year` stands for, when it is not the unit's own ('' for
    UNIT years): the plan's territory in a year of change, or the former territory rolled up."""
    basis = year_basis(code, year)
    if basis == UNIT:
        return ""
    name = geography.district_name(code, lang)
    if basis == ENDED:
        return t("places.history.ended_year", lang, year=year, name=name)
    changes = [until_text(code, lang)]
    if code in BOUNDARIES_CHANGED_ON:
        changes += _changes(code, lang)
    return t("places.history.changed_year", lang, year=year, name=name, changes="; ".join(changes))


def years_notes(codes, years, lang: str) -> list[str]:
    """The distinct notes of `year_note` for the (district, year) pairs shown, in order."""
    notes: list[str] = []
    for code, year in zip(codes, years, strict=True):
        note = year_note(str(code), int(year), lang)
        if note and note not in notes:
            notes.append(note)
    return notes


def year_summary(year: int, lang: str, codes=None) -> str:
    """One line on what the plan's districts (or `codes`) were in `year`, for a ranking, a map or
    a slide ('' when every one was its 2022 unit all year)."""
    codes = list(codes) if codes else geography.district_codes()
    names = geography.district_names(lang)
    bases = {code: year_basis(code, year) for code in codes}
    if all(b == UNIT for b in bases.values()):
        return ""
    if all(b == ENDED for b in bases.values()):
        return t("places.year.all_ended", lang, year=year)
    parts = []
    for code in (c for c in codes if bases[c] == ENDED):
        parts.append(
            t("places.year.ended", lang, name=names[code], history=changes_text(code, lang))
        )
    changed = [c for c in codes if bases[c] == CHANGED]
    moved = [names[c] for c in changed if c in BOUNDARIES_CHANGED_ON]
    if moved:
        day = format_date(
            min(BOUNDARIES_CHANGED_ON[c] for c in changed if c in BOUNDARIES_CHANGED_ON), lang
        )
        parts.append(t("places.year.boundaries", lang, names=", ".join(moved), day=day))
    ends = sorted({last_day(c) for c in changed})
    if ends:
        parts.append(t("places.year.level_ended", lang, day=format_date(ends[-1], lang)))
    return t("places.year.summary", lang, year=year, parts="; ".join(parts))
