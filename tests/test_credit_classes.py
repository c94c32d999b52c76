"""Credit lines of every length read in linear time, and what is no credit stays
text: brackets, 来源, a work code after anyone but the editor, a photo caption."""

from __future__ import annotations

import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import Credit
from sinaparse._body.credits import (
    BRACKETS,
    INVISIBLE,
    ROLES,
    read_credit_line,
    role_of,
    split_credits,
)

from .posts import paragraph

_SECONDS = 1.0  # each of these took 5 to 40 s before credits were read in one pass
_HUNDRED_KB = 100_000


def _editor_paragraph(text: str) -> str:
    return paragraph(f"责任编辑：{text}")


def _editor_element(text: str) -> str:
    return f'<p>正文。</p><p class="article-editor">责任编辑：{text}</p>'


def _show_author(text: str) -> str:
    return f'<p>正文。</p><p class="show_author">{text}</p>'


@pytest.mark.parametrize("form", [_editor_paragraph, _editor_element, _show_author])
@pytest.mark.parametrize(
    "unit",
    ["编辑 ", "本报记者 ", "编辑 张三 ", "李明 编辑 张三 ", "作者：见习记者，", "编辑 编辑 张三 "],
)
def test_an_editor_line_of_100_kb_is_read_within_a_second(form: object, unit: str) -> None:
    text = "李明 " + unit * (_HUNDRED_KB // (len(unit) * 3)) + "!!"
    assert callable(form)
    start = time.perf_counter()
    body = sinaparse.parse_body(form(text))
    assert time.perf_counter() - start < _SECONDS
    # Nothing is lost: what is no credit stays in the editor's name.
    assert body.editor is not None
    assert body.editor.endswith("!!")


@pytest.mark.parametrize("unit", ["编辑 ", "本报记者 ", "编辑 张三 "])
def test_split_credits_reads_twice_the_text_in_about_twice_the_time(unit: str) -> None:
    def seconds(count: int) -> float:
        text = "李明 " + unit * count + "!!"
        start = time.perf_counter()
        for _ in range(3):
            split_credits(text)
        return time.perf_counter() - start

    seconds(500)  # warm up
    small, large = seconds(4000), seconds(8000)
    assert large < 4 * small + 0.05  # linear: about 2x; the quadratic reading was 4x, cubic 8x


@pytest.mark.parametrize(
    ("line", "source", "credits"),
    [
        ("原标题：标题 来源：人民日报 作者：李四", "人民日报", (Credit("作者", "李四"),)),
        ("原标题：标题 来源：新华社 记者 张三 编辑 李四", "新华社", (Credit("记者", "张三"), Credit("编辑", "李四"))),
        ("原标题：标题 来源：经济日报（ID：jjrbwx）", "经济日报（ID：jjrbwx）", ()),
    ],
)  # fmt: skip
def test_the_source_after_an_original_title_gives_its_credits(
    line: str, source: str, credits: tuple[Credit, ...]
) -> None:
    body = sinaparse.parse_body(paragraph(line) + paragraph("正文。"))
    assert (body.original_title, body.source, body.credits) == ("标题", source, credits)


@pytest.mark.parametrize(
    ("html", "source", "paragraphs"),
    [
        (paragraph("来源：新华社") + paragraph("原标题：标题 来源：人民日报 作者：李四"), "新华社", ("来源：人民日报 作者：李四",)),
        (paragraph("来源：新华社") + paragraph("责任编辑：李明 来源：人民日报"), "新华社", ("来源：人民日报",)),
        (paragraph("原标题：标题") + paragraph("原标题：乙 来源：人民日报"), "人民日报", ()),
    ],
)  # fmt: skip
def test_a_source_after_a_title_or_an_editor_is_never_lost(
    html: str, source: str, paragraphs: tuple[str, ...]
) -> None:
    body = sinaparse.parse_body(html)
    assert (body.source, body.paragraphs) == (source, paragraphs)


@pytest.mark.parametrize(
    ("line", "editor", "source", "credits"),
    [
        ("责任编辑：李明 来源：人民日报", "李明", "人民日报", ()),
        ("责任编辑：李明 主编：王芳 来源：新华社", "李明", "新华社", (Credit("主编", "王芳"),)),
        ("责任编辑：李明 SF014 来源丨澎湃新闻 记者 张三", "李明", "澎湃新闻", (Credit("记者", "张三"),)),
    ],
)  # fmt: skip
@pytest.mark.parametrize("as_element", [False, True])
def test_a_source_after_the_editor_is_the_source(
    line: str, editor: str, source: str, credits: tuple[Credit, ...], as_element: bool
) -> None:
    html = f'<p class="article-editor">{line}</p>' if as_element else paragraph(line)
    body = sinaparse.parse_body(paragraph("正文。") + html)
    assert (body.editor, body.source, body.credits) == (editor, source, credits)
    assert body.paragraphs == ("正文。",)


def test_a_later_source_after_the_editor_stays_text_or_a_warning() -> None:
    line = (
        paragraph("来源：人民日报") + paragraph("正文。") + paragraph("责任编辑：李明 来源：新华社")
    )
    body = sinaparse.parse_body(line)
    assert (body.source, body.editor, body.paragraphs) == (
        "人民日报",
        "李明",
        ("正文。", "来源：新华社"),
    )
    element = (
        paragraph("来源：人民日报")
        + paragraph("正文。")
        + '<p class="article-editor">责任编辑：李明 来源：新华社</p>'
    )
    body = sinaparse.parse_body(element)
    assert (body.source, body.editor) == ("人民日报", "李明")
    assert [code for code, _ in body.warnings] == ["extra-source"]


@pytest.mark.parametrize(
    ("line", "credits"),
    [
        ("（记者 张三）（记者 李四）", (Credit("记者", "张三"), Credit("记者", "李四"))),
        ("【记者 张三】 (编辑 李四)", (Credit("记者", "张三"), Credit("编辑", "李四"))),
        ("[驻京记者 宋华]", (Credit("驻京记者", "宋华"),)),
    ],
)
def test_bracketed_bylines_are_read_group_by_group(line: str, credits: tuple[Credit, ...]) -> None:
    body = sinaparse.parse_body(paragraph(line) + paragraph("正文。"))
    assert (body.credits, body.paragraphs) == (credits, ("正文。",))


@pytest.mark.parametrize(
    "line",
    [
        "(记者 张三",  # an unclosed bracket
        "记者 张三）",
        "（记者 张三）（记者",
        "驻京)记者 张三",
        "【主编 王芳",
        "编辑 李明 ）责任编辑 王芳",
        "记者 来源",  # 来源 is no name
        "记者 记者来源",
        "主编 主编来源 王芳",
        "记者 张三 SF014",  # a work code after anyone but the editor
        "编辑：张三 SF014",
        "记者 张三摄",  # a photo caption
        "记者 张三 李四摄",
    ],
)
def test_a_line_with_no_credit_reading_stays_text(line: str) -> None:
    body = sinaparse.parse_body(paragraph(line))
    assert (body.paragraphs, body.credits) == ((line,), ())


@given(
    st.sampled_from(ROLES),
    st.text(alphabet="驻京本报新华社（）()【】[]「」!·.,-0123", min_size=1, max_size=4),
)
def test_a_role_is_a_role_word_with_a_cjk_or_latin_qualifier(role: str, qualifier: str) -> None:
    found = role_of(qualifier + role)
    if any(not (mark.isalpha()) for mark in qualifier):
        assert found is None
    elif found is not None:
        assert found == qualifier + role


@given(st.text(alphabet="记者编辑主编来源张三李四 （）()〔〕［］〖〗：﹕∶丨\u200b", max_size=30))
def test_no_credit_holds_a_bracket_and_no_name_is_a_role_or_a_source(line: str) -> None:
    marks = {mark for pair in BRACKETS for mark in pair} | set(INVISIBLE)
    for credit in read_credit_line(line) or ():
        assert not set(credit.role + credit.name) & marks
        assert role_of(credit.name) is None
        assert "来源" not in credit.name


def test_an_editor_with_a_title_is_the_editor_and_the_title_a_credit() -> None:
    for html in (
        paragraph("责任编辑：主编：王芳"),
        '<p class="article-editor">责任编辑：主编：王芳</p>',
    ):
        body = sinaparse.parse_body(paragraph("正文。") + html)
        assert (body.editor, body.credits) == ("王芳", (Credit("主编", "王芳"),))


def test_the_editors_work_code_still_goes() -> None:
    body = sinaparse.parse_body(
        paragraph("正文。") + paragraph("责任编辑：刘万里 SF014 主编：王芳")
    )
    assert (body.editor, body.credits) == ("刘万里", (Credit("主编", "王芳"),))


def _every_start(text: str) -> tuple[str, tuple[Credit, ...]]:
    """split_credits as it read before: every role a start, each read to the end."""
    from sinaparse._body import credits

    tokens = credits._tokens(text)
    for number in range(1, len(tokens)):
        if role_of(tokens[number][0]) is not None:
            found, _ = credits._credits(text, tokens, number)
            if found is not None:
                return text[: tokens[number][1]].rstrip(credits._SEPARATORS), found
    return text, ()


_WORDS = ["记者", "编辑", "主编", "责任编辑", "见习记者", "文", "张三", "李四", "Jack", "Ma"]
_MORE_WORDS = [
    "SF014",
    "设计张佳俊",
    "!!",
    "来源",
    "摄",
    "北京报道",
    "简介",
    "编辑推荐",
    "is",
    "the",
]


@settings(max_examples=500)
@example([("记者", " "), ("记者", " "), ("责任编辑", " "), ("张三", " "), ("SF014", "")])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_WORDS + _MORE_WORDS), st.sampled_from([" ", "：", "、", "\u3000"])
        ),
        max_size=14,
    )
)
def test_the_one_pass_reading_finds_what_trying_every_start_finds(
    words: list[tuple[str, str]],
) -> None:
    text = "".join(word + separator for word, separator in words).strip()
    assert split_credits(text) == _every_start(text)
