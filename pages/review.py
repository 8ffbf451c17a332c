"""Review, for the secretariat: the submissions waiting by agency and period, each one's values
and task reports beside the published ones, and accepting (which publishes them) or returning
with a reason."""

import streamlit as st

from ttx_data.i18n import literal_markdown, t
from ttx_data.reporting import submissions
from ttx_data.ui import auth, reporting_view
from ttx_data.ui.errors import guarded
from ttx_data.ui.state import current_filters, ensure_app_frame

ensure_app_frame()
lang = current_filters().lang
st.title(t("page.review", lang))
auth.require("review", lang)
engine = auth.store_engine()
done = reporting_view.outcome()
if done is not None:
    ok, message = done
    (st.success if ok else st.error)(literal_markdown(message, 2000))

waiting = submissions.list_submissions(engine, state="pending_review")
st.subheader(t("review.queue", lang, n=len(waiting)))
if not waiting:
    st.info(t("review.none", lang))
else:
    st.dataframe(reporting_view.submissions_table(waiting, lang), hide_index=True, width="stretch")
    chosen = st.selectbox(
        t("review.choose", lang),
        options=[s.id for s in waiting],
        format_func=lambda i: next(
            f"{s.id} · {auth.agency_text(s.agency_id, lang)} · {s.period}"
            for s in waiting
            if s.id == i
        ),
        key="review_choice",
    )
    comments = next(s.comments for s in waiting if s.id == chosen)
    if comments:
        st.markdown(f"**{t('review.comments', lang)}**")
        st.text(comments)
    submission = next(s for s in waiting if s.id == chosen)
    st.subheader(t("review.diff", lang))
    with guarded(lang):  # a preview that cannot be made: a message; deciding still works
        reporting_view.show_preview(reporting_view.submission_preview(submission), lang)
    reported = reporting_view.submitted_tasks(submission)
    if not reported.empty:
        st.markdown(f"**{t('review.tasks', lang, n=int(reported['status'].notna().sum()))}**")
        st.dataframe(reporting_view.task_changes_table(reported, lang), hide_index=True,
                     width="stretch")  # fmt: skip
    left, right = st.columns(2)
    left.button(t("review.accept", lang), icon=":material/check_circle:", key="review_accept",
                on_click=reporting_view.decide, args=(chosen, True, "review_reason", lang))  # fmt: skip
    right.text_input(t("review.reason", lang), max_chars=1000, key="review_reason")
    right.button(t("review.return", lang), icon=":material/undo:", key="review_return",
                 on_click=reporting_view.decide, args=(chosen, False, "review_reason", lang))  # fmt: skip

st.subheader(t("review.history", lang))
every = submissions.list_submissions(engine)
st.dataframe(reporting_view.submissions_table(every, lang), hide_index=True, width="stretch")
