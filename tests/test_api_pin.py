"""The public API is pinned: a renamed name or a changed signature fails here.

dean06 is imported by other tools and pinned from an internal index, so a
change to its public surface must be deliberate.  This test compares the
public names (``__all__`` of each public module), the signatures of every
public callable, the public methods and properties of every public class,
and the fields of every attrs class, with ``tests/api_snapshot.json``.

When a change is deliberate: record it in CHANGELOG.md (a removal or a
change of meaning needs a deprecation first, see docs/stability.md), then
refresh the snapshot::

    DEAN06_UPDATE_API=1 pytest tests/test_api_pin.py
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
from pathlib import Path
from typing import Any

import attrs

import dean06

SNAPSHOT = Path(__file__).with_name("api_snapshot.json")
MODULES = (
    "dean06",
    "dean06.io",
    "dean06.wire",
    "dean06.report",
    "dean06.datasets",
    "dean06.strategies",
    "dean06.frames",
)


def _signature(obj: Any) -> str:
    try:
        return str(inspect.signature(obj))
    except (TypeError, ValueError):
        return "<no signature>"


def _describe_class(cls: type) -> dict[str, Any]:
    members: dict[str, str] = {}
    # Members defined by the class or by dean06 classes it inherits from
    # (a private base class is still part of the public surface).
    own: dict[str, object] = {}
    for klass in reversed(cls.__mro__):
        if klass.__module__.startswith("dean06"):
            own.update(vars(klass))
    for name, value in sorted(own.items()):
        if name.startswith("_") and name not in ("__init__", "__add__", "__contains__"):
            continue
        if isinstance(value, property):
            members[name] = "property"
        elif isinstance(value, classmethod | staticmethod):
            members[name] = f"{type(value).__name__}{_signature(getattr(cls, name))}"
        elif callable(value):
            members[name] = f"method{_signature(value)}"
        elif name.isupper():
            members[name] = "constant"
    if issubclass(cls, Exception):
        members["__init__"] = f"method{_signature(cls.__init__)}"
    described: dict[str, Any] = {"kind": "class", "members": members}
    if attrs.has(cls):
        described["fields"] = [
            f"{f.name}{'' if f.default is attrs.NOTHING else '='}"
            for f in attrs.fields(cls)
            if f.init
        ]
        described["signature"] = _signature(cls)
    if hasattr(cls, "__members__"):
        described["enum"] = list(cls.__members__)
    return described


def current_api() -> dict[str, Any]:
    api: dict[str, Any] = {}
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        names = sorted(getattr(module, "__all__", ()))
        entries: dict[str, Any] = {}
        for name in names:
            obj = getattr(module, name)
            if inspect.isclass(obj):
                entries[name] = _describe_class(obj)
            elif callable(obj):
                entries[name] = {"kind": "function", "signature": _signature(obj)}
            else:
                entries[name] = {"kind": "constant", "type": type(obj).__name__}
        api[module_name] = {"__all__": names, "names": entries}
    return api


def _diff(old: Any, new: Any, path: str = "") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        lines: list[str] = []
        for key in sorted(set(old) | set(new)):
            where = f"{path}.{key}" if path else key
            if key not in new:
                lines.append(f"removed: {where}")
            elif key not in old:
                lines.append(f"added: {where}")
            else:
                lines.extend(_diff(old[key], new[key], where))
        return lines
    if old != new:
        return [f"changed: {path}\n    was: {old}\n    now: {new}"]
    return []


def test_public_api_matches_the_snapshot() -> None:
    api = current_api()
    if os.environ.get("DEAN06_UPDATE_API"):
        SNAPSHOT.write_text(json.dumps(api, indent=1, ensure_ascii=False) + "\n", "utf-8")
    pinned = json.loads(SNAPSHOT.read_text("utf-8"))
    changes = _diff(pinned, json.loads(json.dumps(api)))
    assert not changes, (
        "The public API changed:\n  "
        + "\n  ".join(changes)
        + "\nIf this is deliberate, record it in CHANGELOG.md and run "
        "DEAN06_UPDATE_API=1 pytest tests/test_api_pin.py"
    )


def test_all_lists_exactly_the_public_names() -> None:
    public = {
        name
        for name in dir(dean06)  # includes the names loaded on first use
        if not name.startswith("_") and not inspect.ismodule(getattr(dean06, name))
    }
    public.discard("annotations")
    assert set(dean06.__all__) - {"__version__"} == public


def test_every_name_in_all_exists() -> None:
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            assert hasattr(module, name), f"{module_name}.__all__ lists missing {name}"


def test_the_api_diff_names_what_changed() -> None:
    old = {"dean06": {"names": {"Rate": {"signature": "(numerator, denominator)"}}}}
    new = {"dean06": {"names": {"Rate": {"signature": "(numerator)"}, "Extra": {}}}}
    lines = _diff(old, new)
    assert "added: dean06.names.Extra" in lines
    assert any("changed: dean06.names.Rate.signature" in line for line in lines)
    assert _diff(new, old)[0] == "removed: dean06.names.Extra"
