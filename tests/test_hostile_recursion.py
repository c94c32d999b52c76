"""Issue 12, recursion: a deep body parses however little of Python's stack the
caller has left, and reading it takes time linear in its size."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from types import FrameType
from typing import TypeVar

import pytest

import sinaparse

from .posts import make_post

T = TypeVar("T")
FRAMES_LEFT = 100


def _frames_in_use() -> int:
    frame: FrameType | None = sys._getframe()
    count = 0
    while frame is not None:
        frame, count = frame.f_back, count + 1
    return count


def with_frames_left(frames: int, function: Callable[[], T]) -> T:
    """``function()`` called with only ``frames`` frames left before the recursion limit."""

    def down(levels: int) -> T:
        return function() if levels <= 0 else down(levels - 1)

    return down(sys.getrecursionlimit() - _frames_in_use() - frames)


def _nested_tables(levels: int) -> str:
    return "<table><tr><td>" * levels + "核心" + "</td></tr></table>" * levels


BODIES = {
    "div-254": "<div>" * 254 + "深处",
    "div-255": "<div>" * 255 + "深处",  # one past libxml2's limit
    "span-1000": "<span>" * 1000 + "深处",
    "b-2046": "<b>" * 2046 + "深处",  # libxml2's limit in huge-tree mode
    "b-2047": "<b>" * 2047 + "深处",
    "div-5000": "<div>" * 5000 + "深处" + "</div>" * 5000,
    "blockquote-254": "<blockquote>" * 254 + "深处",
    "p-in-li-1000": "<ul><li><p>" * 333 + "深处",
    "tables-84": _nested_tables(84),
    "tables-600": _nested_tables(600),
}


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_a_deep_body_parses_from_a_deep_stack(body: str) -> None:
    article = with_frames_left(FRAMES_LEFT, lambda: sinaparse.parse(make_post(body)))
    texts = list(article.paragraphs) + [
        cell.text
        for block in article.blocks
        if isinstance(block, sinaparse.Table)
        for row in block.rows
        for cell in row
    ]
    assert any("深处" in text or text == "核心" for text in texts)


def test_the_helper_really_leaves_few_frames() -> None:
    def recurse(levels: int) -> int:
        return levels if levels == 0 else recurse(levels - 1)

    with pytest.raises(RecursionError):
        with_frames_left(FRAMES_LEFT, lambda: recurse(FRAMES_LEFT + 10))


def _best_times(*functions: Callable[[], object], runs: int = 7) -> list[float]:
    """The best of ``runs`` times of each function, run in turn (so that a busy
    machine slows each alike), the collector off: its passes grow with the
    objects earlier tests left, not with the input."""
    best = [float("inf")] * len(functions)
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            for number, function in enumerate(functions):
                start = time.perf_counter()
                function()
                best[number] = min(best[number], time.perf_counter() - start)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize(
    ("make", "n"),
    [
        (lambda n: "<b>" * n + "x", 90_000),  # 2n under the 200,000 tags a body may hold
        (lambda n: "<div>" * n + "x" + "</div>" * n, 40_000),
        (lambda n: "<div><p>段</p>" * n, 12_000),
    ],
    ids=["unclosed-inline", "closed-blocks", "unclosed-blocks-with-text"],
)
def test_reading_a_body_too_deep_for_libxml2_is_linear(make: Callable[[int], str], n: int) -> None:
    small_body, large_body = make(n), make(2 * n)
    small, large = _best_times(
        lambda: sinaparse.parse_body(small_body), lambda: sinaparse.parse_body(large_body)
    )
    assert small > 0.01  # large enough to time
    assert large / small <= 2.5
