"""The store, on SQLite and PostgreSQL: the migrations build exactly the schema of schema.py, the
audit log cannot be changed and its chain shows tampering, and a snapshot name goes to exactly one
of several people asking for it at once."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
import time

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from ttx_data import datasets, snapshots
from ttx_data.accounts import Actor
from ttx_data.paths import BUNDLED_DATA_DIR, PROJECT_ROOT
from ttx_data.store import StoreError, audit, database, settings, snapshot_register
from ttx_data.store.errors import SnapshotNameTaken
from ttx_data.store.schema import audit_log, metadata

WHO = {"actor": "tran.thi.b", "role": "reviewer", "agency_code": None, "client": "10.0.0.7"}
T0 = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)


def _tables(engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def test_migrations_build_exactly_the_schema_of_schema_py(store_url):
    engine = database.engine(store_url)
    assert _tables(engine) == set()
    database.upgrade(store_url)
    assert _tables(engine) == set(metadata.tables) | {"alembic_version"}
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    config = database.alembic_config()  # and as `alembic check` sees it, from its own engine
    config.set_main_option("sqlalchemy.url", store_url.replace("%", "%%"))
    command.check(config)


def test_a_schema_differing_from_the_migration_is_noticed(store_url):
    engine = database.ensure_schema(store_url)
    changed = sa.MetaData()
    for table in metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["snapshots"].append_column(sa.Column("reviewed_by", sa.String(64)))
    with engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), changed)
    assert [d[0] for d in diffs] == ["add_column"]


def test_downgrade_empties_the_database_and_upgrade_builds_it_again(store_url):
    engine = database.ensure_schema(store_url)
    database.downgrade(store_url, "base")
    assert _tables(engine) == {"alembic_version"}
    database.upgrade(store_url)
    assert audit.verify_chain(engine) == []
    assert set(metadata.tables) <= _tables(engine)


def test_ensure_schema_twice_at_once_makes_the_schema_once(store_url):
    errors = []

    def upgrade():
        try:
            database.upgrade(store_url)
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    threads = [threading.Thread(target=upgrade) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert set(metadata.tables) <= _tables(database.engine(store_url))


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(tmp_path):
    engine = database.ensure_schema(f"sqlite:///{tmp_path / 'ttx.sqlite3'}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert (tmp_path / "ttx.sqlite3-wal").exists()
    finally:
        database.dispose_engines()


def test_the_default_database_is_a_sqlite_file_in_var(monkeypatch):
    monkeypatch.delenv(settings.DATABASE_URL_ENV, raising=False)
    assert settings.database_url() == f"sqlite:///{PROJECT_ROOT / 'var' / 'ttx.sqlite3'}"
    monkeypatch.setenv(settings.DATABASE_URL_ENV, "postgresql://ttx@db.example/ttx")
    assert database.parse_url().drivername == "postgresql+psycopg"
    assert "var/" in (PROJECT_ROOT / ".gitignore").read_text(encoding="utf-8").split()


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("mysql://ttx@localhost/ttx", "only SQLite and PostgreSQL are supported, not 'mysql'"),
        ("not a url at all", "this is not a database URL"),
        ("postgresql+asyncpg://ttx@localhost/ttx", "driver 'asyncpg' is not installed"),
    ],
)
def test_a_bad_database_url_is_explained(url, said):
    with pytest.raises(StoreError) as caught:
        database.engine(url)
    assert said in caught.value.en
    assert "TTX_DATABASE_URL không dùng được" in caught.value.vi
    assert str(caught.value) == f"{caught.value.vi} / {caught.value.en}"


def test_a_missing_folder_or_unreachable_server_is_explained_without_the_password(tmp_path):
    with pytest.raises(StoreError, match="does not exist; create it"):
        database.ensure_schema(f"sqlite:///{tmp_path / 'missing' / 'ttx.sqlite3'}")
    url = "postgresql+psycopg://ttx:s3cret-pw@127.0.0.1:9/ttx?connect_timeout=2"
    try:
        with pytest.raises(StoreError) as caught:
            database.ensure_schema(url)
    finally:
        database.dispose_engines()
    assert "Cannot connect to or write the database" in caught.value.en
    assert "Không kết nối" in caught.value.vi
    assert "s3cret-pw" not in str(caught.value)


def _record(connection, action="sign_in", **detail):
    return audit.record(connection, action=action, target="admin", detail=detail, now=T0, **WHO)


def _drop_audit_triggers(connection) -> None:
    """What someone owning the database could do; the chain must still show it."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_update_or_delete ON audit_log")
    else:
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_delete")


def test_the_database_refuses_to_change_or_delete_an_audit_entry(store):
    with database.writing(store) as connection:
        entry = _record(connection, note="first")
    for statement in (
        sa.update(audit_log).where(audit_log.c.id == entry.id).values(actor="someone else"),
        sa.delete(audit_log).where(audit_log.c.id == entry.id),
    ):
        with pytest.raises(sa.exc.IntegrityError, match="append-only"), store.begin() as c:
            c.execute(statement)
    if store.dialect.name == "postgresql":
        with pytest.raises(sa.exc.IntegrityError, match="append-only"), store.begin() as c:
            c.exec_driver_sql("TRUNCATE audit_log")
    [kept] = audit.entries(store)
    assert (kept.actor, kept.detail) == ("tran.thi.b", {"note": "first"})


def test_the_hash_chain_verifies_and_shows_an_altered_entry(store):
    with database.writing(store) as connection:
        for number in range(4):
            _record(connection, number=number)
    assert audit.verify_chain(store) == []
    with store.begin() as connection:
        _drop_audit_triggers(connection)
        connection.execute(
            sa.update(audit_log).where(audit_log.c.id == 2).values(detail='{"number":99}')
        )
    problems = audit.verify_chain(store)
    assert len(problems) == 2 and all("#2 (sign_in" in p for p in problems)
    assert "its detail was altered" in problems[0]


def test_the_hash_chain_shows_removed_entries_in_the_middle_and_at_the_end(store):
    with database.writing(store) as connection:
        for number in range(5):
            _record(connection, number=number)
    with store.begin() as connection:
        _drop_audit_triggers(connection)
        connection.execute(sa.delete(audit_log).where(audit_log.c.id.in_([2, 5])))
    problems = audit.verify_chain(store)
    assert any("entries 2-2 were removed" in p for p in problems)
    assert any("#3 (sign_in" in p and "does not follow" in p for p in problems)
    assert any("the log ends at entry 4 but the chain's head says 5" in p for p in problems)


def test_an_audit_entry_is_committed_with_its_change_or_not_at_all(store):
    with database.writing(store) as connection:
        _record(connection)
    with pytest.raises(RuntimeError), database.writing(store) as connection:
        _record(connection, action="account_added")
        raise RuntimeError("the change failed after its entry was written")
    assert [e.action for e in audit.entries(store)] == ["sign_in"]
    with database.writing(store) as connection:
        _record(connection, action="sign_out")
    assert [e.action for e in audit.entries(store)] == ["sign_out", "sign_in"]
    assert audit.verify_chain(store) == []


def test_secrets_and_unknown_actions_are_refused_by_the_log(store):
    with database.writing(store) as connection:
        for key in ("password", "new_password", "password_hash", "token"):
            with pytest.raises(ValueError, match="looks like a secret"):
                _record(connection, **{key: "x"})
        with pytest.raises(ValueError, match="unknown audit action"):
            _record(connection, action="coffee_break")


def test_entries_are_newest_first_and_filter_by_action_and_actor(store):
    with database.writing(store) as connection:
        _record(connection, action="sign_in")
        _record(connection, action="sign_out")
        audit.record(connection, action="sign_in", actor="", role="", agency_code=None, now=T0)
    assert [e.action for e in audit.entries(store)] == ["sign_in", "sign_out", "sign_in"]
    assert [e.id for e in audit.entries(store, action="sign_in")] == [3, 1]
    assert [e.id for e in audit.entries(store, actor="tran.thi.b", limit=1)] == [2]
    assert audit.entries(store)[0].label("en") == "Signed in"
    assert audit.entries(store)[0].at == T0


def test_eight_writers_at_once_keep_one_unbroken_chain(store):
    barrier = threading.Barrier(8)
    errors = []

    def write(number: int) -> None:
        barrier.wait()
        try:
            with database.writing(store) as connection:
                _record(connection, number=number)
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert audit.verify_chain(store) == []
    assert sorted(e.detail["number"] for e in audit.entries(store)) == list(range(8))


# --- the snapshot register --------------------------------------------------------------------


def _reserve(store, name, snapshot_id=None, now=T0, **who):
    return snapshot_register.reserve(
        store,
        snapshot_id=snapshot_id or snapshots.slug(name),
        name=name,
        now=now,
        **{**WHO, **who},
    )


def test_a_snapshot_name_is_reserved_once_whatever_its_case_and_spaces(store):
    _reserve(store, "Phiên họp BCĐ tháng 11/2026")
    with pytest.raises(SnapshotNameTaken) as caught:
        _reserve(store, "  phiên HỌP  bcđ tháng 11/2026 ", "other-id", actor="le.van.c")
    assert "tran.thi.b" in caught.value.vi and "2026-11-24 08:00 UTC" in caught.value.vi
    assert "already being made by tran.thi.b at 2026-11-24 08:00 UTC" in caught.value.en
    with pytest.raises(SnapshotNameTaken):  # the same id under another name
        _reserve(store, "Tên khác", "phien-hop-bcd-thang-11-2026")
    actions = [(e.action, e.actor) for e in audit.entries(store)]
    assert actions == [
        ("snapshot_refused", "tran.thi.b"),
        ("snapshot_refused", "le.van.c"),
        ("snapshot_reserved", "tran.thi.b"),
    ]


def test_ready_keeps_the_name_and_failed_frees_it(store):
    _reserve(store, "Sẵn sàng")
    assert snapshot_register.mark_ready(store, "san-sang", **WHO)
    with pytest.raises(SnapshotNameTaken, match="is already made by"):
        _reserve(store, "Sẵn sàng")
    _reserve(store, "Hỏng")
    assert snapshot_register.mark_failed(store, "hong", reason="disk full", **WHO)
    assert not snapshot_register.mark_failed(store, "hong", **WHO)
    _reserve(store, "Hỏng")  # free again
    assert {(r.snapshot_id, r.state) for r in snapshot_register.registered(store)} == {
        ("san-sang", "ready"),
        ("hong", "reserved"),
    }
    failed = audit.entries(store, action="snapshot_failed")
    assert [e.detail for e in failed] == [{"reason": "disk full"}]


def test_a_reservation_abandoned_by_a_dead_process_is_released_later(store):
    _reserve(store, "Bỏ dở")
    with pytest.raises(SnapshotNameTaken):
        _reserve(store, "Bỏ dở", now=T0 + dt.timedelta(minutes=29), actor="le.van.c")
    taken = _reserve(store, "Bỏ dở", now=T0 + dt.timedelta(minutes=31), actor="le.van.c")
    assert taken.created_by == "le.van.c"
    assert [e.detail for e in audit.entries(store, action="snapshot_reservation_expired")] == [
        {"name": "Bỏ dở", "reserved_by": "tran.thi.b"}
    ]


def test_eight_people_reserving_one_name_at_once_one_gets_it(store):
    barrier = threading.Barrier(8)
    won, refused, other = [], [], []

    def reserve(number: int) -> None:
        barrier.wait()
        try:
            # each its own id: only the name can clash
            won.append(_reserve(store, "Đồng thời", f"dong-thoi-{number}", actor=f"user{number}"))
        except SnapshotNameTaken as error:
            refused.append(error)
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            other.append(error)

    threads = [threading.Thread(target=reserve, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert other == [] and len(won) == 1 and len(refused) == 7
    winner = won[0].created_by
    assert all(f"already being made by {winner}" in e.en for e in refused)
    assert len(audit.entries(store, action="snapshot_refused")) == 7
    assert audit.verify_chain(store) == []


RESERVE_IN_A_PROCESS = """
import datetime as dt, os, sys, time
from ttx_data.store import database, snapshot_register
from ttx_data.store.errors import SnapshotNameTaken
engine = database.engine(os.environ["URL"])
start = float(os.environ["START"])
time.sleep(max(0.0, start - time.time()))
try:
    snapshot_register.reserve(engine, snapshot_id="cung-luc-" + sys.argv[1], name="Cùng lúc",
        actor=sys.argv[1], role="reviewer", agency_code=None)
    print("won")
except SnapshotNameTaken as error:
    print("refused:", error.en)
"""


def test_separate_processes_reserving_one_name_on_sqlite_one_gets_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'ttx.sqlite3'}"
    engine = database.ensure_schema(url)
    env = {**os.environ, "URL": url, "START": str(time.time() + 3)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", RESERVE_IN_A_PROCESS, f"process{n}"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    outcomes = [p.communicate(timeout=120) for p in processes]
    try:
        said = [out.strip() for out, _ in outcomes]
        assert sorted(s.split(":")[0] for s in said) == ["refused"] * 3 + ["won"], outcomes
        assert len(snapshot_register.registered(engine)) == 1
        assert audit.verify_chain(engine) == []
    finally:
        database.dispose_engines()


# --- create_snapshot with a signed-in reviewer ------------------------------------------------


@pytest.fixture
def live_data(tmp_path):
    """A copy of the bundled data to freeze."""
    directory = tmp_path / "data"
    directory.mkdir()
    for name in [d.file for d in datasets.ALL] + [datasets.METADATA_FILE]:
        (directory / name).write_bytes((BUNDLED_DATA_DIR / name).read_bytes())
    return directory


REVIEWER = Actor("tran.thi.b", "Trần Thị B", "reviewer", None, "local")


def test_a_reviewers_snapshot_is_reserved_then_ready_and_audited(store, live_data, tmp_path):
    taken = snapshots.create_snapshot(
        "Phiên họp BCĐ tháng 11/2026",
        source=live_data,
        root=tmp_path / "snapshots",
        actor=REVIEWER,
        engine=store,
        client="10.0.0.7",
    )
    assert taken.directory.is_dir()
    [row] = snapshot_register.registered(store)
    assert (row.snapshot_id, row.state, row.created_by) == (
        taken.snapshot_id,
        "ready",
        "tran.thi.b",
    )
    entries = audit.entries(store)
    assert [(e.action, e.client) for e in entries] == [
        ("snapshot_created", "10.0.0.7"),
        ("snapshot_reserved", "10.0.0.7"),
    ]
    with pytest.raises(snapshots.SnapshotExists, match="tran.thi.b"):
        snapshots.create_snapshot(
            "phiên họp bcđ tháng 11/2026",
            "another-id",
            source=live_data,
            root=tmp_path / "snapshots",
            actor=REVIEWER,
            engine=store,
        )


def test_a_failed_snapshot_frees_its_name_and_says_why_in_the_log(store, live_data, tmp_path):
    (live_data / datasets.METADATA_FILE).unlink()
    with pytest.raises(snapshots.SnapshotError, match="missing"):
        snapshots.create_snapshot(
            "Thiếu tệp", source=live_data, root=tmp_path / "s", actor=REVIEWER, engine=store
        )
    assert snapshot_register.registered(store) == []
    [failed] = audit.entries(store, action="snapshot_failed")
    assert f"data file(s) {datasets.METADATA_FILE} missing" in failed.detail["reason"]
    assert not (tmp_path / "s" / "thieu-tep").exists()


@pytest.mark.parametrize(
    "actor",
    [
        Actor.anonymous(),
        Actor("nguyen.van.a", "A", "reporter", "ban_quan_ly_kcn", "local"),
        Actor("admin", "Admin", "admin", None, "local"),
    ],
)
def test_only_a_reviewer_freezes_a_snapshot(store, live_data, tmp_path, actor):
    with pytest.raises(snapshots.SnapshotError, match="Only reviewers can freeze snapshots"):
        snapshots.create_snapshot(
            "Không được", source=live_data, root=tmp_path / "s", actor=actor, engine=store
        )
    assert snapshot_register.registered(store) == [] and audit.entries(store) == []


def test_the_settings_are_documented_in_the_readme():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for setting in ("TTX_DATABASE_URL", "TTX_SECRET_KEY", "var/ttx.sqlite3", "users add"):
        assert setting in readme
