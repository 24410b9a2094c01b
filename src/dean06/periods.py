"""Reporting periods and the UTC+07:00 calendar.

Vietnam keeps UTC+07:00 all year (no daylight saving time), and every
report of Project 06 counts by the local calendar date: a dossier received
at ``2023-06-30T20:00:00Z`` was received on 1 July 2023 in Hà Nội and counts
in July.  :data:`VIETNAM` is that offset and :func:`local_date` applies it.

A :class:`Period` is a closed range of calendar dates.  Reports name periods
the way the working groups do, and :meth:`Period.parse` reads those names
both in ISO form and in Vietnamese.  The calendar arithmetic itself (local
dates, month numbers) lives in :mod:`dean06.localtime`:

>>> Period.parse("6 tháng đầu năm 2023")
Period(start=datetime.date(2023, 1, 1), end=datetime.date(2023, 6, 30))
>>> str(Period.parse("quý II/2023"))
'2023-Q2'
>>> Period.parse("2023-H3")
Traceback (most recent call last):
...
dean06.errors.ValidationError: Period.parse: cannot read '2023-H3' as a period: no half-year H3
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING

import attrs

from dean06._fields import fail, plain_date
from dean06._labels import LabelledEnum, register
from dean06._text import fold
from dean06.errors import ValidationError, quote_input
from dean06.localtime import VIETNAM, local_date, month_bounds, month_end, month_index

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["VIETNAM", "Period", "PeriodKind", "local_date", "month_index", "month_period"]


class PeriodKind(LabelledEnum):
    """What shape a :class:`Period` has, as :attr:`Period.kind` tells it.

    ``YEAR``, ``HALF``, ``QUARTER`` and ``MONTH`` are whole calendar units;
    ``YEARS`` and ``MONTHS`` are runs of whole years or whole months that no
    shorter name covers; ``DAY`` is one day and ``DAYS`` any other range.

    Since: 0.2.0
    """

    YEAR = "YEAR"
    HALF = "HALF"
    QUARTER = "QUARTER"
    MONTH = "MONTH"
    YEARS = "YEARS"
    MONTHS = "MONTHS"
    DAY = "DAY"
    DAYS = "DAYS"


register(
    PeriodKind,
    {
        PeriodKind.YEAR: ("năm", "year"),
        PeriodKind.HALF: ("6 tháng", "half-year"),
        PeriodKind.QUARTER: ("quý", "quarter"),
        PeriodKind.MONTH: ("tháng", "month"),
        PeriodKind.YEARS: ("nhiều năm", "years"),
        PeriodKind.MONTHS: ("nhiều tháng", "months"),
        PeriodKind.DAY: ("ngày", "day"),
        PeriodKind.DAYS: ("khoảng ngày", "days"),
    },
)


@attrs.frozen(order=True)
class Period:
    """A closed range of calendar dates: ``start`` to ``end``, both included.

    Build one with ``Period(start, end)`` or :meth:`Period.parse`, or with
    the shortcuts :meth:`year`, :meth:`half`, :meth:`quarter`, :meth:`month`.
    Periods order by ``(start, end)``.  ``date in period`` tests
    membership; a datetime is in a period when its local date (UTC+07:00)
    is, a naive one being local time already.  ``str(period)`` gives the shortest ISO form, which
    :meth:`parse` reads back to an equal period.

    Attributes:
        start: the first day of the period.
        end: the last day of the period (not before ``start``).

    Since: 0.1.0
    """

    start: dt.date = plain_date()
    end: dt.date = plain_date()

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise fail(self, "end", f"must not be before start ({self.start} > {self.end})")

    # -- construction -----------------------------------------------------------

    @classmethod
    def year(cls, year: int) -> Period:
        """The whole calendar year *year*."""
        return cls(_date(year, 1, 1), _date(year, 12, 31))

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """Half *half* (1 or 2) of *year*: January-June or July-December."""
        if half not in (1, 2):
            msg = f"Period.half: half must be 1 or 2, not {half!r}"
            raise ValidationError(msg)
        return cls.months_of(year, 6 * half - 5, 6)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarter *quarter* (1 to 4) of *year*."""
        if quarter not in (1, 2, 3, 4):
            msg = f"Period.quarter: quarter must be 1 to 4, not {quarter!r}"
            raise ValidationError(msg)
        return cls.months_of(year, 3 * quarter - 2, 3)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """The calendar month *month* (1 to 12) of *year*."""
        return _month_period(year * 12 + _check_month(month) - 1)

    @classmethod
    def months_of(cls, year: int, first_month: int, count: int) -> Period:
        """*count* whole months of *year* starting with *first_month*."""
        # dateutil's relative months: month arithmetic that rolls over years.
        from dateutil.relativedelta import relativedelta  # noqa: PLC0415 - rare path

        start = _date(year, _check_month(first_month), 1)
        return cls(start, month_end(start + relativedelta(months=count - 1)))

    @classmethod
    def containing(cls, day: dt.date | dt.datetime) -> Period:
        """The calendar month that contains *day* (a date, or a datetime's local date)."""
        if isinstance(day, dt.datetime):
            day = local_date(day)
        return _month_period(month_index(day))

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period from its ISO or Vietnamese name.

        Accepted forms (case, surrounding space and Vietnamese diacritics do
        not matter):

        ======================================  ==========================
        form                                    period
        ======================================  ==========================
        ``2023``, ``năm 2023``                  the year
        ``2023-H1``, ``6 tháng đầu năm 2023``   January to June
        ``2023-H2``, ``6 tháng cuối năm 2023``  July to December
        ``2023-Q2``, ``quý II/2023``,           April to June
        ``quý 2/2023``, ``quý II năm 2023``
        ``2023-06``, ``tháng 6/2023``,          June
        ``tháng 6 năm 2023``
        ``2023-06-15``                          one day
        ``A/B`` (A, B any ISO form above)       from A's start to B's end
        ======================================  ==========================

        Raises:
            ValidationError: quoting the text, if it is not a period.

        Since: 0.1.0
        """
        if not isinstance(text, str):
            msg = f"Period.parse: expected text, not {type(text).__name__}"
            raise ValidationError(msg)
        key = fold(text)
        try:
            period = _parse_single(key)
            if period is None and "/" in key:
                first, _, last = key.partition("/")
                left, right = _parse_iso(first.strip()), _parse_iso(last.strip())
                if left is not None and right is not None:
                    period = cls(left.start, right.end)
        except ValidationError as exc:
            msg = f"Period.parse: cannot read {quote_input(text)} as a period: {exc}"
            raise ValidationError(msg) from None
        except ValueError:  # an impossible date such as 2023-02-30
            msg = f"Period.parse: cannot read {quote_input(text)} as a period: no such date"
            raise ValidationError(msg) from None
        if period is None:
            msg = (
                f"Period.parse: cannot read {quote_input(text)} as a period "
                "(try 2023, 2023-H1, 2023-Q2, 2023-06, 2023-01-15/2023-03-31, "
                "năm 2023, quý II/2023, tháng 6/2023 or 6 tháng đầu năm 2023)"
            )
            raise ValidationError(msg)
        return period

    # -- queries ------------------------------------------------------------------

    def __contains__(self, item: object) -> bool:
        if isinstance(item, dt.datetime):
            # A naive datetime is local time, as the readers take it.
            item = item.date() if item.utcoffset() is None else local_date(item)
        elif not isinstance(item, dt.date):
            return False
        return self.start <= item <= self.end

    @property
    def days(self) -> int:
        """The number of days in the period, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def is_month(self) -> bool:
        """True when the period is exactly one calendar month."""
        return (
            self.start.day == 1
            and self.end == month_end(self.start)
            and (self.start.year == self.end.year and self.start.month == self.end.month)
        )

    @property
    def whole_months(self) -> bool:
        """True when the period starts on a month's first day and ends on a month's last day."""
        return self.start.day == 1 and self.end == month_end(self.end)

    def months(self) -> tuple[Period, ...]:
        """The calendar months the period touches, in order, clipped to the period.

        >>> [str(p) for p in Period.parse("2023-01-15/2023-03-10").months()]
        ['2023-01-15/2023-01-31', '2023-02', '2023-03-01/2023-03-10']
        """
        return tuple(self._iter_months())

    def _iter_months(self) -> Iterator[Period]:
        first, last = month_index(self.start), month_index(self.end)
        for index in range(first, last + 1):
            month = _month_period(index)
            if month.start < self.start or month.end > self.end:
                yield Period(max(month.start, self.start), min(month.end, self.end))
            else:
                yield month

    def month_indices(self) -> range:
        """Running numbers of the months the period touches (internal helper)."""
        return range(month_index(self.start), month_index(self.end) + 1)

    @property
    def kind(self) -> PeriodKind:
        """The shape of the period: a year, a half, a quarter, a month, runs of them, or days.

        >>> Period.parse("2023-H1").kind, Period.parse("2023-02/2023-04").kind
        (<PeriodKind.HALF: 'HALF'>, <PeriodKind.MONTHS: 'MONTHS'>)

        Since: 0.2.0
        """
        start, end = self.start, self.end
        if not self.whole_months:
            return PeriodKind.DAY if start == end else PeriodKind.DAYS
        if start.year != end.year:
            whole_years = (start.month, end.month) == (1, 12)
            return PeriodKind.YEARS if whole_years else PeriodKind.MONTHS
        months = (start.month, end.month)
        if months == (1, 12):
            return PeriodKind.YEAR
        if months in ((1, 6), (7, 12)):
            return PeriodKind.HALF
        if end.month - start.month == 2 and start.month % 3 == 1:
            return PeriodKind.QUARTER
        return PeriodKind.MONTH if start.month == end.month else PeriodKind.MONTHS

    @property
    def number(self) -> int:
        """The half (1-2), quarter (1-4) or month (1-12) within its year; 0 for other kinds.

        >>> Period.parse("quý III/2023").number
        3

        Since: 0.2.0
        """
        kind = self.kind
        if kind is PeriodKind.HALF:
            return (self.start.month + 5) // 6
        if kind is PeriodKind.QUARTER:
            return (self.start.month + 2) // 3
        if kind is PeriodKind.MONTH:
            return self.start.month
        return 0

    def __str__(self) -> str:
        start, end = self.start, self.end
        kind = self.kind
        if kind is PeriodKind.YEAR:
            return f"{start.year:04d}"
        if kind is PeriodKind.HALF:
            return f"{start.year:04d}-H{self.number}"
        if kind is PeriodKind.QUARTER:
            return f"{start.year:04d}-Q{self.number}"
        if kind is PeriodKind.MONTH:
            return f"{start.year:04d}-{start.month:02d}"
        if kind is PeriodKind.YEARS:
            return f"{start.year:04d}/{end.year:04d}"
        if kind is PeriodKind.MONTHS:
            return f"{start.year:04d}-{start.month:02d}/{end.year:04d}-{end.month:02d}"
        if kind is PeriodKind.DAY:
            return start.isoformat()
        return f"{start.isoformat()}/{end.isoformat()}"


# -- parsing helpers --------------------------------------------------------------


def _date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except (TypeError, ValueError) as exc:
        msg = f"Period: no such date {year!r}-{month!r}-{day!r}"
        raise ValidationError(msg) from exc


def _check_month(month: int) -> int:
    if type(month) is not int or not 1 <= month <= 12:
        msg = f"Period: month must be 1 to 12, not {month!r}"
        raise ValidationError(msg)
    return month


@lru_cache(maxsize=4096)
def month_period(index: int) -> Period:
    """The whole calendar month whose running number is *index* (see :mod:`dean06.localtime`).

    Raises:
        ValidationError: if the month lies outside the calendar.

    Since: 0.2.0
    """
    start, end = month_bounds(index)
    return Period(start, end)


_month_period = month_period


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"(\d{4})"
_ISO_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"{_YEAR}"), "year"),
    (re.compile(rf"{_YEAR}-h(\d)"), "half"),
    (re.compile(rf"{_YEAR}-q(\d)"), "quarter"),
    (re.compile(rf"{_YEAR}-(\d{{2}})"), "month"),
    (re.compile(rf"{_YEAR}-(\d{{2}})-(\d{{2}})"), "day"),
)
_VI_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"nam {_YEAR}"), "year"),
    (re.compile(rf"(?:6|sau) thang dau nam {_YEAR}"), "h1"),
    (re.compile(rf"(?:6|sau) thang cuoi nam {_YEAR}"), "h2"),
    (re.compile(rf"quy ([ivx]+|\d+)\s*(?:/|nam)\s*{_YEAR}"), "vi-quarter"),
    (re.compile(rf"thang (\d{{1,2}})\s*(?:/|nam)\s*{_YEAR}"), "vi-month"),
)


def _parse_iso(key: str) -> Period | None:
    for pattern, kind in _ISO_FORMS:
        match = pattern.fullmatch(key)
        if match is None:
            continue
        year = int(match[1])
        if kind == "year":
            return Period.year(year)
        if kind == "half":
            return _half(year, int(match[2]))
        if kind == "quarter":
            return _quarter(year, int(match[2]))
        if kind == "month":
            return Period.month(year, _month_number(match[2]))
        day = _date(year, _month_number(match[2]), int(match[3]))
        return Period(day, day)
    return None


def _parse_single(key: str) -> Period | None:
    period = _parse_iso(key)
    if period is not None:
        return period
    for pattern, kind in _VI_FORMS:
        match = pattern.fullmatch(key)
        if match is None:
            continue
        if kind == "year":
            return Period.year(int(match[1]))
        if kind in ("h1", "h2"):
            return Period.half(int(match[1]), 1 if kind == "h1" else 2)
        if kind == "vi-quarter":
            number = _ROMAN.get(match[1]) if not match[1].isdigit() else int(match[1])
            if number is None:
                msg = f"no quarter {match[1].upper()}"
                raise ValidationError(msg)
            return _quarter(int(match[2]), number)
        return Period.month(int(match[2]), _month_number(match[1]))
    return None


def _month_number(text: str) -> int:
    month = int(text)
    if not 1 <= month <= 12:
        msg = f"no month {month}"
        raise ValidationError(msg)
    return month


def _half(year: int, half: int) -> Period:
    if half not in (1, 2):
        msg = f"no half-year H{half}"
        raise ValidationError(msg)
    return Period.half(year, half)


def _quarter(year: int, quarter: int) -> Period:
    if quarter not in (1, 2, 3, 4):
        msg = f"no quarter {quarter}"
        raise ValidationError(msg)
    return Period.quarter(year, quarter)
