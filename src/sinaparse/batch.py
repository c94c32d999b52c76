"""Parse many posts: files and folders in, one :class:`Outcome` per file out, in order.

One bad file never stops a batch: its error is an outcome like any other.

>>> from sinaparse.batch import parse_many
>>> for outcome in parse_many(["posts/"], workers=2):  # doctest: +SKIP
...     if outcome.article is not None:
...         print(outcome.article.title)
...     else:
...         print(outcome.error)

With ``workers`` above 1 the files are parsed in that many processes, a few
chunks of files at a time, so memory stays flat however long the batch is, and
the outcomes still come back in input order.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from ._api import parse_file
from .article import Article
from .errors import InputError, OptionsError, SinaParseError
from .options import DEFAULT_OPTIONS, ParseOptions

__all__ = ["POST_SUFFIXES", "Outcome", "find_posts", "parse_many", "parse_one"]

POST_SUFFIXES: tuple[str, ...] = (".md", ".markdown", ".txt")
"""The file name endings taken when a folder is walked (compared without case)."""


def _exactly_one_result(instance: Outcome, attribute: attrs.Attribute[Any], value: object) -> None:
    if (instance.article is None) == (instance.error is None):
        raise ValueError("an Outcome holds exactly one of article and error")


def _error_identity(error: SinaParseError | None) -> object:
    return None if error is None else (type(error), error.reason, error.path, error.line)


@attrs.frozen
class Outcome:
    """What became of one file of a batch: its Article, or the error it raised.

    Exactly one of ``article`` and ``error`` is set.
    """

    path: str
    """The file, as given or as found in a folder."""
    article: Article | None = None
    """The parsed post, or None when the file failed."""
    error: SinaParseError | None = attrs.field(
        default=None, validator=_exactly_one_result, eq=_error_identity
    )
    """Why the file failed, or None when it parsed. Its ``str()`` reads ``path:line: message``;
    a file that cannot be read is an :class:`~sinaparse.InputError`. Outcomes compare errors
    by class, reason, path and line (exceptions alone compare by identity)."""

    @property
    def ok(self) -> bool:
        """True when the file parsed."""
        return self.article is not None


def parse_one(path: str | os.PathLike[str], *, options: ParseOptions = DEFAULT_OPTIONS) -> Outcome:
    """Parse one file into an :class:`Outcome`; never raises for bad input.

    A file that cannot be read (missing, a folder, no permission) becomes an
    :class:`~sinaparse.InputError` naming the path, so every failure of a batch
    is a :class:`~sinaparse.SinaParseError` with a ``path``.
    """
    name = os.fspath(path)
    try:
        return Outcome(name, article=parse_file(name, options=options))
    except SinaParseError as error:
        return Outcome(name, error=error)
    except OSError as error:
        reason = f"cannot read the file: {error.strerror or error}"
        return Outcome(name, error=InputError(reason, path=name))


def find_posts(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> Iterator[str]:
    """The files a batch of ``paths`` stands for, lazily.

    A path that is not a folder is taken as it is, whatever its name (a missing
    one too: parsing it reports the error). A folder is walked recursively, in
    sorted order, for files ending in :data:`POST_SUFFIXES`; names starting
    with ``.`` (``.git``, editors' backups) are skipped, and links to folders
    are not followed, so a walk always ends. A folder that cannot be listed is
    yielded itself, so that its error is reported when it is parsed.
    """
    for path in _as_paths(paths):
        name = os.fspath(path)
        if os.path.isdir(name):
            yield from _walk(name)
        else:
            yield name


def _as_paths(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
) -> Iterable[str | os.PathLike[str]]:
    # A lone string is a path, not an iterable of one-letter paths.
    if isinstance(paths, (str, os.PathLike)):
        return (paths,)
    return paths


def _walk(folder: str) -> Iterator[str]:
    try:
        names = _sorted_names(folder)
    except OSError:
        yield folder
        return
    for name in names:
        if name.startswith("."):
            continue
        path = os.path.join(folder, name)
        kind = _kind(path)
        if kind == "folder":
            yield from _walk(path)
        elif kind == "file" and name.lower().endswith(POST_SUFFIXES):
            yield path


def _sorted_names(folder: str) -> Iterator[str]:
    """The names in ``folder``, sorted, held compactly while they are walked.

    The sorted names are kept as one bytes object: a name's UTF-8 length plus
    one byte, where a str or a DirEntry object costs 100 to 400 bytes, so that
    a folder of a million posts costs tens of megabytes, not hundreds. (Sorting
    the UTF-8 bytes of names sorts them by code point, as sorting str does.)
    """
    names = os.listdir(os.fsencode(folder))
    names.sort()
    packed = b"\0".join(names)  # NUL is the one byte no file name holds
    del names
    return _unpacked(packed) if packed else iter(())


def _unpacked(packed: bytes) -> Iterator[str]:
    start = 0
    while start <= len(packed):
        end = packed.find(b"\0", start)
        if end == -1:
            end = len(packed)
        yield os.fsdecode(packed[start:end])
        start = end + 1


def _kind(path: str) -> str:
    """What ``path`` is: "folder" (never through a link, so a walk always ends),
    "file" (also through a link), or "" (anything else, or gone)."""
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            mode = os.stat(path).st_mode
            return "file" if stat.S_ISREG(mode) else ""
    except OSError:  # gone, a broken link, or cannot be examined: nothing to take
        return ""
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else ""


def parse_many(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    workers: int | None = None,
    options: ParseOptions = DEFAULT_OPTIONS,
) -> Iterator[Outcome]:
    """Parse every post under ``paths``; yield one :class:`Outcome` per file, in order.

    Args:
        paths: files and folders, walked as :func:`find_posts` says; read lazily.
        workers: ``None`` or 1 parses in this process. ``N`` parses in ``N``
            processes: ``N - 1`` worker processes, and this one whenever the
            next outcome is not ready yet. A few chunks of files are in flight
            at a time. A worker process that dies is replaced; a file that
            kills one on its own is a :class:`~sinaparse.errors.WorkerError`.
        options: how to parse every file.

    Raises:
        OptionsError: ``workers`` is not a positive integer (raised at the call,
            before any file is read).
        WorkerStartError: the worker processes could not start (while iterating).

    Any other exception (a bug, or a custom rule's) stops the batch at its
    file, after the outcomes before it, with ``workers`` or without; from a
    worker process it comes with that process's traceback for its cause.
    """
    count = _worker_count(workers)
    files = find_posts(paths)
    if count == 1:
        return (parse_one(name, options=options) for name in files)
    # Imported here: a serial batch, and ``import sinaparse``, need no pool machinery.
    from ._pool import parse_in_processes

    return parse_in_processes(files, count, options)


def _worker_count(workers: int | None) -> int:
    if workers is None:
        return 1
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise OptionsError(f"workers must be a positive integer, not {workers!r}")
    return workers
