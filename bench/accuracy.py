"""Accuracy: how well each tool's text and date match the expected files.

Only the Sina posts that have ``tests/corpus/expected/<file name>.json`` are
judged, on the outputs that the speed runs kept: paragraphs exactly right,
boilerplate left in the text, the date right to the second with its UTC offset.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import attrs
from corpus_posts import Post
from speed import Timing

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
