"""Checks of TTX data tables: small named checks that say what is wrong, where, and how to fix it.

Each check takes a table, either a bundled Parquet file or a department's upload read as text
(`read_upload`), and returns a list of `Problem`s, with messages in Vietnamese and English.
Row numbers are counted as a spreadsheet shows them: the header is row 1, so the first data row
is row 2. `validate_dataset` runs every check on the bundled datasets.

>>> frame = read_upload(Path("tests/fixtures/share-above-100.csv"))  # doctest: +SKIP
>>> check_shares_within_0_100(frame, {"t09_urban_solid_waste_treated_share"})  # doctest: +SKIP
[Problem(dataset='observations', row=3, column='value', ...)]
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ttx_data import datasets
from ttx_data.datasets import Dataset
from ttx_data.paths import BUNDLED_DATA_DIR
from ttx_data.places import history
from ttx_data.plan import BASELINE_YEAR as FIRST_YEAR
from ttx_data.plan import TARGET_YEAR as LAST_YEAR

DISTRICTS_FILE = BUNDLED_DATA_DIR / "districts.csv"
TRUE_TEXTS = ("true", "1", "yes", "có")
FALSE_TEXTS = ("false", "0", "no", "không")


@dataclass(frozen=True)
class Problem:
    """One defect: in which dataset, row (spreadsheet numbering) and column, in two languages."""

    dataset: str
    row: int | None
    column: str | None
    message_vi: str
    message_en: str


def spreadsheet_row(position: int) -> int:
    """Row number a spreadsheet shows for the data row at 0-based `position` (header is row 1)."""
    return position + 2


def _problem(dataset: Dataset, row: int | None, column: str | None, vi: str, en: str) -> Problem:
    """A problem whose messages start with where it is ("Dòng 3, cột 'value': ...")."""
    where_vi = ", ".join(p for p in (row and f"Dòng {row}", column and f"cột '{column}'") if p)
    where_en = ", ".join(p for p in (row and f"Row {row}", column and f"column '{column}'") if p)
    where_vi = where_vi or f"Bảng {dataset.name}"
    where_en = where_en or f"Table {dataset.name}"
    return Problem(dataset.name, row, column, f"{where_vi}: {vi}", f"{where_en}: {en}")


def _blank(series: pd.Series) -> pd.Series:
    """True where a cell is empty: missing, or only spaces."""
    text = series.astype("str")
    return series.isna() | text.str.strip().eq("").fillna(False)


def _numbers(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce")


def _positions(mask: pd.Series) -> list[int]:
    return [i for i, flagged in enumerate(mask.tolist()) if flagged]


def read_upload(path: Path) -> pd.DataFrame:
    """A CSV upload read as text, so the checks see exactly what was typed (blank cells → NaN)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def load_district_codes() -> set[str]:
    """The 10 GSO 2022 district codes of data/districts.csv."""
    return set(pd.read_csv(DISTRICTS_FILE, dtype={"district_code": str})["district_code"])


# Shape of the table


def check_columns(df: pd.DataFrame, dataset: Dataset) -> list[Problem]:
    """Every column of the dataset is present and no unknown column is added."""
    problems = [
        _problem(
            dataset,
            None,
            name,
            f"thiếu cột bắt buộc. Thêm cột '{name}' ({column.description}).",
            f"required column is missing. Add a column '{name}' ({column.description}).",
        )
        for column in dataset.columns
        if (name := column.name) not in df.columns
    ]
    known = set(dataset.column_names)
    problems += [
        _problem(
            dataset,
            None,
            str(name),
            f"cột không có trong mẫu {dataset.name}. Xóa cột hoặc sửa tên cho đúng mẫu"
            f" ({', '.join(dataset.column_names)}).",
            f"column is not part of the {dataset.name} template. Remove it or rename it"
            f" to one of: {', '.join(dataset.column_names)}.",
        )
        for name in df.columns
        if name not in known
    ]
    return problems


def check_column_order(df: pd.DataFrame, dataset: Dataset) -> list[Problem]:
    """Columns are in the catalog's order (checked only when the set of columns is right)."""
    if set(df.columns) != set(dataset.column_names) or list(df.columns) == dataset.column_names:
        return []
    order = ", ".join(dataset.column_names)
    return [
        _problem(
            dataset,
            None,
            None,
            f"các cột không đúng thứ tự. Sắp xếp lại theo thứ tự: {order}.",
            f"columns are out of order. Reorder them as: {order}.",
        )
    ]


# Cells


def check_required_values(df: pd.DataFrame, dataset: Dataset) -> list[Problem]:
    """Columns that may not be empty have a value in every row."""
    problems = []
    for column in dataset.columns:
        if column.nullable or column.name not in df.columns:
            continue
        for position in _positions(_blank(df[column.name])):
            problems.append(
                _problem(
                    dataset,
                    spreadsheet_row(position),
                    column.name,
                    f"ô trống nhưng cột này bắt buộc có giá trị. Nhập {column.description}.",
                    f"the cell is empty but this column is required. Enter {column.description}.",
                )
            )
    return problems


def _bad_type_positions(series: pd.Series, dtype: str) -> list[int]:
    filled = ~_blank(series)
    if dtype in ("int", "float"):
        numbers = _numbers(series)
        bad = filled & numbers.isna()
        if dtype == "int":
            bad |= filled & numbers.notna() & (numbers % 1 != 0)
        return _positions(bad)
    if dtype == "bool":
        if pd.api.types.is_bool_dtype(series):
            return []
        text = series.astype("str").str.strip().str.lower()
        return _positions(filled & ~text.isin(TRUE_TEXTS + FALSE_TEXTS).fillna(False))
    if dtype == "date":
        parsed = pd.to_datetime(series.astype("str"), format="%Y-%m-%d", errors="coerce")
        return _positions(filled & parsed.isna())
    return []


TYPE_HINTS = {
    "int": ("một số nguyên, ví dụ 2024", "a whole number, e.g. 2024"),
    "float": (
        "một số, dùng dấu chấm thập phân, ví dụ 45.2 (không viết 45,2 hay 45%)",
        "a number with a decimal point, e.g. 45.2 (not 45,2 or 45%)",
    ),
    "bool": ("true hoặc false", "true or false"),
    "date": ("một ngày dạng YYYY-MM-DD, ví dụ 2023-11-06", "a date as YYYY-MM-DD, e.g. 2023-11-06"),
}


def check_value_types(df: pd.DataFrame, dataset: Dataset) -> list[Problem]:
    """Numbers, whole numbers, true/false and dates can be read as such."""
    problems = []
    for column in dataset.columns:
        if column.dtype not in TYPE_HINTS or column.name not in df.columns:
            continue
        hint_vi, hint_en = TYPE_HINTS[column.dtype]
        series = df[column.name]
        for position in _bad_type_positions(series, column.dtype):
            value = series.iloc[position]
            problems.append(
                _problem(
                    dataset,
                    spreadsheet_row(position),
                    column.name,
                    f"không đọc được giá trị '{value}'. Nhập {hint_vi}.",
                    f"cannot read the value '{value}'. Enter {hint_en}.",
                )
            )
    return problems


def check_allowed_values(df: pd.DataFrame, dataset: Dataset) -> list[Problem]:
    """Columns with a closed list (provenance, area_level, kind, statuses) use only its values."""
    problems = []
    for column in dataset.columns:
        if column.allowed is None or column.name not in df.columns:
            continue
        series = df[column.name]
        allowed = ", ".join(column.allowed)
        bad = ~_blank(series) & ~series.astype("str").isin(column.allowed).fillna(False)
        for position in _positions(bad):
            value = series.iloc[position]
            problems.append(
                _problem(
                    dataset,
                    spreadsheet_row(position),
                    column.name,
                    f"giá trị '{value}' không được phép. Chọn một trong: {allowed}.",
                    f"value '{value}' is not allowed. Use one of: {allowed}.",
                )
            )
    return problems


def check_unique_key(df: pd.DataFrame, dataset: Dataset) -> list[Problem]:
    """No two rows share the dataset's key (e.g. indicator, area and year)."""
    key = list(dataset.key)
    if not set(key) <= set(df.columns):
        return []
    text_key = df[key].astype("str")
    first_seen: dict[tuple, int] = {}
    problems = []
    for position, values in enumerate(text_key.itertuples(index=False, name=None)):
        if values not in first_seen:
            first_seen[values] = position
            continue
        first = spreadsheet_row(first_seen[values])
        shown = ", ".join(f"{k}={v}" for k, v in zip(key, values, strict=True))
        problems.append(
            _problem(
                dataset,
                spreadsheet_row(position),
                ", ".join(key),
                f"trùng khóa với dòng {first} ({shown}). Xóa một dòng hoặc sửa năm/địa bàn.",
                f"duplicates the key of row {first} ({shown}). Delete one row or correct its"
                " year/area.",
            )
        )
    return problems


def check_years(
    df: pd.DataFrame, dataset: Dataset, first: int = FIRST_YEAR, last: int = LAST_YEAR
) -> list[Problem]:
    """Years lie within the plan period (by default 2020-2030)."""
    if "year" not in df.columns:
        return []
    years = _numbers(df["year"])
    outside = years.notna() & ((years < first) | (years > last))
    return [
        _problem(
            dataset,
            spreadsheet_row(p),
            "year",
            f"năm {years.iloc[p]:g} nằm ngoài giai đoạn {first}-{last}. Sửa năm cho đúng.",
            f"year {years.iloc[p]:g} is outside {first}-{last}. Correct the year.",
        )
        for p in _positions(outside)
    ]


def _code_problem(dataset, position, column, code, valid) -> Problem:
    codes = ", ".join(sorted(valid))
    return _problem(
        dataset,
        spreadsheet_row(position),
        column,
        f"mã '{code}' không phải mã huyện TCTK 2022. Dùng một trong: {codes}.",
        f"code '{code}' is not a GSO 2022 district code. Use one of: {codes}.",
    )


def check_district_codes(
    df: pd.DataFrame, dataset: Dataset, district_codes: Collection[str] | None = None
) -> list[Problem]:
    """District codes are GSO 2022 codes; province rows of observations use code 24."""
    valid = set(district_codes) if district_codes is not None else load_district_codes()
    if "district_code" in df.columns:
        codes = df["district_code"].astype("str")
        bad = ~_blank(df["district_code"]) & ~codes.isin(valid).fillna(False)
        return [
            _code_problem(dataset, p, "district_code", codes.iloc[p], valid)
            for p in _positions(bad)
        ]
    if not {"area_code", "area_level"} <= set(df.columns):
        return []
    problems = []
    for position, (code, level) in enumerate(
        zip(df["area_code"].astype("str"), df["area_level"].astype("str"), strict=True)
    ):
        if level == "district" and code not in valid:
            problems.append(_code_problem(dataset, position, "area_code", code, valid))
        elif level == "province" and code != datasets.PROVINCE_CODE:
            problems.append(
                _problem(
                    dataset,
                    spreadsheet_row(position),
                    "area_code",
                    f"dòng cấp tỉnh phải có mã '{datasets.PROVINCE_CODE}', không phải '{code}'."
                    " Sửa mã hoặc đổi area_level thành district.",
                    f"a province row must have code '{datasets.PROVINCE_CODE}', not '{code}'."
                    " Correct the code or set area_level to district.",
                )
            )
    return problems


# Values


def check_shares_within_0_100(
    df: pd.DataFrame,
    percent_indicator_ids: Collection[str],
    dataset: Dataset = datasets.OBSERVATIONS,
) -> list[Problem]:
    """Values of share indicators (a part of a whole, in %) lie within 0-100."""
    if not {"indicator_id", "value"} <= set(df.columns):
        return []
    values = _numbers(df["value"])
    share = df["indicator_id"].astype("str").isin(set(percent_indicator_ids)).fillna(False)
    bad = share & values.notna() & ((values < 0) | (values > 100))
    return [
        _problem(
            dataset,
            spreadsheet_row(p),
            "value",
            f"chỉ tiêu {df['indicator_id'].iloc[p]} là tỷ lệ %, giá trị {values.iloc[p]:g}"
            " nằm ngoài 0-100. Nhập phần trăm từ 0 đến 100 (ví dụ 45.2, không nhập 0.452).",
            f"indicator {df['indicator_id'].iloc[p]} is a share in %, value"
            f" {values.iloc[p]:g} is outside 0-100. Enter a percentage from 0 to 100"
            " (e.g. 45.2, not 0.452).",
        )
        for p in _positions(bad)
    ]


def check_percent_columns_within_0_100(df: pd.DataFrame, dataset: Dataset) -> list[Problem]:
    """Columns measured in % (names ending in _pct) lie within 0-100."""
    problems = []
    for name in [c for c in dataset.column_names if c.endswith("_pct") and c in df.columns]:
        values = _numbers(df[name])
        for p in _positions(values.notna() & ((values < 0) | (values > 100))):
            problems.append(
                _problem(
                    dataset,
                    spreadsheet_row(p),
                    name,
                    f"giá trị {values.iloc[p]:g}% nằm ngoài 0-100. Sửa giá trị.",
                    f"value {values.iloc[p]:g}% is outside 0-100. Correct the value.",
                )
            )
    return problems


def check_forest_area_matches_cover(
    df: pd.DataFrame, dataset: Dataset = datasets.FOREST
) -> list[Problem]:
    """Forest area = cover % × natural area (within rounding: 0.05 % of the natural area + 1 ha)."""
    needed = {"natural_area_ha", "forest_area_ha", "cover_pct"}
    if not needed <= set(df.columns):
        return []
    natural, area, cover = (
        _numbers(df[c]) for c in ("natural_area_ha", "forest_area_ha", "cover_pct")
    )
    expected = cover * natural / 100
    bad = (area - expected).abs() > 0.0005 * natural + 1
    return [
        _problem(
            dataset,
            spreadsheet_row(p),
            "forest_area_ha",
            f"diện tích có rừng {area.iloc[p]:g} ha không khớp độ che phủ"
            f" {cover.iloc[p]:g}% × diện tích tự nhiên {natural.iloc[p]:g} ha"
            f" (≈ {expected.iloc[p]:.0f} ha). Kiểm tra lại một trong ba số.",
            f"forest area {area.iloc[p]:g} ha does not match cover {cover.iloc[p]:g}% ×"
            f" natural area {natural.iloc[p]:g} ha (≈ {expected.iloc[p]:.0f} ha). Check"
            " one of the three figures.",
        )
        for p in _positions(bad.fillna(False))
    ]


# Provenance


def _provenance_columns(dataset: Dataset) -> list[str]:
    return [c for c in dataset.column_names if c == "provenance" or c.endswith("_provenance")]


def check_official_rows_have_source(df: pd.DataFrame, dataset: Dataset) -> list[Problem]:
    """Official rows name their source and its address; reported and estimate rows name a source."""
    problems = []
    for column in [c for c in _provenance_columns(dataset) if c in df.columns]:
        provenance = df[column].astype("str")
        for needed, kinds in (
            ("source_title", ("official", "reported", "estimate")),
            ("source_url", ("official",)),
        ):
            if needed not in df.columns:
                continue
            bad = provenance.isin(kinds).fillna(False) & _blank(df[needed])
            for p in _positions(bad):
                kind = provenance.iloc[p]
                problems.append(
                    _problem(
                        dataset,
                        spreadsheet_row(p),
                        needed,
                        f"dòng '{kind}' ({column}) phải ghi {needed}. Ghi nguồn công bố, hoặc đổi"
                        f" {column} thành 'illustrative' nếu không có nguồn.",
                        f"a '{kind}' row ({column}) must give its {needed}. Cite the publication, or"
                        f" set {column} to 'illustrative' if there is none.",
                    )
                )
    return problems


def check_illustrative_rows_have_no_source_url(df: pd.DataFrame, dataset: Dataset) -> list[Problem]:
    """Illustrative rows do not cite an address, so they cannot pass for sourced figures."""
    columns = [c for c in _provenance_columns(dataset) if c in df.columns]
    if not columns or "source_url" not in df.columns:
        return []
    illustrative = pd.concat(
        [df[c].astype("str").eq("illustrative").fillna(False) for c in columns], axis=1
    ).all(axis=1)
    return [
        _problem(
            dataset,
            spreadsheet_row(p),
            "source_url",
            "dòng minh họa không được ghi địa chỉ nguồn. Xóa source_url, hoặc đổi"
            " provenance nếu giá trị thật sự lấy từ nguồn đó.",
            "an illustrative row may not cite a source address. Remove source_url, or"
            " change the provenance if the value really comes from that source.",
        )
        for p in _positions(illustrative & ~_blank(df["source_url"]))
    ]


# Across datasets


def check_site_ids_known(status: pd.DataFrame, sites: pd.DataFrame) -> list[Problem]:
    """Every site of site_status is listed in sites."""
    if "site_id" not in status.columns or "site_id" not in sites.columns:
        return []
    known = set(sites["site_id"].astype("str"))
    ids = status["site_id"].astype("str")
    return [
        _problem(
            datasets.SITE_STATUS,
            spreadsheet_row(p),
            "site_id",
            f"mã KCN/CCN '{ids.iloc[p]}' không có trong bảng sites. Thêm KCN/CCN vào sites"
            " hoặc sửa mã.",
            f"site '{ids.iloc[p]}' is not in the sites table. Add the site to sites or"
            " correct the id.",
        )
        for p in _positions(~ids.isin(known).fillna(False))
    ]


def check_districts_existed(
    df: pd.DataFrame, dataset: Dataset, rolled_up: pd.DataFrame | None = None
) -> list[Problem]:
    """No district row for a year the district did not exist (Yên Dũng in 2025; every district
    from 2026), unless the indicator's figures of that year come from the commune-level units
    (`rolled_up`: commune_observations), i.e. the row is their roll-up to the plan's territory."""
    if "year" in df.columns and "area_code" in df.columns and "area_level" in df.columns:
        codes, column = (
            df["area_code"].where(df["area_level"].astype("str") == "district"),
            "area_code",
        )
    elif "year" in df.columns and "district_code" in df.columns:
        codes, column = df["district_code"], "district_code"
    else:
        return []
    years = _numbers(df["year"])
    known = codes.astype("str").isin(load_district_codes()) & years.notna()
    ended = pd.Series(False, index=df.index)
    ended[known] = history.ended(codes[known].astype("str"), years[known].astype(int))
    if rolled_up is not None and len(rolled_up) and "indicator_id" in df.columns:
        reported = set(
            zip(rolled_up["indicator_id"].astype("str"), _numbers(rolled_up["year"]), strict=True)
        )
        pairs = zip(df["indicator_id"].astype("str"), years, strict=True)
        ended &= pd.Series([pair not in reported for pair in pairs], index=df.index)
    return [
        _problem(
            dataset,
            spreadsheet_row(p),
            column,
            f"{history.changes_text(codes.iloc[p], 'vi')}; không còn huyện này năm"
            f" {years.iloc[p]:g}. Báo cáo số liệu của xã, phường (commune_observations) để tổng hợp"
            " lên địa bàn huyện, hoặc xóa dòng này.",
            f"{history.changes_text(codes.iloc[p], 'en')}; the district no longer existed in"
            f" {years.iloc[p]:g}. Report the communes' and wards' figures (commune_observations) to"
            " roll them up to its territory, or remove this row.",
        )
        for p in _positions(ended)
    ]


def validate_frame(
    df: pd.DataFrame,
    dataset: Dataset,
    *,
    percent_indicator_ids: Collection[str] = (),
    district_codes: Collection[str] | None = None,
    first_year: int = FIRST_YEAR,
    last_year: int = LAST_YEAR,
) -> list[Problem]:
    """Every single-table check of one dataset (e.g. an uploaded observations CSV)."""
    problems = check_columns(df, dataset) + check_column_order(df, dataset)
    problems += check_required_values(df, dataset) + check_value_types(df, dataset)
    problems += check_allowed_values(df, dataset) + check_unique_key(df, dataset)
    problems += check_years(df, dataset, first_year, last_year)
    if dataset.name in (datasets.OBSERVATIONS.name, datasets.SITES.name, datasets.FOREST.name):
        problems += check_district_codes(df, dataset, district_codes)
    if dataset.name == datasets.OBSERVATIONS.name:
        problems += check_shares_within_0_100(df, percent_indicator_ids, dataset)
    if dataset.name == datasets.FOREST.name:
        problems += check_forest_area_matches_cover(df, dataset)
    problems += check_percent_columns_within_0_100(df, dataset)
    problems += check_official_rows_have_source(df, dataset)
    problems += check_illustrative_rows_have_no_source_url(df, dataset)
    return problems


def validate_dataset(
    frames: Mapping[str, pd.DataFrame],
    *,
    percent_indicator_ids: Collection[str] = (),
    district_codes: Collection[str] | None = None,
    first_year: int = FIRST_YEAR,
    last_year: int = LAST_YEAR,
) -> list[Problem]:
    """Every check on every dataset of `frames` (keyed by dataset name), plus cross-table checks."""
    valid = set(district_codes) if district_codes is not None else load_district_codes()
    problems = []
    for dataset in datasets.ALL:
        if dataset.name not in frames:
            problems.append(
                _problem(
                    dataset,
                    None,
                    None,
                    f"thiếu bảng {dataset.name}. Tạo lại tệp {dataset.file}.",
                    f"the {dataset.name} table is missing. Recreate {dataset.file}.",
                )
            )
            continue
        problems += validate_frame(
            frames[dataset.name],
            dataset,
            percent_indicator_ids=percent_indicator_ids,
            district_codes=valid,
            first_year=first_year,
            last_year=last_year,
        )
    for dataset in (datasets.OBSERVATIONS, datasets.FOREST):
        if dataset.name in frames:
            problems += check_districts_existed(
                frames[dataset.name], dataset, frames.get(datasets.COMMUNE_OBSERVATIONS.name)
            )
    if datasets.SITE_STATUS.name in frames and datasets.SITES.name in frames:
        problems += check_site_ids_known(
            frames[datasets.SITE_STATUS.name], frames[datasets.SITES.name]
        )
    return problems
