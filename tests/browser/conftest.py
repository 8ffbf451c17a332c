"""Real-browser fixtures: the app served by `streamlit run` and Debian chromium driven by Playwright."""

from __future__ import annotations

from pathlib import Path

import pytest

from ttx_data.local_server import CHROMIUM, CHROMIUM_ARGS, AppDidNotStart, serve_app
from ttx_data.paths import PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_snapshots(tmp_path_factory) -> Path:
    """Where the served app keeps snapshots during the tests (not the project's snapshots/)."""
    return tmp_path_factory.mktemp("snapshots")


@pytest.fixture(scope="session")
def app_url(browser_snapshots):
    """The app served on a free local port from the bundled data, basemap off (tests run offline)."""
    env = {"TTX_BASEMAP": "off", "TTX_SNAPSHOTS_DIR": str(browser_snapshots)}
    try:
        with serve_app(ARTIFACTS / "streamlit.log", env=env) as url:
            yield url
    except AppDidNotStart as failure:
        pytest.fail(str(failure))


@pytest.fixture(scope="session")
def browser():
    """Debian chromium under Playwright; fails (never skips) when chromium is missing."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Debian chromium is missing at {CHROMIUM}: install it with `apt-get install -y chromium`"
            " (`make test` does this when it runs as root), or set TTX_CHROMIUM to its path."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A fresh page at a projector-like 1280×900 viewport."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    opened = context.new_page()
    yield opened
    context.close()


def wait_for_app(page, timeout_ms: int = 30000) -> None:
    """Wait until Streamlit has finished running the script and painted the page."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelector('[data-testid=\"stMainBlockContainer\"]')",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(300)


def click_language(page, label: str) -> None:
    """Switch the language with the sidebar's control ("English" or "Tiếng Việt")."""
    switch = page.get_by_test_id("stSidebar").get_by_test_id("stButtonGroup")
    switch.get_by_text(label, exact=True).click()
    page.wait_for_timeout(400)
    wait_for_app(page)
    lang = "en" if label == "English" else "vi"
    # under load the rerun may start after the first wait: wait for the link to follow the click
    page.wait_for_function(
        "l => new URL(location.href).searchParams.get('lang') === l", arg=lang, timeout=30000
    )
    wait_for_app(page)


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot in test-artifacts/ for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"] *')]"
        ".map(e => e.scrollHeight), document.body.scrollHeight)"
    )
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 12000)})
    page.wait_for_timeout(400)
    page.screenshot(path=str(path), full_page=True)
    return path
