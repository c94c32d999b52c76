"""No metadata field holds markup, whatever the feed, page or post wrote.

A feed's ``dc:creator`` in CDATA, a ``<category>`` written escaped, a page's
``article:author`` or ``keywords`` meta: markup in them is read as HTML, and
the field is its text. Text that only looks like markup to no browser stays.
"""

from __future__ import annotations

import pytest

import sinaparse

from .posts import make_feed, make_page, make_post, paragraph


@pytest.mark.parametrize(
    ("written", "text"),
    [
        ('<a href="https://weibo.com/x">新京报</a>', "新京报"),
        ("<b>新京报</b> <i>记者</i>", "新京报 记者"),
        ("新京报<br/>", "新京报"),
        ("<!-- c -->新京报", "新京报"),
        # What no reader sees goes; markup revealed by the reading is read again.
        ("<script>var a = 1;</script>新京报", "新京报"),
        ("<style>p { color: red }</style>新京报", "新京报"),
        ("<noscript>x</noscript><template>y</template>新京报", "新京报"),
        ("<b>新京报</b>&lt;img src=x onerror=alert(1)&gt;", "新京报"),
        ("<b>新京报</b>&amp;lt;i&amp;gt;记者", "新京报&lt;i&gt;记者"),  # no tag: text as written
        ("A<B", "A<B"),  # no tag to a browser
        ("<<人民日报>>", "<<人民日报>>"),
        ("1 < 2 > 0", "1 < 2 > 0"),
    ],
)
def test_a_feeds_creator_and_categories_are_text(written: str, text: str) -> None:
    # The feed writes them as text (escaped): the text is the markup.
    feed = make_feed(
        [{"title": "标题", "link": "https://finance.sina.com.cn/a.shtml",
          "date": "Mon, 02 Aug 2021 12:49:57 GMT", "description": paragraph("正文"),
          "creator": written, "categories": written}]
    )  # fmt: skip
    (outcome,) = sinaparse.parse_feed(feed)
    assert outcome.article is not None
    assert outcome.article.author == text
    assert outcome.article.source == text
    assert outcome.article.keywords == (text,)


def test_a_pages_metas_are_text() -> None:
    metas = (
        '<meta property="article:author" content="&lt;a href=x&gt;新京报&lt;/a&gt;">',
        '<meta name="keywords" content="&lt;b&gt;甲&lt;/b&gt;,乙,&lt;i&gt;乙&lt;/i&gt;">',
    )
    page = make_page(paragraph("正文"), metas=metas, date=(
        '<div class="date-source"><span class="date">2019年09月07日 04:04</span></div>'
    )).replace('<div class="keywords" id="keywords" data-wbkey="中国芯,芯片,新闻">', "<div>")  # fmt: skip
    article = sinaparse.parse_page(page)
    assert article.author == "新京报"
    assert article.source == "新京报"
    assert article.keywords == ("甲", "乙")


def test_a_posts_author_is_text() -> None:
    post = make_post(paragraph("正文")).replace(
        "author: 新浪财经", "author: '<a href=\"x\">新浪财经</a>'"
    )
    assert sinaparse.parse(post).author == "新浪财经"


@pytest.mark.parametrize(
    ("written", "title"),
    [
        ("<b>央行降准</b>", "央行降准"),
        ("央行<script>x()</script>降准", "央行降准"),
        ("A<B股", "A<B股"),
    ],
)
def test_a_feeds_title_is_text(written: str, title: str) -> None:
    feed = make_feed(
        [{"title": written, "link": "https://finance.sina.com.cn/a.shtml",
          "date": "Mon, 02 Aug 2021 12:49:57 GMT", "description": paragraph("正文")}]
    )  # fmt: skip
    (outcome,) = sinaparse.parse_feed(feed)
    assert outcome.article is not None
    assert outcome.article.title == title


def test_a_pages_og_title_is_text() -> None:
    page = make_page(
        paragraph("正文"),
        title="",
        metas=('<meta property="og:title" content="&lt;b&gt;央行&lt;/b&gt;降准">',),
    )
    assert sinaparse.parse_page(page).title == "央行降准"
