"""Presenter mode: the meeting sequence one slide at a time, full width, for a 1280x720 projector.

The sidebar and Streamlit's header are hidden; the type is large; ← and → (or the buttons) move
between slides. The slides are `ttx_data.meeting`'s, the same the brief prints. Another page can
open presenter mode at a kind of slide (`open_at`, e.g. the completeness page at "reporting").
"""

from __future__ import annotations

import html

import streamlit as st

from ttx_data.filters import to_query
from ttx_data.i18n import t
from ttx_data.meeting import REPORTING_COLUMNS, Meeting, Slide, TargetLine
from ttx_data.reporting.completeness import header
from ttx_data.task_slides import COLUMNS, column_headers
from ttx_data.ui.data import load_meeting, map_picture
from ttx_data.ui.scorecard_html import STYLE as SCORECARD_STYLE
from ttx_data.ui.scorecard_html import status_badge, status_counts_html
from ttx_data.ui.state import current_filters

SLIDE_KEY = "present_slide"
JUMP_KEY = "present_open_at"
"""The kind of slide presenter mode opens at on its next run (set by `open_at`)."""

STYLE = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {display:none}
.block-container, [data-testid="stMainBlockContainer"] {padding:0.8rem 2rem 0.4rem 2rem !important;
  max-width:100% !important}
h1 {font-size:2.1rem !important; line-height:1.2 !important; padding:0.2rem 0 0.3rem 0 !important}
.ttx-slide-sub {font-size:1.15rem; color:#555; margin-bottom:0.4rem}
.ttx-slide-point {font-size:1.35rem; margin:0.25rem 0}
.ttx-marker {display:inline-block; border:2px solid #b01e1e; color:#b01e1e; font-weight:700;
  padding:2px 10px; border-radius:4px; font-size:1rem; white-space:nowrap}
.ttx-cover h2 {font-size:1.6rem; font-weight:400; color:#444; margin:0 0 1.6rem 0}
.ttx-slide-table {width:100%; border-collapse:collapse; font-size:1.25rem}
.ttx-slide-table th {text-align:left; background:#33475b; color:#fff; padding:6px 8px}
.ttx-slide-table td {padding:6px 8px; border-bottom:1px solid #ddd; vertical-align:middle}
.ttx-slide-table .ttx-status {font-size:1.05rem}
.ttx-slide-table .ttx-year {color:#555; font-size:0.95rem}
.ttx-counts .ttx-count {font-size:1.1rem; min-width:9rem}
.ttx-counts .ttx-count b {font-size:2.2rem}
.ttx-slide-foot {font-size:0.95rem; color:#555; border-top:1px solid #ddd; padding-top:4px;
  margin-top:0.4rem}
.ttx-slide-table td.ttx-lead {font-size:1.0rem; line-height:1.3}
.ttx-lag {font-size:1.1rem; margin:0.15rem 0; line-height:1.35}
.ttx-area {font-size:0.95rem; font-weight:600; color:#33475b; background:#e8eef4; padding:1px 6px;
  border-radius:3px; white-space:nowrap}
.ttx-headline {font-size:1.35rem; font-weight:700; margin:0.1rem 0 0.2rem 0}
.ttx-reporting {font-size:1.1rem; table-layout:fixed}
.ttx-reporting th {font-size:0.9rem; line-height:1.2; text-align:center; vertical-align:bottom}
.ttx-reporting th:first-child {text-align:left; width:30%}
.ttx-reporting td {text-align:center; padding:5px 6px}
.ttx-reporting td:first-child {text-align:left; line-height:1.3; overflow-wrap:anywhere}
.ttx-reporting tr.ttx-not-reported td:first-child {font-weight:600}
.ttx-reporting td.ttx-missing {color:#b01e1e; font-weight:700; background:#fbeaea}
.ttx-reporting td.ttx-zero {color:#999}
.ttx-tasks {font-size:0.95rem; table-layout:fixed}
.ttx-tasks th {font-size:0.9rem; padding:4px 8px}
.ttx-tasks td {padding:3px 8px; line-height:1.25; vertical-align:top; overflow-wrap:anywhere}
.ttx-tasks col.ttx-c-number {width:5%} .ttx-tasks col.ttx-c-task {width:41%}
.ttx-tasks col.ttx-c-deadline {width:9%} .ttx-tasks col.ttx-c-days {width:9%}
.ttx-tasks tr.ttx-agency td {background:#e8eef4; color:#1a1a1a; padding:4px 8px;
  border-bottom:1px solid #b8c6d4}
.ttx-tasks tr.ttx-agency span {color:#555; font-size:0.9rem}
.ttx-tasks td.ttx-days {color:#b01e1e; font-weight:700; white-space:nowrap}
.ttx-tasks td.ttx-report {font-size:0.85rem; color:#333}
.ttx-tasks .ttx-illustrative {color:#b01e1e; font-size:0.8rem; font-weight:600;
  white-space:nowrap}
</style>
"""


def _esc(text: object) -> str:
    return html.escape(str(text))


def _heading(slide: Slide, lang: str) -> None:
    left, right = st.columns([5, 1.3], vertical_alignment="top")
    left.title(slide.title, anchor=False)
    if slide.subtitle:
        left.html(f"<div class='ttx-slide-sub'>{_esc(slide.subtitle)}</div>")
    if slide.illustrative:
        right.html(
            f"<div style='text-align:right'><span class='ttx-marker' data-testid='ttx-marker'>⚠ "
            f"{_esc(t('meeting.illustrative_marker', lang))}</span></div>"
        )


def _points(points: tuple[str, ...]) -> str:
    return "".join(f"<div class='ttx-slide-point'>{_esc(p)}</div>" for p in points)


def _table(lines: tuple[TargetLine, ...], lang: str, with_lead: bool) -> str:
    heads = ["col.indicator", "col.latest", "col.target", "col.status"]
    head = "".join(f"<th>{_esc(t(k, lang))}</th>" for k in heads)
    if with_lead:
        head += f"<th>{_esc(t('meeting.lead', lang))}</th>"
    rows = []
    for line in lines:
        year = f" <span class='ttx-year'>({line.latest_year})</span>" if line.latest_year else ""
        provenance = (
            f" <span class='ttx-year'>· {_esc(t('provenance.' + line.provenance, lang))}</span>"
            if line.provenance
            else ""
        )
        lead = f"<td class='ttx-lead'>{_esc(line.lead_agency)}</td>" if with_lead else ""
        area = f" <span class='ttx-area'>{_esc(line.area)}</span>" if line.area else ""
        rows.append(
            f"<tr data-indicator='{_esc(line.indicator_id)}'>"
            f"<td><b>{_esc(line.label)}.</b> {_esc(line.name)}{area}</td>"
            f"<td><b>{_esc(line.latest)}</b>{year}{provenance}</td>"
            f"<td>{_esc(line.target)}</td><td>{status_badge(line.status, lang)}</td>{lead}</tr>"
        )
    return _slide_table(head, rows)


def _slide_table(head: str, rows: list[str], kind: str = "", columns: str = "") -> str:
    """A slide's table from its header cells and rows (HTML already escaped), and its columns'
    <col> elements when they are sized."""
    return (
        f"<table class='ttx-slide-table {kind}'>{columns}<thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _reporting_table(slide: Slide, lang: str) -> str:
    """The agencies' report counts, those not reported in full first (in bold, missing in red)."""
    head = "".join(
        f"<th>{_esc(header(column, lang))}</th>" for column in ("agency", *REPORTING_COLUMNS)
    )
    rows = []
    for report in slide.reports:
        cells = []
        for column in REPORTING_COLUMNS:
            count = report.counts[column]
            shown = "ttx-missing" if report.alarming(column) else "ttx-zero" if not count else ""
            cells.append(f"<td class='{shown}'>{count}</td>")
        rows.append(
            f"<tr data-agency='{_esc(report.agency_id)}'"
            f" class='{'ttx-reported' if report.reported else 'ttx-not-reported'}'>"
            f"<td>{_esc(report.name)}</td>{''.join(cells)}</tr>"
        )
    return _slide_table(head, rows, "ttx-reporting")


def _reporting(slide: Slide, lang: str) -> None:
    st.html(
        _headline(slide, "ttx-reporting-headline")
        + (_reporting_table(slide, lang) if slide.reports else "")
    )


def _tasks_table(slide: Slide, lang: str) -> str:
    """Each agency's heading (today's name, the plan's in brackets; how many overdue), then a row
    per overdue task: number, short text, deadline, days overdue, the latest report's
    obstacles and proposals (in red where the report is illustrative)."""
    head = "".join(f"<th>{_esc(text)}</th>" for text in column_headers(lang))
    rows = []
    for group in slide.agencies:
        rows.append(
            f"<tr class='ttx-agency' data-agency='{_esc(group.agency_id)}'><td colspan='5'>"
            f"<b>{_esc(group.name)}</b> <span>· {_esc(group.summary(lang))}</span></td></tr>"
        )
        for task in group.tasks:
            report = "<br>".join(_esc(line) for line in task.report.split("\n"))
            if task.illustrative:
                word = _esc(t("provenance.illustrative", lang))
                report += f" <span class='ttx-illustrative'>⚠&nbsp;{word}</span>"
            rows.append(
                f"<tr data-task='{_esc(task.item_id)}'><td><b>{_esc(task.number)}</b></td>"
                f"<td>{_esc(task.text)}</td><td>{_esc(task.deadline_text)}</td>"
                f"<td class='ttx-days'>{_esc(task.days_text(lang))}</td>"
                f"<td class='ttx-report'>{report}</td></tr>"
            )
    columns = "".join(f"<col class='ttx-c-{column}'>" for column in COLUMNS)
    return _slide_table(head, rows, "ttx-tasks", f"<colgroup>{columns}</colgroup>")


def _headline(slide: Slide, testid: str) -> str:
    """The slide's first point in bold, the others as notes under it."""
    headline, *notes = slide.points
    return f"<div class='ttx-headline' data-testid='{testid}'>{_esc(headline)}</div>" + "".join(
        f"<div class='ttx-slide-sub'>{_esc(note)}</div>" for note in notes
    )


def _body(plan: Meeting, slide: Slide) -> None:
    lang = plan.lang
    if slide.kind == "title":
        illustrative = (
            f"<div class='ttx-slide-point' style='color:#b01e1e'><b>⚠ "
            f"{_esc(t('meeting.deck_illustrative', lang))}</b></div>"
            if plan.illustrative
            else ""
        )
        st.html("<div style='height:2.5rem'></div>")
        st.title(slide.title, anchor=False)
        st.html(
            f"<div class='ttx-cover'><h2>{_esc(slide.subtitle)}</h2>"
            f"{_points(slide.points)}{illustrative}</div>"
        )
        return
    _heading(slide, lang)
    if slide.kind == "status_overview":
        st.html(status_counts_html({s: n for s, n in slide.counts.items() if n}, lang))
        left, right = st.columns([2, 3])
        left.html(_points(slide.points))
        with right:
            st.vega_lite_chart(slide.chart, width="stretch", theme=None)
    elif slide.kind in ("group", "off_track"):
        if slide.lines:
            st.html(_table(slide.lines, lang, with_lead=slide.kind == "off_track"))
        if slide.points:
            st.html(_points(slide.points))
    elif slide.kind in ("sites_map", "forest_map"):
        st.html(_points(slide.points[:1]))
        # 1000 px wide keeps the map, footer and controls within a 720 px high projector
        st.image(map_picture(slide.kind, slide.map_year, plan.filters), width=1000)
    elif slide.kind == "lagging":
        left, right = st.columns([3, 2])
        with left:
            st.vega_lite_chart(slide.chart, width="stretch", theme=None)
        rows = "".join(
            "<div class='ttx-lag'>"
            + _esc(
                t(
                    "meeting.lagging_row",
                    lang,
                    name=lag.label,
                    off=lag.off_track,
                    assessed=lag.assessed,
                    labels=", ".join(lag.off_track_labels) or "–",
                )
            )
            + "</div>"
            for lag in slide.lags
        )
        notes = "".join(f"<div class='ttx-slide-sub'>{_esc(point)}</div>" for point in slide.points)
        right.html(rows + notes)
    elif slide.kind == "overdue_tasks":
        st.html(
            _headline(slide, "ttx-tasks-headline")
            + (_tasks_table(slide, lang) if slide.agencies else "")
        )
    elif slide.kind == "reporting":
        _reporting(slide, lang)


def open_at(kind: str) -> None:
    """Have presenter mode open at the first slide of this kind (a button's on_click; the page
    then switches to presenter mode, `opening()`)."""
    st.session_state[JUMP_KEY] = kind


def opening() -> bool:
    """Whether a page has asked presenter mode to open at a slide (`open_at`)."""
    return bool(st.session_state.get(JUMP_KEY))


def _move(step: int, total: int) -> None:
    current = st.session_state.get(SLIDE_KEY, 0)
    st.session_state[SLIDE_KEY] = min(max(current + step, 0), total - 1)


def presenter() -> None:
    """Draw the current slide with its controls; ← / → move."""
    filters = current_filters()
    lang = filters.lang
    st.html(SCORECARD_STYLE + STYLE)
    plan = load_meeting(filters)
    total = len(plan.slides)
    kinds = [slide.kind for slide in plan.slides]
    jump = st.session_state.pop(JUMP_KEY, None)
    if jump in kinds:
        st.session_state[SLIDE_KEY] = kinds.index(jump)
    number = min(st.session_state.get(SLIDE_KEY, 0), total - 1)
    st.session_state[SLIDE_KEY] = number
    slide = plan.slides[number]
    _body(plan, slide)
    st.html(
        f"<div class='ttx-slide-foot' data-testid='ttx-slide-foot'>{_esc(plan.as_of_text)} · "
        f"{_esc(plan.scope)}"
        + (
            f" · {_esc(t('meeting.snapshot', lang, name=plan.snapshot_name))}"
            if plan.snapshot_name
            else ""
        )
        + f" · <b data-testid='ttx-slide-number'>{_esc(t('meeting.slide_no', lang, n=number + 1, total=total))}</b>"
        f" · {_esc(t('present.keys', lang))}</div>"
    )
    back, forward, leave, _ = st.columns([1, 1, 1.6, 4])
    back.button(
        t("present.previous", lang),
        icon=":material/arrow_back:",
        on_click=_move,
        args=(-1, total),
        disabled=number == 0,
        shortcut="ArrowLeft",
        key="present_previous",
    )
    forward.button(
        t("present.next", lang),
        icon=":material/arrow_forward:",
        on_click=_move,
        args=(1, total),
        disabled=number == total - 1,
        shortcut="ArrowRight",
        key="present_next",
        type="primary",
    )
    if leave.button(t("present.exit", lang), icon=":material/close:", key="present_exit"):
        st.switch_page("pages/overview.py", query_params=to_query(filters))
