"""The commune page in real chromium: the points and district polygons drawn on the map canvas,
the table shown, no exception, in Vietnamese and in English with a district chosen."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, wait_for_app
from tests.browser.test_maps_browser import DECK, _coloured_pixels, _open_map


@pytest.mark.parametrize(
    ("query", "title", "rows", "name"),
    [
        ("lang=vi", "Xã, phường từ 1/7/2025", "58 xã, phường", "communes-vi"),
        ("lang=en&district=219", "Communes and wards from 1/7/2025", "11 communes and wards",
         "communes-en-219"),
    ],
)  # fmt: skip
def test_commune_page_draws_points_and_table(app_url, page, query, title, rows, name):
    _open_map(page, f"{app_url}/communes?{query}")
    wait_for_app(page)
    page.get_by_role("heading", name=title).first.wait_for()
    assert _coloured_pixels(page) > 3000
    page.get_by_text(rows).first.wait_for()
    assert page.locator("[data-testid='stDataFrame']").count() == 1
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator(f"{DECK} canvas").count() >= 1
    screenshot(page, name)
