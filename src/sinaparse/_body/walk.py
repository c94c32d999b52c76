"""A clean body tree becomes blocks, in document order.

The walk dispatches on each element's tag: inline text goes to the buffer of
:mod:`.paragraphs`, pictures to :mod:`.images`, tables to :mod:`.tables`;
quotes gather the blocks inside them; Sina's metadata elements (the editor's
line, older pages' ``div.artInfo``) are set aside for :mod:`.metadata`, and
stock spans are collected as they are met.
"""

from __future__ import annotations

import attrs
from lxml import etree

from ..article import Block, Figure, Heading, Paragraph, ParseWarning, Quote, Stock
from .elements import classes, element_text, is_bold
from .images import dropped_media_warning, read_image, unusable_image_warning
from .paragraphs import Segment, block_from_segments, has_visible_text
from .stocks import stock_from_span_id
from .tables import read_table

# fmt: off
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "center", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "summary", "ul",
})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements whose content is never article text: media fallbacks, form controls.
# (Scripts and CSS are boilerplate: the catalogue removes them.)
_SKIPPED_TAGS = frozenset({
    "audio", "button", "canvas", "embed", "head", "iframe", "input", "link", "map", "meta",
    "object", "option", "select", "source", "svg", "template", "textarea", "title", "track",
    "video",
})
# fmt: on
_MEDIA_TAGS = frozenset({"video", "audio"})
_EDITOR_CLASSES = frozenset({"article-editor", "show_author"})
# Older pages (2010-2012) put the source, date and media name in div.artInfo.
_ARTICLE_INFO_CLASS = "artInfo"
_MEDIA_NAME = etree.XPath(".//*[@id='media_name']")
# The inline elements Sina wraps stock links in.
_STOCK_WRAPPERS = ("a", "span", "font", "strong", "b")


@attrs.frozen
class Walked:
    """What the walk found."""

    blocks: tuple[Block, ...]
    linked_stocks: tuple[Stock, ...]
    editor_lines: tuple[str, ...]
    """The text of Sina's editor elements (``p.article-editor``, ``p.show_author``)."""
    source_hints: tuple[str, ...]
    """Media names from older pages' ``div.artInfo`` (``#media_name``): the source."""
    warnings: tuple[ParseWarning, ...]


def walk(root: etree._Element, base_url: str | None) -> Walked:
    """Turn the clean ``root`` into blocks."""
    walker = _Walker(base_url)
    walker.visit_children(root, bold=False)
    walker.flush()
    return Walked(
        tuple(walker.blocks),
        tuple(walker.stocks),
        tuple(walker.editor_lines),
        tuple(walker.source_hints),
        tuple(walker.warnings),
    )


def _named_from_links(stock: Stock, span: etree._Element) -> Stock:
    """An empty stock span (Sina nests them in each other's links) takes its name
    from the nearby link to the same code."""
    parent = span.getparent()
    while parent is not None and parent.tag in _STOCK_WRAPPERS:
        span, parent = parent, parent.getparent()
    code = f"{stock.market}{stock.symbol}"
    for link in span.iter("a"):
        if code in (link.get("href") or "") and (name := element_text(link)):
            return attrs.evolve(stock, name=name)
    return stock


class _Walker:
    """The walk's state: the blocks so far, the inline buffer, what was set aside."""

    def __init__(self, base_url: str | None) -> None:
        self.base_url = base_url
        self.blocks: list[Block] = []
        self.stocks: list[Stock] = []
        self.editor_lines: list[str] = []
        self.source_hints: list[str] = []
        self.warnings: list[ParseWarning] = []
        self._segments: list[Segment] = []

    def flush(self) -> None:
        """End the current paragraph, if it has any visible text."""
        if self._segments:
            block = block_from_segments(self._segments)
            self._segments = []
            if block is not None:
                self.blocks.append(block)

    def visit_children(self, element: etree._Element, bold: bool) -> None:
        # The hottest code of a parse: the buffer is appended to inline.
        text = element.text
        if text:
            self._segments.append((text, bold))
        for child in element:
            self.visit(child, bold)
            text = child.tail
            if text:
                self._segments.append((text, bold))

    def visit(self, element: etree._Element, bold: bool) -> None:
        tag = element.tag
        if tag in _BLOCK_TAGS:  # the most frequent elements first
            self.visit_block(element, bold or is_bold(element, tag))
        elif not isinstance(tag, str) or tag in _SKIPPED_TAGS:
            # Comments, processing instructions, media and form controls.
            if tag in _MEDIA_TAGS:
                self._warn(dropped_media_warning(element))
        elif tag == "br":
            self.flush()
        elif tag == "img":
            self.visit_image(element)
        elif tag == "table":
            self.visit_table(element)
        elif tag == "blockquote":
            self.visit_quote(element, bold)
        elif tag in _HEADING_TAGS:
            self.flush()
            self.visit_children(element, bold=True)
            self.flush()
        else:
            self.visit_inline(element, tag, bold or is_bold(element, tag))

    def visit_block(self, element: etree._Element, bold: bool) -> None:
        self.flush()
        if element.get("class") and self.set_aside_metadata(element):
            return
        self.visit_children(element, bold)
        self.flush()

    def set_aside_metadata(self, element: etree._Element) -> bool:
        """Keep Sina's metadata elements for their fields; True when ``element`` is one."""
        names = classes(element)
        if names & _EDITOR_CLASSES:
            self.editor_lines.append(element_text(element))
            return True
        if _ARTICLE_INFO_CLASS in names:
            self.source_hints.extend(map(element_text, _MEDIA_NAME(element)))  # type: ignore[arg-type]
            return True
        return False

    def visit_inline(self, element: etree._Element, tag: str, bold: bool) -> None:
        if tag == "span":
            if "img_descr" in classes(element):
                self.visit_caption(element)
                return
            span_id = element.get("id")
            if span_id:
                stock = stock_from_span_id(span_id, element_text(element) or None)
                if stock is not None:
                    self.stocks.append(stock if stock.name else _named_from_links(stock, element))
        self.visit_children(element, bold)

    def visit_caption(self, element: etree._Element) -> None:
        """Sina's ``span.img_descr``: the caption of the picture just before it."""
        caption = element_text(element)
        if not caption:
            return
        pending = has_visible_text(self._segments)
        last = self.blocks[-1] if self.blocks and not pending else None
        if isinstance(last, Figure) and last.image.caption is None:
            self.blocks[-1] = Figure(attrs.evolve(last.image, caption=caption))
        else:
            self.flush()
            self.blocks.append(Paragraph(caption))  # a caption with no picture is still text

    def visit_image(self, element: etree._Element) -> None:
        image = read_image(element, self.base_url)
        if image is None:
            self._warn(unusable_image_warning(element, self.base_url))
        else:
            self.flush()
            self.blocks.append(Figure(image))

    def visit_table(self, element: etree._Element) -> None:
        self.flush()
        table = read_table(element)
        if table is not None:
            self.blocks.append(table)
        for image in element.iter("img"):
            self.visit_image(image)  # pictures in cells stay pictures of the article

    def visit_quote(self, element: etree._Element, bold: bool) -> None:
        self.flush()
        outer, self.blocks = self.blocks, []
        self.visit_children(element, bold)
        self.flush()
        inner, self.blocks = self.blocks, outer
        paragraphs = tuple(block.text for block in inner if isinstance(block, (Paragraph, Heading)))
        if paragraphs:
            self.blocks.append(Quote(paragraphs))
        self.blocks.extend(block for block in inner if not isinstance(block, (Paragraph, Heading)))

    def _warn(self, warning: ParseWarning | None) -> None:
        if warning is not None:
            self.warnings.append(warning)
