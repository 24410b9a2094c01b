"""Dossiers (hồ sơ): one application for one service by one applicant.

A dossier is filed through a :class:`Channel` (online, at a counter, or by
public post), received at a moment, and eventually resolved (or rejected,
or withdrawn).  dean06 keeps no personal data about the applicant: a dossier
is a code, a service, a unit, a channel and its dates.

All times are timezone-aware.  Vietnam keeps UTC+07:00, and every date
bucket (months, periods) uses the local date there; ``on_time`` compares
instants, so time zones never change the answer.

>>> from dean06.periods import VIETNAM
>>> import datetime as dt
>>> d = Dossier(id="HS-1", service="D06-06", unit="535", channel=Channel.ONLINE,
...             received=dt.datetime(2023, 6, 30, 23, 30, tzinfo=VIETNAM),
...             status=DossierStatus.RESOLVED,
...             resolved=dt.datetime(2023, 7, 1, 9, 0, tzinfo=VIETNAM),
...             due=dt.datetime(2023, 7, 3, 17, 0, tzinfo=VIETNAM))
>>> d.on_time
True
"""

from __future__ import annotations

import datetime as dt

import attrs

from dean06._fields import (
    aware_datetime,
    enum_member,
    fail,
    flag,
    opt_aware_datetime,
    opt_flag,
    text,
)
from dean06._labels import LabelledEnum, register

__all__ = ["Channel", "Dossier", "DossierStatus"]


class Channel(LabelledEnum):
    """How a dossier was filed.

    Since: 0.1.0
    """

    ONLINE = "ONLINE"
    IN_PERSON = "IN_PERSON"
    POSTAL = "POSTAL"


register(
    Channel,
    {
        Channel.ONLINE: ("Trực tuyến", "Online"),
        Channel.IN_PERSON: ("Trực tiếp", "In person"),
        Channel.POSTAL: ("Bưu chính công ích", "Public postal service"),
    },
)


class DossierStatus(LabelledEnum):
    """Where a dossier is in its life.

    ``RESOLVED`` and ``REJECTED`` are the two ends of processing (both count
    as "resolved" in tallies: the agency has finished with the dossier);
    ``WITHDRAWN`` means the applicant took it back.

    Since: 0.1.0
    """

    RECEIVED = "RECEIVED"
    IN_PROGRESS = "IN_PROGRESS"
    RESOLVED = "RESOLVED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"

    @property
    def ended(self) -> bool:
        """True for RESOLVED and REJECTED: processing ended, with an end time."""
        return self in _ENDED


_ENDED = frozenset((DossierStatus.RESOLVED, DossierStatus.REJECTED))

register(
    DossierStatus,
    {
        DossierStatus.RECEIVED: ("Đã tiếp nhận", "Received"),
        DossierStatus.IN_PROGRESS: ("Đang xử lý", "In progress"),
        DossierStatus.RESOLVED: ("Đã giải quyết", "Resolved"),
        DossierStatus.REJECTED: ("Từ chối", "Rejected"),
        DossierStatus.WITHDRAWN: ("Rút hồ sơ", "Withdrawn"),
    },
)


@attrs.frozen(kw_only=True)
class Dossier:
    """One application (hồ sơ) for one service, filed in one unit through one channel.

    Attributes:
        id: the dossier's code (mã hồ sơ).  Not a personal identifier.
        service: the code of the :class:`~dean06.Service`.
        unit: the code of the :class:`~dean06.AdministrativeUnit` that
            received it.
        channel: :class:`Channel`.
        received: when it was received (timezone-aware).
        status: :class:`DossierStatus`.
        resolved: when processing ended; set exactly when the status is
            RESOLVED or REJECTED; not before ``received``.
        due: the promised date of the result (ngày hẹn trả); not before
            ``received``.
        paid_online: True when fees were paid online, False when not, None
            when unknown (or no fee).
        assisted: True when filed with a volunteer's help.

    Since: 0.1.0
    """

    id: str = text()
    service: str = text()
    unit: str = text()
    channel: Channel = enum_member(Channel)
    received: dt.datetime = aware_datetime()
    status: DossierStatus = enum_member(DossierStatus, default=DossierStatus.RECEIVED)
    resolved: dt.datetime | None = opt_aware_datetime()
    due: dt.datetime | None = opt_aware_datetime()
    paid_online: bool | None = opt_flag()
    assisted: bool = flag(default=False)

    def __attrs_post_init__(self) -> None:
        resolved = self.resolved
        if resolved is None:
            if self.status in _ENDED:
                raise fail(self, "resolved", f"must be set when the status is {self.status.name}")
        else:
            if self.status not in _ENDED:
                raise fail(
                    self,
                    "resolved",
                    f"must be None when the status is {self.status.name} "
                    "(only RESOLVED and REJECTED dossiers have ended)",
                )
            if resolved < self.received:
                raise fail(self, "resolved", "must not be before received")
        if self.due is not None and self.due < self.received:
            raise fail(self, "due", "must not be before received")

    @property
    def on_time(self) -> bool | None:
        """``resolved <= due`` compared as instants; None when unresolved or without a due date."""
        if self.resolved is None or self.due is None:
            return None
        return self.resolved <= self.due

    @property
    def online(self) -> bool:
        """True when the dossier was filed online."""
        return self.channel is Channel.ONLINE
