"""Front matter read by PyYAML's safe loader (the C one when present)."""

from __future__ import annotations

import yaml

from ..errors import FrontMatterError
from .raw import (
    MAX_REPEATED_CHARACTERS,
    MAX_VALUES,
    RawField,
    Reading,
    too_many_values,
    unescape_all,
    unescape_braces,
)
from .yaml_values import JsonReadyConstructor, LongTextResolver

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Not resolved from plain text: timestamps (dates are sinaparse's to read) and
# "=" (YAML 1.1's "value" key, which the safe constructor cannot build).
_UNRESOLVED = frozenset({"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value"})
# Text this short composes into a few tens of thousands of nodes at most, in
# milliseconds: longer text that may hold more nodes than allowed is first
# counted, event by event, so that front matter of a million values is
# refused before PyYAML builds them.
_COMPOSED_UNCOUNTED = 2 * MAX_VALUES
# A node starts at a line, or after one of these; none starts more than three
# ("? " starts a mapping, its key and its value).
_NODE_STARTS = "\n,:-?[{"
_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


class Loader(JsonReadyConstructor, LongTextResolver, _SafeLoader):  # type: ignore[misc,valid-type]
    """A safe loader (never builds objects) whose values are JSON data.

    Dates are read by sinaparse itself, in more forms and with zones, so
    timestamps are not resolved: they keep the text they were written with.
    """

    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own class attribute
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _UNRESOLVED]
        for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str, line_offset: int = 1) -> None:
        _SafeLoader.__init__(self, stream)
        self.start_reading(line_offset=line_offset)


class YamlSyntaxError(FrontMatterError):
    """Text that is not YAML at all, as opposed to YAML that cannot be built."""


def fields_from_yaml(text: str, first_line: int) -> Reading:
    """The fields of the YAML ``text``, which starts on line ``first_line``.

    Raises:
        YamlSyntaxError: ``text`` is not YAML.
        FrontMatterError: it is not a mapping, holds more than ``MAX_VALUES``
            values or repeats more than ``MAX_REPEATED_CHARACTERS`` characters
            once aliases are expanded, or has a value that cannot be built.
    """
    loader = Loader(text, first_line)
    try:
        return _read(loader, text, first_line)
    except FrontMatterError:
        raise
    except (yaml.scanner.ScannerError, yaml.parser.ParserError) as exc:
        raise YamlSyntaxError(
            _describe_yaml_error(exc, first_line), line=_line_of(exc, first_line)
        ) from exc
    except yaml.MarkedYAMLError as exc:
        raise FrontMatterError(
            _describe_yaml_error(exc, first_line), line=_line_of(exc, first_line)
        ) from exc
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML: {exc}", line=first_line) from exc
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        # PyYAML's constructors fail this way on a tag given a value it cannot take.
        raise FrontMatterError(f"invalid YAML value: {exc}", line=first_line) from exc
    except RecursionError:
        raise FrontMatterError("front matter is nested too deeply", line=first_line) from None
    finally:
        loader.dispose()


def _read(loader: Loader, text: str, first_line: int) -> Reading:
    if _may_hold_too_many_nodes(text) and _more_nodes_than_allowed(text):
        raise too_many_values(first_line)
    node = loader.get_single_node()
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError("front matter is not a mapping of keys to values", line=first_line)
    _check_expansion(node, first_line)
    loader.flatten_mapping(node)  # merge keys (<<) give their keys to the top level
    fields: dict[str, RawField] = {}
    memo: dict[int, object] = {}  # aliases: each object is unescaped once
    for key_node, value_node in node.value:
        # A key keeps the name it was written with: "on" is not True.
        key = unescape_braces(loader.key_text(key_node))
        value = unescape_all(loader.construct_object(value_node, deep=True), memo)
        fields[key] = _field_from_node(value_node, value, first_line + key_node.start_mark.line)
    return Reading(fields, tuple(loader.warnings))


def _may_hold_too_many_nodes(text: str) -> bool:
    """A quick bound: False when ``text`` cannot hold more than ``MAX_VALUES`` nodes."""
    if len(text) <= _COMPOSED_UNCOUNTED:
        return False
    return 3 * sum(text.count(start) for start in _NODE_STARTS) + 3 > MAX_VALUES


def _more_nodes_than_allowed(text: str) -> bool:
    """Whether ``text`` has more than ``MAX_VALUES`` nodes, aliases counted once;
    stops reading there, so a huge front matter costs no more than a small one."""
    counter = Loader(text)
    try:
        count = 0
        while counter.check_event():
            if isinstance(counter.get_event(), _NODE_EVENTS):
                count += 1
                if count > MAX_VALUES:
                    return True
        return False
    finally:
        counter.dispose()


def _check_expansion(root: yaml.Node, first_line: int) -> None:
    """Refuse a node graph whose aliases expand beyond the limits (or never end).

    Aliases make the node graph a DAG: sizes are memoised per node, so this
    costs one visit per node however large the expansion.
    """
    sizes: dict[int, tuple[int, int]] = {}  # id: (values, characters) once expanded
    open_nodes: set[int] = set()  # on the current path: meeting one again is a cycle
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        children = _children(node)
        if children_done:
            open_nodes.discard(id(node))
            values = 1 + sum(sizes[id(child)][0] for child in children)
            characters = sum(sizes[id(child)][1] for child in children)
            sizes[id(node)] = (min(values, MAX_VALUES + 1), characters)
            continue
        if id(node) in sizes:
            continue
        if id(node) in open_nodes:
            raise too_many_values(first_line)  # a recursive structure never ends
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = (1, len(node.value))
            continue
        open_nodes.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    values, characters = sizes[id(root)]
    if values > MAX_VALUES:
        raise too_many_values(first_line)
    written = sum(len(node.value) for node in _scalars(root, sizes))
    if characters - written > MAX_REPEATED_CHARACTERS:
        raise FrontMatterError(
            f"YAML aliases repeat more than {MAX_REPEATED_CHARACTERS:,} characters",
            line=first_line,
        )


def _scalars(root: yaml.Node, sizes: dict[int, tuple[int, int]]) -> list[yaml.ScalarNode]:
    """Every scalar node of the graph once (``sizes`` holds every node's id)."""
    if isinstance(root, yaml.ScalarNode):
        return [root]
    seen: set[int] = {id(root)}
    scalars: list[yaml.ScalarNode] = []
    stack = [root]
    while stack:
        for child in _children(stack.pop()):
            if id(child) in seen:
                continue
            seen.add(id(child))
            if isinstance(child, yaml.ScalarNode):
                scalars.append(child)
            else:
                stack.append(child)
    return scalars


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _field_from_node(node: yaml.Node, value: object, line: int) -> RawField:
    text = items = None
    if isinstance(node, yaml.ScalarNode):
        if value is not None:
            text = unescape_braces(node.value)
    elif isinstance(node, yaml.SequenceNode) and all(
        isinstance(item, yaml.ScalarNode) for item in node.value
    ):
        items = tuple(unescape_braces(item.value) for item in node.value)
    return RawField(value, text, items, line)


def _line_of(exc: yaml.MarkedYAMLError, first_line: int) -> int:
    mark = exc.problem_mark or exc.context_mark
    return first_line + mark.line if mark is not None else first_line


def _describe_yaml_error(exc: yaml.MarkedYAMLError, first_line: int) -> str:
    problem = exc.problem or "unreadable"
    if exc.context and exc.context_mark is not None:
        line = first_line + exc.context_mark.line
        return f"invalid YAML: {problem} ({exc.context} on line {line})"
    return f"invalid YAML: {problem}"
