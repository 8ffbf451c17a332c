"""Time building the meeting brief: the cold CLI, the build steps in one process, and the PDF.

Not a test. Every measurement runs once unmeasured (a warm-up, reported as "first call"), then
`--runs` times; it prints median, p90, min and max and rewrites the brief's section of
docs/benchmarks.md (between `<!-- bench:brief:start -->` and `<!-- bench:brief:end -->`).

    .venv/bin/python bench/brief_timing.py              # 5 runs, recorded in docs/benchmarks.md
    .venv/bin/python bench/brief_timing.py --runs 2 --out ''   # quick check, print only
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as `python bench/brief_timing.py` from any directory

from common import code_version, write_section  # noqa: E402
from page_timings import _first_line, cpu_busy, percentile  # noqa: E402

from ttx_data import brief, chart_pictures, map_images, meeting  # noqa: E402
from ttx_data.filters import Filters  # noqa: E402
from ttx_data.reporting.completeness import reporting_status  # noqa: E402
from ttx_data.store import ensure_schema  # noqa: E402

MARK_START = "<!-- bench:brief:start (written by bench/brief_timing.py) -->"
MARK_END = "<!-- bench:brief:end -->"
DOCS = ROOT / "docs" / "benchmarks.md"
LANGS = ("vi", "en")
CLI_REPORT = re.compile(r"\((\d+) slides, ([\d.]+) s\)")


@dataclass
class Series:
    """One measured quantity: the warm-up's value and the measured values (ms, or MiB)."""

    name: str
    first: float = 0.0
    values: list[float] = field(default_factory=list)

    def row(self, digits: int = 0) -> str:
        v = self.values
        cells = [percentile(v, 0.5), percentile(v, 0.9), min(v), max(v), self.first]
        shown = [f"{x:.{digits}f}" for x in cells]
        return f"| {self.name} | {len(v)} | **{shown[0]}** | " + " | ".join(shown[1:]) + " |"


class Stopwatch:
    """Time spent inside some functions of the modules that draw the brief, while installed."""

    def __init__(self) -> None:
        self.ms: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    @contextmanager
    def installed(self) -> Iterator[Stopwatch]:
        # brief looks up chart_pictures.png and the map functions on their modules
        targets = [
            (chart_pictures, "png", "charts"),
            (map_images, "sites_map_png", "maps"),
            (map_images, "forest_map_png", "maps"),
        ]
        saved = [(module, name, getattr(module, name)) for module, name, _ in targets]
        for module, name, key in targets:
            setattr(module, name, self._timed(getattr(module, name), key))
        try:
            yield self
        finally:
            for module, name, original in saved:
                setattr(module, name, original)

    def _timed(self, function: Callable, key: str) -> Callable:
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.ms[key] = self.ms.get(key, 0.0) + (time.perf_counter() - started) * 1000
                self.calls[key] = self.calls.get(key, 0) + 1

        return timed


def repeat(take: Callable[[], dict[str, float]], runs: int, label: str) -> dict[str, Series]:
    """One warm-up call, then `runs` measured calls; each call returns named values."""
    first = take()
    series = {name: Series(name, first=value) for name, value in first.items()}
    for _ in range(runs):
        for name, value in take().items():
            series[name].values.append(value)
    shown = ", ".join(f"{name} {percentile(s.values, 0.5):.0f}" for name, s in series.items())
    print(f"{label}: median {shown}", file=sys.stderr, flush=True)
    return series


def cli_run(out: Path, facts: dict) -> dict[str, float]:
    """`python -m ttx_data brief -o out` in a fresh process: wall time from start to exit, the
    build time it prints itself, and its peak RSS: the child's own `ru_maxrss` from os.wait4 (what
    RUSAGE_CHILDREN reports, but per run rather than the maximum over every child so far)."""
    command = [sys.executable, "-m", "ttx_data", "brief", "-o", str(out)]
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        wall = (time.perf_counter() - started) * 1000
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        printed, errors = stdout.read().decode(), stderr.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"{shlex.join(command)} failed:\n{errors[-2000:]}")
    report = CLI_REPORT.search(printed)
    if report is None:
        raise SystemExit(f"unexpected output of the CLI: {printed!r}")
    facts["cli_slides"] = int(report.group(1))
    facts["cli_pptx_bytes"] = out.stat().st_size
    return {
        "wall": wall,
        "build": float(report.group(2)) * 1000,
        "rss": usage.ru_maxrss / 1024,  # KiB on Linux
    }


def in_process_run(lang: str, facts: dict) -> dict[str, float]:
    """build_meeting (with the reporting status read from the store, as the CLI does), then
    build_brief split into chart PNGs, map PNGs and the rest."""
    started = time.perf_counter()
    plan = meeting.build_meeting(Filters(lang=lang), reporting=reporting_status(ensure_schema))
    planned = time.perf_counter()
    with Stopwatch().installed() as watch:
        data = brief.build_brief(plan)
    built = time.perf_counter()
    total = (built - planned) * 1000
    charts, maps = watch.ms.get("charts", 0.0), watch.ms.get("maps", 0.0)
    facts[lang] = {
        "slides": len(plan.slides),
        "pptx": data,
        "charts": watch.calls.get("charts", 0),
        "maps": watch.calls.get("maps", 0),
    }
    return {
        "meeting": (planned - started) * 1000,
        "brief": total,
        "charts": charts,
        "maps": maps,
        "rest": total - charts - maps,
        "both": (built - started) * 1000,
    }


def pdf_run(pptx: Path, facts: dict, lang: str) -> dict[str, float]:
    pdf = pptx.with_suffix(".pdf")
    started = time.perf_counter()
    brief.pptx_to_pdf(pptx, pdf)
    elapsed = (time.perf_counter() - started) * 1000
    facts[lang]["pdf_bytes"] = pdf.stat().st_size
    return {"pdf": elapsed}


def _cpu_ticks() -> tuple[int, int]:
    """Clock ticks of all CPUs since boot (first line of /proc/stat): (all, idle or iowait)."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            _, user, nice, system, idle, iowait, *other = stat.readline().split()
    except (OSError, ValueError):
        return 0, 0
    waiting = int(idle) + int(iowait)
    return int(user) + int(nice) + int(system) + waiting + sum(map(int, other)), waiting


@contextmanager
def others_load(seen: dict) -> Iterator[None]:
    """While inside: how busy the CPUs were with work other than this script and its children,
    in % of all CPUs (`seen["others"]`), and this script's own share (`seen["own"]`)."""
    total, idle, own = *_cpu_ticks(), sum(os.times()[:4])
    yield
    spent = _cpu_ticks()[0] - total
    busy = spent - (_cpu_ticks()[1] - idle)
    mine = (sum(os.times()[:4]) - own) * os.sysconf("SC_CLK_TCK")
    seen["own"] = 100 * mine / spent if spent else 0.0
    seen["others"] = max(0.0, 100 * (busy - mine) / spent) if spent else 0.0


def soffice_version() -> str:
    program = brief.libreoffice()
    if program is None:
        return "not installed"
    try:
        done = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "version unknown"
    return " ".join(done.stdout.split()[:2]) or "version unknown"


def machine() -> str:
    memory_kb = _first_line("/proc/meminfo", "MemTotal", "0 kB").split()[0]
    return (
        f"{len(os.sched_getaffinity(0))} CPUs (`nproc`), {_first_line('/proc/cpuinfo', 'model name')},"
        f" {int(memory_kb) / 2**20:.0f} GiB RAM, {_first_line('/etc/os-release', 'PRETTY_NAME')}"
        f" (Linux {platform.release()}); Python {platform.python_version()},"
        f" python-pptx {version('python-pptx')}, vl-convert {version('vl-convert-python')},"
        f" matplotlib {version('matplotlib')}, {soffice_version()}"
    )


def _mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


HEADER = (
    "| Measurement | Runs | Median | p90 | Min | Max | First call |\n|---|--:|--:|--:|--:|--:|--:|"
)


def results_section(cli, steps, pdfs, facts, command, runs, busy, seen) -> str:
    """The generated part of docs/benchmarks.md for the brief: when, how, tables, what dominates."""
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    cli["wall"].name = "Cold CLI `python -m ttx_data brief -o <tmp>.pptx`, wall time"
    cli["build"].name = "Cold CLI: the build time it reports itself"
    cli["rss"].name = "Cold CLI: peak RSS (MiB)"
    timing = [HEADER, cli["wall"].row(), cli["build"].row()]
    names = {
        "meeting": "`meeting.build_meeting`",
        "brief": "`brief.build_brief`",
        "charts": "of which chart PNGs (vl-convert)",
        "maps": "of which map PNGs (matplotlib)",
        "rest": "of which the rest (python-pptx, save)",
        "both": "build_meeting + build_brief",
    }
    for lang in LANGS:
        for key, label in names.items():
            steps[lang][key].name = f"In process, {lang}: {label}"
            timing.append(steps[lang][key].row())
    for lang in LANGS:
        if lang in pdfs:
            pdfs[lang]["pdf"].name = f"`brief.pptx_to_pdf`, {lang} deck (LibreOffice headless)"
            timing.append(pdfs[lang]["pdf"].row())
    sizes = [
        "| Deck | Slides | Chart PNGs | Map PNGs | .pptx | .pdf |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for lang in LANGS:
        f = facts[lang]
        pdf = _mb(f["pdf_bytes"]) if "pdf_bytes" in f else "–"
        sizes.append(
            f"| {lang} | {f['slides']} | {f['charts']} | {f['maps']} | {_mb(len(f['pptx']))} | {pdf} |"
        )
    memory = [HEADER.replace("First call", "First run"), cli["rss"].row(0)]
    vi = steps["vi"]
    wall, build = percentile(cli["wall"].values, 0.5), percentile(cli["build"].values, 0.5)
    total = percentile(vi["brief"].values, 0.5)
    both = percentile(vi["both"].values, 0.5)
    dominates = (
        f"**What dominates.** A cold CLI run takes {wall / 1000:.1f} s (median): about"
        f" {(wall - build) / 1000:.1f} s ({_pct(wall - build, wall)}) of interpreter start-up and"
        f" imports, and {build / 1000:.1f} s of building as the CLI reports it (its first call in"
        f" that process, against {both / 1000:.1f} s once warm in this one). Warm, in process (vi),"
        f" `build_brief` takes {total:.0f} ms: chart PNGs {_pct(percentile(vi['charts'].values, 0.5), total)},"
        f" map PNGs {_pct(percentile(vi['maps'].values, 0.5), total)}, the rest"
        f" {_pct(percentile(vi['rest'].values, 0.5), total)}; `build_meeting` adds"
        f" {percentile(vi['meeting'].values, 0.5):.0f} ms."
    )
    if "vi" in pdfs:
        pdf = percentile(pdfs["vi"]["pdf"].values, 0.5)
        dominates += (
            f" The PDF conversion takes {pdf / 1000:.1f} s on top: with `--pdf` the whole"
            f" command takes about {(wall + pdf) / 1000:.1f} s (sum of the medians),"
            f" {_pct(pdf, wall + pdf)} of it"
            " LibreOffice (which starts with a fresh profile for every conversion)."
        )
    else:
        dominates += " The PDF was not timed: LibreOffice (`soffice`) is not installed."
    load = (
        f"CPUs busy in the 2 s before the run: {busy:.0f} %; during the run, this script and its"
        f" children used {seen['own']:.0f} % of the CPUs and other processes"
        f" {seen['others']:.0f} % (other work on the machine slows every step)."
    )
    return "\n\n".join(
        [
            MARK_START,
            "### Results: meeting brief",
            f"Measured {when} on {code_version()} with `{command}`: {runs} runs per measurement after one unmeasured"
            " warm-up (its value is the *First call* column). Times in ms: median (bold), p90"
            " (linear interpolation), min, max. The cold CLI is"
            " `python -m ttx_data brief -o <tmp>.pptx` in a fresh process (wall time from start"
            " to exit, imports included); *its own report* is the build time the CLI prints"
            " (from `build_meeting` to the written .pptx, 0.1 s resolution).",
            f"Machine: {machine()}. {load}",
            "\n".join(timing),
            "Peak resident memory of the cold CLI process (its `ru_maxrss` from `os.wait4`):",
            "\n".join(memory),
            "The decks (from the last in-process run; the CLI's vi deck:"
            f" {facts['cli_slides']} slides, {_mb(facts['cli_pptx_bytes'])}):",
            "\n".join(sizes),
            dominates,
            MARK_END,
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=5, help="measured repetitions after one warm-up (default 5)"
    )
    parser.add_argument(
        "--out",
        default=str(DOCS.relative_to(ROOT)),
        help="rewrite the brief's section of this file (default docs/benchmarks.md; '' to only print)",
    )
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    busy = cpu_busy()
    facts: dict = {}
    seen: dict = {}
    with others_load(seen), tempfile.TemporaryDirectory(prefix="ttx-bench-brief-") as tmp:
        work = Path(tmp)
        cli = repeat(lambda: cli_run(work / "cli.pptx", facts), args.runs, "cold CLI")
        steps = {
            lang: repeat(
                lambda lang=lang: in_process_run(lang, facts), args.runs, f"in process {lang} (ms)"
            )
            for lang in LANGS
        }
        pdfs = {}
        if brief.libreoffice() is None:
            print("LibreOffice (soffice) is missing: the PDF is not timed", file=sys.stderr)
        else:
            for lang in LANGS:
                deck = work / f"brief-{lang}.pptx"
                deck.write_bytes(facts[lang]["pptx"])
                pdfs[lang] = repeat(
                    lambda deck=deck, lang=lang: pdf_run(deck, facts, lang),
                    args.runs,
                    f"pptx_to_pdf {lang} (ms)",
                )
    python = Path(sys.executable)
    shown = os.path.relpath(python, ROOT) if python.is_relative_to(ROOT) else str(python)
    command = shlex.join([shown, "bench/brief_timing.py", *argv])
    section = results_section(cli, steps, pdfs, facts, command, args.runs, busy, seen)
    print(section)
    if args.out:
        out = Path(args.out) if Path(args.out).is_absolute() else ROOT / args.out
        write_section(out, section, (MARK_START, MARK_END))
        print(f"wrote the brief's section of {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
