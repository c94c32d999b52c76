"""Each rule of the boilerplate catalogue, on the markup it exists for."""

from __future__ import annotations

import pickle

import attrs
import pytest

import sinaparse
from sinaparse import DEFAULT_BOILERPLATE, DEFAULT_OPTIONS, BoilerplateRule

from .posts import make_post, paragraph

QR = "https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png"

# One real-shaped example per default rule, keyed by the rule's reason.
EXAMPLES = {
    "CSS of Sina's widgets (QR and 开户 blocks)": "<style>.appendQr_wrap{border:1px}</style>",
    "video player and widget scripts": "<script>SINA_TEXT_PAGE_INFO['videoDatas0'] = {};</script>",
    "新浪财经APP QR code block": (
        f'<div class="clearfix appendQr_wrap"><div class="appendQr_normal"><img src="{QR}"></div>'
        '<div class="appendQr_normal_txt">海量资讯、精准解读，尽在新浪财经APP</div></div>'
    ),
    "开户 (open an account) promo": (
        '<div class="app-kaihu-qr"><span>年终理财爆款福利</span><img src="https://n.sinaimg.cn/k.png"></div>'
    ),
    "下载新浪财经APP promo quote": (
        '<blockquote class="fincon_sfapp_pro"><p>下载新浪财经APP，看实时行情</p></blockquote>'
    ),
    "金麒麟 / 研报 link list": (
        '<blockquote><p class="jqlblock_cls"><a href="https://www.sinadaxue.cn/">投资研报</a></p>'
        "</blockquote>"
    ),
    "相关新闻 related links": (
        '<blockquote class="fin_reference"><p><a href="x">另一篇相关报道</a></p></blockquote>'
    ),
    "点击进入专题 topic links (sina.cn)": (
        '<div class="wap_special"><a href="x" class="tlt">点击进入专题：</a><a>疫情</a></div>'
    ),
    "video player stub, empty without its script": (
        '<div class="video-2017" id="videoList0" style><div class="play-video-area">视频</div></div>'
    ),
    "promo and divider pictures Sina marks itself": (
        '<p><img src="https://mmbiz.qpic.cn/mmbiz_png/x/640" black-list="y"></p>'
    ),
    "stock links outside any sentence: the list of the article's stocks": (
        '<span id="stock_sz000061"><a href="x">农产品</a></span>'
    ),
    "相关新闻 related-link lines without their blockquote": (
        '<p>\u3000\u3000相关新闻：<a href="https://finance.sina.com.cn/x.shtml">另一篇报道</a></p>'
    ),
    "not rendered: hidden elements": (
        '<a class="originUrl" hidden href="x">查看知乎原文</a><div style="display: none">隐藏</div>'
    ),
    "inline video link widget (older pages)": (
        '<span class="contentPlayer"><span class="cp_tit"><a href="x">进球视频</a></span>'
        '<span class="cp_from">媒体来源：新浪体育</span></span>'
    ),
    "(微博) links Sina's auto-linker adds after names (older pages)": (
        '<a href="http://weibo.com/fussballnews?zw=sports">(微博)</a>'
    ),
}


def test_every_default_rule_has_an_example_here() -> None:
    assert {rule.reason for rule in DEFAULT_BOILERPLATE} == set(EXAMPLES)


@pytest.mark.parametrize("rule", DEFAULT_BOILERPLATE, ids=lambda rule: rule.reason)
def test_rule_removes_its_boilerplate_and_keeps_the_article(rule: BoilerplateRule) -> None:
    html = paragraph("正文前。") + EXAMPLES[rule.reason] + paragraph("正文后。")
    body = sinaparse.parse_body(html)
    assert body.paragraphs == ("正文前。", "正文后。")
    assert body.images == ()


@pytest.mark.parametrize("rule", DEFAULT_BOILERPLATE, ids=lambda rule: rule.reason)
def test_without_the_rule_the_example_would_leak(rule: BoilerplateRule) -> None:
    """Each rule is needed: the catalogue without it lets its example through."""
    others = tuple(other for other in DEFAULT_BOILERPLATE if other is not rule)
    options = attrs.evolve(DEFAULT_OPTIONS, boilerplate=others)
    html = paragraph("正文前。") + EXAMPLES[rule.reason] + paragraph("正文后。")
    body = sinaparse.parse_body(html, options=options)
    assert body.paragraphs != ("正文前。", "正文后。") or body.images != ()


def test_inline_boilerplate_leaves_its_sentence_whole() -> None:
    html = paragraph(
        '德甲<a href="http://weibo.com/x">(微博)</a>第29轮，劳尔拨<span class="contentPlayer"><a>视频</a></span>给了队友'
    )
    assert sinaparse.parse_body(html).paragraphs == ("德甲第29轮，劳尔拨给了队友",)


def test_text_after_removed_boilerplate_stays() -> None:
    body = sinaparse.parse_body("<div>前<style>x{}</style>后</div>")
    assert body.paragraphs == ("前后",)


def test_comments_are_removed_even_inside_paragraphs() -> None:
    html = paragraph('甲<!--article_adlist[<p cms-style="font-L">推广</p>]article_adlist-->乙')
    assert sinaparse.parse_body(html).paragraphs == ("甲乙",)


def test_a_user_rule_extends_the_catalogue() -> None:
    extra = BoilerplateRule(".//p[contains(., '广告')]", "a site's own advertising lines")
    options = attrs.evolve(DEFAULT_OPTIONS, boilerplate=(*DEFAULT_BOILERPLATE, extra))
    html = paragraph("正文。") + paragraph("这是广告。")
    assert sinaparse.parse_body(html, options=options).paragraphs == ("正文。",)
    assert sinaparse.parse_body(html).paragraphs == ("正文。", "这是广告。")


def test_head_image_that_is_boilerplate_is_dropped_with_a_warning() -> None:
    post = make_post(paragraph("正文。") + EXAMPLES["新浪财经APP QR code block"], headimg=f"'{QR}'")
    article = sinaparse.parse(post)
    assert article.head_image is None
    assert article.thumbnail is None
    assert [code for code, _ in article.warnings] == ["head-image-boilerplate"] * 2


def test_a_rule_whose_required_text_is_absent_is_not_evaluated() -> None:
    # The selector would match; the pre-check says it cannot, so it is skipped.
    rule = BoilerplateRule("descendant::p", "every paragraph", requires=("never-in-this-body",))
    options = attrs.evolve(DEFAULT_OPTIONS, boilerplate=(rule,))
    assert sinaparse.parse_body(paragraph("正文。"), options=options).paragraphs == ("正文。",)
    present = attrs.evolve(rule, requires="正文")
    assert present.requires == ("正文",)
    options = attrs.evolve(DEFAULT_OPTIONS, boilerplate=(present,))
    assert sinaparse.parse_body(paragraph("正文。"), options=options).paragraphs == ()


@pytest.mark.parametrize("rule", DEFAULT_BOILERPLATE, ids=lambda rule: rule.reason)
def test_each_default_rule_requires_text_its_example_holds(rule: BoilerplateRule) -> None:
    assert not rule.requires or any(needle in EXAMPLES[rule.reason] for needle in rule.requires)


@attrs.frozen
class _PromoRule(BoilerplateRule):
    """A user's own kind of rule, with a field of its own."""

    promo_class: str = "my-promo"


def test_options_and_rules_pickle_and_still_select_after_the_trip() -> None:
    custom = _PromoRule("descendant::div[@class='my-promo']", "a promo of my site", "my-promo")
    options = attrs.evolve(
        DEFAULT_OPTIONS, boilerplate=(*DEFAULT_OPTIONS.boilerplate, custom), default_tz="UTC"
    )
    post = make_post(paragraph("正文") + '<div class="my-promo">推广</div>')

    travelled = pickle.loads(pickle.dumps(options))

    assert travelled == options
    assert type(travelled.boilerplate[-1]) is _PromoRule
    assert travelled.boilerplate[-1].promo_class == "my-promo"
    assert sinaparse.parse(post, options=travelled).paragraphs == ("正文",)
    assert pickle.loads(pickle.dumps(DEFAULT_OPTIONS)) == DEFAULT_OPTIONS
