"""The progress method on hand-worked cases, one per target kind and direction, and the edges."""

import math

import pytest

from ttx_data.progress import (
    TargetSpec,
    assess,
    assess_milestone,
    linear_projection,
    meets_target,
    status_from_ratio,
)

MIN_40 = TargetSpec("minimum", "increase", 40.0)


@pytest.mark.parametrize(
    ("latest", "status", "ratio"),
    [
        # g_obs = (30/20)^(1/5)-1 = 8.447 %, g_req = (40/20)^(1/10)-1 = 7.177 %
        (30.0, "on_track", 1.1769),
        # (25/20)^(1/5)-1 = 4.564 % -> 0.636
        (25.0, "needs_acceleration", 0.6359),
        # (22/20)^(1/5)-1 = 1.924 % -> 0.268
        (22.0, "limited_progress", 0.2681),
        # moving away from the target
        (18.0, "deterioration", -0.2905),
    ],
)
def test_minimum_target_status_from_compound_growth_ratio(latest, status, ratio):
    result = assess([(2020, 20.0), (2025, latest)], MIN_40)
    assert result.status == status
    assert result.ratio == pytest.approx(ratio, abs=1e-4)


def test_paces_required_and_achieved_change_and_projection():
    result = assess([(2020, 20.0), (2025, 30.0)], MIN_40)
    assert result.achieved_annual_change == pytest.approx(2.0)
    assert result.required_annual_change == pytest.approx(2.0)
    assert result.projected_value == pytest.approx(40.0)
    assert result.observed_growth_pct == pytest.approx(8.4472, abs=1e-4)
    assert result.required_growth_pct == pytest.approx(7.1773, abs=1e-4)


def test_latest_value_meeting_target_is_achieved():
    assert assess([(2020, 20.0), (2024, 41.0)], MIN_40).status == "achieved"


def test_strict_target_needs_to_pass_the_level():
    above_80 = TargetSpec("minimum", "increase", 80.0, strict=True)
    assert assess([(2020, 60.0), (2025, 80.0)], above_80).status != "achieved"
    assert assess([(2020, 60.0), (2025, 80.1)], above_80).status == "achieved"


def test_lower_is_better_maximum_target():
    at_most_80 = TargetSpec("maximum", "decrease", 80.0)
    # g_obs = 0.9^(1/5)-1 = -2.085 %, g_req = 0.8^(1/10)-1 = -2.207 % -> 0.9449
    result = assess([(2020, 100.0), (2025, 90.0)], at_most_80)
    assert result.status == "needs_acceleration"
    assert result.ratio == pytest.approx(0.9449, abs=1e-4)
    assert assess([(2020, 100.0), (2025, 110.0)], at_most_80).status == "deterioration"
    assert assess([(2020, 100.0), (2025, 79.0)], at_most_80).status == "achieved"


def test_range_target_measured_to_the_near_edge_and_met_inside_or_beyond():
    renewables = TargetSpec("range", "increase", 2.5, 3.0)
    # g_obs = 3^(1/5)-1 = 24.57 %, g_req = 6.25^(1/10)-1 = 20.11 %
    result = assess([(2020, 0.4), (2025, 1.2)], renewables)
    assert result.status == "on_track"
    assert result.target_level == 2.5
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
        (0.98, "on_track"),  # 2 %/year cut against 1.5 required
        (0.99, "needs_acceleration"),  # 1 %/year: ratio 0.667
        (0.997, "limited_progress"),  # 0.3 %/year: ratio 0.2
        (1.01, "deterioration"),  # intensity rising
    ],
)
def test_average_annual_rate_target_compares_rates(annual_factor, status):
    electricity = TargetSpec("average_annual_rate", "decrease", 1.5, 2.0)
    points = [(2020 + k, 100.0 * annual_factor**k) for k in range(6)]
    result = assess(points, electricity)
    assert result.status == status
    assert result.required_growth_pct == pytest.approx(-1.5)
    assert result.observed_growth_pct == pytest.approx((annual_factor - 1) * 100)
    # the implied 2030 level of a 1.5 %/year average cut
    assert result.target_level == pytest.approx(100.0 * 0.985**10)


def test_average_annual_rate_is_achieved_only_at_the_end_of_the_period():
    electricity = TargetSpec("average_annual_rate", "decrease", 1.5, 2.0)
    ahead = [(2020, 100.0), (2025, 100.0 * 0.97**5)]
    assert assess(ahead, electricity).status == "on_track"
    done = [(2020, 100.0), (2030, 100.0 * 0.98**10)]
    assert assess(done, electricity).status == "achieved"


def test_zero_baseline_falls_back_to_linear_change():
    plastic_bags = TargetSpec("minimum", "increase", 65.0)
    result = assess([(2020, 0.0), (2025, 30.0)], plastic_bags)
    # achieved 6 points/year against 6.5 required
    assert result.ratio == pytest.approx(6.0 / 6.5)
    assert result.status == "needs_acceleration"
    assert result.observed_growth_pct is None
    assert "linear" in result.method


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


def test_required_change_is_none_once_the_target_year_is_reached():
    result = assess([(2020, 20.0), (2030, 30.0)], MIN_40)
    assert result.required_annual_change is None
    # (30/20)^(1/10)-1 = 4.138 % against 7.177 % -> 0.577
    assert result.status == "limited_progress"


def test_linear_projection_is_least_squares():
    assert linear_projection([(2020, 10.0), (2021, 12.0), (2022, 14.0)], 2030) == pytest.approx(
        30.0
    )
    # noisy points: slope 9.55 / 5 = 1.91, mean 12.425 at 2021.5
    noisy = [(2020, 10.0), (2021, 11.0), (2022, 13.0), (2023, 15.7)]
    assert linear_projection(noisy, 2030) == pytest.approx(12.425 + 1.91 * 8.5, abs=1e-9)
    assert linear_projection([(2020, 10.0)], 2030) is None


@pytest.mark.parametrize(
    ("ratio", "status"),
    [
        (0.95, "on_track"),
        (0.9499, "needs_acceleration"),
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
