"""Stage 4, the API: the pipelines written in one place; each stage's result goes to the next."""

from __future__ import annotations

import contextlib
import logging
import os

import attrs
from lxml import etree

from ._body.clean import CleanBody, clean, comments_needed
from ._body.extract import extract_body
from ._body.html import RAW_TEXT_TAGS, drop_raw_text, parse_html
from ._body.markup import check_page_attributes
from ._build import build_article, build_page_article, first_url, page_url, with_read_warnings
from ._data.urls import normalize_url
from ._front_matter.fields import read_front_matter
from ._front_matter.item import item_base, read_item_front
from ._front_matter.page import read_page_front
from ._sources.feed import RawItem
from ._sources.page import read_page
from ._sources.page_metas import BASE_ELEMENT
from ._sources.post import split_post
from ._sources.read import read_file, read_source
from .article import Article, Body, ParseWarning
from .boilerplate._removal import LOGGER, RAW_TEXT_STEP, Removal, log_parse, removal_of, shifted
from .errors import FrontMatterError, OptionsError, SinaParseError
from .options import DEFAULT_OPTIONS, ParseOptions

Removals = tuple[Removal, ...]
"""What a parse removed (empty unless it was asked to record it), in line order."""


def debugging() -> bool:
    # Once per parse, never per element: the normal parse records nothing.
    return LOGGER.isEnabledFor(logging.DEBUG)


def parse(source: str | bytes, *, options: ParseOptions | None = None) -> Article:
    """Parse one post: YAML front matter, then the HTML of a Sina body.

    Args:
        source: the post, as text or as bytes (UTF-8 with or without BOM, or GB18030).
        options: how to parse; see :class:`ParseOptions`. None is
            :data:`~sinaparse.DEFAULT_OPTIONS`.

    Raises:
        SinaParseError: the post cannot be read; ``line`` says where, when known.
    """
    record = debugging()
    article, removals = explained_post(source, options, record=record)
    if record:
        log_parse(removals, article.warnings)
    return article


def explained_post(
    source: str | bytes, options: ParseOptions | None, *, record: bool
) -> tuple[Article, Removals]:
    """:func:`parse`, and what it removed when ``record``."""
    options = DEFAULT_OPTIONS if options is None else options
    read: list[ParseWarning] = []  # what decoding changed (bad bytes replaced)
    text = read_source(source, max_bytes=options.max_bytes, warnings=read)
    post = split_post(text)
    front = read_front_matter(
        post.front_matter, first_line=post.front_matter_line, default_tz=options.default_tz
    )
    try:
        cleaned = _clean_body(post.body, options, options.base_url, record=record)
    except SinaParseError as error:
        raise error.with_position(line_offset=post.body_line - 1) from error.__cause__
    body = extract_body(cleaned, options.base_url)
    article = build_article(front, body, cleaned, options.base_url, read_warnings=read)
    return article, shifted(cleaned.removals, post.body_line - 1)


def parse_file(path: str | os.PathLike[str], *, options: ParseOptions | None = None) -> Article:
    """Parse the post in the file at ``path``; errors name the path.

    Raises:
        SinaParseError: the post cannot be read.
        OSError: the file cannot be opened.
    """
    options = DEFAULT_OPTIONS if options is None else options
    data = read_file(path, max_bytes=options.max_bytes)
    try:
        return parse(data, options=options)
    except SinaParseError as error:
        raise error.with_position(path=path) from error.__cause__


def parse_body(html: str | bytes, *, options: ParseOptions | None = None) -> Body:
    """Parse a bare Sina body: the inner HTML of an article page's ``#artibody``.

    Given a whole post (``---`` fences first), the front matter is skipped,
    never read as body text, with the warning ``front-matter-skipped``:
    :func:`parse` gives the post's Article.

    Raises:
        SinaParseError: the body cannot be read.
    """
    record = debugging()
    body, removals = explained_body(html, options, record=record)
    if record:
        log_parse(removals, body.warnings)
    return body


def explained_body(
    html: str | bytes, options: ParseOptions | None, *, record: bool
) -> tuple[Body, Removals]:
    """:func:`parse_body`, and what it removed when ``record``."""
    options = DEFAULT_OPTIONS if options is None else options
    read: list[ParseWarning] = []
    text = read_source(html, max_bytes=options.max_bytes, warnings=read)
    body_line = 1
    if text.lstrip("\n").startswith("---"):
        with contextlib.suppress(FrontMatterError):  # no closed fences: a body after all
            post = split_post(text)
            text, body_line = post.body, post.body_line
            read.append(ParseWarning("front-matter-skipped", _SKIPPED_FRONT_MATTER))
    try:
        cleaned = _clean_body(text, options, options.base_url, record=record)
    except SinaParseError as error:
        raise error.with_position(line_offset=body_line - 1) from error.__cause__
    body = with_read_warnings(extract_body(cleaned, options.base_url), read)
    return body, shifted(cleaned.removals, body_line - 1)


_SKIPPED_FRONT_MATTER = "the input starts with front matter: skipped; parse() reads a post whole"


def parse_page(
    html: str | bytes, *, url: str | None = None, options: ParseOptions | None = None
) -> Article:
    """Parse a whole Sina article page: its metadata, and its article body only.

    Args:
        html: the page as a spider saved it (bytes in the charset the page
            declares, GB2312 / GBK / UTF-8) or as text; as served or as saved
            by a browser.
        url: the page's address, used when the page names none (``og:url``,
            canonical link); it is also the base of relative picture URLs
            when ``options.base_url`` is unset.
        options: how to parse; None is :data:`~sinaparse.DEFAULT_OPTIONS`.

    Raises:
        SinaParseError: the page cannot be read, holds no article body
            (``BodyError``), or has no title or date (``FrontMatterError``).
    """
    record = debugging()
    article, removals = explained_page(html, url, options, record=record)
    if record:
        log_parse(removals, article.warnings)
    return article


def explained_page(
    html: str | bytes, url: str | None, options: ParseOptions | None, *, record: bool
) -> tuple[Article, Removals]:
    """:func:`parse_page`, and what it removed when ``record``: the template's
    parts, then the body's boilerplate; lines are the page's."""
    options = DEFAULT_OPTIONS if options is None else options
    warnings: list[ParseWarning] = []  # what decoding changed first, as for a post
    check_page_attributes(html, options.max_bytes)
    page = read_page(html, max_bytes=options.max_bytes, warnings=warnings, record=record)
    front = read_page_front(page, default_tz=options.default_tz)
    address = page_url(front, url, warnings)
    # As in a browser: the page's <base href> (resolved against its address),
    # else its address.
    base_url = options.base_url or normalize_url(page.meta.get(BASE_ELEMENT), address) or address
    try:
        raw = list(page.body.iter(*RAW_TEXT_TAGS)) if record else None
        dropped = tuple(drop_raw_text(page.body, raw))  # as a body's parse drops them
        cleaned = _cleaned(
            page.body, page.body_html, options, base_url, dropped, comments=None, record=record
        )
    except SinaParseError as error:
        raise error.with_position(line_offset=page.body_line - 1) from error.__cause__
    article = build_page_article(front, extract_body(cleaned, base_url), address, warnings)
    raw_removals = tuple(removal_of(*RAW_TEXT_STEP, element) for element in raw or ())
    return article, shifted(page.removals + raw_removals + cleaned.removals, 0)


def parse_feed_item(item: RawItem, options: ParseOptions) -> Article:
    """One item of a feed (see :func:`sinaparse.parse_feed`): its link, title, date,
    author and categories, and its description read as a body.

    Raises:
        SinaParseError: the item cannot be read (or the feed broke at it).
    """
    record = debugging()
    article, removals = explained_feed_item(item, options, record=record)
    if record:
        log_parse(removals, article.warnings)
    return article


def explained_feed_item(
    item: RawItem, options: ParseOptions, *, record: bool
) -> tuple[Article, Removals]:
    """:func:`parse_feed_item`, and what it removed when ``record``; lines are the feed's."""
    if item.error is not None:
        raise item.error
    front = read_item_front(item, default_tz=options.default_tz)
    warnings: list[ParseWarning] = []
    base = item_base(item, options.base_url)
    address = first_url(front.url_candidates, base, warnings)
    body, removals = _located_body(
        item.content or "", item.content_line, options.base_url or address or base, options, record
    )
    return build_page_article(front, body, address, warnings), removals


def _located_body(
    html: str, first_line: int, base_url: str | None, options: ParseOptions, record: bool
) -> tuple[Body, Removals]:
    """The body in ``html``, a part of a larger document starting on ``first_line``."""
    read: list[ParseWarning] = []
    try:
        text = read_source(html, max_bytes=options.max_bytes, warnings=read)
    except SinaParseError as error:  # about the whole description, which starts there
        raise type(error)(error.reason, line=first_line) from error.__cause__
    try:
        cleaned = _clean_body(text, options, base_url, record=record)
    except SinaParseError as error:
        raise error.with_position(line_offset=first_line - 1) from error.__cause__
    body = with_read_warnings(extract_body(cleaned, base_url), read)
    return body, shifted(cleaned.removals, first_line - 1)


def _clean_body(
    text: str, options: ParseOptions, base_url: str | None, *, record: bool = False
) -> CleanBody:
    # Comments are kept only where they carry data: a tree without them holds
    # each run of text in one piece (see clean.py). A recording parse keeps them
    # to list them, and cleans them away as a body with data comments is cleaned.
    comments = record or comments_needed(text)
    tree = parse_html(text, comments=comments)
    cleaned = _cleaned(
        tree.root, text, options, base_url, tree.warnings, comments=comments, record=record
    )
    if not (record and tree.raw_text):
        return cleaned
    raw = tuple(removal_of(*RAW_TEXT_STEP, element) for element in tree.raw_text)
    return attrs.evolve(cleaned, removals=raw + cleaned.removals)


def _cleaned(
    root: etree._Element,
    html: str,
    options: ParseOptions,
    base_url: str | None,
    warnings: tuple[ParseWarning, ...] = (),
    *,
    comments: bool | None = True,
    record: bool = False,
) -> CleanBody:
    """``comments``: as for :func:`clean`; None for a tree that is part of a
    larger document (a page's container), which ``html`` cannot rebuild."""
    try:
        return clean(
            root, html, options.boilerplate, base_url, warnings, comments=comments, record=record
        )
    except etree.XPathError as exc:  # what a rule's checks could not see (boilerplate.py)
        raise OptionsError(f"a boilerplate rule failed on this body: {exc}") from exc
