"""The reporting regime set by the secretariat, on SQLite and PostgreSQL: an entry in the store
replaces the file's row for everything built on the regime (rules, deadlines, workbooks,
completeness) at once; a reset puts the file's row back; a change that breaks a rule is refused
naming the indicator, the field and the fix, storing nothing; every change is audited with each
field before and after and the reason; a store that cannot be read leaves the file in effect."""

from __future__ import annotations

import datetime as dt
import io
import logging
import time

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from reporting_fakes import ADMIN, REVIEWER, at, intake, reporter

from ttx_data.accounts import Actor, PermissionDenied
from ttx_data.reporting import completeness, regime, regime_store, submissions, workbook
from ttx_data.reporting.layout import expected_layout
from ttx_data.store import audit, database
from ttx_data.store.schema import regime_entries

HDI = "t13_hdi"
FINANCE = "so_tai_chinh_bac_ninh"  # reports HDI today
FOREST = "t05a_forest_cover"
T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
ON = dt.date(2026, 12, 1)


def _rule(engine, indicator_id: str = HDI) -> regime.ReportingRule:
    return next(r for r in regime.rules(ON, engine=engine) if r.indicator_id == indicator_id)


def _bundled(indicator_id: str = HDI) -> dict[str, str]:
    rows = regime.load_regime_file()
    return rows[rows["indicator_id"] == indicator_id].iloc[0].to_dict()


def _set(engine, which=HDI, actor=REVIEWER, reason="Công văn 12/UBND-TH", **fields):
    return regime_store.set_entry(engine, which, fields, reason=reason, actor=actor,
                                  client="10.0.0.9", now=T0)  # fmt: skip


def _regime_actions(engine) -> list[str]:
    return [e.action for e in regime_store.history(engine)]


def test_an_entry_replaces_the_files_row_and_rules_see_it_at_once(store):
    assert _rule(store).deadline == "01-15"  # read (and cached) before the change
    assert regime.period_deadline("2026", ON, engine=store) == dt.date(2027, 1, 15)
    _set(store, deadline="01-31", plausible_max="0.9")
    rule = _rule(store)
    assert (rule.deadline, rule.deadline_date(2026)) == ("01-31", dt.date(2027, 1, 31))
    assert rule.plausible.maximum == 0.9 and rule.plausible.minimum == 0.5  # kept
    assert regime.period_deadline("2026", ON, engine=store) == dt.date(2027, 1, 31)
    _set(store, deadline="02-10")  # a second change is seen at once too
    assert regime.period_deadline("2026", ON, engine=store) == dt.date(2027, 2, 10)
    _set(store, deadline="01-31")
    effective = regime.load_regime(engine=store).set_index("indicator_id")
    assert effective.loc[HDI, "deadline"] == "01-31"
    assert effective.drop(index=HDI).equals(
        regime.load_regime_file().set_index("indicator_id").drop(index=HDI)
    )
    assert regime.load_regime_file().set_index("indicator_id").loc[HDI, "deadline"] == "01-15"
    current = regime_store.current(store).set_index("indicator_id")
    assert current.loc[HDI, "changed"] and current.loc[HDI, "changed_by"] == REVIEWER.username
    assert current.loc[HDI, "changed_at"] == T0
    assert not current.drop(index=HDI)["changed"].any()


def test_a_change_is_audited_with_each_field_before_and_after_and_the_reason(store):
    _set(store, deadline="01-31", note="Theo CV 12 / Per letter 12")
    [entry] = audit.entries(store)
    assert (entry.action, entry.target, entry.actor, entry.role, entry.client) == (
        "regime_changed", HDI, REVIEWER.username, "reviewer", "10.0.0.9",
    )  # fmt: skip
    assert entry.detail == {
        "indicator_id": HDI,
        "changes": {
            "deadline": {"before": "01-15", "after": "01-31"},
            "note": {"before": _bundled()["note"], "after": "Theo CV 12 / Per letter 12"},
        },
        "reason": "Công văn 12/UBND-TH",
    }
    _set(store, deadline="02-15", reason="  Lùi hạn   lần 2 ")
    latest = audit.entries(store)[0]
    assert latest.detail["changes"] == {"deadline": {"before": "01-31", "after": "02-15"}}
    assert latest.detail["reason"] == "Lùi hạn lần 2"
    assert audit.verify_chain(store) == []


def test_a_reset_puts_the_files_row_back_and_is_audited(store):
    _set(store, deadline="01-31", max_change_factor="2")
    regime_store.reset_entry(store, HDI, reason="Trở lại quy định chung", actor=ADMIN, now=T0)
    assert regime.store_entries(store) == ()
    assert _rule(store).deadline == "01-15" and _rule(store).max_change_factor == 1.5
    entry = audit.entries(store)[0]
    assert (entry.action, entry.actor, entry.role) == ("regime_reset", ADMIN.username, "admin")
    assert entry.detail["changes"] == {
        "deadline": {"before": "01-31", "after": "01-15"},
        "max_change_factor": {"before": "2", "after": "1.5"},
    }
    assert entry.detail["reason"] == "Trở lại quy định chung"
    with pytest.raises(regime_store.RegimeEditRefused, match="is the bundled file's already"):
        regime_store.reset_entry(store, HDI, reason="again", actor=ADMIN)
    assert _regime_actions(store) == ["regime_reset", "regime_changed"]


def test_setting_the_files_values_again_leaves_no_entry_but_is_audited(store):
    _set(store, deadline="01-31")
    _set(store, deadline="01-15")
    assert regime.store_entries(store) == ()
    assert not regime_store.current(store)["changed"].any()
    assert _regime_actions(store) == ["regime_changed", "regime_changed"]


@pytest.mark.parametrize(
    ("fields", "vi", "en"),
    [
        (
            {"deadline": "31-01"},
            "Chỉ tiêu 13 Chỉ số phát triển con người (HDI) (t13_hdi), Hạn gửi (deadline): '31-01'"
            " không phải tháng-ngày MM-DD, ví dụ 12-31",
            "Indicator 13 Human Development Index (HDI) (t13_hdi), Deadline (deadline): '31-01'"
            " is not a month-day MM-DD, e.g. 12-31",
        ),
        (
            {"max_change_factor": "1"},
            "Mức thay đổi tối đa so với kỳ trước (lần) (max_change_factor): '1' phải là số lớn hơn"
            " 1, ví dụ 1.5",
            "Largest change from the previous period (×) (max_change_factor): '1' must be a"
            " number above 1, e.g. 1.5",
        ),
        (
            {"plausible_min": "0.95", "plausible_max": "0.9"},
            "(plausible_max): 0.9 không lớn hơn plausible_min 0.95",
            "(plausible_max): 0.9 is not above plausible_min 0.95",
        ),
        (
            {"plausible_max": "120"},  # HDI is an index from 0 to 1
            "(plausible_max): 120 nằm ngoài giới hạn",
            "(plausible_max): 120 is outside the limits",
        ),
        ({"frequency": "monthly"}, "'monthly' không hợp lệ; dùng một trong: annual", "use one of"),
        ({"reporter": "so_khong_co"}, "không có trong sổ cơ quan", "not in the agency register"),
        ({"cutoff": ""}, "Ngày chốt số liệu (cutoff): ô trống", "Data cut-off (cutoff): the cell"),
        ({"plausible_min": "nan"}, "'nan' không phải số", "'nan' is not a number"),
    ],
)
def test_a_change_breaking_a_rule_is_refused_saying_where_and_how_and_stores_nothing(
    store, fields, vi, en
):
    with pytest.raises(regime_store.RegimeEditRefused) as refused:
        _set(store, **fields)
    assert any(vi in p for p in refused.value.problem_texts("vi")), refused.value.problems
    assert any(en in p for p in refused.value.problem_texts("en")), refused.value.problems
    assert refused.value.headline("en").startswith("The change is not saved: 1 problem(s)")
    assert regime.store_entries(store) == () and audit.entries(store) == []
    assert _rule(store).deadline == "01-15"


def test_another_agency_as_reporter_needs_a_note_saying_why(store):
    with pytest.raises(regime_store.RegimeEditRefused) as refused:
        _set(store, FOREST, reporter="so_y_te")
    [problem] = refused.value.problem_texts("en")
    assert problem.startswith("Indicator 5a") and "Note (note): say why another agency" in problem
    _set(store, FOREST, reporter="so_y_te", note="Y tế theo dõi / Health follows it")
    assert (_rule(store, FOREST).plan_agency_id, _rule(store, FOREST).agency_id) == (
        "so_y_te", "so_y_te_bac_ninh",
    )  # fmt: skip
    _set(store, FOREST, reporter="", note="")  # the lead agency again: the file's row
    assert regime.store_entries(store) == ()


@pytest.mark.parametrize(
    ("indicator_id", "fields", "reason", "said"),
    [
        (HDI, {"deadline": "01-31"}, "  ", "give the reason for it"),
        (HDI, {"deadline": "01-31"}, "x" * 1001, "longer than 1000 characters"),
        (HDI, {"due": "01-31"}, "r", "there is no field due; the fields that can be set: freq"),
        (HDI, {"indicator_id": "t01"}, "r", "there is no field indicator_id"),
        (HDI, {"deadline": "01-15"}, "r", "the values of t13_hdi are those in effect"),
        (HDI, {"note": "n" * 1001}, "r", "the note is longer than 1000 characters"),
        ("t14_air_quality_plan", {"deadline": "01-31"}, "r", "milestones are not reported"),
        ("t99_unknown", {"deadline": "01-31"}, "r", "use one of: t01_electricity_intensity, "),
    ],
)
def test_a_change_without_reason_field_or_difference_is_refused(
    store, indicator_id, fields, reason, said
):
    with pytest.raises(regime_store.RegimeEditRefused) as refused:
        regime_store.set_entry(store, indicator_id, fields, reason=reason, actor=REVIEWER)
    assert said in refused.value.en and refused.value.vi.startswith("Chưa lưu")
    assert audit.entries(store) == []


def test_only_the_secretariat_may_change_the_regime(store):
    for actor in (reporter(FINANCE), Actor.anonymous()):
        with pytest.raises(PermissionDenied, match="reviewer or administrator"):
            _set(store, actor=actor, deadline="01-31")
        with pytest.raises(PermissionDenied):
            regime_store.reset_entry(store, HDI, reason="r", actor=actor)
    assert regime.store_entries(store) == () and audit.entries(store) == []


def _hdi_item(engine, today: dt.date):
    items = completeness.report_items(engine, "2026", today=today)
    return items[items["indicator_id"] == HDI].iloc[0]


def test_a_changed_deadline_changes_what_is_late_and_what_is_overdue(store):
    today = dt.date(2027, 1, 25)
    assert _hdi_item(store, today)["timing"] == "overdue"  # due 15/1, nothing sent
    sent = submissions.submit(store, intake(FINANCE, (HDI, "province", "24", 0.72)),
                              actor=reporter(FINANCE), file_name="hdi.xlsx", data=b"x",
                              now=at("2027-01-20"))  # fmt: skip
    assert sent.agency_id == FINANCE
    item = _hdi_item(store, today)
    assert (item["deadline"], item["timing"]) == (dt.date(2027, 1, 15), "late")
    _set(store, deadline="01-31")
    item = _hdi_item(store, today)
    assert (item["deadline"], item["timing"]) == (dt.date(2027, 1, 31), "on_time")
    finance = completeness.completeness(store, "2026", today=today).set_index("agency_id")
    assert finance.loc[FINANCE, "late"] == 0 and finance.loc[FINANCE, "on_time"] == 1


def test_the_apps_store_by_default_reaches_workbooks_and_their_checks(
    store, store_url, monkeypatch
):
    monkeypatch.setenv(database.DATABASE_URL_ENV, store_url)
    before = regime.fingerprint()
    _set(store, deadline="01-31", plausible_max="0.8")
    assert regime.fingerprint() != before
    assert regime.period_deadline("2026") == dt.date(2027, 1, 31)
    layout = expected_layout(FINANCE, "2026", ON)
    assert layout.rules[HDI].plausible.maximum == 0.8
    book = load_workbook(io.BytesIO(workbook.build_template(FINANCE, "2026", on=ON)))
    cells = [str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value]
    assert "31/01/2027" in cells and "15/01/2027" not in cells


def test_entries_breaking_the_rules_later_leave_the_file_in_effect(store, caplog):
    """A row written when the rules allowed it (here: put in by hand) that they no longer do."""
    with database.writing(store) as connection:
        connection.execute(sa.insert(regime_entries).values(
            indicator_id=HDI, frequency="annual", cutoff="12-31", deadline="99-99",
            max_change_factor="1.5", changed_by="x", changed_at=T0,
        ))  # fmt: skip
    with caplog.at_level(logging.ERROR, logger="ttx_data.reporting.regime"):
        assert _rule(store).deadline == "01-15"
    assert "the secretariat's entries are not used" in caplog.text and "99-99" in caplog.text
    assert not regime_store.current(store)["changed"].any()


def test_without_a_reachable_store_the_file_is_in_effect_and_said_in_the_log(caplog):
    url = "postgresql+psycopg://ttx:s3cret-pw@127.0.0.1:9/ttx?connect_timeout=2"
    unreachable = database.engine(url)
    try:
        with caplog.at_level(logging.WARNING, logger="ttx_data.reporting.regime"):
            assert regime.load_regime(engine=unreachable).equals(regime.load_regime_file())
            started = time.monotonic()
            assert _rule(unreachable).deadline == "01-15"  # not asked again for a while
            assert time.monotonic() - started < 1
    finally:
        regime._unreachable.clear()
        database.dispose_engines()
    assert caplog.text.count("cannot be read") == 1 and "s3cret-pw" not in caplog.text


def test_reading_the_regime_makes_no_database(tmp_path, monkeypatch):
    monkeypatch.setenv(database.DATABASE_URL_ENV, f"sqlite:///{tmp_path / 'none.sqlite3'}")
    assert regime.load_regime().equals(regime.load_regime_file())
    assert list(tmp_path.iterdir()) == []
