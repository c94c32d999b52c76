"""One file's result: its Article or its error, as an :class:`Outcome`.

In: a file's path. Out: an :class:`Outcome` that never raises for bad input.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from typing import Any

import attrs

from .._api import parse, parse_body, parse_feed_item, parse_page
from .._sources.feed import NO_ITEMS, Feed
from .._sources.kind import input_kind
from .._sources.read import read_file
from ..article import Article, Body
from ..errors import InputError, SinaParseError
from ..options import DEFAULT_OPTIONS, ParseOptions
from .paths import is_signed


def _exactly_one_result(instance: Outcome, attribute: attrs.Attribute[Any], value: object) -> None:
    held = [part for part in (instance.article, instance.body, instance.error) if part is not None]
    if len(held) != 1:
        raise ValueError(
            "an Outcome holds exactly one of article and error (or, for a bare body, body)"
        )


def _error_identity(error: SinaParseError | None) -> object:
    return None if error is None else (type(error), error.reason, error.path, error.line)


@attrs.frozen
class Outcome:
    """What became of one file of a batch (or one item of a feed): its Article, or
    the error it raised.

    Exactly one of ``article`` and ``error`` is set.
    """

    path: str
    """The file, as given or as found in a folder."""
    article: Article | None = None
    """The parsed post, or None when the file failed."""
    error: SinaParseError | None = attrs.field(default=None, eq=_error_identity)
    """Why the file failed, or None when it parsed. Its ``str()`` reads ``path:line: message``;
    a file that cannot be read is an :class:`~sinaparse.InputError`. Outcomes compare errors
    by class, reason, path and line (exceptions alone compare by identity)."""
    item: int | None = None
    """For an item of a feed, its place in the feed (0 for the first); None for a
    file that is one document."""
    body: Body | None = attrs.field(default=None, validator=_exactly_one_result)
    """A bare body's fields (a file of ``parse_many`` with no front matter and no
    page markers: it has no title or date); None otherwise."""

    @property
    def ok(self) -> bool:
        """True when the file (or item) parsed."""
        return self.error is None


def parse_one(path: str | os.PathLike[str], *, options: ParseOptions | None = None) -> Outcome:
    """Parse one file into an :class:`Outcome`; never raises for bad input.

    The file is parsed as :func:`~sinaparse.parse_file` parses it, except that
    only a regular file (or a link to one) is read: a FIFO, a socket, a device
    or a folder is never opened for reading (a FIFO would block the batch
    forever). A path that cannot be parsed becomes an
    :class:`~sinaparse.InputError` naming the path and what it is: missing, no
    permission, a broken symbolic link, a link loop, a folder that cannot be
    listed, not a regular file. So every failure of a batch is a
    :class:`~sinaparse.SinaParseError` with a ``path``.
    """
    name = os.fspath(path)
    if "\0" in name:  # the OS would raise ValueError, which is no reading error
        return Outcome(name, error=InputError("the path holds a NUL character", path=name))
    options = DEFAULT_OPTIONS if options is None else options
    try:
        data = read_file(name, max_bytes=options.max_bytes, only_regular=True)
        return Outcome(name, article=parse(data, options=options))
    except SinaParseError as error:  # placed in the file, as parse_file places them
        return Outcome(name, error=error.with_position(path=name))
    except OSError as error:
        return Outcome(name, error=InputError(_why_unreadable(name, error), path=name))


def _why_unreadable(name: str, error: OSError) -> str:
    """What is wrong with a path that could not be opened, as the error's reason."""
    reason = error.strerror or str(error)
    if error.errno == errno.ELOOP:
        return f"is a symbolic link that never reaches a file (a loop): {reason}"
    if error.errno == errno.ENOENT and os.path.islink(name):
        try:
            return f"is a broken symbolic link: its target {os.readlink(name)!r} does not exist"
        except OSError:  # gone meanwhile
            pass
    if os.path.isdir(name):
        return f"is a folder that cannot be listed: {reason}"
    return f"cannot read the file: {reason}"


def parse_path(
    path: str | os.PathLike[str], *, options: ParseOptions | None = None
) -> Iterator[Outcome]:
    """The outcomes of one file of a batch, whatever it holds: a post, a page or a
    bare body give one, a feed one per item (each with its ``item`` index).

    The kind is ``options.input_kind``, or, for ``"auto"``, told from the file's
    content (see :func:`sinaparse._sources.kind.input_kind`). The file is read
    as :func:`parse_one` reads it (a regular file only), and never raises for
    bad input: a path that cannot be read is an ``InputError`` naming it.
    """
    options = DEFAULT_OPTIONS if options is None else options
    name = os.fspath(path)
    if "\0" in name:  # the OS would raise ValueError, which is no reading error
        yield Outcome(name, error=InputError("the path holds a NUL character", path=name))
        return
    try:
        kind, data = _read_kind(name, options)
    except SinaParseError as error:
        yield Outcome(name, error=error.with_position(path=name))
        return
    except OSError as error:
        yield Outcome(name, error=InputError(_why_unreadable(name, error), path=name))
        return
    yield from _outcomes_of(name, kind, data, options)


def parse_data(name: str, data: bytes, *, options: ParseOptions | None = None) -> Iterator[Outcome]:
    """The outcomes of a document already read (standard input, say), named
    ``name`` in them: :func:`parse_path` without the reading. ``data`` should
    be read up to the larger of ``max_bytes`` and ``max_feed_bytes`` plus one
    byte, so that a document too long for its kind is refused as such."""
    options = DEFAULT_OPTIONS if options is None else options
    kind = options.input_kind if options.input_kind != "auto" else input_kind(data)
    yield from _outcomes_of(name, kind, data, options)


def _outcomes_of(name: str, kind: str, data: bytes, options: ParseOptions) -> Iterator[Outcome]:
    try:
        if kind == "feed":
            feed = Feed(data, max_bytes=options.max_feed_bytes, max_items=options.max_feed_items)
            empty = True
            for outcome in feed_outcomes(feed, name, options):
                empty = False
                yield outcome
            if empty:  # an outcome all the same: no file of a batch goes unaccounted for
                yield Outcome(name, error=InputError(NO_ITEMS, path=name))
        else:
            yield _document(name, kind, data, options)
    except SinaParseError as error:
        yield Outcome(name, error=error.with_position(path=name))


def _read_kind(name: str, options: ParseOptions) -> tuple[str, bytes]:
    """The file's kind and its bytes: up to ``max_bytes`` (one byte more tells a
    file too long), or up to ``max_feed_bytes`` for a feed, read again only
    when a feed is longer than ``max_bytes``."""
    forced = options.input_kind
    limit = options.max_feed_bytes if forced == "feed" else options.max_bytes
    data = read_file(name, max_bytes=limit, only_regular=True)
    if is_signed(data):
        raise InputError("is sinaparse's own output (its first line says so), not an input")
    kind = forced if forced != "auto" else input_kind(data)
    if kind == "feed" and len(data) > limit and options.max_feed_bytes > limit:
        data = read_file(name, max_bytes=options.max_feed_bytes, only_regular=True)
    return kind, data


def _document(name: str, kind: str, data: bytes, options: ParseOptions) -> Outcome:
    try:
        if kind == "post":
            return Outcome(name, article=parse(data, options=options))
        if kind == "page":
            return Outcome(name, article=parse_page(data, options=options))
        return Outcome(name, body=parse_body(data, options=options))
    except SinaParseError as error:  # placed in the file, as parse_file places them
        return Outcome(name, error=error.with_position(path=name))


def feed_outcomes(feed: Feed, path: str, options: ParseOptions) -> Iterator[Outcome]:
    """An Outcome per item of the open ``feed``, their errors placed in ``path``."""
    for item in feed:
        try:
            yield Outcome(path, article=parse_feed_item(item, options), item=item.index)
        except SinaParseError as error:
            placed = error.with_position(path=path) if path != FEED_PATH else error
            yield Outcome(path, error=placed, item=item.index)


FEED_PATH = "<feed>"
"""The ``path`` of the outcomes of a feed given as text or bytes."""
