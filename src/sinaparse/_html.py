"""Stage 4: the body's HTML becomes an lxml tree, with safe parser settings."""

from __future__ import annotations

from lxml import etree

from .errors import BodyError

# No network, no entity expansion beyond HTML's own, no huge-tree mode (which
# lifts libxml2's limits on depth and text size), comments kept: they carry data.
_PARSER = etree.HTMLParser(  # type: ignore[call-arg]  # default_doctype: not in lxml-stubs
    recover=True,
    no_network=True,
    remove_comments=False,
    remove_pis=True,
    remove_blank_text=False,
    huge_tree=False,
    default_doctype=False,
)


def parse_html(text: str) -> etree._Element:
    """Parse a body into a tree and return its ``<body>`` element.

    An empty or content-free body gives an empty ``<body>``.

    Raises:
        BodyError: libxml2 cannot make a tree of the text at all.
    """
    try:
        document = etree.fromstring(text, _PARSER) if text.strip() else None
    except (etree.LxmlError, ValueError) as exc:
        raise BodyError(f"cannot parse the body as HTML: {exc}") from exc
    if document is None:
        return etree.Element("body")
    body = document.find("body")
    if body is None:
        # Only <head> content (a lone <style>, say): nothing of the article.
        return etree.Element("body")
    return body
