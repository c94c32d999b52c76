"""Parse many posts: files and folders in, one :class:`Outcome` per file out, in order.

One bad file never stops a batch: its error is an outcome like any other.

>>> from sinaparse.batch import parse_many
>>> for outcome in parse_many(["posts/"], workers=2):  # doctest: +SKIP
...     if outcome.article is not None:
...         print(outcome.article.title)
...     else:
...         print(outcome.error)

With ``workers`` above 1 the files are parsed in a pool of processes, a few
chunks of files at a time, so memory stays flat however long the batch is, and
the outcomes still come back in input order.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ._api import parse_file
from .article import Article
from .boilerplate import BoilerplateRule
from .errors import InputError, OptionsError, SinaParseError
from .options import DEFAULT_OPTIONS, ParseOptions

if TYPE_CHECKING:
    from concurrent.futures import Future
    from multiprocessing.context import BaseContext

__all__ = ["POST_SUFFIXES", "Outcome", "find_posts", "parse_many", "parse_one"]

POST_SUFFIXES: tuple[str, ...] = (".md", ".markdown", ".txt")
"""The file name endings taken when a folder is walked (compared without case)."""

# Files per task sent to a worker: enough to make the cost of sending a task
# small next to parsing (about a millisecond a post), few enough that short
# batches still spread over every worker.
_CHUNK_SIZE = 8
# Tasks in flight per worker: one being parsed, the next ones queued so no
# worker waits for the parent. This bounds the results held in memory.
_TASKS_PER_WORKER = 3


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
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        yield folder
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if _is_folder(entry):
            yield from _walk(entry.path)
        elif entry.name.lower().endswith(POST_SUFFIXES) and entry.is_file():
            yield entry.path


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:  # the entry went away, or cannot be examined: not a folder to walk
        return False


def parse_many(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    workers: int | None = None,
    options: ParseOptions = DEFAULT_OPTIONS,
) -> Iterator[Outcome]:
    """Parse every post under ``paths``; yield one :class:`Outcome` per file, in order.

    Args:
        paths: files and folders, walked as :func:`find_posts` says; read lazily.
        workers: ``None`` or 1 parses in this process; more parses in that many
            worker processes, with at most a few chunks of files in flight.
        options: how to parse every file.

    Raises:
        OptionsError: ``workers`` is not a positive integer (raised at the call,
            before any file is read).
    """
    count = _worker_count(workers)
    files = find_posts(paths)
    if count == 1:
        return (parse_one(name, options=options) for name in files)
    return _parse_in_pool(files, count, options)


def _worker_count(workers: int | None) -> int:
    if workers is None:
        return 1
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise OptionsError(f"workers must be a positive integer, not {workers!r}")
    return workers


def _parse_in_pool(files: Iterator[str], workers: int, options: ParseOptions) -> Iterator[Outcome]:
    # Imported here: a serial batch, and ``import sinaparse``, need no pool machinery.
    from concurrent.futures import ProcessPoolExecutor

    chunks = _chunks(files, _CHUNK_SIZE)
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_process_context(),
        initializer=_start_worker,
        initargs=_portable(options),
    ) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        try:
            for chunk in itertools.islice(chunks, workers * _TASKS_PER_WORKER):
                pending.append(pool.submit(_parse_chunk, chunk))
            while pending:
                outcomes = pending.popleft().result()
                next_chunk = next(chunks, None)
                if next_chunk is not None:
                    pending.append(pool.submit(_parse_chunk, next_chunk))
                yield from outcomes
        finally:
            # The caller stopped early (fail-fast, an exception, Ctrl-C): drop
            # the queued work instead of parsing it for nobody.
            for future in pending:
                future.cancel()


def _chunks(files: Iterator[str], size: int) -> Iterator[list[str]]:
    while chunk := list(itertools.islice(files, size)):
        yield chunk


def _process_context() -> BaseContext:
    import multiprocessing

    # Not "fork": forking a process that runs threads (the pool's own, or the
    # caller's) can deadlock, and Python 3.14 stops making it the default.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


# The options are sent once to each worker, not with every task. Compiled
# XPath selectors cannot be pickled, so the boilerplate rules travel as the
# arguments they were made from and are compiled again in the worker.
_RuleArguments = tuple[type[BoilerplateRule], dict[str, Any]]
_worker_options: ParseOptions = DEFAULT_OPTIONS


def _portable(options: ParseOptions) -> tuple[ParseOptions, tuple[_RuleArguments, ...]]:
    rules = tuple(
        (
            type(rule),
            {
                field.name: getattr(rule, field.name)
                for field in attrs.fields(type(rule))
                if field.init
            },
        )
        for rule in options.boilerplate
    )
    return attrs.evolve(options, boilerplate=()), rules


def _start_worker(options: ParseOptions, rules: tuple[_RuleArguments, ...]) -> None:
    global _worker_options
    boilerplate = tuple(rule_type(**arguments) for rule_type, arguments in rules)
    _worker_options = attrs.evolve(options, boilerplate=boilerplate)


def _parse_chunk(files: list[str]) -> list[Outcome]:
    return [parse_one(name, options=_worker_options) for name in files]
