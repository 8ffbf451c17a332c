"""Reading a filled report workbook: every problem at once, each with its sheet, row, column, the
value found, what is expected and how to fix it, in Vietnamese and English.

The file is judged before it is opened: its size on disk or in memory, its first bytes (a CSV
renamed, an old .xls, an encrypted or password-protected Office file, a picture or a PDF), and,
for a zip, its directory only (the declared uncompressed sizes and number of parts, macros,
pictures, embedded objects, external links), so a huge file or a zip bomb is refused without
being read whole or unpacked. Only then openpyxl reads it, with `data_only=False`: a formula is
seen as a formula and refused wherever it stands. The rules, severities and messages are those
of `checks`; the layout (sheets, headers, rows) that of `layout`.

`read_workbook(...)` returns an `Intake`: `rows` (the figures read), `tasks` (the task reports
read from the tasks sheet, one per row, status None where the row was left blank), `problems`,
`ok` (no fatal problem) and `needs_comments` (warnings whose row has no comment yet). A lead
task left blank is no problem of the file: it is a report not (yet) received, which completeness
counts as missing (`blank_lead_tasks` names them for the reporter).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from ttx_data import sources
from ttx_data.reporting import regime
from ttx_data.reporting.checks import (
    FATAL,
    TASK_STATUS_LABELS,
    WARNING,
    ReportProblem,
    check_jump,
    check_plausible,
    check_source,
    check_task,
    check_text,
    check_value,
    is_number,
    problem,
    task_status,
)
from ttx_data.reporting.layout import (
    COLUMNS,
    FIRST_DATA_ROW,
    HEADER_ROW,
    INSTRUCTIONS_SHEET,
    LETTERS,
    META_SHEET,
    TASK_COLUMNS,
    TASK_LETTERS,
    TASK_TEXTS,
    TEMPLATE_ID,
    TEMPLATE_VERSION,
    Column,
    Layout,
    LayoutRow,
    expected_layout,
    previous_values,
)
from ttx_data.reporting.task_sheet import TASKS_SHEET, TaskRow
from ttx_data.sources import DataSource

__all__ = ["Intake", "ReportProblem", "read_workbook", "FATAL", "WARNING"]

MiB = 1024 * 1024
MAX_BYTES = 5 * MiB
"""Largest upload accepted: a filled template is some 30 KB."""
MAX_ENTRIES = 100
"""Most parts a workbook's zip may have (a template has about 15)."""
MAX_UNCOMPRESSED = 50 * MiB
"""Largest total of the parts' declared uncompressed sizes."""
MAX_RATIO = 200
"""Largest compression ratio of a part over 1 MiB (spreadsheet XML compresses 10-20 times)."""
CONTENT_TYPES_MAX = MiB

ROW_COLUMNS = (
    "indicator_id", "area_level", "area_code", "period", "value", "source_ref", "note", "comment",
)  # fmt: skip
"""Columns of `Intake.rows`."""

TASK_ROW_COLUMNS = (
    "task_id", "role", "period", "status", "completed_on", "deadline", "progress", "evidence",
    "obstacles", "proposals", "comment",
)  # fmt: skip
"""Columns of `Intake.tasks`: a task report as read (status None: the row was left blank; dates
as dates)."""

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
PICTURE_SIGNATURES = (
    b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF", b"II*\x00", b"MM\x00*",
)  # fmt: skip
"""PNG, JPEG, GIF, PDF and TIFF: what a screenshot or a scan is saved as."""
REFUSED_PARTS = {
    "xl/vbaProject.bin": "macros",
    "xl/media/": "embedded_content",
    "xl/embeddings/": "embedded_content",
    "xl/activeX/": "embedded_content",
    "xl/externalLinks/": "embedded_content",
    "xl/connections.xml": "embedded_content",
}
"""Parts of an .xlsx a report may not hold (exact names, or folders ending in '/')."""


@dataclass(frozen=True, eq=False)
class Intake:
    """What was read from an uploaded workbook: the agency and period it names (None when the
    file could not be read that far), its rows (`ROW_COLUMNS`; value NaN where none was given
    or the value was refused), its task reports (`TASK_ROW_COLUMNS`), every problem found,
    whether the template was made with `--example` (illustrative values), and each data row's
    comment by (sheet, row)."""

    agency_id: str | None
    period: str | None
    rows: pd.DataFrame
    problems: list[ReportProblem]
    example: bool = False
    comments: dict[tuple[str, int], str] = field(default_factory=dict, repr=False)
    tasks: pd.DataFrame = field(default_factory=lambda: _empty_tasks())

    @property
    def ok(self) -> bool:
        """No fatal problem: the file may go on to review once its warnings have comments."""
        return not any(p.severity == FATAL for p in self.problems)

    @property
    def fatal(self) -> list[ReportProblem]:
        return [p for p in self.problems if p.severity == FATAL]

    @property
    def warnings(self) -> list[ReportProblem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def needs_comments(self) -> list[ReportProblem]:
        """Warnings on a row whose comment cell is blank."""
        return [p for p in self.warnings if not self.comments.get((p.sheet, p.row), "").strip()]

    @property
    def blank_lead_tasks(self) -> list[str]:
        """The tasks the agency leads whose row was left blank: reports not received."""
        blank = self.tasks[(self.tasks["role"] == "lead") & self.tasks["status"].isna()]
        return blank["task_id"].tolist()


def _empty_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series(dtype="float64" if c == "value" else "str") for c in ROW_COLUMNS}
    )


def _empty_tasks() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in TASK_ROW_COLUMNS})


def _refused(problems: list[ReportProblem], agency_id=None, period=None) -> Intake:
    return Intake(agency_id, period, _empty_rows(), problems)


# --- the file, before it is opened -----------------------------------------------------------


def _size(data: bytes | Path) -> int:
    return len(data) if isinstance(data, bytes | bytearray) else Path(data).stat().st_size


@contextmanager
def _binary(data: bytes | Path) -> Iterator[BinaryIO]:
    if isinstance(data, bytes | bytearray):
        yield io.BytesIO(data)
    else:
        with open(data, "rb") as handle:
            yield handle


def _head(data: bytes | Path, count: int) -> bytes:
    with _binary(data) as handle:
        return handle.read(count)


def _contains(data: bytes | Path, needles: tuple[bytes, ...], chunk: int = 64 * 1024) -> set[bytes]:
    """Which of `needles` occur in the file, read in chunks (never whole)."""
    found, overlap, tail = set(), max(len(n) for n in needles) - 1, b""
    with _binary(data) as handle:
        while block := handle.read(chunk):
            window = tail + block
            found.update(n for n in needles if n in window)
            tail = window[-overlap:]
    return found


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _ole_kind(data: bytes | Path) -> str:
    """An OLE2 compound file: an encrypted (password-protected) Office file, an old .xls, or
    another, told by the stream names of its directory."""
    encrypted, workbook, book = _utf16("EncryptedPackage"), _utf16("Workbook"), _utf16("Book\0")
    found = _contains(data, (encrypted, workbook, book))
    if encrypted in found:
        return "encrypted"
    return "xls_legacy" if found & {workbook, book} else "ole_other"


def _looks_like_text(head: bytes) -> bool:
    """Mostly printable UTF-8 (or UTF-16 with its mark): a CSV or other text renamed."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    if not text or "\0" in text:
        return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable / len(text) > 0.95


def _signature_problems(data: bytes | Path) -> list[ReportProblem]:
    head = _head(data, 4096)
    if head.startswith(ZIP_SIGNATURES):
        return []
    if head.startswith(OLE_SIGNATURE):
        return [problem(_ole_kind(data))]
    if head.startswith(PICTURE_SIGNATURES):
        return [problem("image", found=head[:4].decode("latin-1").strip("\0\r\n\x89"))]
    if _looks_like_text(head):
        return [problem("csv_or_text", found=head[:40].decode("utf-8", errors="replace"))]
    return [problem("unknown_format")]


def _megabytes(size: int) -> str:
    return f"{size / MiB:.1f} MB"


def _zip_problems(data: bytes | Path) -> list[ReportProblem]:
    """The zip's directory judged without unpacking anything but two tiny parts."""
    with _binary(data) as handle:
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            return [problem("damaged_file")]
        with archive:
            parts = archive.infolist()
            total = sum(part.file_size for part in parts)
            bomb = any(
                part.file_size > MiB and part.file_size > MAX_RATIO * max(part.compress_size, 1)
                for part in parts
            )
            if len(parts) > MAX_ENTRIES or total > MAX_UNCOMPRESSED or bomb:
                return [
                    problem(
                        "zip_bomb",
                        found=f"{len(parts)} / {_megabytes(total)}",
                        max_entries=MAX_ENTRIES,
                        max_size=_megabytes(MAX_UNCOMPRESSED),
                    )
                ]
            names = {part.filename: part for part in parts}
            mimetype = names.get("mimetype")
            if mimetype and mimetype.file_size < 200 and b"opendocument" in archive.read(mimetype):
                return [problem("opendocument")]
            if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
                return [problem("not_excel")]
            problems = []
            refused: dict[str, list[str]] = {}
            for name in names:
                for part, rule in REFUSED_PARTS.items():
                    if name == part or (part.endswith("/") and name.startswith(part)):
                        refused.setdefault(rule, []).append(name)
            types = names["[Content_Types].xml"]
            if types.file_size <= CONTENT_TYPES_MAX and b"macroEnabled" in archive.read(types):
                refused.setdefault("macros", []).append("[Content_Types].xml: macroEnabled")
            for rule, found in refused.items():
                problems.append(problem(rule, found=", ".join(sorted(found))))
            return problems


def file_problems(data: bytes | Path, max_bytes: int = MAX_BYTES) -> list[ReportProblem]:
    """Whether the bytes or file can be an .xlsx of the template, judged without opening it."""
    size = _size(data)
    if size == 0:
        return [problem("empty_file", found="0 byte")]
    if size > max_bytes:
        return [problem("too_large", found=_megabytes(size), limit=_megabytes(max_bytes))]
    return _signature_problems(data) or _zip_problems(data)


# --- the workbook ---------------------------------------------------------------------------


def _open(data: bytes | Path):
    with _binary(data) as handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns of extensions it does not read
        try:
            return load_workbook(handle, data_only=False, keep_links=False)
        except Exception:  # noqa: BLE001 - any failure of a damaged file is a refusal, not a crash
            return None


def _text(value: object) -> str:
    """A text cell's content ('' for an empty cell; a number typed as text kept as typed)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _meta(book) -> dict[str, str] | None:
    if META_SHEET not in book.sheetnames:
        return None
    sheet = book[META_SHEET]
    keys = sorted(cell.row for cell in _stored_cells(sheet) if cell.column == 1 and cell.value)
    return {_text(sheet.cell(row, 1).value): _text(sheet.cell(row, 2).value) for row in keys}


def _stored_cells(sheet: Worksheet) -> list:
    """The cells the file holds, never the empty grid between them: one cell at XFD1048576 must
    not make the reader walk 17 billion empty ones (openpyxl keeps them in `_cells`)."""
    return list(sheet._cells.values())


def _formulas(sheet: Worksheet) -> Iterator[ReportProblem]:
    """Every formula cell of a sheet, wherever it stands."""
    for cell in sorted(_stored_cells(sheet), key=lambda c: (c.row, c.column)):
        if cell.data_type == "f":
            text = getattr(cell.value, "text", cell.value)
            yield problem(
                "formula", sheet=sheet.title, row=cell.row, column=cell.column_letter, found=text
            )


def _header_problems(
    sheet: Worksheet, columns: tuple[Column, ...] = COLUMNS, letters: dict[str, str] = LETTERS
) -> Iterator[ReportProblem]:
    for index, column in enumerate(columns, start=1):
        found = sheet.cell(HEADER_ROW, index).value
        if _text(found) != column.header:
            yield problem(
                "header_changed",
                sheet=sheet.title,
                row=HEADER_ROW,
                column=letters[column.key],
                found=found,
                expected=column.header.replace("\n", " / "),
            )


_LEVEL_BY_LABEL = {labels[0]: level for level, labels in regime.LEVELS.items()}


def _listed(items: list[str], most: int = 12) -> str:
    return ", ".join(items[:most]) + (", …" if len(items) > most else "")


@dataclass
class _SheetReading:
    """The rows of one sheet as read, and its problems."""

    records: list[dict] = field(default_factory=list)
    problems: list[ReportProblem] = field(default_factory=list)
    comments: dict[tuple[str, int], str] = field(default_factory=dict)


def _rows_of(sheet: Worksheet, columns: tuple[Column, ...]) -> Iterator[tuple[int, dict, dict]]:
    """Each row below the headers with any text in the layout's columns, in order: its number,
    its cells by column key and where it is (sheet, row)."""
    filled = {
        cell.row
        for cell in _stored_cells(sheet)
        if cell.row >= FIRST_DATA_ROW and cell.column <= len(columns) and _text(cell.value)
    }
    for number in sorted(filled):
        cells = {c.key: sheet.cell(number, i) for i, c in enumerate(columns, start=1)}
        yield number, cells, {"sheet": sheet.title, "row": number}


def _read_sheet(
    sheet: Worksheet, expected: tuple[LayoutRow, ...], layout: Layout, previous: dict
) -> _SheetReading:
    out = _SheetReading()
    by_key = {row.key: row for row in expected}
    by_indicator: dict[str, list[LayoutRow]] = {}
    for row in expected:
        by_indicator.setdefault(row.indicator_id, []).append(row)
    seen: dict[tuple, int] = {}
    for number, cells, where in _rows_of(sheet, COLUMNS):
        key, readable = _row_key(cells, by_indicator, out.problems, where)
        if key is None:
            continue
        if key in seen:
            out.problems.append(
                problem(
                    "duplicate_row",
                    column=LETTERS["area_code"],
                    found=f"{key[0]} {key[2]}",
                    first=seen[key],
                    **where,
                )
            )
            continue
        seen[key] = number
        if readable:
            out.records.append(_read_values(cells, by_key[key], layout, previous, out, where))
    for row in expected:
        if row.key not in seen:
            out.problems.append(
                problem(
                    "missing_row",
                    sheet=sheet.title,
                    indicator=row.indicator_id,
                    area=f"{row.area_code} {row.area_name}",
                )
            )
    return out


def _row_key(cells, by_indicator, problems: list, where: dict) -> tuple[tuple | None, bool]:
    """The (indicator, level, area) a row stands for (None for a row of no expected area) and
    whether its value can be read (not with a changed unit), with the problems of its pre-filled
    cells: an unknown indicator, a changed unit, level or area code."""
    indicator_id = _text(cells["indicator_id"].value)
    if indicator_id not in by_indicator:
        problems.append(
            problem(
                "unknown_indicator",
                column=LETTERS["indicator_id"],
                found=cells["indicator_id"].value,
                expected=_listed(list(by_indicator)),
                **where,
            )
        )
        return None, False
    rows = by_indicator[indicator_id]
    readable = _text(cells["unit"].value) == rows[0].unit_label
    if not readable:
        problems.append(
            problem(
                "wrong_unit",
                column=LETTERS["unit"],
                found=cells["unit"].value,
                expected=rows[0].unit_label,
                **where,
            )
        )
    level = _LEVEL_BY_LABEL.get(_text(cells["area_level"].value))
    levels = list(dict.fromkeys(row.level for row in rows))
    if level not in levels:
        problems.append(
            problem(
                "wrong_level",
                column=LETTERS["area_level"],
                found=cells["area_level"].value,
                expected=" / ".join(regime.LEVELS[lv][0] for lv in levels),
                **where,
            )
        )
        return None, False
    code = _text(cells["area_code"].value)
    codes = [row.area_code for row in rows if row.level == level]
    if code not in codes:
        problems.append(
            problem(
                "unknown_area",
                column=LETTERS["area_code"],
                found=cells["area_code"].value,
                expected=_listed(codes),
                level=regime.LEVELS[level][0],
                **where,
            )
        )
        return None, False
    return (indicator_id, level, code), readable


def _read_values(cells, row: LayoutRow, layout: Layout, previous: dict, out, where) -> dict:
    """The filled cells of a row checked: value, source, note and comment."""
    texts = {}
    for key in ("source_ref", "note", "comment"):
        cell = cells[key]
        texts[key] = "" if cell.data_type == "f" else _text(cell.value)
        out.problems.extend(check_text(texts[key], column=LETTERS[key], **where))
    out.comments[(where["sheet"], where["row"])] = texts["comment"]
    cell = cells["value"]
    value: float | None = None
    at = {"column": LETTERS["value"], **where}
    if cell.data_type == "f":
        pass  # reported once, as a formula; a blank value is a figure not (yet) reported
    elif _text(cell.value) != "":
        found = check_value(cell.value, row.value_rule, **at)
        out.problems.extend(found)
        if not found and is_number(cell.value):
            value = float(cell.value)
            rule = layout.rules[row.indicator_id]
            out.problems.extend(check_plausible(value, rule.plausible, **at))
            out.problems.extend(
                check_jump(value, previous.get(row.key), rule.max_change_factor, row.decimals, **at)
            )
            source = {"column": LETTERS["source_ref"], **where}
            out.problems.extend(check_source(value, texts["source_ref"], **source))
    return {
        "indicator_id": row.indicator_id,
        "area_level": row.level,
        "area_code": row.area_code,
        "period": layout.period,
        "value": math.nan if value is None else value,
        **texts,
    }


# --- the tasks sheet ---------------------------------------------------------------------------

DATE_TEXTS = ("%d/%m/%Y", "%Y-%m-%d")
"""How a date typed as text is read (15/03/2024, 2024-03-15)."""


def _date(cell, problems: list[ReportProblem], where: dict) -> dt.date | None:
    """A date cell's day (None when blank; a formula is reported once, as a formula); text as
    DATE_TEXTS; anything else (a number, other text) is not a date."""
    if cell.data_type == "f" or _text(cell.value) == "":
        return None
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        for pattern in DATE_TEXTS:
            try:
                return dt.datetime.strptime(value.strip(), pattern).date()
            except ValueError:
                continue
    problems.append(problem("task_not_a_date", found=value, **where))
    return None


def _read_task(cells, row: TaskRow, period: str, today: dt.date, out, where) -> dict:
    """The filled cells of a task row checked: status, dates, texts and comment."""
    texts = {}
    for key in TASK_TEXTS:
        cell = cells[key]
        texts[key] = "" if cell.data_type == "f" else _text(cell.value)
        out.problems.extend(check_text(texts[key], column=TASK_LETTERS[key], **where))
    out.comments[(where["sheet"], where["row"])] = texts["comment"]
    cell = cells["status"]
    given = "" if cell.data_type == "f" else _text(cell.value)
    status = task_status(given) if given else None
    at = {"column": TASK_LETTERS["status"], **where}
    if given and status is None:
        listed = " / ".join(vi for vi, _ in TASK_STATUS_LABELS.values())
        out.problems.append(problem("task_unknown_status", found=given, expected=listed, **at))
    dates = {
        key: _date(cells[key], out.problems, {"column": TASK_LETTERS[key], **where})
        for key in ("completed_on", "deadline")
    }
    content = any(texts[k] for k in TASK_TEXTS if k != "comment") or any(dates.values())
    if not given and cell.data_type != "f" and content:
        out.problems.append(problem("task_status_missing", **at))
    if status is not None:
        out.problems.extend(
            check_task(status, dates["completed_on"], dates["deadline"], texts["evidence"],
                       year=int(period), today=today, columns=TASK_LETTERS, **where)
        )  # fmt: skip
    return {"task_id": row.task_id, "role": row.role, "period": period, "status": status,
            **dates, **texts}  # fmt: skip


def _read_tasks(sheet: Worksheet, layout: Layout, today: dt.date) -> _SheetReading:
    """The tasks sheet's rows: each task of the layout once, its id and role as written."""
    out = _SheetReading()
    by_id = {row.task_id: row for row in layout.tasks}
    seen: dict[str, int] = {}
    for number, cells, where in _rows_of(sheet, TASK_COLUMNS):
        task_id = _text(cells["task_id"].value)
        row = by_id.get(task_id)
        if row is None:
            out.problems.append(
                problem("unknown_task", column=TASK_LETTERS["task_id"],
                        found=cells["task_id"].value, expected=_listed(list(by_id)), **where)
            )  # fmt: skip
            continue
        if task_id in seen:
            out.problems.append(
                problem("duplicate_task_row", column=TASK_LETTERS["task_id"], found=task_id,
                        first=seen[task_id], **where)
            )  # fmt: skip
            continue
        seen[task_id] = number
        if _text(cells["role"].value) != row.role_label:
            out.problems.append(
                problem("wrong_role", column=TASK_LETTERS["role"], found=cells["role"].value,
                        expected=row.role_label, **where)
            )  # fmt: skip
        out.records.append(_read_task(cells, row, layout.period, today, out, where))
    for row in layout.tasks:
        if row.task_id not in seen:
            out.problems.append(problem("missing_task_row", sheet=sheet.title, task=row.task_id))
    return out


def _template_problems(meta: dict[str, str] | None) -> list[ReportProblem]:
    if meta is None or meta.get("template") != TEMPLATE_ID:
        return [problem("not_template")]
    if meta.get("version") != TEMPLATE_VERSION:
        return [
            problem("template_version", found=meta.get("version", ""), expected=TEMPLATE_VERSION)
        ]
    return []


def read_workbook(
    data: bytes | Path,
    *,
    agency_id: str | None = None,
    period: str | int | None = None,
    max_bytes: int = MAX_BYTES,
    source: DataSource | None = None,
    on: dt.date | None = None,
) -> Intake:
    """Read and check an uploaded report (bytes or a file): is it this template's .xlsx, of the
    expected agency and period (when given), laid out as the regime expects on `on` (default
    today), with numbers within their limits; previous values for the jump warnings come from
    `source` (default: the published data)."""
    problems = file_problems(data, max_bytes)
    if problems:
        return _refused(problems)
    book = _open(data)
    if book is None:
        return _refused([problem("damaged_file")])
    meta = _meta(book)
    problems = _template_problems(meta)
    if problems:
        return _refused(problems)
    found_agency, found_period = meta.get("agency_id", ""), meta.get("period", "")
    if agency_id is not None and found_agency != agency_id:
        problems.append(problem("wrong_agency", found=found_agency, expected=agency_id))
    if period is not None and found_period != str(period).strip():
        problems.append(problem("wrong_period", found=found_period, expected=str(period).strip()))
    try:
        layout = expected_layout(found_agency, found_period, on)
    except (regime.AgencyError, regime.PeriodError) as error:
        problems.append(
            problem("not_expected", found=f"{found_agency} {found_period}", reason=str(error))
        )
        return _refused(problems, found_agency, found_period)
    if meta.get("layout") != layout.fingerprint():
        problems.append(problem("layout_changed", found=meta.get("layout", "")[:12]))
    expected = {sheet.name: sheet for sheet in layout.sheets}
    known = {*expected, INSTRUCTIONS_SHEET, META_SHEET, *([TASKS_SHEET] if layout.tasks else [])}
    for name in book.sheetnames:
        if name not in known:
            problems.append(problem("extra_sheet", sheet=name, found=name))
    for name in book.sheetnames:
        problems.extend(_formulas(book[name]))
    previous = previous_values(layout, source or sources.published())
    records, comments = [], {}
    for name, layout_sheet in expected.items():
        if name not in book.sheetnames:
            problems.append(problem("missing_sheet", expected=name))
            continue
        sheet = book[name]
        problems.extend(_header_problems(sheet))
        reading = _read_sheet(sheet, layout_sheet.rows, layout, previous)
        problems.extend(reading.problems)
        records.extend(reading.records)
        comments.update(reading.comments)
    tasks = _empty_tasks()
    if layout.tasks and TASKS_SHEET not in book.sheetnames:
        problems.append(problem("missing_sheet", expected=TASKS_SHEET))
    elif layout.tasks:
        sheet = book[TASKS_SHEET]
        problems.extend(_header_problems(sheet, TASK_COLUMNS, TASK_LETTERS))
        reading = _read_tasks(sheet, layout, on or dt.date.today())
        problems.extend(reading.problems)
        comments.update(reading.comments)
        if reading.records:
            tasks = pd.DataFrame(reading.records, columns=list(TASK_ROW_COLUMNS)).astype(object)
            tasks = tasks.where(tasks.notna(), None)
    rows = pd.DataFrame(records, columns=list(ROW_COLUMNS)) if records else _empty_rows()
    rows["value"] = rows["value"].astype("float64")
    example = meta.get("example") == "true"
    ordered = _ordered(problems, book.sheetnames)
    return Intake(found_agency, found_period, rows, ordered, example, comments, tasks)


def _ordered(problems: list[ReportProblem], sheets: list[str]) -> list[ReportProblem]:
    """File problems first, then sheet by sheet in the workbook's order, by row and column."""
    order = {name: index for index, name in enumerate(sheets)}
    return sorted(
        problems, key=lambda p: (order.get(p.sheet, -1), p.row or 0, p.column or "", p.rule)
    )
