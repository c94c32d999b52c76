"""Boilerplate leaves the tree; the data in comments is read first.

Every step is linear in the size of the tree: a removed element's text after
it joins the text before it once per run of removed siblings (not once per
element, which re-copies a growing string), an element inside another removed
one is not visited again, and comments never split a run of text in many
pieces (lxml reads such a run in time quadratic in its pieces).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs
from lxml import etree

from .._data.urls import normalize_url
from .._text import NOT_TEXT, without_not_text
from ..article import ParseWarning, Stock
from ..boilerplate import BoilerplateRule
from ..boilerplate._removal import COMMENT_STEP, Removal, removal_of
from .html import parse_html
from .needles import holds_any
from .stocks import KEYWORD_COMMENT_MARK, stocks_from_keywords

# Up to this many comments, removing them in place splits each run of text in
# at most this many pieces: cheap to read. More, and the body is parsed again
# without comments, which keeps each run of text whole.
_FEW_COMMENTS = 64


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
    removals: tuple[Removal, ...] = ()
    """What was removed, when ``clean`` was asked to record it (else empty), by
    rule and, within a rule, in document order; lines as in ``html``."""


def comments_needed(html: str) -> bool:
    """Whether the body's comments hold data: parse it with comments only then."""
    return KEYWORD_COMMENT_MARK in html


def clean(
    root: etree._Element,
    html: str,
    rules: Iterable[BoilerplateRule],
    base_url: str | None,
    warnings: tuple[ParseWarning, ...] = (),
    *,
    comments: bool | None = True,
    record: bool = False,
) -> CleanBody:
    """Read the comments, then remove them and everything ``rules`` select.

    ``comments``: True when ``root`` is ``parse_html(html).root`` with its
    comments (``comments_needed(html)``, or a root that holds none); False when
    it was parsed without them; None when ``root`` holds comments but is part
    of a larger document that ``html`` cannot rebuild (a page's container).
    A rule whose ``requires`` strings ``html`` lacks cannot match and is not
    evaluated. The tree is changed in place (or, for True, parsed again
    without its comments when it holds many). Text that follows a removed
    element stays. ``warnings`` (the parse's) are kept on the result.
    ``record``: list what is removed on the result (``removals``), comments first.
    """
    keyword_stocks: tuple[Stock, ...] = ()
    records: list[Removal] | None = [] if record else None
    if comments is not False:
        root, keyword_stocks = _take_comments(root, html, comments is True, records)
    dropped: set[str] = set()
    present: dict[str, bool] = {}  # each needle is looked for once per body, not once per rule
    for rule in rules:
        if rule.requires and not holds_any(html, rule.requires, present):
            continue
        removed = outermost(rule.select(root))
        if not removed:
            continue
        for element in removed:
            dropped.update(_image_urls(element, base_url))
        if records is not None:  # checked once per rule that removes something
            name = rule.name or rule.xpath
            records.extend(removal_of(name, rule.reason, element) for element in removed)
        remove_keeping_tails(removed)
    return CleanBody(root, keyword_stocks, frozenset(dropped), warnings, tuple(records or ()))


def _take_comments(
    root: etree._Element, html: str, reparse: bool, records: list[Removal] | None
) -> tuple[etree._Element, tuple[Stock, ...]]:
    # iter(), not XPath: libxml2 sorts a large set of comments in quadratic time.
    comments = list(root.iter(etree.Comment))
    if records is not None:
        records.extend(removal_of(*COMMENT_STEP, comment) for comment in comments)
    stocks = tuple(
        stock
        for comment in comments
        if KEYWORD_COMMENT_MARK in (text := comment.text or "")
        for stock in stocks_from_keywords(text)
    )
    if len(comments) <= _FEW_COMMENTS or not reparse:
        etree.strip_tags(root, etree.Comment)  # in C, each comment's tail kept in place
        return root, stocks
    return parse_html(html, comments=False).root, stocks


def outermost(elements: Sequence[etree._Element]) -> list[etree._Element]:
    """The ``elements`` (in document order) that are inside none of the others.

    Each element's ancestors are climbed only up to one already seen, so the
    whole costs the size of the tree at most, however deep the nesting.
    """
    if len(elements) < 2:
        return list(elements)
    # For each element seen: whether it is, or is inside, one of ``elements``.
    # In document order, an ancestor comes before its descendants, so what is
    # known of an element seen earlier never changes.
    inside: dict[etree._Element, bool] = {}
    kept = []
    for element in elements:
        path = []
        node = element.getparent()
        while node is not None and node not in inside:
            path.append(node)
            node = node.getparent()
        verdict = inside[node] if node is not None else False
        for ancestor in path:
            inside[ancestor] = verdict
        inside[element] = True
        if not verdict:
            kept.append(element)
    return kept


def remove_keeping_tails(elements: Sequence[etree._Element]) -> None:
    """Remove ``elements`` (in document order, none inside another) and their
    content, but not the text after each: it joins the text before it."""
    # Where each removed element's tail goes: the tail of the nearest sibling
    # before it that stays, or its parent's text; runs of removed siblings share one.
    anchors: dict[etree._Element, tuple[etree._Element, bool]] = {}
    pieces: dict[tuple[etree._Element, bool], list[str]] = {}
    for element in elements:
        parent = element.getparent()
        if parent is None:
            continue
        previous = element.getprevious()
        if previous is not None and previous in anchors:
            anchor = anchors[previous]
        else:
            anchor = (previous, True) if previous is not None else (parent, False)
        anchors[element] = anchor
        if element.tail:
            pieces.setdefault(anchor, []).append(element.tail)
    for element in anchors:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)  # its tail leaves with it
    for (target, is_tail), texts in pieces.items():
        if is_tail:
            target.tail = _joined(target.tail, texts)
        else:
            target.text = _joined(target.text, texts)


def _joined(text: str | None, pieces: list[str]) -> str:
    joined = (text or "") + "".join(pieces)
    # lxml refuses characters that are not text, which character references
    # (``&#12;``) put in the parsed tree: they go, as they would from a paragraph.
    return without_not_text(joined) if NOT_TEXT.search(joined) else joined


def _image_urls(element: etree._Element, base_url: str | None) -> Iterable[str]:
    for image in element.iter("img"):
        for attribute in ("src", "data-src", "data-original"):
            url = normalize_url(image.get(attribute), base_url)
            if url:
                yield url
