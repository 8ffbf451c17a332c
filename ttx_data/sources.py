"""Where the numbers read come from: the published data, a frozen snapshot or a submission's
preview, each one `DataSource` that every page, download, brief and command reads through.

A source names its data directory (Parquet files, catalog, metadata), says who it is
(`identity`: "published", "snapshot:<id>", "preview:<submission id>") and what readers call it
(`label`), and carries a `version` that changes whenever one of its files does: a cache keyed by
the source never serves results of files since rewritten. It is frozen and hashable.

>>> source = published()  # doctest: +SKIP
>>> source.query("latest_province_values", last_year=2025)  # doctest: +SKIP

The functions taking a `directory` (query, catalog, scorecard, ...) stay as they are; this is
the seam where a larger engine could later answer the same questions.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ttx_data import catalog, datasets, snapshots
from ttx_data import query as queries
from ttx_data.i18n import t
from ttx_data.paths import data_dir

PUBLISHED, SNAPSHOT, PREVIEW = "published", "snapshot", "preview"
KINDS = (PUBLISHED, SNAPSHOT, PREVIEW)


@dataclass(frozen=True)
class DataSource:
    """One set of data files to read: its kind, directory, identity, label and version."""

    kind: str
    directory: Path
    identity: str
    label: str
    version: str

    @property
    def snapshot_name(self) -> str | None:
        """The name slides and workbooks mark their numbers with: a snapshot's, else None."""
        return self.label if self.kind == SNAPSHOT else None

    def catalog(self) -> pd.DataFrame:
        """The catalog in force for these data (a snapshot keeps the one it was judged by)."""
        return catalog.load_catalog(directory=self.directory)

    def indicators(self) -> list[catalog.Indicator]:
        """Every chỉ tiêu of this source's catalog, in file order."""
        return catalog.indicators(directory=self.directory)

    def indicator(self, indicator_id: str) -> catalog.Indicator:
        """One chỉ tiêu of this source's catalog (KeyError, vi/en, for an unknown id)."""
        return catalog.indicator(indicator_id, self.directory)

    def metadata(self) -> dict:
        """The data's metadata: `as_of` date, generator, seed (DataError when unreadable)."""
        return queries.dataset_metadata(self.directory)

    def query(self, name: str, /, **params: object) -> pd.DataFrame:
        """The named query `queries/<name>.sql` over these data, parameters bound by DuckDB."""
        return queries.run_query(name, self.directory, **params)

    def dataset(self, dataset: datasets.Dataset | str) -> pd.DataFrame:
        """One whole dataset (a `datasets.Dataset` or its name) as its view shows it."""
        if isinstance(dataset, str):
            by_name = {d.name: d for d in datasets.ALL}
            if dataset not in by_name:
                raise KeyError(f"no dataset {dataset!r}; known: {', '.join(by_name)}")
            dataset = by_name[dataset]
        return queries.read_dataset(dataset, self.directory)

    def currency_text(self, lang: str) -> str:
        """'Số liệu đến năm 2025 · thay đổi lần cuối ngày …' for these data."""
        return queries.currency_text(lang, self.directory)


def _both(key: str, **values: object) -> str:
    return f"{t(key, 'vi', **values)} / {t(key, 'en', **values)}"


def resolve(snapshot_id: str | None) -> DataSource:
    """The data a reader or a command names: the snapshot `snapshot_id` (checked), for None the
    published data."""
    return snapshot(snapshot_id) if snapshot_id else published()


def published(directory: Path | None = None) -> DataSource:
    """The data in use (`TTX_DATA_DIR`, else the bundled `data/`), or those published into
    `directory` (the demo data as `make data` builds them), as its files are now."""
    directory = Path(directory).resolve() if directory else data_dir()
    return DataSource(
        kind=PUBLISHED,
        directory=directory,
        identity=PUBLISHED,
        label=_both("snapshot.current"),
        version=queries.directory_version(directory),
    )


def snapshot(snapshot_id: str, root: Path | None = None) -> DataSource:
    """A snapshot's frozen data, its files checked against its manifest (SnapshotError, vi/en,
    for an unknown, broken or altered one); its version is the manifest's file hashes."""
    taken = snapshots.open_snapshot(snapshot_id, root)
    hashes = json.dumps(taken.files, sort_keys=True).encode()
    return DataSource(
        kind=SNAPSHOT,
        directory=taken.directory,
        identity=f"{SNAPSHOT}:{taken.snapshot_id}",
        label=taken.name,
        version=hashlib.sha256(hashes).hexdigest()[:16],
    )


def preview(directory: Path, submission_id: str) -> DataSource:
    """A submission's data before they are published, in their own directory: every dataset
    file present with its columns and types, readable metadata and a valid catalog (DataError or
    CatalogError, vi/en, otherwise)."""
    if not submission_id or not snapshots.ID_PATTERN.match(submission_id):
        raise ValueError(f"submission id {submission_id!r} is not a lower-case ASCII slug")
    directory = Path(directory).resolve()
    for dataset in datasets.ALL:
        queries.check_dataset_file(dataset, directory)
    queries.dataset_metadata(directory)
    catalog.load_catalog(directory=directory)
    return DataSource(
        kind=PREVIEW,
        directory=directory,
        identity=f"{PREVIEW}:{submission_id}",
        label=_both("source.preview", id=submission_id),
        version=queries.directory_version(directory),
    )
