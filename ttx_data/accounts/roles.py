"""Roles and what each may do: a viewer (anyone not signed in) reads; a reporter submits figures
for their own agency; a reviewer reviews submissions and freezes snapshots; an administrator
manages accounts. Reviewers and administrators (the secretariat) read the audit log and set the
reporting regime.

`can(actor, "submit", agency_code="so_tai_chinh_bac_ninh")` is the one question pages and
functions ask before acting.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, replace

ROLES = ("viewer", "reporter", "reviewer", "admin")
ROLE_LABELS = {
    "viewer": ("Người xem", "Viewer"),
    "reporter": ("Cán bộ báo cáo", "Reporter"),
    "reviewer": ("Cán bộ thẩm định", "Reviewer"),
    "admin": ("Quản trị viên", "Administrator"),
}
"""Each role's label in Vietnamese and English."""

PERMISSIONS = {
    "read": ("Xem dữ liệu", "Read the data"),
    "submit": ("Nộp số liệu cho cơ quan mình", "Submit figures for one's agency"),
    "review": ("Thẩm định số liệu đã nộp", "Review submitted figures"),
    "snapshot": ("Tạo ảnh chụp dữ liệu", "Freeze snapshots"),
    "audit": ("Xem nhật ký hoạt động", "Read the audit log"),
    "regime": ("Sửa chế độ báo cáo", "Set the reporting regime"),
    "manage_accounts": ("Quản lý tài khoản", "Manage accounts"),
    "clear_cache": ("Xóa bộ nhớ đệm", "Clear the cache"),
}
"""Each permission `can` knows, with its label in Vietnamese and English."""

_GRANTED = {
    "read": set(ROLES),
    "review": {"reviewer"},
    "snapshot": {"reviewer"},
    "audit": {"reviewer", "admin"},
    "regime": {"reviewer", "admin"},
    "manage_accounts": {"admin"},
    "clear_cache": {"admin"},
}


def _login_name() -> str:
    """The operating-system user running the command ("unknown" when there is none)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return "unknown"


def role_label(role: str, lang: str = "vi") -> str:
    """A role in words."""
    vi, en = ROLE_LABELS[role]
    return en if lang == "en" else vi


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in account, the anonymous viewer, or the operator at the server's
    command line (audited as "cli:<operating-system user>")."""

    username: str
    display_name: str
    role: str
    agency_code: str | None = None
    auth_source: str = ""

    @classmethod
    def anonymous(cls) -> Actor:
        """Anyone not signed in: a viewer."""
        return cls(username="", display_name="", role="viewer")

    @classmethod
    def operator(cls) -> Actor:
        """The person running `python -m ttx_data` on the server: may manage accounts."""
        user = _login_name()
        return cls(username=f"cli:{user}", display_name=user, role="admin", auth_source="cli")

    def through_cli(self) -> Actor:
        """This account acting through the server's command line (`submit`, `review` with
        --user NAME): same role and agency, audited as "cli:<login name> as NAME". No password
        is asked: whoever may run commands on the server is trusted to act for its accounts."""
        return replace(self, username=f"cli:{_login_name()} as {self.username}", auth_source="cli")

    @property
    def signed_in(self) -> bool:
        return self.role != "viewer"

    def audit_fields(self, client: str = "") -> dict:
        """Who acted, as every audit entry records it (`audit.record(..., **these)`)."""
        return {
            "actor": self.username,
            "role": self.role,
            "agency_code": self.agency_code,
            "client": client,
        }


def can(actor: Actor, permission: str, agency_code: str | None = None) -> bool:
    """Whether `actor` may do `permission`; for "submit", for the agency `agency_code` (a
    reporter submits for their own agency only; reviewers and administrators never submit)."""
    if permission == "submit":
        return (
            actor.role == "reporter"
            and agency_code is not None
            and (actor.agency_code == agency_code)
        )
    if permission not in _GRANTED:
        raise ValueError(
            f"quyền {permission!r} không tồn tại; dùng một trong: {', '.join(PERMISSIONS)} / "
            f"unknown permission {permission!r}; use one of: {', '.join(PERMISSIONS)}"
        )
    return actor.role in _GRANTED[permission]
