"""Filters shared by every page: read once from the URL, kept in the session, mirrored in the URL.

A copied link (`?district=219&sector=energy&from=2021&to=2025&lang=en`) reproduces the view;
moving between pages keeps the choice because app.py draws the same sidebar on every run.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ttx_data import catalog, geography, snapshots
from ttx_data.filters import FIRST_YEAR, LAST_YEAR, Filters, parse_query, to_query
from ttx_data.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_date, literal_markdown, t, t_markdown
from ttx_data.places import history

LANGUAGE_KEY = "lang"
DISTRICTS_KEY = "district"
SECTOR_KEY = "sector"
YEARS_KEY = "years"
SNAPSHOT_KEY = "snapshot"
"""Session-state keys of the reader's choices, always codes (never labels), kept across pages,
languages and presenter mode. The sidebar widgets have keys of their own (`widget_key`)."""
SOURCE_THIS_RUN = "_source_this_run"
"""Where `ui.data.current_source` keeps the data source it resolved during a run of the app (the
sidebar forgets it at the start of every run): the page and its fragments read one version of
the data, and its files are looked at once per run, not at every cached call."""
CURRENT_DATA = ""
PRESENT_PARAM = "present"
"""`?present=1` opens presenter mode; the sidebar keeps it in the URL like the filters."""
PAGE_PARAMS = ("id", "task", "agency", "target", "group", "status", "sort")
"""URL parameters a page reads for itself (the indicator page's `id`, `url_select`'s choices, e.g.
`/tasks?task=8.9.a`): the sidebar keeps them in the URL while that page is shown, so that a copied
link opens the same view; moving to another page drops them."""
ALL_SECTORS = ""
_FROM_URL = "_filters_read_from_url"
_NOTICES = "_filter_notices"


def widget_key(choice: str, lang: str) -> str:
    """The key of the sidebar widget that edits one choice in one language.

    Streamlit's select widgets send back the *label* of the chosen option; a label that changes
    with the language would no longer match. One widget per language avoids that: its state is
    set from the stored code before it is drawn, and its change is copied back as a code.
    """
    return f"_widget_{choice}" if choice == LANGUAGE_KEY else f"_widget_{choice}_{lang}"


def ensure_app_frame() -> None:
    """Run a page inside app.py's navigation, even when a fresh server is first opened at its URL.

    Streamlit treats a `pages/` folder as an old-style multipage app until some session has run
    `st.navigation`; a deep link opened first would then run the page alone, without app.py's
    navigation and filters. Switching that mode off and rerunning routes it through app.py.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def _read_url_once() -> None:
    if st.session_state.get(_FROM_URL):
        return
    filters, notices = parse_query(st.query_params.to_dict(), snapshots.snapshot_ids)
    st.session_state[LANGUAGE_KEY] = filters.lang
    st.session_state[DISTRICTS_KEY] = list(filters.districts)
    st.session_state[SECTOR_KEY] = filters.sector or ALL_SECTORS
    st.session_state[YEARS_KEY] = (filters.year_from, filters.year_to)
    st.session_state[SNAPSHOT_KEY] = filters.snapshot or CURRENT_DATA
    st.session_state[_NOTICES] = (notices, filters)
    st.session_state[_FROM_URL] = True


def current_language() -> str:
    """The session's language (from the URL on first load, then from the switch)."""
    _read_url_once()
    return st.session_state.get(LANGUAGE_KEY) or DEFAULT_LANGUAGE


def current_filters() -> Filters:
    """The filters as the reader has set them."""
    _read_url_once()
    year_from, year_to = st.session_state.get(YEARS_KEY, (FIRST_YEAR, LAST_YEAR))
    return Filters(
        districts=tuple(sorted(st.session_state.get(DISTRICTS_KEY, []))),
        sector=st.session_state.get(SECTOR_KEY) or None,
        year_from=int(year_from),
        year_to=int(year_to),
        lang=current_language(),
        snapshot=st.session_state.get(SNAPSHOT_KEY) or None,
    )


def presenting() -> bool:
    """Whether the URL asks for presenter mode (`?present=1`)."""
    return st.query_params.get(PRESENT_PARAM) == "1"


def view_snapshot(snapshot_id: str | None) -> None:
    """Show every page as of a snapshot (None: the current data); a button's on_click."""
    st.session_state[SNAPSHOT_KEY] = snapshot_id or CURRENT_DATA


def _snapshot_label(snapshot: snapshots.Snapshot | None, lang: str) -> str:
    if snapshot is None:
        return t("snapshot.current", lang)
    return t(
        "snapshot.option", lang, name=snapshot.name, date=format_date(snapshot.created_date, lang)
    )


def _snapshot_banner(filters: Filters) -> None:
    """Say on every page that the data shown are a snapshot's, not the current data."""
    if not filters.snapshot:
        return
    snapshot = snapshots.open_snapshot(filters.snapshot, verify=False)
    lang = filters.lang
    st.info(
        t_markdown(
            "snapshot.viewing",
            lang,
            name=snapshot.name,
            taken=format_date(snapshot.created_date, lang),
            as_of=format_date(snapshot.as_of, lang),
        ),
        icon=":material/photo_camera:",
    )


_CLICKED = "_district_clicked"
"""The widget (a chart, a map) whose click chose the district filter last, and what it chose."""
_CLICKING_KEYS = "_clicking_keys"
"""Per chart or map that chooses a district when clicked: the districts it was last drawn with
and its generation, the last part of its key (`clicking_key`)."""


def clicking_key(
    base: str,
    districts: tuple[str, ...],
    clicked: Callable[[dict], list[str]],
    widget_prefix: str = "",
) -> tuple[str, Callable[[], None]]:
    """The key of a chart or map whose click chooses a district, drawn with the chosen
    `districts`, and its on_select callback (`district_clicked`, reading the selection with
    `clicked`); its widget's key is `widget_prefix` + this key.

    It stays the same while the districts change and the browser updates what is drawn in place
    (new data, same spec), not drawn anew. Only when the drawn chart holds a clicked district
    and the districts were then chosen otherwise (the sidebar, a link) does it change: the
    selection goes with the old key, else a click on that district again would be lost."""
    keys = st.session_state.setdefault(_CLICKING_KEYS, {})
    drawn_with, generation = keys.get(base, (districts, 0))
    widget = f"{widget_prefix}{base}-{generation}"
    held = clicked((st.session_state.get(widget) or {}).get("selection") or {})
    if held and districts != drawn_with and st.session_state.get(_CLICKED) != (widget, districts):
        generation += 1
    keys[base] = (districts, generation)
    key = f"{base}-{generation}"
    return key, partial(district_clicked, widget_prefix + key, clicked)


def district_clicked(widget_key: str, clicked: Callable[[dict], list[str]]) -> None:
    """A chart's or map's on_select callback: the first district of its selection (read from the
    widget's state by `clicked`) becomes the app's district filter (`district_chosen`). A
    selection cleared (the map's ×, a click beside a ranking's bars) clears the filter when this
    widget's click had set it."""
    selection = (st.session_state.get(widget_key) or {}).get("selection") or {}
    code = next(iter(clicked(selection)), None)
    if code is None:
        chosen = tuple(st.session_state.get(DISTRICTS_KEY) or ())
        if chosen and st.session_state.get(_CLICKED) == (widget_key, chosen):
            st.session_state[DISTRICTS_KEY] = []
            st.session_state[_CLICKED] = (widget_key, ())
    elif _choose_district(code):
        st.session_state[_CLICKED] = (widget_key, (code,))


def district_chosen(widget_key: str) -> None:
    """A page's select of one district, on_change: its choice becomes the app's district filter."""
    _choose_district(st.session_state.get(widget_key))


def _choose_district(code: str | None) -> bool:
    """A district chosen on a page (a click, a select) becomes the only one of the district
    filter; whether that changed it. Called back before the rerun the choice starts, so the app
    runs once for it, every part of the page following it (not a run and then `st.rerun`)."""
    if code and [code] != list(st.session_state.get(DISTRICTS_KEY) or []):
        st.session_state[DISTRICTS_KEY] = [code]
        return True
    return False


def _copy_choice(choice: str, key: str) -> None:
    """A sidebar widget's on_change: store its new value as the reader's choice."""
    value = st.session_state.get(key)
    if value is None and choice == LANGUAGE_KEY:
        return  # clicking the language already chosen keeps it
    st.session_state[choice] = value


def _bound(choice: str, lang: str, place: str = "") -> dict:
    """Key and callback of the widget for a choice, its value set from the stored choice; a
    widget drawn again on a page (`place`) edits the same choice."""
    key = widget_key(choice, lang) + place
    st.session_state[key] = st.session_state[choice]
    return {"key": key, "on_change": _copy_choice, "args": (choice, key)}


def _keep_valid_choices(snapshot_ids: list[str], district_codes: list[str]) -> None:
    """Drop stored choices that are no longer offered (a snapshot removed from disk meanwhile)."""
    state = st.session_state
    if state.get(LANGUAGE_KEY) not in LANGUAGES:
        state[LANGUAGE_KEY] = DEFAULT_LANGUAGE
    if state.get(SNAPSHOT_KEY) not in (CURRENT_DATA, *snapshot_ids):
        state[SNAPSHOT_KEY] = CURRENT_DATA
    state[DISTRICTS_KEY] = [c for c in state.get(DISTRICTS_KEY) or [] if c in district_codes]
    if state.get(SECTOR_KEY) not in (ALL_SECTORS, *catalog.SECTORS):
        state[SECTOR_KEY] = ALL_SECTORS
    years = state.get(YEARS_KEY)
    if not (
        isinstance(years, (tuple, list))
        and len(years) == 2
        and FIRST_YEAR <= years[0] <= years[1] <= LAST_YEAR
    ):
        state[YEARS_KEY] = (FIRST_YEAR, LAST_YEAR)


def sector_select(lang: str, place: str = "") -> None:
    """The sector choice: in the sidebar, or drawn again on a page (`place` names it there) as
    one more way to set the same choice."""
    st.selectbox(
        t("filter.sector", lang),
        options=[ALL_SECTORS, *catalog.SECTORS],
        format_func=lambda s: (
            t("filter.all_sectors", lang) if s == ALL_SECTORS else catalog.SECTORS[s][lang == "en"]
        ),
        **_bound(SECTOR_KEY, lang, place),
    )


NONE_CHOSEN = ""


def _to_url(param: str, key: str) -> None:
    """A page widget's on_change: its choice into the URL (none chosen: out of it)."""
    value = st.session_state.get(key)
    if value:
        st.query_params[param] = str(value)
    elif param in st.query_params:
        del st.query_params[param]


def url_select(label: str, param: str, options: list[str], lang: str, format_func,
               buttons: bool = False, **widget) -> str:  # fmt: skip
    """A selectbox (or, with `buttons`, a row of buttons: for a few short options, one click and
    cheaper to draw again) whose choice is the URL parameter `param` (PAGE_PARAMS); `options`
    start with NONE_CHOSEN. A value of the link that is not an option is said, and dropped from
    the URL."""
    raw = st.query_params.get(param, NONE_CHOSEN)
    if raw not in options:
        st.warning(
            literal_markdown(t("url.unknown_choice", lang, param=param, value=raw), 300),
            icon=":material/link_off:",
        )
        del st.query_params[param]
        raw = NONE_CHOSEN
    key = f"_page_{param}_{lang}"
    st.session_state[key] = raw
    widget.update(options=options, format_func=format_func, key=key, on_change=_to_url,
                  args=(param, key))  # fmt: skip
    if buttons:
        st.segmented_control(label, required=True, **widget)
    else:
        st.selectbox(label, **widget)
    return raw


def filter_sidebar() -> Filters:
    """The sidebar's language, data, district, sector and year controls; notices for a bad link."""
    st.session_state.pop(SOURCE_THIS_RUN, None)  # a new run: look at the data files again
    _read_url_once()
    taken = {s.snapshot_id: s for s in snapshots.list_snapshots()}
    lang = current_language()
    names = geography.district_names(lang)
    _keep_valid_choices(list(taken), list(names))
    lang = current_language()
    with st.sidebar:
        st.segmented_control(
            t("lang.label", lang),
            options=list(LANGUAGES),
            format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
            required=True,
            **_bound(LANGUAGE_KEY, lang),
        )
        st.selectbox(
            t("snapshot.filter", lang),
            options=[CURRENT_DATA, *taken],
            format_func=lambda key: _snapshot_label(taken.get(key), lang),
            help=t("snapshot.filter_help", lang),
            **_bound(SNAPSHOT_KEY, lang),
        )
        st.multiselect(
            t("filter.district", lang),
            options=list(names),
            format_func=lambda code: history.option_label(code, lang),
            placeholder=t("filter.whole_province", lang),
            help=t("filter.district_help", lang),
            **_bound(DISTRICTS_KEY, lang),
        )
        sector_select(lang)
        st.slider(
            t("filter.years", lang),
            min_value=FIRST_YEAR,
            max_value=LAST_YEAR,
            **_bound(YEARS_KEY, lang),
        )
    filters = current_filters()
    notices, read_as = st.session_state.get(_NOTICES, ([], None))
    if notices and filters == read_as:  # shown until the reader changes a filter
        for notice in notices:
            st.warning(literal_markdown(notice.message(lang), 600), icon=":material/link_off:")
    else:
        st.session_state.pop(_NOTICES, None)
    if not presenting():  # the presenter's footer names the snapshot
        _snapshot_banner(filters)
    params = {k: st.query_params[k] for k in PAGE_PARAMS if k in st.query_params}
    params.update(to_query(filters))
    if presenting():
        params[PRESENT_PARAM] = "1"
    st.query_params.from_dict(params)
    return filters
