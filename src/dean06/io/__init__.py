"""Reading and writing dean06 records: CSV, JSON Lines, JSON, and data set folders.

One reader and one writer per record type, all of the same shape::

    reader = read_dossiers("dossiers.csv", errors="collect")
    for dossier in reader:
        ...
    reader.read == reader.accepted + reader.rejected   # always
    reader.problems                                     # located faults

Readers stream CSV and JSON Lines in constant memory, read gzip and UTF-16
transparently, accept the Vietnamese headers real exports use (``Mã hồ
sơ``, ``Ngày tiếp nhận``, ...; the full table is in the documentation) and
report every fault with its location, never quoting a personal identifier.
Writers neutralise spreadsheet formulas in CSV, and ``read(write(records))
== records`` in every format.

:func:`load_dataset` and :func:`save_dataset` read and write a folder of
such files; :func:`validate` lists every problem of a folder or a file.
"""

from __future__ import annotations

from dean06.io._api import (
    read_campaigns,
    read_dossiers,
    read_events,
    read_records,
    read_services,
    read_teams,
    read_units,
    write_campaigns,
    write_dossiers,
    write_events,
    write_records,
    write_services,
    write_teams,
    write_units,
)
from dean06.io._folder import load_dataset, save_dataset, validate
from dean06.io._reader import Reader
from dean06.io.portal import read_portal_dossiers

__all__ = [
    "Reader",
    "load_dataset",
    "read_campaigns",
    "read_dossiers",
    "read_events",
    "read_portal_dossiers",
    "read_records",
    "read_services",
    "read_teams",
    "read_units",
    "save_dataset",
    "validate",
    "write_campaigns",
    "write_dossiers",
    "write_events",
    "write_records",
    "write_services",
    "write_teams",
    "write_units",
]
