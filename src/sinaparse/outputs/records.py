"""Rows that name their source: a result's flat record after the file (and feed
item) it came from, for every tabular output (CSV, Parquet, Arrow).

>>> import datetime as dt
>>> from sinaparse import Article, Outcome
>>> article = Article(title="标题", date=dt.datetime(2021, 8, 2, tzinfo=dt.timezone.utc))
>>> row = outcome_record(Outcome("feed.xml", article=article, item=3))
>>> row["path"], row["item"], row["title"], row["date"]
('feed.xml', 3, '标题', '2021-08-02T00:00:00+00:00')
>>> select_fields(row, ["title", "item"])
{'title': '标题', 'item': 3}
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from .._data.record import RECORD_FIELDS, RecordValue
from ..article import Body
from ..batch import Outcome

__all__ = [
    "ROW_FIELDS",
    "SOURCE_FIELDS",
    "RecordValue",
    "check_fields",
    "outcome_record",
    "parsed_results",
    "result_row",
    "select_fields",
]

SOURCE_FIELDS: tuple[str, ...] = ("path", "item")
"""Where a row comes from: the file's path, and a feed item's index (from 0;
None for a file that is one document). Both None for a result given alone."""

ROW_FIELDS: tuple[str, ...] = SOURCE_FIELDS + RECORD_FIELDS
"""Every column a tabular output can have, in their order."""


def outcome_record(outcome: Outcome) -> dict[str, RecordValue]:
    """The parsed outcome's row: ``path``, ``item``, then its result's ``to_record()``.

    Raises:
        ValueError: the outcome failed (it has an error, no result): give only
            outcomes that parsed, and report the others.
    """
    result = outcome.article if outcome.article is not None else outcome.body
    if result is None:
        raise ValueError(f"a failed outcome has no record: {outcome.error}")
    return {"path": outcome.path, "item": outcome.item, **result.to_record()}


def parsed_results(items: Iterable[Body | Outcome]) -> Iterator[tuple[Outcome | None, Body]]:
    """Each parsed result of ``items`` with its outcome (None for a result given
    alone); a failed outcome is left out: its error is the caller's to report."""
    for item in items:
        if isinstance(item, Outcome):
            result = item.article if item.article is not None else item.body
            if result is not None:
                yield item, result
        else:
            yield None, item


def result_row(outcome: Outcome | None, result: Body) -> dict[str, RecordValue]:
    """The row of a result: its outcome's path and item, or None for both."""
    path, item = (None, None) if outcome is None else (outcome.path, outcome.item)
    return {"path": path, "item": item, **result.to_record()}


def select_fields(
    record: Mapping[str, RecordValue], fields: Sequence[str]
) -> dict[str, RecordValue]:
    """The record's values of ``fields``, in that order.

    A record without ``path`` and ``item`` (a bare ``to_record()``) has them None.

    Raises:
        KeyError: the record has no such field (check ``fields`` first with
            :func:`check_fields`).
    """
    return {name: record.get(name) if name in SOURCE_FIELDS else record[name] for name in fields}


def check_fields(fields: Iterable[str], available: Sequence[str] = ROW_FIELDS) -> None:
    """Check a choice of columns (a command line's ``--fields a,b,c``) before writing.

    Raises:
        ValueError: no field is given, a field is named twice, or some are not
            in ``available``; the message names each one and lists the valid fields.
    """
    chosen = list(fields)
    if not chosen:
        raise ValueError(f"no fields given; the fields are: {', '.join(available)}")
    unknown = [name for name in dict.fromkeys(chosen) if name not in available]
    if unknown:
        named = ", ".join(repr(name) for name in unknown)
        noun = "field" if len(unknown) == 1 else "fields"
        raise ValueError(f"unknown {noun} {named}; the fields are: {', '.join(available)}")
    twice = [name for name in dict.fromkeys(chosen) if chosen.count(name) > 1]
    if twice:
        # A table cannot hold two columns of one name (Arrow refuses it, CSV
        # readers take the second for the first).
        raise ValueError(f"named more than once: {', '.join(repr(name) for name in twice)}")
