"""Credit lines: roles and names go to ``credits``; the source and the editor keep only theirs."""

from __future__ import annotations

import pytest

import sinaparse
from sinaparse import Credit

from .posts import paragraph


@pytest.mark.parametrize(
    ("line", "editor", "credits"),
    [
        ("责任编辑：李明 主编：王芳", "李明", (Credit("主编", "王芳"),)),
        ("责任编辑:李明  校对:赵六", "李明", (Credit("校对", "赵六"),)),
        ("责任编辑：刘万里 SF014 审核：张三", "刘万里", (Credit("审核", "张三"),)),
        (
            "责任编辑：李明\u3000监制\u3000周七 策划丨吴八",
            "李明",
            (Credit("监制", "周七"), Credit("策划", "吴八")),
        ),
        ("【责任编辑：王翔】", "王翔", ()),
    ],
)
def test_an_editor_line_gives_the_editor_and_the_other_credits(
    line: str, editor: str, credits: tuple[Credit, ...]
) -> None:
    body = sinaparse.parse_body(paragraph("正文。") + paragraph(line))
    assert (body.editor, body.credits, body.paragraphs) == (editor, credits, ("正文。",))


@pytest.mark.parametrize("element", ["p class='article-editor'", "p class='show_author'"])
def test_sinas_editor_element_gives_its_other_credits_too(element: str) -> None:
    body = sinaparse.parse_body(f"<p>正文。</p><{element}>责任编辑：李明 主编：王芳</p>")
    assert (body.editor, body.credits) == ("李明", (Credit("主编", "王芳"),))


@pytest.mark.parametrize(
    ("line", "source", "credits"),
    [
        (
            "来源：人民日报  作者：李四  摄影：王五",
            "人民日报",
            (Credit("作者", "李四"), Credit("摄影", "王五")),
        ),
        ("来源丨澎湃新闻 记者 张三", "澎湃新闻", (Credit("记者", "张三"),)),
        ("来源: 新京报 | 编辑: 赵六", "新京报", (Credit("编辑", "赵六"),)),
        # Nothing after the source is a credit: it stays whole.
        ("来源：经济日报（ID：jjrbwx）", "经济日报（ID：jjrbwx）", ()),
        ("来源：北青Qnews（北京青年报记者 张月朦）", "北青Qnews（北京青年报记者 张月朦）", ()),
        ("来源：中国新闻网 文 图", "中国新闻网 文 图", ()),
    ],
)
def test_a_source_line_gives_the_source_and_the_other_credits(
    line: str, source: str, credits: tuple[Credit, ...]
) -> None:
    body = sinaparse.parse_body(paragraph(line) + paragraph("正文。"))
    assert (body.source, body.credits) == (source, credits)


@pytest.mark.parametrize(
    ("line", "credits"),
    [
        ("记者 高健", (Credit("记者", "高健"),)),
        ("（驻京记者 宋华）", (Credit("驻京记者", "宋华"),)),
        ("文丨吕立勤", (Credit("文", "吕立勤"),)),
        ("文/王五", (Credit("文", "王五"),)),
        ("文 | 吴晓薇", (Credit("文", "吴晓薇"),)),
        ("摄影／王五", (Credit("摄影", "王五"),)),
        ("【作者：赵子健】", (Credit("作者", "赵子健"),)),
        ("记者\u3000张三、李四", (Credit("记者", "张三"), Credit("记者", "李四"))),
        ("作者：Jack Ma", (Credit("作者", "Jack Ma"),)),
        ("作者：见习记者,李莎", (Credit("作者 见习记者", "李莎"),)),
        (
            "（作者：谢珍，设计张佳俊 编辑：丁青云）",
            (Credit("作者", "谢珍"), Credit("设计", "张佳俊"), Credit("编辑", "丁青云")),
        ),
        ("► 文 观察者网 杨蓉", (Credit("文", "观察者网"), Credit("文", "杨蓉"))),
    ],
)
def test_a_byline_paragraph_leaves_the_text_for_credits(
    line: str, credits: tuple[Credit, ...]
) -> None:
    body = sinaparse.parse_body(paragraph(line) + paragraph("正文。"))
    assert (body.paragraphs, body.credits) == (("正文。",), credits)


@pytest.mark.parametrize(
    "line",
    [
        "记者从民航局获悉，今年客运量回升。",  # prose that starts with a role word
        "记者 蒋树林：这里是正在举行的故宫宫灯展。",
        "记者 张龙 摄",  # a photo caption
        "记者 王悦 徐芸茜 北京报道",  # a place: kept as written
        "图自 中国长安网",
        "作者简介",
        "文丽说",
        "校对|",  # a role without a name
        "作者：余源（andyy1988@126.com）",
        "【文/观察者网 王慧】3月15日，国民经济“成绩单”出炉。",  # a byline inside prose
    ],
)
def test_a_line_that_is_not_only_credits_stays_text(line: str) -> None:
    body = sinaparse.parse_body(paragraph(line))
    assert (body.paragraphs, body.credits) == ((line,), ())


def test_a_editor_in_a_byline_is_the_editor_when_no_line_names_one() -> None:
    body = sinaparse.parse_body(paragraph("正文。") + paragraph("记者 张三 责任编辑 李四"))
    assert (body.editor, body.credits) == ("李四", (Credit("记者", "张三"),))


def test_credits_round_trip_and_old_data_without_them_reads_empty() -> None:
    body = sinaparse.parse_body(paragraph("记者 高健") + paragraph("正文。"))
    data = body.to_dict()
    assert data["credits"] == [{"role": "记者", "name": "高健"}]
    assert sinaparse.Body.from_dict(data) == body
    del data["credits"]
    assert sinaparse.Body.from_dict(data).credits == ()
