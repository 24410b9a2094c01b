"""``DossierTally.of(read_dossiers(csv))`` counts rows without building dossiers.

The fast path must be invisible: the same tally, the same counters, the same
problems at the same locations, the same error modes as reading the
dossiers one by one and tallying the objects.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import dean06 as d6
from dean06 import strategies as ds
from dean06.io import read_dossiers, write_dossiers

BROKEN = Path(__file__).parent / "data" / "broken"
CSV_FILES = sorted(p for p in BROKEN.glob("dossiers-*.csv*") if p.is_file())


Outcome = tuple[d6.DossierTally, d6.io.Reader[d6.Dossier]] | d6.DataError


def _read(source: Path | io.BytesIO, errors: str, *, fast: bool) -> Outcome:
    """Tally through the reader (fast) or through the objects (slow), or the error."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", d6.Dean06Warning)  # unknown columns, both ways
        reader = read_dossiers(source, format="csv", errors=errors)  # type: ignore[arg-type]
        try:
            tally = d6.DossierTally.of(reader if fast else list(reader))
        except d6.DataError as error:
            return error
    return tally, reader


@given(st.lists(ds.dossiers(), max_size=25))
def test_the_fast_path_equals_tallying_the_objects(dossiers: list[d6.Dossier]) -> None:
    buffer = io.BytesIO()
    write_dossiers(dossiers, buffer, format="csv")
    outcome = _read(io.BytesIO(buffer.getvalue()), "raise", fast=True)
    assert not isinstance(outcome, d6.DataError)
    fast, reader = outcome
    assert fast == d6.DossierTally.of(dossiers)
    assert (reader.read, reader.accepted, reader.rejected) == (len(dossiers), len(dossiers), 0)


@pytest.mark.parametrize("errors", ["collect", "raise"])
@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: p.name)
def test_broken_files_give_the_same_outcome(path: Path, errors: str) -> None:
    slow = _read(path, errors, fast=False)
    fast = _read(path, errors, fast=True)
    if isinstance(slow, d6.DataError):
        assert isinstance(fast, d6.DataError)
        assert fast.problems == slow.problems
        assert str(fast) == str(slow)
        return
    assert not isinstance(fast, d6.DataError)
    (slow_tally, slow_reader), (fast_tally, fast_reader) = slow, fast
    assert fast_tally == slow_tally
    assert fast_reader.problems == slow_reader.problems
    counters = ("read", "accepted", "rejected", "problem_count")
    assert [getattr(fast_reader, c) for c in counters] == [
        getattr(slow_reader, c) for c in counters
    ]


def test_a_started_reader_is_not_counted_twice(tmp_path: Path) -> None:
    dossier = d6.Dossier(
        id="HS-1",
        service="D06-06",
        unit="535",
        channel=d6.Channel.ONLINE,
        received=dt.datetime(2023, 6, 1, 8, 30, tzinfo=d6.VIETNAM),
    )
    path = tmp_path / "dossiers.csv"
    write_dossiers([dossier], path)
    reader = read_dossiers(path)
    assert list(reader) == [dossier]
    with pytest.raises(d6.Dean06Error):
        d6.DossierTally.of(reader)
