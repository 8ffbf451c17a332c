"""Where a link takes a reader to see one thing: an indicator, a task, an agency, a target.

Relative addresses (they work under any base path) carrying the reader's filters, so that a link
opened, copied or printed shows the same language, districts, sector, years and data. Each page's
address is said once, here; pages, summaries, tables and slides all link through these.
"""

from __future__ import annotations

from urllib.parse import urlencode

from ttx_data.filters import Filters, to_query

INDICATOR_PAGE, TASKS_PAGE, AGENCY_PAGE, TARGET_PAGE = "indicator", "tasks", "agency", "target"
"""URL paths of the pages (their files' names under pages/)."""


def page_url(path: str, filters: Filters, **params: object) -> str:
    """A page's relative address: the page's own parameters first, then the filters."""
    own = {k: str(v) for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode({**own, **to_query(filters)})}"


def indicator_url(indicator_id: str, filters: Filters) -> str:
    """An indicator's page: `indicator?id=t05a_forest_cover&district=219&lang=vi`."""
    return page_url(INDICATOR_PAGE, filters, id=indicator_id)


def task_url(task_id: str, filters: Filters) -> str:
    """A task's (or a dated duty's) detail on the tasks page: `tasks?task=8.3.b&lang=vi`."""
    return page_url(TASKS_PAGE, filters, task=task_id)


def agency_url(agency_id: str, filters: Filters) -> str:
    """What an agency owes, on the agency page."""
    return page_url(AGENCY_PAGE, filters, agency=agency_id)


def target_url(target_no: int, filters: Filters) -> str:
    """A target's indicators and tasks, on the target page."""
    return page_url(TARGET_PAGE, filters, target=target_no)
