"""CSV records: reading with located faults, writing with formulas neutralised (internal)."""

from __future__ import annotations

import csv
import itertools
import re
import warnings
from typing import IO, TYPE_CHECKING, Any

from dean06._text import neutralise
from dean06.errors import DataError, Dean06Warning, Problem
from dean06.io._records import quote_names

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

    from dean06.io._reader import Reader
    from dean06.io._records import FieldPath, RecordSpec
    from dean06.io._sources import Source

__all__ = ["csv_producer", "iter_csv_rows", "write_csv"]


def _clean(cell: str) -> str:
    return cell.strip().removeprefix("'")


class Header:
    """A CSV header matched against a record spec."""

    def __init__(
        self,
        spec: RecordSpec[Any],
        cells: list[str],
        columns: Mapping[str, str] | None,
        name: str,
        *,
        required_extra: tuple[str, ...] = (),
    ) -> None:
        self.names = [_clean(c) for c in cells]
        self.fields: list[str | None] = []
        self.column_of: dict[str, str] = {}
        unknown: list[str] = []
        problems: list[Problem] = []
        matched = spec.match_all(self.names, columns)
        for header, match in zip(self.names, matched, strict=True):
            field = match if header else None
            if field is not None and field not in spec.field_names and field not in spec.extra:
                problems.append(
                    Problem(
                        f"{name}, line 1, column {header!r}",
                        f"columns= maps it to {field!r}, which is not a field of a "
                        f"{spec.noun} ({', '.join(spec.csv_fields)})",
                    )
                )
                field = None
            if field is not None and field in self.column_of:
                problems.append(
                    Problem(
                        f"{name}, line 1, column {header!r}",
                        f"column {self.column_of[field]!r} already gives {field!r}",
                    )
                )
                field = None
            if field is None:
                if header:
                    unknown.append(header)
            else:
                self.column_of[field] = header
            self.fields.append(field)
        found = f"columns found: {quote_names(self.names)}"
        if not self.column_of and any(_looks_like_data(c) for c in self.names):
            # No header at all: line 1 is a record (or not CSV), and its cells
            # may be a person's name, ID or e-mail: counted, never quoted.
            counted = f"{len(self.names)} cells are" if len(self.names) != 1 else "1 cell is"
            found = f"line 1 looks like data, not a header: its {counted} not shown"
        problems.extend(
            Problem(f"{name}, line 1", f"missing required column {field!r} ({found})")
            for field in (*spec.required, *required_extra)
            if field not in self.column_of and field != "teams"
        )
        if problems:
            raise DataError(problems, summary=f"cannot read {name}: its header is not usable")
        if unknown:
            message = f"{name}: ignoring unknown columns {quote_names(unknown)}"
            warnings.warn(Dean06Warning(message), stacklevel=4)

    def column(self, field: str) -> str:
        """The header of *field* as the file names it."""
        return self.column_of.get(field, field)

    def position(self, field: str) -> int | None:
        """The index of *field*'s column in a row, or None if the file lacks it."""
        header = self.column_of.get(field)
        if header is None:
            return None
        return next(i for i, f in enumerate(self.fields) if f == field)

    def values(self, row: list[str]) -> dict[str, str]:
        """A row's cells by field: stripped, one leading apostrophe off, empty ones left out."""
        values: dict[str, str] = {}
        for field, cell in zip(self.fields, row, strict=False):
            if field is not None and cell:
                cleaned = cell.strip()
                if cleaned[:1] == "'":
                    cleaned = cleaned[1:]
                if cleaned:
                    values[field] = cleaned
        return values


def iter_csv_rows(
    source: Source,
    spec: RecordSpec[Any],
    columns: Mapping[str, str] | None,
    reader: Reader[Any],
    *,
    required_extra: tuple[str, ...] = (),
) -> Iterator[tuple[int, dict[str, str] | None, Header]]:
    """Yield (line, {field: cell}, header) for each non-blank row; faults go to *reader*.

    A row that cannot be read at all (not valid CSV, too many cells) is
    reported here and yields ``None`` in place of its cells.
    """
    for start, row, header in iter_csv_raw(
        source, spec, columns, reader, required_extra=required_extra
    ):
        yield start, None if row is None else header.values(row), header


def iter_csv_raw(
    source: Source,
    spec: RecordSpec[Any],
    columns: Mapping[str, str] | None,
    reader: Reader[Any],
    *,
    required_extra: tuple[str, ...] = (),
) -> Iterator[tuple[int, list[str] | None, Header]]:
    """Yield (line, cells, header) for each non-blank row, as :func:`iter_csv_rows`.

    The cells are the row as the csv module read it (uncleaned).
    """
    name = source.name
    with source.text() as text:
        lines = iter(text)
        head = next(lines, "")
        rows = csv.reader(
            itertools.chain((head,), lines) if head else lines, delimiter=sniff_delimiter(head)
        )
        try:
            first = next(rows)
        except StopIteration:
            raise DataError([Problem(name, "the file is empty: no header line")]) from None
        except csv.Error as error:
            raise DataError(
                [Problem(f"{name}, line 1", f"no usable header: {_csv_error_message(error)}")]
            ) from None
        if not any(cell.strip() for cell in first):
            raise DataError([Problem(f"{name}, line 1", "no header: the first line is blank")])
        header = Header(spec, first, columns, name, required_extra=required_extra)
        width = len(header.fields)
        last = rows.line_num
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as error:
                start, last = last + 1, rows.line_num
                reader.fault(f"{name}, line {start}", _csv_error_message(error))
                yield start, None, header
                continue
            start, last = last + 1, rows.line_num
            # A blank line (or one of blank cells) is no record.  Cheap tests
            # first: this runs once per row.
            if not any(row) or (not row[0].strip() and not "".join(row).strip()):
                continue
            if len(row) > width and "".join(row[width:]).strip():
                reader.fault(
                    f"{name}, line {start}",
                    f"{len(row)} cells but the header has {width} columns "
                    "(an unquoted comma in a value?)",
                )
                yield start, None, header
                continue
            yield start, row, header


def sniff_delimiter(header_line: str) -> str:
    r"""The delimiter of a CSV file, from its header line: comma, semicolon or tab.

    Spreadsheets save "CSV" with a semicolon where the decimal mark is a
    comma (a Vietnamese locale), and "Unicode text" (UTF-16) with tabs.
    The header names no number, so the most frequent of the three is it;
    a header of one column is read as comma-separated.

    >>> sniff_delimiter("id;service;unit"), sniff_delimiter("Mã hồ sơ\tMã TTHC")
    (';', '\t')
    """
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _csv_error_message(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return (
            f"a cell is longer than {csv.field_size_limit():,} characters: "
            "not a CSV record (a broken quote, or binary data?)"
        )
    if "NUL" in text or "null byte" in text:
        return "the line contains NUL characters"
    return "the line is not valid CSV"


def csv_producer(
    spec: RecordSpec[Any],
    source: Source,
    columns: Mapping[str, str] | None,
    finish: Callable[[dict[str, str], int], tuple[Any, list[tuple[FieldPath | str, str]]]]
    | None = None,
    nested: Callable[[int, FieldPath], str | None] | None = None,
    fast: Callable[[list[str], Header], bool] | None = None,
) -> Callable[[Reader[Any]], Iterator[Any]]:
    """A producer of *spec* records from the CSV *source*.

    *finish*, if given, builds the record from a row's values instead of the
    spec; its faults name a field path, or carry a whole location (text).
    *nested*, if given, locates the fields of a record that live in another
    file (a campaign's teams), returning None for the record's own fields.
    *fast*, if given, may consume a valid row itself from its raw cells
    (returning True, and the producer yields True in place of a record);
    any row it declines is built and checked the usual way.
    """
    name = source.name

    def produce(reader: Reader[Any]) -> Iterator[Any]:
        header_box: list[Header] = []

        def locate(line: int, path: FieldPath) -> str:
            if nested is not None:
                elsewhere = nested(line, path)
                if elsewhere is not None:
                    return elsewhere
            if not path:
                return f"{name}, line {line}"
            column = header_box[0].column(str(path[0])) if header_box else str(path[0])
            return f"{name}, line {line}, column {column!r}"

        reader.set_locator(locate)
        for line, row, header in iter_csv_raw(source, spec, columns, reader):
            if not header_box:
                header_box.append(header)
            if row is None:  # unreadable: already reported
                yield None
                continue
            if fast is not None and fast(row, header):
                reader.note_position(line)
                yield True
                continue
            values = header.values(row)
            for extra in spec.extra:
                values.pop(extra, None)
            record, faults = finish(values, line) if finish is not None else spec.build(values)
            if faults:
                for path, message in faults:
                    reader.fault(path if isinstance(path, str) else locate(line, path), message)
                yield None
            else:
                reader.note_position(line)
                yield record

    return produce


_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def _cell(cell: str) -> str:
    cell = neutralise(cell)
    if _NEEDS_QUOTES.search(cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _line(cells: Iterable[str]) -> str:
    parts = [_cell(cell) for cell in cells]
    if len(parts) == 1 and not parts[0]:
        return '""\n'  # a row of one empty cell is not a blank line
    return ",".join(parts) + "\n"


def write_csv(out: IO[str], fields: Iterable[str], rows: Iterable[Iterable[str]]) -> int:
    r"""Write a header and rows with every cell neutralised; returns the row count.

    Lines end in ``\n``; a cell holding a comma, a double quote, a line feed
    *or a carriage return* is quoted (the :mod:`csv` writer leaves a lone
    ``\r`` unquoted when lines end in ``\n``, and a reader then splits the
    record there).
    """
    out.write(_line(fields))
    count = 0
    for row in rows:
        out.write(_line(row))
        count += 1
    return count


def _looks_like_data(cell: str) -> bool:
    """True for a cell no header would hold: a digit, an ``@`` or JSON punctuation."""
    return any(c.isdigit() or c in '@{}[]"' for c in cell)
