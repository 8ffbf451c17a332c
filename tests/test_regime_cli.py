"""`python -m ttx_data regime` on SQLite and PostgreSQL: the regime in effect as CSV (the file's
rows, the secretariat's in place of theirs, who set them and when); `regime set` and `regime
reset` for a reviewer's or administrator's account, audited as "cli:<login name> as NAME"; a
change breaking a rule exits 2 with each problem in both languages, storing nothing."""

from __future__ import annotations

import getpass
import io
import os
import subprocess
import sys

import pandas as pd
import pytest

from ttx_data import accounts
from ttx_data.__main__ import main
from ttx_data.accounts import Actor
from ttx_data.paths import PROJECT_ROOT
from ttx_data.reporting import regime
from ttx_data.store import audit

HDI = "t13_hdi"


@pytest.fixture
def cli(store, store_url, monkeypatch):
    """The store (the commands' default one) with a reviewer, an administrator, a reporter."""
    monkeypatch.setenv("TTX_DATABASE_URL", store_url)
    for name, role, agency in (("tran.thi.b", "reviewer", None), ("quan.tri", "admin", None),
                               ("bao.cao", "reporter", "so_tai_chinh_bac_ninh")):  # fmt: skip
        accounts.add_account(store, name, role=role, agency_code=agency, actor=Actor.operator())
    return store


def _listed(capsys) -> pd.DataFrame:
    assert main(["regime", "--format", "csv"]) == 0
    return pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)


def _regime_entries(store) -> list:
    return audit.entries(store, action=("regime_changed", "regime_reset"))


def test_regime_lists_the_regime_in_effect_and_set_changes_it(cli, capsys):
    listed = _listed(capsys)
    assert list(listed.columns) == [*regime.COLUMNS, "changed", "changed_by", "changed_at"]
    assert listed["indicator_id"].tolist() == regime.load_regime_file()["indicator_id"].tolist()
    assert set(listed["changed"]) == {"false"}
    code = main(["regime", "set", HDI, "--deadline", "01-31", "--plausible-max", "0.9",
                 "--reason", "Công văn 12/UBND-TH", "--user", "Tran.Thi.B"])  # fmt: skip
    said = capsys.readouterr().err
    assert code == 0, said
    assert "Đã lưu chế độ báo cáo của t13_hdi" in said and "deadline: 01-15 → 01-31" in said
    row = _listed(capsys).set_index("indicator_id").loc[HDI]
    assert (row["deadline"], row["plausible_max"], row["changed"]) == ("01-31", "0.9", "true")
    assert row["changed_by"] == f"cli:{getpass.getuser()} as tran.thi.b" and row["changed_at"]
    [entry] = _regime_entries(cli)
    assert (entry.role, entry.client, entry.detail["reason"]) == (
        "reviewer", "cli", "Công văn 12/UBND-TH",
    )  # fmt: skip
    assert entry.detail["changes"]["plausible_max"] == {"before": "0.95", "after": "0.9"}
    assert main(["regime", "reset", HDI, "--reason", "Trở lại", "--user", "quan.tri"]) == 0
    assert "về giá trị gốc / The reporting regime of t13_hdi is back" in capsys.readouterr().err
    assert set(_listed(capsys)["changed"]) == {"false"}
    assert [e.action for e in _regime_entries(cli)] == ["regime_reset", "regime_changed"]


def test_an_optional_field_is_emptied_with_an_empty_value(cli, capsys):
    assert main(["regime", "set", HDI, "--plausible-min", "", "--reason", "r", "--user",
                 "tran.thi.b"]) == 0  # fmt: skip
    assert _listed(capsys).set_index("indicator_id").loc[HDI, "plausible_min"] == ""


def test_a_change_breaking_a_rule_exits_2_with_every_problem_and_stores_nothing(cli, capsys):
    code = main(["regime", "set", HDI, "--deadline", "1-31", "--max-change-factor", "0,9",
                 "--reason", "r", "--user", "tran.thi.b"])  # fmt: skip
    said = capsys.readouterr().err
    assert code == 2
    assert (
        "Chưa lưu thay đổi: 2 lỗi, sửa rồi lưu lại / The change is not saved: 2 problem(s)" in said
    )
    assert "Hạn gửi (deadline): '1-31' không phải tháng-ngày MM-DD, ví dụ 12-31" in said
    assert "Deadline (deadline): '1-31' is not a month-day MM-DD, e.g. 12-31" in said
    assert "(max_change_factor): '0,9' must be a number above 1, e.g. 1.5" in said
    assert regime.store_entries(cli) == () and _regime_entries(cli) == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["set", HDI, "--deadline", "01-31", "--reason", "r", "--user", "bao.cao"],
         "may not change the reporting regime"),
        (["set", HDI, "--deadline", "01-31", "--reason", "r", "--user", "khong.co"],
         "There is no account 'khong.co'"),
        (["set", HDI, "--reason", "r", "--user", "tran.thi.b"], "change at least one field"),
        (["set", HDI, "--deadline", "01-31", "--reason", " ", "--user", "tran.thi.b"],
         "give the reason for it"),
        (["reset", HDI, "--reason", "r", "--user", "tran.thi.b"], "the bundled file's already"),
        (["set", "t12_city_green_growth_scheme", "--deadline", "01-31", "--reason", "r",
          "--user", "tran.thi.b"], "milestones are not reported as figures"),
    ],
)  # fmt: skip
def test_a_refused_change_exits_2_saying_why_in_both_languages(cli, capsys, args, said):
    assert main(["regime", *args]) == 2
    err = capsys.readouterr().err
    assert said in err and " / " in err
    assert _regime_entries(cli) == []


def test_regime_runs_as_a_module_without_a_database(tmp_path):
    env = {**os.environ, "TTX_DATABASE_URL": f"sqlite:///{tmp_path / 'none.sqlite3'}"}
    done = subprocess.run([sys.executable, "-m", "ttx_data", "regime", "--format", "csv"],
                          capture_output=True, text=True, cwd=PROJECT_ROOT, env=env,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].startswith("t01_electricity_intensity,annual,12-31,01-15")
    assert list(tmp_path.iterdir()) == []
