"""Speed: the time per post of every contender, and of each stage of ``sinaparse.parse``.

:func:`measure_speed` times the tools post by post, their runs taking turns so
that a burst of load hits all of them alike, and keeps each tool's untimed
output for the accuracy columns. :func:`measure_stages` then wraps the stage
functions that ``sinaparse._api`` calls with a timer, for that measurement
only, to show where sinaparse's time goes.
"""

from __future__ import annotations

import contextlib
import gc
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from corpus_posts import Post
from progress import progress
from tools import FAST_REPEATS, Extraction, Tool

# Posts each tool parses, untimed, before anything is measured: first calls
# load dictionaries (jieba), compile regular expressions and fill caches.
WARM_UP_POSTS = 5


@attrs.define
class Timing:
    """One tool's results over the corpus."""

    tool: Tool
    per_post_ns: list[int] = attrs.Factory(list)
    """Each post's median time."""
    outputs: dict[str, Extraction] = attrs.Factory(dict)
    failures: dict[str, str] = attrs.Factory(dict)

    @property
    def median_ms(self) -> float:
        """The median over the posts of each post's time, in milliseconds."""
        return statistics.median(self.per_post_ns) / 1e6

    @property
    def total_ms(self) -> float:
        """The sum over the posts of each post's time, in milliseconds."""
        return sum(self.per_post_ns) / 1e6


def _call(tool: Tool, post: Post) -> Extraction:
    assert tool.run is not None
    assert tool.read is not None
    try:
        return tool.read(tool.run(post))
    except Exception as error:  # a peer failing on a post is a result to report
        return Extraction(error=f"{type(error).__name__}: {error}"[:200])


def _time_once(run: Callable[[Post], object], post: Post) -> int:
    start = time.perf_counter_ns()
    try:
        run(post)
    except Exception:  # a failure costs time too; its reason was kept by the untimed call
        return time.perf_counter_ns() - start
    return time.perf_counter_ns() - start


def measure_speed(tools: Sequence[Tool], posts: Sequence[Post]) -> list[Timing]:
    """Time every loaded tool on every post.

    Per post: one untimed call per tool, whose output is kept for accuracy;
    then the timed runs, round-robin across the tools so that a burst of load
    on the machine hits all of them alike. The garbage collector is off while
    timing and collects between posts.
    """
    timings = [Timing(tool) for tool in tools if tool.missing is None]
    for timing in timings:
        for post in posts[:WARM_UP_POSTS]:
            _call(timing.tool, post)
    most_repeats = max(timing.tool.repeats for timing in timings)
    for number, post in enumerate(posts, 1):
        for timing in timings:
            timing.outputs[post.name] = extraction = _call(timing.tool, post)
            if extraction.error is not None:
                timing.failures[post.name] = extraction.error
        samples: dict[str, list[int]] = {timing.tool.name: [] for timing in timings}
        gc.collect()
        gc.disable()
        try:
            for repeat in range(most_repeats):
                for timing in timings:
                    if repeat < timing.tool.repeats and timing.tool.run is not None:
                        samples[timing.tool.name].append(_time_once(timing.tool.run, post))
        finally:
            gc.enable()
        for timing in timings:
            timing.per_post_ns.append(int(statistics.median(samples[timing.tool.name])))
        if number % 20 == 0 or number == len(posts):
            progress(f"speed: {number}/{len(posts)} posts")
    return timings


# sinaparse's pipeline, by the names under which sinaparse._api calls its stages.
STAGES: tuple[tuple[str, str], ...] = (
    ("read the source (decode, line ends)", "read_source"),
    ("split the front matter", "split_post"),
    ("read the front matter", "read_front_matter"),
    ("parse the body (lxml)", "parse_html"),
    ("drop boilerplate", "clean"),
    ("extract the fields (walk, metadata)", "extract_body"),
    ("build the Article", "build_article"),
)


def measure_stages(posts: Sequence[Post]) -> list[tuple[str, float]] | str:
    """sinaparse's time per post in each stage: the median over the posts, in µs.

    For this measurement only, each stage function that ``sinaparse._api``
    calls is wrapped by a timer (a wrapper costs a fraction of a microsecond).
    A post's time in a stage is the median of its runs. Returns why not, when
    the pipeline no longer has these names.
    """
    import sinaparse
    import sinaparse._api as api

    missing = [name for _, name in STAGES if not callable(getattr(api, name, None))]
    if missing:
        return f"not measured: sinaparse._api has no {', '.join(missing)}"
    originals: dict[str, Callable[..., Any]] = {name: getattr(api, name) for _, name in STAGES}
    spent: dict[str, int] = {}

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter_ns()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0) + time.perf_counter_ns() - start

        return run

    per_post: dict[str, list[float]] = {name: [] for name in originals}
    for name, function in originals.items():
        setattr(api, name, timed(name, function))
    try:
        for post in posts:
            samples: dict[str, list[int]] = {name: [] for name in originals}
            for _ in range(FAST_REPEATS):
                spent.clear()
                with contextlib.suppress(sinaparse.SinaParseError):
                    sinaparse.parse(post.data)
                for name in originals:
                    samples[name].append(spent.get(name, 0))
            for name in originals:
                per_post[name].append(statistics.median(samples[name]))
    finally:
        for name, function in originals.items():
            setattr(api, name, function)
    return [(label, statistics.median(per_post[name]) / 1000) for label, name in STAGES]
