"""Image URL normalisation."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sinaparse._data.urls import image_size, normalize_by_parts, normalize_url


@pytest.mark.parametrize(
    ("raw", "base", "expected"),
    [
        ("//n.sinaimg.cn/a.jpg", None, "https://n.sinaimg.cn/a.jpg"),
        ("http://n.sinaimg.cn/a.jpg", None, "https://n.sinaimg.cn/a.jpg"),
        ("http://i0.sinaimg.cn/dy/a.jpg", None, "https://i0.sinaimg.cn/dy/a.jpg"),
        ("HTTP://finance.sina.com.cn/a.png", None, "https://finance.sina.com.cn/a.png"),
        ("http://example.com/a.jpg", None, "http://example.com/a.jpg"),
        ("http://notsinaimg.cn/a.jpg", None, "http://notsinaimg.cn/a.jpg"),
        ("  https://n.sinaimg.cn/a.jpg \n", None, "https://n.sinaimg.cn/a.jpg"),
        ("https://example.com/a b.jpg", None, "https://example.com/a%20b.jpg"),
        # A backslash before the query is a "/" to a browser: the host is Sina's.
        (
            "https://n.sinaimg.cn\\@evil.example/a.jpg",
            None,
            "https://n.sinaimg.cn/@evil.example/a.jpg",
        ),
        ("\\\\example.com\\a.jpg", None, "https://example.com/a.jpg"),
        ("a\\b.jpg", "http://example.com/news/", "http://example.com/news/a/b.jpg"),
        (
            "https://example.com/a{b}|^.jpg?q=\\",
            None,
            "https://example.com/a%7Bb%7D%7C%5E.jpg?q=%5C",
        ),
        (
            "/img/a.jpg",
            "https://finance.sina.com.cn/x/doc.shtml",
            "https://finance.sina.com.cn/img/a.jpg",
        ),
        ("a.jpg", "http://example.com/news/doc.html", "http://example.com/news/a.jpg"),
        ("/img/a.jpg", None, None),
        # A host in other than ASCII is read as a browser reads it (IDNA's mapping).
        ("http://\uff4e.sinaimg.cn/a.jpg", None, "https://n.sinaimg.cn/a.jpg"),
        ("//N\uff0eSINAIMG\u3002cn/a.jpg", None, "https://n.sinaimg.cn/a.jpg"),
        (
            "https://\u65b0\u6d6a.\u4e2d\u56fd/a.jpg",
            None,
            "https://\u65b0\u6d6a.\u4e2d\u56fd/a.jpg",
        ),
        ("https://example.com\uff1a8080/a.jpg", None, None),  # a ":" in a host: no host
        # What the mapping turns into a URL's delimiters is no host (﹇ is "[").
        ("http://\ufe47n.sinaimg.cn/a.jpg", None, None),
        ("https://\uff3bevil.com\uff3d/a.jpg", None, None),
        ("https://a\uff05b.com/x", None, None),
        ("https://a\uff03b.com/x", None, None),
        ("data:image/gif;base64,R0lGODlhAQABAAAAACw=", None, None),
        ("javascript:alert(1)", None, None),
        (" JavaScript:alert(1)", "https://example.com/", None),
        ("ftp://example.com/a.jpg", None, None),
        ("", None, None),
        ("   ", None, None),
        (None, None, None),
    ],
)
def test_normalize_url(raw: str | None, base: str | None, expected: str | None) -> None:
    assert normalize_url(raw, base) == expected


@pytest.mark.parametrize(
    ("url", "size"),
    [
        ("https://n.sinaimg.cn/sinakd20210802s/227/w640h387/20210802/a.jpg", (640, 387)),
        ("https://n.sinaimg.cn/x/w1080h6617/a.jpg", (1080, 6617)),
        ("https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png", None),
        ("https://example.com/w640h387.jpg", None),
    ],
)
def test_image_size_from_path_segment(url: str, size: tuple[int, int] | None) -> None:
    assert image_size(url) == size


# The fast path for plain URLs must give what splitting into parts gives.
_URL_PIECES = st.sampled_from(
    ["http:", "https:", "HTTP:", "ftp:", "//", "/", "n.sinaimg.cn", "Example.COM", "sina.cn.",
     "w640h387", "a.jpg", ":8080", "@", "?", "#", "?x=1", "%20", " ", "\t", "中", "[::1]", "-",
     "..", "~", "'", "(", "*", "=", ";", "a", "\\", "{", "|"]
)  # fmt: skip
_URLS = st.lists(_URL_PIECES, max_size=8).map("".join)
_BASES = st.sampled_from([None, "https://finance.sina.com.cn/x/doc.shtml", "http://example.com/"])


@settings(max_examples=2000, deadline=None)
@given(_URLS, _BASES)
@example("//n.sinaimg.cn/a/w640h387/b.jpg", None)
@example("http://sina.cn./a.jpg", None)
@example("http://Example.COM", "http://example.com/")
def test_the_fast_path_for_plain_urls_agrees_with_splitting_them(
    raw: str, base: str | None
) -> None:
    assert normalize_url(raw, base) == normalize_by_parts(raw.strip(), base)


@settings(max_examples=2000, deadline=None)
@given(_URLS)
@example("https://w640h387/a.jpg")
@example("https://n.sinaimg.cn/x/w640h387/a.jpg?v=1")
def test_image_size_reads_the_path_whatever_the_url(raw: str) -> None:
    url = normalize_url(raw) or raw
    path = urlsplit(url).path
    match = re.search(r"/w(\d{1,5})h(\d{1,5})(?=/)", path)
    assert image_size(url) == (match and (int(match.group(1)), int(match.group(2))))
