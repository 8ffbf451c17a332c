"""District profile: where one huyện stands on every indicator followed by district."""

import streamlit as st

from ttx_data import district_profile, export, geography
from ttx_data.i18n import t
from ttx_data.ui import components
from ttx_data.ui.data import data_dir, load_district_profile
from ttx_data.ui.scorecard_html import STYLE, profile_table
from ttx_data.ui.state import current_filters, ensure_app_frame, select_districts

ensure_app_frame()
filters = current_filters()
lang = filters.lang
names = geography.district_names(lang)

st.title(t("page.district_profile", lang))
components.as_of_caption(lang)
current = filters.districts[0] if filters.districts else None
chosen = st.selectbox(
    t("profile.choose", lang),
    options=list(names),
    index=None if current is None else list(names).index(current),
    format_func=lambda code: f"{names[code]} ({code})",
    placeholder=t("profile.placeholder", lang),
)
if chosen is None:
    st.info(t("profile.pick_first", lang))
    st.stop()
if chosen != current:
    select_districts([chosen])

profile = load_district_profile(chosen, filters.year_from, filters.year_to)
components.illustrative_banner(int((profile["provenance"] == "illustrative").sum()), lang)
st.subheader(geography.load_districts().set_index("district_code").loc[chosen, f"full_name_{lang}"])
st.markdown(t("profile.intro", lang, first=filters.year_from, last=filters.year_to))
if profile.empty:
    st.info(t("panel.no_data", lang, first=filters.year_from, last=filters.year_to))
    st.stop()
st.html(STYLE + profile_table(profile, lang, data_dir()))
st.caption(t("profile.print_hint", lang))
table = export.localized_table(district_profile.download_table(profile, lang, data_dir()), lang)
stem = f"ttx-ho-so-{chosen}-{filters.year_from}-{filters.year_to}"
components.download_buttons(table, stem, "profile", lang)
