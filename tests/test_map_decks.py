"""What the map pages send to the browser: simplified district outlines that keep every district
recognisable, one compact spec per deck written once, and decks shared per data version."""

from __future__ import annotations

import dataclasses
import html
import itertools
import json
import re

import pytest
import shapely
from shapely.geometry import shape

from ttx_data import maps, places, query, sources
from ttx_data.filters import Filters
from ttx_data.ui import components, data

SOURCE_VERTICES = 1560
"""Vertices of the bundled district outlines (data/geo/districts.geojson)."""


def _shapes(collection: dict) -> dict:
    return {f["properties"]["district_code"]: shape(f["geometry"]) for f in collection["features"]}


def _vertices(collection: dict) -> int:
    return sum(len(ring) for f in collection["features"] for ring in f["geometry"]["coordinates"])


def test_drawn_outlines_keep_every_district_close_to_its_source_and_are_smaller():
    source, drawn = _shapes(maps.district_geojson()), _shapes(maps.drawn_district_geojson())
    assert list(drawn) == list(source)
    for code, outline in drawn.items():
        assert outline.is_valid and outline.geom_type == "Polygon", code
        # about 500 m at most: under a pixel of the province view
        assert shapely.hausdorff_distance(outline, source[code]) < 0.005, code
        assert outline.area == pytest.approx(source[code].area, rel=0.03), code
    assert _vertices(maps.district_geojson()) == SOURCE_VERTICES
    assert _vertices(maps.drawn_district_geojson()) < 0.8 * SOURCE_VERTICES


def test_drawn_outlines_share_their_borders_and_are_rounded():
    drawn = _shapes(maps.drawn_district_geojson())
    for (a, first), (b, second) in itertools.combinations(drawn.items(), 2):
        assert first.intersection(second).area < 1e-9, (a, b)  # no overlap opened
    union = shapely.union_all(list(drawn.values()))
    assert union.geom_type == "Polygon" and not list(union.interiors)  # and no gap
    sent = json.dumps(maps.drawn_district_geojson())
    assert re.findall(r"\d\.\d{5,}", sent) == []  # degrees to 4 decimals: about 11 m


def _sites_deck(lang: str = "vi") -> maps.MapDeck:
    sites = query.run_query("sites_in_year", year=2025)
    coverage = query.run_query("wwtp_coverage_by_district", year=2025)
    return maps.sites_deck(maps.site_points(sites, 2025, lang), coverage, 2025, lang, ())


def test_a_deck_is_one_compact_spec_written_once():
    deck = _sites_deck()
    spec = deck.to_json()
    assert deck.to_json() is spec  # not serialised again on a rerun
    assert "\n " not in spec and ", " not in spec.split('"detail"')[0]  # no indentation
    assert json.loads(spec) == json.loads(super(maps.MapDeck, deck).to_json())  # pydeck's own
    assert len(spec) < 100_000


def test_the_sites_deck_draws_districts_points_and_symbols_only_from_what_they_need():
    layers = json.loads(_sites_deck().to_json())["layers"]
    assert [layer["id"] for layer in layers] == [
        maps.DISTRICT_LAYER,
        maps.SITE_LAYER,
        "site-symbols",
    ]
    districts, points, symbols = layers
    assert len(districts["data"]["features"]) == 10
    assert set(points["data"][0]) == {
        "lon", "lat", "colour", "name", "detail", "district_code", "radius_m", "symbol",
    }  # fmt: skip
    assert set(symbols["data"][0]) == {"lon", "lat", "symbol"}
    assert symbols["characterSet"] == "".join(s for _, s in maps.WWTP_STYLE.values())


def test_every_map_deck_uses_the_drawn_outlines():
    forest = query.run_query("forest_by_district", year=2025)
    units = maps.commune_points(places.communes_frame(), "vi")
    for deck in (
        _sites_deck(),
        maps.forest_deck(forest, 2025, "vi", (), 37.0),
        maps.communes_deck(units, "vi", ()),
    ):
        districts = json.loads(deck.to_json())["layers"][0]["data"]
        assert _vertices(districts) == _vertices(maps.drawn_district_geojson())


def test_a_map_deck_is_shared_per_data_version_year_language_and_districts(monkeypatch):
    monkeypatch.setattr(data, "current_source", sources.published)
    monkeypatch.setenv(maps.BASEMAP_ENV, "off")
    data._map_deck.clear()
    filters = Filters()
    first = data.load_map_deck("forest", 2025, filters)
    assert data.load_map_deck("forest", 2025, filters) is first  # built once, shared
    for other in (
        data.load_map_deck("forest", 2024, filters),
        data.load_map_deck("forest", 2025, Filters(lang="en")),
        data.load_map_deck("forest", 2025, Filters(districts=("219",))),
        data.load_map_deck("sites", 2025, filters),
    ):
        assert other is not first
    newer = dataclasses.replace(sources.published(), version="a newer version")
    monkeypatch.setattr(data, "current_source", lambda: newer)
    without_basemap = data.load_map_deck("forest", 2025, filters)
    assert without_basemap is not first
    monkeypatch.setenv(maps.BASEMAP_ENV, "on")
    with_basemap = data.load_map_deck("forest", 2025, filters)
    assert "carto" in with_basemap.to_json() and "carto" not in without_basemap.to_json()
    data._map_deck.clear()


def test_a_short_table_escapes_every_cell_and_writes_numbers_in_the_language(monkeypatch):
    drawn = []
    monkeypatch.setattr(components.st, "html", drawn.append)
    hostile = "<img src=x onerror=alert(1)>"
    frame = maps.forest_table(query.run_query("forest_by_district", year=2020), "vi")
    frame.loc[0, "source_title"] = hostile
    components.short_table(frame, "vi", maps.FOREST_DECIMALS)
    (body,) = drawn
    assert hostile not in body and html.escape(hostile) in body
    assert body.count("<tr>") == len(frame) + 1
    assert "<td style='text-align:right'>71,8</td>" in body  # Sơn Động's cover, in Vietnamese
