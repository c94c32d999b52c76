"""The source (a file's bytes, bytes, or str) becomes text with ``\\n`` line ends."""

from __future__ import annotations

import codecs
import os
import re
import stat
from typing import BinaryIO

from .._text import CONTROL_CHARACTERS
from ..errors import InputError

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
