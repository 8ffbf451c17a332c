"""Map of KCN/CCN and their central wastewater treatment (target 7), year by year."""

import streamlit as st

from ttx_data import export, maps
from ttx_data.i18n import t
from ttx_data.ui import components, map_view
from ttx_data.ui.data import run_query
from ttx_data.ui.state import current_filters, ensure_app_frame

ensure_app_frame()
filters = current_filters()
lang = filters.lang

st.title(t("page.sites_map", lang))
components.as_of_caption(lang)
banner = st.empty()
st.markdown(t("map.sites_intro", lang))
if not map_view.sector_allows("t07_kcn_ccn_wwtp_share", filters, lang):
    st.stop()
year = map_view.map_year(filters, lang)
sites = run_query("sites_in_year", year=year)
if filters.districts:
    sites = sites[sites["district_code"].isin(filters.districts)]
points = maps.site_points(sites, year, lang)
coverage = run_query("wwtp_coverage_by_district", year=year)
with banner.container():
    components.illustrative_banner(int((points["status_provenance"] == "illustrative").sum()), lang)

left, right = st.columns([3, 2])
with left:
    map_view.show_deck(
        maps.sites_deck(points, coverage, lang, filters.districts), "sites", filters, lang
    )
with right:
    st.html(map_view.status_legend(lang))
    st.markdown(f"**{t('map.gaps_heading', lang, year=year)}**")
    gaps = export.localized_table(maps.sites_without_treatment(points, lang), lang)
    if gaps.empty:
        st.info(t("map.no_gaps", lang))
    else:
        st.dataframe(gaps, hide_index=True, width="stretch")
        components.download_buttons(gaps, f"ttx-kcn-ccn-chua-xlnt-{year}", "gaps", lang)
