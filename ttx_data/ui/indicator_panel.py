"""One indicator's panel on a group page: status and pace, its chart (or table), downloads, the
district ranking (click a bar to filter the app by that district), or a milestone's timeline."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ttx_data import charts, export, indicator_view, progress
from ttx_data.catalog import Indicator
from ttx_data.filters import Filters
from ttx_data.i18n import t
from ttx_data.indicator_text import target_text, value_unit
from ttx_data.scorecard import target_applies_to_districts
from ttx_data.ui import components
from ttx_data.ui.data import run_query
from ttx_data.ui.scorecard_html import STYLE, status_badge
from ttx_data.ui.state import select_districts


def _chart_or_table(
    chart,
    table: pd.DataFrame,
    key: str,
    file_stem: str,
    lang: str,
    on_select: bool = False,
    height: int | str = "content",
):
    """The chart, or on request its data as a table; both downloadable exactly as shown."""
    as_table = st.toggle(t("panel.show_table", lang), key=f"table-{key}")
    event = None
    shown = export.localized_table(table, lang)
    if as_table:
        st.dataframe(shown, hide_index=True, width="stretch")
    elif on_select:
        event = st.altair_chart(
            chart,
            width="stretch",
            height=height,
            on_select="rerun",
            key=f"chart-{key}",
            alt=str(chart.title),
        )
    else:
        st.altair_chart(chart, width="stretch", height=height, alt=str(chart.title))
    components.download_buttons(shown, file_stem, key, lang)
    return event


def _download_table(indicator: Indicator, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return frame.assign(
        indicator=indicator.name(lang),
        indicator_id=indicator.indicator_id,
        unit=indicator.unit_label(lang),
    )


def _status_lines(indicator: Indicator, assessed: dict, lang: str) -> None:
    lines = []
    for code, result in assessed.items():
        name = indicator_view.area_name(code, lang)
        sentence = indicator_view.progress_sentence(indicator, result, lang)
        lines.append(
            f"<p style='margin:0.2rem 0'><b>{name}</b>: {status_badge(result.status, lang)} "
            f"{sentence}</p>"
        )
    st.html(STYLE + "".join(lines))


def _file_stem(indicator: Indicator, filters: Filters, what: str) -> str:
    areas = "-".join(filters.districts) or "tinh"
    return f"ttx-{indicator.indicator_id}-{what}-{areas}-{filters.year_from}-{filters.year_to}"


def _series_view(indicator: Indicator, filters: Filters, lang: str) -> int:
    codes = list(filters.districts) if indicator.by_district else []
    series = run_query(
        "indicator_series",
        indicator_id=indicator.indicator_id,
        area_codes=codes,
        first_year=filters.year_from,
        last_year=filters.year_to,
    )
    if filters.districts and not indicator.by_district:
        st.caption(t("panel.province_only", lang))
    if series.empty:
        st.info(t("panel.no_data", lang, first=filters.year_from, last=filters.year_to))
        return 0
    missing = [c for c in codes if c not in set(series["area_code"])]
    if missing:
        names = ", ".join(indicator_view.area_name(c, lang) for c in missing)
        st.info(t("panel.no_district_data", lang, districts=names))
    observed = indicator_view.observed_frame(series, lang)
    assessed = indicator_view.assessments(indicator, series)
    _status_lines(indicator, assessed, lang)
    chart = charts.progress_chart(
        observed[["area_name", "year", "value", "provenance"]],
        indicator_view.guide_frame(indicator, assessed, lang),
        indicator_view.target_band(indicator),
        title=f"{indicator.label} · {indicator.name(lang)}",
        unit=value_unit(indicator, lang),
        lang=lang,
        first_year=filters.year_from,
    )
    table = _download_table(indicator, observed.rename(columns={"area_name": "area"}), lang)
    _chart_or_table(
        chart,
        table,
        indicator.indicator_id,
        _file_stem(indicator, filters, "series"),
        lang,
        height=charts.PROGRESS_HEIGHT,
    )
    st.caption(charts.chart_key(lang))
    return int((observed["provenance"] == "illustrative").sum())


def _ranking_view(indicator: Indicator, filters: Filters, lang: str) -> int:
    ranked = run_query(
        "district_ranking", indicator_id=indicator.indicator_id, year=filters.year_to
    )
    st.markdown(f"**{t('panel.ranking', lang, year=filters.year_to)}**")
    if ranked.empty:
        st.info(t("panel.no_ranking", lang, year=filters.year_to))
        return 0
    ranked["area_name"] = ranked["district_code"].map(lambda c: indicator_view.area_name(c, lang))
    province = run_query(
        "indicator_series",
        indicator_id=indicator.indicator_id,
        area_codes=[],
        first_year=filters.year_to,
        last_year=filters.year_to,
    )
    province_value = float(province["value"].iloc[0]) if len(province) else None
    band = indicator_view.target_band(indicator)
    district_target = (
        None if band is None or not target_applies_to_districts(indicator) else band[0]
    )
    chart = charts.ranking_chart(
        ranked,
        province_value,
        district_target,
        title=t("panel.ranking_title", lang, name=indicator.name(lang), year=filters.year_to),
        unit=value_unit(indicator, lang),
        lang=lang,
        selected=filters.districts,
    )
    st.caption(t("panel.click_hint", lang))
    table = _download_table(
        indicator,
        ranked.rename(columns={"area_name": "area", "district_code": "area_code"}).assign(
            province_value=province_value
        ),
        lang,
    )
    key = f"rank-{indicator.indicator_id}-{'-'.join(filters.districts)}-{filters.year_to}"
    event = _chart_or_table(
        chart,
        table,
        key,
        _file_stem(indicator, filters, "ranking"),
        lang,
        on_select=True,
        height=charts.ranking_height(len(ranked)),
    )
    picked = [p["district_code"] for p in (event.selection.get(charts.PICK, []) if event else [])]
    if picked and tuple(sorted(picked)) != filters.districts:
        select_districts(picked[:1])
    return int((ranked["provenance"] == "illustrative").sum())


def _milestone_view(indicator: Indicator, filters: Filters, lang: str) -> int:
    steps = run_query("milestone_steps")
    steps = steps[steps["indicator_id"] == indicator.indicator_id].copy()
    if steps.empty:
        st.info(t("panel.no_steps", lang))
        return 0
    steps["step"] = steps["step_en" if lang == "en" else "step_vi"]
    steps["status_label"] = steps["status"].map(lambda s: t("milestone." + s, lang))
    steps["evidence"] = steps["evidence_en" if lang == "en" else "evidence_vi"]
    steps["date"] = (
        pd.to_datetime(steps["status_date"])
        .dt.strftime("%Y-%m-%d" if lang == "en" else "%d/%m/%Y")
        .fillna("")
    )
    status = progress.assess_milestone(steps["status"].tolist()).status
    st.html(STYLE + f"<p><b>{t('area.province', lang)}</b>: {status_badge(status, lang)}</p>")
    chart = charts.milestone_chart(
        steps, title=f"{indicator.label} · {indicator.name(lang)}", lang=lang
    )
    table = steps.assign(status=steps["status_label"])[
        ["step", "status", "date", "evidence", "provenance", "source_title", "source_url"]
    ]
    _chart_or_table(
        chart,
        table,
        indicator.indicator_id,
        f"ttx-{indicator.indicator_id}",
        lang,
        height=charts.MILESTONE_HEIGHT,
    )
    if not st.session_state.get(f"table-{indicator.indicator_id}"):
        st.dataframe(export.localized_table(table, lang), hide_index=True, width="stretch")
    return int((steps["provenance"] == "illustrative").sum())


def indicator_panel(indicator: Indicator, filters: Filters) -> int:
    """Draw one indicator's panel; returns how many illustrative values it put on screen."""
    lang = filters.lang
    with st.container(border=True):
        st.subheader(f"{indicator.label} · {indicator.name(lang)}")
        st.caption(
            f"{indicator.definition(lang)} {t('col.target', lang)}: {target_text(indicator, lang)}."
        )
        if indicator.is_milestone:
            return _milestone_view(indicator, filters, lang)
        shown = _series_view(indicator, filters, lang)
        if indicator.by_district:
            shown += _ranking_view(indicator, filters, lang)
        return shown
