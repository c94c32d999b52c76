"""Sina's metadata lines leave the paragraphs for their fields.

原标题 (original title), 来源 (source) and 责任编辑 (editor) are written
inside the body as text. The first of each is metadata. A later 原标题 line
is metadata too (an upstream title: kept as a warning); a later 来源 line,
which may credit a quote or a picture, stays text.

Sina's editor elements (``p.article-editor``, ``p.show_author``) are metadata
wherever they stand: the first that names someone gives ``editor``, and each
later one that names someone is kept as an ``extra-editor`` warning (a page
may credit a second editor, or repeat the first); an empty one holds nothing.

Other roles go to ``credits`` (see :mod:`.credits`): the ones after the
source or the editor on their line (``责任编辑：李明 主编：王芳``), and every
paragraph that is nothing but credits (``记者 高健``, ``文丨李四``), which leaves
the paragraphs as the metadata lines do.
"""

from __future__ import annotations

import re

import attrs

from ..article import Block, Credit, Heading, Paragraph, ParseWarning
from .credits import WORK_CODE, read_credit_line, split_credits

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
_WORK_CODE = re.compile(rf"\s*\b{WORK_CODE.pattern}$")
_EDITOR_ROLE = "责任编辑"


@attrs.frozen
class Metadata:
    """The metadata lines' values, and the blocks without those lines."""

    blocks: tuple[Block, ...]
    original_title: str | None
    source: str | None
    editor: str | None
    credits: tuple[Credit, ...]
    warnings: tuple[ParseWarning, ...]


def take_metadata(
    blocks: tuple[Block, ...], editor_lines: tuple[str, ...], source_hints: tuple[str, ...] = ()
) -> Metadata:
    """Take the 原标题 lines, the first 来源 and 责任编辑 lines and the credit
    lines out of ``blocks``.

    ``source_hints`` (a page's media name) is the source when no 来源 line is.
    """
    original_title: str | None = None
    source: str | None = None
    credits: list[Credit] = []
    named = [
        (line, name, found) for line in editor_lines for name, found in [_editor(line)] if name
    ]
    editor = named[0][1] if named else None
    warnings = [
        ParseWarning("extra-editor", f"another editor line: {line}") for line, _, _ in named[1:]
    ]
    kept: list[Block] = []
    for block in blocks:
        if not isinstance(block, (Paragraph, Heading)):
            kept.append(block)
            continue
        text = block.text
        if (line_credits := read_credit_line(text)) is not None:
            credits.extend(line_credits)
            continue
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
            source, found_credits = split_credits(match.group("source").strip())
            credits.extend(found_credits)
            text = ""
        if editor is None and (match := _EDITOR_LINE.match(text)):
            editor, found_credits = _editor(text)
            credits.extend(found_credits)
            text = ""
        if text == block.text:
            kept.append(block)
        elif text:
            kept.append(attrs.evolve(block, text=text))
    for _, _, found_credits in named:
        credits.extend(found_credits)
    source = source or next((hint for hint in source_hints if hint), None)
    editor, credits = _editor_from_credits(editor, credits)
    return Metadata(tuple(kept), original_title, source, editor, tuple(credits), tuple(warnings))


def _editor_from_credits(
    editor: str | None, credits: list[Credit]
) -> tuple[str | None, list[Credit]]:
    """A 责任编辑 credit (on a 来源 line, in a byline) is the editor when no line named one."""
    if editor is not None:
        return editor, credits
    for number, credit in enumerate(credits):
        if credit.role == _EDITOR_ROLE:
            return credit.name, credits[:number] + credits[number + 1 :]
    return None, credits


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
    """The editor's name in a 责任编辑 line, without a work code or other credits;
    None if empty.

    >>> editor_name("责任编辑：刘万里 SF014"), editor_name("责任编辑：李明 主编：王芳")
    ('刘万里', '李明')
    """
    return _editor(line)[0]


def _editor(line: str) -> tuple[str | None, tuple[Credit, ...]]:
    """The editor's name in a 责任编辑 line (or a Sina editor element's text),
    and the credits after it."""
    match = _EDITOR_LINE.match(line.strip())
    name, credits = split_credits(match.group("name") if match else line.strip())
    name = _WORK_CODE.sub("", name.strip()).strip()
    return name or None, credits
