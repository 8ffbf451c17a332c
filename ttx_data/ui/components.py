"""Small pieces every page shows the same way: the data's as-of date and the illustrative banner."""

from __future__ import annotations

import streamlit as st

from ttx_data.i18n import format_date, t
from ttx_data.ui.data import dataset_metadata


def as_of_caption(lang: str) -> None:
    """'Dữ liệu cập nhật đến 24/11/2026' under the page title."""
    st.caption(t("data.as_of", lang, date=format_date(dataset_metadata()["as_of"], lang)))


def illustrative_banner(illustrative_count: int, lang: str) -> None:
    """A visible warning whenever illustrative values are on screen; nothing otherwise."""
    if illustrative_count > 0:
        st.warning(
            t("data.illustrative_banner", lang, count=illustrative_count), icon=":material/warning:"
        )
