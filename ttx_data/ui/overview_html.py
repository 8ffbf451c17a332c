"""The overview's blocks as HTML, built once per data version, filters and day: the counts per
status, the attention list (its first lines and all of it) and the scorecard of each group in
both orders. Built here from the scorecard and the tasks' statuses; `ui.data.load_overview` caches
them for every session, so a run of the overview only draws."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ttx_data.catalog import GROUPS
from ttx_data.filters import Filters, indicators_for
from ttx_data.scorecard import status_counts, worst_first
from ttx_data.tasks import views
from ttx_data.ui import task_html
from ttx_data.ui.scorecard_html import STYLE, scorecard_table, status_counts_html

ATTENTION_SHOWN = 10
"""Lines of the attention list shown before "see all"."""
WORST_FIRST = "status"
"""The order `?sort=status`: the scorecard worst first (else the plan's order)."""


@dataclass(frozen=True)
class OverviewBlocks:
    """What the overview draws, ready: the shown indicators' scorecard facts and HTML blocks."""

    indicators_shown: int
    illustrative_values: int
    counts_html: str
    attention_count: int
    attention_html: str  # the first ATTENTION_SHOWN lines ("" when nothing needs attention)
    attention_all_html: str  # every line, when there are more ("" otherwise)
    plan_order_html: tuple[str, ...]  # one table per group with indicators shown
    worst_first_html: tuple[str, ...]  # the same, each group's rows worst first

    def scorecard_html(self, order: str) -> tuple[str, ...]:
        """The scorecard tables in the order chosen (WORST_FIRST or the plan's)."""
        return self.worst_first_html if order == WORST_FIRST else self.plan_order_html


def overview_blocks(
    card: pd.DataFrame,
    statuses: pd.DataFrame,
    filters: Filters,
    on: dt.date,
    directory: Path,
) -> OverviewBlocks:
    """The overview for the filters (the sector keeps indicators and tasks; the overview is the
    province's) on day `on`."""
    kept = {i.indicator_id for i in indicators_for(filters, directory=directory)}
    card = card[card["indicator_id"].isin(kept)]
    tasks = views.filtered(statuses, views.TaskFilter(sector=filters.sector), on)
    attention = views.attention_list(tasks, card, on)
    lang, items = filters.lang, views.items_by_id()

    def attention_table(rows: pd.DataFrame) -> str:
        return task_html.TASK_STYLE + task_html.attention_html(
            rows, items, lang, filters, directory
        )

    shown = attention_table(attention.head(ATTENTION_SHOWN)) if len(attention) else ""
    every = attention_table(attention) if len(attention) > ATTENTION_SHOWN else ""

    def tables(ordered: pd.DataFrame) -> tuple[str, ...]:
        return tuple(
            STYLE + scorecard_table(ordered, group, lang, directory, filters)
            for group in GROUPS
            if (ordered["group"] == group).any()
        )

    return OverviewBlocks(
        indicators_shown=len(card),
        illustrative_values=int(card["illustrative_values"].sum()),
        counts_html=STYLE + status_counts_html(status_counts(card), lang),
        attention_count=len(attention),
        attention_html=shown,
        attention_all_html=every,
        plan_order_html=tables(card),
        worst_first_html=tables(worst_first(card)),
    )
