"""How a body's markup becomes blocks, paragraphs, pictures and stocks."""

from __future__ import annotations

import attrs
import pytest

import sinaparse
from sinaparse import Cell, Credit, Figure, Heading, Image, Paragraph, Quote, Stock, Table

from .posts import paragraph

IMG = "https://n.sinaimg.cn/sinakd2021/w640h387/a.jpg"


def test_text_is_trimmed_and_whitespace_runs_collapse_but_nothing_else_changes() -> None:
    body = sinaparse.parse_body(
        "<p>\u3000\u3000第一句，\n  第二句；\u00a0\u00a0ＡＢＣ　全角　空格 -1.83 %\u3000</p>"
    )
    assert body.paragraphs == ("第一句， 第二句； ＡＢＣ　全角　空格 -1.83 %",)


def test_inline_markup_stays_inside_its_paragraph() -> None:
    html = paragraph(
        '甲<font cms-style="font-L strong-Bold">乙</font><span><a href="x">丙</a></span>丁'
    )
    body = sinaparse.parse_body(html)
    assert body.blocks == (Paragraph("甲乙丙丁"),)


def test_br_separates_paragraphs() -> None:
    body = sinaparse.parse_body("<div>一行<br>二行<br/><br>三行</div>")
    assert body.paragraphs == ("一行", "二行", "三行")


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(
            paragraph('<font cms-style="font-L strong-Bold">小标题</font>'), id="bold-font"
        ),
        pytest.param('<p cms-style="font-L strong-Bold">\u3000\u3000小标题</p>', id="bold-p"),
        pytest.param("<p><strong>小标</strong><b>题</b></p>", id="strong-and-b"),
        pytest.param('<p style="font-weight: bold">小标题</p>', id="style"),
        pytest.param("<h2>小标题</h2>", id="h2"),
    ],
)
def test_an_all_bold_paragraph_is_a_heading(html: str) -> None:
    body = sinaparse.parse_body(html + paragraph("正文。"))
    assert body.blocks == (Heading("小标题"), Paragraph("正文。"))
    assert body.paragraphs == ("小标题", "正文。")


def test_a_partly_bold_paragraph_is_a_paragraph() -> None:
    html = paragraph('前言<font cms-style="font-L strong-Bold">加粗</font>')
    assert sinaparse.parse_body(html).blocks == (Paragraph("前言加粗"),)


def test_image_wrapper_with_caption() -> None:
    html = f'<div class="img_wrapper"><img src="{IMG}" alt="图"><span class="img_descr">说明</span></div>'
    body = sinaparse.parse_body(paragraph("前。") + html + paragraph("后。"))
    image = Image(url=IMG, alt="图", caption="说明", width=640, height=387)
    assert body.blocks == (Paragraph("前。"), Figure(image), Paragraph("后。"))
    assert body.images == (image,)


def test_lazy_loading_attribute_wins_over_placeholder() -> None:
    html = f'<img src="data:image/gif;base64,R0lGOD" data-src="{IMG}">'
    assert [image.url for image in sinaparse.parse_body(html).images] == [IMG]


def test_unusable_pictures_never_become_images() -> None:
    html = '<img src="data:image/gif;base64,R0lGOD"><img src="javascript:x"><img src="">'
    assert sinaparse.parse_body(html).images == ()


def test_relative_image_without_base_url_is_dropped_with_a_warning() -> None:
    body = sinaparse.parse_body('<p>正文</p><img src="/a.jpg">')
    assert body.images == ()
    assert [code for code, _ in body.warnings] == ["image-relative-url"]
    options = sinaparse.ParseOptions(base_url="http://finance.sina.com.cn/x/y.shtml")
    based = sinaparse.parse_body('<img src="/a.jpg">', options=options)
    assert [image.url for image in based.images] == ["https://finance.sina.com.cn/a.jpg"]


def test_stock_links_stay_in_their_sentence_and_are_listed() -> None:
    html = (
        paragraph(
            '进口<span id="stock_sz000061"><a href="x">农产品</a></span><span id="quote_sz000061"></span>'
            '和<span id="usstock_CKHUY"><a>长和</a></span>。'
        )
        + "<!-- news_keyword_pub,stock,sz000061&bj838275 -->"
    )
    body = sinaparse.parse_body(html)
    assert body.paragraphs == ("进口农产品和长和。",)
    assert body.stocks == (
        Stock("sz", "000061", "农产品"),
        Stock("us", "CKHUY", "长和"),
        Stock("bj", "838275", None),
    )


def test_forex_keywords_are_not_stocks() -> None:
    assert sinaparse.parse_body("<p>x</p><!-- news_keyword_pub,forex, -->").stocks == ()


def test_table_becomes_a_table_block_not_paragraphs() -> None:
    html = (
        '<table class="tb01"><tr><th colspan="2">指标</th></tr>'
        '<tr><td rowspan="2">A</td><td>1.2%</td></tr></table>'
    )
    body = sinaparse.parse_body(paragraph("前。") + html)
    assert body.paragraphs == ("前。",)
    assert body.blocks[1] == Table(
        ((Cell("指标", colspan=2, header=True),), (Cell("A", rowspan=2), Cell("1.2%")))
    )


def test_content_blockquote_is_a_quote_and_its_text_is_kept() -> None:
    body = sinaparse.parse_body("<blockquote><p>引文一</p><p>引文二</p></blockquote>")
    assert body.blocks == (Quote(("引文一", "引文二")),)
    assert body.paragraphs == ("引文一", "引文二")


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n",
        "<div>   </div>",
        "<!-- only a comment -->",
        '<div class="article" id="article"></div>',  # a deleted article
        '<div class="video-2017"><p>视频加载中</p></div>',  # only a video stub
        "<p>\u3000</p><br><p></p>",
    ],
)
def test_empty_bodies_give_an_empty_body_that_says_so(html: str) -> None:
    body = sinaparse.parse_body(html)
    assert attrs.evolve(body, warnings=()) == sinaparse.Body()
    assert [code for code, _ in body.warnings] == ["body-empty"]


def test_a_body_with_only_a_picture_is_not_empty() -> None:
    body = sinaparse.parse_body('<p><img src="https://n.sinaimg.cn/a.jpg"></p>')
    assert body.warnings == ()


def test_table_caption_is_kept_on_the_table() -> None:
    html = "<table><caption>表1 利润</caption><tr><td>A</td></tr></table>"
    (table,) = sinaparse.parse_body(html).blocks
    assert table == Table(((Cell("A"),),), caption="表1 利润")


def test_an_empty_nested_stock_span_is_named_from_its_link() -> None:
    html = paragraph(
        '<span id="stock_sh000300"><a href="https://finance.sina.com.cn/realstock/company/sh000300/nc.shtml">'
        '<span id="stock_sz399300"></span></a>'
        '<a href="https://finance.sina.com.cn/realstock/company/sz399300/nc.shtml">沪深300指数</a></span>上涨'
    )
    body = sinaparse.parse_body(html)
    assert body.paragraphs == ("沪深300指数上涨",)
    # Both are linked: the outer span holds a link to its own code too.
    assert body.stocks == (
        Stock("sh", "000300", "沪深300指数", linked=True),
        Stock("sz", "399300", "沪深300指数", linked=True),
    )


@pytest.mark.parametrize(
    "line", ["21世纪经济报道记者 陈洁 广州报道", "一是加快产业升级；", "所以，这并没有。"]
)
def test_all_bold_bylines_and_prose_are_paragraphs_not_headings(line: str) -> None:
    html = paragraph(f'<font cms-style="font-L strong-Bold">{line}</font>')
    assert sinaparse.parse_body(html).blocks == (Paragraph(line),)


@pytest.mark.parametrize(
    ("line", "credits"),
    [
        ("► 文 观察者网 杨蓉", (Credit("文", "观察者网"), Credit("文", "杨蓉"))),
        ("记者 辛圆", (Credit("记者", "辛圆"),)),
    ],
)
def test_an_all_bold_credit_line_is_credits_not_a_heading(
    line: str, credits: tuple[Credit, ...]
) -> None:
    html = paragraph(f'<font cms-style="font-L strong-Bold">{line}</font>')
    body = sinaparse.parse_body(html)
    assert (body.blocks, body.credits) == ((), credits)


def test_divider_lines_are_dropped() -> None:
    body = sinaparse.parse_body(paragraph("一") + paragraph("━━━━━") + paragraph("二"))
    assert body.paragraphs == ("一", "二")
