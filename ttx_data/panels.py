"""What an indicator panel shows, computed once per indicator and filters, without Streamlit:
status lines, notes, the chart as a Vega-Lite spec, and the table behind it.

Building Altair charts is the costly part of an indicator's page; a `Panel` holds the finished
spec, so the app can cache it per (indicator, filters) and only draw it on reruns. Specs are not
validated against the Vega-Lite schema here (a third of the cost): the tests validate them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ttx_data import catalog, charts, indicator_view, progress
from ttx_data.catalog import Indicator
from ttx_data.filters import Filters
from ttx_data.i18n import format_date, format_value, t
from ttx_data.indicator_text import value_unit
from ttx_data.places import history
from ttx_data.query import run_query
from ttx_data.scorecard import target_applies_to_districts


@dataclass
class Panel:
    """One chart of a panel with everything around it, ready to draw."""

    spec: dict | None = None
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    lines: list[tuple[str, str, str]] = field(default_factory=list)
    """(area name, status, pace sentence) per area shown."""
    notes: list[str] = field(default_factory=list)
    """Things said in words instead of (or beside) the chart, e.g. no data for a district."""
    illustrative: int = 0
    height: int = charts.PROGRESS_HEIGHT
    decimals: dict[str, int] = field(default_factory=dict)
    """Decimals of the table's number columns on screen: the indicator's, from the catalog."""
    file_stem: str = ""

    @property
    def title(self) -> str:
        return "" if self.spec is None else str(self.spec.get("title", ""))


def _with_indicator(indicator: Indicator, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return frame.assign(
        indicator=indicator.name(lang),
        indicator_id=indicator.indicator_id,
        unit=indicator.unit_label(lang),
    )


def _decimals(indicator: Indicator) -> dict[str, int]:
    return {"value": indicator.decimals, "province_value": indicator.decimals}


def _file_stem(indicator: Indicator, filters: Filters, what: str) -> str:
    areas = "-".join(filters.districts) or "tinh"
    return f"ttx-{indicator.indicator_id}-{what}-{areas}-{filters.year_from}-{filters.year_to}"


def series_panel(indicator_id: str, filters: Filters, directory: Path | None = None) -> Panel:
    """The path to 2030 of the province and the chosen districts, with status lines."""
    indicator, lang = catalog.indicator(indicator_id, directory), filters.lang
    codes = list(filters.districts) if indicator.by_district else []
    series = run_query(
        "indicator_series",
        directory,
        indicator_id=indicator_id,
        area_codes=codes,
        first_year=filters.year_from,
        last_year=filters.year_to,
    )
    panel = Panel(file_stem=_file_stem(indicator, filters, "series"), decimals=_decimals(indicator))
    if filters.districts and not indicator.by_district:
        panel.notes.append(t("panel.province_only", lang))
    if series.empty:
        panel.notes.append(t("panel.no_data", lang, first=filters.year_from, last=filters.year_to))
        return panel
    missing = [c for c in codes if c not in set(series["area_code"])]
    if missing:
        names = ", ".join(indicator_view.area_name(c, lang) for c in missing)
        panel.notes.append(t("panel.no_district_data", lang, districts=names))
    observed = indicator_view.observed_frame(series, lang)
    assessed = indicator_view.assessments(indicator, series)
    panel.lines = [
        (
            indicator_view.area_name(code, lang),
            result.status,
            indicator_view.progress_sentence(indicator, result, lang),
        )
        for code, result in assessed.items()
    ]
    panel.spec = charts.progress_chart(
        observed[["area_name", "year", "value", "provenance"]],
        indicator_view.guide_frame(indicator, assessed, lang),
        indicator_view.target_band(indicator),
        title=f"{indicator.label} · {indicator.name(lang)}",
        unit=value_unit(indicator, lang),
        lang=lang,
        first_year=filters.year_from,
        decimals=indicator.decimals,
    ).to_dict(validate=False)
    panel.table = _with_indicator(indicator, observed.rename(columns={"area_name": "area"}), lang)
    panel.illustrative = int((observed["provenance"] == "illustrative").sum())
    return panel


def _ranking_year(indicator_id: str, filters: Filters, directory: Path | None) -> int:
    """The last chosen year with district values of the indicator (else the last chosen year):
    districts report some indicators only until 2025, the commune-level units after."""
    latest = run_query(
        "latest_district_year",
        directory,
        indicator_id=indicator_id,
        first_year=filters.year_from,
        last_year=filters.year_to,
    )["latest_year"].iloc[0]
    return filters.year_to if pd.isna(latest) else int(latest)


def ranking_panel(indicator_id: str, filters: Filters, directory: Path | None = None) -> Panel:
    """Districts ranked in the last chosen year, the province value and the target marked."""
    indicator, lang = catalog.indicator(indicator_id, directory), filters.lang
    year = _ranking_year(indicator_id, filters, directory)
    ranked = run_query("district_ranking", directory, indicator_id=indicator_id, year=year)
    panel = Panel(
        file_stem=_file_stem(indicator, filters, "ranking"), decimals=_decimals(indicator)
    )
    if ranked.empty:
        panel.notes.append(t("panel.no_ranking", lang, year=year))
        return panel
    if year != filters.year_to:
        panel.notes.append(t("panel.ranking_earlier", lang, year=year, last=filters.year_to))
    summary = history.year_summary(year, lang)
    if summary:  # the districts were no longer the plan's 2022 units
        panel.notes.append(summary)
    ranked["area_name"] = ranked["district_code"].map(lambda c: indicator_view.area_name(c, lang))
    province = run_query(
        "indicator_series",
        directory,
        indicator_id=indicator_id,
        area_codes=[],
        first_year=year,
        last_year=year,
    )
    province_value = float(province["value"].iloc[0]) if len(province) else None
    band = indicator_view.target_band(indicator)
    district_target = (
        None if band is None or not target_applies_to_districts(indicator) else band[0]
    )
    if indicator.is_total and province_value is not None:
        total = format_value(province_value, value_unit(indicator, lang), lang, indicator.decimals)
        panel.notes.append(t("panel.province_total", lang, total=total))
    panel.spec = charts.ranking_chart(
        ranked,
        None if indicator.is_total else province_value,
        district_target,
        title=t("panel.ranking_title", lang, name=indicator.name(lang), year=year),
        unit=value_unit(indicator, lang),
        lang=lang,
        selected=filters.districts,
        decimals=indicator.decimals,
    ).to_dict(validate=False)
    panel.table = _with_indicator(
        indicator,
        ranked.rename(columns={"area_name": "area", "district_code": "area_code"}).assign(
            province_value=province_value
        ),
        lang,
    )
    panel.height = charts.ranking_height(len(ranked))
    panel.illustrative = int((ranked["provenance"] == "illustrative").sum())
    return panel


def milestone_panel(indicator_id: str, lang: str, directory: Path | None = None) -> Panel:
    """A milestone target's dated steps on a time line, with their evidence."""
    indicator = catalog.indicator(indicator_id, directory)
    steps = run_query("milestone_steps", directory)
    steps = steps[steps["indicator_id"] == indicator_id].copy()
    panel = Panel(file_stem=f"ttx-{indicator_id}", height=charts.MILESTONE_HEIGHT)
    if steps.empty:
        panel.notes.append(t("panel.no_steps", lang))
        return panel
    steps["step"] = steps["step_en" if lang == "en" else "step_vi"]
    steps["status_label"] = steps["status"].map(lambda s: t("milestone." + s, lang))
    steps["evidence"] = steps["evidence_en" if lang == "en" else "evidence_vi"]
    steps["date"] = [
        "" if pd.isna(day) else format_date(pd.Timestamp(day).date(), lang)
        for day in steps["status_date"]
    ]
    status = progress.assess_milestone(steps["status"].tolist()).status
    panel.lines = [(t("area.province", lang), status, "")]
    panel.spec = charts.milestone_chart(
        steps, title=f"{indicator.label} · {indicator.name(lang)}", lang=lang
    ).to_dict(validate=False)
    panel.table = steps.assign(status=steps["status_label"])[
        ["step", "status", "date", "evidence", "provenance", "source_title", "source_url"]
    ]
    panel.illustrative = int((steps["provenance"] == "illustrative").sum())
    return panel
