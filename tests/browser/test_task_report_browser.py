"""A task report through the reporting cycle in real chromium: the finance department's reporter
fills the tasks sheet of the period's workbook (task 1.1 completed, with its evidence), uploads
and submits it; the reviewer accepts it; the tasks page's detail of 1.1 and the finance
department's agency page show the report and the task completed on time."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import ARTIFACTS, app_with_own_store, sign_in_as, wait_for_app
from ttx_data.reporting import layout, workbook
from ttx_data.reporting.checks import TASK_STATUS_LABELS
from ttx_data.reporting.task_sheet import TASKS_SHEET

AGENCY = "so_tai_chinh_bac_ninh"
PASSWORD = "mat-khau-bao-cao-nhiem-vu"
PEOPLE = {
    "baocao.tc": ("reporter", AGENCY, "Phạm Văn Báo Cáo"),
    "thamdinh.tc": ("reviewer", AGENCY, "Đỗ Thị Thẩm Định"),
}
TASK = "1.1"
EVIDENCE = "Quyết định số 77/QĐ-UBND ngày 20/9/2026 (thử nghiệm)"


@pytest.fixture(scope="module")
def task_report_url(tmp_path_factory, browser_snapshots):
    root = tmp_path_factory.mktemp("task-report")
    with app_with_own_store(root, PEOPLE, PASSWORD, browser_snapshots,
                            "streamlit-task-report.log") as (served, _):  # fmt: skip
        yield served


def _period() -> str:
    """This year's period: the one the report page offers first."""
    return str(dt.date.today().year)


def _filled(period: str) -> bytes:
    """The agency's workbook of the period with task 1.1 reported completed, with evidence."""
    book = load_workbook(io.BytesIO(workbook.build_template(AGENCY, period)))
    sheet = book[TASKS_SHEET]
    letters = layout.TASK_LETTERS
    row = next(
        r for r in range(1, sheet.max_row + 1) if sheet[f"{letters['task_id']}{r}"].value == TASK
    )
    sheet[f"{letters['status']}{row}"] = TASK_STATUS_LABELS["completed"][0]
    sheet[f"{letters['completed_on']}{row}"] = dt.date(int(period), 9, 20)
    sheet[f"{letters['progress']}{row}"] = "Đã ban hành hướng dẫn lồng ghép TTX"
    sheet[f"{letters['evidence']}{row}"] = EVIDENCE
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _open(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page, 60000)
    page.wait_for_timeout(800)


def test_a_task_report_from_workbook_to_the_tasks_and_agency_pages(task_report_url, page, tmp_path):
    url, period = task_report_url, _period()
    sign_in_as(page, url, "baocao.tc", PASSWORD, PEOPLE["baocao.tc"][2])
    _open(page, f"{url}/report?lang=vi")
    path = tmp_path / "bao-cao-nhiem-vu.xlsx"
    path.write_bytes(_filled(period))
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    page.wait_for_timeout(1500)
    wait_for_app(page, 60000)
    main = page.get_by_test_id("stMain")
    main.get_by_text("Tệp hợp lệ").wait_for(timeout=60000)
    page.get_by_role("button", name="Nộp để thẩm định").click()
    main.get_by_text(f"mã hồ sơ {period}-").wait_for(timeout=30000)
    page.get_by_test_id("stSidebar").get_by_role("button", name="Đăng xuất").click()
    page.get_by_test_id("stSidebar").get_by_text("Đăng nhập (cán bộ)").wait_for(timeout=30000)

    sign_in_as(page, url, "thamdinh.tc", PASSWORD, PEOPLE["thamdinh.tc"][2])
    _open(page, f"{url}/review?lang=vi")
    page.get_by_role("button", name="Chấp nhận và công bố").click()
    main.get_by_text(f"Đã chấp nhận {period}-").wait_for(timeout=60000)

    # the task's detail: the report published, completed on time
    _open(page, f"{url}/tasks?lang=vi&task={TASK}")
    # the newest report first in the history table (a canvas grid: its cells are attached)
    done = main.locator("td").filter(has_text=f"20/09/{period}")
    done.first.wait_for(state="attached", timeout=60000)
    main.get_by_text("Hoàn thành đúng hạn").first.wait_for(state="attached", timeout=30000)
    page.screenshot(path=str(ARTIFACTS / "issue13-task-report-detail-vi.png"), full_page=True)
    # the finance department's page: task 1.1 led, completed on time
    _open(page, f"{url}/agency?lang=vi&agency={AGENCY}")
    row = main.locator("tr").filter(has_text=TASK).filter(has_text="Hoàn thành đúng hạn")
    row.first.wait_for(state="attached", timeout=60000)
    page.screenshot(path=str(ARTIFACTS / "issue13-task-report-agency-vi.png"), full_page=True)
