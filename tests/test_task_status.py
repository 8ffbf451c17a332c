"""The four-way classification of tasks on hand-worked dates, the lead's latest report read
(two leads combined), where the deadline comes from, and the order a leader reads them in."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from ttx_data import datasets
from ttx_data.tasks import status as task_status

D = dt.date


def _reports(*rows) -> pd.DataFrame:
    """task_reports rows from (task, agency, role, year, status, completed_on, deadline)."""
    found = []
    for task_id, agency_id, role, year, state, done, deadline in rows:
        found.append(
            {
                "task_id": task_id, "agency_id": agency_id, "role": role, "year": year,
                "status": state, "completed_on": done, "deadline": deadline,
                "progress": f"{task_id} {year}", "evidence": None, "obstacles": None,
                "proposals": None, "provenance": "reported", "source_title": "Báo cáo",
                "source_url": None, "note": None,
            }
        )  # fmt: skip
    return pd.DataFrame(found, columns=datasets.TASK_REPORTS.column_names)


@pytest.mark.parametrize(
    ("reported", "done", "deadline", "on", "expected"),
    [
        ("completed", D(2024, 6, 30), D(2024, 6, 30), D(2026, 1, 1), "completed_on_time"),
        ("completed", D(2024, 7, 1), D(2024, 6, 30), D(2026, 1, 1), "completed_late"),
        ("completed", None, D(2024, 6, 30), D(2026, 1, 1), "completed_on_time"),
        ("in_progress", None, D(2026, 1, 1), D(2026, 1, 1), "in_progress"),  # the deadline day
        ("in_progress", None, D(2025, 12, 31), D(2026, 1, 1), "overdue"),  # the day after
        ("not_started", None, D(2030, 12, 31), D(2026, 1, 1), "in_progress"),
        (None, None, D(2030, 12, 31), D(2026, 1, 1), "not_reported"),
        (None, None, D(2025, 12, 31), D(2026, 1, 1), "overdue"),
    ],
)
def test_classify_on_hand_worked_dates(reported, done, deadline, on, expected):
    assert task_status.classify(reported, done, deadline, on) == expected


def _row(frame: pd.DataFrame, task_id: str) -> dict:
    return frame.set_index("task_id").loc[task_id].to_dict()


def test_every_task_and_dated_duty_is_classified_in_the_plans_order():
    found = task_status.task_statuses(_reports(), on=D(2026, 11, 29))
    tasks = found[found["kind"] == "task"]
    assert (
        len(tasks) == 62 and tasks["task_id"].iloc[0] == "1.1" and tasks["task_id"].iloc[-1] == "9"
    )
    duties = found[found["kind"] == "duty"].set_index("task_id")
    # nothing reported: the mid-term review of 2025 is overdue; the final review is not yet due
    assert duties.loc["mid_term_review", "status"] == "overdue"
    assert duties.loc["mid_term_review", "days_overdue"] == (D(2026, 11, 29) - D(2025, 12, 31)).days
    assert duties.loc["final_review", "status"] == "not_reported"
    # a task the plan gives no date is due by the plan's end
    assert _row(found, "1.1")["deadline"] == D(2030, 12, 31)
    assert _row(found, "1.1")["deadline_basis"] == "plan_end"
    assert _row(found, "8.9.a")["deadline_basis"] == "plan"


def test_today_lead_follows_the_register():
    found = task_status.task_statuses(_reports(), on=D(2026, 1, 1))
    row = _row(found, "1.1")
    assert row["plan_lead"] == ("so_ke_hoach_dau_tu",)
    assert row["current_lead"] == ("so_tai_chinh_bac_ninh",)


def test_the_latest_lead_report_decides_and_a_cooperating_one_does_not():
    reports = _reports(
        ("1.1", "so_ke_hoach_dau_tu", "lead", 2023, "in_progress", None, D(2024, 6, 30)),
        ("1.1", "so_tai_chinh_bac_ninh", "lead", 2025, "completed", D(2025, 3, 1), None),
        ("1.1", "so_tai_chinh_bac_ninh", "cooperating", 2026, "not_started", None, None),
        ("1.2", "so_tai_chinh", "lead", 2024, "in_progress", None, D(2025, 6, 30)),
    )
    found = task_status.task_statuses(reports, on=D(2026, 2, 1))
    first = _row(found, "1.1")
    # 2025's report has no deadline: the plan's end counts, so March 2025 is on time
    assert (first["status"], first["year"], first["deadline_basis"]) == (
        "completed_on_time",
        2025,
        "plan_end",
    )
    second = _row(found, "1.2")
    assert (second["status"], second["deadline_basis"]) == ("overdue", "report")
    assert second["days_overdue"] == (D(2026, 2, 1) - D(2025, 6, 30)).days
    # on an earlier day, the later report is not yet read
    earlier = _row(task_status.task_statuses(reports, on=D(2024, 1, 1)), "1.1")
    assert (earlier["status"], earlier["year"]) == ("in_progress", 2023)


def test_two_leads_complete_a_task_only_together():
    both = _reports(
        ("2.4", "lead_a", "lead", 2025, "completed", D(2025, 5, 1), D(2025, 12, 31)),
        ("2.4", "lead_b", "lead", 2025, "in_progress", None, D(2025, 9, 30)),
    )
    row = _row(task_status.task_statuses(both, on=D(2026, 1, 10)), "2.4")
    assert row["status"] == "overdue" and row["deadline"] == D(2025, 9, 30)
    assert row["reported_by"] == ("lead_a", "lead_b")
    done = _reports(
        ("2.4", "lead_a", "lead", 2025, "completed", D(2025, 5, 1), D(2025, 9, 30)),
        ("2.4", "lead_b", "lead", 2025, "completed", D(2025, 10, 2), None),
    )
    row = _row(task_status.task_statuses(done, on=D(2026, 1, 10)), "2.4")
    assert (row["status"], row["completed_on"]) == ("completed_late", D(2025, 10, 2))


def test_worst_first_puts_the_longest_overdue_first_then_in_progress_and_done_last():
    reports = _reports(
        ("1.2", "x", "lead", 2025, "in_progress", None, D(2025, 11, 30)),
        ("1.3", "x", "lead", 2025, "in_progress", None, D(2024, 12, 31)),
        ("2.1", "x", "lead", 2025, "completed", D(2025, 1, 1), D(2025, 12, 31)),
        ("2.2", "x", "lead", 2025, "completed", D(2026, 1, 5), D(2025, 12, 31)),
        ("2.3", "x", "lead", 2025, "in_progress", None, None),
    )
    ordered = task_status.worst_first(task_status.task_statuses(reports, on=D(2026, 1, 10)))
    assert list(ordered["task_id"][:3]) == ["1.3", "1.2", "mid_term_review"]
    assert list(ordered["status"][:3]) == ["overdue"] * 3
    assert ordered["task_id"].iloc[3] == "2.3"  # in progress within the plan's horizon
    assert list(ordered["task_id"].iloc[-2:]) == ["2.2", "2.1"]
    counts = task_status.status_counts(ordered)
    assert list(counts) == list(task_status.STATUSES)
    assert counts["overdue"] == 3 and counts["completed_late"] == 1
    assert counts["completed_on_time"] == 1 and sum(counts.values()) == len(ordered)
