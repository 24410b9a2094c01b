"""Junk in, DataError out: every reader, every format, both error modes.

Like python-stdnum's robustness test: arbitrary bytes, arbitrary text and
near-miss CSV and JSON are thrown at every reader.  The only exception that
may escape is :class:`~dean06.DataError`; the counters always satisfy
``read == accepted + rejected``; no problem or message ever shows a
personal-identifier-shaped value.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dean06 import DataError
from dean06 import io as d6io
from dean06.io._records import SPECS

pytestmark = pytest.mark.filterwarnings("ignore::dean06.Dean06Warning")

KINDS = ("services", "units", "dossiers", "teams", "campaigns", "events")
FORMATS = ("csv", "jsonl", "json")
_PERSONAL = re.compile(r"\d{9,}|(?:\+84|0)(?:[ .\-]?\d){9}")

READERS: dict[str, Any] = {
    "services": d6io.read_services,
    "units": d6io.read_units,
    "dossiers": d6io.read_dossiers,
    "teams": d6io.read_teams,
    "campaigns": d6io.read_campaigns,
    "events": d6io.read_events,
}

# -- junk ---------------------------------------------------------------------------------

_CELLS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "'",
            "''",
            '"',
            "=1+1",
            "051203001234",  # a citizen ID
            "0905 123 456",  # a phone number
            "+84905123456",
            "-1",
            "1" * 5000,
            "1e999",
            "2023-06-05",
            "05/06/2023",
            "31/02/2023",
            "2023-06-05T08:30:00",
            "2023-06-05T08:30:00+07:00",
            "05/06/2023 08:30",
            "9999-12-31T23:59:59-23:59",
            "0001-01-01T00:00:00+14:00",
            "ONLINE",
            "Trực tuyến",
            "RESOLVED",
            "Đã trả kết quả",
            "PROVINCE",
            "FULL",
            "LEVEL_2",
            "OUTREACH",
            "có",
            "không",
            "true",
            "a;b;;\\",
            "\x00",
            "\r",
        ]
    ),
)


def _headers(kind: str) -> st.SearchStrategy[list[str]]:
    spec = SPECS[kind]
    names = [*spec.field_names, *spec.extra]
    for field in spec.fields:
        names.extend(field.headers)
    return st.lists(st.one_of(st.sampled_from(names), st.text(max_size=6)), max_size=12)


@st.composite
def _csv_documents(draw: st.DrawFn, kind: str) -> bytes:
    spec = SPECS[kind]
    header = draw(st.one_of(st.just(list(spec.csv_fields)), _headers(kind)))
    rows = draw(
        st.lists(st.lists(_CELLS, max_size=len(header) + 2), max_size=6),
    )
    out = io.StringIO()
    for row in [header, *rows]:
        out.write(",".join(_quote(c) for c in row) + draw(st.sampled_from(["\n", "\r\n", "\r"])))
    text = out.getvalue()
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]  # cut anywhere, quotes included
    return _encode(draw, text)


def _quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\r\n') else cell


_JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    _CELLS,
)
_JSON = st.recursive(
    _JSON_LEAVES,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def _records(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    spec = SPECS[kind]
    keys = [*spec.field_names, *spec.extra, "unknown", "Mã hồ sơ", "Ngày tiếp nhận"]
    record = draw(st.dictionaries(st.sampled_from(keys), st.one_of(_CELLS, _JSON), max_size=9))
    if kind == "campaigns" and draw(st.booleans()):
        record["teams"] = draw(st.lists(_records("teams"), max_size=3))
    return record


@st.composite
def _json_documents(draw: st.DrawFn, kind: str) -> bytes:
    records = draw(st.lists(st.one_of(_records(kind), _JSON), max_size=5))
    document = draw(
        st.sampled_from(
            [
                {"schema_version": 1, kind: records},
                {"schema_version": draw(_JSON), kind: records},
                {kind: records},
                records,
                {"schema_version": 1, "other": records},
                {"schema_version": 1, kind: draw(_JSON)},
            ]
        )
    )
    text = json.dumps(document, ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return _encode(draw, text)


@st.composite
def _jsonl_documents(draw: st.DrawFn, kind: str) -> bytes:
    lines = draw(
        st.lists(
            st.one_of(
                _records(kind).map(json.dumps),
                _JSON.map(json.dumps),
                st.text(max_size=20),
                st.just("1" * 5000),
            ),
            max_size=6,
        )
    )
    return _encode(draw, "\n".join(lines))


def _encode(draw: st.DrawFn, text: str) -> bytes:
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le"]))
    data = text.encode(encoding, errors="surrogatepass")
    how = draw(st.sampled_from(["plain", "plain", "gzip", "truncated-gzip"]))
    if how == "plain":
        return data
    zipped = gzip.compress(data, mtime=0)
    if how == "gzip":
        return zipped
    return zipped[: draw(st.integers(0, len(zipped) - 1))]


def _junk_bytes() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=200),
        st.binary(max_size=200).map(lambda b: codecs.BOM_UTF16_LE + b),
        st.binary(max_size=200).map(lambda b: b"\x1f\x8b" + b),
        st.text(max_size=200).map(lambda t: t.encode("utf-8", errors="surrogatepass")),
        st.text(max_size=200).map(lambda t: t.encode("utf-16", errors="surrogatepass")),
        st.text(max_size=100).map(lambda t: t.encode("cp1258", errors="replace")),
    )


# -- checks -----------------------------------------------------------------------------


def _check_clean(text: str) -> None:
    assert not _PERSONAL.search(text), text


def _exercise(
    kind: str, data: bytes, fmt: str, errors: str, max_problems: int | None, teams: bytes | None
) -> None:
    extra: dict[str, Any] = {}
    if teams is not None and kind == "campaigns" and fmt == "csv":
        extra["teams"] = io.BytesIO(teams)
    reader = READERS[kind](
        io.BytesIO(data), format=fmt, errors=errors, max_problems=max_problems, **extra
    )
    records: list[Any] = []
    failure: DataError | None = None
    try:
        records.extend(reader)
    except DataError as error:
        failure = error
    if failure is not None:
        _check_clean(str(failure))
        assert failure.total >= 1
        assert failure.problems or max_problems == 0
        assert failure.total >= len(failure.problems)
    else:
        assert len(records) == reader.accepted
        if errors == "raise":
            assert reader.problem_count == 0
    assert reader.read == reader.accepted + reader.rejected
    assert len(records) <= reader.accepted
    assert reader.problem_count >= len(reader.problems)
    if max_problems is not None:
        assert len(reader.problems) <= max_problems
    for problem in reader.problems:
        _check_clean(str(problem))


_MODES = st.sampled_from(["raise", "collect"])
_MAX = st.sampled_from([None, 0, 1, 1000])


@given(
    kind=st.sampled_from(KINDS),
    fmt=st.sampled_from(FORMATS),
    data=_junk_bytes(),
    errors=_MODES,
    max_problems=_MAX,
)
def test_arbitrary_bytes(
    kind: str, fmt: str, data: bytes, errors: str, max_problems: int | None
) -> None:
    _exercise(kind, data, fmt, errors, max_problems, teams=data)


@given(data=st.data(), kind=st.sampled_from(KINDS), errors=_MODES, max_problems=_MAX)
def test_near_miss_csv(
    data: st.DataObject, kind: str, errors: str, max_problems: int | None
) -> None:
    document = data.draw(_csv_documents(kind), label="document")
    teams = data.draw(st.none() | _csv_documents("teams"), label="teams")
    _exercise(kind, document, "csv", errors, max_problems, teams=teams)


@given(data=st.data(), kind=st.sampled_from(KINDS), errors=_MODES, max_problems=_MAX)
def test_near_miss_json(
    data: st.DataObject, kind: str, errors: str, max_problems: int | None
) -> None:
    _exercise(kind, data.draw(_json_documents(kind)), "json", errors, max_problems, None)


@given(data=st.data(), kind=st.sampled_from(KINDS), errors=_MODES, max_problems=_MAX)
def test_near_miss_json_lines(
    data: st.DataObject, kind: str, errors: str, max_problems: int | None
) -> None:
    _exercise(kind, data.draw(_jsonl_documents(kind)), "jsonl", errors, max_problems, None)


_FILE_NAMES = st.sampled_from(
    [
        "services.csv",
        "units.jsonl",
        "dossiers.csv",
        "dossiers.json.gz",
        "campaigns.csv",
        "teams.csv",
        "campaigns.json",
        "events.jsonl",
        "events.csv.gz",
    ]
)


@given(data=st.data())
def test_folder_of_junk(data: st.DataObject) -> None:
    names = data.draw(st.lists(_FILE_NAMES, min_size=1, max_size=4, unique=True))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for file in names:
            kind = file.split(".")[0]
            content = data.draw(
                st.one_of(
                    _junk_bytes(),
                    _csv_documents(kind) if ".csv" in file else _json_documents(kind),
                ),
                label=file,
            )
            (folder / file).write_bytes(content)
        for errors in ("raise", "collect"):
            _load(folder, errors)
        for problem in d6io.validate(folder):
            _check_clean(str(problem))


def _load(folder: Path, errors: str) -> None:
    try:
        dataset = d6io.load_dataset(folder, errors=errors)  # type: ignore[arg-type]
    except DataError as error:
        _check_clean(str(error))
    else:
        for problem in dataset.problems():
            _check_clean(str(problem))


_ODD_NAMES = st.sampled_from(
    ["data.csv", "data.json", "data.jsonl", "data.json.gz", "dossiers-x.csv", "teams_y.jsonl"]
)


@given(name=_ODD_NAMES, content=st.one_of(_junk_bytes(), _json_documents("dossiers")))
def test_validate_one_oddly_named_file_never_raises(name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        problems = d6io.validate(path)
    assert isinstance(problems, tuple)
    for problem in problems:
        _check_clean(str(problem))
