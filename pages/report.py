"""Periodic report, for an agency's reporter: download the period's workbook, upload the filled
copy, see every problem at once (sheet, row, column, what to fix), and submit it for review; the
agency's submissions with their state and any reason they were returned."""

import streamlit as st

from ttx_data.i18n import literal_markdown, t
from ttx_data.reporting import checks, intake, regime, submissions
from ttx_data.ui import auth, components, reporting_view
from ttx_data.ui.errors import guarded
from ttx_data.ui.state import current_filters, ensure_app_frame

ensure_app_frame()
lang = current_filters().lang
st.title(t("page.report", lang))
actor = auth.require_reporter(lang)
engine = auth.store_engine()
agency = auth.agency_text(actor.agency_code, lang)
st.markdown(t("report.intro", lang, agency=literal_markdown(agency)))

period = st.selectbox(
    t("report.period", lang), options=reporting_view.periods(), key="report_period"
)
deadline = regime.period_deadline(period)
st.caption(t("report.deadline", lang, deadline=reporting_view.day(deadline, lang)))
with guarded(lang):  # a regime or template problem: a message, the rest of the page works
    st.download_button(
        t("report.template", lang),
        reporting_view.template_bytes(actor.agency_code, period),
        file_name=f"ttx-bao-cao-{actor.agency_code}-{period}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        key="report_template",
    )

done = reporting_view.outcome()
if done is not None:
    ok, message = done
    (st.success if ok else st.error)(literal_markdown(message, 2000))
upload = st.file_uploader(
    t("report.upload", lang),
    type=["xlsx"],
    max_upload_size=intake.MAX_BYTES // (1024 * 1024),
    key="report_upload",
)
if upload is not None:
    data = upload.getvalue()
    found = intake.read_workbook(data, agency_id=actor.agency_code, period=period)
    if found.problems:
        fatal = len(found.fatal)
        st.error(t("report.problems", lang, n=len(found.problems), fatal=fatal),
                 icon=":material/rule:")  # fmt: skip
        st.dataframe(checks.problems_table(found.problems, lang), hide_index=True, width="stretch")
    blank = found.blank_lead_tasks
    if found.ok and blank:
        st.info(t("report.blank_tasks", lang, n=len(blank), tasks=", ".join(blank)),
                icon=":material/pending_actions:")  # fmt: skip
    if found.ok and not found.needs_comments:
        reported = int(found.tasks["status"].notna().sum())
        st.success(t("report.valid", lang, rows=int(found.rows["value"].notna().sum()),
                     tasks=reported), icon=":material/task_alt:")  # fmt: skip
        st.subheader(t("report.preview", lang))
        with guarded(lang):  # a preview that cannot be made: a message; submitting still works
            reporting_view.show_preview(reporting_view.upload_preview(found, data), lang)
        st.text_area(t("report.comments", lang), max_chars=2000, key="report_comments")
        st.button(t("report.submit", lang), icon=":material/send:", key="report_submit",
                  on_click=reporting_view.submit_callback,
                  args=(found, actor, upload.name, data, "report_comments", lang))  # fmt: skip
    elif found.ok:
        st.warning(t("report.needs_comments", lang), icon=":material/comment:")

st.subheader(t("report.mine", lang))
mine = submissions.list_submissions(engine, agency=actor.agency_code)
if not mine:
    st.info(t("report.none", lang))
else:
    st.dataframe(reporting_view.submissions_table(mine, lang), hide_index=True, width="stretch")
components.as_of_caption(lang)
