"""One data source for every read: the published data, a snapshot and a submission's preview each
say who they are and which version of their files they hold; caches keyed by them never serve
results of rewritten files, and every Streamlit cache is bounded."""

from __future__ import annotations

import ast
import io
import json
import shutil
import time
from contextlib import redirect_stdout
from pathlib import Path

import pandas as pd
import pytest

from ttx_data import catalog, datasets, geography, query, snapshots, sources
from ttx_data.__main__ import main
from ttx_data.paths import BUNDLED_DATA_DIR, PROJECT_ROOT

FOREST = "t05a_forest_cover"
POWER = "t01_electricity_intensity"  # lower is better: 220 ranks first in 2021 in the tiny data


@pytest.fixture
def live(tiny_data_dir, tmp_path, monkeypatch):
    """The tiny data as the published data, snapshots kept in tmp."""
    monkeypatch.setenv("TTX_DATA_DIR", str(tiny_data_dir))
    monkeypatch.setenv(snapshots.SNAPSHOTS_ENV, str(tmp_path / "snapshots"))
    return tiny_data_dir


def _revise_forest(directory, value: float) -> None:
    """The province's 2022 forest cover rewritten in place, as a data manager's tool might."""
    path = directory / datasets.OBSERVATIONS.file
    frame = pd.read_parquet(path)
    frame.loc[(frame["indicator_id"] == FOREST) & (frame["area_code"] == "24"), "value"] = value
    frame.to_parquet(path, index=False)


def _write_catalog(directory, indicator_id: str, **changes: str) -> None:
    """The bundled catalog written into `directory` (its own from then on), with changes."""
    rows = pd.read_csv(catalog.INDICATORS_FILE, dtype=str, keep_default_na=False)
    for column, value in changes.items():
        rows.loc[rows["indicator_id"] == indicator_id, column] = value
    rows.to_csv(directory / catalog.INDICATORS_FILE.name, index=False)


def _forest_latest(source: sources.DataSource) -> float:
    rows = source.query("latest_province_values", last_year=2025).set_index("indicator_id")
    return float(rows.loc[FOREST, "value"])


def test_a_source_says_who_it_is_and_compares_by_value(live):
    first, again = sources.published(), sources.published()
    assert first == again and hash(first) == hash(again) and len({first, again}) == 1
    assert (first.kind, first.identity, first.directory) == ("published", "published", live)
    assert first.label == "Dữ liệu hiện tại / Current data" and first.snapshot_name is None
    taken = snapshots.create_snapshot("Phiên họp tháng 1")
    frozen = sources.snapshot(taken.snapshot_id)
    assert frozen.identity == "snapshot:phien-hop-thang-1" and frozen.kind == "snapshot"
    assert frozen.label == frozen.snapshot_name == "Phiên họp tháng 1"
    assert frozen != first and frozen == sources.resolve("phien-hop-thang-1")
    assert sources.resolve(None) == first


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: _revise_forest(d, 40.0), id="observations rewritten in place"),
        pytest.param(
            lambda d: (d / datasets.METADATA_FILE).write_text(
                json.dumps({"as_of": "2026-02-28", "generator": "tests", "seed": 7})
            ),
            id="metadata rewritten",
        ),
        pytest.param(lambda d: _write_catalog(d, FOREST, target_value="45"), id="own catalog"),
        pytest.param(lambda d: (d / datasets.FOREST.file).unlink(), id="file removed"),
    ],
)
def test_the_version_changes_with_any_data_file(live, change):
    before = sources.published()
    assert sources.published().version == before.version  # nothing changed, nothing new
    change(live)
    after = sources.published()
    assert after.version != before.version and after != before


def test_a_rewrite_the_file_times_cannot_tell_apart_changes_the_version(live, monkeypatch):
    """Two writes within one tick of the file system's clock can leave size and times equal."""
    path = live / datasets.OBSERVATIONS.file
    seen, real_stat = path.stat(), Path.stat
    monkeypatch.setattr(Path, "stat", lambda p, **kw: seen if p == path else real_stat(p, **kw))
    before = sources.published()
    _revise_forest(live, 40.0)
    assert sources.published().version != before.version


def test_a_cached_result_is_not_reused_after_a_file_is_rewritten(live):
    from ttx_data.ui import data  # bare mode: no session, so the reader views the published data

    def forest() -> float:
        rows = data.run_query("latest_province_values", last_year=2025)
        return float(rows.set_index("indicator_id").loc[FOREST, "value"])

    # the source as it was, and its rows cached under it
    old, params = data.current_source(), (("last_year", 2025),)
    first = data._run("latest_province_values", old, params)
    assert first.set_index("indicator_id").loc[FOREST, "value"] == 37.8
    _revise_forest(live, 40.0)
    assert forest() == 40.0
    assert data.currency_text("en").endswith("31 Jan 2026")
    (live / datasets.METADATA_FILE).write_text(json.dumps({"as_of": "2026-03-15"}))
    assert data.currency_text("en").endswith("15 Mar 2026")
    # what made the difference is the key: the older source still finds its cached rows
    assert data._run("latest_province_values", old, params) is first


def test_the_query_views_follow_a_changed_catalog_without_a_reset(live):
    source = sources.published()
    ranked = source.query("district_ranking", indicator_id=POWER, year=2021)
    assert ranked["district_code"].iloc[0] == "220"
    _write_catalog(live, POWER, direction="increase")  # the ranking reads the catalog's direction
    ranked = sources.published().query("district_ranking", indicator_id=POWER, year=2021)
    assert ranked["district_code"].iloc[0] == "221"


def test_a_snapshot_source_reads_its_own_frozen_values(live):
    taken = snapshots.create_snapshot("Trước khi sửa")
    frozen = sources.snapshot(taken.snapshot_id)
    _revise_forest(live, 40.0)
    _write_catalog(live, FOREST, target_value="90")
    assert _forest_latest(sources.published()) == 40.0
    assert sources.published().indicator(FOREST).target_value == 90.0
    again = sources.snapshot(taken.snapshot_id)
    assert again == frozen  # the published data changed; the snapshot did not
    assert _forest_latest(again) == 37.8 and again.indicator(FOREST).target_value == 37.0
    assert again.metadata()["as_of"] == "2026-01-31"
    rows = again.dataset("observations").query("indicator_id == @FOREST and area_code == '24'")
    assert rows.set_index("year").loc[2022, "value"] == 37.8


def test_an_unknown_or_altered_snapshot_is_the_snapshot_error(live):
    with pytest.raises(snapshots.SnapshotError, match="Không có ảnh chụp 'khong-co'.*No snapshot"):
        sources.snapshot("khong-co")
    taken = snapshots.create_snapshot("Bị sửa")
    path = taken.directory / datasets.FOREST.file
    path.chmod(0o644)
    path.write_bytes(b"changed")
    with pytest.raises(snapshots.SnapshotError, match="đã bị sửa.*was altered"):
        sources.resolve(taken.snapshot_id)


def test_a_preview_answers_queries_over_its_own_directory(tiny_data_dir):
    preview = sources.preview(tiny_data_dir, "ho-so-2026-01")
    assert (preview.kind, preview.identity) == ("preview", "preview:ho-so-2026-01")
    assert "ho-so-2026-01" in preview.label and "Preview of submission" in preview.label
    assert preview.snapshot_name is None and preview != sources.published()
    assert _forest_latest(preview) == 37.8
    assert preview.metadata()["as_of"] == "2026-01-31"
    assert preview.currency_text("en") == "Figures up to 2022 · data last changed 31 Jan 2026"
    assert set(preview.dataset(datasets.SITES)["site_id"]) == {"KCN-A", "CCN-219-01"}
    with pytest.raises(KeyError, match="no dataset 'nope'; known: observations"):
        preview.dataset("nope")
    assert [i.indicator_id for i in preview.indicators()] == preview.catalog()[
        "indicator_id"
    ].tolist()


@pytest.mark.parametrize("dataset", datasets.ALL, ids=lambda d: d.name)
def test_a_preview_missing_a_dataset_file_is_refused(tiny_data_dir, dataset):
    (tiny_data_dir / dataset.file).unlink()
    with pytest.raises(query.DataMissingError) as refused:
        sources.preview(tiny_data_dir, "ho-so-thieu")
    assert f"Thiếu tệp dữ liệu {dataset.file}" in refused.value.vi
    assert f"Data file {dataset.file} is missing" in refused.value.en


def test_a_preview_with_a_damaged_file_or_no_metadata_is_refused(tiny_data_dir, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(tiny_data_dir, broken)
    (broken / datasets.SITES.file).write_bytes(b"not parquet")
    with pytest.raises(query.DataError, match="sites.parquet is empty or damaged"):
        sources.preview(broken, "ho-so-hong")
    (tiny_data_dir / datasets.METADATA_FILE).unlink()
    with pytest.raises(query.DataError, match="metadata.json is missing"):
        sources.preview(tiny_data_dir, "ho-so-hong")


def test_connections_are_bounded(tiny_data_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(query, "MAX_CONNECTIONS", 2)
    copies = [tmp_path / f"copy-{n}" for n in range(3)]
    for copy in copies:
        shutil.copytree(tiny_data_dir, copy)
        query.connection(copy)
    assert list(query._connections) == [c.resolve() for c in copies[1:]]


BOUNDED_BY_TTL = ("cached", "shared")
"""ttx_data.ui.data's cache decorators: st.cache_data and st.cache_resource with the ttl set."""


def _cache_decorators(path) -> list[tuple[str, ast.expr, set[str]]]:
    """Every Streamlit cache decorating a function: name, decorator, the bounds it must set."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                name = f"{path.name}:{node.name}"
                if isinstance(target, ast.Attribute) and target.attr in (
                    "cache_data",
                    "cache_resource",
                ):
                    found.append((name, decorator, {"max_entries", "ttl"}))
                elif isinstance(target, ast.Name) and target.id in BOUNDED_BY_TTL:
                    found.append((name, decorator, {"max_entries"}))
    return found


def test_every_streamlit_cache_is_bounded():
    """Every cache lets go of old results (max_entries and ttl): memory stays flat across data
    updates; the connection cache of errors.py (one per server) is the only exception."""
    from ttx_data.ui import data

    for partial_cache in (data.cached, data.shared):
        assert partial_cache.keywords["ttl"] == data.CACHE_TTL
    files = [*sorted((PROJECT_ROOT / "ttx_data").rglob("*.py")), *PROJECT_ROOT.glob("pages/*.py")]
    caches = [found for path in files for found in _cache_decorators(path)]
    assert len(caches) >= 15  # the guard sees the caches of ttx_data/ui/data.py
    unbounded = [
        name
        for name, decorator, bounds in caches
        if name != "errors.py:start_once"
        and (
            not isinstance(decorator, ast.Call) or not bounds <= {k.arg for k in decorator.keywords}
        )
    ]
    assert not unbounded, f"caches without max_entries and ttl: {unbounded}"


def _cli(*args: str) -> pd.DataFrame:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(list(args)) == 0
    return pd.read_csv(io.StringIO(out.getvalue()))


def test_the_cli_reads_a_snapshot_with_snapshot(live):
    snapshots.create_snapshot("Phiên họp", "phien-hop")
    _revise_forest(live, 40.0)
    _write_catalog(live, FOREST, target_value="90")
    status = _cli("status", "--format", "csv").set_index("indicator_id")
    frozen = _cli("status", "--format", "csv", "--snapshot", "phien-hop").set_index("indicator_id")
    assert status.loc[FOREST, "latest_value"] == 40.0
    assert frozen.loc[FOREST, "latest_value"] == 37.8
    targets = _cli("catalog", "--format", "csv").set_index("indicator_id")["target_value"]
    frozen = _cli("catalog", "--format", "csv", "--snapshot", "phien-hop")
    assert (
        targets[FOREST] == 90 and frozen.set_index("indicator_id").loc[FOREST, "target_value"] == 37
    )


@pytest.mark.parametrize(
    "command",
    [
        ["status", "--snapshot", "khong-co"],
        ["catalog", "--format", "csv", "--snapshot", "khong-co"],
        ["export", "-o", "out.xlsx", "--snapshot", "khong-co"],
        ["snapshot", "changes", "khong-co"],
    ],
)
def test_the_cli_says_a_bad_snapshot_in_both_languages_with_status_2(live, capsys, command):
    assert main(command) == 2
    error = capsys.readouterr().err
    assert "Không có ảnh chụp 'khong-co'" in error and "No snapshot 'khong-co'" in error


def test_the_app_shows_rewritten_data_at_once_and_a_snapshot_keeps_its_own(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    directory = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA_DIR, directory)
    monkeypatch.setenv("TTX_DATA_DIR", str(directory))
    monkeypatch.setenv(snapshots.SNAPSHOTS_ENV, str(tmp_path / "snapshots"))
    snapshots.create_snapshot("Trước", "truoc")

    def captions(app) -> str:
        return "\n".join(c.value for c in app.caption)

    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    app.query_params["lang"] = "en"
    app.run()
    frozen = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    frozen.query_params.update(lang="en", snapshot="truoc")
    frozen.run()
    assert "data last changed 24 Nov 2026" in captions(app)
    assert "data last changed 24 Nov 2026" in captions(frozen)
    metadata = json.loads((directory / datasets.METADATA_FILE).read_text(encoding="utf-8"))
    metadata["as_of"] = "2027-01-15"
    (directory / datasets.METADATA_FILE).write_text(json.dumps(metadata), encoding="utf-8")
    app.run()
    frozen.run()
    assert not app.exception and not frozen.exception
    assert "data last changed 15 Jan 2027" in captions(app)
    assert "data last changed 24 Nov 2026" in captions(frozen)
    query.reset_connections()


def test_warming_stops_when_newer_data_are_seen(monkeypatch):
    """Published several times in a row: only the newest version is warmed to the end."""
    from ttx_data.ui import data

    source = sources.published(BUNDLED_DATA_DIR)
    steps = list(data._warm_steps(source))
    assert len(steps) > 2 * len(catalog.GROUPS)  # summaries and panels, in both languages
    by_district = [
        step.args[1] for step in steps if step.func is data._summary and step.args[1].districts
    ]  # each district's summaries, last: the province's pages are warmed first
    assert steps[-len(by_district) :] and all(
        step.func is data._summary for step in steps[-len(by_district) :]
    )
    assert {(f.lang, f.districts) for f in by_district} == {
        (lang, (code,)) for lang in ("vi", "en") for code in geography.district_codes()
    }
    assert len(by_district) == 2 * len(geography.district_codes()) * len(catalog.GROUPS)
    done = []
    newer = iter([False, False, True])  # a newer version arrives after two steps
    monkeypatch.setattr(
        data, "_warm_steps", lambda s: (lambda n=n: done.append(n) for n in range(9))
    )
    monkeypatch.setattr(data, "_outdated", lambda s: next(newer))
    data._warm(source)
    assert done == [0, 1]
    monkeypatch.setattr(data, "_outdated", lambda s: False)
    done.clear()
    data._warm(source)
    assert done == list(range(9))


def test_a_newer_version_seen_outdates_the_one_being_warmed(monkeypatch):
    from dataclasses import replace

    from ttx_data.ui import data

    started = []
    monkeypatch.setattr(data, "_serving", lambda: True)
    monkeypatch.setattr(data.threading, "Thread", lambda **kw: started.append(kw) or _NotRun())
    first = replace(sources.published(BUNDLED_DATA_DIR), version="v-test-1")
    second = replace(first, version="v-test-2")
    data.warm_in_background(first)
    assert not data._outdated(first)
    data.warm_in_background(second)
    data.warm_in_background(second)  # seen again: not warmed twice
    assert data._outdated(first) and not data._outdated(second)
    assert [kw["args"][0].version for kw in started] == ["v-test-1", "v-test-2"]


class _NotRun:
    def start(self) -> None:
        """A stand-in thread: the test looks at what would be warmed, nothing runs."""


def test_the_version_stays_the_same_when_a_new_file_grows_old(live, monkeypatch):
    """A file written just now is fingerprinted by its contents; two seconds later by its stat
    alone would give another version, and every cache keyed by it would miss once more."""
    _revise_forest(live, 40.0)
    fresh = query.directory_version(live)
    later = time.time_ns() + 10 * query.RACY_NS
    monkeypatch.setattr(query.time, "time_ns", lambda: later)
    assert query.directory_version(live) == fresh
    _revise_forest(live, 41.0)  # a change is still a new version
    assert query.directory_version(live) != fresh
