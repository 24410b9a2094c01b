"""Data sets as folders of files: load, save, validate (internal module)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dean06.dataset import Dataset, check_references
from dean06.errors import DataError, Problem, ValidationError
from dean06.io._api import read_campaigns, read_records, write_campaigns, write_records
from dean06.io._reader import ErrorMode, Reader, check_options
from dean06.io._records import SPECS
from dean06.io._sources import FORMATS, Source

if TYPE_CHECKING:
    import os
    from collections.abc import Callable

__all__ = ["find_files", "kind_of_file", "load_dataset", "save_dataset", "validate"]

#: The record kinds of a data set folder, in the order they are read.
KINDS = ("services", "units", "dossiers", "campaigns", "events")
_NAME = re.compile(
    r"(?P<kind>services|units|dossiers|campaigns|teams|events)\.(?P<fmt>csv|jsonl|ndjson|json)"
    r"(?:\.gz)?",
    re.IGNORECASE,
)
# A file named for its kind and more: "dossiers-2023-06.csv", "events_hè.jsonl.gz".
_PREFIXED = re.compile(
    r"(?P<kind>services|units|dossiers|campaigns|teams|events)[-_ .][^/\\]*?"
    r"\.(?P<fmt>csv|jsonl|ndjson|json)(?:\.gz)?",
    re.IGNORECASE,
)


_DOCUMENT_KIND = re.compile(r'"(services|units|dossiers|campaigns|teams|events)"\s*:\s*\[')


def display_name(path: Path) -> str:
    """A path's name for messages: its base name, or the folder's own for ``.``."""
    return path.name or path.resolve().name or str(path)


def find_files(folder: Path) -> dict[str, Path]:
    """The data file of each kind in *folder* (``teams`` only as campaigns' CSV partner).

    Raises:
        DataError: when two files hold one kind (``dossiers.csv`` and
            ``dossiers.json``), or the folder does not exist.
    """
    if not folder.is_dir():
        raise DataError([Problem(display_name(folder), "not a folder")])
    found: dict[str, list[Path]] = {}
    for path in sorted(folder.iterdir()):
        match = _NAME.fullmatch(path.name)
        if match and path.is_file():
            found.setdefault(match["kind"].lower(), []).append(path)
    problems = [
        Problem(
            display_name(folder),
            f"two files for {kind}: {', '.join(p.name for p in paths)}; keep one",
        )
        for kind, paths in found.items()
        if len(paths) > 1
    ]
    if problems:
        raise DataError(problems, summary=f"cannot read the data set in {display_name(folder)!r}")
    return {kind: paths[0] for kind, paths in found.items()}


def _reader_for(
    kind: str,
    path: Path,
    errors: ErrorMode,
    *,
    track: bool,
    teams: Path | None = None,
    max_problems: int | None = 1000,
) -> Reader[Any]:
    if kind == "campaigns":
        csv_teams = teams if teams is not None and _format_of(path) == "csv" else None
        return read_campaigns(
            path, teams=csv_teams, errors=errors, track=track, max_problems=max_problems
        )
    return read_records(kind, path, errors=errors, track=track, max_problems=max_problems)


def _stray_teams(
    files: dict[str, Path], *, track: bool, max_problems: int | None = 1000
) -> tuple[Reader[Any] | None, list[Problem]]:
    """Read a teams file that has no ``campaigns.csv`` to join: none of its rows is lost.

    Without a campaigns file, every team row names an unknown campaign (a
    fault located in the teams file, as for any unknown campaign).  With
    campaigns in JSON or JSON Lines, which nest their teams, the teams file
    is one problem.  Returns (the reader, to drain) or (None, the problem);
    (None, []) when there is no stray teams file.
    """
    teams = files.get("teams")
    campaigns = files.get("campaigns")
    if teams is None or (campaigns is not None and _format_of(campaigns) == "csv"):
        return None, []
    if campaigns is not None:
        message = (
            f"its teams are not read: {campaigns.name} nests each campaign's teams; "
            f"move them there, or write the campaigns as campaigns.csv"
        )
        return None, [Problem(teams.name, message)]
    header = ",".join(SPECS["campaigns"].csv_fields) + "\n"
    reader = read_campaigns(
        io.BytesIO(header.encode()),
        teams=teams,
        format="csv",
        errors="collect",
        track=track,
        max_problems=max_problems,
    )
    return reader, []


def _format_of(path: Path) -> str:
    match = _NAME.fullmatch(path.name) or _PREFIXED.fullmatch(path.name)
    fmt = match["fmt"].lower() if match else path.suffix.lower().lstrip(".")
    return "jsonl" if fmt == "ndjson" else fmt


def load_dataset(path: str | os.PathLike[str], *, errors: ErrorMode = "raise") -> Dataset:
    """Read a data set from a folder of files.

    The folder may hold ``services``, ``units``, ``dossiers``,
    ``campaigns`` (in CSV with its partner ``teams.csv``) and ``events``,
    each as ``.csv``, ``.jsonl`` or ``.json``, optionally gzip-compressed
    (``.csv.gz``).  A missing file is an empty collection; two files for one
    kind are a :class:`~dean06.DataError`.  A teams file without a
    ``campaigns.csv`` to join is not dropped: each of its rows names an
    unknown campaign, a fault located in the teams file.

    Args:
        path: the folder.
        errors: ``"raise"`` (default) raises one DataError listing every
            fault of every file; ``"collect"`` keeps the valid records (use
            :func:`validate` to see the faults).

    Since: 0.1.0
    """
    check_options(errors, 0, "load_dataset")
    return load_kinds(Path(path), KINDS, errors)


def load_kinds(folder: Path, kinds: tuple[str, ...], errors: ErrorMode) -> Dataset:
    """A data set of the *kinds* found in *folder*; the other kinds stay empty."""
    files = find_files(folder)
    collected: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    problems: list[Problem] = []
    total = 0
    for kind in KINDS:
        file = files.get(kind)
        if file is None or kind not in kinds:
            continue
        reader = _reader_for(kind, file, "collect", track=False, teams=files.get("teams"))
        collected[kind] = list(reader)
        problems.extend(reader.problems)
        total += reader.problem_count
    if "campaigns" in kinds:
        stray, found = _stray_teams(files, track=False)
        if stray is not None:
            list(stray)
            problems.extend(stray.problems)
            total += stray.problem_count
        problems.extend(found)
        total += len(found)
    if errors == "raise" and total:
        plural = "s" if total != 1 else ""
        summary = f"{total} problem{plural} in {display_name(folder)}"
        raise DataError(problems, total=total, summary=summary)
    return Dataset(
        services=collected["services"],
        units=collected["units"],
        dossiers=collected["dossiers"],
        campaigns=collected["campaigns"],
        events=collected["events"],
    )


def save_dataset(
    dataset: Dataset,
    path: str | os.PathLike[str],
    *,
    format: str = "csv",  # noqa: A002 - the API's name
    compress: bool = False,
) -> dict[str, Path]:
    """Write *dataset* to a folder, one file per kind (created if needed).

    Data files already in the folder under another format or compression
    (``dossiers.json`` when writing CSV, a ``teams.csv.gz`` left by an
    earlier compressed save) are removed, so that the folder loads back as
    exactly *dataset*; other files are left alone.

    Args:
        dataset: the data set.
        path: the folder.
        format: ``"csv"`` (default), ``"jsonl"`` or ``"json"``.  In CSV,
            campaigns are written as ``campaigns.csv`` and ``teams.csv``.
        compress: gzip every file (``dossiers.csv.gz``).

    Returns:
        The files written, by kind.

    Since: 0.1.0
    """
    if not isinstance(dataset, Dataset):
        msg = f"save_dataset: expected a Dataset, not {type(dataset).__name__}"
        raise ValidationError(msg)
    if format not in FORMATS:
        msg = f"save_dataset: format must be one of {', '.join(FORMATS)}, not {format!r}"
        raise ValidationError(msg)
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    suffix = f".{format}" + (".gz" if compress else "")
    written: dict[str, Path] = {}
    # One file per kind: files of another format (or compression) go, and so
    # does a teams file that the new campaigns file does not go with.
    keep = {f"{kind}{suffix}" for kind in KINDS}
    if format == "csv":
        keep.add(f"teams{suffix}")
    for old in folder.iterdir():
        if _NAME.fullmatch(old.name) and old.name not in keep and old.is_file():
            old.unlink()
    for kind in KINDS:
        target = folder / f"{kind}{suffix}"
        if kind == "campaigns":
            write_campaigns(dataset.campaigns, target, format=format)
            if format == "csv":
                written["teams"] = folder / f"teams{suffix}"
        else:
            write_records(kind, getattr(dataset, kind), target, format=format)
        written[kind] = target
    return written


def kind_of_file(path: Path) -> str | None:
    """The record kind a file holds, from its name or else its content."""
    match = _NAME.fullmatch(path.name) or _PREFIXED.fullmatch(path.name)
    if match:
        return match["kind"].lower()
    return _sniff_kind(path)


def _sniff_kind(path: Path) -> str | None:
    """Guess the kind of an oddly named file from its CSV header or JSON keys.

    Raises:
        DataError: when the file cannot be read as text at all (its
            encoding, a broken gzip stream): that is its problem.
    """
    from dean06.io._records import SPECS  # noqa: PLC0415 - avoid a cycle at import

    with Source(path, "validate").text() as text:
        head = text.read(64 * 1024)
    stripped = head.lstrip()
    keys: list[str] = []
    if stripped.startswith(("{", "[")):
        first = stripped.splitlines()[0] if stripped else ""
        try:
            document = json.loads(first)
        except (ValueError, RecursionError):  # not one line of JSON (or absurd numbers)
            document = None
        if isinstance(document, list):
            document = next((item for item in document if isinstance(item, dict)), None)
        if isinstance(document, dict):
            lists = [k for k in SPECS if isinstance(document.get(k), list)]
            if lists and set(document) <= {*lists, "schema_version"}:
                return lists[0]  # a document {"schema_version": 1, "<kind>": [...]}
            keys = [str(k) for k in document]  # a record (a campaign holds "teams")
        else:
            # A document over several lines: the first list of records it opens.
            found = _DOCUMENT_KIND.search(head[:4096])
            if found:
                return found[1]
    else:
        try:
            keys = next(csv.reader(head.splitlines()[:1]), [])
        except csv.Error:
            return None
    best, score = None, 0
    for kind, spec in SPECS.items():
        matched = {spec.match(k, None) for k in keys} & set(spec.required)
        if len(matched) == len(spec.required) and len(matched) > score:
            best, score = kind, len(matched)
    return best


def validate(
    path: str | os.PathLike[str],
    *,
    max_problems: int | None = 1000,
    on_file: Callable[[str, Reader[Any]], None] | None = None,
) -> tuple[Problem, ...]:
    """Every problem of a data set folder, or of one file, with its location.

    Reads every file in collect mode (faults of a whole file become one
    problem each), then checks references between the records (unknown
    service, unit, campaign or team codes; duplicate ids), located in the
    files: ``"dossiers.csv, line 5, column 'service'"``.

    Args:
        path: a data set folder, or one file of one record type.
        max_problems: bound on the problems kept per file.
        on_file: called with (kind, reader) after each file is read.

    Since: 0.1.0
    """
    target = Path(path)
    if target.is_dir():
        try:
            files = find_files(target)
        except DataError as error:
            return error.problems
    elif target.is_file():
        try:
            kind = kind_of_file(target)
        except DataError as error:
            return error.problems
        if kind is None:
            return (
                Problem(
                    target.name,
                    "cannot tell which records this file holds: name it services, units, "
                    "dossiers, campaigns, teams or events (.csv, .jsonl, .json)",
                ),
            )
        files = {kind: target}
    else:
        return (Problem(display_name(target), "no such file or folder"),)

    problems: list[Problem] = []
    collected: dict[str, list[Any]] = {}
    readers: dict[str, Reader[Any]] = {}
    # A folder's teams file goes with its campaigns; a lone teams file is read as teams.
    folder = target.is_dir()
    stray, found = (
        _stray_teams(files, track=True, max_problems=max_problems) if folder else (None, [])
    )
    problems.extend(found)
    for kind in KINDS if folder else tuple(files):
        file = files.get(kind)
        if file is None:
            continue
        reader = _reader_for(
            kind,
            file,
            "collect",
            track=True,
            teams=files.get("teams"),
            max_problems=max_problems,
        )
        try:
            collected[kind] = list(reader)
        except DataError as error:
            problems.extend(error.problems)
            continue
        problems.extend(reader.problems)
        readers[kind] = reader
        if on_file is not None:
            on_file(kind, reader)

    if stray is not None:
        try:
            list(stray)
        except DataError as error:
            problems.extend(error.problems)
        else:
            problems.extend(stray.problems)
            if on_file is not None:
                on_file("teams", stray)

    dataset = Dataset(
        services=collected.get("services", ()),
        units=collected.get("units", ()),
        dossiers=collected.get("dossiers", ()),
        campaigns=collected.get("campaigns", ()),
        events=collected.get("events", ()),
    )

    def locate(kind: str, index: int, field: str) -> str:
        reader = readers.get(kind)
        if reader is None or index >= len(reader.positions):
            return f"{kind}[{index}].{field}"
        path_: tuple[str | int, ...] = tuple(
            int(part) if part.isdigit() else part for part in re.split(r"[.\[\]]+", field) if part
        )
        return reader.locate(reader.positions[index], path_)

    problems.extend(check_references(dataset, locate))
    return tuple(problems)
