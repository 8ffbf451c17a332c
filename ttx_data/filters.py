"""The filters every page shares, and their URL form, so that a copied link reproduces a view.

    ?district=219,220&sector=energy&from=2021&to=2025&lang=en&snapshot=phien-hop-bcd-thang-11-2026

`parse_query` reads URL parameters into `Filters`, falling back to defaults for what it cannot
read and saying so in a `Notice` (Vietnamese and English); `to_query` writes them back, leaving
out defaults so links stay short.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from ttx_data import catalog, geography
from ttx_data.i18n import DEFAULT_LANGUAGE, LANGUAGES
from ttx_data.plan import BASELINE_YEAR as FIRST_YEAR
from ttx_data.plan import LATEST_YEAR as LAST_YEAR

# A reader chooses years from the baseline (FIRST_YEAR) to the latest year reported (LAST_YEAR).


@dataclass(frozen=True)
class Filters:
    """What a reader has chosen: districts (empty = whole province), one sector, years, language,
    and the data: the current data (None) or a frozen snapshot's id."""

    districts: tuple[str, ...] = ()
    sector: str | None = None
    year_from: int = FIRST_YEAR
    year_to: int = LAST_YEAR
    lang: str = DEFAULT_LANGUAGE
    snapshot: str | None = None

    @property
    def whole_province(self) -> bool:
        return not self.districts


@dataclass(frozen=True)
class Notice:
    """A URL value that could not be used, what was used instead, in both languages."""

    parameter: str
    message_vi: str
    message_en: str

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_vi


@dataclass
class _Reading:
    notices: list[Notice] = field(default_factory=list)

    def refuse(self, parameter: str, value: str, vi: str, en: str) -> None:
        self.notices.append(
            Notice(
                parameter,
                f"Liên kết có {parameter}={value!r} không hợp lệ: {vi}",
                f"The link's {parameter}={value!r} is not valid: {en}",
            )
        )


def _first(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return str(value[0]) if value else ""
    return "" if value is None else str(value)


def _districts(raw: str, reading: _Reading) -> tuple[str, ...]:
    codes = [c.strip() for c in raw.split(",") if c.strip()]
    valid = geography.district_codes()
    unknown = [c for c in codes if c not in valid]
    if unknown:
        reading.refuse(
            "district",
            raw,
            f"không có mã huyện {', '.join(unknown)}; dùng mã Tổng cục Thống kê"
            f" {', '.join(valid)}. Đang hiển thị các huyện hợp lệ còn lại, hoặc toàn tỉnh.",
            f"no district code {', '.join(unknown)}; use GSO codes {', '.join(valid)}."
            " Showing the remaining valid districts, or the whole province.",
        )
    return tuple(sorted({c for c in codes if c in valid}))


def _sector(raw: str, reading: _Reading) -> str | None:
    if not raw:
        return None
    if raw in catalog.SECTORS:
        return raw
    reading.refuse(
        "sector",
        raw,
        f"không có lĩnh vực này; dùng một trong: {', '.join(catalog.SECTORS)}."
        " Đang hiển thị mọi lĩnh vực.",
        f"no such sector; use one of: {', '.join(catalog.SECTORS)}. Showing every sector.",
    )
    return None


def _year(raw: str, parameter: str, default: int, reading: _Reading) -> int:
    if not raw:
        return default
    try:
        year = int(raw)
    except ValueError:
        year = None
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        reading.refuse(
            parameter,
            raw,
            f"năm phải là số từ {FIRST_YEAR} đến {LAST_YEAR}; đang dùng {default}.",
            f"the year must be a number from {FIRST_YEAR} to {LAST_YEAR}; using {default}.",
        )
        return default
    return year


def _snapshot(raw: str, snapshot_ids: Callable[[], Iterable[str]], reading: _Reading) -> str | None:
    if not raw:
        return None
    known = list(snapshot_ids())
    if raw in known:
        return raw
    reading.refuse(
        "snapshot",
        raw,
        f"không có ảnh chụp dữ liệu này (hiện có: {', '.join(known) or 'chưa có'});"
        " đang hiển thị dữ liệu hiện tại.",
        f"no such data snapshot (available: {', '.join(known) or 'none yet'});"
        " showing the current data.",
    )
    return None


def parse_query(
    params: Mapping[str, object], snapshot_ids: Callable[[], Iterable[str]] = tuple
) -> tuple[Filters, list[Notice]]:
    """Filters from URL parameters; unusable values fall back to defaults, each with a notice.
    `snapshot_ids` lists the snapshots a link may name (asked only when it names one), e.g.
    `snapshots.snapshot_ids`: filters stays below snapshots, which exports filtered data."""
    reading = _Reading()
    districts = _districts(_first(params.get("district")), reading)
    sector = _sector(_first(params.get("sector")).strip(), reading)
    year_from = _year(_first(params.get("from")).strip(), "from", FIRST_YEAR, reading)
    year_to = _year(_first(params.get("to")).strip(), "to", LAST_YEAR, reading)
    if year_from > year_to:
        reading.refuse(
            "from",
            f"{year_from}>{year_to}",
            f"năm bắt đầu sau năm kết thúc; đang dùng {FIRST_YEAR}-{LAST_YEAR}.",
            f"the start year is after the end year; using {FIRST_YEAR}-{LAST_YEAR}.",
        )
        year_from, year_to = FIRST_YEAR, LAST_YEAR
    raw_lang = _first(params.get("lang")).strip().lower()
    lang = raw_lang if raw_lang in LANGUAGES else DEFAULT_LANGUAGE
    if raw_lang and raw_lang not in LANGUAGES:
        reading.refuse(
            "lang",
            raw_lang,
            "ngôn ngữ phải là vi hoặc en; đang dùng tiếng Việt.",
            "the language must be vi or en; using Vietnamese.",
        )
    snapshot = _snapshot(_first(params.get("snapshot")).strip(), snapshot_ids, reading)
    return Filters(districts, sector, year_from, year_to, lang, snapshot), reading.notices


def to_query(filters: Filters) -> dict[str, str]:
    """URL parameters for the filters; defaults are left out, the language always kept."""
    params: dict[str, str] = {}
    if filters.districts:
        params["district"] = ",".join(filters.districts)
    if filters.sector:
        params["sector"] = filters.sector
    if filters.year_from != FIRST_YEAR:
        params["from"] = str(filters.year_from)
    if filters.year_to != LAST_YEAR:
        params["to"] = str(filters.year_to)
    params["lang"] = filters.lang
    if filters.snapshot:
        params["snapshot"] = filters.snapshot
    return params


INDICATOR_PAGE = "indicator"
"""The URL path of the page of one indicator: `indicator?id=t05a_forest_cover&lang=vi`."""
TASKS_PAGE = "tasks"
"""The URL path of the tasks page: `tasks?task=8.3.b&lang=vi`."""


def indicator_url(indicator_id: str, filters: Filters) -> str:
    """The address of an indicator's page relative to the app, with the shared filters, so the
    link reproduces the view: `indicator?id=t05a_forest_cover&district=219&lang=vi`."""
    return f"{INDICATOR_PAGE}?{urlencode({'id': indicator_id, **to_query(filters)})}"


def task_url(task_id: str, filters: Filters) -> str:
    """The address of a task on the tasks page, with the shared filters: `tasks?task=8.3.b&lang=vi`."""
    return f"{TASKS_PAGE}?{urlencode({'task': task_id, **to_query(filters)})}"


def indicators_for(
    filters: Filters, group: str | None = None, directory: Path | None = None
) -> list[catalog.Indicator]:
    """The indicators a view shows from the catalog of the data directory `directory` (None: the
    current one): in the group, tagged with the chosen sector."""
    return [
        indicator
        for indicator in catalog.indicators(directory=directory)
        if (group is None or indicator.group == group)
        and (filters.sector is None or filters.sector in indicator.sectors)
    ]
