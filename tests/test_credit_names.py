"""A byline's name looks like a name: a heading's word or Latin prose after a role is no byline."""

from __future__ import annotations

import pytest

import sinaparse
from sinaparse import Credit

from .posts import paragraph


@pytest.mark.parametrize(
    "line",
    [
        # A role and a heading's word: a section's title, not a byline.
        "作者 简介",
        "编辑 推荐",
        "记者 观察",
        "图片 说明",
        "作者 介绍",
        "作者 观点",
        "记者 手记",
        "编辑 点评",
        "记者：调查",
        "编辑 推荐：",
        # The same words glued to the role, and a role with no name.
        "编辑推荐",
        "作者简介",
        "记者观察",
        "图片来源",
        # After a real credit, a role glued to a heading's word is no credit either.
        "记者 张三 编辑推荐",
        # Latin prose after a role: several words in lower case.
        "图 is the Chinese word for picture",
        "文 and then it rained",
        "作者：jane smith",
        "摄影 A man walks in the rain",
    ],
)
@pytest.mark.parametrize("tag", ["p", "h2"])
def test_a_role_before_a_word_that_is_no_name_stays_text(line: str, tag: str) -> None:
    body = sinaparse.parse_body(f"<{tag}>{line}</{tag}>" + paragraph("正文。"))
    assert (body.paragraphs, body.credits) == ((line, "正文。"), ())


@pytest.mark.parametrize(
    ("line", "credits"),
    [
        ("记者 高健", (Credit("记者", "高健"),)),
        ("文丨李四", (Credit("文", "李四"),)),
        ("（驻京记者 宋华）", (Credit("驻京记者", "宋华"),)),
        ("作者：Jane Smith", (Credit("作者", "Jane Smith"),)),
        ("作者 Ludwig van Beethoven", (Credit("作者", "Ludwig van Beethoven"),)),
        ("摄影 新华社记者 李贺", (Credit("摄影 新华社记者", "李贺"),)),
        ("编译 王五", (Credit("编译", "王五"),)),
        # A name that starts as a heading's word does (观察者网), or whose surname is one (简).
        ("文 观察者网 杨蓉", (Credit("文", "观察者网"), Credit("文", "杨蓉"))),
        ("记者 简介明", (Credit("记者", "简介明"),)),
        ("作者：jane", (Credit("作者", "jane"),)),
    ],
)
def test_a_byline_whose_names_look_like_names_is_read(
    line: str, credits: tuple[Credit, ...]
) -> None:
    body = sinaparse.parse_body(paragraph(line) + paragraph("正文。"))
    assert (body.paragraphs, body.credits) == (("正文。",), credits)
