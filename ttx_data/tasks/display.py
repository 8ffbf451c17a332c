"""The plan's tasks in words, for the tasks, agency and target pages and their downloads: who
answers (today's agency, the plan's in brackets where different), deadlines, classifications
with their icon, and the tables as readers read them in Vietnamese or English."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ttx_data import catalog
from ttx_data.i18n import format_date, t
from ttx_data.status_display import TASK_STATUS_STYLES
from ttx_data.tasks.assignments import ROLES, current
from ttx_data.tasks.catalog import Task
from ttx_data.tasks.duties import Duty
from ttx_data.tasks.status import DEADLINE_BASES, status_label
from ttx_data.tasks.views import GROUP_NAMES, agency_name, exists_on, group_key, item_id

SHORT_TEXT = 160
"""How many characters of a task's text a table shows (the detail shows it whole)."""


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[lang == "en"]


def task_status_text(status: str, lang: str) -> str:
    """A classification with its icon, e.g. '✖ Quá hạn'."""
    return f"{TASK_STATUS_STYLES[status].icon} {status_label(status, lang)}"


def names(agency_ids: tuple[str, ...], lang: str) -> str:
    """Agencies' names, '; '-joined."""
    return "; ".join(agency_name(a, lang) for a in agency_ids)


def responsible(
    plan_ids: tuple[str, ...], current_ids: tuple[str, ...], verified: bool, lang: str
) -> str:
    """Today's agencies, then the plan's in brackets when they differ: 'Sở Tài chính tỉnh Bắc
    Ninh (Kế hoạch giao: Sở Kế hoạch và Đầu tư)'; 'chưa xác minh' when a hand-over is not
    sourced."""
    text = names(current_ids, lang)
    if tuple(plan_ids) == tuple(current_ids):
        return text
    key = "tasks.plan_named" if verified else "tasks.plan_named_unverified"
    return f"{text} ({t(key, lang, names=names(plan_ids, lang))})"


ADDRESSEE_MAX = 100
"""The longest words before a task's first colon read as whom the plan addresses it to."""


def action(item, lang: str) -> str:
    """What a task asks, for a table: in Vietnamese the plan's words without the addressee
    before the first colon ("Sở Kế hoạch và Đầu tư: Tham mưu ..." -> "Tham mưu ..."; the lead
    column names the agency), our summary in English; a duty's text as it is."""
    text = item.text(lang)
    head, colon, rest = text.partition(":")
    if isinstance(item, Task) and lang == "vi" and colon and len(head) <= ADDRESSEE_MAX:
        rest = rest.strip()
        return rest[0].upper() + rest[1:]
    return text


def short(text: str, limit: int = SHORT_TEXT) -> str:
    """A text on one line, cut to `limit` characters with '…'."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def group_text(key: str, lang: str) -> str:
    """A group's name with its number: '8. Nhóm nhiệm vụ, giải pháp tăng cường ...'."""
    name = _pick(GROUP_NAMES[key], lang)
    return name if not key.isdigit() else f"{key}. {name}"


def sector_text(sector: str, lang: str) -> str:
    """A catalog sector's name ('' for none)."""
    return _pick(catalog.SECTORS[sector], lang) if sector else ""


def deadline_basis_text(basis: str, lang: str) -> str:
    """Where a deadline comes from, in words."""
    return _pick(DEADLINE_BASES[basis], lang)


def day_text(value, lang: str) -> str:
    """A date as readers write it ('' for none)."""
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return ""
    return format_date(value, lang)


def text(value) -> str:
    """A text cell of a report ('' for none)."""
    return value if isinstance(value, str) else ""


def year_text(value) -> str:
    """A year ('' for none)."""
    return "" if value is None or pd.isna(value) else str(int(value))


def role_text(role: str, lang: str) -> str:
    """An agency's part in a task: lead, cooperating, every department's."""
    return _pick(ROLES[role], lang)


TABLE_COLUMNS = (
    "id", "status", "task", "lead", "deadline", "deadline_basis", "report_year", "progress",
    "group", "sector",
)  # fmt: skip
"""Columns of `tasks_table`, each headed by `t("tasks.col.<column>")`."""


def header(column: str, lang: str) -> str:
    """A task table's column header in the language."""
    return t(f"tasks.col.{column}", lang)


def tasks_table(rows: pd.DataFrame, items: dict, lang: str) -> pd.DataFrame:
    """Rows of `task_statuses` as the tasks page shows and downloads them (TABLE_COLUMNS, headed
    in the language); `items`: the tasks and duties by id (`views.items_by_id`)."""
    records = [
        {
            "id": row["task_id"],
            "group": group_key(row),
            "sector": sector_text(row["sector"], lang),
            "task": short(action(items[row["task_id"]], lang)),
            "lead": responsible(row["plan_lead"], row["current_lead"], row["verified"], lang),
            "deadline": day_text(row["deadline"], lang),
            "deadline_basis": deadline_basis_text(row["deadline_basis"], lang),
            "status": task_status_text(row["status"], lang),
            "report_year": year_text(row["year"]),
            "progress": text(row["progress"]),
        }
        for row in rows.to_dict("records")
    ]
    frame = pd.DataFrame(records, columns=list(TABLE_COLUMNS))
    return frame.rename(columns={c: header(c, lang) for c in TABLE_COLUMNS})


HISTORY_COLUMNS = (
    "year", "agency", "role", "reported", "completed_on", "deadline", "progress", "evidence",
    "obstacles", "proposals", "provenance", "source",
)  # fmt: skip
"""Columns of `history_table`, each headed by `t("tasks.history.<column>")`."""


def history_table(reports: pd.DataFrame, task_id: str, lang: str) -> pd.DataFrame:
    """What each published report on a task said, newest year first, the lead's first."""
    own = reports[reports["task_id"] == task_id]
    own = own.assign(_lead=own["role"] != "lead").sort_values(
        ["year", "_lead", "agency_id"], ascending=[False, True, True]
    )
    records = [
        {
            "year": str(int(row["year"])),
            "agency": agency_name(row["agency_id"], lang),
            "role": role_text(row["role"], lang),
            "reported": t(f"tasks.reported.{row['status']}", lang),
            "completed_on": day_text(row["completed_on"], lang),
            "deadline": day_text(row["deadline"], lang),
            "progress": text(row["progress"]),
            "evidence": text(row["evidence"]),
            "obstacles": text(row["obstacles"]),
            "proposals": text(row["proposals"]),
            "provenance": t(f"provenance.{row['provenance']}", lang),
            "source": text(row["source_title"]),
        }
        for row in own.to_dict("records")
    ]
    frame = pd.DataFrame(records, columns=list(HISTORY_COLUMNS))
    return frame.rename(columns={c: t(f"tasks.history.{c}", lang) for c in HISTORY_COLUMNS})


def agencies_table(item: Task | Duty, on: dt.date, lang: str) -> pd.DataFrame:
    """Who answers for a task or duty: per role, the plan's agencies and today's."""
    records = []
    for role, named in (("lead", item.lead_agency), ("cooperating", item.cooperating_agencies)):
        for plan_agency in named:
            now = current((plan_agency,), on)
            today = names(now.agencies, lang)
            if not now.verified:
                today = f"{today} ({t('tasks.unverified', lang)})"
            records.append(
                {
                    t("tasks.agencies.role", lang): role_text(role, lang),
                    t("tasks.agencies.plan", lang): agency_name(plan_agency, lang),
                    t("tasks.agencies.today", lang): today,
                }
            )
    return pd.DataFrame(records)


def item_option(item, lang: str) -> str:
    """A task or duty in a list to choose from: '8.9.a · Thực hiện lộ trình ...'."""
    return f"{item_id(item)} · {short(action(item, lang), 90)}"


def agency_option(agency_id: str, on: dt.date, lang: str) -> str:
    """An agency in a list to choose from: its name; for one of the plan's agencies gone by
    `on`, said so with who answers for it now."""
    if exists_on(agency_id, on):
        return agency_name(agency_id, lang)
    now = names(current((agency_id,), on).agencies, lang)
    return t("tasks.agency_gone", lang, name=agency_name(agency_id, lang), now=now)


def target_name(target_no: int, lang: str, directory=None) -> str:
    """A target in words: its indicators' names, '; '-joined."""
    found = [i.name(lang) for i in catalog.indicators(directory=directory)
             if i.target_no == target_no]  # fmt: skip
    return "; ".join(found)


def agency_table(view, items: dict, lang: str) -> pd.DataFrame:
    """An agency's tasks (`views.agency_view`) as downloaded: the tasks table with the agency's
    role and the plan's agencies it answers through."""
    table = tasks_table(view.tasks, items, lang)
    table.insert(1, header("role", lang), [role_text(r, lang) for r in view.tasks["role"]])
    table.insert(2, header("via", lang), [names(v, lang) for v in view.tasks["via"]])
    return table
