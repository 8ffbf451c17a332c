"""The 15 charts of the naive anchors: one Altair line chart per indicator, the province and every
district over the years, read straight from observations.parquet (no cache, no shared work).

Used by `naive_15_charts.py` (one `st.altair_chart` each) and by bench/page_timings.py for the
static page (the same specs in one HTML file)."""

from __future__ import annotations

import os
from pathlib import Path

import altair as alt
import pandas as pd

CHARTS = 15
TITLE = "15 charts, the naive way"


def data_dir() -> Path:
    configured = os.environ.get("TTX_DATA_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "data"


def fifteen_charts() -> list[alt.Chart]:
    """The 15 indicators with the most values, each as a line chart with points and tooltips."""
    observations = pd.read_parquet(data_dir() / "observations.parquet")
    busiest = observations["indicator_id"].value_counts().sort_index().nlargest(CHARTS).index
    return [
        alt.Chart(observations[observations["indicator_id"] == indicator], title=indicator)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title="Year"),
            y=alt.Y("value:Q", title="Value"),
            color=alt.Color("area_code:N", title="Area"),
            tooltip=["area_code", "year", "value", "provenance"],
        )
        for indicator in sorted(busiest)
    ]
