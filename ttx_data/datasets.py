"""The catalog of bundled datasets: what a row means, its columns with units, keys and allowed values.

One description serves the generator (which writes the files), the query layer (which makes
views of them) and the validation tests (which check the files against it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

PROVINCE_CODE = "24"
"""GSO code of Bắc Giang province; observations for the whole province use it as `area_code`."""

PROVENANCES = ("official", "reported", "estimate", "illustrative")
"""How much a value can be trusted, from a published official figure down to an invented one."""

WWTP_STATUSES = ("operating", "under_construction", "none", "site_not_operating")
"""Central wastewater treatment of a KCN/CCN site in a year (target 7)."""

MILESTONE_STEP_STATUSES = ("done", "in_progress", "not_started")


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    description: str
    allowed: tuple[str, ...] | None = None
    nullable: bool = False


@dataclass(frozen=True)
class Dataset:
    name: str
    file: str
    row: str
    key: tuple[str, ...]
    columns: tuple[Column, ...] = field(default_factory=tuple)
    added_later: bool = False
    """A dataset added after data directories were first frozen: a directory (an older
    snapshot) without its file simply has none of its rows, it is not broken."""

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


_SOURCE_COLUMNS = (
    Column("provenance", "str", "official / reported / estimate / illustrative", PROVENANCES),
    Column("source_title", "str", "title of the publication the value comes from", nullable=True),
    Column("source_url", "str", "address of that publication", nullable=True),
    Column("note", "str", "caveat or how the value was derived", nullable=True),
)

OBSERVATIONS = Dataset(
    name="observations",
    file="observations.parquet",
    row="one value of one indicator for one area (province or district) in one year",
    key=("indicator_id", "area_code", "year"),
    columns=(
        Column("indicator_id", "str", "indicator id from data/indicators.csv"),
        Column("area_code", "str", "GSO code: '24' for the province, 213-223 for a district"),
        Column("area_level", "str", "province or district", ("province", "district")),
        Column("year", "int", "calendar year of the value"),
        Column("value", "float", "value in the indicator's unit (see the catalog)"),
        *_SOURCE_COLUMNS,
    ),
)

COMMUNE_OBSERVATIONS = Dataset(
    name="commune_observations",
    file="commune_observations.parquet",
    row="one value of one indicator for one commune-level unit (xã, phường from 1/7/2025) in one"
    " year; the plan-district and province values of that year in observations are rolled up"
    " from these through the crosswalk (ttx_data.places)",
    key=("indicator_id", "unit_code", "year"),
    added_later=True,
    columns=(
        Column("indicator_id", "str", "indicator id from data/indicators.csv (rollup not 'none')"),
        Column("unit_code", "str", "5-digit GSO code of the xã or phường valid from 1/7/2025"),
        Column("year", "int", "calendar year of the value (after 1/7/2025)"),
        Column("value", "float", "value in the indicator's unit (see the catalog)"),
        *_SOURCE_COLUMNS,
    ),
)

SITES = Dataset(
    name="sites",
    file="sites.parquet",
    row="one industrial park (KCN) or industrial cluster (CCN)",
    key=("site_id",),
    columns=(
        Column("site_id", "str", "stable id, e.g. KCN-QUANG-CHAU or CCN-217-01"),
        Column("name", "str", "site name as published (KCN) or an illustrative label (CCN)"),
        Column("kind", "str", "KCN (industrial park) or CCN (industrial cluster)", ("KCN", "CCN")),
        Column("district_code", "str", "GSO 2022 district code where the site lies"),
        Column("area_ha", "float", "site area in hectares"),
        Column("lon", "float", "longitude, EPSG:4326 (illustrative: inside the district polygon)"),
        Column("lat", "float", "latitude, EPSG:4326 (illustrative: inside the district polygon)"),
        Column("district_basis", "str", "stated by source / inferred / illustrative"),
        *_SOURCE_COLUMNS,
    ),
)

SITE_STATUS = Dataset(
    name="site_status",
    file="site_status.parquet",
    row="the state of one KCN/CCN site in one year: operating or not, central wastewater treatment",
    key=("site_id", "year"),
    columns=(
        Column("site_id", "str", "site id from sites"),
        Column("year", "int", "calendar year"),
        Column("operating", "bool", "the site has enterprises in operation that year"),
        Column("wwtp_status", "str", "central wastewater treatment status", WWTP_STATUSES),
        Column("wwtp_capacity_m3_day", "float", "treatment capacity, m³/day", nullable=True),
        Column("occupancy_pct", "float", "share of industrial land leased, %", nullable=True),
        *_SOURCE_COLUMNS,
    ),
)

FOREST = Dataset(
    name="forest",
    file="forest.parquet",
    row="forest of one district in one year (target 5)",
    key=("district_code", "year"),
    columns=(
        Column("district_code", "str", "GSO 2022 district code"),
        Column("year", "int", "calendar year"),
        Column("natural_area_ha", "float", "district natural area, ha"),
        Column("forest_area_ha", "float", "area with forest (natural + planted forest), ha"),
        Column("cover_pct", "float", "forest cover, % of natural area"),
        Column("cover_provenance", "str", "provenance of the cover figure", PROVENANCES),
        Column(
            "certified_area_ha", "float", "forest with a sustainable-management certificate, ha"
        ),
        Column("certified_provenance", "str", "provenance of the certified area", PROVENANCES),
        Column("source_title", "str", "source of an official figure", nullable=True),
        Column("source_url", "str", "address of that source", nullable=True),
    ),
)

MILESTONES = Dataset(
    name="milestones",
    file="milestones.parquet",
    row="one step of a milestone target (12, 14) with its date and evidence",
    key=("indicator_id", "step_no"),
    columns=(
        Column("indicator_id", "str", "milestone indicator id from the catalog"),
        Column("step_no", "int", "order of the step"),
        Column("step_vi", "str", "the step, in Vietnamese"),
        Column("step_en", "str", "the step, in English"),
        Column("status", "str", "done / in_progress / not_started", MILESTONE_STEP_STATUSES),
        Column("status_date", "date", "date the step was done or started", nullable=True),
        Column("evidence_vi", "str", "evidence, in Vietnamese", nullable=True),
        Column("evidence_en", "str", "evidence, in English", nullable=True),
        *_SOURCE_COLUMNS,
    ),
)

TASK_REPORT_STATUSES = ("not_started", "in_progress", "completed")
"""Where a task stands as its agency reports it (the four-way classification of leaders' reports,
completed on time / late, in progress within the deadline / overdue, is derived from these and
the dates: `ttx_data.tasks`)."""

TASK_REPORT_ROLES = ("lead", "cooperating")
"""An agency reports on a task it leads (chủ trì), or its contribution to one it cooperates on."""

TASK_REPORTS = Dataset(
    name="task_reports",
    file="task_reports.parquet",
    row="one agency's report on one task of the plan (mục III item or mục IV duty) for one"
    " reporting period (a year), as published after review",
    key=("task_id", "agency_id", "year"),
    added_later=True,
    columns=(
        Column(
            "task_id", "str", "task id as the plan numbers it (data/tasks.csv, plan_duties.csv)"
        ),
        Column("agency_id", "str", "the reporting agency (data/agencies.csv), as it was then"),
        Column("role", "str", "lead (chủ trì) or cooperating (phối hợp)", TASK_REPORT_ROLES),
        Column("year", "int", "the reporting period (calendar year) the report is for"),
        Column("status", "str", "not_started / in_progress / completed", TASK_REPORT_STATUSES),
        Column("completed_on", "date", "the day the task was completed", nullable=True),
        Column("deadline", "date", "the deadline the agency works to", nullable=True),
        Column("progress", "str", "progress in words", nullable=True),
        Column("evidence", "str", "document number and date, or a link", nullable=True),
        Column("obstacles", "str", "obstacles met", nullable=True),
        Column("proposals", "str", "proposals to the steering committee", nullable=True),
        *_SOURCE_COLUMNS,
    ),
)

ALL = (OBSERVATIONS, COMMUNE_OBSERVATIONS, SITES, SITE_STATUS, FOREST, MILESTONES, TASK_REPORTS)
"""Every Parquet dataset in the data directory; the query layer makes a view of each."""

METADATA_FILE = "metadata.json"
"""Dataset metadata: `as_of` (ISO date of the data), `generator`, `seed`."""
