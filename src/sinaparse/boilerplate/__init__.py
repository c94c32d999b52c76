"""The boilerplate catalogue: what in a Sina body is not part of the article.

Each rule is an XPath selector with a one-line reason. The selectors are
evaluated against the parsed body (its ``<body>`` element is the context
node); every element they select is removed with its content, and the text
that follows it stays. HTML comments are always removed, after the stock
codes they carry have been read. A rule's ``requires`` strings are a fast
pre-check: a body whose HTML holds none of them cannot match, and the
selector is not evaluated.

Extend the catalogue without touching sinaparse's code::

    >>> import attrs
    >>> from sinaparse import DEFAULT_OPTIONS, BoilerplateRule
    >>> extra = BoilerplateRule("descendant::div[@class='my-promo']", "a promo of my site",
    ...                         requires=("my-promo",))
    >>> options = attrs.evolve(
    ...     DEFAULT_OPTIONS, boilerplate=DEFAULT_OPTIONS.boilerplate + (extra,)
    ... )

XPath rather than CSS: lxml evaluates it natively (no further dependency) and
it can also select on text, which several of Sina's promos need.

Cost: the body is cleaned in time linear in its size, whatever it holds, as long
as each selector is. An XPath predicate that looks at a whole subtree
(``.``, ``descendant::``, ``ancestor::``, ``following-sibling::``) is evaluated
once per candidate, so nested candidates cost depth × size; the default rules
that need such a test (a line that is a label and links, a container of a
marker, a stock link outside a sentence) select candidates with a cheap XPath
and decide in :meth:`BoilerplateRule.select`, looking at a bounded part of each.
"""

from __future__ import annotations

from ._rule import BoilerplateRule, has_class
from ._rule_kinds import _Containers, _LabelBlocks, _LinkLines, _LoneStockLinks, _PromoBlocks
from .page_rules import PAGE_BOILERPLATE
from .placeholders import PLACEHOLDER_IMAGE_HOSTS
from .promos import link_requires, sentence_requires

__all__ = [
    "DEFAULT_BOILERPLATE",
    "PAGE_BOILERPLATE",
    "PLACEHOLDER_IMAGE_HOSTS",
    "BoilerplateRule",
    "has_class",
]


_STOCK_SPAN = (
    "starts-with(@id, 'stock_') or starts-with(@id, 'usstock_') or starts-with(@id, 'hkstock_')"
)
_RELATED_LABELS = ("相关新闻", "相关阅读", "延伸阅读", "相关报道", "此前报道")

DEFAULT_BOILERPLATE: tuple[BoilerplateRule, ...] = (
    BoilerplateRule(
        "descendant::style", "CSS of Sina's widgets (QR and 开户 blocks)", name="style"
    ),
    BoilerplateRule(
        "descendant::script | descendant::noscript",
        "video player and widget scripts",
        name="script",
    ),
    BoilerplateRule(
        f"descendant::div[{has_class('appendQr_wrap')}]",
        "新浪财经APP QR code block",
        name="app-qr",
        requires=("appendQr_wrap",),
    ),
    BoilerplateRule(
        f"descendant::div[{has_class('app-kaihu-qr')}]",
        "开户 (open an account) promo",
        name="kaihu-promo",
        requires=("app-kaihu-qr",),
    ),
    BoilerplateRule(
        f"descendant::blockquote[{has_class('fincon_sfapp_pro')}]",
        "下载新浪财经APP promo quote",
        name="app-promo-quote",
        requires=("fincon_sfapp_pro",),
    ),
    _Containers(
        f"descendant::*[{has_class('jqlblock_cls')}]",
        "金麒麟 / 研报 link list",
        name="jql-link-list",
        requires=("jqlblock_cls",),
        container="blockquote",
    ),
    _PromoBlocks(
        "descendant::blockquote | descendant::p | descendant::div",
        "Sina's promo sentences (金麒麟 研报, 新浪财经APP) without their classes",
        name="promo-text",
        requires=sentence_requires(),
    ),
    _PromoBlocks(
        "descendant::blockquote | descendant::p | descendant::div",
        "links to Sina's promo targets (新浪大学 研报, the app's page) without their classes",
        name="promo-links",
        requires=link_requires(),
        by_links=True,
    ),
    BoilerplateRule(
        f"descendant::blockquote[{has_class('fin_reference')}]",
        "相关新闻 related links",
        name="related-links",
        requires=("fin_reference",),
    ),
    BoilerplateRule(
        f"descendant::div[{has_class('wap_special')}]",
        "点击进入专题 topic links (sina.cn)",
        name="topic-links",
        requires=("wap_special",),
    ),
    BoilerplateRule(
        f"descendant::div[{has_class('video-2017')} or starts-with(@id, 'videoList')]",
        "video player stub, empty without its script",
        name="video-stub",
        requires=("video-2017", "videoList"),
    ),
    BoilerplateRule(
        "descendant::img[@black-list='y']",
        "promo and divider pictures Sina marks itself",
        name="black-list-image",
        # No pre-check: an attribute's name is in any case in the HTML, and
        # this selector costs about what looking for both cases did.
    ),
    _LoneStockLinks(
        f"descendant::span[{_STOCK_SPAN}][parent::div or parent::body]",
        "stock links outside any sentence: the list of the article's stocks",
        name="stock-link-list",
        requires=("stock_",),
    ),
    BoilerplateRule(
        "descendant::*[@hidden or (contains(@style, 'none')"
        " and contains(translate(@style, ' ', ''), 'display:none'))]",
        "not rendered: hidden elements",
        name="hidden",
        requires=("hidden", "HIDDEN", "none"),
    ),
    BoilerplateRule(
        f"descendant::span[{has_class('contentPlayer')}]",
        "inline video link widget (older pages)",
        name="video-link",
        requires=("contentPlayer",),
    ),
    _LinkLines(
        "descendant::p[a or */a]",
        "相关新闻 related-link lines without their blockquote",
        name="related-link-lines",
        requires=_RELATED_LABELS,
        labels=_RELATED_LABELS,
    ),
    _LabelBlocks(
        "descendant::p[not(a)]",
        "a related-links label on a line of its own (相关新闻：), and the link lines under it",
        name="related-label-block",
        requires=_RELATED_LABELS,
        labels=_RELATED_LABELS,
    ),
    BoilerplateRule(
        "descendant::a[contains(@href, 'weibo.com')][not(*)][normalize-space(.) = '(微博)']",
        "(微博) links Sina's auto-linker adds after names (older pages)",
        name="weibo-link",
        requires=("(微博)",),
    ),
)
"""The rules sinaparse applies by default, in the order they are applied."""
