"""Map of KCN/CCN and their central wastewater treatment (target 7), year by year."""

import streamlit as st

from ttx_data import export, maps
from ttx_data.i18n import t
from ttx_data.plan import SITES_WASTEWATER
from ttx_data.ui import components, map_view
from ttx_data.ui.data import load_map_deck, run_query

page = map_view.map_page("page.sites_map", "map.sites_intro", SITES_WASTEWATER)
filters, year, lang = page.filters, page.year, page.filters.lang
sites = run_query("sites_in_year", year=year)
if filters.districts:
    sites = sites[sites["district_code"].isin(filters.districts)]
points = maps.site_points(sites, year, lang)
with page.banner.container():
    components.illustrative_banner(int((points["status_provenance"] == "illustrative").sum()), lang)

left, right = st.columns([3, 2])
with left:
    map_view.show_deck(load_map_deck("sites", year, filters), "sites", filters, lang)
right.html(map_view.status_legend(lang))
st.markdown(f"**{t('map.gaps_heading', lang, year=year)}**")
gaps_raw = maps.sites_without_treatment(points, lang)
gaps = export.localized_table(gaps_raw, lang)
if gaps.empty:
    st.info(t("map.no_gaps", lang))
else:
    components.short_table(gaps_raw, lang, maps.GAP_DECIMALS)
    components.download_buttons(gaps, f"ttx-kcn-ccn-chua-xlnt-{year}", "gaps", lang)
