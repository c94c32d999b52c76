"""Batches: the peak memory and throughput of ``sinaparse.batch.parse_many``.

The corpus posts are written, repeated, to folders of 1,000 and 10,000 files;
each run is a fresh Python process (:data:`BATCH_CHILD`) that parses a folder
and prints one JSON report: its peak RSS, its outcomes and its seconds. The
largest folder then runs with 1 and 2 workers back to back, in rounds, beside
two plain processes parsing half the posts each: the machine's own ceiling.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
from corpus_posts import REPO_ROOT, Post
from progress import progress

BATCH_SIZES = (1_000, 10_000)
# Throughput on a shared two-core machine moves by 10% and more from one run
# to the next. So the largest batch runs with 1 and with 2 workers back to
# back, this many times; each round gives a ratio, and the target is judged on
# their median. Each round also measures the machine's own ceiling: two
# processes parsing half the posts each at once, with no pool between them.
THROUGHPUT_ROUNDS = 5

# The child runs as `python -c`: importing this module, or the rest of the
# benchmark, would load argparse, statistics, importlib.metadata, attrs and
# more, a few MB that are not the batch's. It prints one JSON report. VmHWM is
# the peak RSS of the child's own address space: a check on ru_maxrss, which
# can start at the launcher's peak.
BATCH_CHILD = """
import inspect, json, os, resource, sys, time
import sinaparse
folder, workers = sys.argv[1], int(sys.argv[2])
try:
    from sinaparse.batch import parse_many
except ImportError:
    parse_many = None
takes_workers = parse_many is not None and "workers" in inspect.signature(parse_many).parameters
posts = ok = 0
start = time.perf_counter()
if parse_many is not None:
    api = "sinaparse.batch.parse_many"
    # 1 worker is the serial batch, in this process: workers=None (workers=1 is one worker process).
    serial = None if workers == 1 else workers
    outcomes = parse_many(folder, workers=serial) if takes_workers else parse_many(folder)
    for outcome in outcomes:
        posts += 1
        ok += outcome.article is not None
else:
    api = "a loop over sinaparse.parse_file (no sinaparse.batch.parse_many)"
    for name in sorted(os.listdir(folder)):
        posts += 1
        try:
            sinaparse.parse_file(os.path.join(folder, name))
            ok += 1
        except sinaparse.SinaParseError:
            pass
seconds = time.perf_counter() - start
with open("/proc/self/status", encoding="ascii") as status:
    hwm = [int(line.split()[1]) for line in status if line.startswith("VmHWM:")]
print(json.dumps({
    "api": api, "takes_workers": takes_workers, "workers": workers if takes_workers else 1,
    "posts": posts, "ok": ok, "seconds": seconds,
    "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "vm_hwm_kb": hwm[0] if hwm else 0,
}))
"""


@attrs.frozen
class BatchRun:
    """What one child reported."""

    api: str
    takes_workers: bool
    workers: int
    posts: int
    ok: int
    seconds: float
    rss_mb: float
    """``ru_maxrss``; Linux gives it in KiB."""
    hwm_mb: float

    @classmethod
    def from_report(cls, report: dict[str, Any]) -> BatchRun:
        """Read the child's JSON report."""
        return cls(
            api=report["api"],
            takes_workers=report["takes_workers"],
            workers=report["workers"],
            posts=report["posts"],
            ok=report["ok"],
            seconds=report["seconds"],
            rss_mb=report["max_rss_kb"] / 1024,
            hwm_mb=report["vm_hwm_kb"] / 1024,
        )

    @property
    def posts_per_second(self) -> float:
        """Throughput, from the call to the last outcome."""
        return self.posts / self.seconds if self.seconds else 0.0


@attrs.frozen
class ThroughputRound:
    """The largest batch with 1 worker, then with 2, then split between two processes."""

    one: BatchRun
    two: BatchRun
    halves: tuple[BatchRun, BatchRun] | None
    """Two 1-worker processes at once, each on half the posts; None if one failed."""

    @property
    def speed_up(self) -> float:
        """The 2-worker throughput over the 1-worker one."""
        return self.one.seconds / self.two.seconds

    @property
    def ceiling(self) -> float | None:
        """What two processes with no pool between them gave over one."""
        if self.halves is None:
            return None
        return self.one.seconds / max(half.seconds for half in self.halves)


@attrs.define
class BatchResults:
    """Every batch run: each size with one worker, then the rounds of the largest."""

    api: str = "sinaparse.batch.parse_many"
    takes_workers: bool = True
    by_size: dict[int, BatchRun] = attrs.Factory(dict)
    rounds: list[ThroughputRound] = attrs.Factory(list)
    failures: list[str] = attrs.Factory(list)

    def keep(self, label: str, outcome: BatchRun | str) -> BatchRun | None:
        """Note what a child said about the API; keep a failure's reason."""
        if isinstance(outcome, str):
            self.failures.append(f"{label}: {outcome}")
            return None
        self.api, self.takes_workers = outcome.api, outcome.takes_workers
        return outcome

    @property
    def runs(self) -> list[BatchRun]:
        """Every run that worked, in the order of the report."""
        runs = list(self.by_size.values())
        for index, round_ in enumerate(self.rounds):
            runs += [round_.one] if index else []  # the first is the largest of by_size
            runs += [round_.two, *(round_.halves or ())]
        return runs

    @property
    def speed_up(self) -> float | None:
        """The median over the rounds of the 2-worker speed-up."""
        return statistics.median(r.speed_up for r in self.rounds) if self.rounds else None

    @property
    def ceiling(self) -> float | None:
        """The median over the rounds of the machine's two-process ceiling."""
        ceilings = [r.ceiling for r in self.rounds if r.ceiling is not None]
        return statistics.median(ceilings) if ceilings else None


def write_batch_corpus(root: Path, posts: Sequence[Post]) -> dict[int, Path]:
    """A folder per batch size, holding the corpus posts repeated to that many files,
    and the largest's two halves (its chunks of 8 files, alternately), keyed by -1 and -2.

    The folders hard-link one pool of files where the file system allows it.
    """
    pool = root / "pool"
    pool.mkdir()
    names = [f"{index:05d}_{posts[index % len(posts)].name}" for index in range(max(BATCH_SIZES))]
    for index, name in enumerate(names):
        (pool / name).write_bytes(posts[index % len(posts)].data)
    contents = {size: names[:size] for size in BATCH_SIZES}
    for half in (0, 1):
        contents[-1 - half] = [name for i, name in enumerate(names) if (i // 8) % 2 == half]
    folders = {}
    for key, members in contents.items():
        folders[key] = folder = root / (f"posts_{key}" if key > 0 else f"half_{-key}")
        folder.mkdir()
        for name in members:
            try:
                os.link(pool / name, folder / name)
            except OSError:
                shutil.copyfile(pool / name, folder / name)
    return folders


def run_child(folder: Path, workers: int) -> BatchRun | str:
    """Run :data:`BATCH_CHILD` in a fresh interpreter: its report, or why it failed."""
    return finish_child(start_child(folder, workers))


def start_child(folder: Path, workers: int) -> subprocess.Popen[str]:
    """Start :data:`BATCH_CHILD` in a fresh interpreter."""
    return subprocess.Popen(
        [sys.executable, "-c", BATCH_CHILD, str(folder), str(workers)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    )


def finish_child(child: subprocess.Popen[str]) -> BatchRun | str:
    """Wait for a child: its report, or why it failed."""
    stdout, stderr = child.communicate()
    if child.returncode != 0:
        last_line = (stderr.strip().splitlines() or ["no message"])[-1]
        return f"exit status {child.returncode}: {last_line}"
    return BatchRun.from_report(json.loads(stdout.strip().splitlines()[-1]))


def measure_batches(posts: Sequence[Post]) -> BatchResults:
    """Peak RSS at each batch size with one worker, then the rounds of the largest.

    Runs before the peers are imported: on Linux a child's ru_maxrss starts at
    the peak of the process that launched it, so the launcher must stay small.
    """
    results = BatchResults()
    largest = max(BATCH_SIZES)
    with tempfile.TemporaryDirectory(prefix="sinaparse-bench-") as temp:
        folders = write_batch_corpus(Path(temp), posts)
        for size in BATCH_SIZES:
            progress(f"batch: {size:,} posts, 1 worker")
            run = results.keep(f"{size:,} posts, 1 worker", run_child(folders[size], 1))
            if run is not None:
                results.by_size[size] = run
        one = results.by_size.get(largest)
        for number in range(1, THROUGHPUT_ROUNDS + 1):
            if one is None or not results.takes_workers:
                break
            round_ = measure_round(results, folders, number, one)
            if round_ is None:
                break
            results.rounds.append(round_)
            one = None
            if number < THROUGHPUT_ROUNDS:
                progress(f"batch: {largest:,} posts, 1 worker (round {number + 1})")
                one = results.keep(f"{largest:,} posts, 1 worker", run_child(folders[largest], 1))
    return results


def measure_round(
    results: BatchResults, folders: dict[int, Path], number: int, one: BatchRun
) -> ThroughputRound | None:
    """After ``one`` (1 worker): 2 workers, then the two halves at once."""
    largest = max(BATCH_SIZES)
    progress(f"batch: {largest:,} posts, 2 workers (round {number})")
    two = results.keep(f"{largest:,} posts, 2 workers", run_child(folders[largest], 2))
    if two is None:
        return None
    progress(f"batch: two halves of {largest:,} posts at once (round {number})")
    children = [start_child(folders[key], 1) for key in (-1, -2)]
    halves = [results.keep("a half, 1 worker", finish_child(child)) for child in children]
    first, second = halves
    return ThroughputRound(one, two, (first, second) if first and second else None)
