"""A submission's preview (a data source of its own): the values that would change, reported
and rolled up, the statuses that would change, the new warnings and the task reports that would
change; the published data and the store untouched; and the review page showing it for a waiting
submission."""

from __future__ import annotations

import datetime as dt
import hashlib

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
    rows,
    task_rows,
)
from streamlit.testing.v1 import AppTest

from ttx_data import datasets, progress, query, sources
from ttx_data.paths import PROJECT_ROOT
from ttx_data.reporting import preview, publish, submissions
from ttx_data.store.schema import submission_values

CERTIFIED = "t05b_certified_forest_area"  # rolled up by sum
INTENSITY = "t01_electricity_intensity"  # lower is better; 2025 is its last published year
UNIT = "07246"  # wholly in plan district 215


@pytest.fixture
def published(tmp_path, monkeypatch):
    """A copy of the published data as the published source, and a folder for previews."""
    directory = copy_published(tmp_path / "data")
    monkeypatch.setenv("TTX_DATA_DIR", str(directory))
    monkeypatch.setenv(preview.PREVIEWS_ENV, str(tmp_path / "previews"))
    yield sources.published()
    query.reset_connections()


def _digest(directory) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.iterdir())
        if p.is_file()
    }


def _value(source, indicator_id, code, year):
    frame = source.dataset(datasets.OBSERVATIONS)
    found = frame[
        (frame.indicator_id == indicator_id) & (frame.area_code == code) & (frame.year == year)
    ]
    return found["value"].iloc[0] if len(found) else None


def test_a_commune_value_previews_with_its_roll_ups_and_changes_nothing_published(store, published):
    before_files = _digest(published.directory)
    old_district = _value(published, CERTIFIED, "215", 2026)
    old_province = _value(published, CERTIFIED, "24", 2026)

    found = preview.preview(store, rows((CERTIFIED, "commune", UNIT, 5000.0)), agency_id=COMMUNES,
                            period="2026", submission_id="tai-len-thu")  # fmt: skip

    assert found.source.kind == sources.PREVIEW and found.source.identity == "preview:tai-len-thu"
    assert found.source.directory != published.directory
    changed = found.values.set_index(["area_level", "area_code"])
    unit_before = changed.loc[("commune", UNIT), "before"]
    assert changed.loc[("commune", UNIT), "after"] == 5000.0
    assert bool(changed.loc[("commune", UNIT), "reported"])
    # the roll-ups move by what the unit moved, and are marked derived
    assert changed.loc[("district", "215"), "before"] == old_district
    assert changed.loc[("district", "215"), "after"] == old_district + 5000.0 - unit_before
    assert changed.loc[("province", "24"), "after"] == old_province + 5000.0 - unit_before
    assert not changed.loc[("district", "215"), "reported"]
    assert len(found.values) == 3  # nothing else changes
    assert list(found.values["reported"]) == [True, False, False]  # reported first
    # the preview reads as the dashboard would: same queries, its own values
    assert _value(found.source, CERTIFIED, "215", 2026) == old_district + 5000.0 - unit_before
    # the published files and the store are untouched
    assert _digest(published.directory) == before_files
    with store.connect() as connection:
        assert connection.execute(submission_values.select()).first() is None


def test_task_reports_that_would_change_beside_those_published(store, published):
    finance = "so_tai_chinh_bac_ninh"
    first = intake(finance, tasks=task_rows(("4.2", "lead", "in_progress", None,
                                             dt.date(2026, 6, 30)), ("4.1", "lead", "not_started")))  # fmt: skip
    made = submissions.submit(store, first, actor=reporter(finance), file_name="a.xlsx", data=b"a",
                              now=at("2027-01-10"))  # fmt: skip
    submissions.review(store, made.id, actor=REVIEWER, accept=True,
                       directory=published.directory, now=at("2027-01-11"))  # fmt: skip
    published = sources.published()  # as now published
    before_files = _digest(published.directory)
    revised = task_rows(
        ("4.2", "lead", "completed", dt.date(2026, 5, 4), dt.date(2026, 6, 30), "Đã ban hành",
         "QĐ 7/QĐ-UBND"),
        ("4.1", "lead", "not_started"),  # as published: no change
        ("8.9.d", "lead", "in_progress", None, None, "Đang làm"),  # new
        ("1.1", "lead", None),  # left blank: nothing
    )  # fmt: skip
    found = preview.preview(store, rows(), agency_id=finance, period="2026",
                            submission_id="tai-len-nv", tasks=revised, published=published)  # fmt: skip
    assert list(found.tasks.columns) == list(preview.TASK_CHANGE_COLUMNS)
    assert found.tasks[["task_id", "agency_id", "year", "role", "before", "after"]
                       ].values.tolist() == [
        ["4.2", finance, 2026, "lead", "in_progress", "completed"],
        ["8.9.d", finance, 2026, "lead", None, "in_progress"],
    ]  # fmt: skip
    changed = found.tasks.set_index("task_id").loc["4.2"]
    assert (changed["completed_on"], changed["evidence"]) == (dt.date(2026, 5, 4), "QĐ 7/QĐ-UBND")
    assert found.values.empty and found.statuses.empty
    assert _digest(published.directory) == before_files
    assert publish.current_tasks(store)["task_id"].tolist() == ["4.1", "4.2"]  # store untouched


def test_a_worse_status_is_a_change_and_a_new_warning(store, published):
    before = preview.changed_statuses(published, published)
    assert before.empty
    # electricity per GRDP rising far above its path: the indicator moves away from its target
    found = preview.preview(store, rows((INTENSITY, "province", "24", 400.0), period="2025"),
                            agency_id=TRADE, period="2025", submission_id="tai-len-xau")  # fmt: skip
    status = found.statuses.set_index("indicator_id").loc[INTENSITY]
    assert status["after"] == progress.DETERIORATION and status["before"] != status["after"]
    assert bool(status["worse"])
    warning = found.warnings[found.warnings["indicator_id"] == INTENSITY]
    assert list(warning["kind"]) == ["status"]
    assert "Đi xa mục tiêu" in warning["message_vi"].iloc[0]
    assert "Moving away from target" in warning["message_en"].iloc[0]


def test_a_better_status_is_a_change_but_no_warning(store, published):
    found = preview.preview(store, rows((INTENSITY, "province", "24", 1.0), period="2025"),
                            agency_id=TRADE, period="2025", submission_id="tai-len-tot")  # fmt: skip
    status = found.statuses.set_index("indicator_id").loc[INTENSITY]
    assert status["after"] == progress.ON_TRACK and not status["worse"]
    assert found.warnings.empty


def test_a_failing_data_check_is_a_new_warning(store, published):
    # a share above 100 cannot come through a checked workbook; the preview's checks still see it
    share = "t02_renewable_share"
    found = preview.preview(store, rows((share, "province", "24", 140.0), period="2025"),
                            agency_id=TRADE, period="2025", submission_id="tai-len-ti-le")  # fmt: skip
    checks = found.warnings[found.warnings["kind"] == "check"]
    assert len(checks) == 1
    assert "observations" in checks["message_en"].iloc[0] and "100" in checks["message_en"].iloc[0]


def test_the_preview_counts_values_already_accepted_and_an_empty_cell_replaces_nothing(
    store, published
):
    made = submissions.submit(store, intake(FARMING, (CERTIFIED, "province", "24", 12000.0)),
                              actor=reporter(FARMING), file_name="a.xlsx", data=b"a",
                              now=at("2027-01-05"))  # fmt: skip
    current = publish.current_values(store)
    assert current.empty  # waiting: not in force
    submissions.review(store, made.id, actor=publish_reviewer(), accept=True,
                       directory=published.directory, now=at("2027-01-06"))  # fmt: skip
    query.reset_connections()
    source = sources.published()
    assert _value(source, CERTIFIED, "24", 2026) == 12000.0
    empty = rows((CERTIFIED, "province", "24", float("nan")))
    found = preview.preview(store, empty, agency_id=FARMING, period="2026",
                            submission_id="tai-len-trong", published=source)  # fmt: skip
    assert found.values.empty and found.statuses.empty
    assert _value(found.source, CERTIFIED, "24", 2026) == 12000.0


def publish_reviewer():
    from reporting_fakes import REVIEWER

    return REVIEWER


def test_with_pending_puts_the_submission_last_so_it_wins():
    current = pd.DataFrame(
        [[CERTIFIED, "province", "24", "2026", 2026, 1.0, None, None, "2026-0001", FARMING,
          False, at("2027-01-01")]],
        columns=list(publish.CURRENT_COLUMNS),
    )  # fmt: skip
    merged = preview.with_pending(
        current, rows((CERTIFIED, "province", "24", 2.0), (INTENSITY, "province", "24", 9.0)),
        agency_id=TRADE, period="2026", submission_id="tai-len-x", example=True,
        now=at("2027-01-02"),
    )  # fmt: skip
    by = merged.set_index("indicator_id")
    assert by.loc[CERTIFIED, "value"] == 2.0 and by.loc[CERTIFIED, "submission_id"] == "tai-len-x"
    assert bool(by.loc[INTENSITY, "example"]) and len(merged) == 2


@pytest.mark.parametrize(
    ("before", "after", "worse"),
    [
        (progress.ON_TRACK, progress.NEEDS_ACCELERATION, True),
        (progress.LIMITED_PROGRESS, progress.ON_TRACK, False),
        (progress.INSUFFICIENT_DATA, progress.DETERIORATION, True),
        (progress.INSUFFICIENT_DATA, progress.ON_TRACK, False),
        (progress.ACHIEVED, progress.INSUFFICIENT_DATA, False),
    ],
)
def test_which_status_changes_are_for_the_worse(before, after, worse):
    assert preview.is_worse(before, after) is worse


def test_previews_are_reused_and_pruned(store, published, monkeypatch):
    monkeypatch.setattr(preview, "PREVIEWS_KEPT", 2)
    made = [
        preview.preview_source(store, rows((CERTIFIED, "province", "24", float(v))),
                               agency_id=FARMING, period="2026", submission_id=f"tai-len-{v}",
                               published=published)
        for v in (1, 2, 3)
    ]  # fmt: skip
    kept = sorted(p.name for p in preview.previews_dir().iterdir())
    assert len(kept) == 2 and made[-1].directory.name in kept
    again = preview.preview_source(store, rows((CERTIFIED, "province", "24", 3.0)),
                                   agency_id=FARMING, period="2026", submission_id="tai-len-3",
                                   published=published)  # fmt: skip
    assert again == made[-1]


def test_the_review_page_previews_a_waiting_submission(tmp_path, monkeypatch):
    from ttx_data import accounts
    from ttx_data.accounts import Actor
    from ttx_data.store import database
    from ttx_data.ui import auth

    directory = copy_published(tmp_path / "data")
    monkeypatch.setenv("TTX_DATA_DIR", str(directory))
    monkeypatch.setenv(preview.PREVIEWS_ENV, str(tmp_path / "previews"))
    monkeypatch.setenv("TTX_DATABASE_URL", f"sqlite:///{tmp_path / 'review.sqlite3'}")
    engine = database.ensure_schema()
    accounts.add_account(engine, "thamdinh", role="reviewer", agency_code="so_tai_chinh_bac_ninh",
                         password="mat-khau-tham-dinh-1", actor=Actor.operator())  # fmt: skip
    submissions.submit(engine, intake(TRADE, (INTENSITY, "province", "24", 400.0), period="2025"),
                       actor=reporter(TRADE), file_name="b.xlsx", data=b"b")  # fmt: skip
    try:
        app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
        app.query_params["lang"] = "en"
        app.run()
        app.switch_page("pages/sign_in.py").run()
        app.text_input(key=auth.USERNAME_FIELD).input("thamdinh")
        app.text_input(key=auth.PASSWORD_FIELD).input("mat-khau-tham-dinh-1")
        app.get("button")[0].click().run()
        app.switch_page("pages/review.py").run()
        assert not app.exception
        bold = "\n".join(m.value for m in app.markdown)
        assert "Values that would change (1)" in bold
        assert "Indicator statuses that would change (1)" in bold
        assert "New warnings (1)" in bold
        assert any("Moving away from target" in w.value for w in app.warning)
        tables = [d.value for d in app.dataframe]
        changed = next(t for t in tables if "Once accepted" in t.columns and "Area" in t.columns)
        assert list(changed["Once accepted"]) == ["400.0"]
        assert list(changed["How"]) == ["Reported in the submission"]
    finally:
        query.reset_connections()
        database.dispose_engines()
