"""Time TTX Bắc Giang on synthetic data 10× and 100× the bundled data (any factors): the app's
queries, the DuckDB connection every new data version builds, and page runs, and how they grow.

Not a test. For each factor k it writes a data folder in a temporary directory with the bundled
files' schema, in which every dataset that grows with what is collected has k times the rows:

- observations: the bundled rows, plus k−1 copies of them under indicator ids the catalog does not
  have (`t05a_forest_cover__s00001`, ...): series the province's store keeps beside the plan's,
  for the same province, districts and years. Every query scans them (filtering by indicator, area
  level, year or the join with the catalog), the ones that read every indicator (the scorecard's
  `province_observations`, `latest_province_values`, `sources_cited`) return them, and the pages
  show exactly what they show on the bundled data, so their times differ by the data's cost alone.
- commune_observations: the bundled rows plus k−1 copies under commune-level unit codes that are
  not in the units register (`07210x00001`): what the DuckDB connection reads for its roll-up years
  whenever the data change.
- site_status: the bundled rows plus k−1 copies under site ids that are not in `sites` (the joins
  drop them).
- sites, forest and milestones keep the bundled rows: one row per site, per district and year, per
  step; more of them would be another province (other sites, districts, maps), not more data.

Files are sorted by their key and written in one go, as a publication writes them. Then it times,
in this process, the DuckDB connection (made again when the data change) and every
`queries/*.sql` with typical parameters; serves the app on the folder and times page runs at the
protocol level (bench/protocol.py) cold (the first run after a data update: every cache misses, the
connection is made again) and warm (a new session, caches filled), with the server's memory; and
optionally page loads in chromium (bench/page_timings.py's definition of settled).

    .venv/bin/python bench/scale.py --out docs/benchmarks.md          # factors 1, 10, 100
    .venv/bin/python bench/scale.py --factors 1 10 100 10000           # up to ~9.3 million rows
    .venv/bin/python bench/scale.py --quick                            # 1 and 10, few runs
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import math
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as `python bench/scale.py` from any directory

from common import (  # noqa: E402
    code_version,
    copy_data,
    percentile,
    report,
    rss_mib,
    served,
    update_data,
)
from page_timings import command_line, cpu_busy, machine  # noqa: E402
from protocol import RunFailed, Session  # noqa: E402
from websockets.exceptions import WebSocketException  # noqa: E402

from ttx_data import datasets, query  # noqa: E402
from ttx_data.filters import FIRST_YEAR, LAST_YEAR  # noqa: E402
from ttx_data.published_versions import GRACE_ENV  # noqa: E402

MARKS = (
    "<!-- bench:scale:start (written by bench/scale.py) -->",
    "<!-- bench:scale:end -->",
)
GROWN = {
    datasets.OBSERVATIONS.name: "indicator_id",
    datasets.COMMUNE_OBSERVATIONS.name: "unit_code",
    datasets.SITE_STATUS.name: "site_id",
}
"""The datasets that grow, and the column whose values the copies change."""

PARAMETERS = {
    "district_code": "219",
    "indicator_id": "t05a_forest_cover",
    "area_codes": ["219"],
    "first_year": FIRST_YEAR,
    "last_year": LAST_YEAR,
    "year": 2025,
    "group": "economy",
}
"""Typical values of the queries' parameters: Lục Ngạn, forest cover (by district), the years a
reader sees by default, the economy group."""

PAGES = (
    ("overview", "", "lang=vi"),
    ("economy", "economy", "lang=vi"),
    ("indicator t05a", "indicator", "id=t05a_forest_cover&lang=vi"),
    ("district profile 219", "district_profile", "district=219&lang=vi"),
    ("forest map", "forest_map", "lang=vi"),
    ("about", "about", "lang=vi"),
)
"""Pages run at the protocol level: the scorecard, a group page's summary, an indicator's page, a
district's profile (ranks over every district row), a map, and the sources cited (reads every
row)."""

BROWSER_PAGES = ("overview", "economy")
LIMIT_FACTOR = 1.5


def _dictionary_columns(table: pa.Table) -> pa.Table:
    """String columns dictionary-encoded: copies then share their strings."""
    columns = {}
    for name in table.column_names:
        column = table.column(name).combine_chunks()
        columns[name] = column.dictionary_encode() if pa.types.is_string(column.type) else column
    return pa.table(columns)


def _ranks(values: list[str]) -> np.ndarray:
    """Each value's position in sorted order."""
    ranks = np.empty(len(values), np.int64)
    ranks[np.argsort(np.array(values, dtype=object), kind="stable")] = np.arange(len(values))
    return ranks


def grown(table: pa.Table, column: str, factor: int, key: tuple[str, ...]) -> pa.Table:
    """`table` and factor−1 copies of it whose `column` values get a suffix `__s00001`, ..., (or
    `x00001`, ... for codes), sorted by `key`; strings dictionary-encoded (little memory)."""
    base = _dictionary_columns(table)
    n = base.num_rows
    rows = np.tile(np.arange(n), factor)
    copies = np.repeat(np.arange(factor), n)
    changed = base.column(column).combine_chunks()
    names = changed.dictionary.to_pylist()
    joint = "x" if column.endswith("code") else "__s"
    values = [name if c == 0 else f"{name}{joint}{c:05d}" for c in range(factor) for name in names]
    indices = copies * len(names) + changed.indices.to_numpy()[rows]
    big = base.take(pa.array(rows))
    big = big.set_column(
        big.column_names.index(column),
        column,
        pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), pa.array(values)),
    )
    sort_keys = []
    for name in reversed(key):  # np.lexsort: the last key is the primary one
        if name == column:
            sort_keys.append(_ranks(values)[indices])
        elif pa.types.is_dictionary(big.column(name).type):
            part = big.column(name).combine_chunks()
            sort_keys.append(_ranks(part.dictionary.to_pylist())[part.indices.to_numpy()])
        else:
            sort_keys.append(big.column(name).to_numpy())
    return big.take(pa.array(np.lexsort(sort_keys)))


def write_scaled(target: Path, factor: int) -> dict[str, int]:
    """A data folder `factor` times the bundled one (see the module's docstring); rows per
    dataset."""
    copy_data(target)
    counts = {}
    for dataset in datasets.ALL:
        path = target / dataset.file
        if dataset.name in GROWN and factor > 1:
            table = grown(pq.read_table(path), GROWN[dataset.name], factor, dataset.key)
            # without the Arrow schema, the dictionary-encoded strings read back as strings
            pq.write_table(table, path, store_schema=False)
        counts[dataset.name] = pq.ParquetFile(path).metadata.num_rows
    return counts


@dataclass
class Scale:
    """What was measured at one factor: rows, bytes, ms per measurement, the server's memory."""

    factor: int
    rows: dict[str, int] = field(default_factory=dict)
    bytes: int = 0
    ms: dict[str, list[float]] = field(default_factory=dict)
    rss: dict[str, float] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def median(self, name: str) -> float:
        return percentile(self.ms.get(name, []), 0.5)


def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def time_queries(folder: Path, scale: Scale, runs: int) -> None:
    """The DuckDB connection made `runs` times from nothing (after one unmeasured), then every
    named query `runs` times on a made connection (after one unmeasured call)."""

    def connect() -> None:
        query.reset_connections()
        query.connection(folder)

    connect()
    scale.ms["connection"] = [_timed(connect) for _ in range(runs)]
    for name in query.query_names():
        params = {p: PARAMETERS[p] for p in query.query_parameters(name)}
        call = lambda name=name, params=params: query.run_query(name, folder, **params)  # noqa: E731
        call()
        scale.ms[f"query {name}"] = [_timed(call) for _ in range(runs)]
    query.reset_connections()


async def _page_run(url: str, page: str, query_string: str) -> float:
    async with Session(url) as session:
        run = await session.open(page, query_string)
    if run.errors:
        raise RunFailed(f"the page shows: {run.errors[0][:200]}")
    return run.ms


def time_pages(url: str, folder: Path, scale: Scale, runs: int) -> None:
    """Each page: `runs` cold runs (each after a data update, in a new session) and `runs` warm
    runs (a new session, caches filled)."""
    for label, page, query_string in PAGES:
        cold, warm = [], []
        try:
            asyncio.run(_page_run(url, page, query_string))  # the server's first run of the page
            for _ in range(runs):
                update_data(folder, datasets.METADATA_FILE)
                cold.append(asyncio.run(_page_run(url, page, query_string)))
                warm.append(asyncio.run(_page_run(url, page, query_string)))
        except (RunFailed, OSError, WebSocketException) as failure:
            scale.failures.append(f"{label}: {type(failure).__name__}: {failure}")
        scale.ms[f"page {label}, cold"] = cold
        scale.ms[f"page {label}, warm"] = warm


def time_browser(url: str, scale: Scale, runs: int) -> None:
    """Cold page loads in chromium (fresh context, the server's caches filled)."""
    import page_timings
    from playwright.sync_api import sync_playwright

    views = page_timings.expected_views()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=page_timings.CHROMIUM, args=page_timings.CHROMIUM_ARGS
        )
        try:
            for name in BROWSER_PAGES:
                samples = []
                for attempt in range(runs + 1):  # the first one unmeasured
                    try:
                        cold, _ = page_timings.cold_and_warm_load(
                            browser, {"app": url}, views[name]
                        )
                    except page_timings.NotSettled as failure:
                        scale.failures.append(f"browser {name}: {failure}")
                        continue
                    if attempt:
                        samples.append(cold.settled_ms)
                scale.ms[f"browser {name}, cold load"] = samples
        finally:
            browser.close()


def measure(factor: int, root: Path, runs: int, browser_runs: int) -> Scale:
    folder = root / f"data-{factor}x"
    started = time.perf_counter()
    scale = Scale(factor, rows=write_scaled(folder, factor))
    scale.bytes = sum(p.stat().st_size for p in folder.iterdir())
    print(
        f"{factor}×: {scale.rows} rows written in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
        flush=True,
    )
    time_queries(folder, scale, runs)
    # every reader gets a new data version at once, warm or not: a page's first run after an
    # update is then the cold run measured (not the version before, served while it warms)
    with served(data=folder, env={GRACE_ENV: "0"}) as server:
        scale.rss["started"] = rss_mib(server.pid)
        time_pages(server.url, folder, scale, runs)
        scale.rss["after the page runs"] = rss_mib(server.pid)
        if browser_runs:
            time_browser(server.url, scale, browser_runs)
    shown = ", ".join(f"{name} {scale.median(name):.0f}" for name in scale.ms if "page" in name)
    print(f"{factor}×: {shown} ms; RSS {scale.rss}", file=sys.stderr, flush=True)
    for failure in scale.failures[:3]:
        print(f"  failed: {failure}", file=sys.stderr, flush=True)
    return scale


def growth(base: float, value: float, factor: int) -> str:
    """value/base, and the exponent b of cost ∝ factor^b."""
    if not (base > 0 and value > 0) or factor == 1:
        return "–"
    ratio = value / base
    return f"{ratio:.2f}× (b={math.log(ratio) / math.log(factor):.2f})"


def table(scales: list[Scale]) -> str:
    base = scales[0]
    names = list(base.ms)
    head = "| Measurement | " + " | ".join(f"{s.factor}× median" for s in scales)
    head += "".join(f" | {s.factor}× / {base.factor}×" for s in scales[1:]) + " |"
    lines = [head, "|---|" + "--:|" * (2 * len(scales) - 1)]
    for name in names:
        cells = [f"{s.median(name):.0f}" if s.ms.get(name) else "–" for s in scales]
        ratios = [growth(base.median(name), s.median(name), s.factor) for s in scales[1:]]
        lines.append(f"| {name} | " + " | ".join(cells + ratios) + " |")
    return "\n".join(lines)


def sizes(scales: list[Scale]) -> str:
    lines = [
        "| Factor | observations | commune_observations | site_status | Files (MB) |"
        " RSS started | RSS after the page runs |",
        "|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for s in scales:
        rss = [s.rss.get(k, float("nan")) for k in ("started", "after the page runs")]
        lines.append(
            f"| {s.factor}× | {s.rows['observations']:,} | {s.rows['commune_observations']:,}"
            f" | {s.rows['site_status']:,} | {s.bytes / 1e6:.1f} | {rss[0]:.0f} | {rss[1]:.0f} |"
        )
    return "\n".join(lines)


def first_limit(scales: list[Scale]) -> str:
    """The measurements that grow most from the first factor to the last, and which pages stay
    within LIMIT_FACTOR× their time on the first."""
    base, top = scales[0], scales[-1]
    ratios = sorted(
        (
            (top.median(name) / base.median(name), name)
            for name in base.ms
            if base.median(name) > 0 and top.median(name) == top.median(name)
        ),
        reverse=True,
    )
    grown_most = ", ".join(f"{name} ({ratio:.1f}×)" for ratio, name in ratios[:4])
    pages = [(r, n) for r, n in ratios if n.startswith(("page", "browser"))]
    over = [f"{n} ({r:.1f}×)" for r, n in pages if r > LIMIT_FACTOR]
    return (
        f"From {base.factor}× to {top.factor}×, what grew most: {grown_most}. Pages over"
        f" {LIMIT_FACTOR}× their {base.factor}× time: {', '.join(over) or 'none'}."
    )


def results_section(scales, command, about, load, runs) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    failed = [f"- {s.factor}×: {f}" for s in scales for f in s.failures[:3]]
    return "\n\n".join(
        [
            MARKS[0],
            "### Results: data 10× and 100×",
            f"Measured {when} on {code_version()} with `{command}`: {runs} runs per measurement"
            " (median, ms). *connection*: the DuckDB connection made from nothing (the views, the"
            " roll-up years, the catalog), which every new data version pays once per server;"
            " *query*: `ttx_data.query.run_query` on a made connection (typical parameters:"
            " Lục Ngạn, forest cover, 2025, the default years); *page …, cold*: the page's run at"
            " the protocol level in a new session just after a data update (metadata.json"
            " written again: a new data version, so every cache misses and the connection is"
            " made again; the server runs with `TTX_WARMING_GRACE_S=0`, so that the new version"
            " is served at once, not the one before while it warms); *warm*: the same in a new"
            " session right after (caches filled);"
            " *browser*: a cold load in chromium until settled. The ratio columns: the time over"
            " the first factor's, and b in time ∝ factor^b (0: flat, 1: linear).",
            f"Machine: {about}. {load}",
            sizes(scales),
            table(scales),
            first_limit(scales),
            *(["Failures:\n\n" + "\n".join(failed)] if failed else []),
            MARKS[1],
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--factors", type=int, nargs="+", default=[1, 10, 100], help="data sizes (default 1 10 100)"
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument(
        "--browser-runs", type=int, default=3, help="chromium loads per page (0: none; default 3)"
    )
    parser.add_argument("--quick", action="store_true", help="factors 1 and 10, 2 runs, 1 load")
    parser.add_argument(
        "--out", default="", help="rewrite the scale section of this file (e.g. docs/benchmarks.md)"
    )
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(argv)
    if args.quick:
        args.factors, args.runs, args.browser_runs = [1, 10], 2, 1
    factors = sorted(set(args.factors) | {1})
    busy = cpu_busy()
    with tempfile.TemporaryDirectory(prefix="ttx-bench-scale-") as tmp:
        scales = [measure(k, Path(tmp), args.runs, args.browser_runs) for k in factors]
    load = f"CPUs busy in the 2 s before the run: {busy:.0f} %."
    about = machine(f"DuckDB {__import__('duckdb').__version__}, pyarrow {pa.__version__}")
    section = results_section(scales, command_line("bench/scale.py", argv), about, load, args.runs)
    report(section, args.out, MARKS, "scale")


if __name__ == "__main__":
    main()
