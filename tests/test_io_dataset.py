"""Data set folders, campaigns with their teams, and the readers' contract.

``load_dataset`` / ``save_dataset`` / ``validate``; references checked by
``Dataset.problems()`` located in the files by ``validate``; campaigns in
CSV as two files; the options every reader and writer checks.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import cattrs
import pytest

import _io_strategies as ios
import dean06
from dean06 import DataError, Dean06Error, Problem, ValidationError, wire
from dean06 import io as d6io
from dean06.datasets import quang_ngai_2023

BROKEN = Path(__file__).parent / "data" / "broken"
EMBEDDED = Path(dean06.__file__).parent / "datasets" / "quang_ngai_2023"

READERS = ios.READERS
WRITERS = ios.WRITERS


def _small() -> dean06.Dataset:
    """A slice of the embedded data set (every kind, every reference sound)."""
    full = quang_ngai_2023()
    return dean06.Dataset(
        services=full.services,
        units=full.units,
        dossiers=full.dossiers[:300],
        campaigns=full.campaigns,
        events=full.events[:100],
    )


# -- folders -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gz"])
def test_save_then_load_gives_the_same_dataset(fmt: str, compress: bool, tmp_path: Path) -> None:
    dataset = _small()
    written = d6io.save_dataset(dataset, tmp_path, format=fmt, compress=compress)
    suffix = f".{fmt}" + (".gz" if compress else "")
    expected = {"services", "units", "dossiers", "campaigns", "events"}
    if fmt == "csv":
        expected.add("teams")
    assert set(written) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{k}{suffix}" for k in expected)
    assert d6io.load_dataset(tmp_path) == dataset
    assert d6io.validate(tmp_path) == ()


def test_save_dataset_writes_csv_by_default(tmp_path: Path) -> None:
    d6io.save_dataset(_small(), tmp_path)
    assert (tmp_path / "dossiers.csv").is_file()
    assert (tmp_path / "teams.csv").is_file()


def test_saving_again_in_another_format_replaces_every_file(tmp_path: Path) -> None:
    dataset = _small()
    d6io.save_dataset(dataset, tmp_path, compress=True)
    d6io.save_dataset(dataset, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "campaigns.csv",
        "dossiers.csv",
        "events.csv",
        "services.csv",
        "teams.csv",
        "units.csv",
    ]
    assert d6io.load_dataset(tmp_path) == dataset
    d6io.save_dataset(dataset, tmp_path, format="json")
    assert "teams.csv" not in {p.name for p in tmp_path.iterdir()}
    assert d6io.load_dataset(tmp_path) == dataset


def test_the_embedded_folder_is_clean() -> None:
    assert d6io.validate(EMBEDDED) == ()
    assert d6io.load_dataset(EMBEDDED) == quang_ngai_2023()


def test_a_missing_file_is_an_empty_collection(tmp_path: Path) -> None:
    lines = (EMBEDDED / "dossiers.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "dossiers.csv").write_text("".join(lines[:201]), encoding="utf-8")
    dataset = d6io.load_dataset(tmp_path)
    assert dataset.dossiers == quang_ngai_2023().dossiers[:200]
    assert (dataset.services, dataset.units, dataset.campaigns, dataset.events) == ((),) * 4
    assert dataset.problems() == ()
    assert d6io.validate(tmp_path) == ()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert d6io.load_dataset(empty) == dean06.Dataset()


def test_two_files_for_one_kind_are_a_data_error() -> None:
    folder = BROKEN / "two-files-for-dossiers"
    for errors in ("raise", "collect"):
        with pytest.raises(DataError) as raised:
            d6io.load_dataset(folder, errors=errors)
        (problem,) = raised.value.problems
        assert problem.location == "two-files-for-dossiers"
        assert "dossiers.csv, dossiers.jsonl" in problem.message
    assert [p.location for p in d6io.validate(folder)] == ["two-files-for-dossiers"]


def test_load_dataset_of_something_else() -> None:
    with pytest.raises(DataError):
        d6io.load_dataset(BROKEN / "no-such-folder")
    with pytest.raises(DataError):
        d6io.load_dataset(BROKEN / "dossiers-bad-date.csv")
    with pytest.raises(ValidationError):
        d6io.load_dataset(EMBEDDED, errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        d6io.save_dataset(_small(), BROKEN / "unused", format="xml")


DUPLICATES = [
    (
        "services.csv, line 4, column 'code'",
        "services[2].code",
        "duplicate code 'D06-06'",
    ),
    ("units.csv, line 6, column 'code'", "units[4].code", "duplicate code '522'"),
    ("dossiers.csv, line 4, column 'id'", "dossiers[2].id", "duplicate id 'HS-001'"),
    ("campaigns.csv, line 4, column 'id'", "campaigns[2].id", "duplicate id 'C1'"),
    (
        "teams.csv, line 4, column 'id'",
        "campaigns[1].teams[1].id",
        "duplicate team id 'T1'",
    ),
]


def test_duplicate_ids_located_in_the_files() -> None:
    folder = BROKEN / "duplicate-ids"
    found = d6io.validate(folder)
    assert [p.location for p in found] == [file for file, _, _ in DUPLICATES]
    for problem, (_, _, message) in zip(found, DUPLICATES, strict=True):
        assert problem.message.startswith(message)
    assert "first at teams.csv, line 2, column 'id'" in found[-1].message
    # the same problems, located in the Dataset
    dataset = d6io.load_dataset(folder)
    problems = dataset.problems()
    assert [p.location for p in problems] == [where for _, where, _ in DUPLICATES]
    for problem, (_, _, message) in zip(problems, DUPLICATES, strict=True):
        assert problem.message.startswith(message)


def test_unknown_references_located_in_the_files() -> None:
    folder = BROKEN / "unknown-references"
    expected = [
        ("teams.csv, line 4, column 'campaign'", None, "unknown campaign 'C9'"),
        ("dossiers.csv, line 3, column 'service'", "dossiers[1].service", "unknown service"),
        ("dossiers.csv, line 4, column 'unit'", "dossiers[2].unit", "unknown unit '99999'"),
        ("events.csv, line 3, column 'campaign'", "events[1].campaign", "unknown campaign 'C7'"),
        (
            "events.csv, line 4, column 'team'",
            "events[2].team",
            "team 'T2' is not a team of campaign 'C1'",
        ),
    ]
    found = d6io.validate(folder)
    assert [p.location for p in found] == [file for file, _, _ in expected]
    for problem, (_, _, message) in zip(found, expected, strict=True):
        assert message in problem.message
    # The team row of an unknown campaign is a fault of the file: load_dataset raises ...
    with pytest.raises(DataError) as raised:
        d6io.load_dataset(folder)
    assert raised.value.problems == (found[0],)
    # ... and the rest are reference problems of the data set.
    dataset = d6io.load_dataset(folder, errors="collect")
    problems = dataset.problems()
    assert [p.location for p in problems] == [where for _, where, _ in expected[1:]]
    assert [p.message for p in problems] == [p.message for p in found[1:]]


def test_a_campaign_with_a_faulty_team_is_rejected() -> None:
    folder = BROKEN / "campaign-with-faulty-team"
    reader = d6io.read_campaigns(folder / "campaigns.csv", errors="collect")
    campaigns = list(reader)
    assert [c.id for c in campaigns] == ["C1"]
    assert [t.id for t in campaigns[0].teams] == ["T1"]
    assert reader.problems == [
        Problem("teams.csv, line 3, column 'members'", "must not be negative, got -3")
    ]
    assert (reader.read, reader.accepted, reader.rejected) == (2, 1, 1)
    assert d6io.validate(folder) == tuple(reader.problems)
    with pytest.raises(DataError) as raised:
        list(d6io.read_campaigns(folder / "campaigns.csv"))
    assert raised.value.problems == tuple(reader.problems)


# -- campaigns and teams in CSV --------------------------------------------------------------


def _campaigns() -> list[dean06.Campaign]:
    return [
        dean06.Campaign(
            id="C1",
            name="Ngày cao điểm",
            organiser="Tỉnh đoàn",
            start=dt.date(2023, 3, 26),
            end=dt.date(2023, 3, 26),
            teams=(
                dean06.Team(id="T1", name="Đội 1", organisation="Đoàn A", members=8),
                dean06.Team(id="T2", name="Đội 2", organisation="Đoàn B", members=5, unit="U"),
            ),
        ),
        dean06.Campaign(
            id="C2",
            name="Hè",
            organiser="Tỉnh đoàn",
            start=dt.date(2023, 6, 1),
            end=dt.date(2023, 8, 31),
        ),
    ]


def test_campaigns_with_teams_given_as_a_path_or_an_open_file(tmp_path: Path) -> None:
    campaigns = _campaigns()
    d6io.write_campaigns(campaigns, tmp_path / "c.csv", teams=tmp_path / "t.csv")
    assert list(d6io.read_campaigns(tmp_path / "c.csv", teams=tmp_path / "t.csv")) == campaigns
    with (tmp_path / "t.csv").open("rb") as teams:
        assert list(d6io.read_campaigns(tmp_path / "c.csv", teams=teams)) == campaigns
    out, teams_out = io.BytesIO(), io.BytesIO()
    d6io.write_campaigns(campaigns, out, teams=teams_out, format="csv")
    back = d6io.read_campaigns(
        io.BytesIO(out.getvalue()), teams=io.BytesIO(teams_out.getvalue()), format="csv"
    )
    assert list(back) == campaigns
    # without the teams, the same campaigns without teams
    alone = list(d6io.read_campaigns(io.BytesIO(out.getvalue()), format="csv"))
    assert [c.id for c in alone] == ["C1", "C2"]
    assert all(c.teams == () for c in alone)


def test_campaigns_use_the_sibling_teams_file(tmp_path: Path) -> None:
    campaigns = _campaigns()
    d6io.write_campaigns(campaigns, tmp_path / "campaigns.csv")
    header = (tmp_path / "teams.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "id,name,organisation,members,unit,campaign"
    assert list(d6io.read_campaigns(tmp_path / "campaigns.csv")) == campaigns
    d6io.write_campaigns(campaigns, tmp_path / "campaigns.csv.gz")
    assert (tmp_path / "teams.csv.gz").is_file()
    assert list(d6io.read_campaigns(tmp_path / "campaigns.csv.gz")) == campaigns


def test_writing_campaigns_with_teams_to_an_open_csv_file_needs_teams() -> None:
    with pytest.raises(ValidationError, match="teams="):
        d6io.write_campaigns(_campaigns(), io.BytesIO(), format="csv")
    out = io.BytesIO()
    assert d6io.write_campaigns(_campaigns()[1:], out, format="csv") == 1
    with pytest.raises(ValidationError):
        d6io.write_campaigns(_campaigns(), io.BytesIO(), format="json", teams=io.BytesIO())
    with pytest.raises(ValidationError):
        d6io.read_campaigns(io.BytesIO(b"[]"), format="json", teams=io.BytesIO())


def test_teams_of_one_campaign_carry_its_id_which_read_teams_ignores(tmp_path: Path) -> None:
    teams = list(_campaigns()[0].teams)
    path = tmp_path / "teams.csv"
    d6io.write_teams(teams, path, campaign="C1")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "id,name,organisation,members,unit,campaign"
    assert all(line.endswith(",C1") for line in lines[1:])
    assert list(d6io.read_teams(path)) == teams
    for fmt in ("jsonl", "json"):
        out = io.BytesIO()
        d6io.write_teams(teams, out, campaign="C1", format=fmt)
        assert '"campaign": "C1"' in out.getvalue().decode()
        assert list(d6io.read_teams(io.BytesIO(out.getvalue()), format=fmt)) == teams
    d6io.write_teams(teams, path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == "id,name,organisation,members,unit"
    with pytest.raises(ValidationError):
        d6io.write_teams(teams, path, campaign=7)  # type: ignore[arg-type]


def test_a_team_row_of_an_unknown_campaign_is_located_in_the_teams_file(tmp_path: Path) -> None:
    (tmp_path / "campaigns.csv").write_text(
        "id,name,organiser,start,end\nC1,n,o,2023-01-01,2023-01-02\n", encoding="utf-8"
    )
    (tmp_path / "teams.csv").write_text(
        "id,name,organisation,members,campaign\nT1,a,b,3,C1\nT2,a,b,3,C2\nT3,a,b,3,\n",
        encoding="utf-8",
    )
    reader = d6io.read_campaigns(tmp_path / "campaigns.csv", errors="collect")
    (campaign,) = reader
    assert [t.id for t in campaign.teams] == ["T1"]
    assert [(p.location, p.message) for p in reader.problems] == [
        ("teams.csv, line 3, column 'campaign'", "unknown campaign 'C2'"),
        ("teams.csv, line 4, column 'campaign'", "a value is required"),
    ]
    assert (reader.read, reader.accepted, reader.rejected) == (1, 1, 0)


def test_a_teams_file_without_campaigns_is_not_dropped_silently(tmp_path: Path) -> None:
    (tmp_path / "teams.csv").write_text(
        "id,name,organisation,members,campaign\nT1,a,b,3,C1\nT2,a,b,x,C1\n", encoding="utf-8"
    )
    expected = [
        ("teams.csv, line 2, column 'campaign'", "unknown campaign 'C1'"),
        ("teams.csv, line 3, column 'campaign'", "unknown campaign 'C1'"),
    ]
    found = [(p.location, p.message) for p in d6io.validate(tmp_path)]
    assert sorted(found) == sorted(expected)
    with pytest.raises(DataError) as raised:
        d6io.load_dataset(tmp_path)
    assert raised.value.total == 2
    assert d6io.load_dataset(tmp_path, errors="collect") == dean06.Dataset()


def test_a_teams_file_beside_json_campaigns_is_a_problem(tmp_path: Path) -> None:
    d6io.write_campaigns([], tmp_path / "campaigns.json")
    (tmp_path / "teams.csv").write_text(
        "id,name,organisation,members,campaign\nT1,a,b,3,C1\n", encoding="utf-8"
    )
    (problem,) = d6io.validate(tmp_path)
    assert problem.location == "teams.csv"
    assert "campaigns.json nests" in problem.message
    with pytest.raises(DataError, match=r"teams\.csv"):
        d6io.load_dataset(tmp_path)


def test_teams_join_their_campaign_whatever_the_unicode_form(tmp_path: Path) -> None:
    import unicodedata  # noqa: PLC0415

    nfd = unicodedata.normalize("NFD", "Chiến dịch hè")
    (tmp_path / "campaigns.csv").write_text(
        f"id,name,organiser,start,end\n{nfd},n,o,2023-01-01,2023-01-02\n", encoding="utf-8"
    )
    (tmp_path / "teams.csv").write_text(
        "id,name,organisation,members,campaign\nT1,a,b,3,Chiến dịch hè\n", encoding="utf-8"
    )
    (campaign,) = d6io.read_campaigns(tmp_path / "campaigns.csv")
    assert campaign.id == "Chiến dịch hè"
    assert [t.id for t in campaign.teams] == ["T1"]


def test_duplicate_team_ids_in_one_campaign_are_located_in_the_teams_file(
    tmp_path: Path,
) -> None:
    (tmp_path / "campaigns.csv").write_text(
        "id,name,organiser,start,end\nC1,n,o,2023-01-01,2023-01-02\n", encoding="utf-8"
    )
    (tmp_path / "teams.csv").write_text(
        "id,name,organisation,members,campaign\nT1,a,b,3,C1\nT1,c,d,4,C1\n", encoding="utf-8"
    )
    reader = d6io.read_campaigns(tmp_path / "campaigns.csv", errors="collect")
    assert list(reader) == []
    (problem,) = reader.problems
    assert problem.location == "teams.csv, line 3, column 'id'"
    assert "duplicate team id 'T1'" in problem.message


def test_json_campaign_faults_are_located_in_their_teams() -> None:
    document = {
        "schema_version": 1,
        "campaigns": [
            {"id": "C1", "name": "n", "organiser": "o", "start": "2023-01-01", "end": "2023"},
            {
                "id": "C2",
                "name": "n",
                "organiser": "o",
                "start": "2023-01-01",
                "end": "2023-01-02",
                "teams": [
                    {"id": "T1", "name": "a", "organisation": "b", "members": 1},
                    {"id": "T2", "name": "a", "organisation": "b", "Số thành viên": -1},
                ],
            },
        ],
    }
    reader = d6io.read_campaigns(
        io.BytesIO(json.dumps(document).encode()), format="json", errors="collect"
    )
    assert list(reader) == []
    assert [p.location for p in reader.problems] == [
        "<stream>, $.campaigns[0].end",
        "<stream>, $.campaigns[1].teams[1].Số thành viên",
    ]


# -- the options every reader and writer checks ------------------------------------------------


@pytest.mark.parametrize("kind", list(READERS))
def test_a_reader_is_iterated_once(kind: str) -> None:
    out = io.BytesIO()
    WRITERS[kind]([], out, format="jsonl")
    reader = READERS[kind](io.BytesIO(out.getvalue()), format="jsonl")
    assert list(reader) == []
    with pytest.raises(Dean06Error, match="only once"):
        list(reader)


@pytest.mark.parametrize("kind", list(READERS))
def test_unknown_formats_and_suffixes(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.txt"
    path.write_bytes(b"")
    with pytest.raises(ValidationError):
        READERS[kind](path)
    with pytest.raises(ValidationError):
        READERS[kind](io.BytesIO(b""))  # an unnamed stream needs format=
    with pytest.raises(ValidationError):
        READERS[kind](io.BytesIO(b""), format="xml")
    with pytest.raises(ValidationError):
        READERS[kind](io.BytesIO(b""), format="CSV ")
    with pytest.raises(ValidationError):
        WRITERS[kind]([], tmp_path / f"{kind}.xlsx")
    with pytest.raises(ValidationError):
        WRITERS[kind]([], io.BytesIO())
    with pytest.raises(ValidationError):
        WRITERS[kind]([], io.BytesIO(), format="parquet")


@pytest.mark.parametrize("kind", list(READERS))
@pytest.mark.parametrize("errors", ["ignore", "strict", "RAISE", None, 1])
def test_errors_is_raise_or_collect(kind: str, errors: object) -> None:
    with pytest.raises(ValidationError, match="errors"):
        READERS[kind](io.BytesIO(b""), format="csv", errors=errors)


@pytest.mark.parametrize("max_problems", [-1, 1.5, True, "10"])
def test_max_problems_is_a_count_or_none(max_problems: object) -> None:
    with pytest.raises(ValidationError, match="max_problems"):
        d6io.read_dossiers(io.BytesIO(b""), format="csv", max_problems=max_problems)  # type: ignore[arg-type]


def test_text_mode_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dossiers.csv"
    path.write_text("id\n", encoding="utf-8")
    with path.open(encoding="utf-8") as text, pytest.raises(ValidationError, match="binary"):
        list(d6io.read_dossiers(text, format="csv"))
    with pytest.raises(ValidationError, match="binary"):
        d6io.write_dossiers([], io.StringIO(), format="csv")


def test_a_missing_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        d6io.read_dossiers(tmp_path / "dossiers.csv")


def test_writers_check_record_types() -> None:
    team = _campaigns()[0].teams[0]
    with pytest.raises(ValidationError):
        d6io.write_dossiers([team], io.BytesIO(), format="jsonl")  # type: ignore[list-item]


# -- the wire form ----------------------------------------------------------------------------


def test_the_converter_is_dean06s_own() -> None:
    assert isinstance(wire.converter, cattrs.Converter)
    assert wire.converter is not cattrs.global_converter
    dossier = quang_ngai_2023().dossiers[0]
    record = wire.converter.unstructure(dossier)
    assert record["received"].endswith("+07:00")
    assert record["channel"] in {"ONLINE", "IN_PERSON", "POSTAL"}
    # dean06's hooks are not on the global converter
    assert isinstance(cattrs.global_converter.unstructure(dossier)["received"], dt.datetime)


@pytest.mark.parametrize("kind", list(READERS))
@pytest.mark.parametrize("version", [0, 2, 99, "1", 1.5, None, True])
def test_an_unknown_schema_version_names_the_known_ones(kind: str, version: object) -> None:
    document = json.dumps({"schema_version": version, kind: []}).encode()
    for errors in ("raise", "collect"):
        with pytest.raises(DataError) as raised:
            list(READERS[kind](io.BytesIO(document), format="json", errors=errors))
        (problem,) = raised.value.problems
        assert problem.location == "<stream>, $.schema_version"
        assert "reads version 1" in problem.message


def test_schema_version_1_and_bare_lists_are_read() -> None:
    assert set(wire.SUPPORTED_VERSIONS) == {1}
    documents: list[object] = [{"schema_version": 1, "dossiers": []}, []]
    for document in documents:
        reader = d6io.read_dossiers(io.BytesIO(json.dumps(document).encode()), format="json")
        assert list(reader) == []
    with pytest.raises(DataError, match="no 'dossiers' list"):
        list(d6io.read_dossiers(io.BytesIO(b'{"schema_version": 1, "events": []}'), format="json"))


@pytest.mark.parametrize("kind", ["services", "units", "dossiers", "campaigns", "events", "teams"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
def test_validate_tells_the_kind_of_an_oddly_named_file(
    kind: str, fmt: str, tmp_path: Path
) -> None:
    from dean06.io._folder import kind_of_file  # noqa: PLC0415

    dataset = _small()
    records: Any = dataset.campaigns[0].teams if kind == "teams" else getattr(dataset, kind)
    path = tmp_path / f"export.{fmt}"
    extra = {"teams": tmp_path / "t.csv"} if (kind, fmt) == ("campaigns", "csv") else {}
    WRITERS[kind](records[:3], path, **extra)
    assert kind_of_file(path) == kind
    assert d6io.validate(path) == ()
    named = tmp_path / f"{kind}-2023-06.{fmt}"
    path.rename(named)
    assert kind_of_file(named) == kind


def test_json_locations_use_the_files_own_keys_in_reference_problems(tmp_path: Path) -> None:
    (tmp_path / "services.csv").write_text("code,name,agency\nS1,Dịch vụ,Bộ\n", encoding="utf-8")
    record = {
        "Mã hồ sơ": "HS-1",
        "Mã TTHC": "S9",
        "Mã đơn vị": "U",
        "Kênh thực hiện": "Trực tuyến",
        "Ngày tiếp nhận": "05/06/2023 08:30",
    }
    (tmp_path / "dossiers.jsonl").write_text(
        json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (problem,) = d6io.validate(tmp_path)
    assert problem.location == "dossiers.jsonl, line 1, field 'Mã TTHC'"
    (tmp_path / "dossiers.jsonl").unlink()
    (tmp_path / "dossiers.json").write_text(
        json.dumps({"schema_version": 1, "dossiers": [record]}, ensure_ascii=False),
        encoding="utf-8",
    )
    (problem,) = d6io.validate(tmp_path)
    assert problem.location == "dossiers.json, $.dossiers[0].Mã TTHC"


def test_unit_hierarchy_problems_are_located_in_the_units_file(tmp_path: Path) -> None:
    (tmp_path / "units.csv").write_text(
        "code,name,level,parent\n"
        "1,Tỉnh,PROVINCE,3\n"
        "2,Huyện,DISTRICT,1\n"
        "3,Xã,COMMUNE,2\n"
        "4,Xã khác,COMMUNE,99\n",
        encoding="utf-8",
    )
    found = d6io.validate(tmp_path)
    assert [p.location for p in found] == [
        "units.csv, line 5, column 'parent'",
        "units.csv, line 2, column 'parent'",
    ]
    assert "unknown parent unit '99'" in found[0].message
    assert "cycle" in found[1].message
    problems = d6io.load_dataset(tmp_path).problems()
    assert [p.location for p in problems] == ["units[3].parent", "units[0].parent"]
