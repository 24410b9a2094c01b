"""Hand-computed examples: the figures of the Quảng Ngãi report, worked out on small data."""

from __future__ import annotations

import datetime as dt
import itertools
import sys
from typing import Any

import pytest

from dean06 import (
    VIETNAM,
    AdministrativeUnit,
    AssistanceEvent,
    AssistanceKind,
    AssistanceTally,
    Channel,
    Dossier,
    DossierCount,
    DossierStatus,
    DossierTally,
    Period,
    Rate,
    Trend,
    UnitCatalogue,
    UnitLevel,
    ValidationError,
    essential_services,
    fully_online,
    services_with_online,
    share_above,
    trend,
)

UTC = dt.timezone.utc
JUNE = Period.month(2023, 6)
JULY = Period.month(2023, 7)
ESSENTIAL = [s.code for s in essential_services()]
_ids = itertools.count(1)


def make(
    service: str,
    channel: Channel,
    *,
    unit: str = "53501",
    received: dt.datetime | None = None,
    **extra: Any,
) -> Dossier:
    return Dossier(
        id=f"HS-{next(_ids):06d}",
        service=service,
        unit=unit,
        channel=channel,
        received=received or dt.datetime(2023, 6, 15, 9, 0, tzinfo=VIETNAM),
        **extra,
    )


def many(service: str, online: int, offline: int, **extra: Any) -> list[Dossier]:
    return [make(service, Channel.ONLINE, **extra) for _ in range(online)] + [
        make(service, Channel.IN_PERSON, **extra) for _ in range(offline)
    ]


# -- the essential-service figures ---------------------------------------------------------


@pytest.fixture(scope="module")
def province() -> DossierTally:
    """25 essential services: D06-01 to D06-22 with local totals, three on national systems.

    * D06-01, D06-05, D06-06, D06-10: 100% online;
    * twelve more above 50% online: 16 above 50% in all;
    * D06-15: exactly 50% (not above); D06-16, D06-19, D06-20, D06-22: below;
    * D06-21: in person only (dossiers, none online: 0%, not "no rate");
    * D06-23, D06-24 (national systems): online dossiers the province sees;
    * D06-25 (national system): no dossiers at all (no rate).
    """
    dossiers: list[Dossier] = []
    for code in ("D06-01", "D06-05", "D06-06", "D06-10"):
        dossiers += many(code, 3, 0)
    for code in ("D06-02", "D06-03", "D06-04", "D06-07", "D06-08", "D06-09"):
        dossiers += many(code, 3, 1)
    for code in ("D06-11", "D06-12", "D06-13", "D06-14", "D06-17", "D06-18"):
        dossiers += many(code, 2, 1)
    dossiers += many("D06-15", 2, 2)
    for code in ("D06-16", "D06-19", "D06-20", "D06-22"):
        dossiers += many(code, 1, 3)
    dossiers += many("D06-21", 0, 5)
    for code in ("D06-23", "D06-24"):
        dossiers += many(code, 2, 0)
    return DossierTally.of(dossiers)


LOCAL = ESSENTIAL[:22]  # the services with local totals


def test_23_of_25_essential_services_had_online_dossiers(province: DossierTally) -> None:
    assert services_with_online(province, ESSENTIAL) == Rate(23, 25)
    assert services_with_online(province, [*ESSENTIAL, *ESSENTIAL]) == Rate(23, 25)
    assert format(services_with_online(province, ESSENTIAL), ".0%") == "92%"
    assert province.online_rate(service="D06-21") == Rate(0, 5)  # 0%, a known rate
    assert province.online_rate(service="D06-25") == Rate(0, 0)  # no rate


def test_16_of_22_above_half_with_undefined_rates_left_out(province: DossierTally) -> None:
    rates = {code: province.online_rate(service=code) for code in LOCAL}
    assert all(rate.defined for rate in rates.values())
    assert rates["D06-15"] == Rate(2, 4)
    assert share_above(rates, 0.5) == Rate(16, 22)
    # A service without dossiers has no rate and counts in neither number.
    with_undefined = {**rates, "D06-25": province.online_rate(service="D06-25")}
    assert with_undefined["D06-25"] == Rate(0, 0)
    assert share_above(with_undefined, 0.5) == Rate(16, 22)
    # The national-system services count only when they are let in.
    assert share_above(province.rates_by_service(), 0.5) == Rate(18, 24)
    assert format(share_above(rates, 0.5), ".1%") == "72.7%"


def test_four_services_at_exactly_100_percent(province: DossierTally) -> None:
    local = {code: rate for code, rate in province.rates_by_service().items() if code in LOCAL}
    assert fully_online(local) == ["D06-01", "D06-05", "D06-06", "D06-10"]
    everything = province.rates_by_service()
    assert fully_online(everything) == ["D06-01", "D06-05", "D06-06", "D06-10", "D06-23", "D06-24"]
    assert province.online_rate(service="D06-06") == Rate(3, 3)
    assert format(province.online_rate(service="D06-06"), ".0%") == "100%"


def test_rates_by_service_only_lists_services_with_dossiers(province: DossierTally) -> None:
    rates = province.rates_by_service()
    assert "D06-25" not in rates
    assert len(rates) == 24
    assert list(rates) == sorted(rates)
    assert province.services() == frozenset(rates)


def test_tax_98_percent() -> None:
    tally = DossierTally.of(many("D06-21", 98, 2))
    rate = tally.online_rate(service="D06-21")
    assert rate == Rate(98, 100)
    assert format(rate, ".0%") == "98%"
    assert rate.at_least(0.98)
    assert not rate.above(0.98)


# -- the monthly trend ---------------------------------------------------------------------


def test_a_rising_monthly_series() -> None:
    dossiers: list[Dossier] = []
    # January to June 2023: 1/5, 2/5, 3/5, 3/4, 4/5, 5/5 online.
    for month, (online, offline) in enumerate([(1, 4), (2, 3), (3, 2), (3, 1), (4, 1), (5, 0)]):
        received = dt.datetime(2023, month + 1, 10, 8, 0, tzinfo=VIETNAM)
        dossiers += many("D06-06", online, offline, received=received)
    tally = DossierTally.of(dossiers)
    series = tally.monthly_rates()
    assert [p for p, _ in series] == [Period.month(2023, m) for m in range(1, 7)]
    assert [r for _, r in series] == [
        Rate(1, 5),
        Rate(2, 5),
        Rate(3, 5),
        Rate(3, 4),
        Rate(4, 5),
        Rate(5, 5),
    ]
    assert trend(series) is Trend.RISING
    assert trend(tally.monthly_rates(service="D06-06")) is Trend.RISING
    assert tally.monthly_rates(service="D06-01") == []
    assert trend(tally.monthly_rates(service="D06-01")) is Trend.UNKNOWN


def test_a_month_without_dossiers_is_no_rate() -> None:
    tally = DossierTally.of(
        many("s", 1, 1, received=dt.datetime(2023, 1, 5, tzinfo=VIETNAM))
        + many("s", 2, 0, received=dt.datetime(2023, 3, 5, tzinfo=VIETNAM))
    )
    assert tally.monthly_rates() == [
        (Period.month(2023, 1), Rate(1, 2)),
        (Period.month(2023, 2), Rate(0, 0)),
        (Period.month(2023, 3), Rate(2, 2)),
    ]
    assert trend(tally.monthly_rates()) is Trend.RISING
    assert tally.monthly_rates(period=Period.month(2023, 2)) == []
    assert tally.monthly_rates(period=Period.parse("2023-02/2023-03")) == [
        (Period.month(2023, 3), Rate(2, 2))
    ]


# -- the local calendar ------------------------------------------------------------------------


def test_months_follow_the_local_date() -> None:
    late_local = make(
        "D06-06", Channel.ONLINE, received=dt.datetime(2023, 6, 30, 23, 30, tzinfo=VIETNAM)
    )
    late_utc = make(
        "D06-06", Channel.IN_PERSON, received=dt.datetime(2023, 6, 30, 20, 0, tzinfo=UTC)
    )
    tally = DossierTally.of([late_local, late_utc])
    assert tally.total(period=JUNE) == 1
    assert tally.online(period=JUNE) == 1
    assert tally.total(period=JULY) == 1
    assert tally.online(period=JULY) == 0
    assert [row.month for row in tally.counts()] == [JUNE, JULY]
    assert tally.months() == (JUNE, JULY)
    assert tally.monthly_rates() == [(JUNE, Rate(1, 1)), (JULY, Rate(0, 1))]


def test_on_time_compares_instants() -> None:
    due = dt.datetime(2023, 6, 20, 17, 0, tzinfo=VIETNAM)
    received = dt.datetime(2023, 6, 15, 8, 0, tzinfo=VIETNAM)
    common: dict[str, Any] = {"received": received, "status": DossierStatus.RESOLVED, "due": due}
    dossiers = [
        make("s", Channel.ONLINE, resolved=due.astimezone(UTC), **common),  # at the due instant
        make("s", Channel.ONLINE, resolved=due + dt.timedelta(seconds=1), **common),  # late
        make("s", Channel.ONLINE, resolved=dt.datetime(2023, 6, 20, 9, 59, tzinfo=UTC), **common),
        make("s", Channel.ONLINE, resolved=dt.datetime(2023, 6, 20, 10, 1, tzinfo=UTC), **common),
        make(
            "s",
            Channel.ONLINE,
            received=received,
            status=DossierStatus.REJECTED,
            resolved=received,
        ),
        make("s", Channel.ONLINE, received=received, due=due),  # not resolved
    ]
    tally = DossierTally.of(dossiers)
    assert tally.on_time_rate() == Rate(2, 4)
    assert tally.resolved() == 5


# -- rolling communes up -------------------------------------------------------------------------


def unit(code: str, level: UnitLevel, parent: str | None = None) -> AdministrativeUnit:
    return AdministrativeUnit(code=code, name=f"Đơn vị {code}", level=level, parent=parent)


CATALOGUE = UnitCatalogue(
    [
        unit("51", UnitLevel.PROVINCE),
        unit("535", UnitLevel.DISTRICT, "51"),
        unit("53501", UnitLevel.COMMUNE, "535"),
        unit("53502", UnitLevel.COMMUNE, "535"),
        unit("524", UnitLevel.DISTRICT, "51"),
        unit("52401", UnitLevel.COMMUNE, "524"),
        unit("51@2025-07-01", UnitLevel.COMMUNE, "51"),
    ]
)


def test_rollup_communes_to_districts_to_province() -> None:
    dossiers = (
        many("s", 2, 1, unit="53501")
        + many("s", 1, 1, unit="53502")
        + many("s", 0, 2, unit="535")
        + many("s", 4, 0, unit="52401")
        + many("s", 1, 0, unit="51@2025-07-01")
        + many("s", 1, 1, unit="999")
    )
    tally = DossierTally.of(dossiers)
    districts = tally.rollup(CATALOGUE, UnitLevel.DISTRICT)
    assert districts.units() == {"535", "524", "51@2025-07-01", "999"}
    assert districts.online_rate(unit="535") == Rate(3, 7)
    assert districts.online_rate(unit="524") == Rate(4, 4)
    assert districts.total(unit="51@2025-07-01") == 1  # no district above it: stays
    assert districts.total(unit="999") == 2  # not in the catalogue: stays
    assert districts.online_rate(unit="535") == tally.online_rate(unit="535", catalogue=CATALOGUE)

    provinces = districts.rollup(CATALOGUE, UnitLevel.PROVINCE)
    assert provinces.units() == {"51", "999"}
    assert provinces.online_rate(unit="51") == Rate(8, 12)
    assert provinces == tally.rollup(CATALOGUE, UnitLevel.PROVINCE)
    assert provinces.total() == tally.total() == 14

    expected = [
        DossierCount(service="s", unit="51", month=JUNE, channel=Channel.ONLINE, dossiers=8),
        DossierCount(service="s", unit="51", month=JUNE, channel=Channel.IN_PERSON, dossiers=4),
        DossierCount(service="s", unit="999", month=JUNE, channel=Channel.ONLINE, dossiers=1),
        DossierCount(service="s", unit="999", month=JUNE, channel=Channel.IN_PERSON, dossiers=1),
    ]
    assert list(provinces.counts()) == expected
    assert tally.rollup(CATALOGUE, UnitLevel.COMMUNE) == tally


def test_merging_commune_tallies_equals_the_province() -> None:
    parts = {
        code: DossierTally.of(many("s", n, 1, unit=code))
        for n, code in enumerate(["53501", "53502", "52401"], start=1)
    }
    whole = sum(parts.values(), DossierTally())
    assert whole.total() == 9
    assert whole.online(unit="51", catalogue=CATALOGUE) == 6
    assert whole.online(unit="535", catalogue=CATALOGUE) == 3
    assert whole.rollup(CATALOGUE, UnitLevel.DISTRICT).online_rate(unit="535") == Rate(3, 5)


def test_assistance_rollup_and_figures() -> None:
    on = dt.date(2023, 3, 26)
    events = [
        AssistanceEvent(
            campaign="NCD",
            kind=AssistanceKind.PROCEDURE_RESOLVED,
            count=1000,
            on=on,
            team="T1",
            unit="53501",
        ),
        AssistanceEvent(
            campaign="NCD",
            kind=AssistanceKind.PROCEDURE_RESOLVED,
            count=1393,
            on=on,
            team="T2",
            unit="52401",
        ),
        AssistanceEvent(
            campaign="NCD",
            kind=AssistanceKind.EID_INSTALLED,
            count=2280,
            on=on,
            team="T1",
            unit="53501",
        ),
        AssistanceEvent(
            campaign="NCD", kind=AssistanceKind.ONLINE_SERVICE_GUIDED, count=2283, on=on
        ),
    ]
    tally = AssistanceTally.of(events)
    assert tally.total(AssistanceKind.PROCEDURE_RESOLVED, "NCD") == 2393
    assert tally.total(kind=AssistanceKind.EID_INSTALLED) == 2280
    assert tally.total(kind=AssistanceKind.ONLINE_SERVICE_GUIDED) == 2283
    assert tally.total(unit="535", catalogue=CATALOGUE) == 3280
    assert tally.occasions() == 3
    districts = tally.rollup(CATALOGUE, UnitLevel.DISTRICT)
    assert districts.by_unit() == {None: 2283, "524": 1393, "535": 3280}
    province = tally.rollup(CATALOGUE, UnitLevel.PROVINCE)
    assert province.by_unit() == {None: 2283, "51": 4673}
    assert province.total() == tally.total() == 6956


def test_checked_rows_from_an_engine_are_summed_and_guarded() -> None:
    # The dataframe path hands the tally rows an engine already checked.
    june = 2023 * 12 + 5
    rows = [
        ("D06-06", "535", june, Channel.ONLINE, 3, 2, 1, 1, 0, 1),
        ("D06-06", "535", june, Channel.ONLINE, 1, 1, 1, 0, 1, 0),
        ("D06-06", "535", june, Channel.IN_PERSON, 0, 0, 0, 0, 0, 0),  # dropped
    ]
    tally = DossierTally._from_checked_rows(rows)
    (row,) = tally.counts()
    assert (row.dossiers, row.resolved, row.resolved_with_due, row.on_time) == (4, 3, 2, 1)
    assert (row.paid_online, row.assisted) == (1, 1)
    with pytest.raises(ValidationError, match="inconsistent counts"):
        DossierTally._from_checked_rows(
            [("D06-06", "535", june, Channel.ONLINE, 1, 2, 0, 0, 0, 0)]
        )


COMMUNE = UnitLevel.COMMUNE


# -- scope arguments of the wrong type are refused, never matched against nothing ----------


@pytest.mark.parametrize(
    ("query", "match"),
    [
        (lambda t: t.total(service=1), "service must be a code"),
        (
            lambda t: t.total(unit=AdministrativeUnit(code="X", name="x", level=COMMUNE)),
            r"unit must be a code \(str\) or None, not AdministrativeUnit; pass its \.code",
        ),
        (lambda t: t.online_rate(unit="53501", catalogue=[]), "catalogue must be a UnitCatalogue"),
        (lambda t: t.monthly_rates(service=("D06-01",)), "service must be a code"),
        (lambda t: t.rates_by_service(period="2023-06"), "period must be a Period"),
    ],
)
def test_dossier_queries_refuse_scope_arguments_of_the_wrong_type(query: Any, match: str) -> None:
    tally = DossierTally.of(many(ESSENTIAL[0], 2, 1))
    with pytest.raises(ValidationError, match=match):
        query(tally)


@pytest.mark.parametrize(
    ("query", "match"),
    [
        (lambda t: t.total(kind="OUTREACH"), "kind must be an AssistanceKind or None, not str"),
        (lambda t: t.by_team(campaign=7), "campaign must be a code"),
        (lambda t: t.by_unit(team=["T1"]), "team must be a code"),
        (lambda t: t.by_kind(unit="X", catalogue={"X": 1}), "catalogue must be a UnitCatalogue"),
    ],
)
def test_assistance_queries_refuse_scope_arguments_of_the_wrong_type(
    query: Any, match: str
) -> None:
    tally = AssistanceTally.of(
        [
            AssistanceEvent(
                campaign="C1", kind=AssistanceKind.OUTREACH, on=dt.date(2023, 6, 1), count=3
            )
        ]
    )
    assert tally.total(kind=AssistanceKind.OUTREACH) == 3
    with pytest.raises(ValidationError, match=match):
        query(tally)


def test_from_frame_without_the_frames_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "narwhals", None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, "dean06.frames", raising=False)
    for tally in (DossierTally, AssistanceTally):
        with pytest.raises(ModuleNotFoundError, match=r"pip install 'dean06\[frames\]'"):
            tally.from_frame(object())
