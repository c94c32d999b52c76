"""Names for Sina's empty stock spans, from the links around them.

Sina nests stock links in each other's, leaving some spans empty; such a span
takes its name from a link to the same code among the links its chain of
inline wrappers holds. Each wrapper's links are read once and indexed by the
codes their addresses hold, so many spans among many links cost their number,
not their product.
"""

from __future__ import annotations

import re

import attrs
from lxml import etree

from ..article import Stock
from .elements import short_text

# The inline elements Sina wraps stock links in.
_STOCK_WRAPPERS = frozenset({"a", "span", "font", "strong", "b"})
# A run of code characters in an address, starting at a boundary: sh600000 in
# ".../company/sh600000/nc.shtml" or "?code=sh600000&…".
_CODE_RUN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9][A-Za-z0-9.]*")
_LONGEST_CODE = 32
# An address's scheme and host (and port), before its path, query or fragment.
_AUTHORITY = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^/?#]*")


def codes_in(href: str) -> set[str]:
    """The codes an address names: each run of letters, digits and dots that
    starts at a boundary, cut at its end or at a dot (codes hold dots:
    ``usBRK.A``); at most ``_LONGEST_CODE`` characters. A query's keys name no
    code (``x`` in ``?x=1`` is no ticker X), nor does the host; each is also
    given lower-cased.

    >>> "sz399300" in codes_in("https://finance.sina.com.cn/realstock/company/sz399300/nc.shtml")
    True
    >>> sorted(codes_in("/q/usBRK.A?s=SH600000&x=1"))
    ['1', 'SH600000', 'q', 'sh600000', 'usBRK', 'usBRK.A', 'usbrk', 'usbrk.a']
    """
    codes = set()
    # The host names no code (sh600000.evil.example): only what follows it.
    authority = _AUTHORITY.match(href)
    for match in _CODE_RUN.finditer(href, authority.end() if authority else 0):
        if href.startswith("=", match.end()):
            continue
        run = match.group()[: _LONGEST_CODE + 1]
        for end in range(1, min(len(run), _LONGEST_CODE) + 1):
            if end == len(run) or run[end] == ".":
                codes.add(run[:end])
    # Lower-cased copies only where there is a capital to lower (most links have none).
    return codes if href.islower() else codes | {code.lower() for code in codes}


def stock_codes(stock: Stock) -> tuple[str, str]:
    """What names ``stock`` in an address: its market and symbol in any case
    (``sh600519``, ``SH600519``), or its symbol as written (``WB`` on US quote
    pages: a lower-case ``wb`` names no ticker)."""
    return f"{stock.market}{stock.symbol}".lower(), stock.symbol


def links_to_stock(span: etree._Element, stock: Stock) -> bool:
    """Whether ``span`` holds a link to ``stock``'s page: an address naming its
    code, with (``sz000061``) or without (``WB``, on US quote pages) its market.

    >>> from lxml import html
    >>> span = html.fragment_fromstring(
    ...     '<span><a href="//stock.finance.sina.com.cn/usstock/quotes/WB.html">微博</a></span>')
    >>> links_to_stock(span, Stock("us", "WB")), links_to_stock(span, Stock("us", "W"))
    (True, False)
    """
    codes = set(stock_codes(stock))
    return any(not codes.isdisjoint(codes_in(link.get("href") or "")) for link in span.iter("a"))


class LinkNames:
    """Names stock spans from links; one per walk (it remembers the tree's links)."""

    def __init__(self) -> None:
        self._wrapper_of: dict[etree._Element, etree._Element] = {}
        # For each wrapper, each code its links name: (position, link) pairs.
        self._links_of: dict[etree._Element, dict[str, list[tuple[int, etree._Element]]]] = {}
        self._names: dict[tuple[etree._Element, str], str | None] = {}

    def named(self, stock: Stock, span: etree._Element) -> Stock:
        """``stock``, named from the first link to its code (with text) around
        ``span``, and so linked; unchanged when there is none."""
        wrapper = self._wrapper(span)
        market_code, symbol = stock_codes(stock)
        key = (wrapper, market_code)
        if key not in self._names:
            indexed = self._links(wrapper)
            # In document order, the links naming the stock either way.
            found = sorted({*indexed.get(market_code, ()), *indexed.get(symbol, ())})
            names = (short_text(link) for _, link in found)
            self._names[key] = next((name for name in names if name), None)
        name = self._names[key]
        return attrs.evolve(stock, name=name, linked=True) if name else stock

    def _wrapper(self, span: etree._Element) -> etree._Element:
        """The outermost of the inline wrappers ``span`` sits in (or ``span``)."""
        path = [span]
        node = span
        while True:
            parent = node.getparent()
            if parent is None or parent.tag not in _STOCK_WRAPPERS:
                top = node
                break
            if parent in self._wrapper_of:
                top = self._wrapper_of[parent]
                break
            path.append(parent)
            node = parent
        for element in path:
            self._wrapper_of[element] = top
        return top

    def _links(self, wrapper: etree._Element) -> dict[str, list[tuple[int, etree._Element]]]:
        links = self._links_of.get(wrapper)
        if links is None:
            links = {}
            for position, link in enumerate(wrapper.iter("a")):
                for code in codes_in(link.get("href") or ""):
                    links.setdefault(code, []).append((position, link))
            self._links_of[wrapper] = links
        return links
