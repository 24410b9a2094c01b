"""Periods: parsing every accepted form, round trips, months, order and membership."""

from __future__ import annotations

import datetime as dt
import itertools
import unicodedata

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dean06 import VIETNAM, Period, ValidationError
from dean06 import strategies as d6st
from dean06.periods import local_date

D = dt.date
UTC = dt.timezone.utc

YEAR_2023 = Period(D(2023, 1, 1), D(2023, 12, 31))
H1 = Period(D(2023, 1, 1), D(2023, 6, 30))
H2 = Period(D(2023, 7, 1), D(2023, 12, 31))
Q1 = Period(D(2023, 1, 1), D(2023, 3, 31))
Q2 = Period(D(2023, 4, 1), D(2023, 6, 30))
Q4 = Period(D(2023, 10, 1), D(2023, 12, 31))
JUNE = Period(D(2023, 6, 1), D(2023, 6, 30))
JULY = Period(D(2023, 7, 1), D(2023, 7, 31))
DECEMBER = Period(D(2023, 12, 1), D(2023, 12, 31))
FEBRUARY_2024 = Period(D(2024, 2, 1), D(2024, 2, 29))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ISO forms
        ("2023", YEAR_2023),
        ("2023-H1", H1),
        ("2023-h1", H1),
        ("2023-H2", H2),
        ("2023-Q1", Q1),
        ("2023-Q2", Q2),
        ("2023-q2", Q2),
        ("2023-Q4", Q4),
        ("2023-06", JUNE),
        ("2023-12", DECEMBER),
        ("2024-02", FEBRUARY_2024),
        ("2023-06-15", Period(D(2023, 6, 15), D(2023, 6, 15))),
        ("2023-01-15/2023-03-31", Period(D(2023, 1, 15), D(2023, 3, 31))),
        ("2023-Q1/2023-Q2", H1),
        ("2023-01/2023-06", H1),
        ("2022/2023", Period(D(2022, 1, 1), D(2023, 12, 31))),
        ("2023-06/2023-06", JUNE),
        ("  2023-H1\n", H1),
        # Vietnamese forms, with and without diacritics, in any case
        ("năm 2023", YEAR_2023),
        ("Năm 2023", YEAR_2023),
        ("NĂM 2023", YEAR_2023),
        ("nam 2023", YEAR_2023),
        ("tháng 6/2023", JUNE),
        ("Tháng 06/2023", JUNE),
        ("THÁNG 6/2023", JUNE),
        ("thang 6/2023", JUNE),
        ("tháng 6 năm 2023", JUNE),
        ("tháng 12/2023", DECEMBER),
        ("tháng 2/2024", FEBRUARY_2024),
        ("quý II/2023", Q2),
        ("Quý II/2023", Q2),
        ("QUÝ II/2023", Q2),
        ("quy ii/2023", Q2),
        ("quý 2/2023", Q2),
        ("quý II năm 2023", Q2),
        ("quý I/2023", Q1),
        ("quý IV/2023", Q4),
        ("6 tháng đầu năm 2023", H1),
        ("6 Tháng Đầu Năm 2023", H1),
        ("6 thang dau nam 2023", H1),
        ("6 tháng cuối năm 2023", H2),
        ("6 thang cuoi nam 2023", H2),
        ("  6   tháng  đầu năm   2023 ", H1),
    ],
)
def test_parse_accepted_forms(text: str, expected: Period) -> None:
    assert Period.parse(text) == expected
    # Decomposed input (as some keyboards and files produce) reads the same.
    assert Period.parse(unicodedata.normalize("NFD", text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "2023-13",
        "2023-00",
        "quý V/2023",
        "quý 5/2023",
        "2023-H3",
        "2023-H0",
        "2023-Q5",
        "tháng 13/2023",
        "2023-02-30",
        "2023-12-31/2023-01-01",
        "2023-Q2/2023-Q1",
        "garbage",
        "20234",
        "2023/",
        "6 tháng giữa năm 2023",
        "năm",
    ],
)
def test_parse_refuses_bad_text_and_quotes_it(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        Period.parse(text)
    message = str(info.value)
    assert message.startswith("Period.parse")
    assert repr(text) in message


def test_parse_masks_personal_identifiers_it_quotes() -> None:
    with pytest.raises(ValidationError) as info:
        Period.parse("051203001234")
    assert "051203001234" not in str(info.value)
    assert "***" in str(info.value)


@pytest.mark.parametrize("value", [2023, None, D(2023, 1, 1), b"2023"])
def test_parse_refuses_what_is_not_text(value: object) -> None:
    with pytest.raises(ValidationError, match=r"Period\.parse"):
        Period.parse(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("period", "text"),
    [
        (YEAR_2023, "2023"),
        (H1, "2023-H1"),
        (H2, "2023-H2"),
        (Q2, "2023-Q2"),
        (JUNE, "2023-06"),
        (Period(D(2023, 1, 15), D(2023, 3, 31)), "2023-01-15/2023-03-31"),
        (Period(D(2023, 6, 15), D(2023, 6, 15)), "2023-06-15"),
        (Period(D(2023, 1, 1), D(2023, 5, 31)), "2023-01/2023-05"),
        (Period(D(2023, 2, 1), D(2023, 4, 30)), "2023-02/2023-04"),
        (Period(D(2022, 7, 1), D(2023, 6, 30)), "2022-07/2023-06"),
        (Period(D(2022, 1, 1), D(2023, 12, 31)), "2022/2023"),
    ],
)
def test_str_is_the_shortest_iso_form(period: Period, text: str) -> None:
    assert str(period) == text
    assert Period.parse(text) == period


@given(d6st.periods(min_year=1, max_year=9998))
def test_parse_reads_str_back(period: Period) -> None:
    assert Period.parse(str(period)) == period


def test_constructors_match_parse() -> None:
    assert Period.year(2023) == YEAR_2023
    assert Period.half(2023, 2) == H2
    assert Period.quarter(2023, 2) == Q2
    assert Period.month(2024, 2) == FEBRUARY_2024
    with pytest.raises(ValidationError):
        Period.half(2023, 3)
    with pytest.raises(ValidationError):
        Period.quarter(2023, 0)
    with pytest.raises(ValidationError):
        Period.month(2023, 13)


def test_period_validation() -> None:
    with pytest.raises(ValidationError, match=r"Period\.end"):
        Period(D(2023, 2, 1), D(2023, 1, 31))
    with pytest.raises(ValidationError, match=r"Period\.start"):
        Period(dt.datetime(2023, 1, 1, tzinfo=UTC), D(2023, 1, 31))
    with pytest.raises(ValidationError, match=r"Period\.end"):
        Period(D(2023, 1, 1), "2023-01-31")  # type: ignore[arg-type]


def test_period_is_immutable_and_hashable() -> None:
    period = Period(D(2023, 1, 1), D(2023, 1, 31))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        period.end = D(2023, 2, 1)  # type: ignore[misc]
    assert hash(period) == hash(Period.month(2023, 1))
    assert {period, Period.month(2023, 1)} == {period}


def test_months_are_clipped_to_the_period() -> None:
    period = Period.parse("2023-01-15/2023-03-10")
    assert period.months() == (
        Period(D(2023, 1, 15), D(2023, 1, 31)),
        Period.month(2023, 2),
        Period(D(2023, 3, 1), D(2023, 3, 10)),
    )
    assert Period.parse("2023-H1").months() == tuple(Period.month(2023, m) for m in range(1, 7))
    assert Period(D(2023, 6, 10), D(2023, 6, 20)).months() == (
        Period(D(2023, 6, 10), D(2023, 6, 20)),
    )
    assert Period.parse("2023-12-15/2024-01-15").months() == (
        Period(D(2023, 12, 15), D(2023, 12, 31)),
        Period(D(2024, 1, 1), D(2024, 1, 15)),
    )


@given(d6st.periods())
def test_months_tile_the_period(period: Period) -> None:
    months = period.months()
    assert months
    assert months[0].start == period.start
    assert months[-1].end == period.end
    for before, after in itertools.pairwise(months):
        assert after.start == before.end + dt.timedelta(days=1)
        assert after.start.day == 1
    for month in months:
        assert (month.start.year, month.start.month) == (month.end.year, month.end.month)
    assert sum(m.days for m in months) == period.days
    if period.whole_months:
        assert all(m.is_month for m in months)


@given(d6st.months())
def test_months_strategy_gives_single_months(month: Period) -> None:
    assert month.is_month
    assert month.months() == (month,)
    assert Period.containing(month.start) == month
    assert Period.containing(month.end) == month


@given(d6st.periods(), d6st.periods())
def test_periods_order_by_start_then_end(a: Period, b: Period) -> None:
    assert (a < b) == ((a.start, a.end) < (b.start, b.end))
    assert (a <= b) == ((a.start, a.end) <= (b.start, b.end))
    assert (a == b) == ((a.start, a.end) == (b.start, b.end))


def test_sorting_periods() -> None:
    periods = [Q2, JUNE, YEAR_2023, H1, Period(D(2023, 1, 1), D(2023, 1, 1))]
    assert sorted(periods) == [Period(D(2023, 1, 1), D(2023, 1, 1)), H1, YEAR_2023, Q2, JUNE]


@given(d6st.periods(), st.dates(min_value=D(1999, 1, 1), max_value=D(2031, 12, 31)))
def test_date_membership(period: Period, day: dt.date) -> None:
    assert (day in period) == (period.start <= day <= period.end)


@given(d6st.periods(min_year=2001, max_year=2029))
def test_aware_datetime_membership_uses_the_local_date(period: Period) -> None:
    start_local = dt.datetime.combine(period.start, dt.time(0, 0), tzinfo=VIETNAM)
    end_local = dt.datetime.combine(period.end, dt.time(23, 59, 59, 999_999), tzinfo=VIETNAM)
    for moment in (start_local, end_local):
        assert moment in period
        assert moment.astimezone(UTC) in period
        assert moment.astimezone(dt.timezone(dt.timedelta(hours=-12))) in period
    tick = dt.timedelta(microseconds=1)
    assert (start_local - tick).astimezone(UTC) not in period
    assert (end_local + tick).astimezone(dt.timezone(dt.timedelta(hours=14))) not in period


def test_datetime_membership_examples() -> None:
    late_utc = dt.datetime(2023, 6, 30, 20, 0, tzinfo=UTC)
    assert late_utc in JULY
    assert late_utc not in JUNE
    late_local = dt.datetime(2023, 6, 30, 23, 30, tzinfo=VIETNAM)
    assert late_local in JUNE
    assert late_local not in JULY
    assert dt.datetime(2023, 6, 30, 16, 59, 59, tzinfo=UTC) in JUNE
    assert dt.datetime(2023, 6, 30, 17, 0, tzinfo=UTC) in JULY
    new_york = dt.timezone(dt.timedelta(hours=-5))
    assert dt.datetime(2023, 6, 30, 12, 0, tzinfo=new_york) in JULY  # 17:00Z


def test_a_naive_datetime_is_local_time() -> None:
    # As the readers take it: a time without an offset is UTC+07:00.
    assert dt.datetime(2023, 6, 30, 23, 30) in JUNE  # noqa: DTZ001 - the point of the test
    assert dt.datetime(2023, 7, 1, 0, 30) not in JUNE  # noqa: DTZ001
    # local_date itself needs to know the offset.
    with pytest.raises(ValidationError, match="naive"):
        local_date(dt.datetime(2023, 6, 30, 12, 0))  # noqa: DTZ001


# Naive bounds: Hypothesis attaches the time zone (UTC) itself.
NAIVE_FIRST = dt.datetime(2000, 1, 1)  # noqa: DTZ001
NAIVE_LAST = dt.datetime(2030, 12, 30, 23, 59, 59)  # noqa: DTZ001


@given(st.datetimes(min_value=NAIVE_FIRST, max_value=NAIVE_LAST))
def test_next_local_day_exactly_from_17_utc(naive: dt.datetime) -> None:
    moment = naive.replace(tzinfo=UTC)
    same_day = Period(naive.date(), naive.date())
    next_day_date = naive.date() + dt.timedelta(days=1)
    next_day = Period(next_day_date, next_day_date)
    assert (moment in next_day) == (naive.hour >= 17)
    assert (moment in same_day) == (naive.hour < 17)
    assert local_date(moment) == (next_day_date if naive.hour >= 17 else naive.date())


@given(
    st.datetimes(min_value=NAIVE_FIRST, max_value=NAIVE_LAST).map(lambda d: d.replace(hour=23)),
)
def test_just_before_midnight_utc_is_always_the_next_local_day(naive: dt.datetime) -> None:
    moment = naive.replace(tzinfo=UTC)
    assert local_date(moment) == naive.date() + dt.timedelta(days=1)


@given(d6st.periods(), st.data())
def test_generated_datetimes_lie_in_their_period(period: Period, data: st.DataObject) -> None:
    moment = data.draw(d6st.aware_datetimes(period))
    assert moment.utcoffset() is not None
    assert moment in period
    assert local_date(moment) == moment.astimezone(VIETNAM).date()
    assert Period.containing(moment) == Period.containing(local_date(moment))
