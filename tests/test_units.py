"""Administrative units and the unit catalogue."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dean06 import (
    AdministrativeUnit,
    DataError,
    Dataset,
    UnitCatalogue,
    UnitLevel,
    ValidationError,
)
from dean06 import strategies as d6st

if TYPE_CHECKING:
    import random

D = dt.date
P, DI, C = UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE


def unit(
    code: str, level: UnitLevel, parent: str | None = None, **extra: Any
) -> AdministrativeUnit:
    return AdministrativeUnit(
        code=code, name=f"Đơn vị {code}", level=level, parent=parent, **extra
    )


# Quảng Ngãi before the reform, a commune placed directly under the province
# after it, and a second province.
QUANG_NGAI = unit("51", P)
BA_TO = unit("535", DI, "51", valid_to=D(2025, 6, 30))
BINH_SON = unit("524", DI, "51", valid_to=D(2025, 6, 30))
BA_TO_TOWN = unit("53501", C, "535")
BA_DINH = unit("53502", C, "535")
BINH_MINH = unit("52401", C, "524")
NEW_COMMUNE = unit("51@2025-07-01", C, "51", valid_from=D(2025, 7, 1), gso_code="51")
KON_TUM = unit("62", P, valid_to=D(2025, 6, 30))
UNITS = [BA_TO_TOWN, QUANG_NGAI, BA_TO, BA_DINH, BINH_SON, BINH_MINH, NEW_COMMUNE, KON_TUM]


@pytest.fixture
def catalogue() -> UnitCatalogue:
    return UnitCatalogue(UNITS)


# -- AdministrativeUnit ----


GOOD: dict[str, Any] = {"code": "535", "name": "Ba Tơ", "level": DI, "parent": "51"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": ""}, "code"),
        ({"code": "  \n"}, "code"),
        ({"code": 535}, "code"),
        ({"code": None}, "code"),
        ({"name": ""}, "name"),
        ({"name": "\t"}, "name"),
        ({"name": b"Ba To"}, "name"),
        ({"level": 2}, "level"),
        ({"level": "DISTRICT"}, "level"),
        ({"level": None}, "level"),
        ({"parent": ""}, "parent"),
        ({"parent": "535"}, "parent"),
        ({"parent": " 535 "}, "parent"),
        ({"parent": 51}, "parent"),
        ({"valid_from": D(2025, 7, 1), "valid_to": D(2025, 6, 30)}, "valid_to"),
        ({"valid_from": dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)}, "valid_from"),
        ({"valid_from": "2020-01-01"}, "valid_from"),
        ({"valid_to": dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)}, "valid_to"),
        ({"valid_to": 2025}, "valid_to"),
        ({"gso_code": ""}, "gso_code"),
        ({"gso_code": 51}, "gso_code"),
    ],
)
def test_invalid_units_are_refused_naming_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError, match=rf"^AdministrativeUnit\.{field}: "):
        AdministrativeUnit(**{**GOOD, **changes})


def test_unit_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        AdministrativeUnit("535", "Ba Tơ", DI)  # type: ignore[call-arg]


def test_unit_text_is_nfc_and_stripped() -> None:
    decomposed = unicodedata.normalize("NFD", " Ba Tơ\n")
    assert decomposed != "Ba Tơ"
    made = AdministrativeUnit(
        code=" 535 ", name=decomposed, level=DI, parent="\t51", gso_code=" 535"
    )
    assert made == AdministrativeUnit(
        code="535", name="Ba Tơ", level=DI, parent="51", gso_code="535"
    )
    assert made.name == "Ba Tơ"
    assert unicodedata.is_normalized("NFC", made.name)


def test_unit_is_immutable_hashable_and_equal_by_fields() -> None:
    assert unit("535", DI, "51", valid_to=D(2025, 6, 30)) == BA_TO
    assert hash(BA_TO) == hash(unit("535", DI, "51", valid_to=D(2025, 6, 30)))
    assert unit("535", DI, "51") != BA_TO
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        BA_TO.name = "Ba Tô"  # type: ignore[misc]


def test_validity_is_inclusive_and_open_ended() -> None:
    assert BA_TO.active_on(D(2025, 6, 30))
    assert not BA_TO.active_on(D(2025, 7, 1))
    assert BA_TO.active_on(D(1990, 1, 1))
    assert not NEW_COMMUNE.active_on(D(2025, 6, 30))
    assert NEW_COMMUNE.active_on(D(2025, 7, 1))
    assert NEW_COMMUNE.active_on(D(2100, 1, 1))
    same_day = unit("x", C, valid_from=D(2024, 1, 1), valid_to=D(2024, 1, 1))
    assert same_day.active_on(D(2024, 1, 1))
    assert not same_day.active_on(D(2023, 12, 31))
    assert not same_day.active_on(D(2024, 1, 2))


@given(d6st.administrative_units(), st.dates())
def test_active_on_matches_the_validity_dates(made: AdministrativeUnit, day: dt.date) -> None:
    after_start = made.valid_from is None or made.valid_from <= day
    before_end = made.valid_to is None or day <= made.valid_to
    assert made.active_on(day) == (after_start and before_end)


@given(d6st.administrative_units())
def test_generated_units_are_valid(made: AdministrativeUnit) -> None:
    assert attrs.evolve(made) == made
    assert made.parent != made.code
    assert made.valid_from is None or made.valid_to is None or made.valid_from <= made.valid_to


# -- UnitCatalogue: the mapping ----


def test_catalogue_is_a_mapping(catalogue: UnitCatalogue) -> None:
    assert len(catalogue) == len(UNITS)
    assert list(catalogue) == [u.code for u in UNITS]
    assert catalogue["535"] is BA_TO
    assert "535" in catalogue
    assert BA_TO in catalogue  # type: ignore[comparison-overlap]
    assert unit("535", DI) not in catalogue  # type: ignore[comparison-overlap]
    assert "999" not in catalogue
    assert catalogue.get("999") is None
    assert dict(catalogue.items())["51"] is QUANG_NGAI
    assert UnitCatalogue(reversed(UNITS)) == catalogue
    assert UnitCatalogue() == UnitCatalogue([])
    assert len(UnitCatalogue()) == 0


@pytest.mark.parametrize("method", ["__getitem__", "parent_of", "ancestors", "descendants"])
def test_unknown_codes_raise_key_error(catalogue: UnitCatalogue, method: str) -> None:
    with pytest.raises(KeyError):
        getattr(catalogue, method)("999")


def test_unknown_code_in_ancestor_at_raises_key_error(catalogue: UnitCatalogue) -> None:
    with pytest.raises(KeyError):
        catalogue.ancestor_at("999", P)


def test_parent_of(catalogue: UnitCatalogue) -> None:
    assert catalogue.parent_of("53501") is BA_TO
    assert catalogue.parent_of("535") is QUANG_NGAI
    assert catalogue.parent_of("51") is None
    assert catalogue.parent_of("51@2025-07-01") is QUANG_NGAI


def test_ancestors_nearest_first(catalogue: UnitCatalogue) -> None:
    assert catalogue.ancestors("53501") == (BA_TO, QUANG_NGAI)
    assert catalogue.ancestors("535") == (QUANG_NGAI,)
    assert catalogue.ancestors("51") == ()
    assert catalogue.ancestors("51@2025-07-01") == (QUANG_NGAI,)


def test_ancestor_at(catalogue: UnitCatalogue) -> None:
    assert catalogue.ancestor_at("53501", P) is QUANG_NGAI
    assert catalogue.ancestor_at("53501", DI) is BA_TO
    assert catalogue.ancestor_at("53501", C) is BA_TO_TOWN  # itself at its level
    assert catalogue.ancestor_at("535", DI) is BA_TO
    assert catalogue.ancestor_at("51", P) is QUANG_NGAI
    assert catalogue.ancestor_at("51", DI) is None  # nothing finer is above
    assert catalogue.ancestor_at("535", C) is None
    assert catalogue.ancestor_at("51@2025-07-01", DI) is None  # no district after 2025
    assert catalogue.ancestor_at("51@2025-07-01", P) is QUANG_NGAI


def test_descendants_and_covering(catalogue: UnitCatalogue) -> None:
    assert set(catalogue.descendants("535")) == {BA_TO_TOWN, BA_DINH}
    assert set(catalogue.descendants("51")) == {
        BA_TO,
        BINH_SON,
        BA_TO_TOWN,
        BA_DINH,
        BINH_MINH,
        NEW_COMMUNE,
    }
    assert catalogue.descendants("53501") == ()
    assert catalogue.descendants("62") == ()
    assert catalogue.covering("535") == {"535", "53501", "53502"}
    assert catalogue.covering("53501") == {"53501"}
    assert catalogue.covering("999") == {"999"}  # unknown: just itself
    assert set(catalogue.children("51")) == {BA_TO, BINH_SON, NEW_COMMUNE}


# -- UnitCatalogue: invalid hierarchies ----


def test_duplicate_codes_are_refused() -> None:
    with pytest.raises(DataError) as info:
        UnitCatalogue([QUANG_NGAI, BA_TO, unit("535", DI, "51")])
    problems = info.value.problems
    assert len(problems) == 1
    assert problems[0].location == "units[2]"
    assert "duplicate" in problems[0].message
    assert "'535'" in problems[0].message


def test_unknown_parents_are_refused() -> None:
    with pytest.raises(DataError) as info:
        UnitCatalogue([QUANG_NGAI, unit("535", DI, "99")])
    (problem,) = info.value.problems
    assert problem.location == "unit '535'"
    assert "unknown parent" in problem.message
    assert "'99'" in problem.message


def test_cycles_are_refused() -> None:
    units = [unit("a", DI, "b"), unit("b", DI, "c"), unit("c", DI, "a")]
    with pytest.raises(DataError) as info:
        UnitCatalogue(units)
    cycles = [p for p in info.value.problems if "cycle" in p.message]
    assert len(cycles) == 1
    assert "a" in cycles[0].message
    assert "b" in cycles[0].message
    assert "c" in cycles[0].message


def test_levels_need_not_follow_the_hierarchy() -> None:
    # API.md rejects duplicates, unknown parents and cycles only: an odd
    # hierarchy (a district under a commune) is data, not a fault.
    catalogue = UnitCatalogue([unit("a", C), unit("b", DI, "a"), unit("c", C, "b")])
    assert [u.code for u in catalogue.ancestors("c")] == ["b", "a"]
    assert catalogue.ancestor_at("c", C) == catalogue["c"]
    assert catalogue.ancestor_at("b", C) == catalogue["a"]
    assert catalogue.ancestor_at("c", UnitLevel.PROVINCE) is None
    assert [u.code for u in catalogue.descendants("a")] == ["b", "c"]


def test_items_must_be_units() -> None:
    with pytest.raises(DataError) as info:
        UnitCatalogue([QUANG_NGAI, "535"])  # type: ignore[list-item]
    assert info.value.problems[0].location == "units[1]"


def test_every_fault_is_reported_at_once() -> None:
    with pytest.raises(DataError) as info:
        UnitCatalogue([QUANG_NGAI, QUANG_NGAI, unit("x", C, "nowhere")])
    assert len(info.value.problems) == 2


# -- UnitCatalogue: properties of generated hierarchies ----


def _walk_up(catalogue: UnitCatalogue, code: str) -> list[str]:
    found = []
    parent = catalogue[code].parent
    while parent is not None:
        found.append(parent)
        parent = catalogue[parent].parent
    return found


@given(d6st.unit_catalogues())
def test_hierarchy_queries_agree(catalogue: UnitCatalogue) -> None:
    for code, made in catalogue.items():
        assert made.code == code
        chain = _walk_up(catalogue, code)
        assert [u.code for u in catalogue.ancestors(code)] == chain
        assert all(catalogue[a].level < made.level for a in chain)
        assert catalogue.parent_of(code) == (catalogue[chain[0]] if chain else None)
        assert catalogue.ancestor_at(code, made.level) is made
        for level in UnitLevel:
            expected = next(
                (catalogue[c] for c in [code, *chain] if catalogue[c].level is level), None
            )
            assert catalogue.ancestor_at(code, level) == expected
        below = {u.code for u in catalogue.descendants(code)}
        assert below == {c for c in catalogue if code in _walk_up(catalogue, c)}
        assert catalogue.covering(code) == below | {code}


@given(d6st.unit_catalogues(), st.randoms(use_true_random=False))
def test_order_of_units_does_not_matter(catalogue: UnitCatalogue, rnd: random.Random) -> None:
    units = list(catalogue.values())
    rnd.shuffle(units)
    again = UnitCatalogue(units)
    assert again == catalogue
    assert {c: again.ancestors(c) for c in again} == {c: catalogue.ancestors(c) for c in catalogue}


@given(d6st.unit_catalogues(max_provinces=1))
def test_adding_a_duplicate_is_always_refused(catalogue: UnitCatalogue) -> None:
    units = list(catalogue.values())
    assume(units)
    with pytest.raises(DataError, match="duplicate"):
        UnitCatalogue([*units, units[0]])


@given(d6st.unit_catalogues())
def test_a_catalogue_is_accepted_where_units_are(catalogue: UnitCatalogue) -> None:
    # Iterating a catalogue gives codes, as a mapping's iteration does; a
    # catalogue passed where units are asked for gives its units.
    assert list(catalogue) == [u.code for u in catalogue.values()]
    assert UnitCatalogue(catalogue) == catalogue
    assert Dataset(units=catalogue).units == tuple(catalogue.values())
