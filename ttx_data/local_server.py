"""Serve the app locally on a free port, for the browser tests and the benchmark alike.

with serve_app(log=Path("streamlit.log"), env={"TTX_BASEMAP": "off"}) as url:
    ...  # http://127.0.0.1:<port>, stopped when the block ends
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ttx_data.paths import PROJECT_ROOT

START_TIMEOUT_S = 60

SIDEBAR_PAGE_PATHS = (
    "",
    "economy",
    "lifestyle",
    "transition",
    "tasks",
    "agency",
    "target",
    "district_profile",
    "sites_map",
    "forest_map",
    "communes",
    "snapshots",
    "indicator_catalog",
    "methodology",
    "about",
)
"""URL paths of the pages the sidebar lists ("" is the overview), presenter mode apart."""

CHROMIUM = os.environ.get("TTX_CHROMIUM", "/usr/bin/chromium")
"""Debian's chromium, driven by Playwright (which cannot download its own browser here)."""

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Headless flags: no sandbox as root, and no background requests to Google's services."""


class AppDidNotStart(RuntimeError):
    """`streamlit run app.py` did not answer its health check in time."""


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    """Whether Streamlit's health endpoint answers at `url`."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
            return reply.status == 200
    except OSError:
        return False


@contextmanager
def serve_app(
    log: Path,
    env: dict[str, str] | None = None,
    script: str = "app.py",
    options: Sequence[str] = (),
    wrapper: Sequence[str] = (),
) -> Iterator[str]:
    """`streamlit run app.py` on a free port with the bundled data; its output goes to `log`.

    `script` runs another page script (path from the project root), `options` adds Streamlit
    options (e.g. `--secrets.files`, `/tmp/secrets.toml`), and `wrapper` is a command the server
    runs under (e.g. `strace -f -o trace.txt`)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [*wrapper, sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
             "--server.headless", "true", "--browser.gatherUsageStats", "false", *options],
            cwd=PROJECT_ROOT,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )  # fmt: skip
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while not healthy(url):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise AppDidNotStart(f"the app did not start in {START_TIMEOUT_S} s; see {log}")
                time.sleep(0.3)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
