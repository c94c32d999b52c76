"""A whole page's bytes (or text) become its lxml tree, in the charset it declares.

libxml2 decodes the common charsets itself, so that a page is never copied
into a Python string only to be decoded: UTF-8, and GB2312 / GBK / GB18030
read as GB18030 (as browsers read them). A page with a UTF-16 BOM is read
in UTF-16 by Python, whatever it declares. Bytes that are not valid in the
charset chosen are read by the posts' rules (UTF-8, else GB18030) or refused.
"""

from __future__ import annotations

import codecs
import re
import threading

from lxml import etree

from ..article import ParseWarning
from ..errors import BodyError, InputError
from .charsets import REPLACEMENT_LABELS, codec_of
from .compressed import refuse_compressed
from .raw_text import READ_AS_MARKUP, markup_tags_rewritten
from .read import read_source

# The charset a page declares in a <meta> of its first bytes (charset= or http-equiv).
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([a-z0-9_.:-]{1,40})""")
_CHARSET_WINDOW = 4096
# What the prescan for a charset looks at, and what ends the parts it skips.
_PRESCAN_MARKS = {b"<meta": b"", b"<!--": b"-->", b"<script": b"</script"}
# A page saved as UTF-16 says so by its BOM (its <meta> is then unreadable as bytes).
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_local = threading.local()


def _parser(encoding: str | None) -> etree.HTMLParser:
    """This thread's parser for ``encoding`` (lxml parsers are not shared between
    threads): no network, comments kept (they carry data), libxml2's limits kept."""
    parsers: dict[str | None, etree.HTMLParser] = _local.__dict__.setdefault("parsers", {})
    parser = parsers.get(encoding)
    if parser is None:
        parser = etree.HTMLParser(  # type: ignore[call-arg]  # default_doctype: not in lxml-stubs
            recover=True,
            no_network=True,
            remove_comments=False,
            remove_pis=True,
            huge_tree=False,
            default_doctype=False,
            encoding=encoding,
        )
        parsers[encoding] = parser
    return parser


def page_root(
    source: str | bytes, *, max_bytes: int, warnings: list[ParseWarning] | None = None
) -> etree._Element:
    """The page's ``<html>`` element.

    Bytes are decoded by the charset the page declares, as browsers read its
    label (GB2312 and GBK read as GB18030, Latin-1 as windows-1252; a label
    browsers do not know declares nothing: see :mod:`.charsets`), by UTF-8 when
    it declares none, and by GB18030 when they are not UTF-8; bytes valid in
    none of these are an InputError. A page declaring another charset but
    valid UTF-8 (a page saved again as UTF-8) is UTF-8.
    libxml2 decodes the common cases itself: the page is never copied into a
    Python string for that. Bytes that only Python's reading takes (a few bad
    sequences replaced) add its warnings to ``warnings``, as for a post.
    """
    root = _page_root(source, max_bytes, warnings)
    if next(root.iter(*READ_AS_MARKUP), None) is None:
        return root
    # Rare: <xmp> or <plaintext> (see raw_text). Read the page's text again,
    # those tags renamed: one pass, linear.
    text = source if isinstance(source, str) else _page_text(bytes(source), max_bytes)
    return _parse(markup_tags_rewritten(read_source(text, max_bytes=max_bytes)), None)


def _page_text(data: bytes, max_bytes: int) -> str:
    encoding = _encoding_of(data)
    if encoding in ("utf-8", "gb18030"):
        return read_source(data, max_bytes=max_bytes)
    return _decode_declared(data, encoding, max_bytes)


def _page_root(
    source: str | bytes, max_bytes: int, warnings: list[ParseWarning] | None
) -> etree._Element:
    if isinstance(source, str):
        return _parse(read_source(source, max_bytes=max_bytes, warnings=warnings), None)
    if not isinstance(source, (bytes, bytearray, memoryview)):
        raise InputError(f"expected str or bytes, not {type(source).__name__}")
    data = bytes(source)
    if len(data) > max_bytes:
        raise InputError(f"larger than max_bytes ({max_bytes:,} bytes)")
    refuse_compressed(data)
    encoding = _encoding_of(data)
    if encoding in ("utf-8", "gb18030") and b"\x00" not in data:
        parser = _parser(encoding)
        root = _parse(data, encoding)
        if not any(
            entry.type == etree.ErrorTypes.ERR_INVALID_ENCODING for entry in parser.error_log
        ):
            return root
    if encoding not in ("utf-8", "gb18030"):
        return _parse(_decode_declared(data, encoding, max_bytes), None)
    return _parse(read_source(data, max_bytes=max_bytes, warnings=warnings), None)


MOST_PAGE_TAGS = 200_000
"""The most tags (each ``<`` but those of end tags: elements, comments) a
page may hold: a body's limit (``_body/markup.py``)."""


def _check_tags(document: str | bytes) -> None:
    """Refuse a page of more elements than a body may hold (two counts in C):
    each costs lxml's tree about 130 bytes, and a page of ``max_bytes`` of
    ``<p>`` would make gigabytes. The body's finer budgets (nodes, attributes
    per element: see ``_body/markup.py``) are not applied to whole pages."""
    # A tag takes two characters at least (``<b``): a page of at most twice
    # the limit cannot pass it, and is not counted (most pages are smaller).
    # The end tags are counted only when the brackets are over the limit:
    # that count, of two characters, costs three times the first.
    if len(document) <= 2 * MOST_PAGE_TAGS:
        return
    if isinstance(document, str):
        tags = document.count("<")
        tags -= document.count("</") if tags > MOST_PAGE_TAGS else 0
    else:
        tags = document.count(b"<")
        tags -= document.count(b"</") if tags > MOST_PAGE_TAGS else 0
    if tags > MOST_PAGE_TAGS:
        raise BodyError(
            f"the page holds {tags:,} tags, more than {MOST_PAGE_TAGS:,}: too many to read"
        )


def _encoding_of(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if data.startswith(_UTF16_BOMS) and not data.startswith(codecs.BOM_UTF32_LE):
        return "utf-16"  # the BOM says so, whatever a <meta> says; Python reads it
    label = declared_charset(data[:_CHARSET_WINDOW].lower())
    # A label browsers do not know declares nothing (see .charsets).
    codec = (codec_of(label) if label else None) or "utf-8"
    if codec == "utf-8" and label not in REPLACEMENT_LABELS:
        return codec
    # A page declaring another charset whose bytes are valid UTF-8, and not
    # ASCII, was saved again as UTF-8 (its <meta> kept): valid UTF-8 is no text
    # in GB18030, Big5 or windows-1252, which fail at their first non-ASCII
    # character. ASCII is read in what is declared: ISO-2022-JP is 7-bit.
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return "utf-8"
    if label in REPLACEMENT_LABELS:
        raise InputError(
            f"the page declares {label}, which browsers do not read (they show one "
            "U+FFFD for the whole page): decode it first"
        )
    return codec


def declared_charset(head: bytes) -> str | None:
    """The charset label of the first ``<meta>`` that names one, in lower-cased bytes,
    as a browser's prescan finds it: a ``<meta>`` in a comment or in a script's
    text is none (nor does a ``<script charset=…>``, which names the script's)."""
    position = 0
    while True:
        found = [
            (index, mark) for mark in _PRESCAN_MARKS if (index := head.find(mark, position)) != -1
        ]
        if not found:
            return None
        index, mark = min(found)
        if mark == b"<meta":
            end = head.find(b">", index)
            declared = _CHARSET.search(head, index, end if end != -1 else len(head))
            if declared is not None:
                return declared.group(1).decode("ascii")
            position = index + len(mark)
            continue
        closing = head.find(_PRESCAN_MARKS[mark], index + len(mark))
        if closing == -1:
            return None  # the rest is a comment's or a script's
        position = closing


def _decode_declared(data: bytes, encoding: str, max_bytes: int) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the page declares {encoding} but byte 0x{data[exc.start]:02x} "
            f"at offset {exc.start} is not valid in it"
        ) from None
    return read_source(text, max_bytes=max_bytes)


# An XML declaration at the start of a text: lxml refuses a str that declares
# an encoding. Text is taken as it is, whatever it declares, so it goes (its
# line ends kept, so that lines stay the page's).
_XML_DECLARATION = re.compile(r"\A(\s*)<\?xml\b[^>]*>")


def _without_declaration(document: str) -> str:
    declared = _XML_DECLARATION.match(document)
    if declared is None:
        return document
    kept_lines = "\n" * declared.group().count("\n")
    return kept_lines + document[declared.end() :]


def _parse(document: str | bytes, encoding: str | None) -> etree._Element:
    _check_tags(document)
    if isinstance(document, str):
        document = _without_declaration(document)
    parser = _parser(encoding)
    try:
        root = etree.fromstring(document, parser) if document.strip() else None
    except (etree.LxmlError, ValueError) as exc:
        raise BodyError(f"cannot parse the page as HTML: {exc}") from exc
    for entry in parser.error_log:
        if entry.level_name == "FATAL":
            raise BodyError(f"cannot parse the page as HTML: {entry.message}", line=entry.line)
    if root is None:
        raise BodyError("not a Sina article page: the page is empty")
    return root
