"""The indicator catalog: the plan's 15 targets as 24 chỉ tiêu, their numbers, agencies, checks."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from ttx_data import catalog
from ttx_data.catalog import CatalogError
from ttx_data.paths import BUNDLED_DATA_DIR, PROJECT_ROOT

EXCERPT = BUNDLED_DATA_DIR / "reference" / "plan_targets_excerpt.md"

EXPECTED = {
    # id: (target_no, part, group, kind, target_value, target_high, target_strict)
    "t01_electricity_intensity": (1, "", "economy", "average_annual_rate", 1.5, 2.0, False),
    "t02_renewable_share": (2, "", "economy", "range", 2.5, 3.0, False),
    "t03_digital_economy_share": (3, "", "economy", "minimum", 30, None, False),
    "t04a_hightech_agriculture_share": (4, "a", "economy", "minimum", 50, None, False),
    "t04b_hightech_aquaculture_share": (4, "b", "economy", "minimum", 55, None, False),
    "t04c_hightech_forestry_share": (4, "c", "economy", "minimum", 30, None, False),
    "t04d_gap_value_share": (4, "d", "economy", "minimum", 80, None, True),
    "t04e_livestock_farm_share": (4, "e", "economy", "minimum", 80, None, False),
    "t05a_forest_cover": (5, "a", "economy", "minimum", 37, None, False),
    "t05b_certified_forest_area": (5, "b", "economy", "minimum", 17000, None, False),
    "t06_water_saving_irrigation_share": (6, "", "economy", "minimum", 30, None, False),
    "t07_kcn_ccn_wwtp_share": (7, "", "lifestyle", "minimum", 100, None, False),
    "t08_business_wastewater_treated_share": (8, "", "lifestyle", "minimum", 90, None, False),
    "t09_urban_solid_waste_treated_share": (9, "", "lifestyle", "minimum", 95, None, False),
    "t10a_urban_wastewater_city_grade4_share": (10, "a", "lifestyle", "minimum", 100, None, False),
    "t10b_urban_wastewater_other_share": (10, "b", "lifestyle", "minimum", 50, None, False),
    "t11_green_public_procurement_share": (11, "", "lifestyle", "minimum", 35, None, False),
    "t12_city_green_growth_scheme": (12, "", "lifestyle", "milestone", None, None, False),
    "t13_hdi": (13, "", "transition", "minimum", 0.85, None, False),
    "t14_air_quality_plan": (14, "", "transition", "milestone", None, None, False),
    "t15a_clean_water_total_share": (15, "a", "transition", "minimum", 92, None, False),
    "t15b_clean_water_urban_share": (15, "b", "transition", "minimum", 100, None, False),
    "t15c_clean_water_rural_share": (15, "c", "transition", "minimum", 90, None, False),
    "s89_plastic_bag_reduction": (None, "", "lifestyle", "minimum", 65, None, False),
}

BY_DISTRICT = {
    "t04a_hightech_agriculture_share", "t04d_gap_value_share", "t04e_livestock_farm_share",
    "t05a_forest_cover", "t05b_certified_forest_area", "t06_water_saving_irrigation_share",
    "t07_kcn_ccn_wwtp_share", "t08_business_wastewater_treated_share",
    "t09_urban_solid_waste_treated_share", "t10b_urban_wastewater_other_share",
    "t15a_clean_water_total_share", "t15b_clean_water_urban_share",
    "t15c_clean_water_rural_share",
}  # fmt: skip

AGENCIES_NAMED_IN_BRIEF = {
    "so_ke_hoach_dau_tu": "Sở Kế hoạch và Đầu tư",
    "so_cong_thuong": "Sở Công Thương",
    "so_tai_nguyen_moi_truong": "Sở Tài nguyên và Môi trường",
    "so_nong_nghiep_ptnt": "Sở Nông nghiệp và Phát triển nông thôn",
    "so_xay_dung": "Sở Xây dựng",
    "so_giao_thong_van_tai": "Sở Giao thông vận tải",
    "so_khoa_hoc_cong_nghe": "Sở Khoa học và Công nghệ",
    "so_thong_tin_truyen_thong": "Sở Thông tin và Truyền thông",
    "so_tai_chinh": "Sở Tài chính",
    "so_y_te": "Sở Y tế",
    "so_lao_dong_tbxh": "Sở Lao động - Thương binh và Xã hội",
    "so_giao_duc_dao_tao": "Sở Giáo dục và Đào tạo",
    "so_van_hoa_the_thao_du_lich": "Sở Văn hóa, Thể thao và Du lịch",
    "ban_quan_ly_kcn": "Ban Quản lý các Khu công nghiệp tỉnh",
    "ngan_hang_nha_nuoc": "Ngân hàng Nhà nước chi nhánh tỉnh Bắc Giang",
    "ubnd_huyen": "UBND các huyện, thành phố",
    "ubnd_tp_bac_giang": "UBND thành phố Bắc Giang",
}

_VI_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


def vi_numbers(text: str) -> list[float]:
    """Numbers written the Vietnamese way: '.' groups thousands, ',' is the decimal mark."""
    return [float(n.replace(".", "").replace(",", ".")) for n in _VI_NUMBER.findall(text)]


@pytest.fixture(scope="module")
def inds() -> list[catalog.Indicator]:
    """The bundled catalog as Indicator objects."""
    return catalog.indicators()


def test_catalog_has_24_indicators_22_numeric_and_2_milestones(inds):
    assert len(inds) == 24
    assert sum(not i.is_milestone for i in inds) == 22
    assert [i.indicator_id for i in inds if i.is_milestone] == [
        "t12_city_green_growth_scheme",
        "t14_air_quality_plan",
    ]


def test_ids_in_file_order_match_the_expected_table(inds):
    assert [i.indicator_id for i in inds] == list(EXPECTED)


def test_every_target_1_to_15_is_present_with_its_parts(inds):
    parts = Counter(i.target_no for i in inds if i.target_no is not None)
    assert sorted(parts) == list(range(1, 16))
    assert {no: n for no, n in parts.items() if n > 1} == {4: 5, 5: 2, 10: 2, 15: 3}


def test_labels_read_like_the_plan(inds):
    assert [i.label for i in inds] == [
        "1", "2", "3", "4a", "4b", "4c", "4d", "4e", "5a", "5b", "6", "7", "8", "9", "10a",
        "10b", "11", "12", "13", "14", "15a", "15b", "15c", "8.9",
    ]  # fmt: skip


@pytest.mark.parametrize("indicator_id", list(EXPECTED))
def test_target_numbers_and_group_as_in_the_plan(indicator_id):
    no, part, group, kind, value, high, strict = EXPECTED[indicator_id]
    ind = catalog.indicator(indicator_id)
    assert (ind.target_no, ind.part, ind.group, ind.kind) == (no, part, group, kind)
    assert ind.target_value == value
    assert ind.target_high == high
    assert ind.target_strict is strict
    assert (ind.baseline_year, ind.target_year) == (2020, 2030)


@pytest.mark.parametrize("indicator_id", list(EXPECTED))
def test_target_text_is_verbatim_from_the_plan_and_holds_the_numbers(indicator_id):
    ind = catalog.indicator(indicator_id)
    excerpt = EXCERPT.read_text(encoding="utf-8")
    assert ind.target_text_vi in excerpt
    numbers = vi_numbers(ind.target_text_vi)
    for bound in (ind.target_value, ind.target_high):
        if bound is not None:
            assert bound in numbers, f"{bound} not written in {ind.target_text_vi!r}"


def test_plan_excerpt_says_where_it_was_copied_from():
    lines = EXCERPT.read_text(encoding="utf-8").splitlines()
    assert "ke-hoach-hanh-dong-ttx-bac-giang-2021-2030.md" in lines[0]
    assert "## **3. Mục tiêu cụ thể đến năm 2030**" in lines
    assert "### **III." not in "\n".join(lines)
    assert any(line.startswith("(15) ") for line in lines)


def test_group_follows_the_target_number(inds):
    for ind in inds:
        if ind.target_no is not None:
            expected = next(g for g, nos in catalog.GROUP_TARGETS.items() if ind.target_no in nos)
            assert ind.group == expected, ind.indicator_id
    assert list(catalog.GROUPS) == ["economy", "lifestyle", "transition"]


def test_direction_and_units(inds):
    assert [i.indicator_id for i in inds if i.direction == "decrease"] == [
        "t01_electricity_intensity"
    ]
    t01 = catalog.indicator("t01_electricity_intensity")
    assert t01.unit == "kwh_per_mn_vnd"
    assert t01.unit_label("vi") == "kWh/triệu đồng GRDP"
    assert t01.target_unit_label("en") == "%/year (reduction)"
    assert catalog.indicator("t05b_certified_forest_area").unit_label("en") == "ha"
    hdi = catalog.indicator("t13_hdi")
    assert (hdi.unit, hdi.decimals) == ("index", 3)
    assert {i.unit for i in inds} <= set(catalog.UNITS)


def test_breakdowns(inds):
    assert {i.indicator_id for i in inds if i.by_district} == BY_DISTRICT
    assert [i.indicator_id for i in inds if "urban_rural" in i.breakdowns] == [
        "t15a_clean_water_total_share"
    ]


def test_every_lead_and_cooperating_agency_is_in_agencies_csv(inds):
    known = set(catalog.load_agencies()["agency_id"])
    for ind in inds:
        assert ind.lead_agency in known
        assert set(ind.cooperating_agencies) <= known
        assert ind.lead_agency not in ind.cooperating_agencies


def test_agencies_named_as_the_plan_writes_them():
    for agency_id, name_vi in AGENCIES_NAMED_IN_BRIEF.items():
        assert catalog.agency_name(agency_id, "vi") == name_vi
    assert (
        catalog.agency_name("ban_quan_ly_kcn", "en")
        == "Provincial Industrial Parks Management Board"
    )
    short = catalog.load_agencies().set_index("agency_id")["short_vi"]
    assert short["so_ke_hoach_dau_tu"] == "Sở KH&ĐT"
    with pytest.raises(KeyError, match="so_khong_co"):
        catalog.agency_name("so_khong_co")


@pytest.mark.parametrize(
    ("indicator_id", "lead", "cooperating"),
    [
        (
            "t01_electricity_intensity",
            "so_cong_thuong",
            {"so_ke_hoach_dau_tu", "ngan_hang_nha_nuoc"},
        ),
        ("t03_digital_economy_share", "so_thong_tin_truyen_thong", {"so_ke_hoach_dau_tu"}),
        ("t04a_hightech_agriculture_share", "so_nong_nghiep_ptnt", {"so_khoa_hoc_cong_nghe"}),
        ("t07_kcn_ccn_wwtp_share", "so_cong_thuong", {"ban_quan_ly_kcn", "ubnd_huyen"}),
        ("t11_green_public_procurement_share", "so_ke_hoach_dau_tu", {"so_tai_chinh"}),
        ("t12_city_green_growth_scheme", "ubnd_tp_bac_giang", {"so_xay_dung"}),
        ("t13_hdi", "so_ke_hoach_dau_tu", {"so_lao_dong_tbxh", "so_y_te", "so_giao_duc_dao_tao"}),
        ("t14_air_quality_plan", "so_tai_nguyen_moi_truong", {"so_cong_thuong", "ubnd_huyen"}),
        ("s89_plastic_bag_reduction", "so_cong_thuong", {"ubnd_huyen"}),
    ],
)
def test_lead_and_cooperating_agencies(indicator_id, lead, cooperating):
    ind = catalog.indicator(indicator_id)
    assert ind.lead_agency == lead
    assert cooperating <= set(ind.cooperating_agencies)


def test_lead_note_when_the_plan_names_no_lead():
    hdi = catalog.indicator("t13_hdi")
    assert "IV.2.1" in hdi.lead_note_text("vi")
    assert hdi.lead_note_text("en").startswith("The plan names no lead")
    assert catalog.indicator("t12_city_green_growth_scheme").lead_note
    assert catalog.indicator("t05a_forest_cover").lead_note_text("en") == ""


def test_sectors_are_known_and_in_the_plans_order(inds):
    assert len(catalog.SECTORS) == 11
    order = list(catalog.SECTORS)
    for ind in inds:
        assert ind.sectors, ind.indicator_id
        assert list(ind.sectors) == sorted(ind.sectors, key=order.index), ind.indicator_id
    assert catalog.indicator("t14_air_quality_plan").sectors == ("air",)
    assert catalog.indicator("t07_kcn_ccn_wwtp_share").sectors == ("industry", "waste")


def test_clauses_point_into_the_plan(inds):
    assert catalog.indicator("t04d_gap_value_share").plan_clause == "II.3.a.(4)"
    assert catalog.indicator("t13_hdi").plan_clause == "II.3.c.(13)"
    assert catalog.indicator("s89_plastic_bag_reduction").plan_clause == "III.8.9.a"
    for ind in inds:
        assert all(c.startswith("III.") for c in ind.tasks_clause.split("; ")), ind.indicator_id


def test_extra_indicator_assumes_2020_as_base_year():
    s89 = catalog.indicator("s89_plastic_bag_reduction")
    assert "2020" in s89.definition("vi") and "2020" in s89.definition("en")
    assert s89.target_text_vi.endswith("vào năm, 2030")


def test_names_and_languages(inds):
    assert all(len(i.name_vi) <= 60 and len(i.name_en) <= 60 for i in inds)
    forest = catalog.indicator("t05a_forest_cover")
    assert (forest.name("vi"), forest.name("en")) == ("Tỷ lệ che phủ rừng", "Forest cover")
    assert forest.definition("en") != forest.definition("vi")
    with pytest.raises(ValueError, match="lang"):
        forest.name("fr")


def test_unknown_indicator_names_the_id_and_lists_valid_ids():
    with pytest.raises(KeyError) as err:
        catalog.indicator("t16_made_up")
    assert "t16_made_up" in str(err.value)
    assert "t05a_forest_cover" in str(err.value)


def test_load_catalog_is_typed():
    df = catalog.load_catalog()
    assert list(df.columns) == list(catalog.COLUMNS)
    assert str(df["target_no"].dtype) == "Int64"
    assert df["target_value"].dtype == "float64"
    assert df["target_strict"].dtype == bool
    assert df["decimals"].dtype == "int64"
    t07 = df.set_index("indicator_id").loc["t07_kcn_ccn_wwtp_share"]
    assert t07["cooperating_agencies"] == "ban_quan_ly_kcn;ubnd_huyen;so_tai_nguyen_moi_truong"
    assert pd.isna(df["target_no"].iloc[-1])


def test_cached_catalog_cannot_be_changed_by_a_caller():
    df = catalog.load_catalog()
    df.loc[0, "target_value"] = -1.0
    assert catalog.load_catalog().loc[0, "target_value"] == 1.5


def test_catalog_imports_without_streamlit():
    code = "import sys, ttx_data.catalog; assert 'streamlit' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PROJECT_ROOT)


def _bundled_rows() -> list[dict[str, str]]:
    with open(catalog.INDICATORS_FILE, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write(path: Path, rows: list[dict[str, str]], columns=catalog.COLUMNS) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _set(index: int, column: str, value: str) -> Callable[[list[dict[str, str]]], None]:
    def edit(rows):
        rows[index][column] = value

    return edit


def _duplicate_id(rows):
    rows[5]["indicator_id"] = rows[4]["indicator_id"]


# (file named for the defect, edit, file line of the defect, column)
DEFECTS = [
    ("unknown-kind.csv", _set(3, "kind", "minimun"), 5, "kind"),
    ("duplicate-id.csv", _duplicate_id, 7, "indicator_id"),
    ("missing-target-value.csv", _set(2, "target_value", ""), 4, "target_value"),
    ("unknown-agency.csv", _set(1, "lead_agency", "so_khong_co"), 3, "lead_agency"),
    ("unknown-cooperating-agency.csv", _set(0, "cooperating_agencies", "so_abc"), 2,
     "cooperating_agencies"),
    ("unknown-sector.csv", _set(0, "sectors", "energy;mining"), 2, "sectors"),
    ("unknown-breakdown.csv", _set(3, "breakdowns", "district;commune"), 5, "breakdowns"),
    ("unknown-group.csv", _set(0, "group", "economics"), 2, "group"),
    ("unknown-direction.csv", _set(0, "direction", "down"), 2, "direction"),
    ("unknown-unit.csv", _set(0, "unit", "percent"), 2, "unit"),
    ("leading-space-in-cell.csv", _set(6, "direction", " increase"), 8, "direction"),
    ("id-not-snake-case.csv", _set(0, "indicator_id", "T01-Electricity"), 2, "indicator_id"),
    ("target-no-out-of-range.csv", _set(2, "target_no", "16"), 4, "target_no"),
    ("group-does-not-match-target.csv", _set(11, "group", "economy"), 13, "group"),
    ("high-bound-on-minimum.csv", _set(2, "target_high", "40"), 4, "target_high"),
    ("range-without-high-bound.csv", _set(1, "target_high", ""), 3, "target_high"),
    ("high-bound-below-low.csv", _set(1, "target_high", "2.0"), 3, "target_high"),
    ("milestone-with-target-value.csv", _set(17, "target_value", "1"), 19, "target_value"),
    ("decimal-comma-in-target.csv", _set(18, "target_value", "0,85"), 20, "target_value"),
    ("strict-not-true-or-false.csv", _set(6, "target_strict", "yes"), 8, "target_strict"),
    ("empty-required-cell.csv", _set(4, "name_en", ""), 6, "name_en"),
    ("name-too-long.csv", _set(4, "name_vi", "x" * 61), 6, "name_vi"),
    ("lead-note-without-english.csv", _set(18, "lead_note", "Không giao chủ trì"), 20,
     "lead_note"),
    ("bad-plan-clause.csv", _set(0, "plan_clause", "muc 3"), 2, "plan_clause"),
    ("lead-repeated-as-cooperating.csv", _set(0, "cooperating_agencies", "so_cong_thuong"), 2,
     "cooperating_agencies"),
    ("two-lead-agencies.csv", _set(0, "lead_agency", "so_cong_thuong;so_xay_dung"), 2,
     "lead_agency"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "edit", "line", "column"), DEFECTS, ids=[d[0] for d in DEFECTS])
def test_defect_is_reported_by_row_and_column_in_both_languages(tmp_path, name, edit, line, column):
    rows = _bundled_rows()
    edit(rows)
    path = _write(tmp_path / name, rows)
    with pytest.raises(CatalogError) as err:
        catalog.load_catalog(path)
    message = str(err.value)
    assert f"{name} dòng {line}, cột {column}:" in message
    assert f"{name} row {line}, column {column}:" in message
    assert all(f"row {line}, column {column}:" in p for p in err.value.problems), message


def test_unknown_kind_message_lists_the_allowed_kinds(tmp_path):
    rows = _bundled_rows()
    rows[3]["kind"] = "minimun"
    path = _write(tmp_path / "unknown-kind.csv", rows)
    with pytest.raises(CatalogError, match="'minimun' is not allowed; use one of: minimum, "):
        catalog.load_catalog(path)


def test_missing_column_is_reported_on_the_header(tmp_path):
    columns = [c for c in catalog.COLUMNS if c != "target_high"]
    path = _write(tmp_path / "missing-column.csv", _bundled_rows(), columns)
    with pytest.raises(CatalogError) as err:
        catalog.load_catalog(path)
    assert "missing-column.csv dòng 1" in str(err.value)
    assert "missing-column.csv row 1" in str(err.value)
    assert "target_high" in err.value.problems[0]


def test_every_problem_is_reported_at_once(tmp_path):
    rows = _bundled_rows()
    rows[0]["kind"] = "minimun"
    rows[1]["lead_agency"] = "so_khong_co"
    path = _write(tmp_path / "two-defects.csv", rows)
    with pytest.raises(CatalogError) as err:
        catalog.load_catalog(path)
    assert len(err.value.problems) == 2


def test_an_unchanged_copy_loads(tmp_path):
    path = _write(tmp_path / "indicators.csv", _bundled_rows())
    assert [i.indicator_id for i in catalog.indicators(path)] == list(EXPECTED)


def test_duplicate_agency_id_is_reported(tmp_path):
    agencies = pd.read_csv(catalog.AGENCIES_FILE, dtype=str, keep_default_na=False)
    agencies.loc[2, "agency_id"] = agencies.loc[1, "agency_id"]
    path = tmp_path / "duplicate-agency-id.csv"
    agencies.to_csv(path, index=False)
    with pytest.raises(CatalogError) as err:
        catalog.load_agencies(path)
    assert "duplicate-agency-id.csv dòng 4, cột agency_id" in str(err.value)
    assert "duplicate-agency-id.csv row 4, column agency_id" in str(err.value)


def test_a_catalog_frozen_before_the_later_columns_still_opens(tmp_path):
    """A snapshot taken before district_target and rollup existed keeps its own targets."""
    from ttx_data.paths import BUNDLED_DATA_DIR

    rows = pd.read_csv(BUNDLED_DATA_DIR / "indicators.csv", dtype=str, keep_default_na=False)
    older = tmp_path / "indicators.csv"
    rows.drop(columns=["district_target", "rollup"]).to_csv(older, index=False)
    loaded = {i.indicator_id: i for i in catalog.indicators(older)}
    assert not loaded["t05b_certified_forest_area"].district_target  # hectares: the old rule
    assert loaded["t15c_clean_water_rural_share"].district_target
    assert loaded["t05b_certified_forest_area"].rollup == "sum"
    assert {i.rollup for i in loaded.values() if i.unit != "ha"} == {"none"}
    broken = tmp_path / "broken.csv"
    rows.drop(columns=["sectors"]).to_csv(broken, index=False)
    with pytest.raises(catalog.CatalogError, match="sectors"):
        catalog.indicators(broken)
