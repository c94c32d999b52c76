"""Stock codes, however Sina's pages and hand-edited bodies spell them.

One security is one stock whatever the case of its code (``sh600519``,
``SH600519``; ``usstock_aapl`` is ``AAPL``), and ``linked`` says whether an
``<a>`` in its span really points at its page: a query's key (``?x=1``) or a
lower-case path word names no US ticker.
"""

from __future__ import annotations

import pytest

import sinaparse
from sinaparse import Stock

from .posts import paragraph

_SH_PAGE = "https://finance.sina.com.cn/realstock/company/sh600519/nc.shtml"


@pytest.mark.parametrize(
    ("span_id", "expected"),
    [
        ("stock_sh600519", Stock("sh", "600519", "贵州茅台", linked=True)),
        ("stock_SH600519", Stock("sh", "600519", "贵州茅台", linked=True)),
        ("STOCK_Sh600519", Stock("sh", "600519", "贵州茅台", linked=True)),
        ("usstock_aapl", Stock("us", "AAPL", "贵州茅台")),
        ("USSTOCK_CKHUY", Stock("us", "CKHUY", "贵州茅台")),
        ("hkstock_00700", Stock("hk", "00700", "贵州茅台")),
    ],
)
def test_a_stock_span_is_read_whatever_the_case_of_its_id(span_id: str, expected: Stock) -> None:
    html = paragraph(f'<span id="{span_id}"><a href="{_SH_PAGE}">贵州茅台</a></span>涨停。')
    body = sinaparse.parse_body(html)
    assert body.paragraphs == ("贵州茅台涨停。",)
    assert body.stocks == (expected,)


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("news_keyword_pub,stock,SZ300036&sh600519", [("sz", "300036"), ("sh", "600519")]),
        ("news_keyword_pub,usstock,aapl&BRK.a", [("us", "AAPL"), ("us", "BRK.A")]),
        ("news_keyword_pub,hkstock,00700", [("hk", "00700")]),
    ],
)
def test_keyword_codes_are_read_whatever_their_case(
    comment: str, expected: list[tuple[str, str]]
) -> None:
    body = sinaparse.parse_body(f"<p>正文。</p><!-- {comment} -->")
    assert [(stock.market, stock.symbol) for stock in body.stocks] == expected


def test_one_security_spelled_two_ways_is_one_stock() -> None:
    html = (
        paragraph(f'<span id="stock_SH600519"><a href="{_SH_PAGE}">贵州茅台</a></span>涨停。')
        + "<!-- news_keyword_pub,stock,sh600519 -->"
        + paragraph('<span id="usstock_wb"><a href="/usstock/quotes/WB.html">微博</a></span>。')
        + "<!-- news_keyword_pub,usstock,WB -->"
    )
    assert sinaparse.parse_body(html).stocks == (
        Stock("sh", "600519", "贵州茅台", linked=True),
        Stock("us", "WB", "微博", linked=True),
    )


@pytest.mark.parametrize(
    ("span_id", "href", "linked"),
    [
        # Sina's own addresses, in either case of the market.
        ("stock_sh600519", "/realstock/company/SH600519/nc.shtml", True),
        ("stock_sz000061", "https://quotes.sina.cn/cn/view/x.php?symbol=sz000061&from=wap", True),
        (
            "stock_sz000061",
            "http://vip.stock.finance.sina.com.cn/corp/go.php/stockid/000061.phtml",
            True,
        ),
        ("usstock_WB", "//stock.finance.sina.com.cn/usstock/quotes/WB.html", True),
        ("usstock_X", "https://stock.finance.sina.com.cn/usstock/quotes/X.html", True),
        ("usstock_BRK.A", "https://stock.finance.sina.com.cn/usstock/quotes/BRK.A.html", True),
        # A query key, a lower-case word or another code names no ticker.
        ("usstock_X", "https://finance.sina.com.cn/roll/index.d.html?x=1", False),
        ("usstock_S", "https://search.sina.com.cn/?s=600519&range=all", False),
        ("usstock_A", "https://finance.sina.com.cn/a/2021-08-02/doc.shtml", False),
        ("stock_sh600519", "/realstock/company/sh600520/nc.shtml", False),
        ("stock_sh600519", "https://finance.sina.com.cn/", False),
        ("stock_sh600519", "https://sh600519.evil.example/x.html", False),  # the host names none
        ("stock_sh600519", "https://quotes.example?code=sh600519", True),
    ],
)
def test_linked_says_whether_the_link_points_at_the_stocks_page(
    span_id: str, href: str, linked: bool
) -> None:
    body = sinaparse.parse_body(
        paragraph(f'<span id="{span_id}"><a href="{href}">名称</a></span>。')
    )
    (stock,) = body.stocks
    assert stock.linked is linked


def test_an_empty_us_span_is_named_from_its_quote_page_link() -> None:
    html = paragraph(
        '<span id="usstock_AAPL"><a href="/usstock/quotes/AAPL.html"><span id="usstock_aapl">'
        '</span></a><a href="/usstock/quotes/AAPL.html">苹果</a></span>发布新品'
    )
    body = sinaparse.parse_body(html)
    assert body.paragraphs == ("苹果发布新品",)
    assert body.stocks == (Stock("us", "AAPL", "苹果", linked=True),)
