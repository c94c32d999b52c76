"""A clean body becomes the Body's fields."""

from __future__ import annotations

from collections.abc import Iterable

from ..article import Block, Body, Figure, Heading, Paragraph, ParseWarning, Quote, Stock
from .clean import CleanBody
from .metadata import take_metadata
from .walk import walk


def extract_body(cleaned: CleanBody, base_url: str | None) -> Body:
    """Blocks, paragraphs, pictures, stocks and metadata lines of ``cleaned``."""
    walked = walk(cleaned.root, base_url)
    metadata = take_metadata(walked.blocks, walked.editor_lines, walked.source_hints)
    # A deleted article, a video page's stub: an empty row that looks fine in
    # a dataset unless it says so.
    empty = () if metadata.blocks else (_EMPTY,)
    return Body(
        paragraphs=tuple(_paragraph_texts(metadata.blocks)),
        blocks=metadata.blocks,
        images=tuple(block.image for block in metadata.blocks if isinstance(block, Figure)),
        stocks=merge_stocks(walked.linked_stocks + cleaned.keyword_stocks),
        original_title=metadata.original_title,
        source=metadata.source,
        editor=metadata.editor,
        credits=metadata.credits,
        warnings=cleaned.warnings + walked.warnings + metadata.warnings + empty,
    )


_EMPTY = ParseWarning("body-empty", "the body holds no text, picture, table or code")


def _paragraph_texts(blocks: Iterable[Block]) -> Iterable[str]:
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            yield block.text
        elif isinstance(block, Quote):
            yield from block.paragraphs


def merge_stocks(stocks: Iterable[Stock]) -> tuple[Stock, ...]:
    """One Stock per market and symbol, in order of first appearance, named if
    any is, linked if any is."""
    merged: dict[tuple[str, str], Stock] = {}
    for stock in stocks:
        key = (stock.market, stock.symbol)
        known = merged.get(key)
        if known is None:
            merged[key] = stock
        elif (known.name is None and stock.name) or (stock.linked and not known.linked):
            name = known.name or stock.name
            merged[key] = Stock(stock.market, stock.symbol, name, known.linked or stock.linked)
    return tuple(merged.values())
