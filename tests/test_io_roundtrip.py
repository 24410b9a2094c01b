"""Round trips: ``read(write(records)) == records`` for every record type and format.

Every value object, every format (CSV, JSON Lines, JSON, each optionally
gzip-compressed), with and without a byte order mark, to a path and to an
open binary file, with text that breaks careless writers: Vietnamese
diacritics, commas, quotes, newlines, leading ``=`` ``+`` ``-`` ``@`` ``'``,
tabs inside.
"""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import io
import json
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import _io_strategies as ios
import dean06
from dean06 import io as d6io

KINDS = tuple(ios.KINDS)
FORMATS = ("csv", "jsonl", "json")

READERS = ios.READERS
WRITERS = ios.WRITERS


def _via_path(
    kind: str, records: list[Any], folder: Path, fmt: str, *, gz: bool, bom: bool
) -> list[Any]:
    path = folder / f"{kind}.{fmt}{'.gz' if gz else ''}"
    written = WRITERS[kind](records, path, bom=bom)
    assert written == len(records)
    raw = path.read_bytes()
    if gz:
        assert raw[:2] == b"\x1f\x8b"
        raw = gzip.decompress(raw)
    assert raw.startswith(codecs.BOM_UTF8) == bom
    reader = READERS[kind](path)
    back = list(reader)
    assert (reader.read, reader.accepted, reader.rejected) == (len(records), len(records), 0)
    assert reader.problems == []
    return back


def _via_stream(kind: str, records: list[Any], fmt: str, *, gz: bool, bom: bool) -> list[Any]:
    out = io.BytesIO()
    extra: dict[str, Any] = {}
    teams_out = io.BytesIO()
    if kind == "campaigns" and fmt == "csv":
        extra["teams"] = teams_out
    if gz:
        with gzip.GzipFile(fileobj=out, mode="wb") as zipped:
            WRITERS[kind](records, zipped, format=fmt, bom=bom, **extra)
    else:
        WRITERS[kind](records, out, format=fmt, bom=bom, **extra)
    source = io.BytesIO(out.getvalue())
    read_extra: dict[str, Any] = {}
    if "teams" in extra:
        read_extra["teams"] = io.BytesIO(teams_out.getvalue())
    reader = READERS[kind](source, format=fmt, **read_extra)
    back = list(reader)
    assert reader.read == reader.accepted == len(records)
    assert not source.closed, "a reader must leave the caller's file open"
    return back


@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data())
def test_round_trip_property(kind: str, data: st.DataObject) -> None:
    records = data.draw(ios.records_of(kind), label="records")
    fmt = data.draw(st.sampled_from(FORMATS), label="format")
    gz = data.draw(st.booleans(), label="gzip")
    bom = data.draw(st.booleans(), label="bom")
    to_path = data.draw(st.booleans(), label="to_path")
    if to_path:
        with tempfile.TemporaryDirectory() as folder:
            back = _via_path(kind, records, Path(folder), fmt, gz=gz, bom=bom)
    else:
        back = _via_stream(kind, records, fmt, gz=gz, bom=bom)
    assert back == records


# -- every combination once, with every hard text in every text field ---------------------

_RECEIVED = dt.datetime(2023, 6, 30, 20, 0, tzinfo=dt.timezone.utc)


def _hard_records(kind: str) -> list[Any]:
    texts = ios.HARD_TEXTS
    out: list[Any] = []
    for i, text in enumerate(texts):
        other = texts[(i + 1) % len(texts)]
        if kind == "services":
            out.append(
                dean06.Service(
                    code=text,
                    name=other,
                    agency=text,
                    name_en=other if i % 2 else None,
                    national_codes=(text, other) if text.strip() != other.strip() else (text,),
                    essential=bool(i % 2),
                )
            )
        elif kind == "units":
            out.append(
                dean06.AdministrativeUnit(
                    code=f"{text}#{i}",
                    name=other,
                    level=dean06.UnitLevel.COMMUNE,
                    parent=text if i % 2 else None,
                    gso_code=other,
                )
            )
        elif kind == "dossiers":
            out.append(
                dean06.Dossier(
                    id=text,
                    service=other,
                    unit=text,
                    channel=dean06.Channel.ONLINE,
                    received=_RECEIVED,
                    status=dean06.DossierStatus.RESOLVED,
                    resolved=_RECEIVED + dt.timedelta(hours=i),
                    due=_RECEIVED + dt.timedelta(days=1),
                    paid_online=None if i % 3 == 0 else bool(i % 2),
                    assisted=bool(i % 2),
                )
            )
        elif kind == "teams":
            out.append(dean06.Team(id=text, name=other, organisation=text, members=i, unit=other))
        elif kind == "campaigns":
            team = dean06.Team(id=other, name=text, organisation=other, members=i)
            out.append(
                dean06.Campaign(
                    id=f"{text}#{i}",
                    name=other,
                    organiser=text,
                    start=dt.date(2023, 3, 26),
                    end=dt.date(2023, 3, 26),
                    teams=(team,) if i % 2 else (),
                )
            )
        else:
            out.append(
                dean06.AssistanceEvent(
                    campaign=text,
                    kind=dean06.AssistanceKind.OUTREACH,
                    count=i,
                    on=dt.date(2023, 3, 26),
                    team=other,
                    unit=text if i % 2 else None,
                    service=other,
                )
            )
    return out


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gz"])
@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
def test_round_trip_every_combination(
    kind: str, fmt: str, gz: bool, bom: bool, tmp_path: Path
) -> None:
    records = _hard_records(kind)
    assert _via_path(kind, records, tmp_path, fmt, gz=gz, bom=bom) == records
    assert _via_stream(kind, records, fmt, gz=gz, bom=bom) == records


def test_decomposed_text_is_read_as_composed(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Quảng Ngãi")
    composed = unicodedata.normalize("NFC", decomposed)
    assert decomposed != composed
    team = dean06.Team(id="T1", name=decomposed, organisation="Tỉnh đoàn", members=3)
    assert team.name == composed  # NFC on construction
    path = tmp_path / "teams.csv"
    path.write_bytes(f"id,name,organisation,members\nT1,{decomposed},Tỉnh đoàn,3\n".encode())
    assert list(d6io.read_teams(path)) == [team]


def test_csv_neutralises_formulas_in_the_file(tmp_path: Path) -> None:
    team = dean06.Team(id="=1+1", name="+84", organisation="@x", members=0, unit="'q")
    path = tmp_path / "teams.csv"
    d6io.write_teams([team], path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1] == "'=1+1,'+84,'@x,0,''q"
    assert list(d6io.read_teams(path)) == [team]


def test_csv_quotes_a_lone_carriage_return(tmp_path: Path) -> None:
    team = dean06.Team(id="T\r1", name="a\rb", organisation="x", members=1)
    out = io.BytesIO()
    d6io.write_teams([team], out, format="csv")
    assert list(d6io.read_teams(io.BytesIO(out.getvalue()), format="csv")) == [team]


def test_json_writes_offsets_and_member_names() -> None:
    dossier = _hard_records("dossiers")[0]
    out = io.BytesIO()
    d6io.write_dossiers([dossier], out, format="json")
    document = json.loads(out.getvalue())
    assert document["schema_version"] == 1
    (record,) = document["dossiers"]
    assert record["received"] == "2023-06-30T20:00:00+00:00"
    assert record["channel"] == "ONLINE"
    assert record["status"] == "RESOLVED"


@pytest.mark.parametrize("kind", KINDS)
def test_every_json_document_has_schema_version_1(kind: str) -> None:
    out = io.BytesIO()
    WRITERS[kind](_hard_records(kind)[:2], out, format="json")
    assert json.loads(out.getvalue())["schema_version"] == 1
    empty = io.BytesIO()
    WRITERS[kind]([], empty, format="json")
    assert json.loads(empty.getvalue()) == {"schema_version": 1, kind: []}


@pytest.mark.parametrize("kind", KINDS)
def test_json_lines_hold_no_version(kind: str) -> None:
    out = io.BytesIO()
    WRITERS[kind](_hard_records(kind)[:3], out, format="jsonl")
    lines = out.getvalue().decode("utf-8").splitlines()
    assert len(lines) == 3
    assert all("schema_version" not in json.loads(line) for line in lines)
