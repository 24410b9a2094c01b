"""Vietnam's calendar: UTC+07:00 all year, and month arithmetic in one place.

Vietnam keeps UTC+07:00 all year (Indochina Time, no daylight saving time),
and every report of Project 06 counts by the local calendar date: a dossier
received at ``2023-06-30T20:00:00Z`` was received on 1 July 2023 in Hà Nội
and counts in July.  This module is the one place that turns instants into
local dates and months, and months into running numbers and back; every
other module (periods, tallies, readers, strategies, reports) calls it.

A month's *index* is its running number, ``year * 12 + month - 1``: the
months of a tally are kept as indexes, and consecutive months have
consecutive indexes.

>>> import datetime as dt
>>> moment = dt.datetime(2023, 6, 30, 20, 0, tzinfo=dt.timezone.utc)
>>> month_of(moment) == month_index(dt.date(2023, 7, 1))
True
>>> month_bounds(month_index(dt.date(2024, 2, 10)))
(datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
>>> local_date(dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5))))
Traceback (most recent call last):
...
dean06.errors.ValidationError: local_date: the local date (UTC+07:00) is after 9999-12-31, ...
"""

from __future__ import annotations

import calendar
import datetime as dt

from dean06.errors import ValidationError

__all__ = [
    "FIRST_MONTH",
    "LAST_MONTH",
    "VIETNAM",
    "local_date",
    "local_datetime",
    "month_bounds",
    "month_end",
    "month_index",
    "month_of",
]

#: Vietnam's time zone: UTC+07:00 all year (Indochina Time, no DST).
VIETNAM = dt.timezone(dt.timedelta(hours=7))

SEVEN_HOURS = dt.timedelta(hours=7)

#: The index of the first and the last month of the calendar (January of
#: year 1, December of year 9999).
FIRST_MONTH = 12
LAST_MONTH = 9999 * 12 + 11


def local_datetime(moment: dt.datetime) -> dt.datetime:
    """Return *moment* as a wall-clock time in Vietnam (UTC+07:00, tzinfo kept as given).

    Only the fields (year to second) are meaningful; the result is for
    reading the local date and month.

    Raises:
        ValidationError: if *moment* is naive, or if its local date lies
            outside the calendar (``9999-12-31T23:00:00-05:00`` is already
            1 January of year 10000 in Vietnam).

    Since: 0.2.0
    """
    offset = moment.utcoffset()
    if offset == SEVEN_HOURS:
        return moment
    if offset is None:
        msg = "local_date: the datetime is naive; attach a time zone (UTC+07:00 for Vietnam)"
        raise ValidationError(msg, owner="local_date", rule="the datetime is naive")
    try:
        return moment - offset + SEVEN_HOURS
    except OverflowError:
        side = "after 9999-12-31" if offset < SEVEN_HOURS else "before 0001-01-01"
        rule = f"the local date (UTC+07:00) is {side}, outside the calendar"
        raise ValidationError(owner="local_date", rule=rule) from None


def local_date(moment: dt.datetime) -> dt.date:
    """Return the calendar date of *moment* in Vietnam (UTC+07:00).

    Args:
        moment: a timezone-aware datetime.

    Raises:
        ValidationError: if *moment* is naive (its time zone is unknown) or
            its local date lies outside the calendar.

    >>> local_date(dt.datetime(2023, 6, 30, 20, 0, tzinfo=dt.timezone.utc))
    datetime.date(2023, 7, 1)

    Since: 0.1.0
    """
    return local_datetime(moment).date()


def month_index(day: dt.date) -> int:
    """Return a month's running number, ``year * 12 + month - 1``.

    Since: 0.1.0
    """
    return day.year * 12 + day.month - 1


def month_of(moment: dt.datetime) -> int:
    """Return the running number of the local month (UTC+07:00) of *moment*.

    Raises:
        ValidationError: as :func:`local_datetime`.

    Since: 0.2.0
    """
    local = local_datetime(moment)
    return local.year * 12 + local.month - 1


def month_end(day: dt.date) -> dt.date:
    """The last day of *day*'s month.

    Since: 0.2.0
    """
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_bounds(index: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the month whose running number is *index*.

    Raises:
        ValidationError: if the month lies outside the calendar.

    Since: 0.2.0
    """
    if not FIRST_MONTH <= index <= LAST_MONTH:
        rule = f"month number {index} is outside the calendar (years 1 to 9999)"
        raise ValidationError(owner="month_bounds", rule=rule)
    year, month0 = divmod(index, 12)
    start = dt.date(year, month0 + 1, 1)
    return start, month_end(start)
