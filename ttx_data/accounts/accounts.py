"""Accounts: add, list, disable, enable, reset a password. Each write checks that the actor may
manage accounts, changes the row and appends its audit entry in one transaction; the audit entry
never holds the password or its hash.

A reporter belongs to one agency that exists today in the agency register
(`python -m ttx_data agencies --as-of <today>` lists them); reviewers and administrators may name
one too.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, exc, func, select, update

from ttx_data import agencies
from ttx_data.accounts.errors import AccountError, PermissionDenied
from ttx_data.accounts.passwords import check_policy, hash_password
from ttx_data.accounts.roles import Actor, can
from ttx_data.store import audit
from ttx_data.store.database import reading, writing
from ttx_data.store.schema import ACCOUNT_ROLES, USERNAME_LENGTH, accounts
from ttx_data.store.schema import sessions as session_table

USERNAME_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9._@+-]{0,62}[a-z0-9])?$")


@dataclass(frozen=True)
class Account:
    """An account as shown to administrators: never its password hash."""

    username: str
    display_name: str
    role: str
    agency_code: str | None
    auth_source: str
    disabled: bool
    locked_until: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime

    def actor(self) -> Actor:
        return Actor(
            username=self.username,
            display_name=self.display_name,
            role=self.role,
            agency_code=self.agency_code,
            auth_source=self.auth_source,
        )


_ACCOUNT_COLUMNS = [getattr(accounts.c, name) for name in Account.__dataclass_fields__]


def fold_username(text: str) -> str:
    """A typed username as stored: NFC, spaces around removed, lower case."""
    return unicodedata.normalize("NFC", text).strip().lower()


def normalize_username(text: str) -> str:
    """The username as stored, or AccountError saying what a username may contain."""
    username = fold_username(text)
    if not USERNAME_PATTERN.match(username):
        raise AccountError(
            f"Tên đăng nhập {text!r} không hợp lệ: 1-{USERNAME_LENGTH} ký tự gồm chữ thường không"
            " dấu, số và . _ @ + - (không bắt đầu hay kết thúc bằng dấu), ví dụ nguyen.van.a",
            f"Username {text!r} is not valid: 1-{USERNAME_LENGTH} characters of lower-case ASCII"
            " letters, digits and . _ @ + - (not starting or ending with a sign), e.g."
            " nguyen.van.a",
        )
    return username


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


def check_role(role: str) -> str:
    """The role, or AccountError listing the roles an account can hold."""
    if role not in ACCOUNT_ROLES:
        listed = ", ".join(ACCOUNT_ROLES)
        raise AccountError(
            f"Vai trò {role!r} không hợp lệ; dùng một trong: {listed}",
            f"Role {role!r} is not valid; use one of: {listed}",
        )
    return role


def check_agency(agency_code: str | None, role: str, on: dt.date) -> str | None:
    """The agency code, checked: required for a reporter, and an agency of the register that
    exists on `on`; AccountError otherwise, naming a few valid codes and how to list them all."""
    agency_code = (agency_code or "").strip() or None
    how = f"python -m ttx_data agencies --as-of {on.isoformat()}"
    if agency_code is None:
        if role == "reporter":
            raise AccountError(
                f"Cán bộ báo cáo phải thuộc một cơ quan: thêm --agency MÃ (danh sách: {how})",
                f"A reporter must belong to an agency: add --agency CODE (list them: {how})",
            )
        return None
    existing = list(agencies.agencies_on(on)["agency_id"])
    if agency_code not in existing:
        some = ", ".join(existing[:4])
        raise AccountError(
            f"Không có cơ quan mã {agency_code!r} vào ngày {on.isoformat()}; ví dụ mã hợp lệ:"
            f" {some}; xem tất cả: {how}",
            f"No agency with code {agency_code!r} exists on {on.isoformat()}; valid codes include"
            f" {some}; list them all: {how}",
        )
    return agency_code


def require(actor: Actor, permission: str) -> None:
    """PermissionDenied unless `actor` has `permission`."""
    if not can(actor, permission):
        raise PermissionDenied(
            f"Tài khoản {actor.username or '(chưa đăng nhập)'} không có quyền này"
            f" (cần vai trò quản trị viên)",
            f"Account {actor.username or '(not signed in)'} may not do this"
            f" (it needs the administrator role)",
        )


def _row(connection: Connection, username: str):
    """The account's row, or AccountError saying it does not exist."""
    row = connection.execute(select(accounts).where(accounts.c.username == username)).first()
    if row is None:
        raise AccountError(
            f"Không có tài khoản {username!r}; xem danh sách: python -m ttx_data users list",
            f"There is no account {username!r}; list them: python -m ttx_data users list",
        )
    return row


def add_account(
    engine: Engine,
    username: str,
    *,
    role: str,
    agency_code: str | None,
    password: str | None = None,
    display_name: str | None = None,
    actor: Actor | None = None,
    client: str = "",
    now: dt.datetime | None = None,
) -> Account:
    """Add a local account (a password is stored as its argon2id hash). Without a password the
    account cannot sign in until one is set with `reset_password`.

    `actor` None is the operator at the server's command line (`Actor.operator()`)."""
    actor = actor or Actor.operator()
    require(actor, "manage_accounts")
    now = _now(now)
    username = normalize_username(username)
    role = check_role(role)
    agency_code = check_agency(agency_code, role, now.date())
    display_name = " ".join((display_name or "").split()) or username
    if password is not None:
        check_policy(password, username)
    password_hash = hash_password(password) if password is not None else None
    values = {
        "username": username,
        "display_name": display_name[:200],
        "role": role,
        "agency_code": agency_code,
        "auth_source": "local",
    }
    try:
        with writing(engine) as connection:
            connection.execute(
                accounts.insert().values(
                    **values,
                    password_hash=password_hash,
                    disabled=False,
                    failed_attempts=0,
                    locked_until=None,
                    created_at=now,
                    updated_at=now,
                )
            )
            audit.record(
                connection,
                action="account_added",
                target=username,
                detail={**values, "can_sign_in": password is not None},
                now=now,
                **actor.audit_fields(client),
            )
    except exc.IntegrityError:
        raise AccountError(
            f"Đã có tài khoản {username!r}; chọn tên khác",
            f"An account {username!r} already exists; choose another username",
        ) from None
    return get_account(engine, username)


def get_account(engine: Engine, username: str) -> Account | None:
    """One account by username (as typed: it is normalized), or None."""
    query = select(*_ACCOUNT_COLUMNS).where(accounts.c.username == fold_username(username))
    with reading(engine) as connection:
        row = connection.execute(query).first()
    return Account(**row._mapping) if row else None


def list_accounts(engine: Engine) -> list[Account]:
    """Every account, by username."""
    query = select(*_ACCOUNT_COLUMNS).order_by(accounts.c.username)
    with reading(engine) as connection:
        return [Account(**row._mapping) for row in connection.execute(query)]


def revoke_sessions(connection: Connection, account_id: int, now: dt.datetime) -> int:
    """End every open session of an account (it was disabled or its password reset)."""
    return connection.execute(
        update(session_table)
        .where(session_table.c.account_id == account_id, session_table.c.revoked_at.is_(None))
        .values(revoked_at=now)
    ).rowcount


def disable_account(
    engine: Engine,
    username: str,
    *,
    actor: Actor | None = None,
    client: str = "",
    now: dt.datetime | None = None,
) -> Account:
    """Disable an account: it can no longer sign in and its open sessions end at once. The last
    enabled administrator cannot be disabled. `actor` None is the command-line operator."""
    actor = actor or Actor.operator()
    require(actor, "manage_accounts")
    now = _now(now)
    username = fold_username(username)
    with writing(engine) as connection:
        row = _row(connection, username)
        if row.disabled:
            raise AccountError(
                f"Tài khoản {username!r} đã bị khóa từ trước",
                f"The account {username!r} is already disabled",
            )
        if row.role == "admin":
            admins = connection.execute(
                select(func.count())
                .select_from(accounts)
                .where(accounts.c.role == "admin", accounts.c.disabled.is_(False))
            ).scalar_one()
            if admins <= 1:
                raise AccountError(
                    f"{username!r} là quản trị viên cuối cùng còn hoạt động; thêm quản trị viên"
                    " khác trước khi khóa tài khoản này",
                    f"{username!r} is the last enabled administrator; add another administrator"
                    " before disabling this account",
                )
        connection.execute(
            update(accounts).where(accounts.c.id == row.id).values(disabled=True, updated_at=now)
        )
        ended = revoke_sessions(connection, row.id, now)
        audit.record(
            connection,
            action="account_disabled",
            target=username,
            detail={"disabled": True, "sessions_ended": ended},
            now=now,
            **actor.audit_fields(client),
        )
    return get_account(engine, username)


def enable_account(
    engine: Engine,
    username: str,
    *,
    actor: Actor | None = None,
    client: str = "",
    now: dt.datetime | None = None,
) -> Account:
    """Enable a disabled account again (and lift a sign-in lock). `actor` None is the
    command-line operator."""
    actor = actor or Actor.operator()
    require(actor, "manage_accounts")
    now = _now(now)
    username = fold_username(username)
    with writing(engine) as connection:
        row = _row(connection, username)
        if not row.disabled:
            raise AccountError(
                f"Tài khoản {username!r} đang hoạt động", f"The account {username!r} is enabled"
            )
        connection.execute(
            update(accounts)
            .where(accounts.c.id == row.id)
            .values(disabled=False, failed_attempts=0, locked_until=None, updated_at=now)
        )
        audit.record(
            connection,
            action="account_enabled",
            target=username,
            detail={"disabled": False},
            now=now,
            **actor.audit_fields(client),
        )
    return get_account(engine, username)


def reset_password(
    engine: Engine,
    username: str,
    password: str,
    *,
    actor: Actor | None = None,
    client: str = "",
    now: dt.datetime | None = None,
) -> None:
    """Set a new password for a local account: lifts a sign-in lock and ends its open sessions.
    `actor` None is the command-line operator."""
    actor = actor or Actor.operator()
    require(actor, "manage_accounts")
    now = _now(now)
    username = fold_username(username)
    check_policy(password, username)
    password_hash = hash_password(password)
    with writing(engine) as connection:
        row = _row(connection, username)
        if row.auth_source != "local":
            raise AccountError(
                f"Tài khoản {username!r} đăng nhập một lần (SSO): mật khẩu do nhà cung cấp"
                " định danh quản lý, không đặt ở đây",
                f"The account {username!r} signs in through single sign-on: its password is"
                " managed by the identity provider, not here",
            )
        connection.execute(
            update(accounts)
            .where(accounts.c.id == row.id)
            .values(
                password_hash=password_hash, failed_attempts=0, locked_until=None, updated_at=now
            )
        )
        ended = revoke_sessions(connection, row.id, now)
        audit.record(
            connection,
            action="password_reset",
            target=username,
            detail={"sessions_ended": ended, "lock_lifted": row.locked_until is not None},
            now=now,
            **actor.audit_fields(client),
        )
