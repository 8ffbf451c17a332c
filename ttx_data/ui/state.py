"""State shared by every page: the language, kept in the session and mirrored in the URL (`?lang=`)."""

from __future__ import annotations

import streamlit as st

from ttx_data.i18n import LANGUAGES, normalize_language, t

LANGUAGE_KEY = "lang"


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
