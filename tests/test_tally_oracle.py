"""Every tally query equals a plain, obviously correct filter-and-count over the records."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dean06 import (
    VIETNAM,
    AdministrativeUnit,
    AssistanceEvent,
    AssistanceKind,
    AssistanceTally,
    Campaign,
    Channel,
    Dossier,
    DossierStatus,
    DossierTally,
    Period,
    Rate,
    UnitCatalogue,
    UnitLevel,
    ValidationError,
)
from dean06 import strategies as d6st

if TYPE_CHECKING:
    from collections.abc import Callable

OUTSIDE = "ngoài"  # a unit code that no catalogue holds
YEAR = Period.year(2023)


# -- the plain model ----


def local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(VIETNAM).date()


def selected_units(unit: str | None, catalogue: UnitCatalogue | None) -> set[str] | None:
    """The unit and, with a catalogue, every unit whose chain of parents reaches it."""
    if unit is None:
        return None
    if catalogue is None or unit not in catalogue:
        return {unit}
    chosen = {unit}
    for code in catalogue:
        parent = catalogue[code].parent
        while parent is not None:
            if parent == unit:
                chosen.add(code)
                break
            parent = catalogue[parent].parent
    return chosen


@dataclass(frozen=True)
class Scope:
    service: str | None
    unit: str | None
    period: Period | None
    catalogue: UnitCatalogue | None

    def dossiers(self, dossiers: list[Dossier]) -> list[Dossier]:
        units = selected_units(self.unit, self.catalogue)
        return [
            d
            for d in dossiers
            if (self.service is None or d.service == self.service)
            and (units is None or d.unit in units)
            and (
                self.period is None
                or self.period.start <= local_day(d.received) <= self.period.end
            )
        ]

    def kwargs(self) -> dict[str, object]:
        return {
            "service": self.service,
            "unit": self.unit,
            "period": self.period,
            "catalogue": self.catalogue,
        }


def month_of(d: Dossier) -> Period:
    day = local_day(d.received)
    return Period.month(day.year, day.month)


def is_resolved(d: Dossier) -> bool:
    return d.status in (DossierStatus.RESOLVED, DossierStatus.REJECTED)


def check_dossier_queries(tally: DossierTally, dossiers: list[Dossier], scope: Scope) -> None:
    chosen = scope.dossiers(dossiers)
    online = [d for d in chosen if d.channel is Channel.ONLINE]
    with_due = [d for d in chosen if is_resolved(d) and d.due is not None]
    on_time = [
        d for d in with_due if d.resolved is not None and d.due is not None and d.resolved <= d.due
    ]
    kwargs = scope.kwargs()
    assert tally.total(**kwargs) == len(chosen)  # type: ignore[arg-type]
    assert tally.online(**kwargs) == len(online)  # type: ignore[arg-type]
    assert tally.resolved(**kwargs) == sum(1 for d in chosen if is_resolved(d))  # type: ignore[arg-type]
    assert tally.paid_online(**kwargs) == sum(1 for d in chosen if d.paid_online is True)  # type: ignore[arg-type]
    assert tally.assisted(**kwargs) == sum(1 for d in chosen if d.assisted)  # type: ignore[arg-type]
    assert tally.online_rate(**kwargs) == Rate(len(online), len(chosen))  # type: ignore[arg-type]
    assert tally.on_time_rate(**kwargs) == Rate(len(on_time), len(with_due))  # type: ignore[arg-type]
    channels = Counter(d.channel for d in chosen)
    by_channel = tally.by_channel(**kwargs)  # type: ignore[arg-type]
    assert by_channel == {channel: channels[channel] for channel in Channel}
    assert list(by_channel) == list(Channel)

    # rates_by_service ignores the service filter: every service in the scope.
    wide = Scope(None, scope.unit, scope.period, scope.catalogue).dossiers(dossiers)
    expected_rates = {
        code: Rate(
            sum(1 for d in wide if d.service == code and d.channel is Channel.ONLINE),
            sum(1 for d in wide if d.service == code),
        )
        for code in {d.service for d in wide}
    }
    by_service = tally.rates_by_service(scope.unit, scope.period, catalogue=scope.catalogue)
    assert by_service == expected_rates

    months = sorted({month_of(d) for d in chosen})
    series = tally.monthly_rates(
        scope.service, scope.unit, period=scope.period, catalogue=scope.catalogue
    )
    if not months:
        assert series == []
    else:
        every = list(Period(months[0].start, months[-1].end).months())
        expected_series = [
            (
                month,
                Rate(
                    sum(1 for d in online if month_of(d) == month),
                    sum(1 for d in chosen if month_of(d) == month),
                ),
            )
            for month in every
        ]
        assert series == expected_series


def check_assistance_queries(
    tally: AssistanceTally,
    events: list[AssistanceEvent],
    kind: AssistanceKind | None,
    campaign: str | None,
    team: str | None,
    unit: str | None,
    period: Period | None,
    catalogue: UnitCatalogue | None,
) -> None:
    units = selected_units(unit, catalogue)
    chosen = [
        e
        for e in events
        if (kind is None or e.kind is kind)
        and (campaign is None or e.campaign == campaign)
        and (team is None or e.team == team)
        and (units is None or e.unit in units)
        and (period is None or period.start <= e.on <= period.end)
    ]
    args = (kind, campaign, team, unit, period)
    assert tally.total(*args, catalogue=catalogue) == sum(e.count for e in chosen)

    def grouped(key: str) -> dict[object, int]:
        groups: dict[object, int] = {}
        for e in chosen:
            groups[getattr(e, key)] = groups.get(getattr(e, key), 0) + e.count
        return groups

    by_kind = tally.by_kind(*args, catalogue=catalogue)
    assert by_kind == grouped("kind")
    assert list(by_kind) == [k for k in AssistanceKind if k in by_kind]
    by_team = tally.by_team(*args, catalogue=catalogue)
    assert by_team == grouped("team")
    assert list(by_team) == sorted(by_team, key=lambda t: (t is not None, t or ""))
    by_unit = tally.by_unit(*args, catalogue=catalogue)
    assert by_unit == grouped("unit")
    assert list(by_unit) == sorted(by_unit, key=lambda u: (u is not None, u or ""))
    assert tally.occasions(*args, catalogue=catalogue) == len(
        {(e.on, e.team, e.unit) for e in chosen}
    )


# -- strategies for scopes ----


@st.composite
def dossier_worlds(draw: st.DrawFn) -> tuple[UnitCatalogue, list[str], list[Dossier]]:
    catalogue = draw(d6st.unit_catalogues(max_provinces=1, max_districts=2, max_communes=2))
    services = draw(st.lists(d6st.codes(max_size=4), min_size=1, max_size=3, unique=True))
    units = [*catalogue, OUTSIDE]
    span = draw(d6st.periods(min_year=2023, max_year=2023))
    dossiers = draw(st.lists(d6st.dossiers(services, units, span), max_size=14))
    return catalogue, services, dossiers


WHOLE_MONTHS = st.one_of(st.none(), d6st.periods(min_year=2023, max_year=2023, whole_months=True))


@given(dossier_worlds(), st.data())
def test_dossier_queries_match_the_model(
    world: tuple[UnitCatalogue, list[str], list[Dossier]], data: st.DataObject
) -> None:
    catalogue, services, dossiers = world
    tally = DossierTally.of(dossiers)
    for _ in range(3):
        scope = Scope(
            service=data.draw(st.one_of(st.none(), st.sampled_from([*services, "không-có"]))),
            unit=data.draw(st.one_of(st.none(), st.sampled_from([*catalogue, OUTSIDE]))),
            period=data.draw(WHOLE_MONTHS),
            catalogue=data.draw(st.sampled_from([None, catalogue])),
        )
        check_dossier_queries(tally, dossiers, scope)


@given(dossier_worlds())
def test_every_unit_with_and_without_the_catalogue(
    world: tuple[UnitCatalogue, list[str], list[Dossier]],
) -> None:
    catalogue, _, dossiers = world
    tally = DossierTally.of(dossiers)
    for code in [*catalogue, OUTSIDE]:
        for cat in (None, catalogue):
            check_dossier_queries(tally, dossiers, Scope(None, code, None, cat))


@given(dossier_worlds())
def test_the_same_from_pre_aggregated_rows(
    world: tuple[UnitCatalogue, list[str], list[Dossier]],
) -> None:
    catalogue, services, dossiers = world
    tally = DossierTally.from_counts(DossierTally.of(dossiers).counts())
    for service in (None, *services):
        check_dossier_queries(tally, dossiers, Scope(service, None, None, None))
    check_dossier_queries(tally, dossiers, Scope(None, None, Period.quarter(2023, 2), catalogue))


def test_district_code_selects_its_communes() -> None:
    units = [
        make_unit("51", "PROVINCE"),
        make_unit("535", "DISTRICT", "51"),
        make_unit("53501", "COMMUNE", "535"),
        make_unit("53502", "COMMUNE", "535"),
        make_unit("524", "DISTRICT", "51"),
    ]
    catalogue = UnitCatalogue(units)
    received = dt.datetime(2023, 6, 1, 8, tzinfo=VIETNAM)
    dossiers = [
        Dossier(id=f"{n}", service="s", unit=unit, channel=channel, received=received)
        for n, (unit, channel) in enumerate(
            [
                ("53501", Channel.ONLINE),
                ("53502", Channel.IN_PERSON),
                ("535", Channel.ONLINE),
                ("524", Channel.ONLINE),
                ("999", Channel.ONLINE),
            ]
        )
    ]
    tally = DossierTally.of(dossiers)
    assert tally.total(unit="535") == 1
    assert tally.total(unit="535", catalogue=catalogue) == 3
    assert tally.online_rate(unit="535", catalogue=catalogue) == Rate(2, 3)
    assert tally.total(unit="51", catalogue=catalogue) == 4
    assert tally.total(unit="999", catalogue=catalogue) == 1  # not in the catalogue: itself
    assert tally.total(unit="53501", catalogue=catalogue) == 1


def make_unit(code: str, level: str, parent: str | None = None) -> AdministrativeUnit:
    return AdministrativeUnit(
        code=code, name=f"Đơn vị {code}", level=UnitLevel[level], parent=parent
    )


NOT_WHOLE_MONTHS = d6st.periods(min_year=2022, max_year=2024).filter(lambda p: not p.whole_months)


@given(NOT_WHOLE_MONTHS, d6st.dossier_tallies(max_rows=3))
def test_periods_that_are_not_whole_months_are_refused(
    period: Period, tally: DossierTally
) -> None:
    queries: list[Callable[[], object]] = [
        lambda: tally.total(period=period),
        lambda: tally.online(period=period),
        lambda: tally.resolved(period=period),
        lambda: tally.paid_online(period=period),
        lambda: tally.assisted(period=period),
        lambda: tally.online_rate(period=period),
        lambda: tally.on_time_rate(period=period),
        lambda: tally.by_channel(period=period),
        lambda: tally.rates_by_service(period=period),
        lambda: tally.monthly_rates(period=period),
    ]
    for query in queries:
        with pytest.raises(ValidationError, match="whole months"):
            query()


def test_whole_month_periods_of_any_length_are_accepted() -> None:
    tally = DossierTally()
    for text in ("2023-06", "2023-Q2", "2023-H1", "2023", "2022-11/2023-02"):
        assert tally.total(period=Period.parse(text)) == 0


# -- assistance ----


@st.composite
def assistance_worlds(
    draw: st.DrawFn,
) -> tuple[UnitCatalogue, list[Campaign], list[AssistanceEvent]]:
    catalogue = draw(d6st.unit_catalogues(max_provinces=1, max_districts=2, max_communes=2))
    units = [*catalogue, OUTSIDE]
    campaigns = draw(
        st.lists(
            d6st.campaigns(units, max_teams=3), min_size=1, max_size=2, unique_by=lambda c: c.id
        )
    )
    services = draw(st.lists(d6st.codes(max_size=4), min_size=1, max_size=2, unique=True))
    span = Period(dt.date(2023, 3, 20), dt.date(2023, 4, 10))
    events = draw(st.lists(d6st.assistance_events(campaigns, units, services, span), max_size=14))
    return catalogue, campaigns, events


ANY_PERIOD = st.one_of(
    st.none(),
    st.builds(
        lambda a, b: Period(min(a, b), max(a, b)),
        st.dates(dt.date(2023, 3, 18), dt.date(2023, 4, 12)),
        st.dates(dt.date(2023, 3, 18), dt.date(2023, 4, 12)),
    ),
)


@given(assistance_worlds(), st.data())
def test_assistance_queries_match_the_model(
    world: tuple[UnitCatalogue, list[Campaign], list[AssistanceEvent]],
    data: st.DataObject,
) -> None:
    catalogue, campaigns, events = world
    teams = [t.id for c in campaigns for t in c.teams]
    for tally in (
        AssistanceTally.of(events),
        AssistanceTally.from_counts(AssistanceTally.of(events).counts()),
    ):
        check_assistance_queries(tally, events, None, None, None, None, None, None)
        for _ in range(3):
            check_assistance_queries(
                tally,
                events,
                kind=data.draw(st.one_of(st.none(), st.sampled_from(AssistanceKind))),
                campaign=data.draw(
                    st.one_of(st.none(), st.sampled_from([c.id for c in campaigns]))
                ),
                team=data.draw(st.one_of(st.none(), st.sampled_from([*teams, "đội-khác"]))),
                unit=data.draw(st.one_of(st.none(), st.sampled_from([*catalogue, OUTSIDE]))),
                period=data.draw(ANY_PERIOD),
                catalogue=data.draw(st.sampled_from([None, catalogue])),
            )


@given(assistance_worlds())
def test_assistance_by_every_unit(
    world: tuple[UnitCatalogue, list[Campaign], list[AssistanceEvent]],
) -> None:
    catalogue, _, events = world
    tally = AssistanceTally.of(events)
    for code in [*catalogue, OUTSIDE]:
        check_assistance_queries(tally, events, None, None, None, code, None, catalogue)
        check_assistance_queries(tally, events, None, None, None, code, None, None)


def test_events_without_team_or_unit_count_under_none() -> None:
    on = dt.date(2023, 3, 26)
    events = [
        AssistanceEvent(campaign="C", kind=AssistanceKind.OUTREACH, count=200, on=on),
        AssistanceEvent(
            campaign="C", kind=AssistanceKind.OUTREACH, count=5, on=on, team="T", unit="u"
        ),
        AssistanceEvent(campaign="C", kind=AssistanceKind.EID_INSTALLED, count=0, on=on, team="T"),
    ]
    tally = AssistanceTally.of(events)
    assert tally.by_team() == {None: 200, "T": 5}
    assert list(tally.by_team()) == [None, "T"]
    assert tally.by_unit() == {None: 200, "u": 5}
    assert tally.by_kind() == {AssistanceKind.EID_INSTALLED: 0, AssistanceKind.OUTREACH: 205}
    assert list(tally.by_kind()) == [AssistanceKind.EID_INSTALLED, AssistanceKind.OUTREACH]
    assert tally.occasions() == 3
    assert tally.total(period=Period(on, on)) == 205
    assert tally.total(period=Period(on + dt.timedelta(days=1), on + dt.timedelta(days=2))) == 0
