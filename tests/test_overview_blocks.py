"""The overview's blocks, built once per data version, filters and day (`ui.overview_html`)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ttx_data import datasets, sources
from ttx_data.catalog import GROUPS
from ttx_data.filters import Filters
from ttx_data.paths import BUNDLED_DATA_DIR
from ttx_data.scorecard import load_scorecard
from ttx_data.tasks.status import task_statuses
from ttx_data.ui.overview_html import ATTENTION_SHOWN, WORST_FIRST, overview_blocks

ON = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def inputs():
    card = load_scorecard(directory=BUNDLED_DATA_DIR)
    reports = sources.published(BUNDLED_DATA_DIR).dataset(datasets.TASK_REPORTS)
    return card, task_statuses(reports, ON)


def _rows(html: str) -> list[str]:
    return re.findall(r"<tr data-indicator='([^']+)'", html)


def test_every_indicator_in_the_plans_order_and_worst_first(inputs):
    card, statuses = inputs
    blocks = overview_blocks(card, statuses, Filters(), ON, BUNDLED_DATA_DIR)
    assert blocks.indicators_shown == len(card)
    plan = [i for html in blocks.scorecard_html("") for i in _rows(html)]
    worst = [i for html in blocks.scorecard_html(WORST_FIRST) for i in _rows(html)]
    by_group = [i for g in GROUPS for i in card.loc[card["group"] == g, "indicator_id"]]
    assert plan == by_group  # three tables, each in the catalog's order
    assert len(blocks.scorecard_html("")) == 3
    assert sorted(worst) == sorted(plan) and worst != plan
    assert blocks.illustrative_values == int(card["illustrative_values"].sum()) > 0


def test_the_attention_list_shows_ten_lines_then_all_of_them(inputs):
    card, statuses = inputs
    blocks = overview_blocks(card, statuses, Filters(lang="en"), ON, BUNDLED_DATA_DIR)
    assert blocks.attention_count > ATTENTION_SHOWN
    assert blocks.attention_html.count("<tr data-kind=") == ATTENTION_SHOWN
    assert blocks.attention_all_html.count("<tr data-kind=") == blocks.attention_count
    assert "href='indicator?id=" in blocks.attention_html  # an indicator line leads to its page


def test_a_sector_keeps_its_indicators_and_tasks(inputs):
    card, statuses = inputs
    every = overview_blocks(card, statuses, Filters(), ON, BUNDLED_DATA_DIR)
    energy = overview_blocks(card, statuses, Filters(sector="energy"), ON, BUNDLED_DATA_DIR)
    shown = [i for html in energy.scorecard_html("") for i in _rows(html)]
    assert 0 < energy.indicators_shown == len(shown) < every.indicators_shown
    assert "t02_renewable_share" in shown and "t05a_forest_cover" not in shown
    assert energy.attention_count < every.attention_count
    assert "sector=energy" in energy.plan_order_html[0]  # links keep the reader's filters
