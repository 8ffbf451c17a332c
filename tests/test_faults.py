"""No traceback reaches a viewer: every page over a broken data directory shows a clear message.

Each fault is built in a copy of the bundled data; every page is opened from app.py as a reader
would. The message says what is wrong and in which file, never the server's path."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ttx_data import datasets, query
from ttx_data.paths import BUNDLED_DATA_DIR, PROJECT_ROOT

PAGES = sorted(
    p.relative_to(PROJECT_ROOT).as_posix()
    for p in PROJECT_ROOT.glob("pages/*.py")
    if p.stem not in ("audit", "accounts", "report", "review", "regime")  # staff pages: the store
)
OBS = datasets.OBSERVATIONS.file


def _write(name: str, content: bytes):
    return lambda d: (d / name).write_bytes(content)


def _rewrite_observations(change):
    def fault(directory):
        frame = pd.read_parquet(directory / OBS)
        change(frame).to_parquet(directory / OBS, index=False)

    return fault


FAULTS = {
    # fault: (how to break the copy, the Vietnamese words the message must hold, pages that
    # must show it)
    "missing_dir": (None, "Không tìm thấy thư mục dữ liệu", "overview"),
    "empty_dir": ("empty", ("Thiếu tệp dữ liệu", "metadata.json thiếu"), "overview"),
    "missing_file": (lambda d: (d / OBS).unlink(), f"Thiếu tệp dữ liệu {OBS}", "overview"),
    "empty_file": (_write(OBS, b""), f"{OBS} trống hoặc hỏng", "overview"),
    "corrupt_parquet": (_write(OBS, b"PAR1 not parquet"), f"{OBS} trống hoặc hỏng", "overview"),
    "missing_column": (
        _rewrite_observations(lambda f: f.drop(columns=["value"])),
        "thiếu cột value",
        "overview",
    ),
    "wrong_type": (
        _rewrite_observations(lambda f: f.assign(value=f["value"].astype(str))),
        "cột value có kiểu",
        "overview",
    ),
    "bad_metadata": (_write(datasets.METADATA_FILE, b"{not json"), "metadata.json", "overview"),
    "metadata_without_as_of": (
        _write(datasets.METADATA_FILE, json.dumps({"seed": 1}).encode()),
        "metadata.json",
        "overview",
    ),
    "missing_metadata": (
        lambda d: (d / datasets.METADATA_FILE).unlink(),
        "metadata.json",
        "overview",
    ),
    "bad_indicators_csv": (
        _write("indicators.csv", b"id,name\nx,y\n"),
        "indicators.csv",
        "overview",
    ),
    "empty_indicators_csv": (_write("indicators.csv", b""), "indicators.csv", "overview"),
    "corrupt_sites": (
        _write(datasets.SITES.file, b"garbage"),
        "sites.parquet trống hoặc hỏng",
        "sites_map",
    ),
}


@pytest.fixture
def faulty(request, tmp_path, monkeypatch):
    """TTX_DATA_DIR pointing at a copy of the bundled data broken in one way."""
    fault, _, _ = FAULTS[request.param]
    directory = tmp_path / "data"
    if fault is not None:
        shutil.copytree(BUNDLED_DATA_DIR, directory)
        if fault == "empty":
            shutil.rmtree(directory)
            directory.mkdir()
        else:
            fault(directory)
    monkeypatch.setenv("TTX_DATA_DIR", str(directory))
    monkeypatch.setenv("TTX_SNAPSHOTS_DIR", str(tmp_path / "snapshots"))
    query.reset_connections()
    yield request.param, tmp_path
    query.reset_connections()


def _run(page: str) -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.query_params["lang"] = "vi"
    app.run()
    return app.switch_page(page).run()


@pytest.mark.parametrize("faulty", list(FAULTS), indirect=True)
@pytest.mark.parametrize("page", PAGES)
def test_a_broken_data_directory_shows_a_message_not_a_traceback(faulty, page):
    name, tmp_path = faulty
    _, words, breaks = FAULTS[name]
    app = _run(page)
    assert not app.exception, [e.value for e in app.exception]
    errors = [e.value for e in app.error]
    for error in errors:
        assert str(tmp_path) not in error and "Traceback" not in error
    if page == f"pages/{breaks}.py":
        assert errors, f"{page} shows no message for {name}"
    if errors:
        alternatives = (words,) if isinstance(words, str) else words
        shown = [e.replace("\\", "") for e in errors]  # Markdown escapes
        assert any(w in e for w in alternatives for e in shown), errors


@pytest.mark.parametrize("faulty", ["corrupt_sites"], indirect=True)
def test_a_broken_sites_file_leaves_the_overview_working(faulty):
    app = _run("pages/overview.py")
    assert not app.exception
    assert not app.error, [e.value for e in app.error]
    assert app.title


@pytest.mark.parametrize("faulty", ["bad_metadata"], indirect=True)
def test_a_damaged_metadata_file_is_said_and_the_overview_still_shows_its_scorecard(faulty):
    app = _run("pages/overview.py")
    assert not app.exception
    assert any("metadata.json" in e.value.replace("\\", "") for e in app.error)
    assert any("ttx-scorecard" in h.proto.body for h in app.get("html"))
