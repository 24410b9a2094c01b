"""Field definitions shared by the value objects (internal).

Each factory returns an ``attrs.field`` whose converter or validator raises
:class:`~dean06.errors.ValidationError` naming ``Class.field`` and the rule,
so every value object reports its faults the same way.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from dean06._text import normalise_text
from dean06.errors import ValidationError
from dean06.localtime import local_datetime

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "aware_datetime",
    "count",
    "enum_member",
    "fail",
    "flag",
    "opt_aware_datetime",
    "opt_date",
    "opt_flag",
    "opt_text",
    "plain_date",
    "text",
]

E = TypeVar("E", bound=enum.Enum)


def fail(instance: object, name: str, rule: str) -> ValidationError:
    """Build the ValidationError for field *name* of *instance*'s class (masked)."""
    return ValidationError(owner=type(instance).__name__, field=name, rule=rule)


def _to_text(value: object, instance: object, field: attrs.Attribute[Any]) -> str:
    if type(value) is not str:
        if not isinstance(value, str):
            raise fail(instance, field.name, f"must be text, not {type(value).__name__}")
        value = str.__str__(value)
    text_value = normalise_text(value)
    if not text_value:
        raise fail(instance, field.name, "must not be empty")
    return text_value


def _to_opt_text(value: object, instance: object, field: attrs.Attribute[Any]) -> str | None:
    if value is None:
        return None
    return _to_text(value, instance, field)


_TEXT = attrs.Converter(_to_text, takes_self=True, takes_field=True)
_OPT_TEXT = attrs.Converter(_to_opt_text, takes_self=True, takes_field=True)


def text() -> Any:
    """A required, non-empty text field (NFC, stripped)."""
    return attrs.field(converter=_TEXT)


def opt_text() -> Any:
    """An optional text field: ``None`` or non-empty text (NFC, stripped)."""
    return attrs.field(default=None, converter=_OPT_TEXT)


def _check_count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int and (isinstance(value, bool) or not isinstance(value, int)):
        raise fail(instance, attribute.name, f"must be a whole number, not {type(value).__name__}")
    if value < 0:
        raise fail(instance, attribute.name, f"must not be negative, got {value}")


def count(*, default: int | None = None) -> Any:
    """A whole number >= 0 (booleans are not numbers here)."""
    if default is None:
        return attrs.field(validator=_check_count)
    return attrs.field(default=default, validator=_check_count)


def _check_flag(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not bool:
        raise fail(instance, attribute.name, f"must be True or False, not {type(value).__name__}")


def _check_opt_flag(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not bool:
        raise fail(
            instance, attribute.name, f"must be True, False or None, not {type(value).__name__}"
        )


def flag(*, default: bool) -> Any:
    """A boolean field."""
    return attrs.field(default=default, validator=_check_flag)


def opt_flag() -> Any:
    """A boolean field where ``None`` means unknown."""
    return attrs.field(default=None, validator=_check_opt_flag)


def _check_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not dt.date:
        if isinstance(value, dt.datetime):
            raise fail(instance, attribute.name, "must be a date, not a datetime")
        if not isinstance(value, dt.date):
            raise fail(instance, attribute.name, f"must be a date, not {type(value).__name__}")


def _check_opt_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_date(instance, attribute, value)


def plain_date() -> Any:
    """A calendar date (a ``datetime`` is refused: it is not a date)."""
    return attrs.field(validator=_check_date)


def opt_date() -> Any:
    """An optional calendar date."""
    return attrs.field(default=None, validator=_check_opt_date)


def _check_aware(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, dt.datetime):
        raise fail(instance, attribute.name, f"must be a datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise fail(
            instance,
            attribute.name,
            "must be timezone-aware (attach UTC+07:00 with dean06.periods.VIETNAM)",
        )
    try:
        local_datetime(value)
    except ValidationError as error:
        raise fail(instance, attribute.name, error.rule) from None


def _check_opt_aware(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_aware(instance, attribute, value)


def aware_datetime() -> Any:
    """A timezone-aware datetime."""
    return attrs.field(validator=_check_aware)


def opt_aware_datetime() -> Any:
    """An optional timezone-aware datetime."""
    return attrs.field(default=None, validator=_check_opt_aware)


def _enum_validator(cls: type[E]) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            names = ", ".join(m.name for m in cls)
            raise fail(
                instance,
                attribute.name,
                f"must be a {cls.__name__} member ({names}), not {type(value).__name__}",
            )

    return check


def enum_member(cls: type[E], *, default: E | None = None) -> Any:
    """A field holding a member of the enumeration *cls*."""
    if default is None:
        return attrs.field(validator=_enum_validator(cls))
    return attrs.field(default=default, validator=_enum_validator(cls))
