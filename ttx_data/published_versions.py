"""Versions of the published data a server has seen, each with a frozen copy of its files, so
that readers can go on being served a version whose caches are warm while a newer one warms.

Right after a publication every cache keyed by the data's version misses; 30 readers opening
pages then would all wait for the same work. Instead the server copies the new version's files
aside (`query.data_files`: 0.11 MB bundled), warms its caches from the copy, and only then
serves it; meanwhile readers see the version before it, whole, from its own copy (a publication
replaces files with `os.replace`, so the copy keeps that version's numbers). A copy's source
carries the version of the files it was taken from, so a cache fills the same entries from the
copy as from the files themselves.

Plain Python: the rules of what each reader is served live in `ttx_data.ui.data`."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

from ttx_data import query
from ttx_data.sources import PUBLISHED, DataSource

GRACE_ENV = "TTX_WARMING_GRACE_S"
DEFAULT_GRACE_S = 120.0
_log = logging.getLogger(__name__)


def warming_grace_s() -> float:
    """How long (seconds) readers who are not signed in may be served the version before a
    publication while the new one warms: `TTX_WARMING_GRACE_S`, default 120; 0 serves every
    reader the new files at once (a value that is not a number ≥ 0 is logged, and the default
    used)."""
    raw = os.environ.get(GRACE_ENV, "").strip()
    if not raw:
        return DEFAULT_GRACE_S
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        _log.warning("%s=%r is not a number of seconds >= 0; using %s", GRACE_ENV, raw,
                     DEFAULT_GRACE_S)  # fmt: skip
        return DEFAULT_GRACE_S
    return value


KEPT = 3
"""Frozen copies kept on disk (the oldest removed first): the one served, the one warming, and
one more for a reader whose run started just before a switch."""


@dataclass(frozen=True)
class Version:
    """A version of the published data as the server knows it: the order it was first seen in
    (`seq`), when (`seen_at`, monotonic seconds), whether its warming has started, and its
    frozen copy once taken and warmed."""

    version: str
    seq: int
    seen_at: float
    frozen: DataSource | None = None
    warming: bool = False


class PublishedVersions:
    """The versions of the published data seen by this process, their frozen copies in `root`
    (a temporary folder of the process's own, removed at exit, when not given), thread-safe."""

    def __init__(self, root: Path | None = None, kept: int = KEPT):
        self._root = root
        self._kept = kept
        self._lock = threading.Lock()
        self._versions: dict[str, Version] = {}

    def seen(self, live: DataSource) -> Version:
        """The version of the published data `live` (read from its own files), remembered the
        first time it is seen, with its place in the order of versions seen."""
        with self._lock:
            known = self._versions.get(live.version)
            if known is None:
                seq = max((v.seq for v in self._versions.values()), default=0) + 1
                known = self._versions[live.version] = Version(live.version, seq, time.monotonic())
            return known

    def start_warming(self, live: DataSource) -> bool:
        """Whether the warming of `live`'s version is to start now: True once per version."""
        self.seen(live)
        with self._lock:
            known = self._versions[live.version]
            self._versions[live.version] = replace(known, warming=True)
            return not known.warming

    def newest_order(self) -> int:
        """The place of the newest version seen (0 before any)."""
        with self._lock:
            return max((v.seq for v in self._versions.values()), default=0)

    def seen_order(self, version: str) -> int:
        """A version's place in the order of versions seen (0 for one forgotten or never seen:
        older than every version known)."""
        with self._lock:
            known = self._versions.get(version)
            return known.seq if known else 0

    def freeze(self, live: DataSource) -> DataSource | None:
        """A copy of `live`'s data files in a folder of their own, as a source with `live`'s
        version; None when the files changed while they were copied (a newer version is there:
        it is the one to freeze)."""
        if live.kind != PUBLISHED:
            raise ValueError(f"only the published data are frozen here, not {live.identity}")
        folder = self._folder() / live.version
        staging = folder.with_name(f".{live.version}-{threading.get_ident()}")
        shutil.rmtree(staging, ignore_errors=True)
        try:
            query.copy_data_files(live.directory, staging)
            if query.directory_version(live.directory) != live.version:
                return None
            for path in staging.iterdir():
                path.chmod(0o444)
            if not folder.exists():  # else frozen before: the same files
                staging.rename(folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return replace(live, directory=folder)

    def mark_warm(self, frozen: DataSource) -> None:
        """`frozen` (from `freeze`) has its caches warm: it may be served; older copies beyond
        the newest KEPT are removed, with their DuckDB connections (those of versions frozen
        and never warmed, outdated while warming, too)."""
        with self._lock:
            known = self._versions.get(frozen.version)
            if known is None:
                raise KeyError(f"version {frozen.version} was never seen")
            self._versions[frozen.version] = replace(known, frozen=frozen)
            newest_first = sorted(self._versions.values(), key=lambda v: -v.seq)
            for old in newest_first[self._kept :]:
                del self._versions[old.version]
            root = self._root
        kept = {v.version for v in newest_first[: self._kept]}
        for folder in root.iterdir() if root is not None else ():
            if folder.name not in kept and not folder.name.startswith("."):  # not being copied
                query.forget_connection(folder)
                shutil.rmtree(folder, ignore_errors=True)

    def warm(self, version: str) -> DataSource | None:
        """The frozen copy of `version` if its caches are warm, else None."""
        with self._lock:
            known = self._versions.get(version)
            return known.frozen if known else None

    def newest_warm(self, before: int) -> Version | None:
        """The newest version seen before the `before`-th whose caches are warm, if any."""
        with self._lock:
            warm = [v for v in self._versions.values() if v.frozen is not None and v.seq < before]
            return max(warm, key=lambda v: v.seq, default=None)

    def _folder(self) -> Path:
        with self._lock:
            if self._root is None:
                self._root = Path(tempfile.mkdtemp(prefix="ttx-published-"))
                atexit.register(shutil.rmtree, self._root, True)
            self._root.mkdir(parents=True, exist_ok=True)
            return self._root
