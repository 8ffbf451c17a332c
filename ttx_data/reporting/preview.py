"""A submission's preview: what the dashboard would show if it were accepted, before anyone
decides (the reporter before submitting, the reviewer before accepting).

The preview is a data source of its own (`sources.preview`): the published files copied into a
folder of their own, with the submission's values written in exactly as accepting would write
them (`publish.files_for` over the values in force plus these), so the roll-ups of commune
values to the plan districts and the province show too. Compared with the published data it
answers three questions:
- which values change: those reported and those derived from them (`Preview.values`);
- which indicators' statuses change on the scorecard (`Preview.statuses`);
- which warnings are new (`Preview.warnings`): an indicator whose status gets worse, and a check
  of the data (`ttx_data.validation`) that fails in the preview but not in the published data;
- which task reports change (`Preview.tasks`): the submission's reports on the plan's tasks
  beside those published for the same task, agency and year.

Preview folders live in the system's temporary folder, one per submission and published version
(a new publication is a new preview), made once and reused while both stay the same; the oldest
beyond PREVIEWS_KEPT are removed. They hold no file of the upload, only Parquet and metadata.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from ttx_data import datasets, generate, progress, query, scorecard, sources, validation
from ttx_data.reporting import publish
from ttx_data.reporting.submissions import task_rows, value_rows
from ttx_data.status_display import status_label

PREVIEWS_ENV = "TTX_PREVIEWS_DIR"
PREVIEWS_KEPT = 24
"""Preview folders kept at most; the least recently made beyond these are removed."""
UPLOAD_PREFIX = "tai-len"
"""Preview id prefix of a workbook not yet submitted (then named by its content's SHA-256)."""

STATUS_RANK = {
    progress.ACHIEVED: 0,
    progress.ON_TRACK: 1,
    progress.NEEDS_ACCELERATION: 2,
    progress.LIMITED_PROGRESS: 3,
    progress.DETERIORATION: 4,
}
"""Assessed statuses from best to worst: a change to a higher rank is a warning."""

VALUE_COLUMNS = (
    "indicator_id", "area_level", "area_code", "year", "before", "after", "reported",
    "provenance",
)  # fmt: skip
STATUS_COLUMNS = ("indicator_id", "before", "after", "worse")
WARNING_COLUMNS = ("kind", "indicator_id", "message_vi", "message_en")
TASK_CHANGE_COLUMNS = (
    "task_id", "agency_id", "year", "role", "before", "after", "completed_on", "deadline",
    "progress", "evidence", "obstacles", "proposals",
)  # fmt: skip
"""A changed task report: its key, role, the status published now (`before`, None when there is
no report yet) and after acceptance, and what the new report says."""
_TASK_SAID = (
    "status",
    "completed_on",
    "deadline",
    "progress",
    "evidence",
    "obstacles",
    "proposals",
)


@dataclass(frozen=True)
class Preview:
    """The preview's data source and what it changes against the published data."""

    source: sources.DataSource
    values: pd.DataFrame
    statuses: pd.DataFrame
    warnings: pd.DataFrame
    tasks: pd.DataFrame = dataclasses.field(
        default_factory=lambda: pd.DataFrame(columns=list(TASK_CHANGE_COLUMNS))
    )


def previews_dir() -> Path:
    """Where preview folders are made: `TTX_PREVIEWS_DIR`, else the system's temporary folder."""
    configured = os.environ.get(PREVIEWS_ENV)
    root = Path(configured) if configured else Path(tempfile.gettempdir()) / "ttx-previews"
    root.mkdir(parents=True, exist_ok=True)
    return root.resolve()


def upload_id(data: bytes) -> str:
    """The preview id of a workbook not yet submitted: named by its content."""
    return f"{UPLOAD_PREFIX}-{hashlib.sha256(data).hexdigest()[:16]}"


def with_pending(
    current: pd.DataFrame,
    rows: pd.DataFrame,
    *,
    agency_id: str,
    period: str,
    submission_id: str,
    example: bool,
    now: dt.datetime,
) -> pd.DataFrame:
    """The values in force (`publish.current_values`) as they would be once the submission's
    `rows` (intake rows or `submissions.values`) were accepted at `now`: an empty cell
    replaces nothing, as when publishing."""
    given = [r for r in value_rows(rows, period) if r["value"] is not None]
    decided = {"submission_id": submission_id, "agency_id": agency_id, "example": example,
               "decided_at": now}  # fmt: skip
    return _merged(current, given, decided, publish.KEY, publish.CURRENT_COLUMNS)


def with_pending_tasks(current: pd.DataFrame, tasks: pd.DataFrame | None, **submission):
    """The task reports in force (`publish.current_tasks`) as they would be once the
    submission's `tasks` (intake tasks or `submissions.task_values`) were accepted: a row left
    blank replaces nothing, as when publishing. `submission`: as `with_pending` takes it."""
    given = [r for r in task_rows(tasks, submission["period"]) if r["status"] is not None]
    decided = {k: submission[k] for k in ("submission_id", "agency_id", "example")}
    decided["decided_at"] = submission["now"]
    return _merged(current, given, decided, publish.TASK_KEY, publish.TASK_CURRENT_COLUMNS)


def _merged(current: pd.DataFrame, given: list[dict], decided: dict, key, columns) -> pd.DataFrame:
    """`current` (of `columns`) with the rows `given` (decided as `decided`) in place of those
    of the same `key`."""
    pending = pd.DataFrame(
        [{**r, **decided, "year": publish.period_year(r["period"])} for r in given],
        columns=list(columns),
    )
    frames = [f for f in (current[list(columns)], pending) if not f.empty]
    if not frames:
        return pending
    merged = pd.concat(frames, ignore_index=True)
    return merged.drop_duplicates(list(key), keep="last").reset_index(drop=True)


def _prune(root: Path, keep: Path) -> None:
    made = sorted(
        (p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in made[PREVIEWS_KEPT:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def preview_source(
    engine: Engine,
    rows: pd.DataFrame,
    *,
    agency_id: str,
    period: str,
    submission_id: str,
    example: bool = False,
    published: sources.DataSource | None = None,
    now: dt.datetime | None = None,
    tasks: pd.DataFrame | None = None,
) -> sources.DataSource:
    """The data source of the published data with the submission (its values `rows` and task
    reports `tasks`) accepted, made once per submission and published version."""
    published = published or sources.published()
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    root = previews_dir()
    digest = hashlib.sha256(pd.util.hash_pandas_object(rows, index=False).values)
    digest.update(repr(task_rows(tasks, period)).encode("utf-8"))
    rows_key = digest.hexdigest()
    folder = root / f"{submission_id}-{published.version}-{rows_key[:12]}"
    if not folder.exists():
        staging = Path(tempfile.mkdtemp(prefix=f".{submission_id}-", dir=root))
        try:
            work = staging / "data"
            query.copy_data_files(published.directory, work)  # datasets, metadata, catalog
            decided = {"agency_id": agency_id, "period": period, "submission_id": submission_id,
                       "example": example, "now": now}  # fmt: skip
            current = with_pending(publish.current_values(engine), rows, **decided)
            reports = with_pending_tasks(publish.current_tasks(engine), tasks, **decided)
            publish.install(work, publish.files_for(current, work, now, tasks=reports))
            try:
                work.rename(folder)
            except OSError:  # another session made the same preview meanwhile: use theirs
                if not folder.exists():
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        _prune(root, folder)
    return sources.preview(folder, submission_id)


def _values(source: sources.DataSource) -> pd.DataFrame:
    """Province, district and commune values of a source as one table keyed like reports."""
    areas = source.dataset(datasets.OBSERVATIONS)[
        ["indicator_id", "area_level", "area_code", "year", "value", "provenance"]
    ]
    communes = source.dataset(datasets.COMMUNE_OBSERVATIONS)
    communes = communes.assign(area_level="commune", area_code=communes["unit_code"])[
        ["indicator_id", "area_level", "area_code", "year", "value", "provenance"]
    ]
    return pd.concat([areas, communes], ignore_index=True).astype({"area_code": str, "year": int})


def changed_values(
    published: sources.DataSource, preview: sources.DataSource, rows: pd.DataFrame, period: str
) -> pd.DataFrame:
    """Every value that differs between the published data and the preview (VALUE_COLUMNS):
    `reported` when the submission gives it, else derived from it (a roll-up)."""
    key = ["indicator_id", "area_level", "area_code", "year"]
    both = _values(published).merge(
        _values(preview), on=key, how="outer", suffixes=("_before", "_after")
    )
    differs = ~(
        (both["value_before"] == both["value_after"])
        | (both["value_before"].isna() & both["value_after"].isna())
    )
    found = both[differs].rename(columns={"value_before": "before", "value_after": "after",
                                          "provenance_after": "provenance"})  # fmt: skip
    given = {
        (r["indicator_id"], r["area_level"], r["area_code"], publish.period_year(r["period"]))
        for r in value_rows(rows, period)
        if r["value"] is not None
    }
    found = found.assign(
        reported=[
            (r.indicator_id, r.area_level, r.area_code, r.year) in given
            for r in found.itertuples(index=False)
        ]
    )
    found = found.sort_values(["reported", *key], ascending=[False, True, True, True, True])
    return found[list(VALUE_COLUMNS)].reset_index(drop=True)


def changed_tasks(published: sources.DataSource, preview: sources.DataSource) -> pd.DataFrame:
    """Every task report that differs between the published data and the preview
    (TASK_CHANGE_COLUMNS), in the plan's order of task ids as given, by agency and year."""
    key = list(datasets.TASK_REPORTS.key)
    before = published.dataset(datasets.TASK_REPORTS)
    after = preview.dataset(datasets.TASK_REPORTS)
    both = after.merge(before[[*key, *_TASK_SAID]], on=key, how="left", suffixes=("", "_before"))
    same = pd.Series(True, index=both.index)
    for column in _TASK_SAID:
        now, then = both[column], both[f"{column}_before"]
        same &= (now == then) | (now.isna() & then.isna())
    found = both[~same].rename(columns={"status_before": "before", "status": "after"})
    found = found.astype(object).where(found.notna(), None)
    return found[list(TASK_CHANGE_COLUMNS)].reset_index(drop=True)


def changed_statuses(published: sources.DataSource, preview: sources.DataSource) -> pd.DataFrame:
    """The indicators whose scorecard status would change (STATUS_COLUMNS), worse ones first."""
    before = scorecard.load_scorecard(directory=published.directory)
    after = scorecard.load_scorecard(directory=preview.directory)
    both = before[["indicator_id", "status"]].merge(
        after[["indicator_id", "status"]], on="indicator_id", suffixes=("_before", "_after")
    )
    both = both[both["status_before"] != both["status_after"]]
    found = pd.DataFrame(
        [
            {
                "indicator_id": r.indicator_id,
                "before": r.status_before,
                "after": r.status_after,
                "worse": is_worse(r.status_before, r.status_after),
            }
            for r in both.itertuples(index=False)
        ],
        columns=list(STATUS_COLUMNS),
    )
    return found.sort_values("worse", ascending=False, kind="stable").reset_index(drop=True)


def is_worse(before: str, after: str) -> bool:
    """Whether a status change is for the worse: a higher rank, or newly off track."""
    if before in STATUS_RANK and after in STATUS_RANK:
        return STATUS_RANK[after] > STATUS_RANK[before]
    return after in progress.OFF_TRACK_STATUSES and before not in progress.OFF_TRACK_STATUSES


def _checks(source: sources.DataSource) -> set[tuple[str, str | None, str, str]]:
    """The data checks failing on a source, without row numbers (rows move when data change)."""
    frames = {d.name: source.dataset(d) for d in datasets.ALL}
    found = validation.validate_dataset(frames, percent_indicator_ids=generate.SHARE_INDICATOR_IDS)
    return {
        (p.dataset, p.column, p.message_vi.split(": ", 1)[-1], p.message_en.split(": ", 1)[-1])
        for p in found
    }


def new_warnings(
    published: sources.DataSource, preview: sources.DataSource, statuses: pd.DataFrame
) -> pd.DataFrame:
    """Warnings the preview raises that the published data do not (WARNING_COLUMNS)."""
    found = []
    for row in statuses[statuses["worse"]].itertuples(index=False):
        indicator = preview.indicator(row.indicator_id)
        found.append(
            {
                "kind": "status",
                "indicator_id": row.indicator_id,
                "message_vi": f"{indicator.label} {indicator.name('vi')}: trạng thái từ"
                f" {status_label(row.before, 'vi')} thành {status_label(row.after, 'vi')}",
                "message_en": f"{indicator.label} {indicator.name('en')}: status from"
                f" {status_label(row.before, 'en')} to {status_label(row.after, 'en')}",
            }
        )
    for dataset, column, vi, en in sorted(
        _checks(preview) - _checks(published), key=lambda c: (c[0], c[1] or "", c[3])
    ):
        where = f"{dataset}" + (f", {column}" if column else "")
        found.append(
            {
                "kind": "check",
                "indicator_id": None,
                "message_vi": f"Kiểm tra dữ liệu ({where}): {vi}",
                "message_en": f"Data check ({where}): {en}",
            }
        )
    return pd.DataFrame(found, columns=list(WARNING_COLUMNS))


def preview(
    engine: Engine,
    rows: pd.DataFrame,
    *,
    agency_id: str,
    period: str,
    submission_id: str,
    example: bool = False,
    published: sources.DataSource | None = None,
    now: dt.datetime | None = None,
    tasks: pd.DataFrame | None = None,
) -> Preview:
    """What accepting the submission would change: its data source, values, statuses, warnings
    and task reports."""
    published = published or sources.published()
    source = preview_source(
        engine, rows, agency_id=agency_id, period=period, submission_id=submission_id,
        example=example, published=published, now=now, tasks=tasks,
    )  # fmt: skip
    statuses = changed_statuses(published, source)
    return Preview(
        source=source,
        values=changed_values(published, source, rows, period),
        statuses=statuses,
        warnings=new_warnings(published, source, statuses),
        tasks=changed_tasks(published, source),
    )
