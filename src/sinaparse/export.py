"""Write Articles out: JSON Lines, JSON, CSV, Markdown or plain text.

Every writer takes an iterable of :class:`~sinaparse.Article` and a text
stream, writes as it reads (nothing is gathered in memory, so a generator of
millions of articles is fine), and returns how many articles it wrote:

>>> import datetime as dt, io
>>> from sinaparse import Article
>>> from sinaparse.export import WRITERS
>>> article = Article(
...     title="标题", date=dt.datetime(2021, 8, 2, tzinfo=dt.timezone.utc),
...     paragraphs=["第一段", "第二段"],
... )
>>> stream = io.StringIO()
>>> WRITERS["text"]([article], stream)
1
>>> print(stream.getvalue(), end="")
标题
<BLANKLINE>
第一段
第二段

Open a file for a writer with ``encoding="utf-8", newline=""``: the writers
choose their own line ends (``\\n``, and ``\\r\\n`` for CSV as RFC 4180 says).
"""

from __future__ import annotations

import base64
import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TextIO

from .article import Article, Block, Figure, Heading, Image, Paragraph, Quote, Table

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "WRITERS",
    "Writer",
    "article_json",
    "write_csv",
    "write_json",
    "write_jsonl",
    "write_markdown",
    "write_text",
]

Writer = Callable[[Iterable[Article], TextIO], int]
"""A writer: articles and a text stream in, the number of articles written out."""


# --- JSON --------------------------------------------------------------------


def article_json(article: Article, *, indent: int | None = None) -> str:
    """The article's ``to_dict()`` as JSON text, non-ASCII characters kept as they are."""
    return json.dumps(article.to_dict(), ensure_ascii=False, indent=indent, default=_json_fallback)


def _json_fallback(value: object) -> object:
    # Parsed articles hold JSON data only, but an Article built by hand may
    # carry bytes or a set in ``extra``: write them in the nearest form
    # rather than stop the whole batch on one odd article.
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    raise TypeError(f"{type(value).__name__} cannot be written as JSON")


# Characters that are no line end for JSON but are for str.splitlines() and
# some editors: escaped, so that a JSON Lines file has one article per line
# for every reader.
_LINE_BREAKING = re.compile("[\u0085\u2028\u2029]")


def write_jsonl(articles: Iterable[Article], stream: TextIO) -> int:
    """JSON Lines: one ``Article.to_dict()`` per line, UTF-8 text, ``\\n`` line ends."""
    count = 0
    for article in articles:
        stream.write(_escape_line_breaking(article_json(article)) + "\n")
        count += 1
    return count


def _escape_line_breaking(line: str) -> str:
    # Three substring searches take about 2 µs for an article of Chinese text;
    # the regular expression alone takes 0.1 ms, and str.translate with a
    # mapping 0.6 ms (it looks every character up in Python).
    if "\u0085" in line or "\u2028" in line or "\u2029" in line:
        return _LINE_BREAKING.sub(lambda found: f"\\u{ord(found[0]):04x}", line)
    return line


def write_json(articles: Iterable[Article], stream: TextIO) -> int:
    """One JSON array of ``Article.to_dict()``, indented by 2, written article by article.

    The text is the same as ``json.dumps([...], ensure_ascii=False, indent=2)``
    of the whole list, without ever holding the list.
    """
    count = 0
    for article in articles:
        stream.write(",\n" if count else "[\n")
        stream.write(_indented(article_json(article, indent=2), "  "))
        count += 1
    stream.write("\n]\n" if count else "[]\n")
    return count


def _indented(text: str, prefix: str) -> str:
    # Safe line by line: JSON strings never hold a raw line end.
    return "\n".join(prefix + line for line in text.split("\n"))


# --- CSV ---------------------------------------------------------------------

CSV_COLUMNS: tuple[str, ...] = (
    "title",
    "date",
    "categories",
    "author",
    "original_title",
    "source",
    "editor",
    "head_image",
    "paragraphs",
    "images",
    "stocks",
    "text",
)
"""The CSV header. ``categories`` are joined by ``' / '``; ``head_image`` is the URL;
``paragraphs`` and ``images`` are counts; ``stocks`` are ``sh600519``-style codes
joined by spaces; a missing value is an empty cell."""


def write_csv(articles: Iterable[Article], stream: TextIO) -> int:
    """CSV with a header row (:data:`CSV_COLUMNS`) and a row per article."""
    writer = csv.writer(stream)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for article in articles:
        writer.writerow(_csv_row(article))
        count += 1
    return count


def _csv_row(article: Article) -> tuple[str | int, ...]:
    return (
        article.title,
        article.date.isoformat(),
        " / ".join(article.categories),
        article.author or "",
        article.original_title or "",
        article.source or "",
        article.editor or "",
        article.head_image.url if article.head_image else "",
        len(article.paragraphs),
        len(article.images),
        " ".join(stock.market + stock.symbol for stock in article.stocks),
        article.text,
    )


# --- Markdown ----------------------------------------------------------------


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


def _one_line(text: str) -> str:
    return " ".join(text.split("\n")).strip()


# --- Plain text --------------------------------------------------------------


def write_text(articles: Iterable[Article], stream: TextIO) -> int:
    """Plain text: each article's title, a blank line, its paragraphs one a line.

    Articles are separated by a blank line.
    """
    count = 0
    for article in articles:
        if count:
            stream.write("\n")
        stream.write(_one_line(article.title) + "\n\n")
        if article.paragraphs:
            stream.write(article.text + "\n")
        count += 1
    return count


WRITERS: Mapping[str, Writer] = MappingProxyType(
    {
        "jsonl": write_jsonl,
        "json": write_json,
        "csv": write_csv,
        "markdown": write_markdown,
        "text": write_text,
    }
)
"""Every writer by its format's name."""

FORMATS: tuple[str, ...] = tuple(WRITERS)
"""The format names, in the order ``--help`` lists them."""
