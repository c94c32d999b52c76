"""Addresses and dates that cannot work are said, never silently kept or dropped.

``ParseOptions(base_url=…)`` refuses a base no address could be resolved
against, by the host and port rules the pictures' URLs follow; a picture URL
holding ``user:pass@`` is dropped with ``image-invalid-url``; an unusable
``headimg`` / ``thumbnail`` gives ``head-image-invalid``; a date that some zone
cannot show is a DateError, so ``to_arrow(tz=…)`` and ``--tz`` never overflow.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sinaparse
from sinaparse import DateError, OptionsError, ParseOptions
from sinaparse.outputs.cli import main

from .posts import make_post, paragraph


@pytest.mark.parametrize(
    ("base", "reason"),
    [
        ("https://exa mple.com/", "holds ' '"),
        ("https://example.com/\x00", "holds '\\x00'"),
        ("https://example.com/\n", "white space around it"),
        (" https://example.com/", "white space around it"),
        ("https://example.com/ ", "white space around it"),
        ("https://example.com\\@evil.com/", "holds '\\\\'"),
        ("https://x.com:99999/", "port '99999'"),
        ("https://x.com:0/", "port '0'"),
        ("https://x.com:abc/", "port 'abc'"),
        (":abc", "not an absolute http(s) URL"),
        (":-1", "not an absolute http(s) URL"),
        ("//example.com/", "not an absolute http(s) URL"),
        ("https://a..b/", "host"),
        ("https://.com/", "host"),
        ("https://\u200bexample.com/", "host"),
        ("https://%65xample.com/", "host"),
        ("https://user:pass@example.com/", "user name or password"),
        ("https://@example.com/", "user name or password"),
        ("http://[::1/", "cannot be read as a URL"),
    ],
)
def test_a_base_url_that_cannot_work_is_an_options_error_saying_why(base: str, reason: str) -> None:
    with pytest.raises(OptionsError) as caught:
        ParseOptions(base_url=base)
    assert reason in caught.value.reason


@pytest.mark.parametrize(
    "base",
    [
        "https://finance.sina.com.cn/a/b.html",
        "http://finance.sina.com.cn/",
        "HTTPS://EXAMPLE.COM/",
        "https://例子.中国/a/",
        "http://[::1]:8080/",
        "https://example.com#frag",
    ],
)
def test_a_usable_base_url_resolves_relative_pictures(base: str) -> None:
    body = sinaparse.parse_body('<p>x</p><img src="/a/b.jpg">', options=ParseOptions(base_url=base))
    assert [image.url.rsplit("/", 2)[-2:] for image in body.images] == [["a", "b.jpg"]]


@pytest.mark.parametrize(
    "src",
    [
        "https://user:pass@n.sinaimg.cn/a.jpg",
        "https://user@n.sinaimg.cn/a.jpg",
        "//user:pass@example.com/a.jpg",
        "https://@n.sinaimg.cn/a.jpg",
    ],
)
def test_a_picture_url_with_credentials_is_dropped_with_a_warning(src: str) -> None:
    body = sinaparse.parse_body(f'<p>x</p><img src="{src}">')
    assert body.images == ()
    assert [warning.code for warning in body.warnings] == ["image-invalid-url"]
    assert "user name or password" in body.warnings[0].message


def test_an_at_sign_after_the_host_is_kept() -> None:
    body = sinaparse.parse_body('<p>x</p><img src="https://n.sinaimg.cn/a@2x.jpg?u=a@b">')
    assert [image.url for image in body.images] == ["https://n.sinaimg.cn/a@2x.jpg?u=a@b"]


def _post_with_head_image(url: str) -> str:
    return make_post(paragraph("正文"), headimg=json.dumps(url))


@pytest.mark.parametrize(
    "url",
    [
        "https://exa mple.com/x.jpg",
        "ftp://x/y.jpg",
        "javascript:alert(1)",
        "https://picsum%2Ephotos/400",
        "https://n.sinaimg.cn:99999/a.jpg",
        "https://user:pass@n.sinaimg.cn/a.jpg",
        "data:image/gif;base64,R0lGOD",
        "/relative.jpg",
    ],
)
def test_an_unusable_head_image_is_dropped_with_a_warning(url: str) -> None:
    article = sinaparse.parse(_post_with_head_image(url))
    assert (article.head_image, article.thumbnail) == (None, None)
    invalid = [w.message for w in article.warnings if w.code == "head-image-invalid"]
    assert [message.split(" ", 1)[0] for message in invalid] == ["headimg", "thumbnail"]
    assert all(message.split(" ", 1)[1].startswith(f"{url!r} dropped") for message in invalid)


@pytest.mark.parametrize("url", ["", "   "])
def test_an_empty_head_image_says_nothing(url: str) -> None:
    article = sinaparse.parse(_post_with_head_image(url))
    assert article.head_image is None
    assert "head-image-invalid" not in [w.code for w in article.warnings]


def test_a_relative_head_image_resolves_against_the_base() -> None:
    options = ParseOptions(base_url="https://finance.sina.com.cn/a/")
    article = sinaparse.parse(_post_with_head_image("/h.jpg"), options=options)
    assert article.head_image is not None
    assert article.head_image.url == "https://finance.sina.com.cn/h.jpg"
    assert "head-image-invalid" not in [w.code for w in article.warnings]


@pytest.mark.parametrize(
    "date",
    [
        "0001-01-01T00:00:00+08:00",
        "0001-01-01T23:59:59+00:00",
        "0001-01-01 00:00:00 CST",
        "0001-01-01",  # zone-less: read in Beijing time
        "9999-12-31T23:59:59-05:00",
        "9999-12-31T00:00:01+00:00",
        "Fri, 31 Dec 9999 12:00:00 GMT",
    ],
)
def test_a_date_some_zone_cannot_show_is_a_date_error(date: str) -> None:
    with pytest.raises(DateError, match="too near the year 1 or 9999"):
        sinaparse.parse(make_post(paragraph("正文"), date=date))


EDGE_DATES = ["0001-01-02T00:00:00+00:00", "0001-01-02T14:00:00+14:00", "9999-12-30T23:59:59Z"]
FAR_ZONES = ["UTC", "Asia/Shanghai", "Pacific/Kiritimati", "Etc/GMT+12"]


@pytest.mark.parametrize("date", EDGE_DATES)
@pytest.mark.parametrize("zone", FAR_ZONES)
def test_a_date_near_the_ends_that_parses_converts_to_any_zone(date: str, zone: str) -> None:
    pytest.importorskip("pyarrow")
    article = sinaparse.parse(make_post(paragraph("正文"), date=date))
    table = sinaparse.to_arrow([article], tz=zone)
    assert table.column("date")[0].as_py().timestamp() == article.date.timestamp()


@pytest.mark.parametrize("zone", FAR_ZONES)
def test_the_command_line_writes_edge_dates_in_any_zone(tmp_path: Path, zone: str) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    for n, date in enumerate(EDGE_DATES):
        (folder / f"{n}.md").write_text(make_post(paragraph("正文"), date=date), "utf-8")
    out = tmp_path / "a.jsonl"
    assert main([str(folder), "-o", str(out), "--tz", zone]) == 0
    assert len(out.read_text("utf-8").splitlines()) == len(EDGE_DATES)
