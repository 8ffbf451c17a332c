"""Agencies over time: the register of every agency the plan names and of today's agencies, with
their valid-from / valid-to dates and successor links, and who answers for a plan agency on a date.

`successor("so_ke_hoach_dau_tu", date(2026, 1, 1))` follows Sở KH&ĐT → Sở Tài chính (1/3/2025) →
Sở Tài chính tỉnh Bắc Ninh (1/7/2025); `responsible_text` is how the catalog and exports name a
responsible agency (the plan's, and today's when different), `today_text` how the meeting's
slides do (today's, and the plan's in brackets when different).
"""

from ttx_data.agencies.display import responsible_text, today_text, with_plan
from ttx_data.agencies.register import (
    KINDS,
    SUCCESSION_COLUMNS,
    SUCCESSION_KINDS,
    SUCCESSIONS_FILE,
    Register,
    agencies_on,
    load_register,
)
from ttx_data.agencies.succession import Step, Succession, successor

__all__ = [
    "KINDS",
    "SUCCESSIONS_FILE",
    "SUCCESSION_COLUMNS",
    "SUCCESSION_KINDS",
    "Register",
    "Step",
    "Succession",
    "agencies_on",
    "load_register",
    "responsible_text",
    "successor",
    "today_text",
    "with_plan",
]
