"""Districts compared by online rate, best first, with "no rate" kept apart.

The script rolls every dossier up to its district (communes into their
district, through the units file), computes each district's online rate,
and ranks the districts from the highest rate to the lowest. A district
without dossiers in scope has **no rate**: it is listed apart, not ranked
as 0%. Dossiers received above district level (by provincial departments)
are reported apart too, as they belong to no district.

Run it::

    python examples/district_comparison.py                  # the embedded Quảng Ngãi 2023 data
    python examples/district_comparison.py exports/ --period 2023-06
    python examples/district_comparison.py --service D06-14 --output birth-registration.csv

FOLDER is a data set folder as ``dean06.io.load_dataset`` reads it; it
needs ``units.csv`` (to know the districts) and ``dossiers.csv``
(``services.csv`` is optional). ``--period`` takes whole months;
``--service`` one service code. ``--output`` also writes the comparison as
CSV (``rank, code, name, online, total, rate_percent``; districts without a
rate last, with empty rank and rate).

Services run on national systems (``local_totals`` false in
``services.csv``) are left out: the province sees only their online
dossiers, which would push every rate up. ``--all-services`` keeps them,
as the ``dean06 report`` unit table does.

Districts are the units at district level that existed during the period
(or during the months with data), so after the 2025 reform, which abolished
districts, a period from July 2025 has none.

Exit status: 0 on success, 1 when the data cannot be read (run ``dean06
validate FOLDER`` to see every problem) or has no units, 2 for a bad option.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

import dean06 as d6
from dean06.datasets import quang_ngai_2023
from dean06.io import load_dataset

if TYPE_CHECKING:
    from collections.abc import Sequence


@attrs.frozen
class Line:
    """One unit of the comparison."""

    code: str
    name: str
    rate: d6.Rate


@attrs.frozen
class Comparison:
    """Ranked districts, districts without a rate, and dossiers outside any district."""

    ranked: tuple[Line, ...]
    no_rate: tuple[Line, ...]
    outside: tuple[Line, ...]
    left_out: int  # online dossiers of national-system services left out


def load(folder: str | None) -> d6.Dataset:
    """The data set in *folder*, or the embedded example without one."""
    return quang_ngai_2023() if folder is None else load_dataset(folder)


def local_dossiers(dataset: d6.Dataset, tally: d6.DossierTally) -> d6.DossierTally:
    """The part of *tally* for services whose totals the province knows."""
    national = {s.code for s in dataset.services if not s.local_totals}
    parts = (tally.filter(service=code) for code in tally.services() if code not in national)
    return sum(parts, d6.DossierTally())


def overlaps(unit: d6.AdministrativeUnit, period: d6.Period) -> bool:
    """Whether *unit* existed on some day of *period*."""
    starts_in_time = unit.valid_from is None or unit.valid_from <= period.end
    lasts_long_enough = unit.valid_to is None or unit.valid_to >= period.start
    return starts_in_time and lasts_long_enough


def compare(
    dataset: d6.Dataset,
    *,
    period: d6.Period | None = None,
    service: str | None = None,
    all_services: bool = False,
) -> Comparison:
    """Rank the districts of *dataset* by online rate within the scope."""
    catalogue = dataset.catalogue
    tally = dataset.dossier_tally.filter(service=service, period=period)
    left_out = 0
    if not all_services:
        kept = local_dossiers(dataset, tally)
        left_out = tally.online() - kept.online()
        tally = kept
    by_district = tally.rollup(catalogue, d6.UnitLevel.DISTRICT)

    months = tally.months()
    covered = period or (d6.Period(months[0].start, months[-1].end) if months else None)
    districts = [
        unit
        for unit in catalogue.at_level(d6.UnitLevel.DISTRICT)
        if covered is None or overlaps(unit, covered)
    ]
    lines = [Line(u.code, u.name, by_district.online_rate(unit=u.code)) for u in districts]
    ranked = sorted(
        (line for line in lines if line.rate.defined),
        key=lambda line: (-(line.rate.value or 0), -line.rate.denominator, line.code),
    )
    district_codes = {unit.code for unit in districts}
    outside = [
        Line(
            code,
            catalogue[code].name if code in catalogue else "",
            by_district.online_rate(unit=code),
        )
        for code in sorted(by_district.units() - district_codes)
    ]
    return Comparison(
        ranked=tuple(ranked),
        no_rate=tuple(line for line in lines if not line.rate.defined),
        outside=tuple(outside),
        left_out=left_out,
    )


def print_comparison(comparison: Comparison) -> None:
    width = max((len(line.name) for line in comparison.ranked), default=0)
    width = max(width, len("district"))
    print(f"{'#':>3}  {'code':<6} {'district':<{width}}  {'online':>7} {'total':>7}  {'rate':>6}")
    for rank, line in enumerate(comparison.ranked, start=1):
        rate = line.rate
        print(
            f"{rank:>3}  {line.code:<6} {line.name:<{width}}  {rate.numerator:>7,} "
            f"{rate.denominator:>7,}  {rate:>6.1%}"
        )
    if comparison.no_rate:
        print("\nNo rate (no dossiers in scope; not the same as 0%):")
        for line in comparison.no_rate:
            print(f"     {line.code:<6} {line.name}")
    if comparison.outside:
        print("\nReceived outside any district (not ranked):")
        for line in comparison.outside:
            rate = line.rate
            counts = f"{rate.numerator:,}/{rate.denominator:,}"
            print(f"     {line.code:<6} {line.name}: {counts} ({rate:.1%})")
    if comparison.left_out:
        print(
            f"\n{comparison.left_out:,} online dossiers of services run on national systems "
            "are left out: their totals are not known locally (--all-services keeps them)."
        )


def write_csv(comparison: Comparison, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["rank", "code", "name", "online", "total", "rate_percent"])
        for rank, line in enumerate(comparison.ranked, start=1):
            rate = line.rate
            percent = f"{rate.percent:.1f}" if rate.percent is not None else ""
            writer.writerow(
                [rank, line.code, line.name, rate.numerator, rate.denominator, percent]
            )
        for line in comparison.no_rate:
            writer.writerow(["", line.code, line.name, 0, 0, ""])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", nargs="?", help="a data set folder (default: embedded data)")
    parser.add_argument("--period", metavar="P", help="whole months, e.g. 2023-06 or 2023-Q2")
    parser.add_argument("--service", metavar="CODE", help="one service only")
    parser.add_argument("--output", "-o", metavar="FILE", help="also write the table as CSV")
    parser.add_argument(
        "--all-services", action="store_true", help="keep services run on national systems"
    )
    args = parser.parse_args(argv)

    try:
        period = d6.Period.parse(args.period) if args.period else None
        dataset = load(args.folder)
        if not dataset.units:
            print("district_comparison: the data set has no units.csv", file=sys.stderr)
            return 1
        comparison = compare(
            dataset, period=period, service=args.service, all_services=args.all_services
        )
    except d6.ValidationError as error:
        print(f"district_comparison: {error}", file=sys.stderr)
        return 2
    except d6.DataError as error:
        print(f"district_comparison: {error}", file=sys.stderr)
        print("Run `dean06 validate FOLDER` to list every problem.", file=sys.stderr)
        return 1

    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")  # Vietnamese on any console
    print_comparison(comparison)
    if args.output is not None:
        write_csv(comparison, Path(args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
