"""The tasks, agency and target pages and the overview's attention list in real chromium, on a
copy of the data holding example task reports: a filtered list opened from a link keeps its
filters through the language switched twice, a task's detail opens, the merged finance
department's page and a target's page read in both languages, and the attention list's links
land on the task. Screenshots: docs/screenshots/issue13-*.png are copies of test-artifacts/."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import (
    ARTIFACTS,
    click_language,
    no_traceback,
    screenshot,
    wait_for_app,
)
from tests.task_reports_data import data_with_reports
from ttx_data.local_server import AppDidNotStart, serve_app

STC = "so_tai_chinh_bac_ninh"


@pytest.fixture(scope="module")
def tasks_url(tmp_path_factory, browser_snapshots):
    """The app served on a copy of the bundled data with the example task reports published."""
    data = data_with_reports(tmp_path_factory.mktemp("task-views") / "data")
    env = {"TTX_DATA_DIR": str(data), "TTX_BASEMAP": "off",
           "TTX_SNAPSHOTS_DIR": str(browser_snapshots)}  # fmt: skip
    try:
        with serve_app(ARTIFACTS / "streamlit-task-views.log", env=env) as url:
            yield url
    except AppDidNotStart as failure:
        pytest.fail(str(failure))


def _query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def _cell(page, text: str):
    """A cell of a glide table holding exactly `text` (its cells are hidden <td>s)."""
    return page.locator("td").filter(has_text=re.compile(f"^{re.escape(text)}$")).first


def _main(page):
    return page.get_by_test_id("stMain")


def _open(page, url: str, shown: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    wait_for_app(page, 60000)
    _main(page).locator(shown).first.wait_for(state="attached", timeout=60000)
    wait_for_app(page)


def _switch(page, label: str, shown: str) -> None:
    """Switch the language (after a screenshot made the page tall) and wait for `shown`."""
    page.set_viewport_size({"width": 1280, "height": 900})
    click_language(page, label)
    _main(page).get_by_text(shown, exact=False).first.wait_for(timeout=60000)
    wait_for_app(page)


def _overdue_rows(page) -> list[str]:
    """The ids the tasks table lists, in order (the first column of its hidden cells)."""
    _cell(page, "8.2.b").wait_for(state="attached", timeout=60000)
    found = []
    for text in page.locator("td").all_inner_texts():
        if re.fullmatch(r"\d(\.\d+)*(\.[a-z])?|[a-z_]+_review", text.strip()):
            found.append(text.strip())
    return found


def test_the_tasks_page_from_a_link_through_two_language_switches_to_a_task(tasks_url, page):
    _open(page, f"{tasks_url}/tasks?lang=vi&group=8&status=overdue", "[data-testid=stDataFrame]")
    assert _overdue_rows(page)[:3] == ["8.2.b", "8.9.d", "8.1.a"]
    _cell(page, "✖ Quá hạn").wait_for(state="attached")
    for label, lang, words in (("English", "en", "Overdue"), ("Tiếng Việt", "vi", "Quá hạn")):
        _switch(page, label, "Task detail" if lang == "en" else "Chi tiết nhiệm vụ")
        no_traceback(page, f"tasks after {label}")
        query = _query(page)
        assert (query["lang"], query["group"], query["status"]) == (lang, "8", "overdue")
        _cell(page, f"✖ {words}").wait_for(state="attached", timeout=30000)
        assert _overdue_rows(page)[:3] == ["8.2.b", "8.9.d", "8.1.a"]
    # the detail of a task, chosen in the list
    _main(page).get_by_test_id("stSelectbox").filter(has_text="Chọn nhiệm vụ").click()
    page.keyboard.type("8.2.b")
    page.get_by_role("option").filter(has_text=re.compile(r"^8\.2\.b · ")).first.click()
    _main(page).get_by_text("Nhiệm vụ 8.2.b", exact=True).wait_for(timeout=30000)
    wait_for_app(page)
    assert _query(page)["task"] == "8.2.b"
    main = _main(page)
    main.get_by_text("Nguyên văn Kế hoạch", exact=False).first.wait_for()
    _cell(page, "Đang đôn đốc các KCN đầu tư trạm xử lý nước thải tập trung").wait_for(
        state="attached", timeout=30000
    )
    no_traceback(page, "task detail")
    page.mouse.move(0, 0)
    screenshot(page, "issue13-tasks-vi")
    _switch(page, "English", "Task 8.2.b")
    main.get_by_text("Our summary in English", exact=False).first.wait_for()
    assert _query(page)["task"] == "8.2.b"
    no_traceback(page, "task detail in English")
    page.mouse.move(0, 0)
    screenshot(page, "issue13-tasks-en")


@pytest.mark.parametrize(
    ("lang", "answers"),
    [
        ("vi", "Thực hiện nhiệm vụ Kế hoạch đã giao cho"),
        ("en", "Answers for what the plan gave to"),
    ],
)
def test_the_merged_finance_departments_page(tasks_url, page, lang, answers):
    _open(page, f"{tasks_url}/agency?lang={lang}&agency={STC}", "p.ttx-reporting")
    main = _main(page)
    text = main.inner_text()
    assert answers in text
    for task_id in ("1.1", "4.1", "4.2", "8.9.d", "mid_term_review"):
        assert main.locator(f"tr[data-task='{task_id}']").count() >= 1, task_id
    assert main.locator("tr[data-indicator='t11_green_public_procurement_share']").count() == 1
    no_traceback(page, f"agency page {lang}")
    page.mouse.move(0, 0)
    screenshot(page, f"issue13-agency-{lang}")


@pytest.mark.parametrize(("lang", "tasks"), [("vi", "Nhiệm vụ phục vụ"), ("en", "Tasks serving")])
def test_a_targets_page(tasks_url, page, lang, tasks):
    _open(page, f"{tasks_url}/target?lang={lang}&target=5", "table.ttx-tasks")
    main = _main(page)
    assert main.locator("tr[data-indicator='t05a_forest_cover']").count() == 1
    assert main.locator("tr[data-task='8.5.a']").count() == 1
    assert tasks in main.inner_text()
    no_traceback(page, f"target page {lang}")
    page.mouse.move(0, 0)
    screenshot(page, f"issue13-target-{lang}")


def _clip(page, first, last, name: str) -> None:
    """A screenshot of the page from `first` to the end of `last`, the page drawn whole."""
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"] *')]"
        ".map(e => e.scrollHeight), document.body.scrollHeight)"
    )
    page.set_viewport_size({"width": 1280, "height": min(int(height) + 40, 12000)})
    page.wait_for_timeout(600)
    top = first.bounding_box()["y"] - 16
    box = last.bounding_box()
    clip = {"x": 0, "y": top, "width": 1280, "height": box["y"] + box["height"] + 24 - top}
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), clip=clip)


def test_the_attention_lists_task_link_lands_on_the_task(tasks_url, page):
    _open(page, f"{tasks_url}/?lang=vi", "table.ttx-attention")
    attention = _main(page).locator("table.ttx-attention").first  # the whole list: below
    rows = attention.locator("tbody tr")
    assert rows.count() == 10
    kinds = [rows.nth(i).get_attribute("data-kind") for i in range(4)]
    assert kinds == ["indicator", "task", "indicator", "task"]
    assert rows.nth(1).get_attribute("data-item") == "8.2.b"  # the longest overdue task
    see_all = _main(page).get_by_text("Mọi nhiệm vụ quá hạn trên trang Nhiệm vụ", exact=True)
    _clip(page, _main(page).get_by_text("Cần chú ý", exact=False).first, see_all,
          "issue13-attention-vi")  # fmt: skip
    page.set_viewport_size({"width": 1280, "height": 900})
    rows.nth(1).locator("a").click()
    page.wait_for_url(re.compile(r"/tasks\?.*task=8\.2\.b"), timeout=60000)
    wait_for_app(page, 60000)
    _main(page).get_by_text("Nhiệm vụ 8.2.b", exact=True).wait_for(timeout=60000)
    assert _query(page)["lang"] == "vi"
    no_traceback(page, "the task from the attention list")
