"""The meeting's overdue tasks by agency, on hand-made task reports and a fixed meeting day: the
headline's counts, the agencies named today's first (the plan's in brackets) and their order,
each agency's rows, splitting over slides, the case of no report at all, and none overdue."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from task_fakes import (
    COMMUNES,
    FARMING,
    FINANCE,
    MEETING_DAY,
    NEWSPAPER,
    RADIO,
    TRADE,
    data_with_task_reports,
    reports,
)

from ttx_data import meeting, task_slides
from ttx_data.filters import Filters

D = dt.date


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The data directory holding task_fakes.SAMPLE's reports, and their classification."""
    directory = data_with_task_reports(tmp_path_factory.mktemp("tasks") / "data")
    return directory, meeting.task_statuses(directory, MEETING_DAY)


def _slides(sample, lang="vi", **filters) -> list[meeting.Slide]:
    directory, statuses = sample
    return meeting.overdue_task_slides(
        statuses, Filters(lang=lang, **filters), MEETING_DAY, directory
    )


def _agencies(slides) -> list[task_slides.AgencyTasks]:
    return [group for slide in slides for group in slide.agencies]


def test_headline_counts_the_four_way_classification(sample):
    slides = _slides(sample)
    assert {slide.points for slide in slides} == {slides[0].points}  # repeated on each slide
    assert slides[0].points == (
        "9/62 nhiệm vụ quá hạn; 5 đã hoàn thành (2 quá hạn), 4 đang thực hiện trong hạn,"
        " 44 chưa có báo cáo",
        "1/3 mốc tổ chức thực hiện (mục IV) quá hạn",
        "⚠ 18 nhiệm vụ được phân loại theo báo cáo minh họa do TTX Bắc Giang tạo để thử, không"
        " phải báo cáo thật.",
    )
    assert slides[0].title == "Nhiệm vụ quá hạn theo cơ quan (1/3)"
    assert slides[0].subtitle == "Đến ngày 29/11/2026, theo báo cáo mới nhất của cơ quan chủ trì"
    assert all(slide.illustrative == 18 for slide in slides)  # every report shown is illustrative
    english = _slides(sample, "en")[0]
    assert english.points[0] == (
        "9 of 62 tasks overdue; 5 completed (2 late), 4 in progress within the deadline,"
        " 44 not reported"
    )


def test_agencies_named_today_worst_first(sample):
    groups = _agencies(_slides(sample))
    # most overdue first (Finance 4, Farming 3), then the longest overdue, then by code
    assert [g.agency_id for g in groups] == [FINANCE, FARMING, COMMUNES, TRADE, NEWSPAPER, RADIO]
    assert [(g.overdue, g.longest) for g in groups] == [
        (4, 333), (3, 333), (1, 333), (1, 152), (1, 29), (1, 29),
    ]  # fmt: skip
    names = [g.name for g in groups]
    assert names[0] == "Sở Tài chính tỉnh Bắc Ninh (KH: Sở Kế hoạch và Đầu tư; Sở Tài chính)"
    assert names[1] == (
        "Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh (KH: Sở Tài nguyên và Môi trường;"
        " Sở Nông nghiệp và Phát triển nông thôn; chưa xác minh)"
    )
    assert names[2] == "UBND các xã, phường (KH: UBND các huyện, thành phố; chưa xác minh)"
    assert names[4:] == ["Báo Bắc Giang", "Đài Phát thanh và Truyền hình tỉnh"]  # unchanged
    english = _agencies(_slides(sample, "en"))[0]
    assert english.name == (
        "Department of Finance of Bắc Ninh province (plan: Department of Planning and"
        " Investment; Department of Finance)"
    )
    assert english.summary("en") == "4 overdue, the longest by 333 days"


def test_more_overdue_tasks_come_before_a_longer_overdue_one(tmp_path):
    rows = [
        ("8.1.a", TRADE, 2025, "in_progress", None, D(2025, 1, 31), None, None),  # 667 days
        ("4.1", FINANCE, 2026, "in_progress", None, D(2026, 9, 30), None, None),  # 60 days
        ("4.2", FINANCE, 2026, "in_progress", None, D(2026, 10, 31), None, None),  # 29 days
        ("1.2", FARMING, 2026, "in_progress", None, D(2026, 10, 29), None, None),  # 31 days
        ("8.6.a", FARMING, 2026, "in_progress", None, D(2026, 10, 30), None, None),  # 30 days
    ]
    directory = data_with_task_reports(tmp_path / "data", reports(rows))
    statuses = meeting.task_statuses(directory, MEETING_DAY)
    slides = meeting.overdue_task_slides(statuses, Filters(lang="vi"), MEETING_DAY, directory)
    found = [(g.agency_id, g.overdue, g.longest) for g in _agencies(slides)]
    # Finance: 3 with the mid-term review (333 days); Farming: 2; Trade: 1, the longest of all
    assert found == [(FINANCE, 3, 333), (FARMING, 2, 31), (TRADE, 1, 667)]
    finance = _agencies(slides)[0]
    assert [x.item_id for x in finance.tasks] == ["mid_term_review", "4.1", "4.2"]


def test_an_agencys_rows_longest_overdue_first(sample):
    finance = _agencies(_slides(sample))[0]
    assert [(x.number, x.item_id, x.deadline_text, x.days_overdue) for x in finance.tasks] == [
        ("1.1", "1.1", "31/12/2025", 333),
        ("IV.2.1", "mid_term_review", "31/12/2025", 333),  # a dated duty, unreported
        ("4.1", "4.1", "30/06/2026", 152),
        ("4.2", "4.2", "30/09/2026", 60),
    ]
    first, review, _, fourth = finance.tasks
    # the plan's words without the agency that opens them, cut at a word
    assert first.text.startswith("Tham mưu thành lập Ban Chỉ đạo cấp tỉnh về TTX;")
    assert first.text.endswith("…") and len(first.text) <= task_slides.TEXT_CHARS
    assert first.report == (
        "Khó khăn: Trung ương chưa hướng dẫn bộ chỉ tiêu thống kê tăng…\n"
        "Đề xuất: Đề nghị UBND tỉnh giao Thống kê tỉnh phối hợp hoàn…"
    )
    assert review.report == "Chưa có báo cáo" and review.provenance is None
    assert fourth.report.startswith("Đề xuất: Đề nghị lùi hạn") and fourth.illustrative
    assert finance.summary("vi") == "4 nhiệm vụ quá hạn, lâu nhất 333 ngày"
    # a task with two leads today stands under each
    both = [g for g in _agencies(_slides(sample)) if g.agency_id in (NEWSPAPER, RADIO)]
    assert [[x.item_id for x in g.tasks] for g in both] == [["2.4"], ["2.4"]]
    english = _agencies(_slides(sample, "en"))[0].tasks
    assert english[0].text.startswith("Advise on setting up the provincial steering committee")
    assert english[1].text == "Hold the mid-term review of the plan's implementation in 2025."
    assert english[0].days_text("en") == "333 days"


def test_the_slides_split_without_breaking_an_agency_that_fits(sample):
    slides = _slides(sample)
    assert [[g.agency_id for g in s.agencies] for s in slides] == [
        [FINANCE],  # 5 rows; Farming's 4 would not fit the 2 left
        [FARMING, COMMUNES],
        [TRADE, NEWSPAPER, RADIO],
    ]
    for slide in slides:
        rows = sum(1 + len(group.tasks) for group in slide.agencies)
        assert rows <= meeting.ROWS_PER_SLIDE["overdue_tasks"], slide.title
    assert [s.title for s in slides][-1] == "Nhiệm vụ quá hạn theo cơ quan (3/3)"


def _group(agency_id: str, tasks: int) -> task_slides.AgencyTasks:
    task = task_slides.OverdueTask("1.1", "1.1", "x", D(2025, 12, 31), "31/12/2025", 1, "-", None)
    return task_slides.AgencyTasks(agency_id, agency_id, tasks, 1, (task,) * tasks)


def test_a_long_agency_continues_on_the_next_slide_its_heading_repeated():
    found = task_slides.pages([_group("a", 2), _group("b", 13), _group("c", 1)], rows=7)
    shape = [[(g.agency_id, len(g.tasks), g.continued) for g in page] for page in found]
    assert shape == [
        [("a", 2, False), ("b", 3, False)],  # b does not fit whole: it starts here
        [("b", 6, True)],
        [("b", 4, True), ("c", 1, False)],
    ]
    assert found[1][0].summary("vi") == "13 nhiệm vụ quá hạn, lâu nhất 1 ngày (tiếp)"
    assert task_slides.pages([]) == [()]
    assert task_slides.pages([_group("a", 6), _group("b", 1)], rows=7) == [
        (_group("a", 6),),
        (_group("b", 1),),
    ]


def test_many_overdue_tasks_of_one_agency_over_numbered_slides(tmp_path):
    finance_tasks = ["1.1", "4.1", "4.2", "5.2", "6.1", "8.1.c", "8.9.c", "8.9.d"]
    rows = [(task, FINANCE, 2025, "in_progress", None, D(2025, 12, 31), None, None)
            for task in finance_tasks]  # fmt: skip
    directory = data_with_task_reports(tmp_path / "data", reports(rows))
    statuses = meeting.task_statuses(directory, MEETING_DAY)
    slides = meeting.overdue_task_slides(statuses, Filters(lang="en"), MEETING_DAY, directory)
    assert [s.title for s in slides] == ["Overdue tasks by agency (1/2)", "Overdue tasks by agency (2/2)"]  # fmt: skip
    shown = [task.item_id for s in slides for g in s.agencies for task in g.tasks]
    assert sorted(shown) == sorted([*finance_tasks, "mid_term_review"])
    assert [g.continued for s in slides for g in s.agencies] == [False, True]
    assert slides[1].agencies[0].name.startswith("Department of Finance of Bắc Ninh province")


def test_no_report_at_all_says_so_and_lists_only_what_the_plans_dates_make_overdue(tmp_path):
    directory = data_with_task_reports(tmp_path / "data", reports([]))
    statuses = meeting.task_statuses(directory, MEETING_DAY)
    (slide,) = meeting.overdue_task_slides(statuses, Filters(lang="vi"), MEETING_DAY, directory)
    assert slide.title == "Nhiệm vụ quá hạn theo cơ quan"
    assert slide.points[0] == (
        "Chưa có báo cáo nào về tình hình thực hiện nhiệm vụ: cả 62 nhiệm vụ chưa có báo cáo"
    )
    assert "khi báo cáo được công bố, trang này liệt kê nhiệm vụ quá hạn" in slide.points[2]
    # not 62 rows of "not reported": the mid-term review (due 2025) only, under today's agency
    (finance,) = slide.agencies
    assert finance.agency_id == FINANCE and [x.item_id for x in finance.tasks] == [
        "mid_term_review"
    ]
    assert finance.name == "Sở Tài chính tỉnh Bắc Ninh (KH: Sở Kế hoạch và Đầu tư)"
    assert slide.illustrative == 0


def test_none_overdue_says_so(tmp_path):
    rows = [("1.1", "so_ke_hoach_dau_tu", 2024, "completed", D(2024, 5, 1), None, None, None)]
    directory = data_with_task_reports(tmp_path / "data", reports(rows, provenance="reported"))
    on = D(2025, 6, 1)  # before the mid-term review's deadline
    statuses = meeting.task_statuses(directory, on)
    (slide,) = meeting.overdue_task_slides(statuses, Filters(lang="en", sector="energy"), on)
    assert slide.points == (
        "0 of 62 tasks overdue; 1 completed (0 late), 0 in progress within the deadline,"
        " 61 not reported",
        "No task is overdue.",
        "Counts every task of the plan, whatever the area and sector filters.",
    )
    assert slide.agencies == () and slide.illustrative == 0
    assert "Báo cáo" in slide.sources  # the reports' source title


def test_the_meeting_ends_with_overdue_tasks_then_the_reporting_status(sample):
    directory, _ = sample
    plan = meeting.build_meeting(Filters(lang="vi"), directory, on=MEETING_DAY)
    kinds = [slide.kind for slide in plan.slides]
    assert kinds[-4:] == ["lagging", "overdue_tasks", "overdue_tasks", "overdue_tasks"]
    # the meeting's day is the reporting status's when given
    assert plan.slides[-1].subtitle.startswith("Đến ngày 29/11/2026")


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Tham mưu  thành lập\nBan Chỉ đạo", 40, "Tham mưu thành lập Ban Chỉ đạo"),
        ("Tham mưu thành lập Ban Chỉ đạo", 20, "Tham mưu thành lập…"),
        ("Một, hai; ba bốn", 10, "Một, hai…"),  # no dangling punctuation before the dots
        (None, 10, ""),
    ],
)
def test_shorten_cuts_at_a_word(text, limit, expected):
    assert task_slides.shorten(text, limit) == expected
    assert len(task_slides.shorten(text, limit)) <= limit


def test_a_report_without_obstacles_shows_its_progress(sample):
    farming = _agencies(_slides(sample))[1]
    assert [x.report for x in farming.tasks][1] == "Tiến độ: Đang triển khai"
    same = dataclasses.replace(farming, continued=True)
    assert same.summary("en") == "3 overdue, the longest by 333 days (continued)"
