"""Administrative units: provinces, districts and communes, with validity.

Until 30 June 2025 Vietnam had three levels of local government: province
(tỉnh), district (huyện, thị xã, thành phố thuộc tỉnh) and commune (xã,
phường, thị trấn).  From 1 July 2025 (Resolution 202/2025/QH15 and the
resolutions of the National Assembly Standing Committee on commune-level
units) the district level is gone and provinces were merged from 63 to 34.
Data from 2023 therefore names districts that no longer exist, so every
:class:`AdministrativeUnit` carries the dates it was valid, and a
:class:`UnitCatalogue` still rolls history up correctly.

A unit's ``code`` names it for all time.  Where the General Statistics
Office reused a code across the reform, the later unit gets an internal code
such as ``51@2025-07-01`` and keeps the official one in ``gso_code``.

>>> province = AdministrativeUnit(code="51", name="Quảng Ngãi", level=UnitLevel.PROVINCE)
>>> district = AdministrativeUnit(code="535", name="Ba Tơ", level=UnitLevel.DISTRICT,
...                               parent="51", valid_to=dt.date(2025, 6, 30))
>>> catalogue = UnitCatalogue([province, district])
>>> catalogue.ancestor_at("535", UnitLevel.PROVINCE).name
'Quảng Ngãi'
>>> district.active_on(dt.date(2025, 7, 1))
False
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping

import attrs

from dean06._fields import enum_member, fail, opt_date, opt_text, text
from dean06._labels import Labelled, register
from dean06.errors import DataError, Problem

__all__ = ["AdministrativeUnit", "UnitCatalogue", "UnitLevel"]


class UnitLevel(Labelled, enum.IntEnum):
    """The level of an administrative unit, from coarse (PROVINCE) to fine (COMMUNE).

    Since: 0.1.0
    """

    PROVINCE = 1
    DISTRICT = 2
    COMMUNE = 3


register(
    UnitLevel,
    {
        UnitLevel.PROVINCE: ("tỉnh", "province"),
        UnitLevel.DISTRICT: ("huyện", "district"),
        UnitLevel.COMMUNE: ("xã", "commune"),
    },
)


@attrs.frozen(kw_only=True)
class AdministrativeUnit:
    """A province, district or commune, valid over a range of dates.

    Attributes:
        code: the unit's code in dean06, unique for all time (usually the
            GSO code; an internal code such as ``51@2025-07-01`` where the
            official code was reused).
        name: the unit's name, e.g. ``"Ba Tơ"``.
        level: :class:`UnitLevel`.
        parent: the code of the unit it belongs to, or None.
        valid_from: first day the unit existed (inclusive), None if unknown
            or open-ended.
        valid_to: last day the unit existed (inclusive), None if it still
            exists.
        gso_code: the official code of the General Statistics Office, when it
            differs from ``code`` or is worth stating.

    Since: 0.1.0
    """

    code: str = text()
    name: str = text()
    level: UnitLevel = enum_member(UnitLevel)
    parent: str | None = opt_text()
    valid_from: dt.date | None = opt_date()
    valid_to: dt.date | None = opt_date()
    gso_code: str | None = opt_text()

    def __attrs_post_init__(self) -> None:
        if self.parent == self.code:
            raise fail(self, "parent", "a unit cannot be its own parent")
        if (
            self.valid_from is not None
            and self.valid_to is not None
            and self.valid_to < self.valid_from
        ):
            raise fail(self, "valid_to", f"must not be before valid_from ({self.valid_from})")

    def active_on(self, day: dt.date) -> bool:
        """True when the unit existed on *day* (validity dates are inclusive)."""
        if isinstance(day, dt.datetime):
            day = day.date()
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to


class UnitCatalogue(Mapping[str, AdministrativeUnit]):
    """The administrative units of a data set, indexed by code.

    A read-only mapping from code to :class:`AdministrativeUnit`:
    ``catalogue[code]`` returns the unit, ``code in catalogue`` tests for one
    (a unit object is accepted too), iteration yields codes in the order
    given, ``len`` counts units.  An unknown code raises :class:`KeyError`.

    Args:
        units: the units, in any order; a mapping of units (another
            catalogue) gives its values, so ``UnitCatalogue(catalogue)``
            copies one.

    Raises:
        DataError: on a duplicate code, a parent that is not in the
            catalogue, or a cycle.  Levels need not follow the hierarchy:
            :meth:`ancestor_at` walks up whatever the levels.

    Since: 0.1.0
    """

    __slots__ = ("_children", "_units")

    def __init__(
        self, units: Iterable[AdministrativeUnit] | Mapping[str, AdministrativeUnit] = ()
    ) -> None:
        table: dict[str, AdministrativeUnit] = {}
        problems: list[Problem] = []
        if isinstance(units, Mapping):
            units = units.values()
        for index, unit in enumerate(units):
            if not isinstance(unit, AdministrativeUnit):
                problems.append(
                    Problem(f"units[{index}]", f"not an AdministrativeUnit: {type(unit).__name__}")
                )
            elif unit.code in table:
                problems.append(Problem(f"units[{index}]", f"duplicate unit code {unit.code!r}"))
            else:
                table[unit.code] = unit
        children: dict[str, list[str]] = {}
        for unit in table.values():
            if unit.parent is None:
                continue
            parent = table.get(unit.parent)
            if parent is None:
                problems.append(Problem(f"unit {unit.code!r}", f"unknown parent {unit.parent!r}"))
                continue
            children.setdefault(unit.parent, []).append(unit.code)
        problems.extend(_cycles(table))
        if problems:
            raise DataError(problems, summary="invalid unit catalogue")
        self._units = table
        self._children = {code: tuple(kids) for code, kids in children.items()}

    # -- the mapping protocol -----------------------------------------------------

    def __getitem__(self, code: str) -> AdministrativeUnit:
        return self._units[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._units)

    def __len__(self) -> int:
        return len(self._units)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, AdministrativeUnit):
            return self._units.get(item.code) == item
        return item in self._units

    def __repr__(self) -> str:
        return f"UnitCatalogue(<{len(self._units)} units>)"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, UnitCatalogue):
            return self._units == other._units
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    # -- the hierarchy ------------------------------------------------------------

    def parent_of(self, code: str) -> AdministrativeUnit | None:
        """The unit that *code* belongs to, or None for a top-level unit."""
        parent = self._units[code].parent
        return None if parent is None else self._units[parent]

    def ancestors(self, code: str) -> tuple[AdministrativeUnit, ...]:
        """Every unit above *code*, nearest first."""
        found: list[AdministrativeUnit] = []
        parent = self._units[code].parent
        while parent is not None:
            unit = self._units[parent]
            found.append(unit)
            parent = unit.parent
        return tuple(found)

    def ancestor_at(self, code: str, level: UnitLevel) -> AdministrativeUnit | None:
        """The unit at *level* that contains *code*.

        The unit itself when it is at that level; None when it has no
        ancestor at that level (a province has no district above it; after
        the 2025 reform a commune has none either).
        """
        unit = self._units[code]
        while unit.level != level:
            if unit.parent is None:
                return None
            unit = self._units[unit.parent]
        return unit

    def children(self, code: str) -> tuple[AdministrativeUnit, ...]:
        """The units whose parent is *code*, in catalogue order."""
        if code not in self._units:
            raise KeyError(code)
        return tuple(self._units[c] for c in self._children.get(code, ()))

    def descendants(self, code: str) -> tuple[AdministrativeUnit, ...]:
        """Every unit below *code* (children, their children, ...), depth first."""
        if code not in self._units:
            raise KeyError(code)
        found: list[AdministrativeUnit] = []
        stack = list(reversed(self._children.get(code, ())))
        while stack:
            child = stack.pop()
            found.append(self._units[child])
            stack.extend(reversed(self._children.get(child, ())))
        return tuple(found)

    def covering(self, code: str) -> frozenset[str]:
        """*code* and the codes of all its descendants; just *code* if unknown here.

        This is the set a unit filter selects: a district's code covers its
        communes.
        """
        if code not in self._units:
            return frozenset((code,))
        return frozenset((code, *(u.code for u in self.descendants(code))))

    def at_level(self, level: UnitLevel) -> tuple[AdministrativeUnit, ...]:
        """Every unit at *level*, in catalogue order."""
        return tuple(u for u in self._units.values() if u.level == level)

    def active_on(self, day: dt.date) -> tuple[AdministrativeUnit, ...]:
        """Every unit that existed on *day*, in catalogue order."""
        return tuple(u for u in self._units.values() if u.active_on(day))


def _cycles(table: Mapping[str, AdministrativeUnit]) -> list[Problem]:
    problems: list[Problem] = []
    settled: set[str] = set()
    for start in table:
        path: list[str] = []
        on_path: set[str] = set()
        code: str | None = start
        while code is not None and code in table and code not in settled:
            if code in on_path:
                cycle = [*path[path.index(code) :], code]
                problems.append(
                    Problem(f"unit {code!r}", "parents form a cycle: " + " → ".join(cycle))
                )
                break
            path.append(code)
            on_path.add(code)
            code = table[code].parent
        settled.update(path)
    return problems
