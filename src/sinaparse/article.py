"""The results: Article, Body and what they hold. All frozen, slotted, typed.

``to_dict()`` gives plain JSON-ready data (dates as ISO-8601 strings) and
``from_dict()`` reads it back into an equal object, checking every value
(:mod:`._data.article_data` does both).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple, TypeVar

import attrs

from ._data.article_data import article_data, body_data, from_data, to_data
from ._data.json_data import FrozenMapping
from ._data.record import RecordValue, flat_record

__all__ = [
    "Article",
    "Block",
    "Body",
    "Cell",
    "Code",
    "Credit",
    "Figure",
    "FrozenMapping",
    "Heading",
    "Image",
    "Paragraph",
    "ParseWarning",
    "Quote",
    "Stock",
    "Table",
]


_T = TypeVar("_T")


class ParseWarning(NamedTuple):
    """Something odd the parser recovered from, kept on the result."""

    code: str
    """A stable identifier, e.g. ``"date-assumed-zone"``."""
    message: str
    """What happened, for a person."""


class _PickledByValues:
    """Pickled as a call of the class with its field values, in order.

    About half the cost of attrs' default (a dict of field names for each
    object) in both directions: a worker process of ``parse_many``, or a Dask
    or Spark executor, sends back thousands of these small objects.
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        cls = type(self)
        values = _FIELD_VALUES.get(cls) or _FIELD_VALUES.setdefault(cls, _values_getter(cls))
        return (cls, values(self))


_FIELD_VALUES: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _values_getter(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    fields = attrs.fields(cls)
    if any(not field.init or field.kw_only for field in fields):
        raise TypeError(f"{cls.__name__} has fields that cannot be given by position")
    get = operator.attrgetter(*(field.name for field in fields))
    if len(fields) == 1:
        return lambda instance: (get(instance),)
    return get  # several names: it returns a tuple


class _Data:
    """``to_dict`` and ``from_dict``, the same for every result (see :mod:`._data.article_data`)."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; a block's dict starts with its ``type``."""
        return to_data(self)

    @classmethod
    def from_dict(cls: type[_T], data: Mapping[str, Any]) -> _T:
        """The object :meth:`to_dict` gave, every value checked against its field's type.

        Raises:
            DataError: a required key is missing, a value is of the wrong type,
                or it is one no parse gives (docs/api.md lists them); the error's
                ``key`` is the path to it (``rows[0][1].colspan``).
        """
        return from_data(cls, data)


@attrs.frozen
class Image(_PickledByValues, _Data):
    """A picture of the article."""

    url: str
    """Absolute http(s) URL; https on Sina's hosts."""
    alt: str | None = None
    """The ``alt`` text, or None when empty."""
    caption: str | None = None
    """The caption (Sina's ``span.img_descr``), or None when empty."""
    width: int | None = None
    """Width in pixels from Sina's ``w640h387`` path segment, when present."""
    height: int | None = None
    """Height in pixels from the same segment, when present."""


@attrs.frozen
class Stock(_PickledByValues, _Data):
    """A security the article mentions, from Sina's stock links and keywords."""

    market: str
    """``sh``, ``sz``, ``bj``, ``hk``, ``us``, …"""
    symbol: str
    """The code within its market: ``600519``, ``CKHUY``."""
    name: str | None = None
    """The linked text, or None when the code appears only in Sina's keywords."""
    linked: bool = False
    """Whether Sina linked the mention in the text (an ``<a>`` to the stock's
    page); False when the code is only in Sina's keywords, or in an auto-linker
    span without a link. Data from 0.1, which lacks it, reads as False."""


@attrs.frozen
class Credit(_PickledByValues, _Data):
    """Someone the body credits, with their role: a byline, or a credit beside the editor's."""

    role: str
    """The role as written: ``作者``, ``记者``, ``驻京记者``, ``主编``, ``摄影``, ``文``, …"""
    name: str
    """One name (a person, or an agency), as written: ``李四``."""


@attrs.frozen
class Paragraph(_PickledByValues, _Data):
    """A paragraph of text."""

    text: str
    """Its text, white space collapsed."""

    kind = "paragraph"


@attrs.frozen
class Heading(_PickledByValues, _Data):
    """A sub-heading: an all-bold paragraph, or an ``<h1>``–``<h6>``."""

    text: str
    """Its text, white space collapsed."""

    kind = "heading"


@attrs.frozen
class Figure(_PickledByValues, _Data):
    """A picture in the flow of the body."""

    image: Image
    """The picture."""

    kind = "figure"


@attrs.frozen
class Cell(_PickledByValues, _Data):
    """A table cell."""

    text: str
    """Its text, white space collapsed."""
    colspan: int = 1
    """The columns it spans."""
    rowspan: int = 1
    """The rows it spans."""
    header: bool = False
    """True for ``<th>``."""


@attrs.frozen
class Table(_PickledByValues, _Data):
    """A table: rows of cells, spans kept."""

    rows: tuple[tuple[Cell, ...], ...]
    """The rows, each a tuple of its cells."""
    caption: str | None = None
    """The ``<caption>``, when the table has one."""

    kind = "table"


@attrs.frozen
class Quote(_PickledByValues, _Data):
    """A quoted passage (``<blockquote>``) that is part of the article."""

    paragraphs: tuple[str, ...]
    """Its paragraphs and sub-headings, in order."""

    kind = "quote"


@attrs.frozen
class Code(_PickledByValues, _Data):
    """Preformatted text: a ``<pre>``, or a ``<code>`` that stands as a block."""

    text: str
    """The text exactly as written: every space, tab and line break kept."""
    language: str | None = None
    """The language a ``language-…`` or ``lang-…`` class names (``python``), else None."""

    kind = "code"


Block = Paragraph | Heading | Figure | Table | Quote | Code
"""One block of the body, in document order."""


def _warnings(items: Iterable[Iterable[str]]) -> tuple[ParseWarning, ...]:
    return tuple(ParseWarning(*item) for item in items)


# Typed converters: a caller may pass any iterable; the result always holds a tuple.
def _strs(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _blocks(items: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(items)


def _images(items: Iterable[Image]) -> tuple[Image, ...]:
    return tuple(items)


def _stocks(items: Iterable[Stock]) -> tuple[Stock, ...]:
    return tuple(items)


def _credits(items: Iterable[Credit]) -> tuple[Credit, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Body(_Data):
    """What a Sina article body holds, without the post's front matter."""

    paragraphs: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    """Every paragraph, sub-heading and quoted paragraph, in order; not table
    cells, code blocks or captions."""
    blocks: tuple[Block, ...] = attrs.field(default=(), converter=_blocks)
    """The body in order: paragraphs, headings, figures, tables, quotes, code."""
    images: tuple[Image, ...] = attrs.field(default=(), converter=_images)
    """The content pictures, in document order."""
    stocks: tuple[Stock, ...] = attrs.field(default=(), converter=_stocks)
    """The securities mentioned, without duplicates, linked ones first, in order."""
    original_title: str | None = None
    """The 原标题 line's title."""
    source: str | None = None
    """The 来源 line's source."""
    editor: str | None = None
    """The 责任编辑's name, without a work code such as ``SF014``."""
    warnings: tuple[ParseWarning, ...] = attrs.field(default=(), converter=_warnings)
    """What the parser recovered from."""
    credits: tuple[Credit, ...] = attrs.field(default=(), converter=_credits)
    """Everyone else the body credits, in order: byline paragraphs (``记者 高健``,
    ``文丨李四``) and the roles after the 来源 or 责任编辑 (``主编：王芳``)."""

    @property
    def text(self) -> str:
        """The paragraphs, one a line."""
        return "\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return body_data(self)

    def to_record(self) -> dict[str, RecordValue]:
        """One flat row for tables, keyed by :data:`~sinaparse.RECORD_FIELDS`: text,
        integers, booleans, None or lists of text (see docs/datasets.md). A bare
        Body's has None for an Article's own fields, ``[]`` for its lists, ``"{}"``
        for ``extra``."""
        return flat_record(self.to_dict())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Body:
        """The Body that :meth:`to_dict` gave, every value checked.

        Raises:
            DataError: a required key is missing or a value is of the wrong type.
        """
        return from_data(cls, data)


@attrs.frozen(kw_only=True)
class Article(Body):
    """One Sina article (a post, a page or a feed item): its metadata, then every
    field of :class:`Body`."""

    title: str
    """The title, with the aggregator's escapes and ``_`` replacements undone where known."""
    date: dt.datetime
    """The publication time, always timezone-aware."""
    categories: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    """The aggregator's categories: group, site, feed."""
    author: str | None = None
    """The author: a post's ``author`` (the site name), a page's ``article:author``
    meta, a feed item's ``dc:creator`` or ``author``; None when empty."""
    comments: bool | None = None
    """The front matter's ``comments`` flag."""
    head_image: Image | None = None
    """``headimg``; None when empty or when it is a boilerplate picture."""
    thumbnail: Image | None = None
    """``thumbnail``; None when empty or when it is a boilerplate picture."""
    extra: Mapping[str, object] = attrs.field(
        factory=FrozenMapping, converter=FrozenMapping, hash=False
    )
    """Every other front-matter key, with its value as YAML gave it: a read-only
    :class:`FrozenMapping` of JSON data, whose reads give fresh lists and dicts."""
    url: str | None = None
    """The article's address: absolute, http or https (https on Sina's hosts).
    A post's ``link``, ``url`` or ``permalink`` key; a page's ``og:url`` or
    canonical link; a feed item's link. None when unknown."""
    keywords: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    """Sina's keywords (tags) of the article: a page's keyword links or
    ``meta name=keywords``, a feed item's categories. Empty for a post."""
    channel: str | None = None
    """The page's channel, from its breadcrumb (``国内新闻``, ``财经 > 美股``); None
    when the page has none, and for posts and feed items."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: the front matter's fields, then the body's, flat."""
        return article_data(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """The Article that :meth:`to_dict` gave, every value checked.

        Raises:
            DataError: a required key is missing, a value is of the wrong type,
                or it is one no parse gives (a ``javascript:`` picture, a NUL,
                NaN in ``extra``); the error's ``key`` is the path to it
                (``blocks[3].text``).
        """
        return from_data(cls, data)
