"""Publishing: accepted reported values written into the published data's Parquet files, all at
once, with a journal in the store so that an interrupted publication is completed.

What is published is decided by the store alone: for each (indicator, level, area, period) the
value of the latest accepted submission giving one (`current_values`). Publishing reads the
data directory's observations, replaces the rows of those keys and adds the new ones (rows of
the bundled data no report touches stay as they were, illustrative ones included), so running it
twice gives the same files. Each reported row carries provenance "reported" ("illustrative" for
a filled example workbook), a source title naming the agency (its name today in the register),
the submission, the period and the day it was accepted, and the reporter's source reference and
note. Commune-level values go to commune_observations and are rolled up
(`ttx_data.places.roll_up`, as the generator does) to the plan districts and the province of
their year, unless those were reported directly.

Task reports likewise (`current_tasks`): for each (task, agency, period) the report of the
latest accepted submission giving one (a row left blank replaces nothing) becomes a row of
task_reports keyed by (task, sending agency, year), provenance and source title as for values,
its note the comment that answered a warning; rows no report touches stay as they were.

Crash safety: the acceptance commits a journal row (`publications`, state "started") before any
file is touched. The new files are written beside the old ones (".<name>.publishing"), flushed
to disk, then renamed over them (`os.replace`), and the journal row is marked "done". A process
killed at any point leaves each published file whole (old or new) and readable, and the journal
row "started"; `recover` (at the app's start and before each reporting command) publishes
again, which completes it and overwrites what was left beside. Publishers take turns on a lock
file in the data directory (`fcntl.flock`): replicas publishing into one shared folder need a
file system whose locks work across machines (local disk, NFSv4).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import logging
import math
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Engine, select, update

from ttx_data import agencies, datasets, generate, query
from ttx_data.accounts import Actor
from ttx_data.i18n import format_date
from ttx_data.paths import data_dir
from ttx_data.places import RollupError
from ttx_data.plan import BASELINE_YEAR, TARGET_YEAR, local_date
from ttx_data.reporting import regime
from ttx_data.reporting.refusals import ReportingError
from ttx_data.store import StoreError, audit
from ttx_data.store.database import reading, writing
from ttx_data.store.schema import (
    publications,
    reviews,
    submission_tasks,
    submission_values,
    submissions,
)

REPORTED, ILLUSTRATIVE = "reported", "illustrative"
"""The provenance of a published reported value, and of one from a filled example workbook
(training, the demo data): it stays illustrative (datasets.PROVENANCES)."""
KEY = ("indicator_id", "area_level", "area_code", "period")
"""What one reported value is of; a newer accepted value of the same key replaces it."""
LOCK_FILE = ".publish.lock"
STAGED_SUFFIX = ".publishing"
CURRENT_COLUMNS = (
    *KEY,
    "year",
    "value",
    "source_ref",
    "note",
    "submission_id",
    "agency_id",
    "example",
    "decided_at",
)

TASK_KEY = ("task_id", "agency_id", "period")
"""What one task report is of: a newer accepted report of the same key replaces it."""
TASK_CONTENT = (
    "role", "status", "completed_on", "deadline", "progress", "evidence", "obstacles",
    "proposals", "comment",
)  # fmt: skip
"""What a task report says (the columns of `submission_tasks` after its key)."""
TASK_CURRENT_COLUMNS = (*TASK_KEY, "year", *TASK_CONTENT, "submission_id", "example", "decided_at")

_log = logging.getLogger(__name__)


def period_year(period: str) -> int:
    """The observation year of a reporting period ("2026" → 2026), as the regime reads periods
    (`regime.parse_period`); ReportingError for any other."""
    try:
        return regime.parse_period(period)
    except regime.PeriodError:
        raise ReportingError(
            f"Kỳ báo cáo {period!r} không hợp lệ: cần một năm của kế hoạch, từ {BASELINE_YEAR}"
            f" đến {TARGET_YEAR}",
            f"Reporting period {period!r} is not valid: it must be a year of the plan, from"
            f" {BASELINE_YEAR} to {TARGET_YEAR}",
        ) from None


def current_values(engine: Engine) -> pd.DataFrame:
    """The reported value in force for each key (CURRENT_COLUMNS): that of the latest accepted
    submission giving one (a cell left empty replaces nothing)."""
    columns = (*KEY, "value", "source_ref", "note")
    reported = submission_values.c.value.is_not(None)
    return _in_force(engine, submission_values, columns, reported, KEY, CURRENT_COLUMNS)


def _in_force(engine: Engine, table, columns, reported, key, names) -> pd.DataFrame:
    """The latest accepted report (`reported`) of each `key` of `table` (`names`, the period's
    year after the key)."""
    query_ = _accepted(table, [table.c[c] for c in columns], reported)
    with reading(engine) as connection:
        rows = [r._mapping for r in connection.execute(query_)]
    frame = pd.DataFrame(rows, columns=[c for c in names if c != "year"])
    frame = frame.drop_duplicates(list(key), keep="last").reset_index(drop=True)
    frame.insert(len(key), "year", [period_year(p) for p in frame["period"]])
    return frame


def _accepted(table, columns, reported) -> list:
    """Rows of `table` of accepted submissions giving a report (`reported`), with the
    submission's id, agency, example flag and decision time, oldest decision first."""
    return (
        select(
            *columns,
            submissions.c.id.label("submission_id"),
            submissions.c.agency_id,
            submissions.c.example,
            reviews.c.decided_at,
        )
        .select_from(
            table.join(submissions, submissions.c.id == table.c.submission_id).join(
                reviews, reviews.c.submission_id == submissions.c.id
            )
        )
        .where(reviews.c.decision == "accepted", reported)
        .order_by(reviews.c.decided_at, submissions.c.id)
    )


def current_tasks(engine: Engine) -> pd.DataFrame:
    """The task report in force for each (task, agency, period) (TASK_CURRENT_COLUMNS): that of
    the latest accepted submission giving one (a row left blank replaces nothing)."""
    columns = ("task_id", "period", *TASK_CONTENT)
    reported = submission_tasks.c.status.is_not(None)
    return _in_force(engine, submission_tasks, columns, reported, TASK_KEY, TASK_CURRENT_COLUMNS)


def agency_name(agency_id: str, lang: str = "vi") -> str:
    """An agency's name today in the register (its code when the register does not know it)."""
    try:
        return agencies.load_register().name(agency_id, lang)
    except KeyError:
        return agency_id


def source_title(
    agency_id: str, submission_id: str, period: str, decided_at, example: bool = False
) -> str:
    """The source of a published value: "Báo cáo của Sở … (số liệu nộp 2026-0003, kỳ 2026,
    chấp nhận ngày 15/01/2027) / Report of the Department … (submission …, period …, accepted
    …)"; for a filled example workbook "Ví dụ minh họa trong báo cáo mẫu của Sở … /
    Illustrative example in the sample report of …", with the same details."""
    vi, en = agency_name(agency_id, "vi"), agency_name(agency_id, "en")
    day = local_date(decided_at)
    what_vi = f"Ví dụ minh họa trong báo cáo mẫu của {vi}" if example else f"Báo cáo của {vi}"
    what_en = f"Illustrative example in the sample report of {en}" if example else f"Report of {en}"
    return (
        f"{what_vi} (số liệu nộp {submission_id}, kỳ {period}, chấp nhận ngày"
        f" {format_date(day, 'vi')}) / {what_en} (submission {submission_id}, period"
        f" {period}, accepted {format_date(day, 'en')})"
    )


def _note(source_ref: object, note: object) -> str | None:
    parts = [str(p).strip() for p in (source_ref, note) if isinstance(p, str) and p.strip()]
    return " — ".join(parts) or None


def _sources(current: pd.DataFrame) -> list[dict]:
    """Each row's provenance and source (one title per submission: naming its agency reads the
    register)."""
    titles: dict[tuple, str] = {}
    found = []
    for row in current.to_dict("records"):
        of = (row["agency_id"], row["submission_id"], row["period"], row["decided_at"])
        if of not in titles:
            titles[of] = source_title(*of, row["example"])
        found.append(
            {
                "provenance": ILLUSTRATIVE if row["example"] else REPORTED,
                "source_title": titles[of],
                "source_url": None,
            }
        )
    return found


def _reported_rows(current: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """Observation rows (province, district) and commune observation rows of the values."""
    area_rows, commune_rows = [], []
    for row, source in zip(current.to_dict("records"), _sources(current), strict=True):
        common = {
            "indicator_id": row["indicator_id"],
            "year": row["year"],
            "value": float(row["value"]),
            **source,
            "note": _note(row["source_ref"], row["note"]),
        }
        if row["area_level"] == "commune":
            commune_rows.append({**common, "unit_code": row["area_code"]})
        else:
            area_rows.append(
                {**common, "area_code": row["area_code"], "area_level": row["area_level"]}
            )
    return area_rows, commune_rows


def _task_report_rows(tasks: pd.DataFrame) -> list[dict]:
    """task_reports rows of the task reports in force: the comment answering a warning is the
    row's note."""
    keep = ("task_id", "agency_id", "year", *TASK_CONTENT[:-1])
    return [
        {**{k: row[k] for k in keep}, **source, "note": row["comment"]}
        for row, source in zip(tasks.to_dict("records"), _sources(tasks), strict=True)
    ]


def _rolled_up_title(submission_ids: list[str]) -> str:
    listed = ", ".join(sorted(submission_ids))
    return (
        f"Tổng hợp từ số liệu xã, phường đã báo cáo (số liệu nộp {listed}) / Rolled up from the"
        f" communes' and wards' reported figures (submissions {listed})"
    )


def _rolled_up_rows(communes: pd.DataFrame, current: pd.DataFrame, directory: Path) -> list[dict]:
    """Plan-district and province rows of each (indicator, year) with reported commune values,
    rolled up over every unit's value of that year; a value that cannot be made (rule "none", a
    unit without a value, a code the register does not know) is left out, with a log line."""
    reported = current[current["area_level"] == "commune"]
    rows = []
    for (indicator_id, year), given in reported.groupby(["indicator_id", "year"], sort=True):
        of_year = communes[(communes["indicator_id"] == indicator_id) & (communes["year"] == year)]
        try:
            found = generate.rolled_up_observation_rows(of_year, directory)
        except (RollupError, KeyError) as error:
            _log.warning("not rolled up: %s %s: %s", indicator_id, year, error)
            continue
        for row in found:
            if isinstance(row["value"], float) and math.isnan(row["value"]):
                continue
            if row["provenance"] != ILLUSTRATIVE:
                row["source_title"] = _rolled_up_title(list(given["submission_id"].unique()))
            rows.append(row)
    return rows


def _upsert(old: pd.DataFrame, new_rows: list[dict], dataset: datasets.Dataset) -> pd.DataFrame:
    """`old` with the rows of the keys in `new_rows` replaced by them (new keys added)."""
    new = generate.typed_frame(new_rows, dataset)
    merged = pd.concat([old[dataset.column_names], new], ignore_index=True)
    merged = merged.drop_duplicates(list(dataset.key), keep="last")
    merged = merged.sort_values(list(dataset.key)).reset_index(drop=True)
    return merged.astype(new.dtypes.to_dict())


def _read(dataset: datasets.Dataset, directory: Path) -> pd.DataFrame:
    if dataset.added_later and not (directory / dataset.file).exists():
        return query.empty_dataset(dataset).to_pandas()
    return pq.read_table(query.check_dataset_file(dataset, directory)).to_pandas()


def rebuild(engine: Engine, directory: Path, now: dt.datetime) -> dict[str, Callable[[Path], None]]:
    """What the published files become: for each file name, how to write it."""
    return files_for(current_values(engine), directory, now, tasks=current_tasks(engine))


def files_for(
    current: pd.DataFrame,
    directory: Path,
    now: dt.datetime,
    *,
    tasks: pd.DataFrame | None = None,
) -> dict[str, Callable[[Path], None]]:
    """The files of `directory` with the reported values in force `current` (CURRENT_COLUMNS)
    and the task reports in force `tasks` (TASK_CURRENT_COLUMNS; None: none) written in: what
    publishing installs, and what a preview shows before a decision."""
    area_rows, commune_rows = _reported_rows(current)
    communes = _upsert(
        _read(datasets.COMMUNE_OBSERVATIONS, directory),
        commune_rows,
        datasets.COMMUNE_OBSERVATIONS,
    )
    rolled = _rolled_up_rows(communes, current, directory)
    observations = _upsert(
        _read(datasets.OBSERVATIONS, directory),
        rolled + area_rows,  # a value reported for a district or the province beats a roll-up
        datasets.OBSERVATIONS,
    )
    reports = _upsert(
        _read(datasets.TASK_REPORTS, directory),
        _task_report_rows(tasks) if tasks is not None else [],
        datasets.TASK_REPORTS,
    )
    metadata = {**query.dataset_metadata(directory), "as_of": local_date(now).isoformat()}
    text = json.dumps(metadata, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return {
        datasets.COMMUNE_OBSERVATIONS.file: _parquet(communes, datasets.COMMUNE_OBSERVATIONS),
        datasets.OBSERVATIONS.file: _parquet(observations, datasets.OBSERVATIONS),
        datasets.TASK_REPORTS.file: _parquet(reports, datasets.TASK_REPORTS),
        datasets.METADATA_FILE: lambda path: path.write_text(text, encoding="utf-8"),
    }


def _parquet(frame: pd.DataFrame, dataset: datasets.Dataset) -> Callable[[Path], None]:
    table = pa.Table.from_pandas(frame, schema=generate.arrow_schema(dataset), preserve_index=False)
    return lambda path: pq.write_table(table, path)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def install(directory: Path, files: dict[str, Callable[[Path], None]]) -> None:
    """Write every file beside its target and flush it to disk, then rename each over its
    target and flush the directory: each target is whole, old or new, at every moment."""
    staged = [(directory / f".{name}{STAGED_SUFFIX}", directory / name) for name in files]
    try:
        for (beside, _), write in zip(staged, files.values(), strict=True):
            write(beside)
            _fsync(beside)
        for beside, target in staged:
            os.replace(beside, target)
    finally:  # after an error; a killed process leaves them, overwritten by the next publisher
        for beside, _ in staged:
            beside.unlink(missing_ok=True)
    _fsync(directory)


@contextmanager
def _turn(directory: Path) -> Iterator[None]:
    """One publisher at a time per data directory (released when the process ends, too)."""
    descriptor = os.open(directory / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _started(engine: Engine) -> list:
    """The journal's publications not yet done: (id, submission_id), oldest first."""
    with reading(engine) as connection:
        return connection.execute(
            select(publications.c.id, publications.c.submission_id)
            .where(publications.c.state == "started")
            .order_by(publications.c.id)
        ).all()


def _who(actor: Actor | None, client: str) -> dict:
    if actor is None:
        return {"actor": "system", "role": "system", "agency_code": None, "client": client}
    return actor.audit_fields(client)


def publish(
    engine: Engine,
    directory: Path | None = None,
    *,
    actor: Actor | None = None,
    client: str = "",
    force: bool = False,
    now: dt.datetime | None = None,
    recovered: bool = False,
) -> list[str]:
    """Bring the published files of `directory` (default the published data) up to date with
    the accepted values, when a publication is journaled as started (or always, with `force`);
    mark the journal done and audit it. Returns the submissions published."""
    directory = Path(directory or data_dir()).resolve()
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    if not force and not _started(engine):
        return []  # the usual start: nothing to do, the data folder not even touched
    with _turn(directory):
        pending = _started(engine)  # again: another publisher may have finished them
        if not pending and not force:
            return []
        install(directory, rebuild(engine, directory, now))
        with writing(engine) as connection:
            done = []
            for publication_id, submission_id in pending:
                changed = connection.execute(
                    update(publications)
                    .where(publications.c.id == publication_id, publications.c.state == "started")
                    .values(state="done", finished_at=now)
                ).rowcount
                if changed:
                    done.append(submission_id)
                    audit.record(
                        connection,
                        action="published",
                        target=submission_id,
                        detail={"publication": publication_id, "recovered": recovered},
                        now=now,
                        **_who(actor, client),
                    )
            if force and not pending:
                audit.record(
                    connection,
                    action="published",
                    target="",
                    detail={"rebuilt": True},
                    now=now,
                    **_who(actor, client),
                )
    return done


def recover(
    engine: Engine,
    directory: Path | None = None,
    *,
    actor: Actor | None = None,
    client: str = "",
) -> list[str]:
    """Complete publications a killed process left started (at the app's start and before each
    reporting command); the submissions published, none when nothing was interrupted."""
    return publish(engine, directory, actor=actor, client=client, recovered=True)


_recovered: set[tuple[str, Path]] = set()
_recovering = threading.Lock()


def recover_at_start(engine: Engine, directory: Path | None = None) -> list[str]:
    """`recover` once per process, database and data folder (the app calls it when it starts);
    a failure is logged and tried again at the next start, the app starts anyway."""
    directory = Path(directory or data_dir()).resolve()
    key = (engine.url.render_as_string(hide_password=True), directory)
    with _recovering:
        if key in _recovered:
            return []
        try:
            done = recover(engine, directory, client="start")
        except (OSError, ValueError, StoreError) as error:  # DataError, CatalogError: ValueError
            _log.warning("publication not completed at start: %s", error)
            return []
        _recovered.add(key)
        return done


_SENT = ("submission_id", "agency_id", "submitted_by", "submitted_at")
_DECIDED = (
    "state", "revision_of", "decision", "reviewer", "decided_at", "reason", "withdrawn_by",
    "withdrawn_at",
)  # fmt: skip
HISTORY_COLUMNS = (*_SENT, "value", "source_ref", "note", "comment", *_DECIDED, "in_force")
"""A reported value's history: who sent it, what it said, the review, whether it is in force."""
TASK_HISTORY_COLUMNS = (*_SENT, *TASK_CONTENT, *_DECIDED, "in_force")
"""A task report's history, as HISTORY_COLUMNS."""


def _history(engine: Engine, table, key, content, in_force: pd.DataFrame, where, order):
    """The rows of `table` matching `where` (`key`, then _SENT, `content`, _DECIDED) with
    whether each is `in_force` (a frame of the key columns it shares and submission_id), oldest
    first within `order`."""
    sent = (
        submissions.c.id.label("submission_id"),
        submissions.c.agency_id,
        submissions.c.submitted_by,
        submissions.c.submitted_at,
    )
    decided = (
        submissions.c.state,
        submissions.c.revision_of,
        reviews.c.decision,
        reviews.c.reviewer,
        reviews.c.decided_at,
        reviews.c.reason,
        submissions.c.withdrawn_by,
        submissions.c.withdrawn_at,
    )
    query_ = (
        select(*(table.c[c] for c in key), *sent, *(table.c[c] for c in content), *decided)
        .select_from(
            table.join(submissions, submissions.c.id == table.c.submission_id).outerjoin(
                reviews, reviews.c.submission_id == submissions.c.id
            )
        )
        .where(*where)
        .order_by(*(table.c[c] for c in order), submissions.c.submitted_at, submissions.c.id)
    )
    with reading(engine) as connection:
        rows = [r._mapping for r in connection.execute(query_)]
    frame = pd.DataFrame(rows, columns=[*key, *_SENT, *content, *_DECIDED])
    shared = list(in_force.columns)
    forced = set(in_force.itertuples(index=False, name=None))
    frame["in_force"] = [r in forced for r in frame[shared].itertuples(index=False, name=None)]
    return frame


def _values_history(engine: Engine, *where) -> pd.DataFrame:
    """The reported values matching `where`, with their key (KEY) then HISTORY_COLUMNS."""
    content = ("value", "source_ref", "note", "comment")
    in_force = current_values(engine)[[*KEY, "submission_id"]]
    order = ("area_level", "area_code", "period")
    return _history(engine, submission_values, KEY, content, in_force, where, order)


def indicator_history(engine: Engine, indicator_id: str) -> pd.DataFrame:
    """Every value reported for one indicator, by area and period, oldest first within each
    (KEY then HISTORY_COLUMNS): the detail a value's history is read from."""
    return _values_history(engine, submission_values.c.indicator_id == indicator_id)


def value_history(engine: Engine, indicator_id: str, area_code: str, period: str) -> pd.DataFrame:
    """Every value reported for one indicator, area and period, oldest first (HISTORY_COLUMNS):
    who reported what and when, the review (who, when, the decision and its reason), a
    withdrawal, and which one is in force (published)."""
    found = _values_history(
        engine,
        submission_values.c.indicator_id == indicator_id,
        submission_values.c.area_code == area_code,
        submission_values.c.period == period,
    )
    return found[list(HISTORY_COLUMNS)].reset_index(drop=True)


def task_history(engine: Engine, task_id: str) -> pd.DataFrame:
    """Every report on one task (task_id, period, then TASK_HISTORY_COLUMNS), by period, oldest
    first within each: who reported what and when (rows left blank included, status None), the
    review, a withdrawal, and which one is in force (published)."""
    in_force = current_tasks(engine)[list(TASK_KEY) + ["submission_id"]]
    in_force = in_force[["task_id", "period", "agency_id", "submission_id"]]
    found = _history(engine, submission_tasks, ("task_id", "period"), TASK_CONTENT, in_force,
                     (submission_tasks.c.task_id == task_id,), ("period",))  # fmt: skip
    return found.reset_index(drop=True)
