"""Every SQL file in queries/ runs on the tiny fixture data; new files are covered automatically."""

from __future__ import annotations

import math
import shutil

import pytest

from ttx_data import query

EXAMPLE_PARAMETERS = {
    "first_year": 2020,
    "last_year": 2025,
    "indicator_id": "t05a_forest_cover",
    "area_codes": ["219", "220"],
    "year": 2021,
    "district_code": "219",
    "group": "economy",
}
"""One example value per parameter name; a query with a new parameter needs an entry here."""


@pytest.mark.parametrize("name", query.query_names())
def test_every_query_runs_on_fixture_data(name, tiny_data_dir):
    sql = query.read_sql(name)
    assert sql.startswith("-- "), (
        f"{name}.sql must start with a one-line comment saying what it returns"
    )
    params = query.query_parameters(name)
    missing = params - set(EXAMPLE_PARAMETERS)
    assert not missing, f"add example values for {sorted(missing)} to EXAMPLE_PARAMETERS"
    assert "read_parquet" not in sql and ".parquet" not in sql, "queries use views, not file paths"
    result = query.run_query(name, tiny_data_dir, **{p: EXAMPLE_PARAMETERS[p] for p in params})
    assert len(result.columns) > 0
    assert len(result) > 0, f"{name} returned no rows on fixture data"


SOURCE_TITLE = "Nguồn thử nghiệm / test source"

EXPECTED_ROWS = {
    # district 219 from 2020: forest cover ranks among 2, 3 (221 ties with it in 2021), 2
    # districts; electricity intensity is lower-is-better, so 219's 30.0 is 2nd after 220's 25.0
    "district_profile": (
        ("indicator_id", "year", "value", "rank", "districts_ranked", "province_value"),
        [
            ("t01_electricity_intensity", 2021, 30.0, 2, 3, 33.4),
            ("t05a_forest_cover", 2020, 49.7, 1, 2, 38.0),
            ("t05a_forest_cover", 2021, 42.2, 2, 3, 37.9),
            ("t05a_forest_cover", 2022, 41.7, 2, 2, 37.8),
        ],
    ),
    # forest cover in 2021, higher is better: 220 first, 219 and 221 tied second
    "district_ranking": (
        ("district_code", "value", "rank", "districts_ranked", "year"),
        [("220", 56.1, 1, 3, 2021), ("219", 42.2, 2, 3, 2021), ("221", 42.2, 2, 3, 2021)],
    ),
    # 2021 against the 2020 baseline: cover -0.1 / +0.1 points, certified +100 ha each
    "forest_by_district": (
        ("district_code", "cover_pct", "cover_change_pct_points", "certified_change_ha"),
        [("219", 43.2, -0.1, 100.0), ("220", 71.9, 0.1, 100.0)],
    ),
    # province first, then the chosen districts (221 not chosen), each by year
    "indicator_series": (
        ("area_code", "area_level", "year", "value"),
        [
            ("24", "province", 2020, 38.0),
            ("24", "province", 2021, 37.9),
            ("24", "province", 2022, 37.8),
            ("219", "district", 2020, 49.7),
            ("219", "district", 2021, 42.2),
            ("219", "district", 2022, 41.7),
            ("220", "district", 2020, 44.5),
            ("220", "district", 2021, 56.1),
            ("220", "district", 2022, 55.2),
        ],
    ),
    # both fixture indicators are economy's: province first, then districts, each by year
    "group_observations": (
        ("indicator_id", "area_code", "year", "value"),
        [
            ("t01_electricity_intensity", "24", 2020, 33.7),
            ("t01_electricity_intensity", "24", 2021, 33.4),
            ("t01_electricity_intensity", "24", 2022, 33.0),
            ("t01_electricity_intensity", "219", 2021, 30.0),
            ("t01_electricity_intensity", "220", 2021, 25.0),
            ("t01_electricity_intensity", "221", 2021, 35.0),
            ("t05a_forest_cover", "24", 2020, 38.0),
            ("t05a_forest_cover", "24", 2021, 37.9),
            ("t05a_forest_cover", "24", 2022, 37.8),
            ("t05a_forest_cover", "219", 2020, 49.7),
            ("t05a_forest_cover", "219", 2021, 42.2),
            ("t05a_forest_cover", "219", 2022, 41.7),
            ("t05a_forest_cover", "220", 2020, 44.5),
            ("t05a_forest_cover", "220", 2021, 56.1),
            ("t05a_forest_cover", "220", 2022, 55.2),
            ("t05a_forest_cover", "221", 2021, 42.2),
        ],
    ),
    # forest cover: the first (province 2020) value is official and sourced, the 9 others not
    "indicator_sources": (
        ("source_title", "provenance", "first_year", "last_year", "values_cited"),
        [(SOURCE_TITLE, "official", 2020, 2020, 1), (None, "illustrative", 2020, 2022, 9)],
    ),
    "latest_observation_year": (("latest_year",), [(2022,)]),  # observations run 2020-2022
    # forest cover has district rows in 2020-2022, all within 2020-2025
    "latest_district_year": (("latest_year",), [(2022,)]),
    "latest_province_values": (
        ("indicator_id", "year", "value"),
        [("t01_electricity_intensity", 2022, 33.0), ("t05a_forest_cover", 2022, 37.8)],
    ),
    "milestone_steps": (
        ("indicator_id", "step_no", "status"),
        [("t14_air_quality_plan", 1, "done"), ("t14_air_quality_plan", 2, "in_progress")],
    ),
    "province_observations": (
        ("indicator_id", "year", "value", "provenance"),
        [
            ("t01_electricity_intensity", 2020, 33.7, "illustrative"),
            ("t01_electricity_intensity", 2021, 33.4, "illustrative"),
            ("t01_electricity_intensity", 2022, 33.0, "illustrative"),
            ("t05a_forest_cover", 2020, 38.0, "official"),
            ("t05a_forest_cover", 2021, 37.9, "illustrative"),
            ("t05a_forest_cover", 2022, 37.8, "illustrative"),
        ],
    ),
    # in 2021 both sites operate; the CCN has no treatment yet
    "sites_in_year": (
        ("site_id", "district_code", "operating", "wwtp_status", "wwtp_capacity_m3_day"),
        [("CCN-219-01", "219", True, "none", None), ("KCN-A", "222", True, "operating", 1000.0)],
    ),
    # one official, sourced row in each of observations, sites and milestones; one source
    "sources_cited": (
        ("source_title", "provenances", "values_cited"),
        [(SOURCE_TITLE, "official", 3)],
    ),
    "wwtp_coverage_by_district": (
        ("district_code", "operating_sites", "with_treatment", "coverage_pct", "provenance"),
        [("219", 1, 0, 0.0, "illustrative"), ("222", 1, 1, 100.0, "illustrative")],
    ),
}
"""Rows each query returns on the fixture data with EXAMPLE_PARAMETERS, worked out by hand from
tests/conftest.py: the named columns, every row, in order."""


def _plain(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return round(value, 9) if isinstance(value, float) else value


@pytest.mark.parametrize("name", query.query_names())
def test_every_query_returns_the_expected_rows(name, tiny_data_dir):
    assert name in EXPECTED_ROWS, (
        f"add the rows {name}.sql returns on the fixture data (tests/conftest.py) to "
        "EXPECTED_ROWS in tests/test_queries.py, worked out by hand"
    )
    columns, expected = EXPECTED_ROWS[name]
    params = {p: EXAMPLE_PARAMETERS[p] for p in query.query_parameters(name)}
    result = query.run_query(name, tiny_data_dir, **params)
    rows = [tuple(_plain(v) for v in row) for row in result[list(columns)].itertuples(index=False)]
    assert rows == [tuple(_plain(v) for v in row) for row in expected]


def test_ranking_puts_the_lowest_first_for_a_lower_is_better_indicator(tiny_data_dir):
    rows = query.run_query(
        "district_ranking", tiny_data_dir, indicator_id="t01_electricity_intensity", year=2021
    )
    assert list(zip(rows["district_code"], rows["value"], rows["rank"], strict=True)) == [
        ("220", 25.0, 1),
        ("219", 30.0, 2),
        ("221", 35.0, 3),
    ]


def test_ranking_puts_the_highest_first_for_a_higher_is_better_indicator(tiny_data_dir):
    rows = query.run_query(
        "district_ranking", tiny_data_dir, indicator_id="t05a_forest_cover", year=2022
    )
    assert list(zip(rows["district_code"], rows["rank"], strict=True)) == [("220", 1), ("219", 2)]
    assert set(rows["districts_ranked"]) == {2}


def test_district_profile_ranks_like_the_ranking(tiny_data_dir):
    for indicator_id, year in (("t01_electricity_intensity", 2021), ("t05a_forest_cover", 2021)):
        ranking = query.run_query(
            "district_ranking", tiny_data_dir, indicator_id=indicator_id, year=year
        )
        for code, rank in zip(ranking["district_code"], ranking["rank"], strict=True):
            profile = query.run_query(
                "district_profile",
                tiny_data_dir,
                district_code=code,
                first_year=year,
                last_year=year,
            )
            row = profile.set_index("indicator_id").loc[indicator_id]
            assert (row["rank"], row["districts_ranked"]) == (rank, len(ranking)), (
                indicator_id,
                code,
            )


def test_province_observations_filters_years_and_area(tiny_data_dir):
    rows = query.run_query("province_observations", tiny_data_dir, first_year=2021, last_year=2021)
    assert set(rows["year"]) == {2021}
    assert set(rows["indicator_id"]) == {"t05a_forest_cover", "t01_electricity_intensity"}


def test_latest_province_values_picks_the_most_recent_year(tiny_data_dir):
    rows = query.run_query("latest_province_values", tiny_data_dir, last_year=2030)
    forest = rows.set_index("indicator_id").loc["t05a_forest_cover"]
    assert forest["year"] == 2022
    assert forest["value"] == pytest.approx(37.8)


HOSTILE_TEXTS = [
    "t05a_forest_cover' or 1=1 --",
    "t05a_forest_cover' or '1'='1",
    "x'); drop view observations; --",
    't05a_forest_cover" or 1=1 --',
]
"""Values that change the query's meaning, or drop a view, if formatted into the SQL text."""


@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
def test_an_injection_attempt_matches_nothing_and_changes_nothing(hostile, tiny_data_dir):
    series = query.run_query(
        "indicator_series",
        tiny_data_dir,
        indicator_id=hostile,
        area_codes=["219"],
        first_year=2020,
        last_year=2025,
    )
    assert series.empty
    profile = query.run_query(
        "district_profile", tiny_data_dir, district_code=hostile, first_year=2020, last_year=2025
    )
    assert profile.empty
    # a hostile district code in the list matches no district: only the province rows remain
    province_only = query.run_query(
        "indicator_series",
        tiny_data_dir,
        indicator_id="t05a_forest_cover",
        area_codes=[hostile],
        first_year=2020,
        last_year=2025,
    )
    assert set(province_only["area_code"]) == {"24"}
    # the views are all still there
    observations = query.run_query(
        "province_observations", tiny_data_dir, first_year=2020, last_year=2025
    )
    assert len(observations) == 6


def test_the_sql_text_sent_to_duckdb_is_the_file_and_values_travel_apart(
    tiny_data_dir, monkeypatch
):
    sent = []
    real_connection = query.connection

    class RecordingCursor:
        def __init__(self, cursor):
            self._cursor = cursor

        def execute(self, sql, parameters=None):
            sent.append((sql, parameters))
            return self._cursor.execute(sql, parameters)

        def close(self):
            self._cursor.close()

    class RecordingConnection:
        def __init__(self, con):
            self._con = con

        def cursor(self):
            return RecordingCursor(self._con.cursor())

    monkeypatch.setattr(
        query, "connection", lambda directory=None: RecordingConnection(real_connection(directory))
    )
    hostile = "219' or '1'='1"
    query.run_query(
        "district_profile", tiny_data_dir, district_code=hostile, first_year=2020, last_year=2025
    )
    [(sql, parameters)] = sent
    assert sql == query.read_sql("district_profile")
    assert hostile not in sql and "2025" not in sql
    assert parameters == {"district_code": hostile, "first_year": 2020, "last_year": 2025}


def test_wrong_parameters_are_named(tiny_data_dir):
    with pytest.raises(TypeError, match="first_year"):
        query.run_query("province_observations", tiny_data_dir, last_year=2025)


def test_missing_data_file_says_how_to_fix(tmp_path):
    with pytest.raises(query.DataMissingError, match="make data"):
        query.run_query("province_observations", tmp_path, first_year=2020, last_year=2025)
    query.reset_connections()


def test_query_names_are_the_sql_files_in_order():
    names = query.query_names()
    assert names == sorted(names)
    assert {"district_ranking", "district_profile", "province_observations"} <= set(names)
    assert len(names) == len(list(query.QUERIES_DIR.glob("*.sql")))
    with pytest.raises(KeyError, match="no query named 'nope'.*district_ranking"):
        query.read_sql("nope")


def test_one_connection_per_data_directory_until_reset(tiny_data_dir):
    first = query.connection(tiny_data_dir)
    assert query.connection(tiny_data_dir / ".." / tiny_data_dir.name) is first
    query.reset_connections()
    assert query.connection(tiny_data_dir) is not first


def test_a_data_directory_with_a_quote_in_its_path(tiny_data_dir, tmp_path_factory):
    quoted = tmp_path_factory.mktemp("quoted") / "d'Arc"
    shutil.copytree(tiny_data_dir, quoted)
    rows = query.run_query("latest_province_values", quoted, last_year=2025)
    assert rows["value"].tolist() == [33.0, 37.8]
