"""Monthly online rates per service, as CSV: one row per month and service.

For every month and every service with at least one dossier that month,
the script writes how many dossiers were filed online, how many in all,
and the online rate in percent. It is the table a provincial Project 06
working group keeps month after month, ready for a spreadsheet or a chart.

Run it::

    python examples/monthly_report_csv.py              # the embedded Quảng Ngãi 2023 data
    python examples/monthly_report_csv.py exports/     # a data set folder of your own
    python examples/monthly_report_csv.py exports/ --unit 535 --period 2023-Q2 --output ba-to.csv

FOLDER is a data set folder as ``dean06.io.load_dataset`` reads it
(``dossiers.csv``, and ``services.csv`` and ``units.csv`` if you have them).
Without ``--output`` the CSV goes to the screen. ``--unit`` takes a unit
code, its communes included; ``--period`` takes whole months (``2023-06``,
``2023-Q2``, ``"quý II/2023"``). ``--bom`` starts the file with a byte
order mark, which some spreadsheet programs need to show Vietnamese text.

Columns: ``month`` (``yyyy-mm``), ``service``, ``service_name``,
``online``, ``total`` and ``rate_percent`` (one decimal). For a service run
on a national system (``local_totals`` false in ``services.csv``) the
province sees only the online dossiers: ``total`` and ``rate_percent`` are
then left empty, because there is no rate to report, not a rate of 100%.

Exit status: 0 on success, 1 when the data cannot be read (run ``dean06
validate FOLDER`` to see every problem), 2 for a bad option.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

import dean06 as d6
from dean06.datasets import quang_ngai_2023
from dean06.io import load_dataset

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

COLUMNS = ("month", "service", "service_name", "online", "total", "rate_percent")


def load(folder: str | None) -> d6.Dataset:
    """The data set in *folder*, or the embedded example without one."""
    return quang_ngai_2023() if folder is None else load_dataset(folder)


def text_cell(text: str) -> str:
    """Text a spreadsheet would run as a formula, made inert with an apostrophe."""
    return "'" + text if text.startswith(("=", "+", "-", "@")) else text


def monthly_rows(
    dataset: d6.Dataset, *, unit: str | None = None, period: d6.Period | None = None
) -> Iterator[list[str]]:
    """One row per month and service with dossiers, in month then service order."""
    tally = dataset.dossier_tally
    catalogue = dataset.catalogue if unit is not None else None
    services = {service.code: service for service in dataset.services}
    scope = tally.filter(unit=unit, period=period, catalogue=catalogue)
    for month in scope.months():
        for code, rate in scope.rates_by_service(period=month).items():
            service = services.get(code)
            local_totals = service.local_totals if service is not None else True
            name = service.name if service is not None else ""
            rate_percent = rate.percent
            yield [
                f"{month.start:%Y-%m}",
                text_cell(code),
                text_cell(name),
                str(rate.numerator),
                str(rate.denominator) if local_totals else "",
                f"{rate_percent:.1f}" if local_totals and rate_percent is not None else "",
            ]


def write_csv(rows: Iterator[list[str]], out: IO[str]) -> int:
    """Write the header and *rows*; returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def to_screen(rows: list[list[str]]) -> None:
    """Write the CSV to standard output, in UTF-8 whatever the console's code page."""
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")
    try:
        write_csv(iter(rows), sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:  # piped into `head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", nargs="?", help="a data set folder (default: embedded data)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the CSV to FILE")
    parser.add_argument("--unit", metavar="CODE", help="one unit, its communes included")
    parser.add_argument("--period", metavar="P", help="whole months, e.g. 2023-Q2")
    parser.add_argument("--bom", action="store_true", help="start with a byte order mark")
    args = parser.parse_args(argv)

    try:
        period = d6.Period.parse(args.period) if args.period else None
        dataset = load(args.folder)
        rows = list(monthly_rows(dataset, unit=args.unit, period=period))
    except d6.ValidationError as error:
        print(f"monthly_report_csv: {error}", file=sys.stderr)
        return 2
    except d6.DataError as error:
        print(f"monthly_report_csv: {error}", file=sys.stderr)
        print("Run `dean06 validate FOLDER` to list every problem.", file=sys.stderr)
        return 1

    if args.output is None:
        to_screen(rows)
    else:
        encoding = "utf-8-sig" if args.bom else "utf-8"
        with Path(args.output).open("w", encoding=encoding, newline="") as out:
            count = write_csv(iter(rows), out)
        print(f"{count} rows written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
