"""How the app names a responsible agency.

Two wordings: `responsible_text`, the plan's agency first and today's after it ('Sở Kế hoạch và
Đầu tư (nay: Sở Tài chính tỉnh Bắc Ninh)'), where the reader works from the plan (catalog,
export); and `today_text`, today's agency first and the plan's in brackets ('Sở Tài chính tỉnh
Bắc Ninh (KH: Sở Kế hoạch và Đầu tư)'), where the reader asks who must act now (every meeting
slide that names an agency). `with_plan` writes the latter from names already found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ttx_data import catalog
from ttx_data.agencies.register import load_register
from ttx_data.agencies.succession import successor
from ttx_data.i18n import t


def _followed(
    plan_agency_id: str, lang: str, on: dt.date | None, directory: Path | None
) -> tuple[str, str | None, bool]:
    """The plan's agency as the catalog of `directory` names it, who answers for it on `on`
    (default: today; names '; '-joined, None when the same agency) and whether every hand-over
    on the way is sourced."""
    name = catalog.agency_name(plan_agency_id, lang, directory)
    register = load_register()
    if plan_agency_id not in register.agencies.index:
        return name, None, True
    found = successor(plan_agency_id, on or dt.date.today(), register)
    if not found.changed:
        return name, None, True
    return name, "; ".join(register.name(a, lang) for a in found.current), found.verified


def responsible_text(
    plan_agency_id: str,
    lang: str = "vi",
    on: dt.date | None = None,
    directory: Path | None = None,
) -> str:
    """'Sở Kế hoạch và Đầu tư (nay: Sở Tài chính tỉnh Bắc Ninh)': the plan's agency as the
    catalog of `directory` names it, then who answers for it on `on` (default: today) when that
    differs, saying 'chưa xác minh' / 'unverified' when a step of the chain is not sourced."""
    name, now, verified = _followed(plan_agency_id, lang, on, directory)
    if now is None:
        return name
    key = "agency.now" if verified else "agency.now_unverified"
    return f"{name} ({t(key, lang, now=now)})"


def with_plan(today: str, plan: Sequence[str], verified: bool = True, lang: str = "vi") -> str:
    """'Sở Tài chính tỉnh Bắc Ninh (KH: Sở Kế hoạch và Đầu tư)' / 'Department of Finance of Bắc
    Ninh province (plan: Department of Planning and Investment)': today's agency, then the
    plan's agencies it answers for (`plan`, names; none when the plan names it itself) in
    brackets, with 'chưa xác minh' / 'unverified' when a hand-over on the way is not sourced."""
    if not plan:
        return today
    key = "agency.plan" if verified else "agency.plan_unverified"
    return f"{today} ({t(key, lang, plan='; '.join(plan))})"


def today_text(
    plan_agency_id: str,
    lang: str = "vi",
    on: dt.date | None = None,
    directory: Path | None = None,
) -> str:
    """Who answers on `on` (default: today) for an agency the plan names, today's first with
    the plan's (as the catalog of `directory` names it) in brackets when different
    (`with_plan`): 'Sở Tài chính tỉnh Bắc Ninh (KH: Sở Kế hoạch và Đầu tư)'."""
    name, now, verified = _followed(plan_agency_id, lang, on, directory)
    return name if now is None else with_plan(now, [name], verified, lang)
