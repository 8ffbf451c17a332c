"""The indicator catalog as readers see it: translated headers, agency names, targets in words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from ttx_data import catalog
from ttx_data.agencies import responsible_text
from ttx_data.i18n import t
from ttx_data.indicator_text import target_text


def _names(ids: tuple[str, ...], table: dict[str, tuple[str, str]], lang: str) -> str:
    return "; ".join(table[i][lang == "en"] for i in ids)


def catalog_table(lang: str, directory: Path, on: dt.date | None = None) -> pd.DataFrame:
    """One row per indicator of the catalog of the data directory `directory` (a snapshot's own,
    or the current one) with what a reader checks against the plan; agencies as the plan names
    them, with who answers for them on `on` (default: today) when different."""
    rows = []
    for ind in catalog.indicators(directory=directory):
        rows.append(
            {
                t("catalog.col.label", lang): ind.label,
                t("catalog.col.name", lang): ind.name(lang),
                t("catalog.col.group", lang): catalog.GROUPS[ind.group][lang == "en"],
                t("catalog.col.target", lang): target_text(ind, lang),
                t("catalog.col.unit", lang): ind.unit_label(lang),
                t("catalog.col.kind", lang): catalog.KINDS[ind.kind][lang == "en"],
                t("catalog.col.lead", lang): responsible_text(ind.lead_agency, lang, on, directory),
                t("catalog.col.cooperating", lang): "; ".join(
                    responsible_text(a, lang, on, directory) for a in ind.cooperating_agencies
                ),
                t("catalog.col.sectors", lang): _names(ind.sectors, catalog.SECTORS, lang),
                t("catalog.col.breakdowns", lang): _names(ind.breakdowns, catalog.BREAKDOWNS, lang),
                t("catalog.col.clause", lang): ind.plan_clause,
                "id": ind.indicator_id,
            }
        )
    return pd.DataFrame(rows)
