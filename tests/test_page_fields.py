"""A page's title and source: a no-break space is layout, a 来源： label is no
part of the name, and a source written as text beside the date is read."""

from __future__ import annotations

from typing import Any

import pytest

import sinaparse

from .posts import make_page, paragraph


def _page(**parts: Any) -> str:
    return make_page(paragraph("正文。"), **parts)


@pytest.mark.parametrize(
    ("h1", "expected"),
    [
        ("茅台&nbsp;一季度", "茅台 一季度"),
        ("茅台&nbsp;&nbsp;一季度&#160;", "茅台 一季度"),
        ("\n  茅台&nbsp;一季度<span>独家</span>\n  净利增长 ", "茅台 一季度独家 净利增长"),
        ("&nbsp;茅台 \u00a0 一季度", "茅台 一季度"),
        ("全角\u3000空格", "全角\u3000空格"),  # a full-width space is content
    ],
)
def test_a_no_break_space_in_the_headline_is_layout(h1: str, expected: str) -> None:
    title = f'<h1 class="main-title">{h1}</h1>'
    assert sinaparse.parse_page(_page(title=title)).title == expected


def test_a_no_break_space_in_og_title_is_layout() -> None:
    metas = ('<meta property="og:title" content="茅台&nbsp;一季度">',)
    assert sinaparse.parse_page(_page(title="", metas=metas)).title == "茅台 一季度"


def _date_source(inside: str) -> str:
    return f'<div class="date-source"><span class="date">2023年05月12日 09:30</span>{inside}</div>'


@pytest.mark.parametrize(
    ("inside", "expected"),
    [
        ('<a class="source" href="#">\n 来源：央视新闻 </a>', "央视新闻"),
        ('<a class="source" href="#">来源:新华社</a>', "新华社"),
        ('<span class="source">来源 ： 中国证券报</span>', "中国证券报"),
        ('<a class="source" href="#">新华社&nbsp;</a>', "新华社"),
        (" 来源：央视新闻", "央视新闻"),
        ("<span>来源：</span>人民日报", "人民日报"),
        ("&nbsp;来源：&nbsp;经济日报&nbsp;", "经济日报"),
        ("<span>分享到</span>", None),  # unlabelled text beside the date is no source
        ("", None),
    ],
)
def test_the_source_beside_the_date(inside: str, expected: str | None) -> None:
    metas = ('<meta property="og:url" content="https://news.sina.com.cn/c/x.shtml">',)
    article = sinaparse.parse_page(_page(date=_date_source(inside), metas=metas))
    assert article.source == expected
    assert article.date.hour == 9
