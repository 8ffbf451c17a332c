"""The plan's tasks and duties as tables for the command line (`python -m ttx_data tasks`)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ttx_data import agencies, catalog
from ttx_data.tasks.assignments import current, duties_for_agency, tasks_for_agency
from ttx_data.tasks.catalog import load_tasks
from ttx_data.tasks.duties import load_duties

TASK_COLUMNS = [
    "task_id", "group", "sector", "sector_vi", "sector_en", "lead_agency",
    "current_lead_agency", "current_verified", "cooperating_agencies", "targets", "indicators",
    "indicators_plan", "indicators_secretariat", "deliverable", "deliverable_en", "deadline",
    "summary_en", "text_vi",
]  # fmt: skip
"""Columns of `tasks --format csv`: ids ';'-joined; current_lead_agency is who answers for the
lead on the day asked; indicators_plan are linked by the plan's words, indicators_secretariat by
the secretariat."""

DUTY_COLUMNS = [
    "duty_id", "clause", "recurrence", "year", "lead_agency", "current_lead_agency",
    "current_verified", "cooperating_agencies", "summary_en", "text_vi", "note",
]  # fmt: skip
"""Columns of `tasks --duties --format csv`: a row per milestone (a one-off duty, or an annual
one's year) and per periodic or ongoing duty (year blank)."""

AGENCY_COLUMNS = ["role", "via", "verified"]
"""Columns put after the id for `--agency CODE`: its role, the plan's agencies it answers for
the item through, whether every hand-over is sourced."""

SHORT = {
    "tasks": ["task_id", "group", "sector", "lead_agency", "current_lead_agency",
              "cooperating_agencies", "targets", "deadline"],
    "duties": ["duty_id", "clause", "recurrence", "year", "lead_agency", "current_lead_agency"],
}  # fmt: skip
"""The columns `--format table` shows (the full text stays in the CSV)."""


def short(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The columns of `frame` that `--format table` shows (kind "tasks" or "duties")."""
    return frame[[c for c in frame.columns if c in SHORT[kind] + AGENCY_COLUMNS]]


def _joined(values) -> str:
    return ";".join(str(v) for v in values)


def _with_agency(rows: list[dict], found: dict) -> list[dict]:
    """Rows of the items an agency answers for, with its role, via and verified."""
    kept = []
    for row in rows:
        assignment = found.get(row["_item"])
        if assignment is not None:
            row.update(
                role=assignment.role,
                via=_joined(assignment.via),
                verified=str(assignment.verified).lower(),
            )
            kept.append(row)
    return kept


def _frame(rows: list[dict], columns: list[str], agency_id: str | None) -> pd.DataFrame:
    if agency_id:
        columns = [columns[0], *AGENCY_COLUMNS, *columns[1:]]
    return pd.DataFrame(rows, columns=columns)


def _lead(item, on: dt.date, register) -> dict:
    now = current(item.lead_agency, on, register)
    return {
        "lead_agency": _joined(item.lead_agency),
        "current_lead_agency": _joined(now.agencies),
        "current_verified": str(now.verified).lower(),
        "cooperating_agencies": _joined(item.cooperating_agencies),
        "summary_en": item.summary_en,
        "text_vi": item.text_vi,
        "_item": item,
    }


def tasks_frame(on: dt.date, agency_id: str | None = None) -> pd.DataFrame:
    """Every task of mục III (or those `agency_id` answers for on `on`), one row each."""
    register = agencies.load_register()
    rows = []
    for task in load_tasks():
        sector_vi, sector_en = catalog.SECTORS.get(task.sector, ("", ""))
        rows.append(
            {
                "task_id": task.task_id,
                "group": task.group,
                "sector": task.sector,
                "sector_vi": sector_vi,
                "sector_en": sector_en,
                "targets": _joined(task.targets),
                "indicators": _joined(task.indicators()),
                "indicators_plan": _joined(task.indicators("plan")),
                "indicators_secretariat": _joined(task.indicators("secretariat")),
                "deliverable": "; ".join(d.vi for d in task.deliverables),
                "deliverable_en": "; ".join(d.en for d in task.deliverables),
                "deadline": task.deadline or "",
                **_lead(task, on, register),
            }
        )
    if agency_id:
        rows = _with_agency(rows, {a.item: a for a in tasks_for_agency(agency_id, on)})
    return _frame(rows, TASK_COLUMNS, agency_id)


def duties_frame(on: dt.date, agency_id: str | None = None) -> pd.DataFrame:
    """The duties of mục IV (or those `agency_id` answers for on `on`): a row per milestone,
    one per year of an annual duty, and one per periodic or ongoing duty."""
    register = agencies.load_register()
    rows = []
    for duty in load_duties():
        for year in duty.years or (None,):
            rows.append(
                {
                    "duty_id": duty.duty_id,
                    "clause": duty.clause,
                    "recurrence": duty.recurrence,
                    "year": year or "",
                    "note": duty.note,
                    **_lead(duty, on, register),
                }
            )
    if agency_id:
        rows = _with_agency(rows, {a.item: a for a in duties_for_agency(agency_id, on)})
    return _frame(rows, DUTY_COLUMNS, agency_id)
