"""Dossiers in the National Public Service Portal's sync format (``DongBoHoSoMC``).

Every provincial one-stop system (hệ thống một cửa điện tử) reports its
dossiers to the National Public Service Portal (Cổng Dịch vụ công quốc gia)
in one shared payload: an envelope ``{"service": "DongBoHoSoMC",
"isUpdating": ..., "data": [...]}`` whose ``data`` list holds one object per
dossier, with the portal's own field names (``MaHoSo``, ``MaTTHC``,
``KenhThucHien``, ``NgayTiepNhan``, ``TrangThaiHoSo``, ...).  Exports of the
same records also come as a bare list of dossier objects, or as JSON Lines
(one object a line).  :func:`read_portal_dossiers` reads all three shapes,
telling them apart from the text itself, and streams
:class:`~dean06.Dossier` records in constant memory.

**Streaming.**  The envelope and the bare list are walked by a small
incremental scanner (string, escape and nesting state over a bounded read
buffer) that hands each element of the list to :func:`json.loads` on its
own, so a file of a million dossiers never sits in memory.  JSON Lines are
read a line at a time.

**Privacy.**  The payload carries the applicant's name (``ChuHoSo``), ID
numbers (``SoGiayToChuHoSo``, ``DinhDanhCHS``), phone, e-mail and free text.
None of them is read into any dean06 object or message: each record's parsed
object is dropped as soon as its dossier is built, and a code field that
holds something shaped like a citizen ID or a phone number is refused
without keeping the value.

The field list and codes come from public integration code of one-stop
systems (see ``docs/portal.md`` for the sources and what is unverified).

>>> import io
>>> payload = (
...     '{"service": "DongBoHoSoMC", "isUpdating": false, "data": [{'
...     '"MaHoSo": "000.00.01.H22-230605-0001", "MaTTHC": "2.001178",'
...     ' "DonViXuLy": "000.00.01.H22", "KenhThucHien": "2",'
...     ' "NgayTiepNhan": "20230605083000", "NgayHenTra": "20230607170000",'
...     ' "NgayKetThucXuLy": "20230606100000", "TrangThaiHoSo": "10",'
...     ' "DuocThanhToanTrucTuyen": "1", "ChuHoSo": "Nguyễn Văn An"}]}'
... )
>>> [dossier] = read_portal_dossiers(io.BytesIO(payload.encode()))
>>> dossier.id, dossier.channel.name, dossier.status.name, dossier.on_time
('000.00.01.H22-230605-0001', 'ONLINE', 'RESOLVED', True)
>>> dossier.received.isoformat()
'2023-06-05T08:30:00+07:00'
>>> broken = b'[{"MaHoSo": "051203001234", "MaTTHC": "1.000466", "DonViXuLy": "X",'
>>> broken += b' "NgayTiepNhan": "2023060508", "TrangThaiHoSo": 2}]'
>>> reader = read_portal_dossiers(io.BytesIO(broken), errors="collect")
>>> list(reader), reader.rejected
([], 1)
>>> for problem in reader.problems:
...     print(problem.location, "--", problem.message[:41])
<stream>, $[0].MaHoSo -- looks like an ID, phone number or e-mail
<stream>, $[0].NgayTiepNhan -- not a date and time: 10 digits (expected
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import IO, TYPE_CHECKING, Any, Final

from dean06._parse import parse_datetime
from dean06._text import fold, normalise_text
from dean06.dossiers import Channel, Dossier, DossierStatus
from dean06.errors import (
    DataError,
    Dean06Error,
    Problem,
    ValidationError,
    mask_personal,
    quote_input,
)
from dean06.io._reader import ErrorMode, Reader, check_options
from dean06.io._sources import Source
from dean06.services import Service

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable, Iterator, Mapping

__all__ = ["is_portal_payload", "read_portal_dossiers"]

#: The value of the envelope's ``service`` key.
SERVICE_NAME: Final = "DongBoHoSoMC"

# -- the portal's codes ------------------------------------------------------------------------

#: ``TrangThaiHoSo``: code -> (dean06 status, the portal's name for it).
_STATUSES: Final[dict[str, tuple[DossierStatus, str]]] = {
    "1": (DossierStatus.RECEIVED, "Mới đăng ký"),
    "2": (DossierStatus.RECEIVED, "Được tiếp nhận"),
    "3": (DossierStatus.REJECTED, "Không được tiếp nhận"),
    "4": (DossierStatus.IN_PROGRESS, "Đang xử lý"),
    "5": (DossierStatus.IN_PROGRESS, "Yêu cầu bổ sung giấy tờ"),
    "6": (DossierStatus.IN_PROGRESS, "Yêu cầu thực hiện nghĩa vụ tài chính"),
    "7": (DossierStatus.WITHDRAWN, "Công dân yêu cầu rút hồ sơ"),
    "8": (DossierStatus.REJECTED, "Dừng xử lý"),
    "9": (DossierStatus.RESOLVED, "Đã xử lý xong"),
    "10": (DossierStatus.RESOLVED, "Đã trả kết quả"),
}
# Some exports send the status name instead of its code.
_STATUS_NAMES: Final = {fold(label): code for code, (_, label) in _STATUSES.items()}

#: ``KenhThucHien``: code -> channel (missing, null or empty: in person).
_CHANNELS: Final = {"1": Channel.IN_PERSON, "2": Channel.ONLINE, "3": Channel.POSTAL}

#: ``DuocThanhToanTrucTuyen``: 1 paid on the national portal, 2 paid through a
#: ministry's or province's own payment gateway, 0 not paid online.
_PAYMENTS: Final = {"0": False, "1": True, "2": True}

# The portal's name for each Dossier field (for faults found by the Dossier itself).
_PORTAL_FIELDS: Final = {
    "id": "MaHoSo",
    "service": "MaTTHC",
    "unit": "DonViXuLy",
    "channel": "KenhThucHien",
    "received": "NgayTiepNhan",
    "status": "TrangThaiHoSo",
    "resolved": "NgayKetThucXuLy",
    "due": "NgayHenTra",
    "paid_online": "DuocThanhToanTrucTuyen",
}

_ENVELOPE_KEYS: Final = frozenset(("service", "data", "isUpdating"))
_RECORD_KEYS: Final = frozenset(("MaHoSo", "TrangThaiHoSo"))

# -- the incremental scanner -------------------------------------------------------------------

_CHUNK: Final = 1 << 16
# How much of a first top-level object is kept while the shape is undecided
# (an envelope shows itself by its keys; a JSON Lines record is one line).
_UNDECIDED_LIMIT: Final = 16 << 20
# How much text is_portal_payload looks at.
_SNIFF_LIMIT: Final = 1 << 20

_NON_SPACE = re.compile(r"[^ \t\r\n]")
# Text inside a container up to the next bracket: runs of plain characters and
# whole strings (escapes included), never stopping inside a closed string.
_PLAIN = re.compile(r'[^"{}\[\]]*(?:"[^"\\]*(?:\\.[^"\\]*)*"[^"{}\[\]]*)*', re.DOTALL)
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_SCALAR = re.compile(r"[^\s,\]}]+")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_DECODER: Final = json.JSONDecoder()


class _BrokenError(Exception):
    """The text is not valid JSON at an absolute offset (internal)."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


class _TooLongError(Exception):
    """More text than the scanner may keep or look at (internal)."""


class _Scanner:
    """Walks JSON text from a stream through a bounded buffer.

    ``take`` returns the text of one whole JSON value (an object, a list, a
    string or a scalar) by tracking string, escape and nesting state; the
    caller hands that text to :func:`json.loads`.  Text before the value
    being taken is dropped when more is read, so memory is bounded by the
    largest single value plus one chunk, unless ``keep_all`` is set (while
    the shape of the input is undecided, so it can be read again as lines).
    """

    def __init__(self, text: IO[str], *, keep_limit: int, read_limit: int | None = None) -> None:
        self._text = text
        self.buf = ""
        self.pos = 0
        self.base = 0  # absolute offset of buf[0]
        self.newlines = 0  # line ends in the text dropped so far
        self._line_start = 0  # absolute offset where the line of buf[0] starts
        self.eof = False
        self.keep_all = False
        self._keep_limit = keep_limit
        self._read_limit = read_limit
        self._read = 0

    @property
    def offset(self) -> int:
        """The absolute offset of the current position."""
        return self.base + self.pos

    def _more(self, keep: int) -> int:
        """Read another chunk, first dropping ``buf[:keep]``; returns how much was dropped."""
        shift = 0
        if self.keep_all:
            if len(self.buf) > self._keep_limit:
                raise _TooLongError
        elif keep > 0:
            dropped = self.buf[:keep]
            self.newlines += dropped.count("\n")
            last = dropped.rfind("\n")
            if last >= 0:
                self._line_start = self.base + last + 1
            self.buf = self.buf[keep:]
            self.base += keep
            self.pos -= keep
            shift = keep
        chunk = self._text.read(_CHUNK)
        if not chunk:
            self.eof = True
        else:
            self._read += len(chunk)
            if self._read_limit is not None and self._read > self._read_limit:
                raise _TooLongError
            self.buf += chunk
        return shift

    def peek(self) -> str | None:
        """Skip whitespace; the next character (not consumed), or None at the end."""
        while True:
            match = _NON_SPACE.search(self.buf, self.pos)
            if match is not None:
                self.pos = match.start()
                return self.buf[self.pos]
            self.pos = len(self.buf)
            if self.eof:
                return None
            self._more(self.pos)

    def take(self) -> tuple[str, int]:
        """The text of the JSON value at the current position and its absolute offset."""
        first = self.peek()
        if first is None:
            raise _BrokenError(self.offset, "the text ends where a value was expected")
        start = self.pos
        if first in "{[":
            depth = 1
            end = start + 1
            while True:
                end = _PLAIN.match(self.buf, end).end()  # type: ignore[union-attr]
                if end < len(self.buf):
                    char = self.buf[end]
                    if char != '"':  # a bracket: strings were skipped whole
                        end += 1
                        depth += 1 if char in "{[" else -1
                        if depth == 0:
                            break
                        continue
                if self.eof:
                    raise _BrokenError(self.base + start, "the text ends inside this value")
                shift = self._more(start)
                start -= shift
                end -= shift
        elif first == '"':
            while True:
                string = _STRING.match(self.buf, start)
                if string is not None:
                    end = string.end()
                    break
                if self.eof:
                    raise _BrokenError(self.base + start, "a string is not closed")
                start -= self._more(start)
        elif first in ",:]}":
            raise _BrokenError(self.base + start, f"expected a value, found {first!r}")
        else:
            while True:
                end = _SCALAR.match(self.buf, start).end()  # type: ignore[union-attr]
                if end < len(self.buf) or self.eof:
                    break
                start -= self._more(start)
        self.pos = end
        return self.buf[start:end], self.base + start

    def element(self) -> object:
        """The JSON value at the current position, parsed.

        Fast path: a value that :meth:`json.JSONDecoder.raw_decode` reads
        whole from the buffer, ending before the buffer's end, is taken as
        it is (a value that ends exactly there might be a number cut by the
        read).  Otherwise (a value cut by the read, or broken text) the
        scanner finds its extent with :meth:`take`, reading more as needed,
        and :func:`json.loads` parses that text.

        Raises:
            _BrokenError: the text is not valid JSON.
            RecursionError: the value is nested too deeply (it has been
                skipped: reading can go on).
        """
        start = self.pos
        try:
            value, end = _DECODER.raw_decode(self.buf, start)
        except (ValueError, RecursionError):
            pass
        else:
            if end < len(self.buf) or self.eof:
                self.pos = end
                return value
        text, offset = self.take()
        try:
            return json.loads(text)
        except ValueError as error:
            position = offset + getattr(error, "pos", 0)
            raise _BrokenError(position, getattr(error, "msg", "invalid")) from None

    def where(self, offset: int) -> str:
        """``line L, column C`` of an absolute offset at or after the buffer's start."""
        relative = max(offset - self.base, 0)
        line = self.newlines + self.buf.count("\n", 0, relative) + 1
        last = self.buf.rfind("\n", 0, relative)
        line_start = self.base + last + 1 if last >= 0 else self._line_start
        return f"line {line}, column {offset - line_start + 1}"


def _fault(location: str, message: str) -> DataError:
    """A fault of the whole file."""
    return DataError([Problem(location, message)])


def _broken(scanner: _Scanner, name: str, error: _BrokenError, context: str = "") -> DataError:
    location = f"{name}, {scanner.where(error.offset)}"
    return _fault(location, f"not valid JSON{context}: {error.message}")


# -- reading one record --------------------------------------------------------------------------


_PERSONAL_CODE = (
    "looks like an ID, phone number or e-mail address, not a code; the value is not kept"
)
_CODE_LIKE = re.compile(r"[0-9A-Za-z.:/_\- ]{1,32}")


def _shown(text: str) -> str:
    """A value of a code or date field, quoted only when it looks like one.

    A portal record carries names and e-mail addresses beside its codes; a
    value misplaced into a code or date field is described, not quoted,
    unless it is short ASCII text with a digit (a code or a date).
    """
    if _CODE_LIKE.fullmatch(text) and any(c.isdigit() for c in text):
        return quote_input(text)
    return f"a text of {len(text)} characters (not shown: it may be personal data)"


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _code_text(value: object) -> str | None:
    """A code given as text or as a whole number, stripped; None for any other type."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _blank(value: object) -> bool:
    """Missing in the portal's sense: absent, null or empty text."""
    return value is None or (type(value) is str and not value.strip())


def _moment(value: object) -> dt.datetime:
    """A portal date-time: ``yyyyMMddHHmmss`` or ``dd/MM/yyyy HH:mm:ss``, local time.

    Raises:
        ValueError: with a message that never repeats a digit run (a
            14-digit time would be masked as a personal identifier anyway).
    """
    text = value.strip() if type(value) is str else value
    if type(text) is str and len(text) == 14 and text.isdigit() and text.isascii():
        iso = f"{text[0:4]}-{text[4:6]}-{text[6:8]}T{text[8:10]}:{text[10:12]}:{text[12:14]}"
        try:
            return dt.datetime.fromisoformat(iso + "+07:00")  # the fast path
        except ValueError:
            msg = "no such date and time (read as yyyyMMddHHmmss)"
            raise ValueError(msg) from None
    if isinstance(text, int) and not isinstance(text, bool):
        return _moment(str(text))
    if not isinstance(text, str):
        msg = f"expected a date and time as text, not {_kind(value)}"
        raise ValueError(msg)
    if text.isascii() and text.isdigit():
        msg = f"not a date and time: {len(text)} digits (expected yyyyMMddHHmmss, 14 digits)"
        raise ValueError(msg)
    try:
        return parse_datetime(text)
    except ValueError:
        msg = (
            f"not a date and time: {_shown(text)} (expected yyyyMMddHHmmss or dd/MM/yyyy HH:mm:ss)"
        )
        raise ValueError(msg) from None


_VALIDATION = re.compile(r"Dossier\.(\w+): (.*)", re.DOTALL)


class _Builder:
    """Turns one parsed portal object into a Dossier, or into located faults."""

    def __init__(self, unit: str | None, services: Mapping[str, str]) -> None:
        self.unit = unit
        self.services = services

    def build(
        self,
        record: Mapping[str, Any],
        at: Callable[[str | None], str],
        reader: Reader[Dossier],
    ) -> Dossier | None:
        """The dossier of *record*, or None after reporting each fault to *reader*."""
        faults: list[tuple[str, str]] = []
        get = record.get
        dossier_id = self._code(get("MaHoSo"), "MaHoSo", faults)
        service = self._code(get("MaTTHC"), "MaTTHC", faults)
        if service is not None:
            service = self.services.get(service, service)
        unit = self.unit
        if unit is None:
            unit = self._code(get("DonViXuLy"), "DonViXuLy", faults)
        channel = self._channel(get("KenhThucHien"), faults)
        status, code = self._status(get("TrangThaiHoSo"), faults)
        received, received_field = self._received(record, faults)
        due = self._date(get("NgayHenTra"), "NgayHenTra", faults)
        resolved, resolved_field = self._resolved(record, status, code, faults)
        paid_online = self._paid(get("DuocThanhToanTrucTuyen"), faults)
        # A None among the required values always comes with a fault.
        if faults or dossier_id is None or service is None or unit is None or received is None:
            for field, message in faults:
                reader.fault(at(field), message)
            return None
        try:
            return Dossier(
                id=dossier_id,
                service=service,
                unit=unit,
                channel=channel,
                received=received,
                status=status,
                resolved=resolved,
                due=due,
                paid_online=paid_online,
            )
        except ValidationError as error:
            match = _VALIDATION.fullmatch(str(error))
            if match is None:  # pragma: no cover - every Dossier rule names its field
                reader.fault(at(None), str(error))
                return None
            field, rule = match.groups()
            names = {**_PORTAL_FIELDS, "received": received_field, "resolved": resolved_field}
            reader.fault(
                at(names.get(field)), rule.replace("before received", f"before {received_field}")
            )
            return None

    @staticmethod
    def _code(value: object, field: str, faults: list[tuple[str, str]]) -> str | None:
        if _blank(value):
            faults.append((field, "a value is required"))
            return None
        if not isinstance(value, str):
            faults.append((field, f"expected a code as text, not {_kind(value)}"))
            return None
        text = normalise_text(value)
        if mask_personal(text) != text:
            faults.append((field, _PERSONAL_CODE))
            return None
        return text

    @staticmethod
    def _channel(value: object, faults: list[tuple[str, str]]) -> Channel:
        if _blank(value):
            return Channel.IN_PERSON
        code = _code_text(value)
        channel = _CHANNELS.get(code) if code is not None else None
        if channel is not None:
            return channel
        shown = _shown(code) if code is not None else _kind(value)
        message = (
            f"unknown channel code {shown} "
            "(expected 1 in person, 2 online or 3 public postal service)"
        )
        faults.append(("KenhThucHien", message))
        return Channel.IN_PERSON

    @staticmethod
    def _status(value: object, faults: list[tuple[str, str]]) -> tuple[DossierStatus, str]:
        if _blank(value):
            faults.append(("TrangThaiHoSo", "a value is required"))
            return DossierStatus.RECEIVED, ""
        code = _code_text(value)
        if code is not None and code not in _STATUSES:
            code = _STATUS_NAMES.get(fold(code), code)
        if code is not None and code in _STATUSES:
            return _STATUSES[code][0], code
        shown = _shown(code) if code is not None else _kind(value)
        faults.append(("TrangThaiHoSo", f"unknown status code {shown} (expected 1 to 10)"))
        return DossierStatus.RECEIVED, ""

    @staticmethod
    def _date(value: object, field: str, faults: list[tuple[str, str]]) -> dt.datetime | None:
        if _blank(value):
            return None
        try:
            return _moment(value)
        except ValueError as error:
            faults.append((field, str(error)))
            return None

    def _received(
        self, record: Mapping[str, Any], faults: list[tuple[str, str]]
    ) -> tuple[dt.datetime | None, str]:
        value = record.get("NgayTiepNhan")
        if not _blank(value):
            return self._date(value, "NgayTiepNhan", faults), "NgayTiepNhan"
        fallback = record.get("NgayNopHoSo")
        if not _blank(fallback):
            return self._date(fallback, "NgayNopHoSo", faults), "NgayNopHoSo"
        faults.append(("NgayTiepNhan", "a value is required (NgayNopHoSo is missing too)"))
        return None, "NgayTiepNhan"

    def _resolved(
        self,
        record: Mapping[str, Any],
        status: DossierStatus,
        code: str,
        faults: list[tuple[str, str]],
    ) -> tuple[dt.datetime | None, str]:
        if not status.ended:
            return None, "NgayKetThucXuLy"  # end times on other statuses are ignored
        ended = record.get("NgayKetThucXuLy")
        if not _blank(ended):
            return self._date(ended, "NgayKetThucXuLy", faults), "NgayKetThucXuLy"
        named = f"{code} ({_STATUSES[code][1]})"
        if status is DossierStatus.REJECTED:
            refused = record.get("NgayTuChoi")
            if not _blank(refused):
                return self._date(refused, "NgayTuChoi", faults), "NgayTuChoi"
            faults.append(
                (
                    "NgayKetThucXuLy",
                    f"NgayKetThucXuLy or NgayTuChoi is required when TrangThaiHoSo is {named}",
                )
            )
        else:
            faults.append(
                ("NgayKetThucXuLy", f"a value is required when TrangThaiHoSo is {named}")
            )
        return None, "NgayKetThucXuLy"

    @staticmethod
    def _paid(value: object, faults: list[tuple[str, str]]) -> bool | None:
        # "1" or "2" paid online, "0" not; anything else (missing, blank, a
        # code this release does not know) is unknown: None, never False,
        # and not a fault: the payment flag is not needed to count a dossier.
        if _blank(value):
            return None
        code = _code_text(value)
        return _PAYMENTS.get(code) if code is not None else None


# -- the three shapes ----------------------------------------------------------------------------


def _decide(scanner: _Scanner, name: str) -> str | None:
    """Walk the first object's keys until they show the shape.

    Returns the first envelope key (the scanner then stands after its
    colon), or None when the object is a dossier record: the input is then
    read as JSON Lines, from the start.  A first object that breaks on its
    first line is left to JSON Lines too (that line is one faulty record);
    one that runs over several lines and then breaks, or closes without an
    envelope key, is neither shape: a fault of the whole file.
    """
    scanner.keep_all = True
    start = scanner.pos
    scanner.pos += 1  # the "{"
    try:
        char = scanner.peek()
        while char == '"':
            text, _ = scanner.take()
            key = json.loads(text)
            if scanner.peek() != ":":
                reason = "expected ':' after a key"
                break
            scanner.pos += 1
            if key in _ENVELOPE_KEYS:
                scanner.keep_all = False
                return str(key)
            if key == "schema_version":
                raise _fault(
                    name,
                    "a dean06 JSON document, not a portal payload: "
                    "read it with dean06.io.read_dossiers",
                )
            scanner.take()
            char = scanner.peek()
            if char == ",":
                scanner.pos += 1
                char = scanner.peek()
            elif char != "}":
                reason = "expected ',' or '}'"
                break
        else:
            reason = "the text ends inside the first object" if char is None else "expected a key"
            if char == "}":
                scanner.pos += 1
                if "\n" not in scanner.buf[start : scanner.pos]:
                    return None  # a record on one line: JSON Lines
                location = f"{name}, {scanner.where(scanner.base + start)}"
                msg = (
                    "one JSON object over several lines, without a 'service' or 'data' key: "
                    f"not a {SERVICE_NAME} envelope, and not JSON Lines (one object a line)"
                )
                raise _fault(location, msg)
        failure = scanner.offset
    except _BrokenError as error:
        failure = scanner.base + len(scanner.buf) if scanner.eof else error.offset
        reason = error.message
    except (ValueError, RecursionError):
        failure = scanner.offset
        reason = "a broken key"
    except _TooLongError:
        raise _fault(
            name,
            "the first JSON object is over 16 MiB without a 'service' or 'data' key: "
            "not a DongBoHoSoMC envelope, and too long for one JSON Lines record",
        ) from None
    if "\n" in scanner.buf[start : failure - scanner.base]:
        location = f"{name}, {scanner.where(failure)}"
        raise _fault(location, f"not valid JSON: {reason}")
    return None


_TOO_DEEP: Final = object()


def _elements(
    reader: Reader[Dossier],
    scanner: _Scanner,
    name: str,
    prefix: str,
    builder: _Builder,
) -> Iterator[Dossier | None]:
    """The records of a list whose ``[`` was just consumed, up to its ``]``."""
    index = 0

    def at_field(field: str | None) -> str:
        return f"{name}, {prefix}[{index}]" + (f".{field}" if field else "")

    try:
        if scanner.peek() == "]":
            scanner.pos += 1
            return
        while True:
            try:
                record = scanner.element()
            except _BrokenError as error:
                raise _broken(scanner, name, error, f" in {prefix}[{index}]") from None
            except RecursionError:
                record = _TOO_DEEP
                reader.fault(at_field(None), "the JSON is nested too deeply")
            dossier = None
            if isinstance(record, dict):
                dossier = builder.build(record, at_field, reader)
                if dossier is not None:
                    reader.note_position(index)
            elif record is not _TOO_DEEP:
                reader.fault(at_field(None), "expected an object (a dossier record)")
            record = None
            yield dossier
            index += 1
            char = scanner.peek()
            if char == ",":
                scanner.pos += 1
                if scanner.peek() == "]":
                    raise _BrokenError(scanner.offset, "a comma before ']'")
                continue
            if char == "]":
                scanner.pos += 1
                return
            if char is None:
                raise _BrokenError(scanner.offset, f"the text ends inside the list {prefix}")
            raise _BrokenError(scanner.offset, f"expected ',' or ']' after {prefix}[{index - 1}]")
    except _BrokenError as error:
        raise _broken(scanner, name, error) from None


def _loads_value(scanner: _Scanner, name: str) -> object:
    try:
        scanner.peek()
        return scanner.element()
    except _BrokenError as error:
        raise _broken(scanner, name, error) from None
    except RecursionError:
        raise _fault(name, "the JSON is nested too deeply") from None


def _envelope(
    reader: Reader[Dossier],
    scanner: _Scanner,
    name: str,
    first_key: str,
    builder: _Builder,
) -> Iterator[Dossier | None]:
    """Stream the ``data`` list of an envelope; its first key's colon was just consumed.

    ``service`` is checked where it stands: before ``data``, a wrong one
    stops the reading before any record; after ``data``, it is found (and
    raised) once the records have been read.
    """
    keys: list[str] = []
    key = first_key
    seen_data = False
    while True:
        keys.append(key)
        if key == "data":
            location = f"{name}, $.data"
            if seen_data:
                raise _fault(location, "the envelope has two 'data' keys")
            seen_data = True
            char = scanner.peek()
            if char is None:
                error = _BrokenError(scanner.offset, "the text ends where a value was expected")
                raise _broken(scanner, name, error)
            if char != "[":
                raise _fault(location, "expected a list of dossier records")
            scanner.pos += 1
            yield from _elements(reader, scanner, name, "$.data", builder)
        else:
            value = _loads_value(scanner, name)
            if key == "service" and value != SERVICE_NAME:
                shown = quote_input(value) if isinstance(value, str) else _kind(value)
                location = f"{name}, $.service"
                msg = f"expected {SERVICE_NAME!r}, not {shown}: not a dossier sync payload"
                raise _fault(location, msg)
        char = scanner.peek()
        if char == "}":
            scanner.pos += 1
            break
        try:
            if char != ",":
                raise _BrokenError(scanner.offset, "expected ',' or '}' in the envelope")
            scanner.pos += 1
            if scanner.peek() != '"':
                raise _BrokenError(scanner.offset, "expected a key in the envelope")
            text, _ = scanner.take()
            key = str(json.loads(text))
            if scanner.peek() != ":":
                raise _BrokenError(scanner.offset, "expected ':' after a key")
            scanner.pos += 1
        except _BrokenError as error:
            raise _broken(scanner, name, error) from None
        except ValueError:
            location = f"{name}, {scanner.where(scanner.offset)}"
            raise _fault(location, "not valid JSON: a broken key") from None
    if not seen_data:
        found = ", ".join(quote_input(k) for k in keys)
        raise _fault(name, f"no 'data' list in this {SERVICE_NAME} envelope (keys found: {found})")


def _expect_end(scanner: _Scanner, name: str) -> None:
    if scanner.peek() is not None:
        location = f"{name}, {scanner.where(scanner.offset)}"
        raise _fault(location, "unexpected text after the end of the JSON document")


def _replayed_lines(held: list[str], text: IO[str]) -> Iterator[str]:
    """The lines of the text already read (popped from *held*), then the rest of *text*.

    Lines end as :class:`io.TextIOWrapper` ends them with ``newline=""``
    (CR LF, CR or LF); each replayed line is dropped once yielded.
    """
    prefix = held.pop()
    lines: list[str] = []
    start = 0
    for match in _NEWLINE.finditer(prefix):
        if match.end() == len(prefix) and match.group() == "\r":
            break  # may be the first half of "\r\n"
        lines.append(prefix[start : match.end()])
        start = match.end()
    carry = prefix[start:]
    del prefix
    lines.reverse()
    while lines:
        yield lines.pop()
    if carry:
        following = next(iter(text), "")
        if not carry.endswith("\r"):
            yield carry + following  # the rest of a line cut by the read
        elif following == "\n":
            yield carry + following
        else:
            yield carry
            if following:
                yield following
        del carry, following
    yield from text


def _json_lines(
    reader: Reader[Dossier],
    lines: Iterable[str],
    first_line: int,
    name: str,
    builder: _Builder,
) -> Iterator[Dossier | None]:
    """One record a line; a broken line is a fault of that record only."""
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue

        def at_field(field: str | None, number: int = number) -> str:
            return f"{name}, line {number}" + (f", field {field!r}" if field else "")

        try:
            record = json.loads(line)
        except ValueError as error:
            reader.fault(at_field(None), f"not valid JSON ({getattr(error, 'msg', 'invalid')})")
            yield None
            continue
        except RecursionError:
            reader.fault(at_field(None), "the JSON is nested too deeply")
            yield None
            continue
        if not isinstance(record, dict):
            reader.fault(at_field(None), "expected a JSON object (a dossier record)")
            yield None
            continue
        dossier = builder.build(record, at_field, reader)
        del record
        if dossier is not None:
            reader.note_position(number)
        yield dossier


def _produce(
    reader: Reader[Dossier], text: IO[str], name: str, builder: _Builder
) -> Iterator[Dossier | None]:
    scanner = _Scanner(text, keep_limit=_UNDECIDED_LIMIT)
    first = scanner.peek()
    if first is None:
        return  # an empty input has zero records
    if first == "[":
        reader.set_locator(_locator(name, "$", by_line=False, fixed_unit=builder.unit))
        scanner.pos += 1
        yield from _elements(reader, scanner, name, "$", builder)
        _expect_end(scanner, name)
        return
    if first != "{":
        location = f"{name}, {scanner.where(scanner.offset)}"
        msg = (
            f"expected a {SERVICE_NAME} envelope, a list of dossier records or JSON Lines "
            f"(text starting with '{{' or '['), found {quote_input(first)}"
        )
        raise _fault(location, msg)
    first_key = _decide(scanner, name)
    if first_key is not None:
        reader.set_locator(_locator(name, "$.data", by_line=False, fixed_unit=builder.unit))
        yield from _envelope(reader, scanner, name, first_key, builder)
        _expect_end(scanner, name)
        return
    reader.set_locator(_locator(name, "", by_line=True, fixed_unit=builder.unit))
    lines = _replayed_lines([scanner.buf], text)
    first_line = scanner.newlines + 1
    del scanner
    yield from _json_lines(reader, lines, first_line, name, builder)


def _locator(
    name: str, prefix: str, *, by_line: bool, fixed_unit: str | None
) -> Callable[[int, tuple[str | int, ...]], str]:
    """Names a dean06 field of the record at a position with the portal's field name."""

    def locate(position: int, path: tuple[str | int, ...]) -> str:
        field = str(path[0]) if path else None
        portal = _PORTAL_FIELDS.get(field) if field is not None else None
        if field == "unit" and fixed_unit is not None:
            portal = None  # the caller's unit=, not a field of the file
        if by_line:
            return f"{name}, line {position}" + (f", field {portal!r}" if portal else "")
        return f"{name}, {prefix}[{position}]" + (f".{portal}" if portal else "")

    return locate


# -- the public functions ------------------------------------------------------------------------


def _service_map(services: object, where: str) -> dict[str, str]:
    if services is None:
        return {}
    if isinstance(services, str | bytes) or not hasattr(services, "__iter__"):
        msg = f"{where}: services must be an iterable of dean06.Service, not {_kind(services)}"
        raise ValidationError(msg)
    mapping: dict[str, str] = {}
    for service in services:
        if not isinstance(service, Service):
            msg = (
                f"{where}: services must hold dean06.Service objects, not {type(service).__name__}"
            )
            raise ValidationError(msg)
        for code in service.national_codes:
            other = mapping.setdefault(code, service.code)
            if other != service.code:
                msg = (
                    f"{where}: the national code {code!r} is listed by two services, "
                    f"{other!r} and {service.code!r}"
                )
                raise ValidationError(msg)
    return mapping


def read_portal_dossiers(
    source: object,
    *,
    errors: ErrorMode = "raise",
    unit: str | None = None,
    services: Iterable[Service] | None = None,
    max_problems: int | None = 1000,
) -> Reader[Dossier]:
    """Read dossiers from the national portal's ``DongBoHoSoMC`` sync payload.

    The three shapes are told apart from the text: an envelope
    ``{"service": "DongBoHoSoMC", "isUpdating": ..., "data": [...]}`` (the
    keys in any order), a bare list of dossier objects, or JSON Lines (one
    object a line).  Every shape is streamed: memory does not grow with the
    number of records.

    Mappings (``docs/portal.md`` has the full table):

    * ``MaHoSo`` → ``id``; ``MaTTHC`` → ``service`` (through *services*);
      ``DonViXuLy`` → ``unit`` (unless *unit* is given).
    * ``TrangThaiHoSo``: 1, 2 → RECEIVED; 4, 5, 6 → IN_PROGRESS; 3, 8 →
      REJECTED; 7 → WITHDRAWN; 9, 10 → RESOLVED (the portal's Vietnamese
      status names are read too); any other code is a problem.
    * ``KenhThucHien``: 1 → IN_PERSON, 2 → ONLINE, 3 → POSTAL; missing, null
      or empty → IN_PERSON; any other code is a problem.
    * ``NgayTiepNhan`` → ``received`` (missing: ``NgayNopHoSo``; neither: a
      problem); ``NgayHenTra`` → ``due``.  Statuses 9 and 10 take
      ``resolved`` from ``NgayKetThucXuLy``, 3 and 8 from ``NgayKetThucXuLy``
      or else ``NgayTuChoi``; without one, a problem (never a guess).  End
      times on other statuses are ignored.
    * Date-times are ``yyyyMMddHHmmss`` or ``dd/MM/yyyy HH:mm:ss`` (ISO 8601
      is accepted too), local time (UTC+07:00) unless an offset is given; an
      empty string is missing.
    * ``DuocThanhToanTrucTuyen``: 1 or 2 → ``paid_online=True``, 0 → False,
      missing → None (unknown, never False); any other code is a problem.
    * Status, channel and payment codes may be text or whole numbers.

    A code field (``MaHoSo``, ``MaTTHC``, ``DonViXuLy``) holding a run of
    nine or more digits or a phone-shaped value (the definition of
    :func:`dean06.errors.mask_personal`) is a problem, and the value is not
    kept.  Personal fields (``ChuHoSo``, ``SoGiayToChuHoSo``,
    ``DinhDanhCHS``, ``SoDienThoai``, ``Email``, ``ThongTinKhac``, ...) are
    never read.

    Args:
        source: a path, or a file opened in binary mode.  Gzip-compressed
            input is read transparently; text may be UTF-8 (with or without
            a byte order mark) or UTF-16 with a byte order mark.
        errors: ``"raise"`` (default): read everything, then raise one
            :class:`~dean06.DataError` listing every fault.  ``"collect"``:
            yield the valid dossiers and keep the faults in ``.problems``.
        unit: the unit code of every dossier.  When given, ``DonViXuLy`` is
            not read at all (some systems send the agency's name there).
            Otherwise ``DonViXuLy`` is required.
        services: :class:`~dean06.Service` objects; a ``MaTTHC`` listed in
            a service's ``national_codes`` becomes that service's code (with
            :func:`~dean06.essential_services`, both ``1.000466`` and
            ``2.001178`` become ``D06-01``).  Codes not listed are kept as
            they are.
        max_problems: keep at most this many problems (``None``: no bound);
            the counters keep counting past it.

    Returns:
        A :class:`~dean06.io.Reader` of :class:`~dean06.Dossier`, with the
        counters ``read``, ``accepted``, ``rejected`` and ``problems``
        complete once iteration ends.  Locations use the portal's field
        names: ``"x.json, $.data[4].NgayHenTra"``, ``"x.json,
        $[4].NgayHenTra"`` for a bare list, ``"x.jsonl, line 5, field
        'NgayTiepNhan'"``.

    Raises:
        ValidationError: for invalid options (*errors*, *unit*, *services*,
            *max_problems*), at once.
        DataError: while iterating, for faults of the whole file in both
            modes: broken JSON in an envelope or a list, a ``service`` other
            than ``DongBoHoSoMC``, an envelope without ``data``, an
            unreadable encoding or a truncated gzip stream.  A wrong
            ``service`` placed after ``data`` is found once the records have
            been read, so in ``"collect"`` mode they have been yielded
            already.  With ``errors="raise"``, also the record faults, once
            the input is read.  An empty input has zero records.

    Since: 0.1.0
    """
    where = "read_portal_dossiers"
    check_options(errors, max_problems, where)
    if unit is not None:
        if not isinstance(unit, str) or not unit.strip():
            msg = f"{where}: unit must be a non-empty unit code or None, not {unit!r}"
            raise ValidationError(msg)
        unit = normalise_text(unit)
    builder = _Builder(unit, _service_map(services, where))
    src = Source(source, where)
    name = src.name

    def produce(reader: Reader[Dossier]) -> Iterator[Dossier | None]:
        with src.text() as text:
            yield from _produce(reader, text, name, builder)

    return Reader(produce, name=name, errors=errors, max_problems=max_problems)


def _first_is_record(scanner: _Scanner) -> bool:
    """Whether the first element of the list whose ``[`` was just consumed is a dossier."""
    if scanner.peek() not in ("{", None):
        return False
    text, _ = scanner.take()
    record = json.loads(text)
    return isinstance(record, dict) and not _RECORD_KEYS.isdisjoint(record)


def _sniff(scanner: _Scanner) -> bool:
    first = scanner.peek()
    if first == "[":
        scanner.pos += 1
        return _first_is_record(scanner)
    if first != "{":
        return False
    scanner.pos += 1
    while scanner.peek() == '"':
        text, _ = scanner.take()
        key = json.loads(text)
        if scanner.peek() != ":":
            return False
        scanner.pos += 1
        if key == "service":
            text, _ = scanner.take()
            return bool(json.loads(text) == SERVICE_NAME)
        if key == "data":
            if scanner.peek() != "[":
                return False
            scanner.pos += 1
            return _first_is_record(scanner)
        if key in _RECORD_KEYS:
            return True  # the first line of JSON Lines
        scanner.take()
        if scanner.peek() != ",":
            return False
        scanner.pos += 1
    return False


def is_portal_payload(path: str | os.PathLike[str]) -> bool:
    """Whether a file looks like the portal's dossier sync payload (for auto-detection).

    True for a ``DongBoHoSoMC`` envelope (``"service": "DongBoHoSoMC"``, or
    a ``data`` list first whose first object is a dossier), and for a bare
    list or JSON Lines whose first object has a ``MaHoSo`` or
    ``TrangThaiHoSo`` key.  Looks at no more than the first MiB of text
    (after gzip), and never raises: an unreadable or missing file is simply
    not a payload.

    Args:
        path: the file to look at (gzip and UTF-16 are handled as by the
            readers).

    Returns:
        True when :func:`read_portal_dossiers` is the reader for it.

    Since: 0.1.0
    """
    try:
        src = Source(path, "is_portal_payload")
        with src.text() as text:
            scanner = _Scanner(text, keep_limit=_SNIFF_LIMIT, read_limit=_SNIFF_LIMIT)
            return _sniff(scanner)
    except (Dean06Error, OSError, ValueError, RecursionError, _BrokenError, _TooLongError):
        return False
