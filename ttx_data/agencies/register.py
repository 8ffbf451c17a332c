"""The agency register: `data/agencies.csv` (every agency the plan names and today's agencies,
with kind, in_plan, valid_from, valid_to) and `data/agency_successions.csv` (who succeeded whom,
when, on what legal basis, from which source, verified or not), validated by small named checks
whose messages say what is wrong, where and how to fix it, in Vietnamese and English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from ttx_data import catalog
from ttx_data.paths import BUNDLED_DATA_DIR

AGENCIES_FILE = catalog.AGENCIES_FILE
SUCCESSIONS_FILE = BUNDLED_DATA_DIR / "agency_successions.csv"

SUCCESSION_COLUMNS = (
    "from_agency",
    "to_agency",
    "effective",
    "kind",
    "basis",
    "source",
    "verified",
)
"""Columns of `agency_successions.csv`, in file order."""

KINDS = {
    "so": ("Sở", "Department"),
    "ban": ("Ban", "Board"),
    "nganh": ("Ngành", "Sector agency"),
    "bao_dai": ("Báo, đài", "Press and broadcasting"),
    "van_phong": ("Văn phòng", "Office"),
    "ubnd_huyen": ("UBND cấp huyện", "District People's Committee"),
    "ubnd_xa": ("UBND cấp xã", "Commune People's Committee"),
    "mttq": ("Mặt trận Tổ quốc", "Fatherland Front"),
}
"""Kinds of agency (`kind` column of agencies.csv)."""

SUCCESSION_KINDS = {
    "merged_into": ("sáp nhập vào", "merged into"),
    "split_into": ("tách thành", "split into"),
    "renamed": ("đổi tên thành", "renamed"),
    "duties_to": ("chuyển một phần nhiệm vụ cho", "some duties to"),
}
"""Kinds of succession; every kind but duties_to hands the whole agency over."""

_BOOLEAN = ("true", "false")


@dataclass(frozen=True)
class Register:
    """The validated register: agencies indexed by agency_id, successions in file order."""

    agencies: pd.DataFrame
    successions: pd.DataFrame

    def name(self, agency_id: str, lang: str = "vi") -> str:
        """An agency's full name in Vietnamese (vi) or English (en); KeyError for an unknown id."""
        name_vi, name_en = self._names[agency_id]
        return name_en if lang == "en" and name_en else name_vi

    @cached_property
    def _names(self) -> dict[str, tuple[str, str]]:
        """(name_vi, name_en) by agency_id: tables name an agency per row, so not a row lookup."""
        rows = self.agencies
        return dict(
            zip(rows.index, zip(rows["name_vi"], rows["name_en"], strict=True), strict=True)
        )

    @cached_property
    def handed_over(self) -> dict[str, list[dict]]:
        """The successions by the agency handing over (`from_agency`), each a row as a dict, in
        file order: what following a chain reads many times (a meeting follows ~70)."""
        found: dict[str, list[dict]] = {}
        for row in self.successions.to_dict("records"):
            found.setdefault(row["from_agency"], []).append(row)
        return found

    @cached_property
    def _ids_by_day(self) -> dict[dt.date, frozenset[str]]:
        return {}

    def ids_on(self, on: dt.date) -> frozenset[str]:
        """The ids of the agencies that exist on `on`, remembered per day: a list of agencies to
        choose from asks once per option, and each answer would otherwise read the register."""
        found = self._ids_by_day.get(on)
        if found is None:
            if len(self._ids_by_day) >= 64:  # days asked are few (today, the plan's date)
                self._ids_by_day.clear()
            found = self._ids_by_day[on] = frozenset(agencies_on(on, self)["agency_id"])
        return found

    def plan_agencies(self) -> list[str]:
        """The agencies the plan names, in file order."""
        return catalog.plan_agency_ids(self.agencies.reset_index())


def parse_date(text: str) -> dt.date | None:
    """An ISO date (YYYY-MM-DD), or None when the text is not one."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


Check = Callable[[pd.DataFrame, pd.DataFrame, "catalog._Context"], Iterator[str]]


def _one_of(ctx, index: int, column: str, value: str, known, what: tuple[str, str]):
    """A problem when `value` is not one of `known`; `what` names the thing in vi and en."""
    if value not in known:
        listed = ", ".join(known)
        yield ctx.problem(
            index,
            column,
            f"'{value}' không phải {what[0]} hợp lệ; dùng một trong: {listed}",
            f"'{value}' is not a valid {what[1]}; use one of: {listed}",
        )


def check_register_columns(agencies, successions, ctx) -> Iterator[str]:
    """agencies.csv carries the register's columns (kind, in_plan, valid_from, valid_to)."""
    if tuple(agencies.columns) != catalog.AGENCY_COLUMNS:
        order = ", ".join(catalog.AGENCY_COLUMNS)
        yield ctx.problem(
            None,
            "(tiêu đề/header)",
            f"sổ cơ quan cần tiêu đề: {order}",
            f"the register needs the header: {order}",
        )


def check_kinds_and_flags(agencies, successions, ctx) -> Iterator[str]:
    """kind is a known kind; in_plan is true or false."""
    for i, row in agencies.iterrows():
        yield from _one_of(ctx, i, "kind", row["kind"], KINDS, ("loại cơ quan", "kind of agency"))
        yield from _one_of(ctx, i, "in_plan", row["in_plan"], _BOOLEAN, ("giá trị", "value"))


def check_validity_dates(agencies, successions, ctx) -> Iterator[str]:
    """valid_from / valid_to are blank or YYYY-MM-DD dates, and valid_from is not after valid_to."""
    for i, row in agencies.iterrows():
        for col in ("valid_from", "valid_to"):
            if row[col] and parse_date(row[col]) is None:
                yield ctx.problem(
                    i,
                    col,
                    f"'{row[col]}' không phải ngày YYYY-MM-DD; để trống nếu không rõ",
                    f"'{row[col]}' is not a YYYY-MM-DD date; leave it blank when unknown",
                )
        start, end = parse_date(row["valid_from"]), parse_date(row["valid_to"])
        if start and end and start > end:
            yield ctx.problem(
                i,
                "valid_to",
                f"{end} trước valid_from {start}; sửa một trong hai ngày",
                f"{end} is before valid_from {start}; correct one of the dates",
            )


def _succession_ctx() -> catalog._Context:
    return catalog._Context(SUCCESSIONS_FILE.name)


def check_succession_rows(agencies, successions, ctx) -> Iterator[str]:
    """Each succession links two agencies of the register on a date, with a known kind, a legal
    basis, a source and verified true/false."""
    sctx = _succession_ctx()
    if tuple(successions.columns) != SUCCESSION_COLUMNS:
        order = ", ".join(SUCCESSION_COLUMNS)
        yield sctx.problem(
            None, "(tiêu đề/header)", f"tiêu đề phải là: {order}", f"the header must be: {order}"
        )
        return
    for i, row in successions.iterrows():
        for col in ("from_agency", "to_agency"):
            if row[col] not in agencies.index:
                yield sctx.problem(
                    i,
                    col,
                    f"'{row[col]}' không có trong agencies.csv; thêm cơ quan đó vào agencies.csv",
                    f"'{row[col]}' is not in agencies.csv; add the agency to agencies.csv",
                )
        if parse_date(row["effective"]) is None:
            yield sctx.problem(
                i,
                "effective",
                f"'{row['effective']}' không phải ngày YYYY-MM-DD (ngày hiệu lực)",
                f"'{row['effective']}' is not a YYYY-MM-DD date (the effective date)",
            )
        what = ("loại kế thừa", "kind of succession")
        yield from _one_of(sctx, i, "kind", row["kind"], SUCCESSION_KINDS, what)
        for col in ("basis", "source"):
            if not row[col]:
                yield sctx.problem(
                    i,
                    col,
                    "ô trống; ghi văn bản pháp lý (basis) và nguồn đã đọc (source)",
                    "the cell is empty; give the legal document (basis) and the source read",
                )
        what = (
            "giá trị (true: có nguồn nêu đúng như vậy)",
            "value (true: a source says exactly that)",
        )
        yield from _one_of(sctx, i, "verified", row["verified"], _BOOLEAN, what)


def check_succession_dates(agencies, successions, ctx) -> Iterator[str]:
    """A whole hand-over (not duties_to) happens the day after the old agency's valid_to, and the
    new agency exists on that day."""
    sctx = _succession_ctx()
    if tuple(successions.columns) != SUCCESSION_COLUMNS:
        return
    for i, row in successions.iterrows():
        day = parse_date(row["effective"])
        if day is None or row["kind"] == "duties_to":
            continue
        if row["from_agency"] in agencies.index:
            end = parse_date(agencies.loc[row["from_agency"], "valid_to"])
            if end is None or end + dt.timedelta(days=1) != day:
                yield sctx.problem(
                    i,
                    "effective",
                    f"{day}: valid_to của '{row['from_agency']}' phải là ngày hôm trước "
                    f"({day - dt.timedelta(days=1)}); sửa agencies.csv hoặc ngày này",
                    f"{day}: valid_to of '{row['from_agency']}' must be the day before "
                    f"({day - dt.timedelta(days=1)}); correct agencies.csv or this date",
                )
        if row["to_agency"] in agencies.index:
            start = parse_date(agencies.loc[row["to_agency"], "valid_from"])
            end = parse_date(agencies.loc[row["to_agency"], "valid_to"])
            if (start and start > day) or (end and end < day):
                yield sctx.problem(
                    i,
                    "to_agency",
                    f"'{row['to_agency']}' chưa có hoặc đã hết vào {day}; sửa valid_from/valid_to",
                    f"'{row['to_agency']}' does not exist on {day}; correct valid_from/valid_to",
                )


CHECKS: tuple[Check, ...] = (
    check_kinds_and_flags,
    check_validity_dates,
    check_succession_rows,
    check_succession_dates,
)


def validate(agencies: pd.DataFrame, successions: pd.DataFrame, file: str) -> None:
    """Raise CatalogError listing every problem of the register, or return. The header is
    checked first: the other checks need the register's columns."""
    ctx = catalog._Context(file)
    if tuple(agencies.columns) != catalog.AGENCY_COLUMNS:
        raise catalog.CatalogError(file, list(check_register_columns(agencies, successions, ctx)))
    indexed = agencies.set_index("agency_id")
    indexed.index.name = "agency_id"
    problems = []
    for check in CHECKS:
        frame = agencies if check in (check_kinds_and_flags, check_validity_dates) else indexed
        problems += list(check(frame, successions, ctx))
    if problems:
        raise catalog.CatalogError(file, problems)


@lru_cache(maxsize=8)
def _cached(agencies_path: Path, successions_path: Path, stamps: tuple) -> Register:
    agencies = catalog.load_agencies(agencies_path)
    successions = catalog._read_text_csv(successions_path)
    validate(agencies, successions, agencies_path.name)
    return Register(agencies.set_index("agency_id"), successions)


def load_register(
    agencies_path: Path | None = None, successions_path: Path | None = None
) -> Register:
    """The validated register (the bundled files unless given): history is a fact about the
    agencies, not about a data snapshot, so snapshots are read against the newest register."""
    agencies_path = Path(agencies_path or AGENCIES_FILE)
    successions_path = Path(successions_path or SUCCESSIONS_FILE)
    stamps = (catalog._stamp(agencies_path), catalog._stamp(successions_path))
    return _cached(agencies_path, successions_path, stamps)


def agencies_on(on: dt.date, register: Register | None = None) -> pd.DataFrame:
    """The agencies that exist on `on` (blank valid_from: before the plan, date not recorded),
    with agency_id, name_vi, name_en, kind, valid_from, valid_to, in file order."""
    register = register or load_register()
    rows = register.agencies.reset_index()
    start = rows["valid_from"].map(parse_date)
    end = rows["valid_to"].map(parse_date)
    alive = start.map(lambda d: d is None or d <= on) & end.map(lambda d: d is None or d >= on)
    return rows.loc[alive, ["agency_id", "name_vi", "name_en", "kind", "valid_from", "valid_to"]]
