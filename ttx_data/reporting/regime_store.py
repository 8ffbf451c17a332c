"""Setting the reporting regime in the app: the secretariat (reviewers and administrators, the
permission "regime") sets how one indicator is reported, or resets it to the bundled file's row.

A change is checked by the regime's own rules (`regime.check_regime`, through
`regime.entry_problems`) on the whole regime it would make, and refused with every problem (which
indicator, which field, what is wrong, how to fix it) in Vietnamese and English, storing nothing.
An accepted change writes the indicator's row in `regime_entries` (or deletes it when the row is
then the file's own) and its audit entry, with each changed field's value before and after and
the editor's reason, in one transaction. The history of changes is the audit log's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, Engine, delete, insert, update

from ttx_data.accounts import Actor, PermissionDenied, can
from ttx_data.i18n import t
from ttx_data.reporting import regime
from ttx_data.reporting.refusals import ReportingError
from ttx_data.store import audit
from ttx_data.store.database import writing
from ttx_data.store.schema import ACTOR_LENGTH, regime_entries

CHANGED, RESET = "regime_changed", "regime_reset"
"""The audit actions of a change and of a reset to the bundled value."""
REASON_LENGTH = 1000
"""The longest reason kept (characters)."""
NOTE_LENGTH = 1000
"""The longest note of an indicator's row (characters)."""
OPTIONAL = ("reporter", "plausible_min", "plausible_max", "note")
"""Fields that may be left empty (NULL in the store)."""
CURRENT_COLUMNS = (*regime.COLUMNS, "changed", "changed_by", "changed_at")
"""The regime in effect as listed (`current`): the file's columns, whether the row is the
secretariat's (it differs from the bundled file), who set it and when."""


class RegimeEditRefused(ReportingError):
    """A change of the regime that is not made: what is wrong and how to fix it, in vi and en;
    `problems` lists each problem as (vi, en)."""

    def __init__(self, vi: str, en: str, problems: list[tuple[str, str]] = ()):
        self.problems = list(problems)
        self.headline_vi, self.headline_en = vi, en
        lines_vi = "".join(f"\n- {p_vi}" for p_vi, _ in self.problems)
        lines_en = "".join(f"\n- {p_en}" for _, p_en in self.problems)
        super().__init__(vi + lines_vi, en + lines_en)

    def headline(self, lang: str = "vi") -> str:
        """What is refused, without the list of problems."""
        return self.headline_en if lang == "en" else self.headline_vi

    def problem_texts(self, lang: str = "vi") -> list[str]:
        """Each problem in one language."""
        return [en if lang == "en" else vi for vi, en in self.problems]


def _refused(key: str, **values) -> RegimeEditRefused:
    return RegimeEditRefused(t(key, "vi", **values), t(key, "en", **values))


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


def _allowed(actor: Actor) -> None:
    if not can(actor, "regime"):
        who = actor.username or "—"
        raise PermissionDenied(
            t("regime.not_allowed", "vi", who=who), t("regime.not_allowed", "en", who=who)
        )


def _reason(reason: str | None) -> str:
    said = " ".join((reason or "").split())
    if not said:
        raise _refused("regime.reason_needed")
    if len(said) > REASON_LENGTH:
        raise _refused("regime.reason_long", n=REASON_LENGTH)
    return said


def _file_row(file_rows: pd.DataFrame, indicator_id: str) -> dict[str, str]:
    """The bundled file's row of an indicator; refused when the regime does not list it."""
    found = file_rows[file_rows["indicator_id"] == indicator_id]
    if found.empty:
        raise _refused(
            "regime.unknown", id=indicator_id, known=", ".join(file_rows["indicator_id"])
        )
    return found.iloc[0].to_dict()


def _changes(before: Mapping[str, str], after: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """Field by field what differs, before -> after (the audit entry's detail)."""
    return {
        field: {"before": before[field], "after": after[field]}
        for field in regime.FIELDS
        if before[field] != after[field]
    }


def _check(file_rows: pd.DataFrame, replacements: dict[str, dict[str, str]]) -> None:
    """Refused with every problem, each in vi and en, unless the regime these replacements make
    passes the regime's rules."""
    rows = regime.overridden(file_rows, replacements)
    problems_vi = regime.entry_problems(rows, "vi")
    if problems_vi:
        problems = list(zip(problems_vi, regime.entry_problems(rows, "en"), strict=True))
        raise RegimeEditRefused(
            t("regime.refused", "vi", n=len(problems)),
            t("regime.refused", "en", n=len(problems)),
            problems,
        )


def _write(connection: Connection, row: dict[str, str] | None, indicator_id: str, known: bool,
           actor: Actor, now: dt.datetime) -> None:  # fmt: skip
    """Put the indicator's row in the store (None: delete it, the file's row applies)."""
    where = regime_entries.c.indicator_id == indicator_id
    if row is None:
        connection.execute(delete(regime_entries).where(where))
        return
    values = {f: (row[f] or None) if f in OPTIONAL else row[f] for f in regime.FIELDS}
    values |= {"changed_by": actor.username[:ACTOR_LENGTH], "changed_at": now}
    if known:
        connection.execute(update(regime_entries).where(where).values(**values))
    else:
        connection.execute(insert(regime_entries).values(indicator_id=indicator_id, **values))


def _record(connection: Connection, action: str, indicator_id: str, changes: dict, reason: str,
            actor: Actor, client: str, now: dt.datetime) -> audit.AuditEntry:  # fmt: skip
    detail = {"indicator_id": indicator_id, "changes": changes, "reason": reason}
    return audit.record(connection, action=action, target=indicator_id, detail=detail, now=now,
                        **actor.audit_fields(client))  # fmt: skip


def _edit(engine: Engine, indicator_id: str, action: str, new_row, unchanged: str, *,
          reason: str, actor: Actor, client: str, now: dt.datetime | None,
          path: Path | None) -> audit.AuditEntry:  # fmt: skip
    """One change of an indicator's row, `new_row(row in effect, bundled row)`: refused with the
    message `unchanged` when it changes nothing, or with every problem when the regime it makes
    breaks a rule; else the row (none when it is the file's) and its audit entry, in one
    transaction taken in turn, so each change is checked on the one before."""
    _allowed(actor)
    reason = _reason(reason)
    now = _now(now)
    file_rows = regime.load_regime_file(path)
    bundled = _file_row(file_rows, indicator_id)
    with writing(engine) as connection:
        audit.take_turn(connection)
        stored = {e.indicator_id: e.row() for e in regime.entries_on(connection)}
        before = stored.get(indicator_id, bundled)
        after = new_row(before, bundled)
        changes = _changes(before, after)
        if not changes:
            raise _refused(unchanged, id=indicator_id)
        _check(file_rows, {**stored, indicator_id: after})
        row = None if after == bundled else after
        _write(connection, row, indicator_id, indicator_id in stored, actor, now)
        return _record(connection, action, indicator_id, changes, reason, actor, client, now)


def set_entry(
    engine: Engine,
    indicator_id: str,
    changes: Mapping[str, str | None],
    *,
    reason: str,
    actor: Actor,
    client: str = "",
    now: dt.datetime | None = None,
    path: Path | None = None,
) -> audit.AuditEntry:
    """Set fields of an indicator's row (`changes`: field -> text; None or a missing field keeps
    the value in effect) with the reason for it; returns the audit entry of the change.

    Refused (RegimeEditRefused, vi/en, nothing stored) for an unknown field or indicator, no
    reason, nothing changed, or a regime that would break a rule; PermissionDenied without the
    permission "regime". The row, and its audit entry with each changed field before -> after
    and the reason, are one transaction; a row set back to the file's values is removed."""
    _allowed(actor)
    unknown = [field for field in changes if field not in regime.FIELDS]
    if unknown:
        raise _refused(
            "regime.unknown_field", fields=", ".join(unknown), known=", ".join(regime.FIELDS)
        )
    given = {field: str(value).strip() for field, value in changes.items() if value is not None}
    if len(given.get("note", "")) > NOTE_LENGTH:
        raise _refused("regime.note_long", n=NOTE_LENGTH)
    return _edit(engine, indicator_id, CHANGED, lambda before, _: {**before, **given},
                 "regime.nothing_changed", reason=reason, actor=actor, client=client, now=now,
                 path=path)  # fmt: skip


def reset_entry(
    engine: Engine,
    indicator_id: str,
    *,
    reason: str,
    actor: Actor,
    client: str = "",
    now: dt.datetime | None = None,
    path: Path | None = None,
) -> audit.AuditEntry:
    """Put an indicator's row back to the bundled file's (a change too: audited with each field
    before -> after and the reason); returns the audit entry. Refused when the row is the
    file's already."""
    return _edit(engine, indicator_id, RESET, lambda _, bundled: bundled,
                 "regime.already_bundled", reason=reason, actor=actor, client=client, now=now,
                 path=path)  # fmt: skip


def current(engine: Engine | None = None, path: Path | None = None) -> pd.DataFrame:
    """The regime in effect, one row per indicator in file order (CURRENT_COLUMNS): the file's
    columns, `changed` (the row is the secretariat's), and who set it and when ('' and None
    for a bundled row). Read as `regime.load_regime` reads it: without a store, the file."""
    rows = regime.load_regime(path, engine=engine)
    found = {e.indicator_id: e for e in regime.store_entries(engine)}
    effective = dict(zip(rows["indicator_id"], rows.to_dict("records"), strict=True))
    listed = []
    for indicator_id, row in effective.items():
        entry = found.get(indicator_id)
        mine = entry is not None and entry.row() == row  # in effect (not refused at load)
        listed.append({**row, "changed": mine, "changed_by": entry.changed_by if mine else "",
                       "changed_at": entry.changed_at if mine else None})  # fmt: skip
    frame = pd.DataFrame(listed, columns=list(CURRENT_COLUMNS), dtype=object)
    return frame.astype({"changed": bool})


def history(engine: Engine, limit: int = 200) -> list[audit.AuditEntry]:
    """The changes of the regime, newest first (from the audit log)."""
    return audit.entries(engine, limit=limit, action=(CHANGED, RESET))


def changes_text(entry: audit.AuditEntry) -> str:
    """An audited change field by field: "deadline: 01-15 → 01-31; note: — → Theo CV 12"."""
    return "; ".join(
        f"{field}: {change['before'] or '—'} → {change['after'] or '—'}"
        for field, change in entry.detail.get("changes", {}).items()
    )
