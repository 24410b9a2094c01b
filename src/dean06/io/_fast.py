"""Counting valid CSV dossier rows straight into a tally's table (internal).

Reading a million dossiers into objects only to count them costs most of
the time: ``DossierTally.of(read_dossiers("big.csv"))`` instead hands each
row's values to :func:`dossier_counter`, which checks them against the same
rules as :class:`~dean06.Dossier` and counts them without building one.  A
row it is not sure of (anything unusual: a Vietnamese label, a day-first
date, a naive time, a fault) is declined, and the reader builds it the usual
way, so faults are found and located exactly as :func:`read_dossiers` finds
them, and the counts equal ``DossierTally.of`` over the built objects.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from dean06.dossiers import Channel, DossierStatus
from dean06.periods import VIETNAM

if TYPE_CHECKING:
    from collections.abc import Callable

    from dean06.io._csvio import Header

__all__ = ["dossier_counter"]

_SEVEN_HOURS = dt.timedelta(hours=7)
_CHANNELS = {member.name: member for member in Channel}
_STATUSES = {member.name: member for member in DossierStatus}
_ENDED = frozenset((DossierStatus.RESOLVED, DossierStatus.REJECTED))
_FLAGS = {"true": True, "false": False}


def dossier_counter(  # noqa: PLR0915 - one hot path: a call costs more than a line
    table: dict[Any, list[int]],
) -> Callable[[list[str], Header], bool]:
    """A row consumer: counts a valid, plainly written dossier row into *table*.

    It takes a row's raw cells and the file's header; returns True when it
    counted the row, False to decline it (the reader then builds the row the
    usual way).  Cells with a leading apostrophe or surrounding blanks are
    declined too: the full path cleans them.
    """
    get = table.get
    fromiso = dt.datetime.fromisoformat
    local_tz: dt.tzinfo = VIETNAM
    fixed = dt.timezone
    positions: dict[int, tuple[int | None, ...]] = {}
    fields = ("id", "service", "unit", "channel", "received", "status", "resolved", "due",
              "paid_online", "assisted")  # fmt: skip

    def moment(text: str) -> dt.datetime | None:
        # ISO 8601 with an offset, as dean06 and most systems write it;
        # anything else is left to the full parser.
        if len(text) < 20:
            return None
        try:
            value = fromiso(text)
        except ValueError:
            return None
        return value if value.tzinfo is not None else None

    def count(row: list[str], header: Header) -> bool:
        nonlocal local_tz
        where = positions.get(id(header))
        if where is None:
            where = positions[id(header)] = tuple(header.position(f) for f in fields)
        if len(row) < len(header.fields):
            return False
        cells = ["" if i is None else row[i] for i in where]
        for cell in cells:
            if cell and (cell[0] in " '\t" or cell[-1] in " \t\r\n"):
                return False  # needs cleaning: the full path does it
        ident, service, unit, channel_text, received_text = cells[:5]
        status_text, resolved_text, due_text, paid_text, assisted_text = cells[5:]
        if not (ident and service and unit):
            return False
        if not (ident.isascii() and service.isascii() and unit.isascii()):
            return False  # non-ASCII codes are NFC-normalised by the full path
        channel = _CHANNELS.get(channel_text)
        status = _STATUSES.get(status_text or "RECEIVED")
        received = moment(received_text)
        if channel is None or status is None or received is None:
            return False
        resolved = moment(resolved_text) if resolved_text else None
        due = moment(due_text) if due_text else None
        if (resolved_text and resolved is None) or (due_text and due is None):
            return False
        if (resolved is not None) != (status in _ENDED):
            return False
        if (resolved is not None and resolved < received) or (due is not None and due < received):
            return False
        paid = _FLAGS.get(paid_text) if paid_text else None
        if paid_text and paid is None:
            return False
        assisted = _FLAGS.get(assisted_text) if assisted_text else False
        if assisted is None:
            return False
        tz = received.tzinfo
        if tz is local_tz:
            month = received.year * 12 + received.month - 1
        elif type(tz) is fixed and tz.utcoffset(None) == _SEVEN_HOURS:
            local_tz = tz
            month = received.year * 12 + received.month - 1
        else:
            local = received - received.utcoffset() + _SEVEN_HOURS  # type: ignore[operator]
            month = local.year * 12 + local.month - 1
        key = (service, unit, month, channel)
        counts = get(key)
        if counts is None:
            counts = table[key] = [0, 0, 0, 0, 0, 0]
        counts[0] += 1
        if resolved is not None:
            counts[1] += 1
            if due is not None:
                counts[2] += 1
                if resolved <= due:
                    counts[3] += 1
        if paid is True:
            counts[4] += 1
        if assisted:
            counts[5] += 1
        return True

    return count
