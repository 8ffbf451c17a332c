"""The operator's commands, run as a server administrator would (a subprocess, the password on
standard input), on SQLite and PostgreSQL: make the first administrator, add, list, disable,
reset a password; errors say what is wrong in both languages and exit 2; no password or hash
ever printed; each change audited as "cli:<login name>"."""

from __future__ import annotations

import getpass
import io
import os
import subprocess
import sys

import pandas as pd
import sqlalchemy as sa

from ttx_data import accounts
from ttx_data.__main__ import main
from ttx_data.paths import PROJECT_ROOT
from ttx_data.store import audit, database

FIRST = "mật khẩu quản trị 2026"
SECOND = "mật khẩu báo cáo 2026"
NEW = "mật khẩu mới tinh 2027"


def _cli(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "TTX_DATABASE_URL": url, "TTX_SECRET_KEY": "test key"}
    return subprocess.run(
        [sys.executable, "-m", "ttx_data", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=env,
        timeout=120,
    )


def test_db_upgrade_makes_the_schema_of_an_empty_database(store_url):
    done = _cli(store_url, "db", "upgrade")
    assert done.returncode == 0, done.stderr
    assert "is up to date" in done.stdout
    tables = sa.inspect(database.engine(store_url)).get_table_names()
    assert {"accounts", "sessions", "snapshots", "audit_log"} <= set(tables)


def test_add_list_disable_and_reset_password_round_trip(store_url):
    outputs = []

    def run(*args, stdin=""):
        done = _cli(store_url, *args, stdin=stdin)
        outputs.append(done.stdout + done.stderr)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "Added account admin (admin)" in run("users", "add", "Admin", "--role", "admin",
                                                stdin=FIRST + "\n")  # fmt: skip
    run("users", "add", "nguyen.van.a", "--role", "reporter", "--agency", "ban_quan_ly_kcn",
        "--display-name", "Nguyễn Văn A", stdin=SECOND + "\n")  # fmt: skip
    listed = pd.read_csv(io.StringIO(run("users", "list", "--format", "csv")))
    assert list(listed.columns) == [
        "username",
        "display_name",
        "role",
        "agency",
        "disabled",
        "auth_source",
    ]
    assert listed.to_dict("records")[1] == {
        "username": "nguyen.van.a",
        "display_name": "Nguyễn Văn A",
        "role": "reporter",
        "agency": "ban_quan_ly_kcn",
        "disabled": False,
        "auth_source": "local",
    }
    assert "Disabled account nguyen.van.a" in run("users", "disable", "nguyen.van.a")
    assert "True" in run("users", "list")
    assert "Password of admin reset" in run("users", "reset-password", "admin", stdin=NEW + "\n")
    engine = database.engine(store_url)
    assert accounts.sign_in(engine, "admin", NEW).ok
    assert not accounts.sign_in(engine, "admin", FIRST).ok
    assert not accounts.sign_in(engine, "nguyen.van.a", SECOND).ok  # disabled
    operator = f"cli:{getpass.getuser()}"
    written = [(e.action, e.actor, e.client) for e in reversed(audit.entries(engine))]
    assert written[:4] == [
        ("account_added", operator, "cli"),
        ("account_added", operator, "cli"),
        ("account_disabled", operator, "cli"),
        ("password_reset", operator, "cli"),
    ]
    with engine.connect() as connection:
        hashes = connection.execute(sa.text("SELECT password_hash FROM accounts")).scalars().all()
    printed = "\n".join(outputs)
    for secret in (FIRST, SECOND, NEW, *hashes, "$argon2"):
        assert secret not in printed


def test_errors_say_what_is_wrong_in_both_languages_and_exit_2(store_url, monkeypatch, capsys):
    monkeypatch.setenv("TTX_DATABASE_URL", store_url)
    cases = [
        (("users", "add", "a.b", "--role", "reporter"), SECOND, "A reporter must belong to an agency"),
        (("users", "add", "a.b", "--role", "reporter", "--agency", "so_ke_hoach_dau_tu"), SECOND,
         "No agency with code 'so_ke_hoach_dau_tu'"),
        (("users", "add", "a.b", "--role", "chief", "--agency", "ban_quan_ly_kcn"), SECOND,
         "Role 'chief' is not valid"),
        (("users", "add", "a.b", "--role", "reviewer"), "ngắn", "at least 10 characters"),
        (("users", "add", "a.b", "--role", "reviewer"), "", "No password on standard input"),
        (("users", "disable", "khong.co"), "", "There is no account 'khong.co'"),
        (("users", "reset-password", "khong.co"), NEW, "There is no account 'khong.co'"),
        (("users", "add", "a.b", "--role", "admin"), FIRST, ""),
        (("users", "add", "A.B", "--role", "admin"), FIRST, "An account 'a.b' already exists"),
    ]  # fmt: skip
    for args, stdin, said_en in cases:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin + "\n" if stdin else ""))
        status = main(list(args))
        out, err = capsys.readouterr()
        if stdin:
            assert stdin not in out + err
        if not said_en:
            assert status == 0, err
            continue
        assert status == 2, (args, out, err)
        vi, _, en = err.strip().splitlines()[-1].partition(" / ")
        assert said_en in en and vi.startswith(f"ttx_data {args[0]} {args[1]}: "), err


def test_a_bad_database_url_is_explained_and_exits_2():
    done = _cli("mysql://ttx:pw@localhost/ttx", "users", "list")
    assert done.returncode == 2
    assert "chỉ hỗ trợ SQLite và PostgreSQL" in done.stderr
    assert "only SQLite and PostgreSQL are supported" in done.stderr
