"""The scorecard: every indicator's latest value, 2030 target, status and paces, in plan order.

Joins the catalog (what each target asks for), the observations (what was measured, with
provenance) and the progress method (how far along it is). Used by the overview page and by
`python -m ttx_data status`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from ttx_data import catalog, progress
from ttx_data.catalog import Indicator
from ttx_data.plan import BASELINE_YEAR, TARGET_YEAR
from ttx_data.query import run_query


def target_spec(indicator: Indicator) -> progress.TargetSpec:
    """The progress method's view of a catalog indicator."""
    return progress.TargetSpec(
        kind=indicator.kind,
        direction=indicator.direction,
        target_value=indicator.target_value,
        target_high=indicator.target_high,
        strict=indicator.target_strict,
        baseline_year=indicator.baseline_year,
        target_year=indicator.target_year,
    )


def target_applies_to_districts(indicator: Indicator) -> bool:
    """Whether a district can be judged against the 2030 target: yes for a target each district
    must reach, no for a province-wide one (17,000 ha of certified forest; forest cover ≥ 37%,
    which a lowland district with little forest is not asked to reach). Set in the catalog."""
    return indicator.district_target


def assess_series(
    indicator: Indicator, series: pd.DataFrame, district: bool = False
) -> progress.Assessment:
    """Assess one area's observations (columns year, value) of a numeric indicator."""
    points = list(zip(series["year"].astype(int), series["value"].astype(float), strict=True))
    return assess_points(indicator, points, district)


def assess_points(
    indicator: Indicator, points: list[tuple[int, float]], district: bool = False
) -> progress.Assessment:
    """Assess one area's (year, value) points of a numeric indicator; a district is not judged
    against a province-wide target."""
    result = progress.assess(points, target_spec(indicator))
    if district and not target_applies_to_districts(indicator):
        return progress.Assessment(
            status=progress.NOT_ASSESSED,
            baseline_year=result.baseline_year,
            baseline_value=result.baseline_value,
            latest_year=result.latest_year,
            latest_value=result.latest_value,
            achieved_annual_change=result.achieved_annual_change,
            projected_value=result.projected_value,
            method="the target is for the whole province",
            points=result.points,
        )
    return result


def _numeric_row(indicator: Indicator, series: pd.DataFrame) -> dict:
    result = assess_series(indicator, series)
    latest = series.sort_values("year").iloc[-1] if len(series) else None
    return {
        "status": result.status,
        "ratio": result.ratio,
        "latest_value": result.latest_value,
        "latest_year": result.latest_year,
        "latest_provenance": None if latest is None else latest["provenance"],
        "baseline_value": result.baseline_value,
        "baseline_year": result.baseline_year,
        "target_level": result.target_level,
        "required_annual_change": result.required_annual_change,
        "achieved_annual_change": result.achieved_annual_change,
        "observed_growth_pct": result.observed_growth_pct,
        "required_growth_pct": result.required_growth_pct,
        "projected_value": result.projected_value,
        "method": result.method,
        "trend_years": series["year"].astype(int).tolist(),
        "trend_values": series["value"].astype(float).tolist(),
        "trend_provenances": series["provenance"].tolist(),
        "provenances": sorted(set(series["provenance"])),
        "illustrative_values": int((series["provenance"] == "illustrative").sum()),
        "steps_done": None,
        "steps_total": None,
    }


def _milestone_row(steps: pd.DataFrame) -> dict:
    result = progress.assess_milestone(steps["status"].tolist())
    dated = steps.dropna(subset=["status_date"]).sort_values("status_date")
    latest = dated.iloc[-1] if len(dated) else None
    return {
        "status": result.status,
        "latest_year": None if latest is None else pd.Timestamp(latest["status_date"]).year,
        "latest_provenance": None if latest is None else latest["provenance"],
        "method": result.method,
        "trend_years": [],
        "trend_values": [],
        "trend_provenances": [],
        "provenances": sorted(set(steps["provenance"])),
        "illustrative_values": int((steps["provenance"] == "illustrative").sum()),
        "steps_done": int((steps["status"] == "done").sum()),
        "steps_total": len(steps),
    }


def build_scorecard(
    indicators: list[Indicator], observations: pd.DataFrame, steps: pd.DataFrame
) -> pd.DataFrame:
    """One row per indicator in catalog order, from province observations and milestone steps."""
    rows = []
    for indicator in indicators:
        if indicator.is_milestone:
            own = steps[steps["indicator_id"] == indicator.indicator_id]
            row = _milestone_row(own)
        else:
            own = observations[observations["indicator_id"] == indicator.indicator_id]
            row = _numeric_row(indicator, own.sort_values("year"))
        rows.append(
            {
                "indicator_id": indicator.indicator_id,
                "label": indicator.label,
                "target_no": indicator.target_no,
                "group": indicator.group,
                "kind": indicator.kind,
                "lead_agency": indicator.lead_agency,
                **row,
            }
        )
    return pd.DataFrame(rows)


def status_counts(card: pd.DataFrame) -> dict[str, int]:
    """How many indicators are in each status, in the method's order, zeros included."""
    counted = Counter(card["status"])
    shown = [s for s in progress.STATUSES if s != progress.NOT_ASSESSED]  # districts only
    return {status: counted.get(status, 0) for status in shown}


def worst_first(card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard sorted by status, worst first (`progress.WORST_FIRST`), in catalog order
    within a status: the overview's order when a reader sorts by status."""
    rank = {status: n for n, status in enumerate(progress.WORST_FIRST)}
    order = card.assign(_rank=card["status"].map(rank), _position=range(len(card)))
    return order.sort_values(["_rank", "_position"]).drop(columns=["_rank", "_position"])


def load_scorecard(
    first_year: int = BASELINE_YEAR, last_year: int = TARGET_YEAR, directory: Path | None = None
) -> pd.DataFrame:
    """The scorecard of the data directory, for observations within the year range."""
    observations = run_query(
        "province_observations", directory, first_year=first_year, last_year=last_year
    )
    steps = run_query("milestone_steps", directory)
    return build_scorecard(catalog.indicators(directory=directory), observations, steps)
