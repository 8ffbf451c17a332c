"""Accounts in the app under AppTest: each role sees exactly its pages, sign-in and sign-out,
refusals by page and by crafted session state, reviewers alone freeze snapshots."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ttx_data import accounts, snapshots
from ttx_data.accounts import Actor
from ttx_data.paths import PROJECT_ROOT
from ttx_data.store import audit, database
from ttx_data.ui import auth

PASSWORD = "mat-khau-du-dai-2026"
PEOPLE = {
    "baocao": ("reporter", "so_nong_nghiep_moi_truong_bac_ninh", "Lê Báo Cáo"),
    "thamdinh": ("reviewer", "so_tai_chinh_bac_ninh", "Trần Thẩm Định"),
    "quantri": ("admin", None, "Phạm Quản Trị"),
}
ACCOUNT_PAGES = {"sign_in.py", "audit.py", "accounts.py", "report.py", "review.py", "regime.py"}


@pytest.fixture
def people(tmp_path, monkeypatch):
    """A fresh store with a reporter, a reviewer and an administrator; snapshots in tmp."""
    monkeypatch.setenv("TTX_DATABASE_URL", f"sqlite:///{tmp_path / 'ttx.sqlite3'}")
    monkeypatch.setenv(snapshots.SNAPSHOTS_ENV, str(tmp_path / "snapshots"))
    engine = database.ensure_schema()
    for name, (role, agency, display) in PEOPLE.items():
        accounts.add_account(engine, name, role=role, agency_code=agency, password=PASSWORD,
                             display_name=display, actor=Actor.operator())  # fmt: skip
    yield engine
    database.dispose_engines()


def _app(lang: str = "vi") -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    app.query_params["lang"] = lang
    return app.run()


def _sign_in(app: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    app.switch_page("pages/sign_in.py").run()
    app.text_input(key=auth.USERNAME_FIELD).input(name)
    app.text_input(key=auth.PASSWORD_FIELD).input(password)
    return app.get("button")[0].click().run()


def _listed(app: AppTest) -> set[str]:
    """The pages needing a role that the navigation lists (by file name)."""
    paths = [str(info.get("script_path", "")) for info in app._registered_pages.values()]
    return {p.rsplit("/", 1)[-1] for p in paths} & ACCOUNT_PAGES


def _text(app: AppTest) -> str:
    parts = [*app.title, *app.markdown, *app.caption, *app.error, *app.success, *app.info]
    parts += [*app.sidebar.caption]
    return "\n".join(str(p.value) for p in parts)


@pytest.mark.parametrize(
    ("name", "pages"),
    [
        (None, {"sign_in.py"}),
        ("baocao", {"sign_in.py", "report.py"}),
        ("thamdinh", {"sign_in.py", "audit.py", "review.py", "regime.py"}),
        ("quantri", {"sign_in.py", "audit.py", "accounts.py", "regime.py"}),
    ],
)
def test_each_role_sees_exactly_its_pages(people, name, pages):
    app = _app()
    if name is not None:
        _sign_in(app, name)
        assert not app.exception, [e.value for e in app.exception]
        role, _, display = PEOPLE[name]
        assert display in " ".join(c.value for c in app.sidebar.caption)
    assert _listed(app) == pages


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_wrong_password_and_unknown_name_get_the_same_message(people, lang):
    app = _app(lang)
    _sign_in(app, "thamdinh", "khong-dung-mat-khau")
    wrong = [e.value for e in app.error]
    _sign_in(app, "khong-co-ai", "khong-dung-mat-khau")
    assert [e.value for e in app.error] == wrong and len(wrong) == 1
    assert ("Wrong username or password" if lang == "en" else "mật khẩu không đúng") in wrong[0]
    assert _listed(app) == {"sign_in.py"}


def test_lockout_after_repeated_failures_is_said_clearly(people):
    app = _app("en")
    for _ in range(5):
        _sign_in(app, "thamdinh", "khong-dung-mat-khau")
    _sign_in(app, "thamdinh")  # the right password, too late
    assert "minutes" in app.error[0].value and _listed(app) == {"sign_in.py"}


def test_sign_out_ends_the_session_in_the_store(people):
    app = _app()
    _sign_in(app, "quantri")
    token = app.session_state[auth._TOKEN]
    assert accounts.session_actor(people, token).username == "quantri"
    app.switch_page("pages/sign_in.py").run()
    app.button(key="sign_out_page").click().run()
    assert accounts.session_actor(people, token) is None
    assert _listed(app) == {"sign_in.py"}
    actions = [e.action for e in audit.entries(people)]
    assert actions[:2] == ["sign_out", "sign_in"]


def test_direct_link_to_a_page_of_another_role_is_refused_with_a_message(people, monkeypatch):
    app = _app("en")
    _sign_in(app, "baocao")
    for page in ("pages/audit.py", "pages/accounts.py"):
        with pytest.raises(ValueError):  # not in a reporter's navigation
            app.switch_page(page)
    # a link typed by hand (/audit): the page is routed only to say why it is refused
    monkeypatch.setattr(auth, "requested_page", lambda: "audit")
    app.run()
    app.switch_page("pages/audit.py").run()
    assert not app.exception
    assert "This page needs the permission: Read the audit log" in app.error[0].value
    assert not app.dataframe  # nothing of the log is shown


def test_a_crafted_session_token_reads_as_a_viewer(people):
    app = _app()
    app.session_state[auth._TOKEN] = "forged.token.value"
    app.run()
    assert _listed(app) == {"sign_in.py"}
    assert not app.exception


def test_only_a_reviewer_freezes_a_snapshot_and_it_is_audited(people):
    app = _app()
    app.switch_page("pages/snapshots.py").run()
    assert "take_snapshot" not in [b.key for b in app.button]
    assert "Chỉ cán bộ thẩm định" in app.info[0].value
    _sign_in(app, "baocao")
    app.switch_page("pages/snapshots.py").run()
    assert "take_snapshot" not in [b.key for b in app.button]
    app.button(key="sign_out").click().run()  # the sidebar's sign-out
    _sign_in(app, "thamdinh")
    app.switch_page("pages/snapshots.py").run()
    app.text_input(key="snapshot_name").input("Phiên họp BCĐ tháng 12/2026")
    app.button(key="take_snapshot").click().run()
    assert "Đã chụp" in app.success[0].value
    entry = audit.entries(people, action="snapshot_created")[0]
    assert (entry.actor, entry.role) == ("thamdinh", "reviewer")


PDF_SCRIPT = """
import streamlit as st
from ttx_data.filters import Filters
from ttx_data.ui import data

vi = Filters(lang="vi")
first, again = data.brief_pdf(vi), data.brief_pdf(vi)
st.write("same" if first == again else "different")
st.write("offered" if data.made_brief_pdf(vi) == first else "not offered")
st.write("not offered in English" if data.made_brief_pdf(Filters(lang="en")) is None else "?")
st.session_state[data._PDF_LOCK].acquire()  # a build still running in this session
try:
    data.brief_pdf(Filters(lang="en"))
except data.BriefBusy:
    st.write("busy")
"""


def test_a_pdf_brief_is_built_once_per_data_and_filters_one_at_a_time(monkeypatch):
    """LibreOffice costs ~10 s and ~400 MB: the same data, filters and language reuse the PDF
    made, and a session already building one is told to wait instead of starting another."""
    from ttx_data import brief
    from ttx_data.ui import data

    builds = []

    def fake_pdf(pptx, pdf, timeout=240):
        builds.append(pptx)
        pdf.write_bytes(b"%PDF-1.4 test")
        return pdf

    monkeypatch.setattr(brief, "pptx_to_pdf", fake_pdf)
    data._brief_pdf.clear()
    app = AppTest.from_string(PDF_SCRIPT, default_timeout=90).run()
    assert not app.exception, [e.value for e in app.exception]
    assert [m.value for m in app.markdown] == [
        "same", "offered", "not offered in English", "busy",
    ]  # fmt: skip
    assert len(builds) == 1
