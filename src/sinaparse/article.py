"""The results: Article, Body and what they hold. All frozen, slotted, typed.

``to_dict()`` gives plain JSON-ready data (dates as ISO-8601 strings) and
``from_dict()`` reads it back into an equal object.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

import attrs

from ._data.json_data import FrozenMapping
from ._data.record import RecordValue, flat_record

__all__ = [
    "Article",
    "Block",
    "Body",
    "Cell",
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


def _extra_dict(extra: Mapping[str, object]) -> dict[str, object]:
    # Always a FrozenMapping (the field's converter); typed as a Mapping for readers.
    return extra.to_dict() if isinstance(extra, FrozenMapping) else FrozenMapping(extra).to_dict()


@attrs.frozen
class Image(_PickledByValues):
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

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return attrs.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Image:
        """The Image that :meth:`to_dict` gave."""
        return cls(**data)


@attrs.frozen
class Stock(_PickledByValues):
    """A security the article mentions, from Sina's stock links and keywords."""

    market: str
    """``sh``, ``sz``, ``bj``, ``hk``, ``us``, …"""
    symbol: str
    """The code within its market: ``600519``, ``CKHUY``."""
    name: str | None = None
    """The linked text, or None when the code appears only in Sina's keywords."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return attrs.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Stock:
        """The Stock that :meth:`to_dict` gave."""
        return cls(**data)


@attrs.frozen
class Paragraph(_PickledByValues):
    """A paragraph of text."""

    text: str

    kind = "paragraph"


@attrs.frozen
class Heading(_PickledByValues):
    """A sub-heading: an all-bold paragraph, or an ``<h1>``–``<h6>``."""

    text: str

    kind = "heading"


@attrs.frozen
class Figure(_PickledByValues):
    """A picture in the flow of the body."""

    image: Image

    kind = "figure"


@attrs.frozen
class Cell(_PickledByValues):
    """A table cell."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    """True for ``<th>``."""


@attrs.frozen
class Table(_PickledByValues):
    """A table: rows of cells, spans kept."""

    rows: tuple[tuple[Cell, ...], ...]
    caption: str | None = None
    """The ``<caption>``, when the table has one."""

    kind = "table"


@attrs.frozen
class Quote(_PickledByValues):
    """A quoted passage (``<blockquote>``) that is part of the article."""

    paragraphs: tuple[str, ...]

    kind = "quote"


Block = Paragraph | Heading | Figure | Table | Quote
"""One block of the body, in document order."""


def _block_to_dict(block: Block) -> dict[str, Any]:
    if isinstance(block, Figure):
        return {"type": block.kind, "image": block.image.to_dict()}
    if isinstance(block, Table):
        rows = [[attrs.asdict(cell) for cell in row] for row in block.rows]
        return {"type": block.kind, "rows": rows, "caption": block.caption}
    if isinstance(block, Quote):
        return {"type": block.kind, "paragraphs": list(block.paragraphs)}
    return {"type": block.kind, "text": block.text}


def _block_from_dict(data: Mapping[str, Any]) -> Block:
    kind = data["type"]
    if kind == Figure.kind:
        return Figure(Image.from_dict(data["image"]))
    if kind == Table.kind:
        rows = tuple(tuple(Cell(**cell) for cell in row) for row in data["rows"])
        return Table(rows, caption=data.get("caption"))
    if kind == Quote.kind:
        return Quote(tuple(data["paragraphs"]))
    if kind == Heading.kind:
        return Heading(data["text"])
    if kind == Paragraph.kind:
        return Paragraph(data["text"])
    raise ValueError(f"unknown block type {kind!r}")


def _optional_image(data: Mapping[str, Any] | None) -> Image | None:
    return Image.from_dict(data) if data is not None else None


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


@attrs.frozen(kw_only=True)
class Body:
    """What a Sina article body holds, without the post's front matter."""

    paragraphs: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    """Every paragraph, sub-heading and quoted paragraph, in order; not table cells or captions."""
    blocks: tuple[Block, ...] = attrs.field(default=(), converter=_blocks)
    """The body in order: paragraphs, headings, figures, tables, quotes."""
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

    @property
    def text(self) -> str:
        """The paragraphs, one a line."""
        return "\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "original_title": self.original_title,
            "source": self.source,
            "editor": self.editor,
            "paragraphs": list(self.paragraphs),
            "text": self.text,
            "images": [image.to_dict() for image in self.images],
            "stocks": [stock.to_dict() for stock in self.stocks],
            "blocks": [_block_to_dict(block) for block in self.blocks],
            "warnings": [list(warning) for warning in self.warnings],
        }

    def to_record(self) -> dict[str, RecordValue]:
        """One flat row for tables, keyed by :data:`~sinaparse.RECORD_FIELDS`: text,
        integers, booleans, None or lists of text (see docs/datasets.md). A bare
        Body's has None for an Article's own fields, ``[]`` for its lists, ``"{}"``
        for ``extra``."""
        return flat_record(self.to_dict())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Body:
        """The Body that :meth:`to_dict` gave."""
        return cls(**_body_fields_from_dict(data))


def _body_fields_from_dict(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "paragraphs": tuple(data["paragraphs"]),
        "blocks": tuple(_block_from_dict(block) for block in data["blocks"]),
        "images": tuple(Image.from_dict(image) for image in data["images"]),
        "stocks": tuple(Stock.from_dict(stock) for stock in data["stocks"]),
        "original_title": data["original_title"],
        "source": data["source"],
        "editor": data["editor"],
        "warnings": _warnings(data["warnings"]),
    }


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
        return {
            "title": self.title,
            "date": self.date.isoformat(),
            "url": self.url,
            "categories": list(self.categories),
            "keywords": list(self.keywords),
            "channel": self.channel,
            "author": self.author,
            "comments": self.comments,
            "head_image": self.head_image.to_dict() if self.head_image else None,
            "thumbnail": self.thumbnail.to_dict() if self.thumbnail else None,
            "extra": _extra_dict(self.extra),
            **super().to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """The Article that :meth:`to_dict` gave."""
        return cls(
            title=data["title"],
            date=dt.datetime.fromisoformat(data["date"]),
            categories=tuple(data["categories"]),
            author=data["author"],
            comments=data["comments"],
            head_image=_optional_image(data["head_image"]),
            thumbnail=_optional_image(data["thumbnail"]),
            extra=data["extra"],
            url=data.get("url"),
            keywords=tuple(data.get("keywords", ())),
            channel=data.get("channel"),
            **_body_fields_from_dict(data),
        )
