"""CSV: a header row, then one flat row per article."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from ..article import Article, Body

CSV_COLUMNS: tuple[str, ...] = (
    "title",
    "date",
    "url",
    "categories",
    "keywords",
    "channel",
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
"""The CSV header. ``categories`` are joined by ``' / '``, ``keywords`` by ``', '``;
``head_image`` is the URL;
``paragraphs`` and ``images`` are counts; ``stocks`` are ``sh600519``-style codes
joined by spaces; a missing value is an empty cell."""


def write_csv(articles: Iterable[Body], stream: TextIO) -> int:
    """CSV with a header row (:data:`CSV_COLUMNS`) and a row per article (a bare
    :class:`~sinaparse.Body` leaves the metadata cells empty)."""
    writer = csv.writer(stream)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for article in articles:
        writer.writerow(_csv_row(article))
        count += 1
    return count


def _csv_row(result: Body) -> tuple[str | int, ...]:
    if isinstance(result, Article):
        return _article_cells(result) + _body_cells(result)
    return ("",) * _METADATA_COLUMNS + _body_cells(result)


_METADATA_COLUMNS = CSV_COLUMNS.index("original_title")


def _article_cells(article: Article) -> tuple[str | int, ...]:
    return (
        article.title,
        article.date.isoformat(),
        article.url or "",
        " / ".join(article.categories),
        ", ".join(article.keywords),
        article.channel or "",
        article.author or "",
    )


def _body_cells(article: Body) -> tuple[str | int, ...]:
    return (
        article.original_title or "",
        article.source or "",
        article.editor or "",
        article.head_image.url if isinstance(article, Article) and article.head_image else "",
        len(article.paragraphs),
        len(article.images),
        " ".join(stock.market + stock.symbol for stock in article.stocks),
        article.text,
    )
