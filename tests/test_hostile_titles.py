"""Titles holding many ``_phrase_`` to restore: linear work, the same result as one by one."""

from __future__ import annotations

import re
import time
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import _build
from sinaparse._build import restore_quoted_phrases

from .posts import make_post, paragraph
from .strategies import yaml_single_quoted
from .timing import growth

_WRAPPERS = (("“", "”"), ('"', '"'), ("[", "]"), ("<", ">"))
_PHRASE = re.compile(r"_([^_]{1,40})_")


def _one_by_one(title: str, texts: tuple[str, ...]) -> str | None:
    """The rule, written plainly (and in quadratic time): each phrase in turn."""
    pieces, end = [], 0
    for match in _PHRASE.finditer(title):
        phrase = match.group(1)
        found = [
            opening + phrase + closing
            for opening, closing in _WRAPPERS
            if any(opening + phrase + closing in text for text in texts)
        ]
        if len(found) == 1:
            pieces += [title[end : match.start()], found[0]]
            end = match.end()
    return "".join(pieces) + title[end:] if pieces else None


_PIECES = st.text(st.sampled_from('ab_“”"[]<> '), max_size=16)


@settings(max_examples=500, deadline=None)
@given(_PIECES, st.lists(_PIECES, max_size=3))
@example("迎来_开门红_和_开门红_", ("迎来“开门红”。",))
@example('_a"b_', ('x“a"b”', '"a"b"'))
@example("_b_", ('"a"b"',))  # quotes sharing a character
def test_phrases_are_restored_as_one_by_one(title: str, texts: list[str]) -> None:
    expected = _one_by_one(title, tuple(texts))
    assert restore_quoted_phrases(title, tuple(texts)) == expected
    # Titles of many phrases take one pass of the text per pair instead.
    with mock.patch.object(_build, "_MOST_PHRASES_SEARCHED_ONE_BY_ONE", 0):
        assert restore_quoted_phrases(title, tuple(texts)) == expected


def _many_phrases(n: int) -> tuple[str, tuple[str, ...]]:
    title = "，".join(f"_短语{i}_" for i in range(n))
    texts = tuple(f"他说“短语{i}”很重要，[短语{i + 1}]也是。" for i in range(n))
    return title, texts


def test_restoring_many_phrases_takes_linear_time() -> None:
    # n = 6000 takes about 20 ms; one by one, seconds, and a growth near 4. Linear
    # work measures 2 to 2.6 here: the larger sets outgrow the CPU caches.
    cases = {n: _many_phrases(n) for n in (6000, 12000)}
    assert growth(lambda n: restore_quoted_phrases(*cases[n]), 6000) <= 3.2


def test_many_phrases_holding_their_own_quotes_stay_linear() -> None:
    # The aggregator's titles never hold “ or ”; phrases that do are looked
    # for one by one, the first 8 only, and the others keep their "_".
    title = "，".join(f"_短”语{i}_" for i in range(4000))
    texts = tuple(f"“短”语{i}”" for i in range(4000))
    start = time.perf_counter()
    restored = restore_quoted_phrases(title, texts)
    assert time.perf_counter() - start < 0.5
    assert restored is not None
    assert restored.count("“短”语") == 8
    assert restored.count("_短”语") == 4000 - 8


def test_a_post_whose_title_quotes_the_body_is_restored() -> None:
    title = "基建迎来_开门红_，消费_回暖_"
    post = make_post(
        paragraph("基建迎来“开门红”。") + paragraph("消费“回暖”明显。"),
        title=yaml_single_quoted(title),
    )
    assert sinaparse.parse(post).title == "基建迎来“开门红”，消费“回暖”"
