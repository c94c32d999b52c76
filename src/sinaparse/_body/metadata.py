"""Sina's metadata lines leave the paragraphs for their fields.

原标题 (original title), 来源 (source) and 责任编辑 (editor) are written
inside the body as text. The first of each is metadata. A later 原标题 line
is metadata too (an upstream title: kept as a warning); a later 来源 line,
which may credit a quote or a picture, stays text.

Sina's editor elements (``p.article-editor``, ``p.show_author``) are metadata
wherever they stand: the first that names someone gives ``editor``, and each
later one that names someone is kept as an ``extra-editor`` warning (a page
may credit a second editor, or repeat the first); an empty one holds nothing.
An element or a 责任编辑 line in brackets reads as without them
(``（责任编辑：李明）`` names 李明), and invisible characters (``\u200b``) are
not read.

Other roles go to ``credits`` (see :mod:`.credits`): the ones after the
source or the editor on their line (``责任编辑：李明 主编：王芳``), and every
paragraph that is nothing but credits (``记者 高健``, ``文丨李四``), which leaves
the paragraphs as the metadata lines do. A 来源 after the 原标题 or the
editor on their line is the source as a 来源 line is (``责任编辑：李明
来源：人民日报``); when the source is known, it stays text (in an element, an
``extra-source`` warning).
"""

from __future__ import annotations

import re

import attrs

from ..article import Block, Credit, Heading, Paragraph, ParseWarning
from .credits import (
    BRACKETS,
    COLONS,
    EDITOR_ROLE,
    WORK_CODE,
    bracket_groups,
    leading_credits,
    read_credit_line,
    split_credits,
    visible,
)

_SEPARATOR = rf"\s*[{COLONS}丨|｜]\s*"
# 原标题：…  /  原标题 …  (a line of its own, perhaps followed by 来源 on the same line)
_ORIGINAL_TITLE_LINE = re.compile(r"^[【\[]?原标题(?:\s*[：:]\s*|\s+)(?P<title>.+?)[】\]]?$")
# …（原标题：…） at the end of a paragraph
_ORIGINAL_TITLE_TRAILING = re.compile(
    r"\s*[（(]原标题\s*[：:]?\s*(?P<title>[^（）()]+?)\s*[）)]\s*$"
)
_SOURCE_LINE = re.compile(rf"^来源{_SEPARATOR}(?P<source>.{{1,80}})$")
# 来源 after the 原标题 or the editor on one line
_SOURCE_AFTER = re.compile(rf"\s+来源{_SEPARATOR}(?P<source>.{{1,80}})$")
# A line's first bracket group, and what follows it: 【责任编辑：李明】以下为…
_OPENINGS = re.escape("".join(opening for opening, _ in BRACKETS))
_CLOSINGS = re.escape("".join(closing for _, closing in BRACKETS))
_LEADING_GROUP = re.compile(
    f"[{_OPENINGS}](?P<inside>[^{_OPENINGS}{_CLOSINGS}]+)[{_CLOSINGS}](?P<rest>.*)", re.DOTALL
)
_EDITOR_LINE = re.compile(rf"^[【\[]?责任编辑{_SEPARATOR}(?P<name>.*?)[】\]]?$")
# A work code after the editor's name: 刘万里 SF014
_WORK_CODE = re.compile(rf"\s*\b{WORK_CODE.pattern}$")


@attrs.frozen
class _EditorLine:
    """What a 责任编辑 line (or a Sina editor element) names."""

    name: str | None
    credits: tuple[Credit, ...]
    source: str | None  # 责任编辑：李明 来源：人民日报
    source_line: str  # the 来源 part as written, to stay text when it is not the source
    source_credits: tuple[Credit, ...]


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
    read = [(line, _editor(line)) for line in editor_lines]
    named = [(line, element) for line, element in read if element.name]
    found = _Found(editor=named[0][1].name if named else None)
    found.warnings += [
        ParseWarning("extra-editor", f"another editor line: {line}") for line, _ in named[1:]
    ]
    kept: list[Block] = []
    for block in blocks:
        if not isinstance(block, (Paragraph, Heading)):
            kept.append(block)
            continue
        text = block.text
        if (line_credits := read_credit_line(text)) is not None:
            found.credits.extend(line_credits)
            continue
        # Every metadata line holds one of these words (three substring
        # searches: quicker than one regular expression on short paragraphs).
        if "原标题" not in text and "来源" not in text and "责任编辑" not in text:
            kept.append(block)  # the common case: a paragraph with no metadata word
            continue
        # Read without invisible characters (\u200b责任编辑：…), kept as written
        # when the paragraph holds no metadata.
        seen = visible(text)
        text = found.take_line(seen)
        if text == seen:
            kept.append(block)
        elif text:
            kept.append(attrs.evolve(block, text=text))
    for _, element in named:
        found.credits.extend(element.credits)
        found.source = _source_of_element(found.source, element, found.credits, found.warnings)
    source = found.source or next((hint for hint in source_hints if hint), None)
    editor, credits = _editor_from_credits(found.editor, found.credits)
    return Metadata(
        tuple(kept), found.original_title, source, editor, tuple(credits), tuple(found.warnings)
    )


@attrs.define
class _Found:
    """The metadata found so far, while the blocks are read."""

    original_title: str | None = None
    source: str | None = None
    editor: str | None = None
    credits: list[Credit] = attrs.Factory(list)
    warnings: list[ParseWarning] = attrs.Factory(list)

    def take_line(self, text: str) -> str:
        """Take the metadata of a paragraph; what it leaves of the text."""
        # A 来源 after the 原标题 is left in ``text``, to be read as a 来源 line.
        title, text = _take_original_title(text)
        if title is not None and self.original_title is None:
            self.original_title = title
        elif title is not None:
            self.warnings.append(ParseWarning("extra-original-title", f"another 原标题: {title}"))
        if self.source is None and (match := _SOURCE_LINE.match(text)):
            self._take_source(match.group("source"))
            text = ""
        if self.editor is None and _EDITOR_LINE.match(editor_text := _unbracketed(text)):
            line = _editor(editor_text)
            # What follows a bracketed editor line stays text:
            # （责任编辑：李明）（本文仅代表作者观点）
            self.editor, text = line.name, _after_bracketed(text, editor_text)
            self.credits.extend(line.credits)
            if line.source is not None and self.source is None:
                self.source = line.source
                self.credits.extend(line.source_credits)
            elif line.source is not None:
                text = line.source_line  # a later 来源 stays text
        return text

    def _take_source(self, text: str) -> None:
        self.source, credits = split_credits(text.strip())
        self.credits.extend(credits)


def _source_of_element(
    source: str | None, line: _EditorLine, credits: list[Credit], warnings: list[ParseWarning]
) -> str | None:
    """The 来源 of an editor element is the source when no 来源 line is (its
    credits are credits); a later one is kept as a warning, as an element
    is no text to stay in."""
    if line.source is not None and source is None:
        credits.extend(line.source_credits)
        return line.source
    if line.source is not None:
        warnings.append(ParseWarning("extra-source", f"another 来源: {line.source_line}"))
    return source


def _editor_from_credits(
    editor: str | None, credits: list[Credit]
) -> tuple[str | None, list[Credit]]:
    """A 责任编辑 credit (on a 来源 line, in a byline) is the editor when no line
    named one. One with a title (责任编辑：主编：王芳, read as the role
    ``责任编辑 主编``) names the editor too, and the title stays a credit."""
    if editor is not None:
        return editor, credits
    for number, credit in enumerate(credits):
        if credit.role == EDITOR_ROLE:
            return credit.name, credits[:number] + credits[number + 1 :]
        if credit.role.startswith(f"{EDITOR_ROLE} "):
            title = Credit(credit.role[len(EDITOR_ROLE) + 1 :], credit.name)
            return credit.name, [*credits[:number], title, *credits[number + 1 :]]
    return None, credits


def _take_original_title(text: str) -> tuple[str | None, str]:
    """(the title, the text left: a 来源 on the same line) or (None, text)."""
    line = _ORIGINAL_TITLE_LINE.match(text)
    if line:
        title = line.group("title")
        source = _SOURCE_AFTER.search(title)
        if source:
            return title[: source.start()].strip(), source.group().strip()
        return title.strip(), ""
    trailing = _ORIGINAL_TITLE_TRAILING.search(text)
    if trailing:
        return trailing.group("title"), text[: trailing.start()].strip()
    return None, text


def editor_name(line: str) -> str | None:
    """The editor's name in a 责任编辑 line, without a work code or other credits;
    None if empty.

    >>> editor_name("责任编辑：刘万里 SF014"), editor_name("责任编辑：李明 主编：王芳")
    ('刘万里', '李明')
    """
    return _editor(line).name


def _editor(line: str) -> _EditorLine:
    """The editor's name in a 责任编辑 line (or a Sina editor element's text),
    the credits after it, and a 来源 after them."""
    line = _unbracketed(visible(line).strip())
    match = _EDITOR_LINE.match(line)
    text = match.group("name") if match else line
    source: str | None = None
    source_line = ""
    source_credits: tuple[Credit, ...] = ()
    if found := _SOURCE_AFTER.search(text):
        text, source_line = text[: found.start()], found.group().strip()
        source, source_credits = split_credits(found.group("source").strip())
    titled = leading_credits(text)
    if titled:  # 责任编辑：主编：王芳: the editor, with a title that stays a credit
        return _EditorLine(titled[0].name, titled, source, source_line, source_credits)
    name, credits = split_credits(text)
    name = _WORK_CODE.sub("", name.strip()).strip()
    return _EditorLine(name or None, credits, source, source_line, source_credits)


def _unbracketed(line: str) -> str:
    """An editor line without the brackets it stands in: ``（责任编辑：李明）``
    reads as ``责任编辑：李明``, as it does in a paragraph; of a line that starts
    with a bracketed 责任编辑 (``【责任编辑：李明】【风险提示：…】``), that group."""
    lead = _LEADING_GROUP.match(line.strip())
    if lead is not None and _EDITOR_LINE.match(lead.group("inside").strip()):
        return lead.group("inside").strip()
    groups = bracket_groups(line)
    return " ".join(groups) if groups else line


def _after_bracketed(line: str, editor_text: str) -> str:
    """What follows the bracketed editor line ``editor_text`` in ``line``: text."""
    lead = _LEADING_GROUP.match(line.strip())
    if lead is not None and lead.group("inside").strip() == editor_text:
        return lead.group("rest").strip()
    return ""
