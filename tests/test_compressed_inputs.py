"""Compressed bytes are named, never read as text.

A spider that does not undo ``Content-Encoding: gzip`` hands over gzip; an
archive hands over bz2, xz, Zstandard or ZIP. Each entry point refuses such
bytes with an InputError that says what they are and how to read them,
instead of a decoding error or, worse, GB18030 mojibake with replacements.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zipfile
import zlib
from collections.abc import Callable

import pytest

import sinaparse
from sinaparse import InputError

from .posts import make_feed, make_page, make_post, paragraph

_POST = make_post(paragraph("央行今日开展1000亿元逆回购操作。")).encode("utf-8")
_PAGE = make_page(paragraph("央行今日开展1000亿元逆回购操作。")).encode("gb18030")
_FEED = make_feed(
    [{"title": "标题", "link": "https://finance.sina.com.cn/a.shtml",
      "date": "Mon, 02 Aug 2021 12:49:57 GMT", "description": paragraph("正文")}]
).encode("utf-8")  # fmt: skip


def _zipped(data: bytes) -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("post.md", data)
    return archive.getvalue()


_COMPRESSIONS: list[tuple[str, Callable[[bytes], bytes]]] = [
    ("gzip-compressed", gzip.compress),
    ("gzip-compressed", lambda data: gzip.compress(data, compresslevel=1, mtime=0)),
    ("bzip2-compressed", bz2.compress),
    ("bzip2-compressed", lambda data: bz2.compress(b"")),  # an empty stream
    ("xz-compressed", lzma.compress),
    ("a ZIP archive", _zipped),
]
_ENTRY_POINTS: list[tuple[str, bytes, Callable[[bytes], object]]] = [
    ("parse", _POST, sinaparse.parse),
    ("parse_body", _POST, sinaparse.parse_body),
    ("parse_page", _PAGE, sinaparse.parse_page),
    ("parse_feed", _FEED, lambda data: list(sinaparse.parse_feed(data))),
]


@pytest.mark.parametrize(
    ("entry", "document", "read"), _ENTRY_POINTS, ids=[e[0] for e in _ENTRY_POINTS]
)
@pytest.mark.parametrize(("what", "compress"), _COMPRESSIONS)
def test_compressed_bytes_are_an_input_error_that_says_what_they_are(
    entry: str,
    document: bytes,
    read: Callable[[bytes], object],
    what: str,
    compress: Callable[[bytes], bytes],
) -> None:
    with pytest.raises(InputError, match=f"the bytes are {what} .*, not text: ") as raised:
        read(compress(document))
    assert raised.value.line is None


def test_a_zstandard_frame_is_named_by_its_magic() -> None:
    frame = bytes.fromhex("28b52ffd") + bytes(range(256))  # no zstandard in the standard library
    with pytest.raises(InputError, match="Zstandard-compressed"):
        sinaparse.parse_body(frame)


def test_zlib_bytes_that_are_no_text_get_a_hint() -> None:
    with pytest.raises(InputError, match="may be zlib-compressed"):
        sinaparse.parse(zlib.compress(_POST, 9))


@pytest.mark.parametrize(
    "text",
    [
        "BZh9 开头的正文，央行今日开展逆回购操作",  # "BZh" then no bzip2 header: text
        "PK赛：央行今日开展逆回购操作",
        # In GB18030, "x" then 淍 is 78 9c, the header of a zlib stream: still text.
        "x\u6dcd 正文，央行今日开展逆回购操作",
    ],
)
def test_text_that_starts_like_a_magic_number_is_text(text: str) -> None:
    for encoding in ("utf-8", "gb18030"):
        body = sinaparse.parse_body(text.encode(encoding))
        assert body.paragraphs == (text,)
