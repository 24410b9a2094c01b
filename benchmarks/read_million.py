"""Streaming: read a CSV of a million dossiers in flat memory.

Run from the repository root::

    python benchmarks/read_million.py                 # 10,000 and 1,000,000 rows
    python benchmarks/read_million.py --sizes 10000,100000,1000000
    python benchmarks/read_million.py --regenerate    # write the CSV files again

It writes (once) ``benchmarks/.work/read-million-v2-<N>.csv`` for each
size: valid dossiers with the API's columns, 25 services and 10 units (so
the tally has the same few thousand keys at every size), ISO 8601
date-times with offset (one in twenty in UTC), every status.  Then, for
each size, a fresh interpreter reads the file with
:func:`dean06.io.read_dossiers` straight into :meth:`dean06.DossierTally.of`
(the reader is never turned into a list) and reports rows per second (wall
clock and CPU time, since other processes slow the wall clock) and its peak
resident memory (``resource.getrusage(...).ru_maxrss``), next to the same
process's resident memory after the imports.  Reading is streaming when
the peak does not grow with the number of rows: the tally grows with its
keys (service x unit x month x channel), not with the rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
HEADER = "id,service,unit,channel,received,status,resolved,due,paid_online,assisted\n"
CHANNELS = ("ONLINE", "ONLINE", "IN_PERSON", "POSTAL")
STATUSES = ("RESOLVED", "RESOLVED", "RESOLVED", "REJECTED", "IN_PROGRESS", "RECEIVED", "WITHDRAWN")
ICT = dt.timezone(dt.timedelta(hours=7))
UTC = dt.timezone.utc
START = dt.datetime(2023, 1, 1, tzinfo=ICT)
YEAR_SECONDS = 365 * 24 * 3600


def _parse_sizes(text: str) -> list[int]:
    return [int(float(part.replace("_", ""))) for part in text.split(",") if part.strip()]


def generate(path: Path, rows: int, seed: int = 6) -> None:
    """Write *rows* valid dossiers to *path* (deterministic for a seed)."""
    rng = random.Random(seed)
    services = [f"D06-{i:02d}" for i in range(1, 26)]
    # Ten units: at most 25 x 10 x 12 x 3 = 9,000 tally keys, nearly all of them
    # present after 10,000 rows, so that the tally is the same size at every
    # size and any growth of the peak would be the reader's.
    units = [str(21000 + i) for i in range(10)]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".part")
    with temporary.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        lines: list[str] = []
        for number in range(rows):
            received = START + dt.timedelta(seconds=rng.randrange(YEAR_SECONDS))
            status = rng.choice(STATUSES)
            resolved = ""
            if status in ("RESOLVED", "REJECTED"):
                resolved = (received + dt.timedelta(hours=rng.randrange(1, 400))).isoformat()
            due = (
                (received + dt.timedelta(days=rng.randrange(1, 15))).isoformat()
                if rng.random() < 0.8
                else ""
            )
            zone = UTC if number % 20 == 0 else ICT
            paid = rng.choice(("", "true", "false"))
            lines.append(
                f"HS-{number:08d},{rng.choice(services)},{rng.choice(units)},"
                f"{rng.choice(CHANNELS)},{received.astimezone(zone).isoformat()},{status},"
                f"{resolved},{due},{paid},{'true' if rng.random() < 0.1 else 'false'}\n"
            )
            if len(lines) >= 10_000:
                out.writelines(lines)
                lines.clear()
        out.writelines(lines)
    temporary.replace(path)


#: The code each measuring subprocess runs: a fresh interpreter per size.
CHILD = """
import json, resource, sys, time
from dean06 import DossierTally
from dean06.io import read_dossiers

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
reader = read_dossiers(sys.argv[1])
start, start_cpu = time.perf_counter(), cpu()
tally = DossierTally.of(reader)  # streamed: never a list
seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({
    "rows": reader.read, "accepted": reader.accepted, "rejected": reader.rejected,
    "total": tally.total(), "keys": len(tally), "seconds": seconds, "cpu": cpu_seconds,
    "baseline_kb": baseline, "peak_kb": peak,
}))
"""


def measure(path: Path) -> dict[str, float]:
    """Read *path* in a fresh interpreter; its figures."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=3600,
    )
    if done.returncode != 0:
        msg = f"the reading process failed:\n{done.stderr}"
        raise SystemExit(msg)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="10000,1000000", help="rows per file (10000,1000000)")
    parser.add_argument("--work", type=Path, default=WORK, help="where the CSV files go")
    parser.add_argument("--regenerate", action="store_true", help="write the files again")
    parser.add_argument("--seed", type=int, default=6)
    arguments = parser.parse_args(argv)

    results = []
    for size in _parse_sizes(arguments.sizes):
        path = arguments.work / f"read-million-v2-{size}.csv"
        if arguments.regenerate or not path.is_file():
            start = time.perf_counter()
            generate(path, size, arguments.seed)
            took = time.perf_counter() - start
            megabytes = path.stat().st_size / 1e6
            print(f"wrote {path.name}: {size:,} rows, {megabytes:,.1f} MB, {took:.1f} s")
        figures = measure(path)
        if figures["rows"] != size or figures["accepted"] != size or figures["total"] != size:
            msg = f"{path.name}: expected {size:,} valid rows, got {figures}"
            raise SystemExit(msg)
        results.append(figures)

    print()
    print(
        f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )
    print(
        f"{'rows':>11}  {'seconds':>8}  {'rows/s':>9}  {'CPU s':>7}  {'rows/CPU s':>10}  "
        f"{'keys':>6}  {'RSS after imports':>17}  {'peak RSS':>9}  {'growth':>8}"
    )
    for figures in results:
        base, peak = figures["baseline_kb"] / 1024, figures["peak_kb"] / 1024
        print(
            f"{int(figures['rows']):>11,}  {figures['seconds']:>8.2f}  "
            f"{figures['rows'] / figures['seconds']:>9,.0f}  {figures['cpu']:>7.2f}  "
            f"{figures['rows'] / figures['cpu']:>10,.0f}  {int(figures['keys']):>6,}  "
            f"{base:>14.1f} MB  {peak:>6.1f} MB  {peak - base:>5.1f} MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
