"""Completeness and timeliness of a period's reports, per agency, against the reporting regime.

An expected report is one row of `regime.expected_reports(period)`: an agency, an indicator, a
level and a deadline; or one of `task_sheet.expected_task_reports(period)`: an agency's report
on a task it leads (one per task led, from the plan's year; a cooperating agency's is not
expected), due with the period's figures. It is received when a submission of that agency for
the period gives a value of that indicator at that level, or a status for that task as its lead
(a lead row left blank is not a report; a withdrawn submission does not count, nor one
superseded while it waited); then it is accepted when such a submission was accepted, else pending or
returned as the latest such submission is. Received reports are on time when their first such
submission came on or before the deadline (a day in Vietnam), late otherwise; missing ones are
overdue once the deadline has passed. A reminder goes to each agency with reports still missing
before their deadline.

A meeting of the steering committee asks about one period (`meeting_period`): the latest whose
deadline has passed on the meeting day. `reporting_status` gives that period's table as the
meeting brief and presenter mode show it, or says that the store could not be read.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, or_, select
from sqlalchemy.exc import SQLAlchemyError

from ttx_data import plan
from ttx_data.i18n import format_date
from ttx_data.plan import local_date
from ttx_data.reporting import regime, task_sheet
from ttx_data.reporting.publish import agency_name
from ttx_data.store import StoreError
from ttx_data.store.database import reading
from ttx_data.store.schema import reviews, submission_tasks, submission_values, submissions

COUNTED_STATES = ("pending_review", "returned", "accepted")
"""States of a submission that count as received (and a superseded one that had been accepted)."""
ITEM_COLUMNS = (
    "agency_id",
    "indicator_id",
    "level",
    "task_id",
    "deadline",
    "status",
    "first_received",
    "timing",
)
COMPLETENESS_COLUMNS = (
    "agency_id",
    "agency",
    "deadline",
    "expected",
    "received",
    "accepted",
    "returned",
    "pending",
    "on_time",
    "late",
    "missing",
    "overdue",
)
REMINDER_COLUMNS = ("agency_id", "agency", "deadline", "days_left", "missing")
COMPLETENESS_HEADERS = {
    "agency": ("Cơ quan", "Agency"),
    "deadline": ("Hạn nộp", "Deadline"),
    "expected": ("Phải nộp", "Expected"),
    "received": ("Đã nhận", "Received"),
    "accepted": ("Đã chấp nhận", "Accepted"),
    "returned": ("Trả lại", "Returned"),
    "pending": ("Chờ thẩm định", "Waiting"),
    "on_time": ("Đúng hạn", "On time"),
    "late": ("Muộn", "Late"),
    "missing": ("Chưa nộp", "Missing"),
    "overdue": ("Quá hạn", "Overdue"),
}
"""Columns of the completeness table as people read them (vi, en): the completeness page, its
downloads, and the meeting's reporting slide in presenter mode and the brief."""

_log = logging.getLogger(__name__)


def header(column: str, lang: str) -> str:
    """A completeness column's header in the language."""
    return COMPLETENESS_HEADERS[column][lang == "en"]


def _day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _received(engine: Engine, period: str, table, of: dict, *given) -> pd.DataFrame:
    """Per submission that counts: the items (`of`: name -> column of `table`) it gives
    (`given`: what a row needs to be a report)."""
    query = (
        select(
            submissions.c.agency_id,
            *(column.label(name) for name, column in of.items()),
            submissions.c.id,
            submissions.c.state,
            submissions.c.submitted_at,
            reviews.c.decision,
        )
        .distinct()
        .select_from(
            table.join(submissions, submissions.c.id == table.c.submission_id).outerjoin(
                reviews, reviews.c.submission_id == submissions.c.id
            )
        )
        .where(
            submissions.c.period == period,
            *given,
            or_(submissions.c.state.in_(COUNTED_STATES), reviews.c.decision == "accepted"),
        )
    )
    with reading(engine) as connection:
        rows = [r._mapping for r in connection.execute(query)]
    columns = ["agency_id", *of, "id", "state", "submitted_at", "decision"]
    return pd.DataFrame(rows, columns=columns)


def _received_values(engine: Engine, period: str) -> pd.DataFrame:
    """Per submission that counts: the (indicator, level) pairs it gives a value of."""
    of = {"indicator_id": submission_values.c.indicator_id,
          "level": submission_values.c.area_level}  # fmt: skip
    return _received(engine, period, submission_values, of, submission_values.c.value.is_not(None))


def _received_tasks(engine: Engine, period: str) -> pd.DataFrame:
    """Per submission that counts: the tasks it reports on as their lead."""
    given = (submission_tasks.c.status.is_not(None), submission_tasks.c.role == "lead")
    return _received(engine, period, submission_tasks, {"task_id": submission_tasks.c.task_id},
                     *given)  # fmt: skip


def _status(found: pd.DataFrame) -> str:
    if found.empty:
        return "missing"
    if (found["decision"] == "accepted").any():
        return "accepted"
    latest = found.sort_values(["submitted_at", "id"]).iloc[-1]
    return "pending" if latest["state"] == "pending_review" else "returned"


def expected_tasks(
    period: str, *, engine: Engine | None = None, found: list[regime.ReportingRule] | None = None
) -> pd.DataFrame:
    """The task reports a period expects (`task_sheet.expected_task_reports`), due on the
    period's deadline by the regime in effect (`found`: `regime.rules()` if already read)."""
    if not task_sheet.reports_tasks(period):
        return task_sheet.expected_task_reports(period)
    deadline = regime.period_deadline(period, found=found, engine=engine)
    return task_sheet.expected_task_reports(period, deadline=deadline)


def _items(expected: pd.DataFrame, received: pd.DataFrame, key: list[str], today: dt.date):
    """Each expected item (`key` columns) with its status, first day received and timing."""
    groups = dict(list(received.groupby(key))) if not received.empty else {}
    for item in expected.to_dict("records"):
        deadline = _day(item["deadline"])
        of = tuple(item[k] for k in key)
        found = groups.get(of, received.iloc[0:0])
        first = local_date(found["submitted_at"].min()) if not found.empty else None
        if first is None:
            timing = "overdue" if today > deadline else None
        else:
            timing = "on_time" if first <= deadline else "late"
        yield {**dict(zip(key, of, strict=True)), "deadline": deadline, "status": _status(found),
               "first_received": first, "timing": timing}  # fmt: skip


def report_items(
    engine: Engine, period: str, *, today: dt.date | None = None, expected=None, tasks=None
) -> pd.DataFrame:
    """Each expected report of the period, figures then tasks, with its status (accepted,
    pending, returned, missing), the day its first submission came (in Vietnam), and whether
    that was on time, late, or (missing) overdue; `expected` (figures) defaults to the regime in
    effect in `engine`'s store, `tasks` to the tasks each agency leads (`expected_tasks`)."""
    today = today or local_date(dt.datetime.now(dt.UTC))
    expected = regime.expected_reports(period, engine=engine) if expected is None else expected
    tasks = expected_tasks(period, engine=engine) if tasks is None else tasks
    figures = _items(expected, _received_values(engine, period),
                     ["agency_id", "indicator_id", "level"], today)  # fmt: skip
    reports = _items(tasks, _received_tasks(engine, period), ["agency_id", "task_id"], today)
    return pd.DataFrame([*figures, *reports], columns=list(ITEM_COLUMNS))


def completeness(
    engine: Engine, period: str, *, today: dt.date | None = None, expected=None, tasks=None
) -> pd.DataFrame:
    """Per agency expected in the period (COMPLETENESS_COLUMNS): its earliest deadline, how many
    reports (figures and tasks led) are expected, received (= accepted + returned + pending), on
    time, late, missing and overdue; by agency code."""
    items = report_items(engine, period, today=today, expected=expected, tasks=tasks)
    rows = []
    for agency_id, own in items.groupby("agency_id", sort=True):
        status, timing = own["status"], own["timing"]
        rows.append(
            {
                "agency_id": agency_id,
                "agency": agency_name(agency_id),
                "deadline": own["deadline"].min(),
                "expected": len(own),
                "received": int((status != "missing").sum()),
                "accepted": int((status == "accepted").sum()),
                "returned": int((status == "returned").sum()),
                "pending": int((status == "pending").sum()),
                "on_time": int((timing == "on_time").sum()),
                "late": int((timing == "late").sum()),
                "missing": int((status == "missing").sum()),
                "overdue": int((timing == "overdue").sum()),
            }
        )
    return pd.DataFrame(rows, columns=list(COMPLETENESS_COLUMNS))


def reminders(
    engine: Engine, period: str, today: dt.date, *, expected=None, tasks=None
) -> pd.DataFrame:
    """Agencies with reports still missing whose deadline has not passed (REMINDER_COLUMNS): the
    nearest such deadline, the days left and how many reports are missing; nearest first."""
    items = report_items(engine, period, today=today, expected=expected, tasks=tasks)
    due = items[(items["status"] == "missing") & (items["deadline"] >= today)]
    rows = [
        {
            "agency_id": agency_id,
            "agency": agency_name(agency_id),
            "deadline": own["deadline"].min(),
            "days_left": (own["deadline"].min() - today).days,
            "missing": len(own),
        }
        for agency_id, own in due.groupby("agency_id", sort=True)
    ]
    frame = pd.DataFrame(rows, columns=list(REMINDER_COLUMNS))
    return frame.sort_values(["deadline", "agency_id"]).reset_index(drop=True)


def reminder_text(row: dict, period: str, lang: str = "vi") -> str:
    """One reminder in words, e.g. "Sở Công Thương tỉnh Bắc Ninh: còn 3 báo cáo kỳ 2026 chưa nộp,
    hạn 31/01/2027 (còn 12 ngày)"."""
    deadline = format_date(row["deadline"], lang)
    if lang == "en":
        name = agency_name(row["agency_id"], "en")
        return (
            f"{name}: {row['missing']} report(s) of period {period} not yet submitted, due"
            f" {deadline} ({row['days_left']} day(s) left)"
        )
    return (
        f"{row['agency']}: còn {row['missing']} báo cáo kỳ {period} chưa nộp, hạn {deadline}"
        f" (còn {row['days_left']} ngày)"
    )


def meeting_period(on: dt.date, found: list[regime.ReportingRule] | None = None) -> str:
    """The period a meeting held on `on` asks about: the latest of the plan's periods whose
    deadline (`regime.period_deadline`) has passed that day, e.g. "2025" from 16/01/2026 (its
    deadline 15/01/2026) to 15/01/2027; before the first deadline has passed, the plan's first
    period (the one being reported then). `found`: `regime.rules(on)` if already read."""
    found = regime.rules(on) if found is None else found
    last = min(max(on.year, plan.BASELINE_YEAR), plan.TARGET_YEAR)
    for year in range(last, plan.BASELINE_YEAR, -1):
        if regime.period_deadline(year, found=found) < on:
            return regime.period_name(year)
    return regime.period_name(plan.BASELINE_YEAR)


@dataclass(frozen=True)
class ReportingStatus:
    """A period's completeness as of a day, for the meeting's reporting slide: `rows` are those
    of `completeness` (COMPLETENESS_COLUMNS), None when the store could not be read. Plain
    values, so that two statuses compare and one can key a cache."""

    period: str
    deadline: dt.date
    on: dt.date
    rows: tuple[tuple, ...] | None

    @property
    def table(self) -> pd.DataFrame | None:
        """The rows as `completeness` gave them (None when the store could not be read)."""
        if self.rows is None:
            return None
        return pd.DataFrame(list(self.rows), columns=list(COMPLETENESS_COLUMNS))


def reporting_status(
    engine: Engine | Callable[[], Engine], on: dt.date | None = None
) -> ReportingStatus:
    """The meeting period's completeness as of `on` (default: today in Vietnam), who reports
    and by when as the regime says on that day. `engine` may be a function making it (e.g.
    `store.ensure_schema`), so that a store that cannot be reached, even to connect, gives a
    status without a table (logged) rather than an error."""
    on = on or local_date(dt.datetime.now(dt.UTC))
    try:
        made = engine if isinstance(engine, Engine) else engine()
    except (StoreError, SQLAlchemyError) as error:
        _log.warning("reporting status not read, no store: %s", error)
        made = None
    found = regime.rules(on, engine=made)  # the store's regime (the file's when unreachable)
    period = meeting_period(on, found)
    deadline = regime.period_deadline(period, found=found)
    expected = regime.expected_reports(period, found=found)
    if made is None:
        return ReportingStatus(period, deadline, on, None)
    try:
        tasks = task_sheet.expected_task_reports(period, on, deadline=deadline)
        table = completeness(made, period, today=on, expected=expected, tasks=tasks)
    except (StoreError, SQLAlchemyError) as error:
        _log.warning("reporting status of period %s not read: %s", period, error)
        return ReportingStatus(period, deadline, on, None)
    return ReportingStatus(period, deadline, on, tuple(table.itertuples(index=False, name=None)))
