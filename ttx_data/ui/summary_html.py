"""A target group's summary table as accessible, printable HTML: one row per indicator with its
status, latest value, target, the districts' spread and the chosen districts' values, its name a
link to the indicator's page. Pure functions (tested without Streamlit); every text escaped."""

from __future__ import annotations

import html

from ttx_data import catalog
from ttx_data.group_summary import GroupSummary, Spread, SummaryRow
from ttx_data.i18n import format_value, t
from ttx_data.indicator_text import value_unit
from ttx_data.ui.scorecard_html import indicator_header, provenance_tag, status_badge

STYLE = """
<style>
.ttx-summary td.ttx-spread {font-size:0.85rem; min-width:12rem}
.ttx-summary .ttx-chosen {display:block; margin:1px 0 6px 0; font-size:0.9rem}
.ttx-summary .ttx-muted {color:#666; font-size:0.85rem}
.ttx-summary .ttx-status {font-size:0.85rem}
</style>
"""


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _value(row: SummaryRow, value: float, lang: str) -> str:
    indicator = row.indicator
    return format_value(value, value_unit(indicator, lang), lang, indicator.decimals)


def _latest(row: SummaryRow, lang: str) -> str:
    if row.indicator.is_milestone:
        if not row.steps_total:
            return _esc(t("value.none", lang))
        steps = t("summary.steps", lang, done=row.steps_done, total=row.steps_total)
        year = "" if row.latest_year is None else f"<span class='ttx-year'>{row.latest_year}</span>"
        return f"<b>{_esc(steps)}</b><br/>{year}"
    if row.latest_value is None:
        return _esc(t("value.none", lang))
    tag = provenance_tag(row.latest_provenance, lang) if row.latest_provenance else ""
    return (
        f"<b>{_esc(_value(row, row.latest_value, lang))}</b><br/>"
        f"<span class='ttx-year'>{row.latest_year}</span>{tag}"
    )


def _spread(row: SummaryRow, spread: Spread | None, lang: str) -> str:
    if not row.indicator.by_district:
        return f"<span class='ttx-muted'>{_esc(t('summary.province_only', lang))}</span>"
    if spread is None:
        return _esc(t("value.none", lang))
    text = t(
        "summary.spread",
        lang,
        low=_value(row, spread.low, lang),
        low_areas=", ".join(spread.low_areas),
        high=_value(row, spread.high, lang),
        high_areas=", ".join(spread.high_areas),
    )
    year = t("summary.spread_year", lang, year=spread.year, n=spread.districts)
    tag = provenance_tag("illustrative", lang) if spread.illustrative else ""
    return f"{_esc(text)}<br/><span class='ttx-year'>{_esc(year)}</span>{tag}"


def _chosen(row: SummaryRow, lang: str) -> str:
    """The chosen districts' latest values and status, one a line, before the spread."""
    parts = []
    for area in row.chosen:
        if area.value is None:
            value = _esc(t("value.none", lang))
        else:
            value = (
                f"{_esc(_value(row, area.value, lang))} <span class='ttx-year'>{area.year}</span>"
            )
            if area.provenance:
                value += provenance_tag(area.provenance, lang)
        parts.append(
            f"<span class='ttx-chosen'><b>{_esc(area.area)}</b>: {value}"
            f"<br/>{status_badge(area.status, lang)}</span>"
        )
    return "".join(parts)


def summary_table(summary: GroupSummary, lang: str) -> str:
    """The group's indicators as an HTML table; with districts chosen, their values and status
    come first in the districts' column, above the spread."""
    filters = summary.filters
    group = catalog.GROUPS[summary.group][lang == "en"]
    caption = t("summary.caption", lang, group=group, n=len(summary.rows))
    districts = "summary.col.chosen" if filters.districts else "summary.col.spread"
    keys = ["col.indicator", "col.status", "col.latest", "col.target", districts]
    head = "".join(f"<th scope='col'>{_esc(t(key, lang))}</th>" for key in keys)
    body = []
    for row in summary.rows:
        spread = _spread(row, row.spread, lang)
        if row.chosen:
            spread = f"{_chosen(row, lang)}<span class='ttx-muted'>{spread}</span>"
        body.append(
            f"<tr data-indicator='{_esc(row.indicator_id)}'>"
            f"{indicator_header(row.indicator, lang, filters)}"
            f"<td>{status_badge(row.status, lang)}</td>"
            f"<td class='ttx-num'>{_latest(row, lang)}</td>"
            f"<td class='ttx-num'>{_esc(row.target)}</td>"
            f"<td class='ttx-spread'>{spread}</td></tr>"
        )
    return (
        f"{STYLE}<div class='ttx-wrap'><table class='ttx-scorecard ttx-summary'>"
        f"<caption>{_esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def multiples_picture(
    address: str, width: int, height: int, summary: GroupSummary, lang: str
) -> str:
    """The small multiples as an image (drawn on the server, fetched from `address`), at its
    drawn size (`width` × `height` CSS pixels, its room kept while it loads) or narrower,
    described for screen readers by the indicators it draws (their values are in the table
    above)."""
    names = "; ".join(
        f"{row.indicator.label} · {row.indicator.name(lang)}"
        for row in summary.rows
        if row.indicator_id in summary.charted
    )
    alt = t("summary.chart_alt", lang, names=names)
    return (
        "<figure class='ttx-multiples' style='margin:0.5rem 0'>"
        f"<img src='{_esc(address)}' width='{int(width)}' height='{int(height)}' alt='{_esc(alt)}'"
        " style='max-width:100%; height:auto'/>"
        "</figure>"
    )
