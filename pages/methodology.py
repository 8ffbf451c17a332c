"""Methodology: the progress method's formulas and thresholds, in the current language."""

import streamlit as st

from ttx_data.i18n import t
from ttx_data.ui.state import current_language, ensure_app_frame

ensure_app_frame()
lang = current_language()
st.title(t("page.methodology", lang))
st.markdown(t("methodology", lang))
