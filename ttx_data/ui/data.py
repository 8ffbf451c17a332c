"""Cached data access for pages: results are cached per query, parameters and data directory."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from ttx_data import district_profile, panels, query, scorecard
from ttx_data.filters import Filters
from ttx_data.paths import data_dir


@st.cache_data(show_spinner=False)
def _run(name: str, directory: str, params: tuple[tuple[str, object], ...]) -> pd.DataFrame:
    return query.run_query(
        name, Path(directory), **{k: list(v) if isinstance(v, tuple) else v for k, v in params}
    )


def run_query(name: str, **params: object) -> pd.DataFrame:
    """`ttx_data.query.run_query`, cached; the returned frame is a copy pages may change."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _run(name, str(data_dir()), frozen).copy()


@st.cache_data(show_spinner=False)
def _scorecard(directory: str, first_year: int, last_year: int) -> pd.DataFrame:
    return scorecard.load_scorecard(first_year, last_year, Path(directory))


def load_scorecard(first_year: int = 2020, last_year: int = 2030) -> pd.DataFrame:
    """The scorecard for a year range, cached."""
    return _scorecard(str(data_dir()), first_year, last_year).copy()


@st.cache_data(show_spinner=False)
def _metadata(directory: str) -> dict:
    return query.dataset_metadata(Path(directory))


def dataset_metadata() -> dict:
    """The data directory's metadata (as-of date), cached."""
    return dict(_metadata(str(data_dir())))


@st.cache_data(show_spinner=False)
def _district_profile(directory: str, district_code: str, first: int, last: int) -> pd.DataFrame:
    return district_profile.load_profile(district_code, first, last, Path(directory))


def load_district_profile(district_code: str, first_year: int, last_year: int) -> pd.DataFrame:
    """One district's profile over a year range, cached."""
    return _district_profile(str(data_dir()), district_code, first_year, last_year).copy()


_PANELS = {
    "series": panels.series_panel,
    "ranking": panels.ranking_panel,
    "milestone": lambda indicator_id, filters, directory: panels.milestone_panel(
        indicator_id, filters.lang, directory
    ),
}


@st.cache_data(show_spinner=False, max_entries=2000)
def _panel(kind: str, indicator_id: str, filters: Filters, directory: str) -> panels.Panel:
    return _PANELS[kind](indicator_id, filters, Path(directory))


def load_panel(kind: str, indicator_id: str, filters: Filters) -> panels.Panel:
    """An indicator panel's contents (series, ranking or milestone), cached per filters."""
    return _panel(kind, indicator_id, filters, str(data_dir()))
