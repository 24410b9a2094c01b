"""Value objects: every invariant of dossiers, teams, campaigns, events, counts and rates."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dean06 import (
    VIETNAM,
    AssistanceCount,
    AssistanceEvent,
    AssistanceKind,
    Campaign,
    Channel,
    Dossier,
    DossierCount,
    DossierStatus,
    Period,
    Rate,
    Team,
    ValidationError,
)
from dean06 import strategies as d6st

UTC = dt.timezone.utc
RECEIVED = dt.datetime(2023, 6, 1, 8, 0, tzinfo=VIETNAM)  # 01:00Z
D = dt.date


def refused(cls: type, field: str, **kwargs: Any) -> None:
    with pytest.raises(ValidationError, match=rf"^{cls.__name__}\.{field}: "):
        cls(**kwargs)


# -- Dossier ----

DOSSIER: dict[str, Any] = {
    "id": "HS-1",
    "service": "D06-06",
    "unit": "53501",
    "channel": Channel.ONLINE,
    "received": RECEIVED,
}
RESOLVED: dict[str, Any] = {
    **DOSSIER,
    "status": DossierStatus.RESOLVED,
    "resolved": RECEIVED + dt.timedelta(days=1),
}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": ""}, "id"),
        ({"id": "  "}, "id"),
        ({"id": 1}, "id"),
        ({"service": ""}, "service"),
        ({"service": None}, "service"),
        ({"unit": "\n"}, "unit"),
        ({"channel": "ONLINE"}, "channel"),
        ({"channel": None}, "channel"),
        ({"received": dt.datetime(2023, 6, 1, 8, 0)}, "received"),  # noqa: DTZ001
        ({"received": D(2023, 6, 1)}, "received"),
        ({"received": "2023-06-01T08:00:00+07:00"}, "received"),
        ({"status": "RESOLVED"}, "status"),
        ({"status": DossierStatus.RESOLVED}, "resolved"),
        ({"status": DossierStatus.REJECTED}, "resolved"),
        ({"resolved": RECEIVED}, "resolved"),
        ({"status": DossierStatus.IN_PROGRESS, "resolved": RECEIVED}, "resolved"),
        ({"status": DossierStatus.WITHDRAWN, "resolved": RECEIVED}, "resolved"),
        (
            {
                "status": DossierStatus.RESOLVED,
                "resolved": RECEIVED - dt.timedelta(microseconds=1),
            },
            "resolved",
        ),
        (
            {"status": DossierStatus.REJECTED, "resolved": dt.datetime(2023, 6, 1, 9, 0)},  # noqa: DTZ001
            "resolved",
        ),
        ({"due": RECEIVED - dt.timedelta(seconds=1)}, "due"),
        ({"due": dt.datetime(2023, 6, 1, 7, 59, tzinfo=VIETNAM)}, "due"),
        ({"due": dt.datetime(2023, 6, 5, 8, 0)}, "due"),  # noqa: DTZ001
        ({"due": D(2023, 6, 5)}, "due"),
        ({"paid_online": 1}, "paid_online"),
        ({"paid_online": "yes"}, "paid_online"),
        ({"assisted": None}, "assisted"),
        ({"assisted": 1}, "assisted"),
    ],
)
def test_invalid_dossiers_are_refused_naming_the_field(
    changes: dict[str, Any], field: str
) -> None:
    refused(Dossier, field, **{**DOSSIER, **changes})


def test_ends_are_compared_as_instants_not_wall_clocks() -> None:
    # 02:00Z is 09:00 in Vietnam: after 08:00 local, though "02:00" < "08:00".
    dossier = Dossier(
        **{
            **RESOLVED,
            "resolved": dt.datetime(2023, 6, 1, 2, 0, tzinfo=UTC),
            "due": dt.datetime(2023, 6, 1, 1, 0, tzinfo=UTC),
        }
    )
    assert dossier.resolved is not None
    # Due at 01:00Z (= received): resolved an hour after the due time.
    assert dossier.on_time is False
    refused(
        Dossier, "resolved", **{**RESOLVED, "resolved": dt.datetime(2023, 6, 1, 0, 59, tzinfo=UTC)}
    )


def test_defaults() -> None:
    dossier = Dossier(**DOSSIER)
    assert dossier.status is DossierStatus.RECEIVED
    assert dossier.resolved is None
    assert dossier.due is None
    assert dossier.paid_online is None
    assert dossier.assisted is False
    assert dossier.online is True


@pytest.mark.parametrize("status", [DossierStatus.RESOLVED, DossierStatus.REJECTED])
def test_ended_statuses_need_an_end(status: DossierStatus) -> None:
    dossier = Dossier(**{**DOSSIER, "status": status, "resolved": RECEIVED})
    assert dossier.resolved == RECEIVED


@pytest.mark.parametrize(
    "status", [DossierStatus.RECEIVED, DossierStatus.IN_PROGRESS, DossierStatus.WITHDRAWN]
)
def test_open_statuses_have_no_end(status: DossierStatus) -> None:
    assert Dossier(**{**DOSSIER, "status": status}).on_time is None


def test_on_time() -> None:
    due = dt.datetime(2023, 6, 5, 17, 0, tzinfo=VIETNAM)
    at_due = {**RESOLVED, "due": due}
    assert Dossier(**{**at_due, "resolved": due}).on_time is True
    assert Dossier(**{**at_due, "resolved": due.astimezone(UTC)}).on_time is True
    late = due + dt.timedelta(microseconds=1)
    assert Dossier(**{**at_due, "resolved": late}).on_time is False
    assert Dossier(**{**at_due, "resolved": RECEIVED}).on_time is True
    assert Dossier(**RESOLVED).on_time is None  # no due date
    assert Dossier(**{**DOSSIER, "due": due}).on_time is None  # not resolved
    # 10:30 in Vietnam on the 5th is 23:30 of the 4th in New York: still on time.
    new_york = dt.timezone(dt.timedelta(hours=-5))
    early = dt.datetime(2023, 6, 4, 23, 30, tzinfo=new_york)
    assert Dossier(**{**at_due, "resolved": early}).on_time is True


def test_dossier_text_is_nfc_and_stripped() -> None:
    made = Dossier(
        **{**DOSSIER, "id": unicodedata.normalize("NFD", " HS-ư1 "), "unit": "\t53501\n"}
    )
    assert made == Dossier(**{**DOSSIER, "id": "HS-ư1"})


@given(d6st.dossiers())
def test_generated_dossiers_keep_every_invariant(dossier: Dossier) -> None:
    assert attrs.evolve(dossier) == dossier
    assert (dossier.resolved is not None) == (
        dossier.status in (DossierStatus.RESOLVED, DossierStatus.REJECTED)
    )
    assert dossier.received.utcoffset() is not None
    if dossier.resolved is not None:
        assert dossier.resolved >= dossier.received
    if dossier.due is not None:
        assert dossier.due >= dossier.received
    if dossier.resolved is None or dossier.due is None:
        assert dossier.on_time is None
    else:
        assert dossier.on_time == (dossier.resolved.astimezone(UTC) <= dossier.due.astimezone(UTC))


# -- Team and Campaign ----

TEAM: dict[str, Any] = {
    "id": "T-1",
    "name": "Đội hình Bình Minh",
    "organisation": "Tỉnh đoàn",
    "members": 12,
}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": ""}, "id"),
        ({"name": " "}, "name"),
        ({"organisation": ""}, "organisation"),
        ({"organisation": None}, "organisation"),
        ({"members": -1}, "members"),
        ({"members": 1.0}, "members"),
        ({"members": True}, "members"),
        ({"members": "12"}, "members"),
        ({"unit": ""}, "unit"),
        ({"unit": 535}, "unit"),
    ],
)
def test_invalid_teams_are_refused_naming_the_field(changes: dict[str, Any], field: str) -> None:
    refused(Team, field, **{**TEAM, **changes})


def test_team_members_may_be_zero() -> None:
    assert Team(**{**TEAM, "members": 0}).members == 0


CAMPAIGN: dict[str, Any] = {
    "id": "C-1",
    "name": "Ngày cao điểm",
    "organiser": "Tỉnh đoàn Quảng Ngãi",
    "start": D(2023, 3, 26),
    "end": D(2023, 3, 26),
}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": ""}, "id"),
        ({"name": ""}, "name"),
        ({"organiser": "\n"}, "organiser"),
        ({"start": D(2023, 3, 27)}, "end"),
        ({"start": dt.datetime(2023, 3, 26, tzinfo=VIETNAM)}, "start"),
        ({"end": "2023-03-26"}, "end"),
        ({"teams": (Team(**TEAM), Team(**{**TEAM, "name": "khác"}))}, "teams"),
        ({"teams": (Team(**TEAM), TEAM)}, "teams"),
        ({"teams": Team(**TEAM)}, "teams"),
        ({"teams": "T-1"}, "teams"),
        ({"teams": 3}, "teams"),
    ],
)
def test_invalid_campaigns_are_refused_naming_the_field(
    changes: dict[str, Any], field: str
) -> None:
    refused(Campaign, field, **{**CAMPAIGN, **changes})


def test_campaign_members_and_teams() -> None:
    teams = [
        Team(**TEAM),
        Team(**{**TEAM, "id": "T-2", "members": 30}),
        Team(**{**TEAM, "id": "T-3", "members": 0}),
    ]
    campaign = Campaign(**CAMPAIGN, teams=teams)  # type: ignore[arg-type]
    assert campaign.teams == tuple(teams)
    assert campaign.members == 42
    assert campaign.team("T-2") is teams[1]
    with pytest.raises(KeyError):
        campaign.team("T-9")
    assert Campaign(**CAMPAIGN).members == 0
    assert Campaign(**CAMPAIGN).teams == ()


@given(d6st.campaigns())
def test_generated_campaigns_are_valid(campaign: Campaign) -> None:
    assert attrs.evolve(campaign) == campaign
    assert campaign.start <= campaign.end
    ids = [t.id for t in campaign.teams]
    assert len(ids) == len(set(ids))
    assert campaign.members == sum(t.members for t in campaign.teams)


# -- AssistanceEvent ----

EVENT: dict[str, Any] = {
    "campaign": "C-1",
    "kind": AssistanceKind.EID_INSTALLED,
    "count": 25,
    "on": D(2023, 3, 26),
}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"campaign": ""}, "campaign"),
        ({"kind": "EID_INSTALLED"}, "kind"),
        ({"kind": Channel.ONLINE}, "kind"),
        ({"count": -1}, "count"),
        ({"count": False}, "count"),
        ({"count": 2.5}, "count"),
        ({"on": dt.datetime(2023, 3, 26, tzinfo=VIETNAM)}, "on"),
        ({"on": None}, "on"),
        ({"team": ""}, "team"),
        ({"unit": " "}, "unit"),
        ({"service": ""}, "service"),
    ],
)
def test_invalid_events_are_refused_naming_the_field(changes: dict[str, Any], field: str) -> None:
    refused(AssistanceEvent, field, **{**EVENT, **changes})


@given(d6st.assistance_events())
def test_generated_events_are_valid(event: AssistanceEvent) -> None:
    assert attrs.evolve(event) == event
    assert event.count >= 0


# -- DossierCount and AssistanceCount ----

JUNE = Period.month(2023, 6)
COUNT: dict[str, Any] = {
    "service": "D06-06",
    "unit": "53501",
    "month": JUNE,
    "channel": Channel.ONLINE,
    "dossiers": 10,
    "resolved": 8,
    "resolved_with_due": 6,
    "on_time": 5,
    "paid_online": 4,
    "assisted": 3,
}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"service": ""}, "service"),
        ({"unit": ""}, "unit"),
        ({"month": "2023-06"}, "month"),
        ({"month": D(2023, 6, 1)}, "month"),
        ({"month": Period.quarter(2023, 2)}, "month"),
        ({"month": Period(D(2023, 6, 1), D(2023, 6, 29))}, "month"),
        ({"month": Period(D(2023, 6, 2), D(2023, 6, 30))}, "month"),
        ({"channel": "ONLINE"}, "channel"),
        ({"dossiers": -1}, "dossiers"),
        ({"dossiers": 7}, "resolved"),
        ({"resolved": 11}, "resolved"),
        ({"resolved": 5}, "resolved_with_due"),
        ({"resolved_with_due": 9}, "resolved_with_due"),
        ({"resolved_with_due": 4}, "on_time"),
        ({"on_time": 7}, "on_time"),
        ({"on_time": -1}, "on_time"),
        ({"paid_online": 11}, "paid_online"),
        ({"paid_online": -1}, "paid_online"),
        ({"assisted": 11}, "assisted"),
        ({"assisted": True}, "assisted"),
    ],
)
def test_invalid_dossier_counts_are_refused_naming_the_field(
    changes: dict[str, Any], field: str
) -> None:
    refused(DossierCount, field, **{**COUNT, **changes})


def test_dossier_count_defaults_and_bounds() -> None:
    row = DossierCount(service="s", unit="u", month=JUNE, channel=Channel.POSTAL, dossiers=3)
    assert (row.resolved, row.resolved_with_due, row.on_time, row.paid_online, row.assisted) == (
        0,
        0,
        0,
        0,
        0,
    )
    full = DossierCount(
        **{
            **COUNT,
            "resolved": 10,
            "resolved_with_due": 10,
            "on_time": 10,
            "paid_online": 10,
            "assisted": 10,
        }
    )
    assert full.on_time == full.dossiers


@given(d6st.dossier_counts())
def test_generated_dossier_counts_are_valid(row: DossierCount) -> None:
    assert attrs.evolve(row) == row
    assert row.month.is_month
    assert row.on_time <= row.resolved_with_due <= row.resolved <= row.dossiers
    assert row.paid_online <= row.dossiers
    assert row.assisted <= row.dossiers


ASSISTANCE_COUNT: dict[str, Any] = {**EVENT}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"campaign": ""}, "campaign"),
        ({"kind": None}, "kind"),
        ({"on": "2023-03-26"}, "on"),
        ({"count": -5}, "count"),
        ({"team": ""}, "team"),
        ({"unit": ""}, "unit"),
        ({"service": "\t"}, "service"),
    ],
)
def test_invalid_assistance_counts_are_refused_naming_the_field(
    changes: dict[str, Any], field: str
) -> None:
    refused(AssistanceCount, field, **{**ASSISTANCE_COUNT, **changes})


@given(d6st.assistance_counts())
def test_generated_assistance_counts_are_valid(row: AssistanceCount) -> None:
    assert attrs.evolve(row) == row
    assert row.count >= 0


# -- Rate ----


@pytest.mark.parametrize(
    ("numerator", "denominator", "field"),
    [
        (3, 2, "numerator"),
        (1, 0, "numerator"),
        (-1, 2, "numerator"),
        (0, -1, "denominator"),
        (1.0, 2, "numerator"),
        (1, 2.0, "denominator"),
        (True, 2, "numerator"),
        (1, "2", "denominator"),
        (None, 2, "numerator"),
    ],
)
def test_invalid_rates_are_refused_naming_the_field(
    numerator: object, denominator: object, field: str
) -> None:
    with pytest.raises(ValidationError, match=rf"^Rate\.{field}: "):
        Rate(numerator, denominator)  # type: ignore[arg-type]


def test_rate_is_positional_or_keyword() -> None:
    assert Rate(16, 22) == Rate(numerator=16, denominator=22)
    assert Rate(0, 0) == Rate(numerator=0, denominator=0)


# -- every value object: immutable, hashable, equal by fields ----

VALUES = st.one_of(
    d6st.dossiers(),
    d6st.teams(),
    d6st.campaigns(),
    d6st.assistance_events(),
    d6st.dossier_counts(),
    d6st.assistance_counts(),
    d6st.rates(),
    d6st.services(),
    d6st.administrative_units(),
    d6st.periods(),
)


@given(VALUES)
def test_value_objects_are_frozen_hashable_and_equal_by_fields(value: Any) -> None:
    copy = attrs.evolve(value)
    assert copy == value
    assert copy is not value
    assert hash(copy) == hash(value)
    assert len({copy, value}) == 1
    first = attrs.fields(type(value))[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, first.name, getattr(value, first.name))


@pytest.mark.parametrize(
    ("cls", "kwargs"),
    [
        (Dossier, DOSSIER),
        (Team, TEAM),
        (Campaign, CAMPAIGN),
        (AssistanceEvent, EVENT),
        (DossierCount, COUNT),
        (AssistanceCount, ASSISTANCE_COUNT),
    ],
)
def test_keyword_only(cls: type, kwargs: dict[str, Any]) -> None:
    cls(**kwargs)
    with pytest.raises(TypeError):
        cls(*kwargs.values())


@pytest.mark.parametrize(
    ("cls", "kwargs", "field"),
    [
        (Team, {**TEAM, "name": unicodedata.normalize("NFD", " Đội hình Bình Minh\n")}, "name"),
        (Campaign, {**CAMPAIGN, "name": unicodedata.normalize("NFD", "Ngày cao điểm ")}, "name"),
        (AssistanceEvent, {**EVENT, "team": unicodedata.normalize("NFD", " Đội-1 ")}, "team"),
        (DossierCount, {**COUNT, "unit": " 53501\t"}, "unit"),
        (
            AssistanceCount,
            {**ASSISTANCE_COUNT, "service": unicodedata.normalize("NFD", " dịch vụ")},
            "service",
        ),
    ],
)
def test_text_fields_are_nfc_and_stripped(cls: type, kwargs: dict[str, Any], field: str) -> None:
    value = getattr(cls(**kwargs), field)
    assert value == unicodedata.normalize("NFC", kwargs[field]).strip()
    assert value != kwargs[field]
