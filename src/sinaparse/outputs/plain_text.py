"""Plain text: each article's title, then its paragraphs one a line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..article import Article, Body


def one_line(text: str) -> str:
    """``text`` on one line: line ends become spaces, the ends are stripped."""
    return " ".join(text.split("\n")).strip()


def write_text(articles: Iterable[Body], stream: TextIO) -> int:
    """Plain text: each article's title, a blank line, its paragraphs one a line
    (a bare :class:`~sinaparse.Body`: its paragraphs only).

    Articles are separated by a blank line.
    """
    count = 0
    for article in articles:
        if count:
            stream.write("\n")
        if isinstance(article, Article):
            stream.write(one_line(article.title) + "\n\n")
        if article.paragraphs:
            stream.write(article.text + "\n")
        count += 1
    return count
