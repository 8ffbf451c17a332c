"""The test provider (tests/oidc_mock.py) refuses what a real one refuses, so the browser round trip
through it proves something: a wrong client secret, PKCE verifier or reused code gets no token,
and the token it gives is an RS256 id_token that its published key verifies."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from tests.oidc_mock import CLIENT_ID, CLIENT_SECRET, MockProvider

REDIRECT = "http://127.0.0.1:8501/oauth2callback"
VERIFIER = "v" * 64
CHALLENGE = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).rstrip(b"=")


@pytest.fixture(scope="module")
def provider():
    with MockProvider() as running:
        yield running


@pytest.fixture
def client():
    with httpx.Client(trust_env=False, follow_redirects=False, timeout=5) as opened:
        yield opened


def _code(provider, client, **overrides) -> str:
    provider.sign_in_as({"sub": "u1", "email": "lan@bacgiang.gov.vn", "ttx_role": "ttx-admin"})
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT,
        "scope": "openid email profile",
        "state": "s1",
        "nonce": "n1",
        "code_challenge": CHALLENGE.decode(),
        "code_challenge_method": "S256",
        **overrides,
    }
    reply = client.get(f"{provider.issuer}/authorize", params=params)
    assert reply.status_code == 302, reply.text
    back = parse_qs(urlparse(reply.headers["location"]).query)
    assert back["state"] == ["s1"]
    return back["code"][0]


def _token(provider, client, code, secret=CLIENT_SECRET, verifier=VERIFIER):
    return client.post(
        f"{provider.issuer}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "code_verifier": verifier,
        },
        auth=(CLIENT_ID, secret),
    )


def test_code_flow_gives_a_verifiable_id_token(provider, client):
    metadata = client.get(provider.metadata_url).json()
    assert metadata["issuer"] == provider.issuer
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    code = _code(provider, client)
    reply = _token(provider, client, code)
    assert reply.status_code == 200, reply.text
    keys = KeySet.import_key_set(client.get(metadata["jwks_uri"]).json())
    claims = jwt.decode(reply.json()["id_token"], keys, algorithms=["RS256"]).claims
    assert claims["iss"] == provider.issuer and claims["aud"] == CLIENT_ID
    assert (claims["sub"], claims["nonce"], claims["ttx_role"]) == ("u1", "n1", "ttx-admin")
    assert claims["exp"] > claims["iat"]
    assert _token(provider, client, code).status_code == 400  # a code is used once


def test_wrong_secret_verifier_client_or_redirect_is_refused(provider, client):
    assert _token(provider, client, _code(provider, client), secret="guess").status_code == 401
    assert _token(provider, client, _code(provider, client), verifier="w" * 64).status_code == 400
    provider.sign_in_as({"sub": "u1"})
    for wrong in ({"client_id": "other"}, {"redirect_uri": "http://evil.example/oauth2callback"}):
        reply = client.get(
            f"{provider.issuer}/authorize",
            params={"response_type": "code", "scope": "openid", "state": "s", "nonce": "n",
                    "client_id": CLIENT_ID, "redirect_uri": REDIRECT, **wrong},
        )  # fmt: skip
        assert reply.status_code == 400


def test_nobody_chosen_is_access_denied(provider, client):
    _code(provider, client)  # uses up the chosen person
    reply = client.get(
        f"{provider.issuer}/authorize",
        params={"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": REDIRECT,
                "scope": "openid", "state": "s2", "nonce": "n"},
    )  # fmt: skip
    assert "error=access_denied" in reply.headers["location"]
