"""Stock codes as Sina writes them: link ids and keyword comments."""

from __future__ import annotations

import re

from ..article import Stock

# <span id="stock_sz000061">, <span id="usstock_CKHUY">, <span id="hkstock_00700">
# (hand-written pages also spell them STOCK_SH600519: the case is not the code's)
_SPAN_ID = re.compile(r"^(?:(?P<prefix>us|hk)stock_|stock_)(?P<code>[A-Za-z0-9.]+)$", re.IGNORECASE)
# sz000061, sh601818, bj838275: an exchange and its code (SZ000061 the same)
_EXCHANGE_CODE = re.compile(r"^(?P<market>[A-Za-z]{2})(?P<symbol>[A-Za-z0-9.]+)$")
# <!-- news_keyword_pub,stock,sz300036&sz300053 --> ; also usstock, hkstock, forex
KEYWORD_COMMENT_MARK = "news_keyword_pub"
"""What every comment :func:`stocks_from_keywords` reads holds."""
_KEYWORDS = re.compile(r"^\s*news_keyword_pub\s*,\s*(?P<kind>\w+)\s*,(?P<codes>[^,]*)")
_KIND_MARKETS = {"usstock": "us", "hkstock": "hk"}


def stock_from_span_id(span_id: str, name: str | None) -> Stock | None:
    """The Stock a Sina stock link's ``span`` id names, or None if it names none."""
    match = _SPAN_ID.match(span_id)
    if match is None:
        return None
    prefix, code = match.group("prefix"), match.group("code")
    if prefix:
        return _market_stock(prefix.lower(), code, name)
    return _exchange_stock(code, name)


def stocks_from_keywords(comment: str) -> list[Stock]:
    """The stocks of a ``news_keyword_pub`` comment; empty for any other comment."""
    match = _KEYWORDS.match(comment)
    if match is None:
        return []
    kind = match.group("kind").lower()
    codes = [code.strip() for code in match.group("codes").split("&") if code.strip()]
    if kind in _KIND_MARKETS:
        return [_market_stock(_KIND_MARKETS[kind], code, None) for code in codes]
    if kind != "stock":
        return []  # forex pairs and other keywords are not securities
    return [stock for stock in (_exchange_stock(code, None) for code in codes) if stock]


def _exchange_stock(code: str, name: str | None) -> Stock | None:
    match = _EXCHANGE_CODE.match(code)
    if match is None:
        return None
    return _market_stock(match.group("market").lower(), match.group("symbol"), name)


def _market_stock(market: str, symbol: str, name: str | None) -> Stock:
    """The stock, its symbol as its market writes it: markets are lower-case
    (``sh``), US tickers upper-case (``usstock_aapl`` is Apple, ``AAPL``), so one
    security written two ways is one stock."""
    return Stock(market=market, symbol=symbol.upper() if market == "us" else symbol, name=name)
