"""Completeness and timeliness of the periodic reports: per agency and period, what is expected,
received, accepted, returned, on time, late, missing; and who is due to report soon. A button
opens presenter mode at the meeting's slide of the same table (the meeting's period)."""

import datetime as dt

import streamlit as st

from ttx_data.filters import to_query
from ttx_data.i18n import format_date, literal_markdown, t
from ttx_data.plan import local_date
from ttx_data.reporting import completeness, regime
from ttx_data.ui import auth, components, presenter, reporting_view
from ttx_data.ui.state import PRESENT_PARAM, current_filters, ensure_app_frame

ensure_app_frame()
filters = current_filters()
lang = filters.lang
if presenter.opening():  # the button below was pressed: present the meeting's slide
    st.switch_page("pages/present.py", query_params={**to_query(filters), PRESENT_PARAM: "1"})
st.title(t("page.completeness", lang))
st.markdown(t("completeness.intro", lang))
today = local_date(dt.datetime.now(dt.UTC))
meeting_period = completeness.meeting_period(today)
st.button(
    t("completeness.present", lang, period=meeting_period),
    help=t("completeness.present_help", lang, period=meeting_period,
           deadline=format_date(regime.period_deadline(meeting_period, today), lang)),
    icon=":material/slideshow:",
    on_click=presenter.open_at,
    args=("reporting",),
    key="present_reporting",
)  # fmt: skip
period = st.selectbox(
    t("report.period", lang), options=reporting_view.periods(), key="completeness_period"
)
engine = auth.store_engine()
table = completeness.completeness(engine, period)
st.dataframe(reporting_view.completeness_table(table, lang), hide_index=True, width="stretch")
components.download_buttons(reporting_view.completeness_table(table, lang),
                            f"ttx-tinh-hinh-bao-cao-{period}", "completeness", lang)  # fmt: skip
due = completeness.reminders(engine, period, dt.date.today())
st.subheader(t("completeness.reminders", lang, n=len(due)))
for row in due.to_dict("records"):
    st.markdown("- " + literal_markdown(completeness.reminder_text(row, period, lang), 400))
