"""What ``Article.extra`` holds: JSON data, frozen.

Every value is copied when the mapping is made and every read gives fresh
lists and dicts, so an Article never changes; every value can be written as
JSON, whatever the process's settings.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator, Mapping

MAX_INT_DIGITS = 640
"""The most decimal digits an integer in ``extra`` may have.

640 is the smallest limit Python can be set to for turning an integer into
text (``sys.set_int_max_str_digits``), so writing such an integer never fails,
whatever the process's setting. The front matter keeps a larger integer as the
text it was written with.
"""
_INT_BOUND = 10**MAX_INT_DIGITS


class FrozenMapping(Mapping[str, object]):
    """A read-only mapping of JSON data: the front-matter keys sinaparse has no field for.

    The data is copied when the mapping is made, and every read gives a fresh
    copy of a list or mapping value: changing what a read returned never
    changes the mapping, nor the Article holding it.

    Values may be text, numbers, booleans, None, lists (or tuples) and
    mappings with text keys, of any of these; and bytes and sets, which JSON
    writers give their nearest form. An integer has at most
    :data:`MAX_INT_DIGITS` digits.

    Raises:
        TypeError: a key is not text, or a value is none of these.
        ValueError: an integer has more than :data:`MAX_INT_DIGITS` digits.
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, object] | None = None) -> None:
        if isinstance(data, FrozenMapping):
            self._data: dict[str, object] = data._data
            return
        self._data = _frozen_mapping_data(data or {}, {}, "extra")

    def __getitem__(self, key: str) -> object:
        value = self._data[key]
        return _thawed(value, {}) if isinstance(value, _CONTAINERS) else value

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMapping):
            return self._data == other._data
        return Mapping.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]  # equal to dicts, which have no hash

    def to_dict(self) -> dict[str, object]:
        """A fresh ``dict`` of fresh lists and dicts: plain JSON data."""
        memo: dict[int, object] = {}
        return {key: _thawed(value, memo) for key, value in self._data.items()}

    def __repr__(self) -> str:
        return f"FrozenMapping({self.to_dict()!r})"

    def __getstate__(self) -> dict[str, object]:
        return self._data

    def __setstate__(self, state: dict[str, object]) -> None:
        self._data = state


def json_fallback(value: object) -> object:
    """The nearest JSON form of a value ``json.dumps`` has none for (its ``default=``).

    Parsed articles hold JSON data only, but an Article built by hand may
    carry bytes or a set in ``extra``: they are written in the nearest form
    (base64 text; a list sorted by ``repr``) rather than stop a whole batch on
    one odd article. Anything else is a ``TypeError``, as ``json.dumps`` says.
    """
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    raise TypeError(f"{type(value).__name__} cannot be written as JSON")


FrozenMapping.__module__ = "sinaparse.article"  # where users import it from, and pickles find it
_CONTAINERS = (tuple, FrozenMapping, frozenset)
_ATOMS = (str, bool, float, type(None), bytes)
_IN_PROGRESS = object()  # in memo while a container's items are frozen: met again, it holds itself


def _frozen(value: object, memo: dict[int, object], where: str) -> object:
    """``value`` as immutable JSON data; a shared container is frozen once (``memo``)."""
    if isinstance(value, _ATOMS):
        return value
    if isinstance(value, int):
        if not -_INT_BOUND < value < _INT_BOUND:
            raise ValueError(f"{where} is an integer of more than {MAX_INT_DIGITS} digits")
        return value
    done = memo.get(id(value))
    if done is _IN_PROGRESS:
        raise ValueError(f"{where} holds itself")
    if done is not None:
        return done
    memo[id(value)] = _IN_PROGRESS
    frozen: object
    if isinstance(value, (list, tuple)):
        frozen = tuple(_frozen(item, memo, f"{where}[{n}]") for n, item in enumerate(value))
    elif isinstance(value, Mapping):
        frozen = FrozenMapping.__new__(FrozenMapping)
        frozen._data = _frozen_mapping_data(value, memo, where)
    elif isinstance(value, (set, frozenset)):
        frozen = frozenset(_frozen(item, memo, f"{where} member") for item in value)
    elif isinstance(value, bytearray):
        frozen = bytes(value)
    else:
        raise TypeError(f"{where} is of type {type(value).__name__}, which is not JSON data")
    memo[id(value)] = frozen
    return frozen


def _frozen_mapping_data(
    data: Mapping[str, object], memo: dict[int, object], where: str
) -> dict[str, object]:
    frozen: dict[str, object] = {}
    for key, value in data.items():
        if not isinstance(key, str):
            raise TypeError(f"{where} has the key {key!r}, which is not text")
        frozen[key] = _frozen(value, memo, f"{where}[{key!r}]")
    return frozen


def _thawed(value: object, memo: dict[int, object]) -> object:
    """Fresh lists, dicts and sets for the frozen containers in ``value``."""
    if not isinstance(value, _CONTAINERS):
        return value
    done = memo.get(id(value))
    if done is not None:
        return done
    thawed: object
    if isinstance(value, tuple):
        thawed = [_thawed(item, memo) for item in value]
    elif isinstance(value, FrozenMapping):
        thawed = {key: _thawed(item, memo) for key, item in value._data.items()}
    else:
        thawed = set(value)
    memo[id(value)] = thawed
    return thawed
