"""Tallies built step by step agree with a plain list of records after every step."""

from __future__ import annotations

import datetime as dt
import pickle

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

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
    Team,
    UnitCatalogue,
    UnitLevel,
)
from dean06 import strategies as d6st

SERVICES = ("D06-06", "D06-21", "=1+1")
UNITS = ("51", "535", "53501", "53502", "ngoài")
CATALOGUE = UnitCatalogue(
    [
        AdministrativeUnit(code="51", name="Quảng Ngãi", level=UnitLevel.PROVINCE),
        AdministrativeUnit(code="535", name="Ba Tơ", level=UnitLevel.DISTRICT, parent="51"),
        AdministrativeUnit(code="53501", name="TT Ba Tơ", level=UnitLevel.COMMUNE, parent="535"),
        AdministrativeUnit(code="53502", name="Ba Đình", level=UnitLevel.COMMUNE, parent="535"),
    ]
)
SPAN = Period(dt.date(2023, 5, 25), dt.date(2023, 8, 5))
JUNE = Period.month(2023, 6)
Q3 = Period.quarter(2023, 3)

# Filters checked after every step: (service, unit, period, catalogue).
DOSSIER_SCOPES: list[tuple[str | None, str | None, Period | None, UnitCatalogue | None]] = [
    (None, None, None, None),
    ("D06-06", None, None, None),
    (None, "535", None, None),
    (None, "535", None, CATALOGUE),
    (None, "51", JUNE, CATALOGUE),
    ("D06-21", "ngoài", Q3, CATALOGUE),
]

STEPS = settings(stateful_step_count=15)


def covered(unit: str | None, catalogue: UnitCatalogue | None) -> set[str] | None:
    if unit is None:
        return None
    if catalogue is None or unit not in catalogue:
        return {unit}
    found = {unit}
    for code in catalogue:
        chain = [a.code for a in catalogue.ancestors(code)]
        if unit in chain:
            found.add(code)
    return found


def local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(VIETNAM).date()


class DossierTallyMachine(RuleBasedStateMachine):
    """Adds dossiers and merges tallies; the model is the list of dossiers added."""

    def __init__(self) -> None:
        super().__init__()
        self.tally = DossierTally()
        self.model: list[Dossier] = []

    @rule(dossier=d6st.dossiers(SERVICES, UNITS, SPAN))
    def add_one(self, dossier: Dossier) -> None:
        self.tally = self.tally + DossierTally.of([dossier])
        self.model.append(dossier)

    @rule(batch=st.lists(d6st.dossiers(SERVICES, UNITS, SPAN), max_size=4))
    def merge_a_batch_in_front(self, batch: list[Dossier]) -> None:
        self.tally = DossierTally.of(batch) + self.tally
        self.model.extend(batch)

    @rule(batch=st.lists(d6st.dossiers(SERVICES, UNITS, SPAN), max_size=4), cut=st.integers(0, 4))
    def merge_parts(self, batch: list[Dossier], cut: int) -> None:
        parts = [DossierTally.of(batch[:cut]), DossierTally.of(batch[cut:])]
        self.tally = sum(parts, self.tally)
        self.model.extend(batch)

    @rule()
    def rebuild_from_counts(self) -> None:
        self.tally = DossierTally.from_counts(self.tally.counts())

    @rule()
    def pickle_round_trip(self) -> None:
        self.tally = pickle.loads(pickle.dumps(self.tally))  # noqa: S301 - our own data

    @precondition(lambda self: bool(self.model))
    @rule()
    def merge_with_empty(self) -> None:
        self.tally = DossierTally() + self.tally + DossierTally()

    @invariant()
    def equals_a_fresh_tally(self) -> None:
        assert self.tally == DossierTally.of(self.model)
        assert len(self.tally) == len(
            {
                (d.service, d.unit, local_day(d.received).replace(day=1), d.channel)
                for d in self.model
            }
        )

    @invariant()
    def queries_match_the_model(self) -> None:
        for service, unit, period, catalogue in DOSSIER_SCOPES:
            units = covered(unit, catalogue)
            chosen = [
                d
                for d in self.model
                if (service is None or d.service == service)
                and (units is None or d.unit in units)
                and (period is None or local_day(d.received) in period)
            ]
            online = sum(1 for d in chosen if d.channel is Channel.ONLINE)
            ended = [
                d for d in chosen if d.status in (DossierStatus.RESOLVED, DossierStatus.REJECTED)
            ]
            with_due = [d for d in ended if d.due is not None]
            on_time = sum(1 for d in with_due if d.on_time)
            args = (service, unit, period)
            assert self.tally.total(*args, catalogue=catalogue) == len(chosen)
            assert self.tally.online(*args, catalogue=catalogue) == online
            assert self.tally.online_rate(*args, catalogue=catalogue) == Rate(online, len(chosen))
            assert self.tally.resolved(*args, catalogue=catalogue) == len(ended)
            assert self.tally.on_time_rate(*args, catalogue=catalogue) == Rate(
                on_time, len(with_due)
            )
            assert self.tally.paid_online(*args, catalogue=catalogue) == sum(
                1 for d in chosen if d.paid_online is True
            )
            assert self.tally.assisted(*args, catalogue=catalogue) == sum(
                1 for d in chosen if d.assisted
            )
            assert self.tally.by_channel(*args, catalogue=catalogue) == {
                c: sum(1 for d in chosen if d.channel is c) for c in Channel
            }
        assert self.tally.services() == {d.service for d in self.model}
        assert self.tally.rates_by_service() == {
            code: Rate(
                sum(1 for d in self.model if d.service == code and d.channel is Channel.ONLINE),
                sum(1 for d in self.model if d.service == code),
            )
            for code in {d.service for d in self.model}
        }
        months = self.tally.monthly_rates()
        assert sum(rate.denominator for _, rate in months) == len(self.model)
        assert [m for m, rate in months if rate.defined] == sorted(
            {Period.containing(d.received) for d in self.model}
        )


TestDossierTally = DossierTallyMachine.TestCase
TestDossierTally.settings = STEPS


# -- AssistanceTally -----------------------------------------------------------------------

CAMPAIGNS = [
    Campaign(
        id="NCD",
        name="Ngày cao điểm",
        organiser="Tỉnh đoàn",
        start=dt.date(2023, 3, 26),
        end=dt.date(2023, 3, 26),
        teams=(
            Team(id="T1", name="Đội 1", organisation="Đoàn xã", members=12, unit="53501"),
            Team(id="T2", name="Đội 2", organisation="Đoàn xã", members=9),
        ),
    ),
    Campaign(id="MHX", name="Mùa hè xanh", organiser="Tỉnh đoàn", start=SPAN.start, end=SPAN.end),
]
ASSISTANCE_SCOPES: list[
    tuple[
        AssistanceKind | None,
        str | None,
        str | None,
        str | None,
        Period | None,
        UnitCatalogue | None,
    ]
] = [
    (None, None, None, None, None, None),
    (AssistanceKind.EID_INSTALLED, None, None, None, None, None),
    (None, "NCD", "T1", None, None, None),
    (None, None, None, "535", None, CATALOGUE),
    (None, "MHX", None, "51", JUNE, CATALOGUE),
    (None, None, None, "535", Period(dt.date(2023, 6, 10), dt.date(2023, 7, 20)), None),
]
EVENTS = d6st.assistance_events(CAMPAIGNS, UNITS, SERVICES, SPAN)


class AssistanceTallyMachine(RuleBasedStateMachine):
    """Adds events and merges tallies; the model is the list of events added."""

    def __init__(self) -> None:
        super().__init__()
        self.tally = AssistanceTally()
        self.model: list[AssistanceEvent] = []

    @rule(event=EVENTS)
    def add_one(self, event: AssistanceEvent) -> None:
        self.tally = self.tally + AssistanceTally.of([event])
        self.model.append(event)

    @rule(batch=st.lists(EVENTS, max_size=4))
    def merge_a_batch_in_front(self, batch: list[AssistanceEvent]) -> None:
        self.tally = AssistanceTally.of(batch) + self.tally
        self.model.extend(batch)

    @rule()
    def rebuild_from_counts(self) -> None:
        self.tally = AssistanceTally.from_counts(self.tally.counts())

    @rule()
    def pickle_round_trip(self) -> None:
        self.tally = pickle.loads(pickle.dumps(self.tally))  # noqa: S301 - our own data

    @invariant()
    def equals_a_fresh_tally(self) -> None:
        assert self.tally == AssistanceTally.of(self.model)

    @invariant()
    def queries_match_the_model(self) -> None:
        for kind, campaign, team, unit, period, catalogue in ASSISTANCE_SCOPES:
            units = covered(unit, catalogue)
            chosen = [
                e
                for e in self.model
                if (kind is None or e.kind is kind)
                and (campaign is None or e.campaign == campaign)
                and (team is None or e.team == team)
                and (units is None or e.unit in units)
                and (period is None or e.on in period)
            ]
            args = (kind, campaign, team, unit, period)
            assert self.tally.total(*args, catalogue=catalogue) == sum(e.count for e in chosen)
            by_kind: dict[AssistanceKind, int] = {}
            by_team: dict[str | None, int] = {}
            by_unit: dict[str | None, int] = {}
            for e in chosen:
                by_kind[e.kind] = by_kind.get(e.kind, 0) + e.count
                by_team[e.team] = by_team.get(e.team, 0) + e.count
                by_unit[e.unit] = by_unit.get(e.unit, 0) + e.count
            assert self.tally.by_kind(*args, catalogue=catalogue) == by_kind
            assert self.tally.by_team(*args, catalogue=catalogue) == by_team
            assert self.tally.by_unit(*args, catalogue=catalogue) == by_unit
            assert self.tally.occasions(*args, catalogue=catalogue) == len(
                {(e.on, e.team, e.unit) for e in chosen}
            )
        for event in self.model:
            if event.campaign == "NCD":
                assert event.team in (None, "T1", "T2")
            else:
                assert event.team is None


TestAssistanceTally = AssistanceTallyMachine.TestCase
TestAssistanceTally.settings = STEPS
