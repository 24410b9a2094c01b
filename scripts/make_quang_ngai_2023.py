"""Generate dean06's embedded example data set: Quảng Ngãi province, January to June 2023.

The Báo Quảng Ngãi report of mid-2023 (``domain/BRIEF.md``) gives totals
only.  This script builds record-level data (services, administrative units,
dossiers, campaigns with their teams, assistance events) that reproduces
every figure of the brief when read the way the brief's "Figure map" says.

Construction is exact: every count a figure depends on is assigned (split
with a largest-remainder rule where it has to be spread), and the one seeded
random generator only places records in time and in units, and draws the
details no figure depends on (statuses, fees paid online, team sizes).  The
output is the same on every run.  One figure is emergent rather than
assigned, the month-on-month rise of the online rate, and :func:`build`
checks it (and the data set's references) before returning.

Everything the article does not give is illustrative and listed in the data
set's README: which three services run on national systems, the dates, the
distributions over months and units, the non-essential services, the counts
of historical sites digitised, the selection of communes, and so on.

Usage::

    python scripts/make_quang_ngai_2023.py [FOLDER]

writes the data set with ``dean06.io.save_dataset`` into FOLDER (by default
``src/dean06/datasets/quang_ngai_2023``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib
import random
import sys
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import attrs

from dean06 import (
    AdministrativeUnit,
    AssistanceEvent,
    AssistanceKind,
    Campaign,
    Channel,
    Dataset,
    Dossier,
    DossierStatus,
    OnlineMode,
    Service,
    Team,
    Trend,
    UnitLevel,
    essential_services,
    trend,
)
from dean06.periods import VIETNAM

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

K = AssistanceKind

# =====================================================================================
# The figures of BRIEF.md, as this data set meets them
# =====================================================================================

# -- Peak day ("Ngày cao điểm"): len(campaign.teams), campaign.members, and
#    AssistanceTally.total(campaign=PEAK_DAY_ID, kind=...).
PEAK_DAY_TEAMS = 140  # "140 đội hình"
PEAK_DAY_MEMBERS = 1_698  # "hơn 1.690 ĐVTN": more than 1,690 (1,691 to 1,723)
PEAK_DAY_HELP: Mapping[AssistanceKind, int] = {
    K.PROCEDURE_RESOLVED: 2_393,  # "giải quyết 2.393 thủ tục hành chính"
    K.EID_INSTALLED: 2_280,  # "cài đặt định danh điện tử cho 2.280 lượt"
    K.ONLINE_SERVICE_GUIDED: 2_283,  # "hướng dẫn 2.283 lượt người thực hiện các DVC"
}
# "100% cơ sở đoàn": every district of the province fields at least one team.

# -- Summer volunteer campaign: AssistanceTally.total(campaign=SUMMER_ID, kind=...),
#    by team where the article names the union.
SUMMER_POLICE_HELP: Mapping[AssistanceKind, int] = {  # at Bình Minh
    K.OUTREACH: 202,  # "tuyên truyền ... cho hơn 200 lượt": more than 200 (201 to 204)
    K.EID_LEVEL2_APPLICATION: 25,  # "định danh điện tử mức độ 2 cho 25 công dân"
}
SUMMER_AGENCIES_HELP: Mapping[AssistanceKind, int] = {  # at both booths
    K.BANK_ACCOUNT_OPENED: 35,  # "35 tài khoản ngân hàng"
    K.EWALLET_CREATED: 24,  # "24 ví điện tử VNPT Money"
    K.TAX_FILED_ONLINE: 39,  # "gần 40 tiểu thương": nearly 40 (38 or 39)
    K.ONLINE_SERVICE_GUIDED: 350,  # "350 lượt ... tại huyện Bình Sơn và huyện Trà Bồng"
}

# -- Youth Month ("Tháng Thanh niên"): occasions, campaign.members, and totals.
YOUTH_MONTH_OCCASIONS = 45  # "45 lượt hoạt động": distinct (date, team, unit)
YOUTH_MONTH_MEMBERS = 196  # "gần 200 lượt ĐVTN": nearly 200 (190 to 199)
YOUTH_MONTH_HELP: Mapping[AssistanceKind, int] = {
    K.EID_LEVEL1_ACTIVATED: 3_500,  # "3.500 lượt người kích hoạt ... mức độ 1"
    K.EID_LEVEL2_APPLICATION: 4_526,  # "hơn 4.500 người": more than 4,500 (4,501 to 4,590)
    K.EID_LEVEL2_ACTIVATED: 3_580,  # "3.580 trường hợp kích hoạt ... mức độ 2"
}

# -- Essential services, whole province (tally.online_rate(service=...)).
#    "23/25 DVC thiết yếu phát sinh hồ sơ trực tuyến": services_with_online over 25.
#    "16/22 ... trên 50%" and "4 DVC ... đạt 100%": share_above and fully_online over
#    the 22 services with local totals.  Three services run on national systems
#    (local_totals=False); the province sees only their online dossiers.
NATIONAL_SYSTEM_SERVICES = ("D06-08", "D06-09", "D06-20")
FULLY_ONLINE = ("D06-01", "D06-05", "D06-06", "D06-10")  # the four at 100%
NO_ONLINE = ("D06-11", "D06-19")  # the two of 25 without online dossiers (0%, defined)


class Plan(NamedTuple):
    """How many dossiers one service has, where they are filed, and how they proceed."""

    total: int  # dossiers received in the province, January to June 2023
    online: int  # of them, filed online
    places: str  # where they are received (see place_weights)
    days: int | None  # working days to the due date; None: no due date (instant)
    fee: bool  # a fee or payment is involved (paid_online is True/False, else None)


PLANS: Mapping[str, Plan] = {
    # The rate each plan gives, and the figure it serves.
    "D06-01": Plan(600, 600, "police", 3, fee=False),  # 100%
    "D06-02": Plan(1_100, 800, "police", 7, fee=True),  # 72.7%, above 50%
    "D06-03": Plan(800, 560, "police", 7, fee=True),  # 70.0%, above 50%
    "D06-04": Plan(500, 330, "police", 3, fee=True),  # 66.0%, above 50%
    "D06-05": Plan(300, 300, "police", 1, fee=False),  # 100%
    "D06-06": Plan(3_000, 3_000, "police", None, fee=False),  # 100%
    "D06-07": Plan(900, 310, "district", 2, fee=True),  # 34.4%, not above 50%
    "D06-08": Plan(240, 240, "province", None, fee=True),  # national system: online only
    "D06-09": Plan(420, 420, "province", 8, fee=True),  # national system: online only
    "D06-10": Plan(40, 40, "province", 4, fee=True),  # 100%
    "D06-11": Plan(12, 0, "province", 4, fee=True),  # 0%: no online dossier
    "D06-12": Plan(450, 300, "province", 10, fee=True),  # 66.7%, above 50%
    "D06-13": Plan(700, 210, "province", 10, fee=True),  # 30.0%, not above 50%
    "D06-14": Plan(900, 610, "commune", 1, fee=False),  # 67.8%, above 50%
    "D06-15": Plan(420, 170, "commune", 1, fee=False),  # 40.5%, not above 50%
    "D06-16": Plan(380, 95, "commune", 5, fee=False),  # 25.0%, not above 50%
    "D06-17": Plan(260, 180, "commune", 5, fee=False),  # 69.2%, above 50%
    "D06-18": Plan(120, 70, "commune", 5, fee=False),  # 58.3%, above 50%
    "D06-19": Plan(600, 0, "district", 10, fee=True),  # 0%: no online dossier
    "D06-20": Plan(180, 180, "district", 1, fee=True),  # national system: online only
    "D06-21": Plan(500, 490, "tax", 3, fee=False),  # "đạt 98%": 490 of 500
    "D06-22": Plan(300, 255, "district", 7, fee=False),  # 85.0%, above 50%
    "D06-23": Plan(200, 176, "district", 3, fee=False),  # 88.0%, above 50%
    "D06-24": Plan(600, 580, "province", None, fee=True),  # "trên 96%": 96.7%
    "D06-25": Plan(240, 150, "province", 20, fee=False),  # 62.5%, above 50%
    # Illustrative services outside the 25 (they show that figures over the
    # essential services leave other services out).
    "QNG-01": Plan(500, 75, "commune", 1, fee=True),  # 15.0%
    "QNG-02": Plan(150, 60, "district", 15, fee=True),  # 40.0%
}

# -- Ba Tơ district police and its communes: tally.online(service=..., unit="535",
#    catalogue=...).  Part of the province totals above.
BA_TO = "535"
BA_TO_DOSSIERS: Mapping[str, tuple[int, int]] = {
    # service: (online, not online) in Ba Tơ district and its communes
    "D06-02": (97, 7),  # "gần 100 hồ sơ", "đạt hơn 92%": 97 of 104 is 93.3%
    "D06-03": (90, 18),  # "90 hồ sơ đăng ký thường trú"
    "D06-04": (39, 12),  # "gần 40 hồ sơ đăng ký tạm trú": nearly 40 (38 or 39)
    "D06-06": (380, 0),  # "380 hồ sơ thông báo lưu trú"
    "D06-07": (62, 95),  # "62 hồ sơ đăng ký, cấp biển số mô tô, xe máy"
}

# =====================================================================================
# Illustrative choices (the article gives none of these)
# =====================================================================================

SEED = 20_230_630
YEAR = 2023
MONTHS = (1, 2, 3, 4, 5, 6)
#: Dossiers whose processing would end after this moment are still open.
AS_OF = dt.datetime(2023, 7, 1, 0, 0, tzinfo=VIETNAM)

#: Dossiers per month, relative (Tết fell on 22 January 2023: a slow January and February).
MONTH_WEIGHTS = (0.95, 0.80, 1.05, 1.00, 1.05, 1.15)
#: How the share of dossiers filed at a counter falls month by month: the
#: rising trend ("tháng sau tăng cao hơn tháng trước").
COUNTER_TILT = (1.35, 1.22, 1.08, 0.94, 0.80, 0.66)
#: How online-only services (the national systems) grow month by month.
ONLINE_GROWTH = (0.80, 0.88, 0.96, 1.04, 1.12, 1.20)
#: Exam registration (D06-24) happens mostly in April and May.
EXAM_MONTH_WEIGHTS = (0.0, 0.05, 0.15, 0.50, 0.25, 0.05)

#: Share of offline dossiers sent by public post rather than filed at a counter.
POSTAL_SHARE = 0.04
#: Share of online dossiers with a fee whose fee was paid online.
PAID_ONLINE_SHARE = 0.75
#: Share of online dossiers filed with a volunteer's help (on the peak day: more).
ASSISTED_SHARE = 0.04
ASSISTED_SHARE_PEAK_DAY = 0.5
#: Share of online dossiers filed at night (22:00 to 06:00).
NIGHT_SHARE = 0.05
#: Lifecycle shares: withdrawn, rejected, resolved late (the rest on time).
WITHDRAWN_SHARE, REJECTED_SHARE, LATE_SHARE = 0.01, 0.02, 0.07

#: Public holidays of 2023 on working days (New Year, Tết, Hùng Kings, 30 April, 1 May).
HOLIDAYS = frozenset(
    {
        dt.date(2023, 1, 2),
        *(dt.date(2023, 1, day) for day in (20, 23, 24, 25, 26)),
        *(dt.date(2023, 5, day) for day in (1, 2, 3)),
    }
)

PEAK_DAY = dt.date(2023, 3, 26)  # a Sunday in Youth Month, the Youth Union's anniversary
PEAK_DAY_ID = "QNG23-NCD"
SUMMER_ID = "QNG23-HE"
YOUTH_MONTH_ID = "QNG23-TTN"

PROVINCE_UNION = "Tỉnh đoàn Quảng Ngãi"
POLICE_UNION = "Đoàn Thanh niên Công an tỉnh"
AGENCIES_UNION = "Đoàn Khối Cơ quan và Doanh nghiệp tỉnh"

# =====================================================================================
# Administrative units (codes: BRIEF.md, or a public mirror of the GSO list, unconfirmed)
# =====================================================================================

PROVINCE = "51"
PROVINCE_2025 = "51@2025-07-01"
LAST_DAY_BEFORE_REFORM = dt.date(2025, 6, 30)
REFORM_DAY = dt.date(2025, 7, 1)


class District(NamedTuple):
    """A district-level unit of 2023."""

    code: str
    name: str  # the unit's name, e.g. "Thành phố Quảng Ngãi", "Bình Sơn"
    short: str  # the place name alone, e.g. "Quảng Ngãi"
    kind: str  # "thành phố", "thị xã" or "huyện"
    weight: int  # relative size (illustrative): how many records land there


DISTRICTS = (
    District("522", "Thành phố Quảng Ngãi", "Quảng Ngãi", "thành phố", 26),
    District("524", "Bình Sơn", "Bình Sơn", "huyện", 18),
    District("525", "Trà Bồng", "Trà Bồng", "huyện", 6),
    District("527", "Sơn Tịnh", "Sơn Tịnh", "huyện", 10),
    District("528", "Tư Nghĩa", "Tư Nghĩa", "huyện", 17),
    District("529", "Sơn Hà", "Sơn Hà", "huyện", 7),
    District("530", "Sơn Tây", "Sơn Tây", "huyện", 2),
    District("531", "Minh Long", "Minh Long", "huyện", 2),
    District("532", "Nghĩa Hành", "Nghĩa Hành", "huyện", 9),
    District("533", "Mộ Đức", "Mộ Đức", "huyện", 12),
    District("534", "Thị xã Đức Phổ", "Đức Phổ", "thị xã", 14),
    District("535", "Ba Tơ", "Ba Tơ", "huyện", 5),
    District("536", "Lý Sơn", "Lý Sơn", "huyện", 2),
)

#: The communes the data needs: district code -> ((code, name), ...).  Lý Sơn had no
#: commune-level government in 2023.
COMMUNES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "522": (("21010", "Phường Lê Hồng Phong"), ("21013", "Phường Trần Phú")),
    "524": (("21040", "Thị trấn Châu Ổ"), ("21085", "Xã Bình Minh")),
    "525": (("21115", "Thị trấn Trà Xuân"),),
    "528": (("21235", "Thị trấn La Hà"),),
    "529": (("21289", "Thị trấn Di Lăng"),),
    "531": (("21349", "Xã Long Sơn"),),
    "532": (("21364", "Thị trấn Chợ Chùa"),),
    "533": (("21400", "Thị trấn Mộ Đức"),),
    "535": (
        ("21484", "Thị trấn Ba Tơ"),
        ("21487", "Xã Ba Điền"),
        ("21490", "Xã Ba Vinh"),
        ("21493", "Xã Ba Thành"),
        ("21496", "Xã Ba Động"),
    ),
}

BINH_MINH, TRA_XUAN = "21085", "21115"  # the two summer booths
LY_SON = "536"  # an island district without communes: it registers births and deaths itself


def build_units() -> tuple[AdministrativeUnit, ...]:
    """The province, its successor of 1 July 2025, the 13 districts and the listed communes."""
    units = [
        AdministrativeUnit(
            code=PROVINCE,
            name="Quảng Ngãi",
            level=UnitLevel.PROVINCE,
            valid_to=LAST_DAY_BEFORE_REFORM,
            gso_code=PROVINCE,
        ),
        # After the 2025 reform Quảng Ngãi (absorbing Kon Tum) kept the GSO code 51.
        AdministrativeUnit(
            code=PROVINCE_2025,
            name="Quảng Ngãi",
            level=UnitLevel.PROVINCE,
            valid_from=REFORM_DAY,
            gso_code=PROVINCE,
        ),
    ]
    for district in DISTRICTS:
        units.append(
            AdministrativeUnit(
                code=district.code,
                name=district.name,
                level=UnitLevel.DISTRICT,
                parent=PROVINCE,
                valid_to=LAST_DAY_BEFORE_REFORM,
                gso_code=district.code,
            )
        )
        units.extend(
            AdministrativeUnit(
                code=code,
                name=name,
                level=UnitLevel.COMMUNE,
                parent=district.code,
                valid_to=LAST_DAY_BEFORE_REFORM,
                gso_code=code,
            )
            for code, name in COMMUNES.get(district.code, ())
        )
    return tuple(units)


def unit_names() -> dict[str, str]:
    """Unit code -> name, for team names."""
    return {unit.code: unit.name for unit in build_units()}


def units_of(district: str) -> list[str]:
    """A district's code and the codes of its listed communes."""
    return [district, *(code for code, _ in COMMUNES.get(district, ()))]


# =====================================================================================
# Services
# =====================================================================================

ILLUSTRATIVE_SERVICES = (
    Service(
        code="QNG-01",
        name="Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        name_en="Certified copies of documents (illustrative, not one of the 25)",
        agency="Ủy ban nhân dân cấp xã",
        online_mode=OnlineMode.PARTIAL,
    ),
    Service(
        code="QNG-02",
        name="Cấp giấy phép xây dựng nhà ở riêng lẻ",
        name_en="Building permit for a detached house (illustrative, not one of the 25)",
        agency="Ủy ban nhân dân cấp huyện",
        online_mode=OnlineMode.PARTIAL,
    ),
)


def build_services() -> tuple[Service, ...]:
    """The 25 essential services (three on national systems) and two illustrative ones."""
    essential = tuple(
        attrs.evolve(service, local_totals=False)
        if service.code in NATIONAL_SYSTEM_SERVICES
        else service
        for service in essential_services()
    )
    return essential + ILLUSTRATIVE_SERVICES


# =====================================================================================
# Splitting counts exactly
# =====================================================================================


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split *total* into whole parts proportional to *weights* (largest remainder).

    The parts add up to *total* exactly; ties go to the earlier position.
    """
    exact = [Fraction(weight) for weight in weights]  # exact, whatever the platform
    scale = sum(exact)
    if total == 0 or scale == 0:
        return [0] * len(weights)
    quotas = [total * weight / scale for weight in exact]
    parts = [int(quota) for quota in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - quotas[i], i))
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts


def apportion_capped(total: int, weights: Sequence[float], caps: Sequence[int]) -> list[int]:
    """Like :func:`apportion`, but no part exceeds its cap (the excess moves on)."""
    if total > sum(caps):
        msg = f"cannot place {total} within caps that hold {sum(caps)}"
        raise ValueError(msg)
    parts = [0] * len(weights)
    open_ = [i for i, cap in enumerate(caps) if cap > 0]
    remaining = total
    while remaining:
        open_weights = [weights[i] for i in open_]
        if not any(open_weights):  # only weightless parts have room left: share evenly
            open_weights = [1.0] * len(open_)
        shares = apportion(remaining, open_weights)
        for index, share in zip(open_, shares, strict=True):
            taken = min(share, caps[index] - parts[index])
            parts[index] += taken
            remaining -= taken
        open_ = [i for i in open_ if parts[i] < caps[i]]
    return parts


def apportion_at_least(total: int, weights: Sequence[float], minimum: int) -> list[int]:
    """Like :func:`apportion`, but every part is at least *minimum*."""
    extra = apportion(total - minimum * len(weights), weights)
    return [minimum + part for part in extra]


# =====================================================================================
# Dossiers
# =====================================================================================


def place_weights(places: str) -> dict[str, float]:
    """Where dossiers of a kind of service are received, with relative weights.

    ``province``: the provincial departments (unit 51).  ``district``: the
    district offices.  ``police``: district police (the district's code)
    and commune police, half each.  ``commune``: the listed communes (and
    Lý Sơn district, which had no commune level).  ``tax``: the provincial
    tax department and the district tax offices, half each.
    """
    weights: dict[str, float] = {}
    if places in ("province", "tax"):
        weights[PROVINCE] = float(sum(d.weight for d in DISTRICTS))
    for district in DISTRICTS:
        communes = [code for code, _ in COMMUNES.get(district.code, ())]
        if places in ("district", "tax"):
            weights[district.code] = float(district.weight)
        elif places == "police":
            own = district.weight / 2 if communes else float(district.weight)
            weights[district.code] = own
            for code in communes:
                weights[code] = (district.weight - own) / len(communes)
        elif places == "commune":
            for code in communes:
                weights[code] = district.weight / len(communes)
            if district.code == LY_SON:
                weights[LY_SON] = float(district.weight)
    return weights


class Cell(NamedTuple):
    """Dossiers of one service in one set of places: how many online and not."""

    service: str
    units: tuple[str, ...]  # where they are received
    weights: tuple[float, ...]  # how likely each of those units is
    online: int
    offline: int

    @classmethod
    def of(cls, service: str, places: Mapping[str, float], online: int, offline: int) -> Cell:
        """A cell over *places* (unit code -> weight)."""
        return cls(service, tuple(places), tuple(places.values()), online, offline)


def cells() -> list[Cell]:
    """Every service's dossiers, with Ba Tơ's share split off where the article counts it."""
    found: list[Cell] = []
    ba_to = set(units_of(BA_TO))
    for code, plan in PLANS.items():
        places = place_weights(plan.places)
        if code not in BA_TO_DOSSIERS:
            found.append(Cell.of(code, places, plan.online, plan.total - plan.online))
            continue
        online, offline = BA_TO_DOSSIERS[code]
        inside = {u: w for u, w in places.items() if u in ba_to}
        outside = {u: w for u, w in places.items() if u not in ba_to}
        found.append(Cell.of(code, inside, online, offline))
        found.append(
            Cell.of(code, outside, plan.online - online, plan.total - plan.online - offline)
        )
    return found


def month_split(cell: Cell) -> list[tuple[int, int]]:
    """(online, offline) per month: totals follow the season, the counter share falls."""
    if cell.service == "D06-24":
        season: Sequence[float] = EXAM_MONTH_WEIGHTS
    elif cell.offline == 0:
        season = [w * g for w, g in zip(MONTH_WEIGHTS, ONLINE_GROWTH, strict=True)]
    else:
        season = MONTH_WEIGHTS
    totals = apportion(cell.online + cell.offline, season)
    counter = [w * t for w, t in zip(season, COUNTER_TILT, strict=True)]
    offline = apportion_capped(cell.offline, counter, totals)
    return [(t - f, f) for t, f in zip(totals, offline, strict=True)]


def working_day(day: dt.date) -> bool:
    """Monday to Friday, not a public holiday."""
    return day.weekday() < 5 and day not in HOLIDAYS


def add_working_days(day: dt.date, count: int) -> dt.date:
    """The working day *count* working days after *day* (or the next one, for 0)."""
    while not working_day(day):
        day += dt.timedelta(days=1)
    for _ in range(count):
        day += dt.timedelta(days=1)
        while not working_day(day):
            day += dt.timedelta(days=1)
    return day


@functools.cache
def days_of(month: int) -> tuple[dt.date, ...]:
    """Every day of *month* in 2023."""
    first = dt.date(YEAR, month, 1)
    following = dt.date(YEAR + month // 12, month % 12 + 1, 1)
    return tuple(first + dt.timedelta(days=n) for n in range((following - first).days))


@functools.cache
def working_days_of(month: int) -> tuple[dt.date, ...]:
    """The working days of *month* in 2023."""
    return tuple(day for day in days_of(month) if working_day(day))


@functools.cache
def online_day_weights(month: int) -> tuple[float, ...]:
    """How likely an online filing falls on each day of *month*: less at weekends."""
    return tuple(1.0 if working_day(day) else 0.5 for day in days_of(month))


def at(day: dt.date, minute: int) -> dt.datetime:
    """*minute* minutes after local midnight of *day*."""
    midnight = dt.datetime(day.year, day.month, day.day, tzinfo=VIETNAM)
    return midnight + dt.timedelta(minutes=minute)


CLOSING_MINUTE = 17 * 60  # offices close at 17:00; due dates fall then


def office_time(rng: random.Random, day: dt.date) -> dt.datetime:
    """A moment in office hours (07:30 to 11:30, 13:30 to 17:00) on *day*."""
    minute = rng.choice((rng.randrange(450, 690), rng.randrange(810, CLOSING_MINUTE)))
    return at(day, minute) + dt.timedelta(seconds=rng.randrange(60))


def received_at(rng: random.Random, month: int, channel: Channel) -> dt.datetime:
    """When a dossier is received: counters keep office hours, the portal never closes."""
    if channel is not Channel.ONLINE:
        return office_time(rng, rng.choice(working_days_of(month)))
    day = rng.choices(days_of(month), weights=online_day_weights(month))[0]
    if rng.random() < NIGHT_SHARE:
        minute = rng.choice((rng.randrange(0, 360), rng.randrange(1320, 1440)))
    else:
        minute = rng.randrange(360, 1320)
    return at(day, minute) + dt.timedelta(seconds=rng.randrange(60))


class Lifecycle(NamedTuple):
    """What became of a dossier by the end of June 2023."""

    status: DossierStatus
    resolved: dt.datetime | None
    due: dt.datetime | None


def lifecycle(rng: random.Random, plan: Plan, received: dt.datetime) -> Lifecycle:
    """Due date from the service's processing time; most dossiers resolved, on time."""
    due = None
    if plan.days is not None:
        due = at(add_working_days(received.date(), plan.days), CLOSING_MINUTE)
    roll = rng.random()
    if roll < WITHDRAWN_SHARE:
        return Lifecycle(DossierStatus.WITHDRAWN, None, due)
    rejected = roll < WITHDRAWN_SHARE + REJECTED_SHARE
    late = roll >= 1 - LATE_SHARE
    end = max(ending(rng, plan, received, late=late), received + dt.timedelta(minutes=10))
    if end > AS_OF:  # still being processed when the data was taken
        recent = AS_OF - received < dt.timedelta(days=1)
        return Lifecycle(
            DossierStatus.RECEIVED if recent else DossierStatus.IN_PROGRESS, None, due
        )
    return Lifecycle(DossierStatus.REJECTED if rejected else DossierStatus.RESOLVED, end, due)


def ending(rng: random.Random, plan: Plan, received: dt.datetime, *, late: bool) -> dt.datetime:
    """When processing ends: within hours for instant services, else in office hours."""
    if plan.days is None:
        return received + dt.timedelta(minutes=rng.randrange(2, 240))
    if late:  # one to four working days after the due date
        return office_time(rng, add_working_days(received.date(), plan.days + rng.randint(1, 4)))
    return office_time(rng, add_working_days(received.date(), rng.randint(0, plan.days)))


class Draft(NamedTuple):
    """A dossier before it has its id."""

    received: dt.datetime
    service: str
    unit: str
    channel: Channel
    life: Lifecycle
    paid_online: bool | None
    assisted: bool


def draft(rng: random.Random, cell: Cell, month: int, channel: Channel) -> Draft:
    """One dossier of *cell*, received in *month* through *channel*."""
    plan = PLANS[cell.service]
    unit = rng.choices(cell.units, weights=cell.weights)[0]
    received = received_at(rng, month, channel)
    online = channel is Channel.ONLINE
    paid: bool | None = None
    if plan.fee:
        paid = online and rng.random() < PAID_ONLINE_SHARE
    share = ASSISTED_SHARE_PEAK_DAY if received.date() == PEAK_DAY else ASSISTED_SHARE
    assisted = online and rng.random() < share
    return Draft(
        received, cell.service, unit, channel, lifecycle(rng, plan, received), paid, assisted
    )


def drafts(rng: random.Random) -> list[Draft]:
    """Every dossier, with exactly the planned counts per service, place and channel."""
    found: list[Draft] = []
    for cell in cells():
        for month, (online, offline) in zip(MONTHS, month_split(cell), strict=True):
            found.extend(draft(rng, cell, month, Channel.ONLINE) for _ in range(online))
            for _ in range(offline):
                postal = rng.random() < POSTAL_SHARE
                channel = Channel.POSTAL if postal else Channel.IN_PERSON
                found.append(draft(rng, cell, month, channel))
    return found


def agency_prefixes() -> dict[str, str]:
    """A stylised receiving-agency code per unit, in the national portal's shape."""
    return {
        unit.code: f"000.00.{index:02d}.H51" for index, unit in enumerate(build_units(), start=1)
    }


def build_dossiers(rng: random.Random) -> tuple[Dossier, ...]:
    """Every dossier in order of receipt, numbered per agency and day (``...-230605-0001``)."""
    prefixes = agency_prefixes()
    ordered = sorted(drafts(rng), key=lambda d: (d.received, d.service, d.unit, d.channel.value))
    numbers: dict[tuple[str, dt.date], int] = {}
    dossiers: list[Dossier] = []
    for item in ordered:
        day = item.received.date()
        number = numbers[item.unit, day] = numbers.get((item.unit, day), 0) + 1
        dossiers.append(
            Dossier(
                id=f"{prefixes[item.unit]}-{day:%y%m%d}-{number:04d}",
                service=item.service,
                unit=item.unit,
                channel=item.channel,
                received=item.received,
                status=item.life.status,
                resolved=item.life.resolved,
                due=item.life.due,
                paid_online=item.paid_online,
                assisted=item.assisted,
            )
        )
    return tuple(dossiers)


# =====================================================================================
# Campaigns, teams and assistance events
# =====================================================================================


def union_of(unit: str, names: Mapping[str, str]) -> str:
    """The youth-union organisation of a district or commune."""
    for district in DISTRICTS:
        if district.code == unit:
            prefix = {"thành phố": "Thành đoàn", "thị xã": "Thị đoàn"}.get(
                district.kind, "Huyện đoàn"
            )
            return f"{prefix} {district.short}"
    name = names[unit]
    return f"Đoàn {name[0].lower()}{name[1:]}"


def spread(
    rng: random.Random, total: int, count: int, low: float = 0.6, high: float = 1.4
) -> list[int]:
    """Split *total* exactly over *count* parts of randomly varying size."""
    return apportion(total, [rng.uniform(low, high) for _ in range(count)])


def build_peak_day(rng: random.Random) -> tuple[Campaign, list[AssistanceEvent]]:
    """140 teams from every district, their members, and the help they gave that day."""
    names = unit_names()
    per_district = apportion_at_least(PEAK_DAY_TEAMS, [d.weight for d in DISTRICTS], 1)
    members = apportion_at_least(
        PEAK_DAY_MEMBERS, [rng.uniform(0.4, 1.6) for _ in range(PEAK_DAY_TEAMS)], 5
    )
    teams: list[Team] = []
    for district, count in zip(DISTRICTS, per_district, strict=True):
        for k in range(1, count + 1):
            unit = rng.choice(units_of(district.code))
            teams.append(
                Team(
                    id=f"NCD23-{len(teams) + 1:03d}",
                    name=f"Đội hình tình nguyện số {k}, {names[unit]}",
                    organisation=union_of(unit, names),
                    members=members[len(teams)],
                    unit=unit,
                )
            )
    campaign = Campaign(
        id=PEAK_DAY_ID,
        name="Ngày cao điểm chung tay hỗ trợ người dân thực hiện dịch vụ công trực tuyến",
        organiser=PROVINCE_UNION,
        start=PEAK_DAY,
        end=PEAK_DAY,
        teams=tuple(teams),
    )
    events: list[AssistanceEvent] = []
    for kind, total in PEAK_DAY_HELP.items():
        weights = [team.members * rng.uniform(0.6, 1.4) for team in teams]
        for team, count in zip(teams, apportion(total, weights), strict=True):
            events.append(
                AssistanceEvent(
                    campaign=PEAK_DAY_ID,
                    kind=kind,
                    count=count,
                    on=PEAK_DAY,
                    team=team.id,
                    unit=team.unit,
                )
            )
    return campaign, events


#: Summer booths: (team id, organisation, booth unit, members, booth days).
SUMMER_TEAMS = (
    ("HE23-CAT-01", POLICE_UNION, BINH_MINH, 15, (dt.date(2023, 6, 10), dt.date(2023, 6, 11))),
    ("HE23-KCQ-01", AGENCIES_UNION, BINH_MINH, 12, (dt.date(2023, 6, 10), dt.date(2023, 6, 11))),
    ("HE23-KCQ-02", AGENCIES_UNION, TRA_XUAN, 10, (dt.date(2023, 6, 17), dt.date(2023, 6, 18))),
)
SITES_TEAM = "HE23-TD-01"
#: Historical sites digitised: (date, unit, count).  The article gives no count.
SITES_DIGITISED = (
    (dt.date(2023, 6, 24), "21484", 2),  # Ba Tơ town: the Ba Tơ uprising sites
    (dt.date(2023, 6, 25), TRA_XUAN, 1),  # Trà Xuân: the Trà Bồng uprising memorial
    (dt.date(2023, 6, 28), LY_SON, 2),  # Lý Sơn island
)


def booth_events(
    rng: random.Random,
    team_id: str,
    unit: str,
    days: Sequence[dt.date],
    help_: Mapping[AssistanceKind, int],
) -> list[AssistanceEvent]:
    """A booth team's help of each kind, spread over its days at the booth."""
    events: list[AssistanceEvent] = []
    for kind, total in help_.items():
        for day, count in zip(days, spread(rng, total, len(days)), strict=True):
            events.append(
                AssistanceEvent(
                    campaign=SUMMER_ID, kind=kind, count=count, on=day, team=team_id, unit=unit
                )
            )
    return events


def build_summer(rng: random.Random) -> tuple[Campaign, list[AssistanceEvent]]:
    """Two booths (Bình Minh, Trà Xuân), the police and agencies unions' help, sites digitised."""
    names = unit_names()
    teams = [
        Team(
            id=team_id,
            name=f"Gian hàng “Thanh niên Quảng Ngãi với chuyển đổi số”, {names[unit]}",
            organisation=organisation,
            members=members,
            unit=unit,
        )
        for team_id, organisation, unit, members, _ in SUMMER_TEAMS
    ]
    teams.append(
        Team(id=SITES_TEAM, name="Đội hình số hóa di tích", organisation=PROVINCE_UNION, members=8)
    )
    campaign = Campaign(
        id=SUMMER_ID,
        name="Chiến dịch Thanh niên tình nguyện hè 2023 "
        "“Tuổi trẻ Quảng Ngãi tiên phong chuyển đổi số”",
        organiser=PROVINCE_UNION,
        start=dt.date(2023, 6, 1),
        end=dt.date(2023, 8, 31),
        teams=tuple(teams),
    )
    police, agencies_bm, agencies_tx = SUMMER_TEAMS
    events = booth_events(rng, police[0], police[2], police[4], SUMMER_POLICE_HELP)
    # The agencies union's figures are split between its two booth teams.
    for kind, total in SUMMER_AGENCIES_HELP.items():
        at_binh_minh, at_tra_xuan = spread(rng, total, 2, 0.9, 1.3)
        events += booth_events(
            rng, agencies_bm[0], agencies_bm[2], agencies_bm[4], {kind: at_binh_minh}
        )
        events += booth_events(
            rng, agencies_tx[0], agencies_tx[2], agencies_tx[4], {kind: at_tra_xuan}
        )
    events += [
        AssistanceEvent(
            campaign=SUMMER_ID,
            kind=K.SITE_DIGITISED,
            count=count,
            on=day,
            team=SITES_TEAM,
            unit=unit,
        )
        for day, unit, count in SITES_DIGITISED
    ]
    return campaign, events


def build_youth_month(rng: random.Random) -> tuple[Campaign, list[AssistanceEvent]]:
    """The police youth union's branches: 45 activities in March, and the e-ID help given."""
    members = apportion(YOUTH_MONTH_MEMBERS, [rng.uniform(0.8, 1.2) for _ in DISTRICTS])
    teams = [
        Team(
            id=f"TTN23-{district.code}",
            name=f"Chi đoàn Công an {district.kind} {district.short}",
            organisation=POLICE_UNION,
            members=count,
            unit=district.code,
        )
        for district, count in zip(DISTRICTS, members, strict=True)
    ]
    campaign = Campaign(
        id=YOUTH_MONTH_ID,
        name="Tháng Thanh niên 2023",
        organiser=POLICE_UNION,
        start=dt.date(2023, 3, 1),
        end=dt.date(2023, 3, 31),
        teams=tuple(teams),
    )
    # 45 occasions: each team works on distinct days, so each (date, team, unit) is new.
    per_team = apportion(YOUTH_MONTH_OCCASIONS, [rng.uniform(0.9, 1.1) for _ in teams])
    occasions: list[tuple[dt.date, Team, str]] = []
    for district, team, count in zip(DISTRICTS, teams, per_team, strict=True):
        days = sorted(rng.sample(days_of(3), count))
        occasions.extend((day, team, rng.choice(units_of(district.code))) for day in days)
    events: list[AssistanceEvent] = []
    for kind, total in YOUTH_MONTH_HELP.items():
        for (day, team, unit), count in zip(
            occasions, spread(rng, total, len(occasions), 0.5, 1.5), strict=True
        ):
            events.append(
                AssistanceEvent(
                    campaign=YOUTH_MONTH_ID,
                    kind=kind,
                    count=count,
                    on=day,
                    team=team.id,
                    unit=unit,
                )
            )
    return campaign, events


# =====================================================================================
# The data set
# =====================================================================================


def build() -> Dataset:
    """The Quảng Ngãi January-June 2023 data set; the same on every call."""
    rng = random.Random(SEED)
    dossiers = build_dossiers(rng)
    campaigns: list[Campaign] = []
    events: list[AssistanceEvent] = []
    for make in (build_peak_day, build_summer, build_youth_month):
        campaign, made = make(rng)
        campaigns.append(campaign)
        events.extend(made)
    dataset = Dataset(
        services=build_services(),
        units=build_units(),
        dossiers=dossiers,
        campaigns=tuple(campaigns),
        events=tuple(events),
    )
    check(dataset)
    return dataset


def check(dataset: Dataset) -> None:
    """Check what construction does not guarantee by itself: references, the rising trend."""
    problems = dataset.problems()
    if problems:
        msg = f"the data set has {len(problems)} problems, the first: {problems[0]}"
        raise RuntimeError(msg)
    monthly = dataset.dossier_tally.monthly_rates()
    if trend(monthly) is not Trend.RISING:
        shown = ", ".join(f"{period}: {rate:.2%}" for period, rate in monthly)
        msg = f"the monthly online rate does not rise: {shown}"
        raise RuntimeError(msg)


DEFAULT_FOLDER = (
    Path(__file__).resolve().parents[1] / "src" / "dean06" / "datasets" / "quang_ngai_2023"
)


def main(argv: Sequence[str] | None = None) -> int:
    """Write the data set with ``dean06.io.save_dataset``; 1 if dean06.io is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=DEFAULT_FOLDER,
        help=f"where to write the data set (default: {DEFAULT_FOLDER})",
    )
    args = parser.parse_args(argv)
    try:
        save_dataset = importlib.import_module("dean06.io").save_dataset
    except (ImportError, AttributeError) as exc:
        print(
            f"cannot write the data set: dean06.io.save_dataset is not available ({exc})",
            file=sys.stderr,
        )
        return 1
    dataset = build()
    folder: Path = args.folder
    folder.mkdir(parents=True, exist_ok=True)
    save_dataset(dataset, folder)
    teams = sum(len(c.teams) for c in dataset.campaigns)
    print(
        f"wrote {len(dataset.services)} services, {len(dataset.units)} units, "
        f"{len(dataset.dossiers)} dossiers, {len(dataset.campaigns)} campaigns "
        f"({teams} teams) and {len(dataset.events)} events to {folder}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
