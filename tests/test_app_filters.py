"""The shared filters under AppTest: districts, sector, years, language, and bad links."""

from __future__ import annotations

import io
import re

from PIL import Image
from streamlit.testing.v1 import AppTest

from ttx_data.paths import PROJECT_ROOT
from ttx_data.ui.state import widget_key


def _app(**params: str) -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    for name, value in params.items():
        app.query_params[name] = value
    return app


def _page_text(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [s.value for s in app.subheader]
    parts += [h.proto.body for h in app.get("html")] + [i.value for i in app.info]
    parts += [c.value for c in app.caption] + [w.value for w in app.warning]
    return "\n".join(str(p) for p in parts)


def _economy(app: AppTest) -> AppTest:
    app.run()
    return app.switch_page("pages/economy.py").run()


def _indicator(app: AppTest, indicator_id: str) -> AppTest:
    """The indicator's page in the same session (as a link from a summary opens it)."""
    app.query_params["id"] = indicator_id
    return app.switch_page("pages/indicator.py").run()


def _summary_ids(app: AppTest) -> list[str]:
    """The indicators the group summary lists, in order."""
    return re.findall(r"<tr data-indicator='([a-z0-9_]+)'>", _page_text(app))


def test_single_district_from_the_link_shows_its_series():
    app = _economy(_app(district="219", lang="vi"))
    assert not app.exception
    assert app.multiselect(key=widget_key("district", "vi")).value == ["219"]
    text = _page_text(app)
    assert "<b>Lục Ngạn</b>" in text  # the summary's column of chosen districts
    assert "<b>Sơn Động</b>" not in text
    _indicator(app, "t04a_hightech_agriculture_share")
    assert not app.exception
    text = _page_text(app)
    assert "<b>Lục Ngạn</b>" in text and "<b>Toàn tỉnh</b>" in text  # status lines
    assert "<b>Sơn Động</b>" not in text


def test_several_districts_are_compared():
    app = _economy(_app(district="219,220"))
    text = _page_text(app)
    assert "<b>Lục Ngạn</b>" in text and "<b>Sơn Động</b>" in text


def test_changing_the_district_widget_updates_the_view():
    app = _economy(_app())
    assert "<b>Hiệp Hòa</b>" not in _page_text(app)
    app.multiselect(key=widget_key("district", "vi")).set_value(["223"]).run()
    assert not app.exception
    assert "<b>Hiệp Hòa</b>" in _page_text(app)


def test_sector_keeps_only_its_indicators():
    app = _economy(_app(sector="energy"))
    assert _summary_ids(app) == ["t01_electricity_intensity", "t02_renewable_share"]
    app.switch_page("pages/transition.py").run()
    assert "không có chỉ tiêu nào thuộc lĩnh vực" in _page_text(app)


def test_year_range_limits_the_series_and_the_ranking_year():
    app = _economy(_app(district="219"))
    app.slider(key=widget_key("years", "vi")).set_value((2021, 2023)).run()
    assert not app.exception
    assert "<span class='ttx-year'>2023 · " in _page_text(app)  # the districts' spread
    _indicator(app, "t04a_hightech_agriculture_share")
    assert not app.exception
    text = _page_text(app)
    assert "So sánh các huyện, năm 2023" in text
    assert "từ 2021" in text


def test_language_switch_turns_group_pages_english():
    app = _economy(_app(district="219"))
    app.sidebar.segmented_control[0].set_value("en").run()
    assert not app.exception
    assert app.multiselect(key=widget_key("district", "en")).value == ["219"]  # kept
    assert app.multiselect(key=widget_key("district", "en")).label == "District"
    assert "<b>Luc Ngan</b>" in _page_text(app)
    app.sidebar.segmented_control[0].set_value("vi").run()
    assert not app.exception
    assert app.multiselect(key=widget_key("district", "vi")).value == ["219"]
    assert "<b>Lục Ngạn</b>" in _page_text(app)


def test_clicking_the_chosen_language_keeps_it():
    app = _economy(_app(district="219", lang="en"))
    app.sidebar.segmented_control[0].set_value(None).run()
    assert not app.exception
    assert app.sidebar.segmented_control[0].value == "en"
    assert app.query_params["lang"] == "en"
    assert "<b>Luc Ngan</b>" in _page_text(app)


def test_filters_persist_when_moving_between_pages():
    app = _economy(_app(district="222", sector="waste"))
    app.switch_page("pages/lifestyle.py").run()
    assert app.multiselect(key=widget_key("district", "vi")).value == ["222"]
    assert app.selectbox(key=widget_key("sector", "vi")).value == "waste"
    assert "<b>Việt Yên</b>" in _page_text(app)


def test_invalid_link_values_show_a_notice_and_fall_back():
    app = _economy(_app(district="999", sector="mining", **{"from": "2025", "to": "2020"}))
    assert not app.exception
    # as the reader sees them: Markdown escapes and word joiners are not shown
    warnings = " ".join(w.value for w in app.warning).replace("\\", "").replace("\u2060", "")
    assert "district='999'" in warnings and "sector='mining'" in warnings and "from=" in warnings
    assert app.multiselect(key=widget_key("district", "vi")).value == []
    assert app.slider(key=widget_key("years", "vi")).value == (2020, 2026)


def test_district_profile_page_ranks_the_chosen_district():
    app = _app(district="219")
    app.run()
    app.switch_page("pages/district_profile.py").run()
    assert not app.exception
    text = _page_text(app)
    assert "data-indicator='t05a_forest_cover'" in text
    assert "/10" in text


def test_a_district_chosen_on_its_profile_page_filters_the_whole_app():
    app = _app(lang="en")
    app.run()
    app.switch_page("pages/district_profile.py").run()
    assert "data-indicator=" not in _page_text(app)  # none chosen yet: asks for one
    app.selectbox(key="_profile_district_en_None").set_value("219").run()
    assert not app.exception
    assert app.query_params["district"] == "219"
    assert app.multiselect(key=widget_key("district", "en")).value == ["219"]
    assert "data-indicator='t05a_forest_cover'" in _page_text(app)
    app.selectbox(key="_profile_district_en_219").set_value("220").run()  # and another
    assert app.query_params["district"] == "220"
    assert app.multiselect(key=widget_key("district", "en")).value == ["220"]


def test_overview_follows_sector_and_years_and_says_it_is_province_wide():
    app = _app(sector="energy", district="219", to="2023")
    app.run()
    assert not app.exception
    text = _page_text(app)
    assert text.count("<tr data-indicator=") == 2  # targets 1 and 2 only
    assert "toàn tỉnh" in text
    assert "<span class='ttx-year'>2023</span>" in text


def test_the_group_page_shows_its_small_multiples_as_a_described_picture(monkeypatch):
    """Drawn on the server: the page needs no chart library in the browser. The picture is one
    of Streamlit's media files, fetched by the browser from the address in the page."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    served = []
    add = MediaFileManager.add

    def recorded(manager, data, mimetype, coordinates, *args, **kwargs):
        served.append((data, mimetype, add(manager, data, mimetype, coordinates, *args, **kwargs)))
        return served[-1][2]

    monkeypatch.setattr(MediaFileManager, "add", recorded)
    app = _economy(_app(lang="vi"))
    assert not app.exception
    pictures = [h.proto.body for h in app.get("html") if "ttx-multiples" in h.proto.body]
    assert len(pictures) == 1 and "Biểu đồ nhỏ theo từng chỉ tiêu" in pictures[0]  # described
    ((data, mimetype, address),) = [s for s in served if s[1] == "image/webp"]
    tag = re.search(r"<img src='([^']+)' width='(\d+)' height='(\d+)'", pictures[0])
    assert tag.group(1) == address.lstrip("/")  # relative: it holds behind a path prefix
    size = Image.open(io.BytesIO(data)).size
    assert size == (2 * int(tag.group(2)), 2 * int(tag.group(3)))  # drawn at twice its size
    assert not app.get("arrow_vega_lite_chart") and not app.get("vega_lite_chart")


def test_a_chart_that_cannot_be_drawn_leaves_the_table_and_says_so(monkeypatch):
    from ttx_data import chart_pictures
    from ttx_data.ui import data

    def broken(spec):
        raise chart_pictures.ChartPictureError("Vega-Lite to PNG conversion failed")

    monkeypatch.setattr(chart_pictures, "webp", broken)
    data._summary.clear()
    data._picture.clear()
    try:
        app = _economy(_app(lang="en"))
        assert not app.exception
        assert "could not be drawn just now" in app.warning[-1].value
        assert "ttx-summary" in _page_text(app) and "ttx-multiples" not in _page_text(app)
    finally:
        data._summary.clear()
