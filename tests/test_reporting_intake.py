"""Reading a filled report: one small bad file per refusal kind, named for its defect, made here
from a good template (edited with openpyxl, re-zipped, or written as raw bytes); warnings that
need a comment; every problem of a file at once, with sheet, row and column, in both languages."""

from __future__ import annotations

import datetime as dt
import io
import struct
import time
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from PIL import Image

from ttx_data.reporting import intake, layout, workbook
from ttx_data.reporting.intake import read_workbook

ON = dt.date(2026, 11, 29)
AGRICULTURE = "so_nong_nghiep_moi_truong_bac_ninh"
FINANCE = "so_tai_chinh_bac_ninh"
ECONOMY, LIFESTYLE, TRANSITION = (
    "Kinh tế xanh (MT 1-6)",
    "Lối sống xanh (MT 7-12)",
    "Chuyển đổi công bằng (MT 13-15)",
)
FIRST = layout.FIRST_DATA_ROW  # t04a_hightech_agriculture_share, province (a share, in %)


@pytest.fixture(scope="module")
def good() -> bytes:
    """Sở NN&MT's 2025 report filled with example values: reads without any problem."""
    return workbook.build_template(AGRICULTURE, "2025", example=True, on=ON)


def _read(data, **expected) -> intake.Intake:
    return read_workbook(data, on=ON, **expected)


def _edit(data: bytes, change) -> bytes:
    """The workbook with `change(book)` applied, saved again by openpyxl."""
    book = load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row(sheet, indicator_id: str, code: str) -> int:
    for number in range(FIRST, sheet.max_row + 1):
        if sheet[f"A{number}"].value == indicator_id and sheet[f"E{number}"].value == code:
            return number
    raise LookupError((indicator_id, code))


def _rezip(data: bytes, extra: dict[str, bytes] | None = None, replace=None) -> bytes:
    """The template's zip with parts added (or a part's bytes replaced)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            body = old.read(item)
            new.writestr(item, replace(item.filename, body) if replace else body)
        for name, body in (extra or {}).items():
            new.writestr(name, body)
    return out.getvalue()


def _ole(*names: str) -> bytes:
    """A minimal OLE2 compound file (Office 97-2003 container) whose directory lists `names`."""
    header = bytearray(512)
    header[:8] = intake.OLE_SIGNATURE
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)  # version 3, 512-byte sectors
    struct.pack_into("<I", header, 48, 0)  # the directory starts at sector 0
    directory = bytearray(512)
    for index, name in enumerate(names):
        encoded = (name + "\0").encode("utf-16-le")
        entry = 128 * index
        directory[entry : entry + len(encoded)] = encoded
        struct.pack_into("<HB", directory, entry + 64, len(encoded), 5 if index == 0 else 2)
    return bytes(header + directory)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, "PNG")
    return out.getvalue()


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def _plain_workbook() -> bytes:
    book = Workbook()
    book.active["A1"] = "Báo cáo"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _content_types_macro(name: str, body: bytes) -> bytes:
    if name != "[Content_Types].xml":
        return body
    return body.replace(b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")


def _entity_bomb(name: str, body: bytes) -> bytes:
    """A sheet whose first text expands to 10⁹ "lol"s through nested XML entities."""
    if name != "xl/worksheets/sheet2.xml":
        return body
    entities = b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1)) * 10) for i in range(1, 10)
    )
    doctype = b'<!DOCTYPE lolz [<!ENTITY lol0 "lol">' + entities + b"]>"
    body = body.split(b"?>", 1)[1] if body.startswith(b"<?xml") else body
    return doctype + body.replace(b"<t>", b"<t>&lol9;", 1)


BAD_FILES = {
    # name of the file: (how it is made from the good template, the rule refusing it)
    "zero-bytes.xlsx": (lambda good: b"", "empty_file"),
    "csv-renamed.xlsx": (
        lambda good: "indicator_id,area_code,value\r\nt05a_forest_cover,24,37.8\r\n".encode(
            "utf-8-sig"
        ),
        "csv_or_text",
    ),
    "xls-signature.xlsx": (lambda good: _ole("Root Entry", "Workbook"), "xls_legacy"),
    "password-encrypted-ole.xlsx": (
        lambda good: _ole("Root Entry", "EncryptionInfo", "EncryptedPackage"),
        "encrypted",
    ),
    "other-ole-document.xlsx": (lambda good: _ole("Root Entry", "WordDocument"), "ole_other"),
    "picture-png.xlsx": (lambda good: _png(), "image"),
    "scan-pdf.xlsx": (lambda good: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "image"),
    "random-bytes.xlsx": (lambda good: bytes(range(256)) * 8, "unknown_format"),
    "cut-short.xlsx": (lambda good: good[: len(good) // 2], "damaged_file"),
    "opendocument.xlsx": (
        lambda good: _zip(
            {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}
        ),
        "opendocument",
    ),
    "word-document.xlsx": (
        lambda good: _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}),
        "not_excel",
    ),
    "xlsm-with-vbaproject.xlsx": (
        lambda good: _rezip(good, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 vba"}),
        "macros",
    ),
    "macro-enabled-content-type.xlsx": (
        lambda good: _rezip(good, replace=_content_types_macro),
        "macros",
    ),
    "picture-inside.xlsx": (lambda good: _rezip(good, {"xl/media/image1.png": _png()}), "embedded_content"),
    "embedded-object.xlsx": (
        lambda good: _rezip(good, {"xl/embeddings/oleObject1.bin": b"ole"}),
        "embedded_content",
    ),
    "external-link.xlsx": (
        lambda good: _rezip(good, {"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}),
        "embedded_content",
    ),
    "zip-bomb-declared-size.xlsx": (
        lambda good: _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": bytes(60 * 2**20)}),
        "zip_bomb",
    ),
    "zip-bomb-compression-ratio.xlsx": (  # 8 MB of zeros in one part of a few KB
        lambda good: _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": bytes(8 * 2**20)}),
        "zip_bomb",
    ),
    "zip-bomb-total-size.xlsx": (  # 60 parts of 1 MB each: none alone looks like a bomb
        lambda good: _zip({f"xl/worksheets/sheet{i}.xml": bytes(2**20) for i in range(60)}),
        "zip_bomb",
    ),
    "zip-bomb-many-parts.xlsx": (
        lambda good: _zip({f"xl/part{i}.xml": b"<x/>" for i in range(150)}),
        "zip_bomb",
    ),
    "not-a-template.xlsx": (lambda good: _plain_workbook(), "not_template"),
    "xml-entity-bomb.xlsx": (lambda good: _rezip(good, replace=_entity_bomb), "damaged_file"),
}  # fmt: skip


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_file_that_is_not_this_template_is_refused_saying_why(good, tmp_path, name):
    make, rule = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(make(good))
    found = _read(path)
    assert not found.ok
    assert [p.rule for p in found.problems] == [rule]
    problem = found.problems[0]
    assert problem.sheet is None and problem.fatal
    assert problem.message("vi").startswith("Tệp: ")
    assert problem.message("en").startswith("File: ")
    assert found.rows.empty and list(found.rows.columns) == list(intake.ROW_COLUMNS)
    assert _read(path.read_bytes()).problems == found.problems  # bytes and files alike


def test_a_zip_bomb_is_refused_from_its_directory_without_unpacking(monkeypatch, good):
    data = BAD_FILES["zip-bomb-declared-size.xlsx"][0](good)
    assert len(data) < 200_000  # 60 MB of zeros, declared, in a small file
    read = []
    original = zipfile.ZipFile.read
    monkeypatch.setattr(
        zipfile.ZipFile,
        "read",
        lambda self, name, *a: read.append(name) or original(self, name, *a),
    )
    monkeypatch.setattr(intake, "load_workbook", lambda *a, **k: pytest.fail("opened the bomb"))
    found = _read(data)
    assert [p.rule for p in found.problems] == ["zip_bomb"]
    assert "60.0 MB" in found.problems[0].found
    assert read == []


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(monkeypatch, tmp_path, good):
    huge = tmp_path / "huge.xlsx"
    with open(huge, "wb") as handle:
        handle.truncate(intake.MAX_BYTES + 1)  # sparse: nothing written to disk
    monkeypatch.setattr(intake, "_binary", lambda data: pytest.fail("read the huge file"))
    found = _read(huge)
    assert [p.rule for p in found.problems] == ["too_large"]
    assert (
        found.problems[0]
        .message("en")
        .startswith("File: found «5.0 MB»; expected a file of at most 5.0 MB")
    )
    monkeypatch.undo()
    assert [p.rule for p in _read(good, max_bytes=len(good) - 1).problems] == ["too_large"]


def _set(sheet_name: str, cell: str, value):
    return lambda book: book[sheet_name].__setitem__(cell, value)


def _duplicate_first_row(book):
    sheet = book[ECONOMY]
    target = sheet.max_row + 1
    for column in range(1, len(layout.COLUMNS) + 1):
        sheet.cell(target, column, sheet.cell(FIRST, column).value)


def _negative_area(book):
    sheet = book[ECONOMY]
    sheet[f"G{_row(sheet, 't05b_certified_forest_area', '219')}"] = -5


def _meta(key: str, value: str):
    def change(book):
        sheet = book[layout.META_SHEET]
        sheet[f"B{layout.META_KEYS.index(key) + 1}"] = value

    return change


ROW_DEFECTS = {
    # name: (edit of the good template, fatal rules found, (sheet, row, column) of the first)
    "changed-header": (_set(ECONOMY, "G4", "Giá trị (nghìn ha)"), ["header_changed"], (ECONOMY, 4, "G")),
    "changed-unit": (_set(ECONOMY, f"C{FIRST}", "‰"), ["wrong_unit"], (ECONOMY, FIRST, "C")),
    "unknown-area-code": (
        _set(ECONOMY, f"E{FIRST + 1}", "999"), ["missing_row", "unknown_area"], (ECONOMY, FIRST + 1, "E"),
    ),
    "area-code-typed-as-number": (
        _set(ECONOMY, f"E{FIRST}", 24.5), ["missing_row", "unknown_area"], (ECONOMY, FIRST, "E"),
    ),
    "unknown-indicator": (
        _set(ECONOMY, f"A{FIRST}", "t99_khong_co"), ["missing_row", "unknown_indicator"], (ECONOMY, FIRST, "A"),
    ),
    "changed-level": (_set(ECONOMY, f"D{FIRST}", "Xã, phường"), ["missing_row", "wrong_level"], (ECONOMY, FIRST, "D")),
    "text-in-value": (_set(ECONOMY, f"G{FIRST}", "45,2"), ["not_a_number"], (ECONOMY, FIRST, "G")),
    "percent-sign-in-value": (_set(ECONOMY, f"G{FIRST}", "45%"), ["not_a_number"], (ECONOMY, FIRST, "G")),
    "date-in-value": (_set(ECONOMY, f"G{FIRST}", dt.datetime(2025, 1, 1)), ["not_a_number"], (ECONOMY, FIRST, "G")),
    "boolean-in-value": (_set(ECONOMY, f"G{FIRST}", True), ["not_a_number"], (ECONOMY, FIRST, "G")),
    "share-120": (_set(ECONOMY, f"G{FIRST}", 120), ["share_outside_0_100"], (ECONOMY, FIRST, "G")),
    "negative-share": (_set(ECONOMY, f"G{FIRST}", -0.5), ["share_outside_0_100"], (ECONOMY, FIRST, "G")),
    "negative-area": (_negative_area, ["negative_area"], (ECONOMY, None, "G")),
    "duplicate-row": (_duplicate_first_row, ["duplicate_row"], (ECONOMY, None, "E")),
    "formula-in-value": (_set(ECONOMY, f"G{FIRST}", "=10*2"), ["formula"], (ECONOMY, FIRST, "G")),
    "formula-in-note": (
        _set(LIFESTYLE, f"I{FIRST}", '=HYPERLINK("http://x.example","bấm")'), ["formula"], (LIFESTYLE, FIRST, "I"),
    ),
    "formula-in-instructions": (
        _set(layout.INSTRUCTIONS_SHEET, "E1", "=1+1"), ["formula"], (layout.INSTRUCTIONS_SHEET, 1, "E"),
    ),
    "note-too-long": (_set(ECONOMY, f"I{FIRST}", "x" * 1001), ["text_too_long"], (ECONOMY, FIRST, "I")),
    "deleted-row": (lambda book: book[ECONOMY].delete_rows(FIRST + 2), ["missing_row"], (ECONOMY, None, None)),
    "deleted-sheet": (lambda book: book.remove(book[LIFESTYLE]), ["missing_sheet"], (None, None, None)),
    "extra-sheet": (lambda book: book.create_sheet("Tính nháp"), ["extra_sheet"], ("Tính nháp", None, None)),
    "older-template-version": (_meta("version", "0"), ["template_version"], (None, None, None)),
    "changed-layout-data": (_meta("layout", "0" * 64), ["layout_changed"], (None, None, None)),
    "template-data-removed": (lambda book: book.remove(book[layout.META_SHEET]), ["not_template"], (None, None, None)),
    "agency-no-longer-reporting": (_meta("agency_id", "so_nong_nghiep_ptnt"), ["not_expected", "wrong_agency"], (None, None, None)),
}  # fmt: skip


@pytest.mark.parametrize("name", list(ROW_DEFECTS))
def test_a_defect_inside_the_workbook_is_fatal_and_located(good, tmp_path, name):
    change, rules, (sheet, row, column) = ROW_DEFECTS[name]
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(_edit(good, change))
    found = _read(path, agency_id=AGRICULTURE, period="2025")
    assert not found.ok
    assert sorted(p.rule for p in found.fatal) == rules
    first = next(p for p in found.fatal if p.rule == rules[-1])
    assert first.sheet == sheet and first.column == column
    if row is not None:
        assert first.row == row
    assert first.expected_vi and first.expected_en and first.fix_vi and first.fix_en


def test_a_cell_far_below_the_table_is_found_without_walking_the_empty_grid(good):
    def far_away(book):
        book[ECONOMY]["A1048576"] = "t99_xa_tit"
        book[ECONOMY]["XFD1048576"] = "=1"

    started = time.perf_counter()
    found = _read(_edit(good, far_away))
    assert time.perf_counter() - started < 10
    assert [(p.rule, p.row, p.column) for p in found.fatal] == [
        ("unknown_indicator", 1048576, "A"),
        ("formula", 1048576, "XFD"),
    ]


def test_the_good_template_reads_without_any_problem(good):
    found = _read(good, agency_id=AGRICULTURE, period=2025)
    assert found.ok and found.problems == [] and found.needs_comments == []
    assert (found.agency_id, found.period) == (AGRICULTURE, "2025")
    assert list(found.rows.columns) == list(intake.ROW_COLUMNS)
    row = found.rows.iloc[0]
    assert (row.indicator_id, row.area_level, row.area_code, row.period) == (
        "t04a_hightech_agriculture_share", "province", "24", "2025",
    )  # fmt: skip


def test_an_empty_template_reads_without_problems_and_no_values():
    found = _read(workbook.build_template(FINANCE, "2026", on=ON))
    assert found.problems == [] and found.ok and not found.example
    assert found.rows["value"].isna().all() and len(found.rows) == 2


def test_a_template_of_another_agency_or_period_is_refused(good):
    found = _read(good, agency_id="so_xay_dung_bac_ninh", period="2025")
    assert [p.rule for p in found.problems] == ["wrong_agency"]
    assert found.problems[0].found == AGRICULTURE
    assert "so_xay_dung_bac_ninh" in found.problems[0].expected_vi
    found = _read(good, agency_id=AGRICULTURE, period="2026")
    assert [p.rule for p in found.problems] == ["wrong_period"]
    assert found.problems[0].message("en") == (
        "File: found «2025»; expected a template of period 2026. Fix: The file is another"
        " period's template: download the template of period 2026."
    )


def _value(sheet_name: str, indicator_id: str, code: str, value, column: str = "G"):
    def change(book):
        sheet = book[sheet_name]
        sheet[f"{column}{_row(sheet, indicator_id, code)}"] = value

    return change


def _both(*changes):
    def change(book):
        for one in changes:
            one(book)

    return change


def test_a_jump_from_the_previous_period_is_a_warning_that_needs_a_comment(good):
    book = load_workbook(io.BytesIO(good))
    number = _row(book[ECONOMY], "t05a_forest_cover", "24")
    previous = book[ECONOMY][f"J{number}"].value
    jumped = _edit(good, _value(ECONOMY, "t05a_forest_cover", "24", round(previous * 1.6, 1)))
    found = _read(jumped)
    assert found.ok
    assert [(p.rule, p.severity, p.row, p.column) for p in found.problems] == [
        ("jump", "warning", number, "G")
    ]
    assert found.needs_comments == found.problems
    assert f"({str(previous).replace('.', ',')})" in found.problems[0].expected_vi  # 37,7
    assert (
        f"a change of at most 1.5× from the previous period ({previous})"
        in found.problems[0].expected_en
    )
    explained = _edit(
        jumped,
        _value(ECONOMY, "t05a_forest_cover", "24", "Kiểm kê rừng 2025 / forest inventory", "K"),
    )
    found = _read(explained)
    assert [p.rule for p in found.problems] == ["jump"] and found.needs_comments == []
    assert found.rows.loc[0:, "comment"].str.startswith("Kiểm kê").any()
    within = _edit(good, _value(ECONOMY, "t05a_forest_cover", "24", round(previous * 1.45, 1)))
    assert _read(within).problems == []


def test_a_value_outside_the_plausible_range_is_a_warning():
    data = workbook.build_template(FINANCE, "2026", example=True, on=ON)
    low_hdi = _edit(data, _value(TRANSITION, "t13_hdi", "24", 0.3))
    found = _read(low_hdi)
    assert found.ok
    assert sorted(p.rule for p in found.warnings) == ["implausible", "jump"]
    implausible = next(p for p in found.warnings if p.rule == "implausible")
    assert implausible.expected_vi == "giá trị hợp lý từ 0,5 đến 0,95"
    assert implausible.expected_en == "a plausible value from 0.5 to 0.95"
    assert [p.rule for p in _read(_edit(data, _value(TRANSITION, "t13_hdi", "24", 1.2))).fatal] == [
        "index_outside_0_1"
    ]


def test_a_value_without_its_source_is_a_warning(good):
    book = load_workbook(io.BytesIO(good))
    number = _row(book[ECONOMY], "t06_water_saving_irrigation_share", "216")
    found = _read(
        _edit(good, _value(ECONOMY, "t06_water_saving_irrigation_share", "216", None, "H"))
    )
    assert [(p.rule, p.row, p.column) for p in found.problems] == [("missing_source", number, "H")]
    assert found.ok and len(found.needs_comments) == 1


def test_every_problem_of_a_file_is_reported_at_once_in_sheet_order(good):
    book = load_workbook(io.BytesIO(good))
    forest = _row(book[ECONOMY], "t05a_forest_cover", "24")
    many = _edit(
        good,
        _both(
            _set(TRANSITION, f"G{FIRST}", "=95+1"),
            _set(ECONOMY, f"G{FIRST}", 120),
            _set(LIFESTYLE, f"G{FIRST + 1}", "khoảng 80"),
            _set(ECONOMY, f"C{FIRST + 2}", "tấn"),
            _value(ECONOMY, "t05a_forest_cover", "24", 80),
        ),
    )
    found = _read(many, agency_id=AGRICULTURE, period="2025")
    assert [(p.rule, p.sheet, p.row, p.column) for p in found.problems] == [
        ("share_outside_0_100", ECONOMY, FIRST, "G"),
        ("wrong_unit", ECONOMY, FIRST + 2, "C"),
        ("jump", ECONOMY, forest, "G"),
        ("not_a_number", LIFESTYLE, FIRST + 1, "G"),
        ("formula", TRANSITION, FIRST, "G"),
    ]
    assert not found.ok and len(found.fatal) == 4
    assert found.problems[0].message("vi") == (
        f"Trang tính 'Kinh tế xanh (MT 1-6)', dòng {FIRST}, cột G: tìm thấy «120»; cần một tỷ lệ"
        " phần trăm (nhập 45,2 chứ không 0,452) từ 0 đến 100. Cách sửa: Sửa giá trị; kiểm tra đơn"
        " vị tính ở cột Đơn vị tính."
    )
    assert found.problems[0].message("en") == (
        f"Sheet 'Kinh tế xanh (MT 1-6)', row {FIRST}, column G: found «120»; expected a percentage"
        " (type 45.2, not 0.452) from 0 to 100. Fix: Correct the value; check the unit in the Unit"
        " column."
    )
    assert (
        found.problems[3]
        .message("en")
        .startswith(
            f"Sheet 'Lối sống xanh (MT 7-12)', row {FIRST + 1}, column G: found «khoảng 80»; expected a"
            " number, a percentage"
        )
    )
    assert (
        found.problems[2]
        .message("vi")
        .startswith(
            f"Trang tính 'Kinh tế xanh (MT 1-6)', dòng {forest}, cột G: cảnh báo: tìm thấy «80»"
        )
    )


def test_a_found_value_is_quoted_on_one_short_line(good):
    long_text = "dòng một\ndòng hai " + "x" * 200
    found = _read(_edit(good, _set(ECONOMY, f"G{FIRST}", long_text)))
    quoted = found.problems[0].found
    assert "\n" not in quoted and len(quoted) <= 60 and quoted.endswith("…")
