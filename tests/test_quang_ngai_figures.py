"""The embedded Quảng Ngãi 2023 data set reproduces every figure of domain/BRIEF.md.

Each figure is read the way the brief's "Figure map" says and checked with the
brief's bounds for qualified figures ("more than N", "nearly N", "p%", "above
p%").  The data set comes from ``dean06.datasets.quang_ngai_2023()`` when the
packaged loader exists, and otherwise from the generator script
``scripts/make_quang_ngai_2023.py``.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import dean06 as d6
from _brief import (
    AGENCIES_UNION,
    BA_TO,
    BINH_MINH,
    BINH_SON,
    FIRST_HALF_2023,
    PEAK_DAY,
    POLICE_UNION,
    SUMMER,
    TRA_BONG,
    TRA_XUAN,
    YOUTH_MONTH,
    about_percent,
    above_percent,
    more_than,
    nearly,
)
from dean06 import AssistanceKind as K
from dean06.errors import mask_personal

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType


SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "make_quang_ngai_2023.py"


@pytest.mark.parametrize(
    ("check", "value", "n", "expected"),
    [
        (more_than, 1_690, 1_690, False),
        (more_than, 1_691, 1_690, True),
        (more_than, 1_723, 1_690, True),
        (more_than, 1_724, 1_690, False),
        (nearly, 37, 40, False),
        (nearly, 38, 40, True),
        (nearly, 39, 40, True),
        (nearly, 40, 40, False),
    ],
)
def test_bounds_mean_what_the_brief_says(
    check: Callable[[int, int], bool], value: int, n: int, expected: bool
) -> None:
    assert check(value, n) is expected


def test_percent_bounds_mean_what_the_brief_says() -> None:
    assert about_percent(d6.Rate(975, 1000), 98)
    assert not about_percent(d6.Rate(985, 1000), 98)
    assert above_percent(d6.Rate(961, 1000), 96)
    assert not above_percent(d6.Rate(96, 100), 96)


# -- the data set ----------------------------------------------------------------------------


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_quang_ngai_2023", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _build() -> d6.Dataset:
    built = _generator().build()
    assert isinstance(built, d6.Dataset)
    return built


@pytest.fixture(scope="module")
def generated() -> d6.Dataset:
    return _build()


@pytest.fixture(scope="module")
def dataset(generated: d6.Dataset) -> d6.Dataset:
    try:
        datasets = importlib.import_module("dean06.datasets")
    except ImportError:
        return generated
    loader = getattr(datasets, "quang_ngai_2023", None)
    if not callable(loader):
        return generated
    loaded = loader()
    assert isinstance(loaded, d6.Dataset)
    return loaded


@pytest.fixture(scope="module")
def tally(dataset: d6.Dataset) -> d6.DossierTally:
    return dataset.dossier_tally


@pytest.fixture(scope="module")
def help_given(dataset: d6.Dataset) -> d6.AssistanceTally:
    return d6.AssistanceTally.of(dataset.events)


@pytest.fixture(scope="module")
def local_rates(dataset: d6.Dataset, tally: d6.DossierTally) -> dict[str, d6.Rate]:
    """Online rates of the essential services with local totals."""
    return {
        code: tally.online_rate(service=code)
        for code in dataset.essential_codes()
        if dataset.service(code).local_totals
    }


def test_build_is_deterministic(generated: d6.Dataset) -> None:
    assert _build() == generated


def test_packaged_data_is_what_the_generator_makes(
    dataset: d6.Dataset, generated: d6.Dataset
) -> None:
    if dataset is generated:
        pytest.skip("dean06.datasets.quang_ngai_2023() does not exist yet")
    assert dataset == generated


def test_no_problems(dataset: d6.Dataset) -> None:
    assert dataset.problems() == ()


# -- Youth-union "peak day" -------------------------------------------------------------------


def test_peak_day_teams_and_members(dataset: d6.Dataset) -> None:
    campaign = dataset.campaign(PEAK_DAY)
    assert len(campaign.teams) == 140
    assert more_than(campaign.members, 1_690)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [(K.PROCEDURE_RESOLVED, 2_393), (K.EID_INSTALLED, 2_280), (K.ONLINE_SERVICE_GUIDED, 2_283)],
)
def test_peak_day_help(help_given: d6.AssistanceTally, kind: K, expected: int) -> None:
    assert help_given.total(campaign=PEAK_DAY, kind=kind) == expected


def test_peak_day_every_district_takes_part(dataset: d6.Dataset) -> None:
    """ "100% cơ sở đoàn": every district of the province fields at least one team."""
    catalogue = dataset.catalogue
    districts = {unit.code for unit in catalogue.at_level(d6.UnitLevel.DISTRICT)}
    fielding = set()
    for team in dataset.campaign(PEAK_DAY).teams:
        assert team.unit is not None
        district = catalogue.ancestor_at(team.unit, d6.UnitLevel.DISTRICT)
        assert district is not None
        fielding.add(district.code)
    assert len(districts) == 13
    assert fielding == districts


def test_peak_day_is_one_day_of_the_first_half(
    dataset: d6.Dataset, help_given: d6.AssistanceTally
) -> None:
    campaign = dataset.campaign(PEAK_DAY)
    assert campaign.start == campaign.end
    assert campaign.start in FIRST_HALF_2023
    day = d6.Period(campaign.start, campaign.end)
    assert help_given.total(campaign=PEAK_DAY, period=day) == help_given.total(campaign=PEAK_DAY)


# -- Summer volunteer campaign ----------------------------------------------------------------


def _teams_of(dataset: d6.Dataset, campaign: str, organisation: str) -> list[str]:
    return [t.id for t in dataset.campaign(campaign).teams if t.organisation == organisation]


def _by_teams(help_given: d6.AssistanceTally, teams: list[str], kind: K) -> int:
    return sum(help_given.total(campaign=SUMMER, kind=kind, team=team) for team in teams)


def test_summer_booths_at_binh_minh_and_tra_xuan(
    dataset: d6.Dataset, help_given: d6.AssistanceTally
) -> None:
    booths = {t.unit for t in dataset.campaign(SUMMER).teams if t.unit is not None}
    assert booths == {BINH_MINH, TRA_XUAN}
    assert dataset.catalogue[BINH_MINH].parent == BINH_SON
    assert dataset.catalogue[TRA_XUAN].parent == TRA_BONG
    at_booths = {
        unit
        for kind in K
        if kind is not K.SITE_DIGITISED
        for unit in help_given.by_unit(campaign=SUMMER, kind=kind)
    }
    assert at_booths == {BINH_MINH, TRA_XUAN}


def test_summer_events_fall_in_june_2023(
    dataset: d6.Dataset, help_given: d6.AssistanceTally
) -> None:
    june = d6.Period.parse("2023-06")
    assert help_given.total(campaign=SUMMER, period=june) == help_given.total(campaign=SUMMER)
    assert all(event.on in june for event in dataset.events if event.campaign == SUMMER)


def test_summer_police_union_at_binh_minh(
    dataset: d6.Dataset, help_given: d6.AssistanceTally
) -> None:
    teams = [
        t.id
        for t in dataset.campaign(SUMMER).teams
        if t.organisation == POLICE_UNION and t.unit == BINH_MINH
    ]
    assert teams
    outreach = _by_teams(help_given, teams, K.OUTREACH)
    assert more_than(outreach, 200)
    assert _by_teams(help_given, teams, K.EID_LEVEL2_APPLICATION) == 25
    # The police union gave all the campaign's help of these kinds.
    assert help_given.total(campaign=SUMMER, kind=K.OUTREACH) == outreach
    assert help_given.total(campaign=SUMMER, kind=K.EID_LEVEL2_APPLICATION) == 25


@pytest.mark.parametrize(
    ("kind", "expected"),
    [(K.BANK_ACCOUNT_OPENED, 35), (K.EWALLET_CREATED, 24), (K.ONLINE_SERVICE_GUIDED, 350)],
)
def test_summer_agencies_union(
    dataset: d6.Dataset, help_given: d6.AssistanceTally, kind: K, expected: int
) -> None:
    teams = _teams_of(dataset, SUMMER, AGENCIES_UNION)
    assert _by_teams(help_given, teams, kind) == expected
    assert help_given.total(campaign=SUMMER, kind=kind) == expected


def test_summer_agencies_union_tax(dataset: d6.Dataset, help_given: d6.AssistanceTally) -> None:
    teams = _teams_of(dataset, SUMMER, AGENCIES_UNION)
    assert nearly(_by_teams(help_given, teams, K.TAX_FILED_ONLINE), 40)
    assert nearly(help_given.total(campaign=SUMMER, kind=K.TAX_FILED_ONLINE), 40)


def test_summer_people_guided_in_binh_son_and_tra_bong(
    dataset: d6.Dataset, help_given: d6.AssistanceTally
) -> None:
    guided = [
        help_given.total(
            campaign=SUMMER,
            kind=K.ONLINE_SERVICE_GUIDED,
            unit=district,
            catalogue=dataset.catalogue,
        )
        for district in (BINH_SON, TRA_BONG)
    ]
    assert all(guided)
    assert sum(guided) == 350


def test_summer_sites_digitised(help_given: d6.AssistanceTally) -> None:
    # The article gives no count: the data set holds a few illustrative ones.
    assert help_given.total(campaign=SUMMER, kind=K.SITE_DIGITISED) > 0


# -- Youth Month --------------------------------------------------------------------------------


def test_youth_month_activities_and_members(
    dataset: d6.Dataset, help_given: d6.AssistanceTally
) -> None:
    campaign = dataset.campaign(YOUTH_MONTH)
    assert campaign.organiser == POLICE_UNION
    assert help_given.occasions(campaign=YOUTH_MONTH) == 45
    assert nearly(campaign.members, 200)


def test_youth_month_help(help_given: d6.AssistanceTally) -> None:
    assert help_given.total(campaign=YOUTH_MONTH, kind=K.EID_LEVEL1_ACTIVATED) == 3_500
    assert more_than(help_given.total(campaign=YOUTH_MONTH, kind=K.EID_LEVEL2_APPLICATION), 4_500)
    assert help_given.total(campaign=YOUTH_MONTH, kind=K.EID_LEVEL2_ACTIVATED) == 3_580


def test_youth_month_is_march_2023(dataset: d6.Dataset, help_given: d6.AssistanceTally) -> None:
    march = d6.Period.parse("2023-03")
    campaign = dataset.campaign(YOUTH_MONTH)
    assert (campaign.start, campaign.end) == (march.start, march.end)
    assert help_given.total(campaign=YOUTH_MONTH, period=march) == help_given.total(
        campaign=YOUTH_MONTH
    )


# -- Essential online services, whole province -------------------------------------------------


def test_25_essential_services(dataset: d6.Dataset) -> None:
    assert dataset.essential_codes() == tuple(s.code for s in d6.essential_services())


def test_23_of_25_with_online_dossiers(dataset: d6.Dataset, tally: d6.DossierTally) -> None:
    assert d6.services_with_online(tally, dataset.essential_codes()) == d6.Rate(23, 25)


def test_22_essential_services_with_local_totals(
    dataset: d6.Dataset, tally: d6.DossierTally, local_rates: dict[str, d6.Rate]
) -> None:
    assert len(local_rates) == 22
    assert all(rate.defined for rate in local_rates.values())
    # The other three run on national systems: the province sees only online dossiers.
    national = [c for c in dataset.essential_codes() if not dataset.service(c).local_totals]
    assert len(national) == 3
    for code in national:
        assert tally.total(service=code) == tally.online(service=code) > 0
    # Two services have dossiers but none online: 0%, a defined rate, not "no rate".
    none_online = [code for code, rate in local_rates.items() if rate.numerator == 0]
    assert len(none_online) == 2


def test_16_of_22_above_half(local_rates: dict[str, d6.Rate]) -> None:
    assert d6.share_above(local_rates, 0.5) == d6.Rate(16, 22)


def test_four_services_fully_online(local_rates: dict[str, d6.Rate]) -> None:
    # Confirming the old ID number, residence notification, temporary-absence
    # declaration, new seal (essential-services.md: numbers 1, 6, 5 and 10).
    assert d6.fully_online(local_rates) == ["D06-01", "D06-05", "D06-06", "D06-10"]


def test_tax_registration_98_percent(tally: d6.DossierTally) -> None:
    assert about_percent(tally.online_rate(service="D06-21"), 98)


def test_exam_registration_above_96_percent(tally: d6.DossierTally) -> None:
    assert above_percent(tally.online_rate(service="D06-24"), 96)


def test_monthly_online_rate_rises(tally: d6.DossierTally) -> None:
    monthly = tally.monthly_rates()
    assert [period for period, _ in monthly] == list(FIRST_HALF_2023.months())
    assert d6.trend(monthly) is d6.Trend.RISING


# -- Ba Tơ district police and its communes ---------------------------------------------------


def _ba_to_online(dataset: d6.Dataset, service: str) -> int:
    return dataset.dossier_tally.online(service=service, unit=BA_TO, catalogue=dataset.catalogue)


def test_ba_to_citizen_id(dataset: d6.Dataset) -> None:
    assert nearly(_ba_to_online(dataset, "D06-02"), 100)
    rate = dataset.dossier_tally.online_rate(
        service="D06-02", unit=BA_TO, catalogue=dataset.catalogue
    )
    assert above_percent(rate, 92)


def test_ba_to_temporary_residence(dataset: d6.Dataset) -> None:
    assert nearly(_ba_to_online(dataset, "D06-04"), 40)


@pytest.mark.parametrize(
    ("service", "expected"), [("D06-03", 90), ("D06-06", 380), ("D06-07", 62)]
)
def test_ba_to_exact_counts(dataset: d6.Dataset, service: str, expected: int) -> None:
    assert _ba_to_online(dataset, service) == expected


def test_ba_to_includes_its_communes(dataset: d6.Dataset) -> None:
    communes = {unit.code for unit in dataset.catalogue.children(BA_TO)}
    assert len(communes) == 5
    assert communes & {d.unit for d in dataset.dossiers if d.service == "D06-06"}


# -- the records themselves ---------------------------------------------------------------------


def test_size_suits_the_report(dataset: d6.Dataset) -> None:
    assert 8_000 <= len(dataset.dossiers) <= 20_000


def test_dossiers_received_in_the_first_half_of_2023(dataset: d6.Dataset) -> None:
    catalogue = dataset.catalogue
    for dossier in dataset.dossiers:
        assert dossier.received in FIRST_HALF_2023
        assert catalogue[dossier.unit].active_on(dossier.received.date())


def test_dossiers_have_every_status(dataset: d6.Dataset) -> None:
    assert {d.status for d in dataset.dossiers} == set(d6.DossierStatus)
    assert {d.channel for d in dataset.dossiers} == set(d6.Channel)


def test_units_before_and_after_the_2025_reform(
    dataset: d6.Dataset, tally: d6.DossierTally
) -> None:
    catalogue = dataset.catalogue
    successor = catalogue["51@2025-07-01"]
    assert successor.gso_code == "51"
    assert not catalogue["51"].active_on(successor.valid_from or FIRST_HALF_2023.start)
    assert tally.total(unit=successor.code) == 0


def test_no_identifier_looks_personal(dataset: d6.Dataset) -> None:
    codes = [
        *(d.id for d in dataset.dossiers),
        *(t.id for t in dataset.teams()),
        *(c.id for c in dataset.campaigns),
        *(u.code for u in dataset.units),
        *(s.code for s in dataset.services),
    ]
    assert len({d.id for d in dataset.dossiers}) == len(dataset.dossiers)
    assert [code for code in codes if mask_personal(code) != code] == []
