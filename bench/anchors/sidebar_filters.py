"""Anchor: what a filter change costs in Streamlit alone. A title and the app's five sidebar
widgets, the same kinds with the same options (language buttons, the data and sector selectboxes,
the district multiselect, the year slider) and nothing else: no navigation, no page. Its caption
names the language and the chosen districts as the app's pages do ("Lục Ngạn:"), so that
bench/page_timings.py can time a district choice and a language switch here beside the app's."""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project: its district names
from ttx_data import catalog, geography  # noqa: E402
from ttx_data.filters import FIRST_YEAR, LAST_YEAR  # noqa: E402

with st.sidebar:
    lang = st.segmented_control(
        "Ngôn ngữ / Language",
        ["vi", "en"],
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        default="vi",
        required=True,
    )
    names = geography.district_names(lang)
    st.selectbox("Dữ liệu" if lang == "vi" else "Data", ["Dữ liệu hiện tại"], help="—")
    chosen = st.multiselect(
        "Huyện, thành phố" if lang == "vi" else "District",
        list(names),
        format_func=lambda code: f"{names[code]} ({code})",
        placeholder="Toàn tỉnh",
        help="—",
    )
    st.selectbox(
        "Lĩnh vực" if lang == "vi" else "Sector",
        ["", *catalog.SECTORS],
        format_func=lambda key: catalog.SECTORS[key][lang == "en"] if key else "—",
    )
    st.slider("Năm" if lang == "vi" else "Years", FIRST_YEAR, LAST_YEAR, (FIRST_YEAR, LAST_YEAR))

st.title("Title and sidebar")
st.caption(f"Language: {lang}. " + "".join(f"{names[code]}:" for code in chosen))
