"""Single sign-on: who a person is in TTX, read from the claims of an OpenID Connect ID token.

The province's provider (Keycloak, Entra ID, …) says who signed in; a claim mapping in the
configuration (`[ttx.sso]` in `.streamlit/secrets.toml`, see docs/deploy.md) says which claims
carry the username, the role and the agency, and which claim values mean which TTX role:

    mapping = {"username_claim": "email", "role_claim": "ttx_role", "agency_claim": "ttx_agency",
               "roles": {"ttx-admin": "admin", "ttx-reviewer": "reviewer"}}
    claims_to_identity(st_user_dict, mapping)  # Identity(username, display_name, role, agency_code)

Plain Python, no Streamlit: the page calls it with `st.user` as a dict. A claim that is missing or
a role nobody mapped is refused with a message in Vietnamese and English, never guessed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

ROLES = ("reporter", "reviewer", "admin")
"""TTX roles, least privileged first."""

DEFAULT_MAPPING: dict[str, Any] = {
    "username_claim": "email",
    "display_name_claim": "name",
    "role_claim": "ttx_role",
    "agency_claim": "ttx_agency",
}
"""Claims read when the configuration names none."""


class SsoClaimError(ValueError):
    """The provider's claims, or the claim mapping, do not say who the person is in TTX."""

    def __init__(self, vi: str, en: str):
        self.vi = vi
        self.en = en
        super().__init__(f"{vi} / {en}")

    def message(self, lang: str) -> str:
        """The message in one language ("vi" or "en")."""
        return self.en if lang == "en" else self.vi


@dataclass(frozen=True)
class Identity:
    """A person signed in through the provider, as TTX sees them."""

    username: str
    display_name: str
    role: str
    agency_code: str | None
    """Required for a reporter; a reviewer or an administrator may belong to no agency."""


def claim_value(claims: Mapping[str, Any], name: str) -> Any:
    """The claim `name`; a dotted name reaches into nested claims (`realm_access.roles`) unless a
    claim of that exact name exists (some providers use URLs as claim names). None when absent."""
    if name in claims:
        return claims[name]
    value: Any = claims
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _blank(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def _text_claim(claims: Mapping[str, Any], name: str, what: tuple[str, str]) -> str:
    value = claim_value(claims, name)
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
        raise SsoClaimError(
            f"Nhà cung cấp đăng nhập một lần không gửi {what[0]} (claim '{name}'); "
            "nhờ quản trị viên kiểm tra cấu hình [ttx.sso] và nhà cung cấp",
            f"The single sign-on provider sent no {what[1]} (claim '{name}'); "
            "ask an administrator to check the [ttx.sso] configuration and the provider",
        )
    return str(value).strip()


def _role_table(mapping: Mapping[str, Any]) -> dict[str, str]:
    table = mapping.get("roles")
    if table is None:
        return {role: role for role in ROLES}
    if not isinstance(table, Mapping) or not table:
        raise SsoClaimError(
            "Cấu hình [ttx.sso] roles phải là một bảng: giá trị claim = vai trò",
            "The [ttx.sso] roles setting must be a table: claim value = role",
        )
    wrong = sorted(str(role) for role in table.values() if role not in ROLES)
    if wrong:
        listed = ", ".join(ROLES)
        raise SsoClaimError(
            f"Cấu hình [ttx.sso] roles có vai trò không hợp lệ: {', '.join(wrong)}; "
            f"dùng một trong: {listed}",
            f"The [ttx.sso] roles setting has invalid roles: {', '.join(wrong)}; "
            f"use one of: {listed}",
        )
    return {str(value): str(role) for value, role in table.items()}


def _role(claims: Mapping[str, Any], name: str, table: Mapping[str, str]) -> str:
    value = claim_value(claims, name)
    values = value if isinstance(value, list) else [] if value is None else [value]
    values = [str(v).strip() for v in values if isinstance(v, str | int) and str(v).strip()]
    if not values:
        raise SsoClaimError(
            f"Nhà cung cấp đăng nhập một lần không gửi vai trò (claim '{name}'); "
            "nhờ quản trị viên cấp vai trò TTX cho tài khoản này",
            f"The single sign-on provider sent no role (claim '{name}'); "
            "ask an administrator to give this account a TTX role",
        )
    mapped = sorted({table[v] for v in values if v in table}, key=ROLES.index)
    shown = ", ".join(values[:10]) + (", …" if len(values) > 10 else "")  # groups can be many
    if not mapped:
        raise SsoClaimError(
            f"Vai trò '{shown}' từ nhà cung cấp không tương ứng với vai trò TTX nào "
            "([ttx.sso] roles); nhờ quản trị viên kiểm tra",
            f"The provider's role '{shown}' matches no TTX role ([ttx.sso] roles); "
            "ask an administrator to check",
        )
    if len(mapped) > 1:  # never guess which of several roles someone should have
        both = ", ".join(mapped)
        raise SsoClaimError(
            f"Claim '{name}' ({shown}) ứng với nhiều vai trò TTX ({both}); mỗi người chỉ được "
            "một vai trò: nhờ quản trị viên sửa nhóm ở nhà cung cấp",
            f"Claim '{name}' ({shown}) maps to several TTX roles ({both}); a person has exactly "
            "one: ask an administrator to fix the groups at the provider",
        )
    return mapped[0]


def claims_to_identity(
    claims: Mapping[str, Any] | None,
    mapping: Mapping[str, Any],
    known_agencies: Collection[str] | None = None,
) -> Identity:
    """The TTX identity the provider's `claims` describe, under the claim `mapping`.

    mapping keys (all optional): username_claim (default "email"), display_name_claim ("name"),
    role_claim ("ttx_role"), agency_claim ("ttx_agency"), roles ({claim value: reporter | reviewer
    | admin}; without it the claim must hold the role name itself) and agencies ({claim value:
    agency code}; without it the claim holds the code). A role claim may be a list (groups):
    exactly one TTX role must come out of it. A reporter needs an agency; a reviewer or an
    administrator without one gets agency_code None. The username is lower-cased (providers
    differ in e-mail case). With `known_agencies`, an agency code outside it is refused."""
    if not claims:
        raise SsoClaimError(
            "Chưa đăng nhập một lần: không có thông tin người dùng",
            "Not signed in through single sign-on: no user information",
        )
    settings = {**DEFAULT_MAPPING, **mapping}
    roles = _role_table(settings)
    username = _text_claim(
        claims, settings["username_claim"], ("tên đăng nhập", "username")
    ).lower()
    display_name_value = claim_value(claims, settings["display_name_claim"])
    display_name = (
        display_name_value.strip()
        if isinstance(display_name_value, str) and display_name_value.strip()
        else username
    )
    role = _role(claims, settings["role_claim"], roles)
    if role != "reporter" and _blank(claim_value(claims, settings["agency_claim"])):
        return Identity(username, display_name, role, None)  # reviewers and admins may have none
    agency = _text_claim(claims, settings["agency_claim"], ("cơ quan", "agency"))
    agencies = settings.get("agencies")
    if agencies is not None:
        if not isinstance(agencies, Mapping) or agency not in agencies:
            raise SsoClaimError(
                f"Cơ quan '{agency}' từ nhà cung cấp không có trong [ttx.sso] agencies",
                f"The provider's agency '{agency}' is not in [ttx.sso] agencies",
            )
        agency = str(agencies[agency])
    if known_agencies is not None and agency not in known_agencies:
        raise SsoClaimError(
            f"Mã cơ quan '{agency}' không có trong danh sách cơ quan của TTX",
            f"Agency code '{agency}' is not in TTX's agency register",
        )
    return Identity(username=username, display_name=display_name, role=role, agency_code=agency)


_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


def login_provider(secrets: Mapping[str, Any]) -> str | None:
    """Which provider `st.login` should use under these secrets, or None when single sign-on is
    not configured: "default" for client_id … directly in [auth], else the name of an
    [auth.NAME] section (`[ttx.sso] provider` chooses among several, else the first).

    [auth] needs redirect_uri and cookie_secret, and the provider client_id, client_secret and
    server_metadata_url, as Streamlit's st.login requires."""
    auth = secrets.get("auth")
    if not isinstance(auth, Mapping) or not all(
        k in auth for k in ("redirect_uri", "cookie_secret")
    ):
        return None
    named = [
        name
        for name, section in auth.items()
        if isinstance(section, Mapping)
        and all(k in section for k in _PROVIDER_KEYS)
        and "_" not in name  # st.login refuses provider names with underscores
    ]
    ttx = secrets.get("ttx")
    sso = ttx.get("sso") if isinstance(ttx, Mapping) else None
    chosen = sso.get("provider") if isinstance(sso, Mapping) else None
    has_default = all(k in auth for k in _PROVIDER_KEYS)
    if chosen is not None:
        if chosen == "default":
            return "default" if has_default else None
        return chosen if chosen in named else None
    if named:
        return named[0]
    return "default" if has_default else None
