"""What kind of input a file holds, from its first bytes and its markers.

A post starts with its front matter's ``---``; a feed's first element is
``<rss>`` or Atom's ``<feed>``; a whole Sina page is an HTML document with an
article body's markers (``#artibody``, ``#article``, the mobile ``art_content``
or ``art_p``); anything else is a bare body.
"""

from __future__ import annotations

import codecs
import re

KINDS = ("post", "page", "body", "feed")
"""The kinds of input, as ``--input`` and ``ParseOptions.input_kind`` name them."""

_SNIFF = 4096
_FIRST_ELEMENT = re.compile(
    rb"(?:\s|<\?.*?\?>|<!--.*?-->|<![Dd][Oo][Cc][Tt][Yy][Pp][Ee][^>]*>)*<([A-Za-z][\w:.-]*)", re.S
)
_FEED_ROOTS = frozenset({b"rss", b"feed", b"rdf:rdf"})
_DOCUMENT_ROOTS = frozenset({b"html", b"head", b"meta", b"title", b"link", b"body"})
_PAGE_MARKER = re.compile(
    rb"""id\s*=\s*["']?(?:artibody|article)["'\s>]|class\s*=\s*["'][^"'>]*\bart_(?:content|p)\b"""
)


def input_kind(data: bytes) -> str:
    """The kind of the input whose bytes are ``data`` (or their first few KiB,
    when only the page markers decide: they are searched in what is given)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Sniffed in UTF-8: its markers are ASCII. (The file is read whole anyway.)
        data = data.decode("utf-16", "replace").encode("utf-8", "replace")
    head = data[:_SNIFF].removeprefix(b"\xef\xbb\xbf")
    if head.lstrip(b" \t\r\n").startswith(b"---"):
        return "post"
    first = _FIRST_ELEMENT.match(head)
    root = first.group(1).lower() if first else b""
    if root in _FEED_ROOTS:
        return "feed"
    if root in _DOCUMENT_ROOTS and _PAGE_MARKER.search(data):
        return "page"
    return "body"
