"""Downloads of exactly the data a chart or table shows: CSV that Excel opens correctly, and .xlsx.

Headers follow the language (Vietnamese headers in Vietnamese mode) and the provenance column
always travels with the values, translated, so an illustrative number never loses its label.
"""

from __future__ import annotations

import io

import pandas as pd

from ttx_data.i18n import t

HEADERS = {
    "area": {"vi": "Địa bàn", "en": "Area"},
    "area_code": {"vi": "Mã địa bàn (TCTK)", "en": "Area code (GSO)"},
    "indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "indicator_id": {"vi": "Mã chỉ tiêu", "en": "Indicator id"},
    "year": {"vi": "Năm", "en": "Year"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "rank": {"vi": "Xếp hạng", "en": "Rank"},
    "province_value": {"vi": "Giá trị toàn tỉnh", "en": "Province value"},
    "target": {"vi": "Mục tiêu 2030", "en": "2030 target"},
    "status": {"vi": "Tình trạng", "en": "Status"},
    "provenance": {"vi": "Nguồn gốc số liệu", "en": "Provenance"},
    "source_title": {"vi": "Nguồn", "en": "Source"},
    "source_url": {"vi": "Đường dẫn nguồn", "en": "Source link"},
    "site": {"vi": "KCN/CCN", "en": "Industrial park/cluster"},
    "kind": {"vi": "Loại", "en": "Kind"},
    "site_area_ha": {"vi": "Diện tích (ha)", "en": "Area (ha)"},
    "cover_pct": {"vi": "Độ che phủ rừng (%)", "en": "Forest cover (%)"},
    "cover_change_pct_points": {"vi": "Thay đổi từ 2020 (điểm %)", "en": "Change since 2020 (pp)"},
    "certified_area_ha": {"vi": "Rừng có chứng chỉ (ha)", "en": "Certified forest (ha)"},
    "coverage_pct": {"vi": "Tỷ lệ có XLNT tập trung (%)", "en": "With central treatment (%)"},
    "operating_sites": {"vi": "Số KCN/CCN hoạt động", "en": "Operating sites"},
    "with_treatment": {"vi": "Số có XLNT tập trung", "en": "With central treatment"},
    "step": {"vi": "Bước", "en": "Step"},
    "date": {"vi": "Ngày", "en": "Date"},
    "evidence": {"vi": "Bằng chứng", "en": "Evidence"},
}
"""Column headers of downloadable tables, in both languages."""


def localized_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The frame with translated headers and provenance words; columns without a header are dropped."""
    shown = frame[[c for c in frame.columns if c in HEADERS]].copy()
    if "provenance" in shown:
        shown["provenance"] = shown["provenance"].map(
            lambda p: t("provenance." + p, lang) if isinstance(p, str) else p
        )
    return shown.rename(columns={c: HEADERS[c][lang] for c in shown.columns})


def csv_bytes(table: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark, so Excel shows Vietnamese diacritics correctly."""
    return table.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(table: pd.DataFrame, sheet_name: str = "TTX Bắc Giang") -> bytes:
    """An .xlsx workbook with one sheet holding the table."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, sheet_name=_sheet_title(sheet_name), index=False)
    return buffer.getvalue()


def _sheet_title(name: str) -> str:
    cleaned = "".join("-" if ch in "[]:*?/\\" else ch for ch in name)
    return cleaned[:31] or "TTX"
