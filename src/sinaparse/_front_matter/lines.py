"""Front matter in the aggregator's layout, read line by line.

The aggregator writes one ``key: value`` a line and lists as `` - item``
lines. Two readers share that layout:

- :func:`fast_fields`, the fast path: it accepts only lines whose YAML meaning
  is certain (single-quoted scalars, plain scalars typed by PyYAML's own
  resolver and constructors) and returns None for anything else, which then
  goes to PyYAML. A property test checks that both give the same fields.
- :func:`lenient_fields`, the recovery: for front matter that is not valid
  YAML because the aggregator put unescaped ``"`` inside ``"…"``.
"""

from __future__ import annotations

import functools
import re

import yaml

from ..article import ParseWarning
from .raw import (
    MAX_VALUES,
    RawField,
    Reading,
    duplicate_key,
    too_many_values,
    unescape_all,
    unescape_braces,
)
from .yaml_reader import Loader
from .yaml_values import JsonReadyConstructor, LongTextResolver

# Greedy, then back to the last non-space: a lazy (.*?) before [ ]* tries the
# end of the line after every character, slow on a line of megabytes.
_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+(.*[^ ]))?[ ]*")
# A plain key of one line is a "simple key": YAML allows 1,024 characters
# (PyYAML fails past them); longer ones are left to PyYAML.
_LONGEST_KEY = 1000
_ITEM_LINE = re.compile(r"[ ]+-[ ]+(.*[^ ])[ ]*")
# What the YAML reader accepts as text (its printable set), less the BOM and
# the characters YAML 1.1 reads as line breaks (U+0085, U+2028, U+2029).
_UNPRINTABLE = re.compile(
    "[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# A plain scalar means the same on one line in every YAML context when it has
# no leading indicator, no ": " or " #", no tab, and does not end in ":".
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_STR = "tag:yaml.org,2002:str"
# Each value takes a line at most once blank lines are set aside: more lines
# than twice the value limit are PyYAML's to read (and to count).
_MAX_LINES = 2 * MAX_VALUES
_TYPED_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "bool", "int", "float", "null")
)


class _PlainResolver(LongTextResolver):
    """The loader's resolver: timestamps, "=" and text past MAX_NUMBER_CHARACTERS are text."""

    yaml_implicit_resolvers = Loader.yaml_implicit_resolvers


_RESOLVER = _PlainResolver()
_CONSTRUCTOR = JsonReadyConstructor()
# PyYAML resolves a plain scalar by the resolvers listed under its first
# character (and those under None, for any character): a scalar that starts
# with any other character is text, known without a call. Most values are
# (a title, a URL, a name start with none of them).
_RESOLVED_FIRST_CHARACTERS = frozenset(
    key for key in _RESOLVER.yaml_implicit_resolvers if isinstance(key, str)
)
_ANY_FIRST_CHARACTER_RESOLVED = None in _RESOLVER.yaml_implicit_resolvers or bool(
    _RESOLVER.yaml_path_resolvers
)


def fast_fields(text: str, first_line: int) -> Reading | None:
    """The fields, when every line is in the certain subset; else None.

    Also None for front matter of more than ``MAX_VALUES`` values, or of more
    lines than that could take: PyYAML then gives its error.
    """
    if _UNPRINTABLE.search(text):
        return None
    lines = text.split("\n", _MAX_LINES)
    if len(lines) > _MAX_LINES:
        return None
    layout = _Layout()
    for number, line in enumerate(lines, first_line):
        if not line.strip(" \t"):  # YAML's blank: U+3000 or a no-break space is text to it
            continue
        if line[0] == " ":
            item = _ITEM_LINE.fullmatch(line)
            scalar = _certain_scalar(item.group(1)) if item is not None else None
            if scalar is None:
                return None
            if not layout.add_item(line, _unbraced_value(scalar[0]), _unbraced(scalar[1])):
                return None
            continue
        key_line = _KEY_LINE.fullmatch(line)
        if key_line is None or _resolve(key_line.group(1)) != _STR:
            return None
        key, raw = key_line.group(1), key_line.group(2)
        if len(key) > _LONGEST_KEY:
            return None  # YAML's limit on a key: PyYAML's error, or the recovery
        if raw is None or raw == "":
            layout.add_key(key, number, None)
            continue
        scalar = _certain_scalar(raw)
        if scalar is None:
            return None
        value, written = scalar
        written_text = _unbraced(written) if value is not None else None
        layout.add_key(key, number, RawField(_unbraced_value(value), written_text, None, number))
    if not layout.fields or layout.values > MAX_VALUES:
        return None  # empty front matter is no mapping to PyYAML: its error
    return layout.reading()


class _Layout:
    """The fields of the aggregator's layout as its lines are read, lists in the making.

    A list ends at the next key: its items go into one RawField then, so a
    list of n items costs n appends, not n copies.
    """

    def __init__(self) -> None:
        self.fields: dict[str, RawField] = {}
        self.warnings: list[ParseWarning] = []
        self.values = 1  # counted as PyYAML's nodes: the mapping, each key, value, item
        self._list_key: str | None = None
        self._indent = 0  # of the list's items: a deeper one continues the item above
        self._items: list[object] = []
        self._texts: list[str] = []

    def add_key(self, key: str, line: int, field: RawField | None) -> None:
        """A ``key: value`` line; a None ``field`` for ``key:``, which a list may follow."""
        self._end_list()
        if key in self.fields:
            self.warnings.append(duplicate_key(key, (key, self.fields[key].line), (key, line)))
        self.values += 2
        self.fields[key] = field if field is not None else RawField(None, None, None, line)
        self._list_key = key if field is None else None
        self._indent = 0

    def in_list(self) -> bool:
        return self._list_key is not None

    def add_item(self, line: str, value: object, text: str, *, any_indent: bool = False) -> bool:
        """A `` - item`` line (braces unescaped); False where its meaning depends on
        more than the line: after a scalar, or deeper than the list's first item,
        where YAML reads it as more of the item above."""
        indent = len(line) - len(line.lstrip(" "))
        if self._list_key is None or (self._indent not in (0, indent) and not any_indent):
            return False
        self._indent = indent
        self._items.append(value)
        self._texts.append(text)
        self.values += 1
        return True

    def reading(self) -> Reading:
        self._end_list()
        return Reading(self.fields, tuple(self.warnings))

    def _end_list(self) -> None:
        if self._list_key is not None and self._items:
            line = self.fields[self._list_key].line
            self.fields[self._list_key] = RawField(self._items, None, tuple(self._texts), line)
            self._items, self._texts = [], []
        self._list_key = None


def _certain_scalar(raw: str) -> tuple[object, str] | None:
    """(value, text as written, quotes undone) of a scalar whose YAML meaning is certain."""
    quoted = _single_quoted(raw)
    if quoted is not None:
        return quoted, quoted
    if not _is_certain_plain(raw):
        return None
    if raw[0] not in _RESOLVED_FIRST_CHARACTERS and not _ANY_FIRST_CHARACTER_RESOLVED:
        return raw, raw
    tag = _resolve(raw)
    if tag == _STR:
        return raw, raw  # what PyYAML's constructor gives for text, without its call
    if tag not in _TYPED_TAGS:
        return None
    node = yaml.ScalarNode(tag, raw)
    return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node), raw


def _unbraced(text: str) -> str:
    # unescape_braces with its test here: a call saved on every value of every post.
    return unescape_braces(text) if "&#12" in text else text


def _unbraced_value(value: object) -> object:
    # A certain scalar's value is text or a number, true, false or null: never
    # a list or mapping, whose texts unescape_all would look for.
    return _unbraced(value) if isinstance(value, str) else value


def _single_quoted(raw: str) -> str | None:
    """The text of a single-quoted scalar (``'it''s'`` is ``it's``); None for any
    other. String methods, not a regular expression: the expression's
    alternative per character cost thousands of instructions on a URL."""
    if len(raw) < 2 or raw[0] != "'" or raw[-1] != "'":
        return None
    inner = raw[1:-1]
    if "'" not in inner:
        return inner
    # Inside, a quote stands only doubled: what the pairs leave holds none.
    return inner.replace("''", "'") if "'" not in inner.replace("''", "") else None


def _is_certain_plain(raw: str) -> bool:
    if not raw:
        return False
    # "-" starts a list item only when a space follows it: "-3" is a scalar.
    first = raw[0] if raw[0] != "-" or raw[1:2] in ("", " ") else "3"
    return (
        first not in _INDICATORS
        and ": " not in raw
        and " #" not in raw
        and "\t" not in raw
        and not raw.endswith((":", " "))
    )


@functools.lru_cache(maxsize=256)
def _resolve(plain: str) -> str:
    """The tag PyYAML gives a plain scalar (a pure function: memoised for the keys,
    which repeat; the cache stays small, as values such as dates rarely do)."""
    tag: object = _RESOLVER.resolve(yaml.ScalarNode, plain, (True, False))
    return str(tag)


# Recovery ------------------------------------------------------------------

_LENIENT_KEY_LINE = re.compile(r"([A-Za-z_][\w-]*):(?:[ \t]+(.*[^ \t]))?[ \t]*")
_LENIENT_ITEM_LINE = re.compile(r"[ \t]+-[ \t]+(.*[^ \t])?[ \t]*")
# What the aggregator never writes: tags, anchors, aliases, flow and block scalars.
_NOT_SIMPLE = tuple("!&*[]{}|>%@`")


def lenient_fields(text: str, first_line: int) -> Reading | None:
    """The fields of front matter in the aggregator's layout, even where it is
    not valid YAML; None when a line is not in the layout.

    Raises:
        FrontMatterError: it holds more than ``MAX_VALUES`` values, as PyYAML would say.
    """
    lines = text.split("\n", _MAX_LINES)
    if len(lines) > _MAX_LINES:
        return None
    layout = _Layout()
    for number, line in enumerate(lines, first_line):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _LENIENT_ITEM_LINE.fullmatch(line)
        if item is not None and layout.in_list():
            raw_item = item.group(1) or ""
            if not _is_simple_scalar(raw_item):
                return None
            text_of_item = _unquote(raw_item)
            layout.add_item(line, text_of_item, text_of_item, any_indent=True)
            continue
        key_line = _LENIENT_KEY_LINE.fullmatch(line)
        if key_line is None:
            return None
        key, raw = key_line.group(1), key_line.group(2) or ""
        if not _is_simple_scalar(raw):
            return None
        field = None
        if raw:
            value = _lenient_value(raw)
            scalar_text = _unquote(raw) if value is not None else None
            field = RawField(unescape_all(value), scalar_text, None, number)
        layout.add_key(key, number, field)
    if layout.values > MAX_VALUES:
        raise too_many_values(first_line)
    return layout.reading()


def _is_simple_scalar(raw: str) -> bool:
    if raw[:1] in ("'", '"'):
        return len(raw) >= 2 and raw[-1] == raw[0]
    return not raw.startswith(_NOT_SIMPLE)


def _unquote(raw: str) -> str:
    """A scalar's text: the aggregator's quotes removed, inner quotes as they are."""
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        return unescape_braces(raw[1:-1].replace("''", "'"))
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        return unescape_braces(raw[1:-1])
    return unescape_braces(raw)


def _lenient_value(raw: str) -> object:
    """What YAML makes of one scalar, or its unquoted text where YAML cannot read it."""
    if raw[:1] in ("'", '"'):
        return _unquote(raw)
    certain = _certain_scalar(raw)
    return certain[0] if certain is not None else raw
