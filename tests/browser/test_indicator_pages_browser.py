"""Indicator pages and group summaries in real chromium: every indicator's page opens from its
URL (both languages), a summary's link lands on the right indicator, a district chosen in the
sidebar updates the summary, and the pages at a laptop's and a projector's size (screenshots
issue14-*.png in test-artifacts/, copied to docs/screenshots/)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import (
    ARTIFACTS,
    click_language,
    multiples_picture,
    no_traceback,
    wait_for_app,
)
from ttx_data import catalog

FIRST_OF_GROUP = {
    group: next(i for i in catalog.indicators() if i.group == group) for group in catalog.GROUPS
}


def _title(page) -> str:
    heading = page.locator("[data-testid='stMain'] h1").first
    heading.wait_for(timeout=30000)
    return heading.inner_text().strip()


def _no_error(page, where: str) -> None:
    """No traceback, and no error the page's guard turned into a message."""
    no_traceback(page, where)
    errors = page.locator("[data-testid='stAlertContentError']")
    assert not errors.count(), f"{where}: {errors.first.inner_text()[:300]}"


def _query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_every_indicator_page_opens_from_its_url(app_url, page):
    for indicator in catalog.indicators():
        page.goto(f"{app_url}/indicator?id={indicator.indicator_id}&lang=vi")
        wait_for_app(page)
        expected = f"{indicator.label} · {indicator.name('vi')}"
        page.wait_for_function(
            "t => document.querySelector('[data-testid=stMain] h1')?.innerText.trim() === t",
            arg=expected,
            timeout=30000,
        )
        _no_error(page, indicator.indicator_id)
        assert _query(page)["id"] == indicator.indicator_id


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_one_indicator_of_each_group_opens_in_both_languages_with_its_charts(app_url, page, lang):
    for indicator in FIRST_OF_GROUP.values():
        page.goto(f"{app_url}/indicator?id={indicator.indicator_id}&lang={lang}")
        wait_for_app(page)
        assert _title(page) == f"{indicator.label} · {indicator.name(lang)}"
        page.wait_for_function("() => document.querySelectorAll('.vega-embed svg').length >= 1")
        _no_error(page, f"{indicator.indicator_id} in {lang}")
    page.goto(f"{app_url}/indicator?id=no_such_indicator&lang={lang}")
    wait_for_app(page)
    assert _title(page) == ("Indicator not found" if lang == "en" else "Không tìm thấy chỉ tiêu")
    _no_error(page, "an unknown id")


def test_a_summary_link_lands_on_its_indicator_with_the_filters(app_url, page):
    page.goto(f"{app_url}/lifestyle?district=222&lang=en")
    wait_for_app(page)
    row = page.locator("tr[data-indicator='t09_urban_solid_waste_treated_share']")
    row.wait_for(timeout=30000)
    row.locator("th a").click()
    page.wait_for_url("**/indicator?**", timeout=30000)
    wait_for_app(page)
    indicator = catalog.indicator("t09_urban_solid_waste_treated_share")
    assert _title(page) == f"{indicator.label} · {indicator.name('en')}"
    query = _query(page)
    assert query["id"] == indicator.indicator_id
    assert query["district"] == "222" and query["lang"] == "en"
    page.get_by_text("Viet Yen").first.wait_for(timeout=30000)  # its status line
    _no_error(page, "the indicator page opened from the summary")
    click_language(page, "Tiếng Việt")  # the page, its id and the district stay
    page.wait_for_function(
        "t => document.querySelector('[data-testid=stMain] h1')?.innerText.trim() === t",
        arg=f"{indicator.label} · {indicator.name('vi')}",
        timeout=30000,
    )
    assert _query(page)["id"] == indicator.indicator_id and _query(page)["district"] == "222"
    _no_error(page, "the indicator page in Vietnamese")


def test_choosing_a_district_updates_the_summary(app_url, page):
    page.goto(f"{app_url}/economy?lang=vi")
    wait_for_app(page)
    table = page.locator("table.ttx-summary")
    table.wait_for(timeout=30000)
    assert "Huyện đã chọn" not in table.inner_text()
    province = multiples_picture(page)
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] input").click()
    page.keyboard.type("Lục Ngạn")
    page.get_by_role("option", name="Lục Ngạn (219)").wait_for(timeout=15000)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "district=219" in url, timeout=20000)
    page.wait_for_function(
        "() => document.querySelector('table.ttx-summary')?.innerText.includes('Huyện đã chọn')",
        timeout=20000,
    )
    text = page.locator("table.ttx-summary").inner_text()
    assert "Lục Ngạn:" in text.replace("\u2060", "")
    # the small multiples drawn again with the chosen district's lines (what they draw:
    # tests/test_chart_pictures.py), fetched and shown
    chosen = multiples_picture(page, before=province["src"], timeout_ms=20000)
    assert chosen["drawn"] == 2 * chosen["width"]  # sharp on a high-density screen
    assert page.locator(".ttx-multiples img").is_visible()
    _no_error(page, "after choosing a district")


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (1280, 720)])
def test_summary_and_indicator_pages_fit_a_laptop_and_a_projector(browser, app_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{app_url}/economy?lang=vi")
    wait_for_app(page)
    page.locator("table.ttx-summary").wait_for(timeout=30000)
    multiples_picture(page)
    page.wait_for_timeout(800)
    main = page.get_by_test_id("stMain").bounding_box()
    for selector in ("table.ttx-summary", ".ttx-multiples img"):
        box = page.locator(selector).first.bounding_box()
        assert box["x"] + box["width"] <= main["x"] + main["width"] + 1, f"{selector} overflows"
    page.screenshot(path=str(ARTIFACTS / f"issue14-group-summary-{width}.png"))
    page.locator(".ttx-multiples img").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / f"issue14-group-multiples-{width}.png"))  # the picture

    page.goto(f"{app_url}/indicator?id=t05a_forest_cover&district=219&lang=vi")
    wait_for_app(page)
    page.wait_for_function("() => document.querySelectorAll('.vega-embed svg').length >= 2")
    page.wait_for_timeout(800)
    _no_error(page, "the indicator page")
    page.screenshot(path=str(ARTIFACTS / f"issue14-indicator-{width}.png"))
    context.close()
