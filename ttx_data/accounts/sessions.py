"""Sign-in sessions: a random session id kept in the store, handed to the browser signed with the
server's secret key, so a token cannot be guessed or made up.

The secret key is `TTX_SECRET_KEY` when set (several app servers sharing one database must share
it); otherwise a random key made on first use and kept in `var/secret_key`, readable by its owner
only. Changing the key signs everyone out.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import Engine, select, update

from ttx_data.accounts.errors import AccountError
from ttx_data.accounts.roles import Actor
from ttx_data.store import audit, settings
from ttx_data.store.database import reading, writing
from ttx_data.store.schema import CLIENT_LENGTH, accounts, sessions

SECRET_KEY_ENV = "TTX_SECRET_KEY"
SESSION_HOURS = 8
_SALT = "ttx_data.accounts.session"


def secret_key(path: Path | None = None) -> str:
    """The key signing session tokens: `TTX_SECRET_KEY`, else the key kept in `path`
    (default `var/secret_key`), made there with owner-only permissions on first use."""
    configured = os.environ.get(SECRET_KEY_ENV, "").strip()
    if configured:
        return configured
    path = path or settings.var_dir() / "secret_key"
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(secrets.token_urlsafe(48) + "\n")
    try:
        os.link(draft, path)  # atomic, and fails when another process made the key first
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return _read_key(path)


def _read_key(path: Path) -> str:
    key = path.read_text(encoding="ascii").strip()
    if not key:
        raise AccountError(
            f"Tệp khóa bí mật {path} rỗng; hãy xóa tệp đó để tạo khóa mới (mọi người sẽ phải"
            " đăng nhập lại)",
            f"The secret key file {path} is empty; remove it to make a new key (everyone will"
            " have to sign in again)",
        )
    return key


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(secret_key(), salt=_SALT)


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


def open_session(
    engine: Engine,
    actor: Actor,
    *,
    client: str = "",
    hours: float = SESSION_HOURS,
    now: dt.datetime | None = None,
) -> str:
    """Open a session for a signed-in account; returns the token to keep in the browser."""
    now = _now(now)
    session_id = secrets.token_urlsafe(32)
    with writing(engine) as connection:
        account = connection.execute(
            select(accounts.c.id, accounts.c.disabled).where(accounts.c.username == actor.username)
        ).first()
        if account is None or account.disabled:
            raise AccountError(
                f"Tài khoản {actor.username!r} không tồn tại hoặc đã bị khóa",
                f"The account {actor.username!r} does not exist or is disabled",
            )
        connection.execute(
            sessions.insert().values(
                id=session_id,
                account_id=account.id,
                created_at=now,
                expires_at=now + dt.timedelta(hours=hours),
                revoked_at=None,
                client=client[:CLIENT_LENGTH],
            )
        )
    return _serializer().dumps(session_id)


def _session_id(token: str) -> str | None:
    try:
        session_id = _serializer().loads(token)
    except BadSignature:
        return None
    return session_id if isinstance(session_id, str) else None


def session_actor(
    engine: Engine, token: str | None, *, now: dt.datetime | None = None
) -> Actor | None:
    """The actor of a session token, or None when the token is forged, the session expired or
    was ended, or the account was disabled since."""
    session_id = _session_id(token or "")
    if session_id is None:
        return None
    now = _now(now)
    query = (
        select(accounts, sessions.c.expires_at, sessions.c.revoked_at)
        .join(sessions, sessions.c.account_id == accounts.c.id)
        .where(sessions.c.id == session_id)
    )
    with reading(engine) as connection:
        row = connection.execute(query).first()
    if row is None or row.revoked_at is not None or row.expires_at <= now or row.disabled:
        return None
    return Actor(row.username, row.display_name, row.role, row.agency_code, row.auth_source)


def close_session(
    engine: Engine, token: str | None, *, client: str = "", now: dt.datetime | None = None
) -> bool:
    """Sign out: end the session (audited as sign_out). False when there was no open session."""
    session_id = _session_id(token or "")
    if session_id is None:
        return False
    now = _now(now)
    with writing(engine) as connection:
        row = connection.execute(
            select(accounts.c.username, accounts.c.role, accounts.c.agency_code)
            .join(sessions, sessions.c.account_id == accounts.c.id)
            .where(sessions.c.id == session_id, sessions.c.revoked_at.is_(None))
        ).first()
        if row is None:
            return False
        connection.execute(
            update(sessions).where(sessions.c.id == session_id).values(revoked_at=now)
        )
        audit.record(
            connection,
            action="sign_out",
            target=row.username,
            now=now,
            actor=row.username,
            role=row.role,
            agency_code=row.agency_code,
            client=client,
        )
    return True
