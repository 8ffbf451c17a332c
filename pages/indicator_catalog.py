"""Indicator catalog: every measurable target of the plan, with its agencies and the plan's words."""

import streamlit as st

from ttx_data import catalog
from ttx_data.i18n import t
from ttx_data.ui.catalog_table import catalog_table
from ttx_data.ui.state import current_language, ensure_app_frame

ensure_app_frame()
lang = current_language()
st.title(t("page.catalog", lang))
st.markdown(t("catalog.intro", lang))

table = catalog_table(lang)
st.dataframe(table, hide_index=True, width="stretch")

chosen = st.selectbox(
    t("catalog.detail", lang),
    options=table["id"].tolist(),
    format_func=lambda i: f"{catalog.indicator(i).label} · {catalog.indicator(i).name(lang)}",
    key="catalog_indicator",
)
indicator = catalog.indicator(chosen)
st.markdown(f"**{t('catalog.definition', lang)}**: {indicator.definition(lang)}")
st.markdown(f"**{t('catalog.plan_text', lang)}** ({indicator.plan_clause}):")
st.markdown(f"> {indicator.target_text('vi')}")
if lang == "en":
    st.markdown(f"> *{t('catalog.translation', lang)}*: {indicator.target_text('en')}")
st.markdown(f"**{t('catalog.tasks', lang)}**: {indicator.tasks_clause}")
if indicator.lead_note:
    st.caption(indicator.lead_note_text(lang))
