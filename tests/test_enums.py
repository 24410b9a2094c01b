"""Enumerations: labels in both languages, orders, and the legacy online levels."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dean06 import (
    AssistanceKind,
    Channel,
    DossierStatus,
    IdentityLevel,
    OnlineMode,
    Trend,
    UnitLevel,
    ValidationError,
)

if TYPE_CHECKING:
    import enum

ENUMS: list[type[enum.Enum]] = [
    IdentityLevel,
    OnlineMode,
    Channel,
    DossierStatus,
    AssistanceKind,
    UnitLevel,
    Trend,
]


def _label(member: enum.Enum, lang: str) -> str:
    label = member.label(lang)  # type: ignore[attr-defined]
    assert isinstance(label, str)
    return label


@pytest.mark.parametrize("cls", ENUMS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_member_has_a_distinct_label(cls: type[enum.Enum], lang: str) -> None:
    labels = [_label(member, lang) for member in cls]
    assert all(label.strip() == label and label for label in labels)
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize("cls", ENUMS, ids=lambda c: c.__name__)
def test_default_language_is_vietnamese(cls: type[enum.Enum]) -> None:
    for member in cls:
        assert member.label() == _label(member, "vi")  # type: ignore[attr-defined]


@pytest.mark.parametrize("cls", ENUMS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("lang", ["fr", "", "zh", "vietnamese"])
def test_other_languages_are_refused(cls: type[enum.Enum], lang: str) -> None:
    for member in cls:
        with pytest.raises(ValidationError, match="lang"):
            member.label(lang)  # type: ignore[attr-defined]


def test_known_vietnamese_labels() -> None:
    assert Channel.ONLINE.label() == "Trực tuyến"
    assert Channel.IN_PERSON.label() == "Trực tiếp"
    assert Channel.POSTAL.label() == "Bưu chính công ích"
    assert OnlineMode.FULL.label("vi") == "trực tuyến toàn trình"
    assert OnlineMode.PARTIAL.label("vi") == "trực tuyến một phần"
    assert IdentityLevel.LEVEL_2.label("vi") == "mức độ 2"


def test_members_required_by_the_api() -> None:
    assert [m.name for m in IdentityLevel] == ["NONE", "LEVEL_1", "LEVEL_2"]
    assert [int(m) for m in IdentityLevel] == [0, 1, 2]
    assert [m.name for m in OnlineMode] == ["NONE", "PARTIAL", "FULL"]
    assert [m.name for m in Channel] == ["ONLINE", "IN_PERSON", "POSTAL"]
    assert [m.name for m in DossierStatus] == [
        "RECEIVED",
        "IN_PROGRESS",
        "RESOLVED",
        "REJECTED",
        "WITHDRAWN",
    ]
    assert {m.name for m in AssistanceKind} >= {
        "PROCEDURE_RESOLVED",
        "ONLINE_SERVICE_GUIDED",
        "EID_INSTALLED",
        "EID_LEVEL1_ACTIVATED",
        "EID_LEVEL2_APPLICATION",
        "EID_LEVEL2_ACTIVATED",
        "OUTREACH",
        "BANK_ACCOUNT_OPENED",
        "EWALLET_CREATED",
        "TAX_FILED_ONLINE",
        "SITE_DIGITISED",
    }
    assert [m.name for m in UnitLevel] == ["PROVINCE", "DISTRICT", "COMMUNE"]
    assert [m.name for m in Trend] == ["RISING", "FALLING", "FLAT", "MIXED", "UNKNOWN"]


def test_orders() -> None:
    assert IdentityLevel.NONE < IdentityLevel.LEVEL_1 < IdentityLevel.LEVEL_2
    assert OnlineMode.NONE < OnlineMode.PARTIAL < OnlineMode.FULL
    assert UnitLevel.PROVINCE < UnitLevel.DISTRICT < UnitLevel.COMMUNE


@given(st.sampled_from(IdentityLevel), st.sampled_from(IdentityLevel))
def test_identity_level_satisfies_is_the_order(
    level: IdentityLevel, required: IdentityLevel
) -> None:
    assert level.satisfies(required) is (level >= required)
    assert level.satisfies(required) is (level.value >= required.value)


def test_identity_level_satisfies_examples() -> None:
    assert IdentityLevel.LEVEL_2.satisfies(IdentityLevel.LEVEL_1)
    assert IdentityLevel.LEVEL_1.satisfies(IdentityLevel.LEVEL_1)
    assert not IdentityLevel.LEVEL_1.satisfies(IdentityLevel.LEVEL_2)
    assert IdentityLevel.NONE.satisfies(IdentityLevel.NONE)
    assert not IdentityLevel.NONE.satisfies(IdentityLevel.LEVEL_1)


@pytest.mark.parametrize(
    ("level", "mode"),
    [(1, OnlineMode.NONE), (2, OnlineMode.NONE), (3, OnlineMode.PARTIAL), (4, OnlineMode.FULL)],
)
def test_from_legacy_level(level: int, mode: OnlineMode) -> None:
    assert OnlineMode.from_legacy_level(level) is mode


@pytest.mark.parametrize("level", [0, 5, -1, "3", 3.0, True, None, 4.0])
def test_from_legacy_level_refuses_anything_else(level: object) -> None:
    with pytest.raises(ValidationError, match="from_legacy_level"):
        OnlineMode.from_legacy_level(level)  # type: ignore[arg-type]


@given(st.integers().filter(lambda n: not 1 <= n <= 4))
def test_from_legacy_level_refuses_every_other_integer(level: int) -> None:
    with pytest.raises(ValidationError):
        OnlineMode.from_legacy_level(level)
