"""Linear-time checks: the growth of a task's time from n to 2n, measured fairly."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def growth(task: Callable[[int], object], n: int, *, rounds: int = 7) -> float:
    """The best time of ``task(2 * n)`` over the best time of ``task(n)``: near 2 for
    linear work, near 4 for quadratic. The sizes take turns, so that a busy
    machine slows both alike, and the collector is off, so that its passes over
    a heap that other tests filled do not count."""
    best = {n: float("inf"), 2 * n: float("inf")}
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(rounds):
            for size in best:
                start = time.perf_counter()
                task(size)
                best[size] = min(best[size], time.perf_counter() - start)
    finally:
        if enabled:
            gc.enable()
    return best[2 * n] / best[n]
