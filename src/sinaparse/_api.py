"""Stage 4, the API: the pipelines written in one place; each stage's result goes to the next."""

from __future__ import annotations

import os

from lxml import etree

from ._body.clean import CleanBody, clean
from ._body.extract import extract_body
from ._body.html import parse_html
from ._build import build_article, with_read_warnings
from ._front_matter.fields import read_front_matter
from ._sources.post import split_post
from ._sources.read import read_file, read_source
from .article import Article, Body, ParseWarning
from .errors import OptionsError, SinaParseError
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
        cleaned = _clean_body(post.body, options)
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

    Raises:
        SinaParseError: the body cannot be read.
    """
    options = DEFAULT_OPTIONS if options is None else options
    read: list[ParseWarning] = []
    text = read_source(html, max_bytes=options.max_bytes, warnings=read)
    cleaned = _clean_body(text, options)
    return with_read_warnings(extract_body(cleaned, options.base_url), read)


def _clean_body(text: str, options: ParseOptions) -> CleanBody:
    tree = parse_html(text)
    try:
        return clean(tree.root, text, options.boilerplate, options.base_url, tree.warnings)
    except etree.XPathError as exc:  # what a rule's checks could not see (boilerplate.py)
        raise OptionsError(f"a boilerplate rule failed on this body: {exc}") from exc
