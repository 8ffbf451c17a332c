"""The about page: its list of the published sources behind the data, as plain linked HTML."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ttx_data.paths import PROJECT_ROOT
from ttx_data.query import run_query
from ttx_data.ui.components import sources_table_html


@pytest.mark.parametrize(
    ("lang", "words"), [("vi", "ước tính, được báo cáo"), ("en", "estimate, reported")]
)
def test_the_about_page_lists_the_published_sources_as_links(lang, words):
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.query_params["lang"] = lang
    app.run()
    app.switch_page("pages/about.py").run()
    assert not app.exception
    assert not app.get("arrow_data_frame")  # a few rows: plain HTML, no data grid to load
    table = next(h.proto.body for h in app.get("html") if "ttx-sources-cited" in h.proto.body)
    cited = run_query("sources_cited")
    assert table.count("<tr><td>") == len(cited) > 3
    for source in cited.itertuples():
        assert f"<a href='{source.source_url}' target='_blank'" in table
    first = cited.iloc[0]  # the most cited, first; its provenances in the reader's words
    assert first.provenances == "estimate, reported"
    assert f"<td>{words}</td><td style='text-align:right'>{first.values_cited}</td>" in table


def test_a_source_title_or_address_from_the_data_stays_text():
    hostile = pd.DataFrame(
        {
            "source_title": ["<img src=x onerror=alert(1)> **bold**"],
            "source_url": ["https://example.org/?a=1&b='x'"],
            "provenances": ["official"],
            "values_cited": [3],
        }
    )
    table = sources_table_html(hostile, "vi")
    assert "<img" not in table and "&lt;img src=x onerror=alert(1)&gt; **bold**" in table
    assert "href='https://example.org/?a=1&amp;b=&#x27;x&#x27;'" in table
    assert "<td>chính thức</td>" in table
