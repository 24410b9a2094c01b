"""The ``dean06`` command: reports, formats, scopes, exit statuses and messages.

Most tests call :func:`dean06.cli.main` in-process (with ``capsys``); one
runs the installed ``dean06`` entry point and one ``python -m dean06`` in a
subprocess.  Exit statuses: 0 success, 1 bad data, 2 usage errors; no
traceback ever reaches the user.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.metadata
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import dean06 as d6
import dean06.io as dio
from dean06.cli import main
from dean06.datasets import quang_ngai_2023

ICT = dt.timezone(dt.timedelta(hours=7))
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``dean06 *argv`` in-process: (exit status, stdout, stderr)."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def assert_clean_error(err: str) -> None:
    """One short paragraph on stderr, no traceback."""
    assert err.strip(), "no message on stderr"
    assert "Traceback" not in err
    assert "\n\n" not in err.strip()
    assert err.endswith("\n")


@pytest.fixture(scope="module")
def vi_text() -> str:
    return d6.report.build(quang_ngai_2023()).render("text", lang="vi")


# -- the default report -----------------------------------------------------------------------


def test_report_prints_the_vietnamese_report(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "report")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "BÁO CÁO KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06"
    assert "Đơn vị: Quảng Ngãi" in lines
    assert "Kỳ báo cáo: 6 tháng đầu năm 2023 (01/01/2023 – 30/06/2023)" in lines
    assert "- 23/25 DVC thiết yếu phát sinh hồ sơ trực tuyến." in lines
    assert any(line.startswith("- 16/22 DVC trực tuyến thiết yếu") for line in lines)
    assert "   - Hỗ trợ giải quyết thủ tục hành chính: 2.393 lượt" in lines
    assert "   - 140 đội hình, 1.698 đoàn viên, thanh niên tham gia; 140 lượt hoạt động." in lines
    assert "   - Đơn vị có đội hình: 13/13 (100,0%)." in lines
    assert "- Xu hướng tỷ lệ trực tuyến: tháng sau tăng cao hơn tháng trước." in lines


def test_vietnamese_and_english_number_formats(capsys: pytest.CaptureFixture[str]) -> None:
    _, vi, _ = run(capsys, "report")
    _, en, _ = run(capsys, "report", "--lang", "en")
    assert "2.393" in vi
    assert "2,393" not in vi
    assert "72,7%" in vi  # D06-02, 800/1.100
    assert "  800  1.100   72,7%" in vi
    assert "2,393" in en
    assert "72.7%" in en
    assert "  800  1,100   72.7%" in en
    assert "- 14,412 dossiers received, 10,201 of them online (70.8%)." in en
    assert "- Tiếp nhận 14.412 hồ sơ, trong đó 10.201 hồ sơ trực tuyến (tỷ lệ 70,8%)." in vi


def test_json_numbers_agree_with_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "report", "--lang", "en", "--format", "json")
    assert (status, err) == (0, "")
    document = json.loads(out)
    _, text, _ = run(capsys, "report", "--lang", "en")
    figures = document["figures"]
    assert document["schema_version"] == 1
    assert document["period"] == "2023-H1"
    with_online = figures["essential_services_with_online"]
    above = figures["essential_services_above_50_percent"]
    assert f"- {with_online['numerator']}/{with_online['denominator']} essential services" in text
    assert f"- {above['numerator']}/{above['denominator']} essential online services" in text
    assert f"- {figures['essential_services_fully_online']} services at 100% online" in text
    rate = figures["online_rate"]
    assert (
        f"- {figures['dossiers']:,} dossiers received, {figures['dossiers_online']:,} of them "
        f"online ({rate['percent']:.1f}%)."
    ) in text
    tax = figures["service.D06-21.online_rate"]
    row = rf"^  D06-21 .*\s{tax['numerator']:,}\s+{tax['denominator']:,}\s+{tax['percent']:.1f}%$"
    assert re.search(row, text, flags=re.MULTILINE)
    procedures = figures["campaign.QNG23-NCD.procedure_resolved"]
    assert procedures == 2_393
    assert f"Administrative procedures resolved with help: {procedures:,} person-times" in text
    assert figures["campaign.QNG23-NCD.teams"] == 140
    assert f"{figures['campaign.QNG23-NCD.teams']} teams" in text
    # Names longer than the column are cut in text; the CSV keeps them whole.
    assert "Residence (stay) notification" in text


# -- output formats and --output -------------------------------------------------------------


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, vi_text: str) -> None:
    target = tmp_path / "báo cáo.txt"
    status, out, err = run(capsys, "report", "--output", str(target))
    assert (status, out, err) == (0, "", "")
    assert target.read_bytes() == vi_text.encode("utf-8")
    json_target = tmp_path / "report.json"
    assert main(["report", "-o", str(json_target), "--format", "json"]) == 0
    assert json.loads(json_target.read_text(encoding="utf-8"))["figures"]["dossiers"] == 14_412


def test_csv_format(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "report", "--format", "csv")
    assert status == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["chỉ tiêu", "tên", "giá trị", "tử số", "mẫu số", "tỷ lệ"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["essential_services_with_online"][2:] == ["23/25", "23", "25", "92,0%"]
    # Counts are plain digits: "2.393" would be read as a decimal by most spreadsheets.
    assert by_name["campaign.QNG23-NCD.procedure_resolved"][2] == "2393"
    assert by_name["dossiers"][2] == "14412"
    _, out_en, _ = run(capsys, "report", "--format", "csv", "--lang", "en")
    rows_en = list(csv.reader(io.StringIO(out_en)))
    assert rows_en[0] == ["figure", "label", "value", "numerator", "denominator", "percent"]
    assert [row[0] for row in rows_en[1:]] == [row[0] for row in rows[1:]]


def test_markdown_format(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "report", "--format", "markdown")
    assert status == 0
    assert out.startswith("# BÁO CÁO KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06\n")
    assert "- 23/25 DVC thiết yếu phát sinh hồ sơ trực tuyến." in out
    assert "| D06-02 | Cấp đổi, cấp lại thẻ Căn cước công dân | 800 | 1.100 | 72,7% |" in out


# -- scope: --unit and --period ------------------------------------------------------------


def test_unit(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "report", "--unit", "535", "--lang", "en")
    assert status == 0
    assert "Unit: Ba Tơ (535)" in out.splitlines()
    assert "  D06-06  Residence (stay) notification" in out
    assert " 380    380  100.0%" in out


@pytest.mark.parametrize(
    ("iso", "vietnamese"),
    [
        ("2023-06", "tháng 6/2023"),
        ("2023-Q2", "quý II/2023"),
        ("2023-Q2", "quý 2/2023"),
        ("2023-H1", "6 tháng đầu năm 2023"),
        ("2023", "năm 2023"),
        ("2023-01-01/2023-03-31", "quý I/2023"),
    ],
)
def test_period_in_iso_and_vietnamese_forms(
    capsys: pytest.CaptureFixture[str], iso: str, vietnamese: str
) -> None:
    status_iso, by_iso, _ = run(capsys, "report", "--period", iso)
    status_vi, by_vi, _ = run(capsys, "report", "--period", vietnamese)
    assert status_iso == status_vi == 0
    assert by_iso == by_vi


def test_period_header(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "report", "--period", "2023-06", "--unit", "535")
    assert out.splitlines()[1:3] == [
        "Đơn vị: Ba Tơ (535)",
        "Kỳ báo cáo: tháng 6/2023 (01/06/2023 – 30/06/2023)",
    ]
    _, en, _ = run(capsys, "report", "--period", "quý II/2023", "--lang", "en")
    assert "Period: Q2 2023 (2023-04-01 – 2023-06-30)" in en.splitlines()


def test_the_first_half_is_the_default_scope(
    capsys: pytest.CaptureFixture[str], vi_text: str
) -> None:
    _, out, _ = run(capsys, "report", "--period", "2023-H1")
    assert out == vi_text


@pytest.mark.parametrize(
    "scope", [["--period", "2024-01"], ["--unit", "51@2025-07-01"], ["--period", "2022"]]
)
def test_a_scope_without_data_says_so(
    capsys: pytest.CaptureFixture[str], scope: list[str]
) -> None:
    status, out, err = run(capsys, "report", *scope)
    assert status == 0
    assert "Không có số liệu trong phạm vi báo cáo này." in out
    assert "Không có hồ sơ trong phạm vi báo cáo." in out
    assert err.startswith("dean06: no data for ")
    assert " ".join(scope) in err
    _, out_en, _ = run(capsys, "report", *scope, "--lang", "en", "--format", "markdown")
    assert "> There is no data in the scope of this report." in out_en


# -- usage errors (exit 2) and bad data (exit 1) ----------------------------------------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["report", "--period", "2023-13"], "--period: cannot read '2023-13'"),
        (["report", "--period", "garbage"], "2023-06, 2023-01/2023-03, năm 2023"),
        (["report", "--period", "quý V/2023"], "--period"),
        (["report", "--period", "2023-01-15/2023-03-31"], "not whole months"),
        (["report", "--unit", "999"], "--unit: unknown unit '999'"),
        (["report", "--unit", "079123456789"], "unknown unit '***'"),
        (["report", "--format", "xml"], "invalid choice: 'xml'"),
        (["report", "--lang", "fr"], "invalid choice: 'fr'"),
        (["report", "--bogus"], "unrecognized arguments"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str], said: str) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert said in err
    assert "079123456789" not in err
    assert_clean_error(err)


def test_missing_dataset_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "report", str(tmp_path / "không có"))
    assert (status, out) == (2, "")
    assert err == f"dean06: no such file or folder: {tmp_path / 'không có'}\n"


def test_unwritable_output_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "report", "-o", str(tmp_path / "no" / "such" / "r.txt"))
    assert (status, out) == (2, "")
    assert err.startswith("dean06: --output: cannot write ")
    assert_clean_error(err)


def test_file_of_unknown_kind_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello\n", encoding="utf-8")
    status, _, err = run(capsys, "report", str(notes))
    assert status == 2
    assert "--input-format" in err
    assert_clean_error(err)


def test_bad_data_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "dossiers.csv").write_text(
        "id,service,unit,channel,received\n"
        "A-1,D06-01,51,ONLINE,not a date\n"
        "A-2,D06-01,51,SMOKE SIGNAL,2023-01-02\n",
        encoding="utf-8",
    )
    for target in (folder, folder / "dossiers.csv"):
        status, out, err = run(capsys, "report", str(target))
        assert (status, out) == (1, "")
        assert "dossiers.csv, line 2, column 'received'" in err
        assert "dossiers.csv, line 3, column 'channel'" in err
        assert "Traceback" not in err


def test_data_with_broken_references_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A duplicate dossier would be counted twice: the report refuses it."""
    dossier = _dossier("A-1", "D06-01", "X", d6.Channel.ONLINE)
    event = d6.AssistanceEvent(
        campaign="NO-SUCH", kind=d6.AssistanceKind.OUTREACH, count=3, on=dt.date(2023, 1, 3)
    )
    campaign = d6.Campaign(
        id="C-1",
        name="Chiến dịch",
        organiser="Tỉnh đoàn",
        start=dt.date(2023, 1, 1),
        end=dt.date(2023, 1, 31),
    )
    dataset = d6.Dataset(dossiers=[dossier, dossier], campaigns=[campaign], events=[event])
    dio.save_dataset(dataset, tmp_path / "refs")
    status, out, err = run(capsys, "report", str(tmp_path / "refs"))
    assert (status, out) == (1, "")
    assert "2 broken references" in err
    assert "duplicate id 'A-1'" in err
    assert "'NO-SUCH'" in err
    assert "dean06 validate" in err


def test_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    dataset = d6.Dataset(dossiers=[_dossier("A-1", "D06-01", "X", d6.Channel.ONLINE)])
    dio.save_dataset(dataset, tmp_path / "ok")
    assert run(capsys, "validate", str(tmp_path / "ok"))[:2] == (0, "ok: no problems found\n")
    (tmp_path / "ok" / "dossiers.csv").write_text(
        "id,service,unit,channel,received\nA-1,D06-01,X,ONLINE,2023-13-01\n", encoding="utf-8"
    )
    status, out, _ = run(capsys, "validate", str(tmp_path / "ok"))
    assert status == 1
    assert "dossiers.csv, line 2, column 'received'" in out
    assert run(capsys, "validate", str(tmp_path / "missing"))[0] == 2


# -- version and help -------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--version")
    assert status == 0
    assert out == f"dean06 {d6.__version__}\n"
    assert importlib.metadata.version("dean06") == d6.__version__


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["report", "--help"], ["validate", "-h"]])
def test_help(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, err) == (0, "")
    assert out.startswith("usage: dean06")
    if "report" in argv:
        for option in ("--period", "--unit", "--lang", "--format", "--output", "DATASET"):
            assert option in out


def test_no_command_shows_help(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys)
    assert status == 2
    assert "report" in out
    assert "validate" in out


# -- the command as installed -----------------------------------------------------------------


def _entry_point() -> Path:
    scripts = Path(sys.executable).parent
    for name in ("dean06", "dean06.exe"):
        if (scripts / name).exists():
            return scripts / name
    pytest.skip("the dean06 entry point is not installed next to this Python")


def test_entry_point(vi_text: str) -> None:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    env.pop("PYTHONIOENCODING", None)
    done = subprocess.run(  # noqa: S603 - our own entry point
        [str(_entry_point()), "report"], capture_output=True, env=env, timeout=60, check=False
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.decode("utf-8") == vi_text


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dean06", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"dean06 {importlib.metadata.version('dean06')}\n"


# -- data sets on disk ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("quang-ngai")
    dio.save_dataset(quang_ngai_2023(), folder)
    return folder


def test_report_on_a_saved_folder(
    capsys: pytest.CaptureFixture[str], saved: Path, vi_text: str
) -> None:
    status, out, err = run(capsys, "report", str(saved))
    assert (status, err) == (0, "")
    assert out == vi_text


def test_report_on_one_dossiers_file(capsys: pytest.CaptureFixture[str], saved: Path) -> None:
    status, out, err = run(capsys, "report", str(saved / "dossiers.csv"))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    # Without a units file, the units the data names are taken from the embedded
    # catalogue (with the units above them): names, and the district lines.
    assert "Đơn vị: Quảng Ngãi" in lines
    assert "- 23/25 DVC thiết yếu phát sinh hồ sơ trực tuyến." in lines
    assert "- Tiếp nhận 14.412 hồ sơ, trong đó 10.201 hồ sơ trực tuyến (tỷ lệ 70,8%)." in lines
    assert re.search(r"^  535 +Ba Tơ +797 +1\.043 +76,4%$", out, re.MULTILINE)
    # Without a services file, the essential services come from the catalogue, all with
    # local totals.
    assert any(line.startswith("- 19/25 DVC trực tuyến thiết yếu") for line in lines)
    tally = quang_ngai_2023().dossier_tally
    catalogue = quang_ngai_2023().catalogue
    status, out, _ = run(capsys, "report", str(saved / "dossiers.csv"), "--unit", "535")
    assert status == 0
    assert "Đơn vị: Ba Tơ (535)" in out.splitlines()
    total = tally.total(unit="535", catalogue=catalogue)
    online = tally.online(unit="535", catalogue=catalogue)
    assert (total, online) == (1043, 797)
    assert "- Tiếp nhận 1.043 hồ sơ, trong đó 797 hồ sơ trực tuyến (tỷ lệ 76,4%)." in out


def test_units_the_embedded_catalogue_lacks_are_reported_by_code(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    dossiers = [
        _dossier("A-1", "D06-01", "535", d6.Channel.ONLINE),
        _dossier("A-2", "D06-01", "X-99", d6.Channel.IN_PERSON),
        _dossier("A-3", "D06-01", "X-99", d6.Channel.ONLINE),
    ]
    dio.write_dossiers(dossiers, tmp_path / "dossiers.csv")
    status, out, err = run(capsys, "report", str(tmp_path / "dossiers.csv"), "--lang", "en")
    assert (status, err) == (0, "")
    assert re.search(r"^  535 +Ba Tơ +1 +1 +100\.0%$", out, re.MULTILINE)
    assert re.search(r"^  X-99 +X-99 +1 +2 +50\.0%$", out, re.MULTILINE)
    # Data from elsewhere is not titled with the embedded province.
    dio.write_dossiers(dossiers[1:], tmp_path / "dossiers.csv")
    status, out, _ = run(capsys, "report", str(tmp_path / "dossiers.csv"), "--lang", "en")
    assert status == 0
    assert "Quảng Ngãi" not in out
    assert re.search(r"^  X-99 +X-99 +1 +2 +50\.0%$", out, re.MULTILINE)


def test_report_on_one_events_file(capsys: pytest.CaptureFixture[str], saved: Path) -> None:
    """Events without their campaign records are still reported, by campaign id."""
    status, out, err = run(capsys, "report", str(saved / "events.csv"))
    assert (status, err) == (0, "")
    assert "Không có số liệu trong phạm vi báo cáo này." not in out
    assert "Không có hồ sơ trong phạm vi báo cáo." in out
    assert "QNG23-NCD (26/03/2023; " in out
    assert "   - Hỗ trợ giải quyết thủ tục hành chính: 2.393 lượt" in out
    assert "- Kích hoạt định danh điện tử mức độ 2: 3.580 lượt" in out


# -- CSV output is safe to open in a spreadsheet ----------------------------------------------


def _dossier(number: str, service: str, unit: str, channel: d6.Channel) -> d6.Dossier:
    return d6.Dossier(
        id=number,
        service=service,
        unit=unit,
        channel=channel,
        received=dt.datetime(2023, 4, 3, 9, 30, tzinfo=ICT),
    )


@pytest.fixture
def formula_folder(tmp_path: Path) -> Path:
    """A data set whose every name (and some codes) a spreadsheet would run as a formula."""
    units = [
        d6.AdministrativeUnit(
            code="=P", name='=HYPERLINK("http://x")', level=d6.UnitLevel.PROVINCE
        ),
        d6.AdministrativeUnit(
            code="-D", name="+D huyện", level=d6.UnitLevel.DISTRICT, parent="=P"
        ),
        d6.AdministrativeUnit(code="@X", name="-2+3", level=d6.UnitLevel.COMMUNE, parent="-D"),
    ]
    services = [
        d6.Service(
            code="=S", name="=SUM(A1:A9)", agency="@cmd", essential=True, name_en="+en name"
        ),
        d6.Service(code="+T", name="@SUM(1)", agency="=x", name_en="=cmd|' /C calc'!A0"),
    ]
    dossiers = [
        _dossier(f"D-{i}", service, "@X", channel)
        for i, (service, channel) in enumerate(
            [
                ("=S", d6.Channel.ONLINE),
                ("=S", d6.Channel.IN_PERSON),
                ("+T", d6.Channel.ONLINE),
            ]
        )
    ]
    team = d6.Team(id="=T1", name="=team", organisation="+org", members=5, unit="@X")
    campaign = d6.Campaign(
        id="-C",
        name="=chiến dịch",
        organiser="@Tỉnh đoàn",
        start=dt.date(2023, 4, 1),
        end=dt.date(2023, 4, 30),
        teams=(team,),
    )
    events = [
        d6.AssistanceEvent(
            campaign="-C",
            kind=d6.AssistanceKind.EID_INSTALLED,
            count=7,
            on=dt.date(2023, 4, 2),
            team="=T1",
            unit="@X",
        )
    ]
    dataset = d6.Dataset(services, units, dossiers, [campaign], events)
    assert dataset.problems() == ()
    folder = tmp_path / "formulas"
    dio.save_dataset(dataset, folder)
    return folder


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_csv_output_runs_no_formula(
    capsys: pytest.CaptureFixture[str], formula_folder: Path, lang: str
) -> None:
    status, out, err = run(
        capsys, "report", str(formula_folder), "--format", "csv", "--lang", lang
    )
    assert (status, err) == (0, "")
    rows = list(csv.reader(io.StringIO(out)))
    cells = [cell for row in rows for cell in row]
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []
    # The names are there, neutralised by one leading apostrophe.
    assert "'=SUM(A1:A9)" in cells or "'+en name" in cells
    assert "'+D huyện" in cells
    assert any(cell.startswith("'=chiến dịch") for cell in cells)


def test_other_formats_keep_names_as_they_are(
    capsys: pytest.CaptureFixture[str], formula_folder: Path
) -> None:
    _, out, _ = run(capsys, "report", str(formula_folder))
    assert "1. =chiến dịch (01/04/2023 – 30/04/2023; @Tỉnh đoàn)" in out
    assert "   - Cài đặt định danh điện tử: 7 lượt" in out
    _, table, _ = run(capsys, "report", str(formula_folder), "--format", "csv")
    labels = {row[0]: row[1] for row in csv.reader(io.StringIO(table))}
    # The CSV output neutralises the formula; the name itself is kept.
    assert labels["campaign.-C.teams"] == "'=chiến dịch"


def test_a_portal_payload_counts_each_dossier_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A sync payload sends a dossier again when it changes: the last record wins.
    first = {
        "MaHoSo": "000.00.01.H51-230605-0001",
        "MaTTHC": "2.001159",
        "KenhThucHien": "2",
        "NgayTiepNhan": "20230605083000",
        "TrangThaiHoSo": "2",
        "DonViXuLy": "535",
    }
    later = {**first, "TrangThaiHoSo": "10", "NgayKetThucXuLy": "20230606090000"}
    payload = {"service": "DongBoHoSoMC", "isUpdating": True, "data": [first, later]}
    path = tmp_path / "export.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    assert main(["report", str(path), "--lang", "en", "--format", "json"]) == 0
    figures = json.loads(capsys.readouterr().out)["figures"]
    assert figures["dossiers"] == 1
    assert figures["dossiers_resolved"] == 1


def test_a_portal_payload_reports_units_by_name_or_code(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    records = [
        {
            "MaHoSo": f"000.00.01.H51-230605-{n:04d}",
            "MaTTHC": "2.001159",
            "KenhThucHien": channel,
            "NgayTiepNhan": "20230605083000",
            "TrangThaiHoSo": "2",
            "DonViXuLy": unit,
        }
        for n, (unit, channel) in enumerate([("21484", "2"), ("535", "1"), ("000.00.01.H22", "2")])
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"service": "DongBoHoSoMC", "data": records}), encoding="utf-8")
    status, out, err = run(capsys, "report", str(path), "--period", "2023-06", "--lang", "en")
    assert (status, err) == (0, "")
    # The commune rolls up into its district, by the embedded catalogue; the agency
    # code it does not know is a line of its own.
    assert re.search(r"^  535 +Ba Tơ +1 +2 +50\.0%$", out, re.MULTILINE)
    assert re.search(r"^  000\.00\.01\.H22 +000\.00\.01\.H22 +1 +1 +100\.0%$", out, re.MULTILINE)
