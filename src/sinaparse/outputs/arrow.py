"""Arrow tables and Parquet files of articles, for pandas, DuckDB, Polars and Hugging Face.

Needs pyarrow (``pip install 'sinaparse[parquet]'``), imported only when one of
these functions is called, so ``import sinaparse`` never needs it.

Rows are :data:`~sinaparse.outputs.records.ROW_FIELDS`: the source's
``path`` and ``item``, then the article's record. Columns keep their types: the
date a ``timestamp[us]`` in one zone, lists Arrow lists of strings, ``blocks``
and ``extra`` JSON text (their shapes vary from article to article, which a
fixed schema cannot hold). See :func:`arrow_schema`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

from .._data.record import RecordValue
from ..article import Article, Body
from ..batch import Outcome
from ..options import zone_named
from .output_file import replaced_when_complete
from .records import ROW_FIELDS, check_fields, parsed_results, result_row

if TYPE_CHECKING:  # pyarrow has no type stubs: these names are Any to mypy
    import pyarrow as pa

__all__ = ["PARQUET_NEEDS_PYARROW", "arrow_schema", "to_arrow", "write_parquet"]

PARQUET_NEEDS_PYARROW = "Parquet needs pyarrow: pip install 'sinaparse[parquet]'"
"""The message of the ImportError when pyarrow is not installed."""

# Each column's Arrow type by name; "timestamp" is the date, in the zone asked for.
_COLUMN_TYPES: dict[str, str] = {
    "path": "string",
    "item": "int32",
    "title": "string",
    "date": "timestamp",
    "url": "string",
    "categories": "list",
    "keywords": "list",
    "channel": "string",
    "author": "string",
    "comments": "bool",
    "head_image": "string",
    "thumbnail": "string",
    "original_title": "string",
    "source": "string",
    "editor": "string",
    "credits": "list",
    "paragraphs": "list",
    "text": "string",
    "image_urls": "list",
    "stocks": "list",
    "warnings": "list",
    "blocks": "string",
    "extra": "string",
}


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as exc:
        raise ImportError(PARQUET_NEEDS_PYARROW) from exc
    return pyarrow


def _parquet() -> Any:
    _pyarrow()  # its message first, when pyarrow itself is missing
    import pyarrow.parquet

    return pyarrow.parquet


def arrow_schema(fields: Sequence[str] | None = None, tz: str = "UTC") -> pa.Schema:
    """The Arrow schema of the rows: every column nullable, in the order of ``fields``.

    ``path``, the texts, ``blocks`` and ``extra`` (JSON text) are ``string``;
    ``item`` is ``int32``; ``comments`` ``bool``; ``date`` is
    ``timestamp("us", tz=tz)``; ``categories``, ``keywords``, ``credits``,
    ``paragraphs``, ``image_urls``, ``stocks`` and ``warnings`` are ``list<string>``.

    Raises:
        ImportError: pyarrow is not installed.
        ValueError: a field is unknown or named twice.
        OptionsError: ``tz`` is no IANA zone name.
    """
    return _schema(_pyarrow(), _columns(fields), _zone_name(tz))


def _schema(pa: Any, columns: Sequence[str], tz: str) -> Any:
    types = {
        "string": pa.string(),
        "int32": pa.int32(),
        "bool": pa.bool_(),
        "timestamp": pa.timestamp("us", tz=tz),
        "list": pa.list_(pa.string()),
    }
    return pa.schema([pa.field(name, types[_COLUMN_TYPES[name]]) for name in columns])


def _columns(fields: Sequence[str] | None) -> tuple[str, ...]:
    columns = ROW_FIELDS if fields is None else tuple(fields)
    check_fields(columns, ROW_FIELDS)
    return columns


def _zone_name(tz: str) -> str:
    if not isinstance(tz, str):  # Arrow keeps a zone by its name, so a tzinfo cannot do
        raise TypeError(f"tz must be a time zone name, not {type(tz).__name__}")
    zone_named(tz, what="tz")  # an unknown zone is an OptionsError here, not in pyarrow
    return "UTC" if tz.upper() == "UTC" else tz


ArrowItem = Body | Outcome
"""What the Arrow writers take: Articles, bare Bodies (their ``path`` and
``item`` None), or Outcomes (a failed one is left out)."""


def to_arrow(
    items: Iterable[ArrowItem], *, tz: str = "UTC", fields: Sequence[str] | None = None
) -> pa.Table:
    """One ``pyarrow.Table`` of the items' rows (see :func:`arrow_schema`).

    Every date is converted to ``tz`` (an IANA zone name), so the column has one
    zone whatever the articles' own offsets; the instants are unchanged.

    Raises:
        ImportError: pyarrow is not installed.
        ValueError: a field is unknown or named twice.
        OptionsError: ``tz`` is no IANA zone name.
    """
    pa = _pyarrow()
    columns = _columns(fields)
    schema = _schema(pa, columns, _zone_name(tz))
    batches = [
        pa.RecordBatch.from_pydict(data, schema=schema)
        for data in _column_batches(items, columns, tz, 10_000)
    ]
    return pa.Table.from_batches(batches, schema=schema)


def write_parquet(
    items: Iterable[ArrowItem],
    sink: str | os.PathLike[str] | BinaryIO,
    *,
    tz: str = "UTC",
    fields: Sequence[str] | None = None,
    batch_rows: int = 1000,
) -> int:
    """Write the items' rows as Parquet, a row group per ``batch_rows`` rows; returns
    the rows written.

    Items are read as they come and at most ``batch_rows`` rows are held, so a
    generator of millions of articles (``parse_many``'s outcomes) is fine. No
    rows still make a valid file, with the schema. Dates are in ``tz``, as
    :func:`to_arrow` gives them.

    Args:
        items: Articles, Bodies or Outcomes (failed outcomes are left out).
        sink: a path (replaced once the file is complete: an error halfway
            leaves it as it was), or a binary file object, left open. It
            need not be seekable: Parquet is written front to back, the
            footer last, so a pipe or a socket will do.
        tz: the zone of the ``date`` column, an IANA name.
        fields: the columns; every one of ``ROW_FIELDS`` by default.
        batch_rows: the rows of each row group.

    Raises:
        ImportError: pyarrow is not installed.
        ValueError: a field is unknown or named twice; ``batch_rows`` < 1.
        OptionsError: ``tz`` is no IANA zone name.
    """
    if batch_rows < 1:
        raise ValueError(f"batch_rows must be at least 1, not {batch_rows}")
    pa, parquet = _pyarrow(), _parquet()
    columns = _columns(fields)
    schema = _schema(pa, columns, _zone_name(tz))
    if isinstance(sink, (str, os.PathLike)):
        # Under a temporary name, renamed once complete: an error or Ctrl-C
        # halfway leaves the path as it was, never a file without its footer.
        with replaced_when_complete(os.fspath(sink)) as stream:
            stream.flush()
            return _write_batches(pa, parquet, items, stream.buffer, schema, tz, batch_rows)
    return _write_batches(pa, parquet, items, sink, schema, tz, batch_rows)


def _write_batches(
    pa: Any,
    parquet: Any,
    items: Iterable[ArrowItem],
    sink: BinaryIO,
    schema: Any,
    tz: str,
    batch_rows: int,
) -> int:
    count = 0
    with parquet.ParquetWriter(sink, schema) as writer:
        for data in _column_batches(items, schema.names, tz, batch_rows):
            batch = pa.RecordBatch.from_pydict(data, schema=schema)
            writer.write_batch(batch, row_group_size=batch_rows)
            count += batch.num_rows
    return count


def _column_batches(
    items: Iterable[ArrowItem], columns: Sequence[str], tz: str, size: int
) -> Iterator[dict[str, list[object]]]:
    """The rows of ``items`` as columns, ``size`` rows at a time (none when there are none)."""
    zone = zone_named(tz, what="tz")
    data: dict[str, list[object]] = {name: [] for name in columns}
    held = 0
    for outcome, result in parsed_results(items):
        row: dict[str, RecordValue | dt.datetime] = {**result_row(outcome, result)}
        if isinstance(result, Article):
            # The record's date is text in the article's own zone; the column
            # holds instants in one zone, so readers never meet mixed offsets.
            row["date"] = result.date.astimezone(zone)
        for name in columns:
            data[name].append(row[name])
        held += 1
        if held == size:
            yield data
            data, held = {name: [] for name in columns}, 0
    if held:
        yield data
