"""What the parse removed, as records: for ``sinaparse explain`` and the debug log.

A parse makes these only when asked (``explain``, or the ``sinaparse`` logger
at DEBUG level): the normal parse builds none.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

import attrs
from lxml import etree

from ..article import ParseWarning

LOGGER = logging.getLogger("sinaparse")
"""The logger a parse sends its removals and warnings to, at DEBUG level."""

EXCERPT_LENGTH = 80
"""The most characters of an excerpt, its ``…`` included."""

COMMENT_STEP = ("html-comment", "HTML comments are always removed (their stock codes read first)")
RAW_TEXT_STEP = ("raw-text", "content browsers keep as text or never show (iframe, textarea, …)")

_SPACES = re.compile(r"\s+")


@attrs.frozen
class Removal:
    """One element the parse took out of a body, and the rule that did."""

    rule: str
    """The rule's name (:attr:`BoilerplateRule.name`, its selector when it has
    none), or a fixed step's: ``html-comment``, ``raw-text``."""
    reason: str
    """Why it went: the rule's reason."""
    excerpt: str
    """The element's text, white space collapsed, cut to about 80 characters
    with ``…``; empty for an element without text (a picture)."""
    tag: str
    """The element's tag (``comment`` for an HTML comment)."""
    line: int | None = None
    """Its line in the input (a post's file, a page, a feed), where lxml knows it."""


def excerpt(text_pieces: Iterable[str], length: int = EXCERPT_LENGTH) -> str:
    """The pieces' text, white space collapsed, cut to ``length`` characters with ``…``.

    Only the pieces the excerpt needs are read: a removed element may be large.

    >>> excerpt(["  扫码  下载\\n", "新浪财经APP "])
    '扫码 下载 新浪财经APP'
    >>> excerpt(["一二三四五六"], length=4)
    '一二三…'
    """
    read: list[str] = []
    size = 0
    for piece in text_pieces:
        read.append(piece)
        size += len(piece)
        if size > 4 * length:  # enough, even if most of it is white space
            break
    text = _SPACES.sub(" ", "".join(read)).strip()
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def removal_of(rule: str, reason: str, element: etree._Element) -> Removal:
    """The record of ``element``, removed by ``rule`` for ``reason``."""
    line = element.sourceline if isinstance(element.sourceline, int) else None
    if isinstance(element, etree._Comment):
        return Removal(rule, reason, excerpt([element.text or ""]), "comment", line)
    pieces = (piece for piece in element.itertext() if isinstance(piece, str))
    return Removal(rule, reason, excerpt(pieces), str(element.tag), line)


def shifted(removals: tuple[Removal, ...], line_offset: int) -> tuple[Removal, ...]:
    """``removals`` with their lines moved by ``line_offset`` (a body inside a
    larger input), in the order of their lines: rules run one after another, the
    records of one line keep the order they were made in."""
    if not removals:
        return removals
    moved = [
        attrs.evolve(removal, line=removal.line + line_offset)
        if removal.line is not None and line_offset
        else removal
        for removal in removals
    ]
    return tuple(sorted(moved, key=lambda removal: removal.line or 0))


def log_parse(removals: Iterable[Removal], warnings: Iterable[ParseWarning]) -> None:
    """One DEBUG record per removal and per warning, their fields as ``extra``
    attributes (``sinaparse_rule``, ``sinaparse_warning``, …) for a handler to read."""
    for removal in removals:
        LOGGER.debug(
            "removed by %s (%s): <%s> line %s: %s",
            removal.rule,
            removal.reason,
            removal.tag,
            removal.line,
            removal.excerpt,
            extra={
                "sinaparse_rule": removal.rule,
                "sinaparse_reason": removal.reason,
                "sinaparse_excerpt": removal.excerpt,
                "sinaparse_tag": removal.tag,
                "sinaparse_line": removal.line,
            },
        )
    for warning in warnings:
        LOGGER.debug(
            "warning [%s]: %s",
            warning.code,
            warning.message,
            extra={"sinaparse_warning": warning.code, "sinaparse_message": warning.message},
        )
