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
USED_METAS = frozenset(
    {"og:title", "og:url", "article:author", "article:published_time",
     "weibo:article:create_at", "keywords"}
)  # fmt: skip
"""The metas the page's fields are read from (lower case, no spaces)."""


def head_fields(root: etree._Element, body: etree._Element | None = None) -> dict[str, str]:
    """The page's Open Graph, ``article:``, ``weibo:`` and keywords metas that
    its fields are read from (:data:`USED_METAS`) by name or property (lower
    case, no spaces), the first one kept, the canonical
    link as ``canonical``, the ``<title>``'s text as :data:`TITLE_ELEMENT` and
    the ``<base>``'s address as :data:`BASE_ELEMENT`:
    wherever the parser put them before ``body`` (the article container; None:
    the whole page)."""
    fields: dict[str, str] = {}
    # The first of each kind in the document is the only one that may be the
    # first before the body (what follows the body follows it too): one each
    # is ordered against the body, however many a page repeats.
    metas: dict[str, etree._Element] = {}
    links: list[etree._Element] = []
    titles: list[etree._Element] = []
    bases: list[etree._Element] = []
    for element in root.iter("meta", "link", "title", "base"):  # one pass over the page, in C
        tag = element.tag
        if tag == "meta":
            if _is_page_meta(element):
                key = "".join(
                    (element.get("property") or element.get("name") or "").lower().split()
                )
                if key in USED_METAS:
                    metas.setdefault(key, element)
        elif tag == "link":
            if not links and _is_canonical(element):
                links.append(element)
        elif tag == "title":
            if not titles:
                titles.append(element)
        elif not bases and element.get("href"):
            bases.append(element)
    before = set(_before([*metas.values(), *links, *titles, *bases], body))
    for key, element in metas.items():
        if element in before:
            fields[key] = element.get("content") or ""
    if links and links[0] in before:
        fields["canonical"] = links[0].get("href") or ""
    if titles and titles[0] in before:
        fields[TITLE_ELEMENT] = titles[0].text or ""
    if bases and bases[0] in before:
        fields[BASE_ELEMENT] = bases[0].get("href") or ""  # the document's base
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
