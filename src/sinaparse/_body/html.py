"""The body's HTML becomes an lxml tree, with safe parser settings."""

from __future__ import annotations

import threading

from lxml import etree

from ..errors import BodyError

_local = threading.local()


def _parser() -> etree.HTMLParser:
    """This thread's parser: lxml parser objects must not be shared between threads.

    No network, no entity expansion beyond HTML's own, no huge-tree mode (which
    lifts libxml2's limits on depth and text size), comments kept: they carry data.
    """
    parser: etree.HTMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(  # type: ignore[call-arg]  # default_doctype: not in lxml-stubs
            recover=True,
            no_network=True,
            remove_comments=False,
            remove_pis=True,
            remove_blank_text=False,
            huge_tree=False,
            default_doctype=False,
        )
        _local.parser = parser
    return parser


def parse_html(text: str) -> etree._Element:
    """Parse a body into a tree and return its ``<body>`` element.

    An empty or content-free body gives an empty ``<body>``. Markup errors are
    repaired as browsers do; only an error that makes libxml2 stop (a body
    nested deeper than 256 elements) fails, since the rest would be lost.

    Raises:
        BodyError: libxml2 cannot make a whole tree of the text.
    """
    if not text.strip():
        return etree.Element("body")
    parser = _parser()
    try:
        document = etree.fromstring(text, parser)
    except (etree.LxmlError, ValueError) as exc:
        raise BodyError(f"cannot parse the body as HTML: {exc}") from exc
    for entry in parser.error_log:
        if entry.level_name == "FATAL":
            raise BodyError(f"cannot parse the body as HTML: {entry.message}", line=entry.line)
    if document is None:
        return etree.Element("body")
    body = document.find("body")
    if body is None:
        # Only <head> content (a lone <style>, say): nothing of the article.
        return etree.Element("body")
    return body
