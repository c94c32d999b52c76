"""The body's HTML becomes an lxml tree, with safe parser settings.

Three habits of libxml2 that would lose content, or keep markup as text, are
undone:

- What follows ``</body>`` or ``</html>`` (which libxml2 puts outside the
  body, or in further root elements) is moved back to the end of the body:
  browsers show it. A leading BOM, XML declaration or other processing
  instruction goes (lxml refuses a ``str`` that declares an encoding).
- libxml2 keeps the content of some elements as raw text, tags and all
  (:data:`RAW_TEXT_TAGS`). ``<xmp>`` (which browsers show as preformatted
  text) and ``<plaintext>`` (which swallows the rest of the page) are read
  as ``<pre>`` and ``<div>``: their text is kept and their tags are tags. The
  others leave the tree here, whatever the boilerplate catalogue says, so no
  field can hold their content: form text is no article text, an
  ``<iframe>`` shows another page, a ``<title>`` belongs to the page's head,
  and ``<noembed>`` and ``<noframes>`` hold what a browser shows only without
  plug-ins or frames, which no browser of the last twenty years lacks
  (fallback content, like the text inside ``<video>``: dropped, with a
  warning when it holds text). ``<script>`` and ``<style>`` are boilerplate:
  the catalogue's first rules remove them.
- A body nested deeper than libxml2's limit (256 elements) is read again with
  the deeper limit of its huge-tree mode (2048); one deeper still is read with
  its nesting taken out (see :func:`flattened`), with a warning.

Each step costs nothing on a body without the markup it is about: one pass
in C finds the raw-text elements, and the rest looks only at the tree's ends.
"""

from __future__ import annotations

import re
import threading
from typing import NamedTuple

from lxml import etree

from .._sources.raw_text import READ_AS_MARKUP, markup_tags_rewritten
from .._text import clean_text
from ..article import ParseWarning
from ..errors import BodyError
from .markup import check_markup

_local = threading.local()

# The start of a body that lxml or libxml2 must not see: a BOM, white space,
# an XML declaration or other processing instructions.
_LEADING_INSTRUCTIONS = re.compile(r"[\ufeff\s]*(?:<\?[^<>]*>[\ufeff\s]*)*")
RAW_TEXT_TAGS = ("iframe", "noembed", "noframes", "textarea", "title", "xmp", "plaintext")
"""The elements whose content libxml2 keeps as text, tags and all, but
``<script>`` and ``<style>``: boilerplate, the catalogue's first rules."""
_FALLBACK_TAGS = frozenset({"noembed", "noframes"})
_DEPTH_ERROR = "Excessive depth"


class HtmlTree(NamedTuple):
    """A parsed body, and what its parse had to change."""

    root: etree._Element
    """The ``<body>`` element."""
    warnings: tuple[ParseWarning, ...] = ()
    raw_text: tuple[etree._Element, ...] = ()
    """The raw-text elements (:data:`RAW_TEXT_TAGS`) taken out of the tree."""


def _parser(*, comments: bool, huge: bool = False) -> etree.HTMLParser:
    """This thread's parser: lxml parser objects must not be shared between threads.

    No network, no entity expansion beyond HTML's own. Comments are kept only
    when asked for: they carry data in some bodies, and a tree built without
    them holds each run of text in one piece. Huge-tree mode (which lifts
    libxml2's limits on depth, to 2048, and on the size of one text) only for
    a body too deep without it: the size of a body is bounded by ``max_bytes``
    and :mod:`.markup` before it gets here.
    """
    name = f"parser_{'with' if comments else 'without'}_comments{'_huge' if huge else ''}"
    parser: etree.HTMLParser | None = getattr(_local, name, None)
    if parser is None:
        parser = etree.HTMLParser(  # type: ignore[call-arg]  # default_doctype: not in lxml-stubs
            recover=True,
            no_network=True,
            remove_comments=not comments,
            remove_pis=True,
            remove_blank_text=False,
            huge_tree=huge,
            default_doctype=False,
        )
        setattr(_local, name, parser)
    return parser


def parse_html(text: str, *, comments: bool = True) -> HtmlTree:
    """Parse a body into a tree and return its ``<body>`` element.

    ``comments``: keep the comments in the tree.

    An empty or content-free body gives an empty ``<body>``. Markup errors are
    repaired as browsers do; what libxml2 would lose or keep as markup is
    handled as the module docstring says. A body whose tree would be too costly to
    build fails before it is built (see :mod:`.markup`: more than a million
    nodes, or an element with more than 200 attributes).

    Raises:
        BodyError: libxml2 cannot make a whole tree of the text, or the tree
            would be too large.
    """
    if text.find("<?", 0, 512) != -1 or text.startswith("\ufeff"):
        leading = _LEADING_INSTRUCTIONS.match(text)
        if leading is not None:  # line breaks kept: libxml2's lines stay the body's
            text = "\n" * leading.group().count("\n") + text[leading.end() :]
    if not text.strip():
        return HtmlTree(etree.Element("body"))
    check_markup(text)
    warnings: list[ParseWarning] = []
    body = _body_of(_parse_document(text, warnings, comments))
    raw = list(body.iter(*RAW_TEXT_TAGS))
    if raw and any(element.tag in READ_AS_MARKUP for element in raw):
        # Rare: read the whole text again, these tags rewritten (one pass: linear).
        warnings.clear()
        text = markup_tags_rewritten(text)
        body = _body_of(_parse_document(text, warnings, comments))
        raw = list(body.iter(*RAW_TEXT_TAGS))
    if raw:
        warnings.extend(drop_raw_text(body, raw))
    return HtmlTree(body, tuple(warnings), tuple(raw))


def drop_raw_text(
    container: etree._Element, raw: list[etree._Element] | None = None
) -> list[ParseWarning]:
    """Take the raw-text elements (:data:`RAW_TEXT_TAGS`) out of ``container``,
    their tails kept; a ``fallback-dropped`` warning for each fallback that held
    text. ``raw``: those elements, when the caller has found them already."""
    found = list(container.iter(*RAW_TEXT_TAGS)) if raw is None else raw
    if not found:
        return []
    warnings = [warning for warning in map(_fallback_warning, found) if warning is not None]
    etree.strip_elements(container, *RAW_TEXT_TAGS, with_tail=False)
    return warnings


def _fallback_warning(element: etree._Element) -> ParseWarning | None:
    if element.tag not in _FALLBACK_TAGS:
        return None
    text = clean_text(element.text or "")
    if not text:
        return None
    return ParseWarning(
        "fallback-dropped",
        f"<{element.tag}> content dropped ({len(text)} characters: {text[:60]!r}):"
        " browsers do not show it",
    )


def _parse_document(
    text: str, warnings: list[ParseWarning], comments: bool = True
) -> etree._Element:
    """The root element libxml2 makes of ``text``, as deep as it goes (see the module docstring)."""
    document, error = _parse(text, _parser(comments=comments))
    if error is not None and _DEPTH_ERROR in error.message:
        document, error = _parse(text, _parser(comments=comments, huge=True))
        if error is not None and _DEPTH_ERROR in error.message:
            document, error = _parse(flattened(text), _parser(comments=comments, huge=True))
            warnings.append(_FLATTENED_WARNING)
    if error is not None:
        raise BodyError(f"cannot parse the body as HTML: {error.message}", line=error.line)
    return document if document is not None else etree.Element("html")


def _body_of(document: etree._Element) -> etree._Element:
    """The ``<body>``, holding what libxml2 put outside it: after ``</body>`` (in
    ``<html>``), after ``</html>`` (in further roots), comments before the
    first element (before ``<html>``), in document order.

    A ``<head>`` is no part of it. A document of only ``<head>`` content (a
    lone ``<style>``, say) gives an empty body.
    """
    # libxml2 makes <body> the last child of <html>; find() would cost more than the check.
    last = document[-1] if len(document) else None
    body = last if last is not None and last.tag == "body" else document.find("body")
    if (
        body is not None
        and body.tail is None
        and body.getnext() is document.getnext() is document.getprevious() is None
    ):
        return body  # nearly every body
    target = body if body is not None else etree.Element("body")
    # Comments before the first element (before <html>, where libxml2 puts
    # them) start the body: they may carry stocks.
    leading = list(document.itersiblings(preceding=True))[::-1]
    for index, comment in enumerate(leading):
        target.insert(index, comment)
    if leading and target.text:
        leading[-1].tail, target.text = target.text, None
    for root in [document, *document.itersiblings()]:
        if not isinstance(root.tag, str):
            target.append(root)  # a comment between roots: it may carry stocks
            continue
        _append_text(target, root.text)
        for child in list(root):
            if child is target:
                tail, child.tail = child.tail, None
                _append_text(target, tail)
            elif child.tag == "body":
                _append_text(target, child.text)
                target.extend(list(child))
                _append_text(target, child.tail)
            elif child.tag != "head":
                target.append(child)  # with its tail
    return target


def _append_text(element: etree._Element, text: str | None) -> None:
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def _parse(
    text: str, parser: etree.HTMLParser
) -> tuple[etree._Element | None, etree._LogEntry | None]:
    try:
        document = etree.fromstring(text, parser)
    except (etree.LxmlError, ValueError) as exc:
        raise BodyError(f"cannot parse the body as HTML: {exc}") from exc
    for entry in parser.error_log:
        if entry.level_name == "FATAL":
            return document, entry
    return document, None


_FLATTENED_WARNING = ParseWarning(
    "body-flattened",
    "the body is nested deeper than 2048 elements: read without its nesting"
    " (text and pictures kept; tables, quotes and bold type not)",
)
# Elements without content: kept when a body is flattened.
_VOID_TAGS = "area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr"
# Elements whose content is no text: taken out whole when a body is flattened.
_RAW_TEXT_ELEMENT = re.compile(
    r"<(script|style|iframe|noembed|noframes|textarea|title|noscript|template)(?![^\s/>])"
    r".*?(?:</\1(?![^\s/>])[^<>]*>|\Z)",
    re.IGNORECASE | re.DOTALL,
)
# A tag's attributes; no quoted value holds "<" or ">", so that a search that
# fails stops at the next "<": every pass is linear.
_ATTRIBUTES = r"""(?:[^'"<>]++|"[^"<>]*+"|'[^'<>]*+')*+>"""
# Inline elements, as a tree of their names: a tag that is none fails at once.
_INLINE_NAMES = (
    r"(?:a(?:bbr)?|b(?:d[io]|ig)?|c(?:ite|ode)|d(?:el|fn)|em|font|i(?:ns)?|kbd|label|mark"
    r"|nobr|q|s(?:amp|mall|pan|trike|trong|u[bp])?|t(?:ime|t)|u|var)"
)
_INLINE_TAG = rf"</?{_INLINE_NAMES}(?![^\s/>]){_ATTRIBUTES}"
_OTHER_TAG = rf"</?(?!(?:{_VOID_TAGS})(?![^\s/>]))[A-Za-z][^\s/<>]*+{_ATTRIBUTES}"
# Runs of tags are matched whole (possessively: no backtracking state kept), so
# a body of a million tags is a few matches, not a million.
_INLINE_TAGS = re.compile(rf"(?:{_INLINE_TAG})++", re.IGNORECASE)
_OTHER_TAGS = re.compile(rf"{_OTHER_TAG}(?:\s*+{_OTHER_TAG})*+", re.IGNORECASE)


def flattened(text: str) -> str:
    """``text`` without nesting: what no element can hold deeper than a few levels.

    Elements whose content is no text go whole; inline tags go, their text
    stays; every other run of tags becomes a ``<br>``, so blocks stay apart.
    Pictures, line breaks and comments stay. Each step is one regular-expression pass in C: a
    body at ``max_bytes`` of nothing but tags is flattened in a fraction of a
    second.
    """
    text = _RAW_TEXT_ELEMENT.sub("", text)
    text = _INLINE_TAGS.sub("", text)
    return _OTHER_TAGS.sub("<br>", text)
