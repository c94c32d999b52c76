"""The ad slots Sina's ad script fills in (``ins.sinaads``) are no part of a
browser-saved page's article, in whatever shape the script left them."""

from __future__ import annotations

import pytest

import sinaparse

from .posts import make_page, paragraph

BANNER = '<a href="https://sax.sina.com.cn/click?x"><img src="https://d1.sina.com.cn/201905/ad_banner.jpg"></a>'
SLOTS = [
    f'<ins class="sinaads" data-ad-pdps="PDPS000000057150"><ins>{BANNER}</ins></ins>',
    f'<ins class="sinaads sinaads-done" data-ad-pdps="PDPS0001"><ins style="display:block">{BANNER}</ins></ins>',
    f'<ins class=" sinaads " data-ad-pdps="x">{BANNER}<span>广告</span></ins>',
    f'<p>\u3000\u3000<ins class="sinaads">{BANNER}</ins></p>',
    f'<div class="img_wrapper"><ins class="sinaads">{BANNER}</ins></div>',
]


@pytest.mark.parametrize("slot", SLOTS)
def test_a_filled_ad_slot_gives_no_picture_or_text(slot: str) -> None:
    page = make_page(paragraph("正文前。") + slot + paragraph("正文后。"))
    article = sinaparse.parse_page(page)
    assert article.paragraphs == ("正文前。", "正文后。")
    assert article.images == ()
    assert sinaparse.explain(page, kind="page").removals


def test_a_class_that_only_starts_like_it_stays() -> None:
    page = make_page(
        paragraph("正文前。") + '<ins class="sinaadsx">插入的字</ins>' + paragraph("正文后。")
    )
    assert "插入的字" in sinaparse.parse_page(page).text
