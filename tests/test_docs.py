"""The documentation runs: every Python example, and the generated tables match the code.

Every fenced ```python block of README.md and of docs/**/*.md is executed,
in order, in one namespace per file (so a page can build on its earlier
blocks), with the working directory set to a temporary copy of docs/ (so
``data/...`` paths work and nothing in the repository is written).  Blocks
may ``assert`` to show results; a failing block fails with its file and
line.  Blocks in other languages (``sh``, ``text``, ``json``) are not run.

docs/formats.md holds tables generated from the code (the Vietnamese headers
of every field, the labels of every enumeration) between
``<!-- BEGIN GENERATED: name -->`` and ``<!-- END GENERATED: name -->``.  A
test regenerates them and compares, so a new header alias or label cannot
go undocumented.  After a deliberate change, rewrite them with::

    DEAN06_UPDATE_DOCS=1 pytest tests/test_docs.py
"""

from __future__ import annotations

import enum
import os
import re
import shutil
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import dean06 as d6
from dean06._text import fold
from dean06.io import _records
from dean06.wire import enum_aliases

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FORMATS = DOCS / "formats.md"

_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)$")


@attrs.frozen
class Block:
    """One fenced Python block: its source and the line of its first code line."""

    path: Path
    line: int
    source: str


def python_blocks(path: Path) -> Iterator[Block]:
    """The ```python blocks of a Markdown file, in order (fences inside fences are text)."""
    lines = path.read_text("utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = _OPEN.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        info = opening["info"].strip().lstrip("{").strip()
        language = re.split(r"[\s}]", info, maxsplit=1)[0].lstrip(".").lower() if info else ""
        start = index + 1
        index = start
        body: list[str] = []
        while index < len(lines):
            closing = lines[index].strip()
            if closing.startswith(fence[0] * len(fence)) and not closing.strip(fence[0]):
                break
            body.append(lines[index].removeprefix(indent))
            index += 1
        index += 1
        if language in ("python", "py", "python3"):
            yield Block(path, start + 1, "\n".join(body) + "\n")


def documented_files() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.fixture
def docs_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch copy of docs/, made the working directory."""
    copy = tmp_path / "docs"
    shutil.copytree(DOCS, copy, ignore=shutil.ignore_patterns("__pycache__", "_griffe"))
    monkeypatch.chdir(copy)
    return copy


@pytest.mark.parametrize(
    "path",
    [path for path in documented_files() if any(True for _ in python_blocks(path))],
    ids=_relative,
)
def test_python_examples_run(path: Path, docs_copy: Path) -> None:
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for block in python_blocks(path):
        # Pad with blank lines so tracebacks give the line in the Markdown file.
        code = compile("\n" * (block.line - 1) + block.source, str(block.path), "exec")
        failure = None
        try:
            exec(code, namespace)  # noqa: S102 - running the documentation is the point
        except Exception as error:  # noqa: BLE001 - any failure is reported with its place
            frames = traceback.extract_tb(error.__traceback__)
            lines = [f.lineno for f in frames if f.filename == str(block.path) and f.lineno]
            failure = (
                f"{_relative(path)}:{lines[-1] if lines else block.line}: the example "
                f"starting at line {block.line} failed:\n" + traceback.format_exc(limit=-6)
            )
        if failure is not None:
            pytest.fail(failure, pytrace=False)


def test_the_block_finder_sees_every_python_block(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "text\n```python\na = 1\n```\n\n```sh\necho no\n```\n"
        "- item\n\n    ```python\n    b = a + 1\n    ```\n"
        "````markdown\n```python\nnot = run\n```\n````\n"
        '``` { .python title="x" }\nc = 3\n```\n',
        "utf-8",
    )
    blocks = list(python_blocks(page))
    assert [(b.line, b.source) for b in blocks] == [
        (3, "a = 1\n"),
        (12, "b = a + 1\n"),
        (20, "c = 3\n"),
    ]


# -- the tables of formats.md, generated from the code -----------------------------------------

_RECORDS: tuple[tuple[str, type, str], ...] = (
    ("dossiers", d6.Dossier, "Dossiers"),
    ("services", d6.Service, "Services"),
    ("units", d6.AdministrativeUnit, "Administrative units"),
    ("campaigns", d6.Campaign, "Campaigns"),
    ("teams", d6.Team, "Teams"),
    ("events", d6.AssistanceEvent, "Assistance events"),
)
_ENUMS: tuple[type[enum.Enum], ...] = (
    d6.Channel,
    d6.DossierStatus,
    d6.OnlineMode,
    d6.IdentityLevel,
    d6.UnitLevel,
    d6.AssistanceKind,
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _default(field: attrs.Attribute[Any]) -> str:
    if field.default is attrs.NOTHING:
        return "required"
    default = field.default
    if isinstance(default, enum.Enum):
        return f"`{default.name}`"
    if default is None:
        return "empty"
    if default == ():
        return "none"
    return f"`{str(default).lower() if isinstance(default, bool) else default}`"


def headers_table() -> str:
    """The fields of every record type, with the headers readers recognise for them."""
    aliases = _records._ALIASES
    extra = _records._EXTRA_COLUMNS
    out: list[str] = []
    for kind, cls, title in _RECORDS:
        out += [
            f"### {title} (`{kind}`)",
            "",
            "| field (CSV column, JSON key) | when empty | also recognised as |",
            "|---|---|---|",
        ]
        for field in (f for f in attrs.fields(cls) if f.init):
            if kind == "campaigns" and field.name == "teams":
                note = "in JSON only: the list of teams; CSV keeps them in `teams.csv`"
                headers = ", ".join(_cell(h) for h in aliases[cls].get(field.name, ()))
                out.append(f"| `teams` | {note} | {headers or '–'} |")
                continue
            headers = ", ".join(_cell(h) for h in aliases[cls].get(field.name, ()))
            out.append(f"| `{field.name}` | {_default(field)} | {headers or '–'} |")
        for name, names in extra.get(cls, {}).items():
            headers = ", ".join(_cell(h) for h in names)
            out.append(f"| `{name}` | in `teams.csv`: the id of the team's campaign | {headers} |")
        out.append("")
    return "\n".join(out).rstrip("\n")


def labels_table() -> str:
    """Every member of the enumerations that appear in files, with its labels and aliases."""
    out: list[str] = []
    for cls in _ENUMS:
        out += [
            f"### `{cls.__name__}`",
            "",
            "| value (as written) | Vietnamese label | English label | also accepted |",
            "|---|---|---|---|",
        ]
        aliases = enum_aliases(cls)
        for member in cls:
            label: Any = member
            known = {
                fold(member.name),
                fold(member.name.replace("_", " ")),
                fold(label.label("vi")),
                fold(label.label("en")),
            }
            others = [k for k, v in aliases.items() if v is member and k not in known]
            shown = ", ".join(f"`{_cell(k)}`" for k in others) or "–"
            out.append(
                f"| `{member.name}` | {_cell(label.label('vi'))} | "
                f"{_cell(label.label('en'))} | {shown} |"
            )
        out.append("")
    return "\n".join(out).rstrip("\n")


GENERATED = {"headers": headers_table, "labels": labels_table}


def _section(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"(<!-- BEGIN GENERATED: {name} [^\n]*-->\n)(.*?)(<!-- END GENERATED: {name} -->)",
        re.DOTALL,
    )


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_formats_tables_match_the_code(name: str) -> None:
    page = FORMATS.read_text("utf-8")
    match = _section(name).search(page)
    assert match is not None, f"docs/formats.md has no GENERATED: {name} section"
    expected = GENERATED[name]() + "\n"
    if os.environ.get("DEAN06_UPDATE_DOCS") and match[2] != expected:
        page = page[: match.start(2)] + expected + page[match.end(2) :]
        FORMATS.write_text(page, "utf-8")
        match = _section(name).search(page)
        assert match is not None
    assert match[2] == expected, (
        f"docs/formats.md, the {name} table, does not match the code. If the change is "
        "deliberate, rewrite the table with: DEAN06_UPDATE_DOCS=1 pytest tests/test_docs.py"
    )


def test_every_header_alias_is_in_the_formats_page() -> None:
    # Independent of the table layout: each header the readers know appears in the page.
    page = FORMATS.read_text("utf-8")
    aliases = _records._ALIASES
    for cls, fields in aliases.items():
        for field, headers in fields.items():
            for header in headers:
                assert _cell(header) in page, f"{cls.__name__}.{field}: {header!r} undocumented"


def test_every_page_in_the_navigation_exists() -> None:
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    nav = config.split("\nnav:", 1)[1].split("\n\n", 1)[0]
    pages = re.findall(r"^\s*-\s*(?:[^\n]*?:\s*)?([\w./-]+\.md)\s*$", nav, re.MULTILINE)
    assert "index.md" in pages
    missing = [page for page in pages if not (DOCS / page).is_file()]
    assert not missing, f"mkdocs.yml names pages that do not exist: {missing}"
