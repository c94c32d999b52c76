"""Kinds of rules that decide part of their match in Python, on a bounded
part of each candidate: the selector finds candidates cheaply, ``select``
keeps the ones that are boilerplate (see the catalogue's cost note).
"""

from __future__ import annotations

import attrs
from lxml import etree

from ._element_lines import (
    NAME_CHARACTERS,
    NAME_NODES,
    is_label_alone,
    is_link_line,
    link_lines_after,
    outermost_ancestor,
    read_line,
    touches_text,
)
from ._rule import BoilerplateRule, _strings
from .promos import is_promo_block, promo_candidates


@attrs.frozen
class _LoneStockLinks(BoilerplateRule):
    """Stock link spans no text touches: a list of the article's stocks.

    A span with text right before or after it, in its parent, is part of a
    sentence and stays, with its name in the text and in ``stocks``; so does
    a span that holds more than a name (``NAME_NODES`` elements,
    ``NAME_CHARACTERS`` characters).
    """

    def select(self, root: etree._Element) -> list[etree._Element]:
        return [
            span
            for span in super().select(root)
            if not touches_text(span) and read_line(span, NAME_NODES, NAME_CHARACTERS)
        ]


@attrs.frozen
class _Containers(BoilerplateRule):
    """The outermost ``container`` element around what the selector finds.

    The same as ``descendant::container[descendant::…]``, in time linear in the
    tree rather than in depth × size: each element's ancestors are looked at once.
    """

    container: str = "blockquote"

    def select(self, root: etree._Element) -> list[etree._Element]:
        tops: dict[etree._Element, etree._Element | None] = {}
        found: list[etree._Element] = []
        for marker in super().select(root):
            top = outermost_ancestor(marker, self.container, tops)
            # A container's markers come one after another: each top is new or the last one.
            if top is not None and (not found or found[-1] is not top):
                found.append(top)
        return found


@attrs.frozen
class _LinkLines(BoilerplateRule):
    """Lines that are a label (``相关阅读：``) and links, nothing else.

    A line whose text outside its links holds anything but separators after
    the label is prose and stays. Only a bounded start of each candidate is
    read (a bounded number of elements and characters): a longer
    line is no link line.
    """

    labels: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    """The labels, without their colon (full-width or ASCII)."""

    def select(self, root: etree._Element) -> list[etree._Element]:
        return [line for line in super().select(root) if is_link_line(line, self.labels)]


@attrs.frozen
class _LabelBlocks(BoilerplateRule):
    """A label alone on its line (``相关新闻：``), and up to eight
    lines of links only right after it: a related-links block without its
    blockquote. Each line is read as :class:`_LinkLines` reads one (a bounded
    start), and each label looks at most that many siblings: linear time."""

    labels: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    """The labels, without their colon (full-width or ASCII)."""

    def select(self, root: etree._Element) -> list[etree._Element]:
        found: list[etree._Element] = []
        for line in super().select(root):
            if is_label_alone(line, self.labels):
                found.append(line)
                found.extend(link_lines_after(line))
        return list(dict.fromkeys(found))  # document order, none twice


@attrs.frozen
class _PromoBlocks(BoilerplateRule):
    """Quotes and lines that are Sina's promos by their sentences or link
    targets (:mod:`.promos`), classes or not; each read on a bounded start."""

    by_links: bool = False
    """Look around the links to promo targets, not around the promo words: two
    rules, so that each has its own pre-check (most bodies hold the words, in
    the classed promos, and no promo link)."""

    def select(self, root: etree._Element) -> list[etree._Element]:
        candidates = promo_candidates(root, by_links=self.by_links)
        return [block for block in candidates if is_promo_block(block)]
