"""Invariants, checked on generated input."""

from __future__ import annotations

import contextlib
import json
import re
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import DEFAULT_OPTIONS, Article, Code, InputError, ParseOptions, SinaParseError
from sinaparse._data.urls import normalize_url
from sinaparse._sources.read import read_source
from sinaparse._text import LAYOUT_SPACE, NOT_TEXT, clean_text

from .strategies import Expected, articles, base_urls, posts, raw_urls

SLOW = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(st.text())
@example("---\n---\n")
@example("\n---\ntitle: x\ndate: 2021-08-02\n---\n<div>")
@example("---\n: : :\n---")
def test_any_text_gives_an_article_or_a_sina_parse_error(text: str) -> None:
    try:
        article = sinaparse.parse(text)
    except SinaParseError:
        return
    assert article.title
    assert article.date.tzinfo is not None


@SLOW
@given(st.binary())
@example(b"\xff\xfe---")
@example(b"\xef\xbb\xbf---\ntitle: x\ndate: 2021-08-02\n---\n")
def test_any_bytes_give_an_article_or_a_sina_parse_error(data: bytes) -> None:
    with contextlib.suppress(SinaParseError):
        sinaparse.parse(data)


@SLOW
@given(st.text() | st.binary())
@example("<div><p>x</div></p><table><tr><td rowspan=x>")
def test_any_body_gives_a_body_or_a_sina_parse_error(source: str | bytes) -> None:
    try:
        body = sinaparse.parse_body(source)
    except SinaParseError:
        return
    for paragraph in body.paragraphs:
        assert paragraph
        assert paragraph == paragraph.strip()
        assert "  " not in paragraph
        assert "\n" not in paragraph


@SLOW
@given(posts())
def test_generated_posts_round_trip(case: tuple[str, Expected]) -> None:
    post, expected = case
    article = sinaparse.parse(post, options=ParseOptions(default_tz=expected.date.default_tz))
    assert article.title == expected.title
    assert article.date == expected.date.instant
    assert article.paragraphs == expected.paragraphs
    assert article.images == expected.images
    assert article.stocks == expected.stocks
    assert article.credits == expected.credits
    assert tuple(block for block in article.blocks if isinstance(block, Code)) == expected.code
    for leak in expected.leaks:
        assert leak not in article.text


@SLOW
@given(posts())
def test_from_dict_of_to_dict_is_the_same_article(case: tuple[str, Expected]) -> None:
    article = sinaparse.parse(case[0])
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


@SLOW
@given(articles())
def test_every_field_of_an_article_survives_to_dict_and_from_dict(article: Article) -> None:
    data = json.loads(json.dumps(article.to_dict(), allow_nan=False))
    assert Article.from_dict(data) == article


@SLOW
@given(raw_urls, base_urls)
@example("http://n.sinaimg.cn/a.jpg", None)
@example("//[::1", None)
def test_url_normalisation_is_absolute_and_idempotent(raw: str, base: str | None) -> None:
    url = normalize_url(raw, base)
    if url is None:
        return
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https")
    assert parts.hostname
    assert normalize_url(url, base) == url
    assert normalize_url(url) == url


@SLOW
@given(
    st.text(st.sampled_from("ab中\u3000\u00a0 \t\n\r\x0b\x0c\x1c\x85\u2028\u2003\x01\x7f\uffff"))
    | st.text()
)
@example("a  b   c")
@example("全角\u3000空格  保留")
def test_clean_text_fast_path_is_the_whitespace_rule(text: str) -> None:
    # The rule, written plainly: a form feed is white space, what else is not
    # text goes, then trim, and every layout run becomes one space.
    plain = NOT_TEXT.sub("", text.replace("\x0c", " "))
    assert clean_text(text) == LAYOUT_SPACE.sub(" ", plain).strip()


# Reading the source: text, its UTF-8 and its GB18030 bytes read the same ----

_CONTROL_CHARACTER = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SOURCE_TEXT = st.text(st.characters(codec="utf-8") | st.sampled_from("\x01\x08\x0b\x0c\x1f\x7f\r"))


def _read_or_error(source: str | bytes) -> str | None:
    try:
        return read_source(source, max_bytes=DEFAULT_OPTIONS.max_bytes)
    except InputError:
        return None


@settings(max_examples=1000, deadline=None)
@given(_SOURCE_TEXT)
@example("a\x01b\x7fc\r\nd")
@example("中\x1f文")
@example("\ufeff---")  # a GB18030 file's BOM is removed as a UTF-8 file's is
def test_text_and_its_encodings_read_the_same_without_control_characters(text: str) -> None:
    read = _read_or_error(text)

    assert _read_or_error(text.encode("utf-8")) == read
    gb18030 = text.encode("gb18030")
    if gb18030 != text.encode("utf-8"):  # ASCII alone is the same bytes in both
        with contextlib.suppress(UnicodeDecodeError):
            gb18030.decode("utf-8")
            return  # bytes valid as UTF-8 too are read as UTF-8, which is right
        # Valid GB18030 that reads as another CJK encoding's text is refused
        # (tests/test_hostile_encodings.py), never read as a different text.
        assert _read_or_error(gb18030) in (read, None)
    if read is not None:
        assert _CONTROL_CHARACTER.search(read) is None
        # A form feed is white space (to HTML and to YAML): a space.
        written = text.removeprefix("\ufeff").replace("\x0c", " ")
        assert read == _CONTROL_CHARACTER.sub("", written).replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize(
    ("text", "position", "code"),
    [("ab\ud800c", 2, "D800"), ("\ufeff\udfffx", 0, "DFFF"), ("甲乙丙\udc80", 3, "DC80")],
)
def test_a_lone_surrogate_is_named_with_its_position(text: str, position: int, code: str) -> None:
    with pytest.raises(InputError) as raised:
        read_source(text, max_bytes=DEFAULT_OPTIONS.max_bytes)
    assert str(raised.value) == (
        f"input: text holds a lone surrogate (U+{code}) at character {position}: "
        "it is not valid Unicode text"
    )
