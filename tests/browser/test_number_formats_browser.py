"""Numbers in the reader's language inside charts, in real chromium: the axis labels and the
tooltips of an indicator's chart read 9.000 and 9.501 (not 9,000 or 9.501,00). (The group
summaries' small multiples are a picture drawn on the server: their numbers,
tests/test_chart_pictures.py.)"""

from __future__ import annotations

import re

from tests.browser.conftest import ARTIFACTS, wait_for_app

SVG_TEXTS = (
    "() => [...document.querySelectorAll('.vega-embed svg text')].map(e => e.textContent.trim())"
)


def _drawn_texts(page, path: str) -> list[str]:
    """The chart texts of an indicator's page (drawn by Vega in the page)."""
    page.goto(path)
    wait_for_app(page)
    page.locator(".vega-embed").filter(has_text="5b · ").first.wait_for(timeout=30000)  # 9.501 ha
    page.wait_for_timeout(500)
    return page.evaluate(SVG_TEXTS)


def test_vietnamese_chart_axes_and_tooltips_use_vietnamese_numbers(app_url, page):
    texts = _drawn_texts(page, f"{app_url}/indicator?id=t05b_certified_forest_area&lang=vi")
    thousands_dot = [x for x in texts if re.fullmatch(r"\d{1,3}(\.\d{3})+", x)]
    thousands_comma = [x for x in texts if re.fullmatch(r"\d{1,3}(,\d{3})+", x)]
    assert thousands_dot, texts
    assert not thousands_comma, thousands_comma
    decimal_point = [x for x in texts if re.fullmatch(r"\d+\.\d", x)]
    assert not decimal_point, decimal_point

    certified = page.locator(".vega-embed").filter(has_text="5b · ").first
    certified.scroll_into_view_if_needed()
    point = certified.locator("g.mark-symbol.role-mark path").last
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=10000)
    text = tooltip.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "economy-vi-number-tooltip.png"))  # the tooltip in view
    values = re.findall(r"\d[\d.,]*\d", text)
    assert any(re.fullmatch(r"\d{1,3}(\.\d{3})+", v) for v in values), text
    assert not re.search(r"\d,\d\d\b", text), text  # no ",00": the catalog's 0 decimals


ENGLISH_MONTHS = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")


def test_vietnamese_milestone_timeline_has_vietnamese_dates(app_url, page):
    page.goto(f"{app_url}/indicator?id=t14_air_quality_plan&lang=vi")
    wait_for_app(page)
    timeline = page.locator(".vega-embed").filter(has_text="14 · ").first  # the air-quality plan
    timeline.wait_for(timeout=30000)
    timeline.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    texts = timeline.evaluate("e => [...e.querySelectorAll('svg text')].map(t => t.textContent)")
    assert not [x for x in texts if ENGLISH_MONTHS.search(x)], texts
    point = timeline.locator("g.mark-symbol.role-mark path").first
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=10000)
    page.screenshot(path=str(ARTIFACTS / "transition-vi-milestone-tooltip.png"))
    text = tooltip.inner_text()
    assert re.search(r"\b\d{2}/\d{2}/\d{4}\b", text), text
    assert not ENGLISH_MONTHS.search(text), text
