"""Mutation testing: the real corpus, damaged, parses or fails cleanly, and quickly.

Each case takes a real post or body of ``tests/corpus``, applies one or more
mutations (truncation, deleted or duplicated spans, random bytes and characters,
broken ``---`` fences, YAML fragments in the front matter, GB18030 re-encoding,
mixed line ends, NUL bytes, lone surrogates), then gives the result to both
``sinaparse.parse`` and ``sinaparse.parse_body``. Each call must return an Article or a Body, or raise a
``SinaParseError``: never another exception. Each call must also end within
:data:`SECONDS`, a bound on pathological slowness (a quadratic loop or a regex
that backtracks), not a benchmark: a normal post parses in about a millisecond.
A result must keep the rest of the promise too (``tests/promise.py``): no
markup, no characters that are not text, safe image URLs, ``to_dict()`` that
is JSON and reads back equal, a ``repr``, and writers that write it.

Whole pages (``tests/corpus/pages``, given to ``sinaparse.parse_page``) and
feeds built from corpus posts (RSS and Atom, both description forms, given to
``sinaparse.parse_feed``) are damaged the same way, in a few hundred more cases.

The tests below run :data:`TOTAL_EXAMPLES` generated cases on posts and bodies,
and ``tests/test_hostile_mutations.py`` more with issue 12's fragments. A failure
Hypothesis finds is pinned with ``@example`` on the test that found it, as the
exact input, so it stays tested whatever Hypothesis explores next.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import Article, SinaParseError
from sinaparse._sources.post import split_post

from .conftest import CORPUS
from .posts import make_feed
from .promise import SECONDS, Source, broken_promises


@attrs.frozen
class Document:
    """A real document of the corpus."""

    name: str
    text: str


def _corpus() -> tuple[Document, ...]:
    paths = sorted((CORPUS / "posts").glob("*.md")) + sorted((CORPUS / "bodies").glob("*.html"))
    return tuple(Document(path.name, path.read_text(encoding="utf-8")) for path in paths)


DOCUMENTS = _corpus()


@attrs.frozen
class Case:
    """A damaged document: the input, and how it was made (for the failure report)."""

    source: Source
    origin: str
    steps: tuple[str, ...] = ()


# Each mutation takes the draw function and the input so far and gives the
# damaged input with a short description of what it did.
Mutation = Callable[[st.DrawFn, Source], tuple[Source, str]]


def _as_bytes(source: Source) -> bytes:
    # surrogatepass: a lone surrogate an earlier step put in stays as its bytes,
    # which are invalid UTF-8, rather than ending the case.
    return source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source


def _as_text(source: Source) -> str:
    # surrogateescape: bytes that are not UTF-8 become lone surrogates, one of
    # the hostile kinds of str input.
    return source.decode("utf-8", "surrogateescape") if isinstance(source, bytes) else source


def _splice(source: Source, start: int, end: int, insert: Source) -> Source:
    """``source`` with ``[start:end]`` replaced by ``insert``, in ``source``'s type."""
    if isinstance(source, bytes):
        return source[:start] + _as_bytes(insert) + source[end:]
    return source[:start] + _as_text(insert) + source[end:]


def _span(draw: st.DrawFn, source: Source, max_length: int) -> tuple[int, int]:
    """A (start, end) span of ``source``, possibly empty."""
    start = draw(st.integers(0, len(source)))
    end = draw(st.integers(start, min(len(source), start + max_length)))
    return start, end


def truncate(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
    cut = draw(st.integers(0, len(source)))
    return source[:cut], f"truncate at {cut}"


def delete_span(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
    start, end = _span(draw, source, max_length=4000)
    return _splice(source, start, end, source[:0]), f"delete [{start}:{end}]"


def duplicate_span(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
    start, end = _span(draw, source, max_length=4000)
    at = draw(st.integers(0, len(source)))
    return _splice(source, at, at, source[start:end]), f"copy [{start}:{end}] to {at}"


def insert_bytes(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
    data = _as_bytes(source)
    at = draw(st.integers(0, len(data)))
    noise = draw(st.binary(min_size=1, max_size=64))
    return data[:at] + noise + data[at:], f"insert bytes {noise!r} at {at}"


def overwrite_bytes(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
    data = _as_bytes(source)
    at = draw(st.integers(0, len(data)))
    noise = draw(st.binary(min_size=1, max_size=64))
    return data[:at] + noise + data[at + len(noise) :], f"overwrite with {noise!r} at {at}"


# Fragments that change how the rest of a document is read.
_MARKUP = (
    "<",
    ">",
    "&",
    "&#",
    "&#x110000;",
    "&#123;",
    "</p>",
    "</div></div></div>",
    "<p>",
    "<table><tr><td>",
    "<td colspan=99999999999>",
    "<blockquote>",
    '<div class="img_wrapper"><img src="',
    '<span class="img_descr">',
    '<span id="stock_sh600000">',
    "<!--",
    "-->",
    "<!--article_adlist[",
    "]article_adlist-->",
    "<![CDATA[",
    "<?xml ?>",
    "<!DOCTYPE html [",
    "<script>",
    "<style>",
    "<svg><foreignObject>",
    '"',
    "'",
    "原标题：",
    "来源：",
    "责任编辑：",
    "\u3000",
    "\ufeff",
    "\u2028",
    "\x0b",
    "\x1b",
)


def insert_text(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
    text = _as_text(source)
    at = draw(st.integers(0, len(text)))
    noise = draw(st.sampled_from(_MARKUP) | st.text(min_size=1, max_size=32))
    return text[:at] + noise + text[at:], f"insert text {noise!r} at {at}"


# Fragments that change how front matter is read: tags, anchors, aliases,
# flow collections, complex keys, block scalars, directives.
_YAML = (
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!timestamp ",
    "!!binary ",
    "!!set ",
    "!!omap ",
    "!!python/object/apply:os.system ",
    "!custom ",
    "&anchor ",
    "*anchor",
    "<<: ",
    "? ",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "|\n  ",
    ">-\n  ",
    "%YAML 1.1\n",
    "\t",
    "#",
    "\\",
    "'",
    '"',
)


def insert_yaml(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
    """A YAML fragment near the start, where posts keep their front matter."""
    text = _as_text(source)
    at = draw(st.integers(0, min(len(text), 800)))
    fragment = draw(st.sampled_from(_YAML))
    return text[:at] + fragment + text[at:], f"insert YAML {fragment!r} at {at}"


def insert_nul(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
    at = draw(st.integers(0, len(source)))
    return _splice(source, at, at, "\x00"), f"NUL at {at}"


def insert_lone_surrogate(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
    text = _as_text(source)
    at = draw(st.integers(0, len(text)))
    surrogate = chr(draw(st.integers(0xD800, 0xDFFF)))
    return text[:at] + surrogate + text[at:], f"lone surrogate U+{ord(surrogate):04X} at {at}"


_FENCE_DAMAGE = ("", "--", "----", "- --", "---x", " ---", "...", "--- ---", "---\n---", "\n")


def break_fence(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
    text = _as_text(source)
    fences = [index for index in range(len(text)) if text.startswith("---", index)][:8]
    replacement = draw(st.sampled_from(_FENCE_DAMAGE))
    if not fences:
        return replacement + text, f"prefix {replacement!r}"
    at = draw(st.sampled_from(fences))
    damaged = text[:at] + replacement + text[at + 3 :]
    return damaged, f"fence at {at} -> {replacement!r}"


def reencode_gb18030(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
    del draw  # nothing to choose
    # Lone surrogates have no GB18030 form: "?" stands for them, as a lossy
    # converter would write.
    return _as_text(source).encode("gb18030", "replace"), "re-encode as GB18030"


_LINE_ENDS_TEXT = ("\n", "\r\n", "\r")
_LINE_ENDS_BYTES = (b"\n", b"\r\n", b"\r")


def mix_line_ends(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
    # A seeded generator rather than st.randoms(): drawing once per line from
    # Hypothesis would overrun its buffer on long documents.
    chooser = random.Random(draw(st.integers(0, 2**32 - 1)))
    if isinstance(source, bytes):
        lines = source.split(b"\n")
        ends = [chooser.choice(_LINE_ENDS_BYTES) for _ in lines[1:]]
        mixed = lines[0] + b"".join(end + line for end, line in zip(ends, lines[1:], strict=True))
        return mixed, "mixed line ends"
    text_lines = source.split("\n")
    text_ends = [chooser.choice(_LINE_ENDS_TEXT) for _ in text_lines[1:]]
    mixed_text = text_lines[0] + "".join(
        end + line for end, line in zip(text_ends, text_lines[1:], strict=True)
    )
    return mixed_text, "mixed line ends"


def random_bytes(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
    """Replace a long run (up to the whole input) with random bytes."""
    data = _as_bytes(source)
    start, end = _span(draw, data, max_length=len(data))
    noise = draw(st.binary(max_size=512))
    return data[:start] + noise + data[end:], f"bytes [{start}:{end}] -> {len(noise)} random"


CUTS: tuple[Mutation, ...] = (truncate, delete_span, duplicate_span)
NOISE: tuple[Mutation, ...] = (
    insert_bytes,
    overwrite_bytes,
    insert_text,
    insert_nul,
    insert_lone_surrogate,
    random_bytes,
)
FORM: tuple[Mutation, ...] = (break_fence, insert_yaml, reencode_gb18030, mix_line_ends)
ALL: tuple[Mutation, ...] = CUTS + NOISE + FORM


@st.composite
def damaged_documents(
    draw: st.DrawFn,
    mutations: Sequence[Mutation],
    max_steps: int = 1,
    documents: Sequence[Document] = DOCUMENTS,
) -> Case:
    """A corpus document, as str or as UTF-8 bytes, after 1 to ``max_steps`` mutations."""
    document = draw(st.sampled_from(documents))
    source: Source = document.text.encode("utf-8") if draw(st.booleans()) else document.text
    steps = []
    for mutation in draw(st.lists(st.sampled_from(mutations), min_size=1, max_size=max_steps)):
        source, step = mutation(draw, source)
        steps.append(step)
    return Case(source, document.name, tuple(steps))


def assert_parses_or_refuses(case: Case) -> None:
    """Both entry points keep the whole promise of tests/promise.py: a result of
    the right type or a SinaParseError, each within SECONDS, and a result
    without markup or characters that are not text, with safe image URLs,
    whose to_dict() is JSON that from_dict reads back equal, and that the
    writers write."""
    problems = broken_promises(case.source)
    assert problems == [], f"{case.origin} after {case.steps}:\n" + "\n".join(problems)


def _document(name: str) -> str:
    return next(document.text for document in DOCUMENTS if document.name == name)


def _inserted(name: str, at: int, data: bytes) -> bytes:
    original = _document(name).encode("utf-8")
    return original[:at] + data + original[at:]


# Failures Hypothesis found, pinned as it found them (each also minimised in
# tests/test_guarantees.py): a C0 control character next to a comment that the
# cleaning removes made lxml raise ValueError.
CONTROL_CHARACTER_AFTER_A_COMMENT = Case(
    _inserted("sina_105_1-4月CPI_tiny.md", 765, b"\x01"),
    "sina_105_1-4月CPI_tiny.md",
    ("insert bytes b'\\x01' at 765",),
)
CONTROL_CHARACTER_BEFORE_A_CDATA_SECTION = Case(
    "\x1f<![CDATA[" + _document("other_199IT_腾讯阿里市值_textOnly.md"),
    "other_199IT_腾讯阿里市值_textOnly.md",
    ("insert text '<![CDATA[' at 0", "delete [0:0]", "insert text '\\x1f' at 0"),
)

# An explicit YAML tag on a value not of its type: PyYAML's constructor raised
# ValueError, which the front-matter reader let through.
INT_TAG_ON_A_TITLE = Case(
    _document("other_199IT_腾讯阿里市值_textOnly.md")[:12]
    + "!!int "
    + _document("other_199IT_腾讯阿里市值_textOnly.md")[12:],
    "other_199IT_腾讯阿里市值_textOnly.md",
    ("insert YAML '!!int ' at 12",),
)


# Cases per test. With tests/test_hostile_mutations.py, CI runs at least
# 10,000 in all, in about the 30 s that this file alone took before it.
# SINAPARSE_MUTATION_SCALE=20 runs 20 times as many, for a longer run by hand.
SCALE = float(os.environ.get("SINAPARSE_MUTATION_SCALE", "1"))
CUT_EXAMPLES = 1_800
NOISE_EXAMPLES = 1_800
FORM_EXAMPLES = 1_200
STACKED_EXAMPLES = 1_200
TOTAL_EXAMPLES = CUT_EXAMPLES + NOISE_EXAMPLES + FORM_EXAMPLES + STACKED_EXAMPLES


def _settings(examples: int) -> settings:
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,  # the time bound is asserted per call, where it is meaningful
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@_settings(CUT_EXAMPLES)
@given(damaged_documents(CUTS))
def test_truncated_and_spliced_documents_parse_or_fail_cleanly(case: Case) -> None:
    assert_parses_or_refuses(case)


@_settings(NOISE_EXAMPLES)
@given(damaged_documents(NOISE))
@example(CONTROL_CHARACTER_AFTER_A_COMMENT)
def test_documents_with_random_bytes_or_characters_parse_or_fail_cleanly(case: Case) -> None:
    assert_parses_or_refuses(case)


@_settings(FORM_EXAMPLES)
@given(damaged_documents(FORM))
@example(INT_TAG_ON_A_TITLE)
def test_documents_with_broken_fences_yaml_encodings_or_line_ends_parse_or_fail_cleanly(
    case: Case,
) -> None:
    assert_parses_or_refuses(case)


@_settings(STACKED_EXAMPLES)
@given(damaged_documents(ALL, max_steps=5))
@example(CONTROL_CHARACTER_BEFORE_A_CDATA_SECTION)
def test_documents_under_several_mutations_parse_or_fail_cleanly(case: Case) -> None:
    assert_parses_or_refuses(case)


def test_the_mutation_tests_run_on_posts_and_bodies() -> None:
    # The count of cases is checked with the hostile mutations', in
    # tests/test_hostile_mutations.py: at least 10,000 together.
    suffixes = {Path(document.name).suffix for document in DOCUMENTS}
    assert suffixes == {".md", ".html"}


# --- Whole pages and feeds -------------------------------------------------------------

PAGES = tuple(
    Document(path.name, path.read_text(encoding="utf-8"))
    for path in sorted((CORPUS / "pages").glob("*.html"))
)


def _feeds() -> tuple[Document, ...]:
    posts = sorted((CORPUS / "posts").glob("sina_*.md"))[:4]
    items = [
        {
            "title": f"标题{n}",
            "link": f"https://finance.sina.com.cn/{n}.shtml",
            "categories": "a,b",
            "description": split_post(path.read_text(encoding="utf-8")).body,
        }
        for n, path in enumerate(posts)
    ]
    return tuple(
        Document(
            f"feed-{form}{'-atom' if atom else ''}.xml", make_feed(items, form=form, atom=atom)
        )
        for form in ("escaped", "cdata")
        for atom in (False, True)
    )


FEEDS = _feeds()
PAGE_EXAMPLES = 250
FEED_EXAMPLES = 250


def _within_bounds(parse: Callable[[], object]) -> object:
    start = time.perf_counter()
    try:
        result = parse()
    except SinaParseError:
        result = None
    elapsed = time.perf_counter() - start
    assert elapsed < SECONDS, f"took {elapsed:.2f} s"
    return result


@_settings(PAGE_EXAMPLES)
@given(damaged_documents(ALL, max_steps=3, documents=PAGES))
def test_damaged_pages_parse_or_fail_cleanly(case: Case) -> None:
    result = _within_bounds(lambda: sinaparse.parse_page(case.source))
    assert result is None or isinstance(result, Article)


@_settings(FEED_EXAMPLES)
@given(damaged_documents(ALL, max_steps=3, documents=FEEDS))
def test_damaged_feeds_give_an_outcome_per_item_or_fail_cleanly(case: Case) -> None:
    outcomes = _within_bounds(lambda: list(sinaparse.parse_feed(case.source)))
    for outcome in outcomes if isinstance(outcomes, list) else ():
        assert isinstance(outcome, sinaparse.Outcome)
        assert outcome.ok or isinstance(outcome.error, SinaParseError)
