"""Acceptance: the report of the embedded data set states every figure of domain/BRIEF.md.

Each figure of the brief is read from the REPORT (``dean06.report.build``
of ``dean06.datasets.quang_ngai_2023()``, and with ``unit="535"`` for Ba
Tơ), not from the data set, and checked within the brief's bounds for
qualified figures:

=================  ===========================
wording            the exact value x
=================  ===========================
"N" (a count)      x = N
"more than N"      N < x <= 1.02 N
"nearly N"         0.95 N <= x < N
"p%"               p - 0.5 <= 100 x < p + 0.5
"above p%"         100 x > p
=================  ===========================

The same figures are then read back from the JSON rendering, whose numbers
must agree with the text rendering.  The last part pins the report's own
rules: number formats, undefined rates, ``from_tallies`` and the stable
figure names.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from typing import Any

import pytest

import dean06 as d6
from _brief import (
    AGENCIES_UNION,
    BA_TO,
    BINH_MINH,
    BINH_SON,
    FIRST_HALF_2023,
    PEAK_DAY,
    POLICE_UNION,
    SUMMER,
    TRA_BONG,
    TRA_XUAN,
    YOUTH_MONTH,
    about_percent,
    above_percent,
    more_than,
    nearly,
)
from dean06 import AssistanceKind as K
from dean06.datasets import quang_ngai_2023
from dean06.report import Report, build, format_count, format_rate

ICT = dt.timezone(dt.timedelta(hours=7))


def test_bounds_mean_what_the_brief_says() -> None:
    assert not more_than(1_690, 1_690)
    assert more_than(1_691, 1_690)
    assert more_than(1_723, 1_690)
    assert not more_than(1_724, 1_690)
    assert [nearly(x, 40) for x in (37, 38, 39, 40)] == [False, True, True, False]
    assert about_percent(d6.Rate(975, 1000), 98)
    assert not about_percent(d6.Rate(985, 1000), 98)
    assert above_percent(d6.Rate(961, 1000), 96)
    assert not above_percent(d6.Rate(96, 100), 96)
    assert not about_percent(d6.Rate(0, 0), 0)
    assert not above_percent(d6.Rate(0, 0), 0)


# -- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dataset() -> d6.Dataset:
    return quang_ngai_2023()


@pytest.fixture(scope="module")
def report(dataset: d6.Dataset) -> Report:
    return build(dataset)


@pytest.fixture(scope="module")
def ba_to(dataset: d6.Dataset) -> Report:
    return build(dataset, unit=BA_TO)


@pytest.fixture(scope="module")
def figures_json(report: Report) -> dict[str, Any]:
    document = json.loads(report.render("json"))
    assert isinstance(document, dict)
    figures = document["figures"]
    assert isinstance(figures, dict)
    return figures


@pytest.fixture(scope="module")
def ba_to_json(ba_to: Report) -> dict[str, Any]:
    figures = json.loads(ba_to.render("json", lang="en"))["figures"]
    assert isinstance(figures, dict)
    return figures


def test_dataset_has_no_problems(dataset: d6.Dataset) -> None:
    assert dataset.problems() == ()


def test_report_covers_the_first_half_of_2023(report: Report) -> None:
    assert report.period == FIRST_HALF_2023
    assert report.unit is None
    assert report.unit_name == "Quảng Ngãi"
    assert report.has_data


# -- Youth-union "peak day" ------------------------------------------------------------------


def test_peak_day_teams_and_members(report: Report) -> None:
    peak = report.campaign(PEAK_DAY)
    assert peak.teams == 140
    assert more_than(peak.members, 1_690)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [(K.PROCEDURE_RESOLVED, 2_393), (K.EID_INSTALLED, 2_280), (K.ONLINE_SERVICE_GUIDED, 2_283)],
)
def test_peak_day_help(report: Report, kind: K, expected: int) -> None:
    assert report.campaign(PEAK_DAY).count(kind) == expected


def test_peak_day_every_district_fields_a_team(report: Report, dataset: d6.Dataset) -> None:
    """Every district of the province has a peak-day team ("100% cơ sở đoàn")."""
    districts = dataset.catalogue.at_level(d6.UnitLevel.DISTRICT)
    assert len(districts) == 13
    assert report.campaign(PEAK_DAY).units_with_teams == d6.Rate(13, 13)
    assert [u.code for u in report.units if not u.own] == [u.code for u in districts]
    # The province's own dossiers come first, so the lines add up to the total.
    assert report.units[0].own
    assert report.units[0].code == "51"
    assert sum(u.total for u in report.units) == report.dossiers


def test_peak_day_installs_are_the_reports_eid_installs(report: Report) -> None:
    assert report.eid_count(K.EID_INSTALLED) == 2_280


# -- Summer volunteer campaign ---------------------------------------------------------------


def test_summer_campaign_totals(report: Report) -> None:
    summer = report.campaign(SUMMER)
    assert more_than(summer.count(K.OUTREACH), 200)
    assert summer.count(K.EID_LEVEL2_APPLICATION) == 25
    assert summer.count(K.BANK_ACCOUNT_OPENED) == 35
    assert summer.count(K.EWALLET_CREATED) == 24
    assert nearly(summer.count(K.TAX_FILED_ONLINE), 40)
    assert summer.count(K.ONLINE_SERVICE_GUIDED) == 350
    assert summer.count(K.SITE_DIGITISED) > 0  # no count in the article


def _team_ids(dataset: d6.Dataset, organisation: str, unit: str | None = None) -> list[str]:
    return [
        team.id
        for team in dataset.campaign(SUMMER).teams
        if team.organisation == organisation and (unit is None or team.unit == unit)
    ]


def test_summer_police_union_at_binh_minh(dataset: d6.Dataset, report: Report) -> None:
    """The article names the union: its figures come from its teams, and are all the campaign's."""
    tally = dataset.assistance_tally
    teams = _team_ids(dataset, POLICE_UNION, BINH_MINH)
    assert teams
    outreach = sum(tally.total(campaign=SUMMER, kind=K.OUTREACH, team=t) for t in teams)
    level2 = sum(
        tally.total(campaign=SUMMER, kind=K.EID_LEVEL2_APPLICATION, team=t) for t in teams
    )
    assert more_than(outreach, 200)
    assert level2 == 25
    assert report.campaign(SUMMER).count(K.OUTREACH) == outreach
    assert report.campaign(SUMMER).count(K.EID_LEVEL2_APPLICATION) == level2


@pytest.mark.parametrize(
    ("kind", "check"),
    [
        (K.BANK_ACCOUNT_OPENED, lambda x: x == 35),
        (K.EWALLET_CREATED, lambda x: x == 24),
        (K.TAX_FILED_ONLINE, lambda x: nearly(x, 40)),
        (K.ONLINE_SERVICE_GUIDED, lambda x: x == 350),
    ],
)
def test_summer_agencies_union(dataset: d6.Dataset, report: Report, kind: K, check: Any) -> None:
    tally = dataset.assistance_tally
    teams = _team_ids(dataset, AGENCIES_UNION)
    assert teams
    by_union = sum(tally.total(campaign=SUMMER, kind=kind, team=team) for team in teams)
    assert check(by_union)
    assert report.campaign(SUMMER).count(kind) == by_union


def test_summer_booths_and_districts(dataset: d6.Dataset, report: Report) -> None:
    booths = {t.unit for t in dataset.campaign(SUMMER).teams if t.unit is not None}
    assert booths == {BINH_MINH, TRA_XUAN}
    guided = [
        build(dataset, unit=district).campaign(SUMMER).count(K.ONLINE_SERVICE_GUIDED)
        for district in (BINH_SON, TRA_BONG)
    ]
    assert all(guided)
    assert sum(guided) == report.campaign(SUMMER).count(K.ONLINE_SERVICE_GUIDED) == 350


# -- Youth Month ------------------------------------------------------------------------------


def test_youth_month(report: Report) -> None:
    month = report.campaign(YOUTH_MONTH)
    assert month.organiser == POLICE_UNION
    assert month.activities == 45
    assert nearly(month.members, 200)
    assert month.count(K.EID_LEVEL1_ACTIVATED) == 3_500
    assert more_than(month.count(K.EID_LEVEL2_APPLICATION), 4_500)
    assert month.count(K.EID_LEVEL2_ACTIVATED) == 3_580


def test_eid_section_sums_the_campaigns(report: Report) -> None:
    for kind in (K.EID_INSTALLED, K.EID_LEVEL1_ACTIVATED, K.EID_LEVEL2_APPLICATION):
        assert report.eid_count(kind) == sum(line.count(kind) for line in report.campaigns)
    assert report.eid_count(K.EID_LEVEL1_ACTIVATED) == 3_500
    assert report.eid_count(K.EID_LEVEL2_ACTIVATED) == 3_580


# -- essential online services, whole province -----------------------------------------------


def test_25_essential_services(report: Report) -> None:
    assert report.essential_services == 25
    assert [line.code for line in report.services if line.essential] == [
        s.code for s in d6.essential_services()
    ]


def test_23_of_25_with_online_dossiers(report: Report) -> None:
    assert report.with_online == d6.Rate(23, 25)


def test_16_of_22_above_half(report: Report) -> None:
    assert report.above_half == d6.Rate(16, 22)


def test_four_services_fully_online(report: Report) -> None:
    # Confirming the old ID number, temporary absence, residence notification, new seal.
    assert report.fully_online == ("D06-01", "D06-05", "D06-06", "D06-10")
    for code in report.fully_online:
        rate = report.service(code).rate
        assert rate.defined
        assert rate.value == 1


def test_tax_registration_98_percent(report: Report) -> None:
    assert about_percent(report.service("D06-21").rate, 98)


def test_exam_registration_above_96_percent(report: Report) -> None:
    assert above_percent(report.service("D06-24").rate, 96)


def test_monthly_rate_rises(report: Report) -> None:
    assert [month for month, _ in report.monthly] == list(FIRST_HALF_2023.months())
    assert report.trend is d6.Trend.RISING


def test_national_services_have_no_rate(report: Report) -> None:
    national = [line for line in report.services if line.essential and not line.local_totals]
    assert len(national) == 3
    for line in national:
        assert line.online > 0
        assert not line.rate.defined  # "no rate", not 0%
    rated = [line for line in report.services if line.essential and line.rate.defined]
    assert len(rated) == report.above_half.denominator == 22
    # Known zero: dossiers but none online.
    assert sorted(line.code for line in rated if line.rate.numerator == 0) == [
        "D06-11",
        "D06-19",
    ]


# -- Ba Tơ district police and its communes ---------------------------------------------------


def test_ba_to_scope(ba_to: Report, dataset: d6.Dataset) -> None:
    assert ba_to.unit == BA_TO
    assert ba_to.unit_name == "Ba Tơ"
    assert ba_to.unit_level is d6.UnitLevel.DISTRICT
    assert {u.code for u in ba_to.units if not u.own} == {
        u.code for u in dataset.catalogue.children(BA_TO)
    }
    assert sum(u.total for u in ba_to.units) == ba_to.dossiers


def test_ba_to_citizen_id_cards(ba_to: Report) -> None:
    line = ba_to.service("D06-02")
    assert nearly(line.online, 100)
    assert above_percent(line.rate, 92)


def test_ba_to_temporary_residence(ba_to: Report) -> None:
    assert nearly(ba_to.service("D06-04").online, 40)


@pytest.mark.parametrize(("code", "expected"), [("D06-03", 90), ("D06-06", 380), ("D06-07", 62)])
def test_ba_to_exact_counts(ba_to: Report, code: str, expected: int) -> None:
    assert ba_to.service(code).online == expected


# -- the same figures through JSON ------------------------------------------------------------


def _rate(figure: Any) -> d6.Rate:
    assert set(figure) == {"numerator", "denominator", "percent"}
    rate = d6.Rate(figure["numerator"], figure["denominator"])
    if rate.defined:
        assert figure["percent"] == pytest.approx(100 * figure["numerator"] / rate.denominator)
    else:
        assert figure["percent"] is None
    return rate


def test_json_document_shape(report: Report) -> None:
    document = json.loads(report.render("json", lang="en"))
    assert document["schema_version"] == 1
    assert document["period"] == "2023-H1"
    assert document["unit"] is None
    assert set(document) == {"schema_version", "period", "unit", "figures"}
    figures = document["figures"]
    monthly = [v["percent"] for k, v in sorted(figures.items()) if k.startswith("month.")]
    assert monthly == sorted(monthly)
    assert len(set(monthly)) == len(monthly)  # rising month on month
    fully = [
        name.split(".")[1]
        for name, value in figures.items()
        if name.startswith("service.")
        and name.endswith(".online_rate")
        and value["denominator"]
        and value["numerator"] == value["denominator"]
    ]
    # National-system services (no local totals) have no rate in the report.
    assert fully == ["D06-01", "D06-05", "D06-06", "D06-10"]


def test_json_figures_are_the_report_figures(report: Report, figures_json: dict[str, Any]) -> None:
    expected = report.figures()
    assert list(figures_json) == list(expected)
    for name, value in expected.items():
        if isinstance(value, d6.Rate):
            assert _rate(figures_json[name]) == value, name
        else:
            assert figures_json[name] == value, name


def test_json_states_the_brief_figures(figures_json: dict[str, Any]) -> None:
    f = figures_json
    assert f["essential_services"] == 25
    assert _rate(f["essential_services_with_online"]) == d6.Rate(23, 25)
    assert _rate(f["essential_services_above_50_percent"]) == d6.Rate(16, 22)
    assert f["essential_services_fully_online"] == 4
    assert about_percent(_rate(f["service.D06-21.online_rate"]), 98)
    assert above_percent(_rate(f["service.D06-24.online_rate"]), 96)
    months = [_rate(f[f"month.2023-{m:02d}.online_rate"]) for m in range(1, 7)]
    assert d6.trend(list(zip(FIRST_HALF_2023.months(), months, strict=True))) is d6.Trend.RISING
    assert f[f"campaign.{PEAK_DAY}.teams"] == 140
    assert more_than(f[f"campaign.{PEAK_DAY}.members"], 1_690)
    assert f[f"campaign.{PEAK_DAY}.procedure_resolved"] == 2_393
    assert f[f"campaign.{PEAK_DAY}.eid_installed"] == 2_280
    assert f[f"campaign.{PEAK_DAY}.online_service_guided"] == 2_283
    assert _rate(f[f"campaign.{PEAK_DAY}.units_with_teams"]) == d6.Rate(13, 13)
    assert more_than(f[f"campaign.{SUMMER}.outreach"], 200)
    assert f[f"campaign.{SUMMER}.eid_level2_application"] == 25
    assert f[f"campaign.{SUMMER}.bank_account_opened"] == 35
    assert f[f"campaign.{SUMMER}.ewallet_created"] == 24
    assert nearly(f[f"campaign.{SUMMER}.tax_filed_online"], 40)
    assert f[f"campaign.{SUMMER}.online_service_guided"] == 350
    assert f[f"campaign.{YOUTH_MONTH}.activities"] == 45
    assert nearly(f[f"campaign.{YOUTH_MONTH}.members"], 200)
    assert f[f"campaign.{YOUTH_MONTH}.eid_level1_activated"] == 3_500
    assert more_than(f[f"campaign.{YOUTH_MONTH}.eid_level2_application"], 4_500)
    assert f[f"campaign.{YOUTH_MONTH}.eid_level2_activated"] == 3_580


def test_json_states_the_ba_to_figures(ba_to_json: dict[str, Any], ba_to: Report) -> None:
    citizen_id = _rate(ba_to_json["service.D06-02.online_rate"])
    assert nearly(citizen_id.numerator, 100)
    assert above_percent(citizen_id, 92)
    assert _rate(ba_to_json["service.D06-03.online_rate"]).numerator == 90
    assert nearly(_rate(ba_to_json["service.D06-04.online_rate"]).numerator, 40)
    assert _rate(ba_to_json["service.D06-06.online_rate"]).numerator == 380
    assert _rate(ba_to_json["service.D06-07.online_rate"]).numerator == 62
    assert ba_to_json["dossiers"] == ba_to.dossiers


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_json_numbers_agree_with_the_text(report: Report, lang: str) -> None:
    text = report.render("text", lang=lang)
    figures = json.loads(report.render("json", lang=lang))["figures"]

    def frac(name: str) -> str:
        rate = _rate(figures[name])
        return f"{format_count(rate.numerator, lang)}/{format_count(rate.denominator, lang)}"

    assert f"- {frac('essential_services_with_online')} " in text
    assert f"- {frac('essential_services_above_50_percent')} " in text
    online = _rate(figures["online_rate"])
    assert format_count(figures["dossiers"], lang) in text
    assert format_count(figures["dossiers_online"], lang) in text
    assert f"{format_rate(online, lang)})." in text
    assert f"{format_rate(_rate(figures['on_time_rate']), lang)} ({frac('on_time_rate')} " in text
    # Every table row: code, online, total and rate as the JSON says.
    for name, figure in figures.items():
        match = re.fullmatch(r"(service|unit|month)\.(.+)\.online_rate", name)
        if not match:
            continue
        kind, key = match.groups()
        rate = _rate(figure)
        if kind == "month":
            year, month = key.split("-")
            key = f"{month}/{year}" if lang == "vi" else key
        if kind == "service" and not report.service(key).local_totals:
            # No local totals: the text gives the online count, then no total and no rate.
            assert not rate.defined
            cells = [format_count(figures[f"service.{key}.online"], lang), "–", "–"]
        else:
            cells = [
                format_count(rate.numerator, lang),
                format_count(rate.denominator, lang),
                format_rate(rate, lang),
            ]
        row = (
            rf"^  {re.escape(key)}\s.*\s{re.escape(cells[0])}\s+"
            + r"\s+".join(re.escape(c) for c in cells[1:])
            + "$"
        )
        assert re.search(row, text, flags=re.MULTILINE), (name, row)
    # Every count of every campaign.
    for campaign in report.campaigns:
        for kind, count in campaign.help:
            key = f"campaign.{campaign.id}.{kind.name.lower()}"
            assert figures[key] == count
            label = kind.label(lang)
            assert f"{label[:1].upper()}{label[1:]}: {format_count(count, lang)} " in text


# -- number formats and undefined rates -------------------------------------------------------


def test_vietnamese_and_english_number_formats(report: Report) -> None:
    vi, en = report.render(lang="vi"), report.render(lang="en")
    assert "2.393 lượt" in vi
    assert "2,393 person-times" in en
    assert "72,7%" in vi  # D06-02: 800/1,100
    assert "72.7%" in en
    assert "14.412 hồ sơ" in vi
    assert "14,412 dossiers" in en
    assert "94,0% (9.598/10.214" in vi
    assert "94.0% (9,598/10,214" in en
    assert format_count(1_234_567) == "1.234.567"
    assert format_count(1_234_567, "en") == "1,234,567"
    assert format_rate(d6.Rate(1, 8)) == "12,5%"
    assert format_rate(d6.Rate(2_393, 2_393), "vi") == "100,0%"
    assert format_rate(d6.Rate(1, 3), "en", digits=2) == "33.33%"


def _dossier(number: int, service: str, channel: d6.Channel, unit: str = "X1") -> d6.Dossier:
    return d6.Dossier(
        id=f"T-{number:04d}",
        service=service,
        unit=unit,
        channel=channel,
        received=dt.datetime(2023, 5, 2, 9, 0, tzinfo=ICT),
    )


@pytest.fixture(scope="module")
def no_essential_dossiers() -> Report:
    """Dossiers only for a service outside the 25: every essential rate is undefined."""
    service = d6.Service(code="LOCAL-1", name="Dịch vụ địa phương", agency="UBND")
    dossiers = [
        _dossier(1, "LOCAL-1", d6.Channel.ONLINE),
        _dossier(2, "LOCAL-1", d6.Channel.IN_PERSON),
    ]
    return build(d6.Dataset(services=[*d6.essential_services(), service], dossiers=dossiers))


def test_undefined_rates_are_not_zero(no_essential_dossiers: Report) -> None:
    report = no_essential_dossiers
    assert report.with_online == d6.Rate(0, 25)  # known: none of the 25 had one
    assert report.above_half == d6.Rate(0, 0)  # unknown: no essential service has a rate
    assert not report.on_time_rate.defined
    assert all(not line.rate.defined for line in report.services if line.essential)
    assert report.service("LOCAL-1").rate == d6.Rate(1, 2)


@pytest.mark.parametrize(("lang", "zero"), [("vi", "0,0%"), ("en", "0.0%")])
def test_undefined_rates_print_as_a_dash(
    no_essential_dossiers: Report, lang: str, zero: str
) -> None:
    for fmt in ("text", "markdown"):
        rendered = no_essential_dossiers.render(fmt, lang=lang)
        assert not re.search(rf"(?<![0-9.,]){re.escape(zero)}", rendered), fmt
        assert "0/0" not in rendered, fmt
        assert "–" in rendered, fmt
    rows = list(csv.reader(io.StringIO(no_essential_dossiers.render("csv", lang=lang))))
    for name, _, _, numerator, denominator, percent in rows[1:]:
        if denominator == "0":
            assert (numerator, percent) == ("0", "–"), name
        elif denominator:
            assert percent == format_rate(d6.Rate(int(numerator), int(denominator)), lang)
    assert ["essential_services_with_online", "", "0/25", "0", "25", zero] in rows
    text = no_essential_dossiers.render(lang=lang)
    lines = text.splitlines()
    above_half = next(line for line in lines if "50%" in line)
    assert above_half.startswith("- – ")
    on_time = next(line for line in lines if line.startswith(("- Giải quyết", "- Resolved")))
    assert ": – (" in on_time
    d06_01 = next(line for line in lines if line.startswith("  D06-01"))
    assert d06_01.split()[-3:] == ["0", "0", "–"]
    figures = json.loads(no_essential_dossiers.render("json", lang=lang))["figures"]
    assert figures["essential_services_above_50_percent"]["percent"] is None
    assert figures["service.D06-01.online_rate"]["percent"] is None


def test_a_known_zero_prints_as_zero(report: Report) -> None:
    row = next(line for line in report.render().splitlines() if line.startswith("  D06-11"))
    assert row.split()[-3:] == ["0", "12", "0,0%"]


def test_a_report_without_dossiers_says_so() -> None:
    report = build(d6.Dataset(services=d6.essential_services()))
    assert not report.has_data
    assert report.period is None
    text = report.render()
    assert "Không có số liệu trong phạm vi báo cáo này." in text
    assert "Không có hồ sơ trong phạm vi báo cáo." in text
    assert "There is no data in the scope of this report." in report.render(lang="en")


# -- from_tallies, figure names, render arguments ---------------------------------------------


def test_from_tallies_equals_build(dataset: d6.Dataset, report: Report, ba_to: Report) -> None:
    kwargs: dict[str, Any] = {
        "services": dataset.services,
        "units": dataset.units,
        "campaigns": dataset.campaigns,
    }
    assert Report.from_tallies(dataset.dossier_tally, dataset.assistance_tally, **kwargs) == report
    assert (
        Report.from_tallies(dataset.dossier_tally, dataset.assistance_tally, unit=BA_TO, **kwargs)
        == ba_to
    )
    kwargs["units"] = dataset.catalogue  # a catalogue gives its units
    assert Report.from_tallies(dataset.dossier_tally, dataset.assistance_tally, **kwargs) == report


def test_from_tallies_of_merged_parts_equals_build(dataset: d6.Dataset) -> None:
    """Tallies computed in parts elsewhere (per district, say) and merged give the same report."""
    middle = len(dataset.dossiers) // 2
    dossiers = d6.DossierTally.of(dataset.dossiers[:middle]) + d6.DossierTally.of(
        dataset.dossiers[middle:]
    )
    events = d6.AssistanceTally.from_counts(dataset.assistance_tally.counts())
    q2 = d6.Period.parse("2023-Q2")
    built = Report.from_tallies(
        dossiers,
        events,
        services=dataset.services,
        units=dataset.units,
        campaigns=dataset.campaigns,
        period=q2,
    )
    assert built == build(dataset, period=q2)


def test_top_level_figure_names_are_stable(report: Report) -> None:
    assert [name for name in report.figures() if "." not in name] == [
        "essential_services",
        "essential_services_with_online",
        "essential_services_above_50_percent",
        "essential_services_fully_online",
        "dossiers",
        "dossiers_online",
        "dossiers_resolved",
        "dossiers_paid_online",
        "dossiers_assisted",
        "online_rate",
        "on_time_rate",
        "eid_installed",
        "eid_level1_activated",
        "eid_level2_applications",
        "eid_level2_activated",
    ]


def test_item_figure_names(report: Report) -> None:
    names = list(report.figures())
    assert "service.D06-01.online_rate" in names
    assert "month.2023-06.online_rate" in names
    assert "unit.535.online_rate" in names
    prefix = f"campaign.{PEAK_DAY}"
    assert [n for n in names if n.startswith(prefix)][:4] == [
        f"{prefix}.teams",
        f"{prefix}.members",
        f"{prefix}.activities",
        f"{prefix}.units_with_teams",
    ]
    for name, value in report.figures().items():
        assert isinstance(value, int | d6.Rate), name
        assert not isinstance(value, bool), name


@pytest.mark.parametrize("fmt", ["pdf", "TEXT", "", "xlsx"])
def test_unknown_format_is_a_validation_error(report: Report, fmt: str) -> None:
    with pytest.raises(d6.ValidationError, match="format"):
        report.render(fmt)


@pytest.mark.parametrize("lang", ["fr", "VI", "", "vn"])
def test_unknown_language_is_a_validation_error(report: Report, lang: str) -> None:
    with pytest.raises(d6.ValidationError):
        report.render("text", lang=lang)


def test_build_refuses_what_is_not_a_report_scope(dataset: d6.Dataset) -> None:
    with pytest.raises(d6.ValidationError, match="whole months"):
        build(dataset, period=d6.Period.parse("2023-01-15/2023-03-31"))
    with pytest.raises(d6.ValidationError, match="unknown unit"):
        build(dataset, unit="999")


# -- campaigns: teams in scope, campaigns known only from their events -------------------------


def _campaign_data(*, with_campaign: bool) -> d6.Dataset:
    units = [
        d6.AdministrativeUnit(code="P", name="Tỉnh", level=d6.UnitLevel.PROVINCE),
        d6.AdministrativeUnit(code="A", name="Huyện A", level=d6.UnitLevel.DISTRICT, parent="P"),
        d6.AdministrativeUnit(code="B", name="Huyện B", level=d6.UnitLevel.DISTRICT, parent="P"),
    ]
    # A provincial team (no unit of its own) that worked in district B.
    team = d6.Team(id="T-1", name="Đội hình tỉnh", organisation="Tỉnh đoàn", members=6)
    campaign = d6.Campaign(
        id="C-1",
        name="Chiến dịch",
        organiser="Tỉnh đoàn",
        start=dt.date(2023, 5, 1),
        end=dt.date(2023, 5, 31),
        teams=(team,),
    )
    events = [
        d6.AssistanceEvent(
            campaign="C-1", kind=K.OUTREACH, count=1, on=dt.date(2023, 5, 6), team="T-1", unit="B"
        )
    ]
    dossiers = [_dossier(1, "D06-01", d6.Channel.ONLINE, unit="B")]
    return d6.Dataset(
        services=d6.essential_services(),
        units=units,
        dossiers=dossiers,
        campaigns=[campaign] if with_campaign else [],
        events=events,
    )


def test_a_team_that_worked_in_the_scope_takes_part() -> None:
    data = _campaign_data(with_campaign=True)
    in_b = build(data, unit="B").campaign("C-1")
    assert (in_b.teams, in_b.members, in_b.activities) == (1, 6, 1)
    assert build(data, unit="A").campaigns == ()  # nothing happened in A


def test_a_campaign_known_only_from_its_events_is_reported() -> None:
    report = build(_campaign_data(with_campaign=False))
    assert report.has_data
    (line,) = report.campaigns
    assert (line.id, line.name, line.listed) == ("C-1", "C-1", False)
    assert (line.start, line.end) == (dt.date(2023, 5, 6), dt.date(2023, 5, 6))
    assert line.count(K.OUTREACH) == 1
    names = [name for name in report.figures() if name.startswith("campaign.")]
    assert names == ["campaign.C-1.activities", "campaign.C-1.outreach"]
    text = report.render(lang="en")
    assert "1. C-1 (2023-05-06; known from its activities only: no campaign record)" in text
    assert "   - 1 activity." in text


def test_english_counts_of_one_are_singular() -> None:
    text = build(_campaign_data(with_campaign=True)).render(lang="en")
    assert "- 1 dossier received, 1 of them online (100.0%)." in text
    assert "- 1 service at 100% online: " in text
    assert "(of 1 service with local totals and dossiers)" in text
    assert "   - 1 team, 6 members taking part; 1 activity." in text
    assert "   - Outreach: 1 person-time" in text
    assert "- Paid online: 0 dossiers; filed with a volunteer's help: 0 dossiers." in text
    vi = build(_campaign_data(with_campaign=True)).render(lang="vi")
    assert "   - 1 đội hình, 6 đoàn viên, thanh niên tham gia; 1 lượt hoạt động." in vi


def test_the_command_s_fast_tallies_equal_the_data_set_s() -> None:
    # `dean06 report` counts the embedded dossiers without building them.
    from dean06.datasets import quang_ngai_2023_tallies  # noqa: PLC0415

    quang_ngai_2023.cache_clear()
    parts = quang_ngai_2023_tallies.__wrapped__()
    dataset = quang_ngai_2023()
    assert parts.dossiers == dataset.dossier_tally
    assert parts.assistance == dataset.assistance_tally
    assert parts.services == dataset.services
    assert parts.units == dataset.units
    assert parts.campaigns == dataset.campaigns
