"""Time TTX Bắc Giang in real chromium: page loads and filter changes until the view has settled,
beside two anchors measured in the same run: Streamlit's floor (a page with only a title) and the
naive peer (15 Altair charts, each its own `st.altair_chart`; also as one static HTML page).

Not a test: it serves the app on the bundled data (or uses `--url`) and the anchors, basemap off,
repeats every measurement `--runs` times after one unmeasured warm-up (the pages in turn, so a busy
moment of the machine falls on all of them), prints median, p90, min and max in ms, each page as a
multiple of the floor and of the naive page, and, with `--out`, rewrites the results section of
docs/benchmarks.md (which says what "settled" means). A view that does not settle is reported in
its row and the run goes on.

    .venv/bin/python bench/page_timings.py --runs 7 --out docs/benchmarks.md
    .venv/bin/python bench/page_timings.py --quick            # 1 run, one district: a few minutes
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
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from urllib.parse import parse_qs, urlparse

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as `python bench/page_timings.py` from any directory
ANCHORS = Path(__file__).resolve().parent / "anchors"
if str(ANCHORS) not in sys.path:
    sys.path.insert(0, str(ANCHORS))

from common import percentile, serve_folder, served, write_section  # noqa: E402
from fifteen import CHARTS as NAIVE_CHARTS  # noqa: E402
from fifteen import TITLE as NAIVE_TITLE  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from static_page import write_static_page  # noqa: E402

from ttx_data import catalog, geography, panels  # noqa: E402
from ttx_data.filters import Filters  # noqa: E402
from ttx_data.i18n import t  # noqa: E402
from ttx_data.local_server import CHROMIUM, CHROMIUM_ARGS, SIDEBAR_PAGE_PATHS, healthy  # noqa: E402

__all__ = ["percentile"]  # brief_timing and reporting_timing import it from here

VIEWPORT = {"width": 1280, "height": 900}
QUIET_MS = 150
TIMEOUT_MS = 60_000
FLOOR_FACTOR = 1.5
FILTER_TARGET_MS = 300
DISTRICTS = ("219", "220", "223", "215", "216")
SECTOR = "agriculture"
MARK_START = "<!-- bench:results:start (written by bench/page_timings.py --out) -->"
MARK_END = "<!-- bench:results:end -->"
TITLE_ONLY = "Title only"  # the h1 of bench/anchors/title_only.py
FLOOR, NAIVE, STATIC = "anchor-title-only", "anchor-naive", "anchor-static"

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
    const streamlit = !!document.querySelector('[data-testid="stApp"]');
    for (const r of records) {
      const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (!node || (streamlit && !node.closest('[data-testid="stMain"]'))) continue;
      const fallback = node.closest('canvas') && !(r.type === 'attributes' && node.tagName === 'CANVAS');
      if (!fallback) { s.lastMain = now; break; }  // a canvas's children are never drawn
    }
    check(now);
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  addEventListener('keydown', (e) => { if (e.key === 'Enter') s.enterAt = performance.now(); }, true);
  addEventListener('pointerdown', () => { s.pointerAt = performance.now(); }, true);
})();
"""
"""Installed in every document before the page's own scripts: remembers when the view last
changed (stMain on a Streamlit page, the whole document on another page), ignoring the hidden
accessibility content data grids put inside their canvas; when a script run last started and
finished (stApp's data-test-script-state), when the running indicator went away, and when Enter or
a pointer was last pressed, all on the page's `performance.now()` clock (0 = navigation start)."""

ROOT_JS = """
  const app = document.querySelector('[data-testid="stApp"]');
  const main = view.streamlit ? document.querySelector('[data-testid="stMain"]') : document.body;
"""

STATE_JS = f"""
(view) => {{
  const s = window.__ttxBench;
  {ROOT_JS}
  const charts = main ? [...main.querySelectorAll('.vega-embed')] : [];
  return {{
    observer: !!s,
    scriptState: app ? app.getAttribute('data-test-script-state') : null,
    statusWidget: !!document.querySelector('[data-testid="stStatusWidget"]'),
    titles: main ? [...main.querySelectorAll('h1')].map((h) => h.textContent.trim()) : [],
    charts: charts.length,
    chartsDrawn: charts.filter((c) => c.querySelector('svg')).length,
    selectors: view.selectors.map(([css]) => main ? main.querySelectorAll(css).length : 0),
    text: !!main && main.textContent.includes(view.text),
    quietMs: s ? performance.now() - s.lastMain : 0,
  }};
}}
"""

SETTLED_JS = f"""
(view) => {{
  const s = window.__ttxBench;
  if (!s) return false;
  {ROOT_JS}
  if (view.streamlit) {{
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  }}
  if (!main) return false;
  const error = main.querySelector('[data-testid="stException"]');
  if (error) return {{error: error.textContent}};
  const start = view.start === 'navigation' ? 0 : s[view.start];
  if (view.streamlit && view.start !== 'navigation'
      && !((s.scriptDone > start && s.scriptDone >= s.runStart) || s.lastMain > start))
    return false;  // a filter change: a run has ended after it (one that was running when the
                   // click came goes on without a new start; one quicker than a frame never
                   // shows as running, but changes stMain), none running
  if (![...main.querySelectorAll('h1')].some((h) => h.textContent.includes(view.title))) return false;
  const charts = main.querySelectorAll('.vega-embed');
  if (charts.length !== view.charts) return false;
  for (const chart of charts) if (!chart.querySelector('svg')) return false;
  for (const [css, n] of view.selectors) if (main.querySelectorAll(css).length < n) return false;
  for (const img of main.querySelectorAll('img')) if (!img.complete || !img.naturalWidth) return false;
  if (view.text && !main.textContent.includes(view.text)) return false;
  const ratio = window.devicePixelRatio;
  const sized = view.sized ? [...main.querySelectorAll(view.sized)] : [];
  for (const c of sized) {{
    if (Math.abs(c.width - Math.round(c.clientWidth * ratio)) > 1) return false;
    if (Math.abs(c.height - Math.round(c.clientHeight * ratio)) > 1) return false;
    if (c.width !== sized[0].width || c.height !== sized[0].height) return false;
  }}
  const settled = Math.max(s.lastMain, s.scriptDone, s.statusGone);
  if (performance.now() - settled < view.quiet) return false;
  return {{
    settled: settled - start,
    runStart: view.streamlit ? s.runStart - start : null,
    scriptDone: view.streamlit ? s.scriptDone - start : null,
  }};
}}
"""
"""The one definition of "settled", for the app's pages and the anchors alike (see View)."""


@dataclass(frozen=True)
class View:
    """What a settled view must show in stMain (in the document, for a page that is not
    Streamlit's): an h1 with `title`, exactly `charts` drawn `.vega-embed` charts, at least n
    elements per (css, n) selector, every image in it decoded, `text` if given, and the canvases
    matching `sized` all of one size that matches their box (a map has fitted its deck.gl and basemap canvases to the map's
    box); on a Streamlit page, the script run finished (after the Enter key or click that started
    it, for a filter change) and the running indicator gone; then nothing changed for 150 ms."""

    title: str
    charts: int = 0
    selectors: tuple[tuple[str, int], ...] = ()
    text: str = ""
    sized: str = ""
    streamlit: bool = True


@dataclass(frozen=True)
class Sample:
    """One measurement, in ms from its start (navigation start, Enter or click): to the settled
    view, and to the start and the end of the script run as the browser learnt of them (None on
    a page that is not Streamlit's)."""

    settled_ms: float
    run_start_ms: float | None
    script_done_ms: float | None


class NotSettled(RuntimeError):
    """A view did not settle in time, or showed an exception: said in its row, not fatal."""


@dataclass
class Row:
    """One line of the results: what was timed, how many charts it draws, its target, samples,
    and the failures (views that did not settle) with the first one's reason."""

    name: str
    charts: int
    target_ms: float | None
    samples: list[Sample] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def median(self) -> float:
        return percentile([s.settled_ms for s in self.samples], 0.5)


@dataclass(frozen=True)
class Target:
    """A page to open: its server (`base`: 'app', 'floor', 'naive' or 'static'), path and view."""

    base: str
    path: str
    view: View


def indicator_charts(indicator_id: str, districts: tuple[str, ...] = ()) -> int:
    """Vega charts an indicator's page draws: its path to 2030 (or milestone timeline) and, for
    an indicator followed by district, the ranking; each one `ttx_data.panels` gives a spec."""
    filters = Filters(districts=districts)
    indicator = catalog.indicator(indicator_id)
    if indicator.is_milestone:
        shown = [panels.milestone_panel(indicator_id, filters.lang)]
    else:
        shown = [panels.series_panel(indicator_id, filters)]
        if indicator.by_district:
            shown.append(panels.ranking_panel(indicator_id, filters))
    return sum(panel.spec is not None for panel in shown)


def _chosen_text(districts: tuple[str, ...]) -> str:
    """What a view shows once districts are chosen: each one's line "Lục Ngạn:"."""
    names = geography.district_names("vi")
    return "".join(f"{names[code]}:" for code in districts)


DATAFRAME = ("[data-testid='stDataFrame'] [data-testid='data-grid-canvas']", 1)
DECK = "[data-testid='stDeckGlJsonChart'] canvas"


SHORT_TABLE = ("table.ttx-short", 1)


def map_view(title: str, table: tuple[str, int] = SHORT_TABLE) -> View:
    """A map page: the deck.gl canvas drawn and fitted (with the basemap off, the only canvas
    of the map), and its table drawn (an HTML table of a few rows, or a data grid)."""
    return View(title, selectors=((DECK, 1), table), sized=DECK)


MULTIPLES = (".ttx-multiples img", 1)
"""A group page's small multiples: a picture drawn on the server (ui/summary_html.py)."""


def group_view(group: str, districts: tuple[str, ...] = ()) -> View:
    """A group page: its summary table and its small multiples (a picture, decoded: see View)
    (with districts chosen, their lines in the table)."""
    return View(
        catalog.GROUPS[group][0],
        selectors=(("table.ttx-summary", 1), MULTIPLES),
        text=_chosen_text(districts),
    )


INDICATOR = "t05a_forest_cover"
"""The indicator page measured: followed by district, so it draws its chart and a ranking."""


def indicator_view(districts: tuple[str, ...] = ()) -> View:
    """An indicator's page: its title, chart and ranking (with districts, their status lines)."""
    return View(
        catalog.indicator(INDICATOR).name("vi"),
        charts=indicator_charts(INDICATOR, districts),
        text=_chosen_text(districts),
    )


def expected_views() -> dict[str, Target]:
    """Every measured view by name: its server, URL (path and query) and what it shows once
    settled; the anchors first."""
    views = {
        FLOOR: Target("floor", "/", View(TITLE_ONLY)),
        NAIVE: Target("naive", "/", View(NAIVE_TITLE, charts=NAIVE_CHARTS)),
        STATIC: Target(
            "static",
            "/static_15_charts.html",
            View(NAIVE_TITLE, charts=NAIVE_CHARTS, streamlit=False),
        ),
        "overview": Target(
            "app", "/?lang=vi", View(t("overview.heading", "vi"), selectors=(("table.ttx-scorecard", 3),))
        ),
    }  # fmt: skip
    for group in catalog.GROUPS:
        views[group] = Target("app", f"/{group}?lang=vi", group_view(group))
    views["indicator"] = Target("app", f"/indicator?id={INDICATOR}&lang=vi", indicator_view())
    views["tasks"] = Target(
        "app", "/tasks?lang=vi", View(t("page.tasks", "vi"), selectors=(DATAFRAME,))
    )
    views["agency"] = Target(
        "app", "/agency?lang=vi", View(t("page.agency", "vi"), text=t("agency.pick_first", "vi"))
    )
    views["target"] = Target(
        "app", "/target?lang=vi", View(t("page.target", "vi"), selectors=(("table.ttx-tasks", 3),))
    )
    views["district_profile"] = Target(
        "app",
        "/district_profile?lang=vi",
        View(t("page.district_profile", "vi"), text=t("profile.pick_first", "vi")),
    )
    for name in ("sites_map", "forest_map"):
        views[name] = Target("app", f"/{name}?lang=vi", map_view(t(f"page.{name}", "vi")))
    views["communes"] = Target(
        "app", "/communes?lang=vi", map_view(t("page.communes", "vi"), DATAFRAME)
    )
    views["indicator_catalog"] = Target(
        "app", "/indicator_catalog?lang=vi", View(t("page.catalog", "vi"), selectors=(DATAFRAME,))
    )
    views["methodology"] = Target("app", "/methodology?lang=vi", View(t("page.methodology", "vi")))
    views["about"] = Target(  # its sources: a plain HTML table since 2026-11-29 evening
        "app",
        "/about?lang=vi",
        View(t("page.about", "vi"), selectors=(("table.ttx-sources-cited", 1),)),
    )
    for code in DISTRICTS:
        views[f"economy-{code}"] = Target(
            "app", f"/economy?district={code}&lang=vi", group_view("economy", (code,))
        )
    views["economy-sector"] = Target(
        "app", f"/economy?sector={SECTOR}&lang=vi", group_view("economy")
    )
    views["overview-en"] = Target(
        "app",
        "/?lang=en",
        View(t("overview.heading", "en"), selectors=(("table.ttx-scorecard", 3),)),
    )
    return views


def wait_settled(page, view: View, start: str) -> Sample:
    """Wait until `view` has settled; `start` is 'navigation', 'enterAt' or 'pointerAt'.
    NotSettled when it does not within TIMEOUT_MS or shows an exception."""
    spec = {
        "title": view.title,
        "charts": view.charts,
        "selectors": [list(s) for s in view.selectors],
        "text": view.text,
        "sized": view.sized,
        "streamlit": view.streamlit,
        "quiet": QUIET_MS,
        "start": start,
    }
    try:
        handle = page.wait_for_function(SETTLED_JS, arg=spec, polling=50, timeout=TIMEOUT_MS)
    except PlaywrightTimeoutError as error:
        try:
            state = page.evaluate(STATE_JS, spec)
        except PlaywrightError as failure:
            state = f"(state unreadable: {failure})"
        raise NotSettled(
            f"{page.url} did not settle within {TIMEOUT_MS} ms: expected {spec}, found {state}"
        ) from error
    result = handle.json_value()
    if "error" in result:
        raise NotSettled(f"{page.url} shows an exception: {result['error']}")
    return Sample(result["settled"], result["runStart"], result["scriptDone"])


def load(page, bases: dict[str, str], target: Target) -> Sample:
    """Open a URL and time navigation start to settled view."""
    page.goto(bases[target.base] + target.path)
    return wait_settled(page, target.view, "navigation")


def cold_and_warm_load(browser, bases: dict[str, str], target: Target) -> tuple[Sample, Sample]:
    """A load in a fresh browser context (cold session), then a second goto in it (warm)."""
    context = new_context(browser)
    try:
        page = context.new_page()
        return load(page, bases, target), load(page, bases, target)
    finally:
        context.close()


def _pick_option(page, box, typed: str, option: str) -> None:
    """In a select widget's text box `box`, type `typed` (over what it shows), wait until `option`
    is the only option offered, press Enter."""
    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(typed)
    page.get_by_role("option", name=option).wait_for()
    if page.get_by_role("option").count() != 1:
        raise NotSettled(f"typing {typed!r} left several options to choose from")
    page.keyboard.press("Enter")


def _sidebar_box(page, label_key: str):
    """The text box of the sidebar's select widget labelled t(label_key)."""
    return page.locator("[data-testid='stSidebar']").get_by_role(
        "combobox", name=t(label_key, "vi")
    )


def choose_district(page, bases, views, code: str) -> Sample:
    """On the economy page opened without a district, pick one in the sidebar; time from Enter."""
    load(page, bases, views["economy"])
    name = geography.district_names("vi")[code]
    _pick_option(page, _sidebar_box(page, "filter.district"), name, f"{name} ({code})")
    return wait_settled(page, views[f"economy-{code}"].view, "enterAt")


def choose_sector(page, bases, views) -> Sample:
    """On the economy page, pick a sector in the sidebar; time from Enter."""
    load(page, bases, views["economy"])
    label = catalog.SECTORS[SECTOR][0]
    _pick_option(page, _sidebar_box(page, "filter.sector"), label, label)
    return wait_settled(page, views["economy-sector"].view, "enterAt")


SIDEBAR_TITLE = "Title and sidebar"  # the h1 of bench/anchors/sidebar_filters.py


def anchor_district(page, bases) -> Sample:
    """On the sidebar anchor, pick Lục Ngạn (219) in its district multiselect; time from Enter."""
    page.goto(bases["sidebar"])
    wait_settled(page, View(SIDEBAR_TITLE, text="Language: vi"), "navigation")
    name = geography.district_names("vi")["219"]
    box = page.locator("[data-testid='stSidebar']").get_by_role("combobox", name="Huyện, thành phố")
    _pick_option(page, box, name, f"{name} (219)")
    return wait_settled(page, View(SIDEBAR_TITLE, text=_chosen_text(("219",))), "enterAt")


def anchor_language(page, bases) -> Sample:
    """On the sidebar anchor, click 'English'; time from the click."""
    page.goto(bases["sidebar"])
    wait_settled(page, View(SIDEBAR_TITLE, text="Language: vi"), "navigation")
    page.locator("[data-testid='stSidebar']").get_by_role("radio", name="English").click()
    return wait_settled(page, View(SIDEBAR_TITLE, text="Language: en"), "pointerAt")


def switch_language(page, bases, views) -> Sample:
    """On the overview opened in Vietnamese, click 'English' in the sidebar; time from the click."""
    load(page, bases, views["overview"])
    page.locator("[data-testid='stSidebar']").get_by_role("radio", name="English").click()
    return wait_settled(page, views["overview-en"].view, "pointerAt")


def _district_in_url(page, clicks: Callable[[], None]) -> str:
    """Click (up to three times: a map may draw before it can be picked) until the URL names a
    district; that district's code."""
    for attempt in range(3):
        clicks()
        try:
            page.wait_for_url(lambda url: "district=" in url, timeout=10_000)
            break
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise NotSettled(f"three clicks on {page.url} chose no district") from None
    return parse_qs(urlparse(page.url).query)["district"][0].split(",")[0]


def click_bar(page, bases, views) -> Sample:
    """On an indicator's page, click the first bar of its district ranking; time from the click
    to the page settled for that district."""
    load(page, bases, views["indicator"])
    chart = page.locator("[data-testid='stMain'] .vega-embed").nth(1)  # the ranking
    chart.scroll_into_view_if_needed()
    bar = chart.locator("g.mark-rect path").first  # Vega draws SVG: one path per bar
    code = _district_in_url(page, bar.click)
    return wait_settled(page, indicator_view((code,)), "pointerAt")


def click_map(page, bases, views) -> Sample:
    """On the forest map, click the middle of the map (a district); time from the click to the
    page settled for that district."""
    load(page, bases, views["forest_map"])
    box = page.locator("[data-testid='stDeckGlJsonChart']").first.bounding_box()
    _district_in_url(
        page, lambda: page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    )
    return wait_settled(page, views["forest_map"].view, "pointerAt")


def new_context(browser):
    """A browser context of its own (no cache, cookies or storage shared) with the observer."""
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN")
    context.add_init_script(OBSERVER_JS)
    return context


ANCHOR_PAGES = (FLOOR, NAIVE, STATIC)
PAGES = (
    *ANCHOR_PAGES,
    "overview",
    *(path for path in SIDEBAR_PAGE_PATHS if path not in ("", "snapshots")),
    "indicator",
    "economy-219",
)
"""The pages loaded, the anchors first; `--pages` times the anchors and some of the others."""


def _measure(take: Callable[[], tuple[Sample, ...]], rows: tuple[Row, ...], when: str) -> None:
    """One call of `take`; its samples go to `rows` in order, or its failure to each; a line
    on stderr either way."""
    try:
        taken = take()
    except (NotSettled, PlaywrightError) as failure:
        for each in rows:
            each.failures.append(str(failure).splitlines()[0][:1500])
        print(f"{when} {rows[0].name}: FAILED {failure}", file=sys.stderr, flush=True)
        return
    for each, sample in zip(rows, taken, strict=True):
        each.samples.append(sample)
    shown = " / ".join(f"{sample.settled_ms:.0f}" for sample in taken)
    print(f"{when} {rows[0].name}: {shown} ms", file=sys.stderr, flush=True)


def interleaved(measurements: list[tuple[tuple[Row, ...], Callable]], runs: int) -> None:
    """One unmeasured warm-up of every measurement (it fills Streamlit's caches), then `runs`
    rounds in which each measurement is taken once, in turn."""
    for rows, take in measurements:
        _measure(take, tuple(Row(r.name, r.charts, None) for r in rows), "warm-up")
    for number in range(1, runs + 1):
        for rows, take in measurements:
            _measure(take, rows, f"run {number}/{runs}")


def _label(name: str, target: Target) -> str:
    anchors = {
        FLOOR: "Anchor: title only (Streamlit's floor)",
        NAIVE: "Anchor: naive 15 charts (Streamlit)",
        STATIC: "Anchor: 15 charts, one static HTML page",
    }
    return anchors.get(name, f"`{target.path}`")


def page_rows(
    browser, bases, views, runs: int, pages: tuple[str, ...] = PAGES
) -> tuple[list[Row], list[Row]]:
    """Cold and warm loads of `pages` (the anchors first; by default every page and economy with
    a district): (cold rows, warm rows); targets set from the floor afterwards
    (`set_floor_targets`)."""
    measurements = []
    for name in pages:
        target = views[name]
        label = _label(name, target)
        rows = (Row(label, target.view.charts, None), Row(label, target.view.charts, None))
        measurements.append(
            (rows, lambda target=target: cold_and_warm_load(browser, bases, target))
        )
    interleaved(measurements, runs)
    return [rows[0] for rows, _ in measurements], [rows[1] for rows, _ in measurements]


def set_floor_targets(rows: list[Row]) -> None:
    """Every page's target: FLOOR_FACTOR × the floor's median in the same run (the first row)."""
    floor = rows[0].median if rows and rows[0].samples else float("nan")
    for row in rows[1:]:
        row.target_ms = FLOOR_FACTOR * floor


def interaction_rows(
    browser, bases, views, runs: int, districts: tuple[str, ...], pages: tuple[str, ...] = PAGES
) -> list[Row]:
    """A district chosen and the language switched on the sidebar anchor (always); then each
    district chosen on the economy page, all of them pooled, a sector chosen, a bar clicked, the
    map clicked and the language switched: those made on `pages`."""
    context = new_context(browser)
    try:
        page = context.new_page()
        names = geography.district_names("vi")
        charts = views["economy-219"].view.charts
        measurements = []  # the anchor's first: Streamlit's own cost of a filter change
        for label, change in (
            ("Anchor: title and the sidebar's widgets: choose Lục Ngạn (219)", anchor_district),
            ("Anchor: title and the sidebar's widgets: switch to English", anchor_language),
        ):
            row = Row(label, 0, None)
            measurements.append(((row,), lambda change=change: (change(page, bases),)))
        chosen = []
        for code in districts if "economy" in pages else ():
            row = Row(f"Economy: choose {names[code]} ({code})", charts, FILTER_TARGET_MS)
            chosen.append(row)
            measurements.append(
                ((row,), lambda code=code: (choose_district(page, bases, views, code),))
            )
        sector = catalog.SECTORS[SECTOR][0]
        others = [
            (f"Economy: choose the sector {sector}", "economy", "economy-sector", choose_sector),
            ("Indicator page: click a district's bar", "indicator", "indicator", click_bar),
            ("Forest map: click a district", "forest_map", "forest_map", click_map),
            ("Overview: switch to English", "overview", "overview-en", switch_language),
        ]
        for label, on, view, change in others:
            if on not in pages:
                continue
            row = Row(label, views[view].view.charts, FILTER_TARGET_MS)
            measurements.append(((row,), lambda change=change: (change(page, bases, views),)))
        interleaved(measurements, runs)
        rows = [rows[0] for rows, _ in measurements]
        if len(chosen) > 1:
            pooled = Row(
                f"Economy: choose a district, {len(chosen)} pooled", charts, FILTER_TARGET_MS
            )
            for row in chosen:
                pooled.samples += row.samples
                pooled.failures += row.failures
            rows.insert(rows.index(chosen[-1]) + 1, pooled)
        return rows
    finally:
        context.close()


def _ms(value: float | None) -> str:
    return "–" if value is None or value != value else f"{value:.0f}"


def table(rows: list[Row], floor: Row | None = None, naive: Row | None = None) -> str:
    """A Markdown table: median, p90, min and max to settled; with anchors, the median as a
    multiple of the floor's and of the naive page's; medians to the script run's start and end;
    the target for the median and whether it is met; failures."""
    multiples = floor is not None and naive is not None
    head = "| Measurement | Charts | Runs | Median | p90 | Min | Max |"
    rule = "|---|--:|--:|--:|--:|--:|--:|"
    if multiples:
        head, rule = head + " × floor | × naive |", rule + "--:|--:|"
    lines = [
        head + " Run started | Script done | Target | Met | Failed |",
        rule + "--:|--:|--:|---|--:|",
    ]
    for row in rows:
        settled = [s.settled_ms for s in row.samples]
        if not settled:
            cells = "| – | – | – | – |"
        else:
            cells = (
                f"| **{row.median:.0f}** | {percentile(settled, 0.9):.0f} | {min(settled):.0f}"
                f" | {max(settled):.0f} |"
            )
        if multiples:
            cells += "".join(
                f" {row.median / anchor.median:.2f} |" if settled and anchor.samples else " – |"
                for anchor in (floor, naive)
            )
        started = [s.run_start_ms for s in row.samples if s.run_start_ms is not None]
        done = [s.script_done_ms for s in row.samples if s.script_done_ms is not None]
        if row.target_ms is None or row.target_ms != row.target_ms:
            target, met = "–", "–"
        else:
            target = f"≤ {row.target_ms:.0f}"
            met = (
                "–"
                if not settled
                else "yes"
                if row.median <= row.target_ms
                else f"no (+{row.median - row.target_ms:.0f})"
            )
        lines.append(
            f"| {row.name} | {row.charts} | {len(settled)} {cells}"
            f" {_ms(percentile(started, 0.5)) if started else '–'}"
            f" | {_ms(percentile(done, 0.5)) if done else '–'} | {target} | {met}"
            f" | {len(row.failures) or ''} |"
        )
    return "\n".join(lines)


def failures_text(rows: list[Row]) -> str:
    """The first failure of each row that had some (empty when none failed)."""
    failed = [f"- {row.name}: {row.failures[0]}" for row in rows if row.failures]
    return (
        "Views that did not settle (first reason each):\n\n" + "\n".join(failed) if failed else ""
    )


def _first_line(path: str, prefix: str, default: str = "unknown") -> str:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return default
    return next(
        (line.split(prefix, 1)[1].strip(' :=\t"') for line in lines if line.startswith(prefix)),
        default,
    )


def machine(versions: str) -> str:
    """The machine in one sentence: CPUs (as `nproc`), CPU model, memory, OS, and `versions`."""
    memory_kb = _first_line("/proc/meminfo", "MemTotal", "0 kB").split()[0]
    return (
        f"{len(os.sched_getaffinity(0))} CPUs (`nproc`), {_first_line('/proc/cpuinfo', 'model name')},"
        f" {int(memory_kb) / 2**20:.0f} GiB RAM, {_first_line('/etc/os-release', 'PRETTY_NAME')}"
        f" (Linux {platform.release()}); Python {platform.python_version()},"
        f" Streamlit {version('streamlit')}, {versions}"
    )


def browser_versions(chromium_version: str) -> str:
    return (
        f"Altair {version('altair')}, Playwright {version('playwright')},"
        f" Chromium {chromium_version} (headless)"
    )


def results_section(
    cold, warm, changes, command: str, runs: int, about: str, server: str, load: str
) -> str:
    """The generated part of docs/benchmarks.md: when, how, on what, and the three tables."""
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        MARK_START,
        "## Results",
        f"Measured {when} with `{command}`: {runs} runs per measurement after one unmeasured"
        f" warm-up, the measurements taken in turn. {server} Times in ms from the start"
        " (navigation start, the Enter key, the click) to the settled view: median (bold), p90,"
        " min, max; *× floor* and *× naive*: the median over the title-only page's and over the"
        " naive 15-chart page's, measured in the same run; then the medians of the times at"
        " which the browser saw the script run start and finish (stApp's"
        " `data-test-script-state`). Targets: a page's median within"
        f" {FLOOR_FACTOR}× the floor's (cold with cold, warm with warm), a filter change's"
        f" within {FILTER_TARGET_MS} ms. Charts: the Vega-Lite charts the view draws.",
        f"Machine: {about}. {load}",
        "### Page loads, cold session (a fresh browser context per load)",
        table(cold, cold[0], cold[1]),
        "### Page loads, warm (a second `goto` in the same browser context)",
        table(warm, warm[0], warm[1]),
        "### Filter changes (from the Enter key or the click to the settled view)",
        table(changes),
    ]
    failed = failures_text(cold + warm + changes)
    return "\n\n".join([*parts, *([failed] if failed else []), MARK_END])


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


def command_line(script: str, argv: list[str]) -> str:
    """How a bench script was run, the interpreter shown relative to the project."""
    python = Path(sys.executable)
    shown = os.path.relpath(python, ROOT) if python.is_relative_to(ROOT) else str(python)
    return shlex.join([shown, script, *argv])


@contextmanager
def servers(url: str | None) -> Iterator[dict[str, str]]:
    """The app (or the one at `url`), the two anchors and the static page, all served until the
    block ends: their base URLs by name."""
    with ExitStack() as stack:
        bases = {"app": url.rstrip("/")} if url else {"app": stack.enter_context(served()).url}
        bases["floor"] = stack.enter_context(served("bench/anchors/title_only.py")).url
        bases["naive"] = stack.enter_context(served("bench/anchors/naive_15_charts.py")).url
        bases["sidebar"] = stack.enter_context(served("bench/anchors/sidebar_filters.py")).url
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ttx-bench-static-")))
        write_static_page(folder)
        bases["static"] = stack.enter_context(serve_folder(folder))
        yield bases


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=7, help="measured repetitions after one warm-up (default 7)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="1 run and one district: checks the tool (minutes)"
    )
    parser.add_argument(
        "--pages",
        nargs="+",
        choices=PAGES[len(ANCHOR_PAGES) :],
        metavar="PAGE",
        help="time only these pages (beside the anchors) and the filter changes made on them,"
        f" e.g. --pages sites_map forest_map communes; one of: {', '.join(PAGES[len(ANCHOR_PAGES) :])}",
    )
    parser.add_argument("--url", help="time the app already running at this URL instead")
    parser.add_argument(
        "--out", type=Path, help="rewrite the results section of this file, e.g. docs/benchmarks.md"
    )
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    if runs < 1:
        parser.error("--runs must be at least 1")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Debian chromium is missing at {CHROMIUM}: `apt-get install -y chromium`")
    views = expected_views()
    busy_before = cpu_busy()
    server = (
        f"The app ran at {args.url} (`--url`); the script served the anchors itself."
        if args.url
        else "The script served the app (`streamlit run app.py`, bundled data) and the anchors"
        " itself, basemap off (`TTX_BASEMAP=off`), on the same machine as the browser."
    )
    with servers(args.url) as bases, sync_playwright() as playwright:
        if not healthy(bases["app"]):
            raise SystemExit(f"no Streamlit app answers at {bases['app']}/_stcore/health")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            pages = (*ANCHOR_PAGES, *args.pages) if args.pages else PAGES
            cold, warm = page_rows(browser, bases, views, runs, pages)
            districts = DISTRICTS[:1] if args.quick else DISTRICTS
            changes = interaction_rows(browser, bases, views, runs, districts, pages)
            about = machine(browser_versions(browser.version))
        finally:
            browser.close()
    set_floor_targets(cold)
    set_floor_targets(warm)
    load = (
        f"CPUs busy in the 2 s before the run: {busy_before:.0f} % (other work on the machine"
        " slows both the app and the browser)."
    )
    command = command_line("bench/page_timings.py", argv)
    section = results_section(cold, warm, changes, command, runs, about, server, load)
    print(section)
    if args.out:
        write_section(args.out, section, (MARK_START, MARK_END))
        print(f"wrote the results section of {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
