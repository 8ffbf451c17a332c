"""The register of administrative units over time: which units existed on a date.

Three layers, each with its validity period (inclusive dates; None = open):
- the province, code 24: Bắc Giang until 30/6/2025, then the former Bắc Giang territory within the
  new Bắc Ninh (code 24 kept);
- the plan's 10 districts of 2022 (213, 215-223; Yên Dũng 221 until 31/12/2024, Việt Yên 222 a
  huyện until 31/1/2024 and a thị xã after) and thị xã Chũ 224 (1/1/2025-30/6/2025, split from
  Lục Ngạn 219, not a plan unit); the district level ended on 1/7/2025;
- the 58 commune-level units (xã, phường) from 1/7/2025, with area, population and their plan
  district(s) from `crosswalk`.

Sources: `data/districts.csv` (the plan's districts), `data/reference/admin2025/` (the communes,
see its SOURCES.md), `data/reference/ADMIN_CHANGES.md` (dates of the 2024-2025 changes).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ttx_data import geography
from ttx_data.i18n import t
from ttx_data.places.crosswalk import ADMIN2025_DIR, plan_district_weights

COMMUNES_FILE = ADMIN2025_DIR / "communes_2025.csv"
AREA_POPULATION_FILE = ADMIN2025_DIR / "communes_2025_area_population.csv"

PROVINCE_CODE = "24"
LEVELS = ("province", "district", "commune")
KINDS = {
    "tỉnh": "Province",
    "thành phố": "City",
    "huyện": "District",
    "thị xã": "Town",
    "xã": "Commune",
    "phường": "Ward",
}
"""Kinds of unit (vi) and the English word used in `name_en`."""

# Dates of the administrative changes (data/reference/ADMIN_CHANGES.md), not the plan's years.
END_OF_DISTRICTS = dt.date.fromisoformat("2025-06-30")
"""Last day of the district level and of Bắc Giang province (NQ 1658 and the 2025 reform)."""
COMMUNES_FROM = dt.date.fromisoformat("2025-07-01")
YEN_DUNG_UNTIL = dt.date.fromisoformat("2024-12-31")
"""Last day of Yên Dũng (221), merged into TP Bắc Giang (NQ 1191/NQ-UBTVQH15)."""
CHU_FROM = dt.date.fromisoformat("2025-01-01")
VIET_YEN_TOWN_FROM = dt.date.fromisoformat("2024-02-01")
"""Việt Yên (222) a thị xã from this day, same territory."""
BOUNDARIES_CHANGED_ON = {"213": CHU_FROM, "219": CHU_FROM, "220": CHU_FROM}
"""Plan districts whose territory changed while they still existed (NQ 1191/NQ-UBTVQH15, 1/1/2025):
TP Bắc Giang took in Yên Dũng, Lục Ngạn lost Chũ and gained part of Sơn Động."""
SON_DONG_AREA_TO_LUC_NGAN_KM2 = 75.93
"""Area moved from Sơn Động to Lục Ngạn on 1/1/2025 (ADMIN_CHANGES.md, CafeF 12/2024)."""


@dataclass(frozen=True)
class AdminUnit:
    """One administrative unit during one validity period (inclusive; None = open-ended)."""

    code: str
    name_vi: str
    name_en: str
    kind: str
    level: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    plan_district_codes: tuple[str, ...]
    area_km2: float | None = None
    population: int | None = None
    lon: float | None = None
    lat: float | None = None
    note: str = ""

    def valid_on(self, day: dt.date) -> bool:
        """Whether the unit existed on `day`."""
        after_start = self.valid_from is None or self.valid_from <= day
        return after_start and (self.valid_to is None or day <= self.valid_to)


def ascii_name(name: str) -> str:
    """A Vietnamese name without diacritics ("Đa Mai" -> "Da Mai"), as geography's name_en."""
    decomposed = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _english(kind: str, short: str) -> str:
    return f"{ascii_name(short)} {KINDS[kind]}"


def _short(full: str, kind: str) -> str:
    """'Phường Đa Mai' -> 'Đa Mai'."""
    prefix = kind[0].upper() + kind[1:] + " "
    return full[len(prefix) :] if full.startswith(prefix) else full


def _province() -> list[AdminUnit]:
    plan = tuple(geography.district_codes())
    return [
        AdminUnit(
            PROVINCE_CODE, "Tỉnh Bắc Giang", "Bac Giang Province", "tỉnh", "province",
            None, END_OF_DISTRICTS, plan,
            note="Merged with Bắc Ninh into the new Bắc Ninh province from 1/7/2025",
        ),
        AdminUnit(
            PROVINCE_CODE, "Tỉnh Bắc Ninh (địa bàn tỉnh Bắc Giang cũ)",
            "Bac Ninh Province (former Bac Giang territory)", "tỉnh", "province",
            COMMUNES_FROM, None, plan,
            note="New Bắc Ninh keeps code 24; only the former Bắc Giang territory is covered",
        ),
    ]  # fmt: skip


def _districts() -> list[AdminUnit]:
    units = []
    kinds = {"thanh_pho": "thành phố", "huyen": "huyện"}
    for row in geography.load_districts().itertuples(index=False):
        code, kind = row.district_code, kinds[row.kind]
        until = YEN_DUNG_UNTIL if code == "221" else END_OF_DISTRICTS
        note = {
            "213": "From 1/1/2025 includes former Yên Dũng (221); plan unit 213 is the 2022 city",
            "219": "From 1/1/2025 without thị xã Chũ (224) and with 75.93 km² of Sơn Động",
            "220": "From 1/1/2025 without 75.93 km² moved to Lục Ngạn",
            "221": "Merged into TP Bắc Giang (213) on 1/1/2025 (NQ 1191/NQ-UBTVQH15)",
        }.get(code, "")
        base = dict(
            code=code, name_en=row.full_name_en, level="district", valid_from=None,
            valid_to=until, plan_district_codes=(code,), area_km2=float(row.area_km2), note=note,
        )  # fmt: skip
        if code == "222":  # huyện -> thị xã on 1/2/2024, same territory
            day_before = VIET_YEN_TOWN_FROM - dt.timedelta(days=1)
            units.append(
                AdminUnit(**{**base, "valid_to": day_before}, name_vi=row.full_name_vi, kind=kind)
            )
            units.append(
                AdminUnit(
                    **{**base, "valid_from": VIET_YEN_TOWN_FROM, "name_en": "Viet Yen Town"},
                    name_vi="Thị xã Việt Yên",
                    kind="thị xã",
                )
            )
        else:
            units.append(AdminUnit(**base, name_vi=row.full_name_vi, kind=kind))
    units.append(
        AdminUnit(
            "224", "Thị xã Chũ", "Chu Town", "thị xã", "district", CHU_FROM, END_OF_DISTRICTS,
            ("219",), note="Split from Lục Ngạn (219) on 1/1/2025; not a plan unit: counts as 219",
        )
    )  # fmt: skip
    return units


def _communes() -> list[AdminUnit]:
    communes = pd.read_csv(COMMUNES_FILE, dtype=str, keep_default_na=False)
    sizes = pd.read_csv(AREA_POPULATION_FILE, dtype=str, keep_default_na=False)
    sizes = sizes.set_index("new_code")
    weights = plan_district_weights()
    units = []
    for row in communes.itertuples(index=False):
        size = sizes.loc[row.new_code]
        codes = tuple(weights[row.new_code])
        note = f"Formed from: {row.former_units}"
        if len(codes) > 1:
            note += "; spans plan districts " + ", ".join(codes) + " (split, see crosswalk)"
        units.append(
            AdminUnit(
                code=row.new_code,
                name_vi=row.new_name,
                name_en=_english(row.new_kind, _short(row.new_name, row.new_kind)),
                kind=row.new_kind,
                level="commune",
                valid_from=COMMUNES_FROM,
                valid_to=None,
                plan_district_codes=codes,
                area_km2=float(size.area_km2),
                population=int(size.population),
                lon=float(size.lon),
                lat=float(size.lat),
                note=note,
            )
        )
    return units


@lru_cache(maxsize=1)
def all_units() -> tuple[AdminUnit, ...]:
    """Every unit of the register, each validity period once (province, districts, communes)."""
    return (*_province(), *_districts(), *_communes())


def parse_date(value: str | dt.date) -> dt.date:
    """A date from YYYY-MM-DD; a bad value raises ValueError saying so in vi and en."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(
            f"{t('places.bad_date', 'vi', value=value)} / {t('places.bad_date', 'en', value=value)}"
        ) from None


def units_on(day: str | dt.date, level: str | None = None) -> list[AdminUnit]:
    """The units valid on `day` (optionally of one level), province first, then by code."""
    day = parse_date(day)
    if level is not None and level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    found = [u for u in all_units() if u.valid_on(day) and level in (None, u.level)]
    return sorted(found, key=lambda u: (LEVELS.index(u.level), u.code))


def unit(code: str, on: str | dt.date | None = None) -> AdminUnit:
    """The unit with `code` (valid on `on` if given, else its latest period); KeyError if none."""
    periods = [u for u in all_units() if u.code == code]
    if on is not None:
        day = parse_date(on)
        periods = [u for u in periods if u.valid_on(day)]
    if not periods:
        where = f" on {on}" if on is not None else ""
        raise KeyError(
            f"không có đơn vị hành chính mã '{code}'{where} / no administrative unit '{code}'{where}"
        )
    return max(periods, key=lambda u: u.valid_from or dt.date.min)


def units_frame(day: str | dt.date) -> pd.DataFrame:
    """The units valid on `day` as a table for the CLI: code, name, kind, level, plan district
    code(s) ('; '-joined), valid_from, valid_to."""
    rows = [
        {
            "code": u.code,
            "name": u.name_vi,
            "kind": u.kind,
            "level": u.level,
            "plan_district_codes": "; ".join(u.plan_district_codes),
            "valid_from": u.valid_from.isoformat() if u.valid_from else "",
            "valid_to": u.valid_to.isoformat() if u.valid_to else "",
        }
        for u in units_on(day)
    ]
    return pd.DataFrame(rows, columns=list(UNIT_COLUMNS))


UNIT_COLUMNS = (
    "code", "name", "kind", "level", "plan_district_codes", "valid_from", "valid_to",
)  # fmt: skip
"""Columns of `python -m ttx_data units --format csv`."""
