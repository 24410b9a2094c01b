"""The public readers and writers, one pair per record type (internal module)."""

from __future__ import annotations

import os
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from dean06.errors import Problem, ValidationError, quote_input
from dean06.io._csvio import Header, csv_producer, iter_csv_rows, write_csv
from dean06.io._fast import dossier_counter
from dean06.io._jsonio import json_producer, jsonl_producer, write_json, write_jsonl
from dean06.io._reader import ErrorMode, Reader, check_options
from dean06.io._records import SPECS, FieldPath, cell_text
from dean06.io._sources import Source, detect_format, open_output

if TYPE_CHECKING:
    from dean06.campaigns import AssistanceEvent, Campaign, Team
    from dean06.dossiers import Dossier
    from dean06.services import Service
    from dean06.units import AdministrativeUnit

__all__ = [
    "read_campaigns",
    "read_dossiers",
    "read_events",
    "read_records",
    "read_services",
    "read_teams",
    "read_units",
    "write_campaigns",
    "write_dossiers",
    "write_events",
    "write_records",
    "write_services",
    "write_teams",
    "write_units",
]

T = TypeVar("T")
Columns = Mapping[str, str] | None


def _check_columns(columns: object, where: str) -> Columns:
    if columns is None:
        return None
    if not isinstance(columns, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in columns.items()
    ):
        msg = f"{where}: columns must map source headers to field names (text to text)"
        raise ValidationError(msg)
    return columns


def read_records(
    kind: str,
    source: object,
    *,
    format: str | None = None,  # noqa: A002 - the API's name
    errors: ErrorMode = "raise",
    max_problems: int | None = 1000,
    columns: Columns = None,
    track: bool = False,
) -> Reader[Any]:
    """Read records of *kind* (``"dossiers"``, ``"services"``, ...) from *source*.

    The generic form behind ``read_dossiers`` and the others; see
    :func:`read_dossiers` for the arguments.
    """
    if kind not in SPECS:
        msg = f"read_records: unknown kind {kind!r}; expected one of {', '.join(SPECS)}"
        raise ValidationError(msg)
    where = f"read_{kind}"
    check_options(errors, max_problems, where)
    columns = _check_columns(columns, where)
    fmt = detect_format(source, format, where)
    src = Source(source, where)
    spec = SPECS[kind]
    if fmt == "csv":
        producer = csv_producer(spec, src, columns)
    elif fmt == "jsonl":
        producer = jsonl_producer(spec, src, columns)
    else:
        producer = json_producer(spec, src, columns)
    reader: Reader[Any] = Reader(
        producer, name=src.name, errors=errors, max_problems=max_problems, track=track
    )
    if kind == "dossiers" and fmt == "csv" and not track:
        # DossierTally.of(reader) counts valid rows without building objects.
        reader._fast = lambda table: csv_producer(spec, src, columns, fast=dossier_counter(table))
    return reader


def read_dossiers(
    source: object,
    *,
    format: str | None = None,  # noqa: A002 - the API's name
    errors: ErrorMode = "raise",
    max_problems: int | None = 1000,
    columns: Columns = None,
) -> Reader[Dossier]:
    """Read :class:`~dean06.Dossier` records from a CSV, JSON Lines or JSON input.

    Args:
        source: a path, or a file opened in binary mode.  Gzip-compressed
            input is read transparently; text may be UTF-8 (with or
            without a byte order mark) or UTF-16 with a byte order mark.
        format: ``"csv"``, ``"jsonl"`` or ``"json"``; by default the
            file's suffix (``.csv``, ``.jsonl``, ``.json``, each optionally
            ``.gz``).
        errors: ``"raise"`` (default): read everything, then raise one
            :class:`~dean06.DataError` listing every fault.  ``"collect"``:
            yield the valid records and keep the faults in ``.problems``.
        max_problems: keep at most this many problems (``None``: no
            bound); the counters keep counting past it.
        columns: ``{source_header: field_name}`` for a file's own headers
            (CSV headers and JSON keys); it takes precedence over the
            built-in Vietnamese headers.

    Returns:
        A :class:`~dean06.io.Reader`: iterate it for the records; its
        counters ``read``, ``accepted``, ``rejected`` and ``problems`` are
        complete once iteration ends.  CSV and JSON Lines stream in constant
        memory; a JSON document is read whole.

    Since: 0.1.0
    """
    return read_records(
        "dossiers",
        source,
        format=format,
        errors=errors,
        max_problems=max_problems,
        columns=columns,
    )


def read_services(
    source: object,
    *,
    format: str | None = None,  # noqa: A002
    errors: ErrorMode = "raise",
    max_problems: int | None = 1000,
    columns: Columns = None,
) -> Reader[Service]:
    """Read :class:`~dean06.Service` records; arguments as :func:`read_dossiers`.

    In CSV, ``national_codes`` is one cell with the codes separated by ``;``.

    Since: 0.1.0
    """
    return read_records(
        "services",
        source,
        format=format,
        errors=errors,
        max_problems=max_problems,
        columns=columns,
    )


def read_units(
    source: object,
    *,
    format: str | None = None,  # noqa: A002
    errors: ErrorMode = "raise",
    max_problems: int | None = 1000,
    columns: Columns = None,
) -> Reader[AdministrativeUnit]:
    """Read :class:`~dean06.AdministrativeUnit` records; arguments as :func:`read_dossiers`.

    Since: 0.1.0
    """
    return read_records(
        "units", source, format=format, errors=errors, max_problems=max_problems, columns=columns
    )


def read_teams(
    source: object,
    *,
    format: str | None = None,  # noqa: A002
    errors: ErrorMode = "raise",
    max_problems: int | None = 1000,
    columns: Columns = None,
) -> Reader[Team]:
    """Read :class:`~dean06.Team` records; arguments as :func:`read_dossiers`.

    An optional ``campaign`` column (as ``write_teams(..., campaign=...)``
    writes) is accepted and ignored.

    Since: 0.1.0
    """
    return read_records(
        "teams", source, format=format, errors=errors, max_problems=max_problems, columns=columns
    )


def read_events(
    source: object,
    *,
    format: str | None = None,  # noqa: A002
    errors: ErrorMode = "raise",
    max_problems: int | None = 1000,
    columns: Columns = None,
) -> Reader[AssistanceEvent]:
    """Read :class:`~dean06.AssistanceEvent` records; arguments as :func:`read_dossiers`.

    Since: 0.1.0
    """
    return read_records(
        "events", source, format=format, errors=errors, max_problems=max_problems, columns=columns
    )


def read_campaigns(
    source: object,
    *,
    teams: object = None,
    format: str | None = None,  # noqa: A002
    errors: ErrorMode = "raise",
    max_problems: int | None = 1000,
    columns: Columns = None,
    track: bool = False,
) -> Reader[Campaign]:
    """Read :class:`~dean06.Campaign` records with their teams.

    JSON and JSON Lines nest each campaign's teams in it.  CSV holds them in
    two files: ``campaigns.csv`` (``id, name, organiser, start, end``) and a
    teams file (the team fields plus a ``campaign`` column), given as
    *teams* (a path or a binary file) or else the sibling ``teams.csv`` of a
    *source* path (none: campaigns without teams).  A team row naming an
    unknown campaign is a fault located in the teams file; a campaign with a
    faulty team row is rejected with it.  Other arguments as
    :func:`read_dossiers`.

    Since: 0.1.0
    """
    where = "read_campaigns"
    check_options(errors, max_problems, where)
    columns = _check_columns(columns, where)
    fmt = detect_format(source, format, where)
    if fmt != "csv":
        if teams is not None:
            msg = f"{where}: teams= is for CSV; {fmt} nests the teams in their campaign"
            raise ValidationError(msg)
        return read_records(
            "campaigns",
            source,
            format=fmt,
            errors=errors,
            max_problems=max_problems,
            columns=columns,
            track=track,
        )
    src = Source(source, where)
    teams_source = teams if teams is not None else _sibling_teams(source)
    joined = _CsvCampaigns(src, teams_source, columns, where)
    return Reader(
        joined.produce, name=src.name, errors=errors, max_problems=max_problems, track=track
    )


class _CsvCampaigns:
    """Campaigns from ``campaigns.csv`` joined with their team rows from ``teams.csv``.

    The teams file is read whole first (teams are few), grouped by campaign
    id; the campaigns then stream.  Every fault of a team row is located in
    the teams file, and so are later reference checks on a campaign's teams.
    """

    def __init__(self, src: Source, teams_source: object, columns: Columns, where: str) -> None:
        self.src = src
        self.teams_source = teams_source
        self.columns = columns
        self.where = where
        self.spec = SPECS["campaigns"]
        self.team_name = "teams.csv"
        self.team_header: Header | None = None
        # campaign id -> [(line, {field: cell})] of its team rows
        self.grouped: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
        # line of an accepted campaign -> the lines of its team rows (when tracking)
        self.team_lines: dict[int, list[int]] = {}
        self.tracking = False

    def team_location(self, line: int, field: str | None) -> str:
        """``"teams.csv, line 7, column 'members'"``."""
        if field is None:
            return f"{self.team_name}, line {line}"
        column = self.team_header.column(field) if self.team_header else field
        return f"{self.team_name}, line {line}, column {column!r}"

    def nested(self, line: int, path: FieldPath) -> str | None:
        """The location of a team field of the campaign at *line* (None: not a team field)."""
        lines = self.team_lines.get(line)
        if not lines or len(path) < 2 or path[0] != "teams" or not isinstance(path[1], int):
            return None
        if path[1] >= len(lines):
            return None
        return self.team_location(lines[path[1]], str(path[2]) if len(path) > 2 else None)

    def finish(self, values: dict[str, str], line: int) -> tuple[Any, list[Any]]:
        """Build the campaign of one row with its teams; faults located where they are."""
        rows = self.grouped.pop(_key(values.get("id", "")), [])
        self.team_lines[line] = [row_line for row_line, _ in rows]
        located: list[tuple[FieldPath | str, str]] = list(self._duplicate_teams(rows))
        duplicates_found = bool(located)
        record, faults = self.spec.build({**values, "teams": [row for _, row in rows]})
        for path, message in faults:
            if duplicates_found and path == ("teams",):
                continue  # the duplicate team ids, already located in the teams file
            located.append((self.nested(line, path) or path, message))
        if located or not self.tracking or not rows:
            self.team_lines.pop(line, None)
        return (None if located else record), located

    def _duplicate_teams(
        self, rows: list[tuple[int, dict[str, str]]]
    ) -> Iterator[tuple[str, str]]:
        first: dict[str, int] = {}
        for row_line, row in rows:
            team_id = _key(row.get("id", ""))
            if not team_id:
                continue
            if team_id in first:
                message = (
                    f"duplicate team id {quote_input(team_id)} in one campaign "
                    f"(first at line {first[team_id]})"
                )
                yield self.team_location(row_line, "id"), message
            else:
                first[team_id] = row_line

    def produce(self, reader: Reader[Campaign]) -> Iterator[Campaign | None]:
        """The reader's producer: teams first, then the campaigns, then orphan team rows."""
        self.tracking = reader.tracking
        if self.teams_source is not None:
            team_src = Source(self.teams_source, self.where)
            self.team_name = team_src.name
            for line, values, header in iter_csv_rows(
                team_src, SPECS["teams"], self.columns, reader, required_extra=("campaign",)
            ):
                self.team_header = header
                if values is not None:
                    self.grouped[_key(values.pop("campaign", ""))].append((line, values))
        inner = csv_producer(
            self.spec, self.src, self.columns, finish=self.finish, nested=self.nested
        )
        yield from inner(reader)
        for campaign_id, rows in self.grouped.items():
            for line, _ in rows:
                reader.fault(
                    self.team_location(line, "campaign"),
                    f"unknown campaign {quote_input(campaign_id)}"
                    if campaign_id
                    else "a value is required",
                )


def _key(code: str) -> str:
    """A code as the value objects store it (NFC, stripped), for joining files."""
    return unicodedata.normalize("NFC", code).strip()


def _sibling_teams(source: object) -> Path | None:
    if not isinstance(source, str | os.PathLike):
        return None
    path = Path(source)
    suffixes = "".join(path.suffixes)
    for candidate in (
        path.with_name("teams" + suffixes),
        path.with_name("teams.csv"),
        path.with_name("teams.csv.gz"),
    ):
        if candidate.is_file():
            return candidate
    return None


# -- writers -------------------------------------------------------------------------------


def write_records(
    kind: str,
    records: Iterable[Any],
    dest: object,
    *,
    format: str | None = None,  # noqa: A002
    bom: bool = False,
    extra: Mapping[str, str] | None = None,
) -> int:
    """Write records of *kind* to *dest*; the generic form behind ``write_dossiers`` etc.

    *extra* adds constant CSV columns (``{"campaign": "C-1"}`` for teams).
    Returns the number of records written.
    """
    if kind not in SPECS:
        msg = f"write_records: unknown kind {kind!r}; expected one of {', '.join(SPECS)}"
        raise ValidationError(msg)
    where = f"write_{kind}"
    fmt = detect_format(dest, format, where)
    spec = SPECS[kind]
    if fmt == "csv" and kind == "campaigns":
        msg = f"{where}: campaigns in CSV need a teams file too; use write_campaigns"
        raise ValidationError(msg)
    with open_output(dest, where, bom=bom) as out:
        if fmt == "csv":
            fields = list(spec.csv_fields)
            tail = [cell_text(v) for v in (extra or {}).values()]
            fields.extend(extra or {})
            return write_csv(out, fields, (spec.csv_row(r) + tail for r in records))
        unstructured = (spec.unstructure(r) for r in records)
        if fmt == "jsonl":
            return write_jsonl(out, unstructured)
        return write_json(out, kind, unstructured)


def write_dossiers(
    records: Iterable[Dossier],
    dest: object,
    *,
    format: str | None = None,  # noqa: A002
    bom: bool = False,
) -> int:
    """Write dossiers as CSV, JSON Lines or JSON; returns how many were written.

    Args:
        records: the dossiers (any iterable; written as they come).
        dest: a path or a file opened in binary mode; a name ending in
            ``.gz`` is gzip-compressed.
        format: ``"csv"``, ``"jsonl"`` or ``"json"``; by default the suffix.
        bom: start UTF-8 output with a byte order mark (some spreadsheet
            programs need one to see Vietnamese text).

    CSV columns are the field names; cells a spreadsheet would run as
    formulas (starting with ``=``, ``+``, ``-``, ``@``, a tab, a carriage
    return or an apostrophe) get one leading apostrophe, which the readers
    remove, so reading back gives equal records in every format.

    Since: 0.1.0
    """
    return write_records("dossiers", records, dest, format=format, bom=bom)


def write_services(
    records: Iterable[Service],
    dest: object,
    *,
    format: str | None = None,  # noqa: A002
    bom: bool = False,
) -> int:
    """Write services; see :func:`write_dossiers`.

    Since: 0.1.0
    """
    return write_records("services", records, dest, format=format, bom=bom)


def write_units(
    records: Iterable[AdministrativeUnit],
    dest: object,
    *,
    format: str | None = None,  # noqa: A002
    bom: bool = False,
) -> int:
    """Write administrative units; see :func:`write_dossiers`.

    Since: 0.1.0
    """
    return write_records("units", records, dest, format=format, bom=bom)


def write_events(
    records: Iterable[AssistanceEvent],
    dest: object,
    *,
    format: str | None = None,  # noqa: A002
    bom: bool = False,
) -> int:
    """Write assistance events; see :func:`write_dossiers`.

    Since: 0.1.0
    """
    return write_records("events", records, dest, format=format, bom=bom)


def write_teams(
    records: Iterable[Team],
    dest: object,
    *,
    campaign: str | None = None,
    format: str | None = None,  # noqa: A002
    bom: bool = False,
) -> int:
    """Write teams; with *campaign*, CSV gets a ``campaign`` column holding it.

    See :func:`write_dossiers` for the other arguments.

    Since: 0.1.0
    """
    if campaign is not None and not isinstance(campaign, str):
        msg = f"write_teams: campaign must be a campaign id (text), not {type(campaign).__name__}"
        raise ValidationError(msg)
    fmt = detect_format(dest, format, "write_teams")
    if fmt == "csv":
        extra = {"campaign": campaign} if campaign is not None else None
        return write_records("teams", records, dest, format=fmt, bom=bom, extra=extra)
    if campaign is None:
        return write_records("teams", records, dest, format=fmt, bom=bom)
    spec = SPECS["teams"]
    rows = ({**spec.unstructure(team), "campaign": campaign} for team in records)
    with open_output(dest, "write_teams", bom=bom) as out:
        return write_jsonl(out, rows) if fmt == "jsonl" else write_json(out, "teams", rows)


def write_campaigns(
    records: Iterable[Campaign],
    dest: object,
    *,
    teams: object = None,
    format: str | None = None,  # noqa: A002
    bom: bool = False,
) -> int:
    """Write campaigns with their teams; returns how many campaigns were written.

    JSON and JSON Lines nest the teams.  CSV writes ``campaigns.csv`` to
    *dest* and the teams (with a ``campaign`` column) to *teams*, by default
    the sibling ``teams.csv`` of a *dest* path (with the same suffixes).
    Writing to an open file in CSV needs *teams* unless no campaign has a
    team.  See :func:`write_dossiers` for the other arguments.

    Since: 0.1.0
    """
    where = "write_campaigns"
    fmt = detect_format(dest, format, where)
    if fmt != "csv":
        if teams is not None:
            msg = f"{where}: teams= is for CSV; {fmt} nests the teams in their campaign"
            raise ValidationError(msg)
        return write_records("campaigns", records, dest, format=fmt, bom=bom)
    campaigns = list(records)
    spec = SPECS["campaigns"]
    team_spec = SPECS["teams"]
    teams_dest = teams
    if teams_dest is None and isinstance(dest, str | os.PathLike):
        path = Path(dest)
        teams_dest = path.with_name("teams" + "".join(path.suffixes))
    if teams_dest is None and any(c.teams for c in campaigns):
        msg = f"{where}: writing campaigns to an open CSV file needs teams= for their teams"
        raise ValidationError(msg)
    with open_output(dest, where, bom=bom) as out:
        count = write_csv(out, spec.csv_fields, (spec.csv_row(c) for c in campaigns))
    if teams_dest is not None:
        with open_output(teams_dest, where, bom=bom) as out:
            write_csv(
                out,
                [*team_spec.csv_fields, "campaign"],
                (
                    [*team_spec.csv_row(team), campaign.id]
                    for campaign in campaigns
                    for team in campaign.teams
                ),
            )
    return count


def problems_of(reader: Reader[Any]) -> list[Problem]:
    """The problems a reader found (a copy)."""
    return list(reader.problems)
