"""CSV: a header row, then one flat row per article, from its record.

In a cell, a list holds one item a line (the ``csv`` module quotes the cell),
None is empty, a boolean is ``true`` or ``false``. The file starts with a
byte-order mark (U+FEFF) unless ``bom=False``: without it Excel reads UTF-8 as
the machine's legacy code page, and the Chinese turns to mojibake. Python's
readers skip it with ``encoding="utf-8-sig"``; ``pandas.read_csv`` skips it by
itself.

>>> import datetime as dt, io
>>> from sinaparse import Article
>>> article = Article(title="标题", date=dt.datetime(2021, 8, 2, tzinfo=dt.timezone.utc),
...     categories=["金融", "新浪财经"])
>>> stream = io.StringIO()
>>> write_csv([article], stream, fields=["title", "categories"], bom=False)
1
>>> stream.getvalue()
'title,categories\\r\\n标题,"金融\\n新浪财经"\\r\\n'
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import TextIO

from .._data.record import RecordValue
from ..article import Body
from ..batch import Outcome
from .records import ROW_FIELDS, check_fields, parsed_results, result_row, select_fields

CSV_COLUMNS: tuple[str, ...] = (
    "path",
    "item",
    "title",
    "date",
    "url",
    "categories",
    "keywords",
    "channel",
    "author",
    "original_title",
    "source",
    "editor",
    "credits",
    "head_image",
    "thumbnail",
    "image_urls",
    "stocks",
    "warnings",
    "text",
)
"""The default CSV header: the row fields a sheet is read for. Left out, and
chosen with ``fields=``: ``comments``; ``paragraphs`` (``text`` holds them, one
a line); ``blocks`` and ``extra``, JSON documents rather than cells (a long
article's blocks pass Excel's 32,767 characters a cell)."""

BOM = "\ufeff"
"""The byte-order mark written first, so that Excel reads the file as UTF-8."""

CsvRow = Body | Outcome | Mapping[str, RecordValue]
"""What :func:`write_csv` takes: an Article or a bare Body (with empty ``path``
and ``item``), an Outcome (a failed one is left out), or a record mapping such
as :func:`~sinaparse.outputs.records.outcome_record` gives."""


def write_csv(
    rows: Iterable[CsvRow],
    stream: TextIO,
    *,
    fields: Sequence[str] | None = None,
    bom: bool = True,
) -> int:
    """CSV with a header row and a row per article; returns the rows written.

    Args:
        rows: results, outcomes or records, read once, as they come.
        stream: a text stream, opened with ``encoding="utf-8", newline=""``
            (not ``utf-8-sig``, which would write a second mark).
        fields: the columns, any of :data:`~sinaparse.outputs.records.ROW_FIELDS`
            in any order; :data:`CSV_COLUMNS` by default.
        bom: write U+FEFF first, for Excel.

    Raises:
        ValueError: a field is unknown or named twice (before anything is written).
    """
    columns = CSV_COLUMNS if fields is None else tuple(fields)
    check_fields(columns, ROW_FIELDS)
    writer = csv.writer(stream)
    if bom:
        stream.write(BOM)
    writer.writerow(columns)
    count = 0
    for record in _records(rows):
        writer.writerow(_cell(value) for value in select_fields(record, columns).values())
        count += 1
    return count


def _records(rows: Iterable[CsvRow]) -> Iterable[Mapping[str, RecordValue]]:
    for row in rows:
        if isinstance(row, Mapping):
            yield row
        else:
            # One item at a time, so a generator of outcomes stays a stream.
            for outcome, result in parsed_results((row,)):
                yield result_row(outcome, result)


def _cell(value: RecordValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: a bool is an int
        return "true" if value else "false"
    if isinstance(value, list):
        return "\n".join(value)
    return str(value)
