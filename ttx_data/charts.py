"""Altair chart builders: an indicator's path to 2030, the district ranking, the milestone timeline.

Plain Altair (no Streamlit), so pages, tests and the meeting brief draw the same charts. Every
chart has a title and axis titles with units in the reader's language; colours come from
colour-blind-safe palettes, and provenance is a shape (hollow for illustrative), not a colour.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ttx_data import catalog, chart_pictures
from ttx_data.i18n import DATE_FORMATS, t, vega_locale
from ttx_data.plan import BASELINE_YEAR, TARGET_YEAR
from ttx_data.status_display import STATUS_STYLES, status_label

AREA_COLOURS = [
    "#000000", "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7",
    "#56B4E9", "#332288", "#882255", "#44AA99", "#999933",
]  # fmt: skip
"""Okabe-Ito then Paul Tol colours: the province first (black), then up to ten districts."""

PROVENANCE_SHAPES = {
    "official": "circle",
    "reported": "square",
    "estimate": "diamond",
    "illustrative": "triangle-up",
}
TARGET_COLOUR = "#009E73"
SELECTED_COLOUR = "#0072B2"
OTHER_COLOUR = "#9aa5b1"
PICK = "pick"
"""Name of the click selection on the district ranking: the page reads it to set the filter."""
CHOSEN = "chosen"
"""The ranking's column telling the chosen districts (drawn in blue): data, set when the chart is
drawn (`with_chosen`), so one spec serves every choice of districts and a click that chooses
another updates the drawn chart in place."""
AREA_ORDER = "area_order"
"""The path chart's column ordering its areas (the province first): the colours follow it."""


def number_format(decimals: int) -> str:
    """The d3 format of a value with the indicator's decimals and thousands grouped: `,.1f`;
    the chart's locale (`localized`) picks the marks, so 37.8 reads 37,8 in Vietnamese."""
    return f",.{decimals}f"


def localized(chart: alt.TopLevelMixin, lang: str, **config) -> alt.TopLevelMixin:
    """The chart configured with the language's number and date locale (and any other config)."""
    return chart.configure(locale=vega_locale(lang), **config)


def _provenance_scale(lang: str) -> alt.Scale:
    return alt.Scale(
        domain=[t("provenance." + p, lang) for p in PROVENANCE_SHAPES],
        range=list(PROVENANCE_SHAPES.values()),
    )


def progress_chart(
    observed: pd.DataFrame,
    guides: pd.DataFrame,
    target_band: tuple[float, float] | None,
    title: str,
    unit: str,
    lang: str,
    first_year: int,
    last_year: int = TARGET_YEAR,
    decimals: int = 1,
) -> alt.LayerChart:
    """Observed values per area, the straight path to the target, the projection, the target.

    Only the areas get a legend; line styles and point shapes are explained by `chart_key`.

    `observed`: area_name, year, value, provenance; `guides`: area_name, guide, year, value
    (two rows per line: path from baseline to target, projection from latest to 2030);
    `target_band`: (low, high), equal for a single level, None when the target has no level.
    `decimals`: the indicator's, for the values in tooltips.
    """
    areas = list(dict.fromkeys(observed["area_name"]))
    order = {name: place for place, name in enumerate(areas)}
    colour = alt.Color(  # the areas' order is data, so one spec serves every choice of districts
        "area_name:N",
        title=t("chart.area", lang),
        sort=alt.EncodingSortField(AREA_ORDER, op="min"),
        scale=alt.Scale(range=AREA_COLOURS),
    )
    x = alt.X(
        "year:Q",
        title=t("chart.year", lang),
        scale=alt.Scale(domain=[first_year, last_year]),
        axis=alt.Axis(format="d", tickMinStep=1),
    )
    y_title = f"{t('chart.value', lang)} ({unit})" if unit else t("chart.value", lang)
    y = alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False))
    area_colour = dict(zip(areas, AREA_COLOURS, strict=False))
    guides = guides.assign(**{AREA_ORDER: guides["area_name"].map(order).fillna(len(areas))})
    shown = observed.assign(
        **{AREA_ORDER: observed["area_name"].map(order)},
        provenance_label=observed["provenance"].map(_label(lang)),
        point_fill=[
            "#ffffff" if p == "illustrative" else area_colour[a]
            for a, p in zip(observed["area_name"], observed["provenance"], strict=True)
        ],
    )
    tooltip = [
        alt.Tooltip("area_name:N", title=t("chart.area", lang)),
        alt.Tooltip("year:Q", title=t("chart.year", lang), format="d"),
        alt.Tooltip("value:Q", title=y_title, format=number_format(decimals)),
        alt.Tooltip("provenance_label:N", title=t("chart.provenance", lang)),
    ]
    base = alt.Chart(shown)
    layers = []
    if target_band is not None:
        low, high = target_band
        band = pd.DataFrame({"low": [low], "high": [high], "label": [t("chart.target", lang)]})
        if high != low:
            layers.append(
                alt.Chart(band)
                .mark_rect(color=TARGET_COLOUR, opacity=0.15)
                .encode(y="low:Q", y2="high:Q")
            )
        layers.append(
            alt.Chart(band)
            .mark_rule(color=TARGET_COLOUR, strokeWidth=2)
            .encode(
                y="low:Q",
                tooltip=alt.Tooltip(
                    "low:Q", title=t("chart.target", lang), format=number_format(decimals)
                ),
            )
        )
    if len(guides):
        layers.append(
            alt.Chart(guides)
            .mark_line(strokeWidth=1.5, opacity=0.8)
            .encode(
                x=x,
                y="value:Q",
                color=colour,
                detail="area_name:N",
                strokeDash=alt.StrokeDash(
                    "guide:N",
                    legend=None,
                    scale=alt.Scale(
                        domain=[t("chart.path", lang), t("chart.projection", lang)],
                        range=[[6, 3], [2, 2]],
                    ),
                ),
            )
        )
    layers.append(base.mark_line(strokeWidth=2.5).encode(x=x, y=y, color=colour))
    layers.append(
        base.mark_point(size=70, strokeWidth=1.8, opacity=1).encode(
            x=x,
            y=y,
            color=colour,
            shape=alt.Shape(
                "provenance_label:N",
                title=t("chart.provenance", lang),
                scale=_provenance_scale(lang),
                legend=None,
            ),
            fill=alt.Fill("point_fill:N", scale=None),
            tooltip=tooltip,
        )
    )
    return localized(alt.layer(*layers).properties(title=title, height=280), lang)


def _label(lang: str):
    return lambda p: t("provenance." + p, lang)


def ranking_chart(
    ranked: pd.DataFrame,
    province_value: float | None,
    target_level: float | None,
    title: str,
    unit: str,
    lang: str,
    selected: tuple[str, ...] = (),
    decimals: int = 1,
) -> alt.LayerChart:
    """Districts ranked best first, with the province value and the target marked; click a bar.

    `ranked`: district_code, area_name, value, provenance, rank; `decimals`: the indicator's.
    """
    shown = ranked.assign(
        **{CHOSEN: ranked["district_code"].isin(selected)},
        provenance_label=ranked["provenance"].map(_label(lang)),
        sourced=ranked["provenance"] != "illustrative",
    )
    x_title = f"{t('chart.value', lang)} ({unit})" if unit else t("chart.value", lang)
    pick = alt.selection_point(name=PICK, fields=["district_code"], on="click")
    order = shown.sort_values("rank")["area_name"].tolist()
    bars = (
        alt.Chart(shown)
        .mark_bar(cursor="pointer")
        .encode(
            y=alt.Y("area_name:N", sort=order, title=t("chart.district", lang)),
            x=alt.X("value:Q", title=x_title),
            color=alt.condition(
                f"datum.{CHOSEN}",
                alt.value(SELECTED_COLOUR),
                alt.value(OTHER_COLOUR),
            ),
            opacity=alt.Opacity(
                "provenance_label:N",
                legend=None,
                scale=alt.Scale(
                    domain=[t("provenance." + p, lang) for p in PROVENANCE_SHAPES],
                    range=[1.0, 1.0, 1.0, 0.55],
                ),
            ),
            tooltip=[
                alt.Tooltip("area_name:N", title=t("chart.district", lang)),
                alt.Tooltip("value:Q", title=x_title, format=number_format(decimals)),
                alt.Tooltip("rank:Q", title=t("chart.rank", lang)),
                alt.Tooltip("provenance_label:N", title=t("chart.provenance", lang)),
            ],
        )
        .add_params(pick)
    )
    layers = [bars]
    marks = []
    if province_value is not None:
        marks.append((t("chart.province", lang), province_value, "#000000", [1, 0]))
    if target_level is not None:
        marks.append((t("chart.target", lang), target_level, TARGET_COLOUR, [6, 3]))
    for label, value, colour, dash in marks:
        rule = pd.DataFrame({"value": [value], "label": [label]})
        layers.append(
            alt.Chart(rule)
            .mark_rule(color=colour, strokeWidth=2, strokeDash=dash)
            .encode(
                x="value:Q",
                tooltip=[
                    alt.Tooltip("label:N", title=label),
                    alt.Tooltip("value:Q", title=x_title, format=number_format(decimals)),
                ],
            )
        )
        layers.append(
            alt.Chart(rule)
            .mark_text(align="left", dx=4, dy=-6, color=colour, fontWeight="bold")
            .encode(x="value:Q", y=alt.value(0), text="label:N")
        )
    chart = alt.layer(*layers).properties(title=title, height=26 * len(shown))
    return localized(chart, lang)


def with_chosen(spec: dict, selected: tuple[str, ...]) -> dict:
    """A ranking's spec (`ranking_chart(...).to_dict()`) with other districts chosen: only its
    bars' data differ. The spec given is left as it is (its parts are shared, not copied)."""
    datasets = {
        name: [{**row, CHOSEN: row["district_code"] in selected} for row in rows]
        if rows and isinstance(rows[0], dict) and CHOSEN in rows[0]
        else rows
        for name, rows in spec.get("datasets", {}).items()
    }
    return {**spec, "datasets": datasets}


MILESTONE_HEIGHT = 220
"""Pixels a milestone timeline needs: 110 px of plot, its title, date axis and labels."""

PROGRESS_HEIGHT = 360
"""Pixels a progress chart needs on screen: 280 px of plot, its title and axis."""


def chart_key(lang: str) -> str:
    """What the line styles and point shapes mean; shown under each progress chart."""
    return t("chart.key", lang)


def ranking_height(districts: int) -> int:
    """Pixels a ranking chart needs on screen: a 26 px row per district plus title and axis."""
    return 26 * districts + 110


def milestone_chart(steps: pd.DataFrame, title: str, lang: str) -> alt.LayerChart:
    """Dated steps of a milestone target on a time line to the 2030 deadline.

    `steps`: step, status_label, status_date (dated steps only are drawn), provenance.
    """
    dated = steps.dropna(subset=["status_date"]).assign(
        status_date=lambda f: pd.to_datetime(f["status_date"]),
        provenance_label=lambda f: f["provenance"].map(_label(lang)),
    )
    x = alt.X(
        "status_date:T",
        title=t("chart.date", lang),
        scale=alt.Scale(domain=[f"{BASELINE_YEAR}-01-01", f"{TARGET_YEAR}-12-31"]),
        axis=alt.Axis(format="%Y", tickCount="year"),
    )
    points = (
        alt.Chart(dated)
        .mark_point(size=160, filled=True, color=SELECTED_COLOUR)
        .encode(
            x=x,
            shape=alt.Shape("provenance_label:N", scale=_provenance_scale(lang), legend=None),
            tooltip=[
                alt.Tooltip("step:N", title=t("chart.step", lang)),
                alt.Tooltip("status_label:N", title=t("chart.status", lang)),
                alt.Tooltip(
                    "status_date:T", title=t("chart.date", lang), format=_date_format(lang)
                ),
            ],
        )
    )
    labels = (
        alt.Chart(dated)
        .mark_text(align="left", dx=8, dy=-10, fontSize=11)
        .encode(x=x, text="step:N")
    )
    deadline = (
        alt.Chart(pd.DataFrame({"status_date": [f"{TARGET_YEAR}-12-31"]}))
        .mark_rule(color=TARGET_COLOUR, strokeWidth=2, strokeDash=[6, 3])
        .encode(x="status_date:T")
    )
    chart = alt.layer(deadline, points, labels).properties(title=title, height=110)
    return localized(chart, lang)


def _date_format(lang: str) -> str:
    return DATE_FORMATS["en" if lang == "en" else "vi"]


def _slide_config(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    """The brief's charts: larger type, in the drawing process's bundled font (every Vietnamese
    letter on any server)."""
    return localized(chart, lang, font=chart_pictures.FONT).configure_axis(
        labelFontSize=15, titleFontSize=15
    )


def status_overview_chart(card: pd.DataFrame, lang: str) -> alt.Chart:
    """Indicators per status in each target group: one stacked bar per group, counts written."""
    statuses = [s for s in STATUS_STYLES if s in set(card["status"])]
    groups = [g for g in catalog.GROUPS if (card["group"] == g).any()]
    short = {g: t(f"chart.group_{g}", lang) for g in catalog.GROUPS}
    counted = (
        card.groupby(["group", "status"]).size().rename("count").reset_index()
        if len(card)
        else pd.DataFrame(columns=["group", "status", "count"])
    )
    counted["group_name"] = counted["group"].map(short)
    counted["status_name"] = counted["status"].map(lambda s: status_label(s, lang))
    counted["order"] = counted["status"].map({s: n for n, s in enumerate(statuses)})
    names = [status_label(s, lang) for s in statuses]
    colour = alt.Color(
        "status_name:N",
        title=t("col.status", lang),
        scale=alt.Scale(domain=names, range=[STATUS_STYLES[s].colour for s in statuses]),
        legend=alt.Legend(orient="bottom", columns=3, labelFontSize=15, titleFontSize=15),
    )
    y = alt.Y("group_name:N", sort=[short[g] for g in groups], title=None)
    x = alt.X(
        "count:Q",
        stack="zero",
        title=t("chart.indicators", lang),
        axis=alt.Axis(tickMinStep=1, format="d"),
    )
    base = alt.Chart(counted).encode(y=y, x=x, order=alt.Order("order:Q"))
    bars = base.mark_bar(stroke="white", strokeWidth=1.5).encode(
        color=colour,
        tooltip=[
            alt.Tooltip("group_name:N", title=t("chart.group", lang)),
            alt.Tooltip("status_name:N", title=t("col.status", lang)),
            alt.Tooltip("count:Q", title=t("chart.indicators", lang)),
        ],
    )
    labels = base.mark_text(dx=-12, fontSize=16, fontWeight="bold", color="white").encode(
        x=alt.X("count:Q", stack="zero", bandPosition=1), text="count:Q"
    )
    chart = alt.layer(bars, labels).properties(width=620, height=80 * max(len(groups), 1))
    return _slide_config(chart, lang)


def lagging_districts_chart(lags: list, highlighted: int, lang: str) -> alt.Chart:
    """Share of each district's assessed indicators that are off track, most first; the
    `highlighted` first districts (the slide's list) in a strong colour, the others grey."""
    frame = pd.DataFrame(
        {
            "district": [f"{lag.name} · {lag.until}" if lag.until else lag.name for lag in lags],
            "share": [100 * lag.share for lag in lags],
            "label": [f"{lag.off_track}/{lag.assessed}" for lag in lags],
            "lagging": [n < highlighted for n in range(len(lags))],
        }
    )
    y = alt.Y(
        "district:N",
        sort=frame["district"].tolist(),
        title=None,
        axis=alt.Axis(labelLimit=260),  # 'Yên Dũng · đến 31/12/2024' whole
    )
    x = alt.X("share:Q", title=t("chart.off_track_share", lang), scale=alt.Scale(domain=[0, 100]))
    base = alt.Chart(frame).encode(y=y, x=x)
    bars = base.mark_bar().encode(
        color=alt.condition(alt.datum.lagging, alt.value("#D55E00"), alt.value(OTHER_COLOUR)),
        tooltip=[
            alt.Tooltip("district:N", title=t("chart.district", lang)),
            alt.Tooltip("label:N", title=t("chart.off_track_of_assessed", lang)),
        ],
    )
    labels = base.mark_text(align="left", dx=5, fontSize=15).encode(text="label:N")
    chart = alt.layer(bars, labels).properties(width=560, height=alt.Step(40))
    return _slide_config(chart, lang)
