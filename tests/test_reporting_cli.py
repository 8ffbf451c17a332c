"""The reporting commands on SQLite and PostgreSQL: `submit` (problems in both languages, exit 2
and nothing stored on refusal, the id alone on standard output, --dry-run stores nothing),
`review`, `withdraw`, `submissions`, `completeness`, `publish`; --user must be an enabled account
with the role, audited as "cli:<login name> as NAME"."""

from __future__ import annotations

import getpass
import io
import json
import os
import subprocess
import sys
import types

import pandas as pd
import pytest
from reporting_fakes import FARMING, TRADE, FakeIntake, FakeProblem, copy_published, intake
from test_reporting_completeness import EXPECTED, LEADS

import ttx_data.reporting
from ttx_data import accounts, datasets, query
from ttx_data.__main__ import main
from ttx_data.accounts import Actor
from ttx_data.paths import PROJECT_ROOT
from ttx_data.reporting import regime, submissions, task_sheet
from ttx_data.store import audit

INTENSITY = "t01_electricity_intensity"


def _workbook(path, agency_id, value=30.5, problems=(), comments_given=True):
    """A file the fake intake reads: the workbook's agency, values and problems as JSON."""
    made = intake(agency_id, (INTENSITY, "province", "24", value, "BC 1/SCT"))
    path.write_text(json.dumps({
        "agency_id": agency_id, "period": made.period,
        "rows": made.rows.astype(object).where(made.rows.notna(), None).to_dict("records"),
        "problems": [[p.severity, p.vi, p.en] for p in problems],
        "comments_given": comments_given,
    }), encoding="utf-8")  # fmt: skip
    return path


@pytest.fixture
def cli(store, store_url, tmp_path, monkeypatch):
    """The store with a reporter of TRADE, a disabled one, and a reviewer; the fake intake in
    place of the workbook reader; the published data in a copy. Yields the intake calls."""
    monkeypatch.setenv("TTX_DATABASE_URL", store_url)
    monkeypatch.setenv("TTX_DATA_DIR", str(copy_published(tmp_path / "data")))
    operator = Actor.operator()
    for name, role, agency in (("nguyen.van.a", "reporter", TRADE), ("cu.bao.cao", "reporter",
                               TRADE), ("tran.thi.b", "reviewer", None)):  # fmt: skip
        accounts.add_account(store, name, role=role, agency_code=agency, actor=operator)
    accounts.disable_account(store, "cu.bao.cao", actor=operator)
    calls = []

    def read_workbook(data, *, agency_id=None, period=None):
        calls.append({"agency_id": agency_id, "period": period})
        found = json.loads(data.read_text(encoding="utf-8"))
        if found.get("changes_while_read"):  # someone saves the file again meanwhile
            with data.open("a", encoding="utf-8") as file:
                file.write("\n")
        return FakeIntake(found["agency_id"], found["period"], pd.DataFrame(found["rows"]),
                          [FakeProblem(*p) for p in found["problems"]], found["comments_given"])  # fmt: skip

    fake = types.SimpleNamespace(read_workbook=read_workbook)
    monkeypatch.setitem(sys.modules, "ttx_data.reporting.intake", fake)
    monkeypatch.setattr(ttx_data.reporting, "intake", fake, raising=False)
    yield calls
    query.reset_connections()


def _counts(engine):
    return len(submissions.list_submissions(engine)), len(audit.entries(engine))


def test_submit_prints_the_id_and_review_accepts_and_publishes(cli, store, tmp_path, capsys):
    path = _workbook(tmp_path / "so-cong-thuong.xlsx", TRADE, problems=[
        FakeProblem("warning", "Giảm 40% so với kỳ trước", "40% down on the previous period")])  # fmt: skip
    assert main(["submit", str(path), "--user", "Nguyen.Van.A"]) == 0
    said = capsys.readouterr()
    assert said.out == "2026-0001\n"
    assert "[cảnh báo / warning] Giảm 40% so với kỳ trước" in said.err
    assert "40% down on the previous period" in said.err
    assert "chờ thẩm định / Submission 2026-0001 of" in said.err
    assert cli == [{"agency_id": TRADE, "period": None}]
    assert submissions.original_file(store, "2026-0001") == path.read_bytes()
    made = submissions.get(store, "2026-0001")
    assert made.file_name == "so-cong-thuong.xlsx"
    who = f"cli:{getpass.getuser()} as nguyen.van.a"
    assert made.submitted_by == who
    entry = audit.entries(store, action="submission_received")[0]
    assert (entry.actor, entry.role, entry.agency_code, entry.client) == (who, "reporter", TRADE,
                                                                          "cli")  # fmt: skip

    assert main(["review", "2026-0001", "--accept", "--user", "tran.thi.b"]) == 0
    assert "2026-0001 accepted and published" in capsys.readouterr().err
    frame = pd.read_parquet(os.environ["TTX_DATA_DIR"] + "/" + datasets.OBSERVATIONS.file)
    row = frame[(frame.indicator_id == INTENSITY) & (frame.year == 2026)].iloc[0]
    assert (row["value"], row["provenance"]) == (30.5, "reported")
    entry = audit.entries(store, action="submission_accepted")[0]
    assert entry.actor == f"cli:{getpass.getuser()} as tran.thi.b"


def test_submit_refusals_print_every_problem_exit_2_and_store_nothing(cli, store, tmp_path,
                                                                      capsys):  # fmt: skip
    before = _counts(store)
    bad = _workbook(tmp_path / "sai.xlsx", TRADE, problems=[
        FakeProblem("fatal", "Trang t01, dòng 5, cột E: «ba mươi» không phải số",
                    "Sheet t01, row 5, column E: “ba mươi” is not a number"),
        FakeProblem("fatal", "Trang t02, dòng 7, cột E: 130 ngoài 0-100",
                    "Sheet t02, row 7, column E: 130 is outside 0-100"),
        FakeProblem("warning", "Tăng gấp 3", "Tripled"),
    ])  # fmt: skip
    assert main(["submit", str(bad), "--user", "nguyen.van.a"]) == 2
    said = capsys.readouterr()
    assert said.out == ""
    for text in ("«ba mươi» không phải số", "“ba mươi” is not a number", "130 ngoài 0-100",
                 "130 is outside 0-100", "[cảnh báo / warning] Tăng gấp 3",
                 "Tệp có 2 lỗi phải sửa", "2 problem(s) to fix"):  # fmt: skip
        assert text in said.err
    uncommented = _workbook(tmp_path / "chua-giai-thich.xlsx", TRADE, comments_given=False,
                            problems=[FakeProblem("warning", "Tăng gấp 3", "Tripled")])  # fmt: skip
    assert main(["submit", str(uncommented), "--user", "nguyen.van.a"]) == 2
    assert "Some warnings have no comment" in capsys.readouterr().err
    other = _workbook(tmp_path / "nong-nghiep.xlsx", FARMING)
    assert main(["submit", str(other), "--user", "nguyen.van.a"]) == 2
    assert f"may not submit figures of the agency {FARMING}" in capsys.readouterr().err
    good = _workbook(tmp_path / "dung.xlsx", TRADE)
    assert main(["submit", str(good), "--user", "cu.bao.cao"]) == 2
    assert "đã bị khóa / The account 'cu.bao.cao' is disabled" in capsys.readouterr().err
    assert main(["submit", str(good), "--user", "khong.co"]) == 2
    assert "There is no account 'khong.co'" in capsys.readouterr().err
    assert main(["submit", str(good), "--user", "tran.thi.b"]) == 2
    assert main(["submit", str(tmp_path / "khong-co.xlsx"), "--user", "nguyen.van.a"]) == 2
    assert "Cannot read the file khong-co.xlsx" in capsys.readouterr().err
    moving = json.loads(good.read_text(encoding="utf-8")) | {"changes_while_read": True}
    (tmp_path / "dang-sua.xlsx").write_text(json.dumps(moving), encoding="utf-8")
    assert main(["submit", str(tmp_path / "dang-sua.xlsx"), "--user", "nguyen.van.a"]) == 2
    assert "dang-sua.xlsx changed while it was read; nothing stored" in capsys.readouterr().err
    assert main(["submit", str(good), "--user", "nguyen.van.a", "--dry-run"]) == 0
    said = capsys.readouterr()
    assert said.out == "" and "--dry-run: nothing stored" in said.err
    assert _counts(store) == before


def test_review_return_needs_a_reviewer_and_a_reason(cli, store, tmp_path, capsys):
    assert main(["submit", str(_workbook(tmp_path / "a.xlsx", TRADE)), "--user",
                 "nguyen.van.a"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["review", "2026-0001", "--return", " ", "--user", "tran.thi.b"]) == 2
    assert "needs a reason" in capsys.readouterr().err
    assert main(["review", "2026-0001", "--accept", "--user", "nguyen.van.a"]) == 2
    assert "reviewer role" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["review", "2026-0001", "--accept", "--return", "x", "--user", "tran.thi.b"])
    assert usage.value.code == 2
    capsys.readouterr()
    assert main(["review", "2026-0001", "--return", "Thiếu nguồn số liệu", "--user",
                 "tran.thi.b"]) == 0  # fmt: skip
    assert "2026-0001 returned: Thiếu nguồn số liệu" in capsys.readouterr().err
    assert main(["review", "2026-0001", "--accept", "--user", "tran.thi.b"]) == 2
    assert "“Returned”" in capsys.readouterr().err
    assert main(["submit", str(_workbook(tmp_path / "b.xlsx", TRADE)), "--user",
                 "nguyen.van.a"]) == 0  # fmt: skip
    assert main(["withdraw", "2026-0002", "--user", "nguyen.van.a", "--reason", "Nhầm"]) == 0
    assert submissions.get(store, "2026-0002").state == "withdrawn"


def test_submissions_and_completeness_as_csv(cli, store, tmp_path, capsys, monkeypatch):
    for name in ("a", "b"):
        assert main(["submit", str(_workbook(tmp_path / f"{name}.xlsx", TRADE)), "--user",
                     "nguyen.van.a"]) == 0  # fmt: skip
    main(["review", "2026-0002", "--accept", "--user", "tran.thi.b"])
    capsys.readouterr()
    assert main(["submissions", "--format", "csv"]) == 0
    listed = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str)
    assert listed[["id", "agency_id", "period", "state", "revision_of"]].fillna(
        ""
    ).values.tolist() == [
        ["2026-0001", TRADE, "2026", "superseded", ""],
        ["2026-0002", TRADE, "2026", "accepted", "2026-0001"],
    ]
    assert main(["submissions", "--status", "accepted", "--agency", TRADE, "--period", "2026",
                 "--format", "csv"]) == 0  # fmt: skip
    assert pd.read_csv(io.StringIO(capsys.readouterr().out))["id"].tolist() == ["2026-0002"]
    assert main(["submissions", "--status", "approved"]) == 2
    assert "There is no state 'approved'" in capsys.readouterr().err

    monkeypatch.setattr(regime, "expected_reports", lambda period, engine=None: EXPECTED)
    monkeypatch.setattr(task_sheet, "expected_task_reports", lambda *a, **k: LEADS)
    assert main(["completeness", "--period", "2026", "--today", "2027-02-10", "--format",
                 "csv"]) == 0  # fmt: skip
    table = pd.read_csv(io.StringIO(capsys.readouterr().out)).set_index("agency_id")
    assert table.loc[TRADE, ["expected", "received", "accepted", "missing"]].tolist() == [
        4,  # three figures and the task 8.9.b it leads
        1,
        1,
        3,
    ]
    assert table.loc[FARMING, ["expected", "missing", "overdue"]].tolist() == [2, 2, 2]
    finance = "so_tai_chinh_bac_ninh"  # its three tasks, none reported
    assert table.loc[finance, ["expected", "received", "missing", "overdue"]].tolist() == [
        3,
        0,
        3,
        3,
    ]


def test_publish_finishes_what_a_killed_process_left_and_every_command_recovers_first(
    cli, store, tmp_path, capsys, monkeypatch
):
    assert main(["submit", str(_workbook(tmp_path / "a.xlsx", TRADE)), "--user",
                 "nguyen.van.a"]) == 0  # fmt: skip

    def full_disk(source, target):
        raise OSError(28, "No space left on device")

    real_replace = os.replace
    monkeypatch.setattr(os, "replace", full_disk)
    assert main(["review", "2026-0001", "--accept", "--user", "tran.thi.b"]) == 1
    assert "is accepted but could not be written" in capsys.readouterr().err
    monkeypatch.setattr(os, "replace", real_replace)
    assert main(["submissions", "--format", "csv"]) == 0  # recovers before listing
    entry = audit.entries(store, action="published")[0]
    assert (entry.target, entry.actor, entry.detail["recovered"]) == (
        "2026-0001", f"cli:{getpass.getuser()}", True)  # fmt: skip
    capsys.readouterr()
    assert main(["publish"]) == 0
    assert "nothing was left unfinished" in capsys.readouterr().err
    assert main(["publish", "--rebuild"]) == 0
    assert audit.entries(store, action="published")[0].detail == {"rebuilt": True}


def test_the_commands_run_as_a_module(cli, store_url):
    done = subprocess.run(
        [sys.executable, "-m", "ttx_data", "submissions", "--format", "csv"],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120,
        env={**os.environ, "TTX_DATABASE_URL": store_url},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("id,agency_id,period,state,submitted_by")
