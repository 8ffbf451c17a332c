"""The promises the README and CI make: two set-up commands, CI runs the README's test command,
every Makefile target is explained, and the command line prints what data managers need."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from contextlib import redirect_stdout

import pandas as pd

from ttx_data.__main__ import main
from ttx_data.paths import PROJECT_ROOT


def test_readme_gives_the_two_setup_commands_and_ci_runs_the_test_one():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    ci = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.MULTILINE)


def test_every_makefile_target_has_a_comment():
    lines = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        target = re.match(r"^([a-z][a-z-]*):", line)
        if target:
            assert lines[index - 1].startswith("#"), (
                f"Makefile target {target.group(1)} lacks a comment"
            )


def test_requirements_are_pinned():
    for line in (PROJECT_ROOT / "requirements.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert "==" in line, f"requirement not pinned: {line}"


def _cli(*args: str) -> pd.DataFrame:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(list(args)) == 0
    return pd.read_csv(io.StringIO(out.getvalue()), dtype={"target_no": "Int64"})


def test_cli_catalog_csv_has_the_columns_data_managers_check():
    frame = _cli("catalog", "--format", "csv")
    for column in (
        "indicator_id",
        "target_no",
        "part",
        "group",
        "unit",
        "direction",
        "kind",
        "target_value",
        "target_high",
    ):
        assert column in frame.columns
    assert len(frame) == 24
    forest = frame.set_index("indicator_id").loc["t05a_forest_cover"]
    assert forest["target_value"] == 37 and forest["kind"] == "minimum"


def test_cli_status_csv_lists_latest_value_provenance_and_status():
    frame = _cli("status", "--format", "csv")
    assert {"indicator_id", "latest_value", "latest_year", "latest_provenance", "status"} <= set(
        frame.columns
    )
    forest = frame.set_index("indicator_id").loc["t05a_forest_cover"]
    assert forest["latest_year"] == 2026  # rolled up from the commune-level units
    assert set(frame["status"]) <= {
        "achieved",
        "on_track",
        "needs_acceleration",
        "limited_progress",
        "deterioration",
        "in_progress",
        "not_started",
        "insufficient_data",
    }


def test_cli_runs_as_a_module():
    result = subprocess.run(
        [sys.executable, "-m", "ttx_data", "catalog", "--format", "csv"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines()[0].startswith("indicator_id,target_no,part,group")
