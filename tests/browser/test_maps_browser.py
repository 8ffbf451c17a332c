"""The maps in real chromium with the basemap off: the district polygons and site points are drawn
on the map canvas, and a click on a district selects it for the app."""

from __future__ import annotations

import io

from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import ARTIFACTS, screenshot, wait_for_app

DECK = "[data-testid='stDeckGlJsonChart']"
DECK_CANVAS = f"{DECK} canvas"  # basemap off: deck.gl's own canvas only


def _coloured_pixels(page) -> int:
    """Pixels of the map that are neither white nor grey: polygons and points drawn."""
    image = Image.open(io.BytesIO(page.locator(DECK).first.screenshot())).convert("RGB")
    return sum(
        1
        for r, g, b in image.get_flattened_data()
        if max(r, g, b) - min(r, g, b) > 25 and (r + g + b) < 720
    )


def _open_map(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.locator(f"{DECK} canvas").first.wait_for(timeout=30000)
    page.wait_for_timeout(2500)  # deck.gl draws after the canvas exists


def test_sites_map_draws_districts_and_points_without_basemap(app_url, page):
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((app_url, "data:", f"blob:{app_url}"))
            else None
        ),
    )
    _open_map(page, f"{app_url}/sites_map?lang=vi")
    assert outside == [], f"requests left the app with the basemap off: {outside[:5]}"
    assert page.get_by_text("Nền bản đồ đang tắt").count()
    assert _coloured_pixels(page) > 5000
    screenshot(page, "sites-map-vi-2025")
    page.get_by_text("KCN/CCN đang hoạt động chưa có XLNT tập trung").first.wait_for()


def test_forest_map_in_english_and_another_year(app_url, page):
    _open_map(page, f"{app_url}/forest_map?lang=en")
    assert _coloured_pixels(page) > 5000
    screenshot(page, "forest-map-en-2025")
    slider = page.get_by_role("slider").last
    slider.focus()
    for _ in range(5):
        slider.press("ArrowLeft")
    page.wait_for_timeout(2500)
    wait_for_app(page)
    page.get_by_text("Forest by district, 2020").first.wait_for(timeout=20000)
    screenshot(page, "forest-map-en-2020")


def test_clicking_a_district_on_the_map_filters_the_app(app_url, page):
    _open_map(page, f"{app_url}/forest_map?lang=vi")
    box = page.locator(DECK).first.bounding_box()
    page.evaluate(f"() => document.querySelector({DECK_CANVAS!r}).ttx = 1")
    # the middle of the view, inside the province (the view is centred on it); under load the
    # map may draw before it can be picked, so a click that selects nothing is made again
    for attempt in range(3):
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            page.wait_for_url(lambda url: "district=" in url, timeout=10000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            wait_for_app(page)
    wait_for_app(page)
    # the map took the district in place: the same deck.gl canvas, not a new one drawn from scratch
    assert page.evaluate(f"() => document.querySelector({DECK_CANVAS!r}).ttx") == 1
    screenshot(page, "forest-map-vi-after-click")

    # the map's "clear selection" (×) clears the district its click chose
    page.locator(DECK).hover()
    page.get_by_role("button", name="Clear selection").click()
    page.wait_for_url(lambda url: "district=" not in url, timeout=20000)
    wait_for_app(page)
    assert not page.locator("[data-testid=stSidebar] [data-tag]").count()


def test_forest_map_tooltip_breaks_lines_and_stays_inside_the_map(app_url, page):
    _open_map(page, f"{app_url}/forest_map?lang=vi")
    deck = page.locator(DECK).first
    box = deck.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.55)  # Sơn Động
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for(state="visible", timeout=10000)
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "forest-map-vi-tooltip.png"))
    html = tooltip.inner_html()
    assert "&lt;" not in html and "<br/>" not in tooltip.inner_text(), html
    assert "Che phủ rừng" in html and "\n" in tooltip.inner_text()
    inside = tooltip.bounding_box()
    assert inside["x"] >= box["x"] and inside["x"] + inside["width"] <= box["x"] + box["width"]
    assert inside["y"] >= box["y"] and inside["y"] + inside["height"] <= box["y"] + box["height"]
