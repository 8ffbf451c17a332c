"""From the agency's workbook to the published figure with the real template and intake, on
SQLite and PostgreSQL: `template` → filled copy → `submit` → `review` → the published Parquet,
through the library and through the command line as an operator runs it."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pandas as pd
import pytest
from openpyxl import load_workbook
from reporting_fakes import FARMING, REVIEWER, TRADE, copy_published, reporter

from ttx_data import accounts, datasets, query
from ttx_data.accounts import Actor
from ttx_data.paths import PROJECT_ROOT
from ttx_data.reporting import publish, submissions, workbook
from ttx_data.reporting.intake import read_workbook
from ttx_data.reporting.layout import META_SHEET
from ttx_data.reporting.refusals import SubmissionRefused

PERIOD = "2026"


@pytest.fixture
def published(tmp_path, monkeypatch):
    directory = copy_published(tmp_path / "data")
    monkeypatch.setenv("TTX_DATA_DIR", str(directory))
    yield directory
    query.reset_connections()


def filled(agency_id: str) -> bytes:
    """The agency's workbook as a reporter sends it: the template with its example values, no
    longer marked as an example (as if typed in by the agency)."""
    book = load_workbook(io.BytesIO(workbook.build_template(agency_id, PERIOD, example=True)))
    meta = book[META_SHEET]
    for key, value in meta.iter_rows(min_col=1, max_col=2):
        if key.value == "example":
            value.value = "false"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _frame(directory, dataset) -> pd.DataFrame:
    return pd.read_parquet(directory / dataset.file)


def test_a_departments_workbook_is_submitted_accepted_and_published(store, published):
    data = filled(TRADE)
    intake = read_workbook(data, agency_id=TRADE)
    assert intake.ok and not intake.needs_comments and not intake.example
    made = submissions.submit(store, intake, actor=reporter(TRADE), file_name="sct-2026.xlsx",
                              data=data)  # fmt: skip
    assert submissions.original_file(store, made.id) == data
    stored = submissions.values(store, made.id)
    assert len(stored) == len(intake.rows) > 0
    submissions.review(store, made.id, actor=REVIEWER, accept=True, directory=published)
    frame = _frame(published, datasets.OBSERVATIONS)
    reported = frame[frame["source_title"].str.contains(f"số liệu nộp {made.id}", na=False)]
    assert set(reported["provenance"]) == {"reported"}
    given = stored.dropna(subset=["value"])
    assert len(reported) == len(given)
    for row in given.to_dict("records"):
        found = reported[(reported.indicator_id == row["indicator_id"])
                         & (reported.area_code == row["area_code"])]  # fmt: skip
        assert found["value"].tolist() == [row["value"]]
        assert found["year"].tolist() == [int(PERIOD)]
        assert f"số liệu nộp {made.id}, kỳ {PERIOD}" in found["source_title"].iloc[0]


def test_the_communes_figures_of_a_department_are_rolled_up_when_published(store, published):
    data = filled(FARMING)
    intake = read_workbook(data, agency_id=FARMING)
    assert intake.ok and not intake.needs_comments
    communes = intake.rows[intake.rows["area_level"] == "commune"]
    assert communes["area_code"].nunique() == 58
    made = submissions.submit(store, intake, actor=reporter(FARMING), file_name="snn.xlsx",
                              data=data)  # fmt: skip
    submissions.review(store, made.id, actor=REVIEWER, accept=True, directory=published)
    units = _frame(published, datasets.COMMUNE_OBSERVATIONS)
    year = units[units["year"] == int(PERIOD)]
    for indicator_id in communes["indicator_id"].unique():
        assert set(year[year.indicator_id == indicator_id]["provenance"]) == {"reported"}
    frame = _frame(published, datasets.OBSERVATIONS)
    certified = frame[(frame.indicator_id == "t05b_certified_forest_area")
                      & (frame.year == int(PERIOD))]  # fmt: skip
    province = certified[certified.area_code == "24"].iloc[0]
    given = communes[communes.indicator_id == "t05b_certified_forest_area"]["value"].sum()
    assert province["provenance"] == "reported" and province["value"] == round(given)
    assert province["source_title"].startswith("Tổng hợp từ số liệu xã, phường đã báo cáo")
    history = publish.value_history(store, "t05b_certified_forest_area", "07246", PERIOD)
    assert history["in_force"].tolist() == [True]


def test_a_workbook_of_another_agency_is_refused_and_nothing_stored(store, published):
    intake = read_workbook(filled(TRADE), agency_id=FARMING)
    assert not intake.ok
    with pytest.raises(SubmissionRefused) as refused:
        submissions.submit(store, intake, actor=reporter(FARMING), file_name="x.xlsx", data=b"x")
    assert any(p.rule == "wrong_agency" for p in refused.value.problems)
    assert submissions.list_submissions(store) == []


def _cli(url: str, directory, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "TTX_DATABASE_URL": url, "TTX_DATA_DIR": str(directory)}
    return subprocess.run([sys.executable, "-m", "ttx_data", *args], capture_output=True,
                          text=True, cwd=PROJECT_ROOT, env=env, timeout=180)  # fmt: skip


def test_the_operators_commands_take_a_workbook_to_the_published_data(
    store, store_url, published, tmp_path
):
    operator = Actor.operator()
    accounts.add_account(store, "nguyen.van.a", role="reporter", agency_code=TRADE, actor=operator)
    accounts.add_account(store, "tran.thi.b", role="reviewer", agency_code=None, actor=operator)
    empty = tmp_path / "trong.xlsx"
    made = _cli(store_url, published, "template", "--agency", TRADE, "--period", PERIOD,
                "-o", str(empty))  # fmt: skip
    assert made.returncode == 0, made.stderr
    refused = _cli(store_url, published, "submit", str(empty), "--user", "nguyen.van.a")
    assert refused.returncode == 2 and refused.stdout == ""
    assert "The file holds no value and no task report yet" in refused.stderr
    good = tmp_path / "sct-2026.xlsx"
    good.write_bytes(filled(TRADE))
    dry = _cli(store_url, published, "submit", str(good), "--user", "nguyen.van.a", "--dry-run")
    assert dry.returncode == 0 and "--dry-run: nothing stored" in dry.stderr
    assert submissions.list_submissions(store) == []
    sent = _cli(store_url, published, "submit", str(good), "--user", "nguyen.van.a")
    assert sent.returncode == 0, sent.stderr
    submission_id = sent.stdout.strip()
    assert submission_id == f"{PERIOD}-0001"
    accepted = _cli(store_url, published, "review", submission_id, "--accept", "--user",
                    "tran.thi.b")  # fmt: skip
    assert accepted.returncode == 0, accepted.stderr
    frame = _frame(published, datasets.OBSERVATIONS)
    ours = frame[frame["source_title"].str.contains(f"số liệu nộp {submission_id}", na=False)]
    assert len(ours) == len(submissions.values(store, submission_id))
    assert set(ours["provenance"]) == {"reported"}
    listed = _cli(store_url, published, "submissions", "--status", "accepted", "--format", "csv")
    assert pd.read_csv(io.StringIO(listed.stdout))["id"].tolist() == [submission_id]
    complete = _cli(store_url, published, "completeness", "--period", PERIOD, "--format", "csv")
    table = pd.read_csv(io.StringIO(complete.stdout)).set_index("agency_id")
    assert table.loc[TRADE, "accepted"] == table.loc[TRADE, "expected"]
    assert table.loc[FARMING, "missing"] == table.loc[FARMING, "expected"]
