"""Time TTX Bắc Giang in real chromium: page loads and filter changes until the view has settled.

Not a test: it serves the app on the bundled data (or uses `--url`), repeats every measurement
`--runs` times after one unmeasured warm-up, prints median, p90, min and max in ms and, with
`--out`, rewrites the results section of docs/benchmarks.md (which says what "settled" means).

    .venv/bin/python bench/page_timings.py --runs 7 --out docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shlex
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as `python bench/page_timings.py` from any directory

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from ttx_data import catalog, geography, panels  # noqa: E402
from ttx_data.filters import Filters, indicators_for  # noqa: E402
from ttx_data.i18n import t  # noqa: E402
from ttx_data.local_server import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    SIDEBAR_PAGE_PATHS,
    AppDidNotStart,
    healthy,
    serve_app,
)

VIEWPORT = {"width": 1280, "height": 900}
QUIET_MS = 150
TIMEOUT_MS = 60_000
PAGE_TARGET_MS = 1000
FILTER_TARGET_MS = 300
DISTRICTS = ("219", "220", "223", "215", "216")
MARK_START = "<!-- bench:results:start (written by bench/page_timings.py --out) -->"
MARK_END = "<!-- bench:results:end -->"

OBSERVER_JS = """
(() => {
  const s = window.__ttxBench = {lastMain: 0, runStart: 0, scriptDone: 0, statusGone: 0,
                                 enterAt: 0, pointerAt: 0, state: null, status: false};
  const check = (now) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app ? app.getAttribute('data-test-script-state') : null;
    if (state === 'running' && s.state !== 'running') s.runStart = now;
    if (state === 'notRunning' && s.state !== 'notRunning') s.scriptDone = now;
    s.state = state;
    const status = !!document.querySelector('[data-testid="stStatusWidget"]');
    if (s.status && !status) s.statusGone = now;
    s.status = status;
  };
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (!node || !node.closest('[data-testid="stMain"]')) continue;
      const fallback = node.closest('canvas') && !(r.type === 'attributes' && node.tagName === 'CANVAS');
      if (!fallback) { s.lastMain = now; break; }  // a canvas's children are never drawn
    }
    check(now);
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  addEventListener('keydown', (e) => { if (e.key === 'Enter') s.enterAt = performance.now(); }, true);
  addEventListener('pointerdown', () => { s.pointerAt = performance.now(); }, true);
})();
"""
"""Installed in every document before the app's own scripts: remembers when stMain last changed
(ignoring the hidden accessibility content data grids put inside their canvas),
when a script run last started and finished (stApp's data-test-script-state), when the running
indicator went away, and when Enter or a
pointer was last pressed, all on the page's `performance.now()` clock (0 = navigation start)."""

STATE_JS = """
(view) => {
  const s = window.__ttxBench;
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const charts = main ? [...main.querySelectorAll('.vega-embed')] : [];
  return {
    observer: !!s,
    scriptState: app ? app.getAttribute('data-test-script-state') : null,
    statusWidget: !!document.querySelector('[data-testid="stStatusWidget"]'),
    titles: main ? [...main.querySelectorAll('h1')].map((h) => h.textContent.trim()) : [],
    charts: charts.length,
    chartsDrawn: charts.filter((c) => c.querySelector('svg')).length,
    selectors: view.selectors.map(([css]) => main ? main.querySelectorAll(css).length : 0),
    text: !!main && main.textContent.includes(view.text),
    quietMs: s ? performance.now() - s.lastMain : 0,
  };
}
"""

SETTLED_JS = """
(view) => {
  const s = window.__ttxBench;
  if (!s) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main) return false;
  const error = main.querySelector('[data-testid="stException"]');
  if (error) return {error: error.textContent};
  if (![...main.querySelectorAll('h1')].some((h) => h.textContent.includes(view.title))) return false;
  const charts = main.querySelectorAll('.vega-embed');
  if (charts.length !== view.charts) return false;
  for (const chart of charts) if (!chart.querySelector('svg')) return false;
  for (const [css, n] of view.selectors) if (main.querySelectorAll(css).length < n) return false;
  if (view.text && !main.textContent.includes(view.text)) return false;
  const ratio = window.devicePixelRatio;
  const sized = view.sized ? [...main.querySelectorAll(view.sized)] : [];
  for (const c of sized) {
    if (Math.abs(c.width - Math.round(c.clientWidth * ratio)) > 1) return false;
    if (Math.abs(c.height - Math.round(c.clientHeight * ratio)) > 1) return false;
    if (c.width !== sized[0].width || c.height !== sized[0].height) return false;
  }
  const settled = Math.max(s.lastMain, s.scriptDone, s.statusGone);
  if (performance.now() - settled < view.quiet) return false;
  const start = view.start === 'navigation' ? 0 : s[view.start];
  return {
    settled: settled - start,
    runStart: s.runStart - start,
    scriptDone: s.scriptDone - start,
  };
}
"""


@dataclass(frozen=True)
class View:
    """What a settled view must show in stMain: an h1 with `title`, exactly `charts` drawn
    `.vega-embed` charts, at least n elements per (css, n) selector, `text` if given, and the
    canvases matching `sized` all of one size that matches their box (a map has fitted its deck.gl
    and basemap canvases to the map's box)."""

    title: str
    charts: int = 0
    selectors: tuple[tuple[str, int], ...] = ()
    text: str = ""
    sized: str = ""


@dataclass(frozen=True)
class Sample:
    """One measurement, in ms from its start (navigation start, Enter or click): to the settled
    view, and to the start and the end of the script run as the browser learnt of them."""

    settled_ms: float
    run_start_ms: float
    script_done_ms: float


@dataclass(frozen=True)
class Row:
    """One line of the results: what was timed, how many charts it draws, its target, samples."""

    name: str
    charts: int
    target_ms: int
    samples: list[Sample]


def expected_charts(group: str, districts: tuple[str, ...] = ()) -> int:
    """Vega charts a group page draws: one per panel (path to 2030, district ranking, milestone
    timeline) that `ttx_data.panels` gives a Vega-Lite spec, as `ui.indicator_panel` draws them."""
    filters = Filters(districts=districts)
    count = 0
    for indicator in indicators_for(filters, group):
        code = indicator.indicator_id
        if indicator.is_milestone:
            shown = [panels.milestone_panel(code, filters.lang)]
        else:
            shown = [panels.series_panel(code, filters)]
            if indicator.by_district:
                shown.append(panels.ranking_panel(code, filters))
        count += sum(panel.spec is not None for panel in shown)
    return count


def expected_views() -> dict[str, tuple[str, View]]:
    """Every measured view by name: its URL (path and query) and what it shows once settled."""
    dataframe = ("[data-testid='stDataFrame'] [data-testid='data-grid-canvas']", 1)
    views = {
        "overview": (
            "/?lang=vi",
            View(t("overview.heading", "vi"), selectors=(("table.ttx-scorecard", 3),)),
        ),
    }
    for group in catalog.GROUPS:
        views[group] = (
            f"/{group}?lang=vi",
            View(catalog.GROUPS[group][0], charts=expected_charts(group)),
        )
    views["district_profile"] = (
        "/district_profile?lang=vi",
        View(t("page.district_profile", "vi"), text=t("profile.pick_first", "vi")),
    )
    deck = "[data-testid='stDeckGlJsonChart'] canvas"
    for name in ("sites_map", "forest_map"):
        views[name] = (
            f"/{name}?lang=vi",
            View(
                t(f"page.{name}", "vi"),
                selectors=((f"{deck}.mapboxgl-canvas", 1), dataframe),
                sized=deck,
            ),
        )
    views["indicator_catalog"] = (
        "/indicator_catalog?lang=vi",
        View(t("page.catalog", "vi"), selectors=(dataframe,)),
    )
    views["methodology"] = ("/methodology?lang=vi", View(t("page.methodology", "vi")))
    views["about"] = ("/about?lang=vi", View(t("page.about", "vi"), selectors=(dataframe,)))
    names = geography.district_names("vi")
    for code in DISTRICTS:
        views[f"economy-{code}"] = (
            f"/economy?district={code}&lang=vi",
            View(
                catalog.GROUPS["economy"][0],
                charts=expected_charts("economy", (code,)),
                text=f"{names[code]}:",
            ),
        )
    views["overview-en"] = (
        "/?lang=en",
        View(t("overview.heading", "en"), selectors=(("table.ttx-scorecard", 3),)),
    )
    return views


def wait_settled(page, view: View, start: str) -> Sample:
    """Wait until `view` has settled; `start` is 'navigation', 'enterAt' or 'pointerAt'."""
    spec = {
        "title": view.title,
        "charts": view.charts,
        "selectors": [list(s) for s in view.selectors],
        "text": view.text,
        "sized": view.sized,
        "quiet": QUIET_MS,
        "start": start,
    }
    try:
        handle = page.wait_for_function(SETTLED_JS, arg=spec, polling=50, timeout=TIMEOUT_MS)
    except PlaywrightTimeoutError as error:
        state = page.evaluate(STATE_JS, spec)
        raise SystemExit(
            f"{page.url} did not settle within {TIMEOUT_MS} ms: expected {spec}, found {state}"
        ) from error
    result = handle.json_value()
    if "error" in result:
        raise SystemExit(f"{page.url} shows an exception: {result['error']}")
    return Sample(result["settled"], result["runStart"], result["scriptDone"])


def load(page, base_url: str, path: str, view: View) -> Sample:
    """Open a URL and time navigation start to settled view."""
    page.goto(base_url + path)
    return wait_settled(page, view, "navigation")


def cold_and_warm_load(browser, base_url: str, path: str, view: View) -> tuple[Sample, Sample]:
    """A load in a fresh browser context (cold session), then a second goto in it (warm)."""
    context = new_context(browser)
    try:
        page = context.new_page()
        return load(page, base_url, path, view), load(page, base_url, path, view)
    finally:
        context.close()


def choose_district(page, base_url: str, views, code: str) -> Sample:
    """On the economy page opened without a district, pick one in the sidebar; time from Enter."""
    load(page, base_url, *views["economy"])
    name = geography.district_names("vi")[code]
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] input").click()
    page.keyboard.type(name)
    option = page.get_by_role("option", name=f"{name} ({code})")
    option.wait_for()
    if page.get_by_role("option").count() != 1:
        raise SystemExit(f"typing {name!r} left several districts to choose from")
    page.keyboard.press("Enter")
    return wait_settled(page, views[f"economy-{code}"][1], "enterAt")


def switch_language(page, base_url: str, views) -> Sample:
    """On the overview opened in Vietnamese, click 'English' in the sidebar; time from the click."""
    load(page, base_url, *views["overview"])
    page.locator("[data-testid='stSidebar']").get_by_role("radio", name="English").click()
    return wait_settled(page, views["overview-en"][1], "pointerAt")


def new_context(browser):
    """A browser context of its own (no cache, cookies or storage shared) with the observer."""
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN")
    context.add_init_script(OBSERVER_JS)
    return context


@contextmanager
def serve() -> Iterator[str]:
    """The app served on a free port from the bundled data; its log kept only on failure."""
    log = Path(tempfile.gettempdir()) / "ttx-bench-streamlit.log"
    try:
        with serve_app(log) as url:
            yield url
    except AppDidNotStart as failure:
        raise SystemExit(str(failure)) from failure
    except BaseException:
        print(f"the server's log is kept in {log}", file=sys.stderr)
        raise
    else:
        log.unlink(missing_ok=True)


def percentile(values: list[float], q: float) -> float:
    """The q-quantile by linear interpolation between sorted values (p90 of 7: 6th and 7th)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


PAGES = (
    "overview",
    *(path for path in SIDEBAR_PAGE_PATHS if path not in ("", "snapshots")),
    "economy-219",
)


def repeat(take: Callable[[], tuple[Sample, ...]], runs: int, label: str) -> list:
    """One unmeasured warm-up (it fills Streamlit's caches), then `runs` measured calls."""
    take()
    taken = [take() for _ in range(runs)]
    shown = "; ".join(" / ".join(f"{s.settled_ms:.0f}" for s in sample) for sample in taken)
    print(f"{label}: {shown} ms", file=sys.stderr, flush=True)
    return taken


def page_rows(browser, base_url: str, views, runs: int) -> tuple[list[Row], list[Row]]:
    """Cold and warm loads of every page and of economy with a district: (cold rows, warm rows)."""
    cold_rows, warm_rows = [], []
    for name in PAGES:
        path, view = views[name]
        taken = repeat(
            lambda path=path, view=view: cold_and_warm_load(browser, base_url, path, view),
            runs,
            f"load {path} (cold / warm)",
        )
        cold_rows.append(Row(f"`{path}`", view.charts, PAGE_TARGET_MS, [c for c, _ in taken]))
        warm_rows.append(Row(f"`{path}`", view.charts, PAGE_TARGET_MS, [w for _, w in taken]))
    return cold_rows, warm_rows


def interaction_rows(browser, base_url: str, views, runs: int) -> list[Row]:
    """Each district chosen on the economy page, all of them pooled, and the language switch."""
    context = new_context(browser)
    try:
        page = context.new_page()
        names = geography.district_names("vi")
        rows = []
        for code in DISTRICTS:
            taken = repeat(
                lambda code=code: (choose_district(page, base_url, views, code),),
                runs,
                f"economy: choose {code}",
            )
            charts = views[f"economy-{code}"][1].charts
            rows.append(
                Row(
                    f"Economy: choose {names[code]} ({code})",
                    charts,
                    FILTER_TARGET_MS,
                    [s for (s,) in taken],
                )
            )
        pooled = [s for row in rows for s in row.samples]
        rows.append(
            Row(
                f"Economy: choose a district, {len(DISTRICTS)} pooled",
                rows[0].charts,
                FILTER_TARGET_MS,
                pooled,
            )
        )
        taken = repeat(lambda: (switch_language(page, base_url, views),), runs, "overview: English")
        rows.append(Row("Overview: switch to English", 0, FILTER_TARGET_MS, [s for (s,) in taken]))
        return rows
    finally:
        context.close()


def table(rows: list[Row]) -> str:
    """A Markdown table: median, p90, min and max to settled; medians to the script run's start
    and end; the target for the median and whether it is met."""
    lines = [
        "| Measurement | Charts | Runs | Median | p90 | Min | Max | Run started | Script done"
        " | Target | Met |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for row in rows:
        settled = [s.settled_ms for s in row.samples]
        median = percentile(settled, 0.5)
        run_start = percentile([s.run_start_ms for s in row.samples], 0.5)
        script_done = percentile([s.script_done_ms for s in row.samples], 0.5)
        met = "yes" if median <= row.target_ms else f"no (+{median - row.target_ms:.0f})"
        lines.append(
            f"| {row.name} | {row.charts} | {len(settled)} | **{median:.0f}**"
            f" | {percentile(settled, 0.9):.0f} | {min(settled):.0f} | {max(settled):.0f}"
            f" | {run_start:.0f} | {script_done:.0f} | ≤ {row.target_ms} | {met} |"
        )
    return "\n".join(lines)


def _first_line(path: str, prefix: str, default: str = "unknown") -> str:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return default
    return next(
        (line.split(prefix, 1)[1].strip(' :=\t"') for line in lines if line.startswith(prefix)),
        default,
    )


def machine(chromium_version: str) -> str:
    """The machine in one sentence: CPUs (as `nproc`), CPU model, memory, OS, and versions."""
    memory_kb = _first_line("/proc/meminfo", "MemTotal", "0 kB").split()[0]
    return (
        f"{len(os.sched_getaffinity(0))} CPUs (`nproc`), {_first_line('/proc/cpuinfo', 'model name')},"
        f" {int(memory_kb) / 2**20:.0f} GiB RAM, {_first_line('/etc/os-release', 'PRETTY_NAME')}"
        f" (Linux {platform.release()}); Python {platform.python_version()},"
        f" Streamlit {version('streamlit')}, Altair {version('altair')},"
        f" Playwright {version('playwright')}, Chromium {chromium_version} (headless)"
    )


def results_section(
    cold, warm, changes, command: str, runs: int, about: str, server: str, load: str
) -> str:
    """The generated part of docs/benchmarks.md: when, how, on what, and the three tables."""
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return "\n\n".join(
        [
            MARK_START,
            "## Results",
            f"Measured {when} with `{command}`: {runs} runs per measurement after one unmeasured"
            f" warm-up. {server} Times in ms from the start (navigation start, the Enter key, the"
            " click) to the settled view: median (bold, compared with the target), p90, min, max;"
            " then the medians of the times at which the browser saw the script run start and"
            " finish (stApp's `data-test-script-state`). Charts: the Vega-Lite charts the view draws.",
            f"Machine: {about}. {load}",
            "### Page loads, cold session (a fresh browser context per load)",
            table(cold),
            "### Page loads, warm (a second `goto` in the same browser context)",
            table(warm),
            "### Filter changes (from the Enter key or the click to the settled view)",
            table(changes),
            MARK_END,
        ]
    )


def write_results(path: Path, section: str) -> None:
    """Replace the generated section of `path` (or append it; or create the file around it)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if MARK_START in text and MARK_END in text:
        before, rest = text.split(MARK_START, 1)
        after = rest.split(MARK_END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def cpu_busy(seconds: float = 2.0) -> float:
    """How busy all CPUs were over a short sample, in % (from /proc/stat; 0 when unreadable)."""

    def sample() -> tuple[int, int]:
        try:
            ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        except (OSError, ValueError):
            return 0, 0
        return sum(ticks), ticks[3] + ticks[4]  # all, idle + iowait

    total, idle = sample()
    time.sleep(seconds)
    total_after, idle_after = sample()
    spent = total_after - total
    return 100 * (1 - (idle_after - idle) / spent) if spent else 0.0


def _command(argv: list[str]) -> str:
    python = Path(sys.executable)
    shown = os.path.relpath(python, ROOT) if python.is_relative_to(ROOT) else str(python)
    return shlex.join([shown, "bench/page_timings.py", *argv])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=7, help="measured repetitions after one warm-up (default 7)"
    )
    parser.add_argument("--url", help="time the app already running at this URL instead")
    parser.add_argument(
        "--out", type=Path, help="rewrite the results section of this file, e.g. docs/benchmarks.md"
    )
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Debian chromium is missing at {CHROMIUM}: `apt-get install -y chromium`")
    views = expected_views()
    busy_before = cpu_busy()
    server = (
        f"The app ran at {args.url} (`--url`)."
        if args.url
        else "The script served the app itself (`streamlit run app.py`, bundled data) on the same machine as the browser."
    )
    with (
        nullcontext(args.url.rstrip("/")) if args.url else serve() as base_url,
        sync_playwright() as playwright,
    ):
        if not healthy(base_url):
            raise SystemExit(f"no Streamlit app answers at {base_url}/_stcore/health")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            cold, warm = page_rows(browser, base_url, views, args.runs)
            changes = interaction_rows(browser, base_url, views, args.runs)
            about = machine(browser.version)
        finally:
            browser.close()
    load = (
        f"CPUs busy in the 2 s before the run: {busy_before:.0f} % (other work on the machine"
        " slows both the app and the browser)."
    )
    section = results_section(cold, warm, changes, _command(argv), args.runs, about, server, load)
    print(section)
    if args.out:
        write_results(args.out, section)
        print(f"wrote the results section of {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
