"""Front matter read by PyYAML's safe loader (the C one when present)."""

from __future__ import annotations

import re
from typing import ClassVar

import yaml

from ._fields import RawField, unescape_all, unescape_braces
from .errors import FrontMatterError

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

# YAML aliases let a few lines stand for billions of values (an "alias bomb");
# front matter never needs more than a few hundred.
MAX_VALUES = 10_000


class Loader(_SafeLoader):  # type: ignore[misc,valid-type]
    """A safe loader (never builds objects) that leaves timestamps as text.

    Dates are read by sinaparse itself, in more forms and with zones; other
    keys keep the text they were written with, so ``to_dict`` stays JSON.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
    }


class YamlSyntaxError(FrontMatterError):
    """Text that is not YAML at all, as opposed to YAML that cannot be built."""


def fields_from_yaml(text: str, first_line: int) -> dict[str, RawField]:
    loader = Loader(text)
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
        fields: dict[str, RawField] = {}
        for key_node, value_node in node.value:
            # A key keeps the name it was written with: "on" is not True.
            key = unescape_braces(
                key_node.value
                if isinstance(key_node, yaml.ScalarNode)
                else str(loader.construct_object(key_node, deep=True))
            )
            fields[key] = _field_from_node(
                value_node,
                loader.construct_object(value_node, deep=True),
                first_line + key_node.start_mark.line,
            )
        return fields
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


def _field_from_node(node: yaml.Node, value: object, line: int) -> RawField:
    text = items = None
    if isinstance(node, yaml.ScalarNode):
        if value is not None:
            text = unescape_braces(node.value)
    elif isinstance(node, yaml.SequenceNode) and all(
        isinstance(item, yaml.ScalarNode) for item in node.value
    ):
        items = tuple(unescape_braces(item.value) for item in node.value)
    return RawField(unescape_all(value), text, items, line)


def _line_of(exc: yaml.MarkedYAMLError, first_line: int) -> int:
    mark = exc.problem_mark or exc.context_mark
    return first_line + mark.line if mark is not None else first_line


def _describe_yaml_error(exc: yaml.MarkedYAMLError, first_line: int) -> str:
    problem = exc.problem or "unreadable"
    if exc.context and exc.context_mark is not None:
        line = first_line + exc.context_mark.line
        return f"invalid YAML: {problem} ({exc.context} on line {line})"
    return f"invalid YAML: {problem}"
