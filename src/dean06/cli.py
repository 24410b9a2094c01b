"""The ``dean06`` command: reports and validation from the shell.

::

    dean06 report [DATASET] [--period P] [--unit CODE] [--lang vi|en]
                  [--format text|markdown|csv|json|html] [--output FILE]
                  [--input-format folder|csv|jsonl|json|portal]
    dean06 validate DATASET [--input-format ...] [--max-problems N]
    dean06 --version

With no DATASET, ``report`` reports on the embedded Quảng Ngãi 2023 data.
DATASET is a folder of data files (``services``, ``units``, ``dossiers``,
``campaigns``/``teams``, ``events``), or one file of dossiers or events, or a
national-portal ``DongBoHoSoMC`` payload (detected, or ``--input-format
portal``).

Exit status: 0 on success, 1 when the input has problems (``validate``
found some, or ``report`` could not read its data or found broken references
in it, such as a duplicate dossier id that would be counted twice), 2 on
usage errors (bad arguments, a period that is not whole months, an unknown
unit, a missing DATASET, an ``--output`` that cannot be written).  No
traceback reaches the user for bad input.  A scope without data is not an
error: the report says so, and so does a line on stderr.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from dean06._version import __version__
from dean06.errors import (
    DataError,
    Dean06Error,
    Dean06Warning,
    Problem,
    ValidationError,
    mask_personal,
    quote_input,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
_INPUT_FORMATS = ("folder", "csv", "jsonl", "json", "portal")
_REPORT_FORMATS = ("text", "markdown", "csv", "json", "html")


class _UsageError(Exception):
    """A mistake in how the command was called (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        # argparse quotes the argument it refused: mask what looks personal.
        self.exit(EXIT_USAGE, f"{self.prog}: error: {mask_personal(message)}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dean06",
        description=(
            "Project 06 (Đề án 06) figures: online public services, volunteer campaigns "
            "and electronic identification, from provincial data."
        ),
        epilog="Exit status: 0 success, 1 problems in the input, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"dean06 {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    report = commands.add_parser(
        "report",
        help="print the Project 06 report of a data set (default: the embedded example)",
        description="Print the Project 06 report of a data set.",
    )
    report.add_argument(
        "dataset",
        nargs="?",
        metavar="DATASET",
        help="a folder of data files, one dossiers/events file, or a portal payload "
        "(default: the embedded Quảng Ngãi 2023 data)",
    )
    report.add_argument(
        "--period", metavar="P", help="whole months: 2023-06, 2023-Q2, 2023-H1, 'quý II/2023'..."
    )
    report.add_argument("--unit", metavar="CODE", help="a unit code (its communes included)")
    report.add_argument("--lang", choices=("vi", "en"), default="vi", help="language (vi)")
    report.add_argument(
        "--format", choices=_REPORT_FORMATS, default="text", help="output format (text)"
    )
    report.add_argument("--output", "-o", metavar="FILE", help="write to FILE, not the screen")
    report.add_argument(
        "--input-format", choices=_INPUT_FORMATS, help="how to read DATASET (detected by default)"
    )

    validate = commands.add_parser(
        "validate",
        help="list every problem of a data set, with its location",
        description="List every problem of a data set folder or file, with its location.",
    )
    validate.add_argument("dataset", metavar="DATASET", help="a folder, or one data file")
    validate.add_argument("--input-format", choices=_INPUT_FORMATS, help="detected by default")
    validate.add_argument(
        "--max-problems", type=int, default=1000, metavar="N", help="list at most N per file"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``dean06`` command; returns the exit status.

    ``--help``, ``--version`` and mistakes in the arguments return their
    status too (0, 0 and 2) instead of raising :class:`SystemExit`, so that
    ``main`` can be called in-process.

    Since: 0.1.0
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:
        return _exit_status(done.code)
    with warnings.catch_warnings(record=True) as caught:
        # dean06's warnings (unknown columns) are part of the output: said
        # once each, plainly, not as Python warnings with a source line.
        warnings.simplefilter("always", Dean06Warning)
        try:
            return _run(parser, args)
        finally:
            _say_warnings(caught)


def _say_warnings(caught: list[warnings.WarningMessage]) -> None:
    said: set[str] = set()
    for item in caught:
        if issubclass(item.category, Dean06Warning):
            text = str(item.message)
            if text not in said:
                said.add(text)
                _say(f"dean06: warning: {text}")
        else:
            warnings.showwarning(item.message, item.category, item.filename, item.lineno)


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    try:
        if args.command == "report":
            return _report(args)
        if args.command == "validate":
            return _validate(args)
        parser.print_help()
    except _UsageError as error:
        _say(f"dean06: {error}")
        return EXIT_USAGE
    except DataError as error:
        _say(f"dean06: {error}")
        return EXIT_PROBLEMS
    except ValidationError as error:
        _say(f"dean06: {error}")
        return EXIT_USAGE
    except Dean06Error as error:
        _say(f"dean06: {error}")
        return EXIT_PROBLEMS
    except OSError as error:
        _say(
            f"dean06: {error.strerror or 'cannot read or write a file'}"
            f"{f': {Path(error.filename).name}' if error.filename else ''}"
        )
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    return EXIT_USAGE


def _exit_status(code: object) -> int:
    """The status of an argparse exit: None is success, text is a usage error."""
    if code is None:
        return EXIT_OK
    return code if isinstance(code, int) else EXIT_USAGE


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _input_format(path: Path, given: str | None) -> str:
    if given is not None:
        return given
    if path.is_dir():
        return "folder"
    if _looks_like_portal(path):
        return "portal"
    name = path.name.lower().removesuffix(".gz")
    for fmt in ("csv", "jsonl", "json"):
        if name.endswith(f".{fmt}"):
            return fmt
    if name.endswith(".ndjson"):
        return "jsonl"
    msg = (
        f"cannot tell how to read {path.name!r}; pass --input-format ({', '.join(_INPUT_FORMATS)})"
    )
    raise _UsageError(msg)


def _looks_like_portal(path: Path) -> bool:
    try:
        from dean06.io.portal import is_portal_payload  # noqa: PLC0415 - optional module
    except ImportError:  # pragma: no cover - the portal reader ships with dean06
        return False
    return bool(is_portal_payload(path))


def _load(dataset: str | None, input_format: str | None) -> Any:
    """The data set to report on; its references must be sound.

    A data set with broken references (a duplicate dossier id, an event of
    an unknown campaign...) would give wrong figures without a word, so it
    is refused as bad data (exit status 1); ``dean06 validate`` locates the
    faults in the files.
    """
    if dataset is None:
        from dean06.datasets import quang_ngai_2023  # noqa: PLC0415 - keep --help fast

        return quang_ngai_2023()
    loaded = _read(dataset, input_format)
    problems = loaded.problems()
    if problems:
        summary = (
            f"{Path(dataset).name}: {len(problems)} broken reference"
            f"{'s' if len(problems) != 1 else ''} (duplicate ids or unknown codes) would "
            f"make the report wrong; 'dean06 validate' shows where they are in the files"
        )
        raise DataError(problems, summary=summary)
    return loaded


def _read(dataset: str, input_format: str | None) -> Any:
    from dean06.dataset import Dataset  # noqa: PLC0415 - keep --help fast

    path = Path(dataset)
    if not path.exists():
        msg = f"no such file or folder: {mask_personal(dataset)}"
        raise _UsageError(msg)
    fmt = _input_format(path, input_format)
    from dean06 import io  # noqa: PLC0415 - cattrs only when data is read

    if fmt == "folder":
        if not path.is_dir():
            msg = f"{path.name} is not a folder"
            raise _UsageError(msg)
        return io.load_dataset(path)
    if fmt == "portal":
        from dean06.io.portal import read_portal_dossiers  # noqa: PLC0415
        from dean06.services import essential_services  # noqa: PLC0415

        services = essential_services()
        # No service list in the data set: the report takes the essential
        # services from the catalogue, and codes outside it are not faults.
        # A sync payload sends a dossier again each time it changes
        # (isUpdating): the last record of each MaHoSo is its state.
        latest = {d.id: d for d in read_portal_dossiers(path, services=services)}
        return Dataset(dossiers=latest.values())
    from dean06.io._folder import kind_of_file  # noqa: PLC0415

    kind = kind_of_file(path) or "dossiers"
    if kind == "dossiers":
        return Dataset(dossiers=io.read_dossiers(path, format=fmt))
    if kind == "events":
        return Dataset(events=io.read_events(path, format=fmt))
    msg = (
        f"{path.name} holds {kind}; a report needs dossiers or events: "
        "give a folder holding the whole data set"
    )
    raise _UsageError(msg)


def _embedded_units_for(data: Any) -> tuple[Any, ...]:
    """The embedded catalogue's units that *data* names, with their ancestors.

    Input without a units file (one dossiers file, a portal payload) gets
    unit names and the district and province lines from the embedded
    catalogue where its codes are known; units it does not know are
    reported by code.  Only the units the data names (and the units above
    them) are taken, so data from elsewhere is not titled Quảng Ngãi.
    """
    from dean06.datasets import quang_ngai_2023_units  # noqa: PLC0415
    from dean06.units import UnitCatalogue  # noqa: PLC0415

    catalogue = UnitCatalogue(quang_ngai_2023_units())
    named = data.dossier_tally.units() | {
        row.unit for row in data.assistance_tally.counts() if row.unit is not None
    }
    wanted: set[str] = set()
    for code in named & catalogue.keys():
        wanted.add(code)
        wanted.update(unit.code for unit in catalogue.ancestors(code))
    return tuple(unit for code, unit in catalogue.items() if code in wanted)


def _report(args: argparse.Namespace) -> int:
    from dean06.periods import Period  # noqa: PLC0415
    from dean06.report import Report  # noqa: PLC0415

    period = None
    if args.period is not None:
        try:
            period = Period.parse(args.period)
        except ValidationError as error:
            # A report counts by month: suggest whole-month ranges only.
            message = str(error).replace("Period.parse: ", "--period: ")
            message = message.replace("2023-01-15/2023-03-31", "2023-01/2023-03")
            raise _UsageError(message) from None
        if not period.whole_months:
            msg = (
                f"--period: {quote_input(args.period)} is not whole months; a report counts "
                "dossiers by month: give a month, quarter, half or year (2023-06, 2023-Q2, "
                "2023-H1, 2023) or a range of whole months (2023-01-01/2023-03-31)"
            )
            raise _UsageError(msg)
    try:
        if args.dataset is None:
            # The embedded data: its tallies, counted without building the
            # dossiers (the same report as build(quang_ngai_2023()), faster).
            from dean06.datasets import quang_ngai_2023_tallies  # noqa: PLC0415

            parts = quang_ngai_2023_tallies()
            report = Report.from_tallies(
                parts.dossiers,
                parts.assistance,
                services=parts.services,
                units=parts.units,
                campaigns=parts.campaigns,
                period=period,
                unit=args.unit,
            )
        else:
            data = _load(args.dataset, args.input_format)
            report = Report.from_tallies(
                data.dossier_tally,
                data.assistance_tally,
                services=data.services,
                units=data.units or _embedded_units_for(data),
                campaigns=data.campaigns,
                period=period,
                unit=args.unit,
            )
    except ValidationError as error:
        raise _UsageError(str(error).replace("report: ", "--unit: ")) from None
    text = report.render(format=args.format, lang=args.lang)
    if not report.has_data:
        scope = " ".join(
            part
            for part in (
                f"--period {args.period}" if args.period else "",
                f"--unit {args.unit}" if args.unit else "",
            )
            if part
        )
        _say(f"dean06: no data for {scope or 'this data set'}")
    _emit(text, args.output)
    return EXIT_OK


def _emit(text: str, output: str | None) -> None:
    data = text.encode("utf-8")
    if output is not None:
        try:
            Path(output).write_bytes(data)
        except OSError as error:
            reason = error.strerror or "cannot write the file"
            msg = f"--output: cannot write {mask_personal(output)}: {reason}"
            raise _UsageError(msg) from None
        return
    stream: IO[Any] = getattr(sys.stdout, "buffer", sys.stdout)
    try:
        if stream is sys.stdout:
            sys.stdout.write(text)
        else:
            stream.write(data)
        sys.stdout.flush()
    except BrokenPipeError:  # pragma: no cover - e.g. `dean06 report | head`
        sys.stderr.close()


def _validate(args: argparse.Namespace) -> int:
    from dean06 import io  # noqa: PLC0415

    path = Path(args.dataset)
    if not path.exists():
        msg = f"no such file or folder: {mask_personal(args.dataset)}"
        raise _UsageError(msg)
    if args.max_problems < 0:
        msg = "--max-problems must be 0 or more"
        raise _UsageError(msg)
    fmt = _input_format(path, args.input_format)
    problems: tuple[Problem, ...]
    hidden = 0  # problems past --max-problems: counted, not listed

    def count_hidden(_kind: str, reader: Any) -> None:
        nonlocal hidden
        hidden += reader.problem_count - len(reader.problems)

    if fmt == "portal":
        from dean06.io.portal import read_portal_dossiers  # noqa: PLC0415
        from dean06.services import essential_services  # noqa: PLC0415

        reader = read_portal_dossiers(
            path,
            errors="collect",
            services=essential_services(),
            max_problems=args.max_problems,
        )
        try:
            for _ in reader:
                pass
            problems = tuple(reader.problems)
            count_hidden("dossiers", reader)
        except DataError as error:
            problems = error.problems
    else:
        problems = io.validate(path, max_problems=args.max_problems, on_file=count_hidden)
    lines = [str(problem) for problem in problems]
    total = len(problems) + hidden
    if total:
        if hidden:
            lines.append(f"… and {hidden} more (--max-problems {args.max_problems} per file)")
        lines.append(f"{total} problem{'s' if total != 1 else ''} found")
        _emit("\n".join(lines) + "\n", None)
        return EXIT_PROBLEMS
    from dean06.io._folder import display_name  # noqa: PLC0415

    _emit(f"{display_name(path)}: no problems found\n", None)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
