"""State shared by every page: the language, kept in the session and mirrored in the URL (`?lang=`)."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ttx_data.i18n import LANGUAGES, normalize_language, t

LANGUAGE_KEY = "lang"


def ensure_app_frame() -> None:
    """Run a page inside app.py's navigation, even when a fresh server is first opened at its URL.

    Streamlit treats a `pages/` folder as an old-style multipage app until some session has run
    `st.navigation`; a deep link opened first would then run the page alone, without app.py's
    navigation and language switch. Switching that mode off and rerunning routes it through app.py.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def current_language() -> str:
    """The session's language: first from the URL's `lang`, then from the language switch."""
    if LANGUAGE_KEY not in st.session_state:
        st.session_state[LANGUAGE_KEY] = normalize_language(st.query_params.get(LANGUAGE_KEY))
    return st.session_state[LANGUAGE_KEY]


def language_switch() -> str:
    """The sidebar's language switch; writes the choice back to the URL so links keep it."""
    current_language()
    st.sidebar.segmented_control(
        t("lang.label", st.session_state[LANGUAGE_KEY]),
        options=list(LANGUAGES),
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        key=LANGUAGE_KEY,
        selection_mode="single",
    )
    if st.session_state.get(LANGUAGE_KEY) is None:  # a click on the selected option clears it
        st.session_state[LANGUAGE_KEY] = normalize_language(st.query_params.get(LANGUAGE_KEY))
    lang = st.session_state[LANGUAGE_KEY]
    st.query_params[LANGUAGE_KEY] = lang
    return lang
