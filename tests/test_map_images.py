"""Static PNG maps for the meeting brief: valid images of the slide's shape, drawn in the app's
colours, in both languages, with the district selection visible."""

from __future__ import annotations

import io
import warnings

import matplotlib
import numpy as np
import pytest
from PIL import Image

from ttx_data import map_images, maps, query
from ttx_data.paths import BUNDLED_DATA_DIR

YEAR = 2024
RENDERERS = {"sites": map_images.sites_map_png, "forest": map_images.forest_map_png}


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def _over_white(rgba) -> np.ndarray:
    """What an RGBA fill (0-255) looks like drawn over white, as the app shows it without basemap."""
    alpha = rgba[3] / 255
    return np.array([255 - alpha * (255 - c) for c in rgba[:3]])


def _count(pixels: np.ndarray, rgb: np.ndarray, tolerance: int = 2) -> int:
    return int((np.abs(pixels - rgb) <= tolerance).all(axis=-1).sum())


@pytest.fixture(scope="module")
def bundled():
    """Each map rendered once per language from the bundled data, plus a selection."""
    images = {
        (kind, lang): render(YEAR, lang, directory=BUNDLED_DATA_DIR)
        for kind, render in RENDERERS.items()
        for lang in ("vi", "en")
    }
    for kind, render in RENDERERS.items():
        images[(kind, "selected")] = render(YEAR, "vi", ("220",), BUNDLED_DATA_DIR)
    return images


@pytest.mark.parametrize("kind", sorted(RENDERERS))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_valid_png_of_the_slide_shape(bundled, kind, lang):
    png = bundled[(kind, lang)]
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    image.verify()
    width, height = Image.open(io.BytesIO(png)).size
    assert (width, height) == (1800, 840)  # 12 x 5.6 in at 150 dpi
    assert width / height == pytest.approx(12 / 5.6, rel=0.01)
    pixels = _pixels(png)
    packed = (pixels[..., 0] << 16) | (pixels[..., 1] << 8) | pixels[..., 2]
    assert len(np.unique(packed)) > 50, "the image looks blank"


def test_the_languages_give_different_images(bundled):
    for kind in RENDERERS:
        assert bundled[(kind, "vi")] != bundled[(kind, "en")]


def test_the_dpi_sets_the_pixel_size():
    png = map_images.forest_map_png(YEAR, "vi", directory=BUNDLED_DATA_DIR, dpi=100)
    assert Image.open(io.BytesIO(png)).size == (1200, 560)


def test_forest_districts_carry_the_apps_colours(bundled):
    pixels = _pixels(bundled[("forest", "vi")])
    forest = query.run_query("forest_by_district", BUNDLED_DATA_DIR, year=YEAR)
    below = forest[forest["cover_pct"] < maps.forest_target_pct()]
    above = forest[forest["cover_pct"] >= maps.forest_target_pct()]
    assert len(below) and len(above), "the bundled year should have districts on both sides"
    for row in forest.itertuples():
        colour = _over_white(maps.forest_colour(row.cover_pct, maps.forest_target_pct()))
        assert _count(pixels, colour) > 500, f"district {row.district_code} not filled as the app"
    # the diverging scale: a brown below the target, a green-teal above it
    brown = _over_white(maps.forest_colour(below["cover_pct"].min(), maps.forest_target_pct()))
    teal = _over_white(maps.forest_colour(above["cover_pct"].max(), maps.forest_target_pct()))
    assert brown[0] > brown[2] and teal[1] > teal[0]


def test_sites_map_carries_the_apps_colours(bundled):
    pixels = _pixels(bundled[("sites", "en")])
    coverage = query.run_query("wwtp_coverage_by_district", BUNDLED_DATA_DIR, year=YEAR)
    for row in coverage.itertuples():
        colour = _over_white(maps.coverage_colour(row.coverage_pct))
        assert _count(pixels, colour) > 300, f"district {row.district_code} not shaded as the app"
    for status, (rgb, _symbol) in maps.WWTP_STYLE.items():
        assert _count(pixels, _over_white((*rgb, 230)), tolerance=3) > 30, f"{status} missing"


def test_a_selection_fades_the_other_districts(bundled):
    for kind in RENDERERS:
        assert bundled[(kind, "selected")] != bundled[(kind, "vi")]
    forest = query.run_query("forest_by_district", BUNDLED_DATA_DIR, year=YEAR)
    other = forest[forest["district_code"] != "220"].iloc[0]
    full = _over_white(maps.forest_colour(other.cover_pct, maps.forest_target_pct()))
    faded = _over_white([*maps.forest_colour(other.cover_pct, maps.forest_target_pct())[:3], 50])
    whole, selected = _pixels(bundled[("forest", "vi")]), _pixels(bundled[("forest", "selected")])
    assert _count(selected, faded) > 500 > _count(selected, full)
    assert _count(whole, full) > 500 > _count(whole, faded)


def test_a_selection_keeps_only_its_sites(bundled):
    def site_pixels(png):
        pixels = _pixels(png)
        return sum(
            _count(pixels, np.array(rgb), tolerance=40) for rgb, _ in maps.WWTP_STYLE.values()
        )

    assert site_pixels(bundled[("sites", "selected")]) < site_pixels(bundled[("sites", "vi")])


def test_same_arguments_same_bytes():
    first = map_images.sites_map_png(YEAR, "vi", directory=BUNDLED_DATA_DIR, dpi=60)
    assert map_images.sites_map_png(YEAR, "vi", directory=BUNDLED_DATA_DIR, dpi=60) == first


def test_vietnamese_renders_without_missing_glyphs_or_global_changes():
    before = dict(matplotlib.rcParams)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for render in RENDERERS.values():
            render(2020, "vi", ("219",), BUNDLED_DATA_DIR, dpi=60)
    assert not [w for w in caught if "glyph" in str(w.message).lower()]
    assert dict(matplotlib.rcParams) == before


def test_tiny_data_dir_with_missing_districts(tiny_data_dir):
    for render in RENDERERS.values():
        for year in (2021, 2030):  # a year with two districts, a year with no rows at all
            png = render(year, "en", directory=tiny_data_dir, dpi=50)
            assert Image.open(io.BytesIO(png)).size == (600, 280)
    pixels = _pixels(map_images.forest_map_png(2021, "vi", directory=tiny_data_dir, dpi=50))
    assert _count(pixels, _over_white(maps.forest_colour(71.9, maps.forest_target_pct()))) > 50
