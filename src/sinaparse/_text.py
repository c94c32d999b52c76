"""Text rules shared by every stage that produces text: what is not text, and layout."""

from __future__ import annotations

import re

# C0 control characters but tab and line ends, and DEL, as the body of a
# regular-expression class: not text in HTML or YAML.
CONTROL_CHARACTERS = "\x01-\x08\x0b\x0c\x0e-\x1f\x7f"
# Characters that are not text: those, NUL, the non-characters U+FFFE and
# U+FFFF, and lone surrogates (U+D800-U+DFFF: half a UTF-16 pair, which UTF-8
# cannot encode). The source's own control characters are removed when it is
# read; these come from the HTML parser, which turns character references
# (``&#12;``, ``&#65535;``) into them (lxml refuses to hold them in a tree),
# and from YAML's escapes (``"\0"``, ``"\uFFFE"``, ``"\ud800"``).
# The surrogates are written chr(…): mypyc compiles no surrogate in a literal.
NOT_TEXT = re.compile(f"[\x00{CONTROL_CHARACTERS}\ufffe\uffff{chr(0xD800)}-{chr(0xDFFF)}]")

# Elements whose text no reader sees as the text around them: a script's, a
# style's, a template's, a text box's, the document's title; xmp and plaintext
# show markup as text.
UNSEEN_TAGS = ("script", "style", "noscript", "template", "textarea", "title", "xmp", "plaintext")

# A line break, a tab, or any run of two or more whitespace characters (U+3000
# and no-break spaces included) is layout, not content: it becomes one space.
LAYOUT_SPACE = re.compile(r"\s{2,}|[\t\n\r\f\v]")
# Whitespace that str.split() would treat as layout but that, standing alone
# inside a line, is content (a full-width space, a no-break space).
_CONTENT_SPACE = re.compile("[\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def without_not_text(text: str) -> str:
    """``text`` without what is not text (:data:`NOT_TEXT`); a form feed, which
    is white space to HTML (``&#12;``), is a space: the words it parts stay apart.

    >>> without_not_text("A\x0cB\x01C")
    'A BC'
    """
    return NOT_TEXT.sub("", text.replace("\x0c", " "))


def clean_text(text: str) -> str:
    """``text`` without layout whitespace and without what is not text (:data:`NOT_TEXT`);
    every other character kept exactly.

    >>> clean_text("\\u3000\\u3000原标题：超前布局6G网络 \\n")
    '原标题：超前布局6G网络'
    >>> clean_text("全角\\u3000空格  保留")
    '全角\\u3000空格 保留'
    """
    stripped = text.strip()
    if stripped.isprintable():
        # The only printable whitespace is the ASCII space: only its runs are layout.
        return " ".join(stripped.split()) if "  " in stripped else stripped
    if NOT_TEXT.search(stripped):
        stripped = without_not_text(stripped).strip()
    if _CONTENT_SPACE.search(stripped):
        return LAYOUT_SPACE.sub(" ", stripped)
    # Only ASCII-like layout whitespace left: split and join is the same rule,
    # several times faster than the regular expression.
    return " ".join(stripped.split())


# What a browser reads as a tag: "<" and a letter, "/", "!" or "?", up to ">".
# (A lone "<" or "<<人民日报>>" is text.)
_TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")


def without_markup(text: str | None) -> str | None:
    """A metadata text (an author, a source, a keyword, a page's or a feed's
    title) without the markup a feed or a page may leave in it (``<a href=…>新京报</a>``):
    read as HTML, its text, without what no reader sees as text (scripts,
    styles); unchanged when it holds no tag. Markup that the reading reveals
    (``&lt;b&gt;`` escaped inside markup) is read again, a few times at most,
    then cut. None when nothing but markup is left.

    >>> without_markup('<a href="https://weibo.com/x">新京报</a>'), without_markup("A<B")
    ('新京报', 'A<B')
    """
    for _ in range(_MOST_READINGS):
        if text is None or "<" not in text or _TAG.search(text) is None:
            return text
        text = _html_text(text)
    if text is None:
        return None
    return clean_text(_TAG.sub(" ", text)) or None


_MOST_READINGS = 3


# More "=" than a body's element may have attributes: no parse (libxml2's
# duplicate check is quadratic in one tag's attributes), the tags are cut.
_MOST_SEPARATORS = 200


def _html_text(text: str) -> str | None:
    from lxml import etree, html  # only for the rare text that holds markup

    if text.count("=") > _MOST_SEPARATORS:
        return clean_text(_TAG.sub(" ", text)) or None

    try:
        fragment = html.fragment_fromstring(text, create_parent="div")
    except (etree.LxmlError, ValueError):
        return clean_text(_TAG.sub(" ", text)) or None
    for element in list(fragment.iter(*UNSEEN_TAGS)):
        element.drop_tree()  # its tail stays
    return clean_text(str(fragment.text_content())) or None
