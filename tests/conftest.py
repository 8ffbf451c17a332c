"""Shared fixtures: a tiny data directory built from code, every value written out."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from store_fixtures import postgresql_cluster, store, store_url  # noqa: F401  (fixtures)

from ttx_data import datasets, query
from ttx_data.store import database


@pytest.fixture(scope="session", autouse=True)
def test_database(tmp_path_factory):
    """Every test (and every app server a browser test starts) writes to a throwaway SQLite
    store, never the project's var/: a test that needs its own database sets its own URL."""
    import os

    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'ttx.sqlite3'}"
    saved = {k: os.environ.get(k) for k in ("TTX_DATABASE_URL", "TTX_SECRET_KEY")}
    os.environ["TTX_DATABASE_URL"] = url
    os.environ["TTX_SECRET_KEY"] = "test secret key, not for production"
    yield url
    database.dispose_engines()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


SOURCE = {"source_title": "Nguồn thử nghiệm / test source", "source_url": "https://example.org/a"}


OBSERVATIONS = [
    # indicator, area code, level, year, value (values chosen so ranks can be checked by hand)
    ("t05a_forest_cover", "24", "province", 2020, 38.0),
    ("t05a_forest_cover", "219", "district", 2020, 49.7),
    ("t05a_forest_cover", "220", "district", 2020, 44.5),
    ("t01_electricity_intensity", "24", "province", 2020, 33.7),
    ("t05a_forest_cover", "24", "province", 2021, 37.9),
    ("t05a_forest_cover", "219", "district", 2021, 42.2),
    ("t05a_forest_cover", "220", "district", 2021, 56.1),
    ("t05a_forest_cover", "221", "district", 2021, 42.2),  # tied with 219
    ("t01_electricity_intensity", "24", "province", 2021, 33.4),
    # lower is better: 220 (25.0) ranks first, 221 (35.0) last
    ("t01_electricity_intensity", "219", "district", 2021, 30.0),
    ("t01_electricity_intensity", "220", "district", 2021, 25.0),
    ("t01_electricity_intensity", "221", "district", 2021, 35.0),
    ("t05a_forest_cover", "24", "province", 2022, 37.8),
    ("t05a_forest_cover", "219", "district", 2022, 41.7),
    ("t05a_forest_cover", "220", "district", 2022, 55.2),
    ("t01_electricity_intensity", "24", "province", 2022, 33.0),
]
"""Forest cover (higher is better) and electricity intensity (lower is better), with district
values for the rankings; the first row is official and sourced, the others illustrative."""


def _observations() -> pd.DataFrame:
    frame = pd.DataFrame(
        OBSERVATIONS, columns=["indicator_id", "area_code", "area_level", "year", "value"]
    )
    frame["provenance"] = ["official" if i == 0 else "illustrative" for i in range(len(frame))]
    frame["source_title"] = [SOURCE["source_title"] if i == 0 else None for i in range(len(frame))]
    frame["source_url"] = [SOURCE["source_url"] if i == 0 else None for i in range(len(frame))]
    frame["note"] = None
    return frame


def _sites() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "site_id": ["KCN-A", "CCN-219-01"],
            "name": ["KCN A", "CCN minh họa Lục Ngạn 01"],
            "kind": ["KCN", "CCN"],
            "district_code": ["222", "219"],
            "area_ha": [100.0, 20.0],
            "lon": [106.1, 106.5],
            "lat": [21.25, 21.4],
            "district_basis": ["stated by source", "illustrative"],
            "provenance": ["official", "illustrative"],
            "source_title": [SOURCE["source_title"], None],
            "source_url": [SOURCE["source_url"], None],
            "note": [None, None],
        }
    )


def _site_status() -> pd.DataFrame:
    rows = []
    for site_id in ("KCN-A", "CCN-219-01"):
        for year in (2020, 2021):
            operating = site_id == "KCN-A" or year == 2021
            status = (
                "operating"
                if site_id == "KCN-A"
                else ("none" if operating else "site_not_operating")
            )
            rows.append(
                (site_id, year, operating, status, 1000.0 if status == "operating" else None)
            )
    frame = pd.DataFrame(
        rows, columns=["site_id", "year", "operating", "wwtp_status", "wwtp_capacity_m3_day"]
    )
    frame["occupancy_pct"] = 80.0
    frame["provenance"] = "illustrative"
    frame["source_title"] = None
    frame["source_url"] = None
    frame["note"] = None
    return frame


def _forest() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "district_code": ["219", "220", "219", "220"],
            "year": [2020, 2020, 2021, 2021],
            "natural_area_ha": [103000.0, 86000.0, 103000.0, 86000.0],
            "forest_area_ha": [44600.0, 61750.0, 44500.0, 61800.0],
            "cover_pct": [43.3, 71.8, 43.2, 71.9],
            "cover_provenance": ["official", "official", "illustrative", "illustrative"],
            "certified_area_ha": [500.0, 900.0, 600.0, 1000.0],
            "certified_provenance": ["illustrative"] * 4,
            "source_title": [SOURCE["source_title"]] * 2 + [None] * 2,
            "source_url": [SOURCE["source_url"]] * 2 + [None] * 2,
        }
    )


def _commune_observations() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ["t05b_certified_forest_area"] * 2,
            "unit_code": ["07210", "07228"],
            "year": [2026, 2026],
            "value": [120.0, 0.0],
            "provenance": ["illustrative"] * 2,
            "source_title": [None, None],
            "source_url": [None, None],
            "note": [None, None],
        }
    )


def _milestones() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ["t14_air_quality_plan", "t14_air_quality_plan"],
            "step_no": [1, 2],
            "step_vi": ["Ban hành kế hoạch", "Triển khai"],
            "step_en": ["Plan issued", "Implementation"],
            "status": ["done", "in_progress"],
            "status_date": pd.to_datetime(["2023-11-06", None]).date,
            "evidence_vi": ["QĐ 1205/QĐ-UBND", None],
            "evidence_en": ["Decision 1205/QĐ-UBND", None],
            "provenance": ["official", "illustrative"],
            "source_title": [SOURCE["source_title"], None],
            "source_url": [SOURCE["source_url"], None],
            "note": [None, None],
        }
    )


def _task_reports() -> pd.DataFrame:
    """Two reports on one task: its lead's (completed, late) and a cooperating agency's."""
    return pd.DataFrame(
        {
            "task_id": ["8.9.a", "8.9.a"],
            "agency_id": ["so_tai_chinh_bac_ninh", "so_xay_dung_bac_ninh"],
            "role": ["lead", "cooperating"],
            "year": [2025, 2025],
            "status": ["completed", "in_progress"],
            "completed_on": pd.to_datetime(["2025-09-30", None]).date,
            "deadline": pd.to_datetime(["2025-06-30", None]).date,
            "progress": ["Đã ban hành", "Đang phối hợp"],
            "evidence": ["QĐ 99/QĐ-UBND ngày 30/9/2025", None],
            "obstacles": [None, None],
            "proposals": [None, None],
            "provenance": ["illustrative", "illustrative"],
            "source_title": ["Ví dụ minh họa", "Ví dụ minh họa"],
            "source_url": [None, None],
            "note": [None, None],
        }
    )


@pytest.fixture
def tiny_data_dir(tmp_path):
    """A data directory with a handful of rows in every dataset, following datasets.py."""
    frames = {
        "observations": _observations(),
        "commune_observations": _commune_observations(),
        "sites": _sites(),
        "site_status": _site_status(),
        "forest": _forest(),
        "milestones": _milestones(),
        "task_reports": _task_reports(),
    }
    for dataset in datasets.ALL:
        frames[dataset.name][dataset.column_names].to_parquet(tmp_path / dataset.file, index=False)
    (tmp_path / datasets.METADATA_FILE).write_text(
        json.dumps({"as_of": "2026-01-31", "generator": "tests", "seed": 7}), encoding="utf-8"
    )
    yield tmp_path
    query.reset_connections()


REVIEWER_PASSWORD = "mat-khau-tham-dinh-2026"


@pytest.fixture
def reviewer_sign_in(tmp_path, monkeypatch):
    """A fresh store holding one reviewer (the secretariat); returns a function that signs an
    AppTest in as that reviewer through the sign-in page."""
    from ttx_data import accounts
    from ttx_data.accounts import Actor
    from ttx_data.ui import auth

    monkeypatch.setenv("TTX_DATABASE_URL", f"sqlite:///{tmp_path / 'reviewer.sqlite3'}")
    engine = database.ensure_schema()
    accounts.add_account(engine, "thamdinh", role="reviewer", agency_code="so_tai_chinh_bac_ninh",
                         password=REVIEWER_PASSWORD, actor=Actor.operator())  # fmt: skip

    def sign_in(app):
        app.switch_page("pages/sign_in.py").run()
        app.text_input(key=auth.USERNAME_FIELD).input("thamdinh")
        app.text_input(key=auth.PASSWORD_FIELD).input(REVIEWER_PASSWORD)
        return app.get("button")[0].click().run()

    yield sign_in
    database.dispose_engines()
