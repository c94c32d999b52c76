"""What kind of input a file holds, from its first bytes and its markers.

A post starts with its front matter's ``---``; a feed's first element is
``<rss>`` or Atom's ``<feed>`` (or its document type declaration names one); a
whole HTML document is a page: one with a ``<!DOCTYPE html>``, or whose first
element is ``<html>`` holding a ``<head>``, or ``<head>`` itself, or one with an
article body's markers (``#artibody``, ``#article``, the mobile ``art_content``
or ``art_p``). Anything else is a bare body, ``<html><body>…`` (a fragment as
lxml writes one) included. A page without an article body is then the page
stage's error, never a body's paragraphs of navigation.
"""

from __future__ import annotations

import codecs
import re

KINDS = ("post", "page", "body", "feed")
"""The kinds of input, as ``--input`` and ``ParseOptions.input_kind`` name them."""

_SNIFF = 4096
# The parts a document may start with before its first element: white space,
# processing instructions (the XML declaration), comments, and a document type
# declaration, its internal subset included (whose declarations may hold ">":
# a feed's subset must not hide its <rss> root). They are skipped one match at
# a time: one pattern repeating them would backtrack into the earlier parts
# when the last fails, in time exponential in their number.
_PROLOGUE_PART = re.compile(
    rb"\s+|<\?.*?\?>|<!--.*?-->"
    rb"|<![Dd][Oo][Cc][Tt][Yy][Pp][Ee]\s+(?P<doctype>[A-Za-z][\w:.-]*)[^>\[]*(?:\[.*?\]\s*)?>",
    re.S,
)
# A document type declaration that does not end in the sniffed bytes (a long
# subset) still names the root it announces.
_DOCTYPE_START = re.compile(rb"<![Dd][Oo][Cc][Tt][Yy][Pp][Ee]\s+([A-Za-z][\w:.-]*)")
_ELEMENT = re.compile(rb"<([A-Za-z][\w:.-]*)")
_FEED_ROOTS = frozenset({b"rss", b"feed", b"rdf:rdf"})
_DOCUMENT_ROOTS = frozenset({b"html", b"head", b"meta", b"title", b"link", b"body"})
# An <html> root is a whole document when a <head> follows it (lxml writes a
# fragment as <html><body>…, without one).
_HEAD_TAG = re.compile(rb"<head[\s>/]", re.I)
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
    declared, root, after_root = _prologue(head)
    if declared in _FEED_ROOTS or root in _FEED_ROOTS:
        return "feed"
    if declared == b"html" or _is_whole_document(root, head, after_root):
        return "page"
    if root in _DOCUMENT_ROOTS and _PAGE_MARKER.search(data):
        return "page"
    return "body"


def _prologue(head: bytes) -> tuple[bytes, bytes, int]:
    """The root the document type declaration names, the first element's name
    (both lower case; empty when there is none), and where that element's name ends."""
    position, declared = 0, b""
    while (part := _PROLOGUE_PART.match(head, position)) is not None:
        declared = declared or (part.group("doctype") or b"").lower()
        position = part.end()
    if not declared and (start := _DOCTYPE_START.match(head, position)) is not None:
        return start.group(1).lower(), b"", len(head)
    element = _ELEMENT.match(head, position)
    if element is None:
        return declared, b"", position
    return declared, element.group(1).lower(), element.end()


def _is_whole_document(root: bytes, head: bytes, after_root: int) -> bool:
    """Whether the document is a whole HTML page: a ``<head>`` root, or an
    ``<html>`` root with a ``<head>`` after it in the sniffed bytes."""
    if root == b"head":
        return True
    return root == b"html" and _HEAD_TAG.search(head, after_root) is not None
