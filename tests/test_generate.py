"""The bundled dataset: reproducible from the generator, honest about provenance, and plausible."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from shapely.geometry import Point, shape

from ttx_data import catalog, datasets, generate, places, progress, validation
from ttx_data.paths import BUNDLED_DATA_DIR
from ttx_data.places import history
from ttx_data.reporting import demo, publish, regime, workbook

YEARS = list(range(2020, 2026))
"""Years reported by the plan's districts; 2026 is reported by commune-level units."""
ROLLED_UP = {"t05a_forest_cover", "t05b_certified_forest_area", "t15a_clean_water_total_share"}
DISTRICTS = ["213", "215", "216", "217", "218", "219", "220", "221", "222", "223"]
PROVINCE = "24"
TOLERANCE = 0.05 + 1e-9
ALL_DISTRICTS_YEARS = [y for y in YEARS if y < 2025]
"""Years in which all 10 plan districts existed and published: Yên Dũng ended on 31/12/2024, so
a 2025 province figure (the province's own) cannot be recomputed from the districts shown."""

DISTRICT_INDICATORS = {
    "t04a_hightech_agriculture_share",
    "t04d_gap_value_share",
    "t04e_livestock_farm_share",
    "t05a_forest_cover",
    "t05b_certified_forest_area",
    "t06_water_saving_irrigation_share",
    "t08_business_wastewater_treated_share",
    "t09_urban_solid_waste_treated_share",
    "t15a_clean_water_total_share",
    "t15b_clean_water_urban_share",
    "t15c_clean_water_rural_share",
}
PROVINCE_ONLY = {
    "t01_electricity_intensity",
    "t02_renewable_share",
    "t03_digital_economy_share",
    "t04b_hightech_aquaculture_share",
    "t04c_hightech_forestry_share",
    "t10a_urban_wastewater_city_grade4_share",
    "t11_green_public_procurement_share",
    "t13_hdi",
    "s89_plastic_bag_reduction",
}
SITE_INDICATOR = "t07_kcn_ccn_wwtp_share"
URBAN_OTHER = "t10b_urban_wastewater_other_share"
NUMERIC = DISTRICT_INDICATORS | PROVINCE_ONLY | {SITE_INDICATOR, URBAN_OTHER}
POPULATION_WEIGHTED = DISTRICT_INDICATORS - {"t05a_forest_cover", "t05b_certified_forest_area"}

FOREST_2020_URL = "https://kinhtenongthon.vn/do-che-phu-rung-tinh-bac-giang-dat-38-post40840.html"
FOREST_2023_URL = (
    "https://baovemoitruong.org.vn/bac-giang-cong-bo-hien-trang-dien-tich-rung-nam-2023/"
)
ERAV_URL = "https://erav.vn/tin-tuc/t13975/nam-2023-san-luong-dien-tieu-thu-tang-12-27-.html"

TARGETS = {
    "t01_electricity_intensity": ("average_annual_rate", "decrease", 1.5, 2.0),
    "t02_renewable_share": ("range", "increase", 2.5, 3.0),
    "t03_digital_economy_share": ("minimum", "increase", 30, None),
    "t04a_hightech_agriculture_share": ("minimum", "increase", 50, None),
    "t04b_hightech_aquaculture_share": ("minimum", "increase", 55, None),
    "t04c_hightech_forestry_share": ("minimum", "increase", 30, None),
    "t04d_gap_value_share": ("minimum", "increase", 80, None),
    "t04e_livestock_farm_share": ("minimum", "increase", 80, None),
    "t05a_forest_cover": ("minimum", "increase", 37, None),
    "t05b_certified_forest_area": ("minimum", "increase", 17000, None),
    "t06_water_saving_irrigation_share": ("minimum", "increase", 30, None),
    "t07_kcn_ccn_wwtp_share": ("minimum", "increase", 100, None),
    "t08_business_wastewater_treated_share": ("minimum", "increase", 90, None),
    "t09_urban_solid_waste_treated_share": ("minimum", "increase", 95, None),
    "t10a_urban_wastewater_city_grade4_share": ("minimum", "increase", 100, None),
    "t10b_urban_wastewater_other_share": ("minimum", "increase", 50, None),
    "t11_green_public_procurement_share": ("minimum", "increase", 35, None),
    "t13_hdi": ("minimum", "increase", 0.85, None),
    "t15a_clean_water_total_share": ("minimum", "increase", 92, None),
    "t15b_clean_water_urban_share": ("minimum", "increase", 100, None),
    "t15c_clean_water_rural_share": ("minimum", "increase", 90, None),
    "s89_plastic_bag_reduction": ("minimum", "increase", 65, None),
}
"""The 2030 targets of the plan (kind, direction, level, upper level), to check the status mix."""


@pytest.fixture(scope="module")
def built() -> dict[str, pd.DataFrame]:
    """The dataset as the generator builds it now (built once for this module)."""
    return generate.build_dataset()


@pytest.fixture(scope="module")
def obs(built) -> pd.DataFrame:
    return built["observations"]


def _values(obs: pd.DataFrame, indicator: str, year: int) -> dict[str, float]:
    own = obs[(obs["indicator_id"] == indicator) & (obs["year"] == year)]
    return dict(zip(own["area_code"], own["value"], strict=True))


def _operating_ccn_without_wwtp(built, year: int) -> int:
    status = built["site_status"].merge(built["sites"][["site_id", "kind"]], on="site_id")
    own = status[(status["year"] == year) & status["operating"] & (status["kind"] == "CCN")]
    return int(own["wwtp_status"].isin(["none", "under_construction"]).sum())


# The generator is deterministic


def _through_the_example_reports(built: pd.DataFrame, committed: pd.DataFrame) -> pd.DataFrame:
    """The generator's observations as `make data` publishes them: an illustrative row of a
    period reported (2020-2025) went through its agency's example report, so its source names that
    report (checked here against the committed title) and its note follows the example's source;
    every other row, and every value and provenance, as the generator wrote it."""
    expected = built.copy()
    reporter = {rule.indicator_id: rule.agency_id for rule in regime.rules(demo.data_date())}
    through = (expected["provenance"] == "illustrative") & expected["year"].isin(YEARS)
    assert through.sum() > 800
    for i in expected.index[through]:
        row = expected.loc[i]
        name_vi = publish.agency_name(reporter[row["indicator_id"]], "vi")
        name_en = publish.agency_name(reporter[row["indicator_id"]], "en")
        pattern = (
            rf"Ví dụ minh họa trong báo cáo mẫu của {re.escape(name_vi)} \(số liệu nộp"
            rf" (?P<id>{row['year']}-\d{{4}}), kỳ {row['year']}, chấp nhận ngày 24/11/2026\) /"
            rf" Illustrative example in the sample report of {re.escape(name_en)} \(submission"
            rf" (?P=id), period {row['year']}, accepted 24 Nov 2026\)"
        )
        title = committed.loc[i, "source_title"]
        assert re.fullmatch(pattern, title), (row["indicator_id"], row["year"], title)
        expected.loc[i, "source_title"] = title
        note = row["note"] if isinstance(row["note"], str) else None
        expected.loc[i, "note"] = " — ".join([workbook.EXAMPLE_SOURCE, *filter(None, [note])])
    return expected


@pytest.mark.parametrize("dataset", datasets.ALL, ids=lambda d: d.name)
def test_generator_reproduces_the_committed_file(built, dataset):
    committed = pd.read_parquet(BUNDLED_DATA_DIR / dataset.file)
    expected = built[dataset.name]
    if dataset is datasets.OBSERVATIONS:
        expected = _through_the_example_reports(expected, committed)
    if dataset is datasets.TASK_REPORTS:  # none from the generator: each is an example report's
        assert expected.empty and len(committed) > 200
        assert (committed["provenance"] == "illustrative").all()
        assert committed["source_title"].str.startswith("Ví dụ minh họa trong báo cáo mẫu").all()
        pd.testing.assert_frame_equal(committed.iloc[0:0], expected)  # the same columns and types
        expected = committed  # its rows: tests/test_reporting_demo.py
    pd.testing.assert_frame_equal(committed, expected)
    assert list(committed.columns) == dataset.column_names


def test_committed_metadata_matches_the_generator():
    text = (BUNDLED_DATA_DIR / datasets.METADATA_FILE).read_text(encoding="utf-8")
    assert text.endswith("}\n")
    meta = json.loads(text)
    assert meta == generate.metadata()
    assert (meta["as_of"], meta["seed"], meta["years"]) == ("2026-11-24", 20221001, [2020, 2026])


def test_writing_twice_gives_identical_files(tmp_path):
    first = generate.write_dataset(tmp_path / "a")
    second = generate.write_dataset(tmp_path / "b")
    assert [p.name for p in first] == [d.file for d in datasets.ALL] + [datasets.METADATA_FILE]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(p.name for p in first)


def test_main_writes_into_the_given_directory(tmp_path, capsys):
    assert generate.main(["--out", str(tmp_path)]) == 0
    assert (tmp_path / "observations.parquet").exists()
    assert "observations.parquet" in capsys.readouterr().out


def test_validation_finds_no_problem(built):
    problems = validation.validate_dataset(
        built, percent_indicator_ids=generate.SHARE_INDICATOR_IDS, first_year=2020, last_year=2026
    )
    assert problems == []


# Coverage of indicators, areas and years


def test_every_numeric_indicator_has_province_rows_2020_2025_and_2026_if_rolled_up(obs):
    province = obs[obs["area_level"] == "province"]
    assert set(obs["indicator_id"]) == NUMERIC
    for indicator in sorted(NUMERIC):
        years = province.loc[province["indicator_id"] == indicator, "year"].tolist()
        expected = YEARS + [2026] if indicator in ROLLED_UP else YEARS
        assert sorted(years) == expected, indicator
    assert set(province["area_code"]) == {PROVINCE}


@pytest.mark.parametrize("indicator", sorted(DISTRICT_INDICATORS | {URBAN_OTHER}))
def test_district_indicators_have_every_district_every_year_it_existed(obs, indicator):
    expected = [c for c in DISTRICTS if not (indicator == URBAN_OTHER and c == "213")]
    for year in YEARS:
        codes = sorted(c for c in _values(obs, indicator, year) if c != PROVINCE)
        existing = [c for c in expected if history.year_basis(c, year) != history.ENDED]
        assert codes == existing, (indicator, year)
    # Yên Dũng was part of TP Bắc Giang in 2025: nobody reported for it
    assert "221" not in _values(obs, indicator, 2025)


def test_province_only_indicators_have_no_district_rows(obs):
    own = obs[obs["indicator_id"].isin(PROVINCE_ONLY)]
    assert set(own["area_level"]) == {"province"}


def test_shares_lie_within_0_100(obs):
    shares = obs[obs["indicator_id"].isin(generate.SHARE_INDICATOR_IDS)]
    assert shares["value"].between(0, 100).all()
    plastic = obs[obs["indicator_id"] == "s89_plastic_bag_reduction"].sort_values("year")
    assert plastic["value"].iloc[0] == 0.0 and plastic["value"].between(0, 100).all()
    hdi = obs.loc[obs["indicator_id"] == "t13_hdi", "value"]
    assert hdi.between(0.65, 0.85).all() and (hdi.round(3) == hdi).all()


# Consistency of districts with the province


@pytest.mark.parametrize("indicator", sorted(POPULATION_WEIGHTED | {URBAN_OTHER}))
def test_province_share_is_the_weighted_mean_of_districts(obs, indicator):
    weights = generate.district_weights(indicator)
    for year in ALL_DISTRICTS_YEARS:
        values = _values(obs, indicator, year)
        province = values.pop(PROVINCE)
        mean = sum(values[c] * weights[c] for c in values) / sum(weights[c] for c in values)
        assert abs(province - mean) <= TOLERANCE, (indicator, year, province, mean)


def test_weights_are_population_with_the_official_figures():
    assert generate.DISTRICT_POPULATION["222"] == 229_162
    assert generate.DISTRICT_POPULATION["221"] == 176_980
    assert 1_800_000 <= sum(generate.DISTRICT_POPULATION.values()) <= 2_000_000
    weights = generate.district_weights("t04a_hightech_agriculture_share")
    assert weights == {c: float(p) for c, p in generate.DISTRICT_POPULATION.items()}


def test_clean_water_total_combines_urban_and_rural(obs):
    for year in YEARS:
        total = _values(obs, "t15a_clean_water_total_share", year)
        urban = _values(obs, "t15b_clean_water_urban_share", year)
        rural = _values(obs, "t15c_clean_water_rural_share", year)
        for code in (c for c in DISTRICTS if history.year_basis(c, year) != history.ENDED):
            share = generate.URBAN_POPULATION_SHARE[code]
            assert abs(total[code] - (share * urban[code] + (1 - share) * rural[code])) <= 0.1
        assert rural[PROVINCE] <= total[PROVINCE] <= urban[PROVINCE]


def test_certified_forest_province_is_the_sum_of_districts(obs):
    for year in YEARS:
        values = _values(obs, "t05b_certified_forest_area", year)
        assert values.pop(PROVINCE) == sum(values.values())


def test_forest_province_cover_is_the_area_weighted_mean(built, obs):
    forest = built["forest"]
    for year in ALL_DISTRICTS_YEARS:
        own = forest[forest["year"] == year]
        mean = (own["cover_pct"] * own["natural_area_ha"]).sum() / own["natural_area_ha"].sum()
        assert abs(_values(obs, "t05a_forest_cover", year)[PROVINCE] - mean) <= TOLERANCE
        assert own["natural_area_ha"].sum() == 389_589


def test_forest_observations_mirror_the_forest_table(built, obs):
    forest = built["forest"]
    for row in forest.itertuples():
        cover = obs[
            (obs["indicator_id"] == "t05a_forest_cover")
            & (obs["area_code"] == row.district_code)
            & (obs["year"] == row.year)
        ].iloc[0]
        assert (cover["value"], cover["provenance"]) == (row.cover_pct, row.cover_provenance)
        certified = _values(obs, "t05b_certified_forest_area", row.year)[row.district_code]
        assert certified == row.certified_area_ha


def test_forest_geography_is_plausible(built):
    forest = built["forest"]
    for year, own in forest.groupby("year"):
        cover = dict(zip(own["district_code"], own["cover_pct"], strict=True))
        assert min(cover[c] for c in ("220", "219", "215", "218")) > 30, year
        assert max(cover[c] for c in ("213", "223", "222", "216")) < 10, year
        certified = own[own["certified_area_ha"] > 0]
        assert set(certified["district_code"]) <= {"215", "218", "219", "220"}
        assert (own["forest_area_ha"] >= own["certified_area_ha"]).all()
    totals = forest.groupby("year")["certified_area_ha"].sum()
    assert 2_500 <= totals[2020] <= 3_500 and 9_000 <= totals[2025] <= 10_000
    assert totals.is_monotonic_increasing


# Provenance


def test_official_rows_are_exactly_the_sourced_forest_cover(obs):
    official = obs[obs["provenance"] == "official"]
    keys = set(zip(official["indicator_id"], official["area_code"], official["year"], strict=True))
    expected = {(PROVINCE, 2020), (PROVINCE, 2023)} | {
        (code, 2020) for code in ("215", "219", "220", "223")
    }
    assert keys == {("t05a_forest_cover", area, year) for area, year in expected}
    values = {
        (a, y): v
        for a, y, v in zip(official["area_code"], official["year"], official["value"], strict=True)
    }
    assert values == {
        (PROVINCE, 2020): 38.0,
        (PROVINCE, 2023): 37.8,
        ("220", 2020): 71.8,
        ("215", 2020): 44.9,
        ("219", 2020): 43.3,
        ("223", 2020): 0.8,
    }
    urls = dict(zip(official["year"], official["source_url"], strict=False))
    assert urls == {2020: FOREST_2020_URL, 2023: FOREST_2023_URL}
    assert official["source_title"].str.len().gt(10).all()


def test_reported_and_estimated_rows(obs):
    rest = obs[obs["provenance"].isin(["reported", "estimate"])]
    rows = {(r.indicator_id, r.year, r.provenance): r for r in rest.itertuples()}
    assert set(rows) == {
        ("t03_digital_economy_share", 2022, "reported"),
        ("t01_electricity_intensity", 2023, "estimate"),
    }
    digital = rows[("t03_digital_economy_share", 2022, "reported")]
    assert digital.value == 42.13 and "MIC/CEC" in digital.note
    intensity = rows[("t01_electricity_intensity", 2023, "estimate")]
    assert intensity.value == 32.9 and intensity.source_url == ERAV_URL
    assert "not a published figure" in intensity.note


def test_illustrative_rows_say_so_and_cite_nothing(built):
    for name in ("observations", "sites", "site_status", "milestones"):
        frame = built[name]
        own = frame[frame["provenance"] == "illustrative"]
        assert (own["source_title"] == generate.ILLUSTRATIVE_SOURCE).all(), name
        assert own["source_url"].isna().all(), name


def test_plan_targets_are_never_observations(obs):
    reference = pd.read_csv(BUNDLED_DATA_DIR / "reference" / "observations.csv", dtype=str)
    targets = reference[reference["indicator"].str.contains("_target_")]
    assert not set(targets["source_url_or_repo_path"]) & set(obs["source_url"].dropna())
    assert 12_500 not in _values(obs, "t05b_certified_forest_area", 2025).values()


def test_status_mix_against_2030_targets(obs):
    province = obs[obs["area_level"] == "province"].sort_values("year")
    statuses = {}
    for indicator, (kind, direction, level, high) in TARGETS.items():
        own = province[province["indicator_id"] == indicator]
        spec = progress.TargetSpec(
            kind, direction, level, high, strict=indicator == "t04d_gap_value_share"
        )
        statuses[indicator] = progress.assess(
            zip(own["year"], own["value"], strict=True), spec
        ).status
    counts = pd.Series(statuses).value_counts()
    for status in (
        "achieved",
        "on_track",
        "needs_acceleration",
        "limited_progress",
        "deterioration",
    ):
        assert counts.get(status, 0) >= 1, (status, statuses)
    assert counts.get("deterioration", 0) <= 2 and counts.get("achieved", 0) <= 3


# Sites and their status


def test_every_kcn_of_the_reference_is_a_site(built):
    parks = pd.read_csv(BUNDLED_DATA_DIR / "reference" / "industrial_parks.csv", dtype=str)
    names = set(parks.loc[parks["name"].str.startswith("KCN "), "name"])
    sites = built["sites"]
    kcn = sites[sites["kind"] == "KCN"]
    assert set(kcn["name"]) == names and len(kcn) == 19
    assert kcn["provenance"].isin(["reported", "estimate"]).all()
    assert kcn["source_url"].notna().all()
    area = dict(zip(kcn["name"], kcn["area_ha"], strict=True))
    assert area["KCN Yên Sơn"] == 150.0 and area["KCN Quang Châu"] == 426.0
    assert area["KCN Việt Hàn"] == pytest.approx(130.41)


def test_kcn_districts_follow_the_sources_and_communes(built):
    sites = built["sites"].set_index("name")
    expected = {
        "KCN Quang Châu": ("222", "stated by source"),
        "KCN Đình Trám": ("222", "inferred"),
        "KCN Song Khê - Nội Hoàng": ("213", "inferred"),
        "KCN Hòa Phú": ("223", "stated by source"),
        "KCN Tân Hưng": ("217", "inferred"),
        "KCN Yên Lư": ("221", "inferred"),
        "KCN Đồng Phúc": ("221", "inferred"),
        "KCN Xuân Cẩm - Hương Lâm": ("223", "inferred"),
        "KCN Yên Sơn": ("218", "stated by source"),
    }
    for name, (code, basis) in expected.items():
        assert (sites.loc[name, "district_code"], sites.loc[name, "district_basis"]) == (
            code,
            basis,
        ), name
    assert "Nội Hoàng" in sites.loc["KCN Song Khê - Nội Hoàng", "note"]


def test_ccn_are_illustrative_and_labelled_so(built):
    ccn = built["sites"][built["sites"]["kind"] == "CCN"]
    assert 35 <= len(ccn) <= 45
    assert ccn["name"].str.startswith("CCN minh họa ").all()
    assert (ccn["provenance"] == "illustrative").all()
    assert ccn["area_ha"].between(10, 75).all()
    per_district = ccn["district_code"].value_counts()
    assert per_district.between(2, 6).all() and "213" not in per_district


def test_every_site_point_is_well_inside_its_district(built):
    geo = json.loads((BUNDLED_DATA_DIR / "geo" / "districts.geojson").read_text(encoding="utf-8"))
    inner = {
        f["properties"]["district_code"]: shape(f["geometry"]).buffer(-0.0027)
        for f in geo["features"]
    }
    for site in built["sites"].itertuples():
        assert inner[site.district_code].contains(Point(site.lon, site.lat)), site.site_id
    assert built["sites"]["note"].str.contains("Coordinates are illustrative").all()


def test_site_status_has_one_row_per_site_and_year(built):
    status = built["site_status"]
    assert len(status) == len(built["sites"]) * len(YEARS)
    idle = status[~status["operating"]]
    assert (idle["wwtp_status"] == "site_not_operating").all()
    assert idle["wwtp_capacity_m3_day"].isna().all() and idle["occupancy_pct"].isna().all()
    running = status[status["operating"]]
    assert (running["wwtp_status"] != "site_not_operating").all()
    plants = status[status["wwtp_status"] == "operating"]
    assert plants["wwtp_capacity_m3_day"].gt(0).all()


def test_the_six_reported_parks_operate(built):
    status = built["site_status"]
    running = status[status["operating"]].groupby("site_id")["year"].min()
    for site in (
        "KCN-DINH-TRAM",
        "KCN-QUANG-CHAU",
        "KCN-SONG-KHE-NOI-HOANG",
        "KCN-VAN-TRUNG",
        "KCN-HOA-PHU",
    ):
        assert running[site] == 2020
    assert running["KCN-VIET-HAN"] in (2021, 2022)
    assert "KCN-HOA-PHU-MO-RONG-GIAI-DOAN-2" not in running


def test_hoa_phu_plant_is_reported_for_2023_only(built):
    status = built["site_status"]
    hoa_phu = status[status["site_id"] == "KCN-HOA-PHU"].set_index("year")
    assert hoa_phu.loc[2023, "provenance"] == "reported"
    assert hoa_phu.loc[2023, "wwtp_capacity_m3_day"] == 4000.0
    assert hoa_phu.loc[2023, "occupancy_pct"] == 95.0
    others = hoa_phu.drop(index=2023)
    assert (others["provenance"] == "illustrative").all()
    assert others["note"].str.contains("source undated").all()


def test_nine_operating_ccn_lack_a_central_wwtp_in_2022(built):
    assert _operating_ccn_without_wwtp(built, 2022) == 9


def test_wwtp_coverage_rises_from_45_to_75_percent(obs):
    coverage = (
        _values(obs, SITE_INDICATOR, 2020)[PROVINCE],
        _values(obs, SITE_INDICATOR, 2025)[PROVINCE],
    )
    assert 40 <= coverage[0] <= 50 and 70 <= coverage[1] <= 80


def test_t07_is_recomputed_from_site_status(built, obs):
    status = built["site_status"].merge(built["sites"][["site_id", "district_code"]])
    running = status[status["operating"]]
    for year in YEARS:
        own = running[running["year"] == year]
        expected = {PROVINCE: round(100 * (own["wwtp_status"] == "operating").mean(), 1)}
        for code, district in own.groupby("district_code"):
            if history.year_basis(code, year) != history.ENDED:  # no Yên Dũng value in 2025
                expected[code] = round(100 * (district["wwtp_status"] == "operating").mean(), 1)
        assert _values(obs, SITE_INDICATOR, year) == expected, year


# Milestones


def test_milestones_label_official_only_what_a_source_states(built):
    steps = built["milestones"].set_index(["indicator_id", "step_no"])
    air = steps.loc[("t14_air_quality_plan", 1)]
    assert (air["status"], str(air["status_date"]), air["provenance"]) == (
        "done",
        "2023-11-06",
        "official",
    )
    assert "1205/QĐ-UBND" in air["evidence_vi"] and "1205/QĐ-UBND" in air["evidence_en"]
    # target 12 has no sourced step: the 2020 smart-city scheme predates the plan and is not the
    # city's green-growth scheme, so it is only named in a note; no date is invented
    city = built["milestones"][
        built["milestones"]["indicator_id"] == "t12_city_green_growth_scheme"
    ]
    assert set(city["provenance"]) == {"illustrative"}
    assert city["status_date"].isna().all()
    assert "888/QĐ-UBND" in city.iloc[0]["note"] and "not a step" in city.iloc[0]["note"]
    statuses = built["milestones"].groupby("indicator_id")["status"].apply(list).to_dict()
    assert statuses == {
        "t14_air_quality_plan": ["done", "in_progress", "not_started"],
        "t12_city_green_growth_scheme": ["in_progress", "not_started"],
    }
    assert (
        built["milestones"][["step_vi", "step_en", "evidence_vi", "evidence_en"]]
        .notna()
        .all(axis=None)
    )


# 2026: reported by the 58 commune-level units, rolled up through the crosswalk


def test_commune_observations_have_58_units_of_the_rolled_up_indicators_in_2026(built):
    communes = built["commune_observations"]
    units = sorted(u.code for u in places.units_on("2026-12-31", level="commune"))
    assert len(units) == 58 and len(communes) == 58 * len(ROLLED_UP)
    for indicator, own in communes.groupby("indicator_id"):
        assert sorted(own["unit_code"]) == units, indicator
        assert catalog.indicator(indicator).rollup != "none"
    assert set(communes["indicator_id"]) == ROLLED_UP and set(communes["year"]) == {2026}
    assert set(communes["provenance"]) == {"illustrative"}
    assert communes["source_url"].isna().all() and communes["note"].str.contains("1/7/2025").all()


def test_2026_district_and_province_values_are_the_roll_up_of_the_communes(built, obs):
    communes = built["commune_observations"]
    for indicator in sorted(ROLLED_UP):
        rule = catalog.indicator(indicator)
        decimals = rule.decimals
        values = communes[communes["indicator_id"] == indicator]
        expected = places.roll_up(values, rule, 2026).set_index("plan_district_code")["value"]
        stored = _values(obs, indicator, 2026)
        assert sorted(stored) == sorted(DISTRICTS + [PROVINCE]), indicator
        for code in DISTRICTS:
            assert stored[code] == round(expected[code], decimals), (indicator, code)
        province = places.roll_up_province(values, rule, 2026)["value"]
        assert stored[PROVINCE] == round(province, decimals), indicator


def test_tan_yen_2026_clean_water_by_hand_with_a_fifth_of_da_mai(built, obs):
    communes = built["commune_observations"]
    water = communes[communes["indicator_id"] == "t15a_clean_water_total_share"]
    value = dict(zip(water["unit_code"], water["value"], strict=True))
    # population-weighted; Đa Mai (51,733 people) counts with 1/5 of its weight in Tân Yên 216
    weights = {
        "07228": 51_733 / 5, "07306": 33_127, "07330": 24_998, "07333": 30_398,
        "07339": 50_732, "07351": 56_702,
    }  # fmt: skip
    by_hand = sum(value[c] * w for c, w in weights.items()) / sum(weights.values())
    assert _values(obs, "t15a_clean_water_total_share", 2026)["216"] == round(by_hand, 1)


def test_2026_rows_are_illustrative_and_say_they_are_rolled_up(obs):
    rows = obs[obs["year"] == 2026]
    assert set(rows["indicator_id"]) == ROLLED_UP and len(rows) == 11 * len(ROLLED_UP)
    assert set(rows["provenance"]) == {"illustrative"} and rows["source_url"].isna().all()
    assert rows["note"].str.contains("tổng hợp từ 58 xã, phường theo bảng chuyển đổi").all()
    assert rows["note"].str.contains("rolled up from 58 communes and wards").all()
    da_mai = rows[
        (rows["area_code"] == "216") & (rows["indicator_id"] != "t05b_certified_forest_area")
    ]
    assert da_mai["note"].str.contains("Phường Đa Mai").all()
    earlier = obs[obs["year"] < 2026]
    assert not earlier["note"].fillna("").str.contains("58").any()


def test_2026_values_continue_2025_plausibly(obs):
    for indicator in sorted(ROLLED_UP):
        before, after = _values(obs, indicator, 2025), _values(obs, indicator, 2026)
        before["221"] = _values(obs, indicator, 2024)["221"]  # Yên Dũng's last year
        for code in DISTRICTS + [PROVINCE]:
            change = abs(after[code] - before[code])
            assert change <= max(3.0, 0.2 * before[code]), (indicator, code, before, after)
