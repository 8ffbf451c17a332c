"""An agency's report workbook for a period (.xlsx, written with openpyxl): an instructions sheet
in Vietnamese and English, one sheet per target group the agency reports, the rows of every area
it must report pre-filled and locked, Excel data validation from the same value rules the intake
applies, the tasks sheet (`task_sheet`: the plan's tasks it leads or cooperates on, a list of
statuses and date checks from the same rules as the intake, the plan's whole text in each task
cell's note, the previous period's published report beside each row), and very hidden template
data (`layout.META_SHEET`) naming the agency, the period, the template version and the layout's
fingerprint.

Sheets and the workbook structure are protected WITHOUT a password: protection guides the
reporter (only the yellow cells take input) and is not a security boundary; the intake checks
every cell whatever the protection. `example=True` fills plausible values for training and
tests: each the previous period's published value (or the nearest published one) changed by a
few per cent, the same for the same agency, period and row, and illustrative task reports
(`task_examples`); `filled` gives the yellow cells of chosen rows instead (the demo data's own
illustrative values, `reporting.demo`), `tasks_filled` those of the tasks sheet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ttx_data import agencies, catalog, datasets, geography, places, sources
from ttx_data.export import _text_not_formulas
from ttx_data.i18n import format_date, format_number
from ttx_data.reporting import regime, task_sheet
from ttx_data.reporting.checks import (
    TASK_DEADLINE_FIRST,
    TASK_STATUS_LABELS,
    TEXT_MAX,
    VALUE_RULES,
    ValueRule,
    period_end,
    range_text,
)
from ttx_data.reporting.layout import (
    COLUMNS,
    FIRST_DATA_ROW,
    HEADER_ROW,
    INSTRUCTIONS_SHEET,
    LETTERS,
    META_KEYS,
    META_SHEET,
    TASK_COLUMNS,
    TASK_LETTERS,
    TASK_TEXTS,
    TEMPLATE_ID,
    TEMPLATE_VERSION,
    Column,
    Layout,
    LayoutRow,
    SheetLayout,
    expected_layout,
    previous_values,
)
from ttx_data.reporting.task_examples import example_task_cells
from ttx_data.reporting.task_sheet import TASKS_SHEET
from ttx_data.sources import DataSource

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FILL = PatternFill("solid", fgColor="1F5C4D")
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
EXAMPLE_FONT = Font(bold=True, color="C00000")
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FIRST_BORDER = Border(left=THIN, right=THIN, top=Side(style="medium", color="1F5C4D"), bottom=THIN)
"""The top border of an indicator's first row, separating indicators."""

EXAMPLE_SOURCE = "Ví dụ minh họa / Illustrative example"
"""The source written beside every example value, so it cannot pass for a reported figure."""

EXAMPLE_CHANGE = 0.03
"""Largest relative change of an example value from its reference (3 %)."""


def build_template(
    agency_id: str,
    period: str | int,
    *,
    example: bool = False,
    source: DataSource | None = None,
    on: dt.date | None = None,
    filled: Mapping[tuple, Mapping[str, object]] | None = None,
    tasks_filled: Mapping[tuple[str, str], Mapping[str, object]] | None = None,
) -> bytes:
    """The .xlsx an agency fills in for a period, as the regime stands on `on` (default today);
    previous values and task reports from `source` (default: the published data). PeriodError
    or AgencyError (vi/en) for a period not of the plan or an agency with nothing to report.

    `filled`: for a row's key (`LayoutRow.key`), the yellow cells to write (column key of
    FILLED_IN -> value), instead of the example values; with `example` the file is still marked
    an example. `tasks_filled`: the same for the tasks sheet, by `TaskRow.key` (column key of
    TASK_FILLED_IN -> value; a status as its code or as text, dates as dates), instead of the
    example task reports."""
    on = on or dt.date.today()
    layout = expected_layout(agency_id, period, on)
    source = source or sources.published()
    previous = previous_values(layout, source)
    if filled is None:
        values = example_values(layout, source) if example else {}
        filled = {key: {"value": v, "source_ref": EXAMPLE_SOURCE} for key, v in values.items()}
    if tasks_filled is None:
        tasks_filled = example_task_cells(agency_id, layout.tasks, period, on) if example else {}
    _check_filled(filled, FILLED_IN)
    _check_filled(tasks_filled, TASK_FILLED_IN)
    book = Workbook()
    _instructions(book.active, layout, on, example)
    for sheet in layout.sheets:
        _group_sheet(book.create_sheet(sheet.name), sheet, layout, previous, filled)
    if layout.tasks:
        reports = task_sheet.previous_reports(agency_id, layout.tasks, period, source, on)
        _tasks_sheet(book.create_sheet(TASKS_SHEET), layout, reports, tasks_filled)
    _meta(book.create_sheet(META_SHEET), layout, example, on)
    book.security = WorkbookProtection(lockStructure=True)
    book.properties.title = f"TTX Bắc Giang: {agency_id} {layout.period}"
    book.properties.creator = "TTX Bắc Giang"
    _text_not_formulas(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FILLED_IN = tuple(column.key for column in COLUMNS if column.filled_in)
"""The columns a reporter fills in (the yellow cells): value, source, note, comment."""

TASK_FILLED_IN = tuple(column.key for column in TASK_COLUMNS if column.filled_in)
"""The tasks sheet's columns a reporter fills in: status, the dates, the texts, comment."""


def _check_filled(filled: Mapping[tuple, Mapping[str, object]], columns: tuple[str, ...]) -> None:
    for key, cells in filled.items():
        other = sorted(set(cells) - set(columns))
        if other:
            raise ValueError(f"{key}: only {', '.join(columns)} are filled in, not {other}")


# --- example values -----------------------------------------------------------------------


def _unit_change(layout: Layout, row: LayoutRow) -> float:
    """A change in [-EXAMPLE_CHANGE, +EXAMPLE_CHANGE], fixed by agency, period and row."""
    seed = "|".join((layout.agency_id, layout.period, *row.key)).encode("utf-8")
    fraction = int.from_bytes(hashlib.sha256(seed).digest()[:8], "big") / 2**64
    return (2 * fraction - 1) * EXAMPLE_CHANGE


def _latest(source: DataSource, layout: Layout) -> dict[tuple, float]:
    """The latest published value before the period of each (indicator, level, area)."""
    found: dict[tuple, float] = {}
    ids = {row.indicator_id for row in layout.rows}
    for dataset, level in (
        (datasets.OBSERVATIONS, None),
        (datasets.COMMUNE_OBSERVATIONS, "commune"),
    ):
        frame = source.dataset(dataset)
        frame = frame[frame["indicator_id"].isin(ids) & (frame["year"] < int(layout.period))]
        for row in frame.sort_values("year").itertuples(index=False):
            code = str(row.unit_code if level else row.area_code)
            found[(row.indicator_id, level or row.area_level, code)] = float(row.value)
    return found


def _area_share(row: LayoutRow) -> float:
    """The row's area as a share of the province's (for an additive unit without history)."""
    if row.level == regime.COMMUNE:
        units = places.communes_of()
        total = sum(u.area_km2 for u in units)
        return next(u.area_km2 for u in units if u.code == row.area_code) / total
    if row.level == regime.DISTRICT:
        districts = geography.load_districts().set_index("district_code")["area_km2"]
        return float(districts[row.area_code] / districts.sum())
    return 1.0


def _reference(row: LayoutRow, previous: dict, latest: dict) -> float | None:
    """What an example value starts from: the previous period's value, else the row's latest,
    else the province's latest (shared out by area for hectares)."""
    for found in (previous.get(row.key), latest.get(row.key)):
        if found is not None:
            return found
    province = latest.get((row.indicator_id, regime.PROVINCE, places.units.PROVINCE_CODE))
    if province is None:
        return None
    return province * _area_share(row) if row.unit in catalog.ADDITIVE_UNITS else province


def _clamp(value: float, rule: ValueRule, plausible) -> float:
    for low in (rule.minimum, plausible.minimum):
        value = value if low is None else max(value, low)
    for high in (rule.maximum, plausible.maximum):
        value = value if high is None else min(value, high)
    return value


def _middle(rule: ValueRule, plausible) -> float:
    low = plausible.minimum if plausible.minimum is not None else rule.minimum or 0.0
    high = plausible.maximum if plausible.maximum is not None else rule.maximum
    return low if high is None else (low + high) / 2


def example_values(layout: Layout, source: DataSource) -> dict[tuple, float]:
    """Plausible, deterministic values for every row (see the module's docstring)."""
    previous = previous_values(layout, source)
    latest = _latest(source, layout)
    values = {}
    for row in layout.rows:
        rule = layout.rules[row.indicator_id]
        base = _reference(row, previous, latest)
        if base is None:
            base = _middle(row.value_rule, rule.plausible)
        value = _clamp(base * (1 + _unit_change(layout, row)), row.value_rule, rule.plausible)
        values[row.key] = round(value, row.decimals)
    return values


# --- sheets -------------------------------------------------------------------------------


def _agency_names(agency_id: str) -> tuple[str, str]:
    register = agencies.load_register()
    return register.name(agency_id, "vi"), register.name(agency_id, "en")


def _number_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _dates(layout: Layout) -> tuple[dt.date, dt.date]:
    """The period's cut-off and deadline for this agency (the latest of its rules' and, with
    tasks, of the period's task reports)."""
    own = layout.rules.values()
    cutoffs = [rule.cutoff_date(layout.period) for rule in own]
    deadlines = [rule.deadline_date(layout.period) for rule in own]
    if layout.tasks_due is not None:
        cutoffs.append(period_end(int(layout.period)))
        deadlines.append(layout.tasks_due)
    return max(cutoffs), max(deadlines)


def _validation(rule: ValueRule) -> DataValidation:
    """Excel's own check of a value cell: a decimal number within the rule's range."""
    if rule.minimum is not None and rule.maximum is not None:
        bounds = {
            "operator": "between",
            "formula1": f"{rule.minimum:g}",
            "formula2": f"{rule.maximum:g}",
        }
    elif rule.minimum is not None:
        bounds = {"operator": "greaterThanOrEqual", "formula1": f"{rule.minimum:g}"}
    else:
        bounds = {"operator": "lessThanOrEqual", "formula1": f"{rule.maximum:g}"}
    text = f"{rule.expected('vi')}\n{rule.expected('en')}"
    return DataValidation(
        type=rule.kind,
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="stop",
        errorTitle="Giá trị không hợp lệ / Invalid",
        error=f"Cần nhập {rule.expected('vi')}.\nEnter {rule.expected('en')}.",
        promptTitle="Giá trị / Value",
        prompt=text,
        **bounds,
    )


def _text_validation() -> DataValidation:
    return DataValidation(
        type="textLength",
        operator="lessThanOrEqual",
        formula1=str(TEXT_MAX),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Quá dài / Too long",
        error=f"Tối đa {TEXT_MAX} ký tự. / At most {TEXT_MAX} characters.",
    )


def _protect(sheet: Worksheet) -> None:
    """Lock the sheet without a password; columns and rows may still be resized."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _print_setup(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def _head(
    sheet: Worksheet, columns: tuple[Column, ...], titles: tuple[str, str], hint: tuple[str, str]
) -> None:
    """A sheet's title (vi, en), its hint (vi / en) and its column headers."""
    sheet["A1"], sheet["A2"] = titles
    sheet["A3"] = f"{hint[0]} / {hint[1]}"
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"].font = Font(bold=True, size=11, color="404040")
    sheet["A3"].font = Font(italic=True, color="404040")
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(HEADER_ROW, index, column.header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = BORDER
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.row_dimensions[HEADER_ROW].height = 48


def _finish(sheet: Worksheet, validations: list[DataValidation]) -> None:
    """A sheet's data validation, frozen headers, print set-up and protection."""
    for validation in validations:
        sheet.add_data_validation(validation)
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _print_setup(sheet)
    _protect(sheet)


def _shade(cell, column: Column) -> None:
    """A cell filled in: yellow and unlocked; the previous period's: grey."""
    if column.filled_in:
        cell.fill = INPUT_FILL
        cell.protection = Protection(locked=False)
    elif column.key == "previous":
        cell.fill = LOCKED_FILL


def _group_sheet(
    sheet: Worksheet,
    layout_sheet: SheetLayout,
    layout: Layout,
    previous: dict,
    given: Mapping[tuple, Mapping[str, object]],
) -> None:
    vi, en = _agency_names(layout.agency_id)
    _, deadline = _dates(layout)
    group_vi, group_en = catalog.GROUPS[layout_sheet.group]
    titles = (
        f"{layout_sheet.name} · {vi} · Kỳ báo cáo {layout.period}",
        f"{group_en} · {en} · Reporting period {layout.period}",
    )
    hint = (
        f"Chỉ nhập vào ô nền vàng; hạn gửi {format_date(deadline, 'vi')}.",
        f"Fill in the yellow cells only; due {format_date(deadline, 'en')}.",
    )
    _head(sheet, COLUMNS, titles, hint)
    checks: dict[str, DataValidation] = {}
    texts = _text_validation()
    for offset, row in enumerate(layout_sheet.rows):
        number = FIRST_DATA_ROW + offset
        first = offset == 0 or layout_sheet.rows[offset - 1].indicator_id != row.indicator_id
        filled = {
            "indicator_id": row.indicator_id,
            "indicator": row.indicator_name,
            "unit": row.unit_label,
            "area_level": row.level_label,
            "area_code": row.area_code,
            "area_name": row.area_name,
            "previous": previous.get(row.key),
            **given.get(row.key, {}),
        }
        for index, column in enumerate(COLUMNS, start=1):
            cell = sheet.cell(number, index, filled.get(column.key))
            cell.border = FIRST_BORDER if first else BORDER
            _shade(cell, column)
            if column.key in ("value", "previous"):
                cell.number_format = _number_format(row.decimals)
            elif column.key in ("area_code", "indicator_id"):
                cell.number_format = "@"
        rule = row.value_rule
        checks.setdefault(rule.name, _validation(rule)).add(f"{LETTERS['value']}{number}")
        for key in ("source_ref", "note", "comment"):
            texts.add(f"{LETTERS[key]}{number}")
    _finish(sheet, [*checks.values(), texts])


# --- the tasks sheet ------------------------------------------------------------------------

COOPERATING_FONT = Font(italic=True, color="595959")
DATE_FORMAT = "DD/MM/YYYY"
EXCEL_EPOCH = dt.date(1899, 12, 30)


def _serial(day: dt.date) -> str:
    """A day as Excel's serial number (what a date validation compares with)."""
    return str((day - EXCEL_EPOCH).days)


def _task_validations(year: int) -> dict[str, DataValidation]:
    """Excel's own checks of the tasks sheet, from the intake's rules: the status list, the
    completion date by the period's end, the deadline from the plan's date, text lengths."""
    labels = [vi for vi, _ in TASK_STATUS_LABELS.values()]
    listed_en = " / ".join(en for _, en in TASK_STATUS_LABELS.values())
    last, first = period_end(year), TASK_DEADLINE_FIRST
    common = {"allow_blank": True, "showErrorMessage": True, "showInputMessage": True,
              "errorStyle": "stop"}  # fmt: skip
    return {
        "status": DataValidation(
            type="list", formula1='"' + ",".join(labels) + '"', **common,
            errorTitle="Tình trạng / Status", promptTitle="Tình trạng / Status",
            error=f"Chọn trong danh sách: {', '.join(labels)}.\nPick one of the list.",
            prompt=f"{' / '.join(labels)}\n{listed_en}",
        ),
        "completed_on": DataValidation(
            type="date", operator="lessThanOrEqual", formula1=_serial(last), **common,
            errorTitle="Ngày hoàn thành / Completed on", promptTitle="Ngày hoàn thành / Completed on",
            error=f"Một ngày đến hết {format_date(last, 'vi')}.\nA day by {format_date(last, 'en')}.",
            prompt="Ngày hoàn thành (dd/mm/yyyy), chỉ khi đã hoàn thành.\nOnly for a completed task.",
        ),
        "deadline": DataValidation(
            type="date", operator="greaterThanOrEqual", formula1=_serial(first), **common,
            errorTitle="Thời hạn / Deadline", promptTitle="Thời hạn / Deadline",
            error=f"Một ngày từ {format_date(first, 'vi')}.\nA day from {format_date(first, 'en')}.",
            prompt="Thời hạn thực hiện (dd/mm/yyyy).\nThe deadline the agency works to.",
        ),
        "texts": _text_validation(),
    }  # fmt: skip


def _task_cell_value(key: str, value: object) -> object:
    """A given cell as the sheet shows it: a status code as its Vietnamese label."""
    if key == "status" and value in TASK_STATUS_LABELS:
        return TASK_STATUS_LABELS[value][0]
    return value


def _task_note(row: task_sheet.TaskRow) -> Comment:
    """The plan's whole text (and our English summary) in the task cell's note."""
    kind = "Nhiệm vụ mục III" if row.kind == "task" else "Nhiệm vụ mục IV"
    text = f"{kind} {row.task_id} ({row.role_label})\n\n{row.text_vi}\n\n{row.text_en}"
    note = Comment(text, "TTX Bắc Giang")
    note.width, note.height = 480, min(60 + 18 * _lines(text, 60), 900)
    return note


def _tasks_sheet(
    sheet: Worksheet,
    layout: Layout,
    previous: dict[tuple[str, str], str],
    given: Mapping[tuple[str, str], Mapping[str, object]],
) -> None:
    vi, en = _agency_names(layout.agency_id)
    _, deadline = _dates(layout)
    titles = (
        f"{TASKS_SHEET} · {vi} · Kỳ báo cáo {layout.period}",
        f"The plan's tasks · {en} · Reporting period {layout.period}",
    )
    hint = (
        "Chỉ nhập vào ô nền vàng; dòng Chủ trì cần báo cáo, dòng Phối hợp báo cáo phần đóng góp"
        f" (không bắt buộc); hạn gửi {format_date(deadline, 'vi')}.",
        "Fill in the yellow cells only; Lead rows are expected, Cooperating rows report a"
        f" contribution (optional); due {format_date(deadline, 'en')}.",
    )
    _head(sheet, TASK_COLUMNS, titles, hint)
    checks = _task_validations(int(layout.period))
    widths = {c.key: c.width for c in TASK_COLUMNS}
    for offset, row in enumerate(layout.tasks):
        number = FIRST_DATA_ROW + offset
        filled = {
            "task_id": row.task_id,
            "task": row.short_text(),
            "role": row.role_label,
            "previous": previous.get(row.key),
            **{k: _task_cell_value(k, v) for k, v in given.get(row.key, {}).items()},
        }
        for index, column in enumerate(TASK_COLUMNS, start=1):
            cell = sheet.cell(number, index, filled.get(column.key))
            cell.border = BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            _shade(cell, column)
            if column.key in ("completed_on", "deadline"):
                cell.number_format = DATE_FORMAT
            elif column.key == "task_id":
                cell.number_format = "@"
            if not row.expected and column.key in ("task_id", "task", "role"):
                cell.font = COOPERATING_FONT
        sheet[f"{TASK_LETTERS['task']}{number}"].comment = _task_note(row)
        for key in ("status", "completed_on", "deadline"):
            checks[key].add(f"{TASK_LETTERS[key]}{number}")
        for key in TASK_TEXTS:
            checks["texts"].add(f"{TASK_LETTERS[key]}{number}")
        lines = max(_lines(str(filled.get(k) or ""), widths[k]) for k in widths)
        sheet.row_dimensions[number].height = LINE_HEIGHT * min(lines, 8) + 3
    _finish(sheet, list(checks.values()))


def _rows_text(rule: regime.ReportingRule, period: str, lang: str) -> str:
    names = [regime.LEVELS[level][1 if lang == "en" else 0] for level in rule.levels(period)]
    return ", ".join(names)


def _indicator_lines(layout: Layout) -> list[tuple[str, str, str]]:
    by_id = {i.indicator_id: i for i in catalog.indicators()}
    lines = []
    for indicator_id, rule in layout.rules.items():
        indicator = by_id[indicator_id]
        factor_vi = format_number(rule.max_change_factor, "vi", 1)
        factor_en = format_number(rule.max_change_factor, "en", 1)
        plausible_vi = plausible_en = ""
        if rule.plausible.minimum is not None or rule.plausible.maximum is not None:
            plausible_vi = f"; khoảng hợp lý {range_text(rule.plausible, 'vi')}"
            plausible_en = f"; plausible {range_text(rule.plausible, 'en')}"
        lines.append(
            (
                f"{indicator.label}\n{indicator_id}",
                f"{indicator.name_vi} ({indicator.unit_vi}); cấp: "
                f"{_rows_text(rule, layout.period, 'vi')}; cảnh báo khi thay đổi quá {factor_vi} "
                f"lần so với kỳ trước{plausible_vi}",
                f"{indicator.name_en} ({indicator.unit_en}); level: "
                f"{_rows_text(rule, layout.period, 'en')}; warning beyond a change of "
                f"{factor_en}× from the previous period{plausible_en}",
            )
        )
    return lines


def _figure_steps(layout: Layout) -> list[tuple[str, str]]:
    units = {row.unit: row.value_rule for row in layout.rows}
    ranges_vi = "; ".join(f"{VALUE_RULES[u].expected('vi')}" for u in units)
    ranges_en = "; ".join(f"{VALUE_RULES[u].expected('en')}" for u in units)
    return [
        (
            "Chỉ nhập vào các ô nền vàng: Giá trị, Nguồn, Ghi chú, Giải trình cảnh báo. Các ô khác"
            " đã khóa (bảo vệ không mật khẩu, chỉ để tránh sửa nhầm).",
            "Fill in the yellow cells only: Value, Source, Note, Comment. The other cells are locked"
            " (protected without a password, only against slips).",
        ),
        (
            f"Giá trị là số theo đơn vị tính ở cột {LETTERS['unit']}, nhập tay: không công thức,"
            f" không chữ, không ký hiệu %. Giới hạn: {ranges_vi}.",
            f"A value is a number in the unit of column {LETTERS['unit']}, typed in: no formula,"
            f" no words, no % sign. Limits: {ranges_en}.",
        ),
        (
            "Ghi nguồn của từng giá trị (tên, số hiệu, ngày của văn bản hoặc báo cáo).",
            "Give each value's source (title, number, date of the document or report).",
        ),
        (
            "Chưa có số liệu: để trống ô Giá trị và ghi lý do ở cột Ghi chú.",
            "No figure yet: leave Value blank and say why under Note.",
        ),
        (
            f"Khi nộp, hệ thống so với kỳ trước (cột {LETTERS['previous']}) và khoảng hợp lý; giá"
            " trị thay đổi nhiều, ngoài khoảng hợp lý hay thiếu nguồn cần giải trình ở cột Giải"
            " trình cảnh báo.",
            f"On upload the system compares each value with the previous period (column"
            f" {LETTERS['previous']}) and its plausible range; a large change, an implausible value"
            " or a missing source needs a comment under Comment on warnings.",
        ),
    ]


def _task_steps(layout: Layout) -> list[tuple[str, str]]:
    labels_vi = ", ".join(vi for vi, _ in TASK_STATUS_LABELS.values())
    labels_en = ", ".join(en for _, en in TASK_STATUS_LABELS.values())
    last = period_end(int(layout.period))
    return [
        (
            f"Trang tính {TASKS_SHEET}: một dòng cho mỗi nhiệm vụ của Kế hoạch cơ quan chủ trì (cần"
            " báo cáo; để trống là chưa báo cáo) hoặc phối hợp (báo cáo phần đóng góp, không bắt"
            " buộc). Toàn văn nhiệm vụ ở ghi chú của ô Nhiệm vụ; cột Kỳ trước là báo cáo kỳ trước"
            " đã công bố.",
            f"Sheet {TASKS_SHEET}: a row per task of the plan the agency leads (expected; left"
            " blank it is not reported) or cooperates on (its contribution, optional). The task's"
            " whole text is in the Task cell's note; Previous period is the last published report.",
        ),
        (
            f"Tình trạng: chọn {labels_vi}. Hoàn thành: ghi ngày hoàn thành (đến hết ngày"
            f" {format_date(last, 'vi')}, không sau ngày nộp) và văn bản, minh chứng (số, ngày văn"
            " bản hoặc đường dẫn); thiếu minh chứng cần giải trình.",
            f"Status: pick {labels_en}. Completed: give the completion date (by"
            f" {format_date(last, 'en')}, not after the day of sending) and the evidence (document"
            " number and date, or a link); without evidence a comment is needed.",
        ),
        (
            "Thời hạn: ngày cơ quan phải hoàn thành (từ ngày ban hành Kế hoạch,"
            f" {format_date(TASK_DEADLINE_FIRST, 'vi')}). Chậm hoặc chưa triển khai: ghi khó khăn,"
            " vướng mắc và đề xuất, kiến nghị.",
            "Deadline: the day the agency must complete it (from the plan's date,"
            f" {format_date(TASK_DEADLINE_FIRST, 'en')}). Late or not started: give the obstacles"
            " and proposals.",
        ),
    ]


def _steps(layout: Layout) -> list[tuple[str, str, str]]:
    steps = _figure_steps(layout) if layout.rows else []
    steps += _task_steps(layout) if layout.tasks else []
    steps += [
        (
            "Không đổi tên, thêm, xóa trang tính, dòng hay cột. Tệp ghi sẵn cơ quan và kỳ báo cáo:"
            " chỉ nộp được cho đúng cơ quan, đúng kỳ.",
            "Do not rename, add or delete sheets, rows or columns. The file names its agency and"
            " period: it is accepted for those only.",
        ),
        (
            "Lưu dạng .xlsx (không .xls, .xlsm, không đặt mật khẩu mở tệp), rồi tải lên trang"
            " Nộp báo cáo.",
            "Save as .xlsx (not .xls or .xlsm, no opening password), then upload it on the"
            " reporting page.",
        ),
    ]
    return [(str(number), vi, en) for number, (vi, en) in enumerate(steps, start=1)]


def _sheet_lines(layout: Layout) -> list[tuple[str, str, str]]:
    lines = [
        (
            s.name,
            f"{len(s.rows)} dòng cần báo cáo",
            f"{catalog.GROUPS[s.group][1]}: {len(s.rows)} rows to report",
        )
        for s in layout.sheets
    ]
    if layout.tasks:
        lead = sum(row.expected for row in layout.tasks)
        other = len(layout.tasks) - lead
        lines.append(
            (
                TASKS_SHEET,
                f"{lead} nhiệm vụ chủ trì, {other} nhiệm vụ phối hợp",
                f"The plan's tasks: {lead} led, {other} cooperated on",
            )
        )
    return lines


def _instructions(sheet: Worksheet, layout: Layout, on: dt.date, example: bool) -> None:
    sheet.title = INSTRUCTIONS_SHEET
    vi, en = _agency_names(layout.agency_id)
    cutoff, deadline = _dates(layout)
    recipient = regime.recipient(on)
    to_vi, to_en = _agency_names(recipient)
    what_vi = (
        "chỉ tiêu và nhiệm vụ"
        if layout.rows and layout.tasks
        else ("chỉ tiêu" if layout.rows else "nhiệm vụ")
    )
    what_en = (
        "indicator and task"
        if layout.rows and layout.tasks
        else ("indicator" if layout.rows else "task")
    )
    sheet["A1"] = f"Mẫu báo cáo {what_vi} tăng trưởng xanh tỉnh Bắc Giang"
    sheet["A2"] = f"Green growth {what_en} report, Bắc Giang province"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"].font = Font(bold=True, size=12, color="404040")
    rows: list[tuple[str, str, str]] = []
    if example:
        rows.append(
            (
                "BẢN VÍ DỤ\nEXAMPLE",
                "Các giá trị và báo cáo nhiệm vụ điền sẵn là ví dụ minh họa để tập huấn, không phải"
                " số liệu, báo cáo thật.",
                "The values and task reports filled in are illustrative examples for training, not"
                " real figures or reports.",
            )
        )
    rows += [
        ("", "Tiếng Việt", "English"),
        ("Cơ quan báo cáo\nReporting agency", f"{vi} ({layout.agency_id})", en),
        (
            "Kỳ báo cáo\nReporting period",
            f"Năm {layout.period}: {'số liệu' if layout.rows else 'tình hình'} tính đến hết ngày"
            f" {format_date(cutoff, 'vi')}",
            f"Year {layout.period}: {'figures' if layout.rows else 'progress'} as of"
            f" {format_date(cutoff, 'en')}",
        ),
        ("Hạn gửi\nDeadline", format_date(deadline, "vi"), format_date(deadline, "en")),
        (
            "Nơi nhận\nRecipient",
            f"{to_vi} (cơ quan thường trực Ban Chỉ đạo TTX)",
            f"{to_en} (standing body of the steering committee)",
        ),
        (
            "Căn cứ\nBasis",
            "QĐ 1026/QĐ-UBND, Kế hoạch hành động tăng trưởng xanh tỉnh Bắc Giang 2021-2030:"
            " mục IV.2.2 (báo cáo định kỳ hằng năm) và IV.3 (chế độ thông tin, báo cáo).",
            "Decision 1026/QĐ-UBND, Bắc Giang green growth action plan 2021-2030: section IV.2.2"
            " (annual reports) and IV.3 (information and reporting).",
        ),
        ("Cách điền\nHow to fill", "", ""),
        *_steps(layout),
        ("Trang tính\nSheets", "", ""),
        *_sheet_lines(layout),
        *([("Chỉ tiêu\nIndicators", "", ""), *_indicator_lines(layout)] if layout.rows else []),
        (
            "Màu ô\nCell colours",
            "Vàng: ô cần nhập. Xám: giá trị, báo cáo kỳ trước đã công bố trên hệ thống (có thể là"
            " số liệu minh họa), để so sánh.",
            "Yellow: cells to fill in. Grey: the previous period's value or report published by"
            " the system (possibly illustrative), for comparison.",
        ),
        (
            "Mẫu\nTemplate",
            f"{TEMPLATE_ID}, phiên bản {TEMPLATE_VERSION}, mã bố cục {layout.fingerprint()[:12]},"
            f" lập ngày {format_date(on, 'vi')}",
            f"{TEMPLATE_ID}, version {TEMPLATE_VERSION}, layout {layout.fingerprint()[:12]},"
            f" made on {format_date(on, 'en')}",
        ),
    ]
    top = 4
    for offset, (label, text_vi, text_en) in enumerate(rows):
        number = top + offset
        for index, value in enumerate((label, text_vi, text_en), start=1):
            cell = sheet.cell(number, index, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(number, 1).font = Font(bold=True)
        if label and not text_vi and not text_en:
            for index in (1, 2, 3):
                sheet.cell(number, index).fill = LOCKED_FILL
        if label.startswith("BẢN VÍ DỤ"):
            for index in (1, 2, 3):
                sheet.cell(number, index).font = EXAMPLE_FONT
    sheet.cell(top + (1 if example else 0), 2).font = Font(bold=True)
    sheet.cell(top + (1 if example else 0), 3).font = Font(bold=True)
    widths = {"A": 36, "B": 62, "C": 62}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    for offset, texts in enumerate(rows):
        lines = max(_lines(text, width) for text, width in zip(texts, widths.values(), strict=True))
        sheet.row_dimensions[top + offset].height = LINE_HEIGHT * lines + 3
    _print_setup(sheet)
    _protect(sheet)


LINE_HEIGHT = 15
"""Points per line of wrapped text (LibreOffice does not grow a row to fit it)."""


def _lines(text: str, width: float) -> int:
    """How many lines a wrapped cell of `width` characters takes (a little narrower: words wrap
    whole)."""
    per_line = max(width * 1.1 - 4, 1)
    return sum(max(1, -(-len(part) // int(per_line))) for part in text.split("\n"))


def _meta(sheet: Worksheet, layout: Layout, example: bool, on: dt.date) -> None:
    values = {
        "template": TEMPLATE_ID,
        "version": TEMPLATE_VERSION,
        "agency_id": layout.agency_id,
        "period": layout.period,
        "layout": layout.fingerprint(),
        "example": "true" if example else "false",
        "generated_on": on.isoformat(),
    }
    for number, key in enumerate(META_KEYS, start=1):
        sheet.cell(number, 1, key)
        sheet.cell(number, 2, values[key]).number_format = "@"
    sheet.sheet_state = "veryHidden"
    _protect(sheet)
