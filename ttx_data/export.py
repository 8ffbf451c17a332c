"""Downloads of exactly the data a chart or table shows: CSV that Excel opens correctly, and .xlsx.

Headers follow the language (Vietnamese headers in Vietnamese mode) and the provenance column
always travels with the values, translated, so an illustrative number never loses its label.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pandas as pd
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ttx_data import catalog, datasets, geography
from ttx_data.agencies import responsible_text
from ttx_data.filters import Filters, indicators_for
from ttx_data.i18n import format_number, t
from ttx_data.query import currency_text, read_dataset

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
    "unit_code": {"vi": "Mã xã, phường (TCTK)", "en": "Commune/ward code (GSO)"},
    "unit_name": {"vi": "Xã, phường", "en": "Commune/ward"},
    "area_km2": {"vi": "Diện tích (km²)", "en": "Area (km²)"},
    "population": {"vi": "Dân số (người)", "en": "Population"},
    "plan_districts": {
        "vi": "Huyện theo Kế hoạch (phần chia)",
        "en": "Plan district(s) (split share)",
    },
    "former_units": {"vi": "Hình thành từ (đơn vị cũ)", "en": "Formed from (former units)"},
}
"""Column headers of downloadable tables, in both languages."""


def localized_table(
    frame: pd.DataFrame, lang: str, headers: dict[str, dict[str, str]] = HEADERS
) -> pd.DataFrame:
    """The frame with translated headers and provenance words; columns without a header are dropped."""
    shown = frame[[c for c in frame.columns if c in headers]].copy()
    for column in [c for c in shown.columns if c.endswith("provenance")]:
        shown[column] = shown[column].map(
            lambda p: t("provenance." + p, lang) if isinstance(p, str) else p
        )
    return shown.rename(columns={c: headers[c][lang] for c in shown.columns})


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a text cell as a formula (OWASP CSV injection)."""


def formula_safe(table: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell that could be read as a formula prefixed by a quote.

    Names, notes and sources come from data files and people: `=HYPERLINK(...)` must stay text
    when a CSV is opened in Excel. Numbers (negative ones too) are left as numbers."""
    safe = table.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(_quoted)
    return safe


def _quoted(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _text_not_formulas(book) -> None:
    """Every cell openpyxl took for a formula is stored as the text it is: the app writes none."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def screen_table(
    frame: pd.DataFrame, lang: str, decimals: dict[str, int], headers=HEADERS
) -> pd.DataFrame:
    """The localized table as shown on screen: the `decimals` columns written as the reader writes
    numbers (9.501 ha, 37,8 in Vietnamese). Downloads keep the numbers (`localized_table`)."""
    shown = frame.copy()
    for column, places in decimals.items():
        if column in shown.columns:
            shown[column] = [format_number(_number(v), lang, places) for v in shown[column]]
    shown = localized_table(shown, lang, headers)
    return shown.astype(object).where(shown.notna(), "")  # no "None" where a cell is empty


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def csv_bytes(table: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark, so Excel shows Vietnamese diacritics correctly.

    Lines end in CRLF (RFC 4180), so a field holding a carriage return is quoted, not split."""
    return formula_safe(table).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(table: pd.DataFrame, sheet_name: str = "TTX Bắc Giang") -> bytes:
    """An .xlsx workbook with one sheet holding the table; text stays text, never a formula."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, sheet_name=_sheet_title(sheet_name), index=False)
        _text_not_formulas(writer.book)
    return buffer.getvalue()


def _sheet_title(name: str) -> str:
    cleaned = "".join("-" if ch in "[]:*?/\\" else ch for ch in name)
    return cleaned[:31] or "TTX"


# --- the whole dataset as one workbook -------------------------------------------------------

DATASET_HEADERS = {
    **HEADERS,
    "target_no": {"vi": "Mục tiêu số", "en": "Target no."},
    "part": {"vi": "Phần", "en": "Part"},
    "group": {"vi": "Nhóm mục tiêu", "en": "Target group"},
    "definition": {"vi": "Định nghĩa", "en": "Definition"},
    "decimals": {"vi": "Số chữ số thập phân", "en": "Decimals"},
    "direction": {"vi": "Chiều mong muốn", "en": "Desired direction"},
    "target_kind": {"vi": "Cách đặt mục tiêu", "en": "How the target is set"},
    "target_value": {"vi": "Giá trị mục tiêu", "en": "Target value"},
    "target_high": {"vi": "Giá trị mục tiêu (cận trên)", "en": "Target value (upper bound)"},
    "target_unit": {"vi": "Đơn vị mục tiêu", "en": "Target unit"},
    "target_text": {"vi": "Mục tiêu theo Kế hoạch", "en": "Target as the plan words it"},
    "baseline_year": {"vi": "Năm gốc", "en": "Baseline year"},
    "target_year": {"vi": "Năm mục tiêu", "en": "Target year"},
    "lead_agency": {"vi": "Cơ quan chủ trì", "en": "Lead agency"},
    "cooperating_agencies": {"vi": "Cơ quan phối hợp (mã)", "en": "Cooperating agencies (ids)"},
    "sectors": {"vi": "Lĩnh vực", "en": "Sectors"},
    "breakdowns": {"vi": "Phân tổ", "en": "Breakdowns"},
    "plan_clause": {"vi": "Mục trong Kế hoạch", "en": "Plan clause"},
    "tasks_clause": {"vi": "Nhiệm vụ (mục III)", "en": "Tasks (section III)"},
    "area_level": {"vi": "Cấp", "en": "Level"},
    "note": {"vi": "Ghi chú", "en": "Note"},
    "step_no": {"vi": "Thứ tự bước", "en": "Step no."},
    "site_id": {"vi": "Mã KCN/CCN", "en": "Site id"},
    "district_code": {"vi": "Mã huyện (TCTK)", "en": "District code (GSO)"},
    "district": {"vi": "Huyện, thành phố", "en": "District"},
    "lon": {"vi": "Kinh độ (minh họa)", "en": "Longitude (illustrative)"},
    "lat": {"vi": "Vĩ độ (minh họa)", "en": "Latitude (illustrative)"},
    "district_basis": {"vi": "Căn cứ xác định huyện", "en": "District basis"},
    "site_provenance": {"vi": "Nguồn gốc số liệu KCN/CCN", "en": "Site provenance"},
    "site_source_title": {"vi": "Nguồn (KCN/CCN)", "en": "Site source"},
    "site_source_url": {"vi": "Đường dẫn nguồn (KCN/CCN)", "en": "Site source link"},
    "site_note": {"vi": "Ghi chú (KCN/CCN)", "en": "Site note"},
    "operating": {"vi": "Đang hoạt động", "en": "Operating"},
    "wwtp_status": {"vi": "Xử lý nước thải tập trung", "en": "Central wastewater treatment"},
    "wwtp_capacity_m3_day": {"vi": "Công suất XLNT (m³/ngày)", "en": "Treatment capacity (m³/day)"},
    "occupancy_pct": {"vi": "Tỷ lệ lấp đầy (%)", "en": "Occupancy (%)"},
    "natural_area_ha": {"vi": "Diện tích tự nhiên (ha)", "en": "Natural area (ha)"},
    "forest_area_ha": {"vi": "Diện tích có rừng (ha)", "en": "Forest area (ha)"},
    "cover_provenance": {"vi": "Nguồn gốc số liệu che phủ", "en": "Cover provenance"},
    "certified_provenance": {
        "vi": "Nguồn gốc số liệu rừng có chứng chỉ",
        "en": "Certified forest provenance",
    },
}
"""Column headers of the whole-dataset workbook: the download headers and the datasets' own."""

DATASET_SHEETS = {
    "about": {"vi": "Giới thiệu", "en": "About"},
    "catalog": {"vi": "Danh mục chỉ tiêu", "en": "Indicator catalog"},
    "observations": {"vi": "Số liệu", "en": "Observations"},
    "milestones": {"vi": "Các bước mốc", "en": "Milestone steps"},
    "sites": {"vi": "KCN, CCN và nước thải", "en": "Industrial sites, wastewater"},
    "forest": {"vi": "Rừng", "en": "Forest"},
}
"""Sheet names of the whole-dataset workbook, in sheet order."""


_AREA_LEVELS = {"province": ("tỉnh", "province"), "district": ("huyện", "district")}
_YES_NO = {True: ("có", "yes"), False: ("không", "no")}


def _say(key: str, lang: str) -> str:
    return t("workbook." + key, lang)


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _whole_dataset(name: str, directory: Path | None) -> pd.DataFrame:
    return read_dataset(_DATASETS[name], directory)


_DATASETS = {dataset.name: dataset for dataset in datasets.ALL}


def _translated(values: pd.Series, prefix: str, lang: str) -> pd.Series:
    return values.map(lambda v: t(prefix + v, lang) if isinstance(v, str) and v else v)


def _catalog_sheet(
    indicator_ids: list[str] | None, lang: str, directory: Path | None
) -> pd.DataFrame:
    rows = catalog.load_catalog(directory=directory)
    if indicator_ids is not None:
        rows = rows[rows["indicator_id"].isin(indicator_ids)]
    suffix = "_en" if lang == "en" else "_vi"

    def names(cell: str, table: dict[str, tuple[str, str]]) -> str:
        return "; ".join(_pick(table[c], lang) for c in cell.split(";") if c)

    return pd.DataFrame(
        {
            "indicator_id": rows["indicator_id"],
            "target_no": rows["target_no"],
            "part": rows["part"],
            "indicator": rows["name" + suffix],
            "group": rows["group"].map(lambda g: _pick(catalog.GROUPS[g], lang)),
            "definition": rows["definition" + suffix],
            "unit": rows["unit" + suffix],
            "direction": rows["direction"].map(lambda d: _pick(catalog.DIRECTIONS[d], lang)),
            "target_kind": rows["kind"].map(lambda k: _pick(catalog.KINDS[k], lang)),
            "target_value": rows["target_value"],
            "target_high": rows["target_high"],
            "target_unit": rows["target_unit" + suffix],
            "target_text": rows["target_text" + suffix],
            "baseline_year": rows["baseline_year"],
            "target_year": rows["target_year"],
            "lead_agency": rows["lead_agency"].map(
                lambda a: responsible_text(a, lang, directory=directory)
            ),
            "cooperating_agencies": rows["cooperating_agencies"].str.replace(";", "; "),
            "sectors": rows["sectors"].map(lambda s: names(s, catalog.SECTORS)),
            "breakdowns": rows["breakdowns"].map(lambda b: names(b, catalog.BREAKDOWNS)),
            "plan_clause": rows["plan_clause"],
            "tasks_clause": rows["tasks_clause"],
        }
    )


def _area_name(code: str, lang: str) -> str:
    if code == datasets.PROVINCE_CODE:
        return t("filter.whole_province", lang)
    return geography.district_name(code, lang)


def _observations_sheet(filters: Filters | None, lang: str, directory: Path | None):
    rows = _whole_dataset("observations", directory)
    if filters is not None:
        chosen = {indicator.indicator_id for indicator in indicators_for(filters, None, directory)}
        keep = rows["indicator_id"].isin(chosen) & rows["year"].between(
            filters.year_from, filters.year_to
        )
        if filters.districts:
            province = rows["area_level"].eq("province")
            keep &= province | rows["area_code"].isin(filters.districts)
        rows = rows[keep]
    known = catalog.load_catalog(directory=directory).set_index("indicator_id")
    suffix = "_en" if lang == "en" else "_vi"
    rows = rows.sort_values(["indicator_id", "area_code", "year"])
    return pd.DataFrame(
        {
            "indicator_id": rows["indicator_id"],
            "indicator": rows["indicator_id"].map(known["name" + suffix]),
            "area_code": rows["area_code"],
            "area": rows["area_code"].map(lambda c: _area_name(c, lang)),
            "area_level": rows["area_level"].map(lambda level: _pick(_AREA_LEVELS[level], lang)),
            "year": rows["year"],
            "value": rows["value"],
            "unit": rows["indicator_id"].map(known["unit" + suffix]),
            "provenance": rows["provenance"],
            "source_title": rows["source_title"],
            "source_url": rows["source_url"],
            "note": rows["note"],
        }
    )


def _milestones_sheet(filters: Filters | None, lang: str, directory: Path | None):
    rows = _whole_dataset("milestones", directory)
    if filters is not None:
        chosen = {indicator.indicator_id for indicator in indicators_for(filters, None, directory)}
        rows = rows[rows["indicator_id"].isin(chosen)]
    known = catalog.load_catalog(directory=directory).set_index("indicator_id")
    suffix = "_en" if lang == "en" else "_vi"
    rows = rows.sort_values(["indicator_id", "step_no"])
    return pd.DataFrame(
        {
            "indicator_id": rows["indicator_id"],
            "indicator": rows["indicator_id"].map(known["name" + suffix]),
            "step_no": rows["step_no"],
            "step": rows["step" + suffix],
            "status": _translated(rows["status"], "milestone.", lang),
            "date": rows["status_date"],
            "evidence": rows["evidence" + suffix],
            "provenance": rows["provenance"],
            "source_title": rows["source_title"],
            "source_url": rows["source_url"],
            "note": rows["note"],
        }
    )


def _sites_sheet(filters: Filters | None, lang: str, directory: Path | None):
    sites = _whole_dataset("sites", directory)
    status = _whole_dataset("site_status", directory)
    if filters is not None:
        if filters.districts:
            sites = sites[sites["district_code"].isin(filters.districts)]
        status = status[status["year"].between(filters.year_from, filters.year_to)]
    site_sources = {c: "site_" + c for c in ("provenance", "source_title", "source_url", "note")}
    rows = sites.rename(columns=site_sources).merge(status, on="site_id", how="left")
    if filters is not None:
        rows = rows[rows["year"].notna()]
    rows = rows.sort_values(["district_code", "site_id", "year"])
    return pd.DataFrame(
        {
            "site_id": rows["site_id"],
            "site": rows["name"],
            "kind": rows["kind"],
            "district_code": rows["district_code"],
            "district": rows["district_code"].map(lambda c: geography.district_name(c, lang)),
            "site_area_ha": rows["area_ha"],
            "lon": rows["lon"],
            "lat": rows["lat"],
            "district_basis": rows["district_basis"],
            "site_provenance": rows["site_provenance"],
            "site_source_title": rows["site_source_title"],
            "site_source_url": rows["site_source_url"],
            "site_note": rows["site_note"],
            "year": rows["year"].astype("Int64"),
            "operating": rows["operating"].map(
                lambda v: _pick(_YES_NO[bool(v)], lang) if pd.notna(v) else v
            ),
            "wwtp_status": _translated(rows["wwtp_status"], "wwtp.", lang),
            "wwtp_capacity_m3_day": rows["wwtp_capacity_m3_day"],
            "occupancy_pct": rows["occupancy_pct"],
            "provenance": rows["provenance"],
            "source_title": rows["source_title"],
            "source_url": rows["source_url"],
            "note": rows["note"],
        }
    )


def _forest_sheet(filters: Filters | None, lang: str, directory: Path | None):
    rows = _whole_dataset("forest", directory)
    if filters is not None:
        if filters.districts:
            rows = rows[rows["district_code"].isin(filters.districts)]
        rows = rows[rows["year"].between(filters.year_from, filters.year_to)]
    rows = rows.sort_values(["district_code", "year"])
    return pd.DataFrame(
        {
            "district_code": rows["district_code"],
            "district": rows["district_code"].map(lambda c: geography.district_name(c, lang)),
            "year": rows["year"],
            "natural_area_ha": rows["natural_area_ha"],
            "forest_area_ha": rows["forest_area_ha"],
            "cover_pct": rows["cover_pct"],
            "cover_provenance": rows["cover_provenance"],
            "certified_area_ha": rows["certified_area_ha"],
            "certified_provenance": rows["certified_provenance"],
            "source_title": rows["source_title"],
            "source_url": rows["source_url"],
        }
    )


def _illustrative_rows(frame: pd.DataFrame) -> int:
    """Rows with at least one value whose provenance is illustrative."""
    columns = [c for c in frame.columns if c.endswith("provenance")]
    if not columns or frame.empty:
        return 0
    return int(frame[columns].eq("illustrative").any(axis=1).sum())


def _filter_lines(filters: Filters | None, lang: str) -> list[tuple[str, str]]:
    if filters is None:
        return [(_say("filters", lang), _say("everything", lang))]
    if filters.districts:
        names = ", ".join(geography.district_name(code, lang) for code in filters.districts)
        districts = f"{names} {_say('with_province', lang)}"
    else:
        districts = t("filter.whole_province", lang)
    sector = (
        _pick(catalog.SECTORS[filters.sector], lang)
        if filters.sector
        else t("filter.all_sectors", lang)
    )
    return [
        (t("filter.district", lang), districts),
        (t("filter.sector", lang), sector),
        (t("filter.years", lang), f"{filters.year_from}-{filters.year_to}"),
    ]


def _about_rows(
    currency: str,
    label: str | None,
    filters: Filters | None,
    counts: list[tuple[str, int, int]],
    lang: str,
) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [(_say("title", lang),), ()]
    rows.append((_say("as_of", lang), currency))
    if label:
        rows.append((_say("label", lang), label))
    rows.extend(_filter_lines(filters, lang))
    rows.append((_say("illustrative", lang), _say("illustrative_sentence", lang)))
    rows.append((_say("illustrative_rows", lang), sum(c[2] for c in counts)))
    rows.append(())
    rows.append((_say("sheet", lang), _say("rows", lang), _say("illustrative_rows", lang)))
    rows.extend(counts)
    return rows


def _fit_columns(sheet, frame: pd.DataFrame) -> None:
    for index, column in enumerate(frame.columns, start=1):
        values = frame[column].dropna().astype(str).head(500)
        longest = max([len(str(column)), *values.str.len().tolist()])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)


def dataset_workbook(
    filters: Filters | None = None,
    lang: str = "vi",
    directory: Path | None = None,
    label: str | None = None,
) -> bytes:
    """The whole dataset (or what the filters choose) as one .xlsx, a sheet per table.

    The first sheet says when the data is from, which filters were applied and how many
    exported rows hold illustrative values; every value keeps its provenance and source.
    """
    lang = "en" if lang == "en" else "vi"
    chosen = (
        None
        if filters is None
        else [i.indicator_id for i in indicators_for(filters, None, directory)]
    )
    tables = {
        "catalog": _catalog_sheet(chosen, lang, directory),
        "observations": _observations_sheet(filters, lang, directory),
        "milestones": _milestones_sheet(filters, lang, directory),
        "sites": _sites_sheet(filters, lang, directory),
        "forest": _forest_sheet(filters, lang, directory),
    }
    if tables["milestones"].empty:
        del tables["milestones"]
    counts = [
        (_sheet_title(DATASET_SHEETS[name][lang]), len(frame), _illustrative_rows(frame))
        for name, frame in tables.items()
    ]
    currency = currency_text(lang, directory)

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        about = writer.book.create_sheet(_sheet_title(DATASET_SHEETS["about"][lang]))
        for row in _about_rows(currency, label, filters, counts, lang):
            about.append(list(row))
        about["A1"].font = Font(bold=True, size=14)
        for row in about.iter_rows(min_row=3, max_col=1):
            row[0].font = Font(bold=True)
        about.column_dimensions["A"].width = 34
        about.column_dimensions["B"].width = 90
        about.column_dimensions["C"].width = 30
        for cell in about["B"]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for name, frame in tables.items():
            shown = localized_table(frame, lang, DATASET_HEADERS)
            title = _sheet_title(DATASET_SHEETS[name][lang])
            shown.to_excel(writer, sheet_name=title, index=False)
            sheet = writer.sheets[title]
            sheet.freeze_panes = "A2"
            sheet.auto_filter.ref = sheet.dimensions
            _fit_columns(sheet, shown)
        _text_not_formulas(writer.book)
    return buffer.getvalue()


def dataset_workbook_name(as_of: str, label: str | None = None) -> str:
    """File name of the whole-dataset workbook, ASCII only: ttx-bac-giang-du-lieu-2026-11-24.xlsx."""
    parts = ["ttx-bac-giang-du-lieu", _slug(as_of), _slug(label or "")]
    return "-".join(p for p in parts if p) + ".xlsx"


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = plain.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
