"""Map of forest cover by district against the 37 % target, and certified forest (target 5)."""

import streamlit as st

from ttx_data import export, maps
from ttx_data.i18n import t
from ttx_data.ui import components, map_view
from ttx_data.ui.data import run_query
from ttx_data.ui.state import current_filters, ensure_app_frame

ensure_app_frame()
filters = current_filters()
lang = filters.lang

st.title(t("page.forest_map", lang))
components.as_of_caption(lang)
banner = st.empty()
st.markdown(t("map.forest_intro", lang))
if not map_view.sector_allows("t05a_forest_cover", filters, lang):
    st.stop()
year = map_view.map_year(filters, lang)
forest = run_query("forest_by_district", year=year)
shown = forest[forest["district_code"].isin(filters.districts)] if filters.districts else forest
with banner.container():
    illustrative = (shown["cover_provenance"] == "illustrative").sum()
    components.illustrative_banner(int(illustrative + len(shown)), lang)

left, right = st.columns([3, 2])
with left:
    map_view.show_deck(maps.forest_deck(forest, lang, filters.districts), "forest", filters, lang)
with right:
    st.html(map_view.forest_legend(lang))
    st.markdown(f"**{t('map.forest_table', lang, year=year)}**")
    table = export.localized_table(maps.forest_table(shown, lang), lang)
    st.dataframe(table, hide_index=True, width="stretch")
    components.download_buttons(table, f"ttx-rung-theo-huyen-{year}", "forest", lang)
