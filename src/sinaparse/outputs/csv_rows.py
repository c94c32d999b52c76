"""CSV: a header row, then one flat row per article."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from ..article import Article

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
