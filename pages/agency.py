"""By agency: what one of today's agencies owes (`?agency=so_tai_chinh_bac_ninh`): the tasks it
leads and cooperates on, through which of the plan's agencies, and where each stands; the
indicators it reports with their status; its reports of the last period. Printable: tables,
no charts."""

import streamlit as st

from ttx_data.i18n import literal_markdown, t
from ttx_data.reporting import regime
from ttx_data.tasks import display, views
from ttx_data.tasks.status import status_counts
from ttx_data.ui import components, task_html
from ttx_data.ui.data import (
    current_source,
    load_scorecard,
    load_task_statuses,
    reporting_status,
    today,
)
from ttx_data.ui.state import NONE_CHOSEN, current_filters, ensure_app_frame, url_select

ensure_app_frame()
filters = current_filters()
lang = filters.lang
on = today()

st.title(t("page.agency", lang))
components.as_of_caption(lang)
st.markdown(t("agency.intro", lang))
now, _ = views.agency_options(on)
chosen = url_select(t("agency.choose", lang), "agency", [NONE_CHOSEN, *now], lang,
                    lambda a: views.agency_name(a, lang) if a else t("agency.none", lang))  # fmt: skip
if not chosen:
    st.info(t("agency.pick_first", lang))
    st.stop()

items = views.items_by_id()
card = load_scorecard(filters.year_from, filters.year_to)
view = views.agency_view(chosen, load_task_statuses(), card, regime.rules(on), on)
st.subheader(views.agency_name(chosen, lang))
if view.plan_agencies != (chosen,):
    given = literal_markdown(display.names(view.plan_agencies, lang), 600)
    st.markdown(t("agency.answers_for", lang, names=given))
st.caption(t("agency.counts", lang, n=len(view.tasks)))
st.html(
    task_html.TASK_STYLE + task_html.task_counts_html(status_counts(view.tasks), lang, zeros=False)
)

sections = (
    ("lead", ("id", "task", "via", "status", "deadline", "report_year", "progress")),
    ("cooperating", ("id", "task", "lead", "via", "status", "deadline", "report_year")),
    ("all", ("id", "task", "status", "deadline", "report_year", "progress")),
)
for role, columns in sections:
    rows = view.role(role)
    caption = t(f"agency.{role}", lang, n=len(rows))
    if rows.empty:
        st.caption(caption)
        continue
    st.html(task_html.TASK_STYLE + task_html.tasks_html(rows, items, lang, filters, columns,
                                                         caption))  # fmt: skip

caption = t("agency.indicators", lang, n=len(view.indicators))
if view.indicators.empty:
    st.caption(caption)
else:
    st.html(task_html.TASK_STYLE + task_html.indicators_html(
        view.indicators, lang, filters, current_source().directory, caption))  # fmt: skip

reporting = reporting_status()
st.markdown(f"**{t('agency.reporting', lang, period=reporting.period)}**")
if reporting.table is None:
    st.info(t("agency.store_unreachable", lang))
else:
    own = reporting.table[reporting.table["agency_id"] == chosen]
    if own.empty:
        st.caption(t("agency.reporting_none", lang, period=reporting.period))
    else:
        st.html(task_html.reporting_html(own.iloc[0].to_dict(), lang))

st.caption(t("agency.print_hint", lang))
table = display.agency_table(view, items, lang)
components.download_buttons(table, f"ttx-co-quan-{chosen}-{on.isoformat()}", "agency", lang)
