"""The report a Project 06 working group sends upward, from any data set.

:func:`build` turns a :class:`~dean06.Dataset` (for a period and a unit) into
a :class:`Report`; :meth:`Report.from_tallies` does the same from tallies
computed elsewhere (a dataframe engine, a cluster).  A report holds its
figures as :class:`~dean06.Rate` objects and counts, and renders them as
text (the default), Markdown, CSV, JSON or HTML, in Vietnamese (default) or
English:

>>> import dean06.datasets, dean06.report
>>> report = dean06.report.build(dean06.datasets.quang_ngai_2023())
>>> report.with_online
Rate(numerator=23, denominator=25)
>>> print(report.render(lang="vi").splitlines()[5])
- 23/25 DVC thiết yếu phát sinh hồ sơ trực tuyến.

What is reported (nothing in this module is specific to one province):

* essential services: how many had at least one online dossier (over all
  essential services), how many are above 50% online and which are at 100%
  (over the essential services with local totals and at least one dossier,
  so "no rate" never counts as 0%), the rate of every service;
* dossiers: total, online, online rate month by month and its trend,
  on-time rate, paid online, filed with volunteer help; the rate of each
  unit one level down;
* campaigns: teams, members, activities, units covered, help by kind;
* electronic identification: installations, level-1 activations, level-2
  applications and activations helped by the campaigns.

Vietnamese output follows Vietnamese conventions: ``2.393`` and ``72,7%``;
English uses ``2,393`` and ``72.7%``.  Undefined rates print as ``–``.  The
CSV form writes counts as plain digits (``2393``), which every spreadsheet
reads alike whatever its locale (``2.393`` would be read as a decimal in
most), and neutralises cells a spreadsheet would run as formulas.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import TYPE_CHECKING, Any, Final

import attrs

from dean06._labels import check_lang
from dean06.campaigns import AssistanceKind, Campaign
from dean06.dataset import Dataset
from dean06.errors import ValidationError, quote_input
from dean06.periods import Period, month_index
from dean06.rates import Rate, Trend, fully_online, services_with_online, share_above, trend
from dean06.services import Service, essential_services
from dean06.tally import AssistanceTally, DossierTally
from dean06.units import AdministrativeUnit, UnitCatalogue, UnitLevel

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

__all__ = [
    "FORMATS",
    "CampaignLine",
    "Report",
    "ServiceLine",
    "UnitLine",
    "build",
    "format_count",
    "format_rate",
]

#: The output formats of :meth:`Report.render`.
FORMATS: Final = ("text", "markdown", "csv", "json", "html")
#: The JSON report's schema version.
REPORT_SCHEMA_VERSION: Final = 1

#: The kinds of help reported as electronic identification figures.
EID_KINDS: Final = (
    AssistanceKind.EID_INSTALLED,
    AssistanceKind.EID_LEVEL1_ACTIVATED,
    AssistanceKind.EID_LEVEL2_APPLICATION,
    AssistanceKind.EID_LEVEL2_ACTIVATED,
)

_UNDEFINED = "–"


# -- numbers in Vietnamese and English ------------------------------------------------------


def format_count(value: int, lang: str = "vi") -> str:
    """A count with thousands separated: ``2.393`` (vi) or ``2,393`` (en).

    >>> format_count(2393), format_count(2393, "en")
    ('2.393', '2,393')
    """
    text = f"{value:,}"
    return text.replace(",", ".") if check_lang(lang) == 0 else text


def format_rate(rate: Rate, lang: str = "vi", digits: int = 1) -> str:
    """A rate as a percentage: ``72,7%`` (vi) or ``72.7%`` (en); ``–`` when undefined.

    >>> format_rate(Rate(16, 22)), format_rate(Rate(16, 22), "en"), format_rate(Rate(0, 0))
    ('72,7%', '72.7%', '–')
    """
    if not rate.defined:
        return _UNDEFINED
    text = format(rate, f",.{digits}%")
    if check_lang(lang) == 0:
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _fraction(rate: Rate, lang: str) -> str:
    return f"{format_count(rate.numerator, lang)}/{format_count(rate.denominator, lang)}"


def _date(day: dt.date, lang: str) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if lang == "vi" else day.isoformat()


_ROMAN = ("I", "II", "III", "IV")
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def period_label(period: Period, lang: str = "vi") -> str:
    """A period as reports name it: ``6 tháng đầu năm 2023`` / ``first half of 2023``."""
    check_lang(lang)
    text = str(period)
    start, end = period.start, period.end
    if period.whole_months and start.year == end.year:
        year = start.year
        if len(text) == 4:
            return f"năm {year}" if lang == "vi" else f"{year}"
        if "-H" in text:
            first = text.endswith("1")
            if lang == "vi":
                return f"6 tháng {'đầu' if first else 'cuối'} năm {year}"
            return f"{'first' if first else 'second'} half of {year}"
        if "-Q" in text:
            quarter = int(text[-1])
            return f"quý {_ROMAN[quarter - 1]}/{year}" if lang == "vi" else f"Q{quarter} {year}"
        if period.is_month:
            if lang == "vi":
                return f"tháng {start.month}/{year}"
            return f"{_MONTHS_EN[start.month - 1]} {year}"
    return f"{_date(start, lang)} – {_date(end, lang)}"


def _month_label(month: Period, lang: str) -> str:
    if lang == "vi":
        return f"{month.start.month:02d}/{month.start.year}"
    return f"{month.start.year}-{month.start.month:02d}"


# -- the report ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ServiceLine:
    """One service's dossiers in the report's scope.

    Attributes:
        code: the service code.
        name: its Vietnamese name (the code when unknown).
        name_en: its English name, if known.
        essential: one of the essential services.
        local_totals: False when the province sees only its online
            dossiers (the rate is then not reported).
        online: online dossiers.
        total: all dossiers.
        rate: online over all (undefined without dossiers, or without
            local totals).

    Since: 0.1.0
    """

    code: str
    name: str
    name_en: str | None
    essential: bool
    local_totals: bool
    online: int
    total: int
    rate: Rate

    def display_name(self, lang: str = "vi") -> str:
        """The name in *lang* (English falls back to Vietnamese)."""
        return self.name_en if check_lang(lang) == 1 and self.name_en else self.name


@attrs.frozen(kw_only=True)
class UnitLine:
    """One unit's dossiers: a unit one level below the report's scope, or the scope itself.

    Attributes:
        code: the unit code.
        name: the unit name.
        online: online dossiers (the unit and everything below it).
        total: all dossiers (likewise).
        rate: online over all.
        own: True for the line of the scope unit's own dossiers (those
            filed at the province or district itself, not at a unit below
            it), so that the lines add up to the report's total.

    Since: 0.1.0
    """

    code: str
    name: str
    online: int
    total: int
    rate: Rate
    own: bool = False

    def display_name(self, lang: str = "vi") -> str:
        """The name, marked when the line holds the scope unit's own dossiers."""
        return f"{self.name} ({_t('own', lang)})" if self.own else self.name


@attrs.frozen(kw_only=True)
class CampaignLine:
    """What one campaign achieved in the report's scope.

    Attributes:
        id: campaign id.
        name: campaign name.
        organiser: who ran it.
        start: first day.
        end: last day.
        teams: teams taking part in the scope: based in one of its units,
            or with events there (all the campaign's teams without a unit).
        members: their members.
        activities: distinct (date, team, unit) occasions of its events.
        units_with_teams: units one level below the scope with at least
            one team, over all such units (undefined without a catalogue).
        help: person-times by kind of help, in declaration order.
        listed: False for a campaign known only from its events (the data
            has no campaign record): its name is its id, its dates span its
            events, and its teams and members are unknown (reported as 0,
            left out of :meth:`Report.figures` and of the renderings).

    Since: 0.1.0
    """

    id: str
    name: str
    organiser: str
    start: dt.date
    end: dt.date
    teams: int
    members: int
    activities: int
    units_with_teams: Rate
    help: tuple[tuple[AssistanceKind, int], ...]
    listed: bool = True

    def count(self, kind: AssistanceKind) -> int:
        """Person-times of *kind* (0 when none)."""
        return dict(self.help).get(kind, 0)


@attrs.frozen(kw_only=True)
class Report:
    """A Project 06 report: figures as rates and counts, ready to render.

    Build it with :func:`build` or :meth:`from_tallies`.  Every figure is
    also listed by a stable name in :meth:`figures`, the one source of
    truth for the JSON, CSV and HTML renderings.

    Since: 0.1.0
    """

    period: Period | None
    unit: str | None
    unit_name: str | None
    unit_level: UnitLevel | None
    essential_services: int
    with_online: Rate
    above_half: Rate
    fully_online: tuple[str, ...]
    services: tuple[ServiceLine, ...]
    dossiers: int
    online: int
    resolved: int
    paid_online: int
    assisted: int
    online_rate: Rate
    on_time_rate: Rate
    monthly: tuple[tuple[Period, Rate], ...]
    trend: Trend
    units: tuple[UnitLine, ...]
    campaigns: tuple[CampaignLine, ...]
    eid: tuple[tuple[AssistanceKind, int], ...]

    @classmethod
    def from_tallies(
        cls,
        dossiers: DossierTally,
        assistance: AssistanceTally,
        *,
        services: Iterable[Service],
        units: Iterable[AdministrativeUnit] | Mapping[str, AdministrativeUnit],
        campaigns: Iterable[Campaign],
        period: Period | None = None,
        unit: str | None = None,
    ) -> Report:
        """Build a report from tallies computed elsewhere.

        Args:
            dossiers: the dossier tally.
            assistance: the assistance tally.
            services: the services (the essential ones are those with
                ``essential=True``; with none, the 25 of
                :func:`~dean06.essential_services` are used).
            units: the administrative units, or a
                :class:`~dean06.UnitCatalogue` of them (may be empty).
            campaigns: the campaigns (with their teams).
            period: whole months to report on; None for all the data.
            unit: a unit code (its descendants are included); None for all.

        Raises:
            ValidationError: for a period that is not whole months, or a
                unit that neither the units nor the data know.

        Since: 0.1.0
        """
        return _Builder(
            dossiers,
            assistance,
            services=tuple(services),
            units=units,
            campaigns=tuple(campaigns),
            period=period,
            unit=unit,
        ).build()

    @property
    def has_data(self) -> bool:
        """False when the scope holds no dossier and no campaign activity."""
        return bool(self.dossiers or any(c.help for c in self.campaigns))

    def service(self, code: str) -> ServiceLine:
        """The line of service *code*.

        Raises:
            KeyError: if the report has no such service.
        """
        for line in self.services:
            if line.code == code:
                return line
        raise KeyError(code)

    def campaign(self, campaign_id: str) -> CampaignLine:
        """The line of campaign *campaign_id*.

        Raises:
            KeyError: if the report has no such campaign.
        """
        for line in self.campaigns:
            if line.id == campaign_id:
                return line
        raise KeyError(campaign_id)

    def eid_count(self, kind: AssistanceKind) -> int:
        """Person-times of an electronic identification kind of help."""
        return dict(self.eid).get(kind, 0)

    def figures(self) -> dict[str, int | Rate]:
        """Every figure by a stable name: counts as int, proportions as :class:`Rate`.

        Names: ``essential_services``, ``essential_services_with_online``,
        ``essential_services_above_50_percent``,
        ``essential_services_fully_online``, ``dossiers``,
        ``dossiers_online``, ``dossiers_resolved``, ``dossiers_paid_online``,
        ``dossiers_assisted``, ``online_rate``, ``on_time_rate``,
        ``eid_installed``, ``eid_level1_activated``,
        ``eid_level2_applications``, ``eid_level2_activated``, and per item
        ``service.<code>.online_rate``, ``service.<code>.online`` (online
        dossiers, known even where the rate is not: a service without local
        totals), ``month.<yyyy-mm>.online_rate``,
        ``unit.<code>.online_rate``, ``campaign.<id>.teams`` (``.members``,
        ``.activities``, ``.units_with_teams``, ``.<kind>`` in lower case).
        A campaign known only from its events (:attr:`CampaignLine.listed`
        is False) has no ``.teams``, ``.members`` or ``.units_with_teams``.
        """
        figures: dict[str, int | Rate] = {
            "essential_services": self.essential_services,
            "essential_services_with_online": self.with_online,
            "essential_services_above_50_percent": self.above_half,
            "essential_services_fully_online": len(self.fully_online),
            "dossiers": self.dossiers,
            "dossiers_online": self.online,
            "dossiers_resolved": self.resolved,
            "dossiers_paid_online": self.paid_online,
            "dossiers_assisted": self.assisted,
            "online_rate": self.online_rate,
            "on_time_rate": self.on_time_rate,
            "eid_installed": self.eid_count(AssistanceKind.EID_INSTALLED),
            "eid_level1_activated": self.eid_count(AssistanceKind.EID_LEVEL1_ACTIVATED),
            "eid_level2_applications": self.eid_count(AssistanceKind.EID_LEVEL2_APPLICATION),
            "eid_level2_activated": self.eid_count(AssistanceKind.EID_LEVEL2_ACTIVATED),
        }
        for line in self.services:
            figures[f"service.{line.code}.online_rate"] = line.rate
            figures[f"service.{line.code}.online"] = line.online
        for month, rate in self.monthly:
            figures[f"month.{month.start.year:04d}-{month.start.month:02d}.online_rate"] = rate
        for unit_line in self.units:
            figures[f"unit.{unit_line.code}.online_rate"] = unit_line.rate
        for campaign in self.campaigns:
            prefix = f"campaign.{campaign.id}"
            if campaign.listed:
                figures[f"{prefix}.teams"] = campaign.teams
                figures[f"{prefix}.members"] = campaign.members
            figures[f"{prefix}.activities"] = campaign.activities
            if campaign.listed:
                figures[f"{prefix}.units_with_teams"] = campaign.units_with_teams
            for kind, count in campaign.help:
                figures[f"{prefix}.{kind.name.lower()}"] = count
        return figures

    def render(self, format: str = "text", lang: str = "vi") -> str:  # noqa: A002 - API name
        """The report as ``"text"`` (default), ``"markdown"``, ``"csv"``, ``"json"`` or ``"html"``.

        Args:
            format: the output format.
            lang: ``"vi"`` (default) or ``"en"``.

        Raises:
            ValidationError: for an unknown format or language.
        """
        check_lang(lang)
        renderer = _RENDERERS.get(format)
        if renderer is None:
            msg = f"Report.render: format must be one of {', '.join(FORMATS)}, not {format!r}"
            raise ValidationError(msg)
        return renderer(self, lang)


def build(dataset: Dataset, *, period: Period | None = None, unit: str | None = None) -> Report:
    """Build the report of *dataset* for *period* (whole months) and *unit*.

    Defaults: all the data, the whole data set.  See
    :meth:`Report.from_tallies` for the rules.

    Since: 0.1.0
    """
    if not isinstance(dataset, Dataset):
        msg = f"build: expected a Dataset, not {type(dataset).__name__}"
        raise ValidationError(msg)
    return Report.from_tallies(
        dataset.dossier_tally,
        dataset.assistance_tally,
        services=dataset.services,
        units=dataset.units,
        campaigns=dataset.campaigns,
        period=period,
        unit=unit,
    )


class _Builder:
    """Computes every figure of a report from two tallies and the reference data."""

    def __init__(
        self,
        dossiers: DossierTally,
        assistance: AssistanceTally,
        *,
        services: tuple[Service, ...],
        units: Iterable[AdministrativeUnit] | Mapping[str, AdministrativeUnit],
        campaigns: tuple[Campaign, ...],
        period: Period | None,
        unit: str | None,
    ) -> None:
        if not isinstance(dossiers, DossierTally) or not isinstance(assistance, AssistanceTally):
            msg = "Report.from_tallies: expected a DossierTally and an AssistanceTally"
            raise ValidationError(msg)
        if period is not None and not isinstance(period, Period):
            msg = f"report: period must be a Period, not {type(period).__name__}"
            raise ValidationError(msg)
        if period is not None and not period.whole_months:
            msg = (
                f"report: the period must be whole months (dossiers are counted by month), "
                f"not {period}"
            )
            raise ValidationError(msg)
        catalogue = UnitCatalogue(units)  # a catalogue or a mapping gives its units
        self.catalogue = catalogue or None
        if unit is not None:
            known = (self.catalogue is not None and unit in self.catalogue) or (
                unit in dossiers.units() or any(r.unit == unit for r in assistance.counts())
            )
            if not known:
                msg = f"report: unknown unit {quote_input(unit)}: it is not in the data set"
                raise ValidationError(msg)
        self.dossiers = dossiers
        self.assistance = assistance
        self.services = {s.code: s for s in services}
        essential = [s for s in services if s.essential] or list(essential_services())
        self.essential = essential
        self.campaigns = campaigns
        self.period = period
        self.unit = unit

    def scope(self) -> dict[str, Any]:
        return {"unit": self.unit, "period": self.period, "catalogue": self.catalogue}

    def build(self) -> Report:
        tally = self.dossiers.filter(**self.scope())
        essential_codes = [s.code for s in self.essential]
        local_rates = {
            s.code: tally.online_rate(service=s.code) for s in self.essential if s.local_totals
        }
        local_rates = {code: rate for code, rate in local_rates.items() if rate.defined}
        monthly = tuple(tally.monthly_rates())
        covered = self.period if self.period is not None else self._covered(tally)
        unit_obj = self._scope_unit(covered)
        children = self._children(covered)
        campaigns = tuple(self._campaigns(children))
        eid_totals = dict.fromkeys(EID_KINDS, 0)
        for line in campaigns:
            for kind, count in line.help:
                if kind in eid_totals:
                    eid_totals[kind] += count
        return Report(
            period=covered,
            unit=self.unit,
            unit_name=unit_obj.name if unit_obj is not None else None,
            unit_level=unit_obj.level if unit_obj is not None else None,
            essential_services=len(set(essential_codes)),
            with_online=services_with_online(tally, essential_codes),
            above_half=share_above(local_rates, 0.5),
            fully_online=tuple(fully_online(local_rates)),
            services=tuple(self._service_lines(tally)),
            dossiers=tally.total(),
            online=tally.online(),
            resolved=tally.resolved(),
            paid_online=tally.paid_online(),
            assisted=tally.assisted(),
            online_rate=tally.online_rate(),
            on_time_rate=tally.on_time_rate(),
            monthly=monthly,
            trend=trend(monthly),
            units=tuple(self._unit_lines(tally, children, unit_obj)),
            campaigns=campaigns,
            eid=tuple((kind, eid_totals[kind]) for kind in EID_KINDS),
        )

    def _covered(self, tally: DossierTally) -> Period | None:
        months = [month_index(m.start) for m in tally.months()]
        days = [
            key.on
            for key in self.assistance.filter(unit=self.unit, catalogue=self.catalogue).counts()
        ]
        months.extend(month_index(day) for day in days)
        if not months:
            return None
        first, last = min(months), max(months)
        start = Period.month(first // 12, first % 12 + 1).start
        end = Period.month(last // 12, last % 12 + 1).end
        return Period(start, end)

    def _service_lines(self, tally: DossierTally) -> Iterable[ServiceLine]:
        essential = {s.code for s in self.essential}
        codes = set(tally.services()) | essential
        known = {**{s.code: s for s in self.essential}, **self.services}
        ordered = sorted(codes, key=lambda c: (c not in essential, c))
        for code in ordered:
            service = known.get(code)
            local = service.local_totals if service is not None else True
            online, total = tally.online(service=code), tally.total(service=code)
            yield ServiceLine(
                code=code,
                name=service.name if service is not None else code,
                name_en=service.name_en if service is not None else None,
                essential=code in essential,
                local_totals=local,
                online=online,
                total=total,
                rate=Rate(online, total) if local else Rate(0, 0),
            )

    def _active(self, unit: AdministrativeUnit, covered: Period | None) -> bool:
        if covered is None:
            return True
        starts_before_end = unit.valid_from is None or unit.valid_from <= covered.end
        ends_after_start = unit.valid_to is None or unit.valid_to >= covered.start
        return starts_before_end and ends_after_start

    def _scope_unit(self, covered: Period | None) -> AdministrativeUnit | None:
        """The unit the report is about: the one asked for, or the only province."""
        catalogue = self.catalogue
        if catalogue is None:
            return None
        if self.unit is not None:
            return catalogue.get(self.unit, None)
        provinces = [
            u
            for u in catalogue.values()
            if u.parent is None and u.level is UnitLevel.PROVINCE and self._active(u, covered)
        ]
        return provinces[0] if len(provinces) == 1 else None

    def _children(self, covered: Period | None) -> list[AdministrativeUnit]:
        """The units one level below the scope, active during the period."""
        catalogue = self.catalogue
        if catalogue is None:
            return []
        scope = self._scope_unit(covered)
        if scope is not None:
            candidates = list(catalogue.children(scope.code))
        elif self.unit is None:
            candidates = [u for u in catalogue.values() if u.parent is None]
        else:
            candidates = []
        return [u for u in candidates if self._active(u, covered)]

    def _unit_lines(
        self,
        tally: DossierTally,
        children: Sequence[AdministrativeUnit],
        scope: AdministrativeUnit | None,
    ) -> Iterable[UnitLine]:
        if scope is not None and children:
            own = tally.online_rate(unit=scope.code)  # no catalogue: the unit alone
            if own.denominator:
                yield UnitLine(
                    code=scope.code,
                    name=scope.name,
                    online=own.numerator,
                    total=own.denominator,
                    rate=own,
                    own=True,
                )
        for child in children:
            rate = tally.online_rate(unit=child.code, catalogue=self.catalogue)
            if rate.denominator:
                yield UnitLine(
                    code=child.code,
                    name=child.name,
                    online=rate.numerator,
                    total=rate.denominator,
                    rate=rate,
                )
        if self.unit is None:
            # Units the catalogue does not know (or every unit, without one)
            # are reported by code, so that the lines still add up.
            known = self.catalogue if self.catalogue is not None else {}
            for code in sorted(tally.units() - known.keys()):
                rate = tally.online_rate(unit=code)
                yield UnitLine(
                    code=code, name=code, online=rate.numerator, total=rate.denominator, rate=rate
                )

    def _campaigns(self, children: Sequence[AdministrativeUnit]) -> Iterable[CampaignLine]:
        scope_units = (
            self.catalogue.covering(self.unit)
            if self.unit is not None and self.catalogue is not None
            else (frozenset((self.unit,)) if self.unit is not None else None)
        )
        for campaign in self.campaigns:
            help_ = self.assistance.by_kind(campaign=campaign.id, **self.scope())
            overlaps = self.period is None or (
                campaign.start <= self.period.end and campaign.end >= self.period.start
            )
            if not help_ and not (overlaps and self.unit is None):
                continue
            # A team takes part in the scope when it is based there or worked there.
            working = set(self.assistance.by_team(campaign=campaign.id, **self.scope()))
            teams = [
                t
                for t in campaign.teams
                if scope_units is None or t.unit in scope_units or t.id in working
            ]
            yield CampaignLine(
                id=campaign.id,
                name=campaign.name,
                organiser=campaign.organiser,
                start=campaign.start,
                end=campaign.end,
                teams=len(teams),
                members=sum(t.members for t in teams),
                activities=self.assistance.occasions(campaign=campaign.id, **self.scope()),
                units_with_teams=self._units_with_teams(teams, children),
                help=tuple(help_.items()),
            )
        yield from self._unlisted_campaigns()

    def _unlisted_campaigns(self) -> Iterable[CampaignLine]:
        """Campaigns known only from their events (no campaign record in the data)."""
        listed = {campaign.id for campaign in self.campaigns}
        for campaign_id in sorted(self.assistance.campaigns() - listed):
            scoped = self.assistance.filter(campaign=campaign_id, **self.scope())
            days = [row.on for row in scoped.counts()]
            if not days:
                continue
            yield CampaignLine(
                id=campaign_id,
                name=campaign_id,
                organiser="",
                start=min(days),
                end=max(days),
                teams=0,
                members=0,
                activities=scoped.occasions(),
                units_with_teams=Rate(0, 0),
                help=tuple(scoped.by_kind().items()),
                listed=False,
            )

    def _units_with_teams(
        self, teams: Sequence[Any], children: Sequence[AdministrativeUnit]
    ) -> Rate:
        catalogue = self.catalogue
        if catalogue is None or not children:
            return Rate(0, 0)
        child_codes = {c.code for c in children}
        covered: set[str] = set()
        for team in teams:
            if team.unit is None or team.unit not in catalogue:
                continue
            chain = [catalogue[team.unit], *catalogue.ancestors(team.unit)]
            covered.update(u.code for u in chain if u.code in child_codes)
        return Rate(len(covered), len(child_codes))


# -- rendering ------------------------------------------------------------------------------

_T: Final[dict[str, tuple[str, str]]] = {
    "title": ("BÁO CÁO KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06", "PROJECT 06 REPORT"),
    "unit": ("Đơn vị", "Unit"),
    "all_units": ("toàn bộ dữ liệu", "the whole data set"),
    "period": ("Kỳ báo cáo", "Period"),
    "no_period": ("không có số liệu", "no data"),
    "no_data": (
        "Không có số liệu trong phạm vi báo cáo này.",
        "There is no data in the scope of this report.",
    ),
    "s1": ("I. DỊCH VỤ CÔNG TRỰC TUYẾN THIẾT YẾU", "I. ESSENTIAL ONLINE PUBLIC SERVICES"),
    "no_dossiers": (
        "Không có hồ sơ trong phạm vi báo cáo.",
        "No dossier in the scope of this report.",
    ),
    "with_online": (
        "{rate} DVC thiết yếu phát sinh hồ sơ trực tuyến.",
        "{rate} essential services had online dossiers.",
    ),
    "above_half": (
        (
            "{rate} DVC trực tuyến thiết yếu có tỷ lệ thực hiện trên 50% "
            "(trên {n} DVC có số liệu hồ sơ tại địa phương)."
        ),
        (
            "{rate} essential online services above 50% online "
            "(of {n} service{n_s} with local totals and dossiers)."
        ),
    ),
    "fully": (
        "{n} DVC thực hiện trực tuyến đạt 100%: {names}.",
        "{n} service{n_s} at 100% online: {names}.",
    ),
    "fully_none": (
        "Không có DVC nào thực hiện trực tuyến đạt 100%.",
        "No service at 100% online.",
    ),
    "dossiers": (
        "Tiếp nhận {total} hồ sơ, trong đó {online} hồ sơ trực tuyến (tỷ lệ {rate}).",
        "{total} dossier{total_s} received, {online} of them online ({rate}).",
    ),
    "trend": ("Xu hướng tỷ lệ trực tuyến: {trend}.", "Online rate trend: {trend}."),
    "on_time": (
        "Giải quyết đúng hạn: {rate} ({frac} hồ sơ đã giải quyết có ngày hẹn trả).",
        "Resolved on time: {rate} ({frac} resolved dossiers with a due date).",
    ),
    "on_time_none": (
        "Giải quyết đúng hạn: {rate} (không có hồ sơ đã giải quyết có ngày hẹn trả).",
        "Resolved on time: {rate} (no resolved dossier with a due date).",
    ),
    "paid": (
        (
            "Thanh toán trực tuyến: {paid} hồ sơ; "
            "nộp với sự hỗ trợ của tình nguyện viên: {assisted} hồ sơ."
        ),
        (
            "Paid online: {paid} dossier{paid_s}; "
            "filed with a volunteer's help: {assisted} dossier{assisted_s}."
        ),
    ),
    "monthly": ("Tỷ lệ hồ sơ trực tuyến theo tháng", "Online rate by month"),
    "month": ("Tháng", "Month"),
    "online": ("Trực tuyến", "Online"),
    "total": ("Tổng", "Total"),
    "rate": ("Tỷ lệ", "Rate"),
    "code": ("Mã", "Code"),
    "service": ("Dịch vụ", "Service"),
    "by_service": ("Tỷ lệ hồ sơ trực tuyến theo dịch vụ", "Online rate by service"),
    "national": (
        "(hệ thống quốc gia, không có tổng số tại địa phương)",
        "(national system: no local totals)",
    ),
    "s2": ("II. THEO ĐƠN VỊ", "II. BY UNIT"),
    "unit_col": ("Đơn vị", "Unit"),
    "own": ("hồ sơ tại chính đơn vị", "filed at the unit itself"),
    "s3": ("III. CHIẾN DỊCH, ĐỘI HÌNH TÌNH NGUYỆN", "III. VOLUNTEER CAMPAIGNS"),
    "no_campaigns": ("Không có chiến dịch trong phạm vi báo cáo.", "No campaign in scope."),
    "teams": (
        "{teams} đội hình, {members} đoàn viên, thanh niên tham gia; {activities} lượt hoạt động.",
        (
            "{teams} team{teams_s}, {members} member{members_s} taking part; "
            "{activities} activit{activities_ies}."
        ),
    ),
    "units_with_teams": (
        "Đơn vị có đội hình: {rate} ({percent}).",
        "Units with teams: {rate} ({percent}).",
    ),
    "activities": ("{activities} lượt hoạt động.", "{activities} activit{activities_ies}."),
    "unlisted": (
        "chỉ có số liệu hoạt động, không có thông tin chiến dịch",
        "known from its activities only: no campaign record",
    ),
    "times": ("{count} lượt", "{count} person-time{count_s}"),
    "s4": ("IV. ĐỊNH DANH ĐIỆN TỬ", "IV. ELECTRONIC IDENTIFICATION"),
    "eid_note": (
        "(lượt hỗ trợ của các chiến dịch trong phạm vi báo cáo)",
        "(person-times of help by the campaigns in scope)",
    ),
}


def _t(key: str, lang: str) -> str:
    return _T[key][0 if lang == "vi" else 1]


def _fill(key: str, lang: str, **values: int | str) -> str:
    """The template *key* in *lang* with *values*; counts are formatted for *lang*.

    Each count ``x`` also fills ``{x_s}`` and ``{x_ies}`` with the English
    plural endings (``1 team``, ``2 teams``; ``1 activity``, ``2 activities``);
    Vietnamese nouns do not change.
    """
    fields: dict[str, str] = {}
    for name, value in values.items():
        if isinstance(value, int):
            fields[name] = format_count(value, lang)
            fields[f"{name}_s"] = "" if value == 1 else "s"
            fields[f"{name}_ies"] = "y" if value == 1 else "ies"
        else:
            fields[name] = value
    return _t(key, lang).format(**fields)


def _service_names(report: Report, codes: Iterable[str], lang: str) -> str:
    lines = {line.code: line for line in report.services}
    return "; ".join(lines[code].display_name(lang) if code in lines else code for code in codes)


def _header_lines(report: Report, lang: str) -> list[str]:
    if report.unit_name and report.unit:
        unit = f"{report.unit_name} ({report.unit})"
    else:
        unit = report.unit_name or report.unit or _t("all_units", lang)
    if report.period is None:
        period = _t("no_period", lang)
    else:
        label = period_label(report.period, lang)
        span = f"{_date(report.period.start, lang)} – {_date(report.period.end, lang)}"
        period = label if label == span else f"{label} ({span})"
    return [_t("title", lang), f"{_t('unit', lang)}: {unit}", f"{_t('period', lang)}: {period}"]


def _summary_lines(report: Report, lang: str) -> list[str]:
    lines = [
        _t("with_online", lang).format(rate=_fraction(report.with_online, lang)),
        _fill(
            "above_half",
            lang,
            rate=_fraction(report.above_half, lang) if report.above_half.defined else _UNDEFINED,
            n=report.above_half.denominator,
        ),
    ]
    if report.fully_online:
        lines.append(
            _fill(
                "fully",
                lang,
                n=len(report.fully_online),
                names=_service_names(report, report.fully_online, lang),
            )
        )
    else:
        lines.append(_t("fully_none", lang))
    lines.append(
        _fill(
            "dossiers",
            lang,
            total=report.dossiers,
            online=report.online,
            rate=format_rate(report.online_rate, lang),
        )
    )
    lines.append(_t("trend", lang).format(trend=report.trend.label(lang)))
    if report.on_time_rate.defined:
        lines.append(
            _t("on_time", lang).format(
                rate=format_rate(report.on_time_rate, lang),
                frac=_fraction(report.on_time_rate, lang),
            )
        )
    else:
        lines.append(_t("on_time_none", lang).format(rate=_UNDEFINED))
    lines.append(_fill("paid", lang, paid=report.paid_online, assisted=report.assisted))
    return lines


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _help_line(kind: AssistanceKind, count: int, lang: str) -> str:
    """``Cài đặt định danh điện tử: 2.280 lượt``: one kind of help, as a sentence starts."""
    times = _fill("times", lang, count=count)
    return f"{_capitalised(kind.label(lang))}: {times}"


def _campaign_lines(line: CampaignLine, lang: str) -> list[str]:
    dates = (
        _date(line.start, lang)
        if line.start == line.end
        else f"{_date(line.start, lang)} – {_date(line.end, lang)}"
    )
    if not line.listed:
        out = [
            f"{line.name} ({dates}; {_t('unlisted', lang)})",
            _fill("activities", lang, activities=line.activities),
        ]
    else:
        out = [
            f"{line.name} ({dates}; {line.organiser})",
            _fill(
                "teams", lang, teams=line.teams, members=line.members, activities=line.activities
            ),
        ]
    if line.units_with_teams.defined:
        out.append(
            _t("units_with_teams", lang).format(
                rate=_fraction(line.units_with_teams, lang),
                percent=format_rate(line.units_with_teams, lang),
            )
        )
    out.extend(_help_line(kind, count, lang) for kind, count in line.help)
    return out


def _service_row(line: ServiceLine, lang: str, width: int | None = None) -> list[str]:
    name = line.display_name(lang)
    if not line.local_totals:
        name = f"{name} {_t('national', lang)}"
    if width is not None and len(name) > width:
        name = name[: width - 1] + "…"
    return [
        line.code,
        name,
        format_count(line.online, lang),
        format_count(line.total, lang) if line.local_totals else _UNDEFINED,
        format_rate(line.rate, lang),
    ]


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]
) -> list[str]:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def fmt(row: Sequence[str]) -> str:
        cells = [
            cell.rjust(w) if r else cell.ljust(w)
            for cell, w, r in zip(row, widths, right, strict=True)
        ]
        return "  ".join(cells).rstrip()

    return [fmt(headers), "  ".join("-" * w for w in widths), *(fmt(r) for r in rows)]


_Table = tuple[list[str], list[list[str]], list[bool]]


def _monthly_table(report: Report, lang: str) -> _Table:
    """Headers, rows and right-alignment of the monthly table (text and Markdown)."""
    rows = [
        [
            _month_label(month, lang),
            format_count(rate.numerator, lang),
            format_count(rate.denominator, lang),
            format_rate(rate, lang),
        ]
        for month, rate in report.monthly
    ]
    headers = [_t("month", lang), _t("online", lang), _t("total", lang), _t("rate", lang)]
    return headers, rows, [False, True, True, True]


def _service_table(report: Report, lang: str, width: int | None = None) -> _Table:
    """The table of services (names cut at *width* for text)."""
    headers = [_t(k, lang) for k in ("code", "service", "online", "total", "rate")]
    rows = [_service_row(line, lang, width=width) for line in report.services]
    return headers, rows, [False, False, True, True, True]


def _unit_table(report: Report, lang: str) -> _Table:
    """The table of units."""
    headers = [_t(k, lang) for k in ("code", "unit_col", "online", "total", "rate")]
    rows = [
        [
            u.code,
            u.display_name(lang),
            format_count(u.online, lang),
            format_count(u.total, lang),
            format_rate(u.rate, lang),
        ]
        for u in report.units
    ]
    return headers, rows, [False, False, True, True, True]


def _render_text(report: Report, lang: str) -> str:
    lines = [*_header_lines(report, lang), ""]
    if not report.has_data:
        lines.extend([_t("no_data", lang), ""])
    lines.append(_t("s1", lang))
    if not report.dossiers:
        lines.append(f"- {_t('no_dossiers', lang)}")
    else:
        lines.extend(f"- {line}" for line in _summary_lines(report, lang))
    if report.monthly:
        lines.extend(["", f"{_t('monthly', lang)}:"])
        lines.extend("  " + row for row in _table(*_monthly_table(report, lang)))
    if report.services and report.dossiers:
        lines.extend(["", f"{_t('by_service', lang)}:"])
        lines.extend("  " + row for row in _table(*_service_table(report, lang, width=56)))
    if report.units:
        lines.extend(["", _t("s2", lang)])
        lines.extend("  " + row for row in _table(*_unit_table(report, lang)))
    lines.extend(["", _t("s3", lang)])
    if not report.campaigns:
        lines.append(f"- {_t('no_campaigns', lang)}")
    for number, campaign in enumerate(report.campaigns, start=1):
        first, *rest = _campaign_lines(campaign, lang)
        lines.append(f"{number}. {first}")
        lines.extend(f"   - {line}" for line in rest)
    lines.extend(["", _t("s4", lang), f"{_t('eid_note', lang)}"])
    lines.extend(f"- {_help_line(kind, count, lang)}" for kind, count in report.eid)
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("<", "&lt;")
        .replace("\n", " ")
    )


def _md_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]
) -> list[str]:
    align = ["---:" if r else "---" for r in right]
    return [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join(align) + " |",
        *("| " + " | ".join(_md_escape(c) for c in row) + " |" for row in rows),
    ]


def _render_markdown(report: Report, lang: str) -> str:
    title, unit, period = _header_lines(report, lang)
    lines = [f"# {_md_escape(title)}", "", f"- {_md_escape(unit)}", f"- {_md_escape(period)}", ""]
    if not report.has_data:
        lines.extend([f"> {_t('no_data', lang)}", ""])
    lines.extend([f"## {_t('s1', lang)}", ""])
    if not report.dossiers:
        lines.append(f"- {_t('no_dossiers', lang)}")
    else:
        lines.extend(f"- {_md_escape(line)}" for line in _summary_lines(report, lang))
    if report.monthly:
        lines.extend(["", f"### {_t('monthly', lang)}", ""])
        lines.extend(_md_table(*_monthly_table(report, lang)))
    if report.services and report.dossiers:
        lines.extend(["", f"### {_t('by_service', lang)}", ""])
        lines.extend(_md_table(*_service_table(report, lang)))
    if report.units:
        lines.extend(["", f"## {_t('s2', lang)}", ""])
        lines.extend(_md_table(*_unit_table(report, lang)))
    lines.extend(["", f"## {_t('s3', lang)}", ""])
    if not report.campaigns:
        lines.append(f"- {_t('no_campaigns', lang)}")
    for campaign in report.campaigns:
        first, *rest = _campaign_lines(campaign, lang)
        lines.extend([f"### {_md_escape(first)}", ""])
        lines.extend(f"- {_md_escape(line)}" for line in rest)
        lines.append("")
    lines.extend(["", f"## {_t('s4', lang)}", "", f"{_t('eid_note', lang)}", ""])
    lines.extend(f"- {_help_line(kind, count, lang)}" for kind, count in report.eid)
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def _figure_json(value: int | Rate) -> Any:
    if isinstance(value, Rate):
        return {
            "numerator": value.numerator,
            "denominator": value.denominator,
            "percent": value.percent,
        }
    return value


def _render_json(report: Report, lang: str) -> str:
    # Exactly the shape API.md gives; names and labels are in the CSV output
    # and on the Report object (the trend follows from the month.* rates).
    document = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "period": None if report.period is None else str(report.period),
        "unit": report.unit,
        "figures": {name: _figure_json(value) for name, value in report.figures().items()},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _labels(report: Report, lang: str) -> dict[str, str]:
    labels = {f"service.{s.code}": s.display_name(lang) for s in report.services}
    labels.update({f"unit.{u.code}": u.display_name(lang) for u in report.units})
    labels.update({f"campaign.{c.id}": c.name for c in report.campaigns})
    labels.update({f"kind.{k.name.lower()}": k.label(lang) for k in AssistanceKind})
    return labels


def _render_csv(report: Report, lang: str) -> str:
    from dean06._text import neutralise  # noqa: PLC0415 - only the CSV output needs it

    labels = _labels(report, lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    headers = (
        ["chỉ tiêu", "tên", "giá trị", "tử số", "mẫu số", "tỷ lệ"]
        if lang == "vi"
        else ["figure", "label", "value", "numerator", "denominator", "percent"]
    )
    writer.writerow(headers)
    for name, value in report.figures().items():
        label = ""
        if name.count(".") >= 2:
            label = labels.get(name.rsplit(".", 1)[0], "")
            kind_label = labels.get(f"kind.{name.rsplit('.', 1)[1]}")
            if name.startswith("campaign.") and kind_label:
                label = f"{label}: {kind_label}"
        if isinstance(value, Rate):
            row = [
                name,
                label,
                str(value),
                str(value.numerator),
                str(value.denominator),
                format_rate(value, lang),
            ]
        else:
            row = [name, label, str(value), "", "", ""]
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def _render_html(report: Report, lang: str) -> str:
    try:
        from dean06.report_html import render_html  # noqa: PLC0415 - optional renderer
    except ImportError:  # pragma: no cover - the HTML renderer ships with dean06
        msg = "Report.render: the HTML renderer is not available in this installation"
        raise ValidationError(msg) from None
    return render_html(report, lang)


_RENDERERS: Mapping[str, Callable[[Report, str], str]] = {
    "text": _render_text,
    "markdown": _render_markdown,
    "csv": _render_csv,
    "json": _render_json,
    "html": _render_html,
}
