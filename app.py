"""TTX Bắc Giang: configures the app and routes to its pages; nothing else."""

import streamlit as st

from ttx_data.i18n import t
from ttx_data.ui.state import current_language, language_switch

st.set_page_config(page_title="TTX Bắc Giang", page_icon=":material/eco:", layout="wide")
lang = current_language()

navigation = st.navigation(
    {
        t("nav.section.monitoring", lang): [
            st.Page(
                "pages/overview.py",
                title=t("page.overview", lang),
                icon=":material/dashboard:",
                default=True,
            ),
        ],
        t("nav.section.reference", lang): [
            st.Page(
                "pages/indicator_catalog.py",
                title=t("page.catalog", lang),
                icon=":material/list_alt:",
            ),
            st.Page(
                "pages/methodology.py",
                title=t("page.methodology", lang),
                icon=":material/functions:",
            ),
            st.Page("pages/about.py", title=t("page.about", lang), icon=":material/info:"),
        ],
    }
)
language_switch()
navigation.run()
