"""Publishing on SQLite and PostgreSQL: commune-level values rolled up to the plan districts and
the province (illustrative stays illustrative until every input is reported), a value's history,
and a publisher killed at each step leaving the previous files whole and readable, completed by
`recover`."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pandas as pd
import pytest
import sqlalchemy as sa
from reporting_fakes import (
    COMMUNES,
    FARMING,
    REVIEWER,
    TRADE,
    at,
    copy_published,
    intake,
    reporter,
)

from ttx_data import datasets, places, query
from ttx_data.paths import PROJECT_ROOT
from ttx_data.reporting import publish, submissions
from ttx_data.reporting.refusals import PublicationPending
from ttx_data.store import audit
from ttx_data.store.schema import publications

CERTIFIED = "t05b_certified_forest_area"  # rolled up by sum: a province is its units' total
INTENSITY = "t01_electricity_intensity"
UNIT = "07246"  # wholly in plan district 215
YEAR = 2026


@pytest.fixture
def published(tmp_path):
    directory = copy_published(tmp_path / "data")
    yield directory
    query.reset_connections()


def _frame(directory, dataset) -> pd.DataFrame:
    return pd.read_parquet(directory / dataset.file)


def _row(frame, **where) -> dict:
    found = frame
    for column, value in where.items():
        found = found[found[column] == value]
    assert len(found) == 1, where
    return found.iloc[0].to_dict()


def _accept(engine, directory, agency_id, *values, day="2027-01-10", period="2026"):
    made = submissions.submit(engine, intake(agency_id, *values, period=period),
                              actor=reporter(agency_id), file_name="x.xlsx", data=b"x",
                              now=at(day, 8))  # fmt: skip
    return submissions.review(engine, made.id, actor=REVIEWER, accept=True, directory=directory,
                              now=at(day, 10))  # fmt: skip


def test_a_commune_value_is_published_and_rolled_up_and_illustrative_stays_illustrative(
    store, published
):
    communes = _frame(published, datasets.COMMUNE_OBSERVATIONS)
    old_unit = _row(communes, indicator_id=CERTIFIED, unit_code=UNIT, year=YEAR)["value"]
    before = _frame(published, datasets.OBSERVATIONS)
    old_district = _row(before, indicator_id=CERTIFIED, area_code="215", year=YEAR)
    old_province = _row(before, indicator_id=CERTIFIED, area_code="24", year=YEAR)
    assert (old_district["value"], old_province["value"]) == (2063.0, 10734.0)

    made = _accept(store, published, COMMUNES, (CERTIFIED, "commune", UNIT, old_unit + 100))

    unit = _row(_frame(published, datasets.COMMUNE_OBSERVATIONS), indicator_id=CERTIFIED,
                unit_code=UNIT, year=YEAR)  # fmt: skip
    assert unit["value"] == old_unit + 100 and unit["provenance"] == "reported"
    assert f"số liệu nộp {made.id}" in unit["source_title"]
    after = _frame(published, datasets.OBSERVATIONS)
    district = _row(after, indicator_id=CERTIFIED, area_code="215", year=YEAR)
    province = _row(after, indicator_id=CERTIFIED, area_code="24", year=YEAR)
    assert (district["value"], province["value"]) == (2163.0, 10834.0)
    # the other units of the year are still illustrative: so is every roll-up of them
    assert district["provenance"] == province["provenance"] == "illustrative"
    assert province["source_title"] == old_province["source_title"]
    for code in ("213", "216", "218", "219", "220"):
        assert (
            _row(after, indicator_id=CERTIFIED, area_code=code, year=YEAR)["value"]
            == (_row(before, indicator_id=CERTIFIED, area_code=code, year=YEAR)["value"])
        )


def test_when_every_unit_is_reported_the_roll_up_is_reported(store, published):
    units = sorted(places.plan_district_weights())
    made = _accept(store, published, COMMUNES, *[(CERTIFIED, "commune", u, 10.0) for u in units])
    after = _frame(published, datasets.OBSERVATIONS)
    province = _row(after, indicator_id=CERTIFIED, area_code="24", year=YEAR)
    assert province["value"] == 580.0  # 58 units × 10 ha
    assert province["provenance"] == "reported"
    assert province["source_title"].startswith(
        f"Tổng hợp từ số liệu xã, phường đã báo cáo (số liệu nộp {made.id})"
    )
    rows = after[(after.indicator_id == CERTIFIED) & (after.year == YEAR)]
    assert set(rows["provenance"]) == {"reported"} and len(rows) == 11
    assert rows["value"].sum() == 2 * 580.0  # the districts share the province's total


def test_a_value_reported_for_the_province_beats_the_roll_up(store, published):
    _accept(store, published, FARMING, (CERTIFIED, "province", "24", 12000.0), day="2027-01-05")
    _accept(store, published, COMMUNES, (CERTIFIED, "commune", UNIT, 999.0), day="2027-01-09")
    after = _frame(published, datasets.OBSERVATIONS)
    province = _row(after, indicator_id=CERTIFIED, area_code="24", year=YEAR)
    assert province["value"] == 12000.0 and province["provenance"] == "reported"
    assert province["source_title"].startswith("Báo cáo của Sở Nông nghiệp và Môi trường")
    assert _row(after, indicator_id=CERTIFIED, area_code="215", year=YEAR)["value"] != 2063.0


def test_a_commune_value_that_cannot_be_rolled_up_still_publishes(store, published, caplog):
    before = _frame(published, datasets.OBSERVATIONS)
    with caplog.at_level(logging.WARNING, logger="ttx_data.reporting.publish"):
        made = _accept(store, published, COMMUNES, (CERTIFIED, "commune", "99999", 5.0))
    assert "not rolled up: t05b_certified_forest_area 2026" in caplog.text
    unit = _row(_frame(published, datasets.COMMUNE_OBSERVATIONS), unit_code="99999")
    assert unit["provenance"] == "reported"
    assert _frame(published, datasets.OBSERVATIONS).equals(before)
    with store.connect() as connection:
        assert connection.execute(sa.select(publications.c.state)).scalars().all() == ["done"]
    assert audit.entries(store, action="published")[0].target == made.id


def test_value_history_says_who_reported_what_when_and_which_review(store, published):
    trade = reporter(TRADE, "nguyen.van.a")

    def send(value, day):
        workbook = intake(TRADE, (INTENSITY, "province", "24", value, f"BC {value}"))
        return submissions.submit(store, workbook, actor=trade, file_name="x.xlsx", data=b"x",
                                  now=at(day))  # fmt: skip

    first = send(31.0, "2027-01-02")
    submissions.review(store, first.id, actor=REVIEWER, accept=False, reason="Thiếu nguồn",
                       now=at("2027-01-03"))  # fmt: skip
    second = send(30.5, "2027-01-04")
    submissions.review(store, second.id, actor=REVIEWER, accept=True, directory=published,
                       now=at("2027-01-05"))  # fmt: skip
    third = send(30.0, "2027-01-06")
    submissions.withdraw(store, third.id, actor=trade, reason="Nhầm", now=at("2027-01-07"))
    fourth = send(29.0, "2027-01-08")
    submissions.review(store, fourth.id, actor=REVIEWER, accept=True, directory=published,
                       now=at("2027-01-09"))  # fmt: skip
    fifth = send(28.0, "2027-01-10")

    history = publish.value_history(store, INTENSITY, "24", "2026")
    assert list(history.columns) == list(publish.HISTORY_COLUMNS)
    table = history[["submission_id", "value", "state", "revision_of", "decision", "reason",
                     "withdrawn_by", "in_force"]]  # fmt: skip
    assert table.astype(object).where(table.notna(), None).values.tolist() == [
        [first.id, 31.0, "returned", None, "returned", "Thiếu nguồn", None, False],
        [second.id, 30.5, "superseded", first.id, "accepted", None, None, False],
        [third.id, 30.0, "withdrawn", second.id, None, None, "nguyen.van.a", False],
        [fourth.id, 29.0, "accepted", second.id, "accepted", None, None, True],
        [fifth.id, 28.0, "pending_review", fourth.id, None, None, None, False],
    ]
    assert history["submitted_by"].unique().tolist() == ["nguyen.van.a"]
    assert history["submitted_at"].tolist()[0] == at("2027-01-02")
    assert history["decided_at"].tolist()[3] == at("2027-01-09")
    assert history["reviewer"].tolist()[3] == "tran.thi.b"
    assert history["source_ref"].tolist()[3] == "BC 29.0"
    frame = _frame(published, datasets.OBSERVATIONS)
    assert _row(frame, indicator_id=INTENSITY, area_code="24", year=YEAR)["value"] == 29.0
    assert publish.value_history(store, INTENSITY, "24", "2025").empty


def test_a_revision_without_a_value_keeps_the_accepted_one(store, published):
    _accept(store, published, TRADE, (INTENSITY, "province", "24", 31.0),
            ("t02_renewable_share", "province", "24", 4.0), day="2027-01-02")  # fmt: skip
    _accept(store, published, TRADE, (INTENSITY, "province", "24", 30.0),
            ("t02_renewable_share", "province", "24", None), day="2027-01-03")  # fmt: skip
    frame = _frame(published, datasets.OBSERVATIONS)
    assert _row(frame, indicator_id=INTENSITY, area_code="24", year=YEAR)["value"] == 30.0
    renewable = _row(frame, indicator_id="t02_renewable_share", area_code="24", year=YEAR)
    assert renewable["value"] == 4.0 and "2026-0001" in renewable["source_title"]


def test_a_filled_example_workbook_is_published_as_illustrative(store, published):
    made = submissions.submit(store, intake(TRADE, (INTENSITY, "province", "24", 30.9),
                                            example=True),
                              actor=reporter(TRADE), file_name="vi-du.xlsx", data=b"x")  # fmt: skip
    assert made.example
    submissions.review(store, made.id, actor=REVIEWER, accept=True, directory=published,
                       now=at("2027-01-10"))  # fmt: skip
    row = _row(_frame(published, datasets.OBSERVATIONS), indicator_id=INTENSITY, area_code="24",
               year=YEAR)  # fmt: skip
    assert (row["value"], row["provenance"]) == (30.9, "illustrative")
    assert row["source_title"].startswith("Ví dụ minh họa trong báo cáo mẫu của Sở Công Thương")
    assert "/ Illustrative example in the sample report of Department" in row["source_title"]
    assert pd.isna(row["source_url"])


def test_periods_map_to_the_plan_years():
    assert publish.period_year("2026") == YEAR
    for bad in ("2026-H1", "19", "2019", "2031", ""):
        with pytest.raises(ValueError, match="from 2020 to 2030"):
            publish.period_year(bad)


KILLED_PUBLISHER = """
import os, signal, sys
from ttx_data.accounts import Actor
from ttx_data.reporting import publish, submissions
from ttx_data.store import database

url, submission_id, directory, point = sys.argv[1:5]
replaced = []
real_replace = os.replace

def replace(source, target):
    if point == "replace-" + str(len(replaced)):
        os.kill(os.getpid(), signal.SIGKILL)
    replaced.append(target)
    return real_replace(source, target)

def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

os.replace = replace
if point == "journal":
    publish.writing = killed
reviewer = Actor("tran.thi.b", "Trần Thị B", "reviewer", None, "local")
engine = database.ensure_schema(url)
submissions.review(engine, submission_id, actor=reviewer, accept=True, directory=directory)
print("not killed")
"""


@pytest.mark.parametrize("point", ["replace-0", "replace-1", "replace-2", "replace-3", "journal"])
def test_a_publisher_killed_midway_leaves_readable_files_and_recover_completes(
    store, store_url, published, point
):
    files = [datasets.COMMUNE_OBSERVATIONS.file, datasets.OBSERVATIONS.file,
             datasets.TASK_REPORTS.file, "metadata.json"]  # fmt: skip
    before = {name: (published / name).read_bytes() for name in files}
    inodes = {name: (published / name).stat().st_ino for name in files}
    made = submissions.submit(store, intake(TRADE, (INTENSITY, "province", "24", 30.2)),
                              actor=reporter(TRADE), file_name="x.xlsx", data=b"x")  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", KILLED_PUBLISHER, store_url, made.id, str(published), point],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )  # fmt: skip
    assert done.returncode == -9, done.stdout + done.stderr

    # the decision is kept, the publication journaled as started
    assert submissions.get(store, made.id).state == "accepted"
    with store.connect() as connection:
        journal = connection.execute(sa.select(publications.c.state)).scalars().all()
    assert journal == ["started"]
    # every published file is whole: the previous one until its rename, then the new one
    renamed = {"replace-0": 0, "replace-1": 1, "replace-2": 2, "replace-3": 3, "journal": 4}[point]
    for position, name in enumerate(files):
        kept = (published / name).stat().st_ino == inodes[name]
        assert kept == (position >= renamed), name
        if kept:
            assert (published / name).read_bytes() == before[name]
    shown = query.read_dataset(datasets.OBSERVATIONS, published)
    old = shown[(shown.indicator_id == INTENSITY) & (shown.area_code == "24")]
    assert len(old) == (6 if renamed < 2 else 7)  # 2020-2025, and 2026 once renamed
    assert query.dataset_metadata(published)["as_of"]
    left = sorted(p.name for p in published.glob(f".*{publish.STAGED_SUFFIX}"))
    assert left == sorted(f".{n}{publish.STAGED_SUFFIX}" for n in files[renamed:])

    assert publish.recover(store, published) == [made.id]
    assert list(published.glob(f".*{publish.STAGED_SUFFIX}")) == []
    frame = _frame(published, datasets.OBSERVATIONS)
    row = _row(frame, indicator_id=INTENSITY, area_code="24", year=YEAR)
    assert (row["value"], row["provenance"]) == (30.2, "reported")
    with store.connect() as connection:
        journal = connection.execute(sa.select(publications.c.state)).scalars().all()
    assert journal == ["done"]
    entry = audit.entries(store, action="published")[0]
    assert (entry.target, entry.actor, entry.detail["recovered"]) == (made.id, "system", True)
    assert publish.recover(store, published) == []  # once only
    assert audit.verify_chain(store) == []


def _full_disk(source, target):
    raise OSError(28, "No space left on device")


def test_an_accepted_submission_that_cannot_be_written_yet_is_published_later(
    store, published, monkeypatch
):
    before = (published / datasets.OBSERVATIONS.file).read_bytes()
    made = submissions.submit(store, intake(TRADE, (INTENSITY, "province", "24", 30.2)),
                              actor=reporter(TRADE), file_name="x.xlsx", data=b"x")  # fmt: skip
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", _full_disk)
    with pytest.raises(PublicationPending) as pending:
        submissions.review(store, made.id, actor=REVIEWER, accept=True, directory=published)
    assert "python -m ttx_data publish" in pending.value.en and "No space left" in pending.value.vi
    assert (published / datasets.OBSERVATIONS.file).read_bytes() == before
    assert list(published.glob(f".*{publish.STAGED_SUFFIX}")) == []
    assert submissions.get(store, made.id).state == "accepted"
    monkeypatch.setattr(os, "replace", real_replace)
    assert publish.recover(store, published) == [made.id]
    row = _row(_frame(published, datasets.OBSERVATIONS), indicator_id=INTENSITY, area_code="24",
               year=YEAR)  # fmt: skip
    assert row["value"] == 30.2


def test_recover_with_nothing_interrupted_writes_nothing_and_force_rebuilds(store, published):
    _accept(store, published, TRADE, (INTENSITY, "province", "24", 30.2))
    stamp = (published / datasets.OBSERVATIONS.file).stat().st_mtime_ns
    assert publish.recover(store, published) == []
    assert (published / datasets.OBSERVATIONS.file).stat().st_mtime_ns == stamp
    copy_published(published)  # the bundled files written again (e.g. `make data`)
    frame = _frame(published, datasets.OBSERVATIONS)
    assert frame[(frame.indicator_id == INTENSITY) & (frame.year == YEAR)].empty
    assert publish.publish(store, published, force=True) == []
    row = _row(_frame(published, datasets.OBSERVATIONS), indicator_id=INTENSITY, area_code="24",
               year=YEAR)  # fmt: skip
    assert row["value"] == 30.2
    assert audit.entries(store, action="published")[0].detail == {"rebuilt": True}


def _pending_publication(store, published, monkeypatch) -> str:
    """An accepted submission whose publication could not be written (a full disk)."""
    made = submissions.submit(store, intake(TRADE, (INTENSITY, "province", "24", 30.2)),
                              actor=reporter(TRADE), file_name="x.xlsx", data=b"x")  # fmt: skip
    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", _full_disk)
        with pytest.raises(PublicationPending):
            submissions.review(store, made.id, actor=REVIEWER, accept=True, directory=published)
    return made.id


def test_the_app_completes_an_unfinished_publication_when_it_starts(
    store, store_url, published, monkeypatch
):
    from ttx_data.ui import auth

    submission_id = _pending_publication(store, published, monkeypatch)
    monkeypatch.setenv("TTX_DATABASE_URL", store_url)
    monkeypatch.setenv("TTX_DATA_DIR", str(published))
    assert auth.store_engine() is store
    row = _row(_frame(published, datasets.OBSERVATIONS), indicator_id=INTENSITY, area_code="24",
               year=YEAR)  # fmt: skip
    assert row["value"] == 30.2
    entry = audit.entries(store, action="published")[0]
    assert (entry.target, entry.actor, entry.client) == (submission_id, "system", "start")


def test_recovery_at_start_runs_once_and_a_failure_does_not_stop_the_start(
    store, published, tmp_path, monkeypatch, caplog
):
    missing = tmp_path / "not-yet"
    submission_id = _pending_publication(store, published, monkeypatch)
    with caplog.at_level(logging.WARNING, logger="ttx_data.reporting.publish"):
        assert publish.recover_at_start(store, missing) == []
    assert "publication not completed at start" in caplog.text
    assert publish.recover_at_start(store, published) == [submission_id]
    second = _pending_publication(store, published, monkeypatch)
    assert publish.recover_at_start(store, published) == []  # once per process
    assert publish.recover(store, published) == [second]


def test_with_nothing_to_publish_the_data_folder_is_not_touched(store, published):
    before = sorted(p.name for p in published.iterdir())
    assert publish.recover(store, published) == []
    assert publish.recover_at_start(store, published) == []
    assert sorted(p.name for p in published.iterdir()) == before
    assert not (published / publish.LOCK_FILE).exists()
