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
