"""``explain``: a parse, and what it removed and warned of, for whoever extends
the boilerplate catalogue.

In: a post, page, bare body or feed (text or bytes, or a file). Out: an
:class:`Explanation`: the parse's result, each :class:`~sinaparse.Removal`, the
warnings. The parse is the one :func:`~sinaparse.parse_many` makes of the
input, recording as it goes; a feed is explained by its first item.
"""

from __future__ import annotations

import os
from typing import Any

import attrs

from ._api import (
    Removals,
    debugging,
    explained_body,
    explained_feed_item,
    explained_page,
    explained_post,
)
from ._sources.feed import NO_ITEMS, Feed
from ._sources.kind import input_kind
from ._sources.read import read_file
from .article import Article, Body, ParseWarning
from .boilerplate._removal import Removal, log_parse
from .errors import InputError, SinaParseError
from .options import DEFAULT_OPTIONS, ParseOptions


def _exactly_one_result(
    instance: Explanation, attribute: attrs.Attribute[Any], value: object
) -> None:
    if (instance.article is None) == (instance.body is None):
        raise ValueError("an Explanation holds exactly one of article and body")


@attrs.frozen
class Explanation:
    """What a parse of one input removed and warned of, and what it gave."""

    kind: str
    """What the input was read as: ``post``, ``page``, ``body`` or ``feed``."""
    removals: tuple[Removal, ...]
    """Each element the parse removed, in the order of the input's lines (on one
    line, in the order the steps ran: a page's template parts, raw text,
    comments, then the catalogue's rules in order): a catalogue rule's, or a
    fixed step's (``html-comment``, ``raw-text``)."""
    warnings: tuple[ParseWarning, ...]
    """The result's warnings."""
    article: Article | None = None
    """The Article of a post, a page or a feed's item; None for a bare body."""
    body: Body | None = attrs.field(default=None, validator=_exactly_one_result)
    """A bare body's fields; None otherwise."""
    item: int | None = None
    """For a feed, the index of the item explained (0: the first); None otherwise."""


def explain(
    source: str | bytes, *, options: ParseOptions | None = None, kind: str | None = None
) -> Explanation:
    """Parse ``source`` as :func:`~sinaparse.parse_many` would, and say what went.

    Args:
        source: a post, a whole page, a bare body or a feed, as text or bytes.
        options: how to parse; None is :data:`~sinaparse.DEFAULT_OPTIONS`.
        kind: ``"post"``, ``"page"``, ``"body"``, ``"feed"`` or ``"auto"`` (told from
            the content); None is ``options.input_kind``. A feed is explained
            by its first item only (``item`` is 0).

    Raises:
        SinaParseError: the input cannot be parsed, as ``parse`` (and the like)
            would raise; a feed without items is an ``InputError``;
            ``OptionsError`` for an unknown ``kind``.
    """
    options = DEFAULT_OPTIONS if options is None else options
    if kind is not None:  # checked as ParseOptions checks it
        options = attrs.evolve(options, input_kind=kind)
    chosen = options.input_kind
    if chosen == "auto":
        chosen = input_kind(
            source if isinstance(source, bytes) else source.encode("utf-8", "replace")
        )
    explanation = _explained(source, chosen, options)
    if debugging():
        log_parse(explanation.removals, explanation.warnings)
    return explanation


def explain_file(
    path: str | os.PathLike[str], *, options: ParseOptions | None = None
) -> Explanation:
    """:func:`explain` the file at ``path`` (its kind: ``options.input_kind``); errors
    name the path.

    Raises:
        SinaParseError: the input cannot be parsed.
        OSError: the file cannot be opened.
    """
    options = DEFAULT_OPTIONS if options is None else options
    # Enough for a feed, whose limit is the larger: a longer post still fails,
    # on its own limit, as it would in parse_file.
    data = read_file(path, max_bytes=max(options.max_bytes, options.max_feed_bytes))
    try:
        return explain(data, options=options)
    except SinaParseError as error:
        raise error.with_position(path=path) from error.__cause__


def _explained(source: str | bytes, kind: str, options: ParseOptions) -> Explanation:
    if kind == "body":
        body, removals = explained_body(source, options, record=True)
        return Explanation(kind, removals, body.warnings, body=body)
    article: Article
    item: int | None = None
    if kind == "post":
        article, removals = explained_post(source, options, record=True)
    elif kind == "page":
        article, removals = explained_page(source, None, options, record=True)
    else:
        article, removals, item = _first_item(source, options)
    return Explanation(kind, removals, article.warnings, article=article, item=item)


def _first_item(source: str | bytes, options: ParseOptions) -> tuple[Article, Removals, int]:
    feed = Feed(source, max_bytes=options.max_feed_bytes, max_items=options.max_feed_items)
    for item in feed:  # the first only: the rest of the feed is not read
        article, removals = explained_feed_item(item, options, record=True)
        return article, removals, item.index
    raise InputError(f"{NO_ITEMS}: nothing to explain")
