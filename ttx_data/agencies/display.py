"""How the app names a responsible agency: the plan's, and today's when different."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ttx_data import catalog
from ttx_data.agencies.register import load_register
from ttx_data.agencies.succession import successor
from ttx_data.i18n import t


def responsible_text(
    plan_agency_id: str,
    lang: str = "vi",
    on: dt.date | None = None,
    directory: Path | None = None,
) -> str:
    """'Sở Kế hoạch và Đầu tư (nay: Sở Tài chính tỉnh Bắc Ninh)': the plan's agency as the
    catalog of `directory` names it, then who answers for it on `on` (default: today) when that
    differs, saying 'chưa xác minh' / 'unverified' when a step of the chain is not sourced."""
    name = catalog.agency_name(plan_agency_id, lang, directory)
    register = load_register()
    if plan_agency_id not in register.agencies.index:
        return name
    found = successor(plan_agency_id, on or dt.date.today(), register)
    if not found.changed:
        return name
    now = "; ".join(register.name(a, lang) for a in found.current)
    key = "agency.now" if found.verified else "agency.now_unverified"
    return f"{name} ({t(key, lang, now=now)})"
