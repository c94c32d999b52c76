"""Pages and feeds: ``parse_page`` against lxml's parse of the whole page, and
the peak memory of a large feed.

:func:`measure_pages` times ``sinaparse.parse_page(page_bytes)`` and
``lxml.html.fromstring(page_bytes)`` (the floor: what any reader of the page
must at least do) on each page of ``tests/corpus/pages``, in alternating rounds
so that a burst of load hits both alike. :func:`measure_feed` writes a feed of
:data:`FEED_ITEMS` items, the items of ``rsshub_sina_finance_escaped.xml``
repeated, and reads it with ``parse_feed`` in a fresh process (:data:`FEED_CHILD`),
beside a baseline process that only imports sinaparse and reads the file.
"""

from __future__ import annotations

import functools
import gc
import importlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import lxml.html
from corpus_posts import REPO_ROOT
from progress import progress
from tools import TRAFILATURA_FAST, trafilatura_fast

import sinaparse

PAGES_DIR = REPO_ROOT / "tests" / "corpus" / "pages"
FEED_SOURCE = REPO_ROOT / "tests" / "corpus" / "feeds" / "rsshub_sina_finance_escaped.xml"
PAGE_ROUNDS = 15
PEER_ROUNDS = 5  # trafilatura takes tens of milliseconds a page
FEED_ITEMS = 10_000

# The child prints its peak RSS (VmHWM, its own address space) and what it read.
# With "baseline" it stops after reading the file: the bytes a caller holds anyway.
FEED_CHILD = """
import json, sys
import sinaparse
path, mode = sys.argv[1], sys.argv[2]
with open(path, "rb") as handle:
    data = handle.read()
items = ok = 0
if mode == "parse":
    for outcome in sinaparse.parse_feed(data):
        items += 1
        ok += outcome.article is not None
with open("/proc/self/status", encoding="ascii") as status:
    hwm = [int(line.split()[1]) for line in status if line.startswith("VmHWM:")]
print(json.dumps({"items": items, "ok": ok, "vm_hwm_kb": hwm[0], "bytes": len(data)}))
"""


@attrs.frozen
class PageTimings:
    """Each page's median times, in milliseconds: sinaparse's and lxml's (and
    the page peers', when asked for and installed)."""

    names: tuple[str, ...]
    ours_ms: tuple[float, ...]
    floor_ms: tuple[float, ...]
    peers_ms: dict[str, tuple[float, ...]] = attrs.Factory(dict)
    """By peer (:func:`page_peers`): each page's median time."""

    def speed_up(self, peer: str) -> float:
        """The median over the pages of the peer's time over ``parse_page``'s."""
        pairs = zip(self.peers_ms[peer], self.ours_ms, strict=True)
        return statistics.median(theirs / ours for theirs, ours in pairs)

    @property
    def ratios(self) -> list[float]:
        """Each page's ``parse_page`` time over its lxml parse."""
        return [ours / floor for ours, floor in zip(self.ours_ms, self.floor_ms, strict=True)]

    @property
    def median_ratio(self) -> float:
        """The median over the pages of each page's ratio."""
        return statistics.median(self.ratios)


@attrs.frozen
class FeedMemory:
    """Peak RSS of reading a large feed, and of only holding its bytes."""

    items: int
    ok: int
    feed_mb: float
    rss_mb: float
    baseline_mb: float


def _timed(call: Callable[[Any], object], data: object) -> int:
    start = time.perf_counter_ns()
    call(data)
    return time.perf_counter_ns() - start


# A page peer: what it is given (made from the page's bytes before the timer
# starts), and the timed call.
PagePeer = tuple[Callable[[bytes], Any], Callable[[Any], object]]


def page_peers() -> dict[str, PagePeer]:
    """trafilatura on whole pages, as issue 16 measures it: its default
    ``extract`` of the page string, and its fast mode on the tree lxml parses
    from the bytes (the parse timed); empty when it is not installed."""
    try:
        trafilatura = importlib.import_module("trafilatura")
    except ImportError:
        return {}

    def page_string(data: bytes) -> str:
        return data.decode("utf-8", "replace")  # the corpus pages are UTF-8

    return {
        "trafilatura": (page_string, trafilatura.extract),
        TRAFILATURA_FAST: (bytes, functools.partial(trafilatura_fast, trafilatura)),
    }


def _peer_times(peers: dict[str, PagePeer], data: bytes) -> dict[str, float]:
    times: dict[str, float] = {}
    for name, (given_as, run) in peers.items():
        given = given_as(data)
        run(given)  # warm-up
        times[name] = statistics.median(_timed(run, given) for _ in range(PEER_ROUNDS)) / 1e6
    return times


def measure_pages(*, with_peers: bool = False) -> PageTimings:
    """Median ``parse_page`` and ``lxml.html.fromstring`` times of each corpus
    page; with ``with_peers``, also the page peers' (:func:`page_peers`)."""
    paths = sorted(PAGES_DIR.glob("*.html"))
    peers = page_peers() if with_peers else {}
    peer_ms: dict[str, list[float]] = {name: [] for name in peers}
    names, ours, floor = [], [], []
    gc.disable()
    try:
        for path in paths:
            data = path.read_bytes()
            sinaparse.parse_page(data)  # warm-up: regular expressions, caches
            lxml.html.fromstring(data)
            mine, theirs = [], []
            for round_ in range(PAGE_ROUNDS):
                if round_ % 2:  # who goes first alternates
                    mine.append(_timed(sinaparse.parse_page, data))
                    theirs.append(_timed(lxml.html.fromstring, data))
                else:
                    theirs.append(_timed(lxml.html.fromstring, data))
                    mine.append(_timed(sinaparse.parse_page, data))
                gc.collect()
            names.append(path.name)
            ours.append(statistics.median(mine) / 1e6)
            floor.append(statistics.median(theirs) / 1e6)
            for name, milliseconds in _peer_times(peers, data).items():
                peer_ms[name].append(milliseconds)
    finally:
        gc.enable()
    progress(f"pages: {len(paths)} timed")
    timed_peers = {name: tuple(times) for name, times in peer_ms.items()}
    return PageTimings(tuple(names), tuple(ours), tuple(floor), timed_peers)


def _large_feed(path: Path, items: int) -> None:
    text = FEED_SOURCE.read_text(encoding="utf-8")
    head, rest = text.split("<item>", 1)
    body, tail = rest.rsplit("</item>", 1)
    units = ["<item>" + unit for unit in (body + "</item>").split("<item>") if unit]
    # The source's items, taken in turn until there are `items` of them.
    chosen = "".join(units[index % len(units)] for index in range(items))
    path.write_text(head + chosen + tail, encoding="utf-8")


def _child(path: Path, mode: str) -> dict[str, int]:
    run = subprocess.run(
        [sys.executable, "-c", FEED_CHILD, str(path), mode],
        capture_output=True,
        text=True,
        check=True,
    )
    report: dict[str, int] = json.loads(run.stdout)
    return report


def measure_feed(items: int = FEED_ITEMS) -> FeedMemory:
    """Peak RSS of ``parse_feed`` over a feed of ``items`` items, in a fresh process."""
    with tempfile.TemporaryDirectory(prefix="sinaparse-feed-") as folder:
        path = Path(folder) / "feed.xml"
        _large_feed(path, items)
        baseline = _child(path, "baseline")
        parsed = _child(path, "parse")
    progress(f"feed: {parsed['items']:,} items read")
    return FeedMemory(
        items=parsed["items"],
        ok=parsed["ok"],
        feed_mb=parsed["bytes"] / 2**20,
        rss_mb=parsed["vm_hwm_kb"] / 1024,
        baseline_mb=baseline["vm_hwm_kb"] / 1024,
    )
