"""Single sign-on in Chromium, end to end on this machine: the app (a minimal SSO page) started with
a temporary secrets file pointing at the test OpenID Connect provider on 127.0.0.1; the SSO
button, the provider's round trip (authorization code + PKCE, RS256 id_token), the identity
mapped from the claims by [ttx.sso], then sign-out through the provider's end_session_endpoint."""

from __future__ import annotations

import os
import secrets
import time

import pytest

from tests.browser.conftest import ARTIFACTS, screenshot, wait_for_app
from tests.oidc_mock import CLIENT_ID, CLIENT_SECRET, MockProvider
from ttx_data.local_server import AppDidNotStart, serve_app
from ttx_data.paths import PROJECT_ROOT

LAN = {
    "sub": "3f6c1a",
    "email": "Lan.Nguyen@bacgiang.gov.vn",
    "name": "Nguyễn Thị Lan",
    "ttx_role": ["staff", "ttx-reviewer"],
    "ttx_agency": "STC",
}

SECRETS = """\
[auth]
redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
cookie_secret = "{cookie_secret}"

[auth.province]
client_id = "{client_id}"
client_secret = "{client_secret}"
server_metadata_url = "{metadata_url}"

[ttx.sso]
provider = "province"
username_claim = "email"
display_name_claim = "name"
role_claim = "ttx_role"
agency_claim = "ttx_agency"

[ttx.sso.roles]
"ttx-reporter" = "reporter"
"ttx-reviewer" = "reviewer"
"ttx-admin" = "admin"

[ttx.sso.agencies]
"STC" = "so_tai_chinh_bac_ninh"
"""


@pytest.fixture(scope="module")
def provider():
    with MockProvider() as running:
        yield running


@pytest.fixture(scope="module")
def secrets_file(provider, tmp_path_factory):
    """A secrets file pointing at the test provider, in a temporary folder (the project's
    .streamlit/ is untouched)."""
    secrets_file = tmp_path_factory.mktemp("sso") / "secrets.toml"
    secrets_file.write_text(
        SECRETS.format(
            cookie_secret=secrets.token_hex(32),
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            metadata_url=provider.metadata_url,
        ),
        encoding="utf-8",
    )
    return secrets_file


def _env() -> dict[str, str]:
    return {
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])
        ),
        "NO_PROXY": "127.0.0.1,localhost",  # the server's calls to the provider stay local
    }


@pytest.fixture(scope="module")
def sso_url(secrets_file):
    """tests/apps/sso_app.py served with the test provider's secrets."""
    try:
        with serve_app(
            ARTIFACTS / "streamlit-sso.log",
            env=_env(),
            script="tests/apps/sso_app.py",
            options=["--secrets.files", str(secrets_file)],
        ) as url:
            yield url
    except AppDidNotStart as failure:
        pytest.fail(str(failure))


def _auth_cookies(page) -> dict[str, dict]:
    return {c["name"]: c for c in page.context.cookies() if c["name"].startswith("_streamlit_user")}


def test_sign_in_through_the_provider_and_out_again(page, provider, sso_url):
    page.goto(sso_url)
    wait_for_app(page)
    button = page.get_by_role("button", name="Đăng nhập một lần (SSO)")
    button.wait_for(timeout=30000)
    assert page.get_by_text("Chưa đăng nhập / Not signed in").is_visible()
    screenshot(page, "sso-1-signed-out")

    provider.sign_in_as(LAN)
    provider.events.clear()
    started = time.monotonic()
    button.click()
    page.get_by_text("username = lan.nguyen@bacgiang.gov.vn").wait_for(timeout=30000)
    round_trip = time.monotonic() - started
    wait_for_app(page)
    assert page.get_by_text("display_name = Nguyễn Thị Lan").is_visible()
    assert page.get_by_text("role = reviewer").is_visible()
    assert page.get_by_text("agency = so_tai_chinh_bac_ninh").is_visible()
    assert {"authorize", "token", "jwks"} <= set(provider.events)
    assert provider.issued[-1]["email"] == LAN["email"]
    cookie = _auth_cookies(page)["_streamlit_user"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    screenshot(page, "sso-2-signed-in")
    print(f"SSO round trip (click → identity shown): {round_trip:.1f} s")

    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_text("Chưa đăng nhập / Not signed in").wait_for(timeout=30000)
    wait_for_app(page)
    assert "logout" in provider.events  # the provider's own session ended too
    assert not page.get_by_text("username = lan.nguyen@bacgiang.gov.vn").count()
    assert not _auth_cookies(page)
    page.reload()
    page.get_by_role("button", name="Đăng nhập một lần (SSO)").wait_for(timeout=30000)
    assert not page.get_by_text("role = reviewer").count()
    screenshot(page, "sso-3-signed-out-again")


def test_a_role_nobody_mapped_is_refused_with_a_message(page, provider, sso_url):
    page.goto(f"{sso_url}/?lang=en")
    wait_for_app(page)
    provider.sign_in_as({**LAN, "sub": "9e2d", "email": "guest@example.vn", "ttx_role": "guest"})
    page.get_by_role("button", name="Single sign-on (SSO)").click()
    # Streamlit's callback returns to the app's root: the ?lang=en of the page is not carried over
    refused = page.get_by_text("Vai trò 'guest' từ nhà cung cấp không tương ứng với vai trò TTX")
    refused.wait_for(timeout=30000)
    wait_for_app(page)
    assert not page.get_by_text("role = ").count()
    screenshot(page, "sso-4-role-refused")
    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_text("Chưa đăng nhập / Not signed in").wait_for(timeout=30000)


@pytest.fixture(scope="module")
def app_sso_url(secrets_file, browser_snapshots):
    """The real app (app.py) served with the test provider's secrets."""
    env = {**_env(), "TTX_BASEMAP": "off", "TTX_SNAPSHOTS_DIR": str(browser_snapshots)}
    try:
        with serve_app(
            ARTIFACTS / "streamlit-app-sso.log",
            env=env,
            options=["--secrets.files", str(secrets_file)],
        ) as url:
            yield url
    except AppDidNotStart as failure:
        pytest.fail(str(failure))


def test_the_apps_sign_in_page_signs_a_reviewer_in_through_the_provider(
    page, provider, app_sso_url
):
    page.goto(f"{app_sso_url}/sign_in")
    wait_for_app(page, 60000)
    button = page.get_by_role("button", name="Đăng nhập một lần (SSO)")
    button.wait_for(timeout=30000)
    provider.sign_in_as({**LAN, "sub": "a1b2", "email": "lan.app@bacgiang.gov.vn"})
    button.click()
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Nguyễn Thị Lan · Cán bộ thẩm định · Sở Tài chính tỉnh Bắc Ninh").wait_for(
        timeout=30000
    )
    wait_for_app(page)
    screenshot(page, "sso-5-app-signed-in")
    sidebar.get_by_role("button", name="Đăng xuất").click()
    sidebar.get_by_text("Đăng nhập (cán bộ)").wait_for(timeout=30000)
    assert not _auth_cookies(page)  # the provider's sign-in is forgotten too
    page.reload()
    wait_for_app(page, 60000)
    assert not page.get_by_text("Nguyễn Thị Lan").count()
