"""JSON documents and JSON Lines records (internal)."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any

from dean06.errors import DataError, Dean06Warning, Problem
from dean06.io._records import SPECS, FieldPath, RecordSpec, quote_names
from dean06.wire import KINDS, SCHEMA_VERSION, check_version

if TYPE_CHECKING:
    from dean06.io._reader import Reader
    from dean06.io._sources import Source

__all__ = ["json_producer", "jsonl_producer", "write_json", "write_jsonl"]

_TOO_LONG = "not valid JSON here: a number with thousands of digits"

# Nested records: field -> the spec of its items.
_NESTED = {"teams": "teams"}


class KeyMap:
    """The keys of one source object as the file names them, by field."""

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}
        self.items: dict[str, list[KeyMap]] = {}

    @property
    def plain(self) -> bool:
        """True when every key is the field's own name (nothing worth remembering)."""
        return all(key == field for field, key in self.keys.items()) and all(
            item.plain for items in self.items.values() for item in items
        )

    def path_text(self, path: FieldPath, *, dotted: bool) -> str:
        """``.received`` / ``.teams[3].members`` with the file's own key names."""
        parts: list[str] = []
        current: KeyMap | None = self
        index = 0
        while index < len(path):
            step = path[index]
            key = current.keys.get(str(step), str(step)) if current is not None else str(step)
            parts.append(f".{key}" if dotted or parts else key)
            nested = current.items.get(str(step)) if current is not None else None
            if index + 1 < len(path) and isinstance(path[index + 1], int):
                position = int(path[index + 1])
                parts.append(f"[{position}]")
                current = nested[position] if nested and position < len(nested) else None
                index += 2
            else:
                current = None
                index += 1
        return "".join(parts)


class Translator:
    """Maps a source object's keys to fields and remembers unknown keys to warn once."""

    def __init__(self, spec: RecordSpec[Any], columns: Mapping[str, str] | None, name: str):
        self.spec = spec
        self.columns = columns
        self.name = name
        self._warned: set[str] = set()

    def translate(self, obj: Mapping[str, Any]) -> tuple[dict[str, Any], KeyMap]:
        """Field values and key names of one object; warns about new unknown keys."""
        values, keymap, unknown = self._translate(self.spec, obj)
        fresh = [key for key in unknown if key not in self._warned]
        if fresh:
            self._warned.update(fresh)
            shown = quote_names(fresh)
            warnings.warn(
                Dean06Warning(f"{self.name}: ignoring unknown keys {shown}"), stacklevel=5
            )
        return values, keymap

    def _translate(
        self, spec: RecordSpec[Any], obj: Mapping[str, Any]
    ) -> tuple[dict[str, Any], KeyMap, list[str]]:
        values: dict[str, Any] = {}
        keymap = KeyMap()
        unknown: list[str] = []
        keys = [key if isinstance(key, str) else "" for key in obj]
        for key, field, value in zip(
            obj, spec.match_all(keys, self.columns), obj.values(), strict=True
        ):
            if field in spec.extra:
                continue
            if field is None or field not in spec.field_names or field in values:
                unknown.append(str(key))
                continue
            keymap.keys[field] = key
            if value is None or (isinstance(value, str) and not value.strip()):
                continue  # null or "" means the field's default, as an empty CSV cell
            nested = _NESTED.get(field)
            if nested is not None and isinstance(value, list):
                items: list[Any] = []
                maps: list[KeyMap] = []
                for item in value:
                    if isinstance(item, Mapping):
                        item_values, item_map, item_unknown = self._translate(SPECS[nested], item)
                        unknown.extend(item_unknown)
                        items.append(item_values)
                        maps.append(item_map)
                    else:
                        items.append(item)
                        maps.append(KeyMap())
                keymap.items[field] = maps
                values[field] = items
            else:
                values[field] = value
        return values, keymap, unknown


def _records_of(document: Any, kind: str, name: str) -> tuple[list[Any], str]:
    if isinstance(document, list):
        return document, "$"
    if not isinstance(document, dict):
        raise DataError(
            [
                Problem(
                    name,
                    f"expected a JSON document {{'schema_version': 1, {kind!r}: [...]}} "
                    "or a list of records",
                )
            ]
        )
    if "schema_version" in document:
        check_version(document["schema_version"], f"{name}, $.schema_version")
    records = document.get(kind)
    if records is None:
        others = [k for k in KINDS if k in document and k != kind]
        detail = (
            f"it holds {', '.join(repr(k) for k in others)}"
            if others
            else f"keys found: {quote_names([str(k) for k in document])}"
        )
        raise DataError([Problem(name, f"no {kind!r} list in this document ({detail})")])
    if not isinstance(records, list):
        raise DataError([Problem(f"{name}, $.{kind}", "expected a list of records")])
    return records, f"$.{kind}"


def json_producer(
    spec: RecordSpec[Any], source: Source, columns: Mapping[str, str] | None
) -> Callable[[Reader[Any]], Iterator[Any]]:
    """A producer of *spec* records from a JSON document (read whole)."""
    name = source.name

    def produce(reader: Reader[Any]) -> Iterator[Any]:
        with source.text() as text:
            try:
                document = json.load(text)
            except json.JSONDecodeError as error:
                raise DataError(
                    [
                        Problem(
                            f"{name}, line {error.lineno}, column {error.colno}",
                            f"not valid JSON ({error.msg})",
                        )
                    ]
                ) from None
            except ValueError:
                # int() refuses numbers of more than 4300 digits (its message
                # is not passed on).
                raise DataError([Problem(name, _TOO_LONG)]) from None
            except RecursionError:
                raise DataError([Problem(name, "the JSON is nested too deeply")]) from None
        records, prefix = _records_of(document, spec.kind, name)
        translator = Translator(spec, columns, name)
        keymaps: dict[int, KeyMap] = {}

        def locate(index: int, path: FieldPath) -> str:
            keymap = keymaps.get(index, KeyMap())
            return f"{name}, {prefix}[{index}]{keymap.path_text(path, dotted=True)}"

        reader.set_locator(locate)
        for index, item in enumerate(records):
            if not isinstance(item, dict):
                reader.fault(f"{name}, {prefix}[{index}]", "expected an object (a record)")
                yield None
                continue
            values, keymap = translator.translate(item)
            record, faults = spec.build(values)
            if faults:
                keymaps[index] = keymap
                for path, message in faults:
                    reader.fault(locate(index, path), message)
                keymaps.pop(index, None)
                yield None
            else:
                if reader.tracking and not keymap.plain:
                    keymaps[index] = keymap  # for later reference checks
                reader.note_position(index)
                yield record

    return produce


def jsonl_producer(
    spec: RecordSpec[Any], source: Source, columns: Mapping[str, str] | None
) -> Callable[[Reader[Any]], Iterator[Any]]:
    """A producer of *spec* records from JSON Lines (streamed, one record a line)."""
    name = source.name

    def locate(line: int, path: FieldPath, keymap: KeyMap | None = None) -> str:
        if not path:
            return f"{name}, line {line}"
        text = (keymap or KeyMap()).path_text(path, dotted=False)
        return f"{name}, line {line}, field {text!r}"

    def produce(reader: Reader[Any]) -> Iterator[Any]:
        # The file's own key names of accepted records, when tracking for
        # later reference checks (only records that rename a key).
        keymaps: dict[int, KeyMap] = {}
        reader.set_locator(lambda line, path: locate(line, path, keymaps.get(line)))
        translator = Translator(spec, columns, name)
        with source.text() as text:
            for number, line in enumerate(text, start=1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as error:
                    reader.fault(f"{name}, line {number}", f"not valid JSON ({error.msg})")
                    yield None
                    continue
                except ValueError:
                    reader.fault(f"{name}, line {number}", _TOO_LONG)
                    yield None
                    continue
                except RecursionError:
                    reader.fault(f"{name}, line {number}", "the JSON is nested too deeply")
                    yield None
                    continue
                if not isinstance(item, dict):
                    reader.fault(f"{name}, line {number}", "expected a JSON object (a record)")
                    yield None
                    continue
                values, keymap = translator.translate(item)
                record, faults = spec.build(values)
                if faults:
                    for path, message in faults:
                        reader.fault(locate(number, path, keymap), message)
                    yield None
                else:
                    if reader.tracking and not keymap.plain:
                        keymaps[number] = keymap
                    reader.note_position(number)
                    yield record

    return produce


def write_jsonl(out: IO[str], records: Iterable[Mapping[str, Any]]) -> int:
    """Write one JSON object a line; returns the count."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def write_json(out: IO[str], kind: str, records: Iterable[Mapping[str, Any]]) -> int:
    """Write ``{"schema_version": 1, kind: [...]}`` record by record; returns the count."""
    out.write(f'{{"schema_version": {SCHEMA_VERSION}, {json.dumps(kind)}: [')
    count = 0
    for record in records:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(record, ensure_ascii=False))
        count += 1
    out.write("\n]}\n" if count else "]}\n")
    return count
