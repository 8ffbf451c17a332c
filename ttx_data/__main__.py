"""Command line for data managers: `python -m ttx_data catalog|status [--format csv|table]`.

python -m ttx_data catalog --format csv   the indicator catalog
python -m ttx_data status --format csv    each indicator's latest province value and status
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from ttx_data import catalog, scorecard

CATALOG_COLUMNS = [
    "indicator_id",
    "target_no",
    "part",
    "group",
    "name_vi",
    "name_en",
    "unit",
    "direction",
    "kind",
    "target_value",
    "target_high",
    "target_strict",
    "baseline_year",
    "target_year",
    "lead_agency",
    "cooperating_agencies",
    "sectors",
    "breakdowns",
    "plan_clause",
]
STATUS_COLUMNS = [
    "indicator_id",
    "label",
    "latest_value",
    "latest_year",
    "latest_provenance",
    "status",
    "ratio",
    "required_annual_change",
    "achieved_annual_change",
    "projected_value",
]


def catalog_frame() -> pd.DataFrame:
    """The catalog columns data managers check against the plan."""
    return catalog.load_catalog()[CATALOG_COLUMNS]


def status_frame() -> pd.DataFrame:
    """Each indicator's latest province value, year, provenance and progress status."""
    card = scorecard.load_scorecard()
    frame = card[STATUS_COLUMNS].copy()
    frame["latest_year"] = frame["latest_year"].astype("Int64")
    return frame


def _print(frame: pd.DataFrame, fmt: str) -> None:
    if fmt == "csv":
        frame.to_csv(sys.stdout, index=False, float_format="%.6g")
    else:
        with pd.option_context("display.max_rows", None, "display.width", 200):
            print(frame.to_string(index=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ttx_data", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("catalog", "print the indicator catalog"),
        ("status", "print each indicator's latest province value and progress status"),
    ):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--format", choices=("csv", "table"), default="table")
    args = parser.parse_args(argv)
    frame = catalog_frame() if args.command == "catalog" else status_frame()
    _print(frame, args.format)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
