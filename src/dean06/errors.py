"""Errors and warnings that dean06 raises on purpose.

Every exception dean06 raises deliberately derives from :class:`Dean06Error`,
so a caller can catch the library's failures in one place.  Two kinds matter
in practice:

* :class:`ValidationError`: a value object was built with invalid values
  (a programming error, or data that bypassed a reader).
* :class:`DataError`: input data (a file, a stream, a document) is invalid.
  It carries one :class:`Problem` per fault, each with a location precise
  enough to fix the input by hand.

No message ever repeats a personal identifier.  Where a message quotes
input, :func:`mask_personal` hides every run of nine or more digits (citizen
ID and old identity-card numbers) and every phone-shaped value.

>>> mask_personal("CCCD 051203001234, phone 0905 123 456")
'CCCD ***, phone ***'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "DataError",
    "Dean06Error",
    "Dean06Warning",
    "Problem",
    "ValidationError",
    "mask_personal",
]

# A phone number: 0 or +84 followed by nine digits, with optional spaces,
# dots or hyphens between them.  Checked before the bare digit runs so that
# the separators are masked too.
_PHONE = re.compile(r"(?<![\d+])(?:\+84|0)(?:[ .\-]?\d){9}(?!\d)")
# Any run of nine or more digits: a 9-digit identity card (CMND) or a
# 12-digit citizen ID (CCCD), or anything that might be one.
_LONG_DIGITS = re.compile(r"\d{9,}")
# The same written in groups with one kind of separator ("079 203 012 345",
# "212.345.678", "84 905 123 456"); masked when the groups hold nine digits
# or more, so a date ("2023-06-30") is kept.
_GROUPED_DIGITS = re.compile(r"(?<![\d+])\d{1,4}(?P<sep>[ .\-])\d{1,4}(?:(?P=sep)\d{1,4})+(?!\d)")

# An e-mail address (whatever the script of its local part).
_EMAIL = re.compile(r"[^\s@'\"<>(),;:]+@(?:[^\s@'\"<>(),;:.]+\.)+[^\s@'\"<>(),;:.]+")


def _mask_grouped(match: re.Match[str]) -> str:
    text = match.group()
    return "***" if sum(c.isdigit() for c in text) >= 9 else text


def mask_personal(text: str) -> str:
    """Return *text* with every personal-identifier-shaped value masked as ``***``.

    Masked: every run of nine or more digits, the same written in groups
    separated by one kind of separator (``079 203 012 345``), every
    phone-shaped value (``0`` or ``+84`` followed by nine digits, spaces,
    dots or hyphens allowed between them), and every e-mail address.  Used
    by every message that quotes input.

    Args:
        text: any text, typically a fragment of user input.

    Returns:
        The text with such values replaced by ``***``.

    Since: 0.1.0
    """
    masked = _PHONE.sub("***", _EMAIL.sub("***", text))
    return _LONG_DIGITS.sub("***", _GROUPED_DIGITS.sub(_mask_grouped, masked))


def quote_input(text: str, limit: int = 60) -> str:
    """Quote a piece of input for a message: masked, shortened, ``repr``-quoted.

    Internal helper shared by every module that echoes input.
    """
    masked = mask_personal(text)
    if len(masked) > limit:
        masked = masked[: limit - 1] + "…"
    return repr(masked)


class Dean06Error(Exception):
    """Root of every exception dean06 raises on purpose.

    Catch it to handle any failure of the library that is not a bug; the
    subclasses say which kind of input was at fault.  A text message is
    passed through :func:`mask_personal`, so no personal identifier reaches
    a log even when an argument quoted in the message was one.

    Since: 0.1.0
    """

    def __init__(self, *args: object) -> None:
        super().__init__(*(mask_personal(a) if isinstance(a, str) else a for a in args))


class ValidationError(Dean06Error, ValueError):
    """A value object was built with an invalid value.

    The message names the field and the rule it broke, for example
    ``"Dossier.resolved: must not be before received"``.  Fix the value
    passed to the constructor.  It also subclasses :class:`ValueError`, so
    code that guards against bad values in general keeps working.

    Like cattrs' ``ClassValidationError``, the error carries its structure,
    so callers never parse the message: ``owner`` is the class (or the
    callable) whose rule was broken, ``field`` the field and ``rule`` what
    was wrong, each ``None`` when the error is not about one field.

    >>> error = ValidationError(
    ...     owner="Dossier", field="resolved", rule="must not be before received"
    ... )
    >>> str(error), error.owner, error.field
    ('Dossier.resolved: must not be before received', 'Dossier', 'resolved')

    Attributes:
        owner: the name of the class or callable, such as ``"Dossier"`` or
            ``"Period.parse"`` (since 0.2.0).
        field: the field's name, such as ``"resolved"`` (since 0.2.0).
        rule: the rule broken, without the owner and field (since 0.2.0).

    Since: 0.1.0
    """

    owner: str | None
    field: str | None
    rule: str

    def __init__(
        self,
        *args: object,
        owner: str | None = None,
        field: str | None = None,
        rule: str | None = None,
    ) -> None:
        if rule is not None:
            rule = mask_personal(rule)
        if not args:
            where = ".".join(part for part in (owner, field) if part)
            args = (f"{where}: {rule}" if where else (rule or ""),)
        super().__init__(*args)
        self.owner = owner
        self.field = field
        first = self.args[0] if self.args else ""
        self.rule = rule if rule is not None else str(first)

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_validation_error,
            (self.args, self.owner, self.field, self.rule),
        )


def _rebuild_validation_error(
    args: tuple[object, ...], owner: str | None, field: str | None, rule: str
) -> ValidationError:
    error = ValidationError(*args, owner=owner, field=field, rule=rule)
    error.args = args
    return error


class _ProblemFields(NamedTuple):
    location: str
    message: str


class Problem(_ProblemFields):
    """One fault in input data, with where it is and what is wrong.

    A named tuple: ``problem.location``, ``problem.message``, or
    ``location, message = problem``.  Both texts pass through
    :func:`mask_personal` on construction, so a personal identifier cannot
    reach a report even by mistake.

    Attributes:
        location: where the fault is, precise enough to fix it by hand:
            ``"dossiers.csv, line 17, column 'received'"`` or
            ``"campaigns.json, $.campaigns[0].teams[3].members"``.
        message: what is wrong, never quoting a personal identifier.

    Since: 0.1.0
    """

    __slots__ = ()

    def __new__(cls, location: str, message: str) -> Problem:
        """Make a problem; both texts are masked."""
        return super().__new__(cls, mask_personal(str(location)), mask_personal(str(message)))

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def __repr__(self) -> str:
        return f"Problem(location={self.location!r}, message={self.message!r})"


class DataError(Dean06Error):
    """Input data (a file, a stream, a document) is invalid.

    ``problems`` holds one :class:`Problem` per fault, in input order; the
    message lists them (up to a limit) and gives the total.  Fix the input at
    each location, or read with ``errors="collect"`` to keep the good records.

    Attributes:
        problems: the faults, in input order.
        total: how many faults were found; larger than ``len(problems)``
            when a reader's ``max_problems`` bound was reached.

    Since: 0.1.0
    """

    problems: tuple[Problem, ...]
    total: int

    def __init__(
        self,
        problems: Iterable[Problem] | str,
        *,
        total: int | None = None,
        summary: str | None = None,
    ) -> None:
        if isinstance(problems, str):
            problems = (Problem("<input>", problems),)
        self.problems = tuple(problems)
        self.total = len(self.problems) if total is None else max(total, len(self.problems))
        super().__init__(self._render(summary))

    def _render(self, summary: str | None, shown: int = 20) -> str:
        if len(self.problems) == 1 and self.total == 1 and summary is None:
            return str(self.problems[0])
        head = summary or (
            f"{self.total} problem{'s' if self.total != 1 else ''} found in the input"
        )
        lines = [head + ":"] if self.problems else [head]
        lines.extend(f"  {p}" for p in self.problems[:shown])
        hidden = self.total - min(shown, len(self.problems))
        if hidden > 0:
            lines.append(f"  … and {hidden} more")
        return "\n".join(lines)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_data_error, (self.problems, self.total, str(self)))


def _rebuild_data_error(problems: tuple[Problem, ...], total: int, message: str) -> DataError:
    error = DataError(problems, total=total)
    error.args = (message,)
    return error


class Dean06Warning(UserWarning):
    """The one warning class of dean06 (unknown columns or keys, for now).

    Filter or escalate it with :mod:`warnings`, for example
    ``warnings.simplefilter("error", dean06.Dean06Warning)``.

    Since: 0.1.0
    """
