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
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs
from lxml import etree

from .errors import OptionsError

__all__ = ["DEFAULT_BOILERPLATE", "BoilerplateRule", "has_class"]


def has_class(name: str) -> str:
    """The XPath 1.0 test for an element whose ``class`` list holds ``name``.

    The plain ``contains`` first is a cheap filter: most elements fail it, and
    only the few that pass build the padded class string.
    """
    return (
        f"contains(@class, '{name}') "
        f"and contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
    )


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        return (values,)  # one needle, not its characters
    return tuple(values)


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
    requires: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    """A fast pre-check: the rule runs only on bodies whose HTML holds one of
    these strings (case-sensitive). Empty: it runs on every body."""
    compiled: etree.XPath = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_compile, takes_self=True)
    )
    """The selector compiled once, when the rule is made."""

    def __reduce__(self) -> tuple[Any, ...]:
        # A compiled XPath cannot be pickled: a rule travels as the arguments
        # it was made from and is compiled again where it lands (a worker
        # process, a Dask or Spark executor). Subclasses travel the same way.
        arguments = {
            field.alias: getattr(self, field.name)
            for field in attrs.fields(type(self))
            if field.init
        }
        return (_rebuilt_rule, (type(self), arguments))


def _rebuilt_rule(rule_type: type[BoilerplateRule], arguments: dict[str, Any]) -> BoilerplateRule:
    return rule_type(**arguments)


_STOCK_SPAN = (
    "starts-with(@id, 'stock_') or starts-with(@id, 'usstock_') or starts-with(@id, 'hkstock_')"
)
_RELATED_LABELS = ("相关新闻：", "相关阅读：", "延伸阅读：", "相关报道：")

DEFAULT_BOILERPLATE: tuple[BoilerplateRule, ...] = (
    BoilerplateRule("descendant::style", "CSS of Sina's widgets (QR and 开户 blocks)"),
    BoilerplateRule("descendant::script | descendant::noscript", "video player and widget scripts"),
    BoilerplateRule(
        f"descendant::div[{has_class('appendQr_wrap')}]",
        "新浪财经APP QR code block",
        requires=("appendQr_wrap",),
    ),
    BoilerplateRule(
        f"descendant::div[{has_class('app-kaihu-qr')}]",
        "开户 (open an account) promo",
        requires=("app-kaihu-qr",),
    ),
    BoilerplateRule(
        f"descendant::blockquote[{has_class('fincon_sfapp_pro')}]",
        "下载新浪财经APP promo quote",
        requires=("fincon_sfapp_pro",),
    ),
    BoilerplateRule(
        f"descendant::blockquote[descendant::*[{has_class('jqlblock_cls')}]]",
        "金麒麟 / 研报 link list",
        requires=("jqlblock_cls",),
    ),
    BoilerplateRule(
        f"descendant::blockquote[{has_class('fin_reference')}]",
        "相关新闻 related links",
        requires=("fin_reference",),
    ),
    BoilerplateRule(
        f"descendant::div[{has_class('wap_special')}]",
        "点击进入专题 topic links (sina.cn)",
        requires=("wap_special",),
    ),
    BoilerplateRule(
        f"descendant::div[{has_class('video-2017')} or starts-with(@id, 'videoList')]",
        "video player stub, empty without its script",
        requires=("video-2017", "videoList"),
    ),
    BoilerplateRule(
        "descendant::img[@black-list='y']",
        "promo and divider pictures Sina marks itself",
        requires=("black-list",),
    ),
    BoilerplateRule(
        f"descendant::span[{_STOCK_SPAN}][parent::div or parent::body]",
        "stock links outside any sentence: the list of the article's stocks",
        requires=("stock_",),
    ),
    BoilerplateRule(
        "descendant::*[@hidden or (contains(@style, 'none')"
        " and contains(translate(@style, ' ', ''), 'display:none'))]",
        "not rendered: hidden elements",
        requires=("hidden", "none"),
    ),
    BoilerplateRule(
        f"descendant::span[{has_class('contentPlayer')}]",
        "inline video link widget (older pages)",
        requires=("contentPlayer",),
    ),
    BoilerplateRule(
        "descendant::p[a]["
        + " or ".join(
            f"starts-with(normalize-space(translate(., '\u3000', ' ')), '{label}')"
            for label in _RELATED_LABELS
        )
        + "]",
        "相关新闻 related-link lines without their blockquote",
        requires=tuple(label[:4] for label in _RELATED_LABELS),
    ),
    BoilerplateRule(
        "descendant::a[contains(@href, 'weibo.com') and normalize-space(.) = '(微博)']",
        "(微博) links Sina's auto-linker adds after names (older pages)",
        requires=("(微博)",),
    ),
)
"""The rules sinaparse applies by default, in the order they are applied."""
