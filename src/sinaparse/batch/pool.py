"""The process pool behind ``parse_many(workers=N)``: ordered, bounded, isolated.

``N`` helper processes parse; this process only hands out chunks of files and
reads the answers. It never parses, so a file that crashes or stalls the
process parsing it only ever takes a helper with it. Each helper has a few
chunks in flight and answers them in the order it got them, so the outcomes
come back in input order by reading each helper's answers in the order its
chunks were sent.

Why not ``concurrent.futures``: its pool wakes two threads in this process
for every task; here a task is a chunk of files, and this process sleeps
until some helper answers.

No deadlock, by design: this process never blocks on a send. A helper's
chunks go out through a thread of its own (``helpers._Sender``), which may wait
on a full pipe while that helper parses, and the loop here waits only for
answers, from every helper at once, so a helper writing a large answer is
always read. (Chunks of long path names and answers of megabytes both
outgrow a pipe's buffer: sending from the loop, the loop waited for a helper
that waited for the loop.)

The time limit: each helper writes, in memory it shares with this process,
how many files it has started and when it started the one it is parsing (two
numbers, no message). The loop wakes when the earliest file would pass the
limit; a helper past it is killed and replaced, the file becomes a
:class:`~sinaparse.errors.WorkerError` naming the limit, and the rest of its
chunk is sent to the new helper.

A helper that dies (killed, out of memory, a crash in a C library) is
replaced too. The files of its chunk before the one it was parsing are sent
again as a chunk, that file alone, the files after it as a chunk: a file
whose helper dies on it alone is a WorkerError. A helper that dies before it
is ready to parse blames no file: the pool stops with a
:class:`~sinaparse.errors.WorkerStartError` (most often, a script without the
``if __name__ == "__main__":`` guard, which every new process runs again).

An exception other than a SinaParseError (a bug, or a custom rule's) stops
the batch at its file as it does in a serial batch: the outcomes before it
come out, then it is raised here, with a helper's traceback as its cause.
"""

from __future__ import annotations

import itertools
import signal
import time
from collections import deque
from collections.abc import Iterator, Sequence
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, Any

from ..errors import WorkerError, WorkerStartError
from ..options import ParseOptions
from .helpers import SINCE, STARTED, Answer, Helper, HelperDied, Raised, Slot
from .outcome import Outcome, parse_path

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext

# Files per chunk: enough to make the cost of a message small next to parsing
# (about half a millisecond a post), few enough that short batches spread.
CHUNK_SIZE = 8
# Chunks in flight per helper: one being parsed, the next ones queued so that
# no helper waits for this process.
CHUNKS_PER_HELPER = 3
# Answered chunks held while the next outcome in order is still awaited:
# with the chunks in flight, this bounds the outcomes in memory however long
# the batch is, and however slow one file.
AHEAD = 16


def parse_in_processes(
    files: Iterator[str], workers: int, options: ParseOptions, timeout: float | None
) -> Iterator[Outcome]:
    """The outcomes of ``files``, in order, parsed by ``workers`` helper processes."""
    pool = _Pool(files, workers, options, timeout)
    try:
        yield from pool.outcomes()
    finally:
        pool.close()


class _Pool:
    def __init__(
        self, files: Iterator[str], helpers: int, options: ParseOptions, timeout: float | None
    ) -> None:
        self._chunks = _chunks(files, CHUNK_SIZE)
        self._options = options
        self._timeout = timeout
        self._context = _process_context()
        self._helpers = [Helper(self._context, options, _serve) for _ in range(helpers)]
        self._slots: deque[Slot] = deque()
        self._most_slots = helpers * CHUNKS_PER_HELPER + AHEAD

    def outcomes(self) -> Iterator[Outcome]:
        self._fill()
        while self._slots:
            head = self._slots[0]
            if head.outcomes is None:
                self._wait()
                continue
            self._slots.popleft()
            yield from head.outcomes
            if head.raised is not None:
                raise head.raised
            self._fill()

    def close(self) -> None:
        """Stop every helper; work still in flight (the caller stopped early) is dropped."""
        unfinished = bool(self._slots)
        for helper in self._helpers:
            helper.stop(wait=not unfinished)

    def _fill(self) -> None:
        """Give each helper chunks up to its share, in turns, within the bound on outcomes."""
        for _ in range(CHUNKS_PER_HELPER):
            for helper in self._helpers:
                if len(helper.pending) >= CHUNKS_PER_HELPER:
                    continue
                if len(self._slots) >= self._most_slots:
                    return
                chunk = next(self._chunks, None)
                if chunk is None:
                    return
                self._slots.append(helper.give(chunk))

    def _wait(self) -> None:
        """Sleep until a helper answers (or dies), or a file passes the time limit."""
        busy = [helper for helper in self._helpers if helper.pending]
        ready = wait([helper.answers for helper in busy], self._time_left(busy))
        for helper in busy:
            if helper.answers in ready:
                self._receive(helper)
        if self._timeout is not None:
            for helper in busy:
                if helper in self._helpers:
                    self._stop_if_overdue(helper, self._timeout)
        self._fill()

    def _time_left(self, busy: Sequence[Helper]) -> float | None:
        if self._timeout is None:
            return None
        now = time.monotonic()
        return max(0.0, min(helper.time_left(self._timeout, now) for helper in busy))

    def _receive(self, helper: Helper) -> None:
        try:
            helper.receive()
        except HelperDied as died:
            if not died.started:
                raise WorkerStartError(_COULD_NOT_START.format(how=died.how)) from None
            reason = f"the worker process parsing this file {died.how}"
            self._replace(helper, helper.file_in_progress(), reason, timed_out=False)

    def _stop_if_overdue(self, helper: Helper, limit: float) -> None:
        """Kill a helper whose file passed the limit; that file becomes a WorkerError."""
        started = helper.files_started()  # before the time: see _parse_chunk
        if not helper.overdue(limit, time.monotonic()):
            return
        helper.kill()
        helper.drain()  # what it answered before it was killed is still to be read
        reason = (
            f"parsing took longer than the time limit ({limit:g} s): "
            "the worker process parsing this file was stopped"
        )
        # It moved on to the next file just before it was killed: that one is no culprit
        # yet, and gets a second chance alone, as after any death.
        timed_out = helper.files_started() == started
        self._replace(helper, helper.file_in_progress(), reason, timed_out=timed_out)

    def _replace(self, dead: Helper, culprit: int | None, reason: str, *, timed_out: bool) -> None:
        """Start a new helper for a dead one, and give it the dead one's chunks.

        ``culprit`` is the index, in the first of them, of the file the dead one
        was parsing (None: it had not started that chunk, which is then sent
        again whole, once).
        """
        dead.stop(wait=False)
        helper = Helper(self._context, self._options, _serve)
        self._helpers[self._helpers.index(dead)] = helper
        instead: dict[int, list[Slot]] = {}
        for number, slot in enumerate(dead.pending):
            if number == 0 and (culprit is not None or slot.resent):
                instead[id(slot)] = _split(slot, culprit or 0, helper, reason, timed_out=timed_out)
            else:
                instead[id(slot)] = [helper.give(slot.files, resent=number == 0)]
        self._slots = deque(part for slot in self._slots for part in instead.get(id(slot), [slot]))


def _split(slot: Slot, culprit: int, helper: Helper, reason: str, *, timed_out: bool) -> list[Slot]:
    """The chunk a helper died on, again: the files before the culprit, the
    culprit, the files after it. The culprit fails if it passed the time
    limit or was parsed alone; otherwise it is sent again alone, so that only
    a file that stops a helper on its own fails."""
    culprit = min(culprit, len(slot.files) - 1)
    before, name, after = slot.files[:culprit], slot.files[culprit], slot.files[culprit + 1 :]
    parts = [helper.give(before)] if before else []
    if timed_out or len(slot.files) == 1:
        parts.append(Slot([name], None, [Outcome(name, error=WorkerError(reason, path=name))]))
    else:
        parts.append(helper.give([name]))
    return parts + ([helper.give(after)] if after else [])


_COULD_NOT_START = (
    "parse_many's worker processes could not start: one {how} before it was ready to parse. "
    "The usual cause is a script that calls parse_many(workers=...) outside an "
    "'if __name__ == \"__main__\":' block: every new process runs the script again "
    "(see 'Safe importing of main module' in Python's multiprocessing documentation)."
)


def _serve(tasks: Connection, answers: Connection, progress: Any, options: ParseOptions) -> None:
    """A helper's life: parse each chunk it is sent, answer, until its input ends.

    The options reach it once, at its start (its rules compiled again there).
    """
    # Ctrl-C reaches the whole process group: the parent stops the helpers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    answers.send(None)  # ready: from here on, a death is a file's doing
    done = 0
    while True:
        try:
            files = tasks.recv()
        except (EOFError, OSError):
            return
        outcomes, raised = _parse_chunk(files, options, progress, done)
        done += len(files)
        answers.send(Answer(outcomes, Raised.of(raised) if raised is not None else None))


def _parse_chunk(
    files: list[str], options: ParseOptions, progress: Any, done: int
) -> tuple[list[Outcome], Exception | None]:
    """The outcomes of ``files``, up to the first that raised, and what it raised."""
    outcomes: list[Outcome] = []
    try:
        for number, name in enumerate(files, done + 1):
            # The time first, and the pool reads the count first: so a time it
            # finds past the limit is always that of the file the count names.
            progress[SINCE] = time.monotonic()
            progress[STARTED] = number
            try:
                outcomes.extend(parse_path(name, options=options))  # a feed gives several
            except Exception as error:  # not bad input, which parse_path takes: a bug, a rule's
                return outcomes, error
        return outcomes, None
    finally:
        progress[SINCE] = 0.0


def _chunks(files: Iterator[str], size: int) -> Iterator[list[str]]:
    while chunk := list(itertools.islice(files, size)):
        yield chunk


def _process_context() -> BaseContext:
    import multiprocessing

    # Not "fork": forking a process that runs threads (the caller's, and the
    # senders here) can deadlock, and Python 3.14 stops making it the default.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
