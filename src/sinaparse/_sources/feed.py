"""An RSS 2.0 or Atom feed becomes its items, as strings, one at a time.

The XML is parsed incrementally (lxml's pull parser, fed in chunks) with no
network, no DTD and no entity expansion: a feed with a document type
declaration is refused. Only the elements at the item level of the feed are
items (``rss/channel/item``, ``rss/item``, Atom's ``feed/entry``): an
``<item>`` inside an item is part of it. Each item is read when its end tag
arrives, then cleared; every other finished element is cleared as it ends
(the channel's ``<link>`` read first: relative links resolve against it), so
memory holds about one item however long the feed, and an item holds at most
:data:`MOST_ITEM_ELEMENTS` elements. How the bytes are decoded: ``feed_bytes``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
from lxml import etree

from ..errors import InputError
from .feed_bytes import encoding_problem, feed_bytes, reading_encoding
from .feed_item import ATOM, RawItem, read_item, xml_base

__all__ = ["ATOM", "MOST_ITEM_ELEMENTS", "NO_ITEMS", "Feed", "RawItem", "read_item"]

NO_ITEMS = "the feed holds no items"
"""Why a feed without an item is an error where one is expected of it (a file of
``parse_many``, ``explain``); ``parse_feed`` gives it no outcome."""

MOST_ITEM_ELEMENTS = 200_000
"""The most elements one item may hold (its children and their XHTML): as many
tags as a body may hold (``_body/markup.py``). An item with more is an error
outcome, and the feed goes on after it."""

# The bytes fed to the parser at a time: the tree holds at most a chunk's
# elements beyond the item being read.
_CHUNK = 64 * 1024
# The tags events are asked for: the roots, the channel, its link, the items.
_TAGS = ("rss", "channel", "link", "item", ATOM + "feed", ATOM + "entry")
_JUNK_SHOWN = 40  # characters of text after the feed's end, shown in the error
_INVALID_ENCODING = int(etree.ErrorTypes.ERR_INVALID_ENCODING)


@attrs.define
class _Open:
    """The item being read, and how many elements it may hold at most so far."""

    element: etree._Element
    counted: int = 0  # its elements, when last counted
    bound: int = 0  # at most this many: counted, and each tag fed since
    too_many: bool = False


class Feed:
    """An open feed: its root was read and is RSS or Atom; iterate it for its items."""

    def __init__(
        self,
        source: str | bytes,
        *,
        max_bytes: int,
        max_items: int,
        max_item_elements: int = MOST_ITEM_ELEMENTS,
    ) -> None:
        self.max_items = max_items
        self.max_item_elements = max_item_elements
        self.data = feed_bytes(source, max_bytes)
        self.encoding = reading_encoding(source, self.data)  # None: as the XML says
        self.broken: _Break | None = None  # where the XML breaks, once met
        self._last_chunk_tags = 0  # the "<" of the chunk last fed
        self._channel_link: tuple[str, ...] = ()
        self.ended = False  # the root's end tag was read
        self.kind = self._read_root()
        # Events for these tags only: an element of another tag costs no Python
        # object, and is freed with its finished siblings after each chunk.
        self._parser = _new_parser(self.encoding, tag=_TAGS)
        self.root: etree._Element | None = None  # held as the items are cleared

    def _chunks(self, parser: etree.XMLPullParser) -> Iterator[Iterator[tuple[str, Any]]]:
        """The parser's events, a chunk at a time; where the XML breaks, the events
        before the break, the error kept in ``_broken``."""
        data = self.data
        try:
            for start in range(0, len(data), _CHUNK):
                chunk = data[start : start + _CHUNK]
                self._last_chunk_tags = chunk.count(b"<")
                parser.feed(chunk)
                yield parser.read_events()
        except etree.XMLSyntaxError as error:
            self.broken = _break_of(error, parser)
            yield parser.read_events()  # those before the break
            return
        try:
            parser.close()
        except etree.XMLSyntaxError as error:
            # The document ends inside an element: the end events the parser
            # then gives close elements the feed never closed, and are not read.
            self.broken = _break_of(error, parser)

    def _read_root(self) -> str:
        """The feed's kind, from its first element, read by a parser of its own."""
        first = None
        for events in self._chunks(_new_parser(self.encoding)):
            first = next(events, None)
            if first is not None:
                break
        if first is None:
            why = self.broken.message if self.broken is not None else "no XML element"
            raise InputError(_encoding_problem(self) or f"not an RSS or Atom feed: {why}")
        self.broken = None  # the items' parser meets it again, in its place
        root = first[1]
        if root.getroottree().docinfo.doctype:
            raise InputError("a feed with a document type declaration is refused (no DTD is read)")
        if root.tag == "rss":
            return "rss"
        if root.tag == ATOM + "feed":
            return "atom"
        raise InputError(f"not an RSS or Atom feed: the document is <{_local(root.tag)}>")

    def __iter__(self) -> Iterator[RawItem]:
        index = 0
        item: _Open | None = None
        for events in self._chunks(self._parser):
            for event, element in events:
                if event == "start":
                    if self.root is None:
                        self.root = element
                    elif item is None and _at_item_level(element, self.root, self.kind):
                        item = _Open(element)
                elif item is None:
                    self._finished(element)
                elif element is item.element:
                    if index == self.max_items:
                        reason = (
                            f"the feed holds more than {self.max_items:,} items: "
                            "the rest is not read"
                        )
                        yield RawItem(index, _line(element), error=InputError(reason))
                        return
                    yield self._item(item, index)
                    index += 1
                    _clear(element)
                    item = None
            self._prune(item)
        if self.broken is not None:
            yield _broken_item(self, index)

    def _finished(self, element: etree._Element) -> None:
        """A finished element outside the items: the channel's link is read."""
        if element is self.root:
            self.ended = True
        elif self.kind == "rss" and element.tag == "link" and not self._channel_link:
            parent = element.getparent()
            if parent is not None and parent.tag == "channel" and parent.getparent() is self.root:
                link = (element.text or "").strip()
                self._channel_link = (link,) if link else ()

    def _prune(self, item: _Open | None) -> None:
        """Free what the chunk finished outside the item being read; count the
        elements of that item, and free them too once it holds too many."""
        if self.root is None:
            return
        _prune_below(self.root, item.element if item is not None else None)
        if item is None:
            return
        if not item.too_many:
            # A cheap bound first (each "<" fed may start an element); the
            # count, in C, only when that bound passes the limit.
            item.bound += self._last_chunk_tags
            if item.bound > self.max_item_elements:
                item.counted = _count_elements(item.element)
                item.bound = item.counted
                item.too_many = item.counted > self.max_item_elements
        if item.too_many:
            _prune_below(item.element, None)

    def _item(self, item: _Open, index: int) -> RawItem:
        element = item.element
        if item.too_many or (
            item.bound + self._last_chunk_tags > self.max_item_elements
            and _count_elements(element) > self.max_item_elements
        ):
            reason = (
                f"the item holds more than {self.max_item_elements:,} elements: "
                "too many to read; the feed goes on after it"
            )
            return RawItem(index, _line(element), error=InputError(reason, line=_line(element)))
        if self.kind == "atom":
            assert self.root is not None
            bases = xml_base(self.root) + xml_base(element)
        else:
            bases = self._channel_link
        return read_item(element, index, bases)


def _at_item_level(element: etree._Element, root: etree._Element, kind: str) -> bool:
    """Whether ``element`` (just started) is an item of the feed ``root`` holds."""
    parent = element.getparent()
    if kind == "atom":
        return element.tag == ATOM + "entry" and parent is root
    if element.tag != "item":
        return False
    return parent is root or (
        parent is not None and parent.tag == "channel" and parent.getparent() is root
    )


def _broken_item(feed: Feed, index: int) -> RawItem:
    """The last outcome of ``feed``, whose XML breaks: where and why."""
    error = feed.broken
    assert error is not None
    problem = _encoding_problem(feed)
    if problem is not None:
        reason = f"{problem}: the rest is not read"
    elif feed.ended and feed.root is not None:
        end = _local(feed.root.tag)
        reason = f"the document goes on after the feed's </{end}>: {_junk(feed)} is not read"
    else:
        reason = f"the feed's XML breaks here, the rest is not read: {error.message}"
    return RawItem(index, error.line, error=InputError(reason, line=error.line or None))


def _junk(feed: Feed) -> str:
    """The start of what follows the feed's end tag (found in the bytes: the
    parser's column is not always the junk's), or "text"."""
    assert feed.root is not None
    prefix = f"{feed.root.prefix}:" if feed.root.prefix else ""
    end_tag = f"</{prefix}{_local(feed.root.tag)}".encode()
    start = feed.data.rfind(end_tag)
    start = feed.data.find(b">", start) + 1 if start != -1 else 0
    if start == 0:
        return "text"
    junk = feed.data[start : start + _JUNK_SHOWN * 4]
    text = junk.decode(feed.encoding or "utf-8", "replace").strip()
    return repr(text[:_JUNK_SHOWN]) if text else "text"


def _encoding_problem(feed: Feed) -> str | None:
    if feed.broken is None or feed.broken.code != _INVALID_ENCODING:
        return None
    return encoding_problem(feed.data, feed.encoding)


def _new_parser(encoding: str | None, **kwargs: object) -> etree.XMLPullParser:
    return etree.XMLPullParser(
        events=("start", "end"),
        encoding=encoding,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        **kwargs,  # type: ignore[arg-type]
    )


@attrs.frozen
class _Break:
    """Where and why the XML breaks: libxml2's first fatal error, else lxml's."""

    message: str
    line: int
    code: int


def _break_of(error: etree.XMLSyntaxError, parser: etree.XMLPullParser) -> _Break:
    fatal = [entry for entry in parser.feed_error_log if entry.level_name == "FATAL"]
    if fatal:
        return _Break(fatal[0].message, fatal[0].line, fatal[0].type)
    code = error.code  # type: ignore[attr-defined]  # not in lxml-stubs
    return _Break(error.msg or "no XML element", error.lineno or 0, code)


def _prune_below(element: etree._Element, keep: etree._Element | None) -> None:
    """Free the finished elements below ``element`` but ``keep`` and what is in it:
    of each element open, every child but the last (the one that may be open)."""
    node: etree._Element | None = element
    while node is not None and node is not keep:
        if len(node) > 1:
            del node[: len(node) - 1]
        node = node[0] if len(node) else None


def _count_elements(element: etree._Element) -> int:
    return int(element.xpath("count(descendant::*)"))  # type: ignore[arg-type]


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _clear(element: etree._Element) -> None:
    """Free a finished element and its finished siblings before it (the element
    itself stays, empty: the parser may still append text after it)."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _line(element: etree._Element) -> int:
    line = element.sourceline
    return line if isinstance(line, int) else 0
