"""Each rule of the boilerplate catalogue, on the markup it exists for."""

from __future__ import annotations

import pickle

import attrs
import pytest

import sinaparse
import sinaparse._body.html
from sinaparse import DEFAULT_BOILERPLATE, DEFAULT_OPTIONS, BoilerplateRule
from sinaparse.boilerplate import PAGE_BOILERPLATE

from .posts import make_post, paragraph
from .timing import growth

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
    "Sina's promo sentences (金麒麟 研报, 新浪财经APP) without their classes": (
        '<blockquote><p>炒股就看<a href="https://finance.sina.com.cn/x.shtml">金麒麟分析师研报</a>'
        "，权威，专业，及时，全面，助您挖掘潜力主题机会！</p></blockquote>"
    ),
    "links to Sina's promo targets (新浪大学 研报, the app's page) without their classes": (
        '<blockquote><p><a href="https://www.sinadaxue.cn/#/sina/classify/130">投资研报</a></p>'
        '<p><a href="https://www.sinadaxue.cn/#/sina/single/m97k">【硬核研报】磷资源已成</a></p>'
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
        '<p>\u3000\u3000此前报道：<a href="https://news.sina.com.cn/c/x.shtml">港媒报道</a>、'
        '<a href="https://news.sina.com.cn/c/y.shtml">续报</a></p>'
    ),
    "a related-links label on a line of its own (相关新闻：), and the link lines under it": (
        "<p>\u3000\u3000<strong>相关新闻：</strong></p>"
        '<p>\u3000\u3000<strong><a href="http://zhibo.sina.com.cn/x">直播发布会</a></strong></p>'
        '<p><a href="http://tech.sina.com.cn/zt_d/x/">发布会专题</a>\u3000</p>'
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


PROMO_RULES = tuple(rule for rule in DEFAULT_BOILERPLATE if rule.name.startswith("promo-"))


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
    """Each rule is needed: the catalogue without it lets its example through.

    The promo rules know the class rules' promos by their text and links too
    (that is their point): a class rule is needed where the text is not a
    known promo's, and is tested without the promo rules."""
    others = tuple(
        other
        for other in DEFAULT_BOILERPLATE
        if other is not rule and (rule in PROMO_RULES or other not in PROMO_RULES)
    )
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


# One real-shaped example per page rule (what a page's container holds beside its body).
PAGE_EXAMPLES = {
    "live quote after a stock link, filled in by a script (browser-saved pages)": (
        '<span id="quote_JPM">(<font color="green">115.395</font>, '
        '<font color="green">2.79</font>, <font color="green">2.47%</font>)</span>'
    ),
    "行情图: the template's market chart widget and its 热点栏目 links": (
        '<div class="ct_hqimg"><div class="hqimg_wrapper"><a href="x">'
        '<img src="http://image.sinajs.cn/newchart/v5/forex/k/day6/USDCNH.png"></a></div>'
        '<div class="hqimg_related"><div class="to_page"><span>热点栏目</span>'
        '<a href="x">资金流向</a></div><a class="hqimg_client" href="x">客户端</a></div></div>'
    ),
    "新浪众测 promo (tech pages; RSSHub drops it too)": (
        '<div class="tech-quotation clearfix"><div class="tech-con"><p>\u3000\u3000新酷产品'
        '第一时间免费试玩，快来<a href="x">新浪众测</a>吧~！</p></div></div>'
    ),
    "ad slot (RSSHub drops it too)": '<div id="left_hzh_ad"><a href="x">推广</a></div>',
    "Sina's ad slots, filled in by a script (browser-saved pages)": (
        '<div sax-type="proxy" class="j_native_opq240314 box" data-id="PDPS0001">'
        '<a href="x"><img src="https://d1.sina.com.cn/ad.jpg">广告</a></div>'
    ),
    "Sina's ad slots (ins.sinaads), filled in with a banner by its ad script"
    " (browser-saved pages)": (
        '<ins class="sinaads sinaads-done" data-ad-pdps="PDPS000000057150"><ins>'
        '<a href="https://sax.sina.com.cn/click?x"><img src="https://d1.sina.com.cn/201905/ad_banner.jpg">'
        "</a></ins></ins>"
    ),
    "the template's 新浪财经股吧 promo line": (
        '<div data-sudaclick="suda_1028_guba"><p>进入<a href="http://guba.sina.com.cn">'
        "【新浪财经股吧】</a>讨论</p></div>"
    ),
    "the older video player's controls and play list (its <video> is reported)": (
        '<div class="artical-player-wrap"><div class="a-p-hd"><div id="J_Article_Player"></div>'
        '<div class="a-p-info"><label><input type="checkbox">自动播放</label>'
        '<span id="J_Video_Source">视频标题</span></div></div><div class="a-p-bd">'
        '<div class="a-p-s-item"><span class="a-p-s-txt">视频标题</span></div></div></div>'
    ),
}


def _page(inner: str) -> str:
    return (
        '<html><head><meta charset="utf-8"></head><body><h1 class="main-title">标题</h1>'
        '<div class="date-source"><span class="date">2019年09月07日 04:04</span></div>'
        f'<div class="article" id="artibody">{inner}</div></body></html>'
    )


def test_every_page_rule_has_an_example_here() -> None:
    assert {rule.reason for rule in PAGE_BOILERPLATE} == set(PAGE_EXAMPLES)


@pytest.mark.parametrize("rule", PAGE_BOILERPLATE, ids=lambda rule: rule.reason)
def test_page_rule_removes_its_part_of_the_container_and_keeps_the_article(
    rule: BoilerplateRule,
) -> None:
    html = paragraph("正文前。") + PAGE_EXAMPLES[rule.reason] + paragraph("正文后。")
    article = sinaparse.parse_page(_page(html))
    assert article.paragraphs == ("正文前。", "正文后。")
    assert article.images == ()


@pytest.mark.parametrize("rule", PAGE_BOILERPLATE, ids=lambda rule: rule.reason)
def test_the_body_catalogue_alone_would_let_the_page_part_through(rule: BoilerplateRule) -> None:
    html = paragraph("正文前。") + PAGE_EXAMPLES[rule.reason] + paragraph("正文后。")
    body = sinaparse.parse_body(html)
    assert body.paragraphs != ("正文前。", "正文后。") or body.images != ()


def test_the_related_label_rule_costs_linear_work() -> None:
    """Label lines each followed by nine link lines: each line is read a bounded
    number of times (one sibling a step, eight steps at most)."""
    rule = next(r for r in DEFAULT_BOILERPLATE if r.reason.startswith("a related-links label"))
    block = "<p>相关新闻：</p>" + '<p><a href="x">链接</a></p>' * 9 + "<p>正文</p>"
    roots = {count: sinaparse._body.html.parse_html(block * count).root for count in (400, 800)}
    for count, root in roots.items():
        assert len(rule.select(root)) == 9 * count  # the label and eight lines under it
    assert growth(lambda count: rule.select(roots[count]), 400) < 3.0


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


# --- Promos known by their sentences and link targets ----------------------------------


@pytest.mark.parametrize(
    "promo",
    [
        pytest.param(
            "<blockquote><p>炒股就看<a href='https://finance.sina.com.cn/a.shtml'>金麒麟分析师研报"
            "</a>，权威，专业，及时，全面，助您挖掘潜力主题机会！</p></blockquote>",
            id="jinqilin-quote-linked",
        ),
        pytest.param(
            "<blockquote>\n<p>\u3000\u3000炒股就看金麒麟分析师研报，权威，专业，及时，全面。</p>\n"
            "</blockquote>",
            id="jinqilin-quote-short-form",
        ),
        pytest.param(
            "<p>\u3000\u3000炒股就看 金麒麟分析师研报 ，权威，专业，及时，全面，助您挖掘潜力主题机会！</p>",
            id="jinqilin-line-spaced",
        ),
        pytest.param(
            "<blockquote><p><a href='https://www.sinadaxue.cn/#/sina/classify/130'>投资研报</a></p>"
            "<p><a href='https://www.sinadaxue.cn/#/sina/single/m97k'>【硬核研报】磷资源已成</a></p>"
            "</blockquote>",
            id="research-link-list-without-class",
        ),
        pytest.param(
            "<div>海量资讯、精准解读，尽在新浪财经APP</div>", id="app-line-without-qr-class"
        ),
        pytest.param(
            "<p><a href='https://finance.sina.com.cn/mobile/comfinanceweb.shtml?source=x'>"
            "投资热点尽在新浪财经APP&gt;</a></p>",
            id="app-link",
        ),
        pytest.param(
            "<blockquote><p>下载新浪财经APP，了解全球实时汇率</p></blockquote>",
            id="app-download-quote",
        ),
        pytest.param("<p>下载新浪财经APP，查看更多资讯和大V观点</p>", id="app-download-line"),
    ],
)
def test_a_promo_without_its_class_is_removed(promo: str) -> None:
    body = sinaparse.parse_body(paragraph("正文前。") + promo + paragraph("正文后。"))
    assert body.paragraphs == ("正文前。", "正文后。")


@pytest.mark.parametrize(
    ("html", "kept"),
    [
        pytest.param(
            "<blockquote><p>多家券商研报指出，金麒麟分析师评选结果显示行业景气度回升。</p></blockquote>",
            "多家券商研报指出，金麒麟分析师评选结果显示行业景气度回升。",
            id="a-quote-about-research-reports",
        ),
        pytest.param(
            "<blockquote><p>中信证券研报认为，下半年经济将企稳。</p></blockquote>",
            "中信证券研报认为，下半年经济将企稳。",
            id="a-quote-citing-a-report",
        ),
        pytest.param(
            "<p>下载新浪财经APP的用户已超过一亿。</p>",
            "下载新浪财经APP的用户已超过一亿。",
            id="a-sentence-starting-like-a-promo",
        ),
        pytest.param(
            "<p>据<a href='https://www.sinadaxue.cn/x'>新浪大学</a>统计，报名人数翻倍。</p>",
            "据新浪大学统计，报名人数翻倍。",
            id="a-promo-target-linked-in-a-sentence",
        ),
        pytest.param(
            "<blockquote><p><a href='https://www.sinadaxue.cn/a'>研报一</a></p>"
            "<p><a href='https://finance.sina.com.cn/b.shtml'>相关报道二</a></p></blockquote>",
            "相关报道二",  # the quote is no promo: only its line of promo links goes
            id="a-list-with-other-links",
        ),
        pytest.param(
            "<blockquote><p>炒股就看金麒麟分析师研报，权威，专业，及时，全面。另据统计，本周北向资金净流入120亿元，"
            "创下年内新高，市场情绪明显回暖。</p></blockquote>",
            "炒股就看金麒麟分析师研报，权威，专业，及时，全面。另据统计，本周北向资金净流入120亿元，"
            "创下年内新高，市场情绪明显回暖。",
            id="a-promo-sentence-followed-by-prose",
        ),
    ],
)
def test_text_that_only_mentions_a_promo_stays(html: str, kept: str) -> None:
    body = sinaparse.parse_body(paragraph("正文前。") + html + paragraph("正文后。"))
    assert kept in body.paragraphs


def test_the_promo_pre_checks_are_sound() -> None:
    """Every promo sentence holds one of the sentence rule's ``requires``
    strings, and every target one of the link rule's, so neither pre-check
    skips a body that holds a promo."""
    from sinaparse.boilerplate.promos import PROMO_LINK_TARGETS, PROMO_SENTENCES

    by_sentences, by_links = PROMO_RULES
    for requires, data in (
        (by_sentences.requires, PROMO_SENTENCES),
        (by_links.requires, PROMO_LINK_TARGETS),
    ):
        for text, reason in data:
            assert reason.strip()
            assert any(needle in text for needle in requires)


@pytest.mark.parametrize(
    "href",
    [
        "http://原标题：finance.sina.com.cn/realstock/company/sz300053/nc.shtml",  # NFKC changes the host
        "http://[::1/app",  # an IPv6 host never closed
        "https://ｆｉｎａｎｃｅ．ｓｉｎａ．ｃｏｍ．ｃｎ：８０/mobile/comfinanceweb.shtml",
    ],
)
def test_a_link_with_no_usable_address_is_no_promo_and_no_error(href: str) -> None:
    # urlsplit raises ValueError on these: a body holding one is still a body.
    body = sinaparse.parse_body(f'<p>据<a href="{href}">新浪财经APP</a>数据，利润增长三成。</p>')
    assert body.paragraphs == ("据新浪财经APP数据，利润增长三成。",)


def test_a_figure_captioned_with_a_promo_sentence_stays() -> None:
    # Found by the round-trip property: the text rule took the picture along.
    body = sinaparse.parse_body(
        '<div class="img_wrapper"><img src="https://n.sinaimg.cn/a/w1h1/0.jpg">'
        '<span class="img_descr">炒股就看金麒麟分析师研报</span></div>'
    )
    assert [image.caption for image in body.images] == ["炒股就看金麒麟分析师研报"]
