"""The source (a file's bytes, bytes, or str) becomes text with ``\\n`` line ends."""

from __future__ import annotations

import codecs
import os
import re
import stat
from typing import BinaryIO

from .._text import CONTROL_CHARACTERS
from ..article import ParseWarning
from ..errors import InputError
from .compressed import ZLIB_HINT, refuse_compressed, zlib_stream
from .encodings import gb18030_oddity, other_encodings

# Control characters are not text in HTML or YAML: lxml refuses them in a
# tree, so they go before any stage sees them.
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
# The same characters as bytes. In UTF-8 and GB18030 these bytes never occur
# inside a multi-byte character, so bytes without them decode to text without
# them: deleting them from bytes is a quicker test than searching the text.
_CONTROL_BYTES = bytes(byte for byte in range(0x80) if _CONTROL.match(chr(byte)))
# Later reads of a file whose size said nothing (a pipe, a /proc file): small
# enough for malloc, not a fresh mapping of the whole limit each time.
_READ_CHUNK = 64 * 1024


def read_file(path: str | os.PathLike[str], *, max_bytes: int, only_regular: bool = False) -> bytes:
    """The bytes of the file at ``path``, or its first ``max_bytes + 1`` bytes.

    One byte past the limit is enough to refuse a file, so a huge file is
    never loaded. The first read asks for the file's size plus one, not for
    the limit: a read of ``max_bytes`` would map and unmap megabytes for
    every small post.

    With ``only_regular`` (batches, the command, the report), anything but a
    regular file (or a link to one) is refused: a FIFO without a writer would
    block the read forever, and a device may never end. It is refused before
    it is opened (opening some devices does something), and again once it is
    opened, without blocking, so that a FIFO put in its place meanwhile cannot
    block either.

    Raises:
        InputError: ``only_regular``, and ``path`` is a folder, a FIFO, a socket or a device.
        OSError: the file cannot be opened or read.
    """
    if not only_regular:
        with open(path, "rb", buffering=0) as file:
            return _read_up_to(file, os.fstat(file.fileno()).st_size, max_bytes)
    _refuse_unless_regular(os.stat(path).st_mode, path)
    with open(os.open(path, _OPEN_FLAGS), "rb", buffering=0) as file:
        status = os.fstat(file.fileno())
        _refuse_unless_regular(status.st_mode, path)
        if _NONBLOCK:  # a regular file reads the same either way, but some file systems may not
            os.set_blocking(file.fileno(), True)
        return _read_up_to(file, status.st_size, max_bytes)


def _read_up_to(file: BinaryIO, size: int, max_bytes: int) -> bytes:
    parts = [file.read(min(size, max_bytes) + 1)]
    total = len(parts[-1])
    # A size of 0 or a file still growing: read on to its end or past the limit.
    while parts[-1] and total <= max_bytes:
        parts.append(file.read(min(_READ_CHUNK, max_bytes + 1 - total)))
        total += len(parts[-1])
    return b"".join(parts)


# O_NONBLOCK: opening a FIFO for reading waits for a writer without it. It
# changes nothing for a regular file. (Windows has neither FIFOs nor the flag.)
_NONBLOCK: int = getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS = os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0)

_NOT_REGULAR = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _refuse_unless_regular(mode: int, path: str | os.PathLike[str]) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _NOT_REGULAR if test(mode)), "not a regular file")
    raise InputError(f"is {kind}: only regular files are read", path=path)


def read_source(
    source: str | bytes, *, max_bytes: int, warnings: list[ParseWarning] | None = None
) -> str:
    """Decode ``source`` and normalise its line ends.

    Bytes are UTF-8 (with or without BOM), UTF-16 with its BOM (LE or BE),
    else GB18030; anything else is an error, never mojibake (UTF-16 without a
    BOM is not guessed: it is an error, and so is UTF-32):

    - UTF-8 with a few invalid byte sequences (at least two good non-ASCII
      characters for each bad sequence) is read with U+FFFD for each, and a
      ``bytes-replaced`` warning counts them and gives the first one's byte
      offset and line; so is GB18030 with a few.
    - Bytes that read as GB18030 but decode as Big5, EUC-KR, EUC-JP or
      Shift_JIS text (see :mod:`.encodings`) are an error naming them.
    - Valid GB18030 that is not Chinese text and fits no other encoding is
      read, with an ``encoding-doubtful`` warning.

    ``str`` input is taken as it is. Warnings are appended to ``warnings``.

    Raises:
        InputError: the input is too large, not text, or not decodable.
    """
    found: list[ParseWarning] = [] if warnings is None else warnings
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        text = _decode(data, max_bytes=max_bytes, warnings=found)
    elif isinstance(source, str):
        if len(source) > max_bytes:
            raise InputError(f"longer than max_bytes ({max_bytes:,} characters)")
        text = source.removeprefix("\ufeff")
        data = _utf8_of(text)
    else:
        raise InputError(f"expected str or bytes, not {type(source).__name__}")
    # The NUL is looked for in the UTF-8 or GB18030 bytes, where it is the
    # zero byte (memchr), not in the text: in a str of Chinese every ASCII
    # character's high byte is zero, and the search stops at each. UTF-16's
    # bytes hold zeros of their own.
    if (b"\x00" in data) if not data.startswith(_UTF16_BOMS) else ("\x00" in text):
        given_bytes = not isinstance(source, str)
        hint = _utf16_hint(data) if given_bytes and not data.startswith(_UTF16_BOMS) else ""
        raise InputError(f"text holds a NUL character at character {text.index(chr(0))}{hint}")
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        # A form feed is white space to HTML (and to YAML): a space, not a glue.
        text = _CONTROL.sub("", text.replace("\x0c", " "))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _utf16_hint(data: bytes) -> str:
    # UTF-16 without a BOM: a NUL byte beside each ASCII character (its ASCII
    # alone reads as UTF-8 holding NULs, its Chinese as neither UTF-8 nor GB18030).
    start = data[:64]
    if len(start) >= 8 and start.count(b"\x00") * 4 >= len(start):
        return " (UTF-16 without a BOM? it is read only with its BOM)"
    return ""


def _utf8_of(text: str) -> bytes:
    try:
        return text.encode("utf-8")  # fails at the first lone surrogate, and only there
    except UnicodeEncodeError as exc:
        raise InputError(
            f"text holds a lone surrogate (U+{ord(text[exc.start]):04X}) "
            f"at character {exc.start}: it is not valid Unicode text"
        ) from None


_DECODE_THEM = "decode them and pass the text"


def _decode(data: bytes, *, max_bytes: int, warnings: list[ParseWarning]) -> str:
    if len(data) > max_bytes:
        raise InputError(f"larger than max_bytes ({max_bytes:,} bytes)")
    refuse_compressed(data)
    if data.startswith(codecs.BOM_UTF8):
        return _decode_after_bom(data, warnings)
    if data.startswith(_UTF32_BOMS):  # before UTF-16: UTF-32 LE's BOM starts with UTF-16 LE's
        raise InputError(f"bytes start with a UTF-32 BOM: UTF-32 is not read; {_DECODE_THEM}")
    if data.startswith(_UTF16_BOMS):
        return _decode_utf16(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        return _decode_damaged(data, utf8_error, exc, warnings)
    return _checked_gb18030(data, text, utf8_error, warnings)


# UTF-16 is read only with its BOM, which says which byte order: without one,
# its ASCII half is valid UTF-8 holding NULs, refused as such (never guessed).
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


def _decode_utf16(data: bytes) -> str:
    try:
        return data.decode("utf-16")  # reads the BOM for the byte order, and drops it
    except UnicodeDecodeError as exc:
        order = "LE" if data.startswith(codecs.BOM_UTF16_LE) else "BE"
        raise InputError(
            f"bytes start with a UTF-16 {order} BOM but are not UTF-16 "
            f"(offset {exc.start}: {exc.reason})"
        ) from None


def _decode_after_bom(data: bytes, warnings: list[ParseWarning]) -> str:
    body = data[len(codecs.BOM_UTF8) :]
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _with_replacements(body, "utf-8", exc, warnings, skipped=len(codecs.BOM_UTF8))
        if text is not None:
            return text
        raise InputError(
            f"bytes start with a UTF-8 BOM but are not UTF-8 ({_where(data, exc.start + 3)})",
            line=_line(data, exc.start + 3),
        ) from None


def _checked_gb18030(
    data: bytes, text: str, utf8_error: UnicodeDecodeError, warnings: list[ParseWarning]
) -> str:
    oddity = gb18030_oddity(text)
    if oddity is not None:
        utf8 = _with_replacements(data, "utf-8", utf8_error, warnings)
        if utf8 is not None:
            return utf8  # UTF-8 with a few bad bytes, which read as GB18030 are mojibake
    others = other_encodings(data, reading_is_odd=oddity is not None)
    if others:
        why = f": {oddity.describe()}" if oddity else ""
        raise InputError(
            f"bytes are not UTF-8, and not GB18030 text{why}; they decode as "
            f"{' or '.join(others)}: {_DECODE_THEM}"
        )
    if oddity is not None:
        warnings.append(
            ParseWarning(
                "encoding-doubtful",
                f"read as GB18030, but {oddity.describe()}: the bytes may be in another encoding",
            )
        )
    return text.removeprefix("\ufeff")  # GB18030 has a BOM too


def _decode_damaged(
    data: bytes,
    utf8_error: UnicodeDecodeError,
    gb18030_error: UnicodeDecodeError,
    warnings: list[ParseWarning],
) -> str:
    text = _with_replacements(data, "utf-8", utf8_error, warnings)
    if text is not None:
        return text
    # GB18030 with a few bad bytes is a repair: not when another encoding
    # reads every byte (EUC-JP's three-byte characters are not GB18030).
    others = other_encodings(data, reading_is_odd=True, whole=True)
    if not others:
        text = _with_replacements(data, "gb18030", gb18030_error, warnings, chinese=True)
        if text is not None:
            return text.removeprefix("\ufeff")
    hint = f"; they decode as {' or '.join(others)}: {_DECODE_THEM}" if others else ""
    hint = hint or _utf16_hint(data) or (ZLIB_HINT if zlib_stream(data) else "")
    first = max(utf8_error.start, gb18030_error.start)
    raise InputError(
        f"bytes are neither UTF-8 nor GB18030 text ({_where(data, first)}, "
        f"is not valid in either){hint}",
        line=_line(data, first),
    )


# A reading with replacements is taken when it has at least this many good
# non-ASCII characters for each bad byte sequence. The corpus in GB18030,
# Big5, EUC-KR, EUC-JP or Shift_JIS, read as UTF-8, has at most 0.42; UTF-8
# read as GB18030 is odd Chinese (see .encodings).
_GOOD_PER_BAD = 2
# The U+FFFD characters the source itself holds, in each encoding.
_REPLACEMENT_CHARACTER = {"utf-8": "\ufffd".encode(), "gb18030": "\ufffd".encode("gb18030")}


def _with_replacements(
    data: bytes,
    encoding: str,
    first_error: UnicodeDecodeError,
    warnings: list[ParseWarning],
    *,
    skipped: int = 0,
    chinese: bool = False,
) -> str | None:
    """``data`` in ``encoding`` with U+FFFD for each bad sequence, if they are few
    (and, if ``chinese``, the text reads as Chinese).

    ``skipped``: the bytes before ``data`` in the source (a BOM), for the offset.
    """
    text = data.decode(encoding, "replace")
    marks = text.count("\ufffd")
    bad = marks - data.count(_REPLACEMENT_CHARACTER[encoding])
    if _non_ascii(text) - marks < _GOOD_PER_BAD * bad:
        return None
    if chinese and gb18030_oddity(text) is not None:
        return None
    offset, line = first_error.start + skipped, _line(data, first_error.start)
    warnings.append(
        ParseWarning(
            "bytes-replaced",
            f"{bad:,} byte sequence(s) not valid in {encoding.upper()} replaced by U+FFFD "
            f"(the first at byte {offset:,}, line {line})",
        )
    )
    return text


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _where(data: bytes, offset: int) -> str:
    return f"byte 0x{data[offset]:02x} at offset {offset}, line {_line(data, offset)}"
