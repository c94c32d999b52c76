"""Atom's text constructs are read by their type; an RSS permalink guid is the
item's address when it has no link."""

from __future__ import annotations

import pytest

import sinaparse

ATOM = (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    "<title>新浪财经</title><id>x</id><updated>2023-05-12T09:30:15+08:00</updated>"
    "<entry>{title}<link href='https://finance.sina.com.cn/a.shtml'/><id>urn:1</id>"
    "<published>2023-05-12T09:30:15+08:00</published>{content}</entry></feed>"
)


def _entry(title: str = "<title>标题</title>", content: str = "") -> sinaparse.Article:
    (outcome,) = sinaparse.parse_feed(ATOM.format(title=title, content=content))
    assert outcome.article is not None, outcome.error
    return outcome.article


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ('<title type="html">茅台 &amp;amp; 五粮液</title>', "茅台 & 五粮液"),
        (
            '<title type="html">&lt;b&gt;独家&lt;/b&gt;：茅台&amp;quot;双雄&amp;quot;</title>',
            '独家：茅台"双雄"',
        ),
        ('<title type="html">&amp;lt;回购&amp;gt;</title>', "<回购>"),
        ('<title type="text">茅台 &amp;amp; 五粮液</title>', "茅台 &amp; 五粮液"),
        ("<title>A &amp; B</title>", "A & B"),
        (
            '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">茅台 <b>&amp;</b> 五粮液</div></title>',
            "茅台 & 五粮液",
        ),
    ],
)
def test_an_atom_title_is_read_by_its_type(title: str, expected: str) -> None:
    assert _entry(title=title).title == expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('<content type="text">&lt;p&gt;字面&lt;/p&gt; 段</content>', ("<p>字面</p> 段",)),
        ('<summary type="text">a &lt; b &amp;amp; c</summary>', ("a < b &amp; c",)),
        (
            '<content type="text">第一段。\n\n第二段&lt;br&gt;。</content>',
            ("第一段。", "第二段<br>。"),
        ),
        (
            '<content type="html">&lt;p&gt;段一&lt;/p&gt;&lt;p&gt;段二&lt;/p&gt;</content>',
            ("段一", "段二"),
        ),
        ("<content>&lt;p&gt;无类型&lt;/p&gt;</content>", ("无类型",)),  # read as HTML
        (
            '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>X一</p><p>X二</p></div></content>',
            ("X一", "X二"),
        ),
    ],
)
def test_atom_content_is_read_by_its_type(content: str, expected: tuple[str, ...]) -> None:
    assert _entry(content=content).paragraphs == expected


RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>标题</title>'
    "<pubDate>Fri, 12 May 2023 01:30:15 GMT</pubDate><description>&lt;p&gt;x&lt;/p&gt;</description>"
    "{guid}</item></channel></rss>"
)
GUID = "https://finance.sina.com.cn/g.shtml"


@pytest.mark.parametrize(
    ("guid", "url"),
    [
        (f"<guid>{GUID}</guid>", GUID),
        (f'<guid isPermaLink="true">{GUID}</guid>', GUID),
        (f'<guid isPermaLink=" TRUE ">{GUID}</guid>', GUID),
        (f'<guid isPermaLink="false">{GUID}</guid>', None),
        (
            f"<guid>{GUID}</guid><link>https://finance.sina.com.cn/l.shtml</link>",
            "https://finance.sina.com.cn/l.shtml",
        ),
        (
            f"<link>https://finance.sina.com.cn/l.shtml</link><guid>{GUID}</guid>",
            "https://finance.sina.com.cn/l.shtml",
        ),
        (f"<link></link><guid>{GUID}</guid>", GUID),
        ("", None),
    ],
)
def test_a_permalink_guid_is_the_url_without_a_link(guid: str, url: str | None) -> None:
    (outcome,) = sinaparse.parse_feed(RSS.format(guid=guid))
    assert outcome.article is not None
    assert outcome.article.url == url
