"""Crosswalk from each commune-level unit of 1/7/2025 to the plan's districts of 2022.

Every former unit (xã, phường, thị trấn as of 30/6/2025) joined its new unit whole, and each former
unit lay in one district of late 2024 (before Yên Dũng 221 joined TP Bắc Giang and Chũ 224 was split
from Lục Ngạn on 1/1/2025): that district is the plan district it belongs to.

SPLIT RULE (the one place it is decided): a new unit formed from former units of several plan
districts is split by the **number of former units** from each district. The former units'
population or area is not in the source files, so counts are the only declared, reproducible
weight. Three units are split: phường Đa Mai (4 units of 213, xã Quế Nham of 216: 4/5, 1/5),
phường Tiền Phong (2 of 213, 2 of 221: 1/2, 1/2) and phường Tân Tiến (1 of 213, 2 of 221: 1/3,
2/3). The text users see is `split_rule_text(lang)` (i18n key `places.split_rule`).
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import pandas as pd

from ttx_data.i18n import t
from ttx_data.paths import BUNDLED_DATA_DIR

ADMIN2025_DIR = BUNDLED_DATA_DIR / "reference" / "admin2025"
"""The 2025 reference files copied from shared/ (see their SOURCES.md)."""
FORMER_UNITS_FILE = ADMIN2025_DIR / "communes_2025_from_former_units.csv"

DA_MAI = "07228"
"""Phường Đa Mai: the unit the issue names (213 and 216)."""


@lru_cache(maxsize=1)
def former_units() -> pd.DataFrame:
    """The 192 former units: old_code, old_name, new_code, plan_district_code (late 2024) and
    district_code_2025h1 (as of 30/6/2025, with Chũ 224)."""
    rows = pd.read_csv(FORMER_UNITS_FILE, dtype=str, keep_default_na=False)
    return rows.rename(
        columns={
            "old_district_code_late2024": "plan_district_code",
            "old_district_code_2025H1": "district_code_2025h1",
        }
    )[["old_code", "old_name", "new_code", "plan_district_code", "district_code_2025h1"]]


@lru_cache(maxsize=1)
def plan_district_weights() -> dict[str, dict[str, Fraction]]:
    """New unit code -> {plan district code: share of the unit}, shares summing to 1; one entry
    (share 1) for a unit whose former units all lay in one plan district."""
    weights: dict[str, dict[str, Fraction]] = {}
    for new_code, group in former_units().groupby("new_code", sort=True):
        counts = group["plan_district_code"].value_counts().sort_index()
        total = int(counts.sum())
        weights[new_code] = {code: Fraction(int(n), total) for code, n in counts.items()}
    return weights


def split_units() -> dict[str, dict[str, Fraction]]:
    """The new units that span more than one plan district, with their split."""
    return {code: w for code, w in plan_district_weights().items() if len(w) > 1}


def crosswalk_frame() -> pd.DataFrame:
    """One row per (new unit, plan district): unit_code, plan_district_code, weight (float)."""
    rows = [
        {"unit_code": code, "plan_district_code": district, "weight": float(share)}
        for code, shares in plan_district_weights().items()
        for district, share in shares.items()
    ]
    return pd.DataFrame(rows, columns=["unit_code", "plan_district_code", "weight"])


def split_rule_text(lang: str = "vi") -> str:
    """How units spanning two plan districts are split, for the UI and notes."""
    return t("places.split_rule", lang)
