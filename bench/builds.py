"""The two builds side by side: the compiled modules (``SINAPARSE_COMPILE=1``) and the pure ones.

When the benchmark runs the compiled build (``sinaparse.COMPILED``), a child
process with ``SINAPARSE_PURE=1`` times the pure modules the same way, so the
report shows both: the floor and ``sinaparse.parse`` post by post (the
speed runs' method: turns, median of 21 runs, garbage collector off) and
``parse_page`` against ``lxml.html.fromstring`` (the pages' method). Each
build is judged against the floor timed in its own process. When the pure
build runs, there is no other build to time and the row says so.

Run alone (``python bench/builds.py``) it prints this process's timings as JSON:
that is the child.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence

import attrs
from corpus_posts import REPO_ROOT, Post, load_posts
from inputs import measure_pages
from progress import progress
from speed import Timing, measure_speed
from tools import floor_tool, sinaparse_tool


@attrs.frozen
class BuildTiming:
    """One build's times: the floor's and sinaparse's medians, and the pages' ratio."""

    compiled: bool
    floor_ms: float
    parse_ms: float
    page_ratio: float

    @property
    def floor_ratio(self) -> float:
        """``parse``'s median over the floor's, both timed in the same process."""
        return self.parse_ms / self.floor_ms


def this_build(timings: Sequence[Timing], page_ratio: float) -> BuildTiming:
    """The build this process runs, from the speed runs' and the pages' measurements."""
    import sinaparse

    by_name = {timing.tool.name: timing for timing in timings}
    return BuildTiming(
        compiled=bool(getattr(sinaparse, "COMPILED", False)),
        floor_ms=by_name["floor"].median_ms,
        parse_ms=by_name["sinaparse"].median_ms,
        page_ratio=page_ratio,
    )


def measure_pure_build() -> BuildTiming | str:
    """The pure build's times, from a child with ``SINAPARSE_PURE=1``; or why not measured."""
    import sinaparse

    if not getattr(sinaparse, "COMPILED", False):
        return "this run is the pure build: no compiled build installed (SINAPARSE_COMPILE=1)"
    progress("builds: timing the pure modules in a child process (SINAPARSE_PURE=1)")
    environment = {**os.environ, "SINAPARSE_PURE": "1"}
    run = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "builds.py")],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        return f"the pure child failed: {run.stderr.strip()[-300:]}"
    data = json.loads(run.stdout)
    timing = BuildTiming(**data)
    if timing.compiled:
        return "the pure child ran compiled modules: SINAPARSE_PURE had no effect"
    return timing


def _child(posts: Sequence[Post]) -> BuildTiming:
    from network import forbid_network

    forbid_network()
    timings = measure_speed([floor_tool(), sinaparse_tool()], posts)
    pages = measure_pages()
    return this_build(timings, pages.median_ratio)


if __name__ == "__main__":
    result = _child(load_posts())
    print(json.dumps(attrs.asdict(result)))
