"""The 58 commune-level units from 1/7/2025 with their plan district: a point map and a table,
narrowed by the sidebar's district filter (a click on the map sets it)."""

import streamlit as st

from ttx_data import export, places
from ttx_data.i18n import t
from ttx_data.ui import components, map_view
from ttx_data.ui.data import load_map_deck
from ttx_data.ui.state import current_filters, ensure_app_frame

ensure_app_frame()
filters = current_filters()
lang = filters.lang
st.title(t("page.communes", lang))
st.markdown(t("communes.intro", lang))
st.markdown(places.split_rule_text(lang))
units = places.communes_frame(filters.districts, lang)

left, right = st.columns([3, 2])
with left:
    map_view.show_deck(load_map_deck("communes", None, filters), "communes", filters, lang)
right.html(map_view.district_colour_legend(lang))
right.caption(t("communes.no_polygons", lang))
st.markdown(f"**{t('communes.table', lang, count=len(units))}**")
components.show_table(units, lang, places.COMMUNE_DECIMALS)
components.download_buttons(
    export.localized_table(units, lang), "ttx-xa-phuong-tu-2025-07-01", "communes", lang
)
st.caption(t("communes.source", lang))
