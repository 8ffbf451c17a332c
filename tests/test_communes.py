"""The commune-level view from 1/7/2025 (issue 10, point 4): the 58 units narrowed by plan
district, their map points and tooltips, the page in both languages, and the about page's section
on the 2024-2025 changes."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ttx_data import export, maps, places
from ttx_data.local_server import SIDEBAR_PAGE_PATHS
from ttx_data.paths import PROJECT_ROOT
from ttx_data.ui import map_view

PAGE = "pages/communes.py"


def test_all_58_units_without_a_district_filter():
    frame = places.communes_frame()
    assert len(frame) == 58 and frame["unit_code"].is_unique
    assert list(frame.columns) == list(places.COMMUNE_COLUMNS)
    assert frame["population"].sum() > 1_800_000 and frame[["lon", "lat"]].notna().all().all()


def test_tan_yen_includes_its_share_of_da_mai():
    frame = places.communes_frame(("216",), "vi").set_index("unit_code")
    assert places.DA_MAI in frame.index
    assert frame.loc[places.DA_MAI, "plan_districts"] == "Bắc Giang 4/5; Tân Yên 1/5"
    # every other unit listed lies wholly in Tân Yên
    others = frame.drop(index=places.DA_MAI)
    assert len(others) >= 1 and (others["plan_districts"] == "Tân Yên").all()
    # Đa Mai's main district is the city (4/5): its point takes the city's colour
    assert frame.loc[places.DA_MAI, "plan_district_code"] == "213"


def test_district_filter_keeps_exactly_the_units_with_a_share_there():
    every = places.communes_frame()
    for codes in (("219",), ("213", "221"), ("220",)):
        frame = places.communes_frame(codes)
        weights = places.plan_district_weights()
        expected = {u for u, w in weights.items() if set(w) & set(codes)}
        assert set(frame["unit_code"]) == expected and 0 < len(frame) < len(every)
    # the three split wards appear under both of their districts
    for code in places.split_units():
        shares = places.plan_district_weights()[code]
        for district in shares:
            assert code in set(places.communes_frame((district,))["unit_code"])


def test_english_table_names_kinds_and_headers():
    frame = places.communes_frame(("216",), "en").set_index("unit_code")
    assert frame.loc[places.DA_MAI, "unit_name"] == "Da Mai Ward"
    assert frame.loc[places.DA_MAI, "kind"] == "Ward"
    assert frame.loc[places.DA_MAI, "plan_districts"] == "Bac Giang 4/5; Tan Yen 1/5"
    assert "Xã Quế Nham" in frame.loc[places.DA_MAI, "former_units"]  # official names kept
    table = export.localized_table(frame.reset_index(), "en")
    assert list(table.columns) == [
        "Commune/ward code (GSO)", "Commune/ward", "Kind", "Area (km²)", "Population",
        "Plan district(s) (split share)", "Formed from (former units)",
    ]  # fmt: skip


def test_points_carry_the_click_district_colour_and_plain_text_tooltip():
    points = maps.commune_points(places.communes_frame(), "vi").set_index("unit_code")
    da_mai = points.loc[places.DA_MAI]
    assert da_mai["district_code"] == "213"
    assert list(da_mai["colour"][:3]) == list(maps.district_colours()["213"])
    assert da_mai["name"] == "Phường Đa Mai"
    assert "Bắc Giang 4/5; Tân Yên 1/5" in da_mai["detail"] and "km²" in da_mai["detail"]
    assert "\n" in da_mai["detail"]
    for detail in points["detail"]:
        assert "<" not in detail and "&lt;" not in detail  # Streamlit escapes: no markup of ours


def test_hostile_names_stay_text_in_tooltip_and_legend(monkeypatch):
    hostile = "<img src=x onerror=alert(1)>"
    frame = places.communes_frame(("216",), "vi")
    frame.loc[0, "unit_name"] = hostile
    points = maps.commune_points(frame, "vi")
    # the name goes as a value into the shared template, which Streamlit HTML-escapes
    assert points.loc[0, "name"] == hostile and "{name}" in maps.TOOLTIP["html"]
    deck = maps.communes_deck(points, "vi", ("216",))
    assert deck._tooltip == maps.TOOLTIP  # the shared, escaping template
    monkeypatch.setattr(maps.geography, "district_names", lambda lang="vi": {
        code: hostile for code in maps.district_colours()
    })  # fmt: skip
    legend = map_view.district_colour_legend("vi")
    assert "<img" not in legend and "&lt;img src=x" in legend


def test_deck_draws_district_polygons_and_one_point_per_unit():
    points = maps.commune_points(places.communes_frame(("219",)), "en")
    deck = maps.communes_deck(points, "en", ("219",))
    layers = {layer.id: layer for layer in deck.layers}
    assert set(layers) == {maps.DISTRICT_LAYER, maps.COMMUNE_LAYER}
    assert len(layers[maps.DISTRICT_LAYER].data["features"]) == 10
    assert len(layers[maps.COMMUNE_LAYER].data) == len(points)


def test_page_is_in_the_sidebar_paths():
    assert "communes" in SIDEBAR_PAGE_PATHS


def _page(lang: str, district: str | None = None) -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.query_params["lang"] = lang
    if district:
        app.query_params["district"] = district
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.mark.parametrize(
    ("lang", "title", "source"),
    [
        ("vi", "Xã, phường từ 1/7/2025", "Nguồn: Cục Thống kê / QĐ 19/2025/QĐ-TTg"),
        ("en", "Communes and wards from 1/7/2025", "Source: Cục Thống kê / QĐ 19/2025/QĐ-TTg"),
    ],
)
def test_page_lists_all_58_units_and_fewer_for_a_district(lang, title, source):
    app = _page(lang)
    assert app.title[0].value == title
    assert len(app.dataframe) == 1 and len(app.dataframe[0].value) == 58
    assert any(source in c.value for c in app.caption)
    assert any("NQ 1658/NQ-UBTVQH15" in m.value for m in app.markdown)
    assert len(app.get("download_button")) == 2
    narrowed = _page(lang, "219")
    rows = narrowed.dataframe[0].value
    assert 0 < len(rows) < 58 and len(rows) == len(places.communes_frame(("219",)))


@pytest.mark.parametrize(
    ("lang", "heading", "unverified"),
    [
        ("vi", "Thay đổi hành chính 2024-2025", "chưa xác minh"),
        ("en", "Administrative changes of 2024-2025", "unverified"),
    ],
)
def test_about_explains_the_changes_with_their_basis(lang, heading, unverified):
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.query_params["lang"] = lang
    app.run()
    app.switch_page("pages/about.py").run()
    assert not app.exception
    text = "\n".join(m.value for m in app.markdown)
    assert heading in text and unverified in text.lower()
    for basis in (
        "NQ 1191/NQ-UBTVQH15", "NĐ 45/2025/NĐ-CP", "NQ 1658/NQ-UBTVQH15", "QĐ 19/2025/QĐ-TTg",
    ):  # fmt: skip
        assert basis in text
    # numbers the reference files mark unverified are never stated
    for unsourced in ("930/NQ-UBTVQH15", "202/2025/QH15", "203/2025/QH15"):
        assert unsourced not in text


def test_table_numbers_round_trip_to_the_register():
    frame = places.communes_frame().set_index("unit_code")
    da_mai = places.unit(places.DA_MAI, "2025-07-01")
    assert frame.loc[places.DA_MAI, "area_km2"] == da_mai.area_km2
    assert frame.loc[places.DA_MAI, "population"] == da_mai.population
    assert isinstance(frame, pd.DataFrame)
