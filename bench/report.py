"""The report: docs/performance.md, rendered as Markdown from the measurements.

It opens with the machine and the software the numbers come from (and a
warning when other processes were competing for the CPU), then the targets,
the speed, stage, accuracy and batch tables, and the details of what failed.
It measures nothing itself.
"""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from datetime import datetime, timezone

from accuracy import Accuracy
from batches import BATCH_SIZES, THROUGHPUT_ROUNDS, BatchResults, BatchRun
from builds import BuildTiming
from corpus_posts import Post
from inputs import PAGE_ROUNDS, PEER_ROUNDS, FeedMemory, PageTimings
from speed import Timing
from targets import targets_table
from tools import FAST_REPEATS, PEER_REPEATS, Tool, installed_version

COMMAND = "python bench/run.py"


def _first_field(path: str, prefix: str) -> str | None:
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
    return None


def machine_lines(loads: Sequence[float]) -> list[str]:
    """The machine and the software the numbers come from."""
    import lxml.etree

    memory = _first_field("/proc/meminfo", "MemTotal")
    memory_gib = f"{int(memory.split()[0]) / 1024**2:.1f} GiB" if memory else "unknown"
    lxml_version = ".".join(map(str, lxml.etree.LXML_VERSION[:3]))
    libxml2 = ".".join(map(str, lxml.etree.LIBXML_VERSION))
    peers = ", ".join(
        f"{name} {installed_version(name)}"
        for name in ("trafilatura", "readability-lxml", "newspaper4k", "jieba", "gne")
    )
    return [
        f"- Date: {datetime.now(timezone.utc).isoformat(timespec='seconds')}",
        f"- CPU: {_first_field('/proc/cpuinfo', 'model name') or 'unknown'}; "
        f"{os.cpu_count()} cores, {len(os.sched_getaffinity(0))} usable; memory {memory_gib}",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}); "
        f"lxml {lxml_version} (libxml2 {libxml2})",
        f"- Peers: {peers}",
        "- Load average (1 min) at the start, before the speed runs, at the end: "
        + " / ".join(f"{load:.2f}" for load in loads)
        + " (the last two count the benchmark's own processes: two at a time in the batches, "
        "one in the speed runs)",
        f"- Command, from the repository root: `{COMMAND}`",
    ]


def busy_machine_note(loads: Sequence[float]) -> list[str]:
    """A warning when other processes were competing for the CPU.

    The load at the start is all other processes'; at the end, after a minute
    of speed runs, one process of the load is the benchmark's own. (Right after
    the batches, up to two are: that reading is not judged.)
    """
    cores = len(os.sched_getaffinity(0))
    others = [loads[0], loads[-1] - 1]
    if max(others) < cores / 2:
        return []
    return [
        f"> **The machine was busy** (other processes' load average up to {max(others):.1f} "
        f"on {cores} cores): "
        "absolute times and the 2-worker throughput are unreliable. Ratios between tools "
        "suffer less, since their runs are interleaved.",
        "",
    ]


def _ms(value: float) -> str:
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _times(value: float) -> str:
    return f"{value:.1f}×" if value < 100 else f"{value:.0f}×"


def _share(count: int, total: int) -> str:
    return f"{count}/{total} ({100 * count / total:.0f}%)"


def speed_table(tools: Sequence[Tool], timings: Sequence[Timing], post_count: int) -> list[str]:
    """Each tool's median and total, its ratio to the floor, sinaparse's speed-up over it."""
    by_name = {timing.tool.name: timing for timing in timings}
    floor = by_name["floor"].median_ms
    ours = by_name["sinaparse"].median_ms
    lines = [
        "| tool | version | median ms/post | total ms | × floor | sinaparse speed-up | failures |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for tool in tools:
        timing = by_name.get(tool.name)
        if timing is None:
            lines.append(f"| {tool.name} | – | – | – | – | – | {tool.missing} |")
            continue
        speed_up = "–" if tool.name in ("floor", "sinaparse") else _times(timing.median_ms / ours)
        lines.append(
            f"| {tool.name} | {tool.version} | {_ms(timing.median_ms)} | {_ms(timing.total_ms)} "
            f"| {_times(timing.median_ms / floor)} | {speed_up} "
            f"| {len(timing.failures)}/{post_count} |"
        )
    return lines


def stages_table(stages: list[tuple[str, float]] | str, timings: Sequence[Timing]) -> list[str]:
    """Where sinaparse's time goes, stage by stage, against the floor."""
    if isinstance(stages, str):
        return [f"- {stages}"]
    floor = next((t.median_ms * 1000 for t in timings if t.tool.name == "floor"), None)
    lines = ["| stage | median µs/post | × floor |", "| --- | ---: | ---: |"]
    for label, micros in stages:
        ratio = f"{micros / floor:.2f}×" if floor else "–"
        lines.append(f"| {label} | {micros:.1f} | {ratio} |")
    total = sum(micros for _, micros in stages)
    ratio = f"{total / floor:.2f}×" if floor else "–"
    lines.append(f"| **sum of the stages** | **{total:.1f}** | **{ratio}** |")
    return lines


def inputs_table(tools: Sequence[Tool]) -> list[str]:
    """What each tool is given and how it is called."""
    lines = ["| tool | input → timed call |", "| --- | --- |"]
    return lines + [f"| {tool.name} | {tool.input_note or tool.missing} |" for tool in tools]


def accuracy_table(results: Sequence[Accuracy], tools: Sequence[Tool]) -> list[str]:
    """Per tool: paragraphs exactly right, boilerplate left in, date right."""
    lines = [
        "| tool | posts judged | paragraphs exact | boilerplate in text | date right |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    scored = {result.tool_name: result for result in results}
    for tool in tools:
        result = scored.get(tool.name)
        if tool.name == "floor":
            continue
        if result is None:
            lines.append(f"| {tool.name} | – | {tool.missing} | – | – |")
        elif result.posts == 0:
            lines.append(f"| {tool.name} | 0 |{' no expected files |' * 3}")
        else:
            lines.append(
                f"| {tool.name} | {result.posts} | {_share(result.exact, result.posts)} "
                f"| {_share(len(result.boilerplate), result.posts)} "
                f"| {_share(result.dates_right, result.posts)} |"
            )
    return lines


def batch_table(batches: BatchResults) -> list[str]:
    """Peak RSS, time and throughput of each batch run."""
    lines = [
        "| posts | workers | peak RSS MB | parsed ok | seconds | posts/s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in batches.by_size.values():
        lines.append(_batch_row(run, f"{run.posts:,}", str(run.workers)))
    for number, round_ in enumerate(batches.rounds, start=1):
        if number > 1:
            lines.append(_batch_row(round_.one, f"{round_.one.posts:,}", f"1 (round {number})"))
        lines.append(_batch_row(round_.two, f"{round_.two.posts:,}", f"2 (round {number})"))
        for half in round_.halves or ():
            lines.append(_batch_row(half, f"{half.posts:,} (half)", "1, both halves at once"))
    if not batches.takes_workers:
        lines.append(f"| {max(BATCH_SIZES):,} | 2 | not measured: no `workers` | | | |")
    return lines + [f"| failed | {failure} | | | | |" for failure in batches.failures]


def _batch_row(run: BatchRun, posts: str, workers: str) -> str:
    return (
        f"| {posts} | {workers} | {run.rss_mb:.1f} | {run.ok:,} "
        f"| {run.seconds:.2f} | {run.posts_per_second:,.0f} |"
    )


def details_lines(
    timings: Sequence[Timing], accuracy: Sequence[Accuracy], batches: BatchResults
) -> list[str]:
    """What went wrong where: the first places to look."""
    lines = [f"- Batch run failed: {failure}" for failure in batches.failures]
    for run in batches.runs:
        if run.rss_mb > run.hwm_mb * 1.05:
            lines.append(
                f"- {run.posts:,} posts, {run.workers} worker(s): ru_maxrss {run.rss_mb:.1f} MB "
                f"is above the child's own VmHWM {run.hwm_mb:.1f} MB: it was inherited from "
                "the launching process"
            )
    for timing in timings:
        lines += [
            f"- {timing.tool.name} failed on `{post}`: {error}"
            for post, error in sorted(timing.failures.items())
        ]
    for result in accuracy:
        if result.tool_name != "sinaparse":
            continue
        lines += [
            f"- sinaparse's paragraphs differ on `{post}`" for post in result.wrong_paragraphs
        ]
        lines += [
            f"- sinaparse left boilerplate in `{post}`: {', '.join(markers)}"
            for post, markers in sorted(result.boilerplate.items())
        ]
    return lines or ["- Nothing failed."]


def render(
    tools: Sequence[Tool],
    timings: Sequence[Timing],
    accuracy: Sequence[Accuracy],
    batches: BatchResults,
    posts: Sequence[Post],
    loads: Sequence[float],
    stages: list[tuple[str, float]] | str,
    inputs: tuple[PageTimings, FeedMemory],
    builds: tuple[BuildTiming, BuildTiming | str],
) -> str:
    """The whole of docs/performance.md."""
    sections = [
        *_opening_sections(timings, batches, loads, inputs, builds),
        *_speed_sections(tools, timings, posts, stages),
        *builds_section(builds),
        *_input_sections(*inputs),
        *_accuracy_sections(tools, accuracy, posts),
        *_batch_sections(timings, accuracy, batches),
    ]
    return "\n".join(sections)


def _opening_sections(
    timings: Sequence[Timing],
    batches: BatchResults,
    loads: Sequence[float],
    inputs: tuple[PageTimings, FeedMemory],
    builds: tuple[BuildTiming, BuildTiming | str],
) -> list[str]:
    """The title, a warning if the machine was busy, the machine, the targets."""
    return [
        "# Performance",
        "",
        f"Written by `{COMMAND}`; run it again rather than edit this file.",
        "`bench/README.md` says how to install the benchmark and what each column means.",
        "",
        *busy_machine_note(loads),
        "## Machine",
        "",
        *machine_lines(loads),
        "",
        "## Targets",
        "",
        *targets_table(timings, batches, inputs, builds),
        "",
    ]


def builds_section(builds: tuple[BuildTiming, BuildTiming | str]) -> list[str]:
    """The compiled and the pure build side by side, each against its own floor."""
    lines = [
        "## Builds: compiled and pure",
        "",
        "The tables above time the build this run imported; with the compiled build, a "
        "child process with `SINAPARSE_PURE=1` times the pure modules the same way (the "
        "floor and `sinaparse.parse` post by post, then the pages). Each build's ratios "
        "are to the floor timed in its own process.",
        "",
        "| build | floor ms/post | `parse` ms/post | × floor | `parse_page` × lxml |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for timing in builds:
        if isinstance(timing, str):
            lines.append(f"| pure | – | – | – | not measured: {timing} |")
            continue
        name = "compiled (mypyc)" if timing.compiled else "pure"
        lines.append(
            f"| {name} | {timing.floor_ms:.3f} | {timing.parse_ms:.3f} | "
            f"{timing.floor_ratio:.2f} × | {timing.page_ratio:.2f} × |"
        )
    return [*lines, ""]


def _speed_sections(
    tools: Sequence[Tool],
    timings: Sequence[Timing],
    posts: Sequence[Post],
    stages: list[tuple[str, float]] | str,
) -> list[str]:
    """The speed table, what each tool is given, and where sinaparse's time goes."""
    return [
        f"## Speed ({len(posts)} posts of `tests/corpus/posts`)",
        "",
        f"A post's time is the median of {FAST_REPEATS} timed runs for the floor and sinaparse, "
        f"{PEER_REPEATS} for the peers, after warm-up calls, with the garbage collector off. "
        "*median* is the median of those times over the posts, *total* their sum.",
        "",
        *speed_table(tools, timings, len(posts)),
        "",
        *inputs_table(tools),
        "",
        "## Where sinaparse's time goes",
        "",
        "Each stage of `sinaparse.parse`, timed on its own over the same posts (the "
        "median over the posts of each post's median run; a stage's medians do not add up "
        "exactly to the whole). The floor parses the body with `lxml.html`; sinaparse's own "
        "lxml parse is the stage *parse the body*.",
        "",
        *stages_table(stages, timings),
        "",
    ]


def _input_sections(pages: PageTimings, feed: FeedMemory) -> list[str]:
    """Each page's times, and the large feed's memory."""
    peers = list(pages.peers_ms)
    rows = [
        f"| `{name}` | {ours:.2f} | {floor:.2f} | {ours / floor:.2f} × |"
        + "".join(f" {pages.peers_ms[peer][number]:.1f} |" for peer in peers)
        for number, (name, ours, floor) in enumerate(
            zip(pages.names, pages.ours_ms, pages.floor_ms, strict=True)
        )
    ]
    return [
        "## Pages and feeds",
        "",
        f"Each page of `tests/corpus/pages`, as bytes: the median of {PAGE_ROUNDS} runs of "
        "`sinaparse.parse_page` and of `lxml.html.fromstring`, taking turns, with the "
        "garbage collector off"
        + (
            f"; of {PEER_ROUNDS} runs of trafilatura's `extract(page)` (the page decoded "
            "beforehand) and of its fast mode on the tree of `lxml.html.document_fromstring`."
            if peers
            else "."
        ),
        "",
        "| page | parse_page ms | lxml ms | ratio |" + "".join(f" {peer} ms |" for peer in peers),
        "| --- | --- | --- | --- |" + " --- |" * len(peers),
        *rows,
        "",
        f"A feed of {feed.items:,} items ({feed.feed_mb:.0f} MB, the items of "
        "`rsshub_sina_finance_escaped.xml` repeated) read with `parse_feed` in a fresh "
        f"process: peak RSS (VmHWM) {feed.rss_mb:.1f} MB, {feed.ok:,} articles; a process "
        f"that only imports sinaparse and reads the file peaks at {feed.baseline_mb:.1f} MB.",
        "",
    ]


def _accuracy_sections(
    tools: Sequence[Tool], accuracy: Sequence[Accuracy], posts: Sequence[Post]
) -> list[str]:
    """The accuracy table, with how many Sina posts have an expected file."""
    sina = sum(post.is_sina for post in posts)
    judged = sum(post.is_sina and post.expected is not None for post in posts)
    return [
        f"## Accuracy ({judged} of the {sina} Sina posts have an expected file)",
        "",
        "The peers are given the body only, which holds no date.",
        "",
        *accuracy_table(accuracy, tools),
        "",
    ]


def _batch_sections(
    timings: Sequence[Timing], accuracy: Sequence[Accuracy], batches: BatchResults
) -> list[str]:
    """The batches table, then the details: what failed where."""
    return [
        f"## Batches: {batches.api}",
        "",
        "Each row is a fresh process parsing a folder of the corpus posts repeated; its peak "
        "RSS is `getrusage(RUSAGE_SELF).ru_maxrss` (with 2 workers, the parent's alone). "
        f"The largest batch runs with 1 and 2 workers back to back, {THROUGHPUT_ROUNDS} rounds; "
        "each round then runs two 1-worker processes at once, each on half the posts (chunks "
        "of 8 files, alternately): the most two cores of this machine give with nothing "
        "shared, the *ceiling* in the targets (1-worker seconds over the slower half's).",
        "",
        *batch_table(batches),
        "",
        "## Details",
        "",
        *details_lines(timings, accuracy, batches),
        "",
    ]
