"""What libxml2 would build of a body, bounded before it is built.

libxml2 gives each element, attribute, comment and run of text a node of
about 130 bytes, so that markup dense in tags (``<p>a</p>`` a million times)
makes a tree 30 times its size; and it adds each attribute at the end of its
element's list, in time quadratic in the element's attributes. Neither can be
set on lxml's parser, so the text is measured first:

- a body holding more than :data:`MAX_TAGS` ``<`` is refused: each element
  costs the walk microseconds, and 200,000 of them about a second;
- a body that could make more than :data:`MAX_NODES` nodes is refused. The
  bound counts, for each ``<``, a tag or comment and a run of text after it,
  and for each attribute, itself and its value: never below what libxml2
  makes, and about twice it on markup-dense bodies. The attributes are
  bounded first by the characters that can come before one (white space,
  ``/``, ``=``), which is cheap; only when that bound is too large are they
  counted, with the scan below;
- an element with more than :data:`MAX_ATTRIBUTES` attributes is refused. This
  needs a scan with libxml2's own tokenizer rules (HTML5: tags and attributes,
  comments, raw text, script data), made only when the body holds enough
  separators for such an element (more than 3,000): never on an ordinary post.
"""

from __future__ import annotations

import re

from ..errors import BodyError

MAX_ATTRIBUTES = 200
"""The most attributes an element may have (real ones have a dozen)."""
MAX_TAGS = 200_000
"""The most ``<`` (tags, comments) a body may hold: what takes the walk time."""
MAX_NODES = 1_200_000
"""The most nodes a body may make, as counted above: at most about 160 MB of tree."""

# Below this many characters that can start an attribute, no element can have
# enough attributes for libxml2's quadratic list to cost more than a few ms.
_SEPARATORS_WITHOUT_SCAN = 3000
# A body this short is not measured at all: it makes at most 16,000 nodes, and
# an element of it at most about 2,700 attributes (distinct names of two
# characters and a space; 11 ms). Most posts are this short.
_NOT_MEASURED = 8192
# What can come before an attribute: white space, "/", or the quote that ends
# the value before it (then counted by the "=" of that value). Line ends are
# "\n" here: the source's were normalised when it was read.
_SEPARATOR_CHARACTERS = " \n\t\f/="

# --- libxml2's tokenizer, as regular expressions ------------------------------
# Written for Python 3.10's re (no possessive quantifiers): every repetition
# takes the longest run and is followed by a look-ahead that refuses a shorter
# one, so that no input makes the engine backtrack more than a step.
_WS = r"[\t\n\f\r ]"
_TERM = r"(?=[\t\n\f\r />])"  # what ends a tag name
_NAME_TAIL = r"[^\t\n\f\r />]*(?![^\t\n\f\r />])"
_SEP = r"(?:[\t\n\f\r ]|/(?!>))+(?![\t\n\f\r ]|/(?!>))"
_VALUE = (
    r"(?:\"[^\"]*(?:\"|\Z)|'[^']*(?:'|\Z)"
    r"|(?![\"'])[^\t\n\f\r >]*(?![^\t\n\f\r >]))"
)
_ATTRIBUTE = (
    r"[^\t\n\f\r />][^\t\n\f\r />=]*(?![^\t\n\f\r />=])"
    rf"(?:{_WS}*={_WS}*(?!{_WS}){_VALUE}|(?!{_WS}*=))"
)
_PARTS = rf"(?:{_SEP}|{_ATTRIBUTE})*"
_TAG_END = r"(?:/?>)?"

_COMMENT = r"<!--(?:>|->|[^-]*(?:-(?!-!?>)[^-]*)*(?:--!?>)?)"
_DECLARATION = r"<![^>]*>?|<\?[^>]*>?"  # doctype, bogus comments
_END_TAG = rf"</(?:>|(?![A-Za-z])[^>]*>?|[A-Za-z]{_NAME_TAIL}{_PARTS}{_TAG_END})"
_TEXT = r"[^<]+|<(?![A-Za-z!/?])"

_RAW_TEXT = ("style", "xmp", "iframe", "noembed", "noframes", "textarea", "title")


def _raw_content(name: str) -> str:
    return rf"[^<]*(?:<(?!/(?i:{name})[\t\n\f\r />])[^<]*)*"


# Script data: <!-- … --> inside a script hides a </script> that follows a <script>.
_S_RUN = r"[^<]*(?:<(?!!--|/(?i:script)[\t\n\f\r />])[^<]*)*"
_E1_RUN = r"[^<-]*(?:(?:-(?!->)|<(?!/?(?i:script)[\t\n\f\r />]))[^<-]*)*"
_E2_RUN = r"[^<-]*(?:(?:-(?!->)|<(?!/(?i:script)[\t\n\f\r />]))[^<-]*)*"
_INTO_E2 = rf"<(?=(?i:script){_TERM})"
_ESCAPED = (
    rf"{_E1_RUN}(?:{_INTO_E2}{_E2_RUN}<(?=/(?i:script){_TERM}){_E1_RUN})*"
    rf"(?:{_INTO_E2}{_E2_RUN})?(?:-(?=->))?"
)
_SCRIPT_DATA = rf"{_S_RUN}(?:<(?=!--){_ESCAPED}{_S_RUN})*"


def _start_tags(parts: str) -> list[str]:
    """Start tags, each followed by the content libxml2 reads as raw text."""
    tags = [
        rf"<(?i:{name}){_TERM}{parts}(?:/>|>{content}|\Z)"
        for name, content in (
            *((name, _raw_content(name)) for name in _RAW_TEXT),
            ("script", _SCRIPT_DATA),
            ("plaintext", r"[\s\S]*"),
        )
    ]
    tags.append(rf"<[A-Za-z]{_NAME_TAIL}{parts}{_TAG_END}")
    return tags


def _few_parts(most: int) -> str:
    """A start tag's attributes and separators, at most ``2 * most + 1`` of them:
    ``most`` attributes written as usual, with space between them."""
    return rf"(?:{_SEP}|{_ATTRIBUTE}){{0,{2 * most + 1}}}(?=/?>|\Z)"


def tokens_of_few_attributes(most: int) -> re.Pattern[str]:
    """Up to 10,000 tokens of a body (a bounded number, so that the engine's
    stack stays small), no start tag with more than :func:`_few_parts`."""
    tokens = [_TEXT, _COMMENT, _DECLARATION, _END_TAG, *_start_tags(_few_parts(most))]
    # ASCII: (?i) must not match ſ for s, as Unicode case folding would.
    return re.compile("(?:" + "|".join(tokens) + "){1,10000}", re.ASCII)


_TOKENS_OF_FEW_ATTRIBUTES = tokens_of_few_attributes(MAX_ATTRIBUTES)
# A start tag, its attributes and separators its one group; or up to 10,000
# tokens that are no start tag. Matches follow each other without a gap, but
# before a start tag with too many attributes, which no alternative matches.
_START_TAG_OR_OTHERS = re.compile(
    "|".join(_start_tags(f"({_few_parts(MAX_ATTRIBUTES)})"))
    + rf"|(?:{_TEXT}|{_COMMENT}|{_DECLARATION}|{_END_TAG}){{1,10000}}",
    re.ASCII,
)
_ONE_ATTRIBUTE = re.compile(rf"(?:{_SEP})?{_ATTRIBUTE}", re.ASCII)


def check_markup(text: str) -> None:
    """Refuse a body whose tree would be too costly to build.

    Raises:
        BodyError: the body holds more than :data:`MAX_TAGS` tags, could make
            more than :data:`MAX_NODES` nodes, or has an element with more than
            :data:`MAX_ATTRIBUTES` attributes.
    """
    if len(text) <= _NOT_MEASURED:
        return
    brackets = text.count("<")
    tags = brackets - text.count("</")  # an end tag makes no element
    if tags > MAX_TAGS:
        raise BodyError(f"the body holds {tags:,} tags, more than {MAX_TAGS:,}: too many to read")
    separators = sum(map(text.count, _SEPARATOR_CHARACTERS))
    # Each "<" makes at most an element or comment and a run of text after it;
    # each attribute, itself and its value. html, head, body, an implied p.
    if 2 * brackets + 2 * separators + 4 > MAX_NODES:
        _count_nodes(text, 2 * brackets + 4)  # checks the attributes too
    elif separators > _SEPARATORS_WITHOUT_SCAN:
        _check_attributes(text)


# A page with fewer "=" than this has no element of too many attributes to
# matter (a few in a hundred thousand); one with more is checked tag by tag.
_PAGE_SEPARATORS_WITHOUT_SCAN = 20_000


def check_page_attributes(document: str | bytes, max_bytes: int) -> None:
    """Refuse a whole page with an element of more than :data:`MAX_ATTRIBUTES`
    attributes, before lxml parses it: libxml2 checks each attribute for a
    duplicate of the ones before it, in time quadratic in their number (80,000
    in one tag: 9 s). Other budgets are the page's own (``_sources/page_tree``).

    Raises:
        BodyError: such an element, with its line.
    """
    if not isinstance(document, (str, bytes, bytearray, memoryview)) or len(document) > max_bytes:
        return  # the page's reading refuses it
    if isinstance(document, str):
        if document.count("=") > _PAGE_SEPARATORS_WITHOUT_SCAN:
            _check_attributes(document)
    else:
        data = bytes(document)
        if data.count(b"=") > _PAGE_SEPARATORS_WITHOUT_SCAN:
            _check_attributes(data.decode("utf-8", "replace"))  # its markup is ASCII


def _check_attributes(text: str) -> None:
    position = 0
    while position < len(text):
        match = _TOKENS_OF_FEW_ATTRIBUTES.match(text, position)
        if match is None:
            raise _too_many_attributes(text, position)
        position = match.end()


def _count_nodes(text: str, nodes: int) -> None:
    """Add each attribute's two nodes to ``nodes``; refuse as soon as they are too many."""
    position = 0
    batch: list[str] = []
    for match in _START_TAG_OR_OTHERS.finditer(text):
        if match.start() != position:
            raise _too_many_attributes(text, position)
        position = match.end()
        if match.lastindex:
            batch.append(match.group(match.lastindex))
            if len(batch) == _BATCH:
                nodes += 2 * _attributes_in(batch)
                batch = []
                if nodes > MAX_NODES:
                    break
    if position != len(text) and nodes <= MAX_NODES:
        raise _too_many_attributes(text, position)
    if nodes + 2 * _attributes_in(batch) > MAX_NODES:
        raise BodyError(
            f"the body would make more than {MAX_NODES:,} nodes of markup and text: "
            "too large a tree to build"
        )


# Start tags' attributes are counted a few thousand at a time: one call of the
# engine, not one for each tag. ">" ends no attribute in a start tag but a
# quoted value, which the tag closes: it keeps the tags apart.
_BATCH = 4096


def _attributes_in(parts: list[str]) -> int:
    return _ONE_ATTRIBUTE.subn("", ">".join(parts))[1] if parts else 0


def count_attributes(text: str) -> int:
    """The attributes of the start tags of ``text`` (a body), as libxml2 reads them;
    for a body with no element of more than :data:`MAX_ATTRIBUTES` attributes."""
    return _attributes_in(
        [
            match.group(match.lastindex)
            for match in _START_TAG_OR_OTHERS.finditer(text)
            if match.lastindex
        ]
    )


def _too_many_attributes(text: str, position: int) -> BodyError:
    return BodyError(
        f"an element has more than {MAX_ATTRIBUTES} attributes: too costly to build",
        line=text.count("\n", 0, position) + 1,
    )
