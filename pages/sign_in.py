"""Sign in with a local account (name and password) or, where the province configures it, single
sign-on; once signed in: who you are, for which agency, and signing out."""

import streamlit as st

from ttx_data.i18n import literal_markdown, t
from ttx_data.ui import auth, sso
from ttx_data.ui.state import current_filters, ensure_app_frame

ensure_app_frame()
lang = current_filters().lang
actor = auth.current_actor()
if actor.signed_in:
    st.title(t("page.account", lang))
    who = literal_markdown(auth.actor_text(actor, lang), 300)
    st.success(t("auth.signed_in_as", lang, who=who), icon=":material/verified_user:")
    st.caption(t("auth.session_note", lang, hours=auth.SESSION_HOURS))
    st.button(t("auth.sign_out", lang), icon=":material/logout:", key="sign_out_page",
              on_click=auth.sign_out)  # fmt: skip
    st.stop()

st.title(t("page.sign_in", lang))
st.markdown(t("auth.intro", lang))
with st.form("sign_in_form", enter_to_submit=True):
    st.text_input(
        t("auth.username", lang), max_chars=64, autocomplete="username", key=auth.USERNAME_FIELD
    )
    st.text_input(
        t("auth.password", lang),
        type="password",
        max_chars=1024,
        autocomplete="current-password",
        key=auth.PASSWORD_FIELD,
    )
    st.form_submit_button(
        t("auth.sign_in", lang), icon=":material/login:", on_click=auth.submit_sign_in, args=(lang,)
    )
sso.sso_button(lang)  # only when the province configured single sign-on
problem = auth.sign_in_problem()
if problem:
    st.error(literal_markdown(problem, 400), icon=":material/error:")
st.caption(t("auth.no_account", lang))
