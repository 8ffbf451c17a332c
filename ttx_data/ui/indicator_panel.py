"""An indicator's panels on its page: status and pace, its chart (or table) with downloads, the
district ranking (click a bar to filter the app by that district), a milestone's timeline, and
the values reported through the reporting cycle.

The path and the milestone charts, each with its table switch, are fragments: switching to the
table reruns that part only. The ranking is not: a click on a district's bar sets the district
filter in the chart's callback, before the rerun, and every part of the page follows it in one
run of the app (from a fragment it would take two: the fragment's, then the app's). The contents
come from `ttx_data.panels`, cached per indicator and filters and shared by sessions
(`load_panel`); this module draws."""

from __future__ import annotations

import streamlit as st

from ttx_data import charts, export
from ttx_data.catalog import Indicator
from ttx_data.filters import Filters
from ttx_data.i18n import t
from ttx_data.panels import Panel
from ttx_data.ui import components, reporting_view
from ttx_data.ui.data import Drawn, load_panel
from ttx_data.ui.scorecard_html import STYLE, status_badge
from ttx_data.ui.state import clicking_key

CHART_KEY_PREFIX = "chart-"
"""Start of a panel chart's widget key (its table switch's is `table-`)."""


def _status_lines(panel: Panel, lang: str) -> None:
    if panel.lines:
        html = "".join(
            f"<p style='margin:0.2rem 0'><b>{name}</b>: {status_badge(status, lang)} {sentence}</p>"
            for name, status, sentence in panel.lines
        )
        st.html(STYLE + html)


def _draw(drawn: Drawn, key: str, lang: str, on_select=None) -> None:
    """Notes, then the chart or (on request) its data as a table; under it the switch and the
    downloads of exactly that, on one row."""
    panel = drawn.panel
    for note in panel.notes:
        st.info(note)
    if panel.spec is None:
        return
    shown = st.container()
    switch, csv, xlsx = st.columns([2, 1, 1], vertical_alignment="center")
    as_table = switch.toggle(t("panel.show_table", lang), key=f"table-{key}")
    with shown:
        if as_table:
            components.show_table(panel.table, lang, panel.decimals)
        else:
            st.vega_lite_chart(
                spec=drawn.chart,
                width="stretch",
                height=panel.height,
                on_select=on_select or "ignore",
                key=CHART_KEY_PREFIX + key,
                alt=panel.title,
            )
    components.download_buttons(
        panel.table, panel.file_stem, key, lang, localize=True, columns=(csv, xlsx)
    )


def illustrative(indicator: Indicator, filters: Filters) -> int:
    """How many illustrative values the indicator's panels put on screen (cached panels)."""
    if indicator.is_milestone:
        return load_panel("milestone", indicator.indicator_id, filters).panel.illustrative
    shown = load_panel("series", indicator.indicator_id, filters).panel.illustrative
    if indicator.by_district:
        shown += load_panel("ranking", indicator.indicator_id, filters).panel.illustrative
    return shown


@st.fragment
def series_view(indicator: Indicator, filters: Filters) -> None:
    """Status lines of the province and the chosen districts, then the path to the target."""
    drawn = load_panel("series", indicator.indicator_id, filters)
    _status_lines(drawn.panel, filters.lang)
    _draw(drawn, indicator.indicator_id, filters.lang)
    if drawn.panel.spec is not None:
        st.caption(charts.chart_key(filters.lang))


def _bars_clicked(selection: dict) -> list[str]:
    """The districts of the ranking's bars in a chart selection."""
    return [str(p["district_code"]) for p in selection.get(charts.PICK, []) if "district_code" in p]


def ranking_view(indicator: Indicator, filters: Filters) -> None:
    """The districts ranked in the last chosen year with district values; click a bar."""
    lang = filters.lang
    st.subheader(t("panel.ranking", lang, year=filters.year_to))
    drawn = load_panel("ranking", indicator.indicator_id, filters)
    if drawn.panel.spec is not None:
        st.caption(t("panel.click_hint", lang))
    key, on_select = clicking_key(
        f"rank-{indicator.indicator_id}-{filters.year_to}",
        filters.districts,
        _bars_clicked,
        widget_prefix=CHART_KEY_PREFIX,
    )
    _draw(drawn, key, lang, on_select=on_select)


@st.fragment
def milestone_view(indicator: Indicator, filters: Filters) -> None:
    """The milestone's status, its dated steps on a time line, and every step as a table."""
    drawn = load_panel("milestone", indicator.indicator_id, filters)
    _status_lines(drawn.panel, filters.lang)
    _draw(drawn, indicator.indicator_id, filters.lang)
    if drawn.panel.spec is not None and not st.session_state.get(f"table-{indicator.indicator_id}"):
        st.dataframe(
            export.localized_table(drawn.panel.table, filters.lang),
            hide_index=True,
            width="stretch",
        )


def history_view(indicator: Indicator, filters: Filters) -> None:
    """The values reported for the indicator through the reporting cycle, with their reviews
    (nothing when none was reported in the filters' districts and years)."""
    found = reporting_view.indicator_history(indicator.indicator_id)
    if found is None or found.empty:
        return
    table = reporting_view.history_table(found, indicator, filters, filters.lang)
    if table.empty:
        return
    with st.expander(t("panel.history", filters.lang, n=len(table)), icon=":material/history:"):
        st.caption(t("panel.history_note", filters.lang))
        st.dataframe(table, hide_index=True, width="stretch")
