"""Anchor: what a typical peer builds. 15 separate Altair line charts of the app's kind of data,
each its own `st.altair_chart`, the data read on every run, no caching; bench/page_timings.py
measures it beside the app's pages."""

import streamlit as st
from fifteen import TITLE, fifteen_charts

st.set_page_config(page_title="Naive 15 charts", layout="wide")
st.title(TITLE)
for chart in fifteen_charts():
    st.altair_chart(chart, width="stretch")
