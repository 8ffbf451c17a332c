"""The reporting regime (chế độ báo cáo) of the plan's chỉ tiêu: for each figure, who reports it
today, how often, for which period, by which cut-off date and deadline, at which level.

`data/reporting_regime.csv` holds what is decided for reporting and nowhere else (frequency,
cut-off, deadline, an optional reporter other than the lead agency, the plausible range and the
largest change from the previous period that passes without a comment); the rest is read from
the catalog, the agency register and the places register. Loading validates the file and says
what is wrong, where and how to fix it, in Vietnamese and English.

The secretariat may set an indicator's row in the app (`regime_store`): the row is kept in the
store (table `regime_entries`) and replaces the file's row; the app never rewrites the file. The
regime in effect (`load_regime`, hence `rules` and all built on them: workbooks, intake checks,
completeness, deadlines) is the file with those rows, checked by the same `check_regime`. When
the store cannot be read, the file alone is used (logged): reading needs no store.

Decisions:
- Milestones (targets 12 and 14, catalog kind "milestone") are not reported as figures: they are
  steps with dates and evidence (dataset `milestones`), reported with the plan's tasks; the file
  may not list them, and must list every other indicator of the catalog.
- Who: the indicator's lead agency (catalog `lead_agency`; the file's `reporter` when set),
  followed through the agency register to who answers for it on the day asked (default: today).
  A report still owed for a past period is owed by today's successor, who holds the files.
  District and commune figures are compiled and sent by that same sở, not by the UBND of each
  unit (the plan makes the lead sở answer for its chỉ tiêu; UBND cấp huyện ended on 30/6/2025).
- Frequency: annual (plan mục IV.2.2: "Định kỳ hàng năm, báo cáo ... về Sở Kế hoạch và Đầu tư");
  a period is named by its calendar year ("2026"), from the plan's baseline to its target year.
- Cut-off: `cutoff` (MM-DD) of the period's year, 12-31: the figures are calendar-year statistics.
- Deadline: `deadline` (MM-DD), the first such day after the cut-off: "01-15" is 15 January of
  the next year. The plan states no date (mục IV.3: "báo cáo kết quả thực hiện về Sở Kế hoạch
  và Đầu tư theo quy định"); 15 January is this system's convention, to be set by the standing
  body (Nghị định 09/2019/NĐ-CP leaves cut-off and deadline to the body issuing a regime).
- Level: every indicator is reported for the province. One followed by district (catalog
  breakdown "district") is also reported per plan district in a year some plan district existed
  (to 2025: the districts of that year, on their 2022 territory, `places.history`); in later years
  per commune-level unit valid at the cut-off, when its catalog rollup is not "none", and then
  the province figure is not asked: it is the communes' roll-up (`places.roll_up_province`).
  With rollup "none" it is reported for the province only after the district level ended.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, Engine, exc, select
from sqlalchemy.engine import URL

from ttx_data import agencies, catalog, geography, plan
from ttx_data.agencies.register import Register
from ttx_data.i18n import t
from ttx_data.paths import BUNDLED_DATA_DIR
from ttx_data.places import history, units
from ttx_data.reporting.checks import VALUE_RULES, PlausibleRange, range_text
from ttx_data.store import database
from ttx_data.store.database import reading
from ttx_data.store.errors import StoreError
from ttx_data.store.schema import regime_entries

REGIME_FILE = BUNDLED_DATA_DIR / "reporting_regime.csv"
_log = logging.getLogger(__name__)

COLUMNS = (
    "indicator_id", "frequency", "cutoff", "deadline", "reporter", "plausible_min",
    "plausible_max", "max_change_factor", "note",
)  # fmt: skip
"""Columns of `reporting_regime.csv`, in file order."""
FIELDS = COLUMNS[1:]
"""The columns that say how an indicator is reported (all but its id): what the app may set."""

_OPTIONAL = ("reporter", "plausible_min", "plausible_max", "note")

FREQUENCIES = {"annual": ("Hằng năm", "Annual")}
"""How often a figure is reported, id -> (vi, en); a period of an annual figure is a year."""

PROVINCE, DISTRICT, COMMUNE = units.LEVELS
LEVELS = {
    PROVINCE: ("Tỉnh", "Province"),
    DISTRICT: ("Huyện", "District"),
    COMMUNE: ("Xã, phường", "Commune"),
}
"""Levels a figure is reported at, id -> (vi, en) as the template shows them."""

RECIPIENT_PLAN_AGENCY = "so_ke_hoach_dau_tu"
"""Who receives the reports: the standing body of the steering committee (plan mục IV.2.1, IV.3),
today its successor in the agency register."""


class RegimeError(catalog.CatalogError):
    """The regime file breaks a rule, or a question to the regime has no answer; vi and en."""


class PeriodError(ValueError):
    """A reporting period that is not one of the plan's years; the message is in vi and en."""


class AgencyError(ValueError):
    """An agency code the register does not know; the message is in vi and en."""


@dataclass(frozen=True)
class Area:
    """A unit a figure is reported for: its level, GSO code and names."""

    level: str
    code: str
    name_vi: str
    name_en: str


@dataclass(frozen=True)
class ReportingRule:
    """How one indicator is reported, as of the day `on`: `agency_id` reports it, answering for
    the plan's `plan_agency_id` (`verified`: every hand-over in between is sourced)."""

    indicator_id: str
    agency_id: str
    plan_agency_id: str
    verified: bool
    frequency: str
    cutoff: str
    deadline: str
    plausible: PlausibleRange
    max_change_factor: float
    note: str
    by_district: bool
    rolls_up: bool
    on: dt.date

    def cutoff_date(self, period: str | int) -> dt.date:
        """The data cut-off of a period: `cutoff` of its year (31/12/2026 for "2026")."""
        month, day = _month_day(self.cutoff)
        return dt.date(parse_period(period), month, day)

    def deadline_date(self, period: str | int) -> dt.date:
        """The first day with the `deadline` month-day after the cut-off (15/1/2027 for "2026")."""
        cutoff = self.cutoff_date(period)
        month, day = _month_day(self.deadline)
        deadline = dt.date(cutoff.year, month, day)
        return deadline if deadline > cutoff else dt.date(cutoff.year + 1, month, day)

    def levels(self, period: str | int) -> tuple[str, ...]:
        """The levels the figure of a period is reported at (see the module's rule)."""
        year = parse_period(period)
        if not self.by_district:
            return (PROVINCE,)
        if _district_codes(year):
            return (PROVINCE, DISTRICT)
        return (COMMUNE,) if self.rolls_up else (PROVINCE,)


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


def parse_period(period: str | int) -> int:
    """The year of an annual period ("2026" or 2026), one of the plan's years; PeriodError else."""
    text = str(period).strip()
    first, last = plan.BASELINE_YEAR, plan.TARGET_YEAR
    if not (text.isascii() and text.isdigit() and len(text) == 4 and first <= int(text) <= last):
        raise PeriodError(
            f"Kỳ báo cáo '{text}' không hợp lệ: ghi năm, từ {first} đến {last}, ví dụ "
            f"{plan.LATEST_YEAR} / Reporting period '{text}' is not valid: give a year from "
            f"{first} to {last}, e.g. {plan.LATEST_YEAR}"
        )
    return int(text)


def period_name(year: int) -> str:
    """The name of the annual period of a calendar year: "2026"."""
    return f"{year:04d}"


# --- the file -----------------------------------------------------------------------------


def _is_month_day(text: str) -> bool:
    parts = text.split("-")
    if len(parts) != 2 or not all(p.isdigit() and len(p) == 2 for p in parts):
        return False
    try:
        dt.date(2000, int(parts[0]), int(parts[1]))  # a leap year: 02-29 is a month-day
    except ValueError:
        return False
    return True


def _float(text: str) -> float | None:
    """The number a cell holds (a finite one), else None."""
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def check_regime(rows: pd.DataFrame, ctx: catalog._Context, register: Register) -> Iterator[str]:
    """Every rule of the regime file, each problem naming its line and column in vi and en."""
    if tuple(rows.columns) != COLUMNS:
        order = ", ".join(COLUMNS)
        yield ctx.problem(
            None, "(tiêu đề/header)", f"tiêu đề phải là: {order}", f"the header must be: {order}"
        )
        return
    yield from catalog.check_no_surrounding_spaces(rows, ctx)
    known = {i.indicator_id: i for i in catalog.indicators()}
    seen: dict[str, int] = {}
    for i, row in rows.iterrows():
        for column in COLUMNS:
            if column not in _OPTIONAL and not row[column]:
                yield ctx.problem(
                    i,
                    column,
                    "ô trống; cột này bắt buộc, hãy điền giá trị",
                    "the cell is empty; this column is required, fill it in",
                )
        indicator_id = row["indicator_id"]
        indicator = known.get(indicator_id)
        if indicator_id and indicator is None:
            yield ctx.problem(
                i,
                "indicator_id",
                f"'{indicator_id}' không có trong danh mục chỉ tiêu (indicators.csv); sửa mã",
                f"'{indicator_id}' is not in the catalog (indicators.csv); correct the id",
            )
        elif indicator is not None and indicator.is_milestone:
            yield ctx.problem(
                i,
                "indicator_id",
                f"'{indicator_id}' là mục tiêu mốc (các bước có bằng chứng), không báo cáo bằng số;"
                " xóa dòng này",
                f"'{indicator_id}' is a milestone (steps with evidence), not reported as a figure;"
                " delete this row",
            )
        if indicator_id in seen:
            yield ctx.problem(
                i,
                "indicator_id",
                f"'{indicator_id}' trùng với dòng {seen[indicator_id]}; mỗi chỉ tiêu một dòng",
                f"'{indicator_id}' duplicates row {seen[indicator_id]}; one row per indicator",
            )
        seen.setdefault(indicator_id, catalog._line(i))
        if row["frequency"] and row["frequency"] not in FREQUENCIES:
            listed = ", ".join(FREQUENCIES)
            yield ctx.problem(
                i,
                "frequency",
                f"'{row['frequency']}' không hợp lệ; dùng một trong: {listed}",
                f"'{row['frequency']}' is not allowed; use one of: {listed}",
            )
        for column in ("cutoff", "deadline"):
            if row[column] and not _is_month_day(row[column]):
                yield ctx.problem(
                    i,
                    column,
                    f"'{row[column]}' không phải tháng-ngày MM-DD, ví dụ 12-31",
                    f"'{row[column]}' is not a month-day MM-DD, e.g. 12-31",
                )
        yield from _check_reporter(i, row, ctx, register)
        if indicator is not None and not indicator.is_milestone:
            yield from _check_numbers(i, row, ctx, indicator)
    missing = [
        i.indicator_id for i in known.values() if not i.is_milestone and i.indicator_id not in seen
    ]
    if missing:
        yield ctx.problem(
            len(rows),
            "indicator_id",
            f"thiếu chỉ tiêu {', '.join(missing)}; thêm một dòng cho mỗi chỉ tiêu báo cáo bằng số",
            f"indicators {', '.join(missing)} are missing; add a row for every figure reported",
        )


def _check_reporter(i: int, row: pd.Series, ctx, register: Register) -> Iterator[str]:
    reporter = row["reporter"]
    if reporter and reporter not in register.agencies.index:
        yield ctx.problem(
            i,
            "reporter",
            f"'{reporter}' không có trong sổ cơ quan (agencies.csv); để trống (cơ quan chủ trì)"
            " hoặc dùng một agency_id có sẵn",
            f"'{reporter}' is not in the agency register (agencies.csv); leave it blank (the lead"
            " agency) or use an existing agency_id",
        )
    if reporter and not row["note"]:
        yield ctx.problem(
            i,
            "note",
            "ghi lý do giao cơ quan báo cáo khác cơ quan chủ trì ('tiếng Việt / English')",
            "say why another agency than the lead one reports ('Vietnamese / English')",
        )


def _check_numbers(i: int, row: pd.Series, ctx, indicator: catalog.Indicator) -> Iterator[str]:
    hard = VALUE_RULES[indicator.unit]
    bounds = {}
    for column in ("plausible_min", "plausible_max"):
        if not row[column]:
            continue
        number = _float(row[column])
        if number is None:
            yield ctx.problem(
                i, column, f"'{row[column]}' không phải số", f"'{row[column]}' is not a number"
            )
        elif not hard.allows(number):
            yield ctx.problem(
                i,
                column,
                f"{row[column]} nằm ngoài giới hạn của đơn vị {indicator.unit} "
                f"({range_text(hard, 'vi')})",
                f"{row[column]} is outside the limits of unit {indicator.unit} "
                f"({range_text(hard, 'en')})",
            )
        else:
            bounds[column] = number
    low, high = bounds.get("plausible_min"), bounds.get("plausible_max")
    if low is not None and high is not None and low >= high:
        yield ctx.problem(
            i,
            "plausible_max",
            f"{high:g} không lớn hơn plausible_min {low:g}",
            f"{high:g} is not above plausible_min {low:g}",
        )
    factor = _float(row["max_change_factor"]) if row["max_change_factor"] else None
    if row["max_change_factor"] and (factor is None or factor <= 1):
        yield ctx.problem(
            i,
            "max_change_factor",
            f"'{row['max_change_factor']}' phải là số lớn hơn 1, ví dụ 1.5",
            f"'{row['max_change_factor']}' must be a number above 1, e.g. 1.5",
        )


@lru_cache(maxsize=8)
def _cached(path: Path, stamp: tuple, register_stamp: tuple, catalog_stamp: tuple) -> pd.DataFrame:
    rows = catalog._read_text_csv(path)
    register = agencies.load_register()
    problems = list(check_regime(rows, catalog._Context(path.name), register))
    if problems:
        raise RegimeError(path.name, problems)
    return rows


def _stamps(path: Path) -> tuple:
    """What the validated regime depends on: the file, the agency register, the catalog."""
    register = (catalog._stamp(catalog.AGENCIES_FILE), catalog._stamp(agencies.SUCCESSIONS_FILE))
    return catalog._stamp(path), register, catalog._stamp(catalog.catalog_files()[0])


def load_regime_file(path: Path | None = None) -> pd.DataFrame:
    """The validated regime file alone (text cells, in file order), without the secretariat's
    entries; RegimeError listing every problem."""
    path = Path(path or REGIME_FILE)
    return _cached(path, *_stamps(path)).copy()


# --- the secretariat's entries in the store ------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """An indicator's row of the regime as the secretariat set it in the store (text cells as
    in the file, '' for an empty one), with who set it and when."""

    indicator_id: str
    frequency: str
    cutoff: str
    deadline: str
    reporter: str
    plausible_min: str
    plausible_max: str
    max_change_factor: str
    note: str
    changed_by: str
    changed_at: dt.datetime

    def row(self) -> dict[str, str]:
        """The entry as a row of the regime file."""
        return {column: getattr(self, column) for column in COLUMNS}


def entries_on(connection: Connection) -> tuple[Entry, ...]:
    """The secretariat's entries, by indicator id, read on an open connection."""
    query = select(regime_entries).order_by(regime_entries.c.indicator_id)
    return tuple(
        Entry(**{key: "" if value is None else value for key, value in row._mapping.items()})
        for row in connection.execute(query)
    )


def entries(engine: Engine) -> tuple[Entry, ...]:
    """The secretariat's entries in the store (StoreError when it cannot be reached)."""
    with reading(engine) as connection:
        return entries_on(connection)


RETRY_AFTER_SECONDS = 30.0
"""How long a database server that could not be reached is not asked again for the entries (the
regime is read many times a page; each try could wait for the connection timeout)."""
_unreachable: dict[str, float] = {}


def _no_database_yet(url: URL) -> bool:
    """A SQLite store whose file does not exist yet holds no entry (and is not made by reading)."""
    name = url.database or ""
    return (
        url.get_backend_name() == "sqlite"
        and name not in ("", ":memory:")
        and not name.startswith("file:")
        and not Path(name).exists()
    )


def store_entries(engine: Engine | None = None) -> tuple[Entry, ...]:
    """The entries of `engine`'s store (default: the app's, `TTX_DATABASE_URL`); none, logged,
    when the store cannot be read: reading the regime never needs the store."""
    where = "?"
    try:
        url = engine.url if engine is not None else database.parse_url()
        where = url.render_as_string(hide_password=True)
        if _no_database_yet(url) or time.monotonic() < _unreachable.get(where, 0.0):
            return ()
        found = entries(engine if engine is not None else database.engine())
    except (StoreError, exc.SQLAlchemyError) as error:
        _log.warning("reporting regime: the secretariat's entries cannot be read from %s, the"
                     " file %s alone is used: %s", where, REGIME_FILE.name, error)  # fmt: skip
        if where != "?" and not where.startswith("sqlite"):  # a server: not asked for a while
            _unreachable[where] = time.monotonic() + RETRY_AFTER_SECONDS
        return ()
    _unreachable.pop(where, None)
    return found


def overridden(rows: pd.DataFrame, replacements: dict[str, dict[str, str]]) -> pd.DataFrame:
    """The regime `rows` with the rows of `replacements` (indicator id -> row) in place of those
    of the same indicator; a replacement for an indicator the rows do not list is left out."""
    replaced = rows.copy()
    for position, indicator_id in enumerate(replaced["indicator_id"]):
        if indicator_id in replacements:
            replaced.iloc[position] = [replacements[indicator_id][c] for c in COLUMNS]
    return replaced


@dataclass(frozen=True)
class _EntryContext(catalog._Context):
    """Problems of the regime as set in the app, located by indicator and field (not by a line
    of a file), in one language or (`lang` None) in both."""

    indicator_ids: tuple[str, ...] = ()
    lang: str | None = None

    def _said(self, index: int | None, column: str, text: str, lang: str) -> str:
        field = t(f"regime.field.{column}", lang) if column in COLUMNS else column
        if index is None or not 0 <= index < len(self.indicator_ids):
            return t("regime.problem_regime", lang, field=field, column=column, problem=text)
        indicator_id = self.indicator_ids[index]
        indicator = catalog.indicator(indicator_id)
        return t("regime.problem", lang, label=indicator.label, name=indicator.name(lang),
                 id=indicator_id, field=field, column=column, problem=text)  # fmt: skip

    def problem(self, index: int | None, column: str, vi: str, en: str) -> str:
        if self.lang is not None:
            return self._said(index, column, en if self.lang == "en" else vi, self.lang)
        return f"{self._said(index, column, vi, 'vi')} / {self._said(index, column, en, 'en')}"


def entry_problems(rows: pd.DataFrame, lang: str | None = None) -> list[str]:
    """Every problem of a regime set in the app (`check_regime`, the file's own rules), each
    naming the indicator and the field, in `lang` (None: Vietnamese / English)."""
    context = _EntryContext(REGIME_FILE.name, indicator_ids=tuple(rows["indicator_id"]), lang=lang)
    return list(check_regime(rows, context, agencies.load_register()))


@lru_cache(maxsize=16)
def _effective(path: Path, stamps: tuple, found: tuple[Entry, ...]) -> pd.DataFrame:
    rows = overridden(_cached(path, *stamps), {e.indicator_id: e.row() for e in found})
    problems = entry_problems(rows)
    if problems:
        raise RegimeError(REGIME_FILE.name, problems)
    return rows


def load_regime(path: Path | None = None, *, engine: Engine | None = None) -> pd.DataFrame:
    """The regime in effect: the validated file (RegimeError listing every problem) with the
    secretariat's entries of the store (`engine`, default the app's) in place of their rows.

    Cached by the file's, the register's and the catalog's stamps and by the entries themselves
    (read anew each time, a small table), so a change made in the app, by this process or
    another, is in effect at the next read. Entries that no longer pass the rules (the catalog or
    the register changed under them) are logged and the file alone is used."""
    path = Path(path or REGIME_FILE)
    stamps = _stamps(path)
    rows = _cached(path, *stamps)
    found = store_entries(engine)
    if found:
        try:
            rows = _effective(path, stamps, found)
        except RegimeError as error:
            _log.error("reporting regime: the secretariat's entries are not used: %s", error)
    return rows.copy()


def fingerprint(engine: Engine | None = None) -> str:
    """A short text that changes whenever the secretariat's entries do (a cache key for what is
    built from the regime, such as an agency's workbook)."""
    found = store_entries(engine)
    text = repr([(e.row(), e.changed_at.isoformat()) for e in found])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- questions to the regime --------------------------------------------------------------


def _today(on: dt.date | None) -> dt.date:
    return on or dt.date.today()


def rules(
    on: dt.date | None = None, *, path: Path | None = None, engine: Engine | None = None
) -> list[ReportingRule]:
    """Every reported indicator's rule as of `on` (default today), in catalog order, by the
    regime in effect (`load_regime`: the file with the entries of `engine`'s store)."""
    on = _today(on)
    register = agencies.load_register()
    by_id = {i.indicator_id: i for i in catalog.indicators()}
    rows = load_regime(path, engine=engine).set_index("indicator_id")
    found = []
    for indicator_id in [i for i in by_id if i in rows.index]:
        row, indicator = rows.loc[indicator_id], by_id[indicator_id]
        plan_agency = row["reporter"] or indicator.lead_agency
        succession = agencies.successor(plan_agency, on, register)
        if len(succession.current) != 1:
            raise RegimeError(
                (path or REGIME_FILE).name,
                [
                    f"{indicator_id}: {plan_agency} nay là {len(succession.current)} cơ quan "
                    f"({', '.join(succession.current)}) vào {on}; ghi cơ quan báo cáo ở cột reporter"
                    f" / {indicator_id}: {plan_agency} is now {len(succession.current)} agencies "
                    f"({', '.join(succession.current)}) on {on}; name the reporter in column reporter"
                ],
            )
        found.append(
            ReportingRule(
                indicator_id=indicator_id,
                agency_id=succession.current[0],
                plan_agency_id=plan_agency,
                verified=succession.verified,
                frequency=row["frequency"],
                cutoff=row["cutoff"],
                deadline=row["deadline"],
                plausible=PlausibleRange(
                    _float(row["plausible_min"]), _float(row["plausible_max"])
                ),
                max_change_factor=float(row["max_change_factor"]),
                note=row["note"],
                by_district=indicator.by_district,
                rolls_up=indicator.rollup != "none",
                on=on,
            )
        )
    return found


def reporting_agencies(on: dt.date | None = None, *, engine: Engine | None = None) -> list[str]:
    """The agencies that report some figure as of `on` (default today), in catalog order."""
    return list(dict.fromkeys(rule.agency_id for rule in rules(on, engine=engine)))


def rules_for(
    agency_id: str,
    period: str | int,
    on: dt.date | None = None,
    *,
    engine: Engine | None = None,
    found: list[ReportingRule] | None = None,
) -> list[ReportingRule]:
    """The rules an agency reports by for a period, as of `on` (default today): [] for an agency
    of the register that reports nothing; AgencyError (vi/en) for one not in the register.
    `found`: `rules(on)` if already read."""
    parse_period(period)
    register = agencies.load_register()
    if agency_id not in register.agencies.index:
        known = ", ".join(reporting_agencies(on, engine=engine))
        raise AgencyError(
            f"Không có cơ quan '{agency_id}' trong sổ cơ quan; cơ quan báo cáo: {known} / "
            f"Unknown agency '{agency_id}' in the register; reporting agencies: {known}"
        )
    found = rules(on, engine=engine) if found is None else found
    return [rule for rule in found if rule.agency_id == agency_id]


def expected_reports(
    period: str | int,
    on: dt.date | None = None,
    *,
    found: list[ReportingRule] | None = None,
    engine: Engine | None = None,
) -> pd.DataFrame:
    """What a period's reports hold: one row per agency, indicator and level, with the deadline
    and the number of areas (`areas`) a figure is expected for; `found`: `rules(on)` if already
    read."""
    year = parse_period(period)
    records = [
        {
            "agency_id": rule.agency_id,
            "indicator_id": rule.indicator_id,
            "level": level,
            "deadline": rule.deadline_date(year),
            "areas": len(areas(level, year)),
        }
        for rule in (rules(on, engine=engine) if found is None else found)
        for level in rule.levels(year)
    ]
    return pd.DataFrame(
        records, columns=["agency_id", "indicator_id", "level", "deadline", "areas"]
    )


def period_deadline(
    period: str | int,
    on: dt.date | None = None,
    *,
    found: list[ReportingRule] | None = None,
    engine: Engine | None = None,
) -> dt.date:
    """When every report of a period is due: the latest deadline of the period's rules (`found`:
    `rules(on)` if already read)."""
    year = parse_period(period)
    found = rules(on, engine=engine) if found is None else found
    return max(rule.deadline_date(year) for rule in found)


def period_cutoff(
    period: str | int, on: dt.date | None = None, *, engine: Engine | None = None
) -> dt.date:
    """The data cut-off of a period (the latest of its rules')."""
    year = parse_period(period)
    return max(rule.cutoff_date(year) for rule in rules(on, engine=engine))


def _district_codes(year: int) -> list[str]:
    """The plan districts that existed at some time of `year` (by code)."""
    return [c for c in geography.district_codes() if history.year_basis(c, year) != history.ENDED]


def areas(level: str, period: str | int) -> list[Area]:
    """The units a figure of `level` is reported for in a period: the province (as the register
    names it at the period's end), the plan districts existing that year (2022 names), or the
    commune-level units valid at the period's end, by code."""
    year = parse_period(period)
    end = dt.date(year, 12, 31)
    if level == PROVINCE:
        unit = units.unit(units.PROVINCE_CODE, end)
        return [Area(PROVINCE, unit.code, unit.name_vi, unit.name_en)]
    if level == DISTRICT:
        districts = geography.load_districts().set_index("district_code")
        return [
            Area(DISTRICT, c, districts.loc[c, "full_name_vi"], districts.loc[c, "full_name_en"])
            for c in _district_codes(year)
        ]
    if level == COMMUNE:
        return [Area(COMMUNE, u.code, u.name_vi, u.name_en) for u in units.units_on(end, COMMUNE)]
    raise KeyError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")


def recipient(on: dt.date | None = None) -> str:
    """The agency reports go to on `on` (default today): the standing body's successor."""
    return agencies.successor(RECIPIENT_PLAN_AGENCY, _today(on)).current[0]
