"""Where each task stands: the four-way classification of Vietnamese government task reports
(hoàn thành đúng hạn / hoàn thành quá hạn / đang thực hiện trong hạn / quá hạn), from the lead
agency's latest published report (dataset `task_reports`) and the task's deadline.

Rules, on a day `on`:
- The report read is the lead agency's (role "lead") of the latest reporting year up to `on`'s
  year; when two lead agencies reported that year (2.4 names two; mergers may too), the task is
  completed only when every one of them says so, on the last of their completion days, and the
  earliest deadline given counts.
- The deadline is the one in that report when given (basis "report"), else the year the plan
  sets for the task's result, 31/12 of it (basis "plan": 8.6.c, 8.9.a; a dated duty of mục IV:
  mid-term review 2025, final review 2030), else the plan's horizon, 31/12/2030 (basis
  "plan_end"): a task the plan gives no date is due by the plan's end.
- Completed on or before the deadline: completed on time; after it: completed late (a completed
  report without a completion day is taken as on time: validation asks for the day). Not
  completed: in progress within the deadline while `on` is on or before it, overdue after it.
- No report: not reported while the deadline has not passed, overdue once it has (nothing shows
  the task was done).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ttx_data import agencies, plan
from ttx_data.tasks.assignments import current
from ttx_data.tasks.catalog import Task, load_tasks, order_key
from ttx_data.tasks.duties import Duty, load_duties

COMPLETED_ON_TIME = "completed_on_time"
COMPLETED_LATE = "completed_late"
IN_PROGRESS = "in_progress"
OVERDUE = "overdue"
NOT_REPORTED = "not_reported"

STATUSES = {
    OVERDUE: ("Quá hạn", "Overdue"),
    IN_PROGRESS: ("Đang thực hiện trong hạn", "In progress within the deadline"),
    NOT_REPORTED: ("Chưa có báo cáo", "Not reported"),
    COMPLETED_LATE: ("Hoàn thành quá hạn", "Completed late"),
    COMPLETED_ON_TIME: ("Hoàn thành đúng hạn", "Completed on time"),
}
"""Each classification in words, id -> (vi, en), in the order a leader reads them: what is
late first."""

DEADLINE_BASES = {
    "report": ("theo báo cáo của cơ quan", "as the agency reported"),
    "plan": ("theo Kế hoạch", "as the plan sets"),
    "plan_end": ("hết kỳ Kế hoạch", "the plan's end"),
}
"""Where a task's deadline comes from, id -> (vi, en)."""

PLAN_END = dt.date(plan.TARGET_YEAR, 12, 31)

COLUMNS = (
    "task_id", "kind", "group", "sector", "plan_lead", "current_lead", "verified", "targets",
    "indicators", "status", "deadline", "deadline_basis", "days_overdue", "reported_status",
    "completed_on", "year", "reported_by", "progress", "evidence", "obstacles", "proposals",
    "provenance", "source_title",
)  # fmt: skip
"""Columns of `task_statuses`: one row per task of mục III, then each dated duty of mục IV."""


@dataclass(frozen=True)
class Reported:
    """What the lead agencies' latest reports say of one task, combined."""

    status: str
    completed_on: dt.date | None
    deadline: dt.date | None
    year: int
    agencies: tuple[str, ...]
    progress: str | None
    evidence: str | None
    obstacles: str | None
    proposals: str | None
    provenance: str
    source_title: str | None


def status_label(status: str, lang: str = "vi") -> str:
    """A classification in words."""
    vi, en = STATUSES[status]
    return en if lang == "en" else vi


def classify(
    reported_status: str | None,
    completed_on: dt.date | None,
    deadline: dt.date,
    on: dt.date,
) -> str:
    """The four-way classification (and "not reported") of one task on `on`."""
    if reported_status == "completed":
        if completed_on is not None and completed_on > deadline:
            return COMPLETED_LATE
        return COMPLETED_ON_TIME
    if on > deadline:
        return OVERDUE
    return NOT_REPORTED if reported_status is None else IN_PROGRESS


def _day(value) -> dt.date | None:
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    return value


def _text(values: pd.Series) -> str | None:
    kept = [str(v).strip() for v in values if isinstance(v, str) and v.strip()]
    return " | ".join(dict.fromkeys(kept)) or None


def latest_reports(reports: pd.DataFrame, on: dt.date) -> dict[str, Reported]:
    """Per task id, its lead agencies' reports of the latest year up to `on`'s year, combined."""
    leads = reports[(reports["role"] == "lead") & (reports["year"] <= on.year)]
    found = {}
    for task_id, given in leads.groupby("task_id", sort=False):
        latest = given[given["year"] == given["year"].max()]
        completed = (latest["status"] == "completed").all()
        started = (latest["status"] != "not_started").any()
        days = [d for d in map(_day, latest["completed_on"]) if d is not None]
        deadlines = [d for d in map(_day, latest["deadline"]) if d is not None]
        provenances = set(latest["provenance"])
        found[str(task_id)] = Reported(
            status="completed" if completed else ("in_progress" if started else "not_started"),
            completed_on=max(days) if completed and days else None,
            deadline=min(deadlines) if deadlines else None,
            year=int(latest["year"].iloc[0]),
            agencies=tuple(dict.fromkeys(latest["agency_id"])),
            progress=_text(latest["progress"]),
            evidence=_text(latest["evidence"]),
            obstacles=_text(latest["obstacles"]),
            proposals=_text(latest["proposals"]),
            # the weakest provenance of the reports read (illustrative if any is)
            provenance=next(
                p for p in ("illustrative", "estimate", "reported", "official") if p in provenances
            )
            if provenances
            else "illustrative",
            source_title=_text(latest["source_title"]),
        )
    return found


def _deadline(item: Task | Duty, reported: Reported | None) -> tuple[dt.date, str]:
    if reported is not None and reported.deadline is not None:
        return reported.deadline, "report"
    year = item.deadline if isinstance(item, Task) else item.year
    if year is not None:
        return dt.date(year, 12, 31), "plan"
    return PLAN_END, "plan_end"


def items() -> list[Task | Duty]:
    """What is classified: the 62 tasks of mục III in the plan's order, then the duties of mục
    IV done once (the steering committee, the mid-term and final reviews)."""
    tasks = sorted(load_tasks(), key=lambda t: order_key(t.task_id))
    duties = [d for d in load_duties() if d.recurrence == "once"]
    return [*tasks, *duties]


def task_statuses(reports: pd.DataFrame, on: dt.date | None = None) -> pd.DataFrame:
    """One row per task and dated duty (COLUMNS) on `on` (default today in Vietnam): its plan's
    and today's lead agencies, its classification, deadline (and where it comes from), days
    overdue, and what the latest lead report says (status, completion day, year, agencies,
    progress, evidence, obstacles, proposals, provenance, source)."""
    on = on or plan.local_date(dt.datetime.now(dt.UTC))
    register = agencies.load_register()
    latest = latest_reports(reports, on)
    rows = []
    for item in items():
        item_id = item.task_id if isinstance(item, Task) else item.duty_id
        reported = latest.get(item_id)
        deadline, basis = _deadline(item, reported)
        status = classify(
            reported.status if reported else None,
            reported.completed_on if reported else None,
            deadline,
            on,
        )
        lead = current(item.lead_agency, on, register)
        is_task = isinstance(item, Task)
        rows.append(
            {
                "task_id": item_id,
                "kind": "task" if is_task else "duty",
                "group": item.group if is_task else None,
                "sector": item.sector if is_task else "",
                "plan_lead": item.lead_agency,
                "current_lead": lead.agencies,
                "verified": lead.verified,
                "targets": item.targets if is_task else (),
                "indicators": item.indicators() if is_task else (),
                "status": status,
                "deadline": deadline,
                "deadline_basis": basis,
                "days_overdue": (on - deadline).days if status == OVERDUE else 0,
                "reported_status": reported.status if reported else None,
                "completed_on": reported.completed_on if reported else None,
                "year": reported.year if reported else None,
                "reported_by": reported.agencies if reported else (),
                "progress": reported.progress if reported else None,
                "evidence": reported.evidence if reported else None,
                "obstacles": reported.obstacles if reported else None,
                "proposals": reported.proposals if reported else None,
                "provenance": reported.provenance if reported else None,
                "source_title": reported.source_title if reported else None,
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def status_counts(statuses: pd.DataFrame) -> dict[str, int]:
    """How many tasks are in each classification, in STATUSES order, zeros included."""
    counted = statuses["status"].value_counts()
    return {s: int(counted.get(s, 0)) for s in STATUSES}


def worst_first(statuses: pd.DataFrame) -> pd.DataFrame:
    """The rows in the order a leader reads them: overdue first (longest overdue first), then
    in progress, not reported, completed late, completed on time; the plan's order within."""
    rank = {s: i for i, s in enumerate(STATUSES)}
    order = statuses.assign(
        _rank=statuses["status"].map(rank),
        _position=range(len(statuses)),
    ).sort_values(["_rank", "days_overdue", "_position"], ascending=[True, False, True])
    return order.drop(columns=["_rank", "_position"]).reset_index(drop=True)
