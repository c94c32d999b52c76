"""A page's own metas (Open Graph, ``article:``, ``weibo:``, keywords) and its
canonical link, as strings, from wherever the parser put them before the article."""

from __future__ import annotations

from lxml import etree

# The metas a page's metadata comes from, picked in C: a page's head holds
# dozens of others (and a browser-saved one, scripts and styles). They are
# looked for in the whole page, not only in <head>: lxml's HTML parser closes
# the head at the first element that belongs in a body (the <iframe> a
# browser-saved Sina page has there) and puts what follows in the <body>.
# ``$body`` (the article container) comes in the same document-ordered
# node-set, so that the metas after it, and inside it, are left.
_META_TEST = (
    "starts-with(@property, 'og:') or starts-with(@property, 'article:')"
    " or starts-with(@name, 'og:') or starts-with(@name, 'article:')"
    " or starts-with(translate(@name, 'WEIBOKYRDS', 'weibokyrds'), 'weibo')"
    " or translate(@name, 'KEYWORDS', 'keywords') = 'keywords'"
)
_PAGE_METAS = etree.XPath(f"$body | //meta[{_META_TEST}]")
_CANONICAL_LINKS = etree.XPath(
    "$body | //link[translate(@rel, 'CANONIL', 'canonil') = 'canonical']"
)


def head_fields(root: etree._Element, body: etree._Element | None = None) -> dict[str, str]:
    """The page's Open Graph, ``article:``, ``weibo:`` and keywords metas by name
    or property (lower case, no spaces), the first one kept, and the canonical
    link as ``canonical``: wherever the parser put them before ``body`` (the
    article container; None: the whole page)."""
    fields: dict[str, str] = {}
    for element in _before(_PAGE_METAS, root, body):
        key = element.get("property") or element.get("name") or ""
        fields.setdefault("".join(key.lower().split()), element.get("content") or "")
    for element in _before(_CANONICAL_LINKS, root, body):
        fields.setdefault("canonical", element.get("href") or "")
        break
    return fields


def _before(
    selector: etree.XPath, root: etree._Element, body: etree._Element | None
) -> list[etree._Element]:
    """What ``selector`` finds before ``body``, in document order."""
    found = selector(root, body=[body] if body is not None else [])
    elements: list[etree._Element] = []
    for element in found if isinstance(found, list) else ():
        if element is body:
            break
        if isinstance(element, etree._Element):
            elements.append(element)
    return elements
