"""The reporting pages with task reports (AppTest): the reporter of an agency that leads tasks but
reports no figure gets its workbook; the review page shows a waiting submission's task reports
beside the published ones and those that would change."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from reporting_fakes import REVIEWER, copy_published, intake, reporter, task_rows
from streamlit.testing.v1 import AppTest

from ttx_data import accounts, query
from ttx_data.accounts import Actor
from ttx_data.paths import PROJECT_ROOT
from ttx_data.reporting import preview, submissions, task_sheet
from ttx_data.store import database
from ttx_data.ui import auth, reporting_view

FINANCE = "so_tai_chinh_bac_ninh"
NEWSPAPER = "bao_bac_giang"
PASSWORD = "mat-khau-bao-cao-2026"


@pytest.fixture
def store(tmp_path, monkeypatch):
    """The app's own store and a copy of the published data; a reviewer and the newspaper's
    reporter."""
    directory = copy_published(tmp_path / "data")
    monkeypatch.setenv("TTX_DATA_DIR", str(directory))
    monkeypatch.setenv(preview.PREVIEWS_ENV, str(tmp_path / "previews"))
    monkeypatch.setenv("TTX_DATABASE_URL", f"sqlite:///{tmp_path / 'tasks.sqlite3'}")
    engine = database.ensure_schema()
    for name, role, agency in (
        ("thamdinh", "reviewer", FINANCE),
        ("baocao", "reporter", NEWSPAPER),
    ):
        accounts.add_account(engine, name, role=role, agency_code=agency, password=PASSWORD,
                             actor=Actor.operator())  # fmt: skip
    yield engine, directory
    database.dispose_engines()
    query.reset_connections()


def _signed_in(name: str, lang: str = "en") -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.query_params["lang"] = lang
    app.run()
    app.switch_page("pages/sign_in.py").run()
    app.text_input(key=auth.USERNAME_FIELD).input(name)
    app.text_input(key=auth.PASSWORD_FIELD).input(PASSWORD)
    return app.get("button")[0].click().run()


def test_an_agency_with_tasks_only_downloads_its_workbook(store):
    app = _signed_in("baocao")
    app.switch_page("pages/report.py").run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert app.get("download_button")[0].proto.label == "Download the period's workbook"
    period = app.selectbox(key="report_period").value
    book = load_workbook(io.BytesIO(reporting_view.template_bytes(NEWSPAPER, period)))
    assert book.sheetnames[1] == task_sheet.TASKS_SHEET


def test_the_review_page_shows_task_reports_beside_the_published_ones(store):
    engine, directory = store  # period 2026: the bundled data publish task reports to 2025
    first = intake(FINANCE, period="2026",
                   tasks=task_rows(("4.2", "lead", "in_progress"), period="2026"))  # fmt: skip
    made = submissions.submit(engine, first, actor=reporter(FINANCE), file_name="a.xlsx", data=b"a")
    submissions.review(engine, made.id, actor=REVIEWER, accept=True, directory=directory)
    revised = task_rows(
        ("4.2", "lead", "completed", dt.date(2026, 5, 4), None, "Đã ban hành", "=HYPERLINK(1)"),
        ("4.1", "lead", None),
        ("2.2", "cooperating", "in_progress", None, None, "**Góp ý**"),
        period="2026",
    )  # fmt: skip
    submissions.submit(engine, intake(FINANCE, period="2026", tasks=revised),
                       actor=reporter(FINANCE), file_name="b.xlsx", data=b"b")  # fmt: skip
    app = _signed_in("thamdinh")
    app.switch_page("pages/review.py").run()
    assert not app.exception, [e.value for e in app.exception]
    bold = "\n".join(m.value for m in app.markdown)
    assert "Task reports that would change (2)" in bold
    assert "Task reports in the submission (2) beside the published ones" in bold
    tables = [d.value for d in app.dataframe]
    beside = next(t for t in tables if "Published now" in t.columns and len(t) == 3)
    assert beside[["Task", "Role", "Published now", "Once accepted"]].values.tolist() == [
        ["2.2", "Cooperating", "—", "In progress"],
        ["4.1", "Lead", "—", "—"],  # left blank
        ["4.2", "Lead", "In progress", "Completed"],
    ]
    row = beside.set_index("Task").loc["4.2"]
    assert row["Completed on"] == "4 May 2026" and row["Evidence"] == "=HYPERLINK(1)"  # as text
    assert beside.set_index("Task").loc["2.2", "Progress"] == "**Góp ý**"  # not Markdown
    changed = next(t for t in tables if "Published now" in t.columns and len(t) == 2)
    assert changed["Task"].tolist() == ["2.2", "4.2"]
