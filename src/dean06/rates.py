"""Exact rates, and the figures Project 06 reports are made of.

A :class:`Rate` is a pair of counts, ``numerator / denominator``, never a
float: "16 of 22 services" stays ``Rate(16, 22)``, its value is the exact
``Fraction(8, 11)``, and pooling two rates adds their counts.  A rate whose
denominator is 0 is *undefined* ("no rate"): nothing was known, which is not
the same as 0% (known, and none).

>>> r = Rate(16, 22)
>>> str(r), format(r, ".1%"), r.above(0.5)
('16/22', '72.7%', True)
>>> Rate(0, 0).value is None, f"{Rate(0, 0)}", format(Rate(0, 5), ".0%")
(True, '–', '0%')

The figures of a report are functions over rates:

* :func:`services_with_online`: of these services, how many had at least
  one online dossier ("23/25");
* :func:`share_above`: of the services *with a rate*, how many are above a
  threshold ("16/22": services without dossiers have no rate and are not
  counted, in the numerator or the denominator);
* :func:`fully_online`: which services are at exactly 100%;
* :func:`trend`: whether a monthly series rises, falls, stays flat or mixes.
"""

from __future__ import annotations

import decimal
import itertools
import math
import numbers
import re
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Protocol

import attrs

from dean06._fields import count, fail
from dean06._labels import LabelledEnum, register
from dean06.errors import ValidationError

if TYPE_CHECKING:
    from dean06.periods import Period
    from dean06.services import Service
    from dean06.units import UnitCatalogue

__all__ = [
    "Rate",
    "Threshold",
    "Trend",
    "fully_online",
    "services_with_online",
    "share_above",
    "threshold",
    "trend",
]

#: What a threshold may be given as: a proportion from 0 to 1.
Threshold = int | float | Fraction | decimal.Decimal

UNDEFINED_MARK = "–"  # an en dash: how an undefined rate prints

# A float-style format spec, as Python's float and (3.12+) Fraction read it:
# [[fill]align][sign][z][#][0][width][grouping][.precision]type.
_FLOAT_SPEC = re.compile(
    r"""
    (?:(?P<fill>.)?(?P<align>[<>=^]))?
    (?P<sign>[-+ ]?)
    (?P<no_neg_zero>z)?
    (?P<alt>\#)?
    (?P<zeropad>0(?=[0-9]))?
    (?P<width>0|[1-9][0-9]*)?
    (?P<grouping>[,_])?
    (?:\.(?P<precision>0|[1-9][0-9]*))?
    (?P<type>[eEfFgGn%])
    """,
    re.DOTALL | re.VERBOSE,
).fullmatch


@attrs.frozen
class Rate:
    """An exact rate: ``numerator`` out of ``denominator`` (``0 <= numerator <= denominator``).

    Equality and hashing are on the two counts (``Rate(1, 2) != Rate(2, 4)``);
    compare :attr:`value` to compare proportions.  ``+`` pools two rates
    (numerators and denominators add up), with ``Rate(0, 0)`` as identity,
    so ``sum(rates, Rate(0, 0))`` pools many (``sum(rates)`` works too).

    ``str`` gives ``"16/22"``; ``format`` with a float presentation type
    (``e E f F g G n %``, with every flag a float takes) formats the exact
    value as a float would, without binary rounding: six places when the
    spec gives none, ties rounded half to even, exactly as
    :class:`fractions.Fraction` does on Python 3.12+, on every Python
    (``format(Rate(16, 22), ".1%") == "72.7%"``, ``format(Rate(1, 4), "%")
    == "25.000000%"``).  Any other spec formats ``str(rate)``.  An undefined
    rate formats as ``"–"`` whatever the spec.

    Attributes:
        numerator: how many of them (e.g. online dossiers).
        denominator: out of how many (e.g. all dossiers).

    Since: 0.1.0
    """

    numerator: int = count()
    denominator: int = count()

    def __attrs_post_init__(self) -> None:
        if self.numerator > self.denominator:
            raise fail(
                self,
                "numerator",
                f"must not exceed the denominator ({self.numerator} > {self.denominator})",
            )

    @property
    def defined(self) -> bool:
        """False for "no rate" (denominator 0)."""
        return self.denominator != 0

    @property
    def value(self) -> Fraction | None:
        """The exact proportion, or None when the rate is undefined."""
        if self.denominator == 0:
            return None
        return Fraction(self.numerator, self.denominator)

    @property
    def percent(self) -> float | None:
        """The proportion on a 0-100 scale as a float (25.0 for 1/4), or None."""
        if self.denominator == 0:
            return None
        return self.numerator * 100 / self.denominator

    def above(self, threshold: Threshold) -> bool:
        """True when the rate is defined and strictly above *threshold* (0 to 1)."""
        bound = _threshold(threshold)
        return self.denominator != 0 and self.numerator > bound * self.denominator

    def at_least(self, threshold: Threshold) -> bool:
        """True when the rate is defined and at or above *threshold* (0 to 1)."""
        bound = _threshold(threshold)
        return self.denominator != 0 and self.numerator >= bound * self.denominator

    def __add__(self, other: object) -> Rate:
        if isinstance(other, Rate):
            return Rate(self.numerator + other.numerator, self.denominator + other.denominator)
        return NotImplemented

    def __radd__(self, other: object) -> Rate:
        # Lets the builtin sum() start from 0.
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    def __str__(self) -> str:
        return f"{self.numerator}/{self.denominator}"

    def __format__(self, spec: str) -> str:
        if self.denominator == 0:
            return UNDEFINED_MARK
        if not spec:
            return str(self)
        match = _FLOAT_SPEC(spec)
        if match is None:
            try:
                return format(str(self), spec)
            except ValueError:
                msg = f"Invalid format specifier {spec!r} for object of type 'Rate'"
                raise ValueError(msg) from None
        if match["align"] is not None and match["zeropad"] is not None:
            msg = f"Invalid format specifier {spec!r} for object of type 'Rate'"
            raise ValueError(msg)
        return _format_exact(self.numerator, self.denominator, match)


def _round_to_exponent(n: int, d: int, exponent: int) -> int:
    """``n/d`` rounded half to even to a multiple of ``10**exponent`` (the multiple)."""
    if exponent >= 0:
        d *= 10**exponent
    else:
        n *= 10**-exponent
    q, r = divmod(n + (d >> 1), d)
    if r == 0 and d & 1 == 0:
        q &= -2
    return q


def _round_to_figures(n: int, d: int, figures: int) -> tuple[int, int]:
    """``n/d`` (not negative) to *figures* significant digits: (significand, exponent)."""
    if n == 0:
        return 0, 1 - figures
    str_n, str_d = str(n), str(d)
    magnitude = len(str_n) - len(str_d) + (str_d <= str_n)
    exponent = magnitude - figures
    significand = _round_to_exponent(n, d, exponent)
    if len(str(significand)) == figures + 1:
        significand //= 10
        exponent += 1
    return significand, exponent


def _format_exact(n: int, d: int, match: re.Match[str]) -> str:
    """Format the proportion ``n/d`` (``0 <= n <= d``, ``d > 0``) exactly for a float spec.

    The output is what ``format(float, spec)`` gives, without the float's
    binary rounding: digits come from exact integer arithmetic, rounded half
    to even.  Ported from CPython 3.12's ``Fraction.__format__`` (PSF
    licence), so Python 3.10 and 3.11 format a rate the same way; ``n`` is
    ``g`` without the locale.
    """
    kind = match["type"]
    if kind == "n":
        kind = "g"
    fill = match["fill"] or " "
    align = match["align"] or ">"
    sign = "" if match["sign"] == "-" else match["sign"]
    alternate = bool(match["alt"])
    width = int(match["width"] or "0")
    grouping = match["grouping"]
    precision = int(match["precision"] or "6")
    trim_zeros = kind in "gG" and not alternate

    if kind in "fF%":
        exponent = -precision - (2 if kind == "%" else 0)
        significand = _round_to_exponent(n, d, exponent)
        scientific = False
        point = precision
    else:
        figures = max(precision, 1) if kind in "gG" else precision + 1
        significand, exponent = _round_to_figures(n, d, figures)
        scientific = kind in "eE" or exponent > 0 or exponent + figures <= -4
        point = figures - 1 if scientific else -exponent

    if kind == "%":
        suffix = "%"
    elif scientific:
        suffix = f"{'E' if kind in 'EG' else 'e'}{exponent + point:+03d}"
    else:
        suffix = ""
    digits = f"{significand:0{point + 1}d}"
    leading = digits[: len(digits) - point]
    fraction = digits[len(digits) - point :]
    if trim_zeros:
        fraction = fraction.rstrip("0")
    trailing = ("." if fraction or alternate else "") + fraction + suffix
    if match["zeropad"]:
        room = width - len(sign) - len(trailing)
        leading = leading.zfill(3 * room // 4 + 1 if grouping else room)
    if grouping:
        first = 1 + (len(leading) - 1) % 3
        leading = leading[:first] + "".join(
            grouping + leading[i : i + 3] for i in range(first, len(leading), 3)
        )
    body = leading + trailing
    padding = fill * (width - len(sign) - len(body))
    if align == ">":
        return padding + sign + body
    if align == "<":
        return sign + body + padding
    if align == "^":
        half = len(padding) // 2
        return padding[:half] + sign + body + padding[half:]
    return sign + padding + body


def threshold(value: Threshold) -> Fraction:
    """Read a threshold as an exact proportion from 0 to 1.

    A float is read as the decimal it was written as (``0.96`` is exactly
    24/25, not the nearest binary fraction), so ``rate.above(0.96)`` means
    what it says.

    Raises:
        ValidationError: for a value outside 0 to 1, NaN, or a non-number.

    Since: 0.1.0
    """
    return _threshold(value)


def _threshold(value: object) -> Fraction:
    if isinstance(value, bool):
        msg = "threshold: must be a proportion from 0 to 1, not a boolean"
        raise ValidationError(msg)
    if isinstance(value, Fraction):
        bound = value
    elif isinstance(value, int):
        bound = Fraction(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            msg = f"threshold: must be a proportion from 0 to 1, not {value!r}"
            raise ValidationError(msg)
        bound = Fraction(repr(value))
    elif isinstance(value, decimal.Decimal):
        if not value.is_finite():
            msg = f"threshold: must be a proportion from 0 to 1, not {value!r}"
            raise ValidationError(msg)
        bound = Fraction(value)
    elif isinstance(value, numbers.Rational):
        bound = Fraction(int(value.numerator), int(value.denominator))
    else:
        msg = f"threshold: must be a number from 0 to 1, not {type(value).__name__}"
        raise ValidationError(msg)
    if not 0 <= bound <= 1:
        msg = f"threshold: must be a proportion from 0 to 1 (50% is 0.5), not {value!r}"
        raise ValidationError(msg)
    return bound


class Trend(LabelledEnum):
    """The direction of a series of rates (see :func:`trend`).

    Since: 0.1.0
    """

    RISING = "RISING"
    FALLING = "FALLING"
    FLAT = "FLAT"
    MIXED = "MIXED"
    UNKNOWN = "UNKNOWN"


register(
    Trend,
    {
        Trend.RISING: ("tháng sau tăng cao hơn tháng trước", "rising month on month"),
        Trend.FALLING: ("tháng sau thấp hơn tháng trước", "falling month on month"),
        Trend.FLAT: ("không đổi", "flat"),
        Trend.MIXED: ("lúc tăng lúc giảm", "mixed"),
        Trend.UNKNOWN: ("chưa đủ số liệu", "not enough data"),
    },
)


class SupportsOnline(Protocol):
    """What :func:`services_with_online` needs of a tally."""

    def online(
        self,
        service: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> int:
        """Online dossiers in the scope."""
        ...  # pragma: no cover


def _codes(services: Iterable[str | Service]) -> set[str]:
    if isinstance(services, str):
        msg = "services: expected a collection of service codes, not one string"
        raise ValidationError(msg)
    codes: set[str] = set()
    for item in services:
        code = item if isinstance(item, str) else getattr(item, "code", None)
        if not isinstance(code, str):
            msg = f"services: expected service codes or Service objects, not {type(item).__name__}"
            raise ValidationError(msg)
        codes.add(code)
    return codes


def services_with_online(
    tally: SupportsOnline,
    services: Iterable[str | Service],
    *,
    unit: str | None = None,
    period: Period | None = None,
    catalogue: UnitCatalogue | None = None,
) -> Rate:
    """Of the given services, how many have at least one online dossier in *tally*.

    The denominator is the number of distinct services given, whether or
    not they have any dossier at all: ``"23/25"`` essential services had
    online dossiers.

    Args:
        tally: a :class:`~dean06.DossierTally`.
        services: service codes (or :class:`~dean06.Service` objects); a
            duplicate counts once.
        unit: restrict to a unit (with *catalogue*, its descendants too).
        period: restrict to whole months.
        catalogue: resolves *unit* to its descendants.

    Since: 0.1.0
    """
    codes = _codes(services)
    finder = getattr(tally, "services", None)
    if callable(finder):
        # DossierTally answers in one pass over its table.
        online: frozenset[str] = finder(online=True, unit=unit, period=period, catalogue=catalogue)
        hits = len(codes & online)
    else:
        hits = sum(
            1
            for code in codes
            if tally.online(service=code, unit=unit, period=period, catalogue=catalogue) > 0
        )
    return Rate(hits, len(codes))


def _rate_values(rates: Mapping[str, Rate] | Iterable[Rate]) -> Iterable[Rate]:
    values: Iterable[object] = rates.values() if isinstance(rates, Mapping) else rates
    for rate in values:
        if not isinstance(rate, Rate):
            msg = f"rates: expected Rate values, not {type(rate).__name__}"
            raise ValidationError(msg)
        yield rate


def share_above(rates: Mapping[str, Rate] | Iterable[Rate], threshold: Threshold) -> Rate:
    """Over the *defined* rates, how many are strictly above *threshold*.

    Undefined rates (no dossiers known) are left out of both counts, which
    is how "16/22 essential services above 50%" sits beside "23/25 with
    online dossiers".

    Args:
        rates: a mapping of code to :class:`Rate` (or just rates).
        threshold: a proportion from 0 to 1 (``0.5`` for 50%).

    Since: 0.1.0
    """
    bound = _threshold(threshold)
    above = total = 0
    for rate in _rate_values(rates):
        if rate.denominator:
            total += 1
            if rate.numerator > bound * rate.denominator:
                above += 1
    return Rate(above, total)


def fully_online(rates: Mapping[str, Rate]) -> list[str]:
    """The codes whose rate is defined and exactly 1 (100%), sorted.

    Since: 0.1.0
    """
    return sorted(
        code
        for code, rate in rates.items()
        if _checked(rate).denominator and rate.numerator == rate.denominator
    )


def _checked(rate: object) -> Rate:
    if not isinstance(rate, Rate):
        msg = f"rates: expected Rate values, not {type(rate).__name__}"
        raise ValidationError(msg)
    return rate


def trend(series: Iterable[tuple[Period, Rate]] | Sequence[tuple[Period, Rate]]) -> Trend:
    """The direction of a series of ``(Period, Rate)``, taken in period order.

    Undefined rates are ignored.  ``RISING`` when every defined value is
    strictly above the one before, ``FALLING`` the reverse, ``FLAT`` when all
    values are equal (``Rate(1, 2)`` and ``Rate(2, 4)`` are equal values),
    ``MIXED`` otherwise, and ``UNKNOWN`` with fewer than two defined rates.

    Since: 0.1.0
    """
    ordered = sorted(series, key=lambda item: item[0])
    values = [v for _, rate in ordered if (v := _checked(rate).value) is not None]
    if len(values) < 2:
        return Trend.UNKNOWN
    pairs = list(itertools.pairwise(values))
    if all(b > a for a, b in pairs):
        return Trend.RISING
    if all(b < a for a, b in pairs):
        return Trend.FALLING
    if all(b == a for a, b in pairs):
        return Trend.FLAT
    return Trend.MIXED
