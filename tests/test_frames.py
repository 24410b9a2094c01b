"""The dataframe path (dean06.frames) against the pure path, on every installed engine.

Every backend that is installed is checked: ``DossierTally.from_frame`` (and
``AssistanceTally.from_frame``) over a frame must equal ``DossierTally.of``
over the same records.  A backend that is not installed skips (with
``pytest.importorskip``); PySpark skips when it or a JVM is missing.  Dask
runs with the synchronous scheduler.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import shutil
import sys
import warnings
import zoneinfo
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dean06 as d6
from dean06 import (
    AssistanceEvent,
    AssistanceKind,
    AssistanceTally,
    Channel,
    DataError,
    Dossier,
    DossierStatus,
    DossierTally,
)

if TYPE_CHECKING:
    from types import ModuleType

pytest.importorskip("narwhals")

UTC = dt.timezone.utc
VIETNAM = d6.VIETNAM
ROOT = Path(__file__).resolve().parent.parent

SERVICES = ("D06-01", "D06-06", "D06-25")
UNITS = ("53501", "53503", "535")
CAMPAIGNS = ("C-2023-1", "C-2023-2")
TEAMS = ("T-1", "T-2")
ENDED = (DossierStatus.RESOLVED, DossierStatus.REJECTED)
# Zones a record's own datetimes are drawn in (the frame column has one zone).
RECORD_ZONES = (
    UTC,
    VIETNAM,
    dt.timezone(dt.timedelta(hours=-5)),
    dt.timezone(dt.timedelta(hours=5, minutes=45)),
    zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"),
    zoneinfo.ZoneInfo("America/New_York"),
)
# A frame column's zone: None is naive (local time in Vietnam).
COLUMN_ZONES: tuple[str | None, ...] = (
    None,
    "UTC",
    "Asia/Ho_Chi_Minh",
    "Asia/Kathmandu",
    "America/New_York",
)

DOSSIER_COLUMNS = (
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
TIME_COLUMNS = ("received", "resolved", "due")


# --------------------------------------------------------------------------------------
# Strategies (local: dean06.strategies is written separately)


@st.composite
def dossiers(draw: st.DrawFn, index: int = 0) -> Dossier:
    """A valid dossier; times in assorted zones, between 2019 and 2030."""
    received = draw(
        st.datetimes(
            min_value=naive(2019, 1, 1),
            max_value=naive(2030, 12, 31),
            timezones=st.sampled_from(RECORD_ZONES),
            allow_imaginary=False,
        )
    )
    status = draw(st.sampled_from(DossierStatus))
    resolved = None
    if status in ENDED:
        later = dt.timedelta(minutes=draw(st.integers(0, 60 * 24 * 40)))
        resolved = (received + later).astimezone(draw(st.sampled_from(RECORD_ZONES)))
    due = None
    if draw(st.booleans()):
        if resolved is not None and draw(st.booleans()):
            due = resolved  # on time to the microsecond
        else:
            due = received + dt.timedelta(minutes=draw(st.integers(0, 60 * 24 * 40)))
    return Dossier(
        id=f"HS-{index}-{draw(st.integers(0, 10**6))}",
        service=draw(st.sampled_from(SERVICES)),
        unit=draw(st.sampled_from(UNITS)),
        channel=draw(st.sampled_from(Channel)),
        received=received,
        status=status,
        resolved=resolved,
        due=due,
        paid_online=draw(st.sampled_from((None, True, False))),
        assisted=draw(st.booleans()),
    )


dossier_lists = st.lists(dossiers(), max_size=25)


@st.composite
def events(draw: st.DrawFn) -> AssistanceEvent:
    """A valid assistance event (zero person-times included)."""

    def optional(values: Sequence[str]) -> st.SearchStrategy[str | None]:
        return st.none() | st.sampled_from(values)

    return AssistanceEvent(
        campaign=draw(st.sampled_from(CAMPAIGNS)),
        kind=draw(st.sampled_from(AssistanceKind)),
        count=draw(st.integers(0, 200)),
        on=draw(st.dates(dt.date(2022, 1, 1), dt.date(2024, 12, 31))),
        team=draw(optional(TEAMS)),
        unit=draw(optional(UNITS)),
        service=draw(optional(SERVICES)),
    )


event_lists = st.lists(events(), max_size=25)


def sample_dossiers(count: int, seed: int = 6) -> list[Dossier]:
    """A deterministic list of valid dossiers for the tests that are not properties."""
    rng = random.Random(seed)
    start = dt.datetime(2023, 1, 1, tzinfo=UTC)
    result = []
    for index in range(count):
        received = start + dt.timedelta(minutes=rng.randrange(60 * 24 * 365))
        status = rng.choice(list(DossierStatus))
        resolved = received + dt.timedelta(hours=rng.randrange(600)) if status in ENDED else None
        due = received + dt.timedelta(hours=rng.randrange(400)) if rng.random() < 0.8 else None
        result.append(
            Dossier(
                id=f"HS-{index}",
                service=rng.choice(SERVICES),
                unit=rng.choice(UNITS),
                channel=rng.choice(list(Channel)),
                received=received.astimezone(rng.choice(RECORD_ZONES)),
                status=status,
                resolved=resolved,
                due=due,
                paid_online=rng.choice((None, True, False)),
                assisted=rng.random() < 0.2,
            )
        )
    return result


# --------------------------------------------------------------------------------------
# Records to columns, columns to frames


def naive(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A naive datetime: local time in Vietnam, as a frame without a zone holds it."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=VIETNAM).replace(tzinfo=None)


def _in_zone(moment: dt.datetime | None, zone: str | None) -> dt.datetime | None:
    """*moment* as the frame column holds it: naive local time, or in *zone*."""
    if moment is None:
        return None
    if zone is None:
        return moment.astimezone(VIETNAM).replace(tzinfo=None)
    return moment.astimezone(zoneinfo.ZoneInfo(zone))


def dossier_columns(records: Sequence[Dossier], zone: str | None) -> dict[str, list[Any]]:
    """Columns of the records, with the variations a real frame has.

    Channel and status names in mixed case, the default status and
    ``assisted=False`` sometimes left null.
    """
    columns: dict[str, list[Any]] = {name: [] for name in DOSSIER_COLUMNS}
    for index, record in enumerate(records):
        columns["id"].append(record.id)
        columns["service"].append(record.service)
        columns["unit"].append(record.unit)
        name = record.channel.name
        columns["channel"].append(name.lower() if index % 3 == 1 else name)
        status: str | None = record.status.name
        if record.status is DossierStatus.RECEIVED and index % 2:
            status = None
        elif index % 4 == 2:
            status = record.status.name.title()
        columns["status"].append(status)
        for field in TIME_COLUMNS:
            columns[field].append(_in_zone(getattr(record, field), zone))
        columns["paid_online"].append(record.paid_online)
        columns["assisted"].append(None if not record.assisted and index % 2 else record.assisted)
    return columns


def event_columns(records: Sequence[AssistanceEvent]) -> dict[str, list[Any]]:
    names = ("campaign", "kind", "count", "on", "team", "unit", "service")
    columns: dict[str, list[Any]] = {name: [] for name in names}
    for index, record in enumerate(records):
        columns["campaign"].append(record.campaign)
        columns["kind"].append(record.kind.name.lower() if index % 2 else record.kind.name)
        columns["count"].append(record.count)
        columns["on"].append(record.on)
        columns["team"].append(record.team)
        columns["unit"].append(record.unit)
        columns["service"].append(record.service)
    return columns


def _time_zone_of(columns: dict[str, list[Any]]) -> str | None:
    for field in ("received", "on"):
        for value in columns.get(field, ()):
            if isinstance(value, dt.datetime) and value.tzinfo is not None:
                return str(value.tzinfo)
    return None


Builder = Callable[[dict[str, list[Any]], "str | None"], Any]


def _polars(columns: dict[str, list[Any]], zone: str | None) -> Any:
    pl = pytest.importorskip("polars")
    schema: dict[str, Any] = {}
    for name in columns:
        if name in TIME_COLUMNS:
            schema[name] = pl.Datetime("us", time_zone=zone)
        elif name in ("paid_online", "assisted"):
            schema[name] = pl.Boolean
        elif name == "count":
            schema[name] = pl.Int64
        elif name == "on":
            schema[name] = pl.Date
        else:
            schema[name] = pl.String
    return pl.DataFrame(columns, schema=schema)


def _polars_lazy(columns: dict[str, list[Any]], zone: str | None) -> Any:
    return _polars(columns, zone).lazy()


def _pandas(columns: dict[str, list[Any]], zone: str | None) -> Any:
    pd = pytest.importorskip("pandas")
    data: dict[str, Any] = {}
    for name, values in columns.items():
        if name in TIME_COLUMNS:
            if zone is None:
                data[name] = pd.to_datetime(pd.Series(values, dtype=object)).astype(
                    "datetime64[us]"
                )
            else:
                moments = pd.to_datetime(pd.Series(values, dtype=object), utc=True)
                data[name] = moments.dt.tz_convert(zone).astype(f"datetime64[us, {zone}]")
        elif name in ("paid_online", "assisted"):
            data[name] = pd.Series(values, dtype="boolean")
        elif name == "count":
            data[name] = pd.Series(values, dtype="int64")
        elif name == "on":
            data[name] = pd.to_datetime(pd.Series(values, dtype=object))
        else:
            data[name] = pd.Series(values, dtype="string")
    return pd.DataFrame(data)


def _pandas_objects(columns: dict[str, list[Any]], zone: str | None) -> Any:
    """A pandas frame the way ``pd.DataFrame(records)`` makes one: object columns."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {name: pd.Series(values, dtype=object) for name, values in columns.items()}
    )
    for name in TIME_COLUMNS:
        if name in frame:
            frame[name] = _pandas({name: columns[name]}, zone)[name]
    if "on" in frame:
        frame["on"] = pd.to_datetime(frame["on"])
    if "count" in frame:
        frame["count"] = frame["count"].astype("int64")
    return frame


def _arrow_table(columns: dict[str, list[Any]], zone: str | None) -> Any:
    pa = pytest.importorskip("pyarrow")
    arrays: dict[str, Any] = {}
    for name, values in columns.items():
        if name in TIME_COLUMNS:
            arrays[name] = pa.array(values, type=pa.timestamp("us", tz=zone))
        elif name in ("paid_online", "assisted"):
            arrays[name] = pa.array(values, type=pa.bool_())
        elif name == "count":
            arrays[name] = pa.array(values, type=pa.int64())
        elif name == "on":
            arrays[name] = pa.array(values, type=pa.date32())
        else:
            arrays[name] = pa.array(values, type=pa.string())
    return pa.table(arrays)


def _duckdb_in(connection_zone: str) -> Builder:
    def build(columns: dict[str, list[Any]], zone: str | None) -> Any:
        duckdb = pytest.importorskip("duckdb")
        table = _arrow_table(columns, zone)
        connection = duckdb.connect()
        connection.execute(f"SET TimeZone = '{connection_zone}'")
        return connection.from_arrow(table)

    return build


def _dask(columns: dict[str, list[Any]], zone: str | None) -> Any:
    dd = pytest.importorskip("dask.dataframe")
    frame = _pandas(columns, zone)
    return dd.from_pandas(frame, npartitions=2, sort=False)


BACKENDS: dict[str, Builder] = {
    "pandas": _pandas,
    "pandas-objects": _pandas_objects,
    "polars": _polars,
    "polars-lazy": _polars_lazy,
    "pyarrow": _arrow_table,
    "duckdb": _duckdb_in("UTC"),
    "dask": _dask,
}
# Share of the profile's examples per backend: every call pays narwhals' fixed
# cost of translating some forty expressions (10 to 50 ms), and Dask builds
# and runs a task graph (about 0.5 s).  The ``thorough`` profile scales them all.
EXAMPLE_SHARE = {
    "pandas": 0.2,
    "pandas-objects": 0.1,
    "polars": 0.5,
    "polars-lazy": 0.3,
    "pyarrow": 0.4,
    "duckdb": 0.15,
    "dask": 0.03,
}


@pytest.fixture(autouse=True)
def _synchronous_dask() -> Iterator[None]:
    try:
        import dask  # noqa: PLC0415 - optional backend
    except ImportError:
        yield
        return
    with dask.config.set(scheduler="synchronous"):
        yield


def _examples(backend: str, share: float = 1.0) -> int:
    return max(3, round(settings().max_examples * EXAMPLE_SHARE[backend] * share))


# --------------------------------------------------------------------------------------
# The oracle: the frame path equals the pure path


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_dossier_tally_equals_pure_path(backend: str) -> None:
    build = BACKENDS[backend]
    build({"service": []}, None)  # skips here when the backend is not installed

    @settings(max_examples=_examples(backend))
    @given(records=dossier_lists, zone=st.sampled_from(COLUMN_ZONES))
    def check(records: list[Dossier], zone: str | None) -> None:
        frame = build(dossier_columns(records, zone), zone)
        assert DossierTally.from_frame(frame) == DossierTally.of(records)

    check()


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_assistance_tally_equals_pure_path(backend: str) -> None:
    build = BACKENDS[backend]
    build({"campaign": []}, None)

    @settings(max_examples=_examples(backend, share=0.5))
    @given(records=event_lists)
    def check(records: list[AssistanceEvent]) -> None:
        frame = build(event_columns(records), None)
        assert AssistanceTally.from_frame(frame) == AssistanceTally.of(records)

    check()


@pytest.mark.parametrize(
    ("backend", "zone"),
    [
        (backend, zone)
        for backend in BACKENDS
        for zone in COLUMN_ZONES
        if backend != "dask" or zone in (None, "America/New_York")
    ],
)
def test_a_province_sample_in_every_zone(backend: str, zone: str | None) -> None:
    records = sample_dossiers(400)
    frame = BACKENDS[backend](dossier_columns(records, zone), zone)
    tally = DossierTally.from_frame(frame)
    assert tally == DossierTally.of(records)
    assert tally.total() == 400


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_empty_frames_give_empty_tallies(backend: str) -> None:
    build = BACKENDS[backend]
    assert DossierTally.from_frame(build(dossier_columns([], "UTC"), "UTC")) == DossierTally()
    assert DossierTally.from_frame(build(dossier_columns([], None), None)) == DossierTally()
    assert AssistanceTally.from_frame(build(event_columns([]), None)) == AssistanceTally()


def test_an_empty_pandas_frame_of_untyped_columns_is_an_empty_tally() -> None:
    pd = pytest.importorskip("pandas")
    assert DossierTally.from_frame(pd.DataFrame(columns=list(DOSSIER_COLUMNS))) == DossierTally()


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_a_single_row(backend: str) -> None:
    record = Dossier(
        id="HS-1",
        service="D06-06",
        unit="53501",
        channel=Channel.ONLINE,
        received=dt.datetime(2023, 6, 30, 20, tzinfo=UTC),  # 1 July in Vietnam
        status=DossierStatus.RESOLVED,
        resolved=dt.datetime(2023, 7, 2, 9, tzinfo=VIETNAM),
        due=dt.datetime(2023, 7, 2, 9, tzinfo=VIETNAM),
        paid_online=True,
    )
    for zone in ("UTC", None):
        tally = DossierTally.from_frame(BACKENDS[backend](dossier_columns([record], zone), zone))
        assert tally == DossierTally.of([record])
        assert tally.months() == (d6.Period.month(2023, 7),)
        assert tally.on_time_rate() == d6.Rate(1, 1)
        assert tally.paid_online() == 1


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_nulls_in_optional_columns_are_defaults(backend: str) -> None:
    received = dt.datetime(2023, 3, 1, 8, tzinfo=VIETNAM)
    records = [
        Dossier(id="1", service="S", unit="U", channel=Channel.POSTAL, received=received),
        Dossier(
            id="2",
            service="S",
            unit="U",
            channel=Channel.ONLINE,
            received=received,
            status=DossierStatus.REJECTED,
            resolved=received,
        ),
    ]
    columns = dossier_columns(records, "UTC")
    columns["status"] = [None, "rejected"]
    columns["paid_online"] = [None, None]
    columns["assisted"] = [None, None]
    frame = BACKENDS[backend](columns, "UTC")
    tally = DossierTally.from_frame(frame)
    assert tally == DossierTally.of(records)
    assert tally.on_time_rate() == d6.Rate(0, 0)


@pytest.mark.parametrize("backend", ["pandas", "polars", "pyarrow", "duckdb"])
def test_optional_columns_may_be_left_out(backend: str) -> None:
    records = [
        Dossier(
            id=str(i),
            service="S",
            unit="U",
            channel=channel,
            received=dt.datetime(2023, 1 + i, 1, tzinfo=VIETNAM),
        )
        for i, channel in enumerate(Channel)
    ]
    columns = dossier_columns(records, None)
    required = {name: columns[name] for name in ("service", "unit", "channel", "received")}
    assert DossierTally.from_frame(BACKENDS[backend](required, None)) == DossierTally.of(records)


def test_columns_maps_the_frames_own_names() -> None:
    pl = pytest.importorskip("polars")
    records = sample_dossiers(50)
    frame = _polars(dossier_columns(records, "UTC"), "UTC").rename(
        {"service": "Mã TTHC", "received": "Ngày tiếp nhận", "unit": "don_vi"}
    )
    frame = frame.with_columns(unit=pl.lit("not this one"))
    mapping = {"Mã TTHC": "service", "Ngày tiếp nhận": "received", "don_vi": "unit"}
    assert DossierTally.from_frame(frame, columns=mapping) == DossierTally.of(records)
    with pytest.raises(d6.ValidationError, match="not a field"):
        DossierTally.from_frame(frame, columns={"Mã TTHC": "procedure"})


def test_dates_and_datetimes_in_other_units_are_read() -> None:
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame(
        {
            "service": ["S", "S"],
            "unit": ["U", "U"],
            "channel": ["ONLINE", "POSTAL"],
            "received": [naive(2023, 6, 30, 23, 59), naive(2023, 7, 1, 0, 0)],
            "status": ["RESOLVED", "RESOLVED"],
            "resolved": [naive(2023, 7, 3, 12), naive(2023, 7, 4, 0, 0)],
            "due": [dt.date(2023, 7, 3), dt.date(2023, 7, 4)],
        },
        schema_overrides={"received": pl.Datetime("ns"), "resolved": pl.Datetime("ms")},
    )
    tally = DossierTally.from_frame(frame)
    assert [month for month, _ in tally.monthly_rates()] == [
        d6.Period.month(2023, 6),
        d6.Period.month(2023, 7),
    ]
    # A date is local midnight: 12:00 on 3 July is late, midnight on 4 July is on time.
    assert tally.on_time_rate() == d6.Rate(1, 2)


def test_booleans_as_text_and_integers() -> None:
    pl = pytest.importorskip("polars")
    base = {
        "service": ["S"] * 4,
        "unit": ["U"] * 4,
        "channel": ["ONLINE"] * 4,
        "received": [naive(2023, 5, 1)] * 4,
    }
    text = pl.DataFrame({**base, "paid_online": ["true", "False", None, " 1 "]})
    assert DossierTally.from_frame(text).paid_online() == 2
    numbers = pl.DataFrame({**base, "assisted": [1, 0, None, 1]})
    assert DossierTally.from_frame(numbers).assisted() == 2


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_events_with_dates_as_datetimes(backend: str) -> None:
    records = [
        AssistanceEvent(
            campaign="C", kind=AssistanceKind.OUTREACH, count=3, on=dt.date(2023, 3, 26)
        ),
        AssistanceEvent(
            campaign="C",
            kind=AssistanceKind.EID_INSTALLED,
            count=0,
            on=dt.date(2023, 3, 27),
            team="T-1",
        ),
    ]
    columns = event_columns(records)
    columns["on"] = [naive(day.year, day.month, day.day, 9) for day in columns["on"]]
    if backend in ("pandas", "pandas-objects", "dask"):
        frame = BACKENDS[backend](columns, None)
    else:
        pl = pytest.importorskip("polars")
        frame = _polars(columns, None).with_columns(on=pl.Series(columns["on"]))
        if backend == "polars-lazy":
            frame = frame.lazy()
        elif backend == "pyarrow":
            frame = frame.to_arrow()
        elif backend == "duckdb":
            duckdb = pytest.importorskip("duckdb")
            frame = duckdb.connect().from_arrow(frame.to_arrow())
    tally = AssistanceTally.from_frame(frame)
    assert tally == AssistanceTally.of(records)
    assert tally.occasions() == 2


# --------------------------------------------------------------------------------------
# Time zones kept in the connection (DuckDB)


@pytest.mark.parametrize("connection_zone", ["UTC", "Asia/Ho_Chi_Minh", "Asia/Bangkok"])
def test_duckdb_connection_zones_that_are_read(connection_zone: str) -> None:
    records = sample_dossiers(200, seed=7)
    for zone in ("UTC", None):
        frame = _duckdb_in(connection_zone)(dossier_columns(records, zone), zone)
        assert DossierTally.from_frame(frame) == DossierTally.of(records)


def test_duckdb_connection_zone_that_is_refused() -> None:
    records = sample_dossiers(5)
    frame = _duckdb_in("Europe/Berlin")(dossier_columns(records, "UTC"), "UTC")
    with pytest.raises(DataError, match="SET TimeZone = 'UTC'") as caught:
        DossierTally.from_frame(frame)
    assert {p.location for p in caught.value.problems} == {
        "<frame>, column 'received'",
        "<frame>, column 'resolved'",
        "<frame>, column 'due'",
    }
    naive = _duckdb_in("Europe/Berlin")(dossier_columns(records, None), None)
    assert DossierTally.from_frame(naive) == DossierTally.of(records)


# --------------------------------------------------------------------------------------
# Faults


def _bad_dossier_columns() -> dict[str, list[Any]]:
    """Five rows: row 0 is valid, every other row has one fault or more."""
    day = naive(2023, 6, 1, 8)
    return {
        "service": ["S", None, "S", "  ", "S"],
        "unit": ["U", "U", "U", "U", "U"],
        "channel": ["ONLINE", "ONLINE", "fax", "POSTAL", "ONLINE"],
        "received": [day, day, day, day, None],
        "status": ["RESOLVED", "RECEIVED", "RESOLVED", "WITHDRAWN", "DONE"],
        "resolved": [day, day, None, None, None],
        "due": [day, day - dt.timedelta(days=1), None, None, None],
        "paid_online": [True, None, None, False, None],
        "assisted": [False, None, None, False, None],
    }


EXPECTED_FAULTS = [
    ("<frame>, row 1, column 'service'", "missing value (null)"),
    (
        "<frame>, row 1, column 'resolved'",
        "must be empty unless the status is RESOLVED or REJECTED",
    ),
    ("<frame>, row 1, column 'due'", "is before received"),
    ("<frame>, row 2, column 'channel'", "unknown channel"),
    ("<frame>, row 2, column 'resolved'", "must be set when the status is RESOLVED or REJECTED"),
    ("<frame>, row 3, column 'service'", "empty text"),
    ("<frame>, row 4, column 'received'", "missing value (null)"),
    ("<frame>, row 4, column 'status'", "unknown status"),
]


@pytest.mark.parametrize("backend", ["pandas", "pandas-objects", "polars", "pyarrow"])
def test_faults_of_an_eager_frame_name_their_rows(backend: str) -> None:
    frame = BACKENDS[backend](_bad_dossier_columns(), None)
    with pytest.raises(DataError) as caught:
        DossierTally.from_frame(frame)
    problems = caught.value.problems
    assert [p.location for p in problems] == [location for location, _ in EXPECTED_FAULTS]
    for problem, (_, message) in zip(problems, EXPECTED_FAULTS, strict=True):
        assert problem.message.startswith(message)
    assert caught.value.total == len(EXPECTED_FAULTS)


@pytest.mark.parametrize("backend", ["polars-lazy", "duckdb", "dask"])
def test_faults_of_a_lazy_frame_are_counted_by_column(backend: str) -> None:
    frame = BACKENDS[backend](_bad_dossier_columns(), None)
    with pytest.raises(DataError) as caught:
        DossierTally.from_frame(frame)
    problems = caught.value.problems
    assert caught.value.total == len(EXPECTED_FAULTS)
    assert len(problems) == len(EXPECTED_FAULTS)  # one row of each kind of fault
    for location, message in EXPECTED_FAULTS:
        column = "<frame>, column " + location.split(", column ")[1]
        assert any(
            p.location == column and p.message.startswith(f"1 row: {message}") for p in problems
        ), (column, message)
    service_nulls = [p for p in problems if p.location == "<frame>, column 'service'"]
    assert {p.message for p in service_nulls} == {
        "1 row: missing value (null)",
        "1 row: empty text",
    }


def test_max_problems_bounds_the_list_not_the_total() -> None:
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame(
        {
            "service": [None] * 30,
            "unit": ["U"] * 30,
            "channel": ["nope"] * 30,
            "received": [naive(2023, 1, 1)] * 30,
        },
        schema_overrides={"service": pl.String},
    )
    with pytest.raises(DataError) as caught:
        DossierTally.from_frame(frame, max_problems=5)
    assert len(caught.value.problems) == 5
    assert caught.value.total == 60
    assert "60 problems" in str(caught.value)


def test_missing_required_columns() -> None:
    pl = pytest.importorskip("polars")
    with pytest.raises(DataError) as caught:
        DossierTally.from_frame(pl.DataFrame({"service": ["S"], "kênh": ["ONLINE"]}))
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 3
    assert messages[0].startswith("required column 'unit' is missing")
    assert "'kênh'" in messages[0]


def test_wrong_column_types_are_all_named_before_any_data_is_read() -> None:
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame(
        {
            "service": ["S"],
            "unit": [53501],
            "channel": ["ONLINE"],
            "received": ["2023-06-01T08:00:00+07:00"],
            "assisted": [dt.date(2023, 1, 1)],
        }
    )
    with pytest.raises(DataError) as caught:
        DossierTally.from_frame(frame)
    assert [p.location for p in caught.value.problems] == [
        "<frame>, column 'unit'",
        "<frame>, column 'received'",
        "<frame>, column 'assisted'",
    ]
    assert "leading zeros" in caught.value.problems[0].message


@pytest.mark.parametrize("backend", ["polars", "polars-lazy", "pandas", "duckdb"])
def test_assistance_faults(backend: str) -> None:
    columns: dict[str, list[Any]] = {
        "campaign": ["C", None, "C", "C"],
        "kind": ["OUTREACH", "OUTREACH", "dancing", "OUTREACH"],
        "count": [3, 1, 2, -4],
        "on": [dt.date(2023, 3, 26)] * 4,
    }
    frame = BACKENDS[backend](columns, None)
    with pytest.raises(DataError) as caught:
        AssistanceTally.from_frame(frame)
    assert caught.value.total == 3
    text = str(caught.value)
    assert "'campaign'" in text
    assert "'kind'" in text
    assert "must not be negative" in text
    if backend in ("polars", "pandas"):
        assert [p.location for p in caught.value.problems] == [
            "<frame>, row 1, column 'campaign'",
            "<frame>, row 2, column 'kind'",
            "<frame>, row 3, column 'count'",
        ]


def test_fractional_counts_are_faults_and_whole_floats_are_not() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "campaign": ["C", "C"],
            "kind": ["OUTREACH", "OUTREACH"],
            "count": [2.0, 2.5],
            "on": pd.to_datetime(["2023-03-26", "2023-03-26"]),
        }
    )
    with pytest.raises(DataError, match="whole number"):
        AssistanceTally.from_frame(frame)
    assert AssistanceTally.from_frame(frame.iloc[:1]).total() == 2


def test_not_a_frame() -> None:
    with pytest.raises(d6.ValidationError, match="expected a dataframe"):
        DossierTally.from_frame([{"service": "S"}])


def test_messages_mask_personal_identifiers() -> None:
    pl = pytest.importorskip("polars")
    with pytest.raises(DataError) as caught:
        DossierTally.from_frame(pl.DataFrame({"051203001234": ["x"]}))
    assert "051203001234" not in str(caught.value)
    assert "***" in str(caught.value)


# --------------------------------------------------------------------------------------
# PySpark (skips without pyspark or a JVM)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    if shutil.which("java") is None:
        pytest.skip("PySpark needs a Java runtime (no 'java' on PATH)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sql = pytest.importorskip("pyspark.sql", reason="pyspark is not installed")
        session = (
            sql.SparkSession.builder.master("local[1]")
            .appName("dean06-tests")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.default.parallelism", "1")
            .getOrCreate()
        )
    yield session
    session.stop()


@pytest.mark.filterwarnings("ignore::FutureWarning")
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_pyspark_dataframes(spark: Any) -> None:
    records = sample_dossiers(100, seed=11)
    for zone, time_type in (("UTC", "timestamp"), (None, "timestamp_ntz")):
        columns = dossier_columns(records, zone)
        rows = list(zip(*(columns[name] for name in DOSSIER_COLUMNS), strict=True))
        types = dict.fromkeys(DOSSIER_COLUMNS, "string")
        types.update(dict.fromkeys(TIME_COLUMNS, time_type))
        types.update(paid_online="boolean", assisted="boolean")
        schema = ", ".join(f"{name} {kind}" for name, kind in types.items())
        frame = spark.createDataFrame(rows, schema)
        assert DossierTally.from_frame(frame) == DossierTally.of(records)
    events = [
        AssistanceEvent(campaign="C", kind=kind, count=i, on=dt.date(2023, 3, 1 + i), team=None)
        for i, kind in enumerate(AssistanceKind)
    ]
    columns = event_columns(events)
    rows = list(zip(*columns.values(), strict=True))
    frame = spark.createDataFrame(
        rows,
        "campaign string, kind string, count long, on date, "
        "team string, unit string, service string",
    )
    assert AssistanceTally.from_frame(frame) == AssistanceTally.of(events)


# --------------------------------------------------------------------------------------
# Past one machine: one partial tally per Dask partition, merged with +


def _example() -> ModuleType:
    path = ROOT / "examples" / "dask_partitions.py"
    spec = importlib.util.spec_from_file_location("dean06_example_dask_partitions", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_dask_partitions_merge_to_the_single_process_tally(tmp_path: Path, scheduler: str) -> None:
    pytest.importorskip("dask.dataframe")
    example = _example()
    records = sample_dossiers(600, seed=21)
    paths = example.write_partitions(records, tmp_path, parts=4)
    assert len(paths) == 4
    distributed = example.tally_partitions(str(tmp_path / "*.csv"), scheduler=scheduler)
    assert isinstance(distributed, DossierTally)
    assert distributed == DossierTally.of(records)
    # The merge is the monoid's: each partial tally alone is part of the whole.
    partials = example.partial_tallies(str(tmp_path / "*.csv"), scheduler=scheduler)
    assert len(partials) == 4
    assert sum(partials, DossierTally()) == distributed
    assert all(part.total() > 0 for part in partials)
