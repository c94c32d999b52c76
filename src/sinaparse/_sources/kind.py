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
# A document type declaration, its internal subset included (whose
# declarations may hold ">"): a feed's subset must not hide its <rss> root.
_DOCTYPE = rb"<![Dd][Oo][Cc][Tt][Yy][Pp][Ee]\s[^>\[]*(?:\[.*?\]\s*)?>"
_FIRST_ELEMENT = re.compile(
    rb"(?:\s|<\?.*?\?>|<!--.*?-->|" + _DOCTYPE + rb")*<([A-Za-z][\w:.-]*)", re.S
)
# The name a document type declaration gives the root: it is read even when
# the subset runs past the sniffed bytes.
_DOCTYPE_NAME = re.compile(
    rb"(?:\s|<\?.*?\?>|<!--.*?-->)*<![Dd][Oo][Cc][Tt][Yy][Pp][Ee]\s+([A-Za-z][\w:.-]*)", re.S
)
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
    doctype = _DOCTYPE_NAME.match(head)
    declared = doctype.group(1).lower() if doctype else b""
    if declared in _FEED_ROOTS:
        return "feed"
    first = _FIRST_ELEMENT.match(head)
    root = first.group(1).lower() if first else b""
    if root in _FEED_ROOTS:
        return "feed"
    if declared == b"html" or _is_whole_document(root, head, first.end() if first else 0):
        return "page"
    if root in _DOCUMENT_ROOTS and _PAGE_MARKER.search(data):
        return "page"
    return "body"


def _is_whole_document(root: bytes, head: bytes, after_root: int) -> bool:
    """Whether the document is a whole HTML page: a ``<head>`` root, or an
    ``<html>`` root with a ``<head>`` after it in the sniffed bytes."""
    if root == b"head":
        return True
    return root == b"html" and _HEAD_TAG.search(head, after_root) is not None
