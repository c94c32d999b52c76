"""The contenders: the floor, sinaparse and the four peer extractors.

Each is a :class:`Tool`: the call that is timed on a post, and an untimed
reading of its result into an :class:`Extraction` (text and date) for the
accuracy columns. Each peer gets its fastest fair input; ``bench/README.md``
says which and why. A peer that cannot be imported becomes a missing tool,
whose rows in the report say why.
"""

from __future__ import annotations

import importlib
import importlib.metadata
from collections.abc import Callable
from typing import Any

import attrs
from corpus_posts import Post, body_of

# Timed runs per post. The floor and sinaparse take under a millisecond, so
# they get more runs for a stable median; the peers take 2-30 ms.
FAST_REPEATS = 21
PEER_REPEATS = 7

# Elements that start a new line when readability's HTML summary becomes text.
_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "table", "tr", "td", "th", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "pre", "figure", "figcaption", "section",
)  # fmt: skip


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


def installed_version(distribution: str) -> str:
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
        version=f"lxml {installed_version('lxml')}",
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


TRAFILATURA_FAST = "trafilatura (fast)"
"""The name of trafilatura's fast-mode row (the package is one: its version shows once)."""


def trafilatura_tool() -> Tool:
    """trafilatura as most callers use it: its default ``extract`` of the page string."""
    trafilatura = importlib.import_module("trafilatura")

    def run(post: Post) -> object:
        return trafilatura.extract(post.page)

    return Tool(
        "trafilatura",
        version=installed_version("trafilatura"),
        input_note="page string → `extract(page)` (its defaults)",
        run=run,
        read=lambda text: Extraction(text or ""),
    )


def trafilatura_fast(trafilatura: Any, page: str | bytes) -> object:
    """trafilatura at its fastest: fast mode, given the tree lxml parses from
    ``page`` (``extract`` loads a string in about twice the time). The parse
    is part of the call, as sinaparse's is of its own."""
    import lxml.html

    tree = lxml.html.document_fromstring(page)
    return trafilatura.extract(tree, fast=True, include_comments=False, include_tables=False)


def trafilatura_fast_tool() -> Tool:
    """trafilatura's fast mode on the post's page (:func:`trafilatura_fast`)."""
    trafilatura = importlib.import_module("trafilatura")

    def run(post: Post) -> object:
        return trafilatura_fast(trafilatura, post.page)

    return Tool(
        TRAFILATURA_FAST,
        version=installed_version("trafilatura"),
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
        version=installed_version("readability-lxml"),
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
        version=installed_version("newspaper4k"),
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
        version=installed_version("gne"),
        input_note="page string → `GeneralNewsExtractor().extract(page)`",
        run=run,
        read=lambda result: Extraction(result["content"], result.get("publish_time")),
    )


PEERS: tuple[tuple[str, Callable[[], Tool]], ...] = (
    ("trafilatura", trafilatura_tool),
    (TRAFILATURA_FAST, trafilatura_fast_tool),
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
