"""A post's text splits into its front matter and its body."""

from __future__ import annotations

import re

import attrs

from ..errors import FrontMatterError

_FENCE = "---"
# A line of its own: YAML's document end ("...") closes the front matter too.
_CLOSER = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@attrs.frozen
class SplitPost:
    """A post cut in two, with where each part starts."""

    front_matter: str
    """The YAML between the fences."""
    front_matter_line: int
    """The 1-based line of the document the YAML starts on."""
    body: str
    """Everything after the closing fence."""
    body_line: int
    """The 1-based line of the document the body starts on."""


def split_post(text: str) -> SplitPost:
    """Cut ``text`` at its ``---`` fences.

    Blank lines may come before the opening fence (the aggregator writes one).

    Raises:
        FrontMatterError: there is no opening fence, or it is never closed.
    """
    stripped = text.lstrip("\n")
    skipped = len(text) - len(stripped)
    first_line, _, rest = stripped.partition("\n")
    if first_line.rstrip() != _FENCE:
        raise FrontMatterError(
            f"no front matter: the post must start with a '---' line, not {first_line[:40]!r}",
            line=skipped + 1,
        )
    yaml_line = skipped + 2
    closer = _CLOSER.search(rest)
    if closer is None:
        raise FrontMatterError("front matter is never closed by a '---' line", line=skipped + 1)
    closer_line = yaml_line + rest.count("\n", 0, closer.start())
    return SplitPost(rest[: closer.start()], yaml_line, rest[closer.end() + 1 :], closer_line + 1)
