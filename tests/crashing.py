"""Rules and helpers that make worker processes fail (for tests).

- KillingRule kills the worker process meeting a post marked with MARK;
- UnstartableRule ends a worker process before it is ready to parse;
- exit_before_ready, put in place of the pool's worker function, does the same;
- RaisingRule raises (not a SinaParseError) on a post marked with RAISE_MARK;
- StallingRule stalls (sleeps, or spins in C) on a post marked with SLEEP_MARK or SPIN_MARK.

A rule travels to worker processes like any rule (by its class and
arguments), so a test can make one die in the middle of a batch. KillingRule
does nothing in the calling process: a batch's own process is never killed.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import time
from typing import Any

import attrs

from sinaparse import BoilerplateRule

MARK = "KILL-THE-WORKER"


def _kill_worker_on_mark(root: Any) -> list[Any]:
    if multiprocessing.parent_process() is not None and MARK in "".join(root.itertext()):
        os.kill(os.getpid(), signal.SIGKILL)
    return []


@attrs.frozen
class KillingRule(BoilerplateRule):
    """Selects nothing; kills the worker process whose post holds :data:`MARK`."""

    compiled: Any = attrs.field(init=False, eq=False, repr=False, default=_kill_worker_on_mark)


def _exit_in_a_worker(xpath: str, reason: str, home: int) -> UnstartableRule:
    if os.getpid() != home:
        os._exit(3)
    return UnstartableRule(xpath, reason)


@attrs.frozen
class UnstartableRule(BoilerplateRule):
    """A rule a worker process cannot receive: unpickling it there ends the process.

    The options reach a worker as it starts, so the worker dies before it is
    ready to parse: no file is to blame. (It travels with the pid of the process
    that pickled it: a new process has not yet set its ``parent_process()``.)
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return (_exit_in_a_worker, (self.xpath, self.reason, os.getpid()))


def exit_before_ready(*args: Any) -> None:
    """A worker process's life that ends before it says it is ready to parse."""
    os._exit(3)


RAISE_MARK = "RAISE-IN-THE-RULE"


class UnpicklableError(Exception):
    """An exception that cannot travel between processes: its arguments do not pickle."""

    def __init__(self, message: str) -> None:
        super().__init__(message, lambda: None)

    def __str__(self) -> str:
        return str(self.args[0])


def _raise_on_mark(root: Any) -> list[Any]:
    text = "".join(root.itertext())
    if RAISE_MARK + "-UNPICKLABLE" in text:
        raise UnpicklableError("a custom rule failed on a marked post")
    if RAISE_MARK in text:
        raise ZeroDivisionError("a custom rule failed on a marked post")
    return []


@attrs.frozen
class RaisingRule(BoilerplateRule):
    """Selects nothing; raises, in any process, on a post that holds :data:`RAISE_MARK`.

    A stand-in for a bug, or a user's rule that fails: not a SinaParseError.
    """

    compiled: Any = attrs.field(init=False, eq=False, repr=False, default=_raise_on_mark)


SLEEP_MARK = "SLEEP-IN-THE-RULE"
SPIN_MARK = "SPIN-IN-THE-RULE"
NAP_MARK = "NAP-IN-THE-RULE"
NAP_SECONDS = 0.3


def _stall_on_mark(root: Any) -> list[Any]:
    text = "".join(root.itertext())
    if SLEEP_MARK in text:
        time.sleep(3600)
    if SPIN_MARK in text:
        # Catastrophic backtracking: C code that holds the GIL, which no Python
        # signal handler can interrupt; only killing the process stops it.
        re.match(r"(a*)*b", "a" * 64)
    if NAP_MARK in text:
        time.sleep(NAP_SECONDS)
    return []


@attrs.frozen
class StallingRule(BoilerplateRule):
    """Selects nothing; on a post holding SLEEP_MARK sleeps an hour, on one holding
    SPIN_MARK spins in C for ever, on one holding NAP_MARK sleeps NAP_SECONDS."""

    compiled: Any = attrs.field(init=False, eq=False, repr=False, default=_stall_on_mark)
