"""District profile: where one of the plan's districts stands on every indicator followed by
district, what the district was over time and, from 7/2025, the communes that make it up."""

import streamlit as st

from ttx_data import district_profile, export, geography, places
from ttx_data.i18n import literal_markdown, t
from ttx_data.places import history
from ttx_data.places.units import COMMUNES_FROM
from ttx_data.ui import components
from ttx_data.ui.data import current_source, load_district_profile
from ttx_data.ui.scorecard_html import STYLE, profile_table
from ttx_data.ui.state import current_filters, district_chosen, ensure_app_frame

ensure_app_frame()
filters = current_filters()
lang = filters.lang
names = geography.district_names(lang)

st.title(t("page.district_profile", lang))
components.as_of_caption(lang)
current = filters.districts[0] if filters.districts else None
choice = f"_profile_district_{lang}_{current}"  # a new widget when the sidebar changes district
chosen = st.selectbox(
    t("profile.choose", lang),
    options=list(names),
    index=None if current is None else list(names).index(current),
    format_func=lambda code: history.option_label(code, lang),
    placeholder=t("profile.placeholder", lang),
    key=choice,
    on_change=district_chosen,
    args=(choice,),
)
if chosen is None:
    st.info(t("profile.pick_first", lang))
    st.stop()

source = current_source()
profile = load_district_profile(chosen, filters.year_from, filters.year_to)
components.illustrative_banner(int((profile["provenance"] == "illustrative").sum()), lang)
st.subheader(geography.load_districts().set_index("district_code").loc[chosen, f"full_name_{lang}"])
st.info(literal_markdown(history.history_text(chosen, lang), 2000), icon=":material/history:")
st.markdown(t("profile.intro", lang, first=filters.year_from, last=filters.year_to))
if profile.empty:
    st.info(t("panel.no_data", lang, first=filters.year_from, last=filters.year_to))
else:
    st.html(STYLE + profile_table(profile, lang, source.directory, filters))
    notes = history.years_notes([chosen] * len(profile), profile["latest_year"], lang)
    if notes:
        st.caption(t("profile.period_notes", lang))
        for note in notes:
            st.caption(literal_markdown(note, 600))
    st.caption(t("profile.print_hint", lang))
    table = export.localized_table(
        district_profile.download_table(profile, lang, source.directory), lang
    )
    stem = f"ttx-ho-so-{chosen}-{filters.year_from}-{filters.year_to}"
    components.download_buttons(table, stem, "profile", lang)
if filters.year_to >= COMMUNES_FROM.year:  # the years viewed reach the commune-level units
    communes = places.communes_frame([chosen], lang)
    st.markdown(f"**{t('profile.communes', lang, name=names[chosen], count=len(communes))}**")
    components.show_table(communes, lang, places.COMMUNE_DECIMALS)
    st.caption(places.split_rule_text(lang))
