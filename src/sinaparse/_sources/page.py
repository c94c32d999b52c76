"""A whole Sina article page becomes its article body's HTML and its metadata, as text.

The page is parsed once by lxml. Python then looks only at a few small parts
of the tree: the ``meta`` and ``link`` elements before the container, the ``h1``
elements, the article container (found by its id, in C), the elements between
the headline and the container (the date, source and breadcrumb), and the
few siblings after the container (the keywords and editor lines). Everything
is handed on as strings: the dates and keywords are read in a later stage.
"""

from __future__ import annotations

import attrs
from lxml import etree

from .._text import UNSEEN_TAGS, clean_text
from ..article import ParseWarning
from ..boilerplate import PAGE_BOILERPLATE
from ..boilerplate._removal import Removal, removal_of
from ..errors import BodyError
from .page_header import (
    classes_of,
    header_branches,
    header_date,
    header_roles,
    headline_element,
    labelled_source,
)
from .page_metas import head_fields
from .page_tree import page_root

# Where the article body is, in the order tried: desktop pages (finance, tech,
# …: #artibody; news.sina.com.cn: #article), then the mobile site's container.
BODY_IDS = ("artibody", "article")
# The elements that can hold a body: a skip link <a id="artibody">, a <meta>
# or a <script id="article"> of a template holds none.
BODY_CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "td"})
_UNSEEN_TAGS = frozenset(UNSEEN_TAGS)
MOBILE_BODY_CLASSES = frozenset({"art_content"})
# A mobile page without that container: the parent of its first p.art_p.
MOBILE_PARAGRAPH_CLASS = "art_p"
# The headline: the known templates first, then any h1 naming itself a title.
# After the body: the keyword block (a class ending in "keywords", or
# #keywords anywhere) and editor lines that sit outside it (2016 pages).
EDITOR_CLASSES = frozenset({"article-editor", "show_author"})
_SIBLINGS_AFTER_BODY = 6
_TEXT = etree.XPath("string()")
_BODY_BY_ID = etree.XPath("id($name)")
_ALL_BY_ID = etree.XPath("//*[@id=$name]")


@attrs.frozen
class RawPage:
    """What a page says about its article, as the page writes it."""

    body: etree._Element = attrs.field(eq=False, repr=False)
    """The article container, out of the page: the body stage walks it as it is
    (a parse of its HTML again would cost as much as its walk). The editor lines
    that follow it are moved into it, at its end."""
    body_html: str
    """The container's inner HTML, as RSSHub's feed would hold it: what the
    catalogue's pre-checks (``requires``) look in."""
    body_line: int
    """The line of the page the container starts on."""
    headline: str | None
    """The headline element's text."""
    shown_date: str | None
    """The text of the element showing the date (it may hold the source too)."""
    shown_date_element: str | None
    """That element, as a selector names it (``span.date``, ``div#pub_date``), or
    ``the header`` for a time found between the headline and the body."""
    source: str | None
    """The source element's text."""
    keyword_links: tuple[str, ...]
    """The texts of the keyword block's links."""
    wbkey: str | None
    """The keyword block's ``data-wbkey`` (keywords, then Sina's channel name)."""
    channel_links: tuple[str, ...]
    """The texts of the breadcrumb's links."""
    meta: dict[str, str] = attrs.field(factory=dict)
    """``<meta>`` contents by name or property (lower case, no spaces:
    ``weibo:article:create_at``), and ``canonical``: the canonical link."""
    removals: tuple[Removal, ...] = ()
    """The template parts taken out of the container, when ``read_page`` was
    asked to record them (else empty); lines are the page's."""


def read_page(
    source: str | bytes,
    *,
    max_bytes: int,
    warnings: list[ParseWarning] | None = None,
    record: bool = False,
) -> RawPage:
    """Find the article of a whole Sina page and the metadata around it.

    What decoding changed (bad bytes replaced) is added to ``warnings``;
    ``record``: what the template parts removed is listed on the result.

    Raises:
        InputError: the input is too large or cannot be decoded.
        BodyError: the page cannot be parsed, or holds no article body.
    """
    root = page_root(source, max_bytes=max_bytes, warnings=warnings)
    body = article_element(root)
    if body is None:
        raise BodyError(
            "not a Sina article page: no article body (no div#artibody, div#article, "
            "or mobile section.art_content / p.art_p)"
        )
    headline = headline_element(root)
    branches = header_branches(headline, body)
    header = header_roles(branches)
    after = _siblings_after(body)
    keywords = _keyword_block(root, after)
    channel = header.get("channel")
    editors = [element for element in after if classes_of(element) & EDITOR_CLASSES]
    line = body.sourceline if isinstance(body.sourceline, int) else 1
    meta = head_fields(root, body)
    shown_date, shown_date_element = header_date(header, branches)
    removals: list[Removal] | None = [] if record else None
    _drop_template_parts(body, removals)
    body_html = _inner_html(body, editors)
    _detach(body, editors)
    return RawPage(
        body=body,
        body_html=body_html,
        body_line=line,
        headline=_text_of(headline),
        shown_date=shown_date,
        shown_date_element=shown_date_element,
        source=_text_of(header.get("source")) or labelled_source(header),
        keyword_links=_link_texts(keywords),
        wbkey=keywords.get("data-wbkey") if keywords is not None else None,
        channel_links=_link_texts(channel),
        meta=meta,
        removals=tuple(removals or ()),
    )


# --- Finding the parts ----------------------------------------------------------


def article_element(root: etree._Element) -> etree._Element | None:
    """The element holding the article's body, or None: the first container
    of an id of :data:`BODY_IDS` that holds something (an empty placeholder
    before the real body is no body), else the first such container."""
    empty = None
    for name in BODY_IDS:
        found = _BODY_BY_ID(root, name=name)  # libxml2's index of ids: no walk
        first = found[0] if isinstance(found, list) and found else None
        if not isinstance(first, etree._Element):
            continue  # no element has this id
        if _holds_a_body(first):
            return first  # nearly every page: its one #artibody
        # A skip link, a script or a placeholder of that id: the page is walked
        # for the others (an id may be written twice).
        for element in _ALL_BY_ID(root, name=name):  # type: ignore[union-attr]
            if not isinstance(element, etree._Element) or element.tag not in BODY_CONTAINER_TAGS:
                continue
            if _holds_a_body(element):
                return element
            empty = element if empty is None else empty
    if empty is not None:
        return empty  # a deleted article: an empty body, which says so
    for element in root.iter("section", "div", "article"):
        if classes_of(element) & MOBILE_BODY_CLASSES:
            return element
    for paragraph in root.iter("p"):
        if MOBILE_PARAGRAPH_CLASS in classes_of(paragraph):
            return paragraph.getparent()
    return None


def _holds_a_body(element: object) -> bool:
    """Whether ``element`` is a container holding text or a picture (not only
    comments, scripts, styles or empty paragraphs: a placeholder's)."""
    if not isinstance(element, etree._Element) or element.tag not in BODY_CONTAINER_TAGS:
        return False
    for node in element.iter():  # a body's first text comes within a few nodes
        tag = node.tag
        if tag == "img":
            return True
        if isinstance(tag, str) and tag not in _UNSEEN_TAGS and (node.text or "").strip():
            return True
        if node is not element and (node.tail or "").strip():
            return True
    return False


def _siblings_after(body: etree._Element) -> list[etree._Element]:
    siblings = []
    for sibling in body.itersiblings("*"):
        if sibling.tag in ("script", "style"):
            continue
        siblings.append(sibling)
        if len(siblings) == _SIBLINGS_AFTER_BODY:
            break
    return siblings


def _keyword_block(root: etree._Element, after: list[etree._Element]) -> etree._Element | None:
    found = _BODY_BY_ID(root, name="keywords")
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        return found[0]
    for sibling in after:
        for element in sibling.iter("div", "p", "span"):
            if any(name.lower().endswith("keywords") for name in classes_of(element)):
                return element
    return None


# --- Text -----------------------------------------------------------------------


def _text_of(element: etree._Element | None) -> str | None:
    """The element's text; a no-break space (``&nbsp;``) is layout there, as in
    a headline or a source's link."""
    if element is None:
        return None
    text = clean_text(str(_TEXT(element)).replace("\xa0", " "))
    return text or None


def _link_texts(element: etree._Element | None) -> tuple[str, ...]:
    if element is None:
        return ()
    texts = (clean_text(str(_TEXT(link))) for link in element.iter("a"))
    return tuple(text for text in texts if text)


def _inner_html(element: etree._Element, extra: list[etree._Element]) -> str:
    """The element's content as HTML (what RSSHub's feed writes), then ``extra``.

    Serialised in one call, its attributes cleared so that the start tag is
    known: the page's tree is not used after this.
    """
    element.attrib.clear()
    outer = etree.tostring(element, method="html", encoding="unicode", with_tail=False)
    start, end = len(element.tag) + 2, len(outer) - len(element.tag) - 3
    inner = outer[start:end] if outer.endswith(f"</{element.tag}>") else outer[start:]
    return inner + "".join(
        etree.tostring(item, method="html", encoding="unicode", with_tail=False) for item in extra
    )


def _detach(body: etree._Element, editors: list[etree._Element]) -> None:
    """Take the container out of the page, the editor lines after it moved into it."""
    parent = body.getparent()
    if parent is not None:
        parent.remove(body)
    for editor in editors:
        editor.tail = None
        body.append(editor)


def _drop_template_parts(element: etree._Element, removals: list[Removal] | None) -> None:
    """Remove :data:`~sinaparse.boilerplate.PAGE_BOILERPLATE` from the container,
    keeping the text after each removed part; each listed in ``removals`` unless
    None. Rule by rule: a union of the rules' selections could merge two large
    node sets, which libxml2 does in quadratic time."""
    for rule in PAGE_BOILERPLATE:
        selected = rule.compiled(element)
        for part in selected if isinstance(selected, list) else ():
            if isinstance(part, etree._Element) and part.getparent() is not None:
                if removals is not None and _still_in(part, element):
                    removals.append(removal_of(rule.name or rule.xpath, rule.reason, part))
                _remove_keeping_tail(part)


def _still_in(part: etree._Element, container: etree._Element) -> bool:
    # A part inside one removed before is not what removed its text.
    return any(ancestor is container for ancestor in part.iterancestors())


def _remove_keeping_tail(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
