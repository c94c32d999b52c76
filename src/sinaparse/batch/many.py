"""``parse_many``: paths in, one :class:`Outcome` per file out, in order."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator

from ..errors import OptionsError
from ..options import DEFAULT_OPTIONS, ParseOptions
from .outcome import Outcome, parse_path
from .paths import find_posts


def parse_many(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    workers: int | None = None,
    options: ParseOptions | None = None,
    timeout: float | None = None,
) -> Iterator[Outcome]:
    """Parse every file under ``paths``; yield one :class:`Outcome` per file (one per
    item of a feed), in order. Each file's kind (post, page, bare body, feed) is
    told from its content, or set by ``options.input_kind``.

    Args:
        paths: files and folders, walked as :func:`find_posts` says; read lazily.
        workers: None parses in this process. ``N`` parses in ``N`` worker
            processes, a few chunks of files in flight, while this one only
            hands out files and reads outcomes: a file that crashes or stalls
            its process is a :class:`~sinaparse.errors.WorkerError`, the process
            is replaced, and the batch goes on.
        options: how to parse every file; None is :data:`~sinaparse.DEFAULT_OPTIONS`.
        timeout: seconds one file may take. A file that takes longer is a
            WorkerError naming the limit; its process is killed. It needs a
            process to kill: with ``workers`` None, one worker process parses.

    Raises:
        OptionsError: ``workers`` or ``timeout`` is not a positive number (at
            the call, before any file is read).
        WorkerStartError: the worker processes could not start (while iterating).

    Any other exception (a bug, or a custom rule's) stops the batch at its
    file, after the outcomes before it; from a worker process it comes with
    that process's traceback for its cause.
    """
    count = _worker_count(workers)
    limit = _time_limit(timeout)
    options = DEFAULT_OPTIONS if options is None else options
    files = find_posts(paths)
    if count is None and limit is None:
        return (outcome for name in files for outcome in parse_path(name, options=options))
    # Imported here: a serial batch, and ``import sinaparse``, need no pool machinery.
    from .pool import parse_in_processes

    return parse_in_processes(files, count or 1, options, limit)


def _worker_count(workers: int | None) -> int | None:
    if workers is None:
        return None
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise OptionsError(f"workers must be a positive integer, not {workers!r}")
    return workers


def _time_limit(timeout: float | None) -> float | None:
    if timeout is None:
        return None
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or not math.isfinite(timeout)
        or timeout <= 0
    ):
        raise OptionsError(f"timeout must be a positive number of seconds, not {timeout!r}")
    return float(timeout)
