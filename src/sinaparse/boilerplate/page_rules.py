"""The template parts inside a whole page's article container (see
:data:`PAGE_BOILERPLATE`), as data: each rule with its reason."""

from __future__ import annotations

from ._rule import BoilerplateRule, has_class

PAGE_BOILERPLATE: tuple[BoilerplateRule, ...] = (
    BoilerplateRule(
        "descendant::span[starts-with(@id, 'quote_')]",
        "live quote after a stock link, filled in by a script (browser-saved pages)",
        name="live-quote",
    ),
    BoilerplateRule(
        "descendant::*[@sax-type]",
        "Sina's ad slots, filled in by a script (browser-saved pages)",
        name="ad-slot",
    ),
    BoilerplateRule(
        f"descendant::ins[{has_class('sinaads')}]",
        "Sina's ad slots (ins.sinaads), filled in with a banner by its ad script"
        " (browser-saved pages)",
        name="sinaads-slot",
    ),
    BoilerplateRule(
        f"descendant::div[{has_class('tech-quotation')}]",
        "新浪众测 promo (tech pages; RSSHub drops it too)",
        name="zhongce-promo",
    ),
    BoilerplateRule(
        "descendant::*[@id='left_hzh_ad']", "ad slot (RSSHub drops it too)", name="hzh-ad"
    ),
    BoilerplateRule(
        f"descendant::div[{has_class('ct_hqimg')}]",
        "行情图: the template's market chart widget and its 热点栏目 links",
        name="market-chart",
    ),
    BoilerplateRule(
        "descendant::a[contains(@href, 'guba.sina.com.cn')]"
        "/parent::p[normalize-space(translate(., '\u3000', ' ')) = '进入【新浪财经股吧】讨论']",
        "the template's 新浪财经股吧 promo line",
        name="guba-promo",
    ),
    BoilerplateRule(
        f"descendant::div[{has_class('artical-player-wrap')}]"
        f"/descendant::div[{has_class('a-p-info')} or {has_class('a-p-bd')}]",
        "the older video player's controls and play list (its <video> is reported)",
        name="video-controls",
    ),
)
"""What a whole page's article container holds beside the body a feed carries:
the template's widgets, the ad slots and quotes its scripts fill in, and the
parts RSSHub strips. :func:`sinaparse.parse_page` removes them from the
container, before the body's own catalogue (``options.boilerplate``) runs."""
