"""Overview: the 2030 targets in their three groups as a scorecard, with counts per status."""

import streamlit as st

from ttx_data.catalog import GROUPS, SECTORS
from ttx_data.filters import indicators_for
from ttx_data.i18n import t
from ttx_data.indicator_text import catalog_summary
from ttx_data.scorecard import status_counts
from ttx_data.ui import components
from ttx_data.ui.data import current_source, load_scorecard
from ttx_data.ui.scorecard_html import STYLE, scorecard_table, status_counts_html
from ttx_data.ui.state import current_filters, ensure_app_frame

ensure_app_frame()
filters = current_filters()
lang = filters.lang
source = current_source()
kept = {i.indicator_id for i in indicators_for(filters, directory=source.directory)}
card = load_scorecard(filters.year_from, filters.year_to)
card = card[card["indicator_id"].isin(kept)]

st.title(t("overview.heading", lang))
components.as_of_caption(lang)
components.illustrative_banner(int(card["illustrative_values"].sum()), lang)
st.markdown(catalog_summary(source.indicators(), lang))
if filters.districts:
    st.info(t("overview.province_only", lang))
if filters.sector:
    sector = SECTORS[filters.sector][lang == "en"]
    st.caption(t("overview.sector_only", lang, sector=sector, shown=len(card)))

st.subheader(t("overview.counts", lang))
st.html(STYLE + status_counts_html(status_counts(card), lang))
for group in GROUPS:
    if (card["group"] == group).any():
        st.html(STYLE + scorecard_table(card, group, lang, source.directory, filters))
