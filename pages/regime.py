"""The reporting regime, for the secretariat (reviewers and administrators): how each indicator
is reported now, changing one indicator's row with a reason or putting it back to the bundled
file's, and the history of changes. Every change is in the audit log."""

import streamlit as st

from ttx_data.i18n import literal_markdown, t
from ttx_data.ui import auth, components, regime_view
from ttx_data.ui.state import current_filters, ensure_app_frame

ensure_app_frame()
lang = current_filters().lang
st.title(t("page.regime", lang))
auth.require("regime", lang)
engine = auth.store_engine()
st.markdown(t("regime.intro", lang))
done = regime_view.outcome()
if done is not None:
    ok, message, problems = done
    lines = [literal_markdown(message, 600), *(f"- {literal_markdown(p, 600)}" for p in problems)]
    (st.success if ok else st.error)("\n".join(lines))

st.subheader(t("regime.table", lang))
table = regime_view.regime_table(engine, lang)
st.dataframe(table, hide_index=True, width="stretch", height="content",
             column_config=regime_view.regime_columns(lang))  # fmt: skip
components.download_buttons(table, "ttx-che-do-bao-cao", "regime", lang)

st.subheader(t("regime.edit", lang))
chosen = regime_view.choose_indicator(engine, lang)
regime_view.edit_form(chosen, engine, lang)

st.subheader(t("regime.history", lang))
history = regime_view.history_table(engine, lang)
if history.empty:
    st.info(t("regime.no_history", lang))
else:
    st.dataframe(history, hide_index=True, width="stretch")
