"""Signing in with a username and password, without telling a stranger which usernames exist.

An unknown username, a wrong password, a disabled account and a single-sign-on account without a
password here all get the same message, after the same argon2 verification (a dummy hash for an
unknown name). After MAX_FAILED_ATTEMPTS consecutive failures a username, existing or not, is
locked for LOCK_TIME: "too many attempts, try again in N minutes" is shown for that name whatever
the password, so the lock itself tells nothing either. Failures older than FAILURE_WINDOW are
forgotten. Every attempt is audited with where it came from; the password never is.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, delete, exc, select, update

from ttx_data.accounts.accounts import USERNAME_PATTERN, fold_username
from ttx_data.accounts.passwords import (
    hash_password,
    needs_rehash,
    verify_password,
    waste_a_verification,
)
from ttx_data.accounts.roles import Actor
from ttx_data.store import audit
from ttx_data.store.database import reading, writing
from ttx_data.store.schema import CLIENT_LENGTH, accounts, sign_in_throttle

MAX_FAILED_ATTEMPTS = 5
LOCK_TIME = dt.timedelta(minutes=15)
FAILURE_WINDOW = dt.timedelta(hours=24)
"""Consecutive failures count within this time; an older failure is forgotten."""

WRONG_VI = "Tên đăng nhập hoặc mật khẩu không đúng."
WRONG_EN = "Wrong username or password."

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignInResult:
    """The outcome of a sign-in: the actor (None when refused) and what to tell the person."""

    actor: Actor | None
    message_vi: str
    message_en: str
    locked_until: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.actor is not None

    def message(self, lang: str = "vi") -> str:
        return self.message_en if lang == "en" else self.message_vi


def _locked(until: dt.datetime, now: dt.datetime) -> SignInResult:
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    return SignInResult(
        None,
        f"Đăng nhập sai quá {MAX_FAILED_ATTEMPTS} lần với tên này. Hãy thử lại sau {minutes} phút,"
        " hoặc nhờ quản trị viên đặt lại mật khẩu.",
        f"Too many failed sign-ins ({MAX_FAILED_ATTEMPTS}) for this username. Try again in"
        f" {minutes} minutes, or ask an administrator to reset the password.",
        until,
    )


def _counter(connection: Connection, account_id: int | None, key: str):
    """The failure counter of this name: the account's row, or the throttle row of a name that
    has no account (None when that name has no failures yet), read for update."""
    if account_id is not None:
        table, where = accounts, accounts.c.id == account_id
    else:
        table, where = sign_in_throttle, sign_in_throttle.c.username == key
    query = select(table.c.failed_attempts, table.c.locked_until, table.c.updated_at).where(where)
    return table, where, connection.execute(query.with_for_update()).first()


def _count_failure(
    connection: Connection, account_id: int | None, key: str, now: dt.datetime, again=True
):
    """One more failure for this name; returns when it is now locked until (or None)."""
    table, where, row = _counter(connection, account_id, key)
    recent = row is not None and now - row.updated_at <= FAILURE_WINDOW
    failures = (row.failed_attempts if recent else 0) + 1
    locked_until = now + LOCK_TIME if failures >= MAX_FAILED_ATTEMPTS else None
    values = {
        "failed_attempts": 0 if locked_until else failures,
        "locked_until": locked_until,
        "updated_at": now,
    }
    if row is not None:
        connection.execute(update(table).where(where).values(**values))
        return locked_until
    connection.execute(
        delete(sign_in_throttle).where(sign_in_throttle.c.updated_at < now - FAILURE_WINDOW)
    )
    try:
        with connection.begin_nested():
            connection.execute(sign_in_throttle.insert().values(username=key, **values))
    except exc.IntegrityError:  # another attempt under this new name just counted itself
        if not again:
            raise
        return _count_failure(connection, account_id, key, now, again=False)
    return locked_until


def sign_in(
    engine: Engine,
    username: str,
    password: str,
    *,
    client: str = "",
    now: dt.datetime | None = None,
) -> SignInResult:
    """Check a username and password; the actor on success, else the one refusal message (or
    the lock message), every attempt audited with `client` (where it came from)."""
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    key = fold_username(username)[:CLIENT_LENGTH]
    row = None
    if USERNAME_PATTERN.match(key):
        with reading(engine) as connection:
            row = connection.execute(select(accounts).where(accounts.c.username == key)).first()
    if row is not None and row.password_hash:
        matches = verify_password(row.password_hash, password)
    else:
        waste_a_verification(password)
        matches = False
    if row is None:
        reason = "unknown_username"
    elif row.auth_source != "local" or not row.password_hash:
        reason = "no_local_password"
    elif not matches:
        reason = "wrong_password"
    elif row.disabled:
        reason = "disabled"
    else:
        reason = ""
    account_id = row.id if row is not None else None
    anonymous = {"actor": "", "role": "", "agency_code": None, "client": client}
    with writing(engine) as connection:
        _, _, counter = _counter(connection, account_id, key)
        if counter is not None and counter.locked_until is not None and counter.locked_until > now:
            audit.record(
                connection,
                action="sign_in_failed",
                target=key,
                detail={"reason": "locked"},
                now=now,
                **anonymous,
            )
            _log.info("sign-in refused for %r from %s: locked", key, client)
            return _locked(counter.locked_until, now)
        if not reason:  # disabled, or its password reset, since it was read above?
            fresh = connection.execute(
                select(accounts.c.password_hash, accounts.c.disabled).where(accounts.c.id == row.id)
            ).one()
            if fresh.password_hash != row.password_hash:
                reason = "wrong_password"
            elif fresh.disabled:
                reason = "disabled"
        if reason:
            locked_until = _count_failure(connection, account_id, key, now)
            audit.record(
                connection,
                action="sign_in_failed",
                target=key,
                detail={"reason": reason, "locked": locked_until is not None},
                now=now,
                **anonymous,
            )
            _log.info("sign-in failed for %r from %s: %s", key, client, reason)
            if locked_until is not None:
                return _locked(locked_until, now)
            return SignInResult(None, WRONG_VI, WRONG_EN)
        values = {"failed_attempts": 0, "locked_until": None}
        if needs_rehash(row.password_hash):
            values["password_hash"] = hash_password(password)
        connection.execute(update(accounts).where(accounts.c.id == row.id).values(**values))
        actor = Actor(row.username, row.display_name, row.role, row.agency_code, row.auth_source)
        audit.record(
            connection,
            action="sign_in",
            target=row.username,
            detail={"auth_source": "local", "rehashed": "password_hash" in values},
            now=now,
            actor=row.username,
            role=row.role,
            agency_code=row.agency_code,
            client=client,
        )
    _log.info("signed in %r from %s", row.username, client)
    return SignInResult(actor, "Đã đăng nhập.", "Signed in.")
