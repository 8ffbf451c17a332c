"""The overview in real chromium: every target of the plan is on screen, in both languages."""

from __future__ import annotations

import re

from tests.browser.conftest import screenshot, wait_for_app
from ttx_data.catalog import indicators


def _wait_for_the_scorecard(page) -> None:
    """The three groups' tables drawn (under load the page arrives block by block)."""
    page.wait_for_function(
        "() => document.querySelectorAll('table.ttx-scorecard').length >= 3", timeout=60000
    )
    wait_for_app(page)


def _scorecard_rows(page) -> dict[str, str]:
    rows = page.locator("table.ttx-scorecard tbody tr")
    return {
        rows.nth(i).get_attribute("data-indicator"): rows.nth(i).inner_text()
        for i in range(rows.count())
    }


def test_overview_shows_all_15_targets_with_status_and_banner(app_url, page):
    page.goto(app_url + "/?lang=vi")
    wait_for_app(page)
    _wait_for_the_scorecard(page)
    rows = _scorecard_rows(page)

    assert set(rows) == {i.indicator_id for i in indicators()}
    labels = {re.match(r"\s*([0-9]+(?:\.[0-9])?)", text).group(1) for text in rows.values()}
    assert {str(n) for n in range(1, 16)} <= {label.rstrip("abcde") for label in labels}
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "Bảng theo dõi các mục tiêu đến năm 2030" in body
    assert "số liệu minh họa" in body
    assert "Số liệu đến năm 2026 · dữ liệu thay đổi lần cuối ngày 24/11/2026" in body
    # Vietnamese number format in the forest cover row: 37,8% style decimal comma
    assert re.search(r"\d+,\d%", rows["t05a_forest_cover"])
    screenshot(page, "overview-vi")


def test_overview_in_english(app_url, page):
    page.goto(app_url + "/?lang=en")
    wait_for_app(page)
    _wait_for_the_scorecard(page)
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "Scorecard of the 2030 targets" in body
    assert "illustrative data" in body
    rows = _scorecard_rows(page)
    assert len(rows) == len(indicators())
    assert re.search(r"\d+\.\d%", rows["t05a_forest_cover"])
    screenshot(page, "overview-en")


def test_every_page_opens_in_both_languages(app_url, page):
    expected_text = {
        "indicator_catalog": {"vi": "phần III", "en": "section III"},
        "methodology": {"vi": "Đúng tiến độ", "en": "On track"},
        "about": {"vi": "CC BY 3.0 IGO", "en": "CC BY 3.0 IGO"},
    }
    for lang in ("vi", "en"):
        for path, texts in expected_text.items():
            page.goto(f"{app_url}/{path}?lang={lang}")
            wait_for_app(page)
            page.get_by_text(texts[lang]).first.wait_for(timeout=20000)
            assert not page.locator("[data-testid='stException']").count()
            screenshot(page, f"{path}-{lang}")
