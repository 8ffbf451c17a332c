"""District rankings as presented (best first), and the meeting's 'districts lagging most' list
(worst first, ties with the last one shown kept), on data whose order can be checked by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from ttx_data import district_profile, meeting, panels, progress
from ttx_data.filters import Filters
from ttx_data.geography import district_names
from ttx_data.i18n import t
from ttx_data.meeting import DistrictLag
from ttx_data.places import history

OFF = progress.DETERIORATION
GOOD = progress.ON_TRACK
UNKNOWN = progress.INSUFFICIENT_DATA

# by-district indicators, in catalog order
IDS = ("t04a_hightech_agriculture_share", "t05a_forest_cover", "t06_water_saving_irrigation_share",
       "t07_kcn_ccn_wwtp_share")  # fmt: skip

STATUSES = {
    "213": (OFF, GOOD, GOOD, GOOD),  # 1/4
    "215": (OFF, OFF, progress.NEEDS_ACCELERATION, GOOD),  # 3/4
    "216": (OFF, GOOD, UNKNOWN, progress.NOT_ASSESSED),  # 1/2
    "217": (OFF, progress.LIMITED_PROGRESS, GOOD, progress.ACHIEVED),  # 2/4
    "218": (UNKNOWN, UNKNOWN, progress.NOT_ASSESSED, UNKNOWN),  # 0/0
    "219": (GOOD, GOOD, GOOD, UNKNOWN),  # 0/3
    "220": (GOOD, OFF, GOOD, progress.NOT_STARTED),  # 2/4
    "221": (OFF, UNKNOWN, UNKNOWN, UNKNOWN),  # 1/1
    "222": (UNKNOWN, OFF, UNKNOWN, GOOD),  # 1/2
    "223": (GOOD, GOOD, GOOD, GOOD),  # 0/4
}
"""Each district's status on IDS; in the comments, off-track / assessed."""

WORST_FIRST = ["221", "215", "217", "220", "216", "222", "213", "218", "219", "223"]
"""By share off track (1, 3/4, then four at 1/2: two with 2 off track before two with 1, each
pair by code), then 1/4, then the three at 0 by code."""


loaded = []
"""(code, first year, last year, directory) of every profile loaded."""


def _profile(code: str, first_year: int, last_year: int, directory=None) -> pd.DataFrame:
    loaded.append((code, first_year, last_year, directory))
    return pd.DataFrame(
        {
            "indicator_id": IDS,
            "label": ("4a", "5a", "6", "7"),
            "status": STATUSES[code],
            "provenance": ("official", "illustrative", "illustrative", "illustrative"),
        }
    )


@pytest.fixture
def constructed_profiles(monkeypatch):
    loaded.clear()
    monkeypatch.setattr(district_profile, "load_profile", _profile)


def test_district_lags_worst_first(constructed_profiles):
    lags = meeting.district_lags(Filters(lang="en"))
    assert [lag.district_code for lag in lags] == WORST_FIRST
    by_code = {lag.district_code: lag for lag in lags}
    assert (by_code["215"].off_track, by_code["215"].assessed) == (3, 4)
    assert by_code["215"].off_track_labels == ("4a", "5a", "6")
    assert by_code["215"].illustrative == 3  # of its 4 assessed values
    assert loaded == [(code, 2020, 2026, None) for code in sorted(STATUSES)]
    assert (by_code["216"].off_track, by_code["216"].assessed) == (1, 2)
    assert (by_code["218"].assessed, by_code["218"].share) == (0, 0.0)
    assert by_code["221"].share == 1.0
    assert by_code["221"].name == district_names("en")["221"]


def test_district_lags_follow_the_chosen_districts_and_sector(constructed_profiles):
    directory = Path("some-snapshot")
    filters = Filters(
        districts=("213", "215"), sector="water_land_biodiversity", year_from=2021, year_to=2024
    )
    lags = meeting.district_lags(filters, directory)
    assert loaded == [("213", 2021, 2024, directory), ("215", 2021, 2024, directory)]
    # the sector keeps targets 5a and 6 of IDS: 215 is off track on both, 213 on neither
    assert [(lag.district_code, lag.off_track, lag.assessed) for lag in lags] == [
        ("215", 2, 2),
        ("213", 0, 2),
    ]


def test_lagging_slide_lists_the_worst_five_and_the_ties_with_the_fifth(constructed_profiles):
    slide = meeting._lagging_slide(Filters(lang="en"), Path("some-snapshot"))
    assert {call[3] for call in loaded} == {Path("some-snapshot")}
    assert (slide.kind, slide.title) == ("lagging", t("meeting.lagging_title", "en"))
    assert slide.points[0] == t("meeting.lagging_method", "en")
    # the default years reach 2026, when there were no districts: the slide says what a row is
    assert slide.points[1:] == (history.year_summary(Filters().year_to, "en"),)
    assert slide.sources == (t("meeting.illustrative_note", "en", count=slide.illustrative),)
    assert t("chart.off_track_share", "en") in str(slide.chart)
    # 216 is fifth at 1/2; 222, also at 1/2, is kept; 213 at 1/4 is not
    assert [lag.district_code for lag in slide.lags] == WORST_FIRST[:6]
    names = district_names("en")
    y = slide.chart["layer"][0]["encoding"]["y"]
    # Yên Dũng, which ended before the other districts, carries its end on the axis
    assert y["sort"] == [
        names[code] + (" · until 31 Dec 2024" if code == "221" else "") for code in WORST_FIRST
    ]
    assert slide.illustrative == sum(lag.illustrative for lag in meeting.district_lags(Filters()))


def _lag(code: str, off_track: int, assessed: int) -> DistrictLag:
    return DistrictLag(code, code, assessed, off_track, ())


def test_lagging_shown_keeps_five_and_the_ties_with_the_fifth():
    lags = [_lag("a", 4, 4), _lag("b", 3, 4), _lag("c", 2, 4), _lag("d", 1, 4), _lag("e", 1, 4),
            _lag("f", 1, 4), _lag("g", 0, 4)]  # fmt: skip
    assert [lag.district_code for lag in meeting.lagging_shown(lags)] == list("abcdef")
    without_tie = lags[:5] + [_lag("f", 0, 4)]
    assert [lag.district_code for lag in meeting.lagging_shown(without_tie)] == list("abcde")
    # the cut is the fifth's share, not the fourth's
    steps = [_lag("a", 4, 4), _lag("b", 3, 4), _lag("c", 2, 4), _lag("d", 1, 4), _lag("e", 0, 4),
             _lag("f", 0, 4)]  # fmt: skip
    assert [lag.district_code for lag in meeting.lagging_shown(steps)] == list("abcdef")
    assert meeting.lagging_shown(lags[:3]) == tuple(lags[:3])
    assert meeting.lagging_shown([]) == ()


def _y_sort(spec: dict) -> list[str]:
    """The bars' district order, top to bottom."""
    return spec["layer"][0]["encoding"]["y"]["sort"]


@pytest.mark.parametrize(
    ("indicator_id", "best_first"),
    [
        ("t05a_forest_cover", ["220", "219", "221"]),  # higher is better: 56.1, 42.2, 42.2
        ("t01_electricity_intensity", ["220", "219", "221"]),  # lower is better: 25, 30, 35
    ],
)
def test_ranking_panel_shows_the_best_district_first(indicator_id, best_first, tiny_data_dir):
    panel = panels.ranking_panel(indicator_id, Filters(year_to=2021, lang="en"), tiny_data_dir)
    assert panel.table["area_code"].tolist() == best_first
    names = district_names("en")
    assert _y_sort(panel.spec) == [names[code] for code in best_first]


def test_ranking_panel_ranks_and_ties(tiny_data_dir):
    forest = panels.ranking_panel("t05a_forest_cover", Filters(year_to=2021), tiny_data_dir)
    assert forest.table["rank"].tolist() == [1, 2, 2]
    power = panels.ranking_panel("t01_electricity_intensity", Filters(year_to=2021), tiny_data_dir)
    assert power.table["rank"].tolist() == [1, 2, 3]
    assert power.table["province_value"].tolist() == [33.4] * 3


def test_district_profile_rank_is_one_for_the_best_district(tiny_data_dir):
    # forest cover in 2022 (latest year): 220 at 55.2 ahead of 219 at 41.7
    best = district_profile.load_profile("220", 2020, 2025, tiny_data_dir)
    worst = district_profile.load_profile("219", 2020, 2025, tiny_data_dir)
    assert best["indicator_id"].tolist() == ["t05a_forest_cover"]  # 1 is province-only
    assert best.columns.tolist() == district_profile.COLUMNS
    first = best.iloc[0]
    assert (first["rank"], first["districts_ranked"]) == (1, 2)
    assert (first["label"], first["latest_year"], first["latest_value"]) == ("5a", 2022, 55.2)
    assert (first["province_value"], first["province_provenance"]) == (37.8, "illustrative")
    assert first["trend_years"] == [2020, 2021, 2022]
    assert first["trend_values"] == [44.5, 56.1, 55.2]
    assert first["trend_provenances"] == ["illustrative"] * 3
    assert (worst.iloc[0]["rank"], worst.iloc[0]["districts_ranked"]) == (2, 2)
    assert district_profile.download_table(worst, "en").iloc[0]["rank"] == "2/2"
    # in 2021, 219 ties 221 for second of three
    tied = district_profile.load_profile("219", 2021, 2021, tiny_data_dir)
    assert (tied.iloc[0]["rank"], tied.iloc[0]["districts_ranked"]) == (2, 3)


def test_a_province_total_is_not_drawn_beside_district_hectares():
    """17,000 ha is the province's total: no 'province' rule among district bars in hectares,
    but a note gives the total; a share keeps its province rule."""
    from ttx_data.paths import BUNDLED_DATA_DIR

    certified = panels.ranking_panel("t05b_certified_forest_area", Filters(), BUNDLED_DATA_DIR)
    rules = [layer for layer in certified.spec["layer"] if layer["mark"]["type"] == "rule"]
    labels = json.dumps(rules, ensure_ascii=False)
    assert "Toàn tỉnh" not in labels
    assert any("là tổng của các huyện" in note for note in certified.notes)
    cover = panels.ranking_panel("t15c_clean_water_rural_share", Filters(), BUNDLED_DATA_DIR)
    assert "Toàn tỉnh" in json.dumps(cover.spec, ensure_ascii=False)


def test_ranking_falls_back_to_the_latest_year_with_district_figures():
    """Rural clean water is reported by district until 2025 only; total clean water also in 2026
    (rolled up from the commune-level units)."""
    from ttx_data.paths import BUNDLED_DATA_DIR

    rural = panels.ranking_panel("t15c_clean_water_rural_share", Filters(), BUNDLED_DATA_DIR)
    # 9 districts: Yên Dũng had been part of TP Bắc Giang since 1/1/2025
    assert set(rural.table["year"]) == {2025} and len(rural.table) == 9
    assert "xếp hạng theo năm 2025, năm gần nhất có số liệu" in " ".join(rural.notes)
    total = panels.ranking_panel("t15a_clean_water_total_share", Filters(), BUNDLED_DATA_DIR)
    assert set(total.table["year"]) == {2026}
    assert not any("năm gần nhất" in note for note in total.notes)
