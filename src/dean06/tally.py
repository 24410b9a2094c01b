"""Mergeable tallies: immutable count tables that add up.

A tally counts records once and answers every question of a report from
the counts.  Tallies form a commutative monoid: ``DossierTally()`` is empty,
``a + b`` merges, and tallying parts then merging equals tallying the whole:

>>> import datetime as dt
>>> from dean06.dossiers import Channel, Dossier
>>> from dean06.periods import VIETNAM
>>> def dossier(i, channel):
...     return Dossier(id=f"HS-{i}", service="D06-06", unit="53501", channel=channel,
...                    received=dt.datetime(2023, 6, 1, 8, tzinfo=VIETNAM))
>>> a = DossierTally.of([dossier(1, Channel.ONLINE)])
>>> b = DossierTally.of([dossier(2, Channel.IN_PERSON)])
>>> (a + b).online_rate()
Rate(numerator=1, denominator=2)
>>> a + b == DossierTally.of([dossier(1, Channel.ONLINE), dossier(2, Channel.IN_PERSON)])
True

That is what lets communes roll up into districts and provinces
(:meth:`DossierTally.rollup`), and lets a distributed engine tally
partitions in parallel and merge the partial tallies with ``+``.

Memory is proportional to the number of distinct keys, not of records: a
:class:`DossierTally` keeps one row of counts per (service, unit, month,
channel), an :class:`AssistanceTally` one count per (campaign, kind, date,
team, unit, service).

Unit filters: every query takes ``catalogue=``; with a
:class:`~dean06.UnitCatalogue`, ``unit=`` selects that unit and all its
descendants (a district's code selects its communes); a code the catalogue
lacks selects only itself.
"""

from __future__ import annotations

import datetime as dt
import operator
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import attrs

from dean06._fields import count, enum_member, fail, opt_text, plain_date, text
from dean06._text import normalise_text
from dean06.campaigns import AssistanceEvent, AssistanceKind
from dean06.dossiers import Channel, Dossier, DossierStatus
from dean06.errors import ValidationError, quote_input
from dean06.periods import VIETNAM, Period, month_index
from dean06.rates import Rate
from dean06.units import UnitCatalogue, UnitLevel

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

__all__ = ["AssistanceCount", "AssistanceTally", "DossierCount", "DossierTally"]

_SEVEN_HOURS = dt.timedelta(hours=7)
_CHANNEL_ORDER = {channel: index for index, channel in enumerate(Channel)}
_KIND_ORDER = {kind: index for index, kind in enumerate(AssistanceKind)}
_ENDED = (DossierStatus.RESOLVED, DossierStatus.REJECTED)

# Positions in a DossierTally row.
_DOSSIERS, _RESOLVED, _WITH_DUE, _ON_TIME, _PAID, _ASSISTED = range(6)
_WIDTH = 6

_DossierKey = tuple[str, str, int, Channel]
_Row = tuple[int, int, int, int, int, int]
_AssistanceKey = tuple[str, AssistanceKind, dt.date, str | None, str | None, str | None]

T = TypeVar("T")


def _month_of(moment: dt.datetime) -> int:
    """The running month number of *moment*'s local date (UTC+07:00)."""
    offset = moment.utcoffset()
    if offset != _SEVEN_HOURS:
        if offset is None:
            msg = "naive datetime: attach a time zone"
            raise ValidationError(msg)
        moment = moment - offset + _SEVEN_HOURS
    return moment.year * 12 + moment.month - 1


def _freeze(table: dict[_DossierKey, list[int]]) -> dict[_DossierKey, _Row]:
    """The table with its rows made immutable, in place (peak memory stays one table)."""
    frozen = cast("dict[_DossierKey, Any]", table)
    for key, row in table.items():
        frozen[key] = (row[0], row[1], row[2], row[3], row[4], row[5])
    return cast("dict[_DossierKey, _Row]", frozen)


def tally_into(table: dict[_DossierKey, list[int]], dossiers: Iterable[Dossier]) -> None:
    """Count *dossiers* into *table* (the hot loop of :meth:`DossierTally.of`).

    Rows are ``[dossiers, resolved, resolved_with_due, on_time, paid_online,
    assisted]``.  The month is the local month (UTC+07:00); a fixed-offset
    time zone already at +07:00 (what every reader attaches) is recognised
    once and then by identity, so most dossiers need no conversion, and a
    month's running number is computed once per (year, month) seen.
    """
    get = table.get
    seven = _SEVEN_HOURS
    fixed = dt.timezone
    local_tz: dt.tzinfo = VIETNAM
    try:
        for dossier in dossiers:
            received = dossier.received
            tz = received.tzinfo
            if tz is local_tz or (type(tz) is fixed and tz.utcoffset(None) == seven):
                local_tz = tz
                month = received.year * 12 + received.month - 1
            else:
                month = _month_of(received)
            key = (dossier.service, dossier.unit, month, dossier.channel)
            row = get(key)
            if row is None:
                row = table[key] = [0, 0, 0, 0, 0, 0]
            row[0] += 1
            resolved = dossier.resolved
            if resolved is not None:
                row[1] += 1
                due = dossier.due
                if due is not None:
                    row[2] += 1
                    if resolved <= due:
                        row[3] += 1
            if dossier.paid_online is True:
                row[4] += 1
            if dossier.assisted is True:
                row[5] += 1
    except (AttributeError, TypeError) as exc:
        msg = f"DossierTally.of: an item is not a Dossier ({type(exc).__name__} while reading it)"
        raise ValidationError(msg) from None


def _check_month(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Period):
        raise fail(instance, attribute.name, f"must be a Period, not {type(value).__name__}")
    if not value.is_month:
        raise fail(instance, attribute.name, f"must be one whole calendar month, not {value}")


def _months_filter(period: Period | None, where: str) -> tuple[int, int] | None:
    if period is None:
        return None
    if not isinstance(period, Period):
        msg = f"{where}: period must be a Period, not {type(period).__name__}"
        raise ValidationError(msg)
    if not period.whole_months:
        msg = (
            f"{where}: period must be whole months (first day of a month to last day of "
            f"a month), not {period}; dossier tallies count by month"
        )
        raise ValidationError(msg)
    return month_index(period.start), month_index(period.end)


def _check_codes(where: str, **codes: object) -> None:
    """Refuse a scope argument that is not a code: it would match nothing, silently."""
    for name, value in codes.items():
        if value is not None and not isinstance(value, str):
            hint = "; pass its .code" if hasattr(value, "code") else ""
            msg = f"{where}: {name} must be a code (str) or None, not {type(value).__name__}{hint}"
            raise ValidationError(msg)


def _units_filter(
    unit: str | None, catalogue: UnitCatalogue | None, where: str
) -> frozenset[str] | None:
    if catalogue is not None and not isinstance(catalogue, UnitCatalogue):
        msg = f"{where}: catalogue must be a UnitCatalogue or None, not {type(catalogue).__name__}"
        raise ValidationError(msg)
    if unit is None:
        return None
    if catalogue is None:
        return frozenset((unit,))
    return catalogue.covering(unit)


def _rollup_map(
    units: Iterable[str], catalogue: UnitCatalogue, level: UnitLevel
) -> dict[str, str]:
    if not isinstance(catalogue, UnitCatalogue):
        msg = f"rollup: catalogue must be a UnitCatalogue, not {type(catalogue).__name__}"
        raise ValidationError(msg)
    if not isinstance(level, UnitLevel):
        msg = f"rollup: level must be a UnitLevel, not {type(level).__name__}"
        raise ValidationError(msg)
    mapping: dict[str, str] = {}
    for code in units:
        if code in mapping:
            continue
        target = code
        if code in catalogue:
            ancestor = catalogue.ancestor_at(code, level)
            if ancestor is not None:
                target = ancestor.code
        mapping[code] = target
    return mapping


@attrs.frozen(kw_only=True)
class DossierCount:
    """One row of a :class:`DossierTally`: the counts for one key.

    The key is (service, unit, month, channel); the counts satisfy
    ``on_time <= resolved_with_due <= resolved <= dossiers`` and
    ``paid_online, assisted <= dossiers``.

    Attributes:
        service: service code.
        unit: unit code.
        month: a :class:`~dean06.Period` of one whole calendar month (the
            month the dossiers were received, local date).
        channel: :class:`~dean06.Channel`.
        dossiers: dossiers received.
        resolved: of them, resolved or rejected.
        resolved_with_due: of the resolved, those with a due date.
        on_time: of those, resolved on or before the due date.
        paid_online: dossiers whose fees were paid online (``paid_online is True``).
        assisted: dossiers filed with a volunteer's help.

    Since: 0.1.0
    """

    service: str = text()
    unit: str = text()
    month: Period = attrs.field(validator=_check_month)
    channel: Channel = enum_member(Channel)
    dossiers: int = count()
    resolved: int = count(default=0)
    resolved_with_due: int = count(default=0)
    on_time: int = count(default=0)
    paid_online: int = count(default=0)
    assisted: int = count(default=0)

    def __attrs_post_init__(self) -> None:
        chain = (
            ("on_time", self.on_time, "resolved_with_due", self.resolved_with_due),
            ("resolved_with_due", self.resolved_with_due, "resolved", self.resolved),
            ("resolved", self.resolved, "dossiers", self.dossiers),
            ("paid_online", self.paid_online, "dossiers", self.dossiers),
            ("assisted", self.assisted, "dossiers", self.dossiers),
        )
        for name, value, bound_name, bound in chain:
            if value > bound:
                raise fail(self, name, f"must not exceed {bound_name} ({value} > {bound})")


K = TypeVar("K")
V = TypeVar("V")
S = TypeVar("S", bound="_CountTable[Any, Any]")


class _CountTable(Generic[K, V]):
    """What both tallies share: an immutable table of counts with value semantics.

    Equal when every count is equal; hashable; ``sum(parts)`` works (0 is
    the start); pickled as its rows (``from_counts(counts())``).
    """

    __slots__ = ("_hash", "_table")

    _table: dict[K, V]
    _hash: int | None

    def __init__(self) -> None:
        self._table = {}
        self._hash = None

    @classmethod
    def _wrap(cls: type[S], table: dict[Any, Any]) -> S:
        tally = cls.__new__(cls)
        tally._table = table
        tally._hash = None
        return tally

    def __radd__(self: S, other: object) -> S:
        # Lets the builtin sum() start from 0.
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self._table == other._table

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._table.items()))
        return self._hash

    def __len__(self) -> int:
        """The number of keys (rows) in the table."""
        return len(self._table)

    def __bool__(self) -> bool:
        return bool(self._table)

    def __reduce__(self) -> tuple[Any, ...]:
        cls: Any = type(self)
        return (cls.from_counts, (list(cls.counts(self)),))


class DossierTally(_CountTable[_DossierKey, _Row]):
    """Counts of dossiers by (service, unit, month, channel): an immutable, mergeable table.

    Build one with :meth:`of` (from dossiers, one pass) or :meth:`from_counts`
    (from pre-aggregated rows), merge with ``+``.  A dossier counts in the
    month it was received (local date, UTC+07:00).  "Resolved" means status
    RESOLVED or REJECTED; "on time" means ``resolved <= due`` as instants.
    Equality is equality of every count.

    Every query takes the same filters: ``service`` (a code), ``unit`` (a
    code; with ``catalogue`` also its descendants) and ``period`` (whole
    months only: anything else is a :class:`~dean06.ValidationError`).

    Since: 0.1.0
    """

    __slots__ = ()

    # -- building -----------------------------------------------------------------

    @classmethod
    def of(cls, dossiers: Iterable[Dossier]) -> DossierTally:
        """Tally *dossiers* in one pass; memory grows with distinct keys only.

        Raises:
            ValidationError: if an item is not a :class:`~dean06.Dossier`.
        """
        fast = getattr(dossiers, "_fast_dossier_table", None)
        if fast is not None:
            # A dean06.io reader of CSV dossiers counts rows straight into a
            # table, validating each row as building a Dossier would.
            counted: dict[_DossierKey, list[int]] | None = fast()
            if counted is not None:
                return cls._wrap(_freeze(counted))
        try:
            items = iter(dossiers)
        except TypeError:
            msg = (
                f"DossierTally.of: expected an iterable of Dossier, not {type(dossiers).__name__}"
            )
            raise ValidationError(msg) from None
        table: dict[_DossierKey, list[int]] = {}
        tally_into(table, items)
        return cls._wrap(_freeze(table))

    @classmethod
    def from_counts(cls, rows: Iterable[DossierCount]) -> DossierTally:
        """Build the table from pre-aggregated rows; rows with the same key add up.

        ``DossierTally.from_counts(tally.counts()) == tally`` always.  Rows
        with no dossiers carry nothing and are dropped.

        Raises:
            ValidationError: if a row is not a :class:`DossierCount`.
        """
        table: dict[_DossierKey, list[int]] = {}
        for position, row in enumerate(rows):
            if not isinstance(row, DossierCount):
                msg = f"DossierTally.from_counts: row {position} is not a DossierCount"
                raise ValidationError(msg)
            if row.dossiers == 0:
                continue
            key = (row.service, row.unit, month_index(row.month.start), row.channel)
            values = (
                row.dossiers,
                row.resolved,
                row.resolved_with_due,
                row.on_time,
                row.paid_online,
                row.assisted,
            )
            current = table.get(key)
            if current is None:
                table[key] = list(values)
            else:
                for i, value in enumerate(values):
                    current[i] += value
        return cls._wrap(_freeze(table))

    @classmethod
    def _from_checked_rows(
        cls, rows: Iterable[tuple[str, str, int, Channel, int, int, int, int, int, int]]
    ) -> DossierTally:
        """Build a tally from rows an engine already checked (internal fast path).

        Each row is (service, unit, month index, channel, dossiers, resolved,
        resolved_with_due, on_time, paid_online, assisted).  The codes are
        normalised as value objects normalise them and the counts' order is
        checked, one comparison chain a row, instead of building and
        validating a :class:`DossierCount` per row.

        Raises:
            ValidationError: if a row's counts are out of order or a code is empty.
        """
        table: dict[_DossierKey, list[int]] = {}
        codes: dict[str, str] = {}  # each distinct code normalised once
        for (
            service,
            unit,
            month,
            channel,
            dossiers,
            resolved,
            with_due,
            on_time,
            paid,
            assisted,
        ) in rows:
            if not (
                0 <= on_time <= with_due <= resolved <= dossiers
                and 0 <= paid <= dossiers
                and 0 <= assisted <= dossiers
            ):
                numbers = [dossiers, resolved, with_due, on_time, paid, assisted]
                msg = f"DossierTally: inconsistent counts {numbers} for {service!r}, {unit!r}"
                raise ValidationError(msg)
            if dossiers == 0:
                continue
            service_code = codes.get(service)
            if service_code is None:
                service_code = codes[service] = normalise_text(service)
            unit_code = codes.get(unit)
            if unit_code is None:
                unit_code = codes[unit] = normalise_text(unit)
            if not service_code or not unit_code:
                msg = "DossierTally: a service or unit code is empty"
                raise ValidationError(msg)
            key = (service_code, unit_code, month, channel)
            current = table.get(key)
            if current is None:
                table[key] = [dossiers, resolved, with_due, on_time, paid, assisted]
            else:
                current[0] += dossiers
                current[1] += resolved
                current[2] += with_due
                current[3] += on_time
                current[4] += paid
                current[5] += assisted
        return cls._wrap(_freeze(table))

    @classmethod
    def _from_checked_columns(
        cls,
        keys: tuple[list[str], list[str], list[int], list[Channel]],
        counts: tuple[list[int], list[int], list[int], list[int], list[int], list[int]],
    ) -> DossierTally:
        """Build a tally from an engine's grouped columns (internal fast path).

        *keys* are the (service, unit, month index, channel) columns, one
        entry per group, and *counts* the six count columns in row order.
        The checks of :meth:`_from_checked_rows` run column by column, in C
        loops; when a group has no dossiers, or two codes normalise to one,
        the rows go through :meth:`_from_checked_rows` instead.

        Raises:
            ValidationError: if a row's counts are out of order or a code is empty.
        """
        services, units, months, channels = keys
        dossiers, resolved, with_due, on_time, paid, assisted = counts
        le = operator.le
        plain = (
            bool(dossiers)
            and min(dossiers) > 0
            and min(on_time) >= 0
            and min(paid) >= 0
            and min(assisted) >= 0
            and all(map(le, on_time, with_due))
            and all(map(le, with_due, resolved))
            and all(map(le, resolved, dossiers))
            and all(map(le, paid, dossiers))
            and all(map(le, assisted, dossiers))
        )
        if plain:
            codes = {code: normalise_text(code) for code in {*services, *units}}
            if all(codes.values()):
                code = codes.__getitem__
                table = dict(
                    zip(
                        zip(map(code, services), map(code, units), months, channels, strict=True),
                        zip(dossiers, resolved, with_due, on_time, paid, assisted, strict=True),
                        strict=True,
                    )
                )
                if len(table) == len(dossiers):  # no two groups share a normalised key
                    return cls._wrap(table)
        return cls._from_checked_rows(zip(*keys, *counts, strict=True))

    @classmethod
    def from_frame(cls, frame: Any, **options: Any) -> DossierTally:
        """Tally a dataframe of dossiers inside its own engine, through narwhals.

        Accepts pandas, Polars, PyArrow, DuckDB, Dask, PySpark ... frames
        (the ``frames`` extra).  The grouping runs in the engine; the result is an ordinary tally,
        equal to :meth:`of` over the same dossiers.  See
        :func:`dean06.frames.dossier_tally` for the columns and options.
        """
        from dean06.frames import dossier_tally  # noqa: PLC0415 - optional extra

        return dossier_tally(frame, **options)

    def counts(self) -> Iterator[DossierCount]:
        """One :class:`DossierCount` per key, sorted by (service, unit, month, channel).

        Channels sort in declaration order (ONLINE, IN_PERSON, POSTAL).
        """
        for key in sorted(self._table, key=_dossier_sort_key):
            service, unit, month, channel = key
            row = self._table[key]
            yield DossierCount(
                service=service,
                unit=unit,
                month=_period_of_month(month),
                channel=channel,
                dossiers=row[0],
                resolved=row[1],
                resolved_with_due=row[2],
                on_time=row[3],
                paid_online=row[4],
                assisted=row[5],
            )

    # -- the monoid -----------------------------------------------------------------

    def __add__(self, other: object) -> DossierTally:
        if not isinstance(other, DossierTally):
            return NotImplemented
        return DossierTally._wrap(_merge_rows(self._table, other._table))

    def __repr__(self) -> str:
        return f"<DossierTally: {self.total()} dossiers in {len(self._table)} rows>"

    # -- selection ------------------------------------------------------------------

    def _rows(
        self,
        service: str | None,
        unit: str | None,
        period: Period | None,
        catalogue: UnitCatalogue | None,
        where: str,
    ) -> Iterator[tuple[_DossierKey, _Row]]:
        _check_codes(where, service=service, unit=unit)
        months = _months_filter(period, where)
        units = _units_filter(unit, catalogue, where)
        for key, row in self._table.items():
            if service is not None and key[0] != service:
                continue
            if units is not None and key[1] not in units:
                continue
            if months is not None and not months[0] <= key[2] <= months[1]:
                continue
            yield key, row

    def _sum(
        self,
        position: int,
        service: str | None,
        unit: str | None,
        period: Period | None,
        catalogue: UnitCatalogue | None,
        where: str,
        *,
        online_only: bool = False,
    ) -> int:
        total = 0
        for key, row in self._rows(service, unit, period, catalogue, where):
            if online_only and key[3] is not Channel.ONLINE:
                continue
            total += row[position]
        return total

    def filter(
        self,
        service: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> DossierTally:
        """The part of the tally within the given scope, as a tally."""
        return DossierTally._wrap(
            dict(self._rows(service, unit, period, catalogue, "DossierTally.filter"))
        )

    # -- counts ---------------------------------------------------------------------

    def total(
        self,
        service: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> int:
        """All dossiers in the scope."""
        return self._sum(_DOSSIERS, service, unit, period, catalogue, "DossierTally.total")

    def online(
        self,
        service: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> int:
        """Dossiers filed online in the scope."""
        return self._sum(
            _DOSSIERS, service, unit, period, catalogue, "DossierTally.online", online_only=True
        )

    def resolved(
        self,
        service: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> int:
        """Dossiers resolved or rejected, in the scope (by month received)."""
        return self._sum(_RESOLVED, service, unit, period, catalogue, "DossierTally.resolved")

    def paid_online(
        self,
        service: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> int:
        """Dossiers whose fees were paid online, in the scope."""
        return self._sum(_PAID, service, unit, period, catalogue, "DossierTally.paid_online")

    def assisted(
        self,
        service: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> int:
        """Dossiers filed with a volunteer's help, in the scope."""
        return self._sum(_ASSISTED, service, unit, period, catalogue, "DossierTally.assisted")

    def by_channel(
        self,
        service: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> dict[Channel, int]:
        """Dossiers per channel in the scope (every channel, in declaration order)."""
        counts = dict.fromkeys(Channel, 0)
        for key, row in self._rows(service, unit, period, catalogue, "DossierTally.by_channel"):
            counts[key[3]] += row[_DOSSIERS]
        return counts

    # -- rates ------------------------------------------------------------------------

    def online_rate(
        self,
        service: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> Rate:
        """Online dossiers over all dossiers in the scope (undefined when there are none)."""
        online = total = 0
        for key, row in self._rows(service, unit, period, catalogue, "DossierTally.online_rate"):
            total += row[_DOSSIERS]
            if key[3] is Channel.ONLINE:
                online += row[_DOSSIERS]
        return Rate(online, total)

    def on_time_rate(
        self,
        service: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> Rate:
        """Resolved on or before the due date, over resolved dossiers that have a due date."""
        on_time = with_due = 0
        for _, row in self._rows(service, unit, period, catalogue, "DossierTally.on_time_rate"):
            on_time += row[_ON_TIME]
            with_due += row[_WITH_DUE]
        return Rate(on_time, with_due)

    def rates_by_service(
        self,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> dict[str, Rate]:
        """The online rate of every service with at least one dossier in the scope, by code."""
        online: dict[str, int] = {}
        total: dict[str, int] = {}
        rows = self._rows(None, unit, period, catalogue, "DossierTally.rates_by_service")
        for key, row in rows:
            service = key[0]
            total[service] = total.get(service, 0) + row[_DOSSIERS]
            if key[3] is Channel.ONLINE:
                online[service] = online.get(service, 0) + row[_DOSSIERS]
        return {code: Rate(online.get(code, 0), total[code]) for code in sorted(total)}

    def monthly_rates(
        self,
        service: str | None = None,
        unit: str | None = None,
        *,
        period: Period | None = None,
        catalogue: UnitCatalogue | None = None,
    ) -> list[tuple[Period, Rate]]:
        """The online rate month by month, from the first to the last month with data.

        Months in between without dossiers carry an undefined rate.  With
        ``period`` (whole months), only months within it are considered.
        """
        online: dict[int, int] = {}
        total: dict[int, int] = {}
        rows = self._rows(service, unit, period, catalogue, "DossierTally.monthly_rates")
        for key, row in rows:
            month = key[2]
            total[month] = total.get(month, 0) + row[_DOSSIERS]
            if key[3] is Channel.ONLINE:
                online[month] = online.get(month, 0) + row[_DOSSIERS]
        if not total:
            return []
        return [
            (_period_of_month(month), Rate(online.get(month, 0), total.get(month, 0)))
            for month in range(min(total), max(total) + 1)
        ]

    # -- structure ------------------------------------------------------------------

    def services(
        self,
        *,
        online: bool = False,
        unit: str | None = None,
        period: Period | None = None,
        catalogue: UnitCatalogue | None = None,
    ) -> frozenset[str]:
        """The codes of every service with at least one dossier (in the scope).

        With ``online=True``, only services with at least one *online*
        dossier: one pass over the table, which is what
        :func:`~dean06.services_with_online` counts.
        """
        if not online and unit is None and period is None:
            return frozenset(key[0] for key in self._table)
        return frozenset(
            key[0]
            for key, _ in self._rows(None, unit, period, catalogue, "DossierTally.services")
            if not online or key[3] is Channel.ONLINE
        )

    def units(self) -> frozenset[str]:
        """The codes of every unit with at least one dossier."""
        return frozenset(key[1] for key in self._table)

    def months(self) -> tuple[Period, ...]:
        """Every month with at least one dossier, in order."""
        return tuple(_period_of_month(m) for m in sorted({key[2] for key in self._table}))

    def rollup(self, catalogue: UnitCatalogue, level: UnitLevel) -> DossierTally:
        """The same counts with every unit replaced by its ancestor at *level*.

        Units with no ancestor at that level, or not in the catalogue, stay
        as they are.  Totals are preserved.
        """
        mapping = _rollup_map((key[1] for key in self._table), catalogue, level)
        table: dict[_DossierKey, _Row] = {}
        for (service, unit, month, channel), row in self._table.items():
            key = (service, mapping[unit], month, channel)
            current = table.get(key)
            table[key] = row if current is None else _add_rows(current, row)
        return DossierTally._wrap(table)


def _add_rows(a: _Row, b: _Row) -> _Row:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4], a[5] + b[5])


def _merge_rows(
    left: dict[_DossierKey, _Row], right: dict[_DossierKey, _Row]
) -> dict[_DossierKey, _Row]:
    if len(left) < len(right):
        left, right = right, left
    merged = dict(left)
    for key, row in right.items():
        current = merged.get(key)
        merged[key] = row if current is None else _add_rows(current, row)
    return merged


def _dossier_sort_key(key: _DossierKey) -> tuple[str, str, int, int]:
    return (key[0], key[1], key[2], _CHANNEL_ORDER[key[3]])


def _period_of_month(index: int) -> Period:
    year, month0 = divmod(index, 12)
    return Period.month(year, month0 + 1)


# --------------------------------------------------------------------------------------
# Assistance


@attrs.frozen(kw_only=True)
class AssistanceCount:
    """One row of an :class:`AssistanceTally`: person-times for one key.

    Attributes:
        campaign: campaign code.
        kind: :class:`~dean06.AssistanceKind`.
        on: the date.
        count: person-times (>= 0).
        team: team code, or None.
        unit: unit code, or None.
        service: service code, or None.

    Since: 0.1.0
    """

    campaign: str = text()
    kind: AssistanceKind = enum_member(AssistanceKind)
    on: dt.date = plain_date()
    count: int = count()
    team: str | None = opt_text()
    unit: str | None = opt_text()
    service: str | None = opt_text()


def _none_first(value: str | None) -> tuple[bool, str]:
    return (value is not None, value or "")


def _assistance_sort_key(
    key: _AssistanceKey,
) -> tuple[str, int, dt.date, tuple[bool, str], tuple[bool, str], tuple[bool, str]]:
    campaign, kind, on, team, unit, service = key
    return (
        campaign,
        _KIND_ORDER[kind],
        on,
        _none_first(team),
        _none_first(unit),
        _none_first(service),
    )


class AssistanceTally(_CountTable[_AssistanceKey, int]):
    """Person-times of help by (campaign, kind, date, team, unit, service): mergeable.

    Build one with :meth:`of` or :meth:`from_counts`, merge with ``+``.
    Events of zero person-times are kept as keys: an activity that helped
    nobody is still an activity (see :meth:`occasions`).  Queries filter by
    ``kind``, ``campaign``, ``team``, ``unit`` (with ``catalogue``, its
    descendants too) and ``period`` (any :class:`~dean06.Period`).
    Events without a team or unit count under the key None in
    :meth:`by_team` and :meth:`by_unit`.  Campaign totals (teams, members)
    come from :class:`~dean06.Campaign`, not from the tally.

    Since: 0.1.0
    """

    __slots__ = ()

    # -- building ---------------------------------------------------------------------

    @classmethod
    def of(cls, events: Iterable[AssistanceEvent]) -> AssistanceTally:
        """Tally *events* in one pass.

        Raises:
            ValidationError: if an item is not an :class:`~dean06.AssistanceEvent`.
        """
        table: dict[_AssistanceKey, int] = {}
        get = table.get
        for position, event in enumerate(events):
            if not isinstance(event, AssistanceEvent):
                msg = f"AssistanceTally.of: item {position} is not an AssistanceEvent"
                raise ValidationError(msg)
            key = (event.campaign, event.kind, event.on, event.team, event.unit, event.service)
            table[key] = get(key, 0) + event.count
        return cls._wrap(table)

    @classmethod
    def from_counts(cls, rows: Iterable[AssistanceCount]) -> AssistanceTally:
        """Build the table from pre-aggregated rows; rows with the same key add up.

        ``AssistanceTally.from_counts(tally.counts()) == tally`` always.
        """
        table: dict[_AssistanceKey, int] = {}
        for position, row in enumerate(rows):
            if not isinstance(row, AssistanceCount):
                msg = f"AssistanceTally.from_counts: row {position} is not an AssistanceCount"
                raise ValidationError(msg)
            key = (row.campaign, row.kind, row.on, row.team, row.unit, row.service)
            table[key] = table.get(key, 0) + row.count
        return cls._wrap(table)

    @classmethod
    def from_frame(cls, frame: Any, **options: Any) -> AssistanceTally:
        """Tally a dataframe of assistance events inside its own engine, through narwhals.

        Needs the ``frames`` extra; see :func:`dean06.frames.assistance_tally`.
        """
        from dean06.frames import assistance_tally  # noqa: PLC0415 - optional extra

        return assistance_tally(frame, **options)

    def counts(self) -> Iterator[AssistanceCount]:
        """One row per key, sorted by campaign, kind, date, team, unit, service.

        Kinds sort in declaration order; None sorts first.
        """
        for key in sorted(self._table, key=_assistance_sort_key):
            campaign, kind, on, team, unit, service = key
            yield AssistanceCount(
                campaign=campaign,
                kind=kind,
                on=on,
                count=self._table[key],
                team=team,
                unit=unit,
                service=service,
            )

    # -- the monoid -----------------------------------------------------------------------

    def __add__(self, other: object) -> AssistanceTally:
        if not isinstance(other, AssistanceTally):
            return NotImplemented
        left, right = self._table, other._table
        if len(left) < len(right):
            left, right = right, left
        merged = dict(left)
        for key, value in right.items():
            merged[key] = merged.get(key, 0) + value
        return AssistanceTally._wrap(merged)

    def __repr__(self) -> str:
        return f"<AssistanceTally: {self.total()} person-times in {len(self._table)} rows>"

    # -- queries ----------------------------------------------------------------------------

    def _rows(
        self,
        kind: AssistanceKind | None,
        campaign: str | None,
        team: str | None,
        unit: str | None,
        period: Period | None,
        catalogue: UnitCatalogue | None,
    ) -> Iterator[tuple[_AssistanceKey, int]]:
        where = "AssistanceTally"
        if period is not None and not isinstance(period, Period):
            msg = f"{where}: period must be a Period, not {type(period).__name__}"
            raise ValidationError(msg)
        if kind is not None and not isinstance(kind, AssistanceKind):
            msg = (
                f"{where}: kind must be an AssistanceKind or None, not {type(kind).__name__} "
                f"{quote_input(str(kind))}"
            )
            raise ValidationError(msg)
        _check_codes(where, campaign=campaign, team=team, unit=unit)
        units = _units_filter(unit, catalogue, where)
        for key, value in self._table.items():
            if kind is not None and key[1] is not kind:
                continue
            if campaign is not None and key[0] != campaign:
                continue
            if team is not None and key[3] != team:
                continue
            if units is not None and key[4] not in units:
                continue
            if period is not None and not period.start <= key[2] <= period.end:
                continue
            yield key, value

    def _group(
        self,
        position: int,
        kind: AssistanceKind | None,
        campaign: str | None,
        team: str | None,
        unit: str | None,
        period: Period | None,
        catalogue: UnitCatalogue | None,
        order: Callable[[Any], Any],
    ) -> dict[Any, int]:
        groups: dict[Any, int] = {}
        for key, value in self._rows(kind, campaign, team, unit, period, catalogue):
            group = key[position]
            groups[group] = groups.get(group, 0) + value
        return {group: groups[group] for group in sorted(groups, key=order)}

    def filter(
        self,
        *,
        kind: AssistanceKind | None = None,
        campaign: str | None = None,
        team: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        catalogue: UnitCatalogue | None = None,
    ) -> AssistanceTally:
        """The part of the tally within the given scope, as a tally."""
        return AssistanceTally._wrap(
            dict(self._rows(kind, campaign, team, unit, period, catalogue))
        )

    def total(
        self,
        kind: AssistanceKind | None = None,
        campaign: str | None = None,
        team: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> int:
        """Person-times of help in the scope."""
        return sum(value for _, value in self._rows(kind, campaign, team, unit, period, catalogue))

    def by_kind(
        self,
        kind: AssistanceKind | None = None,
        campaign: str | None = None,
        team: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> dict[AssistanceKind, int]:
        """Person-times per kind of help present in the scope, in declaration order."""
        return self._group(1, kind, campaign, team, unit, period, catalogue, _KIND_ORDER.get)

    def by_team(
        self,
        kind: AssistanceKind | None = None,
        campaign: str | None = None,
        team: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> dict[str | None, int]:
        """Person-times per team code (None for events without a team), None first."""
        return self._group(3, kind, campaign, team, unit, period, catalogue, _none_first)

    def by_unit(
        self,
        kind: AssistanceKind | None = None,
        campaign: str | None = None,
        team: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> dict[str | None, int]:
        """Person-times per unit code (None for events without a unit), None first."""
        return self._group(4, kind, campaign, team, unit, period, catalogue, _none_first)

    def by_campaign(
        self,
        kind: AssistanceKind | None = None,
        campaign: str | None = None,
        team: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> dict[str, int]:
        """Person-times per campaign code, sorted by code."""
        return self._group(0, kind, campaign, team, unit, period, catalogue, str)

    def occasions(
        self,
        kind: AssistanceKind | None = None,
        campaign: str | None = None,
        team: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: UnitCatalogue | None = None,
    ) -> int:
        """Distinct (date, team, unit) occasions among the events in the scope.

        An activity (lượt hoạt động) is one team working in one unit on one
        date, whatever kinds of help it gave there.
        """
        return len(
            {
                (key[2], key[3], key[4])
                for key, _ in self._rows(kind, campaign, team, unit, period, catalogue)
            }
        )

    def campaigns(self) -> frozenset[str]:
        """The codes of every campaign in the tally."""
        return frozenset(key[0] for key in self._table)

    def rollup(self, catalogue: UnitCatalogue, level: UnitLevel) -> AssistanceTally:
        """The same counts with every unit replaced by its ancestor at *level*.

        Units with no ancestor there, not in the catalogue, or None, stay as
        they are.  Totals are preserved.
        """
        mapping = _rollup_map(
            (key[4] for key in self._table if key[4] is not None), catalogue, level
        )
        table: dict[_AssistanceKey, int] = {}
        for (campaign, kind, on, team, unit, service), value in self._table.items():
            key = (campaign, kind, on, team, None if unit is None else mapping[unit], service)
            table[key] = table.get(key, 0) + value
        return AssistanceTally._wrap(table)
