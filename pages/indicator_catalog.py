"""Indicator catalog: every measurable target of the plan, with its agencies and the plan's words."""

import streamlit as st

from ttx_data.filters import to_query
from ttx_data.i18n import t
from ttx_data.links import INDICATOR_PAGE, indicator_url
from ttx_data.ui.catalog_table import catalog_table
from ttx_data.ui.data import current_source
from ttx_data.ui.state import current_filters, ensure_app_frame

ensure_app_frame()
filters = current_filters()
lang = filters.lang
st.title(t("page.catalog", lang))
st.markdown(t("catalog.intro", lang))

source = current_source()
table = catalog_table(lang, source.directory)
page_column = t("catalog.col.page", lang)
listed = table.copy()
listed.insert(2, page_column, [indicator_url(i, filters) for i in table["id"]])
st.dataframe(
    listed,
    hide_index=True,
    width="stretch",
    column_config={
        page_column: st.column_config.LinkColumn(display_text=t("catalog.open_page", lang))
    },
)

chosen = st.selectbox(
    t("catalog.detail", lang),
    options=table["id"].tolist(),
    format_func=lambda i: f"{source.indicator(i).label} · {source.indicator(i).name(lang)}",
    key="catalog_indicator",
)
shown = source.indicator(chosen)
st.page_link(
    f"pages/{INDICATOR_PAGE}.py",
    label=t("catalog.open_indicator", lang, label=shown.label, name=shown.name(lang)),
    icon=":material/query_stats:",
    query_params={"id": chosen, **to_query(filters)},
)
st.markdown(f"**{t('catalog.definition', lang)}**: {shown.definition(lang)}")
st.markdown(f"**{t('catalog.plan_text', lang)}** ({shown.plan_clause}):")
st.markdown(f"> {shown.target_text('vi')}")
if lang == "en":
    st.markdown(f"> *{t('catalog.translation', lang)}*: {shown.target_text('en')}")
st.markdown(f"**{t('catalog.tasks', lang)}**: {shown.tasks_clause}")
if shown.lead_note:
    st.caption(shown.lead_note_text(lang))
