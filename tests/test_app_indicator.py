"""An indicator's page under AppTest: opened from its URL in both languages, every indicator of
the catalog, a clear page for a missing or unknown id, and the links that lead to it."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from ttx_data import catalog
from ttx_data.paths import PROJECT_ROOT


def _open(**params: str) -> AppTest:
    """The app opened at `indicator?...` in a fresh session."""
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    return app.switch_page("pages/indicator.py").run()


def _failed(app: AppTest) -> list[str]:
    """Exceptions, and errors the page's guard turned into messages."""
    return [e.value for e in app.exception] + [e.value for e in app.error]


def _text(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [h.value for h in app.title]
    parts += [s.value for s in app.subheader] + [c.value for c in app.caption]
    parts += [w.value for w in app.warning] + [i.value for i in app.info]
    parts += [h.proto.body for h in app.get("html")]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize(
    ("indicator_id", "lang", "expected"),
    [
        ("t05a_forest_cover", "vi", ["5a · Tỷ lệ che phủ rừng", "So sánh các huyện", "8.5.a"]),
        ("t05a_forest_cover", "en", ["5a · Forest cover", "Districts compared", "On the map"]),
        ("t01_electricity_intensity", "en", ["Tasks serving this indicator", "8.1.a"]),
        ("t14_air_quality_plan", "vi", ["14 · ", "Định nghĩa và nguồn", "Nhiệm vụ phục vụ"]),
        ("t07_kcn_ccn_wwtp_share", "vi", ["Trên bản đồ", "So sánh các huyện"]),
    ],
)
def test_an_indicator_page_opens_from_its_url(indicator_id, lang, expected):
    app = _open(id=indicator_id, lang=lang)
    assert not _failed(app), _failed(app)
    text = _text(app)
    for words in expected:
        assert words in text, words
    assert app.query_params["id"] == [indicator_id] or app.query_params["id"] == indicator_id


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_indicator_of_the_catalog_opens_without_an_error(lang):
    app = _open(id="t01_electricity_intensity", lang=lang)
    for indicator in catalog.indicators():
        app.query_params["id"] = indicator.indicator_id
        app.run()
        assert not _failed(app), (indicator.indicator_id, _failed(app))
        assert app.title[0].value == f"{indicator.label} · {indicator.name(lang)}"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("group", list(catalog.GROUPS))
def test_group_summaries_show_without_an_error(group, lang):
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    app.query_params["lang"] = lang
    app.query_params["district"] = "222"
    app.run()
    app.switch_page(f"pages/{group}.py").run()
    assert not _failed(app), _failed(app)
    shown = [i.indicator_id for i in catalog.indicators() if i.group == group]
    text = _text(app)
    assert all(f"<tr data-indicator='{i}'>" in text for i in shown)
    assert re.search(r"<figure class='ttx-multiples'[^>]*><img src='[^']*/media/\w+\.webp'", text)


def test_the_district_filter_and_the_id_stay_in_the_link():
    app = _open(id="t04a_hightech_agriculture_share", district="219", lang="vi")
    assert not _failed(app)
    text = _text(app)
    assert "<b>Lục Ngạn</b>" in text and "<b>Toàn tỉnh</b>" in text
    params = {k: v[0] if isinstance(v, list) else v for k, v in app.query_params.items()}
    assert params["id"] == "t04a_hightech_agriculture_share" and params["district"] == "219"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_unknown_id_says_so_and_offers_the_pages_that_list_indicators(lang):
    app = _open(id="t99_**nope**<b>", lang=lang)
    assert not _failed(app)
    assert app.title[0].value == (
        "Indicator not found" if lang == "en" else "Không tìm thấy chỉ tiêu"
    )
    warning = app.warning[0].value
    assert "t99" in warning and "<b>" not in warning.replace("\\<b\\>", "")
    assert "**nope**" not in warning  # shown as typed, never as Markdown
    links = [p.proto.page for p in app.get("page_link")]
    assert "economy" in links and "indicator_catalog" in links


def test_a_missing_id_says_the_link_names_no_indicator():
    app = _open(lang="vi")
    assert not _failed(app)
    assert app.title[0].value == "Không tìm thấy chỉ tiêu"
    assert "tham số id" in app.warning[0].value


def test_the_overview_and_the_catalog_link_to_indicator_pages():
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    app.query_params["lang"] = "en"
    app.query_params["district"] = "219"
    app.run()
    assert "href='indicator?id=t05a_forest_cover&amp;district=219&amp;lang=en'" in _text(app)
    app.switch_page("pages/indicator_catalog.py").run()
    assert not _failed(app)
    links = [p.proto for p in app.get("page_link")]
    assert any(
        p.page == "indicator" and "id=t01_electricity_intensity" in p.query_string for p in links
    )


def test_the_forest_map_picture_is_drawn_on_request_only():
    app = _open(id="t05a_forest_cover", lang="en")
    assert not app.get("image")
    links = [p.proto for p in app.get("page_link")]
    assert any(p.page == "forest_map" for p in links)
    app.toggle(key="map-t05a_forest_cover").set_value(True).run()
    assert not _failed(app), _failed(app)
    assert app.get("image")
