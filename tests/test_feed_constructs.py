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


# --- Titles hold no markup -------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ('<title type="html"><b>X</b>&lt;i&gt;y&lt;/i&gt;</title>', "Xy"),
        ('<title type="html">A<span>&lt;b&gt;B&lt;/b&gt;</span> C</title>', "AB C"),
        ('<title type="html">1 &lt; 2 &amp;amp; 3</title>', "1 < 2 & 3"),
        ('<title type="html">截断&lt;b</title>', "截断"),
        (
            '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><b>X</b>y</div></title>',
            "Xy",
        ),
        (
            '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
            "<i>茅台</i><span>双雄</span></div></title>",
            "茅台双雄",
        ),
    ],
    ids=[
        "html-with-elements",
        "html-nested",
        "a-lone-less-than",
        "cut-tag",
        "xhtml",
        "xhtml-spans",
    ],
)
def test_an_atom_html_or_xhtml_title_keeps_its_text_not_its_markup(
    title: str, expected: str
) -> None:
    assert _entry(title=title).title == expected


def _rss_item(inner: str, channel: str = "") -> sinaparse.Article:
    xml = (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>t</title>'
        f"{channel}<item><pubDate>Fri, 12 May 2023 01:30:15 GMT</pubDate>{inner}</item>"
        "</channel></rss>"
    )
    (outcome,) = sinaparse.parse_feed(xml)
    assert outcome.article is not None, outcome.error
    return outcome.article


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("<title><![CDATA[称&quot;稳中求进&quot;]]></title>", '称"稳中求进"'),
        ("<title>A &amp;amp; B</title>", "A & B"),
        ("<title><![CDATA[&#8220;双碳&#x201D;]]></title>", "“双碳”"),
        ("<title>R&amp;D&amp;notice</title>", "R&D&notice"),
        ("<title>1 &lt; 2</title>", "1 < 2"),
    ],
    ids=["cdata-quot", "double-escaped", "numeric", "no-semicolon-stays", "less-than"],
)
def test_an_rss_titles_character_references_are_read(title: str, expected: str) -> None:
    assert _rss_item(title).title == expected


# --- The item's address ----------------------------------------------------------------

ARTICLE = "http://news.sina.com.cn/c/2012-03-05/093024050001.shtml"
SECURE = "https://news.sina.com.cn/c/2012-03-05/093024050001.shtml"
REDIRECT = "http://go.rss.sina.com.cn/redirect.php?url="


@pytest.mark.parametrize(
    ("link", "url"),
    [
        (f"<link>{REDIRECT}{ARTICLE}</link>", SECURE),
        (
            f"<link>{REDIRECT}http%3A%2F%2Fnews.sina.com.cn%2Fc%2Fa.shtml</link>",
            "https://news.sina.com.cn/c/a.shtml",
        ),
        (f"<link>{REDIRECT}{ARTICLE}?a=1&amp;b=2</link>", SECURE + "?a=1&b=2"),
        (
            f"<link>{REDIRECT}https://evil.example/x</link>",
            REDIRECT.replace("http:", "https:") + "https://evil.example/x",
        ),
        (f"<link>{REDIRECT}/c/a.shtml</link>", REDIRECT.replace("http:", "https:") + "/c/a.shtml"),
        (
            f"<link>{REDIRECT}javascript:alert(1)</link>",
            REDIRECT.replace("http:", "https:") + "javascript:alert(1)",
        ),
        (
            f"<link>https://finance.sina.com.cn/x.php?url={ARTICLE}</link>",
            f"https://finance.sina.com.cn/x.php?url={ARTICLE}",
        ),
        (
            "<link>http://feeds.feedburner.com/~r/sina/~3/abc/</link>"
            f"<feedburner:origLink>{ARTICLE}</feedburner:origLink>",
            SECURE,
        ),
        (
            "<link>http://feeds.feedburner.com/~r/sina/~3/abc/</link>"
            "<feedburner:origLink>javascript:x</feedburner:origLink>",
            "http://feeds.feedburner.com/~r/sina/~3/abc/",
        ),
    ],
    ids=[
        "sina-redirect",
        "percent-encoded",
        "query-kept",
        "not-a-sina-host",
        "relative-target",
        "javascript-target",
        "another-url-parameter",
        "feedburner-origlink",
        "unusable-origlink",
    ],
)
def test_the_articles_own_address_is_the_url(link: str, url: str) -> None:
    assert _rss_item("<title>标题</title>" + link).url == url


BODY = "<description>&lt;p&gt;正文&lt;img src='/img/a.jpg'&gt;&lt;/p&gt;</description>"


@pytest.mark.parametrize(
    ("channel", "link", "url", "image"),
    [
        (
            "<link>https://finance.sina.com.cn/</link>",
            "<link>/china/doc-2.shtml</link>",
            "https://finance.sina.com.cn/china/doc-2.shtml",
            "https://finance.sina.com.cn/img/a.jpg",
        ),
        (
            "<link>https://finance.sina.com.cn/roll/</link>",
            "<link>doc-3.shtml</link>",
            "https://finance.sina.com.cn/roll/doc-3.shtml",
            "https://finance.sina.com.cn/img/a.jpg",
        ),
        (
            "<link>https://finance.sina.com.cn/</link>",
            "<link>https://tech.sina.com.cn/d/doc-4.shtml</link>",
            "https://tech.sina.com.cn/d/doc-4.shtml",
            "https://tech.sina.com.cn/img/a.jpg",
        ),
        ("<link>/relative/</link>", "<link>/china/doc-5.shtml</link>", None, None),
    ],
    ids=["root-relative", "document-relative", "absolute-link", "relative-channel-link"],
)
def test_a_relative_rss_link_resolves_against_the_channel_link(
    channel: str, link: str, url: str | None, image: str | None
) -> None:
    article = _rss_item("<title>标题</title>" + link + BODY, channel=channel)
    assert article.url == url
    assert [picture.url for picture in article.images] == ([image] if image else [])


@pytest.mark.parametrize(
    ("feed_base", "entry_base", "url"),
    [
        (
            'xml:base="https://finance.sina.com.cn/"',
            "",
            "https://finance.sina.com.cn/china/doc-1.shtml",
        ),
        (
            "",
            'xml:base="https://finance.sina.com.cn/"',
            "https://finance.sina.com.cn/china/doc-1.shtml",
        ),
        (
            'xml:base="https://finance.sina.com.cn/"',
            'xml:base="stock/"',
            "https://finance.sina.com.cn/stock/china/doc-1.shtml",
        ),
        (
            'xml:base="https://news.sina.com.cn/"',
            'xml:base="https://finance.sina.com.cn/"',
            "https://finance.sina.com.cn/china/doc-1.shtml",
        ),
        ('xml:base="javascript:x"', "", None),
    ],
    ids=["feed", "entry", "entry-relative-to-feed", "entry-over-feed", "no-http-base"],
)
def test_a_relative_atom_link_resolves_against_xml_base(
    feed_base: str, entry_base: str, url: str | None
) -> None:
    xml = (
        f'<feed xmlns="http://www.w3.org/2005/Atom" {feed_base}><title>t</title>'
        f"<entry {entry_base}><title>标题</title><link href='china/doc-1.shtml'/>"
        "<updated>2023-05-12T09:30:15+08:00</updated>"
        "<content type='html'>&lt;p&gt;正文&lt;img src='/img/a.jpg'&gt;&lt;/p&gt;</content>"
        "</entry></feed>"
    )
    (outcome,) = sinaparse.parse_feed(xml)
    assert outcome.article is not None
    assert outcome.article.url == url
    if url is not None:
        host = url.split("/")[2]
        assert [picture.url for picture in outcome.article.images] == [f"https://{host}/img/a.jpg"]
