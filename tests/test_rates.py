"""Rates: exact values, formatting, pooling, thresholds and the figures made of rates."""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dean06 import (
    VIETNAM,
    Channel,
    Dossier,
    DossierTally,
    Period,
    Rate,
    Trend,
    ValidationError,
    essential_services,
    fully_online,
    services_with_online,
    share_above,
    trend,
)
from dean06 import strategies as d6st

UNDEFINED = Rate(0, 0)


def test_value_percent_defined() -> None:
    assert Rate(16, 22).value == Fraction(8, 11)
    assert Rate(1, 4).percent == 25.0
    assert Rate(1, 4).defined
    assert Rate(0, 5).value == 0
    assert Rate(0, 5).percent == 0.0
    assert Rate(0, 5).defined
    assert UNDEFINED.value is None
    assert UNDEFINED.percent is None
    assert not UNDEFINED.defined


def test_no_rate_is_not_zero_percent() -> None:
    assert Rate(0, 5) != UNDEFINED
    assert Rate(0, 5).value is not None
    assert format(Rate(0, 5), ".0%") == "0%"
    assert format(UNDEFINED, ".0%") == "–"


def test_equality_is_on_the_counts() -> None:
    assert Rate(1, 2) != Rate(2, 4)
    assert Rate(1, 2).value == Rate(2, 4).value
    assert hash(Rate(16, 22)) == hash(Rate(16, 22))
    assert len({Rate(1, 2), Rate(1, 2), Rate(2, 4)}) == 2


@given(d6st.rates())
def test_rate_bounds(rate: Rate) -> None:
    assert 0 <= rate.numerator <= rate.denominator
    assert rate.defined == (rate.denominator > 0)
    if rate.value is None:
        assert rate.percent is None
    else:
        assert 0 <= rate.value <= 1
        assert rate.value == Fraction(rate.numerator, rate.denominator)
        assert rate.percent == pytest.approx(float(rate.value) * 100)


def test_str_and_format() -> None:
    assert str(Rate(16, 22)) == "16/22"
    assert format(Rate(16, 22), ".1%") == "72.7%"
    assert format(Rate(16, 22), ".0%") == "73%"
    assert format(Rate(23, 25), ".0%") == "92%"
    assert format(Rate(1, 3), ".3f") == "0.333"
    assert format(Rate(16, 22), "") == "16/22"
    assert f"{Rate(16, 22)}" == "16/22"
    assert format(Rate(16, 22), ">8") == "   16/22"
    assert str(UNDEFINED) == "0/0"
    assert repr(Rate(1, 2)) == "Rate(numerator=1, denominator=2)"


def test_format_rounds_half_to_even_exactly() -> None:
    assert format(Rate(1, 8), ".2f") == "0.12"  # 0.125 exactly
    assert format(Rate(3, 8), ".2f") == "0.38"  # 0.375 exactly
    assert format(Rate(1, 40), ".1%") == "2.5%"
    with decimal.localcontext() as context:
        context.prec = 2
        context.rounding = decimal.ROUND_UP
        assert format(Rate(16, 22), ".1%") == "72.7%"


@pytest.mark.parametrize("spec", ["", ".1%", ".0%", ".3f", "e", "g", ">10", "s", "n", "%"])
def test_undefined_rate_formats_as_a_dash_for_any_spec(spec: str) -> None:
    assert format(UNDEFINED, spec) == "–"
    assert f"{UNDEFINED}" == "–"


@given(d6st.rates(defined=True), st.integers(0, 6))
def test_percent_format_is_the_exact_value_rounded(rate: Rate, places: int) -> None:
    assert rate.value is not None
    exact = decimal.Decimal(rate.numerator) / decimal.Decimal(rate.denominator)
    with decimal.localcontext() as context:
        context.prec = 60
        expected = format(exact, f".{places}%")
    assert format(rate, f".{places}%") == expected


def _float_spec() -> st.SearchStrategy[str]:
    """Float-style format specs: fill and align, sign, z, #, 0, width, grouping, precision."""
    align = st.sampled_from(["", ">", "<", "^", "=", "*>", "_^"])
    precision = st.one_of(st.just(""), st.integers(0, 6).map(lambda p: f".{p}"))
    parts = st.tuples(
        align,
        st.sampled_from(["", "+", "-", " "]),
        st.sampled_from(["", "z"]),
        st.sampled_from(["", "#"]),
        st.sampled_from(["", "0"]),
        st.sampled_from(["", "1", "8", "12"]),
        st.sampled_from(["", ",", "_"]),
        precision,
        st.sampled_from(list("eEfFgG%")),
    )
    return parts.filter(lambda p: not (p[0] and p[4])).map("".join)


def _no_fives(rate: Rate) -> bool:
    value = rate.value
    return value is not None and value.denominator % 5 != 0


@given(
    st.integers(1, 1000).flatmap(lambda d: st.tuples(st.integers(0, d), st.just(d))),
    _float_spec(),
)
def test_float_specs_format_as_a_float_would(pair: tuple[int, int], spec: str) -> None:
    # Without 5 in the reduced denominator, n/d is either a binary fraction
    # (the float is exact) or at least 5e-15 from any rounding tie at six
    # places, far beyond the float's error: float formatting is then an
    # exact oracle, for every presentation type and flag.
    rate = Rate(*pair)
    if not _no_fives(rate):
        rate = Rate(pair[0] // 2 * 2, 1024) if pair[0] <= 1024 else Rate(1, 2)
    assert format(rate, spec) == format(rate.numerator / rate.denominator, spec)


@pytest.mark.parametrize(
    ("rate", "spec", "expected"),
    [
        (Rate(1, 4), "%", "25.000000%"),
        (Rate(1, 4), "f", "0.250000"),
        (Rate(2, 3), "g", "0.666667"),
        (Rate(1, 4), ".3e", "2.500e-01"),
        (Rate(0, 5), ".3e", "0.000e+00"),
        (Rate(1, 200_000), "g", "5e-06"),
        (Rate(1, 40), ".1%", "2.5%"),  # exact tie, half to even: a float says 2.5% too
        (Rate(1, 2000), ".1%", "0.0%"),  # exactly 0.05%: half to even; a float says 0.1%
        (Rate(2, 3), "n", "0.666667"),
        (Rate(16, 22), "08.2%", "0072.73%"),
    ],
)
def test_float_specs_pinned(rate: Rate, spec: str, expected: str) -> None:
    assert format(rate, spec) == expected


@pytest.mark.parametrize("spec", ["Q", ".2q", "<08.1%", "=x"])
def test_bad_spec_is_a_value_error_as_for_numbers(spec: str) -> None:
    with pytest.raises(ValueError, match="format"):
        format(Rate(1, 2), spec)


# -- pooling ----


def test_pooling_adds_counts() -> None:
    assert Rate(1, 2) + Rate(3, 4) == Rate(4, 6)
    assert Rate(1, 2) + UNDEFINED == Rate(1, 2)
    assert sum([Rate(1, 2), Rate(3, 4), Rate(0, 1)], Rate(0, 0)) == Rate(4, 7)
    assert sum([Rate(1, 2), Rate(3, 4)]) == Rate(4, 6)
    assert sum([], Rate(0, 0)) == UNDEFINED


def test_pooling_refuses_other_things() -> None:
    with pytest.raises(TypeError):
        _ = Rate(1, 2) + 1
    with pytest.raises(TypeError):
        _ = Rate(1, 2) + Fraction(1, 2)


@given(d6st.rates(), d6st.rates(), d6st.rates())
def test_pooling_is_a_commutative_monoid(a: Rate, b: Rate, c: Rate) -> None:
    assert a + UNDEFINED == a == UNDEFINED + a
    assert a + b == b + a
    assert (a + b) + c == a + (b + c)
    assert a + b == Rate(a.numerator + b.numerator, a.denominator + b.denominator)


@given(st.lists(d6st.rates(), max_size=10))
def test_sum_pools_any_number(rates: list[Rate]) -> None:
    pooled = sum(rates, Rate(0, 0))
    assert pooled == Rate(sum(r.numerator for r in rates), sum(r.denominator for r in rates))
    assert sum(rates) == pooled or not rates


# -- thresholds ----


@pytest.mark.parametrize(
    "half", [0.5, Fraction(1, 2), decimal.Decimal("0.5"), decimal.Decimal("0.50")]
)
def test_above_is_strict_and_at_least_is_not(half: float | Fraction | decimal.Decimal) -> None:
    assert Rate(1, 2).at_least(half)
    assert not Rate(1, 2).above(half)
    assert Rate(2, 4).at_least(half)
    assert Rate(51, 100).above(half)
    assert not Rate(49, 100).at_least(half)


@pytest.mark.parametrize("bound", [0, 1, 0.0, 1.0, Fraction(0), decimal.Decimal(1)])
def test_thresholds_at_the_ends(bound: float | Fraction | decimal.Decimal) -> None:
    full, none = Rate(3, 3), Rate(0, 3)
    assert full.at_least(bound)
    assert none.at_least(0)
    assert not none.above(0)
    assert full.above(0)
    assert not full.above(1)
    assert full.at_least(1)


def test_float_thresholds_mean_what_they_say() -> None:
    assert Rate(96, 100).at_least(0.96)
    assert not Rate(96, 100).above(0.96)
    assert Rate(961, 1000).above(0.96)
    assert Rate(98, 100).at_least(0.98)


@pytest.mark.parametrize("bound", [0, 0.5, 1, Fraction(1, 3), decimal.Decimal("0.7")])
def test_undefined_rate_is_never_above(bound: float | Fraction | decimal.Decimal) -> None:
    assert not UNDEFINED.above(bound)
    assert not UNDEFINED.at_least(bound)


@pytest.mark.parametrize(
    "bound",
    [
        -0.01,
        1.01,
        2,
        -1,
        50,
        Fraction(3, 2),
        decimal.Decimal("1.5"),
        decimal.Decimal("NaN"),
        float("nan"),
        float("inf"),
        True,
        "0.5",
        None,
    ],
)
def test_thresholds_outside_zero_to_one_are_refused(bound: object) -> None:
    with pytest.raises(ValidationError, match="threshold"):
        Rate(1, 2).above(bound)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="threshold"):
        Rate(1, 2).at_least(bound)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="threshold"):
        share_above({"a": Rate(1, 2)}, bound)  # type: ignore[arg-type]


@given(d6st.rates(), st.fractions(min_value=0, max_value=1))
def test_above_and_at_least_compare_exactly(rate: Rate, bound: Fraction) -> None:
    if rate.value is None:
        assert not rate.above(bound)
        assert not rate.at_least(bound)
    else:
        assert rate.above(bound) == (rate.value > bound)
        assert rate.at_least(bound) == (rate.value >= bound)


# -- services_with_online ----

RECEIVED = dt.datetime(2023, 6, 1, 8, 0, tzinfo=VIETNAM)


def dossier(number: int, service: str, channel: Channel, unit: str = "53501") -> Dossier:
    return Dossier(
        id=f"HS-{number}", service=service, unit=unit, channel=channel, received=RECEIVED
    )


def test_services_with_online_23_of_25() -> None:
    codes = [s.code for s in essential_services()]
    dossiers = [dossier(i, code, Channel.ONLINE) for i, code in enumerate(codes[:23])]
    dossiers.append(dossier(100, codes[23], Channel.IN_PERSON))  # dossiers, none online
    tally = DossierTally.of(dossiers)  # codes[24]: no dossier at all
    assert services_with_online(tally, codes) == Rate(23, 25)
    assert services_with_online(tally, essential_services()) == Rate(23, 25)


def test_services_with_online_counts_duplicates_once() -> None:
    tally = DossierTally.of([dossier(1, "a", Channel.ONLINE), dossier(2, "b", Channel.POSTAL)])
    assert services_with_online(tally, ["a", "a", "b", "b", "c"]) == Rate(1, 3)
    assert services_with_online(tally, []) == UNDEFINED


def test_services_with_online_scopes() -> None:
    tally = DossierTally.of(
        [dossier(1, "a", Channel.ONLINE, "u1"), dossier(2, "b", Channel.ONLINE, "u2")]
    )
    assert services_with_online(tally, ["a", "b"], unit="u1") == Rate(1, 2)
    june, july = Period.month(2023, 6), Period.month(2023, 7)
    assert services_with_online(tally, ["a", "b"], period=june) == Rate(2, 2)
    assert services_with_online(tally, ["a", "b"], period=july) == Rate(0, 2)


def test_services_with_online_refuses_one_string() -> None:
    with pytest.raises(ValidationError):
        services_with_online(DossierTally(), "D06-01")


# -- share_above and fully_online ----


def test_share_above_16_of_22_leaves_undefined_rates_out() -> None:
    rates = {f"above-{n}": Rate(60 + n, 100) for n in range(16)}
    rates |= {f"below-{n}": Rate(n, 10) for n in range(5)}
    rates["exactly-half"] = Rate(5, 10)  # not strictly above
    rates |= {f"none-{n}": UNDEFINED for n in range(3)}  # no dossiers: no rate
    assert len(rates) == 25
    assert share_above(rates, 0.5) == Rate(16, 22)
    assert share_above(list(rates.values()), Fraction(1, 2)) == Rate(16, 22)


@given(st.dictionaries(st.text(max_size=3), d6st.rates(), max_size=12), st.fractions(0, 1))
def test_share_above_counts_defined_rates(rates: dict[str, Rate], bound: Fraction) -> None:
    defined = [r for r in rates.values() if r.value is not None]
    expected = Rate(
        sum(1 for r in defined if r.value is not None and r.value > bound), len(defined)
    )
    assert share_above(rates, bound) == expected


def test_fully_online() -> None:
    rates = {
        "D06-10": Rate(7, 7),
        "D06-05": Rate(1, 1),
        "D06-02": Rate(99, 100),
        "D06-06": Rate(380, 380),
        "D06-07": UNDEFINED,
        "D06-01": Rate(3, 3),
        "D06-08": Rate(0, 4),
    }
    assert fully_online(rates) == ["D06-01", "D06-05", "D06-06", "D06-10"]
    assert fully_online({}) == []
    assert fully_online({"x": UNDEFINED}) == []


@given(st.dictionaries(st.text(max_size=3), d6st.rates(max_denominator=3), max_size=12))
def test_fully_online_is_exactly_one(rates: dict[str, Rate]) -> None:
    result = fully_online(rates)
    assert result == sorted(result)
    assert set(result) == {code for code, rate in rates.items() if rate.value == 1}


# -- trend ----


def series(*rates: Rate) -> list[tuple[Period, Rate]]:
    return [(Period.month(2023, n + 1), rate) for n, rate in enumerate(rates)]


@pytest.mark.parametrize(
    ("rates", "expected"),
    [
        ((Rate(1, 4), Rate(2, 4), Rate(3, 4)), Trend.RISING),
        ((Rate(3, 4), Rate(1, 2), Rate(0, 9)), Trend.FALLING),
        ((Rate(1, 2), Rate(2, 4)), Trend.FLAT),
        ((Rate(1, 2), Rate(2, 4), Rate(50, 100)), Trend.FLAT),
        ((Rate(1, 4), Rate(3, 4), Rate(2, 4)), Trend.MIXED),
        ((Rate(1, 4), Rate(1, 4), Rate(3, 4)), Trend.MIXED),
        ((Rate(1, 4), UNDEFINED, Rate(3, 4)), Trend.RISING),
        ((UNDEFINED, Rate(3, 4), UNDEFINED, Rate(1, 4), UNDEFINED), Trend.FALLING),
        ((Rate(1, 4),), Trend.UNKNOWN),
        ((Rate(1, 4), UNDEFINED, UNDEFINED), Trend.UNKNOWN),
        ((), Trend.UNKNOWN),
    ],
)
def test_trend(rates: tuple[Rate, ...], expected: Trend) -> None:
    assert trend(series(*rates)) is expected


def test_trend_sorts_by_period() -> None:
    rising = series(Rate(1, 4), Rate(2, 4), Rate(3, 4))
    assert trend(list(reversed(rising))) is Trend.RISING
    assert trend(iter([rising[2], rising[0], rising[1]])) is Trend.RISING


def _expected_trend(values: list[Fraction]) -> Trend:
    if len(values) < 2:
        return Trend.UNKNOWN
    steps = {(b > a) - (b < a) for a, b in itertools.pairwise(values)}
    if steps == {1}:
        return Trend.RISING
    if steps == {-1}:
        return Trend.FALLING
    if steps == {0}:
        return Trend.FLAT
    return Trend.MIXED


@given(
    st.lists(
        st.tuples(d6st.months(min_year=2020, max_year=2024), d6st.rates(max_denominator=4)),
        max_size=8,
        unique_by=lambda pair: pair[0],
    )
)
def test_trend_matches_a_plain_reading(pairs: list[tuple[Period, Rate]]) -> None:
    values = [r.value for _, r in sorted(pairs, key=lambda p: p[0]) if r.value is not None]
    assert trend(pairs) is _expected_trend(values)
