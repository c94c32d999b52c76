"""Benchmark sinaparse against a parsing floor and four peer extractors.

Run from the repository root::

    python bench/run.py

In one run, on the posts of ``tests/corpus/posts``, it measures:

1. peak memory of ``sinaparse.batch.parse_many`` over the posts repeated to
   1,000 and 10,000 files, each in a fresh process, and its throughput with 1
   and 2 workers in alternating rounds, beside two plain processes parsing
   half the posts each (the machine's own ceiling);
2. time per post of the floor (decode the post, ``lxml.html``-parse its body),
   of ``sinaparse.parse(bytes)``, and of trafilatura, readability-lxml,
   newspaper4k and GNE on the same bodies;
3. accuracy on the Sina posts that have an expected file;

then prints the report and writes it, with the targets and a description of
the machine, to ``docs/performance.md``. Nothing touches the network: every
connection and name lookup outside Unix sockets raises. ``bench/README.md``
explains the columns.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import importlib.metadata
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NoReturn

import attrs

REPO_ROOT = Path(__file__).resolve().parent.parent
POSTS_DIR = REPO_ROOT / "tests" / "corpus" / "posts"
EXPECTED_DIR = REPO_ROOT / "tests" / "corpus" / "expected"
DEFAULT_OUTPUT = REPO_ROOT / "docs" / "performance.md"
COMMAND = "python bench/run.py"

# Timed runs per post. The floor and sinaparse take under a millisecond, so
# they get more runs for a stable median; the peers take 2-30 ms.
FAST_REPEATS = 21
PEER_REPEATS = 7
# Posts each tool parses, untimed, before anything is measured: first calls
# load dictionaries (jieba), compile regular expressions and fill caches.
WARM_UP_POSTS = 5
BATCH_SIZES = (1_000, 10_000)
# Throughput on a shared two-core machine moves by 10% and more from one run
# to the next. So the largest batch runs with 1 and with 2 workers back to
# back, this many times; each round gives a ratio, and the target is judged on
# their median. Each round also measures the machine's own ceiling: two
# processes parsing half the posts each at once, with no pool between them.
THROUGHPUT_ROUNDS = 5

# Text that only boilerplate puts in a Sina body: app promos, ad lists, the
# editor and 原标题 lines, the braces of inline CSS (escaped or not). A marker
# that a post's expected paragraphs contain does not count for that post.
BOILERPLATE_MARKERS = (
    "新浪财经APP",
    "海量资讯",
    "责任编辑",
    "原标题",
    "点击进入专题",
    "article_adlist",
    "news_keyword_pub",
    "开户",
    "{",
    "&#123;",
)

# The targets sinaparse is held to.
MAX_FLOOR_RATIO = 2.5
MIN_SPEEDUP_OVER_TRAFILATURA = 20.0
MAX_BATCH_RSS_MB = 150.0
MAX_BATCH_RSS_GROWTH = 0.10
MIN_TWO_WORKER_SPEEDUP = 1.8

# Elements that start a new line when readability's HTML summary becomes text.
_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "table", "tr", "td", "th", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "pre", "figure", "figcaption", "section",
)  # fmt: skip


# --------------------------------------------------------------------------
# No network
# --------------------------------------------------------------------------

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _refuse(address: object) -> NoReturn:
    raise OSError(f"bench/run.py forbids network access (to {address!r})")


def _local_connect(self: socket.socket, address: Any) -> None:
    # Unix sockets stay allowed: multiprocessing's forkserver talks over one.
    if self.family != socket.AF_UNIX:
        _refuse(address)
    _connect(self, address)


def _local_connect_ex(self: socket.socket, address: Any) -> int:
    if self.family != socket.AF_UNIX:
        _refuse(address)
    return _connect_ex(self, address)


def _refuse_lookup(host: object, *args: object, **kwargs: object) -> NoReturn:
    _refuse(host)


def forbid_network() -> None:
    """Make every network connection and name lookup of this process fail at once.

    Peers can reach for the network (newspaper4k fetches images unless told not
    to, tldextract the public-suffix list): the benchmark must never do so.
    """
    socket.socket.connect = _local_connect  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = _local_connect_ex  # type: ignore[method-assign,assignment]
    socket.getaddrinfo = _refuse_lookup
    socket.gethostbyname = _refuse_lookup


# --------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------


def body_of(text: str) -> str:
    """The HTML after the front matter: whatever follows the second ``---`` line.

    Deliberately simple, as the floor must not do sinaparse's work: a post with
    fewer than two such lines is taken whole.
    """
    offset = 0
    fences = 0
    for line in text.splitlines(keepends=True):
        offset += len(line)
        if line.strip() == "---":
            fences += 1
            if fences == 2:
                return text[offset:]
    return text


@attrs.frozen
class Post:
    """One corpus post, and what each tool is given of it."""

    name: str
    """The file name, such as ``sina_001_AI篮球裁判.md``."""
    data: bytes
    """The post's bytes: sinaparse's input."""
    page: str
    """The body wrapped as ``<html><body>…</body></html>``: the peers' input."""
    expected: dict[str, Any] | None
    """``tests/corpus/expected/<name>.json``, or None while there is none."""

    @classmethod
    def read(cls, path: Path) -> Post:
        """Load a post and its expected file, if any."""
        data = path.read_bytes()
        expected_path = EXPECTED_DIR / f"{path.name}.json"
        expected = (
            json.loads(expected_path.read_text(encoding="utf-8"))
            if expected_path.is_file()
            else None
        )
        page = f"<html><body>{body_of(data.decode('utf-8'))}</body></html>"
        return cls(path.name, data, page, expected)

    @property
    def is_sina(self) -> bool:
        """True for a Sina Finance post; the others come from other feeds."""
        return self.name.startswith("sina_")


def load_posts() -> list[Post]:
    """Every post of the corpus, in file-name order."""
    return [Post.read(path) for path in sorted(POSTS_DIR.glob("*.md"))]


# --------------------------------------------------------------------------
# The tools
# --------------------------------------------------------------------------


@attrs.frozen
class Extraction:
    """What a tool got out of one post: its text and date, or why it failed."""

    text: str = ""
    date: object = None
    error: str | None = None


@attrs.frozen
class Tool:
    """A contender: a timed call on a post, and an untimed reading of its result."""

    name: str
    version: str = ""
    input_note: str = ""
    """What the tool is given and how it is called, for the report."""
    run: Callable[[Post], object] | None = None
    """The timed call."""
    read: Callable[[Any], Extraction] | None = None
    """Turns the call's result into an :class:`Extraction`; not timed."""
    repeats: int = PEER_REPEATS
    missing: str | None = None
    """Why the tool could not be loaded; None when it was."""


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def floor_tool() -> Tool:
    """Decode the post, find its body, parse it with ``lxml.html``: less no tool can do."""
    import lxml.html

    def run(post: Post) -> object:
        return lxml.html.document_fromstring(body_of(post.data.decode("utf-8")))

    return Tool(
        "floor",
        version=f"lxml {_version('lxml')}",
        input_note="post bytes → `decode()`, body after the 2nd `---` line, "
        "`lxml.html.document_fromstring(body)`",
        run=run,
        read=lambda tree: Extraction(),
        repeats=FAST_REPEATS,
    )


def sinaparse_tool() -> Tool:
    """``sinaparse.parse`` on the post's bytes: front matter, body, cleaning, everything."""
    import sinaparse

    def run(post: Post) -> object:
        return sinaparse.parse(post.data)

    return Tool(
        "sinaparse",
        version=sinaparse.__version__,
        input_note="post bytes → `sinaparse.parse(data)`",
        run=run,
        read=lambda article: Extraction(article.text, article.date),
        repeats=FAST_REPEATS,
    )


def trafilatura_tool() -> Tool:
    """trafilatura, given an lxml tree: ``extract`` loads a string in about twice the time."""
    trafilatura = importlib.import_module("trafilatura")
    import lxml.html

    def run(post: Post) -> object:
        # The parse is timed, as sinaparse's is.
        tree = lxml.html.document_fromstring(post.page)
        return trafilatura.extract(tree, fast=True, include_comments=False, include_tables=False)

    return Tool(
        "trafilatura",
        version=_version("trafilatura"),
        input_note="page → `lxml.html.document_fromstring` → `extract(tree, fast=True, "
        "include_comments=False, include_tables=False)`",
        run=run,
        read=lambda text: Extraction(text or ""),
    )


def readability_tool() -> Tool:
    """readability-lxml's summary; given a string, since it parses its input again on retry."""
    readability = importlib.import_module("readability")

    def run(post: Post) -> object:
        return readability.Document(post.page).summary()

    return Tool(
        "readability-lxml",
        version=_version("readability-lxml"),
        input_note="page string → `Document(page).summary()` (HTML, made text untimed)",
        run=run,
        read=lambda html: Extraction(html_to_text(html)),
    )


def newspaper_tool() -> Tool:
    """newspaper4k's ``Article`` given the page: no download, no image fetching."""
    newspaper = importlib.import_module("newspaper")
    language, note = "zh", ""
    try:
        # Chinese needs jieba to find stop words; without it newspaper4k's
        # English rules find none in Chinese text.
        importlib.import_module("jieba")
    except ImportError:
        language, note = "en", " (jieba missing: English rules)"

    def run(post: Post) -> object:
        article = newspaper.Article(
            "https://finance.sina.com.cn/", language=language, fetch_images=False
        )
        article.download(input_html=post.page)
        article.parse()
        return article

    return Tool(
        "newspaper4k",
        version=_version("newspaper4k"),
        input_note=f"page → `Article(url, language='{language}', fetch_images=False)`, "
        f"`download(input_html=page)`, `parse()`{note}",
        run=run,
        read=lambda article: Extraction(article.text, article.publish_date),
    )


def gne_tool() -> Tool:
    """GNE's ``GeneralNewsExtractor().extract``; it takes strings only."""
    gne = importlib.import_module("gne")
    extractor = gne.GeneralNewsExtractor()

    def run(post: Post) -> object:
        return extractor.extract(post.page)

    return Tool(
        "GNE",
        version=_version("gne"),
        input_note="page string → `GeneralNewsExtractor().extract(page)`",
        run=run,
        read=lambda result: Extraction(result["content"], result.get("publish_time")),
    )


PEERS: tuple[tuple[str, Callable[[], Tool]], ...] = (
    ("trafilatura", trafilatura_tool),
    ("readability-lxml", readability_tool),
    ("newspaper4k", newspaper_tool),
    ("GNE", gne_tool),
)


def load_tools() -> list[Tool]:
    """The floor, sinaparse and every peer; a peer that cannot be imported is kept as missing."""
    tools = [floor_tool(), sinaparse_tool()]
    for name, factory in PEERS:
        try:
            tools.append(factory())
        except Exception as error:  # whatever breaks a peer's import is a note in the report
            tools.append(Tool(name, missing=f"not installed: {type(error).__name__}: {error}"))
    return tools


def html_to_text(html: str) -> str:
    """The text of an HTML fragment, with a line break around every block element."""
    import lxml.html

    if not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    for element in root.iter(*_BLOCK_TAGS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    return "".join(str(piece) for piece in root.itertext())


# --------------------------------------------------------------------------
# Speed
# --------------------------------------------------------------------------


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


def _progress(message: str) -> None:
    # On stderr, so that stdout holds the report alone.
    print(message, file=sys.stderr, flush=True)


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
            _progress(f"speed: {number}/{len(posts)} posts")
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


# --------------------------------------------------------------------------
# Accuracy
# --------------------------------------------------------------------------


def normalised(line: str) -> str:
    """A line as sinaparse writes paragraphs: trimmed, each whitespace run one space.

    ``str.split()`` splits on every Unicode space, U+3000 and no-break space included.
    """
    return " ".join(line.split())


def normalised_lines(text: str) -> list[str]:
    """The non-empty lines of ``text``, normalised."""
    return [line for line in map(normalised, text.splitlines()) if line]


def boilerplate_found(text: str, expected_text: str) -> list[str]:
    """The markers in ``text`` that the expected text does not itself contain."""
    return [
        marker for marker in BOILERPLATE_MARKERS if marker in text and marker not in expected_text
    ]


def date_is_right(found: object, expected: str | None) -> bool:
    """True when ``found`` is the expected instant, to the second, with the same UTC offset.

    A string is read as ISO 8601 when it can be; a date without a zone is never right.
    """
    if expected is None:
        return found is None
    if isinstance(found, str):
        try:
            found = datetime.fromisoformat(found)
        except ValueError:
            return False
    if not isinstance(found, datetime) or found.utcoffset() is None:
        return False
    wanted = datetime.fromisoformat(expected)
    return (
        found.replace(microsecond=0) == wanted.replace(microsecond=0)
        and found.utcoffset() == wanted.utcoffset()
    )


@attrs.define
class Accuracy:
    """One tool's scores over the Sina posts that have an expected file."""

    tool_name: str
    posts: int = 0
    wrong_paragraphs: list[str] = attrs.Factory(list)
    boilerplate: dict[str, list[str]] = attrs.Factory(dict)
    dates_right: int = 0

    @property
    def exact(self) -> int:
        """Posts whose paragraphs came out exactly right."""
        return self.posts - len(self.wrong_paragraphs)


def measure_accuracy(timings: Sequence[Timing], posts: Sequence[Post]) -> list[Accuracy]:
    """Score each tool's kept outputs against the expected files of the Sina posts."""
    judged = [post for post in posts if post.is_sina and post.expected is not None]
    results = []
    for timing in timings:
        if timing.tool.name == "floor":
            continue
        accuracy = Accuracy(timing.tool.name)
        for post in judged:
            assert post.expected is not None
            output = timing.outputs[post.name]
            expected = [line for line in map(normalised, post.expected["paragraphs"]) if line]
            accuracy.posts += 1
            if normalised_lines(output.text) != expected:
                accuracy.wrong_paragraphs.append(post.name)
            markers = boilerplate_found(output.text, "\n".join(expected))
            if markers:
                accuracy.boilerplate[post.name] = markers
            if output.error is None and date_is_right(output.date, post.expected.get("date")):
                accuracy.dates_right += 1
        results.append(accuracy)
    return results


# --------------------------------------------------------------------------
# Batches: memory and throughput, each in a fresh process
# --------------------------------------------------------------------------

# The child runs as `python -c`: importing this file would load argparse,
# statistics, importlib.metadata, attrs and more, a few MB that are not the
# batch's. It prints one JSON report. VmHWM is the peak RSS of the child's own
# address space: a check on ru_maxrss, which can start at the launcher's peak.
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
    outcomes = parse_many(folder, workers=workers) if takes_workers else parse_many(folder)
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
            _progress(f"batch: {size:,} posts, 1 worker")
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
                _progress(f"batch: {largest:,} posts, 1 worker (round {number + 1})")
                one = results.keep(f"{largest:,} posts, 1 worker", run_child(folders[largest], 1))
    return results


def measure_round(
    results: BatchResults, folders: dict[int, Path], number: int, one: BatchRun
) -> ThroughputRound | None:
    """After ``one`` (1 worker): 2 workers, then the two halves at once."""
    largest = max(BATCH_SIZES)
    _progress(f"batch: {largest:,} posts, 2 workers (round {number})")
    two = results.keep(f"{largest:,} posts, 2 workers", run_child(folders[largest], 2))
    if two is None:
        return None
    _progress(f"batch: two halves of {largest:,} posts at once (round {number})")
    children = [start_child(folders[key], 1) for key in (-1, -2)]
    halves = [results.keep("a half, 1 worker", finish_child(child)) for child in children]
    first, second = halves
    return ThroughputRound(one, two, (first, second) if first and second else None)


# --------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------


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
        f"{name} {_version(name)}"
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


Row = tuple[str, str, "bool | None"]


def _speed_rows(timings: Sequence[Timing]) -> list[Row]:
    by_name = {timing.tool.name: timing for timing in timings}
    ours = by_name["sinaparse"].median_ms
    ratio = ours / by_name["floor"].median_ms
    rows: list[Row] = [
        (
            f"`sinaparse.parse` ≤ {MAX_FLOOR_RATIO} × the floor (median per post)",
            f"{ratio:.2f} ×",
            ratio <= MAX_FLOOR_RATIO,
        )
    ]
    for name, _ in PEERS:
        peer = by_name.get(name)
        wanted = MIN_SPEEDUP_OVER_TRAFILATURA if name == "trafilatura" else 1.0
        target = f"≥ {wanted:.0f} × faster than {name}" if wanted > 1 else f"faster than {name}"
        if peer is None:
            rows.append((target, "peer missing", None))
        else:
            speed_up = peer.median_ms / ours
            passed = speed_up >= wanted if wanted > 1 else speed_up > 1
            rows.append((target, f"{speed_up:.1f} ×", passed))
    return rows


def _batch_rows(batches: BatchResults) -> list[Row]:
    small, large = (batches.by_size.get(size) for size in BATCH_SIZES)
    largest = f"{max(BATCH_SIZES):,}"
    rows: list[Row] = []
    if large is None:
        rows.append((f"peak RSS over {largest} posts < {MAX_BATCH_RSS_MB:.0f} MB", "failed", None))
    else:
        rows.append(
            (
                f"peak RSS over {largest} posts < {MAX_BATCH_RSS_MB:.0f} MB",
                f"{large.rss_mb:.1f} MB",
                large.rss_mb < MAX_BATCH_RSS_MB,
            )
        )
    growth_target = (
        f"… and within {MAX_BATCH_RSS_GROWTH:.0%} of the {min(BATCH_SIZES):,}-post figure"
    )
    if small is None or large is None:
        rows.append((growth_target, "failed", None))
    else:
        growth = large.rss_mb / small.rss_mb - 1
        rows.append(
            (
                growth_target,
                f"{growth:+.1%} ({small.rss_mb:.1f} → {large.rss_mb:.1f} MB)",
                growth <= MAX_BATCH_RSS_GROWTH,
            )
        )
    workers_target = f"2 workers ≥ {MIN_TWO_WORKER_SPEEDUP} × the throughput of 1 ({largest} posts)"
    speed_up, ceiling = batches.speed_up, batches.ceiling
    if speed_up is None:
        reason = "no `workers` parameter" if not batches.takes_workers else "failed"
        rows.append((workers_target, reason, None))
    else:
        each = ", ".join(f"{round_.speed_up:.2f}" for round_ in batches.rounds)
        measured = f"{speed_up:.2f} × (median of {each})"
        if ceiling is not None:
            measured += f"; the machine's two-process ceiling {ceiling:.2f} ×"
        rows.append((workers_target, measured, speed_up >= MIN_TWO_WORKER_SPEEDUP))
    return rows


def _verdict(passed: bool | None) -> str:
    return "not measured" if passed is None else "**pass**" if passed else "**FAIL**"


def targets_table(timings: Sequence[Timing], batches: BatchResults) -> list[str]:
    """Each target, what was measured, pass or fail."""
    rows = _speed_rows(timings) + _batch_rows(batches)
    lines = ["| target | measured | result |", "| --- | --- | --- |"]
    return lines + [
        f"| {target} | {value} | {_verdict(passed)} |" for target, value, passed in rows
    ]


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
) -> str:
    """The whole of docs/performance.md."""
    sina = sum(post.is_sina for post in posts)
    judged = sum(post.is_sina and post.expected is not None for post in posts)
    sections = [
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
        *targets_table(timings, batches),
        "",
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
        f"## Accuracy ({judged} of the {sina} Sina posts have an expected file)",
        "",
        "The peers are given the body only, which holds no date.",
        "",
        *accuracy_table(accuracy, tools),
        "",
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
    return "\n".join(sections)


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line: where to write the report."""
    parser = argparse.ArgumentParser(description="Benchmark sinaparse; write the report.")
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="where to write the Markdown report (default: docs/performance.md)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every measurement, print the report, write it to ``--output``."""
    arguments = parse_arguments(argv)
    forbid_network()
    loads = [os.getloadavg()[0]]
    posts = load_posts()
    batches = measure_batches(posts)  # first, while this process is small
    loads.append(os.getloadavg()[0])
    tools = load_tools()
    timings = measure_speed(tools, posts)
    accuracy = measure_accuracy(timings, posts)
    stages = measure_stages(posts)
    loads.append(os.getloadavg()[0])
    report = render(tools, timings, accuracy, batches, posts, loads, stages)
    print(report)
    arguments.output.write_text(report, encoding="utf-8")
    _progress(f"written to {arguments.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
