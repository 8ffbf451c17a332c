"""The bundled demo data through the reporting pipeline: `make data` has the generator's
illustrative values enter the published data the way an agency's report does, with the same code
as the reporting page and the command line, so the demo exercises the pipeline end to end.

`write_demo_data(out)` (`python -m ttx_data demo-data --out data`, what `make data` runs) writes
the generator's files (`generate.write_dataset`), then `publish_examples(out)`: for every
reporting agency (`task_sheet.reporting_agencies`: those reporting figures, then those reporting
tasks only) and every period of the observations whose reports were due by the data's date
(`generate.AS_OF`: 2020-2025; the reports of 2026 are due on 15/01/2027), in that order, it
1. makes the agency's workbook for the period (`workbook.build_template`, marked an example)
   whose Value cells hold the generator's own illustrative values of the keys it asks, with the
   source "Ví dụ minh họa / Illustrative example" and the generator's note, and whose tasks
   sheet (from 2022, the plan's year) holds illustrative task reports (`task_examples`: a
   deterministic mix of tasks completed on time and late, in progress, overdue with obstacles
   and proposals, not started; every text marked "(minh họa)");
2. reads it back with `intake.read_workbook`, checked as an upload is: it must pass; every row
   with a warning (a large change, an implausible value, a completed task without evidence)
   gets the comment `EXAMPLE_COMMENT` and the workbook is made again and read again;
3. submits it as the agency's demo reporter (`submissions.submit`) and accepts it as the demo
   reviewer (`submissions.review`), which publishes it into `out` (`publish.publish`);
4. writes it to `out/reports/<period>/<agency_id>.xlsx`, byte for byte the file submitted
   (training material; other .xlsx files under `out/reports` are removed).
An agency's period whose every value asked is sourced and that has no task to report has no
example to give: no workbook, no submission (Sở Khoa học và Công nghệ in 2022, the reported
digital economy share, sends its tasks alone).
The accounts, submissions, reviews and audit log live in a throwaway SQLite store (a temporary
file, deleted at the end) unless `store_url` names one.

Provenance stays honest:
- a value or task report from a workbook is published "illustrative" (the file is an example),
  its source
  "Ví dụ minh họa trong báo cáo mẫu của <agency> (số liệu nộp …, kỳ …, chấp nhận ngày …)" and
  its note "Ví dụ minh họa / Illustrative example — <the generator's note>"; it is the
  generator's value, unchanged;
- the Value cell of a key whose bundled value is sourced (official, reported, estimate) is left
  empty, its Note saying why: an empty cell replaces nothing, so sourced facts keep their values,
  provenance, sources and notes; a key the generator has no value for is left empty too.
The task reports published are those of the example workbooks alone (the generator writes
none). What no workbook carries stays as the generator writes it: the datasets forest, sites,
site_status and milestones (targets 12 and 14 are steps with evidence, not reported as figures);
the years after the last period due (2026: commune_observations and the districts' and
province's roll-up of them); the observations of a key no agency's workbook asks (an indicator
outside the regime; none today).

Deterministic: the regime is taken as of the data's date, every action happens at a fixed moment
of that day (09:00 in Vietnam, a second later per action), and the workbooks' zip entry times
and document dates are that moment: running it twice gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pandas as pd

from ttx_data import datasets, generate, sources
from ttx_data.accounts import Actor, add_account, get_account
from ttx_data.paths import replace_atomically
from ttx_data.plan import LOCAL_TIME
from ttx_data.reporting import publish, regime, submissions, task_sheet, workbook
from ttx_data.reporting.intake import Intake, read_workbook
from ttx_data.reporting.layout import FIRST_DATA_ROW, Layout, expected_layout
from ttx_data.reporting.task_examples import example_task_cells
from ttx_data.store.database import ensure_schema

REPORTS_DIR = "reports"
"""The folder of the data directory the example workbooks are written to."""

CLIENT = "make data"
"""The client the demo's audit entries name."""

EXAMPLE_COMMENT = (
    "Ví dụ minh họa: giá trị do TTX Bắc Giang tạo để minh họa, không phải số liệu thật / "
    "Illustrative example: a value made up by TTX Bắc Giang, not a real figure"
)
"""The comment on a row with a warning (every warning needs one before submitting)."""

SOURCED_NOTE = (
    "Để trống: giá trị công bố có nguồn ({provenance}) được giữ nguyên / Left empty: the"
    " published sourced value ({provenance}) stays"
)
NO_VALUE_NOTE = (
    "Để trống: dữ liệu minh họa không có giá trị này / Left empty: the illustrative data have no"
    " value here"
)
COVERING_NOTE = (
    "Báo cáo mẫu của dữ liệu minh họa đi kèm (make data) / Sample report of the bundled"
    " illustrative data (make data)"
)
ADMIN = Actor("demo.quan.tri", "Quản trị dữ liệu mẫu", "admin", None, "local")
"""Who adds the demo accounts to the throwaway store."""


def data_date() -> dt.date:
    """The day the bundled data are of (`generate.AS_OF`): the regime and the actions' day."""
    return dt.date.fromisoformat(generate.AS_OF)


class Clock:
    """Fixed moments of one day: 09:00 in Vietnam, then a second later at each `tick`."""

    def __init__(self, day: dt.date) -> None:
        start = dt.datetime.combine(day, dt.time(9), tzinfo=LOCAL_TIME)
        self._next = start.astimezone(dt.UTC)

    def tick(self) -> dt.datetime:
        now, self._next = self._next, self._next + dt.timedelta(seconds=1)
        return now


def report_periods(years: Sequence[int], on: dt.date) -> list[str]:
    """The periods of `years` (those with observations) whose reports were due by `on`."""
    return [
        regime.period_name(year)
        for year in sorted(set(years))
        if regime.period_deadline(year, on) <= on
    ]


Facts = dict[tuple[str, str, str, int], dict]
"""(indicator, level, area code, year) -> the bundled row (value, provenance, note)."""


def bundled_facts(source: sources.DataSource) -> Facts:
    """Every observation and commune observation of the data, by key."""
    found: Facts = {}
    for dataset, level in (
        (datasets.OBSERVATIONS, None),
        (datasets.COMMUNE_OBSERVATIONS, regime.COMMUNE),
    ):
        frame = source.dataset(dataset)
        for row in frame.to_dict("records"):
            code = str(row["unit_code"] if level else row["area_code"])
            found[(row["indicator_id"], level or row["area_level"], code, int(row["year"]))] = row
    return found


def example_cells(layout: Layout, facts: Facts) -> dict[tuple, dict]:
    """The yellow cells of each row: the generator's illustrative value with the example source
    and its note; for a sourced value or none, an empty value and a note saying why."""
    year = int(layout.period)
    cells = {}
    for row in layout.rows:
        fact = facts.get((*row.key, year))
        if fact is None or pd.isna(fact["value"]):
            cells[row.key] = {"note": NO_VALUE_NOTE}
        elif fact["provenance"] != publish.ILLUSTRATIVE:
            cells[row.key] = {"note": SOURCED_NOTE.format(provenance=fact["provenance"])}
        else:
            note = fact["note"] if isinstance(fact["note"], str) else None
            cells[row.key] = {
                "value": float(fact["value"]),
                "source_ref": workbook.EXAMPLE_SOURCE,
                "note": note,
            }
    return cells


def _row_keys(layout: Layout) -> dict[tuple[str, int], tuple]:
    """(sheet, spreadsheet row) -> the row's key (a figure's, or a task's on the tasks sheet)."""
    keys = {
        (sheet.name, FIRST_DATA_ROW + offset): row.key
        for sheet in layout.sheets
        for offset, row in enumerate(sheet.rows)
    }
    for offset, row in enumerate(layout.tasks):
        keys[(task_sheet.TASKS_SHEET, FIRST_DATA_ROW + offset)] = row.key
    return keys


def fixed_times(data: bytes, when: dt.datetime) -> bytes:
    """The .xlsx with every zip entry dated `when` (local time) and its document created and
    modified at `when`, the rest unchanged: the same workbook gives the same bytes."""
    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    local = when.astimezone(LOCAL_TIME).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as found,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as made,
    ):
        for item in found.infolist():
            content = found.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)",
                    rb"\g<1>" + stamp + rb"\g<3>",
                    content,
                )
            made.writestr(zipfile.ZipInfo(item.filename, local), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _unfit(intake: Intake, agency_id: str, period: str) -> RuntimeError:
    listed = "\n".join(p.message("en") for p in intake.fatal + intake.needs_comments)
    return RuntimeError(
        f"the example workbook of {agency_id} for {period} does not pass:\n{listed}"
    )


def example_workbook(
    agency_id: str, period: str, facts: Facts, source: sources.DataSource, on: dt.date, when
) -> tuple[bytes, Intake] | None:
    """The agency's example workbook of the period and its intake, ready to submit (warnings
    commented); None when it would give no value (every value asked is sourced) and no task
    report; RuntimeError listing the problems when it does not pass."""
    layout = expected_layout(agency_id, period, on)
    cells = example_cells(layout, facts)
    tasks = example_task_cells(agency_id, layout.tasks, period, on)
    if not any("value" in row for row in cells.values()) and not tasks:
        return None
    keys = _row_keys(layout)
    for _ in range(2):  # once as filled, once more with a comment on each warned row
        data = fixed_times(
            workbook.build_template(agency_id, period, example=True, source=source, on=on,
                                    filled=cells, tasks_filled=tasks),
            when,
        )  # fmt: skip
        intake = read_workbook(data, agency_id=agency_id, period=period, source=source, on=on)
        if not intake.ok:
            break
        if not intake.needs_comments:
            return data, intake
        warned = [keys.get((problem.sheet, problem.row)) for problem in intake.needs_comments]
        if None in warned:  # a warning on no row of values: no comment cell to explain it
            break
        for key in warned:
            given = tasks if len(key) == 2 else cells  # a task's key: (task, role)
            given.setdefault(key, {})["comment"] = EXAMPLE_COMMENT
    raise _unfit(intake, agency_id, period)


def _accounts(engine, agency_ids: Sequence[str], on: dt.date, now: dt.datetime) -> Iterator:
    """The demo reviewer, then each agency's demo reporter, as signing in gives them."""
    wanted = [("demo.tham.dinh", "reviewer", regime.recipient(on), "Cán bộ thẩm định mẫu")]
    wanted += [(f"demo.{a}", "reporter", a, "Cán bộ báo cáo mẫu") for a in agency_ids]
    for username, role, agency_code, name in wanted:
        add_account(engine, username, role=role, agency_code=agency_code, display_name=name,
                    actor=ADMIN, client=CLIENT, now=now)  # fmt: skip
        yield get_account(engine, username).actor()


def _remove_stale(folder: Path, written: set[Path]) -> None:
    for path in sorted(folder.glob("*/*.xlsx")):
        if path not in written:
            path.unlink()
    for path in sorted(folder.glob("*")):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def publish_examples(
    out: Path,
    *,
    agency_ids: Sequence[str] | None = None,
    periods: Sequence[str] | None = None,
    store_url: str | None = None,
) -> list[submissions.Submission]:
    """Submit, accept and publish into the data directory `out` the example workbook of every
    reporting agency (or `agency_ids`) for every period due (or `periods`); write the workbooks
    to `out/reports`. Returns the submissions, oldest first (see the module's docstring)."""
    out = Path(out).resolve()
    on = data_date()
    clock = Clock(on)
    source = sources.published(out)
    facts = bundled_facts(source)
    every = agency_ids is None and periods is None
    agency_ids = list(agency_ids or task_sheet.reporting_agencies(on))
    periods = list(periods or report_periods([key[3] for key in facts], on))
    with tempfile.TemporaryDirectory(prefix="ttx-demo-") as folder:
        url = store_url or f"sqlite:///{Path(folder) / 'demo.sqlite3'}"
        engine = ensure_schema(url)
        try:
            reviewer, *reporters = _accounts(engine, agency_ids, on, clock.tick())
            written = set()
            figures = set(regime.reporting_agencies(on))
            for period in periods:
                for reporter in reporters:
                    agency_id = reporter.agency_code
                    if agency_id not in figures and not task_sheet.task_rows(agency_id, period, on):
                        continue  # tasks only, before the plan's year: nothing to report
                    found = example_workbook(agency_id, period, facts, source, on, clock.tick())
                    if found is None:
                        continue
                    data, intake = found
                    path = out / REPORTS_DIR / period / f"{agency_id}.xlsx"
                    replace_atomically(path, lambda p, d=data: p.write_bytes(d))
                    written.add(path)
                    made = submissions.submit(
                        engine, intake, actor=reporter, file_name=path.name, data=data,
                        comments=COVERING_NOTE, client=CLIENT, now=clock.tick(),
                    )  # fmt: skip
                    submissions.review(engine, made.id, actor=reviewer, accept=True,
                                       directory=out, client=CLIENT, now=clock.tick())  # fmt: skip
            if every:
                _remove_stale(out / REPORTS_DIR, written)
            return submissions.list_submissions(engine)
        finally:
            engine.dispose()


def write_demo_data(out: Path) -> list[submissions.Submission]:
    """The bundled demo data in `out`: the generator's files, then every example report published
    (`publish_examples`). Returns the submissions."""
    generate.write_dataset(out)
    return publish_examples(out)
