"""A value's history shown in its indicator's detail: every value reported through the cycle
(returned, accepted, revised), who and when, which one is published; narrowed by the filters."""

from __future__ import annotations

import pytest
from reporting_fakes import REVIEWER, TRADE, at, copy_published, intake, reporter
from streamlit.testing.v1 import AppTest

from ttx_data import catalog, query
from ttx_data.filters import Filters
from ttx_data.paths import PROJECT_ROOT
from ttx_data.reporting import publish, submissions
from ttx_data.store import audit, database
from ttx_data.ui import reporting_view

INTENSITY = "t01_electricity_intensity"


def _history_store(engine, directory):
    """A report returned once, its correction accepted, then a revision accepted."""
    first = submissions.submit(engine, intake(TRADE, (INTENSITY, "province", "24", 90.0),
                               period="2025"), actor=reporter(TRADE), file_name="a.xlsx",
                               data=b"a", now=at("2026-01-05"))  # fmt: skip
    submissions.review(engine, first.id, actor=REVIEWER, accept=False, reason="Thiếu nguồn",
                       directory=directory, now=at("2026-01-06"))  # fmt: skip
    second = submissions.submit(engine, intake(TRADE, (INTENSITY, "province", "24", 91.0),
                                period="2025"), actor=reporter(TRADE), file_name="b.xlsx",
                                data=b"b", now=at("2026-01-07"))  # fmt: skip
    submissions.review(engine, second.id, actor=REVIEWER, accept=True, directory=directory,
                       now=at("2026-01-08"))  # fmt: skip
    third = submissions.submit(engine, intake(TRADE, (INTENSITY, "province", "24", 92.5),
                               period="2025"), actor=reporter(TRADE), file_name="c.xlsx",
                               data=b"c", now=at("2026-02-01"))  # fmt: skip
    submissions.review(engine, third.id, actor=REVIEWER, accept=True, directory=directory,
                       now=at("2026-02-02"))  # fmt: skip
    return first, second, third


def test_the_history_table_lists_every_report_and_marks_the_published_one(store, tmp_path):
    directory = copy_published(tmp_path / "data")
    first, second, third = _history_store(store, directory)
    found = publish.indicator_history(store, INTENSITY)
    indicator = catalog.indicator(INTENSITY)
    table = reporting_view.history_table(found, indicator, Filters(lang="en"), "en")
    assert list(table["Submission"]) == [first.id, second.id, third.id]
    assert list(table["Value"]) == ["90.0", "91.0", "92.5"]
    assert list(table["State"]) == ["Returned", "Superseded", "Accepted"]
    assert list(table["Reason returned"]) == ["Thiếu nguồn", "", ""]
    assert list(table["Published"]) == ["", "", "✓"]
    assert list(table["Submitted"]) == ["5 Jan 2026", "7 Jan 2026", "1 Feb 2026"]
    assert set(table["Area"]) == {"Whole province"}
    # the filters' years narrow it; a district filter keeps the province's rows
    assert reporting_view.history_table(
        found, indicator, Filters(lang="en", year_to=2024), "en"
    ).empty
    assert len(reporting_view.history_table(
        found, indicator, Filters(lang="en", districts=("215",)), "en"
    )) == 3  # fmt: skip
    query.reset_connections()


def test_the_audit_log_version_grows_with_each_step(store, tmp_path):
    before = audit.last_id(store)
    directory = copy_published(tmp_path / "data")
    _history_store(store, directory)
    assert audit.last_id(store) > before
    query.reset_connections()


@pytest.fixture
def app_store(tmp_path, monkeypatch):
    directory = copy_published(tmp_path / "data")
    monkeypatch.setenv("TTX_DATA_DIR", str(directory))
    monkeypatch.setenv("TTX_DATABASE_URL", f"sqlite:///{tmp_path / 'history.sqlite3'}")
    engine = database.ensure_schema()
    yield engine, directory
    query.reset_connections()
    database.dispose_engines()


def test_the_indicators_page_shows_its_history(app_store):
    engine, directory = app_store
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    app.query_params["lang"] = "en"
    app.query_params["id"] = INTENSITY
    app.run()
    app.switch_page("pages/indicator.py").run()
    assert not [e for e in app.expander if "Reporting history" in e.label]  # nothing reported
    _, _, third = _history_store(engine, directory)
    app.run()
    assert not app.exception
    shown = [e for e in app.expander if "Reporting history" in e.label]
    assert [e.label for e in shown] == ["Reporting history of this indicator (3 values)"]
    table = shown[0].dataframe[0].value
    assert list(table["Submission"])[-1] == third.id and list(table["Published"])[-1] == "✓"
