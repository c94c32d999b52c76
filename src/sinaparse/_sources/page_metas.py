"""A page's own metas (Open Graph, ``article:``, ``weibo:``, keywords) and its
canonical link, as strings, from wherever the parser put them before the article."""

from __future__ import annotations

from lxml import etree

# The metas a page's metadata comes from, picked from its <meta>s by name or
# property: a page's head holds dozens of others (and a browser-saved one,
# scripts and styles). They are looked for in the whole page, not only in
# <head>: lxml's HTML parser closes the head at the first element that
# belongs in a body (the <iframe> a browser-saved Sina page has there) and
# puts what follows in the <body>. lxml's iter(tag) finds them in C, and
# Python's string methods test them: an XPath step over a whole page (//meta)
# took twice as long.
_META_PREFIXES = ("og:", "article:")
# ``$body`` (the article container) among the elements found, in document
# order, so that the ones after it, and inside it, are left.
_IN_DOCUMENT_ORDER = etree.XPath("$body | $found")
_ASCII_SPACES = str.maketrans("\t\n\f\r", "    ")
TITLE_ELEMENT = "<title>"
"""The key of the page's ``<title>`` text among the fields."""
BASE_ELEMENT = "<base>"
"""The key of the page's ``<base href>`` among the fields."""


def head_fields(root: etree._Element, body: etree._Element | None = None) -> dict[str, str]:
    """The page's Open Graph, ``article:``, ``weibo:`` and keywords metas by name
    or property (lower case, no spaces), the first one kept, the canonical
    link as ``canonical``, the ``<title>``'s text as :data:`TITLE_ELEMENT` and
    the ``<base>``'s address as :data:`BASE_ELEMENT`:
    wherever the parser put them before ``body`` (the article container; None:
    the whole page)."""
    fields: dict[str, str] = {}
    metas: list[etree._Element] = []
    links: list[etree._Element] = []
    titles: list[etree._Element] = []
    bases: list[etree._Element] = []
    for element in root.iter("meta", "link", "title", "base"):  # one pass over the page, in C
        tag = element.tag
        if tag == "meta":
            if _is_page_meta(element):
                metas.append(element)
        elif tag == "link":
            if _is_canonical(element):
                links.append(element)
        elif tag == "title":
            titles.append(element)
        elif element.get("href"):
            bases.append(element)  # the first <base href> is the document's base
    for element in _before(metas, body):
        key = element.get("property") or element.get("name") or ""
        fields.setdefault("".join(key.lower().split()), element.get("content") or "")
    for element in _before(links, body):
        fields.setdefault("canonical", element.get("href") or "")
        break
    for element in _before(titles[:1], body):
        fields[TITLE_ELEMENT] = element.text or ""
    for element in _before(bases[:1], body):
        fields[BASE_ELEMENT] = element.get("href") or ""
    return fields


def _is_page_meta(meta: etree._Element) -> bool:
    name = meta.get("name") or ""
    return (
        (meta.get("property") or "").startswith(_META_PREFIXES)
        or name.startswith(_META_PREFIXES)
        or _is_word(name[:5], "weibo")
        or _is_word(name, "keywords")
    )


def _is_canonical(link: etree._Element) -> bool:
    # rel is a set of words parted by ASCII white space (rel="canonical nofollow").
    words = (link.get("rel") or "").translate(_ASCII_SPACES).split(" ")
    return any(_is_word(word, "canonical") for word in words)


def _is_word(text: str, word: str) -> bool:
    # ``word`` in any case of its ASCII letters (XPath's translate() of them):
    # no other character lowers to one (str.lower alone lowers the Kelvin sign to k).
    return len(text) == len(word) and text.isascii() and text.lower() == word


def _before(found: list[etree._Element], body: etree._Element | None) -> list[etree._Element]:
    """The ``found`` elements (in document order) before ``body``."""
    if body is None or not found:
        return found
    ordered = _IN_DOCUMENT_ORDER(body, body=[body], found=[*found])
    elements: list[etree._Element] = []
    for element in ordered if isinstance(ordered, list) else ():
        if element is body:
            break
        if isinstance(element, etree._Element):
            elements.append(element)
    return elements
