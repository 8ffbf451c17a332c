"""The reporting cycle in a real browser: a reporter downloads the period's workbook, uploads a
copy with three mistakes and sees all three located, uploads the corrected copy, previews and
submits; the reviewer returns it once with a reason, then accepts; the overview shows the value
as reported by that agency."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import (
    ARTIFACTS,
    app_with_own_store,
    click_language,
    no_traceback,
    screenshot,
    sign_in_as,
    wait_for_app,
)
from ttx_data.reporting import layout, workbook

AGENCY = "so_nong_nghiep_moi_truong_bac_ninh"
PERIOD = "2026"
PASSWORD = "mat-khau-bao-cao-dinh-ky"
PEOPLE = {
    "baocao.nn": ("reporter", AGENCY, "Lê Thị Báo Cáo"),
    "thamdinh.tc": ("reviewer", "so_tai_chinh_bac_ninh", "Trần Văn Thẩm Định"),
}
ECONOMY = "Kinh tế xanh (MT 1-6)"
FIRST = layout.FIRST_DATA_ROW


@pytest.fixture(scope="module")
def reporting_url(tmp_path_factory, browser_snapshots):
    """The app on a writable copy of the bundled data and its own store (accepting publishes)."""
    root = tmp_path_factory.mktemp("reporting")
    with app_with_own_store(root, PEOPLE, PASSWORD, browser_snapshots,
                            "streamlit-reporting.log") as (served, _):  # fmt: skip
        yield served


def _sign_in(page, url: str, name: str) -> None:
    sign_in_as(page, url, name, PASSWORD, PEOPLE[name][2])


def _sign_out(page) -> None:
    page.get_by_test_id("stSidebar").get_by_role("button", name="Đăng xuất").click()
    page.get_by_test_id("stSidebar").get_by_text("Đăng nhập (cán bộ)").wait_for(timeout=30000)


def _open(page, url: str, path: str) -> None:
    page.goto(f"{url}/{path}?lang=vi")
    wait_for_app(page, 60000)
    page.wait_for_timeout(1000)


def _upload(page, tmp_path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    page.wait_for_timeout(1500)
    wait_for_app(page, 60000)


def _three_mistakes(good: bytes) -> bytes:
    book = load_workbook(io.BytesIO(good))
    sheet = book[ECONOMY]
    sheet[f"G{FIRST}"] = 120  # a share above 100
    sheet[f"G{FIRST + 1}"] = "khoảng 80"  # text where a number goes
    sheet[f"G{FIRST + 3}"] = "=40+5"  # a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_report_from_workbook_to_published_value(reporting_url, page, tmp_path):
    _sign_in(page, reporting_url, "baocao.nn")
    _open(page, reporting_url, "report")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Tải tệp Excel của kỳ").click()
    template = caught.value.path().read_bytes()
    assert template[:2] == b"PK"
    good = workbook.build_template(AGENCY, PERIOD, example=True)
    _upload(page, tmp_path, "bao-cao-loi.xlsx", _three_mistakes(good))
    main = page.get_by_test_id("stMain")
    main.get_by_text("3 vấn đề (3 lỗi chặn nộp)").wait_for(timeout=30000)
    screenshot(page, "issue12-report-problems-vi")
    table = main.get_by_test_id("stDataFrame").first
    table.wait_for()
    _upload(page, tmp_path, "bao-cao.xlsx", good)
    main.get_by_text("Tệp hợp lệ").wait_for(timeout=30000)
    main.get_by_text("Trạng thái chỉ tiêu sẽ thay đổi").wait_for(timeout=30000)
    main.get_by_text("Cảnh báo mới (").wait_for(timeout=30000)
    screenshot(page, "issue12-report-preview-vi")
    page.get_by_role("button", name="Nộp để thẩm định").click()
    main.get_by_text("mã hồ sơ 2026-").wait_for(timeout=30000)
    _sign_out(page)

    _sign_in(page, reporting_url, "thamdinh.tc")
    _open(page, reporting_url, "review")
    main = page.get_by_test_id("stMain")
    main.get_by_text("Hồ sơ chờ thẩm định (1)").wait_for(timeout=30000)
    main.get_by_text("Giá trị sẽ thay đổi").wait_for(timeout=30000)
    screenshot(page, "issue12-review-vi")
    main.get_by_role("textbox").last.fill("Thiếu nguồn cho diện tích rừng")
    main.get_by_role("textbox").last.press("Tab")
    page.get_by_role("button", name="Trả lại").click()
    main.get_by_text("Đã trả lại 2026-").wait_for(timeout=30000)
    _sign_out(page)

    _sign_in(page, reporting_url, "baocao.nn")
    _open(page, reporting_url, "report")
    # the reason is in the table of the agency's submissions (a canvas grid: its cells are attached)
    reason = page.get_by_test_id("stMain").get_by_text("Thiếu nguồn cho diện tích rừng")
    reason.first.wait_for(state="attached", timeout=30000)
    _upload(page, tmp_path, "bao-cao-lan-2.xlsx", good)
    page.get_by_role("button", name="Nộp để thẩm định").click()
    page.get_by_test_id("stMain").get_by_text("mã hồ sơ 2026-").wait_for(timeout=30000)
    _sign_out(page)

    _sign_in(page, reporting_url, "thamdinh.tc")
    _open(page, reporting_url, "review")
    page.get_by_role("button", name="Chấp nhận và công bố").click()
    page.get_by_test_id("stMain").get_by_text("Đã chấp nhận 2026-").wait_for(timeout=60000)
    page.get_by_test_id("stMain").get_by_text("Tài khoản cán bộ thấy ngay").wait_for()
    screenshot(page, "issue14-review-accepted-vi")
    _open(page, reporting_url, "")  # signed in: the new figures at once, warm or not
    page.get_by_text("được báo cáo").first.wait_for(timeout=30000)
    screenshot(page, "issue12-overview-reported-vi")
    # each value's history is on its indicator's page: returned once, then accepted
    page.goto(f"{reporting_url}/indicator?id=t05a_forest_cover&lang=vi")
    wait_for_app(page, 60000)
    history = page.get_by_text("Lịch sử báo cáo của chỉ tiêu").first
    history.wait_for(timeout=60000)
    history.scroll_into_view_if_needed()
    history.click()
    grid = page.get_by_test_id("stExpanderDetails").get_by_test_id("stDataFrame").first
    grid.wait_for(timeout=30000)
    grid.get_by_text("Đã trả lại").first.wait_for(state="attached", timeout=30000)
    grid.get_by_text("Đã chấp nhận").first.wait_for(state="attached", timeout=30000)
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    grid.screenshot(path=str(ARTIFACTS / "issue12-value-history-vi.png"))


def _sign_out_en(page) -> None:
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    page.get_by_test_id("stSidebar").get_by_text("Sign in (staff)").wait_for(timeout=30000)


def _language_twice(page, where: str, vi: str, en: str) -> None:
    """English, Vietnamese, English again: the page's heading follows, nothing breaks."""
    main = page.get_by_test_id("stMain")
    for label, heading in (("English", en), ("Tiếng Việt", vi), ("English", en)):
        click_language(page, label)
        no_traceback(page, f"{where} after {label}")
        main.get_by_role("heading", name=heading).first.wait_for(timeout=30000)


def test_the_reporting_pages_in_english_and_back(reporting_url, page, tmp_path):
    """A reporter's upload survives switching language; problems, preview and review read in
    English; every reporting page survives the language switched twice."""
    period = "2025"
    good = workbook.build_template(AGENCY, period, example=True)
    _sign_in(page, reporting_url, "baocao.nn")
    _open(page, reporting_url, "report")
    main = page.get_by_test_id("stMain")
    main.get_by_role("combobox").first.click()
    page.get_by_role("option", name=period, exact=True).click()
    wait_for_app(page, 60000)
    _upload(page, tmp_path, "bao-cao-loi.xlsx", _three_mistakes(good))
    main.get_by_text("3 vấn đề").wait_for(timeout=30000)
    click_language(page, "English")  # the uploaded file stays; its problems are said in English
    main.get_by_text("3 problem(s) (3 blocking)").wait_for(timeout=30000)
    main.get_by_text("Sheet", exact=True).first.wait_for(state="attached", timeout=30000)
    screenshot(page, "issue12-report-problems-en")
    _upload(page, tmp_path, "bao-cao.xlsx", good)
    main.get_by_text("The file is valid").wait_for(timeout=30000)
    main.get_by_text("Indicator statuses that would change").wait_for(timeout=30000)
    main.get_by_text("New warnings (").wait_for(timeout=30000)
    screenshot(page, "issue12-report-preview-en")
    page.get_by_role("button", name="Submit for review").click()
    main.get_by_text("submission 2025-0").wait_for(timeout=30000)
    _language_twice(page, "/report", "Nộp báo cáo", "Submit a report")
    _open(page, reporting_url, "completeness")
    _language_twice(page, "/completeness", "Tình hình nộp báo cáo", "Reporting completeness")
    _sign_out_en(page)

    _sign_in(page, reporting_url, "thamdinh.tc")
    page.goto(f"{reporting_url}/review?lang=en")
    wait_for_app(page, 60000)
    main.get_by_text("Waiting for review (1)").wait_for(timeout=30000)
    main.get_by_text("Values that would change").wait_for(timeout=30000)
    screenshot(page, "issue12-review-en")
    _language_twice(page, "/review", "Thẩm định báo cáo", "Review reports")
    page.get_by_role("button", name="Accept and publish").click()
    main.get_by_text("Accepted 2025-").wait_for(timeout=60000)
    main.get_by_text("Staff accounts see them at once").wait_for(timeout=30000)
    screenshot(page, "issue14-review-accepted-en")
    page.goto(f"{reporting_url}/audit?lang=en")
    wait_for_app(page, 60000)
    _language_twice(page, "/audit", "Nhật ký hoạt động", "Audit log")
    _sign_out_en(page)
