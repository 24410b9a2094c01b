"""What each record type looks like on the way in and out (internal).

One :class:`RecordSpec` per value object: its fields, which are required,
the Vietnamese headers real exports use for them, and how a raw mapping of
field values becomes the object (through :data:`dean06.wire.converter`),
with every fault attributed to a field.  Every reader and writer is built
from these specs, so all record types behave the same way.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import attrs
from cattrs.errors import ClassValidationError, IterableValidationError

from dean06._parse import (
    enum_parser,
    fold,
    format_code_list,
    parse_bool,
    parse_code_list,
    parse_count,
    parse_date,
    parse_datetime,
)
from dean06.campaigns import AssistanceEvent, Campaign, Team
from dean06.dossiers import Dossier
from dean06.errors import ValidationError, quote_input
from dean06.services import Service
from dean06.units import AdministrativeUnit
from dean06.wire import converter, enum_aliases

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence

__all__ = ["SPECS", "FieldPath", "RecordSpec", "quote_names", "spec_for"]

T = TypeVar("T")
FieldPath = tuple[str | int, ...]

# Vietnamese (and other common) headers for each field, as real exports write
# them.  Matching folds case, diacritics and spacing (dean06._parse.fold), so
# "Mã hồ sơ", "MÃ HỒ SƠ" and "Ma ho so" are the same header.
_ALIASES: dict[type, dict[str, tuple[str, ...]]] = {
    Service: {
        "code": ("Mã", "Mã dịch vụ", "Mã DVC"),
        "name": ("Tên", "Tên dịch vụ", "Tên DVC", "Tên thủ tục", "Tên TTHC"),
        "agency": ("Cơ quan", "Cơ quan thực hiện", "Cơ quan chủ quản"),
        "essential": ("Thiết yếu", "DVC thiết yếu"),
        "online_mode": ("Mức độ", "Mức độ trực tuyến", "Hình thức trực tuyến"),
        "min_identity": ("Mức định danh", "Mức độ định danh"),
        "name_en": ("Tên tiếng Anh",),
        "national_codes": ("Mã TTHC", "Mã thủ tục", "Mã TTHC quốc gia"),
        "local_totals": ("Số liệu địa phương", "Có số liệu địa phương"),
    },
    AdministrativeUnit: {
        "code": ("Mã", "Mã đơn vị", "Mã ĐVHC"),
        "name": ("Tên", "Tên đơn vị", "Tên ĐVHC"),
        "level": ("Cấp", "Cấp hành chính"),
        "parent": ("Mã đơn vị cha", "Trực thuộc", "Mã cấp trên"),
        "valid_from": ("Hiệu lực từ", "Từ ngày"),
        "valid_to": ("Hiệu lực đến", "Đến ngày"),
        "gso_code": ("Mã TCTK", "Mã GSO", "Mã thống kê"),
    },
    Dossier: {
        "id": ("Mã hồ sơ", "Số hồ sơ"),
        "service": ("Mã TTHC", "Mã thủ tục", "Mã dịch vụ"),
        "unit": ("Mã đơn vị", "Đơn vị tiếp nhận"),
        "channel": ("Kênh thực hiện", "Kênh nộp", "Hình thức nộp"),
        "received": ("Ngày tiếp nhận", "Thời gian tiếp nhận"),
        "status": ("Trạng thái", "Trạng thái hồ sơ"),
        "resolved": ("Ngày kết thúc xử lý", "Ngày giải quyết", "Ngày hoàn thành"),
        "due": ("Ngày hẹn trả", "Hạn xử lý"),
        "paid_online": ("Thanh toán trực tuyến", "Đã thanh toán trực tuyến"),
        "assisted": ("Được hỗ trợ", "Có hỗ trợ", "Đoàn viên hỗ trợ"),
    },
    Team: {
        "id": ("Mã đội hình", "Mã đội"),
        "name": ("Tên đội hình", "Tên đội"),
        "organisation": ("Cơ sở đoàn", "Đơn vị", "Tổ chức"),
        "members": ("Số thành viên", "Số ĐVTN", "Số đoàn viên"),
        "unit": ("Mã đơn vị", "Địa bàn"),
    },
    Campaign: {
        "id": ("Mã chiến dịch",),
        "name": ("Tên chiến dịch",),
        "organiser": ("Đơn vị tổ chức", "Đơn vị phát động"),
        "start": ("Ngày bắt đầu", "Từ ngày"),
        "end": ("Ngày kết thúc", "Đến ngày"),
        "teams": ("Đội hình",),
    },
    AssistanceEvent: {
        "campaign": ("Mã chiến dịch", "Chiến dịch"),
        "kind": ("Loại hỗ trợ", "Hình thức hỗ trợ", "Nội dung hỗ trợ"),
        "count": ("Số lượt", "Số lượng"),
        "on": ("Ngày", "Ngày hỗ trợ"),
        "team": ("Mã đội hình", "Đội hình"),
        "unit": ("Mã đơn vị", "Địa bàn"),
        "service": ("Mã dịch vụ", "Mã TTHC"),
    },
}

# Columns a CSV file of this kind may carry that are not fields of the record.
_EXTRA_COLUMNS: dict[type, dict[str, tuple[str, ...]]] = {
    Team: {"campaign": ("Mã chiến dịch",)},
}

_FIELD_PREFIX = re.compile(r"(\w+)\.(\w+): (.*)", re.DOTALL)


@attrs.frozen
class FieldSpec:
    """One field of a record type."""

    name: str
    required: bool
    headers: tuple[str, ...]


class RecordSpec(Generic[T]):
    """How records of one type are read and written."""

    def __init__(self, cls: type[T], kind: str, noun: str) -> None:
        self.cls = cls
        self.kind = kind
        self.noun = noun
        aliases = _ALIASES[cls]
        self.fields = tuple(
            FieldSpec(
                name=a.name,
                required=a.default is attrs.NOTHING,
                headers=aliases.get(a.name, ()),
            )
            for a in attrs.fields(cast("Any", cls))
            if a.init  # derived fields (a dossier's cached month) are not data
        )
        self.field_names = tuple(f.name for f in self.fields)
        self.required = tuple(f.name for f in self.fields if f.required)
        self.extra = _EXTRA_COLUMNS.get(cls, {})
        self._lookup: dict[str, str] = {}
        for name, headers in self.extra.items():
            for header in (name, *headers):
                self._lookup.setdefault(fold(header), name)
        for spec in self.fields:
            for header in (spec.name, *spec.headers):
                self._lookup[fold(header)] = spec.name

        self._parsers = _fast_parsers(cls)

    @property
    def csv_fields(self) -> tuple[str, ...]:
        """The CSV columns (nested teams are a file of their own)."""
        return tuple(name for name in self.field_names if name != "teams")

    def match(self, header: str, columns: Mapping[str, str] | None) -> str | None:
        """The field (or extra column) a source header names, or None if unknown."""
        target = self.explicit(header, columns)
        if target is not None:
            return target
        return self._lookup.get(fold(header))

    def explicit(self, header: str, columns: Mapping[str, str] | None) -> str | None:
        """The field that ``columns=`` gives *header* (exactly, or after folding), if any."""
        if not columns:
            return None
        target = columns.get(header)
        if target is None:
            folded = fold(header)
            for source, field in columns.items():
                if fold(source) == folded:
                    return field
        return target

    def match_all(
        self, headers: Sequence[str], columns: Mapping[str, str] | None
    ) -> list[str | None]:
        """The field each of a file's *headers* names (None: unknown).

        ``columns=`` takes precedence: a field it gives one header is not
        also taken from another header that dean06 would know by default
        (that header is then unknown, like any other).
        """
        given = [self.explicit(header, columns) for header in headers]
        taken = {field for field in given if field is not None}
        fields: list[str | None] = []
        for header, field in zip(headers, given, strict=True):
            if field is not None:
                fields.append(field)
                continue
            known = self._lookup.get(fold(header))
            fields.append(None if known in taken else known)
        return fields

    def build(self, raw: Mapping[str, Any]) -> tuple[T | None, list[tuple[FieldPath, str]]]:
        """Make the record from field values, or collect every fault by field.

        Valid records take a fast path: each value goes straight through the
        same parser the converter's hook uses.  Anything that fails there is
        structured again by :data:`dean06.wire.converter`, whose detailed
        validation attributes every fault to its field.
        """
        parsers = self._parsers
        if parsers is not None:
            try:
                return self.cls(**{name: parsers[name](value) for name, value in raw.items()}), []
            except Exception:  # noqa: BLE001, S110 - the converter reports it properly below
                pass
        try:
            return converter.structure(raw, self.cls), []
        except ClassValidationError as error:
            return None, list(_flatten(error, ()))
        except ValidationError as error:
            return None, [_split_validation(str(error), ())]
        except (ValueError, TypeError) as error:  # pragma: no cover - defensive
            return None, [((), _safe_message(error))]

    def unstructure(self, record: T) -> dict[str, Any]:
        """The record's wire form (a JSON-ready mapping)."""
        if not isinstance(record, self.cls):
            msg = f"expected {self.cls.__name__} records, not {type(record).__name__}"
            raise ValidationError(msg)
        result: dict[str, Any] = converter.unstructure(record)
        return result

    def csv_row(self, record: T) -> list[str]:
        """The record's CSV cells, in :attr:`csv_fields` order (not yet neutralised)."""
        data = self.unstructure(record)
        return [cell_text(data[name]) for name in self.csv_fields]


def _fast_parsers(cls: type) -> dict[str, Callable[[Any], Any]] | None:
    """Per-field parsers equal to the converter's hooks, or None if a field has none.

    Built from the resolved field types: the same functions of
    :mod:`dean06._parse` that :data:`dean06.wire.converter` calls.
    """
    hints = typing.get_type_hints(cls)
    parsers: dict[str, Callable[[Any], Any]] = {}
    for name, hint in hints.items():
        args = typing.get_args(hint)
        base = hint
        if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
            rest = [a for a in args if a is not type(None)]
            if len(rest) != 1:
                return None
            base = rest[0]
        parser = _PARSERS.get(base)
        if parser is None and isinstance(base, type) and issubclass(base, enum.Enum):
            parser = enum_parser(base, enum_aliases(base))
        if parser is None:
            return None
        parsers[name] = parser
    return parsers


def _text(value: Any) -> str:
    if type(value) is str:
        return value
    return str(converter.structure(value, str))


_PARSERS: dict[Any, Callable[[Any], Any]] = {
    str: _text,
    int: parse_count,
    bool: parse_bool,
    dt.datetime: parse_datetime,
    dt.date: parse_date,
    tuple[str, ...]: lambda value: tuple(_text(code) for code in parse_code_list(value)),
}


def cell_text(value: Any) -> str:
    """One wire value as CSV cell text."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, list):
        return format_code_list(value)
    return str(value)


def quote_names(names: Sequence[str], limit: int = 20) -> str:
    """Column or key names quoted (masked) for a message: at most *limit*, then a count."""
    present = [name for name in names if name]
    if not present:
        return "none"
    text = ", ".join(quote_input(name) for name in present[:limit])
    if len(present) > limit:
        text += f" and {len(present) - limit:,} more"
    return text


def _flatten(error: BaseException, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(error, ClassValidationError):
        with_notes, others = error.group_exceptions()
        for inner, note in with_notes:
            yield from _flatten(inner, (*path, note.name))
        for inner in others:
            yield from _flatten(inner, path)
    elif isinstance(error, IterableValidationError):
        with_index, others_ = error.group_exceptions()
        for inner, index_note in with_index:
            yield from _flatten(inner, (*path, index_note.index))
        for inner in others_:
            yield from _flatten(inner, path)
    elif isinstance(error, ValidationError):
        yield _split_validation(str(error), path)
    elif isinstance(error, KeyError):
        yield path, "a value is required"
    else:
        yield path, _safe_message(error)


def _split_validation(message: str, path: FieldPath) -> tuple[FieldPath, str]:
    """Attribute a value object's ``"Class.field: rule"`` message to its field."""
    match = _FIELD_PREFIX.match(message)
    if match is None:
        return path, message
    return (*path, match[2]), match[3]


def _safe_message(error: BaseException) -> str:
    if isinstance(error, ValueError) and error.args and isinstance(error.args[0], str):
        # dean06's own parsers: their messages quote input only masked.
        return error.args[0]
    return f"invalid value ({type(error).__name__})"


SPECS: Mapping[str, RecordSpec[Any]] = {
    "services": RecordSpec(Service, "services", "service"),
    "units": RecordSpec(AdministrativeUnit, "units", "unit"),
    "dossiers": RecordSpec(Dossier, "dossiers", "dossier"),
    "campaigns": RecordSpec(Campaign, "campaigns", "campaign"),
    "teams": RecordSpec(Team, "teams", "team"),
    "events": RecordSpec(AssistanceEvent, "events", "event"),
}


def spec_for(kind: str) -> RecordSpec[Any]:
    """The spec of the record kind (``"dossiers"``, ...)."""
    return SPECS[kind]


def field_order(spec: RecordSpec[Any], names: Sequence[str]) -> list[str]:
    """*names* sorted in the spec's field order (unknown names last)."""
    index = {name: i for i, name in enumerate(spec.field_names)}
    return sorted(names, key=lambda n: index.get(n, len(index)))
