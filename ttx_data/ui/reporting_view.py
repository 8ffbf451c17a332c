"""What the reporting pages share: the periods offered, the agency's workbook (cached), the
table of what a submission would change, submitting and reviewing as callbacks (they run before
the page, outside its guard, so every failure becomes a message), and the submissions table."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ttx_data import catalog, datasets, indicator_view, plan, published_versions
from ttx_data.accounts import Actor
from ttx_data.i18n import format_date, format_number, literal_markdown, t
from ttx_data.places import communes, units
from ttx_data.plan import local_date
from ttx_data.reporting import (
    completeness,
    preview,
    publish,
    regime,
    submissions,
    task_sheet,
    workbook,
)
from ttx_data.reporting.refusals import ReportingError, SubmissionRefused
from ttx_data.sources import published
from ttx_data.status_display import status_label
from ttx_data.store import StoreError, audit
from ttx_data.tasks import ROLES
from ttx_data.ui import auth
from ttx_data.ui.errors import viewer_message

OUTCOME = "_reporting_outcome"
_log = logging.getLogger("ttx_data.ui")


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


def area_text(level: str, code: str, year: int, lang: str) -> str:
    """An area as people read it: the province, a plan district, or a commune-level unit."""
    if level == "commune":
        try:
            found = units.unit(code, dt.date(year, 12, 31))
        except KeyError:
            return code
        return found.name_en if lang == "en" else found.name_vi
    return indicator_view.area_name(code, lang)


@st.cache_data(show_spinner=False, max_entries=16, ttl="1h")
def _preview(rows: pd.DataFrame, tasks: pd.DataFrame, agency_id: str, period: str,
             preview_id: str, example: bool, version: str) -> preview.Preview:  # fmt: skip
    return preview.preview(auth.store_engine(), rows, agency_id=agency_id, period=period,
                           submission_id=preview_id, example=example, tasks=tasks)  # fmt: skip


def upload_preview(found, data: bytes) -> preview.Preview:
    """What accepting a checked upload would change (its own data source, made once)."""
    return _preview(found.rows, found.tasks, found.agency_id, found.period,
                    preview.upload_id(data), bool(found.example), published().version)  # fmt: skip


def submission_preview(submission) -> preview.Preview:
    """What accepting a waiting submission would change."""
    engine = auth.store_engine()
    rows, tasks = submissions.values(engine, submission.id), submission_tasks(submission.id)
    return _preview(rows, tasks, submission.agency_id, submission.period, submission.id,
                    submission.example, published().version)  # fmt: skip


def submission_tasks(submission_id: str) -> pd.DataFrame:
    """A submission's task reports (`submissions.task_values`)."""
    return submissions.task_values(auth.store_engine(), submission_id)


def changes_table(changed: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each value that would change: published now beside after acceptance, and whether the
    report gives it or it is derived from the report (a roll-up of commune values)."""
    en = lang == "en"
    shown = []
    for r in changed.itertuples(index=False):
        indicator = catalog.indicator(r.indicator_id)
        shown.append(
            {
                ("Chỉ tiêu", "Indicator")[en]: f"{indicator.label} {indicator.name(lang)}",
                ("Địa bàn", "Area")[en]: area_text(r.area_level, r.area_code, r.year, lang),
                ("Năm", "Year")[en]: str(r.year),
                ("Đang công bố", "Published now")[en]: format_number(
                    r.before, lang, indicator.decimals
                ),
                ("Sau khi chấp nhận", "Once accepted")[en]: format_number(
                    r.after, lang, indicator.decimals
                ),
                ("Đơn vị", "Unit")[en]: indicator.unit_label(lang),
                ("Nguồn", "How")[en]: t(
                    "preview.reported" if r.reported else "preview.derived", lang
                ),
            }
        )
    return pd.DataFrame(shown)


def statuses_table(changed: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each indicator whose status would change, before and after, worse ones first."""
    en = lang == "en"
    shown = []
    for r in changed.itertuples(index=False):
        indicator = catalog.indicator(r.indicator_id)
        shown.append(
            {
                ("Chỉ tiêu", "Indicator")[en]: f"{indicator.label} {indicator.name(lang)}",
                ("Trạng thái hiện nay", "Status now")[en]: status_label(r.before, lang),
                ("Sau khi chấp nhận", "Once accepted")[en]: status_label(r.after, lang),
            }
        )
    return pd.DataFrame(shown)


def _day_text(value, lang: str) -> str:
    return "" if value is None or pd.isna(value) else format_date(value, lang)


def _task_status(status, lang: str) -> str:
    return "—" if status is None or pd.isna(status) else task_sheet.status_label(status, lang)


TASK_HEADERS = {
    "task_id": ("Nhiệm vụ", "Task"),
    "agency": ("Cơ quan", "Agency"),
    "year": ("Năm", "Year"),
    "role": ("Vai trò", "Role"),
    "before": ("Đang công bố", "Published now"),
    "after": ("Sau khi chấp nhận", "Once accepted"),
    "completed_on": ("Ngày hoàn thành", "Completed on"),
    "deadline": ("Thời hạn", "Deadline"),
    "progress": ("Tiến độ", "Progress"),
    "evidence": ("Minh chứng", "Evidence"),
    "obstacles": ("Khó khăn", "Obstacles"),
    "proposals": ("Đề xuất", "Proposals"),
}
"""Columns of a task report beside the published one, as people read them."""


def task_changes_table(changed: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each task report as it would be published (`preview.TASK_CHANGE_COLUMNS`, or a
    submission's task reports with the published status as `before`): the status published now
    beside the one reported, and what the report says; text shown as text."""
    en = lang == "en"
    rows = [
        {
            "task_id": r.task_id,
            "agency": auth.agency_text(r.agency_id, lang),
            "year": str(r.year),
            "role": ROLES[r.role][en],
            "before": _task_status(r.before, lang),
            "after": _task_status(r.after, lang),
            "completed_on": _day_text(r.completed_on, lang),
            "deadline": _day_text(r.deadline, lang),
            **{
                k: _blank(getattr(r, k)) for k in ("progress", "evidence", "obstacles", "proposals")
            },
        }
        for r in changed.itertuples(index=False)
    ]
    table = pd.DataFrame(rows, columns=list(TASK_HEADERS))
    return table.rename(columns={k: v[en] for k, v in TASK_HEADERS.items()})


def submitted_tasks(submission) -> pd.DataFrame:
    """Every task report of a submission (rows left blank too) beside the report published for
    the same task, agency and year (`before`), as `task_changes_table` reads them."""
    found = submission_tasks(submission.id)
    year = publish.period_year(submission.period)
    reports = published().dataset(datasets.TASK_REPORTS)
    reports = reports[(reports["agency_id"] == submission.agency_id) & (reports["year"] == year)]
    before = dict(zip(reports["task_id"], reports["status"], strict=True))
    return found.assign(
        agency_id=submission.agency_id,
        year=year,
        before=[before.get(task_id) for task_id in found["task_id"]],
        after=found["status"],
    )


def show_preview(found: preview.Preview, lang: str) -> None:
    """The preview: changed values, changed statuses, new warnings and changed task reports, in
    that order."""
    st.markdown(f"**{t('preview.values', lang, n=len(found.values))}**")
    if found.values.empty:
        st.info(t("preview.no_values", lang))
    else:
        st.dataframe(changes_table(found.values, lang), hide_index=True, width="stretch")
    st.markdown(f"**{t('preview.statuses', lang, n=len(found.statuses))}**")
    if found.statuses.empty:
        st.caption(t("preview.no_statuses", lang))
    else:
        st.dataframe(statuses_table(found.statuses, lang), hide_index=True, width="stretch")
    st.markdown(f"**{t('preview.warnings', lang, n=len(found.warnings))}**")
    if found.warnings.empty:
        st.caption(t("preview.no_warnings", lang))
    for row in found.warnings.to_dict("records"):
        message = row["message_en"] if lang == "en" else row["message_vi"]
        st.warning(literal_markdown(message, 600), icon=":material/warning:")
    st.markdown(f"**{t('preview.tasks', lang, n=len(found.tasks))}**")
    if found.tasks.empty:
        st.caption(t("preview.no_tasks", lang))
    else:
        st.dataframe(task_changes_table(found.tasks, lang), hide_index=True, width="stretch")


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
        said = t(key, lang, id=submission_id)
        grace = published_versions.warming_grace_s()
        if accept and grace > 0:  # readers not signed in wait for the warm version
            said += " " + t("review.readers_later", lang, minutes=max(1, round(grace / 60)))
        st.session_state[OUTCOME] = (True, said)


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


@st.cache_data(show_spinner=False, max_entries=64, ttl="1h")
def _indicator_history(indicator_id: str, store_version: str) -> pd.DataFrame:
    return publish.indicator_history(auth.store_engine(), indicator_id)


def indicator_history(indicator_id: str) -> pd.DataFrame | None:
    """Every value reported for an indicator (`publish.indicator_history`), cached until the
    audit log grows (every submission, review and withdrawal is audited); None when the store
    cannot be reached (reading the dashboard does not need it)."""
    try:
        engine = auth.store_engine()
        version = f"{engine.url.render_as_string(hide_password=True)}#{audit.last_id(engine)}"
    except StoreError as error:
        _log.error("reporting history not shown, store unreachable: %s", error)
        return None
    return _indicator_history(indicator_id, version)


def _in_districts(frame: pd.DataFrame, districts: tuple[str, ...]) -> pd.Series:
    """Rows of the province, of the chosen plan districts, or of a unit mostly in one of them."""
    if not districts:
        return pd.Series(True, index=frame.index)
    return [
        level == "province"
        or (level == "district" and code in districts)
        or (level == "commune" and communes.main_plan_district(code) in districts)
        for level, code in zip(frame["area_level"], frame["area_code"], strict=True)
    ]


HISTORY_HEADERS = {
    "area": ("Địa bàn", "Area"),
    "period": ("Kỳ", "Period"),
    "value": ("Giá trị", "Value"),
    "submission_id": ("Hồ sơ", "Submission"),
    "agency": ("Cơ quan", "Agency"),
    "submitted_by": ("Người nộp", "Submitted by"),
    "submitted": ("Ngày nộp", "Submitted"),
    "state": ("Trạng thái", "State"),
    "reviewer": ("Người thẩm định", "Reviewer"),
    "decided": ("Ngày thẩm định", "Reviewed"),
    "reason": ("Lý do trả lại", "Reason returned"),
    "source_ref": ("Tài liệu nguồn", "Source document"),
    "in_force": ("Đang công bố", "Published"),
}
"""Columns of a value's history as people read them."""


def _blank(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def history_table(found: pd.DataFrame, indicator, filters, lang: str) -> pd.DataFrame:
    """An indicator's reported values, oldest first per area and period, in the filters'
    districts and years: who reported what, when, which review, and which one is published."""
    en = lang == "en"
    years = found["period"].map(publish.period_year)
    kept = found[
        (years >= filters.year_from) & (years <= filters.year_to)
        & pd.Series(_in_districts(found, filters.districts), index=found.index)
    ]  # fmt: skip
    rows = [
        {
            "area": area_text(r.area_level, r.area_code, publish.period_year(r.period), lang),
            "period": r.period,
            "value": format_number(r.value, lang, indicator.decimals),
            "submission_id": r.submission_id,
            "agency": auth.agency_text(r.agency_id, lang),
            "submitted_by": r.submitted_by,
            "submitted": format_date(local_date(r.submitted_at), lang),
            "state": submissions.state_label(r.state, lang),
            "reviewer": _blank(r.reviewer),
            "decided": format_date(local_date(r.decided_at), lang)
            if pd.notna(r.decided_at)
            else "",
            "reason": _blank(r.reason),
            "source_ref": _blank(r.source_ref),
            "in_force": "✓" if r.in_force else "",
        }
        for r in kept.itertuples(index=False)
    ]
    table = pd.DataFrame(rows, columns=list(HISTORY_HEADERS))
    return table.rename(columns={k: v[en] for k, v in HISTORY_HEADERS.items()})


def completeness_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The completeness counts with headers in the language and the agency's name in it."""
    shown = table.assign(
        agency=[auth.agency_text(a, lang) for a in table["agency_id"]],
        deadline=[format_date(d, lang) for d in table["deadline"]],
    )[list(completeness.COMPLETENESS_HEADERS)]
    return shown.rename(columns={k: completeness.header(k, lang) for k in shown.columns})
