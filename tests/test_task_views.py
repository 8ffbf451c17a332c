"""What people read of the tasks: the filters of the tasks page, what a merged agency owes (Sở
Tài chính tỉnh Bắc Ninh: what the plan gave Sở KH&ĐT and Sở Tài chính), a target's indicators
beside its tasks, the attention list's order on hand-made data, and the tables in words (text
from reports shown as typed, escaped in HTML)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from task_reports_data import EXPECTED, ON, reports_frame

from ttx_data import links, scorecard
from ttx_data.filters import Filters
from ttx_data.reporting import regime
from ttx_data.tasks import display, load_tasks, views
from ttx_data.tasks import status as task_status
from ttx_data.ui import task_html

STC = "so_tai_chinh_bac_ninh"
KHDT, TC = "so_ke_hoach_dau_tu", "so_tai_chinh"


@pytest.fixture(scope="module")
def statuses() -> pd.DataFrame:
    return task_status.task_statuses(reports_frame(), ON)


@pytest.fixture(scope="module")
def card() -> pd.DataFrame:
    return scorecard.load_scorecard()


def test_the_example_reports_give_the_expected_mix(statuses):
    found = statuses.set_index("task_id")["status"]
    assert {k: found[k] for k in EXPECTED} == EXPECTED
    assert set(found) == set(task_status.STATUSES)  # every classification shows


# --- what a merged agency owes ---------------------------------------------------------------


def _named(agency_id: str, role: str) -> set[str]:
    column = "lead_agency" if role == "lead" else "cooperating_agencies"
    return {t.task_id for t in load_tasks() if agency_id in getattr(t, column)}


def test_the_merged_finance_department_shows_what_both_departments_were_given(statuses, card):
    view = views.agency_view(STC, statuses, card, regime.rules(ON), ON)
    assert view.plan_agencies == (KHDT, TC)
    led = view.role("lead")
    tasks = set(led[led["kind"] == "task"]["task_id"])
    assert tasks == _named(KHDT, "lead") | _named(TC, "lead")
    assert {"1.1", "4.1", "8.9.c"} <= tasks and {"4.2", "8.9.d"} <= tasks  # KH&ĐT's, Sở TC's
    via = dict(zip(led["task_id"], led["via"], strict=True))
    assert via["1.1"] == (KHDT,) and via["4.2"] == (TC,)
    assert set(via["8.9.d"]) == {KHDT, TC}  # Sở TC leads, Sở KH&ĐT cooperates: both came to it
    # the dated duties of section IV given to Sở KH&ĐT came too
    assert {"mid_term_review", "final_review"} <= set(led["task_id"])
    cooperating = set(view.role("cooperating")["task_id"])
    assert cooperating == (_named(KHDT, "cooperating") | _named(TC, "cooperating")) - tasks
    assert not view.role("all").empty  # "các sở, ban, ngành": every department's
    # worst first, with each task's status: the overdue 1.1 before what is not reported
    order = list(view.tasks["status"])
    assert order == sorted(order, key=list(task_status.STATUSES).index)
    assert led.set_index("task_id").loc["1.1", "status"] == "overdue"


def test_the_merged_agency_reports_the_indicators_the_regime_gives_it(statuses, card):
    rules = regime.rules(ON)
    view = views.agency_view(STC, statuses, card, rules, ON)
    assert set(view.indicators["indicator_id"]) == {r.indicator_id for r in rules
                                                     if r.agency_id == STC}  # fmt: skip
    assert {"t11_green_public_procurement_share", "t13_hdi"} <= set(view.indicators["indicator_id"])
    assert set(view.indicators["plan_agency"]) == {KHDT}
    assert "status" in view.indicators and "latest_value" in view.indicators


def test_an_agency_of_the_plan_since_merged_keeps_only_what_the_plan_gave_it(statuses):
    kept = views.filtered(statuses, views.TaskFilter(agency=KHDT), ON)
    assert set(kept[kept["kind"] == "task"]["task_id"]) >= _named(KHDT, "lead")
    assert "4.2" not in set(kept["task_id"])  # Sở Tài chính's own
    merged = views.filtered(statuses, views.TaskFilter(agency=STC), ON)
    assert set(kept["task_id"]) < set(merged["task_id"])


def test_agencies_to_choose_from_today_and_the_plans_gone():
    now, gone = views.agency_options(ON)
    assert STC in now and KHDT not in now and "ban_quan_ly_kcn" in now
    assert KHDT in gone and TC in gone and STC not in gone
    assert display.agency_option(KHDT, ON, "vi") == (
        "Sở Kế hoạch và Đầu tư (theo Kế hoạch; nay: Sở Tài chính tỉnh Bắc Ninh)"
    )
    assert display.agency_option(STC, ON, "en") == "Department of Finance of Bắc Ninh province"


# --- filters of the tasks page --------------------------------------------------------------


def test_filters_by_group_sector_target_and_status_worst_first(statuses):
    group = views.filtered(statuses, views.TaskFilter(group="8"), ON)
    assert set(group["task_id"].str.split(".").str[0]) == {"8"}
    assert group["task_id"].iloc[0] == "8.2.b"  # the longest overdue first
    duties = views.filtered(statuses, views.TaskFilter(group=views.DUTIES_GROUP), ON)
    assert set(duties["kind"]) == {"duty"} and duties["task_id"].iloc[0] == "mid_term_review"
    energy = views.filtered(statuses, views.TaskFilter(sector="energy"), ON)
    assert list(energy["task_id"]) == ["8.1.a", "8.1.b", "8.1.c"]
    target = views.filtered(statuses, views.TaskFilter(target=5), ON)
    assert set(target["task_id"]) == {"8.5.a", "8.5.c"}
    overdue = views.filtered(statuses, views.TaskFilter(status="overdue", group="8"), ON)
    assert list(overdue["task_id"]) == ["8.2.b", "8.9.d", "8.1.a"]
    assert views.filtered(statuses, views.TaskFilter(), ON)["task_id"].iloc[0] == "8.2.b"


# --- a target ------------------------------------------------------------------------------


def test_a_target_shows_its_indicators_beside_the_tasks_serving_it(statuses, card):
    view = views.target_view(5, statuses, card)
    assert view.group == "economy"
    assert list(view.indicators["indicator_id"]) == [
        "t05a_forest_cover",
        "t05b_certified_forest_area",
    ]
    assert list(view.tasks["task_id"]) == ["8.5.a", "8.5.c"]  # in progress, then not reported
    assert set(view.tasks["basis"]) <= {"plan", "secretariat"}
    assert views.targets() == {
        **dict.fromkeys(range(1, 7), "economy"),
        **dict.fromkeys(range(7, 13), "lifestyle"),
        **dict.fromkeys(range(13, 16), "transition"),
    }
    with pytest.raises(KeyError, match="No target 16"):
        views.target_view(16, statuses, card)
    summary = views.target_summary(statuses, card).set_index("target_no")
    assert len(summary) == 15
    assert summary.loc[1, "overdue"] == 1  # 8.1.a serves targets 1 and 2
    assert summary.loc[5, "indicators"][0] == ("t05a_forest_cover", card.set_index(
        "indicator_id").loc["t05a_forest_cover", "status"])  # fmt: skip


# --- the attention list ----------------------------------------------------------------------


def _card(*rows) -> pd.DataFrame:
    """Scorecard rows from (indicator, status, plan lead agency), in catalog order."""
    return pd.DataFrame(rows, columns=["indicator_id", "status", "lead_agency"])


def _overdue(*rows) -> pd.DataFrame:
    """task_statuses rows from (task, status, days overdue, plan lead, today's lead)."""
    frame = pd.DataFrame(
        rows, columns=["task_id", "status", "days_overdue", "plan_lead", "current_lead"]
    )
    return frame.assign(verified=True)


def test_the_attention_list_takes_indicators_and_tasks_in_turn_each_worst_first():
    card = _card(
        ("t01_electricity_intensity", "needs_acceleration", "so_cong_thuong"),
        ("t02_renewable_share", "on_track", "so_cong_thuong"),
        ("t03_digital_economy_share", "deterioration", KHDT),
        ("t04a_hightech_agriculture_share", "limited_progress", "so_nong_nghiep_ptnt"),
        ("t05a_forest_cover", "deterioration", "so_nong_nghiep_ptnt"),
        ("t12_smart_city_scheme", "not_started", "so_xay_dung"),
    )
    tasks = _overdue(
        ("1.2", "overdue", 30, (KHDT,), (STC,)),
        ("2.1", "in_progress", 0, ("so_cong_thuong",), ("so_cong_thuong_bac_ninh",)),
        ("1.3", "overdue", 400, ("so_y_te",), ("so_y_te_bac_ninh",)),
        ("1.4", "overdue", 30, ("ban_quan_ly_kcn",), ("ban_quan_ly_kcn",)),
    )
    found = views.attention_list(tasks, card, dt.date(2026, 1, 1))
    assert list(zip(found["kind"], found["item_id"], strict=True)) == [
        ("indicator", "t03_digital_economy_share"),  # moving away, the first in the catalog
        ("task", "1.3"),  # 400 days overdue
        ("indicator", "t05a_forest_cover"),  # moving away
        ("task", "1.2"),  # 30 days, before 1.4 (the plan's order)
        ("indicator", "t04a_hightech_agriculture_share"),  # limited progress
        ("task", "1.4"),
        ("indicator", "t01_electricity_intensity"),  # needs acceleration
        ("indicator", "t12_smart_city_scheme"),  # a milestone not started; tasks ran out
    ]
    assert list(found["days_overdue"].iloc[[1, 3, 5]]) == [400, 30, 30]
    first = found.iloc[0]
    assert first["plan_agencies"] == (KHDT,) and first["current_agencies"] == (STC,)
    text = display.responsible(first["plan_agencies"], first["current_agencies"], True, "vi")
    assert text == "Sở Tài chính tỉnh Bắc Ninh (Kế hoạch giao: Sở Kế hoạch và Đầu tư)"
    same = found.set_index("item_id").loc["1.4"]
    assert display.responsible(same["plan_agencies"], same["current_agencies"], True, "en") == (
        "Provincial Industrial Parks Management Board"
    )


def test_the_attention_list_with_one_kind_only_or_none():
    tasks = _overdue(("1.2", "overdue", 5, (KHDT,), (STC,)), ("1.3", "overdue", 9, (TC,), (STC,)))
    only_tasks = views.attention_list(tasks, _card(), dt.date(2026, 1, 1))
    assert list(only_tasks["item_id"]) == ["1.3", "1.2"]
    none = views.attention_list(tasks.iloc[0:0], _card(), dt.date(2026, 1, 1))
    assert none.empty and list(none.columns) == list(views.ATTENTION_COLUMNS)


def test_the_scorecard_sorted_by_status_puts_the_worst_first():
    card = _card(
        ("a", "achieved", "x"), ("b", "deterioration", "x"), ("c", "insufficient_data", "x"),
        ("d", "on_track", "x"), ("e", "needs_acceleration", "x"), ("f", "deterioration", "x"),
    )  # fmt: skip
    assert list(scorecard.worst_first(card)["indicator_id"]) == ["b", "f", "e", "c", "d", "a"]


# --- in words, and in HTML ------------------------------------------------------------------


def test_the_tasks_table_in_both_languages(statuses):
    items = views.items_by_id()
    rows = views.filtered(statuses, views.TaskFilter(group="1"), ON)
    vi = display.tasks_table(rows, items, "vi")
    assert list(vi.columns[:3]) == ["Số", "Tình trạng", "Nhiệm vụ"]
    first = vi.iloc[0]
    assert first["Số"] == "1.1" and first["Tình trạng"] == "✖ Quá hạn"
    assert first["Cơ quan chủ trì"] == (
        "Sở Tài chính tỉnh Bắc Ninh (Kế hoạch giao: Sở Kế hoạch và Đầu tư)"
    )
    assert (first["Hạn"], first["Năm báo cáo"]) == ("30/06/2025", "2025")
    en = display.tasks_table(rows, items, "en")
    assert en.iloc[0]["Status"] == "✖ Overdue" and en.iloc[0]["Deadline"] == "30 Jun 2025"
    assert en.iloc[-1]["Progress (latest report)"] == ""  # not reported: blank, not "nan"
    assert en.iloc[0]["Task"].startswith("Advise on setting up")


def test_a_tasks_report_history_newest_first_as_typed():
    history = display.history_table(reports_frame(), "1.1", "vi")
    assert list(history["Năm"]) == ["2025", "2025", "2024"]
    assert list(history["Vai trò"]) == ["Chủ trì", "Phối hợp", "Chủ trì"]
    assert history.iloc[0]["Khó khăn, vướng mắc"].endswith("<b>chưa</b> có hướng dẫn *cụ thể*")
    assert display.history_table(reports_frame(), "9", "en").empty


def test_html_tables_escape_report_text_and_link_to_each_detail(statuses, card):
    filters = Filters(lang="vi", sector="energy")
    rows = statuses[statuses["task_id"] == "1.1"]
    shown = task_html.tasks_html(rows, views.items_by_id(), "vi", filters,
                                 ("id", "status", "progress"), "Nhiệm vụ")  # fmt: skip
    assert "href='tasks?task=1.1&amp;sector=energy&amp;lang=vi'" in shown
    assert "quá hạn 517 ngày" in shown
    hostile = rows.assign(progress="<script>alert(1)</script>")
    shown = task_html.tasks_html(hostile, views.items_by_id(), "vi", filters, ("progress",), "x")
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    found = views.attention_list(statuses, card, ON).head(4)
    english = Filters(lang="en", sector="energy")
    table = task_html.attention_html(found, views.items_by_id(), "en", english, None)
    assert table.count("<tr data-kind=") == 4
    assert "href='tasks?task=8.2.b&amp;sector=energy&amp;lang=en'" in table


def test_each_pages_address_is_said_once():
    english = Filters(lang="en")
    assert (
        links.indicator_url("t05a_forest_cover", english)
        == "indicator?id=t05a_forest_cover&lang=en"
    )
    assert links.agency_url(STC, Filters()) == f"agency?agency={STC}&lang=vi"
    assert links.target_url(5, Filters()) == "target?target=5&lang=vi"
    assert links.task_url("8.9.a", english) == "tasks?task=8.9.a&lang=en"


def test_a_tables_task_text_leaves_the_addressee_to_the_lead_column():
    items = views.items_by_id()
    assert display.action(items["1.1"], "vi").startswith("Tham mưu thành lập Ban Chỉ đạo")
    assert display.action(items["1.1"], "en") == items["1.1"].summary_en
    assert display.action(items["3.5"], "vi") == items["3.5"].text_vi  # no addressee: whole
    assert display.action(items["mid_term_review"], "vi") == items["mid_term_review"].text_vi
    for task in load_tasks():
        dropped = task.text_vi[: len(task.text_vi) - len(display.action(task, "vi"))]
        assert "." not in dropped.rstrip(": "), task.task_id  # only a name, never a sentence
