"""dean06: exact, typed measures of Vietnam's Project 06 (Đề án 06).

Project 06 is the national programme for population data, electronic
identification and authentication (Decision 06/QĐ-TTg, 6 January 2022).
dean06 models its three strands (online public services and their
dossiers, VNeID electronic identification, youth-union volunteer
campaigns) as typed immutable values, counts them in mergeable tallies,
and reports exact rates.

The public names are listed, grouped, in ``__all__``.  Submodules
``dean06.io`` (reading and writing), ``dean06.wire`` (the JSON form),
``dean06.report`` (reports), ``dean06.datasets`` (embedded data) and
``dean06.strategies`` (Hypothesis strategies, with the ``testing`` extra)
are imported on first use, so ``import dean06`` stays light.
"""

from __future__ import annotations

import importlib
import typing as _typing
from typing import Any as _Any

from dean06._version import __version__
from dean06.campaigns import AssistanceEvent, AssistanceKind, Campaign, Team
from dean06.dossiers import Channel, Dossier, DossierStatus
from dean06.errors import DataError, Dean06Error, Dean06Warning, Problem, ValidationError
from dean06.identity import IdentityLevel
from dean06.periods import VIETNAM, Period
from dean06.rates import Rate, Trend, fully_online, services_with_online, share_above, trend
from dean06.services import OnlineMode, Service, essential_services
from dean06.units import AdministrativeUnit, UnitCatalogue, UnitLevel

if _typing.TYPE_CHECKING:
    from dean06.dataset import Dataset
    from dean06.tally import AssistanceCount, AssistanceTally, DossierCount, DossierTally

__all__ = [
    # errors and warnings
    "DataError",
    "Dean06Error",
    "Dean06Warning",
    "Problem",
    "ValidationError",
    # enumerations
    "AssistanceKind",
    "Channel",
    "DossierStatus",
    "IdentityLevel",
    "OnlineMode",
    "Trend",
    "UnitLevel",
    # value objects
    "AdministrativeUnit",
    "AssistanceEvent",
    "Campaign",
    "Dossier",
    "Period",
    "Service",
    "Team",
    "essential_services",
    # time
    "VIETNAM",
    # collections
    "Dataset",
    "UnitCatalogue",
    # rates
    "Rate",
    "fully_online",
    "services_with_online",
    "share_above",
    "trend",
    # tallies
    "AssistanceCount",
    "AssistanceTally",
    "DossierCount",
    "DossierTally",
    # version
    "__version__",
]

_SUBMODULES = frozenset(("datasets", "io", "report", "strategies", "wire", "cli", "frames"))
# Public names whose modules load on first use (they are the heaviest to
# build, and `dean06 --help` or a script that only reads periods needs none).
_LAZY = {
    "Dataset": "dean06.dataset",
    "AssistanceCount": "dean06.tally",
    "AssistanceTally": "dean06.tally",
    "DossierCount": "dean06.tally",
    "DossierTally": "dean06.tally",
}


def __getattr__(name: str) -> _Any:
    # Submodules load on first use: ``dean06.io`` needs cattrs, which costs
    # tens of milliseconds to import, and ``dean06.strategies`` needs
    # Hypothesis, which the core never imports.
    if name in _SUBMODULES:
        return importlib.import_module(f"dean06.{name}")
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # later lookups are plain attribute reads
        return value
    msg = f"module 'dean06' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted({*globals(), *_SUBMODULES, *_LAZY})
