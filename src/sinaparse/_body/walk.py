"""A clean body tree becomes blocks, in document order.

The walk dispatches on each element's tag: inline text goes to the buffer of
:mod:`.paragraphs`, pictures to :mod:`.images`, tables to :mod:`.tables`
(whose module docstring says what a table, nested or not, gives); quotes
gather the blocks inside them (:func:`quote_blocks`: a figure, table or code
block in a quote keeps its place); ``<pre>`` (and a ``<code>`` standing as a
block) is read whole by :mod:`.code`; Sina's metadata elements (the editor's
line, older pages' ``div.artInfo``) are set aside for :mod:`.metadata`, and
stock spans are collected as they are met.

The walk keeps its own stack of the elements it is inside, and does not
recurse: however deep the tree (libxml2 builds up to 2048 levels) and however
little of Python's stack the caller has left, it raises no RecursionError.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

import attrs
from lxml import etree

from ..article import Block, Figure, Heading, Paragraph, ParseWarning, Quote, Stock
from ..errors import BodyError
from .code import read_code, stands_as_block
from .elements import classes, element_text, is_bold, short_text
from .images import (
    NOTED_WHEN_DROPPED,
    dropped_media_warning,
    dropped_warning,
    read_image,
    unusable_image_warning,
)
from .paragraphs import Segment, block_from_segments, has_visible_text
from .stock_links import LinkNames, links_to_stock
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
# (Scripts and CSS are boilerplate: the catalogue removes them. The parse takes
# out the other raw-text elements: see .html.)
_SKIPPED_TAGS = frozenset({
    "audio", "button", "canvas", "head", "iframe", "input", "link", "map", "meta", "option",
    "param", "select", "source", "svg", "template", "textarea", "title", "track", "video",
})  # An <object>'s content is what a browser shows in its place: read. An <embed>
# is empty, but libxml2 nests what follows it inside it: read too.
# fmt: on
# A body with none of these is plain text (other feeds of the aggregator, a
# description without markup): its blank lines, not its markup, end its
# paragraphs. A div is the aggregator's wrapper, a <br> a line break.
_PARAGRAPH_MARKUP = tuple((_BLOCK_TAGS - {"div"}) | _HEADING_TAGS | {"table", "blockquote"})
# A line of nothing but whitespace (U+3000 and no-break spaces included).
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_EDITOR_CLASSES = frozenset({"article-editor", "show_author"})
# A picture's caption, after it: Sina's span.img_descr (desktop), the
# h2.art_img_tit of sina.cn's figures; HTML's <figcaption> is one by its tag.
_CAPTION_CLASSES = frozenset({"img_descr", "art_img_tit"})
# Older pages (2010-2012) put the source, date and media name in div.artInfo.
_ARTICLE_INFO_CLASS = "artInfo"
_MEDIA_NAME = etree.XPath(".//*[@id='media_name']")

MAX_ITEMS = 10_000
"""The most pictures and stock spans a body may hold (real ones hold a few dozen).

The tag budget of :mod:`.markup` is set by what an ordinary element costs the
walk; a picture or a stock span costs five to ten times that, and its result
objects about a kilobyte each: 200,000 of them took 3 s and 300 MB. Counted as
the walk meets them, so a body over the bound is refused after this many."""

_Frame = tuple[Iterator[etree._Element], bool, Callable[[], None] | None, etree._Element | None]
"""A level of the walk: the children left to read, whether their text is bold,
what to do when they are read, and the element whose tail follows them."""


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
    if next(root.iter(*_PARAGRAPH_MARKUP), None) is None:  # in C: stops at the first <p>
        walker.add_text = functools.partial(_add_plain_text, walker)
    walker.walk_tree(root)
    walker.flush()
    return Walked(
        tuple(walker.blocks),
        tuple(walker.stocks),
        tuple(walker.editor_lines),
        tuple(walker.source_hints),
        tuple(walker.warnings),
    )


def quote_blocks(inner: list[Block]) -> list[Block]:
    """The blocks of a ``<blockquote>`` whose content gave ``inner``, in document order.

    Its paragraphs and sub-headings make a Quote. A figure or a table inside it
    stays where it is: the Quote ends before it and another starts after it.
    A quote nested in it is part of it: its paragraphs join the Quote.
    """
    blocks: list[Block] = []
    run: list[str] = []
    for block in inner:
        if isinstance(block, (Paragraph, Heading)):
            run.append(block.text)
        elif isinstance(block, Quote):
            run.extend(block.paragraphs)
        else:
            if run:
                blocks.append(Quote(tuple(run)))
                run = []
            blocks.append(block)
    if run:
        blocks.append(Quote(tuple(run)))
    return blocks


class _Walker:
    """The walk's state: the blocks so far, the inline buffer, what was set aside."""

    def __init__(self, base_url: str | None) -> None:
        self.base_url = base_url
        self.blocks: list[Block] = []
        self.stocks: list[Stock] = []
        self.editor_lines: list[str] = []
        self.source_hints: list[str] = []
        self.warnings: list[ParseWarning] = []
        self.segments: list[Segment] = []
        """The inline text of the paragraph being read."""
        self.add_text: Callable[[Segment], None] = self.segments.append  # or _add_plain_text
        self.link_names = LinkNames()
        self.items = 0  # pictures and stock spans met so far: see count_item

    def flush(self) -> None:
        """End the current paragraph, if it has any visible text."""
        segments = self.segments
        if segments:
            block = block_from_segments(segments)
            segments.clear()  # the same list: the walk appends to it directly
            if block is not None:
                self.blocks.append(block)

    def walk_tree(self, root: etree._Element) -> None:
        """Visit ``root``'s content in document order.

        With a stack of its own, not Python's: the walk goes as deep as the
        tree does (libxml2 allows 2048 levels), however deep the caller's stack.
        """
        # The hottest code of a parse: the buffer is appended to inline, and
        # block elements, the most frequent, are read here (as visit would).
        append = self.add_text
        flush = self.flush
        if root.text:
            append((root.text, False))
        stack: list[_Frame] = [(iter(root), False, None, None)]
        while stack:
            children, bold, on_exit, owner = stack[-1]
            for child in children:
                tag = child.tag
                if tag in _BLOCK_TAGS:
                    flush()
                    if (child.get("class") and self.set_aside_metadata(child)) or (
                        tag == "figcaption" and _visit_caption(self, child)
                    ):
                        frame = None
                    elif tag == "pre":
                        frame = _visit_code(self, child)
                    else:
                        frame = self.enter(child, bold or is_bold(child, tag), flush)
                else:
                    frame = self.visit(child, bold)
                if frame is not None:
                    stack.append(frame)
                    break
                text = child.tail
                if text:
                    append((text, bold))
            else:
                stack.pop()
                if on_exit is not None:
                    on_exit()
                if owner is not None and (text := owner.tail):
                    append((text, stack[-1][1]))

    def visit(self, element: etree._Element, bold: bool) -> _Frame | None:
        """Read ``element`` (not a block: :meth:`walk_tree` reads those); the
        level to walk next when its content is to be read."""
        tag = element.tag
        if not isinstance(tag, str) or tag in _SKIPPED_TAGS:
            # Comments, processing instructions, media and form controls.
            if tag in NOTED_WHEN_DROPPED:
                self._warn(dropped_warning(element))
        elif tag == "br":
            self.flush()
        elif tag == "img":
            self.visit_image(element)
        elif tag == "table":
            self.flush()
            return (_table_parts(self, element, bold), bold, None, element)
        elif tag == "blockquote":
            return _enter_quote(self, element, bold)
        elif tag in _HEADING_TAGS:
            if _CAPTION_CLASSES & classes(element) and _visit_caption(self, element):
                return None
            self.flush()
            return self.enter(element, True, self.flush)
        else:
            return self.visit_inline(element, tag, bold or is_bold(element, tag))
        return None

    def enter(
        self, element: etree._Element, bold: bool, on_exit: Callable[[], None] | None
    ) -> _Frame | None:
        """Start reading ``element``'s content: its text now, its children next
        (None when it has none: it is read already)."""
        text = element.text
        if text:
            self.add_text((text, bold))
        if len(element):
            return (iter(element), bold, on_exit, element)
        if on_exit is not None:
            on_exit()
        return None

    def set_aside_metadata(self, element: etree._Element) -> bool:
        """Keep Sina's metadata elements for their fields, and captions for
        their pictures; True when ``element`` is one."""
        names = classes(element)
        if names & _CAPTION_CLASSES and _visit_caption(self, element):
            return True
        if names & _EDITOR_CLASSES:
            self.editor_lines.append(element_text(element))
            return True
        if _ARTICLE_INFO_CLASS in names:
            self.source_hints.extend(map(element_text, _MEDIA_NAME(element)))  # type: ignore[arg-type]
            return True
        return False

    def visit_inline(self, element: etree._Element, tag: str, bold: bool) -> _Frame | None:
        if tag == "code" and stands_as_block(element):
            return _visit_code(self, element)
        if tag == "span":
            if _CAPTION_CLASSES & classes(element) and _visit_caption(self, element):
                return None
            span_id = element.get("id")
            stock = _span_stock(span_id, element, self.link_names) if span_id else None
            if stock is not None:
                count_item(self)
                self.stocks.append(stock)
        return self.enter(element, bold, None)

    def visit_image(self, element: etree._Element) -> None:
        image = read_image(element, self.base_url)
        if image is None:
            self._warn(unusable_image_warning(element, self.base_url))
        else:
            count_item(self)
            self.flush()
            self.blocks.append(Figure(image))

    def _warn(self, warning: ParseWarning | None) -> None:
        if warning is not None:
            self.warnings.append(warning)


def _visit_caption(walker: _Walker, element: etree._Element) -> bool:
    """A caption (``span.img_descr``, ``figcaption``, …): the caption of the
    picture just before it, else a paragraph. False, and nothing read, when it
    holds more than text (a picture, a table): then it is walked as any element."""
    if any(True for _ in element.iter("img", "table", "pre", "video", "audio")):
        return False
    caption = element_text(element)
    if not caption:
        return True
    pending = has_visible_text(walker.segments)
    last = walker.blocks[-1] if walker.blocks and not pending else None
    if isinstance(last, Figure) and last.image.caption is None:
        walker.blocks[-1] = Figure(attrs.evolve(last.image, caption=caption))
    else:
        walker.flush()
        walker.blocks.append(Paragraph(caption))  # a caption with no picture is still text
    return True


def _add_plain_text(walker: _Walker, segment: Segment) -> None:
    """Text of a body without paragraph markup: a blank line ends a paragraph.
    The lines of one paragraph join as in HTML text: a line break is a space."""
    text, bold = segment
    if "\n" not in text:
        walker.segments.append(segment)
        return
    first, *rest = _BLANK_LINE.split(text)
    walker.segments.append((first, bold))
    for paragraph in rest:
        walker.flush()
        walker.segments.append((paragraph, bold))


def count_item(walker: _Walker) -> None:
    """Count a picture or a stock span: a body of more than MAX_ITEMS is refused."""
    walker.items += 1
    if walker.items > MAX_ITEMS:
        raise BodyError(
            f"the body holds more than {MAX_ITEMS:,} pictures and stock spans: too many to read"
        )


def _table_parts(walker: _Walker, table: etree._Element, bold: bool) -> Iterator[etree._Element]:
    """Read ``table`` as :mod:`.tables` says: yield the elements outside its
    cells for the walk to read (each with its tail), put the rest in place.

    The tables nested in its cells are read in turn, from a list, not by
    recursion.
    """
    pending: list[Iterator[etree._Element]] = [iter((table,))]
    while pending:
        for element in pending[-1]:
            if element.tag == "img":
                walker.visit_image(element)  # pictures in cells stay pictures of the article
                continue
            parts = read_table(element)
            for piece in parts.outside:
                if isinstance(piece, str):
                    walker.segments.append((piece, bold))
                else:
                    yield piece
            walker.flush()
            walker.blocks.extend(parts.blocks)
            pending.append(iter(parts.inside))
            break
        else:
            pending.pop()


def _enter_quote(walker: _Walker, element: etree._Element, bold: bool) -> _Frame | None:
    """Start a ``<blockquote>``: its blocks are gathered apart, then placed by
    :func:`quote_blocks`."""
    walker.flush()
    outer, walker.blocks = walker.blocks, []

    def leave() -> None:
        walker.flush()
        inner, walker.blocks = walker.blocks, outer
        walker.blocks.extend(quote_blocks(inner))

    return walker.enter(element, bold, leave)


def _span_stock(span_id: str, span: etree._Element, link_names: LinkNames) -> Stock | None:
    """The stock a Sina stock span names, with its name and whether it is linked."""
    # A name is short: a span around more is named from its links.
    stock = stock_from_span_id(span_id, short_text(span) or None)
    if stock is not None and stock.name is None:
        return link_names.named(stock, span)
    if stock is not None and links_to_stock(span, stock):
        return attrs.evolve(stock, linked=True)
    return stock


def _visit_code(walker: _Walker, element: etree._Element) -> _Frame | None:
    """A ``<pre>``, or a ``<code>`` standing as a block: a Code block (see
    :mod:`.code`). Its content is read whole: there is no level to walk next."""
    walker.flush()
    code = read_code(element)
    if code is not None:
        walker.blocks.append(code)
    # What code holds besides its text is no program text, and is not lost:
    # its pictures follow the block, its media and stocks are read as anywhere.
    for node in element.iter("img", "video", "audio", "span"):
        tag = node.tag
        if tag == "img":
            walker.visit_image(node)
        elif tag != "span":
            walker._warn(dropped_media_warning(node))
        elif (span_id := node.get("id")) and (
            stock := _span_stock(span_id, node, walker.link_names)
        ) is not None:
            count_item(walker)
            walker.stocks.append(stock)
    return None
