"""No message, warning or problem repeats a personal identifier from the input.

A 12-digit citizen ID or a phone number typed into a code, a date or a
count column, or used as a header, must never come back in any text dean06
produces: the message names the row and column instead.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dean06 import DataError
from dean06 import io as d6io
from dean06.cli import main

BROKEN = Path(__file__).parent / "data" / "broken"
CITIZEN_ID = "051203001234"
OLD_ID = "212345678"
PHONES = ("0905123456", "0905 123 456", "0905.123.456", "+84 905-123-456", "+84905123456")
_PERSONAL = re.compile(r"\d{9,}|(?:\+84|0)(?:[ .\-]?\d){9}")


def _everything(reader: Any) -> str:
    """Read to the end; every text dean06 produced on the way (problems, error, warnings)."""
    texts: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            list(reader)
        except DataError as error:
            texts.append(str(error))
            texts.extend(str(p) for p in error.problems)
    texts.extend(str(p) for p in reader.problems)
    texts.extend(str(w.message) for w in caught)
    return "\n".join(texts)


def _assert_private(text: str) -> None:
    assert not _PERSONAL.search(text), text
    for value in (CITIZEN_ID, OLD_ID, *PHONES):
        assert value not in text


@pytest.mark.parametrize("errors", ["raise", "collect"])
@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("dossiers-personal-identifiers.csv", d6io.read_dossiers),
        ("events-personal-identifiers.csv", d6io.read_events),
    ],
)
def test_corpus_files(name: str, read: Any, errors: str) -> None:
    text = _everything(read(BROKEN / name, errors=errors))
    assert "***" in text
    _assert_private(text)


@pytest.mark.parametrize(
    "name", ["dossiers-personal-identifiers.csv", "events-personal-identifiers.csv"]
)
def test_cli_output(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(BROKEN / name)]) == 1
    out, err = capsys.readouterr()
    _assert_private(out + err)


_HEADER = "id,service,unit,channel,received"


@pytest.mark.parametrize("value", [CITIZEN_ID, OLD_ID, *PHONES])
@pytest.mark.parametrize("column", ["received", "channel", "status", "resolved", "assisted"])
def test_an_identifier_in_a_typed_column(value: str, column: str) -> None:
    header = _HEADER + ",status,resolved,assisted"
    cells = {
        "id": "HS-1",
        "service": "S",
        "unit": "U",
        "channel": "ONLINE",
        "received": "2023-06-05",
        "status": "RESOLVED",
        "resolved": "2023-06-06",
        "assisted": "false",
    }
    cells[column] = value
    row = ",".join(f'"{cells[c]}"' for c in header.split(","))
    for fmt, data in (
        ("csv", f"{header}\n{row}\n"),
        ("jsonl", json.dumps(cells) + "\n"),
        ("json", json.dumps({"schema_version": 1, "dossiers": [cells]})),
    ):
        reader = d6io.read_dossiers(io.BytesIO(data.encode()), format=fmt, errors="collect")
        text = _everything(reader)
        assert reader.rejected == 1, (fmt, text)
        assert column in text  # the message points at the column instead
        _assert_private(text)


@pytest.mark.parametrize("value", [CITIZEN_ID, "CCCD " + CITIZEN_ID, *PHONES])
@pytest.mark.parametrize("column", ["count", "on", "kind"])
def test_an_identifier_in_an_event_column(value: str, column: str) -> None:
    cells = {"campaign": "C1", "kind": "OUTREACH", "count": "3", "on": "2023-03-26"}
    cells[column] = value
    data = "campaign,kind,count,on\n" + ",".join(cells.values()) + "\n"
    reader = d6io.read_events(io.BytesIO(data.encode()), format="csv", errors="collect")
    text = _everything(reader)
    if column == "count" and value.lstrip("+").isdigit():
        # Digits alone are a (large) whole number: nothing to report, nothing said.
        assert reader.accepted == 1
        assert text == ""
        return
    assert reader.rejected == 1
    assert f"column {column!r}" in text
    _assert_private(text)


@pytest.mark.parametrize("phone", PHONES)
def test_a_phone_number_as_a_header(phone: str) -> None:
    data = f"{_HEADER},{phone}\nHS-1,S,U,ONLINE,2023-06-05,x\n"
    reader = d6io.read_dossiers(io.BytesIO(data.encode()), format="csv")
    text = _everything(reader)
    assert "ignoring unknown columns '***'" in text
    _assert_private(text)
    # ... and as the only header: the missing columns are listed, the phone is not
    # (a line 1 of data is counted, not quoted).
    reader = d6io.read_dossiers(io.BytesIO(f"{phone}\n1\n".encode()), format="csv")
    text = _everything(reader)
    assert "missing required column 'id' (line 1 looks like data, not a header: its 1 cell" in text
    _assert_private(text)
    # ... and as a JSON key
    record = {"id": "HS-1", "service": "S", "unit": "U", "channel": "ONLINE"}
    record["received"] = "2023-06-05"
    record[phone] = "x"
    reader = d6io.read_dossiers(io.BytesIO(json.dumps(record).encode()), format="jsonl")
    _assert_private(_everything(reader))
    reader = d6io.read_dossiers(
        io.BytesIO(json.dumps({phone: []}).encode()), format="json", errors="collect"
    )
    text = _everything(reader)
    assert "keys found: '***'" in text
    _assert_private(text)


def test_an_identifier_as_a_code_in_reference_problems(tmp_path: Path) -> None:
    (tmp_path / "services.csv").write_text("code,name,agency\nS1,Dịch vụ,Bộ\n", encoding="utf-8")
    (tmp_path / "dossiers.csv").write_text(
        f"{_HEADER}\n{CITIZEN_ID},{CITIZEN_ID},U,ONLINE,2023-06-05\n"
        f"{CITIZEN_ID},S1,U,ONLINE,2023-06-05\n",
        encoding="utf-8",
    )
    problems = d6io.validate(tmp_path)
    assert [p.location for p in problems] == [
        "dossiers.csv, line 3, column 'id'",
        "dossiers.csv, line 2, column 'service'",
    ]
    _assert_private("\n".join(str(p) for p in problems))
    dataset = d6io.load_dataset(tmp_path)
    _assert_private("\n".join(str(p) for p in dataset.problems()))


_DIGITS = st.text("0123456789", min_size=9, max_size=14)
_PHONE = st.tuples(
    st.sampled_from(["0", "+84"]),
    st.lists(st.sampled_from(["", " ", ".", "-"]), min_size=9, max_size=9),
    st.text("0123456789", min_size=9, max_size=9),
).map(lambda t: t[0] + "".join(sep + digit for sep, digit in zip(t[1], t[2], strict=True)))


@given(
    secret=st.one_of(_DIGITS, _PHONE),
    # A value of its own: a digit just before would make it another, longer number
    # (not phone-shaped: "0" + 9 digits is a phone, "00" + 9 digits is not).
    prefix=st.text(max_size=4).filter(lambda p: not p[-1:].isdigit() and not p.endswith("+")),
    column=st.sampled_from(["received", "channel", "due", "paid_online", "header"]),
    fmt=st.sampled_from(["csv", "jsonl", "json"]),
)
def test_no_identifier_ever_leaks(secret: str, prefix: str, column: str, fmt: str) -> None:
    value = prefix + secret
    record: dict[str, str] = {
        "id": "HS-1",
        "service": "S",
        "unit": "U",
        "channel": "ONLINE",
        "received": "2023-06-05",
    }
    if column == "header":
        record[value] = "x"
    else:
        record[column] = value
    if fmt == "csv":
        keys = list(record)
        data = ",".join(_quote(k) for k in keys) + "\n" + ",".join(_quote(record[k]) for k in keys)
    elif fmt == "jsonl":
        data = json.dumps(record)
    else:
        data = json.dumps({"schema_version": 1, "dossiers": [record]})
    for errors in ("raise", "collect"):
        reader = d6io.read_dossiers(io.BytesIO(data.encode()), format=fmt, errors=errors)
        text = _everything(reader)
        assert secret not in text
        assert not _PERSONAL.search(text), text


def _quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


def test_a_file_without_a_header_row_is_named_not_quoted() -> None:
    # A headerless export: line 1 is a person's record, and is never quoted.
    row = "HS-1,D06-01,535,ONLINE,2023-06-01,Nguyễn Văn An,an.nguyen@example.vn\n"
    reader = d6io.read_dossiers(io.BytesIO((row * 2).encode()), format="csv")
    text = _everything(reader)
    assert (
        "missing required column 'id' (line 1 looks like data, not a header: its 7 cells" in text
    )
    for secret in ("Nguyễn", "an.nguyen", "HS-1", "535"):
        assert secret not in text
    # A header of unknown words is still listed, to show what the file calls its columns.
    reader = d6io.read_dossiers(io.BytesIO(b"foo,bar\nx,y\n"), format="csv")
    assert "columns found: 'foo', 'bar'" in _everything(reader)
