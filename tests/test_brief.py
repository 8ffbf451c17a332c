"""The meeting brief as a reader opens it: slides, titles, pictures, as-of date, slide numbers,
the illustrative marker, sources in the notes; the PDF has one page per slide."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from ttx_data import brief, meeting, snapshots
from ttx_data.filters import Filters
from ttx_data.i18n import t
from ttx_data.paths import PROJECT_ROOT


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
    return meeting.build_meeting(Filters(lang="vi"))


@pytest.fixture(scope="module")
def vi_deck(vi_meeting, tmp_path_factory):
    out = tmp_path_factory.mktemp("brief") / "ban-tin.pptx"
    brief.write_brief(vi_meeting, out)
    return out


def test_sequence_follows_the_meeting(vi_meeting):
    kinds = [s.kind for s in vi_meeting.slides]
    assert kinds[:2] == ["title", "status_overview"]
    assert kinds[-1] == "lagging"
    first_map = kinds.index("sites_map")
    assert set(kinds[2:first_map]) == {"group"}
    assert kinds[first_map : first_map + 2] == ["sites_map", "forest_map"]
    assert set(kinds[first_map + 2 : -1]) == {"off_track"}
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
    assert sum(s.illustrative > 0 for s in vi_meeting.slides) >= len(vi_meeting.slides) - 1


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
    lagging = plan.slides[-1]
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
