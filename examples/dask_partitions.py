"""Past one machine: one partial tally per Dask partition, merged with ``+``.

A tally is a commutative monoid: tallying parts and merging them equals
tallying the whole.  So a province's dossiers, split over many CSV files
(one per district, per month, per export), can be tallied file by file on
as many workers as there are, and the partial tallies added up at the end.
Only the tallies travel between workers, and a tally holds one row per
(service, unit, month, channel), a few thousand for a province-year,
however many dossiers went into it.

Run it::

    python examples/dask_partitions.py            # 20,000 dossiers in 8 files
    python examples/dask_partitions.py 200000 16  # more dossiers, more files

It writes the files into a temporary folder, tallies them with Dask (one
task per file, on local threads) and checks the result against one
``DossierTally.of`` in this process.  On a cluster, connect a
``dask.distributed.Client`` first; nothing else changes (see
docs/scaling.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
import tempfile
from functools import reduce
from operator import add
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dask.dataframe as dd
import pandas as pd
from dask.base import compute
from dask.delayed import delayed

import dean06 as d6
from dean06 import Channel, Dossier, DossierStatus, DossierTally

if TYPE_CHECKING:
    from collections.abc import Sequence

COLUMNS = (
    "id",
    "service",
    "unit",
    "channel",
    "received",
    "status",
    "resolved",
    "due",
    "paid_online",
    "assisted",
)
TIME_COLUMNS = ("received", "resolved", "due")


def _cell(value: object) -> str:
    """A CSV cell as dean06 writes it: ISO 8601 with offset, enum names, true/false."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, Channel | DossierStatus):
        return value.name
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_partitions(records: Sequence[Dossier], folder: Path, *, parts: int) -> list[Path]:
    """Write *records* round-robin into *parts* CSV files in *folder*; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"dossiers-{index:03d}.csv" for index in range(parts)]
    handles = [path.open("w", newline="", encoding="utf-8") for path in paths]
    try:
        writers = [csv.writer(handle) for handle in handles]
        for writer in writers:
            writer.writerow(COLUMNS)
        for index, record in enumerate(records):
            row = [_cell(getattr(record, column)) for column in COLUMNS]
            writers[index % parts].writerow(row)
    finally:
        for handle in handles:
            handle.close()
    return paths


def tally_partition(part: pd.DataFrame) -> DossierTally:
    """Tally one partition (a pandas frame of CSV text) with the dataframe path.

    The times are ISO 8601 text with offsets; ``utc=True`` reads them as
    instants whatever their offset.  Everything else (channel and status
    names, ``true``/``false``, empty cells) ``from_frame`` reads as text.
    """
    part = part.copy()
    for column in TIME_COLUMNS:
        part[column] = pd.to_datetime(part[column], utc=True, format="ISO8601")
    return DossierTally.from_frame(part)


def _partitions(pattern: str) -> list[Any]:
    # One partition per file (blocksize=None), every column as text: codes
    # keep their leading zeros and the times are parsed in tally_partition.
    frame = dd.read_csv(pattern, dtype=str, blocksize=None, keep_default_na=False, na_values=[""])
    return list(frame.to_delayed())


def partial_tallies(pattern: str, *, scheduler: str = "threads") -> list[DossierTally]:
    """One tally per file matching *pattern*, each computed as its own Dask task."""
    tasks = [delayed(tally_partition)(part) for part in _partitions(pattern)]
    (tallies,) = compute(tasks, scheduler=scheduler)  # type: ignore[no-untyped-call]
    return list(tallies)


def tally_partitions(pattern: str, *, scheduler: str = "threads") -> DossierTally:
    """The tally of every file matching *pattern*: partial tallies merged with ``+``.

    The merge runs in Dask too (a tree of ``+``), so with a distributed
    scheduler only tallies, never dossiers, come back to the client.
    """
    tasks = [delayed(tally_partition)(part) for part in _partitions(pattern)]
    while len(tasks) > 1:  # a tree reduction: log2(n) rounds of pairwise merges
        pairs = [tasks[i : i + 2] for i in range(0, len(tasks), 2)]
        tasks = [delayed(reduce)(add, pair) for pair in pairs]
    if not tasks:
        return DossierTally()
    (total,) = compute(tasks[0], scheduler=scheduler)  # type: ignore[no-untyped-call]
    result: DossierTally = total
    return result


def sample(count: int, seed: int = 2023) -> list[Dossier]:
    """*count* synthetic dossiers of one province in 2023 (deterministic)."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    services = [f"D06-{n:02d}" for n in range(1, 26)]
    communes = [f"535{d:02d}{c:02d}" for d in range(1, 11) for c in range(1, 21)]
    start = dt.datetime(2023, 1, 1, tzinfo=d6.VIETNAM)
    records = []
    for index in range(count):
        received = start + dt.timedelta(seconds=rng.randrange(365 * 86_400))
        status = rng.choice(list(DossierStatus))
        ended = status in (DossierStatus.RESOLVED, DossierStatus.REJECTED)
        records.append(
            Dossier(
                id=f"HS-{index:08d}",
                service=rng.choice(services),
                unit=rng.choice(communes),
                channel=Channel.ONLINE if rng.random() < 0.6 else Channel.IN_PERSON,
                received=received,
                status=status,
                resolved=received + dt.timedelta(hours=rng.randrange(1, 500)) if ended else None,
                due=received + dt.timedelta(days=rng.randrange(1, 15)),
                paid_online=rng.choice((None, True, False)),
                assisted=rng.random() < 0.1,
            )
        )
    return records


def main(argv: Sequence[str] = ()) -> int:
    """Write, tally in parallel, check against the single-process tally, print rates."""
    count = int(argv[0]) if argv else 20_000
    parts = int(argv[1]) if len(argv) > 1 else 8
    records = sample(count)
    with tempfile.TemporaryDirectory() as folder:
        write_partitions(records, Path(folder), parts=parts)
        tally = tally_partitions(str(Path(folder) / "*.csv"))
    if tally != DossierTally.of(records):
        print("the merged tally differs from the single-process tally", file=sys.stderr)
        return 1
    print(f"{tally.total():,} dossiers from {parts} partitions, {len(tally):,} tally rows")
    print(f"online rate: {tally.online_rate():.1%}   on time: {tally.on_time_rate():.1%}")
    above = d6.share_above(tally.rates_by_service(), 0.5)
    print(f"services above 50% online: {above}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
