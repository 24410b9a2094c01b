"""The HTML report: one self-contained file, with its charts drawn as inline SVG.

:func:`render_html` (also ``Report.render("html")`` and ``dean06 report
--format html``) writes an HTML5 document that needs nothing beyond itself:
no network, no external style sheet, font, image or script, and no
JavaScript at all.  It opens from a USB stick on an office PC and prints
cleanly on A4.  It holds every figure of the text report, in the same
words (the same helpers and texts as :mod:`dean06.report`), and five
charts drawn by this module:

* the online rate month by month (a line; a month without dossiers has no
  rate and is a gap in the line, never a zero);
* the online rate of each essential service, sorted, with the 50% line
  marked; services without a rate (no dossiers, or no local totals) are
  listed apart as "no rate", never drawn as a 0% bar;
* the online rate of each unit one level down;
* per campaign, the person-times of help by kind of help;
* the electronic identification help: installations, level-1 activations,
  level-2 applications and level-2 activations.

The data of each chart (its points, bars and labels) comes from a small pure
function of the report (:func:`monthly_points`, :func:`service_bars`,
:func:`unit_bars`, :func:`campaign_bars`, :func:`eid_bars`), apart from the
drawing, so tests pin the data rather than pixels:

>>> import dean06.datasets, dean06.report
>>> report = dean06.report.build(dean06.datasets.quang_ngai_2023())
>>> [(p.label, p.text) for p in monthly_points(report)][:2]
[('01/2023', '57,8%'), ('02/2023', '62,5%')]
>>> bars = service_bars(report)
>>> len(bars.bars), [n.code for n in bars.no_rate]
(22, ['D06-08', 'D06-09', 'D06-20'])

Every chart is an ``<svg role="img">`` named by its ``<title>`` and
described by its ``<desc>`` (which spells out the numbers), followed by a
data table, so a screen reader or a printout loses nothing.  Each figure of
:meth:`Report.figures <dean06.report.Report.figures>` is marked in the
document with ``data-figure`` (its name) and ``data-value`` (its count, or
``numerator/denominator``), the same in tables and in charts.

Every text from the data (names of services, units and campaigns) is
escaped for HTML and SVG alike; characters that neither HTML nor XML
allow in a document (control characters other than tab and line feed,
noncharacters) become U+FFFD, and line ends become line feeds, as any HTML
or XML parser would read them.  The output is deterministic: no timestamp,
no random identifier.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Final

import attrs

from dean06._labels import check_lang
from dean06._version import __version__
from dean06.campaigns import AssistanceKind
from dean06.rates import Rate
from dean06.report import (
    _T,
    _UNDEFINED,
    _capitalised,
    _date,
    _fill,
    _fraction,
    _header_lines,
    _help_line,
    _month_label,
    _summary_lines,
    format_count,
    format_rate,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from dean06.periods import Period
    from dean06.report import CampaignLine, Report, ServiceLine

__all__ = [
    "Bar",
    "CampaignBars",
    "MonthPoint",
    "NoRate",
    "ServiceBars",
    "campaign_bars",
    "eid_bars",
    "monthly_points",
    "render_html",
    "service_bars",
    "unit_bars",
]

#: Where the service and unit charts draw their reference line, as a proportion.
THRESHOLD: Final = Fraction(1, 2)

_EID_FIGURES: Final = {
    AssistanceKind.EID_INSTALLED: "eid_installed",
    AssistanceKind.EID_LEVEL1_ACTIVATED: "eid_level1_activated",
    AssistanceKind.EID_LEVEL2_APPLICATION: "eid_level2_applications",
    AssistanceKind.EID_LEVEL2_ACTIVATED: "eid_level2_activated",
}

# Texts of the HTML report only; the rest come from dean06.report._T.
_H: Final[dict[str, tuple[str, str]]] = {
    "contents": ("Mục lục", "Contents"),
    "key_figures": ("Số liệu chính", "Key figures"),
    "summary": ("Tóm tắt", "Summary"),
    "k_essential": ("DVC thiết yếu", "Essential services"),
    "k_with_online": (
        "DVC thiết yếu phát sinh hồ sơ trực tuyến",
        "Essential services with online dossiers",
    ),
    "k_above_half": (
        "DVC thiết yếu có tỷ lệ trực tuyến trên 50%",
        "Essential services above 50% online",
    ),
    "k_fully": ("DVC đạt 100% trực tuyến", "Services at 100% online"),
    "k_dossiers": ("Hồ sơ tiếp nhận", "Dossiers received"),
    "k_online": ("Hồ sơ trực tuyến", "Online dossiers"),
    "k_online_rate": ("Tỷ lệ hồ sơ trực tuyến", "Online rate"),
    "k_resolved": ("Hồ sơ đã giải quyết", "Dossiers resolved"),
    "k_on_time": ("Giải quyết đúng hạn", "Resolved on time"),
    "k_paid": ("Thanh toán trực tuyến", "Paid online"),
    "k_assisted": ("Nộp với sự hỗ trợ của tình nguyện viên", "Filed with a volunteer's help"),
    "rate_axis": ("Tỷ lệ hồ sơ trực tuyến (%)", "Online rate (%)"),
    "times_axis": ("Số lượt hỗ trợ", "Person-times of help"),
    "service_axis": ("DVC thiết yếu (mã, tên)", "Essential service (code, name)"),
    "unit_axis": ("Đơn vị (mã, tên)", "Unit (code, name)"),
    "kind_axis": ("Loại hỗ trợ", "Kind of help"),
    "services_chart": (
        "Tỷ lệ hồ sơ trực tuyến theo DVC thiết yếu",
        "Online rate by essential service",
    ),
    "units_chart": ("Tỷ lệ hồ sơ trực tuyến theo đơn vị", "Online rate by unit"),
    "campaign_chart": ("Kết quả hỗ trợ theo loại", "Help by kind"),
    "eid_chart": ("Hỗ trợ định danh điện tử", "Help with electronic identification"),
    "above": ("trên 50%", "above 50%"),
    "not_above": ("từ 50% trở xuống", "50% or below"),
    "no_rate": ("Không có tỷ lệ (không tính là 0%)", "No rate (not counted as 0%)"),
    "no_dossiers_note": ("(chưa phát sinh hồ sơ)", "(no dossiers)"),
    "gap": (
        "–: tháng không có hồ sơ, không có tỷ lệ (không phải 0%)",
        "–: a month without dossiers has no rate (not 0%)",
    ),
    "gap_point": ("không có hồ sơ, không có tỷ lệ", "no dossiers, no rate"),
    "no_bars": ("Không có DVC nào có tỷ lệ.", "No service has a rate."),
    "no_help": (
        "Chưa có số liệu hỗ trợ trong phạm vi báo cáo.",
        "No help recorded in the scope of this report.",
    ),
    "chart_data": ("Số liệu của biểu đồ: {title}", "Data of the chart: {title}"),
    "other_services": ("Các dịch vụ khác", "Other services"),
    "kind_col": ("Loại hỗ trợ", "Kind of help"),
    "times_col": ("Số lượt", "Person-times"),
    "footer": (
        "Lập bằng dean06 {version}. Tệp HTML độc lập: mở được không cần mạng, in vừa khổ A4.",
        (
            "Produced by dean06 {version}. A self-contained HTML file: it opens without a "
            "network and prints on A4."
        ),
    ),
}


def _t(key: str, lang: str) -> str:
    index = 0 if lang == "vi" else 1
    pair = _H.get(key) or _T[key]
    return pair[index]


# -- chart data ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class MonthPoint:
    """One month of the monthly online-rate line.

    Attributes:
        figure: the figure's name in :meth:`Report.figures
            <dean06.report.Report.figures>`, e.g. ``"month.2023-01.online_rate"``.
        label: the month as the report names it (``"01/2023"`` or ``"2023-01"``).
        rate: online dossiers over all dossiers of the month; undefined
            (a gap in the line) when the month had no dossiers.
        text: the rate as printed (``"57,8%"``; ``"–"`` when undefined).

    Since: 0.1.0
    """

    figure: str
    label: str
    rate: Rate
    text: str


@attrs.frozen(kw_only=True)
class Bar:
    """One bar of a chart: a rate (0 to 100%) or a count of person-times.

    Attributes:
        figure: the figure's name in :meth:`Report.figures
            <dean06.report.Report.figures>`, e.g. ``"service.D06-01.online_rate"``.
        code: what the bar is about: a service or unit code, or the name of
            an :class:`~dean06.AssistanceKind`.
        label: its name in the report's language.
        value: a :class:`~dean06.Rate` (always defined: charts list rates
            they cannot draw apart) or a count.
        text: the value as printed (``"72,7%"``, ``"2.393"``).

    Since: 0.1.0
    """

    figure: str
    code: str
    label: str
    value: int | Rate
    text: str

    @property
    def magnitude(self) -> float:
        """The bar's length in its scale: a percentage (0 to 100) or the count."""
        if isinstance(self.value, Rate):
            return self.value.percent or 0.0
        return float(self.value)


@attrs.frozen(kw_only=True)
class NoRate:
    """A service the rate chart cannot draw: it has no rate, which is not 0%.

    Attributes:
        figure: the figure's name (its value is an undefined rate).
        code: the service code.
        label: its name in the report's language.
        reason: ``"no_local_totals"`` (a national system: the province sees
            its online dossiers, not its totals) or ``"no_dossiers"``.
        note: the reason as printed.

    Since: 0.1.0
    """

    figure: str
    code: str
    label: str
    reason: str
    note: str


@attrs.frozen(kw_only=True)
class ServiceBars:
    """The essential-service chart: the bars it draws and the services it lists apart.

    Attributes:
        bars: one bar per essential service with a rate, highest rate first
            (ties by code); the same services as the denominator of
            ``above_half``.
        no_rate: the essential services without a rate, by code.
        above_half: the report's figure: services above 50% over services
            with a rate.

    Since: 0.1.0
    """

    bars: tuple[Bar, ...]
    no_rate: tuple[NoRate, ...]
    above_half: Rate


@attrs.frozen(kw_only=True)
class CampaignBars:
    """One campaign's chart: person-times of help by kind.

    Attributes:
        campaign: the campaign id.
        name: the campaign name.
        bars: one bar per kind of help given, in the report's order.

    Since: 0.1.0
    """

    campaign: str
    name: str
    bars: tuple[Bar, ...]


def _month_figure(month: Period) -> str:
    return f"month.{month.start.year:04d}-{month.start.month:02d}.online_rate"


def _rate_order(rate: Rate) -> Fraction:
    return Fraction(rate.numerator, rate.denominator) if rate.defined else Fraction(-1)


def monthly_points(report: Report, lang: str = "vi") -> tuple[MonthPoint, ...]:
    """The points of the monthly online-rate line, one per month of the report.

    Args:
        report: the report.
        lang: ``"vi"`` (default) or ``"en"``, for labels and texts.

    Returns:
        One :class:`MonthPoint` per month, in order; months without
        dossiers carry an undefined rate.

    Raises:
        ValidationError: for an unknown language.

    Since: 0.1.0
    """
    check_lang(lang)
    return tuple(
        MonthPoint(
            figure=_month_figure(month),
            label=_month_label(month, lang),
            rate=rate,
            text=format_rate(rate, lang),
        )
        for month, rate in report.monthly
    )


def _rate_bar(figure: str, code: str, label: str, rate: Rate, lang: str) -> Bar:
    return Bar(figure=figure, code=code, label=label, value=rate, text=format_rate(rate, lang))


def service_bars(report: Report, lang: str = "vi") -> ServiceBars:
    """The bars of the essential-service chart, and the services without a rate.

    Args:
        report: the report.
        lang: ``"vi"`` (default) or ``"en"``.

    Returns:
        The :class:`ServiceBars`.

    Raises:
        ValidationError: for an unknown language.

    Since: 0.1.0
    """
    check_lang(lang)
    essential = [line for line in report.services if line.essential]
    rated = sorted(
        (line for line in essential if line.rate.defined),
        key=lambda line: (-_rate_order(line.rate), line.code),
    )
    bars = tuple(
        _rate_bar(
            f"service.{line.code}.online_rate",
            line.code,
            line.display_name(lang),
            line.rate,
            lang,
        )
        for line in rated
    )
    no_rate = tuple(
        NoRate(
            figure=f"service.{line.code}.online_rate",
            code=line.code,
            label=line.display_name(lang),
            reason="no_dossiers" if line.local_totals else "no_local_totals",
            note=_t("no_dossiers_note" if line.local_totals else "national", lang),
        )
        for line in sorted(essential, key=lambda line: line.code)
        if not line.rate.defined
    )
    return ServiceBars(bars=bars, no_rate=no_rate, above_half=report.above_half)


def unit_bars(report: Report, lang: str = "vi") -> tuple[Bar, ...]:
    """The bars of the unit chart: each unit one level down, highest rate first.

    Units without dossiers are not in the report's unit lines, so every bar
    has a rate.

    Args:
        report: the report.
        lang: ``"vi"`` (default) or ``"en"``.

    Returns:
        One :class:`Bar` per unit, ties by code.

    Raises:
        ValidationError: for an unknown language.

    Since: 0.1.0
    """
    check_lang(lang)
    lines = sorted(
        (line for line in report.units if line.rate.defined),
        key=lambda line: (-_rate_order(line.rate), line.code),
    )
    return tuple(
        _rate_bar(
            f"unit.{line.code}.online_rate", line.code, line.display_name(lang), line.rate, lang
        )
        for line in lines
    )


def _count_bar(figure: str, kind: AssistanceKind, count: int, lang: str) -> Bar:
    return Bar(
        figure=figure,
        code=kind.name,
        label=_capitalised(kind.label(lang)),
        value=count,
        text=format_count(count, lang),
    )


def campaign_bars(report: Report, lang: str = "vi") -> tuple[CampaignBars, ...]:
    """The bars of each campaign's chart: person-times by kind of help.

    Args:
        report: the report.
        lang: ``"vi"`` (default) or ``"en"``.

    Returns:
        One :class:`CampaignBars` per campaign of the report, in its order
        (a campaign without help has no bars).

    Raises:
        ValidationError: for an unknown language.

    Since: 0.1.0
    """
    check_lang(lang)
    return tuple(
        CampaignBars(
            campaign=line.id,
            name=line.name,
            bars=tuple(
                _count_bar(f"campaign.{line.id}.{kind.name.lower()}", kind, count, lang)
                for kind, count in line.help
            ),
        )
        for line in report.campaigns
    )


def eid_bars(report: Report, lang: str = "vi") -> tuple[Bar, ...]:
    """The bars of the electronic identification chart, in the report's order.

    Installations, level-1 activations, level-2 applications and level-2
    activations, as person-times of help by the campaigns in scope (a
    count of 0 is a known zero, drawn as such).

    Args:
        report: the report.
        lang: ``"vi"`` (default) or ``"en"``.

    Returns:
        One :class:`Bar` per kind.

    Raises:
        ValidationError: for an unknown language.

    Since: 0.1.0
    """
    check_lang(lang)
    return tuple(_count_bar(_EID_FIGURES[kind], kind, count, lang) for kind, count in report.eid)


# -- escaping -----------------------------------------------------------------------------

# What neither an HTML document nor an XML one may hold: control characters
# other than tab and line feed (a carriage return is a line end, handled
# first), surrogates and noncharacters.
_NOT_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(
        chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0x10000, 0x110000, 0x10000)
    )
    + "]"
)


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_TEXT.sub("\ufffd", text)


def _esc(text: str) -> str:
    """Text for an HTML or SVG text node (also safe in a quoted attribute)."""
    return html.escape(_clean(text), quote=True)


def _attr(text: str) -> str:
    """Text for a quoted attribute: tab and line feed survive XML's normalisation too."""
    return _esc(text).replace("\t", "&#9;").replace("\n", "&#10;")


def _fit(text: str, chars: int) -> str:
    """*text* cut to *chars* characters, with an ellipsis when cut."""
    text = " ".join(_clean(text).split())
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _figure_attributes(figure: str, value: int | Rate) -> dict[str, str]:
    """How a figure is marked: its name in ``Report.figures()`` and its exact value."""
    return {"data-figure": figure, "data-value": str(value)}


# -- SVG drawing ----------------------------------------------------------------------------

_WIDTH: Final = 760
_FONT: Final = "'Segoe UI', 'Noto Sans', Roboto, Arial, 'DejaVu Sans', sans-serif"
_INK: Final = "#1a1a1a"
_MUTED: Final = "#56606b"
_GRID: Final = "#e1e6ec"
_STRIPE: Final = "#f4f6f9"
_BLUE: Final = "#1f5fa8"
_ORANGE: Final = "#b85c12"
_GREEN: Final = "#2a7a5e"
_PURPLE: Final = "#6a4c93"
_CHAR_WIDTH: Final = 6.2  # an average glyph at 11px, for laying out labels
_SMALL: Final = {"font-size": 11}
_AXIS_TITLE: Final = {"font-size": 11, "font-weight": 700, "fill": _MUTED}
# A white outline under a value label, so a grid or reference line never crosses its digits.
_HALO: Final = {"stroke": "#ffffff", "stroke-width": 3, "paint-order": "stroke"}


def _value(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return _num(value)
    msg = f"an SVG attribute must be text or a number, not {type(value).__name__}"
    raise TypeError(msg)  # pragma: no cover - a programming error


def _tag(name: str, attributes: Mapping[str, object], content: str | None = None) -> str:
    """An element: *attributes* are escaped here, *content* is markup already escaped."""
    text = "".join(f' {key}="{_attr(_value(value))}"' for key, value in attributes.items())
    return f"<{name}{text}/>" if content is None else f"<{name}{text}>{content}</{name}>"


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, **more: object) -> str:
    geometry: dict[str, object] = {
        "x1": x1,
        "y1": y1,
        "x2": x2,
        "y2": y2,
        "stroke": stroke,
        "stroke-width": 1,
    }
    return _tag("line", {**geometry, **more})


def _svg(ident: str, height: float, title: str, desc: str, body: Sequence[str]) -> str:
    """The ``<svg role="img">`` element, named by its title and described by its desc."""
    attributes: dict[str, object] = {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"0 0 {_WIDTH} {_num(height)}",
        "width": _WIDTH,
        "height": height,
        "role": "img",
        "aria-labelledby": f"{ident}-title",
        "aria-describedby": f"{ident}-desc",
        "font-family": _FONT,
        "font-size": 12,
        "fill": _INK,
    }
    lines = [
        _tag("title", {"id": f"{ident}-title"}, _esc(title)),
        _tag("desc", {"id": f"{ident}-desc"}, _esc(desc)),
        _tag("text", {"x": 8, "y": 22, "font-size": 15, "font-weight": 700}, _esc(title)),
        *body,
    ]
    return _tag("svg", attributes, "\n" + "\n".join(lines) + "\n")


def _nice_step(top: float) -> int:
    """A tick step of 1, 2 or 5 times a power of ten giving at most five steps up to *top*."""
    if top <= 5:
        return 1
    power = 10 ** math.floor(math.log10(top / 5))
    step = next(f * power for f in (1, 2, 5, 10) if f * power * 5 >= top)
    return int(step)


def _ticks(
    bars: Sequence[Bar], *, percent: bool, lang: str
) -> tuple[float, list[tuple[float, str]]]:
    """The axis maximum and its (value, label) ticks."""
    if percent:
        return 100.0, [(float(t), f"{t}%") for t in (0, 25, 50, 75, 100)]
    top = max((bar.magnitude for bar in bars), default=0.0)
    step = _nice_step(top)
    count = max(1, math.ceil(top / step))
    ticks = [(float(i * step), format_count(i * step, lang)) for i in range(count + 1)]
    return float(count * step), ticks


@attrs.frozen(kw_only=True)
class _BarChart:
    """What one horizontal bar chart draws: its data and its words."""

    ident: str
    title: str
    desc: str
    bars: tuple[Bar, ...]
    percent: bool
    value_axis: str
    category_axis: str
    colour: Callable[[Bar], str]
    subtitle: str | None = None
    legend: tuple[tuple[str, str], ...] = ()
    threshold_label: str | None = None
    apart_title: str = ""
    apart: tuple[NoRate, ...] = ()
    empty: str = ""


@attrs.frozen(kw_only=True)
class _Frame:
    """Where a horizontal bar chart's plot sits, and how values map to x."""

    left: float
    right: float
    top: float
    bottom: float
    maximum: float
    chars: int
    row: float = 22.0

    def x(self, value: float) -> float:
        return self.left + (self.right - self.left) * value / self.maximum


def _bar_head(chart: _BarChart) -> tuple[float, list[str]]:
    """The subtitle and legend under the title; returns where they end."""
    top, out = 30.0, []
    if chart.subtitle is not None:
        attributes = {"x": 8, "y": 42, "font-size": 12, "fill": _MUTED}
        shown = _tag("text", attributes, _tag("tspan", {}, _esc(_fit(chart.subtitle, 110))))
        out.append(_tag("g", {}, _tag("title", {}, _esc(chart.subtitle)) + shown))
        top += 18
    if chart.legend:
        x = 8.0
        for colour, text in chart.legend:
            swatch = {"x": x, "y": top + 6, "width": 12, "height": 12, "rx": 2, "fill": colour}
            out.append(_tag("rect", swatch))
            out.append(_tag("text", {"x": x + 17, "y": top + 16, **_SMALL}, _esc(text)))
            x += 35 + len(text) * _CHAR_WIDTH
        top += 22
    return top, out


def _bar_axes(chart: _BarChart, frame: _Frame, ticks: Sequence[tuple[float, str]]) -> list[str]:
    out = [
        _tag("text", {"x": 8, "y": frame.top - 10, **_AXIS_TITLE}, _esc(chart.category_axis)),
    ]
    out.extend(
        _tag(
            "rect",
            {"x": 4, "y": frame.top + i * frame.row, "width": frame.right - 4,
             "height": frame.row, "fill": _STRIPE},
        )
        for i in range(0, len(chart.bars), 2)
    )  # fmt: skip
    for value, label in ticks:
        x = frame.x(value)
        out.append(_line(x, frame.top, x, frame.bottom, _GRID))
        attributes = {"x": x, "y": frame.bottom + 16, "text-anchor": "middle", "fill": _MUTED}
        out.append(_tag("text", {**attributes, **_SMALL}, _esc(label)))
    out.append(_line(frame.left, frame.bottom, frame.right, frame.bottom, _MUTED))
    out.append(_line(frame.left, frame.top, frame.left, frame.bottom, _MUTED))
    middle = (frame.left + frame.right) / 2
    attributes = {"x": middle, "y": frame.bottom + 36, "text-anchor": "middle", **_AXIS_TITLE}
    out.append(_tag("text", attributes, _esc(chart.value_axis)))
    if not chart.bars:
        attributes = {"x": frame.left + 8, "y": frame.top + 15, "fill": _MUTED, **_SMALL}
        out.append(_tag("text", attributes, _esc(chart.empty)))
    return out


def _bar_rows(chart: _BarChart, frame: _Frame) -> list[str]:
    out = []
    if chart.threshold_label is not None:  # under the bars: it shows between them
        x = frame.x(float(THRESHOLD * 100))
        dashed = {"stroke-width": 1.5, "stroke-dasharray": "5 3"}
        out.append(_line(x, frame.top - 6, x, frame.bottom, _INK, **dashed))
        attributes = {"x": x + 4, "y": frame.top - 8, "font-weight": 700, **_SMALL}
        out.append(_tag("text", attributes, _esc(chart.threshold_label)))
    height = 14.0
    for index, bar in enumerate(chart.bars):
        y = frame.top + index * frame.row + (frame.row - height) / 2
        end = frame.x(bar.magnitude)
        if chart.percent:
            name = _fit(bar.label, max(frame.chars - len(bar.code) - 2, 8))
            label = _tag("tspan", {"fill": _MUTED}, _esc(_fit(bar.code, 12)))
            label += _tag("tspan", {}, " " + _esc(name))
        else:
            label = _tag("tspan", {}, _esc(_fit(bar.label, frame.chars)))
        rect = {"x": frame.left, "y": y, "width": max(end - frame.left, 0.0), "height": height}
        value = {"x": end + 4, "y": y + 11, "font-weight": 700, **_SMALL, **_HALO}
        parts = [
            _tag("title", {}, _esc(bar.label)),
            _tag("text", {"x": 10, "y": y + 11, **_SMALL}, label),
            _tag("rect", {**rect, "rx": 2, "fill": chart.colour(bar)}),
            _tag("text", value, _esc(bar.text)),
        ]
        out.append(_tag("g", _figure_attributes(bar.figure, bar.value), "".join(parts)))
    return out


def _bar_apart(chart: _BarChart, y: float) -> tuple[float, list[str]]:
    """The items listed apart (no rate) under the plot, from *y*; returns where they end."""
    if not chart.apart:
        return y, []
    title = {"x": 8, "y": y, "font-size": 12, "font-weight": 700}
    out = [_tag("text", title, _esc(f"{chart.apart_title}:"))]
    for item in chart.apart:
        y += 18
        name = _fit(item.label, max(96 - len(item.code) - len(item.note), 12))
        spans = (
            _tag("tspan", {"fill": _MUTED}, _esc(item.code))
            + _tag("tspan", {}, " " + _esc(name) + " ")
            + _tag("tspan", {"fill": _MUTED}, _esc(item.note))
        )
        parts = _tag("title", {}, _esc(item.label)) + _tag(
            "text", {"x": 16, "y": y, **_SMALL}, spans
        )
        out.append(_tag("g", _figure_attributes(item.figure, Rate(0, 0)), parts))
    return y, out


def _bar_svg(chart: _BarChart, lang: str) -> str:
    labels = [f"{b.code}  {b.label}" if chart.percent else b.label for b in chart.bars]
    label_width = min(max(max(map(len, labels), default=10) * _CHAR_WIDTH + 24, 150.0), 330.0)
    top, head = _bar_head(chart)
    maximum, ticks = _ticks(chart.bars, percent=chart.percent, lang=lang)
    plot_top = top + 28
    frame = _Frame(
        left=label_width + 8,
        right=_WIDTH - 70.0,
        top=plot_top,
        bottom=plot_top + max(len(chart.bars), 1) * 22.0,
        maximum=maximum,
        chars=int((label_width - 16) / _CHAR_WIDTH),
    )
    body = [*head, *_bar_axes(chart, frame, ticks), *_bar_rows(chart, frame)]
    end, apart = _bar_apart(chart, frame.bottom + 66)
    height = end + 14 if apart else frame.bottom + 50
    return _svg(chart.ident, height, chart.title, chart.desc, [*body, *apart])


def _runs(points: Sequence[MonthPoint]) -> list[list[int]]:
    """Runs of consecutive months with a rate: the pieces of the line between gaps."""
    runs: list[list[int]] = []
    for index, point in enumerate(points):
        if not point.rate.defined:
            continue
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _line_svg(ident: str, title: str, desc: str, points: Sequence[MonthPoint], lang: str) -> str:
    height = 330.0
    left, right, top, bottom = 64.0, _WIDTH - 24.0, 56.0, height - 62.0
    step = (right - left) / max(len(points), 1)
    every = max(1, math.ceil(len(points) / 12))

    def x_of(index: int) -> float:
        return left + (index + 0.5) * step

    def y_of(rate: Rate) -> float:
        return bottom - (bottom - top) * (rate.percent or 0.0) / 100

    out = []
    for tick in (0, 25, 50, 75, 100):
        y = bottom - (bottom - top) * tick / 100
        out.append(_line(left, y, right, y, _MUTED if tick == 0 else _GRID))
        attributes = {"x": left - 8, "y": y + 4, "text-anchor": "end", "fill": _MUTED}
        out.append(_tag("text", {**attributes, **_SMALL}, f"{tick}%"))
    out.append(_line(left, top, left, bottom, _MUTED))
    rotated = {"transform": "rotate(-90)", "x": -(top + bottom) / 2, "y": 18}
    out.append(
        _tag(
            "text",
            {**rotated, "text-anchor": "middle", **_AXIS_TITLE},
            _esc(_t("rate_axis", lang)),
        )
    )
    below = {"x": (left + right) / 2, "y": bottom + 44, "text-anchor": "middle"}
    out.append(_tag("text", {**below, **_AXIS_TITLE}, _esc(_t("month", lang))))
    for index, point in enumerate(points):
        if index % every == 0:
            attributes = {"x": x_of(index), "y": bottom + 18, "text-anchor": "middle"}
            out.append(_tag("text", {**attributes, "fill": _MUTED, **_SMALL}, _esc(point.label)))
    for run in _runs(points):
        if len(run) > 1:
            coordinates = " ".join(f"{_num(x_of(i))},{_num(y_of(points[i].rate))}" for i in run)
            stroke = {"fill": "none", "stroke": _BLUE, "stroke-width": 2.5}
            out.append(_tag("polyline", {"points": coordinates, **stroke}))
    for index, point in enumerate(points):
        x = x_of(index)
        if point.rate.defined:
            y = y_of(point.rate)
            circle = {"cx": x, "cy": y, "r": 4, "fill": "#ffffff", "stroke": _BLUE}
            value = {"x": x, "y": y - 9, "text-anchor": "middle", "font-weight": 700, **_HALO}
            parts = [
                _tag("title", {}, _esc(f"{point.label}: {point.text}")),
                _tag("circle", {**circle, "stroke-width": 2}),
                _tag("text", {**value, **_SMALL}, _esc(point.text)) if len(points) <= 18 else "",
            ]
        else:
            gap = {"x": x, "y": bottom - 6, "text-anchor": "middle", "font-size": 13}
            parts = [
                _tag("title", {}, _esc(f"{point.label}: {_t('gap_point', lang)}")),
                _tag("text", {**gap, "font-weight": 700, "fill": _MUTED}, _UNDEFINED),
            ]
        out.append(_tag("g", _figure_attributes(point.figure, point.rate), "".join(parts)))
    if any(not point.rate.defined for point in points):
        note = {"x": right, "y": 42, "text-anchor": "end", "fill": _MUTED}
        out.append(_tag("text", {**note, **_SMALL}, _esc(_t("gap", lang))))
    return _svg(ident, height, title, desc, out)


# -- the document -----------------------------------------------------------------------------

_CSS: Final = """
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
:root { color-scheme: light; }
html { background: #ffffff; color: #1a1a1a; }
body {
  font-family: "Segoe UI", "Noto Sans", Roboto, Arial, "Helvetica Neue", "DejaVu Sans",
    sans-serif;
  font-size: 15px; line-height: 1.45; max-width: 62rem; margin: 0 auto;
  padding: 1.5rem 1.25rem 3rem;
}
header { border-bottom: 3px solid #1f5fa8; padding-bottom: .6rem; margin-bottom: 1rem; }
h1 { font-size: 1.45rem; margin: 0 0 .3rem; color: #123c6b; letter-spacing: .01em; }
header p { margin: .1rem 0; color: #39424c; }
h2 {
  font-size: 1.15rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; color: #123c6b;
  border-bottom: 1px solid #c9d3df;
}
h3 { font-size: 1rem; margin: 1.4rem 0 .4rem; }
nav ol { margin: .25rem 0 0; padding-left: 1.4rem; columns: 2; }
nav a { color: #1f5fa8; }
.kpis {
  display: grid; grid-template-columns: repeat(auto-fill, minmax(12.5rem, 1fr));
  gap: .55rem; margin: .5rem 0 1rem; padding: 0;
}
.kpis > div {
  border: 1px solid #c9d3df; border-left: 4px solid #1f5fa8; border-radius: 4px;
  padding: .45rem .65rem; background: #f5f8fc;
}
.kpis dt { font-size: .8rem; color: #39424c; }
.kpis dd {
  margin: .1rem 0 0; font-size: 1.35rem; font-weight: 700; font-variant-numeric: tabular-nums;
}
.summary li { margin: .15rem 0; }
.no-data { border: 1px solid #b85c12; padding: .5rem .75rem; }
figure { margin: 1rem 0 .4rem; }
svg { display: block; width: 100%; height: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .4rem 0 1.2rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0 .35rem; color: #39424c; }
th, td {
  border-bottom: 1px solid #dde3ea; padding: .2rem .45rem; text-align: left;
  vertical-align: top;
}
thead th { border-bottom: 2px solid #8d9aab; }
tbody th { font-weight: 600; white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.note { color: #56606b; font-size: .9em; }
.campaign { margin-top: 1.2rem; }
.meta { color: #39424c; font-weight: 400; }
footer {
  margin-top: 2rem; padding-top: .5rem; border-top: 1px solid #c9d3df; color: #56606b;
  font-size: .8rem;
}
@media print {
  html, body, .kpis > div { background: #ffffff; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure, table, .kpis, tr, .campaign-head {
    break-inside: avoid; page-break-inside: avoid;
  }
  thead { display: table-header-group; }
  svg { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
""".strip()


def _figure_text(value: int | Rate, lang: str, *, fraction: bool = False) -> str:
    if isinstance(value, Rate):
        if fraction and value.defined:
            return _fraction(value, lang)
        return format_rate(value, lang)
    return format_count(value, lang)


def _fig(
    tag: str,
    figure: str,
    value: int | Rate,
    lang: str,
    *,
    fraction: bool = False,
    cls: str | None = None,
) -> str:
    attributes = {"class": cls} if cls else {}
    text = _figure_text(value, lang, fraction=fraction)
    return _tag(tag, {**attributes, **_figure_attributes(figure, value)}, _esc(text))


def _table(caption: str, headers: Sequence[tuple[str, bool]], rows: Iterable[str]) -> str:
    head = "".join(
        _tag("th", {"scope": "col", "class": "num"} if right else {"scope": "col"}, _esc(text))
        for text, right in headers
    )
    return "\n".join(
        [
            "<table>",
            f"<caption>{_esc(caption)}</caption>",
            f"<thead><tr>{head}</tr></thead>",
            "<tbody>",
            *rows,
            "</tbody>",
            "</table>",
        ]
    )


def _cell(text: str, *, num: bool = False) -> str:
    return _tag("td", {"class": "num"} if num else {}, _esc(text))


def _header(report: Report, lang: str) -> tuple[str, list[str]]:
    title, unit, period = _header_lines(report, lang)
    lines = []
    values = []
    for line, key in ((unit, "unit"), (period, "period")):
        label = _t(key, lang)
        value = line.removeprefix(f"{label}: ")
        values.append(value)
        lines.append(
            f'<p><span class="label">{_esc(label)}:</span> '
            f'<span class="value">{_esc(value)}</span></p>'
        )
    document_title = " – ".join([title, *values])
    return document_title, [
        "<header>",
        f"<h1>{_esc(title)}</h1>",
        *lines,
        "</header>",
    ]


def _kpis(report: Report, lang: str) -> list[str]:
    items: list[tuple[str, str, int | Rate, bool]] = [
        ("k_essential", "essential_services", report.essential_services, False),
        ("k_with_online", "essential_services_with_online", report.with_online, True),
        ("k_above_half", "essential_services_above_50_percent", report.above_half, True),
        ("k_fully", "essential_services_fully_online", len(report.fully_online), False),
        ("k_dossiers", "dossiers", report.dossiers, False),
        ("k_online", "dossiers_online", report.online, False),
        ("k_online_rate", "online_rate", report.online_rate, False),
        ("k_resolved", "dossiers_resolved", report.resolved, False),
        ("k_on_time", "on_time_rate", report.on_time_rate, False),
        ("k_paid", "dossiers_paid_online", report.paid_online, False),
        ("k_assisted", "dossiers_assisted", report.assisted, False),
    ]
    out = [f'<h3 id="key-figures">{_esc(_t("key_figures", lang))}</h3>', '<dl class="kpis">']
    out.extend(
        f"<div><dt>{_esc(_t(key, lang))}</dt>"
        f"{_fig('dd', figure, value, lang, fraction=fraction)}</div>"
        for key, figure, value, fraction in items
    )
    out.append("</dl>")
    return out


def _chart_block(svg: str, table: str) -> list[str]:
    return ['<figure class="chart">', svg, "</figure>", table]


def _monthly(report: Report, lang: str) -> list[str]:
    points = monthly_points(report, lang)
    if not points:
        return []
    title = _t("monthly", lang)
    values = "; ".join(f"{p.label}: {p.text}" for p in points)
    desc = f"{values}. {_t('trend', lang).format(trend=report.trend.label(lang))}"
    gaps = [p.label for p in points if not p.rate.defined]
    if gaps:
        desc += f" {_t('gap', lang)}: {', '.join(gaps)}."
    svg = _line_svg("chart-monthly", title, desc, points, lang)
    rows = [
        "<tr>"
        f'<th scope="row">{_esc(p.label)}</th>'
        f"{_cell(format_count(p.rate.numerator, lang), num=True)}"
        f"{_cell(format_count(p.rate.denominator, lang), num=True)}"
        f"{_fig('td', p.figure, p.rate, lang, cls='num')}"
        "</tr>"
        for p in points
    ]
    headers = [
        (_t("month", lang), False),
        (_t("online", lang), True),
        (_t("total", lang), True),
        (_t("rate", lang), True),
    ]
    table = _table(_t("chart_data", lang).format(title=title), headers, rows)
    return _chart_block(svg, table)


def _service_row(line: ServiceLine, lang: str, note: str | None = None) -> str:
    name = f'<span class="name">{_esc(line.display_name(lang))}</span>'
    if note is not None:
        name += f' <span class="note">{_esc(note)}</span>'
    total = format_count(line.total, lang) if line.local_totals else _UNDEFINED
    return (
        "<tr>"
        f'<th scope="row">{_esc(line.code)}</th>'
        f"<td>{name}</td>"
        f"{_fig('td', f'service.{line.code}.online', line.online, lang, cls='num')}"
        f"{_cell(total, num=True)}"
        f"{_fig('td', f'service.{line.code}.online_rate', line.rate, lang, cls='num')}"
        "</tr>"
    )


def _service_headers(lang: str) -> list[tuple[str, bool]]:
    return [
        (_t("code", lang), False),
        (_t("service", lang), False),
        (_t("online", lang), True),
        (_t("total", lang), True),
        (_t("rate", lang), True),
    ]


def _rate_colour(bar: Bar) -> str:
    return _BLUE if isinstance(bar.value, Rate) and bar.value.above(THRESHOLD) else _ORANGE


def _services(report: Report, lang: str) -> list[str]:
    data = service_bars(report, lang)
    out: list[str] = []
    lines = {line.code: line for line in report.services}
    if data.bars or data.no_rate:
        title = _t("services_chart", lang)
        summary = _fill(
            "above_half",
            lang,
            rate=_fraction(data.above_half, lang) if data.above_half.defined else _UNDEFINED,
            n=data.above_half.denominator,
        )
        values = "; ".join(f"{bar.code} {bar.label}: {bar.text}" for bar in data.bars)
        desc = f"{summary} {values}."
        if data.no_rate:
            apart = "; ".join(f"{n.code} {n.label} {n.note}" for n in data.no_rate)
            desc += f" {_t('no_rate', lang)}: {apart}."
        chart = _BarChart(
            ident="chart-services",
            title=title,
            desc=desc,
            bars=data.bars,
            percent=True,
            value_axis=_t("rate_axis", lang),
            category_axis=_t("service_axis", lang),
            colour=_rate_colour,
            legend=((_BLUE, _t("above", lang)), (_ORANGE, _t("not_above", lang))),
            threshold_label="50%",
            apart_title=_t("no_rate", lang),
            apart=data.no_rate,
            empty=_t("no_bars", lang),
        )
        rows = [_service_row(lines[bar.code], lang) for bar in data.bars]
        rows.extend(_service_row(lines[n.code], lang, n.note) for n in data.no_rate)
        table = _table(_t("chart_data", lang).format(title=title), _service_headers(lang), rows)
        out.extend(_chart_block(_bar_svg(chart, lang), table))
    others = [line for line in report.services if not line.essential]
    if others:
        title = _t("other_services", lang)
        rows = [
            _service_row(line, lang, None if line.local_totals else _t("national", lang))
            for line in others
        ]
        out.append(_table(title, _service_headers(lang), rows))
    return out


def _units(report: Report, lang: str) -> list[str]:
    bars = unit_bars(report, lang)
    if not bars:
        return []
    title = _t("units_chart", lang)
    lines = {line.code: line for line in report.units}
    chart = _BarChart(
        ident="chart-units",
        title=title,
        desc="; ".join(f"{bar.code} {bar.label}: {bar.text}" for bar in bars) + ".",
        bars=bars,
        percent=True,
        value_axis=_t("rate_axis", lang),
        category_axis=_t("unit_axis", lang),
        colour=_rate_colour,
        legend=((_BLUE, _t("above", lang)), (_ORANGE, _t("not_above", lang))),
        threshold_label="50%",
    )
    rows = [
        "<tr>"
        f'<th scope="row">{_esc(bar.code)}</th>'
        f'<td><span class="name">{_esc(bar.label)}</span></td>'
        f"{_cell(format_count(lines[bar.code].online, lang), num=True)}"
        f"{_cell(format_count(lines[bar.code].total, lang), num=True)}"
        f"{_fig('td', bar.figure, bar.value, lang, cls='num')}"
        "</tr>"
        for bar in bars
    ]
    headers = [
        (_t("code", lang), False),
        (_t("unit_col", lang), False),
        (_t("online", lang), True),
        (_t("total", lang), True),
        (_t("rate", lang), True),
    ]
    table = _table(_t("chart_data", lang).format(title=title), headers, rows)
    return _chart_block(_bar_svg(chart, lang), table)


def _count_rows(bars: Sequence[Bar], lang: str) -> list[str]:
    return [
        "<tr>"
        f'<th scope="row">{_esc(bar.label)}</th>'
        f"{_fig('td', bar.figure, bar.value, lang, cls='num')}"
        "</tr>"
        for bar in bars
    ]


def _count_headers(lang: str) -> list[tuple[str, bool]]:
    return [(_t("kind_col", lang), False), (_t("times_col", lang), True)]


def _fill_html(key: str, lang: str, **values: tuple[str, int | Rate] | str) -> str:
    """The template *key* like :func:`dean06.report._fill`, each figure marked up.

    A ``(figure, value)`` pair becomes an element carrying ``data-figure``
    (a rate shows as a fraction); a count also fills the English plural
    fields (``{x_s}``, ``{x_ies}``) the way ``_fill`` does.
    """
    fields: dict[str, str] = {}
    for name, value in values.items():
        if isinstance(value, str):
            fields[name] = _esc(value)
            continue
        figure, number = value
        fields[name] = _fig("span", figure, number, lang, fraction=True)
        if isinstance(number, int):
            fields[f"{name}_s"] = "" if number == 1 else "s"
            fields[f"{name}_ies"] = "y" if number == 1 else "ies"
    return _esc(_t(key, lang)).format(**fields)


def _campaign(line: CampaignLine, data: CampaignBars, number: int, lang: str) -> list[str]:
    dates = (
        _date(line.start, lang)
        if line.start == line.end
        else f"{_date(line.start, lang)} – {_date(line.end, lang)}"
    )
    prefix = f"campaign.{line.id}"
    if line.listed:
        who = f'<span class="organiser">{_esc(line.organiser)}</span>'
        sentences = [
            _fill_html(
                "teams",
                lang,
                teams=(f"{prefix}.teams", line.teams),
                members=(f"{prefix}.members", line.members),
                activities=(f"{prefix}.activities", line.activities),
            )
        ]
    else:
        who = _esc(_t("unlisted", lang))
        sentences = [
            _fill_html("activities", lang, activities=(f"{prefix}.activities", line.activities))
        ]
    if line.listed and line.units_with_teams.defined:
        sentences.append(
            _fill_html(
                "units_with_teams",
                lang,
                rate=(f"{prefix}.units_with_teams", line.units_with_teams),
                percent=format_rate(line.units_with_teams, lang),
            )
        )
    out = [
        '<article class="campaign">',
        '<div class="campaign-head">',
        (
            f'<h3 id="campaign-{number}">{number}. <span class="name">{_esc(line.name)}</span> '
            f'<span class="meta">({_esc(dates)}; {who})</span></h3>'
        ),
        f"<p>{' '.join(sentences)}</p>",
        "</div>",
    ]
    if not data.bars:
        out.extend([f'<p class="note">{_esc(_t("no_help", lang))}</p>', "</article>"])
        return out
    title = _t("campaign_chart", lang)
    help_lines = "; ".join(_help_line(kind, count, lang) for kind, count in line.help)
    chart = _BarChart(
        ident=f"chart-campaign-{number}",
        title=title,
        subtitle=line.name,
        desc=f"{line.name}: {help_lines}.",
        bars=data.bars,
        percent=False,
        value_axis=_t("times_axis", lang),
        category_axis=_t("kind_axis", lang),
        colour=lambda _bar: _GREEN,
    )
    table = _table(
        _t("chart_data", lang).format(title=f"{title}: {line.name}"),
        _count_headers(lang),
        _count_rows(data.bars, lang),
    )
    out.extend([*_chart_block(_bar_svg(chart, lang), table), "</article>"])
    return out


def _eid(report: Report, lang: str) -> list[str]:
    bars = eid_bars(report, lang)
    title = _t("eid_chart", lang)
    note = _t("eid_note", lang)
    chart = _BarChart(
        ident="chart-eid",
        title=title,
        subtitle=note,
        desc=f"{note} "
        + "; ".join(_help_line(kind, count, lang) for kind, count in report.eid)
        + ".",
        bars=bars,
        percent=False,
        value_axis=_t("times_axis", lang),
        category_axis=_t("kind_axis", lang),
        colour=lambda _bar: _PURPLE,
    )
    table = _table(
        _t("chart_data", lang).format(title=title), _count_headers(lang), _count_rows(bars, lang)
    )
    return _chart_block(_bar_svg(chart, lang), table)


def _section(ident: str, title: str, body: Sequence[str]) -> list[str]:
    return [
        f'<section id="{ident}" aria-labelledby="{ident}-heading">',
        f'<h2 id="{ident}-heading">{_esc(title)}</h2>',
        *body,
        "</section>",
    ]


def render_html(report: Report, lang: str = "vi") -> str:
    """The report as one self-contained HTML5 document with inline SVG charts.

    Args:
        report: the report (from :func:`dean06.report.build` or
            :meth:`Report.from_tallies <dean06.report.Report.from_tallies>`).
        lang: ``"vi"`` (default) or ``"en"``.

    Returns:
        The document, UTF-8 text ending with a line feed: write it to a
        ``.html`` file with ``encoding="utf-8"``.

    Raises:
        ValidationError: for an unknown language.

    Since: 0.1.0
    """
    check_lang(lang)
    document_title, header = _header(report, lang)
    s1: list[str] = []
    if not report.has_data:
        s1.append(f'<p class="no-data">{_esc(_t("no_data", lang))}</p>')
    s1.extend(_kpis(report, lang))
    s1.append(f'<h3 id="summary">{_esc(_t("summary", lang))}</h3>')
    s1.append('<ul class="summary">')
    if report.dossiers:
        s1.extend(f"<li>{_esc(line)}</li>" for line in _summary_lines(report, lang))
    else:
        s1.append(f"<li>{_esc(_t('no_dossiers', lang))}</li>")
    s1.append("</ul>")
    s1.extend(_monthly(report, lang))
    if report.dossiers:
        s1.extend(_services(report, lang))
    sections = [("s1", _t("s1", lang), s1)]
    units = _units(report, lang)
    if units:
        sections.append(("s2", _t("s2", lang), units))
    s3: list[str] = []
    if not report.campaigns:
        s3.append(f'<p class="note">{_esc(_t("no_campaigns", lang))}</p>')
    for number, (line, data) in enumerate(
        zip(report.campaigns, campaign_bars(report, lang), strict=True), start=1
    ):
        s3.extend(_campaign(line, data, number, lang))
    sections.append(("s3", _t("s3", lang), s3))
    sections.append(("s4", _t("s4", lang), _eid(report, lang)))
    nav = [
        f'<nav aria-label="{_attr(_t("contents", lang))}">',
        f"<strong>{_esc(_t('contents', lang))}</strong>",
        "<ol>",
        *(f'<li><a href="#{ident}">{_esc(title)}</a></li>' for ident, title, _ in sections),
        "</ol>",
        "</nav>",
    ]
    body: list[str] = []
    for ident, title, content in sections:
        body.extend(_section(ident, title, content))
    footer = _t("footer", lang).format(version=__version__)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="dean06 {_attr(__version__)}">',
        f"<title>{_esc(document_title)}</title>",
        "<style>",
        _CSS,
        "</style>",
        "</head>",
        "<body>",
        *header,
        *nav,
        "<main>",
        *body,
        "</main>",
        f"<footer><p>{_esc(footer)}</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
