"""Real-browser fixtures: the app served by `streamlit run` and Debian chromium driven by Playwright."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ttx_data import accounts, datasets
from ttx_data.accounts import Actor
from ttx_data.local_server import CHROMIUM, CHROMIUM_ARGS, AppDidNotStart, serve_app
from ttx_data.paths import BUNDLED_DATA_DIR, PROJECT_ROOT
from ttx_data.store import database

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


@contextmanager
def app_with_own_store(root: Path, people: dict, password: str, snapshots_dir: Path,
                       log_name: str) -> Iterator[tuple[str, object]]:  # fmt: skip
    """The app served on a writable copy of the bundled data (`root`/data: accepting a report
    publishes into it) and a store of its own holding `people` (username -> role, agency,
    display name; all with `password`); yields its URL and the store's engine."""
    data = root / "data"
    data.mkdir()
    for name in [d.file for d in datasets.ALL] + [datasets.METADATA_FILE]:
        shutil.copyfile(BUNDLED_DATA_DIR / name, data / name)
    url = f"sqlite:///{root / 'ttx.sqlite3'}"
    engine = database.ensure_schema(url)
    for name, (role, agency, display) in people.items():
        accounts.add_account(engine, name, role=role, agency_code=agency, password=password,
                             display_name=display, actor=Actor.operator())  # fmt: skip
    env = {"TTX_DATA_DIR": str(data), "TTX_DATABASE_URL": url, "TTX_BASEMAP": "off",
           "TTX_SNAPSHOTS_DIR": str(snapshots_dir)}  # fmt: skip
    try:
        with serve_app(ARTIFACTS / log_name, env=env) as served:
            yield served, engine
    except AppDidNotStart as failure:
        pytest.fail(str(failure))


def sign_in_as(page, url: str, name: str, password: str, shown: str) -> None:
    """Sign in on the sign-in page (in Vietnamese) and wait until the sidebar shows `shown`."""
    page.goto(f"{url}/sign_in?lang=vi")
    wait_for_app(page, 60000)
    main = page.get_by_test_id("stMain")
    main.locator("input[type='password']").wait_for(timeout=30000)
    main.get_by_role("textbox").nth(0).fill(name)
    main.locator("input[type='password']").fill(password)
    main.get_by_test_id("stBaseButton-secondaryFormSubmit").click()
    page.get_by_test_id("stSidebar").get_by_text(shown, exact=False).wait_for(timeout=30000)
    page.wait_for_timeout(1500)  # the session cookie is written by the page


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


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, for the page fixture to see a failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, request):
    """A fresh page at a projector-like 1280×900 viewport; when the test fails, what the page
    showed is saved as test-artifacts/failed-<test>.png for whoever reads the failure."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    opened = context.new_page()
    yield opened
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        name = "".join(c if c.isalnum() or c in "-_" else "-" for c in request.node.name)
        try:
            ARTIFACTS.mkdir(exist_ok=True)
            opened.screenshot(path=str(ARTIFACTS / f"failed-{name[:120]}.png"), full_page=True)
        except Exception as error:  # noqa: BLE001  (a page that cannot be shot must not hide the failure)
            print(f"no screenshot of the failed page: {error}")
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


def no_traceback(page, where: str) -> None:
    """No Streamlit exception box on the page (`where` names the step in the failure)."""
    errors = page.locator("[data-testid='stException']")
    assert not errors.count(), f"{where}: {errors.first.inner_text()[:300]}"


MULTIPLES_PICTURE = """(before) => {
  const img = document.querySelector('.ttx-multiples img');
  if (!img || !img.complete || !img.naturalWidth || img.getAttribute('src') === before) return null;
  return {src: img.getAttribute('src'), drawn: img.naturalWidth,
          width: Number(img.getAttribute('width')), alt: img.alt};
}"""


def multiples_picture(page, before: str | None = None, timeout_ms: int = 30000) -> dict:
    """A group page's small multiples (a picture drawn on the server), once fetched and decoded
    (a picture that fails to load never is): its address (`src`, other than `before`), its width
    drawn (`drawn`, image pixels) and its own width on the page (`width`, CSS pixels, before a
    narrow window scales it down), its `alt` text."""
    return page.wait_for_function(MULTIPLES_PICTURE, arg=before, timeout=timeout_ms).json_value()
