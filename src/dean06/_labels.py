"""Vietnamese and English labels for enumeration members (internal).

Every public enumeration mixes in :class:`Labelled` and registers a complete
label table with :func:`register`, so that ``member.label("vi")`` and
``member.label("en")`` work uniformly and one test walks them all.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from dean06.errors import ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["LANGUAGES", "Labelled", "LabelledEnum", "check_lang", "register"]

#: The report languages dean06 speaks, in order of preference.
LANGUAGES = ("vi", "en")

# Keyed by (enum class, member name): IntEnum members of different classes
# compare (and hash) equal to each other as plain integers.
_TABLE: dict[tuple[type, str], tuple[str, str]] = {}


def check_lang(lang: object) -> int:
    """Return the index of *lang* in :data:`LANGUAGES`, or raise ValidationError."""
    if lang == "vi":
        return 0
    if lang == "en":
        return 1
    msg = f"lang: must be 'vi' or 'en', not {lang!r}"
    raise ValidationError(msg)


class Labelled:
    """Mixin giving enum members ``label(lang)``."""

    __slots__ = ()

    def label(self, lang: str = "vi") -> str:
        """Return this member's label in Vietnamese (``"vi"``, default) or English (``"en"``).

        Raises:
            ValidationError: for any other language.
        """
        index = check_lang(lang)
        return _TABLE[type(self), self.name][index]  # type: ignore[attr-defined]


class LabelledEnum(Labelled, enum.Enum):
    """Base of the labelled enumerations whose members are not numbers.

    Members hash by identity: they are singletons, and ``Enum.__hash__`` (a
    Python function hashing the name) is the hot spot of a tally's dict
    lookups.  (Integer enumerations keep ``int``'s hash, which equality with
    plain integers needs.)
    """

    __hash__: Callable[[object], int] = object.__hash__  # type: ignore[assignment]


def register(cls: type[enum.Enum], labels: Mapping[enum.Enum, tuple[str, str]]) -> None:
    """Register the (Vietnamese, English) labels of every member of *cls*."""
    missing = [m.name for m in cls if m not in labels]
    if missing:  # pragma: no cover - a programming error caught by the tests
        msg = f"{cls.__name__}: no labels for {missing}"
        raise AssertionError(msg)
    _TABLE.update({(cls, member.name): pair for member, pair in labels.items()})
