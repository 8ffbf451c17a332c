"""Ordinary clicks back and forth in Chromium: the language switched twice on every page, presenter
mode entered and left; nothing crashes and the reader's choices survive."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import click_language, screenshot, wait_for_app
from ttx_data import snapshots
from ttx_data.local_server import SIDEBAR_PAGE_PATHS


@pytest.fixture(scope="module")
def snapshot_id(browser_snapshots) -> str:
    return snapshots.create_snapshot(
        "Ảnh chụp thử vòng ngôn ngữ", root=browser_snapshots
    ).snapshot_id


def _no_traceback(page, where: str) -> None:
    errors = page.locator("[data-testid='stException']")
    assert not errors.count(), f"{where}: {errors.first.inner_text()[:300]}"


def _query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_language_round_trip_on_every_page_keeps_districts_sector_and_snapshot(
    app_url, page, snapshot_id
):
    chosen = {"district": "219", "sector": "energy", "snapshot": snapshot_id}
    sidebar = page.get_by_test_id("stSidebar")
    for path in SIDEBAR_PAGE_PATHS:
        page.goto(f"{app_url}/{path}?lang=vi&district=219&sector=energy&snapshot={snapshot_id}")
        wait_for_app(page)
        for label, lang in (
            ("English", "en"),
            ("Tiếng Việt", "vi"),
            ("Tiếng Việt", "vi"),  # the language already chosen
            ("English", "en"),
        ):
            click_language(page, label)
            where = f"/{path} after {label}"
            _no_traceback(page, where)
            query = _query(page)
            assert query["lang"] == lang, where
            assert {k: query.get(k) for k in chosen} == chosen, where
            sector = "Energy" if lang == "en" else "Năng lượng"
            page.wait_for_function(  # the sidebar's widgets are redrawn after the language
                "s => [...document.querySelectorAll('[data-testid=stSidebar] input')]"
                ".some(i => i.value === s)",
                arg=sector,
                timeout=20000,
            )
            boxes = sidebar.get_by_role("combobox")
            shown = [boxes.nth(i).input_value() for i in range(boxes.count())]
            text = sidebar.inner_text() + "\n".join(shown)
            if lang == "en":
                assert "Energy" in text and "Năng lượng" not in text, where
                assert "Ảnh chụp thử vòng ngôn ngữ" in text and "Dữ liệu hiện tại" not in text
                assert "Luc Ngan (219)" in text, where
            else:
                assert "Năng lượng" in text and "Energy" not in text, where
                assert "Lục Ngạn (219)" in text, where
        screenshot(page, f"round-trip-{path or 'overview'}-en")


def test_leaving_presenter_mode_returns_to_the_app_with_the_filters(app_url, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{app_url}/economy?lang=vi&district=219&sector=energy")
    wait_for_app(page)
    for round_trip in range(2):
        page.get_by_test_id("stSidebar").get_by_text("Trình chiếu", exact=True).click()
        page.get_by_role("button", name="Tiếp").wait_for(timeout=20000)
        wait_for_app(page)
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "() => document.querySelector('[data-testid=ttx-slide-number]')?.innerText"
            ".startsWith('Trang 2/')",
            timeout=20000,
        )
        assert not page.get_by_test_id("stSidebar").is_visible()
        page.get_by_role("button", name="Thoát trình chiếu").click()
        page.get_by_test_id("stSidebar").wait_for(state="visible", timeout=20000)
        wait_for_app(page)
        _no_traceback(page, f"after leaving presenter mode ({round_trip + 1})")
        query = _query(page)
        assert "present" not in query
        assert query.get("district") == "219" and query.get("sector") == "energy"
        assert page.get_by_test_id("stSidebar").is_visible()
        screenshot(page, f"left-presenter-{round_trip + 1}")
        page.get_by_test_id("stSidebar").get_by_text("Bản đồ che phủ rừng").click()
        page.wait_for_timeout(400)
        wait_for_app(page)
        _no_traceback(page, "the page opened after presenter mode")
    context.close()
