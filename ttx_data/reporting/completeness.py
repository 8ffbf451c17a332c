"""Completeness and timeliness of a period's reports, per agency, against the reporting regime.

An expected report is one row of `regime.expected_reports(period)`: an agency, an indicator, a
level and a deadline. It is received when a submission of that agency for the period gives a
value of that indicator at that level (a withdrawn submission does not count, nor one superseded
while it waited); then it is accepted when such a submission was accepted, else pending or
returned as the latest such submission is. Received reports are on time when their first such
submission came on or before the deadline (a day in Vietnam), late otherwise; missing ones are
overdue once the deadline has passed. A reminder goes to each agency with reports still missing
before their deadline.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Engine, or_, select

from ttx_data.i18n import format_date
from ttx_data.plan import local_date
from ttx_data.reporting import regime
from ttx_data.reporting.publish import agency_name
from ttx_data.store.database import reading
from ttx_data.store.schema import reviews, submission_values, submissions

COUNTED_STATES = ("pending_review", "returned", "accepted")
"""States of a submission that count as received (and a superseded one that had been accepted)."""
ITEM_COLUMNS = (
    "agency_id",
    "indicator_id",
    "level",
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


def _day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _received(engine: Engine, period: str) -> pd.DataFrame:
    """Per submission that counts: the (indicator, level) pairs it gives a value of."""
    query = (
        select(
            submissions.c.agency_id,
            submission_values.c.indicator_id,
            submission_values.c.area_level.label("level"),
            submissions.c.id,
            submissions.c.state,
            submissions.c.submitted_at,
            reviews.c.decision,
        )
        .distinct()
        .select_from(
            submission_values.join(
                submissions, submissions.c.id == submission_values.c.submission_id
            ).outerjoin(reviews, reviews.c.submission_id == submissions.c.id)
        )
        .where(
            submissions.c.period == period,
            submission_values.c.value.is_not(None),
            or_(submissions.c.state.in_(COUNTED_STATES), reviews.c.decision == "accepted"),
        )
    )
    with reading(engine) as connection:
        rows = [r._mapping for r in connection.execute(query)]
    columns = ["agency_id", "indicator_id", "level", "id", "state", "submitted_at", "decision"]
    return pd.DataFrame(rows, columns=columns)


def _status(found: pd.DataFrame) -> str:
    if found.empty:
        return "missing"
    if (found["decision"] == "accepted").any():
        return "accepted"
    latest = found.sort_values(["submitted_at", "id"]).iloc[-1]
    return "pending" if latest["state"] == "pending_review" else "returned"


def report_items(
    engine: Engine, period: str, *, today: dt.date | None = None, expected=None
) -> pd.DataFrame:
    """Each expected report of the period with its status (accepted, pending, returned,
    missing), the day its first submission came (in Vietnam), and whether that was on time,
    late, or (missing) overdue; `expected` defaults to the regime in effect in `engine`'s store."""
    today = today or local_date(dt.datetime.now(dt.UTC))
    expected = regime.expected_reports(period, engine=engine) if expected is None else expected
    received = _received(engine, period)
    groups = dict(list(received.groupby(["agency_id", "indicator_id", "level"])))
    rows = []
    for item in expected.to_dict("records"):
        deadline = _day(item["deadline"])
        key = (item["agency_id"], item["indicator_id"], item["level"])
        found = groups.get(key, received.iloc[0:0])
        first = local_date(found["submitted_at"].min()) if not found.empty else None
        if first is None:
            timing = "overdue" if today > deadline else None
        else:
            timing = "on_time" if first <= deadline else "late"
        rows.append({**dict(zip(ITEM_COLUMNS[:3], key, strict=True)), "deadline": deadline,
                     "status": _status(found), "first_received": first, "timing": timing})  # fmt: skip
    return pd.DataFrame(rows, columns=list(ITEM_COLUMNS))


def completeness(
    engine: Engine, period: str, *, today: dt.date | None = None, expected=None
) -> pd.DataFrame:
    """Per agency expected in the period (COMPLETENESS_COLUMNS): its earliest deadline, how many
    reports are expected, received (= accepted + returned + pending), on time, late, missing and
    overdue; by agency code."""
    items = report_items(engine, period, today=today, expected=expected)
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


def reminders(engine: Engine, period: str, today: dt.date, *, expected=None) -> pd.DataFrame:
    """Agencies with reports still missing whose deadline has not passed (REMINDER_COLUMNS): the
    nearest such deadline, the days left and how many reports are missing; nearest first."""
    items = report_items(engine, period, today=today, expected=expected)
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
