"""CSV and JSON Lines readers stream: nothing read is kept behind the caller's back.

The benchmark ``benchmarks/read_million.py`` shows flat peak memory over a
million rows; here a cheap check that a reader keeps no reference to the
records it has yielded, nor to the rows it has read.
"""

from __future__ import annotations

import gc
import io
import weakref
from typing import Any

import pytest

from dean06 import DossierTally
from dean06 import io as d6io

HEADER = "id,service,unit,channel,received,status,resolved\n"
ROW = "HS-{n},D06-{s:02d},U{u},ONLINE,2023-06-05T08:30:00+07:00,RESOLVED,2023-06-06T08:30:00Z\n"


def _csv(rows: int) -> bytes:
    return (HEADER + "".join(ROW.format(n=n, s=n % 25, u=n % 7) for n in range(rows))).encode()


def _jsonl(rows: int) -> bytes:
    out = io.BytesIO()
    d6io.write_dossiers(
        d6io.read_dossiers(io.BytesIO(_csv(rows)), format="csv"), out, format="jsonl"
    )
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_reader_keeps_no_record(fmt: str) -> None:
    data = _csv(1_000) if fmt == "csv" else _jsonl(1_000)
    reader = d6io.read_dossiers(io.BytesIO(data), format=fmt)
    alive: list[weakref.ref[Any]] = []
    for dossier in reader:
        alive.append(weakref.ref(dossier))
        del dossier
    gc.collect()
    assert sum(ref() is not None for ref in alive) == 0
    assert reader.read == 1_000


@pytest.mark.parametrize("errors", ["raise", "collect"])
def test_a_reader_feeds_a_tally_directly(errors: str) -> None:
    reader = d6io.read_dossiers(io.BytesIO(_csv(3_000)), format="csv", errors=errors)  # type: ignore[arg-type]
    tally = DossierTally.of(reader)
    assert tally.total() == reader.accepted == 3_000
    assert tally.online() == 3_000
    assert len(tally.services()) == 25
