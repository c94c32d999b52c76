"""The walk's buffer of inline text becomes a paragraph, or a sub-heading.

The walk appends ``(text, bold)`` segments as it meets them; a block-level
element, a ``<br>`` or a picture ends the paragraph. A paragraph whose every
visible character is bold is a sub-heading, unless it reads as prose.
"""

from __future__ import annotations

import re

from .._text import clean_text
from ..article import Block, Heading, Paragraph

Segment = tuple[str, bool]
"""A run of inline text, and whether it is bold."""

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
# What a divider's first character is (its text is stripped): a cheap test first.
_DIVIDER_FIRST = frozenset("\u2014\u2015=＝*＊·•~～_-")


def has_visible_text(segments: list[Segment]) -> bool:
    """Whether the buffer holds any text that is not white space."""
    return any(not text.isspace() for text, _ in segments)


def block_from_segments(segments: list[Segment]) -> Block | None:
    """The paragraph (or sub-heading) the buffered segments make, or None when
    they hold no visible text or only a divider line."""
    if len(segments) == 1:  # the common case: a paragraph of plain text
        joined, all_bold = segments[0]
    else:
        joined = "".join([text for text, _ in segments])
        all_bold = all(bold for text, bold in segments if not text.isspace())
    if joined.isspace():
        return None  # the line ends between blocks: nothing to clean
    text = clean_text(joined)
    if not text:
        return None
    first = text[0]
    if (first in _DIVIDER_FIRST or "\u2500" <= first <= "\u257f") and _DIVIDER.fullmatch(text):
        return None
    return Heading(text) if all_bold and reads_as_heading(text) else Paragraph(text)


def reads_as_heading(text: str) -> bool:
    """An all-bold line is a sub-heading unless it reads as prose: emphasis, not a title.

    >>> reads_as_heading("外贸开门稳"), reads_as_heading("究竟哪些城市能成为“无废城市”？")
    (True, True)
    >>> reads_as_heading("“穿汉服者不得入内”？官方：系误解")
    True
    >>> reads_as_heading("所以回过头来看，这些方式存在什么地方吗？并没有。")
    False
    >>> reads_as_heading("一是加快产业升级；")
    False
    >>> reads_as_heading("21世纪经济报道记者 张三 北京报道")
    False
    >>> reads_as_heading("► 文 观察者网 杨蓉"), reads_as_heading("文旅消费回暖")
    (False, True)
    """
    return (
        len(text) <= _HEADING_MAX_CHARACTERS
        and _PROSE.search(text) is None
        and _BYLINE.search(text) is None
    )
