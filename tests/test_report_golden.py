"""Golden files: the text and Markdown reports of the embedded data set, word for word.

The expected renderings live in ``tests/golden/report.<scope>.<lang>.<ext>``:
the whole province (``dean06 report``) and Ba Tơ in the second quarter
(``dean06 report --unit 535 --period 2023-Q2``), in Vietnamese and English,
as text (``.txt``) and Markdown (``.md``).

After an intended change to the wording or layout, regenerate them and
review the diff before committing::

    DEAN06_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report_golden.py
    git diff tests/golden/

A mismatch fails with a unified diff of the expected and actual renderings.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

import dean06 as d6
from dean06.cli import main
from dean06.datasets import quang_ngai_2023
from dean06.report import Report, build

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("DEAN06_UPDATE_GOLDEN", "") not in ("", "0")

#: scope name -> (build arguments, the same scope as command-line arguments)
SCOPES: dict[str, tuple[dict[str, str], list[str]]] = {
    "province": ({}, []),
    "535.2023-Q2": (
        {"unit": "535", "period": "2023-Q2"},
        ["--unit", "535", "--period", "2023-Q2"],
    ),
}
FORMATS = {"txt": "text", "md": "markdown"}
CASES = [(scope, lang, ext) for scope in SCOPES for lang in ("vi", "en") for ext in FORMATS]


def _report(scope: str) -> Report:
    arguments, _ = SCOPES[scope]
    period = arguments.get("period")
    return build(
        quang_ngai_2023(),
        unit=arguments.get("unit"),
        period=None if period is None else d6.Period.parse(period),
    )


def _path(scope: str, lang: str, ext: str) -> Path:
    return GOLDEN / f"report.{scope}.{lang}.{ext}"


def check_golden(path: Path, actual: str) -> None:
    """Compare *actual* with the golden file at *path* (or rewrite it when updating)."""
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(
            f"golden file {path.name} is missing: create it with "
            "DEAN06_UPDATE_GOLDEN=1 pytest tests/test_report_golden.py",
            pytrace=False,
        )
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{path.name}",
                tofile="rendered now",
            )
        )
        pytest.fail(
            f"the report differs from golden/{path.name} "
            f"(if the change is intended, rerun with DEAN06_UPDATE_GOLDEN=1):\n{diff}",
            pytrace=False,
        )


@pytest.mark.parametrize(("scope", "lang", "ext"), CASES)
def test_rendering_matches_golden_file(scope: str, lang: str, ext: str) -> None:
    rendered = _report(scope).render(FORMATS[ext], lang=lang)
    check_golden(_path(scope, lang, ext), rendered)


@pytest.mark.parametrize(("scope", "lang", "ext"), CASES)
def test_command_prints_the_golden_file(
    scope: str, lang: str, ext: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if UPDATE:
        pytest.skip("golden files are being rewritten")
    _, arguments = SCOPES[scope]
    status = main(["report", *arguments, "--lang", lang, "--format", FORMATS[ext]])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    assert out == _path(scope, lang, ext).read_text(encoding="utf-8")


def test_golden_files_are_all_used() -> None:
    expected = {_path(*case).name for case in CASES}
    present = {path.name for path in GOLDEN.glob("report.*")}
    assert present == expected


def test_golden_files_are_plain_utf8_text() -> None:
    for case in CASES:
        data = _path(*case).read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf")
        assert b"\r" not in data
        assert data.endswith(b"\n")
        assert not data.endswith(b"\n\n")
        text = data.decode("utf-8")
        assert all(line == line.rstrip() for line in text.splitlines()), case


def test_golden_files_say_what_the_brief_says() -> None:
    """A reviewer reads these files: they must show the article's figures as it states them."""
    vi = _path("province", "vi", "txt").read_text(encoding="utf-8")
    for phrase in (
        "23/25 DVC thiết yếu phát sinh hồ sơ trực tuyến.",
        "16/22 DVC trực tuyến thiết yếu có tỷ lệ thực hiện trên 50%",
        "4 DVC thực hiện trực tuyến đạt 100%",
        "140 đội hình, 1.698 đoàn viên",
        "Hỗ trợ giải quyết thủ tục hành chính: 2.393 lượt",
        "Cài đặt định danh điện tử: 2.280 lượt",
        "Hướng dẫn thực hiện dịch vụ công trực tuyến: 2.283 lượt",
        "Đơn vị có đội hình: 13/13 (100,0%).",
        "98,0%",
        "96,7%",
        "tháng sau tăng cao hơn tháng trước",
    ):
        assert phrase in vi, phrase
    en = _path("province", "en", "txt").read_text(encoding="utf-8")
    assert "23/25 essential services had online dossiers." in en
    assert "2,393 person-times" in en
    ba_to = _path("535.2023-Q2", "vi", "md").read_text(encoding="utf-8")
    assert "- Đơn vị: Ba Tơ (535)" in ba_to
    assert "- Kỳ báo cáo: quý II/2023 (01/04/2023 – 30/06/2023)" in ba_to
