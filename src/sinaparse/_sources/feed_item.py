"""One item of a feed (an RSS ``item``, an Atom ``entry``) becomes its strings.

Atom's text constructs are read by their ``type`` (RFC 4287, 3.1); an RSS
title is plain text whose HTML character references are read, as an HTML
page's ``<title>`` is (the RSS Advisory Board: titles hold no markup, but
entities). A description stays the text the feed wrote (HTML, whether
entity-escaped or in CDATA); the body stage reads it.
"""

from __future__ import annotations

import html
import re

import attrs
from lxml import etree

from ..errors import SinaParseError

ATOM = "{http://www.w3.org/2005/Atom}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_FEEDBURNER = "{http://rssnamespace.org/feedburner/ext/1.0}"


@attrs.frozen
class RawItem:
    """One item of a feed, as the feed writes it."""

    index: int
    """The item's place in the feed, from 0."""
    line: int
    """The line of the feed the item ends on."""
    title: str | None = None
    link: str | None = None
    origin_link: str | None = None
    """FeedBurner's ``feedburner:origLink``: the article's own address, where
    ``link`` is FeedBurner's redirect."""
    bases: tuple[str, ...] = ()
    """The addresses a relative link of the item is read against, outermost
    first, each relative to the one before: Atom's ``xml:base`` of the feed,
    the entry and its link; RSS's channel ``<link>``."""
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
    """Why the item (or the feed from it on) could not be read: its XML broke,
    it holds too many elements, or the feed too many items; the item's other
    fields are then empty."""


def read_item(element: etree._Element, index: int, bases: tuple[str, ...]) -> RawItem:
    """The strings of one RSS ``item`` or Atom ``entry``; the first of each child kept.

    ``bases`` are the feed's bases of relative links, the entry's ``xml:base`` among them.
    """
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    categories: list[str] = []
    for child in element.iterchildren("*"):
        atom = child.tag.startswith(ATOM)
        name = _local(child.tag) if atom else _rss_name(child.tag)
        if name == "category":
            categories.append(child.get("label") or child.get("term") or _text(child))
        elif name in fields or name not in _READ:
            continue
        elif atom and name == "link":
            if child.get("rel", "alternate") == "alternate":
                fields["link"] = child.get("href") or ""
                lines["link"] = _line(child)
                bases += xml_base(child)
        elif name in _CONTENT_NAMES:
            fields[name] = _atom_content(child) if atom else _inner(child)
            lines[name] = _line(child) or 1
        elif name == "title":
            fields[name] = _atom_title(child) if atom else _rss_title(child)
        elif name == "guid":
            if child.get("isPermaLink", "true").strip().lower() == "true":
                fields["guid"] = _text(child)
        else:
            fields[name] = (
                _text(child.find(ATOM + "name")) if atom and name == "author" else _text(child)
            )
    content = next((name for name in _CONTENT_NAMES if fields.get(name)), None)
    return RawItem(
        index=index,
        line=_line(element),
        title=fields.get("title"),
        # A permalink guid (isPermaLink absent or "true") is the item's address
        # when it has no <link> (RSS 2.0).
        link=fields.get("link") or fields.get("guid"),
        origin_link=fields.get("origLink"),
        bases=bases,
        date=next((fields[name] for name in _DATE_NAMES if fields.get(name)), None),
        author=fields.get("creator") or fields.get("author"),
        categories=tuple(categories),
        content=fields[content] if content else None,
        content_line=lines[content] if content else 1,
    )


# The children that hold an item's body and its date, the fuller one first.
_CONTENT_NAMES = ("encoded", "content", "description", "summary")
_DATE_NAMES = ("pubDate", "published", "updated", "date")
# The children read (the others hold nothing an Article has).
_READ = frozenset(
    {*_CONTENT_NAMES, *_DATE_NAMES, "title", "link", "guid", "creator", "author", "origLink"}
)


def xml_base(element: etree._Element) -> tuple[str, ...]:
    """The ``xml:base`` of ``element`` (a feed, an entry, a link), if it has one."""
    base = element.get(XML_BASE)
    return (base,) if base and base.strip() else ()


def _rss_name(tag: str) -> str:
    if tag.startswith(_DC):
        return tag[len(_DC) :]
    if tag == _CONTENT + "encoded":
        return "encoded"
    if tag == _FEEDBURNER + "origLink":
        return "origLink"
    return tag if not tag.startswith("{") else ""


def _line(element: etree._Element) -> int:
    line = element.sourceline
    return line if isinstance(line, int) else 0


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _text(element: etree._Element | None) -> str:
    return "".join(str(part) for part in element.itertext()) if element is not None else ""


# What HTML reads as markup: a tag (``<`` then a letter, or ``</`` then one), a
# comment, a declaration or a processing instruction. A ``<`` before a space
# or a digit is text, as in HTML (``1 < 2``).
# A tag the text ends inside is dropped, as HTML drops it.
_MARKUP = re.compile(r"<!--.*?(?:-->|\Z)|</?[A-Za-z][^>]*(?:>|\Z)|<[!?][^>]*(?:>|\Z)", re.DOTALL)
# An HTML character reference, with its semicolon (``&amp;``, ``&#34;``, ``&#x22;``).
_CHARACTER_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});"
)


def _atom_title(element: etree._Element) -> str:
    """A title's text: an HTML title's markup dropped and its entities read
    (``&amp;amp;`` → ``&``), also where a feed wrote some of its markup as
    elements; an XHTML title's text; a text title as it is."""
    if element.get("type") == "html":
        return html.unescape(_MARKUP.sub("", _text(element)))
    return _text(element)


def _rss_title(element: etree._Element) -> str:
    """An RSS title's text, its HTML character references read (``&quot;`` in a
    CDATA title, ``&amp;amp;``); a ``<`` in it stays text."""
    text = _text(element)
    if "&" not in text:
        return text
    return _CHARACTER_REFERENCE.sub(lambda reference: html.unescape(reference.group()), text)


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
