"""This process's side of one helper process of the pool, and what travels between them.

See :mod:`.pool` for how the pool uses them.
"""

from __future__ import annotations

import pickle
import queue
import signal
import threading
import traceback
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from ..options import ParseOptions
from .outcome import Outcome

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

Serve = Callable[["Connection", "Connection", Any, ParseOptions], None]
"""A helper's life: its tasks' pipe, its answers' pipe, its progress, the options."""


@attrs.define(eq=False)
class Slot:
    """One chunk, at its place in the output order."""

    files: list[str]
    helper: Helper | None
    """The helper parsing it; None once its outcomes are known."""
    outcomes: list[Outcome] | None = None
    raised: BaseException | None = None
    """What parsing the file after the last outcome raised, if anything: raised in its turn."""
    resent: bool = False
    """Sent again after its helper died before starting it: next time, a death is its doing."""


class HelperDied(Exception):
    def __init__(self, how: str, *, started: bool) -> None:
        super().__init__(how)
        self.how = how
        """How it died: "was killed by SIGKILL", "exited with status 1"."""
        self.started = started
        """False: it died before it said it was ready, so no file of its is to blame."""


# Where a helper says what it is doing, in the memory it shares with this
# process: the number of files it has started in its life, and when (by
# time.monotonic, one clock for every process) it started the one it is
# parsing, or 0.0 while it parses none.
STARTED, SINCE = 0, 1


class Helper:
    """One helper process, its pipes, its progress, and the chunks it has not answered."""

    def __init__(self, context: BaseContext, options: ParseOptions, serve: Serve) -> None:
        tasks, self._tasks = context.Pipe(duplex=False)
        self.answers, answers = context.Pipe(duplex=False)
        self.progress = context.RawArray("d", 2)
        self.process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=serve,
            args=(tasks, answers, self.progress, options),
            daemon=True,
            name="sinaparse-helper",
        )
        self.process.start()
        tasks.close()  # the helper holds these ends now: keeping them would hide its death
        answers.close()
        self._sender = _Sender(self._tasks)
        self.started = False
        """True once the helper has said it is ready; its first message says so."""
        self.pending: deque[Slot] = deque()
        """The chunks sent to it and not answered yet, in the order sent."""
        self.answered = 0
        """How many files the chunks it has answered held."""

    def give(self, files: list[str], *, resent: bool = False) -> Slot:
        """Send a chunk; its slot, for the caller to put in order."""
        slot = Slot(files, self, resent=resent)
        self._sender.send(files)
        self.pending.append(slot)
        return slot

    def receive(self) -> None:
        """Read one message: that it is ready, or the answer to its oldest chunk."""
        try:
            answer: Answer | None = self.answers.recv()
        except (EOFError, OSError):
            raise HelperDied(self._how_it_died(), started=self.started) from None
        if answer is None:
            self.started = True
            return
        slot = self.pending.popleft()
        self.answered += len(slot.files)
        slot.outcomes = answer.outcomes
        slot.raised = answer.raised.exception() if answer.raised is not None else None
        slot.helper = None

    def drain(self) -> None:
        """Read every whole answer a dead helper left in its pipe."""
        try:
            while self.answers.poll():
                self.receive()
        except (HelperDied, OSError):
            pass

    def files_started(self) -> int:
        return int(self.progress[STARTED])

    def file_in_progress(self) -> int | None:
        """The index in its oldest chunk of the file it is parsing (or last parsed), if any."""
        started = self.files_started() - self.answered
        return started - 1 if started > 0 and self.pending else None

    def time_left(self, limit: float, now: float) -> float:
        since = float(self.progress[SINCE])
        # No file started yet: none can pass the limit sooner than a limit from now.
        return limit if since == 0.0 else since + limit - now

    def overdue(self, limit: float, now: float) -> bool:
        since = float(self.progress[SINCE])
        return since != 0.0 and now - since >= limit

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)

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
        """End the helper: it reads the end of its input and leaves, or is killed."""
        self._sender.close()
        if not wait:
            self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.answers.close()


class _Sender:
    """Sends one helper its chunks from a thread, so that this process never waits on a pipe.

    The thread alone uses and closes its end of the pipe: closing it from
    another thread while a send waits on it could let that send write into
    whatever file next takes its number.
    """

    def __init__(self, connection: Connection) -> None:
        self._queue: queue.SimpleQueue[list[str] | None] = queue.SimpleQueue()
        thread = threading.Thread(
            target=self._run, args=(connection,), daemon=True, name="sinaparse-sender"
        )
        thread.start()

    def send(self, files: list[str]) -> None:
        self._queue.put(files)

    def close(self) -> None:
        """Close the pipe once the chunks before are sent (or the helper is gone)."""
        self._queue.put(None)

    def _run(self, connection: Connection) -> None:
        try:
            while (files := self._queue.get()) is not None:
                connection.send(files)
        except OSError:  # the helper is gone: reading its answers says so
            pass
        finally:
            connection.close()


class Answer(NamedTuple):
    """What a helper sends back for a chunk."""

    outcomes: list[Outcome]
    raised: Raised | None


class Raised(NamedTuple):
    """An exception a helper met, made ready to travel: tracebacks do not pickle."""

    error: BaseException
    trace: str
    """The traceback, as text."""

    @classmethod
    def of(cls, error: Exception) -> Raised:
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
