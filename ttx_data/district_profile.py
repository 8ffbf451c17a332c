"""A district's profile: every indicator followed by district, where the district stands.

For each such indicator: the latest value (with year and provenance), its rank among the 10
districts, the province value, the 2030 target, the district's own status and its trend.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ttx_data import catalog
from ttx_data.i18n import t
from ttx_data.indicator_text import target_text
from ttx_data.places import history
from ttx_data.query import run_query
from ttx_data.scorecard import assess_series

COLUMNS = [
    "district_code", "indicator_id", "label", "latest_value", "latest_year", "provenance", "rank",
    "districts_ranked", "province_value", "province_provenance", "status",
    "trend_years", "trend_values", "trend_provenances", "latest_basis",
]  # fmt: skip


def build_profile(
    rows: pd.DataFrame, district_code: str, directory: Path | None = None
) -> pd.DataFrame:
    """One row per indicator (catalog order) from the district_profile query's rows;
    `latest_basis` says what the latest value stands for (`places.history`: the 2022 unit's own,
    the plan's territory in a year of change, or the former territory rolled up)."""
    records = []
    for indicator in catalog.indicators(directory=directory):
        own = rows[rows["indicator_id"] == indicator.indicator_id].sort_values("year")
        if not indicator.by_district or own.empty:
            continue
        latest = own.iloc[-1]
        records.append(
            {
                "district_code": district_code,
                "indicator_id": indicator.indicator_id,
                "label": indicator.label,
                "latest_value": float(latest["value"]),
                "latest_year": int(latest["year"]),
                "provenance": latest["provenance"],
                "rank": int(latest["rank"]),
                "districts_ranked": int(latest["districts_ranked"]),
                "province_value": latest["province_value"],
                "province_provenance": latest["province_provenance"],
                "status": assess_series(indicator, own, district=True).status,
                "trend_years": own["year"].astype(int).tolist(),
                "trend_values": own["value"].astype(float).tolist(),
                "trend_provenances": own["provenance"].tolist(),
                "latest_basis": history.year_basis(district_code, int(latest["year"])),
            }
        )
    return pd.DataFrame(records, columns=COLUMNS)


def load_profile(
    district_code: str, first_year: int, last_year: int, directory: Path | None = None
) -> pd.DataFrame:
    """The profile of one district over a year range."""
    rows = run_query(
        "district_profile",
        directory,
        district_code=district_code,
        first_year=first_year,
        last_year=last_year,
    )
    return build_profile(rows, district_code, directory)


def download_table(profile: pd.DataFrame, lang: str, directory: Path | None = None) -> pd.DataFrame:
    """The profile as a flat table for CSV/Excel, with units, target, status and provenance."""
    indicators = [catalog.indicator(i, directory) for i in profile["indicator_id"]]
    return pd.DataFrame(
        {
            "indicator_id": profile["indicator_id"],
            "indicator": [i.name(lang) for i in indicators],
            "year": profile["latest_year"],
            "value": profile["latest_value"],
            "unit": [i.unit_label(lang) for i in indicators],
            "rank": [
                f"{r}/{n}"
                for r, n in zip(profile["rank"], profile["districts_ranked"], strict=True)
            ],
            "province_value": profile["province_value"],
            "target": [target_text(i, lang) for i in indicators],
            "status": [t("status." + s, lang) for s in profile["status"]],
            "provenance": profile["provenance"],
            "note": [
                history.year_note(code, int(year), lang)
                for code, year in zip(profile["district_code"], profile["latest_year"], strict=True)
            ],
        }
    )
