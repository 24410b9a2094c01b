"""One benchmark path, run in a process of its own: ``python paths.py NAME CSV N SEED``.

:mod:`run` starts this script once per path and size, so that every path
starts from a fresh interpreter and its memory is its own.  The script
imports what the path needs, takes its resident memory as the baseline,
runs the path, and prints one JSON object on stdout: the report figures
(:mod:`figures`), the seconds of the timed part, and the peak resident
memory over the baseline (the high-water mark of ``/proc/self/status``,
reset through ``/proc/self/clear_refs`` where the kernel allows it,
``resource.getrusage`` otherwise).

Paths (all end with the same figures):

``dean06-objects``
    ``Dossier`` objects built in memory (timed and measured on their own,
    reported as ``dean06-objects:build``), then ``DossierTally.of`` and the
    figures from the tally's queries (the timed part).
``dean06-csv``
    ``dean06.io.read_dossiers(path)`` streamed into ``DossierTally.of``,
    then the figures.  Prints ``unavailable`` when ``dean06.io`` is not
    there yet.
``pandas``
    The reference: ``read_csv(usecols=...)``, ``to_datetime`` and one
    ``groupby``; the figures from the grouped counts.
``polars``
    ``scan_csv``, ``str.to_datetime`` and one ``group_by`` (lazy, all cores).
``duckdb``
    One SQL ``GROUP BY`` over ``read_csv`` (all cores).
``frames-polars``
    The dataframe path: ``pl.read_csv`` (times parsed by Polars) and
    ``DossierTally.from_frame``; the ``from_frame`` call alone is reported
    as ``frames-polars:from_frame``.
``frames-polars-lazy``
    The same over ``pl.scan_csv``: reading, parsing and grouping run as one
    lazy query, on all cores, and only the grouped rows reach Python.
``frames-duckdb``
    The dataframe path over a lazy DuckDB relation on the CSV.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

ISO = "%Y-%m-%dT%H:%M:%S%z"
TIME_COLUMNS = ("received", "resolved", "due")


class Memory:
    """Peak resident memory over a baseline taken at :meth:`start`."""

    def __init__(self) -> None:
        self.base_kb = 0
        self.reset_works = False

    @staticmethod
    def _status(key: str) -> int:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith(key):
                    return int(line.split()[1])
        return 0

    def start(self) -> None:
        """Take the baseline (and reset the high-water mark where possible)."""
        try:
            Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
            self.reset_works = True
        except OSError:
            self.reset_works = False
        self.base_kb = self._status("VmRSS:")

    def peak_mb(self) -> float:
        """Peak resident memory since :meth:`start`, over the baseline, in MB."""
        try:
            peak = self._status("VmHWM:")
        except OSError:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return max(0, peak - self.base_kb) / 1024


def _measure(run: Any) -> tuple[Any, float, float]:
    memory = Memory()
    memory.start()
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    return result, seconds, memory.peak_mb()


def _from_groups(rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    """Figures from (service, month index, total, online, with_due, on_time) rows."""
    from figures import from_counts  # noqa: PLC0415

    by_service: dict[str, tuple[int, int]] = {}
    by_month: dict[int, tuple[int, int]] = {}
    with_due = on_time = 0
    for service, month, total, online, due, in_time in rows:
        o, t = by_service.get(service, (0, 0))
        by_service[service] = (o + int(online), t + int(total))
        o, t = by_month.get(int(month), (0, 0))
        by_month[int(month)] = (o + int(online), t + int(total))
        with_due += int(due)
        on_time += int(in_time)
    return from_counts(by_service, by_month, on_time, with_due)


# --------------------------------------------------------------------------------------
# dean06


def dean06_objects(csv: Path, n: int, seed: int) -> dict[str, Any]:
    del csv
    import figures  # noqa: PLC0415
    import province  # noqa: PLC0415

    from dean06 import DossierTally  # noqa: PLC0415

    records, build_seconds, build_mb = _measure(lambda: list(province.dossiers(n, seed)))
    result, seconds, peak = _measure(lambda: figures.from_tally(DossierTally.of(records)))
    return {
        "figures": result,
        "seconds": seconds,
        "peak_mb": peak,
        "parts": {"build": {"seconds": build_seconds, "peak_mb": build_mb}},
    }


def dean06_csv(csv: Path, n: int, seed: int) -> dict[str, Any]:
    del n, seed
    import figures  # noqa: PLC0415

    from dean06 import DossierTally  # noqa: PLC0415

    try:
        from dean06.io import read_dossiers  # noqa: PLC0415
    except ImportError as exc:
        return {"unavailable": f"dean06.io.read_dossiers cannot be imported ({exc})"}

    def run() -> dict[str, Any]:
        return figures.from_tally(DossierTally.of(read_dossiers(csv)))

    result, seconds, peak = _measure(run)
    return {"figures": result, "seconds": seconds, "peak_mb": peak}


# --------------------------------------------------------------------------------------
# The engines on their own


def pandas_path(csv: Path, n: int, seed: int) -> dict[str, Any]:
    del n, seed
    import pandas as pd  # noqa: PLC0415

    def run() -> dict[str, Any]:
        usecols = ["service", "channel", *TIME_COLUMNS]
        frame = pd.read_csv(csv, usecols=usecols, dtype=str)
        received = pd.to_datetime(frame["received"], utc=True, format="ISO8601")
        local = received + pd.Timedelta(hours=7)  # wall time in UTC+07:00
        resolved = pd.to_datetime(frame["resolved"], utc=True, format="ISO8601")
        due = pd.to_datetime(frame["due"], utc=True, format="ISO8601")
        with_due = resolved.notna() & due.notna()
        work = pd.DataFrame(
            {
                "service": frame["service"],
                "month": local.dt.year * 12 + local.dt.month - 1,
                "online": (frame["channel"] == "ONLINE").astype("int64"),
                "with_due": with_due.astype("int64"),
                "on_time": (with_due & (resolved <= due)).astype("int64"),
            }
        )
        grouped = work.groupby(["service", "month"], sort=False).agg(
            total=("online", "size"),
            online=("online", "sum"),
            with_due=("with_due", "sum"),
            on_time=("on_time", "sum"),
        )
        rows = [
            (service, month, *values)
            for (service, month), values in zip(
                grouped.index, grouped.itertuples(index=False, name=None), strict=True
            )
        ]
        return _from_groups(rows)

    result, seconds, peak = _measure(run)
    return {"figures": result, "seconds": seconds, "peak_mb": peak}


def polars_path(csv: Path, n: int, seed: int) -> dict[str, Any]:
    del n, seed
    import polars as pl  # noqa: PLC0415

    def run() -> dict[str, Any]:
        columns = ["service", "channel", *TIME_COLUMNS]
        scan = pl.scan_csv(csv, schema_overrides=dict.fromkeys(columns, pl.String)).select(columns)
        times = {name: pl.col(name).str.to_datetime(ISO, time_unit="us") for name in TIME_COLUMNS}
        local = times["received"].dt.replace_time_zone(None).dt.offset_by("7h")
        with_due = times["resolved"].is_not_null() & times["due"].is_not_null()
        grouped = (
            scan.with_columns(
                month=local.dt.year().cast(pl.Int64) * 12 + local.dt.month().cast(pl.Int64) - 1,
                online=(pl.col("channel") == "ONLINE").cast(pl.Int64),
                with_due=with_due.cast(pl.Int64),
                on_time=(with_due & (times["resolved"] <= times["due"])).cast(pl.Int64),
            )
            .group_by("service", "month")
            .agg(
                pl.len().alias("total"),
                pl.col("online").sum(),
                pl.col("with_due").sum(),
                pl.col("on_time").sum(),
            )
            .collect()
        )
        return _from_groups(grouped.rows())

    result, seconds, peak = _measure(run)
    return {"figures": result, "seconds": seconds, "peak_mb": peak}


def _duckdb_connection() -> Any:
    import duckdb  # noqa: PLC0415

    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    return connection


_DUCKDB_TYPES = (
    "{'id': 'VARCHAR', 'service': 'VARCHAR', 'unit': 'VARCHAR', 'channel': 'VARCHAR', "
    "'received': 'TIMESTAMPTZ', 'status': 'VARCHAR', 'resolved': 'TIMESTAMPTZ', "
    "'due': 'TIMESTAMPTZ', 'paid_online': 'BOOLEAN', 'assisted': 'BOOLEAN'}"
)


def duckdb_path(csv: Path, n: int, seed: int) -> dict[str, Any]:
    del n, seed
    connection = _duckdb_connection()
    path = str(csv).replace("'", "''")

    def run() -> dict[str, Any]:
        query = f"""
            WITH d AS (
                SELECT service, channel, resolved, due, received + INTERVAL 7 HOUR AS local
                FROM read_csv('{path}', header = true, columns = {_DUCKDB_TYPES})
            )
            SELECT service,
                   year(local) * 12 + month(local) - 1 AS month,
                   count(*) AS total,
                   count(*) FILTER (WHERE channel = 'ONLINE') AS online,
                   count(*) FILTER (WHERE resolved IS NOT NULL AND due IS NOT NULL) AS with_due,
                   count(*) FILTER (WHERE resolved <= due) AS on_time
            FROM d GROUP BY ALL
        """  # noqa: S608 - the path is ours, quoted
        return _from_groups(connection.sql(query).fetchall())

    result, seconds, peak = _measure(run)
    return {"figures": result, "seconds": seconds, "peak_mb": peak}


# --------------------------------------------------------------------------------------
# The dataframe path


def _polars_schema() -> dict[str, Any]:
    """The province CSV's column types for Polars: codes and times as text, flags as booleans."""
    import polars as pl  # noqa: PLC0415

    return {
        "id": pl.String,
        "service": pl.String,
        "unit": pl.String,
        "channel": pl.String,
        "status": pl.String,
        "paid_online": pl.Boolean,
        "assisted": pl.Boolean,
        **dict.fromkeys(TIME_COLUMNS, pl.String),
    }


def frames_polars(csv: Path, n: int, seed: int) -> dict[str, Any]:
    del n, seed
    import figures  # noqa: PLC0415
    import polars as pl  # noqa: PLC0415

    from dean06 import DossierTally  # noqa: PLC0415
    from dean06.frames import dossier_tally  # noqa: PLC0415, F401 - imported before timing

    inner: dict[str, float] = {}

    def run() -> dict[str, Any]:
        schema = _polars_schema()
        frame = pl.read_csv(csv, schema_overrides=schema).with_columns(
            pl.col(name).str.to_datetime(ISO, time_unit="us") for name in TIME_COLUMNS
        )
        start = time.perf_counter()
        tally = DossierTally.from_frame(frame)
        inner["seconds"] = time.perf_counter() - start
        return figures.from_tally(tally)

    result, seconds, peak = _measure(run)
    return {
        "figures": result,
        "seconds": seconds,
        "peak_mb": peak,
        "parts": {"from_frame": {"seconds": inner["seconds"]}},
    }


def frames_polars_lazy(csv: Path, n: int, seed: int) -> dict[str, Any]:
    """The dataframe path as a Polars user writes it: a lazy scan handed to from_frame."""
    del n, seed
    import figures  # noqa: PLC0415
    import polars as pl  # noqa: PLC0415

    from dean06 import DossierTally  # noqa: PLC0415
    from dean06.frames import dossier_tally  # noqa: PLC0415, F401 - imported before timing

    def run() -> dict[str, Any]:
        schema = _polars_schema()
        scan = pl.scan_csv(csv, schema_overrides=schema).with_columns(
            pl.col(name).str.to_datetime(ISO, time_unit="us") for name in TIME_COLUMNS
        )
        return figures.from_tally(DossierTally.from_frame(scan))

    result, seconds, peak = _measure(run)
    return {"figures": result, "seconds": seconds, "peak_mb": peak}


def frames_duckdb(csv: Path, n: int, seed: int) -> dict[str, Any]:
    del n, seed
    import figures  # noqa: PLC0415

    from dean06 import DossierTally  # noqa: PLC0415
    from dean06.frames import dossier_tally  # noqa: PLC0415, F401 - imported before timing

    connection = _duckdb_connection()
    path = str(csv).replace("'", "''")

    def run() -> dict[str, Any]:
        relation = connection.sql(
            f"SELECT * FROM read_csv('{path}', header = true, columns = {_DUCKDB_TYPES})"  # noqa: S608
        )
        return figures.from_tally(DossierTally.from_frame(relation))

    result, seconds, peak = _measure(run)
    return {"figures": result, "seconds": seconds, "peak_mb": peak}


PATHS = {
    "dean06-objects": dean06_objects,
    "dean06-csv": dean06_csv,
    "pandas": pandas_path,
    "polars": polars_path,
    "duckdb": duckdb_path,
    "frames-polars": frames_polars,
    "frames-polars-lazy": frames_polars_lazy,
    "frames-duckdb": frames_duckdb,
}


def main(argv: list[str]) -> int:
    name, csv, n, seed = argv[0], Path(argv[1]), int(argv[2]), int(argv[3])
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        outcome = PATHS[name](csv, n, seed)
    except ImportError as exc:
        outcome = {"unavailable": f"{exc}"}
    print(json.dumps(outcome))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
