"""The HTML report: one self-contained file, the same figures as the text and JSON reports.

Golden file: ``tests/golden/report_html_charts.json`` pins the data of every
chart (points, bars, labels, figure names) of the embedded Quảng Ngãi 2023
report, in Vietnamese and English: the data, not the pixels.  After a
deliberate change, regenerate it and review the diff::

    DEAN06_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report_html.py

The browser test opens the report in Debian's ``chromium`` (headless, no
network: every request would fail, and the DevTools protocol lists every
request the page made) through ``scripts/screenshot_report.py``, the script
that makes ``docs/images/report-vi.png``.  Without chromium it is skipped,
and says why.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import importlib.util
import json
import os
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dean06.cli
import dean06.datasets
import dean06.report
from dean06 import (
    VIETNAM,
    AdministrativeUnit,
    AssistanceEvent,
    AssistanceKind,
    AssistanceTally,
    Campaign,
    Channel,
    Dossier,
    DossierTally,
    Rate,
    Service,
    Team,
    UnitLevel,
    ValidationError,
)
from dean06.report import Report, format_count, format_rate
from dean06.report_html import (
    campaign_bars,
    eid_bars,
    monthly_points,
    render_html,
    service_bars,
    unit_bars,
)
from dean06.strategies import texts

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import ModuleType

# html5lib ships no type information: imported as a module object (Any).
html5lib: Any = importlib.import_module("html5lib")

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "report_html_charts.json"
SCRIPT = HERE.parent / "scripts" / "screenshot_report.py"
UPDATE = os.environ.get("DEAN06_UPDATE_GOLDEN") == "1"

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
LANGS = ("vi", "en")
PEAK_DAY = "QNG23-NCD"
YOUTH_MONTH = "QNG23-TTN"
SVG_ELEMENT = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


# -- shared fixtures (built once: the embedded report and its renderings) --------------------


@functools.cache
def embedded() -> Report:
    return dean06.report.build(dean06.datasets.quang_ngai_2023())


@functools.cache
def page(lang: str) -> str:
    return render_html(embedded(), lang)


def parse(document: str) -> ET.Element:
    """Parse *document* as HTML5; any parse error fails (strict mode)."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    root: ET.Element = parser.parse(document)
    assert parser.errors == []
    return root


@functools.cache
def tree(lang: str) -> ET.Element:
    return parse(page(lang))


def svgs(document: str) -> list[ET.Element]:
    """Every ``<svg>`` of *document*, parsed on its own as XML."""
    return [ET.fromstring(match) for match in SVG_ELEMENT.findall(document)]  # noqa: S314 - our own output


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def all_texts(root: ET.Element) -> set[str]:
    """The full text of every element: a name shown whole is one of them."""
    return {text_of(element) for element in root.iter()}


def squeeze(text: str) -> str:
    return " ".join(text.split())


def figure_elements(root: ET.Element) -> Iterator[ET.Element]:
    return (element for element in root.iter() if element.get("data-figure") is not None)


def chart(root: ET.Element, ident: str) -> ET.Element:
    """The SVG chart whose title has id ``<ident>-title`` (in an XML or HTML tree)."""
    for element in root.iter():
        if element.tag.endswith("svg") and element.get("aria-labelledby") == f"{ident}-title":
            return element
    raise KeyError(ident)


def expected_text(name: str, value: int | Rate, lang: str) -> str:
    """How the report prints a figure: counts and rates, and "23/25" for counts of services."""
    if isinstance(value, int):
        return format_count(value, lang)
    fraction = name in (
        "essential_services_with_online",
        "essential_services_above_50_percent",
    ) or name.endswith(".units_with_teams")
    if fraction and value.defined:
        return f"{format_count(value.numerator, lang)}/{format_count(value.denominator, lang)}"
    return format_rate(value, lang)


# -- the document ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_renderer_is_what_report_render_html_gives(lang: str) -> None:
    assert embedded().render("html", lang=lang) == page(lang)
    assert page(lang).startswith("<!DOCTYPE html>\n")
    assert f'<html lang="{lang}">' in page(lang)


def test_the_command_writes_the_same_file(tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    status = dean06.cli.main(["report", "--format", "html", "--output", str(output)])
    assert status == 0
    assert output.read_text(encoding="utf-8") == page("vi")


@pytest.mark.parametrize("lang", LANGS)
def test_the_document_parses_as_html5_without_a_single_error(lang: str) -> None:
    root = tree(lang)
    assert root.tag == f"{XHTML}html"
    assert root.get("lang") == lang


def test_the_output_is_deterministic() -> None:
    fresh = dean06.report.build(dean06.datasets.quang_ngai_2023())
    for lang in LANGS:
        assert render_html(fresh, lang) == page(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_is_well_formed_svg_named_and_described(lang: str) -> None:
    charts = svgs(page(lang))
    report = embedded()
    expected = 1 + 1 + 1 + sum(1 for c in report.campaigns if c.help) + 1
    assert len(charts) == expected == 7
    for svg in charts:
        assert svg.tag == f"{SVG}svg"
        assert svg.get("role") == "img"
        titles = {el.get("id"): text_of(el) for el in svg.iter(f"{SVG}title") if el.get("id")}
        descs = {el.get("id"): text_of(el) for el in svg.iter(f"{SVG}desc")}
        assert titles[svg.get("aria-labelledby")]
        assert descs[svg.get("aria-describedby")]
        axis_labels = [text_of(t) for t in svg.iter(f"{SVG}text")]
        assert len(axis_labels) > 5


@pytest.mark.parametrize("lang", LANGS)
def test_ids_are_unique_and_every_reference_resolves(lang: str) -> None:
    root = tree(lang)
    ids = [el.get("id") for el in root.iter() if el.get("id") is not None]
    assert len(ids) == len(set(ids))
    for element in root.iter():
        for attribute in ("aria-labelledby", "aria-describedby"):
            for ident in (element.get(attribute) or "").split():
                assert ident in ids
        href = element.get("href")
        if href is not None:
            assert href.removeprefix("#") in ids


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_is_loaded_from_outside_the_file(lang: str) -> None:
    root = tree(lang)
    forbidden = {"script", "link", "img", "iframe", "object", "embed", "audio", "video", "base"}
    for element in root.iter():
        local = element.tag.rsplit("}", 1)[-1]
        assert local not in forbidden, local
        for name, value in element.attrib.items():
            attribute = name.rsplit("}", 1)[-1]
            assert attribute not in {"src", "srcset", "action", "poster", "background", "data"}
            if attribute == "href":
                assert value.startswith("#"), value
            assert "url(" not in value
        if local == "style":
            css = text_of(element)
            assert "url(" not in css
            assert "@import" not in css
            assert "@font-face" not in css
    # Nothing names a place to fetch from (the SVG namespace is a name, not a fetch).
    raw = page(lang).replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "//" not in raw
    assert not re.search(r"(?i)\bdata:\w+/", raw)


def test_print_css_sets_a4_and_keeps_charts_whole() -> None:
    css = text_of(next(el for el in tree("vi").iter() if el.tag == f"{XHTML}style"))
    assert "@page { size: A4;" in css
    assert "@media print" in css
    assert "break-inside: avoid" in css
    assert "prefers-color-scheme: dark" not in css


# -- one source of truth -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_is_in_the_html_as_the_reports_print_it(lang: str) -> None:
    report = embedded()
    figures = report.figures()
    wire = json.loads(report.render("json", lang=lang))["figures"]
    assert set(wire) == set(figures)
    marked = list(figure_elements(tree(lang)))
    html_marked = [el for el in marked if el.tag.startswith(XHTML)]
    for name, value in figures.items():
        shown = [el for el in html_marked if el.get("data-figure") == name]
        assert shown, f"{name} is not in the HTML"
        for element in shown:
            assert element.get("data-value") == str(value)
            assert text_of(element).strip() == expected_text(name, value, lang)
        if isinstance(value, Rate):
            assert (wire[name]["numerator"], wire[name]["denominator"]) == (
                value.numerator,
                value.denominator,
            )
        else:
            assert wire[name] == value
    # And nothing is marked (in a table or in a chart) that the report does not hold.
    for element in marked:
        marked_name = element.get("data-figure", "")
        assert marked_name in figures, marked_name
        assert element.get("data-value") == str(figures[marked_name])


@pytest.mark.parametrize(
    ("figure", "vi", "en", "charted"),
    [
        ("essential_services_with_online", "23/25", "23/25", False),
        ("essential_services_above_50_percent", "16/22", "16/22", False),
        ("essential_services_fully_online", "4", "4", False),
        ("online_rate", "70,8%", "70.8%", False),
        ("dossiers", "14.412", "14,412", False),
        ("month.2023-06.online_rate", "79,7%", "79.7%", True),
        ("service.D06-21.online_rate", "98,0%", "98.0%", True),
        ("service.D06-09.online_rate", "–", "–", True),
        (f"campaign.{PEAK_DAY}.teams", "140", "140", False),
        (f"campaign.{PEAK_DAY}.procedure_resolved", "2.393", "2,393", True),
        (f"campaign.{PEAK_DAY}.eid_installed", "2.280", "2,280", True),
        (f"campaign.{PEAK_DAY}.online_service_guided", "2.283", "2,283", True),
        (f"campaign.{YOUTH_MONTH}.activities", "45", "45", False),
        ("eid_level1_activated", "3.500", "3,500", True),
        ("eid_level2_activated", "3.580", "3,580", True),
    ],
)
def test_key_figures_in_tables_and_charts(figure: str, vi: str, en: str, charted: bool) -> None:
    value = embedded().figures()[figure]
    for lang, text in (("vi", vi), ("en", en)):
        shown = [el for el in figure_elements(tree(lang)) if el.get("data-figure") == figure]
        cells = [el for el in shown if el.tag.startswith(XHTML)]
        assert [text_of(el).strip() for el in cells] == [text]
        groups = [el for el in shown if el.tag.startswith(SVG)]
        assert len(groups) == (1 if charted else 0)
        for group in groups:
            assert group.get("data-value") == str(value)
            if isinstance(value, int) or value.defined:
                assert text in text_of(group)  # the number printed on the bar or point


@pytest.mark.parametrize("lang", LANGS)
def test_the_text_reports_sentences_are_in_the_html(lang: str) -> None:
    text_report = embedded().render("text", lang=lang).splitlines()
    html_text = squeeze(text_of(tree(lang)))
    sentences = text_report[:3] + [
        re.sub(r"^(\s*-\s+|\d+\.\s+)", "", line)
        for line in text_report
        if re.match(r"^(\s*-\s+|\d+\.\s+)", line)
    ]
    assert len(sentences) > 20
    for sentence in sentences:
        assert squeeze(sentence) in html_text, sentence


# -- chart data ---------------------------------------------------------------------------------


def plain(value: object) -> object:
    """A chart datum as JSON: rates as "numerator/denominator"."""
    if isinstance(value, Rate):
        return str(value)
    kind = type(value)
    if attrs.has(kind):
        return {f.name: plain(getattr(value, f.name)) for f in attrs.fields(kind) if f.init}
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    return value


def chart_data(report: Report, lang: str) -> dict[str, object]:
    return {
        "monthly_points": plain(monthly_points(report, lang)),
        "service_bars": plain(service_bars(report, lang)),
        "unit_bars": plain(unit_bars(report, lang)),
        "campaign_bars": plain(campaign_bars(report, lang)),
        "eid_bars": plain(eid_bars(report, lang)),
    }


def test_chart_data_matches_the_golden_file() -> None:
    current = {lang: chart_data(embedded(), lang) for lang in LANGS}
    text = json.dumps(current, ensure_ascii=False, indent=2) + "\n"
    if UPDATE:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.exists(), "no golden file: run with DEAN06_UPDATE_GOLDEN=1"
    assert json.loads(GOLDEN.read_text(encoding="utf-8")) == current


def test_chart_data_agrees_with_the_report() -> None:
    report = embedded()
    services = service_bars(report)
    rates = [bar.value for bar in services.bars]
    assert all(isinstance(r, Rate) and r.defined for r in rates)
    assert len(services.bars) == services.above_half.denominator == 22
    assert sum(1 for r in rates if isinstance(r, Rate) and r.above(0.5)) == 16
    assert [b.code for b in services.bars[:4]] == sorted(report.fully_online)
    values = [r.value for r in rates if isinstance(r, Rate) and r.value is not None]
    assert values == sorted(values, reverse=True)
    assert {n.code: n.reason for n in services.no_rate} == {
        "D06-08": "no_local_totals",
        "D06-09": "no_local_totals",
        "D06-20": "no_local_totals",
    }
    assert [p.rate for p in monthly_points(report)] == [rate for _, rate in report.monthly]
    assert {b.figure: b.value for b in eid_bars(report)} == {
        "eid_installed": 2280,
        "eid_level1_activated": 3500,
        "eid_level2_applications": 4551,
        "eid_level2_activated": 3580,
    }
    peak = next(c for c in campaign_bars(report) if c.campaign == PEAK_DAY)
    assert [(b.code, b.value) for b in peak.bars] == [
        ("PROCEDURE_RESOLVED", 2393),
        ("ONLINE_SERVICE_GUIDED", 2283),
        ("EID_INSTALLED", 2280),
    ]


# -- small reports built directly --------------------------------------------------------------

PROVINCE, DISTRICT = "P-1", "D-1"


def _dossier(number: int, service: str, month: int, channel: Channel) -> Dossier:
    received = dt.datetime(2023, month, 10, 9, 0, tzinfo=VIETNAM)
    return Dossier(
        id=f"HS-{number}", service=service, unit=DISTRICT, channel=channel, received=received
    )


def small_report(
    *,
    service: str = "Đăng ký tạm trú",
    national: str = "Cấp hộ chiếu",
    empty: str = "Làm con dấu",
    unit: str = "Ba Tơ",
    province: str = "Quảng Ngãi",
    campaign: str = "Ngày cao điểm",
    organiser: str = "Tỉnh đoàn",
    months: tuple[int, ...] = (1, 2),
) -> Report:
    """One province, one district, three essential services, one campaign."""
    services = [
        Service(code="S-1", name=service, agency="Công an tỉnh", essential=True),
        Service(
            code="S-2", name=national, agency="Bộ Công an", essential=True, local_totals=False
        ),
        Service(code="S-3", name=empty, agency="Công an tỉnh", essential=True),
    ]
    units = [
        AdministrativeUnit(code=PROVINCE, name=province, level=UnitLevel.PROVINCE),
        AdministrativeUnit(code=DISTRICT, name=unit, level=UnitLevel.DISTRICT, parent=PROVINCE),
    ]
    team = Team(id="T-1", name="Đội 1", organisation="Đoàn xã", members=7, unit=DISTRICT)
    campaigns = [
        Campaign(
            id="C-1",
            name=campaign,
            organiser=organiser,
            start=dt.date(2023, 3, 1),
            end=dt.date(2023, 3, 31),
            teams=(team,),
        )
    ]
    dossiers: list[Dossier] = []
    for month in months:
        dossiers.extend(
            [
                _dossier(len(dossiers) + 1, "S-1", month, Channel.ONLINE),
                _dossier(len(dossiers) + 2, "S-1", month, Channel.IN_PERSON),
                _dossier(len(dossiers) + 3, "S-1", month, Channel.ONLINE),
                _dossier(len(dossiers) + 4, "S-2", month, Channel.ONLINE),
            ]
        )
    events = [
        AssistanceEvent(
            campaign="C-1",
            kind=kind,
            count=count,
            on=dt.date(2023, 3, 5),
            team="T-1",
            unit=DISTRICT,
        )
        for kind, count in (
            (AssistanceKind.PROCEDURE_RESOLVED, 12),
            (AssistanceKind.EID_INSTALLED, 30),
        )
    ]
    return Report.from_tallies(
        DossierTally.of(dossiers),
        AssistanceTally.of(events),
        services=services,
        units=units,
        campaigns=campaigns,
    )


def test_a_month_without_dossiers_is_a_gap_not_a_zero() -> None:
    report = small_report(months=(1, 2, 4, 5))
    points = monthly_points(report)
    assert [p.label for p in points] == ["01/2023", "02/2023", "03/2023", "04/2023", "05/2023"]
    assert [p.rate for p in points][2] == Rate(0, 0)
    assert [p.text for p in points] == ["75,0%"] * 2 + ["–"] + ["75,0%"] * 2
    document = render_html(report, "vi")
    parse(document)
    line = chart(ET.fromstring(SVG_ELEMENT.findall(document)[0]), "chart-monthly")  # noqa: S314
    pieces = [el.get("points", "").split() for el in line.iter(f"{SVG}polyline")]
    assert [len(p) for p in pieces] == [2, 2]  # January-February, April-May: no line through March
    gap = next(g for g in line.iter(f"{SVG}g") if g.get("data-figure") == points[2].figure)
    assert gap.get("data-value") == "0/0"
    assert list(gap.iter(f"{SVG}circle")) == []
    assert "–" in text_of(gap)
    baseline = max(float(el.get("cy", "0")) for el in line.iter(f"{SVG}circle"))
    assert all(float(c.get("cy", "0")) <= baseline for c in line.iter(f"{SVG}circle"))
    assert len(list(line.iter(f"{SVG}circle"))) == 4


def test_services_without_a_rate_are_listed_apart_never_as_a_zero_bar() -> None:
    report = small_report()
    data = service_bars(report, "en")
    assert [(b.code, b.text) for b in data.bars] == [("S-1", "66.7%")]
    assert [(n.code, n.reason) for n in data.no_rate] == [
        ("S-2", "no_local_totals"),
        ("S-3", "no_dossiers"),
    ]
    assert data.above_half == Rate(1, 1)
    document = render_html(report, "en")
    parse(document)
    services = chart(ET.fromstring(SVG_ELEMENT.findall(document)[1]), "chart-services")  # noqa: S314
    groups = {g.get("data-figure"): g for g in services.iter(f"{SVG}g") if g.get("data-figure")}
    assert list(groups["service.S-1.online_rate"].iter(f"{SVG}rect"))
    for code in ("S-2", "S-3"):
        group = groups[f"service.{code}.online_rate"]
        assert group.get("data-value") == "0/0"
        assert list(group.iter(f"{SVG}rect")) == []  # no bar, not even an empty one
    assert "No rate (not counted as 0%)" in text_of(services)


def test_an_empty_report_still_renders() -> None:
    report = Report.from_tallies(
        DossierTally(), AssistanceTally(), services=[], units=[], campaigns=[]
    )
    for lang in LANGS:
        document = render_html(report, lang)
        root = parse(document)
        svgs(document)
        assert squeeze(dean06.report._T["no_data"][LANGS.index(lang)]) in squeeze(text_of(root))


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValidationError):
        render_html(embedded(), "fr")
    with pytest.raises(ValidationError):
        monthly_points(embedded(), "fr")


def test_characters_no_document_may_hold_are_replaced() -> None:
    report = small_report(service="Bell\x07 \x85 \ufffe end", unit="dòng một\r\ndòng hai\rba")
    for lang in LANGS:
        document = render_html(report, lang)
        root = parse(document)
        charts = svgs(document)
        assert "Bell\ufffd \ufffd \ufffd end" in all_texts(root)
        assert "dòng một\ndòng hai\nba" in all_texts(root)
        assert "\r" not in document
        assert any("Bell\ufffd \ufffd \ufffd end" in all_texts(svg) for svg in charts)


# -- escaping: a property over names ----------------------------------------------------------

_PIECES = (
    "Quảng Ngãi",
    "Trà Bồng",
    "Đoàn",
    "ữ",
    "<",
    ">",
    "&",
    '"',
    "'",
    "&amp;",
    "&lt;b&gt;",
    "<b>",
    "</svg>",
    "</title>",
    "<script>alert(1)</script>",
    "]]>",
    "<!--",
    "-->",
    "{}",
    "{n}",
    " ",
    "\n",
    "\t",
)
_COMPOSED = (
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6)
    .map(lambda parts: unicodedata.normalize("NFC", "".join(parts)).strip())
    .filter(bool)
)
NAMES = st.one_of(_COMPOSED, texts(max_size=30))


def as_parsed(name: str) -> str:
    """What any HTML or XML parser reads back: line ends become line feeds."""
    return name.replace("\r\n", "\n").replace("\r", "\n")


#: Where a name shows: (role in small_report, the charts that must show it whole).
ROLES = {
    "service": ("chart-services",),
    "national": ("chart-services",),
    "unit": ("chart-units",),
    "province": (),
    "campaign": ("chart-campaign-1",),
    "organiser": (),
}


# Each example renders and parses a whole document (with one awkward name in one role),
# so a failure shrinks to a small example in seconds.
@settings(max_examples=max(10, settings().max_examples // 2), report_multiple_bugs=False)
@given(role=st.sampled_from(sorted(ROLES)), name=NAMES, lang=st.sampled_from(LANGS))
def test_names_are_escaped_in_html_and_svg(role: str, name: str, lang: str) -> None:
    names: dict[str, Any] = {role: name}
    report = small_report(**names)
    document = render_html(report, lang)
    root = parse(document)  # strict: a stray "<" or "&" would be a parse error
    assert as_parsed(name) in all_texts(root)
    charts = {svg.get("aria-labelledby", "").removesuffix("-title"): svg for svg in svgs(document)}
    assert set(charts) == {
        "chart-monthly",
        "chart-services",
        "chart-units",
        "chart-campaign-1",
        "chart-eid",
    }
    # The name, whole, inside its charts: as an XML parser reads them, and as the HTML parser does.
    for ident in ROLES[role]:
        assert as_parsed(name) in all_texts(charts[ident])
        assert as_parsed(name) in all_texts(chart(root, ident))


# -- a real browser ------------------------------------------------------------------------------


def screenshot_script() -> ModuleType:
    """``scripts/screenshot_report.py``, the script that makes docs/images/report-vi.png."""
    spec = importlib.util.spec_from_file_location("dean06_screenshot_report", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_a_headless_browser_renders_it_without_any_network(tmp_path: Path) -> None:
    script = screenshot_script()
    chromium = script.find_chromium()
    if chromium is None:
        pytest.skip(
            "Debian's chromium is not installed (apt-get install -y chromium): "
            "the browser test needs a real browser"
        )
    started = time.monotonic()
    html_file = tmp_path / "report-vi.html"
    html_file.write_text(page("vi"), encoding="utf-8")
    result = script.capture(html_file, chromium=chromium, fast=True, timeout=60)
    # The only request the page made is for the file itself.
    assert result.requests == (result.url,)
    assert result.outside_requests == []
    facts = result.facts
    document = page("vi")
    assert facts["readyState"] == "complete"
    assert facts["lang"] == "vi"
    assert facts["title"] == text_of(next(el for el in tree("vi").iter(f"{XHTML}title")))
    assert facts["svgs"] == len(SVG_ELEMENT.findall(document)) == 7
    assert facts["tables"] == document.count("<table>")
    assert facts["figures"] == len(list(figure_elements(tree("vi"))))
    assert facts["footer"] is True
    assert (facts["images"], facts["scripts"]) == (0, 0)
    assert facts["height"] > 1754  # the whole report laid out, well past the first screen
    width, height, _, _ = script.decode_png(result.png)
    assert (width, height) == (1240, 1754)
    colours, ink = script.pixel_variety(result.png)
    assert colours >= 32, "the screenshot is nearly blank"
    assert 0.03 < ink < 0.6
    # The detector detects: a page that does reach out is caught, and the request fails.
    probe = tmp_path / "probe.html"
    probe.write_text(
        '<!DOCTYPE html><html lang="en"><title>probe</title>'
        '<img src="http://dean06.invalid/pixel.png" alt="">',
        encoding="utf-8",
    )
    control = script.capture(probe, chromium=chromium, fast=True, timeout=60)
    assert control.outside_requests == ["http://dean06.invalid/pixel.png"]
    assert time.monotonic() - started < 60
