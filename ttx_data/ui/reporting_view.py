"""What the reporting pages share: the periods offered, the agency's workbook (cached), the
table of what a submission would change, submitting and reviewing as callbacks (they run before
the page, outside its guard, so every failure becomes a message), and the submissions table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ttx_data import catalog, plan
from ttx_data.accounts import Actor
from ttx_data.i18n import format_date, format_number, t
from ttx_data.reporting import publish, regime, submissions, workbook
from ttx_data.reporting.refusals import ReportingError, SubmissionRefused
from ttx_data.sources import published
from ttx_data.ui import auth
from ttx_data.ui.errors import viewer_message

OUTCOME = "_reporting_outcome"


def periods() -> list[str]:
    """The periods a report can be made for, newest first: the plan's years up to this one."""
    last = min(dt.date.today().year, plan.TARGET_YEAR)
    return [regime.period_name(y) for y in range(last, plan.BASELINE_YEAR - 1, -1)]


def day(value: dt.date, lang: str) -> str:
    return format_date(value, lang)


@st.cache_data(show_spinner=False, max_entries=32, ttl="1h")
def _template(agency_id: str, period: str, version: str, regime_version: str) -> bytes:
    return workbook.build_template(agency_id, period)


def template_bytes(agency_id: str, period: str) -> bytes:
    """The agency's workbook for the period, rebuilt when the published data or the reporting
    regime change."""
    return _template(agency_id, period, published().version, regime.fingerprint())


def changes_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What the dashboard would show if the report were accepted: each reported value beside the
    value published today for the same indicator, area and year."""
    current = published().dataset("observations")
    by_key = {
        (r.indicator_id, str(r.area_code), int(r.year)): r.value
        for r in current.itertuples(index=False)
    }
    en = lang == "en"
    shown = []
    for r in rows.itertuples(index=False):
        indicator = catalog.indicator(r.indicator_id)
        before = by_key.get((r.indicator_id, str(r.area_code), publish.period_year(r.period)))
        shown.append(
            {
                ("Chỉ tiêu", "Indicator")[en]: f"{indicator.label} {indicator.name(lang)}",
                ("Địa bàn", "Area")[en]: str(r.area_code),
                ("Đang công bố", "Published now")[en]: format_number(
                    before, lang, indicator.decimals
                ),
                ("Báo cáo mới", "Reported")[en]: format_number(r.value, lang, indicator.decimals),
                ("Đơn vị", "Unit")[en]: indicator.unit_label(lang),
            }
        )
    return pd.DataFrame(shown)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str


def submit_callback(found, actor: Actor, file_name: str, data: bytes, comments_key: str, lang: str):
    """The submit button's callback: the outcome is shown on the next run (`outcome()`)."""
    done = submit(found, actor, file_name, data, st.session_state.get(comments_key, ""), lang)
    st.session_state[OUTCOME] = (done.ok, done.message)


def submit(found, actor: Actor, file_name: str, data: bytes, comments: str, lang: str) -> Outcome:
    """Store the checked workbook for review; every refusal becomes a message, nothing stored."""
    try:
        made = submissions.submit(auth.store_engine(), found, actor=actor, file_name=file_name,
                                  data=data, comments=comments, client=auth.client())  # fmt: skip
    except SubmissionRefused as error:
        return Outcome(False, error.message(lang))
    except ReportingError as error:
        return Outcome(False, error.message(lang))
    except Exception as error:  # noqa: BLE001 - shown as a message, logged in full
        return Outcome(False, viewer_message(error, lang))
    return Outcome(True, t("report.submitted", lang, id=made.id))


def decide(submission_id: str, accept: bool, reason_key: str, lang: str) -> None:
    """A reviewer's decision, as a button callback (the reason read from its field now, not
    when the button was drawn): the outcome is shown on the next run."""
    reason = "" if accept else st.session_state.get(reason_key, "")
    actor = auth.current_actor()
    try:
        submissions.review(auth.store_engine(), submission_id, actor=actor, accept=accept,
                           reason=reason or None, client=auth.client())  # fmt: skip
    except ReportingError as error:
        st.session_state[OUTCOME] = (False, error.message(lang))
    except Exception as error:  # noqa: BLE001 - a callback runs outside the page's guard
        st.session_state[OUTCOME] = (False, viewer_message(error, lang))
    else:
        key = "review.accepted" if accept else "review.returned"
        st.session_state[OUTCOME] = (True, t(key, lang, id=submission_id))


def outcome() -> tuple[bool, str] | None:
    """The last decision's outcome (shown once)."""
    return st.session_state.pop(OUTCOME, None)


def submissions_table(found: list, lang: str) -> pd.DataFrame:
    """Submissions as people read them: id, agency, period, state in words, who and when, the
    reviewer's reason when returned."""
    en = lang == "en"
    rows = [
        {
            "ID": s.id,
            ("Cơ quan", "Agency")[en]: auth.agency_text(s.agency_id, lang),
            ("Kỳ", "Period")[en]: s.period,
            ("Trạng thái", "State")[en]: s.state_label(lang),
            ("Người nộp", "Submitted by")[en]: s.submitted_by,
            ("Ngày nộp", "Submitted")[en]: format_date(s.submitted_at.date(), lang),
            ("Lý do trả lại", "Reason returned")[en]: s.reason or "",
        }
        for s in found
    ]
    return pd.DataFrame(rows)


def review_table(submission_id: str, lang: str) -> pd.DataFrame:
    """A waiting submission's values beside the published ones (the reviewer's diff)."""
    found = submissions.values(auth.store_engine(), submission_id)
    return changes_table(found, lang)


COMPLETENESS_HEADERS = {
    "agency": ("Cơ quan", "Agency"),
    "deadline": ("Hạn nộp", "Deadline"),
    "expected": ("Phải nộp", "Expected"),
    "received": ("Đã nhận", "Received"),
    "accepted": ("Đã chấp nhận", "Accepted"),
    "returned": ("Trả lại", "Returned"),
    "pending": ("Chờ thẩm định", "Waiting"),
    "on_time": ("Đúng hạn", "On time"),
    "late": ("Muộn", "Late"),
    "missing": ("Chưa nộp", "Missing"),
    "overdue": ("Quá hạn", "Overdue"),
}
"""Columns of the completeness table as people read them."""


def completeness_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The completeness counts with headers in the language and the agency's name in it."""
    en = lang == "en"
    shown = table.assign(
        agency=[auth.agency_text(a, lang) for a in table["agency_id"]],
        deadline=[format_date(d, lang) for d in table["deadline"]],
    )[list(COMPLETENESS_HEADERS)]
    return shown.rename(columns={k: v[en] for k, v in COMPLETENESS_HEADERS.items()})
