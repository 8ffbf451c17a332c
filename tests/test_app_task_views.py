"""The tasks, agency and target pages and the overview's attention list under AppTest, in
Vietnamese and English, on a copy of the data holding example task reports: the choices of a
link are applied and kept in the URL, a bad one is said, the merged agency's page lists what both
departments were given."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest
from task_reports_data import data_with_reports

from ttx_data import query
from ttx_data.paths import PROJECT_ROOT


@pytest.fixture
def reported(tmp_path, monkeypatch):
    """The app reads a copy of the bundled data with the example task reports published."""
    monkeypatch.setenv("TTX_DATA_DIR", str(data_with_reports(tmp_path / "data")))
    yield
    query.reset_connections()


def _open(page: str, lang: str = "vi", **params: str) -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    app.query_params["lang"] = lang
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _html(app: AppTest) -> str:
    return "\n".join(h.proto.body for h in app.get("html"))


def _text(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [s.value for s in app.subheader]
    parts += [c.value for c in app.caption] + [w.value for w in app.warning]
    parts += [i.value for i in app.info] + [t.value for t in app.title]
    return "\n".join(map(str, parts)) + _html(app)


@pytest.mark.parametrize(
    ("lang", "title", "number", "status"),
    [("vi", "Nhiệm vụ", "Số", "Tình trạng"), ("en", "Tasks", "No.", "Status")],
)
def test_tasks_page_applies_the_links_filters_worst_first(reported, lang, title, number, status):
    app = _open("pages/tasks.py", lang, group="8", status="overdue")
    assert app.title[0].value == title
    table = app.dataframe[0].value
    assert list(table[number]) == ["8.2.b", "8.9.d", "8.1.a"]
    assert all(s.startswith("✖") for s in table[status])
    assert "data-status='overdue'" in _html(app)  # the counts of every task
    assert app.query_params["group"] == "8" and app.query_params["status"] == "overdue"


def test_a_filter_chosen_goes_into_the_url_and_survives_the_language_switch(reported):
    app = _open("pages/tasks.py", "vi")
    assert len(app.dataframe[0].value) == 65
    app.selectbox(key="_page_agency_vi").set_value("so_tai_chinh_bac_ninh").run()
    assert app.query_params["agency"] == "so_tai_chinh_bac_ninh"
    shown = list(app.dataframe[0].value["Số"])
    assert {"1.1", "4.2"} <= set(shown) and "8.2.a" in shown and "2.1" not in shown
    app.sidebar.segmented_control[0].set_value("en").run()
    assert not app.exception
    assert app.query_params["agency"] == "so_tai_chinh_bac_ninh"
    assert app.selectbox(key="_page_agency_en").value == "so_tai_chinh_bac_ninh"
    assert list(app.dataframe[0].value["No."]) == shown


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_task_detail_from_the_link(reported, lang):
    app = _open("pages/tasks.py", lang, task="1.1")
    text = _text(app)
    assert ("Nhiệm vụ 1.1" if lang == "vi" else "Task 1.1") in text
    assert "Tham mưu thành lập Ban Chỉ đạo cấp tỉnh về TTX" in text  # the plan's words, always
    assert re.search(r"quá hạn \d+ ngày" if lang == "vi" else r"\d+ days overdue", text)
    history = app.dataframe[-1].value
    assert len(history) == 3  # 2025 lead and cooperating, 2024 lead
    assert history.iloc[0, 0] == "2025"
    # a report's words shown as typed, never as HTML
    assert any("<b>chưa</b>" in str(v) for v in history.iloc[0])
    # the agencies, then and now
    agencies = app.dataframe[-2].value
    planning = "Sở Kế hoạch và Đầu tư" if lang == "vi" else "Department of Planning and Investment"
    now = "Sở Tài chính tỉnh Bắc Ninh" if lang == "vi" else "Department of Finance of Bắc Ninh"
    assert agencies.iloc[0, 1] == planning and agencies.iloc[0, 2].startswith(now)


def test_a_task_serving_indicators_links_to_them_and_their_targets(reported):
    app = _open("pages/tasks.py", "en", task="8.5.a")
    html = _html(app)
    assert "href='target?target=5&amp;lang=en'" in html
    assert "href='indicator?id=t05a_forest_cover&amp;lang=en' target='_self'" in html


def test_a_link_to_an_unknown_task_is_said_and_the_page_still_shows(reported):
    app = _open("pages/tasks.py", "vi", task="99.9")
    assert any("task=99.9" in w.value.replace("\\", "") for w in app.warning)
    assert len(app.dataframe[0].value) == 65
    assert "task" not in app.query_params


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_merged_finance_department_page_lists_what_both_were_given(reported, lang):
    app = _open("pages/agency.py", lang, agency="so_tai_chinh_bac_ninh")
    text = _text(app)
    planning = "Sở Kế hoạch và Đầu tư" if lang == "vi" else "Department of Planning and Investment"
    finance = "Sở Tài chính" if lang == "vi" else "Department of Finance"
    assert planning in text and finance in text
    html = _html(app)
    for task_id in ("1.1", "4.1", "8.9.c", "4.2", "8.9.d", "mid_term_review"):
        assert f"data-task='{task_id}'" in html
    assert "data-indicator='t11_green_public_procurement_share'" in html
    assert not app.dataframe  # printable: static tables only


def test_the_agency_page_without_an_agency_asks_for_one(reported):
    app = _open("pages/agency.py", "en")
    assert any("Choose an agency" in i.value for i in app.info)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_target_page_shows_numbers_and_actions(reported, lang):
    app = _open("pages/target.py", lang, target="5")
    html = _html(app)
    assert "data-indicator='t05a_forest_cover'" in html
    assert "data-task='8.5.a'" in html and "data-task='8.5.c'" in html
    every = _open("pages/target.py", lang)
    assert _html(every).count("<tr data-target=") == 15


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_overview_lists_what_needs_attention_and_sorts_by_status(reported, lang):
    app = _open("pages/overview.py", lang)
    html = _html(app)
    assert html.count("<tr data-kind=") >= 10
    first = html.index("<tr data-kind='indicator'")
    assert first < html.index("<tr data-kind='task' data-item='8.2.b'")
    assert "href='tasks?task=" in html
    plain = html.index("data-indicator='t01_electricity_intensity'")
    assert plain < html.index("data-indicator='t04c_hightech_forestry_share'")
    app.segmented_control(key=f"_page_sort_{lang}").set_value("status").run()
    assert app.query_params["sort"] == "status"
    html = _html(app)
    table = html[html.index("ttx-scorecard'><caption>") :]
    moving = table.index("data-indicator='t04c_hightech_forestry_share'")
    assert moving < table.index("data-indicator='t01_electricity_intensity'")
    app.segmented_control(key=f"_page_sort_{lang}").set_value("").run()  # back to the plan's
    assert "sort" not in app.query_params
    table = _html(app)[_html(app).index("ttx-scorecard'><caption>") :]
    first = table.index("data-indicator='t01_electricity_intensity'")
    assert first < table.index("data-indicator='t04c_hightech_forestry_share'")
