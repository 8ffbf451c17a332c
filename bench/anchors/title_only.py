"""Anchor: Streamlit's floor. A page that only writes its title: what any Streamlit page costs
before it does anything (start-up, the websocket, one script run), measured beside the app's pages
by bench/page_timings.py."""

import streamlit as st

st.title("Title only")
