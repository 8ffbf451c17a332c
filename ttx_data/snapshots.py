"""Data snapshots: the numbers of one steering-committee meeting, frozen so they stay that meeting's.

`create_snapshot("Phiên họp BCĐ tháng 11/2026")` copies every dataset file of the data directory
(and the catalog in force) into `snapshots/<id>/`, with a manifest `snapshot.json` holding the name,
the time it was taken, the data's as-of date and a SHA-256 of each file. A snapshot is never
changed: an existing id is refused, the files are written read-only, the copy appears all at once
(written beside, then renamed), and opening one checks every file against the manifest.

Any snapshot's folder is itself a data directory, so every query, page and the meeting brief can
run "as of" it. `compare_datasets(old, new)` says what changed between two data directories.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ttx_data import catalog, datasets, geography, scorecard
from ttx_data.export import DATASET_HEADERS, DATASET_SHEETS
from ttx_data.i18n import format_date, format_number, t
from ttx_data.paths import PROJECT_ROOT, data_dir
from ttx_data.query import read_dataset
from ttx_data.status_display import status_label

SNAPSHOTS_ENV = "TTX_SNAPSHOTS_DIR"
MANIFEST_FILE = "snapshot.json"
ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
MAX_NAME_LENGTH = 120


class SnapshotError(ValueError):
    """A snapshot cannot be made or opened; the message says why and what to do (vi / en)."""


def snapshots_dir() -> Path:
    """Where snapshots live: `TTX_SNAPSHOTS_DIR` when set, else `snapshots/` in the project."""
    configured = os.environ.get(SNAPSHOTS_ENV)
    return Path(configured).resolve() if configured else PROJECT_ROOT / "snapshots"


@dataclass(frozen=True)
class Snapshot:
    """A frozen copy of the data: its id (for links), name (for people), when and what it holds."""

    snapshot_id: str
    name: str
    created_at: str
    as_of: str
    directory: Path
    files: dict[str, str]

    @property
    def created_date(self) -> str:
        return self.created_at[:10]


def slug(name: str) -> str:
    """An ASCII id from a name: "Phiên họp BCĐ tháng 11/2026" -> "phien-hop-bcd-thang-11-2026"."""
    text = name.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:80].strip("-")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _frozen_files(source: Path) -> list[Path]:
    files = [source / d.file for d in datasets.ALL] + [source / datasets.METADATA_FILE]
    missing = [p for p in files if not p.exists()]
    if missing:
        names = ", ".join(str(p) for p in missing)
        raise SnapshotError(
            f"Không thể chụp: thiếu tệp dữ liệu {names}; chạy `make data` hoặc kiểm tra thư mục"
            f" dữ liệu. / Cannot take a snapshot: data file(s) {names} missing; run `make data`"
            " or check the data directory."
        )
    return [*files, catalog.INDICATORS_FILE]  # the targets the statuses were judged against


def _check_name(name: str, snapshot_id: str | None) -> tuple[str, str]:
    name = " ".join(name.split())
    if not name:
        raise SnapshotError(
            "Tên ảnh chụp đang trống: hãy đặt tên, ví dụ «Phiên họp BCĐ tháng 11/2026». / "
            "The snapshot name is empty: give it a name, e.g. “Steering committee, Nov 2026”."
        )
    if len(name) > MAX_NAME_LENGTH:
        raise SnapshotError(
            f"Tên ảnh chụp dài {len(name)} ký tự; tối đa {MAX_NAME_LENGTH}. Hãy rút gọn. / "
            f"The snapshot name has {len(name)} characters; at most {MAX_NAME_LENGTH}. Shorten it."
        )
    snapshot_id = snapshot_id or slug(name)
    if not ID_PATTERN.match(snapshot_id):
        raise SnapshotError(
            f"Mã ảnh chụp {snapshot_id!r} không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu"
            " gạch ngang (tối đa 80), hoặc đặt tên có chữ hay số. / "
            f"Snapshot id {snapshot_id!r} is not valid: use lower-case ASCII letters, digits and"
            " hyphens (at most 80), or a name containing letters or digits."
        )
    return name, snapshot_id


def create_snapshot(
    name: str,
    snapshot_id: str | None = None,
    source: Path | None = None,
    root: Path | None = None,
    now: datetime | None = None,
) -> Snapshot:
    """Freeze the data directory `source` as a new snapshot named `name`; never overwrites one."""
    name, snapshot_id = _check_name(name, snapshot_id)
    source = (source or data_dir()).resolve()
    root = root or snapshots_dir()
    target = root / snapshot_id
    if target.exists():
        existing = open_snapshot(snapshot_id, root, verify=False)
        raise SnapshotError(
            f"Đã có ảnh chụp mã {snapshot_id!r} («{existing.name}», {existing.created_date}); ảnh"
            " chụp không sửa được: hãy đặt tên khác. / "
            f"A snapshot with id {snapshot_id!r} already exists (“{existing.name}”,"
            f" {existing.created_date}); snapshots cannot be changed: choose another name."
        )
    files = _frozen_files(source)
    as_of = json.loads((source / datasets.METADATA_FILE).read_text(encoding="utf-8"))["as_of"]
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{snapshot_id}-", dir=root))
    try:
        hashes = {}
        for path in files:
            copy = staging / path.name
            shutil.copyfile(path, copy)
            hashes[path.name] = _sha256(copy)
        manifest = {
            "id": snapshot_id,
            "name": name,
            "created_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
            "as_of": as_of,
            "source": str(source),
            "files": hashes,
        }
        (staging / MANIFEST_FILE).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        for path in staging.iterdir():
            path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        staging.chmod(0o755)
        os.rename(staging, target)  # all at once; fails if the id appeared meanwhile
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return open_snapshot(snapshot_id, root)


def open_snapshot(snapshot_id: str, root: Path | None = None, verify: bool = True) -> Snapshot:
    """A snapshot by id, its files checked against the manifest (an altered one is refused)."""
    root = root or snapshots_dir()
    if not ID_PATTERN.match(snapshot_id or ""):
        raise SnapshotError(
            f"Mã ảnh chụp {snapshot_id!r} không hợp lệ. / Snapshot id {snapshot_id!r} is not valid."
        )
    directory = root / snapshot_id
    manifest_path = directory / MANIFEST_FILE
    if not manifest_path.exists():
        known = ", ".join(s.snapshot_id for s in list_snapshots(root)) or "—"
        raise SnapshotError(
            f"Không có ảnh chụp {snapshot_id!r} trong {root}; hiện có: {known}. / "
            f"No snapshot {snapshot_id!r} in {root}; available: {known}."
        )
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    snapshot = Snapshot(
        snapshot_id=manifest["id"],
        name=manifest["name"],
        created_at=manifest["created_at"],
        as_of=manifest["as_of"],
        directory=directory,
        files=dict(manifest["files"]),
    )
    if verify:
        altered = [
            name
            for name, digest in snapshot.files.items()
            if not (directory / name).exists() or _sha256(directory / name) != digest
        ]
        if altered:
            raise SnapshotError(
                f"Ảnh chụp {snapshot_id!r} đã bị sửa hoặc thiếu tệp ({', '.join(altered)}); không"
                " dùng được. Hãy khôi phục từ bản sao lưu. / "
                f"Snapshot {snapshot_id!r} was altered or lost files ({', '.join(altered)}); it"
                " cannot be used. Restore it from a backup."
            )
    return snapshot


def list_snapshots(root: Path | None = None) -> list[Snapshot]:
    """Every snapshot, newest first (unverified: opening one checks it).

    Read again only when the folder changes (a snapshot added or removed), not on every rerun."""
    root = root or snapshots_dir()
    if not root.exists():
        return []
    return list(_listed(root, root.stat().st_mtime_ns))


@lru_cache(maxsize=8)
def _listed(root: Path, version: int) -> tuple[Snapshot, ...]:
    found = [
        open_snapshot(p.name, root, verify=False)
        for p in root.iterdir()
        if p.is_dir() and ID_PATTERN.match(p.name) and (p / MANIFEST_FILE).exists()
    ]
    return tuple(sorted(found, key=lambda s: (s.created_at, s.snapshot_id), reverse=True))


# --- what changed ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DatasetChanges:
    """Rows of one dataset added, removed or revised between two data directories."""

    dataset: datasets.Dataset
    added: pd.DataFrame
    removed: pd.DataFrame
    revised: pd.DataFrame  # key columns, then `column`, `old`, `new` per changed cell

    @property
    def count(self) -> int:
        return len(self.added) + len(self.removed) + len(self.revised)


def _differs(before: pd.Series, after: pd.Series) -> pd.Series:
    """Cell by cell: changed, with NaN equal to NaN and floats compared to a relative 1e-9."""
    both_missing = before.isna() & after.isna()
    if pd.api.types.is_float_dtype(before) and pd.api.types.is_float_dtype(after):
        close = (before - after).abs() <= 1e-9 * before.abs().clip(lower=1.0)
        return ~(both_missing | close.fillna(False))
    equal = before.astype(object).eq(after.astype(object)).fillna(False)
    return ~(both_missing | equal)


def dataset_changes(
    dataset: datasets.Dataset, old: pd.DataFrame, new: pd.DataFrame
) -> DatasetChanges:
    """Added, removed and revised rows of one dataset, matched on its key."""
    key = list(dataset.key)
    merged = old.merge(new, on=key, how="outer", suffixes=("_old", "_new"), indicator=True)
    added = new.merge(merged.loc[merged["_merge"] == "right_only", key], on=key)
    removed = old.merge(merged.loc[merged["_merge"] == "left_only", key], on=key)
    both = merged[merged["_merge"] == "both"]
    revised = []
    for column in dataset.column_names:
        if column in key:
            continue
        before, after = both[f"{column}_old"], both[f"{column}_new"]
        changed = _differs(before, after)
        if changed.any():
            cells = both.loc[changed, key].copy()
            cells["column"] = column
            cells["old"] = before[changed].astype(object)
            cells["new"] = after[changed].astype(object)
            revised.append(cells)
    columns = [*key, "column", "old", "new"]
    revised_frame = (
        pd.concat(revised, ignore_index=True) if revised else pd.DataFrame(columns=columns)
    )
    return DatasetChanges(dataset, added, removed, revised_frame.sort_values(key, kind="stable"))


def compare_datasets(old_directory: Path, new_directory: Path) -> dict[str, DatasetChanges]:
    """Per dataset, what `new_directory` adds, removes and revises relative to `old_directory`."""
    return {
        dataset.name: dataset_changes(
            dataset, read_dataset(dataset, old_directory), read_dataset(dataset, new_directory)
        )
        for dataset in datasets.ALL
    }


def status_changes(old_card: pd.DataFrame, new_card: pd.DataFrame) -> pd.DataFrame:
    """Indicators whose status differs between two scorecards, with both latest values."""
    columns = ["indicator_id", "status", "latest_value", "latest_year", "latest_provenance"]
    merged = old_card[["label", "target_no", *columns]].merge(
        new_card[columns], on="indicator_id", suffixes=("_old", "_new")
    )
    changed = merged[merged["status_old"] != merged["status_new"]]
    return changed.reset_index(drop=True)


@dataclass(frozen=True)
class WhatChanged:
    """Between an earlier data directory (a snapshot) and a later one: statuses and rows."""

    statuses: pd.DataFrame
    datasets: dict[str, DatasetChanges]

    @property
    def nothing(self) -> bool:
        return self.statuses.empty and all(c.count == 0 for c in self.datasets.values())


def what_changed(old_directory: Path, new_directory: Path) -> WhatChanged:
    """Status changes of the province scorecard and row changes of every dataset."""
    return WhatChanged(
        statuses=status_changes(
            scorecard.load_scorecard(directory=old_directory),
            scorecard.load_scorecard(directory=new_directory),
        ),
        datasets=compare_datasets(old_directory, new_directory),
    )


# --- what changed, as tables a reader can scan ---------------------------------------------


def snapshot_table(taken: list[Snapshot], lang: str) -> pd.DataFrame:
    """Snapshots as a table: name, id, when taken, data as of, and a link to view as of it."""
    return pd.DataFrame(
        {
            t("snapshot.col.name", lang): [s.name for s in taken],
            t("snapshot.col.id", lang): [s.snapshot_id for s in taken],
            t("snapshot.col.taken", lang): [s.created_at.replace("T", " ")[:16] for s in taken],
            t("snapshot.col.as_of", lang): [format_date(s.as_of, lang) for s in taken],
            t("snapshot.col.link", lang): [
                f"./?snapshot={s.snapshot_id}&lang={lang}" for s in taken
            ],
        }
    )


def _row_text(dataset: datasets.Dataset, row: pd.Series, lang: str) -> str:
    """A dataset row named in words: 'Tỷ lệ che phủ rừng · Lục Nam · 2025'."""
    names = geography.district_names(lang)
    parts = []
    for column in dataset.key:
        value = row[column]
        if column == "indicator_id":
            parts.append(f"{catalog.indicator(value).label} {catalog.indicator(value).name(lang)}")
        elif column in ("area_code", "district_code"):
            parts.append(names.get(str(value), t("filter.whole_province", lang)))
        else:
            parts.append(str(value))
    return " · ".join(parts)


def status_change_table(changes: WhatChanged, lang: str) -> pd.DataFrame:
    """Status changes with the latest values before and now, headed in the reader's language."""
    frame = changes.statuses
    return pd.DataFrame(
        {
            t("col.indicator", lang): [
                f"{row.label}. {catalog.indicator(row.indicator_id).name(lang)}"
                for row in frame.itertuples()
            ],
            t("snapshot.col.status_old", lang): [
                status_label(s, lang) for s in frame["status_old"]
            ],
            t("snapshot.col.status_new", lang): [
                status_label(s, lang) for s in frame["status_new"]
            ],
            t("snapshot.col.latest_old", lang): _latest(frame, "old", lang),
            t("snapshot.col.latest_new", lang): _latest(frame, "new", lang),
        }
    )


def _latest(frame: pd.DataFrame, side: str, lang: str) -> list[str]:
    texts = []
    for value, year in zip(
        frame[f"latest_value_{side}"], frame[f"latest_year_{side}"], strict=True
    ):
        if pd.isna(value):
            texts.append("–" if pd.isna(year) else str(int(year)))
        else:
            texts.append(f"{format_number(float(value), lang, 2)} ({int(year)})")
    return texts


def _dataset_label(name: str, lang: str) -> str:
    """A dataset named as the whole-dataset workbook names its sheet."""
    sheet = "sites" if name == "site_status" else name
    return DATASET_SHEETS[sheet][lang] if sheet in DATASET_SHEETS else name


def _column_label(column: str, lang: str) -> str:
    return DATASET_HEADERS[column][lang] if column in DATASET_HEADERS else column


def row_change_table(changes: WhatChanged, which: str, lang: str) -> pd.DataFrame:
    """Added, removed or revised rows of every dataset: table, row in words, and for revised
    rows the column with its value before and now."""
    records = []
    for change in changes.datasets.values():
        frame = getattr(change, which)
        for _, row in frame.iterrows():
            record = {
                t("snapshot.col.dataset", lang): _dataset_label(change.dataset.name, lang),
                t("snapshot.col.row", lang): _row_text(change.dataset, row, lang),
            }
            if which == "revised":
                record[t("snapshot.col.column", lang)] = _column_label(row["column"], lang)
                record[t("snapshot.col.old", lang)] = _cell(row["old"], lang)
                record[t("snapshot.col.new", lang)] = _cell(row["new"], lang)
            elif "value" in frame.columns:
                record[t("chart.value", lang)] = _cell(row["value"], lang)
                record[t("chart.provenance", lang)] = t("provenance." + row["provenance"], lang)
            records.append(record)
    return pd.DataFrame(records)


def _cell(value: object, lang: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if isinstance(value, float):
        return format_number(value, lang, 2)
    return str(value)
