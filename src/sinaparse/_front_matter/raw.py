"""The front matter's top-level keys as read, before they are typed.

Both readers — PyYAML, and the line reader for the aggregator's layout —
give a :class:`Reading`: a mapping of key to :class:`RawField`, and what the
reader noticed on the way. The limits every reader applies live here, so
that each gives the same answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from ..article import ParseWarning
from ..errors import FrontMatterError

# YAML aliases let a few lines stand for billions of values (an "alias bomb");
# front matter never needs more than a few hundred. Values are counted as
# YAML nodes: the top-level mapping, each key, each value, each list item.
MAX_VALUES = 10_000
# An alias repeats what its anchor holds: a 1,000-character text aliased
# 1,001 times repeats 1,000,000 characters, which every copy of the article's
# data (its JSON, say) holds again.
MAX_REPEATED_CHARACTERS = 1_000_000


class RawField(NamedTuple):
    """One top-level key's value: as constructed, and as written.

    A named tuple, not an attrs class: a post makes a dozen, and a tuple is
    the cheapest immutable record to make.
    """

    value: object
    """The value as YAML constructs it (brace escapes undone)."""
    text: str | None
    """A scalar's text as written (``title: 2021`` is ``"2021"``); None for null or a collection."""
    items: tuple[str, ...] | None
    """A list of scalars' texts; None for anything else."""
    line: int
    """The document line of the key."""


class Reading(NamedTuple):
    """What a reader gives: the fields, and the warnings it has for them."""

    fields: dict[str, RawField]
    warnings: tuple[ParseWarning, ...]


def too_many_values(line: int) -> FrontMatterError:
    """The error for front matter of more than :data:`MAX_VALUES` values, from any reader."""
    return FrontMatterError(f"more than {MAX_VALUES:,} values, YAML aliases expanded", line=line)


def duplicate_key(key: str, first: tuple[str, int], second: tuple[str, int]) -> ParseWarning:
    """The warning for a key written twice in one mapping: the last one is kept.

    ``first`` and ``second`` are each (the key as written, its document line).
    Last wins, as in PyYAML, Ruby's Psych (Jekyll) and js-yaml's JSON mode, so
    the value is the one those readers give; refusing the post would lose all
    of it for one repeated key.
    """
    (first_written, first_line), (second_written, second_line) = first, second
    if first_written == second_written == key:
        where = f"key {key!r} is written twice (lines {first_line} and {second_line})"
    else:
        where = (
            f"keys {first_written!r} (line {first_line}) and {second_written!r} "
            f"(line {second_line}) are both {key!r}"
        )
    return ParseWarning(
        "front-matter-duplicate-key", f"{where}: the value on line {second_line} is kept"
    )


def unescape_braces(text: str) -> str:
    """Undo the aggregator's escaping of ``{`` and ``}`` (it writes ``&#123;`` and ``&#125;``)."""
    if "&#12" not in text:
        return text
    return text.replace("&#123;", "{").replace("&#125;", "}")


def unescape_all(value: object, memo: dict[int, object] | None = None) -> object:
    """:func:`unescape_braces` applied to every text inside ``value``.

    ``memo`` maps the id of what was unescaped to its result: YAML aliases
    make one object appear many times, and each is unescaped once.
    """
    if isinstance(value, str):
        if "&#12" not in value:
            return value
    elif not isinstance(value, (list, Mapping)):
        return value
    if memo is None:
        memo = {}
    done = memo.get(id(value))
    if done is not None:
        return done
    result: object
    if isinstance(value, str):
        result = unescape_braces(value)
    elif isinstance(value, list):
        result = [unescape_all(item, memo) for item in value]
    else:
        result = {unescape_all(key, memo): unescape_all(item, memo) for key, item in value.items()}
    memo[id(value)] = result
    return result
