"""What people read of the plan's tasks: every task filtered, what an agency owes, what serves a
target, and the overview's attention list.

Built from `status.task_statuses` (one row per task and dated duty, with its classification),
the scorecard (one row per indicator, with its progress status) and the reporting regime (who
reports which indicator today); the pages only draw the frames given here.

The attention list's order (`attention_list`):
1. Off-track indicators, worst first: moving away from the target, then limited progress, then
   needs acceleration, then a milestone not started (`progress.OFF_TRACK_ORDER`); the catalog's
   order within a status.
2. Overdue tasks and duties, worst first: the longest overdue first; the plan's order within.
3. The two lists are taken in turn, an indicator first, then a task, then the next indicator...:
   the targets and the actions behind them both show in the first lines; when one list runs out
   the rest of the other follows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import zip_longest

import pandas as pd

from ttx_data import agencies, catalog, plan, progress, scorecard
from ttx_data.tasks.assignments import Assignment, current, duties_for_agency, tasks_for_agency
from ttx_data.tasks.catalog import COLLECTIVES, GROUPS, Task, load_tasks
from ttx_data.tasks.duties import Duty
from ttx_data.tasks.status import OVERDUE, items, worst_first

DUTIES_GROUP = "IV"
"""The group key of the dated duties of mục IV (the tasks' groups are "1" ... "9")."""

GROUP_NAMES: dict[str, tuple[str, str]] = {
    **{str(number): names for number, names in GROUPS.items()},
    DUTIES_GROUP: ("Tổ chức thực hiện (mục IV)", "Running the plan (section IV)"),
}
"""Group key -> (vi, en): the nine groups of solutions of mục III, then the duties of mục IV."""

ROLE_COLUMNS = ("role", "via", "verified_via")
"""Columns `agency_view` adds to the statuses: the agency's role, the plan's agencies it answers
through, and whether every hand-over on the way is sourced."""

ATTENTION_COLUMNS = (
    "kind", "item_id", "status", "days_overdue", "plan_agencies", "current_agencies", "verified",
)  # fmt: skip
"""Columns of `attention_list`: kind "indicator" or "task"; for a task, how many days overdue."""

INDICATOR, TASK = "indicator", "task"


def group_key(row: pd.Series | dict) -> str:
    """The group a row of `task_statuses` is listed under: "1" ... "9", or "IV" for a duty."""
    return DUTIES_GROUP if row["kind"] == "duty" else str(int(row["group"]))


def item_id(item: Task | Duty) -> str:
    """A task's number or a duty's id: the `task_id` of its row in `task_statuses`."""
    return item.task_id if isinstance(item, Task) else item.duty_id


def items_by_id() -> dict[str, Task | Duty]:
    """Every task and dated duty `task_statuses` lists, by the id of its row."""
    return {item_id(item): item for item in items()}


# --- agencies ---------------------------------------------------------------------------------


def agency_name(agency_id: str, lang: str = "vi") -> str:
    """An agency's name from the register, or a collective's ("Các sở, ban, ngành")."""
    if agency_id in COLLECTIVES:
        return COLLECTIVES[agency_id][lang == "en"]
    register = agencies.load_register()
    if agency_id not in register.agencies.index:
        return agency_id
    return register.name(agency_id, lang)


def exists_on(agency_id: str, on: dt.date) -> bool:
    """Whether an agency (or a collective) exists on a day."""
    if agency_id in COLLECTIVES:
        return True
    return agency_id in agencies.load_register().ids_on(on)


def assignments(agency_id: str, on: dt.date) -> dict[str, Assignment]:
    """What an agency answers for, by row id of `task_statuses`: on `on` for an agency of that
    day (what the plan gave it and the agencies it succeeds); for a plan agency gone by then,
    what the plan gave it (as on the plan's date)."""
    day = on if exists_on(agency_id, on) else plan.PLAN_DATE
    found = [*tasks_for_agency(agency_id, day), *duties_for_agency(agency_id, day)]
    return {item_id(a.item): a for a in found}


def plan_agencies_of(agency_id: str, on: dt.date) -> tuple[str, ...]:
    """The plan's agencies an agency answers for on `on`: itself if the plan names it, and those
    whose duties came to it (Sở Tài chính tỉnh Bắc Ninh: Sở Kế hoạch và Đầu tư, Sở Tài chính)."""
    register = agencies.load_register()
    return tuple(
        plan_agency
        for plan_agency in register.plan_agencies()
        if agency_id in agencies.successor(plan_agency, on, register).current
    )


def agency_options(on: dt.date) -> tuple[list[str], list[str]]:
    """The agencies to choose from: those of `on` (the register's order; each is one the plan
    names or the successor of one) and the plan's agencies gone by then."""
    register = agencies.load_register()
    today = agencies.agencies_on(on, register)["agency_id"].tolist()
    return today, [a for a in register.plan_agencies() if a not in set(today)]


# --- every task, filtered -----------------------------------------------------------------------


@dataclass(frozen=True)
class TaskFilter:
    """What the tasks page keeps: a group ("1"-"9", "IV"), a sector (a catalog sector: the
    group-8 items under it), an agency (today's or the plan's, as `assignments`), a target
    (1-15: the tasks serving one of its indicators), a classification. None keeps every row."""

    group: str | None = None
    sector: str | None = None
    agency: str | None = None
    target: int | None = None
    status: str | None = None


def filtered(statuses: pd.DataFrame, keep: TaskFilter, on: dt.date) -> pd.DataFrame:
    """The rows of `task_statuses` the filter keeps, worst first (`status.worst_first`)."""
    rows = statuses
    if keep.group:
        rows = rows[[group_key(r) == keep.group for r in rows.to_dict("records")]]
    if keep.sector:
        rows = rows[rows["sector"] == keep.sector]
    if keep.agency:
        rows = rows[rows["task_id"].isin(assignments(keep.agency, on))]
    if keep.target is not None:
        rows = rows[[keep.target in targets for targets in rows["targets"]]]
    if keep.status:
        rows = rows[rows["status"] == keep.status]
    return worst_first(rows)


# --- one agency ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyView:
    """What one agency owes on a day: `tasks` (rows of `task_statuses` it answers for, worst
    first, with ROLE_COLUMNS), `indicators` (the scorecard rows of the indicators it reports,
    catalog order, with the plan's agency it reports for) and the plan's agencies it answers for."""

    agency_id: str
    plan_agencies: tuple[str, ...]
    tasks: pd.DataFrame
    indicators: pd.DataFrame

    def role(self, role: str) -> pd.DataFrame:
        """Its tasks of one role: "lead", "cooperating" or "all" (every department's)."""
        return self.tasks[self.tasks["role"] == role].reset_index(drop=True)


def agency_view(
    agency_id: str, statuses: pd.DataFrame, card: pd.DataFrame, rules: list, on: dt.date
) -> AgencyView:
    """One agency's view on `on`: its tasks and duties (`assignments`) with their status, and
    the indicators the regime's `rules` (as of `on`) have it report, with their scorecard row."""
    found = assignments(agency_id, on)
    tasks = statuses[statuses["task_id"].isin(found)].copy()
    tasks["role"] = [found[i].role for i in tasks["task_id"]]
    tasks["via"] = [found[i].via for i in tasks["task_id"]]
    tasks["verified_via"] = [found[i].verified for i in tasks["task_id"]]
    reported = {r.indicator_id: r for r in rules if r.agency_id == agency_id}
    indicators = card[card["indicator_id"].isin(reported)].copy()
    indicators["plan_agency"] = [reported[i].plan_agency_id for i in indicators["indicator_id"]]
    indicators["verified_via"] = [reported[i].verified for i in indicators["indicator_id"]]
    return AgencyView(
        agency_id,
        plan_agencies_of(agency_id, on),
        worst_first(tasks),
        indicators.reset_index(drop=True),
    )


# --- one target ---------------------------------------------------------------------------------


def targets() -> dict[int, str]:
    """The plan's targets (mục II.3) by number, 1-15, each with its group (catalog.GROUPS)."""
    return {number: group for group, numbers in catalog.GROUP_TARGETS.items() for number in numbers}


@dataclass(frozen=True)
class TargetView:
    """One target: its `indicators` (scorecard rows, catalog order) and the `tasks` that serve
    one of them (rows of `task_statuses`, worst first, with `basis`: "plan" when the plan's words
    link the task to the target, "secretariat" otherwise)."""

    target_no: int
    group: str
    indicators: pd.DataFrame
    tasks: pd.DataFrame


def target_view(target_no: int, statuses: pd.DataFrame, card: pd.DataFrame) -> TargetView:
    """Target `target_no` (KeyError, vi/en, for a number that is not one of the plan's)."""
    known = targets()
    if target_no not in known:
        raise KeyError(
            f"Không có mục tiêu số {target_no}; Kế hoạch có mục tiêu 1-{len(known)} / "
            f"No target {target_no}; the plan has targets 1-{len(known)}"
        )
    indicators = card[card["target_no"] == target_no].reset_index(drop=True)
    tasks = statuses[[target_no in served for served in statuses["targets"]]].copy()
    by_id = {t.task_id: t for t in load_tasks()}
    tasks["basis"] = [
        "plan"
        if any(k.basis == "plan" and k.target_no == target_no for k in by_id[i].links)
        else "secretariat"
        for i in tasks["task_id"]
    ]
    return TargetView(target_no, known[target_no], indicators, worst_first(tasks))


# --- the attention list -------------------------------------------------------------------------


def off_track(card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard's off-track rows, worst first (`progress.OFF_TRACK_ORDER`), catalog order
    within a status."""
    rows = scorecard.worst_first(card)
    return rows[rows["status"].isin(progress.OFF_TRACK_ORDER)]


def attention_list(statuses: pd.DataFrame, card: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    """Off-track indicators and overdue tasks (ATTENTION_COLUMNS), each with the plan's and
    today's agencies responsible, in the order the module's docstring sets out."""
    register = agencies.load_register()
    indicators = []
    for row in off_track(card).to_dict("records"):
        lead = current((row["lead_agency"],), on, register)
        indicators.append(
            {
                "kind": INDICATOR,
                "item_id": row["indicator_id"],
                "status": row["status"],
                "days_overdue": None,
                "plan_agencies": (row["lead_agency"],),
                "current_agencies": lead.agencies,
                "verified": lead.verified,
            }
        )
    overdue = worst_first(statuses[statuses["status"] == OVERDUE])
    tasks = [
        {
            "kind": TASK,
            "item_id": row["task_id"],
            "status": row["status"],
            "days_overdue": int(row["days_overdue"]),
            "plan_agencies": row["plan_lead"],
            "current_agencies": row["current_lead"],
            "verified": row["verified"],
        }
        for row in overdue.to_dict("records")
    ]
    taken = [row for pair in zip_longest(indicators, tasks) for row in pair if row is not None]
    frame = pd.DataFrame(taken, columns=list(ATTENTION_COLUMNS))
    frame["days_overdue"] = frame["days_overdue"].astype("Int64")
    return frame


def target_summary(statuses: pd.DataFrame, card: pd.DataFrame) -> pd.DataFrame:
    """One row per target, 1-15: its group, its indicators' ids and statuses (catalog order),
    how many tasks serve it and how many of them are overdue."""
    rows = []
    for number, group in targets().items():
        own = card[card["target_no"] == number]
        serving = statuses[[number in served for served in statuses["targets"]]]
        rows.append(
            {
                "target_no": number,
                "group": group,
                "indicators": tuple(zip(own["indicator_id"], own["status"], strict=True)),
                "tasks": len(serving),
                "overdue": int((serving["status"] == OVERDUE).sum()),
            }
        )
    return pd.DataFrame(rows)
