"""The results as plain data and back: what ``to_dict`` and ``from_dict`` do.

Writing is field by field: a block's dict starts with its ``type`` (its
``kind``), tuples become lists, dates ISO-8601 text, nested results their own
dicts. Reading is led by the classes' type hints, so every value is checked
against the type its field declares, and a value that does not fit is a
:class:`~sinaparse.DataError` naming its key path
(``blocks[3].rows[0][1].colspan: expected int, got str``), never a
``KeyError`` or a result holding the wrong type.

This module knows the result classes only through what it is given (the
classes call it from their methods), so it imports none of them.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs

from ..errors import DataError
from .invariants import VALUE_RULES, date_problem, text_problem
from .json_data import FrozenMapping, json_data_problem

_T = TypeVar("_T")

MAY_BE_MISSING = {
    "Article": frozenset({"url", "keywords", "channel"}),
    "Body": frozenset({"credits"}),
    "Stock": frozenset({"linked"}),
}
"""The keys added after 0.1, by the class that has them (and its subclasses):
data written by 0.1 lacks them, and reads with their fields' defaults. Every
other key ``to_dict`` writes is required."""


def to_data(instance: object) -> dict[str, Any]:
    """An attrs result as a dict of its fields; a block's starts with its ``type``."""
    kind = getattr(type(instance), "kind", None)
    data: dict[str, Any] = {"type": kind} if isinstance(kind, str) else {}
    for field in attrs.fields(type(instance)):  # type: ignore[arg-type]  # an attrs result
        data[field.name] = _plain(getattr(instance, field.name))
    return data


def _plain(value: object) -> Any:
    if isinstance(value, FrozenMapping):
        return value.to_dict()
    if isinstance(value, tuple):  # tuples of values, and ParseWarning
        return [_plain(item) for item in value]
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if attrs.has(type(value)):
        return value.to_dict()  # type: ignore[attr-defined]  # every result has one
    return value


def body_data(body: Any) -> dict[str, Any]:
    """A Body's dict: its metadata lines' fields, its text, then its parts."""
    return {
        "original_title": body.original_title,
        "source": body.source,
        "editor": body.editor,
        "credits": [credit.to_dict() for credit in body.credits],
        "paragraphs": list(body.paragraphs),
        "text": body.text,
        "images": [image.to_dict() for image in body.images],
        "stocks": [stock.to_dict() for stock in body.stocks],
        "blocks": [block.to_dict() for block in body.blocks],
        "warnings": [list(warning) for warning in body.warnings],
    }


def article_data(article: Any) -> dict[str, Any]:
    """An Article's dict: the front matter's fields, then the body's, flat."""
    return {
        "title": article.title,
        "date": article.date.isoformat(),
        "url": article.url,
        "categories": list(article.categories),
        "keywords": list(article.keywords),
        "channel": article.channel,
        "author": article.author,
        "comments": article.comments,
        "head_image": article.head_image.to_dict() if article.head_image else None,
        "thumbnail": article.thumbnail.to_dict() if article.thumbnail else None,
        "extra": FrozenMapping(article.extra).to_dict(),
        **body_data(article),
    }


def from_data(cls: type[_T], data: object, where: str = "") -> _T:
    """The ``cls`` that ``data`` describes, every value checked against its field's type.

    Keys that are no field of ``cls`` (a block's ``type``, a Body's ``text``)
    are not read.

    Raises:
        DataError: ``data`` is not a mapping, lacks a required key, or holds a
            value of the wrong type.
    """
    if not isinstance(data, Mapping):
        raise DataError(f"expected a mapping, got {_type_name(data)}", key=where)
    result_type: Any = cls  # an attrs class, which the type variable cannot say
    hints = _hints(result_type)
    optional = _may_be_missing(result_type)
    values: dict[str, Any] = {}
    for field in attrs.fields(result_type):
        if not field.init:
            continue
        key = field.name
        at = f"{where}.{key}" if where else key
        if key in data:
            values[key] = _read(hints[key], data[key], at)
            _check_value(result_type, key, values[key], at)
        elif key not in optional:
            raise DataError("missing", key=at)
    try:
        return cls(**values)
    except (TypeError, ValueError) as exc:  # a converter's or validator's refusal
        raise DataError(str(exc), key=where) from exc


def _check_value(cls: type, key: str, value: object, at: str) -> None:
    """A DataError when a value of the right type is one the parser never gives."""
    for base in cls.__mro__:
        rule = VALUE_RULES.get((base.__name__, key))
        problem = rule(value) if rule is not None else None
        if problem is not None:
            raise DataError(problem, key=at)


def _may_be_missing(cls: type) -> frozenset[str]:
    return frozenset().union(*(MAY_BE_MISSING.get(base.__name__, ()) for base in cls.__mro__))


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    # The classes' annotations are text (``from __future__ import annotations``):
    # resolved in their own module, once per class.
    return typing.get_type_hints(cls)


def _read(hint: Any, value: object, at: str) -> Any:
    """``value`` as the type ``hint`` names, or a DataError."""
    origin = typing.get_origin(hint)
    if origin is types.UnionType or origin is typing.Union:
        return _read_union(typing.get_args(hint), value, at)
    if origin is tuple:
        return _read_tuple(typing.get_args(hint), value, at)
    if origin is Mapping:
        return _read_mapping(value, at)
    if hint is dt.datetime:
        return _read_datetime(value, at)
    if isinstance(hint, type) and attrs.has(hint):
        return from_data(hint, value, at)
    if isinstance(hint, type) and issubclass(hint, tuple):  # a named tuple: ParseWarning
        return _read_named_tuple(hint, value, at)
    if hint is Any or hint is object:
        return value
    if not _is_instance(value, hint):
        raise DataError(f"expected {_hint_name(hint)}, got {_type_name(value)}", key=at)
    return _read_text(value, at) if isinstance(value, str) else value


def _read_text(value: str, at: str) -> str:
    """``value`` as a plain str (not a subclass of it), if it is a result's text."""
    problem = text_problem(value)
    if problem is not None:
        raise DataError(problem, key=at)
    return str.__str__(value)


def _is_instance(value: object, hint: type) -> bool:
    # bool is an int to Python, never to the data: a count or a span of True is wrong.
    if hint is int or hint is float:
        return isinstance(value, int if hint is int else (int, float)) and not isinstance(
            value, bool
        )
    return isinstance(value, hint)


def _read_union(members: tuple[Any, ...], value: object, at: str) -> Any:
    if value is None and type(None) in members:
        return None
    options = [member for member in members if member is not type(None)]
    kinds = {getattr(member, "kind", None): member for member in options}
    if len(options) > 1 and all(isinstance(kind, str) for kind in kinds):
        return _read_block(kinds, value, at)
    if len(options) == 1 and not _is_simple(options[0]):
        return _read(options[0], value, at)
    for member in options:  # simple types: the first that fits
        if isinstance(member, type) and _is_instance(value, member):
            return _read_text(value, at) if isinstance(value, str) else value
    names = " or ".join(_hint_name(member) for member in members)
    raise DataError(f"expected {names}, got {_type_name(value)}", key=at)


def _is_simple(hint: Any) -> bool:
    """Whether ``hint`` is a plain type (``str``, ``int``, ``bool``): checked by isinstance."""
    return isinstance(hint, type) and not attrs.has(hint) and typing.get_origin(hint) is None


def _read_block(kinds: Mapping[Any, Any], value: object, at: str) -> Any:
    """One of several result types, told apart by the dict's ``type``."""
    if not isinstance(value, Mapping):
        raise DataError(f"expected a mapping, got {_type_name(value)}", key=at)
    if "type" not in value:
        raise DataError("missing", key=f"{at}.type")
    kind = value["type"]
    if not isinstance(kind, str) or kind not in kinds:
        known = ", ".join(sorted(kinds))
        shown = repr(kind)[:80] if isinstance(kind, str) else f"of type {_type_name(kind)}"
        raise DataError(f"unknown block type {shown} (known: {known})", key=f"{at}.type")
    return from_data(kinds[kind], value, at)


def _read_tuple(arguments: tuple[Any, ...], value: object, at: str) -> tuple[Any, ...]:
    if not isinstance(value, (list, tuple)):
        raise DataError(f"expected a list, got {_type_name(value)}", key=at)
    item = arguments[0]  # every tuple of the results is tuple[X, ...]
    return tuple(_read(item, member, f"{at}[{n}]") for n, member in enumerate(value))


def _read_mapping(value: object, at: str) -> FrozenMapping:
    if not isinstance(value, Mapping):
        raise DataError(f"expected a mapping, got {_type_name(value)}", key=at)
    problem = json_data_problem(value, at)
    if problem is not None:
        raise DataError(problem[1], key=problem[0])
    try:
        return FrozenMapping(value)
    except (TypeError, ValueError) as exc:  # not JSON data: FrozenMapping says where
        raise DataError(str(exc), key=at) from exc


def _read_datetime(value: object, at: str) -> dt.datetime:
    if not isinstance(value, str):
        raise DataError(f"expected an ISO-8601 date (str), got {_type_name(value)}", key=at)
    try:
        date = dt.datetime.fromisoformat(value)
    except ValueError:
        raise DataError(f"not an ISO-8601 date: {value[:80]!r}", key=at) from None
    if date.utcoffset() is None:  # a result's dates are always aware
        raise DataError(f"a date without a UTC offset: {value[:80]!r}", key=at)
    problem = date_problem(date)
    if problem is not None:
        raise DataError(problem, key=at)
    return date


def _read_named_tuple(cls: type[tuple[Any, ...]], value: object, at: str) -> tuple[Any, ...]:
    hints = _hints(cls)
    if not isinstance(value, (list, tuple)) or len(value) != len(hints):
        raise DataError(f"expected a list of {len(hints)}, got {_type_name(value)}", key=at)
    pairs = enumerate(zip(hints.values(), value, strict=True))  # lengths checked above
    items = [_read(hint, item, f"{at}[{n}]") for n, (hint, item) in pairs]
    return cls(*items)


def _hint_name(hint: Any) -> str:
    if hint is type(None):
        return "None"
    return getattr(hint, "__name__", str(hint))


def _type_name(value: object) -> str:
    if value is None:
        return "None"
    return type(value).__name__
