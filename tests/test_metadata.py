"""The metadata lines in all their spellings go to their fields, not to the text."""

from __future__ import annotations

import pytest

import sinaparse
from sinaparse import Credit

from .posts import paragraph


@pytest.mark.parametrize(
    ("html", "original_title"),
    [
        pytest.param(paragraph("原标题：真标题"), "真标题", id="colon"),
        pytest.param(paragraph("原标题:真标题"), "真标题", id="ascii-colon"),
        pytest.param(paragraph("原标题 真标题"), "真标题", id="space"),
        pytest.param(
            '<p class="ori_titlesource">\u3000\u3000原标题：真标题</p>', "真标题", id="p-class"
        ),
        pytest.param(
            paragraph("<font cms-style='font-L strong-Bold'>原标题：真标题</font>"),
            "真标题",
            id="bold",
        ),
        pytest.param(paragraph("（原标题：真标题）"), "真标题", id="brackets-alone"),
    ],
)
def test_original_title_line(html: str, original_title: str) -> None:
    body = sinaparse.parse_body(html + paragraph("正文。"))
    assert body.original_title == original_title
    assert body.paragraphs == ("正文。",)


def test_original_title_in_brackets_at_the_end_of_a_paragraph() -> None:
    body = sinaparse.parse_body(paragraph("正文。") + paragraph("最后一段。（原标题：真标题）"))
    assert body.original_title == "真标题"
    assert body.paragraphs == ("正文。", "最后一段。")


def test_original_title_and_source_on_one_line() -> None:
    body = sinaparse.parse_body(paragraph("原标题：真标题 来源：新华社") + paragraph("正文。"))
    assert (body.original_title, body.source) == ("真标题", "新华社")
    assert body.paragraphs == ("正文。",)


@pytest.mark.parametrize("separator", ["：", ":", "丨", "|", "｜", "： "])
def test_source_line(separator: str) -> None:
    body = sinaparse.parse_body(paragraph(f"来源{separator}新京报") + paragraph("正文。"))
    assert body.source == "新京报"
    assert body.paragraphs == ("正文。",)


def test_only_the_first_source_line_is_metadata() -> None:
    body = sinaparse.parse_body(paragraph("来源：甲") + paragraph("来源：乙"))
    assert body.source == "甲"
    assert body.paragraphs == ("来源：乙",)


def test_a_sentence_mentioning_a_source_is_text() -> None:
    body = sinaparse.parse_body(
        paragraph("从来源地看，投资增长。") + paragraph("封面图片来源：新华社")
    )
    assert body.source is None
    assert body.paragraphs == ("从来源地看，投资增长。",)
    # A picture's 来源 is no source of the article: a credit of its picture.
    assert body.credits == (Credit("封面图片来源", "新华社"),)


@pytest.mark.parametrize(
    ("html", "editor"),
    [
        pytest.param('<p class="article-editor">责任编辑：王翔 </p>', "王翔", id="article-editor"),
        pytest.param(
            '<p class="article-editor">责任编辑：刘万里 SF014</p>', "刘万里", id="work-code"
        ),
        pytest.param('<p class="show_author">责任编辑：刘德宾 </p>', "刘德宾", id="show-author"),
        pytest.param(paragraph("责任编辑：张三"), "张三", id="plain-line"),
        pytest.param('<p class="article-editor"></p>', None, id="empty"),
    ],
)
def test_editor(html: str, editor: str | None) -> None:
    body = sinaparse.parse_body(paragraph("正文。") + html)
    assert body.editor == editor
    assert body.paragraphs == ("正文。",)
