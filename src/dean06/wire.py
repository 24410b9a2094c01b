"""The JSON form of dean06's value objects: one cattrs converter.

:data:`converter` is dean06's own :class:`cattrs.Converter` (the global one
is never touched).  It defines the wire form of every value object:

* field names are the attribute names (``id``, ``service``, ``received``);
* dates are ISO 8601 (``2023-06-05``), date-times ISO 8601 with their
  offset (``2023-06-05T08:30:00+07:00``);
* enumerations are written by member name (``"ONLINE"``);
* a :class:`~dean06.Period` is its ISO text (``"2023-H1"``), a
  :class:`~dean06.Rate` an object ``{"numerator", "denominator"}``;
* a campaign nests its teams.

Structuring is lenient the way real data needs: enums also by Vietnamese
or English label, dates also ``dd/mm/yyyy``, naive date-times as UTC+07:00,
booleans also ``có/không`` and ``1/0``.

A JSON *document* wraps a list of records with its schema version:
``{"schema_version": 1, "dossiers": [...]}``; :func:`document` builds one and
:func:`check_version` refuses versions this release does not read.  JSON
Lines files hold one record per line and no version.

>>> import datetime as dt, dean06
>>> team = dean06.Team(id="T1", name="Đội hình 1", organisation="Tỉnh đoàn", members=12)
>>> converter.unstructure(team)
{'id': 'T1', 'name': 'Đội hình 1', 'organisation': 'Tỉnh đoàn', 'members': 12, 'unit': None}
>>> converter.structure({"id": "T1", "name": "Đội hình 1", "organisation": "Tỉnh đoàn",
...                      "members": "12"}, dean06.Team) == team
True
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from typing import Any, Final, TypeVar

import cattrs

from dean06._parse import (
    fold,
    parse_bool,
    parse_code_list,
    parse_count,
    parse_date,
    parse_datetime,
    parse_enum,
)
from dean06.campaigns import AssistanceEvent, AssistanceKind, Campaign, Team
from dean06.dossiers import Channel, Dossier, DossierStatus
from dean06.errors import DataError, Problem, quote_input
from dean06.identity import IdentityLevel
from dean06.periods import Period
from dean06.rates import Rate
from dean06.services import OnlineMode, Service
from dean06.tally import AssistanceCount, DossierCount
from dean06.units import AdministrativeUnit, UnitLevel

if typing.TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "KINDS",
    "SCHEMA_VERSION",
    "SUPPORTED_VERSIONS",
    "check_version",
    "converter",
    "document",
    "enum_aliases",
]

T = TypeVar("T")

#: The schema version this release writes.
SCHEMA_VERSION: Final = 1
#: The schema versions this release reads.
SUPPORTED_VERSIONS: Final = frozenset({1})

#: Document keys and the record type each holds.
KINDS: Final[Mapping[str, type]] = {
    "services": Service,
    "units": AdministrativeUnit,
    "dossiers": Dossier,
    "campaigns": Campaign,
    "teams": Team,
    "events": AssistanceEvent,
}

# Values that real data uses for enum members, beyond names and labels
# (keys are folded with dean06._parse.fold).
_ALIASES: dict[type[enum.Enum], dict[str, enum.Enum]] = {
    Channel: {
        # the national portal's KenhThucHien codes
        "1": Channel.IN_PERSON,
        "2": Channel.ONLINE,
        "3": Channel.POSTAL,
        "truc tuyen": Channel.ONLINE,
        "online": Channel.ONLINE,
        "truc tiep": Channel.IN_PERSON,
        "tai quay": Channel.IN_PERSON,
        "buu chinh": Channel.POSTAL,
        "buu chinh cong ich": Channel.POSTAL,
        "buu dien": Channel.POSTAL,
    },
    DossierStatus: {
        # the national portal's TrangThaiHoSo names and codes (see dean06.io.portal)
        "1": DossierStatus.RECEIVED,
        "moi dang ky": DossierStatus.RECEIVED,
        "2": DossierStatus.RECEIVED,
        "duoc tiep nhan": DossierStatus.RECEIVED,
        "da tiep nhan": DossierStatus.RECEIVED,
        "3": DossierStatus.REJECTED,
        "khong duoc tiep nhan": DossierStatus.REJECTED,
        "4": DossierStatus.IN_PROGRESS,
        "dang xu ly": DossierStatus.IN_PROGRESS,
        "5": DossierStatus.IN_PROGRESS,
        "yeu cau bo sung giay to": DossierStatus.IN_PROGRESS,
        "6": DossierStatus.IN_PROGRESS,
        "yeu cau thuc hien nghia vu tai chinh": DossierStatus.IN_PROGRESS,
        "7": DossierStatus.WITHDRAWN,
        "cong dan yeu cau rut ho so": DossierStatus.WITHDRAWN,
        "8": DossierStatus.REJECTED,
        "dung xu ly": DossierStatus.REJECTED,
        "9": DossierStatus.RESOLVED,
        "da xu ly xong": DossierStatus.RESOLVED,
        "10": DossierStatus.RESOLVED,
        "da tra ket qua": DossierStatus.RESOLVED,
    },
    OnlineMode: {
        "toan trinh": OnlineMode.FULL,
        "mot phan": OnlineMode.PARTIAL,
        # Decree 43/2011 levels 3 and 4 (OnlineMode.from_legacy_level); a bare
        # 0, 1 or 2 is the member's value, as for every IntEnum, and the old
        # levels 1 and 2 must be written out ("mức độ 2").
        "3": OnlineMode.PARTIAL,
        "4": OnlineMode.FULL,
        "muc do 1": OnlineMode.NONE,
        "muc do 2": OnlineMode.NONE,
        "muc do 3": OnlineMode.PARTIAL,
        "muc do 4": OnlineMode.FULL,
    },
    IdentityLevel: {
        "0": IdentityLevel.NONE,
        "1": IdentityLevel.LEVEL_1,
        "2": IdentityLevel.LEVEL_2,
        "muc 1": IdentityLevel.LEVEL_1,
        "muc 2": IdentityLevel.LEVEL_2,
    },
    UnitLevel: {
        "tinh": UnitLevel.PROVINCE,
        "thanh pho truc thuoc trung uong": UnitLevel.PROVINCE,
        "huyen": UnitLevel.DISTRICT,
        "quan": UnitLevel.DISTRICT,
        "thi xa": UnitLevel.DISTRICT,
        "thanh pho thuoc tinh": UnitLevel.DISTRICT,
        "xa": UnitLevel.COMMUNE,
        "phuong": UnitLevel.COMMUNE,
        "thi tran": UnitLevel.COMMUNE,
        "dac khu": UnitLevel.COMMUNE,
    },
}


def enum_aliases(cls: type[enum.Enum]) -> Mapping[str, enum.Enum]:
    """Extra spellings accepted for members of *cls* (folded text → member)."""
    return _ALIASES.get(cls, {})


def _text(value: Any, _: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    msg = f"expected text, not {type(value).__name__ if value is not None else 'an empty value'}"
    raise ValueError(msg)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=False, detailed_validation=True)

    # -- unstructuring: the canonical wire form ---------------------------------------
    conv.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda v: v.name
    )
    conv.register_unstructure_hook(Period, str)
    conv.register_unstructure_hook(
        Rate, lambda r: {"numerator": r.numerator, "denominator": r.denominator}
    )
    conv.register_unstructure_hook_func(
        _is_tuple, lambda v: [conv.unstructure(item) for item in v]
    )

    # -- structuring: lenient, every fault a ValueError with a clear message ------------
    # Class hooks (the enumerations below get hooks of their own, which win
    # over int's for the IntEnums: dispatch takes the most specific class).
    conv.register_structure_hook(str, _text)
    conv.register_structure_hook(int, lambda v, _: parse_count(v))
    conv.register_structure_hook(bool, lambda v, _: parse_bool(v))
    conv.register_structure_hook(dt.datetime, lambda v, _: parse_datetime(v))
    conv.register_structure_hook(dt.date, lambda v, _: parse_date(v))
    # One hook per enumeration, registered for the class itself: a generic
    # Enum hook loses to int's for the IntEnums in cattrs' dispatch.
    for enum_cls in _ENUMS:
        conv.register_structure_hook(enum_cls, _enum_hook(enum_cls))
        conv.register_unstructure_hook(enum_cls, _enum_name)
    conv.register_structure_hook(Period, _structure_period)
    conv.register_structure_hook_func(
        lambda t: t == tuple[str, ...],
        lambda v, _: tuple(_text(c, None) for c in parse_code_list(v)),
    )
    record_types: tuple[type, ...] = (
        Service,
        AdministrativeUnit,
        Dossier,
        Team,
        Campaign,
        AssistanceEvent,
        DossierCount,
        AssistanceCount,
    )
    for cls in record_types:
        conv.register_unstructure_hook(cls, _ordered_unstructure(conv, cls))
    return conv


_ENUMS: tuple[type[enum.Enum], ...] = (
    AssistanceKind,
    Channel,
    DossierStatus,
    IdentityLevel,
    OnlineMode,
    UnitLevel,
)


def _enum_hook(cls: type[enum.Enum]) -> Any:
    aliases = _ALIASES.get(cls)

    def structure(value: Any, _: Any) -> enum.Enum:
        return parse_enum(cls, value, aliases)

    return structure


def _enum_name(member: enum.Enum) -> str:
    return member.name


def _is_tuple(t: Any) -> bool:
    return t is tuple or typing.get_origin(t) is tuple


def _structure_period(value: Any, _: Any) -> Period:
    if isinstance(value, Period):
        return value
    if not isinstance(value, str):
        msg = "expected a period as text, such as 2023-06 or 2023-H1"
        raise ValueError(msg)
    return Period.parse(value)


def _ordered_unstructure(conv: cattrs.Converter, cls: type) -> Any:
    """Unstructure attrs fields in declaration order with the types' hooks."""
    from cattrs.gen import make_dict_unstructure_fn  # noqa: PLC0415 - build time only

    return make_dict_unstructure_fn(cls, conv)


#: dean06's cattrs converter (never the global one).
converter: Final[cattrs.Converter] = _make_converter()


def document(kind: str, records: list[Any]) -> dict[str, Any]:
    """A JSON document ``{"schema_version": 1, kind: [...]}`` of unstructured records."""
    if kind not in KINDS:
        msg = f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}"
        raise ValueError(msg)
    return {"schema_version": SCHEMA_VERSION, kind: records}


def check_version(value: object, location: str) -> None:
    """Raise :class:`~dean06.DataError` unless *value* is a schema version this release reads."""
    if isinstance(value, int) and not isinstance(value, bool) and value in SUPPORTED_VERSIONS:
        return
    known = ", ".join(str(v) for v in sorted(SUPPORTED_VERSIONS))
    if isinstance(value, int | float) and not isinstance(value, bool):
        shown = str(value)
    elif isinstance(value, str):
        shown = quote_input(value, limit=20)
    else:
        shown = "null" if value is None else f"of type {type(value).__name__}"
    raise DataError(
        [
            Problem(
                location,
                f"schema_version {shown} is not known to this release of dean06, "
                f"which reads version {known}",
            )
        ]
    )


def header_key(text: str) -> str:
    """Fold a header or key for matching (NFC, case, diacritics, spaces)."""
    return fold(text)
