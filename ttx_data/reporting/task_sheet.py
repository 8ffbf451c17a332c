"""The tasks sheet of an agency's report workbook: which of the plan's tasks an agency reports on
for a period, and how (`TaskRow`), who reports tasks at all, what a period's task reports are
expected, and the previous period's published report shown beside each row.

Decisions:
- Rows: the tasks of mục III and the one-off duties of mục IV (the steering committee, the
  mid-term review 2025, the final review 2030: what `ttx_data.tasks.status` classifies) that an
  agency answers for on the day asked, following the agency register as `tasks_for_agency`
  does (Sở Tài chính tỉnh Bắc Ninh: what Sở Kế hoạch và Đầu tư and Sở Tài chính led). Role
  "lead" (chủ trì): its report is expected; role "cooperating" (phối hợp): optional, its
  contribution. The annual and ongoing duties of mục IV have no row: the workbook itself is the
  annual report (IV.2.2).
- Collectives report nothing: an item the plan addresses to "các sở, ban, ngành" (role "all")
  has no lead agency to ask, so it is in no sheet and no report on it is expected; the local
  level (UBND các huyện, thành phố, since 1/7/2025 UBND các xã, phường: register kinds
  `LOCAL_KINDS`) is a group of people's committees, not one agency that sends one workbook, as
  for the figures, which the lead sở compiles. Such tasks stay "not reported" in the
  classification until the secretariat names a lead.
- Periods: from the year the plan was issued (2022) to its target year; earlier periods have
  figures only.
- A period's task reports are due with its figures: the period's deadline
  (`regime.period_deadline`), and speak of the period up to its last day (31/12).
- An agency that reports tasks but no figure still gets a workbook (the tasks sheet alone).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from sqlalchemy import Engine

from ttx_data import agencies, catalog, datasets, plan
from ttx_data.i18n import format_date
from ttx_data.reporting import regime
from ttx_data.reporting.checks import TASK_STATUS_LABELS
from ttx_data.sources import DataSource
from ttx_data.tasks import ROLES, Task
from ttx_data.tasks.catalog import COLLECTIVES, LINKS_FILE, TASKS_FILE
from ttx_data.tasks.duties import DUTIES_FILE
from ttx_data.tasks.status import items

TASKS_SHEET = "Nhiệm vụ"
"""The name of the tasks sheet."""

FIRST_YEAR = plan.PLAN_DATE.year
"""The first period with task reports: the year the plan was issued."""

LOCAL_KINDS = ("ubnd_huyen", "ubnd_xa")
"""Register kinds of the local level (people's committees of districts, communes): not
agencies that report tasks (see the module's decisions)."""

REPORTED_ROLES = ("lead", "cooperating")
"""The roles a tasks sheet has rows of (datasets.TASK_REPORT_ROLES)."""

SHORT_TEXT = 180
"""Characters of the plan's text shown in a row (the whole text is in the cell's note)."""

PREVIOUS_PROGRESS = 160
"""Characters of the previous period's progress shown beside a row."""

EXPECTED_COLUMNS = ("agency_id", "task_id", "deadline")


@dataclass(frozen=True)
class TaskRow:
    """One row of the tasks sheet: a task (or one-off duty) and the agency's role in it, the
    plan's agencies it answers for it through (`via`) and the year the plan sets, if any."""

    task_id: str
    kind: str
    text_vi: str
    text_en: str
    role: str
    via: tuple[str, ...]
    plan_year: int | None

    @property
    def key(self) -> tuple[str, str]:
        return (self.task_id, self.role)

    @property
    def role_label(self) -> str:
        """The role as the sheet writes it: "Chủ trì" or "Phối hợp"."""
        return ROLES[self.role][0]

    @property
    def expected(self) -> bool:
        """Whether a report on it is expected (the lead's), not optional (a contribution)."""
        return self.role == "lead"

    def short_text(self) -> str:
        """The plan's text on one line, cut at SHORT_TEXT characters."""
        text = " ".join(self.text_vi.split())
        return text if len(text) <= SHORT_TEXT else text[: SHORT_TEXT - 1].rstrip() + "…"


def _stamps() -> tuple:
    files = (TASKS_FILE, LINKS_FILE, DUTIES_FILE, catalog.AGENCIES_FILE, agencies.SUCCESSIONS_FILE)
    return tuple(catalog._stamp(f) for f in files)


@lru_cache(maxsize=8)
def _by_agency(on: dt.date, stamps: tuple) -> dict[str, tuple[TaskRow, ...]]:
    """Every agency's rows on `on`, in one pass over the items (each plan agency's successor
    looked up once): the lead and cooperating roles of `tasks_for_agency`, strongest first."""
    register = agencies.load_register()
    now: dict[str, tuple[str, ...]] = {}
    found: dict[str, list[TaskRow]] = {}
    for item in items():
        roles: dict[str, dict[str, list[str]]] = {}
        for role, named in (("lead", item.lead_agency), ("cooperating", item.cooperating_agencies)):
            for plan_agency in named:
                if plan_agency in COLLECTIVES:
                    continue
                if plan_agency not in now:
                    now[plan_agency] = agencies.successor(plan_agency, on, register).current
                for agency_id in now[plan_agency]:
                    roles.setdefault(agency_id, {}).setdefault(role, []).append(plan_agency)
        is_task = isinstance(item, Task)
        for agency_id, given in roles.items():
            kind = register.agencies.loc[agency_id, "kind"]
            if kind in LOCAL_KINDS:
                continue
            role = next(r for r in REPORTED_ROLES if r in given)
            found.setdefault(agency_id, []).append(
                TaskRow(
                    task_id=item.task_id if is_task else item.duty_id,
                    kind="task" if is_task else "duty",
                    text_vi=item.text_vi,
                    text_en=item.summary_en,
                    role=role,
                    via=tuple(dict.fromkeys(a for r in REPORTED_ROLES for a in given.get(r, []))),
                    plan_year=item.deadline if is_task else item.year,
                )
            )
    return {agency_id: tuple(rows) for agency_id, rows in found.items()}


def _on(on: dt.date | None) -> dt.date:
    return on or dt.date.today()


def reports_tasks(period: str | int) -> bool:
    """Whether a period has task reports: a year from the plan's issue to its target."""
    return regime.parse_period(period) >= FIRST_YEAR


def task_rows(agency_id: str, period: str | int, on: dt.date | None = None) -> tuple[TaskRow, ...]:
    """The rows of an agency's tasks sheet for a period, as the register stands on `on` (default
    today), in the plan's order: none before the plan's year, none for an agency that does not
    exist that day, a collective or the local level."""
    if not reports_tasks(period):
        return ()
    return _by_agency(_on(on), _stamps()).get(agency_id, ())


def task_agencies(on: dt.date | None = None) -> list[str]:
    """The agencies that report on some task on `on` (lead or cooperating), in the plan's order
    of their first task."""
    return list(_by_agency(_on(on), _stamps()))


def reporting_agencies(on: dt.date | None = None, *, engine: Engine | None = None) -> list[str]:
    """Every agency with a workbook to send on `on`: those reporting figures (in catalog order,
    `regime.reporting_agencies`), then those reporting tasks only."""
    figures = regime.reporting_agencies(on, engine=engine)
    return figures + [a for a in task_agencies(on) if a not in figures]


def expected_task_reports(
    period: str | int, on: dt.date | None = None, *, deadline: dt.date | None = None
) -> pd.DataFrame:
    """The task reports a period expects (EXPECTED_COLUMNS): one per task each agency leads on
    `on`, due `deadline` (default: the period's deadline, `regime.period_deadline`); none
    before the plan's year. A cooperating agency's report is not expected."""
    if not reports_tasks(period):
        return pd.DataFrame(columns=list(EXPECTED_COLUMNS))
    due = deadline or regime.period_deadline(period, on)
    rows = [
        (agency_id, row.task_id, due)
        for agency_id, found in _by_agency(_on(on), _stamps()).items()
        for row in found
        if row.expected
    ]
    return pd.DataFrame(rows, columns=list(EXPECTED_COLUMNS))


# --- the previous period's published reports ------------------------------------------------


def status_label(status: str, lang: str = "vi") -> str:
    """A reported status in words ("Đang thực hiện" / "In progress")."""
    vi, en = TASK_STATUS_LABELS[status]
    return en if lang == "en" else vi


def _day(value) -> dt.date | None:
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def report_text(report: dict) -> str:
    """A published report in one short line: "Đang thực hiện; hạn 30/06/2026; <progress>"."""
    parts = [status_label(report["status"])]
    completed, deadline = _day(report.get("completed_on")), _day(report.get("deadline"))
    if completed is not None:
        parts.append(f"hoàn thành {format_date(completed)}")
    if deadline is not None:
        parts.append(f"hạn {format_date(deadline)}")
    progress = " ".join(str(report.get("progress") or "").split())
    if progress:
        cut = len(progress) > PREVIOUS_PROGRESS
        parts.append(progress[: PREVIOUS_PROGRESS - 1].rstrip() + "…" if cut else progress)
    return "; ".join(parts)


def previous_reports(
    agency_id: str, rows: tuple[TaskRow, ...], period: str | int, source: DataSource, on=None
) -> dict[tuple[str, str], str]:
    """The previous period's published report on each row's task by this agency or an agency it
    answers for on `on` (a report sent before a merger), as `report_text`; rows without one are
    left out."""
    year = regime.parse_period(period) - 1
    if not rows:
        return {}
    reports = source.dataset(datasets.TASK_REPORTS)
    reports = reports[
        (reports["year"] == year) & reports["task_id"].isin({r.task_id for r in rows})
    ]
    register, on = agencies.load_register(), _on(on)
    answers: dict[str, bool] = {}
    found: dict[tuple[str, str], list[str]] = {}
    for report in reports.sort_values(["task_id", "agency_id"]).to_dict("records"):
        sender = report["agency_id"]
        if sender not in answers:
            known = sender in register.agencies.index
            answers[sender] = (
                known and agency_id in agencies.successor(sender, on, register).current
            )
        if answers[sender]:
            found.setdefault((report["task_id"], report["role"]), []).append(report_text(report))
    by_task = {task_id: texts for (task_id, _), texts in found.items()}
    shown = {}
    for row in rows:
        texts = found.get(row.key) or by_task.get(row.task_id)
        if texts:
            shown[row.key] = " | ".join(texts)
    return shown
