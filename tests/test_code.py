"""Preformatted text becomes a Code block, written as a fenced block in Markdown."""

from __future__ import annotations

import io

import pytest

import sinaparse
from sinaparse import Code, Paragraph
from sinaparse.outputs.markdown import fenced_code, write_markdown


@pytest.mark.parametrize(
    ("html", "code"),
    [
        ("<pre>x = 1\n\tif  y:\n    z</pre>", Code("x = 1\n\tif  y:\n    z")),
        (
            "<pre>\nfirst line kept, the break after pre is not</pre>",
            Code("first line kept, the break after pre is not"),
        ),
        ("<pre>a<br>b</pre>", Code("a\nb")),
        ('<pre><span style="color:red">use</span> Swoole;</pre>', Code("use Swoole;")),
        ('<pre class="language-python">pass</pre>', Code("pass", language="python")),
        ('<pre><code class="lang-js">f()</code></pre>', Code("f()", language="js")),
        ('<pre class="hljs">f()</pre>', Code("f()")),
        ('<pre class="language-c++">f();</pre>', Code("f();", language="c++")),
        ('<pre class="lang-objective-c x">f</pre>', Code("f", language="objective-c")),
        ('<pre class="language-c#">f</pre>', Code("f", language="c#")),
        # A class holding more than a language's name names none: no markup in a field.
        ('<pre class="language-html><script>alert(1)</script>">f</pre>', Code("f")),
        ("<pre class='language-x\"y'>f</pre>", Code("f")),
        ('<pre class="language-">f</pre>', Code("f")),
        ('<pre class="language-py&lt;b&gt;">f</pre>', Code("f")),
        ("<div><code>solo()</code></div>", Code("solo()")),
        ("<p><code>a()\nb()</code></p>", Code("a()\nb()")),
        ("<pre>&lt;?php echo 1; ?&gt;</pre>", Code("<?php echo 1; ?>")),
    ],
)
def test_pre_and_block_code_become_a_code_block_with_its_text_exact(html: str, code: Code) -> None:
    body = sinaparse.parse_body(f"<p>前</p>{html}<p>后</p>")
    assert body.blocks == (Paragraph("前"), code, Paragraph("后"))
    assert body.paragraphs == ("前", "后")  # code is no prose: not in paragraphs, as table cells


@pytest.mark.parametrize(
    "html",
    [
        "<p>调用<code>x()</code>即可</p>",
        "<p><code>SWOOLE_HOOK_CURL</code> 支持选项</p>",
        "<li>用 <code>a</code></li>",
    ],
)
def test_inline_code_in_a_paragraph_stays_inline_text(html: str) -> None:
    body = sinaparse.parse_body(html)
    assert not any(isinstance(block, Code) for block in body.blocks)
    assert len(body.paragraphs) == 1


@pytest.mark.parametrize("html", ["<pre></pre>", "<pre>  \n </pre>", "<div><code> </code></div>"])
def test_a_blank_pre_gives_no_block(html: str) -> None:
    assert sinaparse.parse_body(html).blocks == ()


@pytest.mark.parametrize(
    ("code", "fence"),
    [
        (Code("x"), "```"),
        (Code("a ``` b"), "````"),
        (Code("````\n`"), "`````"),
    ],
)
def test_the_fence_is_longer_than_any_backtick_run_inside(code: Code, fence: str) -> None:
    text = fenced_code(code)
    assert text.startswith(fence + "\n")
    assert text.endswith("\n" + fence)
    assert text[len(fence) + 1 : -len(fence) - 1] == code.text


@pytest.mark.parametrize(
    ("language", "info"), [("python", "python"), ("a b", ""), ("x`y", ""), (None, "")]
)
def test_the_info_string_is_the_language_when_markdown_can_hold_it(
    language: str | None, info: str
) -> None:
    assert fenced_code(Code("x", language=language)).split("\n")[0] == "```" + info


def test_markdown_writes_code_as_it_is_without_escaping() -> None:
    stream = io.StringIO()
    write_markdown([sinaparse.Body(blocks=[Code("a_*b*\n  # no heading")])], stream)
    assert "```\na_*b*\n  # no heading\n```" in stream.getvalue()


def test_code_round_trips_through_to_dict() -> None:
    code = Code(" \tx\n", language="c++")
    assert code.to_dict() == {"type": "code", "text": " \tx\n", "language": "c++"}
    assert Code.from_dict(code.to_dict()) == code


PICTURE = "https://n.sinaimg.cn/finance/a.jpg"


@pytest.mark.parametrize(
    "html",
    [
        f'<pre><img src="{PICTURE}">pic</pre>',
        f'<pre>x = 1<span><img src="{PICTURE}"></span></pre>',
        f'<p><code><img src="{PICTURE}"></code></p>',
        f'<div><code>a()\nb()<img src="{PICTURE}"></code></div>',
    ],
)
def test_a_picture_inside_code_follows_the_code_block(html: str) -> None:
    body = sinaparse.parse_body(html)
    assert [image.url for image in body.images] == [PICTURE]
    assert isinstance(body.blocks[-1], sinaparse.Figure)


@pytest.mark.parametrize("media", ["<video src='v.mp4'></video>", "<audio src='a.mp3'></audio>"])
def test_media_inside_code_is_reported(media: str) -> None:
    body = sinaparse.parse_body(f"<pre>x = 1{media}</pre>")
    assert body.blocks == (Code("x = 1"),)
    assert [warning.code for warning in body.warnings] == ["media-dropped"]


def test_a_stock_inside_code_is_a_stock() -> None:
    link = "https://finance.sina.com.cn/realstock/company/sh600000/nc.shtml"
    html = f'<pre>买入<span id="stock_sh600000"><a href="{link}">浦发银行</a></span></pre>'
    body = sinaparse.parse_body(html)
    assert body.blocks == (Code("买入浦发银行"),)
    assert [(stock.market, stock.symbol, stock.linked) for stock in body.stocks] == [
        ("sh", "600000", True)
    ]
