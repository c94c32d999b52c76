"""Whether a body's HTML may hold what a boilerplate rule selects: its
``requires`` strings, looked for in the raw HTML before the rule's selector runs.

The look is a pre-check, so it must never say no where the rule would match.
The rules read the parsed tree, where a character reference is its character,
and a promo sentence or a label (``新浪财经APP``, ``相关新闻``) is read across tags
and white space; the raw HTML may write them so. Hence:

- a body holding a character reference other than the common ones (the
  aggregator's ``&#123;`` / ``&#125;``, ``&nbsp;``, ``&amp;``, ``&lt;``, ``&gt;``,
  ``&quot;``) may spell any needle: every rule runs on it;
- a needle of wide characters (CJK) is held when each of its characters is,
  and they follow each other with only tags, white space or ``&nbsp;``
  between them (``新浪财经 <b>APP</b>``).

The look is case-sensitive (a case-insensitive scan costs ten times more):
a rule that matches in any case (an attribute's name, which the parser
lower-cases; a host) lists its needle in lower and in upper case.

Most needles are absent: one wide character, found by ``memchr``, rules most
out; each scan is remembered for the body (rules share needles and characters).
"""

from __future__ import annotations

import functools
import re

from .._text import UNSEEN_TAGS

# A character reference that may stand for a needle's character.
# (A numeric one needs no ";": the parser reads &#26032 as 新.)
_UNCOMMON_REFERENCE = re.compile(
    r"&(?!(?:#12[35]|nbsp|amp|lt|gt|quot|#39);)(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;)"
)
# What may part two characters of a phrase in the raw HTML that its text
# reads as one (the rules run after scripts and styles are gone): white
# space, no-break spaces, comments, scripts and styles with their text, end
# tags (a stray </script> too), and start tags (their quoted values may hold
# ">"). The alternatives start apart, so that a failed search backtracks in
# linear time.
_UNSEEN_ELEMENT = "|".join(
    rf"<(?i:{tag})\b[^>]*>[^<]*(?:<(?!/(?i:{tag})\b)[^<]*)*</(?i:{tag})\s*>" for tag in UNSEEN_TAGS
)
_BETWEEN = (
    r"(?:\s|&nbsp;?|<!--(?:[^-]|-(?!->))*-->|<!(?!--)[^>]*>|</[A-Za-z][^<>]*>|"
    + _UNSEEN_ELEMENT
    + rf"|<(?!(?i:{'|'.join(UNSEEN_TAGS)})\b)[A-Za-z](?:[^<>\"']|\"[^\"]*\"|'[^']*')*>)*"
)
_ANY_REFERENCE = "\x00any reference"  # the key of the body's reference scan


def holds_any(html: str, needles: tuple[str, ...], present: dict[str, bool]) -> bool:
    """Whether ``html`` may hold one of ``needles``; ``present`` remembers the
    body's scans (one dict per body)."""
    # A loop, not any() of a generator: this runs for every rule of every body.
    for needle in needles:
        found = present.get(needle)
        if found is None:
            found = present[needle] = _holds(html, needle, present)
        if found:
            return True
    return False


def _holds(html: str, needle: str, present: dict[str, bool]) -> bool:
    wide = not needle.isascii()
    # Above U+00FF: both bytes of a UCS-2 code unit are rarely zero, which
    # keeps memchr on the character's low byte from stopping at every ASCII one.
    if wide:
        for character in _wide_characters(needle):
            if not _has(html, character, present):
                return _spells_any(html, present)
    if needle in html or _spells_any(html, present):
        return True
    return wide and _parted(needle).search(html) is not None


def _has(html: str, character: str, present: dict[str, bool]) -> bool:
    held = present.get(character)
    if held is None:
        held = present[character] = character in html
    return held


def _spells_any(html: str, present: dict[str, bool]) -> bool:
    """Whether ``html`` holds a reference that may stand for a needle's character."""
    spelled = present.get(_ANY_REFERENCE)
    if spelled is None:
        spelled = present[_ANY_REFERENCE] = _UNCOMMON_REFERENCE.search(html) is not None
    return spelled


@functools.lru_cache(maxsize=1024)
def _wide_characters(needle: str) -> str:
    return "".join(dict.fromkeys(character for character in needle if character > "\xff"))


@functools.lru_cache(maxsize=256)
def _parted(needle: str) -> re.Pattern[str]:
    """``needle``, its characters parted by what the text does not hold."""
    return re.compile(_BETWEEN.join(re.escape(character) for character in needle))
