"""Panel contents without Streamlit: pace sentences, chart guides, charts, downloads, profiles."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from ttx_data import (
    catalog,
    charts,
    district_profile,
    export,
    geography,
    indicator_view,
    panels,
    progress,
    query,
    scorecard,
)
from ttx_data.filters import Filters
from ttx_data.i18n import t
from ttx_data.ui.data import drawable

DIGITAL = catalog.indicator("t03_digital_economy_share")


def _result(**fields) -> progress.Assessment:
    return progress.Assessment(**{"status": "needs_acceleration", **fields})


def test_pace_sentence_as_the_issue_words_it():
    result = _result(baseline_year=2020, achieved_annual_change=0.8, required_annual_change=2.1)
    assert indicator_view.progress_sentence(DIGITAL, result, "vi") == (
        "Cần tăng 2,1 điểm %/năm đến 2030; đã đạt 0,8 điểm %/năm từ 2020."
    )
    assert indicator_view.progress_sentence(DIGITAL, result, "en") == (
        "Needs to rise 2.1 pp a year to 2030; achieved 0.8 pp a year since 2020."
    )


def test_pace_sentence_when_moving_away_rate_achieved_and_no_data():
    away = _result(baseline_year=2020, achieved_annual_change=-0.3, required_annual_change=1.2)
    assert "đã giảm 0,3 điểm %/năm" in indicator_view.progress_sentence(DIGITAL, away, "vi")
    rate = _result(
        baseline_year=2020, latest_year=2025, required_growth_pct=-1.5, observed_growth_pct=-0.6
    )
    electricity = catalog.indicator("t01_electricity_intensity")
    assert indicator_view.progress_sentence(electricity, rate, "vi") == (
        "Cần giảm bình quân 1,5%/năm từ 2025 đến 2030; đã giảm bình quân 0,6%/năm từ 2020."
    )
    done = _result(status="achieved", latest_value=42.1, latest_year=2025)
    assert indicator_view.progress_sentence(DIGITAL, done, "en").startswith("Target achieved: 42.1")
    none = _result(status="insufficient_data")
    assert "hai năm" in indicator_view.progress_sentence(DIGITAL, none, "vi")


def _series() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_code": ["24", "24", "219", "219"],
            "year": [2020, 2025, 2020, 2025],
            "value": [20.0, 25.0, 10.0, 12.0],
            "provenance": ["official", "illustrative", "illustrative", "illustrative"],
        }
    )


def test_guides_run_from_baseline_to_target_and_project_to_2030():
    assessed = indicator_view.assessments(DIGITAL, _series())
    guides = indicator_view.guide_frame(DIGITAL, assessed, "vi")
    path = guides[(guides["area_name"] == "Toàn tỉnh") & (guides["guide"] == t("chart.path", "vi"))]
    assert path[["year", "value"]].values.tolist() == [[2020, 20.0], [2030, 30.0]]
    projection = guides[guides["guide"] == t("chart.projection", "vi")]
    lục_ngạn = projection[projection["area_name"] == "Lục Ngạn"]
    assert lục_ngạn["value"].tolist() == pytest.approx([12.0, 14.0])


def test_no_path_when_the_baseline_already_met_the_target():
    series = _series().assign(value=[40.0, 45.0, 35.0, 36.0])
    guides = indicator_view.guide_frame(DIGITAL, indicator_view.assessments(DIGITAL, series), "en")
    assert t("chart.path", "en") not in set(
        guides.loc[guides["area_name"] == "Whole province", "guide"]
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_progress_chart_has_title_and_axis_titles_with_units(lang):
    observed = indicator_view.observed_frame(_series(), lang)
    chart = charts.progress_chart(
        observed,
        pd.DataFrame(columns=["area_name", "guide", "year", "value"]),
        (30.0, 30.0),
        "3 · Digital",
        "%",
        lang,
        2020,
    )
    spec = chart.to_dict()
    assert spec["title"] == "3 · Digital"
    encodings = [layer["encoding"] for layer in spec["layer"] if "encoding" in layer]
    titles = {e["x"]["title"] for e in encodings if "x" in e and "title" in e["x"]}
    assert titles == {t("chart.year", lang)}
    assert f"{t('chart.value', lang)} (%)" in {e["y"].get("title") for e in encodings if "y" in e}


RANKED = pd.DataFrame(
    {
        "district_code": ["219", "220"],
        "area_name": ["Lục Ngạn", "Sơn Động"],
        "value": [30.0, 20.0],
        "provenance": ["illustrative", "official"],
        "rank": [1, 2],
    }
)


def test_ranking_chart_marks_province_target_and_is_clickable():
    spec = charts.ranking_chart(RANKED, 25.0, 50.0, "x", "%", "vi", ("219",)).to_dict()
    assert spec["params"][0]["name"] == charts.PICK
    text = str(spec)
    assert "Toàn tỉnh" in text and "Mục tiêu 2030" in text


def _form(spec: dict) -> dict:
    """A drawn spec without its data."""
    return {k: v for k, v in spec.items() if k != "datasets"}


def test_a_ranking_serves_every_choice_of_districts_without_being_changed():
    spec = charts.ranking_chart(RANKED, 25.0, 50.0, "x", "%", "vi").to_dict()
    chosen = charts.with_chosen(spec, ("220",))
    marked = {
        row["district_code"]: row[charts.CHOSEN]
        for rows in chosen["datasets"].values()
        for row in rows
        if "district_code" in row
    }
    assert marked == {"219": False, "220": True}
    assert not any(  # the spec given is unchanged
        row.get(charts.CHOSEN) for rows in spec["datasets"].values() for row in rows
    )
    assert _form(chosen) == _form(spec)


@pytest.mark.parametrize(
    "indicator_id", ["t05a_forest_cover", "t09_urban_solid_waste_treated_share"]
)
def test_another_district_changes_the_charts_data_not_their_spec(indicator_id):
    """So a click on a ranking's bar updates both drawn charts in place, not drawn anew."""
    one, other = Filters(districts=("219",)), Filters(districts=("220", "221"))
    series = [drawable(panels.series_panel(indicator_id, f).spec) for f in (one, other)]
    assert _form(series[0]) == _form(series[1])
    assert series[0]["datasets"] != series[1]["datasets"]
    assert set(series[0]["datasets"]) == {"data0", "data1", "data2"}
    assert "data0" in str(_form(series[0]))  # the layers name them

    ranking = panels.ranking_panel(indicator_id, Filters()).spec
    drawn = [drawable(charts.with_chosen(ranking, f.districts)) for f in (one, other)]
    assert _form(drawn[0]) == _form(drawn[1])
    assert drawn[0]["datasets"] != drawn[1]["datasets"]


def test_the_path_chart_colours_the_province_first_then_the_districts_in_order():
    observed = pd.DataFrame(
        {
            "area_name": ["Toàn tỉnh", "Sơn Động", "Lục Ngạn"],
            "year": [2022, 2022, 2022],
            "value": [1.0, 2.0, 3.0],
            "provenance": ["official", "illustrative", "estimate"],
        }
    )
    guides = pd.DataFrame(columns=["area_name", "guide", "year", "value"])
    spec = charts.progress_chart(observed, guides, None, "x", "%", "vi", 2020).to_dict()
    colour = next(
        layer["encoding"]["color"]
        for layer in spec["layer"]
        if "color" in layer.get("encoding", {})
    )
    assert colour["sort"] == {"field": charts.AREA_ORDER, "op": "min"}
    assert colour["scale"]["range"][:3] == charts.AREA_COLOURS[:3]
    rows = next(iter(spec["datasets"].values()))
    assert [(r["area_name"], r[charts.AREA_ORDER]) for r in rows] == [
        ("Toàn tỉnh", 0),
        ("Sơn Động", 1),
        ("Lục Ngạn", 2),
    ]


def test_downloads_keep_provenance_and_use_vietnamese_headers():
    frame = pd.DataFrame(
        {"area": ["Lục Ngạn"], "year": [2025], "value": [12.5], "provenance": ["illustrative"]}
    )
    table = export.localized_table(frame, "vi")
    assert list(table.columns) == ["Địa bàn", "Năm", "Giá trị", "Nguồn gốc số liệu"]
    assert table.iloc[0]["Nguồn gốc số liệu"] == "minh họa"
    data = export.csv_bytes(table)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    assert "Lục Ngạn" in data.decode("utf-8-sig")
    workbook = pd.read_excel(io.BytesIO(export.xlsx_bytes(table)))
    assert workbook.columns.tolist() == list(table.columns)
    assert workbook.iloc[0]["Địa bàn"] == "Lục Ngạn"


def test_district_profile_lists_ranked_district_indicators():
    rows = pd.DataFrame(
        {
            "indicator_id": ["t05a_forest_cover"] * 2,
            "year": [2020, 2025],
            "value": [43.3, 42.6],
            "provenance": ["official", "illustrative"],
            "source_title": [None, None],
            "rank": [3, 3],
            "districts_ranked": [10, 10],
            "province_value": [38.0, 37.6],
            "province_provenance": ["official", "illustrative"],
        }
    )
    profile = district_profile.build_profile(rows, "219")
    assert profile["indicator_id"].tolist() == ["t05a_forest_cover"]
    row = profile.iloc[0]
    # forest cover ≥ 37% is the province's target, not each district's
    assert row["latest_basis"] == "changed"  # Lục Ngạn in 2025: Chũ split off, then no districts
    assert (row["latest_value"], row["rank"], row["status"]) == (42.6, 3, "not_assessed")
    table = district_profile.download_table(profile, "en")
    assert table.iloc[0]["rank"] == "3/10"
    assert table.iloc[0]["target"] == "≥ 37%"


def test_district_forest_cover_is_not_judged_against_the_province_target():
    forest = catalog.indicator("t05a_forest_cover")
    series = pd.DataFrame(
        {"area_code": ["24", "24", "223", "223"], "year": [2020, 2025] * 2,
         "value": [38.0, 37.6, 0.8, 0.7], "provenance": ["illustrative"] * 4}
    )  # fmt: skip
    assessed = indicator_view.assessments(forest, series)
    assert assessed["223"].status == "not_assessed"  # Hiệp Hòa is not told to reach 37%
    sentence = indicator_view.progress_sentence(forest, assessed["223"], "vi")
    assert "cần" not in sentence.lower() and "toàn tỉnh" in sentence
    guides = indicator_view.guide_frame(forest, assessed, "vi")
    assert t("chart.path", "vi") not in set(guides.loc[guides["area_name"] == "Hiệp Hòa", "guide"])
    assert assessed["24"].status != "not_assessed"
    water = catalog.indicator("t15c_clean_water_rural_share")
    assert water.district_target  # a share each district must reach


def test_districts_are_not_judged_against_a_province_total():
    certified = catalog.indicator("t05b_certified_forest_area")
    series = pd.DataFrame(
        {
            "area_code": ["24", "24", "219", "219"],
            "year": [2020, 2025, 2020, 2025],
            "value": [3000.0, 9500.0, 800.0, 2700.0],
            "provenance": ["illustrative"] * 4,
        }
    )
    assessed = indicator_view.assessments(certified, series)
    assert assessed["24"].status == "needs_acceleration"  # 1,300 ha a year, 1,500 needed
    assert assessed["219"].status == "not_assessed"
    sentence = indicator_view.progress_sentence(certified, assessed["219"], "vi")
    assert "toàn tỉnh" in sentence and "17.000 ha" in sentence
    guides = indicator_view.guide_frame(certified, assessed, "vi")
    assert t("chart.path", "vi") not in set(guides.loc[guides["area_name"] == "Lục Ngạn", "guide"])


def test_projection_of_a_share_stops_at_100_percent():
    series = _series().assign(value=[80.0, 99.0, 10.0, 12.0])
    guides = indicator_view.guide_frame(DIGITAL, indicator_view.assessments(DIGITAL, series), "vi")
    projection = guides[guides["guide"] == t("chart.projection", "vi")]
    assert projection["value"].max() == 100.0


def test_met_now_but_slipping_says_so_with_the_projection():
    forest = catalog.indicator("t05a_forest_cover")
    series = pd.DataFrame(
        {"area_code": ["24", "24"], "year": [2020, 2025], "value": [40.0, 37.5],
         "provenance": ["illustrative"] * 2}
    )  # fmt: skip
    result = indicator_view.assessments(forest, series)["24"]
    assert result.status == "deterioration"
    sentence = indicator_view.progress_sentence(forest, result, "vi")
    assert sentence.startswith("Đang đạt mục tiêu (37,5%, 2025) nhưng đã giảm 0,5 điểm %/năm")
    assert "còn 35,0% năm 2030, không đạt mục tiêu ≥ 37%" in sentence


def test_status_sentence_and_projection_agree_for_every_indicator_and_area():
    """On the bundled data: 'on track' or 'achieved' never sits beside a drawn projection that
    misses the target, and 'needs ... a year; achieved ... a year' says the same as the status."""
    districts = list(geography.district_codes())
    checked = 0
    for indicator in catalog.indicators():
        if indicator.is_milestone:
            continue
        series = query.run_query(
            "indicator_series",
            indicator_id=indicator.indicator_id,
            first_year=2020,
            last_year=2030,
            area_codes=districts,
        )
        assessed = indicator_view.assessments(indicator, series)
        guides = indicator_view.guide_frame(indicator, assessed, "en")
        spec = scorecard.target_spec(indicator)
        for code, result in assessed.items():
            if result.status in ("not_assessed", "insufficient_data"):
                continue
            name = indicator_view.area_name(code, "en")
            drawn = guides[
                (guides["area_name"] == name)
                & (guides["guide"] == t("chart.projection", "en"))
                & (guides["year"] == indicator.target_year)
            ]["value"]
            projected = drawn.iloc[0] if len(drawn) else result.latest_value
            reaches = progress.projection_meets_target(projected, spec, result.target_level)
            good = result.status in ("on_track", "achieved")
            where = f"{indicator.indicator_id} area {code}: {result}"
            assert good == reaches, where
            if result.status == "on_track" and indicator.kind != "average_annual_rate":
                assert abs(result.achieved_annual_change) >= abs(result.required_annual_change)
            if result.status in ("needs_acceleration", "limited_progress"):
                assert abs(result.achieved_annual_change) < abs(result.required_annual_change)
            checked += 1
    assert checked > 100  # the province and every district assessed by district
