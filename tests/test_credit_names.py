"""A byline's name looks like a name; bylines come in every bracket, colon and
invisible mark Sina writes; the quick prechecks never skip a credit line."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import Credit
from sinaparse._body import credits as rules
from sinaparse._body.credits import BRACKETS, COLONS, INVISIBLE, read_credit_line

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


@pytest.mark.parametrize(
    "line",
    [
        "〔记者 张三〕",
        "［记者 张三］",
        "〖记者 张三〗",
        "记者﹕张三",  # U+FE55
        "记者∶张三",  # U+2236
        "\u200b记者 张三",
        "\ufeff记者：张三",
        "记者\u200d：张三",
        "〔\u2060记者∶张三〕",
    ],
)
def test_every_bracket_colon_and_invisible_mark_reads_as_a_byline(line: str) -> None:
    body = sinaparse.parse_body(paragraph(line) + paragraph("正文。"))
    assert (body.paragraphs, body.credits) == (("正文。",), (Credit("记者", "张三"),))


def test_bracketed_bylines_of_every_form_are_read_group_by_group() -> None:
    body = sinaparse.parse_body(paragraph("〔记者 张三〕［编辑﹕李四］") + paragraph("正文。"))
    assert body.credits == (Credit("记者", "张三"), Credit("编辑", "李四"))


@pytest.mark.parametrize(
    "line", ["\u200b责任编辑：张三", "\ufeff责任编辑：张三", "责任编辑﹕张三", "［责任编辑∶张三］"]
)
def test_an_editor_line_with_an_invisible_mark_or_another_colon_names_the_editor(
    line: str,
) -> None:
    body = sinaparse.parse_body(paragraph("正文。") + paragraph(line))
    assert (body.editor, body.paragraphs) == ("张三", ("正文。",))


def test_a_paragraph_with_no_metadata_keeps_its_invisible_marks() -> None:
    body = sinaparse.parse_body(paragraph("\u200b正文，来源不详。"))
    assert body.paragraphs == ("\u200b正文，来源不详。",)


def _full_rule(text: str) -> tuple[Credit, ...] | None:
    """read_credit_line without its prechecks (the first token, the opening
    bracket): every group cut in tokens and read."""
    if len(text) > rules._LONGEST_LINE:
        return None
    line = rules.visible(text).strip().lstrip(rules._BULLETS)
    groups = [line]
    if rules._BRACKET_GROUPS.fullmatch(line):
        groups = [group[1:-1].strip() for group in rules._BRACKET_GROUP.findall(line)]
    found: list[Credit] = []
    for group in groups:
        credits, _ = rules._credits(group, rules._tokens(group))
        if credits is None:
            return None
        found.extend(credits)
    return tuple(found)


_PIECES = [
    *("记者", "责任编辑", "驻京记者", "文", "图", "编辑", "张三", "李四", "简介", "推荐"),
    *("Jane", "is", "the", "SF014", "这是一段没有标点的很长的文字", "张"),
    *COLONS,
    *(" ", "\u3000", "丨", "／", "、", "►"),
    *(mark for pair in BRACKETS for mark in pair),
    *INVISIBLE,
]


@settings(max_examples=1000)
@example(["\u200b", "记者", "﹕", "张三"])
@example(["〔", "记者", " ", "张三", "〕", "［", "编辑", "∶", "李四", "］"])
@example(["\ufeff", "（", "记者", " ", "张三", "）"])
@example(["〔", "\u200b", "这是一段没有标点的很长的文字", "〕"])
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_the_prechecks_skip_only_lines_the_full_rule_does_not_read(pieces: list[str]) -> None:
    line = "".join(pieces)
    assert read_credit_line(line) == _full_rule(line)


@pytest.mark.parametrize("element", ["article-editor", "show_author"])
@pytest.mark.parametrize(("opening", "closing"), BRACKETS)
@pytest.mark.parametrize(
    ("line", "credits"),
    [
        ("责任编辑：李明", ()),
        ("责任编辑﹕李明 主编：王芳", (Credit("主编", "王芳"),)),
        ("\u200b责任编辑：李明", ()),
        ("编辑：李明", (Credit("编辑", "李明"),)),  # as 编辑：李明 without brackets
    ],
)
def test_a_bracketed_editor_element_gives_the_name_not_the_line(
    element: str, opening: str, closing: str, line: str, credits: tuple[Credit, ...]
) -> None:
    html = paragraph("正文。") + f'<p class="{element}">{opening}{line}{closing}</p>'
    body = sinaparse.parse_body(html)
    assert (body.editor, body.credits, body.paragraphs) == ("李明", credits, ("正文。",))


@pytest.mark.parametrize("as_element", [False, True])
def test_a_bracketed_editor_line_with_its_source_gives_both(as_element: bool) -> None:
    line = "（责任编辑：李明 来源：人民日报）"
    html = f'<p class="article-editor">{line}</p>' if as_element else paragraph(line)
    body = sinaparse.parse_body(paragraph("正文。") + html)
    assert (body.editor, body.source, body.paragraphs) == ("李明", "人民日报", ("正文。",))


@pytest.mark.parametrize(
    ("line", "rest"),
    [
        ("（责任编辑：李明）（本文仅代表作者观点）", ("（本文仅代表作者观点）",)),
        (
            "【责任编辑：李明】【风险提示：本文不构成投资建议】",
            ("【风险提示：本文不构成投资建议】",),
        ),
        (
            "【责任编辑：李明】以下为正文内容，央行今日宣布降准。",
            ("以下为正文内容，央行今日宣布降准。",),
        ),
        ("（责任编辑：李明 SF014）", ()),
    ],
)
def test_what_follows_a_bracketed_editor_line_stays_text(line: str, rest: tuple[str, ...]) -> None:
    body = sinaparse.parse_body(f"<p>正文。</p><p>{line}</p>")
    assert body.editor == "李明"
    assert body.paragraphs == ("正文。", *rest)
