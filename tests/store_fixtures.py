"""Fixtures for the store's tests: a fresh database per test on SQLite and on PostgreSQL.

PostgreSQL runs as a throwaway cluster the tests start themselves (Debian's `postgresql`
package, installed by `make test`): initdb in a temporary folder, listening only on a unix
socket there, run as the `postgres` user when the tests run as root. When it cannot start, the
PostgreSQL tests fail saying why; they are never skipped.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from ttx_data.store import database

BACKENDS = ["sqlite", "postgresql"]


def _postgresql_bin() -> Path:
    """The newest PostgreSQL server programs installed (Debian puts them under
    /usr/lib/postgresql/<version>/bin)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).resolve().parent
    pytest.fail(
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl): run `make postgresql`"
        " as root, or `apt-get install postgresql`",
        pytrace=False,
    )


def _run(command: list[str], as_user: str | None, log: Path | None = None) -> None:
    if as_user:
        command = ["runuser", "-u", as_user, "--", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd="/")
    if result.returncode != 0:
        said = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
        pytest.fail(
            f"PostgreSQL test cluster: `{' '.join(command)}` failed ({result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}\n{said}",
            pytrace=False,
        )


def _server_user() -> str | None:
    """Who runs the server: `postgres` when the tests run as root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail(
            "running as root and there is no `postgres` user to run PostgreSQL as; install"
            " Debian's postgresql package (`make postgresql`)",
            pytrace=False,
        )
    return "postgres"


@pytest.fixture(scope="session")
def postgresql_cluster():
    """A PostgreSQL cluster for this test run, on a unix socket in a temporary folder; yields
    the URL of its `postgres` database and stops the cluster afterwards."""
    bindir = _postgresql_bin()
    as_user = _server_user()
    base = Path(tempfile.mkdtemp(prefix="ttx-pg-"))
    data, log = base / "data", base / "server.log"
    started = False
    try:
        if as_user:
            owner = pwd.getpwnam(as_user)
            os.chown(base, owner.pw_uid, owner.pw_gid)
        _run(
            [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--locale=C", "--no-sync"],
            as_user,
        )  # fmt: skip
        options = f"-k {base} -c listen_addresses='' -F -c max_connections=100"
        _run(
            [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
             "-o", options, "start"],
            as_user,
            log,
        )  # fmt: skip
        started = True
        yield f"postgresql+psycopg://postgres@/postgres?host={base}"
    finally:
        database.dispose_engines()
        if started:
            subprocess.run(
                (["runuser", "-u", as_user, "--"] if as_user else [])
                + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(base, ignore_errors=True)


def _postgresql_database(cluster_url: str):
    """A new, empty database in the test cluster; yields its URL and drops it afterwards."""
    name = f"ttx_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(cluster_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield cluster_url.replace("/postgres?", f"/{name}?")
        database.dispose_engines()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path, monkeypatch):
    """The URL of a fresh, empty database: a SQLite file, or a new PostgreSQL database.
    Session tokens are signed with a test key (nothing is written to the project's var/)."""
    monkeypatch.setenv("TTX_SECRET_KEY", "test secret key, not for production")
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ttx.sqlite3'}"
        database.dispose_engines()
    else:
        yield from _postgresql_database(request.getfixturevalue("postgresql_cluster"))


@pytest.fixture
def store(store_url):
    """A fresh database with the schema made by the migrations: its engine."""
    return database.ensure_schema(store_url)
