"""A data set: one place's services, units, dossiers, campaigns and events.

Records refer to each other by code, like foreign keys: a dossier names its
service and unit, an event its campaign, team, unit and service.
:meth:`Dataset.problems` checks those references and the uniqueness of
ids, the way a database would check its constraints, and reports every
fault with its location.  References into an empty collection are not
checked, so a folder holding only dossiers is a valid data set.

>>> Dataset().problems()
()
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from dean06._fields import fail
from dean06.campaigns import AssistanceEvent, Campaign, Team
from dean06.dossiers import Dossier
from dean06.errors import DataError, Problem, quote_input
from dean06.services import Service
from dean06.tally import AssistanceTally, DossierTally
from dean06.units import AdministrativeUnit, UnitCatalogue

__all__ = ["Dataset", "Locator"]

#: Builds a location from (collection, index, field): how problems name places.
Locator = Callable[[str, int, str], str]


def default_locator(kind: str, index: int, field: str) -> str:
    """``"dossiers[3].service"``: the place of a field in a :class:`Dataset`."""
    return f"{kind}[{index}].{field}"


def _tuple_of(cls: type) -> Any:
    def convert(value: object, instance: object, field: attrs.Attribute[Any]) -> tuple[Any, ...]:
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            raise fail(instance, field.name, f"must be a collection of {cls.__name__}")
        # A mapping of records (a UnitCatalogue) gives its records, not its keys.
        items = tuple(value.values() if isinstance(value, Mapping) else value)
        for index, item in enumerate(items):
            if not isinstance(item, cls):
                raise fail(
                    instance,
                    field.name,
                    f"item {index} must be a {cls.__name__}, not {type(item).__name__}",
                )
        return items

    return attrs.field(
        default=(),
        converter=attrs.Converter(convert, takes_self=True, takes_field=True),
    )


@attrs.frozen(slots=False, init=False)
class Dataset:
    """One place's data: services, units, dossiers, campaigns (with teams) and events.

    Arguments may be given positionally in that order or by keyword; each
    is any iterable and is stored as a tuple.  A data set is immutable;
    its unit catalogue and tallies are computed once, when first asked for.

    Attributes:
        services: :class:`~dean06.Service` records.
        units: :class:`~dean06.AdministrativeUnit` records.
        dossiers: :class:`~dean06.Dossier` records.
        campaigns: :class:`~dean06.Campaign` records, holding their teams.
        events: :class:`~dean06.AssistanceEvent` records.

    Since: 0.1.0
    """

    services: tuple[Service, ...] = _tuple_of(Service)
    units: tuple[AdministrativeUnit, ...] = _tuple_of(AdministrativeUnit)
    dossiers: tuple[Dossier, ...] = _tuple_of(Dossier)
    campaigns: tuple[Campaign, ...] = _tuple_of(Campaign)
    events: tuple[AssistanceEvent, ...] = _tuple_of(AssistanceEvent)

    def __init__(
        self,
        services: Iterable[Service] = (),
        units: Iterable[AdministrativeUnit] | Mapping[str, AdministrativeUnit] = (),
        dossiers: Iterable[Dossier] = (),
        campaigns: Iterable[Campaign] = (),
        events: Iterable[AssistanceEvent] = (),
    ) -> None:
        # The converters check each argument and store a tuple.
        init: Any = self.__attrs_init__
        init(services=services, units=units, dossiers=dossiers, campaigns=campaigns, events=events)

    # -- derived views (cached: the data set is immutable) ---------------------------

    @functools.cached_property
    def catalogue(self) -> UnitCatalogue:
        """The units as a :class:`~dean06.UnitCatalogue`.

        Raises:
            DataError: when the units do not form a valid catalogue
                (duplicates, unknown parents, cycles).
        """
        return UnitCatalogue(self.units)

    @functools.cached_property
    def dossier_tally(self) -> DossierTally:
        """:class:`~dean06.DossierTally` of every dossier."""
        return DossierTally.of(self.dossiers)

    @functools.cached_property
    def assistance_tally(self) -> AssistanceTally:
        """:class:`~dean06.AssistanceTally` of every event."""
        return AssistanceTally.of(self.events)

    @functools.cached_property
    def _services_by_code(self) -> dict[str, Service]:
        return {service.code: service for service in self.services}

    @functools.cached_property
    def _campaigns_by_id(self) -> dict[str, Campaign]:
        return {campaign.id: campaign for campaign in self.campaigns}

    def service(self, code: str) -> Service:
        """The service with *code*.

        Raises:
            KeyError: if there is none.
        """
        return self._services_by_code[code]

    def campaign(self, campaign_id: str) -> Campaign:
        """The campaign with *campaign_id*.

        Raises:
            KeyError: if there is none.
        """
        return self._campaigns_by_id[campaign_id]

    def teams(self) -> Iterator[Team]:
        """Every team of every campaign, in order."""
        for campaign in self.campaigns:
            yield from campaign.teams

    def essential_codes(self) -> tuple[str, ...]:
        """The codes of the essential services, in data set order."""
        return tuple(s.code for s in self.services if s.essential)

    # -- checks -------------------------------------------------------------------------

    def problems(self) -> tuple[Problem, ...]:
        """Every broken reference and duplicate id, with its location.

        Checked: duplicate service codes, unit codes, dossier ids, campaign
        ids and team ids (unique across the data set); unit parents and
        cycles; each dossier's service and unit; each team's unit; each
        event's campaign, team (which must belong to that campaign), unit
        and service.  References into an empty collection are not checked.

        Locations look like ``"dossiers[3].service"``.
        """
        return tuple(check_references(self))

    def check(self) -> None:
        """Raise :class:`~dean06.DataError` listing :meth:`problems`, if there are any."""
        found = self.problems()
        if found:
            raise DataError(found, summary="the data set has broken references")


def check_references(dataset: Dataset, locate: Locator = default_locator) -> Iterator[Problem]:
    """Yield the reference problems of *dataset*, located with *locate* (internal)."""
    yield from _duplicates("services", "code", (s.code for s in dataset.services), locate)
    yield from _duplicates("units", "code", (u.code for u in dataset.units), locate)
    yield from _duplicates("dossiers", "id", (d.id for d in dataset.dossiers), locate)
    yield from _duplicates("campaigns", "id", (c.id for c in dataset.campaigns), locate)
    yield from _team_duplicates(dataset, locate)

    unit_codes = {u.code for u in dataset.units}
    service_codes = {s.code for s in dataset.services}
    if unit_codes:
        for index, unit in enumerate(dataset.units):
            if unit.parent is not None and unit.parent not in unit_codes:
                yield Problem(
                    locate("units", index, "parent"),
                    f"unknown parent unit {quote_input(unit.parent)}",
                )
        try:
            UnitCatalogue(_first_of_each(dataset.units))
        except DataError as error:
            # The catalogue names a unit by its code ("unit '21013'"); here
            # the problem is located at that unit's parent, like the others.
            where: dict[str, int] = {}
            for index, unit in enumerate(dataset.units):
                where.setdefault(Problem(f"unit {unit.code!r}", "").location, index)
            for problem in error.problems:
                if "unknown parent" in problem.message:
                    continue  # reported above, located
                index_ = where.get(problem.location)
                yield (
                    problem
                    if index_ is None
                    else Problem(locate("units", index_, "parent"), problem.message)
                )

    for index, dossier in enumerate(dataset.dossiers):
        if service_codes and dossier.service not in service_codes:
            yield Problem(
                locate("dossiers", index, "service"),
                f"unknown service {quote_input(dossier.service)}",
            )
        if unit_codes and dossier.unit not in unit_codes:
            yield Problem(
                locate("dossiers", index, "unit"), f"unknown unit {quote_input(dossier.unit)}"
            )

    for c_index, campaign in enumerate(dataset.campaigns):
        for t_index, team in enumerate(campaign.teams):
            if unit_codes and team.unit is not None and team.unit not in unit_codes:
                yield Problem(
                    locate("campaigns", c_index, f"teams[{t_index}].unit"),
                    f"unknown unit {quote_input(team.unit)}",
                )

    # A duplicate campaign id is reported above; references resolve to the first.
    campaigns: dict[str, Campaign] = {}
    for campaign in dataset.campaigns:
        campaigns.setdefault(campaign.id, campaign)
    teams_of = {code: {t.id for t in c.teams} for code, c in campaigns.items()}
    for index, event in enumerate(dataset.events):
        if campaigns and event.campaign not in campaigns:
            yield Problem(
                locate("events", index, "campaign"),
                f"unknown campaign {quote_input(event.campaign)}",
            )
        elif campaigns and event.team is not None and event.team not in teams_of[event.campaign]:
            yield Problem(
                locate("events", index, "team"),
                f"team {quote_input(event.team)} is not a team of campaign "
                f"{quote_input(event.campaign)}",
            )
        if unit_codes and event.unit is not None and event.unit not in unit_codes:
            yield Problem(
                locate("events", index, "unit"), f"unknown unit {quote_input(event.unit)}"
            )
        if service_codes and event.service is not None and event.service not in service_codes:
            yield Problem(
                locate("events", index, "service"),
                f"unknown service {quote_input(event.service)}",
            )


def _first_of_each(units: Iterable[AdministrativeUnit]) -> list[AdministrativeUnit]:
    seen: set[str] = set()
    kept: list[AdministrativeUnit] = []
    codes = {u.code for u in units}
    for unit in units:
        if unit.code in seen:
            continue
        seen.add(unit.code)
        # Unknown parents are reported separately, with their location.
        kept.append(
            unit
            if unit.parent in codes or unit.parent is None
            else attrs.evolve(unit, parent=None)
        )
    return kept


def _duplicates(kind: str, field: str, codes: Iterable[str], locate: Locator) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, code in enumerate(codes):
        if code in first:
            yield Problem(
                locate(kind, index, field),
                f"duplicate {field} {quote_input(code)} "
                f"(first at {locate(kind, first[code], field)})",
            )
        else:
            first[code] = index


def _team_duplicates(dataset: Dataset, locate: Locator) -> Iterator[Problem]:
    first: dict[str, str] = {}
    for c_index, campaign in enumerate(dataset.campaigns):
        for t_index, team in enumerate(campaign.teams):
            where = locate("campaigns", c_index, f"teams[{t_index}].id")
            if team.id in first:
                yield Problem(
                    where, f"duplicate team id {quote_input(team.id)} (first at {first[team.id]})"
                )
            else:
                first[team.id] = where
