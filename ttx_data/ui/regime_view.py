"""What the reporting regime page shows and does: the regime in effect as people read it, the
form that changes one indicator's row, its save and reset callbacks (they run before the page,
outside its guard, so every failure becomes a message shown on the next run), and the history of
changes from the audit log. The rules are `ttx_data.reporting.regime_store`'s."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from ttx_data import catalog
from ttx_data.accounts import AccountError
from ttx_data.agencies.register import agencies_on
from ttx_data.i18n import format_date, format_number, t
from ttx_data.plan import LOCAL_TIME
from ttx_data.reporting import regime, regime_store
from ttx_data.reporting.checks import range_text
from ttx_data.ui import auth, reporting_view
from ttx_data.ui.errors import viewer_message

OUTCOME = "_regime_outcome"
CHOSEN = "_regime_chosen"
"""The indicator chosen, kept when the language changes."""
REASON = "regime_reason"
MONTH_DAY_FORMATS = {"vi": "%d/%m", "en": "%-d %b"}
"""How a month-day reads: 15/01, 15 Jan."""


def choice_key(lang: str) -> str:
    """The session key of the indicator's selectbox in a language (a selectbox keeps showing a
    choice as it was written when made: each language has a widget of its own, as the sidebar's
    do, `state.widget_key`)."""
    return f"regime_indicator_{lang}"


def field_key(field: str, indicator_id: str, lang: str) -> str:
    """The session key of a field of the form, per indicator (each keeps what was typed) and
    language (see `choice_key`)."""
    return f"regime_{field}_{indicator_id}_{lang}"


def _start(key: str, value) -> None:
    """A widget's first value (the one in effect), unless the reader has set it already."""
    if key not in st.session_state:
        st.session_state[key] = value


def indicator_text(indicator_id: str, lang: str) -> str:
    """'13 · Chỉ số phát triển con người (HDI)'."""
    indicator = catalog.indicator(indicator_id)
    return f"{indicator.label} · {indicator.name(lang)}"


def month_day_text(text: str, lang: str) -> str:
    """A month-day of the regime (MM-DD) as readers write it: 15/01 or 15 Jan."""
    month, day = (int(part) for part in text.split("-"))
    return dt.date(2000, month, day).strftime(MONTH_DAY_FORMATS["en" if lang == "en" else "vi"])


def _decimals(text: str) -> int:
    """How many decimals a number of the regime is written with ("1.5": 1)."""
    return len(text.partition(".")[2])


def moment_text(when: dt.datetime | None, lang: str) -> str:
    """A moment in Vietnam's time: '29/11/2026 14:05' ('' for none)."""
    if when is None or pd.isna(when):
        return ""
    local = when.astimezone(LOCAL_TIME)
    return f"{format_date(local.date(), lang)} {local:%H:%M}"


def choose_indicator(engine: Engine, lang: str) -> str:
    """The indicator selectbox (the last one chosen, in either language, else the first)."""
    ids = regime_store.current(engine)["indicator_id"].tolist()
    if st.session_state.get(CHOSEN) in ids:
        _start(choice_key(lang), st.session_state[CHOSEN])
    chosen = st.selectbox(t("regime.choose", lang), options=ids, key=choice_key(lang),
                          format_func=lambda i: indicator_text(i, lang))  # fmt: skip
    st.session_state[CHOSEN] = chosen
    return chosen


def regime_table(engine: Engine, lang: str) -> pd.DataFrame:
    """The regime in effect, a row per indicator: the indicator, the agency reporting it today,
    the frequency, cut-off, deadline and the deadline of the latest period, the plausible range,
    the largest change, whether the secretariat changed it (who, when), and the note."""
    period = reporting_view.periods()[0]
    rules = {rule.indicator_id: rule for rule in regime.rules(engine=engine)}
    yes, no = t("regime.yes", lang), t("regime.no", lang)
    rows = []
    for row in regime_store.current(engine).to_dict("records"):
        rule = rules[row["indicator_id"]]
        bounded = rule.plausible.minimum is not None or rule.plausible.maximum is not None
        rows.append(
            {
                t("regime.col.indicator", lang): indicator_text(row["indicator_id"], lang),
                t("regime.col.agency", lang): auth.agency_text(rule.agency_id, lang),
                t("regime.field.frequency", lang): regime.FREQUENCIES[rule.frequency][lang == "en"],
                t("regime.field.cutoff", lang): month_day_text(rule.cutoff, lang),
                t("regime.field.deadline", lang): month_day_text(rule.deadline, lang),
                t("regime.col.due", lang, period=period): format_date(
                    rule.deadline_date(period), lang
                ),
                t("regime.col.plausible", lang): range_text(rule.plausible, lang)
                if bounded
                else "—",
                t("regime.col.factor", lang): format_number(
                    rule.max_change_factor, lang, _decimals(row["max_change_factor"])
                ),
                t("regime.col.changed", lang): yes if row["changed"] else no,
                t("regime.col.changed_when", lang): " · ".join(
                    [row["changed_by"], moment_text(row["changed_at"], lang)]
                )
                if row["changed"]
                else "",
                t("regime.field.note", lang): rule.note,
            }
        )
    return pd.DataFrame(rows)


def regime_columns(lang: str) -> dict:
    """Width of the regime table's column that starts empty (who changed a row, when)."""
    return {t("regime.col.changed_when", lang): st.column_config.TextColumn(width="medium")}


def history_table(engine: Engine, lang: str) -> pd.DataFrame:
    """The changes of the regime, newest first: when (Vietnam time), who, what, which indicator,
    each field before -> after, and the reason given."""
    rows = [
        {
            t("regime.col.when", lang): moment_text(entry.at, lang),
            t("regime.col.changed_by", lang): entry.actor,
            t("regime.col.action", lang): entry.label(lang),
            t("regime.col.indicator", lang): indicator_text(entry.target, lang),
            t("regime.col.changes", lang): regime_store.changes_text(entry),
            t("regime.col.reason", lang): entry.detail.get("reason", ""),
        }
        for entry in regime_store.history(engine)
    ]
    return pd.DataFrame(rows)


def _reporter_options(current: str, lead_agency: str, lang: str) -> tuple[list[str], dict]:
    """The reporter field's choices: '' (the plan's lead agency), then the agencies existing
    today, and the value in effect if it is an earlier one."""
    today = agencies_on(dt.date.today())
    names = dict(
        zip(today["agency_id"], today["name_en" if lang == "en" else "name_vi"], strict=True)
    )
    if current and current not in names:
        names[current] = auth.agency_text(current, lang)
    lead = f"{t('regime.lead_agency', lang)} ({auth.agency_text(lead_agency, lang)})"
    return ["", *names], {"": lead, **names}


def edit_form(indicator_id: str, engine: Engine, lang: str) -> None:
    """The fields of one indicator's row, filled with the values in effect, the reason, and the
    save and reset buttons (callbacks)."""
    row = regime_store.current(engine).set_index("indicator_id").loc[indicator_id]
    for field in regime.FIELDS:
        _start(field_key(field, indicator_id, lang), row[field])
    left, right = st.columns(2)
    left.selectbox(
        t("regime.field.frequency", lang),
        options=list(regime.FREQUENCIES),
        format_func=lambda f: regime.FREQUENCIES[f][lang == "en"],
        key=field_key("frequency", indicator_id, lang),
    )
    options, labels = _reporter_options(
        row["reporter"], catalog.indicator(indicator_id).lead_agency, lang
    )
    right.selectbox(
        t("regime.field.reporter", lang),
        options=options,
        format_func=labels.get,
        key=field_key("reporter", indicator_id, lang),
    )
    month_day, optional = t("regime.month_day_help", lang), t("regime.optional_help", lang)
    for column, field, help_text in (
        (left, "cutoff", month_day),
        (right, "deadline", month_day),
        (left, "plausible_min", optional),
        (right, "plausible_max", optional),
        (left, "max_change_factor", None),
    ):
        column.text_input(t(f"regime.field.{field}", lang), max_chars=40, help=help_text,
                          key=field_key(field, indicator_id, lang))  # fmt: skip
    st.text_area(t("regime.field.note", lang), help=optional, max_chars=regime_store.NOTE_LENGTH,
                 key=field_key("note", indicator_id, lang))  # fmt: skip
    st.text_input(t("regime.reason", lang), max_chars=regime_store.REASON_LENGTH, key=REASON)
    save, reset = st.columns(2)
    save.button(t("regime.save", lang), icon=":material/save:", key="regime_save",
                on_click=save_change, args=(indicator_id, lang))  # fmt: skip
    reset.button(t("regime.reset", lang), icon=":material/settings_backup_restore:",
                 key="regime_reset", disabled=not row["changed"],
                 on_click=reset_change, args=(indicator_id, lang))  # fmt: skip


def _show_in_effect(indicator_id: str, lang: str) -> None:
    """After a change: the form shows the values now in effect, and an empty reason."""
    row = regime_store.current(auth.store_engine()).set_index("indicator_id").loc[indicator_id]
    for field in regime.FIELDS:
        st.session_state[field_key(field, indicator_id, lang)] = row[field]
    st.session_state[REASON] = ""


def _change(action, indicator_id: str, lang: str, done_key: str, **values) -> None:
    """Make one change as the signed-in person; its outcome is shown on the next run."""
    try:
        entry = action(auth.store_engine(), indicator_id, actor=auth.current_actor(),
                       reason=st.session_state.get(REASON, ""), client=auth.client(), **values)  # fmt: skip
    except regime_store.RegimeEditRefused as error:
        st.session_state[OUTCOME] = (False, error.headline(lang), error.problem_texts(lang))
    except AccountError as error:  # no longer allowed (signed out, role changed)
        st.session_state[OUTCOME] = (False, error.en if lang == "en" else error.vi, [])
    except Exception as error:  # noqa: BLE001 - a callback runs outside the page's guard
        st.session_state[OUTCOME] = (False, viewer_message(error, lang), [])
    else:
        _show_in_effect(indicator_id, lang)
        changes = regime_store.changes_text(entry)
        st.session_state[OUTCOME] = (True, t(done_key, lang, id=indicator_id, changes=changes), [])


def save_change(indicator_id: str, lang: str) -> None:
    """The save button's callback: the fields as typed now (not when the button was drawn)."""
    changes = {
        field: st.session_state.get(field_key(field, indicator_id, lang)) for field in regime.FIELDS
    }
    _change(regime_store.set_entry, indicator_id, lang, "regime.saved", changes=changes)


def reset_change(indicator_id: str, lang: str) -> None:
    """The reset button's callback."""
    _change(regime_store.reset_entry, indicator_id, lang, "regime.reset_done")


def outcome() -> tuple[bool, str, list[str]] | None:
    """The last change's outcome (shown once): ok, the message, each problem."""
    return st.session_state.pop(OUTCOME, None)
