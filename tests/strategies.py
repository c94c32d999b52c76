"""Hypothesis strategies: posts and bodies built the way Sina and the aggregator write them.

Each generated post comes with what a right parse must give back, so the
property tests can compare field by field.
"""

from __future__ import annotations

import datetime as dt
import html
from email.utils import format_datetime
from zoneinfo import ZoneInfo

import attrs
from hypothesis import assume
from hypothesis import strategies as st

from sinaparse import (
    Article,
    Block,
    Cell,
    Code,
    Credit,
    Figure,
    Heading,
    Image,
    Paragraph,
    ParseWarning,
    Quote,
    Stock,
    Table,
)
from sinaparse._text import NOT_TEXT
from sinaparse.boilerplate.promos import PROMO_SENTENCES

from .posts import make_post

# Text a person writes: CJK, Latin letters and digits, full- and half-width
# punctuation (quotes and colons included) and emoji.
_PUNCTUATION = "，。！？：；、“”‘’《》（）【】—…·-%.,:;!?'\"/&<>#@"
_LETTERS = st.sampled_from(
    "经济数据显示今年前月我国进出口总值增长其中出口进口外贸继续保持向好势头"
    "市场投资者公司股票基金银行政策发展企业城市人口北京上海广东新华社记者"
)
_CHARACTERS = st.one_of(
    _LETTERS,
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(whitelist_categories=("Lu", "Ll", "Nd")),
    st.sampled_from(_PUNCTUATION),
    st.sampled_from("😀😡🚀📈"),
)
# Words never start a metadata line, so generated text stays text.
_METADATA_WORDS = ("原标题", "来源", "责任编辑")


def _is_plain_text(text: str) -> bool:
    return not any(word in text for word in _METADATA_WORDS)


words = st.text(_CHARACTERS, min_size=1, max_size=12).filter(_is_plain_text)


def _is_no_promo(text: str) -> bool:
    # The promo rule ignores whitespace, so the words of one sentence may
    # spell a promo across their spaces.
    bare = "".join(text.split())
    return not any(start in bare for start, _ in PROMO_SENTENCES)


@st.composite
def sentences(draw: st.DrawFn, max_words: int = 6) -> str:
    """Words joined by single spaces: no leading, trailing or doubled
    whitespace, and never one of Sina's promo sentences."""
    text = " ".join(draw(st.lists(words, min_size=1, max_size=max_words)))
    assume(_is_no_promo(text))
    assume(not _is_divider(text))
    return text


# A line of dashes, dots and the like (``---``, ``—·—``) is a divider, which
# the body drops as layout (docs/boilerplate.md): no sentence of the article.
_DIVIDER_CHARACTERS = frozenset("—―=＝*＊·•~～_- ")


def _is_divider(text: str) -> bool:
    return len(text) >= 3 and set(text) <= _DIVIDER_CHARACTERS


titles = sentences(max_words=4).filter(lambda t: "&#12" not in t)


def yaml_single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@attrs.frozen
class DateCase:
    """A date as written in a post, the instant it means, and the zone used."""

    written: str
    instant: dt.datetime
    default_tz: str


_ZONES = ("UTC", "Asia/Shanghai", "America/New_York")


@st.composite
def date_cases(draw: st.DrawFn) -> DateCase:
    """Every supported form, for instants between 1990 and 2037."""
    naive = draw(
        # Hypothesis takes naive bounds; the zone is chosen below.
        st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2037, 12, 31))  # noqa: DTZ001
    ).replace(microsecond=0)
    offset = dt.timezone(
        dt.timedelta(minutes=draw(st.integers(-12 * 60, 14 * 60).map(lambda m: m - m % 15)))
    )
    aware = naive.replace(tzinfo=offset)
    form = draw(st.sampled_from(["rfc-offset", "rfc-gmt", "iso", "local", "chinese"]))
    if form == "rfc-offset":
        return DateCase(format_datetime(aware), aware, "UTC")
    if form == "rfc-gmt":
        utc = aware.astimezone(dt.timezone.utc)
        return DateCase(format_datetime(utc, usegmt=True), utc, "UTC")
    if form == "iso":
        return DateCase(yaml_single_quoted(aware.isoformat()), aware, "UTC")
    zone_name = draw(st.sampled_from(_ZONES))
    # As an instant: a time the zone skips or shows twice is read with the
    # offset before the change (fold=0), whatever tzinfo the result carries.
    local = naive.replace(tzinfo=ZoneInfo(zone_name)).astimezone(dt.timezone.utc)
    if form == "local":
        return DateCase(naive.strftime("%Y-%m-%d %H:%M:%S"), local, zone_name)
    return DateCase(naive.strftime("%Y年%m月%d日 %H:%M:%S"), local, zone_name)


# Boilerplate as Sina writes it, with the visible text that must never leak.
BOILERPLATE = (
    (
        '<div class="clearfix appendQr_wrap"><div class="appendQr_normal_txt">'
        "海量资讯、精准解读，尽在新浪财经APP</div></div>",
        "尽在新浪财经APP",
    ),
    ('<div class="app-kaihu-qr"><span>开户领福利888元</span></div>', "开户领福利"),
    ("<style>.appendQr_wrap&#123;border:1px&#125;</style>", "appendQr_wrap"),
    ('<!--article_adlist[<p cms-style="font-L">推广内容</p>]article_adlist-->', "推广内容"),
    ('<!--article_adlist[<p cms-style="font-M">-->', "font-M"),
    ('<div class="wap_special"><a class="tlt">点击进入专题：</a></div>', "点击进入专题"),
    ('<blockquote class="fincon_sfapp_pro"><p>下载新浪财经APP</p></blockquote>', "下载新浪财经"),
    ("<script>var SINA_TEXT_PAGE_INFO = 1;</script>", "SINA_TEXT_PAGE_INFO"),
)


@attrs.frozen
class Expected:
    """What a right parse of a generated post gives."""

    title: str
    date: DateCase
    paragraphs: tuple[str, ...]
    images: tuple[Image, ...]
    stocks: tuple[Stock, ...]
    leaks: tuple[str, ...]
    """Texts of injected boilerplate: none may appear in the article's text."""
    credits: tuple[Credit, ...] = ()
    code: tuple[Code, ...] = ()


# Roles and names of credit lines; names are CJK (two to four characters) and
# never a role themselves.
_CREDIT_ROLES = st.sampled_from(
    ["记者", "作者", "编辑", "摄影", "文", "校对", "驻京记者", "实习生"]
)
_CREDIT_NAMES = st.text(
    st.sampled_from("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"), min_size=2, max_size=4
)
_CREDIT_SEPARATORS = st.sampled_from(["：", ":", " ", "\u3000", "丨", "|", "／", "/", " | "])


@st.composite
def credit_line_html(draw: st.DrawFn) -> tuple[str, tuple[Credit, ...]]:
    """(a byline paragraph: one or two roles, each with one or two names, perhaps
    in brackets; the credits it gives)."""
    credits: list[Credit] = []
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 2))):
        role = draw(_CREDIT_ROLES)
        names = draw(st.lists(_CREDIT_NAMES, min_size=1, max_size=2))
        parts.append(role + draw(_CREDIT_SEPARATORS) + " ".join(names))
        credits.extend(Credit(role, name) for name in names)
    line = " ".join(parts)
    if draw(st.booleans()):
        line = f"（{line}）"
    return f'<p cms-style="font-L">\u3000\u3000{line}</p>', tuple(credits)


@st.composite
def code_html(draw: st.DrawFn) -> tuple[str, Code]:
    """(a ``<pre>``, perhaps with a language class; the Code it gives, text as written).

    No ``<`` or ``>``: a generated post's text holds no markup (test_guarantees).
    """
    lines = draw(
        st.lists(
            st.text(st.sampled_from("abc xyz=(){}\t`'\"#"), max_size=12), min_size=1, max_size=4
        )
    )
    text = "\n".join(lines)
    if not text.strip():
        text += "x"
    language = draw(st.none() | st.sampled_from(["python", "js", "c++"]))
    attribute = f' class="language-{language}"' if language else ""
    # The line break after <pre> is not content (HTML drops it): one always
    # stands there, so a text that starts with a line break keeps it.
    return f"<pre{attribute}>\n{html.escape(text)}</pre>", Code(text, language=language)


_MARKETS = st.sampled_from(["sh", "sz", "bj"])


@st.composite
def paragraph_html(draw: st.DrawFn, stocks: list[Stock]) -> tuple[str, str]:
    """(the HTML of a paragraph, its text), perhaps with a Sina stock link inside."""
    before, after = draw(sentences()), draw(sentences())
    if not draw(st.booleans()):
        text = f"{before}，{after}"
        return f'<p cms-style="font-L">\u3000\u3000{html.escape(text)}</p>', text
    market, code = draw(_MARKETS), draw(st.from_regex(r"\A[0-9]{6}\Z"))
    name = draw(words)
    stocks.append(Stock(market, code, name, linked=True))
    link = (
        f'<span id="stock_{market}{code}"><a href="https://finance.sina.com.cn/realstock/company/'
        f'{market}{code}/nc.shtml" class="keyword">{html.escape(name)}</a></span>'
        f'<span id="quote_{market}{code}"></span>'
    )
    markup = (
        f'<p cms-style="font-L">\u3000\u3000{html.escape(before)}{link}{html.escape(after)}</p>'
    )
    return markup, f"{before}{name}{after}"


@st.composite
def figure_html(draw: st.DrawFn) -> tuple[str, Image]:
    width, height = draw(st.integers(1, 4000)), draw(st.integers(1, 9000))
    path = draw(st.from_regex(r"\A[a-z0-9]{4,12}\Z"))
    scheme = draw(st.sampled_from(["https:", "http:", ""]))
    url = f"{scheme}//n.sinaimg.cn/sinakd2021/w{width}h{height}/{path}.jpg"
    caption = draw(st.none() | sentences(max_words=3))
    markup = (
        f'<div class="img_wrapper"><img src="{url}" alt>'
        f'<span class="img_descr">{html.escape(caption or "")}</span></div>'
    )
    expected = Image(
        url=f"https://n.sinaimg.cn/sinakd2021/w{width}h{height}/{path}.jpg",
        caption=caption,
        width=width,
        height=height,
    )
    return markup, expected


@st.composite
def posts(draw: st.DrawFn) -> tuple[str, Expected]:
    """A post in the aggregator's layout and what it must parse to."""
    title = draw(titles)
    date = draw(date_cases())
    parts: list[str] = []
    paragraphs: list[str] = []
    images: list[Image] = []
    stocks: list[Stock] = []
    leaks: list[str] = []
    credits: list[Credit] = []
    code: list[Code] = []
    kinds = st.sampled_from(["p", "p", "img", "junk", "credit", "code"])
    for kind in draw(st.lists(kinds, min_size=1, max_size=8)):
        if kind == "credit":
            markup, line_credits = draw(credit_line_html())
            parts.append(markup)
            credits.extend(line_credits)
        elif kind == "code":
            markup, block = draw(code_html())
            parts.append(markup)
            code.append(block)
        elif kind == "p":
            markup, text = draw(paragraph_html(stocks))
            parts.append(markup)
            paragraphs.append(text)
        elif kind == "img":
            markup, image = draw(figure_html())
            parts.append(markup)
            images.append(image)
        else:
            markup, leak = draw(st.sampled_from(BOILERPLATE))
            parts.append(markup)
            leaks.append(leak)
    post = make_post("\n".join(parts), title=yaml_single_quoted(title), date=date.written)
    merged: dict[tuple[str, str], Stock] = {}
    for stock in stocks:
        merged.setdefault((stock.market, stock.symbol), stock)
    return post, Expected(
        title,
        date,
        tuple(paragraphs),
        tuple(images),
        tuple(merged.values()),
        tuple(leaks),
        tuple(credits),
        tuple(code),
    )


# --- Results built directly: every field and block type, for to_dict / from_dict ---

_optional_text = st.none() | sentences(max_words=3)
# Any text a result may hold, layout kept: every character but what is not
# text (NOT_TEXT), which the parser never gives and from_dict refuses.
_any_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r\x85"),
    max_size=40,
).filter(lambda text: NOT_TEXT.search(text) is None)
_images = st.builds(
    Image,
    url=st.sampled_from(["https://n.sinaimg.cn/a.jpg", "http://example.com/b.png"]),
    alt=_optional_text,
    caption=_optional_text,
    width=st.none() | st.integers(1, 5000),
    height=st.none() | st.integers(1, 5000),
)
_cells = st.builds(
    Cell, sentences(max_words=2), st.integers(1, 9), st.integers(1, 9), st.booleans()
)
_blocks: st.SearchStrategy[Block] = st.one_of(
    st.builds(Paragraph, sentences()),
    st.builds(Heading, sentences(max_words=3)),
    st.builds(Figure, _images),
    st.builds(
        Table,
        st.lists(st.lists(_cells, max_size=3).map(tuple), max_size=3).map(tuple),
        _optional_text,
    ),
    st.builds(Quote, st.lists(sentences(), max_size=3).map(tuple)),
    st.builds(Code, _any_text, st.none() | st.sampled_from(["python", "c++"])),
)
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | _any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_any_text, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    """An Article with every field drawn: all block types, credits, linked and
    unlinked stocks, aware dates in any offset, JSON data in ``extra``."""
    date = draw(date_cases()).instant
    return Article(
        title=draw(titles),
        date=date,
        categories=draw(st.lists(words, max_size=3)),
        author=draw(_optional_text),
        comments=draw(st.none() | st.booleans()),
        head_image=draw(st.none() | _images),
        thumbnail=draw(st.none() | _images),
        extra=draw(st.dictionaries(_any_text, _json_values, max_size=3)),
        url=draw(st.none() | st.just("https://finance.sina.com.cn/a.shtml")),
        keywords=draw(st.lists(words, max_size=3)),
        channel=draw(_optional_text),
        paragraphs=draw(st.lists(sentences(), max_size=3)),
        blocks=draw(st.lists(_blocks, max_size=6)),
        images=draw(st.lists(_images, max_size=2)),
        stocks=draw(
            st.lists(
                st.builds(Stock, _MARKETS, st.just("600000"), _optional_text, st.booleans()),
                max_size=3,
            )
        ),
        original_title=draw(_optional_text),
        source=draw(_optional_text),
        editor=draw(_optional_text),
        credits=draw(st.lists(st.builds(Credit, _CREDIT_ROLES, _CREDIT_NAMES), max_size=3)),
        warnings=draw(st.lists(st.builds(ParseWarning, words, sentences()), max_size=2)),
    )


raw_urls = st.one_of(
    st.text(max_size=40),
    st.builds(
        "".join,
        st.tuples(
            st.sampled_from(
                [
                    "",
                    " ",
                    "http://",
                    "https://",
                    "//",
                    "HTTP://",
                    "data:",
                    "javascript:",
                    "/",
                    "../",
                ]
            ),
            st.sampled_from(["n.sinaimg.cn", "example.com", "finance.sina.com.cn", "", "a b"]),
            st.text(st.characters(min_codepoint=32, max_codepoint=0x9FFF), max_size=20),
        ),
    ),
)
base_urls = st.none() | st.sampled_from(
    ["https://finance.sina.com.cn/china/doc.shtml", "http://example.com/a/b.html"]
)
