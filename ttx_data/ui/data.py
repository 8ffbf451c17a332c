"""Cached data access for pages: every result is cached per `DataSource` (the data the reader
looks at, with its version) and the query, filters or parameters asked.

Every cache is bounded by `max_entries` and `CACHE_TTL`. Freshness does not depend on either:
the source's version is part of every key, so a rewritten file is a new key at once; the bounds
only let go of memory (results of an older version, of a filter nobody chose for an hour)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import astuple, dataclass, replace
from functools import partial, wraps
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit import dataframe_util, runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ttx_data import (
    brief,
    catalog,
    chart_pictures,
    charts,
    datasets,
    district_profile,
    export,
    geography,
    group_summary,
    indicator_detail,
    map_images,
    maps,
    meeting,
    panels,
    places,
    plan,
    published_versions,
    scorecard,
    snapshots,
    sources,
)
from ttx_data.filters import Filters
from ttx_data.i18n import LANGUAGES
from ttx_data.plan import BASELINE_YEAR, TARGET_YEAR
from ttx_data.reporting import completeness
from ttx_data.sources import DataSource
from ttx_data.tasks import status as task_status
from ttx_data.ui import auth, overview_html, readers
from ttx_data.ui.errors import show_error
from ttx_data.ui.state import SNAPSHOT_KEY, SOURCE_THIS_RUN

CACHE_TTL = "1h"
_log = logging.getLogger("ttx_data.ui")


def _source_key(source: DataSource) -> tuple:
    return (source.kind, source.identity, source.version)  # a frozen copy: the same entries


HASHED = {DataSource: _source_key, Filters: astuple}
"""How the caches hash their keys: a source by what names it and its version, filters by their
values (a few microseconds, where Streamlit's generic hashing of the objects takes a millisecond
or two at every call)."""
_published_entries: dict[str, set[tuple]] = {}
"""Per version of the published data, the cached calls made for it, (function, args, kwargs):
what `forget_published_before` clears once a newer version is served."""
_entries_lock = threading.Lock()


def _tracked(decorator: Callable) -> Callable:
    """A Streamlit cache decorator whose calls for the published data are remembered by
    version, so that a superseded version's entries can be cleared at once (their memory freed)
    rather than when `max_entries` or `ttl` push them out."""

    def with_options(**options: object) -> Callable:
        def wrap(function: Callable) -> Callable:
            cached_function = decorator(**options)(function)

            @wraps(function)
            def call(*args: object, **kwargs: object) -> object:
                for value in (*args, *kwargs.values()):
                    if isinstance(value, DataSource) and value.kind == sources.PUBLISHED:
                        entry = (cached_function, args, tuple(sorted(kwargs.items())))
                        with _entries_lock, suppress(TypeError):  # unhashable: left to ttl
                            _published_entries.setdefault(value.version, set()).add(entry)
                        break
                return cached_function(*args, **kwargs)

            call.clear = cached_function.clear
            return call

        return wrap

    with_options.keywords = decorator.keywords  # the cache's options, as the partial's
    return with_options


def forget_published_before(version: str) -> int:
    """Clear every cached result of the published data's versions seen before `version` (now
    the one served): how many entries."""
    served = _versions.seen_order(version)
    with _entries_lock:
        older = [v for v in _published_entries if v != version and _versions.seen_order(v) < served]
        entries = [entry for v in older for entry in _published_entries.pop(v)]
    for cached_function, args, kwargs in entries:
        cached_function.clear(*args, **dict(kwargs))
    return len(entries)


cached = _tracked(partial(st.cache_data, show_spinner=False, ttl=CACHE_TTL, hash_funcs=HASHED))
"""A cache of results that are copied to every caller (pickled): for results callers change."""
shared = _tracked(partial(st.cache_resource, show_spinner=False, ttl=CACHE_TTL, hash_funcs=HASHED))
"""A cache of results shared by every session as they are (not copied): for results no caller
changes (frozen objects, specs drawn as given, frames copied before any change)."""


def current_source() -> DataSource:
    """The data the reader is looking at (the sidebar's choice), as its files are at the start of
    this run of the app (the page and its fragments see one version); a broken or altered
    snapshot is said and stops the page. Cheap: a few `stat` calls once per run (a snapshot's
    files are checked against its manifest, hashed again only when changed). Outside a run (a
    script importing this module) the files are looked at on every call."""
    chosen = st.session_state.get(SNAPSHOT_KEY)
    in_a_run = get_script_run_ctx(suppress_warning=True) is not None
    known = st.session_state.get(SOURCE_THIS_RUN) if in_a_run else None
    if known is not None and known[0] == chosen:
        return known[1]
    try:
        source = sources.resolve(chosen)
    except snapshots.SnapshotError as error:
        show_error(str(error))
        st.stop()
    if source.kind == sources.PUBLISHED and _serving():
        source = _published_to_serve(source)
    if in_a_run:
        st.session_state[SOURCE_THIS_RUN] = (chosen, source)
    return source


PUBLISHED_SEEN = "_published_seen"
"""Session state: the newest version of the published data this session has been shown (its
order among the versions seen): a reader is never taken back to an older one."""
_versions = published_versions.PublishedVersions()


def _published_to_serve(live: DataSource) -> DataSource:
    """What a reader of the published data is served: the newest version, from its frozen copy,
    once its caches are warm (`warm_in_background`). While it warms, an anonymous reader who has
    not been shown it yet is served the version before it, if that one is warm, for at most
    `published_versions.warming_grace_s()` (2 minutes); signed-in staff (the reviewer who has
    just published, the secretariat) get the files as they are at once."""
    newest = _versions.seen(live)
    shown = st.session_state.get(PUBLISHED_SEEN, 0)
    warm = _versions.warm(live.version)
    if warm is None:
        warm_in_background(live)
        previous = _versions.newest_warm(before=newest.seq)
        waited = time.monotonic() - newest.seen_at
        if (
            previous is not None
            and shown < newest.seq
            and waited < published_versions.warming_grace_s()
            and not auth.current_actor().signed_in
        ):
            st.session_state[PUBLISHED_SEEN] = max(shown, previous.seq)
            return previous.frozen
    st.session_state[PUBLISHED_SEEN] = max(shown, newest.seq)
    return warm or live


def _serving() -> bool:
    """Whether a Streamlit server runs the app (not a script, nor AppTest, which puts a stand-in
    in the runtime's place for the length of a run)."""
    return runtime.exists() and type(runtime.get_instance()) is runtime.Runtime


def warm_in_background(source: DataSource) -> None:
    """Once per version of the published data, in a background thread of a running server:
    build what readers open first, so that the first reader of each does not wait for it: every
    group's summary and every indicator's panels for the whole province, in both languages,
    then the summaries of each district (`_warm_steps`; about 10 s of one core here and 40 s of
    the drawing process's; the caches then share them with every session). It reads a frozen
    copy of the files (`published_versions`), gives way to readers' page runs between steps
    (for at most half of the grace period, `warming_grace_s`), then lets the version be served
    and clears the older versions' entries. A newer version seen meanwhile stops the warming of
    an older one: data published several times in a row are warmed once, at their last
    version, not once per version in competing threads."""
    if _serving() and _versions.start_warming(source):
        threading.Thread(target=_warm, args=(source,), name="ttx-warm", daemon=True).start()


def _outdated(source: DataSource) -> bool:
    """Whether a newer version of the published data has been seen since it was warmed."""
    return _versions.seen_order(source.version) < _versions.newest_order()


def _warm(live: DataSource) -> None:
    """Freeze a copy of the published version `live`, warm its caches, then let it be served."""
    started = time.perf_counter()
    try:
        source = _versions.freeze(live)
        if source is None:
            _log.info("warming %s stopped: the files changed while copied", live.version)
            return
        readers_until = time.monotonic() + published_versions.warming_grace_s() / 2
        for build in _warm_steps(source):
            readers.wait_until_quiet(readers_until)  # readers' pages first, for a while
            if _outdated(source):
                _log.info("warming %s %s stopped: newer data", source.identity, source.version)
                return
            build()
        _versions.mark_warm(source)
        forgotten = forget_published_before(source.version)
        _log.info("%d cached results of older data versions cleared", forgotten)
    except Exception:  # noqa: BLE001 - a page builds it again when asked, and says what fails
        _log.exception("warming the caches of %s failed", live.identity)
    else:
        took = time.perf_counter() - started
        _log.info("caches of %s %s warmed in %.1f s", source.identity, source.version, took)


def _warm_steps(source: DataSource) -> Iterator[Callable[[], object]]:
    """What warming builds, one step at a time: the group summaries, then each indicator's
    panels, for the whole province in each language; last, each group's summary for each
    district alone (a district's first reader would otherwise wait for its small multiples to
    be drawn, 0.3-0.9 s each, in the drawing process: no reader's page stops meanwhile)."""
    for lang in LANGUAGES:
        filters = Filters(lang=lang)
        for group in catalog.GROUPS:
            yield partial(_summary, group, filters, source)
        for indicator in source.indicators():
            code = indicator.indicator_id
            if indicator.is_milestone:
                yield partial(_panel, "milestone", code, filters, source)
                continue
            yield partial(_panel, "series", code, filters, source)
            if indicator.by_district:
                yield partial(_panel, "ranking", code, filters, source)
    for lang in LANGUAGES:
        for district in geography.district_codes():
            for group in catalog.GROUPS:
                yield partial(_summary, group, Filters(lang=lang, districts=(district,)), source)


@shared(max_entries=512)
def _run(name: str, source: DataSource, params: tuple[tuple[str, object], ...]) -> pd.DataFrame:
    return source.query(name, **{k: list(v) if isinstance(v, tuple) else v for k, v in params})


def run_query(name: str, **params: object) -> pd.DataFrame:
    """A named query over the data being viewed, cached; the frame is a copy pages may change."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _run(name, current_source(), frozen).copy()


@shared(max_entries=64)
def _scorecard(source: DataSource, first_year: int, last_year: int) -> pd.DataFrame:
    return scorecard.load_scorecard(first_year, last_year, source.directory)


def load_scorecard(first_year: int = BASELINE_YEAR, last_year: int = TARGET_YEAR) -> pd.DataFrame:
    """The scorecard for a year range, cached."""
    return _scorecard(current_source(), first_year, last_year).copy()


@shared(max_entries=16)
def _task_reports(source: DataSource) -> pd.DataFrame:
    return source.dataset(datasets.TASK_REPORTS)


def load_task_reports() -> pd.DataFrame:
    """The published reports on the plan's tasks (dataset task_reports) of the data viewed."""
    return _task_reports(current_source()).copy()


@shared(max_entries=16)
def _task_statuses(source: DataSource, on: dt.date) -> pd.DataFrame:
    return task_status.task_statuses(_task_reports(source), on)


def today() -> dt.date:
    """Today in Vietnam: the day tasks are classified and agencies named on."""
    return plan.local_date(dt.datetime.now(dt.UTC))


def load_task_statuses() -> pd.DataFrame:
    """Every task and dated duty with its classification today (`tasks.status.task_statuses`)
    from the reports of the data viewed, cached per data version and day."""
    return _task_statuses(current_source(), today()).copy()


@shared(max_entries=16)
def _metadata(source: DataSource) -> dict:
    return source.metadata()


@shared(max_entries=64)
def _currency_text(lang: str, source: DataSource) -> str:
    return source.currency_text(lang)


def currency_text(lang: str) -> str:
    """'Số liệu đến năm 2025 · dữ liệu thay đổi lần cuối ngày …' for the data being viewed."""
    return _currency_text(lang, current_source())


def dataset_metadata() -> dict:
    """The metadata (as-of date) of the data being viewed, cached."""
    return dict(_metadata(current_source()))


@shared(max_entries=256)
def _district_profile(
    source: DataSource, district_code: str, first: int, last: int
) -> pd.DataFrame:
    return district_profile.load_profile(district_code, first, last, source.directory)


def load_district_profile(district_code: str, first_year: int, last_year: int) -> pd.DataFrame:
    """One district's profile over a year range, cached."""
    return _district_profile(current_source(), district_code, first_year, last_year).copy()


_PANELS = {
    "series": panels.series_panel,
    "ranking": panels.ranking_panel,
    "milestone": lambda indicator_id, filters, directory: panels.milestone_panel(
        indicator_id, filters.lang, directory
    ),
}


@dataclass(frozen=True)
class Drawn:
    """A panel and its chart ready to draw; shared by sessions, never changed."""

    panel: panels.Panel
    chart: dict | None


@shared(max_entries=2000)
def _panel(kind: str, indicator_id: str, filters: Filters, source: DataSource) -> Drawn:
    panel = _PANELS[kind](indicator_id, filters, source.directory)
    return Drawn(panel, drawable(panel.spec))


@shared(max_entries=2000)
def _ranking(indicator_id: str, filters: Filters, source: DataSource) -> Drawn:
    """A ranking built once for every choice of districts (`_panel` without them), the chosen
    ones marked in its bars' data."""
    drawn = _panel("ranking", indicator_id, replace(filters, districts=()), source)
    if drawn.panel.spec is None or not filters.districts:
        return drawn
    return Drawn(drawn.panel, drawable(charts.with_chosen(drawn.panel.spec, filters.districts)))


def load_panel(kind: str, indicator_id: str, filters: Filters) -> Drawn:
    """An indicator panel's contents (series, ranking or milestone), built once per data version
    and filters and shared by every session (read it, never change it)."""
    source = current_source()
    asked = replace(filters, sector=None, snapshot=None)  # the data are the source's
    if kind == "milestone":
        return _panel(kind, indicator_id, Filters(lang=filters.lang), source)
    if kind == "ranking":
        return _ranking(indicator_id, asked, source)
    return _panel(kind, indicator_id, asked, source)


DATASET_PREFIX = "data"
"""Start of the stable names `drawable` gives a spec's datasets: data0, data1, ..."""


def drawable(spec: dict | None) -> dict | None:
    """A Vega-Lite spec ready for `st.vega_lite_chart` on every run: its named datasets already
    Arrow bytes (what Streamlit would otherwise convert again at each run), named by their place
    (data0, data1, ...), not by a hash of their contents as Altair names them. So a chart whose
    data change but not its form (another district chosen) keeps its spec, and the browser
    updates the drawn chart's data in place instead of drawing it anew. The spec's other parts
    are shared with the one given: neither may be changed."""
    if spec is None or "datasets" not in spec:
        return spec
    names = {name: f"{DATASET_PREFIX}{place}" for place, name in enumerate(spec["datasets"])}
    datasets = {
        names[name]: values
        if isinstance(values, bytes)
        else dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame(values))
        for name, values in spec["datasets"].items()
    }
    renamed = _data_renamed({k: v for k, v in spec.items() if k != "datasets"}, names)
    return {**renamed, "datasets": datasets}


def _data_renamed(node, names: dict[str, str]):
    """`node` with each reference to a named dataset (`"data": {"name": ...}`) renamed by
    `names`; the node given is left as it is."""
    if isinstance(node, list):
        return [_data_renamed(item, names) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "data" and isinstance(value, dict) and value.get("name") in names:
            out[key] = {**value, "name": names[value["name"]]}
        elif isinstance(value, (dict, list)):
            out[key] = _data_renamed(value, names)
        else:
            out[key] = value
    return out


@dataclass(frozen=True)
class Summary:
    """A group's summary and its small multiples drawn; shared by sessions, never changed."""

    summary: group_summary.GroupSummary
    picture: chart_pictures.Picture | None
    """The small multiples drawn on the server as an image: the page then needs no chart library
    in the browser (Streamlit's Vega code, fetched and compiled on a page's first chart, took
    ~0.6 s of every cold load). None without a chart."""
    picture_failed: bool = False
    """The chart could not be drawn (the drawing process failed): the page says so, the table
    stays; drawn again with the next data version or after the cache's `ttl`."""


@shared(max_entries=256)
def _summary(group: str, filters: Filters, source: DataSource) -> Summary:
    found = group_summary.group_summary(group, filters, source.directory)
    if found.spec is None:
        return Summary(found, None)
    try:
        return Summary(found, _picture(json.dumps(found.spec, sort_keys=True)))
    except (chart_pictures.ChartPictureError, OSError):
        _log.exception("the small multiples of %s (%s) could not be drawn", group, filters)
        return Summary(found, None, picture_failed=True)


@shared(max_entries=256)
def _picture(spec: str) -> chart_pictures.Picture:
    """The picture of a chart specification (JSON), by its content: a new data version whose
    numbers of a group are unchanged draws none of that group's pictures again."""
    return chart_pictures.webp(json.loads(spec))


def load_group_summary(group: str, filters: Filters) -> Summary:
    """A target group's summary for the filters, built once per data version and filters and
    shared by every session (not copied per run: read it, never change it)."""
    return _summary(group, filters, current_source())


@shared(max_entries=256)
def _overview(source: DataSource, filters: Filters, on: dt.date) -> overview_html.OverviewBlocks:
    card = _scorecard(source, filters.year_from, filters.year_to)
    statuses = _task_statuses(source, on)
    return overview_html.overview_blocks(card, statuses, filters, on, source.directory)


def load_overview(filters: Filters) -> overview_html.OverviewBlocks:
    """The overview's blocks for the filters, today: built once per data version, filters and
    day, shared by every session (a run only draws them)."""
    return _overview(current_source(), filters, today())


@shared(max_entries=256)
def _sources(indicator_id: str, source: DataSource) -> tuple[indicator_detail.Source, ...]:
    return indicator_detail.sources(indicator_id, source.directory)


def load_sources(indicator_id: str) -> tuple[indicator_detail.Source, ...]:
    """Where an indicator's values come from, in the data being viewed (shared, immutable)."""
    return _sources(indicator_id, current_source())


@shared(max_entries=256)
def _tasks_serving(
    indicator_id: str, filters: Filters, today: dt.date
) -> tuple[indicator_detail.ServingTask, ...]:
    return indicator_detail.serving_tasks(indicator_id, filters, today)


def load_tasks_serving(
    indicator_id: str, filters: Filters
) -> tuple[indicator_detail.ServingTask, ...]:
    """The plan's tasks serving an indicator, with who leads them today (shared, immutable)."""
    return _tasks_serving(indicator_id, filters, dt.date.today())


@cached(max_entries=64)
def _meeting(
    filters: Filters, source: DataSource, reporting: completeness.ReportingStatus
) -> meeting.Meeting:
    return meeting.build_meeting(filters, source.directory, source.snapshot_name, reporting)


def reporting_status() -> completeness.ReportingStatus:
    """Today's reporting status of the meeting's period, read from the store at every call (tens
    of milliseconds) so that a decision shows at once: it is part of the meeting's cache key.
    Without the store, a status that says so (the meeting still shows)."""
    return completeness.reporting_status(auth.store_engine)


def snapshot_name(filters: Filters) -> str | None:
    """The name of the snapshot the reader is viewing, if any."""
    return sources.resolve(filters.snapshot).snapshot_name


def load_meeting(filters: Filters) -> meeting.Meeting:
    """The meeting sequence for the filters and the data they name (`filters.snapshot`), cached;
    reads no session state, so a download callable gets the snapshot it was drawn with."""
    return _meeting(filters, sources.resolve(filters.snapshot), reporting_status())


def _query(source: DataSource, name: str, **params: object) -> pd.DataFrame:
    return _run(name, source, tuple(sorted(params.items())))


@shared(max_entries=256)
def _map_deck(
    kind: str, year: int, lang: str, selected: tuple[str, ...], basemap: bool, source: DataSource
) -> maps.MapDeck:
    if kind == "sites":
        sites = _query(source, "sites_in_year", year=year)
        if selected:
            sites = sites[sites["district_code"].isin(selected)]
        coverage = _query(source, "wwtp_coverage_by_district", year=year)
        return maps.sites_deck(maps.site_points(sites, year, lang), coverage, year, lang, selected)
    if kind == "forest":
        forest = _query(source, "forest_by_district", year=year)
        target = maps.forest_target_pct(source.directory)
        return maps.forest_deck(forest, year, lang, selected, target)
    points = maps.commune_points(places.communes_frame(selected, lang), lang)
    return maps.communes_deck(points, lang, selected)


def load_map_deck(kind: str, year: int | None, filters: Filters) -> maps.MapDeck:
    """The deck of a map page ('sites', 'forest' or 'communes'; the communes have no year), its
    JSON written once per data version, year, language, districts chosen and basemap setting
    and shared by every session: a rerun sends the very same spec, which the browser does not
    parse or draw again."""
    basemap = maps.basemap_enabled()
    return _map_deck(kind, year, filters.lang, filters.districts, basemap, current_source())


@shared(max_entries=64)
def _map_picture(kind: str, year: int, lang: str, selected: tuple, source: DataSource) -> bytes:
    draw = map_images.sites_map_png if kind == "sites_map" else map_images.forest_map_png
    return draw(year, lang, selected, source.directory)


def map_picture(kind: str, year: int, filters: Filters) -> bytes:
    """A map slide's picture (the same drawing the brief uses) of the data the filters name,
    cached."""
    source = sources.resolve(filters.snapshot)
    return _map_picture(kind, year, filters.lang, filters.districts, source)


def brief_pptx(filters: Filters) -> bytes:
    """The meeting brief for the filters and the data they name (made when a reader asks)."""
    source = sources.resolve(filters.snapshot)
    return brief.build_brief(_meeting(filters, source, reporting_status()), source.directory)


class BriefBusy(RuntimeError):
    """This session is already building a PDF: one build at a time per session."""


_PDF_LOCK = "_brief_pdf_lock"
_BUILT_PDF = "_brief_pdf_built"


@cached(max_entries=8)
def _brief_pdf(
    filters: Filters, source: sources.DataSource, reporting: completeness.ReportingStatus
) -> bytes:
    with tempfile.TemporaryDirectory(prefix="ttx-brief-") as work:
        pptx = Path(work) / "brief.pptx"
        plan = _meeting(filters, source, reporting)
        pptx.write_bytes(brief.build_brief(plan, source.directory))
        return brief.pptx_to_pdf(pptx, Path(work) / "brief.pdf").read_bytes()


def brief_pdf(filters: Filters) -> bytes:
    """The brief as PDF through LibreOffice (about 10 s and 400 MB each): cached per data
    version, filters, language and reporting status, and at most one build at a time in a session (BriefBusy for
    a second); BriefError when LibreOffice is not installed."""
    lock = st.session_state.setdefault(_PDF_LOCK, threading.Lock())
    if not lock.acquire(blocking=False):
        raise BriefBusy
    try:
        source, reporting = sources.resolve(filters.snapshot), reporting_status()
        pdf = _brief_pdf(filters, source, reporting)
    finally:
        lock.release()
    # the latest only: one file per reader
    st.session_state[_BUILT_PDF] = ((filters, source, reporting), pdf)
    return pdf


def made_brief_pdf(filters: Filters) -> bytes | None:
    """The PDF already built for these filters, data and reporting status (None if not yet):
    what the download button offers without starting LibreOffice again."""
    try:
        source = sources.resolve(filters.snapshot)
    except snapshots.SnapshotError:
        return None
    key, pdf = st.session_state.get(_BUILT_PDF, (None, None))
    return pdf if key == (filters, source, reporting_status()) else None


def dataset_workbook(filters: Filters | None, lang: str, snapshot_id: str | None) -> bytes:
    """The whole dataset (filters None) or the filtered part as one .xlsx, from the snapshot
    `snapshot_id` (checked) or the published data; bound when the page runs, reads no session."""
    source = sources.resolve(snapshot_id)
    return export.dataset_workbook(filters, lang, source.directory, source.snapshot_name)


@cached(max_entries=16)
def _what_changed(old: DataSource, new: DataSource) -> snapshots.WhatChanged:
    return snapshots.what_changed(old.directory, new.directory)


def what_changed(snapshot_id: str) -> snapshots.WhatChanged:
    """What changed from a snapshot to the published data (cached until a data file changes)."""
    return _what_changed(sources.snapshot(snapshot_id), sources.published())
