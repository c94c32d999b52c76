"""Sina's promo lines and quotes, known by their sentences and link targets.

Sina puts the same few promos in its bodies with or without their classes
(``blockquote`` + ``p.jqlblock_cls``, ``div.appendQr_wrap``): a bare
``<blockquote><p>炒股就看<a …>金麒麟分析师研报</a>，权威，…</p></blockquote>``
is the same promo. A block is one when its text is nothing but promo
sentences, or when it holds links to promo targets only and no other text. A
quote that mentions 研报 or the app in a sentence of its own is text, and stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from lxml import etree

__all__ = [
    "PROMO_LINK_TARGETS",
    "PROMO_SENTENCES",
    "is_promo_block",
    "link_requires",
    "promo_candidates",
    "sentence_requires",
]

PROMO_SENTENCES: tuple[tuple[str, str], ...] = (
    (
        "炒股就看金麒麟分析师研报",
        "金麒麟 research-report promo: …，权威，专业，及时，全面，助您挖掘潜力主题机会！",
    ),
    ("海量资讯、精准解读，尽在新浪财经APP", "the app QR block's line (div.appendQr_wrap)"),
    ("投资热点尽在新浪财经APP", "the app link under a page's related news"),
    ("下载新浪财经APP", "app download promo: …，了解全球实时汇率 / …，查看更多资讯和大V观点"),
)
"""``(start, reason)``: a promo sentence starts so, then a separator and at
most a clause (up to its ``。`` or ``！``), or nothing. Whitespace is ignored."""

PROMO_LINK_TARGETS: tuple[tuple[str, str], ...] = (
    ("sinadaxue.cn", "新浪大学: the 研报 pages of the 金麒麟 link lists (p.jqlblock_cls)"),
    ("finance.sina.com.cn/mobile/comfinanceweb.shtml", "the 新浪财经APP download page"),
)
"""``(host and path start, reason)``: a link there is a promo's (host or a subdomain)."""

_SENTENCE = re.compile(
    "(?:(?:{})(?:[，,:：>＞》][^。！!？?]{{0,40}})?[。！!>＞]*)+".format(
        "|".join(re.escape(start) for start, _ in PROMO_SENTENCES)
    )
)
_SEPARATORS = " \u3000\xa0\t\n\r、，,；;|｜丨/／·•・-—–>＞→【】[]()（）《》"
_MOST_NODES = 200
_MOST_CHARACTERS = 2000


_KEYWORDS = ("金麒麟", "新浪财经APP")
# Each promo sentence holds one of these whole (a link may split a sentence,
# never these): what a text node of a promo sentence holds, even when
# whitespace or a tag splits 新浪财经APP (the sentence match ignores
# whitespace). A text node with neither is in no promo sentence.
_ANCHOR_WORDS = ("金麒麟", "APP")
_ANCHOR_BYTES = tuple(word.encode("utf-8") for word in _ANCHOR_WORDS)


def sentence_requires() -> tuple[str, ...]:
    """What a body's HTML holds when a promo sentence may be in it: each
    sentence's ``新浪财经APP`` or ``金麒麟``."""
    return _KEYWORDS


def link_requires() -> tuple[str, ...]:
    """What a body's HTML holds when a link to a promo target may be in it:
    each target's path, or its host when it has none (what the link test looks
    for in an ``href``)."""
    # The path, not the host: finance.sina.com.cn is in nearly every body's
    # links, and a needle every body holds would run the rule on every body.
    return tuple(needle for target, _ in PROMO_LINK_TARGETS for needle in _link_needles(target))


def _link_needles(target: str) -> tuple[str, ...]:
    host, _, path = target.partition("/")
    # A host is matched in any case: its needle is written in both.
    return (path,) if path else (host, host.upper())


def _link_xpath() -> str:
    # The links that may go to a target: for a target with a path, the href
    # holds that path as it is; else it holds the host, in some case.
    upper, lower = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"
    links = []
    for target, _ in PROMO_LINK_TARGETS:
        host, _, path = target.partition("/")
        links.append(
            f"contains(@href, '{path}')"
            if path
            else f"contains(translate(@href, '{upper}', '{lower}'), '{host}')"
        )
    return f"descendant::a[{' or '.join(links)}]"


_LINK_ANCHORS = etree.XPath(_link_xpath())
_TEXT_ANCHORS = etree.XPath(
    "descendant::text()[{}]".format(" or ".join(f"contains(., '{w}')" for w in _ANCHOR_WORDS))
)


def _anchors(root: etree._Element, by_links: bool) -> Sequence[object]:
    if by_links:
        links = _LINK_ANCHORS(root)
        assert isinstance(links, list)  # a node-set, by the expression
        return links
    # The body's text as one string first (a C serialisation, a few µs): most
    # bodies hold no anchor word once the classed promos are gone (their words
    # are why the pre-check let the rule run), and then no text node is
    # tested one by one. As UTF-8 bytes: decoding them would cost more than
    # the serialisation.
    text = etree.tostring(root, method="text", encoding="utf-8", with_tail=False)
    if not any(word in text for word in _ANCHOR_BYTES):
        return []
    texts = _TEXT_ANCHORS(root)
    assert isinstance(texts, list)
    return texts


_BLOCKS = frozenset({"blockquote", "p", "div"})
_MOST_LEVELS = 4


def _parent(text: object) -> etree._Element | None:
    getparent = getattr(text, "getparent", None)  # lxml's "smart" strings have it
    return getparent() if getparent is not None else None


def promo_candidates(root: etree._Element, *, by_links: bool) -> list[etree._Element]:
    """The quotes, lines and boxes (``blockquote``, ``p``, ``div``) that may be
    promos, in document order: the nearest few around each keyword (or, when
    ``by_links``, each promo-target link). Every other block is not read at
    all, so a body with no promo costs one XPath pass."""
    wanted: set[etree._Element] = set()
    for anchor in _anchors(root, by_links):
        node = anchor if isinstance(anchor, etree._Element) else _parent(anchor)
        levels = 0
        # A bounded climb: a promo block is a small element (is_promo_block
        # reads 200 nodes at most), never far above its sentence.
        while node is not None and node is not root and levels < _MOST_LEVELS:
            if node.tag in _BLOCKS:
                wanted.add(node)
                levels += 1
            node = node.getparent()
    if not wanted:
        return []
    return [element for element in root.iter(*_BLOCKS) if element in wanted]


def _is_promo_link(href: str | None) -> bool:
    if not href:
        return False
    try:
        parts = urlsplit(href.strip())
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:  # no usable address (a bad IPv6 host, a host NFKC would change)
        return False
    for target, _ in PROMO_LINK_TARGETS:
        target_host, _, target_path = target.partition("/")
        if (host == target_host or host.endswith("." + target_host)) and parts.path.lstrip(
            "/"
        ).startswith(target_path):
            return True
    return False


def is_promo_block(element: etree._Element) -> bool:
    """Whether ``element`` (a quote, a line) is a promo; only a bounded start
    of it is read: a longer element is text."""
    whole: list[str] = []
    outside: list[str] = []
    promo_links = other_links = nodes = characters = 0
    in_promo = in_other = 0
    for event, node in etree.iterwalk(element, events=("start", "end")):
        is_link = node.tag == "a"
        if event == "start":
            nodes += 1
            if nodes > _MOST_NODES or node.tag == "img":
                # A picture is content, even captioned with a promo's words:
                # known only by its text, a promo is never let take one along.
                return False
            if is_link:
                promo = _is_promo_link(node.get("href"))
                promo_links += promo
                other_links += not promo
                in_promo += promo
                in_other += not promo
            text = node.text if isinstance(node.tag, str) else None
        else:
            if is_link:
                promo = _is_promo_link(node.get("href"))
                in_promo -= promo
                in_other -= not promo
            if node is element:
                break
            text = node.tail
        if text:
            characters += len(text)
            if characters > _MOST_CHARACTERS:
                return False
            whole.append(text)
            if not in_promo:
                outside.append(text)
    if _SENTENCE.fullmatch("".join("".join(whole).split())):
        return True
    rest = "".join(outside).strip(_SEPARATORS)
    return promo_links > 0 and not other_links and (not rest or bool(_SENTENCE.fullmatch(rest)))
