"""Whole Sina pages: the metadata a page carries, its body only, its charset, and
pages that are no article. Made-up members of each class beside the corpus pages."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import BodyError, DateError, FrontMatterError, InputError, SinaParseError

from .conftest import CORPUS
from .posts import make_page, paragraph

BEIJING = dt.timezone(dt.timedelta(hours=8))
BODY = paragraph("第一段。") + paragraph("第二段。") + '<p class="show_author">责任编辑：张申 </p>'


def _codes(article: sinaparse.Article) -> list[str]:
    return [code for code, _ in article.warnings]


def test_a_page_gives_its_metadata_and_its_body_only() -> None:
    article = sinaparse.parse_page(make_page(BODY))
    assert article.title == "标题"
    assert article.date == dt.datetime(2019, 9, 7, 4, 4, 43, tzinfo=BEIJING)
    assert article.url == "https://news.sina.com.cn/c/2019-09-07/doc-x.shtml"
    assert (article.source, article.author, article.editor) == ("北京日报", "北京日报", "张申")
    assert article.keywords == ("中国芯", "芯片")
    assert article.channel == "国内新闻"
    assert article.paragraphs == ("第一段。", "第二段。")
    assert article.warnings == ()


# --- The headline -----------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        '<h1 class="main-title">标题</h1>',
        '<h1 id="artibodyTitle" cid="1">标题</h1>',
        '<h1 class="art_tit_h1">标题</h1>',
        '<h1 class="article-title">标题</h1>',  # a newer template: an h1 naming itself a title
        '<h1 class="main-title"> 标题 <span></span></h1>',
    ],
)
def test_the_headline_of_each_template_is_the_title(title: str) -> None:
    page = make_page(BODY, title='<h1 class="channel-logo"><a>新闻中心</a></h1>' + title)
    assert sinaparse.parse_page(page).title == "标题"


def test_without_a_headline_og_title_is_the_title() -> None:
    metas = ('<meta property="og:title" content="开放图谱标题">',)
    page = make_page(BODY, title="", metas=metas)
    assert sinaparse.parse_page(page).title == "开放图谱标题"


def test_a_page_without_any_title_is_an_error_naming_what_is_missing() -> None:
    page = make_page(BODY, title="", metas=()).replace("<title>标题_新浪新闻</title>", "")
    with pytest.raises(FrontMatterError, match=r"no title.*og:title or <title>"):
        sinaparse.parse_page(page)


@pytest.mark.parametrize(
    ("document_title", "title"),
    [
        ("央行宣布降准_新浪财经_新浪网", "央行宣布降准"),
        ("央行宣布降准|新浪财经|新浪网", "央行宣布降准"),
        ("央行宣布降准 - 手机新浪网", "央行宣布降准"),
        ("央行宣布降准_新浪新闻", "央行宣布降准"),
        ("A股_B股：央行宣布降准_新浪财经", "A股_B股：央行宣布降准"),  # the title's own _ stays
        ("央行宣布降准", "央行宣布降准"),
        ("新浪财经", "新浪财经"),  # nothing but the site: that is all there is
        ("央行宣布降准_Sina Finance", "央行宣布降准"),
        (
            "微博 - 新浪旗下社交平台_新浪科技",
            "微博 - 新浪旗下社交平台",
        ),  # a part naming Sina, no site
        ("新浪财经头条：央行降准_新浪财经", "新浪财经头条：央行降准"),
    ],
)
def test_without_a_headline_or_og_title_the_document_title_without_the_sites_names(
    document_title: str, title: str
) -> None:
    page = make_page(BODY, title="<h1 class='l_tit'>标题</h1>", metas=()).replace(
        "<title>标题_新浪新闻</title>", f"<title>{document_title}</title>"
    )
    assert sinaparse.parse_page(page).title == title


# --- The date ------------------------------------------------------------------------

CREATE_AT = '<meta name="weibo: article:create_at" content="{}">'
PUBLISHED = '<meta property="article:published_time" content="{}">'


@pytest.mark.parametrize(
    ("date", "metas", "expected"),
    [
        pytest.param(
            '<div class="date-source"><span class="date">2019年09月07日 04:04</span></div>',
            [
                CREATE_AT.format("2019-09-07 04:04:43"),
                PUBLISHED.format("2019-09-07T06:52:51+08:00"),
            ],
            (2019, 9, 7, 4, 4, 43),
            id="create_at-seconds",
        ),
        pytest.param(
            '<div class="date-source"><span class="date">2019年09月07日 04:04</span></div>',
            [CREATE_AT.format("2019-09-07 05:10:43"), PUBLISHED.format("2019-09-06T20:04:51Z")],
            (2019, 9, 7, 4, 4, 51),
            id="published-agrees-in-another-zone",
        ),
        pytest.param(
            '<div class="date-source"><span class="date">2019年09月07日 04:04</span></div>',
            [
                CREATE_AT.format("2019-09-07 05:10:43"),
                PUBLISHED.format("2019-09-07T06:52:51+08:00"),
            ],
            (2019, 9, 7, 4, 4, 0),
            id="no-meta-agrees",
        ),
        pytest.param(
            '<span class="time-source">2016年05月25日10:10 \n 新浪财经</span>',
            [CREATE_AT.format("2016-05-25 10:10:19")],
            (2016, 5, 25, 10, 10, 19),
            id="2016-time-source",
        ),
        pytest.param(
            '<div class="artInfo"><span id="pub_date">2019年09月11日01:53</span></div>',
            [PUBLISHED.format("2019-09-11T01:53:41+08:00")],
            (2019, 9, 11, 1, 53, 41),
            id="pub_date",
        ),
        pytest.param(
            '<time class="weibo_time"><span class="weibo_time_day">2005.08.26</span>05:39</time>',
            [PUBLISHED.format("2005-08-26 05:39:00")],
            (2005, 8, 26, 5, 39, 0),
            id="mobile",
        ),
        pytest.param(
            '<div class="info-bar"><em>2023-05-10 08:31</em></div>',  # an unknown template
            [CREATE_AT.format("2023-05-10 08:31:07")],
            (2023, 5, 10, 8, 31, 7),
            id="shown-time-anywhere-in-the-header",
        ),
        pytest.param(
            "",
            [CREATE_AT.format("2019-09-07 04:04:43")],
            (2019, 9, 7, 4, 4, 43),
            id="no-shown-time",
        ),
        pytest.param(
            "",
            [PUBLISHED.format("2019-09-07T06:52:51+08:00")],
            (2019, 9, 7, 6, 52, 51),
            id="published-only",
        ),
        pytest.param(
            '<div class="date-source"><span class="date">2019年09月07日 04:04:05</span></div>',
            [CREATE_AT.format("2019-09-07 04:04:43")],
            (2019, 9, 7, 4, 4, 5),
            id="shown-seconds-win",
        ),
    ],
)
def test_the_shown_time_with_the_seconds_of_an_agreeing_meta(
    date: str, metas: list[str], expected: tuple[int, ...]
) -> None:
    article = sinaparse.parse_page(make_page(BODY, date=date, metas=metas))
    year, month, day, hour, minute, second = expected
    assert article.date == dt.datetime(year, month, day, hour, minute, second, tzinfo=BEIJING)
    assert article.date.utcoffset() == dt.timedelta(hours=8)
    assert _codes(article) == []


def test_zone_less_page_times_are_read_in_default_tz() -> None:
    options = attrs.evolve(sinaparse.DEFAULT_OPTIONS, default_tz="UTC")
    article = sinaparse.parse_page(make_page(BODY, metas=()), options=options)
    assert article.date == dt.datetime(2019, 9, 7, 4, 4, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize(
    "default_tz", ["UTC", "America/New_York", "Europe/Berlin", "Asia/Shanghai"]
)
@pytest.mark.parametrize(
    ("shown", "metas", "expected"),
    [
        # The 2019 template: create_at without a zone, published_time with one.
        ("2019年09月07日 04:04", [CREATE_AT.format("2019-09-07 04:04:43"),
                                 PUBLISHED.format("2019-09-07T04:04:51+08:00")], (4, 4, 43)),
        ("2019年09月07日 04:04", [PUBLISHED.format("2019-09-07T04:04:51+08:00")], (4, 4, 51)),
        ("2019-09-07 04:04", [PUBLISHED.format("2019-09-07T04:04:00+0800")], (4, 4, 0)),
        ("2019年9月7日 4:04", [PUBLISHED.format("Sat, 07 Sep 2019 04:04:10 +0800")], (4, 4, 10)),
        ("2019年09月07日 04:04:05", [PUBLISHED.format("2019-09-07T04:04:51+08:00")], (4, 4, 5)),
    ],
)  # fmt: skip
def test_a_shown_time_takes_the_zone_of_a_meta_that_shows_the_same_time(
    default_tz: str, shown: str, metas: list[str], expected: tuple[int, int, int]
) -> None:
    # The page says which zone it shows: default_tz is for pages that do not.
    date = f'<div class="date-source"><span class="date">{shown}</span></div>'
    options = attrs.evolve(sinaparse.DEFAULT_OPTIONS, default_tz=default_tz)
    article = sinaparse.parse_page(make_page(BODY, date=date, metas=metas), options=options)
    assert article.date == dt.datetime(2019, 9, 7, *expected, tzinfo=BEIJING)
    assert _codes(article) == []


@pytest.mark.parametrize("written", ["2019-09-07T04:04:51Z", "2019-09-07T04:04:51+00:00"])
def test_a_utc_meta_on_the_shown_clocks_time_gives_no_zone(written: str) -> None:
    # A local time with a literal Z is a writer's slip: the page shows Beijing time.
    date = '<div class="date-source"><span class="date">2019年09月07日 04:04</span></div>'
    page = make_page(BODY, date=date, metas=[PUBLISHED.format(written)])
    article = sinaparse.parse_page(page)
    assert article.date == dt.datetime(2019, 9, 7, 4, 4, tzinfo=BEIJING)  # not 04:04 UTC
    assert article.date.utcoffset() == dt.timedelta(hours=8)


def test_a_meta_of_another_time_gives_the_shown_time_no_zone() -> None:
    # published_time is often a later update: a meta of another minute says
    # nothing of the zone shown, which is then default_tz's.
    date = '<div class="date-source"><span class="date">2019年09月07日 04:04</span></div>'
    options = attrs.evolve(sinaparse.DEFAULT_OPTIONS, default_tz="UTC")
    metas = [PUBLISHED.format("2019-09-07T06:52:51+08:00")]
    article = sinaparse.parse_page(make_page(BODY, date=date, metas=metas), options=options)
    assert article.date == dt.datetime(2019, 9, 7, 4, 4, tzinfo=dt.timezone.utc)


def test_an_unreadable_shown_date_falls_back_to_the_metas_with_a_warning() -> None:
    date = '<div class="date-source"><span class="date">2019年13月07日 04:04</span></div>'
    metas = [CREATE_AT.format("2019-09-07 04:04:43"), PUBLISHED.format("not a date")]
    article = sinaparse.parse_page(make_page(BODY, date=date, metas=metas))
    assert article.date == dt.datetime(2019, 9, 7, 4, 4, 43, tzinfo=BEIJING)
    assert _codes(article) == ["page-date-unreadable"]  # the later meta was not needed
    metas = [CREATE_AT.format("garbage"), PUBLISHED.format("2019-09-07T06:52:51+08:00")]
    article = sinaparse.parse_page(make_page(BODY, date=date, metas=metas))
    assert article.date == dt.datetime(2019, 9, 7, 6, 52, 51, tzinfo=BEIJING)
    assert _codes(article) == ["page-date-unreadable", "page-date-unreadable"]


def test_a_page_without_any_date_is_an_error_naming_what_is_missing() -> None:
    with pytest.raises(DateError, match=r"no date.*span\.date.*article:published_time"):
        sinaparse.parse_page(make_page(BODY, date="", metas=()))


# --- Keywords, channel, source, author -----------------------------------------------


def test_keywords_come_from_the_keyword_links_not_data_wbkey() -> None:
    assert sinaparse.parse_page(make_page(BODY)).keywords == ("中国芯", "芯片")


@pytest.mark.parametrize(
    ("block", "keywords"),
    [
        (
            '<div class="keywords" id="keywords" data-wbkey="中国芯,芯片,新闻"></div>',
            ("中国芯", "芯片"),
        ),
        ('<div class="keywords" data-wbkey="华为,科技"><label>关键字</label></div>', ("华为",)),
        ('<div id="keywords" data-wbkey="华为,芯片"></div>', ("华为", "芯片")),
        (
            '<p class="art_keywords"><span>文章关键词：</span><a>苹果</a><a>新品</a></p>',
            ("苹果", "新品"),
        ),
        (
            '<div class="article-keywords"><span>文章关键词：</span><a>外汇</a> <a>外汇</a></div>',
            ("外汇",),
        ),
    ],
    ids=["wbkey-channel-dropped", "wbkey-only", "wbkey-without-channel", "tech", "2016-duplicates"],
)
def test_each_keyword_block_form(block: str, keywords: tuple[str, ...]) -> None:
    page = make_page(BODY, after_body=block).replace('id="keywords"', 'id="old-keywords"', 1)
    page = page.replace(block.replace('id="keywords"', 'id="old-keywords"'), block)
    without_bottom = (
        page.split('<div class="article-bottom">')[0] + page.split("</div></div>", 1)[-1]
    )
    assert sinaparse.parse_page(without_bottom).keywords == keywords


@pytest.mark.parametrize(
    ("meta_keywords", "keywords"),
    [
        ("中国芯,芯片", ("中国芯", "芯片")),
        ("中国芯，芯片 ,, ", ("中国芯", "芯片")),
        (",sina.cn", ()),
        # The site's own names: 新浪网, a channel's, in either script, and its hosts.
        ("央行,新浪财经,新浪网", ("央行",)),
        ("央行,新浪財經,手機新浪網,WWW.SINA.COM.CN", ("央行",)),
        ("央行,新浪新闻,手机新浪网,sina.com.cn", ("央行",)),
        ("新浪微博,新浪财经APP", ("新浪微博", "新浪财经APP")),  # other words naming Sina stay
        ("标题", ()),  # Sina writes the title when an article has no keywords
        ("", ()),
    ],
)
def test_without_a_keyword_block_meta_keywords(
    meta_keywords: str, keywords: tuple[str, ...]
) -> None:
    page = make_page(BODY, metas=[f'<meta name="keywords" content="{meta_keywords}">'])
    page = page.replace('id="keywords"', "").replace('class="keywords"', 'class="bottom"')
    assert sinaparse.parse_page(page).keywords == keywords


def test_a_deeper_breadcrumb_is_joined_and_a_page_without_one_has_no_channel() -> None:
    crumbs = '<a href="x">财经</a><span>&gt;</span><a href="y">美股</a><span>正文</span>'
    page = make_page(BODY).replace(
        '<a href="http://news.sina.com.cn/china/">国内新闻</a><span>&gt;</span><span>正文</span>',
        crumbs,
    )
    assert sinaparse.parse_page(page).channel == "财经 > 美股"
    no_crumbs = make_page(BODY).replace('class="channel-path"', 'class="nav"')
    assert sinaparse.parse_page(no_crumbs).channel is None


@pytest.mark.parametrize(
    ("date", "source"),
    [
        (
            '<div class="date-source"><span class="date">2019年09月07日 04:04</span>'
            '<span class="source ent-source">新浪财经-自媒体综合</span></div>',
            "新浪财经-自媒体综合",
        ),
        ('<span class="time-source">2016年05月25日10:10 \n\n新浪财经\n</span>', "新浪财经"),
        (
            '<div><span id="pub_date">2019年09月11日01:53</span>&nbsp;<span id="media_name">'
            '<a href="x">新浪科技</a></span></div>',
            "新浪科技",
        ),
        (
            '<div class="date-source"><span class="date">2019年09月07日 04:04</span></div>',
            "北京日报",
        ),
    ],
    ids=["source-span", "time-source-media", "media_name", "article:author"],
)
def test_the_source_element_of_each_template(date: str, source: str) -> None:
    assert sinaparse.parse_page(make_page(BODY, date=date)).source == source


def test_the_bodys_source_line_comes_before_article_author() -> None:
    date = '<div class="date-source"><span class="date">2019年09月07日 04:04</span></div>'
    page = make_page(paragraph("来源：新华社") + BODY, date=date)
    article = sinaparse.parse_page(page)
    assert (article.source, article.author) == ("新华社", "北京日报")


def test_an_empty_article_author_is_none() -> None:
    metas = ['<meta property="article:author" content="">', CREATE_AT.format("2019-09-07 04:04:43")]
    article = sinaparse.parse_page(make_page(BODY, metas=metas))
    assert article.author is None
    assert article.source == "北京日报"  # the page's source link


# --- Meta in other orders and spellings -------------------------------------------------

METAS = (
    '<meta property="og:url" content="https://news.sina.com.cn/c/x.shtml">',
    '<meta content="2019-09-07 04:04:43" name="weibo: article:create_at">',
    '<meta name="weibo:article:create_at" content="2019-09-07 04:04:59">',  # a second one: ignored
    '<META PROPERTY="article:author" CONTENT="环球网">',
    '<meta name="keywords" content="香港">',
)


@pytest.mark.parametrize("order", list(itertools.permutations(range(len(METAS))))[::7])
def test_metas_are_read_in_any_order_and_spelling(order: tuple[int, ...]) -> None:
    metas = [METAS[i] for i in order]
    page = make_page(BODY, metas=metas, date='<span class="date-source"></span>')
    article = sinaparse.parse_page(page)
    first = min(order.index(1), order.index(2))
    seconds = 43 if order[first] == 1 else 59  # the first create_at meta wins
    assert article.date == dt.datetime(2019, 9, 7, 4, 4, seconds, tzinfo=BEIJING)
    assert article.url == "https://news.sina.com.cn/c/x.shtml"
    assert article.author == "环球网"


# --- The URL ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metas", "given", "url"),
    [
        ([], "https://finance.sina.com.cn/a.shtml", "https://finance.sina.com.cn/a.shtml"),
        (
            ['<link rel="canonical" href="http://finance.sina.com.cn/c.shtml">'],
            None,
            "https://finance.sina.com.cn/c.shtml",
        ),
        (
            ['<meta property="og:url" content="/roll/b.shtml">'],
            "https://finance.sina.com.cn/x",
            "https://finance.sina.com.cn/roll/b.shtml",
        ),
        (
            [
                '<meta property="og:url" content="">',
                '<link rel="Canonical" href="//news.sina.com.cn/d">',
            ],
            None,
            "https://news.sina.com.cn/d",
        ),
        ([], None, None),
    ],
    ids=["argument", "canonical", "relative-og-url", "empty-og-url", "none"],
)
def test_the_url(metas: list[str], given: str | None, url: str | None) -> None:
    article = sinaparse.parse_page(make_page(BODY, metas=metas), url=given)
    assert article.url == url
    assert _codes(article) == []


def test_a_url_that_is_no_http_url_is_none_with_a_warning() -> None:
    page = make_page(BODY, metas=['<meta property="og:url" content="javascript:void(0)">'])
    article = sinaparse.parse_page(page)
    assert article.url is None
    assert _codes(article) == ["url-invalid"]


def test_the_url_is_the_base_of_relative_picture_urls() -> None:
    body = '<div class="img_wrapper"><img src="/img/a.jpg"><span class="img_descr">图</span></div>'
    article = sinaparse.parse_page(make_page(body + BODY), url="https://news.sina.com.cn/c/x")
    assert [image.url for image in article.images] == ["https://news.sina.com.cn/img/a.jpg"]
    options = attrs.evolve(sinaparse.DEFAULT_OPTIONS, base_url="https://k.sina.cn/")
    article = sinaparse.parse_page(make_page(body + BODY), options=options)
    assert [image.url for image in article.images] == ["https://k.sina.cn/img/a.jpg"]


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ('<base href="https://finance.sina.com.cn/zt/2023/">', "https://finance.sina.com.cn/zt/2023/x4.jpg"),
        ('<base href="/zt/2023/">', "https://news.sina.com.cn/zt/2023/x4.jpg"),  # against og:url
        ('<base target="_blank">', "https://news.sina.com.cn/c/2019-09-07/x4.jpg"),  # no href
        ('<base href="javascript:alert(1)">', "https://news.sina.com.cn/c/2019-09-07/x4.jpg"),
        ('<base href="//n.sinaimg.cn/">', "https://n.sinaimg.cn/x4.jpg"),
    ],
)  # fmt: skip
def test_a_pages_base_element_is_the_base_of_its_relative_pictures(
    base: str, expected: str
) -> None:
    body = '<div class="img_wrapper"><img src="x4.jpg"></div>' + BODY
    page = make_page(body).replace("<head>", f"<head>{base}", 1)
    assert [image.url for image in sinaparse.parse_page(page).images] == [expected]
    options = attrs.evolve(sinaparse.DEFAULT_OPTIONS, base_url="https://k.sina.cn/a/")
    images = sinaparse.parse_page(page, options=options).images
    assert [image.url for image in images] == ["https://k.sina.cn/a/x4.jpg"]  # the caller's wins


def test_a_base_element_inside_the_article_is_not_the_pages() -> None:
    body = '<base href="https://evil.example/"><div class="img_wrapper"><img src="x4.jpg"></div>'
    article = sinaparse.parse_page(make_page(body + BODY))
    assert [image.url for image in article.images] == [
        "https://news.sina.com.cn/c/2019-09-07/x4.jpg"
    ]


# --- The body ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "body_tag",
    [
        '<div class="article" id="artibody">',
        '<div class="article" id="article">',
        '<div class="BSHARE_POP blkContainerSblkCon clearfix" id="artibody">',
        '<section class="art_pic_card art_content">',
        "<div>",  # the mobile site's paragraphs, in a container of no known class
    ],
)
def test_the_body_of_each_template_and_nothing_around_it(body_tag: str) -> None:
    body = BODY.replace('<p cms-style="font-L">', '<p class="art_p">')
    article = sinaparse.parse_page(make_page(body, body_tag=body_tag))
    assert article.paragraphs == ("第一段。", "第二段。")
    assert article.editor == "张申"


@pytest.mark.parametrize(
    "before",
    [
        '<a id="artibody" href="#main">跳到正文</a>',  # a skip link
        '<span id="artibody">正文</span>',
        '<script id="artibody">var tpl = "<p>模板</p>";</script>',
        '<textarea id="article">&lt;p&gt;模板&lt;/p&gt;</textarea>',
        '<input id="artibody" value="x">',
        '<div id="artibody"></div>',  # an empty placeholder before the real body
        '<div id="artibody"><!-- 正文 --></div>',
        '<div id="artibody"><script>var x = "正文";</script><style>p{}</style></div>',
        '<div id="artibody"><br><p> </p><p>&nbsp;</p></div>',
        '<div id="artibody">  </div><div id="article"></div>',
    ],
)
def test_an_id_on_no_container_or_an_empty_one_is_not_the_body(before: str) -> None:
    page = make_page(BODY, title=before + '<h1 class="main-title">标题</h1>')
    article = sinaparse.parse_page(page)
    assert article.paragraphs == ("第一段。", "第二段。")
    assert article.warnings == ()


@pytest.mark.parametrize("tag", ["div", "section", "article", "main"])
def test_a_deleted_article_is_its_empty_container_and_says_so(tag: str) -> None:
    page = make_page("", body_tag=f'<{tag} id="artibody">').replace(
        '</div><div class="article-bottom">', f'</{tag}><div class="article-bottom">', 1
    )
    article = sinaparse.parse_page(page)
    assert article.paragraphs == ()
    assert [code for code, _ in article.warnings] == ["body-empty"]


def test_an_editor_line_just_after_the_body_is_read_2016_layout() -> None:
    page = make_page(
        paragraph("正文。"), after_body='<p class="article-editor">责任编辑：支全明 SF099</p>'
    )
    article = sinaparse.parse_page(page)
    assert (article.paragraphs, article.editor) == (("正文。",), "支全明")


# The corpus bodies that could stand in a page: a fragment that closes more
# <div>s than it opens (cut out of a larger page) would close the container.
BODIES = [
    path
    for path in sorted((CORPUS / "bodies").glob("*.html"))
    if (text := path.read_text(encoding="utf-8")).count("<div") >= text.count("</div>")
]


@pytest.mark.parametrize("body_file", BODIES, ids=lambda path: path.stem)
def test_a_page_around_a_body_gives_the_bodys_fields(body_file: Path) -> None:
    body_html = body_file.read_text(encoding="utf-8")
    url = "https://finance.sina.com.cn/china/2021-05-17/doc-x.shtml"
    options = attrs.evolve(sinaparse.DEFAULT_OPTIONS, base_url=url)
    page = make_page(body_html, metas=(), body_tag='<div class="article" id="artibody">')
    expected = sinaparse.parse_body(f"<div>{body_html}</div>", options=options)
    article = sinaparse.parse_page(page, url=url)
    fields = ("paragraphs", "blocks", "images", "stocks", "original_title", "editor")
    assert {f: getattr(article, f) for f in fields} == {f: getattr(expected, f) for f in fields}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["中文段落", "a < b & c", "“引号”", "🀄", "x\u3000y"]), min_size=1))
def test_any_paragraph_text_survives_the_page(texts: list[str]) -> None:
    from html import escape

    body = "".join(paragraph(escape(text)) for text in texts)
    article = sinaparse.parse_page(make_page(body))
    assert article.paragraphs == tuple(texts)


# --- Charsets ------------------------------------------------------------------------

GB_BODY = paragraph("朱镕基说：“经济”。") + '<p class="show_author">责任编辑：张申</p>'


@pytest.mark.parametrize(
    ("charset", "codec"),
    [
        ("gb2312", "gbk"),
        ("GBK", "gbk"),
        ("gb18030", "gb18030"),
        ("utf-8", "utf-8"),
        ("UTF8", "utf-8"),
    ],
)
def test_a_page_in_its_declared_charset(charset: str, codec: str) -> None:
    text = make_page(GB_BODY + paragraph("\U00020000字"), charset=charset)
    if codec == "gbk":
        text = text.replace("\U00020000", "")  # not in GBK
    article = sinaparse.parse_page(text.encode(codec))
    assert article.paragraphs[0] == "朱镕基说：“经济”。"
    assert article.title == "标题"


def test_charset_in_http_equiv_and_after_a_script_charset() -> None:
    page = make_page(GB_BODY).replace(
        '<meta charset="utf-8">',
        '<script charset="utf-8" src="x.js"></script>'
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
    )
    assert sinaparse.parse_page(page.encode("gbk")).paragraphs[0] == "朱镕基说：“经济”。"


@pytest.mark.parametrize(
    "page",
    [
        make_page(GB_BODY, charset="gb2312").encode("utf-8"),  # saved again as UTF-8
        make_page(GB_BODY).replace('<meta charset="utf-8">', "").encode("gbk"),  # no charset
        make_page(GB_BODY).encode("gbk"),  # declares UTF-8, is GBK
        b"\xef\xbb\xbf" + make_page(GB_BODY, charset="gbk").encode("utf-8"),  # a BOM
        make_page(GB_BODY, charset="gbk"),  # text: the charset does not matter
    ],
    ids=["utf8-labelled-gb", "gbk-unlabelled", "gbk-labelled-utf8", "bom", "str"],
)
def test_a_page_whose_charset_is_missing_or_wrong_is_still_read(page: bytes | str) -> None:
    assert sinaparse.parse_page(page).paragraphs[0] == "朱镕基说：“经济”。"


def test_a_page_declaring_another_charset_is_read_in_it() -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"><meta property="og:title" content="Titel">'
        '<meta property="article:published_time" content="2019-09-07T06:52:51+08:00"></head>'
        '<body><div id="artibody"><p>Grüße</p></div></body></html>'
    )
    assert sinaparse.parse_page(page.encode("latin-1")).paragraphs == ("Grüße",)


@pytest.mark.parametrize(
    ("bad", "count"),
    [(b"\xff\xfe\xff", 3), (b"\xc0\xaf", 2), (b"\xed\xa0\x80", 3)],
    ids=["not-utf8-bytes", "overlong", "surrogate-cesu8"],
)
def test_a_utf8_page_with_a_few_bad_bytes_is_read_with_them_replaced(
    bad: bytes, count: int
) -> None:
    """As a post: the bad sequence becomes U+FFFD, and a warning says where."""
    data = make_page(GB_BODY).encode("utf-8").replace("经".encode(), bad, 1)
    article = sinaparse.parse_page(data)
    replaced = [w for w in article.warnings if w.code == "bytes-replaced"]
    assert len(replaced) == 1, article.warnings
    assert "line" in replaced[0].message
    text = "".join(article.paragraphs) + article.title
    assert "\ufffd" in text
    assert 1 <= text.count("\ufffd") <= count


@pytest.mark.parametrize(
    "data",
    [
        make_page(GB_BODY, charset="iso-8859-5").encode("utf-8") + b"\xff",
        b"x" * 10 + b"\x00" + make_page(GB_BODY).encode(),
        make_page("<p>" + "\x81\x30" * 40 + "</p>")
        .encode("latin-1", "replace")
        .replace(b"?", b"\xff"),
    ],
    ids=["declared-latin-cyrillic-invalid", "nul", "mostly-bad-bytes"],
)
def test_bytes_that_are_no_text_are_an_input_error(data: bytes) -> None:
    if b"iso-8859-5" in data:  # every byte is valid in it: read, never refused
        assert sinaparse.parse_page(data).paragraphs
        return
    with pytest.raises(InputError):
        sinaparse.parse_page(data)


def test_a_page_over_max_bytes_is_refused() -> None:
    options = attrs.evolve(sinaparse.DEFAULT_OPTIONS, max_bytes=1000)
    with pytest.raises(InputError, match="max_bytes"):
        sinaparse.parse_page(make_page(BODY).encode(), options=options)
    with pytest.raises(InputError, match="max_bytes"):
        sinaparse.parse_page(make_page(BODY), options=options)


# --- Not an article page -------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><div class='nav'>新浪首页</div><ul><li>新闻</li></ul></body></html>",
        "",
        "   ",
        "<?xml version='1.0'?><rss><channel><item><title>x</title></item></channel></rss>",
        b"\x89PNG\r\n\x1a\n",
        "---\ntitle: 'x'\ndate: 2021-08-02\n---\n<p>x</p>",
    ],
    ids=["index-page", "empty", "blank", "feed", "binary", "post"],
)
def test_a_page_with_no_article_body_is_a_sina_parse_error(page: str | bytes) -> None:
    with pytest.raises(SinaParseError) as caught:
        sinaparse.parse_page(page)
    if isinstance(caught.value, BodyError):
        assert "artibody" in str(caught.value) or "empty" in str(caught.value)


def test_parse_page_refuses_what_is_not_text() -> None:
    with pytest.raises(InputError):
        sinaparse.parse_page(123)  # type: ignore[arg-type]


# --- Hostile pages: bounded work --------------------------------------------------

HOSTILE = {
    "50000-h1": make_page(BODY, title="<h1>a</h1>" * 50_000 + '<h1 class="main-title">标题</h1>'),
    "50000-metas": make_page(
        BODY, metas=[f'<meta name="k{i}" content="v">' for i in range(50_000)]
    ),
    "50000-keyword-links": make_page(
        BODY, after_body='<div class="keywords">' + "<a>词</a>" * 50_000 + "</div>"
    ),
    "50000-header-elements": make_page(
        BODY, date="<div>" + '<span class="x">2019年</span>' * 50_000 + "</div>"
    ),
    "30000-quotes-and-ad-slots": make_page(
        BODY + '<span id="quote_x">(1)</span><div sax-type="p"></div>' * 30_000
    ),
    "100000-siblings-after-the-body": make_page(BODY, after_body="<p>y</p>" * 100_000),
}


@pytest.mark.parametrize("page", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_pages_are_read_quickly(page: str) -> None:
    start = time.process_time()
    article = sinaparse.parse_page(page)
    assert time.process_time() - start < 2.0
    assert article.paragraphs == ("第一段。", "第二段。")


def test_a_page_nested_too_deeply_is_a_body_error() -> None:
    with pytest.raises(BodyError, match="depth"):
        sinaparse.parse_page(make_page("<div>" * 100_000 + "深" + "</div>" * 100_000))


# --- Raw-text elements in the article: as in a bare body ---------------------------


@pytest.mark.parametrize(
    ("inner", "paragraphs", "codes"),
    [
        # Read as <pre>: a Code block (below), not a paragraph.
        ("<xmp><b>粗</b>&amp;</xmp>", ("正文一", "正文二"), []),
        ("<XMP class=x>甲<i>乙</i></XMP>", ("正文一", "正文二"), []),
        ("<noembed><p>嵌</p></noembed>", ("正文一", "正文二"), ["fallback-dropped"]),
        ("<noframes><i>框</i></noframes>", ("正文一", "正文二"), ["fallback-dropped"]),
        ("<textarea><p>表单</p></textarea>", ("正文一", "正文二"), []),
        ("<iframe><p>别页</p></iframe>", ("正文一", "正文二"), []),
    ],
    ids=["xmp", "xmp-upper-case", "noembed", "noframes", "textarea", "iframe"],
)
@pytest.mark.parametrize("encoding", ["str", "utf-8", "gb18030"])
def test_raw_text_elements_give_no_markup_in_fields(
    inner: str, paragraphs: tuple[str, ...], codes: list[str], encoding: str
) -> None:
    """libxml2 keeps these elements' content as text, tags and all: no field may
    hold it (as for a post's body, see test_hostile_body_markup)."""
    body = f"<p>正文一</p>{inner}<p>正文二</p>"
    page = make_page(body, charset="gbk") if encoding == "gb18030" else make_page(body)
    data: str | bytes = page if encoding == "str" else page.encode(encoding)
    article = sinaparse.parse_page(data)
    assert article.paragraphs == paragraphs
    assert [w.code for w in article.warnings if w.code == "fallback-dropped"] == codes
    assert "<" not in "".join(article.paragraphs)
    code = [block.text for block in article.blocks if isinstance(block, sinaparse.Code)]
    assert code == ({"xmp": ["粗&"], "XMP": ["甲乙"]}.get(inner[1:4], []))
    assert article.paragraphs == sinaparse.parse_body(body).paragraphs


@pytest.mark.parametrize("as_bytes", [False, True], ids=["text", "bytes"])
@pytest.mark.parametrize("tag", ["<p>a</p>", "<br>", "<!--x-->", "<i>"])
def test_a_page_of_too_many_tags_is_refused_before_its_tree_is_built(
    tag: str, as_bytes: bool
) -> None:
    # 200,001 tags is a page of 1 to 1.8 MB: below max_bytes, above what a tree may cost.
    page = make_page(tag * 200_001)
    start = time.process_time()
    with pytest.raises(BodyError, match="tags, more than 200,000"):
        sinaparse.parse_page(page.encode() if as_bytes else page)
    assert time.process_time() - start < 0.5


def test_end_tags_do_not_count_against_the_page_tag_limit() -> None:
    # 150,000 elements with their end tags: 300,000 brackets, 150,000 tags.
    article = sinaparse.parse_page(make_page("<p>正文。</p>" + "<b></b>" * 150_000))
    assert article.paragraphs == ("正文。",)


def test_a_page_of_many_tags_below_the_limit_is_read() -> None:
    article = sinaparse.parse_page(make_page("<p>段落。</p>" * 5000))
    assert article.paragraphs.count("段落。") == 5000


@pytest.mark.parametrize(
    "widget",
    [
        '<span class="date">2023年05月13日 星期六</span>',  # today's date, no time
        '<span class="date">2020年01月01日 08:00</span>',  # another time altogether
        '<div class="date">今天</div>',
    ],
)
@pytest.mark.parametrize("metas", [(), (CREATE_AT.format("2023-05-12 09:30:15"),)])
def test_the_date_shown_in_date_source_wins_over_another_date_in_the_header(
    widget: str, metas: tuple[str, ...]
) -> None:
    date = (
        '<div class="date-source"><span class="date">2023年05月12日 09:30</span>'
        '<a class="source" href="x">证券时报</a></div>'
    )
    page = make_page(BODY, date=date, metas=metas).replace(
        '<div class="channel-path">', f'{widget}<div class="channel-path">', 1
    )
    article = sinaparse.parse_page(page)
    seconds = 15 if metas else 0
    assert article.date == dt.datetime(2023, 5, 12, 9, 30, seconds, tzinfo=BEIJING)
    assert article.source == "证券时报"
    assert _codes(article) == []


def _attributes(count: int) -> str:
    return "".join(f' a{number}="x"' for number in range(count))


@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_page_with_an_element_of_too_many_attributes_is_refused_at_once(as_bytes: bool) -> None:
    # libxml2 checks each attribute against those before it: 80,000 took 9 s.
    page = make_page(BODY).replace("<body>", f"<body><div{_attributes(80_000)}></div>", 1)
    start = time.perf_counter()
    with pytest.raises(BodyError, match="more than 200 attributes"):
        sinaparse.parse_page(page.encode() if as_bytes else page)
    assert time.perf_counter() - start < 2.0


def test_an_author_meta_of_many_attributes_is_read_at_once() -> None:
    author = f"&lt;b{_attributes(80_000)}&gt;新京报&lt;/b&gt;".replace('"', "'")  # in a value
    page = make_page(BODY, metas=(f'<meta property="article:author" content="{author}">',))
    page = page.replace("北京日报", "")  # the source falls back to the author
    start = time.perf_counter()
    article = sinaparse.parse_page(page)
    assert time.perf_counter() - start < 2.0
    assert article.author == "新京报"


def test_a_page_of_many_ordinary_attributes_is_read() -> None:
    links = (
        '<a href="https://finance.sina.com.cn/?a=1&b=2" class="x" target="_blank">链接</a>' * 8_000
    )
    page = make_page(BODY).replace('<div class="footer">', f'<div class="footer">{links}', 1)
    assert sinaparse.parse_page(page).paragraphs == ("第一段。", "第二段。")
