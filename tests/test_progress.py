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


# Cases added from the mutation run (docs/mutation.md): each pins one thing a user sees.


def test_edges_of_a_band_and_a_strict_maximum():
    # renewables 2.5-3.0 %: 2.5 itself is inside the band; a falling band is met at its top edge
    assert meets_target(2.5, TargetSpec("range", "increase", 2.5, 3.0))
    assert meets_target(3.0, TargetSpec("range", "decrease", 2.0, 3.0))
    assert not meets_target(3.01, TargetSpec("range", "decrease", 2.0, 3.0))
    # a falling band written with one number is met at that number, and aims at it
    one_number = TargetSpec("range", "decrease", 3.0)
    assert meets_target(2.9, one_number)
    assert target_level(one_number, 5.0, 2020) == 3.0
    # "dưới 5%" (below 5 %): 5 itself is not below 5
    below_5 = TargetSpec("maximum", "decrease", 5.0, strict=True)
    assert not meets_target(5.0, below_5)
    assert meets_target(4.9, below_5)


def test_points_before_the_baseline_year_are_not_the_baseline():
    # 2018 is before the 2020 baseline: pace (30 - 20) / 5 = 2 a year, projection 40
    result = assess([(2018, 10.0), (2020, 20.0), (2025, 30.0)], MIN_40)
    assert (result.baseline_year, result.points) == (2020, 2)
    assert result.projected_value == pytest.approx(40.0)
    # only 2025 from 2020 on: one point, not a pace from 2018
    alone = assess([(2018, 10.0), (2025, 30.0)], MIN_40)
    assert alone.status == "insufficient_data"
    assert (alone.latest_year, alone.latest_value, alone.points) == (2025, 30.0, 1)


def test_a_single_point_still_gives_the_latest_value():
    result = assess([(2023, 37.8)], MIN_40)
    assert (result.latest_year, result.latest_value, result.baseline_year) == (2023, 37.8, 2023)
    assert result.points == 1


def test_one_year_before_the_target_year():
    # 20 -> 29 over 2020-2029: 1 a year achieved, (40 - 29) / 1 = 11 needed in 2030: ratio 1/11
    result = assess([(2020, 20.0), (2029, 29.0)], MIN_40)
    assert result.required_annual_change == pytest.approx(11.0)
    assert result.ratio == pytest.approx(1 / 11)
    assert result.projected_value == pytest.approx(30.0)
    assert result.status == "limited_progress"


def test_at_the_target_year_the_projection_is_the_latest_value():
    assert assess([(2020, 20.0), (2030, 30.0)], MIN_40).projected_value == 30.0
    electricity = TargetSpec("average_annual_rate", "decrease", 1.5, 2.0)
    assert assess([(2020, 100.0), (2030, 90.0)], electricity).projected_value == 90.0


def test_reaching_a_strict_level_exactly_in_2030_is_not_on_track():
    above_80 = TargetSpec("minimum", "increase", 80.0, strict=True)
    # 70 -> 75 over five years: 1 a year, exactly the 1 a year needed; projection 80, not above 80
    result = assess([(2020, 70.0), (2025, 75.0)], above_80)
    assert result.ratio == 1.0
    assert result.projected_value == 80.0
    assert result.status == "needs_acceleration"


def test_sitting_on_a_strict_level_and_moving_up_is_on_track():
    above_80 = TargetSpec("minimum", "increase", 80.0, strict=True)
    # 78 -> 80: 0.4 a year; any rise passes 80 (counted as the needed pace, ratio 1); projection 82
    result = assess([(2020, 78.0), (2025, 80.0)], above_80)
    assert (result.status, result.ratio) == ("on_track", 1.0)
    assert result.projected_value == pytest.approx(82.0)


def test_strict_level_at_baseline_lost_by_2030_is_deterioration():
    above_80 = TargetSpec("minimum", "increase", 80.0, strict=True)
    # 80 in 2020 (not above 80), 79 in 2030: moved away; no pace was needed from 80 to "80"
    result = assess([(2020, 80.0), (2030, 79.0)], above_80)
    assert result.status == "deterioration"
    assert result.ratio is None


@pytest.mark.parametrize(
    ("annual_factor", "ratio"),
    [
        # observed (f - 1), needed 0.985^2 / f - 1 from 2025 to the 2030 level 100 * 0.985^10
        (0.98, 2.005),  # -2 % against -0.997 %
        (0.988, 0.667),  # -1.2 % against -1.799 %
        (0.995, 0.2008),  # -0.5 % against -2.490 %
        (1.01, -0.2539),  # +1 % against -3.938 %
    ],
)
def test_average_annual_rate_ratio_and_needed_change_per_year(annual_factor, ratio):
    electricity = TargetSpec("average_annual_rate", "decrease", 1.5, 2.0)
    result = assess([(2020, 100.0), (2025, 100.0 * annual_factor**5)], electricity)
    assert result.ratio == pytest.approx(ratio, abs=1e-3)
    # in kWh per million VND a year: (level - latest) / 5
    level, latest = 100.0 * 0.985**10, 100.0 * annual_factor**5
    assert result.required_annual_change == pytest.approx((level - latest) / 5)


def test_average_annual_rate_one_year_before_the_target_year():
    electricity = TargetSpec("average_annual_rate", "decrease", 1.5, 2.0)
    # -1 %/year 2020-2029: 91.35; level 85.97 in 2030 needs -5.89 % (-5.38) in one year
    result = assess([(2020, 100.0), (2029, 100.0 * 0.99**9)], electricity)
    assert result.required_growth_pct == pytest.approx(-5.888, abs=1e-3)
    assert result.required_annual_change == pytest.approx(-5.379, abs=1e-3)
    assert result.ratio == pytest.approx(1.0 / 5.888, abs=1e-3)
    assert result.status == "limited_progress"


def test_average_annual_rate_at_the_target_year_is_judged_on_the_rate_itself():
    electricity = TargetSpec("average_annual_rate", "decrease", 1.5, 2.0)
    # -2 %/year over 2020-2030 against the 1.5 % asked: ratio 2 / 1.5
    done = assess([(2020, 100.0), (2030, 100.0 * 0.98**10)], electricity)
    assert (done.status, done.ratio) == ("achieved", pytest.approx(4 / 3))
    # -1.2 %/year: 1.2 / 1.5 = 0.8, short of the rate, never on track once 2030 is here
    short = assess([(2020, 100.0), (2030, 100.0 * 0.988**10)], electricity)
    assert (short.status, short.ratio) == ("needs_acceleration", pytest.approx(0.8))
    # exactly the rate asked: halved every year from 256 in 2022 to 1 in 2030, 50 % asked
    halving = TargetSpec("average_annual_rate", "decrease", 50.0, baseline_year=2022)
    assert assess([(2022, 256.0), (2030, 1.0)], halving).status == "achieved"


def test_average_annual_rate_below_one_is_still_compound():
    electricity = TargetSpec("average_annual_rate", "decrease", 1.5, 2.0)
    # 0.5 -> 0.5 * 0.98^5: -2 %/year, as for 100 -> 100 * 0.98^5
    result = assess([(2020, 0.5), (2025, 0.5 * 0.98**5)], electricity)
    assert result.observed_growth_pct == pytest.approx(-2.0)
    assert result.required_growth_pct == pytest.approx((0.985**2 / 0.98 - 1) * 100)
    assert result.status == "on_track"


def test_average_annual_rate_from_zero_falls_back_to_linear_change():
    electricity = TargetSpec("average_annual_rate", "decrease", 1.5, 2.0)
    # from 0: no compound rate; 0 -> 10 is +2 a year, the implied level is 0, so -2 a year was
    # needed from 2025: ratio -1, projection 10 + 2 * 5 = 20
    result = assess([(2020, 0.0), (2025, 10.0)], electricity)
    assert result.observed_growth_pct is None
    assert result.required_growth_pct is None
    assert result.target_level == 0.0
    assert result.required_annual_change == pytest.approx(-2.0)
    assert result.ratio == pytest.approx(-1.0)
    assert result.projected_value == pytest.approx(20.0)
    assert result.status == "deterioration"
    at_2030 = assess([(2020, 0.0), (2030, 10.0)], electricity)
    assert (at_2030.status, at_2030.ratio, at_2030.projected_value) == ("deterioration", None, 10.0)


def test_average_annual_rate_to_raise_a_value():
    raise_10 = TargetSpec("average_annual_rate", "increase", 10.0)
    # +10 %/year from 100: 100 * 1.1^10 = 259.37 in 2030
    assert target_level(raise_10, 100.0, 2020) == pytest.approx(259.374, abs=1e-3)
    # +5 %/year to 2025 (127.63); needed 1.1^2 / 1.05 - 1 = 15.24 %/year; projection 162.89
    slow = assess([(2020, 100.0), (2025, 100.0 * 1.05**5)], raise_10)
    assert slow.ratio == pytest.approx(0.05 / 0.15238, abs=1e-4)
    assert slow.status == "limited_progress"
    # +12 %/year over 2020-2030 against the 10 % asked: ratio 1.2
    done = assess([(2020, 100.0), (2030, 100.0 * 1.12**10)], raise_10)
    assert (done.status, done.ratio) == ("achieved", pytest.approx(1.2))


def test_projection_reaching_the_implied_rate_level_meets_it():
    electricity = TargetSpec("average_annual_rate", "decrease", 1.5, 2.0)
    assert projection_meets_target(86.0, electricity, 86.0)  # exactly the level
    assert projection_meets_target(85.5, electricity, 86.0)  # half a unit below
    assert not projection_meets_target(86.5, electricity, 86.0)


@pytest.mark.parametrize(
    ("steps", "status"),
    [
        (["done", "not_started"], "in_progress"),  # one step done: started
        (["in_progress", "not_started"], "in_progress"),
    ],
)
def test_milestone_with_a_step_done_or_under_way_is_in_progress(steps, status):
    assert assess_milestone(steps).status == status


def test_a_flat_series_on_a_strict_level_is_limited_progress_not_moving_away():
    above_80 = TargetSpec("minimum", "increase", 80.0, strict=True)
    assert assess([(2020, 80.0), (2025, 80.0)], above_80).status == "limited_progress"
    assert assess([(2020, 80.0), (2025, 80.0)], MIN_40).status == "achieved"
