"""One DuckDB connection with views over the data directory, and one way to run a named query.

Each question the app asks is a file `queries/<name>.sql` with `$named` parameters; values are
always bound by DuckDB, never formatted into the SQL. `run_query("province_observations",
first_year=2020, last_year=2025)` returns a DataFrame.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ttx_data import catalog, datasets, geography
from ttx_data.i18n import format_date, t
from ttx_data.paths import QUERIES_DIR, data_dir
from ttx_data.places import history

_lock = threading.Lock()
_connections: OrderedDict[Path, duckdb.DuckDBPyConnection] = OrderedDict()
_broken: dict[Path, dict[str, DataError]] = {}
_versions: dict[Path, str] = {}
MAX_CONNECTIONS = 32
"""Connections kept at most (the published data, snapshots viewed, previews): the least recently
used one is let go beyond that and made again when next read."""

_log = logging.getLogger(__name__)

PARAMETER_PATTERN = re.compile(r"\$([a-z_][a-z0-9_]*)")


class DataError(ValueError):
    """A data file cannot be used: what is wrong, in which file, what to do (vi and en).

    The message names the file, never the server's absolute path: it is shown to viewers."""

    def __init__(self, vi: str, en: str):
        self.vi, self.en = vi, en
        super().__init__(f"{vi} / {en}")


class DataMissingError(DataError, FileNotFoundError):
    """The data directory lacks a dataset file the app needs."""


_FIX_VI = "chạy `make data` để tạo lại dữ liệu đi kèm, hoặc chép lại tệp đúng vào thư mục dữ liệu"
_FIX_EN = "run `make data` to regenerate the bundled data, or copy a good file into the data folder"

_TYPES: dict[str, Callable[[pa.DataType], bool]] = {
    "str": lambda t: pa.types.is_string(t) or pa.types.is_large_string(t),
    "int": pa.types.is_integer,
    "float": lambda t: pa.types.is_floating(t) or pa.types.is_integer(t),
    "bool": pa.types.is_boolean,
    "date": lambda t: pa.types.is_date(t) or pa.types.is_timestamp(t),
}


def _check_directory(directory: Path) -> None:
    if not directory.is_dir():
        raise DataMissingError(
            f"Không tìm thấy thư mục dữ liệu «{directory.name}»; kiểm tra biến TTX_DATA_DIR hoặc"
            f" {_FIX_VI}",
            f"The data folder “{directory.name}” was not found; check TTX_DATA_DIR or {_FIX_EN}",
        )


_ARROW_TYPES = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
}


def empty_dataset(dataset: datasets.Dataset) -> pa.Table:
    """No rows, with the dataset's columns and types: what an older data directory holds of a
    dataset added later."""
    schema = pa.schema([(c.name, _ARROW_TYPES[c.dtype]) for c in dataset.columns])
    return schema.empty_table()


def _absent_but_added_later(dataset: datasets.Dataset, directory: Path) -> bool:
    return dataset.added_later and directory.is_dir() and not (directory / dataset.file).exists()


def check_dataset_file(dataset: datasets.Dataset, directory: Path) -> Path:
    """The dataset's file, checked: it exists, is Parquet and has the columns of datasets.py with
    their types (DataError otherwise). Reads the schema only, so it is cheap."""
    path = directory / dataset.file
    name = dataset.file
    _check_directory(directory)
    if not path.is_file():
        raise DataMissingError(
            f"Thiếu tệp dữ liệu {name}; {_FIX_VI}", f"Data file {name} is missing; {_FIX_EN}"
        )
    try:
        schema = pq.read_schema(path)
    except (OSError, pa.ArrowException) as error:
        _log.warning("unreadable data file %s: %s", path, error)
        raise DataError(
            f"Tệp dữ liệu {name} trống hoặc hỏng (không đọc được dạng Parquet); {_FIX_VI}",
            f"Data file {name} is empty or damaged (not readable as Parquet); {_FIX_EN}",
        ) from error
    problems = []
    for column in dataset.columns:
        if column.name not in schema.names:
            problems.append((f"thiếu cột {column.name}", f"column {column.name} is missing"))
            continue
        kind = schema.field(column.name).type
        if not (_TYPES[column.dtype](kind) or (column.nullable and pa.types.is_null(kind))):
            problems.append(
                (
                    f"cột {column.name} có kiểu {kind}, cần {column.dtype}",
                    f"column {column.name} has type {kind}, expected {column.dtype}",
                )
            )
    if problems:
        raise DataError(
            f"Tệp dữ liệu {name} sai cấu trúc: {'; '.join(p[0] for p in problems)}; {_FIX_VI}",
            f"Data file {name} has the wrong structure: {'; '.join(p[1] for p in problems)};"
            f" {_FIX_EN}",
        )
    return path


def _sql_literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _create_views(con: duckdb.DuckDBPyConnection, directory: Path) -> dict[str, DataError]:
    """A view of each good dataset file; the problems of the others, by dataset name (a query
    that reads a broken dataset raises its DataError, the other queries still run). The views of
    `_SHOWN_ROWS` keep only the district rows of their time."""
    district_years = history.district_years_frame()  # noqa: F841 - read by DuckDB below
    con.execute("create or replace table district_years as select * from district_years")
    broken = {}
    filtered_last = sorted(datasets.ALL, key=lambda d: d.name in _SHOWN_ROWS)
    for dataset in filtered_last:
        if dataset.name == datasets.OBSERVATIONS.name:
            _rolled_up_years(con, broken)
        if _absent_but_added_later(dataset, directory):
            empty = empty_dataset(dataset)  # noqa: F841 - read by DuckDB below
            con.execute(f"create or replace table {dataset.name} as select * from empty")
            continue
        try:
            path = check_dataset_file(dataset, directory)
        except DataError as error:
            broken[dataset.name] = error
            continue
        con.execute(
            f"create or replace view {dataset.name} as select s.* from"
            f" read_parquet({_sql_literal(path)}) as s {_SHOWN_ROWS.get(dataset.name, '')}"
        )
    indicators = catalog.load_catalog(directory=directory)  # noqa: F841 - read by DuckDB below
    con.execute("create or replace table indicators as select * from indicators")
    districts = geography.load_districts()  # noqa: F841
    con.execute("create or replace table districts as select * from districts")
    return broken


_ENDED_DISTRICT_YEAR = (
    "exists (select 1 from district_years as d where d.basis = 'ended'"
    " and d.district_code = {code} and d.year = {year})"
)
_SHOWN_ROWS = {
    datasets.OBSERVATIONS.name: (
        "where not (area_level = 'district' and "
        + _ENDED_DISTRICT_YEAR.format(code="area_code", year="s.year")
        + " and not exists (select 1 from rolled_up_years as r"
        " where r.indicator_id = s.indicator_id and r.year = s.year))"
    ),
    datasets.FOREST.name: "where not "
    + _ENDED_DISTRICT_YEAR.format(code="s.district_code", year="s.year"),
}
"""Per dataset with district rows: which rows the views keep. A district value of a year in which
the district did not exist (`places.history`, basis 'ended') is kept only when rolled up from the
commune-level units of that year; nobody could have reported it otherwise."""


def _rolled_up_years(con: duckdb.DuckDBPyConnection, broken: dict[str, DataError]) -> None:
    """The (indicator, year) pairs reported by commune-level units (none if that file is broken):
    the district values of those years are roll-ups, shown even after the districts ended."""
    source = datasets.COMMUNE_OBSERVATIONS.name
    if source in broken:
        con.execute(
            "create or replace table rolled_up_years as"
            " select '' as indicator_id, 0 as year where false"
        )
    else:
        con.execute(
            "create or replace table rolled_up_years as"
            f" select distinct indicator_id, year from {source}"
        )


def data_files(directory: Path) -> list[Path]:
    """The files a data directory's numbers come from: its dataset files and metadata, and the
    catalog in force (its own, else the bundled one; see `catalog.catalog_files`)."""
    files = [directory / d.file for d in datasets.ALL] + [directory / datasets.METADATA_FILE]
    return [*files, *catalog.catalog_files(directory)]


def copy_data_files(directory: Path, target: Path) -> None:
    """Copy the data files of `directory` (`data_files`: those present) into the new folder
    `target`: a copy that reads as the same data (a preview's start, a frozen version)."""
    target.mkdir(parents=True)
    for path in data_files(directory):
        if path.exists():
            shutil.copyfile(path, target / path.name)


RACY_NS = 2_000_000_000
"""A file changed less than this long ago (ns) is also hashed for its version: a second write
within the file system's clock tick can leave its size and times as they were."""


def directory_version(directory: Path | None = None) -> str:
    """A fingerprint of the data files (path, size, times, inode of each, and the contents of a
    file changed in the last two seconds; a missing one counted too): it changes whenever a file
    is written, replaced, added or removed. A few `stat` calls."""
    directory = (directory or data_dir()).resolve()
    stamps: list[tuple] = []
    for path in data_files(directory):
        try:
            info = path.stat()
            stamp = (str(path), info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)
            if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_NS:
                content = hashlib.sha256(path.read_bytes()).hexdigest()
                with _content_lock:
                    _content_seen[stamp] = content
                    while len(_content_seen) > CONTENT_SEEN:
                        del _content_seen[next(iter(_content_seen))]
            content = _content_seen.get(stamp)
            if content is not None:  # kept once the file is older: the version stays the same
                stamp += (content,)
        except OSError:
            stamp = (str(path),)
        stamps.append(stamp)
    return hashlib.sha256(repr(stamps).encode()).hexdigest()[:16]


CONTENT_SEEN = 256
"""Files whose contents `directory_version` remembers (the oldest forgotten first)."""
_content_seen: dict[tuple, str] = {}
"""A file's contents as hashed while it was new, by its stat: the version of a directory then
does not change when the file grows older than RACY_NS (else every cache keyed by it would miss
once, two seconds after each publication)."""
_content_lock = threading.Lock()


def connection(directory: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The process-wide connection for a data directory with its views, made again when its
    files change (`directory_version`): the catalog table and the broken datasets it holds are
    then never those of older files. A replaced connection is not closed (another thread may be
    reading it); it goes once unused."""
    directory = (directory or data_dir()).resolve()
    version = directory_version(directory)
    with _lock:
        con = _connections.get(directory)
        if con is None or _versions.get(directory) != version:
            con = duckdb.connect(":memory:")
            try:
                _broken[directory] = _create_views(con, directory)
            except BaseException:
                con.close()
                raise
            _connections[directory], _versions[directory] = con, version
        _connections.move_to_end(directory)
        while len(_connections) > MAX_CONNECTIONS:
            oldest, _ = _connections.popitem(last=False)
            _broken.pop(oldest, None)
            _versions.pop(oldest, None)
        return con


def forget_connection(directory: Path) -> None:
    """Let the connection of a data directory that is going away go (closed once unused)."""
    directory = directory.resolve()
    with _lock:
        _connections.pop(directory, None)
        _broken.pop(directory, None)
        _versions.pop(directory, None)


def _check_readable(sql: str, directory: Path | None) -> None:
    """Raise the DataError of a broken dataset the query reads."""
    broken = _broken.get((directory or data_dir()).resolve(), {})
    for name, error in broken.items():
        if re.search(rf"\b{name}\b", sql):
            raise error


def reset_connections() -> None:
    """Forget every connection (tests, or after the data directory was rewritten)."""
    with _lock:
        for con in _connections.values():
            con.close()
        _connections.clear()
        _broken.clear()
        _versions.clear()
        read_sql.cache_clear()


@cache
def read_sql(name: str) -> str:
    """The text of `queries/<name>.sql`; an unknown name lists the known ones."""
    path = QUERIES_DIR / f"{name}.sql"
    if not path.exists():
        known = ", ".join(query_names())
        raise KeyError(f"no query named {name!r} in {QUERIES_DIR}; known: {known}")
    return path.read_text(encoding="utf-8")


def query_names() -> list[str]:
    """Every named query, from the files in `queries/`."""
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


def query_parameters(name: str) -> set[str]:
    """The `$named` parameters a query expects."""
    return set(PARAMETER_PATTERN.findall(read_sql(name)))


def run_query(name: str, directory: Path | None = None, **params: object) -> pd.DataFrame:
    """Run `queries/<name>.sql` with bound parameters and return the rows as a DataFrame."""
    expected = query_parameters(name)
    if set(params) != expected:
        raise TypeError(f"query {name!r} takes parameters {sorted(expected)}, got {sorted(params)}")
    cursor = connection(directory).cursor()
    sql = read_sql(name)
    try:
        _check_readable(sql, directory)
        return cursor.execute(sql, params).df()
    finally:
        cursor.close()


def read_dataset(dataset: datasets.Dataset, directory: Path | None = None) -> pd.DataFrame:
    """One whole dataset of a data directory as its view shows it (exports and snapshot
    comparisons): the stored rows, less district values of years the district did not exist."""
    directory = directory or data_dir()
    if _absent_but_added_later(dataset, directory):
        return empty_dataset(dataset).to_pandas()
    check_dataset_file(dataset, directory)
    cursor = connection(directory).cursor()
    try:
        order = ", ".join(dataset.key)  # names from datasets.py, never from a reader
        relation = cursor.sql(f"select * from {dataset.name} order by {order}")
        return relation.to_arrow_table().to_pandas()
    finally:
        cursor.close()


def dataset_metadata(directory: Path | None = None) -> dict:
    """The data directory's metadata (`as_of` date, generator, seed)."""
    directory = directory or data_dir()
    _check_directory(directory)
    path = directory / datasets.METADATA_FILE
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        _log.warning("unreadable metadata %s: %s", path, error)
        metadata = None
    if not isinstance(metadata, dict) or not isinstance(metadata.get("as_of"), str):
        raise DataError(
            f"Tệp {datasets.METADATA_FILE} thiếu, hỏng hoặc không có ngày `as_of`; {_FIX_VI}",
            f"File {datasets.METADATA_FILE} is missing, damaged or has no `as_of` date; {_FIX_EN}",
        )
    return metadata


def data_currency(directory: Path | None = None) -> tuple[int | None, str]:
    """How current the data are: the latest year the observations cover, and the date the data
    last changed (the metadata's `as_of`), which are two different things."""
    latest = run_query("latest_observation_year", directory)["latest_year"].iloc[0]
    return (None if pd.isna(latest) else int(latest)), dataset_metadata(directory)["as_of"]


def currency_text(lang: str, directory: Path | None = None) -> str:
    """'Số liệu đến năm 2025 · thay đổi lần cuối ngày 24/11/2026' in the reader's language."""
    latest_year, changed = data_currency(directory)
    return t("data.currency", lang, year=latest_year or "–", date=format_date(changed, lang))
