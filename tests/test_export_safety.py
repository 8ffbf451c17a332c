"""No formula injection: text from data files and people stays text in every CSV and .xlsx."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from ttx_data import __main__ as cli
from ttx_data import export

DANGEROUS = ['=HYPERLINK("http://x","y")', "+1+2", "@SUM(A1)", "-2+3", "\t=1+1", "\r=1+1"]


def _no_formulas(data: bytes) -> list[object]:
    """Every cell value of the workbook, after checking none of them is a formula."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    values = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} = {cell.value!r}"
                values.append(cell.value)
    return values


def _poison(data_dir) -> None:
    """Dangerous text in a site name, notes and a source title; a negative number stays one."""
    sites = pd.read_parquet(data_dir / "sites.parquet")
    sites.loc[0, "name"] = DANGEROUS[0]
    sites.loc[0, "note"] = DANGEROUS[1]
    sites.to_parquet(data_dir / "sites.parquet", index=False)
    observations = pd.read_parquet(data_dir / "observations.parquet")
    observations.loc[0, "note"] = DANGEROUS[2]
    observations.loc[0, "source_title"] = DANGEROUS[3]
    observations.loc[1, "value"] = -2.5
    observations.to_parquet(data_dir / "observations.parquet", index=False)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_whole_dataset_workbook_has_no_formula_cells(tiny_data_dir, lang):
    _poison(tiny_data_dir)
    data = export.dataset_workbook(directory=tiny_data_dir, lang=lang, label="=1+1 snapshot")
    values = _no_formulas(data)
    for text in [*DANGEROUS[:4], "=1+1 snapshot"]:
        assert text in values, text
    assert -2.5 in values  # numbers stay numbers


def _table() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "site": DANGEROUS,
            "area": ["Lục Ngạn"] * len(DANGEROUS),
            "value": [-2.5, -1.0, 0.0, 1.0, 2.0, 3.0],
        }
    )
    return export.localized_table(frame, "vi")


def test_table_xlsx_keeps_text_as_text_and_numbers_as_numbers():
    values = _no_formulas(export.xlsx_bytes(_table()))
    for text in DANGEROUS:
        assert text in values, repr(text)
    assert -2.5 in values


def test_table_csv_quotes_cells_that_start_like_a_formula():
    text = export.csv_bytes(_table()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["KCN/CCN", "Địa bàn", "Giá trị"]
    for row, dangerous in zip(rows[1:], DANGEROUS, strict=True):
        assert row[0] == "'" + dangerous
        assert row[1] == "Lục Ngạn"
    assert rows[1][2] == "-2.5"  # a negative number is not text


def test_cli_csv_quotes_cells_that_start_like_a_formula(capsys):
    cli._print(pd.DataFrame({"name_vi": ["@SUM(A1)"], "target_value": [-3.0]}), "csv")
    assert capsys.readouterr().out.splitlines()[1] == "'@SUM(A1),-3"
