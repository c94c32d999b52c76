"""The flat record of a result: ``to_dict()`` data made one level deep, for tables.

A record is what pandas, Parquet, a CSV sheet or DuckDB want of an article:
one row of columns whose values are text, integers, booleans, None, or lists
of text, always the same keys in the same order (:data:`RECORD_FIELDS`).
What ``to_dict()`` nests is flattened so: a picture is its URL, a stock its
``sh600519`` code, a credit its ``"role：name"`` line, a warning its
``"code: message"`` line, and the two
documents of their own (``blocks`` and ``extra``) are JSON text.

It is made from the result's ``to_dict()`` data, so it needs nothing of the
result classes (``article`` imports this module; nothing here imports back).

>>> record = flat_record({"paragraphs": ["甲", "乙"], "text": "甲\\n乙", "images": [],
...     "stocks": [{"market": "sh", "symbol": "600519", "name": None}],
...     "blocks": [], "warnings": [], "original_title": None, "source": None,
...     "editor": None})
>>> record["stocks"], record["extra"], record["title"]
(['sh600519'], '{}', None)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .json_data import json_fallback

__all__ = ["RECORD_FIELDS", "RecordValue", "flat_record"]

RecordValue = str | int | bool | None | list[str]
"""What a record's value may be: one level, no mappings, lists of text only."""

RECORD_FIELDS: tuple[str, ...] = (
    "title",
    "date",
    "url",
    "categories",
    "keywords",
    "channel",
    "author",
    "comments",
    "head_image",
    "thumbnail",
    "original_title",
    "source",
    "editor",
    "credits",
    "paragraphs",
    "text",
    "image_urls",
    "stocks",
    "warnings",
    "blocks",
    "extra",
)
"""The keys of ``to_record()``, in their order. ``date`` is ISO 8601 text in the
article's own zone; ``head_image``, ``thumbnail`` URLs; ``credits``
``"role：name"`` lines (``"记者：高健"``); ``image_urls`` the
content pictures' URLs; ``stocks`` ``sh600519``-style codes; ``warnings``
``"code: message"`` lines; ``blocks`` and ``extra`` JSON text. A bare body has
the same keys: None for the article's own fields (``[]`` for ``categories`` and
``keywords``, ``"{}"`` for ``extra``)."""


def flat_record(data: Mapping[str, Any]) -> dict[str, RecordValue]:
    """The record of a result's ``to_dict()`` data (an Article's, or a bare Body's)."""
    return {
        "title": data.get("title"),
        "date": data.get("date"),  # already ISO 8601 text, in the article's own zone
        "url": data.get("url"),
        "categories": list(data.get("categories", ())),
        "keywords": list(data.get("keywords", ())),
        "channel": data.get("channel"),
        "author": data.get("author"),
        "comments": data.get("comments"),
        "head_image": _image_url(data.get("head_image")),
        "thumbnail": _image_url(data.get("thumbnail")),
        "original_title": data["original_title"],
        "source": data["source"],
        "editor": data["editor"],
        # role：name, split at the first full-width colon: no role holds one.
        "credits": [f"{credit['role']}：{credit['name']}" for credit in data.get("credits", ())],
        "paragraphs": list(data["paragraphs"]),
        "text": data["text"],
        "image_urls": [image["url"] for image in data["images"]],
        "stocks": [stock["market"] + stock["symbol"] for stock in data["stocks"]],
        "warnings": [f"{code}: {message}" for code, message in data["warnings"]],
        "blocks": _json_text(data["blocks"]),
        "extra": _json_text(data.get("extra", {})),
    }


def _image_url(image: Mapping[str, Any] | None) -> str | None:
    return None if image is None else str(image["url"])


def _json_text(value: object) -> str:
    # As the JSON writers write it (outputs.jsonl): Chinese kept as it is, and
    # a hand-built article's bytes or sets in their nearest form.
    return json.dumps(value, ensure_ascii=False, default=json_fallback)
