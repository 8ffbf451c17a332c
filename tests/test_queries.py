"""Every SQL file in queries/ runs on the tiny fixture data; new files are covered automatically."""

from __future__ import annotations

import pytest

from ttx_data import query

EXAMPLE_PARAMETERS = {
    "first_year": 2020,
    "last_year": 2025,
    "indicator_id": "t05a_forest_cover",
    "area_codes": ["219", "220"],
    "year": 2021,
    "district_code": "219",
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


def test_province_observations_filters_years_and_area(tiny_data_dir):
    rows = query.run_query("province_observations", tiny_data_dir, first_year=2021, last_year=2021)
    assert set(rows["year"]) == {2021}
    assert set(rows["indicator_id"]) == {"t05a_forest_cover", "t01_electricity_intensity"}


def test_latest_province_values_picks_the_most_recent_year(tiny_data_dir):
    rows = query.run_query("latest_province_values", tiny_data_dir, last_year=2030)
    forest = rows.set_index("indicator_id").loc["t05a_forest_cover"]
    assert forest["year"] == 2022
    assert forest["value"] == pytest.approx(37.8)


def test_parameters_are_bound_not_formatted(tiny_data_dir):
    hostile = "2020; drop view observations; --"
    with pytest.raises(Exception):  # noqa: B017 - DuckDB refuses to cast the text to a year
        query.run_query("province_observations", tiny_data_dir, first_year=hostile, last_year=2025)
    assert len(
        query.run_query("province_observations", tiny_data_dir, first_year=2020, last_year=2025)
    )


def test_wrong_parameters_are_named(tiny_data_dir):
    with pytest.raises(TypeError, match="first_year"):
        query.run_query("province_observations", tiny_data_dir, last_year=2025)


def test_missing_data_file_says_how_to_fix(tmp_path):
    with pytest.raises(query.DataMissingError, match="make data"):
        query.run_query("province_observations", tmp_path, first_year=2020, last_year=2025)
    query.reset_connections()
