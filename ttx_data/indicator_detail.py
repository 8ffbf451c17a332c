"""What an indicator's own page shows besides its charts, computed without Streamlit: the map
that places it, the sources of its values, and the plan's tasks that serve it with who leads them
today. Every text is the data's or the catalog's; pages escape it."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from ttx_data import agencies, plan
from ttx_data.filters import Filters
from ttx_data.links import task_url
from ttx_data.query import run_query
from ttx_data.tasks import COLLECTIVES, current, load_tasks

MAPS = {
    plan.FOREST_COVER: "forest_map",
    plan.FOREST_CERTIFIED: "forest_map",
    plan.SITES_WASTEWATER: "sites_map",
}
"""The map page (its URL path) that places an indicator: forest by district, KCN/CCN sites."""

TASK_TEXT_WIDTH = 220
"""Characters of a task's text on an indicator's page (the whole text is on the tasks page)."""


def map_page(indicator_id: str) -> str | None:
    """The URL path of the map that places the indicator, if one does."""
    return MAPS.get(indicator_id)


@dataclass(frozen=True)
class Source:
    """A source behind an indicator's values: its title, link (http or https only), provenance,
    the years it covers and how many values cite it."""

    title: str
    url: str | None
    provenance: str
    first_year: int | None
    last_year: int | None
    values: int


def safe_url(url: object) -> str | None:
    """The link when it is an http(s) address, else None (never a javascript: or data: link)."""
    if not isinstance(url, str) or not url.strip():
        return None
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme in ("http", "https") and parsed.netloc else None


def _year(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def sources(indicator_id: str, directory: Path | None = None) -> tuple[Source, ...]:
    """Where the indicator's values (observations, milestone steps) come from, sourced first."""
    found = run_query("indicator_sources", directory, indicator_id=indicator_id)
    return tuple(
        Source(
            title="" if pd.isna(r.source_title) else str(r.source_title),
            url=safe_url(r.source_url),
            provenance=str(r.provenance),
            first_year=_year(r.first_year),
            last_year=_year(r.last_year),
            values=int(r.values_cited),
        )
        for r in found.itertuples(index=False)
    )


@dataclass(frozen=True)
class ServingTask:
    """A task of mục III that serves the indicator, as its page lists it."""

    task_id: str
    text: str
    """The plan's words linking it to the indicator (vi), else its text shortened."""
    basis: str
    """"plan" when the plan's words link them, "secretariat" when the secretariat did."""
    lead: tuple[str, ...]
    """Who leads it today (the register's successors of the plan's lead agencies), by name."""
    lead_verified: bool
    deadline: int | None
    link: str


def _agency_name(agency_id: str, lang: str, register) -> str:
    if agency_id in COLLECTIVES:
        return COLLECTIVES[agency_id][lang == "en"]
    if agency_id in register.agencies.index:
        return register.name(agency_id, lang)
    return agency_id


def serving_tasks(
    indicator_id: str, filters: Filters, on: dt.date | None = None
) -> tuple[ServingTask, ...]:
    """The tasks that serve the indicator, in the plan's order, with today's (or `on`'s) lead."""
    lang, on = filters.lang, on or dt.date.today()
    register = agencies.load_register()
    found = []
    for task in load_tasks():
        links = [k for k in task.links if k.indicator_id == indicator_id]
        if not links:
            continue
        link = links[0]
        words = link.words_vi if lang == "vi" and link.words_vi else ""
        text = words or textwrap.shorten(task.text(lang), TASK_TEXT_WIDTH, placeholder=" …")
        lead = current(task.lead_agency, on, register)
        found.append(
            ServingTask(
                task_id=task.task_id,
                text=text,
                basis=link.basis,
                lead=tuple(_agency_name(a, lang, register) for a in lead.agencies),
                lead_verified=lead.verified,
                deadline=task.deadline,
                link=task_url(task.task_id, filters),
            )
        )
    return tuple(found)
