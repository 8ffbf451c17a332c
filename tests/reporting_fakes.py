"""Small stand-ins for the intake of a workbook (`ttx_data.reporting.intake.Intake`) and helpers
for the reporting tests: the store side depends only on the intake's agreed fields."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ttx_data import datasets
from ttx_data.accounts import Actor
from ttx_data.paths import BUNDLED_DATA_DIR
from ttx_data.reporting.intake import ROW_COLUMNS, TASK_ROW_COLUMNS

TRADE = "so_cong_thuong_bac_ninh"
FARMING = "so_nong_nghiep_moi_truong_bac_ninh"
COMMUNES = "ubnd_xa_phuong"

REVIEWER = Actor("tran.thi.b", "Trần Thị B", "reviewer", "so_tai_chinh_bac_ninh", "local")
ADMIN = Actor("quan.tri", "Quản trị", "admin", None, "local")


def reporter(agency_id: str, username: str | None = None) -> Actor:
    """A reporter of `agency_id`."""
    return Actor(username or f"bc.{agency_id[:20]}", "Cán bộ báo cáo", "reporter", agency_id)


@dataclass(frozen=True)
class FakeProblem:
    severity: str
    vi: str
    en: str

    def message(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


@dataclass
class FakeIntake:
    agency_id: str
    period: str
    rows: pd.DataFrame
    problems: list = field(default_factory=list)
    comments_given: bool = True
    example: bool = False
    tasks: pd.DataFrame | None = None

    @property
    def ok(self) -> bool:
        return not any(p.severity == "fatal" for p in self.problems)

    @property
    def needs_comments(self) -> bool:
        return any(p.severity == "warning" for p in self.problems) and not self.comments_given


def rows(*values, period: str = "2026") -> pd.DataFrame:
    """Intake rows from (indicator, level, area code, value[, source reference[, note]])."""
    found = []
    for item in values:
        indicator_id, level, code, value, *rest = item
        source_ref = rest[0] if rest else f"Báo cáo số {len(found) + 1}/BC"
        note = rest[1] if len(rest) > 1 else None
        found.append([indicator_id, level, code, period, value, source_ref, note, None])
    return pd.DataFrame(found, columns=ROW_COLUMNS)


def intake(agency_id, *values, period="2026", problems=(), comments_given=True, example=False,
           tasks=None):  # fmt: skip
    """A checked workbook of `agency_id` for `period` giving `values` (see `rows`) and the task
    reports `tasks` (see `task_rows`)."""
    return FakeIntake(agency_id, period, rows(*values, period=period), list(problems),
                      comments_given, example, tasks)  # fmt: skip


def task_rows(*reports, period: str = "2026") -> pd.DataFrame:
    """Intake task reports from (task, role, status[, completed on[, deadline[, progress[,
    evidence[, obstacles[, proposals[, comment]]]]]]]) (a status None: the row left blank)."""
    found = []
    for task_id, role, status, *rest in reports:
        rest += [None] * (7 - len(rest))
        found.append([task_id, role, period, status, *rest])
    return pd.DataFrame(found, columns=TASK_ROW_COLUMNS).astype(object)


def workbook_bytes(label: str) -> bytes:
    """Bytes standing for an uploaded file (the store keeps them as they are)."""
    return b"PK\x03\x04" + label.encode() + bytes(range(256))


def copy_published(target: Path) -> Path:
    """A copy of the bundled published data (dataset files and metadata; the bundled catalog is
    read for it) to publish into."""
    target.mkdir(parents=True, exist_ok=True)
    for name in [d.file for d in datasets.ALL] + [datasets.METADATA_FILE]:
        shutil.copy2(BUNDLED_DATA_DIR / name, target / name)
    return target


def at(day: str, hour: int = 9) -> dt.datetime:
    """A moment of a day in Vietnam (UTC+7), as UTC."""
    local = dt.datetime.fromisoformat(day).replace(
        hour=hour, tzinfo=dt.timezone(dt.timedelta(hours=7))
    )
    return local.astimezone(dt.UTC)
