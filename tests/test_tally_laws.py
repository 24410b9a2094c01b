"""Tallies form a commutative monoid, and the pre-aggregated form is the same table."""

from __future__ import annotations

import itertools
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dean06 import (
    AssistanceEvent,
    AssistanceKind,
    AssistanceTally,
    Channel,
    Dossier,
    DossierTally,
    Period,
    UnitCatalogue,
    UnitLevel,
    ValidationError,
)
from dean06 import strategies as d6st

OUTSIDE = "ngoài-danh-mục"  # a unit code that no catalogue holds


@st.composite
def dossier_lists(
    draw: st.DrawFn, catalogue: UnitCatalogue | None = None, max_size: int = 12
) -> list[Dossier]:
    """Dossiers sharing a few services, units and months, so that keys collide."""
    services = draw(st.lists(d6st.codes(max_size=4), min_size=1, max_size=3, unique=True))
    if catalogue is None:
        units = draw(st.lists(d6st.codes(max_size=4), min_size=1, max_size=3, unique=True))
    else:
        units = [*catalogue, OUTSIDE]
    span = draw(d6st.periods(min_year=2023, max_year=2023))
    return draw(st.lists(d6st.dossiers(services, units, span), max_size=max_size))


@st.composite
def event_lists(
    draw: st.DrawFn, catalogue: UnitCatalogue | None = None, max_size: int = 12
) -> list[AssistanceEvent]:
    campaigns = draw(d6st.campaigns(max_teams=2).map(lambda c: [c]))
    if catalogue is None:
        units = draw(st.lists(d6st.codes(max_size=4), min_size=1, max_size=3, unique=True))
    else:
        units = [*catalogue, OUTSIDE]
    services = draw(st.lists(d6st.codes(max_size=4), min_size=1, max_size=2, unique=True))
    span = draw(d6st.periods(min_year=2023, max_year=2023))
    return draw(
        st.lists(d6st.assistance_events(campaigns, units, services, span), max_size=max_size)
    )


# -- DossierTally ----


@given(d6st.dossier_tallies())
def test_empty_dossier_tally_is_the_identity(tally: DossierTally) -> None:
    empty = DossierTally()
    assert empty + tally == tally
    assert tally + empty == tally
    assert sum([tally], DossierTally()) == tally
    assert sum([tally]) == tally
    assert DossierTally.of([]) == empty
    assert DossierTally.from_counts([]) == empty
    assert empty.total() == 0
    assert not empty


SMALL_DOSSIER_TALLIES = d6st.dossier_tallies(max_rows=6)
SMALL_ASSISTANCE_TALLIES = d6st.assistance_tallies(max_rows=6)


@given(SMALL_DOSSIER_TALLIES, SMALL_DOSSIER_TALLIES, SMALL_DOSSIER_TALLIES)
def test_dossier_merge_is_associative_and_commutative(
    a: DossierTally, b: DossierTally, c: DossierTally
) -> None:
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert hash(a + b) == hash(b + a)
    assert (a + b).total() == a.total() + b.total()
    assert sum([a, b, c], DossierTally()) == a + b + c


@given(dossier_lists(max_size=16), st.data())
def test_tally_of_parts_is_tally_of_whole(dossiers: list[Dossier], data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(dossiers)), max_size=4)))
    bounds = [0, *cuts, len(dossiers)]
    parts = [dossiers[a:b] for a, b in itertools.pairwise(bounds)]
    whole = DossierTally.of(dossiers)
    assert sum((DossierTally.of(part) for part in parts), DossierTally()) == whole
    assert DossierTally.of(reversed(dossiers)) == whole
    assert DossierTally.of(iter(dossiers)) == whole


@given(d6st.dossier_tallies())
def test_from_counts_of_counts_is_the_tally(tally: DossierTally) -> None:
    rows = list(tally.counts())
    assert DossierTally.from_counts(rows) == tally
    assert DossierTally.from_counts(reversed(rows)) == tally
    assert DossierTally.from_counts(rows + rows) == tally + tally
    assert len(rows) == len(tally)
    assert all(row.dossiers > 0 for row in rows)


@given(dossier_lists(max_size=16))
def test_from_counts_equals_of(dossiers: list[Dossier]) -> None:
    tally = DossierTally.of(dossiers)
    assert DossierTally.from_counts(DossierTally.of(dossiers).counts()) == tally
    # Pre-aggregating each dossier on its own, then adding the rows up.
    rows = [row for d in dossiers for row in DossierTally.of([d]).counts()]
    assert DossierTally.from_counts(rows) == tally
    assert sum(row.dossiers for row in rows) == len(dossiers)


@given(d6st.dossier_tallies())
def test_dossier_tally_pickles(tally: DossierTally) -> None:
    assert pickle.loads(pickle.dumps(tally)) == tally  # noqa: S301 - our own data


@given(d6st.dossier_tallies())
def test_counts_are_sorted(tally: DossierTally) -> None:
    order = list(Channel)
    keys = [
        (row.service, row.unit, row.month.start, order.index(row.channel))
        for row in tally.counts()
    ]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    assert all(row.month.is_month for row in tally.counts())


@given(d6st.unit_catalogues(), st.data())
def test_dossier_rollup_preserves_totals(catalogue: UnitCatalogue, data: st.DataObject) -> None:
    dossiers = data.draw(dossier_lists(catalogue))
    tally = DossierTally.of(dossiers)
    for level in UnitLevel:
        rolled = tally.rollup(catalogue, level)
        assert rolled.total() == tally.total()
        assert rolled.online() == tally.online()
        assert rolled.resolved() == tally.resolved()
        assert rolled.on_time_rate() == tally.on_time_rate()
        assert rolled.paid_online() == tally.paid_online()
        assert rolled.assisted() == tally.assisted()
        assert rolled.rates_by_service() == tally.rates_by_service()
        assert rolled.rollup(catalogue, level) == rolled
        for code in rolled.units():
            if code in catalogue:
                assert catalogue[code].level <= level or catalogue.ancestor_at(code, level) is None
        half = len(dossiers) // 2
        merged = DossierTally.of(dossiers[:half]).rollup(catalogue, level) + DossierTally.of(
            dossiers[half:]
        ).rollup(catalogue, level)
        assert merged == rolled


@given(dossier_lists(max_size=16))
def test_rates_are_bounded_and_undefined_only_without_a_denominator(
    dossiers: list[Dossier],
) -> None:
    tally = DossierTally.of(dossiers)
    online = tally.online_rate()
    assert online.defined == (tally.total() > 0)
    assert online.denominator == len(dossiers)
    with_due = sum(1 for d in dossiers if d.resolved is not None and d.due is not None)
    assert tally.on_time_rate().defined == (with_due > 0)
    for rate in tally.rates_by_service().values():
        assert rate.defined
        assert rate.value is not None
        assert 0 <= rate.value <= 1
    for month, rate in tally.monthly_rates():
        assert rate.defined == (tally.total(period=month) > 0)
        assert rate.value is None or 0 <= rate.value <= 1
    for rate in (online, tally.on_time_rate()):
        assert rate.value is None or 0 <= rate.value <= 1


# -- AssistanceTally ----


@given(d6st.assistance_tallies())
def test_empty_assistance_tally_is_the_identity(tally: AssistanceTally) -> None:
    empty = AssistanceTally()
    assert empty + tally == tally
    assert tally + empty == tally
    assert sum([tally], AssistanceTally()) == tally
    assert AssistanceTally.of([]) == empty
    assert AssistanceTally.from_counts([]) == empty
    assert empty.total() == 0


@given(SMALL_ASSISTANCE_TALLIES, SMALL_ASSISTANCE_TALLIES, SMALL_ASSISTANCE_TALLIES)
def test_assistance_merge_is_associative_and_commutative(
    a: AssistanceTally, b: AssistanceTally, c: AssistanceTally
) -> None:
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert hash(a + b) == hash(b + a)
    assert (a + b).total() == a.total() + b.total()


@given(event_lists(max_size=16), st.data())
def test_assistance_of_parts_is_of_whole(
    events: list[AssistanceEvent], data: st.DataObject
) -> None:
    cut = data.draw(st.integers(0, len(events)))
    whole = AssistanceTally.of(events)
    assert AssistanceTally.of(events[:cut]) + AssistanceTally.of(events[cut:]) == whole
    assert AssistanceTally.of(reversed(events)) == whole


@given(d6st.assistance_tallies())
def test_assistance_from_counts_of_counts(tally: AssistanceTally) -> None:
    rows = list(tally.counts())
    assert AssistanceTally.from_counts(rows) == tally
    assert AssistanceTally.from_counts(rows + rows) == tally + tally
    assert pickle.loads(pickle.dumps(tally)) == tally  # noqa: S301 - our own data


@given(event_lists(max_size=16))
def test_assistance_from_counts_equals_of(events: list[AssistanceEvent]) -> None:
    tally = AssistanceTally.of(events)
    rows = [row for e in events for row in AssistanceTally.of([e]).counts()]
    assert AssistanceTally.from_counts(rows) == tally
    assert AssistanceTally.from_counts(tally.counts()) == tally


@given(d6st.assistance_tallies())
def test_assistance_counts_are_sorted(tally: AssistanceTally) -> None:
    kinds = list(AssistanceKind)

    def none_first(value: str | None) -> tuple[bool, str]:
        return (value is not None, value or "")

    keys = [
        (
            row.campaign,
            kinds.index(row.kind),
            row.on,
            none_first(row.team),
            none_first(row.unit),
            none_first(row.service),
        )
        for row in tally.counts()
    ]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


@given(d6st.unit_catalogues(), st.data())
def test_assistance_rollup_preserves_totals(catalogue: UnitCatalogue, data: st.DataObject) -> None:
    events = data.draw(event_lists(catalogue))
    tally = AssistanceTally.of(events)
    for level in UnitLevel:
        rolled = tally.rollup(catalogue, level)
        assert rolled.total() == tally.total()
        assert rolled.by_kind() == tally.by_kind()
        assert rolled.by_team() == tally.by_team()
        assert rolled.by_unit().get(None) == tally.by_unit().get(None)
        assert rolled.rollup(catalogue, level) == rolled
        assert AssistanceTally.from_counts(rolled.counts()) == rolled


def test_periods_of_counts_are_months() -> None:
    assert all(
        isinstance(row.month, Period) and row.month.is_month for row in DossierTally().counts()
    )
    assert list(DossierTally().counts()) == []
    assert list(AssistanceTally().counts()) == []


# -- the engines' fast path builds the same tally as the checked one ------------------------


@st.composite
def _counts(draw: st.DrawFn) -> tuple[int, int, int, int, int, int]:
    """Consistent counts of one group (a zero group too), or now and then any six."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.tuples(*[st.integers(-1, 6)] * 6))
    dossiers = draw(st.integers(0, 6))
    resolved = draw(st.integers(0, dossiers))
    with_due = draw(st.integers(0, resolved))
    on_time = draw(st.integers(0, with_due))
    paid, assisted = draw(st.integers(0, dossiers)), draw(st.integers(0, dossiers))
    return dossiers, resolved, with_due, on_time, paid, assisted


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["D06-01", " D06-01", "D06-02", "Cà Mau", "Ca\u0300 Mau", " "]),
            st.sampled_from(["535", "535 ", "21484"]),
            st.integers(24276, 24279),
            st.sampled_from(list(Channel)),
            _counts(),
        ),
        max_size=20,
    )
)
def test_grouped_columns_give_the_tally_of_their_rows(
    drawn: list[tuple[str, str, int, Channel, tuple[int, int, int, int, int, int]]],
) -> None:
    # Grouped rows as an engine returns them: keys unique before normalisation
    # (after it, " D06-01" and "D06-01" are one), counts consistent unless drawn
    # otherwise; both builders agree, or both refuse.
    unique = list({row[:4]: (*row[:4], *row[4]) for row in drawn}.values())
    columns: list[list[Any]] = [list(c) for c in zip(*unique, strict=True)] or [[]] * 10
    keys = (columns[0], columns[1], columns[2], columns[3])
    counts = (columns[4], columns[5], columns[6], columns[7], columns[8], columns[9])
    try:
        expected = DossierTally._from_checked_rows(unique)
    except ValidationError:
        with pytest.raises(ValidationError):
            DossierTally._from_checked_columns(keys, counts)
        return
    assert DossierTally._from_checked_columns(keys, counts) == expected
