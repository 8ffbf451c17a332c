"""The plan's calendar, written once: every other module reads its years from here.

The plan (Kế hoạch hành động tăng trưởng xanh 2021-2030) measures its targets from the
`BASELINE_YEAR` to the `TARGET_YEAR`; the bundled observations run from the baseline to
`LATEST_YEAR`. Each target's own baseline and target years are columns of `indicators.csv`, and
its target values live only there (read through `ttx_data.catalog`).
"""

from __future__ import annotations

import datetime as dt

PLAN_DATE = dt.date(2022, 10, 15)
"""The day the plan was issued (Quyết định 1026/QĐ-UBND of 15/10/2022, as
data/reference/admin2025/SOURCES.md records it): its yearly reports start with that year."""

BASELINE_YEAR = 2020
"""The year the plan's targets are measured from (the first year of observations)."""

TARGET_YEAR = 2030
"""The year the plan's targets are due: the end of the plan period and of valid data years."""

LATEST_YEAR = 2026
"""The latest year of the bundled observations: the default end of the years a reader views."""

LAST_DISTRICT_YEAR = 2025
"""The last year the bundled data are reported by the plan's districts (forest, sites and most
indicators); later years come from the commune-level units of 1/7/2025, rolled up through the
crosswalk (`ttx_data.places`), for the indicators whose catalog `rollup` allows it. The maps of
districts and sites stop here."""

FOREST_COVER = "t05a_forest_cover"
"""The catalog id of the forest-cover target (target 5a), drawn on the forest map."""

FOREST_CERTIFIED = "t05b_certified_forest_area"
"""The catalog id of the certified-forest target (target 5b), also on the forest map."""

SITES_WASTEWATER = "t07_kcn_ccn_wwtp_share"
"""The catalog id of the target on KCN/CCN central wastewater treatment (target 7), drawn on the
map of sites."""

LOCAL_TIME = dt.timezone(dt.timedelta(hours=7), "ICT")
"""Vietnam's time (UTC+7, no daylight saving): report deadlines, submission and acceptance dates
are days of this calendar."""


def local_date(when: dt.datetime) -> dt.date:
    """The day in Vietnam at a (timezone-aware) moment."""
    return when.astimezone(LOCAL_TIME).date()
