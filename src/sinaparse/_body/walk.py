"""Stage 6a: a clean body tree becomes blocks, in document order.

The walk keeps a buffer of inline text; a block-level element, a ``<br>`` or a
picture ends the current paragraph. A paragraph whose every visible character
is bold is a sub-heading.
"""

from __future__ import annotations

import re

import attrs
from lxml import etree

from .._text import clean_text
from ..article import (
    Block,
    Cell,
    Figure,
    Heading,
    Image,
    Paragraph,
    ParseWarning,
    Quote,
    Stock,
    Table,
)
from .stocks import stock_from_span_id
from .urls import image_size, normalize_url

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
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
# Lazy-loading pages keep the real address here and a placeholder in src.
_IMAGE_URL_ATTRIBUTES = ("data-src", "data-original", "src")
_EDITOR_CLASSES = frozenset({"article-editor", "show_author"})
# Older pages (2010-2012) put the source, date and media name in div.artInfo.
_ARTICLE_INFO_CLASS = "artInfo"
_MEDIA_NAME = etree.XPath(".//*[@id='media_name']")
_MEDIA_TAGS = frozenset({"video", "audio"})
_STRING_VALUE = etree.XPath("string()")


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


def _classes(element: etree._Element) -> frozenset[str]:
    value = element.get("class")
    return frozenset(value.split()) if value else frozenset()


def _is_bold(element: etree._Element, tag: str) -> bool:
    if tag in ("strong", "b"):
        return True
    if "strong-Bold" in (element.get("cms-style") or ""):
        return True
    style = element.get("style")
    return bool(style and "font-weight" in style and _BOLD_STYLE.search(style))


# Headings may ask (？) or exclaim (！), but a full stop, a clause mark at the
# end, or a semicolon makes a line prose; a byline or photo credit is no heading.
_PROSE = re.compile(r"。|；|[，、]$")
_BYLINE = re.compile(
    r"记者|实习生|撰稿|编辑|通讯员|报道$|摄$"
    r"|^[►▶▷■●◆★▲\s]*(?:文|撰文|作者|文字|图文)\s*[|丨｜/:：\s]"
)
_HEADING_MAX_CHARACTERS = 60
# A line of box-drawing or dash characters only: a divider, not text.
_DIVIDER = re.compile(r"[\u2500-\u257f\u2014\u2015\u2500=＝*＊·•~～_\-\s]{3,}")


def _reads_as_heading(text: str) -> bool:
    """An all-bold line is a sub-heading unless it reads as prose: emphasis, not a title.

    >>> _reads_as_heading("外贸开门稳"), _reads_as_heading("究竟哪些城市能成为“无废城市”？")
    (True, True)
    >>> _reads_as_heading("“穿汉服者不得入内”？官方：系误解")
    True
    >>> _reads_as_heading("所以回过头来看，这些方式存在什么地方吗？并没有。")
    False
    >>> _reads_as_heading("一是加快产业升级；")
    False
    >>> _reads_as_heading("21世纪经济报道记者 张三 北京报道")
    False
    >>> _reads_as_heading("► 文 观察者网 杨蓉"), _reads_as_heading("文旅消费回暖")
    (False, True)
    """
    return (
        len(text) <= _HEADING_MAX_CHARACTERS
        and _PROSE.search(text) is None
        and _BYLINE.search(text) is None
    )


def _int_attribute(element: etree._Element, name: str) -> int:
    value = (element.get(name) or "").strip()
    return int(value) if value.isdigit() and 0 < int(value) < 10_000 else 1


def _named_from_links(stock: Stock, span: etree._Element) -> Stock:
    """An empty stock span (Sina nests them in each other's links) takes its name
    from the nearby link to the same code."""
    parent = span.getparent()
    while parent is not None and parent.tag in ("a", "span", "font", "strong", "b"):
        span, parent = parent, parent.getparent()
    code = f"{stock.market}{stock.symbol}"
    for link in span.iter("a"):
        if code in (link.get("href") or "") and (name := element_text(link)):
            return attrs.evolve(stock, name=name)
    return stock


def element_text(element: etree._Element) -> str:
    """The clean text of ``element`` and its descendants."""
    return clean_text(str(_STRING_VALUE(element)))


class _Walker:
    def __init__(self, base_url: str | None) -> None:
        self.base_url = base_url
        self.blocks: list[Block] = []
        self.stocks: list[Stock] = []
        self.editor_lines: list[str] = []
        self.source_hints: list[str] = []
        self.warnings: list[ParseWarning] = []
        self._segments: list[tuple[str, bool]] = []

    # The buffer of inline text --------------------------------------------

    def has_pending_text(self) -> bool:
        return any(not text.isspace() for text, _ in self._segments)

    def flush(self) -> None:
        """End the current paragraph, if it has any visible text."""
        segments = self._segments
        if not segments:
            return
        self._segments = []
        if len(segments) == 1:  # the common case: a paragraph of plain text
            joined, all_bold = segments[0]
        else:
            joined = "".join([text for text, _ in segments])
            all_bold = all(bold for text, bold in segments if not text.isspace())
        if joined.isspace():
            return  # the line ends between blocks: nothing to clean
        text = clean_text(joined)
        if not text or _DIVIDER.fullmatch(text):
            return
        self.blocks.append(
            Heading(text) if all_bold and _reads_as_heading(text) else Paragraph(text)
        )

    # The walk ---------------------------------------------------------------

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
            self.visit_block(element, bold or _is_bold(element, tag))
        elif not isinstance(tag, str) or tag in _SKIPPED_TAGS:
            # Comments, processing instructions, media and form controls.
            if tag in _MEDIA_TAGS:
                self.note_dropped_media(element)
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
            self.visit_inline(element, tag, bold or _is_bold(element, tag))

    def visit_block(self, element: etree._Element, bold: bool) -> None:
        self.flush()
        if element.get("class"):
            classes = _classes(element)
            if classes & _EDITOR_CLASSES:
                self.editor_lines.append(element_text(element))
                return
            if _ARTICLE_INFO_CLASS in classes:
                self.source_hints.extend(map(element_text, _MEDIA_NAME(element)))  # type: ignore[arg-type]
                return
        self.visit_children(element, bold)
        self.flush()

    def visit_inline(self, element: etree._Element, tag: str, bold: bool) -> None:
        if tag == "span":
            if "img_descr" in _classes(element):
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
        last = self.blocks[-1] if self.blocks and not self.has_pending_text() else None
        if isinstance(last, Figure) and last.image.caption is None:
            self.blocks[-1] = Figure(attrs.evolve(last.image, caption=caption))
        else:
            self.flush()
            self.blocks.append(Paragraph(caption))  # a caption with no picture is still text

    def visit_image(self, element: etree._Element) -> None:
        image = self.read_image(element)
        if image is not None:
            self.flush()
            self.blocks.append(Figure(image))

    def read_image(self, element: etree._Element) -> Image | None:
        url = None
        for attribute in _IMAGE_URL_ATTRIBUTES:
            raw = element.get(attribute)
            if raw and (url := normalize_url(raw, self.base_url)):
                break
        if url is None:
            self.note_unusable_image(element)
            return None
        size = image_size(url)
        return Image(
            url=url,
            alt=clean_text(element.get("alt") or "") or None,
            width=size[0] if size else None,
            height=size[1] if size else None,
        )

    def note_unusable_image(self, element: etree._Element) -> None:
        src = (element.get("src") or "").strip()
        if src and self.base_url is None and ":" not in src.split("/", 1)[0]:
            self.warnings.append(
                ParseWarning(
                    "image-relative-url", f"relative image URL {src[:80]!r} dropped: no base_url"
                )
            )

    def note_dropped_media(self, element: etree._Element) -> None:
        src = element.get("src") or next(
            (source.get("src") for source in element.iter("source") if source.get("src")), None
        )
        if src:
            self.warnings.append(
                ParseWarning(
                    "media-dropped", f"<{element.tag}> {src[:120]} is not a picture: dropped"
                )
            )

    def visit_table(self, element: etree._Element) -> None:
        self.flush()
        rows = []
        for row in element.iter("tr"):
            cells = tuple(
                Cell(
                    text=element_text(cell),
                    colspan=_int_attribute(cell, "colspan"),
                    rowspan=_int_attribute(cell, "rowspan"),
                    header=cell.tag == "th",
                )
                for cell in row
                if cell.tag in ("td", "th")
            )
            if cells:
                rows.append(cells)
        caption_element = element.find("caption")
        caption = element_text(caption_element) if caption_element is not None else ""
        if rows:
            self.blocks.append(Table(tuple(rows), caption=caption or None))
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
