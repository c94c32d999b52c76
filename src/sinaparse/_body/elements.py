"""What the walk reads of an lxml element: its clean text, its classes, its boldness."""

from __future__ import annotations

import re

from lxml import etree

from .._text import clean_text

_STRING_VALUE = etree.XPath("string()")
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)


def element_text(element: etree._Element) -> str:
    """The clean text of ``element`` and its descendants."""
    return clean_text(str(_STRING_VALUE(element)))


def classes(element: etree._Element) -> frozenset[str]:
    """The names in ``element``'s ``class`` attribute."""
    value = element.get("class")
    return frozenset(value.split()) if value else frozenset()


def is_bold(element: etree._Element, tag: str) -> bool:
    """Whether ``element`` makes its text bold: its tag, Sina's CMS style, or its CSS."""
    if tag in ("strong", "b"):
        return True
    if "strong-Bold" in (element.get("cms-style") or ""):
        return True
    style = element.get("style")
    return bool(style and "font-weight" in style and _BOLD_STYLE.search(style))


def short_text(element: etree._Element, characters: int = 80, elements: int = 32) -> str | None:
    """The clean text of ``element``, or None when it is longer than a name:
    more than ``characters`` characters or ``elements`` elements.

    Only that much of the element is read, so asking each of many nested
    elements costs the bound, not the size of what they hold.
    """
    if len(element) <= elements and not any(len(child) for child in element):
        # The common case (a link in a span): one level, read in C; each run
        # of text is read so by its parent at most.
        whole = element_text(element)
        return whole if len(whole) <= characters else None
    pieces: list[str] = []
    seen = length = 0
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            seen += 1
            if seen > elements:
                return None
            text = node.text if isinstance(node.tag, str) else None
        elif node is element:
            break
        else:
            text = node.tail
        if text:
            length += len(text)
            if length > characters:
                return None
            pieces.append(text)
    return clean_text("".join(pieces))
