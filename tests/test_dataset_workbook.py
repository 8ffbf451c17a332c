"""The whole-dataset workbook: one sheet per table, readable headers, provenance kept, filters obeyed."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from ttx_data import catalog, export
from ttx_data.filters import Filters

SHEETS = {
    "vi": [
        "Giới thiệu",
        "Danh mục chỉ tiêu",
        "Số liệu",
        "Các bước mốc",
        "KCN, CCN và nước thải",
        "Rừng",
    ],
    "en": [
        "About",
        "Indicator catalog",
        "Observations",
        "Milestone steps",
        "Industrial sites, wastewater",
        "Forest",
    ],
}


def _workbook(data_dir, **kwargs) -> openpyxl.Workbook:
    data = export.dataset_workbook(directory=data_dir, **kwargs)
    return openpyxl.load_workbook(io.BytesIO(data))


def _sheet(data_dir, name: str, **kwargs) -> pd.DataFrame:
    data = export.dataset_workbook(directory=data_dir, **kwargs)
    return pd.read_excel(io.BytesIO(data), sheet_name=name, dtype={"Mã địa bàn (TCTK)": str})


def _about_text(workbook: openpyxl.Workbook) -> str:
    sheet = workbook.worksheets[0]
    return "\n".join(
        " | ".join(str(v) for v in row if v is not None)
        for row in sheet.iter_rows(values_only=True)
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_one_sheet_per_table_each_with_rows_and_a_frozen_header(tiny_data_dir, lang):
    workbook = _workbook(tiny_data_dir, lang=lang)
    assert workbook.sheetnames == SHEETS[lang]
    for sheet in workbook.worksheets:
        assert len(sheet.title) <= 31
        assert sheet.max_row > 1, f"sheet {sheet.title} is empty"
    for sheet in workbook.worksheets[1:]:
        assert sheet.freeze_panes == "A2"
        assert sheet.column_dimensions["A"].width >= 8


def test_observations_keep_every_row_with_provenance_and_source(tiny_data_dir):
    dataset = pd.read_parquet(tiny_data_dir / "observations.parquet")
    table = _sheet(tiny_data_dir, "Số liệu")
    assert len(table) == len(dataset)
    for header in ("Chỉ tiêu", "Địa bàn", "Năm", "Giá trị", "Nguồn gốc số liệu", "Nguồn"):
        assert header in table.columns
    assert set(table["Nguồn gốc số liệu"]) == {"chính thức", "minh họa"}
    sourced = table[table["Nguồn gốc số liệu"] == "chính thức"].iloc[0]
    assert sourced["Nguồn"] == "Nguồn thử nghiệm / test source"
    assert sourced["Đường dẫn nguồn"] == "https://example.org/a"
    assert "Lục Ngạn" in set(table["Địa bàn"])  # diacritics survive the round trip
    forest_cover = catalog.indicator("t05a_forest_cover").name("vi")
    assert forest_cover in set(table["Chỉ tiêu"])


def test_english_headers_and_provenance_words(tiny_data_dir):
    table = _sheet(tiny_data_dir, "Observations", lang="en")
    assert {"Indicator", "Area", "Year", "Value", "Provenance", "Source"} <= set(table.columns)
    assert set(table["Provenance"]) == {"official", "illustrative"}
    forest = _sheet(tiny_data_dir, "Forest", lang="en")
    assert {"Cover provenance", "Certified forest provenance"} <= set(forest.columns)


def test_district_filter_keeps_that_district_and_the_province(tiny_data_dir):
    filters = Filters(districts=("219",))
    table = _sheet(tiny_data_dir, "Số liệu", filters=filters)
    assert set(table["Mã địa bàn (TCTK)"]) == {"219", "24"}
    assert set(table["Địa bàn"]) == {"Lục Ngạn", "Toàn tỉnh"}
    sites = _sheet(tiny_data_dir, "KCN, CCN và nước thải", filters=filters)
    assert set(sites["Huyện, thành phố"]) == {"Lục Ngạn"}
    forest = _sheet(tiny_data_dir, "Rừng", filters=filters)
    assert set(forest["Huyện, thành phố"]) == {"Lục Ngạn"}


def test_sector_filter_keeps_that_sectors_indicators(tiny_data_dir):
    filters = Filters(sector="energy")
    energy = {i.indicator_id for i in catalog.indicators() if "energy" in i.sectors}
    table = _sheet(tiny_data_dir, "Số liệu", filters=filters)
    assert set(table["Mã chỉ tiêu"]) == {"t01_electricity_intensity"}
    listed = _sheet(tiny_data_dir, "Danh mục chỉ tiêu", filters=filters)
    assert set(listed["Mã chỉ tiêu"]) == energy
    workbook = _workbook(tiny_data_dir, filters=filters)
    assert "Các bước mốc" not in workbook.sheetnames  # no milestone of the energy sector


def test_years_filter_is_respected(tiny_data_dir):
    filters = Filters(year_from=2021, year_to=2021)
    for name in ("Số liệu", "KCN, CCN và nước thải", "Rừng"):
        assert set(_sheet(tiny_data_dir, name, filters=filters)["Năm"]) == {2021}, name


def test_about_sheet_states_date_filters_and_illustrative_rows(tiny_data_dir):
    text = _about_text(_workbook(tiny_data_dir, label="Bản chụp tháng 1"))
    assert (
        "Thời điểm số liệu | Số liệu đến năm 2022 · dữ liệu thay đổi lần cuối ngày 31/01/2026"
        in text
    )
    assert "Bản chụp tháng 1" in text
    assert "toàn bộ dữ liệu" in text
    assert "minh họa" in text and "không phải số liệu chính thức" in text
    observations = pd.read_parquet(tiny_data_dir / "observations.parquet")
    milestones = pd.read_parquet(tiny_data_dir / "milestones.parquet")
    site_years = pd.read_parquet(tiny_data_dir / "site_status.parquet")  # all illustrative
    forest = pd.read_parquet(tiny_data_dir / "forest.parquet")  # certified area all illustrative
    illustrative = (
        observations["provenance"].eq("illustrative").sum()
        + milestones["provenance"].eq("illustrative").sum()
        + len(site_years)
        + len(forest)
    )
    assert f"Số dòng có giá trị minh họa | {illustrative}" in text
    assert "Số liệu | 16 | 15" in text  # per sheet: rows, rows with illustrative values


def test_about_sheet_in_english_names_the_filters(tiny_data_dir):
    filters = Filters(districts=("219",), sector="energy", year_from=2021, year_to=2022)
    text = _about_text(_workbook(tiny_data_dir, filters=filters, lang="en"))
    assert "Data currency | Figures up to 2022 · data last changed 31 Jan 2026" in text
    assert "Luc Ngan" in text and "Energy" in text and "2021-2022" in text
    assert "not official figures" in text
    assert "everything" not in text


def test_file_name_is_ascii():
    assert (
        export.dataset_workbook_name("2026-11-24", None) == "ttx-bac-giang-du-lieu-2026-11-24.xlsx"
    )
    name = export.dataset_workbook_name("2026-11-24", "Bản chụp Đợt 1")
    assert name == "ttx-bac-giang-du-lieu-2026-11-24-ban-chup-dot-1.xlsx"
    assert name.isascii()
