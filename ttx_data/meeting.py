"""The steering-committee meeting sequence, built once for presenter mode and the meeting brief.

Title with the as-of date -> status overview of the targets -> each group's targets -> the two
maps -> off-track targets with the agencies leading them today -> the districts lagging most ->
the overdue tasks by agency -> who has (not) reported the meeting's period (when `build_meeting`
is given a `ReportingStatus`). Each `Slide` carries what it shows (rows, a Vega-Lite chart, a
map year), how many illustrative values it shows, and its sources for the speaker notes. It
follows the reader's filters and language.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ttx_data import (
    catalog,
    charts,
    datasets,
    district_profile,
    geography,
    maps,
    plan,
    progress,
    scorecard,
    task_slides,
)
from ttx_data.agencies import today_text
from ttx_data.filters import Filters, indicators_for
from ttx_data.i18n import format_date, format_number, format_value, t
from ttx_data.indicator_text import target_text, value_unit
from ttx_data.places import history
from ttx_data.query import currency_text, dataset_metadata, read_dataset, run_query
from ttx_data.reporting.completeness import ReportingStatus
from ttx_data.reporting.publish import agency_name
from ttx_data.task_slides import AgencyTasks
from ttx_data.tasks import status as task_status

ROWS_PER_SLIDE = {"group": 6, "off_track": 4, "reporting": 6, "overdue_tasks": task_slides.ROWS}
"""Rows a slide holds at projector size; off-track rows also name today's lead agency and the
plan's (two or three lines in English); a reporting row is an agency (two lines when its name
is long); an overdue-tasks slide counts an agency's heading and each task. Longer lists continue
on the next slide."""

REPORTING_COLUMNS = (
    "expected", "received", "accepted", "returned", "pending", "on_time", "late", "missing",
    "overdue",
)  # fmt: skip
"""The counts the reporting slide shows for each agency, after its name; their headers are the
completeness page's (`reporting.completeness.COMPLETENESS_HEADERS`)."""

LAGGING_SHOWN = 5
"""Districts on the 'lagging most' slide (all chosen districts when fewer)."""

OFF_TRACK_ORDER = progress.OFF_TRACK_ORDER
"""Off-track statuses, most worrying first."""

SITES_INDICATOR = "t07_kcn_ccn_wwtp_share"
FOREST_INDICATOR = "t05a_forest_cover"


@dataclass(frozen=True)
class TargetLine:
    """One indicator as a slide lists it: latest value, 2030 target, status, lead agency."""

    indicator_id: str
    label: str
    name: str
    latest: str
    latest_year: int | None
    provenance: str | None
    target: str
    status: str
    lead_agency: str
    area: str = ""
    """Where the figure is from when districts are chosen ('Lục Nam', or 'Toàn tỉnh' for an
    indicator followed for the province only); empty for the whole-province deck."""


@dataclass(frozen=True)
class DistrictLag:
    """A district's off-track count among the indicators assessed for it."""

    district_code: str
    name: str
    assessed: int
    off_track: int
    off_track_labels: tuple[str, ...]
    illustrative: int = 0
    validity: str = ""
    """What the district was by the last year viewed ('đến 31/12/2024; …'), '' while it was
    still its 2022 unit (`places.history.validity_in`)."""
    until: str = ""
    """For a district that ended before the others (Yên Dũng), its end for the chart's axis:
    'đến 31/12/2024' (`places.history.ended_early_in`)."""

    @property
    def label(self) -> str:
        """The name with its validity, as the slide's rows show it."""
        return f"{self.name} ({self.validity})" if self.validity else self.name

    @property
    def share(self) -> float:
        return self.off_track / self.assessed if self.assessed else 0.0


@dataclass(frozen=True)
class AgencyReporting:
    """An agency's reports of the meeting's period, as the reporting slide lists them."""

    agency_id: str
    name: str
    """Today's name of the agency, in the meeting's language."""
    counts: dict[str, int]
    """Reports expected, received, ... by REPORTING_COLUMNS."""

    @property
    def reported(self) -> bool:
        """Whether every expected report has been received."""
        return self.counts["missing"] == 0

    def alarming(self, column: str) -> bool:
        """Whether a count is one the slide shows in red: reports missing or overdue."""
        return column in ("missing", "overdue") and self.counts[column] > 0


@dataclass(frozen=True)
class Slide:
    """One slide of the meeting: a kind, a title and what it shows."""

    # title | status_overview | group | sites_map | forest_map | off_track | lagging |
    # overdue_tasks | reporting
    kind: str
    title: str
    subtitle: str = ""
    points: tuple[str, ...] = ()
    lines: tuple[TargetLine, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    chart: dict | None = None
    map_year: int | None = None
    lags: tuple[DistrictLag, ...] = ()
    reports: tuple[AgencyReporting, ...] = ()
    agencies: tuple[AgencyTasks, ...] = ()
    illustrative: int = 0
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Meeting:
    """The whole sequence with what every slide's footer repeats."""

    title: str
    as_of: str
    as_of_text: str
    scope: str
    snapshot_name: str | None
    lang: str
    filters: Filters
    slides: tuple[Slide, ...]

    @property
    def illustrative(self) -> int:
        return sum(s.illustrative for s in self.slides)


def scope_text(filters: Filters) -> str:
    """'Toàn tỉnh · mọi lĩnh vực · 2020-2025' or the chosen districts and sector."""
    lang = filters.lang
    if filters.districts:
        names = geography.district_names(lang)
        area = ", ".join(names[c] for c in filters.districts)
    else:
        area = t("filter.whole_province", lang)
    sector = (
        catalog.SECTORS[filters.sector][lang == "en"]
        if filters.sector
        else t("filter.all_sectors", lang)
    )
    return f"{area} · {sector} · {filters.year_from}-{filters.year_to}"


def _latest_text(indicator: catalog.Indicator, row: pd.Series, lang: str) -> str:
    if indicator.is_milestone:
        done, total = row["steps_done"], row["steps_total"]
        return t("meeting.steps_done", lang, done=int(done), total=int(total))
    if pd.isna(row["latest_value"]):
        return t("value.none", lang)
    return format_value(row["latest_value"], value_unit(indicator, lang), lang, indicator.decimals)


def _lead(
    indicator: catalog.Indicator, lang: str, directory: Path | None, on: dt.date | None
) -> str:
    if indicator.lead_agency:
        return today_text(indicator.lead_agency, lang, on, directory)
    return indicator.lead_note_text(lang) or t("meeting.no_lead", lang)


def area_card(card: pd.DataFrame, filters: Filters, directory: Path | None = None) -> pd.DataFrame:
    """The rows the deck's tables show. Whole province: the scorecard. With districts chosen:
    each chosen district's own value and status for the indicators followed by district, and
    the province's row (named so) for the others; column `area` says which."""
    if not filters.districts:
        return card.assign(area="")
    lang = filters.lang
    names = geography.district_names(lang)
    profiles = {
        code: district_profile.load_profile(
            code, filters.year_from, filters.year_to, directory
        ).set_index("indicator_id")
        for code in filters.districts
    }
    rows = []
    for _, row in card.iterrows():
        if not catalog.indicator(row["indicator_id"], directory).by_district:
            rows.append(row.to_dict() | {"area": t("area.province", lang)})
            continue
        for code in filters.districts:
            if row["indicator_id"] not in profiles[code].index:
                continue
            own = profiles[code].loc[row["indicator_id"]]
            rows.append(
                row.to_dict()
                | {
                    "area": names[code],
                    "latest_value": own["latest_value"],
                    "latest_year": own["latest_year"],
                    "latest_provenance": own["provenance"],
                    "status": own["status"],
                    "illustrative_values": own["trend_provenances"].count("illustrative"),
                }
            )
    return pd.DataFrame(rows, columns=[*card.columns, "area"])


def target_line(
    row: pd.Series, lang: str, directory: Path | None = None, on: dt.date | None = None
) -> TargetLine:
    """A scorecard row as a slide shows it, with the catalog of its data directory; the lead
    agency is who answers on `on` (default: today), the plan's in brackets when different."""
    indicator = catalog.indicator(row["indicator_id"], directory)
    year = row["latest_year"]
    return TargetLine(
        indicator_id=indicator.indicator_id,
        label=indicator.label,
        name=indicator.name(lang),
        latest=_latest_text(indicator, row, lang),
        latest_year=None if pd.isna(year) else int(year),
        provenance=row["latest_provenance"] if isinstance(row["latest_provenance"], str) else None,
        target=target_text(indicator, lang),
        status=row["status"],
        lead_agency=_lead(indicator, lang, directory, on),
        area=row.get("area", "") or "",
    )


def _source_lines(rows: pd.DataFrame, lang: str, illustrative: int) -> tuple[str, ...]:
    """Published sources behind non-illustrative rows, then a line about illustrative values."""
    lines = []
    if {"source_title", "provenance"} <= set(rows.columns):
        cited = rows[(rows["provenance"] != "illustrative") & rows["source_title"].notna()]
        for (title, url), group in cited.groupby(["source_title", "source_url"], dropna=False):
            provenance = ", ".join(
                sorted({t("provenance." + p, lang) for p in group["provenance"]})
            )
            link = f" {url}" if isinstance(url, str) else ""
            lines.append(f"{title} ({provenance}).{link}")
    if illustrative:
        lines.append(t("meeting.illustrative_note", lang, count=illustrative))
    return tuple(lines)


def _cited(observations: pd.DataFrame, ids: list[str], card: pd.DataFrame) -> pd.DataFrame:
    """The observations behind the latest values shown for these indicators."""
    latest = card[card["indicator_id"].isin(ids)][["indicator_id", "latest_year"]].dropna()
    latest = latest.assign(year=latest["latest_year"].astype(int))[["indicator_id", "year"]]
    return observations.merge(latest, on=["indicator_id", "year"])


def _title_slide(filters: Filters, currency: str, snapshot_name: str | None) -> Slide:
    lang = filters.lang
    points = [currency, scope_text(filters)]
    if snapshot_name:
        points.append(t("meeting.snapshot", lang, name=snapshot_name))
    return Slide(
        kind="title",
        title=t("meeting.title", lang),
        subtitle=t("meeting.subtitle", lang),
        points=tuple(points),
        sources=(t("meeting.plan_source", lang),),
    )


def rows_note(filters: Filters) -> str:
    """With districts chosen, what a table row is: '' for the whole province."""
    if not filters.districts:
        return ""
    names = geography.district_names(filters.lang)
    chosen = ", ".join(names[c] for c in filters.districts)
    return t("meeting.district_rows", filters.lang, districts=chosen)


def _overview_slide(card: pd.DataFrame, cited: pd.DataFrame, lang: str, note: str) -> Slide:
    counts = scorecard.status_counts(card)
    good = counts.get(progress.ACHIEVED, 0) + counts.get(progress.ON_TRACK, 0)
    off = sum(counts.get(s, 0) for s in progress.OFF_TRACK_STATUSES)
    illustrative = int((card["illustrative_values"] > 0).sum())
    unit = "_rows" if note else ""  # with districts, a row is an indicator in one area
    return Slide(
        kind="status_overview",
        title=t("meeting.overview_title", lang),
        subtitle=note,
        points=(
            t(f"meeting.overview_good{unit}", lang, good=good, total=len(card)),
            t(f"meeting.overview_off{unit}", lang, off=off, total=len(card)),
        ),
        counts=counts,
        chart=charts.status_overview_chart(card, lang).to_dict(),
        illustrative=illustrative,
        sources=_source_lines(cited, lang, 0)
        + ((t("meeting.illustrative_statuses", lang, count=illustrative),) if illustrative else ()),
    )


def _shown_illustrative(lines: tuple[TargetLine, ...]) -> int:
    """Latest values on a slide that are illustrative."""
    return sum(line.provenance == "illustrative" for line in lines)


def _chunks(rows: pd.DataFrame, per_slide: int) -> list[pd.DataFrame]:
    """Rows split over as few slides as fit, evenly (13 rows -> 5, 5, 3 rather than 6, 6, 1)."""
    parts = max(1, math.ceil(len(rows) / per_slide))
    size = math.ceil(len(rows) / parts) if len(rows) else 1
    return [rows.iloc[i : i + size] for i in range(0, len(rows), size)] or [rows]


def _numbered(title: str, n: int, total: int) -> str:
    return f"{title} ({n}/{total})" if total > 1 else title


def _table_slides(
    kind: str,
    title: str,
    subtitle: str,
    rows: pd.DataFrame,
    cited: pd.DataFrame,
    lang: str,
    directory: Path | None,
    on: dt.date | None = None,
) -> list[Slide]:
    """Scorecard rows as table slides of at most ROWS_PER_SLIDE rows, numbered when several."""
    slides = []
    parts = _chunks(rows, ROWS_PER_SLIDE[kind])
    for n, part in enumerate(parts, start=1):
        lines = tuple(target_line(row, lang, directory, on) for _, row in part.iterrows())
        illustrative = _shown_illustrative(lines)
        ids = part["indicator_id"].tolist()
        slides.append(
            Slide(
                kind=kind,
                title=_numbered(title, n, len(parts)),
                subtitle=subtitle,
                lines=lines,
                illustrative=illustrative,
                sources=_source_lines(cited[cited["indicator_id"].isin(ids)], lang, illustrative),
            )
        )
    return slides


def _group_slides(
    card: pd.DataFrame, cited: pd.DataFrame, lang: str, directory: Path | None, on: dt.date
) -> list[Slide]:
    slides = []
    for group, (name_vi, name_en) in catalog.GROUPS.items():
        rows = card[card["group"] == group]
        if rows.empty:
            continue
        numbers = catalog.GROUP_TARGETS[group]
        subtitle = t("group.targets", lang, first=numbers[0], last=numbers[-1])
        title = name_en if lang == "en" else name_vi
        slides += _table_slides("group", title, subtitle, rows, cited, lang, directory, on)
    return slides


def _sites_slide(filters: Filters, directory: Path | None) -> Slide:
    lang, year = filters.lang, maps.map_year(filters.year_to)
    sites = run_query("sites_in_year", directory, year=year)
    if filters.districts:
        sites = sites[sites["district_code"].isin(filters.districts)]
    operating = sites[sites["operating"]]
    treated = int((operating["wwtp_status"] == "operating").sum())
    points = [
        t(
            "meeting.sites_share",
            lang,
            pct=format_number(100 * treated / len(operating), lang, 0) if len(operating) else "–",
            done=treated,
            total=len(operating),
            year=year,
        ),
        t("meeting.sites_locations", lang),
    ]
    illustrative = int((sites["status_provenance"] == "illustrative").sum())
    cited = sites.rename(columns={"status_provenance": "provenance"})
    return Slide(
        kind="sites_map",
        title=t("meeting.sites_title", lang, year=year),
        points=tuple(points),
        map_year=year,
        illustrative=illustrative,
        sources=_source_lines(cited, lang, illustrative),
    )


def _forest_slide(filters: Filters, directory: Path | None) -> Slide:
    lang, year = filters.lang, maps.map_year(filters.year_to)
    forest = run_query("forest_by_district", directory, year=year)
    if filters.districts:
        forest = forest[forest["district_code"].isin(filters.districts)]
    target = maps.forest_target_pct(directory)
    reaching = int((forest["cover_pct"] >= target).sum())
    # certified areas are illustrative everywhere; cover figures where not official
    illustrative = int((forest["cover_provenance"] == "illustrative").sum()) + len(forest)
    cited = forest.rename(columns={"cover_provenance": "provenance"})
    return Slide(
        kind="forest_map",
        title=t("meeting.forest_title", lang, year=year),
        points=(
            t(
                "meeting.forest_reaching",
                lang,
                n=reaching,
                total=len(forest),
                target=maps.percent_text(target, lang),
            ),
        ),
        map_year=year,
        illustrative=illustrative,
        sources=_source_lines(cited, lang, illustrative),
    )


def _off_track_slides(
    card: pd.DataFrame, cited: pd.DataFrame, lang: str, directory: Path | None, on: dt.date
) -> list[Slide]:
    order = {status: n for n, status in enumerate(OFF_TRACK_ORDER)}
    off = card[card["status"].isin(OFF_TRACK_ORDER)].copy()
    off["_order"] = off["status"].map(order)
    off = off.sort_values(["_order", "target_no"], kind="stable")
    title = t("meeting.off_track_title", lang)
    subtitle = t("meeting.off_track_subtitle", lang, n=off["indicator_id"].nunique())
    if off.empty:
        return [Slide("off_track", title, points=(t("meeting.off_track_none", lang),))]
    return _table_slides("off_track", title, subtitle, off, cited, lang, directory, on)


def district_lags(filters: Filters, directory: Path | None = None) -> list[DistrictLag]:
    """Every chosen district (all 10 by default), most off-track share first."""
    lang = filters.lang
    kept = {i.indicator_id for i in indicators_for(filters, None, directory)}
    codes = list(filters.districts) or geography.district_codes()
    names = geography.district_names(lang)
    lags = []
    for code in codes:
        profile = district_profile.load_profile(code, filters.year_from, filters.year_to, directory)
        profile = profile[profile["indicator_id"].isin(kept)]
        assessed = profile[
            ~profile["status"].isin((progress.NOT_ASSESSED, progress.INSUFFICIENT_DATA))
        ]
        off = assessed[assessed["status"].isin(progress.OFF_TRACK_STATUSES)]
        lags.append(
            DistrictLag(
                code,
                names[code],
                len(assessed),
                len(off),
                tuple(off["label"].tolist()),
                int((assessed["provenance"] == "illustrative").sum()),
                history.validity_in(code, filters.year_to, lang),
                history.ended_early_in(code, filters.year_to, lang),
            )
        )
    return sorted(lags, key=lambda lag: (-lag.share, -lag.off_track, lag.district_code))


def lagging_shown(lags: list[DistrictLag]) -> tuple[DistrictLag, ...]:
    """The districts the slide lists from `district_lags`: the first LAGGING_SHOWN, and any
    district tied with the last of them."""
    cut = lags[min(LAGGING_SHOWN, len(lags)) - 1].share if lags else 0.0
    return tuple(lag for n, lag in enumerate(lags) if n < LAGGING_SHOWN or lag.share >= cut)


def _lagging_slide(filters: Filters, directory: Path | None) -> Slide:
    lang = filters.lang
    lags = district_lags(filters, directory)
    shown = lagging_shown(lags)
    illustrative = sum(lag.illustrative for lag in lags)
    return Slide(
        kind="lagging",
        title=t("meeting.lagging_title", lang),
        points=tuple(
            p
            for p in (
                t("meeting.lagging_method", lang),
                history.year_summary(filters.year_to, lang, [lag.district_code for lag in lags]),
            )
            if p
        ),
        chart=charts.lagging_districts_chart(lags, len(shown), lang).to_dict(),
        lags=shown,
        illustrative=illustrative,
        sources=(t("meeting.illustrative_note", lang, count=illustrative),) if illustrative else (),
    )


def worst_first(table: pd.DataFrame) -> pd.DataFrame:
    """Completeness rows (`reporting.completeness.completeness`) in the reporting slide's order:
    the agencies that have not reported in full first, those missing the largest share of their
    reports first, then the most missing, the most overdue; then the others with the most
    reports returned, then the most late; ties by agency code."""
    order = table.assign(
        _done=table["missing"] == 0,
        _share=table["missing"] / table["expected"].clip(lower=1),
    )
    order = order.sort_values(
        ["_done", "_share", "missing", "overdue", "returned", "late", "agency_id"],
        ascending=[True, False, False, False, False, False, True],
        kind="stable",
    )
    return order.drop(columns=["_done", "_share"]).reset_index(drop=True)


def _reporting_points(
    status: ReportingStatus, table: pd.DataFrame, filters: Filters, snapshot_name: str | None
) -> list[str]:
    """The headline (who has not reported in full), the totals, and what the counts are of."""
    lang = filters.lang
    deadline = format_date(status.deadline, lang)
    late = int((table["missing"] > 0).sum())
    key = "meeting.reporting_all_in" if late == 0 else "meeting.reporting_headline"
    totals = {column: int(table[column].sum()) for column in REPORTING_COLUMNS}
    points = [
        t(key, lang, n=late, total=len(table), period=status.period, deadline=deadline),
        t("meeting.reporting_totals", lang, **totals),
    ]
    if snapshot_name:
        points.append(t("meeting.reporting_today", lang, name=snapshot_name))
    if filters.districts or filters.sector:
        points.append(t("meeting.reporting_unfiltered", lang))
    return points


def reporting_slides(
    status: ReportingStatus, filters: Filters, snapshot_name: str | None = None
) -> list[Slide]:
    """Who has reported the meeting's period, as of the status's day: a row per agency
    (`worst_first`), over several slides when more than ROWS_PER_SLIDE["reporting"].

    The status is read from the store when the meeting is built, as of that day, whatever data
    the meeting shows: over a snapshot (frozen data) it is still today's, and a point says so.
    It counts every report the regime expects, whatever the filters (a point says so when
    districts or a sector are chosen). When the store could not be read, the slide says that."""
    lang = filters.lang
    title = t("meeting.reporting_title", lang, period=status.period)
    subtitle = t(
        "meeting.reporting_subtitle",
        lang,
        deadline=format_date(status.deadline, lang),
        on=format_date(status.on, lang),
    )
    sources = (t("meeting.reporting_source", lang),)
    table = status.table
    if table is None:
        point = t("meeting.reporting_unavailable", lang, period=status.period)
        return [Slide("reporting", title, subtitle, points=(point,), sources=sources)]
    rows = worst_first(table)
    points = tuple(_reporting_points(status, table, filters, snapshot_name))
    parts = _chunks(rows, ROWS_PER_SLIDE["reporting"])
    return [
        Slide(
            kind="reporting",
            title=_numbered(title, n, len(parts)),
            subtitle=subtitle,
            points=points,
            reports=tuple(
                AgencyReporting(
                    r["agency_id"],
                    agency_name(r["agency_id"], lang),
                    {column: int(r[column]) for column in REPORTING_COLUMNS},
                )
                for r in part.to_dict("records")
            ),
            sources=sources,
        )
        for n, part in enumerate(parts, start=1)
    ]


def overdue_task_slides(
    statuses: pd.DataFrame,
    filters: Filters,
    on: dt.date,
    directory: Path | None = None,
    snapshot_name: str | None = None,
) -> list[Slide]:
    """The overdue tasks by agency (`task_slides.overdue_by_agency`) on `on`, from the tasks'
    classification (`tasks.status.task_statuses`), over as many slides as they take
    (`task_slides.pages`), each with the same headline and notes.

    The headline counts the plan's 62 tasks by classification; a second point counts the dated
    duties of mục IV overdue (the mid-term review...), which are listed with the tasks. When no
    lead agency has reported on any task yet, the headline says so (every task "not reported")
    and a point says how reports come, rather than 62 rows of "not reported": what a presenter
    can say is that nothing is known yet; the rows still list what the plan's own dates make
    overdue (nothing shows it done). The slide is marked illustrative when a classification rests
    on an illustrative report, and a point says how many. Like the reporting slide it counts
    every task whatever the filters (a point says so when districts or a sector are chosen)."""
    lang = filters.lang
    title = t("meeting.tasks_title", lang)
    subtitle = t("meeting.tasks_subtitle", lang, on=format_date(on, lang))
    points = task_slides.headline_points(statuses, lang)
    illustrative = int((statuses["provenance"] == "illustrative").sum())
    said = [t("meeting.tasks_illustrative", lang, count=illustrative)] if illustrative else []
    points += said
    if statuses["reported_status"].isna().all():
        points.append(t("meeting.tasks_none_next", lang))
    groups = task_slides.overdue_by_agency(statuses, lang, on, directory)
    if not groups:
        points.append(t("meeting.tasks_none_overdue", lang))
    if snapshot_name:
        points.append(
            t("meeting.tasks_snapshot", lang, name=snapshot_name, on=format_date(on, lang))
        )
    if filters.districts or filters.sector:
        points.append(t("meeting.tasks_unfiltered", lang))
    titles = sorted(set(statuses["source_title"].dropna()))
    sources = (t("meeting.tasks_source", lang), *titles, t("meeting.tasks_method", lang), *said)
    parts = task_slides.pages(groups, ROWS_PER_SLIDE["overdue_tasks"])
    return [
        Slide(
            kind="overdue_tasks",
            title=_numbered(title, n, len(parts)),
            subtitle=subtitle,
            points=tuple(points),
            agencies=part,
            illustrative=illustrative,
            sources=sources,
        )
        for n, part in enumerate(parts, start=1)
    ]


def task_statuses(directory: Path | None, on: dt.date) -> pd.DataFrame:
    """The tasks' classification on `on` from the published task reports of a data directory."""
    return task_status.task_statuses(read_dataset(datasets.TASK_REPORTS, directory), on)


def build_meeting(
    filters: Filters,
    directory: Path | None = None,
    snapshot_name: str | None = None,
    reporting: ReportingStatus | None = None,
    on: dt.date | None = None,
) -> Meeting:
    """The meeting sequence for these filters, over a data directory (a snapshot's, or current).

    `reporting` (`reporting.completeness.reporting_status`, read from the store) adds the slide
    of who has reported the meeting's period, last; without it the meeting has no such slide,
    and needs no store. `on` is the meeting's day, which the overdue tasks and today's agencies
    are counted to: by default the reporting status's day, or today in Vietnam.

    The overdue tasks by agency come after the lagging districts and before the reporting status:
    from what is behind (targets, districts) to who must act (the agencies' tasks), ending with
    who has not sent the figures the next meeting needs (and the completeness page opens
    presenter mode at that last slide)."""
    lang = filters.lang
    on = on or (reporting.on if reporting else plan.local_date(dt.datetime.now(dt.UTC)))
    kept = [i.indicator_id for i in indicators_for(filters, None, directory)]
    card = scorecard.load_scorecard(filters.year_from, filters.year_to, directory)
    card = area_card(
        card[card["indicator_id"].isin(kept)].reset_index(drop=True), filters, directory
    )
    observations = run_query(
        "province_observations",
        directory,
        first_year=filters.year_from,
        last_year=filters.year_to,
    )
    cited = _cited(observations, kept, card)
    as_of = dataset_metadata(directory)["as_of"]
    currency = currency_text(lang, directory)
    note = rows_note(filters)
    slides = [
        _title_slide(filters, currency, snapshot_name),
        _overview_slide(card, cited, lang, note),
    ]
    slides += _group_slides(card, cited, lang, directory, on)
    if SITES_INDICATOR in kept:
        slides.append(_sites_slide(filters, directory))
    if FOREST_INDICATOR in kept:
        slides.append(_forest_slide(filters, directory))
    slides += _off_track_slides(card, cited, lang, directory, on)
    slides.append(_lagging_slide(filters, directory))
    slides += overdue_task_slides(
        task_statuses(directory, on), filters, on, directory, snapshot_name
    )
    if reporting is not None:
        slides += reporting_slides(reporting, filters, snapshot_name)
    return Meeting(
        title=t("meeting.title", lang),
        as_of=as_of,
        as_of_text=currency,
        scope=scope_text(filters),
        snapshot_name=snapshot_name,
        lang=lang,
        filters=filters,
        slides=tuple(slides),
    )
