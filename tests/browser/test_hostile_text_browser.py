"""Text from a link or a stored name is shown as typed on every page, never as a link or an image."""

from __future__ import annotations

from urllib.parse import quote, urlparse

from tests.browser.conftest import screenshot, wait_for_app
from ttx_data import snapshots
from ttx_data.local_server import SIDEBAR_PAGE_PATHS

LINK_TEXT = "[Đăng nhập lại](https://evil.example/login)"
IMAGE_TEXT = "![x](http://127.0.0.1:9/beacon.png)"
SNAPSHOT_NAME = "Họp **BCĐ** [bấm đây](https://evil.example/s) ![b](http://127.0.0.1:9/beacon2.png)"


def _assert_inert(page, where: str, requested: list[str]) -> None:
    main = page.get_by_test_id("stMain")
    assert not main.locator("a[href*='evil.example']").count(), f"{where}: a link was rendered"
    assert not page.locator("img[src*='beacon']").count(), f"{where}: an image was rendered"
    fetched = [u for u in requested if "beacon" in urlparse(u).path]
    assert not fetched, f"{where}: the page fetched {fetched}"
    assert not page.locator("[data-testid='stException']").count(), where


def test_a_hostile_link_is_shown_as_text_on_every_page_and_in_presenter_mode(app_url, page):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    query = f"lang=vi&sector={quote(LINK_TEXT)}&district={quote(IMAGE_TEXT)}"
    for path in (*SIDEBAR_PAGE_PATHS, "present"):
        extra = "&present=1" if path == "present" else ""
        page.goto(f"{app_url}/{path}?{query}{extra}")
        wait_for_app(page)
        page.locator("[data-testid='stAlertContentWarning']").first.wait_for(timeout=20000)
        wait_for_app(page)
        notices = page.locator("[data-testid='stAlertContentWarning']").all_inner_texts()
        shown = "\n".join(notices).replace("\u2060", "")  # joiners that stop bare links
        assert LINK_TEXT in shown, f"/{path}: {shown[:300]}"  # literally, brackets and all
        assert IMAGE_TEXT in shown, f"/{path}: {shown[:300]}"
        _assert_inert(page, f"/{path}", requested)
    screenshot(page, "hostile-link-present")


def test_a_hostile_snapshot_name_is_shown_as_text(app_url, page, browser_snapshots):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    taken = snapshots.create_snapshot(SNAPSHOT_NAME, root=browser_snapshots)
    for path in ("", "economy", "snapshots"):
        page.goto(f"{app_url}/{path}?lang=vi&snapshot={taken.snapshot_id}")
        wait_for_app(page)
        page.locator("[data-testid='stAlertContentInfo']").first.wait_for(timeout=20000)
        banners = page.locator("[data-testid='stAlertContentInfo']").all_inner_texts()
        banner = "\n".join(banners).replace("\u2060", "")
        assert SNAPSHOT_NAME in banner, f"/{path}: {banner[:300]}"
        _assert_inert(page, f"/{path}", requested)
    screenshot(page, "hostile-snapshot-name")
