"""Issue 12, markup in fields: no field holds markup that came from the document as markup.

libxml2 keeps the content of raw-text elements as text, tags and all; an
image URL can hold anything an attribute can; the Markdown writer writes URLs
into link syntax. Each is tried in every place a field is read from.
"""

from __future__ import annotations

import html as html_module
import io
import re

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import Article, Figure, Image
from sinaparse.outputs.markdown import link_destination, write_markdown

from .posts import make_post
from .test_guarantees import markup_in

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Markup inside a raw-text element: a tag, a script, a picture, boilerplate.
INNER = '<b>粗体</b><script>alert(1)</script><img src="//n.sinaimg.cn/in.jpg">'

# Where a field is read from: each place holds "前{element}后".
PLACES = {
    "paragraph": "<p>前{}后</p>",
    "cell": "<table><tr><td>前{}后</td></tr></table>",
    "table-caption": "<table><caption>前{}后</caption><tr><td>格</td></tr></table>",
    "picture-caption": '<img src="//n.sinaimg.cn/a.jpg"><span class="img_descr">前{}后</span>',
    "editor": '<p class="show_author">责任编辑：前{}后</p>',
    "quote": "<blockquote><p>前{}后</p></blockquote>",
    "heading": "<h2>前{}后</h2>",
    "stock-name": (
        '<p>买入<span id="stock_sh600519"><a href="https://finance.sina.com.cn/realstock/'
        'company/sh600519/nc.shtml">前{}后</a></span>。</p>'
    ),
}
RAW_TEXT_TAGS = ("xmp", "plaintext", "noembed", "noframes", "iframe", "textarea", "title")
# Read as HTML: their text is kept. The others are never shown.
READ_AS_MARKUP = ("xmp", "plaintext")
FALLBACKS = ("noembed", "noframes")


def _spellings(tag: str) -> list[str]:
    return [tag, tag.upper(), tag[0].upper() + tag[1:]]


def _all_text(result: sinaparse.Body) -> str:
    texts = list(result.paragraphs)
    texts += [image.caption or "" for image in result.images]
    texts += [cell.text for block in result.blocks if isinstance(block, sinaparse.Table)
              for row in block.rows for cell in row]  # fmt: skip
    texts += [result.editor or "", *(stock.name or "" for stock in result.stocks)]
    texts += [block.text for block in result.blocks if isinstance(block, sinaparse.Code)]
    texts += [block.caption or "" for block in result.blocks if isinstance(block, sinaparse.Table)]
    return "\n".join(texts)


@pytest.mark.parametrize("place", PLACES.values(), ids=PLACES.keys())
@pytest.mark.parametrize("tag", [s for tag in RAW_TEXT_TAGS for s in _spellings(tag)])
@pytest.mark.parametrize("closed", [True, False], ids=["closed", "unclosed"])
def test_no_raw_text_element_brings_markup_into_a_field(place: str, tag: str, closed: bool) -> None:
    element = f"<{tag} class='x'>{INNER}" + (f"</{tag}>" if closed else "")
    html = place.format(element)
    result = sinaparse.parse_body(html)

    assert markup_in(result) == {}
    assert not any("<" in stock.name for stock in result.stocks if stock.name)
    text = _all_text(result)
    assert "alert(1)" not in text  # the script is boilerplate wherever it lands
    if tag.lower() in READ_AS_MARKUP:
        assert "粗体" in text  # the text is kept, the tags are tags
    else:
        assert "粗体" not in text
    if tag.lower() in READ_AS_MARKUP or closed:
        assert "前" in text
    if tag.lower() in FALLBACKS:
        assert [w.code for w in result.warnings].count("fallback-dropped") == 1


@pytest.mark.parametrize("tag", [s for tag in RAW_TEXT_TAGS for s in _spellings(tag)])
def test_no_raw_text_element_brings_markup_into_an_article(tag: str) -> None:
    article = sinaparse.parse(make_post(f"<p>正文</p><{tag}>{INNER}</{tag}><p>后文</p>"))
    assert markup_in(article) == {}
    assert article.paragraphs[0] == "正文"
    assert "后文" in article.paragraphs


def test_plaintext_no_longer_swallows_the_boilerplate_after_it() -> None:
    html = (
        "<p>前文</p><plaintext><p>正文</p>"
        '<div class="appendQr_wrap">扫二维码下载新浪财经APP</div><p>后文</p>'
    )
    assert sinaparse.parse_body(html).paragraphs == ("前文", "正文", "后文")


def test_xmp_is_read_as_preformatted_text() -> None:
    body = sinaparse.parse_body("<p>前</p><xmp>代码 <b>x</b>  示例</xmp><p>后</p>")
    assert body.paragraphs == ("前", "后")
    assert body.blocks[1] == sinaparse.Code("代码 x  示例")  # a <pre>: spaces kept


def test_a_fallback_without_text_is_dropped_without_a_warning() -> None:
    body = sinaparse.parse_body("<p>正文</p><noembed> </noembed><noframes></noframes>")
    assert body.paragraphs == ("正文",)
    assert body.warnings == ()


# Raw-text pieces in any order, with ordinary markup: no field holds a tag.
_PIECES = st.sampled_from(
    [f"<{s}>" for tag in RAW_TEXT_TAGS for s in _spellings(tag)]
    + [f"</{s}>" for tag in RAW_TEXT_TAGS for s in _spellings(tag)]
    + ["<b>", "</b>", "<p>", "</p>", "<td>", "<table>", "</table>", "<tr>", "<div>", "</div>",
       "<script>", "</script>", "<style>", "</style>", '<span class="img_descr">', "</span>",
       '<img src="//n.sinaimg.cn/a.jpg">', "<br>", "</body>", "</html>", "<blockquote>",
       "<caption>", "文字", " ", "&amp;", "\n"]
)  # fmt: skip


@SETTINGS
@given(st.lists(_PIECES, max_size=30).map("".join))
@example("<p>a<noembed><b>x</b></noembed></p>")
@example("<td><xmp><b>x</b>")
@example("<plaintext></html><b>x</b>")
@example("<XMP><XMP><b>x</b></XMP>")
def test_no_mix_of_raw_text_elements_brings_markup_into_a_field(html: str) -> None:
    assert markup_in(sinaparse.parse_body(html)) == {}


# Picture addresses ------------------------------------------------------------

# Each may end an attribute or a tag, open markup, or break a line.
UNSAFE_IN_URL = re.compile(r'[<>"`\s\x00-\x1f\x7f-\x9f]')
HOSTILE_SOURCES = [
    "https://n.sinaimg.cn/a<script>alert(1)</script>.jpg",
    'https://n.sinaimg.cn/a"><script>alert(1)</script>.jpg',
    "https://n.sinaimg.cn/a b\tc\nd.jpg",
    "https://n.sinaimg.cn/a&#1;b&#127;c&#133;.jpg",
    'https://n.sinaimg.cn/?q=<x>&r="y"#<frag>',
    "//n.sinaimg.cn/a`b`.jpg",
    'https://n.sinaimg.cn/us"er<x>@a.jpg',  # (a user name before the host drops the picture)
    "http://example.com/a\u2028b\u00a0c.jpg",
]


@pytest.mark.parametrize("src", HOSTILE_SOURCES)
@pytest.mark.parametrize("attribute", ["src", "data-src", "data-original"])
def test_picture_urls_hold_no_markup_quote_space_or_control(src: str, attribute: str) -> None:
    quoted = src.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    quoted = quoted.replace("&amp;#", "&#")  # the character references stay references
    body = sinaparse.parse_body(f'<img {attribute}="{quoted}">')
    assert len(body.images) == 1
    assert UNSAFE_IN_URL.search(body.images[0].url) is None


@pytest.mark.parametrize("src", HOSTILE_SOURCES)
def test_front_matter_pictures_hold_no_markup_quote_space_or_control(src: str) -> None:
    value = src.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    article = sinaparse.parse(make_post("<p>正文</p>", extra_lines=[f'headimg: "{value}"']))
    assert article.head_image is not None
    assert UNSAFE_IN_URL.search(article.head_image.url) is None


@SETTINGS
@given(
    st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=40),
    st.sampled_from(["https://n.sinaimg.cn/", "//n.sinaimg.cn/a?", ""]),
)
@example("<script>", "https://n.sinaimg.cn/")
@example('"onerror="x', "//n.sinaimg.cn/a?")
def test_no_picture_address_holds_markup_quote_space_or_control(path: str, start: str) -> None:
    body = sinaparse.parse_body(f'<img src="{html_module.escape(start + path)}">')
    assert [url for url in (i.url for i in body.images) if UNSAFE_IN_URL.search(url)] == []


# The Markdown writer ------------------------------------------------------------


def _destination(markdown: str) -> str:
    """The link destination of the first image in ``markdown``."""
    start = markdown.index("](") + 2
    if markdown[start] == "<":
        end = start + 1
        while markdown[end] != ">":
            end += 2 if markdown[end] == "\\" else 1
        return markdown[start : end + 1]
    end = markdown.index(")", start)  # an unescaped ")" ends it
    while markdown[end - 1] == "\\":
        end = markdown.index(")", end + 1)
    return markdown[start:end]


def _is_well_formed_destination(destination: str) -> bool:
    """CommonMark's two forms: ``<…>`` without line breaks or unescaped ``<``/``>``,
    or a run without spaces, controls, ``<``/``>`` or unescaped parentheses."""
    if destination.startswith("<"):
        inner = destination[1:-1]
        return re.fullmatch(r"(?:\\.|[^\\<>\n])*", inner) is not None
    return re.fullmatch(r"(?:\\[()<>\\]|[^\s\x00-\x1f()<>\\])*", destination) is not None


def _markdown(article: Article) -> str:
    stream = io.StringIO()
    write_markdown([article], stream)
    return stream.getvalue()


def _markdown_of(url: str) -> str:
    article = sinaparse.parse(make_post("<p>正文</p>"))
    return _markdown(attrs.evolve(article, blocks=(Figure(Image(url, alt="图")),)))


@pytest.mark.parametrize(
    "url",
    [
        "https://x.cn/a)<script>alert(1)</script>(",
        "https://x.cn/a b\n# heading",
        "https://x.cn/a\\>",
        "https://x.cn/a>b<c",
        "<https://x.cn/a>",
        "https://x.cn/(a)(b",
        "javascript:alert(1)",
    ],
)
def test_markdown_escapes_every_picture_address_it_writes(url: str) -> None:
    markdown = _markdown_of(url)
    assert "<script>" not in markdown
    assert "\n# heading" not in markdown
    assert _is_well_formed_destination(_destination(markdown))


@SETTINGS
@given(st.text(max_size=30))
@example("a\\")
@example(")\\)")
def test_every_link_destination_is_well_formed(url: str) -> None:
    destination = link_destination(url)
    assert _is_well_formed_destination(destination)


def test_an_article_from_a_hostile_body_writes_markdown_without_markup() -> None:
    images = "".join(f'<img src="{html_module.escape(src)}">' for src in HOSTILE_SOURCES)
    article = sinaparse.parse(make_post("<p>正文</p>" + images))
    assert len(article.images) == len(HOSTILE_SOURCES)
    assert "<script" not in _markdown(article)
