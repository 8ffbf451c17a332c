"""Presenter mode, snapshots and exports under Streamlit's AppTest, as a secretary uses them."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import openpyxl
import pandas as pd
import pytest
import task_fakes
from reporting_fakes import intake, reporter
from streamlit.testing.v1 import AppTest

from ttx_data import datasets, meeting, query, snapshots
from ttx_data.filters import Filters
from ttx_data.paths import BUNDLED_DATA_DIR, PROJECT_ROOT
from ttx_data.reporting import completeness, regime, submissions
from ttx_data.store import database, ensure_schema
from ttx_data.ui.presenter import SLIDE_KEY

FOREST = "t05a_forest_cover"


def build_meeting(filters: Filters) -> meeting.Meeting:
    """The meeting as the app builds it: with the reporting status of the store it reads."""
    return meeting.build_meeting(filters, reporting=completeness.reporting_status(ensure_schema))


@pytest.fixture
def live_data(tmp_path, monkeypatch):
    """The app reads a writable copy of the bundled data and keeps snapshots in tmp."""
    directory = tmp_path / "data"
    directory.mkdir()
    for name in [d.file for d in datasets.ALL] + [datasets.METADATA_FILE]:
        shutil.copyfile(BUNDLED_DATA_DIR / name, directory / name)
    monkeypatch.setenv("TTX_DATA_DIR", str(directory))
    monkeypatch.setenv(snapshots.SNAPSHOTS_ENV, str(tmp_path / "snapshots"))
    yield directory
    query.reset_connections()


def _app(**params: str) -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    for key, value in params.items():
        app.query_params[key] = value
    return app


def _html(app: AppTest) -> str:
    return "\n".join(h.proto.body for h in app.get("html"))


def _slide_number(app: AppTest) -> str:
    text = _html(app)
    return text.split("data-testid='ttx-slide-number'>")[1].split("<")[0]


def test_present_param_opens_presenter_mode_on_any_page():
    app = _app(lang="vi", present="1").run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.title[0].value.startswith("Tiến độ Kế hoạch hành động tăng trưởng xanh")
    total = len(build_meeting(Filters(lang="vi")).slides)
    assert _slide_number(app) == f"Trang 1/{total}"
    assert app.query_params["present"] == "1"


def test_buttons_move_through_every_slide():
    plan = build_meeting(Filters(lang="en"))
    app = _app(lang="en", present="1").run()
    for number, slide in enumerate(plan.slides, start=1):
        assert not app.exception, [e.value for e in app.exception]
        assert app.title[0].value == slide.title
        assert _slide_number(app) == f"Slide {number} of {len(plan.slides)}"
        assert ("ILLUSTRATIVE DATA" in _html(app)) == (slide.illustrative > 0)
        if slide.kind in ("sites_map", "forest_map"):
            assert len(app.get("image")) == 1
        if slide.kind == "reporting":
            assert _html(app).count("<tr data-agency=") == len(slide.reports) > 0
        if slide.kind == "overdue_tasks":  # the example task reports: overdue ones by agency
            shown = sum(len(group.tasks) for group in slide.agencies)
            assert _html(app).count("<tr data-task=") == shown > 0
        if number < len(plan.slides):
            app.button(key="present_next").click().run()
    assert app.button(key="present_next").disabled
    app.button(key="present_previous").click().run()
    assert _slide_number(app) == f"Slide {len(plan.slides) - 1} of {len(plan.slides)}"


def test_presenter_follows_sector_filter():
    plan = build_meeting(Filters(lang="vi", sector="energy"))
    app = _app(lang="vi", present="1", sector="energy").run()
    assert _slide_number(app) == f"Trang 1/{len(plan.slides)}"
    assert "Tất cả lĩnh vực" not in _html(app) and "Năng lượng" in _html(app)


def test_take_snapshot_add_data_view_old_values_and_changes(live_data, reviewer_sign_in):
    app = reviewer_sign_in(_app(lang="vi").run())
    app.switch_page("pages/snapshots.py").run()
    assert not app.exception, [e.value for e in app.exception]
    app.text_input(key="snapshot_name").input("Phiên họp BCĐ tháng 11/2026")
    app.button(key="take_snapshot").click().run()
    assert "Đã chụp «Phiên họp BCĐ tháng 11/2026»" in app.success[0].value
    assert "Không có gì thay đổi" in app.success[1].value

    # new data arrive after the meeting: the latest (2026) forest cover revised down to 20 %
    path = live_data / datasets.OBSERVATIONS.file
    frame = pd.read_parquet(path)
    where = (frame["indicator_id"] == FOREST) & (frame["area_code"] == "24")
    where &= frame["year"] == 2026
    old_value = float(frame.loc[where, "value"].iloc[0])
    frame.loc[where, "value"] = 20.0
    frame.to_parquet(path, index=False)
    query.reset_connections()

    app.run()
    tables = {t.value.columns[0]: t.value for t in app.dataframe}
    markdown = "\n".join(m.value for m in app.markdown)
    assert "Tình trạng thay đổi (1)" in markdown
    assert "Giá trị được sửa (1)" in markdown
    statuses = next(df for df in tables.values() if "Tình trạng trước" in df.columns)
    assert statuses.iloc[0, 0].startswith("5a.")
    revised = next(df for df in tables.values() if "Trước" in df.columns)
    assert revised.iloc[0]["Nay"] == "20,0"  # forest cover has one decimal in the catalog

    # the overview as of the snapshot still shows the old value, the current one the new value
    taken = snapshots.list_snapshots()[0]
    as_of = _app(lang="vi", snapshot=taken.snapshot_id).run()
    assert not as_of.exception
    assert "Đang xem ảnh chụp dữ liệu **Phiên họp BCĐ tháng 11/2026**" in as_of.info[0].value
    old_text = f"{old_value:.1f}".replace(".", ",")
    row = _html(as_of).split("data-indicator='t05a_forest_cover'")[1].split("</tr>")[0]
    assert old_text in row
    current = _app(lang="vi").run()
    row = _html(current).split("data-indicator='t05a_forest_cover'")[1].split("</tr>")[0]
    assert "20,0%" in row


def test_snapshot_name_errors_are_shown_and_nothing_written(live_data, reviewer_sign_in):
    app = reviewer_sign_in(_app(lang="en").run())
    app.switch_page("pages/snapshots.py").run()
    app.text_input(key="snapshot_name").input("!!!")
    app.button(key="take_snapshot").click().run()
    assert "is not valid" in app.error[0].value and "không hợp lệ" in app.error[0].value
    assert snapshots.list_snapshots() == []


def test_unknown_snapshot_in_link_shows_notice_and_current_data(live_data):
    app = _app(lang="en", snapshot="no-such-meeting").run()
    assert not app.exception
    assert any("snapshot='no\\-such\\-meeting'" in w.value for w in app.warning)  # as typed
    assert "snapshot" not in app.query_params


def test_whole_dataset_export_from_the_page(live_data):
    app = _app(lang="en", district="218").run()
    app.switch_page("pages/snapshots.py").run()
    assert not app.exception, [e.value for e in app.exception]
    labels = [b.label for b in app.get("download_button")]
    assert "Download the Excel file" in labels
    assert "Download the brief (PowerPoint)" in labels
    # the callables behind the buttons, as a click runs them
    from ttx_data.ui import data

    workbook = openpyxl.load_workbook(io.BytesIO(data.export.dataset_workbook(None, "en")))
    assert {"About", "Observations", "Forest"} <= set(workbook.sheetnames)


@pytest.fixture
def reported(tmp_path, monkeypatch):
    """The app's store (its own) holding, for the meeting's period, the Department of Finance's
    report of one of its two figures, sent before the deadline and waiting for review."""
    monkeypatch.setenv("TTX_DATABASE_URL", f"sqlite:///{tmp_path / 'reported.sqlite3'}")
    engine = ensure_schema()
    period = completeness.reporting_status(engine).period
    sent = dt.datetime.combine(regime.period_deadline(period), dt.time(3), tzinfo=dt.UTC)
    finance = "so_tai_chinh_bac_ninh"
    rows = ("t11_green_public_procurement_share", "province", "24", 20.0)
    submissions.submit(engine, intake(finance, rows, period=period), actor=reporter(finance),
                       file_name="x.xlsx", data=b"x", now=sent)  # fmt: skip
    yield engine
    database.dispose_engines()


def test_completeness_page_presents_the_reporting_slide(reported, monkeypatch):
    """The completeness page's button opens presenter mode at the first reporting slide (one row
    per agency, figures and tasks led, not reported in full first, names escaped; the agencies
    continue on the next slides); ← and → step from and back to it."""
    monkeypatch.setattr(meeting, "agency_name", lambda code, lang: f"<b>{code}</b> & co")
    plan = build_meeting(Filters(lang="vi"))
    first = next(i for i, s in enumerate(plan.slides) if s.kind == "reporting")
    expected, shown = plan.slides[first], plan.slides[first:]
    assert {s.kind for s in shown} == {"reporting"} and len(shown) > 1
    app = _app(lang="vi").run()
    app.switch_page("pages/completeness.py").run()
    assert not app.exception, [e.value for e in app.exception]
    period = completeness.reporting_status(reported).period
    button = app.button(key="present_reporting")
    assert button.label == f"Trình chiếu tình hình báo cáo kỳ {period}"
    button.click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.title[0].value == f"Tình hình báo cáo kỳ {period} (1/{len(shown)})" == expected.title
    assert _slide_number(app) == f"Trang {first + 1}/{len(plan.slides)}"
    html = _html(app)
    assert f"data-testid='ttx-reporting-headline'>{expected.points[0]}<" in html
    rows = html.split("<tr data-agency='")[1:]
    assert [row.split("'")[0] for row in rows] == [r.agency_id for r in expected.reports]
    assert "class='ttx-not-reported'" in rows[0]  # nothing of its reports received
    assert f"&lt;b&gt;{expected.reports[0].agency_id}&lt;/b&gt; &amp; co" in rows[0]
    assert "<b>so_" not in html
    app.button(key="present_previous").click().run()
    assert app.title[0].value == plan.slides[first - 1].title
    for slide in shown:  # forward through the reporting slides to the last
        app.button(key="present_next").click().run()
        assert app.title[0].value == slide.title
    html = _html(app)
    finance = next(row for row in html.split("<tr data-agency='")[1:]
                   if row.startswith("so_tai_chinh_bac_ninh"))  # fmt: skip
    assert "class='ttx-not-reported'" in finance  # one figure of its reports only
    assert app.button(key="present_next").disabled


def test_reporting_slide_without_the_store_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("TTX_DATABASE_URL", f"sqlite:///{tmp_path / 'missing' / 'ttx.sqlite3'}")
    app = _app(lang="en", present="1")
    app.session_state[SLIDE_KEY] = 999  # the last slide
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.title[0].value.startswith("Reporting status, period")
    assert "The reporting database could not be read" in _html(app)
    assert "<tr data-agency=" not in _html(app)


def test_presenter_reaches_the_overdue_tasks_by_agency(tmp_path, monkeypatch):
    """Over data holding task reports, presenter mode steps onto the overdue tasks by agency:
    the headline, an agency's heading (today's name, the plan's in brackets) then its tasks,
    text from the reports escaped, the illustrative marker."""
    rows = [(*row[:6], "<b>Thiếu</b> & kinh phí", None) if row[0] == "1.1" else row
            for row in task_fakes.SAMPLE]  # fmt: skip
    directory = task_fakes.data_with_task_reports(tmp_path / "data", task_fakes.reports(rows))
    monkeypatch.setenv("TTX_DATA_DIR", str(directory))
    on = completeness.reporting_status(ensure_schema).on  # the app's meeting day: today
    plan = meeting.build_meeting(
        Filters(lang="vi"), directory, reporting=completeness.reporting_status(ensure_schema)
    )
    kinds = [slide.kind for slide in plan.slides]
    first = kinds.index("overdue_tasks")
    expected = plan.slides[first]
    app = _app(lang="vi", present="1")
    app.session_state[SLIDE_KEY] = first - 1  # the lagging districts
    app.run()
    assert app.title[0].value == "Các huyện chậm tiến độ nhiều nhất"
    app.button(key="present_next").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.title[0].value == expected.title
    assert expected.title.startswith("Nhiệm vụ quá hạn theo cơ quan (1/")
    assert _slide_number(app) == f"Trang {first + 1}/{len(plan.slides)}"
    html = _html(app)
    assert f"data-testid='ttx-tasks-headline'>{expected.points[0]}<" in html
    assert "/62 nhiệm vụ quá hạn; " in expected.points[0]  # (the app counts to today)
    assert "CÓ DỮ LIỆU MINH HỌA" in html
    heading = html.split("<tr class='ttx-agency' data-agency='")[1]
    assert heading.startswith("so_tai_chinh_bac_ninh'")
    assert "Sở Tài chính tỉnh Bắc Ninh (KH: Sở Kế hoạch và Đầu tư; Sở Tài chính)" in heading
    tasks = [row.split("'")[0] for row in html.split("<tr data-task='")[1:]]
    assert tasks == [x.item_id for g in expected.agencies for x in g.tasks]
    assert tasks[:2] == ["1.1", "mid_term_review"]
    assert "Khó khăn: &lt;b&gt;Thiếu&lt;/b&gt; &amp; kinh phí" in html
    assert "<b>Thiếu" not in html
    assert on == expected.agencies[0].tasks[0].deadline + dt.timedelta(
        days=expected.agencies[0].tasks[0].days_overdue
    )
    app.button(key="present_next").click().run()
    assert app.title[0].value == plan.slides[first + 1].title
    assert plan.slides[first + 1].title.startswith("Nhiệm vụ quá hạn theo cơ quan (2/")
