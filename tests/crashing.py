"""A boilerplate rule that kills the worker process meeting a marked post (for tests).

It travels to worker processes like any rule (by its class and arguments), so
a test can make one die in the middle of a batch. In the calling process it
does nothing: a batch's own process is never killed.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
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
