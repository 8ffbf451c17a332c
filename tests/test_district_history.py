"""The plan's districts over time: what a district value of a year stands for, what readers are
told of each district's history, and that no district shows a value for a year it did not exist."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ttx_data import datasets, district_profile, maps, meeting, panels, query, validation
from ttx_data.filters import Filters
from ttx_data.paths import BUNDLED_DATA_DIR, PROJECT_ROOT
from ttx_data.places import history


@pytest.mark.parametrize(
    ("code", "year", "basis"),
    [
        ("221", 2024, history.UNIT),  # Yên Dũng's last year
        ("221", 2025, history.ENDED),  # part of TP Bắc Giang from 1/1/2025
        ("213", 2025, history.CHANGED),  # took in Yên Dũng, then the district level ended
        ("219", 2025, history.CHANGED),  # Chũ split off
        ("215", 2025, history.CHANGED),  # ended 30/6/2025
        ("222", 2024, history.UNIT),  # huyện -> thị xã on 1/2/2024, same territory
        ("215", 2026, history.ENDED),
        ("213", 2020, history.UNIT),
    ],
)
def test_year_basis(code, year, basis):
    assert history.year_basis(code, year) == basis


def test_yen_dung_history_names_its_end_the_city_and_the_wards_it_lies_in():
    vi = history.history_text("221", "vi")
    assert vi.startswith("Huyện Yên Dũng (đến 31/12/2024; từ 01/01/2025 thuộc TP Bắc Giang;")
    assert "từ 01/07/2025 thuộc 6 xã, phường của tỉnh Bắc Ninh" in vi
    # the two wards split with TP Bắc Giang are listed with Yên Dũng's share
    assert "Phường Tiền Phong (1/2)" in vi and "Phường Tân Tiến (2/3)" in vi
    en = history.history_text("221", "en")
    assert en.startswith("Yen Dung District (until 31 Dec 2024; from 1 Jan 2025 part of Bac Giang")


def test_da_mai_is_listed_under_both_its_plan_districts_with_its_share():
    assert "Phường Đa Mai (4/5)" in history.commune_list_text("213", "vi")
    assert "Phường Đa Mai (1/5)" in history.commune_list_text("216", "vi")


def test_luc_ngan_history_says_chu_was_split_off():
    text = history.history_text("219", "vi")
    assert "từ 01/01/2025 tách thị xã Chũ, nhận 75,93 km² của huyện Sơn Động" in text
    assert "đến 30/06/2025" in text and "Phường Chũ" in text


def test_option_labels_carry_the_end_of_each_unit():
    assert history.option_label("221", "vi") == "Yên Dũng (221) · đến 31/12/2024"
    assert history.option_label("219", "en") == "Luc Ngan (219) · until 30 Jun 2025"


def test_year_summary_says_what_changed_and_nothing_while_units_were_whole():
    assert history.year_summary(2024, "vi") == ""
    in_2025 = history.year_summary(2025, "vi")
    assert "không có số liệu của Yên Dũng" in in_2025 and "cấp huyện kết thúc 30/06/2025" in in_2025
    assert "tổng hợp từ xã, phường" in history.year_summary(2026, "vi")
    assert "Yên Dũng" not in history.year_summary(2025, "vi", ["215", "216"])


# the bundled data, as every view reads it


def test_yen_dung_has_no_value_in_2025_and_rolled_up_values_in_2026():
    rows = query.run_query("district_profile", district_code="221", first_year=2020, last_year=2026)
    years = set(rows["year"])
    assert 2024 in years and 2025 not in years and 2026 in years
    rolled_up = rows[rows["year"] == 2026]
    assert set(rolled_up["indicator_id"]) == {
        "t05a_forest_cover", "t05b_certified_forest_area", "t15a_clean_water_total_share",
    }  # fmt: skip


def test_the_2025_ranking_leaves_out_yen_dung_and_says_why():
    ranked = query.run_query("district_ranking", indicator_id="t04a_hightech_agriculture_share",
                             year=2025)  # fmt: skip
    assert "221" not in set(ranked["district_code"]) and ranked["districts_ranked"].iloc[0] == 9
    panel = panels.ranking_panel(
        "t04a_hightech_agriculture_share", Filters(lang="vi", year_from=2020, year_to=2025)
    )
    assert any("không có số liệu của Yên Dũng" in note for note in panel.notes)
    earlier = panels.ranking_panel(
        "t04a_hightech_agriculture_share", Filters(lang="vi", year_from=2020, year_to=2024)
    )
    assert not any("Yên Dũng" in note for note in earlier.notes)


def test_the_maps_of_2025_show_no_yen_dung_value_and_say_so():
    assert "221" not in set(
        query.run_query("wwtp_coverage_by_district", year=2025)["district_code"]
    )
    forest = query.run_query("forest_by_district", year=2025)
    assert "221" not in set(forest["district_code"])
    deck = json.loads(maps.forest_deck(forest, 2025, "vi", (), 37.0).to_json())
    details = {
        f["properties"]["district_code"]: f["properties"]["detail"]
        for f in deck["layers"][0]["data"]["features"]
    }
    assert details["221"].startswith("Không có số liệu năm 2025")
    assert "tách thị xã Chũ" in details["219"]
    in_2024 = json.loads(
        maps.forest_deck(
            query.run_query("forest_by_district", year=2024), 2024, "vi", (), 37.0
        ).to_json()
    )
    assert all(
        "2022" not in f["properties"]["detail"] for f in in_2024["layers"][0]["data"]["features"]
    )


def test_a_stored_value_for_a_district_that_no_longer_existed_is_not_shown(tiny_data_dir):
    observations = pd.read_parquet(tiny_data_dir / datasets.OBSERVATIONS.file)
    extra = observations.iloc[[1]].assign(area_code="221", year=2025, value=99.0)
    rolled = observations.iloc[[1]].assign(
        indicator_id="t05b_certified_forest_area", area_code="221", year=2026, value=60.0
    )
    pd.concat([observations, extra, rolled]).to_parquet(
        tiny_data_dir / datasets.OBSERVATIONS.file, index=False
    )
    shown = query.read_dataset(datasets.OBSERVATIONS, tiny_data_dir)
    yen_dung = shown[shown["area_code"] == "221"]
    assert 2025 not in set(yen_dung["year"])  # nobody could report it
    assert 2026 in set(yen_dung["year"])  # rolled up from the communes (commune_observations)
    assert 99.0 not in set(query.run_query("district_ranking", tiny_data_dir,
                                           indicator_id="t05a_forest_cover", year=2025)["value"])  # fmt: skip


def test_the_profile_marks_latest_values_that_are_not_the_units_own():
    profile = district_profile.load_profile("221", 2020, 2026)
    by_id = profile.set_index("indicator_id")
    assert by_id.loc["t05a_forest_cover", "latest_basis"] == history.ENDED
    assert by_id.loc["t04a_hightech_agriculture_share", "latest_year"] == 2024
    assert by_id.loc["t04a_hightech_agriculture_share", "latest_basis"] == history.UNIT
    table = district_profile.download_table(profile, "en")
    notes = dict(zip(table["indicator_id"], table["note"], strict=True))
    assert notes["t05a_forest_cover"].startswith("2026: Yen Dung no longer existed")
    assert notes["t04a_hightech_agriculture_share"] == ""


def test_lagging_slide_names_each_district_with_its_validity():
    filters = Filters(lang="vi", year_from=2020, year_to=2026)
    slide = next(s for s in meeting.build_meeting(filters).slides if s.kind == "lagging")
    labels = {lag.district_code: lag.label for lag in meeting.district_lags(filters)}
    assert labels["221"] == "Yên Dũng (đến 31/12/2024; từ 01/01/2025 thuộc TP Bắc Giang)"
    assert labels["216"] == "Tân Yên (đến 30/06/2025)"
    assert any("không còn cấp huyện" in p for p in slide.points)
    axis = slide.chart["datasets"]
    assert "Yên Dũng · đến 31/12/2024" in json.dumps(axis, ensure_ascii=False)
    before = meeting.district_lags(Filters(lang="vi", year_from=2020, year_to=2024))
    assert all(lag.label == lag.name for lag in before)


def _profile_app(district: str, lang: str) -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    app.query_params["district"] = district
    app.query_params["lang"] = lang
    app.run()
    return app.switch_page("pages/district_profile.py").run()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_profile_page_tells_yen_dung_history_and_its_communes(lang):
    app = _profile_app("221", lang)
    assert not app.exception
    assert (
        app.info[0]
        .value.replace("\\", "")
        .startswith(  # shown literally: escaped Markdown
            "Huyện Yên Dũng (đến 31/12/2024"
            if lang == "vi"
            else "Yen Dung District (until 31 Dec 2024"
        )
    )
    offered = [o for box in app.selectbox for o in box.options if "(221)" in o]
    assert offered == [
        "Yên Dũng (221) · đến 31/12/2024" if lang == "vi" else "Yen Dung (221) · until 31 Dec 2024"
    ]
    assert "†" in "".join(h.proto.body for h in app.get("html"))
    assert len(app.dataframe[-1].value) == 6  # the wards and commune of its former territory
    captions = " ".join(c.value for c in app.caption)
    assert (
        "không còn huyện Yên Dũng" if lang == "vi" else "Yen Dung no longer existed"
    ) in captions


def _bundled_frames() -> dict[str, pd.DataFrame]:
    return {d.name: pd.read_parquet(BUNDLED_DATA_DIR / d.file) for d in datasets.ALL}


def test_validation_refuses_a_value_for_a_district_that_no_longer_existed():
    frames = _bundled_frames()
    assert validation.validate_dataset(frames) == []
    observations = frames["observations"]
    yen_dung = observations[(observations["area_code"] == "221") & (observations["year"] == 2024)]
    frames["observations"] = pd.concat(
        [observations, yen_dung.head(1).assign(year=2025)], ignore_index=True
    )
    forest = frames["forest"]
    frames["forest"] = pd.concat(
        [forest, forest[forest["district_code"] == "221"].head(1).assign(year=2025)],
        ignore_index=True,
    )
    problems = validation.validate_dataset(frames)
    assert [(p.dataset, p.row) for p in problems] == [
        ("observations", len(observations) + 2),
        ("forest", len(forest) + 2),
    ]
    assert "Huyện Yên Dũng: đến 31/12/2024" in problems[0].message_vi
    assert "no longer existed in 2025" in problems[0].message_en
    assert "commune_observations" in problems[0].message_en


def test_validation_accepts_district_rows_rolled_up_from_communes_and_only_those():
    frames = _bundled_frames()
    communes = frames["commune_observations"]
    frames["commune_observations"] = communes[communes["indicator_id"] != "t05a_forest_cover"]
    problems = validation.validate_dataset(frames)
    # the 2026 forest-cover rows of the 10 districts are no longer backed by commune figures
    assert len(problems) == 10 and all("2026" in p.message_en for p in problems)
