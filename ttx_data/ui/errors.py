"""No traceback reaches a viewer: a page's failure is shown as a short message (what is wrong,
where, what to do, in Vietnamese and English) while the detail goes to the server's log."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from ttx_data import snapshots
from ttx_data.catalog import CatalogError
from ttx_data.i18n import literal_markdown, t
from ttx_data.query import DataError
from ttx_data.snapshots import SnapshotError
from ttx_data.ui import readers

_log = logging.getLogger("ttx_data.ui")

KNOWN_ERRORS = (DataError, SnapshotError, CatalogError)
"""The project's own errors: their message is written for the reader (file names, no paths)."""


def show_error(message: str) -> None:
    """An error box with the message as plain text."""
    st.error(literal_markdown(message, 800), icon=":material/error:")


def viewer_message(error: Exception, lang: str) -> str:
    """What a viewer reads about an error: the project's own message, or a generic one with an
    incident code that the log line also carries."""
    if isinstance(error, KNOWN_ERRORS):
        _log.warning("page stopped by a data problem: %s", error, exc_info=error)
        return t("error.known", lang, message=str(error))
    incident = uuid.uuid4().hex[:8]
    _log.error("unexpected error, incident %s", incident, exc_info=error)
    return t("error.unexpected", lang, incident=incident)


@contextmanager
def guarded(lang: str) -> Iterator[None]:
    """Run a page (or the sidebar): an error becomes a message, logged with its traceback.

    Streamlit's st.stop / st.rerun / st.switch_page raise BaseExceptions (StopException,
    RerunException), which pass through untouched. The block counts as a reader's page run
    (`readers.page_run`: background warming gives way to it)."""
    try:
        with readers.page_run():
            yield
    except Exception as error:  # noqa: BLE001 - every error, shown as a message, logged in full
        show_error(viewer_message(error, lang))


@st.cache_resource(show_spinner=False)
def start_once() -> None:
    """Once per server: remove staging folders a killed snapshot create left behind."""
    try:
        removed = snapshots.clean_staging()
    except OSError as error:
        _log.warning("could not clean snapshot staging folders: %s", error)
    else:
        if removed:
            _log.info("removed %d stale snapshot staging folder(s)", len(removed))
