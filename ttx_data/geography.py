"""The plan's district dimension: the 10 district-level units of 2022, keyed by GSO code.

Keys are GSO codes as strings ("213", "215".."223"), never names: names and kinds changed in
2024-2025 (Việt Yên became a thị xã, Yên Dũng merged into the city, Chũ was split from Lục Ngạn,
and the district level ended on 1/7/2025), but the plan's series stay on the 2022 units.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ttx_data.paths import BUNDLED_DATA_DIR

DISTRICTS_FILE = BUNDLED_DATA_DIR / "districts.csv"
DISTRICT_BOUNDARIES_FILE = BUNDLED_DATA_DIR / "geo" / "districts.geojson"
PROVINCE_BOUNDARY_FILE = BUNDLED_DATA_DIR / "geo" / "province.geojson"

BOUNDARY_ATTRIBUTION = {
    "vi": "Ranh giới huyện: © Chính phủ Việt Nam / OCHA ROAP (2020), qua geoBoundaries (gbOpen),"
    " giấy phép CC BY 3.0 IGO; đã đơn giản hoá. Mã đơn vị hành chính: Tổng cục Thống kê (01/10/2022).",
    "en": "District boundaries: Government of Viet Nam / OCHA ROAP (2020), via geoBoundaries gbOpen"
    " (Runfola et al. 2020, PLoS ONE 15(4): e0231866), licensed CC BY 3.0 IGO"
    " (https://creativecommons.org/licenses/by/3.0/igo/); simplified by geoBoundaries, clipped to"
    " Bắc Giang and re-attributed by TTX Bắc Giang. Unit codes: GSO, list of 01/10/2022.",
}
"""The credit CC BY 3.0 IGO requires wherever the boundaries are used (see data/geo/SOURCES.md)."""

KIND_NAMES = {
    "thanh_pho": {"vi": "thành phố", "en": "city"},
    "huyen": {"vi": "huyện", "en": "district"},
}


@lru_cache(maxsize=1)
def load_districts() -> pd.DataFrame:
    """The 10 units of 2022: code, names in both languages, kind, area (km², from the boundaries)."""
    frame = pd.read_csv(DISTRICTS_FILE, dtype={"district_code": str})
    return frame.sort_values("district_code").reset_index(drop=True)


def district_codes() -> list[str]:
    """GSO codes of the 10 units, in code order."""
    return load_districts()["district_code"].tolist()


@lru_cache(maxsize=2)
def _names(column: str) -> dict[str, str]:
    districts = load_districts()
    return dict(zip(districts["district_code"], districts[column], strict=True))


def district_name(code: str, lang: str = "vi") -> str:
    """A unit's short name in the language; unknown codes raise a KeyError naming the valid ones."""
    names = _names("name_en" if lang == "en" else "name_vi")
    if code not in names:
        raise KeyError(f"unknown district code {code!r}; valid: {', '.join(names)}")
    return names[code]


def district_names(lang: str = "vi") -> dict[str, str]:
    """Code → short name for every unit."""
    return dict(_names("name_en" if lang == "en" else "name_vi"))
