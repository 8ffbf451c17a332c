"""The meeting's reporting slide ("who has not reported") on a hand-worked period, on SQLite and
PostgreSQL: which period a meeting asks about, the rows per agency (figures and the reports on
the tasks each leads), the headline and totals, the order (not reported in full first), and a
store that cannot be read."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from reporting_fakes import (
    FARMING,
    REVIEWER,
    TRADE,
    at,
    copy_published,
    intake,
    reporter,
    task_rows,
)

from ttx_data import meeting
from ttx_data.filters import Filters
from ttx_data.meeting import REPORTING_COLUMNS, reporting_slides, worst_first
from ttx_data.reporting import completeness, submissions, task_sheet
from ttx_data.reporting.completeness import COMPLETENESS_COLUMNS, ReportingStatus
from ttx_data.store import database

FINANCE = "so_tai_chinh_bac_ninh"
BUILDING = "so_xay_dung_bac_ninh"
SCIENCE = "so_khoa_hoc_cong_nghe_bac_ninh"
ON = dt.date(2026, 2, 10)
"""The meeting day: period 2025's deadline (15/01/2026) has passed, 2026's has not."""


def _send(engine, agency_id, when, *values, tasks=None):
    return submissions.submit(engine, intake(agency_id, *values, period="2025", tasks=tasks),
                              actor=reporter(agency_id), file_name="x.xlsx", data=b"x",
                              now=when)  # fmt: skip


@pytest.fixture
def period_2025(store, tmp_path):
    """Period 2025 under the bundled regime: 35 figures of 5 agencies and 49 task reports of the
    14 agencies leading tasks (9 of them report no figure), all due 15/01/2026."""
    published = copy_published(tmp_path / "data")
    # TRADE: all 5 figures and its 6 tasks on 10/1 (on time), accepted
    led = [row.task_id for row in task_sheet.task_rows(TRADE, "2025", ON) if row.expected]
    sent = _send(store, TRADE, at("2026-01-10"),
                 ("t01_electricity_intensity", "province", "24", 31.0),
                 ("t02_renewable_share", "province", "24", 4.0),
                 ("t07_kcn_ccn_wwtp_share", "province", "24", 60.0),
                 ("t07_kcn_ccn_wwtp_share", "district", "213", 70.0),
                 ("s89_plastic_bag_reduction", "province", "24", 50.0),
                 tasks=task_rows(*[(t, "lead", "in_progress") for t in led], period="2025"))  # fmt: skip
    submissions.review(store, sent.id, actor=REVIEWER, accept=True, directory=published,
                       now=at("2026-01-12"))  # fmt: skip
    # FINANCE: t11 on 14/1 (on time), returned; t13 on 20/1 (late), waiting: both received
    first = _send(store, FINANCE, at("2026-01-14"),
                  ("t11_green_public_procurement_share", "province", "24", 20.0))  # fmt: skip
    submissions.review(store, first.id, actor=REVIEWER, accept=False, reason="Thiếu nguồn",
                       now=at("2026-01-16"))  # fmt: skip
    _send(store, FINANCE, at("2026-01-20"), ("t13_hdi", "province", "24", 0.72))
    # BUILDING: one figure of three, late (waiting); SCIENCE and FARMING: nothing; tasks:
    # nothing from any other agency
    _send(store, BUILDING, at("2026-01-25"),
          ("t10a_urban_wastewater_city_grade4_share", "province", "24", 40.0))  # fmt: skip
    return store


def _rows(slide: meeting.Slide) -> list[tuple[str, list[int]]]:
    return [(r.agency_id, [r.counts[c] for c in REPORTING_COLUMNS]) for r in slide.reports]


def test_the_meeting_asks_about_the_latest_period_past_its_deadline():
    assert completeness.meeting_period(dt.date(2026, 1, 15)) == "2024"  # due that day: not past
    assert completeness.meeting_period(dt.date(2026, 1, 16)) == "2025"
    assert completeness.meeting_period(ON) == "2025"
    assert completeness.meeting_period(dt.date(2026, 12, 31)) == "2025"
    assert completeness.meeting_period(dt.date(2021, 1, 10)) == "2020"  # none past: the first
    assert completeness.meeting_period(dt.date(2019, 6, 1)) == "2020"
    assert completeness.meeting_period(dt.date(2040, 1, 1)) == "2030"  # the plan's last


def test_reporting_slide_rows_headline_and_order(period_2025):
    status = completeness.reporting_status(period_2025, ON)
    assert (status.period, status.deadline, status.on) == ("2025", dt.date(2026, 1, 15), ON)
    slides = reporting_slides(status, Filters(lang="vi"))
    assert [s.title for s in slides] == [f"Tình hình báo cáo kỳ 2025 ({n}/3)" for n in (1, 2, 3)]
    slide = slides[0]
    assert slide.kind == "reporting"
    assert slide.subtitle.startswith("Hạn nộp 15/01/2026 · tình hình đến ngày 10/02/2026")
    assert slide.points == (
        "13/14 cơ quan chưa nộp đủ báo cáo kỳ 2025 (hạn 15/01/2026)",
        "Đã nhận 14/84 báo cáo: 11 đã chấp nhận, 1 bị trả lại, 2 chờ thẩm định; 70 chưa nộp,"
        " trong đó 70 quá hạn",
    )
    # expected, received, accepted, returned, pending, on time, late, missing, overdue;
    # all missing first, the most missing first (FARMING 24 figures and 8 tasks, SCIENCE 1 and
    # 7, then agencies of tasks only); then 2 of 13, 1 of 5; TRADE's 11 in full last
    rows = [row for s in slides for row in _rows(s)]
    assert rows == [
        (FARMING, [32, 0, 0, 0, 0, 0, 0, 32, 32]),
        (SCIENCE, [8, 0, 0, 0, 0, 0, 0, 8, 8]),
        ("so_noi_vu_bac_ninh", [3, 0, 0, 0, 0, 0, 0, 3, 3]),
        ("ngan_hang_nha_nuoc", [2, 0, 0, 0, 0, 0, 0, 2, 2]),
        ("so_giao_duc_dao_tao_bac_ninh", [2, 0, 0, 0, 0, 0, 0, 2, 2]),
        ("so_van_hoa_the_thao_du_lich_bac_ninh", [2, 0, 0, 0, 0, 0, 0, 2, 2]),
        ("so_y_te_bac_ninh", [2, 0, 0, 0, 0, 0, 0, 2, 2]),
        ("ban_quan_ly_kcn", [1, 0, 0, 0, 0, 0, 0, 1, 1]),
        ("bao_bac_giang", [1, 0, 0, 0, 0, 0, 0, 1, 1]),
        ("dai_phat_thanh_truyen_hinh", [1, 0, 0, 0, 0, 0, 0, 1, 1]),
        ("van_phong_ubnd_tinh_bac_ninh", [1, 0, 0, 0, 0, 0, 0, 1, 1]),
        (FINANCE, [13, 2, 0, 1, 1, 1, 1, 11, 11]),
        (BUILDING, [5, 1, 0, 0, 1, 0, 1, 4, 4]),
        (TRADE, [11, 11, 11, 0, 0, 11, 0, 0, 0]),
    ]
    assert [r.reported for r in slides[-1].reports] == [False, False, False, True]
    assert slide.reports[0].name == "Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh"  # today's name
    assert slide.illustrative == 0 and "cơ sở dữ liệu" in slide.sources[0]
    english = reporting_slides(status, Filters(lang="en"))[0]
    assert english.points[0] == (
        "13 of 14 agencies have not reported period 2025 in full (deadline 15 Jan 2026)"
    )
    assert (
        english.reports[0].name == "Department of Agriculture and Environment of Bắc Ninh province"
    )


def test_before_the_deadline_nothing_is_overdue_yet(period_2025):
    status = completeness.reporting_status(period_2025, dt.date(2026, 1, 15))
    assert status.period == "2024"  # 2025 is still due that day: the meeting asks about 2024
    table = completeness.completeness(period_2025, "2025", today=dt.date(2026, 1, 15))
    early = ReportingStatus("2025", dt.date(2026, 1, 15), dt.date(2026, 1, 15),
                            tuple(table.itertuples(index=False, name=None)))  # fmt: skip
    slide = reporting_slides(early, Filters(lang="en"))[0]
    assert slide.points[0].startswith("13 of 14 agencies have not reported period 2025 in full")
    assert slide.points[1].endswith("70 missing, 0 of them overdue")
    assert [r.agency_id for r in slide.reports][:2] == [FARMING, SCIENCE]


def _table(*rows) -> pd.DataFrame:
    """Completeness rows from (agency, expected, received, accepted, returned, pending, on time,
    late, missing, overdue)."""
    return pd.DataFrame(
        [(a, a, dt.date(2026, 1, 15), *counts) for a, *counts in rows],
        columns=list(COMPLETENESS_COLUMNS),
    )


def test_worst_first_order():
    table = _table(
        ("a_done", 4, 4, 4, 0, 0, 4, 0, 0, 0),
        ("b_returned", 2, 2, 0, 2, 0, 2, 0, 0, 0),
        ("c_half", 4, 2, 2, 0, 0, 2, 0, 2, 2),
        ("d_late", 3, 3, 3, 0, 0, 1, 2, 0, 0),
        ("e_nothing", 2, 0, 0, 0, 0, 0, 0, 2, 2),
        ("f_one_of_six", 6, 3, 3, 0, 0, 3, 0, 3, 3),
    )
    assert worst_first(table)["agency_id"].tolist() == [
        "e_nothing",  # 100 % missing
        "f_one_of_six",  # 50 %, 3 missing
        "c_half",  # 50 %, 2 missing
        "b_returned",  # reported in full: two returned
        "d_late",  # then two late
        "a_done",
    ]


def test_every_agency_reported_and_notes_for_snapshot_and_filters():
    table = _table((TRADE, 5, 5, 5, 0, 0, 4, 1, 0, 0), (FINANCE, 2, 2, 2, 0, 0, 2, 0, 0, 0))
    status = ReportingStatus("2025", dt.date(2026, 1, 15), ON,
                             tuple(table.itertuples(index=False, name=None)))  # fmt: skip
    filters = Filters(lang="vi", sector="energy")
    (slide,) = reporting_slides(status, filters, snapshot_name="Phiên họp BCĐ tháng 2/2026")
    assert slide.points == (
        "Cả 2 cơ quan đã nộp đủ báo cáo kỳ 2025 (hạn 15/01/2026)",
        "Đã nhận 7/7 báo cáo: 7 đã chấp nhận, 0 bị trả lại, 0 chờ thẩm định; 0 chưa nộp, trong"
        " đó 0 quá hạn",
        "Tình hình báo cáo tính đến hôm nay, không theo ảnh chụp dữ liệu «Phiên họp BCĐ tháng"
        " 2/2026».",
        "Tính mọi báo cáo theo chế độ báo cáo, không theo bộ lọc địa bàn, lĩnh vực.",
    )
    assert [r.agency_id for r in slide.reports] == [TRADE, FINANCE]  # a late one before none


def test_many_agencies_continue_on_a_second_slide():
    rows = [(f"agency_{n:02d}", 2, n % 3, 0, 0, n % 3, n % 3, 0, 2 - n % 3, 2 - n % 3)
            for n in range(9)]  # fmt: skip
    table = _table(*rows)
    status = ReportingStatus("2025", dt.date(2026, 1, 15), ON,
                             tuple(table.itertuples(index=False, name=None)))  # fmt: skip
    slides = reporting_slides(status, Filters(lang="en"))
    assert [s.title for s in slides] == [
        "Reporting status, period 2025 (1/2)",
        "Reporting status, period 2025 (2/2)",
    ]
    assert all(len(s.reports) <= meeting.ROWS_PER_SLIDE["reporting"] for s in slides)
    shown = [r.agency_id for s in slides for r in s.reports]
    assert shown == worst_first(table)["agency_id"].tolist()


def test_a_store_that_cannot_be_reached_gives_a_slide_saying_so(tmp_path):
    unreachable = f"sqlite:///{tmp_path / 'no-such-folder' / 'ttx.sqlite3'}"
    status = completeness.reporting_status(lambda: database.ensure_schema(unreachable), ON)
    assert status.rows is None and status.table is None and status.period == "2025"
    (slide,) = reporting_slides(status, Filters(lang="en"))
    assert slide.reports == ()
    assert slide.points == (
        "The reporting database could not be read, so the reporting status of period 2025 is"
        " not shown. See the Reporting completeness page once it is back.",
    )
    (vi,) = reporting_slides(status, Filters(lang="vi"))
    assert vi.points[0].startswith("Chưa đọc được cơ sở dữ liệu báo cáo")


def test_the_meeting_ends_with_the_reporting_slide_only_when_given_a_status(period_2025):
    status = completeness.reporting_status(period_2025, ON)
    filters = Filters(lang="vi", sector="energy")
    plain = meeting.build_meeting(filters, on=ON)
    assert "reporting" not in [s.kind for s in plain.slides]
    given = meeting.build_meeting(filters, reporting=status)  # the meeting's day: the status's
    shown = reporting_slides(status, filters)
    assert given.slides[: -len(shown)] == plain.slides
    assert list(given.slides[-len(shown) :]) == shown and len(shown) == 3
    assert given.slides[-len(shown) - 1].subtitle.startswith("Đến ngày 10/02/2026")  # overdue
    assert meeting.build_meeting(filters).slides != plain.slides  # today, overdue for longer
