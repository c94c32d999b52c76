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

import re
from collections.abc import Iterable
from typing import Any

import attrs
from lxml import etree

from .errors import OptionsError

__all__ = ["DEFAULT_BOILERPLATE", "PAGE_BOILERPLATE", "BoilerplateRule", "has_class"]


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
    try:
        strings = tuple(values)
    except TypeError:
        raise OptionsError(f"requires must be strings, not {type(values).__name__}") from None
    for value in strings:
        if not isinstance(value, str):
            raise OptionsError(f"requires must be strings, not {value!r}")
    return strings


def _text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise OptionsError(f"a rule's {attribute.name} must be a str, not {type(value).__name__}")


def _compile(rule: BoilerplateRule) -> etree.XPath:
    _text(rule, attrs.fields(BoilerplateRule).xpath, rule.xpath)  # before it is compiled
    try:
        compiled = etree.XPath(rule.xpath)
    except etree.XPathError as exc:
        raise OptionsError(f"boilerplate rule {rule.xpath!r} is not a valid XPath: {exc}") from exc
    problem = _xpath_problem(rule.xpath) or _result_problem(compiled)
    if problem:
        raise OptionsError(f"boilerplate rule {rule.xpath!r}: {problem}")
    return compiled


@attrs.frozen
class BoilerplateRule:
    """One kind of boilerplate: a selector and why what it selects goes."""

    xpath: str = attrs.field(validator=_text)
    """An XPath 1.0 expression selecting elements, relative to ``<body>``: XPath
    1.0's own functions only, no namespace prefixes, no variables; it must give
    a node-set (``count(…)``, a string or a number is an OptionsError)."""
    reason: str = attrs.field(validator=_text)
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


# --- Checking a selector when its rule is made -------------------------------
# libxml2 looks functions, namespace prefixes and variables up only when it
# evaluates the step that holds them, so a rule that names an unknown one
# would fail on every body that reaches that step. The selector's tokens are
# read here instead (XPath 1.0, section 3.7), and its result type is checked
# on a tiny body. What only a body can show (a type error in a predicate,
# ``descendant::p[count('x')]``) is an OptionsError of that parse.

# XPath 1.0's function library: the number of arguments each takes (None: any).
_FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "last": (0, 0), "position": (0, 0), "count": (1, 1), "id": (1, 1),
    "local-name": (0, 1), "namespace-uri": (0, 1), "name": (0, 1), "string": (0, 1),
    "concat": (2, None), "starts-with": (2, 2), "contains": (2, 2),
    "substring-before": (2, 2), "substring-after": (2, 2), "substring": (2, 3),
    "string-length": (0, 1), "normalize-space": (0, 1), "translate": (3, 3),
    "boolean": (1, 1), "not": (1, 1), "true": (0, 0), "false": (0, 0), "lang": (1, 1),
    "number": (0, 1), "sum": (1, 1), "floor": (1, 1), "ceiling": (1, 1), "round": (1, 1),
}  # fmt: skip
_NODE_TYPES = frozenset({"comment", "text", "processing-instruction", "node"})
_NCNAME = r"[^\W\d][\w.\-\u00b7]*"
_TOKEN = re.compile(
    rf"""\s*(?:
      (?P<literal>"[^"]*"|'[^']*')
    | (?P<number>\d+(?:\.\d*)?|\.\d+)
    | (?P<name>(?:{_NCNAME}:)?(?:{_NCNAME}|\*))
    | (?P<variable>\$)
    | (?P<symbol>\.\.|::|//|!=|<=|>=|[()\[\].@,/|+\-=<>*])
    )\s*""",
    re.VERBOSE,
)
# After one of these tokens, or an operator, or at the start, a name is a name
# test or a function and ``*`` is any element; elsewhere ``and``, ``or``,
# ``mod``, ``div`` and ``*`` are operators (XPath 1.0, section 3.7).
_BEFORE_A_NAME = frozenset({"@", "::", "(", "[", ","})
_OPERATORS = frozenset({"/", "//", "|", "+", "-", "=", "!=", "<", "<=", ">", ">="})


def _xpath_problem(xpath: str) -> str | None:
    """What makes ``xpath`` (which lxml compiled) fail when evaluated, or None."""
    name_may_follow = True
    calls: list[list[Any]] = []  # per open "(": [its function or None, commas, has arguments]
    function = None  # the function the next "(" belongs to
    position = 0
    for match in _TOKEN.finditer(xpath):
        if match.start() != position:
            break
        position = match.end()
        token = match.group().strip()
        if calls and token != ")":
            calls[-1][2] = True
        if match.group("variable"):
            return "variables are not defined for rules"
        is_name = match.group("name") is not None and name_may_follow
        if is_name and ":" in token:
            return f"namespace prefix {token.split(':')[0]!r} is not defined (rules have none)"
        if token == "(":
            calls.append([function, 0, False])
        elif token == "," and calls:
            calls[-1][1] += 1
        elif token == ")" and calls:
            called, commas, has_arguments = calls.pop()
            problem = called and _arity_problem(called, commas + has_arguments)
            if problem:
                return problem
        function = token if is_name and xpath[position : position + 1] == "(" else None
        if function and function not in _NODE_TYPES and function not in _FUNCTIONS:
            return f"unknown function {function}() (rules may use XPath 1.0's functions)"
        is_operator = token in _OPERATORS or (not is_name and match.group("name") is not None)
        name_may_follow = token in _BEFORE_A_NAME or is_operator
    if position != len(xpath):
        return f"cannot read the expression at character {position}"
    return None


def _arity_problem(function: str, arguments: int) -> str | None:
    if function in _NODE_TYPES:
        return None
    least, most = _FUNCTIONS[function]
    if least <= arguments and (most is None or arguments <= most):
        return None
    expected = f"{least} or more" if most is None else " or ".join(sorted({str(least), str(most)}))
    return f"{function}() takes {expected} arguments, not {arguments}"


_PROBE_BODY = "<html><body><div class='a' id='b'><p>x</p></div></body></html>"


def _result_problem(compiled: etree.XPath) -> str | None:
    # An XPath 1.0 expression's result type does not depend on the document.
    body = etree.fromstring(_PROBE_BODY)[0]
    try:
        result = compiled(body)
    except etree.XPathError as exc:
        return str(exc)
    if isinstance(result, list):
        return None
    kind = (
        "a boolean"
        if isinstance(result, bool)
        else "a number"
        if isinstance(result, float)
        else "a string"
    )
    return f"gives {kind}, not the elements to remove"


_STOCK_SPAN = (
    "starts-with(@id, 'stock_') or starts-with(@id, 'usstock_') or starts-with(@id, 'hkstock_')"
)
_RELATED_LABELS = (
    "相关新闻：",
    "相关阅读：",
    "延伸阅读：",
    "相关报道：",
    "此前报道：",
)
# A paragraph that is a related-links label alone (相关新闻：): short (tested
# first, so that a long paragraph costs one test), without a link, and its text
# without spaces and colons one of the labels.
_LABEL_LIST = "|" + "|".join(label[:-1] for label in _RELATED_LABELS) + "|"
_LABEL_ALONE = (
    "string-length(.) < 24 and not(.//a) and contains("
    f"'{_LABEL_LIST}', concat('|', translate(normalize-space(translate(., '\u3000', ' ')),"
    " '：: ', ''), '|'))"
)
# A paragraph of links only: every piece of its text inside an <a>.
_LINKS_ONLY = (
    ".//a and not(.//text()[normalize-space(translate(., '\u3000\u00a0', '  '))][not(ancestor::a)])"
)


def _after_label(depth: int) -> str:
    """A paragraph that is the label, or a link line right after one, up to ``depth``
    lines down. Each step is its own location step (``preceding-sibling::*[1]``
    then ``self::p``): libxml2 stops such a step at the first sibling, where
    ``preceding-sibling::p[1][…]`` reads every preceding sibling, a quadratic rule."""
    if depth == 0:
        return _LABEL_ALONE
    return (
        f"{_LABEL_ALONE} or ({_LINKS_ONLY}"
        f" and preceding-sibling::*[1]/self::p[{_after_label(depth - 1)}])"
    )


# The label and up to eight link lines under it, in one predicate: a union
# (``a | b``) of large node sets is quadratic in libxml2.
_RELATED_BLOCK = (
    f"{_LABEL_ALONE} or ({_LINKS_ONLY} and preceding-sibling::*[1]/self::p[{_after_label(7)}])"
)

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
        "descendant::p[(a and ("
        + " or ".join(
            f"starts-with(normalize-space(translate(., '\u3000', ' ')), '{label}')"
            for label in _RELATED_LABELS
        )
        + f")) or {_RELATED_BLOCK}]",
        "相关新闻 related-link lines without their blockquote, or under a label line of their own",
        requires=tuple(label[:4] for label in _RELATED_LABELS),
    ),
    BoilerplateRule(
        "descendant::a[contains(@href, 'weibo.com') and normalize-space(.) = '(微博)']",
        "(微博) links Sina's auto-linker adds after names (older pages)",
        requires=("(微博)",),
    ),
)
"""The rules sinaparse applies by default, in the order they are applied."""


PAGE_BOILERPLATE: tuple[BoilerplateRule, ...] = (
    BoilerplateRule(
        "descendant::span[starts-with(@id, 'quote_')]",
        "live quote after a stock link, filled in by a script (browser-saved pages)",
    ),
    BoilerplateRule(
        "descendant::*[@sax-type]", "Sina's ad slots, filled in by a script (browser-saved pages)"
    ),
    BoilerplateRule(
        f"descendant::div[{has_class('tech-quotation')}]",
        "新浪众测 promo (tech pages; RSSHub drops it too)",
    ),
    BoilerplateRule("descendant::*[@id='left_hzh_ad']", "ad slot (RSSHub drops it too)"),
    BoilerplateRule(
        f"descendant::div[{has_class('ct_hqimg')}]",
        "行情图: the template's market chart widget and its 热点栏目 links",
    ),
    BoilerplateRule(
        "descendant::a[contains(@href, 'guba.sina.com.cn')]"
        "/parent::p[normalize-space(translate(., '\u3000', ' ')) = '进入【新浪财经股吧】讨论']",
        "the template's 新浪财经股吧 promo line",
    ),
    BoilerplateRule(
        f"descendant::div[{has_class('artical-player-wrap')}]"
        f"/descendant::div[{has_class('a-p-info')} or {has_class('a-p-bd')}]",
        "the older video player's controls and play list (its <video> is reported)",
    ),
)
"""What a whole page's article container holds beside the body a feed carries:
the template's widgets, the ad slots and quotes its scripts fill in, and the
parts RSSHub strips. :func:`sinaparse.parse_page` removes them from the
container, before the body's own catalogue (``options.boilerplate``) runs."""
