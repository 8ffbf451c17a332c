"""Places over time: administrative units with validity periods, the crosswalk from today's
commune-level units to the plan's districts of 2022, and the roll-up of figures along it."""

from ttx_data.places.communes import (
    COMMUNE_COLUMNS,
    COMMUNE_DECIMALS,
    communes_frame,
    communes_of,
    plan_districts_text,
)
from ttx_data.places.crosswalk import (
    DA_MAI,
    crosswalk_frame,
    former_units,
    plan_district_weights,
    split_rule_text,
    split_units,
)
from ttx_data.places.rollup import (
    DENOMINATORS,
    RULES,
    RollupError,
    roll_up,
    roll_up_province,
    weakest,
)
from ttx_data.places.units import (
    LEVELS,
    UNIT_COLUMNS,
    AdminUnit,
    all_units,
    parse_date,
    unit,
    units_frame,
    units_on,
)

__all__ = [
    "COMMUNE_COLUMNS",
    "COMMUNE_DECIMALS",
    "DA_MAI",
    "DENOMINATORS",
    "LEVELS",
    "RULES",
    "UNIT_COLUMNS",
    "AdminUnit",
    "RollupError",
    "all_units",
    "communes_frame",
    "communes_of",
    "crosswalk_frame",
    "former_units",
    "parse_date",
    "plan_districts_text",
    "plan_district_weights",
    "roll_up",
    "roll_up_province",
    "split_rule_text",
    "split_units",
    "unit",
    "units_frame",
    "units_on",
    "weakest",
]
