"""What ``Article.extra`` holds: JSON data, frozen.

Every value is copied when the mapping is made and every read gives fresh
lists and dicts, so an Article never changes; every value can be written as
JSON, whatever the process's settings.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Iterator, Mapping

from .._text import NOT_TEXT

MAX_INT_DIGITS = 640
"""The most decimal digits an integer in ``extra`` may have.

640 is the smallest limit Python can be set to for turning an integer into
text (``sys.set_int_max_str_digits``), so writing such an integer never fails,
whatever the process's setting. The front matter keeps a larger integer as the
text it was written with.
"""
_INT_BOUND = 10**MAX_INT_DIGITS

MAX_DEPTH = 256
"""The deepest nesting of lists and mappings ``from_dict`` reads in ``extra``.

The front matter's YAML reader stops before 250 levels (it builds values
recursively), so parsed data is always within it; and a value this deep is
frozen, thawed and written as JSON well within Python's default recursion
limit of 1,000 frames.
"""


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
        try:
            self._data = _frozen_mapping_data(data or {}, {}, "extra")
        except RecursionError:  # freezing recurses: a hand-built value nested ~500 deep
            raise ValueError("extra is nested too deeply") from None

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


def json_data_problem(value: object, where: str) -> tuple[str, str] | None:
    """Where ``value`` is not JSON data that ``to_dict`` writes as it is, and why; or None.

    JSON data here is what the front matter's reader gives: text of text
    characters only (no :data:`~sinaparse._text.NOT_TEXT`), integers of at most
    :data:`MAX_INT_DIGITS` digits, finite floats, booleans, None, and lists and
    text-keyed mappings of these, nested at most :data:`MAX_DEPTH` deep. Not
    bytes, sets, NaN or infinities, which ``json.dumps(allow_nan=False)``
    cannot write; not a container holding itself.

    Iterative, so a value 100,000 levels deep is an answer, not a RecursionError;
    a container met twice is checked once, and its height (the longest way
    down from it) is what counts against the depth limit.
    """
    heights: dict[int, int] = {}
    # (value, path, depth, whether its children are done): a walk in pre-order,
    # each container met again once its children are, to note its height.
    stack: list[tuple[object, str, int, bool]] = [(value, where, 1, False)]
    while stack:
        item, at, depth, children_done = stack.pop()
        if children_done:
            height = 1 + max((heights.get(id(child), 0) for child in _children(item)), default=0)
            if height > MAX_DEPTH:
                return at, f"nested more than {MAX_DEPTH} levels deep"
            heights[id(item)] = height
            continue
        if not isinstance(item, (list, tuple, Mapping)):
            problem = _atom_problem(item)
            if problem is not None:
                return at, problem
            continue
        if id(item) in heights:
            if heights[id(item)] < 0:
                return at, "holds itself"
            continue
        if depth > MAX_DEPTH:
            return at, f"nested more than {MAX_DEPTH} levels deep"
        heights[id(item)] = -1  # in progress
        stack.append((item, at, depth, True))
        members = _members(item, at)
        if isinstance(members, str):
            return at, members
        stack.extend((child, path, depth + 1, False) for child, path in reversed(members))
    return None


def _children(container: object) -> Iterator[object]:
    if isinstance(container, Mapping):
        return iter(container.values())
    return iter(container if isinstance(container, (list, tuple)) else ())


def _members(container: object, at: str) -> list[tuple[object, str]] | str:
    """A container's members with their paths, or what is wrong with its keys."""
    if isinstance(container, (list, tuple)):
        return [(item, f"{at}[{n}]") for n, item in enumerate(container)]
    if not isinstance(container, Mapping):
        return []
    members: list[tuple[object, str]] = []
    for key, item in container.items():
        if not isinstance(key, str):
            return f"has the key {key!r}, which is not text"
        if NOT_TEXT.search(key):
            return f"has the key {key!r}, which holds a character that is not text"
        members.append((item, f"{at}.{key}" if key.isidentifier() else f"{at}[{key!r}]"))
    return members


def _atom_problem(value: object) -> str | None:
    if value is None or isinstance(value, (bool, str)):
        if isinstance(value, str) and NOT_TEXT.search(value):
            return f"holds a character that is not text: {value[:80]!r}"
        return None
    if isinstance(value, int):
        if -_INT_BOUND < value < _INT_BOUND:
            return None
        return f"is an integer of more than {MAX_INT_DIGITS} digits"
    if isinstance(value, float):
        return None if math.isfinite(value) else f"is {value!r}, which JSON cannot hold"
    return f"is of type {type(value).__name__}, which is not JSON data"


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
