"""The layout of an agency's report workbook for a period, written once for the writer
(`workbook`) and the reader (`intake`): the sheets, their columns and headers, the pre-filled rows
(one per indicator and area the regime expects; one per task the agency reports on,
`task_sheet`), the hidden template data and a fingerprint of the whole layout, so a file made
for another agency, period or layout is recognised.

Sheet layout: rows 1-3 a title (vi, en) and a hint, row 4 the column headers (Vietnamese, then
English on a second line), from row 5 one row per indicator and area, in catalog order then by
area code (province first). Only the Value, Source, Note and Comment cells are filled in. The
tasks sheet (`TASK_COLUMNS`), after the group sheets, has the same title rows and headers, one
row per task in the plan's order; only Status, the dates, Progress, Evidence, Obstacles,
Proposals and Comment are filled in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

import pandas as pd
from openpyxl.utils import get_column_letter

from ttx_data import agencies, catalog, datasets
from ttx_data.i18n import t
from ttx_data.reporting import regime, task_sheet
from ttx_data.reporting.checks import VALUE_RULES, ValueRule
from ttx_data.reporting.task_sheet import TaskRow
from ttx_data.sources import DataSource

TEMPLATE_ID = "ttx-bac-giang/bao-cao-chi-tieu"
"""What the hidden template data call this kind of workbook."""

TEMPLATE_VERSION = "2"
"""Raised whenever the layout's rules change: a file of another version is refused."""

META_SHEET = "TTX_META"
"""The very hidden sheet holding the template data (key in column A, value in column B)."""

INSTRUCTIONS_SHEET = "Hướng dẫn - Instructions"

HEADER_ROW = 4
FIRST_DATA_ROW = HEADER_ROW + 1

GROUP_SHEETS = {"economy": "page.economy", "lifestyle": "page.lifestyle", "transition": "page.transition"}  # fmt: skip
"""The sheet of each target group: named as the app's page of that group (i18n key), in Vietnamese."""


@dataclass(frozen=True)
class Column:
    """One column of a group sheet: its key, header in both languages, width and whether the
    reporter fills it in (the only unlocked cells)."""

    key: str
    header_vi: str
    header_en: str
    width: float
    filled_in: bool = False

    @property
    def header(self) -> str:
        return f"{self.header_vi}\n{self.header_en}"


COLUMNS = (
    Column("indicator_id", "Mã chỉ tiêu", "Indicator id", 30),
    Column("indicator", "Chỉ tiêu", "Indicator", 40),
    Column("unit", "Đơn vị tính", "Unit of measure", 14),
    Column("area_level", "Cấp", "Level", 10),
    Column("area_code", "Mã địa bàn", "Area code", 10),
    Column("area_name", "Địa bàn", "Area", 36),
    Column("value", "Giá trị", "Value", 13, True),
    Column("source_ref", "Nguồn, văn bản", "Source, document", 30, True),
    Column("note", "Ghi chú", "Note", 24, True),
    Column("previous", "Kỳ trước", "Previous period", 13),
    Column("comment", "Giải trình cảnh báo", "Comment on warnings", 30, True),
)
"""The columns of every group sheet, in order."""

LETTERS = {column.key: get_column_letter(i) for i, column in enumerate(COLUMNS, start=1)}
"""Column key -> spreadsheet letter ('value' -> 'G')."""

TASK_COLUMNS = (
    Column("task_id", "Mã nhiệm vụ", "Task id", 16),
    Column("task", "Nhiệm vụ (Kế hoạch; toàn văn ở ghi chú ô)", "Task (the plan; full text in the cell's note)", 56),
    Column("role", "Vai trò", "Role", 11),
    Column("status", "Tình trạng", "Status", 17, True),
    Column("completed_on", "Ngày hoàn thành", "Completed on", 13, True),
    Column("deadline", "Thời hạn", "Deadline", 13, True),
    Column("progress", "Tiến độ, kết quả", "Progress", 40, True),
    Column("evidence", "Văn bản, minh chứng", "Evidence (number, date, link)", 32, True),
    Column("obstacles", "Khó khăn, vướng mắc", "Obstacles", 30, True),
    Column("proposals", "Đề xuất, kiến nghị", "Proposals", 30, True),
    Column("previous", "Kỳ trước", "Previous period", 34),
    Column("comment", "Giải trình cảnh báo", "Comment on warnings", 30, True),
)  # fmt: skip
"""The columns of the tasks sheet, in order."""

TASK_LETTERS = {c.key: get_column_letter(i) for i, c in enumerate(TASK_COLUMNS, start=1)}
"""Tasks sheet column key -> spreadsheet letter ('status' -> 'D')."""

TASK_TEXTS = ("progress", "evidence", "obstacles", "proposals", "comment")
"""The tasks sheet's text cells a reporter fills in."""

META_KEYS = ("template", "version", "agency_id", "period", "layout", "example", "generated_on")
"""Rows of the template data sheet, in order."""


@dataclass(frozen=True)
class LayoutRow:
    """One pre-filled row: an indicator's figure for one area."""

    indicator_id: str
    indicator_name: str
    unit: str
    unit_label: str
    decimals: int
    level: str
    area_code: str
    area_name: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.indicator_id, self.level, self.area_code)

    @property
    def level_label(self) -> str:
        return regime.LEVELS[self.level][0]

    @property
    def value_rule(self) -> ValueRule:
        return VALUE_RULES[self.unit]


@dataclass(frozen=True)
class SheetLayout:
    """One sheet of a target group and its rows."""

    name: str
    group: str
    rows: tuple[LayoutRow, ...]


@dataclass(frozen=True)
class Layout:
    """Everything an agency's workbook for a period holds before it is filled in."""

    agency_id: str
    period: str
    sheets: tuple[SheetLayout, ...]
    rules: dict[str, regime.ReportingRule] = field(compare=False, hash=False)
    tasks: tuple[TaskRow, ...] = ()
    tasks_due: dt.date | None = None
    """When the period's task reports are due (None without tasks)."""

    def fingerprint(self) -> str:
        """SHA-256 of what a reader relies on: version, agency, period, sheet names, headers and
        each row's indicator, unit, level and area code, each task row's id and role (not names,
        texts nor previous values)."""
        shape = {
            "template": TEMPLATE_ID,
            "version": TEMPLATE_VERSION,
            "agency_id": self.agency_id,
            "period": self.period,
            "headers": [c.header for c in COLUMNS],
            "sheets": [
                [s.name, [[r.indicator_id, r.unit_label, r.level, r.area_code] for r in s.rows]]
                for s in self.sheets
            ],
            "task_headers": [c.header for c in TASK_COLUMNS],
            "tasks": [[r.task_id, r.role] for r in self.tasks],
        }
        text = json.dumps(shape, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def rows(self) -> list[LayoutRow]:
        return [row for sheet in self.sheets for row in sheet.rows]


def sheet_name(group: str) -> str:
    """The sheet of a target group: 'Kinh tế xanh (MT 1-6)'."""
    return t(GROUP_SHEETS[group], "vi")


def _nothing_to_report(agency_id: str, period: str, on: dt.date) -> regime.AgencyError:
    """Why an agency of the register has no report to send, and who reports instead."""
    register = agencies.load_register()
    found = agencies.successor(agency_id, on, register)
    reporting = ", ".join(task_sheet.reporting_agencies(on))
    if found.changed:
        now = ", ".join(found.current)
        return regime.AgencyError(
            f"Cơ quan '{agency_id}' nay là {now} (ngày {on:%d/%m/%Y}); lập mẫu cho cơ quan đó / "
            f"Agency '{agency_id}' is now {now} (on {on.isoformat()}); make the template for it"
        )
    return regime.AgencyError(
        f"Cơ quan '{agency_id}' không báo cáo chỉ tiêu hay nhiệm vụ nào kỳ {period}; cơ quan báo"
        f" cáo: {reporting} / Agency '{agency_id}' reports no indicator and no task for period"
        f" {period}; reporting agencies: {reporting}"
    )


def expected_layout(agency_id: str, period: str | int, on: dt.date | None = None) -> Layout:
    """The workbook layout of an agency and period as of `on` (default today): PeriodError or
    AgencyError (vi/en) when the period is not a plan year or the agency reports nothing, neither
    figure nor task."""
    on = on or dt.date.today()
    year = regime.parse_period(period)
    name = regime.period_name(year)
    found = regime.rules(on)
    own = regime.rules_for(agency_id, year, on, found=found)
    tasks = task_sheet.task_rows(agency_id, year, on)
    if not own and not tasks:
        raise _nothing_to_report(agency_id, name, on)
    by_id = {i.indicator_id: i for i in catalog.indicators()}
    sheets = []
    for group in GROUP_SHEETS:
        rows = []
        for rule in [r for r in own if by_id[r.indicator_id].group == group]:
            indicator = by_id[rule.indicator_id]
            for level in rule.levels(year):
                for area in regime.areas(level, year):
                    rows.append(
                        LayoutRow(
                            indicator_id=indicator.indicator_id,
                            indicator_name=indicator.name_vi,
                            unit=indicator.unit,
                            unit_label=indicator.unit_vi,
                            decimals=indicator.decimals,
                            level=level,
                            area_code=area.code,
                            area_name=area.name_vi,
                        )
                    )
        if rows:
            sheets.append(SheetLayout(sheet_name(group), group, tuple(rows)))
    due = regime.period_deadline(year, found=found) if tasks else None
    return Layout(agency_id, name, tuple(sheets), {r.indicator_id: r for r in own}, tasks, due)


def published_values(layout: Layout, source: DataSource, year: int) -> dict[tuple, float]:
    """The published values of `year` for the layout's indicators, keyed like `LayoutRow.key`:
    province and district figures from observations, commune figures from commune_observations."""
    ids = {row.indicator_id for row in layout.rows}
    found: dict[tuple, float] = {}
    observations = source.dataset(datasets.OBSERVATIONS)
    chosen = observations[observations["indicator_id"].isin(ids) & (observations["year"] == year)]
    for row in chosen.itertuples(index=False):
        found[(row.indicator_id, row.area_level, str(row.area_code))] = float(row.value)
    communes = source.dataset(datasets.COMMUNE_OBSERVATIONS)
    chosen = communes[communes["indicator_id"].isin(ids) & (communes["year"] == year)]
    for row in chosen.itertuples(index=False):
        found[(row.indicator_id, regime.COMMUNE, str(row.unit_code))] = float(row.value)
    return {key: value for key, value in found.items() if not pd.isna(value)}


def previous_values(layout: Layout, source: DataSource) -> dict[tuple, float]:
    """The previous period's published value of each row that has one (the comparison shown in
    the template and the base of the jump warning)."""
    return published_values(layout, source, int(layout.period) - 1)
