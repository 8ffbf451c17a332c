"""Accounts, for administrators: who may sign in, in which role, for which agency; add an
account, disable or enable one, set a new password. Every change is in the audit log."""

import datetime as dt

import streamlit as st

from ttx_data import accounts
from ttx_data.agencies.register import agencies_on
from ttx_data.i18n import literal_markdown, t
from ttx_data.ui import auth
from ttx_data.ui.errors import viewer_message
from ttx_data.ui.state import current_filters, ensure_app_frame

ensure_app_frame()
lang = current_filters().lang
st.title(t("page.accounts", lang))
actor = auth.require("manage_accounts", lang)
engine = auth.store_engine()
OUTCOME = "_accounts_outcome"


def _done(action, *args, message_key: str, **kwargs) -> None:
    """Run one account change as the signed-in administrator; its outcome shows on the next run."""
    try:
        action(engine, *args, actor=actor, client=auth.client(), **kwargs)
    except accounts.AccountError as error:
        st.session_state[OUTCOME] = ("error", error.en if lang == "en" else error.vi)
    except Exception as error:  # noqa: BLE001 - a callback runs outside the page's guard
        st.session_state[OUTCOME] = ("error", viewer_message(error, lang))
    else:
        st.session_state[OUTCOME] = ("success", t(message_key, lang, name=args[0]))


outcome = st.session_state.pop(OUTCOME, None)
if outcome is not None:
    kind, message = outcome
    (st.success if kind == "success" else st.error)(literal_markdown(message, 600))

found = accounts.list_accounts(engine)
st.dataframe(auth.accounts_table(found, lang), hide_index=True, width="stretch")

today = agencies_on(dt.date.today())
agency_names = dict(
    zip(today["agency_id"], today["name_en" if lang == "en" else "name_vi"], strict=True)
)
st.subheader(t("accounts.add", lang))
with st.form("add_account", clear_on_submit=True):
    left, right = st.columns(2)
    username = left.text_input(t("auth.username", lang), max_chars=64)
    display_name = right.text_input(t("accounts.display_name", lang), max_chars=200)
    role = left.selectbox(
        t("accounts.role", lang),
        options=[r for r in accounts.ROLES if r != "viewer"],
        format_func=lambda r: accounts.role_label(r, lang),
    )
    agency = right.selectbox(
        t("accounts.agency", lang),
        options=[None, *agency_names],
        format_func=lambda a: t("accounts.no_agency", lang) if a is None else agency_names[a],
    )
    password = left.text_input(t("auth.password", lang), type="password", max_chars=1024)
    again = right.text_input(t("accounts.password_again", lang), type="password", max_chars=1024)
    if st.form_submit_button(t("accounts.add_button", lang), icon=":material/person_add:"):
        if password != again:
            st.session_state[OUTCOME] = ("error", t("accounts.passwords_differ", lang))
        else:
            _done(accounts.add_account, username, role=role, agency_code=agency,
                  password=password, display_name=display_name, message_key="accounts.added")  # fmt: skip
        st.rerun()

local = [a.username for a in found if a.auth_source == "local"]
if found:
    st.subheader(t("accounts.change", lang))
    chosen = st.selectbox(t("auth.username", lang), options=[a.username for a in found])
    account = next(a for a in found if a.username == chosen)
    left, right = st.columns(2)
    if account.disabled:
        left.button(t("accounts.enable", lang), icon=":material/lock_open:",
                    on_click=_done, args=(accounts.enable_account, chosen),
                    kwargs={"message_key": "accounts.enabled"})  # fmt: skip
    else:
        left.button(t("accounts.disable", lang), icon=":material/block:",
                    on_click=_done, args=(accounts.disable_account, chosen),
                    kwargs={"message_key": "accounts.disabled"})  # fmt: skip
    if chosen in local:
        with right.form("reset_password", clear_on_submit=True):
            new = st.text_input(t("accounts.new_password", lang), type="password", max_chars=1024)
            if st.form_submit_button(t("accounts.reset", lang), icon=":material/password:"):
                _done(accounts.reset_password, chosen, new, message_key="accounts.reset_done")
                st.rerun()

if accounts.can(actor, "clear_cache"):
    st.subheader(t("accounts.cache", lang))
    st.caption(t("accounts.cache_note", lang))
    if st.button(t("accounts.clear_cache", lang), icon=":material/cached:"):
        st.cache_data.clear()
        st.success(t("accounts.cache_cleared", lang))
