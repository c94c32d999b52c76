"""A page's declared charset is read as browsers read its label.

Only the Encoding Standard's labels name an encoding: Python's codec registry
also knows ``rot13``, ``base64``, ``zlib`` and ``punycode`` (quadratic in the
text), which a page's ``<meta>`` must never reach. A label browsers do not
know declares nothing; Latin-1 is windows-1252; a UTF-16 label in a ``<meta>``
is UTF-8; bytes valid as UTF-8 are a page saved again as UTF-8, whatever it declares.
"""

from __future__ import annotations

import time

import pytest

import sinaparse
from sinaparse import InputError
from sinaparse._sources.charsets import PAGE_CHARSETS

from .posts import make_page, paragraph

_TEXT = "央行今日开展1000亿元逆回购操作。"


def _page(charset: str, encoding: str = "utf-8", text: str = _TEXT) -> bytes:
    # The template's own Chinese that the encoding lacks is written as references.
    return make_page(paragraph(text), charset=charset).encode(encoding, "xmlcharrefreplace")


@pytest.mark.parametrize(
    "label",
    ["rot13", "hex", "base64", "zlib", "bz2", "uu", "quopri", "undefined", "idna",
     "unicode_escape", "raw_unicode_escape", "mbcs", "cp037", "utf-7", "utf-32", "x-user-defined",
     "hz-gb-2312", "no-such-charset"],
)  # fmt: skip
def test_a_label_browsers_do_not_know_declares_nothing(label: str) -> None:
    article = sinaparse.parse_page(_page(label))
    assert article.paragraphs == (_TEXT,)


def test_a_punycode_label_costs_no_quadratic_decoding() -> None:
    page = _page("punycode", text="甲" * 300_000)  # ~1 MB: minutes in Python's punycode codec
    started = time.perf_counter()
    article = sinaparse.parse_page(page)
    assert time.perf_counter() - started < 2.0
    assert article.paragraphs == ("甲" * 300_000,)


@pytest.mark.parametrize("label", ["utf-16", "UTF-16LE", "utf-16be", "ucs-2", "unicode"])
def test_a_utf16_label_in_a_meta_is_utf8(label: str) -> None:
    assert sinaparse.parse_page(_page(label)).paragraphs == (_TEXT,)


@pytest.mark.parametrize(
    ("label", "encoding"),
    [("gb2312", "gb18030"), ("GBK", "gb18030"), ("x-gbk", "gb18030"), ("cp936", "gb18030"),
     ("gb18030", "gb18030"), ("big5", "big5hkscs"), ("euc-kr", "cp949"), ("shift_jis", "cp932"),
     ("euc-jp", "euc_jp")],
)  # fmt: skip
def test_a_cjk_charset_is_read_in_its_browser_codec(label: str, encoding: str) -> None:
    text = {"big5hkscs": "央行今日開展逆回購操作。", "cp949": "한국은행이 금리를 올렸다.",
            "cp932": "日本銀行が金利を上げた。", "euc_jp": "日本銀行が金利を上げた。"}.get(encoding, _TEXT)  # fmt: skip
    assert sinaparse.parse_page(_page(label, encoding, text)).paragraphs == (text,)


@pytest.mark.parametrize("label", ["iso-8859-1", "latin1", "windows-1252", "ascii"])
def test_latin1_is_windows_1252_as_browsers_read_it(label: str) -> None:
    text = "Caf\xe9 \u201cquotes\u201d \u20ac5"
    page = (
        make_page(paragraph(text), charset=label)
        .replace("标题", "Title")
        .replace("北京日报", "Daily")
    )
    if label == "ascii":  # ASCII is read as UTF-8: a Chinese page declaring it means it
        assert sinaparse.parse_page(page.encode("utf-8")).paragraphs == (text,)
        return
    assert sinaparse.parse_page(page.encode("cp1252", errors="ignore")).paragraphs == (text,)


@pytest.mark.parametrize("label", ["gb2312", "big5", "shift_jis", "iso-8859-1", "koi8-r"])
def test_a_page_saved_again_as_utf8_is_utf8_whatever_it_declares(label: str) -> None:
    assert sinaparse.parse_page(_page(label)).paragraphs == (_TEXT,)


def test_bytes_invalid_in_the_declared_charset_are_an_error_naming_it() -> None:
    page = _page("big5", "utf-8").replace(
        _TEXT.encode(), b"\x81\x20\xff\xfe" + "央".encode("big5hkscs")
    )
    with pytest.raises(InputError, match="big5hkscs"):
        sinaparse.parse_page(page)


def test_every_label_names_a_codec_python_has() -> None:
    import codecs

    for label, codec in PAGE_CHARSETS.items():
        assert label == label.lower().strip()
        assert codecs.lookup(codec).name  # no LookupError
        assert codecs.lookup(codec)._is_text_encoding


@pytest.mark.parametrize(
    "before",
    [
        '<!-- <meta charset="big5"> -->',
        '<!--[if IE]><meta charset="big5"><![endif]-->',
        "<script>document.write('<meta charset=\"big5\">')</script>",
        '<script charset="big5" src="x.js"></script>',  # names the script's charset
    ],
)
def test_a_charset_in_a_comment_or_a_script_is_not_the_pages(before: str) -> None:
    page = make_page(paragraph(_TEXT), charset="gb2312").replace("<head>", f"<head>{before}", 1)
    assert sinaparse.parse_page(page.encode("gb18030")).paragraphs == (_TEXT,)


def test_a_seven_bit_encoding_is_read_in_what_the_page_declares() -> None:
    # ISO-2022-JP is ASCII bytes: valid UTF-8 too, but text only in its own codec.
    text = "日本銀行が金利を上げた。"
    page = _page("iso-2022-jp", "iso2022_jp", text)
    assert page.isascii()
    assert sinaparse.parse_page(page).paragraphs == (text,)


@pytest.mark.parametrize("label", ["hz-gb-2312", "iso-2022-kr", "iso-2022-cn", "replacement"])
def test_a_replacement_encoding_over_ascii_bytes_is_refused(label: str) -> None:
    page = (
        make_page(paragraph("~{VPND~}"), charset=label)
        .replace("标题", "T")
        .replace("北京日报", "D")
    )
    page = "".join(character if character.isascii() else "?" for character in page)
    with pytest.raises(InputError, match=f"declares {label}, which browsers do not read"):
        sinaparse.parse_page(page.encode("ascii"))
