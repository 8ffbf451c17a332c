"""Overview: the 2030 targets in their three groups as a scorecard, with counts per status."""

import streamlit as st

from ttx_data.catalog import GROUPS, indicators
from ttx_data.i18n import t
from ttx_data.scorecard import status_counts
from ttx_data.ui import components
from ttx_data.ui.data import load_scorecard
from ttx_data.ui.scorecard_html import STYLE, scorecard_table, status_counts_html
from ttx_data.ui.state import current_language, ensure_app_frame

ensure_app_frame()
lang = current_language()
card = load_scorecard()

st.title(t("overview.heading", lang))
components.as_of_caption(lang)
components.illustrative_banner(int(card["illustrative_values"].sum()), lang)
n_targets = len({i.target_no for i in indicators() if i.target_no is not None})
st.markdown(t("overview.intro", lang, n_targets=n_targets, n_indicators=len(card)))

st.subheader(t("overview.counts", lang))
st.html(STYLE + status_counts_html(status_counts(card), lang))
for group in GROUPS:
    st.html(STYLE + scorecard_table(card, group, lang))
