"""The progress method on hand-worked cases, one per target kind and direction, and the edges."""

import math
import random

import pytest

from ttx_data.progress import (
    TargetSpec,
    assess,
    assess_milestone,
    meets_target,
    projection_meets_target,
    status_from_ratio,
    target_level,
)

MIN_40 = TargetSpec("minimum", "increase", 40.0)


@pytest.mark.parametrize(
    ("latest", "status", "ratio"),
    [
        # achieved pace (latest - 20) / 5, needed pace (40 - latest) / 5
        (30.0, "on_track", 1.0),  # 2 a year achieved, 2 needed: projection 40
        (35.0, "on_track", 3.0),
        (28.0, "needs_acceleration", 0.6667),  # 1.6 against 2.4
        (25.0, "limited_progress", 0.3333),  # 1 against 3
        (18.0, "deterioration", -0.0909),  # moving away from the target
    ],
)
def test_minimum_target_status_from_achieved_over_needed_pace(latest, status, ratio):
    result = assess([(2020, 20.0), (2025, latest)], MIN_40)
    assert result.status == status
    assert result.ratio == pytest.approx(ratio, abs=1e-4)


def test_paces_required_and_achieved_change_and_projection():
    result = assess([(2020, 20.0), (2025, 29.0)], MIN_40)
    assert result.achieved_annual_change == pytest.approx(1.8)
    assert result.required_annual_change == pytest.approx(2.2)
    assert result.projected_value == pytest.approx(29.0 + 1.8 * 5)
    assert result.status == "needs_acceleration"


def test_projection_continues_the_pace_since_baseline_not_a_fitted_line():
    # a dip in the middle does not change the pace from baseline to latest
    result = assess([(2020, 20.0), (2022, 10.0), (2025, 30.0)], MIN_40)
    assert result.projected_value == pytest.approx(40.0)
    assert result.status == "on_track"


def test_latest_value_meeting_target_is_achieved():
    assert assess([(2020, 20.0), (2024, 41.0)], MIN_40).status == "achieved"


def test_strict_target_needs_to_pass_the_level():
    above_80 = TargetSpec("minimum", "increase", 80.0, strict=True)
    assert assess([(2020, 60.0), (2025, 80.0)], above_80).status != "achieved"
    assert assess([(2020, 60.0), (2025, 80.1)], above_80).status == "achieved"


def test_lower_is_better_maximum_target():
    at_most_80 = TargetSpec("maximum", "decrease", 80.0)
    result = assess([(2020, 100.0), (2025, 92.0)], at_most_80)
    # -1.6 a year achieved, -2.4 a year needed: projection 84 misses 80
    assert result.status == "needs_acceleration"
    assert result.ratio == pytest.approx(0.6667, abs=1e-4)
    assert result.projected_value == pytest.approx(84.0)
    assert assess([(2020, 100.0), (2025, 90.0)], at_most_80).status == "on_track"
    assert assess([(2020, 100.0), (2025, 110.0)], at_most_80).status == "deterioration"
    assert assess([(2020, 100.0), (2025, 79.0)], at_most_80).status == "achieved"


def test_range_target_measured_to_the_near_edge_and_met_inside_or_beyond():
    renewables = TargetSpec("range", "increase", 2.5, 3.0)
    # 0.16 a year achieved, (2.5 - 1.2) / 5 = 0.26 needed: projection 2.0
    result = assess([(2020, 0.4), (2025, 1.2)], renewables)
    assert result.status == "needs_acceleration"
    assert result.target_level == 2.5
    assert assess([(2020, 0.4), (2025, 1.5)], renewables).status == "on_track"  # projection 2.6
    assert assess([(2020, 0.4), (2025, 2.7)], renewables).status == "achieved"
    assert assess([(2020, 0.4), (2025, 3.4)], renewables).status == "achieved"


def test_range_target_lower_is_better_uses_upper_edge():
    band = TargetSpec("range", "decrease", 2.0, 3.0)
    result = assess([(2020, 5.0), (2025, 4.0)], band)
    assert result.target_level == 3.0
    assert assess([(2020, 5.0), (2025, 2.5)], band).status == "achieved"


@pytest.mark.parametrize(
    ("annual_factor", "status"),
    [
        (0.98, "on_track"),  # 2 %/year cut; 1 %/year would do from 2025
        (0.988, "needs_acceleration"),  # 1.2 %/year against 1.8 needed from 2025: 0.667
        (0.995, "limited_progress"),  # 0.5 %/year against 2.5 needed: 0.2
        (1.01, "deterioration"),  # intensity rising
    ],
)
def test_average_annual_rate_target_compares_compound_rates(annual_factor, status):
    electricity = TargetSpec("average_annual_rate", "decrease", 1.5, 2.0)
    points = [(2020 + k, 100.0 * annual_factor**k) for k in range(6)]
    result = assess(points, electricity)
    assert result.status == status
    # the implied 2030 level of a 1.5 %/year average cut, and the rate needed to it from 2025
    assert result.target_level == pytest.approx(100.0 * 0.985**10)
    assert result.required_growth_pct == pytest.approx((0.985**2 / annual_factor - 1) * 100)
    assert result.observed_growth_pct == pytest.approx((annual_factor - 1) * 100)
    assert result.projected_value == pytest.approx(100.0 * annual_factor**10)


def test_average_annual_rate_is_achieved_only_at_the_end_of_the_period():
    electricity = TargetSpec("average_annual_rate", "decrease", 1.5, 2.0)
    ahead = [(2020, 100.0), (2025, 100.0 * 0.97**5)]
    assert assess(ahead, electricity).status == "on_track"
    done = [(2020, 100.0), (2030, 100.0 * 0.98**10)]
    assert assess(done, electricity).status == "achieved"


def test_zero_baseline_falls_back_to_linear_change():
    plastic_bags = TargetSpec("minimum", "increase", 65.0)
    result = assess([(2020, 0.0), (2025, 30.0)], plastic_bags)
    # achieved 6 points/year against (65 - 30) / 5 = 7 needed
    assert result.ratio == pytest.approx(6.0 / 7.0)
    assert result.status == "needs_acceleration"
    assert result.projected_value == pytest.approx(60.0)


def test_missing_baseline_year_uses_first_point_after_it():
    result = assess([(2021, 20.0), (2022, None), (2025, 30.0)], MIN_40)
    assert result.baseline_year == 2021
    assert result.points == 2
    assert result.status in {"on_track", "needs_acceleration"}


@pytest.mark.parametrize("points", [[], [(2023, 37.8)], [(2020, float("nan")), (2021, None)]])
def test_fewer_than_two_points_is_insufficient_data(points):
    result = assess(points, MIN_40)
    assert result.status == "insufficient_data"
    assert result.ratio is None


def test_target_met_at_baseline_then_lost_is_deterioration():
    forest_cover = TargetSpec("minimum", "increase", 37.0)
    assert assess([(2020, 38.0), (2025, 36.5)], forest_cover).status == "deterioration"
    assert assess([(2020, 38.0), (2023, 37.8)], forest_cover).status == "achieved"


def test_met_now_but_slipping_below_by_the_target_year_is_not_called_achieved():
    forest_cover = TargetSpec("minimum", "increase", 37.0)
    result = assess([(2020, 40.0), (2025, 37.5)], forest_cover)  # projection 35
    assert result.projected_value == pytest.approx(35.0)
    assert result.status == "deterioration"
    assert result.required_annual_change is None


def test_required_change_is_none_once_the_target_year_is_reached():
    result = assess([(2020, 20.0), (2030, 30.0)], MIN_40)
    assert result.required_annual_change is None
    # 1 a year achieved against 2 a year needed from baseline
    assert result.status == "limited_progress"
    almost = assess([(2020, 20.0), (2030, 39.9)], MIN_40)
    assert almost.status == "needs_acceleration"  # never on track once the year has passed


@pytest.mark.parametrize(
    ("ratio", "status"),
    [
        (1.0, "on_track"),
        (0.9999, "needs_acceleration"),
        (0.6, "needs_acceleration"),
        (0.5999, "limited_progress"),
        (0.0, "limited_progress"),
        (-0.01, "deterioration"),
    ],
)
def test_thresholds(ratio, status):
    assert status_from_ratio(ratio) == status


@pytest.mark.parametrize(
    ("steps", "status"),
    [
        ([], "insufficient_data"),
        (["done", "done"], "achieved"),
        (["done", "in_progress", "not_started"], "in_progress"),
        (["not_started", "not_started"], "not_started"),
    ],
)
def test_milestone_status_from_steps(steps, status):
    assert assess_milestone(steps).status == status


def test_meets_target_kinds():
    assert meets_target(37.0, TargetSpec("minimum", "increase", 37.0))
    assert not meets_target(36.99, TargetSpec("minimum", "increase", 37.0))
    assert meets_target(2.6, TargetSpec("range", "increase", 2.5, 3.0))
    assert not math.isnan(assess([(2020, 1.0), (2025, 2.0)], MIN_40).ratio)


def test_milestone_spec_is_refused_by_numeric_assessment():
    with pytest.raises(ValueError, match="assess_milestone"):
        assess([(2020, 1.0)], TargetSpec("milestone"))


def _random_spec(rng: random.Random) -> TargetSpec:
    kind = rng.choice(["minimum", "maximum", "range", "average_annual_rate"])
    direction = "decrease" if kind == "maximum" else rng.choice(["increase", "decrease"])
    if kind == "average_annual_rate":
        return TargetSpec(kind, direction, rng.uniform(0.5, 3.0), None)
    low = rng.uniform(1, 90)
    high = low + rng.uniform(0, 5) if kind == "range" else None
    return TargetSpec(kind, direction, low, high, strict=rng.random() < 0.2)


def test_on_track_or_achieved_never_beside_a_projection_that_misses_the_target():
    """2,000 random series of every kind: the status agrees with its own projection."""
    rng = random.Random(20261128)
    for _ in range(2000):
        spec = _random_spec(rng)
        years = sorted(rng.sample(range(2020, 2030), rng.randint(2, 6)))
        points = [(year, rng.uniform(0.5, 100)) for year in years]
        result = assess(points, spec)
        level = target_level(spec, result.baseline_value, result.baseline_year)
        reaches = projection_meets_target(result.projected_value, spec, level)
        on_track = result.status in ("on_track", "achieved")
        assert on_track == reaches, (points, spec, result)
