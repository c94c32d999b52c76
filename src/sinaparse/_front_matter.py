"""Stage 3: the front matter's YAML becomes typed fields and ``extra``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from re import Pattern
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

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Pattern[str]]]]] = {
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

    Raises:
        FrontMatterError: the YAML is invalid, not a mapping, or has no usable
            title or date.
    """
    node = _compose(text, first_line)
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError("front matter is not a mapping of keys to values", line=first_line)
    fields = _Fields(node, first_line)
    warnings: list[ParseWarning] = []

    title = fields.scalar_text("title")
    if not title or not title.strip():
        raise FrontMatterError("no 'title'", line=fields.line("title"))

    date_text = fields.scalar_text("date")
    if not date_text:
        raise FrontMatterError("no 'date'", line=fields.line("date"))
    try:
        date = parse_date(date_text, default_tz)
    except DateError as exc:
        raise DateError(f"'date' is {exc.reason}", line=fields.line("date")) from None
    if date.zone_assumed:
        warnings.append(
            ParseWarning(
                "date-assumed-zone", f"date {date_text!r} has no zone: read in {default_tz}"
            )
        )

    comments = fields.value("comments")
    if comments is not None and not isinstance(comments, bool):
        warnings.append(
            ParseWarning("comments-not-bool", f"'comments' is {comments!r}, not true or false")
        )
        comments = None

    return FrontMatter(
        title=title,
        date=date.value,
        categories=fields.text_list("categories"),
        author=fields.scalar_text("author") or None,
        comments=comments,
        head_image_url=fields.scalar_text("headimg") or None,
        thumbnail_url=fields.scalar_text("thumbnail") or None,
        extra={key: value for key, value in fields.values.items() if key not in _MAPPED_KEYS},
        warnings=tuple(warnings),
    )


def _compose(text: str, first_line: int) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise FrontMatterError(
            _describe_yaml_error(exc, first_line), line=_line_of(exc, first_line)
        ) from exc
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML: {exc}", line=first_line) from exc
    finally:
        loader.dispose()
    return node


def _line_of(exc: yaml.MarkedYAMLError, first_line: int) -> int:
    mark = exc.problem_mark or exc.context_mark
    return first_line + mark.line if mark is not None else first_line


def _describe_yaml_error(exc: yaml.MarkedYAMLError, first_line: int) -> str:
    problem = exc.problem or "unreadable"
    if exc.context and exc.context_mark is not None:
        return (
            f"invalid YAML: {problem} ({exc.context} on line {first_line + exc.context_mark.line})"
        )
    return f"invalid YAML: {problem}"


class _Fields:
    """The top-level keys of a composed mapping, with their values and lines."""

    def __init__(self, node: yaml.MappingNode, first_line: int) -> None:
        self._nodes: dict[str, yaml.Node] = {}
        self.values: dict[str, object] = {}
        self._first_line = first_line
        self._key_lines: dict[str, int] = {}
        loader = _Loader("")
        try:
            for key_node, value_node in node.value:
                key = unescape_braces(str(loader.construct_object(key_node, deep=True)))
                self._nodes[key] = value_node
                self._key_lines[key] = first_line + key_node.start_mark.line
                self.values[key] = _unescape_all(loader.construct_object(value_node, deep=True))
        except yaml.MarkedYAMLError as exc:
            raise FrontMatterError(
                _describe_yaml_error(exc, first_line), line=_line_of(exc, first_line)
            ) from exc
        except yaml.YAMLError as exc:
            raise FrontMatterError(f"invalid YAML: {exc}", line=first_line) from exc
        finally:
            loader.dispose()

    def line(self, key: str) -> int:
        return self._key_lines.get(key, self._first_line)

    def value(self, key: str) -> object:
        return self.values.get(key)

    def scalar_text(self, key: str) -> str | None:
        """The value as written: ``title: 2021`` is the text ``"2021"``, not a number."""
        node = self._nodes.get(key)
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode):
            raise FrontMatterError(f"{key!r} is a list or mapping, not text", line=self.line(key))
        if node.tag == "tag:yaml.org,2002:null" and not node.style:
            return None
        return unescape_braces(node.value)

    def text_list(self, key: str) -> tuple[str, ...]:
        node = self._nodes.get(key)
        if node is None:
            return ()
        if isinstance(node, yaml.ScalarNode):
            text = self.scalar_text(key)
            return (text,) if text else ()
        if isinstance(node, yaml.SequenceNode) and all(
            isinstance(item, yaml.ScalarNode) for item in node.value
        ):
            return tuple(unescape_braces(item.value) for item in node.value)
        raise FrontMatterError(f"{key!r} is not a list of text", line=self.line(key))


def _unescape_all(value: object) -> object:
    if isinstance(value, str):
        return unescape_braces(value)
    if isinstance(value, list):
        return [_unescape_all(item) for item in value]
    if isinstance(value, Mapping):
        return {_unescape_all(key): _unescape_all(item) for key, item in value.items()}
    return value
