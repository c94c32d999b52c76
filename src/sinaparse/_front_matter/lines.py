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

from .raw import RawField, unescape_all, unescape_braces
from .yaml_reader import JsonReadyConstructor, Loader

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+(.*?))?[ ]*")
_ITEM_LINE = re.compile(r"[ ]+-[ ]+(.*?)[ ]*")
# What the YAML reader accepts as text (its printable set), less the BOM and
# the characters YAML 1.1 reads as line breaks (U+0085, U+2028, U+2029).
_UNPRINTABLE = re.compile(
    "[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'")
# A plain scalar means the same on one line in every YAML context when it has
# no leading indicator, no ": " or " #", no tab, and does not end in ":".
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_STR = "tag:yaml.org,2002:str"
_TYPED_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "bool", "int", "float", "null")
)


class _PlainResolver(yaml.resolver.Resolver):
    """PyYAML's resolver with sinaparse's rules: timestamps stay text."""

    yaml_implicit_resolvers = Loader.yaml_implicit_resolvers


_RESOLVER = _PlainResolver()
_CONSTRUCTOR = JsonReadyConstructor()


def fast_fields(text: str, first_line: int) -> dict[str, RawField] | None:
    """The fields, when every line is in the certain subset; else None."""
    if _UNPRINTABLE.search(text):
        return None
    fields: dict[str, RawField] = {}
    list_key: str | None = None
    for number, line in enumerate(text.split("\n"), first_line):
        if not line.strip():
            continue
        item = _ITEM_LINE.fullmatch(line) if line[0] == " " else None
        if item is not None:
            if list_key is None:
                return None
            scalar = _certain_scalar(item.group(1))
            if scalar is None:
                return None
            _append_item(fields, list_key, scalar)
            continue
        key_line = _KEY_LINE.fullmatch(line)
        if key_line is None or _resolve(key_line.group(1)) != _STR:
            return None
        key, raw = key_line.group(1), key_line.group(2)
        if raw is None or raw == "":
            fields[key] = RawField(None, None, None, number)
            list_key = key
            continue
        scalar = _certain_scalar(raw)
        if scalar is None:
            return None
        value, written = scalar
        written_text = unescape_braces(written) if value is not None else None
        fields[key] = RawField(unescape_all(value), written_text, None, number)
        list_key = None
    return fields


def _append_item(fields: dict[str, RawField], key: str, scalar: tuple[object, str | None]) -> None:
    field = fields[key]
    values = field.value if isinstance(field.value, list) else []
    texts = field.items or ()
    fields[key] = RawField(
        [*values, unescape_all(scalar[0])],
        None,
        (*texts, unescape_braces(scalar[1] or "")),
        field.line,
    )


def _certain_scalar(raw: str) -> tuple[object, str] | None:
    """(value, text as written, quotes undone) of a scalar whose YAML meaning is certain."""
    quoted = _SINGLE_QUOTED.fullmatch(raw)
    if quoted is not None:
        text = quoted.group(1).replace("''", "'")
        return text, text
    if not _is_certain_plain(raw):
        return None
    tag = _resolve(raw)
    if tag == _STR:
        return raw, raw  # what PyYAML's constructor gives for text, without its call
    if tag not in _TYPED_TAGS:
        return None
    node = yaml.ScalarNode(tag, raw)
    return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node), raw


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
    tag: object = _RESOLVER.resolve(yaml.ScalarNode, plain, (True, False))  # type: ignore[no-untyped-call]
    return str(tag)


# Recovery ------------------------------------------------------------------

_LENIENT_KEY_LINE = re.compile(r"([A-Za-z_][\w-]*):(?:[ \t]+(.*?))?[ \t]*")
_LENIENT_ITEM_LINE = re.compile(r"[ \t]+-[ \t]+(.*?)[ \t]*")
# What the aggregator never writes: tags, anchors, aliases, flow and block scalars.
_NOT_SIMPLE = tuple("!&*[]{}|>%@`")


def lenient_fields(text: str, first_line: int) -> dict[str, RawField] | None:
    """The fields of front matter in the aggregator's layout, even where it is
    not valid YAML; None when a line is not in the layout."""
    fields: dict[str, RawField] = {}
    list_key: str | None = None
    for number, line in enumerate(text.split("\n"), first_line):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _LENIENT_ITEM_LINE.fullmatch(line)
        if item is not None and list_key is not None:
            if not _is_simple_scalar(item.group(1)):
                return None
            texts = [*(fields[list_key].items or ()), _unquote(item.group(1))]
            fields[list_key] = RawField(texts, None, tuple(texts), fields[list_key].line)
            continue
        key_line = _LENIENT_KEY_LINE.fullmatch(line)
        if key_line is None:
            return None
        key, raw = key_line.group(1), key_line.group(2) or ""
        if not _is_simple_scalar(raw):
            return None
        list_key = key if not raw else None
        value = _lenient_value(raw)
        scalar_text = _unquote(raw) if value is not None else None
        fields[key] = RawField(unescape_all(value), scalar_text, None, number)
    return fields


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
