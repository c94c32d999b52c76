"""Sina's metadata lines leave the paragraphs for their fields.

原标题 (original title), 来源 (source) and 责任编辑 (editor) are written
inside the body as text. The first of each is metadata. A later 原标题 line
is metadata too (an upstream title: kept as a warning); a later 来源 line,
which may credit a quote or a picture, stays text.

Sina's editor elements (``p.article-editor``, ``p.show_author``) are metadata
wherever they stand: the first that names someone gives ``editor``, and each
later one that names someone is kept as an ``extra-editor`` warning (a page
may credit a second editor, or repeat the first); an empty one holds nothing.
"""

from __future__ import annotations

import re

import attrs

from ..article import Block, Heading, Paragraph, ParseWarning

_SEPARATOR = r"\s*[：:丨|｜]\s*"
# 原标题：…  /  原标题 …  (a line of its own, perhaps followed by 来源 on the same line)
_ORIGINAL_TITLE_LINE = re.compile(r"^[【\[]?原标题(?:\s*[：:]\s*|\s+)(?P<title>.+?)[】\]]?$")
# …（原标题：…） at the end of a paragraph
_ORIGINAL_TITLE_TRAILING = re.compile(
    r"\s*[（(]原标题\s*[：:]?\s*(?P<title>[^（）()]+?)\s*[）)]\s*$"
)
_SOURCE_LINE = re.compile(rf"^来源{_SEPARATOR}(?P<source>.{{1,80}})$")
_SOURCE_AFTER_TITLE = re.compile(rf"\s+来源{_SEPARATOR}(?P<source>.{{1,80}})$")
_EDITOR_LINE = re.compile(rf"^[【\[]?责任编辑{_SEPARATOR}(?P<name>.*?)[】\]]?$")
# A work code after the editor's name: 刘万里 SF014
_WORK_CODE = re.compile(r"\s*\b[A-Z]{1,4}\d{2,6}$")


@attrs.frozen
class Metadata:
    """The metadata lines' values, and the blocks without those lines."""

    blocks: tuple[Block, ...]
    original_title: str | None
    source: str | None
    editor: str | None
    warnings: tuple[ParseWarning, ...]


def take_metadata(
    blocks: tuple[Block, ...], editor_lines: tuple[str, ...], source_hints: tuple[str, ...] = ()
) -> Metadata:
    """Take the 原标题 lines and the first 来源 and 责任编辑 lines out of ``blocks``.

    ``source_hints`` (a page's media name) is the source when no 来源 line is.
    """
    original_title: str | None = None
    source: str | None = None
    named = [(line, name) for line in editor_lines if (name := editor_name(line))]
    editor = named[0][1] if named else None
    warnings = [
        ParseWarning("extra-editor", f"another editor line: {line}") for line, _ in named[1:]
    ]
    kept: list[Block] = []
    for block in blocks:
        if not isinstance(block, (Paragraph, Heading)):
            kept.append(block)
            continue
        text = block.text
        # Every metadata line holds one of these words (three substring
        # searches: quicker than one regular expression on short paragraphs).
        if "原标题" not in text and "来源" not in text and "责任编辑" not in text:
            kept.append(block)  # the common case: a paragraph with no metadata word
            continue
        found, text = _take_original_title(text)
        if found is not None and original_title is None:
            original_title, found_source = found
            source = source or found_source
        elif found is not None:
            warnings.append(ParseWarning("extra-original-title", f"another 原标题: {found[0]}"))
        if source is None and (match := _SOURCE_LINE.match(text)):
            source, text = match.group("source").strip(), ""
        if editor is None and (match := _EDITOR_LINE.match(text)):
            editor, text = editor_name(text), ""
        if text == block.text:
            kept.append(block)
        elif text:
            kept.append(attrs.evolve(block, text=text))
    source = source or next((hint for hint in source_hints if hint), None)
    return Metadata(tuple(kept), original_title, source, editor, tuple(warnings))


def _take_original_title(text: str) -> tuple[tuple[str, str | None] | None, str]:
    """((title, source on the same line), the text left) or (None, text)."""
    line = _ORIGINAL_TITLE_LINE.match(text)
    if line:
        title = line.group("title")
        source = _SOURCE_AFTER_TITLE.search(title)
        if source:
            return (title[: source.start()].strip(), source.group("source").strip()), ""
        return (title.strip(), None), ""
    trailing = _ORIGINAL_TITLE_TRAILING.search(text)
    if trailing:
        return (trailing.group("title"), None), text[: trailing.start()].strip()
    return None, text


def editor_name(line: str) -> str | None:
    """The editor's name in a 责任编辑 line, without a work code; None if empty.

    >>> editor_name("责任编辑：刘万里 SF014")
    '刘万里'
    """
    match = _EDITOR_LINE.match(line.strip())
    name = match.group("name") if match else line
    name = _WORK_CODE.sub("", name.strip()).strip()
    return name or None
