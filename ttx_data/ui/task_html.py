"""The plan's tasks as static HTML tables: the overview's attention list and the tables of the
pages a reader prints (an agency's, a target's). Badges with an icon and words (never colour
alone), a link to each task's detail and indicator's panel; every text from data or people is
escaped."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from ttx_data import catalog, links
from ttx_data.filters import Filters
from ttx_data.i18n import format_date, t
from ttx_data.indicator_text import target_text
from ttx_data.reporting import completeness
from ttx_data.status_display import TASK_STATUS_STYLES
from ttx_data.tasks import display
from ttx_data.tasks.catalog import BASES
from ttx_data.tasks.views import INDICATOR
from ttx_data.ui.scorecard_html import (
    STYLE,
    indicator_cell,
    indicator_header,
    latest_text,
    status_badge,
    status_counts_html,
)

TASK_STYLE = (
    STYLE
    + STYLE.replace(".ttx-scorecard", ".ttx-tasks")
    + """
<style>
.ttx-tasks th, .ttx-tasks td {vertical-align:top}
.ttx-tasks .ttx-col-id {font-weight:600; width:6%; overflow-wrap:anywhere}
.ttx-tasks .ttx-col-task {width:32%}
.ttx-tasks .ttx-col-lead, .ttx-tasks .ttx-col-via {width:13%}
.ttx-tasks .ttx-col-status {width:14%}
.ttx-tasks .ttx-col-deadline {width:11%}
.ttx-tasks .ttx-col-report_year, .ttx-tasks .ttx-col-basis {width:7%}
.ttx-tasks .ttx-col-progress {width:15%}
.ttx-tasks .ttx-col-status .ttx-status {white-space:normal}
.ttx-tasks .ttx-day {white-space:nowrap}
.ttx-attention th[scope=row] {width:42%; max-width:none}
.ttx-tasks .ttx-col-count {min-width:9rem}
.ttx-muted {color:#555; font-size:0.85rem}
.ttx-quote {border-left:3px solid #bbb; margin:0.2rem 0 0.8rem 0; padding:0.1rem 0.8rem}
@media print {
  .ttx-wrap {overflow:visible}
  .ttx-scorecard a, .ttx-tasks a {color:inherit; text-decoration:none}
  .ttx-scorecard tr, .ttx-tasks tr {break-inside:avoid}
}
</style>
"""
)
"""The scorecard's style, the same for a task table (class ttx-tasks, apart from the scorecard's
rows), tops aligned, links printed as text."""


def escaped(text: object) -> str:
    """A text from data or people, safe inside HTML."""
    return html.escape(str(text), quote=True)


def task_badge(status: str, lang: str, days_overdue: int | None = None) -> str:
    """A task's classification as a badge, with how many days it is overdue."""
    badge = status_badge(status, lang, TASK_STATUS_STYLES, display.task_status_text)
    if days_overdue:
        badge += f"<br/><span class='ttx-muted'>{escaped(t('tasks.days_overdue', lang, n=days_overdue))}</span>"
    return badge


def task_counts_html(counts: dict[str, int], lang: str, zeros: bool = True) -> str:
    """How many tasks are in each classification, as a row of tiles (those with none left out
    unless `zeros`)."""
    shown = {s: n for s, n in counts.items() if n or zeros}
    return status_counts_html(shown, lang, TASK_STATUS_STYLES, display.task_status_text)


def _table(head: str, body: list[str], caption: str | None = None, kind: str = "") -> str:
    """A printable table of the header cells `head` and the rows `body`, with its caption."""
    said = f"<caption>{escaped(caption)}</caption>" if caption else ""
    return (
        f"<div class='ttx-wrap'><table class='ttx-tasks {kind}'>{said}"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _heads(keys: tuple[str, ...], lang: str) -> str:
    """Header cells of the strings `keys`."""
    return "".join(f"<th scope='col'>{escaped(t(key, lang))}</th>" for key in keys)


def _link(href: str, text: str) -> str:
    return f"<a href='{escaped(href)}'>{text}</a>"


def _cell(column: str, row: dict, items: dict, lang: str, filters: Filters) -> str:
    """One cell of a task table (`tasks_html`), escaped."""
    if column == "id":
        return _link(links.task_url(row["task_id"], filters), escaped(row["task_id"]))
    if column == "task":
        return escaped(display.short(display.action(items[row["task_id"]], lang), 120))
    if column == "lead":
        lead = display.responsible(row["plan_lead"], row["current_lead"], row["verified"], lang)
        return escaped(lead)
    if column == "via":
        return escaped(display.names(row["via"], lang))
    if column == "basis":
        return escaped(BASES[row["basis"]][lang == "en"])
    if column == "status":
        return task_badge(row["status"], lang, row["days_overdue"])
    if column == "deadline":
        basis = display.deadline_basis_text(row["deadline_basis"], lang)
        day = display.day_text(row["deadline"], lang)
        return (
            f"<span class='ttx-day'>{escaped(day)}</span><br/>"
            f"<span class='ttx-muted'>{escaped(basis)}</span>"
        )
    if column == "report_year":
        return escaped(display.year_text(row["year"]) or "—")
    if column == "progress":
        return escaped(display.text(row["progress"]))
    raise KeyError(column)


def tasks_html(
    rows: pd.DataFrame,
    items: dict,
    lang: str,
    filters: Filters,
    columns: tuple[str, ...],
    caption: str,
) -> str:
    """Rows of `task_statuses` as a printable table of `columns` (id, task, lead, via, basis,
    status, deadline, report_year, progress); `items`: the tasks and duties by id."""
    head = "".join(
        f"<th scope='col' class='ttx-col-{c}'>{escaped(display.header(c, lang))}</th>"
        for c in columns
    )
    body = []
    for row in rows.to_dict("records"):
        cells = "".join(
            f"<td class='ttx-col-{c}'>{_cell(c, row, items, lang, filters)}</td>" for c in columns
        )
        body.append(f"<tr data-task='{escaped(row['task_id'])}'>{cells}</tr>")
    return _table(head, body, caption)


def indicators_html(
    rows: pd.DataFrame, lang: str, filters: Filters, directory: Path, caption: str
) -> str:
    """Scorecard rows (with `plan_agency`: whom the indicator is reported for) as a printable
    table: indicator (a link to its panel), latest value, 2030 target, status, reported for."""
    columns = ("col.indicator", "col.latest", "col.target", "col.status", "agency.col.for")
    head = _heads(columns, lang)
    body = []
    for _, row in rows.iterrows():
        indicator = catalog.indicator(row["indicator_id"], directory)
        body.append(
            f"<tr data-indicator='{escaped(indicator.indicator_id)}'>"
            f"{indicator_header(indicator, lang, filters)}"
            f"<td class='ttx-num'>{latest_text(indicator, row, lang)}</td>"
            f"<td class='ttx-num'>{escaped(target_text(indicator, lang))}</td>"
            f"<td>{status_badge(row['status'], lang)}</td>"
            f"<td>{escaped(display.names((row['plan_agency'],), lang))}</td></tr>"
        )
    return _table(head, body, caption)


def attention_html(
    found: pd.DataFrame, items: dict, lang: str, filters: Filters, directory: Path
) -> str:
    """The attention list (`views.attention_list`, as many rows as given) as a table: what it
    is (a link to its detail), its status, and the agency responsible today (the plan's in
    brackets where different)."""
    columns = ("attention.col.no", "attention.col.item", "col.status", "attention.col.agency")
    head = _heads(columns, lang)
    body = []
    for number, row in enumerate(found.to_dict("records"), start=1):
        if row["kind"] == INDICATOR:
            indicator = catalog.indicator(row["item_id"], directory)
            kind = t("attention.indicator", lang)
            what = indicator_cell(indicator, lang, filters)
            status = status_badge(row["status"], lang)
        else:
            kind = t("attention.task", lang)
            text = f"<span class='ttx-no'>{escaped(row['item_id'])}</span> " + escaped(
                display.short(display.action(items[row["item_id"]], lang), 120)
            )
            what = _link(links.task_url(row["item_id"], filters), text)
            status = task_badge(row["status"], lang, row["days_overdue"])
        agency = display.responsible(
            row["plan_agencies"], row["current_agencies"], row["verified"], lang
        )
        body.append(
            f"<tr data-kind='{escaped(row['kind'])}' data-item='{escaped(row['item_id'])}'>"
            f"<td class='ttx-col-id'>{number}</td>"
            f"<th scope='row'><span class='ttx-muted'>{escaped(kind)}</span><br/>{what}</th>"
            f"<td>{status}</td><td>{escaped(agency)}</td></tr>"
        )
    return _table(head, body, kind="ttx-attention")


def served_html(task, card: pd.DataFrame, lang: str, filters: Filters, directory: Path) -> str:
    """The indicators a task serves: indicator (a link to its panel), its target (a link to the
    target page), who links them (the plan's words or the secretariat), status."""
    columns = ("col.indicator", "tasks.served.target", "tasks.served.basis", "col.status")
    head = _heads(columns, lang)
    statuses = card.set_index("indicator_id")["status"]
    body = []
    for link in task.links:
        indicator = catalog.indicator(link.indicator_id, directory)
        target = (
            _link(links.target_url(link.target_no, filters), escaped(link.target_no))
            if link.target_no is not None
            else "—"
        )
        basis = escaped(BASES[link.basis][lang == "en"])
        if link.words_vi:
            basis += f"<br/><span class='ttx-muted'>“{escaped(link.words_vi)}”</span>"
        status = statuses.get(link.indicator_id)
        body.append(
            f"<tr data-indicator='{escaped(link.indicator_id)}'>"
            f"{indicator_header(indicator, lang, filters)}"
            f"<td class='ttx-num'>{target}</td><td>{basis}</td>"
            f"<td>{status_badge(status, lang) if isinstance(status, str) else '—'}</td></tr>"
        )
    return _table(head, body)


def paragraphs_html(text: str) -> str:
    """A text from the plan, one paragraph per line, escaped, as a quotation."""
    shown = "".join(f"<p>{escaped(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<blockquote class='ttx-quote'>{shown}</blockquote>"


def list_html(entries: list[str]) -> str:
    """Texts as a bulleted list, escaped."""
    return "<ul>" + "".join(f"<li>{escaped(e)}</li>" for e in entries) + "</ul>"


def targets_html(
    summary: pd.DataFrame, group: str, lang: str, filters: Filters, directory: Path
) -> str:
    """A group's targets (`views.target_summary` rows): each a link to its page, its indicators
    with their status, how many tasks serve it and how many are overdue."""
    columns = ("target.col.target", "target.col.indicators", "target.col.tasks")
    head = _heads(columns, lang)
    body = []
    for row in summary[summary["group"] == group].to_dict("records"):
        number = row["target_no"]
        shown = "".join(
            f"<div>{indicator_cell(catalog.indicator(i, directory), lang)} "
            f"{status_badge(status, lang)}</div>"
            for i, status in row["indicators"]
        )
        tasks = t("target.tasks_count", lang, n=row["tasks"], overdue=row["overdue"])
        body.append(
            f"<tr data-target='{number}'><th scope='row' class='ttx-col-id'>"
            f"{_link(links.target_url(number, filters), escaped(t('target.label', lang, n=number)))}"
            f"</th><td>{shown}</td><td class='ttx-col-count'>{escaped(tasks)}</td></tr>"
        )
    return _table(head, body, catalog.GROUPS[group][lang == "en"])


REPORTING_COUNTS = ("expected", "received", "accepted", "returned", "pending", "on_time", "late",
                    "missing", "overdue")  # fmt: skip
"""The counts of an agency's row of the completeness table said on its page."""


def reporting_html(row: dict, lang: str) -> str:
    """An agency's row of the completeness table as one printable line: its deadline, then each
    count with its header ('Hạn nộp: 15/01/2026 · Phải nộp: 12 · Đã nhận: 10 · ...')."""
    said = [f"{completeness.header('deadline', lang)}: {format_date(row['deadline'], lang)}"]
    said += [f"{completeness.header(c, lang)}: {int(row[c])}" for c in REPORTING_COUNTS]
    return f"<p class='ttx-reporting'>{escaped(' · '.join(said))}</p>"
