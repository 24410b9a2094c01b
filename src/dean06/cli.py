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
found some, or ``report`` could not read its data), 2 on usage errors.  No
traceback reaches the user for bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from dean06._version import __version__
from dean06.errors import DataError, Dean06Error, Problem, ValidationError

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
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


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

    Since: 0.1.0
    """
    parser = _parser()
    args = parser.parse_args(argv)
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
    from dean06.dataset import Dataset  # noqa: PLC0415 - keep --help fast
    from dean06.services import essential_services  # noqa: PLC0415

    if dataset is None:
        from dean06.datasets import quang_ngai_2023  # noqa: PLC0415

        return quang_ngai_2023()
    path = Path(dataset)
    if not path.exists():
        msg = f"no such file or folder: {dataset}"
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

        services = essential_services()
        return Dataset(services=services, dossiers=read_portal_dossiers(path, services=services))
    from dean06.io._folder import kind_of_file  # noqa: PLC0415

    kind = kind_of_file(path) or "dossiers"
    if kind == "dossiers":
        return Dataset(services=essential_services(), dossiers=io.read_dossiers(path, format=fmt))
    if kind == "events":
        return Dataset(events=io.read_events(path, format=fmt))
    msg = (
        f"{path.name} holds {kind}; a report needs dossiers or events: "
        "give a folder holding the whole data set"
    )
    raise _UsageError(msg)


def _report(args: argparse.Namespace) -> int:
    from dean06.periods import Period  # noqa: PLC0415
    from dean06.report import build  # noqa: PLC0415

    period = None
    if args.period is not None:
        try:
            period = Period.parse(args.period)
        except ValidationError as error:
            raise _UsageError(str(error).replace("Period.parse: ", "--period: ")) from None
    dataset = _load(args.dataset, args.input_format)
    try:
        report = build(dataset, period=period, unit=args.unit)
    except ValidationError as error:
        raise _UsageError(str(error).replace("report: ", "")) from None
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
        Path(output).write_bytes(data)
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
        msg = f"no such file or folder: {args.dataset}"
        raise _UsageError(msg)
    if args.max_problems < 0:
        msg = "--max-problems must be 0 or more"
        raise _UsageError(msg)
    fmt = _input_format(path, args.input_format)
    problems: tuple[Problem, ...]
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
        except DataError as error:
            problems = error.problems
    else:
        problems = io.validate(path, max_problems=args.max_problems)
    lines = [str(problem) for problem in problems]
    if problems:
        lines.append(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found")
        _emit("\n".join(lines) + "\n", None)
        return EXIT_PROBLEMS
    _emit(f"{path.name}: no problems found\n", None)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
