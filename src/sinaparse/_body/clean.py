"""Boilerplate leaves the tree; the data in comments is read first."""

from __future__ import annotations

from collections.abc import Iterable

import attrs
from lxml import etree

from .._text import NOT_TEXT
from ..article import ParseWarning, Stock
from ..boilerplate import BoilerplateRule
from .stocks import KEYWORD_COMMENT_MARK, stocks_from_keywords
from .urls import normalize_url


@attrs.frozen
class CleanBody:
    """A body without boilerplate, and what the boilerplate held that matters."""

    root: etree._Element
    """The ``<body>`` element, boilerplate removed."""
    keyword_stocks: tuple[Stock, ...]
    """The stocks of Sina's ``news_keyword_pub`` comments, in order."""
    dropped_image_urls: frozenset[str]
    """The normalised URLs of pictures removed as boilerplate (QR codes, promos)."""
    warnings: tuple[ParseWarning, ...] = ()
    """What the parse had to change or drop that the caller may want to know."""


def clean(
    root: etree._Element,
    html: str,
    rules: Iterable[BoilerplateRule],
    base_url: str | None,
    warnings: tuple[ParseWarning, ...] = (),
) -> CleanBody:
    """Read the comments, then remove them and everything ``rules`` select.

    ``html`` is the text ``root`` was parsed from: a rule whose ``requires``
    strings it lacks cannot match and is not evaluated. The tree is changed in
    place. Text that follows a removed element stays. ``warnings`` (the
    parse's) are kept on the result.
    """
    keyword_stocks: list[Stock] = []
    if KEYWORD_COMMENT_MARK in html:  # most comments are editors' notes: skip reading them
        for comment in root.iter(etree.Comment):
            keyword_stocks.extend(stocks_from_keywords(comment.text or ""))
    etree.strip_tags(root, etree.Comment)  # in C, each comment's tail kept in place
    dropped: set[str] = set()
    for rule in rules:
        if rule.requires and not _holds_any(html, rule.requires):
            continue
        selected = rule.compiled(root)
        for element in selected if isinstance(selected, list) else ():
            if not isinstance(element, etree._Element):
                continue  # a rule selecting text or numbers selects nothing to remove
            dropped.update(_image_urls(element, base_url))
            remove_keeping_tail(element)
    return CleanBody(root, tuple(keyword_stocks), frozenset(dropped), warnings)


def _holds_any(html: str, needles: tuple[str, ...]) -> bool:
    # A loop, not any() of a generator: this runs for every rule of every body.
    for needle in needles:  # noqa: SIM110
        if needle in html:
            return True
    return False


def remove_keeping_tail(element: etree._Element) -> None:
    """Remove ``element`` and its content, but not the text after it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = _joined(previous.tail, tail)
        else:
            parent.text = _joined(parent.text, tail)
    parent.remove(element)


def _joined(text: str | None, tail: str) -> str:
    joined = (text or "") + tail
    # lxml refuses characters that are not text, which character references
    # (``&#12;``) put in the parsed tree: they go, as they would from a paragraph.
    return NOT_TEXT.sub("", joined) if NOT_TEXT.search(joined) else joined


def _image_urls(element: etree._Element, base_url: str | None) -> Iterable[str]:
    for image in element.iter("img"):
        for attribute in ("src", "data-src", "data-original"):
            url = normalize_url(image.get(attribute), base_url)
            if url:
                yield url
