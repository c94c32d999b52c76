"""An RSS 2.0 or Atom feed becomes its items, as strings, one at a time.

The XML is parsed incrementally (lxml's ``iterparse``) with no network, no
DTD and no entity expansion: a feed with a document type declaration is
refused. Each item is read when its end tag arrives, then cleared with
everything before it, so memory holds about one item however long the feed.
An item's description stays the text the feed wrote (HTML, whether
entity-escaped or in CDATA); the body stage reads it. Bytes are read in the
encoding the XML declares, or that its BOM gives (UTF-8, UTF-16 LE or BE).
"""

from __future__ import annotations

import codecs
import html
import io
import re
from collections.abc import Iterator

import attrs
from lxml import etree

from ..errors import InputError, SinaParseError
from .compressed import refuse_compressed

ATOM = "{http://www.w3.org/2005/Atom}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
ITEM_TAGS = ("item", ATOM + "entry")
# An XML declaration's encoding: GB2312 and GBK are read as GB18030, as browsers do.
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_GB_LABELS = frozenset({"gb2312", "gbk", "x-gbk", "cp936", "csgb2312"})


NO_ITEMS = "the feed holds no items"
"""Why a feed without an item is an error where one is expected of it (a file of
``parse_many``, ``explain``); ``parse_feed`` gives it no outcome."""


@attrs.frozen
class RawItem:
    """One item of a feed, as the feed writes it."""

    index: int
    """The item's place in the feed, from 0."""
    line: int
    """The line of the feed the item ends on."""
    title: str | None = None
    link: str | None = None
    date: str | None = None
    """``pubDate`` (RSS), ``published`` or else ``updated`` (Atom), ``dc:date``."""
    author: str | None = None
    """``dc:creator``, ``author`` (RSS), ``author/name`` (Atom)."""
    categories: tuple[str, ...] = ()
    content: str | None = None
    """``content:encoded``, else ``description`` (RSS); ``content``, else ``summary`` (Atom)."""
    content_line: int = 1
    """The line the content starts on."""
    error: SinaParseError | None = None
    """Why the feed could not be read on from here (its XML broke, or it holds
    too many items); the item's other fields are then empty."""


class Feed:
    """An open feed: its root was read and is RSS or Atom; iterate it for its items."""

    def __init__(self, source: str | bytes, *, max_bytes: int, max_items: int) -> None:
        self.max_items = max_items
        self._events = etree.iterparse(
            io.BytesIO(_feed_bytes(source, max_bytes)),
            events=("start", "end"),
            encoding=_override(source),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        self.kind = self._read_root()

    def _read_root(self) -> str:
        try:
            _, root = next(iter(self._events))
        except (etree.XMLSyntaxError, StopIteration):
            raise InputError(f"not an RSS or Atom feed: {self._error_message()}") from None
        self.root = root  # held as the items are cleared: the tree stays one item deep
        if root.getroottree().docinfo.doctype:
            raise InputError("a feed with a document type declaration is refused (no DTD is read)")
        if root.tag == "rss":
            return "rss"
        if root.tag == ATOM + "feed":
            return "atom"
        raise InputError(f"not an RSS or Atom feed: the document is <{_local(root.tag)}>")

    def __iter__(self) -> Iterator[RawItem]:
        index = 0
        try:
            for event, element in self._events:
                if event != "end" or element.tag not in ITEM_TAGS:
                    continue
                if index == self.max_items:
                    reason = (
                        f"the feed holds more than {self.max_items:,} items: the rest is not read"
                    )
                    yield RawItem(index, _line(element), error=InputError(reason))
                    return
                yield read_item(element, index)
                index += 1
                _clear(element)
        except etree.XMLSyntaxError:
            line = self._error_line()
            reason = f"the feed's XML breaks here, the rest is not read: {self._error_message()}"
            yield RawItem(index, line, error=InputError(reason, line=line or None))

    def _error_message(self) -> str:
        fatal = [entry for entry in self._events.error_log if entry.level_name == "FATAL"]
        return fatal[-1].message if fatal else "no XML element"

    def _error_line(self) -> int:
        fatal = [entry for entry in self._events.error_log if entry.level_name == "FATAL"]
        return fatal[-1].line if fatal else 0


def _feed_bytes(source: str | bytes, max_bytes: int) -> bytes:
    if isinstance(source, str):
        if len(source) > max_bytes:
            raise InputError(f"longer than max_feed_bytes ({max_bytes:,} characters)")
        try:
            return source.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputError(f"text holds a lone surrogate at character {exc.start}") from None
    if not isinstance(source, (bytes, bytearray, memoryview)):
        raise InputError(f"expected str or bytes, not {type(source).__name__}")
    data = bytes(source)
    if len(data) > max_bytes:
        raise InputError(f"larger than max_feed_bytes ({max_bytes:,} bytes)")
    refuse_compressed(data)
    if _wide_without_bom(data[:4]):
        # libxml2 would guess it from the "<" it starts with; XML requires the
        # BOM of UTF-16 (XML 1.0, 4.3.3), and sinaparse guesses no encoding.
        raise InputError(
            "the feed is in UTF-16 (or UTF-32) without a BOM: it is read only with its BOM"
        )
    return data


def _wide_without_bom(start: bytes) -> bool:
    """Whether ``start`` (a document's first four bytes) is ASCII in UTF-16 or
    UTF-32 with no BOM: a NUL byte beside each character. (With a BOM, libxml2
    reads UTF-16 in the order the BOM gives, whatever the declaration says.)"""
    if len(start) < 4 or start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    little = start[0] and not start[1] and not start[3]
    big = not start[0] and start[1] and not start[2]
    return bool(little or big)


def _override(source: str | bytes) -> str | None:
    """The encoding to read the bytes in when the document's own cannot be trusted:
    UTF-8 for text (encoded here), GB18030 where it declares GB2312 or GBK."""
    if isinstance(source, str):
        return "utf-8"
    declared = _DECLARED_ENCODING.match(bytes(source[:200]))
    if declared and declared.group(1).decode("ascii").lower() in _GB_LABELS:
        return "gb18030"
    return None


def _clear(element: etree._Element) -> None:
    """Free the item and everything before it: the tree never holds more than one."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


# --- One item -------------------------------------------------------------------------


def read_item(element: etree._Element, index: int) -> RawItem:
    """The strings of one RSS ``item`` or Atom ``entry``; the first of each child kept."""
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    categories: list[str] = []
    for child in element.iterchildren("*"):
        atom = child.tag.startswith(ATOM)
        name = _local(child.tag) if atom else _rss_name(child.tag)
        if name == "category":
            categories.append(child.get("label") or child.get("term") or _text(child))
        elif atom and name == "link":
            if child.get("rel", "alternate") == "alternate":
                fields.setdefault("link", child.get("href") or "")
        elif atom and name == "author":
            fields.setdefault("author", _text(child.find(ATOM + "name")))
        elif name in _CONTENT_NAMES:
            fields.setdefault(name, _atom_content(child) if atom else _inner(child))
            lines.setdefault(name, _line(child) or 1)
        elif atom and name == "title":
            fields.setdefault(name, _atom_title(child))
        elif name == "guid":
            if child.get("isPermaLink", "true").strip().lower() == "true":
                fields.setdefault("guid", _text(child))
        elif name:
            fields.setdefault(name, _text(child))
    content = next((name for name in _CONTENT_NAMES if fields.get(name)), None)
    return RawItem(
        index=index,
        line=_line(element),
        title=fields.get("title"),
        # A permalink guid (isPermaLink absent or "true") is the item's address
        # when it has no <link> (RSS 2.0).
        link=fields.get("link") or fields.get("guid"),
        date=next((fields[name] for name in _DATE_NAMES if fields.get(name)), None),
        author=fields.get("creator") or fields.get("author"),
        categories=tuple(categories),
        content=fields[content] if content else None,
        content_line=lines[content] if content else 1,
    )


# The children that hold an item's body and its date, the fuller one first.
_CONTENT_NAMES = ("encoded", "content", "description", "summary")
_DATE_NAMES = ("pubDate", "published", "updated", "date")


def _rss_name(tag: str) -> str:
    if tag.startswith(_DC):
        return tag[len(_DC) :]
    if tag == _CONTENT + "encoded":
        return "encoded"
    return tag if not tag.startswith("{") else ""


def _line(element: etree._Element) -> int:
    line = element.sourceline
    return line if isinstance(line, int) else 0


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _text(element: etree._Element | None) -> str:
    return "".join(str(part) for part in element.itertext()) if element is not None else ""


# Atom's text constructs (RFC 4287, 3.1): type="html" is escaped HTML, "xhtml" a
# <div> of XHTML, "text" (the default) plain text. Content with no type is
# read as HTML all the same: feeds in the wild write escaped HTML without one.
_MARKUP_TAG = re.compile(r"<[^>]*>")


def _atom_title(element: etree._Element) -> str:
    """A title's text: an HTML title's markup and entities read (``&amp;amp;`` → ``&``)."""
    if element.get("type") == "html" and len(element) == 0:
        return html.unescape(_MARKUP_TAG.sub("", element.text or ""))
    return _text(element)


def _atom_content(element: etree._Element) -> str:
    """A content's (or summary's) HTML: a type="text" one escaped, so that its
    ``<p>`` stays the text it is."""
    if element.get("type") == "text":
        return html.escape(_text(element), quote=False)
    return _inner(element)


def _inner(element: etree._Element) -> str:
    """The element's content: its text (escaped HTML or CDATA), or its XHTML children."""
    if len(element) == 0:
        return element.text or ""
    parts = [element.text or ""]
    parts.extend(etree.tostring(child, encoding="unicode") for child in element)
    return "".join(parts)
