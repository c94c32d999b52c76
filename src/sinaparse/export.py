"""The writers under their first import path: the same as :mod:`sinaparse.outputs`."""

from .outputs import (
    CSV_COLUMNS,
    FORMATS,
    WRITERS,
    Writer,
    article_json,
    write_csv,
    write_json,
    write_jsonl,
    write_markdown,
    write_text,
)

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "WRITERS",
    "Writer",
    "article_json",
    "write_csv",
    "write_json",
    "write_jsonl",
    "write_markdown",
    "write_text",
]
