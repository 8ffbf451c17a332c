"""Completeness and timeliness on a hand-worked period, on SQLite and PostgreSQL: what counts as
received (not a withdrawn submission, nor one superseded while it waited; an accepted one even
after its revision), on time by the day in Vietnam, missing and overdue, and the reminders."""

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
)

from ttx_data.reporting import completeness, regime, submissions

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
    found = completeness.completeness(period_2026, "2026", today=TODAY, expected=EXPECTED)
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
    items = completeness.report_items(period_2026, "2026", today=TODAY, expected=EXPECTED)
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
                                      expected=EXPECTED)  # fmt: skip
    assert found["overdue"].sum() == 0
    assert found["missing"].sum() == 2


def test_reminders_go_to_agencies_still_missing_reports_before_their_deadline(period_2026):
    early = completeness.reminders(period_2026, "2026", dt.date(2027, 1, 10), expected=EXPECTED)
    assert early[["agency_id", "deadline", "days_left", "missing"]].values.tolist() == [
        [HEALTH, dt.date(2027, 1, 31), 21, 1],
        [COMMUNES, dt.date(2027, 2, 28), 49, 1],
    ]
    late = completeness.reminders(period_2026, "2026", TODAY, expected=EXPECTED)
    assert late["agency_id"].tolist() == [COMMUNES]
    on_the_day = completeness.reminders(period_2026, "2026", dt.date(2027, 1, 31),
                                        expected=EXPECTED)  # fmt: skip
    assert on_the_day[["agency_id", "days_left"]].values.tolist() == [[HEALTH, 0], [COMMUNES, 28]]
    row = early.iloc[0].to_dict()
    assert completeness.reminder_text(row, "2026", "vi") == (
        "Sở Y tế tỉnh Bắc Ninh: còn 1 báo cáo kỳ 2026 chưa nộp, hạn 31/01/2027 (còn 21 ngày)"
    )
    assert completeness.reminder_text(row, "2026", "en").endswith(
        ": 1 report(s) of period 2026 not yet submitted, due 31 Jan 2027 (21 day(s) left)"
    )


def test_the_expected_reports_come_from_the_regime(store, monkeypatch):
    """... in effect in the same store (the secretariat's rows of its regime)."""
    asked = []

    def expected_reports(period, engine=None):
        asked.append((period, engine))
        return EXPECTED.assign(deadline=EXPECTED["deadline"].map(dt.date.isoformat))

    monkeypatch.setattr(regime, "expected_reports", expected_reports)
    found = completeness.completeness(store, "2026", today=TODAY)
    assert asked == [("2026", store)]
    assert found["expected"].sum() == len(EXPECTED) == found["missing"].sum()
    assert found["overdue"].sum() == 6


def test_with_the_bundled_regime_every_expected_report_is_missing_at_first(store):
    expected = regime.expected_reports("2026")
    found = completeness.completeness(store, "2026", today=dt.date(2027, 1, 1))
    assert found["agency_id"].tolist() == sorted(expected["agency_id"].unique())
    per_agency = expected.groupby("agency_id").size()
    assert found.set_index("agency_id")["expected"].to_dict() == per_agency.to_dict()
    assert (found["missing"] == found["expected"]).all() and found["overdue"].sum() == 0
    assert found["deadline"].tolist() == [regime.period_deadline("2026")] * len(found)
