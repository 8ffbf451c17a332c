"""The scorecard: one row per indicator, statuses from the progress method, readable targets."""

from __future__ import annotations

import base64
import re

import pandas as pd
import pytest

from ttx_data import catalog, progress, scorecard
from ttx_data.indicator_text import target_text
from ttx_data.paths import BUNDLED_DATA_DIR
from ttx_data.ui.scorecard_html import pace_text, scorecard_table, sparkline_svg


def _obs(indicator_id: str, values: dict[int, float], provenance: str = "illustrative"):
    return pd.DataFrame(
        {
            "indicator_id": indicator_id,
            "year": list(values),
            "value": list(values.values()),
            "provenance": provenance,
            "source_title": None,
            "source_url": None,
            "note": None,
        }
    )


STEPS = pd.DataFrame(
    {
        "indicator_id": ["t14_air_quality_plan"] * 2,
        "step_no": [1, 2],
        "status": ["done", "in_progress"],
        "status_date": [pd.Timestamp("2023-11-06"), pd.NaT],
        "provenance": ["official", "illustrative"],
    }
)


def test_build_scorecard_in_catalog_order_with_statuses():
    observations = pd.concat(
        [
            _obs("t05a_forest_cover", {2020: 38.0, 2023: 37.8}, "official"),
            _obs("t03_digital_economy_share", {2020: 20.0, 2025: 25.0}),
        ]
    )
    card = scorecard.build_scorecard(catalog.indicators(), observations, STEPS)
    assert card["indicator_id"].tolist() == [i.indicator_id for i in catalog.indicators()]
    by_id = card.set_index("indicator_id")
    assert by_id.loc["t05a_forest_cover", "status"] == "achieved"
    assert by_id.loc["t05a_forest_cover", "latest_provenance"] == "official"
    # 30% target: (25/20)^(1/5)-1 = 4.56 % vs (30/20)^(1/10)-1 = 4.14 % -> on track
    assert by_id.loc["t03_digital_economy_share", "status"] == "on_track"
    assert by_id.loc["t14_air_quality_plan", "status"] == "in_progress"
    assert by_id.loc["t14_air_quality_plan", "latest_year"] == 2023
    assert by_id.loc["t13_hdi", "status"] == "insufficient_data"
    counts = scorecard.status_counts(card)
    assert list(counts) == [s for s in progress.STATUSES if s != "not_assessed"]
    assert sum(counts.values()) == len(card)


@pytest.mark.parametrize(
    ("indicator_id", "lang", "expected"),
    [
        ("t05a_forest_cover", "vi", "≥ 37%"),
        ("t04d_gap_value_share", "vi", "trên 80%"),
        ("t04d_gap_value_share", "en", "above 80%"),
        ("t02_renewable_share", "vi", "2,5–3,0%"),
        ("t02_renewable_share", "en", "2.5–3.0%"),
        ("t01_electricity_intensity", "vi", "giảm 1,5–2,0%/năm"),
        ("t05b_certified_forest_area", "vi", "≥ 17.000 ha"),
        ("t13_hdi", "en", "≥ 0.85"),
        ("t12_city_green_growth_scheme", "vi", "Hoàn thành"),
    ],
)
def test_targets_read_as_the_plan_states_them(indicator_id, lang, expected):
    assert target_text(catalog.indicator(indicator_id), lang) == expected


def test_pace_sentence_in_percentage_points():
    observations = _obs("t03_digital_economy_share", {2020: 20.0, 2025: 24.0})
    card = scorecard.build_scorecard(catalog.indicators(), observations, STEPS)
    row = card.set_index("indicator_id").loc["t03_digital_economy_share"]
    # needs (30-24)/5 = 1.2 points a year; achieved (24-20)/5 = 0.8
    assert pace_text(catalog.indicator("t03_digital_economy_share"), row, "vi") == (
        "cần +1,2 điểm %/năm · đã đạt +0,8 điểm %/năm"
    )


def test_sparkline_marks_illustrative_points_hollow_and_has_alt_text():
    image = sparkline_svg([2020, 2021], [1.0, 2.0], ["official", "illustrative"], 3.0, "Xu hướng")
    assert 'alt="Xu hướng"' in image
    encoded = re.search(r"base64,([A-Za-z0-9+/=]+)", image).group(1)
    svg = base64.b64decode(encoded).decode("utf-8")
    assert svg.count("<circle") == 2
    assert 'fill="#ffffff"' in svg and 'fill="#333"' in svg
    assert "stroke-dasharray" in svg


def test_a_sparkline_is_the_same_picture_in_both_languages():
    """Only its alt text is in the reader's language: switching language keeps the picture (the
    browser does not decode the overview's 22 trend images again)."""
    drawn = {
        lang: sparkline_svg([2020, 2021], [1.0, 2.0], ["official", "illustrative"], 3.0, alt)
        for lang, alt in (("vi", "Xu hướng"), ("en", "Trend"))
    }
    source = {lang: re.search(r'src="([^"]+)"', image).group(1) for lang, image in drawn.items()}
    assert source["vi"] == source["en"]
    assert 'alt="Trend"' in drawn["en"] and 'alt="Xu hướng"' in drawn["vi"]


def test_scorecard_table_escapes_and_names_its_group():
    observations = _obs("t05a_forest_cover", {2020: 38.0, 2023: 37.8}, "official")
    card = scorecard.build_scorecard(catalog.indicators(), observations, STEPS)
    html = scorecard_table(card, "economy", "vi", BUNDLED_DATA_DIR)
    assert "Mục tiêu 1-6" in html
    assert html.count("<tr data-indicator=") == sum(
        1 for i in catalog.indicators() if i.group == "economy"
    )
    assert "✔ Đã đạt mục tiêu" in html


# Cases added from the mutation run (docs/mutation.md).

SCORECARD_COLUMNS = [
    "indicator_id", "label", "target_no", "group", "kind", "lead_agency",
    "status", "ratio", "latest_value", "latest_year", "latest_provenance",
    "baseline_value", "baseline_year", "target_level",
    "required_annual_change", "achieved_annual_change",
    "observed_growth_pct", "required_growth_pct", "projected_value", "method",
    "trend_years", "trend_values", "trend_provenances", "provenances", "illustrative_values",
    "steps_done", "steps_total",
]  # fmt: skip


def test_scorecard_columns_read_by_the_overview_the_cli_and_the_brief():
    card = scorecard.build_scorecard(catalog.indicators(), _obs("t13_hdi", {}), STEPS)
    assert card.columns.tolist() == SCORECARD_COLUMNS


def test_numeric_row_latest_provenance_counts_and_trend():
    observations = pd.concat(
        [
            _obs("t03_digital_economy_share", {2020: 20.0, 2022: 22.0}),
            _obs("t03_digital_economy_share", {2025: 25.0}, "official"),
        ]
    )
    card = scorecard.build_scorecard(catalog.indicators(), observations, STEPS)
    row = card.set_index("indicator_id").loc["t03_digital_economy_share"]
    # the 2025 value is official, the two before it illustrative
    assert row["latest_provenance"] == "official"
    assert row["illustrative_values"] == 2
    assert row["provenances"] == ["illustrative", "official"]
    assert (row["baseline_year"], row["baseline_value"]) == (2020, 20.0)
    assert row["trend_years"] == [2020, 2022, 2025]
    assert all(type(year) is int for year in row["trend_years"])
    assert pd.isna(row["steps_done"]) and pd.isna(row["steps_total"])  # not a milestone


def test_milestone_row_counts_steps_and_keeps_the_latest_dated_step():
    third = pd.DataFrame(
        {
            "indicator_id": ["t14_air_quality_plan"],
            "step_no": [3],
            "status": ["not_started"],
            "status_date": [pd.NaT],
            "provenance": ["illustrative"],
        }
    )
    steps = pd.concat([STEPS, third]).assign(note=None, source_url=None)  # as the query gives
    card = scorecard.build_scorecard(catalog.indicators(), _obs("t13_hdi", {}), steps)
    row = card.set_index("indicator_id").loc["t14_air_quality_plan"]
    # step 1 done on 2023-11-06 (official); step 2 under way and step 3 not started, both
    # undated and illustrative
    assert (row["steps_done"], row["steps_total"]) == (1, 3)
    assert (row["latest_year"], row["latest_provenance"]) == (2023, "official")
    assert row["illustrative_values"] == 2
    assert row["provenances"] == ["illustrative", "official"]


def test_target_spec_is_the_catalog_target():
    # target 1: electricity per unit of GRDP down 1.5-2.0 % a year; target 4d: above 80 %
    assert scorecard.target_spec(catalog.indicator("t01_electricity_intensity")) == (
        progress.TargetSpec("average_annual_rate", "decrease", 1.5, 2.0, False, 2020, 2030)
    )
    gap = scorecard.target_spec(catalog.indicator("t04d_gap_value_share"))
    assert (gap.kind, gap.direction, gap.target_value, gap.strict) == (
        "minimum",
        "increase",
        80,
        True,
    )


def test_district_of_a_province_wide_target_keeps_its_pace_without_a_status():
    certified = catalog.indicator("t05b_certified_forest_area")  # 17,000 ha for the province
    series = pd.DataFrame({"year": [2020, 2025], "value": [1000.0, 1500.0]})
    result = scorecard.assess_series(certified, series, district=True)
    # 500 ha over five years: 100 ha a year, 2,000 ha in 2030 at that pace
    assert result.status == "not_assessed"
    assert (result.baseline_year, result.baseline_value) == (2020, 1000.0)
    assert (result.latest_year, result.latest_value) == (2025, 1500.0)
    assert result.achieved_annual_change == pytest.approx(100.0)
    assert result.projected_value == pytest.approx(2000.0)
    assert result.points == 2
