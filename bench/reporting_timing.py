"""Time the reporting cycle: validating an agency's workbook, submitting it, accepting and
publishing it; for one agency, and for every agency of a period at once.

Not a test. Each run starts from a fresh SQLite store and a fresh copy of the bundled data (so
every publication does the same work); one unmeasured warm-up, then `--runs` runs; it prints
median, p90, min and max and rewrites the reporting section of docs/benchmarks.md (between
`<!-- bench:reporting:start -->` and `<!-- bench:reporting:end -->`).

    .venv/bin/python bench/reporting_timing.py              # 5 runs, recorded in docs/benchmarks.md
    .venv/bin/python bench/reporting_timing.py --runs 2 --out ''   # quick check, print only
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as `python bench/reporting_timing.py` from any directory

from brief_timing import HEADER, Series, others_load  # noqa: E402
from common import code_version, report  # noqa: E402
from page_timings import _first_line, cpu_busy, percentile  # noqa: E402

from ttx_data import accounts, datasets, query, sources  # noqa: E402
from ttx_data.accounts import Actor  # noqa: E402
from ttx_data.paths import BUNDLED_DATA_DIR  # noqa: E402
from ttx_data.reporting import preview, regime, submissions, workbook  # noqa: E402
from ttx_data.reporting.intake import read_workbook  # noqa: E402
from ttx_data.store import database  # noqa: E402

MARKS = (
    "<!-- bench:reporting:start (written by bench/reporting_timing.py) -->",
    "<!-- bench:reporting:end -->",
)
DOCS = ROOT / "docs" / "benchmarks.md"
PERIOD = "2026"
REVIEWER = Actor("bench.reviewer", "Bench", "reviewer", None, "local")


def reporter(agency_id: str) -> Actor:
    return Actor(f"bench.{agency_id[:40]}", "Bench", "reporter", agency_id, "local")


class Fresh:
    """A new SQLite store and a copy of the bundled data in a temporary folder."""

    def __init__(self, root: Path, number: int) -> None:
        self.folder = root / f"run-{number}"
        self.data = self.folder / "data"
        self.data.mkdir(parents=True)
        for name in [d.file for d in datasets.ALL] + [datasets.METADATA_FILE]:
            (self.data / name).write_bytes((BUNDLED_DATA_DIR / name).read_bytes())
        os.environ[preview.PREVIEWS_ENV] = str(root / "previews")
        self.url = f"sqlite:///{self.folder / 'ttx.sqlite3'}"
        self.engine = database.ensure_schema(self.url)


def one_agency(root: Path, counter: list[int], agency_id: str, data: bytes) -> dict[str, float]:
    """Validate, submit, accept and publish one agency's workbook (ms per step)."""
    counter[0] += 1
    fresh = Fresh(root, counter[0])
    started = time.perf_counter()
    intake = read_workbook(data, agency_id=agency_id)
    read = time.perf_counter()
    shown = preview.preview(fresh.engine, intake.rows, agency_id=agency_id, period=intake.period,
                            submission_id=preview.upload_id(data), example=intake.example,
                            published=sources.published(fresh.data))  # fmt: skip
    previewed = time.perf_counter()
    assert not shown.values.empty
    made = submissions.submit(fresh.engine, intake, actor=reporter(agency_id),
                              file_name=f"{agency_id}.xlsx", data=data)  # fmt: skip
    stored = time.perf_counter()
    submissions.review(fresh.engine, made.id, actor=REVIEWER, accept=True, directory=fresh.data)
    published = time.perf_counter()
    assert intake.ok and submissions.get(fresh.engine, made.id).state == "accepted"
    query.reset_connections()
    return {
        "validate": (read - started) * 1000,
        "preview": (previewed - read) * 1000,
        "submit": (stored - previewed) * 1000,
        "publish": (published - stored) * 1000,
        "total": (published - started) * 1000,
    }


def all_agencies(root: Path, counter: list[int], workbooks: dict[str, bytes]) -> dict[str, float]:
    """Every agency at once: validating and submitting in one thread each (as simultaneous
    uploads), then the reviewer accepting each in turn (each acceptance publishes)."""
    counter[0] += 1
    fresh = Fresh(root, counter[0])
    made, errors = {}, []

    def send(agency_id: str, data: bytes) -> None:
        try:
            intake = read_workbook(data, agency_id=agency_id)
            made[agency_id] = submissions.submit(fresh.engine, intake, actor=reporter(agency_id),
                                                 file_name="x.xlsx", data=data).id  # fmt: skip
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    started = time.perf_counter()
    threads = [threading.Thread(target=send, args=item) for item in workbooks.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    received = time.perf_counter()
    if errors:
        raise SystemExit(f"a submission failed: {errors[0]}")
    for submission_id in made.values():
        submissions.review(fresh.engine, submission_id, actor=REVIEWER, accept=True,
                           directory=fresh.data)  # fmt: skip
    published = time.perf_counter()
    query.reset_connections()
    return {
        "receive": (received - started) * 1000,
        "publish": (published - received) * 1000,
        "total": (published - started) * 1000,
    }


def cold_cli(root: Path, agency_id: str, data: bytes) -> dict[str, float]:
    """`python -m ttx_data submit FILE --user NAME --dry-run` in a fresh process (wall time)."""
    fresh = Fresh(root, 0) if not (root / "run-0").exists() else None
    url = f"sqlite:///{root / 'run-0' / 'ttx.sqlite3'}"
    if fresh is not None:
        accounts.add_account(fresh.engine, "bench.reporter", role="reporter",
                             agency_code=agency_id, actor=Actor.operator())  # fmt: skip
        (root / "run-0" / "workbook.xlsx").write_bytes(data)
    command = [sys.executable, "-m", "ttx_data", "submit", str(root / "run-0" / "workbook.xlsx"),
               "--user", "bench.reporter", "--dry-run"]  # fmt: skip
    env = {**os.environ, "TTX_DATABASE_URL": url, "TTX_DATA_DIR": str(root / "run-0" / "data")}
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise SystemExit(f"{shlex.join(command)} failed:\n{done.stderr[-2000:]}")
    return {"cli": wall}


def repeat(take, runs: int, label: str) -> dict[str, Series]:
    first = take()
    series = {name: Series(name, first=value) for name, value in first.items()}
    for _ in range(runs):
        for name, value in take().items():
            series[name].values.append(value)
    shown = ", ".join(f"{name} {percentile(s.values, 0.5):.0f}" for name, s in series.items())
    print(f"{label}: median {shown}", file=sys.stderr, flush=True)
    return series


def machine() -> str:
    memory_kb = _first_line("/proc/meminfo", "MemTotal", "0 kB").split()[0]
    return (
        f"{len(os.sched_getaffinity(0))} CPUs (`nproc`), {_first_line('/proc/cpuinfo', 'model name')},"
        f" {int(memory_kb) / 2**20:.0f} GiB RAM, {_first_line('/etc/os-release', 'PRETTY_NAME')}"
        f" (Linux {platform.release()}); Python {platform.python_version()}, SQLite store (WAL)"
    )


def results_section(single, everyone, cli, facts, command, runs, busy, seen) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    names = {
        "validate": "`read_workbook` (open, check every cell)",
        "preview": "`preview.preview` (its own data folder made and compared: changed values,"
        " statuses, new warnings)",
        "submit": "`submissions.submit` (file, values, audit entry: one transaction)",
        "publish": "`submissions.review(accept=True)` (decision, then the Parquet files rebuilt)",
        "total": "validate + preview + submit + accept and publish",
    }
    rows = [HEADER]
    for key, label in names.items():
        single[key].name = f"One agency ({facts['agency']}, {facts['values']} values): {label}"
        rows.append(single[key].row())
    everyone["receive"].name = (
        f"All {facts['agencies']} agencies at once ({facts['all_values']} values): validated and"
        " submitted in parallel threads"
    )
    everyone["publish"].name = "All agencies: the reviewer accepts each in turn (each publishes)"
    everyone["total"].name = "All agencies: from the uploads to the last publication"
    rows += [everyone[k].row() for k in ("receive", "publish", "total")]
    cli["cli"].name = "Cold CLI `python -m ttx_data submit FILE --user NAME --dry-run`, wall time"
    rows.append(cli["cli"].row())
    one = percentile(single["total"].values, 0.5)
    publish = percentile(single["publish"].values, 0.5)
    validate = percentile(single["validate"].values, 0.5)
    previewed = percentile(single["preview"].values, 0.5)
    load = (
        f"CPUs busy in the 2 s before the run: {busy:.0f} %; during the run, this script and its"
        f" children used {seen['own']:.0f} % of the CPUs and other processes"
        f" {seen['others']:.0f} %."
    )
    summary = (
        f"**What dominates.** One agency's workbook goes from upload to published figures in"
        f" {one:.0f} ms (median): reading and checking it {validate:.0f} ms, previewing it"
        f" {previewed:.0f} ms (once per upload and published version; the page then reuses it:"
        " the copy of the published files, the rebuild with its values and two scorecards and"
        " data checks compared), accepting and"
        f" publishing {publish:.0f} ms (rewriting observations.parquet and"
        " commune_observations.parquet beside the old ones, flushing them to disk and renaming"
        " them, rolling up the communes' values). Every agency of the period at once takes"
        f" {percentile(everyone['total'].values, 0.5):.0f} ms; the uploads overlap, the"
        " publications take turns (one publisher at a time per data folder)."
    )
    return "\n\n".join(
        [
            MARKS[0],
            "### Results: reporting cycle",
            f"Measured {when} on {code_version()} with `{command}`: {runs} runs per measurement"
            " after one unmeasured warm-up (its value is the *First call* column); each run on a"
            " fresh SQLite store and a fresh copy of the bundled data. Times in ms: median"
            " (bold), p90, min, max. Workbooks: `template --example` of each agency that reports"
            f" for {PERIOD}.",
            f"Machine: {machine()}. {load}",
            "\n".join(rows),
            summary,
            MARKS[1],
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs after a warm-up")
    parser.add_argument(
        "--out",
        default=str(DOCS.relative_to(ROOT)),
        help="rewrite the reporting section of this file ('' to only print)",
    )
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    agencies = sorted(regime.expected_reports(PERIOD)["agency_id"].unique())
    workbooks = {a: workbook.build_template(a, PERIOD, example=True) for a in agencies}
    counts = {a: len(read_workbook(d, agency_id=a).rows) for a, d in workbooks.items()}
    largest = max(counts, key=counts.get)
    facts = {
        "agency": largest,
        "values": counts[largest],
        "agencies": len(agencies),
        "all_values": sum(counts.values()),
    }
    busy = cpu_busy()
    seen: dict = {}
    counter = [0]
    with others_load(seen), tempfile.TemporaryDirectory(prefix="ttx-bench-report-") as tmp:
        root = Path(tmp)
        single = repeat(lambda: one_agency(root, counter, largest, workbooks[largest]),
                        args.runs, "one agency (ms)")  # fmt: skip
        everyone = repeat(lambda: all_agencies(root, counter, workbooks), args.runs,
                          "all agencies (ms)")  # fmt: skip
        cli = repeat(lambda: cold_cli(root, largest, workbooks[largest]), args.runs, "cold CLI")
        database.dispose_engines()
    python = Path(sys.executable)
    shown = os.path.relpath(python, ROOT) if python.is_relative_to(ROOT) else str(python)
    command = shlex.join([shown, "bench/reporting_timing.py", *argv])
    section = results_section(single, everyone, cli, facts, command, args.runs, busy, seen)
    report(section, args.out, MARKS, "reporting")


if __name__ == "__main__":
    main()
