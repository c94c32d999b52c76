"""The front matter's top-level keys as read, before they are typed.

Both readers — PyYAML, and the line reader for the aggregator's layout —
give a mapping of key to :class:`RawField`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


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


def unescape_braces(text: str) -> str:
    """Undo the aggregator's escaping of ``{`` and ``}`` (it writes ``&#123;`` and ``&#125;``)."""
    if "&#12" not in text:
        return text
    return text.replace("&#123;", "{").replace("&#125;", "}")


def unescape_all(value: object) -> object:
    """:func:`unescape_braces` applied to every text inside ``value``."""
    if isinstance(value, str):
        return unescape_braces(value)
    if isinstance(value, list):
        return [unescape_all(item) for item in value]
    if isinstance(value, Mapping):
        return {unescape_all(key): unescape_all(item) for key, item in value.items()}
    return value
