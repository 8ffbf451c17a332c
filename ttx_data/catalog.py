"""Catalog of the plan's chỉ tiêu: the 15 targets of mục II.3 as 24 scorecard rows, plus agencies.

Reference data owned by the code (`data/indicators.csv`, `data/agencies.csv`), validated on load
by small named checks whose messages say what is wrong, where and how to fix it, in Vietnamese
and English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ttx_data.paths import BUNDLED_DATA_DIR, data_dir

INDICATORS_FILE = BUNDLED_DATA_DIR / "indicators.csv"
AGENCIES_FILE = BUNDLED_DATA_DIR / "agencies.csv"

COLUMNS = (
    "indicator_id", "target_no", "part", "group", "name_vi", "name_en",
    "definition_vi", "definition_en", "unit", "unit_vi", "unit_en", "decimals",
    "direction", "kind", "target_value", "target_high", "target_strict",
    "target_unit_vi", "target_unit_en", "target_text_vi", "target_text_en",
    "baseline_year", "target_year", "lead_agency", "cooperating_agencies", "lead_note",
    "sectors", "breakdowns", "plan_clause", "tasks_clause", "district_target", "rollup",
)  # fmt: skip
"""Columns of `indicators.csv`, in file order."""

AGENCY_COLUMNS = (
    "agency_id", "name_vi", "name_en", "short_vi", "kind", "in_plan", "valid_from", "valid_to",
)  # fmt: skip
"""Columns of `agencies.csv`, in file order: names, then the register's history columns (kind,
whether the plan names the agency, valid_from / valid_to; see `ttx_data.agencies`)."""

NAME_COLUMNS = AGENCY_COLUMNS[:4]
"""The columns every agency fills; a snapshot frozen before the register may have only these."""

GROUPS = {
    "economy": ("Xanh hóa các ngành kinh tế", "Greening the economy"),
    "lifestyle": (
        "Xanh hóa lối sống và thúc đẩy tiêu dùng bền vững",
        "Greening lifestyles and sustainable consumption",
    ),
    "transition": (
        "Chuyển đổi xanh bình đẳng, bao trùm, nâng cao năng lực chống chịu",
        "A fair, inclusive and resilient green transition",
    ),
}
"""Target groups of mục II.3 (a, b, c), id -> (vi, en)."""

GROUP_TARGETS = {"economy": range(1, 7), "lifestyle": range(7, 13), "transition": range(13, 16)}
"""Target numbers of each group in mục II.3."""

SECTORS = {
    "energy": ("Năng lượng", "Energy"),
    "industry": ("Công nghiệp", "Industry"),
    "transport": ("Giao thông vận tải, logistics", "Transport and logistics"),
    "construction": ("Xây dựng", "Construction"),
    "agriculture": ("Nông nghiệp và Phát triển nông thôn", "Agriculture and rural development"),
    "waste": ("Quản lý chất thải", "Waste management"),
    "air": ("Quản lý chất lượng không khí", "Air quality management"),
    "water_land_biodiversity": (
        "Quản lý tài nguyên nước, tài nguyên đất đai, đa dạng sinh học",
        "Water, land and biodiversity",
    ),
    "consumption": ("Tiêu dùng và mua sắm xanh, bền vững", "Green, sustainable consumption"),
    "health": ("Y tế", "Health"),
    "tourism": ("Du lịch", "Tourism"),
}
"""Sectors of mục III.8.1-8.11 in the plan's order, id -> (vi, en)."""

KINDS = {
    "minimum": ("Đạt tối thiểu", "At least"),
    "maximum": ("Không vượt quá", "At most"),
    "range": ("Trong khoảng", "Within a range"),
    "average_annual_rate": ("Tốc độ bình quân năm", "Average yearly rate"),
    "milestone": ("Mốc hoàn thành", "Milestone"),
}
"""How a target is stated, id -> (vi, en)."""

DIRECTIONS = {
    "increase": ("Tăng là tốt", "Higher is better"),
    "decrease": ("Giảm là tốt", "Lower is better"),
}
"""Desired direction of the observed value, id -> (vi, en)."""

BREAKDOWNS = {
    "district": ("Theo huyện, thành phố", "By district"),
    "urban_rural": ("Thành thị, nông thôn", "Urban and rural"),
}
"""Breakdowns an indicator is followed by besides the province total, id -> (vi, en)."""

UNITS = ("pct", "ha", "index", "kwh_per_mn_vnd", "status")
ADDITIVE_UNITS = ("ha",)
"""Units whose district values add up to the province's (areas), unlike shares and indices."""

ROLLUP_RULES = {
    "sum": ("Cộng", "Sum"),
    "weighted_population": ("Bình quân gia quyền theo dân số", "Population-weighted average"),
    "weighted_area": ("Bình quân gia quyền theo diện tích", "Area-weighted average"),
    "none": ("Không tổng hợp", "Not rolled up"),
}
"""How figures of commune-level units (from 1/7/2025) roll up to a plan district
(`ttx_data.places.rollup`), id -> (vi, en). "sum" is the rule of exactly the ADDITIVE_UNITS."""

PARTS = ("a", "b", "c", "d", "e")
LANGS = ("vi", "en")

_SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_CLAUSE = re.compile(r"^(II|III|IV)(\.(\d+|[a-e]|\(\d+\)))+$")
_LIST_COLUMNS = ("cooperating_agencies", "sectors", "breakdowns")
_OPTIONAL = (
    "target_no", "part", "target_value", "target_high", "cooperating_agencies", "lead_note",
    "breakdowns",
)  # fmt: skip
_REQUIRED = tuple(c for c in COLUMNS if c not in _OPTIONAL)
_ALLOWED = {
    "group": GROUPS,
    "direction": DIRECTIONS,
    "kind": KINDS,
    "unit": UNITS,
    "target_strict": ("true", "false"),
    "district_target": ("true", "false"),
    "rollup": ROLLUP_RULES,
}
_ALLOWED_IN_LISTS = {"sectors": SECTORS, "breakdowns": BREAKDOWNS}
_NAME_MAX = 60


class CatalogError(ValueError):
    """The catalog file breaks a rule; `problems` lists each one, in Vietnamese and English."""

    def __init__(self, file: str, problems: list[str]):
        self.file = file
        self.problems = tuple(problems)
        header = (
            f"{file}: {len(problems)} lỗi, sửa rồi nạp lại / "
            f"{file}: {len(problems)} problem(s), fix and reload"
        )
        super().__init__("\n".join([header, *(f"- {p}" for p in problems)]))


@dataclass(frozen=True)
class Indicator:
    """One scorecard row: a target of mục II.3 (or a part of it) with its unit and agencies."""

    indicator_id: str
    target_no: int | None
    part: str
    group: str
    name_vi: str
    name_en: str
    definition_vi: str
    definition_en: str
    unit: str
    unit_vi: str
    unit_en: str
    decimals: int
    direction: str
    kind: str
    target_value: float | None
    target_high: float | None
    target_strict: bool
    target_unit_vi: str
    target_unit_en: str
    target_text_vi: str
    target_text_en: str
    baseline_year: int
    target_year: int
    lead_agency: str
    cooperating_agencies: tuple[str, ...]
    lead_note: str
    sectors: tuple[str, ...]
    breakdowns: tuple[str, ...]
    plan_clause: str
    tasks_clause: str
    district_target: bool
    """Whether each district is judged against the 2030 target; false for a province-wide
    target (17,000 ha of certified forest; forest cover ≥ 37% of the whole province)."""
    rollup: str
    """How commune figures (from 1/7/2025) roll up to a plan district: one of ROLLUP_RULES."""

    def name(self, lang: str = "vi") -> str:
        """Short name for a scorecard row."""
        return _pick(self.name_vi, self.name_en, lang)

    def definition(self, lang: str = "vi") -> str:
        """What is measured and how."""
        return _pick(self.definition_vi, self.definition_en, lang)

    def unit_label(self, lang: str = "vi") -> str:
        """Display unit of an observed value, e.g. "%" or "kWh/triệu đồng GRDP"."""
        return _pick(self.unit_vi, self.unit_en, lang)

    def target_unit_label(self, lang: str = "vi") -> str:
        """Display unit of the target number, e.g. "%/năm (mức giảm)" for target 1."""
        return _pick(self.target_unit_vi, self.target_unit_en, lang)

    def target_text(self, lang: str = "vi") -> str:
        """The plan's wording of the target (vi verbatim, en a translation)."""
        return _pick(self.target_text_vi, self.target_text_en, lang)

    def lead_note_text(self, lang: str = "vi") -> str:
        """Why the lead agency was chosen when the plan names none; blank otherwise."""
        if not self.lead_note:
            return ""
        vi, en = self.lead_note.split(" / ", 1)
        return _pick(vi, en, lang)

    @property
    def is_milestone(self) -> bool:
        """A done/not-done target (12, 14) with no number."""
        return self.kind == "milestone"

    @property
    def by_district(self) -> bool:
        """Followed per huyện, thành phố as well as for the province."""
        return "district" in self.breakdowns

    @property
    def is_total(self) -> bool:
        """A quantity that adds up over districts (hectares): the province figure is their sum,
        which no single district can be compared with."""
        return self.unit in ADDITIVE_UNITS

    @property
    def label(self) -> str:
        """Short reference: "4a", "12", or "8.9" for the indicator taken from mục III.8.9."""
        if self.target_no is None:
            return ".".join(self.plan_clause.split(".")[1:3])
        return f"{self.target_no}{self.part}"


def _pick(vi: str, en: str, lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    return vi if lang == "vi" else en


def _split(cell: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in cell.split(";")) if cell else ()


def _float_or_none(cell: str) -> float | None:
    try:
        return float(cell) if cell else None
    except ValueError:
        return None


def _line(index: int) -> int:
    """File line of a data row: the header is line 1, the first data row line 2."""
    return index + 2


@dataclass(frozen=True)
class _Context:
    file: str
    agency_ids: frozenset[str] = frozenset()

    def problem(self, index: int | None, column: str, vi: str, en: str) -> str:
        """One problem, located by file line (index None = header) and column, in vi / en."""
        line = 1 if index is None else _line(index)
        return (
            f"{self.file} dòng {line}, cột {column}: {vi} / "
            f"{self.file} row {line}, column {column}: {en}"
        )


Check = Callable[[pd.DataFrame, _Context], Iterator[str]]


def check_columns(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """The header lists exactly the catalog columns, in order."""
    found = tuple(rows.columns)
    if found == COLUMNS:
        return
    missing = [c for c in COLUMNS if c not in found] or "[]"
    extra = [c for c in found if c not in COLUMNS] or "[]"
    order = ", ".join(COLUMNS)
    yield ctx.problem(
        None,
        "(tiêu đề/header)",
        f"thiếu {missing}, thừa {extra} hoặc sai thứ tự; tiêu đề phải là: {order}",
        f"missing {missing}, unexpected {extra} or out of order; the header must be: {order}",
    )


def check_has_rows(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """The catalog holds at least one indicator."""
    if rows.empty:
        yield ctx.problem(
            0,
            "indicator_id",
            "tệp không có chỉ tiêu nào; thêm ít nhất một dòng",
            "the file holds no indicator; add at least one row",
        )


def check_no_surrounding_spaces(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """No cell starts or ends with a space, which would silently break matching."""
    for i, row in rows.iterrows():
        for col, cell in row.items():
            if cell != cell.strip():
                yield ctx.problem(
                    i,
                    col,
                    f"{cell!r} có khoảng trắng ở đầu hoặc cuối; xóa khoảng trắng thừa",
                    f"{cell!r} has leading or trailing spaces; remove them",
                )


def check_required(
    rows: pd.DataFrame, ctx: _Context, columns: tuple[str, ...] = _REQUIRED
) -> Iterator[str]:
    """Every required cell (of `columns`: by default the catalog's required ones) is filled."""
    for i, row in rows.iterrows():
        for col in columns:
            if not row[col]:
                yield ctx.problem(
                    i,
                    col,
                    "ô trống; cột này bắt buộc, hãy điền giá trị",
                    "the cell is empty; this column is required, fill it in",
                )


def _check_unique_snake_case(rows: pd.DataFrame, column: str, ctx: _Context) -> Iterator[str]:
    """Ids in `column` are snake_case and unique (indicators.csv and agencies.csv alike)."""
    first_line: dict[str, int] = {}
    for i, cell in rows[column].items():
        if cell and not _SNAKE_CASE.match(cell):
            yield ctx.problem(
                i,
                column,
                f"'{cell}' không phải snake_case; chỉ dùng chữ thường không dấu, số và '_'",
                f"'{cell}' is not snake_case; use lowercase ASCII letters, digits and '_'",
            )
        if cell in first_line:
            yield ctx.problem(
                i,
                column,
                f"'{cell}' trùng với dòng {first_line[cell]}; mỗi mã phải duy nhất",
                f"'{cell}' duplicates row {first_line[cell]}; each id must be unique",
            )
        first_line.setdefault(cell, _line(i))


def check_ids(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """Indicator ids are snake_case and unique."""
    yield from _check_unique_snake_case(rows, "indicator_id", ctx)


def check_target_and_part(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """target_no is 1-15 or blank, part is a-e (only within a target), each (target, part) once."""
    seen: dict[tuple[str, str], int] = {}
    for i, row in rows.iterrows():
        no, part = row["target_no"], row["part"]
        if no and not (no.isdigit() and 1 <= int(no) <= 15):
            yield ctx.problem(
                i,
                "target_no",
                f"'{no}' không hợp lệ; dùng số nguyên từ 1 đến 15 (mục II.3) hoặc để trống",
                f"'{no}' is not allowed; use a whole number from 1 to 15 (section II.3) or blank",
            )
        if part and (part not in PARTS or not no):
            yield ctx.problem(
                i,
                "part",
                f"'{part}' không hợp lệ; dùng một trong {', '.join(PARTS)} khi có target_no, "
                "nếu không thì để trống",
                f"'{part}' is not allowed; use one of {', '.join(PARTS)} with a target_no, "
                "otherwise leave blank",
            )
        if no and (no, part) in seen:
            yield ctx.problem(
                i,
                "part",
                f"mục tiêu {no}{part} đã có ở dòng {seen[no, part]}; đặt part khác nhau",
                f"target {no}{part} is already on row {seen[no, part]}; give distinct parts",
            )
        seen.setdefault((no, part), _line(i))


def check_allowed_values(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """group, direction, kind, unit and target_strict take one of their allowed values."""
    for col, allowed in _ALLOWED.items():
        choices = ", ".join(allowed)
        for i, cell in rows[col].items():
            if cell and cell not in allowed:
                yield ctx.problem(
                    i,
                    col,
                    f"'{cell}' không hợp lệ; dùng một trong: {choices}",
                    f"'{cell}' is not allowed; use one of: {choices}",
                )


def check_list_values(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """Each ';'-separated sector and breakdown is known and listed once."""
    for col, allowed in _ALLOWED_IN_LISTS.items():
        choices = ", ".join(allowed)
        for i, cell in rows[col].items():
            items = _split(cell)
            for item in items:
                if item not in allowed:
                    yield ctx.problem(
                        i,
                        col,
                        f"'{item}' không hợp lệ; dùng các mã sau, cách nhau bởi ';': {choices}",
                        f"'{item}' is not allowed; use these ids separated by ';': {choices}",
                    )
            if len(set(items)) != len(items):
                yield ctx.problem(
                    i,
                    col,
                    f"'{cell}' lặp mã; mỗi mã chỉ ghi một lần",
                    f"'{cell}' repeats an id; list each id once",
                )


def check_group_matches_target(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """Targets 1-6 are economy, 7-12 lifestyle, 13-15 transition, as in mục II.3 a), b), c)."""
    for i, row in rows.iterrows():
        no, group = row["target_no"], row["group"]
        if not (no.isdigit() and 1 <= int(no) <= 15 and group in GROUP_TARGETS):
            continue
        expected = next(g for g, nos in GROUP_TARGETS.items() if int(no) in nos)
        if group != expected:
            yield ctx.problem(
                i,
                "group",
                f"'{group}' không khớp mục tiêu {no}; mục tiêu {no} thuộc nhóm '{expected}'",
                f"'{group}' does not match target {no}; target {no} belongs to '{expected}'",
            )


def check_numbers(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """Decimals and years are whole numbers, targets numbers with a '.' decimal point."""
    for col in ("decimals", "baseline_year", "target_year"):
        for i, cell in rows[col].items():
            if cell and not cell.isdigit():
                yield ctx.problem(
                    i,
                    col,
                    f"'{cell}' không phải số nguyên; ghi số nguyên, ví dụ 1 hoặc 2020",
                    f"'{cell}' is not a whole number; write one, e.g. 1 or 2020",
                )
    for col in ("target_value", "target_high"):
        for i, cell in rows[col].items():
            if cell and _float_or_none(cell) is None:
                yield ctx.problem(
                    i,
                    col,
                    f"'{cell}' không phải số; dùng dấu chấm thập phân, không phân cách hàng "
                    "nghìn (ví dụ 17000 hoặc 0.85)",
                    f"'{cell}' is not a number; use a '.' decimal point and no thousands "
                    "separator (e.g. 17000 or 0.85)",
                )
    for i, row in rows.iterrows():
        start, end = row["baseline_year"], row["target_year"]
        if start.isdigit() and end.isdigit() and int(start) >= int(end):
            yield ctx.problem(
                i,
                "target_year",
                f"{end} không sau năm gốc {start}; năm mục tiêu phải sau năm gốc",
                f"{end} is not after the baseline year {start}; it must come later",
            )


def check_target_value(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """A numeric target has a target_value; a milestone has no target numbers."""
    for i, row in rows.iterrows():
        kind = row["kind"]
        if kind == "milestone":
            for col in ("target_value", "target_high"):
                if row[col]:
                    yield ctx.problem(
                        i,
                        col,
                        f"'{row[col]}' nhưng kind là milestone; để trống ô này",
                        f"'{row[col]}' but kind is milestone; leave this cell blank",
                    )
        elif kind in KINDS and not row["target_value"]:
            yield ctx.problem(
                i,
                "target_value",
                f"ô trống nhưng kind là {kind}; ghi con số mục tiêu của kế hoạch, "
                "hoặc dùng kind milestone",
                f"empty but kind is {kind}; enter the plan's target number, or use kind milestone",
            )


def check_target_high(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """target_high is given for range and average_annual_rate only, above target_value."""
    bounded = ("range", "average_annual_rate")
    for i, row in rows.iterrows():
        kind, high = row["kind"], row["target_high"]
        if kind in bounded and not high:
            yield ctx.problem(
                i,
                "target_high",
                f"ô trống nhưng kind là {kind}; ghi cận trên của khoảng mục tiêu",
                f"empty but kind is {kind}; enter the upper bound of the target range",
            )
        if high and kind in ("minimum", "maximum"):
            yield ctx.problem(
                i,
                "target_high",
                f"'{high}' nhưng kind là {kind}; cận trên chỉ dùng cho range, "
                "average_annual_rate; để trống ô này",
                f"'{high}' but kind is {kind}; an upper bound is only for range, "
                "average_annual_rate; leave this cell blank",
            )
        low, up = _float_or_none(row["target_value"]), _float_or_none(high)
        if low is not None and up is not None and up <= low:
            yield ctx.problem(
                i,
                "target_high",
                f"{high} không lớn hơn target_value {row['target_value']}; kiểm tra, đổi chỗ",
                f"{high} is not above target_value {row['target_value']}; check, swap them",
            )


def check_agencies(rows: pd.DataFrame, ctx: _Context, one_lead: bool = True) -> Iterator[str]:
    """Lead and cooperating agencies are agency_ids of agencies.csv that the plan names
    (in_plan true; `ctx.agency_ids`), each named once, the lead not among the cooperating; one
    lead, unless `one_lead` is False (an item of the plan's tasks may name two)."""
    known = ", ".join(sorted(ctx.agency_ids))
    for i, row in rows.iterrows():
        lead, coop = _split(row["lead_agency"]), _split(row["cooperating_agencies"])
        cells = [("lead_agency", agency) for agency in lead]
        cells += [("cooperating_agencies", agency) for agency in coop]
        for col, agency in cells:
            if agency not in ctx.agency_ids:
                yield ctx.problem(
                    i,
                    col,
                    f"'{agency}' không phải cơ quan Kế hoạch nêu (in_plan = true) trong agencies.csv; dùng một agency_id có sẵn "
                    f"({known}) hoặc thêm cơ quan đó vào agencies.csv",
                    f"'{agency}' is not an agency the plan names (in_plan = true) in agencies.csv; use an existing agency_id "
                    f"({known}) or add the agency to agencies.csv",
                )
        if len(set(lead)) != len(lead) or (one_lead and len(lead) > 1):
            yield ctx.problem(
                i,
                "lead_agency",
                "lặp cơ quan, hoặc nhiều hơn một cơ quan chủ trì; ghi mỗi cơ quan một lần",
                "repeats an agency, or names more than one lead; list each agency once",
            )
        if set(lead) & set(coop) or len(set(coop)) != len(coop):
            yield ctx.problem(
                i,
                "cooperating_agencies",
                "lặp cơ quan (hoặc có cả cơ quan chủ trì); mỗi cơ quan chỉ ghi một lần",
                "repeats an agency (or the lead agency); list each agency once",
            )


def check_names_short(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """Names fit a scorecard row (at most 60 characters)."""
    for col in ("name_vi", "name_en"):
        for i, cell in rows[col].items():
            if len(cell) > _NAME_MAX:
                yield ctx.problem(
                    i,
                    col,
                    f"dài {len(cell)} ký tự; rút gọn còn tối đa {_NAME_MAX}",
                    f"is {len(cell)} characters long; shorten it to at most {_NAME_MAX}",
                )


def check_lead_note_bilingual(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """A lead note is blank or 'tiếng Việt / English', split by a single ' / '."""
    for i, cell in rows["lead_note"].items():
        if cell and cell.count(" / ") != 1:
            yield ctx.problem(
                i,
                "lead_note",
                "cần đúng một ' / ' giữa hai phần; ghi 'tiếng Việt / English'",
                "needs exactly one ' / ' between the parts; write 'Vietnamese / English'",
            )


def check_clauses(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """plan_clause and each tasks_clause item name a clause of the plan, like III.8.5.a."""
    for col in ("plan_clause", "tasks_clause"):
        for i, cell in rows[col].items():
            for item in _split(cell):
                if not _CLAUSE.match(item):
                    yield ctx.problem(
                        i,
                        col,
                        f"'{item}' không đúng dạng mục của kế hoạch; ví dụ II.3.a.(4) hoặc "
                        "III.8.5.a, cách nhau bởi '; '",
                        f"'{item}' is not a plan clause; e.g. II.3.a.(4) or III.8.5.a, "
                        "separated by '; '",
                    )


def check_district_target(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """A district target needs district figures: district_target=true only with a 'district'
    breakdown."""
    for i, row in rows.iterrows():
        if row["district_target"] == "true" and "district" not in _split(row["breakdowns"]):
            yield ctx.problem(
                i,
                "district_target",
                "chỉ tiêu không theo dõi theo huyện (breakdowns thiếu 'district'); đặt false",
                "the indicator is not followed by district (no 'district' in breakdowns); set false",
            )


def check_rollup_matches_unit(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """rollup is "sum" exactly for additive units (ADDITIVE_UNITS): hectares add up, shares and
    indices never do."""
    for i, row in rows.iterrows():
        additive, rule = row["unit"] in ADDITIVE_UNITS, row["rollup"]
        if additive and rule != "sum":
            yield ctx.problem(
                i,
                "rollup",
                f"'{rule}' nhưng đơn vị {row['unit']} cộng được; đặt sum",
                f"'{rule}' but the unit {row['unit']} adds up; set sum",
            )
        if not additive and rule == "sum":
            yield ctx.problem(
                i,
                "rollup",
                f"'sum' nhưng đơn vị {row['unit']} không cộng được; dùng weighted_population,"
                " weighted_area (có mẫu số khai báo) hoặc none",
                f"'sum' but the unit {row['unit']} does not add up; use weighted_population,"
                " weighted_area (a declared denominator) or none",
            )


CHECKS: tuple[Check, ...] = (
    check_has_rows,
    check_no_surrounding_spaces,
    check_required,
    check_ids,
    check_target_and_part,
    check_allowed_values,
    check_list_values,
    check_group_matches_target,
    check_numbers,
    check_target_value,
    check_target_high,
    check_agencies,
    check_names_short,
    check_lead_note_bilingual,
    check_clauses,
    check_district_target,
    check_rollup_matches_unit,
)
"""Checks run on every load of indicators.csv once `check_columns` has passed."""


def validate(rows: pd.DataFrame, file: str, agency_ids: frozenset[str]) -> None:
    """Check the raw text of indicators.csv; raise CatalogError listing every problem."""
    ctx = _Context(file, agency_ids)
    problems = list(check_columns(rows, ctx))
    if not problems:
        problems = [p for check in CHECKS for p in check(rows, ctx)]
    if problems:
        raise CatalogError(file, problems)


def _read_text_csv(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise CatalogError(
            path.name,
            [
                f"{path.name}: thiếu, trống hoặc không đọc được dạng CSV UTF-8; chép lại tệp đúng"
                f" / {path.name}: missing, empty or not readable as UTF-8 CSV; copy a good file"
                " back"
            ],
        ) from error


def _typed(rows: pd.DataFrame) -> pd.DataFrame:
    typed = rows.copy()
    typed["target_no"] = pd.to_numeric(typed["target_no"].replace("", None)).astype("Int64")
    for col in ("target_value", "target_high"):
        typed[col] = pd.to_numeric(typed[col].replace("", None)).astype("float64")
    for col in ("decimals", "baseline_year", "target_year"):
        typed[col] = typed[col].astype("int64")
    typed["target_strict"] = typed["target_strict"].eq("true")
    typed["district_target"] = typed["district_target"].eq("true")
    return typed


LATER_COLUMNS = {
    "district_target": lambda rows: [
        "true" if "district" in _split(b) and u not in ADDITIVE_UNITS else "false"
        for b, u in zip(rows["breakdowns"], rows["unit"], strict=True)
    ],
    "rollup": lambda rows: ["sum" if u in ADDITIVE_UNITS else "none" for u in rows["unit"]],
}
"""Columns added to indicators.csv after snapshots were first frozen, with what an older file
meant by leaving them out (the rule the app then applied; totals add up, nothing else is rolled
up), so an old snapshot still opens with its own targets."""


def _with_later_columns(rows: pd.DataFrame) -> pd.DataFrame:
    """An older catalog (its header is COLUMNS without some trailing LATER_COLUMNS) completed."""
    found = tuple(rows.columns)
    missing = COLUMNS[len(found) :]
    if found != COLUMNS[: len(found)] or not missing or not set(missing) <= set(LATER_COLUMNS):
        return rows
    return rows.assign(**{column: LATER_COLUMNS[column](rows) for column in missing})


def _load(path: Path, agencies_path: Path) -> pd.DataFrame:
    rows = _with_later_columns(_read_text_csv(path))
    agency_ids = frozenset(plan_agency_ids(load_agencies(agencies_path)))
    validate(rows, path.name, agency_ids)
    return _typed(rows)


def catalog_files(directory: Path | None = None) -> tuple[Path, Path]:
    """The catalog in force for a data directory: its own indicators.csv (and agencies.csv when it
    has one), so a snapshot keeps the targets it was judged against; the bundled files for a
    directory without indicators.csv. None: the current data directory (`paths.data_dir()`)."""
    directory = directory or data_dir()
    if not (directory / INDICATORS_FILE.name).exists():
        return INDICATORS_FILE, AGENCIES_FILE
    agencies = directory / AGENCIES_FILE.name
    return directory / INDICATORS_FILE.name, agencies if agencies.exists() else AGENCIES_FILE


@dataclass(frozen=True)
class _Catalog:
    rows: pd.DataFrame
    indicators: tuple[Indicator, ...]
    agencies: pd.DataFrame


def _stamp(path: Path) -> tuple[int, ...]:
    try:
        info = path.stat()
    except OSError:
        return ()
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)


@lru_cache(maxsize=16)
def _cached(path: Path, agencies_path: Path, stamps: tuple) -> _Catalog:
    rows = _load(path, agencies_path)
    found = tuple(_indicator(r) for r in rows.to_dict("records"))
    return _Catalog(rows, found, _load_agencies(agencies_path))


def _catalog(directory: Path | None) -> _Catalog:
    """The catalog of a data directory, read again when one of its files changes."""
    path, agencies = catalog_files(directory)
    return _cached(path, agencies, (_stamp(path), _stamp(agencies)))


def load_catalog(
    path: Path | None = None, agencies_path: Path | None = None, *, directory: Path | None = None
) -> pd.DataFrame:
    """The validated, typed catalog: one row per scorecard chỉ tiêu, in file order; that of the
    data directory `directory` (see `catalog_files`), or of the given files.

    List columns (cooperating_agencies, sectors, breakdowns) stay ';'-joined strings; blank text
    cells are '', blank target_no/target_value/target_high are missing values.
    """
    if path is None and agencies_path is None:
        return _catalog(directory).rows.copy()
    return _load(Path(path or INDICATORS_FILE), Path(agencies_path or AGENCIES_FILE))


def _indicator(row: dict) -> Indicator:
    """An Indicator from one typed catalog row."""

    def number(value: object) -> float | None:
        return None if pd.isna(value) else float(value)

    fields = {col: row[col] for col in COLUMNS}
    fields.update({col: _split(row[col]) for col in _LIST_COLUMNS})
    fields.update(
        target_no=None if pd.isna(row["target_no"]) else int(row["target_no"]),
        target_value=number(row["target_value"]),
        target_high=number(row["target_high"]),
        target_strict=bool(row["target_strict"]),
        district_target=bool(row["district_target"]),
        decimals=int(row["decimals"]),
        baseline_year=int(row["baseline_year"]),
        target_year=int(row["target_year"]),
    )
    return Indicator(**fields)


def indicators(path: Path | None = None, *, directory: Path | None = None) -> list[Indicator]:
    """Every chỉ tiêu of the catalog in file order (targets 1-15, then 8.9): of the file `path`,
    else of the data directory `directory` (None: the current one)."""
    if path is None:
        return list(_catalog(directory).indicators)
    return [_indicator(r) for r in load_catalog(path).to_dict("records")]


def indicator(indicator_id: str, directory: Path | None = None) -> Indicator:
    """One chỉ tiêu by id, e.g. `indicator("t05a_forest_cover")`, from the catalog of the data
    directory `directory` (None: the current one)."""
    by_id = {ind.indicator_id: ind for ind in _catalog(directory).indicators}
    if indicator_id not in by_id:
        valid = ", ".join(by_id)
        raise KeyError(
            f"Không có chỉ tiêu '{indicator_id}'; mã hợp lệ: {valid} / "
            f"Unknown indicator '{indicator_id}'; valid ids: {valid}"
        )
    return by_id[indicator_id]


def check_agency_rows(rows: pd.DataFrame, ctx: _Context) -> Iterator[str]:
    """agencies.csv has its columns (or only the name columns, in a snapshot frozen before the
    register), every name cell filled and unique snake_case ids."""
    if tuple(rows.columns) not in (AGENCY_COLUMNS, NAME_COLUMNS):
        order = ", ".join(AGENCY_COLUMNS)
        yield ctx.problem(
            None,
            "(tiêu đề/header)",
            f"tiêu đề phải là: {order}",
            f"the header must be: {order}",
        )
        return
    yield from check_no_surrounding_spaces(rows, ctx)
    for i, row in rows.iterrows():
        for col in NAME_COLUMNS:
            if not row[col]:
                yield ctx.problem(
                    i,
                    col,
                    "ô trống; cột này bắt buộc, hãy điền giá trị",
                    "the cell is empty; this column is required, fill it in",
                )
    yield from _check_unique_snake_case(rows, "agency_id", ctx)


def _load_agencies(path: Path) -> pd.DataFrame:
    rows = _read_text_csv(path)
    problems = list(check_agency_rows(rows, _Context(path.name)))
    if problems:
        raise CatalogError(path.name, problems)
    return rows


def load_agencies(path: Path | None = None) -> pd.DataFrame:
    """The validated agencies (sở, ban, ngành, UBND) that lead or cooperate on the targets."""
    if path is None:
        return _catalog(None).agencies.copy()
    return _load_agencies(Path(path))


def plan_agency_ids(agencies: pd.DataFrame) -> list[str]:
    """The agencies the plan names (in_plan true), in file order; all of them in a file without
    the register's columns."""
    if "in_plan" not in agencies.columns:
        return agencies["agency_id"].tolist()
    return agencies.loc[agencies["in_plan"].eq("true"), "agency_id"].tolist()


def agency_name(agency_id: str, lang: str = "vi", directory: Path | None = None) -> str:
    """Full name of an agency as the plan writes it (vi), or in English (en), from the agencies of
    the data directory `directory` (None: the current one)."""
    agencies = _catalog(directory).agencies.set_index("agency_id")
    if agency_id not in agencies.index:
        raise KeyError(
            f"Không có cơ quan '{agency_id}' trong agencies.csv / "
            f"Unknown agency '{agency_id}' in agencies.csv"
        )
    row = agencies.loc[agency_id]
    return _pick(row["name_vi"], row["name_en"], lang)
