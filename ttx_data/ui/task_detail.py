"""One task's (or dated duty's) detail on the tasks page: where it stands, the plan's text (our
summary in English, the plan's words beside it), what it is to deliver, who answers for it in
the plan and today, the indicators and targets it serves, and what each report said."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from ttx_data.filters import Filters
from ttx_data.i18n import literal_markdown, t
from ttx_data.status_display import TASK_STATUS_STYLES
from ttx_data.tasks import display
from ttx_data.tasks.catalog import Task
from ttx_data.tasks.views import group_key
from ttx_data.ui import components, task_html


def show_task(
    item, row: dict, reports: pd.DataFrame, card: pd.DataFrame, on: dt.date, filters: Filters,
    directory: Path,
) -> None:  # fmt: skip
    """Draw the detail of `item` (a Task or Duty) whose row of `task_statuses` is `row`."""
    lang = filters.lang
    is_task = isinstance(item, Task)
    clause = item.clause
    title = t("tasks.title_task", lang, id=row["task_id"]) if is_task else clause
    st.subheader(title, anchor="task-detail")
    st.caption(literal_markdown(display.group_text(group_key(row), lang), 400))
    basis = display.deadline_basis_text(row["deadline_basis"], lang)
    said = [
        t("tasks.deadline_line", lang, day=display.day_text(row["deadline"], lang), basis=basis)
    ]
    if row["days_overdue"]:
        said.insert(0, t("tasks.days_overdue", lang, n=row["days_overdue"]))
    st.html(
        task_html.TASK_STYLE
        + f"<p>{task_html.task_badge(row['status'], lang)} "
        + task_html.escaped(" · ".join(said))
        + "</p>"
    )
    if lang == "en":
        st.markdown(f"**{t('tasks.summary_en', lang)}** ({clause})")
        st.html(task_html.paragraphs_html(item.summary_en))
    st.markdown(f"**{t('tasks.plan_text', lang)}** ({clause})")
    st.html(task_html.TASK_STYLE + task_html.paragraphs_html(item.text_vi))
    if is_task and item.deliverables:
        st.markdown(f"**{t('tasks.deliverables', lang)}**")
        st.html(task_html.list_html([d.en if lang == "en" else d.vi for d in item.deliverables]))
    if is_task and item.deadline_vi:
        said = t("tasks.plan_deadline", lang, year=item.deadline, words=item.deadline_vi)
        st.html(f"<p>{task_html.escaped(said)}</p>")
    st.markdown(f"**{t('tasks.agencies', lang)}**")
    st.dataframe(display.agencies_table(item, on, lang), hide_index=True, width="stretch")
    if is_task:
        st.markdown(f"**{t('tasks.served', lang)}**")
        if item.links:
            st.html(task_html.TASK_STYLE + task_html.served_html(item, card, lang, filters,
                                                                 directory))  # fmt: skip
        else:
            st.caption(t("tasks.served_none", lang))
    st.markdown(f"**{t('tasks.history', lang)}**")
    history = display.history_table(reports, row["task_id"], lang)
    if history.empty:
        st.info(t("tasks.history_none", lang))
        return
    st.dataframe(history, hide_index=True, width="stretch")
    components.download_buttons(history, f"ttx-bao-cao-nhiem-vu-{row['task_id']}",
                                "task-history", lang)  # fmt: skip


def styled_tasks(table: pd.DataFrame, rows: pd.DataFrame, lang: str):
    """A tasks table (`display.tasks_table` of `rows`) with each classification in its colour,
    for st.dataframe."""
    styles = [TASK_STATUS_STYLES[s] for s in rows["status"]]

    def paint(column: pd.Series) -> list[str]:
        return [f"background-color:{s.colour};color:{s.text_colour}" for s in styles]

    return table.style.apply(paint, subset=[display.header("status", lang)])


WIDTHS = {"id": 90, "status": 190, "task": 420, "lead": 260, "deadline": 95, "report_year": 95}
"""Widths (pixels) of the tasks table's columns on screen; the others take what is left."""


def show_tasks(table: pd.DataFrame, rows: pd.DataFrame, lang: str) -> None:
    """The tasks table on screen: classifications in colour, the task's number, status and
    text first."""
    columns = {
        display.header(c, lang): st.column_config.TextColumn(width=w) for c, w in WIDTHS.items()
    }
    st.dataframe(styled_tasks(table, rows, lang), hide_index=True, width="stretch",
                 column_config=columns)  # fmt: skip
