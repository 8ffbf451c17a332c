"""Overview: the 2030 targets in their three groups as a scorecard (in the plan's order, or
worst first), with counts per status, and the attention list: off-track indicators and overdue
tasks with the agency responsible today."""

import streamlit as st

from ttx_data.catalog import GROUPS, SECTORS
from ttx_data.filters import indicators_for, to_query
from ttx_data.i18n import t
from ttx_data.indicator_text import catalog_summary
from ttx_data.scorecard import status_counts, worst_first
from ttx_data.tasks import views
from ttx_data.tasks.status import OVERDUE
from ttx_data.ui import components, task_html
from ttx_data.ui.data import current_source, load_scorecard, load_task_statuses, today
from ttx_data.ui.scorecard_html import STYLE, scorecard_table, status_counts_html
from ttx_data.ui.state import NONE_CHOSEN, current_filters, ensure_app_frame, url_select

ATTENTION_SHOWN = 10  # lines of the attention list shown before "see all"

ensure_app_frame()
filters = current_filters()
lang = filters.lang
source = current_source()
kept = {i.indicator_id for i in indicators_for(filters, directory=source.directory)}
card = load_scorecard(filters.year_from, filters.year_to)
card = card[card["indicator_id"].isin(kept)]
on = today()  # the attention list is made before anything is drawn: the page then shows at once
tasks = views.filtered(load_task_statuses(), views.TaskFilter(sector=filters.sector), on)
attention = views.attention_list(tasks, card, on)

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

st.subheader(t("attention.heading", lang, n=len(attention)))
st.caption(t("attention.order", lang))
items = views.items_by_id()
if attention.empty:
    st.info(t("attention.none", lang))
else:
    shown = attention.head(ATTENTION_SHOWN)
    st.html(task_html.TASK_STYLE + task_html.attention_html(shown, items, lang, filters,
                                                            source.directory))  # fmt: skip
    if len(attention) > ATTENTION_SHOWN:
        with st.expander(t("attention.all", lang, n=len(attention))):
            st.html(task_html.TASK_STYLE + task_html.attention_html(
                attention, items, lang, filters, source.directory))  # fmt: skip
st.page_link("pages/tasks.py", label=t("attention.see_tasks", lang), icon=":material/task_alt:",
             query_params={**to_query(filters), "status": OVERDUE})  # fmt: skip

st.subheader(t("overview.scorecard", lang))
order = url_select(t("overview.sort", lang), "sort", [NONE_CHOSEN, "status"], lang,
                   lambda o: t(f"overview.sort.{o or 'plan'}", lang), width=360)  # fmt: skip
if order == "status":
    card = worst_first(card)
for group in GROUPS:
    if (card["group"] == group).any():
        st.html(STYLE + scorecard_table(card, group, lang, source.directory, filters))
