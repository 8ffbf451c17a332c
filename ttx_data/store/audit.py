"""The audit log: who did what, when, from where; append-only and hash-chained.

`record(connection, ...)` appends one entry inside the caller's transaction, so a change and its
entry are committed together or not at all. Each entry carries `content_hash` (SHA-256 of the
canonical JSON of its detail) and `entry_hash` = SHA-256(prev_hash + canonical entry), chaining it
to the entry before. The database refuses UPDATE and DELETE on the table (triggers made by the
migration); `verify_chain` finds what was altered anyway by someone able to drop the triggers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, select, update

from ttx_data.store.database import reading
from ttx_data.store.schema import (
    ACTOR_LENGTH,
    CLIENT_LENGTH,
    GENESIS_HASH,
    audit_head,
    audit_log,
)

ACTIONS = {
    "sign_in": ("Đăng nhập", "Signed in"),
    "sign_in_failed": ("Đăng nhập không thành công", "Sign-in failed"),
    "sign_out": ("Đăng xuất", "Signed out"),
    "account_added": ("Thêm tài khoản", "Account added"),
    "account_updated": ("Cập nhật tài khoản", "Account updated"),
    "account_disabled": ("Khóa tài khoản", "Account disabled"),
    "account_enabled": ("Mở lại tài khoản", "Account enabled"),
    "password_reset": ("Đặt lại mật khẩu", "Password reset"),
    "snapshot_reserved": ("Giữ tên ảnh chụp dữ liệu", "Snapshot name reserved"),
    "snapshot_created": ("Tạo ảnh chụp dữ liệu", "Snapshot created"),
    "snapshot_failed": ("Tạo ảnh chụp không thành công", "Snapshot failed"),
    "snapshot_refused": ("Từ chối tạo ảnh chụp", "Snapshot refused"),
    "snapshot_reservation_expired": (
        "Giải phóng tên ảnh chụp bị bỏ dở",
        "Abandoned snapshot name released",
    ),
    "submission_received": ("Nhận số liệu nộp", "Submission received"),
    "submission_returned": ("Trả lại số liệu nộp", "Submission returned"),
    "submission_accepted": ("Chấp nhận số liệu nộp", "Submission accepted"),
    "submission_withdrawn": ("Rút số liệu nộp", "Submission withdrawn"),
    "published": ("Công bố số liệu", "Published"),
    "regime_changed": ("Sửa chế độ báo cáo", "Reporting regime changed"),
    "regime_reset": (
        "Trả chế độ báo cáo về giá trị gốc",
        "Reporting regime reset to the bundled value",
    ),
}
"""Every action the log records, with its label in Vietnamese and English."""

SECRET_KEY_PATTERN = re.compile(r"(^|_)(password|passwd|secret|token)(_|$)")
"""A detail key naming a secret ("password", "password_hash", "new_password", "token"...) is
refused: secrets never enter the log."""


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    id: int
    at: dt.datetime
    actor: str
    role: str
    agency_code: str | None
    action: str
    target: str
    detail: dict[str, Any]
    client: str
    content_hash: str
    prev_hash: str
    entry_hash: str

    def label(self, lang: str = "vi") -> str:
        """The action in words."""
        vi, en = ACTIONS.get(self.action, (self.action, self.action))
        return en if lang == "en" else vi


def canonical_json(value: Any) -> str:
    """JSON with sorted keys, no spaces, UTF-8 text kept: the same value always gives the
    same text, so its hash can be checked again later."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _entry_text(row: dict[str, Any]) -> str:
    """The canonical text of an entry's fields (everything but its own and the previous hash)."""
    fields = {
        "at": row["at"].astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor": row["actor"],
        "role": row["role"],
        "agency_code": row["agency_code"],
        "action": row["action"],
        "target": row["target"],
        "detail": row["detail"],
        "client": row["client"],
        "content_hash": row["content_hash"],
    }
    return canonical_json(fields)


def entry_hash(prev_hash: str, row: dict[str, Any]) -> str:
    """The hash chaining an entry to the one before it."""
    return _sha256(prev_hash + _entry_text(row))


def _check_detail(detail: dict[str, Any]) -> None:
    for key in detail:
        if SECRET_KEY_PATTERN.search(key.lower()):
            raise ValueError(
                f"audit detail key {key!r} looks like a secret; secrets are not logged"
            )


def take_turn(connection: Connection):
    """Lock the chain's head row until the transaction ends and return it (last_id, last_hash).

    Writes that record to the log take turns on it (SELECT ... FOR UPDATE on PostgreSQL; SQLite's
    BEGIN IMMEDIATE already lets one writer in at a time); a write that must read before it
    writes (the next submission number) takes its turn first, then reads what the previous
    holder committed."""
    return connection.execute(
        select(audit_head.c.last_id, audit_head.c.last_hash)
        .where(audit_head.c.id == 1)
        .with_for_update()
    ).one()


def record(
    connection: Connection,
    *,
    actor: str,
    role: str,
    agency_code: str | None,
    action: str,
    target: str = "",
    detail: dict[str, Any] | None = None,
    client: str = "",
    now: dt.datetime | None = None,
) -> AuditEntry:
    """Append an entry in the caller's transaction (committed with the change it records).

    Appends take turns: the chain's head row is locked first (SELECT ... FOR UPDATE on
    PostgreSQL; SQLite writes one at a time already), so two entries never share a predecessor.
    `detail` holds what changed, never a password or its hash."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}; known: {', '.join(ACTIONS)}")
    detail = dict(detail or {})
    _check_detail(detail)
    detail_text = canonical_json(detail)
    at = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    row = {
        "at": at,
        "actor": actor[:ACTOR_LENGTH],
        "role": role,
        "agency_code": agency_code,
        "action": action,
        "target": target[:CLIENT_LENGTH],
        "detail": json.loads(detail_text),
        "client": client[:CLIENT_LENGTH],
        "content_hash": _sha256(detail_text),
    }
    head = take_turn(connection)
    row["prev_hash"] = head.last_hash
    row["entry_hash"] = entry_hash(head.last_hash, row)
    new_id = head.last_id + 1
    connection.execute(audit_log.insert().values(id=new_id, **{**row, "detail": detail_text}))
    connection.execute(
        update(audit_head)
        .where(audit_head.c.id == 1)
        .values(last_id=new_id, last_hash=row["entry_hash"])
    )
    return AuditEntry(id=new_id, **row)


def last_id(engine: Engine) -> int:
    """The id of the latest entry (0 for none): a version of everything audited, cheap to read,
    that changes with every submission, review, withdrawal or other recorded step."""
    with reading(engine) as connection:
        found = connection.execute(select(audit_head.c.last_id)).scalar()
    return int(found or 0)


def _entry(row) -> AuditEntry:
    values = row._asdict()
    values["detail"] = json.loads(values["detail"])
    return AuditEntry(**values)


def entries(
    engine: Engine,
    *,
    limit: int = 200,
    action: str | tuple[str, ...] | None = None,
    actor: str | None = None,
) -> list[AuditEntry]:
    """The latest entries, newest first, optionally of one action (or any of several) or one
    actor."""
    query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if action is not None:
        query = query.where(
            audit_log.c.action.in_((action,) if isinstance(action, str) else action)
        )
    if actor is not None:
        query = query.where(audit_log.c.actor == actor)
    with reading(engine) as connection:
        return [_entry(row) for row in connection.execute(query)]


def verify_chain(engine: Engine) -> list[str]:
    """What is wrong with the audit log's chain (empty when every entry is as written): an
    entry changed, removed or put in the wrong place, or entries missing at the end."""
    problems = []
    previous_hash, previous_id = GENESIS_HASH, 0
    with reading(engine) as connection:
        head = connection.execute(select(audit_head).where(audit_head.c.id == 1)).one()
        for row in connection.execute(select(audit_log).order_by(audit_log.c.id)):
            entry = _entry(row)
            values = {k: getattr(entry, k) for k in ("at", "actor", "role", "agency_code")}
            values |= {k: getattr(entry, k) for k in ("action", "target", "detail", "client")}
            values["content_hash"] = entry.content_hash
            where = f"#{entry.id} ({entry.action}, {entry.at:%Y-%m-%d %H:%M:%S} UTC)"
            if entry.id != previous_id + 1:
                problems.append(
                    f"mục {previous_id + 1}-{entry.id - 1} đã bị xóa / "
                    f"entries {previous_id + 1}-{entry.id - 1} were removed"
                )
            if entry.prev_hash != previous_hash:
                problems.append(
                    f"mục {where}: không nối với mục trước / entry {where}: does not follow the"
                    " entry before it"
                )
            if _sha256(canonical_json(entry.detail)) != entry.content_hash:
                problems.append(
                    f"mục {where}: nội dung đã bị sửa / entry {where}: its detail was altered"
                )
            if entry_hash(entry.prev_hash, values) != entry.entry_hash:
                problems.append(f"mục {where}: đã bị sửa / entry {where}: it was altered")
            previous_hash, previous_id = entry.entry_hash, entry.id
    if (head.last_id, head.last_hash) != (previous_id, previous_hash):
        problems.append(
            f"nhật ký kết thúc ở mục {previous_id} nhưng đầu chuỗi ghi mục {head.last_id}: các mục"
            f" cuối đã bị xóa hoặc sửa / the log ends at entry {previous_id} but the chain's head"
            f" says {head.last_id}: the last entries were removed or altered"
        )
    return problems


AUDIT_HEADERS = {
    "at": ("Thời điểm (UTC)", "When (UTC)"),
    "actor": ("Người thực hiện", "Who"),
    "role": ("Vai trò", "Role"),
    "agency_code": ("Cơ quan", "Agency"),
    "action": ("Việc", "What"),
    "target": ("Đối tượng", "Target"),
    "client": ("Từ đâu", "From"),
    "detail": ("Chi tiết", "Detail"),
    "entry_hash": ("Mã băm", "Hash"),
}
"""Columns of the audit log as people read it, in Vietnamese and English."""


def entries_table(found: list[AuditEntry], lang: str = "vi") -> pd.DataFrame:
    """The entries as a table with headers in the language: the action in words, the detail as
    canonical JSON text, the first 12 characters of each entry's hash."""
    rows = [
        {
            "at": entry.at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"),
            "actor": entry.actor or "—",
            "role": entry.role,
            "agency_code": entry.agency_code or "",
            "action": entry.label(lang),
            "target": entry.target,
            "client": entry.client,
            "detail": canonical_json(entry.detail) if entry.detail else "",
            "entry_hash": entry.entry_hash[:12],
        }
        for entry in found
    ]
    frame = pd.DataFrame(rows, columns=list(AUDIT_HEADERS))
    return frame.rename(columns={k: v[lang == "en"] for k, v in AUDIT_HEADERS.items()})
