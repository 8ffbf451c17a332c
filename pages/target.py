"""By target: the plan's 15 targets in their three groups, and for one (`?target=5`) its
indicators with their status and latest value beside the tasks that serve it with theirs, so
that a leader sees both the numbers and the actions."""

import streamlit as st

from ttx_data import catalog
from ttx_data.i18n import t
from ttx_data.tasks import display, views
from ttx_data.tasks.status import status_counts
from ttx_data.ui import components, task_html
from ttx_data.ui.data import current_source, load_scorecard, load_task_statuses
from ttx_data.ui.scorecard_html import scorecard_table
from ttx_data.ui.state import NONE_CHOSEN, current_filters, ensure_app_frame, url_select

ensure_app_frame()
filters = current_filters()
lang = filters.lang
directory = current_source().directory

st.title(t("page.target", lang))
components.as_of_caption(lang)
st.markdown(t("target.intro", lang))
numbers = views.targets()
chosen = url_select(t("target.choose", lang), "target", [NONE_CHOSEN, *map(str, numbers)], lang,
                    lambda n: (f"{t('target.label', lang, n=n)} · "
                               f"{display.target_name(int(n), lang, directory)}")
                    if n else t("target.all", lang))  # fmt: skip
card = load_scorecard(filters.year_from, filters.year_to)
statuses = load_task_statuses()

if not chosen:
    summary = views.target_summary(statuses, card)
    for group in catalog.GROUPS:
        st.html(task_html.TASK_STYLE + task_html.targets_html(summary, group, lang, filters,
                                                               directory))  # fmt: skip
    st.stop()

view = views.target_view(int(chosen), statuses, card)
components.illustrative_banner(int(view.indicators["illustrative_values"].sum()), lang)
st.subheader(t("target.label", lang, n=chosen))
st.caption(catalog.GROUPS[view.group][lang == "en"])
st.html(task_html.TASK_STYLE + scorecard_table(
    view.indicators, view.group, lang, directory, filters, caption=t("target.indicators", lang)))  # fmt: skip

caption = t("target.tasks", lang, n=len(view.tasks))
if view.tasks.empty:
    st.info(t("target.tasks_none", lang))
else:
    st.html(
        task_html.TASK_STYLE
        + task_html.task_counts_html(status_counts(view.tasks), lang, zeros=False)
    )
    columns = ("id", "task", "lead", "basis", "status", "deadline", "progress")
    st.html(task_html.TASK_STYLE + task_html.tasks_html(
        view.tasks, views.items_by_id(), lang, filters, columns, caption))  # fmt: skip
    st.caption(t("target.basis_note", lang))
