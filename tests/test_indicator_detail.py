"""What an indicator's page shows besides its charts: its map, its sources, the tasks serving it."""

from __future__ import annotations

import datetime as dt

from tests.conftest import SOURCE
from ttx_data import indicator_detail, plan
from ttx_data.filters import Filters


def test_maps_place_forest_and_sites_indicators_only():
    assert indicator_detail.map_page(plan.FOREST_COVER) == "forest_map"
    assert indicator_detail.map_page(plan.FOREST_CERTIFIED) == "forest_map"
    assert indicator_detail.map_page(plan.SITES_WASTEWATER) == "sites_map"
    assert indicator_detail.map_page("t13_hdi") is None


def test_sources_come_sourced_first_with_their_years(tiny_data_dir):
    official, illustrative = indicator_detail.sources("t05a_forest_cover", tiny_data_dir)
    assert (official.title, official.url, official.provenance) == (
        SOURCE["source_title"],
        SOURCE["source_url"],
        "official",
    )
    assert (official.first_year, official.last_year, official.values) == (2020, 2020, 1)
    assert (illustrative.provenance, illustrative.title, illustrative.url) == (
        "illustrative",
        "",
        None,
    )
    assert (illustrative.first_year, illustrative.last_year, illustrative.values) == (2020, 2022, 9)
    steps = indicator_detail.sources("t14_air_quality_plan", tiny_data_dir)
    assert [(s.provenance, s.first_year, s.values) for s in steps] == [
        ("official", 2023, 1),
        ("illustrative", None, 1),  # an undated step
    ]


def test_only_web_links_are_kept():
    assert indicator_detail.safe_url("https://example.org/a") == "https://example.org/a"
    assert indicator_detail.safe_url(" http://example.org ") == "http://example.org"
    for bad in ("javascript:alert(1)", "data:text/html,x", "example.org", "", None, float("nan")):
        assert indicator_detail.safe_url(bad) is None


def test_tasks_serving_forest_cover_with_todays_lead_and_links():
    found = indicator_detail.serving_tasks(plan.FOREST_COVER, Filters(), dt.date(2026, 1, 1))
    assert [task.task_id for task in found] == ["8.5.a", "8.5.c"]
    first = found[0]
    assert first.basis == "plan"
    assert (
        first.text == "đẩy nhanh tiến độ các dự án trồng rừng, tái trồng rừng"
    )  # the plan's words
    assert first.link == "tasks?task=8.5.a&lang=vi"
    assert first.lead == ("Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh",)


def test_tasks_in_english_are_the_summary_shortened():
    found = indicator_detail.serving_tasks(
        "t01_electricity_intensity", Filters(lang="en", districts=("219",)), dt.date(2026, 1, 1)
    )
    assert found and all(len(task.text) <= indicator_detail.TASK_TEXT_WIDTH for task in found)
    assert {task.basis for task in found} == {"plan", "secretariat"}
    assert found[0].link == "tasks?task=8.1.a&district=219&lang=en"
