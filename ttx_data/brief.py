"""The meeting brief: the meeting sequence as a PowerPoint deck (python-pptx), and as PDF.

Every slide has its title, the as-of date and scope in the footer, its number ("Trang 3/13"), and,
when it shows illustrative values, a red marker at the top right. Charts are the app's Vega-Lite
charts drawn to PNG (vl-convert, offline); maps are the static renderings of `map_images`. The
speaker notes hold the slide's sources. The PDF is the deck converted by LibreOffice headless.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ttx_data import chart_pictures, map_images
from ttx_data.i18n import t
from ttx_data.meeting import REPORTING_COLUMNS, Meeting, Slide, TargetLine
from ttx_data.paths import replace_atomically
from ttx_data.reporting.completeness import header
from ttx_data.status_display import STATUS_STYLES, status_label
from ttx_data.task_slides import column_headers

SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_TOP = Inches(1.35)
CONTENT_HEIGHT = Inches(5.45)
FONT = "DejaVu Sans"
"""Font named in the deck: every Vietnamese diacritic; PowerPoint substitutes a close font."""
INK = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x55, 0x55, 0x55)
FAINT = RGBColor(0x99, 0x99, 0x99)
MARKER_RED = RGBColor(0xB0, 0x1E, 0x1E)
MISSING_FILL = RGBColor(0xFB, 0xEA, 0xEA)
HEAD_FILL = RGBColor(0x33, 0x47, 0x5B)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
ZEBRA = RGBColor(0xF2, 0xF4, 0xF6)
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


class BriefError(RuntimeError):
    """The brief could not be written as asked; the message says why and what to do (vi / en)."""


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _text(slide, left, top, width, height, text, size, bold=False, colour=INK, align=None):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    lines = text if isinstance(text, (list, tuple)) else [text]
    for n, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = FONT
        run.font.color.rgb = colour
        if align is not None:
            paragraph.alignment = align
        paragraph.space_after = Pt(6)
    return box


def _picture(slide, png: bytes, left, top, max_width, max_height) -> None:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        ratio = image.width / image.height
    width, height = max_width, int(max_width / ratio)
    if height > max_height:
        height, width = max_height, int(max_height * ratio)
    slide.shapes.add_picture(io.BytesIO(png), left + (max_width - width) // 2, top, width, height)


def _frame(deck, meeting: Meeting, slide_data: Slide, number: int, total: int):
    """A blank slide with the title, footer (as-of, scope, number) and illustrative marker."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    lang = meeting.lang
    width = SLIDE_WIDTH - 2 * MARGIN
    if slide_data.kind != "title":
        short = len(slide_data.title) <= 44  # longer titles take two lines at 20 pt
        size = 26 if short else 20
        _text(
            slide,
            MARGIN,
            Inches(0.25),
            width - Inches(3.2),
            Inches(0.7),
            slide_data.title,
            size,
            True,
        )
        if slide_data.subtitle:
            _text(
                slide,
                MARGIN,
                Inches(0.85 if short else 1.0),
                width - Inches(3.2),
                Inches(0.35),
                slide_data.subtitle,
                14 if short else 12,
                False,
                MUTED,
            )
    footer = f"{meeting.as_of_text} · {meeting.scope}"
    if meeting.snapshot_name:
        footer += " · " + t("meeting.snapshot", lang, name=meeting.snapshot_name)
    _text(slide, MARGIN, Inches(6.95), width - Inches(2), Inches(0.4), footer, 11, False, MUTED)
    _text(
        slide,
        SLIDE_WIDTH - MARGIN - Inches(2),
        Inches(6.95),
        Inches(2),
        Inches(0.4),
        t("meeting.slide_no", lang, n=number, total=total),
        11,
        False,
        MUTED,
        PP_ALIGN.RIGHT,
    )
    if slide_data.illustrative:
        marker = slide.shapes.add_textbox(
            SLIDE_WIDTH - MARGIN - Inches(3), Inches(0.3), Inches(3), Inches(0.5)
        )
        marker.line.color.rgb = MARKER_RED
        marker.line.width = Pt(2)
        marker.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        paragraph = marker.text_frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = "⚠ " + t("meeting.illustrative_marker", lang)
        run.font.size, run.font.bold, run.font.name = Pt(14), True, FONT
        run.font.color.rgb = MARKER_RED
    notes = [t("meeting.sources", lang) + ":", *slide_data.sources]
    if slide_data.kind in ("status_overview", "group", "off_track", "lagging"):
        notes.append(t("meeting.status_method", lang))
    slide.notes_slide.notes_text_frame.text = "\n".join(notes)
    return slide


def _title(slide, meeting: Meeting, data: Slide) -> None:
    width = SLIDE_WIDTH - 2 * MARGIN
    _text(slide, MARGIN, Inches(1.6), width, Inches(1.6), data.title, 36, True)
    _text(slide, MARGIN, Inches(3.2), width, Inches(0.6), data.subtitle, 22, False, MUTED)
    _text(slide, MARGIN, Inches(4.2), width, Inches(2), list(data.points), 20)
    if meeting.illustrative:
        _text(
            slide,
            MARGIN,
            Inches(5.9),
            width,
            Inches(0.6),
            t("meeting.deck_illustrative", meeting.lang),
            14,
            True,
            MARKER_RED,
        )


def _overview(slide, meeting: Meeting, data: Slide) -> None:
    lang = meeting.lang
    tiles = [(s, n) for s, n in data.counts.items() if n]
    width = (SLIDE_WIDTH - 2 * MARGIN - Inches(0.15) * (len(tiles) - 1)) // max(len(tiles), 1)
    for n, (status, count) in enumerate(tiles):
        style = STATUS_STYLES[status]
        left = MARGIN + n * (width + Inches(0.15))
        tile = slide.shapes.add_shape(1, left, CONTENT_TOP, width, Inches(1.0))  # rectangle
        tile.fill.solid()
        tile.fill.fore_color.rgb = _rgb(style.colour)
        tile.line.fill.background()
        frame = tile.text_frame
        frame.word_wrap = True
        for m, (text, size) in enumerate(((str(count), 26), (status_label(status, lang), 12))):
            paragraph = frame.paragraphs[0] if m == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = text
            run.font.size, run.font.bold, run.font.name = Pt(size), m == 0, FONT
            run.font.color.rgb = _rgb(style.text_colour)
    _text(slide, MARGIN, CONTENT_TOP + Inches(1.15), Inches(4.6), Inches(3), list(data.points), 18)
    _picture(
        slide,
        chart_pictures.png(data.chart),
        MARGIN + Inches(4.8),
        CONTENT_TOP + Inches(1.15),
        SLIDE_WIDTH - 2 * MARGIN - Inches(4.8),
        Inches(4.2),
    )


def _cell(cell, text, size=14, bold=False, colour=INK, fill=None, align=None) -> None:
    """Write one table cell: a run of text, vertically centred, on a fill if given."""
    cell.text = ""
    paragraph = cell.text_frame.paragraphs[0]
    run = paragraph.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    run.font.color.rgb = colour
    if align is not None:
        paragraph.alignment = align
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    if fill is not None:
        cell.fill.solid()
        cell.fill.fore_color.rgb = fill


def _table(slide, lines: tuple[TargetLine, ...], lang: str, with_lead: bool) -> None:
    headers = [t("col.indicator", lang), t("col.latest", lang), t("col.target", lang)]
    widths = [5.0, 2.2, 2.3, 2.83] if not with_lead else [3.9, 1.7, 1.8, 2.2, 2.73]
    headers.append(t("col.status", lang))
    if with_lead:
        headers.append(t("meeting.lead", lang))
    rows, cols = len(lines) + 1, len(headers)
    height = min(CONTENT_HEIGHT, Inches(0.5) + Inches(0.78) * len(lines))
    shape = slide.shapes.add_table(
        rows, cols, MARGIN, CONTENT_TOP, SLIDE_WIDTH - 2 * MARGIN, height
    )
    table = shape.table
    for n, width in enumerate(widths):
        table.columns[n].width = Inches(width)
    for n, text in enumerate(headers):
        _cell(table.cell(0, n), text, 14, True, WHITE, HEAD_FILL)
    for r, line in enumerate(lines, start=1):
        style = STATUS_STYLES[line.status]
        latest = line.latest
        if line.latest_year is not None:
            latest += f" ({line.latest_year})"
        if line.provenance:
            latest += " · " + t("provenance." + line.provenance, lang)
        shade = WHITE if r % 2 else ZEBRA
        area = f" · {line.area}" if line.area else ""
        _cell(table.cell(r, 0), f"{line.label}. {line.name}{area}", 14, False, INK, shade)
        _cell(table.cell(r, 1), latest, 13, False, INK, shade)
        _cell(table.cell(r, 2), line.target, 13, False, INK, shade)
        _cell(
            table.cell(r, 3),
            status_label(line.status, lang),
            13,
            True,
            _rgb(style.text_colour),
            _rgb(style.colour),
        )
        if with_lead:
            _cell(table.cell(r, 4), line.lead_agency, 12, False, INK, shade)


def _map(slide, meeting: Meeting, data: Slide, directory: Path | None) -> None:
    draw = map_images.sites_map_png if data.kind == "sites_map" else map_images.forest_map_png
    png = draw(data.map_year, meeting.lang, meeting.filters.districts, directory)
    _text(slide, MARGIN, CONTENT_TOP - Inches(0.15), SLIDE_WIDTH - 2 * MARGIN, Inches(0.5),
          " · ".join(data.points), 15)  # fmt: skip
    _picture(slide, png, MARGIN, CONTENT_TOP + Inches(0.45), SLIDE_WIDTH - 2 * MARGIN, Inches(5.05))


def _lagging(slide, meeting: Meeting, data: Slide) -> None:
    lang = meeting.lang
    _picture(
        slide, chart_pictures.png(data.chart), MARGIN, CONTENT_TOP, Inches(6.6), CONTENT_HEIGHT
    )
    rows = [
        t(
            "meeting.lagging_row",
            lang,
            name=lag.label,
            off=lag.off_track,
            assessed=lag.assessed,
            labels=", ".join(lag.off_track_labels) or "–",
        )
        for lag in data.lags
    ]
    left = MARGIN + Inches(6.8)
    # a row names the district with its validity ('Lục Ngạn (đến 30/06/2025; …)'): 14 pt keeps
    # five such rows above the notes, and the notes above the footer, in both languages
    _text(slide, left, CONTENT_TOP, SLIDE_WIDTH - MARGIN - left, Inches(4.1), rows, 14)
    _text(
        slide,
        left,
        Inches(5.5),
        SLIDE_WIDTH - MARGIN - left,
        Inches(1.25),
        list(data.points),
        11,
        False,
        MUTED,
    )


REPORTING_WIDTHS = (3.96, *([0.93] * len(REPORTING_COLUMNS)))
"""Inches of the reporting table's columns across the slide's 12.33: the agency (the longest
name, 'Department of Agriculture and Environment of Bắc Ninh province', takes two lines), then
the counts, whose headers' longest word ('Accepted', 0.8 inch at 11 pt bold) fits a line
within COUNT_MARGIN either side."""
COUNT_MARGIN = Inches(0.04)


def _headline(slide, data: Slide, size: int = 18, line: int = 0) -> int:
    """The slide's first point in bold, the others under it in grey, in one box (a headline
    that wraps pushes them down); where what follows starts, leaving room for a second line of
    headline when it is longer than `line` characters (when given)."""
    width = SLIDE_WIDTH - 2 * MARGIN
    headline, *notes = data.points
    top = CONTENT_TOP - Inches(0.1)
    two = bool(line) and len(headline) > line
    height = Inches(0.45) + (Inches(0.3) if two else 0) + Inches(0.3) * len(notes)
    box = _text(slide, MARGIN, top, width, height, headline, size, True)
    for note in notes:
        paragraph = box.text_frame.add_paragraph()
        run = paragraph.add_run()
        run.text = note
        run.font.size, run.font.name, run.font.color.rgb = Pt(13), FONT, MUTED
        paragraph.space_after = Pt(2)
    box.text_frame.paragraphs[0].space_after = Pt(8)
    return top + Inches(0.1) + height


def _reporting(slide, meeting: Meeting, data: Slide) -> None:
    """The headline, the totals and notes, then a row per agency: not reported in full first,
    in bold; missing and overdue reports in red."""
    width = SLIDE_WIDTH - 2 * MARGIN
    top = _headline(slide, data)
    if not data.reports:
        return
    rows = len(data.reports) + 1
    height = Inches(0.6) + Inches(0.55) * len(data.reports)
    table = slide.shapes.add_table(rows, len(REPORTING_WIDTHS), MARGIN, top, width, height).table
    for n, inches in enumerate(REPORTING_WIDTHS):
        table.columns[n].width = Inches(inches)
    for n, column in enumerate(("agency", *REPORTING_COLUMNS)):
        align = PP_ALIGN.LEFT if n == 0 else PP_ALIGN.CENTER
        _cell(table.cell(0, n), header(column, meeting.lang), 11, True, WHITE, HEAD_FILL, align)
    for row in table.rows:
        for cell in list(row.cells)[1:]:
            cell.margin_left = cell.margin_right = COUNT_MARGIN
    for r, report in enumerate(data.reports, start=1):
        shade = WHITE if r % 2 else ZEBRA
        _cell(table.cell(r, 0), report.name, 13, not report.reported, INK, shade)
        for n, column in enumerate(REPORTING_COLUMNS, start=1):
            count = report.counts[column]
            if report.alarming(column):
                look = (True, MARKER_RED, MISSING_FILL)
            else:
                look = (False, INK if count else FAINT, shade)
            _cell(table.cell(r, n), str(count), 14, *look, PP_ALIGN.CENTER)


TASK_WIDTHS = (0.8, 4.75, 1.35, 1.1, 4.33)
"""Inches of the overdue-tasks table's columns across the slide's 12.33 (task_slides.COLUMNS):
the number ('8.10.a', 'IV.2.1'), the task's short text (two lines at 11 pt), the deadline
('31 Dec 2025' on one line), the days overdue ('1.234 ngày'), the report's obstacles and
proposals (a line or two each at 10 pt). An agency's heading spans them all."""
AGENCY_FILL = RGBColor(0xE8, 0xEE, 0xF4)


def _runs(cell, parts, fill) -> None:
    """Write one table cell as paragraphs of runs: `parts` is a list of paragraphs, each a list
    of (text, size, bold, colour)."""
    frame = cell.text_frame
    frame.word_wrap = True
    cell.text = ""
    for n, paragraph_runs in enumerate(parts):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        for text, size, bold, colour in paragraph_runs:
            run = paragraph.add_run()
            run.text = text
            run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
            run.font.color.rgb = colour
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    cell.fill.solid()
    cell.fill.fore_color.rgb = fill


def _overdue_tasks(slide, meeting: Meeting, data: Slide) -> None:
    """The headline and notes, then each agency's heading (today's name, the plan's in
    brackets; how many overdue) spanning the table, and a row per overdue task."""
    lang = meeting.lang
    top = _headline(slide, data, 16, line=85)  # the four-way counts, a line or two
    if not data.agencies:
        return
    rows = 1 + sum(1 + len(group.tasks) for group in data.agencies)
    width = SLIDE_WIDTH - 2 * MARGIN
    shape = slide.shapes.add_table(rows, len(TASK_WIDTHS), MARGIN, top, width, Inches(0.4) * rows)
    table = shape.table
    for n, inches in enumerate(TASK_WIDTHS):
        table.columns[n].width = Inches(inches)
    for n, text in enumerate(column_headers(lang)):
        _cell(table.cell(0, n), text, 12, True, WHITE, HEAD_FILL)
    table.rows[0].height = Inches(0.35)
    r = 1
    for group in data.agencies:
        heading = table.cell(r, 0)
        heading.merge(table.cell(r, len(TASK_WIDTHS) - 1))
        summary = (f" · {group.summary(lang)}", 11, False, MUTED)
        _runs(heading, [[(group.name, 12, True, INK), summary]], AGENCY_FILL)
        table.rows[r].height = Inches(0.3)
        r += 1
        for task in group.tasks:
            shade = WHITE
            report = [[(line, 10, False, INK)] for line in task.report.split("\n")]
            if task.illustrative:
                word = t("provenance.illustrative", lang).replace(" ", "\u00a0")
                tag = f" ⚠\u00a0{word}"  # kept on one line
                report[-1].append((tag, 9, True, MARKER_RED))
            cells = [
                [[(task.number, 11, True, INK)]],
                [[(task.text, 11, False, INK)]],
                [[(task.deadline_text, 11, False, INK)]],
                [[(task.days_text(lang), 11, True, MARKER_RED)]],
                report,
            ]
            for n, parts in enumerate(cells):
                _runs(table.cell(r, n), parts, shade)
            table.rows[r].height = Inches(0.3)
            r += 1


def build_brief(meeting: Meeting, directory: Path | None = None) -> bytes:
    """The meeting as a .pptx file (bytes)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(SLIDE_WIDTH), Emu(SLIDE_HEIGHT)
    deck.core_properties.title = meeting.title
    deck.core_properties.subject = meeting.as_of_text
    deck.core_properties.author = "TTX Bắc Giang"
    total = len(meeting.slides)
    for number, data in enumerate(meeting.slides, start=1):
        slide = _frame(deck, meeting, data, number, total)
        if data.kind == "title":
            _title(slide, meeting, data)
        elif data.kind == "status_overview":
            _overview(slide, meeting, data)
        elif data.kind in ("group", "off_track"):
            if data.lines:
                _table(slide, data.lines, meeting.lang, with_lead=data.kind == "off_track")
            else:
                _text(slide, MARGIN, CONTENT_TOP, Inches(11), Inches(1), list(data.points), 20)
        elif data.kind in ("sites_map", "forest_map"):
            _map(slide, meeting, data, directory)
        elif data.kind == "lagging":
            _lagging(slide, meeting, data)
        elif data.kind == "overdue_tasks":
            _overdue_tasks(slide, meeting, data)
        elif data.kind == "reporting":
            _reporting(slide, meeting, data)
        else:  # a new kind must be drawn before it is shown
            raise ValueError(f"no drawing for slide kind {data.kind!r}")
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def libreoffice() -> str | None:
    """The LibreOffice program on this machine, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


NO_LIBREOFFICE = (
    "Không tạo được PDF: máy này chưa cài LibreOffice (lệnh `soffice`). Cài bằng"
    " `sudo apt-get install -y libreoffice-impress` (hoặc `make test` cài sẵn), hoặc mở tệp .pptx"
    " và xuất PDF bằng PowerPoint. / "
    "Cannot write the PDF: LibreOffice (the `soffice` command) is not installed here. Install it"
    " with `sudo apt-get install -y libreoffice-impress` (`make test` installs it), or open the"
    " .pptx and export to PDF from PowerPoint."
)


def pptx_to_pdf(pptx: Path, pdf: Path, timeout: int = 240) -> Path:
    """Convert a deck to PDF with LibreOffice headless; a clear BriefError without it."""
    program = libreoffice()
    if program is None:
        raise BriefError(NO_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="ttx-brief-") as work:
        profile = Path(work) / "profile"  # own profile: parallel conversions do not collide
        command = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            work,
            str(pptx),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as error:
            raise BriefError(
                f"LibreOffice không chuyển xong sang PDF trong {timeout} giây. / "
                f"LibreOffice did not finish the PDF within {timeout} seconds."
            ) from error
        produced = Path(work) / (pptx.stem + ".pdf")
        if done.returncode != 0 or not produced.exists():
            raise BriefError(
                "LibreOffice không tạo được PDF / LibreOffice could not write the PDF: "
                + (done.stderr or done.stdout).strip()[-500:]
            )
        replace_atomically(pdf, lambda path: shutil.copyfile(produced, path))
    return pdf


def write_brief(meeting: Meeting, out: Path, directory: Path | None = None) -> Path:
    """Write the deck to `out` (whole or not at all: written beside, then renamed)."""
    if out.suffix.lower() != ".pptx":
        raise BriefError(
            f"Tệp ra {out} phải có đuôi .pptx. / The output file {out} must end in .pptx."
        )
    data = build_brief(meeting, directory)
    replace_atomically(out, lambda path: path.write_bytes(data))
    return out
