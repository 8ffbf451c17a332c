"""Presenter mode in Chromium at projector size: no sidebar, one slide, the arrow keys move."""

from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager

import pytest

from tests.browser.conftest import ARTIFACTS, wait_for_app
from tests.reporting_fakes import REVIEWER, copy_published, intake, reporter
from tests.task_fakes import data_with_task_reports
from ttx_data import meeting, snapshots
from ttx_data.filters import Filters
from ttx_data.i18n import t
from ttx_data.local_server import AppDidNotStart, serve_app
from ttx_data.reporting import completeness, regime, submissions
from ttx_data.store import database, ensure_schema


def build_meeting(filters: Filters, engine=ensure_schema, directory=None) -> meeting.Meeting:
    """The meeting as the served app builds it, with the reporting status of its store (by
    default the tests' store and the bundled data, which the app at `app_url` reads too)."""
    status = completeness.reporting_status(engine)
    return meeting.build_meeting(filters, directory, reporting=status)


def _slide_number(page) -> str:
    return page.get_by_test_id("ttx-slide-number").inner_text()


def _wait_for_slide(page, text: str) -> None:
    page.wait_for_function(
        "t => document.querySelector('[data-testid=ttx-slide-number]')?.innerText === t",
        arg=text,
        timeout=20000,
    )
    wait_for_app(page)


def _ready(page, next_label: str) -> None:
    """Loaded, and the slide controls (with their key bindings) drawn."""
    wait_for_app(page)
    page.get_by_role("button", name=next_label).wait_for()
    page.wait_for_timeout(1000)  # the first load routes / to /present: let the keys bind


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))  # the 1280x720 viewport as projected


def test_arrow_keys_move_between_slides(browser, app_url):
    total = len(build_meeting(Filters(lang="vi")).slides)
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{app_url}/?present=1&lang=vi")
    _ready(page, "Tiếp")
    _wait_for_slide(page, f"Trang 1/{total}")
    assert re.search(r"/present\b", page.url) and "present=1" in page.url
    assert not page.get_by_test_id("stSidebar").is_visible()
    assert "Tiến độ Kế hoạch hành động tăng trưởng xanh" in page.locator("h1").first.inner_text()
    assert "Số liệu đến năm 2026 · dữ liệu thay đổi lần cuối ngày 24/11/2026" in page.inner_text(
        "body"
    )
    _shot(page, "present-vi-01-title")

    page.keyboard.press("ArrowRight")
    _wait_for_slide(page, f"Trang 2/{total}")
    assert page.locator("h1").first.inner_text() == "Tình trạng các mục tiêu 2030"
    assert page.get_by_test_id("ttx-marker").is_visible()  # illustrative data on screen
    _shot(page, "present-vi-02-overview")

    page.keyboard.press("ArrowRight")
    _wait_for_slide(page, f"Trang 3/{total}")
    assert page.locator("table.ttx-slide-table tbody tr").count() >= 1
    _shot(page, "present-vi-03-group")

    page.keyboard.press("ArrowLeft")
    _wait_for_slide(page, f"Trang 2/{total}")

    for n in range(3, total + 1):  # the buttons work too, to the last slide
        page.get_by_role("button", name="Tiếp").click()
        _wait_for_slide(page, f"Trang {n}/{total}")
        title = page.locator("h1").first.inner_text()
        if "KCN, CCN" in title or "Độ che phủ rừng" in title:
            page.wait_for_selector("[data-testid='stImage'] img", timeout=20000)
            _shot(page, f"present-vi-{n:02d}-map")
        if "chậm tiến độ" in title:
            _shot(page, f"present-vi-{n:02d}-lagging")
        if title == t("meeting.tasks_title", "vi"):  # no task report in the bundled data yet
            headline = page.get_by_test_id("ttx-tasks-headline").inner_text()
            assert headline.startswith("Chưa có báo cáo nào về tình hình thực hiện nhiệm vụ")
            _shot(page, f"present-vi-{n:02d}-overdue-tasks-none-reported")
    assert page.get_by_role("button", name="Tiếp").is_disabled()
    context.close()


def test_presenter_follows_filters_language_and_snapshot(browser, app_url, browser_snapshots):
    taken = snapshots.create_snapshot("Phiên họp BCĐ tháng 11/2026", root=browser_snapshots)
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{app_url}/?present=1&lang=en&district=218&snapshot={taken.snapshot_id}")
    _ready(page, "Next")
    body = page.inner_text("body")
    assert "Progress of Bắc Giang's Green Growth Action Plan 2021-2030" in body
    assert "Luc Nam · All sectors · 2020-2026" in body  # English names are written without marks
    assert "Data snapshot: Phiên họp BCĐ tháng 11/2026" in body
    _shot(page, "present-en-lucnam-snapshot")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"ttx-slide-number\"]')?.innerText"
        ".startsWith('Slide 2 of')"
    )
    context.close()


def test_filtered_deck_shows_the_districts_and_every_slide_fits_1280x720(browser, app_url):
    """Two districts: tables name each row's area, the lagging chart has a bar per district, and
    the controls stay inside a 1280x720 projector on every slide."""
    deck = build_meeting(Filters(districts=("218", "220"), lang="vi"))
    total = len(deck.slides)
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{app_url}/?present=1&lang=vi&district=218,220")
    _ready(page, "Tiếp")
    for n in range(1, total + 1):
        _wait_for_slide(page, f"Trang {n}/{total}")
        assert not page.locator("[data-testid='stException']").count()
        box = page.get_by_role("button", name="Tiếp").bounding_box()
        assert box["y"] + box["height"] <= 720, f"slide {n}: the controls fall below the screen"
        slide = deck.slides[n - 1]
        if slide.kind in ("group", "off_track"):
            tags = page.locator("table.ttx-slide-table .ttx-area").all_inner_texts()
            assert tags and set(tags) <= {"Lục Nam", "Sơn Động", "Toàn tỉnh"}, n
            assert [line.area for line in slide.lines] == tags, n
        if slide.kind == "lagging":
            page.wait_for_selector("[data-testid='stVegaLiteChart'] svg, canvas", timeout=20000)
            chart = page.locator("[data-testid='stVegaLiteChart']").first.bounding_box()
            assert chart["height"] > 100, "two districts must not squeeze into one line"
            _shot(page, "present-vi-two-districts-lagging")
        if slide.kind == "off_track":
            _shot(page, f"present-vi-two-districts-{n:02d}-off-track")
        if n < total:
            page.keyboard.press("ArrowRight")
    context.close()


TRADE, FINANCE = "so_cong_thuong_bac_ninh", "so_tai_chinh_bac_ninh"
BUILDING = "so_xay_dung_bac_ninh"


@pytest.fixture(scope="module")
def reported_url(tmp_path_factory, browser_snapshots):
    """The app on its own store and a copy of the data, after some reports of the meeting's
    period (figures reported for the province, whatever the period): two of the Department of
    Industry and Trade's accepted, Finance's one returned and one late (all it owes), one of
    Construction's late."""
    root = tmp_path_factory.mktemp("reported")
    data = copy_published(root / "data")
    url = f"sqlite:///{root / 'ttx.sqlite3'}"
    engine = database.ensure_schema(url)
    period = completeness.reporting_status(engine).period
    deadline = dt.datetime.combine(regime.period_deadline(period), dt.time(3), tzinfo=dt.UTC)

    def send(agency_id, days, *values):
        return submissions.submit(
            engine, intake(agency_id, *values, period=period), actor=reporter(agency_id),
            file_name="x.xlsx", data=b"x", now=deadline + dt.timedelta(days=days),
        )  # fmt: skip

    trade = send(TRADE, -5, ("t01_electricity_intensity", "province", "24", 31.0),
                 ("t02_renewable_share", "province", "24", 4.0))  # fmt: skip
    submissions.review(engine, trade.id, actor=REVIEWER, accept=True, directory=data,
                       now=deadline - dt.timedelta(days=2))  # fmt: skip
    first = send(FINANCE, -1, ("t11_green_public_procurement_share", "province", "24", 20.0))
    submissions.review(engine, first.id, actor=REVIEWER, accept=False, reason="Thiếu nguồn",
                       now=deadline + dt.timedelta(days=1))  # fmt: skip
    send(FINANCE, 5, ("t13_hdi", "province", "24", 0.72))
    send(BUILDING, 10, ("t10a_urban_wastewater_city_grade4_share", "province", "24", 40.0))
    with _served(data, url, browser_snapshots, "streamlit-reported.log") as served:
        yield served, engine, data


@contextmanager
def _served(data, url: str, snapshots_dir, log_name: str):
    """The app served on the data directory `data` and the store at `url`, basemap off."""
    env = {"TTX_DATA_DIR": str(data), "TTX_DATABASE_URL": url, "TTX_BASEMAP": "off",
           "TTX_SNAPSHOTS_DIR": str(snapshots_dir)}  # fmt: skip
    try:
        with serve_app(ARTIFACTS / log_name, env=env) as served:
            yield served
    except AppDidNotStart as failure:
        pytest.fail(str(failure))
    finally:
        database.dispose_engines()


def _present_the_reporting_status(browser, url, engine, lang, locale, total, at):
    """A 1280x720 page of the completeness page whose button opened presenter mode at the
    first reporting slide (number `at` of `total`): the context and the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale=locale)
    page = context.new_page()
    page.goto(f"{url}/completeness?lang={lang}")
    wait_for_app(page)
    label = t("completeness.present", lang, period=completeness.reporting_status(engine).period)
    page.get_by_role("button", name=label).click()
    _wait_for_slide(page, t("meeting.slide_no", lang, n=at, total=total))
    return context, page


@pytest.mark.parametrize(("lang", "locale"), [("vi", "vi-VN"), ("en", "en-GB")])
def test_present_the_reporting_status_from_the_completeness_page(
    browser, reported_url, lang, locale
):
    """The completeness page's button opens presenter mode at the reporting slide: the headline,
    a row per agency (not reported in full first), inside a 1280x720 projector; ← and → step
    away and back (docs/screenshots/issue12-present-completeness-{vi,en}.png)."""
    url, engine, data = reported_url
    deck = build_meeting(Filters(lang=lang), lambda: engine, data)
    kinds, total = [s.kind for s in deck.slides], len(deck.slides)
    at = kinds.index("reporting") + 1  # the agencies not reported in full come first
    slide, last = deck.slides[at - 1], deck.slides[-1]
    assert set(kinds[at - 1 :]) == {"reporting"}
    context, page = _present_the_reporting_status(browser, url, engine, lang, locale, total, at)
    assert page.locator("h1").first.inner_text() == slide.title
    assert page.get_by_test_id("ttx-reporting-headline").inner_text() == slide.points[0]
    rows = page.locator("table.ttx-reporting tbody tr")
    assert rows.count() == len(slide.reports) > 0
    agencies = [rows.nth(n).get_attribute("data-agency") for n in range(rows.count())]
    assert agencies == [r.agency_id for r in slide.reports]
    assert rows.first.locator("td").first.inner_text() == slide.reports[0].name
    table = page.locator("table.ttx-reporting").bounding_box()
    assert table["x"] + table["width"] <= 1280, "the table is wider than the screen"
    box = page.get_by_role("button", name=t("present.next", lang)).bounding_box()
    assert box["y"] + box["height"] <= 720, "the controls fall below the screen"
    _shot(page, f"issue12-present-completeness-{lang}")
    page.keyboard.press("ArrowLeft")
    _wait_for_slide(page, t("meeting.slide_no", lang, n=at - 1, total=total))
    assert page.locator("h1").first.inner_text() == deck.slides[at - 2].title
    for n in range(at, total + 1):  # on to the last reporting slide: the best reported last
        page.keyboard.press("ArrowRight")
        _wait_for_slide(page, t("meeting.slide_no", lang, n=n, total=total))
    shown = page.locator("table.ttx-reporting tbody tr").last.get_attribute("data-agency")
    assert shown == last.reports[-1].agency_id
    assert page.get_by_role("button", name=t("present.next", lang)).is_disabled()
    context.close()


@pytest.fixture(scope="module")
def tasks_url(tmp_path_factory, browser_snapshots):
    """The app on a copy of the data holding task_fakes.SAMPLE's task reports (illustrative:
    nine tasks overdue across five agencies, the mid-term review unreported) and a store of
    its own (no indicator report)."""
    root = tmp_path_factory.mktemp("tasks")
    data = data_with_task_reports(root / "data")
    url = f"sqlite:///{root / 'ttx.sqlite3'}"
    engine = database.ensure_schema(url)
    with _served(data, url, browser_snapshots, "streamlit-tasks.log") as served:
        yield served, engine, data


@pytest.mark.parametrize(("lang", "locale"), [("vi", "vi-VN"), ("en", "en-GB")])
def test_step_back_from_the_reporting_status_to_the_overdue_tasks(browser, tasks_url, lang, locale):
    """The overdue tasks by agency come just before the reporting status: from it, ← steps onto
    them; the first names Finance today with the plan's agencies in brackets, its tasks longest
    overdue first, the marker for illustrative reports, all inside a 1280x720 projector
    (docs/screenshots/issue13-present-overdue-{vi,en}.png)."""
    url, engine, data = tasks_url
    deck = build_meeting(Filters(lang=lang), lambda: engine, data)
    kinds = [slide.kind for slide in deck.slides]
    first, total = kinds.index("overdue_tasks"), len(deck.slides)
    at = kinds.index("reporting") + 1
    assert kinds[first:] == ["overdue_tasks"] * (at - 1 - first) + ["reporting"] * (total - at + 1)
    slide = deck.slides[first]
    context, page = _present_the_reporting_status(browser, url, engine, lang, locale, total, at)
    for n in range(at - 1, first, -1):
        page.keyboard.press("ArrowLeft")
        _wait_for_slide(page, t("meeting.slide_no", lang, n=n, total=total))
    assert page.locator("h1").first.inner_text() == slide.title
    assert page.get_by_test_id("ttx-tasks-headline").inner_text() == slide.points[0]
    assert page.get_by_test_id("ttx-marker").is_visible()  # the reports shown are illustrative
    headings = page.locator("table.ttx-tasks tr.ttx-agency")
    assert [headings.nth(n).get_attribute("data-agency") for n in range(headings.count())] == [
        group.agency_id for group in slide.agencies
    ]
    assert headings.first.get_attribute("data-agency") == FINANCE
    assert headings.first.locator("b").inner_text() == slide.agencies[0].name
    assert slide.agencies[0].name.startswith(
        {"vi": "Sở Tài chính tỉnh Bắc Ninh (KH: Sở Kế hoạch và Đầu tư",
         "en": "Department of Finance of Bắc Ninh province (plan: Department of Planning"}[lang]
    )  # fmt: skip
    rows = page.locator("table.ttx-tasks tr[data-task]")
    assert [rows.nth(n).get_attribute("data-task") for n in range(rows.count())] == [
        task.item_id for group in slide.agencies for task in group.tasks
    ]
    assert rows.first.locator("td.ttx-days").inner_text() == slide.agencies[0].tasks[0].days_text(
        lang
    )
    table = page.locator("table.ttx-tasks").bounding_box()
    assert table["x"] + table["width"] <= 1280, "the table is wider than the screen"
    box = page.get_by_role("button", name=t("present.next", lang)).bounding_box()
    assert box["y"] + box["height"] <= 720, "the controls fall below the screen"
    _shot(page, f"issue13-present-overdue-{lang}")
    for n in range(first + 2, at):  # the other overdue slides fit too
        page.keyboard.press("ArrowRight")
        _wait_for_slide(page, t("meeting.slide_no", lang, n=n, total=total))
        box = page.get_by_role("button", name=t("present.next", lang)).bounding_box()
        assert box["y"] + box["height"] <= 720, f"slide {n}: the controls fall below the screen"
        _shot(page, f"issue13-present-overdue-{lang}-{n - first}")
    context.close()
