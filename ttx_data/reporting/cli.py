"""`python -m ttx_data template --agency CODE --period PERIOD [--example] -o FILE.xlsx`: write an
agency's report workbook for a period; `python -m ttx_data demo-data --out data`: write the
bundled demo data through the reporting pipeline (`make data`, `reporting.demo`). Registered by
`ttx_data.__main__`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ttx_data import catalog
from ttx_data.paths import replace_atomically
from ttx_data.query import DataError


def add_template_parser(commands: argparse._SubParsersAction) -> None:
    """The `template` subcommand and its options."""
    template = commands.add_parser(
        "template", help="write an agency's report workbook for a period (.xlsx)"
    )
    template.add_argument(
        "--agency", required=True, help="the reporting agency's code, e.g. so_tai_chinh_bac_ninh"
    )
    template.add_argument("--period", required=True, help="the reporting period, e.g. 2026")
    template.add_argument(
        "--example", action="store_true", help="fill plausible example values (training, tests)"
    )
    template.add_argument("-o", "--output", required=True, help="the .xlsx file to write")


def run_template(args: argparse.Namespace) -> int:
    """Write the workbook; exit 2 (vi/en on stderr) for an unknown agency or period or one with
    nothing to report, 1 when the data cannot be read."""
    from ttx_data.reporting import regime, workbook
    from ttx_data.reporting.layout import expected_layout

    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        print(
            f"ttx_data template: '{out.name}' phải có đuôi .xlsx / '{out.name}' must end in .xlsx",
            file=sys.stderr,
        )
        return 2
    try:
        layout = expected_layout(args.agency, args.period)
        data = workbook.build_template(args.agency, args.period, example=args.example)
    except (regime.AgencyError, regime.PeriodError) as error:
        print(f"ttx_data template: {error}", file=sys.stderr)
        return 2
    except (regime.RegimeError, catalog.CatalogError, DataError) as error:
        print(f"ttx_data template: {error}", file=sys.stderr)
        return 1
    replace_atomically(out, lambda path: path.write_bytes(data))
    rows = sum(len(sheet.rows) for sheet in layout.sheets)
    print(f"{out}\t{args.agency}\t{layout.period}\t{len(layout.sheets)} sheets\t{rows} rows"
          f"\t{len(layout.tasks)} tasks")  # fmt: skip
    return 0


def add_demo_data_parser(commands: argparse._SubParsersAction) -> None:
    """The `demo-data` subcommand and its options."""
    demo_data = commands.add_parser(
        "demo-data",
        help="write the bundled demo data: the generator's files, then every agency's example"
        " report submitted, accepted and published through the reporting pipeline",
    )
    demo_data.add_argument("--out", required=True, type=Path, help="the data folder, e.g. data")


def run_demo_data(args: argparse.Namespace) -> int:
    """Write the demo data; print each submission (id, agency, period, state)."""
    from ttx_data.reporting import demo

    for made in demo.write_demo_data(args.out):
        print(f"{made.id}\t{made.agency_id}\t{made.period}\t{made.state}")
    return 0
