"""Task reports through the store and into the published data, on SQLite and PostgreSQL: stored
with the figures in one transaction (or nothing), kept (no delete, no update), published as
task_reports rows (latest accepted per task, agency and year; provenance "reported" or
"illustrative" for an example workbook; the source titled as for figures; a blank row replaces
nothing), revised, returned, withdrawn, and every report's history."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa
from reporting_fakes import REVIEWER, TRADE, at, copy_published, intake, reporter, task_rows

from ttx_data import datasets, query
from ttx_data.paths import BUNDLED_DATA_DIR
from ttx_data.reporting import publish, submissions
from ttx_data.reporting.refusals import ReportingError
from ttx_data.store.schema import submission_tasks
from ttx_data.store.schema import submissions as submissions_table

FINANCE = "so_tai_chinh_bac_ninh"
INTENSITY = "t01_electricity_intensity"
D = dt.date
DONE = ("4.2", "lead", "completed", D(2026, 3, 1), D(2026, 6, 30), "Đã ban hành", "QĐ 12/QĐ-UBND")


@pytest.fixture
def published(tmp_path):
    return copy_published(tmp_path / "data")


def _send(engine, agency_id, *reports, values=(), when="2027-01-10", example=False, period="2026"):
    found = intake(agency_id, *values, period=period, example=example,
                   tasks=task_rows(*reports, period=period))  # fmt: skip
    return submissions.submit(engine, found, actor=reporter(agency_id), file_name="b.xlsx",
                              data=b"x", now=at(when))  # fmt: skip


def _accept(engine, made, published, when="2027-01-12"):
    return submissions.review(engine, made.id, actor=REVIEWER, accept=True, directory=published,
                              now=at(when))  # fmt: skip


def _reports(directory, year: int = 2026) -> pd.DataFrame:
    """The published task reports of `year` (the bundled data have illustrative ones to 2025)."""
    found = query.read_dataset(datasets.TASK_REPORTS, directory)
    return found[found["year"] == year].reset_index(drop=True)


def test_task_reports_are_stored_with_the_figures_and_read_back(store):
    made = _send(store, TRADE, ("8.9.b", "lead", "in_progress", None, D(2027, 6, 30), "Đang làm",
                                None, "Thiếu vốn", "Bố trí vốn", None),
                 ("8.1.a", "lead", None), ("8.3.b", "cooperating", "in_progress"),
                 values=[(INTENSITY, "province", "24", 30.2)])  # fmt: skip
    found = submissions.task_values(store, made.id)
    assert found[["task_id", "role", "period", "status"]].values.tolist() == [
        ["8.1.a", "lead", "2026", None],  # left blank: kept, as an empty value cell is
        ["8.3.b", "cooperating", "2026", "in_progress"],
        ["8.9.b", "lead", "2026", "in_progress"],
    ]
    row = found.iloc[2]
    assert (row["completed_on"], row["deadline"]) == (None, D(2027, 6, 30))
    assert (row["progress"], row["obstacles"], row["proposals"]) == ("Đang làm", "Thiếu vốn",
                                                                      "Bố trí vốn")  # fmt: skip
    assert row["evidence"] is None and row["comment"] is None
    assert submissions.values(store, made.id)["value"].tolist() == [30.2]
    with pytest.raises(ReportingError, match="no submission"):
        submissions.task_values(store, "2026-9999")


def test_a_workbook_of_tasks_only_is_a_submission_and_one_of_nothing_is_refused(store):
    made = _send(store, FINANCE, DONE)
    assert submissions.values(store, made.id).empty
    assert submissions.task_values(store, made.id)["status"].tolist() == ["completed"]
    with pytest.raises(ReportingError, match="no value and no task report yet"):
        _send(store, FINANCE, ("4.1", "lead", None))
    assert len(submissions.list_submissions(store)) == 1


def test_a_bad_task_row_stores_nothing_at_all(store):
    with pytest.raises(sa.exc.IntegrityError):
        _send(store, TRADE, ("8.9.b", "chair", "in_progress"),
              values=[(INTENSITY, "province", "24", 30.2)])  # fmt: skip
    with store.connect() as connection:
        assert (
            connection.execute(sa.select(sa.func.count()).select_from(submissions_table)).scalar()
            == 0
        )
        assert connection.execute(sa.select(submission_tasks)).first() is None


@pytest.mark.parametrize(
    "change",
    [sa.delete(submission_tasks), sa.update(submission_tasks).values(status="completed")],
    ids=["delete", "update"],
)
def test_task_reports_cannot_be_deleted_or_changed(store, change):
    _send(store, FINANCE, ("4.2", "lead", "in_progress"))
    with pytest.raises(sa.exc.DBAPIError, match="reporting history is kept"), store.begin() as c:
        c.execute(change)
    assert submissions.task_values(store, "2026-0001")["status"].tolist() == ["in_progress"]


def test_accepting_publishes_task_reports_with_provenance_and_source(store, published):
    made = _send(store, FINANCE, DONE, ("4.1", "lead", None),
                 ("2.2", "cooperating", "in_progress", None, None, "Góp ý dự thảo"),
                 ("8.9.d", "lead", "completed", D(2026, 5, 2), None, "Xong", None, None, None,
                  "Văn bản chờ số"))  # fmt: skip
    assert _reports(published).empty  # the bundled data: none of 2026 until reports come
    observations = query.read_dataset(datasets.OBSERVATIONS, published)
    _accept(store, made, published)
    found = _reports(published).set_index("task_id")
    assert sorted(found.index) == ["2.2", "4.2", "8.9.d"]  # the blank 4.1 publishes nothing
    row = found.loc["4.2"]
    assert (row["agency_id"], row["role"], row["year"], row["status"]) == (
        FINANCE, "lead", 2026, "completed")  # fmt: skip
    assert (row["completed_on"], row["deadline"]) == (D(2026, 3, 1), D(2026, 6, 30))
    assert (row["progress"], row["evidence"], row["provenance"]) == (
        "Đã ban hành", "QĐ 12/QĐ-UBND", "reported")  # fmt: skip
    assert row["source_title"] == (
        "Báo cáo của Sở Tài chính tỉnh Bắc Ninh (số liệu nộp 2026-0001, kỳ 2026, chấp nhận ngày"
        " 12/01/2027) / Report of Department of Finance of Bắc Ninh province (submission"
        " 2026-0001, period 2026, accepted 12 Jan 2027)"
    )
    assert pd.isna(row["source_url"]) and pd.isna(row["note"]) and pd.isna(row["obstacles"])
    assert found.loc["8.9.d", "note"] == "Văn bản chờ số"  # the comment answering a warning
    assert found.loc["2.2", "role"] == "cooperating"
    after = query.read_dataset(datasets.OBSERVATIONS, published)
    pd.testing.assert_frame_equal(after, observations)  # no figure in this workbook


def test_an_example_workbooks_task_reports_are_published_illustrative(store, published):
    _accept(store, _send(store, FINANCE, DONE, example=True), published)
    row = _reports(published).iloc[0]
    assert row["provenance"] == "illustrative"
    assert row["source_title"].startswith(
        "Ví dụ minh họa trong báo cáo mẫu của Sở Tài chính tỉnh Bắc Ninh (số liệu nộp 2026-0001"
    )


def test_a_revision_replaces_a_report_a_blank_row_does_not_and_returns_publish_nothing(
    store, published
):
    first = _send(store, FINANCE, ("4.2", "lead", "in_progress", None, D(2026, 6, 30)),
                  ("4.1", "lead", "not_started"))  # fmt: skip
    _accept(store, first, published)
    returned = _send(store, FINANCE, DONE, when="2027-01-20")
    submissions.review(store, returned.id, actor=REVIEWER, accept=False, reason="Thiếu minh chứng",
                       now=at("2027-01-21"))  # fmt: skip
    assert _reports(published).set_index("task_id").loc["4.2", "status"] == "in_progress"
    revised = _send(store, FINANCE, DONE, ("4.1", "lead", None), when="2027-01-25")
    assert revised.revision_of == returned.id
    _accept(store, revised, published, when="2027-01-26")
    found = _reports(published).set_index("task_id")
    assert found.loc["4.2", "status"] == "completed" and "2026-0003" in found.loc["4.2",
                                                                                 "source_title"]  # fmt: skip
    assert found.loc["4.1", "status"] == "not_started"  # left blank in the revision: kept
    assert len(found) == 2
    withdrawn = _send(store, FINANCE, ("4.2", "lead", "not_started"), when="2027-02-01")
    submissions.withdraw(store, withdrawn.id, actor=reporter(FINANCE), now=at("2027-02-02"))
    assert publish.current_tasks(store)[["task_id", "submission_id"]].values.tolist() == [
        ["4.1", "2026-0001"], ["4.2", "2026-0003"],
    ]  # fmt: skip


def test_another_period_and_another_agency_are_other_reports(store, published):
    _accept(store, _send(store, FINANCE, DONE), published)
    _accept(store, _send(store, FINANCE, ("4.2", "lead", "in_progress"), period="2025"),
            published)  # fmt: skip
    _accept(store, _send(store, TRADE, ("4.2", "cooperating", "in_progress")), published)
    every = query.read_dataset(datasets.TASK_REPORTS, published)
    found = every[every["provenance"] == "reported"]
    assert found[["task_id", "agency_id", "year", "status"]].values.tolist() == [
        ["4.2", TRADE, 2026, "in_progress"],
        ["4.2", FINANCE, 2025, "in_progress"],  # replaced the bundled illustrative one
        ["4.2", FINANCE, 2026, "completed"],
    ]
    assert len(every) == len(pd.read_parquet(BUNDLED_DATA_DIR / datasets.TASK_REPORTS.file)) + 2


def test_a_tasks_history_says_who_reported_what_the_review_and_what_is_in_force(store, published):
    first = _send(store, FINANCE, ("4.2", "lead", "in_progress"), ("4.1", "lead", None))
    _accept(store, first, published)
    returned = _send(store, FINANCE, DONE, when="2027-01-20")
    submissions.review(store, returned.id, actor=REVIEWER, accept=False, reason="Thiếu minh chứng",
                       now=at("2027-01-21"))  # fmt: skip
    revised = _send(store, FINANCE, DONE, when="2027-01-25")
    history = publish.task_history(store, "4.2")
    assert list(history.columns) == ["task_id", "period", *publish.TASK_HISTORY_COLUMNS]
    assert history[["submission_id", "status", "state", "decision", "reason", "in_force"]
                   ].astype(object).where(history.notna(), None).values.tolist() == [
        ["2026-0001", "in_progress", "accepted", "accepted", None, True],
        ["2026-0002", "completed", "returned", "returned", "Thiếu minh chứng", False],
        ["2026-0003", "completed", "pending_review", None, None, False],
    ]  # fmt: skip
    _accept(store, revised, published, when="2027-01-26")
    assert publish.task_history(store, "4.2")["in_force"].tolist() == [False, False, True]
    blank = publish.task_history(store, "4.1")
    assert blank[["submission_id", "status", "in_force"]].values.tolist() == [
        ["2026-0001", None, False]
    ]
    assert publish.task_history(store, "9").empty
