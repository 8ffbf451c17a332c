"""`make data`'s one way in for the demo data (`ttx_data.reporting.demo`): the generator's
illustrative values enter as the agencies' example reports, submitted, accepted and published
with the reporting code; they stay the generator's values and illustrative, sourced facts are
untouched; the example workbooks' task reports are published illustrative and give a realistic
mix of where the plan's tasks stand; and every run writes the same files, those committed in
data/."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from reporting_fakes import FARMING, TRADE

from ttx_data import datasets, generate, sources
from ttx_data.paths import BUNDLED_DATA_DIR
from ttx_data.plan import local_date
from ttx_data.reporting import demo, publish, submissions, task_sheet, workbook
from ttx_data.reporting.layout import expected_layout
from ttx_data.store import database
from ttx_data.tasks import status

SCIENCE = "so_khoa_hoc_cong_nghe_bac_ninh"
KEY = ["indicator_id", "area_level", "area_code", "year"]
UNTOUCHED = [datasets.FOREST, datasets.SITES, datasets.SITE_STATUS, datasets.MILESTONES]
"""Datasets no report carries: never rewritten."""


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """The generator's files alone, as `make data` starts from."""
    out = tmp_path_factory.mktemp("generated") / "data"
    generate.write_dataset(out)
    return out


def _copy(generated: Path, folder: Path) -> Path:
    return Path(shutil.copytree(generated, folder / "data"))


def _observations(directory: Path) -> pd.DataFrame:
    return pd.read_parquet(directory / datasets.OBSERVATIONS.file).set_index(KEY).sort_index()


@pytest.fixture(scope="module")
def farming_2020(generated, tmp_path_factory):
    """The agriculture department's example report of 2020 (five official forest-cover figures
    among its rows) published into a copy of the generated data; the store kept to look at."""
    folder = tmp_path_factory.mktemp("farming")
    out = _copy(generated, folder)
    url = f"sqlite:///{folder / 'demo.sqlite3'}"
    made = demo.publish_examples(out, agency_ids=[FARMING], periods=["2020"], store_url=url)
    return out, database.engine(url), made


def _layout_keys(agency_id: str, period: str) -> list[tuple]:
    layout = expected_layout(agency_id, period, demo.data_date())
    return [(*row.key, int(period)) for row in layout.rows]


def test_the_report_is_submitted_by_the_agency_and_accepted(farming_2020):
    out, engine, made = farming_2020
    assert [(s.agency_id, s.period, s.state, s.example) for s in made] == [
        (FARMING, "2020", "accepted", True)
    ]
    stored = submissions.list_submissions(engine)
    assert stored == made
    (only,) = stored
    assert only.submitted_by == f"demo.{FARMING}" and only.reviewer == "demo.tham.dinh"
    assert only.submitted_at < only.decided_at
    assert local_date(only.decided_at) == demo.data_date()
    written = out / demo.REPORTS_DIR / "2020" / f"{FARMING}.xlsx"
    assert submissions.original_file(engine, only.id) == written.read_bytes()


def test_published_values_are_the_generators_and_stay_illustrative(generated, farming_2020):
    out, _, (made,) = farming_2020
    before, after = _observations(generated), _observations(out)
    title = publish.source_title(FARMING, made.id, "2020", made.decided_at, example=True)
    assert title.startswith("Ví dụ minh họa trong báo cáo mẫu của Sở Nông nghiệp và Môi trường")
    keys = [
        k for k in _layout_keys(FARMING, "2020") if before.loc[k, "provenance"] == "illustrative"
    ]
    assert len(keys) > 100
    for key in keys:
        old, new = before.loc[key], after.loc[key]
        assert new["value"] == old["value"], key
        assert new["provenance"] == "illustrative", key
        assert new["source_title"] == title, key
        assert pd.isna(new["source_url"]), key
        note = old["note"] if isinstance(old["note"], str) else None  # the generator's, or none
        assert new["note"] == " — ".join([workbook.EXAMPLE_SOURCE, *filter(None, [note])]), key


def test_sourced_values_are_left_empty_with_a_note_and_stay_as_they_were(generated, farming_2020):
    out, engine, (made,) = farming_2020
    before, after = _observations(generated), _observations(out)
    sourced = [
        k for k in _layout_keys(FARMING, "2020") if before.loc[k, "provenance"] != "illustrative"
    ]
    assert len(sourced) == 5  # forest cover 2020: the province and four districts, official
    pd.testing.assert_frame_equal(after.loc[sourced], before.loc[sourced])
    stored = submissions.values(engine, made.id).set_index(["indicator_id", "area_code"])
    for indicator_id, _, code, _ in sourced:
        row = stored.loc[(indicator_id, code)]
        assert pd.isna(row["value"])
        assert row["note"] == demo.SOURCED_NOTE.format(provenance="official")


def test_rows_and_files_no_report_carries_are_untouched(generated, farming_2020):
    out, _, _ = farming_2020
    before, after = _observations(generated), _observations(out)
    carried = set(_layout_keys(FARMING, "2020"))
    others = [k for k in before.index if k not in carried]
    assert len(others) == len(before) - len(carried) > 700
    pd.testing.assert_frame_equal(after.loc[others], before.loc[others])
    assert len(after) == len(before)
    for dataset in UNTOUCHED:
        assert (out / dataset.file).read_bytes() == (generated / dataset.file).read_bytes()
    communes = datasets.COMMUNE_OBSERVATIONS.file
    pd.testing.assert_frame_equal(
        pd.read_parquet(out / communes), pd.read_parquet(generated / communes)
    )


def test_warnings_are_commented_as_examples_and_other_rows_are_not(generated):
    on = demo.data_date()
    source = sources.published(generated)
    facts = demo.bundled_facts(source)
    _, intake = demo.example_workbook(TRADE, "2021", facts, source, on, demo.Clock(on).tick())
    assert intake.ok and not intake.needs_comments and intake.example
    warned = {(p.sheet, p.row) for p in intake.warnings}
    assert warned  # industrial parks' wastewater: some district shares jump from 2020
    for where, comment in intake.comments.items():
        assert comment == (demo.EXAMPLE_COMMENT if where in warned else ""), where


def test_a_period_whose_values_are_all_sourced_sends_its_tasks_alone(generated, tmp_path):
    # science and technology reports the digital economy share only: 2022's is reported
    on = demo.data_date()
    source = sources.published(generated)
    facts = demo.bundled_facts(source)
    _, intake = demo.example_workbook(SCIENCE, "2022", facts, source, on, demo.Clock(on).tick())
    assert intake.rows["value"].isna().all() and intake.tasks["status"].notna().any()
    out = _copy(generated, tmp_path)
    (made,) = demo.publish_examples(out, agency_ids=[SCIENCE], periods=["2022"])
    assert made.agency_id == SCIENCE and (out / demo.REPORTS_DIR / "2022").exists()
    observations = datasets.OBSERVATIONS.file
    pd.testing.assert_frame_equal(
        pd.read_parquet(out / observations), pd.read_parquet(generated / observations)
    )
    reports = pd.read_parquet(out / datasets.TASK_REPORTS.file)
    assert set(reports["agency_id"]) == {SCIENCE} and set(reports["year"]) == {2022}


def test_with_nothing_to_report_there_is_no_workbook(generated, tmp_path, monkeypatch):
    monkeypatch.setattr(task_sheet, "task_rows", lambda *args: ())  # as before the tasks
    on = demo.data_date()
    source = sources.published(generated)
    facts = demo.bundled_facts(source)
    assert demo.example_workbook(SCIENCE, "2022", facts, source, on, demo.Clock(on).tick()) is None
    out = _copy(generated, tmp_path)
    assert demo.publish_examples(out, agency_ids=[SCIENCE, "bao_bac_giang"], periods=["2022"]) == []
    assert not (out / demo.REPORTS_DIR).exists()


def test_the_bundled_task_reports_are_illustrative_and_a_realistic_mix():
    reports = pd.read_parquet(BUNDLED_DATA_DIR / datasets.TASK_REPORTS.file)
    assert set(reports["year"]) == {2022, 2023, 2024, 2025}  # the plan's year to the last due
    assert set(reports["provenance"]) == {"illustrative"}
    assert reports["source_title"].str.startswith("Ví dụ minh họa trong báo cáo mẫu của").all()
    texts = reports[["progress", "evidence", "obstacles", "proposals"]].stack().dropna()
    assert texts.str.endswith("(minh họa)").all()
    lead = reports[reports["role"] == "lead"]
    assert lead.groupby("year").size().tolist() == [49] * 4  # every task led, every period
    found = status.task_statuses(reports, on=dt.date(2026, 11, 29))
    counts = status.status_counts(found)
    assert counts == {
        "overdue": 12,
        "in_progress": 15,
        "not_reported": 17,  # led by "các sở, ban, ngành" or the local level: no one asked
        "completed_late": 7,
        "completed_on_time": 14,
    }
    overdue = found[found["status"] == "overdue"]
    assert overdue["obstacles"].notna().all() and overdue["proposals"].notna().all()
    done = found[found["status"].str.startswith("completed")]
    assert done["evidence"].str.contains("ngày").all()


def test_the_periods_reported_are_those_due_by_the_datas_date():
    years = [2020, 2021, 2022, 2023, 2024, 2025, 2026, 2026]
    assert demo.report_periods(years, dt.date(2026, 11, 24)) == [
        "2020", "2021", "2022", "2023", "2024", "2025"
    ]  # fmt: skip
    assert demo.report_periods(years, dt.date(2027, 1, 14))[-1] == "2025"
    assert demo.report_periods(years, dt.date(2027, 1, 15))[-1] == "2026"  # the deadline passed


def _entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as found:
        return {item.filename: found.read(item) for item in found.infolist()}


def test_a_workbook_gets_fixed_zip_times_and_document_dates():
    data = workbook.build_template(SCIENCE, "2021", example=True, on=demo.data_date())
    first, second = demo.Clock(demo.data_date()).tick(), dt.datetime(2030, 5, 6, tzinfo=dt.UTC)
    fixed = demo.fixed_times(data, first)
    assert demo.fixed_times(demo.fixed_times(data, second), first) == fixed
    assert demo.fixed_times(data, second) != fixed
    with zipfile.ZipFile(io.BytesIO(fixed)) as found:
        assert {item.date_time for item in found.infolist()} == {(2026, 11, 24, 9, 0, 0)}
    core = _entries(fixed)["docProps/core.xml"].decode()
    assert core.count("2026-11-24T02:00:00Z") == 2  # created and modified, in UTC
    unchanged = {k: v for k, v in _entries(data).items() if k != "docProps/core.xml"}
    assert unchanged == {k: v for k, v in _entries(fixed).items() if k != "docProps/core.xml"}


def test_running_twice_writes_the_same_files(generated, tmp_path):
    outs = [_copy(generated, tmp_path / name) for name in ("a", "b")]
    for out in outs:
        demo.publish_examples(out, agency_ids=[TRADE, SCIENCE], periods=["2021", "2022"])
    first, second = ({p.relative_to(o): p.read_bytes() for p in o.rglob("*.*")} for o in outs)
    assert len([name for name in first if name.suffix == ".xlsx"]) == 4
    assert first == second


def test_make_data_reproduces_the_committed_data(tmp_path):
    """`python -m ttx_data demo-data --out DIR` (`make data`, some 60 s) writes the committed
    data: the same Parquet tables, metadata and example workbooks (compared by content, not by
    the compressor's bytes)."""
    made = demo.write_demo_data(tmp_path)
    assert len(made) == 66 and {s.state for s in made} == {"accepted"}
    for dataset in datasets.ALL:
        pd.testing.assert_frame_equal(
            pd.read_parquet(tmp_path / dataset.file),
            pd.read_parquet(BUNDLED_DATA_DIR / dataset.file),
        )
    meta = datasets.METADATA_FILE
    assert json.loads((tmp_path / meta).read_text()) == json.loads(
        (BUNDLED_DATA_DIR / meta).read_text()
    )
    folder = demo.REPORTS_DIR
    written = sorted(p.relative_to(tmp_path) for p in (tmp_path / folder).rglob("*.xlsx"))
    committed = sorted(
        p.relative_to(BUNDLED_DATA_DIR) for p in (BUNDLED_DATA_DIR / folder).rglob("*.xlsx")
    )
    assert written == committed
    for name in written:
        assert _entries((tmp_path / name).read_bytes()) == _entries(
            (BUNDLED_DATA_DIR / name).read_bytes()
        ), name
