"""Typed reading of the demo's TOML data files (``demo/data/``) into frozen
dataclasses. No Django.

The data files are edited by hand (long Vietnamese texts), so a mistake must say where it
is: every error names the file, the record and the key, e.g.
``products.toml, product "gao-st24" (#12), key "certificate.stars": expected an integer,
got '4'``. A record's keys are its dataclass's fields: a missing key without a default, an
unknown key (a typo) or a value of the wrong type is refused. TOML has no null, so an
optional field (``X | None``) without a default is None when its key is left out.

Supported field types: ``str``, ``int``, ``bool``, ``Literal[...]`` of strings, ``X | None``,
``tuple[X, ...]``, fixed ``tuple[X, Y]``, ``datetime.time`` and nested dataclasses.
"""

from __future__ import annotations

import dataclasses
import datetime
import tomllib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_MISSING = object()


class DemoDataError(ValueError):
    """A demo data file cannot be read: the message says which file, record and key."""


@dataclasses.dataclass(frozen=True)
class Where:
    """Position in the data files, for error messages."""

    file: str
    record: str = ""
    key: str = ""

    def at(self, key: str) -> Where:
        return dataclasses.replace(self, key=f"{self.key}.{key}" if self.key else key)

    def item(self, index: int) -> Where:
        return dataclasses.replace(self, key=f"{self.key}[{index}]")

    def fail(self, problem: str) -> DemoDataError:
        parts = [self.file]
        if self.record:
            parts.append(self.record)
        if self.key:
            parts.append(f'key "{self.key}"')
        return DemoDataError(f"{', '.join(parts)}: {problem}")


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed file; a missing file or a TOML syntax error names the file."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as error:
        raise DemoDataError(f"{path.name}: missing demo data file ({path})") from error
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(f"{path.name}: {error}") from error


def records(cls: type[T], document: Mapping[str, Any], name: str, file: str) -> tuple[T, ...]:
    """The ``[[name]]`` array of tables of ``document``, each built as a ``cls``.

    Records are labelled by their ``key`` (or ``title``) in errors, with their 1-based
    position."""
    items = document.get(name, _MISSING)
    if items is _MISSING:
        raise Where(file).fail(f"no [[{name}]] records")
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise Where(file).fail(f"[[{name}]] must be an array of tables")
    return tuple(
        build(cls, item, Where(file, record_label(name, index, item)))
        for index, item in enumerate(items, start=1)
    )


def record_label(name: str, index: int, item: Mapping[str, Any]) -> str:
    label = item.get("key", item.get("title"))
    return f'{name} "{label}" (#{index})' if isinstance(label, str) else f"{name} #{index}"


def build(cls: type[T], data: object, where: Where) -> T:
    """A ``cls`` dataclass from a TOML table, every field checked against its annotation."""
    if not isinstance(data, dict):
        raise where.fail(f"expected a table, got {data!r}")
    hints, fields = _schema(cls)
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise where.at(unknown[0]).fail(f"unknown key (expected one of: {', '.join(fields)})")
    values: dict[str, Any] = {}
    for name, field in fields.items():
        if name in data:
            values[name] = _value(hints[name], data[name], where.at(name))
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            if not _is_optional(hints[name]):
                raise where.at(name).fail("missing required key")
            values[name] = None
    return cls(**values)


Schema = tuple[dict[str, Any], dict[str, "dataclasses.Field[Any]"]]
_SCHEMAS: dict[type, Schema] = {}


def _schema(cls: type) -> Schema:
    """A dataclass's resolved annotations and its fields by name (resolved once per class)."""
    if cls not in _SCHEMAS:
        fields = {field.name: field for field in dataclasses.fields(cls)}
        _SCHEMAS[cls] = (typing.get_type_hints(cls), fields)
    return _SCHEMAS[cls]


def _is_optional(hint: Any) -> bool:
    return _is_union(hint) and type(None) in typing.get_args(hint)


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def _value(hint: Any, value: object, where: Where) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return build(hint, value, where)
    if _is_union(hint):
        choices = [arg for arg in args if arg is not type(None)]
        if len(choices) != 1:
            raise TypeError(f"unsupported union {hint!r}")
        return _value(choices[0], value, where)
    if origin is typing.Literal:
        if value not in args:
            allowed = ", ".join(repr(arg) for arg in args)
            raise where.fail(f"expected one of {allowed}, got {value!r}")
        return value
    if origin is tuple:
        if not isinstance(value, list):
            raise where.fail(f"expected an array, got {value!r}")
        if len(args) == 2 and args[1] is Ellipsis:
            hints = [args[0]] * len(value)
        elif len(value) == len(args):
            hints = list(args)
        else:
            raise where.fail(f"expected an array of {len(args)} items, got {len(value)}")
        return tuple(
            _value(item_hint, item, where.item(index))
            for index, (item_hint, item) in enumerate(zip(hints, value, strict=True))
        )
    return _scalar(hint, value, where)


_SCALARS: dict[Any, tuple[type, str]] = {
    str: (str, "a string"),
    bool: (bool, "true or false"),
    datetime.time: (datetime.time, "a local time such as 20:00:00"),
}


def _scalar(hint: Any, value: object, where: Where) -> Any:
    if hint is int:
        # bool is an int in Python, never in the data.
        if isinstance(value, bool) or not isinstance(value, int):
            raise where.fail(f"expected an integer, got {value!r}")
        return value
    if hint not in _SCALARS:
        raise TypeError(f"unsupported field type {hint!r}")
    kind, expected = _SCALARS[hint]
    if not isinstance(value, kind):
        raise where.fail(f"expected {expected}, got {value!r}")
    return value
