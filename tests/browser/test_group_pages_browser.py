"""Group pages in real chromium: a shared link shows a district's data, the filter survives a move
to another page, clicking a district's bar (on an indicator's page) filters the app, and every
page renders in both languages."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from tests.browser.conftest import multiples_picture, no_traceback, screenshot, wait_for_app
from ttx_data import geography

CHIPS = (
    "() => [...document.querySelectorAll('[data-testid=stSidebar] [data-tag]')]"
    ".map(e => e.getAttribute('aria-label'))"
)


def _chips(page) -> list[str]:
    """The districts chosen in the sidebar's multiselect (waits for them to be drawn)."""
    page.wait_for_function(f"() => ({CHIPS})().length > 0", timeout=15000)
    return page.evaluate(CHIPS)


def test_shared_link_shows_luc_ngan_and_survives_a_page_move(app_url, page):
    page.goto(f"{app_url}/economy?district=219&lang=vi")
    wait_for_app(page)
    page.get_by_text("Lục Ngạn:").first.wait_for(timeout=30000)
    assert any("Lục Ngạn" in chip for chip in _chips(page))
    main = page.locator("[data-testid='stMain']").inner_text()
    assert "Lục Ngạn" in main and "Huyện đã chọn" in main  # the summary's column of districts
    picture = multiples_picture(page)  # the small multiples, fetched and decoded
    assert picture["alt"].startswith("Biểu đồ nhỏ theo từng chỉ tiêu")  # described in Vietnamese
    screenshot(page, "economy-vi-district-219")

    page.locator("[data-testid='stSidebarNav'] a", has_text="Lối sống xanh").click()
    page.wait_for_url("**/lifestyle**")
    wait_for_app(page)
    page.get_by_text("Lục Ngạn:").first.wait_for(timeout=30000)
    assert "district=219" in page.url and "lang=vi" in page.url
    assert any("Lục Ngạn" in chip for chip in _chips(page))
    screenshot(page, "lifestyle-vi-district-219")


MARK_CHARTS = "() => document.querySelectorAll('.vega-embed svg.marks').forEach(s => s.ttx = 1)"
CHARTS_KEPT = "() => [...document.querySelectorAll('.vega-embed svg.marks')].map(s => s.ttx === 1)"
LEGEND = (
    "() => [...document.querySelectorAll('.vega-embed')[0]"
    ".querySelectorAll('g.role-legend text')].map(t => t.textContent)"
)


def _ranking_bars(page):
    """The ranking's bars (it follows the progress chart), once drawn and in view."""
    bars = page.locator(".vega-embed").nth(1).locator("g.mark-rect path")  # SVG: a path a bar
    bars.first.wait_for()  # a click scrolls to it; a chart drawn anew meanwhile is waited for
    page.wait_for_timeout(800)  # Vega listens to clicks once the view has run
    return bars


def _bar_of(page, name: str):
    """The ranking's bar of a district (its label names it)."""
    return _ranking_bars(page).and_(page.locator(f"[aria-label*='District: {name};']"))


def test_clicking_a_district_bar_selects_it_for_the_app(app_url, page):
    page.goto(f"{app_url}/indicator?id=t04a_hightech_agriculture_share&sector=agriculture&lang=en")
    wait_for_app(page)
    ranking = page.get_by_text("Districts compared").first
    ranking.wait_for(timeout=30000)
    bar = _ranking_bars(page).first
    page.evaluate(MARK_CHARTS)
    bar.click()
    page.wait_for_url(lambda url: "district=" in url, timeout=20000)
    wait_for_app(page)
    assert len(_chips(page)) == 1
    assert "id=t04a_hightech_agriculture_share" in page.url  # still the same indicator
    code = _district_in(page.url)
    name = geography.district_name(code, "en")
    page.get_by_text(f"{name}:").first.wait_for(timeout=30000)  # its status line
    page.wait_for_function(f"() => ({LEGEND})().includes({name!r})", timeout=15000)
    # both charts took the district's data in place, not drawn anew (same spec, new data)
    assert page.evaluate(CHARTS_KEPT) == [True, True]
    screenshot(page, "indicator-en-after-bar-click")

    # a click beside the bars (the top bar's row, far right: no bar reaches there) undoes it
    row = _ranking_bars(page).first.bounding_box()
    chart = page.locator(".vega-embed").nth(1).bounding_box()
    page.mouse.click(chart["x"] + chart["width"] * 0.85, row["y"] + row["height"] / 2)
    page.wait_for_url(lambda url: "district=" not in url, timeout=20000)
    wait_for_app(page)
    assert not page.locator("[data-testid=stSidebar] [data-tag]").count()


def _add_in_sidebar(page, name: str, code: str) -> None:
    """Add a district to the sidebar's choice (English page)."""
    box = page.locator("[data-testid='stSidebar']").get_by_role("combobox", name="District")
    box.click()
    page.keyboard.type(name)
    page.get_by_role("option", name=f"{name} ({code})").click()
    page.keyboard.press("Escape")


def test_a_bar_clicked_again_after_the_sidebar_changed_the_districts_chooses_it(app_url, page):
    """The sidebar's districts update the charts in place; the ranking keeps its clicked bar
    while its clicks choose, and once the sidebar chose others, a click on that bar again must
    still choose its district."""
    page.goto(f"{app_url}/indicator?id=t04a_hightech_agriculture_share&lang=en")
    wait_for_app(page)
    page.get_by_text("Districts compared").first.wait_for(timeout=30000)
    _ranking_bars(page).first.wait_for()
    page.evaluate(MARK_CHARTS)
    _add_in_sidebar(page, "Son Dong", "220")
    page.wait_for_url(lambda url: _district_in(url) == "220", timeout=20000)
    wait_for_app(page)
    page.wait_for_function(f"() => ({LEGEND})().includes('Son Dong')", timeout=15000)
    assert page.evaluate(CHARTS_KEPT) == [True, True]

    _bar_of(page, "Luc Ngan").click()
    page.wait_for_url(lambda url: _district_in(url) == "219", timeout=20000)
    wait_for_app(page)
    _add_in_sidebar(page, "Son Dong", "220")
    page.wait_for_url(lambda url: _district_in(url) == "219,220", timeout=20000)
    wait_for_app(page)

    _bar_of(page, "Luc Ngan").click()
    page.wait_for_url(lambda url: _district_in(url) == "219", timeout=20000)
    wait_for_app(page)
    assert len(_chips(page)) == 1
    no_traceback(page, "after the second click on Lục Ngạn's bar")


def _district_in(url: str) -> str:
    return parse_qs(urlparse(url).query).get("district", [""])[0]


def test_every_monitoring_page_renders_in_both_languages(app_url, page):
    for lang in ("vi", "en"):
        for path in ("economy", "lifestyle", "transition", "district_profile"):
            page.goto(f"{app_url}/{path}?district=222&lang={lang}")
            wait_for_app(page)
            page.get_by_text("Việt Yên" if lang == "vi" else "Viet Yen").first.wait_for(
                timeout=30000
            )
            assert not page.locator("[data-testid='stException']").count()
            screenshot(page, f"{path}-{lang}")
