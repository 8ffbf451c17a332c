"""What one indicator's panel shows, computed without Streamlit: per-area progress, the guide
lines of its chart (path to target, projection) and the sentence that states the pace.
"""

from __future__ import annotations

import pandas as pd

from ttx_data import geography, progress
from ttx_data.catalog import Indicator
from ttx_data.datasets import PROVINCE_CODE
from ttx_data.i18n import format_number, format_value, t
from ttx_data.indicator_text import change_decimals, change_unit, target_text, value_unit
from ttx_data.plan import TARGET_YEAR
from ttx_data.scorecard import assess_series


def area_name(code: str, lang: str) -> str:
    """'Toàn tỉnh' for the province, else the district's short name."""
    if code == PROVINCE_CODE:
        return t("area.province", lang)
    return geography.district_name(code, lang)


def observed_frame(series: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The series with area names, the province first, then districts by code."""
    frame = series.assign(area_name=series["area_code"].map(lambda c: area_name(c, lang)))
    frame["order"] = (frame["area_code"] != PROVINCE_CODE).astype(int)
    return frame.sort_values(["order", "area_code", "year"]).drop(columns="order")


def assessments(indicator: Indicator, series: pd.DataFrame) -> dict[str, progress.Assessment]:
    """Progress of each area in the series (province and districts alike)."""
    return {
        code: assess_series(indicator, rows.sort_values("year"), district=code != PROVINCE_CODE)
        for code, rows in series.groupby("area_code", sort=False)
    }


def target_band(indicator: Indicator) -> tuple[float, float] | None:
    """The target as a level or band for a chart; none for rates and milestones."""
    if indicator.kind in ("milestone", "average_annual_rate") or indicator.target_value is None:
        return None
    high = indicator.target_high if indicator.kind == "range" else indicator.target_value
    return indicator.target_value, high


def guide_frame(
    indicator: Indicator,
    assessed: dict[str, progress.Assessment],
    lang: str,
    target_year: int = TARGET_YEAR,
) -> pd.DataFrame:
    """Two lines per area: the straight path from baseline to target (unless the baseline already
    met it), and the projection at the achieved pace."""
    rows = []
    rising = indicator.direction == "increase"
    for code, result in assessed.items():
        name = area_name(code, lang)
        if (
            result.target_level is not None
            and result.baseline_value is not None
            and (result.target_level > result.baseline_value) == rising
        ):
            rows += [
                (name, t("chart.path", lang), result.baseline_year, result.baseline_value),
                (name, t("chart.path", lang), target_year, result.target_level),
            ]
        if result.projected_value is not None and result.latest_year < target_year:
            rows += [
                (name, t("chart.projection", lang), result.latest_year, result.latest_value),
                (
                    name,
                    t("chart.projection", lang),
                    target_year,
                    _bounded(indicator, result.projected_value),
                ),
            ]
    return pd.DataFrame(rows, columns=["area_name", "guide", "year", "value"])


def _bounded(indicator: Indicator, value: float) -> float:
    """A projected share stays within 0-100 %; other units are left as projected."""
    return min(max(value, 0.0), 100.0) if indicator.unit == "pct" else value


def _verb(change: float, lang: str) -> str:
    return t("verb.rise" if change >= 0 else "verb.fall", lang)


def progress_sentence(indicator: Indicator, result: progress.Assessment, lang: str) -> str:
    """The pace in words, e.g. 'Cần tăng 2,1 điểm %/năm đến 2030; đã đạt 0,8 điểm %/năm từ 2020.'"""
    if result.status == progress.INSUFFICIENT_DATA:
        return t("sentence.insufficient", lang)
    if result.status == progress.NOT_ASSESSED:
        return t("sentence.province_target", lang, target=target_text(indicator, lang))
    unit = value_unit(indicator, lang)
    met_now_but_slipping = (
        result.status == progress.DETERIORATION
        and result.required_annual_change is None
        and result.latest_year < indicator.target_year
    )
    if met_now_but_slipping:
        return _slipping_sentence(indicator, result, lang)
    if result.status == progress.ACHIEVED:
        latest = format_value(result.latest_value, unit, lang, indicator.decimals)
        return t(
            "sentence.achieved",
            lang,
            latest=latest,
            year=result.latest_year,
            target=target_text(indicator, lang),
        )
    if indicator.kind == "average_annual_rate":
        required, observed = result.required_growth_pct, result.observed_growth_pct
        return t(
            "sentence.rate",
            lang,
            verb_required=_verb(required, lang),
            required=format_number(abs(required), lang, 1),
            verb_achieved=_verb(observed, lang),
            achieved=format_number(abs(observed), lang, 1),
            baseline_year=result.baseline_year,
            latest_year=result.latest_year,
        )
    decimals = change_decimals(indicator)
    per_year = change_unit(indicator, lang)
    achieved = result.achieved_annual_change
    required = result.required_annual_change
    same_way = required is not None and (achieved >= 0) == (required >= 0)
    achieved_text = t(
        "sentence.achieved_pace" if same_way else "sentence.moved_pace",
        lang,
        verb=_verb(achieved, lang),
        amount=f"{format_number(abs(achieved), lang, decimals)} {per_year}".rstrip(),
        baseline_year=result.baseline_year,
    )
    if required is None:
        return achieved_text[0].upper() + achieved_text[1:] + "."
    required_text = t(
        "sentence.required_pace",
        lang,
        verb=_verb(required, lang),
        amount=f"{format_number(abs(required), lang, decimals)} {per_year}".rstrip(),
    )
    return f"{required_text}; {achieved_text}."


def _slipping_sentence(indicator: Indicator, result: progress.Assessment, lang: str) -> str:
    """Met now, but the pace since baseline would leave the target by the target year."""
    unit = value_unit(indicator, lang)
    achieved = result.achieved_annual_change
    return t(
        "sentence.slipping",
        lang,
        latest=format_value(result.latest_value, unit, lang, indicator.decimals),
        year=result.latest_year,
        verb=_verb(achieved, lang),
        amount=f"{format_number(abs(achieved), lang, change_decimals(indicator))} "
        f"{change_unit(indicator, lang)}".rstrip(),
        baseline_year=result.baseline_year,
        projected=format_value(
            _bounded(indicator, result.projected_value), unit, lang, indicator.decimals
        ),
        target=target_text(indicator, lang),
    )
