"""Issue 12, silent and whole-post losses in the body: content after ``</html>``,
XML declarations, nesting deeper than libxml2's limit, picture addresses whose
host or port cannot be, figures in quotes."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import Cell, Figure, Image, Paragraph, Quote, Stock, Table
from sinaparse._data.urls import is_valid_host, normalize_url

from .posts import make_post

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
IMG = "https://n.sinaimg.cn/a/w640h387/{}.jpg"

# Content after </body> or </html> ---------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<p>正文</p></body><p>后文</p>",
        "<p>正文</p></body>后文",
        "<p>正文</p></html><p>后文</p>",
        "<p>正文</p></HTML >后文",
        "<p>正文</p></Body></Html>\n<p>后文</p>",
        "<html><body><p>正文</p></body></html><p>后文</p>",
        "<p>正文</p></html></html></html><p>后文</p></html>",
        "<p>正文</p></html><body><p>后文</p></body>",
        "<p>正文</p></body><!-- 注 --></html><div>后文</div>",
    ],
)
def test_content_after_the_end_of_the_page_reaches_the_paragraphs(html: str) -> None:
    assert sinaparse.parse_body(html).paragraphs == ("正文", "后文")
    article = sinaparse.parse(make_post(html))
    assert article.paragraphs == ("正文", "后文")


def test_content_after_a_page_of_only_head_elements_is_kept() -> None:
    assert sinaparse.parse_body("<style>p{}</style></html><p>后文</p>").paragraphs == ("后文",)


def test_stocks_and_pictures_after_the_end_of_the_page_are_kept() -> None:
    html = (
        f"<p>正文</p></html><img src='{IMG.format(1)}'>"
        "<!-- news_keyword_pub,stock,sh600519 --><p>后文</p>"
    )
    body = sinaparse.parse_body(html)
    assert body.paragraphs == ("正文", "后文")
    assert [image.url for image in body.images] == [IMG.format(1)]
    assert body.stocks == (Stock("sh", "600519"),)


@pytest.mark.parametrize("end", ["</body>", "</html>", "</body></html>"])
@pytest.mark.parametrize("times", [1, 50])
def test_text_between_many_page_ends_is_kept_in_order(end: str, times: int) -> None:
    html = "".join(f"<p>段{n}</p>{end}" for n in range(times))
    assert sinaparse.parse_body(html).paragraphs == tuple(f"段{n}" for n in range(times))


# XML declarations and processing instructions ---------------------------------


@pytest.mark.parametrize(
    "start",
    [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        "\ufeff<?xml version='1.0' encoding='gb2312'?>",
        '<?XML VERSION="1.0" ENCODING="GBK"?>',
        '\n  <?xml version="1.0" encoding="utf-8"?>\n',
        '<?xml version="1.0"?><?xml-stylesheet href="a.xsl"?>',
        "<?php echo 1; ?>",
        '\ufeff\n<?xml version="1.0" encoding="utf-8"?>\ufeff',
    ],
)
def test_a_declaration_before_the_body_is_accepted(start: str) -> None:
    assert sinaparse.parse_body(start + "<p>正文</p>").paragraphs == ("正文",)
    assert sinaparse.parse_body((start + "<p>正文</p>").encode()).paragraphs == ("正文",)
    assert sinaparse.parse(
        make_post("").replace("<div>", start + "<div>") + "<p>正文</p>"
    ).paragraphs == ("正文",)


def test_a_declaration_keeps_the_lines_of_later_errors() -> None:
    body = '<?xml version="1.0"\n encoding="utf-8"?>\n<p>正文</p>'
    assert sinaparse.parse_body(body).paragraphs == ("正文",)


# Nesting deeper than libxml2's limit ----------------------------------------------


@pytest.mark.parametrize("tag", ["b", "span", "font", "div", "i", "strong"])
@pytest.mark.parametrize("depth", [255, 300, 1000, 2046, 2047, 5000, 100_000])
def test_a_body_nested_beyond_the_limit_is_read_not_lost(tag: str, depth: int) -> None:
    html = "<p>前文</p>" + f"<{tag}>" * depth + "深处" + f"</{tag}>" * (depth // 2) + "<p>后文</p>"
    article = sinaparse.parse(make_post(html))
    assert article.paragraphs[0] == "前文"
    assert "后文" in article.paragraphs
    assert any("深处" in text for text in article.paragraphs)
    flattened = [w for w in article.warnings if w.code == "body-flattened"]
    assert len(flattened) == (1 if depth > 2045 else 0)


def test_a_flattened_body_keeps_its_pictures_stocks_and_paragraph_breaks() -> None:
    html = (
        "<div>" * 3000
        + f"<p>一段</p><p>二段<img src='{IMG.format(1)}'></p><script>x</script>"
        + "<!-- news_keyword_pub,stock,sz000001 --><p>三段</p>"
    )
    body = sinaparse.parse_body(html)
    assert body.paragraphs == ("一段", "二段", "三段")
    assert [image.url for image in body.images] == [IMG.format(1)]
    assert body.stocks == (Stock("sz", "000001"),)


# Picture addresses: hosts and ports that cannot be ------------------------------


@pytest.mark.parametrize(
    "src",
    [
        "//javascript:alert(1)",
        "https://javascript:alert(1)",
        "//data:text/html,x",
        "https://n.sinaimg.cn:65536/a.jpg",
        "https://n.sinaimg.cn:99999/a.jpg",
        "https://n.sinaimg.cn:0/a.jpg",
        "https://n.sinaimg.cn:+80/a.jpg",
        "https://n.sinaimg.cn:٨٠/a.jpg",
        "https://n.sinaimg.cn:" + "9" * 5000 + "/a.jpg",
        "https://n.sinaimg.cn:80:80/a.jpg",
        "https://1.2.3.999/a.jpg",
        "https://-n.sinaimg.cn/a.jpg",
        "https://n..sinaimg.cn/a.jpg",
        "https://" + "a" * 64 + ".cn/a.jpg",
        "https://[fe80::1%25eth0]/a.jpg",
        "https://[::1/a.jpg",
        "https://<x>/a.jpg",
        "https://a b/a.jpg",
    ],
)
def test_a_picture_whose_host_or_port_cannot_be_is_dropped_with_a_warning(src: str) -> None:
    assert normalize_url(src) is None
    body = sinaparse.parse_body(f"<p>正文</p><img src='{src}'>")
    assert body.images == ()
    assert [w.code for w in body.warnings] == ["image-invalid-url"]


@pytest.mark.parametrize(
    "src",
    [
        "https://n.sinaimg.cn:65535/a.jpg",
        "https://n.sinaimg.cn:8080/a.jpg",
        "https://n.sinaimg.cn:/a.jpg",
        "https://1.2.3.4/a.jpg",
        "https://[::1]:8080/a.jpg",
        "https://img_cdn.example.com/a.jpg",
        "https://图片.中国/a.jpg",
        "https://localhost/a.jpg",
        "https://n.sinaimg.cn./a.jpg",
    ],
)
def test_a_picture_with_a_valid_host_and_port_is_kept(src: str) -> None:
    assert normalize_url(src) is not None


@SETTINGS
@given(
    st.text(st.sampled_from("ab1.-_:[]@%/+٣"), max_size=16),
    st.sampled_from(["https://", "http://", "//", "HTTP://"]),
)
@example("javascript:alert(1)", "//")
@example("x:65536", "https://")
def test_every_picture_address_has_a_valid_host_and_port(authority: str, scheme: str) -> None:
    url = normalize_url(scheme + authority + "/a.jpg")
    if url is not None:
        parts = urlsplit(url)
        assert parts.hostname is not None
        assert is_valid_host(parts.hostname)
        port = parts.port  # never raises
        assert port is None or 0 < port <= 65535


# A figure in a quote keeps its place ------------------------------------------------


def test_a_figure_in_a_quote_stays_where_it_is() -> None:
    html = f"<blockquote><p>引一</p><img src='{IMG.format(1)}'><p>引二</p></blockquote><p>后</p>"
    assert sinaparse.parse_body(html).blocks == (
        Quote(("引一",)),
        Figure(Image(IMG.format(1), width=640, height=387)),
        Quote(("引二",)),
        Paragraph("后"),
    )


@pytest.mark.parametrize(
    ("html", "kinds"),
    [
        (f"<blockquote><img src='{IMG.format(1)}'><p>引</p></blockquote>", ["figure", "quote"]),
        (f"<blockquote><p>引</p><img src='{IMG.format(1)}'></blockquote>", ["quote", "figure"]),
        (f"<blockquote><img src='{IMG.format(1)}'></blockquote>", ["figure"]),
        (
            "<blockquote><p>一</p><blockquote><p>二</p></blockquote><p>三</p></blockquote>",
            ["quote"],
        ),
        (
            f"<blockquote><p>一</p><blockquote><img src='{IMG.format(1)}'><p>二</p></blockquote>"
            "<p>三</p></blockquote>",
            ["quote", "figure", "quote"],
        ),
    ],
)
def test_blocks_in_quotes_keep_document_order(html: str, kinds: list[str]) -> None:
    blocks = sinaparse.parse_body(html).blocks
    assert [block.kind for block in blocks] == kinds
    texts = [text for block in blocks if isinstance(block, Quote) for text in block.paragraphs]
    assert texts == [text for text in ("一", "二", "三", "引") if text in html]


def test_a_quote_nested_in_a_quote_joins_it() -> None:
    html = "<blockquote><p>一</p><blockquote><p>二</p></blockquote><p>三</p></blockquote>"
    assert sinaparse.parse_body(html).blocks == (Quote(("一", "二", "三")),)


def test_a_table_between_quote_paragraphs_keeps_its_place() -> None:
    html = "<blockquote>一<table><tr><td>格</td></tr></table>二</blockquote>"
    assert sinaparse.parse_body(html).blocks == (
        Quote(("一",)),
        Table(((Cell("格"),),)),
        Quote(("二",)),
    )


@pytest.mark.parametrize(
    "start",
    [
        "<!-- news_keyword_pub,stock,sh600519 -->",
        "\n<!-- news_keyword_pub,stock,sh600519 -->\n",
        "<!DOCTYPE html><!-- news_keyword_pub,stock,sh600519 --><html>",
    ],
)
def test_a_comment_before_the_first_element_is_read(start: str) -> None:
    body = sinaparse.parse_body(start + "<p>正文</p>")
    assert body.paragraphs == ("正文",)
    assert body.stocks == (Stock("sh", "600519"),)
