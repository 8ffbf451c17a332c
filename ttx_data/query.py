"""One DuckDB connection with views over the data directory, and one way to run a named query.

Each question the app asks is a file `queries/<name>.sql` with `$named` parameters; values are
always bound by DuckDB, never formatted into the SQL. `run_query("province_observations",
first_year=2020, last_year=2025)` returns a DataFrame.
"""

from __future__ import annotations

import json
import re
import threading
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from ttx_data import catalog, datasets, geography
from ttx_data.paths import QUERIES_DIR, data_dir

_lock = threading.Lock()
_connections: dict[Path, duckdb.DuckDBPyConnection] = {}

PARAMETER_PATTERN = re.compile(r"\$([a-z_][a-z0-9_]*)")


class DataMissingError(FileNotFoundError):
    """The data directory lacks a dataset file the app needs."""


def _sql_literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _create_views(con: duckdb.DuckDBPyConnection, directory: Path) -> None:
    for dataset in datasets.ALL:
        path = directory / dataset.file
        if not path.exists():
            raise DataMissingError(
                f"Thiếu tệp dữ liệu {path}; chạy `make data` để tạo lại dữ liệu đi kèm. / "
                f"Data file {path} is missing; run `make data` to regenerate the bundled data."
            )
        con.execute(
            f"create or replace view {dataset.name} as "
            f"select * from read_parquet({_sql_literal(path)})"
        )
    indicators = catalog.load_catalog()  # noqa: F841 - read by DuckDB's replacement scan below
    con.execute("create or replace table indicators as select * from indicators")
    districts = geography.load_districts()  # noqa: F841
    con.execute("create or replace table districts as select * from districts")


def connection(directory: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The process-wide connection for a data directory, created once with its views."""
    directory = (directory or data_dir()).resolve()
    with _lock:
        con = _connections.get(directory)
        if con is None:
            con = duckdb.connect(":memory:")
            _create_views(con, directory)
            _connections[directory] = con
        return con


def reset_connections() -> None:
    """Forget every connection (tests, or after the data directory was rewritten)."""
    with _lock:
        for con in _connections.values():
            con.close()
        _connections.clear()
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
    try:
        return cursor.execute(read_sql(name), params).df()
    finally:
        cursor.close()


def read_dataset(dataset: datasets.Dataset, directory: Path | None = None) -> pd.DataFrame:
    """One whole dataset of a data directory, as stored (exports and snapshot comparisons)."""
    return pd.read_parquet((directory or data_dir()) / dataset.file)


def dataset_metadata(directory: Path | None = None) -> dict:
    """The data directory's metadata (`as_of` date, generator, seed)."""
    path = (directory or data_dir()) / datasets.METADATA_FILE
    return json.loads(path.read_text(encoding="utf-8"))
