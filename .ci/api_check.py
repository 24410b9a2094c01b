"""Fail CI on an unrecorded breaking change of the public API since the last release.

Runs ``griffe check dean06`` against the latest release tag (``v*``).  A
breaking change passes only when the ``[Unreleased]`` section of
CHANGELOG.md names the changed object (under Changed, Deprecated or
Removed), so every break is deliberate and announced.  Without a release
tag there is nothing to compare with, and the check says so.

Usage: python .ci/api_check.py [--against REF]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# griffe's one-line format: "path/to/file.py:12: dean06.Rate.above(threshold): Parameter ..."
_BREAKAGE = re.compile(r"^(?P<where>[^:]+:\d+): (?P<object>[\w.]+)(?P<rest>.*)$")


def latest_tag() -> str | None:
    """The most recent release tag reachable from HEAD, or None."""
    result = subprocess.run(
        ["git", "describe", "--tags", "--abbrev=0", "--match", "v*"],  # noqa: S607 - git on PATH
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    tag = result.stdout.strip()
    return tag or None


def unreleased_section(changelog: str) -> str:
    """The text of the ``## [Unreleased]`` section of a Keep a Changelog file."""
    match = re.search(
        r"^## \[Unreleased\]\s*$(.*?)(?=^## \[|\Z)", changelog, re.MULTILINE | re.DOTALL
    )
    return match.group(1) if match else ""


def breakages(output: str) -> list[tuple[str, str]]:
    """(object path, line) for each breakage griffe reported."""
    found = []
    for line in output.splitlines():
        match = _BREAKAGE.match(line.strip())
        if match:
            found.append((match["object"], line.strip()))
    return found


def unrecorded(found: list[tuple[str, str]], section: str) -> list[str]:
    """The breakage lines whose object the changelog section does not name."""
    missing = []
    for obj, line in found:
        parts = obj.split(".")
        # A member must be named with its class ("Rate.above"), not alone.
        names = {obj, ".".join(parts[-2:])} if len(parts) > 1 else {obj}
        if not any(re.search(rf"(?<![\w.]){re.escape(n)}\b", section) for n in names):
            missing.append(line)
    return missing


def main(argv: list[str] | None = None) -> int:
    """Run the check; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", help="git reference to compare with (default: latest tag)")
    args = parser.parse_args(argv)
    against = args.against or latest_tag()
    if against is None:
        print("api check: no release tag yet (v*): nothing to compare the public API with")
        return 0
    result = subprocess.run(  # noqa: S603 - our own interpreter, a fixed command
        [
            sys.executable,
            "-m",
            "griffe",
            "check",
            "dean06",
            "--against",
            against,
            "--search",
            "src",
            "--format",
            "oneline",
            "--no-color",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0:
        print(f"api check: no breaking change since {against}")
        return 0
    found = breakages(result.stdout + result.stderr)
    if not found:
        print(result.stdout, result.stderr, sep="\n")
        print(f"api check: griffe failed against {against} without naming a breakage")
        return 1
    section = unreleased_section((ROOT / "CHANGELOG.md").read_text("utf-8"))
    missing = unrecorded(found, section)
    for line in found:
        print("breaking:", line[1])
    if missing:
        print(
            "api check: these breaking changes are not recorded in the [Unreleased] section "
            "of CHANGELOG.md:\n  " + "\n  ".join(missing)
        )
        return 1
    print(f"api check: {len(found)} breaking change(s) since {against}, all in CHANGELOG.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
