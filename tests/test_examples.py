"""The example scripts in examples/ run, on the embedded data and on a folder, with real figures.

Each script runs in a subprocess (``sys.executable``), the way an analyst
runs it, writing its CSV to a temporary folder; the figures it prints and
writes are checked against dean06's own tallies.
"""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import dean06 as d6
from dean06.datasets import quang_ngai_2023
from dean06.io import save_dataset

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
JUNE = d6.Period.parse("2023-06")


@attrs.frozen
class Run:
    """What one run of a script gave."""

    returncode: int
    stdout: str
    stderr: str
    output: Path


def run(script: str, folder: Path, *args: str) -> Run:
    """Run examples/<script> with *args*, its working directory and output in *folder*."""
    output = folder / "output.csv"
    result = subprocess.run(  # noqa: S603 - our own scripts, run with our own interpreter
        [sys.executable, str(EXAMPLES / script), *args, "--output", str(output)],
        cwd=folder,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return Run(
        result.returncode,
        result.stdout.decode("utf-8"),
        result.stderr.decode("utf-8"),
        output,
    )


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def at(hour: int, day: int, month: int = 6) -> dt.datetime:
    return dt.datetime(2023, month, day, hour, 0, tzinfo=d6.VIETNAM)


def small_dataset() -> d6.Dataset:
    """A province with two districts (one without dossiers), a national-system service."""
    unit, level = d6.AdministrativeUnit, d6.UnitLevel
    units = [
        unit(code="99", name="Tỉnh Mẫu", level=level.PROVINCE),
        unit(code="991", name="Huyện Một", level=level.DISTRICT, parent="99"),
        unit(code="992", name="Huyện Hai", level=level.DISTRICT, parent="99"),
        unit(code="99101", name="Xã Một", level=level.COMMUNE, parent="991"),
    ]
    services = [
        d6.Service(code="S-1", name="Dịch vụ một", agency="Công an", essential=True),
        d6.Service(code="S-2", name="=Dịch vụ hai", agency="BHXH", local_totals=False),
    ]

    def dossier(
        number: int, service: str, unit_code: str, online: bool, when: dt.datetime
    ) -> d6.Dossier:
        channel = d6.Channel.ONLINE if online else d6.Channel.IN_PERSON
        return d6.Dossier(
            id=f"HS-{number}", service=service, unit=unit_code, channel=channel, received=when
        )

    dossiers = [
        dossier(1, "S-1", "99101", True, at(9, 1, 5)),
        dossier(2, "S-1", "991", False, at(10, 2, 5)),
        dossier(3, "S-1", "99101", True, at(9, 5)),
        dossier(4, "S-1", "99101", True, at(9, 6)),
        dossier(5, "S-1", "991", False, at(9, 7)),
        dossier(6, "S-2", "991", True, at(9, 8)),
        dossier(7, "S-1", "99", True, at(9, 9)),
    ]
    teams = (
        d6.Team(id="T-1", name="Đội một", organisation="Đoàn xã Một", members=7, unit="99101"),
        d6.Team(id="T-2", name="Đội hai", organisation="Đoàn huyện Hai", members=5, unit="992"),
    )
    campaign = d6.Campaign(
        id="C-1",
        name="Ngày cao điểm mẫu",
        organiser="Tỉnh đoàn Mẫu",
        start=dt.date(2023, 6, 10),
        end=dt.date(2023, 6, 10),
        teams=teams,
    )
    kind = d6.AssistanceKind
    day = dt.date(2023, 6, 10)
    events = [
        d6.AssistanceEvent(campaign="C-1", kind=kind.EID_INSTALLED, count=12, on=day, team="T-1"),
        d6.AssistanceEvent(campaign="C-1", kind=kind.OUTREACH, count=30, on=day, team="T-1"),
        d6.AssistanceEvent(campaign="C-1", kind=kind.EID_INSTALLED, count=4, on=day, team="T-2"),
        d6.AssistanceEvent(campaign="C-1", kind=kind.OUTREACH, count=9, on=day),  # no team
    ]
    return d6.Dataset(services, units, dossiers, [campaign], events)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dataset")
    save_dataset(small_dataset(), path)
    return path


# -- monthly_report_csv.py -------------------------------------------------------------------


@pytest.fixture(scope="module")
def monthly(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return run("monthly_report_csv.py", tmp_path_factory.mktemp("monthly"))


def test_monthly_report_has_the_june_row_of_tax_registration(monthly: Run) -> None:
    assert monthly.returncode == 0, monthly.stderr
    table = rows(monthly.output)
    assert list(table[0]) == [
        "month",
        "service",
        "service_name",
        "online",
        "total",
        "rate_percent",
    ]
    [tax] = [r for r in table if r["month"] == "2023-06" and r["service"] == "D06-21"]
    rate = quang_ngai_2023().dossier_tally.online_rate(service="D06-21", period=JUNE)
    assert rate.defined
    assert (int(tax["online"]), int(tax["total"])) == (rate.numerator, rate.denominator)
    assert tax["rate_percent"] == f"{rate.percent:.1f}"
    assert tax["service_name"].startswith("Đăng ký thuế lần đầu")


def test_monthly_report_covers_every_dossier_and_hides_national_totals(monthly: Run) -> None:
    table = rows(monthly.output)
    dataset = quang_ngai_2023()
    assert sorted({r["month"] for r in table}) == [f"2023-{m:02d}" for m in range(1, 7)]
    assert sum(int(r["online"]) for r in table) == dataset.dossier_tally.online()
    national = {s.code for s in dataset.services if not s.local_totals}
    for row in table:
        if row["service"] in national:  # online dossiers only: no total, no rate
            assert (row["total"], row["rate_percent"]) == ("", "")
        else:
            assert int(row["online"]) <= int(row["total"])


def test_monthly_report_on_a_folder(folder: Path) -> None:
    result = run("monthly_report_csv.py", folder, str(folder), "--unit", "991")
    assert result.returncode == 0, result.stderr
    assert rows(result.output) == [
        {"month": "2023-05", "service": "S-1", "service_name": "Dịch vụ một",
         "online": "1", "total": "2", "rate_percent": "50.0"},
        {"month": "2023-06", "service": "S-1", "service_name": "Dịch vụ một",
         "online": "2", "total": "3", "rate_percent": "66.7"},
        {"month": "2023-06", "service": "S-2", "service_name": "'=Dịch vụ hai",
         "online": "1", "total": "", "rate_percent": ""},
    ]  # fmt: skip


def test_monthly_report_refuses_bad_input(tmp_path: Path, folder: Path) -> None:
    missing = run("monthly_report_csv.py", tmp_path, str(tmp_path / "nowhere"))
    assert missing.returncode == 1
    assert "dean06 validate" in missing.stderr
    bad_period = run(
        "monthly_report_csv.py", tmp_path, str(folder), "--period", "2023-01-15/2023-02-03"
    )
    assert bad_period.returncode == 2
    assert "whole months" in bad_period.stderr
    assert "Traceback" not in missing.stderr + bad_period.stderr


# -- campaign_summary.py ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def campaigns(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return run("campaign_summary.py", tmp_path_factory.mktemp("campaigns"), "--lang", "en")


def test_campaign_summary_lists_the_140_peak_day_teams(campaigns: Run) -> None:
    assert campaigns.returncode == 0, campaigns.stderr
    assert "140 teams, 1,698 members, 140 activities" in campaigns.stdout
    assert "e-ID installations: 2,280 person-times" in campaigns.stdout
    table = rows(campaigns.output)
    peak_day = [r for r in table if r["campaign"] == "QNG23-NCD"]
    assert len(peak_day) == 140
    assert len({r["team"] for r in peak_day}) == 140
    assert sum(int(r["members"]) for r in peak_day) == 1698
    assert sum(int(r["procedure_resolved"]) for r in peak_day) == 2393
    assert sum(int(r["eid_installed"]) for r in peak_day) == 2280
    assert sum(int(r["online_service_guided"]) for r in peak_day) == 2283


def test_campaign_summary_covers_every_campaign_and_kind(campaigns: Run) -> None:
    dataset = quang_ngai_2023()
    table = rows(campaigns.output)
    assert len(table) == sum(len(c.teams) for c in dataset.campaigns)
    assert sum(int(r["total"]) for r in table) == dataset.assistance_tally.total()
    youth_month = [r for r in table if r["campaign"] == "QNG23-TTN"]
    assert sum(int(r["eid_level2_application"]) for r in youth_month) == 4526
    assert "45 activities" in campaigns.stdout


def test_campaign_summary_in_vietnamese_on_a_folder(folder: Path) -> None:
    result = run("campaign_summary.py", folder, str(folder))
    assert result.returncode == 0, result.stderr
    assert "2 đội hình, 12 ĐVTN" in result.stdout
    assert "cài đặt định danh điện tử: 16 lượt" in result.stdout
    table = rows(result.output)
    assert [(r["team"], r["eid_installed"], r["outreach"], r["total"]) for r in table] == [
        ("T-1", "12", "30", "42"),
        ("T-2", "4", "0", "4"),
        ("", "0", "9", "9"),  # help recorded without a team
    ]
    assert table[0]["unit_name"] == "Xã Một"


def test_campaign_summary_refuses_an_unknown_campaign(tmp_path: Path, folder: Path) -> None:
    result = run("campaign_summary.py", tmp_path, str(folder), "--campaign", "NO-SUCH")
    assert result.returncode == 2
    assert "NO-SUCH" in result.stderr


# -- district_comparison.py ------------------------------------------------------------------


@pytest.fixture(scope="module")
def districts(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return run("district_comparison.py", tmp_path_factory.mktemp("districts"))


def test_district_comparison_ranks_ba_to(districts: Run) -> None:
    assert districts.returncode == 0, districts.stderr
    assert "Ba Tơ" in districts.stdout
    table = rows(districts.output)
    assert len(table) == 13
    assert [r["rank"] for r in table] == [str(n) for n in range(1, 14)]
    percents = [float(r["rate_percent"]) for r in table]
    assert percents == sorted(percents, reverse=True)

    dataset = quang_ngai_2023()
    national = {s.code for s in dataset.services if not s.local_totals}
    tally = dataset.dossier_tally
    local = sum(
        (tally.filter(service=c) for c in tally.services() if c not in national), d6.DossierTally()
    )
    expected = local.online_rate(unit="535", catalogue=dataset.catalogue)
    [ba_to] = [r for r in table if r["code"] == "535"]
    assert (int(ba_to["online"]), int(ba_to["total"])) == (
        expected.numerator,
        expected.denominator,
    )
    assert "Received outside any district" in districts.stdout  # the province's own dossiers


def test_district_comparison_keeps_no_rate_apart(tmp_path: Path) -> None:
    result = run("district_comparison.py", tmp_path, "--service", "D06-14")
    assert result.returncode == 0, result.stderr
    ranked, _, no_rate = result.stdout.partition("No rate")
    assert "Ba Tơ" in ranked
    for name in ("Sơn Tịnh", "Sơn Tây", "Thị xã Đức Phổ"):  # no birth registrations there
        assert name in no_rate
        assert name not in ranked
    table = rows(result.output)
    assert [(r["rank"], r["rate_percent"]) for r in table if r["code"] == "527"] == [("", "")]


def test_district_comparison_on_a_folder(folder: Path) -> None:
    result = run("district_comparison.py", folder, str(folder), "--period", "2023-06")
    assert result.returncode == 0, result.stderr
    assert rows(result.output) == [
        {"rank": "1", "code": "991", "name": "Huyện Một", "online": "2", "total": "3",
         "rate_percent": "66.7"},
        {"rank": "", "code": "992", "name": "Huyện Hai", "online": "0", "total": "0",
         "rate_percent": ""},
    ]  # fmt: skip
    assert "99     Tỉnh Mẫu: 1/1" in result.stdout
    assert "1 online dossiers of services run on national systems are left out" in result.stdout
