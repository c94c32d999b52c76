"""Front matter read by PyYAML's safe loader (the C one when present)."""

from __future__ import annotations

import base64
import json
import math
import re
from collections.abc import Iterator
from typing import Any, ClassVar

import yaml

from ..errors import FrontMatterError
from .raw import RawField, unescape_all, unescape_braces

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

# YAML aliases let a few lines stand for billions of values (an "alias bomb");
# front matter never needs more than a few hundred.
MAX_VALUES = 10_000


class JsonReadyConstructor(yaml.constructor.SafeConstructor):
    """PyYAML's safe constructor, building only values that JSON holds.

    Front-matter values end up in ``Article.extra`` and in ``to_dict()``, which
    users write out as JSON. YAML has a few values JSON has no form for; each
    becomes its nearest JSON form, keeping what was written:

    - a mapping key that is not text (``{1: one}``, ``{~: x}``): its text as
      written (``"1"``, ``"~"``); a list or mapping key: its JSON text;
    - ``.nan``, ``.inf``, ``-.inf``: the text as written;
    - ``!!timestamp``: the text as written, once checked (dates are sinaparse's to read);
    - ``!!binary``: its base64 text, without spaces and line breaks (checked);
    - ``!!set``: a list of its members, in written order;
    - ``!!omap``: a mapping; ``!!pairs``: a list of ``[key, value]`` lists.
    """

    def construct_mapping(  # type: ignore[override]  # keys are text, not any hashable
        self, node: yaml.MappingNode, deep: bool = False
    ) -> dict[str, Any]:
        self.flatten_mapping(node)  # merge keys (<<)
        return {
            self.key_text(key_node): self.construct_object(value_node, deep=deep)
            for key_node, value_node in node.value
        }

    def key_text(self, node: yaml.Node) -> str:
        """A mapping key as JSON text: a scalar's text as written."""
        if isinstance(node, yaml.ScalarNode):
            return str(node.value)
        key = self.construct_object(node, deep=True)
        return json.dumps(key, ensure_ascii=False)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float | str:  # type: ignore[override]
        number: float = super().construct_yaml_float(node)
        return number if math.isfinite(number) else str(node.value)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> str:  # type: ignore[override]
        super().construct_yaml_timestamp(node)  # fails on what is no timestamp
        return str(node.value)

    def construct_yaml_binary(self, node: yaml.ScalarNode) -> str:  # type: ignore[override]
        text = "".join(str(node.value).split())
        try:
            base64.b64decode(text, validate=True)  # PyYAML's own decoding skips junk
        except ValueError:
            raise yaml.constructor.ConstructorError(
                None, None, "!!binary value is not base64", node.start_mark
            ) from None
        return text

    def construct_yaml_set(self, node: yaml.MappingNode) -> Iterator[list[Any]]:  # type: ignore[override]
        members: list[Any] = []
        yield members
        seen: set[str] = set()
        for key_node, _ in node.value:
            member = self.construct_object(key_node, deep=True)
            identity = json.dumps(member, sort_keys=True)
            if identity not in seen:
                seen.add(identity)
                members.append(member)

    def construct_yaml_omap(self, node: yaml.Node) -> Iterator[dict[str, Any]]:  # type: ignore[override]
        mapping: dict[str, Any] = {}
        yield mapping
        mapping.update(self._pairs(node, "an ordered map"))

    def construct_yaml_pairs(self, node: yaml.Node) -> Iterator[list[list[Any]]]:  # type: ignore[override]
        pairs: list[list[Any]] = []
        yield pairs
        pairs.extend([key, value] for key, value in self._pairs(node, "pairs"))

    def _pairs(self, node: yaml.Node, what: str) -> list[tuple[str, Any]]:
        """The (key, value) pairs of a sequence of one-pair mappings (``!!omap``, ``!!pairs``)."""
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
            pairs.append((self.key_text(key_node), self.construct_object(value_node, deep=True)))
        return pairs


for _name in ("float", "timestamp", "binary", "set", "omap", "pairs"):
    JsonReadyConstructor.add_constructor(
        f"tag:yaml.org,2002:{_name}", getattr(JsonReadyConstructor, f"construct_yaml_{_name}")
    )


class Loader(JsonReadyConstructor, _SafeLoader):  # type: ignore[misc,valid-type]
    """A safe loader (never builds objects) whose values are JSON data.

    Dates are read by sinaparse itself, in more forms and with zones, so
    timestamps are not resolved: they keep the text they were written with.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        _SafeLoader.__init__(self, stream)


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
        loader.flatten_mapping(node)  # merge keys (<<) give their keys to the top level
        fields: dict[str, RawField] = {}
        for key_node, value_node in node.value:
            # A key keeps the name it was written with: "on" is not True.
            key = unescape_braces(loader.key_text(key_node))
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
