"""Time TTX Bắc Giang under N simultaneous sessions, driven at the Streamlit protocol level (no
browsers: see bench/protocol.py), and watch the server's memory.

Not a test. It serves the app on a copy of the bundled data (or uses `--url`), warms every page of
the mix up once, then for each N (default 1, 10, 30, 60) starts N readers at once; each makes
`--visits` visits, and a visit is two page runs in one new session: opening a page (a page load)
then one filter change on it (the language, a district, a sector, a bar of a district ranking or
the map clicked). Reported per N: page-run latency (from the BackMsg sent to the run's
`script_finished`) p50, p95 and max, by kind and pooled; throughput (runs per second of wall
time); failures; and the server's resident memory (VmRSS of the `streamlit run` process and its
children) before and after. Then the data are updated (observations.parquet written again and
renamed over itself, as a publication does: a new data version, so every cache misses) and the
largest N runs again, `--updates` times: memory must stay flat across data versions.

    .venv/bin/python bench/concurrency.py --out docs/benchmarks.md
    .venv/bin/python bench/concurrency.py --quick        # N 1 and 10, few visits: about a minute
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import tempfile
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as `python bench/concurrency.py` from any directory

from common import code_version, copy_data, percentile, report, rss_mib, served, update_data  # noqa: E402
from page_timings import command_line, cpu_busy, machine  # noqa: E402
from protocol import (  # noqa: E402
    RunFailed,
    Session,
    selection_json,
    string_array_state,
    string_state,
)
from websockets.exceptions import WebSocketException  # noqa: E402

from ttx_data import catalog  # noqa: E402
from ttx_data.filters import Filters, indicators_for  # noqa: E402
from ttx_data.i18n import t  # noqa: E402
from ttx_data.places import history  # noqa: E402

MARKS = (
    "<!-- bench:concurrency:start (written by bench/concurrency.py) -->",
    "<!-- bench:concurrency:end -->",
)
LANG = "vi"
P95_TARGET_MS = 3000


def _sector_with_indicators(group: str) -> str:
    """The first sector of the catalog that has indicators in `group` (its page is not empty)."""
    return next(s for s in catalog.SECTORS if indicators_for(Filters(sector=s), group))


def language(session: Session, _code: str):
    return string_array_state(session.widget("button_group", "-_widget_lang"), ["English"])


def district(session: Session, code: str):
    label = history.option_label(code, LANG)
    return string_array_state(session.widget("multiselect", f"-_widget_district_{LANG}"), [label])


def sector(session: Session, group: str):
    label = catalog.SECTORS[_sector_with_indicators(group)][0]
    return string_state(session.widget("selectbox", f"-_widget_sector_{LANG}"), label)


def bar(session: Session, code: str):
    chart = session.widget("vega_lite_chart", contains="-chart-rank-")
    return string_state(chart, selection_json({"pick": [{"district_code": code}]}))


def map_click(session: Session, code: str):
    deck = session.widget("deck_gl_json_chart")
    picked = {"indices": {"districts": [0]}, "objects": {"districts": [{"district_code": code}]}}
    return string_state(deck, selection_json(picked))


@dataclass(frozen=True)
class Visit:
    """A page opened (URL path and query; its title, to check the page shown), the filter change
    made on it, and what the URL's query string holds once the change has applied (the app
    mirrors its filters there)."""

    label: str
    title: str
    page: str
    query: str
    change: object  # (session, argument) -> WidgetState
    argument: str
    applied: str


RANKED = catalog.indicator("t09_urban_solid_waste_treated_share")
"""The indicator whose page is opened: followed by district, so its page has a ranking."""


def _group(group: str) -> str:
    return catalog.GROUPS[group][0]


VISITS = (
    Visit("overview, then English", t("overview.heading", LANG), "", f"lang={LANG}", language,
          "", "lang=en"),
    Visit("economy, then a district", _group("economy"), "economy", f"lang={LANG}", district,
          "219", "district=219"),
    Visit("lifestyle, then a district", _group("lifestyle"), "lifestyle", f"lang={LANG}",
          district, "220", "district=220"),
    Visit("an indicator's page, then a district's bar", f"{RANKED.label} · {RANKED.name(LANG)}", "indicator",
          f"id={RANKED.indicator_id}&lang={LANG}", bar, "221", "district=221"),
    Visit("transition, then a sector", _group("transition"), "transition", f"lang={LANG}", sector,
          "transition", f"sector={_sector_with_indicators('transition')}"),
    Visit("district profile, then another district", t("page.district_profile", LANG),
          "district_profile", f"district=219&lang={LANG}", district, "223", "district=223"),
    Visit("sites map, then a click on it", t("page.sites_map", LANG), "sites_map", f"lang={LANG}",
          map_click, "216", "district=216"),
    Visit("forest map, then a click on it", t("page.forest_map", LANG), "forest_map",
          f"lang={LANG}", map_click, "215", "district=215"),
)  # fmt: skip
"""The mix: the overview, the three group pages, an indicator's page, the district profile and
the two maps, each with the filter change a reader makes there."""


@dataclass
class Level:
    """One round: N readers at once; run times by kind ('open', 'change'), failures, wall time and
    the server's memory before and after (MiB)."""

    label: str
    readers: int
    visits: int
    ms: dict[str, list[float]] = field(default_factory=lambda: {"open": [], "change": []})
    failures: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    rss_before: float = float("nan")
    rss_after: float = float("nan")

    @property
    def runs(self) -> int:
        return sum(len(v) for v in self.ms.values())


async def visit(url: str, chosen: Visit, level: Level) -> None:
    """Open the page in a new session, then make the visit's filter change; times into `level`."""
    try:
        async with Session(url) as session:
            for kind, step in (
                ("open", lambda: session.open(chosen.page, chosen.query)),
                ("change", lambda: session.change(chosen.change(session, chosen.argument))),
            ):
                run = await step()
                if run.errors:
                    raise RunFailed(f"the page shows: {run.errors[0][:200]}")
                if kind == "open" and chosen.title not in run.titles:
                    raise RunFailed(f"another page opened: {run.titles}")
                if kind == "change" and chosen.applied not in session.query_string.split("&"):
                    raise RunFailed(f"the change did not apply: ?{session.query_string}")
                level.ms[kind].append(run.ms)
    except (RunFailed, OSError, WebSocketException) as failure:
        level.failures.append(f"{chosen.label}: {type(failure).__name__}: {failure}")


async def reader(url: str, number: int, level: Level) -> None:
    """One reader: `level.visits` visits, starting at a different page of the mix per reader."""
    for k in range(level.visits):
        await visit(url, VISITS[(number + k) % len(VISITS)], level)


async def run_level(url: str, level: Level) -> Level:
    started = time.perf_counter()
    await asyncio.gather(*(reader(url, i, level) for i in range(level.readers)))
    level.wall_s = time.perf_counter() - started
    return level


def measure(url: str, pid: int | None, level: Level) -> Level:
    level.rss_before = rss_mib(pid)
    asyncio.run(run_level(url, level))
    level.rss_after = rss_mib(pid)
    runs = level.ms["open"] + level.ms["change"]
    print(
        f"{level.label}: {level.runs} runs in {level.wall_s:.1f} s, p50"
        f" {percentile(runs, 0.5):.0f} ms, p95 {percentile(runs, 0.95):.0f} ms,"
        f" {len(level.failures)} failed; RSS {level.rss_before:.0f} -> {level.rss_after:.0f} MiB",
        file=sys.stderr,
        flush=True,
    )
    for failure in level.failures[:3]:
        print(f"  failed: {failure}", file=sys.stderr, flush=True)
    return level


def _cell(values: list[float], q: float) -> str:
    return f"{percentile(values, q):.0f}" if values else "–"


def table(levels: list[Level]) -> str:
    lines = [
        "| Round | Sessions | Runs | p50 | p95 | Max | Open p50 | Open p95 | Change p50"
        " | Change p95 | Runs/s | Failed | RSS before | RSS after | p95 ≤ 3 s |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for level in levels:
        pooled = level.ms["open"] + level.ms["change"]
        rate = level.runs / level.wall_s if level.wall_s else 0.0
        met = "–" if not pooled else "yes" if percentile(pooled, 0.95) <= P95_TARGET_MS else "no"
        lines.append(
            f"| {level.label} | {level.readers} | {level.runs} | **{_cell(pooled, 0.5)}**"
            f" | **{_cell(pooled, 0.95)}** | {f'{max(pooled):.0f}' if pooled else '–'}"
            f" | {_cell(level.ms['open'], 0.5)} | {_cell(level.ms['open'], 0.95)}"
            f" | {_cell(level.ms['change'], 0.5)} | {_cell(level.ms['change'], 0.95)}"
            f" | {rate:.1f} | {len(level.failures) or ''} | {level.rss_before:.0f}"
            f" | {level.rss_after:.0f} | {met} |"
        )
    return "\n".join(lines)


def results_section(levels, memory, command, server, about, load, visits) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    mix = "; ".join(v.label for v in VISITS)
    failed = [f"- {level.label}: {level.failures[0]}" for level in levels if level.failures]
    start, warm, last = memory["start"], memory["warm"], levels[-1].rss_after
    flat = (
        f"Server memory: {start:.0f} MiB when started, {warm:.0f} MiB after the warm-up,"
        f" {last:.0f} MiB after the last round ({last - warm:+.0f} MiB since the warm-up)."
    )
    return "\n\n".join(
        [
            MARKS[0],
            "### Results: simultaneous sessions",
            f"Measured {when} on {code_version()} with `{command}`. {server} Each session makes"
            f" {visits} visit{'s' if visits != 1 else ''}; a visit opens a page in a new session (a page run) and makes one"
            f" filter change on it (a second run). The mix, each reader starting at a different"
            f" page: {mix}. Times in ms from the BackMsg sent to the run's `script_finished`"
            " (a rerun the page asks for with `st.rerun` included): p50 and p95"
            " pooled, then by kind (*open*: the first run of a new session; *change*: the filter"
            " change). Runs/s: runs finished per second of the round's wall time. RSS: VmRSS of"
            " the `streamlit run` process and its children, MiB, read just before and after the"
            " round (Streamlit keeps a closed session's state for"
            " `server.disconnectedSessionTTL`, 120 s). *After a data update*: observations.parquet"
            " written again and renamed over itself first (a new data version: every cache"
            " misses once).",
            f"Machine: {about}. {load}",
            table(levels),
            flat,
            *(["Failures (first of each round):\n\n" + "\n".join(failed)] if failed else []),
            MARKS[1],
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sessions", type=int, nargs="+", default=[1, 10, 30, 60], help="N per round"
    )
    parser.add_argument("--visits", type=int, default=3, help="visits per session (default 3)")
    parser.add_argument(
        "--updates", type=int, default=2, help="rounds after a data update (default 2)"
    )
    parser.add_argument("--quick", action="store_true", help="N 1 and 10, 1 visit, 1 update")
    parser.add_argument("--url", help="drive the app already running at this URL instead")
    parser.add_argument("--pid", type=int, help="with --url: its server's process id (memory)")
    parser.add_argument(
        "--out", default="", help="rewrite the concurrency section of this file (e.g. docs/benchmarks.md)"
    )  # fmt: skip
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(argv)
    if args.quick:
        args.sessions, args.visits, args.updates = [1, 10], 1, 1
    if args.url and args.updates:
        print("--url: the data cannot be updated from here; no update rounds", file=sys.stderr)
        args.updates = 0
    busy = cpu_busy()
    with tempfile.TemporaryDirectory(prefix="ttx-bench-concurrency-") as tmp:
        data = copy_data(Path(tmp) / "data")
        with nullcontext(None) if args.url else served(data=data) as server:
            url, pid = (args.url.rstrip("/"), args.pid) if args.url else (server.url, server.pid)
            memory = {"start": rss_mib(pid)}
            warm_up = measure(url, pid, Level("warm-up (not counted)", 1, len(VISITS)))
            memory["warm"] = warm_up.rss_after
            levels = [
                measure(url, pid, Level(f"{n} at once", n, args.visits)) for n in args.sessions
            ]
            for number in range(1, args.updates + 1):
                update_data(data)
                most = max(args.sessions)
                levels.append(
                    measure(url, pid, Level(f"{most} at once, after data update {number}", most, args.visits))
                )  # fmt: skip
    server_text = (
        f"The app ran at {args.url} (`--url`)."
        if args.url
        else "The script served the app itself (`streamlit run app.py` on a copy of the bundled"
        " data, basemap off) and drove it from the same machine (one Python process, asyncio)."
    )
    load = f"CPUs busy in the 2 s before the run: {busy:.0f} %."
    command = command_line("bench/concurrency.py", argv)
    about = machine(f"websockets {__import__('websockets').__version__}")
    section = results_section(levels, memory, command, server_text, about, load, args.visits)
    report(section, args.out, MARKS, "concurrency")


if __name__ == "__main__":
    main()
