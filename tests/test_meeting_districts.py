"""A deck filtered to districts shows those districts' figures, not the province's under their name."""

from __future__ import annotations

from ttx_data import district_profile, meeting
from ttx_data.catalog import indicator
from ttx_data.filters import Filters
from ttx_data.i18n import format_value
from ttx_data.indicator_text import value_unit


def _lines(deck: meeting.Meeting, kind: str) -> list[meeting.TargetLine]:
    return [line for slide in deck.slides if slide.kind == kind for line in slide.lines]


def test_one_district_deck_shows_its_own_values_and_statuses():
    deck = meeting.build_meeting(Filters(districts=("218",), lang="vi"))
    profile = district_profile.load_profile("218", 2020, 2026).set_index("indicator_id")
    lines = {(line.indicator_id, line.area): line for line in _lines(deck, "group")}
    for indicator_id, own in profile.iterrows():
        line = lines[(indicator_id, "Lục Nam")]
        shown = indicator(indicator_id)
        expected = format_value(own["latest_value"], value_unit(shown, "vi"), "vi", shown.decimals)
        assert line.latest == expected and line.status == own["status"], indicator_id
    province_only = [line for line in lines.values() if line.area == "Toàn tỉnh"]
    assert {line.indicator_id for line in province_only} == {
        i for i, _ in lines if i not in profile.index
    }
    assert all(line.area for line in lines.values())
    overview = next(s for s in deck.slides if s.kind == "status_overview")
    assert "Lục Nam: mỗi huyện một dòng" in overview.subtitle
    assert overview.points[0].endswith("dòng (chỉ tiêu tại một địa bàn) đã đạt hoặc đúng tiến độ")


def test_two_districts_get_a_row_each_and_the_whole_province_deck_none():
    deck = meeting.build_meeting(Filters(districts=("218", "220"), lang="en"))
    areas = {
        line.area
        for line in _lines(deck, "group")
        if line.indicator_id == "t04a_hightech_agriculture_share"
    }
    assert areas == {"Luc Nam", "Son Dong"}
    whole = meeting.build_meeting(Filters(lang="en"))
    assert {line.area for line in _lines(whole, "group")} == {""}
    assert not any(
        slide.subtitle and "row per district" in slide.subtitle for slide in whole.slides
    )


def test_slides_hold_no_more_rows_than_fit_a_projector():
    deck = meeting.build_meeting(Filters(districts=("218", "220"), lang="vi"))
    for slide in deck.slides:
        if slide.kind in meeting.ROWS_PER_SLIDE:
            assert len(slide.lines) <= meeting.ROWS_PER_SLIDE[slide.kind], slide.title


def test_lagging_chart_gives_each_district_a_bar_of_its_own_height():
    deck = meeting.build_meeting(Filters(districts=("218", "220"), lang="vi"))
    chart = next(s for s in deck.slides if s.kind == "lagging").chart
    assert chart["height"] == {"step": 40}  # two districts no longer squeeze into one line
