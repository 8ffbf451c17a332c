"""About: what the dashboard is and is not, its data sources, and the attributions licences require."""

import streamlit as st

from ttx_data.geography import BOUNDARY_ATTRIBUTION
from ttx_data.i18n import t
from ttx_data.ui import components
from ttx_data.ui.data import run_query
from ttx_data.ui.state import current_language, ensure_app_frame

ensure_app_frame()
lang = current_language()
st.title(t("page.about", lang))
st.markdown(t("about", lang))

st.subheader(t("about.sources", lang))
st.markdown(t("about.sources_intro", lang))
components.sources_table(run_query("sources_cited"), lang)

st.subheader(t("about.attribution", lang))
for attribution_lang in ("vi", "en"):  # both: the English line carries the licence link
    st.markdown(BOUNDARY_ATTRIBUTION[attribution_lang])
st.caption(t("about.licence", lang))
