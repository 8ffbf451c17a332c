"""The geodata under the maps: 10 valid district polygons keyed by GSO code, every site inside its
district, every code joined to the observations; and the map decks built from them."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from shapely.geometry import Point, shape

from ttx_data import geography, maps, query
from ttx_data.paths import BUNDLED_DATA_DIR

CODES = ["213", "215", "216", "217", "218", "219", "220", "221", "222", "223"]


@pytest.fixture(scope="module")
def polygons() -> dict:
    collection = maps.district_geojson()
    return {f["properties"]["district_code"]: shape(f["geometry"]) for f in collection["features"]}


def test_ten_valid_district_polygons_with_gso_codes(polygons):
    assert sorted(polygons) == CODES == geography.district_codes()
    for code, polygon in polygons.items():
        assert polygon.is_valid, code
        assert polygon.geom_type == "Polygon"
    areas = geography.load_districts().set_index("district_code")["area_km2"]
    assert areas.sum() == pytest.approx(3889.69, abs=0.1)


def test_districts_do_not_overlap(polygons):
    items = list(polygons.items())
    for i, (code_a, a) in enumerate(items):
        for code_b, b in items[i + 1 :]:
            assert a.intersection(b).area < 1e-6, (code_a, code_b)


def test_every_site_lies_inside_its_district(polygons):
    sites = pd.read_parquet(BUNDLED_DATA_DIR / "sites.parquet")
    assert len(sites) > 0
    for site in sites.itertuples():
        assert polygons[site.district_code].contains(Point(site.lon, site.lat)), site.name


def test_every_code_joins_to_the_observations():
    observations = pd.read_parquet(BUNDLED_DATA_DIR / "observations.parquet")
    district_rows = observations[observations["area_level"] == "district"]
    assert set(district_rows["area_code"]) == set(CODES)
    forest = pd.read_parquet(BUNDLED_DATA_DIR / "forest.parquet")
    assert set(forest["district_code"]) == set(CODES)
    sites = pd.read_parquet(BUNDLED_DATA_DIR / "sites.parquet")
    assert set(sites["district_code"]) <= set(CODES)


def test_the_boundary_attribution_travels_with_the_data():
    collection = json.loads((BUNDLED_DATA_DIR / "geo" / "districts.geojson").read_text())
    assert all("CC BY 3.0 IGO" in f["properties"]["source"] for f in collection["features"])
    assert "CC BY 3.0 IGO" in geography.BOUNDARY_ATTRIBUTION["en"]


def test_view_fits_the_province():
    view = maps.province_view()
    assert 105.88 < view.longitude < 107.03 and 21.12 < view.latitude < 21.63


def test_basemap_switch(monkeypatch):
    monkeypatch.setenv(maps.BASEMAP_ENV, "off")
    assert not maps.basemap_enabled()
    forest = query.run_query("forest_by_district", year=2025)
    spec = maps.forest_deck(forest, 2025, "vi", (), maps.forest_target_pct()).to_json()
    deck = json.loads(spec)
    # no style and no provider: Streamlit draws no basemap, requests nothing, and does not fall
    # back to CARTO
    assert deck["mapStyle"] == maps.NO_BASEMAP and "mapProvider" not in deck
    assert "http" not in spec and "carto" not in spec
    monkeypatch.setenv(maps.BASEMAP_ENV, "on")
    assert maps.basemap_enabled()
    deck = json.loads(maps.forest_deck(forest, 2025, "vi", (), maps.forest_target_pct()).to_json())
    assert deck["mapProvider"] == "carto" and "carto" in deck["mapStyle"]


def test_site_points_and_gap_list_for_a_year():
    sites = query.run_query("sites_in_year", year=2022)
    points = maps.site_points(sites, 2022, "vi")
    assert {"colour", "symbol", "radius_m", "detail"} <= set(points.columns)
    first = points.iloc[0]
    assert "vị trí điểm: minh họa" in first["detail"] and "(2022)" in first["detail"]
    gaps = maps.sites_without_treatment(points, "vi")
    operating_without = points[points["operating"] & (points["wwtp_status"] != "operating")]
    assert len(gaps) == len(operating_without)
    ccn_gaps = gaps[gaps["kind"] == "CCN"]
    assert len(ccn_gaps) == 9  # the reference's "9 CCN without central treatment", in 2022


def test_district_shading_follows_coverage_and_target():
    assert maps.coverage_colour(None)[:3] == [225, 225, 225]
    assert maps.coverage_colour(100)[:3] == [8, 81, 156]
    below, above = maps.forest_colour(10, 37.0), maps.forest_colour(60, 37.0)
    assert below[0] > below[1] and above[1] > above[0]  # brown below 37 %, green above
    forest = query.run_query("forest_by_district", year=2020)
    properties = maps.forest_features(forest, "en", maps.forest_target_pct())
    assert "71.8%" in properties["220"]["detail"] and "official" in properties["220"]["detail"]
    coverage = query.run_query("wwtp_coverage_by_district", year=2025)
    deck = json.loads(
        maps.sites_deck(
            maps.site_points(query.run_query("sites_in_year", year=2025), 2025, "en"),
            coverage,
            2025,
            "en",
            ("223",),
        ).to_json()
    )
    features = deck["layers"][0]["data"]["features"]
    chosen = [f for f in features if f["properties"]["district_code"] == "223"][0]
    other = [f for f in features if f["properties"]["district_code"] == "213"][0]
    assert (
        chosen["properties"]["line_width"] > other["properties"]["line_width"]
        and other["properties"]["fill"][3] == 50
    )


def test_map_tooltips_break_lines_without_markup_and_stay_in_the_map():
    sites = query.run_query("sites_in_year", year=2022)
    forest = query.run_query("forest_by_district", year=2020)
    details = [
        *maps.site_points(sites, 2022, "vi")["detail"],
        *(
            p["detail"]
            for p in maps.forest_features(forest, "vi", maps.forest_target_pct()).values()
        ),
    ]
    for detail in details:
        # Streamlit HTML-escapes the values it puts in the template: markup would show as text
        assert "<" not in detail and "&lt;" not in detail, detail
    assert all("\n" in detail for detail in details)
    style = maps.TOOLTIP["style"]
    assert style["whiteSpace"] == "pre-line"  # the newlines break the lines
    # a box in the map's corner, not at the cursor, where the map's edge cut it off
    assert style["transform"] == "none" and style["top"] == style["left"] == "8px"
    assert "{detail}" in maps.TOOLTIP["html"]
