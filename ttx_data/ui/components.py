"""Small pieces every page shows the same way: the data's as-of date and the illustrative banner."""

from __future__ import annotations

import html
import logging
from functools import partial

import pandas as pd
import streamlit as st
from streamlit import runtime

from ttx_data import export
from ttx_data.chart_pictures import Picture
from ttx_data.i18n import t
from ttx_data.query import DataError
from ttx_data.ui.data import currency_text
from ttx_data.ui.errors import show_error
from ttx_data.ui.scorecard_html import STYLE

_log = logging.getLogger("ttx_data.ui")


def as_of_caption(lang: str) -> None:
    """'Số liệu đến năm 2025 · dữ liệu thay đổi lần cuối ngày 24/11/2026' under the page title.

    A damaged metadata file is said here, and the rest of the page still shows what it can."""
    try:
        st.caption(currency_text(lang))
    except DataError as error:
        _log.warning("data currency unknown: %s", error)
        show_error(str(error))


def illustrative_banner(illustrative_count: int, lang: str) -> None:
    """A visible warning whenever illustrative values are on screen; nothing otherwise."""
    if illustrative_count > 0:
        st.warning(
            t("data.illustrative_banner", lang, count=illustrative_count), icon=":material/warning:"
        )


DOWNLOADS = (
    ("csv", "panel.download_csv", export.csv_bytes, "text/csv", ":material/download:"),
    (
        "xlsx",
        "panel.download_xlsx",
        export.xlsx_bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ":material/table_view:",
    ),
)


def served_picture(picture: Picture, place: str) -> str:
    """The address from which the reader's browser fetches `picture`: one of Streamlit's media
    files (as `st.image` serves its images), kept while the session shows it; relative to the
    page, so that it holds behind a path prefix. `place` names where the page shows it (one
    picture per place). Not `st.image`: it would convert the WebP to a PNG ten times its size on
    every run."""
    address = runtime.get_instance().media_file_mgr.add(picture.data, picture.mimetype, place)
    return address.lstrip("/")


def show_table(frame: pd.DataFrame, lang: str, decimals: dict[str, int]) -> None:
    """A table on screen with headers and numbers in the reader's language, numbers right-aligned."""
    shown = export.screen_table(frame, lang, decimals)
    right = st.column_config.TextColumn(alignment="right")
    columns = {export.HEADERS[c][lang]: right for c in decimals if c in frame.columns}
    st.dataframe(shown, hide_index=True, width="stretch", column_config=columns)


def short_table(frame: pd.DataFrame, lang: str, decimals: dict[str, int]) -> None:
    """A table of a few rows (a map's districts or sites) as plain HTML, written as `show_table`
    writes it (headers and numbers in the reader's language, numbers right-aligned) with every
    cell escaped: no data grid for the browser to load and draw where it would add nothing."""
    shown = export.screen_table(frame, lang, decimals)
    right = {export.HEADERS[c][lang] for c in decimals if c in frame.columns}
    style = " style='text-align:right'"
    head = "".join(
        f"<th scope='col'{style if c in right else ''}>{html.escape(str(c))}</th>"
        for c in shown.columns
    )
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td{style if c in right else ''}>{html.escape(str(v))}</td>"
            for c, v in zip(shown.columns, values, strict=True)
        )
        + "</tr>"
        for values in shown.itertuples(index=False)
    )
    st.html(
        f"{STYLE}<div class='ttx-wrap'><table class='ttx-scorecard ttx-short'>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


NUMBER_HEAD = " style='text-align:right; white-space:nowrap'"
SOURCE_COLUMNS = ("source_title", "source_url", "provenances", "values_cited")
"""The columns of `sources_table_html`, in order (each headed by `t("about.col.<column>")`)."""


def sources_table(sources: pd.DataFrame, lang: str) -> None:
    """Draw `sources_table_html`."""
    st.html(sources_table_html(sources, lang))


def sources_table_html(sources: pd.DataFrame, lang: str) -> str:
    """The published sources behind the data (`queries/sources_cited.sql`) as plain HTML, every
    cell escaped: the title linked to its address (shown too, to be read or copied), the
    provenances in the reader's language, how many values cite it. A few rows: no data grid."""
    head = "".join(
        f"<th scope='col'{NUMBER_HEAD if c == 'values_cited' else ''}>"
        f"{html.escape(t('about.col.' + c, lang))}</th>"
        for c in SOURCE_COLUMNS
    )
    rows = []
    for row in sources.itertuples(index=False):
        url = html.escape(row.source_url, quote=True)
        link = f"<a href='{url}' target='_blank' rel='noopener noreferrer'>"
        provenances = ", ".join(
            t("provenance." + p.strip(), lang) for p in row.provenances.split(",")
        )
        rows.append(
            f"<tr><td>{link}{html.escape(row.source_title or '—')}</a></td>"
            f"<td style='word-break:break-all'>{link}{url}</a></td>"
            f"<td>{html.escape(provenances)}</td>"
            f"<td style='text-align:right'>{int(row.values_cited)}</td></tr>"
        )
    return (
        f"{STYLE}<div class='ttx-wrap'><table class='ttx-scorecard ttx-sources-cited'>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _file(to_bytes, table: pd.DataFrame, lang: str | None) -> bytes:
    return to_bytes(table if lang is None else export.localized_table(table, lang))


def download_buttons(
    table: pd.DataFrame,
    file_stem: str,
    key: str,
    lang: str,
    localize: bool = False,
    columns: tuple | None = None,
) -> None:
    """CSV (UTF-8 for Excel) and .xlsx downloads of exactly the table given, side by side (in
    two new columns, or the two `columns` given); with `localize`, its headers and provenance
    words are put in the language first.

    The files are made only when a reader clicks (deferred), not on every run of the page; the
    table is read then, never changed (it may be a cached one that sessions share)."""
    places = columns or st.columns(2)
    for column, (suffix, label, to_bytes, mime, icon) in zip(places, DOWNLOADS, strict=True):
        column.download_button(
            t(label, lang),
            partial(_file, to_bytes, table, lang if localize else None),
            file_name=f"{file_stem}.{suffix}",
            mime=mime,
            key=f"{suffix}-{key}",
            icon=icon,
        )
