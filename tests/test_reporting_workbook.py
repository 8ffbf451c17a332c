"""The agency's report workbook: sheets of the groups it reports, pre-filled and locked rows,
Excel data validation from the same value rules as the intake, the hidden template data, the
previous period's published values, example values, the command line, and how LibreOffice
shows it (rendered to PNG into test-artifacts/; docs/screenshots/issue12-template-*.png are copies)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from PIL import Image

from ttx_data import __main__ as cli
from ttx_data import sources
from ttx_data.paths import PROJECT_ROOT
from ttx_data.reporting import checks, layout, regime, workbook
from ttx_data.reporting.intake import read_workbook

ON = dt.date(2026, 11, 29)
AGRICULTURE = "so_nong_nghiep_moi_truong_bac_ninh"
FINANCE = "so_tai_chinh_bac_ninh"
ECONOMY, LIFESTYLE, TRANSITION = (
    "Kinh tế xanh (MT 1-6)",
    "Lối sống xanh (MT 7-12)",
    "Chuyển đổi công bằng (MT 13-15)",
)
TASKS = "Nhiệm vụ"


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def agriculture_2025() -> bytes:
    return workbook.build_template(AGRICULTURE, "2025", on=ON)


def _rows(sheet) -> list[tuple]:
    return [
        tuple(c.value for c in row)
        for row in sheet.iter_rows(min_row=layout.FIRST_DATA_ROW, max_col=len(layout.COLUMNS))
    ]


def test_only_the_groups_an_agency_reports_have_a_sheet():
    book = _book(workbook.build_template(FINANCE, "2026", on=ON))  # t11, t13, and tasks
    assert book.sheetnames == [
        layout.INSTRUCTIONS_SHEET, LIFESTYLE, TRANSITION, TASKS, layout.META_SHEET
    ]  # fmt: skip
    book = _book(workbook.build_template(FINANCE, "2021", on=ON))  # before the plan: no tasks
    assert book.sheetnames == [layout.INSTRUCTIONS_SHEET, LIFESTYLE, TRANSITION, layout.META_SHEET]
    book = _book(workbook.build_template(AGRICULTURE, "2026", on=ON))
    assert book.sheetnames[1:4] == [ECONOMY, LIFESTYLE, TRANSITION]


def test_headers_in_both_languages_with_the_unit(agriculture_2025):
    sheet = _book(agriculture_2025)[ECONOMY]
    headers = [c.value for c in sheet[layout.HEADER_ROW]]
    assert headers[:3] == [
        "Mã chỉ tiêu\nIndicator id", "Chỉ tiêu\nIndicator", "Đơn vị tính\nUnit of measure",
    ]  # fmt: skip
    assert headers[6] == "Giá trị\nValue" and headers[9] == "Kỳ trước\nPrevious period"
    assert headers[-1] == "Giải trình cảnh báo\nComment on warnings"
    assert "Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh" in sheet["A1"].value
    assert "Department of Agriculture and Environment" in sheet["A2"].value
    assert "15/01/2026" in sheet["A3"].value and "15 Jan 2026" in sheet["A3"].value


def test_a_row_for_every_area_to_report(agriculture_2025):
    rows = _rows(_book(agriculture_2025)[ECONOMY])
    forest = [r for r in rows if r[0] == "t05b_certified_forest_area"]
    # the province, then the 9 plan districts that existed in 2025 (not Yên Dũng 221)
    assert [r[4] for r in forest] == [
        "24",
        "213",
        "215",
        "216",
        "217",
        "218",
        "219",
        "220",
        "222",
        "223",
    ]
    assert forest[0][2:6] == ("ha", "Tỉnh", "24", "Tỉnh Bắc Ninh (địa bàn tỉnh Bắc Giang cũ)")
    assert forest[1][3:6] == ("Huyện", "213", "Thành phố Bắc Giang")
    assert all(r[6] is None and r[7] is None for r in rows)  # nothing filled in
    communes = _rows(_book(workbook.build_template(AGRICULTURE, "2026", on=ON))[ECONOMY])
    forest = [r for r in communes if r[0] == "t05b_certified_forest_area"]
    assert len(forest) == 58 and {r[3] for r in forest} == {"Xã, phường"}
    assert ("07228", "Phường Đa Mai") in {(r[4], r[5]) for r in forest}


def test_previous_period_shows_the_published_values(agriculture_2025):
    published = sources.published().dataset("observations")
    rows = _rows(_book(agriculture_2025)[ECONOMY])
    shown = {(r[0], r[4]): r[9] for r in rows}
    for indicator_id, code in [("t05a_forest_cover", "24"), ("t05b_certified_forest_area", "219")]:
        value = published.loc[
            (published["indicator_id"] == indicator_id)
            & (published["area_code"] == code)
            & (published["year"] == 2024),
            "value",
        ].item()
        assert shown[(indicator_id, code)] == value


def test_only_value_source_note_and_comment_cells_take_input(agriculture_2025):
    book = _book(agriculture_2025)
    assert book.security.lockStructure
    for name in book.sheetnames:
        assert book[name].protection.sheet, name
        assert not book[name].protection.password  # protected without a password (documented)
    sheet = book[ECONOMY]
    unlocked = {
        cell.column_letter
        for row in sheet.iter_rows(min_row=layout.FIRST_DATA_ROW, max_col=len(layout.COLUMNS))
        for cell in row
        if not cell.protection.locked
    }
    assert unlocked == {"G", "H", "I", "K"}
    assert all(cell.protection.locked for cell in sheet[layout.HEADER_ROW])


def test_data_validation_comes_from_the_shared_value_rules(agriculture_2025):
    sheet = _book(agriculture_2025)[ECONOMY]
    by_cell = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            for row, column in cell_range.cells:
                by_cell[f"{get_column_letter(column)}{row}"] = validation
    units = {"%": "pct", "ha": "ha"}
    for number, row in enumerate(_rows(sheet), start=layout.FIRST_DATA_ROW):
        rule = checks.VALUE_RULES[units[row[2]]]
        validation = by_cell[f"G{number}"]
        assert (validation.type, validation.errorStyle) == ("decimal", "stop")
        assert float(validation.formula1) == rule.minimum
        assert validation.formula2 == (None if rule.maximum is None else f"{rule.maximum:g}")
        assert by_cell[f"H{number}"].type == "textLength"
        assert by_cell[f"H{number}"].formula1 == str(checks.TEXT_MAX)
    assert "từ 0 đến 100" in by_cell["G5"].error and "from 0 to 100" in by_cell["G5"].error


def test_changing_a_value_rule_changes_the_template_and_the_intake_alike(monkeypatch):
    narrow = checks.ValueRule(
        "share_outside_0_100", "pct", "decimal", 0, 50, "một tỷ lệ", "a share"
    )
    monkeypatch.setitem(checks.VALUE_RULES, "pct", narrow)
    data = workbook.build_template("so_xay_dung_bac_ninh", "2026", on=ON)
    sheet = _book(data)[LIFESTYLE]
    assert {v.formula2 for v in sheet.data_validations.dataValidation if v.type == "decimal"} == {
        "50"
    }
    sheet["G5"] = 60
    out = io.BytesIO()
    sheet.parent.save(out)
    found = read_workbook(out.getvalue(), on=ON)
    assert [p.rule for p in found.fatal] == ["share_outside_0_100"]


def test_template_data_name_agency_period_version_and_layout(agriculture_2025):
    book = _book(agriculture_2025)
    meta = book[layout.META_SHEET]
    assert meta.sheet_state == "veryHidden"
    values = {row[0]: row[1] for row in meta.iter_rows(values_only=True)}
    expected = layout.expected_layout(AGRICULTURE, "2025", ON)
    assert values == {
        "template": layout.TEMPLATE_ID,
        "version": layout.TEMPLATE_VERSION,
        "agency_id": AGRICULTURE,
        "period": "2025",
        "layout": expected.fingerprint(),
        "example": "false",
        "generated_on": "2026-11-29",
    }
    other = layout.expected_layout(AGRICULTURE, "2024", ON)
    assert other.fingerprint() != expected.fingerprint()


def test_instructions_in_vietnamese_and_english(agriculture_2025):
    sheet = _book(agriculture_2025)[layout.INSTRUCTIONS_SHEET]
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    for words in [
        "Mẫu báo cáo chỉ tiêu và nhiệm vụ tăng trưởng xanh tỉnh Bắc Giang",
        "Green growth indicator and task report",
        "Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh (so_nong_nghiep_moi_truong_bac_ninh)",
        "Năm 2025: số liệu tính đến hết ngày 31/12/2025",
        "Year 2025: figures as of 31 Dec 2025",
        "Sở Tài chính tỉnh Bắc Ninh (cơ quan thường trực Ban Chỉ đạo TTX)",
        "mục IV.2.2",
        "không công thức",
        "no formula",
        "một tỷ lệ phần trăm (nhập 45,2 chứ không 0,452) từ 0 đến 100",
        "an area in hectares, not negative (≥ 0)",
        "cảnh báo khi thay đổi quá 1,5 lần",
        "Trang tính Nhiệm vụ: một dòng cho mỗi nhiệm vụ",
        "8 nhiệm vụ chủ trì, 6 nhiệm vụ phối hợp",
        "Status: pick Not started, In progress, Completed",
        "from the plan's date, 15 Oct 2022",
    ]:
        assert words in text, words
    assert "BẢN VÍ DỤ" not in text


def test_example_values_are_plausible_deterministic_and_pass_the_intake():
    data = workbook.build_template(AGRICULTURE, "2025", example=True, on=ON)
    again = workbook.build_template(AGRICULTURE, "2025", example=True, on=ON)
    first, second = (
        read_workbook(d, agency_id=AGRICULTURE, period="2025", on=ON) for d in (data, again)
    )
    assert first.problems == [] and first.ok and first.example
    assert first.rows["value"].notna().all() and len(first.rows) == 112
    assert first.rows.equals(second.rows)
    previous = layout.previous_values(
        layout.expected_layout(AGRICULTURE, "2025", ON), sources.published()
    )
    for row in first.rows.itertuples():
        before = previous.get((row.indicator_id, row.area_level, row.area_code))
        if before:
            assert abs(row.value - before) <= 0.03 * before + 0.05, row
    assert (first.rows["source_ref"] == workbook.EXAMPLE_SOURCE).all()
    sheet = _book(data)[layout.INSTRUCTIONS_SHEET]
    assert sheet["A4"].value == "BẢN VÍ DỤ\nEXAMPLE"


def test_example_values_without_history_start_from_the_province():
    # 2026: the communes have no 2025 figures; certified forest is shared out by area
    data = workbook.build_template(AGRICULTURE, "2026", example=True, on=ON)
    found = read_workbook(data, on=ON)
    assert found.problems == []
    forest = found.rows[found.rows["indicator_id"] == "t05b_certified_forest_area"]
    assert len(forest) == 58 and (forest["value"] >= 0).all()
    published = sources.published().dataset("observations")
    province_2025 = published.loc[
        (published["indicator_id"] == "t05b_certified_forest_area")
        & (published["area_code"] == "24")
        & (published["year"] == 2025),
        "value",
    ].item()
    assert forest["value"].sum() == pytest.approx(province_2025, rel=0.04)


def test_filled_cells_are_written_as_given_and_every_other_row_left_empty():
    forest = ("t05a_forest_cover", "province", "24")
    water = ("t15a_clean_water_total_share", "district", "213")
    filled = {
        forest: {"value": 37.61, "source_ref": "QĐ 1/QĐ-UBND", "note": "a", "comment": "b"},
        water: {"note": "chưa có số liệu"},
    }
    data = workbook.build_template(AGRICULTURE, "2025", example=True, on=ON, filled=filled)
    found = read_workbook(data, agency_id=AGRICULTURE, period="2025", on=ON)
    assert found.ok and found.example
    rows = found.rows.set_index(["indicator_id", "area_level", "area_code"])
    assert rows.loc[forest, ["value", "source_ref", "note", "comment"]].tolist() == [
        37.61, "QĐ 1/QĐ-UBND", "a", "b"
    ]  # fmt: skip
    assert pd.isna(rows.loc[water, "value"]) and rows.loc[water, "note"] == "chưa có số liệu"
    assert rows["value"].notna().sum() == 1  # no example value where none was given
    with pytest.raises(ValueError, match="previous"):
        workbook.build_template(AGRICULTURE, "2025", on=ON, filled={forest: {"previous": 1.0}})


def test_no_cell_of_the_template_is_a_formula():
    book = _book(workbook.build_template(AGRICULTURE, "2026", example=True, on=ON))
    assert not [
        c for s in book.worksheets for row in s.iter_rows() for c in row if c.data_type == "f"
    ]


def test_an_agency_with_nothing_to_report_or_a_bad_period_is_refused():
    with pytest.raises(regime.AgencyError, match="nay là so_xay_dung_bac_ninh.*is now"):
        workbook.build_template("so_xay_dung", "2026", on=ON)
    nothing = "không báo cáo chỉ tiêu hay nhiệm vụ nào.*reports no indicator and no task"
    with pytest.raises(regime.AgencyError, match=nothing):
        workbook.build_template("ubnd_xa_phuong", "2026", on=ON)  # the local level (documented)
    with pytest.raises(regime.AgencyError, match=nothing):
        workbook.build_template("bao_bac_giang", "2021", on=ON)  # tasks only, before the plan
    with pytest.raises(regime.PeriodError):
        workbook.build_template(AGRICULTURE, "2031", on=ON)


def test_cli_writes_the_template(tmp_path, capsys):
    out = tmp_path / "bao-cao.xlsx"
    args = ["template", "--agency", FINANCE, "--period", "2026", "--example", "-o", str(out)]
    assert cli.main(args) == 0
    assert capsys.readouterr().out.split("\t")[1:3] == [FINANCE, "2026"]
    found = read_workbook(out, agency_id=FINANCE, period="2026")
    assert found.ok and found.rows["value"].notna().all()


@pytest.mark.parametrize(
    ("agency", "period", "message"),
    [
        ("so_khong_co", "2026", "Không có cơ quan 'so_khong_co'"),
        ("uy_ban_mttq_tinh", "2026", "reports no indicator and no task"),
        (FINANCE, "2031", "Reporting period '2031' is not valid"),
        (FINANCE, "26", "Kỳ báo cáo '26' không hợp lệ"),
    ],
)
def test_cli_bad_agency_or_period_exits_2_in_both_languages(
    tmp_path, capsys, agency, period, message
):
    out = tmp_path / "x.xlsx"
    assert cli.main(["template", "--agency", agency, "--period", period, "-o", str(out)]) == 2
    error = capsys.readouterr().err
    assert message in error and " / " in error
    assert not out.exists()


ARTIFACTS = PROJECT_ROOT / "test-artifacts"


def _soffice(convert_to: str, source: Path, outdir: Path) -> Path:
    """`source` converted by LibreOffice headless (its own profile) into `outdir`."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    profile = (outdir / "profile").as_uri()
    command = [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to"]
    command += [convert_to, "--outdir", str(outdir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=240)
    return outdir / f"{source.stem}.{convert_to}"


def _calc_missing() -> bool:
    """LibreOffice Calc is needed (soffice alone may be Impress only)."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    return (
        program is None
        or shutil.which("pdftoppm") is None
        or not list(Path("/usr/lib/libreoffice/program").glob("libsclo.so"))
    )


@pytest.mark.skipif(_calc_missing(), reason="LibreOffice Calc and pdftoppm are needed")
def test_a_copy_saved_by_libreoffice_still_reads_without_problems(tmp_path):
    source = tmp_path / "mau.xlsx"
    source.write_bytes(workbook.build_template(AGRICULTURE, "2026", example=True, on=ON))
    (tmp_path / "saved").mkdir()
    saved = _soffice("xlsx", source, tmp_path / "saved")
    found = read_workbook(saved, agency_id=AGRICULTURE, on=ON)
    assert found.problems == [] and found.rows["value"].notna().all()


def _first_page_with(pdf: Path, words: str) -> int:
    """The first page of a PDF whose text holds `words` (pdftotext, one page at a time)."""
    for page in range(1, 20):
        command = ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            break
        if words in done.stdout:
            return page
    raise AssertionError(f"no page of {pdf.name} shows {words!r}")


def page_png(pdf: Path, page: int, prefix: Path) -> Path:
    """One page of a PDF as PNG (pdftoppm, 150 dpi), checked to hold text, not a blank page."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page), "-singlefile",
         str(pdf), str(prefix)],
        check=True, timeout=120,
    )  # fmt: skip
    png = prefix.with_suffix(".png")
    assert png.stat().st_size > 20_000
    return png


@pytest.mark.skipif(_calc_missing(), reason="LibreOffice Calc and pdftoppm are needed")
def test_render_the_template_with_libreoffice(tmp_path):
    """Instructions and a group sheet as LibreOffice prints them, for people to look at
    (test-artifacts/issue12-template-{instructions,sheet}-vi.png)."""
    source = tmp_path / "issue12-template.xlsx"
    source.write_bytes(workbook.build_template(AGRICULTURE, "2025", example=True, on=ON))
    pdf = _soffice("pdf", source, tmp_path)
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(pdf, ARTIFACTS / pdf.name)
    pages = {"instructions": 1, "sheet": _first_page_with(pdf, f"{ECONOMY} · ")}
    for name, page in pages.items():
        png = page_png(pdf, page, tmp_path / name)
        if name == "sheet":  # the upper half of the table: legible without zooming
            with Image.open(png) as image:
                image.crop((0, 0, image.width, image.height // 2)).save(png)
        shutil.copyfile(png, ARTIFACTS / f"issue12-template-{name}-vi.png")
