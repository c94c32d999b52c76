"""The header of a Sina page: its headline, and the elements between the
headline and the article body that show the date, the source and the
breadcrumb, found by the classes and ids of Sina's templates.
"""

from __future__ import annotations

import re

from lxml import etree

from .._text import clean_text

HEADLINE_CLASSES = frozenset({"main-title", "art_tit_h1"})
HEADLINE_IDS = frozenset({"artibodyTitle"})
# The elements between the headline and the body that carry the metadata,
# by the class or id that names them.
HEADER_CLASSES: dict[str, str] = {
    "date-source": "date-source",
    "date": "date",
    "time-source": "time-source",
    "weibo_time": "date",
    "source": "source",
    "weibo_user": "source",
    "channel-path": "channel",
    "bread": "channel",
}
HEADER_IDS: dict[str, str] = {"pub_date": "date", "media_name": "source"}
# A shown time anywhere in the header, for templates whose date element is not
# known; ISO 8601's T between the day and the hour too (its offset: SHOWN_OFFSET).
SHOWN_TIME = re.compile(
    r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?(?:\s*|T)(\d{1,2})\s*[:：]\s*(\d{2})"
    r"(?:\s*[:：]\s*(\d{2}))?"
)
# The offset right after an ISO 8601 time (``2023-05-12T09:30:15+08:00``): with
# the T, the form is unambiguous, and its zone is the page's.
SHOWN_OFFSET = re.compile(r"(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})(?!\d)")


def headline_element(root: etree._Element) -> etree._Element | None:
    """The page's headline: a known template's ``h1``, else an ``h1`` named a title."""
    fallback = None
    for heading in root.iter("h1"):
        if classes_of(heading) & HEADLINE_CLASSES or heading.get("id") in HEADLINE_IDS:
            return heading
        names = f"{heading.get('class', '')} {heading.get('id', '')}".lower()
        if fallback is None and "title" in names:
            fallback = heading
    return fallback


def header_roles(branches: list[etree._Element]) -> dict[str, etree._Element]:
    """The first element of each role (date, source, channel…) before the body."""
    roles: dict[str, etree._Element] = {}
    for branch in branches:
        for element in branch.iter("*"):
            names = element.get("class")
            if names is not None:
                for name in names.split():
                    role = HEADER_CLASSES.get(name)
                    if role is not None:
                        roles.setdefault(role, element)
            identifier = element.get("id")
            if identifier is not None and identifier in HEADER_IDS:
                roles.setdefault(HEADER_IDS[identifier], element)
    return roles


def header_branches(headline: etree._Element | None, body: etree._Element) -> list[etree._Element]:
    """The subtrees where the date, source and breadcrumb are: the children of the
    headline's and the body's common ancestor before the one holding the body.
    Without a headline: what precedes the body at each level up, nearest first."""
    ancestors = [body, *body.iterancestors()]
    if headline is None:
        return [
            sibling
            for branch in ancestors
            for sibling in reversed(list(branch.itersiblings("*", preceding=True)))
        ]
    headline_line = {id(e) for e in (headline, *headline.iterancestors())}
    anchor = next((e for e in ancestors if id(e) in headline_line), None)
    if anchor is None or anchor is body:
        return [headline]
    branch = ancestors[ancestors.index(anchor) - 1]
    branches = []
    for child in anchor.iterchildren("*"):
        if child is branch:
            break
        branches.append(child)
    return branches


def header_date(
    header: dict[str, etree._Element], branches: list[etree._Element]
) -> tuple[str | None, str | None]:
    """The text of the element showing the date, and that element's name; else
    the first time shown anywhere between the headline and the body (a template
    whose date element is unknown), from ``the header``."""
    container = header.get("date-source")
    # The date in .date-source first: a .date elsewhere in the header may be a
    # widget's (today's date beside the breadcrumb).
    inner = _date_inside(container) if container is not None else None
    if inner is not None:
        return spaced_text(inner), _selector_of(inner)
    for role in ("time-source", "date"):
        if role in header:
            return spaced_text(header[role]), _selector_of(header[role])
    for branch in branches:
        shown = SHOWN_TIME.search(spaced_text(branch) or "")
        if shown is not None:
            return shown.group(), "the header"
    return None, None


def _date_inside(container: etree._Element) -> etree._Element | None:
    for element in container.iterdescendants("*"):
        names = element.get("class")
        if names is not None and any(HEADER_CLASSES.get(name) == "date" for name in names.split()):
            return element
    return None


def _selector_of(element: etree._Element) -> str:
    """The element as the header's tables know it: ``span.date``, ``div#pub_date``."""
    identifier = element.get("id")
    if identifier is not None and identifier in HEADER_IDS:
        return f"{element.tag}#{identifier}"
    known = [name for name in (element.get("class") or "").split() if name in HEADER_CLASSES]
    return f"{element.tag}.{known[0]}" if known else str(element.tag)


# A source written as text beside the date (``<span class="date">…</span>
# 来源：央视新闻``): only after its label, so that other text there is no source.
SOURCE_LABEL = re.compile(r"^来源\s*[:：]\s*")


def labelled_source(header: dict[str, etree._Element]) -> str | None:
    """The text of ``.date-source`` beside its date, when it is a labelled source."""
    container, date = header.get("date-source"), header.get("date")
    if container is None:
        return None
    text = " ".join(str(part) for part in container.itertext())
    if date is not None:
        text = text.replace(" ".join(str(part) for part in date.itertext()), " ", 1)
    text = clean_text(text.replace("\xa0", " "))
    return text if SOURCE_LABEL.match(text) else None


def spaced_text(element: etree._Element) -> str | None:
    """The element's text with its parts apart: ``<span>2005.08.26</span>05:39``."""
    text = clean_text(" ".join(str(part) for part in element.itertext()))
    return text or None


def classes_of(element: etree._Element) -> frozenset[str]:
    """The names in ``element``'s ``class`` attribute."""
    value = element.get("class")
    return frozenset(value.split()) if value else frozenset()
