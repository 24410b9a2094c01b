"""The broken-file corpus (tests/data/broken/): every fault found, exactly located.

Each file is named for what is wrong with it.  For each, the readers must
report the expected problems at their exact locations; in collect mode the
good records of the same file are still delivered; in raise mode one
DataError lists every fault; faults of the whole file raise in both modes.
Some files are not broken at all (UTF-16 with a byte order mark, day-first
dates, Vietnamese headers...): they must read cleanly.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import unicodedata
import warnings
from pathlib import Path
from typing import Any, NamedTuple

import pytest

import dean06
from dean06 import Channel, DataError, Dean06Warning, DossierStatus
from dean06 import io as d6io

BROKEN = Path(__file__).parent / "data" / "broken"
ICT = dt.timezone(dt.timedelta(hours=7))


class Case(NamedTuple):
    """One file of the corpus and what reading it must give."""

    name: str
    read: Any
    problems: tuple[tuple[str, str], ...]  # (exact location, part of the message)
    accepted: tuple[str, ...] = ()  # ids (or codes) of the records still delivered
    whole_file: bool = False
    kwargs: dict[str, Any] = {}  # noqa: RUF012 - never mutated


def _ids(records: list[Any]) -> tuple[str, ...]:
    """Each record's id, code or (for events) campaign."""
    return tuple(
        next(getattr(r, name) for name in ("id", "code", "campaign") if hasattr(r, name))
        for r in records
    )


CASES = [
    Case(
        "dossiers-windows-1258.csv",
        d6io.read_dossiers,
        (("dossiers-windows-1258.csv", "not valid UTF-8 text"),),
        whole_file=True,
    ),
    Case(
        "units-latin-1.csv",
        d6io.read_units,
        (("units-latin-1.csv", "not valid UTF-8 text"),),
        whole_file=True,
    ),
    Case(
        "dossiers-utf-16-without-bom.csv",
        d6io.read_dossiers,
        (("dossiers-utf-16-without-bom.csv", "UTF-16 text without a byte order mark"),),
        whole_file=True,
    ),
    Case("dossiers-utf-16-bom.csv", d6io.read_dossiers, (), ("HS-001", "HS-002")),
    Case("dossiers-utf-8-bom.csv", d6io.read_dossiers, (), ("HS-001", "HS-002")),
    Case(
        "dossiers-missing-column-received.csv",
        d6io.read_dossiers,
        (("dossiers-missing-column-received.csv, line 1", "missing required column 'received'"),),
        whole_file=True,
    ),
    Case(
        "dossiers-no-header.csv",
        d6io.read_dossiers,
        (("dossiers-no-header.csv, line 1", "no header"),),
        whole_file=True,
    ),
    Case(
        "dossiers-empty.csv",
        d6io.read_dossiers,
        (("dossiers-empty.csv", "no header"),),
        whole_file=True,
    ),
    Case(
        "dossiers-bad-date.csv",
        d6io.read_dossiers,
        (
            ("dossiers-bad-date.csv, line 4, column 'received'", "not a date and time"),
            ("dossiers-bad-date.csv, line 5, column 'due'", "not a date and time"),
        ),
        ("HS-001", "HS-002", "HS-005"),
    ),
    Case("dossiers-day-first-dates.csv", d6io.read_dossiers, (), ("HS-001", "HS-002")),
    Case(
        "dossiers-resolved-before-received.csv",
        d6io.read_dossiers,
        (
            (
                "dossiers-resolved-before-received.csv, line 3, column 'resolved'",
                "must not be before received",
            ),
            (
                "dossiers-resolved-before-received.csv, line 4, column 'due'",
                "must not be before received",
            ),
        ),
        ("HS-001",),
    ),
    Case(
        "dossiers-naive-and-offset-times.csv",
        d6io.read_dossiers,
        (),
        ("HS-001", "HS-002", "HS-003", "HS-004", "HS-005", "HS-006"),
    ),
    Case(
        "events-negative-count.csv",
        d6io.read_events,
        (("events-negative-count.csv, line 3, column 'count'", "must not be negative"),),
        ("C1", "C1"),
    ),
    Case(
        "teams-multiline-name-bad-members.csv",
        d6io.read_teams,
        (
            (
                "teams-multiline-name-bad-members.csv, line 4, column 'members'",
                "not a whole number",
            ),
            (
                "teams-multiline-name-bad-members.csv, line 7, column 'members'",
                "must not be negative",
            ),
        ),
        ("T1",),
    ),
    Case(
        "dossiers-truncated.csv.gz",
        d6io.read_dossiers,
        (("dossiers-truncated.csv.gz", "the gzip stream is truncated or corrupt"),),
        whole_file=True,
    ),
    Case(
        "dossiers-vietnamese-headers.csv",
        d6io.read_dossiers,
        (),
        tuple(f"000.00.29.H51-230605-000{i}" for i in range(1, 5)),
    ),
    Case(
        "dossiers-vietnamese-headers-bad-values.csv",
        d6io.read_dossiers,
        (
            (
                "dossiers-vietnamese-headers-bad-values.csv, line 6, column 'Ngày tiếp nhận'",
                "not a date and time",
            ),
            (
                "dossiers-vietnamese-headers-bad-values.csv, line 7, column 'Kênh thực hiện'",
                "unknown Channel 'Qua mạng'",
            ),
            (
                "dossiers-vietnamese-headers-bad-values.csv, line 7, column 'Trạng thái'",
                "unknown DossierStatus 'Đang chờ'",
            ),
        ),
        tuple(f"000.00.29.H51-230605-000{i}" for i in range(1, 5)),
    ),
    Case(
        "dossiers-headers-without-diacritics.csv",
        d6io.read_dossiers,
        (),
        tuple(f"000.00.29.H51-230605-000{i}" for i in range(1, 5)),
    ),
    Case(
        "dossiers-decomposed-nfd.csv",
        d6io.read_dossiers,
        (),
        tuple(f"000.00.29.H51-230605-000{i}" for i in range(1, 5)),
    ),
    Case(
        "dossiers-own-headers.csv",
        d6io.read_dossiers,
        tuple(
            ("dossiers-own-headers.csv, line 1", f"missing required column {field!r}")
            for field in ("id", "service", "unit", "channel", "received")
        ),
        whole_file=True,
    ),
    Case(
        "dossiers-own-headers.csv",
        d6io.read_dossiers,
        (),
        ("HS-001", "HS-002"),
        kwargs={
            "columns": {
                "so_ho_so": "id",
                "thu_tuc": "service",
                "don_vi": "unit",
                "hinh_thuc": "channel",
                "thoi_diem_nhan": "received",
            }
        },
    ),
    Case(
        "services-booleans.csv",
        d6io.read_services,
        (("services-booleans.csv, line 8, column 'essential'", "not a yes/no value"),),
        ("S1", "S2", "S3", "S4", "S5", "S6"),
    ),
    Case(
        "dossiers-bad-date.json",
        d6io.read_dossiers,
        (("dossiers-bad-date.json, $.dossiers[3].received", "not a date and time"),),
        ("HS-001", "HS-002", "HS-003", "HS-005"),
    ),
    Case(
        "dossiers-bad-date.jsonl",
        d6io.read_dossiers,
        (("dossiers-bad-date.jsonl, line 5, field 'received'", "not a date and time"),),
        ("HS-001", "HS-002", "HS-003", "HS-005"),
    ),
    Case(
        "dossiers-unknown-schema-version.json",
        d6io.read_dossiers,
        (
            (
                "dossiers-unknown-schema-version.json, $.schema_version",
                "schema_version 2 is not known to this release of dean06, which reads version 1",
            ),
        ),
        whole_file=True,
    ),
    Case(
        "dossiers-not-json.json",
        d6io.read_dossiers,
        (("dossiers-not-json.json, line 3, column 1", "not valid JSON"),),
        whole_file=True,
    ),
    Case(
        "dossiers-personal-identifiers.csv",
        d6io.read_dossiers,
        (
            ("dossiers-personal-identifiers.csv, line 2, column 'received'", "'***'"),
            ("dossiers-personal-identifiers.csv, line 3, column 'received'", "'***'"),
            ("dossiers-personal-identifiers.csv, line 4, column 'channel'", "'***'"),
        ),
    ),
    Case(
        "events-personal-identifiers.csv",
        d6io.read_events,
        (
            ("events-personal-identifiers.csv, line 2, column 'count'", "'CCCD ***'"),
            ("events-personal-identifiers.csv, line 3, column 'count'", "'***'"),
            ("events-personal-identifiers.csv, line 3, column 'on'", "'***'"),
            ("events-personal-identifiers.csv, line 4, column 'kind'", "'***'"),
        ),
    ),
]


def _case_id(case: Case) -> str:
    return case.name + ("+columns" if case.kwargs else "")


def _assert_problems(found: Any, expected: tuple[tuple[str, str], ...]) -> None:
    found = list(found)
    assert [p.location for p in found] == [location for location, _ in expected], found
    for problem, (_, fragment) in zip(found, expected, strict=True):
        assert fragment in problem.message, problem


def _read(case: Case, errors: str) -> tuple[Any, list[Any]]:
    reader = case.read(BROKEN / case.name, errors=errors, **case.kwargs)
    records: list[Any] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Dean06Warning)
        records.extend(reader)
    return reader, records


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_collect_mode(case: Case) -> None:
    if case.whole_file:
        with pytest.raises(DataError) as raised:
            _read(case, "collect")
        _assert_problems(raised.value.problems, case.problems)
        return
    reader, records = _read(case, "collect")
    _assert_problems(reader.problems, case.problems)
    assert _ids(records) == case.accepted
    assert reader.accepted == len(case.accepted)
    assert reader.rejected == len({loc.split(", column")[0] for loc, _ in case.problems})
    assert reader.read == reader.accepted + reader.rejected


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_raise_mode_lists_every_fault(case: Case) -> None:
    if not case.problems:
        reader, records = _read(case, "raise")
        assert _ids(records) == case.accepted
        assert reader.problems == []
        return
    with pytest.raises(DataError) as raised:
        _read(case, "raise")
    _assert_problems(raised.value.problems, case.problems)
    assert raised.value.total == len(case.problems)
    for location, _ in case.problems:
        assert location in str(raised.value)


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.whole_file and "own-headers" not in c.name], ids=_case_id
)
def test_whole_file_faults_are_named_even_past_max_problems(case: Case) -> None:
    for errors in ("raise", "collect"):
        reader = case.read(BROKEN / case.name, errors=errors, max_problems=0)
        with pytest.raises(DataError) as raised:
            list(reader)
        _assert_problems(raised.value.problems, case.problems)
        assert reader.read == reader.accepted + reader.rejected


# validate() reads a file with its own headers: the cases that need a
# ``columns=`` mapping are read by the reader tests above only.
@pytest.mark.parametrize("case", [c for c in CASES if not c.kwargs], ids=_case_id)
def test_validate_finds_the_same_problems(case: Case) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Dean06Warning)
        found = d6io.validate(BROKEN / case.name)
    _assert_problems(found, case.problems)


# -- what the readable files hold ---------------------------------------------------------


def _read_all(name: str, read: Any = d6io.read_dossiers, **kwargs: Any) -> list[Any]:
    return list(read(BROKEN / name, **kwargs))


def test_utf16_and_utf8_with_bom_read_the_same_records() -> None:
    utf16 = _read_all("dossiers-utf-16-bom.csv")
    utf8 = _read_all("dossiers-utf-8-bom.csv")
    assert utf16 == utf8
    assert [d.unit for d in utf16] == ["Bình Sơn", "Quảng Ngãi"]
    assert [d.channel for d in utf16] == [Channel.ONLINE, Channel.IN_PERSON]
    assert [d.status for d in utf16] == [DossierStatus.RESOLVED, DossierStatus.IN_PROGRESS]
    assert utf16[0].id == "HS-001"  # no byte order mark left on the first header


def test_day_first_dates() -> None:
    first, second = _read_all("dossiers-day-first-dates.csv")
    assert first.received == dt.datetime(2023, 6, 5, 8, 30, tzinfo=ICT)
    assert first.resolved == dt.datetime(2023, 6, 6, 10, 0, 15, tzinfo=ICT)
    assert first.due == dt.datetime(2023, 6, 8, tzinfo=ICT)  # a bare date: local midnight
    assert second.received == dt.datetime(2023, 2, 1, tzinfo=ICT)  # 1/2/2023 is 1 February


def test_naive_times_are_vietnam_time_and_offsets_are_kept() -> None:
    dossiers = _read_all("dossiers-naive-and-offset-times.csv")
    moment = dt.datetime(2023, 6, 5, 8, 30, tzinfo=ICT)
    assert [d.received == moment for d in dossiers] == [True] * 5 + [False]
    assert dossiers[0].received.utcoffset() == dt.timedelta(hours=7)
    assert dossiers[4].received.utcoffset() == dt.timedelta(hours=7)
    assert dossiers[1].received.utcoffset() == dt.timedelta(0)
    assert dossiers[3].received.utcoffset() == dt.timedelta(hours=-4)
    assert dossiers[5].received == dt.datetime(2023, 6, 5, tzinfo=ICT)


def _vietnamese_expected() -> list[dean06.Dossier]:
    def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime(2023, 6, day, hour, minute, tzinfo=ICT)

    return [
        dean06.Dossier(
            id="000.00.29.H51-230605-0001",
            service="D06-06",
            unit="21013",
            channel=Channel.ONLINE,
            received=at(5, 8, 30),
            due=at(8, 17),
            resolved=at(6, 10),
            status=DossierStatus.RESOLVED,  # "Đã trả kết quả"
        ),
        dean06.Dossier(
            id="000.00.29.H51-230605-0002",
            service="D06-21",
            unit="21013",
            channel=Channel.IN_PERSON,
            received=at(5, 9),
            due=at(12, 17),
            status=DossierStatus.IN_PROGRESS,  # "Đang xử lý"
        ),
        dean06.Dossier(
            id="000.00.29.H51-230605-0003",
            service="D06-21",
            unit="21016",
            channel=Channel.POSTAL,  # "Bưu chính công ích"
            received=at(6, 14),
            status=DossierStatus.RECEIVED,  # "Mới đăng ký"
        ),
        dean06.Dossier(
            id="000.00.29.H51-230605-0004",
            service="D06-06",
            unit="21016",
            channel=Channel.ONLINE,
            received=at(6, 15),
            resolved=at(7, 8),
            status=DossierStatus.REJECTED,  # "Không được tiếp nhận"
        ),
    ]


def test_vietnamese_headers_and_portal_status_names() -> None:
    assert _read_all("dossiers-vietnamese-headers.csv") == _vietnamese_expected()


def test_headers_typed_without_diacritics() -> None:
    assert _read_all("dossiers-headers-without-diacritics.csv") == _vietnamese_expected()


def test_decomposed_text_is_composed() -> None:
    raw = (BROKEN / "dossiers-decomposed-nfd.csv").read_text(encoding="utf-8")
    assert raw == unicodedata.normalize("NFD", raw)
    dossiers = _read_all("dossiers-decomposed-nfd.csv")
    expected = _vietnamese_expected()
    for index in (0, 1):
        expected[index] = expected[index].__class__(
            **{**_fields(expected[index]), "unit": "Bình Sơn"}
        )
    assert dossiers == expected
    assert dossiers[0].unit == unicodedata.normalize("NFC", "Bình Sơn")


def _fields(record: Any) -> dict[str, Any]:
    import attrs  # noqa: PLC0415

    return attrs.asdict(record, recurse=False)


def test_columns_mapping_takes_precedence() -> None:
    columns = {
        "so_ho_so": "id",
        "thu_tuc": "service",
        "don_vi": "unit",
        "hinh_thuc": "channel",
        "thoi_diem_nhan": "received",
    }
    first, second = _read_all("dossiers-own-headers.csv", columns=columns)
    assert second.channel is Channel.IN_PERSON  # "Trực tiếp", a Vietnamese label
    assert second.received == dt.datetime(2023, 6, 5, 9, 30, tzinfo=ICT)
    assert first.id == "HS-001"


def test_columns_mapping_wins_over_a_known_header() -> None:
    # "Mã hồ sơ" is the id by default; here the file's own number is wanted.
    text = "Mã hồ sơ,Số hồ sơ,service,unit,channel,received\nX-1,HS-9,S,U,ONLINE,2023-06-05\n"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        (dossier,) = d6io.read_dossiers(
            io.BytesIO(text.encode()), format="csv", columns={"Số hồ sơ": "id"}
        )
    assert dossier.id == "HS-9"
    assert [str(w.message) for w in caught] == ["<stream>: ignoring unknown columns 'Mã hồ sơ'"]
    record = (
        '{"Mã hồ sơ": "X-1", "so": "HS-9", "service": "S", "unit": "U", '
        '"channel": "ONLINE", "received": "2023-06-05"}\n'
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Dean06Warning)
        (dossier,) = d6io.read_dossiers(
            io.BytesIO(record.encode()), format="jsonl", columns={"SO": "id"}
        )
    assert dossier.id == "HS-9"


def test_columns_mapping_to_a_non_field_is_a_fault_of_the_header() -> None:
    text = "so,service,unit,channel,received\nHS-1,S,U,ONLINE,2023-06-05\n"
    with pytest.raises(DataError) as raised:
        list(d6io.read_dossiers(io.BytesIO(text.encode()), format="csv", columns={"so": "số"}))
    assert raised.value.problems[0].location == "<stream>, line 1, column 'so'"


def test_booleans_in_every_spelling() -> None:
    services = list(d6io.read_services(BROKEN / "services-booleans.csv", errors="collect"))
    assert [s.essential for s in services] == [True] * 5 + [False]
    assert [s.local_totals for s in services] == [False] * 5 + [True]


def test_extra_columns_are_named_once_in_one_warning() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        records = _read_all("dossiers-extra-columns.csv")
    assert len(records) == 2
    ours = [w for w in caught if issubclass(w.category, Dean06Warning)]
    assert len(ours) == 1
    message = str(ours[0].message)
    assert "'ghi_chu'" in message
    assert "'Họ tên người nộp'" in message
    assert "dossiers-extra-columns.csv" in message
    assert "Nguyễn" not in message


def test_extra_json_keys_are_named_once() -> None:
    lines = [
        '{"id": "HS-1", "service": "S", "unit": "U", "channel": "ONLINE", '
        f'"received": "2023-06-05", "ghi_chu": "{i}"}}'
        for i in range(3)
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        records = list(d6io.read_dossiers(io.BytesIO("\n".join(lines).encode()), format="jsonl"))
    assert len(records) == 3
    ours = [str(w.message) for w in caught if issubclass(w.category, Dean06Warning)]
    assert ours == ["<stream>: ignoring unknown keys 'ghi_chu'"]


def test_a_ten_megabyte_line(tmp_path: Path) -> None:
    big = "x" * (10 * 1024 * 1024)
    header = "id,service,unit,channel,received\n"
    good = "HS-{},S,U,ONLINE,2023-06-05T08:30:00+07:00\n"
    path = tmp_path / "dossiers.csv"
    path.write_text(header + good.format(1) + f"HS-2,S,U,ONLINE,{big}\n" + good.format(3))
    reader = d6io.read_dossiers(path, errors="collect")
    assert [d.id for d in reader] == ["HS-1", "HS-3"]
    _assert_problems(reader.problems, (("dossiers.csv, line 3", "a cell is longer than"),))
    assert (reader.read, reader.accepted, reader.rejected) == (3, 2, 1)

    single = tmp_path / "dossiers-one-line.csv"
    single.write_text(big)
    for errors in ("raise", "collect"):
        with pytest.raises(DataError) as raised:
            list(d6io.read_dossiers(single, errors=errors))
        _assert_problems(raised.value.problems, (("dossiers-one-line.csv, line 1", "header"),))

    lines = tmp_path / "dossiers.jsonl"
    lines.write_text('{"id": "' + big + '"}\n' + big + "\n")
    reader = d6io.read_dossiers(lines, errors="collect")
    assert list(reader) == []
    _assert_problems(
        reader.problems,
        (
            ("dossiers.jsonl, line 1, field 'service'", "a value is required"),
            ("dossiers.jsonl, line 1, field 'unit'", "a value is required"),
            ("dossiers.jsonl, line 1, field 'channel'", "a value is required"),
            ("dossiers.jsonl, line 1, field 'received'", "a value is required"),
            ("dossiers.jsonl, line 2", "not valid JSON"),
        ),
    )


def test_max_problems_bounds_the_list_not_the_counts(tmp_path: Path) -> None:
    header = "campaign,kind,count,on\n"
    rows = "".join(f"C1,OUTREACH,-{i + 1},2023-03-26\n" for i in range(50))
    path = tmp_path / "events.csv"
    path.write_text(header + "C1,OUTREACH,1,2023-03-26\n" + rows)
    reader = d6io.read_events(path, errors="collect", max_problems=5)
    assert len(list(reader)) == 1
    assert len(reader.problems) == 5
    assert reader.problem_count == 50
    assert (reader.read, reader.accepted, reader.rejected) == (51, 1, 50)
    assert reader.problems[0].location == "events.csv, line 3, column 'count'"

    with pytest.raises(DataError) as raised:
        list(d6io.read_events(path, max_problems=5))
    assert len(raised.value.problems) == 5
    assert raised.value.total == 50
    assert "50 problems" in str(raised.value)
    assert "45 more" in str(raised.value)

    unbounded = d6io.read_events(path, errors="collect", max_problems=None)
    list(unbounded)
    assert len(unbounded.problems) == 50


def test_raise_mode_yields_nothing_after_the_first_fault() -> None:
    reader = d6io.read_dossiers(BROKEN / "dossiers-bad-date.csv")
    seen: list[str] = []
    with pytest.raises(DataError):
        seen.extend(d.id for d in reader)
    assert seen == ["HS-001", "HS-002"]
    assert (reader.read, reader.accepted, reader.rejected) == (5, 3, 2)


def test_truncated_gzip_in_a_stream() -> None:
    data = (BROKEN / "dossiers-truncated.csv.gz").read_bytes()
    for errors in ("raise", "collect"):
        with pytest.raises(DataError, match="gzip stream is truncated"):
            list(d6io.read_dossiers(io.BytesIO(data), format="csv", errors=errors))
    whole = gzip.decompress(
        gzip.compress((BROKEN / "dossiers-bad-date.csv").read_bytes(), mtime=0)
    )
    assert whole.startswith(b"id,")
