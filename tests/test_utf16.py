"""UTF-16 with a BOM is read, for every input kind; without a BOM it is never guessed.

The BOM says the byte order (LE ``FF FE``, BE ``FE FF``) and is dropped; the
text then reads exactly as its UTF-8 form does. UTF-16 without a BOM, and
UTF-32, are InputErrors that say so. UTF-8 and GB18030 are read as before.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import sinaparse
from sinaparse import InputError
from sinaparse._sources.kind import input_kind
from sinaparse._sources.read import read_source
from sinaparse.batch import parse_many

from .conftest import CORPUS
from .posts import make_post, paragraph

POST = CORPUS / "posts" / "sina_013_天价荔枝.md"
BODY = CORPUS / "bodies" / "sqldump_jspsqwl_news02_安徽中风险地区.html"
UTF8_PAGE = CORPUS / "pages" / "news_2019-09_中国芯_article_domdump.html"
GB_PAGE = CORPUS / "pages" / "finance_2016-05_forex_人民币中间价_timeSource_raw.html"
FEED = CORPUS / "feeds" / "rsshub_sina_finance_escaped.xml"

BOMS = [
    pytest.param(codecs.BOM_UTF16_LE, "utf-16-le", id="LE"),
    pytest.param(codecs.BOM_UTF16_BE, "utf-16-be", id="BE"),
]


def _utf16(text: str, bom: bytes, codec: str) -> bytes:
    return bom + text.encode(codec)


def _page_text(path: Path) -> str:
    data = path.read_bytes()
    return data.decode("gb18030") if b"gb2312" in data[:4096].lower() else data.decode("utf-8")


@pytest.mark.parametrize(("bom", "codec"), BOMS)
def test_a_post_in_utf16_reads_as_in_utf8(bom: bytes, codec: str) -> None:
    text = POST.read_text(encoding="utf-8")
    assert sinaparse.parse(_utf16(text, bom, codec)) == sinaparse.parse(text.encode())


@pytest.mark.parametrize(("bom", "codec"), BOMS)
def test_a_bare_body_in_utf16_reads_as_in_utf8(bom: bytes, codec: str) -> None:
    text = BODY.read_text(encoding="utf-8")
    assert sinaparse.parse_body(_utf16(text, bom, codec)) == sinaparse.parse_body(text.encode())


@pytest.mark.parametrize("page", [UTF8_PAGE, GB_PAGE], ids=["utf8-page", "gb2312-page"])
@pytest.mark.parametrize(("bom", "codec"), BOMS)
def test_a_page_in_utf16_reads_as_in_its_charset(page: Path, bom: bytes, codec: str) -> None:
    # The GB page still declares gb2312 in its <meta>: the BOM wins.
    expected = sinaparse.parse_page(page.read_bytes())
    assert sinaparse.parse_page(_utf16(_page_text(page), bom, codec)) == expected


def _items(data: bytes) -> list[sinaparse.Article | None]:
    return [outcome.article for outcome in sinaparse.parse_feed(data)]


@pytest.mark.parametrize("declared", ["UTF-8", "UTF-16", "GB2312"])
@pytest.mark.parametrize(("bom", "codec"), BOMS)
def test_a_feed_in_utf16_reads_as_in_utf8_whatever_it_declares(
    declared: str, bom: bytes, codec: str
) -> None:
    text = FEED.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    relabelled = text.replace('encoding="UTF-8"', f'encoding="{declared}"', 1)
    items = _items(_utf16(relabelled, bom, codec))
    assert items == _items(text.encode())
    assert all(item is not None for item in items)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_not_guessed(codec: str) -> None:
    post = POST.read_text(encoding="utf-8").encode(codec)
    with pytest.raises(InputError, match="UTF-16 without a BOM"):
        sinaparse.parse(post)
    with pytest.raises(InputError, match="UTF-16 without a BOM"):
        sinaparse.parse_body("<p>plain ASCII</p>".encode(codec))
    with pytest.raises(InputError, match="without a BOM"):
        list(sinaparse.parse_feed(FEED.read_text(encoding="utf-8").encode(codec)))


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be"])
def test_utf32_is_refused(codec: str) -> None:
    data = make_post(paragraph("正文")).encode(codec)
    if codec == "utf-32-be":
        data = codecs.BOM_UTF32_BE + data
    with pytest.raises(InputError, match="UTF-32"):
        sinaparse.parse(data)


def test_utf16_that_breaks_after_its_bom_is_an_input_error() -> None:
    data = codecs.BOM_UTF16_LE + "正文".encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate
    with pytest.raises(InputError, match="UTF-16 LE BOM but are not UTF-16"):
        sinaparse.parse_body(data)


@pytest.mark.parametrize(("bom", "codec"), BOMS)
def test_parse_many_tells_the_kind_of_a_utf16_file(tmp_path: Path, bom: bytes, codec: str) -> None:
    for source in (POST, UTF8_PAGE, FEED):
        target = tmp_path / source.name
        target.write_bytes(_utf16(_page_text(source), bom, codec))
        assert input_kind(target.read_bytes()) == input_kind(source.read_bytes())
    outcomes = list(parse_many([tmp_path]))
    assert [outcome.error for outcome in outcomes] == [None] * len(outcomes)
    assert len(outcomes) == 2 + 5  # a post, a page, a feed of five items


@given(st.text(st.characters(blacklist_categories=["Cs"]), max_size=200))
@example("a\r\nb\x01\u3000")
@example("\x00")
@example("\ufeffx")
def test_any_text_in_utf16_with_a_bom_reads_as_it_does_in_utf8(text: str) -> None:
    # A text that starts with U+FEFF: in UTF-8 its bytes are a BOM, and go;
    # after UTF-16's own BOM, it is a character (ZWNBSP) of the text.
    expected = _read(codecs.BOM_UTF8 + text.encode())
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        assert _read(_utf16(text, bom, codec)) == expected


def _read(data: bytes) -> str | None:
    """The text read, or None for an InputError (a NUL is one in any encoding;
    UTF-16 LE's BOM and a NUL are UTF-32 LE's BOM, refused)."""
    try:
        return read_source(data, max_bytes=10**6)
    except InputError:
        return None
