"""TTX Bắc Giang: configures the app and routes to its pages; nothing else."""

import streamlit as st

from ttx_data.i18n import t
from ttx_data.paths import APP_ICON
from ttx_data.ui import auth
from ttx_data.ui.errors import guarded, start_once
from ttx_data.ui.state import current_language, filter_sidebar, presenting

# a bundled icon: a Material-symbol favicon would be fetched from Google's font servers
st.set_page_config(
    page_title="TTX Bắc Giang",
    page_icon=str(APP_ICON),
    layout="wide",
    initial_sidebar_state="collapsed" if presenting() else "auto",
)
lang = current_language()
actor = auth.current_actor()  # who is signed in decides which pages are listed


def page(path: str, title_key: str, icon: str, default: bool = False, **options) -> st.Page:
    return st.Page(path, title=t(title_key, lang), icon=icon, default=default, **options)


present = page("pages/present.py", "page.present", ":material/slideshow:")
monitoring = [
    page("pages/overview.py", "page.overview", ":material/dashboard:", default=True),
    page("pages/economy.py", "page.economy", ":material/factory:"),
    page("pages/lifestyle.py", "page.lifestyle", ":material/recycling:"),
    page("pages/transition.py", "page.transition", ":material/diversity_3:"),
    page("pages/tasks.py", "page.tasks", ":material/task_alt:"),
    page("pages/agency.py", "page.agency", ":material/account_balance:"),
    page("pages/target.py", "page.target", ":material/flag:"),
    page("pages/district_profile.py", "page.district_profile", ":material/location_city:"),
    page("pages/sites_map.py", "page.sites_map", ":material/water_drop:"),
    page("pages/forest_map.py", "page.forest_map", ":material/forest:"),
    page("pages/communes.py", "page.communes", ":material/holiday_village:"),
    # reached from links (summaries, catalog, overview, slides, tasks): indicator?id=...
    page("pages/indicator.py", "page.indicator", ":material/query_stats:", visibility="hidden"),
]
meeting = [present, page("pages/snapshots.py", "page.snapshots", ":material/photo_camera:")]
navigation = st.navigation(
    {
        t("nav.section.monitoring", lang): monitoring,
        t("nav.section.meeting", lang): meeting,
        t("nav.section.reporting", lang): [
            *(
                [page("pages/report.py", "page.report", ":material/upload_file:")]
                if auth.listed("report", actor)
                else []
            ),  # fmt: skip
            *(
                [page("pages/review.py", "page.review", ":material/fact_check:")]
                if auth.listed("review", actor)
                else []
            ),  # fmt: skip
            *(
                [page("pages/regime.py", "page.regime", ":material/edit_calendar:")]
                if auth.listed("regime", actor)
                else []
            ),  # fmt: skip
            page("pages/completeness.py", "page.completeness", ":material/checklist:"),
        ],
        t("nav.section.reference", lang): [
            page("pages/indicator_catalog.py", "page.catalog", ":material/list_alt:"),
            page("pages/methodology.py", "page.methodology", ":material/functions:"),
            page("pages/about.py", "page.about", ":material/info:"),
        ],
        t("nav.section.account", lang): [
            page(
                "pages/sign_in.py",
                "page.account" if actor.signed_in else "page.sign_in",
                ":material/account_circle:",
            ),  # fmt: skip
            *(
                [page("pages/audit.py", "page.audit", ":material/history_edu:")]
                if auth.listed("audit", actor)
                else []
            ),  # fmt: skip
            *(
                [page("pages/accounts.py", "page.accounts", ":material/manage_accounts:")]
                if auth.listed("accounts", actor)
                else []
            ),  # fmt: skip
        ],
    },
    expanded=len(monitoring) + len(meeting),  # the other sections behind "View more"
)
start_once()
with guarded(lang):  # a failure shows a message, never a traceback, and the page still runs
    filter_sidebar()
    auth.sidebar_account(actor, lang)
if presenting() and navigation.url_path != present.url_path:  # ?present=1 on any page
    st.switch_page(present, query_params=st.query_params.to_dict())
with guarded(lang):
    navigation.run()
