"""Single sign-on: the claim mapping (who a person is in TTX), which provider st.login uses, and the
UI helpers under AppTest (no provider here; the browser round trip is tests/browser/test_sso_browser)."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit import config
from streamlit.runtime.secrets import Secrets
from streamlit.testing.v1 import AppTest

from ttx_data.accounts.claims import (
    ROLES,
    Identity,
    SsoClaimError,
    claim_value,
    claims_to_identity,
    login_provider,
)

MAPPING = {
    "username_claim": "email",
    "display_name_claim": "name",
    "role_claim": "ttx_role",
    "agency_claim": "ttx_agency",
    "roles": {"ttx-admin": "admin", "ttx-reviewer": "reviewer", "ttx-reporter": "reporter"},
}
CLAIMS = {
    "sub": "a1b2",
    "email": "Lan.Nguyen@BacGiang.gov.vn",
    "name": "Nguyễn Thị Lan",
    "ttx_role": "ttx-reviewer",
    "ttx_agency": "so_tai_chinh",
}


def test_claims_become_an_identity():
    assert claims_to_identity(CLAIMS, MAPPING) == Identity(
        username="lan.nguyen@bacgiang.gov.vn",
        display_name="Nguyễn Thị Lan",
        role="reviewer",
        agency_code="so_tai_chinh",
    )


def test_default_claims_and_role_names_without_a_roles_table():
    claims = {"email": "an@x.vn", "ttx_role": "admin", "ttx_agency": "so_cong_thuong"}
    identity = claims_to_identity(claims, {})
    assert (identity.role, identity.agency_code, identity.display_name) == (
        "admin",
        "so_cong_thuong",
        "an@x.vn",  # no name claim: the username is shown
    )
    with pytest.raises(SsoClaimError):  # without a table, only the role names themselves count
        claims_to_identity({**claims, "ttx_role": "ttx-admin"}, {})


def test_a_list_of_groups_must_give_exactly_one_role():
    claims = {**CLAIMS, "ttx_role": ["staff", "ttx-reporter", "all-staff"]}
    assert claims_to_identity(claims, MAPPING).role == "reporter"
    claims = {**CLAIMS, "ttx_role": ["ttx-admin", "staff", "ttx-reporter"]}
    with pytest.raises(SsoClaimError, match=r"several TTX roles \(reporter, admin\)"):
        claims_to_identity(claims, MAPPING)
    claims = {**CLAIMS, "ttx_role": [f"group-{n}" for n in range(40)]}
    with pytest.raises(SsoClaimError, match=r"group-9, …' matches no TTX role"):
        claims_to_identity(claims, MAPPING)  # a long list of groups is cut short in the message
    roles = {**MAPPING["roles"], "ttx-boss": "admin"}  # two groups, one role: not ambiguous
    claims = {**CLAIMS, "ttx_role": ["ttx-boss", "ttx-admin"]}
    assert claims_to_identity(claims, {**MAPPING, "roles": roles}).role == "admin"


def test_only_a_reporter_needs_an_agency():
    for role in ("ttx-reviewer", "ttx-admin"):
        claims = {k: v for k, v in CLAIMS.items() if k != "ttx_agency"} | {"ttx_role": role}
        assert claims_to_identity(claims, MAPPING).agency_code is None
        assert claims_to_identity({**claims, "ttx_agency": " "}, MAPPING).agency_code is None
    claims = {**CLAIMS, "ttx_role": "ttx-reporter", "ttx_agency": ""}
    with pytest.raises(SsoClaimError, match="claim 'ttx_agency'"):
        claims_to_identity(claims, MAPPING)


def test_nested_and_url_named_claims():
    claims = {
        "preferred_username": "lan",
        "realm_access": {"roles": ["offline_access", "ttx-reviewer"]},
        "https://ttx.bacgiang.gov.vn/agency": "so_tai_chinh",
    }
    mapping = {
        **MAPPING,
        "username_claim": "preferred_username",
        "role_claim": "realm_access.roles",
        "agency_claim": "https://ttx.bacgiang.gov.vn/agency",
    }
    identity = claims_to_identity(claims, mapping)
    assert (identity.username, identity.role, identity.agency_code) == (
        "lan",
        "reviewer",
        "so_tai_chinh",
    )
    assert claim_value(claims, "realm_access.missing") is None
    assert claim_value(claims, "preferred_username.x") is None


def test_agency_table_and_known_agencies():
    mapping = {**MAPPING, "agencies": {"STC": "so_tai_chinh"}}
    claims = {**CLAIMS, "ttx_agency": "STC"}
    assert claims_to_identity(claims, mapping).agency_code == "so_tai_chinh"
    with pytest.raises(SsoClaimError, match="'XYZ'"):
        claims_to_identity({**claims, "ttx_agency": "XYZ"}, mapping)
    assert claims_to_identity(CLAIMS, MAPPING, known_agencies={"so_tai_chinh"}).role == "reviewer"
    with pytest.raises(SsoClaimError, match="so_tai_chinh"):
        claims_to_identity(CLAIMS, MAPPING, known_agencies={"so_cong_thuong"})


@pytest.mark.parametrize(
    ("claim", "value", "said"),
    [
        ("email", None, "claim 'email'"),
        ("email", "  ", "claim 'email'"),
        ("email", True, "claim 'email'"),
        ("ttx_role", None, "claim 'ttx_role'"),
        ("ttx_role", [], "claim 'ttx_role'"),
        ("ttx_role", "ttx-superuser", "'ttx-superuser'"),
        ("ttx_agency", {"id": 1}, "claim 'ttx_agency'"),
    ],
)
def test_a_missing_claim_or_unknown_role_is_refused_in_both_languages(claim, value, said):
    claims = {**CLAIMS, claim: value} if value is not None else {
        k: v for k, v in CLAIMS.items() if k != claim
    }  # fmt: skip
    with pytest.raises(SsoClaimError) as refused:
        claims_to_identity(claims, MAPPING)
    assert said in refused.value.vi and said in refused.value.en
    assert refused.value.message("vi") != refused.value.message("en")
    assert isinstance(refused.value, ValueError)


def test_nobody_signed_in_is_refused():
    for claims in (None, {}):
        with pytest.raises(SsoClaimError, match="Not signed in"):
            claims_to_identity(claims, MAPPING)


def test_a_wrong_roles_table_is_a_configuration_error():
    with pytest.raises(SsoClaimError, match="superuser"):
        claims_to_identity(CLAIMS, {**MAPPING, "roles": {"ttx-reviewer": "superuser"}})
    with pytest.raises(SsoClaimError, match="must be a table"):
        claims_to_identity(CLAIMS, {**MAPPING, "roles": "ttx-reviewer"})
    assert ROLES == ("reporter", "reviewer", "admin")


AUTH = {"redirect_uri": "https://ttx.example/oauth2callback", "cookie_secret": "s" * 32}
PROVIDER = {"client_id": "ttx", "client_secret": "x", "server_metadata_url": "https://idp/.wk"}


@pytest.mark.parametrize(
    ("secrets", "provider"),
    [
        ({}, None),
        ({"ttx": {"sso": {"role_claim": "r"}}}, None),
        ({"auth": {**AUTH}}, None),  # no provider
        ({"auth": {**AUTH, **PROVIDER}}, "default"),
        ({"auth": {"cookie_secret": "x", **PROVIDER}}, None),  # no redirect_uri
        ({"auth": {**AUTH, "province": PROVIDER}}, "province"),
        ({"auth": {**AUTH, "province": {"client_id": "ttx"}}}, None),  # incomplete
        ({"auth": {**AUTH, "my_idp": PROVIDER}}, None),  # st.login refuses underscores
        ({"auth": {**AUTH, "a": PROVIDER, "b": PROVIDER}}, "a"),
        ({"auth": {**AUTH, "a": PROVIDER, "b": PROVIDER}, "ttx": {"sso": {"provider": "b"}}}, "b"),
        ({"auth": {**AUTH, "a": PROVIDER}, "ttx": {"sso": {"provider": "c"}}}, None),
        ({"auth": {**AUTH, **PROVIDER}, "ttx": {"sso": {"provider": "default"}}}, "default"),
        ({"auth": {**AUTH, "a": PROVIDER}, "ttx": {"sso": {"provider": "default"}}}, None),
    ],
)
def test_which_provider_st_login_uses(secrets, provider):
    assert login_provider(secrets) == provider


def _sso_page():
    import streamlit as st

    from ttx_data.accounts.claims import SsoClaimError, claims_to_identity
    from ttx_data.ui.sso import sso_button, sso_claims, sso_configured, sso_mapping

    st.text(f"configured={sso_configured()}")
    sso_button(st.query_params.get("lang", "vi"))
    claims = sso_claims()
    if claims is not None:
        try:
            identity = claims_to_identity(claims, sso_mapping())
            st.text(f"{identity.username}|{identity.role}|{identity.agency_code}")
        except SsoClaimError as refused:
            st.text(refused.message("en"))


SECRETS = {"auth": {**AUTH, "province": PROVIDER}, "ttx": {"sso": MAPPING}}


def test_the_button_and_the_identity_under_apptest():
    app = AppTest.from_function(_sso_page)
    app.secrets = SECRETS
    app.user = {"is_logged_in": False}
    app.run()
    assert not app.exception
    assert app.text[0].value == "configured=True"
    assert [b.label for b in app.button] == ["Đăng nhập một lần (SSO)"]
    assert len(app.text) == 1  # not signed in: no identity

    app.query_params["lang"] = "en"
    app.user = {"is_logged_in": True, **CLAIMS}
    app.run()
    assert [b.label for b in app.button] == ["Single sign-on (SSO)"]
    assert app.text[1].value == "lan.nguyen@bacgiang.gov.vn|reviewer|so_tai_chinh"

    app.user = {"is_logged_in": True, **CLAIMS, "ttx_role": "guest"}
    app.run()
    assert "matches no TTX role" in app.text[1].value


@pytest.fixture
def secrets_files(tmp_path, monkeypatch):
    """Point Streamlit's secrets at files in tmp_path (a fresh st.secrets reads them)."""

    def use(*files):
        monkeypatch.setattr(st, "secrets", Secrets())
        previous = config.get_option("secrets.files")
        config.set_option("secrets.files", [str(tmp_path / f) for f in files])
        return previous

    previous = config.get_option("secrets.files")
    yield use
    config.set_option("secrets.files", previous)


def test_no_secrets_file_or_a_broken_one_means_no_sso_never_an_error(secrets_files, tmp_path):
    from ttx_data.ui.sso import sso_configured, sso_mapping, sso_provider

    secrets_files("missing.toml")
    assert (sso_configured(), sso_mapping(), sso_provider()) == (False, {}, None)

    (tmp_path / "broken.toml").write_text("[auth\nredirect_uri = ", encoding="utf-8")
    secrets_files("broken.toml")
    assert (sso_configured(), sso_mapping()) == (False, {})

    (tmp_path / "ok.toml").write_text(
        '[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\ncookie_secret = "c"\n'
        '[auth.province]\nclient_id = "ttx"\nclient_secret = "x"\n'
        'server_metadata_url = "http://127.0.0.1:1/.well-known/openid-configuration"\n'
        '[ttx.sso]\nrole_claim = "groups"\n[ttx.sso.roles]\n"ttx-admin" = "admin"\n',
        encoding="utf-8",
    )
    secrets_files("ok.toml")
    assert (sso_configured(), sso_provider()) == (True, "province")
    assert sso_mapping() == {"role_claim": "groups", "roles": {"ttx-admin": "admin"}}


def test_a_missing_secrets_file_is_not_looked_for_at_every_run(
    secrets_files, tmp_path, monkeypatch
):
    """Streamlit looks for the files under one lock: 60 simultaneous runs queued for it. Absent,
    they are looked for again after NO_SECRETS_KEPT_S; a file added meanwhile then counts."""
    from ttx_data.ui import sso

    secrets_files("late.toml")
    probes = []
    probe = st.secrets.load_if_toml_exists
    monkeypatch.setattr(st.secrets, "load_if_toml_exists", lambda: probes.append(1) or probe())
    now = [1000.0]
    monkeypatch.setattr(sso.time, "monotonic", lambda: now[0])
    assert [sso.sso_configured() for _ in range(5)] == [False] * 5
    assert len(probes) == 1
    (tmp_path / "late.toml").write_text(
        '[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\ncookie_secret = "c"\n'
        '[auth.province]\nclient_id = "ttx"\nclient_secret = "x"\n'
        'server_metadata_url = "http://127.0.0.1:1/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    assert sso.sso_configured() is False  # within the time it is known absent
    now[0] += sso.NO_SECRETS_KEPT_S + 1
    assert sso.sso_configured() is True and len(probes) == 2


def test_the_committed_example_secrets_configure_sso():
    import datetime as dt
    import tomllib

    from ttx_data.agencies.register import agencies_on
    from ttx_data.paths import PROJECT_ROOT

    example = tomllib.loads((PROJECT_ROOT / ".streamlit" / "secrets.example.toml").read_text())
    assert login_provider(example) == "province"
    claims = {"email": "a@b.vn", "ttx_role": ["x", "ttx-reporter"], "ttx_agency": "STC"}
    today = set(agencies_on(dt.date.today())["agency_id"])
    identity = claims_to_identity(claims, example["ttx"]["sso"], known_agencies=today)
    assert (identity.role, identity.agency_code) == ("reporter", "so_tai_chinh_bac_ninh")
    assert set(example["ttx"]["sso"]["agencies"].values()) <= today
    ignored = (PROJECT_ROOT / ".gitignore").read_text().splitlines()
    assert ".streamlit/secrets.toml" in ignored  # real secrets are never committed
