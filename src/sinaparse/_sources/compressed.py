"""Compressed bytes are named, not read as text.

A scraper that does not undo ``Content-Encoding: gzip`` (urllib does not), or
that hands over an archived file as it lies on disk, passes compressed bytes.
Read as text they are an undecodable mess, or worse, GB18030 that decodes with
a few replacements: a silently wrong article. Their first bytes say what they
are, and the error says so and how to read them.
"""

from __future__ import annotations

from ..errors import InputError

# Magic numbers no UTF-8, GB18030 or UTF-16 text starts with (a control byte,
# or a byte sequence no text encoding read here holds): what the bytes are,
# and how to read them.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x1f\x8b", "gzip-compressed",
     "decompress them first (gzip.decompress, or let the HTTP client undo Content-Encoding)"),
    (b"\x28\xb5\x2f\xfd", "Zstandard-compressed", "decompress them first"),
    (b"\xfd7zXZ\x00", "xz-compressed", "decompress them first (lzma.decompress)"),
    (b"BZh", "bzip2-compressed", "decompress them first (bz2.decompress)"),
    (b"PK\x03\x04", "a ZIP archive", "read its files one by one (zipfile)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "read its files one by one"),
)  # fmt: skip
# What follows "BZh" and a block size in a bzip2 stream: a block's magic, or
# an empty stream's end.
_BZIP2_BLOCKS = (b"1AY&SY", b"\x17rE8P\x90")
ZLIB_HINT = "; they may be zlib-compressed (zlib.decompress)"
"""Said of bytes that are no text and start as a zlib stream (:func:`zlib_stream`)."""


def compression_of(data: bytes) -> tuple[str, str] | None:
    """What compressed ``data`` is and how to read it, or None for bytes that
    do not start as a compressed stream or archive does.

    >>> import gzip
    >>> compression_of(gzip.compress(b"<p>x</p>"))[0], compression_of(b"<p>x</p>")
    ('gzip-compressed', None)
    """
    for magic, what, how in _MAGIC:
        if data.startswith(magic):
            if magic == b"BZh" and not (data[3:4].isdigit() and data[4:10] in _BZIP2_BLOCKS):
                continue
            return what, how
    return None


def zlib_stream(data: bytes) -> bool:
    """Whether ``data`` starts as a zlib stream does (deflate, its checked
    header). That header can begin GB18030 text (``x`` and a lead byte): it is
    only a hint on bytes that are no text."""
    return (
        len(data) >= 2
        and data[0] == 0x78
        and data[1] in (0x01, 0x9C, 0xDA)
        and (data[0] * 256 + data[1]) % 31 == 0
    )


def refuse_compressed(data: bytes) -> None:
    """Raise an InputError saying what ``data`` is, when it is compressed."""
    found = compression_of(data)
    if found is not None:
        what, how = found
        raise InputError(
            f"the bytes are {what} (they start with {data[:4].hex(' ')}), not text: {how}"
        )
