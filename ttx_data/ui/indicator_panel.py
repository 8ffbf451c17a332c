"""One indicator's panel on a group page: status and pace, its chart (or table), downloads, the
district ranking (click a bar to filter the app by that district), or a milestone's timeline.

The contents come from `ttx_data.panels`, cached per indicator and filters; this module draws."""

from __future__ import annotations

import streamlit as st

from ttx_data import charts, export
from ttx_data.catalog import Indicator
from ttx_data.filters import Filters
from ttx_data.i18n import t
from ttx_data.indicator_text import target_text
from ttx_data.panels import Panel
from ttx_data.ui import components, reporting_view
from ttx_data.ui.data import load_panel
from ttx_data.ui.links import indicator_anchor
from ttx_data.ui.scorecard_html import STYLE, status_badge
from ttx_data.ui.state import select_districts


def _status_lines(panel: Panel, lang: str) -> None:
    if panel.lines:
        html = "".join(
            f"<p style='margin:0.2rem 0'><b>{name}</b>: {status_badge(status, lang)} {sentence}</p>"
            for name, status, sentence in panel.lines
        )
        st.html(STYLE + html)


def _draw(panel: Panel, key: str, lang: str, on_select: bool = False):
    """Notes, then the chart or (on request) its data as a table; downloads of exactly that."""
    for note in panel.notes:
        st.info(note)
    if panel.spec is None:
        return None
    as_table = st.toggle(t("panel.show_table", lang), key=f"table-{key}")
    shown = export.localized_table(panel.table, lang)
    event = None
    if as_table:
        components.show_table(panel.table, lang, panel.decimals)
    else:
        event = st.vega_lite_chart(
            spec=panel.spec,
            width="stretch",
            height=panel.height,
            on_select="rerun" if on_select else "ignore",
            key=f"chart-{key}",
            alt=panel.title,
        )
    components.download_buttons(shown, panel.file_stem, key, lang)
    return event


def _series_view(indicator: Indicator, filters: Filters) -> int:
    panel = load_panel("series", indicator.indicator_id, filters)
    _status_lines(panel, filters.lang)
    _draw(panel, indicator.indicator_id, filters.lang)
    if panel.spec is not None:
        st.caption(charts.chart_key(filters.lang))
    return panel.illustrative


def _ranking_view(indicator: Indicator, filters: Filters) -> int:
    lang = filters.lang
    st.markdown(f"**{t('panel.ranking', lang, year=filters.year_to)}**")
    panel = load_panel("ranking", indicator.indicator_id, filters)
    if panel.spec is not None:
        st.caption(t("panel.click_hint", lang))
    key = f"rank-{indicator.indicator_id}-{'-'.join(filters.districts)}-{filters.year_to}"
    event = _draw(panel, key, lang, on_select=True)
    selection = event.selection.get(charts.PICK, []) if event is not None else []
    picked = [p["district_code"] for p in selection if "district_code" in p]
    if picked and tuple(sorted(picked)) != filters.districts:
        select_districts(picked[:1])
    return panel.illustrative


def _milestone_view(indicator: Indicator, filters: Filters) -> int:
    panel = load_panel("milestone", indicator.indicator_id, filters)
    _status_lines(panel, filters.lang)
    _draw(panel, indicator.indicator_id, filters.lang)
    if panel.spec is not None and not st.session_state.get(f"table-{indicator.indicator_id}"):
        st.dataframe(
            export.localized_table(panel.table, filters.lang), hide_index=True, width="stretch"
        )
    return panel.illustrative


def _history_view(indicator: Indicator, filters: Filters) -> None:
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


def indicator_panel(indicator: Indicator, filters: Filters) -> int:
    """Draw one indicator's panel; returns how many illustrative values it put on screen."""
    lang = filters.lang
    with st.container(border=True):
        st.subheader(
            f"{indicator.label} · {indicator.name(lang)}", anchor=indicator_anchor(indicator)
        )
        st.caption(
            f"{indicator.definition(lang)} {t('col.target', lang)}: {target_text(indicator, lang)}."
        )
        if indicator.is_milestone:
            return _milestone_view(indicator, filters)
        shown = _series_view(indicator, filters)
        if indicator.by_district:
            shown += _ranking_view(indicator, filters)
        _history_view(indicator, filters)
        return shown
