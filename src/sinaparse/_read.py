"""Stage 1: the source (str or bytes) becomes text with ``\\n`` line ends."""

from __future__ import annotations

import codecs
import re

from ._text import CONTROL_CHARACTERS
from .errors import InputError

# Control characters are not text in HTML or YAML: lxml refuses them in a
# tree, so they go before any stage sees them.
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
# The same characters as bytes. In UTF-8 and GB18030 these bytes never occur
# inside a multi-byte character, so bytes without them decode to text without
# them: deleting them from bytes is a quicker test than searching the text.
_CONTROL_BYTES = bytes(byte for byte in range(0x80) if _CONTROL.match(chr(byte)))


def read_source(source: str | bytes, *, max_bytes: int) -> str:
    """Decode ``source`` and normalise its line ends.

    Bytes are UTF-8 (with or without BOM), else GB18030; anything else is an
    error, never mojibake. ``str`` input is taken as it is.

    Raises:
        InputError: the input is too large, not text, or not decodable.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        text = _decode(data, max_bytes=max_bytes)
    elif isinstance(source, str):
        if len(source) > max_bytes:
            raise InputError(f"longer than max_bytes ({max_bytes:,} characters)")
        text = source.removeprefix("\ufeff")
        data = _utf8_of(text)
    else:
        raise InputError(f"expected str or bytes, not {type(source).__name__}")
    if "\x00" in text:
        raise InputError(f"text holds a NUL character at character {text.index(chr(0))}")
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        text = _CONTROL.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _utf8_of(text: str) -> bytes:
    try:
        return text.encode("utf-8")  # fails at the first lone surrogate, and only there
    except UnicodeEncodeError as exc:
        raise InputError(
            f"text holds a lone surrogate (U+{ord(text[exc.start]):04X}) "
            f"at character {exc.start}: it is not valid Unicode text"
        ) from None


def _decode(data: bytes, *, max_bytes: int) -> str:
    if len(data) > max_bytes:
        raise InputError(f"larger than max_bytes ({max_bytes:,} bytes)")
    if data.startswith(codecs.BOM_UTF8):
        return _decode_as(data[len(codecs.BOM_UTF8) :], "utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030").removeprefix("\ufeff")  # GB18030 has a BOM too
    except UnicodeDecodeError as exc:
        raise InputError(
            f"bytes are neither UTF-8 nor GB18030 text "
            f"(byte 0x{data[exc.start]:02x} at offset {exc.start} is not valid in either)"
        ) from None


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"bytes start with a UTF-8 BOM but are not UTF-8 "
            f"(byte 0x{data[exc.start]:02x} at offset {exc.start + 3})"
        ) from None
