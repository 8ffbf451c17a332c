"""Submissions on SQLite and PostgreSQL: submit, return with a reason, resubmit as a revision,
accept and publish; every refusal stores nothing; a reporter acts for their own agency only;
withdrawal and supersession are recorded, never deleted; ten agencies submitting while a
reviewer accepts all land."""

from __future__ import annotations

import hashlib
import threading

import pandas as pd
import pytest
import sqlalchemy as sa
from reporting_fakes import (
    ADMIN,
    COMMUNES,
    FARMING,
    REVIEWER,
    TRADE,
    FakeProblem,
    at,
    copy_published,
    intake,
    reporter,
    workbook_bytes,
)

from ttx_data import agencies, datasets, query
from ttx_data.accounts import PermissionDenied
from ttx_data.reporting import submissions
from ttx_data.reporting.refusals import ReportingError, SubmissionRefused
from ttx_data.store import audit
from ttx_data.store.schema import publications, reviews, submission_values
from ttx_data.store.schema import submissions as submission_table

INTENSITY = "t01_electricity_intensity"
RENEWABLE = "t02_renewable_share"


@pytest.fixture
def published(tmp_path):
    directory = copy_published(tmp_path / "data")
    yield directory
    query.reset_connections()


def _counts(engine) -> dict[str, int]:
    tables = {
        "submissions": submission_table,
        "values": submission_values,
        "reviews": reviews,
        "publications": publications,
        "audit": audit.audit_log,
    }
    with engine.connect() as connection:
        return {
            name: connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for name, table in tables.items()
        }


def _observation(directory, indicator_id, area_code, year) -> dict:
    frame = pd.read_parquet(directory / datasets.OBSERVATIONS.file)
    found = frame[
        (frame["indicator_id"] == indicator_id)
        & (frame["area_code"] == area_code)
        & (frame["year"] == year)
    ]
    assert len(found) == 1
    return found.iloc[0].to_dict()


def test_submit_return_resubmit_accept_publishes_with_provenance(store, published):
    before = pd.read_parquet(published / datasets.OBSERVATIONS.file)
    trade = reporter(TRADE, "nguyen.van.a")
    first = submissions.submit(
        store,
        intake(TRADE, (INTENSITY, "province", "24", 31.0, "Báo cáo 12/BC-SCT")),
        actor=trade,
        file_name="so-cong-thuong-2026.xlsx",
        data=workbook_bytes("first"),
        client="10.0.0.5",
        now=at("2027-01-10"),
    )
    assert (first.id, first.state, first.revision_of) == ("2026-0001", "pending_review", None)
    assert first.submitted_by == "nguyen.van.a"

    with pytest.raises(ReportingError) as no_reason:
        submissions.review(store, first.id, actor=REVIEWER, accept=False, reason="  ")
    assert "cần nêu lý do" in no_reason.value.vi and "needs a reason" in no_reason.value.en
    returned = submissions.review(store, first.id, actor=REVIEWER, accept=False,
                                  reason="Số liệu 2026 chưa có nguồn", directory=published,
                                  now=at("2027-01-11"))  # fmt: skip
    assert (returned.state, returned.reviewer, returned.reason) == (
        "returned",
        "tran.thi.b",
        "Số liệu 2026 chưa có nguồn",
    )
    assert pd.read_parquet(published / datasets.OBSERVATIONS.file).equals(before)

    second = submissions.submit(
        store,
        intake(TRADE, (INTENSITY, "province", "24", 30.4, "Báo cáo 15/BC-SCT", "Điện thương phẩm")),
        actor=trade,
        file_name="so-cong-thuong-2026-sua.xlsx",
        data=workbook_bytes("second"),
        now=at("2027-01-12"),
    )
    assert (second.id, second.revision_of) == ("2026-0002", first.id)
    accepted = submissions.review(store, second.id, actor=REVIEWER, accept=True,
                                  directory=published, now=at("2027-01-15"))  # fmt: skip
    assert accepted.state == "accepted" and accepted.decision == "accepted"

    row = _observation(published, INTENSITY, "24", 2026)
    assert row["value"] == 30.4 and row["provenance"] == "reported"
    assert row["area_level"] == "province" and pd.isna(row["source_url"])
    name = agencies.load_register().name(TRADE)
    assert row["source_title"].startswith(
        f"Báo cáo của {name} (số liệu nộp 2026-0002, kỳ 2026, chấp nhận ngày 15/01/2027)"
    )
    assert (
        "Report of Department" in row["source_title"]
        and "accepted 15 Jan 2027" in (row["source_title"])
    )
    assert row["note"] == "Báo cáo 15/BC-SCT — Điện thương phẩm"
    after = pd.read_parquet(published / datasets.OBSERVATIONS.file)
    key = ["indicator_id", "area_code", "year"]
    untouched = after.merge(before, on=key, suffixes=("", "_before"))
    untouched = untouched[~((untouched.indicator_id == INTENSITY) & (untouched.year == 2026))]
    assert len(after) == len(before) + 1  # a new year of the province series
    assert len(untouched) == len(before)
    for column in ["value", "provenance", "source_title"]:
        pd.testing.assert_series_equal(
            untouched[column], untouched[f"{column}_before"], check_names=False
        )
    assert (before["provenance"] == "illustrative").sum() == (
        after["provenance"] == "illustrative"
    ).sum()
    assert query.dataset_metadata(published)["as_of"] == "2027-01-15"

    logged = [(e.action, e.target, e.actor) for e in reversed(audit.entries(store))]
    assert logged == [
        ("submission_received", "2026-0001", "nguyen.van.a"),
        ("submission_returned", "2026-0001", "tran.thi.b"),
        ("submission_received", "2026-0002", "nguyen.van.a"),
        ("submission_accepted", "2026-0002", "tran.thi.b"),
        ("published", "2026-0002", "tran.thi.b"),
    ]
    assert audit.entries(store, action="submission_returned")[0].detail["reason"] == (
        "Số liệu 2026 chưa có nguồn"
    )
    assert audit.entries(store, action="submission_received")[0].client == ""
    assert audit.entries(store, action="submission_received")[1].client == "10.0.0.5"
    assert audit.verify_chain(store) == []
    with store.connect() as connection:
        journal = connection.execute(sa.select(publications)).all()
    assert [(j.submission_id, j.state) for j in journal] == [("2026-0002", "done")]


def test_the_original_file_is_kept_byte_for_byte_with_its_sha256(store):
    data = workbook_bytes("original") * 500
    made = submissions.submit(
        store,
        intake(TRADE, (INTENSITY, "province", "24", 31.0)),
        actor=reporter(TRADE),
        file_name="bao-cao.xlsx",
        data=data,
    )
    assert submissions.original_file(store, made.id) == data
    assert made.file_sha256 == hashlib.sha256(data).hexdigest()
    assert (made.file_size, made.file_name) == (len(data), "bao-cao.xlsx")
    detail = audit.entries(store, action="submission_received")[0].detail
    assert detail["file_sha256"] == made.file_sha256 and detail["values"] == 1
    stored = submissions.values(store, made.id)
    assert stored.to_dict("records") == [
        {
            "indicator_id": INTENSITY,
            "area_level": "province",
            "area_code": "24",
            "period": "2026",
            "value": 31.0,
            "source_ref": "Báo cáo số 1/BC",
            "note": None,
            "comment": None,
        }
    ]


@pytest.mark.parametrize(
    "case",
    [
        "fatal",
        "unreadable",
        "uncommented_warning",
        "period_outside_plan",
        "no_value",
        "other_agency",
        "reviewer",
        "admin",
    ],
)
def test_a_refusal_stores_nothing(store, case):
    problems, comments_given, period, value = [], True, "2026", 31.0
    actor, agency = reporter(TRADE), TRADE
    if case == "fatal":
        problems = [
            FakeProblem(
                "fatal", "Trang t01, dòng 5, cột E: chữ", "Sheet t01, row 5, column E: text"
            ),
            FakeProblem("warning", "Tăng gấp 3 lần", "Tripled"),
        ]
    elif case == "unreadable":  # read only in part: no agency named, another's reporter
        agency, actor = None, reporter(FARMING)
        problems = [FakeProblem("fatal", "Tệp: không phải .xlsx", "File: not an .xlsx")]
    elif case == "uncommented_warning":
        problems, comments_given = [FakeProblem("warning", "Tăng gấp 3", "Tripled")], False
    elif case == "period_outside_plan":
        period = "2019"
    elif case == "other_agency":
        actor = reporter(FARMING)
    elif case == "no_value":
        value = None
    else:
        actor = REVIEWER if case == "reviewer" else ADMIN
    before = _counts(store)
    workbook = intake(agency, (INTENSITY, "province", "24", value), period=period,
                      problems=problems, comments_given=comments_given)  # fmt: skip
    with pytest.raises((ReportingError, PermissionDenied)) as refused:
        submissions.submit(store, workbook, actor=actor, file_name="x.xlsx", data=b"x")
    assert _counts(store) == before == dict.fromkeys(before, 0)
    error = refused.value
    assert error.vi and error.en and error.vi != error.en
    if case == "fatal":
        assert isinstance(error, SubmissionRefused) and error.problems == problems
        assert "1 lỗi" in error.vi and "1 problem(s)" in error.en
    if case == "unreadable":
        assert isinstance(error, SubmissionRefused) and error.problems == problems
    if case == "uncommented_warning":
        assert "comment" in error.en and "giải thích" in error.vi
    if case == "no_value":
        assert "no value" in error.en and "chưa có giá trị" in error.vi
    if case == "period_outside_plan":
        assert "'2019'" in error.vi and "from 2020 to 2030" in error.en
    if case in ("other_agency", "reviewer", "admin"):
        assert isinstance(error, PermissionDenied) and TRADE in error.vi and TRADE in error.en


def test_a_warning_answered_by_a_comment_is_submitted(store):
    warned = intake(TRADE, (INTENSITY, "province", "24", 90.0),
                    problems=[FakeProblem("warning", "Tăng gấp 3", "Tripled")])  # fmt: skip
    warned.rows.loc[0, "comment"] = "Nhà máy mới vận hành / a new plant started"
    made = submissions.submit(store, warned, actor=reporter(TRADE), file_name="x.xlsx", data=b"x")
    assert submissions.values(store, made.id)["comment"].tolist() == [
        "Nhà máy mới vận hành / a new plant started"
    ]
    assert audit.entries(store, action="submission_received")[0].detail["warnings"] == 1


def test_only_reviewers_review_and_only_the_agency_withdraws(store, published):
    made = submissions.submit(store, intake(TRADE, (INTENSITY, "province", "24", 31.0)),
                              actor=reporter(TRADE), file_name="x.xlsx", data=b"x")  # fmt: skip
    for actor in (reporter(TRADE), ADMIN):
        with pytest.raises(PermissionDenied) as refused:
            submissions.review(store, made.id, actor=actor, accept=True, directory=published)
        assert "cán bộ thẩm định" in refused.value.vi and "reviewer role" in refused.value.en
    with pytest.raises(PermissionDenied):
        submissions.withdraw(store, made.id, actor=reporter(FARMING))
    with pytest.raises(PermissionDenied):
        submissions.withdraw(store, made.id, actor=REVIEWER)
    assert submissions.get(store, made.id).state == "pending_review"
    assert [e.action for e in audit.entries(store)] == ["submission_received"]

    gone = submissions.withdraw(store, made.id, actor=reporter(TRADE, "le.van.c"),
                                reason="Nộp nhầm tệp", now=at("2027-01-13"))  # fmt: skip
    assert (gone.state, gone.withdrawn_by, gone.withdrawn_reason) == (
        "withdrawn",
        "le.van.c",
        "Nộp nhầm tệp",
    )
    assert gone.withdrawn_at == at("2027-01-13")
    with pytest.raises(ReportingError) as late:
        submissions.review(store, made.id, actor=REVIEWER, accept=True, directory=published)
    assert "«Đã rút»" in late.value.vi and "“Withdrawn”" in late.value.en
    with pytest.raises(ReportingError) as twice:
        submissions.withdraw(store, made.id, actor=reporter(TRADE))
    assert "no longer pending review" in twice.value.en
    with pytest.raises(ReportingError) as unknown:
        submissions.review(store, "2026-9999", actor=REVIEWER, accept=True, directory=published)
    assert "python -m ttx_data submissions" in unknown.value.en
    assert submissions.values(store, made.id)["value"].tolist() == [31.0]  # kept
    assert audit.entries(store, action="submission_withdrawn")[0].detail == {
        "reason": "Nộp nhầm tệp"
    }


def test_a_new_submission_supersedes_one_waiting_and_revises_an_accepted_one(store, published):
    trade = reporter(TRADE)
    first = submissions.submit(store, intake(TRADE, (INTENSITY, "province", "24", 31.0)),
                               actor=trade, file_name="a.xlsx", data=b"a", now=at("2027-01-02"))  # fmt: skip
    second = submissions.submit(store, intake(TRADE, (INTENSITY, "province", "24", 30.0)),
                                actor=trade, file_name="b.xlsx", data=b"b", now=at("2027-01-03"))  # fmt: skip
    assert submissions.get(store, first.id).state == "superseded"
    assert second.revision_of == first.id
    with pytest.raises(ReportingError) as old:
        submissions.review(store, first.id, actor=REVIEWER, accept=True, directory=published)
    assert f"(by {second.id})" in old.value.en and f"(bởi {second.id})" in old.value.vi
    submissions.review(store, second.id, actor=REVIEWER, accept=True, directory=published,
                       now=at("2027-01-04"))  # fmt: skip
    other = submissions.submit(store, intake(FARMING, ("t05a_forest_cover", "province", "24", 38.0)),
                               actor=reporter(FARMING), file_name="c.xlsx", data=b"c",
                               now=at("2027-01-05"))  # fmt: skip
    assert other.revision_of is None  # another agency's report is not a revision
    third = submissions.submit(
        store,
        intake(TRADE, (INTENSITY, "province", "24", 29.5), (RENEWABLE, "province", "24", 4.0)),
        actor=trade,
        file_name="c.xlsx",
        data=b"c",
        now=at("2027-01-06"),
    )
    assert third.revision_of == second.id
    assert submissions.get(store, second.id).state == "accepted"  # until the revision is
    submissions.review(store, third.id, actor=REVIEWER, accept=True, directory=published,
                       now=at("2027-01-07"))  # fmt: skip
    states = {s.id: s.state for s in submissions.list_submissions(store)}
    assert states == {
        first.id: "superseded",
        second.id: "superseded",
        other.id: "pending_review",
        third.id: "accepted",
    }
    assert _observation(published, INTENSITY, "24", 2026)["value"] == 29.5
    assert _observation(published, RENEWABLE, "24", 2026)["provenance"] == "reported"
    accepted = audit.entries(store, action="submission_accepted")[0]
    assert accepted.target == third.id and accepted.detail["superseded"] == [second.id]


def test_listing_filters_by_agency_period_and_state(store, published):
    for agency, period, day in ((TRADE, "2026", "2027-01-02"), (FARMING, "2026", "2027-01-03"),
                                (TRADE, "2027", "2028-01-02")):  # fmt: skip
        submissions.submit(store, intake(agency, (INTENSITY, "province", "24", 31.0), period=period),
                           actor=reporter(agency), file_name="x.xlsx", data=b"x", now=at(day))  # fmt: skip
    assert [s.id for s in submissions.list_submissions(store)] == [
        "2026-0001",
        "2026-0002",
        "2027-0001",
    ]
    assert [s.id for s in submissions.list_submissions(store, agency=TRADE)] == [
        "2026-0001",
        "2027-0001",
    ]
    assert [s.id for s in submissions.list_submissions(store, period="2027")] == ["2027-0001"]
    submissions.review(store, "2026-0002", actor=REVIEWER, accept=False, reason="Thiếu nguồn")
    assert [s.id for s in submissions.list_submissions(store, state="returned")] == ["2026-0002"]
    assert submissions.list_submissions(store, agency=TRADE, period="2026", state="returned") == []
    with pytest.raises(ReportingError) as bad:
        submissions.list_submissions(store, state="approved")
    assert "pending_review" in bad.value.en
    frame = submissions.submissions_frame(submissions.list_submissions(store))
    assert frame.columns[:4].tolist() == ["id", "agency_id", "period", "state"]
    assert "file_bytes" not in frame.columns


def test_history_is_never_deleted_nor_its_file_changed(store):
    made = submissions.submit(store, intake(TRADE, (INTENSITY, "province", "24", 31.0)),
                              actor=reporter(TRADE), file_name="x.xlsx", data=b"x")  # fmt: skip
    submissions.review(store, made.id, actor=REVIEWER, accept=False, reason="Thiếu nguồn")
    statements = [
        sa.delete(submission_values),
        sa.delete(reviews),
        sa.delete(submission_table),
        sa.update(submission_table).values(file_bytes=b"y"),
        sa.update(submission_table).values(period="2027"),
        sa.update(submission_values).values(value=1.0),
        sa.update(reviews).values(reason="khác"),
    ]
    for statement in statements:
        with pytest.raises(sa.exc.DatabaseError) as refused, store.begin() as connection:
            connection.execute(statement)
        assert "reporting history is kept" in str(refused.value)
    assert submissions.original_file(store, made.id) == b"x"
    assert submissions.get(store, made.id).reason == "Thiếu nguồn"


def test_ten_agencies_submitting_while_a_reviewer_accepts_all_land(store, published):
    register = agencies.agencies_on(at("2026-12-01").date())
    agency_ids = [a for a in register["agency_id"] if a not in (TRADE, COMMUNES)][:12]
    assert len(agency_ids) == 12
    waiting = submissions.submit(store, intake(TRADE, (INTENSITY, "province", "24", 30.8)),
                                 actor=reporter(TRADE), file_name="t.xlsx", data=b"t")  # fmt: skip
    barrier = threading.Barrier(len(agency_ids) + 1)
    made, errors = {}, []

    def send(agency_id):
        try:
            barrier.wait()
            workbook = intake(agency_id, (RENEWABLE, "province", "24", 4.0))
            found = submissions.submit(store, workbook, actor=reporter(agency_id),
                                       file_name=f"{agency_id}.xlsx", data=agency_id.encode())  # fmt: skip
            made[agency_id] = found.id
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    def accept():
        try:
            barrier.wait()
            submissions.review(store, waiting.id, actor=REVIEWER, accept=True, directory=published)
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    threads = [threading.Thread(target=send, args=(a,)) for a in agency_ids]
    threads.append(threading.Thread(target=accept))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(made) == sorted(agency_ids)
    assert len(set(made.values())) == len(agency_ids)
    expected_ids = {f"2026-{n:04d}" for n in range(2, len(agency_ids) + 2)}
    assert set(made.values()) == expected_ids
    for agency_id, submission_id in made.items():
        assert submissions.original_file(store, submission_id) == agency_id.encode()
        assert submissions.get(store, submission_id).agency_id == agency_id
    assert submissions.get(store, waiting.id).state == "accepted"
    assert _observation(published, INTENSITY, "24", 2026)["value"] == 30.8
    assert len(audit.entries(store, action="submission_received")) == len(agency_ids) + 1
    assert audit.verify_chain(store) == []
