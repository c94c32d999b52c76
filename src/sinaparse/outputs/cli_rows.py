"""The command's rows: each parsed outcome as the row its format writes, in one zone.

In: :class:`~sinaparse.Outcome` objects. Out: JSON rows (``to_dict()`` with
the source's ``path`` and ``item`` first), flat records (``to_record()``, the
same two first) for CSV and Parquet, or the result itself for Markdown and
text; every date converted to the run's zone. Failures and warnings are
reported here too, as they pass.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterator
from typing import Any

import attrs

from ..article import Article, Body
from ..batch import Outcome
from .records import ROW_FIELDS


@functools.cache
def _json_fields() -> tuple[str, ...]:
    # The keys of an Article's JSON row, in order: its source, then to_dict()'s
    # keys, read off an Article so that they never drift from it.
    sample = Article(title="", date=dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc))
    return ("path", "item", *sample.to_dict())


def fields_of(fmt: str) -> tuple[str, ...] | None:
    """The fields ``--fields`` may name for ``fmt``; None when it takes none."""
    if fmt in ("json", "jsonl"):
        return _json_fields()
    if fmt in ("csv", "parquet"):
        return ROW_FIELDS
    return None


def in_zone(outcome: Outcome, zone: dt.tzinfo) -> Outcome:
    """The outcome with its article's date shown in ``zone`` (the same instant)."""
    article = outcome.article
    if article is None or article.date.tzinfo is zone:
        return outcome
    return attrs.evolve(outcome, article=attrs.evolve(article, date=article.date.astimezone(zone)))


def result(outcome: Outcome) -> Body:
    """The parsed outcome's Article, or its bare Body."""
    found = outcome.article if outcome.article is not None else outcome.body
    if found is None:
        raise ValueError(f"{outcome.path} did not parse: {outcome.error}")
    return found


def json_row(outcome: Outcome, fields: tuple[str, ...] | None) -> dict[str, Any]:
    """``to_dict()`` after the source's ``path`` and ``item`` (None unless a feed's)."""
    row = {"path": outcome.path, "item": outcome.item, **result(outcome).to_dict()}
    return row if fields is None else {name: row.get(name) for name in fields}


def where(outcome: Outcome) -> str:
    """The outcome's source as messages name it: ``path``, or ``path[item]`` for a feed's."""
    return outcome.path if outcome.item is None else f"{outcome.path}[{outcome.item}]"


def warning_lines(outcome: Outcome) -> Iterator[str]:
    """``path: warning: [code] message``, one line per warning of the parsed outcome."""
    for code, message in result(outcome).warnings:
        yield f"{where(outcome)}: warning: [{code}] {message}"


def error_record(outcome: Outcome) -> str:
    """One line of the ``--errors`` file: the failure as a JSON object."""
    error = outcome.error
    assert error is not None  # only failures come here
    record = {
        "path": outcome.path,
        "item": outcome.item,
        "line": error.line,
        "error": type(error).__name__,
        "message": error.reason,
    }
    return json.dumps(record, ensure_ascii=False)
