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

import contextlib
import errno
import hashlib
import json
import logging
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
from typing import TYPE_CHECKING

import pandas as pd

from ttx_data import catalog, datasets, geography, scorecard
from ttx_data.export import DATASET_HEADERS, DATASET_SHEETS
from ttx_data.i18n import format_date, format_number, t
from ttx_data.paths import PROJECT_ROOT, data_dir
from ttx_data.query import DataError, dataset_metadata, read_dataset
from ttx_data.status_display import status_label

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from ttx_data.accounts.roles import Actor

SNAPSHOTS_ENV = "TTX_SNAPSHOTS_DIR"
MANIFEST_FILE = "snapshot.json"
ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
MAX_NAME_LENGTH = 120


class SnapshotError(ValueError):
    """A snapshot cannot be made or opened; the message says why and what to do (vi / en)."""


class SnapshotExists(SnapshotError):
    """A snapshot with this id exists already (perhaps made a moment ago by someone else)."""


_log = logging.getLogger(__name__)


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


def _digest(path: Path) -> str | None:
    """The file's SHA-256 (None when it is missing or not a plain file), computed again whenever
    its size, times or inode change, so checking a snapshot on every read stays cheap."""
    try:
        info = path.lstat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    stamp = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    return _digest_of(path, stamp)


@lru_cache(maxsize=512)
def _digest_of(path: Path, stamp: tuple[int, ...]) -> str:
    return _sha256(path)


def _frozen_files(source: Path) -> list[Path]:
    files = [source / d.file for d in datasets.ALL] + [source / datasets.METADATA_FILE]
    missing = [p for p in files if not p.exists()]
    if missing:
        names = ", ".join(p.name for p in missing)
        raise SnapshotError(
            f"Không thể chụp: thiếu tệp dữ liệu {names}; chạy `make data` hoặc kiểm tra thư mục"
            f" dữ liệu. / Cannot take a snapshot: data file(s) {names} missing; run `make data`"
            " or check the data directory."
        )
    return [*files, *catalog.catalog_files(source)]  # the targets the statuses were judged against


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


def _exists_error(snapshot_id: str, root: Path) -> SnapshotExists:
    try:
        existing = open_snapshot(snapshot_id, root, verify=False)
        what = f" («{existing.name}», {existing.created_date})"
        what_en = f" (“{existing.name}”, {existing.created_date})"
    except SnapshotError:
        what = what_en = ""
    return SnapshotExists(
        f"Đã có ảnh chụp mã {snapshot_id!r}{what}; ảnh chụp không sửa được: hãy đặt tên khác. / "
        f"A snapshot with id {snapshot_id!r} already exists{what_en}; snapshots cannot be"
        " changed: choose another name."
    )


def _write_error(error: OSError, root: Path) -> SnapshotError:
    """A failed write to the snapshots folder, said without the server's path."""
    _log.warning("cannot write a snapshot in %s: %s", root, error)
    folder = root.name
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return SnapshotError(
            f"Không thể chụp: thư mục ảnh chụp «{folder}» đã hết chỗ trống; hãy giải phóng dung"
            " lượng hoặc báo quản trị viên. / Cannot take a snapshot: the snapshots folder"
            f" “{folder}” is full; free some space or tell the administrator."
        )
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return SnapshotError(
            f"Không thể chụp: thư mục ảnh chụp «{folder}» chỉ đọc, không ghi được; hãy báo quản"
            " trị viên cấp quyền ghi (hoặc đặt TTX_SNAPSHOTS_DIR). / Cannot take a snapshot: the"
            f" snapshots folder “{folder}” is read-only; ask the administrator for write access"
            " (or set TTX_SNAPSHOTS_DIR)."
        )
    return SnapshotError(
        f"Không thể chụp: không ghi được vào thư mục ảnh chụp «{folder}» ({error.strerror});"
        " hãy thử lại hoặc báo quản trị viên. / Cannot take a snapshot: writing to the snapshots"
        f" folder “{folder}” failed ({error.strerror}); try again or tell the administrator."
    )


_STAGING = re.compile(r"^\.(?P<id>[a-z0-9-]+)-(?P<pid>\d+)-[^/]+$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def clean_staging(root: Path | None = None) -> list[str]:
    """Remove half-written copies left by a snapshot whose process was killed (its staging
    folder `.<id>-<pid>-…` belongs to no running process); returns their names."""
    root = root or snapshots_dir()
    removed = []
    try:
        entries = list(root.iterdir())
    except OSError:
        return removed
    for path in entries:
        found = _STAGING.match(path.name)
        if found and path.is_dir() and not _alive(int(found["pid"])):
            for inner in [path, *path.rglob("*")]:
                with contextlib.suppress(OSError):
                    inner.chmod(0o700 if inner.is_dir() else 0o600)
            shutil.rmtree(path, ignore_errors=True)
            if not path.exists():
                removed.append(path.name)
                _log.info("removed the staging folder %s of a stopped snapshot", path)
    return removed


def create_snapshot(
    name: str,
    snapshot_id: str | None = None,
    source: Path | None = None,
    root: Path | None = None,
    now: datetime | None = None,
    *,
    actor: Actor | None = None,
    engine: Engine | None = None,
    client: str = "",
) -> Snapshot:
    """Freeze the data directory `source` as a new snapshot named `name`; never overwrites one.

    With `actor` (a signed-in reviewer), the name is first reserved in the store (`engine`, else
    the configured one), so no one else can take it meanwhile, and the snapshot is audited:
    marked ready once its files are in place, its reservation removed if the copy fails.
    Without `actor` (the command line, tests) only the folder decides.

    SnapshotExists when the id or name is taken (also when another reader takes it at the same
    moment), SnapshotError when the folder cannot be written (read-only, full), the store cannot
    be reached or the actor may not freeze snapshots; never a bare OSError."""
    name, snapshot_id = _check_name(name, snapshot_id)
    if actor is None:
        return _freeze(name, snapshot_id, source, root, now)
    from ttx_data.store import snapshot_register

    engine, who = _reserve(name, snapshot_id, actor, engine, client, now)
    try:
        taken = _freeze(name, snapshot_id, source, root, now)
    except BaseException as error:
        try:
            snapshot_register.mark_failed(engine, snapshot_id, reason=str(error), **who)
        except Exception:  # the failure itself is what the caller must hear about
            _log.warning(
                "could not release the reservation of snapshot %s", snapshot_id, exc_info=True
            )
        raise
    try:
        snapshot_register.mark_ready(engine, snapshot_id, **who)
    except Exception:  # the snapshot exists and holds its name; only its register row lags
        _log.warning("snapshot %s made but not marked ready", snapshot_id, exc_info=True)
    return taken


def _reserve(
    name: str,
    snapshot_id: str,
    actor: Actor,
    engine: Engine | None,
    client: str,
    now: datetime | None,
) -> tuple[Engine, dict]:
    """Reserve the snapshot's name and id in the store for `actor` (a reviewer)."""
    from ttx_data.accounts.roles import can
    from ttx_data.store import SnapshotNameTaken, StoreError, ensure_schema, snapshot_register

    if not can(actor, "snapshot"):
        raise SnapshotError(
            "Chỉ cán bộ thẩm định được tạo ảnh chụp dữ liệu; hãy đăng nhập bằng tài khoản"
            " thẩm định. / Only reviewers can freeze snapshots; sign in with a reviewer account."
        )
    who = {
        "actor": actor.username,
        "role": actor.role,
        "agency_code": actor.agency_code,
        "client": client,
    }
    try:
        engine = engine or ensure_schema()
        snapshot_register.reserve(engine, snapshot_id=snapshot_id, name=name, now=now, **who)
    except SnapshotNameTaken as error:
        raise SnapshotExists(str(error)) from error
    except StoreError as error:
        message = f"Không thể chụp: {error.vi} / Cannot take a snapshot: {error.en}"
        raise SnapshotError(message) from error
    return engine, who


def _freeze(
    name: str,
    snapshot_id: str,
    source: Path | None,
    root: Path | None,
    now: datetime | None,
) -> Snapshot:
    """Copy the data files into a new snapshot folder, all at once."""
    source = (source or data_dir()).resolve()
    root = root or snapshots_dir()
    target = root / snapshot_id
    if target.exists():
        raise _exists_error(snapshot_id, root)
    files = _frozen_files(source)
    try:
        as_of = dataset_metadata(source)["as_of"]
    except DataError as error:
        message = f"Không thể chụp: {error.vi} / Cannot take a snapshot: {error.en}"
        raise SnapshotError(message) from error
    try:
        root.mkdir(parents=True, exist_ok=True)
        clean_staging(root)
        staging = Path(tempfile.mkdtemp(prefix=f".{snapshot_id}-{os.getpid()}-", dir=root))
    except OSError as error:
        raise _write_error(error, root) from error
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
    except BaseException as error:
        for path in [staging, *staging.glob("*")]:
            with contextlib.suppress(OSError):
                path.chmod(0o700 if path.is_dir() else 0o600)
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, OSError):
            if target.exists() or error.errno in (errno.EEXIST, errno.ENOTEMPTY):
                raise _exists_error(snapshot_id, root) from error
            raise _write_error(error, root) from error
        raise
    return open_snapshot(snapshot_id, root)


_MANIFEST_KEYS = {"id": str, "name": str, "created_at": str, "as_of": str, "files": dict}


def _broken(snapshot_id: str, vi: str, en: str) -> SnapshotError:
    return SnapshotError(
        f"Ảnh chụp {snapshot_id!r} hỏng: {vi}; không dùng được, hãy khôi phục từ bản sao lưu hoặc"
        f" xóa thư mục đó. / Snapshot {snapshot_id!r} is broken: {en}; it cannot be used, restore"
        " it from a backup or remove its folder."
    )


def _read_manifest(snapshot_id: str, directory: Path) -> Snapshot:
    try:
        manifest = json.loads((directory / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        _log.warning("unreadable snapshot manifest %s: %s", directory / MANIFEST_FILE, error)
        raise _broken(
            snapshot_id, f"không đọc được {MANIFEST_FILE}", f"{MANIFEST_FILE} is unreadable"
        ) from error
    if not isinstance(manifest, dict):
        manifest = {}
    wrong = [k for k, kind in _MANIFEST_KEYS.items() if not isinstance(manifest.get(k), kind)]
    files = manifest.get("files") if isinstance(manifest.get("files"), dict) else {}
    if not wrong and not all(
        isinstance(n, str) and isinstance(d, str) and n and Path(n).name == n and n != MANIFEST_FILE
        for n, d in files.items()
    ):
        wrong = ["files"]
    if not wrong and manifest["id"] != snapshot_id:
        wrong = ["id"]
    if wrong:
        keys = ", ".join(wrong)
        raise _broken(
            snapshot_id,
            f"{MANIFEST_FILE} thiếu hoặc sai mục {keys}",
            f"{MANIFEST_FILE} lacks or has a wrong {keys}",
        )
    return Snapshot(
        snapshot_id=snapshot_id,
        name=manifest["name"],
        created_at=manifest["created_at"],
        as_of=manifest["as_of"],
        directory=directory,
        files=dict(files),
    )


def verify_snapshot(snapshot: Snapshot) -> None:
    """Check every file of the snapshot against its manifest: a changed, missing or added file
    is refused (SnapshotError). Cheap on every read: a file is hashed again only when it changed."""
    directory = snapshot.directory
    altered = [n for n, digest in snapshot.files.items() if _digest(directory / n) != digest]
    try:
        present = {p.name for p in directory.iterdir()}
    except OSError:
        present = set()
    altered += sorted(present - set(snapshot.files) - {MANIFEST_FILE})
    if altered:
        names = ", ".join(altered)
        raise SnapshotError(
            f"Ảnh chụp {snapshot.snapshot_id!r} đã bị sửa hoặc thiếu tệp ({names}); không"
            " dùng được. Hãy khôi phục từ bản sao lưu. / "
            f"Snapshot {snapshot.snapshot_id!r} was altered or lost files ({names}); it"
            " cannot be used. Restore it from a backup."
        )


def open_snapshot(snapshot_id: str, root: Path | None = None, verify: bool = True) -> Snapshot:
    """A snapshot by id, its files checked against the manifest (an altered one is refused)."""
    root = root or snapshots_dir()
    if not ID_PATTERN.match(snapshot_id or ""):
        raise SnapshotError(
            f"Mã ảnh chụp {snapshot_id!r} không hợp lệ. / Snapshot id {snapshot_id!r} is not valid."
        )
    directory = root / snapshot_id
    if not (directory / MANIFEST_FILE).exists():
        known = ", ".join(s.snapshot_id for s in list_snapshots(root)) or "—"
        raise SnapshotError(
            f"Không có ảnh chụp {snapshot_id!r}; hiện có: {known}. / "
            f"No snapshot {snapshot_id!r}; available: {known}."
        )
    snapshot = _read_manifest(snapshot_id, directory)
    if verify:
        verify_snapshot(snapshot)
    return snapshot


def list_snapshots(root: Path | None = None) -> list[Snapshot]:
    """Every readable snapshot, newest first (unverified: opening one checks it); a snapshot
    whose manifest is broken is left out and named by `snapshot_problems`.

    Read again only when the folder changes (a snapshot added or removed), not on every rerun."""
    return list(_scan(root)[0])


def snapshot_ids(root: Path | None = None) -> list[str]:
    """The ids of `list_snapshots`, newest first: what a link's `snapshot=` may name."""
    return [snapshot.snapshot_id for snapshot in list_snapshots(root)]


def snapshot_problems(root: Path | None = None) -> list[str]:
    """Why each snapshot left out of `list_snapshots` cannot be used (vi / en)."""
    return list(_scan(root)[1])


def _scan(root: Path | None) -> tuple[tuple[Snapshot, ...], tuple[str, ...]]:
    root = root or snapshots_dir()
    try:
        version = root.stat().st_mtime_ns
    except OSError:
        return (), ()
    return _listed(root, version)


@lru_cache(maxsize=8)
def _listed(root: Path, version: int) -> tuple[tuple[Snapshot, ...], tuple[str, ...]]:
    found, problems = [], []
    try:
        entries = sorted(root.iterdir())
    except OSError as error:
        _log.warning("cannot list snapshots in %s: %s", root, error)
        return (), ()
    for p in entries:
        if p.is_dir() and ID_PATTERN.match(p.name) and (p / MANIFEST_FILE).exists():
            try:
                found.append(_read_manifest(p.name, p))
            except SnapshotError as error:
                problems.append(str(error))
    found.sort(key=lambda s: (s.created_at, s.snapshot_id), reverse=True)
    return tuple(found), tuple(problems)


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
    columns = [*key, "column", "old", "new"]
    if old.empty or new.empty:  # (pandas cannot merge an empty Arrow-typed key column)
        return DatasetChanges(dataset, new, old, pd.DataFrame(columns=columns))
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
    """Between an earlier data directory (a snapshot) and a later one: statuses and rows.
    Indicators are named from the catalog of the directory a row is in: removed rows from the
    earlier one, the rest from the later one."""

    statuses: pd.DataFrame
    datasets: dict[str, DatasetChanges]
    old_directory: Path | None = None
    new_directory: Path | None = None

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
        old_directory=old_directory,
        new_directory=new_directory,
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


def _row_text(dataset: datasets.Dataset, row: pd.Series, lang: str, directory: Path | None) -> str:
    """A dataset row named in words: 'Tỷ lệ che phủ rừng · Lục Nam · 2025', the indicator named
    by the catalog of the data directory the row is in."""
    names = geography.district_names(lang)
    parts = []
    for column in dataset.key:
        value = row[column]
        if column == "indicator_id":
            indicator = catalog.indicator(value, directory)
            parts.append(f"{indicator.label} {indicator.name(lang)}")
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
                f"{row.label}. "
                f"{catalog.indicator(row.indicator_id, changes.new_directory).name(lang)}"
                for row in frame.itertuples()
            ],
            t("snapshot.col.status_old", lang): [
                status_label(s, lang) for s in frame["status_old"]
            ],
            t("snapshot.col.status_new", lang): [
                status_label(s, lang) for s in frame["status_new"]
            ],
            t("snapshot.col.latest_old", lang): _latest(frame, "old", lang, changes),
            t("snapshot.col.latest_new", lang): _latest(frame, "new", lang, changes),
        }
    )


def _decimals(indicator_id: object, directory: Path | None) -> int:
    """The catalog's decimals for an indicator's values (2 for a row of no known indicator)."""
    try:
        return catalog.indicator(str(indicator_id), directory).decimals
    except KeyError:
        return 2


def _latest(frame: pd.DataFrame, side: str, lang: str, changes: WhatChanged) -> list[str]:
    directory = changes.old_directory if side == "old" else changes.new_directory
    texts = []
    for indicator_id, value, year in zip(
        frame["indicator_id"], frame[f"latest_value_{side}"], frame[f"latest_year_{side}"],
        strict=True,
    ):  # fmt: skip
        if pd.isna(value):
            texts.append("–" if pd.isna(year) else str(int(year)))
        else:
            places = _decimals(indicator_id, directory)
            texts.append(f"{format_number(float(value), lang, places)} ({int(year)})")
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
    directory = changes.old_directory if which == "removed" else changes.new_directory
    for change in changes.datasets.values():
        frame = getattr(change, which)
        for _, row in frame.iterrows():
            record = {
                t("snapshot.col.dataset", lang): _dataset_label(change.dataset.name, lang),
                t("snapshot.col.row", lang): _row_text(change.dataset, row, lang, directory),
            }
            places = _decimals(row["indicator_id"], directory) if "indicator_id" in row else 2
            if which == "revised":
                record[t("snapshot.col.column", lang)] = _column_label(row["column"], lang)
                record[t("snapshot.col.old", lang)] = _cell(row["old"], lang, places)
                record[t("snapshot.col.new", lang)] = _cell(row["new"], lang, places)
            elif "value" in frame.columns:
                record[t("chart.value", lang)] = _cell(row["value"], lang, places)
                record[t("chart.provenance", lang)] = t("provenance." + row["provenance"], lang)
            records.append(record)
    return pd.DataFrame(records)


def _cell(value: object, lang: str, places: int = 2) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if isinstance(value, float):
        return format_number(value, lang, places)
    return str(value)
