"""Shared filters and their URL form: valid links reproduce a view, bad links fall back with a notice."""

from __future__ import annotations

import pytest

from ttx_data.filters import FIRST_YEAR, LAST_YEAR, Filters, indicators_for, parse_query, to_query


def test_a_full_link_is_read_exactly():
    filters, notices = parse_query(
        {"district": "220,219", "sector": "energy", "from": "2021", "to": "2024", "lang": "en"}
    )
    assert filters == Filters(("219", "220"), "energy", 2021, 2024, "en")
    assert notices == []


def test_defaults_when_the_link_has_no_filters():
    filters, notices = parse_query({})
    assert filters == Filters((), None, FIRST_YEAR, LAST_YEAR, "vi")
    assert filters.whole_province and not notices


def test_round_trip_through_the_url_keeps_the_view():
    chosen = Filters(("213", "222"), "waste", 2022, 2025, "en")
    assert parse_query(to_query(chosen)) == (chosen, [])
    assert to_query(Filters()) == {"lang": "vi"}


@pytest.mark.parametrize(
    ("params", "parameter", "expected"),
    [
        ({"district": "219,999"}, "district", Filters(("219",))),
        ({"district": "abc"}, "district", Filters()),
        ({"sector": "mining"}, "sector", Filters()),
        ({"from": "2024", "to": "2021"}, "from", Filters()),
        ({"from": "hai nghìn"}, "from", Filters()),
        ({"to": "2040"}, "to", Filters()),
        ({"lang": "fr"}, "lang", Filters()),
    ],
)
def test_bad_values_fall_back_with_a_notice_in_both_languages(params, parameter, expected):
    filters, notices = parse_query(params)
    assert filters == expected
    assert [n.parameter for n in notices] == [parameter]
    assert "không hợp lệ" in notices[0].message("vi")
    assert "not valid" in notices[0].message("en")


def test_streamlit_style_list_values_are_read():
    filters, _ = parse_query({"district": ["219"], "lang": ["en"]})
    assert filters.districts == ("219",) and filters.lang == "en"


def test_sector_filter_keeps_only_tagged_indicators():
    energy = indicators_for(Filters(sector="energy"), "economy")
    assert [i.indicator_id for i in energy] == ["t01_electricity_intensity", "t02_renewable_share"]
    assert indicators_for(Filters(sector="tourism")) == []
    assert len(indicators_for(Filters(), "transition")) == 5


def test_a_link_names_a_snapshot_among_the_ids_it_is_given():
    asked = []

    def ids():
        asked.append(True)
        return ["phien-hop-11-2026"]

    assert parse_query({"lang": "vi"}, ids) == (Filters(), []) and not asked
    assert parse_query({"snapshot": "phien-hop-11-2026"}, ids)[0].snapshot == "phien-hop-11-2026"
    filters, notices = parse_query({"snapshot": "khac"}, ids)
    assert filters.snapshot is None and [n.parameter for n in notices] == ["snapshot"]
