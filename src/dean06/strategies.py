"""Hypothesis strategies for every public dean06 type (the ``testing`` extra).

Install with ``pip install dean06[testing]``.  Each function returns a
:class:`hypothesis.strategies.SearchStrategy` that generates only *valid*
values: every generated value object constructs without a
:class:`~dean06.ValidationError`, every generated
:class:`~dean06.UnitCatalogue` is a valid hierarchy, and every generated
:class:`~dean06.Dataset` is referentially consistent
(``dataset.problems() == ()``).  Arguments narrow what is generated, for
example ``dossiers(services=["D06-06"], period=Period.parse("2023-H1"))``.

Generated values go for the hard cases on purpose:

* text fields hold Vietnamese with diacritics, commas, quotes, newlines and
  carriage returns inside, and may start with ``=``, ``+``, ``-``, ``@`` or an
  apostrophe (what a spreadsheet would read as a formula); they are always
  NFC, non-empty and without surrounding whitespace, as the value objects
  store them;
* date-times carry many UTC offsets, not only +07:00, with local times
  close to midnight, so that bucketing by the local date (UTC+07:00) is
  tested; all offsets are fixed (:class:`datetime.timezone`), whole minutes,
  and years stay around 2000-2030;
* rates include "no rate" (``Rate(0, 0)``) and 0%.

**Registration.**  Importing this module registers these strategies with
:func:`hypothesis.strategies.register_type_strategy`, so that
``st.from_type(dean06.Dossier)`` (and ``st.builds`` or ``@given`` with type
annotations) generate valid values.  Hypothesis's default for an attrs
class, ``st.builds``, ignores most attrs validators and so builds invalid
values; registering is the only way to make type-driven generation valid.
The registration is a side effect of importing ``dean06.strategies`` (never
of ``import dean06``: the core does not import Hypothesis).  Each type is
registered with a function, so nothing is materialised at import time; a
later ``register_type_strategy`` call of your own replaces ours.

>>> from hypothesis import given, settings
>>> from dean06 import strategies as d6st
>>> @settings(max_examples=20)
... @given(d6st.datasets(max_dossiers=5))
... def test_consistent(dataset):
...     assert dataset.problems() == ()
>>> test_consistent()

Since: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import string
import unicodedata
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from dean06.campaigns import AssistanceEvent, AssistanceKind, Campaign, Team
from dean06.dataset import Dataset
from dean06.dossiers import Channel, Dossier, DossierStatus
from dean06.errors import Problem, mask_personal
from dean06.identity import IdentityLevel
from dean06.periods import VIETNAM, Period, month_index
from dean06.rates import Rate
from dean06.services import OnlineMode, Service
from dean06.tally import AssistanceCount, AssistanceTally, DossierCount, DossierTally
from dean06.units import AdministrativeUnit, UnitCatalogue, UnitLevel

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

__all__ = [
    # building blocks
    "aware_datetimes",
    "codes",
    "months",
    "periods",
    "problems",
    "rates",
    "texts",
    # value objects and collections
    "administrative_units",
    "assistance_events",
    "campaigns",
    "dossiers",
    "services",
    "teams",
    "unit_catalogues",
    "units",
    # tallies
    "assistance_counts",
    "assistance_tallies",
    "dossier_counts",
    "dossier_tallies",
    # data sets
    "datasets",
]

#: The default range of years: dates and date-times stay within it.
MIN_YEAR = 2000
MAX_YEAR = 2030

# Pieces of text: Vietnamese words with their diacritics (precomposed, as
# NFC keeps them), and the characters that break naive CSV, JSON or
# line-based handling.  A text is a few pieces joined, which takes far fewer
# draws than a character at a time.
_WORD_LIST = """
    Quảng Ngãi Tơ Bình Sơn Trà Bồng Nghĩa Hành xã huyện tỉnh đoàn Đội hình thanh
    niên tình nguyện hồ sơ trực tuyến định danh điện tử mức độ Công an ưu tiên
    Ủy ban nhân dân Mua bán ĐIỆN Yên Ỷ ữ ẫ x A1 2023 06
    """
_WORDS = tuple(_WORD_LIST.split())
_AWKWARD = (
    ",",
    ", ",
    ";",
    '"',
    '""',
    "'",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "  ",
    "|",
    "\\",
    "/",
    "=",
    "+",
    "-",
    "@",
    "#",
    "%",
    "(",
    ")",
    "…",
    "–",
    "<b>",
    "{}",
    "${x}",
    "NULL",
    "0",
)
# What a spreadsheet reads as the start of a formula, and the apostrophe
# that CSV writers use to neutralise one.
_FORMULA_LEADS = ("=", "+", "-", "@", "'")
# Letters, digits and the punctuation that codes use, plus a few awkward ones.
_CODE_ALPHABET = string.ascii_letters + string.digits + "-_.@/:" + "ăâđêôơưĐ,\"'"

_HARD_TEXTS = (
    "Quảng Ngãi",
    "Ba Tơ",
    "Bình Sơn, Trà Bồng",
    'Đội hình "Thanh niên tình nguyện"',
    "Tỉnh đoàn\nQuảng Ngãi",
    "dòng một\r\ndòng hai",
    "=SUM(A1:A9)",
    "+84 hỗ trợ",
    "-1",
    "@cong-an",
    "'đã trích dẫn",
    "a,b",
    '"',
    "'",
    "=",
    "Xã Trà Xuân; thị trấn",
)

# Any other Unicode a person might type.  Surrogates cannot be encoded;
# control characters (the line breaks and tab are among the pieces above),
# private-use and unassigned code points are not text.
_OTHER_UNICODE = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Co", "Cn")), min_size=1, max_size=6
)
_PIECES = st.one_of(st.sampled_from(_WORDS + _AWKWARD), _OTHER_UNICODE)

_SAMPLE_CODES = (
    "51",
    "535",
    "53501",
    "D06-01",
    "D06-25",
    "1.004222",
    "HS-000001",
    "51@2025-07-01",
    "=1+1",
    "-5",
    "+1",
    "@x",
    "'01",
    "a,b",
    'm"x',
)

# Fixed UTC offsets, in minutes: Vietnam (often), UTC, both extremes, the
# half- and quarter-hour zones, and a few neighbours.
_OFFSETS_MINUTES = (
    420,
    420,
    0,
    -720,
    840,
    345,
    330,
    -210,
    570,
    -300,
    60,
    480,
    525,
    -60,
    765,
    600,
    -480,
    405,
)

_PROVINCE_NAMES = ("Quảng Ngãi", "Kon Tum", "Bình Định", "Hà Nội", 'Tỉnh "Mới", 2025')
_UNIT_NAMES = ("Ba Tơ", "Bình Sơn", "Trà Bồng", "Lý Sơn", "Bình Minh", "Trà Xuân", "Nghĩa Hành")
_REFORM_DAY = dt.date(2025, 7, 1)


def _normalise(value: str) -> str:
    previous = None
    while value != previous:
        previous = value
        value = unicodedata.normalize("NFC", value).strip()
    return value


def _is_clean(value: str) -> bool:
    return bool(value) and unicodedata.normalize("NFC", value).strip() == value


def _check_size(min_size: int, max_size: int) -> None:
    if min_size < 1 or max_size < min_size:
        msg = f"need 1 <= min_size <= max_size, got min_size={min_size}, max_size={max_size}"
        raise InvalidArgument(msg)


def _check_years(min_year: int, max_year: int) -> None:
    if not 1 <= min_year <= max_year <= 9998:
        msg = f"need 1 <= min_year <= max_year <= 9998, got {min_year} and {max_year}"
        raise InvalidArgument(msg)


def _check_max(**bounds: int) -> None:
    for name, value in bounds.items():
        if value < 0:
            msg = f"{name} must not be negative, got {value}"
            raise InvalidArgument(msg)


# Strategies are built once and reused: a strategy object built inside a
# draw would be validated again on every draw, which costs more than the
# draw itself.  Parameterised ones are cached by their arguments.


@functools.lru_cache(maxsize=1024)
def _integers(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


@functools.lru_cache(maxsize=1024)
def _dates(start: dt.date, end: dt.date) -> st.SearchStrategy[dt.date]:
    """Dates from *start* to *end*, both ends favoured."""
    offsets = _integers(0, (end - start).days)
    return st.one_of(
        st.sampled_from((start, end)), offsets.map(lambda n: start + dt.timedelta(days=n))
    )


@functools.lru_cache(maxsize=1024)
def _date_pairs(start: dt.date, end: dt.date) -> st.SearchStrategy[tuple[dt.date, dt.date]]:
    """Two dates from *start* to *end*, the first not after the second."""
    days = _dates(start, end)
    return st.tuples(days, days).map(lambda pair: (min(pair), max(pair)))


_DEFAULT_SPAN = (dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31))


# -- building blocks ----

_LEADS = st.sampled_from(("", "", "", *_FORMULA_LEADS))


def _joined(parts: tuple[str, list[str]], min_size: int, max_size: int) -> str:
    lead, pieces = parts
    text = _normalise(lead + "".join(pieces))
    if len(text) < min_size:  # pad long texts out rather than filter them away
        text += "x" * (min_size - len(text))
    return _normalise(text[:max_size])


@functools.lru_cache(maxsize=64)
def _texts(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    samples = st.sampled_from(
        [t for t in _HARD_TEXTS if min_size <= len(t) <= max_size] or ["x" * min_size]
    )
    built = st.tuples(_LEADS, st.lists(_PIECES, min_size=1, max_size=5)).map(
        functools.partial(_joined, min_size=min_size, max_size=max_size)
    )
    return st.one_of(samples, built).filter(
        lambda s: _is_clean(s) and min_size <= len(s) <= max_size
    )


def texts(*, min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text as every dean06 text field stores it: NFC, non-empty, stripped.

    The hard cases of CSV and JSON are frequent: Vietnamese letters with
    diacritics, commas, quotes, tabs, newlines and carriage returns inside
    the text, other Unicode, and a leading ``=``, ``+``, ``-``, ``@`` or
    apostrophe.

    Args:
        min_size: the fewest characters (at least 1).
        max_size: the most characters.

    Returns:
        A strategy for ``str`` values ``s`` with
        ``unicodedata.normalize("NFC", s).strip() == s != ""``.

    Raises:
        InvalidArgument: unless ``1 <= min_size <= max_size``.

    Since: 0.1.0
    """
    _check_size(min_size, max_size)
    return _texts(min_size, max_size)


@functools.lru_cache(maxsize=64)
def _codes(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    samples = st.sampled_from(
        [c for c in _SAMPLE_CODES if min_size <= len(c) <= max_size] or ["C" * min_size]
    )
    # The alphabet holds the formula characters, so codes start with one
    # now and then; one draw of text keeps this cheap.
    built = st.text(_CODE_ALPHABET + "=+", min_size=min_size, max_size=max_size)
    return st.one_of(samples, built).filter(_plain_code)


def _plain_code(code: str) -> bool:
    return mask_personal(code) == code


def codes(*, min_size: int = 1, max_size: int = 16) -> st.SearchStrategy[str]:
    """Codes: ids of dossiers, teams and campaigns, service and unit codes.

    Mostly letters, digits and ``-_.@/:``, sometimes with a Vietnamese
    letter, a comma or a quote, or a leading ``=``, ``+``, ``-``, ``@`` or
    apostrophe; never whitespace.  A code never looks like a personal
    identifier (nine digits in a row, or a phone number), so messages that
    quote it show it unmasked.

    Args:
        min_size: the fewest characters (at least 1).
        max_size: the most characters.

    Returns:
        A strategy for code strings.

    Raises:
        InvalidArgument: unless ``1 <= min_size <= max_size``.

    Since: 0.1.0
    """
    _check_size(min_size, max_size)
    return _codes(min_size, max_size)


def _month(index: int) -> Period:
    year, month0 = divmod(index, 12)
    return Period.month(year, month0 + 1)


def _month_runs(first: int, last: int) -> st.SearchStrategy[Period]:
    indices = _integers(first, last)
    return st.tuples(indices, indices).map(
        lambda pair: Period(_month(min(pair)).start, _month(max(pair)).end)
    )


@functools.lru_cache(maxsize=64)
def _periods(min_year: int, max_year: int, *, whole_months: bool) -> st.SearchStrategy[Period]:
    years = _integers(min_year, max_year)
    forms: list[st.SearchStrategy[Period]] = [
        st.builds(Period.year, years),
        st.builds(Period.half, years, _integers(1, 2)),
        st.builds(Period.quarter, years, _integers(1, 4)),
        st.builds(Period.month, years, _integers(1, 12)),
        _month_runs(month_index(dt.date(min_year, 1, 1)), month_index(dt.date(max_year, 12, 1))),
    ]
    if not whole_months:
        days = _dates(dt.date(min_year, 1, 1), dt.date(max_year, 12, 31))
        pairs = _date_pairs(dt.date(min_year, 1, 1), dt.date(max_year, 12, 31))
        forms += [
            days.map(lambda day: Period(day, day)),
            pairs.map(lambda pair: Period(*pair)),
        ]
    return st.one_of(forms)


def periods(
    *, min_year: int = MIN_YEAR, max_year: int = MAX_YEAR, whole_months: bool = False
) -> st.SearchStrategy[Period]:
    """Periods: years, halves, quarters, months, runs of months, days and date ranges.

    Args:
        min_year: the earliest year a period may touch.
        max_year: the latest year a period may touch.
        whole_months: only periods from the first day of a month to the
            last day of a month (what :class:`~dean06.DossierTally` filters
            accept).

    Returns:
        A strategy for :class:`~dean06.Period`.

    Raises:
        InvalidArgument: unless ``1 <= min_year <= max_year <= 9998``.

    Since: 0.1.0
    """
    _check_years(min_year, max_year)
    return _periods(min_year, max_year, whole_months=whole_months)


@functools.lru_cache(maxsize=64)
def _months(min_year: int, max_year: int) -> st.SearchStrategy[Period]:
    return st.builds(Period.month, _integers(min_year, max_year), _integers(1, 12))


def months(*, min_year: int = MIN_YEAR, max_year: int = MAX_YEAR) -> st.SearchStrategy[Period]:
    """One-month periods (``Period.month(year, month)``).

    Args:
        min_year: the earliest year.
        max_year: the latest year.

    Returns:
        A strategy for :class:`~dean06.Period` values with ``is_month``.

    Raises:
        InvalidArgument: unless ``1 <= min_year <= max_year <= 9998``.

    Since: 0.1.0
    """
    _check_years(min_year, max_year)
    return _months(min_year, max_year)


def _zone(minutes: int) -> dt.timezone:
    return dt.timezone.utc if minutes == 0 else dt.timezone(dt.timedelta(minutes=minutes))


_OFFSETS = st.sampled_from(tuple(_zone(minutes) for minutes in _OFFSETS_MINUTES))

_EDGE_TIMES = (
    dt.time(0, 0),
    dt.time(0, 0, 0, 1),
    dt.time(6, 59, 59),
    dt.time(7, 0),
    dt.time(12, 0),
    dt.time(16, 59, 59, 999_999),
    dt.time(17, 0),
    dt.time(23, 30),
    dt.time(23, 59, 59),
    dt.time(23, 59, 59, 999_999),
)


def _in_zone(local: dt.datetime, zone: dt.timezone) -> dt.datetime:
    return local.astimezone(zone)


@functools.lru_cache(maxsize=1024)
def _local_moments(start: dt.date, end: dt.date) -> st.SearchStrategy[dt.datetime]:
    """Moments whose date in Vietnam is from *start* to *end*, as UTC+07:00 date-times."""
    midnight = dt.datetime.combine(start, dt.time(0, 0), tzinfo=VIETNAM)
    days = (end - start).days + 1
    at_edges = st.tuples(_integers(0, days - 1), st.sampled_from(_EDGE_TIMES)).map(
        lambda pair: dt.datetime.combine(start + dt.timedelta(days=pair[0]), pair[1], VIETNAM)
    )
    seconds = _integers(0, days * 86_400 - 1).map(lambda n: midnight + dt.timedelta(seconds=n))
    micros = _integers(0, days * 86_400_000_000 - 1).map(
        lambda n: midnight + dt.timedelta(microseconds=n)
    )
    return st.one_of(at_edges, seconds, micros)


@functools.lru_cache(maxsize=1024)
def _aware_datetimes(start: dt.date, end: dt.date) -> st.SearchStrategy[dt.datetime]:
    return st.builds(_in_zone, _local_moments(start, end), _OFFSETS)


def aware_datetimes(period: Period | None = None) -> st.SearchStrategy[dt.datetime]:
    """Timezone-aware date-times whose local date (UTC+07:00) lies in *period*.

    The offset varies (+07:00, UTC, -12:00, +14:00, +05:45, +09:30,
    +06:45 and others, all fixed and whole minutes), and local times favour
    the edges of the day (midnight, one microsecond past, 23:59:59.999999),
    so that a value is often on a different calendar day in its own offset
    than in Vietnam.

    Args:
        period: the local dates to stay within; by default
            2000-01-01 to 2030-12-31.

    Returns:
        A strategy for aware :class:`datetime.datetime` values ``d`` with
        ``d in period``.

    Raises:
        InvalidArgument: if *period* is not a :class:`~dean06.Period`.

    Since: 0.1.0
    """
    period = _period_or_default(period)
    return _aware_datetimes(period.start, period.end)


def _period_or_default(period: Period | None) -> Period:
    if period is None:
        return Period(*_DEFAULT_SPAN)
    if not isinstance(period, Period):
        msg = f"period must be a dean06.Period or None, not {type(period).__name__}"
        raise InvalidArgument(msg)
    return period


_ENDS = st.sampled_from(("low", "high", "any"))


@st.composite
def _rates(draw: st.DrawFn, denominators: st.SearchStrategy[int]) -> Rate:
    denominator = draw(denominators)
    end = draw(_ENDS)
    if end == "any":
        return Rate(draw(_integers(0, denominator)), denominator)
    return Rate(0 if end == "low" else denominator, denominator)


@functools.lru_cache(maxsize=64)
def _rates_for(max_denominator: int, *, defined: bool | None) -> st.SearchStrategy[Rate]:
    low = 1 if defined else 0
    high = 0 if defined is False else max_denominator
    denominators = st.one_of(_integers(low, min(high, 30)), _integers(low, high))
    return _rates(denominators)


def rates(*, max_denominator: int = 1000, defined: bool | None = None) -> st.SearchStrategy[Rate]:
    """Rates ``numerator / denominator`` with ``0 <= numerator <= denominator``.

    Undefined rates (``Rate(0, 0)``), 0% and 100% come up often.

    Args:
        max_denominator: the largest denominator.
        defined: True for defined rates only (denominator at least 1),
            False for ``Rate(0, 0)`` only, None for both.

    Returns:
        A strategy for :class:`~dean06.Rate`.

    Raises:
        InvalidArgument: for a negative *max_denominator*, or 0 with
            ``defined=True``.

    Since: 0.1.0
    """
    _check_max(max_denominator=max_denominator)
    if defined and max_denominator < 1:
        msg = "defined=True needs max_denominator >= 1"
        raise InvalidArgument(msg)
    return _rates_for(max_denominator, defined=defined)


@functools.lru_cache(maxsize=1)
def _problems() -> st.SearchStrategy[Problem]:
    locations = st.one_of(
        st.builds(
            "{}.csv, line {}, column {!r}".format,
            st.sampled_from(("dossiers", "events", "units")),
            st.integers(2, 10**6),
            st.sampled_from(("received", "service", "Ngày tiếp nhận")),
        ),
        st.builds(
            "{}[{}].{}".format,
            st.sampled_from(("dossiers", "events")),
            st.integers(0, 99),
            st.sampled_from(("service", "unit", "team")),
        ),
    )
    return st.builds(Problem, locations, texts())


def problems() -> st.SearchStrategy[Problem]:
    """Problems: a location and a message, as a reader reports them.

    Returns:
        A strategy for :class:`~dean06.Problem`.

    Since: 0.1.0
    """
    return _problems()


# -- references ----


def _code_of(item: object, what: str) -> str:
    if isinstance(item, str):
        return item
    for attribute in ("code", "id"):
        value = getattr(item, attribute, None)
        if isinstance(value, str):
            return value
    msg = f"{what}: expected codes or dean06 objects with a code, not {type(item).__name__}"
    raise InvalidArgument(msg)


def _pool(items: Iterable[object] | None, what: str) -> tuple[str, ...] | None:
    """The distinct codes of *items*, in order; None for "any code"."""
    if items is None:
        return None
    if isinstance(items, str):
        msg = f"{what}: expected a collection of codes, not one string"
        raise InvalidArgument(msg)
    pool = tuple(dict.fromkeys(_code_of(item, what) for item in items))
    if not pool:
        msg = f"{what}: needs at least one code (pass None for any code)"
        raise InvalidArgument(msg)
    return pool


@functools.lru_cache(maxsize=1024)
def _pick(pool: tuple[str, ...] | None) -> st.SearchStrategy[str]:
    return codes() if pool is None else st.sampled_from(pool)


@functools.lru_cache(maxsize=1024)
def _pick_optional(pool: tuple[str, ...] | None) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), _pick(pool))


@functools.lru_cache(maxsize=256)
def _unique_codes(min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(codes(), min_size=min_size, max_size=max_size, unique=True)


# -- units ----

_BEFORE_REFORM = _REFORM_DAY - dt.timedelta(days=1)
_VALIDITY: st.SearchStrategy[tuple[dt.date | None, dt.date | None]] = st.one_of(
    st.just((None, None)),
    st.tuples(
        st.one_of(st.none(), _dates(dt.date(1990, 1, 1), dt.date(2020, 1, 1))),
        st.just(_BEFORE_REFORM),
    ),
    st.just((_REFORM_DAY, None)),
    _date_pairs(*_DEFAULT_SPAN),
)
_LEVELS = st.sampled_from(UnitLevel)
_UNIT_NAME_TEXTS = st.one_of(st.sampled_from(_UNIT_NAMES), texts())
_PROVINCE_NAME_TEXTS = st.one_of(st.sampled_from(_PROVINCE_NAMES), texts())
_OPTIONAL_CODES = st.one_of(st.none(), codes())


@st.composite
def _administrative_units(
    draw: st.DrawFn, level: UnitLevel | None, parents: tuple[str, ...] | None
) -> AdministrativeUnit:
    code = draw(codes())
    if parents is None:
        parent = draw(_OPTIONAL_CODES)
    else:
        options = tuple(p for p in parents if p != code)
        parent = draw(_pick(options)) if options else None
    valid_from, valid_to = draw(_VALIDITY)
    return AdministrativeUnit(
        code=code,
        name=draw(_UNIT_NAME_TEXTS),
        level=draw(_LEVELS) if level is None else level,
        parent=None if parent == code else parent,
        valid_from=valid_from,
        valid_to=valid_to,
        gso_code=draw(_OPTIONAL_CODES),
    )


def administrative_units(
    *, level: UnitLevel | None = None, parents: Iterable[str | AdministrativeUnit] | None = None
) -> st.SearchStrategy[AdministrativeUnit]:
    """Single administrative units (not checked against any catalogue).

    Some have validity dates (open-ended, until 30 June 2025, from
    1 July 2025, or a window), some a ``gso_code``.  For units that form a
    valid hierarchy, use :func:`unit_catalogues`.

    Args:
        level: the level of every unit; any level by default.
        parents: codes (or units) to choose the parent from; by default a
            random code or None.

    Returns:
        A strategy for :class:`~dean06.AdministrativeUnit`.

    Raises:
        InvalidArgument: for an empty *parents*, or items without a code.

    Since: 0.1.0
    """
    if level is not None and not isinstance(level, UnitLevel):
        msg = f"level must be a UnitLevel or None, not {type(level).__name__}"
        raise InvalidArgument(msg)
    return _administrative_units(level, _pool(parents, "parents"))


def units(
    *, level: UnitLevel | None = None, parents: Iterable[str | AdministrativeUnit] | None = None
) -> st.SearchStrategy[AdministrativeUnit]:
    """Single administrative units: the short name of :func:`administrative_units`.

    Args:
        level: the level of every unit; any level by default.
        parents: codes (or units) to choose the parent from.

    Returns:
        A strategy for :class:`~dean06.AdministrativeUnit`.

    Since: 0.1.0
    """
    return administrative_units(level=level, parents=parents)


@st.composite
def _unit_lists(
    draw: st.DrawFn, max_provinces: int, max_districts: int, max_communes: int
) -> list[AdministrativeUnit]:
    # The shape first: provinces, their districts, the districts' communes,
    # and communes directly under a province (after the 2025 reform).
    shape: list[tuple[UnitLevel, int | None]] = []
    for _ in range(draw(_integers(0, max_provinces))):
        province = len(shape)
        shape.append((UnitLevel.PROVINCE, None))
        for _ in range(draw(_integers(0, max_districts))):
            district = len(shape)
            shape.append((UnitLevel.DISTRICT, province))
            shape.extend(
                (UnitLevel.COMMUNE, district) for _ in range(draw(_integers(0, max_communes)))
            )
        shape.extend(
            (UnitLevel.COMMUNE, province) for _ in range(draw(_integers(0, max_communes // 2)))
        )
    unit_codes = draw(_unique_codes(len(shape), len(shape)))
    units: list[AdministrativeUnit] = []
    for (level, parent), code in zip(shape, unit_codes, strict=True):
        valid_from, valid_to = draw(_VALIDITY)
        units.append(
            AdministrativeUnit(
                code=code,
                name=draw(
                    _PROVINCE_NAME_TEXTS if level is UnitLevel.PROVINCE else _UNIT_NAME_TEXTS
                ),
                level=level,
                parent=None if parent is None else unit_codes[parent],
                valid_from=valid_from,
                valid_to=valid_to,
                gso_code=draw(_OPTIONAL_CODES),
            )
        )
    # Shuffled: a catalogue must not rely on parents coming first.
    return draw(st.permutations(units)) if len(units) > 1 else units


def unit_catalogues(
    *, max_provinces: int = 2, max_districts: int = 3, max_communes: int = 3
) -> st.SearchStrategy[UnitCatalogue]:
    """Valid unit catalogues: provinces > districts > communes.

    Communes sit under districts, and some directly under a province (as
    after the 2025 reform, when districts were abolished); some units carry
    validity dates.  Units come in a shuffled order, so a catalogue never
    relies on parents coming first.

    Args:
        max_provinces: the most provinces (the catalogue may be empty).
        max_districts: the most districts per province.
        max_communes: the most communes per district.

    Returns:
        A strategy for :class:`~dean06.UnitCatalogue`.

    Raises:
        InvalidArgument: for a negative bound.

    Since: 0.1.0
    """
    _check_max(max_provinces=max_provinces, max_districts=max_districts, max_communes=max_communes)
    return _unit_lists(max_provinces, max_districts, max_communes).map(UnitCatalogue)


# -- services and dossiers ----

_BOOLEANS = st.booleans()
_AGENCIES = st.one_of(st.sampled_from(("Bộ Công an", "Công an tỉnh")), texts())
_OPTIONAL_TEXTS = st.one_of(st.none(), texts())
_MODES = st.sampled_from(OnlineMode)
_IDENTITY_LEVELS = st.sampled_from(IdentityLevel)
_NATIONAL_CODES = st.lists(codes(), max_size=3, unique=True).map(tuple)


@st.composite
def _services(draw: st.DrawFn, code: str | None, *, essential: bool | None) -> Service:
    return Service(
        code=draw(codes()) if code is None else code,
        name=draw(texts()),
        agency=draw(_AGENCIES),
        essential=draw(_BOOLEANS) if essential is None else essential,
        online_mode=draw(_MODES),
        min_identity=draw(_IDENTITY_LEVELS),
        name_en=draw(_OPTIONAL_TEXTS),
        national_codes=draw(_NATIONAL_CODES),
        local_totals=draw(_BOOLEANS),
    )


def services(*, essential: bool | None = None) -> st.SearchStrategy[Service]:
    """Services with every field varied (modes, identity levels, national codes).

    Args:
        essential: fix the ``essential`` flag; varied by default.

    Returns:
        A strategy for :class:`~dean06.Service`.

    Since: 0.1.0
    """
    return _services(None, essential=essential)


def _seconds(max_days: int) -> st.SearchStrategy[dt.timedelta]:
    return st.one_of(
        st.just(dt.timedelta(0)),
        st.integers(0, max_days * 86_400).map(lambda s: dt.timedelta(seconds=s)),
    )


_RESOLUTION_DELAYS = _seconds(120)
_DUE_DELAYS = _seconds(60)
_CHANNELS = st.sampled_from(Channel)
# Status, channel, paid online and assisted in one draw (fewer draws, faster).
_DOSSIER_FLAGS = st.sampled_from(
    tuple(itertools.product(DossierStatus, Channel, (None, True, False), (False, True)))
)
_DUE_FORMS = st.sampled_from(("none", "later", "at-resolution", "minute-late"))


@st.composite
def _dossiers(
    draw: st.DrawFn,
    service_pool: tuple[str, ...] | None,
    unit_pool: tuple[str, ...] | None,
    period: Period,
    dossier_id: str | None,
) -> Dossier:
    received = draw(_aware_datetimes(period.start, period.end))
    status, channel, paid_online, assisted = draw(_DOSSIER_FLAGS)
    resolved = None
    if status.ended:
        resolved = (received + draw(_RESOLUTION_DELAYS)).astimezone(draw(_OFFSETS))
    due = None
    form = draw(_DUE_FORMS)
    if form == "later" or (form != "none" and resolved is None):
        due = (received + draw(_DUE_DELAYS)).astimezone(draw(_OFFSETS))
    elif form == "at-resolution" and resolved is not None:
        due = resolved.astimezone(draw(_OFFSETS))  # on time, at the very instant
    elif form == "minute-late" and resolved is not None:
        late = resolved - dt.timedelta(minutes=1)  # resolved a minute after the due time
        due = late.astimezone(draw(_OFFSETS)) if late >= received else None
    return Dossier(
        id=draw(codes()) if dossier_id is None else dossier_id,
        service=draw(_pick(service_pool)),
        unit=draw(_pick(unit_pool)),
        channel=channel,
        received=received,
        status=status,
        resolved=resolved,
        due=due,
        paid_online=paid_online,
        assisted=assisted,
    )


def dossiers(
    services: Iterable[str | Service] | None = None,
    units: Iterable[str | AdministrativeUnit] | None = None,
    period: Period | None = None,
) -> st.SearchStrategy[Dossier]:
    """Dossiers that satisfy every invariant, with their references drawn from pools.

    ``resolved`` is set exactly for RESOLVED and REJECTED dossiers, never
    before ``received``; ``due`` is never before ``received``; resolved and
    due times are in any offset, and often exactly at or a minute after the
    due instant, so ``on_time`` is tested at its edge.

    Args:
        services: service codes or :class:`~dean06.Service` objects to pick
            ``service`` from; any code by default.
        units: unit codes, :class:`~dean06.AdministrativeUnit` objects or a
            :class:`~dean06.UnitCatalogue` to pick ``unit`` from; any code
            by default.
        period: the local dates of ``received``; 2000 to 2030 by default.

    Returns:
        A strategy for :class:`~dean06.Dossier`.

    Raises:
        InvalidArgument: for an empty pool, or items without a code.

    Since: 0.1.0
    """
    return _dossiers(
        _pool(services, "services"), _pool(units, "units"), _period_or_default(period), None
    )


# -- campaigns and assistance ----

_TEAM_NAMES = st.one_of(st.just("Đội hình tình nguyện"), texts())
_ORGANISATIONS = st.one_of(st.sampled_from(("Tỉnh đoàn", "Đoàn Công an tỉnh")), texts())
_MEMBERS = st.one_of(st.integers(0, 30), st.integers(0, 10**6))


@st.composite
def _teams(draw: st.DrawFn, unit_pool: tuple[str, ...] | None, team_id: str | None) -> Team:
    return Team(
        id=draw(codes()) if team_id is None else team_id,
        name=draw(_TEAM_NAMES),
        organisation=draw(_ORGANISATIONS),
        members=draw(_MEMBERS),
        unit=draw(_pick_optional(unit_pool)),
    )


def teams(units: Iterable[str | AdministrativeUnit] | None = None) -> st.SearchStrategy[Team]:
    """Volunteer teams, with ``members >= 0`` (zero included).

    Args:
        units: codes or units to pick the team's ``unit`` from (or None);
            any code or None by default.

    Returns:
        A strategy for :class:`~dean06.Team`.

    Raises:
        InvalidArgument: for an empty pool, or items without a code.

    Since: 0.1.0
    """
    return _teams(_pool(units, "units"), None)


_CAMPAIGN_NAMES = st.one_of(st.sampled_from(("Ngày cao điểm", "Mùa hè xanh 2023")), texts())
_ORGANISERS = st.one_of(st.just("Tỉnh đoàn Quảng Ngãi"), texts())
_CAMPAIGN_SPANS = _date_pairs(*_DEFAULT_SPAN)


@st.composite
def _campaigns(
    draw: st.DrawFn,
    unit_pool: tuple[str, ...] | None,
    team_ids: Sequence[str] | None,
    max_teams: int,
    campaign_id: str | None,
) -> Campaign:
    if team_ids is None:
        team_ids = draw(_unique_codes(0, max_teams))
    start, end = draw(_CAMPAIGN_SPANS)
    if draw(_BOOLEANS):
        end = start  # one-day campaigns (a "peak day") are common
    return Campaign(
        id=draw(codes()) if campaign_id is None else campaign_id,
        name=draw(_CAMPAIGN_NAMES),
        organiser=draw(_ORGANISERS),
        start=start,
        end=end,
        teams=tuple(draw(_teams(unit_pool, team_id)) for team_id in team_ids),
    )


def campaigns(
    units: Iterable[str | AdministrativeUnit] | None = None, *, max_teams: int = 4
) -> st.SearchStrategy[Campaign]:
    """Campaigns with ``start <= end`` and teams with unique ids.

    Args:
        units: codes or units to pick each team's ``unit`` from (or None).
        max_teams: the most teams per campaign (none is possible).

    Returns:
        A strategy for :class:`~dean06.Campaign`.

    Raises:
        InvalidArgument: for a negative *max_teams* or an empty pool.

    Since: 0.1.0
    """
    _check_max(max_teams=max_teams)
    return _campaigns(_pool(units, "units"), None, max_teams, None)


_CampaignPool = tuple[tuple[str, tuple[str, ...] | None], ...]


def _campaign_pool(campaigns: Iterable[str | Campaign] | None) -> _CampaignPool | None:
    """(campaign code, its team ids or None when unknown), per distinct campaign."""
    if campaigns is None:
        return None
    if isinstance(campaigns, str):
        msg = "campaigns: expected a collection of codes or Campaign objects, not one string"
        raise InvalidArgument(msg)
    pool: dict[str, tuple[str, ...] | None] = {}
    for item in campaigns:
        if isinstance(item, Campaign):
            pool.setdefault(item.id, tuple(t.id for t in item.teams))
        else:
            pool.setdefault(_code_of(item, "campaigns"), None)
    if not pool:
        msg = "campaigns: needs at least one campaign (pass None for any code)"
        raise InvalidArgument(msg)
    return tuple(pool.items())


_KINDS = st.sampled_from(AssistanceKind)
_PERSON_TIMES = st.one_of(st.integers(0, 50), st.integers(0, 10**6))


@functools.lru_cache(maxsize=1024)
def _campaign_choice(
    campaign_pool: _CampaignPool | None,
) -> st.SearchStrategy[tuple[str, str | None]]:
    """(campaign code, team code or None): a team always belongs to its campaign."""
    if campaign_pool is None:
        return st.tuples(codes(), _OPTIONAL_CODES)
    choices = [
        # With only a code, no team of the campaign is known.
        st.tuples(st.just(code), _pick_optional(team_ids) if team_ids else st.none())
        for code, team_ids in campaign_pool
    ]
    return st.one_of(choices)


@st.composite
def _assistance_fields(
    draw: st.DrawFn,
    campaign_pool: _CampaignPool | None,
    unit_pool: tuple[str, ...] | None,
    service_pool: tuple[str, ...] | None,
    period: Period,
) -> dict[str, Any]:
    campaign, team = draw(_campaign_choice(campaign_pool))
    return {
        "campaign": campaign,
        "kind": draw(_KINDS),
        "count": draw(_PERSON_TIMES),
        "on": draw(_dates(period.start, period.end)),
        "team": team,
        "unit": draw(_pick_optional(unit_pool)),
        "service": draw(_pick_optional(service_pool)),
    }


def _event(fields: dict[str, Any]) -> AssistanceEvent:
    return AssistanceEvent(**fields)


def _assistance_count(fields: dict[str, Any]) -> AssistanceCount:
    return AssistanceCount(**fields)


def assistance_events(
    campaigns: Iterable[str | Campaign] | None = None,
    units: Iterable[str | AdministrativeUnit] | None = None,
    services: Iterable[str | Service] | None = None,
    period: Period | None = None,
) -> st.SearchStrategy[AssistanceEvent]:
    """Assistance events: person-times (zero included) of one kind of help on one date.

    Args:
        campaigns: codes or :class:`~dean06.Campaign` objects to pick the
            campaign from.  With a campaign object, ``team`` is one of its
            teams or None; with a bare code, ``team`` is None.  Any code
            (and any team code or None) by default.
        units: codes or units to pick ``unit`` from (or None).
        services: codes or services to pick ``service`` from (or None).
        period: the dates of ``on``; 2000 to 2030 by default.

    Returns:
        A strategy for :class:`~dean06.AssistanceEvent`.

    Raises:
        InvalidArgument: for an empty pool, or items without a code.

    Since: 0.1.0
    """
    fields = _assistance_fields(
        _campaign_pool(campaigns),
        _pool(units, "units"),
        _pool(services, "services"),
        _period_or_default(period),
    )
    return fields.map(_event)


# -- tallies ----

_SMALL_COUNTS = st.one_of(st.integers(0, 5), st.integers(0, 10**6))


@st.composite
def _dossier_counts(
    draw: st.DrawFn,
    service_pool: tuple[str, ...] | None,
    unit_pool: tuple[str, ...] | None,
    period: Period,
) -> DossierCount:
    month = _month(draw(_integers(month_index(period.start), month_index(period.end))))
    total = draw(_SMALL_COUNTS)
    resolved = draw(_integers(0, total))
    with_due = draw(_integers(0, resolved))
    return DossierCount(
        service=draw(_pick(service_pool)),
        unit=draw(_pick(unit_pool)),
        month=month,
        channel=draw(_CHANNELS),
        dossiers=total,
        resolved=resolved,
        resolved_with_due=with_due,
        on_time=draw(_integers(0, with_due)),
        paid_online=draw(_integers(0, total)),
        assisted=draw(_integers(0, total)),
    )


def dossier_counts(
    services: Iterable[str | Service] | None = None,
    units: Iterable[str | AdministrativeUnit] | None = None,
    period: Period | None = None,
) -> st.SearchStrategy[DossierCount]:
    """Pre-aggregated dossier rows with consistent counts.

    ``on_time <= resolved_with_due <= resolved <= dossiers`` and
    ``paid_online, assisted <= dossiers``; a row of zero dossiers is
    possible (``from_counts`` drops it).

    Args:
        services: codes or services to pick ``service`` from.
        units: codes or units to pick ``unit`` from.
        period: the months to pick ``month`` from (every month it touches).

    Returns:
        A strategy for :class:`~dean06.DossierCount`.

    Raises:
        InvalidArgument: for an empty pool, or items without a code.

    Since: 0.1.0
    """
    return _dossier_counts(
        _pool(services, "services"), _pool(units, "units"), _period_or_default(period)
    )


def assistance_counts(
    campaigns: Iterable[str | Campaign] | None = None,
    units: Iterable[str | AdministrativeUnit] | None = None,
    services: Iterable[str | Service] | None = None,
    period: Period | None = None,
) -> st.SearchStrategy[AssistanceCount]:
    """Pre-aggregated assistance rows: one count per (campaign, kind, date, team, unit, service).

    Args:
        campaigns: codes or campaigns, as for :func:`assistance_events`.
        units: codes or units to pick ``unit`` from (or None).
        services: codes or services to pick ``service`` from (or None).
        period: the dates of ``on``.

    Returns:
        A strategy for :class:`~dean06.AssistanceCount`.

    Raises:
        InvalidArgument: for an empty pool, or items without a code.

    Since: 0.1.0
    """
    fields = _assistance_fields(
        _campaign_pool(campaigns),
        _pool(units, "units"),
        _pool(services, "services"),
        _period_or_default(period),
    )
    return fields.map(_assistance_count)


_SMALL_POOLS = {
    size: st.lists(codes(max_size=6), min_size=1, max_size=size, unique=True).map(tuple)
    for size in (2, 3)
}
_TALLY_MONTHS = months(min_year=2020, max_year=2026)
_SPAN_MONTHS = st.integers(0, 5)
_SPAN_DAYS = st.integers(0, 10)


@st.composite
def _dossier_tallies(draw: st.DrawFn, max_rows: int) -> DossierTally:
    # Small pools of codes and a short span of months, so keys collide and
    # rows really add up.
    service_pool = draw(_SMALL_POOLS[3])
    unit_pool = draw(_SMALL_POOLS[3])
    first = month_index(draw(_TALLY_MONTHS).start)
    span = Period(_month(first).start, _month(first + draw(_SPAN_MONTHS)).end)
    rows = draw(_integers(0, max_rows))
    if draw(_BOOLEANS):
        items = _dossiers(service_pool, unit_pool, span, "HS")  # ids do not count
        return DossierTally.of(draw(items) for _ in range(rows))
    counts = _dossier_counts(service_pool, unit_pool, span)
    return DossierTally.from_counts(draw(counts) for _ in range(rows))


def dossier_tallies(*, max_rows: int = 12) -> st.SearchStrategy[DossierTally]:
    """Dossier tallies, built from dossiers or from pre-aggregated rows.

    Codes come from small pools and months from a short span, so that
    several records share a key.

    Args:
        max_rows: the most dossiers (or rows) tallied.

    Returns:
        A strategy for :class:`~dean06.DossierTally` (possibly empty).

    Raises:
        InvalidArgument: for a negative *max_rows*.

    Since: 0.1.0
    """
    _check_max(max_rows=max_rows)
    return _dossier_tallies(max_rows)


_TALLY_DAYS = _dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31))


@st.composite
def _assistance_tallies(draw: st.DrawFn, max_rows: int) -> AssistanceTally:
    campaign_pool = tuple((code, None) for code in draw(_SMALL_POOLS[2]))
    unit_pool = draw(_SMALL_POOLS[3])
    service_pool = draw(_SMALL_POOLS[2])
    start = draw(_TALLY_DAYS)
    span = Period(start, start + dt.timedelta(days=draw(_SPAN_DAYS)))
    fields = _assistance_fields(campaign_pool, unit_pool, service_pool, span)
    rows = draw(_integers(0, max_rows))
    if draw(_BOOLEANS):
        return AssistanceTally.of(_event(draw(fields)) for _ in range(rows))
    return AssistanceTally.from_counts(_assistance_count(draw(fields)) for _ in range(rows))


def assistance_tallies(*, max_rows: int = 12) -> st.SearchStrategy[AssistanceTally]:
    """Assistance tallies, built from events or from pre-aggregated rows.

    Args:
        max_rows: the most events (or rows) tallied.

    Returns:
        A strategy for :class:`~dean06.AssistanceTally` (possibly empty).

    Raises:
        InvalidArgument: for a negative *max_rows*.

    Since: 0.1.0
    """
    _check_max(max_rows=max_rows)
    return _assistance_tallies(max_rows)


# -- data sets ----

_DATASET_PERIODS = periods(min_year=2020, max_year=2026)


@st.composite
def _datasets(
    draw: st.DrawFn,
    max_services: int,
    max_provinces: int,
    max_dossiers: int,
    max_campaigns: int,
    max_teams: int,
    max_events: int,
) -> Dataset:
    service_codes = draw(_unique_codes(0, max_services))
    service_list = [draw(_services(code, essential=None)) for code in service_codes]
    units = draw(_unit_lists(max_provinces, 2, 2))
    # References into an empty collection are not checked: any code will do.
    service_pool = tuple(service_codes) or None
    unit_pool = tuple(u.code for u in units) or None
    period = draw(_DATASET_PERIODS)

    dossier_ids = draw(_unique_codes(0, max_dossiers))
    dossier_list = [
        draw(_dossiers(service_pool, unit_pool, period, dossier_id)) for dossier_id in dossier_ids
    ]

    campaign_ids = draw(_unique_codes(0, max_campaigns))
    # Team ids are unique across the data set: draw them together, deal them out.
    team_ids = draw(_unique_codes(0, max_teams * len(campaign_ids)))
    owners = [draw(_integers(0, len(campaign_ids) - 1)) for _ in team_ids]
    campaign_list = [
        draw(
            _campaigns(
                unit_pool,
                [t for t, owner in zip(team_ids, owners, strict=True) if owner == index],
                max_teams,
                campaign_id,
            )
        )
        for index, campaign_id in enumerate(campaign_ids)
    ]
    campaign_pool = tuple((c.id, tuple(t.id for t in c.teams)) for c in campaign_list) or None
    fields = _assistance_fields(campaign_pool, unit_pool, service_pool, period)
    events = [_event(draw(fields)) for _ in range(draw(_integers(0, max_events)))]
    return Dataset(
        services=tuple(service_list),
        units=tuple(units),
        dossiers=tuple(dossier_list),
        campaigns=tuple(campaign_list),
        events=tuple(events),
    )


def datasets(
    *,
    max_services: int = 4,
    max_provinces: int = 2,
    max_dossiers: int = 10,
    max_campaigns: int = 2,
    max_teams: int = 3,
    max_events: int = 10,
) -> st.SearchStrategy[Dataset]:
    """Small, referentially consistent data sets: ``dataset.problems() == ()``.

    Service codes, unit codes, dossier ids, campaign ids and team ids (across
    the whole data set) are unique; units form a valid hierarchy; every
    reference names a record of the data set, and an event's team belongs
    to its campaign.  Any collection may be empty, and references into an
    empty collection are then arbitrary codes (which :meth:`Dataset.problems`
    does not check).

    Args:
        max_services: the most services.
        max_provinces: the most provinces (each with up to two districts of
            up to two communes).
        max_dossiers: the most dossiers.
        max_campaigns: the most campaigns.
        max_teams: the most teams per campaign.
        max_events: the most assistance events.

    Returns:
        A strategy for :class:`~dean06.Dataset`.

    Raises:
        InvalidArgument: for a negative bound.

    Since: 0.1.0
    """
    _check_max(
        max_services=max_services,
        max_provinces=max_provinces,
        max_dossiers=max_dossiers,
        max_campaigns=max_campaigns,
        max_teams=max_teams,
        max_events=max_events,
    )
    return _datasets(
        max_services, max_provinces, max_dossiers, max_campaigns, max_teams, max_events
    )


# -- registration ----

#: The types registered with Hypothesis at import, and the function behind each.
REGISTERED: Mapping[type, Callable[[], st.SearchStrategy[Any]]] = {
    Period: periods,
    Rate: rates,
    Problem: problems,
    AdministrativeUnit: administrative_units,
    UnitCatalogue: unit_catalogues,
    Service: services,
    Dossier: dossiers,
    Team: teams,
    Campaign: campaigns,
    AssistanceEvent: assistance_events,
    DossierCount: dossier_counts,
    AssistanceCount: assistance_counts,
    DossierTally: dossier_tallies,
    AssistanceTally: assistance_tallies,
    Dataset: datasets,
}


def _deferred(
    factory: Callable[[], st.SearchStrategy[Any]],
) -> Callable[[type], st.SearchStrategy[Any]]:
    # A function, not a strategy: st.from_type calls it on first use.
    def resolve(_cls: type) -> st.SearchStrategy[Any]:
        return factory()

    return resolve


for _cls, _factory in REGISTERED.items():
    st.register_type_strategy(_cls, _deferred(_factory))
