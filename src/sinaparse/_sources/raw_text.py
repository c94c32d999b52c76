"""The two HTML elements whose content libxml2 keeps as text, tags and all, but
which browsers show: ``<xmp>`` (preformatted) and ``<plaintext>`` (the rest of
the document). A page or a body holding one is read again with them renamed
(``<pre>``, ``<div>``), so that their text is kept and their tags are tags.

In: HTML text. Out: the same text, those two tags renamed. Used by the page
reader here and by the body's parser (``_body.html``).
"""

from __future__ import annotations

import re

READ_AS_MARKUP = {"xmp": "pre", "plaintext": "div"}
"""Each such element, and the element it is read as."""
# Their tags: a tag name ends at white space, "/", ">" or the end.
MARKUP_AS_TEXT_TAG = re.compile(r"<(/?)(xmp|plaintext)(?![^\s/>])", re.IGNORECASE)


def markup_tags_rewritten(text: str) -> str:
    """``text`` with every ``<xmp>`` and ``<plaintext>`` tag renamed (one pass: linear)."""
    return MARKUP_AS_TEXT_TAG.sub(_rewritten_tag, text)


def _rewritten_tag(match: re.Match[str]) -> str:
    return "<" + match.group(1) + READ_AS_MARKUP[match.group(2).lower()]
