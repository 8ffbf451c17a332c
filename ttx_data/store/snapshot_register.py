"""The snapshot register: which snapshot names are taken, by whom, since when.

A name is reserved in the database before a snapshot's files are copied, so two people freezing
"Phiên họp BCĐ tháng 11/2026" at the same moment cannot both get it: the unique index on the
normalized name decides (the losing insert fails; there is no check-then-insert). The name is
compared casefolded with its spaces collapsed, so "Phiên họp  BCĐ" and "phiên họp bcđ" are one name.

`mark_ready` when the files are in place; `mark_failed` removes the reservation (the name is free
again; the audit log keeps the failure). A reservation left by a process that died mid-copy is
released once it is older than `STALE_RESERVATION`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from sqlalchemy import Engine, delete, exc, or_, select, update

from ttx_data.store import audit
from ttx_data.store.database import reading, writing
from ttx_data.store.errors import SnapshotNameTaken
from ttx_data.store.schema import snapshots

STALE_RESERVATION = dt.timedelta(minutes=30)
"""A snapshot's copy takes seconds; a reservation this old belongs to a process that died."""


@dataclass(frozen=True)
class Reservation:
    """A row of the snapshot register."""

    snapshot_id: str
    name: str
    state: str
    created_at: dt.datetime
    created_by: str


_COLUMNS = [snapshots.c[name] for name in Reservation.__dataclass_fields__]


def name_key(name: str) -> str:
    """The name as compared for uniqueness: NFC, casefolded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


def _holder(engine: Engine, snapshot_id: str, key: str) -> Reservation | None:
    query = select(*_COLUMNS).where(
        or_(snapshots.c.snapshot_id == snapshot_id, snapshots.c.name_key == key)
    )
    with reading(engine) as connection:
        row = connection.execute(query).first()
    return Reservation(**row._mapping) if row else None


def _taken(name: str, holder: Reservation | None) -> SnapshotNameTaken:
    if holder is None:  # released between our insert and our look-up
        return SnapshotNameTaken(
            f"Tên ảnh chụp «{name}» vừa được dùng; hãy thử lại hoặc đặt tên khác",
            f"The snapshot name “{name}” was just in use; try again or choose another name",
        )
    when = f"{holder.created_at:%Y-%m-%d %H:%M} UTC"
    state_vi = "đang tạo" if holder.state == "reserved" else "đã tạo"
    state_en = "being made" if holder.state == "reserved" else "made"
    return SnapshotNameTaken(
        f"Đã có ảnh chụp «{holder.name}» (mã {holder.snapshot_id}), {state_vi} bởi"
        f" {holder.created_by} lúc {when}; hãy đặt tên khác cho «{name}»",
        f"The snapshot “{holder.name}” (id {holder.snapshot_id}) is already {state_en} by"
        f" {holder.created_by} at {when}; choose another name for “{name}”",
    )


def _release_stale(engine: Engine, holder: Reservation, now: dt.datetime, **who) -> bool:
    """Remove a reservation abandoned by a dead process; True when this call removed it."""
    if holder.state != "reserved" or now - holder.created_at < STALE_RESERVATION:
        return False
    with writing(engine) as connection:
        removed = connection.execute(
            delete(snapshots).where(
                snapshots.c.snapshot_id == holder.snapshot_id,
                snapshots.c.state == "reserved",
                snapshots.c.created_at == holder.created_at,
            )
        ).rowcount
        if removed:
            audit.record(
                connection,
                action="snapshot_reservation_expired",
                target=holder.snapshot_id,
                detail={"name": holder.name, "reserved_by": holder.created_by},
                now=now,
                **who,
            )
    return bool(removed)


def reserve(
    engine: Engine,
    *,
    snapshot_id: str,
    name: str,
    actor: str,
    role: str,
    agency_code: str | None,
    client: str = "",
    now: dt.datetime | None = None,
) -> Reservation:
    """Reserve a snapshot's id and name for `actor`, with its audit entry, in one transaction.

    SnapshotNameTaken (naming who holds it and since when) when the id or the name is taken,
    also by someone reserving it at the same instant; the refusal is audited too."""
    now = _now(now)
    who = {"actor": actor, "role": role, "agency_code": agency_code, "client": client}
    key = name_key(name)
    for _ in range(2):  # a second try only after releasing an abandoned reservation
        try:
            with writing(engine) as connection:
                connection.execute(
                    snapshots.insert().values(
                        snapshot_id=snapshot_id,
                        name=name,
                        name_key=key,
                        state="reserved",
                        created_at=now,
                        created_by=actor,
                    )
                )
                audit.record(
                    connection,
                    action="snapshot_reserved",
                    target=snapshot_id,
                    detail={"name": name},
                    now=now,
                    **who,
                )
            return Reservation(snapshot_id, name, "reserved", now, actor)
        except exc.IntegrityError:
            holder = _holder(engine, snapshot_id, key)
            if holder is None or not _release_stale(engine, holder, now, **who):
                break
    with writing(engine) as connection:
        audit.record(
            connection,
            action="snapshot_refused",
            target=snapshot_id,
            detail={"name": name, "held_by": holder.created_by if holder else ""},
            now=now,
            **who,
        )
    raise _taken(name, holder)


def _finish(engine: Engine, statement, action: str, target: str, detail: dict, now, who) -> bool:
    """Apply `statement` to a reserved row and audit it, in one transaction; False when no
    reserved row was there."""
    with writing(engine) as connection:
        changed = connection.execute(statement).rowcount
        if changed:
            audit.record(connection, action=action, target=target, detail=detail, now=now, **who)
    return bool(changed)


def _reserved(snapshot_id: str):
    return (snapshots.c.snapshot_id == snapshot_id) & (snapshots.c.state == "reserved")


def mark_ready(
    engine: Engine,
    snapshot_id: str,
    *,
    actor: str,
    role: str,
    agency_code: str | None,
    client: str = "",
    now: dt.datetime | None = None,
) -> bool:
    """The snapshot's files are in place: its reservation becomes ready (audited). False when
    there was no reservation to finish."""
    who = {"actor": actor, "role": role, "agency_code": agency_code, "client": client}
    statement = update(snapshots).where(_reserved(snapshot_id)).values(state="ready")
    return _finish(engine, statement, "snapshot_created", snapshot_id, {}, _now(now), who)


def mark_failed(
    engine: Engine,
    snapshot_id: str,
    *,
    actor: str,
    role: str,
    agency_code: str | None,
    reason: str = "",
    client: str = "",
    now: dt.datetime | None = None,
) -> bool:
    """The snapshot could not be made: remove its reservation, freeing the name, and audit why.
    False when there was no reservation to remove."""
    who = {"actor": actor, "role": role, "agency_code": agency_code, "client": client}
    detail = {"reason": reason[:500]}
    statement = delete(snapshots).where(_reserved(snapshot_id))
    return _finish(engine, statement, "snapshot_failed", snapshot_id, detail, _now(now), who)


def registered(engine: Engine) -> list[Reservation]:
    """Every reserved or ready snapshot name, newest first."""
    query = select(*_COLUMNS).order_by(snapshots.c.created_at.desc())
    with reading(engine) as connection:
        return [Reservation(**row._mapping) for row in connection.execute(query)]
