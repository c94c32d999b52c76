"""The last stage: Articles out as JSON Lines, JSON, CSV, Markdown, plain text or Parquet.

In: :class:`~sinaparse.Article` objects (from the API or a batch). Out: text on
a stream, or Arrow tables and Parquet files. One module a format (``jsonl``,
``csv_rows``, ``markdown``, ``plain_text``, ``arrow``), and ``records``, the
rows that name their file, which the tabular ones share; the ``sinaparse``
command (``cli``) and the reviewers' report (``report``) sit here too, as the
stage's users. ``sinaparse.export`` is the same module under its first name.

Every writer takes an iterable of :class:`~sinaparse.Article` and a text
stream, writes as it reads (nothing is gathered in memory, so a generator of
millions of articles is fine), and returns how many articles it wrote:

>>> import datetime as dt, io
>>> from sinaparse import Article
>>> from sinaparse.outputs import WRITERS
>>> article = Article(
...     title="标题", date=dt.datetime(2021, 8, 2, tzinfo=dt.timezone.utc),
...     paragraphs=["第一段", "第二段"],
... )
>>> stream = io.StringIO()
>>> WRITERS["text"]([article], stream)
1
>>> print(stream.getvalue(), end="")
标题
<BLANKLINE>
第一段
第二段

Open a file for a writer with ``encoding="utf-8", newline=""``: the writers
choose their own line ends (``\\n``, and ``\\r\\n`` for CSV as RFC 4180 says).

The tabular outputs write rows that name their source (``outcome_record``:
``path``, ``item``, then the article's flat ``to_record()``): ``write_csv``,
and, with pyarrow, ``to_arrow`` (a ``pyarrow.Table``) and ``write_parquet`` (a
binary file or path, not a text stream, so it is not in :data:`WRITERS`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TextIO

from ..article import Body
from .arrow import arrow_schema, to_arrow, write_parquet
from .csv_rows import CSV_COLUMNS, write_csv
from .jsonl import article_json, write_json, write_jsonl
from .markdown import write_markdown
from .plain_text import write_text
from .records import ROW_FIELDS, SOURCE_FIELDS, check_fields, outcome_record, select_fields

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "ROW_FIELDS",
    "SOURCE_FIELDS",
    "WRITERS",
    "Writer",
    "arrow_schema",
    "article_json",
    "check_fields",
    "outcome_record",
    "select_fields",
    "to_arrow",
    "write_csv",
    "write_json",
    "write_jsonl",
    "write_markdown",
    "write_parquet",
    "write_text",
]

Writer = Callable[[Iterable[Body], TextIO], int]
"""A writer: articles (or bare bodies) and a text stream in, the number written out."""

WRITERS: Mapping[str, Writer] = MappingProxyType(
    {
        "jsonl": write_jsonl,
        "json": write_json,
        "csv": write_csv,
        "markdown": write_markdown,
        "text": write_text,
    }
)
"""Every writer by its format's name."""

FORMATS: tuple[str, ...] = tuple(WRITERS)
"""The format names, in the order ``--help`` lists them."""
