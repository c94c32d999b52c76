"""Markdown: a document per article, every character escaped to show as it is."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from ..article import (
    Article,
    Block,
    Body,
    Cell,
    Code,
    Figure,
    Heading,
    Image,
    Paragraph,
    Quote,
    Table,
)
from .plain_text import one_line as _one_line


def write_markdown(articles: Iterable[Body], stream: TextIO) -> int:
    """A Markdown document per article, separated by ``---`` rules.

    ``# title``, the date and source, then the body in order: paragraphs,
    sub-headings as ``##``, figures as images with their captions, tables as
    pipe tables, quotes as ``>``, code as fenced blocks. Text that Markdown would read as markup is
    escaped, so every character shows as it is. A bare :class:`~sinaparse.Body`
    has no title or date: its document starts with its source.
    """
    count = 0
    for article in articles:
        if count:
            stream.write("---\n\n")
        for chunk in _markdown_chunks(article):
            stream.write(chunk + "\n\n")
        count += 1
    return count


def _markdown_chunks(article: Body) -> Iterator[str]:
    if isinstance(article, Article):
        yield "# " + _escape_line(_one_line(article.title))
        yield f"Date: {article.date.isoformat()}"
        if article.url:
            yield "URL: " + _markdown_url(article.url)
    if article.source:
        yield "Source: " + _escape_inline(article.source)
    if isinstance(article, Article) and article.keywords:
        yield "Keywords: " + _escape_inline(_one_line(", ".join(article.keywords)))
    for block in article.blocks:
        chunk = _markdown_block(block)
        if chunk:
            yield chunk


def _markdown_url(url: str) -> str:
    # An autolink shows the address as it is; one holding what ends an
    # autolink is written as escaped text instead.
    if any(character in url for character in " <>"):
        return _escape_inline(url)
    return f"<{url}>"


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
    if isinstance(block, Code):
        return fenced_code(block)
    return _markdown_table(block)


_BACKTICK_RUN = re.compile(r"`+")


def fenced_code(code: Code) -> str:
    """``code`` as a fenced block whose fence no run of backticks inside can close.

    >>> print(fenced_code(Code("a = '``'", language="python")))
    ```python
    a = '``'
    ```
    """
    longest = max((len(run) for run in _BACKTICK_RUN.findall(code.text)), default=0)
    fence = "`" * max(3, longest + 1)
    # An info string ends at white space and may hold no backtick: a language
    # made by hand that breaks either is left out rather than written wrong.
    language = code.language or ""
    if "`" in language or not language.isprintable() or language.split() != [language]:
        language = ""
    text = code.text if code.text.endswith("\n") else code.text + "\n"
    return f"{fence}{language}\n{text}{fence}"


def _markdown_image(image: Image) -> str:
    description = _escape_inline(_one_line(image.alt or image.caption or ""))
    text = f"![{description}]({link_destination(image.url)})"
    if image.caption:
        text += "\n*" + _escape_inline(_one_line(image.caption)) + "*"
    return text


# What a Markdown link destination cannot hold as it is: white space and control
# characters (percent-encoded, as in any URL); parentheses and angle brackets,
# which would end it early or open markup (the destination is then written
# between < and >, where only <, > and the backslash need escaping).
_DESTINATION_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
_DESTINATION_BRACKETED = re.compile(r"[()<>]")
_DESTINATION_ESCAPED = re.compile(r"([\\<>])")


def link_destination(url: str) -> str:
    r"""``url`` written as a link destination that ends where it should and holds no markup.

    The parser's URLs need little of this; an Image made by hand may hold anything.

    >>> print(link_destination("https://x.cn/a b(1)<script>.jpg"))
    <https://x.cn/a%20b(1)\<script\>.jpg>
    """
    if _DESTINATION_UNSAFE.search(url):
        url = _DESTINATION_UNSAFE.sub(
            lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8")), url
        )
    if "\\" in url or _DESTINATION_BRACKETED.search(url):
        return "<" + _DESTINATION_ESCAPED.sub(r"\\\1", url) + ">"
    return url


def _markdown_table(table: Table) -> str:
    grid = table_grid(table)
    if not grid:
        return ""
    width = max(len(row) for row in grid)
    # Rows shorter than the header are filled by Markdown itself: written out
    # only while that costs no more than the grid's budget.
    pad_every_row = len(grid) * width <= _slot_budget(table)
    lines = []
    for number, row in enumerate(grid):
        padding = width - len(row) if number == 0 or pad_every_row else 0
        cells = [_escape_cell(text) for text in row] + [""] * padding
        lines.append("| " + " | ".join(cells) + " |")
        if number == 0:
            # Pipe tables need a header row: the first row is it, <th> or not.
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)


SLOTS_PER_CELL = 8
"""A table is laid out on its grid only when the grid has at most this many
slots per cell (and at least 64 in all): spans of thousands on a few cells
would make millions of empty ones."""


def table_grid(table: Table) -> list[list[str]]:
    """The table's text laid on a grid: a spanning cell fills its first slot,
    the other slots it covers are empty, so every column stays in place.

    A rowspan ends at the table's last row. A table whose grid would hold
    more than :data:`SLOTS_PER_CELL` slots per cell (a ``colspan`` of 9999,
    say) is written with each row's cells side by side, spans left out; the
    rows are padded to the header's width only within the same budget (pipe
    tables fill short rows themselves). So the output stays proportional to
    the table.
    """
    rows = table.rows
    budget = _slot_budget(table)
    slots = 0
    for row_number, row in enumerate(rows):
        rows_left = len(rows) - row_number
        slots += sum(_colspan(cell) * min(_rowspan(cell), rows_left) for cell in row)
        if slots > budget:
            return [[cell.text for cell in row] for row in rows]
    return _spanned_grid(rows)  # at most twice ``slots``: each slot is a cell's or covered


def _slot_budget(table: Table) -> int:
    return max(64, SLOTS_PER_CELL * sum(map(len, table.rows)))


def _colspan(cell: Cell) -> int:
    return max(cell.colspan, 1)


def _rowspan(cell: Cell) -> int:
    return max(cell.rowspan, 1)


def _spanned_grid(rows: tuple[tuple[Cell, ...], ...]) -> list[list[str]]:
    grid: list[list[str]] = []
    covered: set[tuple[int, int]] = set()
    for row_number, row in enumerate(rows):
        texts: list[str] = []
        column = 0
        for cell in row:
            while (row_number, column) in covered:
                texts.append("")
                column += 1
            texts.append(cell.text)
            texts.extend([""] * (_colspan(cell) - 1))
            for down in range(1, min(_rowspan(cell), len(rows) - row_number)):
                for across in range(_colspan(cell)):
                    covered.add((row_number + down, column + across))
            column += _colspan(cell)
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
