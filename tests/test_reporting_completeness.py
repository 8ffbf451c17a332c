"""Completeness and timeliness on a hand-worked period, on SQLite and PostgreSQL: what counts as
received (not a withdrawn submission, nor one superseded while it waited; an accepted one even
after its revision), on time by the day in Vietnam, missing and overdue, and the reminders; the
same for the reports on the tasks an agency leads (a row left blank, or a cooperating agency's
report, is not one), counted with the figures."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from reporting_fakes import (
    COMMUNES,
    FARMING,
    REVIEWER,
    TRADE,
    at,
    copy_published,
    intake,
    reporter,
    task_rows,
)

from ttx_data.reporting import completeness, regime, submissions, task_sheet

HEALTH = "so_y_te_bac_ninh"
TODAY = dt.date(2027, 2, 10)

EXPECTED = pd.DataFrame(
    [
        (TRADE, "t01_electricity_intensity", "province", dt.date(2027, 1, 31)),
        (TRADE, "t02_renewable_share", "province", dt.date(2027, 1, 31)),
        (TRADE, "s89_plastic_bag_reduction", "province", dt.date(2027, 1, 31)),
        (FARMING, "t05a_forest_cover", "province", dt.date(2027, 1, 15)),
        (FARMING, "t05b_certified_forest_area", "province", dt.date(2027, 1, 15)),
        (COMMUNES, "t05b_certified_forest_area", "commune", dt.date(2027, 2, 28)),
        (HEALTH, "t15a_clean_water_total_share", "province", dt.date(2027, 1, 31)),
    ],
    columns=["agency_id", "indicator_id", "level", "deadline"],
)
NO_TASKS = pd.DataFrame(columns=list(task_sheet.EXPECTED_COLUMNS))
"""The hand-worked figures alone (the tasks' own case is below)."""


def _send(engine, agency_id, when, *values, period="2026"):
    return submissions.submit(engine, intake(agency_id, *values, period=period),
                              actor=reporter(agency_id), file_name="x.xlsx", data=b"x",
                              now=when)  # fmt: skip


def _vietnam(day: str, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hour:02d}:{minute:02d}+07:00").astimezone(dt.UTC)


@pytest.fixture
def period_2026(store, tmp_path):
    """The hand-worked period (see each step's comment)."""
    published = copy_published(tmp_path / "data")
    # TRADE: t01 and t02 on 20/1 (on time), returned; again on 3/2 with t01 and s89 only (late)
    first = _send(store, TRADE, at("2027-01-20"), ("t01_electricity_intensity", "province", "24", 31.0),
                  ("t02_renewable_share", "province", "24", 4.0))  # fmt: skip
    submissions.review(store, first.id, actor=REVIEWER, accept=False, reason="Thiếu nguồn",
                       now=at("2027-01-21"))  # fmt: skip
    _send(store, TRADE, at("2027-02-03"), ("t01_electricity_intensity", "province", "24", 30.0),
          ("s89_plastic_bag_reduction", "province", "24", 50.0))  # fmt: skip
    # TRADE for 2027: another period, not counted
    _send(store, TRADE, at("2027-01-05"), ("s89_plastic_bag_reduction", "province", "24", 1.0),
          period="2027")  # fmt: skip
    # FARMING: t05a at 23:30 on 15/1 in Vietnam (16:30 UTC): on time; accepted at 00:10
    forest = _send(store, FARMING, _vietnam("2027-01-15", 23, 30),
                   ("t05a_forest_cover", "province", "24", 38.0))  # fmt: skip
    submissions.review(store, forest.id, actor=REVIEWER, accept=True, directory=published,
                       now=_vietnam("2027-01-16", 0, 10))  # fmt: skip
    # t05b at 00:30 on 16/1 in Vietnam (still 15/1 in UTC): late; returned on 20/1
    late = _send(store, FARMING, _vietnam("2027-01-16", 0, 30),
                 ("t05b_certified_forest_area", "province", "24", 11000.0))  # fmt: skip
    submissions.review(store, late.id, actor=REVIEWER, accept=False, reason="Thiếu nguồn",
                       now=at("2027-01-20"))  # fmt: skip
    # t05a revised and accepted on 6/2: the first (superseded, accepted) still counts, on time
    revised = _send(store, FARMING, at("2027-02-05"), ("t05a_forest_cover", "province", "24", 38.2))
    submissions.review(store, revised.id, actor=REVIEWER, accept=True, directory=published,
                       now=at("2027-02-06"))  # fmt: skip
    assert submissions.get(store, forest.id).state == "superseded"
    # COMMUNES: t05b of one commune, superseded while waiting by a report without it: missing
    _send(
        store, COMMUNES, at("2027-01-10"), ("t05b_certified_forest_area", "commune", "07246", 5.0)
    )
    _send(store, COMMUNES, at("2027-01-12"), ("t05a_forest_cover", "commune", "07246", 40.0))
    # HEALTH: t15a on 20/1, withdrawn the next day: not received
    sent = _send(store, HEALTH, at("2027-01-20"),
                 ("t15a_clean_water_total_share", "province", "24", 90.0))  # fmt: skip
    submissions.withdraw(store, sent.id, actor=reporter(HEALTH), now=at("2027-01-21"))
    return store


def test_completeness_counts_the_hand_worked_period(period_2026):
    found = completeness.completeness(
        period_2026, "2026", today=TODAY, expected=EXPECTED, tasks=NO_TASKS
    )
    assert list(found.columns) == list(completeness.COMPLETENESS_COLUMNS)
    counts = found.drop(columns=["agency"]).set_index("agency_id")
    assert counts.loc[TRADE].tolist() == [dt.date(2027, 1, 31), 3, 3, 0, 1, 2, 2, 1, 0, 0]
    assert counts.loc[FARMING].tolist() == [dt.date(2027, 1, 15), 2, 2, 1, 1, 0, 1, 1, 0, 0]
    assert counts.loc[COMMUNES].tolist() == [dt.date(2027, 2, 28), 1, 0, 0, 0, 0, 0, 0, 1, 0]
    assert counts.loc[HEALTH].tolist() == [dt.date(2027, 1, 31), 1, 0, 0, 0, 0, 0, 0, 1, 1]
    assert found.set_index("agency_id").loc[HEALTH, "agency"] == "Sở Y tế tỉnh Bắc Ninh"
    assert (found["received"] == found["accepted"] + found["returned"] + found["pending"]).all()
    assert (found["received"] == found["on_time"] + found["late"]).all()


def test_report_items_say_each_reports_status_and_timing(period_2026):
    items = completeness.report_items(
        period_2026, "2026", today=TODAY, expected=EXPECTED, tasks=NO_TASKS
    )
    table = items.set_index(["agency_id", "indicator_id"])[["status", "first_received", "timing"]]
    assert table.astype(object).where(table.notna(), None).values.tolist() == [
        ["pending", dt.date(2027, 1, 20), "on_time"],
        ["returned", dt.date(2027, 1, 20), "on_time"],
        ["pending", dt.date(2027, 2, 3), "late"],
        ["accepted", dt.date(2027, 1, 15), "on_time"],
        ["returned", dt.date(2027, 1, 16), "late"],
        ["missing", None, None],
        ["missing", None, "overdue"],
    ]


def test_before_the_deadlines_nothing_is_overdue(period_2026):
    found = completeness.completeness(period_2026, "2026", today=dt.date(2027, 1, 10),
                                      expected=EXPECTED, tasks=NO_TASKS)  # fmt: skip
    assert found["overdue"].sum() == 0
    assert found["missing"].sum() == 2


def test_reminders_go_to_agencies_still_missing_reports_before_their_deadline(period_2026):
    early = completeness.reminders(
        period_2026, "2026", dt.date(2027, 1, 10), expected=EXPECTED, tasks=NO_TASKS
    )
    assert early[["agency_id", "deadline", "days_left", "missing"]].values.tolist() == [
        [HEALTH, dt.date(2027, 1, 31), 21, 1],
        [COMMUNES, dt.date(2027, 2, 28), 49, 1],
    ]
    late = completeness.reminders(period_2026, "2026", TODAY, expected=EXPECTED, tasks=NO_TASKS)
    assert late["agency_id"].tolist() == [COMMUNES]
    on_the_day = completeness.reminders(period_2026, "2026", dt.date(2027, 1, 31),
                                        expected=EXPECTED, tasks=NO_TASKS)  # fmt: skip
    assert on_the_day[["agency_id", "days_left"]].values.tolist() == [[HEALTH, 0], [COMMUNES, 28]]
    row = early.iloc[0].to_dict()
    assert completeness.reminder_text(row, "2026", "vi") == (
        "Sở Y tế tỉnh Bắc Ninh: còn 1 báo cáo kỳ 2026 chưa nộp, hạn 31/01/2027 (còn 21 ngày)"
    )
    assert completeness.reminder_text(row, "2026", "en").endswith(
        ": 1 report(s) of period 2026 not yet submitted, due 31 Jan 2027 (21 day(s) left)"
    )


def test_the_expected_reports_come_from_the_regime(store, monkeypatch):
    """... in effect in the same store (the secretariat's rows of its regime), and the tasks
    each agency leads, due on the period's deadline by that regime."""
    asked = []

    def expected_reports(period, engine=None):
        asked.append((period, engine))
        return EXPECTED.assign(deadline=EXPECTED["deadline"].map(dt.date.isoformat))

    def expected_task_reports(period, on=None, *, deadline=None):
        asked.append((period, deadline))
        return pd.DataFrame([(HEALTH, "8.10.a", deadline)], columns=["agency_id", "task_id",
                                                                     "deadline"])  # fmt: skip

    monkeypatch.setattr(regime, "expected_reports", expected_reports)
    monkeypatch.setattr(task_sheet, "expected_task_reports", expected_task_reports)
    found = completeness.completeness(store, "2026", today=TODAY)
    assert asked == [("2026", store), ("2026", regime.period_deadline("2026"))]
    assert found["expected"].sum() == len(EXPECTED) + 1 == found["missing"].sum()
    assert found["overdue"].sum() == 7
    assert found.set_index("agency_id").loc[HEALTH, "expected"] == 2


def test_with_the_bundled_regime_every_expected_report_is_missing_at_first(store):
    expected = regime.expected_reports("2026")
    tasks = task_sheet.expected_task_reports("2026")
    found = completeness.completeness(store, "2026", today=dt.date(2027, 1, 1))
    assert found["agency_id"].tolist() == sorted({*expected["agency_id"], *tasks["agency_id"]})
    per_agency = (
        expected.groupby("agency_id").size().add(tasks.groupby("agency_id").size(), fill_value=0)
    )
    assert found.set_index("agency_id")["expected"].to_dict() == per_agency.astype(int).to_dict()
    assert found.set_index("agency_id").loc["bao_bac_giang", "expected"] == 1  # tasks only
    assert (found["missing"] == found["expected"]).all() and found["overdue"].sum() == 0
    assert found["deadline"].tolist() == [regime.period_deadline("2026")] * len(found)
    before_the_plan = completeness.completeness(store, "2021", today=dt.date(2027, 1, 1))
    assert "bao_bac_giang" not in set(before_the_plan["agency_id"])  # tasks from 2022 on


FINANCE = "so_tai_chinh_bac_ninh"
LEADS = pd.DataFrame(
    [
        (FINANCE, "4.1", dt.date(2027, 1, 15)),
        (FINANCE, "4.2", dt.date(2027, 1, 15)),
        (FINANCE, "8.9.d", dt.date(2027, 1, 15)),
        (TRADE, "8.9.b", dt.date(2027, 1, 15)),
    ],
    columns=list(task_sheet.EXPECTED_COLUMNS),
)
"""A hand-worked period's expected task reports (the agencies' real leads, a chosen few)."""


def _report(engine, agency_id, when, *reports, values=()):
    tasks = task_rows(*reports)
    return submissions.submit(engine, intake(agency_id, *values, tasks=tasks),
                              actor=reporter(agency_id), file_name="x.xlsx", data=b"x",
                              now=when)  # fmt: skip


def test_task_reports_count_as_the_leads_expected_reports(store, tmp_path):
    published = copy_published(tmp_path / "data")
    # FINANCE on 10/1 (on time): 4.2 reported, 4.1 left blank, 8.9.d as cooperating (not a
    # lead's report: a wrong role cannot come through the intake, here it stands for any other
    # row); accepted
    first = _report(store, FINANCE, at("2027-01-10"), ("4.2", "lead", "in_progress"),
                    ("4.1", "lead", None), ("8.9.d", "cooperating", "in_progress"))  # fmt: skip
    submissions.review(store, first.id, actor=REVIEWER, accept=True, directory=published,
                       now=at("2027-01-11"))  # fmt: skip
    # FINANCE on 20/1 (late): 4.1 reported, waiting; 4.2 again: received on 10/1 still
    _report(store, FINANCE, at("2027-01-20"), ("4.1", "lead", "not_started"),
            ("4.2", "lead", "completed"))  # fmt: skip
    # TRADE: a figure and 8.9.b on 14/1 (on time), returned
    sent = _report(store, TRADE, at("2027-01-14"), ("8.9.b", "lead", "in_progress"),
                   values=[("t01_electricity_intensity", "province", "24", 30.0)])  # fmt: skip
    submissions.review(store, sent.id, actor=REVIEWER, accept=False, reason="Thiếu minh chứng",
                       now=at("2027-01-16"))  # fmt: skip
    items = completeness.report_items(store, "2026", today=TODAY, expected=EXPECTED[:1],
                                      tasks=LEADS)  # fmt: skip
    tasks = items[items["task_id"].notna()].set_index(["agency_id", "task_id"])
    assert tasks[["status", "first_received", "timing"]].astype(object).where(
        tasks[["status", "first_received", "timing"]].notna(), None
    ).values.tolist() == [
        ["pending", dt.date(2027, 1, 20), "late"],  # 4.1: blank on 10/1, reported on 20/1
        ["accepted", dt.date(2027, 1, 10), "on_time"],  # 4.2
        ["missing", None, "overdue"],  # 8.9.d: only a cooperating row
        ["returned", dt.date(2027, 1, 14), "on_time"],  # 8.9.b
    ]
    found = completeness.completeness(store, "2026", today=TODAY, expected=EXPECTED[:1],
                                      tasks=LEADS).drop(columns=["agency"])  # fmt: skip
    counts = found.set_index("agency_id")
    # expected, received, accepted, returned, pending, on time, late, missing, overdue
    assert counts.loc[FINANCE].tolist()[1:] == [3, 2, 1, 0, 1, 1, 1, 1, 1]
    assert counts.loc[TRADE].tolist()[1:] == [2, 2, 0, 2, 0, 2, 0, 0, 0]  # t01 and 8.9.b
    assert (found["received"] == found["accepted"] + found["returned"] + found["pending"]).all()
