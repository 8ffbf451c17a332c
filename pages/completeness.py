"""Completeness and timeliness of the periodic reports: per agency and period, what is expected,
received, accepted, returned, on time, late, missing; and who is due to report soon."""

import datetime as dt

import streamlit as st

from ttx_data.i18n import literal_markdown, t
from ttx_data.reporting import completeness
from ttx_data.ui import auth, components, reporting_view
from ttx_data.ui.state import current_filters, ensure_app_frame

ensure_app_frame()
lang = current_filters().lang
st.title(t("page.completeness", lang))
st.markdown(t("completeness.intro", lang))
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
