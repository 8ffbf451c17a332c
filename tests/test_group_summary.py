"""A target group's summary: one row per indicator, the districts' spread, the chosen districts,
links to the indicator pages, and ONE Vega-Lite spec of small multiples; its HTML table."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from ttx_data import catalog, charts, group_summary
from ttx_data.filters import Filters
from ttx_data.group_summary import build_summary
from ttx_data.links import indicator_url, task_url
from ttx_data.ui.summary_html import summary_table

ECONOMY = [i for i in catalog.indicators() if i.group == "economy"]


def _records(spec: dict) -> pd.DataFrame:
    return pd.DataFrame(spec["datasets"][group_summary.DATASET])


def test_one_row_per_indicator_in_catalog_order_with_status_latest_and_link(tiny_data_dir):
    summary = group_summary.group_summary("economy", Filters(), tiny_data_dir)
    assert [r.indicator_id for r in summary.rows] == [i.indicator_id for i in ECONOMY]
    forest = {r.indicator_id: r for r in summary.rows}["t05a_forest_cover"]
    assert (forest.latest_year, forest.latest_value, forest.latest_provenance) == (
        2022,
        37.8,
        "illustrative",
    )
    assert forest.target == "≥ 37%"
    assert forest.link == "indicator?id=t05a_forest_cover&lang=vi"
    empty = {r.indicator_id: r for r in summary.rows}["t03_digital_economy_share"]
    assert empty.status == "insufficient_data" and empty.latest_value is None


def test_the_spread_is_the_latest_year_with_district_values_lowest_and_highest(tiny_data_dir):
    summary = group_summary.group_summary("economy", Filters(), tiny_data_dir)
    rows = {r.indicator_id: r for r in summary.rows}
    spread = rows["t05a_forest_cover"].spread
    # 2022: Lục Ngạn 41.7, Sơn Động 55.2 (221 has a value only in 2021)
    assert (spread.year, spread.low, spread.high, spread.districts) == (2022, 41.7, 55.2, 2)
    assert spread.low_areas == ("Lục Ngạn",) and spread.high_areas == ("Sơn Động",)
    assert spread.illustrative == 2
    # electricity intensity is followed for the province only: no spread though districts report
    assert rows["t01_electricity_intensity"].spread is None
    tied = group_summary.group_summary("economy", Filters(year_to=2021), tiny_data_dir)
    spread = {r.indicator_id: r for r in tied.rows}["t05a_forest_cover"].spread
    assert spread.low_areas == ("Lục Ngạn", "Yên Dũng")  # 219 and 221 tie at 42.2 in 2021


def test_the_spec_is_one_view_with_a_facet_per_numeric_indicator_with_values(tiny_data_dir):
    summary = group_summary.group_summary("economy", Filters(), tiny_data_dir)
    spec = summary.spec
    assert summary.charted == ("t01_electricity_intensity", "t05a_forest_cover")
    assert "facet" in spec and "hconcat" not in spec and "vconcat" not in spec
    assert spec["facet"]["field"] == "facet" and len(spec["facet"]["sort"]) == 2
    assert spec["resolve"]["scale"]["y"] == "independent"
    records = _records(spec)
    assert records["facet"].nunique() == 2
    assert set(records["facet"]) == set(spec["facet"]["sort"])
    assert spec["facet"]["sort"][0].startswith("1 · ")  # catalog order
    layers = set(records["layer"])
    assert {"observed", "path", "projection", "target"} <= layers
    target = records[
        (records["layer"] == "target") & (records["indicator_id"] == "t05a_forest_cover")
    ]
    assert target[["value", "value2"]].values.tolist() == [[37.0, 37.0]]
    assert spec["title"]["text"] and spec["description"] == spec["title"]["text"]
    alt.FacetChart.from_dict(spec, validate=True)  # a valid Vega-Lite specification


def test_chosen_districts_get_their_own_lines_where_followed_by_district(tiny_data_dir):
    filters = Filters(districts=("219",), lang="en")
    summary = group_summary.group_summary("economy", filters, tiny_data_dir)
    records = _records(summary.spec)
    observed = records[records["layer"] == "observed"]
    by_indicator = observed.groupby("indicator_id")["area"].unique().map(sorted).to_dict()
    assert by_indicator["t05a_forest_cover"] == ["Luc Ngan", "Whole province"]
    assert by_indicator["t01_electricity_intensity"] == ["Whole province"]  # province only
    colour = summary.spec["spec"]["layer"][-1]["encoding"]["color"]
    assert colour["scale"]["range"] == charts.AREA_COLOURS  # the province black, then districts
    assert colour["sort"]["field"] == "area_order"
    order = observed.groupby("area")["area_order"].first().to_dict()
    assert order == {"Whole province": 0, "Luc Ngan": 1}
    rows = {r.indicator_id: r for r in summary.rows}
    [chosen] = rows["t05a_forest_cover"].chosen
    assert (chosen.area, chosen.year, chosen.value) == ("Luc Ngan", 2022, 41.7)
    assert rows["t01_electricity_intensity"].chosen == ()
    assert rows["t05a_forest_cover"].link == "indicator?id=t05a_forest_cover&district=219&lang=en"


def test_hollow_points_mark_illustrative_values_and_the_banner_counts_them(tiny_data_dir):
    summary = group_summary.group_summary("economy", Filters(), tiny_data_dir)
    observed = _records(summary.spec).query("layer == 'observed'")
    official = observed[~observed["illustrative"].astype(bool)]
    assert official[["indicator_id", "year"]].values.tolist() == [["t05a_forest_cover", 2020]]
    fill = summary.spec["spec"]["layer"][-1]["encoding"]["fill"]
    assert fill["condition"] == {"test": "datum.illustrative", "value": "#ffffff"}
    # province series: 3 + 2 illustrative; the 2022 spread: 2 illustrative district values
    assert summary.illustrative == 3 + 2 + 2


def test_milestones_are_rows_with_their_steps_but_not_drawn(tiny_data_dir):
    summary = group_summary.group_summary("transition", Filters(), tiny_data_dir)
    rows = {r.indicator_id: r for r in summary.rows}
    plan = rows["t14_air_quality_plan"]
    assert (plan.steps_done, plan.steps_total, plan.latest_year) == (1, 2, 2023)
    assert plan.status == "in_progress" and plan.illustrative == 1
    assert summary.spec is None  # no numeric indicator of the group has values here
    assert summary.charted == ()


def test_sector_filter_keeps_only_its_indicators(tiny_data_dir):
    summary = group_summary.group_summary("economy", Filters(sector="energy"), tiny_data_dir)
    assert [r.indicator_id for r in summary.rows] == [
        "t01_electricity_intensity",
        "t02_renewable_share",
    ]


def test_headings_are_short_lines_with_the_label_first():
    forest = catalog.indicator("t05b_certified_forest_area")
    lines = group_summary.heading(forest, "vi").split("\n")
    assert lines[0].startswith("5b · ")
    assert all(len(line) <= group_summary.HEADER_WIDTH for line in lines)


def test_build_summary_works_from_frames_alone():
    observations = pd.DataFrame(
        {
            "indicator_id": ["t13_hdi"] * 3,
            "area_code": ["24"] * 3,
            "area_level": ["province"] * 3,
            "year": [2020, 2021, 2022],
            "value": [0.70, 0.71, 0.72],
            "provenance": ["official", "official", "reported"],
        }
    )
    steps = pd.DataFrame(columns=["indicator_id", "status", "status_date", "provenance"])
    hdi = catalog.indicator("t13_hdi")
    summary = build_summary("transition", [hdi], observations, steps, Filters())
    [row] = summary.rows
    assert row.latest_value == pytest.approx(0.72) and row.illustrative == 0
    assert summary.charted == ("t13_hdi",)


def test_the_table_links_every_name_to_its_page_and_escapes_text(tiny_data_dir):
    filters = Filters(districts=("219",))
    summary = group_summary.group_summary("economy", filters, tiny_data_dir)
    html = summary_table(summary, "vi")
    assert html.count("<tr data-indicator=") == len(ECONOMY)
    assert "href='indicator?id=t05a_forest_cover&amp;district=219&amp;lang=vi'" in html
    assert "Huyện đã chọn" in html and "<b>Lục Ngạn</b>" in html
    assert "chỉ theo dõi toàn tỉnh" in html  # electricity intensity
    assert "41,7% (Lục Ngạn) đến 55,2% (Sơn Động)" in html
    province = summary_table(group_summary.group_summary("economy", Filters(), tiny_data_dir), "en")
    assert "Chosen districts" not in province


def test_links_carry_the_shared_filters():
    filters = Filters(districts=("219", "220"), sector="energy", year_from=2021, lang="en")
    assert indicator_url("t01_electricity_intensity", filters) == (
        "indicator?id=t01_electricity_intensity&district=219%2C220&sector=energy&from=2021&lang=en"
    )
    assert task_url("8.3.b", Filters()) == "tasks?task=8.3.b&lang=vi"
