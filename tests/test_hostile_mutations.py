"""Mutation tests with issue 12's fragments: the real corpus, with hostile pieces put in.

Each class of the issue has a mutation here, made of the fragments of
``tests/hostile_fragments.py``: raw-text tags, table pieces, the document's
structure (XML declarations, content after ``</html>``, deep nesting), image
URLs, huge numbers, YAML escapes, aliases and special scalars in the front
matter, zone-less times that daylight saving time makes ambiguous, and the
encodings a scraper may hand over. Each case is given to ``parse`` and
``parse_body`` and must keep the whole promise of ``tests/promise.py``: a
result or a ``SinaParseError``, within 2 s, and a result without markup,
without characters that are not text, with safe image URLs, whose
``to_dict()`` is JSON that ``from_dict`` reads back equal, whose ``repr``
works and that every writer writes.

A class that fails on the code of the day is marked ``xfail(strict=True)``
with the issue's class as reason, and pinned with an ``@example`` that fails,
so that the mark is right on every run, derandomised or not: when the fix
lands the test passes, strict xfail fails loudly, and the mark is removed.

Environment:

- ``SINAPARSE_MUTATION_SCALE=20`` runs 20 times the cases (a longer run, by hand).
- ``SINAPARSE_MUTATION_REPORT=/tmp/report.txt`` records every broken promise,
  one line a kind with the smallest input found, instead of failing: a survey
  of what the mutations find on the code of the day.
"""

from __future__ import annotations

import atexit
import os
import re
from collections.abc import Sequence
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from . import hostile_fragments as fragments
from . import test_mutations
from .promise import Outcome, Problem, Source, broken_promises, outcomes
from .test_mutations import CUTS, DOCUMENTS, Case, Mutation

FUZZ = Path(__file__).resolve().parent / "fuzz"


def _as_text(source: Source) -> str:
    return source.decode("utf-8", "surrogateescape") if isinstance(source, bytes) else source


def _like(original: Source, text: str) -> Source:
    """``text`` in the type of ``original``: bytes that were not UTF-8 come back as they were."""
    if isinstance(original, str):
        return text
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


def _body_start(text: str) -> int:
    found = _FRONT_MATTER.match(text)
    return found.end() if found else 0


def _body_fragment(kind: str) -> Mutation:
    """Insert a fragment of ``kind`` into the body, after a tag, once or many times."""

    def insert(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
        text = _as_text(source)
        at = draw(st.integers(_body_start(text), len(text)))
        if draw(st.booleans()):
            at = text.find(">", at) + 1 or len(text)  # after a tag: between elements
        fragment = draw(st.sampled_from(fragments.BODY_FRAGMENTS[kind]))
        times = draw(st.sampled_from([1, 1, 1, 2, 3, 20]))
        damaged = text[:at] + fragment * times + text[at:]
        return _like(source, damaged), f"insert {fragment[:60]!r} x{times} at {at}"

    insert.__name__ = f"insert_{kind}"
    return insert


# Lines that make the front matter invalid YAML, so that the line-by-line
# recovery reader reads what the other lines hold.
YAML_BREAKERS = ('broken: "他说"好""', "broken: a: b", "\tbroken: tab")
_MINIMAL_FRONT_MATTER = "---\ntitle: 标题\ndate: 2021-08-02 12:49:57\n"


def _front_matter_line(kind: str) -> Mutation:
    """Insert a line of ``kind`` into the front matter (a bare body gets one first)."""

    def insert(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
        text = _as_text(source)
        found = _FRONT_MATTER.match(text)
        if found is None:
            text = _MINIMAL_FRONT_MATTER + "---\n" + text
            found = _FRONT_MATTER.match(text)
            assert found is not None
        lines = text[found.start(1) : found.end(1)].split("\n")[:-1]
        starts = [found.start(1)]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        at = draw(st.sampled_from(starts))
        line = draw(st.sampled_from(fragments.FRONT_MATTER_LINES[kind]))
        if draw(st.integers(0, 3)) == 0:
            line += "\n" + draw(st.sampled_from(YAML_BREAKERS))
        damaged = text[:at] + line + "\n" + text[at:]
        return _like(source, damaged), f"front-matter line {line[:60]!r} at {at}"

    insert.__name__ = f"front_matter_{kind}"
    return insert


def reencode(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
    """The whole document in another encoding, as a scraper may save it."""
    encoding = draw(st.sampled_from(fragments.ENCODINGS))
    text = _as_text(source).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text.encode(encoding, "replace"), f"encode as {encoding}"


def damage_utf8(draw: st.DrawFn, source: Source) -> tuple[Source, str]:
    """One sequence that is not UTF-8 in UTF-8 bytes, perhaps of a long document."""
    data = source if isinstance(source, bytes) else _like(b"", source)
    assert isinstance(data, bytes)
    copies = draw(st.sampled_from([1, 1, 1, 8]))
    if copies > 1:  # a long post: the body written several times
        start = _body_start(_as_text(data))
        head = _like(b"", _as_text(data)[:start])
        assert isinstance(head, bytes)
        data = head + data[len(head) :] * copies
    at = draw(st.integers(0, len(data)))
    while at < len(data) and 0x80 <= data[at] < 0xC0:
        at += 1  # the start of a character, not the middle of one
    sequence = draw(st.sampled_from(fragments.BAD_UTF8))
    return data[:at] + sequence + data[at:], f"x{copies}, {sequence!r} at {at}"


# The classes of issue 12 and the mutations that make their members.
CLASSES: dict[str, tuple[Mutation, ...]] = {
    **{kind: (_body_fragment(kind),) for kind in fragments.BODY_FRAGMENTS},
    **{kind: (_front_matter_line(kind),) for kind in fragments.FRONT_MATTER_LINES},
    "encodings": (reencode, damage_utf8),
}
HOSTILE: tuple[Mutation, ...] = tuple(mutation for group in CLASSES.values() for mutation in group)


_DOCUMENT_INDICES = st.integers(0, len(DOCUMENTS) - 1)


@st.composite
def hostile_documents(draw: st.DrawFn, mutations: Sequence[Mutation], max_steps: int = 3) -> Case:
    """A corpus document after one to ``max_steps`` mutations, hostile ones first."""
    document = DOCUMENTS[draw(_DOCUMENT_INDICES)]
    source: Source = document.text.encode("utf-8") if draw(st.booleans()) else document.text
    steps = []
    chosen = draw(st.lists(st.sampled_from(mutations), min_size=1, max_size=max_steps))
    for mutation in chosen:
        source, step = mutation(draw, source)
        steps.append(step)
    return Case(source, document.name, tuple(steps))


# Surveying instead of failing ---------------------------------------------------

REPORT = os.environ.get("SINAPARSE_MUTATION_REPORT")
SCALE = float(os.environ.get("SINAPARSE_MUTATION_SCALE", "1"))


def _signature(outcome: Outcome, problem: Problem) -> str:
    """A kind of broken promise: the exception and where, or the check that failed."""
    if problem.kind == "crash" and outcome.error is not None:
        frames = []
        traceback = outcome.error.__traceback__
        while traceback is not None:
            code = traceback.tb_frame.f_code
            if f"{os.sep}sinaparse{os.sep}" in code.co_filename:
                frames.append(f"{Path(code.co_filename).name}:{code.co_name}")
            traceback = traceback.tb_next
        where = frames[-1] if frames else "?"
        return f"{outcome.function}: {type(outcome.error).__name__} at {where}"
    what = re.sub(r"\d+(\.\d+)?", "N", re.split(r"[:(]", problem.message)[0].strip())
    return f"{outcome.function}: {problem.kind}: {what}"


_SURVEY: dict[str, tuple[int, Source, str]] = {}


def _record(case: Case) -> None:
    for outcome in outcomes(case.source):
        for problem in outcome.problems:
            test = os.environ.get("PYTEST_CURRENT_TEST", "").split("::")[-1].split(" ")[0]
            signature = f"{test}\t{_signature(outcome, problem)}"
            seen = _SURVEY.get(signature)
            if seen is None or len(case.source) < len(seen[1]):
                _SURVEY[signature] = ((seen[0] if seen else 0) + 1, case.source, str(problem))
            else:
                _SURVEY[signature] = (seen[0] + 1, seen[1], seen[2])


def _write_report() -> None:
    assert REPORT
    lines = [
        f"{signature}\t{count}\t{problem!r}\t{source[:2000]!r}"
        for signature, (count, source, problem) in sorted(_SURVEY.items())
    ]
    Path(REPORT).write_text("\n".join(lines) + "\n", encoding="utf-8")


if REPORT:
    atexit.register(_write_report)


def check(case: Case) -> None:
    """The promise, or (with SINAPARSE_MUTATION_REPORT) a record of how it broke."""
    if REPORT:
        _record(case)
        return
    problems = broken_promises(case.source)
    assert problems == [], f"{case.origin} after {case.steps}:\n" + "\n".join(problems)


# The tests -----------------------------------------------------------------------

EXAMPLES_PER_CLASS = 300
STACKED_EXAMPLES = 1_000
TOTAL_EXAMPLES = EXAMPLES_PER_CLASS * len(CLASSES) + STACKED_EXAMPLES


def _settings(examples: int) -> settings:
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,  # the time bound is the promise's, per call
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def _document(name: str) -> str:
    return next(document.text for document in DOCUMENTS if document.name == name)


def _pinned(fragment: str, *, name: str = "sina_105_1-4月CPI_tiny.md") -> Case:
    """A corpus post with ``fragment`` put at the start of its body: an @example."""
    text = _document(name)
    at = _body_start(text)
    return Case(text[:at] + fragment + text[at:], name, (f"insert {fragment!r}",))


def _pinned_line(line: str, *, name: str = "sina_105_1-4月CPI_tiny.md") -> Case:
    """A corpus post with ``line`` as the last line of its front matter."""
    text = _document(name)
    found = _FRONT_MATTER.match(text)
    assert found is not None
    at = found.end(1)
    return Case(text[:at] + line + "\n" + text[at:], name, (f"front-matter line {line!r}",))


@_settings(EXAMPLES_PER_CLASS)
@given(hostile_documents(CLASSES["raw-text tags"]))
@example(_pinned("<xmp><p>标记</p></xmp>"))
def test_raw_text_tags_keep_the_promise(case: Case) -> None:
    check(case)


@_settings(EXAMPLES_PER_CLASS)
@given(hostile_documents(CLASSES["table pieces"]))
@example(_pinned("<table><tr><td colspan=²>格</td></tr></table>"))
def test_table_pieces_keep_the_promise(case: Case) -> None:
    check(case)


@_settings(EXAMPLES_PER_CLASS)
@given(hostile_documents(CLASSES["document structure"]))
@example(_pinned('<img src="https://n.sinaimg.cn/a.jpg</html>">'))
def test_document_structure_keeps_the_promise(case: Case) -> None:
    check(case)


@_settings(EXAMPLES_PER_CLASS)
@given(hostile_documents(CLASSES["URLs"]))
@example(_pinned('<img src="//javascript:alert(1)">'))
def test_image_urls_keep_the_promise(case: Case) -> None:
    check(case)


@_settings(EXAMPLES_PER_CLASS)
@given(hostile_documents(CLASSES["front-matter numbers"]))
@example(_pinned_line("n: " + "1" * 5000))
def test_front_matter_numbers_keep_the_promise(case: Case) -> None:
    check(case)


@_settings(EXAMPLES_PER_CLASS)
@given(hostile_documents(CLASSES["YAML escapes"]))
@example(_pinned_line(r'k: "a\x01b"'))
def test_yaml_escapes_keep_the_promise(case: Case) -> None:
    check(case)


@_settings(EXAMPLES_PER_CLASS)
@given(hostile_documents(CLASSES["YAML aliases"]))
def test_yaml_aliases_keep_the_promise(case: Case) -> None:
    check(case)


@_settings(EXAMPLES_PER_CLASS)
@given(hostile_documents(CLASSES["special scalars and duplicate keys"]))
def test_special_scalars_and_duplicate_keys_keep_the_promise(case: Case) -> None:
    check(case)


@_settings(EXAMPLES_PER_CLASS)
@given(hostile_documents(CLASSES["dates"]))
@example(_pinned_line("date: 1991-09-15 01:30:00"))
def test_ambiguous_and_missing_local_times_keep_the_promise(case: Case) -> None:
    check(case)


@_settings(EXAMPLES_PER_CLASS)
@given(hostile_documents(CLASSES["encodings"]))
def test_encodings_keep_the_promise(case: Case) -> None:
    check(case)


@_settings(STACKED_EXAMPLES)
@given(hostile_documents(HOSTILE + CUTS, max_steps=5))
@example(_pinned("<noembed><p>标记</p></noembed>"))
def test_hostile_fragments_together_keep_the_promise(case: Case) -> None:
    check(case)


def test_the_hostile_mutations_cover_every_class_of_the_issue() -> None:
    assert set(CLASSES) == {
        "raw-text tags",
        "table pieces",
        "document structure",
        "URLs",
        "front-matter numbers",
        "YAML escapes",
        "YAML aliases",
        "special scalars and duplicate keys",
        "dates",
        "encodings",
    }
    assert len(HOSTILE) == len(CLASSES) + 1  # encodings: re-encoding and damaged UTF-8


_DICTIONARY_ESCAPE = re.compile(rb"\\(?:x([0-9A-Fa-f]{2})|(.))")


def _dictionary_tokens() -> set[bytes]:
    """The tokens of the libFuzzer dictionary: ``"..."`` with ``\\xNN``, ``\\\\`` and ``\\"``."""
    tokens = set()
    for line in (FUZZ / "sinaparse.dict").read_bytes().splitlines():
        if line.startswith(b'"') and line.endswith(b'"'):
            tokens.add(
                _DICTIONARY_ESCAPE.sub(
                    lambda m: bytes([int(m[1], 16)]) if m[1] else m[2], line[1:-1]
                )
            )
    return tokens


SHORT_FRAGMENTS = [
    fragment
    for group in (*fragments.BODY_FRAGMENTS.values(), *fragments.FRONT_MATTER_LINES.values())
    for fragment in group
    if len(fragment.encode()) <= 64 and "\n" not in fragment
]


def dictionary_line(fragment: str) -> str:
    """``fragment`` as a line of a libFuzzer dictionary: printable ASCII as it is."""
    escaped = "".join(
        chr(byte) if 0x20 <= byte < 0x7F and chr(byte) not in '"\\' else f"\\x{byte:02x}"
        for byte in fragment.encode()
    )
    return f'"{escaped}"'


def test_the_fuzzer_dictionary_holds_every_short_fragment() -> None:
    # The fuzz target splices every fragment in with its own mutator; the
    # dictionary's tokens let libFuzzer's own mutations put them in too.
    tokens = _dictionary_tokens()
    missing = [dictionary_line(f) for f in SHORT_FRAGMENTS if f.encode() not in tokens]
    assert missing == [], "add to tests/fuzz/sinaparse.dict:\n" + "\n".join(missing)


def test_the_hostile_mutation_tests_and_the_others_run_at_least_ten_thousand_cases() -> None:
    assert TOTAL_EXAMPLES + test_mutations.TOTAL_EXAMPLES >= 10_000
