"""A minimal page for the single sign-on browser test (tests/browser/test_sso_browser.py): the SSO
button while signed out, then the TTX identity mapped from the provider's claims, and sign-out.

Run with the project root on PYTHONPATH and a secrets file: `streamlit run tests/apps/sso_app.py
--secrets.files /tmp/secrets.toml`."""

import datetime as dt

import streamlit as st

from ttx_data.accounts.claims import SsoClaimError, claims_to_identity
from ttx_data.agencies.register import agencies_on
from ttx_data.ui.sso import sso_button, sso_claims, sso_configured, sso_mapping, sso_sign_out_button

lang = "en" if st.query_params.get("lang") == "en" else "vi"
st.title("TTX Bắc Giang — SSO")
if not sso_configured():
    st.error("Chưa cấu hình đăng nhập một lần / Single sign-on is not configured")
    st.stop()
claims = sso_claims()
if claims is None:
    st.text("Chưa đăng nhập / Not signed in")
    sso_button(lang)
    st.stop()
try:
    today = set(agencies_on(dt.date.today())["agency_id"])
    identity = claims_to_identity(claims, sso_mapping(), known_agencies=today)
except SsoClaimError as refused:
    st.error(refused.message(lang))
else:
    st.text(f"username = {identity.username}")
    st.text(f"display_name = {identity.display_name}")
    st.text(f"role = {identity.role}")
    st.text(f"agency = {identity.agency_code or '—'}")
sso_sign_out_button(lang)
