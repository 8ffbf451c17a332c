"""Right after a publication, readers go on being served the version before it, whole, from a
frozen copy of its files, until the new version's caches are warm; the reviewer who published
sees the new figures at once, and nobody is taken back to an older version."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from ttx_data import datasets, published_versions, query, sources
from ttx_data.published_versions import PublishedVersions

FOREST = "t05a_forest_cover"


@pytest.fixture
def live(tiny_data_dir, monkeypatch):
    """The tiny data as the published data."""
    monkeypatch.setenv("TTX_DATA_DIR", str(tiny_data_dir))
    yield tiny_data_dir
    query.reset_connections()


def _publish_forest(directory, value: float) -> None:
    """The province's forest cover rewritten as a publication does: a new file renamed over."""
    path = directory / datasets.OBSERVATIONS.file
    frame = pd.read_parquet(path)
    frame.loc[(frame["indicator_id"] == FOREST) & (frame["area_code"] == "24"), "value"] = value
    beside = path.with_name(path.name + ".new")
    frame.to_parquet(beside, index=False)
    beside.replace(path)


def _forest(source: sources.DataSource) -> float:
    rows = source.query("latest_province_values", last_year=2025).set_index("indicator_id")
    return float(rows.loc[FOREST, "value"])


def test_a_frozen_copy_keeps_its_numbers_after_a_publication(live, tmp_path):
    versions = PublishedVersions(tmp_path / "versions")
    first = sources.published()
    frozen = versions.freeze(first)
    assert frozen.version == first.version and frozen.directory != first.directory
    assert frozen.directory.parent == tmp_path / "versions"
    assert _forest(frozen) == _forest(first)
    before = _forest(first)
    _publish_forest(live, 77.5)
    assert _forest(sources.published()) == 77.5
    assert _forest(frozen) == before  # the copy still reads the version it was taken of
    assert {p.name for p in frozen.directory.iterdir()} >= {
        datasets.OBSERVATIONS.file,
        datasets.METADATA_FILE,
    }


def test_files_changed_while_copied_are_not_frozen(live, tmp_path, monkeypatch):
    versions = PublishedVersions(tmp_path / "versions")
    first = sources.published()
    copy = query.copy_data_files

    def copy_then_publish(directory, target):
        copy(directory, target)
        _publish_forest(live, 12.0)  # a publication lands during the copy

    monkeypatch.setattr(query, "copy_data_files", copy_then_publish)
    assert versions.freeze(first) is None
    assert [p.name for p in (tmp_path / "versions").iterdir()] == []  # nothing half-made left


def test_only_the_newest_copies_are_kept(live, tmp_path):
    versions = PublishedVersions(tmp_path / "versions", kept=2)
    folders = []
    for value in (10.0, 20.0, 30.0):
        _publish_forest(live, value)
        source = sources.published()
        versions.seen(source)
        frozen = versions.freeze(source)
        _forest(frozen)  # read: a connection made
        versions.mark_warm(frozen)
        folders.append(frozen.directory)
    assert [folder.exists() for folder in folders] == [False, True, True]
    assert folders[0].resolve() not in query._connections  # nor its DuckDB connection
    assert folders[2].resolve() in query._connections
    assert versions.warm(sources.published().version).directory == folders[-1]
    assert (
        versions.newest_warm(before=versions.seen(sources.published()).seq).frozen.directory
        == (folders[1])
    )


class _Server:
    """ui.data's rules for the published data as a running server applies them, with the
    warming done by the test (`warm`) and sessions as dicts."""

    def __init__(self, data, monkeypatch, root):
        self.data, self.started = data, []
        self.clock = [1000.0]
        monkeypatch.setattr(data, "_serving", lambda: True)
        monkeypatch.setattr(data, "_versions", PublishedVersions(root))
        monkeypatch.setattr(data, "warm_in_background", self.started.append)
        monkeypatch.setattr(published_versions.time, "monotonic", lambda: self.clock[0])
        monkeypatch.setattr(data.time, "monotonic", lambda: self.clock[0])
        self.monkeypatch = monkeypatch

    def serve(self, session: dict) -> sources.DataSource:
        self.monkeypatch.setattr(self.data.st, "session_state", session)
        return self.data._published_to_serve(sources.published())

    def warm(self) -> None:
        live = sources.published()
        self.data._versions.mark_warm(self.data._versions.freeze(live))


def test_readers_see_the_warm_version_until_the_new_one_is_warm(live, tmp_path, monkeypatch):
    from ttx_data.ui import data

    server = _Server(data, monkeypatch, tmp_path / "versions")
    reader, other = {}, {}
    first = server.serve(reader)  # a server just started: nothing warm, the files themselves
    assert first.directory == live and {s.version for s in server.started} == {first.version}
    server.warm()
    warm_first = server.serve(reader)
    assert warm_first.directory.parent == tmp_path / "versions"
    assert warm_first.version == first.version
    old = _forest(first)

    _publish_forest(live, 66.0)  # published: a new version, not warm yet
    assert server.serve(reader) == warm_first and _forest(warm_first) == old
    assert server.serve(other) == warm_first  # a new session too
    assert server.started[-1] == sources.published()  # its warming has started

    server.warm()
    newest = server.serve(reader)
    assert newest.version == sources.published().version and _forest(newest) == 66.0
    assert server.serve(other) == newest


def test_signed_in_staff_see_the_new_figures_at_once(live, tmp_path, monkeypatch):
    """The reviewer who has just published (in this session or a new one) sees the result."""
    from ttx_data.accounts import Actor
    from ttx_data.ui import data

    server = _Server(data, monkeypatch, tmp_path / "versions")
    reviewer, reader = {}, {}
    server.serve(reader)
    server.warm()
    old = server.serve(reader)
    _publish_forest(live, 55.0)
    staff = replace(Actor.anonymous(), username="thamdinh.tc", role="reviewer")
    monkeypatch.setattr(data.auth, "current_actor", lambda: staff)
    assert _forest(server.serve(reviewer)) == 55.0  # from the files, not warm yet
    monkeypatch.setattr(data.auth, "current_actor", Actor.anonymous)
    assert server.serve(reader) == old  # readers wait for the warm version
    assert _forest(server.serve(reviewer)) == 55.0  # a session is never taken back


def test_a_version_not_warm_after_the_grace_period_is_served_anyway(live, tmp_path, monkeypatch):
    from ttx_data.ui import data

    server = _Server(data, monkeypatch, tmp_path / "versions")
    reader = {}
    server.serve(reader)
    server.warm()
    old = server.serve(reader)
    _publish_forest(live, 44.0)
    assert server.serve(reader) == old
    server.clock[0] += published_versions.DEFAULT_GRACE_S + 1  # warming failed or is slow
    assert _forest(server.serve(reader)) == 44.0


def test_a_new_version_draws_again_only_the_pictures_whose_numbers_changed(tmp_path, monkeypatch):
    """Warming a publication redraws the small multiples of the groups it changed, not all."""
    from ttx_data import chart_pictures
    from ttx_data.filters import Filters
    from ttx_data.paths import BUNDLED_DATA_DIR
    from ttx_data.ui import data

    live = tmp_path / "data"
    query.copy_data_files(BUNDLED_DATA_DIR, live)
    monkeypatch.setenv("TTX_DATA_DIR", str(live))

    drawn = []
    draw = chart_pictures.webp
    monkeypatch.setattr(chart_pictures, "webp", lambda spec: drawn.append(1) or draw(spec))
    data._summary.clear()
    data._picture.clear()

    def pictures() -> dict[str, chart_pictures.Picture]:
        source = sources.published()
        return {
            g: data._summary(g, Filters(lang="vi"), source).picture
            for g in ("economy", "lifestyle")
        }

    first, version = pictures(), sources.published().version
    assert len(drawn) == 2
    path = live / datasets.OBSERVATIONS.file
    path.with_name("new").write_bytes(path.read_bytes())
    path.with_name("new").replace(path)  # the same numbers in a new file: a new version
    assert sources.published().version != version
    assert pictures() == first and len(drawn) == 2
    _publish_forest(live, 12.5)  # forest cover is target 5: the economy's picture changes
    again = pictures()
    assert len(drawn) == 3 and again["economy"] != first["economy"]
    assert again["lifestyle"] == first["lifestyle"]
    data._summary.clear()
    data._picture.clear()


@pytest.mark.parametrize(
    ("lang", "said"),
    [("vi", "người xem không đăng nhập thấy sau khi máy chủ chuẩn bị xong các trang (tối đa 2 phút)"),
     ("en", "readers who are not signed in see them once the server has prepared the pages (at most 2 minutes)")],
)  # fmt: skip
def test_the_reviewer_is_told_when_readers_see_the_published_values(monkeypatch, lang, said):
    from ttx_data.ui import reporting_view

    monkeypatch.setattr(reporting_view.st, "session_state", {})
    monkeypatch.setattr(reporting_view.auth, "current_actor", lambda: None)
    monkeypatch.setattr(reporting_view.auth, "store_engine", lambda: None)
    monkeypatch.setattr(reporting_view.auth, "client", lambda: "test")
    monkeypatch.setattr(reporting_view.submissions, "review", lambda *a, **kw: None)
    reporting_view.decide("2026-q1-nn", accept=True, reason_key="reason", lang=lang)
    accepted, message = reporting_view.st.session_state[reporting_view.OUTCOME]
    assert accepted and "2026-q1-nn" in message and said in message


def test_a_copy_outdated_while_warming_is_removed_too(live, tmp_path):
    versions = PublishedVersions(tmp_path / "versions", kept=2)
    folders = {}
    for value, warmed in ((10.0, True), (20.0, False), (30.0, True), (40.0, True)):
        _publish_forest(live, value)
        source = sources.published()
        versions.seen(source)
        frozen = versions.freeze(source)
        if warmed:
            versions.mark_warm(frozen)
        folders[value] = frozen.directory
    assert {value: folder.exists() for value, folder in folders.items()} == {
        10.0: False,
        20.0: False,  # frozen, never warmed (a newer version came): gone all the same
        30.0: True,
        40.0: True,
    }


def test_background_warming_gives_way_to_readers_page_runs(monkeypatch):
    """Warming waits while a reader's page runs (and QUIET_S after), up to its deadline."""
    import threading
    import time

    from ttx_data.ui import readers

    assert readers.wait_until_quiet(time.monotonic() + 1)
    inside, leave = threading.Event(), threading.Event()

    def reader():
        with readers.page_run():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=reader)
    thread.start()
    inside.wait(5)
    started = time.monotonic()
    assert not readers.wait_until_quiet(started + 0.3)  # a page runs: not quiet by the deadline
    assert time.monotonic() - started >= 0.3
    leave.set()
    thread.join()
    started = time.monotonic()
    assert readers.wait_until_quiet(started + 5)
    assert time.monotonic() - started >= readers.QUIET_S * 0.9  # quiet only QUIET_S after it


def test_warming_waits_for_quiet_before_each_step(live, tmp_path, monkeypatch):
    from ttx_data.ui import data

    calls = []
    monkeypatch.setattr(data, "_versions", PublishedVersions(tmp_path / "versions"))
    monkeypatch.setattr(data, "_outdated", lambda s: False)
    monkeypatch.setattr(data.readers, "wait_until_quiet", lambda until: calls.append("wait"))
    monkeypatch.setattr(
        data, "_warm_steps", lambda s: (lambda n=n: calls.append(n) for n in range(3))
    )
    monkeypatch.setattr(data, "forget_published_before", lambda v: calls.append(("forget", v)))
    source = sources.published()
    data._versions.seen(source)
    data._warm(source)
    assert calls == ["wait", 0, "wait", 1, "wait", 2, ("forget", source.version)]
    assert data._versions.warm(source.version) is not None  # served: the older ones forgotten


def test_every_guarded_part_of_a_page_counts_as_a_reader_run():
    """app.py runs the sidebar and the page in `guarded` blocks: warming waits for them."""
    from ttx_data.ui import errors, readers

    seen = []
    assert readers._in_flight == 0
    with errors.guarded("vi"):
        seen.append(readers._in_flight)  # (an assert here would be caught by the guard)
    assert seen == [1] and readers._in_flight == 0
    with errors.guarded("vi"):
        raise ValueError("a page fails")  # shown as a message; the run still ends
    assert readers._in_flight == 0


def test_once_a_newer_version_is_served_the_older_ones_cached_results_are_cleared(
    tmp_path, monkeypatch
):
    """Memory stays flat across publications: a superseded version's entries go at once, not
    when `max_entries` or the hour's `ttl` push them out; the served version's stay."""
    from ttx_data.filters import Filters
    from ttx_data.paths import BUNDLED_DATA_DIR
    from ttx_data.ui import data

    live = tmp_path / "data"
    query.copy_data_files(BUNDLED_DATA_DIR, live)
    monkeypatch.setenv("TTX_DATA_DIR", str(live))
    monkeypatch.setattr(data, "_versions", PublishedVersions(tmp_path / "versions"))
    monkeypatch.setattr(data, "_published_entries", {})
    built = []
    scorecard = data.scorecard.load_scorecard
    monkeypatch.setattr(
        data.scorecard, "load_scorecard", lambda *a: built.append(a[-1]) or scorecard(*a)
    )
    data._scorecard.clear()

    def read(source):
        data._scorecard(source, 2020, 2030)
        data._summary("economy", Filters(lang="vi"), source)

    old = sources.published()
    data._versions.seen(old)
    read(old)
    read(old)
    assert len(built) == 1  # cached
    _publish_forest(live, 33.0)
    new = sources.published()
    data._versions.seen(new)
    read(new)
    assert len(built) == 2
    assert data.forget_published_before(new.version) == 2  # the old scorecard and summary
    read(new)
    assert len(built) == 2  # the served version's results stay
    read(old)
    assert len(built) == 3  # the old one's were cleared: built again if ever asked
    assert data.forget_published_before(new.version) == 2
    data._scorecard.clear()
    data._summary.clear()


@pytest.mark.parametrize(
    ("setting", "seconds"),
    [(None, 120.0), ("0", 0.0), ("30", 30.0), (" 45.5 ", 45.5), ("abc", 120.0), ("-5", 120.0),
     ("nan", 120.0), ("inf", 120.0)],
)  # fmt: skip
def test_the_grace_period_is_a_setting(monkeypatch, caplog, setting, seconds):
    if setting is None:
        monkeypatch.delenv(published_versions.GRACE_ENV, raising=False)
    else:
        monkeypatch.setenv(published_versions.GRACE_ENV, setting)
    assert published_versions.warming_grace_s() == seconds
    wrong = setting is not None and seconds == 120.0
    assert ("TTX_WARMING_GRACE_S" in caplog.text) == wrong  # a bad value is said in the log


def test_with_no_grace_period_every_reader_gets_a_publication_at_once(live, tmp_path, monkeypatch):
    from ttx_data.ui import data, reporting_view

    monkeypatch.setenv(published_versions.GRACE_ENV, "0")
    server = _Server(data, monkeypatch, tmp_path / "versions")
    reader = {}
    server.serve(reader)
    server.warm()
    server.serve(reader)
    _publish_forest(live, 22.0)
    assert _forest(server.serve(reader)) == 22.0  # not warm yet: the files as they are
    monkeypatch.setattr(reporting_view.st, "session_state", {})
    monkeypatch.setattr(reporting_view.auth, "current_actor", lambda: None)
    monkeypatch.setattr(reporting_view.auth, "store_engine", lambda: None)
    monkeypatch.setattr(reporting_view.auth, "client", lambda: "test")
    monkeypatch.setattr(reporting_view.submissions, "review", lambda *a, **kw: None)
    reporting_view.decide("2026-q1-nn", accept=True, reason_key="reason", lang="en")
    _, message = reporting_view.st.session_state[reporting_view.OUTCOME]
    assert message == "Accepted 2026-q1-nn: its values are published."  # nothing to wait for
