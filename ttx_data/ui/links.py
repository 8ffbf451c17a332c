"""Where a link takes a reader to see one thing: a task, an agency, a target, an indicator.

Relative addresses (they work under any base path) carrying the reader's filters, so that a link
opened, copied or printed shows the same language, districts, sector, years and data. The
indicator's address is said once, here: today its panel on its group's page.
"""

from __future__ import annotations

from urllib.parse import urlencode

from ttx_data.catalog import Indicator
from ttx_data.filters import Filters, to_query

TASKS_PAGE, AGENCY_PAGE, TARGET_PAGE = "tasks", "agency", "target"
"""URL paths of the pages (their files' names under pages/)."""


def page_url(path: str, filters: Filters, **params: object) -> str:
    """A page's relative address with the filters and the page's own parameters."""
    query = {**to_query(filters), **{k: str(v) for k, v in params.items() if v not in (None, "")}}
    return f"{path}?{urlencode(query)}"


def task_url(task_id: str, filters: Filters) -> str:
    """A task's (or a dated duty's) detail on the tasks page."""
    return page_url(TASKS_PAGE, filters, task=task_id)


def agency_url(agency_id: str, filters: Filters) -> str:
    """What an agency owes, on the agency page."""
    return page_url(AGENCY_PAGE, filters, agency=agency_id)


def target_url(target_no: int, filters: Filters) -> str:
    """A target's indicators and tasks, on the target page."""
    return page_url(TARGET_PAGE, filters, target=target_no)


def indicator_anchor(indicator: Indicator) -> str:
    """The anchor of an indicator's panel on its group's page."""
    return indicator.indicator_id


def indicator_url(indicator: Indicator, filters: Filters) -> str:
    """An indicator's detail: its panel on its group's page (the page path is the group's id)."""
    return f"{page_url(indicator.group, filters)}#{indicator_anchor(indicator)}"
