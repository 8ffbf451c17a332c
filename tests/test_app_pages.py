"""Every page runs under Streamlit's AppTest without exceptions, in both languages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ttx_data.paths import PROJECT_ROOT

PAGES = sorted(p.relative_to(PROJECT_ROOT).as_posix() for p in PROJECT_ROOT.glob("pages/*.py"))


def _app(lang: str = "vi") -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.query_params["lang"] = lang
    return app


def _text(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [h.value for h in app.title]
    parts += [w.value for w in app.warning] + [c.value for c in app.caption]
    parts += [s.value for s in app.subheader]
    parts += [h.proto.body for h in app.get("html")]
    return "\n".join(str(p) for p in parts)


def test_app_lists_every_page_in_navigation():
    source = (PROJECT_ROOT / "app.py").read_text(encoding="utf-8")
    for page in PAGES:
        assert f'"{page}"' in source, f"{page} is not in app.py's st.navigation"


ADMIN_PASSWORD = "mat-khau-quan-tri-2026"


@pytest.fixture
def admin(tmp_path, monkeypatch):
    """A fresh store with an administrator who is also the reviewer's peer: every page opens."""
    from ttx_data import accounts
    from ttx_data.accounts import Actor
    from ttx_data.store import database

    monkeypatch.setenv("TTX_DATABASE_URL", f"sqlite:///{tmp_path / 'pages.sqlite3'}")
    engine = database.ensure_schema()
    for name, role, agency in (
        ("quantri", "admin", None),
        ("thamdinh", "reviewer", "so_tai_chinh_bac_ninh"),
        ("baocao", "reporter", "so_nong_nghiep_moi_truong_bac_ninh"),
    ):
        accounts.add_account(engine, name, role=role, agency_code=agency,
                             password=ADMIN_PASSWORD, actor=Actor.operator())  # fmt: skip
    yield
    database.dispose_engines()


STAFF_PAGES = {
    "pages/audit.py": ("quantri", ADMIN_PASSWORD),
    "pages/accounts.py": ("quantri", ADMIN_PASSWORD),
    "pages/review.py": ("thamdinh", ADMIN_PASSWORD),
    "pages/regime.py": ("thamdinh", ADMIN_PASSWORD),
    "pages/report.py": ("baocao", ADMIN_PASSWORD),
}
"""Pages listed only for a role, with the account (made by `admin`) that opens them."""


def _signed_in(lang: str, name: str, password: str) -> AppTest:
    from ttx_data.ui import auth

    app = _app(lang).run()
    app.switch_page("pages/sign_in.py").run()
    app.text_input(key=auth.USERNAME_FIELD).input(name)
    app.text_input(key=auth.PASSWORD_FIELD).input(password)
    return app.get("button")[0].click().run()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exceptions(page, lang, admin):
    # a staff page is listed once someone with its role is signed in
    app = _signed_in(lang, *STAFF_PAGES[page]) if page in STAFF_PAGES else _app(lang).run()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.title, f"{page} shows no title"


def test_overview_scorecard_lists_every_indicator_with_status_and_banner():
    app = _app("vi").run()
    text = _text(app)
    assert "Bảng theo dõi các mục tiêu đến năm 2030" in text
    assert "số liệu minh họa" in text
    for indicator_id in (
        "t01_electricity_intensity",
        "t05a_forest_cover",
        "t15c_clean_water_rural_share",
    ):
        assert f"data-indicator='{indicator_id}'" in text
    assert "Đã đạt mục tiêu" in text
    assert "Số liệu đến năm 2026 · dữ liệu thay đổi lần cuối ngày 24/11/2026" in text
    assert (
        "15 mục tiêu cụ thể của Kế hoạch (mục II.3) tách thành 23 chỉ tiêu, cộng 1 chỉ tiêu từ mục III.8.9"
        in text
    )


def test_language_switch_turns_the_page_english():
    app = _app("vi").run()
    app.sidebar.segmented_control[0].set_value("en").run()
    assert not app.exception
    text = _text(app)
    assert "Scorecard of the 2030 targets" in text
    assert "illustrative data" in text


def test_unknown_language_in_url_falls_back_to_vietnamese():
    app = _app("xx").run()
    assert not app.exception
    assert "Bảng theo dõi các mục tiêu đến năm 2030" in _text(app)
