"""Markdown: a document per article, every character escaped to show as it is."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from ..article import Article, Block, Figure, Heading, Image, Paragraph, Quote, Table
from .plain_text import one_line as _one_line


def write_markdown(articles: Iterable[Article], stream: TextIO) -> int:
    """A Markdown document per article, separated by ``---`` rules.

    ``# title``, the date and source, then the body in order: paragraphs,
    sub-headings as ``##``, figures as images with their captions, tables as
    pipe tables, quotes as ``>``. Text that Markdown would read as markup is
    escaped, so every character shows as it is.
    """
    count = 0
    for article in articles:
        if count:
            stream.write("---\n\n")
        for chunk in _markdown_chunks(article):
            stream.write(chunk + "\n\n")
        count += 1
    return count


def _markdown_chunks(article: Article) -> Iterator[str]:
    yield "# " + _escape_line(_one_line(article.title))
    yield f"Date: {article.date.isoformat()}"
    if article.source:
        yield "Source: " + _escape_inline(article.source)
    for block in article.blocks:
        chunk = _markdown_block(block)
        if chunk:
            yield chunk


def _markdown_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return _escape_text(block.text)
    if isinstance(block, Heading):
        return "## " + _escape_line(_one_line(block.text))
    if isinstance(block, Figure):
        return _markdown_image(block.image)
    if isinstance(block, Quote):
        return "\n>\n".join(
            "\n".join("> " + line for line in _escape_text(text).split("\n"))
            for text in block.paragraphs
        )
    return _markdown_table(block)


def _markdown_image(image: Image) -> str:
    description = _escape_inline(_one_line(image.alt or image.caption or ""))
    url = image.url
    if any(character in url for character in " ()<>"):
        url = f"<{url}>"
    text = f"![{description}]({url})"
    if image.caption:
        text += "\n*" + _escape_inline(_one_line(image.caption)) + "*"
    return text


def _markdown_table(table: Table) -> str:
    grid = _table_grid(table)
    if not grid:
        return ""
    width = max(len(row) for row in grid)
    lines = []
    for number, row in enumerate(grid):
        cells = [_escape_cell(text) for text in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if number == 0:
            # Pipe tables need a header row: the first row is it, <th> or not.
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)


def _table_grid(table: Table) -> list[list[str]]:
    """The table's text laid on a grid: a spanning cell fills its first slot,
    the other slots it covers are empty, so every column stays in place."""
    grid: list[list[str]] = []
    covered: set[tuple[int, int]] = set()
    for row_number, row in enumerate(table.rows):
        texts: list[str] = []
        column = 0
        for cell in row:
            while (row_number, column) in covered:
                texts.append("")
                column += 1
            texts.append(cell.text)
            texts.extend([""] * (max(cell.colspan, 1) - 1))
            for down in range(1, max(cell.rowspan, 1)):
                for across in range(max(cell.colspan, 1)):
                    covered.add((row_number + down, column + across))
            column += max(cell.colspan, 1)
        while (row_number, column) in covered:
            texts.append("")
            column += 1
        grid.append(texts)
    return grid


_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What opens a block when it starts a line, and the character to escape:
# an ATX heading, a bullet, an ordered-list number's dot, a setext underline.
_BLOCK_START = re.compile(
    r"^\s*(?:(?P<hash>#)#{0,5}(?:\s|$)|(?P<bullet>[-+])(?:\s|$)"
    r"|\d{1,9}(?P<dot>[.)])(?:\s|$)|(?P<rule>[-=])[-=\s]*$)"
)


def _escape_inline(text: str) -> str:
    return _ENTITY.sub("\\\\&", _INLINE_MARKUP.sub(r"\\\1", text))


def _escape_line(line: str) -> str:
    escaped = _escape_inline(line)
    match = _BLOCK_START.match(escaped)
    if match is None:
        return escaped
    marker = next(
        match.start(name) for name in ("hash", "bullet", "dot", "rule") if match.group(name)
    )
    return escaped[:marker] + "\\" + escaped[marker:]


def _escape_text(text: str) -> str:
    return "\n".join(_escape_line(line) for line in text.split("\n"))


def _escape_cell(text: str) -> str:
    return _escape_inline(_one_line(text)).replace("|", "\\|")


