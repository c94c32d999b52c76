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
from urllib.parse import urlsplit

from lxml import etree

__all__ = ["PROMO_LINK_TARGETS", "PROMO_SENTENCES", "is_promo_block", "promo_requires"]

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


def promo_requires() -> tuple[str, ...]:
    """What a body's HTML holds when a promo may be in it: each sentence's
    ``新浪财经APP`` or ``金麒麟`` (a link may split a sentence, never these) and
    each target's host."""
    return ("金麒麟", "新浪财经APP", *(target.split("/")[0] for target, _ in PROMO_LINK_TARGETS))


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
            if nodes > _MOST_NODES:
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
