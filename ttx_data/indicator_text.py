"""How an indicator's numbers are written: its 2030 target as the plan states it, and units."""

from __future__ import annotations

from ttx_data.catalog import Indicator
from ttx_data.i18n import format_number, format_value, t


def target_text(indicator: Indicator, lang: str) -> str:
    """The 2030 target as a reader expects it: '≥ 37%', 'trên 80%', '2,5–3%', 'giảm 1,5–2%/năm'."""
    if indicator.is_milestone:
        return t("target.milestone", lang)
    unit = value_unit(indicator, lang)
    decimals = _target_decimals(indicator.target_value, indicator.target_high)
    value = format_value(indicator.target_value, unit, lang, decimals)
    if indicator.kind == "average_annual_rate":
        key = "target.rate" if indicator.direction == "decrease" else "target.rate_increase"
        return t(
            key,
            lang,
            low=format_number(indicator.target_value, lang, decimals),
            high=format_number(indicator.target_high, lang, decimals),
        )
    if indicator.kind == "range":
        low = format_number(indicator.target_value, lang, decimals)
        return t(
            "target.range",
            lang,
            low=low,
            high=format_value(indicator.target_high, unit, lang, decimals),
        )
    if indicator.target_strict:
        return t("target.above", lang, value=value)
    key = "target.at_least" if indicator.direction == "increase" else "target.at_most"
    return t(key, lang, value=value)


def _target_decimals(*numbers: float | None) -> int:
    present = [n for n in numbers if n is not None]
    if all(float(n).is_integer() for n in present):
        return 0
    return max(len(f"{n:g}".split(".")[-1]) if "." in f"{n:g}" else 0 for n in present)


def value_unit(indicator: Indicator, lang: str) -> str:
    """Unit written after a value: none for a 0-1 index such as the HDI."""
    return "" if indicator.unit == "index" else indicator.unit_label(lang)


def change_unit(indicator: Indicator, lang: str) -> str:
    """Unit of an annual change: percentage points for shares, else the indicator's own unit."""
    if indicator.unit == "pct":
        return "điểm %" if lang == "vi" else "pp"
    return value_unit(indicator, lang)


def change_decimals(indicator: Indicator) -> int:
    """Decimals of an annual change: whole hectares, else at least one decimal (0,8 điểm %/năm)."""
    return 0 if indicator.unit == "ha" else max(indicator.decimals, 1)


def catalog_summary(indicators: list[Indicator], lang: str) -> str:
    """Where the indicators come from: 'the 15 targets of section II.3 split into 23, plus 1 from
    section III.8.9 (plastic bags)', counted from the catalog's plan clauses."""
    from_targets = [i for i in indicators if i.plan_clause.startswith("II.3")]
    others: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        if not indicator.plan_clause.startswith("II.3"):
            section = indicator.plan_clause.rsplit(".", 1)[0]  # III.8.9.a -> III.8.9
            others.setdefault(section, []).append(indicator)
    extra = "; ".join(
        t(
            "overview.extra_indicator",
            lang,
            n=len(group),
            clause=section,
            names=", ".join(i.name(lang) for i in group),
        )
        for section, group in others.items()
    )
    return t(
        "overview.intro",
        lang,
        n_indicators=len(indicators),
        n_targets=len({i.target_no for i in from_targets if i.target_no is not None}),
        n_section_ii=len(from_targets),
        extra=extra,
    )
