"""Numbers and dates in the reader's language inside charts: the Vega locale of each spec, the
catalog's decimals in tooltips, Vietnamese dates on milestone timelines (drawn with vl-convert)."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
import vl_convert
from streamlit.testing.v1 import AppTest

from ttx_data import catalog, charts, export, panels
from ttx_data.filters import Filters
from ttx_data.i18n import vega_locale
from ttx_data.paths import PROJECT_ROOT


def _svg_texts(spec: dict) -> list[str]:
    return re.findall(r">([^<>]+)</text>", vl_convert.vegalite_to_svg(spec))


def _progress(lang: str, values: list[float], decimals: int = 1) -> dict:
    observed = pd.DataFrame(
        {
            "area_name": ["Toàn tỉnh"] * len(values),
            "year": list(range(2020, 2020 + len(values))),
            "value": values,
            "provenance": ["official"] * len(values),
        }
    )
    guides = pd.DataFrame(columns=["area_name", "guide", "year", "value"])
    return charts.progress_chart(
        observed, guides, None, "x", "ha", lang, 2020, decimals=decimals
    ).to_dict()


def _tooltip_formats(spec: dict) -> dict[str, str]:
    formats = {}
    for layer in spec.get("layer", []):
        tips = layer.get("encoding", {}).get("tooltip", [])
        for tip in tips if isinstance(tips, list) else [tips]:
            if "format" in tip:
                formats[tip["field"]] = tip["format"]
    return formats


def test_axis_labels_group_thousands_in_the_language():
    vi = _svg_texts(_progress("vi", [2000.0, 9501.0, 18000.0], decimals=0))
    assert "18.000" in vi and "18,000" not in vi, vi
    en = _svg_texts(_progress("en", [2000.0, 9501.0, 18000.0], decimals=0))
    assert "18,000" in en and "18.000" not in en, en


def test_axis_labels_use_the_vietnamese_decimal_comma():
    texts = _svg_texts(_progress("vi", [37.2, 37.5, 37.8]))
    decimals = [x for x in texts if re.fullmatch(r"\d+[.,]\d", x)]
    assert decimals and all("," in x for x in decimals), texts


def test_spec_carries_the_language_locale():
    spec = _progress("vi", [37.8])
    number = spec["config"]["locale"]["number"]
    assert (number["decimal"], number["thousands"]) == (",", ".")
    assert spec["config"]["locale"]["time"]["months"][2] == "tháng 3"
    assert _progress("en", [37.8])["config"]["locale"]["number"]["decimal"] == "."


def test_tooltips_use_the_catalog_decimals_not_two():
    assert _tooltip_formats(_progress("vi", [9501.0], decimals=0))["value"] == ",.0f"
    assert _tooltip_formats(_progress("vi", [37.8], decimals=1))["value"] == ",.1f"
    ranked = pd.DataFrame(
        {
            "district_code": ["219"],
            "area_name": ["Lục Ngạn"],
            "value": [37.8],
            "provenance": ["official"],
            "rank": [1],
        }
    )
    spec = charts.ranking_chart(ranked, 38.0, 40.0, "x", "%", "vi", decimals=1).to_dict()
    formats = [
        tip.get("format")
        for layer in spec["layer"]
        for tip in layer["encoding"].get("tooltip", [])
        if tip["field"] == "value"
    ]
    assert formats == [",.1f"] * 3  # the bars, the province rule and the target rule
    assert spec["config"]["locale"] == vega_locale("vi")


@pytest.mark.parametrize(("lang", "date"), [("vi", "%d/%m/%Y"), ("en", "%-d %b %Y")])
def test_milestone_timeline_dates_in_the_language(lang, date):
    steps = pd.DataFrame(
        {
            "step": ["Ban hành"],
            "status_label": ["xong"],
            "status_date": ["2025-03-14"],
            "provenance": ["official"],
        }
    )
    spec = charts.milestone_chart(steps, "x", lang).to_dict()
    assert _tooltip_formats(spec)["status_date"] == date
    texts = _svg_texts(spec.copy() | {"width": 900})  # wide: the axis would tick half-years
    months = r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|tháng"
    assert not [x for x in texts if re.search(months, x)], texts
    assert "2025" in texts


def test_tables_on_screen_write_numbers_in_the_language_downloads_keep_them():
    frame = pd.DataFrame(
        {"area": ["Lục Ngạn", "Sơn Động"], "year": [2025, 2025], "value": [9501.0, None],
         "source_title": ["x", None]}
    )  # fmt: skip
    shown = export.screen_table(frame, "vi", {"value": 0})
    assert shown["Giá trị"].tolist() == ["9.501", "—"]
    assert shown["Nguồn"].tolist() == ["x", ""]  # an empty cell, not "None"
    assert shown["Năm"].tolist() == [2025, 2025]  # years are not numbers to group
    english = export.screen_table(frame.assign(value=[37.8, 18000.0]), "en", {"value": 1})
    assert english["Value"].tolist() == ["37.8", "18,000.0"]
    assert export.localized_table(frame, "vi")["Giá trị"].iloc[0] == 9501.0  # for download


def test_panel_tables_use_the_catalog_decimals():
    certified = panels.series_panel("t05b_certified_forest_area", Filters(lang="vi"))
    assert certified.decimals["value"] == catalog.indicator("t05b_certified_forest_area").decimals
    shown = export.screen_table(certified.table, "vi", certified.decimals)
    assert all(re.fullmatch(r"\d{1,3}(\.\d{3})*", v) for v in shown["Giá trị"]), shown


def _short_table(app: AppTest) -> pd.DataFrame:
    """The cells of the page's short HTML table (`components.short_table`), as text."""
    body = next(h.proto.body for h in app.get("html") if "<table" in h.proto.body)
    head = [html.unescape(h) for h in re.findall(r"<th(?: [^>]*)?>(.*?)</th>", body, re.S)]
    rows = re.findall(r"<tr>(<td.*?)</tr>", body, re.S)
    cells = [[html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)] for r in rows]
    return pd.DataFrame(cells, columns=head)


def test_forest_map_table_on_screen_in_vietnamese():
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.query_params["lang"] = "vi"
    app.run()
    app.switch_page("pages/forest_map.py").run()
    table = _short_table(app)
    assert len(table) == 9  # 2025: the plan districts but Yên Dũng, merged into Bắc Giang
    assert any("," in v for v in table["Độ che phủ rừng (%)"]), table
    assert all("." not in v for v in table["Độ che phủ rừng (%)"]), table
