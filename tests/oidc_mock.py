"""A small OpenID Connect provider for the tests only, on 127.0.0.1: nothing leaves the machine.

    with MockProvider() as provider:             # serving on a free port in a background thread
        provider.sign_in_as({"sub": "u1", "email": "lan@x.vn", "ttx_role": "ttx-admin", ...})
        provider.metadata_url                    # → [auth.NAME] server_metadata_url
        ...                                      # the app's st.login comes back signed in as Lan
        provider.events                          # ["authorize", "token", "logout"], for asserting

It plays the authorization code flow as a real provider would, and refuses what one would refuse:
/authorize auto-approves the person chosen with `sign_in_as` (no form to fill) and redirects
back with a one-time code; /token checks the client's id and secret (HTTP Basic or form), the
redirect_uri and the PKCE S256 verifier, then returns an RS256-signed id_token (iss, aud, sub,
nonce, iat, exp, auth_time and the chosen person's claims); /jwks publishes the public key;
/logout (the end_session_endpoint) checks the id_token_hint and redirects to
post_logout_redirect_uri.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import socket
import threading
import time
from typing import Any
from urllib.parse import urlencode, urlparse

import uvicorn
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

CLIENT_ID = "ttx-test"
CLIENT_SECRET = "test-only-client-secret"  # noqa: S105 - a test provider's secret, not a real one
KEY_ID = "ttx-mock-key-1"


class MockProvider:
    """An OpenID Connect provider serving on 127.0.0.1 from a background thread."""

    def __init__(self, client_id: str = CLIENT_ID, client_secret: str = CLIENT_SECRET):
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = RSAKey.generate_key(
            2048, parameters={"kid": KEY_ID, "use": "sig", "alg": "RS256"}, private=True
        )
        self.events: list[str] = []
        self.issued: list[dict[str, Any]] = []  # the id_token claims handed out, in order
        self._next_user: dict[str, Any] | None = None
        self._codes: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self.issuer = f"http://127.0.0.1:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def sign_in_as(self, claims: dict[str, Any]) -> None:
        """The person the next /authorize approves: `claims` must include "sub"."""
        if "sub" not in claims:
            raise ValueError("claims need a 'sub'")
        with self._lock:
            self._next_user = dict(claims)

    # --- the endpoints ---

    async def _metadata(self, request: Request) -> Response:
        self.events.append("metadata")
        return JSONResponse(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "end_session_endpoint": f"{self.issuer}/logout",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", "email", "profile"],
                "token_endpoint_auth_methods_supported": [
                    "client_secret_basic",
                    "client_secret_post",
                ],
                "code_challenge_methods_supported": ["S256"],
                "claims_supported": ["sub", "email", "name", "ttx_role", "ttx_agency"],
            }
        )

    async def _jwks(self, request: Request) -> Response:
        self.events.append("jwks")
        return JSONResponse({"keys": [self.key.as_dict(private=False)]})

    async def _authorize(self, request: Request) -> Response:
        self.events.append("authorize")
        query = request.query_params
        redirect_uri = query.get("redirect_uri", "")
        target = urlparse(redirect_uri)
        if query.get("client_id") != self.client_id:
            return PlainTextResponse("unknown client_id", status_code=400)
        if target.hostname not in ("127.0.0.1", "localhost") or target.path != "/oauth2callback":
            return PlainTextResponse("redirect_uri not registered", status_code=400)
        if query.get("response_type") != "code" or "openid" not in query.get("scope", "").split():
            return PlainTextResponse("only the openid code flow", status_code=400)
        if not query.get("state") or not query.get("nonce"):
            return PlainTextResponse("state and nonce are required", status_code=400)
        with self._lock:
            user, self._next_user = self._next_user, None
        if user is None:
            error = {"error": "access_denied", "error_description": "no test user chosen"}
            return RedirectResponse(
                f"{redirect_uri}?{urlencode({**error, 'state': query['state']})}"
            )
        code = secrets.token_urlsafe(24)
        self._codes[code] = {
            "user": user,
            "nonce": query["nonce"],
            "redirect_uri": redirect_uri,
            "code_challenge": query.get("code_challenge"),
            "code_challenge_method": query.get("code_challenge_method"),
        }
        back = urlencode({"code": code, "state": query["state"]})
        return RedirectResponse(f"{redirect_uri}?{back}", status_code=302)

    def _client_authenticated(self, request: Request, form: dict[str, str]) -> bool:
        header = request.headers.get("authorization", "")
        if header.startswith("Basic "):
            client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
        else:
            client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        return client_id == self.client_id and secrets.compare_digest(secret, self.client_secret)

    async def _token(self, request: Request) -> Response:
        self.events.append("token")
        form = {key: str(value) for key, value in (await request.form()).items()}
        if not self._client_authenticated(request, form):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        if form.get("grant_type") != "authorization_code":
            return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
        grant = self._codes.pop(form.get("code", ""), None)  # a code is used once
        if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        if grant["code_challenge"] is not None:
            verifier = form.get("code_verifier", "").encode()
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
            if (
                grant["code_challenge_method"] != "S256"
                or digest.decode() != grant["code_challenge"]
            ):
                return JSONResponse({"error": "invalid_grant", "error_description": "PKCE"}, 400)
        now = int(time.time())
        claims = {
            **grant["user"],
            "iss": self.issuer,
            "aud": self.client_id,
            "nonce": grant["nonce"],
            "iat": now,
            "auth_time": now,
            "exp": now + 300,
        }
        self.issued.append(claims)
        id_token = jwt.encode({"alg": "RS256", "kid": KEY_ID}, claims, self.key)
        return JSONResponse(
            {
                "access_token": secrets.token_urlsafe(24),
                "token_type": "Bearer",
                "expires_in": 300,
                "scope": "openid email profile",
                "id_token": id_token,
            },
            headers={"Cache-Control": "no-store"},
        )

    async def _logout(self, request: Request) -> Response:
        self.events.append("logout")
        query = request.query_params
        try:
            hint = jwt.decode(query.get("id_token_hint", ""), self.key).claims
        except (JoseError, ValueError):
            return PlainTextResponse("invalid id_token_hint", status_code=400)
        if hint.get("iss") != self.issuer or query.get("client_id") != self.client_id:
            return PlainTextResponse("id_token_hint from another provider", status_code=400)
        target = query.get("post_logout_redirect_uri", "")
        if urlparse(target).hostname not in ("127.0.0.1", "localhost"):
            return PlainTextResponse("post_logout_redirect_uri not registered", status_code=400)
        return RedirectResponse(target, status_code=302)

    # --- serving ---

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self._metadata),
                Route("/jwks", self._jwks),
                Route("/authorize", self._authorize),
                Route("/token", self._token, methods=["POST"]),
                Route("/logout", self._logout),
            ]
        )

    def start(self) -> MockProvider:
        config = uvicorn.Config(self.app(), log_level="warning", lifespan="off", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the mock OpenID Connect provider did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._socket.close()

    def __enter__(self) -> MockProvider:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
