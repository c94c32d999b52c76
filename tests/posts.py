"""Build small posts and bodies for tests, in the aggregator's layout."""

from __future__ import annotations

from collections.abc import Iterable


def make_post(
    body: str,
    *,
    title: str = "'标题'",
    date: str = "Mon, 02 Aug 2021 12:49:57 GMT",
    extra_lines: Iterable[str] = (),
    headimg: str = "''",
) -> str:
    """A post as the aggregator writes one; ``title`` is YAML, quotes included."""
    lines = [
        "",
        "---",
        f"title: {title}",
        "categories: ",
        " - 金融",
        " - 新浪财经",
        " - 新浪财经－国內",
        f"headimg: {headimg}",
        "author: 新浪财经",
        "comments: false",
        f"date: {date}",
        f"thumbnail: {headimg}",
        *extra_lines,
        "---",
        "",
        f"<div>   \n{body}\n  </div>",
        "",
    ]
    return "\n".join(lines)


def paragraph(text: str) -> str:
    """A Sina content paragraph, with its two ideographic spaces of indent."""
    return f'<p cms-style="font-L">\u3000\u3000{text}</p>'


def make_page(
    body: str,
    *,
    title: str = '<h1 class="main-title">标题</h1>',
    date: str = '<div class="date-source"><span class="date">2019年09月07日 04:04</span>'
    '<a class="source" href="http://x.example/">北京日报</a></div>',
    metas: Iterable[str] = (
        '<meta property="og:url" content="https://news.sina.com.cn/c/2019-09-07/doc-x.shtml">',
        '<meta name="weibo: article:create_at" content="2019-09-07 04:04:43">',
        '<meta property="article:published_time" content="2019-09-07T06:52:51+08:00">',
        '<meta property="article:author" content="北京日报">',
        '<meta name="keywords" content="中国芯,芯片">',
    ),
    after_body: str = "",
    body_tag: str = '<div class="article" id="article">',
    charset: str = "utf-8",
) -> str:
    """A whole page in the 2019 news.sina.com.cn layout, navigation and footer included."""
    head = "".join(metas)
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>标题_新浪新闻</title>{head}'
        '</head><body><div class="top-nav"><a href="https://www.sina.com.cn/">新浪首页</a>'
        '<a href="https://news.sina.com.cn/">新闻</a></div>'
        '<div class="main-content w1240"><div class="path-search"><div class="channel-path">'
        '<a href="http://news.sina.com.cn/china/">国内新闻</a><span>&gt;</span><span>正文</span>'
        f'</div></div>{title}<div class="top-bar-wrap">{date}</div>'
        '<div class="article-content clearfix"><div class="article-content-left">'
        f"{body_tag}{body}</div>{after_body}"
        '<div class="article-bottom"><div class="keywords" id="keywords" data-wbkey="中国芯,芯片,新闻">'
        '<label>关键字 : </label><a href="x">中国芯</a><a href="x">芯片</a></div></div>'
        '<div id="comment">评论区 热门推荐</div></div>'
        '<div class="article-content-right">相关新闻 热门推荐</div></div></div>'
        '<div class="footer">新浪简介 | 广告服务 | Copyright &copy; 1996-2019 SINA Corporation</div>'
        "</body></html>"
    )


def make_feed(items: Iterable[dict[str, str]], *, form: str = "escaped", atom: bool = False) -> str:
    """An RSS 2.0 feed as RSSHub's Sina routes write one (or an Atom feed).

    Each item is a dict of ``title``, ``link``, ``date``, ``creator``, ``categories``
    (comma-separated) and ``description`` (HTML). ``form`` is ``"escaped"`` (current
    RSSHub: the description entity-escaped) or ``"cdata"`` (older RSSHub).
    """
    entries = [(_atom_entry if atom else _rss_item)(item, form) for item in items]
    if atom:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>新浪财经</title>\n" + "\n".join(entries) + "\n</feed>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' version="2.0"><channel><title><![CDATA[新浪财经－国內]]></title>'
        "<link>https://finance.sina.com.cn/china/</link>\n"
        + "\n".join(entries)
        + "\n</channel></rss>\n"
    )


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _content(html: str, form: str) -> str:
    if form == "cdata":
        return "<![CDATA[" + html.replace("]]>", "]]]]><![CDATA[>") + "]]>"
    return _xml_text(html)


def _rss_item(item: dict[str, str], form: str) -> str:
    categories = "".join(
        f"<category>{_xml_text(word)}</category>"
        for word in item.get("categories", "").split(",")
        if word
    )
    return (
        f"<item><title>{_content(item.get('title', '标题'), form)}</title>"
        f"<description>{_content(item.get('description', ''), form)}</description>"
        f"<pubDate>{item.get('date', 'Mon, 02 Aug 2021 12:49:57 GMT')}</pubDate>"
        f'<guid isPermaLink="false">{_xml_text(item.get("link", ""))}</guid>'
        f"<link>{_xml_text(item.get('link', ''))}</link>"
        f"<dc:creator>{_content(item.get('creator', ''), form)}</dc:creator>{categories}</item>"
    )


def _atom_entry(item: dict[str, str], form: str) -> str:
    categories = "".join(
        f'<category term="{_xml_text(word)}"/>'
        for word in item.get("categories", "").split(",")
        if word
    )
    return (
        f"<entry><title>{_xml_text(item.get('title', '标题'))}</title>"
        f'<link href="{_xml_text(item.get("link", ""))}"/>'
        f"<updated>{item.get('date', '2021-08-02T12:49:57Z')}</updated>"
        f"<author><name>{_xml_text(item.get('creator', ''))}</name></author>{categories}"
        f'<content type="html">{_content(item.get("description", ""), form)}</content></entry>'
    )
