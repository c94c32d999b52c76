"""Stage 4, the API: the pipelines written in one place; each stage's result goes to the next."""

from __future__ import annotations

import contextlib
import os

from lxml import etree

from ._body.clean import CleanBody, clean, comments_needed
from ._body.extract import extract_body
from ._body.html import drop_raw_text, parse_html
from ._build import build_article, build_page_article, first_url, page_url, with_read_warnings
from ._front_matter.fields import read_front_matter
from ._front_matter.item import read_item_front
from ._front_matter.page import read_page_front
from ._sources.feed import RawItem
from ._sources.page import read_page
from ._sources.post import split_post
from ._sources.read import read_file, read_source
from .article import Article, Body, ParseWarning
from .errors import FrontMatterError, OptionsError, SinaParseError
from .options import DEFAULT_OPTIONS, ParseOptions


def parse(source: str | bytes, *, options: ParseOptions | None = None) -> Article:
    """Parse one post: YAML front matter, then the HTML of a Sina body.

    Args:
        source: the post, as text or as bytes (UTF-8 with or without BOM, or GB18030).
        options: how to parse; see :class:`ParseOptions`. None is
            :data:`~sinaparse.DEFAULT_OPTIONS`.

    Raises:
        SinaParseError: the post cannot be read; ``line`` says where, when known.
    """
    options = DEFAULT_OPTIONS if options is None else options
    read: list[ParseWarning] = []  # what decoding changed (bad bytes replaced)
    text = read_source(source, max_bytes=options.max_bytes, warnings=read)
    post = split_post(text)
    front = read_front_matter(
        post.front_matter, first_line=post.front_matter_line, default_tz=options.default_tz
    )
    try:
        cleaned = _clean_body(post.body, options, options.base_url)
    except SinaParseError as error:
        raise error.with_position(line_offset=post.body_line - 1) from error.__cause__
    body = extract_body(cleaned, options.base_url)
    return build_article(front, body, cleaned, options.base_url, read_warnings=read)


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
        cleaned = _clean_body(text, options, options.base_url)
    except SinaParseError as error:
        raise error.with_position(line_offset=body_line - 1) from error.__cause__
    return with_read_warnings(extract_body(cleaned, options.base_url), read)


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
    options = DEFAULT_OPTIONS if options is None else options
    warnings: list[ParseWarning] = []  # what decoding changed first, as for a post
    page = read_page(html, max_bytes=options.max_bytes, warnings=warnings)
    front = read_page_front(page, default_tz=options.default_tz)
    address = page_url(front, url, warnings)
    base_url = options.base_url or address
    try:
        dropped = tuple(drop_raw_text(page.body))  # as a body's parse drops them
        cleaned = _cleaned(page.body, page.body_html, options, base_url, dropped, comments=None)
    except SinaParseError as error:
        raise error.with_position(line_offset=page.body_line - 1) from error.__cause__
    return build_page_article(front, extract_body(cleaned, base_url), address, warnings)


def parse_feed_item(item: RawItem, options: ParseOptions) -> Article:
    """One item of a feed (see :func:`sinaparse.parse_feed`): its link, title, date,
    author and categories, and its description read as a body.

    Raises:
        SinaParseError: the item cannot be read (or the feed broke at it).
    """
    if item.error is not None:
        raise item.error
    front = read_item_front(item, default_tz=options.default_tz)
    warnings: list[ParseWarning] = []
    address = first_url(front.url_candidates, options.base_url, warnings)
    body = _located_body(
        item.content or "", item.content_line, options.base_url or address, options
    )
    return build_page_article(front, body, address, warnings)


def _located_body(html: str, first_line: int, base_url: str | None, options: ParseOptions) -> Body:
    """The body in ``html``, a part of a larger document starting on ``first_line``."""
    read: list[ParseWarning] = []
    try:
        text = read_source(html, max_bytes=options.max_bytes, warnings=read)
    except SinaParseError as error:  # about the whole description, which starts there
        raise type(error)(error.reason, line=first_line) from error.__cause__
    try:
        cleaned = _clean_body(text, options, base_url)
    except SinaParseError as error:
        raise error.with_position(line_offset=first_line - 1) from error.__cause__
    return with_read_warnings(extract_body(cleaned, base_url), read)


def _clean_body(text: str, options: ParseOptions, base_url: str | None) -> CleanBody:
    # Comments are kept only where they carry data: a tree without them holds
    # each run of text in one piece (see clean.py).
    comments = comments_needed(text)
    tree = parse_html(text, comments=comments)
    return _cleaned(tree.root, text, options, base_url, tree.warnings, comments=comments)


def _cleaned(
    root: etree._Element,
    html: str,
    options: ParseOptions,
    base_url: str | None,
    warnings: tuple[ParseWarning, ...] = (),
    *,
    comments: bool | None = True,
) -> CleanBody:
    """``comments``: as for :func:`clean`; None for a tree that is part of a
    larger document (a page's container), which ``html`` cannot rebuild."""
    try:
        return clean(root, html, options.boilerplate, base_url, warnings, comments=comments)
    except etree.XPathError as exc:  # what a rule's checks could not see (boilerplate.py)
        raise OptionsError(f"a boilerplate rule failed on this body: {exc}") from exc
