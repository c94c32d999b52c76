"""Tables in a body: ``<table>`` becomes a Table of rows of cells, with its caption."""

from __future__ import annotations

from lxml import etree

from ..article import Cell, Table
from .elements import element_text


def read_table(element: etree._Element) -> Table | None:
    """The rows of ``element`` that hold cells, or None when none does.

    Pictures in cells are not read here: the walk reads them as pictures of
    the article.
    """
    rows = []
    for row in element.iter("tr"):
        cells = tuple(
            Cell(
                text=element_text(cell),
                colspan=_int_attribute(cell, "colspan"),
                rowspan=_int_attribute(cell, "rowspan"),
                header=cell.tag == "th",
            )
            for cell in row
            if cell.tag in ("td", "th")
        )
        if cells:
            rows.append(cells)
    if not rows:
        return None
    caption_element = element.find("caption")
    caption = element_text(caption_element) if caption_element is not None else ""
    return Table(tuple(rows), caption=caption or None)


def _int_attribute(element: etree._Element, name: str) -> int:
    value = (element.get(name) or "").strip()
    return int(value) if value.isdigit() and 0 < int(value) < 10_000 else 1
