"""Youth-union campaigns, their volunteer teams, and the help they give.

The Hồ Chí Minh Communist Youth Union runs campaigns (chiến dịch) such as a
"peak day" for online public services or the summer volunteer campaign.
Each campaign fields volunteer teams (đội hình) of union members and young
people (đoàn viên, thanh niên, ĐVTN), and each team records the help it gave
as :class:`AssistanceEvent` counts in person-times (lượt): a count of
occurrences, not of distinct people.

>>> import datetime as dt
>>> team = Team(id="T-1", name="Đội hình xã Bình Minh", organisation="Tỉnh đoàn", members=12)
>>> c = Campaign(id="C-1", name="Ngày cao điểm", organiser="Tỉnh đoàn",
...              start=dt.date(2023, 3, 26), end=dt.date(2023, 3, 26), teams=(team,))
>>> c.members
12
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from dean06._fields import count, enum_member, fail, opt_text, plain_date, text
from dean06._labels import LabelledEnum, register

__all__ = ["AssistanceEvent", "AssistanceKind", "Campaign", "Team"]


class AssistanceKind(LabelledEnum):
    """A kind of help that volunteers give citizens.

    Since: 0.1.0
    """

    PROCEDURE_RESOLVED = "PROCEDURE_RESOLVED"
    ONLINE_SERVICE_GUIDED = "ONLINE_SERVICE_GUIDED"
    EID_INSTALLED = "EID_INSTALLED"
    EID_LEVEL1_ACTIVATED = "EID_LEVEL1_ACTIVATED"
    EID_LEVEL2_APPLICATION = "EID_LEVEL2_APPLICATION"
    EID_LEVEL2_ACTIVATED = "EID_LEVEL2_ACTIVATED"
    OUTREACH = "OUTREACH"
    BANK_ACCOUNT_OPENED = "BANK_ACCOUNT_OPENED"
    EWALLET_CREATED = "EWALLET_CREATED"
    TAX_FILED_ONLINE = "TAX_FILED_ONLINE"
    SITE_DIGITISED = "SITE_DIGITISED"


register(
    AssistanceKind,
    {
        AssistanceKind.PROCEDURE_RESOLVED: (
            "hỗ trợ giải quyết thủ tục hành chính",
            "administrative procedures resolved with help",
        ),
        AssistanceKind.ONLINE_SERVICE_GUIDED: (
            "hướng dẫn thực hiện dịch vụ công trực tuyến",
            "people guided through online services",
        ),
        AssistanceKind.EID_INSTALLED: (
            "cài đặt định danh điện tử",
            "e-ID installations",
        ),
        AssistanceKind.EID_LEVEL1_ACTIVATED: (
            "kích hoạt định danh điện tử mức độ 1",
            "level-1 e-ID activations",
        ),
        AssistanceKind.EID_LEVEL2_APPLICATION: (
            "hồ sơ định danh điện tử mức độ 2",
            "level-2 e-ID applications",
        ),
        AssistanceKind.EID_LEVEL2_ACTIVATED: (
            "kích hoạt định danh điện tử mức độ 2",
            "level-2 e-ID activations",
        ),
        AssistanceKind.OUTREACH: ("tuyên truyền", "outreach"),
        AssistanceKind.BANK_ACCOUNT_OPENED: ("mở tài khoản ngân hàng", "bank accounts opened"),
        AssistanceKind.EWALLET_CREATED: ("tạo ví điện tử", "e-wallets created"),
        AssistanceKind.TAX_FILED_ONLINE: (
            "khai báo, nộp thuế trực tuyến",
            "taxes declared and paid online",
        ),
        AssistanceKind.SITE_DIGITISED: ("số hóa điểm di tích", "historical sites digitised"),
    },
)


@attrs.frozen(kw_only=True)
class Team:
    """A volunteer team (đội hình) of a campaign.

    Attributes:
        id: the team's code, unique within a data set.
        name: the team's name.
        organisation: the union organisation that fields it (e.g. the
            provincial police youth union).
        members: how many members took part (>= 0).
        unit: the code of the administrative unit it worked in, if one.

    Since: 0.1.0
    """

    id: str = text()
    name: str = text()
    organisation: str = text()
    members: int = count()
    unit: str | None = opt_text()


def _to_teams(value: object, instance: object, field: attrs.Attribute[Any]) -> tuple[Team, ...]:
    if isinstance(value, str | bytes | Team) or not isinstance(value, Iterable):
        raise fail(instance, field.name, "must be a sequence of Team")
    teams = tuple(value)
    for team in teams:
        if not isinstance(team, Team):
            raise fail(
                instance, field.name, f"every item must be a Team, not {type(team).__name__}"
            )
    return teams


def _teams_field() -> Any:
    return attrs.field(
        default=(), converter=attrs.Converter(_to_teams, takes_self=True, takes_field=True)
    )


@attrs.frozen(kw_only=True)
class Campaign:
    """A youth-union campaign and the teams it fielded.

    Attributes:
        id: the campaign's code.
        name: its name, e.g. ``"Ngày cao điểm"``.
        organiser: who ran it, e.g. ``"Tỉnh đoàn Quảng Ngãi"``.
        start: first day (a date).
        end: last day (a date, not before ``start``).
        teams: its :class:`Team` objects; team ids are unique.

    Since: 0.1.0
    """

    id: str = text()
    name: str = text()
    organiser: str = text()
    start: dt.date = plain_date()
    end: dt.date = plain_date()
    teams: tuple[Team, ...] = _teams_field()

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise fail(self, "end", f"must not be before start ({self.start})")
        seen: set[str] = set()
        for team in self.teams:
            if team.id in seen:
                raise fail(self, "teams", f"duplicate team id {team.id!r}")
            seen.add(team.id)

    @property
    def members(self) -> int:
        """Members taking part: the sum over the teams."""
        return sum(team.members for team in self.teams)

    def team(self, team_id: str) -> Team:
        """The team with id *team_id*.

        Raises:
            KeyError: if the campaign has no such team.
        """
        for team in self.teams:
            if team.id == team_id:
                return team
        raise KeyError(team_id)


@attrs.frozen(kw_only=True)
class AssistanceEvent:
    """Help of one kind given on one date: *count* person-times (lượt).

    Attributes:
        campaign: the campaign's code.
        kind: :class:`AssistanceKind`.
        count: person-times of help (>= 0); a count of occurrences, not of
            distinct people.
        on: the date (local calendar date).
        team: the code of the team that gave it, if known.
        unit: the code of the administrative unit where it was given.
        service: the code of the service it concerned, if one.

    Since: 0.1.0
    """

    campaign: str = text()
    kind: AssistanceKind = enum_member(AssistanceKind)
    count: int = count()
    on: dt.date = plain_date()
    team: str | None = opt_text()
    unit: str | None = opt_text()
    service: str | None = opt_text()
