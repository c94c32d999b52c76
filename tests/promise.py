"""The library's promise on any input, as a check that lists what it breaks.

Any ``str`` or ``bytes`` given to :func:`sinaparse.parse` or
:func:`sinaparse.parse_body` gives an Article (a Body) or a ``SinaParseError``,
never another exception, within :data:`SECONDS`; and a result

- holds no markup in its body's text (unless the input wrote ``<`` escaped),
- holds no character that is not text (C0 controls but tab and line ends,
  DEL, U+FFFE, U+FFFF, lone surrogates) anywhere in ``to_dict()``,
- has only image URLs that are absolute http(s), with a host, a valid port
  and no character that must be escaped in a URL (``<``, ``"``, a space, …),
- passes ``json.dumps(result.to_dict(), allow_nan=False)`` and comes back
  equal through ``from_dict``, has a ``repr``, and (an Article) goes through
  the writers of :data:`sinaparse.outputs.WRITERS`, each within SECONDS and in
  text not much longer than the result's JSON.

Each broken promise is a :class:`Problem` of a :data:`KINDS` kind, so that a
report can group what it finds (the fuzz target's crash signatures do). No ``!!python/...`` tag may ever be
constructed: the hostile fragments name :func:`hostile_fragments.construct`,
which records a call.

Plain Python on purpose: ``tests/fuzz/fuzz_parse.py`` runs the same check under
atheris, where neither pytest nor Hypothesis is installed.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import attrs

import sinaparse
from sinaparse import Article, Body, Figure, Image, SinaParseError, Table
from sinaparse.outputs import WRITERS

from . import hostile_fragments

SECONDS = 2.0
"""The bound on one call: pathological slowness, not a benchmark."""

GIVE_UP_SECONDS = 2 * SECONDS
"""A call still running after this is interrupted (where a timer can): a
blow-up (a quadratic loop, a table of 10^8 cells) must fail a test, not hang it."""

USE_TIMER = True
"""False where something else owns SIGALRM: libFuzzer's ``-timeout`` does, under atheris."""

Source = str | bytes

KINDS = (
    "crash",
    "time",
    "markup",
    "not-text",
    "url",
    "json",
    "round-trip",
    "writer",
    "constructed",
)
"""The kinds of broken promise, in the order they are checked."""

# The start of a tag or an end tag: "<" or "</", then a letter ("</" alone, as
# a truncated document ends, is text to the HTML parser too).
MARKUP = re.compile(r"</?[A-Za-z]")
# A "<" that the document's text holds, not its markup: written as a
# character reference, or followed by what starts no tag ("<<", "< ", "<1",
# "</" then no letter). Then "<p" in a paragraph may be the document's own
# text ("<<!---->p>" reads as the text "<p>"), and the markup check is off.
LESS_THAN_AS_TEXT = re.compile(
    r"&(?:lt|#0*60|#x0*3c)|<(?![A-Za-z/!?])|</(?![A-Za-z])", re.IGNORECASE
)
LESS_THAN_AS_TEXT_BYTES = re.compile(
    rb"&(?:lt|#0*60|#x0*3c)|<(?![A-Za-z/!?])|</(?![A-Za-z])", re.IGNORECASE
)
# Not text, as JSON written with ensure_ascii=False shows it: JSON escapes C0
# controls (\u0001, \b, \f; tab and line ends are text) and writes DEL,
# U+FFFE, U+FFFF and lone surrogates as they are. A backslash of the text
# itself is doubled: an escape is one after an odd number of backslashes.
NOT_TEXT_IN_JSON = re.compile(
    r"(\\+)(?:u00(?:0[0-8bcef]|1[0-9a-f])|[bf])|[\x7f\ufffe\uffff\ud800-\udfff]"
)
# Characters a URL must escape (RFC 3986 leaves them out; "'" is one of its
# sub-delimiters): as they are, they end an HTML attribute or a Markdown link,
# start markup, or (a backslash) make a browser read another host.
URL_UNSAFE = re.compile(r"[\s<>\"`{}|\\^\x00-\x1f\x7f]")


@attrs.frozen
class Problem:
    """One broken promise: its kind (one of :data:`KINDS`) and what was seen."""

    kind: str
    message: str

    def __str__(self) -> str:
        return self.message[:300]


@attrs.frozen
class Outcome:
    """What one entry point did with one input."""

    function: str
    result: Body | None
    error: BaseException | None
    seconds: float
    problems: tuple[Problem, ...]


class Overtime(BaseException):
    """Raised into a call that outlived :data:`GIVE_UP_SECONDS`.

    A BaseException, so that no ``except Exception`` of the library swallows it.
    """


def _interrupt(signum: int, frame: object) -> None:
    raise Overtime


@contextlib.contextmanager
def give_up_after(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` with SIGALRM, in the main thread of a
    POSIX process; elsewhere (or without :data:`USE_TIMER`) it runs to its end.

    Python code is interrupted at once; a long call into C only when it returns.
    """
    if (
        not USE_TIMER
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def markup_may_be_text(source: Source) -> bool:
    """True when ``source`` holds a ``<`` as text somewhere (see LESS_THAN_AS_TEXT).

    Bytes are searched without their NUL bytes, so that UTF-16 and UTF-32 are
    searched too; every other encoding sinaparse meets is ASCII-compatible.
    """
    if isinstance(source, bytes):
        return LESS_THAN_AS_TEXT_BYTES.search(source.replace(b"\x00", b"")) is not None
    return LESS_THAN_AS_TEXT.search(source) is not None


def body_texts(result: Body) -> Iterator[str]:
    """The texts a body's markup can reach: paragraphs, cells, captions, metadata lines."""
    yield from result.paragraphs
    for block in result.blocks:
        if isinstance(block, Table):
            yield from (cell.text for row in block.rows for cell in row)
            if block.caption:
                yield block.caption
    yield from (image.caption for image in result.images if image.caption)
    yield from (text for text in (result.original_title, result.source, result.editor) if text)


def image_urls(result: Body) -> Iterator[str]:
    images: list[Image] = list(result.images)
    images += [block.image for block in result.blocks if isinstance(block, Figure)]
    if isinstance(result, Article):
        images += [image for image in (result.head_image, result.thumbnail) if image]
    yield from (image.url for image in images)


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a safe absolute http(s) URL, or None."""
    if URL_UNSAFE.search(url):
        return f"image URL holds a character to escape: {url[:120]!r}"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  # raises for a port that is no number or over 65535
    except ValueError as error:
        return f"image URL has an invalid host or port ({error}): {url[:120]!r}"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"image URL is not absolute http(s): {url[:120]!r}"
    return None


def not_text_in_json(written: str) -> str | None:
    """Where the JSON text ``written`` holds a character that is not text, or None."""
    for found in NOT_TEXT_IN_JSON.finditer(written):
        if found[1] is None or len(found[1]) % 2:
            return written[max(0, found.start() - 40) : found.end() + 40]
    return None


def result_problems(result: Body, *, check_markup: bool = True) -> list[Problem]:
    """Every way ``result`` breaks the promise; empty when it keeps it."""
    problems: list[Problem] = []
    if check_markup:
        problems += [
            Problem("markup", f"markup in the text: {text[:120]!r}")
            for text in body_texts(result)
            if MARKUP.search(text)
        ]
    problems += [Problem("url", found) for url in image_urls(result) if (found := url_problem(url))]
    try:
        repr(result)
        written = json.dumps(result.to_dict(), allow_nan=False, ensure_ascii=False)
    except (TypeError, ValueError, OverflowError, RecursionError) as error:
        message = f"repr, to_dict or json.dumps raised {type(error).__name__}: {error}"
        return [*problems, Problem("json", message)]
    if (context := not_text_in_json(written)) is not None:
        problems.append(Problem("not-text", f"not text in to_dict(): {context!r}"))
    try:
        back = type(result).from_dict(json.loads(written))
    except (TypeError, ValueError, KeyError) as error:
        problems.append(Problem("round-trip", f"from_dict raised {type(error).__name__}: {error}"))
    else:
        if back != result:
            problems.append(Problem("round-trip", "from_dict(to_dict(result)) != result"))
    if isinstance(result, Article):
        problems += writer_problems(
            result, room=max(WRITTEN_AT_LEAST, WRITTEN_PER_JSON * len(written))
        )
    return problems


# "jsonl" and "json" are json.dumps of to_dict(), which result_problems has
# written already (with allow_nan=False, stricter than they are): left out
# for speed, since this check runs on every mutated case.
CHECKED_WRITERS = tuple((name, WRITERS[name]) for name in ("csv", "markdown", "text"))


# A writer's text is about as long as the article's JSON: far longer is an
# amplification (a cell of rowspan=9999 colspan=9999 written 10^8 times).
WRITTEN_PER_JSON = 20
WRITTEN_AT_LEAST = 100_000


def writer_problems(article: Article, *, room: int | None = None) -> list[Problem]:
    """Each writer writes the article, in time, as text a UTF-8 file can hold,
    and (given ``room``) in at most ``room`` characters."""
    problems = []
    for name, write in CHECKED_WRITERS:
        stream = io.StringIO()
        start = time.perf_counter()
        try:
            with give_up_after(GIVE_UP_SECONDS):
                write([article], stream)
            written = stream.getvalue()
            written.encode("utf-8")
            if room is not None and len(written) > room:
                problems.append(
                    Problem("writer", f"writer {name} wrote {len(written):,} characters")
                )
        except (TypeError, ValueError, OverflowError, RecursionError) as error:
            problems.append(
                Problem("writer", f"writer {name} raised {type(error).__name__}: {error}")
            )
        except Overtime:
            problems.append(
                Problem("writer", f"writer {name} stopped after {GIVE_UP_SECONDS:.0f} s")
            )
        seconds = time.perf_counter() - start
        if seconds > SECONDS:
            problems.append(Problem("writer", f"writer {name} took {seconds:.2f} s"))
    return problems


ENTRY_POINTS: tuple[tuple[Callable[[Source], Body], type[Body]], ...] = (
    (sinaparse.parse, Article),
    (sinaparse.parse_body, Body),
)


def _call(
    parse: Callable[[Source], Body], source: Source
) -> tuple[Body | None, BaseException | None]:
    try:
        with give_up_after(GIVE_UP_SECONDS):
            return parse(source), None
    except SinaParseError as refused:
        return None, refused
    except Exception as crash:  # the promise broken: reported, not raised
        return None, crash
    except Overtime:
        return None, TimeoutError(f"stopped after {GIVE_UP_SECONDS:.0f} s")


def outcomes(source: Source) -> Iterator[Outcome]:
    """Give ``source`` to both entry points; what each did, and what it broke.

    Any exception but a ``SinaParseError`` is caught and reported as a
    ``crash`` (and kept in ``error``), so that a caller can tell crashes apart.
    """
    check_markup = not markup_may_be_text(source)
    for parse, result_type in ENTRY_POINTS:
        del hostile_fragments.CONSTRUCTED[:]
        start = time.perf_counter()
        result, error = _call(parse, source)
        seconds = time.perf_counter() - start
        problems = []
        if error is not None and not isinstance(error, SinaParseError):
            problems.append(Problem("crash", f"raised {type(error).__name__}: {error}"))
        if seconds > SECONDS:
            problems.append(Problem("time", f"took {seconds:.2f} s"))
        if result is not None:
            if not isinstance(result, result_type):
                problems.append(Problem("crash", f"gave a {type(result).__name__}"))
            problems += result_problems(result, check_markup=check_markup)
        if hostile_fragments.CONSTRUCTED:
            constructed = f"a python tag was constructed: {hostile_fragments.CONSTRUCTED!r}"
            problems.append(Problem("constructed", constructed))
        yield Outcome(parse.__name__, result, error, seconds, tuple(problems))


def broken_promises(source: Source) -> list[str]:
    """``"parse: problem"`` for each problem of each entry point; empty when the
    promise is kept."""
    return [
        f"{outcome.function}: {problem}"
        for outcome in outcomes(source)
        for problem in outcome.problems
    ]
