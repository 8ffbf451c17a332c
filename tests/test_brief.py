"""The meeting brief as a reader opens it: slides, titles, pictures, as-of date, slide numbers,
the illustrative marker, sources in the notes; the PDF has one page per slide."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from task_fakes import MEETING_DAY, data_with_task_reports

from ttx_data import brief, meeting, snapshots
from ttx_data.filters import Filters
from ttx_data.i18n import t
from ttx_data.paths import PROJECT_ROOT
from ttx_data.reporting.completeness import COMPLETENESS_COLUMNS, ReportingStatus, reporting_status
from ttx_data.store import ensure_schema

ARTIFACTS = PROJECT_ROOT / "test-artifacts"


def _texts(slide) -> list[str]:
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            found.append(shape.text_frame.text)
        if shape.has_table:
            found += [cell.text for row in shape.table.rows for cell in row.cells]
    return found


def _pictures(slide) -> int:
    return sum(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in slide.shapes)


@pytest.fixture(scope="module")
def vi_meeting():
    """The meeting with the reporting status of the tests' (empty) store: every report missing."""
    return meeting.build_meeting(Filters(lang="vi"), reporting=reporting_status(ensure_schema))


@pytest.fixture(scope="module")
def vi_deck(vi_meeting, tmp_path_factory):
    out = tmp_path_factory.mktemp("brief") / "ban-tin.pptx"
    brief.write_brief(vi_meeting, out)
    return out


def test_sequence_follows_the_meeting(vi_meeting):
    kinds = [s.kind for s in vi_meeting.slides]
    assert kinds[:2] == ["title", "status_overview"]
    reporting, overdue = kinds.count("reporting"), kinds.count("overdue_tasks")
    assert reporting == 3 and overdue >= 1  # 14 agencies of figures or tasks: three slides
    closing = ["lagging"] + ["overdue_tasks"] * overdue + ["reporting"] * reporting
    assert kinds[-len(closing) :] == closing
    first_map = kinds.index("sites_map")
    assert set(kinds[2:first_map]) == {"group"}
    assert kinds[first_map : first_map + 2] == ["sites_map", "forest_map"]
    assert set(kinds[first_map + 2 : -len(closing)]) == {"off_track"}
    shown = [line.indicator_id for s in vi_meeting.slides if s.kind == "group" for line in s.lines]
    assert len(shown) == 24 == len(set(shown))


def test_deck_slides_titles_numbers_and_as_of(vi_meeting, vi_deck):
    deck = Presentation(str(vi_deck))
    slides = list(deck.slides)
    assert len(slides) == len(vi_meeting.slides)
    total = len(slides)
    for number, (slide, planned) in enumerate(zip(slides, vi_meeting.slides, strict=True), 1):
        text = "\n".join(_texts(slide))
        assert planned.title in text
        assert "Số liệu đến năm 2026 · dữ liệu thay đổi lần cuối ngày 24/11/2026" in text
        assert f"Trang {number}/{total}" in text
    first = "\n".join(_texts(slides[0]))
    assert "Tiến độ Kế hoạch hành động tăng trưởng xanh tỉnh Bắc Giang 2021-2030" in first
    assert "Tình trạng các mục tiêu 2030" in "\n".join(_texts(slides[1]))


def test_illustrative_marker_on_every_slide_showing_illustrative_data(vi_meeting, vi_deck):
    deck = Presentation(str(vi_deck))
    marker = t("meeting.illustrative_marker", "vi")
    for slide, planned in zip(deck.slides, vi_meeting.slides, strict=True):
        has_marker = any(marker in text for text in _texts(slide))
        assert has_marker == (planned.illustrative > 0), planned.title
    shown = [s.kind for s in vi_meeting.slides if not s.illustrative]
    # the reporting status is counted from the records; the bundled task reports are examples
    assert shown == ["title", "reporting", "reporting", "reporting"]


def test_charts_and_maps_are_pictures(vi_meeting, vi_deck):
    deck = Presentation(str(vi_deck))
    for slide, planned in zip(deck.slides, vi_meeting.slides, strict=True):
        expected = (
            1 if planned.kind in ("status_overview", "sites_map", "forest_map", "lagging") else 0
        )
        assert _pictures(slide) == expected, planned.title


def test_group_tables_list_status_in_words(vi_meeting, vi_deck):
    deck = Presentation(str(vi_deck))
    slide = next(
        s for s, p in zip(deck.slides, vi_meeting.slides, strict=True) if p.kind == "off_track"
    )
    text = "\n".join(_texts(slide))
    assert "Cơ quan chủ trì" in text
    assert "Sở " in text  # a department named as lead agency
    assert "tỉnh Bắc Ninh (KH: Sở " in text  # today's first, the plan's in brackets


def test_notes_hold_the_sources(vi_meeting, vi_deck):
    deck = Presentation(str(vi_deck))
    for slide, planned in zip(deck.slides, vi_meeting.slides, strict=True):
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith("Nguồn:")
        for line in planned.sources:
            assert line in notes
    forest = next(p for p in vi_meeting.slides if p.kind == "forest_map")
    # the 2020 district figures are official only for 2020; 2025 cover is illustrative
    assert any("minh họa" in line for line in forest.sources)


def test_english_deck(tmp_path):
    plan = meeting.build_meeting(Filters(lang="en", sector="agriculture"))
    out = brief.write_brief(plan, tmp_path / "brief.pptx")
    deck = Presentation(str(out))
    assert len(deck.slides) == len(plan.slides)
    texts = "\n".join(text for slide in deck.slides for text in _texts(slide))
    assert "Figures up to 2026 · data last changed 24 Nov 2026" in texts
    assert "ILLUSTRATIVE DATA" in texts
    assert "Forest cover by district" in texts
    assert "KCN and CCN" not in texts  # agriculture leaves out the wastewater map (target 7)


def test_filters_are_followed():
    plan = meeting.build_meeting(Filters(districts=("218", "219"), lang="vi"))
    lagging = next(slide for slide in plan.slides if slide.kind == "lagging")
    assert {lag.district_code for lag in lagging.lags} == {"218", "219"}
    assert plan.scope == "Lục Nam, Lục Ngạn · Tất cả lĩnh vực · 2020-2026"


def test_brief_refuses_a_non_pptx_name(vi_meeting, tmp_path):
    with pytest.raises(brief.BriefError, match=r"\.pptx"):
        brief.write_brief(vi_meeting, tmp_path / "brief.pdf")
    assert not any(tmp_path.iterdir())


def test_pdf_without_libreoffice_says_so(monkeypatch, vi_deck, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(brief.BriefError, match="LibreOffice.*not installed"):
        brief.pptx_to_pdf(vi_deck, tmp_path / "brief.pdf")
    assert not (tmp_path / "brief.pdf").exists()


@pytest.mark.skipif(brief.libreoffice() is None, reason="LibreOffice not installed")
def test_pdf_has_a_page_per_slide(vi_meeting, vi_deck, tmp_path):
    pdf = brief.pptx_to_pdf(vi_deck, tmp_path / "ban-tin.pdf")
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))
    assert pages == len(vi_meeting.slides)


def test_command_line_brief_as_of_a_snapshot(tmp_path, monkeypatch):
    monkeypatch.setenv(snapshots.SNAPSHOTS_ENV, str(tmp_path / "snapshots"))
    snapshots.create_snapshot("Phiên họp BCĐ tháng 11/2026")
    out = tmp_path / "brief.pptx"
    done = subprocess.run(
        [sys.executable, "-m", "ttx_data", "brief", "--snapshot", "phien-hop-bcd-thang-11-2026",
         "-o", str(out)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, env=dict(os.environ),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    texts = "\n".join(text for slide in Presentation(str(out)).slides for text in _texts(slide))
    assert "Ảnh chụp dữ liệu: Phiên họp BCĐ tháng 11/2026" in texts
    last = "\n".join(_texts(list(Presentation(str(out)).slides)[-1]))
    reporting = "\n".join(  # the reporting slides: one row per agency, over three slides
        text for slide in list(Presentation(str(out)).slides)[-3:] for text in _texts(slide)
    )
    assert "Tình hình báo cáo kỳ" in last and "Sở Tài chính tỉnh Bắc Ninh" in reporting
    assert "không theo ảnh chụp dữ liệu «Phiên họp BCĐ tháng 11/2026»" in last


def test_command_line_brief_without_the_store_says_so_on_the_reporting_slide(tmp_path):
    out = tmp_path / "brief.pptx"
    env = dict(os.environ, TTX_DATABASE_URL=f"sqlite:///{tmp_path / 'missing' / 'ttx.sqlite3'}")
    done = subprocess.run(
        [sys.executable, "-m", "ttx_data", "brief", "--lang", "en", "-o", str(out)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    last = "\n".join(_texts(list(Presentation(str(out)).slides)[-1]))
    assert "Reporting status, period" in last
    assert "The reporting database could not be read" in last


def test_command_line_unknown_snapshot_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv(snapshots.SNAPSHOTS_ENV, str(tmp_path / "snapshots"))
    done = subprocess.run(
        [sys.executable, "-m", "ttx_data", "brief", "--snapshot", "khong-co", "-o",
         str(tmp_path / "b.pptx")],
        cwd=PROJECT_ROOT, capture_output=True, text=True, env=dict(os.environ),
    )  # fmt: skip
    assert done.returncode == 2
    assert "Không có ảnh chụp 'khong-co'" in done.stderr and "No snapshot" in done.stderr
    assert not (tmp_path / "b.pptx").exists()


def test_maps_stop_at_the_last_year_reported_by_district(vi_meeting):
    """Forest and sites are tables of the plan's districts until 2025; the default years now end
    in 2026 (rolled-up commune figures), so the map slides show 2025 rather than an empty map."""
    assert vi_meeting.filters.year_to == 2026
    maps_shown = [s for s in vi_meeting.slides if s.kind in ("forest_map", "sites_map")]
    assert {s.map_year for s in maps_shown} == {2025} and len(maps_shown) == 2
    assert all("2025" in s.title for s in maps_shown)


FINANCE, FARMING = "so_tai_chinh_bac_ninh", "so_nong_nghiep_moi_truong_bac_ninh"
REPORTED = [
    # agency, expected, received, accepted, returned, pending, on time, late, missing, overdue
    ("so_cong_thuong_bac_ninh", 5, 5, 5, 0, 0, 5, 0, 0, 0),
    ("so_khoa_hoc_cong_nghe_bac_ninh", 1, 0, 0, 0, 0, 0, 0, 1, 1),
    (FARMING, 24, 0, 0, 0, 0, 0, 0, 24, 24),
    (FINANCE, 2, 2, 0, 1, 1, 1, 1, 0, 0),
    ("so_xay_dung_bac_ninh", 3, 1, 0, 0, 1, 0, 1, 2, 2),
]
"""Period 2025 as the hand-worked case of tests/test_meeting_reporting.py counts its figures (a
table made by hand: the slide's layout, whatever the counts)."""


def _reporting_deck(lang: str, tmp_path) -> tuple[meeting.Meeting, Presentation]:
    """A deck of the title and the reporting slide of REPORTED (fast: no chart nor map)."""
    table = pd.DataFrame(
        [(a, a, dt.date(2026, 1, 15), *counts) for a, *counts in REPORTED],
        columns=list(COMPLETENESS_COLUMNS),
    )
    on = dt.date(2026, 2, 10)
    rows = tuple(table.itertuples(index=False, name=None))
    status = ReportingStatus("2025", dt.date(2026, 1, 15), on, rows)
    filters = Filters(lang=lang)
    plan = meeting.build_meeting(filters)
    plan = dataclasses.replace(
        plan, slides=(plan.slides[0], *meeting.reporting_slides(status, filters))
    )
    out = brief.write_brief(plan, tmp_path / f"reporting-{lang}.pptx")
    return plan, Presentation(str(out))


def _table_rows(slide) -> list[list[str]]:
    (shape,) = [shape for shape in slide.shapes if shape.has_table]
    return [[cell.text for cell in row.cells] for row in shape.table.rows]


def test_reporting_slide_is_a_table_of_agencies_not_reported_first(tmp_path):
    plan, deck = _reporting_deck("vi", tmp_path)
    slide = list(deck.slides)[1]
    text = "\n".join(_texts(slide))
    assert "Tình hình báo cáo kỳ 2025" in text and "Trang 2/2" in text
    assert "3/5 cơ quan chưa nộp đủ báo cáo kỳ 2025 (hạn 15/01/2026)" in text
    assert "Đã nhận 8/35 báo cáo: 5 đã chấp nhận, 1 bị trả lại, 2 chờ thẩm định" in text
    rows = _table_rows(slide)
    assert rows[0] == ["Cơ quan", "Phải nộp", "Đã nhận", "Đã chấp nhận", "Trả lại",
                       "Chờ thẩm định", "Đúng hạn", "Muộn", "Chưa nộp", "Quá hạn"]  # fmt: skip
    assert rows[1:] == [
        ["Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh", "24", "0", "0", "0", "0", "0", "0", "24",
         "24"],
        ["Sở Khoa học và Công nghệ tỉnh Bắc Ninh", "1", "0", "0", "0", "0", "0", "0", "1", "1"],
        ["Sở Xây dựng tỉnh Bắc Ninh", "3", "1", "0", "0", "1", "0", "1", "2", "2"],
        ["Sở Tài chính tỉnh Bắc Ninh", "2", "2", "0", "1", "1", "1", "1", "0", "0"],
        ["Sở Công Thương tỉnh Bắc Ninh", "5", "5", "5", "0", "0", "5", "0", "0", "0"],
    ]  # fmt: skip
    assert slide.notes_slide.notes_text_frame.text.startswith("Nguồn:\nHồ sơ nộp và kết quả")
    assert not any(t("meeting.illustrative_marker", "vi") in x for x in _texts(slide))
    _, english = _reporting_deck("en", tmp_path)
    rows = _table_rows(list(english.slides)[1])
    assert rows[0][:3] == ["Agency", "Expected", "Received"]
    assert rows[1][0] == "Department of Agriculture and Environment of Bắc Ninh province"


def _slide_png(pptx, page: int, out, tmp_path) -> None:
    """One page of the deck as LibreOffice prints it, to PNG (pdftoppm)."""
    pdf = brief.pptx_to_pdf(pptx, tmp_path / f"{pptx.stem}.pdf")
    prefix = tmp_path / out.stem
    subprocess.run(
        ["pdftoppm", "-png", "-r", "96", "-f", str(page), "-l", str(page), "-singlefile",
         str(pdf), str(prefix)],
        check=True, timeout=120,
    )  # fmt: skip
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(prefix.with_suffix(".png"), out)


@pytest.mark.skipif(
    brief.libreoffice() is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice and pdftoppm are needed",
)
def test_render_the_reporting_slide(tmp_path):
    """The reporting slide as LibreOffice prints it, for people to look at
    (test-artifacts/issue12-brief-completeness.png, and -en.png)."""
    for lang, name in (
        ("vi", "issue12-brief-completeness"),
        ("en", "issue12-brief-completeness-en"),
    ):
        _reporting_deck(lang, tmp_path)
        out = ARTIFACTS / f"{name}.png"
        _slide_png(tmp_path / f"reporting-{lang}.pptx", 2, out, tmp_path)
        assert out.stat().st_size > 20_000  # a page with text, not a blank one


def _tasks_deck(lang: str, tmp_path) -> tuple[meeting.Meeting, Presentation]:
    """A deck of the title and the overdue-tasks slides of task_fakes.SAMPLE on its meeting day
    (fast: no chart nor map)."""
    directory = data_with_task_reports(tmp_path / f"data-{lang}")
    plan = meeting.build_meeting(Filters(lang=lang), directory, on=MEETING_DAY)
    slides = [s for s in plan.slides if s.kind == "overdue_tasks"]
    plan = dataclasses.replace(plan, slides=(plan.slides[0], *slides))
    out = brief.write_brief(plan, tmp_path / f"tasks-{lang}.pptx", directory)
    return plan, Presentation(str(out))


def test_overdue_tasks_slides_are_tables_by_agency(tmp_path):
    plan, deck = _tasks_deck("vi", tmp_path)
    slides = list(deck.slides)
    assert len(slides) == len(plan.slides) == 4
    first = slides[1]
    text = "\n".join(_texts(first))
    assert "Nhiệm vụ quá hạn theo cơ quan (1/3)" in text and "Trang 2/4" in text
    assert "9/62 nhiệm vụ quá hạn; 5 đã hoàn thành (2 quá hạn)" in text
    assert t("meeting.illustrative_marker", "vi") in text  # illustrative reports shown
    rows = _table_rows(first)
    assert rows[0] == ["Số", "Nhiệm vụ", "Hạn", "Quá hạn", "Khó khăn, đề xuất (báo cáo gần nhất)"]
    heading = "Sở Tài chính tỉnh Bắc Ninh (KH: Sở Kế hoạch và Đầu tư; Sở Tài chính) · 4 nhiệm vụ"
    assert rows[1][0].startswith(heading)
    (table,) = [shape.table for shape in first.shapes if shape.has_table]
    assert table.cell(1, 0).span_width == 5  # one cell across the row
    assert [row[0] for row in rows[2:]] == ["1.1", "IV.2.1", "4.1", "4.2"]
    assert rows[2][2:4] == ["31/12/2025", "333 ngày"]
    assert rows[2][4].startswith("Khó khăn: Trung ương chưa hướng dẫn")
    assert "Đề xuất: Đề nghị UBND tỉnh" in rows[2][4] and "⚠\u00a0minh\u00a0họa" in rows[2][4]
    assert rows[3][4] == "Chưa có báo cáo"
    assert [row[0] for row in _table_rows(slides[3]) if not row[1]] == [  # the merged headings
        "Sở Công Thương tỉnh Bắc Ninh (KH: Sở Công Thương; chưa xác minh) · 1 nhiệm vụ quá hạn,"
        " 152 ngày",
        "Báo Bắc Giang · 1 nhiệm vụ quá hạn, 29 ngày",
        "Đài Phát thanh và Truyền hình tỉnh · 1 nhiệm vụ quá hạn, 29 ngày",
    ]
    notes = first.notes_slide.notes_text_frame.text
    assert "task_reports" in notes and "Ví dụ minh họa (TTX Bắc Giang)" in notes
    _, english = _tasks_deck("en", tmp_path)
    rows = _table_rows(list(english.slides)[1])
    assert rows[0][:2] == ["No.", "Task"]
    assert rows[1][0].startswith(
        "Department of Finance of Bắc Ninh province (plan: Department of Planning and Investment"
    )


@pytest.mark.skipif(
    brief.libreoffice() is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice and pdftoppm are needed",
)
def test_render_the_overdue_tasks_slide(tmp_path):
    """The first overdue-tasks slide as LibreOffice prints it, for people to look at
    (test-artifacts/issue13-brief-overdue.png, and -en.png)."""
    for lang, name in (("vi", "issue13-brief-overdue"), ("en", "issue13-brief-overdue-en")):
        _tasks_deck(lang, tmp_path)
        out = ARTIFACTS / f"{name}.png"
        _slide_png(tmp_path / f"tasks-{lang}.pptx", 2, out, tmp_path)
        assert out.stat().st_size > 20_000  # a page with text, not a blank one
