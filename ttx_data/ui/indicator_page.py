"""The page of one indicator, at a stable address (`indicator?id=t05a_forest_cover` plus the
shared filters): its full chart and table, the districts ranked, its map, definition and
sources, the history of its reported values and the tasks that serve it. Where a link from the
attention list, the catalog, a group's summary or a slide lands."""

from __future__ import annotations

import datetime as dt
import html

import streamlit as st

from ttx_data import catalog, indicator_detail, maps
from ttx_data.agencies import responsible_text
from ttx_data.catalog import Indicator
from ttx_data.filters import Filters, to_query
from ttx_data.i18n import literal_markdown, t
from ttx_data.indicator_text import target_text
from ttx_data.sources import DataSource
from ttx_data.ui import components, indicator_panel
from ttx_data.ui.data import (
    current_source,
    load_sources,
    load_tasks_serving,
    map_picture,
    shared,
)
from ttx_data.ui.scorecard_html import STYLE, provenance_tag
from ttx_data.ui.state import current_filters, ensure_app_frame

ID_PARAM = "id"
"""The URL parameter naming the indicator shown."""

PAGE_ICONS = {"forest_map": ":material/forest:", "sites_map": ":material/water_drop:"}


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _not_found(raw: str | None, filters: Filters) -> None:
    """Say that the link names no indicator we know, and offer the pages that list them."""
    lang = filters.lang
    st.title(t("indicator.not_found", lang))
    if raw:
        st.warning(
            t("indicator.unknown_id", lang, id=literal_markdown(raw, 80)),
            icon=":material/link_off:",
        )
    else:
        st.warning(t("indicator.missing_id", lang), icon=":material/link_off:")
    st.markdown(t("indicator.pick", lang))
    query = to_query(filters)
    for group in catalog.GROUPS:
        st.page_link(f"pages/{group}.py", label=t(f"page.{group}", lang), query_params=query)
    st.page_link("pages/overview.py", label=t("page.overview", lang), query_params=query)
    st.page_link("pages/indicator_catalog.py", label=t("page.catalog", lang), query_params=query)


@shared(max_entries=256)
def _facts(indicator_id: str, lang: str, source: DataSource, today: dt.date) -> str:
    """The indicator's definition, target, plan clauses and agencies (who answers for them on
    `today`) as a description list; built once a day per indicator, language and data."""
    indicator, directory = source.indicator(indicator_id), source.directory
    rows = [
        (t("catalog.definition", lang), indicator.definition(lang)),
        (t("catalog.col.target", lang), target_text(indicator, lang)),
        (t("catalog.col.kind", lang), catalog.KINDS[indicator.kind][lang == "en"]),
        (t("catalog.col.unit", lang), indicator.unit_label(lang)),
        (f"{t('catalog.plan_text', lang)} ({indicator.plan_clause})", indicator.target_text("vi")),
    ]
    if lang == "en":
        rows.append((t("catalog.translation", lang), indicator.target_text("en")))
    rows += [
        (t("catalog.tasks", lang), indicator.tasks_clause),
        (
            t("catalog.col.lead", lang),
            responsible_text(indicator.lead_agency, lang, None, directory),
        ),
    ]
    if indicator.cooperating_agencies:
        cooperating = "; ".join(
            responsible_text(a, lang, today, directory) for a in indicator.cooperating_agencies
        )
        rows.append((t("catalog.col.cooperating", lang), cooperating))
    rows.append(
        (
            t("catalog.col.sectors", lang),
            "; ".join(catalog.SECTORS[s][lang == "en"] for s in indicator.sectors),
        )
    )
    if indicator.lead_note:
        rows.append(("", indicator.lead_note_text(lang)))
    items = "".join(
        f"<dt>{_esc(term)}</dt><dd>{_esc(text)}</dd>" if term else f"<dd><i>{_esc(text)}</i></dd>"
        for term, text in rows
    )
    return f"<dl class='ttx-facts'>{items}</dl>"


FACTS_STYLE = """
<style>
.ttx-facts dt {font-weight:600; margin-top:0.45rem}
.ttx-facts dd {margin:0 0 0 0; white-space:pre-line}
.ttx-sources {padding-left:1.1rem; margin:0.2rem 0}
.ttx-sources li {margin:0.25rem 0}
.ttx-tasks td, .ttx-tasks th {vertical-align:top}
</style>
"""


def _years(first: int | None, last: int | None) -> str:
    if first is None or last is None:
        return "—"
    return str(first) if first == last else f"{first}-{last}"


def _source_item(source: indicator_detail.Source, lang: str) -> str:
    title = _esc(source.title or "—")
    if source.url:
        title = f"<a href='{_esc(source.url)}' target='_blank' rel='noopener'>{title}</a>"
    years = _years(source.first_year, source.last_year)
    count = t("indicator.source_count", lang, n=source.values, years=years)
    return f"<li>{title} {provenance_tag(source.provenance, lang)} · {_esc(count)}</li>"


def _sources(sources: tuple[indicator_detail.Source, ...], lang: str) -> str:
    """The published sources one by one; the illustrative ones counted in one line that opens
    onto their list (the sample reports and the generator, one per year)."""
    if not sources:
        return f"<p>{_esc(t('indicator.no_sources', lang))}</p>"
    sourced = [s for s in sources if s.provenance != "illustrative"]
    made_up = [s for s in sources if s.provenance == "illustrative"]
    parts = [f"<ul class='ttx-sources'>{''.join(_source_item(s, lang) for s in sourced)}</ul>"]
    if made_up:
        dated = [s for s in made_up if s.first_year is not None and s.last_year is not None]
        years = _years(
            min((s.first_year for s in dated), default=None),
            max((s.last_year for s in dated), default=None),
        )
        summary = t(
            "indicator.illustrative_sources",
            lang,
            n=sum(s.values for s in made_up),
            years=years,
            sources=len(made_up),
        )
        items = "".join(_source_item(s, lang) for s in made_up)
        parts.append(
            f"<details><summary>{provenance_tag('illustrative', lang)} {_esc(summary)}</summary>"
            f"<ul class='ttx-sources'>{items}</ul></details>"
        )
    return "".join(parts)


def _about(indicator: Indicator, filters: Filters) -> None:
    lang = filters.lang
    st.subheader(t("indicator.about", lang))
    left, right = st.columns([3, 2])
    facts = _facts(indicator.indicator_id, lang, current_source(), dt.date.today())
    left.html(FACTS_STYLE + facts)
    with right:
        st.markdown(f"**{t('indicator.sources', lang)}**")
        st.html(STYLE + FACTS_STYLE + _sources(load_sources(indicator.indicator_id), lang))


def _tasks(indicator: Indicator, filters: Filters) -> None:
    lang = filters.lang
    tasks = load_tasks_serving(indicator.indicator_id, filters)
    st.subheader(t("indicator.tasks", lang, n=len(tasks)))
    if not tasks:
        st.info(t("indicator.no_tasks", lang))
        return
    st.caption(t("indicator.tasks_note", lang))
    keys = ("indicator.col.task", "indicator.col.text", "indicator.col.lead",
            "indicator.col.deadline", "indicator.col.basis")  # fmt: skip
    head = "".join(f"<th scope='col'>{_esc(t(k, lang))}</th>" for k in keys)
    body = []
    for task in tasks:
        lead = "; ".join(task.lead)
        if not task.lead_verified:
            lead += f" ({t('indicator.unverified', lang)})"
        body.append(
            f"<tr data-task='{_esc(task.task_id)}'><th scope='row'>"
            f"<a href='{_esc(task.link)}' target='_self'>{_esc(task.task_id)}</a></th>"
            f"<td>{_esc(task.text)}</td><td>{_esc(lead)}</td>"
            f"<td class='ttx-num'>{task.deadline or '—'}</td>"
            f"<td>{_esc(t('indicator.basis.' + task.basis, lang))}</td></tr>"
        )
    st.html(
        STYLE + FACTS_STYLE + "<div class='ttx-wrap'><table class='ttx-scorecard ttx-tasks'>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


@st.fragment
def _map(indicator: Indicator, filters: Filters) -> None:
    """A link to the map page that places the indicator and, on request, its picture (drawn
    once per year, language and data, for the whole province: a second or two the first time)."""
    kind = indicator_detail.map_page(indicator.indicator_id)
    if kind is None:
        return
    lang = filters.lang
    st.subheader(t("indicator.map", lang))
    st.page_link(
        f"pages/{kind}.py",
        label=t(f"page.{kind}", lang),
        icon=PAGE_ICONS[kind],
        query_params=to_query(filters),
    )
    st.caption(t("indicator.map_hint", lang))
    year = maps.map_year(filters.year_to)
    if st.toggle(t("indicator.map_show", lang, year=year), key=f"map-{indicator.indicator_id}"):
        whole = Filters(lang=lang, snapshot=filters.snapshot)
        st.image(map_picture(kind, year, whole), width="stretch")


def _requested() -> Indicator | None:
    raw = st.query_params.get(ID_PARAM)
    if not raw:
        return None
    try:
        return current_source().indicator(raw)
    except KeyError:
        return None


def render_indicator() -> None:
    """The page of the indicator the URL names; a clear message for a missing or unknown id."""
    ensure_app_frame()
    filters = current_filters()
    lang = filters.lang
    indicator = _requested()
    if indicator is None:
        _not_found(st.query_params.get(ID_PARAM), filters)
        return
    st.title(f"{indicator.label} · {indicator.name(lang)}")
    st.page_link(
        f"pages/{indicator.group}.py",
        label=catalog.GROUPS[indicator.group][lang == "en"],
        icon=":material/arrow_back:",
        query_params=to_query(filters),
    )
    components.as_of_caption(lang)
    components.illustrative_banner(indicator_panel.illustrative(indicator, filters), lang)
    if filters.sector and filters.sector not in indicator.sectors:
        sector = catalog.SECTORS[filters.sector][lang == "en"]
        st.caption(t("indicator.other_sector", lang, sector=sector))
    if indicator.is_milestone:
        indicator_panel.milestone_view(indicator, filters)
    else:
        indicator_panel.series_view(indicator, filters)
        if indicator.by_district:
            indicator_panel.ranking_view(indicator, filters)
    _map(indicator, filters)
    _about(indicator, filters)
    indicator_panel.history_view(indicator, filters)
    _tasks(indicator, filters)
