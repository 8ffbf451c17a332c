"""Cached data access for pages: results are cached per query, parameters and data directory."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from ttx_data import (
    brief,
    catalog,
    district_profile,
    export,
    map_images,
    meeting,
    panels,
    query,
    scorecard,
    snapshots,
)
from ttx_data.filters import Filters
from ttx_data.paths import data_dir as current_data_dir
from ttx_data.plan import BASELINE_YEAR, TARGET_YEAR
from ttx_data.ui.errors import show_error
from ttx_data.ui.state import SNAPSHOT_KEY


def source(snapshot_id: str | None) -> tuple[Path, str | None]:
    """The data directory of a snapshot (its files checked against its manifest on every call:
    a file changed since the last view is refused before its numbers are shown) and its name;
    for None the current data. Needs no session: download callables run outside the script."""
    if snapshot_id:
        snapshot = snapshots.open_snapshot(snapshot_id)
        return snapshot.directory, snapshot.name
    return current_data_dir(), None


def data_dir() -> Path:
    """The data directory the reader is looking at: a chosen snapshot's, else the current data."""
    try:
        return source(st.session_state.get(SNAPSHOT_KEY))[0]
    except snapshots.SnapshotError as error:
        show_error(str(error))
        st.stop()


def indicators(directory: Path | None = None) -> list[catalog.Indicator]:
    """The catalog of the data being viewed (`directory`, else `data_dir()`): a snapshot's own
    targets and names, else the current ones (read again when its file changes)."""
    return catalog.indicators(directory=directory or data_dir())


def indicator(indicator_id: str, directory: Path | None = None) -> catalog.Indicator:
    """One chỉ tiêu from the catalog of the data being viewed (see `indicators`)."""
    return catalog.indicator(indicator_id, directory or data_dir())


def data_version(directory: Path) -> tuple:
    """When the data files (datasets, metadata, catalog) last changed: part of every cache key,
    so new data show at once. Empty for a missing folder: the query then says what is wrong."""
    try:
        files = sorted(p for p in directory.iterdir() if p.suffix in (".parquet", ".json", ".csv"))
        return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    except OSError:
        return ()


def _key(directory: Path | None = None) -> tuple[str, tuple[int, ...]]:
    directory = directory or data_dir()
    return str(directory), data_version(directory)


@st.cache_data(show_spinner=False)
def _run(
    name: str, directory: str, version: tuple, params: tuple[tuple[str, object], ...]
) -> pd.DataFrame:
    return query.run_query(
        name, Path(directory), **{k: list(v) if isinstance(v, tuple) else v for k, v in params}
    )


def run_query(name: str, **params: object) -> pd.DataFrame:
    """`ttx_data.query.run_query`, cached; the returned frame is a copy pages may change."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _run(name, *_key(), frozen).copy()


@st.cache_data(show_spinner=False)
def _scorecard(directory: str, version: tuple, first_year: int, last_year: int) -> pd.DataFrame:
    return scorecard.load_scorecard(first_year, last_year, Path(directory))


def load_scorecard(first_year: int = BASELINE_YEAR, last_year: int = TARGET_YEAR) -> pd.DataFrame:
    """The scorecard for a year range, cached."""
    return _scorecard(*_key(), first_year, last_year).copy()


@st.cache_data(show_spinner=False)
def _metadata(directory: str, version: tuple) -> dict:
    return query.dataset_metadata(Path(directory))


@st.cache_data(show_spinner=False, max_entries=64)
def _currency_text(lang: str, directory: str, version: tuple) -> str:
    return query.currency_text(lang, Path(directory))


def currency_text(lang: str) -> str:
    """'Số liệu đến năm 2025 · dữ liệu thay đổi lần cuối ngày …' for the data being viewed."""
    return _currency_text(lang, *_key())


def dataset_metadata() -> dict:
    """The data directory's metadata (as-of date), cached."""
    return dict(_metadata(*_key()))


@st.cache_data(show_spinner=False)
def _district_profile(
    directory: str, version: tuple, district_code: str, first: int, last: int
) -> pd.DataFrame:
    return district_profile.load_profile(district_code, first, last, Path(directory))


def load_district_profile(district_code: str, first_year: int, last_year: int) -> pd.DataFrame:
    """One district's profile over a year range, cached."""
    return _district_profile(*_key(), district_code, first_year, last_year).copy()


_PANELS = {
    "series": panels.series_panel,
    "ranking": panels.ranking_panel,
    "milestone": lambda indicator_id, filters, directory: panels.milestone_panel(
        indicator_id, filters.lang, directory
    ),
}


@st.cache_data(show_spinner=False, max_entries=2000)
def _panel(
    kind: str, indicator_id: str, filters: Filters, directory: str, version: tuple
) -> panels.Panel:
    return _PANELS[kind](indicator_id, filters, Path(directory))


def load_panel(kind: str, indicator_id: str, filters: Filters) -> panels.Panel:
    """An indicator panel's contents (series, ranking or milestone), cached per filters."""
    return _panel(kind, indicator_id, filters, *_key())


@st.cache_data(show_spinner=False, max_entries=64)
def _meeting(
    filters: Filters, directory: str, version: tuple, snapshot_name: str | None
) -> meeting.Meeting:
    return meeting.build_meeting(filters, Path(directory), snapshot_name)


def snapshot_name(filters: Filters) -> str | None:
    """The name of the snapshot the reader is viewing, if any."""
    if not filters.snapshot:
        return None
    return snapshots.open_snapshot(filters.snapshot, verify=False).name


def load_meeting(filters: Filters) -> meeting.Meeting:
    """The meeting sequence for the filters and the data they name (`filters.snapshot`), cached;
    reads no session state, so a download callable gets the snapshot it was drawn with."""
    directory, name = source(filters.snapshot)
    return _meeting(filters, *_key(directory), name)


@st.cache_data(show_spinner=False, max_entries=64)
def _map_picture(
    kind: str, year: int, lang: str, selected: tuple, directory: str, version: tuple
) -> bytes:
    draw = map_images.sites_map_png if kind == "sites_map" else map_images.forest_map_png
    return draw(year, lang, selected, Path(directory))


def map_picture(kind: str, year: int, filters: Filters) -> bytes:
    """A map slide's picture (the same drawing the brief uses), cached."""
    return _map_picture(kind, year, filters.lang, filters.districts, *_key())


def brief_pptx(filters: Filters) -> bytes:
    """The meeting brief for the filters and the data they name (made when a reader asks)."""
    plan = load_meeting(filters)
    return brief.build_brief(plan, source(filters.snapshot)[0])


def brief_pdf(filters: Filters) -> bytes:
    """The brief as PDF through LibreOffice; BriefError when it is not installed."""
    with tempfile.TemporaryDirectory(prefix="ttx-brief-") as work:
        pptx = Path(work) / "brief.pptx"
        pptx.write_bytes(brief_pptx(filters))
        return brief.pptx_to_pdf(pptx, Path(work) / "brief.pdf").read_bytes()


def dataset_workbook(filters: Filters | None, lang: str, snapshot_id: str | None) -> bytes:
    """The whole dataset (filters None) or the filtered part as one .xlsx, from the snapshot
    `snapshot_id` (checked) or the current data; bound when the page runs, read no session."""
    directory, label = source(snapshot_id)
    return export.dataset_workbook(filters, lang, directory, label)


@st.cache_data(show_spinner=False, max_entries=16)
def _what_changed(old: str, new: str, version: tuple) -> snapshots.WhatChanged:
    return snapshots.what_changed(Path(old), Path(new))


def what_changed(snapshot_id: str) -> snapshots.WhatChanged:
    """What changed from a snapshot to the current data (cached until a data file changes)."""
    old = snapshots.open_snapshot(snapshot_id).directory
    new = current_data_dir()
    return _what_changed(str(old), str(new), data_version(new))
