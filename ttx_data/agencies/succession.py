"""Who answers for a plan agency on a date: the chain of successions in force by then."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ttx_data.agencies.register import Register, load_register, parse_date


@dataclass(frozen=True)
class Step:
    """One succession in a chain: `from_agency` handed over to `to_agency` on `effective`."""

    from_agency: str
    to_agency: str
    effective: dt.date
    kind: str
    basis: str
    source: str
    verified: bool


@dataclass(frozen=True)
class Succession:
    """Who answers for `plan_agency` on `on`: `current` (one id, or several after a split),
    the `steps` followed, and whether every step is sourced (`verified`). `duties` lists
    duties_to steps (part of the duties handed elsewhere), shown for information only."""

    plan_agency: str
    on: dt.date
    current: tuple[str, ...]
    steps: tuple[Step, ...]
    duties: tuple[Step, ...] = ()

    @property
    def verified(self) -> bool:
        return all(step.verified for step in self.steps)

    @property
    def changed(self) -> bool:
        return self.current != (self.plan_agency,)


_STEPS: dict[int, tuple[Register, dict[str, tuple[Step, ...]]]] = {}
"""Every succession of a register as Steps by the agency handing over, made once per register
(`load_register` keeps the register while its files do not change)."""


def _all_steps(register: Register) -> dict[str, tuple[Step, ...]]:
    kept = _STEPS.get(id(register))
    if kept is not None and kept[0] is register:
        return kept[1]
    found: dict[str, list[Step]] = {}
    for row in register.successions.to_dict("records"):
        found.setdefault(row["from_agency"], []).append(
            Step(
                row["from_agency"],
                row["to_agency"],
                parse_date(row["effective"]),
                row["kind"],
                row["basis"],
                row["source"],
                row["verified"] == "true",
            )
        )
    steps = {agency: tuple(own) for agency, own in found.items()}
    if len(_STEPS) >= 8:  # registers of files since changed
        _STEPS.clear()
    _STEPS[id(register)] = (register, steps)
    return steps


def _steps_from(register: Register, agency_id: str, on: dt.date) -> list[Step]:
    return [step for step in _all_steps(register).get(agency_id, ()) if step.effective <= on]


def successor(plan_agency_id: str, on: dt.date, register: Register | None = None) -> Succession:
    """Who answers for `plan_agency_id` on `on`, following every hand-over in force by then:
    e.g. Sở KH&ĐT → Sở Tài chính (1/3/2025) → Sở Tài chính tỉnh Bắc Ninh (1/7/2025)."""
    register = register or load_register()
    if plan_agency_id not in register.agencies.index:
        raise KeyError(
            f"Không có cơ quan '{plan_agency_id}' trong agencies.csv / "
            f"Unknown agency '{plan_agency_id}' in agencies.csv"
        )
    current, steps, duties, seen = [plan_agency_id], [], [], {plan_agency_id}
    changed = True
    while changed:
        changed, following = False, []
        for agency_id in current:
            found = _steps_from(register, agency_id, on)
            whole = [s for s in found if s.kind != "duties_to"]
            duties += [s for s in found if s.kind == "duties_to"]
            if not whole:
                following.append(agency_id)
                continue
            for step in whole:
                steps.append(step)
                if step.to_agency not in seen:
                    seen.add(step.to_agency)
                    following.append(step.to_agency)
                    changed = True
                elif step.to_agency not in following:
                    following.append(step.to_agency)
        current = following
    return Succession(plan_agency_id, on, tuple(current), tuple(steps), tuple(duties))
