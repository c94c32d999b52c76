"""PyYAML's safe constructor, building only JSON data, and the same for every reader.

The line reader builds its scalars with this constructor too, so a number or
a keyword means the same whichever reader read it.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import yaml

from .._data.json_data import MAX_INT_DIGITS
from ..article import ParseWarning
from .raw import duplicate_key, unescape_braces

_TAG = "tag:yaml.org,2002:"
_MERGE, _STR = _TAG + "merge", _TAG + "str"
# Tags whose value sinaparse keeps as YAML wrote it, without a warning: ``=``
# (``!!value``, a mapping's default value) and ``<<`` where no merge is meant.
_KEPT_AS_WRITTEN = (_TAG + "value", _MERGE)
_PYTHON = _TAG + "python/"
_INT_BOUND = 10**MAX_INT_DIGITS
MAX_NUMBER_CHARACTERS = 4 * MAX_INT_DIGITS
"""A plain scalar longer than this is text, never a number: the longest integer
below ``10**MAX_INT_DIGITS`` (in binary) is shorter. Resolving it would cost
PyYAML's regular expressions hundreds of MB (a base-60 ``1:2:3…``), and PyYAML's
base-60 sum time quadratic in its length."""
# PyYAML sums a base-60 float's digits times 60**k, an integer that no longer
# converts to a float from the 175th digit on: beyond a float's range.
_MAX_BASE_60_FLOAT_COLONS = 173


def read_int(written: str) -> int | None:
    """A YAML 1.1 integer as PyYAML reads it (``0b…``, ``0x…``, ``0…`` octal,
    base 60 ``1:30``, ``_`` separators, a sign); None when it has more than
    :data:`~sinaparse.article.MAX_INT_DIGITS` decimal digits, as Python could
    neither read nor write it under every ``int_max_str_digits`` setting, or is
    written in more than :data:`MAX_NUMBER_CHARACTERS` characters, or holds
    no digit (``0b_``, ``0x__``: YAML's patterns take them, PyYAML fails on them).

    Raises:
        ValueError: not an integer (``!!int x``); IndexError for ``!!int ''``.
    """
    value = written.replace("_", "")
    sign = -1 if value[0] == "-" else 1
    if value[0] in "+-":
        value = value[1:]
    if len(value) > MAX_NUMBER_CHARACTERS:
        return None
    if value == "0":
        return 0
    if value.startswith(("0b", "0x")):
        if len(value) == 2:  # 0b_ and 0x_ resolve as integers but hold no digit: text
            return None
        number = int(value[2:], 2 if value[1] == "b" else 16)
    elif value[0] == "0":
        number = int(value, 8)
    elif ":" in value:
        parts = value.split(":")
        if any(len(part) > MAX_INT_DIGITS for part in parts):
            return None
        number = 0
        for part in parts:  # PyYAML's sum of digit * 60**k, read from the left
            number = number * 60 + int(part)
    elif len(value) > MAX_INT_DIGITS:
        return None
    else:
        number = int(value)
    return sign * number if abs(number) < _INT_BOUND else None


class LongTextResolver(yaml.resolver.Resolver):
    """PyYAML's resolver, but a plain scalar of more than ``MAX_NUMBER_CHARACTERS``
    characters is text (what it would resolve to would be kept as text anyway)."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0] and len(value) > MAX_NUMBER_CHARACTERS:
            return _STR
        tag: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return tag


class JsonReadyConstructor(yaml.constructor.SafeConstructor):
    """PyYAML's safe constructor, building only values that JSON holds.

    Front-matter values end up in ``Article.extra`` and in ``to_dict()``, which
    users write out as JSON. YAML has a few values JSON has no form for; each
    becomes its nearest JSON form, keeping what was written:

    - a mapping key that is not text (``{1: one}``, ``{~: x}``): its text as
      written (``"1"``, ``"~"``); a list or mapping key: its JSON text;
    - ``.nan``, ``.inf``, ``-.inf``, a float beyond a float's range, an
      integer of more than ``MAX_INT_DIGITS`` digits, and any number written in
      more than ``MAX_NUMBER_CHARACTERS`` characters: the text as written;
    - ``!!timestamp``: the text as written, once checked (dates are sinaparse's to read);
    - ``!!binary``: its base64 text, without spaces and line breaks (checked);
    - ``!!set``: a list of its members, in written order;
    - ``!!omap``: a mapping; ``!!pairs``: a list of ``[key, value]`` lists;
    - ``=`` and ``!!value``, ``!!merge``, and ``<<`` where it merges nothing:
      the value as written;
    - a tag sinaparse does not know (``!local``): the value as written, with a
      warning; a ``!!python/…`` tag is refused, never constructed.

    A key written twice in one mapping keeps its last value, with a warning:
    :attr:`warnings` gathers them.
    """

    def __init__(self) -> None:
        super().__init__()
        self.start_reading(line_offset=1)

    def start_reading(self, *, line_offset: int) -> None:
        """Set where the text starts in the document, for the warnings' lines."""
        self.line_offset = line_offset
        self.warnings: list[ParseWarning] = []
        self._noted: set[int] = set()  # mappings whose duplicate keys are noted

    def construct_mapping(  # type: ignore[override]  # keys are text, not any hashable
        self, node: yaml.MappingNode, deep: bool = False
    ) -> dict[str, Any]:
        self.flatten_mapping(node)  # merge keys (<<); duplicates noted
        return {
            self.key_text(key_node): self.construct_object(value_node, deep=deep)
            for key_node, value_node in node.value
        }

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        """PyYAML's merge (``<<: *base``); a ``<<`` that merges nothing is a key.

        Keys written twice are noted first: merged keys may repeat the
        mapping's own, which override them, as YAML says.
        """
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE and not _mergeable(value_node):
                key_node.tag = _STR
        self._note_duplicates(node)
        super().flatten_mapping(node)

    def _note_duplicates(self, node: yaml.MappingNode) -> None:
        if id(node) in self._noted:  # merged into another mapping, then read itself
            return
        self._noted.add(id(node))
        self.note_duplicates(
            (self.key_text(key), key.start_mark.line) for key, _ in node.value if key.tag != _MERGE
        )

    def note_duplicates(self, keys: Iterable[tuple[str, int]]) -> None:
        """Warn of each key of ``keys`` (written, line in the text) that repeats an earlier one."""
        seen: dict[str, tuple[str, int]] = {}
        for written, line in keys:
            key = unescape_braces(written)
            here = (written, self.line_offset + line)
            if key in seen:
                self.warnings.append(duplicate_key(key, seen[key], here))
            seen[key] = here

    def key_text(self, node: yaml.Node) -> str:
        """A mapping key as JSON text: a scalar's text as written."""
        if isinstance(node, yaml.ScalarNode):
            return str(node.value)
        key = self.construct_object(node, deep=True)
        return json.dumps(key, ensure_ascii=False)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int | str:  # type: ignore[override]
        written = str(node.value)
        number = read_int(written)
        return written if number is None else number

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float | str:  # type: ignore[override]
        written = str(node.value)
        if written.count(":") > _MAX_BASE_60_FLOAT_COLONS:
            return written
        number: float = super().construct_yaml_float(node)
        return number if math.isfinite(number) else written

    def construct_as_written(self, node: yaml.Node) -> object:
        """The node's data, its tag set aside: text, a list or a mapping."""
        if isinstance(node, yaml.SequenceNode):
            return self.construct_yaml_seq(node)
        if isinstance(node, yaml.MappingNode):
            return self.construct_yaml_map(node)
        return str(node.value)

    def construct_unknown(self, node: yaml.Node) -> object:
        """A tag sinaparse does not read: the value as written, and a warning."""
        if node.tag.startswith(_PYTHON):
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"the tag {_short(node.tag)} builds Python objects: refused",
                node.start_mark,
            )
        line = self.line_offset + node.start_mark.line
        self.warnings.append(
            ParseWarning(
                "front-matter-tag-ignored",
                f"line {line}: the tag {_short(node.tag)} is not one sinaparse reads: "
                "its value is kept as written",
            )
        )
        return self.construct_as_written(node)


def _short(tag: str) -> str:
    """A tag as it is written: ``!!python/name:x``, not ``tag:yaml.org,2002:python/name:x``."""
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def _mergeable(node: yaml.Node) -> bool:
    """Whether a ``<<`` key's value can be merged: a mapping, or a list of mappings."""
    if isinstance(node, yaml.SequenceNode):
        return all(isinstance(item, yaml.MappingNode) for item in node.value)
    return isinstance(node, yaml.MappingNode)


def _timestamp(constructor: JsonReadyConstructor, node: yaml.ScalarNode) -> str:
    yaml.constructor.SafeConstructor.construct_yaml_timestamp(constructor, node)  # checks it
    return str(node.value)


def _binary(constructor: JsonReadyConstructor, node: yaml.ScalarNode) -> str:
    text = "".join(str(node.value).split())
    try:
        base64.b64decode(text, validate=True)  # PyYAML's own decoding skips junk
    except ValueError:
        raise yaml.constructor.ConstructorError(
            None, None, "!!binary value is not base64", node.start_mark
        ) from None
    return text


def _set(constructor: JsonReadyConstructor, node: yaml.MappingNode) -> Iterator[list[Any]]:
    members: list[Any] = []
    yield members
    seen: set[str] = set()
    for key_node, _ in node.value:
        member = constructor.construct_object(key_node, deep=True)
        identity = json.dumps(member, sort_keys=True)
        if identity not in seen:
            seen.add(identity)
            members.append(member)


def _omap(constructor: JsonReadyConstructor, node: yaml.Node) -> Iterator[dict[str, Any]]:
    mapping: dict[str, Any] = {}
    yield mapping
    pairs = _pairs(constructor, node, "an ordered map")
    constructor.note_duplicates((key, line) for key, _, line in pairs)
    mapping.update((key, value) for key, value, _ in pairs)


def _pairs_list(constructor: JsonReadyConstructor, node: yaml.Node) -> Iterator[list[list[Any]]]:
    pairs: list[list[Any]] = []
    yield pairs
    pairs.extend([key, value] for key, value, _ in _pairs(constructor, node, "pairs"))


def _pairs(
    constructor: JsonReadyConstructor, node: yaml.Node, what: str
) -> list[tuple[str, Any, int]]:
    """The (key, value, line in the text) of a sequence of one-pair mappings (``!!omap``,
    ``!!pairs``)."""
    if not isinstance(node, yaml.SequenceNode):
        raise yaml.constructor.ConstructorError(
            f"while constructing {what}",
            node.start_mark,
            f"expected a sequence, but found {getattr(node, 'id', 'a node')}",
            node.start_mark,
        )
    pairs = []
    for item in node.value:
        if not isinstance(item, yaml.MappingNode) or len(item.value) != 1:
            raise yaml.constructor.ConstructorError(
                f"while constructing {what}",
                node.start_mark,
                "expected a mapping of one key to one value",
                item.start_mark,
            )
        key_node, value_node = item.value[0]
        key = constructor.key_text(key_node)
        value = constructor.construct_object(value_node, deep=True)
        pairs.append((key, value, key_node.start_mark.line))
    return pairs


_CONSTRUCTORS: dict[str | None, Callable[[JsonReadyConstructor, Any], object]] = {
    _TAG + "int": JsonReadyConstructor.construct_yaml_int,
    _TAG + "float": JsonReadyConstructor.construct_yaml_float,
    _TAG + "timestamp": _timestamp,
    _TAG + "binary": _binary,
    _TAG + "set": _set,
    _TAG + "omap": _omap,
    _TAG + "pairs": _pairs_list,
    **dict.fromkeys(_KEPT_AS_WRITTEN, JsonReadyConstructor.construct_as_written),
    None: JsonReadyConstructor.construct_unknown,  # any other tag
}
for _tag, _constructor in _CONSTRUCTORS.items():
    JsonReadyConstructor.add_constructor(_tag, _constructor)  # type: ignore[type-var]
