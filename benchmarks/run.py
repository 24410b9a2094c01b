"""dean06 at national scale: every path side by side, on a synthetic province.

Run from the repository root::

    python benchmarks/run.py                      # N = 100,000 and 1,000,000
    python benchmarks/run.py --big                # and 10,000,000 as well
    python benchmarks/run.py --sizes 50000,2e6    # sizes of your choice
    python benchmarks/run.py --paths pandas,frames-polars --repeat 3

Flags:
    ``--sizes N[,N...]``   dossier counts to run (default ``100000,1000000``;
                          ``1e6`` and ``1_000_000`` are read too).
    ``--big``             add 10,000,000 to the sizes.
    ``--paths P[,P...]``  which paths (default: all; see below).
    ``--repeat R``        run each path R times, each in a fresh process, and
                          keep the fastest run (default 1).
    ``--seed S``          the synthetic province's seed (default 6).
    ``--work DIR``        where the CSV files go (default ``benchmarks/.work``,
                          which git ignores); a file is reused when present.
    ``--regenerate``      write the CSV files again even when present.
    ``--timeout SECONDS`` give up on one path run after this long (default 1800).

For every size it writes (or reuses) the province as CSV
(:mod:`province`), then runs each path in its own subprocess
(:mod:`paths`): dean06 over ``Dossier`` objects in memory, dean06 reading
the CSV (``dean06.io.read_dossiers``, ``unavailable`` until that reader
exists), pandas (the reference), Polars, DuckDB, and the dataframe path
(``DossierTally.from_frame``) over Polars and over DuckDB.  It checks that
every path produced identical figures (exact counts and rates) before it
prints any timing, and exits with status 1, printing the difference, when
one does not.  The table gives rows per second, the ratio to pandas and
the peak resident memory over the process's baseline.

Machine note: Polars and DuckDB use every core; pandas and dean06 use one.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import province  # noqa: E402

ALL_PATHS = (
    "dean06-objects",
    "dean06-csv",
    "pandas",
    "polars",
    "duckdb",
    "frames-polars",
    "frames-polars-lazy",
    "frames-duckdb",
)
LABELS = {
    "dean06-objects:build": "dean06 objects: build Dossier objects",
    "dean06-objects": "dean06 objects: tally + rates",
    "dean06-csv": "dean06 CSV: read_dossiers -> tally + rates",
    "pandas": "pandas: read_csv + to_datetime + groupby",
    "polars": "Polars: scan_csv + group_by",
    "duckdb": "DuckDB: read_csv + GROUP BY",
    "frames-polars": "from_frame (Polars): read_csv + from_frame",
    "frames-polars:from_frame": "  of which DossierTally.from_frame",
    "frames-polars-lazy": "from_frame (Polars): scan_csv, lazily",
    "frames-duckdb": "from_frame (DuckDB relation on the CSV)",
}
REFERENCE = "pandas"


def _size(text: str) -> int:
    value = float(text.replace("_", ""))
    if value < 1 or value != int(value):
        msg = f"not a whole number of dossiers: {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return int(value)


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--big", action="store_true")
    parser.add_argument("--paths", default=",".join(ALL_PATHS))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--work", type=Path, default=HERE / ".work")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--timeout", type=float, default=1800.0)
    arguments = parser.parse_args(argv)
    sizes = [_size(part) for part in arguments.sizes.split(",") if part.strip()]
    if arguments.big and 10_000_000 not in sizes:
        sizes.append(10_000_000)
    arguments.size_list = sizes
    paths = [part.strip() for part in arguments.paths.split(",") if part.strip()]
    unknown = sorted(set(paths) - set(ALL_PATHS))
    if unknown:
        parser.error(f"unknown paths {unknown}; known: {', '.join(ALL_PATHS)}")
    arguments.path_list = paths
    return arguments


def _note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _run_path(name: str, csv: Path, n: int, seed: int, timeout: float) -> dict[str, Any]:
    command = [sys.executable, str(HERE / "paths.py"), name, str(csv), str(n), str(seed)]
    environment = dict(os.environ, PYTHONPATH=str(HERE))
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env=environment,
        )
    except subprocess.TimeoutExpired:
        return {"failed": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0 or not done.stdout.strip():
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"failed": f"exit status {done.returncode}: {tail[0]}"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _best(name: str, csv: Path, n: int, arguments: argparse.Namespace) -> dict[str, Any]:
    best: dict[str, Any] | None = None
    for attempt in range(arguments.repeat):
        _note(f"  {name} (run {attempt + 1} of {arguments.repeat}) ...")
        result = _run_path(name, csv, n, arguments.seed, arguments.timeout)
        if "seconds" not in result:
            return result
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    assert best is not None
    return best


def _differences(left: Any, right: Any, where: str = "") -> list[str]:
    if isinstance(left, dict) and isinstance(right, dict):
        found: list[str] = []
        for key in sorted(set(left) | set(right)):
            found += _differences(left.get(key), right.get(key), f"{where}.{key}")
        return found
    if left != right:
        return [f"{where or 'figures'}: {left!r} != {right!r}"]
    return []


def _rows(results: dict[str, dict[str, Any]], n: int) -> list[tuple[str, str, str, str, str]]:
    reference = results.get(REFERENCE, {}).get("seconds")
    table: list[tuple[str, str, str, str, str]] = []

    def line(key: str, seconds: float | None, peak: float | None) -> None:
        if seconds is None:
            table.append((LABELS[key], "", "", "", ""))
            return
        rate = n / seconds
        ratio = f"{reference / seconds:.2f}" if reference else "-"
        memory = "-" if peak is None else f"{peak:,.0f}"
        table.append((LABELS[key], f"{seconds:.2f}", f"{rate:,.0f}", ratio, memory))

    for name, result in results.items():
        if "seconds" not in result:
            reason = result.get("unavailable") or result.get("failed", "")
            status = "unavailable" if "unavailable" in result else "FAILED"
            table.append((LABELS[name], status, reason[:60], "", ""))
            continue
        parts = result.get("parts", {})
        if "build" in parts:
            build = parts["build"]
            line(f"{name}:build", build["seconds"], build.get("peak_mb"))
        line(name, result["seconds"], result.get("peak_mb"))
        if "from_frame" in parts:
            line(f"{name}:from_frame", parts["from_frame"]["seconds"], None)
    return table


def _print_table(n: int, table: list[tuple[str, str, str, str, str]]) -> None:
    header = ("path", "seconds", "rows/s", f"x {REFERENCE}", "peak MB")
    widths = [max(len(row[i]) for row in [header, *table]) for i in range(5)]
    print(f"\nN = {n:,} dossiers")
    print(
        "  ".join(
            h.ljust(widths[0]) if i == 0 else h.rjust(widths[i]) for i, h in enumerate(header)
        )
    )
    print("  ".join("-" * width for width in widths))
    for row in table:
        cells = [
            row[0].ljust(widths[0]),
            *(cell.rjust(widths[i + 1]) for i, cell in enumerate(row[1:])),
        ]
        print("  ".join(cells).rstrip())


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(sys.argv[1:] if argv is None else argv)
    tables: list[tuple[int, list[tuple[str, str, str, str, str]]]] = []
    for n in arguments.size_list:
        csv = province.csv_path(arguments.work, n, arguments.seed)
        if arguments.regenerate or not csv.exists():
            _note(f"writing {csv} ({n:,} dossiers) ...")
            start = time.perf_counter()
            province.write_csv(csv, n, arguments.seed)
            _note(f"  written in {time.perf_counter() - start:.1f} s")
        _note(f"N = {n:,}:")
        results = {name: _best(name, csv, n, arguments) for name in arguments.path_list}
        measured = {name: r for name, r in results.items() if "figures" in r}
        failed = [name for name, r in results.items() if "failed" in r]
        if failed:
            for name in failed:
                _note(f"path {name} failed: {results[name]['failed']}")
            return 1
        if measured:
            first_name, first = next(iter(measured.items()))
            for name, result in measured.items():
                found = _differences(first["figures"], result["figures"])
                if found:
                    _note(f"N = {n:,}: {name} differs from {first_name}:")
                    for difference in found[:20]:
                        _note(f"  {difference}")
                    return 1
            _note(f"  all {len(measured)} paths produced identical figures")
        tables.append((n, _rows(results, n)))
    print(
        f"dean06 benchmarks ({platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f})"
    )
    print("Every path below produced identical figures (exact counts and rates).")
    for n, table in tables:
        _print_table(n, table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
