"""Lenient parsers for values as real Vietnamese data writes them (internal).

Shared by the wire converter, the file readers and the portal reader, so a
date or a channel is read the same way everywhere.  Every parser raises
:class:`ValueError` with a message that quotes the input only through
:func:`dean06.errors.quote_input` (masked, shortened); callers add the
location.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable, Mapping  # noqa: TC003 - run time
from functools import cache
from typing import TypeVar

from dean06._labels import LANGUAGES
from dean06._text import fold
from dean06.errors import quote_input
from dean06.periods import VIETNAM

__all__ = [
    "fold",
    "parse_bool",
    "parse_code_list",
    "parse_count",
    "parse_date",
    "parse_datetime",
    "enum_parser",
    "parse_enum",
    "format_code_list",
]

E = TypeVar("E", bound=enum.Enum)


# -- dates and times ------------------------------------------------------------------

_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_DMY_TIME = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_HINT = "expected yyyy-mm-dd or dd/mm/yyyy"
_DATETIME_HINT = "expected ISO 8601 (2023-06-05T08:30:00+07:00) or dd/mm/yyyy HH:MM[:SS]"


def parse_date(value: object) -> dt.date:
    """Read a calendar date: ``yyyy-mm-dd`` or ``dd/mm/yyyy`` (day first)."""
    if isinstance(value, dt.datetime):
        msg = "expected a date, not a date and time"
        raise ValueError(msg)
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        msg = f"expected a date as text ({_DATE_HINT}), not {_kind(value)}"
        raise ValueError(msg)
    text = value.strip()
    try:
        if _ISO_DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
        match = _DMY.fullmatch(text)
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        msg = f"no such date {quote_input(text)}"
        raise ValueError(msg) from None
    msg = f"not a date: {quote_input(text)} ({_DATE_HINT})"
    raise ValueError(msg)


def parse_datetime(value: object) -> dt.datetime:
    """Read a moment; without an offset it is local time (UTC+07:00).

    Accepted: ISO 8601 with or without an offset (``Z`` included), a bare
    date (local midnight), and ``dd/mm/yyyy HH:MM[:SS]``.
    """
    if type(value) is str and len(value) >= 19 and value[10] in "T ":
        # The common case, ISO 8601 as dean06 writes it: parsed in C.
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return moment if moment.tzinfo is not None else moment.replace(tzinfo=VIETNAM)
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=VIETNAM)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=VIETNAM)
    if not isinstance(value, str):
        msg = f"expected a date and time as text ({_DATETIME_HINT}), not {_kind(value)}"
        raise ValueError(msg)
    text = value.strip()
    found = _iso_datetime(text)
    if found is None:
        found = _dmy_datetime(text)
    if found is None:
        msg = f"not a date and time: {quote_input(text)} ({_DATETIME_HINT})"
        raise ValueError(msg)
    if found.tzinfo is None:
        return found.replace(tzinfo=VIETNAM)
    return found


def _iso_datetime(text: str) -> dt.datetime | None:
    if len(text) < 8 or not text[:4].isdigit():
        return None
    if text[4] != "-" and not text[:8].isdigit():  # neither 2023-06-30 nor 20230630
        return None
    candidate = text
    if candidate.endswith(("Z", "z")):
        candidate = candidate[:-1] + "+00:00"
    try:
        return dt.datetime.fromisoformat(candidate)
    except ValueError:
        pass
    # Forms fromisoformat of Python 3.10 does not know (e.g. "+0700").
    from dateutil.parser import isoparse  # noqa: PLC0415 - rare path, import on demand

    try:
        parsed: dt.datetime = isoparse(candidate)
    except (ValueError, OverflowError):
        # dateutil's message repeats the input; it is never passed on.
        return None
    return parsed


def _dmy_datetime(text: str) -> dt.datetime | None:
    match = _DMY_TIME.fullmatch(text)
    if match is None:
        if _DMY.fullmatch(text):
            try:
                day = parse_date(text)
            except ValueError:
                msg = f"not a date and time: {quote_input(text)} (no such date)"
                raise ValueError(msg) from None
            return dt.datetime(day.year, day.month, day.day)  # noqa: DTZ001 - made local by caller
        return None
    day_, month, year, hour, minute, second = match.groups()
    try:
        return dt.datetime(  # noqa: DTZ001 - made local by the caller
            int(year), int(month), int(day_), int(hour), int(minute), int(second or 0)
        )
    except ValueError:
        try:
            dt.date(int(year), int(month), int(day_))
        except ValueError:
            what = "no such date"
        else:
            what = "no such time of day"
        msg = f"not a date and time: {quote_input(text)} ({what})"
        raise ValueError(msg) from None
    except OverflowError:  # pragma: no cover - guarded by the patterns
        return None


# -- numbers and booleans ------------------------------------------------------------------

_TRUE = frozenset(("true", "1", "co", "yes", "x", "dung"))
_FALSE = frozenset(("false", "0", "khong", "no", "sai"))
_BOOL_FAST = {"true": True, "false": False, "1": True, "0": False}


def parse_bool(value: object) -> bool:
    """Read a boolean: ``true/false``, ``1/0``, ``có/không`` (and ``yes/no``)."""
    if type(value) is str:
        fast = _BOOL_FAST.get(value)
        if fast is not None:
            return fast
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        key = fold(value)
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        msg = f"not a yes/no value: {quote_input(value)} (expected true/false, 1/0 or có/không)"
        raise ValueError(msg)
    msg = f"expected true/false, 1/0 or có/không, not {_kind(value)}"
    raise ValueError(msg)


_INTEGER = re.compile(r"[+-]?\d+")
_MAX_DIGITS = 100


def parse_count(value: object) -> int:
    """Read a whole number (the sign is kept; the value object checks the range)."""
    if isinstance(value, bool):
        msg = "expected a whole number, not true/false"
        raise ValueError(msg)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if _INTEGER.fullmatch(text):
            if len(text) > _MAX_DIGITS:
                # int() would refuse it with a message of its own.
                msg = f"not a count: a number of {len(text.lstrip('+-'))} digits"
                raise ValueError(msg)
            return int(text)
        msg = f"not a whole number: {quote_input(text)}"
        raise ValueError(msg)
    msg = f"expected a whole number, not {_kind(value)}"
    raise ValueError(msg)


# -- enumerations -----------------------------------------------------------------------------


def parse_enum(cls: type[E], value: object, aliases: Mapping[str, E] | None = None) -> E:
    """Read a member of *cls* by name (any case), Vietnamese or English label, or alias."""
    if isinstance(value, cls):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        msg = f"expected a {cls.__name__} name, not {_kind(value)}"
        raise ValueError(msg)
    table: dict[str, E] = _enum_table(cls)
    member = table.get(value)  # the member name as dean06 writes it
    if member is not None:
        return member
    key = fold(value)
    member = table.get(key)
    if member is None and aliases:
        member = aliases.get(key)
    if member is None and issubclass(cls, int) and key.isdigit():
        # An IntEnum also reads its members' values (UnitLevel 3, IdentityLevel 2).
        member = next((m for m in cls if m.value == int(key)), None)
    if member is None:
        names = ", ".join(m.name for m in cls)
        msg = f"unknown {cls.__name__} {quote_input(value.strip())} (expected one of {names})"
        raise ValueError(msg)
    return member


def enum_parser(cls: type[E], aliases: Mapping[str, E] | None = None) -> Callable[[object], E]:
    """A fast parser for members of *cls*: exact names first, then :func:`parse_enum`."""
    names: dict[object, E] = {member.name: member for member in cls}

    def parse(value: object) -> E:
        member = names.get(value) if type(value) is str else None
        return member if member is not None else parse_enum(cls, value, aliases)

    return parse


@cache
def _enum_table(cls: type[E]) -> dict[str, E]:
    table: dict[str, E] = {}
    for member in cls:
        table[member.name] = member
        table[fold(member.name)] = member
        table[fold(member.name.replace("_", " "))] = member
        label = getattr(member, "label", None)
        if label is not None:
            for lang in LANGUAGES:
                table.setdefault(fold(label(lang)), member)
    return table


def _kind(value: object) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


# -- lists of codes in one CSV cell ------------------------------------------------------------


def format_code_list(codes: Iterable[str]) -> str:
    r"""Join codes with ``;`` for one CSV cell (``\`` escapes a literal ``;`` or ``\``)."""
    return ";".join(c.replace("\\", "\\\\").replace(";", "\\;") for c in codes)


def parse_code_list(value: object) -> tuple[str, ...]:
    """Split a cell written by :func:`format_code_list` (a JSON list is taken as it is)."""
    if isinstance(value, list | tuple):
        return tuple(value)
    if not isinstance(value, str):
        msg = f"expected codes separated by ';', not {_kind(value)}"
        raise ValueError(msg)
    codes: list[str] = []
    current: list[str] = []
    escaped = False
    for char in value:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ";":
            codes.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    if escaped:
        current.append("\\")
    codes.append("".join(current).strip())
    return tuple(code for code in codes if code)
