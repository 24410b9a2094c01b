"""The downstream view: dean06.strategies alone generates valid values of every public type.

This file uses nothing but the public strategies and public names, the way a
project that depends on dean06 would.
"""

from __future__ import annotations

import datetime as dt
import inspect
import subprocess
import sys
import unicodedata
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import dean06
from dean06 import strategies as d6st

if TYPE_CHECKING:
    from collections.abc import Callable

SMALL_DATASETS = d6st.datasets(
    max_services=2, max_provinces=1, max_dossiers=3, max_campaigns=2, max_teams=2, max_events=3
)


# Thousands of generated data sets, not one construction error (the issue asks for
# thousands; about 40 s on a 2-core machine).
@settings(max_examples=2500, suppress_health_check=[HealthCheck.too_slow])
@given(SMALL_DATASETS)
def test_many_valid_data_sets(dataset: dean06.Dataset) -> None:
    assert dataset.problems() == ()
    catalogue = dataset.catalogue
    record: Any
    for record in (*dataset.services, *dataset.units, *dataset.dossiers, *dataset.campaigns):
        assert attrs.evolve(record) == record  # validators run again, and pass
    for event in dataset.events:
        assert attrs.evolve(event) == event
    team_ids = [t.id for t in dataset.teams()]
    assert len(team_ids) == len(set(team_ids))
    assert dataset.dossier_tally.total() == len(dataset.dossiers)
    for code in catalogue:
        assert catalogue.ancestor_at(code, catalogue[code].level) == catalogue[code]


PUBLIC_TYPES: list[type] = [
    dean06.Period,
    dean06.Rate,
    dean06.Problem,
    dean06.AdministrativeUnit,
    dean06.UnitCatalogue,
    dean06.Service,
    dean06.Dossier,
    dean06.Team,
    dean06.Campaign,
    dean06.AssistanceEvent,
    dean06.DossierCount,
    dean06.AssistanceCount,
    dean06.DossierTally,
    dean06.AssistanceTally,
    dean06.Dataset,
    dean06.IdentityLevel,
    dean06.OnlineMode,
    dean06.Channel,
    dean06.DossierStatus,
    dean06.AssistanceKind,
    dean06.UnitLevel,
    dean06.Trend,
]


@pytest.mark.parametrize("cls", PUBLIC_TYPES, ids=lambda c: c.__name__)
@settings(max_examples=25)
@given(data=st.data())
def test_from_type_works_for_every_public_type(cls: type, data: st.DataObject) -> None:
    value: Any = data.draw(st.from_type(cls))
    if attrs.has(cls):
        assert attrs.evolve(value) == value
    assert isinstance(value, cls)


def test_every_public_class_is_covered() -> None:
    public = {
        name
        for name in dean06.__all__
        if isinstance(getattr(dean06, name), type) and not name.endswith(("Error", "Warning"))
    }
    assert public == {cls.__name__ for cls in PUBLIC_TYPES}


@given(st.builds(lambda d: d, st.from_type(dean06.Dossier)))
def test_builds_uses_the_registered_strategies(dossier: dean06.Dossier) -> None:
    assert (dossier.resolved is not None) == (
        dossier.status in (dean06.DossierStatus.RESOLVED, dean06.DossierStatus.REJECTED)
    )


# -- texts and codes --------------------------------------------------------------------------


@given(d6st.texts())
def test_texts_are_what_text_fields_store(text: str) -> None:
    assert text
    assert text == unicodedata.normalize("NFC", text).strip()
    assert dean06.Team(id="T", name=text, organisation=text, members=0).name == text


@given(d6st.texts(min_size=3, max_size=5))
def test_texts_respect_their_size(text: str) -> None:
    assert 3 <= len(text) <= 5


@given(d6st.codes())
def test_codes_are_clean(code: str) -> None:
    assert code == code.strip()
    assert not any(c.isspace() for c in code)
    assert dean06.errors.mask_personal(code) == code


HARD_CASES: dict[str, Callable[[str], bool]] = {
    "a newline inside": lambda s: "\n" in s,
    "a carriage return inside": lambda s: "\r" in s,
    "a comma": lambda s: "," in s,
    "a double quote": lambda s: '"' in s,
    "a Vietnamese diacritic": lambda s: any(c in s for c in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệ"),
    "a leading =": lambda s: s.startswith("="),
    "a leading +": lambda s: s.startswith("+"),
    "a leading -": lambda s: s.startswith("-"),
    "a leading @": lambda s: s.startswith("@"),
    "a leading apostrophe": lambda s: s.startswith("'"),
    "text beyond Latin": lambda s: any(ord(c) > 0x2000 for c in s),
    "plain ASCII": str.isascii,
}


def test_texts_include_the_hard_cases() -> None:
    seen: list[str] = []

    @settings(max_examples=200, database=None)
    @given(d6st.texts())
    def collect(text: str) -> None:
        seen.append(text)

    collect()
    missing = [what for what, found in HARD_CASES.items() if not any(map(found, seen))]
    assert missing == []


def test_date_times_use_many_offsets() -> None:
    offsets = set()

    @settings(max_examples=200, database=None)
    @given(d6st.aware_datetimes())
    def collect(moment: dt.datetime) -> None:
        offsets.add(moment.utcoffset())

    collect()
    assert dt.timedelta(hours=7) in offsets
    assert dt.timedelta(0) in offsets
    assert len(offsets) >= 5


@given(d6st.aware_datetimes())
def test_date_times_stay_around_2000_to_2030(moment: dt.datetime) -> None:
    assert moment.utcoffset() is not None
    assert dt.date(1999, 12, 31) <= moment.date() <= dt.date(2031, 1, 1)
    assert moment in dean06.Period(dt.date(2000, 1, 1), dt.date(2030, 12, 31))


# -- arguments narrow what is generated ---------------------------------------------------------


SERVICES = [
    dean06.Service(code="D06-06", name="Thông báo lưu trú", agency="Bộ Công an"),
    dean06.Service(code="D06-21", name="Đăng ký thuế", agency="Cơ quan thuế"),
]
UNITS: list[str | dean06.AdministrativeUnit] = [
    "53501",
    dean06.AdministrativeUnit(code="535", name="Ba Tơ", level=dean06.UnitLevel.DISTRICT),
]
H1 = dean06.Period.parse("2023-H1")


@given(d6st.dossiers(services=SERVICES, units=UNITS, period=H1))
def test_dossiers_take_codes_or_objects(dossier: dean06.Dossier) -> None:
    assert dossier.service in {"D06-06", "D06-21"}
    assert dossier.unit in {"53501", "535"}
    assert dossier.received in H1


@given(d6st.dossiers(services=["D06-06"], units=["535"]))
def test_dossiers_with_code_pools(dossier: dean06.Dossier) -> None:
    assert (dossier.service, dossier.unit) == ("D06-06", "535")


@given(st.lists(d6st.campaigns(max_teams=2), min_size=1, max_size=2), st.data())
def test_events_name_a_team_of_their_campaign(
    campaigns: list[dean06.Campaign], data: st.DataObject
) -> None:
    event = data.draw(d6st.assistance_events(campaigns=campaigns, period=H1))
    teams = {t.id for c in campaigns if c.id == event.campaign for t in c.teams}
    assert event.campaign in {c.id for c in campaigns}
    assert event.team is None or event.team in teams
    assert event.on in H1


@given(d6st.assistance_events(campaigns=["C-1"], units=["535"], services=["D06-06"]))
def test_events_with_campaign_codes_have_no_team(event: dean06.AssistanceEvent) -> None:
    assert event.campaign == "C-1"
    assert event.team is None
    assert event.unit in (None, "535")
    assert event.service in (None, "D06-06")


@given(d6st.teams(units=UNITS))
def test_teams_pick_their_unit(team: dean06.Team) -> None:
    assert team.unit in (None, "53501", "535")
    assert team.members >= 0


@given(d6st.campaigns(max_teams=0))
def test_campaigns_without_teams(campaign: dean06.Campaign) -> None:
    assert campaign.teams == ()


@given(d6st.dossier_counts(services=["s"], units=["u"], period=H1))
def test_dossier_counts_stay_in_their_months(row: dean06.DossierCount) -> None:
    assert row.month.start in H1
    assert row.month.is_month


@given(d6st.unit_catalogues(max_provinces=2, max_districts=2, max_communes=2))
def test_catalogues_have_every_level_in_order(catalogue: dean06.UnitCatalogue) -> None:
    for code, made in catalogue.items():
        for ancestor in catalogue.ancestors(code):
            assert ancestor.level < made.level
        if made.level is dean06.UnitLevel.PROVINCE:
            assert made.parent is None


@given(d6st.periods(whole_months=True))
def test_whole_month_periods(period: dean06.Period) -> None:
    assert period.whole_months
    assert dean06.DossierTally().total(period=period) == 0


@given(d6st.rates(defined=True, max_denominator=5))
def test_defined_rates(rate: dean06.Rate) -> None:
    assert rate.defined
    assert rate.denominator <= 5


@given(d6st.rates(defined=False))
def test_undefined_rates(rate: dean06.Rate) -> None:
    assert rate == dean06.Rate(0, 0)


@given(d6st.administrative_units(level=dean06.UnitLevel.COMMUNE, parents=["535", "53501"]))
def test_units_with_a_level_and_parents(made: dean06.AdministrativeUnit) -> None:
    assert made.level is dean06.UnitLevel.COMMUNE
    assert made.parent in ("535", "53501", None)
    assert made.parent != made.code


@pytest.mark.parametrize(
    "make",
    [
        lambda: d6st.texts(min_size=0),
        lambda: d6st.texts(min_size=5, max_size=4),
        lambda: d6st.codes(max_size=0),
        lambda: d6st.periods(min_year=2031, max_year=2030),
        lambda: d6st.months(min_year=0),
        lambda: d6st.rates(max_denominator=-1),
        lambda: d6st.rates(defined=True, max_denominator=0),
        lambda: d6st.dossiers(services=[]),
        lambda: d6st.dossiers(units="535"),
        lambda: d6st.dossiers(services=[3]),  # type: ignore[list-item]
        lambda: d6st.dossiers(period="2023"),  # type: ignore[arg-type]
        lambda: d6st.assistance_events(campaigns=[]),
        lambda: d6st.unit_catalogues(max_provinces=-1),
        lambda: d6st.datasets(max_dossiers=-1),
        lambda: d6st.administrative_units(level=3),  # type: ignore[arg-type]
    ],
)
def test_bad_arguments_are_refused_at_once(make: object) -> None:
    assert callable(make)
    with pytest.raises(InvalidArgument):
        make()


# -- the module itself ----


def test_every_strategy_is_documented() -> None:
    assert d6st.__doc__ is not None
    assert "register_type_strategy" in d6st.__doc__
    for name in d6st.__all__:
        function = getattr(d6st, name)
        assert callable(function)
        doc = inspect.getdoc(function)
        assert doc is not None, name
        assert "Since: 0.1.0" in doc, name
        assert "Returns:" in doc, name
        assert isinstance(function(), st.SearchStrategy), name


def test_the_core_never_imports_hypothesis() -> None:
    code = (
        "import sys, dean06, dean06.dataset, dean06.tally, dean06.rates\n"
        "assert 'hypothesis' not in sys.modules, 'hypothesis imported'\n"
        "assert 'dean06.strategies' not in sys.modules\n"
        "import dean06.strategies\n"
        "assert 'hypothesis' in sys.modules\n"
    )
    result = subprocess.run(  # noqa: S603 - a fixed command
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
