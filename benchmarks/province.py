"""A deterministic synthetic province: the data every benchmark path reads.

One province of 10 districts and 300 communes, the 25 essential services
(``D06-01`` to ``D06-25``), twelve months of 2023, N dossiers.  Rows are
made in fixed chunks of 100,000 from a seeded NumPy generator, so the
first 100,000 dossiers of the one-million province are the 100,000
province, and the same seed always gives the same rows.

The rows are valid dossiers (every invariant of :class:`dean06.Dossier`
holds: ``resolved`` and ``due`` are not before ``received``; ``resolved``
is set exactly on RESOLVED and REJECTED).  Online shares differ by service
(two services are fully online, several are below 50%) and rise month by
month, so every report figure has something to show.

The CSV uses the column names of the API (``id, service, unit, channel,
received, status, resolved, due, paid_online, assisted``), enum member
names, ``true``/``false``, empty cells for missing values, and ISO 8601
date-times with an offset: most are written in UTC+07:00 and one in twenty
in UTC (``+00:00``), so an engine that ignores offsets gets months wrong
near their ends.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from dean06 import Dossier

#: Bump when the rows change, so cached CSV files are not reused.
VERSION = 1
CHUNK = 100_000
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
SERVICES = tuple(f"D06-{n:02d}" for n in range(1, 26))
# 10 districts of 24 to 36 communes (300 in all), GSO-style five-digit codes.
_SIZES = (30, 24, 36, 28, 32, 30, 26, 34, 29, 31)
UNITS = tuple(
    f"{21000 + 100 * district + commune:05d}"
    for district, size in enumerate(_SIZES)
    for commune in range(size)
)
DISTRICTS = tuple(f"{522 + district}" for district in range(len(_SIZES)))
CHANNELS = ("ONLINE", "IN_PERSON", "POSTAL")
STATUSES = ("RECEIVED", "IN_PROGRESS", "RESOLVED", "REJECTED", "WITHDRAWN")
_STATUS_WEIGHTS = (0.17, 0.15, 0.60, 0.03, 0.05)
_SERVICE_WEIGHTS = np.linspace(3.0, 0.5, len(SERVICES))
_SERVICE_WEIGHTS /= _SERVICE_WEIGHTS.sum()
# Online share in January by service; +2.5 points a month.  D06-01 and
# D06-06 are fully online, the last six stay well below one half.
_ONLINE_BASE = np.linspace(0.85, 0.10, len(SERVICES))
_ONLINE_BASE[[0, 5]] = 1.0
_SECONDS_2023 = 365 * 86_400
# 2023-01-01T00:00:00+07:00 as Unix seconds.
_START = int(dt.datetime(2023, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=7))).timestamp())
_SEVEN_HOURS = 7 * 3600


class Chunk:
    """One chunk of rows as NumPy columns (times as Unix seconds, -1 for none)."""

    __slots__ = (
        "assisted",
        "channel",
        "due",
        "first",
        "paid",
        "received",
        "resolved",
        "service",
        "size",
        "status",
        "unit",
        "utc",
    )

    def __init__(self, index: int, size: int, seed: int) -> None:
        rng = np.random.default_rng([seed, VERSION, index])
        self.first = index * CHUNK
        self.size = size
        self.service = rng.choice(len(SERVICES), size, p=_SERVICE_WEIGHTS)
        self.unit = rng.integers(0, len(UNITS), size)
        local = rng.integers(0, _SECONDS_2023, size)
        self.received = _START + local
        moments = np.datetime64("2023-01-01T00:00:00") + local.astype("timedelta64[s]")
        month = moments.astype("datetime64[M]").astype(np.int64) - (2023 - 1970) * 12
        share = np.clip(_ONLINE_BASE[self.service] + 0.025 * month, 0.0, 1.0)
        online = rng.random(size) < share
        postal = rng.random(size) < 0.1
        self.channel = np.where(online, 0, np.where(postal, 2, 1))
        self.status = rng.choice(len(STATUSES), size, p=_STATUS_WEIGHTS)
        ended = (self.status == 2) | (self.status == 3)
        self.resolved = np.where(ended, self.received + rng.integers(3600, 20 * 86_400, size), -1)
        has_due = rng.random(size) < 0.9
        self.due = np.where(has_due, self.received + rng.integers(5, 16, size) * 86_400, -1)
        self.paid = rng.integers(0, 3, size)  # 0 unknown, 1 True, 2 False
        self.assisted = rng.random(size) < 0.08
        self.utc = rng.random(size) < 0.05


def chunks(n: int, seed: int) -> Iterator[Chunk]:
    """The province's rows, chunk by chunk."""
    for index, first in enumerate(range(0, n, CHUNK)):
        yield Chunk(index, min(CHUNK, n - first), seed)


def _iso(seconds: np.ndarray, utc: np.ndarray) -> np.ndarray:
    """ISO 8601 text with offset; empty where *seconds* is -1."""
    shifted = np.where(utc, seconds, seconds + _SEVEN_HOURS).astype("datetime64[s]")
    text = np.datetime_as_string(shifted, unit="s")
    text = np.char.add(text, np.where(utc, "+00:00", "+07:00"))
    return np.where(seconds < 0, "", text)


def write_csv(path: Path, n: int, seed: int) -> None:
    """Write the province of *n* dossiers to *path* (streamed, chunk by chunk)."""
    services = np.array(SERVICES)
    units = np.array(UNITS)
    channels = np.array(CHANNELS)
    statuses = np.array(STATUSES)
    paid = np.array(["", "true", "false"])
    flags = np.array(["false", "true"])
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(COLUMNS) + "\n")
        for chunk in chunks(n, seed):
            ids = np.char.add(
                "HS",
                np.char.zfill(np.arange(chunk.first, chunk.first + chunk.size).astype(str), 9),
            )
            columns = (
                ids,
                services[chunk.service],
                units[chunk.unit],
                channels[chunk.channel],
                _iso(chunk.received, chunk.utc),
                statuses[chunk.status],
                _iso(chunk.resolved, chunk.utc),
                _iso(chunk.due, chunk.utc),
                paid[chunk.paid],
                flags[chunk.assisted.astype(np.int64)],
            )
            lines = [",".join(row) for row in zip(*(c.tolist() for c in columns), strict=True)]
            out.write("\n".join(lines))
            out.write("\n")
    partial.replace(path)


def dossiers(n: int, seed: int) -> Iterator[Dossier]:
    """The same province as :class:`dean06.Dossier` objects (validated on construction)."""
    from dean06 import VIETNAM, Channel, Dossier, DossierStatus  # noqa: PLC0415

    utc = dt.timezone.utc
    channels = [Channel[name] for name in CHANNELS]
    statuses = [DossierStatus[name] for name in STATUSES]
    paid_values = (None, True, False)
    fromtimestamp = dt.datetime.fromtimestamp
    for chunk in chunks(n, seed):
        columns = zip(
            chunk.service.tolist(),
            chunk.unit.tolist(),
            chunk.channel.tolist(),
            chunk.received.tolist(),
            chunk.status.tolist(),
            chunk.resolved.tolist(),
            chunk.due.tolist(),
            chunk.paid.tolist(),
            chunk.assisted.tolist(),
            chunk.utc.tolist(),
            strict=True,
        )
        for offset, (svc, unit, chan, rec, stat, res, due, paid, assisted, in_utc) in enumerate(
            columns
        ):
            zone = utc if in_utc else VIETNAM
            yield Dossier(
                id=f"HS{chunk.first + offset:09d}",
                service=SERVICES[svc],
                unit=UNITS[unit],
                channel=channels[chan],
                received=fromtimestamp(rec, zone),
                status=statuses[stat],
                resolved=None if res < 0 else fromtimestamp(res, zone),
                due=None if due < 0 else fromtimestamp(due, zone),
                paid_online=paid_values[paid],
                assisted=assisted,
            )


def csv_path(folder: Path, n: int, seed: int) -> Path:
    """Where the CSV of the province of *n* dossiers is cached."""
    return folder / f"province-v{VERSION}-seed{seed}-{n}.csv"
