"""The audit log, for reviewers and administrators: every write (sign-ins, accounts, snapshots,
and later submissions and reviews), newest first, with the check of its hash chain."""

import streamlit as st

from ttx_data.i18n import t
from ttx_data.store import audit
from ttx_data.ui import auth, components
from ttx_data.ui.state import current_filters, ensure_app_frame

ensure_app_frame()
lang = current_filters().lang
st.title(t("page.audit", lang))
auth.require("audit", lang)
st.markdown(t("audit.intro", lang))
engine = auth.store_engine()
problems = audit.verify_chain(engine)
if problems:
    st.error(t("audit.chain_broken", lang, count=len(problems)), icon=":material/gpp_bad:")
    st.text("\n".join(problems[:20]))
else:
    st.success(t("audit.chain_ok", lang), icon=":material/verified:")
left, right = st.columns(2)
action = left.selectbox(
    t("audit.action", lang),
    options=[None, *audit.ACTIONS],
    format_func=lambda a: (
        t("audit.every_action", lang) if a is None else audit.ACTIONS[a][lang == "en"]
    ),
)
who = right.text_input(t("audit.actor", lang), max_chars=64).strip().lower() or None
found = audit.entries(engine, limit=500, action=action, actor=who)
table = audit.entries_table(found, lang)
st.caption(t("audit.count", lang, n=len(found)))
st.dataframe(table, hide_index=True, width="stretch")
components.download_buttons(table, "ttx-nhat-ky-hoat-dong", "audit", lang)
