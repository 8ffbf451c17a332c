"""Submissions: an agency's checked workbook for a period, kept with its values until a reviewer
returns it (with a reason) or accepts it, which publishes its values.

`submit` stores the original file byte for byte with its SHA-256, the values, the task reports
(`submission_tasks`, a row per row of the tasks sheet) and the audit entry in one transaction,
or nothing at all: it refuses unless the actor reports for the workbook's
agency, the intake has no fatal problem and every warning has a comment. A new submission for an
agency and period that already has one (waiting, returned or accepted) is a revision of the
latest: `revision_of` links them, and a waiting one is superseded by it. Nothing is deleted: a
reporter withdraws a waiting submission; an accepted value is corrected only by a revision.

The original file is kept in the database (`submissions.file_bytes`) rather than in a folder: it
is then written in the same transaction as its values (no file without a row, no row without its
file), reaches every replica through the one database, and is in the database's backups.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, func, select, update

from ttx_data.accounts import Actor, PermissionDenied, can
from ttx_data.query import DataError
from ttx_data.reporting import publish
from ttx_data.reporting.intake import ROW_COLUMNS, TASK_ROW_COLUMNS
from ttx_data.reporting.refusals import (
    PublicationPending,
    ReportingError,
    SubmissionRefused,
)
from ttx_data.store import audit
from ttx_data.store.database import reading, writing
from ttx_data.store.schema import (
    ACTOR_LENGTH,
    FILE_NAME_LENGTH,
    SUBMISSION_STATES,
    publications,
    reviews,
    submission_tasks,
    submission_values,
    submissions,
)

VALUE_COLUMNS = tuple(ROW_COLUMNS)
"""The columns of a submission's values (those of the intake's rows)."""
TASK_COLUMNS = tuple(TASK_ROW_COLUMNS)
"""The columns of a submission's task reports (those of the intake's tasks)."""

STATE_LABELS = {
    "pending_review": ("Chờ thẩm định", "Pending review"),
    "returned": ("Đã trả lại", "Returned"),
    "accepted": ("Đã chấp nhận", "Accepted"),
    "withdrawn": ("Đã rút", "Withdrawn"),
    "superseded": ("Đã được thay thế", "Superseded"),
}
"""Each state of a submission in words (schema.SUBMISSION_STATES)."""

OPEN_STATES = ("pending_review", "returned", "accepted")
"""States of a submission a new one of the same agency and period revises."""

LISTING = "python -m ttx_data submissions"


@dataclass(frozen=True)
class Submission:
    """A submission as listed: never its file's bytes (`original_file` gives them)."""

    id: str
    agency_id: str
    period: str
    state: str
    submitted_by: str
    submitted_at: dt.datetime
    file_name: str
    file_sha256: str
    file_size: int
    revision_of: str | None
    example: bool
    comments: str
    withdrawn_by: str | None
    withdrawn_at: dt.datetime | None
    withdrawn_reason: str | None
    reviewer: str | None
    decided_at: dt.datetime | None
    decision: str | None
    reason: str | None

    def state_label(self, lang: str = "vi") -> str:
        """The state in words."""
        return state_label(self.state, lang)


def state_label(state: str, lang: str = "vi") -> str:
    """A submission state in words."""
    vi, en = STATE_LABELS[state]
    return en if lang == "en" else vi


_SUBMISSION_COLUMNS = [
    submissions.c[name] if name in submissions.c else reviews.c[name]
    for name in Submission.__dataclass_fields__
]
_LISTED = select(*_SUBMISSION_COLUMNS).select_from(
    submissions.outerjoin(reviews, reviews.c.submission_id == submissions.c.id)
)


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


def _text(value: object) -> str | None:
    """A cell as stored text: None for an empty one."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    return text or None


def _number(value: object) -> float | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def value_rows(rows: pd.DataFrame, period: str) -> list[dict]:
    """The intake's rows as rows of `submission_values` (a row without a period gets the
    workbook's)."""
    missing = [c for c in VALUE_COLUMNS if c not in rows.columns and c != "comment"]
    if missing:
        raise ValueError(f"intake rows lack columns {missing}; expected {list(VALUE_COLUMNS)}")
    found = []
    for row in rows.to_dict("records"):
        found.append(
            {
                "indicator_id": str(row["indicator_id"]),
                "area_level": str(row["area_level"]),
                "area_code": str(row["area_code"]),
                "period": _text(row["period"]) or period,
                "value": _number(row["value"]),
                "source_ref": _text(row["source_ref"]),
                "note": _text(row["note"]),
                "comment": _text(row.get("comment")),
            }
        )
    return found


def _day(value: object) -> dt.date | None:
    """A date cell as a stored day: None for an empty one."""
    if value is None or value is pd.NA or (not isinstance(value, dt.date) and pd.isna(value)):
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def task_rows(tasks: pd.DataFrame | None, period: str) -> list[dict]:
    """The intake's task reports as rows of `submission_tasks` (empty texts stored as NULL; a
    row without a period gets the workbook's)."""
    if tasks is None:
        return []
    texts = ("progress", "evidence", "obstacles", "proposals", "comment")
    return [
        {
            "task_id": str(row["task_id"]),
            "role": str(row["role"]),
            "period": _text(row.get("period")) or period,
            "status": _text(row.get("status")),
            "completed_on": _day(row.get("completed_on")),
            "deadline": _day(row.get("deadline")),
            **{key: _text(row.get(key)) for key in texts},
        }
        for row in tasks.to_dict("records")
    ]


def _tasks_of(intake) -> list[dict]:
    """The intake's task reports as stored rows (an intake without a tasks sheet has none)."""
    return task_rows(getattr(intake, "tasks", None), intake.period)


def _refuse_unless_reporter(actor: Actor, agency_id: str) -> None:
    if not can(actor, "submit", agency_code=agency_id):
        who = actor.username or "(chưa đăng nhập)"
        raise PermissionDenied(
            f"Tài khoản {who} không được nộp số liệu của cơ quan {agency_id}: chỉ cán bộ báo cáo"
            " của chính cơ quan đó được nộp",
            f"Account {actor.username or '(not signed in)'} may not submit figures of the agency"
            f" {agency_id}: only that agency's own reporters may",
        )


def _refuse_if_fatal(intake) -> None:
    if not intake.ok:
        fatal = sum(p.severity == "fatal" for p in intake.problems)
        raise SubmissionRefused(
            f"Tệp có {fatal} lỗi phải sửa trước khi nộp; chưa lưu gì",
            f"The file has {fatal} problem(s) to fix before it can be submitted; nothing was"
            " stored",
            intake.problems,
        )


def _refuse_if_uncommented(intake) -> None:
    if intake.needs_comments:
        raise SubmissionRefused(
            "Có cảnh báo chưa được giải thích: ghi lời giải thích vào cột ghi chú cảnh báo"
            " (comment) của từng dòng có cảnh báo rồi nộp lại; chưa lưu gì",
            "Some warnings have no comment: explain each in the comment column of its row,"
            " then submit again; nothing was stored",
            intake.problems,
        )


def check_submittable(intake, actor: Actor) -> None:
    """What `submit` checks before storing anything (and `submit --dry-run` alone): nothing
    fatal (a file read only in part names no agency yet), the actor reports for the workbook's
    agency, every warning commented, a plan year, at least one value or task report."""
    _refuse_if_fatal(intake)
    _refuse_unless_reporter(actor, intake.agency_id)
    _refuse_if_uncommented(intake)
    publish.period_year(intake.period)
    valued = any(row["value"] is not None for row in value_rows(intake.rows, intake.period))
    if not valued and not any(row["status"] for row in _tasks_of(intake)):
        raise ReportingError(
            "Tệp chưa có giá trị hay báo cáo nhiệm vụ nào: điền số liệu vào các ô giá trị, tình"
            " trạng vào các dòng nhiệm vụ rồi nộp; chưa lưu gì",
            "The file holds no value and no task report yet: fill in the value cells or the"
            " tasks' status, then submit; nothing was stored",
        )


def _slug(period: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", period.lower()).strip("-") or "ky"


def _next_id(connection: Connection, period: str) -> str:
    """The next readable id of a period: "2026-0007" (the 7th submission of 2026). The caller
    holds the store's write turn (`audit.take_turn`), so two submissions never get one id."""
    count = connection.execute(
        select(func.count()).select_from(submissions).where(submissions.c.period == period)
    ).scalar_one()
    return f"{_slug(period)}-{count + 1:04d}"


def _latest_open(connection: Connection, agency_id: str, period: str):
    return connection.execute(
        select(submissions.c.id, submissions.c.state)
        .where(
            submissions.c.agency_id == agency_id,
            submissions.c.period == period,
            submissions.c.state.in_(OPEN_STATES),
        )
        .order_by(submissions.c.submitted_at.desc(), submissions.c.id.desc())
        .limit(1)
    ).first()


def submit(
    engine: Engine,
    intake,
    *,
    actor: Actor,
    file_name: str,
    data: bytes,
    comments: str = "",
    client: str = "",
    now: dt.datetime | None = None,
) -> Submission:
    """Store a checked workbook for review: its file, values and audit entry in one transaction.

    PermissionDenied unless `actor` reports for the workbook's agency; SubmissionRefused (with
    every problem) when the intake has fatal problems or uncommented warnings; ReportingError
    for a period outside the plan. Nothing is stored on any refusal."""
    check_submittable(intake, actor)
    rows = value_rows(intake.rows, intake.period)
    reports = _tasks_of(intake)
    now = _now(now)
    file_name = (file_name or "").strip()[:FILE_NAME_LENGTH] or "workbook.xlsx"
    digest = hashlib.sha256(data).hexdigest()
    example = bool(getattr(intake, "example", False))
    with writing(engine) as connection:
        audit.take_turn(connection)
        previous = _latest_open(connection, intake.agency_id, intake.period)
        submission_id = _next_id(connection, intake.period)
        superseded = previous is not None and previous.state == "pending_review"
        if superseded:
            connection.execute(
                update(submissions)
                .where(submissions.c.id == previous.id)
                .values(state="superseded")
            )
        connection.execute(
            submissions.insert().values(
                id=submission_id,
                agency_id=intake.agency_id,
                period=intake.period,
                state="pending_review",
                submitted_by=actor.username[:ACTOR_LENGTH],
                submitted_at=now,
                file_name=file_name,
                file_sha256=digest,
                file_size=len(data),
                file_bytes=data,
                revision_of=previous.id if previous else None,
                example=example,
                comments=(comments or "").strip(),
            )
        )
        if rows:
            connection.execute(
                submission_values.insert(),
                [{"submission_id": submission_id, **row} for row in rows],
            )
        if reports:
            connection.execute(
                submission_tasks.insert(),
                [{"submission_id": submission_id, **row} for row in reports],
            )
        audit.record(
            connection,
            action="submission_received",
            target=submission_id,
            detail={
                "agency_id": intake.agency_id,
                "period": intake.period,
                "file_name": file_name,
                "file_sha256": digest,
                "file_size": len(data),
                "values": len(rows),
                "task_reports": sum(row["status"] is not None for row in reports),
                "warnings": sum(p.severity == "warning" for p in intake.problems),
                "revision_of": previous.id if previous else None,
                "superseded": previous.id if superseded else None,
                "example": example,
            },
            now=now,
            **actor.audit_fields(client),
        )
    return get(engine, submission_id)


def _not_found(submission_id: str) -> ReportingError:
    return ReportingError(
        f"Không có số liệu nộp mã {submission_id!r}; xem danh sách: {LISTING}",
        f"There is no submission {submission_id!r}; list them: {LISTING}",
    )


def get(engine: Engine, submission_id: str) -> Submission | None:
    """One submission by id, or None."""
    with reading(engine) as connection:
        row = connection.execute(_LISTED.where(submissions.c.id == submission_id)).first()
    return Submission(**row._mapping) if row else None


def list_submissions(
    engine: Engine,
    agency: str | None = None,
    period: str | None = None,
    state: str | None = None,
) -> list[Submission]:
    """Submissions, oldest first, optionally of one agency, period or state."""
    query = _LISTED.order_by(submissions.c.submitted_at, submissions.c.id)
    if state is not None and state not in SUBMISSION_STATES:
        listed = ", ".join(SUBMISSION_STATES)
        raise ReportingError(
            f"Trạng thái {state!r} không có; dùng một trong: {listed}",
            f"There is no state {state!r}; use one of: {listed}",
        )
    for column, wanted in (("agency_id", agency), ("period", period), ("state", state)):
        if wanted is not None:
            query = query.where(submissions.c[column] == wanted)
    with reading(engine) as connection:
        return [Submission(**row._mapping) for row in connection.execute(query)]


def submissions_frame(found: list[Submission]) -> pd.DataFrame:
    """Submissions as a table (the `submissions` command's columns)."""
    columns = [name for name in Submission.__dataclass_fields__ if name != "comments"]
    rows = [{name: getattr(s, name) for name in columns} for s in found]
    return pd.DataFrame(rows, columns=columns)


def _rows_of(engine: Engine, submission_id: str, query) -> list:
    """The rows `query` reads of one submission; ReportingError when there is no such one."""
    with reading(engine) as connection:
        known = select(submissions.c.id).where(submissions.c.id == submission_id)
        if connection.execute(known).first() is None:
            raise _not_found(submission_id)
        return connection.execute(query).all()


def values(engine: Engine, submission_id: str) -> pd.DataFrame:
    """The values a submission reports (VALUE_COLUMNS), in the order of their key."""
    query = (
        select(*(submission_values.c[c] for c in VALUE_COLUMNS))
        .where(submission_values.c.submission_id == submission_id)
        .order_by(
            submission_values.c.indicator_id,
            submission_values.c.area_code,
            submission_values.c.period,
        )
    )
    rows = _rows_of(engine, submission_id, query)
    frame = pd.DataFrame([r._mapping for r in rows], columns=list(VALUE_COLUMNS))
    return frame.astype({"value": "float64"})


def task_values(engine: Engine, submission_id: str) -> pd.DataFrame:
    """The task reports a submission holds (TASK_COLUMNS, one per row of its tasks sheet, status
    None where the row was left blank), by task id and role."""
    query = (
        select(*(submission_tasks.c[c] for c in TASK_COLUMNS))
        .where(submission_tasks.c.submission_id == submission_id)
        .order_by(submission_tasks.c.task_id, submission_tasks.c.role)
    )
    rows = _rows_of(engine, submission_id, query)
    frame = pd.DataFrame([r._mapping for r in rows], columns=list(TASK_COLUMNS)).astype(object)
    return frame.where(frame.notna(), None)


def original_file(engine: Engine, submission_id: str) -> bytes:
    """The workbook as uploaded, byte for byte."""
    with reading(engine) as connection:
        data = connection.execute(
            select(submissions.c.file_bytes).where(submissions.c.id == submission_id)
        ).scalar_one_or_none()
    if data is None:
        raise _not_found(submission_id)
    return bytes(data)


def _waiting(connection: Connection, submission_id: str):
    """The submission's row, or ReportingError: unknown, or no longer waiting for review."""
    row = connection.execute(select(submissions).where(submissions.c.id == submission_id)).first()
    if row is None:
        raise _not_found(submission_id)
    if row.state != "pending_review":
        later = connection.execute(
            select(submissions.c.id).where(submissions.c.revision_of == submission_id)
        ).scalar()
        by_vi = f" (bởi {later})" if later and row.state == "superseded" else ""
        by_en = f" (by {later})" if later and row.state == "superseded" else ""
        raise ReportingError(
            f"Số liệu nộp {submission_id} không còn chờ thẩm định: trạng thái"
            f" «{state_label(row.state, 'vi')}»{by_vi}",
            f"Submission {submission_id} is no longer pending review: it is"
            f" “{state_label(row.state, 'en')}”{by_en}",
        )
    return row


def withdraw(
    engine: Engine,
    submission_id: str,
    *,
    actor: Actor,
    reason: str = "",
    client: str = "",
    now: dt.datetime | None = None,
) -> Submission:
    """A reporter of the submission's agency withdraws it while it waits for review: it stays,
    marked withdrawn (who, when, why), and will not be reviewed or published."""
    now = _now(now)
    reason = " ".join((reason or "").split())
    with writing(engine) as connection:
        audit.take_turn(connection)
        found = connection.execute(
            select(submissions.c.agency_id).where(submissions.c.id == submission_id)
        ).scalar()
        if found is None:
            raise _not_found(submission_id)
        _refuse_unless_reporter(actor, found)
        _waiting(connection, submission_id)
        connection.execute(
            update(submissions)
            .where(submissions.c.id == submission_id)
            .values(
                state="withdrawn",
                withdrawn_by=actor.username[:ACTOR_LENGTH],
                withdrawn_at=now,
                withdrawn_reason=reason or None,
            )
        )
        audit.record(
            connection,
            action="submission_withdrawn",
            target=submission_id,
            detail={"reason": reason},
            now=now,
            **actor.audit_fields(client),
        )
    return get(engine, submission_id)


def review(
    engine: Engine,
    submission_id: str,
    *,
    actor: Actor,
    accept: bool,
    reason: str | None = None,
    directory=None,
    client: str = "",
    now: dt.datetime | None = None,
) -> Submission:
    """A reviewer accepts a waiting submission (its values are then published into `directory`,
    default the published data) or returns it with a reason the reporter sees.

    The decision, the journal of its publication and the audit entry are one transaction; the
    files are written after it (`publish.publish`); a publication interrupted there is completed
    by `publish.recover` at the next start."""
    if not can(actor, "review"):
        raise PermissionDenied(
            f"Tài khoản {actor.username or '(chưa đăng nhập)'} không được thẩm định số liệu nộp"
            " (cần vai trò cán bộ thẩm định)",
            f"Account {actor.username or '(not signed in)'} may not review submissions (it needs"
            " the reviewer role)",
        )
    reason = " ".join((reason or "").split()) or None
    if not accept and reason is None:
        raise ReportingError(
            "Trả lại số liệu nộp cần nêu lý do, để cơ quan báo cáo biết cần sửa gì rồi nộp lại",
            "Returning a submission needs a reason, so the agency knows what to correct before"
            " it submits again",
        )
    now = _now(now)
    decision = "accepted" if accept else "returned"
    with writing(engine) as connection:
        audit.take_turn(connection)
        row = _waiting(connection, submission_id)
        connection.execute(
            update(submissions).where(submissions.c.id == submission_id).values(state=decision)
        )
        connection.execute(
            reviews.insert().values(
                submission_id=submission_id,
                reviewer=actor.username[:ACTOR_LENGTH],
                decided_at=now,
                decision=decision,
                reason=reason,
            )
        )
        replaced = []
        if accept:
            replaced = list(
                connection.execute(
                    select(submissions.c.id).where(
                        submissions.c.agency_id == row.agency_id,
                        submissions.c.period == row.period,
                        submissions.c.state == "accepted",
                        submissions.c.id != submission_id,
                    )
                ).scalars()
            )
            if replaced:
                connection.execute(
                    update(submissions)
                    .where(submissions.c.id.in_(replaced))
                    .values(state="superseded")
                )
            connection.execute(
                publications.insert().values(
                    submission_id=submission_id, state="started", started_at=now
                )
            )
        audit.record(
            connection,
            action=f"submission_{decision}",
            target=submission_id,
            detail={
                "agency_id": row.agency_id,
                "period": row.period,
                "reason": reason or "",
                "superseded": replaced,
            },
            now=now,
            **actor.audit_fields(client),
        )
    if accept:
        try:
            publish.publish(engine, directory, actor=actor, client=client, now=now)
        except (OSError, DataError) as error:
            raise PublicationPending(
                f"Đã chấp nhận {submission_id} nhưng chưa ghi được vào dữ liệu công bố ({error});"
                " việc công bố được giữ lại và sẽ hoàn tất khi khởi động lại ứng dụng hoặc chạy"
                " python -m ttx_data publish",
                f"{submission_id} is accepted but could not be written into the published data"
                f" yet ({error}); the publication is kept and completes when the app starts"
                " again or with python -m ttx_data publish",
            ) from error
    return get(engine, submission_id)
