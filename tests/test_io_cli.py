"""``dean06 validate`` on the broken-file corpus and on the embedded data set."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import dean06
from dean06.cli import main

BROKEN = Path(__file__).parent / "data" / "broken"
EMBEDDED = Path(dean06.__file__).parent / "datasets" / "quang_ngai_2023"

#: Every file and folder of the corpus, and the locations validate must list
#: (an empty tuple: the file is fine, exit status 0).
EXPECTED: dict[str, tuple[str, ...]] = {
    "campaign-with-faulty-team": ("teams.csv, line 3, column 'members'",),
    "dossiers-bad-date.csv": (
        "dossiers-bad-date.csv, line 4, column 'received'",
        "dossiers-bad-date.csv, line 5, column 'due'",
    ),
    "dossiers-bad-date.json": ("dossiers-bad-date.json, $.dossiers[3].received",),
    "dossiers-bad-date.jsonl": ("dossiers-bad-date.jsonl, line 5, field 'received'",),
    "dossiers-day-first-dates.csv": (),
    "dossiers-decomposed-nfd.csv": (),
    "dossiers-empty.csv": ("dossiers-empty.csv",),
    "dossiers-extra-columns.csv": (),
    "dossiers-headers-without-diacritics.csv": (),
    "dossiers-missing-column-received.csv": ("dossiers-missing-column-received.csv, line 1",),
    "dossiers-naive-and-offset-times.csv": (),
    "dossiers-no-header.csv": ("dossiers-no-header.csv, line 1",),
    "dossiers-not-json.json": ("dossiers-not-json.json, line 3, column 1",),
    "dossiers-own-headers.csv": ("dossiers-own-headers.csv, line 1",) * 5,
    "dossiers-personal-identifiers.csv": (
        "dossiers-personal-identifiers.csv, line 2, column 'received'",
        "dossiers-personal-identifiers.csv, line 3, column 'received'",
        "dossiers-personal-identifiers.csv, line 4, column 'channel'",
    ),
    "dossiers-resolved-before-received.csv": (
        "dossiers-resolved-before-received.csv, line 3, column 'resolved'",
        "dossiers-resolved-before-received.csv, line 4, column 'due'",
    ),
    "dossiers-truncated.csv.gz": ("dossiers-truncated.csv.gz",),
    "dossiers-unknown-schema-version.json": (
        "dossiers-unknown-schema-version.json, $.schema_version",
    ),
    "dossiers-utf-16-bom.csv": (),
    "dossiers-utf-16-without-bom.csv": ("dossiers-utf-16-without-bom.csv",),
    "dossiers-utf-8-bom.csv": (),
    "dossiers-vietnamese-headers-bad-values.csv": (
        "dossiers-vietnamese-headers-bad-values.csv, line 6, column 'Ngày tiếp nhận'",
        "dossiers-vietnamese-headers-bad-values.csv, line 7, column 'Kênh thực hiện'",
        "dossiers-vietnamese-headers-bad-values.csv, line 7, column 'Trạng thái'",
    ),
    "dossiers-vietnamese-headers.csv": (),
    "dossiers-windows-1258.csv": ("dossiers-windows-1258.csv",),
    "duplicate-ids": (
        "services.csv, line 4, column 'code'",
        "units.csv, line 6, column 'code'",
        "dossiers.csv, line 4, column 'id'",
        "campaigns.csv, line 4, column 'id'",
        "teams.csv, line 4, column 'id'",
    ),
    "events-negative-count.csv": ("events-negative-count.csv, line 3, column 'count'",),
    "events-personal-identifiers.csv": (
        "events-personal-identifiers.csv, line 2, column 'count'",
        "events-personal-identifiers.csv, line 3, column 'count'",
        "events-personal-identifiers.csv, line 3, column 'on'",
        "events-personal-identifiers.csv, line 4, column 'kind'",
    ),
    "services-booleans.csv": ("services-booleans.csv, line 8, column 'essential'",),
    "teams-multiline-name-bad-members.csv": (
        "teams-multiline-name-bad-members.csv, line 4, column 'members'",
        "teams-multiline-name-bad-members.csv, line 7, column 'members'",
    ),
    "two-files-for-dossiers": ("two-files-for-dossiers",),
    "units-latin-1.csv": ("units-latin-1.csv",),
    "unknown-references": (
        "teams.csv, line 4, column 'campaign'",
        "dossiers.csv, line 3, column 'service'",
        "dossiers.csv, line 4, column 'unit'",
        "events.csv, line 3, column 'campaign'",
        "events.csv, line 4, column 'team'",
    ),
}


def test_the_table_covers_the_whole_corpus() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(EXPECTED)


def _locations(output: str) -> list[str]:
    """The location of each problem line (``location: message``), in order."""
    found = []
    for line in output.splitlines():
        if line.endswith(" found") or ": no problems found" in line:
            continue
        location, sep, _ = line.partition(": ")
        assert sep, line
        found.append(location)
    return found


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_each_file_and_folder(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["validate", str(BROKEN / name)])
    out, err = capsys.readouterr()
    expected = EXPECTED[name]
    assert "Traceback" not in out + err
    if not expected:
        assert status == 0, out + err
        assert out == f"{name}: no problems found\n"
        return
    assert status == 1, out + err
    assert _locations(out) == list(expected)
    count = len(expected)
    assert out.endswith(f"{count} problem{'s' if count != 1 else ''} found\n")


def test_unknown_columns_are_said_once_without_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(BROKEN / "dossiers-extra-columns.csv")]) == 0
    _, err = capsys.readouterr()
    assert err.count("ignoring unknown columns 'ghi_chu', 'Họ tên người nộp'") == 1
    assert "warnings.warn" not in err


def test_validate_the_embedded_data_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EMBEDDED)]) == 0
    out, _ = capsys.readouterr()
    assert out == "quang_ngai_2023: no problems found\n"


def test_validate_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path / "nothing-here")]) == 2
    assert main(["validate"]) == 2
    assert main(["validate", str(EMBEDDED), "--max-problems", "-1"]) == 2
    capsys.readouterr()


def test_max_problems_bounds_the_listing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = "".join(f"C1,OUTREACH,-{i + 1},2023-03-26\n" for i in range(30))
    path = tmp_path / "events.csv"
    path.write_text("campaign,kind,count,on\n" + rows, encoding="utf-8")
    assert main(["validate", str(path), "--max-problems", "3"]) == 1
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert [line.partition(": ")[0] for line in lines[:3]] == [
        f"events.csv, line {n}, column 'count'" for n in (2, 3, 4)
    ]
    assert lines[3:] == ["… and 27 more (--max-problems 3 per file)", "30 problems found"]
    # none listed is not none found
    assert main(["validate", str(path), "--max-problems", "0"]) == 1
    out, _ = capsys.readouterr()
    assert out.splitlines() == ["… and 30 more (--max-problems 0 per file)", "30 problems found"]


def test_python_m_dean06_validate() -> None:
    # the embedded data set is checked in-process above
    broken = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-m", "dean06", "validate", str(BROKEN / "unknown-references")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    assert broken.returncode == 1, broken.stderr
    assert _locations(broken.stdout) == list(EXPECTED["unknown-references"])
    assert "Traceback" not in broken.stderr
