"""The benchmark tools' pure helpers: quantiles, the protocol messages a session sends, the
synthetic data's growth, and the sections they write into docs/benchmarks.md."""

from __future__ import annotations

import json
import sys

import pyarrow as pa
import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from ttx_data.paths import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "bench"))

from common import percentile, write_section  # noqa: E402
from protocol import (  # noqa: E402
    rerun_message,
    selection_json,
    string_array_state,
    string_state,
)


def test_percentile_interpolates_between_sorted_values():
    assert percentile([3, 1, 2], 0.5) == 2
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile([10, 20], 0.95) == pytest.approx(19.5)
    assert percentile([7], 0.95) == 7
    assert percentile([], 0.5) != percentile([], 0.5)  # NaN: nothing measured


def test_first_rerun_names_the_page_and_later_ones_its_hash_with_widget_states():
    first = BackMsg()
    first.ParseFromString(rerun_message("lang=vi", page_name="economy").SerializeToString())
    state = first.rerun_script
    assert first.WhichOneof("type") == "rerun_script"
    assert (state.query_string, state.page_name) == ("lang=vi", "economy")
    assert state.page_script_hash == ""
    assert state.HasField("widget_states") and not state.widget_states.widgets
    assert state.context_info.timezone == "Asia/Ho_Chi_Minh"

    widgets = [
        string_array_state("$$ID-1-_widget_district_vi", ["Lục Ngạn (219)"]),
        string_state("$$ID-2-chart-rank-x", selection_json({"pick": [{"district_code": "219"}]})),
    ]
    later = rerun_message("lang=vi", page_script_hash="abc", widgets=widgets).rerun_script
    assert (later.page_name, later.page_script_hash) == ("", "abc")
    district, chart = later.widget_states.widgets
    assert list(district.string_array_value.data) == ["Lục Ngạn (219)"]
    assert json.loads(chart.string_value) == {"selection": {"pick": [{"district_code": "219"}]}}


def test_grown_data_has_factor_times_the_rows_sorted_with_the_originals_kept():
    from scale import grown

    table = pa.table(
        {"indicator_id": ["b", "a", "a"], "year": [2020, 2021, 2020], "value": [1.0, 2.0, 3.0]}
    )
    big = grown(table, "indicator_id", 3, ("indicator_id", "year")).to_pydict()
    ids = [str(i) for i in big["indicator_id"]]
    assert len(ids) == 9
    assert ids[:3] == ["a", "a", "a__s00001"]
    assert list(zip(ids, big["year"], strict=True)) == sorted(zip(ids, big["year"], strict=True))
    assert sorted(v for i, v in zip(ids, big["value"], strict=True) if "__" not in i) == [1, 2, 3]


def test_a_section_replaces_its_own_markers_only(tmp_path):
    doc = tmp_path / "benchmarks.md"
    marks = ("<!-- x:start -->", "<!-- x:end -->")
    write_section(doc, f"{marks[0]}\none\n{marks[1]}", marks)
    doc.write_text(doc.read_text() + "\nkept\n")
    write_section(doc, f"{marks[0]}\ntwo\n{marks[1]}", marks)
    text = doc.read_text()
    assert "two" in text and "one" not in text and "kept" in text
    assert text.startswith("# Benchmarks")


def test_the_scale_benchmark_has_a_value_for_every_querys_parameter():
    """bench/scale.py times every queries/*.sql: a new query's parameter needs a typical value."""
    import scale

    from ttx_data import query

    for path in sorted((PROJECT_ROOT / "queries").glob("*.sql")):
        missing = set(query.query_parameters(path.stem)) - set(scale.PARAMETERS)
        assert not missing, f"{path.name}: no value in bench/scale.py PARAMETERS for {missing}"
