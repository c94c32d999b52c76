"""Whitespace rules shared by every stage that produces text."""

from __future__ import annotations

import re

# A line break, a tab, or any run of two or more whitespace characters (U+3000
# and no-break spaces included) is layout, not content: it becomes one space.
_LAYOUT_SPACE = re.compile(r"\s{2,}|[\t\n\r\f\v]")


def clean_text(text: str) -> str:
    """``text`` without layout whitespace; every other character kept exactly.

    >>> clean_text("\\u3000\\u3000原标题：超前布局6G网络 \\n")
    '原标题：超前布局6G网络'
    """
    return _LAYOUT_SPACE.sub(" ", text).strip()
