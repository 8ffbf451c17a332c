"""Accounts and roles, without Streamlit: who may do what (`can`), accounts kept in the store
with argon2id password hashes, sign-in with lockout and no username enumeration, signed session
tokens, and single sign-on (OpenID Connect) claims mapped to a role and agency.

Every write checks the actor's role and appends to the audit log in the same transaction.
"""

from ttx_data.accounts.accounts import (
    Account,
    add_account,
    disable_account,
    enable_account,
    get_account,
    list_accounts,
    normalize_username,
    reset_password,
)
from ttx_data.accounts.errors import AccountError, PermissionDenied
from ttx_data.accounts.oidc import actor_from_claims, sso_sign_in, upsert_sso_account
from ttx_data.accounts.roles import PERMISSIONS, ROLE_LABELS, ROLES, Actor, can, role_label
from ttx_data.accounts.sessions import close_session, open_session, session_actor
from ttx_data.accounts.signin import SignInResult, sign_in

__all__ = [
    "PERMISSIONS",
    "ROLES",
    "ROLE_LABELS",
    "Account",
    "AccountError",
    "Actor",
    "PermissionDenied",
    "SignInResult",
    "actor_from_claims",
    "add_account",
    "can",
    "close_session",
    "disable_account",
    "enable_account",
    "get_account",
    "list_accounts",
    "normalize_username",
    "open_session",
    "reset_password",
    "role_label",
    "session_actor",
    "sign_in",
    "sso_sign_in",
    "upsert_sso_account",
]
