"""Tasks: every task of the plan (mục III) and dated duty (mục IV) with where it stands in the
four-way classification, filtered by group, sector, agency, target and classification (the
choices are in the URL, so a link reproduces the view), downloads, and one task's detail
(`?task=8.9.a`)."""

import streamlit as st

from ttx_data.i18n import format_date, t
from ttx_data.tasks import display, views
from ttx_data.tasks.status import STATUSES, status_counts
from ttx_data.ui import components, task_html
from ttx_data.ui.data import (
    current_source,
    load_scorecard,
    load_task_reports,
    load_task_statuses,
    today,
)
from ttx_data.ui.state import (
    NONE_CHOSEN,
    current_filters,
    ensure_app_frame,
    sector_select,
    url_select,
)
from ttx_data.ui.task_detail import show_task, show_tasks

ensure_app_frame()
filters = current_filters()
lang = filters.lang
on = today()
statuses = load_task_statuses()
reports = load_task_reports()
items = views.items_by_id()

st.title(t("page.tasks", lang))
components.as_of_caption(lang)
st.markdown(t("tasks.intro", lang, day=format_date(on, lang)))
illustrative = int((reports["provenance"] == "illustrative").sum())
if illustrative:
    st.warning(t("tasks.illustrative", lang, count=illustrative), icon=":material/warning:")
if filters.districts:
    st.info(t("tasks.province_only", lang))
counts = st.container()  # filled once the filters are read: the counts of the tasks shown

every = t("tasks.filter.every", lang)
now, gone = views.agency_options(on)
group_box, sector_box, agency_box, target_box, status_box = st.columns(5)
with group_box:
    group = url_select(t("tasks.filter.group", lang), "group", [NONE_CHOSEN, *views.GROUP_NAMES],
                       lang, lambda k: display.group_text(k, lang) if k else every)  # fmt: skip
with sector_box:
    sector_select(lang, "_tasks")
with agency_box:
    agency = url_select(t("tasks.filter.agency", lang), "agency", [NONE_CHOSEN, *now, *gone],
                        lang, lambda a: display.agency_option(a, on, lang) if a else every,
                        help=t("tasks.filter.agency_help", lang))  # fmt: skip
with target_box:
    target = url_select(t("tasks.filter.target", lang), "target",
                        [NONE_CHOSEN, *map(str, views.targets())], lang,
                        lambda n: t("target.label", lang, n=n) if n else every)  # fmt: skip
with status_box:
    status = url_select(t("tasks.filter.status", lang), "status", [NONE_CHOSEN, *STATUSES], lang,
                        lambda s: display.task_status_text(s, lang) if s else every)  # fmt: skip

keep = views.TaskFilter(group or None, filters.sector, agency or None,
                        int(target) if target else None, status or None)  # fmt: skip
shown = views.filtered(statuses, keep, on)
counts.html(task_html.TASK_STYLE + task_html.task_counts_html(status_counts(shown), lang))
st.caption(t("tasks.shown", lang, shown=len(shown), total=len(statuses)))
table = display.tasks_table(shown, items, lang)
show_tasks(table, shown, lang)
components.download_buttons(table, f"ttx-nhiem-vu-{on.isoformat()}", "tasks", lang)

st.subheader(t("tasks.detail", lang))
chosen = url_select(t("tasks.choose", lang), "task", [NONE_CHOSEN, *items], lang,
                    lambda i: display.item_option(items[i], lang) if i else t("tasks.choose_none",
                                                                                lang))  # fmt: skip
if chosen:
    row = statuses.set_index("task_id").loc[chosen].to_dict() | {"task_id": chosen}
    show_task(items[chosen], row, reports, load_scorecard(), on, filters,
              current_source().directory)  # fmt: skip
