"""A target-group page: every indicator of the group that the filters keep, one panel each."""

from __future__ import annotations

import streamlit as st

from ttx_data import catalog
from ttx_data.filters import indicators_for
from ttx_data.i18n import t
from ttx_data.ui import components
from ttx_data.ui.data import current_source
from ttx_data.ui.indicator_panel import indicator_panel
from ttx_data.ui.state import current_filters, ensure_app_frame


def render_group(group: str) -> None:
    """Title, as-of date, illustrative banner, then the group's indicator panels."""
    ensure_app_frame()
    filters = current_filters()
    lang = filters.lang
    numbers = catalog.GROUP_TARGETS[group]
    st.title(catalog.GROUPS[group][lang == "en"])
    st.caption(t("group.targets", lang, first=numbers[0], last=numbers[-1]))
    components.as_of_caption(lang)
    banner = st.empty()
    shown = indicators_for(filters, group, current_source().directory)
    if not shown:
        sector = catalog.SECTORS[filters.sector][lang == "en"]
        st.info(t("group.no_indicators_for_sector", lang, sector=sector))
        return
    illustrative = sum(indicator_panel(indicator, filters) for indicator in shown)
    with banner.container():
        components.illustrative_banner(illustrative, lang)
