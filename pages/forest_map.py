"""Map of forest cover by district against its target, and certified forest (target 5)."""

import streamlit as st

from ttx_data import export, maps
from ttx_data.i18n import t
from ttx_data.plan import FOREST_COVER
from ttx_data.ui import components, map_view
from ttx_data.ui.data import current_source, load_map_deck, run_query

page = map_view.map_page(
    "page.forest_map",
    "map.forest_intro",
    FOREST_COVER,
    # called once the page is in the app frame
    lambda lang: maps.forest_intro_values(lang, current_source().directory),
)
target = maps.forest_target_pct(current_source().directory)
filters, year, lang = page.filters, page.year, page.filters.lang
forest = run_query("forest_by_district", year=year)
shown = forest[forest["district_code"].isin(filters.districts)] if filters.districts else forest
with page.banner.container():
    # cover figures are illustrative where not official; certified areas are illustrative everywhere
    illustrative = (shown["cover_provenance"] == "illustrative").sum() + len(shown)
    components.illustrative_banner(int(illustrative), lang)

left, right = st.columns([3, 2])
with left:
    map_view.show_deck(load_map_deck("forest", year, filters), "forest", filters, lang)
right.html(map_view.forest_legend(lang, target))
st.markdown(f"**{t('map.forest_table', lang, year=year)}**")  # full width: every column shows
by_district = maps.forest_table(shown, lang)
components.short_table(by_district, lang, maps.FOREST_DECIMALS)
table = export.localized_table(by_district, lang)
components.download_buttons(table, f"ttx-rung-theo-huyen-{year}", "forest", lang)
