"""Single sign-on (OpenID Connect): the identity provider says who someone is; its claims are
mapped to a TTX role and agency by configuration, and the person is recorded as an account
(auth_source 'oidc', no password here) on first sign-in.

A mapping, e.g.::

    {"username_claim": "email", "display_name_claim": "name",
     "role_claim": "groups", "agency_claim": "ttx_agency",
     "roles": {"ttx-reporter": "reporter", "ttx-reviewer": "reviewer", "ttx-admin": "admin"}}

The role claim may hold one value or a list (groups); exactly one of them must map to a role.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Engine, exc, select, update

from ttx_data.accounts.accounts import check_agency, normalize_username
from ttx_data.accounts.claims import SsoClaimError, claims_to_identity
from ttx_data.accounts.errors import AccountError
from ttx_data.accounts.roles import Actor
from ttx_data.accounts.signin import SignInResult
from ttx_data.store import audit
from ttx_data.store.database import writing
from ttx_data.store.schema import accounts


def actor_from_claims(
    claims: dict[str, Any], mapping: dict[str, Any], *, now: dt.datetime | None = None
) -> Actor:
    """The actor the identity provider's claims describe (`claims.claims_to_identity` reads
    them under the configured mapping), or AccountError saying which claim is missing or maps
    to no TTX role or to no agency that exists today."""
    try:
        who = claims_to_identity(claims, mapping)
    except SsoClaimError as error:
        raise AccountError(error.vi, error.en) from None
    today = (now or dt.datetime.now(dt.UTC)).date()
    agency_code = check_agency(who.agency_code, who.role, today)
    username = normalize_username(who.username)
    return Actor(username, who.display_name[:200] or username, who.role, agency_code, "oidc")


def _upsert(connection: Connection, actor: Actor, now: dt.datetime, client: str) -> None:
    who = {
        "actor": actor.username,
        "role": actor.role,
        "agency_code": actor.agency_code,
        "client": client,
    }
    values = {
        "display_name": actor.display_name,
        "role": actor.role,
        "agency_code": actor.agency_code,
    }
    row = connection.execute(
        select(accounts).where(accounts.c.username == actor.username).with_for_update()
    ).first()
    if row is None:
        connection.execute(
            accounts.insert().values(
                username=actor.username,
                **values,
                password_hash=None,
                auth_source="oidc",
                disabled=False,
                failed_attempts=0,
                locked_until=None,
                created_at=now,
                updated_at=now,
            )
        )
        detail = {**values, "auth_source": "oidc"}
        audit.record(
            connection, action="account_added", target=actor.username, detail=detail, now=now, **who
        )
        return
    if row.auth_source != "oidc":
        raise AccountError(
            f"Đã có tài khoản mật khẩu {actor.username!r}; nhờ quản trị viên xử lý trước khi đăng"
            " nhập một lần với tên này",
            f"A password account {actor.username!r} exists; ask an administrator to sort it out"
            " before signing in through single sign-on with this name",
        )
    if row.disabled:
        raise AccountError(
            f"Tài khoản {actor.username!r} đã bị khóa; liên hệ quản trị viên",
            f"The account {actor.username!r} is disabled; contact an administrator",
        )
    changed = {k: [row._mapping[k], v] for k, v in values.items() if row._mapping[k] != v}
    if changed:
        connection.execute(
            update(accounts)
            .where(accounts.c.id == row.id)
            .values(**{k: v for k, (_, v) in changed.items()}, updated_at=now)
        )
        audit.record(
            connection,
            action="account_updated",
            target=actor.username,
            detail={"changed": changed, "by": "oidc"},
            now=now,
            **who,
        )


def upsert_sso_account(
    engine: Engine, actor: Actor, *, client: str = "", now: dt.datetime | None = None
) -> Actor:
    """Record a single-sign-on person as an account (first time: account_added), or bring its
    role, agency and name up to date with the identity provider (account_updated). AccountError
    when a password account holds that username or the account was disabled."""
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    _write(engine, actor, now, client, sign_in=False)
    return actor


def _write(engine: Engine, actor: Actor, now: dt.datetime, client: str, sign_in: bool) -> None:
    """Upsert the account (and audit the sign-in) in one transaction; once more if the same
    person's first sign-in from another tab inserted the account meanwhile."""
    for attempt in (1, 2):
        try:
            with writing(engine) as connection:
                _upsert(connection, actor, now, client)
                if sign_in:
                    audit.record(
                        connection,
                        action="sign_in",
                        target=actor.username,
                        detail={"auth_source": "oidc"},
                        now=now,
                        actor=actor.username,
                        role=actor.role,
                        agency_code=actor.agency_code,
                        client=client,
                    )
            return
        except exc.IntegrityError:
            if attempt == 2:
                raise


def sso_sign_in(
    engine: Engine,
    claims: dict[str, Any],
    mapping: dict[str, Any],
    *,
    client: str = "",
    now: dt.datetime | None = None,
) -> SignInResult:
    """Sign in someone the identity provider vouched for: map the claims, record the account,
    audit the sign-in; a refusal says why (the provider already knows who they are)."""
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    try:
        actor = actor_from_claims(claims, mapping, now=now)
        _write(engine, actor, now, client, sign_in=True)
    except AccountError as error:
        username = claims.get(mapping.get("username_claim", "email"))
        with writing(engine) as connection:
            audit.record(
                connection,
                action="sign_in_failed",
                target=str(username or ""),
                detail={"reason": "sso_refused", "why": error.en},
                now=now,
                actor="",
                role="",
                agency_code=None,
                client=client,
            )
        return SignInResult(None, error.vi, error.en)
    return SignInResult(actor, "Đã đăng nhập.", "Signed in.")
