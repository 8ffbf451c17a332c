"""Each bad-input file in tests/fixtures is caught by the right check, with row and column named."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ttx_data import datasets, validation
from ttx_data.validation import Problem, read_upload

FIXTURES = Path(__file__).resolve().parent / "fixtures"
OBS = datasets.OBSERVATIONS
SHARES = {"t09_urban_solid_waste_treated_share", "t05a_forest_cover"}
DISTRICTS = {"213", "215", "216", "217", "218", "219", "220", "221", "222", "223"}

CASES = [
    # fixture file, the check that must catch it, where: [(row, column)]; rows are numbered as in
    # a spreadsheet (header = row 1), None = the whole table
    (
        "share-above-100.csv",
        lambda df: validation.check_shares_within_0_100(df, SHARES),
        [(3, "value")],
    ),
    (
        "unknown-district-code.csv",
        lambda df: validation.check_district_codes(df, OBS, DISTRICTS),
        [(4, "area_code")],
    ),
    (
        "province-row-with-district-code.csv",
        lambda df: validation.check_district_codes(df, OBS, DISTRICTS),
        [(2, "area_code")],
    ),
    (
        "duplicate-key.csv",
        lambda df: validation.check_unique_key(df, OBS),
        [(4, "indicator_id, area_code, year")],
    ),
    (
        "official-without-source.csv",
        lambda df: validation.check_official_rows_have_source(df, OBS),
        [(2, "source_title"), (2, "source_url")],
    ),
    ("missing-column.csv", lambda df: validation.check_columns(df, OBS), [(None, "year")]),
    (
        "provenance-not-allowed.csv",
        lambda df: validation.check_allowed_values(df, OBS),
        [(3, "provenance")],
    ),
    (
        "year-outside-plan-period.csv",
        lambda df: validation.check_years(df, OBS, 2020, 2030),
        [(2, "year")],
    ),
    (
        "decimal-comma-in-value.csv",
        lambda df: validation.check_value_types(df, OBS),
        [(2, "value")],
    ),
    (
        "empty-required-cell.csv",
        lambda df: validation.check_required_values(df, OBS),
        [(2, "value")],
    ),
    (
        "illustrative-with-source-url.csv",
        lambda df: validation.check_illustrative_rows_have_no_source_url(df, OBS),
        [(2, "source_url")],
    ),
]


def _validate(frame: pd.DataFrame) -> list[Problem]:
    return validation.validate_frame(
        frame, OBS, percent_indicator_ids=SHARES, district_codes=DISTRICTS
    )


def _names_where(problem: Problem, row: int | None, column: str) -> None:
    assert f"'{column}'" in problem.message_vi and f"'{column}'" in problem.message_en
    if row is not None:
        assert f"Dòng {row}," in problem.message_vi
        assert f"Row {row}," in problem.message_en


@pytest.mark.parametrize(("fixture", "check", "where"), CASES, ids=[case[0] for case in CASES])
def test_bad_file_is_caught_by_its_check(fixture, check, where):
    problems = check(read_upload(FIXTURES / fixture))
    assert [(p.dataset, p.row, p.column) for p in problems] == [("observations", *w) for w in where]
    for problem, (row, column) in zip(problems, where, strict=True):
        _names_where(problem, row, column)
        assert problem.message_vi != problem.message_en


@pytest.mark.parametrize(("fixture", "check", "where"), CASES, ids=[case[0] for case in CASES])
def test_bad_file_fails_the_full_validation(fixture, check, where):
    problems = _validate(read_upload(FIXTURES / fixture))
    assert set(where) <= {(p.row, p.column) for p in problems}


def test_every_fixture_file_has_a_case():
    covered = {case[0] for case in CASES} | {"valid-observations.csv"}
    assert {p.name for p in FIXTURES.glob("*.csv")} == covered


def test_valid_file_has_no_problems():
    assert _validate(read_upload(FIXTURES / "valid-observations.csv")) == []


def test_duplicate_key_message_points_to_the_first_row():
    problem = validation.check_unique_key(read_upload(FIXTURES / "duplicate-key.csv"), OBS)[0]
    assert "dòng 2" in problem.message_vi and "row 2" in problem.message_en


def test_share_check_ignores_indicators_that_are_not_shares():
    frame = read_upload(FIXTURES / "share-above-100.csv")
    assert validation.check_shares_within_0_100(frame, {"t13_hdi"}) == []


def test_site_status_must_name_known_sites():
    sites = pd.DataFrame({"site_id": ["KCN-QUANG-CHAU"]})
    status = pd.DataFrame({"site_id": ["KCN-QUANG-CHAU", "KCN-KHONG-CO"]})
    problems = validation.check_site_ids_known(status, sites)
    assert [(p.dataset, p.row, p.column) for p in problems] == [("site_status", 3, "site_id")]
    assert "KCN-KHONG-CO" in problems[0].message_vi and "KCN-KHONG-CO" in problems[0].message_en


def test_forest_area_must_match_cover_times_natural_area():
    forest = pd.DataFrame(
        {
            "natural_area_ha": [86000.0, 20600.0],
            "cover_pct": [71.8, 0.8],
            "forest_area_ha": [61748.0, 1648.0],
        }
    )
    problems = validation.check_forest_area_matches_cover(forest)
    assert [(p.row, p.column) for p in problems] == [(3, "forest_area_ha")]


def test_missing_dataset_is_reported():
    problems = validation.validate_dataset({}, district_codes=DISTRICTS)
    assert {p.dataset for p in problems} == {d.name for d in datasets.ALL}
