"""The corpus the benchmark measures on: the posts of ``tests/corpus/posts``.

Each post is read once, with its expected file from ``tests/corpus/expected/``
if it has one, into a :class:`Post` that holds what each tool is given: the
post's bytes for sinaparse, the body wrapped as an HTML page for the peers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs

REPO_ROOT = Path(__file__).resolve().parent.parent
POSTS_DIR = REPO_ROOT / "tests" / "corpus" / "posts"
EXPECTED_DIR = REPO_ROOT / "tests" / "corpus" / "expected"


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
