"""The progress method: how far an indicator has come toward its 2030 target, and at what pace.

One model serves the status, the pace sentence and the chart's projection, so they cannot
disagree: the **pace achieved since the baseline, continued to the target year**. For a baseline
value x0 in year t0, the latest value xt in year t and a target level T for year Y:

    achieved pace   a = (xt - x0) / (t - t0)              (per year, in the indicator's unit)
    needed pace     n = (T - xt) / (Y - t)                (from the latest year to the target year)
    projection      P = xt + a * (Y - t)                  (the dotted line on the chart)
    ratio           r = a / n

    target achieved     the latest value meets the target, and the projection still does
    on track            the projection P meets the target (equivalently r >= 1)
    needs acceleration  0.6 <= r < 1
    limited progress    0 <= r < 0.6
    deterioration       r < 0 (moving away from the target); or met at baseline and no longer;
                        or met now while the projection falls short of the target
    insufficient data   fewer than two points

This keeps the spirit of the Open SDG / Statistics Canada ratio of observed to required pace,
with two choices made so that what a reader sees agrees: the needed pace is counted from the
latest year (what remains to be done), and "on track" means the projection reaches the target
(no 0.95 tolerance: an "on track" beside a projection that misses the target is a contradiction).

Adaptations, one per target kind:
- minimum / maximum: T is the target value; a strict target ("trên 80%") needs P to pass T.
- range: met anywhere in the band or beyond it in the desired direction; T is the near edge.
- average annual rate (target 1: cut electricity per unit of GRDP by 1.5-2.0 %/year on average):
  the plan states a compound yearly rate, so the same three are compound: achieved rate
  g = (xt / x0) ** (1 / (t - t0)) - 1, needed rate from the latest year to the implied 2030 level
  T = x0 * (1 - rate) ** (Y - t0), projection P = xt * (1 + g) ** (Y - t). Only the end of the
  period can show it achieved.
- milestone (targets 12, 14): not started / in progress / done from the dated steps.
Once the target year has passed without the target met, the status is at best "needs
acceleration".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ttx_data.plan import BASELINE_YEAR, TARGET_YEAR

ON_TRACK_RATIO = 1.0
NEEDS_ACCELERATION_RATIO = 0.6

ACHIEVED = "achieved"
ON_TRACK = "on_track"
NEEDS_ACCELERATION = "needs_acceleration"
LIMITED_PROGRESS = "limited_progress"
DETERIORATION = "deterioration"
INSUFFICIENT_DATA = "insufficient_data"
IN_PROGRESS = "in_progress"
NOT_STARTED = "not_started"
NOT_ASSESSED = "not_assessed"

STATUSES = (
    ACHIEVED,
    ON_TRACK,
    NEEDS_ACCELERATION,
    LIMITED_PROGRESS,
    DETERIORATION,
    IN_PROGRESS,
    NOT_STARTED,
    INSUFFICIENT_DATA,
    NOT_ASSESSED,
)
"""Every status, from best to least known; milestones use achieved / in progress / not started;
`not_assessed` marks a district whose indicator only has a province-wide target (e.g. hectares)."""

OFF_TRACK_STATUSES = (NEEDS_ACCELERATION, LIMITED_PROGRESS, DETERIORATION, NOT_STARTED)

OFF_TRACK_ORDER = (DETERIORATION, LIMITED_PROGRESS, NEEDS_ACCELERATION, NOT_STARTED)
"""The off-track statuses, most worrying first."""

WORST_FIRST = (
    *OFF_TRACK_ORDER,
    INSUFFICIENT_DATA,
    IN_PROGRESS,
    ON_TRACK,
    ACHIEVED,
    NOT_ASSESSED,
)
"""Every status in the order a leader reads a scorecard sorted by status: off track (most
worrying first), not known yet, moving, on track, achieved."""


@dataclass(frozen=True)
class TargetSpec:
    """What a target asks for: its kind, desired direction, level(s) and period."""

    kind: str
    direction: str = "increase"
    target_value: float | None = None
    target_high: float | None = None
    strict: bool = False
    baseline_year: int = BASELINE_YEAR
    target_year: int = TARGET_YEAR


@dataclass(frozen=True)
class Assessment:
    """The progress of one series toward its target, with the paces behind the status."""

    status: str
    ratio: float | None = None
    baseline_year: int | None = None
    baseline_value: float | None = None
    latest_year: int | None = None
    latest_value: float | None = None
    target_level: float | None = None
    observed_growth_pct: float | None = None
    required_growth_pct: float | None = None
    achieved_annual_change: float | None = None
    required_annual_change: float | None = None
    projected_value: float | None = None
    method: str = ""
    points: int = 0


def status_from_ratio(ratio: float) -> str:
    """Classify a pace ratio (observed / required growth) with the Statistics Canada thresholds."""
    if ratio >= ON_TRACK_RATIO:
        return ON_TRACK
    if ratio >= NEEDS_ACCELERATION_RATIO:
        return NEEDS_ACCELERATION
    if ratio >= 0:
        return LIMITED_PROGRESS
    return DETERIORATION


def meets_target(value: float, spec: TargetSpec) -> bool:
    """Whether one value satisfies a level target (minimum, maximum or range)."""
    low = spec.target_value
    if spec.kind == "range":
        high = spec.target_high if spec.target_high is not None else low
        if spec.direction == "increase":
            return value >= low
        return value <= high
    if spec.direction == "increase":
        return value > low if spec.strict else value >= low
    return value < low if spec.strict else value <= low


def target_level(spec: TargetSpec, baseline_value: float, baseline_year: int) -> float:
    """The value the indicator must reach by the target year for the target to be met."""
    if spec.kind == "average_annual_rate":
        rate = spec.target_value / 100.0
        signed = -rate if spec.direction == "decrease" else rate
        return baseline_value * (1 + signed) ** (spec.target_year - baseline_year)
    if spec.kind == "range" and spec.direction == "decrease":
        return spec.target_high if spec.target_high is not None else spec.target_value
    return spec.target_value


def _clean(points: Iterable[tuple[int, float | None]], spec: TargetSpec) -> list[tuple[int, float]]:
    kept = [
        (int(y), float(v))
        for y, v in points
        if v is not None and not (isinstance(v, float) and math.isnan(v)) and y <= spec.target_year
    ]
    kept.sort()
    from_baseline = [p for p in kept if p[0] >= spec.baseline_year]
    return from_baseline if len(from_baseline) >= 1 else kept


def _growth(start: float, end: float, years: int) -> float | None:
    if start > 0 and end > 0 and years > 0:
        return (end / start) ** (1.0 / years) - 1.0
    return None


def _desired_sign(spec: TargetSpec) -> float:
    return -1.0 if spec.direction == "decrease" else 1.0


def projection_meets_target(projected: float, spec: TargetSpec, level: float) -> bool:
    """Whether a projected value meets the target: the level target itself, or for a rate
    target the implied target-year level."""
    if spec.kind == "average_annual_rate":
        return (projected - level) * _desired_sign(spec) >= 0
    return meets_target(projected, spec)


def _status(
    spec: TargetSpec, projected: float | None, level: float, ratio: float | None, over: bool
) -> str:
    """On track exactly when the projection meets the target; otherwise graded by the ratio."""
    if not over and projected is not None and projection_meets_target(projected, spec, level):
        return ON_TRACK
    if ratio is None:
        return DETERIORATION
    if ratio >= ON_TRACK_RATIO:
        return NEEDS_ACCELERATION  # the pace would do, but the projection falls short
    return status_from_ratio(ratio)


def assess(points: Iterable[tuple[int, float | None]], spec: TargetSpec) -> Assessment:
    """Assess a series of (year, value) points against a numeric target.

    >>> assess([(2020, 20.0), (2025, 30.0)], TargetSpec("minimum", target_value=40.0)).status
    'on_track'
    """
    if spec.kind == "milestone":
        raise ValueError("milestone targets are assessed with assess_milestone(), not assess()")
    series = _clean(points, spec)
    if not series:
        return Assessment(status=INSUFFICIENT_DATA, method="no data")
    (t0, x0), (t, xt) = series[0], series[-1]
    base = dict(
        baseline_year=t0,
        baseline_value=x0,
        latest_year=t,
        latest_value=xt,
        points=len(series),
    )
    if len(series) < 2:
        return Assessment(status=INSUFFICIENT_DATA, method="fewer than two points", **base)

    level = target_level(spec, x0, t0)
    years_done = t - t0
    years_left = spec.target_year - t
    achieved_change = (xt - x0) / years_done
    required_change = (level - xt) / years_left if years_left > 0 else None
    if spec.kind == "average_annual_rate":
        return _assess_rate(spec, x0, xt, years_done, years_left, level, achieved_change, base)

    projected = xt + achieved_change * max(years_left, 0)
    paces = dict(
        target_level=level,
        achieved_annual_change=achieved_change,
        required_annual_change=required_change,
        projected_value=projected,
        **base,
    )
    if meets_target(xt, spec):
        if years_left <= 0 or meets_target(projected, spec):
            return Assessment(status=ACHIEVED, method="latest value meets the target", **paces)
        paces["required_annual_change"] = None
        return Assessment(
            status=DETERIORATION,
            method="target met now, but the pace since baseline leaves it by the target year",
            **paces,
        )
    if meets_target(x0, spec):
        return Assessment(
            status=DETERIORATION, method="target met at baseline, no longer met", **paces
        )
    if required_change:
        ratio = achieved_change / required_change
        method = "achieved pace since baseline / needed pace to the target year"
    elif years_left <= 0:
        needed_from_baseline = (level - x0) / (spec.target_year - t0)
        ratio = achieved_change / needed_from_baseline if needed_from_baseline else None
        method = "target year passed; achieved pace / pace needed from baseline"
    else:  # the latest value sits on a strict target: any move the right way passes it
        toward = achieved_change * _desired_sign(spec)
        ratio = ON_TRACK_RATIO if toward > 0 else (0.0 if toward == 0 else None)
        method = "latest value at a strict target"
    status = _status(spec, projected, level, ratio, over=years_left <= 0)
    return Assessment(status=status, ratio=ratio, method=method, **paces)


def _assess_rate(
    spec: TargetSpec,
    x0: float,
    xt: float,
    years_done: int,
    years_left: int,
    level: float,
    achieved_change: float,
    base: dict,
) -> Assessment:
    """Average annual rate target: the compound rate achieved since baseline, continued to the
    target year, against the rate needed from the latest year to the implied 2030 level."""
    target_rate = _desired_sign(spec) * spec.target_value / 100.0
    observed = _growth(x0, xt, years_done)
    if observed is None:  # zero or negative values: no compound rate, continue the straight line
        projected = xt + achieved_change * max(years_left, 0)
        required = None
        method = "linear (zero or negative values)"
    else:
        projected = xt * (1 + observed) ** max(years_left, 0)
        required = _growth(xt, level, years_left) if years_left > 0 else None
        method = "compound rate since baseline / rate needed to the implied target-year level"
    over = years_left <= 0
    if over:
        ratio = None if observed is None else observed / target_rate
    elif observed is not None and required:
        ratio = observed / required
    else:
        needed = (level - xt) / years_left
        ratio = achieved_change / needed if needed else None
    if over and ratio is not None and ratio >= ON_TRACK_RATIO:
        status = ACHIEVED
    else:
        status = _status(spec, projected, level, ratio, over)
    return Assessment(
        status=status,
        ratio=ratio,
        method=method,
        target_level=level,
        observed_growth_pct=None if observed is None else observed * 100,
        required_growth_pct=None if required is None else required * 100,
        achieved_annual_change=achieved_change,
        required_annual_change=(level - xt) / years_left if years_left > 0 else None,
        projected_value=projected,
        **base,
    )


def assess_milestone(step_statuses: Sequence[str]) -> Assessment:
    """A milestone target from its steps: done when every step is done, else in progress or not started."""
    if not step_statuses:
        return Assessment(status=INSUFFICIENT_DATA, method="no milestone steps recorded")
    done = sum(s == "done" for s in step_statuses)
    started = sum(s in ("done", "in_progress") for s in step_statuses)
    if done == len(step_statuses):
        status = ACHIEVED
    elif started:
        status = IN_PROGRESS
    else:
        status = NOT_STARTED
    return Assessment(
        status=status,
        method=f"{done}/{len(step_statuses)} steps done",
        points=len(step_statuses),
    )
