"""The duties of mục IV "Tổ chức thực hiện": who does what to run the plan, and when.

`data/plan_duties.csv` holds each duty of mục IV.1-IV.3 with the agency the plan gives it
(lead_agency, read as tasks.csv reads the plan's words), the plan's text (verbatim, a part of one
clause) and our English summary, how often it recurs and, for a one-off duty, the year the plan
gives. `milestones()` dates them: the mid-term review (2025), the final review (2030), one annual
report a year from the year the plan was issued to its target year; the reporting regime sets
the day a report is due.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ttx_data import agencies, catalog, plan
from ttx_data.paths import BUNDLED_DATA_DIR
from ttx_data.tasks.catalog import (
    TaskCatalogError,
    check_agency_cells,
    check_header,
    check_year_in_words,
    plan_agency_ids,
)

DUTIES_FILE = BUNDLED_DATA_DIR / "plan_duties.csv"

COLUMNS = (
    "duty_id", "clause", "lead_agency", "cooperating_agencies", "recurrence", "year", "text_vi",
    "summary_en", "note",
)  # fmt: skip
"""Columns of `plan_duties.csv`, in file order."""

RECURRENCES = {
    "once": ("Một lần", "Once"),
    "annual": ("Hằng năm", "Every year"),
    "periodic": ("Định kỳ", "Periodically"),
    "ongoing": ("Thường xuyên", "Ongoing"),
}
"""How often a duty recurs, id -> (vi, en). "periodic": the plan says "định kỳ" and no period."""

_CLAUSE = re.compile(r"^IV(\.\d+)+$")


@dataclass(frozen=True)
class Duty:
    """One duty of mục IV, e.g. the mid-term review (IV.2.1) or the annual report (IV.2.2)."""

    duty_id: str
    clause: str
    lead_agency: tuple[str, ...]
    cooperating_agencies: tuple[str, ...]
    recurrence: str
    year: int | None
    text_vi: str
    summary_en: str
    note: str

    def text(self, lang: str = "vi") -> str:
        """The plan's text (vi) or our English summary (en)."""
        return catalog._pick(self.text_vi, self.summary_en, lang)

    @property
    def years(self) -> tuple[int | None, ...]:
        """The years the plan places the duty in: a one-off duty's year (None when the plan gives
        none), each year of an annual one from the plan's issue to its target year, none for a
        periodic or ongoing one."""
        if self.recurrence == "once":
            return (self.year,)
        if self.recurrence == "annual":
            return tuple(range(plan.PLAN_DATE.year, plan.TARGET_YEAR + 1))
        return ()

    def note_text(self, lang: str = "vi") -> str:
        """How the duty was read where the plan leaves it open; blank otherwise."""
        if not self.note:
            return ""
        vi, en = self.note.split(" / ", 1)
        return catalog._pick(vi, en, lang)


@dataclass(frozen=True)
class Milestone:
    """A dated occurrence of a duty: `year` is when the plan places it (None: it gives none)."""

    duty: Duty
    year: int | None


def check_duty_rows(rows: pd.DataFrame, ctx: catalog._Context) -> Iterator[str]:
    """Ids snake_case and unique, clauses of mục IV, a known recurrence, a year only for a
    one-off duty and written in its text, notes 'tiếng Việt / English'."""
    yield from catalog._check_unique_snake_case(rows, "duty_id", ctx)
    for i, row in rows.iterrows():
        if row["clause"] and not _CLAUSE.match(row["clause"]):
            yield ctx.problem(
                i,
                "clause",
                f"'{row['clause']}' không phải mục của phần IV; ví dụ IV.1, IV.2.1",
                f"'{row['clause']}' is not a clause of section IV; e.g. IV.1, IV.2.1",
            )
        recurrence, year = row["recurrence"], row["year"]
        if recurrence and recurrence not in RECURRENCES:
            yield ctx.problem(
                i,
                "recurrence",
                f"'{recurrence}' không hợp lệ; dùng một trong: {', '.join(RECURRENCES)}",
                f"'{recurrence}' is not allowed; use one of: {', '.join(RECURRENCES)}",
            )
        if year and recurrence != "once":
            yield ctx.problem(
                i,
                "year",
                "chỉ ghi năm cho nhiệm vụ một lần (recurrence once); để trống",
                "give a year only for a one-off duty (recurrence once); leave it blank",
            )
        elif year:
            yield from check_year_in_words(i, ctx, "year", year, row["text_vi"])
        if row["note"] and row["note"].count(" / ") != 1:
            yield ctx.problem(
                i,
                "note",
                "cần đúng một ' / ' giữa hai phần; ghi 'tiếng Việt / English'",
                "needs exactly one ' / ' between the parts; write 'Vietnamese / English'",
            )


def validate_duties(rows: pd.DataFrame, file: str, agency_ids: frozenset[str]) -> None:
    """Raise TaskCatalogError listing every problem of plan_duties.csv, or return."""
    ctx = catalog._Context(file, agency_ids)
    problems = list(check_header(rows, ctx, COLUMNS))
    if not problems:
        required = ("duty_id", "clause", "lead_agency", "recurrence", "text_vi", "summary_en")
        problems += catalog.check_no_surrounding_spaces(rows, ctx)
        problems += catalog.check_required(rows, ctx, required)
        problems += check_agency_cells(rows, ctx)
        problems += check_duty_rows(rows, ctx)
    if problems:
        raise TaskCatalogError(file, problems)


@lru_cache(maxsize=8)
def _cached(path: Path, stamps: tuple) -> tuple[Duty, ...]:
    rows = catalog._read_text_csv(path)
    validate_duties(rows, path.name, plan_agency_ids(agencies.load_register()))
    return tuple(
        Duty(
            duty_id=row["duty_id"],
            clause=row["clause"],
            lead_agency=catalog._split(row["lead_agency"]),
            cooperating_agencies=catalog._split(row["cooperating_agencies"]),
            recurrence=row["recurrence"],
            year=int(row["year"]) if row["year"] else None,
            text_vi=row["text_vi"],
            summary_en=row["summary_en"],
            note=row["note"],
        )
        for row in rows.to_dict("records")
    )


def load_duties(path: Path | None = None) -> tuple[Duty, ...]:
    """Every duty of mục IV in file order, validated (the bundled file unless given)."""
    path = Path(path or DUTIES_FILE)
    files = (path, catalog.AGENCIES_FILE, agencies.SUCCESSIONS_FILE)
    return _cached(path, tuple(catalog._stamp(f) for f in files))


def milestones(duties: tuple[Duty, ...] | None = None) -> list[Milestone]:
    """The dated duties (`Duty.years`), in order of year, the undated first; periodic and
    ongoing duties have none."""
    found = [Milestone(duty, year) for duty in duties or load_duties() for year in duty.years]
    return sorted(found, key=lambda m: -1 if m.year is None else m.year)
