"""A rule's ``requires`` pre-check never skips a rule that would match.

The pre-check looks in the raw HTML; the rules read the parsed tree, where a
reference is its character and a sentence is read across tags and white
space. Each body here is parsed with the default catalogue and with the same
rules without pre-checks: the results are the same.
"""

from __future__ import annotations

import time

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import ParseOptions
from sinaparse.boilerplate import DEFAULT_BOILERPLATE

_UNCHECKED = ParseOptions(
    boilerplate=tuple(attrs.evolve(rule, requires=()) for rule in DEFAULT_BOILERPLATE)
)
_FIRST = "<p>正文第一段。</p>"
_RELATED = '<a href="https://finance.sina.com.cn/a.shtml">另一条新闻</a>'


def _same_either_way(html: str) -> sinaparse.Body:
    checked = sinaparse.parse_body(html)
    assert checked == sinaparse.parse_body(html, options=_UNCHECKED)
    return checked


@pytest.mark.parametrize(
    "html",
    [
        # A promo sentence parted by white space, a no-break space or tags.
        _FIRST + "<div>海量资讯、精准解读，尽在新浪财经 APP</div>",
        _FIRST + "<div>海量资讯、精准解读，尽在新浪财经&nbsp;APP</div>",
        _FIRST + "<div>海量资讯、精准解读，尽在新浪财经\nAPP</div>",
        _FIRST + "<div>海量资讯、精准解读，尽在新浪财经<b>APP</b></div>",
        _FIRST + "<div>海量资讯、精准解读，尽在新浪<!-- x -->财经APP</div>",
        _FIRST
        + "<div>炒股就看金麒<span>麟</span>分析师研报，权威，专业，及时，全面，助您挖掘潜力主题机会！</div>",
        # ... or written with references.
        _FIRST + "<div>投资热点尽在新浪财经&#65;PP</div>",
        _FIRST
        + "<div>炒股就看金&#40594;麟分析师研报，权威，专业，及时，全面，助您挖掘潜力主题机会！</div>",
        _FIRST
        + "<div>炒股就看金&#x9E92;麟分析师研报，权威，专业，及时，全面，助您挖掘潜力主题机会！</div>",
        # Labels, ids, classes and attribute names.
        _FIRST + f"<p><b>相关</b><b>新闻</b>：{_RELATED}</p>",
        _FIRST + f"<p>&#30456;关新闻：{_RELATED}</p>",
        _FIRST + f"<p>相关 新闻：{_RELATED}</p>",
        # ... parted by what an earlier rule removes, or by markup holding ">".
        _FIRST + f"<p>相关<script>x()</script>新闻：{_RELATED}</p>",
        _FIRST + f"<p>相关<STYLE>p{{}}</STYLE>新闻：{_RELATED}</p>",
        _FIRST + f"<p>相关<!-- a>b -->新闻：{_RELATED}</p>",
        _FIRST + f'<p>相关<b title="a>b">新闻</b>：{_RELATED}</p>',
        _FIRST + f"<p>&#30456关新闻：{_RELATED}</p>",  # a reference without its ";"
        _FIRST + f"<p>相关</script>新闻：{_RELATED}</p>",  # a stray end tag the parser ignores
        '<p>正文第一段，张三<a href="https://weibo.com/n/x">&#40;微博&#41;</a>表示。</p>',
        _FIRST + '<div class="video&#45;2017">视频加载中</div>',
        '<div><span id="stock&#95;sh600000"><a href="https://finance.sina.com.cn/'
        'realstock/company/sh600000/nc.shtml">浦发银行</a></span></div>' + _FIRST,
        _FIRST + "<p HIDDEN>隐藏的推广文字</p>",
        _FIRST + '<p><img BLACK-LIST="y" src="https://n.sinaimg.cn/a.jpg"></p>',
        _FIRST + '<p><img Black-List="y" src="https://n.sinaimg.cn/a.jpg"></p>',
        _FIRST + '<p><a href="https://SINADAXUE.CN/report/1">研报一</a></p>',
        _FIRST + '<p><a href="https://sinadaxue&#46;cn/report/1">研报一</a></p>',
    ],
)
def test_a_needle_the_html_spells_otherwise_still_runs_its_rule(html: str) -> None:
    body = _same_either_way(html)
    assert body.paragraphs[0].startswith("正文第一段")


_PIECES = st.sampled_from(
    ["新浪财经", "APP", "海量资讯、精准解读，尽在", "相关", "新闻", "：", "金麒麟", "炒股就看",
     "分析师研报", "(微博)", "正文", " ", "&nbsp;", "<b>", "</b>", "<!-- c -->", "&#26032;",
     "&#123;", "\n", "<a href=\"https://weibo.com/x\">", "</a>"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=12))
def test_any_mix_of_needles_and_what_parts_them_gives_the_same_body(pieces: list[str]) -> None:
    _same_either_way(_FIRST + "<p>" + "".join(pieces) + "</p>")


@pytest.mark.parametrize(
    "filler",
    ["<!---->", "<!-- a -->", "<!x>", "<script>x</script>", "&nbsp;", " ", "<b>", '<b t="">'],
)
def test_a_phrase_parted_by_much_markup_is_looked_for_in_linear_time(filler: str) -> None:
    from sinaparse._body.needles import holds_any

    def seconds(n: int) -> float:
        html = "相关" + filler * n + "x新闻"  # all its characters, never the phrase
        start = time.perf_counter()
        assert not holds_any(html, ("相关新闻",), {})
        return time.perf_counter() - start

    assert seconds(40_000) < 1.0  # exponential backtracking would not end
