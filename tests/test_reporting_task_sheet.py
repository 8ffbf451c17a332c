"""The tasks sheet of an agency's workbook: its rows (a merged agency answers for what its
predecessors led; collectives and the local level report none), locked cells, Excel data
validation from the intake's own rules, the plan's whole text in a note, the previous period's
published report, an agency with tasks only, the illustrative reports of an example workbook;
then reading it back: one small bad file per defect, named for it, every problem at once."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook
from reporting_fakes import copy_published
from test_reporting_workbook import (
    ARTIFACTS,
    _calc_missing,
    _first_page_with,
    _soffice,
    page_png,
)

from ttx_data import datasets, generate, sources, tasks
from ttx_data.reporting import checks, layout, task_sheet, workbook
from ttx_data.reporting.intake import read_workbook

ON = dt.date(2026, 11, 29)
FINANCE = "so_tai_chinh_bac_ninh"
NEWSPAPER = "bao_bac_giang"
TASKS = task_sheet.TASKS_SHEET
FIRST = layout.FIRST_DATA_ROW
L = layout.TASK_LETTERS

FINANCE_ROWS = [
    ("1.1", "Chủ trì"), ("2.2", "Phối hợp"), ("4.1", "Chủ trì"), ("4.2", "Chủ trì"),
    ("5.2", "Chủ trì"), ("6.1", "Chủ trì"), ("6.2", "Phối hợp"), ("8.1.c", "Chủ trì"),
    ("8.2.a", "Phối hợp"), ("8.2.b", "Phối hợp"), ("8.9.c", "Chủ trì"), ("8.9.d", "Chủ trì"),
    ("steering_committee", "Chủ trì"), ("mid_term_review", "Chủ trì"), ("final_review", "Chủ trì"),
]  # fmt: skip
"""Sở Tài chính tỉnh Bắc Ninh on 29/11/2026: what Sở KH&ĐT (1.1, 4.1, 5.2, 6.1, 8.1.c, 8.9.c,
the duties of mục IV) and Sở Tài chính (4.2, 8.9.d) led, and cooperated on (2.2 via Sở KH&ĐT)."""


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def _save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def finance_2025() -> bytes:
    return workbook.build_template(FINANCE, "2025", on=ON)


def _task_row(sheet, task_id: str) -> int:
    for number in range(FIRST, sheet.max_row + 1):
        if sheet[f"A{number}"].value == task_id:
            return number
    raise LookupError(task_id)


# --- the sheet ------------------------------------------------------------------------------


def test_a_merged_agency_answers_for_what_its_predecessors_led(finance_2025):
    sheet = _book(finance_2025)[TASKS]
    rows = [(r[0], r[2]) for r in sheet.iter_rows(min_row=FIRST, max_col=3, values_only=True)]
    assert rows == FINANCE_ROWS  # no task of "các sở, ban, ngành" (1.4), no annual report
    number = _task_row(sheet, "1.1")
    shown, note = sheet[f"B{number}"].value, sheet[f"B{number}"].comment.text
    assert shown.startswith("Sở Kế hoạch và Đầu tư: Tham mưu thành lập Ban Chỉ đạo")
    assert shown.endswith("…") and len(shown) <= task_sheet.SHORT_TEXT
    assert tasks.task("1.1").text_vi in note and tasks.task("1.1").summary_en in note
    assert sheet[f"C{_task_row(sheet, '2.2')}"].font.italic  # cooperating: optional, set apart
    assert "dòng Phối hợp báo cáo phần đóng góp (không bắt buộc)" in sheet["A3"].value


def test_the_sheets_rows_are_those_the_task_catalog_gives_every_agency():
    for agency_id in task_sheet.task_agencies(ON):
        found = [(r.task_id, r.role) for r in task_sheet.task_rows(agency_id, "2025", ON)]
        given = tasks.tasks_for_agency(agency_id, ON) + tasks.duties_for_agency(agency_id, ON)
        assert found == [
            (getattr(a.item, "task_id", None) or a.item.duty_id, a.role)
            for a in given
            if a.role != "all" and getattr(a.item, "recurrence", "once") == "once"
        ], agency_id


def test_collectives_and_the_local_level_report_no_task():
    assert task_sheet.task_rows("ubnd_xa_phuong", "2025", ON) == ()  # UBND các xã, phường
    assert task_sheet.task_rows("cac_so_ban_nganh", "2025", ON) == ()
    assert task_sheet.task_rows("ubnd_huyen", "2024", dt.date(2024, 6, 1)) == ()
    assert task_sheet.task_rows(FINANCE, "2021", ON) == ()  # before the plan's year
    assert "ubnd_xa_phuong" not in task_sheet.task_agencies(ON)
    expected = task_sheet.expected_task_reports("2025", ON)
    assert len(expected) == 49 and "1.4" not in set(expected["task_id"])
    assert (expected["deadline"] == dt.date(2026, 1, 15)).all()
    assert expected[expected["task_id"] == "2.4"]["agency_id"].tolist() == [
        "dai_phat_thanh_truyen_hinh",
        NEWSPAPER,
    ]  # two leads, two reports expected
    assert task_sheet.expected_task_reports("2021", ON).empty
    reporting = task_sheet.reporting_agencies(ON)
    assert reporting[:5] == [
        "so_cong_thuong_bac_ninh",
        "so_khoa_hoc_cong_nghe_bac_ninh",
        "so_nong_nghiep_moi_truong_bac_ninh",
        "so_xay_dung_bac_ninh",
        FINANCE,
    ]  # figures first, then tasks only
    assert NEWSPAPER in reporting and len(reporting) == 14


def test_only_status_dates_texts_and_comment_take_input(finance_2025):
    sheet = _book(finance_2025)[TASKS]
    assert sheet.protection.sheet and not sheet.protection.password
    unlocked = {
        cell.column_letter
        for row in sheet.iter_rows(min_row=FIRST, max_col=len(layout.TASK_COLUMNS))
        for cell in row
        if not cell.protection.locked
    }
    assert unlocked == {"D", "E", "F", "G", "H", "I", "J", "L"}
    assert [c.value for c in sheet[layout.HEADER_ROW]][:4] == [
        "Mã nhiệm vụ\nTask id", "Nhiệm vụ (Kế hoạch; toàn văn ở ghi chú ô)\nTask (the plan; full"
        " text in the cell's note)", "Vai trò\nRole", "Tình trạng\nStatus",
    ]  # fmt: skip


def _validations(sheet) -> dict[str, object]:
    by_cell = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            for row, column in cell_range.cells:
                by_cell[f"{chr(64 + column)}{row}"] = validation
    return by_cell


def test_validation_of_status_and_dates_comes_from_the_intakes_rules(finance_2025):
    by_cell = _validations(_book(finance_2025)[TASKS])
    for number in range(FIRST, FIRST + len(FINANCE_ROWS)):
        status = by_cell[f"D{number}"]
        assert (status.type, status.errorStyle) == ("list", "stop")
        assert status.formula1 == '"Chưa triển khai,Đang thực hiện,Hoàn thành"'
        done, due = by_cell[f"E{number}"], by_cell[f"F{number}"]
        assert (done.type, done.operator) == ("date", "lessThanOrEqual")
        assert dt.date(1899, 12, 30) + dt.timedelta(int(done.formula1)) == dt.date(2025, 12, 31)
        assert (due.type, due.operator) == ("date", "greaterThanOrEqual")
        first = dt.date(1899, 12, 30) + dt.timedelta(int(due.formula1))
        assert first == checks.TASK_DEADLINE_FIRST == dt.date(2022, 10, 15)
        for letter in "GHIJL":
            assert by_cell[f"{letter}{number}"].formula1 == str(checks.TEXT_MAX)
    assert [vi for vi, _ in checks.TASK_STATUS_LABELS.values()] == [
        "Chưa triển khai", "Đang thực hiện", "Hoàn thành"
    ]  # fmt: skip
    assert tuple(checks.TASK_STATUS_LABELS) == datasets.TASK_REPORT_STATUSES


def test_an_agency_with_tasks_only_gets_a_workbook_that_reads_back():
    data = workbook.build_template(NEWSPAPER, "2025", example=True, on=ON)
    book = _book(data)
    assert book.sheetnames == [layout.INSTRUCTIONS_SHEET, TASKS, layout.META_SHEET]
    instructions = book[layout.INSTRUCTIONS_SHEET]
    assert instructions["A1"].value == "Mẫu báo cáo nhiệm vụ tăng trưởng xanh tỉnh Bắc Giang"
    text = "\n".join(str(c.value) for row in instructions.iter_rows() for c in row if c.value)
    assert (
        "Năm 2025: tình hình tính đến hết ngày 31/12/2025" in text and "Giá trị là số" not in text
    )
    found = read_workbook(data, agency_id=NEWSPAPER, period="2025", on=ON)
    assert found.ok and found.problems == [] and found.rows.empty
    assert found.tasks[["task_id", "role"]].values.tolist() == [["2.4", "lead"]]
    assert found.tasks["status"].notna().all() and found.blank_lead_tasks == []


def _published_with_reports(directory, *reports) -> sources.DataSource:
    """A copy of the published data with these task reports (task, agency, role, year, status,
    deadline, progress)."""
    copy_published(directory)
    rows = [
        {"task_id": t, "agency_id": a, "role": r, "year": y, "status": s, "completed_on": None,
         "deadline": d, "progress": p, "evidence": None, "obstacles": None, "proposals": None,
         "provenance": "reported", "source_title": "Báo cáo", "source_url": None, "note": None}
        for t, a, r, y, s, d, p in reports
    ]  # fmt: skip
    frame = generate.typed_frame(rows, datasets.TASK_REPORTS)
    table = pa.Table.from_pandas(
        frame, schema=generate.arrow_schema(datasets.TASK_REPORTS), preserve_index=False
    )
    pq.write_table(table, directory / datasets.TASK_REPORTS.file)
    return sources.published(directory)


def test_previous_period_shows_the_published_report_of_the_agency_or_its_predecessor(tmp_path):
    source = _published_with_reports(
        tmp_path / "data",
        ("4.2", "so_tai_chinh", "lead", 2024, "in_progress", dt.date(2025, 6, 30), "Dự thảo"),
        ("4.2", "so_cong_thuong", "cooperating", 2024, "in_progress", None, "Góp ý"),
        ("1.1", FINANCE, "lead", 2023, "completed", None, "Hai năm trước"),
        ("8.9.d", FINANCE, "lead", 2024, "not_started", None, "x" * 300),
    )
    sheet = _book(workbook.build_template(FINANCE, "2025", on=ON, source=source))[TASKS]
    previous = {r[0]: r[10] for r in sheet.iter_rows(min_row=FIRST, values_only=True)}
    assert previous["4.2"] == "Đang thực hiện; hạn 30/06/2025; Dự thảo"  # Sở TC, now merged
    assert previous["1.1"] is None  # 2023 is not the previous period
    assert previous["8.9.d"].startswith("Chưa triển khai; xxx") and previous["8.9.d"].endswith("…")
    assert sheet[f"{L['previous']}{FIRST}"].fill.fgColor.rgb.endswith("F2F2F2")


def test_example_task_reports_are_a_deterministic_mix_that_passes_the_intake():
    first, again = (
        read_workbook(workbook.build_template(FINANCE, "2025", example=True, on=ON), on=ON)
        for _ in range(2)
    )
    assert first.problems == [] and first.tasks.equals(again.tasks)
    lead = first.tasks[first.tasks["role"] == "lead"]
    assert lead["status"].notna().all()
    assert set(lead["status"]) == {"not_started", "in_progress", "completed"}
    texts = first.tasks[["progress", "evidence", "obstacles", "proposals"]].stack()
    assert all(text.endswith("(minh họa)") for text in texts if text)
    done = lead[lead["status"] == "completed"]
    assert (done["completed_on"] <= dt.date(2025, 12, 31)).all()
    assert done["evidence"].str.contains("(minh họa)", regex=False).all()
    midterm = lead.set_index("task_id").loc["mid_term_review"]
    assert midterm["deadline"] == dt.date(2025, 12, 31)  # the year the plan sets


# --- reading it back: one bad file per defect ----------------------------------------------


@pytest.fixture(scope="module")
def finance_2026() -> bytes:
    return workbook.build_template(FINANCE, "2026", on=ON)


def _fill(row_of: str, **cells):
    """An edit writing `cells` (column key -> value) into the row of task `row_of`."""

    def change(book):
        sheet = book[TASKS]
        number = _task_row(sheet, row_of)
        for key, value in cells.items():
            sheet[f"{L[key]}{number}"] = value

    return change


def _delete_row(book):
    sheet = book[TASKS]
    sheet.delete_rows(_task_row(sheet, "4.2"))


def _copy_row(book):
    sheet = book[TASKS]
    number = _task_row(sheet, "4.2")
    for column in range(1, len(layout.TASK_COLUMNS) + 1):
        sheet.cell(sheet.max_row + 1 if column == 1 else sheet.max_row, column,
                   sheet.cell(number, column).value)  # fmt: skip


def _drop_sheet(book):
    book.remove(book[TASKS])


EVIDENCE = "QĐ số 12/QĐ-UBND ngày 01/03/2026"
DONE = {"status": "Hoàn thành", "evidence": EVIDENCE}
TASK_DEFECTS = {
    # the file's name: (how it is made from the blank 2026 template, the rules refusing it)
    "status-typo.xlsx": (_fill("4.2", status="Xong rồi"), ["task_unknown_status"]),
    "status-missing.xlsx": (_fill("4.2", progress="Đã trình dự thảo"), ["task_status_missing"]),
    "completed-without-date.xlsx": (_fill("4.2", **DONE), ["task_completed_without_date"]),
    "completion-date-in-words.xlsx": (
        _fill("4.2", **DONE, completed_on="quý 3/2026"),
        ["task_completed_without_date", "task_not_a_date"],
    ),
    "completion-date-in-future.xlsx": (
        _fill("4.2", **DONE, completed_on=dt.date(2026, 12, 20)),
        ["task_completed_in_future"],
    ),
    "completion-date-while-in-progress.xlsx": (
        _fill("4.2", status="Đang thực hiện", completed_on=dt.date(2026, 3, 1)),
        ["task_date_without_completion"],
    ),
    "deadline-before-the-plan.xlsx": (
        _fill("4.2", status="Đang thực hiện", deadline=dt.date(2021, 12, 31)),
        ["task_deadline_before_plan"],
    ),
    "progress-too-long.xlsx": (
        _fill("4.2", status="Đang thực hiện", progress="x" * (checks.TEXT_MAX + 1)),
        ["text_too_long"],
    ),
    "formula-in-status.xlsx": (_fill("4.2", status='=IF(1,"Hoàn thành","")'), ["formula"]),
    "task-row-deleted.xlsx": (_delete_row, ["missing_task_row"]),
    "task-id-changed.xlsx": (_fill("4.2", task_id="9.9"), ["missing_task_row", "unknown_task"]),
    "task-row-copied.xlsx": (_copy_row, ["duplicate_task_row"]),
    "role-changed.xlsx": (_fill("4.2", role="Phối hợp"), ["wrong_role"]),
    "tasks-header-changed.xlsx": (
        lambda book: book[TASKS].cell(layout.HEADER_ROW, 4, "Trạng thái"),
        ["header_changed"],
    ),
    "tasks-sheet-deleted.xlsx": (_drop_sheet, ["missing_sheet"]),
}


def _edit(data: bytes, change) -> bytes:
    book = _book(data)
    change(book)
    return _save(book)


@pytest.mark.parametrize("name", TASK_DEFECTS)
def test_each_defect_of_the_tasks_sheet_is_refused_with_its_place(finance_2026, name):
    change, rules = TASK_DEFECTS[name]
    found = read_workbook(_edit(finance_2026, change), agency_id=FINANCE, period="2026", on=ON)
    assert sorted(p.rule for p in found.problems) == sorted(rules), name
    assert not found.ok
    for item in found.problems:
        assert item.sheet == (None if item.rule == "missing_sheet" else TASKS), name
        assert item.fix_vi and item.fix_en and item.expected_vi and item.expected_en
        if item.rule not in ("missing_task_row", "missing_sheet"):
            assert item.row is not None and item.column is not None, name


def test_a_defect_says_where_what_was_found_and_how_to_fix_in_both_languages(finance_2026):
    change = _fill("4.2", **DONE, completed_on=dt.date(2026, 12, 20))
    (found,) = read_workbook(_edit(finance_2026, change), on=ON).problems
    row = _task_row(_book(finance_2026)[TASKS], "4.2")
    assert (found.sheet, found.row, found.column, found.found) == (TASKS, row, "E", "20/12/2026")
    assert found.message("vi").startswith(f"Trang tính 'Nhiệm vụ', dòng {row}, cột E: tìm thấy")
    assert "ngày hoàn thành không sau hôm nay (29/11/2026)" in found.message("vi")
    assert "a completion date not after today (29 Nov 2026)" in found.message("en")


def test_a_completed_task_without_evidence_needs_a_comment(finance_2026):
    bare = _fill("4.2", status="Hoàn thành", completed_on=dt.date(2026, 3, 1))
    found = read_workbook(_edit(finance_2026, bare), on=ON)
    assert found.ok and [p.rule for p in found.needs_comments] == ["task_missing_evidence"]
    commented = _fill("4.2", status="Hoàn thành", completed_on=dt.date(2026, 3, 1),
                      comment="Văn bản đang chờ số")  # fmt: skip
    found = read_workbook(_edit(finance_2026, commented), on=ON)
    assert found.ok and found.warnings and not found.needs_comments


def test_a_good_report_reads_statuses_dates_and_texts_blank_leads_listed(finance_2026):
    change = _fill("4.2", status="completed", completed_on="01/03/2026", deadline="2026-06-30",
                   evidence=EVIDENCE, progress="  Đã ban hành  ")  # fmt: skip
    found = read_workbook(_edit(finance_2026, change), agency_id=FINANCE, on=ON)
    assert found.ok and found.problems == []
    row = found.tasks.set_index("task_id").loc["4.2"]
    assert (row["role"], row["period"], row["status"]) == ("lead", "2026", "completed")
    assert (row["completed_on"], row["deadline"]) == (dt.date(2026, 3, 1), dt.date(2026, 6, 30))
    assert (row["progress"], row["evidence"]) == ("Đã ban hành", EVIDENCE)
    leads = [t for t, role in FINANCE_ROWS if role == "Chủ trì"]
    assert found.blank_lead_tasks == [t for t in leads if t != "4.2"]
    assert len(found.tasks) == len(FINANCE_ROWS)


def test_every_problem_of_a_file_at_once_figures_and_tasks_alike(finance_2026):
    def change(book):
        _fill("4.2", status="Xong")(book)
        _fill("8.9.d", **DONE)(book)
        book["Lối sống xanh (MT 7-12)"]["G5"] = "nhiều"

    found = read_workbook(_edit(finance_2026, change), on=ON)
    assert sorted(p.rule for p in found.problems) == [
        "not_a_number", "task_completed_without_date", "task_unknown_status",
    ]  # fmt: skip
    assert [p.sheet for p in found.problems][0] == "Lối sống xanh (MT 7-12)"  # workbook order


@pytest.mark.skipif(_calc_missing(), reason="LibreOffice Calc and pdftoppm are needed")
def test_render_the_tasks_sheet_with_libreoffice_and_read_a_saved_copy(tmp_path):
    """The tasks sheet as LibreOffice prints it, for people to look at
    (test-artifacts/issue13-template-tasks-vi.png); a copy LibreOffice saves reads back alike."""
    source = tmp_path / "issue13-template.xlsx"
    data = workbook.build_template(FINANCE, "2025", example=True, on=ON)
    source.write_bytes(data)
    (tmp_path / "saved").mkdir()
    saved = read_workbook(_soffice("xlsx", source, tmp_path / "saved"), on=ON)
    assert saved.problems == [] and saved.tasks.equals(read_workbook(data, on=ON).tasks)
    pdf = _soffice("pdf", source, tmp_path)
    png = page_png(pdf, _first_page_with(pdf, f"{TASKS} · "), tmp_path / "tasks")
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(png, ARTIFACTS / "issue13-template-tasks-vi.png")
