"""What the benchmark scripts share beyond page_timings' helpers: a served app with its process id,
the server's resident memory, a writable copy of the bundled data, a data update, a static folder
served over HTTP, and the quantiles of a list.

    with served(data=copy) as server:          # TTX_DATA_DIR=copy, basemap off, a store of its own
        rss_mib(server.pid)                    # the server and its children, MiB
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ttx_data import datasets
from ttx_data.local_server import AppDidNotStart, serve_app
from ttx_data.paths import BUNDLED_DATA_DIR, replace_atomically

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def percentile(values: list[float], q: float) -> float:
    """The q-quantile by linear interpolation between sorted values (p90 of 7: 6th and 7th);
    NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Server:
    url: str
    pid: int | None
    log: Path


def _children(pid: int) -> list[int]:
    """Process ids whose parent is `pid` (from /proc/*/stat)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces: the fields follow the last ')'
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and fields[1] == str(pid):
            found.append(int(entry.name))
    return found


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(_children(current))
    return tree


def rss_mib(pid: int | None) -> float:
    """Resident memory (VmRSS) of a process and its descendants, MiB; NaN when unknown."""
    if pid is None:
        return float("nan")
    total_kib = 0
    for member in process_tree(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total_kib += int(line.split()[1])
    return total_kib / 1024


def _server_pid(port: str) -> int | None:
    """The `streamlit run` child of this process listening on `port`."""
    for child in _children(os.getpid()):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in command and port.encode() in command:
            return child
    return None


@contextmanager
def served(
    script: str = "app.py", data: Path | None = None, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """`streamlit run script` on a free port: basemap off, snapshots and a SQLite store of its
    own in a temporary folder, `data` as TTX_DATA_DIR (else the bundled data). Stopped at the
    end; its log is kept (and named) only when something failed."""
    from ttx_data.store import database

    with tempfile.TemporaryDirectory(prefix="ttx-bench-server-") as tmp:
        folder = Path(tmp)
        store = f"sqlite:///{folder / 'ttx.sqlite3'}"
        database.ensure_schema(store).dispose()
        settings = {
            "TTX_BASEMAP": "off",
            "TTX_SNAPSHOTS_DIR": str(folder / "snapshots"),
            "TTX_DATABASE_URL": store,
            **({"TTX_DATA_DIR": str(data)} if data else {}),
            **(env or {}),
        }
        log = Path(tempfile.gettempdir()) / f"ttx-bench-{Path(script).stem}-{os.getpid()}.log"
        try:
            with serve_app(log, env=settings, script=script) as url:
                yield Server(url, _server_pid(url.rsplit(":", 1)[1]), log)
        except AppDidNotStart as failure:
            raise SystemExit(f"{script}: {failure}") from failure
        except BaseException:
            print(f"the server's log is kept in {log}", flush=True)
            raise
        else:
            log.unlink(missing_ok=True)


def copy_data(target: Path, source: Path = BUNDLED_DATA_DIR) -> Path:
    """A writable copy of a data directory's dataset files and metadata (the catalog in force
    stays the bundled one), in `target`, which is made."""
    target.mkdir(parents=True, exist_ok=True)
    for name in [d.file for d in datasets.ALL] + [datasets.METADATA_FILE]:
        if (source / name).exists():
            shutil.copyfile(source / name, target / name)
    return target


def update_data(directory: Path, name: str = datasets.OBSERVATIONS.file) -> None:
    """A data update as a publication makes it: a file (observations.parquet) written again
    beside the old one and renamed over it (same content, a new file), so the data version
    changes."""
    path = directory / name
    content = path.read_bytes()
    replace_atomically(path, lambda temporary: temporary.write_bytes(content))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A folder served over HTTP on a free local port (a thread of this process)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def write_section(path: Path, section: str, marks: tuple[str, str]) -> None:
    """Put `section` between its markers in `path` (replacing what was there), or at its end the
    first time; the file is made if missing."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start, end = text.find(marks[0]), text.find(marks[1])
    if 0 <= start < end:
        text = text[:start] + section + text[end + len(marks[1]) :]
    else:
        text = f"{text.rstrip()}\n\n{section}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def code_version() -> str:
    """The commit measured, and whether the code in the working tree differs from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "ttx_data"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "the code in the working tree"
    if not head:
        return "the code in the working tree"
    return f"commit {head}" + (" plus uncommitted changes under `ttx_data/`" if changed else "")


def report(section: str, out: str | Path, marks: tuple[str, str], what: str) -> None:
    """Print a results section and, when `out` names a file (relative to the project), put it
    between its markers there."""
    print(section)
    if out:
        path = Path(out) if Path(out).is_absolute() else ROOT / out
        write_section(path, section, marks)
        print(f"wrote the {what} section of {path}", file=sys.stderr)
