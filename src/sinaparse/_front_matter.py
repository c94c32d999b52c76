"""Stage 3: the front matter's YAML becomes typed fields and ``extra``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import ClassVar

import attrs
import yaml

from ._dates import parse_date
from .article import ParseWarning
from .errors import DateError, FrontMatterError

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(_SafeLoader):  # type: ignore[misc,valid-type]
    """A safe loader (never builds objects) that leaves timestamps as text.

    Dates are read by sinaparse itself, in more forms and with zones; other
    keys keep the text they were written with, so ``to_dict`` stays JSON.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
    }


_MAPPED_KEYS = frozenset(
    {"title", "date", "categories", "author", "comments", "headimg", "thumbnail"}
)


@attrs.frozen
class FrontMatter:
    """The front matter's fields, typed; the rest kept in ``extra``."""

    title: str
    date: dt.datetime
    categories: tuple[str, ...]
    author: str | None
    comments: bool | None
    head_image_url: str | None
    thumbnail_url: str | None
    extra: dict[str, object]
    warnings: tuple[ParseWarning, ...]


def unescape_braces(text: str) -> str:
    """Undo the aggregator's escaping of ``{`` and ``}``."""
    if "&#12" not in text:
        return text
    return text.replace("&#123;", "{").replace("&#125;", "}")


def read_front_matter(text: str, *, first_line: int, default_tz: dt.tzinfo) -> FrontMatter:
    """Read the YAML ``text``, which starts on line ``first_line`` of the document.

    Front matter that is not valid YAML but is in the aggregator's simple
    layout (one ``key: value`` a line, `` - item`` lists) is still read, with a
    ``front-matter-recovered`` warning: the aggregator writes titles holding
    ``"`` inside ``"…"`` without escaping them.

    Raises:
        FrontMatterError: the front matter cannot be read, is not a mapping, or
            has no usable title or date.
    """
    warnings: list[ParseWarning] = []
    try:
        fields = _fields_from_yaml(text, first_line)
    except _YamlSyntaxError as error:
        recovered = _fields_from_lines(text, first_line)
        if recovered is None or "title" not in recovered or "date" not in recovered:
            raise FrontMatterError(error.reason, line=error.line) from error.__cause__
        fields = recovered
        warnings.append(
            ParseWarning("front-matter-recovered", f"read line by line: {error.reason}")
        )

    title = _text(fields, "title")
    if not title or not title.strip():
        raise FrontMatterError("no 'title'", line=_line(fields, "title", first_line))

    date_text = _text(fields, "date")
    if not date_text:
        raise FrontMatterError("no 'date'", line=_line(fields, "date", first_line))
    try:
        date = parse_date(date_text, default_tz)
    except DateError as exc:
        raise DateError(f"'date' is {exc.reason}", line=_line(fields, "date", first_line)) from None
    if date.zone_assumed:
        warnings.append(
            ParseWarning(
                "date-assumed-zone", f"date {date_text!r} has no zone: read in {default_tz}"
            )
        )

    comments = fields["comments"].value if "comments" in fields else None
    if comments is not None and not isinstance(comments, bool):
        warnings.append(
            ParseWarning("comments-not-bool", f"'comments' is {comments!r}, not true or false")
        )
        comments = None

    return FrontMatter(
        title=title,
        date=date.value,
        categories=_text_list(fields, "categories"),
        author=_text(fields, "author") or None,
        comments=comments,
        head_image_url=_text(fields, "headimg") or None,
        thumbnail_url=_text(fields, "thumbnail") or None,
        extra={key: field.value for key, field in fields.items() if key not in _MAPPED_KEYS},
        warnings=tuple(warnings),
    )


@attrs.frozen
class _Field:
    """One top-level key's value: as constructed, and as written."""

    value: object
    """The value as YAML constructs it (brace escapes undone)."""
    text: str | None
    """A scalar's text as written (``title: 2021`` is ``"2021"``); None for null or a collection."""
    items: tuple[str, ...] | None
    """A list of scalars' texts; None for anything else."""
    line: int
    """The document line of the key."""


def _text(fields: dict[str, _Field], key: str) -> str | None:
    field = fields.get(key)
    if field is None:
        return None
    if field.text is None and field.value is not None:
        raise FrontMatterError(f"{key!r} is a list or mapping, not text", line=field.line)
    return field.text


def _text_list(fields: dict[str, _Field], key: str) -> tuple[str, ...]:
    field = fields.get(key)
    if field is None or field.value is None:
        return ()
    if field.items is not None:
        return field.items
    if field.text is not None:
        return (field.text,) if field.text else ()
    raise FrontMatterError(f"{key!r} is not a list of text", line=field.line)


def _line(fields: dict[str, _Field], key: str, default: int) -> int:
    field = fields.get(key)
    return field.line if field is not None else default


# Reading as YAML ------------------------------------------------------------


# YAML aliases let a few lines stand for billions of values (an "alias bomb");
# front matter never needs more than a few hundred.
MAX_VALUES = 10_000


def _fields_from_yaml(text: str, first_line: int) -> dict[str, _Field]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if not isinstance(node, yaml.MappingNode):
            raise FrontMatterError(
                "front matter is not a mapping of keys to values", line=first_line
            )
        if _expanded_size(node) > MAX_VALUES:
            raise FrontMatterError(
                f"front matter expands to more than {MAX_VALUES:,} values (YAML aliases)",
                line=first_line,
            )
        fields: dict[str, _Field] = {}
        for key_node, value_node in node.value:
            key = unescape_braces(str(loader.construct_object(key_node, deep=True)))
            fields[key] = _field_from_node(
                value_node,
                loader.construct_object(value_node, deep=True),
                first_line + key_node.start_mark.line,
            )
        return fields
    except (yaml.scanner.ScannerError, yaml.parser.ParserError) as exc:
        raise _YamlSyntaxError(
            _describe_yaml_error(exc, first_line), line=_line_of(exc, first_line)
        ) from exc
    except yaml.MarkedYAMLError as exc:
        raise FrontMatterError(
            _describe_yaml_error(exc, first_line), line=_line_of(exc, first_line)
        ) from exc
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML: {exc}", line=first_line) from exc
    except RecursionError:
        raise FrontMatterError("front matter is nested too deeply", line=first_line) from None
    finally:
        loader.dispose()


def _expanded_size(root: yaml.Node) -> int:
    """How many values ``root`` holds once every alias is expanded (capped past the limit).

    Aliases make the node graph a DAG: sizes are memoised per node, so this
    costs one visit per node however large the expansion.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # on the current path: meeting one again is a cycle
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        children = _children(node)
        if children_done:
            open_nodes.discard(id(node))
            sizes[id(node)] = min(1 + sum(sizes[id(c)] for c in children), MAX_VALUES + 1)
            continue
        if id(node) in sizes:
            continue
        if id(node) in open_nodes:
            return MAX_VALUES + 1  # a recursive structure never ends
        open_nodes.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


class _YamlSyntaxError(FrontMatterError):
    """Text that is not YAML at all, as opposed to YAML that cannot be built."""


def _field_from_node(node: yaml.Node, value: object, line: int) -> _Field:
    text = items = None
    if isinstance(node, yaml.ScalarNode):
        if value is not None:
            text = unescape_braces(node.value)
    elif isinstance(node, yaml.SequenceNode) and all(
        isinstance(item, yaml.ScalarNode) for item in node.value
    ):
        items = tuple(unescape_braces(item.value) for item in node.value)
    return _Field(_unescape_all(value), text, items, line)


def _line_of(exc: yaml.MarkedYAMLError, first_line: int) -> int:
    mark = exc.problem_mark or exc.context_mark
    return first_line + mark.line if mark is not None else first_line


def _describe_yaml_error(exc: yaml.MarkedYAMLError, first_line: int) -> str:
    problem = exc.problem or "unreadable"
    if exc.context and exc.context_mark is not None:
        line = first_line + exc.context_mark.line
        return f"invalid YAML: {problem} ({exc.context} on line {line})"
    return f"invalid YAML: {problem}"


# Reading the aggregator's layout line by line (recovery) ----------------------

_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):(?:[ \t]+(?P<value>.*?))?[ \t]*$")
_ITEM_LINE = re.compile(r"^[ \t]+-[ \t]+(?P<item>.*?)[ \t]*$")


def _fields_from_lines(text: str, first_line: int) -> dict[str, _Field] | None:
    """The fields of front matter in the aggregator's layout, or None if it is not."""
    fields: dict[str, _Field] = {}
    list_key: str | None = None
    for number, line in enumerate(text.split("\n"), first_line):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _ITEM_LINE.match(line)
        if item and list_key is not None:
            if not _is_simple_scalar(item.group("item")):
                return None
            items = [*(fields[list_key].items or ()), _unquote(item.group("item"))]
            fields[list_key] = _Field(items, None, tuple(items), fields[list_key].line)
            continue
        key_line = _KEY_LINE.match(line)
        if key_line is None:
            return None
        key, raw = key_line.group("key"), key_line.group("value") or ""
        if not _is_simple_scalar(raw):
            return None
        list_key = key if not raw else None
        value = _scalar_value(raw)
        text_value = _unquote(raw) if value is not None else None
        fields[key] = _Field(_unescape_all(value), text_value, None, number)
    return fields


# What the aggregator never writes: tags, anchors, aliases, flow and block scalars.
_NOT_SIMPLE = tuple("!&*[]{}|>%@`")


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


def _scalar_value(raw: str) -> object:
    """What YAML makes of one scalar, or its unquoted text where YAML cannot read it."""
    if raw and raw[0] in "'\"":
        return _unquote(raw)
    try:
        return yaml.load(raw, Loader=_Loader)
    except yaml.YAMLError:
        return raw


def _unescape_all(value: object) -> object:
    if isinstance(value, str):
        return unescape_braces(value)
    if isinstance(value, list):
        return [_unescape_all(item) for item in value]
    if isinstance(value, Mapping):
        return {_unescape_all(key): _unescape_all(item) for key, item in value.items()}
    return value
