"""Tables in a body: ``<table>`` becomes a Table of rows of cells, with its caption.

What one ``<table>`` gives, in document order (the walk places each part):

1. What the table holds outside its cells and caption (text, a ``<p>`` or a
   ``<div>`` directly in ``<table>``, ``<tbody>`` or ``<tr>``), read as any
   other content of the body, before the table: where browsers show it.
2. The Table: its own rows (the ``<tr>`` in it or in its ``<thead>``,
   ``<tbody>`` and ``<tfoot>``; cells outside any ``<tr>`` make a row, as
   browsers read them) with their ``<td>`` and ``<th>`` cells. A cell's text
   is its own: the tables nested in it are not part of it. A table without
   cells but with a caption gives its caption as a paragraph.
3. The pictures and the tables nested in its cells and caption, in document
   order: each picture a figure, each nested table by these same rules, a
   table of its own after the one it sits in. So a nested table's text is
   read once, whatever the depth.

Spans are read as browsers read them: the leading ASCII digits of the value
(``"3px"`` is 3; ``"²"``, ``"①"`` or ``"٣"`` are no number and give 1),
colspan 1-1000, rowspan 1-65534, and a rowspan of 0 ends at the table's last
row, or after 65534 rows in a longer table. (A rowspan that reaches past the
last row is kept as written: the writers end it there.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from lxml import etree

from .._data.invariants import MAX_COLSPAN, MAX_ROWSPAN
from .._text import clean_text
from ..article import Block, Cell, Paragraph, Table
from .elements import element_text

_SECTION_TAGS = frozenset({"thead", "tbody", "tfoot"})
_CELL_TAGS = frozenset({"td", "th"})
_COLUMN_TAGS = frozenset({"col", "colgroup"})
# HTML's rules for parsing a non-negative integer: white space, "+", digits.
_LEADING_NUMBER = re.compile(r"[\t\n\f\r ]*\+?([0-9]+)")
# The widest and tallest spans browsers honour (HTML's limits); from_dict
# refuses a span beyond them, so they live with its rules.

Piece = str | etree._Element
"""Content of a table outside its cells: a text, or an element to walk (its tail with it)."""


class TableParts(NamedTuple):
    """One ``<table>`` read: the three parts of the module docstring."""

    outside: tuple[Piece, ...]
    blocks: tuple[Block, ...]
    """The Table, or the paragraph of a caption without cells, or nothing."""
    inside: tuple[etree._Element, ...]
    """The ``<img>`` and ``<table>`` elements in the cells and caption."""


def read_table(element: etree._Element) -> TableParts:
    """The parts of the ``<table>`` ``element`` (see the module docstring)."""
    nested = pictures = False
    for found in element.iterdescendants("table", "img"):  # one pass; most tables: none
        if found.tag == "table":
            nested = True
        else:
            pictures = True
        if nested and pictures:
            break
    reader = _Reader(nested, pictures)
    reader.read(element)
    rows = []
    for number, row in enumerate(reader.rows):
        rows_left = len(reader.rows) - number
        rows.append(tuple([reader.cell(cell, rows_left) for cell in row]))
    caption = ""
    if reader.caption is not None:
        caption, in_caption = reader.content(reader.caption)
        reader.inside[:0] = in_caption
    blocks: tuple[Block, ...] = ()
    if rows:
        blocks = (Table(tuple(rows), caption=caption or None),)
    elif caption:
        blocks = (Paragraph(caption),)
    return TableParts(tuple(reader.outside), blocks, tuple(reader.inside))


class _Reader:
    """The walk over one table's own structure: rows, caption, what is outside."""

    def __init__(self, nested: bool, pictures: bool) -> None:
        self.nested = nested  # whether any table is nested in this one
        self.pictures = pictures  # whether the table holds any picture
        self.rows: list[list[etree._Element]] = []
        self.outside: list[Piece] = []
        self.inside: list[etree._Element] = []
        self.caption: etree._Element | None = None

    def read(self, table: etree._Element) -> None:
        self.text_outside(table.text)
        loose: list[etree._Element] = []  # cells outside any <tr>: one row
        for child in table:
            tag = child.tag
            if tag in _SECTION_TAGS:
                self.end_row(loose)
                self.read_rows(child)
            elif tag == "caption" and self.caption is None:
                self.caption = child
            elif tag in _CELL_TAGS:
                loose.append(child)
            elif tag == "tr":
                self.end_row(loose)
                self.read_row(child)
            elif tag not in _COLUMN_TAGS:
                self.outside.append(child)  # the walk reads it, and its tail
                continue
            self.text_outside(child.tail)
        self.end_row(loose)

    def read_rows(self, section: etree._Element) -> None:
        self.text_outside(section.text)
        loose: list[etree._Element] = []
        for child in section:
            if child.tag == "tr":
                self.end_row(loose)
                self.read_row(child)
            elif child.tag in _CELL_TAGS:
                loose.append(child)
            else:
                self.outside.append(child)
                continue
            self.text_outside(child.tail)
        self.end_row(loose)

    def read_row(self, row: etree._Element) -> None:
        self.text_outside(row.text)
        cells = []
        for child in row:
            if child.tag in _CELL_TAGS:
                cells.append(child)
                self.text_outside(child.tail)
            else:
                self.outside.append(child)
        self.end_row(cells)

    def end_row(self, cells: list[etree._Element]) -> None:
        if cells:
            self.rows.append(cells[:])
            cells.clear()

    def text_outside(self, text: str | None) -> None:
        if text and not text.isspace():
            self.outside.append(text)

    def cell(self, element: etree._Element, rows_left: int) -> Cell:
        text, inside = self.content(element)
        self.inside.extend(inside)
        rowspan = span(element.get("rowspan"), MAX_ROWSPAN)
        return Cell(
            text=text,
            colspan=span(element.get("colspan"), MAX_COLSPAN) or 1,
            rowspan=rowspan or min(rows_left, MAX_ROWSPAN),
            header=element.tag == "th",
        )

    def content(self, element: etree._Element) -> tuple[str, list[etree._Element]]:
        """The text of a cell or caption, and the pictures and tables in it."""
        if self.nested:
            return _content_without_tables(element)
        if not len(element):
            return clean_text(element.text or ""), []
        return element_text(element), list(element.iter("img")) if self.pictures else []


def _content_without_tables(element: etree._Element) -> tuple[str, list[etree._Element]]:
    """:meth:`_Reader.content` of a cell that may hold tables: their content
    is not read (the walk reads each table on its own), their tails are."""
    pieces = [element.text or ""]
    inside: list[etree._Element] = []
    stack: list[tuple[Iterator[etree._Element], etree._Element | None]] = [(iter(element), None)]
    while stack:
        children, parent = stack[-1]
        for child in children:
            if child.tag == "table":
                inside.append(child)
                pieces.append(" " + (child.tail or ""))  # a table parts the text around it
                continue
            if child.tag == "img":
                inside.append(child)
            pieces.append(child.text or "")
            stack.append((iter(child), child))
            break
        else:
            stack.pop()
            if parent is not None:
                pieces.append(parent.tail or "")
    return clean_text("".join(pieces)), inside


def span(value: str | None, limit: int) -> int:
    """A ``colspan`` or ``rowspan`` value as browsers read it: 0 to ``limit``; 1 when
    it holds no number.

    >>> span("3px", 1000), span("²", 1000), span("9" * 5000, 1000), span(" +0", 1000)
    (3, 1, 1000, 0)
    """
    if value is None:
        return 1
    if len(value) < 5 and value.isascii() and value.isdigit():  # "2": the usual value
        return min(int(value), limit)
    match = _LEADING_NUMBER.match(value)
    if match is None:
        return 1
    digits = match.group(1).lstrip("0")
    if len(digits) > len(str(limit)):  # never converts thousands of digits
        return limit
    return min(int(digits or "0"), limit)
