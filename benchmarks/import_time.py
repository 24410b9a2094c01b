"""How long ``import dean06`` takes: the median of fresh interpreters, against ``pass``.

Run from the repository root::

    python benchmarks/import_time.py              # 15 interpreters each
    python benchmarks/import_time.py --runs 31 --module dean06.io

Each run starts a new interpreter (``python -c "import dean06"``), so
nothing is cached in the process; the reference is ``python -c pass``,
the cost of starting Python itself.  The difference of the medians is
what importing dean06 costs a command-line tool.  It also prints how many
modules the import loads, and ``-X importtime``'s slowest imports.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def _run(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def _median(code: str, runs: int) -> float:
    _run(code)  # warm the file cache
    return statistics.median(_run(code) for _ in range(runs))


def _slowest(module: str, count: int = 8) -> list[tuple[int, str]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows: list[tuple[int, str]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.split("|", 2)  # self, cumulative, module
        rows.append((int(cumulative), name.strip()))
    return sorted(rows, reverse=True)[:count]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=15, help="interpreters per measure")
    parser.add_argument("--module", default="dean06", help="module to import (default dean06)")
    arguments = parser.parse_args(argv)

    reference = _median("pass", arguments.runs)
    total = _median(f"import {arguments.module}", arguments.runs)
    count = subprocess.run(
        [
            sys.executable,
            "-c",
            (
                f"import sys; before = set(sys.modules); import {arguments.module}; "
                "print(len(set(sys.modules) - before))"
            ),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"python -c pass:            {reference * 1000:7.1f} ms (median of {arguments.runs})")
    print(f"python -c 'import {arguments.module}': {total * 1000:7.1f} ms")
    alone = (total - reference) * 1000
    print(f"import {arguments.module} alone:       {alone:7.1f} ms, {count} modules")
    print("slowest imports (cumulative, microseconds):")
    for cumulative, name in _slowest(arguments.module):
        print(f"  {cumulative:>8,}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
