"""The iterable every reader returns, with its counters and error modes (internal)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Generic, Literal, TypeVar

from dean06.errors import DataError, Dean06Error, Problem, ValidationError

__all__ = ["ErrorMode", "Reader", "check_options"]

T = TypeVar("T")
ErrorMode = Literal["raise", "collect"]

#: A record producer: yields each record read (None for a rejected one) and
#: reports faults to the reader as it goes.
Producer = Callable[["Reader[T]"], Iterator["T | None"]]


def check_options(errors: object, max_problems: object, where: str) -> None:
    """Validate the ``errors`` and ``max_problems`` options of a reader."""
    if errors not in ("raise", "collect"):
        msg = f"{where}: errors must be 'raise' or 'collect', not {errors!r}"
        raise ValidationError(msg)
    if max_problems is not None and (
        isinstance(max_problems, bool) or not isinstance(max_problems, int) or max_problems < 0
    ):
        msg = f"{where}: max_problems must be a whole number >= 0 or None, not {max_problems!r}"
        raise ValidationError(msg)


class Reader(Generic[T]):
    """Records read from one input, one by one, with counters that never lie.

    Iterate it (once) to get the records.  The counters are complete once
    iteration ends:

    * ``read``: records encountered in the input;
    * ``accepted``: valid records (yielded or not);
    * ``rejected``: invalid records; ``read == accepted + rejected`` always;
    * ``problems``: the faults found, in input order (at most ``max_problems``);
      ``problem_count`` counts them all.

    With ``errors="raise"`` (the default) the whole input is read and one
    :class:`~dean06.DataError` lists every fault; records before the first
    fault may already have been yielded, none after it is.  With
    ``errors="collect"`` the valid records are yielded and the faults kept.
    Faults of the whole file (no header, a missing required column, a
    truncated gzip stream, an unknown ``schema_version``, an unreadable
    encoding) raise in both modes.

    Since: 0.1.0
    """

    def __init__(
        self,
        producer: Producer[T],
        *,
        name: str,
        errors: ErrorMode = "raise",
        max_problems: int | None = 1000,
        track: bool = False,
    ) -> None:
        self.name: str = name
        #: Records encountered in the input.
        self.read: int = 0
        #: Valid records (yielded or not).
        self.accepted: int = 0
        #: Invalid records; ``read == accepted + rejected`` always.
        self.rejected: int = 0
        #: The faults found, in input order (at most ``max_problems``).
        self.problems: list[Problem] = []
        #: How many faults were found in all.
        self.problem_count: int = 0
        self._producer = producer
        self._errors = errors
        self._max = max_problems
        self._started = False
        self._finished = False
        self._track = track
        #: A producer that counts valid dossiers into a table, if the input allows.
        self._fast: Callable[[dict[Any, list[int]]], Callable[[Reader[T]], Iterator[Any]]] | None
        self._fast = None
        #: For each accepted record, where it starts (a line or an index), when tracking.
        self.positions: list[int] = []
        self._locator: Callable[[int, tuple[str | int, ...]], str] | None = None

    def __repr__(self) -> str:
        state = "done" if self._finished else ("reading" if self._started else "not started")
        return (
            f"<Reader {self.name!r} {state}: read={self.read} accepted={self.accepted} "
            f"rejected={self.rejected} problems={self.problem_count}>"
        )

    # -- used by producers ---------------------------------------------------------

    def fault(self, location: str, message: str) -> None:
        """Record one fault."""
        self.problem_count += 1
        if self._max is None or len(self.problems) < self._max:
            self.problems.append(Problem(location, message))

    def set_locator(self, locator: Callable[[int, tuple[str | int, ...]], str]) -> None:
        """How to name a field of the record at a position (for later reference checks)."""
        self._locator = locator

    @property
    def tracking(self) -> bool:
        """True when positions are kept for later reference checks (:func:`validate`)."""
        return self._track

    def note_position(self, position: int) -> None:
        """Remember where the record about to be yielded starts (when tracking)."""
        if self._track:
            self._pending = position

    def locate(self, position: int, path: tuple[str | int, ...]) -> str:
        """The location of field *path* of the record at *position*."""
        if self._locator is None:  # pragma: no cover - set by every producer
            return f"{self.name}, record {position}"
        return self._locator(position, path)

    # -- iteration -------------------------------------------------------------------

    def __iter__(self) -> Iterator[T]:
        return self._run(self._producer)

    def _fast_dossier_table(self) -> dict[Any, list[int]] | None:
        """Count the records straight into a dossier tally's table, if this reader can.

        :meth:`dean06.DossierTally.of` calls this: a CSV reader of dossiers
        then validates each row as building a Dossier would, but builds
        none.  Counters, problems and error modes are those of iteration.
        None when the reader has no such path or has already started.
        """
        if self._fast is None or self._started:
            return None
        table: dict[Any, list[int]] = {}
        fallback: list[Any] = []
        add = self._fast(table)
        for record in self._run(add):
            if record is not True:  # built the slow way: a rare row
                fallback.append(record)
                if len(fallback) >= 1024:
                    self._add_records(table, fallback)
        self._add_records(table, fallback)
        return table

    @staticmethod
    def _add_records(table: dict[Any, list[int]], records: list[Any]) -> None:
        from dean06.tally import tally_into  # noqa: PLC0415 - io sits above tally

        tally_into(table, records)
        records.clear()

    def _run(self, producer: Callable[[Reader[T]], Iterator[Any]]) -> Iterator[Any]:
        if self._started:
            msg = f"{self.name}: a reader can be iterated only once; read the input again"
            raise Dean06Error(msg)
        self._started = True
        raising = self._errors == "raise"
        self._pending = 0
        try:
            for record in producer(self):
                self.read += 1
                if record is None:
                    self.rejected += 1
                    continue
                self.accepted += 1
                if self._track:
                    self.positions.append(self._pending)
                if raising and self.problem_count:
                    continue
                yield record
        except DataError as fatal:
            self._finished = True
            for problem in fatal.problems:
                self.fault(problem.location, problem.message)
            # The fault of the whole file is why reading stopped: the error
            # always names it, even past max_problems.
            shown = list(self.problems)
            shown.extend(p for p in fatal.problems if p not in shown)
            raise DataError(
                shown,
                total=self.problem_count,
                summary=f"cannot read {self.name}" if len(shown) > 1 else None,
            ) from None
        self._finished = True
        if raising and self.problem_count:
            raise DataError(
                self.problems,
                total=self.problem_count,
                summary=(
                    f"{self.name}: {self.problem_count} "
                    f"problem{'s' if self.problem_count != 1 else ''} in {self.read} "
                    f"record{'s' if self.read != 1 else ''}"
                ),
            )
