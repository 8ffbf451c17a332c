"""Server cost of page runs: how much CPU one run of a page takes in the app's process.

Not a test. Each page is run under Streamlit's AppTest (app.py's navigation, sidebar and page, as
a browser session would run it); the script thread's CPU time (`time.thread_time`, unaffected by
other processes on a busy machine) and its wall time are recorded for the first run (caches
cold) and for `--runs` later runs in fresh sessions (the caches shared by sessions warm), plus a
rerun after a district is chosen in the same session (what a filter change costs; a different
district each time, so its results are not yet cached). `--profile`
prints the functions that take the most time in one warm run.

    .venv/bin/python bench/page_runs.py                          # economy, lifestyle, an indicator
    .venv/bin/python bench/page_runs.py --pages economy "indicator?id=t05a_forest_cover" --runs 9
    .venv/bin/python bench/page_runs.py --pages economy --profile
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qsl

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from streamlit.runtime.scriptrunner import script_runner  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from ttx_data import geography  # noqa: E402
from ttx_data.ui.state import widget_key  # noqa: E402

DEFAULT_PAGES = ("economy", "lifestyle", "transition", "indicator?id=t05a_forest_cover")
_runs: list[tuple[float, float]] = []
_profile: cProfile.Profile | None = None


@contextmanager
def _measured():
    """Record the CPU and wall time of every script run (on the script's own thread)."""
    original = script_runner.ScriptRunner._run_script

    def timed(self, rerun_data):
        cpu, wall = time.thread_time(), time.perf_counter()
        if _profile is not None:
            _profile.enable()
        try:
            return original(self, rerun_data)
        finally:
            if _profile is not None:
                _profile.disable()
            _runs.append((time.thread_time() - cpu, time.perf_counter() - wall))

    script_runner.ScriptRunner._run_script = timed
    try:
        yield
    finally:
        script_runner.ScriptRunner._run_script = original


def _session(path: str) -> AppTest:
    """A fresh session opened at the page's URL (`economy`, `indicator?id=...&lang=en`)."""
    name, _, query = path.partition("?")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    for key, value in parse_qsl(query):
        app.query_params[key] = value
    app.query_params.setdefault("lang", "vi")
    app.run()
    if name:
        app.switch_page(f"pages/{name}.py")
    return app


def _page_run(path: str) -> tuple[AppTest, tuple[float, float]]:
    app = _session(path)
    _runs.clear()
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app, _runs[-1]


def _district_run(app: AppTest, code: str) -> tuple[float, float]:
    _runs.clear()
    lang = app.query_params.get("lang", "vi")
    lang = lang[0] if isinstance(lang, list) else lang
    app.multiselect(key=widget_key("district", lang)).set_value([code]).run()
    assert not app.exception, [e.value for e in app.exception]
    return _runs[-1]


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.0f}"


def main() -> None:
    global _profile
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="+", default=list(DEFAULT_PAGES))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="profile one warm run per page")
    args = parser.parse_args()
    print("ms per run: CPU of the script thread (wall in brackets); medians of warm runs")
    print(f"{'page':42} {'cold':>15} {'warm':>17} {'district chosen':>19}")
    with _measured():
        for path in args.pages:
            _, cold = _page_run(path)
            warm, district = [], []
            codes = geography.district_codes()
            for n in range(args.runs):
                app, run = _page_run(path)
                warm.append(run)
                district.append(_district_run(app, codes[n % len(codes)]))
            cpu = _ms([c for c, _ in warm])
            wall = _ms([w for _, w in warm])
            dcpu, dwall = _ms([c for c, _ in district]), _ms([w for _, w in district])
            print(
                f"{path:42} {cold[0] * 1000:6.0f} ({cold[1] * 1000:6.0f}) {cpu} ({wall})"
                f"   {dcpu} ({dwall})"
            )
            if args.profile:
                app = _session(path)
                _profile = cProfile.Profile()
                app.run()
                profile, _profile = _profile, None
                out = io.StringIO()
                pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(40)
                print(out.getvalue())


if __name__ == "__main__":
    main()
