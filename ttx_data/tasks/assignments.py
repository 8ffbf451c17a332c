"""Who answers for the plan's tasks and duties on a day, following the agency register.

The plan's agencies are followed through their successions (`agencies.successor`): on
1/1/2026 Sở Tài chính tỉnh Bắc Ninh answers for what the plan gave Sở Kế hoạch và Đầu tư and Sở
Tài chính, and UBND các xã, phường (unverified) for what it gave UBND các huyện, thành phố. An
item addressed to "các sở, ban, ngành" (COLLECTIVES) is every such agency's, role "all"; a
collective among the cooperating agencies ("phối hợp với các cơ quan liên quan") makes no one's.
Succession steps that hand over only some duties (duties_to) are not followed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ttx_data import agencies
from ttx_data.agencies.register import Register
from ttx_data.tasks.catalog import COLLECTIVE_KINDS, COLLECTIVES, Task, load_tasks
from ttx_data.tasks.duties import Duty, load_duties

ROLES = {
    "lead": ("Chủ trì", "Lead"),
    "cooperating": ("Phối hợp", "Cooperating"),
    "all": ("Các sở, ban, ngành (theo chức năng)", "Every department (within its remit)"),
}
"""An agency's part in a task or duty, id -> (vi, en), strongest first."""


class AgencyError(ValueError):
    """An agency code that does not exist on the day asked; the message is in vi and en."""


@dataclass(frozen=True)
class Current:
    """Who answers on a day for the agencies the plan names: `agencies` (today's ids, a
    collective as itself) and whether every hand-over on the way is sourced."""

    agencies: tuple[str, ...]
    verified: bool


@dataclass(frozen=True)
class Assignment:
    """A task or duty an agency answers for on a day: its strongest `role` (ROLES), the plan's
    agencies it answers for it through (`via`) and whether every hand-over is sourced."""

    item: Task | Duty
    role: str
    via: tuple[str, ...]
    verified: bool


def current(plan_agencies: tuple[str, ...], on: dt.date, register: Register | None = None):
    """Who answers on `on` for `plan_agencies` (e.g. a task's lead_agency): a Current."""
    register = register or agencies.load_register()
    found: list[str] = []
    verified = True
    for plan_agency in plan_agencies:
        if plan_agency in COLLECTIVES:
            now = (plan_agency,)
        else:
            step = agencies.successor(plan_agency, on, register)
            now, verified = step.current, verified and step.verified
        found += [a for a in now if a not in found]
    return Current(tuple(found), verified)


def _check_exists(agency_id: str, on: dt.date, register: Register) -> None:
    if agency_id in COLLECTIVES:
        return
    if agency_id not in register.agencies.index:
        raise AgencyError(
            f"Không có cơ quan mã '{agency_id}'; xem danh sách: python -m ttx_data agencies"
            f" --as-of {on.isoformat()} / "
            f"There is no agency '{agency_id}'; list them: python -m ttx_data agencies --as-of"
            f" {on.isoformat()}",
        )
    if agency_id not in register.ids_on(on):
        now = ", ".join(agencies.successor(agency_id, on, register).current)
        raise AgencyError(
            f"Cơ quan '{agency_id}' không tồn tại vào ngày {on.isoformat()}; nay: {now} / "
            f"The agency '{agency_id}' does not exist on {on.isoformat()}; now: {now}",
        )


def _assignment(item: Task | Duty, agency_id: str, kind: str, on: dt.date, register: Register):
    """How `agency_id` (of register kind `kind`) answers on `on` for `item`, or None."""
    found: dict[str, list[tuple[str, bool]]] = {}
    for role, named in (("lead", item.lead_agency), ("cooperating", item.cooperating_agencies)):
        for plan_agency in named:
            if plan_agency == agency_id:
                found.setdefault(role, []).append((plan_agency, True))
            elif plan_agency in COLLECTIVES:
                if role == "lead" and kind in COLLECTIVE_KINDS:
                    found.setdefault("all", []).append((plan_agency, True))
            else:
                step = agencies.successor(plan_agency, on, register)
                if agency_id in step.current:
                    found.setdefault(role, []).append((plan_agency, step.verified))
    if not found:
        return None
    role = next(r for r in ROLES if r in found)
    via = [pair for r in ROLES for pair in found.get(r, [])]
    return Assignment(item, role, tuple(a for a, _ in via), all(v for _, v in found[role]))


def _for_agency(items, agency_id: str, on: dt.date) -> list[Assignment]:
    register = agencies.load_register()
    _check_exists(agency_id, on, register)
    kind = "" if agency_id in COLLECTIVES else register.agencies.loc[agency_id, "kind"]
    found = (_assignment(item, agency_id, kind, on, register) for item in items)
    return [a for a in found if a is not None]


def tasks_for_agency(agency_id: str, on: dt.date | None = None) -> list[Assignment]:
    """The tasks of mục III that `agency_id` answers for on `on` (default: today), in the plan's
    order: those the plan gave it or the agencies it succeeds, lead or cooperating, and those
    addressed to every department. AgencyError when the agency does not exist that day."""
    return _for_agency(load_tasks(), agency_id, on or dt.date.today())


def duties_for_agency(agency_id: str, on: dt.date | None = None) -> list[Assignment]:
    """The duties of mục IV that `agency_id` answers for on `on`, as `tasks_for_agency`."""
    return _for_agency(load_duties(), agency_id, on or dt.date.today())
