"""The two maps as static PNG images for the meeting brief (16:9 slides, image area 12 x 5.6 in).

Same data and colour rules as the interactive pydeck maps in `ttx_data.maps`: the same queries,
`maps.site_points`, `maps.forest_features`, `maps.coverage_colour`, `maps.forest_colour`,
`maps.WWTP_STYLE` and the same fading of districts outside the selection. Drawn with a bare
`matplotlib.figure.Figure` on the Agg canvas (no pyplot, no rcParams changes: every text names its
font, DejaVu Sans, which carries the Vietnamese diacritics). No basemap and nothing fetched; the
same arguments give the same bytes.

Fills are composited over white at the alpha the app uses, so the image shows the colours a reader
sees on the app's map with the basemap off.
"""

from __future__ import annotations

import io
import math
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MplPath
from shapely.geometry import shape
from shapely.ops import polylabel

from ttx_data import geography, maps, query
from ttx_data.i18n import format_number, t
from ttx_data.places import history
from ttx_data.plan import BASELINE_YEAR

FIGSIZE_IN = (12.0, 5.6)
"""The slide's image area, in inches."""
FONT = "DejaVu Sans"
MAP_RECT = (0.0, 0.085, 0.70, 0.915)
"""Where the map sits in the figure (left, bottom, width, height as fractions)."""
PANEL_LEFT_IN = 8.6
"""Left edge of the legend panel, in inches from the figure's left edge."""
PANEL_TOP_IN = 5.42

EDGE = (40, 40, 40, 220)  # the app's district outline colour
SITE_EDGE = (30, 30, 30, 255)  # the app's site outline colour
FADED_ALPHA = 50  # the alpha `maps._district_features` gives districts outside the selection


def _text(key: str, lang: str, **values: object) -> str:
    return t("map_image." + key, lang, **values)


def _on_white(rgba) -> tuple[float, float, float]:
    """An RGBA colour (0-255, as pydeck takes it) composited over white, as RGB in 0-1."""
    alpha = rgba[3] / 255 if len(rgba) > 3 else 1.0
    return tuple((255 - alpha * (255 - c)) / 255 for c in rgba[:3])


def _label(ax: Axes, x: float, y: float, text: str, size: float, **kwargs) -> None:
    ax.text(x, y, text, fontfamily=FONT, fontsize=size, **kwargs)


def _halo(width: float = 2.2) -> list:
    return [patheffects.withStroke(linewidth=width, foreground="white")]


def _figure() -> tuple[Figure, Axes, Axes]:
    """A white figure with the map axes (left) and a legend axes whose data units are inches."""
    fig = Figure(figsize=FIGSIZE_IN, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes(MAP_RECT)
    ax.set_axis_off()
    width, height = FIGSIZE_IN
    legend = fig.add_axes((0, 0, 1, 1), zorder=-1)
    legend.set_xlim(0, width)
    legend.set_ylim(0, height)
    legend.set_axis_off()
    return fig, ax, legend


def _draw_districts(ax: Axes, collection: dict, selected: tuple[str, ...]) -> dict[str, tuple]:
    """The district polygons of `maps._district_features`; returns each one's label point."""
    points = {}
    lons, lats = [], []
    for feature in collection["features"]:
        props = feature["properties"]
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        vertices, codes = [], []
        for polygon in polygons:
            for ring in polygon:
                ring = np.asarray(ring, dtype=float)[:, :2]
                vertices.append(ring)
                codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY]
                lons += ring[:, 0].tolist()
                lats += ring[:, 1].tolist()
        path = MplPath(np.concatenate(vertices), codes)
        chosen = props["district_code"] in selected
        ax.add_patch(
            PathPatch(
                path,
                facecolor=_on_white(props["fill"]),
                edgecolor=_on_white(EDGE),
                linewidth=2.0 if chosen else 0.6,
                joinstyle="round",
                zorder=3 if chosen else 1,
            )
        )
        # the label goes at the polygon's pole of inaccessibility: inside, and far from its edges
        polygon = shape(geometry)
        if polygon.geom_type == "MultiPolygon":
            polygon = max(polygon.geoms, key=lambda part: part.area)
        point = polylabel(polygon, tolerance=0.001)
        points[props["district_code"]] = (point.x, point.y)
    pad_x = (max(lons) - min(lons)) * 0.01
    pad_y = (max(lats) - min(lats)) * 0.02
    ax.set_xlim(min(lons) - pad_x, max(lons) + pad_x)
    ax.set_ylim(min(lats) - pad_y, max(lats) + pad_y)
    # an equirectangular view: a degree of longitude is cos(latitude) of a degree of latitude
    ax.set_aspect(1 / math.cos(math.radians((min(lats) + max(lats)) / 2)))
    return points


def _district_labels(
    ax: Axes, points: dict, lines: dict[str, tuple[str, str]], selected: tuple[str, ...]
) -> None:
    """Each district's name (bold) over its value, with a white halo to stay legible on fills."""
    for code, (x, y) in points.items():
        faded = bool(selected) and code not in selected
        colour = "#8a8a8a" if faded else "#1a1a1a"
        name, value = lines[code]
        for text, offset, va, size, weight in (
            (name, 0.5, "bottom", 8.5, "bold"),
            (value, -0.5, "top", 8, "normal"),
        ):
            if not text:
                continue
            ax.annotate(
                text,
                (x, y),
                xytext=(0, offset),
                textcoords="offset points",
                fontfamily=FONT,
                fontsize=size,
                fontweight=weight,
                color=colour,
                ha="center",
                va=va,
                path_effects=_halo(),
                zorder=6,
                annotation_clip=False,
            )


def _footer(fig: Figure, caption: str, lang: str) -> None:
    """The caption (what, which year, data as of) above the boundary credit CC BY 3.0 IGO asks
    for; laid out in inches from the bottom edge."""
    credit = textwrap.fill(geography.BOUNDARY_ATTRIBUTION[lang], 230)
    inches = fig.dpi_scale_trans
    bottom = 0.07
    _label(
        fig, 0.07, bottom, credit, 5.5, color="#777777", ha="left", va="bottom", transform=inches
    )
    top_of_credit = bottom + (credit.count("\n") + 1) * 5.5 * 1.2 / 72
    _label(
        fig,
        0.07,
        top_of_credit + 0.06,
        caption,
        8.5,
        color="#333333",
        ha="left",
        va="bottom",
        transform=inches,
    )


def _caption(text: str, directory: Path | None, lang: str) -> str:
    return f"{text} · {query.currency_text(lang, directory)}"


class _Panel:
    """Writes the legend top-down in inches, so its layout does not depend on the dpi."""

    def __init__(self, ax: Axes, left: float = PANEL_LEFT_IN, top: float = PANEL_TOP_IN):
        self.ax, self.left, self.y = ax, left, top

    def heading(self, text: str, width: int = 40) -> None:
        self.para(text, width, size=9.5, weight="bold")

    def para(
        self, text: str, width: int = 52, size: float = 8.5, weight: str = "normal", x: float = 0
    ) -> None:
        wrapped = textwrap.fill(text, width)
        lines = wrapped.count("\n") + 1
        _label(
            self.ax,
            self.left + x,
            self.y,
            wrapped,
            size,
            fontweight=weight,
            ha="left",
            va="top",
            color="#1a1a1a",
            linespacing=1.2,
        )
        self.y -= lines * size * 1.2 / 72 + 0.05

    def gap(self, inches: float = 0.1) -> None:
        self.y -= inches


def _site_radius_pt(radius_m):
    """Marker radius in points from the app's radius in metres (square root of the area).

    At the app's opening zoom every site sits at its minimum size; the image keeps the order of
    sizes visible with an affine scale, the same for the map and the size legend."""
    return np.clip(4.0 + np.asarray(radius_m, dtype=float) / 150.0, 4.0, 14.0)


def _radius_m(area_ha: float) -> float:
    # `maps.site_points` computes `radius_m` from `area_ha`; reuse it for the size legend
    frame = pd.DataFrame(
        {
            "wwtp_status": ["operating"],
            "area_ha": [area_ha],
            "district_code": ["213"],
            "kind": ["KCN"],
            "occupancy_pct": [None],
            "wwtp_capacity_m3_day": [None],
            "status_provenance": ["illustrative"],
        }
    )
    return float(maps.site_points(frame, BASELINE_YEAR, "vi")["radius_m"].iloc[0])


def _draw_sites(ax: Axes, points: pd.DataFrame) -> None:
    if points.empty:
        return
    radius = _site_radius_pt(points["radius_m"])
    order = np.argsort(-radius, kind="stable")  # large sites first, small ones stay on top
    frame = points.iloc[order]
    radius = radius[order]
    ax.scatter(
        frame["lon"],
        frame["lat"],
        s=(2 * radius) ** 2,
        c=[tuple(c / 255 for c in colour) for colour in frame["colour"]],
        edgecolors=[tuple(c / 255 for c in SITE_EDGE)],
        linewidths=0.7,
        zorder=4,
    )
    for row, r in zip(frame.itertuples(), radius, strict=True):
        _label(
            ax,
            row.lon,
            row.lat,
            row.symbol,
            max(6.5, min(11.0, r * 1.1)),
            color="white",
            fontweight="bold",
            ha="center",
            va="center_baseline",
            zorder=5,
        )


def _status_marker(ax: Axes, x: float, y: float, status: str, radius_pt: float = 6.0) -> None:
    colour, symbol = maps.WWTP_STYLE[status]
    ax.scatter(
        [x],
        [y],
        s=(2 * radius_pt) ** 2,
        c=[tuple(c / 255 for c in (*colour, 230))],
        edgecolors=[tuple(c / 255 for c in SITE_EDGE)],
        linewidths=0.7,
    )
    _label(
        ax,
        x,
        y,
        symbol,
        radius_pt * 1.1,
        color="white",
        fontweight="bold",
        ha="center",
        va="center_baseline",
    )


def _ramp(
    fig: Figure, panel: _Panel, colour_of, stops: list[float], width_in: float, height_in: float
):
    """A horizontal colour bar of `colour_of(p)` for p from 0 to 100; returns its axes."""
    width, height = FIGSIZE_IN
    bottom = panel.y - height_in
    bar = fig.add_axes((panel.left / width, bottom / height, width_in / width, height_in / height))
    values = np.arange(0, 100.01, 0.25)
    image = np.array([[_on_white(colour_of(p)) for p in values]])
    bar.imshow(image, extent=(0, 100, 0, 1), aspect="auto", interpolation="nearest")
    bar.set_xlim(0, 100)
    bar.set_yticks([])
    bar.set_xticks(stops)
    bar.tick_params(axis="x", length=3, width=0.6, pad=2, labelsize=8)
    for spine in bar.spines.values():
        spine.set_linewidth(0.6)
        spine.set_color("#999999")
    panel.y = bottom
    return bar


def _tick_labels(bar: Axes, stops: list[float], lang: str) -> None:
    bar.set_xticklabels(
        [f"{format_number(p, lang, 0)}%" for p in stops], fontfamily=FONT, fontsize=8
    )


def _png(fig: Figure, dpi: int) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
    return buffer.getvalue()


def sites_map_png(
    year: int,
    lang: str,
    selected: tuple[str, ...] = (),
    directory: Path | None = None,
    dpi: int = 150,
) -> bytes:
    """The KCN/CCN wastewater map of `year` as a PNG: districts shaded by the share of operating
    sites with central treatment, sites coloured and marked by status and sized by area.

    As on the app's page, a district selection keeps only its sites and fades other districts."""
    selected = tuple(selected)
    sites = query.run_query("sites_in_year", directory, year=year)
    if selected:
        sites = sites[sites["district_code"].isin(selected)]
    points = maps.site_points(sites, year, lang)
    coverage = query.run_query("wwtp_coverage_by_district", directory, year=year)
    by_code = coverage.set_index("district_code")
    names = geography.district_names(lang)

    properties, lines = {}, {}
    for code in names:
        pct = by_code["coverage_pct"].get(code) if code in by_code.index else None
        properties[code] = {"fill": maps.coverage_colour(pct), "name": names[code]}
        value = ""
        if pct is not None and not pd.isna(pct):
            done = int(by_code.loc[code, "with_treatment"])
            total = int(by_code.loc[code, "operating_sites"])
            value = f"{format_number(pct, lang, 0)}% ({done}/{total})"
        if history.year_basis(code, year) == history.ENDED:
            value = _text("no_data", lang)
        lines[code] = (names[code], value)

    fig, ax, legend = _figure()
    collection = maps._district_features(properties, selected, year, lang)
    label_points = _draw_districts(ax, collection, selected)
    _draw_sites(ax, points)
    _district_labels(ax, label_points, lines, selected)

    panel = _Panel(legend)
    panel.heading(t("map.legend_sites", lang))
    panel.gap(0.04)
    for status in maps.WWTP_STYLE:
        _status_marker(legend, panel.left + 0.12, panel.y - 0.1, status)
        panel.para(t("wwtp." + status, lang), x=0.3, width=46)
        panel.y -= 0.06
    panel.gap(0.08)
    panel.heading(t("map.legend_coverage", lang), width=40)
    panel.gap(0.02)
    stops = [0, 50, 100]
    _tick_labels(_ramp(fig, panel, maps.coverage_colour, stops, 3.1, 0.16), stops, lang)
    panel.gap(0.3)
    legend.add_patch(
        Rectangle(
            (panel.left, panel.y - 0.15),
            0.3,
            0.15,
            facecolor=_on_white(maps.coverage_colour(None)),
            edgecolor="#999999",
            linewidth=0.6,
        )
    )
    panel.para(t("map.coverage_none", lang), x=0.4)
    panel.gap(0.1)

    # sizes: three reference areas drawn with the same scale as the map
    areas = (20.0, 100.0, 400.0)
    radii = [float(_site_radius_pt(_radius_m(a))) for a in areas]
    centre_y = panel.y - max(radii) / 72 - 0.02
    x = panel.left + radii[0] / 72
    for area, r in zip(areas, radii, strict=True):
        legend.scatter([x], [centre_y], s=(2 * r) ** 2, facecolors="#d9d9d9", edgecolors="#1e1e1e")
        _label(
            legend,
            x + r / 72 + 0.05,
            centre_y,
            _text("size_ha", lang, area=format_number(area, lang, 0)),
            8,
            ha="left",
            va="center",
            color="#1a1a1a",
        )
        x += r / 72 * 2 + 0.55
    panel.y = centre_y - max(radii) / 72 - 0.06
    panel.para(t("map.legend_size", lang))
    panel.gap(0.08)

    notes = [_text("sites_locations", lang), history.year_summary(year, lang)]
    illustrative = int((points["status_provenance"] == "illustrative").sum())
    if illustrative:
        notes.append(_text("sites_illustrative", lang, count=illustrative, total=len(points)))
    for note in filter(None, notes):
        panel.para(note, size=7.5, width=58)

    caption = _caption(_text("sites_caption", lang, year=year), directory, lang)
    _footer(fig, caption, lang)
    return _png(fig, dpi)


def forest_map_png(
    year: int,
    lang: str,
    selected: tuple[str, ...] = (),
    directory: Path | None = None,
    dpi: int = 150,
) -> bytes:
    """The forest-cover map of `year` as a PNG: districts coloured around the 37 % target (brown
    below, green at or above), labelled with name and cover; illustrative values carry a `*`.

    As on the app's page, a district selection fades the other districts."""
    selected = tuple(selected)
    forest = query.run_query("forest_by_district", directory, year=year)
    names = geography.district_names(lang)
    target = maps.forest_target_pct(directory)
    properties = maps.forest_features(forest, lang, target)

    lines = {code: (name, _text("no_data", lang)) for code, name in names.items()}
    for row in forest.itertuples():
        mark = "*" if row.cover_provenance == "illustrative" else ""
        value = f"{format_number(row.cover_pct, lang, 1)}%{mark}"
        lines[row.district_code] = (names[row.district_code], value)

    fig, ax, legend = _figure()
    collection = maps._district_features(properties, selected, year, lang)
    label_points = _draw_districts(ax, collection, selected)
    _district_labels(ax, label_points, lines, selected)

    panel = _Panel(legend)
    panel.heading(t("map.legend_forest", lang, target=maps.percent_text(target, lang)))
    panel.gap(0.3)
    stops = [0, 20, target, 60, 100]
    bar = _ramp(fig, panel, lambda p: maps.forest_colour(p, target), stops, 3.1, 0.3)
    _tick_labels(bar, stops, lang)
    bar.axvline(target, color="#1a1a1a", linewidth=1.2)
    bar.text(
        target,
        1.12,
        f"◆ {t('map.target', lang)} {maps.percent_text(target, lang)}%",
        fontfamily=FONT,
        fontsize=8,
        fontweight="bold",
        ha="center",
        va="bottom",
        transform=bar.get_xaxis_transform(),
    )
    panel.gap(0.36)
    panel.para(t("map.legend_forest_note", lang, target=maps.percent_text(target, lang)), width=46)
    panel.gap(0.12)

    # every district keeps its label when others are selected, so the notes cover them all
    if (forest["cover_provenance"] == "illustrative").any():
        panel.para(_text("forest_marked", lang), size=8)
    others = sorted(set(forest["cover_provenance"]) - {"illustrative"})
    if others:
        kinds = ", ".join(t("provenance." + kind, lang) for kind in others)
        panel.para(_text("forest_unmarked", lang, kinds=kinds), size=8)
    summary = history.year_summary(year, lang)
    if summary:
        panel.para(summary, size=7.5, width=58)

    caption = _caption(t("map.forest_table", lang, year=year), directory, lang)
    _footer(fig, caption, lang)
    return _png(fig, dpi)
