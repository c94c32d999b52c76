"""A body without paragraph markup gives one paragraph per block of lines.

Other feeds of the aggregator (and some descriptions) hold plain text whose
paragraphs are separated by blank lines. Without any paragraph markup (``p``,
headings, lists, tables, quotes: a ``div`` is the aggregator's wrapper and a
``<br>`` a line break), a blank line ends a paragraph. The lines of one
paragraph join as in any HTML text: each line break is one space. Where the
body has paragraph markup, blank lines are layout, as HTML has them.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import sinaparse
from sinaparse._text import clean_text

from .posts import make_feed, make_post

TEXT = "第一段第一行\n第一段第二行\n\n第二段，只有一行。\n \u3000\n\n\n第三段 line one\nline two"
PARAGRAPHS = ("第一段第一行 第一段第二行", "第二段，只有一行。", "第三段 line one line two")


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(TEXT, id="bare-text"),
        pytest.param(f"<div>   \n{TEXT}  \n</div>", id="the-aggregators-wrapper"),
        pytest.param(TEXT.replace("\n", "\r\n"), id="crlf"),
        pytest.param(f"<div><span>{TEXT}</span></div>", id="inline-markup-around-it"),
    ],
)
def test_blank_lines_end_paragraphs_in_a_bare_body(body: str) -> None:
    assert sinaparse.parse_body(body).paragraphs == PARAGRAPHS


def test_blank_lines_end_paragraphs_in_a_post() -> None:
    article = sinaparse.parse(make_post(TEXT))
    assert article.paragraphs == PARAGRAPHS


@pytest.mark.parametrize("form", ["escaped", "cdata"])
def test_blank_lines_end_paragraphs_in_a_feed_item(form: str) -> None:
    item = {"title": "标题", "link": "https://example.com/a", "date": "Mon, 02 Aug 2021 12:49:57 GMT",
            "description": TEXT}  # fmt: skip
    (outcome,) = sinaparse.parse_feed(make_feed([item], form=form))
    assert outcome.article is not None
    assert outcome.article.paragraphs == PARAGRAPHS


def test_br_and_blank_lines_both_end_paragraphs() -> None:
    body = sinaparse.parse_body("一<br>二<br/><br/>三\n\n四\n五")
    assert body.paragraphs == ("一", "二", "三", "四 五")


def test_a_picture_in_plain_text_stays_between_its_paragraphs() -> None:
    body = sinaparse.parse_body('前段\n\n<img src="https://n.sinaimg.cn/a.jpg">\n\n后段')
    assert body.paragraphs == ("前段", "后段")
    assert len(body.images) == 1


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("<p>甲</p>\n\n乙\n\n丙", id="paragraphs"),
        pytest.param("<h2>甲</h2>\n\n乙\n\n丙", id="a-heading"),
        pytest.param("<blockquote>甲</blockquote>\n\n乙\n\n丙", id="a-quote"),
        pytest.param("<ul><li>甲</li></ul>\n\n乙\n\n丙", id="a-list"),
    ],
)
def test_with_paragraph_markup_blank_lines_are_layout(html: str) -> None:
    assert sinaparse.parse_body(html).paragraphs[-1] == "乙 丙"


_LINE = st.text(st.sampled_from("新浪财经ab1，。 \u3000"), min_size=1, max_size=12).filter(
    lambda line: not line.isspace()
)


@given(st.lists(st.lists(_LINE, min_size=1, max_size=3), min_size=1, max_size=6))
@example([["一"], ["二", "三"]])
@example([["1\u30001"]])
def test_each_block_of_lines_is_one_paragraph(blocks: list[list[str]]) -> None:
    text = "\n\n".join("\n".join(lines) for lines in blocks)
    # Lines join as any HTML text does: clean_text (a line break is one space).
    expected = tuple(clean_text("\n".join(lines)) for lines in blocks)
    assert sinaparse.parse_body(text).paragraphs == expected
