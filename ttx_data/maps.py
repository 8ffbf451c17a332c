"""The two maps, built as pydeck decks without Streamlit: KCN/CCN wastewater treatment (target 7)
and forest cover (target 5), over the 10 district polygons of 2022; and the commune-level units of
1/7/2025 as points over them.

The polygons and points render from the bundled GeoJSON, with no request leaving the server. The
basemap is only the tiles drawn in the reader's browser, on by default, off when the environment
variable `TTX_BASEMAP=off` (offline rooms, projectors without internet): the map stays usable.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pydeck as pdk
import shapely
from pydeck.bindings.json_tools import default_serialize
from shapely.geometry import mapping, shape

from ttx_data import catalog, geography
from ttx_data.i18n import format_number, format_signed, format_value, t
from ttx_data.places import COMMUNE_DECIMALS, history
from ttx_data.plan import FOREST_CERTIFIED, FOREST_COVER, LAST_DISTRICT_YEAR

BASEMAP_ENV = "TTX_BASEMAP"
BASEMAP_STYLE = "light"
DISTRICT_LAYER = "districts"
SITE_LAYER = "sites"

WWTP_STYLE = {
    # status: (RGB colour, symbol drawn on the point so status never rests on colour alone)
    "operating": ((0, 158, 115), "+"),
    "under_construction": ((230, 159, 0), "~"),
    "none": ((213, 94, 0), "!"),
    "site_not_operating": ((120, 120, 120), "-"),
}
"""Okabe-Ito colours and a symbol per central wastewater-treatment status (target 7)."""


def map_year(year: int) -> int:
    """The year a map of districts or sites shows for a chosen `year`: at most the last year
    reported by the plan's districts (forest and sites have no later rows)."""
    return min(year, LAST_DISTRICT_YEAR)


def basemap_enabled() -> bool:
    """Basemap tiles in the reader's browser: on unless `TTX_BASEMAP` is off/0/false/no."""
    return os.environ.get(BASEMAP_ENV, "on").strip().lower() not in ("off", "0", "false", "no")


@lru_cache(maxsize=1)
def district_geojson() -> dict:
    """The 10 district polygons of 2022 (GeoJSON, EPSG:4326) with GSO codes."""
    return json.loads(geography.DISTRICT_BOUNDARIES_FILE.read_text(encoding="utf-8"))


SIMPLIFY_TOLERANCE_DEG = 0.003
"""How far the maps simplify the district outlines (shapely's coverage simplification, so
neighbours keep one shared border): at most about 500 m off the source outline, under a pixel of
the province view (zoom 8, about 550 m a pixel), about 70% of the source's vertices."""

COORDINATE_DECIMALS = 4
"""Decimals of the degrees the maps send to the browser: 0.0001° is about 11 m."""


@lru_cache(maxsize=1)
def drawn_district_geojson() -> dict:
    """The 10 district polygons as the maps draw them: simplified together (shared borders stay
    shared, no gap or overlap opens) and rounded to COORDINATE_DECIMALS, codes kept."""
    features = district_geojson()["features"]
    simplified = shapely.coverage_simplify(
        [shape(f["geometry"]) for f in features], SIMPLIFY_TOLERANCE_DEG
    )
    rounded = shapely.set_precision(simplified, 10**-COORDINATE_DECIMALS, mode="pointwise")
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": mapping(geometry),
                "properties": {"district_code": f["properties"]["district_code"]},
            }
            for f, geometry in zip(features, rounded, strict=True)
        ],
    }


def province_view() -> pdk.ViewState:
    """A view that fits the whole province (bounds 105.88-107.03 E, 21.12-21.63 N)."""
    lons, lats = [], []
    for feature in district_geojson()["features"]:
        for ring in feature["geometry"]["coordinates"]:
            lons += [p[0] for p in ring]
            lats += [p[1] for p in ring]
    return pdk.ViewState(
        longitude=(min(lons) + max(lons)) / 2,
        latitude=(min(lats) + max(lats)) / 2,
        zoom=8.05,
        min_zoom=7,
        max_zoom=14,
    )


def _blend(low: tuple, high: tuple, share: float) -> list[int]:
    share = min(max(share, 0.0), 1.0)
    return [round(a + (b - a) * share) for a, b in zip(low, high, strict=True)]


def coverage_colour(coverage_pct: float | None) -> list[int]:
    """Sequential blue for the share of operating sites with central treatment; grey if none."""
    if coverage_pct is None or pd.isna(coverage_pct):
        return [225, 225, 225, 140]
    return [*_blend((222, 235, 247), (8, 81, 156), coverage_pct / 100), 170]


def forest_target_pct(directory: Path | None = None) -> float:
    """The forest-cover target (%, target 5a) in the catalog of the data directory (None: the
    current one): the point the forest colours turn around."""
    return catalog.indicator(FOREST_COVER, directory).target_value


def forest_intro_values(lang: str, directory: Path | None = None) -> dict[str, str]:
    """Target 5's two levels as the forest map's intro writes them ('37%', '17.000 ha'), from the
    catalog of the data directory."""
    certified = catalog.indicator(FOREST_CERTIFIED, directory)
    return {
        "cover": f"{percent_text(forest_target_pct(directory), lang)}%",
        "certified": format_value(
            certified.target_value, certified.unit_label(lang), lang, certified.decimals
        ),
    }


def percent_text(pct: float, lang: str) -> str:
    """A percentage as the plan writes a target: '37', or '37,5' when it has a fraction."""
    return format_number(pct, lang, 0 if float(pct).is_integer() else 1)


def forest_colour(cover_pct: float, target_pct: float) -> list[int]:
    """Diverging around the target: browns below it, greens above."""
    if cover_pct < target_pct:
        return [*_blend((140, 81, 10), (246, 232, 195), cover_pct / target_pct), 190]
    share = (cover_pct - target_pct) / (100 - target_pct)
    return [*_blend((199, 234, 229), (1, 102, 94), min(1.0, share * 2)), 190]


NO_DATA_FILL = [230, 230, 230, 140]


def _in_its_time(properties: dict[str, dict], year: int, lang: str) -> dict[str, dict]:
    """Each plan district's tooltip says what it was in `year` when it was not the 2022 unit; a
    district that did not exist then shows no value, and says so."""
    names = geography.district_names(lang)
    timed = {}
    for code in names:
        extra = dict(properties.get(code, {"name": names[code], "detail": ""}))
        basis = history.year_basis(code, year)
        if basis == history.ENDED:  # the maps' data (forest, sites) are never rolled up
            extra = {"name": names[code], "fill": NO_DATA_FILL}
            extra["detail"] = t("map.district_ended", lang, year=year,
                                history=history.changes_text(code, lang))  # fmt: skip
        elif basis != history.UNIT:
            extra["detail"] = f"{extra.get('detail', '')}\n{history.year_note(code, year, lang)}"
        timed[code] = extra
    return timed


def _district_features(
    properties: dict[str, dict], selected: tuple[str, ...], year: int | None, lang: str
) -> dict:
    """District polygons carrying `name`, `detail` (tooltip, with what the district was in
    `year` when given) and `fill`; chosen ones outlined, the others faded when a district filter
    is set."""
    if year is not None:
        properties = _in_its_time(properties, year, lang)
    features = []
    for feature in drawn_district_geojson()["features"]:
        code = feature["properties"]["district_code"]
        extra = properties.get(code, {})
        fill = list(extra.get("fill", NO_DATA_FILL))
        if selected and code not in selected:
            fill[3] = 50
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "district_code": code,
                    "name": extra.get("name", code),
                    "detail": extra.get("detail", ""),
                    "fill": fill,
                    "line_width": 400 if code in selected else 80,  # metres
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _district_layer(collection: dict) -> pdk.Layer:
    return pdk.Layer(
        "GeoJsonLayer",
        data=collection,
        id=DISTRICT_LAYER,
        pickable=True,
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color=[40, 40, 40, 220],
        get_line_width="properties.line_width",
        line_width_min_pixels=1,
    )


NO_BASEMAP = "__MAP_STYLE__"
"""The map style of a deck when the basemap is off: pydeck's "no style given", on which Streamlit
draws the deck alone, with no basemap library (mapbox-gl compiles its shaders for about half a
second of a reader's CPU even for an empty style) and no request; any other style, or none,
would make Streamlit fall back to its default CARTO basemap. Scroll and drag still zoom and pan;
the zoom buttons, drawn by the basemap, are gone with it."""

TOOLTIP = {
    "html": "<b>{name}</b><br/>{detail}",
    "style": {
        "fontSize": "13px",
        "whiteSpace": "pre-line",
        "maxWidth": "min(320px, calc(100% - 16px))",
        "transform": "none",
        "top": "8px",
        "left": "8px",
    },
}
"""One tooltip for every layer: each object carries a `name` and a `detail` in the language.

Streamlit HTML-escapes the values it puts in the template, so names from data files show as text
and the detail breaks lines with newlines (`pre-line`), not markup. The box sits in the map's
top-left corner instead of following the cursor, so the map's edge never cuts it off."""


def _point_layer(
    data: pd.DataFrame, layer_id: str, radius: str | float, pixels: tuple[int, int]
) -> pdk.Layer:
    """Clickable points at `lon`/`lat` filled with `colour`, outlined; `radius` in metres (or the
    column holding it), kept between `pixels` (min, max) on screen."""
    return pdk.Layer(
        "ScatterplotLayer",
        data=data,
        id=layer_id,
        pickable=True,
        stroked=True,
        get_position=["lon", "lat"],
        get_fill_color="colour",
        get_line_color=[30, 30, 30, 255],
        get_radius=radius,
        radius_min_pixels=pixels[0],
        radius_max_pixels=pixels[1],
        line_width_min_pixels=1,
    )


class MapDeck(pdk.Deck):
    """A deck whose JSON is written once, compact: pydeck indents it (four times the bytes, which
    the browser parses again with JSON5 whenever the spec differs). Shared once built: never
    change it after its first `to_json`."""

    __slots__ = ("_spec",)  # a slot, not in vars(): pydeck serialises the deck's vars

    def to_json(self) -> str:
        try:
            return self._spec
        except AttributeError:
            self._spec = json.dumps(
                self, sort_keys=True, default=default_serialize, separators=(",", ":")
            )
            return self._spec


def _deck(layers: list[pdk.Layer]) -> MapDeck:
    basemap = basemap_enabled()
    return MapDeck(
        layers=layers,
        initial_view_state=province_view(),
        map_provider="carto" if basemap else None,
        map_style=BASEMAP_STYLE if basemap else NO_BASEMAP,
        tooltip=TOOLTIP,
    )


def _drawn_points(points: pd.DataFrame, extra: list[str] = ()) -> pd.DataFrame:
    """What the browser needs of map points: position (to COORDINATE_DECIMALS + 1, about a
    metre), colour, tooltip, the district a click selects, and the `extra` columns."""
    drawn = points[["lon", "lat", "colour", "name", "detail", "district_code", *extra]].copy()
    drawn[["lon", "lat"]] = drawn[["lon", "lat"]].round(COORDINATE_DECIMALS + 1)
    return drawn


GAP_DECIMALS = {"site_area_ha": 1}
"""Decimals of the gap list's numbers on screen and in the site tooltips."""

FOREST_DECIMALS = {"cover_pct": 1, "cover_change_pct_points": 1, "certified_area_ha": 0}
"""Decimals of the forest table's numbers on screen and in the district tooltips."""


def site_points(sites: pd.DataFrame, year: int, lang: str) -> pd.DataFrame:
    """One row per site with colour, radius (by area), symbol and tooltip fields in the language."""
    names = geography.district_names(lang)
    frame = sites.copy()
    frame["colour"] = [list(WWTP_STYLE[s][0]) + [230] for s in frame["wwtp_status"]]
    frame["symbol"] = [WWTP_STYLE[s][1] for s in frame["wwtp_status"]]
    frame["radius_m"] = ((frame["area_ha"].fillna(20.0).clip(lower=5) ** 0.5) * 60).round()
    frame["district_name"] = frame["district_code"].map(names)
    frame["status_label"] = [t("wwtp." + s, lang) for s in frame["wwtp_status"]]
    frame["detail"] = [
        t(
            "map.site_detail",
            lang,
            kind=row.kind,
            district=row.district_name,
            area=format_number(row.area_ha, lang, GAP_DECIMALS["site_area_ha"]),
            occupancy="—"
            if pd.isna(row.occupancy_pct)
            else format_number(row.occupancy_pct, lang, 0),
            capacity="—"
            if pd.isna(row.wwtp_capacity_m3_day)
            else format_number(row.wwtp_capacity_m3_day, lang, 0),
            symbol=row.symbol,
            status=row.status_label,
            year=year,
            provenance=t("provenance." + row.status_provenance, lang),
        )
        for row in frame.itertuples()
    ]
    return frame


def sites_deck(
    points: pd.DataFrame,
    coverage: pd.DataFrame,
    year: int,
    lang: str,
    selected: tuple[str, ...],
) -> pdk.Deck:
    """Sites coloured and marked by treatment status, sized by area, over districts shaded by the
    share of their operating sites with central treatment."""
    names = geography.district_names(lang)
    by_code = coverage.set_index("district_code")
    properties = {}
    for code in names:
        pct = by_code["coverage_pct"].get(code) if code in by_code.index else None
        text = (
            t("map.coverage_none", lang)
            if pct is None
            else t(
                "map.coverage_text",
                lang,
                pct=format_number(pct, lang, 1),
                done=int(by_code.loc[code, "with_treatment"]),
                total=int(by_code.loc[code, "operating_sites"]),
            )
        )
        properties[code] = {"fill": coverage_colour(pct), "name": names[code], "detail": text}
    district_layer = _district_layer(_district_features(properties, selected, year, lang))
    data = _drawn_points(points, ["radius_m", "symbol"])
    site_layer = _point_layer(data, SITE_LAYER, "radius_m", (6, 28))
    symbols = pdk.Layer(
        "TextLayer",
        data=data[["lon", "lat", "symbol"]],
        id="site-symbols",
        get_position=["lon", "lat"],
        get_text="symbol",
        get_size=16,
        get_color=[255, 255, 255, 255],
        font_weight=700,
        get_text_anchor='"middle"',
        get_alignment_baseline='"center"',
        character_set=json.dumps("".join(s for _, s in WWTP_STYLE.values())),  # its font atlas
    )
    return _deck([district_layer, site_layer, symbols])


def forest_features(forest: pd.DataFrame, lang: str, target_pct: float) -> dict[str, dict]:
    """Per district: colour by cover, and tooltip texts (cover, change since 2020, certified ha)."""
    names = geography.district_names(lang)
    properties = {}
    for row in forest.itertuples():
        properties[row.district_code] = {
            "fill": forest_colour(row.cover_pct, target_pct),
            "name": names[row.district_code],
            "detail": t(
                "map.forest_text",
                lang,
                cover=format_number(row.cover_pct, lang, FOREST_DECIMALS["cover_pct"]),
                target=percent_text(target_pct, lang),
                change=format_signed(
                    row.cover_change_pct_points, lang, FOREST_DECIMALS["cover_change_pct_points"]
                ),
                certified=format_number(
                    row.certified_area_ha, lang, FOREST_DECIMALS["certified_area_ha"]
                ),
                provenance=t("provenance." + row.cover_provenance, lang),
            ),
        }
    return properties


def forest_deck(
    forest: pd.DataFrame, year: int, lang: str, selected: tuple[str, ...], target_pct: float
) -> pdk.Deck:
    """District choropleth of forest cover around the target in `year`."""
    features = forest_features(forest, lang, target_pct)
    layer = _district_layer(_district_features(features, selected, year, lang))
    return _deck([layer])


def sites_without_treatment(points: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Operating sites with no operating central treatment, by district: the list to act on."""
    gaps = points[points["operating"] & (points["wwtp_status"] != "operating")]
    return pd.DataFrame(
        {
            "area": gaps["district_name"],
            "area_code": gaps["district_code"],
            "site": gaps["name"],
            "kind": gaps["kind"],
            "site_area_ha": gaps["area_ha"],
            "status": gaps["status_label"],
            "provenance": gaps["status_provenance"],
        }
    ).sort_values(["area_code", "site"])


def forest_table(forest: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Forest by district as shown beside the map: cover, change since 2020, certified area.

    Provenance is that of the cover figure; certified areas are illustrative everywhere."""
    names = geography.district_names(lang)
    return pd.DataFrame(
        {
            "area": forest["district_code"].map(names),
            "area_code": forest["district_code"],
            "cover_pct": forest["cover_pct"],
            "cover_change_pct_points": forest["cover_change_pct_points"].round(1),
            "certified_area_ha": forest["certified_area_ha"],
            "provenance": forest["cover_provenance"],
            "source_title": forest["source_title"],
        }
    )


COMMUNE_LAYER = "communes"

DISTRICT_PALETTE = (
    (0, 114, 178), (230, 159, 0), (0, 158, 115), (204, 121, 167), (86, 180, 233),
    (213, 94, 0), (120, 94, 240), (140, 86, 75), (100, 100, 100), (188, 189, 34),
)  # fmt: skip
"""Ten distinguishable colours (Okabe-Ito and a few more), one per plan district in code order."""


def district_colours() -> dict[str, tuple[int, int, int]]:
    """Plan district code -> its colour on the commune map and in its legend."""
    return dict(zip(geography.district_codes(), DISTRICT_PALETTE, strict=True))


def commune_points(communes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One point per commune-level unit (`places.communes_frame`) at the register's position,
    coloured by its (main) plan district, with the tooltip's `name` and `detail` in the language.

    The detail is plain text with newlines: Streamlit escapes the values it puts in `TOOLTIP`."""
    colours = district_colours()
    points = communes.copy()
    points["district_code"] = points["plan_district_code"]  # what a click selects
    points["colour"] = [[*colours[c], 230] for c in points["plan_district_code"]]
    points["name"] = points["unit_name"]
    points["detail"] = [
        t(
            "map.commune_detail",
            lang,
            kind=row.kind,
            code=row.unit_code,
            population=format_number(row.population, lang, COMMUNE_DECIMALS["population"]),
            area=format_number(row.area_km2, lang, COMMUNE_DECIMALS["area_km2"]),
            districts=row.plan_districts,
        )
        for row in points.itertuples()
    ]
    return points


def communes_deck(points: pd.DataFrame, lang: str, selected: tuple[str, ...]) -> pdk.Deck:
    """The commune-level units as points over the plan's 10 district polygons (for orientation:
    no commune polygons are available), the polygons tinted in their district's colour."""
    names = geography.district_names(lang)
    properties = {
        code: {
            "fill": [*colour, 90],
            "name": names[code],
            "detail": f"{t('map.commune_district', lang)}\n{history.changes_text(code, lang)}",
        }
        for code, colour in district_colours().items()
    }
    district_layer = _district_layer(_district_features(properties, selected, None, lang))
    unit_layer = _point_layer(_drawn_points(points), COMMUNE_LAYER, 900, (5, 14))
    return _deck([district_layer, unit_layer])
