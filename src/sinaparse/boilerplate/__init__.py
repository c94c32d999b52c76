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

import attrs
from lxml import etree

from ._element_lines import (
    NAME_CHARACTERS,
    NAME_NODES,
    is_label_alone,
    is_link_line,
    link_lines_after,
    outermost_ancestor,
    read_line,
    touches_text,
)
from .page_rules import PAGE_BOILERPLATE
from .placeholders import PLACEHOLDER_IMAGE_HOSTS
from .promos import is_promo_block, link_requires, promo_candidates, sentence_requires
from .rule import BoilerplateRule, has_class, text_list

__all__ = [
    "DEFAULT_BOILERPLATE",
    "PAGE_BOILERPLATE",
    "PLACEHOLDER_IMAGE_HOSTS",
    "BoilerplateRule",
    "has_class",
]


@attrs.frozen
class _LoneStockLinks(BoilerplateRule):
    """Stock link spans no text touches: a list of the article's stocks.

    A span with text right before or after it, in its parent, is part of a
    sentence and stays, with its name in the text and in ``stocks``; so does
    a span that holds more than a name (``NAME_NODES`` elements,
    ``NAME_CHARACTERS`` characters).
    """

    def select(self, root: etree._Element) -> list[etree._Element]:
        return [
            span
            for span in super().select(root)
            if not touches_text(span) and read_line(span, NAME_NODES, NAME_CHARACTERS)
        ]


@attrs.frozen
class _Containers(BoilerplateRule):
    """The outermost ``container`` element around what the selector finds.

    The same as ``descendant::container[descendant::…]``, in time linear in the
    tree rather than in depth × size: each element's ancestors are looked at once.
    """

    container: str = "blockquote"

    def select(self, root: etree._Element) -> list[etree._Element]:
        tops: dict[etree._Element, etree._Element | None] = {}
        found: list[etree._Element] = []
        for marker in super().select(root):
            top = outermost_ancestor(marker, self.container, tops)
            # A container's markers come one after another: each top is new or the last one.
            if top is not None and (not found or found[-1] is not top):
                found.append(top)
        return found


@attrs.frozen
class _LinkLines(BoilerplateRule):
    """Lines that are a label (``相关阅读：``) and links, nothing else.

    A line whose text outside its links holds anything but separators after
    the label is prose and stays. Only a bounded start of each candidate is
    read (a bounded number of elements and characters): a longer
    line is no link line.
    """

    labels: tuple[str, ...] = attrs.field(default=(), converter=text_list)
    """The labels, without their colon (full-width or ASCII)."""

    def select(self, root: etree._Element) -> list[etree._Element]:
        return [line for line in super().select(root) if is_link_line(line, self.labels)]


@attrs.frozen
class _LabelBlocks(BoilerplateRule):
    """A label alone on its line (``相关新闻：``), and up to eight
    lines of links only right after it: a related-links block without its
    blockquote. Each line is read as :class:`_LinkLines` reads one (a bounded
    start), and each label looks at most that many siblings: linear time."""

    labels: tuple[str, ...] = attrs.field(default=(), converter=text_list)
    """The labels, without their colon (full-width or ASCII)."""

    def select(self, root: etree._Element) -> list[etree._Element]:
        found: list[etree._Element] = []
        for line in super().select(root):
            if is_label_alone(line, self.labels):
                found.append(line)
                found.extend(link_lines_after(line))
        return list(dict.fromkeys(found))  # document order, none twice


@attrs.frozen
class _PromoBlocks(BoilerplateRule):
    """Quotes and lines that are Sina's promos by their sentences or link
    targets (:mod:`.promos`), classes or not; each read on a bounded start."""

    by_links: bool = False
    """Look around the links to promo targets, not around the promo words: two
    rules, so that each has its own pre-check (most bodies hold the words, in
    the classed promos, and no promo link)."""

    def select(self, root: etree._Element) -> list[etree._Element]:
        candidates = promo_candidates(root, by_links=self.by_links)
        return [block for block in candidates if is_promo_block(block)]


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
        requires=("black-list",),
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
        requires=("hidden", "none"),
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
