"""Opening inputs and outputs: paths or binary files, gzip, text encodings (internal)."""

from __future__ import annotations

import codecs
import gzip
import io
import os
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO

from dean06.errors import DataError, Problem, ValidationError

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "FORMATS",
    "Source",
    "detect_format",
    "open_output",
    "source_name",
]

#: The record formats dean06 reads and writes.
FORMATS = ("csv", "jsonl", "json")
_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}
_GZIP_MAGIC = b"\x1f\x8b"

PathLike = str | os.PathLike[str]


def source_name(source: object) -> str:
    """The base name used at the start of every location (``<stream>`` if unnamed)."""
    if isinstance(source, str | os.PathLike):
        return Path(source).name
    name = getattr(source, "name", None)
    if isinstance(name, str) and name and not name.startswith("<"):
        return Path(name).name
    return "<stream>"


def _suffix_format(name: str) -> str | None:
    path = Path(name)
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return _SUFFIXES.get(suffixes[-1]) if suffixes else None


def detect_format(target: object, format: str | None, where: str) -> str:  # noqa: A002 - API name
    """The record format to use: *format* if given, else the target's suffix."""
    if format is not None:
        if format not in FORMATS:
            msg = f"{where}: format must be one of {', '.join(FORMATS)}, not {format!r}"
            raise ValidationError(msg)
        return format
    name = (
        os.fspath(target)
        if isinstance(target, str | os.PathLike)
        else getattr(target, "name", None)
    )
    found = _suffix_format(name) if isinstance(name, str) else None
    if found is None:
        msg = (
            f"{where}: cannot tell the format of {source_name(target)!r} from its name; "
            f"pass format= (one of {', '.join(FORMATS)})"
        )
        raise ValidationError(msg)
    return found


def wants_gzip(target: object) -> bool:
    """True when an output path (or named file) ends in ``.gz``."""
    name = (
        os.fspath(target)
        if isinstance(target, str | os.PathLike)
        else getattr(target, "name", None)
    )
    return isinstance(name, str) and name.lower().endswith(".gz")


class Source:
    """One input: a path or an open binary file, read once as bytes or text.

    Detects gzip by its magic bytes (whatever the name), and the text
    encoding by its byte order mark: UTF-8 with or without one, UTF-16 with
    one; anything else that is not valid UTF-8 is a fault of the whole file.
    """

    def __init__(self, source: object, where: str) -> None:
        if isinstance(source, str | os.PathLike):
            path = Path(source)
            if not path.is_file():
                raise DataError(
                    [Problem(path.name, "no such file" if not path.exists() else "not a file")]
                )
        elif not (hasattr(source, "read") and callable(source.read)):
            kind = type(source).__name__
            msg = f"{where}: source must be a path or an open binary file, not {kind}"
            raise ValidationError(msg)
        self.source: Any = source
        self.name = source_name(source)

    @contextmanager
    def binary(self) -> Iterator[BinaryIO]:
        """The input's bytes, decompressed if gzip."""
        if isinstance(self.source, str | os.PathLike):
            with Path(self.source).open("rb") as raw:
                yield from self._maybe_gzip(raw)
        else:
            if isinstance(self.source, io.TextIOBase):
                msg = f"{self.name}: open the file in binary mode ('rb'), not text mode"
                raise ValidationError(msg)
            yield from self._maybe_gzip(self.source)

    def _maybe_gzip(self, raw: Any) -> Iterator[Any]:
        buffered = raw if hasattr(raw, "peek") else io.BufferedReader(_RawAdapter(raw))
        head = buffered.peek(2)[:2]
        if head == _GZIP_MAGIC:
            with gzip.GzipFile(fileobj=buffered, mode="rb") as unzipped:
                yield io.BufferedReader(_GuardedGzip(unzipped, self.name))
        else:
            yield buffered

    @contextmanager
    def text(self) -> Iterator[IO[str]]:
        """The input as text (lines split on any newline, none translated)."""
        with self.binary() as data:
            head = data.peek(4)[:4]  # type: ignore[attr-defined]
            if head.startswith(codecs.BOM_UTF8):
                encoding = "utf-8-sig"
            elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                encoding = "utf-16"
            else:
                encoding = "utf-8"
                if b"\x00" in head:
                    raise DataError(
                        [
                            Problem(
                                self.name,
                                "contains NUL bytes: UTF-16 text without a byte order mark "
                                "(save it as UTF-8, or as UTF-16 with one), or not a text file",
                            )
                        ]
                    )
            wrapper = io.TextIOWrapper(data, encoding=encoding, errors="strict", newline="")
            try:
                yield _GuardedText(wrapper, self.name, encoding)  # type: ignore[misc]
            finally:
                # Leave the caller's file open: only our wrappers go.
                wrapper.detach()


class _RawAdapter(io.RawIOBase):
    """Adapts any object with ``read`` to :class:`io.RawIOBase` for buffering."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._inner.read(len(buffer))
        if not isinstance(chunk, bytes | bytearray):
            msg = "the source must be opened in binary mode ('rb')"
            raise ValidationError(msg)
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _encoding_fault(name: str, encoding: str) -> DataError:
    if encoding == "utf-16":
        message = "not valid UTF-16 text although it starts with a UTF-16 byte order mark"
    else:
        message = (
            "not valid UTF-8 text: save the file as UTF-8 (or UTF-16 with a byte order "
            "mark, as spreadsheets call 'Unicode text'); legacy encodings such as "
            "Windows-1258 or TCVN3 are not read"
        )
    return DataError([Problem(name, message)])


def _gzip_fault(name: str) -> DataError:
    return DataError([Problem(name, "the gzip stream is truncated or corrupt")])


class _GuardedGzip(io.RawIOBase):
    """A gzip stream whose faults become DataError (truncated or corrupt data)."""

    def __init__(self, inner: gzip.GzipFile, name: str) -> None:
        self._inner = inner
        self._name = name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            return self._inner.readinto(buffer)
        except (EOFError, OSError, zlib.error):
            raise _gzip_fault(self._name) from None


class _GuardedText:
    """A text stream whose decoding faults become DataError; iterates lines."""

    def __init__(self, inner: io.TextIOWrapper, name: str, encoding: str) -> None:
        self._inner = inner
        self._name = name
        self._encoding = encoding
        self._checked = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        try:
            line = next(self._inner)
        except UnicodeDecodeError:
            raise _encoding_fault(self._name, self._encoding) from None
        if not self._checked:
            self._checked = True
            if "\x00" in line:
                raise DataError(
                    [
                        Problem(
                            self._name,
                            "contains NUL characters: UTF-16 text without a byte order "
                            "mark, or not a text file",
                        )
                    ]
                )
        return line

    def read(self, size: int = -1) -> str:
        try:
            text = self._inner.read(size)
        except UnicodeDecodeError:
            raise _encoding_fault(self._name, self._encoding) from None
        if not self._checked:
            self._checked = True
            if "\x00" in text[:4096]:
                raise DataError([Problem(self._name, "contains NUL characters: not a text file")])
        return text


@contextmanager
def open_output(dest: object, where: str, *, bom: bool) -> Iterator[IO[str]]:
    r"""A text stream on *dest* (a path or an open binary file), gzip if it ends in ``.gz``.

    UTF-8, with a byte order mark only when *bom* is true; ``\\n`` line ends.
    """
    compress = wants_gzip(dest)
    if isinstance(dest, str | os.PathLike):
        path = Path(dest)
        with path.open("wb") as raw:
            yield from _text_output(raw, compress=compress, bom=bom)
        return
    if not (hasattr(dest, "write") and callable(dest.write)):
        msg = f"{where}: dest must be a path or an open binary file, not {type(dest).__name__}"
        raise ValidationError(msg)
    if isinstance(dest, io.TextIOBase):
        msg = f"{where}: open the destination in binary mode ('wb'), not text mode"
        raise ValidationError(msg)
    yield from _text_output(dest, compress=compress, bom=bom)


def _text_output(raw: Any, *, compress: bool, bom: bool) -> Iterator[IO[str]]:
    if compress:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as zipped:
            yield from _text_output(zipped, compress=False, bom=bom)
        return
    wrapper = io.TextIOWrapper(raw, encoding="utf-8", newline="", write_through=False)
    try:
        if bom:
            # Written at once: "utf-8-sig" writes its mark only with the first
            # text, so an empty JSON Lines file would have none.
            wrapper.write("\ufeff")
        yield wrapper
        wrapper.flush()
    finally:
        wrapper.detach()
