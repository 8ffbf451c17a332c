"""The overview scorecard as an accessible HTML table with inline SVG trend lines.

Plain HTML rather than a canvas grid, so screen readers, browser search and print see every
target; built from pure functions, so it is tested without Streamlit.
"""

from __future__ import annotations

import html
import math
from pathlib import Path

import pandas as pd

from ttx_data import catalog
from ttx_data.catalog import Indicator
from ttx_data.chart_pictures import svg_data_uri
from ttx_data.filters import Filters
from ttx_data.i18n import format_signed, format_value, t
from ttx_data.indicator_text import change_decimals, change_unit, target_text, value_unit
from ttx_data.links import indicator_url
from ttx_data.places import history
from ttx_data.status_display import STATUS_STYLES, status_label

SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 132, 34, 4

STYLE = """
<style>
.ttx-scorecard {width:100%; border-collapse:collapse; font-size:0.95rem; margin-bottom:1.2rem}
.ttx-scorecard caption {text-align:left; font-weight:600; font-size:1.1rem; padding:0.4rem 0}
.ttx-scorecard thead th {text-align:left; font-weight:600; border-bottom:2px solid #888;
  padding:4px 6px}
.ttx-scorecard tbody th {text-align:left; border-bottom:1px solid #ddd; padding:5px 6px}
.ttx-scorecard td {border-bottom:1px solid #ddd; padding:5px 6px; vertical-align:middle}
.ttx-scorecard .ttx-no {font-weight:700; white-space:nowrap}
.ttx-scorecard th[scope=row] {font-weight:400; min-width:11rem; max-width:22rem}
.ttx-wrap {overflow-x:auto}
.ttx-scorecard .ttx-num {min-width:5.5rem}
.ttx-scorecard .ttx-year {font-size:0.8rem; color:#555; white-space:nowrap}
.ttx-status {display:inline-block; border-radius:4px; padding:2px 8px; font-weight:600;
  white-space:nowrap}
.ttx-prov {display:inline-block; font-size:0.75rem; border:1px solid #999; border-radius:3px;
  padding:0 4px; margin-left:4px; white-space:nowrap}
.ttx-prov-illustrative {border-style:dashed; color:#8a4b00; border-color:#8a4b00}
.ttx-pace {font-size:0.85rem; min-width:9rem}
.ttx-scorecard a {color:inherit; text-decoration:underline; text-decoration-color:#888;
  text-underline-offset:2px}
.ttx-scorecard a:hover {text-decoration-color:currentColor}
.ttx-counts {display:flex; flex-wrap:wrap; gap:8px; margin:0.3rem 0 1rem 0}
.ttx-count {border-radius:6px; padding:6px 12px; min-width:7.5rem}
.ttx-count b {font-size:1.4rem; display:block}
</style>
"""


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def sparkline_svg(
    years: list[int],
    values: list[float],
    provenances: list[str] | None,
    target_level: float | None,
    alt: str,
) -> str:
    """A small trend line: filled dots for sourced values, hollow for illustrative, dashed target.

    Returned as an <img> of inline SVG with alt text: Streamlit's HTML sanitiser keeps images
    but strips bare <svg> elements. The <img>'s alt text describes it, and nothing inside it
    carries words, so the picture is the same in both languages and a browser that switches
    language keeps the images it has decoded (as it does the ones the filters leave unchanged).
    """
    if len(values) < 1:
        return ""
    scale_values = list(values) + ([target_level] if target_level is not None else [])
    low, high = min(scale_values), max(scale_values)
    span = (high - low) or 1.0
    first_year, last_year = min(years), max(years)
    year_span = (last_year - first_year) or 1

    def x(year: int) -> float:
        return SPARK_PAD + (year - first_year) / year_span * (SPARK_WIDTH - 2 * SPARK_PAD)

    def y(value: float) -> float:
        return SPARK_HEIGHT - SPARK_PAD - (value - low) / span * (SPARK_HEIGHT - 2 * SPARK_PAD)

    parts = [
        f'<svg width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}"'
        f' viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" xmlns="http://www.w3.org/2000/svg">'
    ]
    if target_level is not None and not math.isnan(target_level):
        ty = y(target_level)
        parts.append(
            f'<line x1="0" x2="{SPARK_WIDTH}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#009E73"'
            ' stroke-width="1" stroke-dasharray="3 2"/>'
        )
    path = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in zip(years, values, strict=True))
    parts.append(f'<polyline points="{path}" fill="none" stroke="#333" stroke-width="1.5"/>')
    for index, (yr, v) in enumerate(zip(years, values, strict=True)):
        illustrative = provenances is not None and provenances[index] == "illustrative"
        fill = "#ffffff" if illustrative else "#333"
        parts.append(
            f'<circle cx="{x(yr):.1f}" cy="{y(v):.1f}" r="2.4" fill="{fill}" stroke="#333"'
            ' stroke-width="1"/>'
        )
    parts.append("</svg>")
    svg = "".join(parts)
    return (
        f'<img class="ttx-spark" src="{svg_data_uri(svg)}" alt="{_esc(alt)}"'
        f' title="{_esc(alt)}" width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}"/>'
    )


def pace_text(indicator: Indicator, row: pd.Series, lang: str) -> str:
    """Required vs achieved pace, e.g. 'cần +2,1 điểm %/năm · đã đạt +0,8/năm'."""
    if indicator.is_milestone:
        if row["steps_total"]:
            done, total = int(row["steps_done"]), int(row["steps_total"])
            return t("pace.milestone", lang, done=done, total=total)
        return t("pace.none", lang)
    if indicator.kind == "average_annual_rate":
        if row["observed_growth_pct"] is None or _missing(row["observed_growth_pct"]):
            return t("pace.none", lang)
        required = format_signed(row["required_growth_pct"], lang, 1) + "%"
        achieved = format_signed(row["observed_growth_pct"], lang, 1) + "%"
        return (
            f"{t('pace.rate_required', lang, value=required)} · "
            f"{t('pace.achieved', lang, value=achieved)}"
        )
    if _missing(row["achieved_annual_change"]):
        return t("pace.none", lang)
    decimals = change_decimals(indicator)
    unit = change_unit(indicator, lang)
    achieved = f"{format_signed(row['achieved_annual_change'], lang, decimals)} {unit}".rstrip()
    parts = [t("pace.achieved", lang, value=achieved)]
    if row["status"] != "achieved" and not _missing(row["required_annual_change"]):
        required = f"{format_signed(row['required_annual_change'], lang, decimals)} {unit}".rstrip()
        parts.insert(0, t("pace.required", lang, value=required))
    return " · ".join(parts)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def latest_text(indicator: Indicator, row: pd.Series, lang: str) -> str:
    """Latest value with its year and a provenance tag."""
    if indicator.is_milestone:
        if _missing(row["latest_year"]):
            return _esc(t("value.none", lang))
        value = t("status." + row["status"], lang)
        year = int(row["latest_year"])
    else:
        if _missing(row["latest_value"]):
            return _esc(t("value.none", lang))
        value = format_value(
            row["latest_value"], value_unit(indicator, lang), lang, indicator.decimals
        )
        year = int(row["latest_year"])
    provenance = row["latest_provenance"]
    tag = provenance_tag(provenance, lang) if provenance else ""
    return f"<b>{_esc(value)}</b><br/><span class='ttx-year'>{year}</span>{tag}"


def status_badge(status: str, lang: str, styles=STATUS_STYLES, label=status_label) -> str:
    """The status as a coloured badge with an icon and words (a task's with its `styles` and
    `label`)."""
    style = styles[status]
    return (
        f'<span class="ttx-status" style="background:{style.colour};color:{style.text_colour}">'
        f"{_esc(label(status, lang))}</span>"
    )


def _trend(indicator: Indicator, row: pd.Series, lang: str) -> str:
    years, values = row["trend_years"], row["trend_values"]
    if indicator.is_milestone or not values:
        return ""
    unit = value_unit(indicator, lang)
    alt = t(
        "trend.alt",
        lang,
        first_year=years[0],
        last_year=years[-1],
        first=format_value(values[0], unit, lang, indicator.decimals),
        last=format_value(values[-1], unit, lang, indicator.decimals),
    )
    level = None if _missing(row["target_level"]) else float(row["target_level"])
    return sparkline_svg(years, values, row["trend_provenances"], level, alt)


def scorecard_table(
    card: pd.DataFrame,
    group: str,
    lang: str,
    directory: Path,
    filters: Filters | None = None,
    caption: str | None = None,
) -> str:
    """One group's scorecard as an HTML table (caption: the group's name and targets unless
    given), its names and targets from the catalog of the data directory the card was built
    from, its rows in the card's order; each name links to the indicator's page with `filters`
    when given."""
    rows = card[card["group"] == group]
    numbers = catalog.GROUP_TARGETS[group]
    caption = caption or f"{catalog.GROUPS[group][lang == 'en']} · " + t(
        "group.targets", lang, first=numbers[0], last=numbers[-1]
    )
    head = "".join(
        f"<th scope='col'>{_esc(t(key, lang))}</th>"
        for key in (
            "col.indicator",
            "col.latest",
            "col.target",
            "col.status",
            "col.trend",
            "col.pace",
        )
    )
    body = []
    for _, row in rows.iterrows():
        indicator = catalog.indicator(row["indicator_id"], directory)
        body.append(
            f"<tr data-indicator='{_esc(indicator.indicator_id)}'>"
            f"{indicator_header(indicator, lang, filters)}"
            f"<td class='ttx-num'>{latest_text(indicator, row, lang)}</td>"
            f"<td class='ttx-num'>{_esc(target_text(indicator, lang))}</td>"
            f"<td>{status_badge(row['status'], lang)}</td>"
            f"<td>{_trend(indicator, row, lang)}</td>"
            f"<td class='ttx-pace'>{_esc(pace_text(indicator, row, lang))}</td>"
            "</tr>"
        )
    return (
        f"<div class='ttx-wrap'><table class='ttx-scorecard'><caption>{_esc(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def indicator_header(indicator: Indicator, lang: str, filters: Filters | None = None) -> str:
    """A table row's header cell: the indicator's `indicator_cell`."""
    return f"<th scope='row'>{indicator_cell(indicator, lang, filters)}</th>"


def indicator_cell(indicator: Indicator, lang: str, filters: Filters | None = None) -> str:
    """An indicator's label and name, the name a link to the indicator's page with the shared
    `filters` when given (same tab, like a page of the app)."""
    name = _esc(indicator.name(lang))
    if filters is not None:
        name = f"<a href='{_esc(indicator_url(indicator.indicator_id, filters))}' target='_self'>{name}</a>"
    return f"<span class='ttx-no'>{_esc(indicator.label)}</span> {name}"


def status_counts_html(
    counts: dict[str, int], lang: str, styles=STATUS_STYLES, label=status_label
) -> str:
    """The count per status (of indicators; of tasks with their `styles` and `label`), as a row
    of labelled tiles."""
    tiles = []
    for status, count in counts.items():
        style = styles[status]
        tiles.append(
            f"<div class='ttx-count' style='background:{style.colour};color:{style.text_colour}'"
            f" data-status='{status}'><b>{count}</b>{_esc(label(status, lang))}</div>"
        )
    return f"<div class='ttx-counts' role='list'>{''.join(tiles)}</div>"


def profile_table(
    profile: pd.DataFrame, lang: str, directory: Path, filters: Filters | None = None
) -> str:
    """A district profile as a printable HTML table, its names and targets from the catalog of
    the data directory the profile was built from; each name links to the indicator's page with
    `filters` when given."""
    head = "".join(
        f"<th scope='col'>{_esc(t(key, lang))}</th>"
        for key in (
            "col.indicator", "col.latest", "profile.col.rank", "profile.col.province",
            "col.target", "col.status", "col.trend",
        )
    )  # fmt: skip
    body = []
    for _, row in profile.iterrows():
        indicator = catalog.indicator(row["indicator_id"], directory)
        unit = value_unit(indicator, lang)
        latest = format_value(row["latest_value"], unit, lang, indicator.decimals)
        province = format_value(row["province_value"], unit, lang, indicator.decimals)
        alt = t(
            "trend.alt",
            lang,
            first_year=row["trend_years"][0],
            last_year=row["trend_years"][-1],
            first=format_value(row["trend_values"][0], unit, lang, indicator.decimals),
            last=latest,
        )
        band = None if indicator.target_value is None else indicator.target_value
        body.append(
            f"<tr data-indicator='{_esc(indicator.indicator_id)}'>"
            f"{indicator_header(indicator, lang, filters)}"
            f"<td class='ttx-num'><b>{_esc(latest)}</b><br/><span class='ttx-year'>"
            f"{row['latest_year']}{_period_mark(row.get('latest_basis'), lang)}</span>"
            f"{provenance_tag(row['provenance'], lang)}</td>"
            f"<td class='ttx-num'>{row['rank']}/{row['districts_ranked']}</td>"
            f"<td class='ttx-num'>{_esc(province)}</td>"
            f"<td class='ttx-num'>{_esc(target_text(indicator, lang))}</td>"
            f"<td>{status_badge(row['status'], lang)}</td>"
            f"<td>{sparkline_svg(row['trend_years'], row['trend_values'], row['trend_provenances'], band, alt)}</td>"
            "</tr>"
        )
    return (
        f"<div class='ttx-wrap'><table class='ttx-scorecard'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


PERIOD_MARK = "†"
"""Beside a year whose district value is not the 2022 unit's own (explained under the table)."""


def _period_mark(basis: str | None, lang: str) -> str:
    if basis in (None, history.UNIT):
        return ""
    return f"<span title='{_esc(t('profile.period_mark', lang))}'>{PERIOD_MARK}</span>"


def provenance_tag(provenance: str, lang: str) -> str:
    return (
        f'<span class="ttx-prov ttx-prov-{_esc(provenance)}">'
        f"{_esc(t('provenance.' + provenance, lang))}</span>"
    )
