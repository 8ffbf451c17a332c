"""Overview: the 2030 targets in their three groups as a scorecard (in the plan's order, or
worst first), with counts per status, and the attention list: off-track indicators and overdue
tasks with the agency responsible today."""

import streamlit as st

from ttx_data.catalog import SECTORS
from ttx_data.filters import to_query
from ttx_data.i18n import t
from ttx_data.indicator_text import catalog_summary
from ttx_data.tasks.status import OVERDUE
from ttx_data.ui import components
from ttx_data.ui.data import current_source, load_overview
from ttx_data.ui.overview_html import WORST_FIRST
from ttx_data.ui.state import NONE_CHOSEN, current_filters, ensure_app_frame, url_select

ensure_app_frame()
filters = current_filters()
lang = filters.lang
source = current_source()
blocks = load_overview(filters)  # built once per data version, filters and day: drawn as is

st.title(t("overview.heading", lang))
components.as_of_caption(lang)
components.illustrative_banner(blocks.illustrative_values, lang)
st.markdown(catalog_summary(source.indicators(), lang))
if filters.districts:
    st.info(t("overview.province_only", lang))
if filters.sector:
    sector = SECTORS[filters.sector][lang == "en"]
    st.caption(t("overview.sector_only", lang, sector=sector, shown=blocks.indicators_shown))

st.subheader(t("overview.counts", lang))
st.html(blocks.counts_html)

st.subheader(t("attention.heading", lang, n=blocks.attention_count))
st.caption(t("attention.order", lang))
if not blocks.attention_count:
    st.info(t("attention.none", lang))
else:
    st.html(blocks.attention_html)
    if blocks.attention_all_html:
        with st.expander(t("attention.all", lang, n=blocks.attention_count)):
            st.html(blocks.attention_all_html)
st.page_link("pages/tasks.py", label=t("attention.see_tasks", lang), icon=":material/task_alt:",
             query_params={**to_query(filters), "status": OVERDUE})  # fmt: skip

st.subheader(t("overview.scorecard", lang))
order = url_select(t("overview.sort", lang), "sort", [NONE_CHOSEN, WORST_FIRST], lang,
                   lambda o: t(f"overview.sort.{o or 'plan'}", lang), buttons=True)  # fmt: skip
for table in blocks.scorecard_html(order):
    st.html(table)
