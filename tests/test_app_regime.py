"""The reporting regime page under AppTest: the secretariat reads the regime in effect, changes
an indicator's deadline with a reason (the table, the deadlines and the history follow at once),
is refused a bad change with the indicator, field and fix named (nothing stored), resets it;
a viewer or a reporter cannot open the page."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from ttx_data import accounts
from ttx_data.accounts import Actor
from ttx_data.paths import PROJECT_ROOT
from ttx_data.reporting import regime, regime_store
from ttx_data.store import audit, database
from ttx_data.ui import auth, regime_view

HDI = "t13_hdi"
REPORTER_PASSWORD = "mat-khau-bao-cao-2026"


def _app(lang: str = "vi") -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    app.query_params["lang"] = lang
    return app.run()


def _open(app: AppTest) -> AppTest:
    app.switch_page("pages/regime.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _edit(app: AppTest, indicator_id: str, reason: str, lang: str = "vi", **fields) -> AppTest:
    app.selectbox(key=regime_view.choice_key(lang)).set_value(indicator_id).run()
    for field, value in fields.items():
        key = regime_view.field_key(field, indicator_id, lang)
        if field == "note":
            app.text_area(key=key).input(value)
        else:
            app.text_input(key=key).input(value)
    app.text_input(key=regime_view.REASON).input(reason)
    return app.button(key="regime_save").click().run()


def _plain(markdown: str) -> str:
    """Text shown through `literal_markdown`, as a reader sees it."""
    return markdown.replace("\\", "").replace("\u2060", "")


def _table(app: AppTest):
    return app.dataframe[0].value


def _row(app: AppTest, indicator_id: str):
    table = _table(app)
    text = regime_view.indicator_text(indicator_id, "vi")
    return table[table.iloc[:, 0] == text].iloc[0]


def test_the_secretariat_changes_a_deadline_and_everything_follows(reviewer_sign_in):
    app = _open(reviewer_sign_in(_app()))
    assert app.title[0].value == "Chế độ báo cáo"
    assert len(_table(app)) == len(regime.rules())
    before = _row(app, HDI)
    assert before["Hạn gửi"] == "15/01" and before["Khác tệp gốc"] == "Không"
    assert before["Cơ quan báo cáo hôm nay"] == "Sở Tài chính tỉnh Bắc Ninh"
    assert app.button(key="regime_reset").disabled  # nothing to reset yet
    _edit(app, HDI, "Theo Công văn 12/UBND-TH", deadline="01-31")
    assert not app.exception, [e.value for e in app.exception]
    assert "Đã lưu chế độ báo cáo của t13_hdi: deadline: 01-15 → 01-31" in _plain(
        app.success[0].value
    )
    after = _row(app, HDI)
    assert after["Hạn gửi"] == "31/01" and after["Khác tệp gốc"] == "Có"
    assert after["Người sửa, lúc"].startswith("thamdinh · ")
    assert regime.period_deadline("2026") == dt.date(2027, 1, 31)
    history = app.dataframe[1].value
    assert history.iloc[0]["Thay đổi (trước → sau)"] == "deadline: 01-15 → 01-31"
    assert history.iloc[0]["Lý do"] == "Theo Công văn 12/UBND-TH"
    entry = audit.entries(database.engine(), action="regime_changed")[0]
    assert (entry.actor, entry.role, entry.target) == ("thamdinh", "reviewer", HDI)
    # the form shows the value in effect again, the reason is cleared
    assert app.text_input(key=regime_view.field_key("deadline", HDI, "vi")).value == "01-31"
    assert app.text_input(key=regime_view.REASON).value == ""
    # reset to the bundled value: audited too
    app.text_input(key=regime_view.REASON).input("Trở lại quy định chung")
    app.button(key="regime_reset").click().run()
    assert "về giá trị gốc" in app.success[0].value
    assert app.button(key="regime_reset").disabled
    assert _row(app, HDI)["Hạn gửi"] == "15/01"
    assert app.text_input(key=regime_view.field_key("deadline", HDI, "vi")).value == "01-15"
    assert regime.period_deadline("2026") == dt.date(2027, 1, 15)
    assert [e.action for e in regime_store.history(database.engine())] == [
        "regime_reset",
        "regime_changed",
    ]


@pytest.mark.parametrize(
    ("lang", "fields", "said"),
    [
        (
            "vi",
            {"max_change_factor": "0,8"},
            "Chỉ tiêu 13 Chỉ số phát triển con người (HDI) (t13_hdi), Mức thay đổi tối đa so với"
            " kỳ trước (lần) (max_change_factor): '0,8' phải là số lớn hơn 1, ví dụ 1.5",
        ),
        ("en", {"cutoff": "31-12"}, "Data cut-off (cutoff): '31-12' is not a month-day MM-DD"),
    ],
)
def test_a_bad_change_is_refused_saying_where_and_how_and_stores_nothing(
    reviewer_sign_in, lang, fields, said
):
    app = _open(reviewer_sign_in(_app(lang)))
    _edit(app, HDI, "Thử", lang, **fields)
    assert not app.exception
    assert said in _plain(app.error[0].value)
    assert regime.store_entries() == ()
    assert audit.entries(database.engine(), action=("regime_changed", "regime_reset")) == []


def test_a_change_without_a_reason_is_refused(reviewer_sign_in):
    app = _open(reviewer_sign_in(_app("en")))
    _edit(app, HDI, "   ", "en", deadline="01-31")
    assert "give the reason for it" in app.error[0].value
    assert regime.store_entries() == ()


def test_the_page_is_english_in_english(reviewer_sign_in):
    app = _open(reviewer_sign_in(_app("en")))
    assert app.title[0].value == "Reporting regime"
    table = _table(app)
    assert "Reporting agency today" in table.columns and "Differs from the file" in table.columns
    assert "No change yet" in app.info[0].value


@pytest.fixture
def reporter(reviewer_sign_in):
    accounts.add_account(database.engine(), "baocao", role="reporter",
                         agency_code="so_nong_nghiep_moi_truong_bac_ninh",
                         password=REPORTER_PASSWORD, actor=Actor.operator())  # fmt: skip


def _listed(app: AppTest) -> bool:
    return any(
        str(info.get("script_path", "")).endswith("pages/regime.py")
        for info in app._registered_pages.values()
    )


@pytest.mark.parametrize("name", [None, "baocao"])
def test_a_viewer_or_a_reporter_cannot_see_the_page(reporter, monkeypatch, name):
    app = _app("en")
    if name is not None:
        app.switch_page("pages/sign_in.py").run()
        app.text_input(key=auth.USERNAME_FIELD).input(name)
        app.text_input(key=auth.PASSWORD_FIELD).input(REPORTER_PASSWORD)
        app.get("button")[0].click().run()
        assert "Reporter" in " ".join(c.value for c in app.sidebar.caption)
    assert not _listed(app)
    with pytest.raises(ValueError):
        app.switch_page("pages/regime.py")
    monkeypatch.setattr(auth, "requested_page", lambda: "regime")  # a link typed by hand
    app.run()
    app.switch_page("pages/regime.py").run()
    assert not app.exception
    assert "This page needs the permission: Set the reporting regime" in app.error[0].value
    assert not app.dataframe and not app.text_input  # nothing of the regime is shown
