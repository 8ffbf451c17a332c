"""A target-group page as a summary: every indicator the filters keep at a glance in one table
(status, latest value, target, the districts' spread; the name links to the indicator's own page)
and one chart of small multiples, drawn on the server as a picture. Both come from one cached
summary, shared by sessions."""

from __future__ import annotations

import streamlit as st

from ttx_data import catalog, charts
from ttx_data.i18n import t
from ttx_data.ui import components
from ttx_data.ui.data import load_group_summary
from ttx_data.ui.scorecard_html import STYLE
from ttx_data.ui.state import current_filters, ensure_app_frame
from ttx_data.ui.summary_html import multiples_picture, summary_table


def render_group(group: str) -> None:
    """Title, as-of date, illustrative banner, the summary table, then the small multiples."""
    ensure_app_frame()
    filters = current_filters()
    lang = filters.lang
    numbers = catalog.GROUP_TARGETS[group]
    st.title(catalog.GROUPS[group][lang == "en"])
    st.caption(t("group.targets", lang, first=numbers[0], last=numbers[-1]))
    components.as_of_caption(lang)
    loaded = load_group_summary(group, filters)
    summary = loaded.summary
    if not summary.rows:
        sector = catalog.SECTORS[filters.sector][lang == "en"]
        st.info(t("group.no_indicators_for_sector", lang, sector=sector))
        return
    components.illustrative_banner(summary.illustrative, lang)
    st.html(STYLE + summary_table(summary, lang))
    if loaded.picture_failed:
        st.warning(t("summary.chart_failed", lang), icon=":material/broken_image:")
    picture = loaded.picture
    if picture is not None:
        address = components.served_picture(picture, f"ttx-multiples-{group}")
        st.html(multiples_picture(address, picture.width, picture.height, summary, lang))
        st.caption(f"{t('summary.chart_hint', lang)} {charts.chart_key(lang)}")
    milestones = [row.indicator.label for row in summary.rows if row.indicator.is_milestone]
    if milestones:
        st.caption(t("summary.milestones_note", lang, labels=", ".join(milestones)))
