"""Build the bundled dataset of TTX Bắc Giang from the reference figures, deterministically.

`python -m ttx_data.generate --out DIR` writes observations, sites, site_status, forest and
milestones (Parquet, schemas in `ttx_data.datasets`) plus `metadata.json` (`write_dataset`).
`make data` (`python -m ttx_data demo-data --out data`) writes them, then has the illustrative
observations of the periods already reported (2020-2025) enter through the reporting pipeline
(`ttx_data.reporting.demo`): each reporting agency's example workbook of each period holds the
generator's values, is submitted, accepted and published with the reporting code, and is kept in
`data/reports/`; those rows keep their values and provenance "illustrative", their source becomes
the sample report ("Ví dụ minh họa trong báo cáo mẫu của …"). The generator reads only files
inside the repository (`data/reference`, `data/geo`, `data/districts.csv`); the same inputs
always give byte-identical files (fixed seed, no clock, no dict/set-order dependence).

What is sourced (and labelled so)
- official: forest cover of the province 2020 = 38.0 % and 2023 = 37.8 %, and of Sơn Động 71.8,
  Yên Thế 44.9, Lục Ngạn 43.3, Hiệp Hòa 0.8 % in 2020 (t05a, forest.parquet); QĐ 1205/QĐ-UBND of
  06/11/2023 (t14 step 1; the decision's own text). Titles and addresses are copied from
  `observations.csv`. Target 12 has no sourced step: the province-wide smart-city scheme (QĐ
  888/QĐ-UBND of 01/10/2020, reported by the press) predates the plan and is not the city's
  green-growth scheme, so it is only named in a note.
- reported (a sourced figure with a caveat): the digital economy share 42.13 % of 2022 (t03; an
  experimental MIC/CEC estimate, reference year ambiguous); the names, areas and stated districts
  of the KCN (undated press); the 4,000 m³/day central WWTP of KCN Hòa Phú (undated, put in
  2023). The occupancy of five other KCN (100/74 %, undated) is used for 2023 but their rows stay
  illustrative, because their WWTP status is invented; the note names the source.
- estimate (derived by us from sourced figures, the note says how): electricity intensity 2023 =
  ERAV's 5.99 bn kWh of commercial electricity / GRDP 181,800 bn VND at current prices = 32.9
  kWh per million VND (t01); the area of KCN Việt Hàn = 1,967.11 ha of the nine approved parks
  minus the eight others.
- Plan targets in the reference (`*_target_2025`) are never used as observations.

Everything else is illustrative (source "Số liệu minh họa ...", or the sample report it went
through; no address), and values derived from illustrative inputs stay illustrative. Illustrative values are designed to be plausible:
- every series is a smooth designed path (`SERIES_DESIGNS`, 2020-2025) plus small seeded noise,
  chosen so that the progress method gives a mix of statuses against the 2030 targets;
- district values are the province path plus a district profile (urban services higher in the
  city, high-tech farming in Lục Ngạn, livestock farms in Yên Thế ...), centred so the weighted
  mean is unchanged; shares are clipped to 0-100 and rounded to 1 decimal (HDI 3, hectares 0);
- the province value of an illustrative share is computed from the ROUNDED district values as
  their weighted mean (weights: `DISTRICT_POPULATION`; urban population for urban services,
  rural population for rural water), so consistency holds within 0.05 after rounding; area
  indicators (certified forest) are sums of districts;
- t15a (clean water, all) = urban share × t15b + rural share × t15c in every district;
- forest cover of a district is solved so that the area-weighted mean of the 10 districts equals
  the province figure of the year (official in 2020 and 2023), keeping the official district
  values and the geography (mountain districts high, the city and lowland districts low);
  `natural_area_ha` is the district polygon area scaled to the official 389,589 ha;
- t07 (KCN/CCN with central wastewater treatment) is computed from site_status: operating sites
  with an operating WWTP / operating sites × 100, for the province and every district with an
  operating site; coverage rises from ~45 % (2020) to ~77 % (2025) and in 2022 exactly 9
  operating CCN have no central WWTP, matching the reference's undated count;
- CCN names are "CCN minh họa <huyện> NN" so nobody takes them for real names; site points are
  seeded random points at least ~350 m inside the district polygon (no coordinates are published).
Every district series stays on the 10 units of 2022 through 2025 (Việt Yên's change of status,
the Yên Dũng merger and the creation of Chũ are not applied), as data/reference/ADMIN_CHANGES.md
suggests for historical series.

After the district level ended (30/6/2025), `COMMUNE_YEARS` (2026) are reported by the 58
commune-level units for the indicators whose catalog `rollup` is not "none" (`ROLLED_UP`: t05a
forest cover, t05b certified forest, t15a clean water), written to commune_observations: each unit
continues its plan district's 2025 value (a blend for the three split wards) with seeded noise.
The 2026 district and province values in observations are NOT designed: they are
`places.roll_up` / `places.roll_up_province` of the commune values, rounded to the indicator's
decimals, illustrative, with the roll-up note.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from ttx_data import catalog, datasets, paths, places
from ttx_data.i18n import t
from ttx_data.places import history
from ttx_data.plan import BASELINE_YEAR, LAST_DISTRICT_YEAR, LATEST_YEAR

SEED = 20221001
YEARS = tuple(range(BASELINE_YEAR, LAST_DISTRICT_YEAR + 1))
"""Years reported by the plan's 10 districts of 2022."""
COMMUNE_YEARS = tuple(range(LAST_DISTRICT_YEAR + 1, LATEST_YEAR + 1))
"""Years reported by the 58 commune-level units of 1/7/2025 and rolled up (2026: the data are
yearly, and 2026 is the first whole year after the district level ended on 30/6/2025)."""
AS_OF = "2026-11-24"
"""Date the reference figures were compiled: a constant, never the clock."""

PROVINCE = datasets.PROVINCE_CODE
ILLUSTRATIVE_SOURCE = (
    "Số liệu minh họa do TTX Bắc Giang tạo / Illustrative value generated by TTX Bắc Giang"
)
PROVINCE_NATURAL_AREA_HA = 389_589
"""Official natural area of the province (reference row natural_area_ha)."""

DISTRICT_POPULATION = {
    "213": 194_171,  # estimate: 371,151 (city after merger) − 176,980 (Yên Dũng), 31/12/2023
    "215": 104_800,
    "216": 180_600,
    "217": 221_400,
    "218": 229_700,
    "219": 232_500,
    "220": 79_900,
    "221": 176_980,  # official, 31/12/2023 (reference: xemnha.vn on Resolution 1191)
    "222": 229_162,  # official, 31/12/2023 (reference: Báo Đầu tư on the thị xã Việt Yên)
    "223": 250_300,
}
"""Population per district used as weights (illustrative 2022 values except where commented)."""

URBAN_POPULATION_SHARE = {
    "213": 0.80,
    "215": 0.10,
    "216": 0.10,
    "217": 0.12,
    "218": 0.09,
    "219": 0.08,
    "220": 0.09,
    "221": 0.10,
    "222": 0.18,
    "223": 0.09,
}
"""Illustrative share of each district's population living in urban areas (weights for t15)."""

URBAN_WEIGHTED = ("t10b_urban_wastewater_other_share", "t15b_clean_water_urban_share")
RURAL_WEIGHTED = ("t15c_clean_water_rural_share",)


def district_weights(indicator_id: str) -> dict[str, float]:
    """Weights of the district values in the province value of a share indicator.

    Population, except urban population for urban services (t10b, t15b) and rural population
    for rural clean water (t15c).
    """
    if indicator_id in URBAN_WEIGHTED:
        return {c: p * URBAN_POPULATION_SHARE[c] for c, p in DISTRICT_POPULATION.items()}
    if indicator_id in RURAL_WEIGHTED:
        return {c: p * (1 - URBAN_POPULATION_SHARE[c]) for c, p in DISTRICT_POPULATION.items()}
    return {c: float(p) for c, p in DISTRICT_POPULATION.items()}


DISTRICT_PROFILES = {
    "urban_services": {
        "213": 1.6,
        "215": -0.7,
        "216": -0.1,
        "217": 0.2,
        "218": -0.5,
        "219": -0.6,
        "220": -1.3,
        "221": 0.3,
        "222": 0.8,
        "223": 0.1,
    },
    "hightech_farming": {
        "213": 0.4,
        "215": 0.2,
        "216": 0.6,
        "217": 0.3,
        "218": 0.3,
        "219": 1.2,
        "220": -1.2,
        "221": 0.3,
        "222": -0.2,
        "223": -0.3,
    },
    "livestock_farms": {
        "213": -0.8,
        "215": 1.3,
        "216": 0.5,
        "217": 0.8,
        "218": 0.0,
        "219": -0.2,
        "220": -1.0,
        "221": 0.0,
        "222": -0.3,
        "223": 0.4,
    },
    "upland_irrigation": {
        "213": -0.4,
        "215": 0.4,
        "216": 0.3,
        "217": 0.0,
        "218": 0.6,
        "219": 1.3,
        "220": -0.4,
        "221": -0.2,
        "222": -0.6,
        "223": -0.7,
    },
    "industry": {
        "213": 0.9,
        "215": -0.6,
        "216": -0.3,
        "217": 0.0,
        "218": -0.4,
        "219": -0.5,
        "220": -1.0,
        "221": 0.2,
        "222": 1.0,
        "223": 0.4,
    },
}
"""How far above (+) or below (−) the province a district tends to be, in units of `spread`."""


@dataclass(frozen=True)
class SeriesDesign:
    """The designed province path 2020-2025 of an illustrative indicator and how districts vary."""

    indicator_id: str
    path: tuple[float, ...]
    decimals: int = 1
    profile: str | None = None
    spread: float = 0.0
    exclude_districts: tuple[str, ...] = ()
    fixed_baseline: bool = False

    @property
    def by_district(self) -> bool:
        return self.profile is not None


SERIES_DESIGNS = (
    SeriesDesign("t02_renewable_share", (0.40, 0.45, 0.50, 0.55, 0.61, 0.68)),
    SeriesDesign(
        "t04a_hightech_agriculture_share",
        (12.0, 13.5, 15.2, 17.0, 18.8, 20.5),
        profile="hightech_farming",
        spread=5.0,
    ),
    SeriesDesign("t04b_hightech_aquaculture_share", (8.0, 8.9, 9.9, 10.9, 12.0, 13.0)),
    SeriesDesign("t04c_hightech_forestry_share", (14.5, 14.3, 14.0, 13.7, 13.4, 13.1)),
    SeriesDesign(
        "t04d_gap_value_share",
        (35.0, 37.3, 39.7, 42.0, 44.5, 47.0),
        profile="hightech_farming",
        spread=8.0,
    ),
    SeriesDesign(
        "t04e_livestock_farm_share",
        (45.0, 47.5, 50.1, 52.8, 55.4, 58.0),
        profile="livestock_farms",
        spread=8.0,
    ),
    SeriesDesign(
        "t06_water_saving_irrigation_share",
        (12.0, 12.8, 13.7, 14.6, 15.5, 16.5),
        profile="upland_irrigation",
        spread=4.0,
    ),
    SeriesDesign(
        "t08_business_wastewater_treated_share",
        (72.0, 73.2, 74.4, 75.6, 76.8, 78.0),
        profile="industry",
        spread=4.0,
    ),
    SeriesDesign(
        "t09_urban_solid_waste_treated_share",
        (85.0, 86.4, 87.7, 89.0, 90.3, 91.5),
        profile="urban_services",
        spread=3.0,
    ),
    SeriesDesign("t10a_urban_wastewater_city_grade4_share", (22.0, 22.8, 24.0, 25.5, 27.2, 29.0)),
    SeriesDesign(
        "t10b_urban_wastewater_other_share",
        (5.0, 5.6, 6.3, 7.1, 8.0, 9.0),
        profile="urban_services",
        spread=2.0,
        exclude_districts=("213",),
    ),
    SeriesDesign("t11_green_public_procurement_share", (3.4, 3.5, 3.3, 3.3, 3.2, 3.1)),
    SeriesDesign("t13_hdi", (0.700, 0.705, 0.711, 0.716, 0.722, 0.727), decimals=3),
    SeriesDesign(
        "t15b_clean_water_urban_share",
        (88.0, 89.5, 91.0, 92.5, 94.0, 95.5),
        profile="urban_services",
        spread=2.5,
    ),
    SeriesDesign(
        "t15c_clean_water_rural_share",
        (78.0, 79.5, 81.0, 82.5, 84.0, 85.5),
        profile="urban_services",
        spread=4.0,
    ),
    SeriesDesign(
        "s89_plastic_bag_reduction", (0.0, 6.5, 13.0, 20.5, 29.0, 38.0), fixed_baseline=True
    ),
)
"""Designed province paths; the expected status against the 2030 target is in the report."""

ELECTRICITY_INTENSITY = "t01_electricity_intensity"
DIGITAL_ECONOMY = "t03_digital_economy_share"
FOREST_COVER = "t05a_forest_cover"
CERTIFIED_FOREST = "t05b_certified_forest_area"
SITE_WWTP_SHARE = "t07_kcn_ccn_wwtp_share"
CLEAN_WATER_TOTAL = "t15a_clean_water_total_share"

SHARE_INDICATOR_IDS = tuple(
    sorted(
        ({d.indicator_id for d in SERIES_DESIGNS} - {"t13_hdi", "s89_plastic_bag_reduction"})
        | {DIGITAL_ECONOMY, FOREST_COVER, SITE_WWTP_SHARE, CLEAN_WATER_TOTAL}
    )
)
"""Indicators whose values are shares of a whole, so must lie within 0-100."""

NUMERIC_INDICATOR_IDS = tuple(
    sorted(
        {d.indicator_id for d in SERIES_DESIGNS}
        | {
            ELECTRICITY_INTENSITY,
            DIGITAL_ECONOMY,
            FOREST_COVER,
            CERTIFIED_FOREST,
            SITE_WWTP_SHARE,
            CLEAN_WATER_TOTAL,
        }
    )
)


def _note(vi: str, en: str) -> str:
    return f"{vi} / {en}"


def _rng(topic: str) -> np.random.Generator:
    """A seeded generator per topic, so one series does not depend on the order of the others."""
    return np.random.default_rng([SEED, zlib.crc32(topic.encode("utf-8"))])


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None


ILLUSTRATIVE = Source(ILLUSTRATIVE_SOURCE, None)


@dataclass(frozen=True)
class Inputs:
    """Every file the generator reads, loaded once."""

    districts: pd.DataFrame
    communes: pd.DataFrame
    polygons: dict[str, BaseGeometry]
    reference: pd.DataFrame
    parks: pd.DataFrame

    @property
    def district_codes(self) -> list[str]:
        return sorted(self.districts["district_code"])

    def district_label(self, code: str, lang: str) -> str:
        """ "Huyện Yên Dũng" / "Yen Dung District" for notes."""
        column = "full_name_en" if lang == "en" else "full_name_vi"
        return self.districts.set_index("district_code").loc[code, column]


def load_inputs(root: Path = paths.BUNDLED_DATA_DIR) -> Inputs:
    """Read the district list, commune list, district polygons and the reference figures."""
    geo = json.loads((root / "geo" / "districts.geojson").read_text(encoding="utf-8"))
    polygons = {f["properties"]["district_code"]: shape(f["geometry"]) for f in geo["features"]}
    communes = pd.read_csv(root / "geo" / "gso2022_admin_units_bac_giang.csv", dtype=str)
    return Inputs(
        districts=pd.read_csv(root / "districts.csv", dtype={"district_code": str}),
        communes=communes[communes["level"] == "commune"].reset_index(drop=True),
        polygons=polygons,
        reference=pd.read_csv(root / "reference" / "observations.csv", dtype=str),
        parks=pd.read_csv(root / "reference" / "industrial_parks.csv", dtype=str),
    )


def reference_row(inputs: Inputs, indicator: str, geography: str, year: str | None) -> pd.Series:
    """The one reference row of an indicator, place and year (blank year: None); fails loudly."""
    ref = inputs.reference
    same_year = ref["year"].isna() if year is None else ref["year"] == year
    rows = ref[(ref["indicator"] == indicator) & (ref["geography"] == geography) & same_year]
    if len(rows) != 1:
        raise LookupError(f"expected 1 reference row {indicator}/{geography}/{year}: {len(rows)}")
    return rows.iloc[0]


def reference_source(row: pd.Series) -> Source:
    return Source(row["source_title"], row["source_url_or_repo_path"])


def _observation(
    indicator_id, area_code, year, value, provenance="illustrative", source=ILLUSTRATIVE, note=None
) -> dict:
    return {
        "indicator_id": indicator_id,
        "area_code": area_code,
        "area_level": "province" if area_code == PROVINCE else "district",
        "year": year,
        "value": float(value),
        "provenance": provenance,
        "source_title": source.title,
        "source_url": source.url,
        "note": note,
    }


def weighted_mean(values: dict[str, float], weights: dict[str, float]) -> float:
    """Weighted mean over the codes present in `values`."""
    total = sum(weights[c] for c in values)
    return sum(values[c] * weights[c] for c in sorted(values)) / total


# Illustrative indicator series


def _province_path_with_noise(design: SeriesDesign, rng: np.random.Generator) -> list[float]:
    """The designed path plus noise of about a tenth of the mean annual step."""
    path = np.asarray(design.path, dtype=float)
    step = float(np.mean(np.abs(np.diff(path))))
    noisy = path + rng.normal(0.0, 0.1 * step, len(path))
    if design.fixed_baseline:
        noisy[0] = path[0]
    return noisy.tolist()


def _centred_profile(profile: dict[str, float], weights: dict[str, float]) -> dict[str, float]:
    mean = weighted_mean(profile, weights)
    return {c: profile[c] - mean for c in sorted(profile)}


def district_paths(design: SeriesDesign, codes: Sequence[str]) -> dict[str, list[float]]:
    """Rounded, clipped district series: province path + centred profile + drift + noise."""
    rng = _rng(f"series:{design.indicator_id}")
    weights = {c: w for c, w in district_weights(design.indicator_id).items() if c in codes}
    profile = _centred_profile({c: DISTRICT_PROFILES[design.profile][c] for c in codes}, weights)
    path = np.asarray(design.path, dtype=float)
    step = float(np.mean(np.abs(np.diff(path))))
    drift = _centred_profile({c: rng.normal(0.0, 0.2 * step) for c in codes}, weights)
    years = np.arange(len(path))
    series = {}
    for code in codes:
        noise = rng.normal(0.0, 0.12 * step, len(path))
        raw = path + design.spread * profile[code] + drift[code] * years + noise
        series[code] = np.round(np.clip(raw, 0.0, 100.0), design.decimals).tolist()
    return series


def province_from_districts(
    indicator_id: str, series: dict[str, list[float]], decimals: int
) -> list[float]:
    """Province value per year: weighted mean of the rounded district values, rounded."""
    weights = district_weights(indicator_id)
    return [
        round(weighted_mean({c: series[c][i] for c in series}, weights), decimals)
        for i in range(len(YEARS))
    ]


def _series_rows(indicator_id: str, area_code: str, values: Sequence[float], note=None) -> list:
    return [
        _observation(indicator_id, area_code, year, value, note=note)
        for year, value in zip(YEARS, values, strict=True)
    ]


PROVINCE_FROM_DISTRICTS_NOTE = _note(
    "Bình quân gia quyền (theo dân số) của các giá trị cấp huyện minh họa",
    "Weighted mean (by population) of the illustrative district values",
)


def designed_indicator_rows(design: SeriesDesign, codes: Sequence[str]) -> list[dict]:
    """Province (and district) observations of one illustrative indicator."""
    if not design.by_district:
        values = np.round(
            _province_path_with_noise(design, _rng(f"series:{design.indicator_id}")),
            design.decimals,
        )
        return _series_rows(design.indicator_id, PROVINCE, values.tolist())
    own_codes = [c for c in codes if c not in design.exclude_districts]
    series = district_paths(design, own_codes)
    province = province_from_districts(design.indicator_id, series, design.decimals)
    rows = _series_rows(design.indicator_id, PROVINCE, province, PROVINCE_FROM_DISTRICTS_NOTE)
    for code in own_codes:
        rows += _series_rows(design.indicator_id, code, series[code])
    return rows


def clean_water_total_rows(urban: dict[str, list[float]], rural: dict[str, list[float]]) -> list:
    """t15a per district = urban share × t15b + rural share × t15c; province by population."""
    series = {}
    for code in sorted(urban):
        share = URBAN_POPULATION_SHARE[code]
        series[code] = [
            round(share * u + (1 - share) * r, 1)
            for u, r in zip(urban[code], rural[code], strict=True)
        ]
    note = _note(
        "Tính từ tỷ lệ đô thị (t15b) và nông thôn (t15c) minh họa, gia quyền theo dân số",
        "Computed from the illustrative urban (t15b) and rural (t15c) shares, population-weighted",
    )
    province = province_from_districts(CLEAN_WATER_TOTAL, series, 1)
    rows = _series_rows(CLEAN_WATER_TOTAL, PROVINCE, province, note)
    for code in sorted(series):
        rows += _series_rows(CLEAN_WATER_TOTAL, code, series[code], note)
    return rows


def illustrative_indicator_rows(inputs: Inputs) -> list[dict]:
    """All indicators built from `SERIES_DESIGNS`, plus t15a combined from t15b and t15c."""
    rows = []
    for design in SERIES_DESIGNS:
        rows += designed_indicator_rows(design, inputs.district_codes)
    by_design = {d.indicator_id: d for d in SERIES_DESIGNS}
    urban = district_paths(by_design["t15b_clean_water_urban_share"], inputs.district_codes)
    rural = district_paths(by_design["t15c_clean_water_rural_share"], inputs.district_codes)
    return rows + clean_water_total_rows(urban, rural)


# Sourced indicators (t01, t03)


def electricity_intensity_rows(inputs: Inputs) -> list[dict]:
    """t01: the 2023 estimate from ERAV and GRDP, other years an illustrative slow decline."""
    sales = reference_row(inputs, "electricity_commercial_sales_bn_kwh", "Bắc Giang (tỉnh)", "2023")
    grdp = reference_row(inputs, "grdp_current_prices_bn_vnd", "Bắc Giang (tỉnh)", "2023")
    kwh = float(sales["value"]) * 1e9
    million_vnd = float(grdp["value"]) * 1e9 / 1e6
    estimate = round(kwh / million_vnd, 1)
    note = _note(
        "Ước tính của TTX: điện thương phẩm 2023 (ERAV, 5,99 tỷ kWh) chia GRDP 2023 giá hiện hành"
        " (181.800 tỷ đồng); không phải số liệu công bố; chỉ tiêu định nghĩa theo GRDP giá so"
        " sánh nên giá trị này chỉ để tham khảo",
        "TTX estimate: 2023 commercial electricity sales (ERAV, 5.99 bn kWh) divided by 2023 GRDP"
        " at current prices (181,800 bn VND); not a published figure; the indicator is defined"
        " at constant prices, so this value is indicative only",
    )
    rng = _rng(f"series:{ELECTRICITY_INTENSITY}")
    rows = []
    for year in YEARS:
        if year == 2023:
            rows.append(
                _observation(
                    ELECTRICITY_INTENSITY,
                    PROVINCE,
                    year,
                    estimate,
                    "estimate",
                    reference_source(sales),
                    note,
                )
            )
            continue
        trend = estimate * (1 - 0.006) ** (year - 2023)
        value = round(trend * (1 + rng.normal(0.0, 0.002)), 1)
        rows.append(
            _observation(
                ELECTRICITY_INTENSITY,
                PROVINCE,
                year,
                value,
                note=_note(
                    "Minh họa, neo theo ước tính 2023",
                    "Illustrative, anchored on the 2023 estimate",
                ),
            )
        )
    return rows


DIGITAL_ECONOMY_STEPS = {2020: -5.13, 2021: -2.53, 2023: 1.17, 2024: 2.27, 2025: 3.27}
"""Illustrative distance of each year from the reported 2022 value, in percentage points."""


def digital_economy_rows(inputs: Inputs) -> list[dict]:
    """t03: reported 42.13 % for 2022; other years illustrative around it."""
    row = reference_row(inputs, "digital_economy_share_grdp_pct", "Bắc Giang (tỉnh)", "2022")
    reported = float(row["value"])
    note = _note(
        "Ước tính thử nghiệm của Bộ TT&TT/CEC (Báo cáo thường niên kinh tế số Việt Nam 2022),"
        " có thể khác định nghĩa của Tổng cục Thống kê; năm tham chiếu chưa rõ",
        "MIC/CEC experimental estimate (Báo cáo thường niên kinh tế số Việt Nam 2022); may differ"
        " from the GSO definition; reference year ambiguous",
    )
    rng = _rng(f"series:{DIGITAL_ECONOMY}")
    rows = []
    for year in YEARS:
        if year == 2022:
            rows.append(
                _observation(
                    DIGITAL_ECONOMY,
                    PROVINCE,
                    year,
                    reported,
                    "reported",
                    reference_source(row),
                    note,
                )
            )
            continue
        value = round(reported + DIGITAL_ECONOMY_STEPS[year] + rng.normal(0.0, 0.15), 1)
        rows.append(
            _observation(
                DIGITAL_ECONOMY,
                PROVINCE,
                year,
                value,
                note=_note(
                    "Minh họa quanh giá trị 2022 được báo cáo",
                    "Illustrative, around the reported 2022 value",
                ),
            )
        )
    return rows


# Forest (t05a, t05b)

PROVINCE_FOREST_COVER = {2020: 38.0, 2021: 37.9, 2022: 37.9, 2023: 37.8, 2024: 37.7, 2025: 37.6}
"""Province cover by year: 2020 and 2023 official (checked against the reference), others
illustrative."""

OFFICIAL_COVER_YEARS = {2020: "2020", 2023: "2023"}
OFFICIAL_DISTRICT_COVER_2020 = {
    "220": "Sơn Động",
    "215": "Yên Thế",
    "219": "Lục Ngạn",
    "223": "Hiệp Hòa",
}

FOREST_COVER_PROFILE_2020 = {
    "218": 36.0,
    "221": 9.0,
    "217": 6.0,
    "222": 5.0,
    "216": 3.0,
    "213": 1.5,
}
"""Relative 2020 cover of the districts without an official figure (scaled to the province)."""

FOREST_COVER_DRIFT = {
    "213": -0.02,
    "215": -0.002,
    "216": -0.01,
    "217": -0.01,
    "218": -0.002,
    "219": -0.003,
    "220": -0.001,
    "221": -0.008,
    "222": -0.012,
    "223": -0.01,
}
"""Illustrative relative change of cover per year: lowland forest shrinks faster than upland."""

CERTIFIED_FOREST_TOTAL = {2020: 3000, 2021: 4100, 2022: 5300, 2023: 6600, 2024: 8000, 2025: 9500}
CERTIFIED_FOREST_SHARES = {"215": 0.19, "218": 0.18, "219": 0.27, "220": 0.36}
"""Illustrative certified forest (FSC/VFCS), in the forested districts only."""


def natural_area_by_district(inputs: Inputs) -> dict[str, float]:
    """Polygon areas (km² × 100) scaled so the 10 districts sum to the official 389,589 ha."""
    km2 = dict(zip(inputs.districts["district_code"], inputs.districts["area_km2"], strict=True))
    total = sum(km2.values()) * 100
    scaled = {c: round(km2[c] * 100 * PROVINCE_NATURAL_AREA_HA / total) for c in sorted(km2)}
    largest = max(scaled, key=lambda c: (scaled[c], c))
    scaled[largest] += PROVINCE_NATURAL_AREA_HA - sum(scaled.values())
    return {c: float(v) for c, v in scaled.items()}


def official_province_cover(inputs: Inputs, year: int) -> tuple[float, Source]:
    row = reference_row(inputs, "forest_cover_pct", "Bắc Giang (tỉnh)", OFFICIAL_COVER_YEARS[year])
    value = float(row["value"])
    if value != PROVINCE_FOREST_COVER[year]:
        raise ValueError(f"reference forest cover {year} = {value}, expected the design value")
    return value, reference_source(row)


def official_district_cover_2020(inputs: Inputs) -> tuple[dict[str, float], Source]:
    values, source = {}, None
    for code, name in sorted(OFFICIAL_DISTRICT_COVER_2020.items()):
        row = reference_row(inputs, "forest_cover_pct", name, "2020")
        values[code], source = float(row["value"]), reference_source(row)
    return values, source


def solve_cover(
    fixed: dict[str, float], free: dict[str, float], area: dict[str, float], province: float
) -> dict[str, float]:
    """Scale the free districts' covers so the area-weighted mean equals `province`; round to 0.1.

    The rounding residual is moved onto the largest free district, so the rounded covers still
    average to the province value within 0.01.
    """
    needed = province * sum(area.values()) - sum(fixed[c] * area[c] for c in fixed)
    scale = needed / sum(free[c] * area[c] for c in free)
    covers = {c: round(v, 1) for c, v in fixed.items()}
    covers |= {c: round(free[c] * scale, 1) for c in free}
    residual = province - weighted_mean(covers, area)
    largest = max(free, key=lambda c: (area[c], c))
    covers[largest] = round(covers[largest] + residual * sum(area.values()) / area[largest], 1)
    return dict(sorted(covers.items()))


def district_cover_by_year(inputs: Inputs, area: dict[str, float]) -> dict[int, dict[str, float]]:
    """District covers per year, solved to the province figure of that year."""
    official, _ = official_district_cover_2020(inputs)
    first = solve_cover(official, FOREST_COVER_PROFILE_2020, area, PROVINCE_FOREST_COVER[2020])
    rng = _rng("forest:cover")
    covers = {2020: first}
    for year in YEARS[1:]:
        drifted = {
            c: first[c] * (1 + FOREST_COVER_DRIFT[c] * (year - 2020)) * (1 + rng.normal(0, 0.002))
            for c in sorted(first)
        }
        covers[year] = solve_cover({}, drifted, area, PROVINCE_FOREST_COVER[year])
    return covers


def certified_area_by_year(codes: Sequence[str]) -> dict[int, dict[str, float]]:
    """Certified forest per district and year: an illustrative total split over forest districts."""
    rng = _rng("forest:certified")
    result = {}
    for year in YEARS:
        total = CERTIFIED_FOREST_TOTAL[year] + rng.normal(0.0, 40.0)
        shares = {c: s * (1 + rng.normal(0.0, 0.03)) for c, s in CERTIFIED_FOREST_SHARES.items()}
        norm = sum(shares.values())
        result[year] = {c: float(round(total * shares.get(c, 0.0) / norm)) for c in codes}
    return result


def forest_frame(inputs: Inputs) -> pd.DataFrame:
    """forest.parquet: 10 districts × 2020-2025."""
    area = natural_area_by_district(inputs)
    covers = district_cover_by_year(inputs, area)
    certified = certified_area_by_year(inputs.district_codes)
    official, source = official_district_cover_2020(inputs)
    rows = []
    for code in inputs.district_codes:
        for year in YEARS:
            is_official = year == 2020 and code in official
            cover = covers[year][code]
            rows.append(
                {
                    "district_code": code,
                    "year": year,
                    "natural_area_ha": area[code],
                    "forest_area_ha": float(round(cover * area[code] / 100)),
                    "cover_pct": cover,
                    "cover_provenance": "official" if is_official else "illustrative",
                    "certified_area_ha": certified[year][code],
                    "certified_provenance": "illustrative",
                    "source_title": source.title if is_official else None,
                    "source_url": source.url if is_official else None,
                }
            )
    return typed_frame(rows, datasets.FOREST)


COVER_SOLVED_NOTE = _note(
    "Minh họa, giải sao cho bình quân gia quyền theo diện tích bằng độ che phủ của tỉnh",
    "Illustrative, solved so the area-weighted mean equals the province cover",
)


def forest_observation_rows(inputs: Inputs, forest: pd.DataFrame) -> list[dict]:
    """t05a and t05b observations: province cover (official 2020/2023), districts from forest."""
    rows = []
    for year in YEARS:
        if year in OFFICIAL_COVER_YEARS:
            value, source = official_province_cover(inputs, year)
            rows.append(_observation(FOREST_COVER, PROVINCE, year, value, "official", source))
        else:
            rows.append(
                _observation(
                    FOREST_COVER,
                    PROVINCE,
                    year,
                    PROVINCE_FOREST_COVER[year],
                    note=_note(
                        "Minh họa, gần số liệu chính thức 2020 và 2023",
                        "Illustrative, close to the official 2020 and 2023 figures",
                    ),
                )
            )
        own = forest[forest["year"] == year]
        rows.append(
            _observation(
                CERTIFIED_FOREST,
                PROVINCE,
                year,
                own["certified_area_ha"].sum(),
                note=_note("Tổng các huyện", "Sum of the districts"),
            )
        )
    for record in forest.to_dict("records"):
        official = record["cover_provenance"] == "official"
        source = Source(record["source_title"], record["source_url"]) if official else ILLUSTRATIVE
        rows.append(
            _observation(
                FOREST_COVER,
                record["district_code"],
                record["year"],
                record["cover_pct"],
                record["cover_provenance"],
                source,
                None if official else COVER_SOLVED_NOTE,
            )
        )
        rows.append(
            _observation(
                CERTIFIED_FOREST,
                record["district_code"],
                record["year"],
                record["certified_area_ha"],
            )
        )
    return rows


# After 30/6/2025: commune-level units, rolled up to the plan's districts (t05a, t05b, t15a)

ROLLED_UP = (FOREST_COVER, CERTIFIED_FOREST, CLEAN_WATER_TOTAL)
"""Indicators reported by commune-level unit in `COMMUNE_YEARS` (their catalog rollup is not
"none")."""

COMMUNE_GROWTH = {
    FOREST_COVER: ("scale", 0.995, 0.08),
    CERTIFIED_FOREST: ("allocate", 1.13, 0.3),
    CLEAN_WATER_TOTAL: ("add", 0.8, 1.5),
}
"""Per indicator: how a unit's value continues its district's 2025 value (scale it, allocate the
grown district total by area, or add points), the yearly change, and the spread of the noise
(relative for scale/allocate, points for add)."""


def _area_values(obs: pd.DataFrame, indicator_id: str, year: int) -> dict[str, float]:
    own = obs[(obs["indicator_id"] == indicator_id) & (obs["year"] == year)]
    return dict(zip(own["area_code"], own["value"], strict=True))


def commune_values(indicator_id: str, last: dict[str, float], year: int) -> dict[str, float]:
    """Illustrative values of the 58 units in `year`, continuing their districts' `last` values."""
    units = places.units_on(f"{year}-12-31", level="commune")
    shares = places.plan_district_weights()
    how, change, spread = COMMUNE_GROWTH[indicator_id]
    rng = _rng(f"communes:{indicator_id}:{year}")
    steps = year - LAST_DISTRICT_YEAR
    decimals = catalog.indicator(indicator_id, paths.BUNDLED_DATA_DIR).decimals
    if how == "allocate":  # district total grown, split over its units by area × noise
        noisy = {u.code: u.area_km2 * max(0.1, 1 + rng.normal(0.0, spread)) for u in units}
        reach = {}
        for u in units:
            for district, share in shares[u.code].items():
                reach[district] = reach.get(district, 0.0) + noisy[u.code] * float(share)
        values = {
            u.code: sum(
                last[d] * change**steps * noisy[u.code] * float(s) / reach[d]
                for d, s in shares[u.code].items()
            )
            for u in units
        }
    else:
        values = {}
        for u in units:
            base = sum(last[d] * float(s) for d, s in shares[u.code].items())
            if how == "scale":
                values[u.code] = base * change**steps * (1 + rng.normal(0.0, spread))
            else:
                values[u.code] = base + change * steps + rng.normal(0.0, spread)
        if how == "scale":  # centre the noise: each district's roll-up continues its own value
            values = _centred_on_districts(indicator_id, values, last, change**steps, year)
    upper = 100.0 if indicator_id in SHARE_INDICATOR_IDS else math.inf
    return {c: round(float(np.clip(v, 0.0, upper)), decimals) for c, v in sorted(values.items())}


def _centred_on_districts(
    indicator_id: str, values: dict[str, float], last: dict[str, float], factor: float, year: int
) -> dict[str, float]:
    """Unit values rescaled so their roll-up is each district's and the province's `last` value ×
    `factor` (the province within a few tenths)."""
    frame = pd.DataFrame(
        {"unit_code": list(values), "value": list(values.values()), "provenance": "illustrative"}
    )
    indicator = catalog.indicator(indicator_id, paths.BUNDLED_DATA_DIR)
    rolled = places.roll_up(frame, indicator, year).set_index("plan_district_code")["value"]
    shares = places.plan_district_weights()
    centred = {
        code: value * sum(float(s) * last[d] * factor / rolled[d] for d, s in shares[code].items())
        for code, value in values.items()
    }
    # then the province: the 2025 move of 75.93 km² from Sơn Động to Lục Ngạn changes the area
    # weights, which alone would lower the province cover; keep the province's own path too
    frame["value"] = list(centred.values())
    province = places.roll_up_province(frame, indicator, year)["value"]
    return {c: v * last[PROVINCE] * factor / province for c, v in centred.items()}


def commune_observations_frame(obs: pd.DataFrame) -> pd.DataFrame:
    """commune_observations.parquet: 58 units × `ROLLED_UP` × `COMMUNE_YEARS`."""
    rows = []
    for indicator_id in ROLLED_UP:
        last = _area_values(obs, indicator_id, LAST_DISTRICT_YEAR)
        for year in COMMUNE_YEARS:
            for code, value in commune_values(indicator_id, last, year).items():
                rows.append(
                    {
                        "indicator_id": indicator_id,
                        "unit_code": code,
                        "year": year,
                        "value": value,
                        "provenance": "illustrative",
                        "source_title": ILLUSTRATIVE.title,
                        "source_url": None,
                        "note": COMMUNE_NOTE,
                    }
                )
    frame = typed_frame(rows, datasets.COMMUNE_OBSERVATIONS)
    return frame.sort_values(["indicator_id", "unit_code", "year"]).reset_index(drop=True)


COMMUNE_NOTE = _note(
    "Minh họa: giá trị của xã, phường (từ 1/7/2025), tiếp nối giá trị 2025 của huyện",
    "Illustrative: value of the commune or ward (from 1/7/2025), continuing its district's 2025"
    " value",
)


def _rolled_up_note(row: dict, note_en: str, count: int) -> str:
    vi = t("places.rollup.derived", "vi", count=count, how=row["note"])
    en = t("places.rollup.derived", "en", count=count, how=note_en)
    return _note(vi, en)


def rolled_up_observation_rows(
    communes: pd.DataFrame, directory: Path = paths.BUNDLED_DATA_DIR
) -> list[dict]:
    """District and province observations rolled up from the units' values of each indicator and
    year in `communes` (by the rules of the catalog of `directory`); the publisher of reported
    figures rolls them up the same way."""
    rows = []
    for (indicator_id, year), values in communes.groupby(["indicator_id", "year"], sort=True):
        indicator = catalog.indicator(indicator_id, directory)
        count = len(values)
        vi = places.roll_up(values, indicator, year, "vi").to_dict("records")
        en = places.roll_up(values, indicator, year, "en")["note"].tolist()
        province_vi = places.roll_up_province(values, indicator, year, "vi")
        province_en = places.roll_up_province(values, indicator, year, "en")["note"]
        found = [(r["plan_district_code"], r, n) for r, n in zip(vi, en, strict=True)]
        for code, row, note_en in [(PROVINCE, province_vi, province_en), *found]:
            rows.append(
                _observation(
                    indicator_id,
                    code,
                    int(year),
                    round(row["value"], indicator.decimals),
                    row["provenance"],
                    note=_rolled_up_note(row, note_en, count),
                )
            )
    return rows


# Sites: KCN from the reference, illustrative CCN

KCN_OPERATING_FROM = {
    "KCN Việt Hàn": 2022,
    "KCN Tân Hưng": 2024,
    "KCN Hòa Phú mở rộng (giai đoạn 1)": 2025,
}
"""First operating year where not 2020. Việt Hàn: the 2021 source says 5 of 6 parks operate;
Tân Hưng and Hòa Phú mở rộng 1: illustrative start after the reported site works."""

KCN_WWTP_FROM = {
    "KCN Việt Hàn": 2023,
    "KCN Tân Hưng": 2025,
    "KCN Hòa Phú mở rộng (giai đoạn 1)": 2026,
}
"""First year with an operating central WWTP where later than the park's start (illustrative)."""

REPORTED_OCCUPANCY_YEAR = 2023

CCN_PER_DISTRICT = {
    "215": 4,
    "216": 5,
    "217": 5,
    "218": 5,
    "219": 4,
    "220": 2,
    "221": 4,
    "222": 3,
    "223": 4,
}
"""Illustrative CCN count per district (none in the city), 36 in all."""

CCN_STARTS = {2020: 22, 2021: 2, 2022: 2, 2023: 2, 2024: 2, 2025: 1}
"""How many illustrative CCN start operating each year; the other 5 stay planned."""

CCN_WITH_WWTP = {2020: 7, 2021: 12, 2022: 17, 2023: 18, 2024: 21, 2025: 23, 2026: 26, 2027: 28}
"""Operating CCN with an operating central WWTP per year; 2022: 26 operating − 17 = 9 without.
2026-2027 only decide which plants show as under construction in 2024-2025."""

POINT_MARGIN_DEG = 0.0035
"""Site points lie at least this far inside the district border (≈ 360 m at 21° N)."""


def fold(text: str) -> str:
    """Lower-case NFC text with old-style tone placement normalised (Hoà → hòa)."""
    text = unicodedata.normalize("NFC", text).lower().strip()
    for old, new in (
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
        ("uỳ", "ùy"),
        ("uý", "úy"),
        ("uỷ", "ủy"),
        ("uỹ", "ũy"),
        ("uỵ", "ụy"),
    ):
        text = text.replace(old, new)
    return text


def slug(text: str) -> str:
    """ASCII upper-case id part: "KCN Song Khê - Nội Hoàng" → "KCN-SONG-KHE-NOI-HOANG"."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").upper()


def parse_area_ha(text: str | float) -> float | None:
    """Leading number of an area cell: "150 (hơn 150 ha)" → 150.0; blank → None."""
    if not isinstance(text, str):
        return None
    match = re.match(r"\s*(\d+(?:\.\d+)?)", text)
    return float(match.group(1)) if match else None


def park_source(text: str, previous_urls: dict[str, str], titles: dict[str, str]) -> Source:
    """Title and address of the first source cited in an industrial_parks.csv cell."""
    publisher = text.split(",")[0].split(" (")[0].strip()
    match = re.search(r"https?://[^\s\"'()]+", text)
    url = match.group(0).rstrip(".,;") if match else previous_urls.get(publisher)
    if url in titles:
        return Source(titles[url], url)
    before_url = text[: match.start()] if match else text
    quoted = re.search(r'"([^"]+)"', before_url)
    title = f"{quoted.group(1)} ({publisher})" if quoted else publisher
    return Source(title, url)


@dataclass(frozen=True)
class DistrictChoice:
    code: str
    basis: str
    note_vi: str
    note_en: str


Commune = tuple[str, str]
"""(commune name, district code) from the GSO 2022 list."""


def commune_index(inputs: Inputs) -> dict[str, list[Commune]]:
    """Folded commune name → every commune of that name (two "Phúc Sơn" exist)."""
    result: dict[str, list[Commune]] = {}
    for row in inputs.communes.itertuples():
        result.setdefault(fold(row.name_vi), []).append((row.name_vi, row.district_code))
    return result


def communes_in_name(name: str, index: dict[str, list[Commune]]) -> list[Commune]:
    """Communes named in a park name, in order: "KCN Tiên Sơn - Ninh Sơn" → both."""
    core = re.sub(r"\(.*?\)|mở rộng", "", name.removeprefix("KCN ")).strip()
    matches = [index.get(fold(part), []) for part in core.split(" - ")]
    return [found[0] for found in matches if len(found) == 1]


def communes_in_text(text: str, index: dict[str, list[Commune]]) -> list[Commune]:
    """Communes named in the bracketed remark of a district cell ("[... Nếnh ward address ...]")."""
    remark = fold(text.split("[", 1)[1]) if "[" in text else ""
    return [
        found[0]
        for key, found in sorted(index.items())
        if len(found) == 1 and re.search(rf"\b{re.escape(key)}\b", remark)
    ]


def district_by_name(inputs: Inputs, text: str) -> str | None:
    """District code named at the start of a district cell ("TP Bắc Giang", "Việt Yên [...]")."""
    head = fold(text.split("[")[0].split("(")[0].split("/")[0].replace("TP ", ""))
    for row in inputs.districts.itertuples():
        if fold(row.name_vi) == head:
            return row.district_code
    return None


def commune_labels(inputs: Inputs, communes: list[Commune]) -> tuple[str, str]:
    """ "xã Nội Hoàng (Huyện Yên Dũng, 221)" in both languages, for notes."""
    vi = ", ".join(f"{c} ({inputs.district_label(d, 'vi')}, {d})" for c, d in communes)
    en = ", ".join(f"{c} ({inputs.district_label(d, 'en')}, {d})" for c, d in communes)
    return vi, en


def choose_park_district(inputs: Inputs, name: str, cell: str | float) -> DistrictChoice:
    """District of a KCN: as stated by the source, else inferred from the communes it names.

    A stated district is kept when a commune of the name lies in it (or none is named); when
    the named communes all lie elsewhere in the GSO 2022 list, the first one's district wins.
    """
    index = commune_index(inputs)
    text = cell if isinstance(cell, str) else ""
    communes = communes_in_name(name, index) or communes_in_text(text, index)
    stated = district_by_name(inputs, text) if text and "inferred" not in text else None
    chosen = stated if stated and (not communes or any(d == stated for _, d in communes)) else None
    code = chosen or (communes[0][1] if communes else district_by_name(inputs, text))
    if code is None:
        raise LookupError(f"cannot place {name!r}: no district stated and no commune in its name")
    vi, en = [], []
    if chosen:
        vi.append("Huyện theo nguồn")
        en.append("District as stated by the source")
    elif communes:
        first_vi, first_en = commune_labels(inputs, communes[:1])
        vi.append(f"Huyện suy ra từ xã {first_vi} theo danh mục TCTK 2022")
        en.append(f"District inferred from the commune {first_en} in the GSO 2022 list")
    else:
        vi.append("Huyện do người tổng hợp tài liệu ghi, nguồn không nêu")
        en.append("District given by the reference compiler, not stated in the cited source")
    elsewhere = [c for c in communes if c[1] != code]
    if elsewhere:
        other_vi, other_en = commune_labels(inputs, elsewhere)
        vi.append(f"tên KCN còn nêu xã {other_vi}; điểm đặt theo xã nêu đầu tiên")
        en.append(f"the name also names {other_en}; placed by the first-named commune")
    if stated and not chosen:
        vi.append(f"nguồn ghi {inputs.district_label(stated, 'vi')}, khác danh mục TCTK 2022")
        en.append(
            f"the source says {inputs.district_label(stated, 'en')}, unlike the GSO 2022 list"
        )
        if (stated, code) == ("213", "221"):
            vi[-1] += " (Yên Dũng nhập vào TP Bắc Giang từ 1/1/2025)"
            en[-1] += " (Yên Dũng merged into Bac Giang City on 1/1/2025)"
    basis = "stated by source" if chosen else "inferred"
    return DistrictChoice(code, basis, "; ".join(vi), "; ".join(en))


COORDINATES_NOTE = (
    "Tọa độ là minh họa (không có tọa độ công bố)",
    "Coordinates are illustrative (no published coordinates)",
)


def kcn_records(inputs: Inputs) -> list[dict]:
    """One site record per KCN row of industrial_parks.csv (not the two CCN aggregate rows)."""
    titles = dict(
        zip(
            inputs.reference["source_url_or_repo_path"],
            inputs.reference["source_title"],
            strict=True,
        )
    )
    previous_urls: dict[str, str] = {}
    parks = inputs.parks[inputs.parks["name"].str.startswith("KCN ")]
    records = []
    for park in parks.itertuples():
        source = park_source(park.source, previous_urls, titles)
        previous_urls.setdefault(park.source.split(",")[0].split(" (")[0].strip(), source.url)
        choice = choose_park_district(inputs, park.name, park.district)
        notes_vi, notes_en = [choice.note_vi], [choice.note_en]
        area = parse_area_ha(park.area_ha)
        provenance = "reported"
        if isinstance(park.area_ha, str) and "hơn" in park.area_ha:
            notes_vi.append(f'nguồn ghi "{park.area_ha}"')
            notes_en.append(f'the source says "{park.area_ha}"')
        records.append(
            {
                "site_id": slug(park.name),
                "name": park.name,
                "kind": "KCN",
                "district_code": choice.code,
                "area_ha": area,
                "district_basis": choice.basis,
                "provenance": provenance,
                "source_title": source.title,
                "source_url": source.url,
                "notes": (notes_vi, notes_en),
                "status_text": park.wwtp_status,
            }
        )
    return fill_viet_han_area(inputs, records)


VIET_HAN = "KCN Việt Hàn"
NINE_APPROVED_PARKS = (
    "KCN Đình Trám",
    "KCN Quang Châu",
    "KCN Song Khê - Nội Hoàng",
    "KCN Vân Trung",
    "KCN Hòa Phú",
    VIET_HAN,
    "KCN Tân Hưng",
    "KCN Yên Lư",
    "KCN Hòa Phú mở rộng (giai đoạn 1)",
)
"""The nine parks of Vietdata's "9 approved parks, about 1,967.11 ha" (all cited to that page)."""


def fill_viet_han_area(inputs: Inputs, records: list[dict]) -> list[dict]:
    """Việt Hàn's area as an estimate: 1,967.11 ha of the nine approved parks minus the others."""
    total = reference_row(inputs, "industrial_parks_total_area_ha", "Bắc Giang (tỉnh)", None)
    by_name = {r["name"]: r for r in records}
    others = sum(by_name[n]["area_ha"] for n in NINE_APPROVED_PARKS if n != VIET_HAN)
    area = round(float(total["value"]) - others, 2)
    if not 50 <= area <= 400:
        raise ValueError(f"derived Việt Hàn area {area} ha is implausible")
    record = by_name[VIET_HAN]
    record["area_ha"] = area
    record["provenance"] = "estimate"
    others_vi = f"{others:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    record["notes"][0].append(
        f"diện tích ước tính = 1.967,11 ha của 9 KCN được duyệt (Vietdata) trừ 8 KCN còn lại"
        f" ({others_vi} ha)"
    )
    record["notes"][1].append(
        f"area estimated as 1,967.11 ha of the 9 approved parks (Vietdata) minus the 8 others"
        f" ({others:,.2f} ha)"
    )
    return records


def ccn_records(inputs: Inputs) -> list[dict]:
    """Illustrative CCN, 2-5 per district, areas 10-75 ha, named so they read as illustrative."""
    names = dict(zip(inputs.districts["district_code"], inputs.districts["name_vi"], strict=True))
    rng = _rng("sites:ccn-area")
    records = []
    for code, count in sorted(CCN_PER_DISTRICT.items()):
        for number in range(1, count + 1):
            records.append(
                {
                    "site_id": f"CCN-{code}-{number:02d}",
                    "name": f"CCN minh họa {names[code]} {number:02d}",
                    "kind": "CCN",
                    "district_code": code,
                    "area_ha": float(round(rng.uniform(10.0, 75.0), 1)),
                    "district_basis": "illustrative",
                    "provenance": "illustrative",
                    "source_title": ILLUSTRATIVE.title,
                    "source_url": None,
                    "notes": (
                        ["Cụm công nghiệp minh họa, không phải tên thật"],
                        ["Illustrative industrial cluster, not a real name"],
                    ),
                    "status_text": "",
                }
            )
    return records


def place_points(polygon: BaseGeometry, count: int, rng: np.random.Generator) -> list[Point]:
    """`count` seeded random points well inside the polygon, kept ~1 km apart where possible."""
    inner = polygon.buffer(-POINT_MARGIN_DEG)
    minx, miny, maxx, maxy = inner.bounds
    points: list[Point] = []
    for attempt in range(20_000):
        candidate = Point(round(rng.uniform(minx, maxx), 5), round(rng.uniform(miny, maxy), 5))
        spacing = 0.009 if attempt < 10_000 else 0.0
        if inner.contains(candidate) and all(candidate.distance(p) >= spacing for p in points):
            points.append(candidate)
            if len(points) == count:
                return points
    raise RuntimeError("could not place site points inside the district polygon")


def sites_frame(inputs: Inputs, records: list[dict]) -> pd.DataFrame:
    """sites.parquet with one illustrative point per site inside its district polygon."""
    rows = []
    for code in inputs.district_codes:
        own = [r for r in records if r["district_code"] == code]
        points = place_points(inputs.polygons[code], len(own), _rng(f"sites:points:{code}"))
        for record, point in zip(own, points, strict=True):
            notes_vi, notes_en = record["notes"]
            note = _note(
                "; ".join([*notes_vi, COORDINATES_NOTE[0]]),
                "; ".join([*notes_en, COORDINATES_NOTE[1]]),
            )
            rows.append(
                {
                    **{
                        k: record[k]
                        for k in datasets.SITES.column_names
                        if k not in ("lon", "lat", "note")
                    },
                    "lon": point.x,
                    "lat": point.y,
                    "note": note,
                }
            )
    order = {r["site_id"]: i for i, r in enumerate(records)}
    rows.sort(key=lambda r: order[r["site_id"]])
    return typed_frame(rows, datasets.SITES)


# Site status per year (t07)


@dataclass(frozen=True)
class SitePlan:
    """When a site starts operating and when its central WWTP starts (None: not by 2027)."""

    site_id: str
    operating_from: int | None
    wwtp_from: int | None


def kcn_plans(records: list[dict]) -> list[SitePlan]:
    """KCN reported in operation run from 2020 (or see KCN_OPERATING_FROM), with a WWTP."""
    plans = []
    for r in records:
        if r["kind"] != "KCN":
            continue
        text = r["status_text"]
        in_operation = "in operation" in text or text.startswith("operating")
        start = KCN_OPERATING_FROM.get(r["name"], 2020 if in_operation else None)
        wwtp = KCN_WWTP_FROM.get(r["name"], start) if start else None
        plans.append(SitePlan(r["site_id"], start, wwtp))
    return plans


def ccn_plans(records: list[dict]) -> list[SitePlan]:
    """CCN start and WWTP years, assigned in a seeded order to meet CCN_STARTS and CCN_WITH_WWTP."""
    ids = sorted(r["site_id"] for r in records if r["kind"] == "CCN")
    order = [ids[i] for i in _rng("sites:ccn-order").permutation(len(ids))]
    start: dict[str, int | None] = dict.fromkeys(order)
    queue = iter(order)
    for year, count in sorted(CCN_STARTS.items()):
        for _ in range(count):
            start[next(queue)] = year
    wwtp: dict[str, int | None] = dict.fromkeys(order)
    for year, target in sorted(CCN_WITH_WWTP.items()):
        operating_year = min(year, YEARS[-1])
        waiting = [
            s
            for s in order
            if start[s] is not None and start[s] <= operating_year and wwtp[s] is None
        ]
        waiting.sort(key=lambda s: start[s])
        for site in waiting[: target - sum(v is not None for v in wwtp.values())]:
            wwtp[site] = year
    return [SitePlan(s, start[s], wwtp[s]) for s in ids]


def wwtp_status(plan: SitePlan, year: int) -> str:
    """site_not_operating / operating / under_construction (plant due next year) / none."""
    if plan.operating_from is None or year < plan.operating_from:
        return "site_not_operating"
    if plan.wwtp_from is not None and plan.wwtp_from <= year:
        return "operating"
    if plan.wwtp_from is not None and plan.wwtp_from - year == 1:
        return "under_construction"
    return "none"


def reported_occupancy(inputs: Inputs) -> dict[str, tuple[float, Source]]:
    """KCN name → occupancy % from the reference (undated) and its source."""
    ref = inputs.reference
    rows = ref[ref["indicator"] == "kcn_industrial_land_occupancy_pct"]
    result = {}
    for row in rows.itertuples():
        name = re.search(r"KCN [^)]+", row.geography).group(0).strip()
        result[name] = (float(row.value), Source(row.source_title, row.source_url_or_repo_path))
    return result


def occupancy(reported: float | None, plan: SitePlan, year: int, base: float) -> float | None:
    """Occupancy of an operating site: anchored on the reported 2023 value, else a seeded ramp."""
    if plan.operating_from is None or year < plan.operating_from:
        return None
    if reported is not None:
        gain = 2.5 + (100 - reported) / 4
        return round(min(100.0, max(0.0, reported + gain * (year - REPORTED_OCCUPANCY_YEAR))), 1)
    return round(min(100.0, base + 8.0 * (year - plan.operating_from)), 1)


def wwtp_capacity(record: dict, rng: np.random.Generator) -> float:
    """Illustrative plant capacity: about 15-25 m³/day per ha for KCN, 8-15 for CCN."""
    if record["kind"] == "KCN":
        return float(round(record["area_ha"] * rng.uniform(15, 25), -2))
    return float(max(100.0, round(record["area_ha"] * rng.uniform(8, 15) / 50) * 50))


WITHOUT_WWTP = ("none", "under_construction")

NINE_CCN_NOTE = _note(
    "Hiệu chỉnh để năm 2022 có đúng 9 CCN đang hoạt động chưa có XLNT tập trung, khớp số liệu"
    " (không ghi ngày) của Môi trường và Cuộc sống",
    "Calibrated so that in 2022 exactly 9 operating CCN lack a central WWTP, matching the"
    " undated count reported by Môi trường và Cuộc sống",
)


def site_status_frame(inputs: Inputs, records: list[dict]) -> pd.DataFrame:
    """site_status.parquet: one row per site and year 2020-2025."""
    plans = {p.site_id: p for p in kcn_plans(records) + ccn_plans(records)}
    occupancy_ref = reported_occupancy(inputs)
    hoa_phu_capacity, hoa_phu_source = hoa_phu_wwtp(inputs)
    rows = []
    for record in records:
        plan = plans[record["site_id"]]
        rng = _rng(f"sites:status:{record['site_id']}")
        capacity = wwtp_capacity(record, rng)
        base = float(rng.uniform(35, 60))
        reported = occupancy_ref.get(record["name"])
        for year in YEARS:
            status = wwtp_status(plan, year)
            row = {
                "site_id": record["site_id"],
                "year": year,
                "operating": status != "site_not_operating",
                "wwtp_status": status,
                "wwtp_capacity_m3_day": capacity if status == "operating" else None,
                "occupancy_pct": occupancy(reported[0] if reported else None, plan, year, base),
                "provenance": "illustrative",
                "source_title": ILLUSTRATIVE.title,
                "source_url": None,
                "note": None,
            }
            if record["name"] == "KCN Hòa Phú":
                row |= hoa_phu_status(row, year, hoa_phu_capacity, hoa_phu_source)
            elif reported and year == REPORTED_OCCUPANCY_YEAR:
                # the row stays illustrative: its WWTP status and capacity are invented, and a
                # row is labelled by its weakest value; the sourced occupancy is named in the note
                row["note"] = _note(
                    f"Tỷ lệ lấp đầy theo {reported[1].title} ({reported[1].url}; không ghi ngày,"
                    " gán cho 2023); trạng thái và công suất XLNT là minh họa",
                    f"Occupancy from {reported[1].title} ({reported[1].url}; undated, assigned"
                    " to 2023); WWTP status and capacity are illustrative",
                )
            elif record["kind"] == "CCN" and year == 2022 and status in WITHOUT_WWTP:
                row["note"] = NINE_CCN_NOTE
            rows.append(row)
    return typed_frame(rows, datasets.SITE_STATUS)


def hoa_phu_wwtp(inputs: Inputs) -> tuple[float, Source]:
    row = reference_row(inputs, "kcn_wwtp_capacity_m3_day", "Hiệp Hòa (KCN Hòa Phú)", None)
    return float(row["value"]), reference_source(row)


def hoa_phu_status(row: dict, year: int, capacity: float, source: Source) -> dict:
    """KCN Hòa Phú: 4,000 m³/day plant (undated source) → reported in 2023, else illustrative."""
    if year == REPORTED_OCCUPANCY_YEAR:
        return {
            "wwtp_capacity_m3_day": capacity,
            "provenance": "reported",
            "source_title": source.title,
            "source_url": source.url,
            "note": _note(
                "XLNT tập trung giai đoạn 1-2, 4.000 m³/ngày đêm; nguồn không ghi ngày, gán cho"
                " 2023; tỷ lệ lấp đầy 95% theo Vietdata (không ghi ngày)",
                "Central WWTP stages 1-2, 4,000 m³/day; source undated, assigned to 2023;"
                " occupancy 95% per Vietdata (undated)",
            ),
        }
    return {
        "wwtp_capacity_m3_day": capacity,
        "note": _note(
            "Minh họa: công suất 4.000 m³/ngày đêm lấy từ nguồn không ghi ngày, giả định cho năm này",
            "Illustrative: the 4,000 m³/day capacity comes from an undated source (source undated),"
            " assumed for this year",
        ),
    }


def site_wwtp_share_rows(sites: pd.DataFrame, status: pd.DataFrame) -> list[dict]:
    """t07 per year: operating sites with an operating WWTP / operating sites × 100."""
    joined = status.merge(sites[["site_id", "district_code"]], on="site_id")
    operating = joined[joined["operating"]]
    note = _note(
        "Tính từ site_status (minh họa): KCN/CCN đang hoạt động có XLNT tập trung đang vận"
        " hành / KCN/CCN đang hoạt động × 100",
        "Computed from site_status (illustrative): operating KCN/CCN with an operating"
        " central WWTP / operating KCN/CCN × 100",
    )
    rows = []
    for year in YEARS:
        own = operating[operating["year"] == year]
        rows.append(_observation(SITE_WWTP_SHARE, PROVINCE, year, wwtp_share(own), note=note))
        for code in sorted(own["district_code"].unique()):
            district = own[own["district_code"] == code]
            rows.append(_observation(SITE_WWTP_SHARE, code, year, wwtp_share(district), note=note))
    return rows


def wwtp_share(operating: pd.DataFrame) -> float:
    """Share of operating sites whose central WWTP operates, rounded to 0.1."""
    return round(100.0 * (operating["wwtp_status"] == "operating").sum() / len(operating), 1)


# Milestones (t12, t14)


def milestones_frame(inputs: Inputs) -> pd.DataFrame:
    """milestones.parquet: the steps of targets 12 and 14."""
    air = reference_source(
        reference_row(inputs, "air_quality_management_plan_issued", "Bắc Giang (tỉnh)", "2023")
    )
    no_evidence = (
        "Chưa tìm thấy văn bản công bố; trạng thái là minh họa",
        "No published document found; the status is illustrative",
    )
    steps = [
        (
            "t14_air_quality_plan",
            1,
            "Xây dựng và ban hành Kế hoạch quản lý chất lượng môi trường không khí cấp tỉnh",
            "Prepare and issue the provincial air quality management plan",
            "done",
            date(2023, 11, 6),
            (
                "Quyết định số 1205/QĐ-UBND ngày 06/11/2023 của UBND tỉnh ban hành Kế hoạch quản lý chất"
                " lượng môi trường không khí trên địa bàn tỉnh Bắc Giang, giai đoạn 2023-2030",
                "Decision 1205/QĐ-UBND of 06/11/2023 of the Provincial People's Committee issuing the"
                " air quality management plan of Bắc Giang province, 2023-2030",
            ),
            "official",
            air,
            None,
        ),
        (
            "t14_air_quality_plan",
            2,
            "Triển khai thực hiện Kế hoạch (2023-2030)",
            "Implement the plan (2023-2030)",
            "in_progress",
            None,
            no_evidence,
            "illustrative",
            ILLUSTRATIVE,
            None,
        ),
        (
            "t14_air_quality_plan",
            3,
            "Sơ kết/tổng kết thực hiện Kế hoạch",
            "Review and evaluate the implementation of the plan",
            "not_started",
            None,
            no_evidence,
            "illustrative",
            ILLUSTRATIVE,
            None,
        ),
        (
            "t12_city_green_growth_scheme",
            1,
            "TP Bắc Giang xây dựng Đề án tổng thể phát triển thành phố TTX theo hướng đô thị thông"
            " minh bền vững",
            "Bắc Giang city prepares an overall scheme for a green-growth city developing as a"
            " sustainable smart city",
            "in_progress",
            None,
            no_evidence,
            "illustrative",
            ILLUSTRATIVE,
            _note(
                "Văn bản liên quan, không phải một bước của mục tiêu này: QĐ 888/QĐ-UBND ngày"
                " 01/10/2020 phê duyệt Đề án phát triển đô thị thông minh toàn tỉnh (có trước Kế"
                " hoạch TTX; theo ICTVietnam)",
                "Related, but not a step of this target: Decision 888/QĐ-UBND of 01/10/2020"
                " approving the province-wide smart-city scheme (it predates the plan; reported by"
                " ICTVietnam)",
            ),
        ),
        (
            "t12_city_green_growth_scheme",
            2,
            "Phê duyệt và triển khai thực hiện Đề án",
            "Approve and implement the scheme",
            "not_started",
            None,
            no_evidence,
            "illustrative",
            ILLUSTRATIVE,
            None,
        ),
    ]
    rows = [
        {
            "indicator_id": ind,
            "step_no": no,
            "step_vi": vi,
            "step_en": en,
            "status": status,
            "status_date": when,
            "evidence_vi": evidence[0],
            "evidence_en": evidence[1],
            "provenance": provenance,
            "source_title": source.title,
            "source_url": source.url,
            "note": note,
        }
        for ind, no, vi, en, status, when, evidence, provenance, source, note in steps
    ]
    return typed_frame(rows, datasets.MILESTONES)


# Assembly and writing

PANDAS_DTYPES = {"str": "str", "int": "int64", "float": "float64", "bool": "bool", "date": "object"}
ARROW_TYPES = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
}


def typed_frame(rows: list[dict], dataset: datasets.Dataset) -> pd.DataFrame:
    """A frame with exactly the dataset's columns, in order, with its dtypes."""
    frame = pd.DataFrame(rows, columns=dataset.column_names)
    return frame.astype({c.name: PANDAS_DTYPES[c.dtype] for c in dataset.columns})


def arrow_schema(dataset: datasets.Dataset) -> pa.Schema:
    return pa.schema(
        [pa.field(c.name, ARROW_TYPES[c.dtype], nullable=c.nullable) for c in dataset.columns]
    )


def observations_frame(
    inputs: Inputs, forest: pd.DataFrame, sites: pd.DataFrame, status: pd.DataFrame
) -> pd.DataFrame:
    rows = (
        electricity_intensity_rows(inputs)
        + digital_economy_rows(inputs)
        + forest_observation_rows(inputs, forest)
        + site_wwtp_share_rows(sites, status)
        + illustrative_indicator_rows(inputs)
    )
    frame = typed_frame(rows, datasets.OBSERVATIONS)
    return frame.sort_values(["indicator_id", "area_code", "year"]).reset_index(drop=True)


def build_from(inputs: Inputs) -> dict[str, pd.DataFrame]:
    """Every dataset from loaded inputs (pure: same inputs, same frames)."""
    records = kcn_records(inputs) + ccn_records(inputs)
    forest = forest_frame(inputs)
    sites = sites_frame(inputs, records)
    status = site_status_frame(inputs, records)
    by_district = observations_frame(inputs, forest, sites, status)
    communes = commune_observations_frame(by_district)  # continues the plan territories' 2025
    rolled_up = typed_frame(rolled_up_observation_rows(communes), datasets.OBSERVATIONS)
    # a district that did not exist in a year (Yên Dũng in 2025) reports nothing for it
    reported = by_district[~history.ended(by_district["area_code"], by_district["year"])]
    forest = forest[~history.ended(forest["district_code"], forest["year"])].reset_index(drop=True)
    observations = pd.concat([reported, rolled_up], ignore_index=True)
    observations = observations.sort_values(["indicator_id", "area_code", "year"])
    return {
        datasets.OBSERVATIONS.name: observations.reset_index(drop=True),
        datasets.COMMUNE_OBSERVATIONS.name: communes,
        datasets.SITES.name: sites,
        datasets.SITE_STATUS.name: status,
        datasets.FOREST.name: forest,
        datasets.MILESTONES.name: milestones_frame(inputs),
        # task reports enter only through the reporting cycle (`ttx_data.reporting.demo`)
        datasets.TASK_REPORTS.name: typed_frame([], datasets.TASK_REPORTS),
    }


def build_dataset() -> dict[str, pd.DataFrame]:
    """Every bundled dataset, keyed by dataset name (see `ttx_data.datasets.ALL`)."""
    return build_from(load_inputs())


def metadata() -> dict:
    return {
        "as_of": AS_OF,
        "generator": "ttx_data.generate",
        "seed": SEED,
        "years": [YEARS[0], (COMMUNE_YEARS or YEARS)[-1]],
        "note_vi": "Số liệu nguồn lấy từ data/reference (chính thức, được báo cáo, ước tính);"
        " các giá trị còn lại là minh họa do TTX Bắc Giang tạo để thử bảng điều khiển,"
        " không phải số liệu thống kê.",
        "note_en": "Sourced figures come from data/reference (official, reported, estimate); all"
        " other values are illustrative, generated by TTX Bắc Giang to exercise the"
        " dashboard, and are not statistics.",
    }


def write_dataset(out_dir: Path) -> list[Path]:
    """Write every dataset (Parquet) and metadata.json into `out_dir`; return the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    frames = build_dataset()
    written = []
    for dataset in datasets.ALL:
        table = pa.Table.from_pandas(
            frames[dataset.name], schema=arrow_schema(dataset), preserve_index=False
        )
        path = out_dir / dataset.file
        paths.replace_atomically(path, lambda p, t=table: pq.write_table(t, p))
        written.append(path)
    text = json.dumps(metadata(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    path = out_dir / datasets.METADATA_FILE
    paths.replace_atomically(path, lambda p: p.write_text(text, encoding="utf-8"))
    written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ttx_data.generate", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=paths.BUNDLED_DATA_DIR,
        help="directory to write the Parquet files and metadata.json into",
    )
    args = parser.parse_args(argv)
    for path in write_dataset(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
