"""The national portal's dossier sync payload (``DongBoHoSoMC``): dean06.io.portal."""

from __future__ import annotations

import datetime as dt
import gc
import gzip
import io
import json
import re
import tracemalloc
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dean06
import dean06.io.portal as portal_module
from dean06 import Channel, DataError, Dossier, DossierStatus, Service, ValidationError
from dean06.errors import Problem, mask_personal
from dean06.io import Reader, read_portal_dossiers
from dean06.io.portal import is_portal_payload
from dean06.periods import VIETNAM

if TYPE_CHECKING:
    from collections.abc import Callable

PERSONAL_CODE = (
    "looks like an ID, phone number or e-mail address, not a code; the value is not kept"
)

DATA = Path(__file__).parent / "data" / "portal"
ICT = VIETNAM


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A local (UTC+07:00) moment."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=ICT)


def collect(source: object, **options: Any) -> tuple[list[Dossier], Reader[Dossier]]:
    reader = read_portal_dossiers(source, errors="collect", **options)
    return list(reader), reader


def locations(reader: Reader[Dossier]) -> list[str]:
    return [problem.location for problem in reader.problems]


# -- the fixtures, read into the expected dossiers and problems -------------------------------

H22 = "000.00.01.H22"

ENVELOPE_DOSSIERS = [
    Dossier(
        id="000.00.01.H22-230605-0001",
        service="1.004222",
        unit=H22,
        channel=Channel.ONLINE,
        received=at(2023, 6, 5, 8, 30),
        status=DossierStatus.RECEIVED,  # 1; its NgayKetThucXuLy is ignored
        due=at(2023, 6, 12, 17),
        paid_online=True,
    ),
    Dossier(
        id="000.00.01.H22-230605-0002",
        service="1.004222",
        unit=H22,
        channel=Channel.IN_PERSON,  # integer 1
        received=at(2023, 6, 5, 9, 15),  # dd/MM/yyyy HH:mm:ss
        status=DossierStatus.RECEIVED,  # integer 2
        due=at(2023, 6, 9, 17),
        paid_online=False,  # integer 0
    ),
    Dossier(
        id="000.00.01.H22-230606-0003",
        service="1.004194",
        unit=H22,
        channel=Channel.IN_PERSON,  # KenhThucHien missing
        received=at(2023, 6, 6, 8),
        status=DossierStatus.REJECTED,  # 3, with only NgayTuChoi
        resolved=at(2023, 6, 6, 9),
        paid_online=None,  # missing: unknown
    ),
    Dossier(
        id="000.00.01.H22-230606-0004",
        service="1.004194",
        unit=H22,
        channel=Channel.IN_PERSON,  # null
        received=at(2023, 6, 6, 8, 15),
        status=DossierStatus.IN_PROGRESS,  # 4
        due=None,  # ""
        paid_online=True,  # 2: a ministry's or province's gateway
    ),
    Dossier(
        id="000.00.01.H22-230607-0005",
        service="2.001159",
        unit=H22,
        channel=Channel.POSTAL,
        received=at(2023, 6, 7, 7, 30),  # NgayNopHoSo, NgayTiepNhan missing
        status=DossierStatus.IN_PROGRESS,  # 5
        paid_online=None,  # null
    ),
    Dossier(
        id="000.00.01.H22-230607-0006",
        service="2.001159",
        unit=H22,
        channel=Channel.ONLINE,
        received=at(2023, 6, 7, 9),
        status=DossierStatus.IN_PROGRESS,  # 6; NgayKetThucXuLy ignored
    ),
    Dossier(
        id="000.00.01.H22-230607-0007",
        service="2.001159",
        unit=H22,
        channel=Channel.ONLINE,
        received=at(2023, 6, 7, 10),
        status=DossierStatus.WITHDRAWN,  # 7
    ),
    Dossier(
        id="000.00.01.H22-230608-0008",
        service="1.003677",
        unit=H22,
        channel=Channel.IN_PERSON,
        received=at(2023, 6, 8, 8),
        status=DossierStatus.REJECTED,  # 8: NgayKetThucXuLy wins over NgayTuChoi
        resolved=at(2023, 6, 9, 11),
        due=at(2023, 6, 15, 17),
    ),
    Dossier(
        id="000.00.01.H22-230608-0009",
        service="1.000466",
        unit=H22,
        channel=Channel.ONLINE,
        received=at(2023, 6, 8, 8, 30),
        status=DossierStatus.RESOLVED,  # 9
        resolved=at(2023, 6, 12, 9),
        due=at(2023, 6, 10, 17),
        paid_online=False,
    ),
    Dossier(
        id="000.00.01.H22-230609-0010",
        service="2.001178",
        unit=H22,
        channel=Channel.ONLINE,  # integer 2
        received=at(2023, 6, 9, 14),
        status=DossierStatus.RESOLVED,  # integer 10
        resolved=at(2023, 6, 12, 16, 30),
        due=at(2023, 6, 14, 17),
        paid_online=True,
    ),
    Dossier(
        # An unknown payment code is unknown: None, and the record is kept.
        id="000.00.01.H22-230612-0019",
        service="1.004222",
        unit=H22,
        channel=Channel.IN_PERSON,
        received=at(2023, 6, 12, 8),
        status=DossierStatus.IN_PROGRESS,
        paid_online=None,
    ),
]

ENVELOPE_PROBLEMS = [
    ("$.data[10].TrangThaiHoSo", "unknown status code '11' (expected 1 to 10)"),
    (
        "$.data[11].KenhThucHien",
        "unknown channel code '4' (expected 1 in person, 2 online or 3 public postal service)",
    ),
    (
        "$.data[12].NgayTiepNhan",
        "not a date and time: 10 digits (expected yyyyMMddHHmmss, 14 digits)",
    ),
    (
        "$.data[13].MaHoSo",
        PERSONAL_CODE,
    ),
    (
        "$.data[14].DonViXuLy",
        PERSONAL_CODE,
    ),
    (
        "$.data[15].NgayKetThucXuLy",
        "a value is required when TrangThaiHoSo is 9 (Đã xử lý xong)",
    ),
    ("$.data[16].NgayKetThucXuLy", "must not be before NgayTiepNhan"),
    ("$.data[17].NgayTiepNhan", "a value is required (NgayNopHoSo is missing too)"),
    (
        "$.data[19].NgayKetThucXuLy",
        "NgayKetThucXuLy or NgayTuChoi is required when TrangThaiHoSo is 8 (Dừng xử lý)",
    ),
]


@pytest.mark.parametrize("name", ["envelope.json", "envelope.json.gz"])
def test_envelope_fixture(name: str) -> None:
    dossiers, reader = collect(DATA / name)
    assert dossiers == ENVELOPE_DOSSIERS
    assert (reader.read, reader.accepted, reader.rejected) == (20, 11, 9)
    assert reader.problems == [
        Problem(f"{name}, {path}", message) for path, message in ENVELOPE_PROBLEMS
    ]


def test_every_status_code_is_mapped() -> None:
    dossiers, _ = collect(DATA / "envelope.json")
    statuses = [d.status for d in dossiers]
    assert statuses == [
        DossierStatus.RECEIVED,  # 1
        DossierStatus.RECEIVED,  # 2
        DossierStatus.REJECTED,  # 3
        DossierStatus.IN_PROGRESS,  # 4
        DossierStatus.IN_PROGRESS,  # 5
        DossierStatus.IN_PROGRESS,  # 6
        DossierStatus.WITHDRAWN,  # 7
        DossierStatus.REJECTED,  # 8
        DossierStatus.RESOLVED,  # 9
        DossierStatus.RESOLVED,  # 10
        DossierStatus.IN_PROGRESS,  # 4, with an unknown payment code
    ]


def test_envelope_raise_mode_lists_every_fault() -> None:
    reader = read_portal_dossiers(DATA / "envelope.json")
    yielded: list[Dossier] = []
    with pytest.raises(DataError) as caught:
        yielded.extend(reader)
    # Records before the first fault are yielded, none after it.
    assert yielded == ENVELOPE_DOSSIERS[:10]
    assert [p.location for p in caught.value.problems] == [
        f"envelope.json, {path}" for path, _ in ENVELOPE_PROBLEMS
    ]
    assert "envelope.json: 9 problems in 20 records" in str(caught.value)


def test_bare_list_fixture() -> None:
    dossiers, reader = collect(DATA / "list.json")
    assert dossiers == [
        Dossier(
            id="000.00.24.H56-231012-0001",
            service="2.001178",
            unit="000.00.24.H56",
            channel=Channel.ONLINE,
            received=at(2023, 10, 12, 8),
            status=DossierStatus.IN_PROGRESS,
            due=at(2023, 10, 17, 17),
            paid_online=True,
        ),
        Dossier(
            id="000.00.24.H56-231012-0002",
            service="2.001178",
            unit="000.00.24.H56",
            channel=Channel.IN_PERSON,
            received=at(2023, 10, 12, 9),
            status=DossierStatus.RECEIVED,
            due=at(2023, 10, 17),  # a bare date is local midnight
        ),
    ]
    assert reader.problems == [
        Problem(
            "list.json, $[2].NgayHenTra",
            "not a date and time: '32/10/2023 17:00:00' "
            "(expected yyyyMMddHHmmss or dd/MM/yyyy HH:mm:ss)",
        )
    ]


def test_json_lines_fixture() -> None:
    dossiers, reader = collect(DATA / "dossiers.jsonl")
    assert dossiers == [
        Dossier(
            id="000.00.24.H56-231013-0001",
            service="1.001456",
            unit="000.00.24.H56",
            channel=Channel.ONLINE,
            received=at(2023, 10, 13, 8),
            status=DossierStatus.RESOLVED,
            resolved=at(2023, 10, 16, 15),
            due=at(2023, 10, 20, 17),
            paid_online=True,
        ),
        Dossier(
            id="000.00.24.H56-231013-0002",
            service="1.001456",
            unit="000.00.24.H56",
            channel=Channel.IN_PERSON,
            received=at(2023, 10, 13, 10),
            status=DossierStatus.WITHDRAWN,
        ),
    ]
    assert (reader.read, reader.accepted, reader.rejected) == (5, 2, 3)
    assert reader.problems == [
        Problem(
            "dossiers.jsonl, line 4",
            "not valid JSON (Expecting property name enclosed in double quotes)",
        ),
        Problem(
            "dossiers.jsonl, line 5, field 'NgayTiepNhan'",
            "not a date and time: 9 digits (expected yyyyMMddHHmmss, 14 digits)",
        ),
        Problem("dossiers.jsonl, line 6", "expected a JSON object (a dossier record)"),
    ]


def test_services_map_national_codes_to_service_codes() -> None:
    dossiers, _ = collect(DATA / "envelope.json", services=dean06.essential_services())
    by_id = {d.id: d.service for d in dossiers}
    assert by_id["000.00.01.H22-230608-0009"] == "D06-01"  # 1.000466
    assert by_id["000.00.01.H22-230609-0010"] == "D06-01"  # 2.001178
    assert by_id["000.00.01.H22-230605-0001"] == "D06-03"  # 1.004222
    assert by_id["000.00.01.H22-230606-0003"] == "D06-04"  # 1.004194
    assert by_id["000.00.01.H22-230608-0008"] == "D06-05"  # 1.003677
    custom = Service(code="X", name="x", agency="a", national_codes=("2.001159",))
    dossiers, _ = collect(DATA / "envelope.json", services=[custom])
    assert {d.service for d in dossiers} == {
        "1.004222",
        "1.004194",
        "X",
        "1.003677",
        "1.000466",
        "2.001178",
    }


def test_unit_option_replaces_and_skips_donvixuly() -> None:
    dossiers, reader = collect(DATA / "envelope.json", unit=" 51 ")
    assert {d.unit for d in dossiers} == {"51"}
    # The phone number in DonViXuLy is never read, so that record is accepted.
    assert "envelope.json, $.data[14].DonViXuLy" not in locations(reader)
    assert "000.00.01.H22-230610-0015" in {d.id for d in dossiers}
    assert reader.locate(14, ("unit",)) == "envelope.json, $.data[14]"


def test_locator_names_the_portal_fields() -> None:
    reader = read_portal_dossiers(DATA / "envelope.json", errors="collect")
    list(reader)
    assert reader.locate(4, ("due",)) == "envelope.json, $.data[4].NgayHenTra"
    assert reader.locate(4, ()) == "envelope.json, $.data[4]"
    lines = read_portal_dossiers(DATA / "dossiers.jsonl", errors="collect")
    list(lines)
    assert lines.locate(3, ("service",)) == "dossiers.jsonl, line 3, field 'MaTTHC'"
    bare = read_portal_dossiers(DATA / "list.json", errors="collect")
    list(bare)
    assert bare.locate(1, ("status",)) == "list.json, $[1].TrangThaiHoSo"


# -- small inputs -----------------------------------------------------------------------------

BASE: dict[str, Any] = {
    "MaHoSo": "000.00.01.H22-230605-0001",
    "MaTTHC": "1.000466",
    "DonViXuLy": "000.00.01.H22",
    "NgayTiepNhan": "20230605083000",
    "TrangThaiHoSo": "2",
}


def envelope(*records: dict[str, Any], service: object = "DongBoHoSoMC") -> bytes:
    return json.dumps({"service": service, "isUpdating": False, "data": list(records)}).encode()


def one(record: dict[str, Any], **options: Any) -> tuple[list[Dossier], list[str]]:
    dossiers, reader = collect(io.BytesIO(envelope(record)), **options)
    return dossiers, [str(p) for p in reader.problems]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("1", DossierStatus.RECEIVED),
        (2, DossierStatus.RECEIVED),
        ("4", DossierStatus.IN_PROGRESS),
        (" 5 ", DossierStatus.IN_PROGRESS),
        (6, DossierStatus.IN_PROGRESS),
        ("7", DossierStatus.WITHDRAWN),
        ("Đang xử lý", DossierStatus.IN_PROGRESS),
        ("cong dan yeu cau rut ho so", DossierStatus.WITHDRAWN),
    ],
)
def test_open_statuses(status: object, expected: DossierStatus) -> None:
    dossiers, problems = one({**BASE, "TrangThaiHoSo": status, "NgayKetThucXuLy": "x"})
    assert problems == []
    assert [d.status for d in dossiers] == [expected]
    assert dossiers[0].resolved is None  # end times on other statuses are ignored


@pytest.mark.parametrize("status", ["0", 11, "9.0", True, [9], "Hoàn thành"])
def test_unknown_status_is_a_problem(status: object) -> None:
    dossiers, problems = one({**BASE, "TrangThaiHoSo": status})
    assert dossiers == []
    assert len(problems) == 1
    assert problems[0].startswith("<stream>, $.data[0].TrangThaiHoSo: unknown status code")


@pytest.mark.parametrize("status", [None, "", "  "])
def test_missing_status_is_a_problem(status: object) -> None:
    _, problems = one({**BASE, "TrangThaiHoSo": status})
    assert problems == ["<stream>, $.data[0].TrangThaiHoSo: a value is required"]


@pytest.mark.parametrize(
    ("channel", "expected"),
    [
        ("1", Channel.IN_PERSON),
        (2, Channel.ONLINE),
        (" 3", Channel.POSTAL),
        (None, Channel.IN_PERSON),
        ("", Channel.IN_PERSON),
    ],
)
def test_channels(channel: object, expected: Channel) -> None:
    dossiers, _ = one({**BASE, "KenhThucHien": channel})
    assert [d.channel for d in dossiers] == [expected]


@pytest.mark.parametrize("channel", ["0", 4, "truc tuyen", 2.0, False])
def test_unknown_channel_is_a_problem(channel: object) -> None:
    _, problems = one({**BASE, "KenhThucHien": channel})
    assert len(problems) == 1
    assert problems[0].startswith("<stream>, $.data[0].KenhThucHien: unknown channel code")


@pytest.mark.parametrize(
    ("code", "expected"),
    [("1", True), (2, True), ("0", False), (0, False), (None, None), ("", None)],
)
def test_payment_codes(code: object, expected: bool | None) -> None:
    record = {**BASE, "DuocThanhToanTrucTuyen": code}
    dossiers, _ = one(record)
    assert [d.paid_online for d in dossiers] == [expected]


def test_missing_payment_is_unknown_not_false() -> None:
    dossiers, _ = one(BASE)
    assert dossiers[0].paid_online is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20230605083000", at(2023, 6, 5, 8, 30)),
        (20230605083000, at(2023, 6, 5, 8, 30)),
        ("05/06/2023 08:30:00", at(2023, 6, 5, 8, 30)),
        ("5/6/2023 08:30", at(2023, 6, 5, 8, 30)),
        ("2023-06-05T01:30:00Z", at(2023, 6, 5, 8, 30)),
    ],
)
def test_date_styles(value: object, expected: dt.datetime) -> None:
    dossiers, problems = one({**BASE, "NgayTiepNhan": value})
    assert problems == []
    assert dossiers[0].received == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2023060508", "not a date and time: 10 digits (expected yyyyMMddHHmmss, 14 digits)"),
        ("20231305083000", "no such date and time (read as yyyyMMddHHmmss)"),
        ("20230605250000", "no such date and time (read as yyyyMMddHHmmss)"),
        (
            "hôm qua",
            (
                "not a date and time: a text of 7 characters (not shown: it may be personal "
                "data) (expected yyyyMMddHHmmss or dd/MM/yyyy HH:mm:ss)"
            ),
        ),
        ([2023], "expected a date and time as text, not a list"),
    ],
)
def test_bad_dates_are_located_problems(value: object, message: str) -> None:
    _, problems = one({**BASE, "NgayHenTra": value})
    assert problems == [f"<stream>, $.data[0].NgayHenTra: {message}"]


def test_received_falls_back_to_submission_date() -> None:
    record = {**BASE, "NgayTiepNhan": "", "NgayNopHoSo": "04/06/2023 22:00:00"}
    dossiers, _ = one(record)
    assert dossiers[0].received == at(2023, 6, 4, 22)
    record = {**BASE, "NgayTiepNhan": None, "NgayNopHoSo": "2023-06-04"}
    assert one(record)[0][0].received == at(2023, 6, 4)
    del record["NgayTiepNhan"]
    record["NgayNopHoSo"] = "040620"
    assert one(record)[1] == [
        (
            "<stream>, $.data[0].NgayNopHoSo: "
            "not a date and time: 6 digits (expected yyyyMMddHHmmss, 14 digits)"
        )
    ]


def test_a_broken_received_does_not_fall_back() -> None:
    record = {**BASE, "NgayTiepNhan": "2023", "NgayNopHoSo": "20230604220000"}
    _, problems = one(record)
    assert [p.split(":")[0] for p in problems] == ["<stream>, $.data[0].NgayTiepNhan"]


@pytest.mark.parametrize("code", ["9", "10", 9])
def test_resolved_needs_end_time(code: object) -> None:
    record = {**BASE, "TrangThaiHoSo": code, "NgayTuChoi": "20230606000000"}
    _, problems = one(record)
    assert len(problems) == 1
    assert problems[0].startswith("<stream>, $.data[0].NgayKetThucXuLy: a value is required")
    record["NgayKetThucXuLy"] = "20230606090000"
    dossiers, _ = one(record)
    assert dossiers[0].resolved == at(2023, 6, 6, 9)


@pytest.mark.parametrize("code", ["3", 8])
def test_rejected_takes_end_time_or_refusal_time(code: object) -> None:
    record = {**BASE, "TrangThaiHoSo": code}
    assert one(record)[1][0].startswith(
        "<stream>, $.data[0].NgayKetThucXuLy: NgayKetThucXuLy or NgayTuChoi is required"
    )
    record["NgayTuChoi"] = "20230605100000"
    assert one(record)[0][0].resolved == at(2023, 6, 5, 10)
    record["NgayKetThucXuLy"] = "20230605110000"
    assert one(record)[0][0].resolved == at(2023, 6, 5, 11)


def test_dossier_rules_are_located_at_the_portal_field() -> None:
    record = {**BASE, "TrangThaiHoSo": "3", "NgayTuChoi": "20230601000000"}
    assert one(record)[1] == ["<stream>, $.data[0].NgayTuChoi: must not be before NgayTiepNhan"]
    record = {**BASE, "NgayHenTra": "20230601000000"}
    assert one(record)[1] == ["<stream>, $.data[0].NgayHenTra: must not be before NgayTiepNhan"]
    record = {**BASE, "NgayTiepNhan": None, "NgayNopHoSo": "20230605000000"}
    record |= {"TrangThaiHoSo": "9", "NgayKetThucXuLy": "20230601000000"}
    assert one(record)[1] == [
        "<stream>, $.data[0].NgayKetThucXuLy: must not be before NgayNopHoSo"
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("MaHoSo", "051203001234"),
        ("MaHoSo", "HS-023456789"),
        ("MaTTHC", "0905123456"),
        ("MaTTHC", "+84 905 123 456"),
        ("DonViXuLy", "0905.123.456"),
        ("DonViXuLy", "079203004567"),
        ("DonViXuLy", "079 203 004 567"),
        ("MaHoSo", "an.nguyen@example.vn"),
        ("MaTTHC", "nguyễn.văn.an@gmail.com"),
    ],
)
def test_personal_values_in_code_fields_are_refused_unkept(field: str, value: str) -> None:
    dossiers, reader = collect(io.BytesIO(envelope({**BASE, field: value})))
    assert dossiers == []
    assert [str(p) for p in reader.problems] == [f"<stream>, $.data[0].{field}: {PERSONAL_CODE}"]


@pytest.mark.parametrize("field", ["MaHoSo", "MaTTHC", "DonViXuLy"])
@pytest.mark.parametrize("value", [None, "", " ", 12, ["x"]])
def test_code_fields_are_required_text(field: str, value: object) -> None:
    _, problems = one({**BASE, field: value})
    assert len(problems) == 1
    assert problems[0].startswith(f"<stream>, $.data[0].{field}: ")


def test_codes_are_normalised() -> None:
    record = {**BASE, "MaHoSo": " HS-1 ", "MaTTHC": "1.000466\t", "DonViXuLy": "Đ1"}
    dossiers, _ = one(record, services=dean06.essential_services())
    assert (dossiers[0].id, dossiers[0].service, dossiers[0].unit) == ("HS-1", "D06-01", "Đ1")


def test_all_faults_of_a_record_are_reported() -> None:
    record = {"MaTTHC": 1, "KenhThucHien": "9", "TrangThaiHoSo": "12", "NgayHenTra": "2023"}
    _, problems = one(record)
    assert [p.split(":")[0] for p in problems] == [
        "<stream>, $.data[0].MaHoSo",
        "<stream>, $.data[0].MaTTHC",
        "<stream>, $.data[0].DonViXuLy",
        "<stream>, $.data[0].KenhThucHien",
        "<stream>, $.data[0].TrangThaiHoSo",
        "<stream>, $.data[0].NgayTiepNhan",
        "<stream>, $.data[0].NgayHenTra",
    ]


def test_non_objects_in_the_list_are_record_faults() -> None:
    payload = b'[1, null, "x", [], {"a": 1}]'
    dossiers, reader = collect(io.BytesIO(payload))
    assert dossiers == []
    assert reader.read == reader.rejected == 5
    assert locations(reader)[:4] == [
        "<stream>, $[0]",
        "<stream>, $[1]",
        "<stream>, $[2]",
        "<stream>, $[3]",
    ]


def test_deep_nesting_is_a_record_fault() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    text = "[" + deep + ", " + json.dumps(BASE) + "]"
    dossiers, reader = collect(io.BytesIO(text.encode()))
    assert len(dossiers) == 1
    assert [str(p) for p in reader.problems] == ["<stream>, $[0]: the JSON is nested too deeply"]


# -- shapes, envelope keys, faults of the whole file ------------------------------------------


def test_envelope_keys_in_any_order() -> None:
    data = json.dumps([BASE])
    for text in (
        f'{{"data": {data}, "isUpdating": true, "service": "DongBoHoSoMC"}}',
        f'{{"isUpdating": false, "data": {data}}}',  # a missing service is accepted
        f'{{"maDonVi": "H22", "service": "DongBoHoSoMC", "data": {data}}}',
        f'\n\n  {{\n "service" : "DongBoHoSoMC" ,\n "data" :\n {data} \n}}\n\n',
    ):
        dossiers, reader = collect(io.BytesIO(text.encode()))
        assert len(dossiers) == 1, text
        assert reader.problems == []


@pytest.mark.parametrize("errors", ["raise", "collect"])
def test_wrong_service_raises_in_both_modes(errors: str) -> None:
    reader = read_portal_dossiers(
        io.BytesIO(envelope(BASE, service="CapNhatTienDoHoSoMC")),
        errors=errors,  # type: ignore[arg-type]
    )
    with pytest.raises(DataError) as caught:
        list(reader)
    assert [str(p) for p in caught.value.problems] == [
        (
            "<stream>, $.service: expected 'DongBoHoSoMC', not 'CapNhatTienDoHoSoMC': "
            "not a dossier sync payload"
        )
    ]
    assert reader.read == 0  # found before any record


def test_wrong_service_after_data_is_found_at_the_end() -> None:
    text = json.dumps({"data": [BASE, BASE], "service": 42}).encode()
    reader = read_portal_dossiers(io.BytesIO(text), errors="collect")
    yielded: list[Dossier] = []
    with pytest.raises(DataError) as caught:
        yielded.extend(reader)
    assert len(yielded) == 2
    assert str(caught.value.problems[0]) == (
        "<stream>, $.service: expected 'DongBoHoSoMC', not a number: not a dossier sync payload"
    )


@pytest.mark.parametrize("errors", ["raise", "collect"])
@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        (
            '{"service": "DongBoHoSoMC", "isUpdating": false}',
            "<stream>",
            "no 'data' list in this DongBoHoSoMC envelope (keys found: 'service', 'isUpdating')",
        ),
        (
            '{"service": "DongBoHoSoMC", "data": {"MaHoSo": "x"}}',
            "<stream>, $.data",
            "expected a list of dossier records",
        ),
        (
            '{"service": "DongBoHoSoMC", "data": [], "data": []}',
            "<stream>, $.data",
            "the envelope has two 'data' keys",
        ),
        (
            '{"service": "DongBoHoSoMC", "data": [{"MaHoSo": "x"}\n, {"MaHoSo": "y",}]}',
            "<stream>, line 2, column 18",
            "not valid JSON in $.data[1]: Expecting property name enclosed in double quotes",
        ),
        (
            '{"service": "DongBoHoSoMC", "data": [{"MaHoSo": "x"} {"MaHoSo": "y"}]}',
            "<stream>, line 1, column 54",
            "not valid JSON: expected ',' or ']' after $.data[0]",
        ),
        (
            '{"service": "DongBoHoSoMC", "data": [{"MaHoSo": "x"},]}',
            "<stream>, line 1, column 54",
            "not valid JSON: a comma before ']'",
        ),
        (
            '{"service": "DongBoHoSoMC", "data": [{"MaHoSo": "x"}',
            "<stream>, line 1, column 53",
            "not valid JSON: the text ends inside the list $.data",
        ),
        (
            '{"service": "DongBoHoSoMC", "data": [{"MaHoSo": "x',
            "<stream>, line 1, column 38",
            "not valid JSON in $.data[0]: the text ends inside this value",
        ),
        (
            '{"service": "DongBoHoSoMC", "data": []} []',
            "<stream>, line 1, column 41",
            "unexpected text after the end of the JSON document",
        ),
        (
            '[{"MaHoSo": "x"}',
            "<stream>, line 1, column 17",
            "not valid JSON: the text ends inside the list $",
        ),
        (
            "DongBoHoSoMC",
            "<stream>, line 1, column 1",
            (
                "expected a DongBoHoSoMC envelope, a list of dossier records or JSON Lines "
                "(text starting with '{' or '['), found 'D'"
            ),
        ),
        (
            '{"schema_version": 1, "dossiers": []}',
            "<stream>",
            "a dean06 JSON document, not a portal payload: read it with dean06.io.read_dossiers",
        ),
        (
            '{\n  "MaHoSo": "x",\n  "TrangThaiHoSo": "2"\n}\n',
            "<stream>, line 1, column 1",
            (
                "one JSON object over several lines, without a 'service' or 'data' key: "
                "not a DongBoHoSoMC envelope, and not JSON Lines (one object a line)"
            ),
        ),
    ],
)
def test_faults_of_the_whole_file(errors: str, text: str, location: str, message: str) -> None:
    reader = read_portal_dossiers(io.BytesIO(text.encode()), errors=errors)  # type: ignore[arg-type]
    with pytest.raises(DataError) as caught:
        list(reader)
    assert caught.value.problems[-1] == Problem(location, message)


@pytest.mark.parametrize("text", ["", "   \n\t\r\n", "[]", " [ ] ", '{"data": []}'])
def test_empty_inputs_have_zero_records(text: str) -> None:
    reader = read_portal_dossiers(io.BytesIO(text.encode()))
    assert list(reader) == []
    assert (reader.read, reader.accepted, reader.rejected, reader.problems) == (0, 0, 0, [])


def test_encodings_and_gzip() -> None:
    text = envelope(BASE, BASE).decode()
    for raw in (
        text.encode("utf-8-sig"),
        text.encode("utf-16"),
        gzip.compress(text.encode(), mtime=0),
    ):
        dossiers, reader = collect(io.BytesIO(raw))
        assert len(dossiers) == 2
        assert reader.problems == []
    legacy = json.dumps([{**BASE, "ChuHoSo": "Đà"}], ensure_ascii=False).encode("cp1258")
    with pytest.raises(DataError, match="not valid UTF-8"):
        list(read_portal_dossiers(io.BytesIO(legacy), errors="collect"))


def test_json_lines_with_crlf_and_a_long_first_line() -> None:
    long_record = {**BASE, "TaiLieuNop": [{"TenTepDinhKem": "x" * 100}] * 1500}
    lines = [json.dumps(long_record), json.dumps(BASE), "{broken", json.dumps(BASE), ""]
    text = "\r\n".join(lines)
    assert len(lines[0]) > 2 * 65536
    dossiers, reader = collect(io.BytesIO(text.encode()))
    assert len(dossiers) == 3
    assert [str(p) for p in reader.problems] == [
        "<stream>, line 3: not valid JSON (Expecting property name enclosed in double quotes)"
    ]


@pytest.mark.parametrize("cut", [65534, 65535, 65536, 65537])
def test_json_lines_replay_across_a_read_boundary(cut: int) -> None:
    # The shape is decided by reading the first object; the lines read so far
    # are then replayed.  Put a CR LF (or a line) across the first read.
    first = json.dumps({**BASE, "ThongTinKhac": "y" * (cut - 100)})
    first = first[: -len('"}')]
    first += "y" * (cut - len(first) - 3) + '"}'
    lines = [first, json.dumps(BASE), "[]", json.dumps(BASE)]
    text = "\r\n".join(lines) + "\r\n"
    dossiers, reader = collect(io.BytesIO(text.encode()))
    assert len(dossiers) == 3
    assert [str(p) for p in reader.problems] == [
        "<stream>, line 3: expected a JSON object (a dossier record)"
    ]


def test_first_object_too_long_without_envelope_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(portal_module, "_UNDECIDED_LIMIT", 1000)
    monkeypatch.setattr(portal_module, "_CHUNK", 100)
    text = '{"x": "' + "a" * 5000 + '", "data": []}'
    with pytest.raises(DataError, match="over 16 MiB without a 'service' or 'data' key"):
        list(read_portal_dossiers(io.BytesIO(text.encode()), errors="collect"))


def test_options_are_checked() -> None:
    source = io.BytesIO(b"[]")
    with pytest.raises(ValidationError, match="errors must be"):
        read_portal_dossiers(source, errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="max_problems"):
        read_portal_dossiers(source, max_problems=-1)
    with pytest.raises(ValidationError, match="unit must be"):
        read_portal_dossiers(source, unit=" ")
    with pytest.raises(ValidationError, match="unit must be"):
        read_portal_dossiers(source, unit=51)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"iterable of dean06\.Service"):
        read_portal_dossiers(source, services="D06-01")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"hold dean06\.Service objects"):
        read_portal_dossiers(source, services=["D06-01"])  # type: ignore[list-item]
    twice = [
        Service(code="A", name="a", agency="x", national_codes=("1.1",)),
        Service(code="B", name="b", agency="x", national_codes=("1.1",)),
    ]
    with pytest.raises(ValidationError, match="listed by two services"):
        read_portal_dossiers(source, services=twice)
    with pytest.raises(ValidationError, match="binary file"):
        read_portal_dossiers(12)
    with pytest.raises(DataError, match="no such file"):
        read_portal_dossiers(DATA / "missing.json")


def test_max_problems_bounds_the_list_not_the_counts() -> None:
    dossiers, reader = collect(DATA / "envelope.json", max_problems=3)
    assert len(dossiers) == 11
    assert len(reader.problems) == 3
    assert reader.problem_count == reader.rejected == 9


def test_reader_is_exported() -> None:
    assert "read_portal_dossiers" in dean06.io.__all__
    assert dean06.io.read_portal_dossiers is read_portal_dossiers


# -- is_portal_payload ------------------------------------------------------------------------


def test_is_portal_payload(tmp_path: Path) -> None:
    assert is_portal_payload(DATA / "envelope.json")
    assert is_portal_payload(DATA / "envelope.json.gz")
    assert is_portal_payload(DATA / "list.json")
    assert is_portal_payload(DATA / "dossiers.jsonl")
    cases = {
        "data_first.json": json.dumps({"data": [BASE], "service": "DongBoHoSoMC"}),
        "other_service.json": json.dumps({"service": "LayThuTuc", "data": [BASE]}),
        "dean06.json": json.dumps({"schema_version": 1, "dossiers": [{"id": "x"}]}),
        "dean06.jsonl": json.dumps({"id": "x", "service": "D06-01"}) + "\n",
        "dossiers.csv": "id,service\nx,y\n",
        "empty.json": "",
        "broken.json": '{"service": ',
        "numbers.json": "[1, 2]",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert is_portal_payload(tmp_path / "data_first.json")
    for name in cases:
        if name != "data_first.json":
            assert not is_portal_payload(tmp_path / name), name
    assert not is_portal_payload(tmp_path / "missing.json")
    big = tmp_path / "big.json"
    big.write_text('{"x": "' + "a" * (2 << 20) + '", "service": "DongBoHoSoMC"}')
    assert not is_portal_payload(big)  # looks at the first MiB only


# -- privacy ----------------------------------------------------------------------------------

PERSONAL = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Võ Minh Em",
    "051203001234",
    "023456789",
    "079203004567",
    "051304009876",
    "049098001122",
    "0905123456",
    "0905 123 456",
    "+84 912 345 678",
    "0935 777 888",
    "0978123456",
    "an.nguyen@example.vn",
    "binh.tran@example.vn",
    "dung.pham@example.vn",
    "em.vo@example.vn",
    "Nhà ở hẻm 12 đường Lê Lợi, gọi trước khi đến",
    "Con nhỏ, xin ưu tiên",
]


def strings_reachable(root: object) -> list[str]:
    """Every string reachable from *root* through data (not through modules or code)."""
    found: list[str] = []
    seen: set[int] = set()
    stack = [root]
    skip = (type, types.ModuleType, types.BuiltinFunctionType, types.CodeType)
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, skip):
            continue
        seen.add(id(item))
        if isinstance(item, str):
            found.append(item)
            continue
        if isinstance(item, types.FunctionType):  # its closure, not its globals
            stack.extend(cell.cell_contents for cell in item.__closure__ or ())
            continue
        if isinstance(item, types.GeneratorType) and item.gi_frame is not None:
            stack.append(item.gi_frame.f_locals)
            continue
        if isinstance(item, bytes | bytearray):
            found.append(bytes(item).decode("utf-8", "replace"))
            continue
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
        elif attrs.has(type(item)):
            fields = attrs.fields(cast("type[attrs.AttrsInstance]", type(item)))
            stack.extend(getattr(item, a.name) for a in fields)
            stack.extend((str(item), repr(item)))
        elif isinstance(item, BaseException):
            stack.extend((str(item), repr(item), item.args, vars(item)))
        elif hasattr(item, "__dict__"):
            stack.append(vars(item))
    return found


def assert_no_personal(strings: list[str]) -> None:
    text = "\n".join(strings)
    leaks = [value for value in PERSONAL if value in text]
    assert leaks == []
    joined = re.sub(r"[ .\-+]", "", text)  # "0905.123.456" is the same number
    for value in PERSONAL:
        bare = "".join(ch for ch in value if ch.isdigit())
        if len(bare) >= 9:
            assert bare not in joined, value


@pytest.mark.parametrize(
    "name", ["envelope.json", "envelope.json.gz", "list.json", "dossiers.jsonl"]
)
def test_no_personal_value_reaches_results_or_problems(name: str) -> None:
    reader = read_portal_dossiers(DATA / name, errors="collect")
    dossiers = list(reader)
    strings = strings_reachable(dossiers) + strings_reachable(reader.problems)
    strings += [str(d) for d in dossiers] + [str(p) for p in reader.problems]
    assert_no_personal(strings)
    with pytest.raises(DataError) as caught:
        list(read_portal_dossiers(DATA / name))
    assert_no_personal([str(caught.value), repr(caught.value)])
    assert_no_personal(strings_reachable(caught.value))


def test_the_reader_keeps_no_personal_value_after_reading() -> None:
    reader = read_portal_dossiers(DATA / "envelope.json", errors="collect")
    list(reader)
    gc.collect()
    assert_no_personal(strings_reachable(reader))


def test_personal_values_misplaced_in_any_field_are_never_quoted() -> None:
    values = ["051203001234", "0905 123 456", "+84905123456", "023456789"]
    for value in values:
        for field in ("MaHoSo", "MaTTHC", "DonViXuLy", "KenhThucHien", "TrangThaiHoSo"):
            for other in ("DuocThanhToanTrucTuyen", "NgayTiepNhan", "NgayHenTra"):
                record = {**BASE, field: value, other: value}
                with pytest.raises(DataError) as caught:
                    list(read_portal_dossiers(io.BytesIO(envelope(record))))
                text = str(caught.value)
                assert value not in text
                assert "".join(c for c in value if c.isdigit()) not in text


# -- properties: round trips through the portal shapes ----------------------------------------

FAKE_PERSON = {
    "ChuHoSo": "Nguyễn Văn An",
    "SoGiayToChuHoSo": "051203001234",
    "DinhDanhCHS": [{"LoaiDinhDanh": "1", "SoDinhDanh": "051203001234"}],
    "SoDienThoai": "0905 123 456",
    "Email": "an.nguyen@example.vn",
    "ThongTinKhac": 'Gọi trước\n"khẩn" [1]{2}\\',
    "TaiLieuNop": [{"TenTepDinhKem": "CT01.pdf", "DuocSoHoa": "1"}],
    "DanhSachLePhi": [],
    "DanhSachGiayToKetQua": [],
}

codes = (
    st.from_regex(r"[A-Z][A-Z0-9]{0,3}(?:[.\-][A-Z0-9]{1,6}){0,3}", fullmatch=True)
    | st.sampled_from(["000.00.01.H22-230605-0001", "1.000466", "2.001178", "Đ-1"])
).filter(lambda code: mask_personal(code) == code)
moments = st.datetimes(
    min_value=dt.datetime(2000, 1, 1),  # noqa: DTZ001 - bounds of an aware strategy
    max_value=dt.datetime(2035, 12, 31),  # noqa: DTZ001
    timezones=st.sampled_from(
        [ICT, dt.timezone.utc, dt.timezone(dt.timedelta(hours=-5, minutes=-30))]
    ),
)


@st.composite
def dossiers(draw: st.DrawFn) -> Dossier:
    """Valid dean06 dossiers (a local strategy: dean06.strategies is not used here)."""
    received = draw(moments)
    status = draw(st.sampled_from(DossierStatus))
    spans = st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=90))
    return Dossier(
        id=draw(codes),
        service=draw(codes),
        unit=draw(codes),
        channel=draw(st.sampled_from(Channel)),
        received=received,
        status=status,
        resolved=received + draw(spans) if status.ended else None,
        due=draw(st.none() | spans.map(lambda span: received + span)),
        paid_online=draw(st.none() | st.booleans()),
    )


STATUS_CODES: dict[DossierStatus, list[str]] = {
    DossierStatus.RECEIVED: ["1", "2"],
    DossierStatus.IN_PROGRESS: ["4", "5", "6"],
    DossierStatus.REJECTED: ["3", "8"],
    DossierStatus.WITHDRAWN: ["7"],
    DossierStatus.RESOLVED: ["9", "10"],
}
CHANNEL_CODES: dict[Channel, list[str | None]] = {
    Channel.IN_PERSON: ["1", None, ""],
    Channel.ONLINE: ["2"],
    Channel.POSTAL: ["3"],
}


def portal_time(moment: dt.datetime, style: str) -> str:
    local = moment.astimezone(ICT)
    return local.strftime("%Y%m%d%H%M%S" if style == "compact" else "%d/%m/%Y %H:%M:%S")


def to_portal(dossier: Dossier, draw: Callable[..., Any]) -> dict[str, Any]:
    """The portal's record for *dossier* (a test helper), with fake personal fields."""
    style = draw(st.sampled_from(["compact", "dmy"]))
    as_int = draw(st.booleans())

    def code(text: str | None) -> object:
        return int(text) if as_int and text else text

    record: dict[str, Any] = {
        "MaHoSo": dossier.id,
        "MaTTHC": dossier.service,
        "TenTTHC": "Thủ tục",
        "DonViXuLy": dossier.unit,
        "NgayTiepNhan": portal_time(dossier.received, style),
        "NgayNopHoSo": portal_time(dossier.received, "compact"),
        **FAKE_PERSON,
    }
    status = draw(st.sampled_from(STATUS_CODES[dossier.status]))
    record["TrangThaiHoSo"] = code(status)
    channel = draw(st.sampled_from(CHANNEL_CODES[dossier.channel]))
    if channel is not None:
        record["KenhThucHien"] = code(channel)
    if dossier.due is not None:
        record["NgayHenTra"] = portal_time(dossier.due, style)
    else:
        record["NgayHenTra"] = ""
    if dossier.resolved is not None:
        ended = portal_time(dossier.resolved, style)
        if dossier.status is DossierStatus.REJECTED and draw(st.booleans()):
            record["NgayTuChoi"] = ended
        else:
            record["NgayKetThucXuLy"] = ended
    if dossier.paid_online is not None:
        paid = draw(st.sampled_from(["1", "2"])) if dossier.paid_online else "0"
        record["DuocThanhToanTrucTuyen"] = code(paid)
    return record


def write_shape(records: list[dict[str, Any]], shape: str) -> bytes:
    if shape == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    if shape == "list":
        return json.dumps(records, ensure_ascii=False, indent=1).encode()
    head = {"service": "DongBoHoSoMC", "isUpdating": False}
    if shape == "envelope":
        return json.dumps({**head, "data": records}, ensure_ascii=False).encode()
    return json.dumps({"data": records, **head}).encode()  # data first, ASCII escapes


def as_read(dossier: Dossier) -> Dossier:
    """What the portal can carry: local time (UTC+07:00), whole seconds."""

    def seconds(moment: dt.datetime | None) -> dt.datetime | None:
        return None if moment is None else moment.astimezone(ICT).replace(microsecond=0)

    received = seconds(dossier.received)
    assert received is not None
    return attrs.evolve(
        dossier, received=received, resolved=seconds(dossier.resolved), due=seconds(dossier.due)
    )


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(dossiers(), max_size=8),
    st.sampled_from(["envelope", "envelope-data-first", "list", "jsonl"]),
    st.sampled_from([65536, 7, 64]),
    st.data(),
)
def test_round_trip_through_every_shape(
    items: list[Dossier], shape: str, chunk: int, data: st.DataObject
) -> None:
    records = [to_portal(dossier, data.draw) for dossier in items]
    payload = write_shape(records, shape)
    # Small reads exercise the scanner across read boundaries.
    with mock.patch.object(portal_module, "_CHUNK", chunk):
        result = list(read_portal_dossiers(io.BytesIO(payload)))
    assert result == [as_read(d) for d in items]
    for got, want in zip(result, items, strict=True):
        assert got.received.utcoffset() == dt.timedelta(hours=7)
        assert got.received == want.received.replace(microsecond=0)
    assert_no_personal(strings_reachable(result))


# -- robustness: junk never raises anything but DataError -------------------------------------

JSONISH = st.text(alphabet=list('[]{}",:\\ \n\r\t0123456789.-+eEtrufalsnDMaHoSdt'), max_size=200)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["service", "data", "isUpdating", "MaHoSo", "TrangThaiHoSo", "NgayTiepNhan", "x"]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


def read_all(payload: bytes, errors: str) -> None:
    reader = read_portal_dossiers(io.BytesIO(payload), errors=errors)  # type: ignore[arg-type]
    try:
        list(reader)
    except DataError:
        return
    assert reader.read == reader.accepted + reader.rejected


@given(st.binary(max_size=300), st.sampled_from(["raise", "collect"]))
def test_arbitrary_bytes_raise_only_data_error(payload: bytes, errors: str) -> None:
    read_all(payload, errors)


@given(JSONISH, st.sampled_from(["raise", "collect"]))
def test_json_like_text_raises_only_data_error(text: str, errors: str) -> None:
    read_all(text.encode(), errors)


@given(json_values, st.sampled_from(["raise", "collect"]))
def test_any_json_document_raises_only_data_error(value: object, errors: str) -> None:
    read_all(json.dumps(value).encode(), errors)


@given(st.lists(json_values, max_size=4), st.sampled_from(["raise", "collect"]))
def test_any_json_lines_raise_only_data_error(values: list[object], errors: str) -> None:
    read_all("\n".join(json.dumps(v) for v in values).encode(), errors)


@given(st.integers(min_value=1), st.sampled_from(["raise", "collect"]))
def test_a_cut_envelope_is_a_fault_of_the_whole_file(cut: int, errors: str) -> None:
    text = (DATA / "envelope.json").read_text(encoding="utf-8").rstrip()
    cut = cut % (len(text) - 2) + 2  # "{" alone could be a broken JSON Lines record
    payload = text[:cut].encode()
    reader = read_portal_dossiers(io.BytesIO(payload), errors=errors)  # type: ignore[arg-type]
    with pytest.raises(DataError) as caught:
        list(reader)
    last = caught.value.problems[-1]
    assert last.location.startswith("<stream>, line ")
    assert last.message.startswith("not valid JSON")


# -- constant memory --------------------------------------------------------------------------


def peak_memory(count: int) -> int:
    record = json.dumps({**BASE, **FAKE_PERSON})
    body = ",".join([record] * count)  # one line: the compact envelope form
    payload = f'{{"service": "DongBoHoSoMC", "data": [{body}]}}'.encode()
    source = io.BytesIO(payload)
    del body, payload
    tracemalloc.start()
    try:
        reader = read_portal_dossiers(source)
        total = sum(1 for _ in reader)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert total == count
    return peak


def test_memory_does_not_grow_with_the_number_of_records() -> None:
    small, large = peak_memory(500), peak_memory(10_000)
    assert large < small * 1.5 + 100_000


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("KenhThucHien", "an.nguyen@example.vn"),
        ("KenhThucHien", "Nguyễn Văn An"),
        ("TrangThaiHoSo", "Nguyen Van An"),
        ("NgayTiepNhan", "Nguyễn Văn An"),
        ("NgayHenTra", "an@example.vn"),
    ],
)
def test_a_name_or_e_mail_in_a_code_or_date_field_is_not_quoted(field: str, value: str) -> None:
    _, reader = collect(io.BytesIO(envelope({**BASE, field: value})))
    (problem,) = reader.problems
    assert problem.location.endswith(f".{field}")
    assert "not shown: it may be personal data" in problem.message
    for part in (value, *value.split()):
        assert part not in problem.message


def test_codes_and_dates_in_the_wrong_form_are_quoted() -> None:
    _, reader = collect(io.BytesIO(envelope({**BASE, "KenhThucHien": "4"})))
    assert "unknown channel code '4'" in reader.problems[0].message
    _, reader = collect(io.BytesIO(envelope({**BASE, "NgayHenTra": "31/02/2023 10:00:00"})))
    assert "'31/02/2023 10:00:00'" in reader.problems[0].message
