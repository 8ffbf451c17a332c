"""Snapshots stay frozen and fail clearly: their own catalog, verified files on every read,
downloads from the snapshot viewed, broken manifests left out, write failures and races told."""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import threading

import openpyxl
import pandas as pd
import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import StopException
from streamlit.testing.v1 import AppTest

from ttx_data import __main__ as cli
from ttx_data import catalog, datasets, query, scorecard, snapshots
from ttx_data.filters import Filters
from ttx_data.paths import BUNDLED_DATA_DIR, PROJECT_ROOT

FOREST = "t05a_forest_cover"  # achieved in the bundled data (minimum 37 %)


@pytest.fixture
def live_data(tmp_path, monkeypatch):
    """A writable copy of the bundled data with its own catalog, used as the current data."""
    directory = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA_DIR, directory)
    monkeypatch.setenv("TTX_DATA_DIR", str(directory))
    yield directory
    query.reset_connections()


@pytest.fixture
def root(tmp_path, monkeypatch):
    folder = tmp_path / "snapshots"
    monkeypatch.setenv(snapshots.SNAPSHOTS_ENV, str(folder))
    return folder


def _status(directory, indicator_id: str) -> str:
    card = scorecard.load_scorecard(directory=directory)
    return card.set_index("indicator_id").loc[indicator_id, "status"]


def _set_target(directory, indicator_id: str, value: str) -> None:
    path = directory / "indicators.csv"
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows.loc[rows["indicator_id"] == indicator_id, "target_value"] = value
    rows.to_csv(path, index=False)


def _revise_forest(directory, value: float) -> None:
    path = directory / datasets.OBSERVATIONS.file
    frame = pd.read_parquet(path)
    province = (frame["indicator_id"] == FOREST) & (frame["area_code"] == "24")
    frame.loc[province, "value"] = value
    frame.to_parquet(path, index=False)


def test_a_snapshot_is_judged_against_its_own_targets(live_data, root):
    assert _status(live_data, FOREST) == "achieved"
    taken = snapshots.create_snapshot("Phiên họp", source=live_data, root=root)
    _set_target(live_data, FOREST, "90")  # the live target is raised after the meeting
    query.reset_connections()
    assert _status(live_data, FOREST) != "achieved"
    assert _status(taken.directory, FOREST) == "achieved"
    assert catalog.indicator(FOREST, taken.directory).target_value == 37.0
    changes = snapshots.what_changed(taken.directory, live_data)
    assert FOREST in set(changes.statuses["indicator_id"])


def test_a_file_changed_after_a_first_view_is_refused(live_data, root):
    taken = snapshots.create_snapshot("Đã xem", source=live_data, root=root)
    snapshots.open_snapshot(taken.snapshot_id, root)  # first view: verified, hash remembered
    path = taken.directory / datasets.OBSERVATIONS.file
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size
    path.write_bytes(bytes(data))
    with pytest.raises(snapshots.SnapshotError, match="altered"):
        snapshots.open_snapshot(taken.snapshot_id, root)


def test_the_app_refuses_a_snapshot_altered_after_it_was_viewed(live_data, root):
    taken = snapshots.create_snapshot("Xem hai lần", source=live_data, root=root)
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.query_params["snapshot"] = taken.snapshot_id
    app.run()
    assert not app.exception and not app.error
    path = taken.directory / datasets.OBSERVATIONS.file
    path.chmod(0o644)
    _revise_forest(taken.directory, 1.0)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("đã bị sửa" in e.value for e in app.error)


def test_an_added_file_is_refused(live_data, root):
    taken = snapshots.create_snapshot("Thêm tệp", source=live_data, root=root)
    (taken.directory / "extra.parquet").write_bytes(b"not in the manifest")
    with pytest.raises(snapshots.SnapshotError, match="extra.parquet"):
        snapshots.open_snapshot(taken.snapshot_id, root)


def test_downloads_hold_the_snapshot_data_outside_the_script(live_data, root):
    """A download callable runs outside the script thread: no session state to read."""
    from ttx_data.ui import data

    taken = snapshots.create_snapshot("Tải về", source=live_data, root=root)
    before = scorecard.load_scorecard(directory=taken.directory)
    _revise_forest(live_data, 12.5)
    query.reset_connections()
    workbook = openpyxl.load_workbook(io.BytesIO(data.dataset_workbook(None, "en", "tai-ve")))
    about = "\n".join(str(c.value) for row in workbook.worksheets[0].iter_rows() for c in row)
    assert "Tải về" in about
    values = [
        row
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        if FOREST in row and "24" in row
    ]
    assert values and 12.5 not in {v for row in values for v in row}
    plan = data.load_meeting(Filters(snapshot=taken.snapshot_id))
    assert plan.snapshot_name == "Tải về"
    forest = before.set_index("indicator_id").loc[FOREST, "status"]
    lines = [line for slide in plan.slides for line in slide.lines if line.indicator_id == FOREST]
    assert lines and all(line.status == forest for line in lines)


@pytest.mark.parametrize(
    ("manifest", "problem"),
    [("{not json", "snapshot.json"), (json.dumps({"id": "hong-2", "name": "x"}), "created_at")],
)
def test_a_broken_manifest_is_left_out_and_reported(live_data, root, manifest, problem, capsys):
    snapshots.create_snapshot("Tốt", source=live_data, root=root)
    broken = snapshots.create_snapshot("Hỏng 2", source=live_data, root=root)
    path = broken.directory / snapshots.MANIFEST_FILE
    path.chmod(0o644)
    path.write_text(manifest, encoding="utf-8")
    os.utime(root)  # a listing is re-read when the folder changes
    assert [s.snapshot_id for s in snapshots.list_snapshots(root)] == ["tot"]
    problems = snapshots.snapshot_problems(root)
    assert len(problems) == 1 and "hong-2" in problems[0] and problem in problems[0]
    with pytest.raises(snapshots.SnapshotError, match="broken"):
        snapshots.open_snapshot("hong-2", root)
    assert cli.main(["snapshot", "list"]) == 0
    out, err = capsys.readouterr()
    assert "tot" in out and "hong-2" in err
    for page in ("pages/overview.py", "pages/snapshots.py"):
        app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
        app.switch_page(page).run()
        assert not app.exception, [e.value for e in app.exception]
    assert any("hong-2" in t.value for t in app.text)


def test_a_tampered_newest_snapshot_leaves_the_snapshots_page_working(live_data, root):
    taken = snapshots.create_snapshot("Bị sửa", source=live_data, root=root)
    path = taken.directory / datasets.FOREST.file
    path.chmod(0o644)
    path.write_bytes(path.read_bytes()[:-10])
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    app.switch_page("pages/snapshots.py").run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("đã bị sửa" in e.value for e in app.error)
    assert app.get("download_button")  # the rest of the page is there


@pytest.mark.parametrize(("code", "words"), [(errno.EROFS, "read-only"), (errno.ENOSPC, "is full")])
@pytest.mark.parametrize("where", ["mkdtemp", "copyfile"])
def test_an_unwritable_snapshots_folder_is_told_clearly(
    live_data, root, monkeypatch, code, words, where
):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    target = snapshots.tempfile if where == "mkdtemp" else snapshots.shutil
    monkeypatch.setattr(target, where, fail)
    with pytest.raises(snapshots.SnapshotError, match=words) as raised:
        snapshots.create_snapshot("Không ghi được", source=live_data, root=root)
    assert str(root.parent) not in str(raised.value)
    assert " / " in str(raised.value)
    assert not root.exists() or not any(root.iterdir())  # nothing half-written


def test_the_loser_of_a_same_name_race_is_told_it_exists(live_data, root, monkeypatch):
    real_rename = os.rename

    def rename_after_a_rival(source, target):
        monkeypatch.setattr(snapshots.os, "rename", real_rename)
        snapshots.create_snapshot("Cùng tên", source=live_data, root=root)  # the rival wins
        real_rename(source, target)

    monkeypatch.setattr(snapshots.os, "rename", rename_after_a_rival)
    with pytest.raises(snapshots.SnapshotExists, match="already exists"):
        snapshots.create_snapshot("Cùng tên", source=live_data, root=root)
    assert [p.name for p in root.iterdir()] == ["cung-ten"]


def test_concurrent_creators_of_one_name_one_wins(live_data, root):
    start = threading.Barrier(12)
    outcomes = []

    def create():
        start.wait()
        try:
            snapshots.create_snapshot("Đồng thời", source=live_data, root=root)
            outcomes.append("ok")
        except Exception as error:  # noqa: BLE001 - each outcome is checked below
            outcomes.append(error)

    threads = [threading.Thread(target=create) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1
    losers = [o for o in outcomes if o != "ok"]
    assert all(isinstance(o, snapshots.SnapshotExists) for o in losers), losers
    assert [p.name for p in root.iterdir()] == ["dong-thoi"]


def test_staging_left_by_a_killed_create_is_cleaned(live_data, root):
    root.mkdir()
    dead = root / ".phien-hop-999999999-abcd"  # no such process
    dead.mkdir()
    (dead / "observations.parquet").write_bytes(b"half")
    (dead / "observations.parquet").chmod(0o444)
    running = root / f".other-{os.getpid()}-efgh"  # a create still under way
    running.mkdir()
    snapshots.create_snapshot("Phiên họp", source=live_data, root=root)
    assert not dead.exists()
    assert running.exists()
    assert sorted(p.name for p in root.iterdir()) == sorted([running.name, "phien-hop"])


def test_the_guard_lets_streamlit_control_flow_through():
    from ttx_data.ui.errors import guarded

    with pytest.raises(StopException), guarded("vi"):
        raise StopException()


def test_error_details_are_hidden_from_viewers():
    config = (PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert 'showErrorDetails = "none"' in config


def _edit_catalog(directory, indicator_id: str, **cells: str) -> None:
    path = directory / "indicators.csv"
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column, value in cells.items():
        rows.loc[rows["indicator_id"] == indicator_id, column] = value
    rows.to_csv(path, index=False)


def _viewed(snapshot_id: str | None, page: str | None = None) -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    if snapshot_id:
        app.query_params["snapshot"] = snapshot_id
    app.run()
    if page:
        app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _overview_row(app: AppTest, indicator_id: str) -> str:
    page = "\n".join(h.proto.body for h in app.get("html"))
    return page.split(f"data-indicator='{indicator_id}'>")[1].split("</tr>")[0]


def _catalog_page(app: AppTest, indicator_id: str) -> tuple[dict, str]:
    table = app.dataframe[0].value.set_index("id")
    app.selectbox(key="catalog_indicator").set_value(indicator_id).run()
    return table.loc[indicator_id].to_dict(), "\n".join(m.value for m in app.markdown)


def test_every_page_reads_the_catalog_of_the_snapshot_viewed(live_data, root):
    taken = snapshots.create_snapshot("Trước khi sửa", source=live_data, root=root)
    plan_words = catalog.indicator(FOREST, taken.directory).target_text_vi
    _edit_catalog(
        live_data,
        FOREST,
        target_value="41",
        name_vi="Che phủ rừng (đã sửa)",
        target_text_vi="Tỷ lệ che phủ rừng đạt 41% (đã sửa).",
    )
    query.reset_connections()

    then = _overview_row(_viewed(taken.snapshot_id), FOREST)
    assert "Tỷ lệ che phủ rừng" in then and "37%" in then
    assert "đã sửa" not in then and "41%" not in then
    now = _overview_row(_viewed(None), FOREST)
    assert "Che phủ rừng (đã sửa)" in now and "41%" in now and "37%" not in now

    row, text = _catalog_page(_viewed(taken.snapshot_id, "pages/indicator_catalog.py"), FOREST)
    assert "Tỷ lệ che phủ rừng" in row.values() and "37%" in " ".join(map(str, row.values()))
    assert plan_words in text and "đã sửa" not in text
    row, text = _catalog_page(_viewed(None, "pages/indicator_catalog.py"), FOREST)
    assert "Che phủ rừng (đã sửa)" in row.values() and "41%" in " ".join(map(str, row.values()))
    assert "41% (đã sửa)" in text


def test_what_changed_names_rows_from_the_catalog_they_are_in(live_data, root):
    taken = snapshots.create_snapshot("Tên cũ", source=live_data, root=root)
    _edit_catalog(live_data, FOREST, name_vi="Che phủ rừng (tên mới)")
    path = live_data / datasets.OBSERVATIONS.file
    frame = pd.read_parquet(path)
    forest = frame["indicator_id"] == FOREST
    gone = forest & (frame["area_code"] == "24") & (frame["year"] == frame[forest]["year"].max())
    frame = frame[~gone]
    frame.loc[frame["indicator_id"] == FOREST, "value"] += 0.5
    frame.to_parquet(path, index=False)
    query.reset_connections()
    changes = snapshots.what_changed(taken.directory, live_data)
    removed = snapshots.row_change_table(changes, "removed", "vi").iloc[:, 1].tolist()
    revised = snapshots.row_change_table(changes, "revised", "vi").iloc[:, 1].tolist()
    assert removed and all("5a Tỷ lệ che phủ rừng" in r for r in removed)
    assert any("5a Che phủ rừng (tên mới)" in r for r in revised)
    assert not any("Tỷ lệ che phủ rừng" in r for r in revised)


def test_a_data_directory_from_before_a_later_dataset_opens_with_none_of_its_rows(tmp_path):
    """A snapshot frozen before commune_observations existed is not broken: it has no commune
    rows, its other data read as before, and its whole-dataset workbook is made."""
    import shutil

    from ttx_data import datasets, export, query
    from ttx_data.paths import BUNDLED_DATA_DIR

    older = tmp_path / "older"
    shutil.copytree(BUNDLED_DATA_DIR, older)
    (older / datasets.COMMUNE_OBSERVATIONS.file).unlink()
    query.reset_connections()
    assert query.read_dataset(datasets.COMMUNE_OBSERVATIONS, older).empty
    assert len(query.read_dataset(datasets.OBSERVATIONS, older)) > 0
    assert len(query.run_query("latest_observation_year", older)) == 1
    assert export.dataset_workbook(None, "vi", older, None)[:2] == b"PK"  # an .xlsx (zip)
    (older / datasets.SITES.file).unlink()  # a dataset the app always had: still an error
    query.reset_connections()
    with pytest.raises(query.DataError):
        query.read_dataset(datasets.SITES, older)
    query.reset_connections()
