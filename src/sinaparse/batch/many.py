"""``parse_many``: paths in, one :class:`Outcome` per file out, in order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from ..errors import OptionsError
from ..options import DEFAULT_OPTIONS, ParseOptions
from .outcome import Outcome, parse_one
from .paths import find_posts


def parse_many(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    workers: int | None = None,
    options: ParseOptions | None = None,
) -> Iterator[Outcome]:
    """Parse every post under ``paths``; yield one :class:`Outcome` per file, in order.

    Args:
        paths: files and folders, walked as :func:`find_posts` says; read lazily.
        workers: ``None`` or 1 parses in this process. ``N`` parses in ``N``
            processes: ``N - 1`` worker processes, and this one whenever the
            next outcome is not ready yet. A few chunks of files are in flight
            at a time. A worker process that dies is replaced; a file that
            kills one on its own is a :class:`~sinaparse.errors.WorkerError`.
        options: how to parse every file; None is :data:`~sinaparse.DEFAULT_OPTIONS`.

    Raises:
        OptionsError: ``workers`` is not a positive integer (raised at the call,
            before any file is read).
        WorkerStartError: the worker processes could not start (while iterating).

    Any other exception (a bug, or a custom rule's) stops the batch at its
    file, after the outcomes before it, with ``workers`` or without; from a
    worker process it comes with that process's traceback for its cause.
    """
    count = _worker_count(workers)
    options = DEFAULT_OPTIONS if options is None else options
    files = find_posts(paths)
    if count == 1:
        return (parse_one(name, options=options) for name in files)
    # Imported here: a serial batch, and ``import sinaparse``, need no pool machinery.
    from .pool import parse_in_processes

    return parse_in_processes(files, count, options)


def _worker_count(workers: int | None) -> int:
    if workers is None:
        return 1
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise OptionsError(f"workers must be a positive integer, not {workers!r}")
    return workers
