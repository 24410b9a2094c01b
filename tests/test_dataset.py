"""Data sets: reference checks with exact locations, and cached views."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dean06 import (
    VIETNAM,
    AdministrativeUnit,
    AssistanceEvent,
    AssistanceKind,
    AssistanceTally,
    Campaign,
    Channel,
    DataError,
    Dataset,
    Dossier,
    DossierTally,
    Problem,
    Service,
    Team,
    UnitCatalogue,
    UnitLevel,
    ValidationError,
)
from dean06 import strategies as d6st

ON = dt.date(2023, 3, 26)
RECEIVED = dt.datetime(2023, 6, 1, 8, tzinfo=VIETNAM)


def service(code: str) -> Service:
    return Service(code=code, name=f"Dịch vụ {code}", agency="Bộ Công an")


def unit(code: str, level: UnitLevel, parent: str | None = None) -> AdministrativeUnit:
    return AdministrativeUnit(code=code, name=f"Đơn vị {code}", level=level, parent=parent)


def dossier(id_: str, service_code: str = "S1", unit_code: str = "53501") -> Dossier:
    return Dossier(
        id=id_, service=service_code, unit=unit_code, channel=Channel.ONLINE, received=RECEIVED
    )


def team(id_: str, unit_code: str | None = None) -> Team:
    return Team(id=id_, name=f"Đội {id_}", organisation="Tỉnh đoàn", members=10, unit=unit_code)


def campaign(id_: str, *teams: Team) -> Campaign:
    return Campaign(
        id=id_, name="Ngày cao điểm", organiser="Tỉnh đoàn", start=ON, end=ON, teams=teams
    )


def event(campaign_id: str = "C1", **extra: str | None) -> AssistanceEvent:
    return AssistanceEvent(
        campaign=campaign_id, kind=AssistanceKind.EID_INSTALLED, count=5, on=ON, **extra
    )


SERVICES = (service("S1"), service("S2"))
UNITS = (
    unit("51", UnitLevel.PROVINCE),
    unit("535", UnitLevel.DISTRICT, "51"),
    unit("53501", UnitLevel.COMMUNE, "535"),
)
CAMPAIGNS = (
    campaign("C1", team("T1", "535"), team("T2")),
    campaign("C2", team("T3", "53501")),
)


def good() -> Dataset:
    return Dataset(
        services=SERVICES,
        units=UNITS,
        dossiers=(dossier("HS-1"), dossier("HS-2", "S2", "535")),
        campaigns=CAMPAIGNS,
        events=(
            event(team="T1", unit="535", service="S1"),
            event("C2", team="T3"),
            event("C1"),
        ),
    )


def locations(dataset: Dataset) -> list[str]:
    return [p.location for p in dataset.problems()]


def test_a_consistent_data_set_has_no_problems() -> None:
    dataset = good()
    assert dataset.problems() == ()
    dataset.check()
    assert Dataset().problems() == ()


def test_duplicate_ids() -> None:
    base = good()
    dataset = Dataset(
        services=(*SERVICES, service("S1")),
        units=(*UNITS, unit("535", UnitLevel.DISTRICT, "51")),
        dossiers=(*base.dossiers, dossier("HS-1")),
        campaigns=(*CAMPAIGNS, campaign("C1")),
        events=base.events,
    )
    problems = dataset.problems()
    assert [p.location for p in problems] == [
        "services[2].code",
        "units[3].code",
        "dossiers[2].id",
        "campaigns[2].id",
    ]
    assert "duplicate" in problems[0].message
    assert "'S1'" in problems[0].message
    assert "services[0].code" in problems[0].message
    assert "units[1].code" in problems[1].message
    assert "dossiers[0].id" in problems[2].message


def test_team_ids_are_unique_across_the_data_set() -> None:
    dataset = attrs.evolve(good(), campaigns=(*CAMPAIGNS, campaign("C3", team("T9"), team("T1"))))
    problems = dataset.problems()
    assert [p.location for p in problems] == ["campaigns[2].teams[1].id"]
    assert "'T1'" in problems[0].message
    assert "campaigns[0].teams[0].id" in problems[0].message


def test_unknown_parent_and_cycles() -> None:
    units = (*UNITS, unit("x", UnitLevel.COMMUNE, "nowhere"))
    assert locations(attrs.evolve(good(), units=units)) == ["units[3].parent"]
    problem = attrs.evolve(good(), units=units).problems()[0]
    assert "unknown parent" in problem.message
    assert "'nowhere'" in problem.message

    cycle = (
        *UNITS,
        unit("a", UnitLevel.DISTRICT, "b"),
        unit("b", UnitLevel.DISTRICT, "a"),
    )
    messages = [p.message for p in attrs.evolve(good(), units=cycle).problems()]
    assert any("cycle" in m for m in messages)


def test_dossier_references() -> None:
    dossiers = (
        dossier("HS-1"),
        dossier("HS-2", "S9"),
        dossier("HS-3", "S1", "999"),
        dossier("HS-4", "S8", "998"),
    )
    problems = attrs.evolve(good(), dossiers=dossiers).problems()
    assert [p.location for p in problems] == [
        "dossiers[1].service",
        "dossiers[2].unit",
        "dossiers[3].service",
        "dossiers[3].unit",
    ]
    assert "unknown service 'S9'" in problems[0].message
    assert "unknown unit '999'" in problems[1].message


def test_team_units() -> None:
    campaigns = (campaign("C1", team("T1", "535"), team("T2", "ngoài")), CAMPAIGNS[1])
    problems = attrs.evolve(good(), campaigns=campaigns).problems()
    assert [p.location for p in problems] == ["campaigns[0].teams[1].unit"]
    assert "unknown unit 'ngoài'" in problems[0].message


def test_event_references() -> None:
    events = (
        event("C9"),  # unknown campaign
        event("C1", team="T3"),  # a team of another campaign
        event("C1", team="T404"),  # no such team
        event("C2", unit="999"),
        event("C2", service="S9"),
        event("C2", team="T3", unit="53501", service="S2"),  # fine
    )
    problems = attrs.evolve(good(), events=events).problems()
    assert [p.location for p in problems] == [
        "events[0].campaign",
        "events[1].team",
        "events[2].team",
        "events[3].unit",
        "events[4].service",
    ]
    assert "unknown campaign 'C9'" in problems[0].message
    assert "'T3'" in problems[1].message
    assert "'C1'" in problems[1].message


def test_problems_are_listed_in_a_fixed_order() -> None:
    dataset = Dataset(
        services=(*SERVICES, service("S1")),
        units=UNITS,
        dossiers=(dossier("HS-1", "S9"),),
        campaigns=CAMPAIGNS,
        events=(event("C9"),),
    )
    assert locations(dataset) == ["services[2].code", "dossiers[0].service", "events[0].campaign"]
    with pytest.raises(DataError) as info:
        dataset.check()
    assert info.value.problems == dataset.problems()
    assert info.value.total == 3


def test_references_into_empty_collections_are_not_checked() -> None:
    assert Dataset(dossiers=(dossier("HS-1", "any", "where"),)).problems() == ()
    assert Dataset(events=(event("C9", team="T9", unit="u", service="s"),)).problems() == ()
    only_units = Dataset(units=UNITS, dossiers=(dossier("HS-1", "unlisted", "53501"),))
    assert only_units.problems() == ()
    only_units_bad = Dataset(units=UNITS, dossiers=(dossier("HS-1", "unlisted", "999"),))
    assert locations(only_units_bad) == ["dossiers[0].unit"]
    no_campaigns = Dataset(services=SERVICES, events=(event("C9", team="T9", service="S1"),))
    assert no_campaigns.problems() == ()
    assert locations(attrs.evolve(no_campaigns, events=(event("C9", service="S7"),))) == [
        "events[0].service"
    ]


def test_messages_mask_personal_identifiers() -> None:
    dataset = Dataset(services=SERVICES, dossiers=(dossier("HS-1", "051203001234"),))
    (problem,) = dataset.problems()
    assert "051203001234" not in problem.message
    assert "***" in problem.message


def test_cached_views() -> None:
    dataset = good()
    assert dataset.dossier_tally is dataset.dossier_tally
    assert dataset.dossier_tally == DossierTally.of(dataset.dossiers)
    assert dataset.assistance_tally is dataset.assistance_tally
    assert dataset.assistance_tally == AssistanceTally.of(dataset.events)
    assert dataset.catalogue is dataset.catalogue
    assert dataset.catalogue == UnitCatalogue(UNITS)
    assert dataset.service("S2") is SERVICES[1]
    assert dataset.campaign("C2") is CAMPAIGNS[1]
    assert [t.id for t in dataset.teams()] == ["T1", "T2", "T3"]
    with pytest.raises(KeyError):
        dataset.service("S9")
    with pytest.raises(KeyError):
        dataset.campaign("C9")


def test_an_invalid_catalogue_raises_when_asked_for() -> None:
    dataset = attrs.evolve(good(), units=(*UNITS, UNITS[0]))
    with pytest.raises(DataError):
        _ = dataset.catalogue


def test_collections_are_stored_as_tuples_and_checked() -> None:
    dataset = Dataset(list(SERVICES), list(UNITS), [dossier("HS-1")], list(CAMPAIGNS), [])
    assert dataset.services == SERVICES
    assert isinstance(dataset.dossiers, tuple)
    assert dataset == Dataset(SERVICES, UNITS, (dossier("HS-1"),), CAMPAIGNS, ())
    with pytest.raises(ValidationError, match=r"^Dataset\.dossiers: "):
        Dataset(dossiers=[SERVICES[0]])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match=r"^Dataset\.services: "):
        Dataset(services="S1")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^Dataset\.units: "):
        Dataset(units=3)  # type: ignore[arg-type]


# -- properties of generated data sets ----------------------------------------------------------

SMALL = d6st.datasets(max_services=3, max_provinces=1, max_dossiers=5, max_events=5)


@given(SMALL)
def test_generated_data_sets_are_consistent(dataset: Dataset) -> None:
    assert dataset.problems() == ()
    assert len(dataset.catalogue) == len(dataset.units)
    assert dataset.dossier_tally.total() == len(dataset.dossiers)
    assert dataset.assistance_tally.total() == sum(e.count for e in dataset.events)


@given(SMALL, st.data())
def test_a_duplicated_dossier_is_found_at_its_place(dataset: Dataset, data: st.DataObject) -> None:
    extra = data.draw(
        d6st.dossiers(dataset.services or None, dataset.units or None).map(
            lambda d: attrs.evolve(d, id="HS-thêm-1")
        )
    )
    ids = {d.id for d in dataset.dossiers}
    assume("HS-thêm-1" not in ids)
    broken = attrs.evolve(dataset, dossiers=(*dataset.dossiers, extra, extra))
    first = len(dataset.dossiers)
    assert broken.problems() == (
        Problem(
            f"dossiers[{first + 1}].id",
            f"duplicate id 'HS-thêm-1' (first at dossiers[{first}].id)",
        ),
    )


@given(SMALL, st.data())
def test_unknown_references_are_found_where_they_are_checked(
    dataset: Dataset, data: st.DataObject
) -> None:
    stray = data.draw(
        d6st.dossiers(["dịch-vụ-lạ"], ["đơn-vị-lạ"]).map(lambda d: attrs.evolve(d, id="HS-lạ"))
    )
    assume(all(d.id != "HS-lạ" for d in dataset.dossiers))
    broken = attrs.evolve(dataset, dossiers=(stray, *dataset.dossiers))
    expected = []
    if dataset.services:
        expected.append(Problem("dossiers[0].service", "unknown service 'dịch-vụ-lạ'"))
    if dataset.units:
        expected.append(Problem("dossiers[0].unit", "unknown unit 'đơn-vị-lạ'"))
    assert broken.problems() == tuple(expected)
