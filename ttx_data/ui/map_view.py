"""What the map pages share: the year control, the sector check, click-to-filter and legends."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ttx_data import catalog, geography, maps
from ttx_data.filters import FIRST_YEAR, Filters
from ttx_data.i18n import t
from ttx_data.places import history
from ttx_data.ui import components
from ttx_data.ui.data import current_source
from ttx_data.ui.state import clicking_key, current_filters, ensure_app_frame


@dataclass
class MapPage:
    """What a map page has set up: the reader's filters, the year shown and the banner's place."""

    filters: Filters
    year: int
    banner: DeltaGenerator


def map_page(
    title_key: str,
    intro_key: str,
    indicator_id: str,
    intro_values: Callable[[str], dict[str, str]] = lambda lang: {},
) -> MapPage:
    """Title, as-of date, a place for the illustrative banner, the intro, the sector check and the
    year control; stops the page when the sector filter excludes the map's indicator."""
    ensure_app_frame()
    filters = current_filters()
    lang = filters.lang
    st.title(t(title_key, lang))
    components.as_of_caption(lang)
    banner = st.empty()
    st.markdown(t(intro_key, lang, **intro_values(lang)))
    if not sector_allows(indicator_id, filters, lang):
        st.stop()
    return MapPage(filters, map_year(filters, lang), banner)


def map_year(filters: Filters, lang: str) -> int:
    """The map's own year control, starting at the end of the chosen years (at most the last
    year reported by district: the maps draw the plan's districts and their sites); under it,
    what the districts were in the year shown when they were no longer the plan's units."""
    last = maps.map_year(filters.year_to)
    year = st.select_slider(
        t("map.year", lang),
        options=list(range(FIRST_YEAR, last + 1)),
        value=last,
        key="map_year",
    )
    summary = history.year_summary(year, lang)
    if summary:
        st.caption(summary)
    return year


def sector_allows(indicator_id: str, filters: Filters, lang: str) -> bool:
    """False (with a note) when the sector filter excludes the map's indicator."""
    indicator = current_source().indicator(indicator_id)
    if filters.sector is None or filters.sector in indicator.sectors:
        return True
    sector = catalog.SECTORS[filters.sector][lang == "en"]
    st.info(t("map.other_sector", lang, sector=sector, label=indicator.label))
    return False


def show_deck(deck, key: str, filters: Filters, lang: str) -> None:
    """Draw the map; a click on a district (or a site) selects that district for the app. Room
    above it and its captions under it: the map's toolbar, shown while a click's selection is
    kept, would otherwise cover the last words of the text above."""
    key, on_select = clicking_key(key, filters.districts, _places_clicked)
    st.space("small")
    st.pydeck_chart(
        deck,
        height=480,
        on_select=on_select,
        selection_mode="single-object",
        key=key,
    )
    st.caption(t("map.click_hint", lang))
    if not maps.basemap_enabled():
        st.caption(t("map.basemap_off", lang))


def _places_clicked(selection: dict) -> list[str]:
    """The districts of the objects (a district's outline, a site) in a map selection."""
    return [
        str(code)
        for objects in (selection.get("objects") or {}).values()
        for obj in objects
        if (code := obj.get("district_code") or obj.get("properties", {}).get("district_code"))
    ]


def status_legend(lang: str) -> str:
    """Treatment statuses with colour, symbol and words; the shading scale of the districts."""
    items = "".join(
        f"<li><span style='display:inline-block;width:1.3em;height:1.3em;border-radius:50%;"
        f"background:rgb{colour};color:#fff;text-align:center;font-weight:700;"
        f"border:1px solid #222;line-height:1.3em'>{symbol}</span> {t('wwtp.' + status, lang)}</li>"
        for status, (colour, symbol) in maps.WWTP_STYLE.items()
    )
    ramp = ", ".join(
        f"rgb({','.join(map(str, maps.coverage_colour(p)[:3]))})" for p in (0, 50, 100)
    )
    return (
        f"<div style='font-size:0.9rem'><b>{t('map.legend_sites', lang)}</b>"
        f"<ul style='list-style:none;padding-left:0;margin:0.3rem 0'>{items}</ul>"
        f"<b>{t('map.legend_coverage', lang)}</b>"
        f"<div style='height:12px;background:linear-gradient(90deg,{ramp});"
        "border:1px solid #999;margin:4px 0'></div>"
        "<div style='display:flex;justify-content:space-between'><span>0%</span><span>50%</span>"
        f"<span>100%</span></div><div>{t('map.legend_size', lang)}</div></div>"
    )


def forest_legend(lang: str, target_pct: float) -> str:
    """The cover scale with the target (from the catalog of the data viewed) as its reference."""
    stops = sorted({0, 15, 30, target_pct, 50, 70})
    cells = "".join(
        f"<div style='flex:1;text-align:center'><div style='height:14px;"
        f"background:rgb({','.join(map(str, maps.forest_colour(p, target_pct)[:3]))});"
        f"border:1px solid #999'></div>{maps.percent_text(p, lang)}%"
        f"{' ◆ ' + t('map.target', lang) if p == target_pct else ''}</div>"
        for p in stops
    )
    target = maps.percent_text(target_pct, lang)
    return (
        f"<div style='font-size:0.9rem'><b>{t('map.legend_forest', lang, target=target)}</b>"
        f"<div style='display:flex;gap:2px;margin-top:4px'>{cells}</div>"
        f"<div>{t('map.legend_forest_note', lang, target=target)}</div></div>"
    )


def district_colour_legend(lang: str) -> str:
    """The plan districts with the colour of their units' points on the commune map."""
    names = geography.district_names(lang)
    items = "".join(
        f"<li><span style='display:inline-block;width:1em;height:1em;border-radius:50%;"
        f"background:rgb{colour};border:1px solid #222;vertical-align:middle'></span> "
        f"{html.escape(names[code])} ({code})</li>"
        for code, colour in maps.district_colours().items()
    )
    return (
        f"<div style='font-size:0.9rem'><b>{html.escape(t('map.legend_communes', lang))}</b>"
        f"<ul style='list-style:none;padding-left:0;margin:0.3rem 0'>{items}</ul></div>"
    )
