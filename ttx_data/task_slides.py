"""What the meeting's "overdue tasks by agency" slides show, from the tasks' classification.

`overdue_by_agency` groups the overdue tasks of mục III (and dated duties of mục IV) under the
agency that answers for them on the meeting's day: the agencies with the most overdue tasks
first, then the longest overdue; within an agency the longest overdue first, then the plan's
order. An agency is named today's first with the plan's agencies it answers for in brackets
(`agencies.with_plan`). A task with two lead agencies today (2.4: the radio and the newspaper;
the tasks of "các sở, ngành, địa phương") is listed under each, as each must answer for it; the
headline counts it once. `pages` splits the rows over slides of at most ROWS rows.

Each task shows its number, a short text (the plan's words in Vietnamese, without the agency
that opens them; our English summary in English; both cut at a word with "…"), its deadline,
the days overdue, and what the lead agency's latest report says of obstacles and proposals
(shortened), or that there is no report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ttx_data import agencies, catalog
from ttx_data.i18n import format_date, format_number, t
from ttx_data.tasks import COLLECTIVES, Task
from ttx_data.tasks import status as task_status

ROWS = 7
"""Rows a slide holds at projector size: an agency's heading (one or two lines) and each of its
tasks (two or three lines: its texts are cut to fit) count one. An agency that does not fit on
what is left of a slide starts the next one; one with more tasks than a slide holds continues
on the next, its heading repeated."""

COLUMNS = ("number", "task", "deadline", "days", "report")
"""The columns of a task row, headed by `meeting.tasks_col_<column>`."""

TEXT_CHARS = 95
"""A task's text is cut to this many characters (two lines of its column)."""
REPORT_CHARS = 55
"""The obstacles, and the proposals, are each cut to this many characters."""


@dataclass(frozen=True)
class OverdueTask:
    """One overdue task (or dated duty) as its agency's rows list it."""

    item_id: str
    """The id `tasks.status.task_statuses` gives it: '1.1', or a duty's 'mid_term_review'."""
    number: str
    """As the plan numbers it: '1.1', or a duty's clause 'IV.2.1'."""
    text: str
    deadline: dt.date
    deadline_text: str
    days_overdue: int
    report: str
    """What the lead agency's latest report says: obstacles and proposals, else its progress;
    'Chưa có báo cáo' / 'No report' when there is none."""
    provenance: str | None
    """The report's provenance (None without a report)."""

    @property
    def illustrative(self) -> bool:
        return self.provenance == "illustrative"

    def days_text(self, lang: str) -> str:
        """'333 ngày' / '333 days'."""
        return t("meeting.tasks_days", lang, days=format_number(self.days_overdue, lang, 0))


@dataclass(frozen=True)
class AgencyTasks:
    """An agency answering today for overdue tasks, and those of them a slide shows."""

    agency_id: str
    name: str
    """Today's name with the plan's agencies it answers for here in brackets, when different."""
    overdue: int
    """How many overdue tasks it answers for (on every slide it is on)."""
    longest: int
    """The most days one of them is overdue."""
    tasks: tuple[OverdueTask, ...]
    continued: bool = False
    """Whether its rows began on the previous slide."""

    def summary(self, lang: str) -> str:
        """'3 nhiệm vụ quá hạn, lâu nhất 450 ngày', and '(tiếp)' when continued."""
        key = "meeting.tasks_agency_one" if self.overdue == 1 else "meeting.tasks_agency_many"
        text = t(key, lang, n=self.overdue, days=self.longest)
        return f"{text} {t('meeting.tasks_continued', lang)}" if self.continued else text


def column_headers(lang: str) -> list[str]:
    """The headers of a task row's columns (COLUMNS)."""
    return [t(f"meeting.tasks_col_{column}", lang) for column in COLUMNS]


def shorten(text: str | None, limit: int) -> str:
    """The text on one line, cut at a word to at most `limit` characters with '…' when longer."""
    words = " ".join((text or "").split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1]
    if words[limit - 1] != " " and " " in cut:  # the cut falls inside a word: drop it
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–-") + "…"


def item_text(item, lang: str) -> str:
    """A task's or duty's short text: our English summary (en), or the plan's words without the
    agency that opens them ('Sở Kế hoạch và Đầu tư: ...') (vi)."""
    if lang == "en":
        return shorten(item.summary_en, TEXT_CHARS)
    text = " ".join(item.text_vi.split())
    head, colon, rest = text.partition(": ")
    if colon and isinstance(item, Task) and len(head) <= 80:  # the agency the item is addressed to
        text = rest
    return shorten(text[:1].upper() + text[1:], TEXT_CHARS)


def report_text(row: dict, lang: str) -> str:
    """What the latest lead report says of an overdue task, shortened: its obstacles and its
    proposals, else its progress; that there is none when there is no report."""
    if row["reported_status"] is None or pd.isna(row["reported_status"]):
        return t("meeting.tasks_no_report", lang)
    parts = [
        t(key, lang, text=shorten(row[column], REPORT_CHARS))
        for key, column in (
            ("meeting.tasks_obstacles", "obstacles"),
            ("meeting.tasks_proposals", "proposals"),
        )
        if isinstance(row[column], str) and row[column].strip()
    ]
    if not parts and isinstance(row["progress"], str) and row["progress"].strip():
        parts = [t("meeting.tasks_progress", lang, text=shorten(row["progress"], REPORT_CHARS))]
    return "\n".join(parts) or "–"


def _name(agency_id: str, lang: str, directory: Path | None, register) -> str:
    """An agency's name: a collective's, the catalog's for a plan agency, else the register's."""
    if agency_id in COLLECTIVES:
        vi, en = COLLECTIVES[agency_id]
        return en if lang == "en" else vi
    try:
        return catalog.agency_name(agency_id, lang, directory)
    except KeyError:
        return register.name(agency_id, lang)


def _answering(plan_leads, on: dt.date, register) -> dict[str, list[tuple[str, bool]]]:
    """Today's agency -> the plan's agencies (of `plan_leads`) it answers for on `on`, each with
    whether every hand-over on the way is sourced; a collective answers for itself."""
    found: dict[str, list[tuple[str, bool]]] = {}
    for plan_agency in plan_leads:
        if plan_agency in COLLECTIVES or plan_agency not in register.agencies.index:
            found.setdefault(plan_agency, []).append((plan_agency, True))
            continue
        step = agencies.successor(plan_agency, on, register)
        for now in step.current:
            found.setdefault(now, []).append((plan_agency, step.verified))
    return found


def overdue_by_agency(
    statuses: pd.DataFrame, lang: str, on: dt.date, directory: Path | None = None
) -> list[AgencyTasks]:
    """The overdue rows of `task_statuses` under the agencies answering for them on `on`, worst
    first (see the module's docstring)."""
    register = agencies.load_register()
    items = {getattr(i, "task_id", None) or i.duty_id: i for i in task_status.items()}
    found: dict[str, dict] = {}
    for row in task_status.worst_first(statuses).to_dict("records"):
        if row["status"] != task_status.OVERDUE:
            continue
        item = items[row["task_id"]]
        shown = OverdueTask(
            item_id=row["task_id"],
            number=row["task_id"] if isinstance(item, Task) else item.clause,
            text=item_text(item, lang),
            deadline=row["deadline"],
            deadline_text=format_date(row["deadline"], lang),
            days_overdue=int(row["days_overdue"]),
            report=report_text(row, lang),
            provenance=row["provenance"] if isinstance(row["provenance"], str) else None,
        )
        for agency_id, via in _answering(row["plan_lead"], on, register).items():
            entry = found.setdefault(agency_id, {"tasks": [], "plan": {}, "verified": True})
            entry["tasks"].append(shown)
            for plan_agency, verified in via:
                if plan_agency != agency_id:
                    entry["plan"][plan_agency] = None
                    entry["verified"] &= verified
    groups = [
        AgencyTasks(
            agency_id=agency_id,
            name=agencies.with_plan(
                _name(agency_id, lang, directory, register),
                [_name(p, lang, directory, register) for p in entry["plan"]],
                entry["verified"],
                lang,
            ),
            overdue=len(entry["tasks"]),
            longest=max(task.days_overdue for task in entry["tasks"]),
            tasks=tuple(entry["tasks"]),
        )
        for agency_id, entry in found.items()
    ]
    return sorted(groups, key=lambda g: (-g.overdue, -g.longest, g.agency_id))


def pages(groups: list[AgencyTasks], rows: int = ROWS) -> list[tuple[AgencyTasks, ...]]:
    """The agencies over slides of at most `rows` rows (an agency's heading and each task one):
    an agency that fits a slide is not split; a longer one continues on the next slide."""
    found: list[tuple[AgencyTasks, ...]] = []
    page: list[AgencyTasks] = []
    used = 0
    for group in groups:
        tasks, continued = list(group.tasks), False
        while tasks:
            room = rows - used - 1
            whole = len(tasks) <= rows - 1
            if page and (room < 1 or (whole and len(tasks) > room)):
                found.append(tuple(page))
                page, used = [], 0
                continue
            taken, tasks = tasks[: max(room, 1)], tasks[max(room, 1) :]
            page.append(dataclasses.replace(group, tasks=tuple(taken), continued=continued))
            used += 1 + len(taken)
            continued = True
    if page or not found:
        found.append(tuple(page))
    return found


def headline_points(statuses: pd.DataFrame, lang: str) -> list[str]:
    """The headline (how many of the plan's tasks are in each classification, or that none is
    reported yet) and, when any is overdue, how many dated duties of mục IV are."""
    tasks = statuses[statuses["kind"] == "task"]
    counts = task_status.status_counts(tasks)
    if statuses["reported_status"].isna().all():
        points = [t("meeting.tasks_none_reported", lang, total=len(tasks))]
    else:
        points = [
            t(
                "meeting.tasks_headline",
                lang,
                overdue=counts[task_status.OVERDUE],
                total=len(tasks),
                completed=counts[task_status.COMPLETED_ON_TIME]
                + counts[task_status.COMPLETED_LATE],
                late=counts[task_status.COMPLETED_LATE],
                in_progress=counts[task_status.IN_PROGRESS],
                not_reported=counts[task_status.NOT_REPORTED],
            )
        ]
    duties = statuses[statuses["kind"] == "duty"]
    late = int((duties["status"] == task_status.OVERDUE).sum())
    if late:
        points.append(t("meeting.tasks_duties_overdue", lang, n=late, total=len(duties)))
    return points
