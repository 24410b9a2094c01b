"""Hypothesis strategies for the I/O tests: valid value objects holding hard text.

Local to the I/O tests on purpose (``dean06.strategies`` is written
separately).  Every text field may hold Vietnamese with diacritics (composed
or decomposed), commas, double quotes, newlines and carriage returns, tabs,
and may start with what a spreadsheet runs as a formula (``= + - @``) or
with an apostrophe.  Values are built through the constructors, so they are
stored as the value objects store them (NFC, stripped).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from dean06 import (
    AdministrativeUnit,
    AssistanceEvent,
    AssistanceKind,
    Campaign,
    Channel,
    Dossier,
    DossierStatus,
    IdentityLevel,
    OnlineMode,
    Service,
    Team,
    UnitLevel,
)
from dean06 import io as d6io

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "HARD_TEXTS",
    "KINDS",
    "aware_datetimes",
    "campaigns",
    "dossiers",
    "events",
    "hard_text",
    "records_of",
    "services",
    "teams",
    "units",
]

#: Fragments a careless CSV or JSON writer gets wrong.
HARD_TEXTS = (
    "Nguyễn Thị Ánh",
    "Đăng ký khai sinh, thường trú",
    'Đội hình "Tuổi trẻ"',
    "dòng 1\ndòng 2",
    "xuống\r\ndòng",
    "chỉ\rCR",
    "=SUM(A1:A9)",
    "+84 là mã",
    "-1",
    "@admin",
    "'trích dẫn",
    "''hai dấu",
    "a\tb",
    "Hòa",  # composed
    unicodedata.normalize("NFD", "Quảng Ngãi"),  # decomposed
    "phẩy, chấm; chấm phẩy",
    "\\ gạch ngược \\;",
    "ký tự Ǹ ǹ ẞ ﬁ",
    "'",
    "=",
    "emoji 🇻🇳",
    "khoảng\u00a0trắng\u2028dòng",
)

_ALPHABET = st.characters(
    exclude_categories=["Cs"],  # surrogates cannot be encoded
    exclude_characters="\x00",  # Python 3.10's csv refuses NUL
)


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


@st.composite
def _hard_text(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.one_of(st.sampled_from(HARD_TEXTS), st.text(_ALPHABET, min_size=1, max_size=8)),
            min_size=1,
            max_size=3,
        )
    )
    prefix = draw(st.sampled_from(("", "", "=", "+", "-", "@", "'", "\t")))
    text = prefix + "".join(parts)
    if not _clean(text):
        text = "x" + text
    return text


def hard_text() -> st.SearchStrategy[str]:
    """Non-empty text (after NFC and stripping) full of hard characters."""
    return _hard_text().filter(lambda t: bool(_clean(t)))


def _optional(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), strategy)


#: Fixed offsets from UTC-12:00 to UTC+14:00, seconds and all.
_ZONES = st.one_of(
    st.just(dt.timezone(dt.timedelta(hours=7))),
    st.just(dt.timezone.utc),
    st.integers(-12 * 3600, 14 * 3600).map(lambda s: dt.timezone(dt.timedelta(seconds=s))),
)


def aware_datetimes() -> st.SearchStrategy[dt.datetime]:
    """Timezone-aware date-times with fixed offsets, microseconds included."""
    return st.datetimes(
        min_value=dt.datetime(1990, 1, 1),  # noqa: DTZ001 - bounds for aware values
        max_value=dt.datetime(2060, 12, 31),  # noqa: DTZ001
        timezones=_ZONES,
    )


def _dates() -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def services(draw: st.DrawFn) -> Service:
    """A valid :class:`~dean06.Service`."""
    codes = draw(st.lists(hard_text(), max_size=3, unique_by=_clean))
    return Service(
        code=draw(hard_text()),
        name=draw(hard_text()),
        agency=draw(hard_text()),
        essential=draw(st.booleans()),
        online_mode=draw(st.sampled_from(OnlineMode)),
        min_identity=draw(st.sampled_from(IdentityLevel)),
        name_en=draw(_optional(hard_text())),
        national_codes=tuple(codes),
        local_totals=draw(st.booleans()),
    )


@st.composite
def units(draw: st.DrawFn) -> AdministrativeUnit:
    """A valid :class:`~dean06.AdministrativeUnit`."""
    code = draw(hard_text())
    parent = draw(_optional(hard_text().filter(lambda p: _clean(p) != _clean(code))))
    first = draw(st.none() | _dates())
    last = draw(st.none() | _dates())
    if first is not None and last is not None and last < first:
        first, last = last, first
    return AdministrativeUnit(
        code=code,
        name=draw(hard_text()),
        level=draw(st.sampled_from(UnitLevel)),
        parent=parent,
        valid_from=first,
        valid_to=last,
        gso_code=draw(_optional(hard_text())),
    )


@st.composite
def dossiers(draw: st.DrawFn) -> Dossier:
    """A valid :class:`~dean06.Dossier` (resolved exactly when ended, never early)."""
    received = draw(aware_datetimes())
    status = draw(st.sampled_from(DossierStatus))
    resolved = None
    if status in (DossierStatus.RESOLVED, DossierStatus.REJECTED):
        resolved = received + draw(st.timedeltas(dt.timedelta(0), dt.timedelta(days=400)))
        resolved = resolved.astimezone(draw(_ZONES))
    due = draw(
        st.none()
        | st.timedeltas(dt.timedelta(0), dt.timedelta(days=60)).map(lambda d: received + d)
    )
    return Dossier(
        id=draw(hard_text()),
        service=draw(hard_text()),
        unit=draw(hard_text()),
        channel=draw(st.sampled_from(Channel)),
        received=received,
        status=status,
        resolved=resolved,
        due=due,
        paid_online=draw(st.none() | st.booleans()),
        assisted=draw(st.booleans()),
    )


@st.composite
def teams(draw: st.DrawFn) -> Team:
    """A valid :class:`~dean06.Team`."""
    return Team(
        id=draw(hard_text()),
        name=draw(hard_text()),
        organisation=draw(hard_text()),
        members=draw(st.integers(0, 10**6)),
        unit=draw(_optional(hard_text())),
    )


@st.composite
def campaigns(draw: st.DrawFn) -> Campaign:
    """A valid :class:`~dean06.Campaign` with 0 to 2 teams of distinct ids."""
    start = draw(_dates())
    end = start + draw(st.timedeltas(dt.timedelta(0), dt.timedelta(days=365)))
    return Campaign(
        id=draw(hard_text()),
        name=draw(hard_text()),
        organiser=draw(hard_text()),
        start=start,
        end=end,
        teams=tuple(draw(st.lists(teams(), max_size=2, unique_by=lambda t: t.id))),
    )


@st.composite
def events(draw: st.DrawFn) -> AssistanceEvent:
    """A valid :class:`~dean06.AssistanceEvent`."""
    return AssistanceEvent(
        campaign=draw(hard_text()),
        kind=draw(st.sampled_from(AssistanceKind)),
        count=draw(st.integers(0, 10**6)),
        on=draw(_dates()),
        team=draw(_optional(hard_text())),
        unit=draw(_optional(hard_text())),
        service=draw(_optional(hard_text())),
    )


#: Record kind -> strategy of one record.
KINDS: dict[str, Callable[[], st.SearchStrategy[object]]] = {
    "services": services,
    "units": units,
    "dossiers": dossiers,
    "teams": teams,
    "campaigns": campaigns,
    "events": events,
}


def records_of(kind: str, *, max_size: int = 3) -> st.SearchStrategy[list[object]]:
    """Lists of records of *kind*; campaigns get distinct ids (CSV joins teams by id)."""
    strategy = KINDS[kind]()
    if kind == "campaigns":
        return st.lists(strategy, max_size=max_size, unique_by=lambda c: c.id)  # type: ignore[attr-defined]
    return st.lists(strategy, max_size=max_size)


#: The reader and the writer of each record kind.
READERS: dict[str, Any] = {
    "services": d6io.read_services,
    "units": d6io.read_units,
    "dossiers": d6io.read_dossiers,
    "teams": d6io.read_teams,
    "campaigns": d6io.read_campaigns,
    "events": d6io.read_events,
}
WRITERS: dict[str, Any] = {
    "services": d6io.write_services,
    "units": d6io.write_units,
    "dossiers": d6io.write_dossiers,
    "teams": d6io.write_teams,
    "campaigns": d6io.write_campaigns,
    "events": d6io.write_events,
}
