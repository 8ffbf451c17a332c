"""The reporting regime page in a real browser: the secretariat signs in, changes an indicator's
deadline with a reason, sees the table and the history follow, and reads the page in English and
back in Vietnamese."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import (
    app_with_own_store,
    click_language,
    screenshot,
    sign_in_as,
    wait_for_app,
)
from ttx_data.reporting import regime

PASSWORD = "mat-khau-che-do-bao-cao"
REVIEWER = ("thamdinh.cd", "Trần Văn Thường Trực")
HDI = "13 · Chỉ số phát triển con người (HDI)"
REASON = "Theo Công văn 12 UBND-TH ngày 02/12/2026"
WIDE = {"width": 1920, "height": 1000}


@pytest.fixture(scope="module")
def regime_url(tmp_path_factory, browser_snapshots):
    """The app on a copy of the bundled data and its own store (the change stays in it)."""
    root = tmp_path_factory.mktemp("regime")
    people = {REVIEWER[0]: ("reviewer", "so_tai_chinh_bac_ninh", REVIEWER[1])}
    with app_with_own_store(root, people, PASSWORD, browser_snapshots,
                            "streamlit-regime.log") as served:  # fmt: skip
        yield served


def _cell(page, text: str):
    """A table cell holding exactly `text` (glide grids keep their cells in hidden <td>s)."""
    return page.locator("td").filter(has_text=re.compile(f"^{re.escape(text)}$")).first


def _one(page, label: str):
    """The field labelled `label`, once the fields of the indicator chosen before are gone."""
    boxes = page.get_by_test_id("stMain").get_by_label(label, exact=True)
    for _ in range(100):
        if boxes.count() == 1:
            break
        page.wait_for_timeout(200)
    return boxes


def _shown(main, label: str) -> str:
    """What a selectbox shows."""
    box = main.get_by_test_id("stSelectbox").filter(has_text=label).first
    return box.get_by_role("combobox").input_value()


def _fill(page, label: str, value: str) -> None:
    box = _one(page, label)
    box.fill(value)
    box.press("Tab")  # Streamlit takes a text field's value when it loses the focus
    page.wait_for_timeout(600)
    wait_for_app(page)


def _switch(page, language: str, heading: str, cell: str) -> None:
    """Switch the language (after a screenshot made the page tall) and wait for the page in it."""
    page.set_viewport_size(WIDE)
    click_language(page, language)
    page.get_by_test_id("stMain").get_by_text(heading, exact=True).wait_for(timeout=30000)
    _cell(page, cell).wait_for(state="attached", timeout=30000)


def test_the_secretariat_changes_a_deadline_and_reads_it_in_both_languages(regime_url, page):
    url, engine = regime_url
    page.set_viewport_size(WIDE)  # the table's columns are drawn only when in view
    sign_in_as(page, url, REVIEWER[0], PASSWORD, REVIEWER[1])
    sidebar = page.get_by_test_id("stSidebar")
    more = sidebar.get_by_test_id("stSidebarNavViewButton")  # the whole navigation
    if more.count() and "more" in more.inner_text().lower():
        more.click()
    sidebar.get_by_text("Chế độ báo cáo", exact=True).click()  # listed for the secretariat
    wait_for_app(page, 60000)
    main = page.get_by_test_id("stMain")
    main.get_by_text("Chế độ báo cáo đang áp dụng", exact=True).wait_for(timeout=30000)
    _cell(page, HDI).wait_for(state="attached", timeout=30000)
    main.get_by_text("Chưa có thay đổi nào", exact=False).wait_for()

    main.get_by_test_id("stSelectbox").filter(has_text="Chỉ tiêu").click()
    page.keyboard.type("phát triển con người")  # the list shows a few options at a time
    page.get_by_role("option", name=HDI).click()
    wait_for_app(page)
    # the form is per indicator: type only once it is HDI's (under load the rerun comes later)
    low = _one(page, "Giá trị hợp lý nhỏ nhất")  # HDI's plausible minimum is 0.5
    for _ in range(60):
        if low.input_value() == "0.5":
            break
        page.wait_for_timeout(500)
    assert low.input_value() == "0.5", "the form did not switch to HDI"
    wait_for_app(page)
    _fill(page, "Hạn gửi", "01-31")
    _fill(page, "Lý do thay đổi (bắt buộc, ví dụ số văn bản chỉ đạo)", REASON)
    main.get_by_role("button", name="Lưu thay đổi").click()
    main.get_by_text("Đã lưu chế độ báo cáo của t13_hdi", exact=False).wait_for(timeout=30000)
    wait_for_app(page)
    _cell(page, "31/01").wait_for(state="attached", timeout=30000)  # the deadline in the table
    _cell(page, "31/01/2027").wait_for(state="attached")  # ... and the period's due date
    _cell(page, "deadline: 01-15 → 01-31").wait_for(state="attached")  # the history line
    _cell(page, REASON).wait_for(state="attached")
    reason = _one(page, "Lý do thay đổi (bắt buộc, ví dụ số văn bản chỉ đạo)")
    assert reason.input_value() == ""  # the form shows what is in effect, ready for the next
    assert _one(page, "Hạn gửi").input_value() == "01-31"
    assert not page.locator("[data-testid='stException']").count()
    assert [r.deadline for r in regime.rules(engine=engine) if r.indicator_id == "t13_hdi"] == [
        "01-31"
    ]
    page.mouse.move(0, 0)
    screenshot(page, "issue12-regime-vi")

    _switch(page, "English", "The regime in effect", "31 Jan")
    _cell(page, "13 · Human Development Index (HDI)").wait_for(state="attached")
    _cell(page, "Reporting regime changed").wait_for(state="attached")
    main.get_by_role("button", name="Reset to the bundled value").wait_for()
    assert _shown(main, "Indicator") == "13 · Human Development Index (HDI)"  # choice kept
    assert _shown(main, "Frequency") == "Annual"
    assert not page.locator("[data-testid='stException']").count()
    page.mouse.move(0, 0)
    screenshot(page, "issue12-regime-en")

    _switch(page, "Tiếng Việt", "Lịch sử thay đổi", "31/01")
    _cell(page, "Sửa chế độ báo cáo").wait_for(state="attached")
