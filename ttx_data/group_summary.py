"""A target group at a glance, computed without Streamlit: one row per indicator (status, latest
value, target, the districts' spread, the chosen districts' values, the link to its page) and ONE
Vega-Lite specification that draws every numeric indicator as a small multiple (the observed
line, the target, the path to it and the projection).

One specification with small multiples draws far faster in a browser than a chart per indicator,
and it is written as a plain dict (no Altair building or validation), so a summary costs a few
milliseconds for any filters. Its data come from two queries: the group's observations and the
milestone steps. The app caches a summary per data version and filters, shared by every
session; nothing here may change a summary once built.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ttx_data import charts, indicator_view, progress
from ttx_data.catalog import Indicator
from ttx_data.datasets import PROVINCE_CODE
from ttx_data.filters import Filters, indicators_for
from ttx_data.i18n import format_value, t, vega_locale
from ttx_data.indicator_text import target_text, value_unit
from ttx_data.links import indicator_url
from ttx_data.plan import TARGET_YEAR
from ttx_data.query import run_query
from ttx_data.scorecard import assess_points

CELL_WIDTH = 210
CELL_HEIGHT = 110
COLUMNS = 3
"""Each small multiple's plot in pixels, and how many stand side by side: three fit the main
column of a 1280 px screen with the sidebar open."""
HEADER_WIDTH = 34
"""Characters per line of a small multiple's heading (the label and the indicator's name)."""
DATASET = "summary"
"""The name of the specification's one dataset."""


@dataclass(frozen=True)
class Spread:
    """The districts' values of an indicator in the latest chosen year that has any."""

    year: int
    low: float
    low_areas: tuple[str, ...]
    high: float
    high_areas: tuple[str, ...]
    districts: int
    """How many districts have a value that year."""
    illustrative: int
    """How many of those values are illustrative."""


@dataclass(frozen=True)
class AreaLatest:
    """A chosen district's latest value of an indicator and its status against the target."""

    area: str
    year: int | None
    value: float | None
    provenance: str | None
    status: str


@dataclass(frozen=True)
class SummaryRow:
    """One indicator of the group as the summary table shows it."""

    indicator: Indicator
    status: str
    latest_year: int | None
    latest_value: float | None
    latest_provenance: str | None
    target: str
    spread: Spread | None
    chosen: tuple[AreaLatest, ...]
    """The chosen districts' latest values (none for an indicator followed for the province)."""
    steps_done: int | None
    steps_total: int | None
    illustrative: int
    """Illustrative values behind the row: its series, the chosen districts', the spread's."""
    link: str
    """The indicator page's address with the shared filters."""

    @property
    def indicator_id(self) -> str:
        return self.indicator.indicator_id


@dataclass(frozen=True)
class GroupSummary:
    """A group's indicators (those the filters keep) and the one chart drawing them."""

    group: str
    filters: Filters
    rows: tuple[SummaryRow, ...]
    spec: dict | None
    """The Vega-Lite specification of the small multiples; None when no indicator has values.
    Shared by every session that shows it: never changed once built."""
    charted: tuple[str, ...]
    """The ids of the indicators drawn, in the order of the small multiples."""

    @property
    def illustrative(self) -> int:
        """Illustrative values on screen (the banner's count)."""
        return sum(row.illustrative for row in self.rows)


class _Value(NamedTuple):
    """One observation of the group's query."""

    area_code: str
    area_level: str
    year: int
    value: float
    provenance: str


def _points(values: list[_Value]) -> list[tuple[int, float]]:
    return [(v.year, v.value) for v in values]


def _latest(values: list[_Value]) -> _Value | None:
    return max(values, key=lambda v: v.year) if values else None


def _spread(districts: list[_Value], lang: str) -> Spread | None:
    """Lowest and highest district values in the latest year with district values."""
    if not districts:
        return None
    year = max(v.year for v in districts)
    that_year = [v for v in districts if v.year == year]
    low, high = min(v.value for v in that_year), max(v.value for v in that_year)

    def names(value: float) -> tuple[str, ...]:
        codes = sorted(v.area_code for v in that_year if v.value == value)
        return tuple(indicator_view.area_name(c, lang) for c in codes)

    return Spread(
        year=year,
        low=low,
        low_areas=names(low),
        high=high,
        high_areas=names(high),
        districts=len(that_year),
        illustrative=sum(v.provenance == "illustrative" for v in that_year),
    )


def _chosen(
    indicator: Indicator, by_area: dict[str, list[_Value]], filters: Filters
) -> tuple[AreaLatest, ...]:
    if not indicator.by_district:
        return ()
    found = []
    for code in filters.districts:
        own = by_area.get(code, [])
        latest = _latest(own)
        found.append(
            AreaLatest(
                area=indicator_view.area_name(code, filters.lang),
                year=None if latest is None else latest.year,
                value=None if latest is None else latest.value,
                provenance=None if latest is None else latest.provenance,
                status=assess_points(indicator, _points(own), district=True).status,
            )
        )
    return tuple(found)


def _by_area(values: list[_Value]) -> dict[str, list[_Value]]:
    found: dict[str, list[_Value]] = {}
    for value in sorted(values, key=lambda v: v.year):
        found.setdefault(value.area_code, []).append(value)
    return found


def _numeric_row(indicator: Indicator, values: list[_Value], filters: Filters) -> SummaryRow:
    by_area = _by_area(values)
    province = by_area.get(PROVINCE_CODE, [])
    districts = [v for v in values if v.area_level == "district"] if indicator.by_district else []
    chosen = [v for v in districts if v.area_code in filters.districts]
    latest = _latest(province)
    spread = _spread(districts, filters.lang)
    return SummaryRow(
        indicator=indicator,
        status=assess_points(indicator, _points(province)).status,
        latest_year=None if latest is None else latest.year,
        latest_value=None if latest is None else latest.value,
        latest_provenance=None if latest is None else latest.provenance,
        target=target_text(indicator, filters.lang),
        spread=spread,
        chosen=_chosen(indicator, by_area, filters),
        steps_done=None,
        steps_total=None,
        illustrative=sum(v.provenance == "illustrative" for v in province + chosen)
        + (spread.illustrative if spread else 0),
        link=indicator_url(indicator.indicator_id, filters),
    )


def _milestone_row(indicator: Indicator, steps: pd.DataFrame, filters: Filters) -> SummaryRow:
    own = steps[steps["indicator_id"] == indicator.indicator_id]
    dated = own.dropna(subset=["status_date"]).sort_values("status_date")
    latest = dated.iloc[-1] if len(dated) else None
    return SummaryRow(
        indicator=indicator,
        status=progress.assess_milestone(own["status"].tolist()).status,
        latest_year=None if latest is None else pd.Timestamp(latest["status_date"]).year,
        latest_value=None,
        latest_provenance=None if latest is None else str(latest["provenance"]),
        target=target_text(indicator, filters.lang),
        spread=None,
        chosen=(),
        steps_done=int((own["status"] == "done").sum()),
        steps_total=len(own),
        illustrative=int((own["provenance"] == "illustrative").sum()),
        link=indicator_url(indicator.indicator_id, filters),
    )


def heading(indicator: Indicator, lang: str) -> str:
    """A small multiple's heading, 'label · name' broken into short lines ('\\n')."""
    return "\n".join(textwrap.wrap(f"{indicator.label} · {indicator.name(lang)}", HEADER_WIDTH))


def _records(indicator: Indicator, values: list[_Value], filters: Filters) -> list[dict]:
    """The indicator's rows of the chart's dataset: observed values (province, and the chosen
    districts when it is followed by district; `area_order` places each area in the colours), the
    province's path and projection, the target."""
    lang = filters.lang
    codes = [PROVINCE_CODE, *(filters.districts if indicator.by_district else ())]
    by_area = _by_area(values)
    if not any(by_area.get(code) for code in codes):
        return []
    unit = value_unit(indicator, lang)
    base = {
        "facet": heading(indicator, lang),
        "name": f"{indicator.label} · {indicator.name(lang)}",
        "indicator_id": indicator.indicator_id,
    }

    def text(value: float) -> str:
        return format_value(value, unit, lang, indicator.decimals)

    records = []
    for order, code in enumerate(codes):
        area = indicator_view.area_name(code, lang)
        records += [
            {
                **base,
                "layer": "observed",
                "area": area,
                "year": v.year,
                "value": v.value,
                "text": text(v.value),
                "area_order": order,
                "provenance": t("provenance." + v.provenance, lang),
                "illustrative": v.provenance == "illustrative",
            }
            for v in by_area.get(code, [])
        ]
    province = by_area.get(PROVINCE_CODE, [])
    assessed = {PROVINCE_CODE: assess_points(indicator, _points(province))} if province else {}
    path = t("chart.path", lang)
    records += [
        {
            **base,
            "layer": "path" if guide == path else "projection",
            "area": area,
            "area_order": 0,
            "guide": guide,
            "year": int(year),
            "value": float(value),
            "text": text(value),
        }
        for area, guide, year, value in indicator_view.guide_frame(
            indicator, assessed, lang
        ).itertuples(index=False)
    ]
    band = indicator_view.target_band(indicator)
    if band is not None:
        records.append(
            {
                **base,
                "layer": "target",
                "value": band[0],
                "value2": band[1],
                "text": target_text(indicator, lang),
            }
        )
    return records


def _layer(layer: str | tuple[str, ...], mark: dict, encoding: dict) -> dict:
    layers = (layer,) if isinstance(layer, str) else layer
    test = " || ".join(f"datum.layer === '{name}'" for name in layers)
    return {"transform": [{"filter": test}], "mark": mark, "encoding": encoding}


def small_multiples_spec(
    records: list[dict], headings: list[str], title: str, lang: str, first: int
) -> dict:
    """One Vega-Lite specification: a facet per indicator (`headings` in order), its own y scale,
    the years `first`-2030 on x; the observed lines and points coloured by area (the province
    first, in black, then the chosen districts: `area_order`), the path to the target (dashed) and
    the projection (dotted) of the province, the target as a green line (a band for a range).
    Hollow points are illustrative. The app draws it on the server as a picture
    (`chart_pictures`), where its tooltips (values as the reader writes them, `text`) do not show:
    there the values are in the summary table beside it."""
    area_scale = {"range": charts.AREA_COLOURS}
    area_sort = {"field": "area_order", "op": "min"}
    colour = {
        "field": "area",
        "type": "nominal",
        "title": t("chart.area", lang),
        "scale": area_scale,
        "sort": area_sort,
        "legend": {"orient": "top"},
    }
    x = {
        "field": "year",
        "type": "quantitative",
        "title": None,
        "scale": {"domain": [first, TARGET_YEAR]},
        "axis": {"format": "d", "tickMinStep": 1, "labelOverlap": True, "tickCount": 4},
    }
    y = {
        "field": "value",
        "type": "quantitative",
        "title": None,
        "scale": {"zero": False},
        "axis": {"format": ",~f", "tickCount": 4},
    }
    area_tip = {"field": "area", "type": "nominal", "title": t("chart.area", lang)}
    year_tip = {
        "field": "year",
        "type": "quantitative",
        "title": t("chart.year", lang),
        "format": "d",
    }
    value_tip = {"field": "text", "type": "nominal", "title": t("chart.value", lang)}
    layers = [
        _layer(
            "target",
            {"type": "rect", "color": charts.TARGET_COLOUR, "opacity": 0.15},
            {"y": {**y, "field": "value"}, "y2": {"field": "value2"}},
        ),
        _layer(
            "target",
            {"type": "rule", "color": charts.TARGET_COLOUR, "strokeWidth": 2},
            {
                "y": y,
                "tooltip": [{"field": "text", "type": "nominal", "title": t("chart.target", lang)}],
            },
        ),
        _layer(
            ("path", "projection"),
            {"type": "line", "strokeWidth": 1.5, "opacity": 0.8},
            {
                "x": x,
                "y": y,
                "color": colour,
                "detail": {"field": "layer", "type": "nominal"},
                "strokeDash": {
                    "field": "layer",
                    "type": "nominal",
                    "legend": None,
                    "scale": {"domain": ["path", "projection"], "range": [[6, 3], [2, 2]]},
                },
                "tooltip": [
                    {"field": "guide", "type": "nominal", "title": t("chart.guide", lang)},
                    year_tip,
                    value_tip,
                ],
            },
        ),
        _layer("observed", {"type": "line", "strokeWidth": 2.2}, {"x": x, "y": y, "color": colour}),
        _layer(
            "observed",
            {"type": "point", "size": 40, "strokeWidth": 1.6, "opacity": 1},
            {
                "x": x,
                "y": y,
                "color": colour,
                "fill": {
                    "condition": {"test": "datum.illustrative", "value": "#ffffff"},
                    "field": "area",
                    "type": "nominal",
                    "scale": area_scale,
                    "sort": area_sort,
                    "legend": None,
                },
                "tooltip": [
                    {"field": "name", "type": "nominal", "title": t("col.indicator", lang)},
                    area_tip,
                    year_tip,
                    value_tip,
                    {
                        "field": "provenance",
                        "type": "nominal",
                        "title": t("chart.provenance", lang),
                    },
                ],
            },
        ),
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "title": {"text": title, "anchor": "start"},
        "description": title,
        "datasets": {DATASET: records},
        "data": {"name": DATASET},
        "facet": {
            "field": "facet",
            "type": "nominal",
            "title": None,
            "sort": headings,
            "header": {
                "labelAnchor": "start",
                "labelAlign": "left",
                "labelFontWeight": "bold",
                "labelFontSize": 12,
                "labelLimit": 0,
                "labelExpr": "split(datum.label, '\\n')",
            },
        },
        "columns": COLUMNS,
        "spec": {"width": CELL_WIDTH, "height": CELL_HEIGHT, "layer": layers},
        "resolve": {"scale": {"y": "independent"}, "axis": {"x": "independent"}},
        "config": {"locale": vega_locale(lang), "view": {"stroke": "#ddd"}},
    }


def build_summary(
    group: str,
    indicators: list[Indicator],
    observations: pd.DataFrame,
    steps: pd.DataFrame,
    filters: Filters,
) -> GroupSummary:
    """The summary of `indicators` (the group's that the filters keep, in catalog order) from the
    group's observations (indicator_id, area_code, area_level, year, value, provenance; the
    filters' years) and the milestone steps."""
    lang = filters.lang
    values: dict[str, list[_Value]] = {}
    columns = ["indicator_id", *_Value._fields]
    for indicator_id, *value in observations[columns].itertuples(index=False):
        values.setdefault(indicator_id, []).append(
            _Value(str(value[0]), str(value[1]), int(value[2]), float(value[3]), str(value[4]))
        )
    rows, records, headings, charted = [], [], [], []
    for indicator in indicators:
        if indicator.is_milestone:
            rows.append(_milestone_row(indicator, steps, filters))
            continue
        own = values.get(indicator.indicator_id, [])
        rows.append(_numeric_row(indicator, own, filters))
        drawn = _records(indicator, own, filters)
        if drawn:
            records += drawn
            headings.append(heading(indicator, lang))
            charted.append(indicator.indicator_id)
    title = t("summary.chart_title", lang, first=filters.year_from, last=TARGET_YEAR)
    spec = (
        small_multiples_spec(records, headings, title, lang, filters.year_from) if records else None
    )
    return GroupSummary(group, filters, tuple(rows), spec, tuple(charted))


def group_summary(group: str, filters: Filters, directory: Path | None = None) -> GroupSummary:
    """The summary of a target group for the filters, from the data directory `directory`."""
    observations = run_query(
        "group_observations",
        directory,
        group=group,
        first_year=filters.year_from,
        last_year=filters.year_to,
    )
    steps = run_query("milestone_steps", directory)
    shown = indicators_for(filters, group, directory)
    return build_summary(group, shown, observations, steps, filters)
