"""Snapshots: freeze the data, add data afterwards, the snapshot still shows the old values, and
"what changed" lists exactly the difference; snapshots cannot be overwritten or altered."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime

import pandas as pd
import pytest

from ttx_data import datasets, query, scorecard, snapshots
from ttx_data.paths import BUNDLED_DATA_DIR

FOREST = "t05a_forest_cover"


@pytest.fixture
def live_data(tmp_path):
    """A writable copy of the bundled data: the 'current' data department staff add to."""
    directory = tmp_path / "data"
    directory.mkdir()
    for dataset in datasets.ALL:
        shutil.copyfile(BUNDLED_DATA_DIR / dataset.file, directory / dataset.file)
    shutil.copyfile(BUNDLED_DATA_DIR / datasets.METADATA_FILE, directory / datasets.METADATA_FILE)
    yield directory
    query.reset_connections()


@pytest.fixture
def root(tmp_path):
    return tmp_path / "snapshots"


def _add_2027_forest_value(directory, value: float) -> None:
    path = directory / datasets.OBSERVATIONS.file
    frame = pd.read_parquet(path)
    row = frame[(frame["indicator_id"] == FOREST) & (frame["area_code"] == "24")].iloc[[-1]].copy()
    row["year"] = 2027
    row["value"] = value
    row["provenance"] = "reported"
    pd.concat([frame, row], ignore_index=True).to_parquet(path, index=False)


def _revise(directory, indicator_id: str, year: int, value: float) -> None:
    path = directory / datasets.OBSERVATIONS.file
    frame = pd.read_parquet(path)
    where = (
        (frame["indicator_id"] == indicator_id)
        & (frame["area_code"] == "24")
        & (frame["year"] == year)
    )
    assert where.sum() == 1
    frame.loc[where, "value"] = value
    frame.to_parquet(path, index=False)


def _province_value(directory, indicator_id: str, year: int) -> float:
    rows = query.run_query("province_observations", directory, first_year=year, last_year=year)
    return float(rows.loc[rows["indicator_id"] == indicator_id, "value"].iloc[0])


def test_slug_is_ascii_and_readable():
    assert snapshots.slug("Phiên họp BCĐ tháng 11/2026") == "phien-hop-bcd-thang-11-2026"
    assert snapshots.slug("Đánh giá giữa kỳ 2025!") == "danh-gia-giua-ky-2025"


def test_freeze_add_data_and_view_as_of_snapshot(live_data, root):
    before_2025 = _province_value(live_data, FOREST, 2025)
    taken = snapshots.create_snapshot(
        "Phiên họp BCĐ tháng 11/2026",
        source=live_data,
        root=root,
        now=datetime(2026, 11, 24, 8, 0, tzinfo=UTC),
    )
    assert taken.snapshot_id == "phien-hop-bcd-thang-11-2026"
    assert taken.name == "Phiên họp BCĐ tháng 11/2026"
    assert taken.as_of == "2026-11-24"
    assert taken.created_date == "2026-11-24"

    _add_2027_forest_value(live_data, 39.4)
    _revise(live_data, FOREST, 2025, before_2025 + 0.5)
    query.reset_connections()

    frozen = snapshots.open_snapshot(taken.snapshot_id, root)
    assert _province_value(frozen.directory, FOREST, 2025) == pytest.approx(before_2025)
    as_of_snapshot = query.run_query(
        "province_observations", frozen.directory, first_year=2027, last_year=2027
    )
    assert as_of_snapshot.empty  # the 2027 value arrived after the meeting
    assert _province_value(live_data, FOREST, 2025) == pytest.approx(before_2025 + 0.5)

    changes = snapshots.what_changed(frozen.directory, live_data)
    observations = changes.datasets["observations"]
    assert observations.added[["indicator_id", "area_code", "year"]].values.tolist() == [
        [FOREST, "24", 2027]
    ]
    assert observations.removed.empty
    revised = observations.revised
    assert revised[["indicator_id", "area_code", "year", "column"]].values.tolist() == [
        [FOREST, "24", 2025, "value"]
    ]
    assert revised["old"].iloc[0] == pytest.approx(before_2025)
    assert revised["new"].iloc[0] == pytest.approx(before_2025 + 0.5)
    for other in ("commune_observations", "sites", "site_status", "forest", "milestones"):
        assert changes.datasets[other].count == 0
    assert not changes.nothing


def test_status_change_is_listed(live_data, root):
    taken = snapshots.create_snapshot("Trước", source=live_data, root=root)
    card = scorecard.load_scorecard(directory=live_data)
    row = card[card["indicator_id"] == FOREST].iloc[0]
    # the province's forest cover falls far below the 2030 target of 37 %
    _revise(live_data, FOREST, int(row["latest_year"]), 20.0)
    query.reset_connections()
    changes = snapshots.what_changed(taken.directory, live_data)
    listed = changes.statuses.set_index("indicator_id")
    assert FOREST in listed.index
    assert listed.loc[FOREST, "status_old"] == row["status"]
    assert listed.loc[FOREST, "status_new"] != row["status"]
    assert listed.loc[FOREST, "latest_value_new"] == pytest.approx(20.0)
    assert len(listed) == 1


def test_unchanged_data_shows_nothing(live_data, root):
    taken = snapshots.create_snapshot("Không đổi", source=live_data, root=root)
    assert snapshots.what_changed(taken.directory, live_data).nothing


def test_snapshot_cannot_be_overwritten(live_data, root):
    first = snapshots.create_snapshot("Phiên họp", source=live_data, root=root)
    manifest = (first.directory / snapshots.MANIFEST_FILE).read_text(encoding="utf-8")
    _add_2027_forest_value(live_data, 40.0)
    with pytest.raises(snapshots.SnapshotError, match="already exists.*another name"):
        snapshots.create_snapshot("Phiên họp", source=live_data, root=root)
    assert (first.directory / snapshots.MANIFEST_FILE).read_text(encoding="utf-8") == manifest
    assert snapshots.open_snapshot("phien-hop", root).files == first.files
    assert [s.snapshot_id for s in snapshots.list_snapshots(root)] == ["phien-hop"]


def test_snapshot_files_are_read_only(live_data, root):
    taken = snapshots.create_snapshot("Chỉ đọc", source=live_data, root=root)
    for name in taken.files:
        assert not (taken.directory / name).stat().st_mode & 0o222
    assert set(taken.files) == {d.file for d in datasets.ALL} | {
        datasets.METADATA_FILE,
        "indicators.csv",
        "agencies.csv",
    }


def test_altered_snapshot_is_refused(live_data, root):
    taken = snapshots.create_snapshot("Bị sửa", source=live_data, root=root)
    path = taken.directory / datasets.FOREST.file
    path.chmod(0o644)
    path.write_bytes(path.read_bytes() + b"x")
    with pytest.raises(snapshots.SnapshotError, match="altered"):
        snapshots.open_snapshot(taken.snapshot_id, root)


@pytest.mark.parametrize(
    ("name", "message"),
    [("   ", "empty"), ("!!!", "not valid"), ("x" * 121, "at most 120")],
)
def test_bad_names_are_refused_in_both_languages(live_data, root, name, message):
    with pytest.raises(snapshots.SnapshotError, match=message) as raised:
        snapshots.create_snapshot(name, source=live_data, root=root)
    assert " / " in str(raised.value)  # Vietnamese, then English
    assert not root.exists() or not any(root.iterdir())


def test_missing_data_file_leaves_nothing_half_written(live_data, root):
    (live_data / datasets.SITES.file).unlink()
    with pytest.raises(snapshots.SnapshotError, match="missing"):
        snapshots.create_snapshot("Thiếu tệp", source=live_data, root=root)
    assert not root.exists() or not any(root.iterdir())


def test_unknown_snapshot_lists_the_known_ones(live_data, root):
    snapshots.create_snapshot("Có thật", source=live_data, root=root)
    with pytest.raises(snapshots.SnapshotError, match="available: co-that"):
        snapshots.open_snapshot("khong-co", root)


def test_list_is_newest_first(live_data, root):
    snapshots.create_snapshot(
        "A", source=live_data, root=root, now=datetime(2026, 1, 1, tzinfo=UTC)
    )
    snapshots.create_snapshot(
        "B", source=live_data, root=root, now=datetime(2026, 6, 1, tzinfo=UTC)
    )
    assert [s.name for s in snapshots.list_snapshots(root)] == ["B", "A"]
    manifest = json.loads((root / "a" / snapshots.MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["as_of"] == "2026-11-24"


def test_change_tables_read_in_the_language(live_data, root):
    taken = snapshots.create_snapshot("Bảng", source=live_data, root=root)
    _add_2027_forest_value(live_data, 39.4)
    _revise(live_data, FOREST, 2025, 30.0)
    query.reset_connections()
    changes = snapshots.what_changed(taken.directory, live_data)
    revised = snapshots.row_change_table(changes, "revised", "vi")
    assert revised.to_dict("records") == [
        {
            "Bảng": "Số liệu",
            "Dòng": "5a Tỷ lệ che phủ rừng · Toàn tỉnh · 2025",
            "Cột": "Giá trị",
            "Trước": revised.iloc[0]["Trước"],
            "Nay": "30,0",  # the catalog gives forest cover one decimal
        }
    ]
    added = snapshots.row_change_table(changes, "added", "en")
    assert added.iloc[0]["Row"] == "5a Forest cover · Whole province · 2027"
    assert added.iloc[0]["Provenance"] == "reported"
    statuses = snapshots.status_change_table(changes, "en")
    assert list(statuses.columns)[1:3] == ["Status before", "Status now"]
