"""Preformatted text: ``<pre>``, and a ``<code>`` that stands as a block.

Its text is kept exactly (spaces, tabs, line breaks), unlike a paragraph's:
in program text, layout is content. ``<br>`` is a line break; the line break
right after ``<pre>`` is not content (HTML drops it too); what is never text
(:data:`~sinaparse._text.NOT_TEXT`) goes, as everywhere. Markup inside (the
``<span>`` of a highlighter) gives only its text.

A ``<code>`` inside a paragraph is inline text, as written; it is a block when
it spans lines, or when it is all its block holds (``<p><code>…</code></p>``).
"""

from __future__ import annotations

import re

from lxml import etree

from .._text import NOT_TEXT, without_not_text
from ..article import Code
from .elements import classes

# class="language-python", class="lang-js": the language a highlighter is told.
# A language's name is a word (c++, objective-c, c#, vb.net): a class holding
# more (<, quotes, markup) names none, and never reaches a Markdown fence.
_LANGUAGE_CLASS = re.compile(r"(?:language|lang)-(?P<language>[A-Za-z0-9][A-Za-z0-9_+#.-]{0,39})")


def read_code(element: etree._Element) -> Code | None:
    """The Code block of a ``<pre>`` or a block ``<code>``; None when it holds
    nothing visible."""
    text = code_text(element)
    if element.tag == "pre" and text.startswith("\n"):
        text = text[1:]
    if not text.strip():
        return None
    return Code(text, language=_language(element))


def code_text(element: etree._Element) -> str:
    """Every character of text inside ``element``, in order; ``<br>`` as a line break."""
    parts: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            if node.tag == "br":
                parts.append("\n")
            elif isinstance(node.tag, str) and node.text:
                parts.append(node.text)  # a comment's text is not the page's
        elif node is not element and node.tail:
            parts.append(node.tail)
    text = "".join(parts)
    return without_not_text(text) if NOT_TEXT.search(text) else text


def stands_as_block(code: etree._Element) -> bool:
    """Whether a ``<code>`` is a block of its own: it spans lines, or it is all
    that its parent holds."""
    if "\n" in code_text(code).strip("\n"):
        return True
    parent = code.getparent()
    return (
        parent is not None
        and len(parent) == 1
        and not (parent.text or "").strip()
        and not (code.tail or "").strip()
    )


def _language(element: etree._Element) -> str | None:
    """The language a ``language-…`` / ``lang-…`` class names, on the element
    or on a ``<code>`` inside it."""
    for node in (element, *element.iter("code")):
        for name in sorted(classes(node)):
            match = _LANGUAGE_CLASS.fullmatch(name)
            if match:
                return match.group("language")
    return None
