"""Issue 15's edges of the API: base_url checked when the options are made, and
parse_body given a whole post."""

from __future__ import annotations

import pytest

import sinaparse
from sinaparse import OptionsError, Paragraph, ParseOptions

from .posts import make_post, paragraph


@pytest.mark.parametrize(
    "base_url",
    [
        "finance.sina.com.cn",  # no scheme: a host name, not an address
        "finance.sina.com.cn/china/doc.shtml",
        "ftp://finance.sina.com.cn/",
        "file:///etc/passwd",
        "/china/doc.shtml",  # relative
        "../doc.shtml",
        "",
        " ",
        "\t\n",
        "https://",  # no host
    ],
    ids=repr,
)
def test_a_base_url_that_is_no_absolute_http_address_is_refused_when_the_options_are_made(
    base_url: str,
) -> None:
    with pytest.raises(OptionsError, match="base_url"):
        ParseOptions(base_url=base_url)


@pytest.mark.parametrize(
    "base_url",
    ["https://finance.sina.com.cn/china/doc.shtml", "http://example.com", "HTTPS://A.CN/"],
)
def test_an_absolute_http_base_url_is_accepted(base_url: str) -> None:
    assert ParseOptions(base_url=base_url).base_url == base_url


@pytest.mark.parametrize("leading", ["", "\n", "\n\n"])
def test_parse_body_skips_a_posts_front_matter_with_a_warning(leading: str) -> None:
    post = make_post(paragraph("正文。")).lstrip("\n")
    body = sinaparse.parse_body(leading + post)
    assert body.blocks == (Paragraph("正文。"),)
    assert "title" not in body.text
    assert [w.code for w in body.warnings] == ["front-matter-skipped"]
    assert body.paragraphs == sinaparse.parse(post).paragraphs


@pytest.mark.parametrize(
    "html",
    ["---\n<p>正文。</p>", "----<p>正文。</p>", "<p>正文。</p>\n---\n---\n"],
    ids=["never closed", "no fence line", "fences later"],
)
def test_a_body_that_does_not_start_with_closed_fences_is_read_whole(html: str) -> None:
    body = sinaparse.parse_body(html)
    assert "正文。" in body.paragraphs
    assert "front-matter-skipped" not in [w.code for w in body.warnings]
