"""Who is using the app in this browser session: the signed-in account (or an anonymous viewer),
kept across reloads by a signed, expiring session cookie, and the pages each role may open.

The rules (roles, permissions, passwords, sessions) live in `ttx_data.accounts`; this module only
carries them into Streamlit: the sign-in form, the cookie, the sidebar line and the refusals.
"""

from __future__ import annotations

import json
import logging

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ttx_data import accounts, store
from ttx_data.accounts import Actor, role_label
from ttx_data.accounts.sessions import SESSION_HOURS
from ttx_data.agencies.register import load_register
from ttx_data.i18n import literal_markdown, t
from ttx_data.reporting import publish
from ttx_data.ui import sso
from ttx_data.ui.errors import viewer_message

_log = logging.getLogger("ttx_data.ui")

COOKIE = "ttx_session"
"""The session cookie: a signed session id (never a password), expiring with the session."""
_ACTOR = "_ttx_actor"
_TOKEN = "_ttx_token"
_COOKIE_TO_WRITE = "_ttx_cookie_to_write"
_SIGNED_OUT = "_ttx_signed_out"
_SSO_TRIED = "_ttx_sso_tried"

PAGE_PERMISSIONS = {
    "sign_in": None,
    "audit": "audit",
    "accounts": "manage_accounts",
    "report": "submit",
    "review": "review",
    "regime": "regime",
}
"""Pages that need a permission (by url path); every other page is open to every reader."""


def client() -> str:
    """Where a request comes from, for the audit log: the IP address Streamlit sees (None when
    the reader is on the server itself)."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - outside a browser session
        address = None
    return address if isinstance(address, str) else "localhost"


def store_engine():
    """The store's engine with its schema up to date (made on the app's first run; upgraded
    once per process and database, then only looked up), after completing once a publication
    that a killed process left unfinished (`reporting.publish.recover_at_start`)."""
    engine = store.ensure_schema()
    publish.recover_at_start(engine)
    return engine


def current_actor() -> Actor:
    """The signed-in account of this browser session, else an anonymous viewer.

    A session is checked against the store on every run: a sign-out elsewhere, an expired
    session or a disabled account takes effect at once. When the store cannot be reached the
    reader is an anonymous viewer (the error is logged; reading needs no store)."""
    try:
        return _session_actor()
    except store.StoreError as error:
        _log.error("store unreachable, reading as a viewer: %s", error)
        return Actor.anonymous()


def _session_actor() -> Actor:
    token = st.session_state.get(_TOKEN)
    if token is None and not st.session_state.get(_SIGNED_OUT):
        token = st.context.cookies.get(COOKIE) or _sso_session()
    if not token:
        return Actor.anonymous()
    actor = accounts.session_actor(store_engine(), token)
    if actor is None:
        st.session_state.pop(_TOKEN, None)
        if st.context.cookies.get(COOKIE):
            st.session_state[_COOKIE_TO_WRITE] = ("", 0)  # drop a dead cookie
        return Actor.anonymous()
    st.session_state[_TOKEN] = token
    return actor


def _sso_session() -> str | None:
    """A TTX session for someone the province's identity provider just vouched for (st.login):
    the claims mapped to a role and agency, the account recorded, the sign-in audited. Tried once
    per browser session; a refusal (an unmapped role, an unknown agency) waits on the sign-in
    page."""
    if st.session_state.get(_SSO_TRIED):
        return None
    claims = sso.sso_claims()
    if claims is None:
        return None
    st.session_state[_SSO_TRIED] = True
    result = accounts.sso_sign_in(store_engine(), claims, sso.sso_mapping(), client=client())
    if result.actor is None:
        st.session_state[_PROBLEM] = result.message(st.session_state.get("lang", "vi"))
        return None
    token = accounts.open_session(store_engine(), result.actor, client=client())
    st.session_state[_COOKIE_TO_WRITE] = (token, SESSION_HOURS * 3600)
    return token


def sign_in(username: str, password: str, lang: str) -> str | None:
    """Check the credentials; on success open a session (cookie written on the next run) and
    return None, else the message to show (the same for an unknown name and a wrong password)."""
    if not username.strip() or not password:
        return t("auth.empty", lang)
    result = accounts.sign_in(store_engine(), username, password, client=client())
    if result.actor is None:
        return result.message(lang)
    token = accounts.open_session(store_engine(), result.actor, client=client())
    st.session_state[_TOKEN] = token
    st.session_state.pop(_SIGNED_OUT, None)
    st.session_state[_COOKIE_TO_WRITE] = (token, SESSION_HOURS * 3600)
    return None


USERNAME_FIELD = "sign_in_username"
PASSWORD_FIELD = "sign_in_password"
_PROBLEM = "_ttx_sign_in_problem"


def submit_sign_in(lang: str) -> None:
    """The sign-in form's callback (runs before the page, so the navigation of this very run
    already knows the account): the password is taken out of the session at once."""
    username = st.session_state.get(USERNAME_FIELD, "")
    password = st.session_state.get(PASSWORD_FIELD, "")
    st.session_state[PASSWORD_FIELD] = ""
    try:
        problem = sign_in(username, password, lang)
    except Exception as error:  # noqa: BLE001 - a callback runs outside the page's guard
        problem = viewer_message(error, lang)
    if problem is None:
        st.session_state[USERNAME_FIELD] = ""
    st.session_state[_PROBLEM] = problem


def sign_in_problem() -> str | None:
    """Why the last sign-in was refused (shown once), or None."""
    return st.session_state.pop(_PROBLEM, None)


def sign_out() -> None:
    """End this session in the store and in the browser (a button's callback: it runs before
    the page, so this very run already reads as a viewer)."""
    token = st.session_state.pop(_TOKEN, None) or st.context.cookies.get(COOKIE)
    st.session_state[_SIGNED_OUT] = True  # the cookie still holds the token until rewritten
    st.session_state[_COOKIE_TO_WRITE] = ("", 0)
    if token:
        try:
            accounts.close_session(store_engine(), token, client=client())
        except Exception as error:  # noqa: BLE001 - a callback runs outside the page's guard
            viewer_message(error, "vi")
    if sso.sso_claims() is not None:  # signed in through the provider: forget that too
        st.logout()


def write_cookie() -> None:
    """Write (or clear) the session cookie in the reader's browser when a sign-in or sign-out
    asked for it: a script of ours (no reader's text in it) setting `document.cookie` in the
    app's page, which takes no room on screen."""
    pending = st.session_state.pop(_COOKIE_TO_WRITE, None)
    if pending is None:
        return
    value, max_age = pending
    secure = "; Secure" if (st.context.url or "").startswith("https://") else ""
    cookie = f"{COOKIE}={value}; Path=/; Max-Age={max_age}; SameSite=Strict{secure}"
    st.html(
        f"<script>document.cookie = {json.dumps(cookie)};</script>", unsafe_allow_javascript=True
    )


def actor_text(actor: Actor, lang: str) -> str:
    """'Nguyễn Văn A · Cán bộ báo cáo · Sở Tài chính tỉnh Bắc Ninh': who is signed in, in which
    role, for which agency (today's name from the agency register)."""
    parts = [actor.display_name or actor.username, role_label(actor.role, lang)]
    if actor.agency_code:
        parts.append(agency_text(actor.agency_code, lang))
    return " · ".join(parts)


def accounts_table(found: list, lang: str):
    """The accounts as administrators read them (never a password hash)."""
    import pandas as pd

    yes, no = ("Yes", "No") if lang == "en" else ("Có", "Không")
    rows = [
        {
            t("auth.username", lang): a.username,
            t("accounts.display_name", lang): a.display_name,
            t("accounts.role", lang): role_label(a.role, lang),
            t("accounts.agency", lang): a.agency_code or "",
            t("accounts.source", lang): a.auth_source,
            t("accounts.disabled_col", lang): yes if a.disabled else no,
        }
        for a in found
    ]
    return pd.DataFrame(rows)


def requested_page() -> str | None:
    """The page name a link asked for (`/audit` -> 'audit'), before navigation resolves it."""
    ctx = get_script_run_ctx()
    return None if ctx is None else ctx.pages_manager.intended_page_name or None


def may_open(page: str, actor: Actor) -> bool:
    """Whether `actor` may open the page with url path `page` (the report page: a reporter, for
    the agency of the account)."""
    permission = PAGE_PERMISSIONS.get(page)
    if permission == "submit":
        return accounts.can(actor, "submit", agency_code=actor.agency_code)
    return permission is None or accounts.can(actor, permission)


def listed(page: str, actor: Actor) -> bool:
    """Whether the navigation lists the page with url path `page`: pages needing a permission
    only for those who have it, and also while a link asks for one (so the page itself says
    why it is refused instead of Streamlit's 'page not found')."""
    return may_open(page, actor) or requested_page() == page


def require(permission: str, lang: str) -> Actor:
    """The actor, if allowed `permission`; otherwise a clear refusal and the page stops."""
    actor = current_actor()
    if not accounts.can(actor, permission):
        what = accounts.PERMISSIONS[permission][lang == "en"]
        st.error(t("auth.refused", lang, what=what), icon=":material/lock:")
        if not actor.signed_in:
            st.page_link("pages/sign_in.py", label=t("page.sign_in", lang), icon=":material/login:")
        st.stop()
    return actor


def require_reporter(lang: str) -> Actor:
    """The actor, if a reporter of an agency; otherwise a clear refusal and the page stops."""
    actor = current_actor()
    if not accounts.can(actor, "submit", agency_code=actor.agency_code):
        what = accounts.PERMISSIONS["submit"][lang == "en"]
        st.error(t("auth.refused", lang, what=what), icon=":material/lock:")
        if not actor.signed_in:
            st.page_link("pages/sign_in.py", label=t("page.sign_in", lang), icon=":material/login:")
        st.stop()
    return actor


def agency_text(agency_id: str | None, lang: str) -> str:
    """An agency's name in the language from the register ('' for none, the code if unknown)."""
    if not agency_id:
        return ""
    register = load_register()
    return register.name(agency_id, lang) if agency_id in register.agencies.index else agency_id


def sidebar_account(actor: Actor, lang: str) -> None:
    """Who is signed in and for which agency, with a sign-out button; a sign-in link otherwise
    (and the session cookie written there when a sign-in or sign-out asked for it)."""
    with st.sidebar:
        write_cookie()
        if not actor.signed_in:
            st.page_link(
                "pages/sign_in.py", label=t("auth.sign_in_link", lang), icon=":material/login:"
            )
            return
        st.caption(literal_markdown(actor_text(actor, lang), 300))
        st.button(t("auth.sign_out", lang), icon=":material/logout:", key="sign_out",
                  on_click=sign_out)  # fmt: skip
