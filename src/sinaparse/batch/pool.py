"""The process pool behind ``parse_many(workers=N)``: ordered, bounded, lean.

``workers`` processes parse: this one and ``workers - 1`` helpers. Files go
out in chunks; each helper has a few chunks in flight and answers them in the
order it got them, so the outcomes come back in input order by reading the
helpers' answers in the order the chunks were sent.

Why not ``concurrent.futures``: its pool runs two threads in this process and
wakes them for every task, and this process then sits idle while it waits.
Here this process does nothing but send file names and read answers, and
whenever the next answer is not ready yet it parses the next chunk itself, so
no core waits on another. Outcomes cost a pickling in a helper and an
unpickling here (about a tenth of the parse); a chunk parsed here costs
neither.

A helper that dies (killed, out of memory, a crash in a C library) is
replaced. The chunk it was parsing is parsed again one file at a time; a
file whose helper dies too becomes a :class:`~sinaparse.errors.WorkerError`.
A helper that dies before it is ready to parse blames no file: the pool
stops with a :class:`~sinaparse.errors.WorkerStartError` (most often, a
script without the ``if __name__ == "__main__":`` guard, which every new
process runs again).

An exception other than a SinaParseError (a bug, or a custom rule's) stops
the batch at its file as it does in a serial batch: the outcomes before it
come out, then it is raised here, with a helper's traceback as its cause.
"""

from __future__ import annotations

import contextlib
import itertools
import pickle
import signal
import traceback
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

import attrs

from ..errors import WorkerError, WorkerStartError
from ..options import ParseOptions
from .outcome import Outcome, parse_one

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

# Files per chunk: enough to make the cost of a message small next to parsing
# (about half a millisecond a post), few enough that short batches spread.
CHUNK_SIZE = 8
# Chunks in flight per helper: one being parsed, the next ones queued so that
# no helper waits for this process. Together with AHEAD, this bounds the
# outcomes held in memory however long the batch is.
CHUNKS_PER_HELPER = 3
# Chunks this process may parse ahead of the next answer it waits for.
AHEAD = 16


def parse_in_processes(
    files: Iterator[str], workers: int, options: ParseOptions
) -> Iterator[Outcome]:
    """The outcomes of ``files``, in order, parsed by ``workers`` processes."""
    pool = _Pool(files, workers - 1, options)
    try:
        yield from pool.outcomes()
    finally:
        pool.close()


@attrs.define
class _Slot:
    """One chunk, at its place in the output order."""

    files: list[str]
    helper: _Helper | None
    """The helper parsing it; None once its outcomes are known."""
    outcomes: list[Outcome] | None = None
    raised: BaseException | None = None
    """What parsing the file after the last outcome raised, if anything: raised in its turn."""


class _Pool:
    def __init__(self, files: Iterator[str], helpers: int, options: ParseOptions) -> None:
        self._chunks = _chunks(files, CHUNK_SIZE)
        self._options = options
        self._context = _process_context()
        self._helpers = [self._start_helper() for _ in range(helpers)]
        self._slots: deque[_Slot] = deque()

    def outcomes(self) -> Iterator[Outcome]:
        for _ in range(CHUNKS_PER_HELPER):
            for helper in self._helpers:
                self._give(helper)
        if not self._slots:
            self._parse_here()
        while self._slots:
            head = self._slots[0]
            if head.outcomes is None:
                assert head.helper is not None  # a slot without outcomes is being parsed
                if self._parsed_ahead() < AHEAD and not head.helper.ready() and self._parse_here():
                    continue
                self._receive(head, head.helper)
                continue
            self._slots.popleft()
            yield from head.outcomes
            if head.raised is not None:
                raise head.raised
            if not self._slots:
                self._parse_here()

    def close(self) -> None:
        """Stop every helper; work still in flight (the caller stopped early) is dropped."""
        unfinished = bool(self._slots)
        for helper in self._helpers:
            helper.stop(wait=not unfinished)

    def _start_helper(self) -> _Helper:
        return _Helper(self._context, self._options)

    def _give(self, helper: _Helper) -> None:
        chunk = next(self._chunks, None)
        if chunk is not None:
            helper.send(chunk)
            self._slots.append(_Slot(chunk, helper))

    def _parse_here(self) -> bool:
        chunk = next(self._chunks, None)
        if chunk is None:
            return False
        outcomes, raised = _parse_chunk(chunk, self._options)
        self._slots.append(_Slot(chunk, None, outcomes, raised))
        return True

    def _parsed_ahead(self) -> int:
        return sum(1 for slot in self._slots if slot.helper is None)

    def _receive(self, head: _Slot, helper: _Helper) -> None:
        try:
            head.outcomes, raised = helper.receive()
        except _HelperDied as died:
            if not died.started:
                raise WorkerStartError(_COULD_NOT_START.format(how=died.how)) from None
            self._replace(helper, f"the worker process parsing this file {died.how}")
            return
        head.raised = raised.exception() if raised is not None else None
        head.helper = None
        self._give(helper)

    def _replace(self, dead: _Helper, reason: str) -> None:
        """Start a new helper for a dead one, and give it the dead one's chunks.

        The first of them is the one it died on: its files are sent again one
        by one, so that only a file that kills a helper on its own fails.
        """
        dead.stop(wait=False)
        helper = self._start_helper()
        self._helpers[self._helpers.index(dead)] = helper
        slots: deque[_Slot] = deque()
        culprit = True
        for slot in self._slots:
            if slot.helper is not dead:
                slots.append(slot)
            elif culprit and len(slot.files) == 1:
                error = WorkerError(reason, path=slot.files[0])
                slots.append(_Slot(slot.files, None, [Outcome(slot.files[0], error=error)]))
            else:
                for files in [[name] for name in slot.files] if culprit else [slot.files]:
                    helper.send(files)
                    slots.append(_Slot(files, helper))
            culprit = culprit and slot.helper is not dead
        self._slots = slots


_COULD_NOT_START = (
    "parse_many's worker processes could not start: one {how} before it was ready to parse. "
    "The usual cause is a script that calls parse_many(workers=...) outside an "
    "'if __name__ == \"__main__\":' block: every new process runs the script again "
    "(see 'Safe importing of main module' in Python's multiprocessing documentation)."
)


class _HelperDied(Exception):
    def __init__(self, how: str, *, started: bool) -> None:
        super().__init__(how)
        self.how = how
        """How it died: "was killed by SIGKILL", "exited with status 1"."""
        self.started = started
        """False: it died before it said it was ready, so no file of its is to blame."""


class _Helper:
    """One helper process and this process's end of the pipe to it."""

    def __init__(self, context: BaseContext, options: ParseOptions) -> None:
        here, there = context.Pipe()
        self.connection: Connection = here
        self.process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(there, options), daemon=True, name="sinaparse-helper"
        )
        self.process.start()
        there.close()  # the helper holds its end now: this one would hide its death
        self.started = False
        """True once the helper has said it is ready; its first message says so."""

    def send(self, files: list[str]) -> None:
        # A dead helper: reading its answer says so, and the chunk is sent again.
        with contextlib.suppress(OSError):
            self.connection.send(files)

    def ready(self) -> bool:
        try:
            if not self.started and self.connection.poll():
                self._hear_it_started()
            return self.connection.poll()
        except (EOFError, OSError):
            return True  # dead: reading now reports it

    def receive(self) -> _Answer:
        try:
            if not self.started:
                self._hear_it_started()
            answer: _Answer = self.connection.recv()
        except (EOFError, OSError):
            raise _HelperDied(self._how_it_died(), started=self.started) from None
        return answer

    def _hear_it_started(self) -> None:
        self.connection.recv()
        self.started = True

    def _how_it_died(self) -> str:
        self.process.join(timeout=5)
        code = self.process.exitcode
        if code is None or code >= 0:
            return f"exited with status {code}"
        try:
            return f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"

    def stop(self, *, wait: bool) -> None:
        self.connection.close()  # the helper reads the end of its input, and leaves
        self.process.join(timeout=5 if wait else 0)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()


def _serve(connection: Connection, options: ParseOptions) -> None:
    """A helper's life: parse each chunk it is sent, answer, until its input ends.

    The options reach it once, at its start (its rules compiled again there).
    """
    # Ctrl-C reaches the whole process group: the parent stops the helpers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    connection.send(None)  # ready: from here on, a death is a file's doing
    while True:
        try:
            files = connection.recv()
        except (EOFError, OSError):
            return
        outcomes, raised = _parse_chunk(files, options)
        connection.send(_Answer(outcomes, _Raised.of(raised) if raised is not None else None))


def _parse_chunk(files: list[str], options: ParseOptions) -> tuple[list[Outcome], Exception | None]:
    """The outcomes of ``files``, up to the first that raised, and what it raised."""
    outcomes: list[Outcome] = []
    for name in files:
        try:
            outcomes.append(parse_one(name, options=options))
        except Exception as error:  # not bad input, which parse_one takes: a bug, a custom rule's
            return outcomes, error
    return outcomes, None


class _Answer(NamedTuple):
    """What a helper sends back for a chunk."""

    outcomes: list[Outcome]
    raised: _Raised | None


class _Raised(NamedTuple):
    """An exception a helper met, made ready to travel: tracebacks do not pickle."""

    error: BaseException
    trace: str
    """The traceback, as text."""

    @classmethod
    def of(cls, error: Exception) -> _Raised:
        text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        try:
            pickle.loads(pickle.dumps(error))
        except Exception:  # an exception that cannot travel: its text can
            error = RuntimeError(f"{type(error).__qualname__}: {error}")
        return cls(error, text)

    def exception(self) -> BaseException:
        """The exception, caused by its traceback in the helper."""
        self.error.__cause__ = _HelperTraceback(self.trace)
        return self.error


class _HelperTraceback(Exception):
    """Where an exception was raised in a worker process, as the traceback's text."""

    def __str__(self) -> str:
        return "\n" + str(self.args[0])


def _chunks(files: Iterator[str], size: int) -> Iterator[list[str]]:
    while chunk := list(itertools.islice(files, size)):
        yield chunk


def _process_context() -> BaseContext:
    import multiprocessing

    # Not "fork": forking a process that runs threads (the caller's) can
    # deadlock, and Python 3.14 stops making it the default.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
