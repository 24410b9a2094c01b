"""The report figures every benchmark path must produce, exactly.

Each path ends with the same figures: the online rate of every service,
how many essential services have online dossiers, the share of services
above 50% online, the fully online services, the monthly online rates and
their trend, the overall online rate and the on-time rate.  Paths through
dean06 take them from a tally's queries; the engine paths (pandas, Polars,
DuckDB) compute counts themselves and hand them to :func:`from_counts`,
which applies the same exact :class:`dean06.Rate` functions.  The result
is plain JSON (every rate as ``[numerator, denominator]``) so the runner
can compare the paths' output exactly before printing any timing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dean06 import Period, Rate, fully_online, services_with_online, share_above, trend

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from dean06 import DossierTally

SERVICES = tuple(f"D06-{n:02d}" for n in range(1, 26))


def _rate(rate: Rate) -> list[int]:
    return [rate.numerator, rate.denominator]


def _figures(
    total: int,
    online: Rate,
    rates: Mapping[str, Rate],
    with_online: Rate,
    series: Sequence[tuple[Period, Rate]],
    on_time: Rate,
) -> dict[str, Any]:
    return {
        "dossiers": total,
        "online_rate": _rate(online),
        "rates_by_service": {code: _rate(rate) for code, rate in sorted(rates.items())},
        "services_with_online": _rate(with_online),
        "share_above_50": _rate(share_above(rates, 0.5)),
        "fully_online": fully_online(rates),
        "monthly_rates": [[str(period), *_rate(rate)] for period, rate in series],
        "trend": trend(series).name,
        "on_time_rate": _rate(on_time),
    }


def from_tally(tally: DossierTally) -> dict[str, Any]:
    """The figures, from a dean06 tally's own queries."""
    rates = tally.rates_by_service()
    return _figures(
        tally.total(),
        tally.online_rate(),
        rates,
        services_with_online(tally, SERVICES),
        tally.monthly_rates(),
        tally.on_time_rate(),
    )


class _Online:
    """Just enough of a tally for :func:`dean06.services_with_online`."""

    def __init__(self, online: Mapping[str, int]) -> None:
        self._online = online

    def online(
        self,
        service: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        *,
        catalogue: object = None,
    ) -> int:
        del unit, period, catalogue
        return self._online.get(service or "", 0)


def from_counts(
    by_service: Mapping[str, tuple[int, int]],
    by_month: Mapping[int, tuple[int, int]],
    on_time: int,
    resolved_with_due: int,
) -> dict[str, Any]:
    """The figures, from counts an engine made.

    Args:
        by_service: service code -> (online dossiers, all dossiers).
        by_month: month index (``year * 12 + month - 1``, local month) ->
            (online, all).
        on_time: resolved dossiers with a due date, resolved by it.
        resolved_with_due: resolved dossiers with a due date.
    """
    rates = {code: Rate(int(online), int(total)) for code, (online, total) in by_service.items()}
    series: list[tuple[Period, Rate]] = []
    if by_month:
        for index in range(min(by_month), max(by_month) + 1):
            online, total = by_month.get(index, (0, 0))
            year, month0 = divmod(index, 12)
            series.append((Period.month(year, month0 + 1), Rate(int(online), int(total))))
    total = sum(int(t) for _, t in by_service.values())
    online_all = sum(int(o) for o, _ in by_service.values())
    tally_like = _Online({code: int(online) for code, (online, _) in by_service.items()})
    return _figures(
        total,
        Rate(online_all, total),
        rates,
        services_with_online(tally_like, SERVICES),
        series,
        Rate(int(on_time), int(resolved_with_due)),
    )
