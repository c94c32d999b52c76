"""A picture's caption is its caption, whatever markup carries it: Sina's
``span.img_descr``, sina.cn's ``h2.art_img_tit`` in a ``<figure>``, HTML's
``<figcaption>``. It is not a paragraph, nor a sub-heading."""

from __future__ import annotations

import pytest

import sinaparse
from sinaparse import Figure, Paragraph

PICTURE = "https://n.sinaimg.cn/finance/w630h420/a.jpg"
IMG = f'<img src="{PICTURE}">'


@pytest.mark.parametrize(
    "html",
    [
        f'<p>{IMG}</p><p><span class="img_descr">图为现场</span></p>',
        f'<p>{IMG}</p><p class="img_descr">图为现场</p>',
        f"<figure>{IMG}<figcaption>图为现场</figcaption></figure>",
        f'<figure class="art_img_mini j_p_gallery">{IMG}<h2 class="art_img_tit">图为现场</h2></figure>',
        (
            '<figure class="art_img_mini"><img class="art_img_mini_img" src="data:image/gif;base64,R0lG"'
            ' data-src="//n.sinaimg.cn/finance/w630h420/a.jpg"><h2 class="art_img_tit">图为现场</h2>'
            "</figure>"
        ),
        f"<div><figure>{IMG}<figcaption> 图为<b>现场</b> </figcaption></figure></div>",
    ],
)
def test_a_caption_after_its_picture_is_the_picture_caption(html: str) -> None:
    body = sinaparse.parse_body(html + "<p>正文。</p>")
    assert body.blocks[0] == Figure(
        sinaparse.Image(PICTURE, caption="图为现场", width=630, height=420)
    )
    assert body.paragraphs == ("正文。",)


@pytest.mark.parametrize(
    "caption",
    ["<figcaption>无图的说明</figcaption>", '<h2 class="art_img_tit">无图的说明</h2>'],
)
def test_a_caption_with_no_picture_before_it_is_still_text(caption: str) -> None:
    body = sinaparse.parse_body(f"<p>正文。</p>{caption}")
    assert body.paragraphs == ("正文。", "无图的说明")


def test_a_caption_that_holds_a_picture_is_walked_as_content() -> None:
    other = "https://n.sinaimg.cn/finance/b.jpg"
    body = sinaparse.parse_body(
        f'<figure>{IMG}<figcaption>图<img src="{other}"></figcaption></figure>'
    )
    assert [image.url for image in body.images] == [PICTURE, other]
    assert Paragraph("图") in body.blocks


def test_a_picture_keeps_the_caption_it_has() -> None:
    html = f'<p>{IMG}</p><p><span class="img_descr">一</span></p><figcaption>二</figcaption>'
    body = sinaparse.parse_body(html)
    assert body.images[0].caption == "一"
    assert body.paragraphs == ("二",)
