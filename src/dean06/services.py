"""Public services, their online modes, and the 25 essential services of Project 06.

**Online modes.**  Decree 43/2011/NĐ-CP graded online public services from
level 1 (information only) to level 4 (fully online, payment and result
included).  Decree 42/2022/NĐ-CP, Article 11, replaced the grades with two
kinds: *toàn trình* (full: the whole procedure online, the result online or
by public post) and *một phần* (partial: anything less).  The common reading,
used by :meth:`OnlineMode.from_legacy_level`, is that old level 3 is partial,
old level 4 is full, and old levels 1 and 2 are not online services.

**Essential services.**  Decision 06/QĐ-TTg (6 January 2022) lists 25
priority essential procedures; Directive 24/CT-TTg (13 September 2025) made
them online-only from 1 October 2025.  :func:`essential_services` returns
them with dean06's internal codes ``D06-01`` to ``D06-25`` (not official
codes) and, where a public mirror of the national procedures database lists
one, the national procedure code (mã TTHC), which is **unconfirmed**.

>>> OnlineMode.from_legacy_level(4)
<OnlineMode.FULL: 2>
>>> OnlineMode.from_legacy_level(5)
Traceback (most recent call last):
...
dean06.errors.ValidationError: OnlineMode.from_legacy_level: ...
>>> [s.code for s in essential_services()][:3]
['D06-01', 'D06-02', 'D06-03']
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from functools import cache
from typing import Any

import attrs

from dean06._fields import enum_member, fail, flag, opt_text, text
from dean06._labels import Labelled, check_lang, register
from dean06._text import normalise_text
from dean06.errors import ValidationError
from dean06.identity import IdentityLevel

__all__ = ["OnlineMode", "Service", "essential_services"]


class OnlineMode(Labelled, enum.IntEnum):
    """How far a service can be done online (Decree 42/2022/NĐ-CP, Art. 11), ordered.

    ``NONE < PARTIAL < FULL``.

    Since: 0.1.0
    """

    NONE = 0
    PARTIAL = 1
    FULL = 2

    @classmethod
    def from_legacy_level(cls, level: int) -> OnlineMode:
        """Map a Decree 43/2011 service level (1 to 4) to the current mode.

        Levels 1 and 2 give ``NONE``, 3 gives ``PARTIAL``, 4 gives ``FULL``.

        Raises:
            ValidationError: for any other value.
        """
        if type(level) is int and 1 <= level <= 4:
            return _LEGACY[level]
        msg = f"OnlineMode.from_legacy_level: level must be 1, 2, 3 or 4, not {level!r}"
        raise ValidationError(msg)


_LEGACY = {1: OnlineMode.NONE, 2: OnlineMode.NONE, 3: OnlineMode.PARTIAL, 4: OnlineMode.FULL}

register(
    OnlineMode,
    {
        OnlineMode.NONE: ("không trực tuyến", "not online"),
        OnlineMode.PARTIAL: ("trực tuyến một phần", "partially online"),
        OnlineMode.FULL: ("trực tuyến toàn trình", "fully online"),
    },
)


def _to_codes(value: object, instance: object, field: attrs.Attribute[Any]) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise fail(instance, field.name, "must be a sequence of codes (a tuple of text)")
    codes: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise fail(instance, field.name, f"every code must be text, not {type(item).__name__}")
        code = normalise_text(item)
        if not code:
            raise fail(instance, field.name, "codes must not be empty")
        if code in codes:
            raise fail(instance, field.name, f"duplicate code {code!r}")
        codes.append(code)
    return tuple(codes)


def _codes_field() -> Any:
    return attrs.field(
        default=(), converter=attrs.Converter(_to_codes, takes_self=True, takes_field=True)
    )


@attrs.frozen(kw_only=True)
class Service:
    """A public service (an administrative procedure offered to citizens).

    Attributes:
        code: the service's code in the data set (an internal code such as
            ``D06-21``, or a national procedure code).
        name: the Vietnamese name.
        agency: the agency responsible for it.
        essential: True for one of the 25 essential services of Project 06.
        online_mode: :class:`OnlineMode`; FULL unless known otherwise.
        min_identity: the e-ID level an online filing needs.
        name_en: an English name, if known.
        national_codes: the national procedure codes (mã TTHC) that denote
            this service; a reader maps them to ``code``.
        local_totals: False for a service run on a national system, whose
            online dossiers the province sees but whose totals it does not;
            per-service rate figures leave such services out.

    Since: 0.1.0
    """

    code: str = text()
    name: str = text()
    agency: str = text()
    essential: bool = flag(default=False)
    online_mode: OnlineMode = enum_member(OnlineMode, default=OnlineMode.FULL)
    min_identity: IdentityLevel = enum_member(IdentityLevel, default=IdentityLevel.NONE)
    name_en: str | None = opt_text()
    national_codes: tuple[str, ...] = _codes_field()
    local_totals: bool = flag(default=True)

    def name_in(self, lang: str = "vi") -> str:
        """The service's name in *lang* (``"vi"`` or ``"en"``; English falls back to vi)."""
        if check_lang(lang) == 1 and self.name_en is not None:
            return self.name_en
        return self.name


@cache
def _catalogue() -> tuple[Service, ...]:
    # Imported here: importlib.resources pulls in pathlib, tempfile and more,
    # which `import dean06` does not need.
    import json  # noqa: PLC0415
    from importlib import resources  # noqa: PLC0415

    raw = resources.files("dean06").joinpath("data/essential_services.json").read_text("utf-8")
    document = json.loads(raw)
    return tuple(
        Service(
            code=entry["code"],
            name=entry["name"],
            name_en=entry["name_en"],
            agency=entry["agency"],
            essential=True,
            online_mode=OnlineMode.FULL,
            national_codes=tuple(entry["national_codes"]),
        )
        for entry in document["services"]
    )


def essential_services() -> tuple[Service, ...]:
    """The 25 essential public services of Project 06, in the order of Decision 06/QĐ-TTg.

    Codes are dean06's internal ``D06-01`` to ``D06-25``; ``national_codes``
    hold the national procedure codes where a public mirror lists them
    (unconfirmed: verify before relying on them).  Every service is
    ``essential=True``, ``online_mode=FULL`` and ``local_totals=True``; a
    data set that sees only part of a service's dossiers sets
    ``local_totals=False`` on its own copy (``attrs.evolve``).

    Since: 0.1.0
    """
    return _catalogue()
