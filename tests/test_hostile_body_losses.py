"""Body text that boilerplate rules or metadata took silently: each class kept now."""

from __future__ import annotations

import html as html_escaping

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import ParseWarning, Stock

from .posts import paragraph
from .strategies import sentences

LINK = '<a href="https://finance.sina.com.cn/realstock/company/{code}/nc.shtml">{name}</a>'


def stock_link(span_id: str, code: str, name: str) -> str:
    return f'<span id="{span_id}">' + LINK.format(code=code, name=name) + "</span>"


# --- A stock link in a sentence that sits directly in a div (or the body) ------

SENTENCES = {
    "in-a-div": ("<div>今日{link}股价上涨。</div>", "今日浦发银行股价上涨。"),
    "in-the-body": ("今日{link}股价上涨。", "今日浦发银行股价上涨。"),
    "text-before-only": ("<div>龙头是{link}</div>", "龙头是浦发银行"),
    "text-after-only": ("<div>{link}领涨。</div>", "浦发银行领涨。"),
    "after-another-element": ("<div><b>注：</b>{link}领涨。</div>", "注：浦发银行领涨。"),
}


@pytest.mark.parametrize(("template", "text"), SENTENCES.values(), ids=SENTENCES.keys())
@pytest.mark.parametrize(
    ("span_id", "stock"),
    [
        ("stock_sh600000", Stock("sh", "600000", "浦发银行")),
        ("hkstock_00700", Stock("hk", "00700", "浦发银行")),
        ("usstock_BABA", Stock("us", "BABA", "浦发银行")),
    ],
)
def test_a_stock_link_in_a_sentence_stays_in_the_text_and_the_stocks(
    template: str, text: str, span_id: str, stock: Stock
) -> None:
    link = stock_link(span_id, f"{stock.market}{stock.symbol}", "浦发银行")
    body = sinaparse.parse_body(template.format(link=link))
    assert body.paragraphs == (text,)
    assert body.stocks == (attrs.evolve(stock, linked=True),)  # an <a> to its page


@pytest.mark.parametrize(
    "listing",
    [
        "<div>{a}{b}</div>",
        "<div>{a} {b}</div>",
        "<div>\n{a}\n\u3000{b}\n</div>",
        "{a}{b}",
    ],
)
def test_a_list_of_stock_links_outside_any_sentence_is_still_boilerplate(listing: str) -> None:
    a = stock_link("stock_sh600000", "sh600000", "浦发银行")
    b = stock_link("stock_sz000001", "sz000001", "平安银行")
    body = sinaparse.parse_body(paragraph("正文。") + listing.format(a=a, b=b))
    assert body.paragraphs == ("正文。",)


def test_a_stock_span_around_more_than_a_name_is_no_stock_link() -> None:
    long_text = "这是一段很长的正文，" * 10
    body = sinaparse.parse_body(f'<span id="stock_sh600000">{long_text}</span>')
    assert body.paragraphs == (long_text.strip(),)


# --- Sina's editor elements: the first names the editor, none vanishes --------

EDITOR = '<p class="{cls}">责任编辑：{name}</p>'


@pytest.mark.parametrize(
    ("classes", "names", "editor", "extra"),
    [
        pytest.param(
            ("article-editor", "show_author"),
            ("王翔", "刘德宾"),
            "王翔",
            ("刘德宾",),
            id="two-kinds",
        ),
        pytest.param(
            ("show_author", "show_author"), ("王翔", "刘德宾"), "王翔", ("刘德宾",), id="two"
        ),
        pytest.param(
            ("show_author", "show_author"), ("王翔", "王翔"), "王翔", ("王翔",), id="repeat"
        ),
        pytest.param(
            ("show_author",) * 3,
            ("王翔", "刘德宾", "李墨轩"),
            "王翔",
            ("刘德宾", "李墨轩"),
            id="three",
        ),
        pytest.param(
            ("show_author", "show_author"), ("", "刘德宾"), "刘德宾", (), id="first-empty"
        ),
    ],
)
def test_every_editor_element_gives_the_editor_or_a_warning(
    classes: tuple[str, ...], names: tuple[str, ...], editor: str, extra: tuple[str, ...]
) -> None:
    elements = "".join(
        EDITOR.format(cls=cls, name=name) for cls, name in zip(classes, names, strict=True)
    )
    body = sinaparse.parse_body(paragraph("正文。") + elements)
    assert body.paragraphs == ("正文。",)
    assert body.editor == editor
    assert body.warnings == tuple(
        ParseWarning("extra-editor", f"another editor line: 责任编辑：{name}") for name in extra
    )


def test_a_later_editor_element_is_kept_in_a_post_too() -> None:
    from .posts import make_post

    post = make_post(
        paragraph("正文。")
        + EDITOR.format(cls="article-editor", name="王翔")
        + EDITOR.format(cls="show_author", name="刘德宾 SF014")
    )
    article = sinaparse.parse(post)
    assert article.editor == "王翔"
    assert ("extra-editor", "another editor line: 责任编辑：刘德宾 SF014") in article.warnings


# --- Related-reading lines: only lines of links go, never prose ---------------

LABELS = ("相关阅读", "相关新闻", "延伸阅读", "相关报道")
A = '<a href="https://finance.sina.com.cn/x.shtml">{}</a>'


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize(
    ("line", "text"),
    [
        pytest.param(
            "<p>{label}：近日，{a}发布公告称，公司业绩大幅增长。</p>",
            "{label}：近日，某公司发布公告称，公司业绩大幅增长。",
            id="prose-around-a-link",
        ),
        pytest.param(
            "<p>{label}：{a}，文章指出市场仍将震荡。</p>",
            "{label}：某公司，文章指出市场仍将震荡。",
            id="prose-after-a-link",
        ),
        pytest.param(
            "<p><strong>{label}：</strong>市场分析人士认为{a}前景可期。</p>",
            "{label}：市场分析人士认为某公司前景可期。",
            id="bold-label-then-prose",
        ),
        pytest.param(
            "<p>{label}:本周{a}涨停</p>", "{label}:本周某公司涨停", id="ascii-colon-prose"
        ),
    ],
)
def test_a_related_label_followed_by_prose_stays(label: str, line: str, text: str) -> None:
    html = paragraph("正文。") + line.format(label=label, a=A.format("某公司"))
    assert sinaparse.parse_body(html).paragraphs == ("正文。", text.format(label=label))


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize(
    "line",
    [
        pytest.param("<p>{label}：{a}</p>", id="one-link"),
        pytest.param("<p>\u3000\u3000{label}：{a}、{b}</p>", id="two-links"),
        pytest.param("<p>{label}：<br>{a}<br>{b}</p>", id="links-on-lines"),
        pytest.param("<p><strong>{label}：</strong>{a} | {b}</p>", id="bold-label"),
        pytest.param("<p>{label}:<span>{a}</span>【{b}】</p>", id="ascii-colon-wrapped-links"),
        pytest.param("<p>{label}：▶{a}</p>", id="arrow"),
    ],
)
def test_a_related_line_of_links_is_boilerplate(label: str, line: str) -> None:
    links = {"a": A.format("另一篇报道"), "b": A.format("再一篇报道")}
    html = paragraph("正文前。") + line.format(label=label, **links) + paragraph("正文后。")
    assert sinaparse.parse_body(html).paragraphs == ("正文前。", "正文后。")


@settings(max_examples=200, deadline=None)
@given(label=st.sampled_from(LABELS), prose=sentences(), title=sentences(max_words=3))
@example(label="相关阅读", prose="据悉", title="某公司")
def test_prose_after_a_related_label_is_never_removed(label: str, prose: str, title: str) -> None:
    html = f"<p>{label}：{html_escaping.escape(prose)}{A.format(html_escaping.escape(title))}</p>"
    paragraphs = sinaparse.parse_body(html).paragraphs
    removed_as_links = (
        prose.strip(" \u3000、，,；;|｜丨/／·•・-—–>＞→►▶▷»«【】[]()（）《》<＜") == ""
    )
    assert removed_as_links or paragraphs == (" ".join(f"{label}：{prose}{title}".split()),)


@pytest.mark.parametrize(
    ("html", "tag", "excerpt"),
    [
        ("<svg><text>营收同比增长12%</text></svg>", "svg", "营收同比增长12%"),
        ('<svg viewBox="0 0 9 9"><g><text>一</text><text>二</text></g></svg>', "svg", "一二"),
        ("<button>展开全文</button>", "button", "展开全文"),
        (
            "<select><option>选项甲</option><option>选项乙</option></select>",
            "select",
            "选项甲选项乙",
        ),
        ("<p>正文<button>" + "长" * 80 + "</button></p>", "button", "长" * 60 + "…"),
    ],
)
def test_the_text_of_a_control_or_a_graphic_is_dropped_and_said_so(
    html: str, tag: str, excerpt: str
) -> None:
    body = sinaparse.parse_body("<p>正文。</p>" + html)
    assert "".join(body.paragraphs).startswith("正文")
    assert excerpt[:4] not in "".join(body.paragraphs)
    messages = [message for code, message in body.warnings if code == "text-dropped"]
    assert messages == [f"<{tag}> {excerpt!r} is no article text: dropped"]


@pytest.mark.parametrize("html", ["<svg><rect/></svg>", "<button> </button>", "<select></select>"])
def test_a_control_or_graphic_without_text_says_nothing(html: str) -> None:
    assert sinaparse.parse_body("<p>正文。</p>" + html).warnings == ()


@pytest.mark.parametrize(
    "html",
    [
        '<object data="x.swf"><p>对象后备文字</p></object>',
        '<object data="x.swf"><param name="movie" value="x.swf"><p>对象后备文字</p></object>',
        '<object data="x.swf"><embed src="x.swf"><p>对象后备文字</p></object>',
        '<div><embed src="x.swf"><p>对象后备文字</p></div>',  # what libxml2 nests in an <embed>
    ],
)
def test_an_objects_fallback_is_read_as_a_browser_shows_it(html: str) -> None:
    assert sinaparse.parse_body("<p>正文。</p>" + html).paragraphs == ("正文。", "对象后备文字")
