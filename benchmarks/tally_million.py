"""In-memory tallying of one million ``Dossier`` objects: dossiers per second and memory.

Run from the repository root::

    python benchmarks/tally_million.py              # 1,000,000 dossiers, best of 3
    python benchmarks/tally_million.py --n 200000 --repeat 5
    python benchmarks/tally_million.py --profile    # and a cProfile of one tally

It builds the synthetic province's dossiers (:mod:`province`) once, then
times ``DossierTally.of`` over them (best of ``--repeat`` runs) and
reports dossiers per second, the number of keys, the peak resident memory
of the tally over the baseline with the objects in memory, and the memory
the objects themselves take.  The target is a million dossiers a second.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import province  # noqa: E402
from paths import Memory  # noqa: E402

from dean06 import DossierTally  # noqa: E402

TARGET = 1_000_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="dossiers (default 1,000,000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is kept")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one tally")
    arguments = parser.parse_args(argv)

    memory = Memory()
    memory.start()
    start = time.perf_counter()
    records = list(province.dossiers(arguments.n, arguments.seed))
    build = time.perf_counter() - start
    objects_mb = memory.peak_mb()
    print(
        f"built {len(records):,} Dossier objects in {build:.2f} s "
        f"({len(records) / build:,.0f}/s), {objects_mb:,.0f} MB"
    )

    best = float("inf")
    tally = DossierTally()
    peak = 0.0
    for _ in range(arguments.repeat):
        del tally
        gc.collect()
        memory.start()
        start = time.perf_counter()
        tally = DossierTally.of(records)
        best = min(best, time.perf_counter() - start)
        peak = max(peak, memory.peak_mb())
    rate = len(records) / best
    verdict = "meets" if rate >= TARGET else "is below"
    print(
        f"DossierTally.of: {best:.3f} s for {len(records):,} dossiers = {rate:,.0f} dossiers/s "
        f"({verdict} the target of {TARGET:,}/s)"
    )
    print(f"tally: {len(tally):,} keys, {tally.total():,} dossiers, peak {peak:,.1f} MB")

    if arguments.profile:
        profile = cProfile.Profile()
        profile.runcall(DossierTally.of, records)
        pstats.Stats(profile).sort_stats("tottime").print_stats(12)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
