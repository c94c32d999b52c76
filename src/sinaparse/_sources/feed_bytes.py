"""A feed's bytes, and the encoding they are read in.

Bytes are read in the encoding the XML declares, or that a BOM gives (UTF-8,
UTF-16 LE or BE). A declaration of GB2312 or GBK (any label browsers read as
GBK: see ``charsets``) is read as GB18030, as browsers read it. Bytes that are
valid UTF-8, and not ASCII, are UTF-8 whatever the feed declares: a feed saved
again as UTF-8 keeps its old declaration, and real GB18030, Big5 or Latin-1
text is never valid UTF-8 past its first non-ASCII character (a page's
charset is read so, see ``page_tree``).
Bytes not valid in the encoding chosen are named by their offset and line.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError
from .charsets import codec_of
from .compressed import refuse_compressed

# An XML declaration's encoding.
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
# The UTF-8 check decodes this much at a time: a feed may be 256 MiB.
_CHECK_CHUNK = 1 << 20


def feed_bytes(source: str | bytes, max_bytes: int) -> bytes:
    """The feed's bytes (text encoded in UTF-8), within ``max_bytes``."""
    if isinstance(source, str):
        if len(source) > max_bytes:
            raise InputError(f"longer than max_feed_bytes ({max_bytes:,} characters)")
        try:
            return source.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputError(f"text holds a lone surrogate at character {exc.start}") from None
    if not isinstance(source, (bytes, bytearray, memoryview)):
        raise InputError(f"expected str or bytes, not {type(source).__name__}")
    data = bytes(source)
    if len(data) > max_bytes:
        raise InputError(f"larger than max_feed_bytes ({max_bytes:,} bytes)")
    refuse_compressed(data)
    if _wide_without_bom(data[:4]):
        # libxml2 would guess it from the "<" it starts with; XML requires the
        # BOM of UTF-16 (XML 1.0, 4.3.3), and sinaparse guesses no encoding.
        raise InputError(
            "the feed is in UTF-16 (or UTF-32) without a BOM: it is read only with its BOM"
        )
    return data


def _wide_without_bom(start: bytes) -> bool:
    """Whether ``start`` (a document's first four bytes) is ASCII in UTF-16 or
    UTF-32 with no BOM: a NUL byte beside each character. (With a BOM, libxml2
    reads UTF-16 in the order the BOM gives, whatever the declaration says.)"""
    if len(start) < 4 or start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    little = start[0] and not start[1] and not start[3]
    big = not start[0] and start[1] and not start[2]
    return bool(little or big)


def declared_encoding(data: bytes) -> str | None:
    """The encoding label the XML declaration names, lower-cased; None without one."""
    declared = _DECLARED_ENCODING.match(data[:200])
    return declared.group(1).decode("ascii").lower() if declared else None


def reading_encoding(source: str | bytes, data: bytes) -> str | None:
    """The encoding to read ``data`` in when the document's own cannot be trusted
    (None: the declaration or BOM, as libxml2 reads them): UTF-8 for text
    (encoded here), and for GB-declared bytes that are valid UTF-8; GB18030
    for the other GB-declared bytes."""
    if isinstance(source, str):
        return "utf-8"
    declared = declared_encoding(data)
    if declared is None or declared.replace("_", "-") in ("utf-8", "utf8"):
        return None
    # Any other declaration over bytes that are UTF-8 (and not ASCII, which
    # every such encoding reads alike): a feed saved again as UTF-8.
    if not data.isascii() and _is_utf8(data):
        return "utf-8"
    return "gb18030" if codec_of(declared) == "gb18030" else None


def _is_utf8(data: bytes) -> bool:
    return _first_bad_byte(data, "utf-8") is None


def encoding_problem(data: bytes, encoding: str | None) -> str | None:
    """What is wrong with ``data`` in the encoding it is read in, or None when
    Python's codec finds nothing wrong (libxml2's message is then the one to give)."""
    name, why = _codec_read(data, encoding)
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    offset = _first_bad_byte(data, name)
    if offset is None:
        return None
    line = data.count(b"\n", 0, offset) + 1
    return (
        f"the feed's bytes are not valid {why}: byte 0x{data[offset]:02x} at offset "
        f"{offset:,} (line {line}) is not a character in it"
    )


def _first_bad_byte(data: bytes, codec: str) -> int | None:
    """The offset of the first byte of ``data`` that is no character in ``codec``."""
    decoder = codecs.getincrementaldecoder(codec)()
    view = memoryview(data)
    fed = 0
    try:
        for fed in range(_CHECK_CHUNK, len(data) + _CHECK_CHUNK, _CHECK_CHUNK):
            decoder.decode(view[fed - _CHECK_CHUNK : fed])
        fed = len(data)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        # The decoder's input was the bytes it held back and those just fed.
        fed = min(fed, len(data))
        return min(fed - len(exc.object) + exc.start, len(data) - 1)
    return None


def _codec_read(data: bytes, encoding: str | None) -> tuple[str, str]:
    """The Python codec of the encoding ``data`` is read in, and how to name it."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", "UTF-8 (its BOM says so)"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "UTF-16 (its BOM says so)"
    declared = declared_encoding(data)
    if encoding == "gb18030":
        return "gb18030", f"GB18030 (the feed declares {declared}, and they are not UTF-8 either)"
    if declared and encoding is None and declared.replace("_", "-") not in ("utf-8", "utf8"):
        return declared, f"{declared}, the encoding the feed declares"
    return "utf-8", "UTF-8"
