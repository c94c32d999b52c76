"""The boilerplate catalogue: what in a Sina body is not part of the article.

Each rule is an XPath selector with a one-line reason. The selectors are
evaluated against the parsed body (its ``<body>`` element is the context
node); every element they select is removed with its content, and the text
that follows it stays. HTML comments are always removed, after the stock
codes they carry have been read.

Extend the catalogue without touching sinaparse's code::

    >>> import attrs
    >>> from sinaparse import DEFAULT_OPTIONS, BoilerplateRule
    >>> extra = BoilerplateRule(".//div[@class='my-promo']", "a promo of my site")
    >>> options = attrs.evolve(
    ...     DEFAULT_OPTIONS, boilerplate=DEFAULT_OPTIONS.boilerplate + (extra,)
    ... )

XPath rather than CSS: lxml evaluates it natively (no further dependency) and
it can also select on text, which several of Sina's promos need.
"""

from __future__ import annotations

import attrs
from lxml import etree

from .errors import OptionsError

__all__ = ["DEFAULT_BOILERPLATE", "BoilerplateRule", "has_class"]


def has_class(name: str) -> str:
    """The XPath 1.0 test for an element whose ``class`` list holds ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _compile(rule: BoilerplateRule) -> etree.XPath:
    try:
        return etree.XPath(rule.xpath)
    except etree.XPathError as exc:
        raise OptionsError(f"boilerplate rule {rule.xpath!r} is not a valid XPath: {exc}") from exc


@attrs.frozen
class BoilerplateRule:
    """One kind of boilerplate: a selector and why what it selects goes."""

    xpath: str
    """An XPath 1.0 expression selecting elements, relative to ``<body>``."""
    reason: str
    """Why the selected elements are not article content (one line)."""
    compiled: etree.XPath = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_compile, takes_self=True)
    )
    """The selector compiled once, when the rule is made."""


_STOCK_SPAN = (
    "starts-with(@id, 'stock_') or starts-with(@id, 'usstock_') or starts-with(@id, 'hkstock_')"
)

DEFAULT_BOILERPLATE: tuple[BoilerplateRule, ...] = (
    BoilerplateRule(".//style", "CSS of Sina's widgets (QR and 开户 blocks)"),
    BoilerplateRule(".//script | .//noscript", "video player and widget scripts"),
    BoilerplateRule(f".//div[{has_class('appendQr_wrap')}]", "新浪财经APP QR code block"),
    BoilerplateRule(f".//div[{has_class('app-kaihu-qr')}]", "开户 (open an account) promo"),
    BoilerplateRule(
        f".//blockquote[{has_class('fincon_sfapp_pro')}]", "下载新浪财经APP promo quote"
    ),
    BoilerplateRule(f".//blockquote[.//*[{has_class('jqlblock_cls')}]]", "金麒麟 / 研报 link list"),
    BoilerplateRule(f".//blockquote[{has_class('fin_reference')}]", "相关新闻 related links"),
    BoilerplateRule(f".//div[{has_class('wap_special')}]", "点击进入专题 topic links (sina.cn)"),
    BoilerplateRule(
        f".//div[{has_class('video-2017')}] | .//div[starts-with(@id, 'videoList')]",
        "video player stub, empty without its script",
    ),
    BoilerplateRule(".//img[@black-list='y']", "promo and divider pictures Sina marks itself"),
    BoilerplateRule(
        f".//span[{_STOCK_SPAN}][parent::div or parent::body]",
        "stock links outside any sentence: the list of the article's stocks",
    ),
    BoilerplateRule(
        ".//*[@hidden or contains(translate(@style, ' ', ''), 'display:none')]",
        "not rendered: hidden elements",
    ),
    BoilerplateRule(
        f".//span[{has_class('contentPlayer')}]", "inline video link widget (older pages)"
    ),
    BoilerplateRule(
        ".//p[a]["
        + " or ".join(
            f"starts-with(normalize-space(translate(., '\u3000', ' ')), '{label}')"
            for label in ("相关新闻：", "相关阅读：", "延伸阅读：", "相关报道：")
        )
        + "]",
        "相关新闻 related-link lines without their blockquote",
    ),
    BoilerplateRule(
        ".//a[contains(@href, 'weibo.com') and normalize-space(.) = '(微博)']",
        "(微博) links Sina's auto-linker adds after names (older pages)",
    ),
)
"""The rules sinaparse applies by default, in the order they are applied."""
