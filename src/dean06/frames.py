"""The dataframe path: tally dossiers and assistance events inside a dataframe engine.

:func:`dossier_tally` and :func:`assistance_tally` (also reachable as
``DossierTally.from_frame`` and ``AssistanceTally.from_frame``) accept any
dataframe that `narwhals <https://narwhals-dev.github.io/narwhals/>`_
accepts: pandas, Polars (eager and lazy), PyArrow tables, DuckDB relations,
Dask dataframes, PySpark dataframes.  The work runs *inside* the engine:
dean06 adds a few indicator columns (resolved, resolved with a due date,
on time, paid online, assisted, and one per kind of fault), groups by
(service, unit, month, channel) with plain sums, collects the grouped
result (one row per key: thousands for a province-year, never more than
services x units x months x channels, however many dossiers) and builds
the tally from it with the public
:meth:`DossierTally.from_counts <dean06.DossierTally.from_counts>`.  The
result equals :meth:`DossierTally.of <dean06.DossierTally.of>` over the same
dossiers, so tallies from frames, from files and from objects merge with
``+``.

This module needs the ``frames`` extra (``pip install 'dean06[frames]'``,
which installs narwhals); the core of dean06 never imports it.

**Columns.**  Dossiers: the :class:`~dean06.Dossier` field names
``service``, ``unit``, ``channel`` and ``received`` (required) and
``status``, ``resolved``, ``due``, ``paid_online``, ``assisted``
(optional: a missing column, or a null in it, means the field's default).
Events: the :class:`~dean06.AssistanceEvent` field names ``campaign``,
``kind``, ``count``, ``on`` (required) and ``team``, ``unit``,
``service`` (optional).  Other columns (``id``, ...) are ignored.
``columns={frame_column: field_name}`` maps a frame's own names; a mapped
column takes precedence over one already named like the field.

**Values.**  Codes are text columns (a code read as a number has lost its
leading zeros: read it as text).  Channels, statuses and kinds are enum
member names (``ONLINE``, ``in_person``: any case, surrounding spaces
ignored).  ``received``, ``resolved`` and ``due`` are datetime (or date)
columns: a time-zone-aware column may be in any zone, a naive one is local
time in Vietnam (UTC+07:00), and a date is local midnight.  A dossier
counts in the month of its local date in UTC+07:00, exactly as in
:meth:`~dean06.DossierTally.of`: ``2023-06-30T20:00Z`` counts in July.
``paid_online`` and ``assisted`` are boolean columns (text columns of
``true``/``false``, ``yes``/``no``, ``1``/``0`` in any case, and integer
columns of 1/0, are read too); only a true value counts.
``on`` is a date (or a datetime: its local date); ``count`` a whole
number >= 0.  Empty text in an optional code column means no value.

**Time zones in DuckDB and PySpark.**  These engines keep the time zone in
the connection (session), not in the column.  A column in UTC, or in a
fixed UTC+07:00 zone, works everywhere; with a connection in
``Asia/Ho_Chi_Minh`` (or ``Asia/Saigon``, ``Asia/Bangkok``) the wall time
is read as UTC+07:00, which is exact for every instant since 1976.  Any
other connection zone is refused with a :class:`~dean06.DataError` that
says to set the connection's zone to UTC (``SET TimeZone = 'UTC'`` in
DuckDB, ``spark.sql.session.timeZone=UTC`` in Spark).  A naive column
(DuckDB ``TIMESTAMP``, Spark ``TIMESTAMP_NTZ``) works with any connection.

**Faults.**  Bad data raises one :class:`~dean06.DataError` listing every
fault: a null in a required column, empty text in a code, an unknown
channel, status or kind, ``resolved`` before ``received`` (or ``due``
before ``received``), ``resolved`` missing on a RESOLVED or REJECTED
dossier or set on any other, a boolean column holding something else, a
negative or fractional count.  For an eager frame each fault names its row
(the 0-based position in the frame) and the frame's column:
``"<frame>, row 17, column 'received'"``; for a lazy frame (which has no
row order) a fault names the column and how many rows have it.  A missing
required column, or a column of the wrong type, raises before any data is
read; a failure inside the engine is a DataError too.  An empty frame
gives an empty tally.

**Cost.**  One pass over the data: every row's faults are summed in the
same group-by as the counts.  Only a frame with faults gets more passes:
one to count each kind of fault, and for an eager frame one to name the
rows.

>>> import datetime as dt
>>> import polars as pl
>>> frame = pl.DataFrame({
...     "service": ["D06-06", "D06-06"],
...     "unit": ["53501", "53501"],
...     "channel": ["ONLINE", "in_person"],
...     "received": [dt.datetime(2023, 6, 30, 20, tzinfo=dt.timezone.utc),
...                  dt.datetime(2023, 7, 3, 9)],
... })
>>> tally = dossier_tally(frame)
>>> tally.months()
(Period(start=datetime.date(2023, 7, 1), end=datetime.date(2023, 7, 31)),)
>>> tally.online_rate()
Rate(numerator=1, denominator=2)

Since: 0.1.0
"""

from __future__ import annotations

import contextlib
import datetime as dt
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from dean06.campaigns import AssistanceKind
from dean06.dossiers import Channel, DossierStatus
from dean06.errors import DataError, Dean06Error, Problem, ValidationError, mask_personal
from dean06.tally import AssistanceCount, AssistanceTally, DossierTally

_NEEDS_NARWHALS = (
    "dean06.frames (DossierTally.from_frame, AssistanceTally.from_frame) needs "
    "narwhals: install the frames extra, pip install 'dean06[frames]'"
)
try:
    import narwhals as nw
    from narwhals.dtypes import DType
except ModuleNotFoundError as _missing:  # the frames extra is not installed
    raise ModuleNotFoundError(_NEEDS_NARWHALS, name=_missing.name) from None

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

T = TypeVar("T")
FrameT = TypeVar("FrameT", "nw.DataFrame[Any]", "nw.LazyFrame[Any]")

__all__ = ["ASSISTANCE_FIELDS", "DOSSIER_FIELDS", "assistance_tally", "dossier_tally"]

#: The columns :func:`dossier_tally` reads (``id`` is accepted and ignored).
DOSSIER_FIELDS = (
    "id",
    "service",
    "unit",
    "channel",
    "received",
    "status",
    "resolved",
    "due",
    "paid_online",
    "assisted",
)
#: The columns :func:`assistance_tally` reads.
ASSISTANCE_FIELDS = ("campaign", "kind", "count", "on", "team", "unit", "service")

_DOSSIER_REQUIRED = ("service", "unit", "channel", "received")
_ASSISTANCE_REQUIRED = ("campaign", "kind", "count", "on")
_FRAME = "<frame>"
_DEFAULT_MAX_PROBLEMS = 1000

_CHANNELS = {member.name: member for member in Channel}
_STATUSES = tuple(member.name for member in DossierStatus)
_ENDED = (DossierStatus.RESOLVED.name, DossierStatus.REJECTED.name)
_KINDS = {member.name: member for member in AssistanceKind}

# Zones whose wall time is UTC, and zones whose wall time is UTC+07:00 at
# every instant.  Names as pandas, Polars, PyArrow, DuckDB and Spark spell them.
_UTC_ZONES = frozenset(
    (
        "UTC",
        "Etc/UTC",
        "Etc/Universal",
        "Universal",
        "Etc/Zulu",
        "Zulu",
        "Z",
        "GMT",
        "Etc/GMT",
        "Etc/GMT0",
        "Etc/GMT+0",
        "Etc/GMT-0",
        "GMT0",
        "Etc/Greenwich",
        "Greenwich",
        "+00:00",
        "UTC+00:00",
    )
)
_PLUS_SEVEN_ZONES = frozenset(("+07:00", "+0700", "UTC+07:00", "Etc/GMT-7"))
# Named zones that have kept UTC+07:00 since 1976 (Asia/Ho_Chi_Minh since
# June 1975): used only where an engine cannot convert a zone to UTC.
_VIETNAM_ZONES = frozenset(
    ("Asia/Ho_Chi_Minh", "Asia/Saigon", "Asia/Bangkok", "Asia/Phnom_Penh", "Asia/Vientiane")
)
_TRUE_TEXT = ("TRUE", "T", "1", "YES", "Y")
_FALSE_TEXT = ("FALSE", "F", "0", "NO", "N", "")


@attrs.frozen
class _Check:
    """One kind of fault: the indicator column that flags it, and what to say."""

    column: str
    field: str
    message: str


@attrs.define
class _Plan:
    """Expressions that turn a frame of records into keyed indicator columns."""

    stages: list[list[nw.Expr]] = attrs.Factory(list)
    keys: list[str] = attrs.Factory(list)
    sums: list[str] = attrs.Factory(list)
    checks: list[_Check] = attrs.Factory(list)


@attrs.frozen
class _Source:
    """A frame wrapped by narwhals, with the frame's own name of each field found."""

    frame: nw.DataFrame[Any] | nw.LazyFrame[Any]
    names: dict[str, str]
    schema: dict[str, DType]
    engine: str
    problems: list[Problem] = attrs.Factory(list)

    @property
    def eager(self) -> bool:
        return isinstance(self.frame, nw.DataFrame)

    def column(self, field: str) -> str:
        """The frame's name of *field*, as a message names it."""
        return self.names.get(field, field)


# --------------------------------------------------------------------------------------
# Public entry points


def dossier_tally(
    frame: Any,
    *,
    columns: Mapping[str, str] | None = None,
    max_problems: int | None = _DEFAULT_MAX_PROBLEMS,
) -> DossierTally:
    """Tally a dataframe of dossiers inside its own engine.

    Args:
        frame: a dataframe of dossiers, one row each, of any library
            narwhals supports (pandas, Polars eager or lazy, PyArrow, DuckDB,
            Dask, PySpark ...), or a narwhals frame.  See the module
            documentation for the columns and their types.
        columns: ``{frame_column: field_name}`` for columns named otherwise
            than the :class:`~dean06.Dossier` fields.
        max_problems: at most this many located faults are listed in the
            :class:`~dean06.DataError` (its ``total`` counts them all);
            ``None`` for no bound.

    Returns:
        The :class:`~dean06.DossierTally`, equal to ``DossierTally.of`` over
        the same dossiers.

    Raises:
        DataError: a required column is missing or of the wrong type, or
            some rows hold invalid values (every fault is listed).
        ValidationError: *frame* is not a dataframe, or *columns* names a
            field that does not exist.

    Since: 0.1.0
    """
    return _run(
        frame,
        columns,
        max_problems,
        fields=DOSSIER_FIELDS,
        required=_DOSSIER_REQUIRED,
        planner=_dossier_plan,
        builder=_build_dossiers,
        where="dossier_tally",
    )


def assistance_tally(
    frame: Any,
    *,
    columns: Mapping[str, str] | None = None,
    max_problems: int | None = _DEFAULT_MAX_PROBLEMS,
) -> AssistanceTally:
    """Tally a dataframe of assistance events inside its own engine.

    Args:
        frame: a dataframe of :class:`~dean06.AssistanceEvent` records, one
            row each (columns ``campaign``, ``kind``, ``count``, ``on``, and
            optionally ``team``, ``unit``, ``service``), of any library
            narwhals supports.
        columns: ``{frame_column: field_name}`` for columns named otherwise.
        max_problems: at most this many located faults are listed in the
            :class:`~dean06.DataError`; ``None`` for no bound.

    Returns:
        The :class:`~dean06.AssistanceTally`, equal to
        ``AssistanceTally.of`` over the same events (events of zero
        person-times are kept as keys, as there).

    Raises:
        DataError: a required column is missing or of the wrong type, or
            some rows hold invalid values.
        ValidationError: *frame* is not a dataframe, or *columns* names a
            field that does not exist.

    Since: 0.1.0
    """
    return _run(
        frame,
        columns,
        max_problems,
        fields=ASSISTANCE_FIELDS,
        required=_ASSISTANCE_REQUIRED,
        planner=_assistance_plan,
        builder=_build_events,
        where="assistance_tally",
    )


# --------------------------------------------------------------------------------------
# The common run: wrap, check the schema, one grouped pass, build.


def _run(
    frame: Any,
    columns: Mapping[str, str] | None,
    max_problems: int | None,
    *,
    fields: Sequence[str],
    required: Sequence[str],
    planner: Callable[[_Source], _Plan],
    builder: Callable[[list[str], list[list[Any]]], T],
    where: str,
) -> T:
    if max_problems is not None and (type(max_problems) is not int or max_problems < 0):
        msg = f"{where}: max_problems must be a whole number >= 0 or None"
        raise ValidationError(msg)
    with _quiet_dask() if _is_dask(frame) else contextlib.nullcontext():
        source = _wrap(frame, columns, fields, required, where)
        if source is None:  # an empty eager frame: nothing to count
            return builder([], [])
        plan = planner(source)
        if source.problems:
            raise DataError(source.problems)
        order = {field: index for index, field in enumerate(fields)}
        plan.checks.sort(key=lambda check: order[check.field])
        try:
            names, grouped = _grouped(source, plan)
            any_fault = any(any(grouped[names.index(check.column)]) for check in plan.checks)
            faults = _fault_counts(source, plan) if any_fault else {}
        except Dean06Error:
            raise
        except MemoryError:
            raise
        except Exception as exc:  # any engine failure becomes a DataError
            raise _engine_error(source, exc) from exc
        if faults:
            raise _data_error(source, plan, faults, max_problems)
        try:
            return builder(names, grouped)
        except ValidationError as exc:
            problem = Problem(_FRAME, mask_personal(str(exc)))
            raise DataError((problem,)) from None


def _is_dask(frame: object) -> bool:
    return type(frame).__module__.split(".", 1)[0] == "dask"


@contextlib.contextmanager
def _quiet_dask() -> Iterator[None]:
    """Silence narwhals' notice that its Dask support moves to a plug-in package.

    The notice is about narwhals' packaging, not about the caller's code.
    Only entered for Dask frames: ``warnings.catch_warnings`` changes
    process-wide state, and the per-partition pattern calls this module
    from many threads at once (with pandas partitions, never Dask ones).
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Dask support is moving", FutureWarning)
        yield


def _wrap(
    frame: Any,
    columns: Mapping[str, str] | None,
    fields: Sequence[str],
    required: Sequence[str],
    where: str,
) -> _Source | None:
    try:
        wrapped: nw.DataFrame[Any] | nw.LazyFrame[Any] = nw.from_native(frame)
    except TypeError:
        msg = (
            f"{where}: expected a dataframe (pandas, Polars, PyArrow, DuckDB, Dask, "
            f"PySpark ...), not {type(frame).__name__}"
        )
        raise ValidationError(msg) from None
    present = list(wrapped.columns)
    names = _resolve_columns(present, columns, fields, where)
    missing = [field for field in required if field not in names]
    if missing:
        found = ", ".join(repr(mask_personal(str(c))) for c in present) or "none"
        problems = [
            Problem(_FRAME, f"required column {field!r} is missing (columns found: {found})")
            for field in missing
        ]
        raise DataError(problems)
    wrapped = _zones_narwhals_cannot_name(wrapped, list(names.values()))
    selected = wrapped.select([nw.col(source).alias(field) for field, source in names.items()])
    schema = dict(selected.collect_schema())
    engine = str(wrapped.implementation)
    if isinstance(selected, nw.DataFrame) and len(selected) == 0:
        return None
    return _Source(frame=selected, names=names, schema=schema, engine=engine)


def _zones_narwhals_cannot_name(
    frame: nw.DataFrame[Any] | nw.LazyFrame[Any], columns: list[str]
) -> nw.DataFrame[Any] | nw.LazyFrame[Any]:
    """Convert pandas and Dask columns in a zone narwhals reads as Unknown to UTC.

    narwhals 2.x does not recognise a pandas time zone whose name holds an
    underscore (``Asia/Ho_Chi_Minh``, ``America/New_York``) and reports the
    column as Unknown.  Converting such a column to UTC natively keeps the
    instants and gives narwhals a zone it reads.
    """
    implementation = frame.implementation
    if not (implementation.is_pandas_like() or implementation.is_dask()):
        return frame
    schema = frame.collect_schema()
    unknown = [name for name in columns if schema[name] == nw.Unknown]
    if not unknown:
        return frame
    native = nw.to_native(frame)
    changed = {
        name: native[name].dt.tz_convert("UTC")
        for name in unknown
        if getattr(native.dtypes[name], "tz", None) is not None
    }
    if not changed:
        return frame
    converted: nw.DataFrame[Any] | nw.LazyFrame[Any] = nw.from_native(native.assign(**changed))
    return converted


def _resolve_columns(
    present: Sequence[str],
    columns: Mapping[str, str] | None,
    fields: Sequence[str],
    where: str,
) -> dict[str, str]:
    """Map each field found to the frame's column that holds it."""
    mapping: dict[str, str] = {}
    if columns is not None:
        if not isinstance(columns, Mapping):
            msg = f"{where}: columns must be a mapping {{frame_column: field_name}}"
            raise ValidationError(msg)
        for source, field in columns.items():
            if field not in fields:
                msg = (
                    f"{where}: columns maps {source!r} to {field!r}, which is not a field; "
                    f"fields are {', '.join(fields)}"
                )
                raise ValidationError(msg)
            mapping[str(source)] = field
    available = set(present)
    names: dict[str, str] = {}
    for field in fields:
        sources = [s for s, f in mapping.items() if f == field and s in available]
        if len(sources) > 1:
            listed = ", ".join(repr(s) for s in sources)
            msg = f"{where}: columns {listed} are all mapped to {field!r}; map one"
            raise ValidationError(msg)
        if sources:
            names[field] = sources[0]
        elif field in available and field not in mapping:
            names[field] = field
    return names


def _with_stages(frame: FrameT, plan: _Plan) -> FrameT:
    for stage in plan.stages:
        frame = frame.with_columns(stage)
    return frame


def _grouped(source: _Source, plan: _Plan) -> tuple[list[str], list[list[Any]]]:
    """The one pass: group by the keys, sum the counts and the faults; collect, by column."""
    lazy = _with_stages(source.frame.lazy(), plan)
    # Every fault indicator is summed as a column of its own: adding them
    # together first would mix pandas' numpy, masked and Arrow integers,
    # which pandas 2 refuses.
    sums = [*plan.sums, *(check.column for check in plan.checks)]
    aggregations = [nw.len().alias("_rows"), *(nw.col(name).sum() for name in sums)]
    # Sums come back as the engine's widest integer (a 128-bit decimal in
    # DuckDB, slow to convert); the counts fit in 64 bits.
    grouped = lazy.group_by(plan.keys).agg(aggregations)
    result = grouped.with_columns(nw.col("_rows", *sums).cast(nw.Int64)).collect()
    names = list(result.columns)
    return names, [result.get_column(name).to_list() for name in names]


def _fault_counts(source: _Source, plan: _Plan) -> dict[str, int]:
    """How many rows have each kind of fault: a second pass, only over a faulty frame."""
    lazy = _with_stages(source.frame.lazy(), plan)
    columns = [check.column for check in plan.checks]
    totals = lazy.select(nw.col(name).sum().cast(nw.Int64) for name in columns).collect()
    counts = {name: int(totals.get_column(name).to_list()[0] or 0) for name in columns}
    return {name: count for name, count in counts.items() if count}


# --------------------------------------------------------------------------------------
# Faults


def _data_error(
    source: _Source, plan: _Plan, faults: dict[str, int], max_problems: int | None
) -> DataError:
    total = sum(faults.values())
    checks = [check for check in plan.checks if check.column in faults]
    problems: list[Problem] = []
    if isinstance(source.frame, nw.DataFrame):
        problems = _located(source, source.frame, plan, checks, max_problems)
    else:
        for check in checks:
            count = faults[check.column]
            rows = "1 row" if count == 1 else f"{count} rows"
            location = f"{_FRAME}, column {source.column(check.field)!r}"
            problems.append(Problem(location, f"{rows}: {check.message}"))
        if max_problems is not None:
            problems = problems[:max_problems]
    where = "an eager" if source.eager else "a lazy"
    summary = f"{total} problem{'s' if total != 1 else ''} found in {where} {source.engine} frame"
    return DataError(problems, total=total, summary=summary)


def _located(
    source: _Source,
    frame: nw.DataFrame[Any],
    plan: _Plan,
    checks: list[_Check],
    max_problems: int | None,
) -> list[Problem]:
    """Name the rows of each fault: a second pass, only over a frame found faulty."""
    indexed = _with_stages(frame.with_row_index("_row"), plan)
    flags = [check.column for check in checks]
    faulty = indexed.filter(nw.any_horizontal(*(nw.col(c) > 0 for c in flags), ignore_nulls=True))
    faulty = faulty.select("_row", *flags)
    if max_problems is not None:
        faulty = faulty.head(max_problems)
    problems: list[Problem] = []
    for row in faulty.rows():
        position = int(row[0])
        for check, flag in zip(checks, row[1:], strict=True):
            if flag:
                location = f"{_FRAME}, row {position}, column {source.column(check.field)!r}"
                problems.append(Problem(location, check.message))
    if max_problems is not None:
        problems = problems[:max_problems]
    return problems


def _engine_error(source: _Source, exc: Exception) -> DataError:
    detail = mask_personal(str(exc).strip().splitlines()[0] if str(exc).strip() else "")
    if len(detail) > 200:
        detail = detail[:199] + "…"
    message = f"the {source.engine} engine could not tally the frame ({type(exc).__name__}"
    message += f": {detail})" if detail else ")"
    return DataError((Problem(_FRAME, message),))


def _type_error(source: _Source, field: str, expected: str, hint: str = "") -> nw.Expr:
    """Record that column *field* has the wrong type; a stand-in expression goes on."""
    found = source.schema[field]
    message = f"must be {expected}, not {found}"
    if hint:
        message += f"; {hint}"
    problem = Problem(f"{_FRAME}, column {source.column(field)!r}", message)
    if problem not in source.problems:
        source.problems.append(problem)
    return nw.lit(None)


# --------------------------------------------------------------------------------------
# Column types


def _is_text(dtype: DType) -> bool:
    return dtype in (nw.String, nw.Categorical, nw.Enum, nw.Object, nw.Unknown)


def _text(source: _Source, field: str) -> nw.Expr:
    """Column *field* as text, or a DataError when its type cannot hold codes."""
    dtype = source.schema[field]
    if dtype in (nw.Categorical, nw.Enum):
        return nw.col(field).cast(nw.String)
    if _is_text(dtype):
        return nw.col(field)
    return _type_error(
        source,
        field,
        "text",
        "read codes as text (a code read as a number loses its leading zeros)",
    )


def _upper(source: _Source, field: str) -> nw.Expr:
    return _text(source, field).str.strip_chars().str.to_uppercase()


def _local_time(source: _Source, field: str) -> nw.Expr:
    """Column *field* as naive local wall time in UTC+07:00 (compares as instants)."""
    dtype = source.schema[field]
    column = nw.col(field)
    if dtype == nw.Date:
        return column.cast(nw.Datetime("us"))
    if not isinstance(dtype, nw.Datetime):
        return _type_error(
            source,
            field,
            "a datetime column",
            "parse it first (for example pandas.to_datetime(..., utc=True) or "
            "polars' str.to_datetime())",
        )
    zone = dtype.time_zone
    if zone is None:
        return column
    if zone in _UTC_ZONES:
        return column.dt.replace_time_zone(None).dt.offset_by("7h")
    if zone in _PLUS_SEVEN_ZONES:
        return column.dt.replace_time_zone(None)
    if not _zone_in_connection(source):
        return column.dt.convert_time_zone("UTC").dt.replace_time_zone(None).dt.offset_by("7h")
    if zone in _VIETNAM_ZONES:
        return column.dt.replace_time_zone(None)
    source.problems.append(
        Problem(
            f"{_FRAME}, column {source.column(field)!r}",
            f"{source.engine} keeps the time zone in the connection ({zone}), and dean06 "
            "can only read UTC or UTC+07:00 there: set the connection's time zone to UTC "
            "(DuckDB: SET TimeZone = 'UTC'; Spark: spark.sql.session.timeZone=UTC)",
        )
    )
    return nw.lit(None)


def _zone_in_connection(source: _Source) -> bool:
    implementation = source.frame.implementation
    return bool(
        implementation.is_duckdb() or implementation.is_spark_like() or implementation.is_ibis()
    )


def _flag(source: _Source, field: str, plan: _Plan, message: str) -> nw.Expr:
    """Column *field* as a 0/1 indicator of a true value; checks text and integer columns."""
    dtype = source.schema[field]
    column = nw.col(field)
    if dtype == nw.Boolean or dtype in (nw.Object, nw.Unknown):
        return column == True  # noqa: E712 - an elementwise comparison, not a test
    if dtype.is_integer():
        bad = ~column.is_in((0, 1)).fill_null(value=False) & ~column.is_null()
        _add_check(plan, f"_bad_{field}", field, message, bad)
        return column == 1
    if _is_text(dtype):
        text = _upper(source, field)
        known = text.is_in((*_TRUE_TEXT, *_FALSE_TEXT)).fill_null(value=False)
        _add_check(plan, f"_bad_{field}", field, message, ~known & ~text.is_null())
        return text.is_in(_TRUE_TEXT)
    return _type_error(source, field, "a boolean column")


def _add_check(plan: _Plan, column: str, field: str, message: str, condition: nw.Expr) -> None:
    """Register a fault indicator: *condition* true (not null) flags a faulty row."""
    plan.checks.append(_Check(column, field, message))
    plan.stages[-1].append(condition.fill_null(value=False).cast(nw.Int64).alias(column))


def _as_int(condition: nw.Expr, name: str) -> nw.Expr:
    return condition.fill_null(value=False).cast(nw.Int64).alias(name)


def _null_checks(plan: _Plan, required: Iterable[str]) -> None:
    for field in required:
        _add_check(plan, f"_null_{field}", field, "missing value (null)", nw.col(field).is_null())


def _empty_check(source: _Source, plan: _Plan, field: str) -> None:
    if source.schema[field] in (nw.Object, nw.Unknown):
        return  # a non-text value is reported when the counts are built
    blank = _text(source, field).str.strip_chars().str.len_chars() == 0
    _add_check(plan, f"_empty_{field}", field, "empty text", blank)


def _optional_key(source: _Source, field: str) -> nw.Expr:
    """An optional code as text, null as the empty string (which no code can be)."""
    if field not in source.schema:
        return nw.lit("").alias(f"_{field}")
    return _text(source, field).fill_null("").alias(f"_{field}")


# --------------------------------------------------------------------------------------
# Dossiers

# DossierCount field -> the indicator column summed for it.
_DOSSIER_SUMS = {
    "resolved": "_resolved_n",
    "resolved_with_due": "_with_due_n",
    "on_time": "_on_time_n",
    "paid_online": "_paid_n",
    "assisted": "_assisted_n",
}


def _dossier_plan(source: _Source) -> _Plan:
    plan = _Plan()
    summed = _dossier_values(source, plan)
    _dossier_checks(source, plan)
    plan.sums = [_DOSSIER_SUMS[field] for field in summed]
    plan.keys = ["_service", "_unit", "_year", "_month", "_channel"]
    return plan


def _dossier_values(source: _Source, plan: _Plan) -> list[str]:
    """Add the key and count columns; return the DossierCount fields they sum.

    The keys and counts are Int64 columns, so the grouped result comes back
    as Python ints whatever the engine.
    """
    schema = source.schema
    has_status, has_resolved, has_due = (f in schema for f in ("status", "resolved", "due"))
    # Stage 1: normalised values, under names of their own (the checks read the originals).
    first: list[nw.Expr] = [
        _text(source, "service").fill_null("").alias("_service"),
        _text(source, "unit").fill_null("").alias("_unit"),
        _upper(source, "channel").fill_null("").alias("_channel"),
        _local_time(source, "received").alias("_received"),
    ]
    if has_status:
        first.append(_upper(source, "status").alias("_status"))
    if has_resolved:
        first.append(_local_time(source, "resolved").alias("_resolved"))
    if has_due:
        first.append(_local_time(source, "due").alias("_due"))
    plan.stages.append(first)

    # Stage 2: keys, counts and fault indicators.
    stage: list[nw.Expr] = []
    plan.stages.append(stage)
    received = nw.col("_received")
    stage.append(received.dt.year().fill_null(0).cast(nw.Int64).alias("_year"))
    stage.append(received.dt.month().fill_null(0).cast(nw.Int64).alias("_month"))
    summed: list[str] = []
    if has_resolved:
        resolved = nw.col("_resolved")
        stage.append(_as_int(~resolved.is_null(), "_resolved_n"))
        summed.append("resolved")
        if has_due:
            due = nw.col("_due")
            stage.append(_as_int(~resolved.is_null() & ~due.is_null(), "_with_due_n"))
            stage.append(_as_int(resolved <= due, "_on_time_n"))
            summed += ["resolved_with_due", "on_time"]
    for field in ("paid_online", "assisted"):
        if field in schema:
            indicator = _flag(source, field, plan, "must be true or false")
            stage.append(_as_int(indicator, _DOSSIER_SUMS[field]))
            summed.append(field)
    return summed


def _dossier_checks(source: _Source, plan: _Plan) -> None:
    """Add one indicator column per kind of fault a dossier row can have."""
    schema = source.schema
    has_status, has_resolved, has_due = (f in schema for f in ("status", "resolved", "due"))
    received = nw.col("_received")
    _null_checks(plan, _DOSSIER_REQUIRED)
    _empty_check(source, plan, "service")
    _empty_check(source, plan, "unit")
    channel = nw.col("_channel")
    _add_check(
        plan,
        "_bad_channel",
        "channel",
        f"unknown channel; expected one of {', '.join(_CHANNELS)} (any case)",
        ~channel.is_in(tuple(_CHANNELS)).fill_null(value=False) & (channel != ""),
    )
    if has_status:
        status = nw.col("_status")
        known = status.is_in(_STATUSES).fill_null(value=False)
        _add_check(
            plan,
            "_bad_status",
            "status",
            f"unknown status; expected one of {', '.join(_STATUSES)} (any case)",
            ~known & ~status.is_null() & (status != ""),
        )
        ended = status.is_in(_ENDED).fill_null(value=False)
        status_ok = known | status.is_null() | (status == "")
    else:
        ended = nw.lit(False)
        status_ok = nw.lit(True)
    if has_resolved:
        resolved = nw.col("_resolved")
        _add_check(
            plan,
            "_resolved_missing",
            "resolved",
            "must be set when the status is RESOLVED or REJECTED",
            ended & resolved.is_null(),
        )
        _add_check(
            plan,
            "_resolved_unexpected",
            "resolved",
            "must be empty unless the status is RESOLVED or REJECTED",
            status_ok & ~ended & ~resolved.is_null(),
        )
        _add_check(plan, "_resolved_early", "resolved", "is before received", resolved < received)
    elif has_status:
        _add_check(
            plan,
            "_resolved_missing",
            "status",
            "RESOLVED and REJECTED need a 'resolved' time, and the frame has no such column",
            ended,
        )
    if has_due:
        _add_check(plan, "_due_early", "due", "is before received", nw.col("_due") < received)


def _build_dossiers(names: list[str], columns: list[list[Any]]) -> DossierTally:
    if not columns or not columns[0]:
        return DossierTally()
    column = dict(zip(names, columns, strict=True))
    zeros = [0] * len(columns[0])  # a count the frame has no column for

    def counts(name: str) -> list[int]:
        values = column.get(name)
        return zeros if values is None else list(map(int, values))

    years, numbers = column["_year"], column["_month"]
    months = [int(y) * 12 + int(m) - 1 for y, m in zip(years, numbers, strict=True)]
    channels = list(map(_CHANNELS.__getitem__, column["_channel"]))
    # The engine checked every row and its counts are consistent by
    # construction (on time implies resolved with a due date, and so on):
    # the tally takes the rows as they are, codes normalised.
    resolved, with_due, on_time, paid, assisted = (counts(name) for name in _DOSSIER_SUMS.values())
    return DossierTally._from_checked_columns(
        (column["_service"], column["_unit"], months, channels),
        (counts("_rows"), resolved, with_due, on_time, paid, assisted),
    )


# --------------------------------------------------------------------------------------
# Assistance events


def _assistance_plan(source: _Source) -> _Plan:
    schema = source.schema
    plan = _Plan()
    count_type = schema["count"]
    if not count_type.is_numeric():
        _type_error(source, "count", "a whole-number column")
    on = nw.col("on") if schema["on"] == nw.Date else _local_time(source, "on")
    plan.stages.append(
        [
            _text(source, "campaign").fill_null("").alias("_campaign"),
            _upper(source, "kind").fill_null("").alias("_kind"),
            on.alias("_on"),
            *(_optional_key(source, field) for field in ("team", "unit", "service")),
        ]
    )
    stage: list[nw.Expr] = []
    plan.stages.append(stage)
    day = nw.col("_on")
    stage.append(day.dt.year().fill_null(0).cast(nw.Int64).alias("_year"))
    stage.append(day.dt.month().fill_null(0).cast(nw.Int64).alias("_month"))
    stage.append(day.dt.day().fill_null(0).cast(nw.Int64).alias("_day"))
    count = nw.col("count")
    stage.append(count.fill_null(0).cast(nw.Int64).alias("_count"))

    _null_checks(plan, _ASSISTANCE_REQUIRED)
    _empty_check(source, plan, "campaign")
    kind = nw.col("_kind")
    _add_check(
        plan,
        "_bad_kind",
        "kind",
        "unknown kind of help; expected an AssistanceKind member name (any case)",
        ~kind.is_in(tuple(_KINDS)).fill_null(value=False) & (kind != ""),
    )
    _add_check(plan, "_negative_count", "count", "must not be negative", count < 0)
    if count_type.is_float():
        _add_check(
            plan, "_fractional_count", "count", "must be a whole number", count.round(0) != count
        )
    plan.sums = ["_count"]
    plan.keys = ["_campaign", "_kind", "_year", "_month", "_day", "_team", "_unit", "_service"]
    return plan


def _build_events(names: list[str], columns: list[list[Any]]) -> AssistanceTally:
    if not columns or not columns[0]:
        return AssistanceTally()
    rows = list(zip(*columns, strict=True))
    position = {name: index for index, name in enumerate(names)}
    campaign, kind = position["_campaign"], position["_kind"]
    year, month, day = position["_year"], position["_month"], position["_day"]
    team, unit, service = position["_team"], position["_unit"], position["_service"]
    count = position["_count"]
    counts = [
        AssistanceCount(
            campaign=row[campaign],
            kind=_KINDS[row[kind]],
            on=dt.date(int(row[year]), int(row[month]), int(row[day])),
            count=int(row[count]),
            team=_optional(row[team]),
            unit=_optional(row[unit]),
            service=_optional(row[service]),
        )
        for row in rows
    ]
    return AssistanceTally.from_counts(counts)


def _optional(value: Any) -> Any:
    """An optional code: blank text (the stand-in for null) is None."""
    if isinstance(value, str) and not value.strip():
        return None
    return value
