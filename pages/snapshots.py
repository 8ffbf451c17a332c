"""Snapshots and exports for a meeting: freeze the data, see what changed since a snapshot, download
the whole dataset (.xlsx) and the meeting brief (PowerPoint, PDF)."""

from functools import partial

import streamlit as st

from ttx_data import accounts, brief, export, snapshots
from ttx_data.i18n import literal_markdown, t, t_markdown
from ttx_data.meeting import scope_text
from ttx_data.ui import auth, components
from ttx_data.ui.data import (
    BriefBusy,
    brief_pdf,
    brief_pptx,
    dataset_metadata,
    dataset_workbook,
    made_brief_pdf,
    snapshot_name,
    what_changed,
)
from ttx_data.ui.errors import guarded
from ttx_data.ui.state import current_filters, ensure_app_frame, view_snapshot

SNAPSHOT_OUTCOME = "_snapshot_outcome"


def take_snapshot() -> None:
    """Freeze the current data under the name typed, as the signed-in reviewer (the name is
    reserved in the store first and the snapshot audited); the outcome shows on the next run."""
    lang = current_filters().lang
    try:
        taken = snapshots.create_snapshot(
            st.session_state.get("snapshot_name", ""),
            actor=auth.current_actor(),
            engine=auth.store_engine(),
            client=auth.client(),
        )
    except snapshots.SnapshotError as error:
        st.session_state[SNAPSHOT_OUTCOME] = ("error", literal_markdown(error, 600))
    else:
        name = literal_markdown(taken.name)  # the id is a slug the app made, shown as code
        message = t("snapshot.taken", lang, name=name, id=taken.snapshot_id)
        st.session_state[SNAPSHOT_OUTCOME] = ("success", message)
        st.session_state["snapshot_name"] = ""


ensure_app_frame()
filters = current_filters()
lang = filters.lang
st.title(t("snapshot.heading", lang))
components.as_of_caption(lang)
st.markdown(t("snapshot.intro", lang))

st.subheader(t("snapshot.take", lang))
if accounts.can(auth.current_actor(), "snapshot"):
    st.text_input(
        t("snapshot.name", lang),
        placeholder=t("snapshot.name_placeholder", lang),
        max_chars=120,
        key="snapshot_name",
    )
    st.button(
        t("snapshot.take_button", lang),
        icon=":material/photo_camera:",
        key="take_snapshot",
        on_click=take_snapshot,
    )
else:
    st.info(t("snapshot.reviewers_only", lang), icon=":material/lock:")
outcome = st.session_state.pop(SNAPSHOT_OUTCOME, None)
if outcome is not None:
    kind, message = outcome
    (st.success if kind == "success" else st.error)(message)

st.subheader(t("snapshot.list", lang))
taken = snapshots.list_snapshots()
problems = snapshots.snapshot_problems()
if problems:
    st.warning(t("snapshot.problems", lang), icon=":material/warning:")
    st.text("\n".join(problems))
if not taken:
    st.info(t("snapshot.none", lang))
else:
    st.dataframe(
        snapshots.snapshot_table(taken, lang),
        hide_index=True,
        width="stretch",
        column_config={
            t("snapshot.col.link", lang): st.column_config.LinkColumn(
                display_text=t("snapshot.col.link", lang)
            )
        },
    )
    chosen = st.selectbox(
        t("snapshot.since", lang),
        options=[s.snapshot_id for s in taken],
        format_func=lambda key: next(s.name for s in taken if s.snapshot_id == key),
        key="changes_since",
    )
    st.button(
        t("snapshot.col.link", lang),
        icon=":material/visibility:",
        on_click=view_snapshot,
        args=(chosen,),
        key="view_snapshot",
    )
    st.subheader(t("snapshot.changes", lang))
    snapshot = next(s for s in taken if s.snapshot_id == chosen)
    st.caption(t_markdown("snapshot.changes_intro", lang, name=snapshot.name))
    with guarded(lang):  # a tampered snapshot: a message here, the rest of the page still works
        changes = what_changed(chosen)
        if changes.nothing:
            st.success(t("snapshot.nothing", lang))
        statuses = snapshots.status_change_table(changes, lang)
        for key, table in (
            ("snapshot.status_changes", statuses),
            ("snapshot.revised", snapshots.row_change_table(changes, "revised", lang)),
            ("snapshot.added", snapshots.row_change_table(changes, "added", lang)),
            ("snapshot.removed", snapshots.row_change_table(changes, "removed", lang)),
        ):
            if len(table):
                st.markdown(f"**{t(key, lang, n=len(table))}**")
                st.dataframe(table, hide_index=True, width="stretch")

st.subheader(t("export.heading", lang))
st.markdown(t("export.intro", lang))
everything = st.radio(
    t("export.scope", lang),
    options=[False, True],
    format_func=lambda whole: (
        t("export.everything", lang)
        if whole
        else t("export.filtered", lang, scope=scope_text(filters))
    ),
    horizontal=True,
)
as_of = dataset_metadata()["as_of"]
label = snapshot_name(filters)
st.download_button(
    t("export.button", lang),
    partial(dataset_workbook, None if everything else filters, lang, filters.snapshot),
    file_name=export.dataset_workbook_name(as_of, label),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/table_view:",
    key="dataset_xlsx",
)

st.subheader(t("brief.heading", lang))
st.markdown(t("brief.intro", lang) + " · " + scope_text(filters))
stem = f"ttx-bac-giang-ban-tin-{as_of}-{lang}"
left, right = st.columns(2)
left.download_button(
    t("brief.pptx", lang),
    partial(brief_pptx, filters),
    file_name=f"{stem}.pptx",
    mime=brief.PPTX_MIME,
    icon=":material/slideshow:",
    key="brief_pptx",
)
if brief.libreoffice():
    if right.button(t("brief.make_pdf", lang), icon=":material/picture_as_pdf:", key="make_pdf"):
        with right.status(t("brief.making_pdf", lang), expanded=False) as progress:
            try:
                brief_pdf(filters)  # cached per data version, filters and language
            except BriefBusy:
                progress.update(label=t("brief.pdf_busy", lang), state="error")
            else:
                progress.update(label=t("brief.pdf_ready", lang), state="complete")
    made = made_brief_pdf(filters)
    if made is not None:
        right.download_button(
            t("brief.pdf", lang),
            made,
            file_name=f"{stem}.pdf",
            mime="application/pdf",
            icon=":material/download:",
            key="brief_pdf",
        )
else:
    right.info(t("brief.no_pdf", lang))
st.page_link("pages/present.py", label=t("present.open", lang), icon=":material/slideshow:")
