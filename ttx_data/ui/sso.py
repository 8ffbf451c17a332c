"""Single sign-on through the province's OpenID Connect provider, when `.streamlit/secrets.toml`
configures one (Streamlit's st.login; format and example in docs/deploy.md).

    if sso_configured():
        sso_button(lang)                  # "Đăng nhập một lần (SSO)" → the provider → back here
        claims = sso_claims()             # st.user as a dict once signed in, else None
        mapping = sso_mapping()           # [ttx.sso]: which claims hold username, role, agency

Who the person is in TTX is decided outside the UI, from `claims` and `mapping`
(ttx_data.accounts.claims.claims_to_identity).
"""

from __future__ import annotations

import logging
import time
import weakref
from collections.abc import Mapping
from typing import Any

import streamlit as st

from ttx_data.accounts.claims import login_provider
from ttx_data.i18n import t

_log = logging.getLogger(__name__)

_NOT_CLAIMS = ("is_logged_in", "tokens")
"""Keys of st.user that Streamlit adds and that are not the provider's claims about the person."""


NO_SECRETS_KEPT_S = 10.0
"""How long "there is no secrets file" is taken as known before the files are looked for again:
Streamlit looks for them under one lock at every call, which 60 simultaneous page runs queued
for (bench/concurrency.py, profiled with py-spy). A file added later counts within this time."""
_no_secrets: tuple[weakref.ref, float] | None = None


def _secrets() -> dict[str, Any]:
    """The secrets as plain dicts; empty when there is no secrets file or it cannot be read."""
    global _no_secrets
    secrets = st.secrets
    known = _no_secrets
    if known is not None and known[0]() is secrets and time.monotonic() < known[1]:
        return {}
    try:
        if not secrets.load_if_toml_exists():
            _no_secrets = (weakref.ref(secrets), time.monotonic() + NO_SECRETS_KEPT_S)
            return {}
        return secrets.to_dict()
    except Exception as error:  # noqa: BLE001 - a broken secrets file means "no SSO", logged
        _log.warning("could not read the secrets file: %s", error)
        return {}


def sso_provider() -> str | None:
    """The provider name st.login uses ("default" for a provider written directly in [auth]),
    or None when single sign-on is not configured."""
    return login_provider(_secrets())


def sso_configured() -> bool:
    """Whether the secrets configure an OpenID Connect provider; never raises."""
    return sso_provider() is not None


def sso_button(lang: str, key: str = "ttx_sso_login") -> bool:
    """A button that sends the person to the provider to sign in; False (and nothing shown)
    when single sign-on is not configured."""
    provider = sso_provider()
    if provider is None:
        return False
    if st.button(t("sso.button", lang), key=key, help=t("sso.help", lang), icon=":material/badge:"):
        st.login(None if provider == "default" else provider)
    return True


def sso_claims() -> dict[str, Any] | None:
    """The signed-in person's claims (st.user as a plain dict), or None when nobody is signed in
    through the provider."""
    if not sso_configured():
        return None
    user = st.user.to_dict()
    if not user.get("is_logged_in"):
        return None
    return {key: value for key, value in user.items() if key not in _NOT_CLAIMS}


def sso_mapping() -> dict[str, Any]:
    """The claim mapping, section [ttx.sso] of the secrets (empty when absent): username_claim,
    display_name_claim, role_claim, agency_claim, roles = {claim value: role}, agencies."""
    ttx = _secrets().get("ttx")
    sso = ttx.get("sso") if isinstance(ttx, Mapping) else None
    return dict(sso) if isinstance(sso, Mapping) else {}


def sso_sign_out_button(lang: str, key: str = "ttx_sso_logout") -> None:
    """A button that forgets the provider's sign-in (st.logout: the identity cookie is removed,
    and the provider's own session ended when it offers an end_session_endpoint)."""
    if st.button(t("sso.sign_out", lang), key=key, icon=":material/logout:"):
        st.logout()
