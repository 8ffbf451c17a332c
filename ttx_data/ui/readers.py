"""Page runs in flight in this server, so that background work (warming the caches of new data)
gives way to readers: warming a publication while 60 readers' pages run made each of them wait
longer for the processor (bench/concurrency.py)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

QUIET_S = 0.2
"""How long no page may have run before background work goes on."""

_lock = threading.Lock()
_in_flight = 0
_last_end = 0.0


@contextmanager
def page_run() -> Iterator[None]:
    """Counts the block as a reader's page run (however it ends: an error, st.stop, a rerun)."""
    global _in_flight, _last_end
    with _lock:
        _in_flight += 1
    try:
        yield
    finally:
        with _lock:
            _in_flight -= 1
            _last_end = time.monotonic()


def wait_until_quiet(deadline: float, poll_s: float = 0.05) -> bool:
    """Wait until no page has run for QUIET_S, or until `deadline` (monotonic seconds): whether
    it went quiet (background work then goes on either way, so that it ends some time)."""
    while True:
        now = time.monotonic()
        with _lock:
            quiet = _in_flight == 0 and now - _last_end >= QUIET_S
        if quiet:
            return True
        if now >= deadline:
            return False
        time.sleep(poll_s)
