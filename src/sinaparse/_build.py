"""Stage 3, the build: the front matter's fields and the body's become an Article."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import attrs

from ._body.clean import CleanBody
from ._data.urls import image_size, normalize_url
from ._front_matter.fields import FrontMatter
from ._front_matter.page import PageFront
from ._text import without_markup
from .article import Article, Body, Image, ParseWarning
from .boilerplate.placeholders import placeholder_host

# The characters the aggregator replaces by "_" in titles (see the corpus notes).
_REPLACED_IN_TITLES = frozenset(':/\\?*“”<>|[]"')
# What stands between a title and a suffix the feed cut from it: 标题|系列之二.
_SUFFIX_SEPARATOR = re.compile(r"\s*(?:[|丨｜：:]|——|\s)")


def build_article(
    front: FrontMatter,
    body: Body,
    cleaned: CleanBody,
    base_url: str | None,
    *,
    read_warnings: Sequence[ParseWarning] = (),
) -> Article:
    """Put the two halves together; say where one half corrected the other.

    ``read_warnings`` (what decoding the source changed) come first.
    """
    warnings = [*read_warnings, *front.warnings]
    title = front.title
    restored = restore_title(title, body.original_title) if body.original_title else None
    how = "from 原标题"
    if restored is None and "_" in title:
        restored = restore_quoted_phrases(title, (body.original_title or "", *body.paragraphs))
        how = "from the phrases the article quotes"
    if restored is not None:
        warnings.append(ParseWarning("title-restored", f"title {_shown(title)} restored {how}"))
        title = restored
    elif "_" in title:
        warnings.append(
            ParseWarning("title-underscore", f"title {_shown(title)} may hold the aggregator's _")
        )
    head_image = _front_image("headimg", front.head_image_url, body, cleaned, base_url, warnings)
    thumbnail = _front_image("thumbnail", front.thumbnail_url, body, cleaned, base_url, warnings)
    url = first_url(post_url_candidates(front.extra), base_url, warnings)
    return Article(
        title=title,
        date=front.date,
        categories=front.categories,
        author=without_markup(front.author),
        comments=front.comments,
        head_image=head_image,
        thumbnail=thumbnail,
        extra=front.extra,
        url=url,
        paragraphs=body.paragraphs,
        blocks=body.blocks,
        images=body.images,
        stocks=body.stocks,
        original_title=body.original_title,
        source=body.source,
        editor=body.editor,
        credits=body.credits,
        warnings=tuple(warnings) + body.warnings,
    )


def _shown(text: str) -> str:
    # A warning names a title, not a megabyte of one.
    return repr(text) if len(text) <= 200 else f"{text[:200]!r}… ({len(text):,} characters)"


def with_read_warnings(body: Body, read_warnings: Sequence[ParseWarning]) -> Body:
    """``body`` with what decoding its source changed first among its warnings."""
    if not read_warnings:
        return body
    return attrs.evolve(body, warnings=(*read_warnings, *body.warnings))


def restore_title(title: str, original: str) -> str | None:
    """``title`` with the aggregator's ``_`` undone from ``original``, or None.

    ``original`` (or its start, where the feed cut a suffix after a separator)
    must match ``title`` character for character, every difference being a
    ``_`` in ``title`` where ``original`` has a character the aggregator replaces.

    >>> restore_title("1049元_斤！", "1049元/斤！")
    '1049元/斤！'
    >>> restore_title("_入世_20年", "“入世”20年|新京报系列评论之二")
    '“入世”20年'
    >>> restore_title("A_B", "A-B") is None
    True
    """
    if "_" not in title or len(original) < len(title):
        return None
    head, rest = original[: len(title)], original[len(title) :]
    if rest and not _SUFFIX_SEPARATOR.match(rest):
        return None
    matches = all(
        kept == true or (kept == "_" and true in _REPLACED_IN_TITLES)
        for kept, true in zip(title, head, strict=True)
    )
    return head if matches else None


# The pairs of replaced characters a phrase was most likely wrapped in.
_PHRASE_WRAPPERS = (("“", "”"), ('"', '"'), ("[", "]"), ("<", ">"))
_UNDERSCORED_PHRASE = re.compile(r"_([^_]{1,40})_")
# Each place a text quotes something in one pair, found in one pass. The
# quoted part holds neither character of its pair (nor "_", which no phrase
# holds), so each opening character starts at most one of them, and two never
# overlap, except where a pair's two characters are one ("a"b"): a lookahead
# finds those, at some cost, since it is tried at every character.
_QUOTED_IN_PAIR = tuple(
    (
        opening,
        re.compile(
            ("(?=({}))" if opening == closing else "({})").format(
                f"{re.escape(opening)}[^_{re.escape(opening + closing)}]{{1,40}}"
                f"{re.escape(closing)}"
            )
        ),
    )
    for opening, closing in _PHRASE_WRAPPERS
)
_WRAPPER_CHARACTERS = frozenset('“”"[]<>')
# A few phrases (nearly every title) are each looked for in the text, a fast
# search; more take one pass of the text per pair. Phrases that hold a
# character of their pair (never in the aggregator's titles, which have none
# left) are then still looked for one by one: the first few only, so that the
# work stays linear.
_MOST_PHRASES_SEARCHED_ONE_BY_ONE = 8
_MOST_PHRASES_WITH_QUOTES = 8


def restore_quoted_phrases(title: str, texts: tuple[str, ...]) -> str | None:
    """``title`` with each ``_phrase_`` restored to ``“phrase”`` (or another pair of
    replaced characters) where the article's text quotes the phrase so; None if
    no phrase could be restored. Linear in the length of the title and texts.

    >>> restore_quoted_phrases("1-2月经济数据远超预期，基建迎来_开门红_", ("迎来“开门红”。",))
    '1-2月经济数据远超预期，基建迎来“开门红”'
    """
    phrases = set(_UNDERSCORED_PHRASE.findall(title))
    if not phrases:
        return None
    # No quoted phrase holds "_": none spans two texts joined by it.
    quoted = _quoted_phrases("_".join(texts), phrases)
    if not quoted:
        return None
    # Each phrase the text quotes in exactly one pair, with that quoted form.
    pairs_of: dict[str, list[str]] = {}
    for form in quoted:
        pairs_of.setdefault(form[1:-1], []).append(form)
    restoring = {phrase: forms[0] for phrase, forms in pairs_of.items() if len(forms) == 1}
    restored = _UNDERSCORED_PHRASE.sub(
        lambda match: restoring.get(match.group(1), match.group()), title
    )
    return restored if restored != title else None


def _quoted_phrases(text: str, phrases: set[str]) -> set[str]:
    """The quoted forms (``“phrase”``…) of ``phrases`` that ``text`` holds."""
    if len(phrases) <= _MOST_PHRASES_SEARCHED_ONE_BY_ONE:
        return {
            form
            for phrase in phrases
            for opening, closing in _PHRASE_WRAPPERS
            if (form := opening + phrase + closing) in text
        }
    quoted = {
        form
        for opening, quotes in _QUOTED_IN_PAIR
        if opening in text
        for found in quotes.finditer(text)
        if (form := found.group(1))[1:-1] in phrases
    }
    with_quotes = [phrase for phrase in phrases if not _WRAPPER_CHARACTERS.isdisjoint(phrase)]
    for phrase in sorted(with_quotes)[:_MOST_PHRASES_WITH_QUOTES]:
        quoted.update(
            opening + phrase + closing
            for opening, closing in _PHRASE_WRAPPERS
            if opening + phrase + closing in text
        )
    return quoted


def _invalid_front_image(key: str, raw_url: str, base_url: str | None) -> ParseWarning:
    scheme_or_host = raw_url.split("/", 1)[0]
    relative = ":" not in scheme_or_host and not raw_url.startswith("//")
    why = " (relative, and no base_url)" if relative and base_url is None else ""
    return ParseWarning(
        "head-image-invalid",
        f"{key} {raw_url[:200]!r} dropped: no absolute http(s) URL a browser can reach"
        f" (a valid host and port, no user:pass@){why}",
    )


def _front_image(
    key: str,
    raw_url: str | None,
    body: Body,
    cleaned: CleanBody,
    base_url: str | None,
    warnings: list[ParseWarning],
) -> Image | None:
    url = normalize_url(raw_url, base_url)
    if url is None:
        if raw_url and raw_url.strip():  # said as url-invalid says it of the article's address
            warnings.append(_invalid_front_image(key, raw_url.strip(), base_url))
        return None
    if url in cleaned.dropped_image_urls:
        warnings.append(
            ParseWarning("head-image-boilerplate", f"{key} {url} is a promo picture: dropped")
        )
        return None
    host = placeholder_host(url)
    if host is not None and all(image.url != url for image in body.images):
        warnings.append(
            ParseWarning(
                "head-image-placeholder",
                f"{key} {url} is a placeholder of {host}, not a picture of the article: dropped",
            )
        )
        return None
    for image in body.images:
        if image.url == url:
            return image
    size = image_size(url)
    return Image(url=url, width=size[0] if size else None, height=size[1] if size else None)


# The front-matter keys a post may give its address in, most specific first.
# They stay in ``extra`` as written: the article's ``url`` is read from there.
POST_URL_KEYS = ("link", "url", "permalink")


def post_url_candidates(extra: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """``(key, text)`` of the non-empty ``link``, ``url`` and ``permalink`` keys."""
    return tuple(
        (key, value if isinstance(value, str) else repr(value))
        for key in POST_URL_KEYS
        if (value := extra.get(key)) is not None and value != ""
    )


def first_url(
    candidates: tuple[tuple[str, str], ...], base_url: str | None, warnings: list[ParseWarning]
) -> str | None:
    """The first of the ``(where, text)`` candidates that is an http(s) URL, normalised
    as picture URLs are (relative ones resolved against ``base_url``); a warning
    ``url-invalid`` when some were given and none is usable."""
    for _, text in candidates:
        url = normalize_url(text, base_url)
        if url is not None:
            return url
    if candidates:
        given = ", ".join(f"{where} {text[:200]!r}" for where, text in candidates)
        warnings.append(ParseWarning("url-invalid", f"no absolute http(s) URL: {given}"))
    return None


def page_url(front: PageFront, given: str | None, warnings: list[ParseWarning]) -> str | None:
    """The page's address: its ``og:url`` or canonical link (resolved against the
    ``url`` the caller gave), else that ``url``; normalised as picture URLs are."""
    base = normalize_url(given)
    candidates = front.url_candidates + ((("url argument", given),) if given else ())
    return first_url(candidates, base, warnings)


def build_page_article(
    front: PageFront, body: Body, url: str | None, warnings: list[ParseWarning]
) -> Article:
    """A page's (or a feed item's) metadata and its body become an Article.

    ``source`` is the page's own source element, else the body's 来源 line,
    else ``article:author``.
    """
    keywords = (without_markup(keyword) for keyword in front.keywords)
    return Article(
        # A feed's or a page's title may hold markup (Atom's html, an RSS title
        # written escaped); a post's title is as the aggregator wrote it.
        title=without_markup(front.title) or front.title,
        date=front.date,
        author=without_markup(front.author),
        url=url,
        keywords=tuple(dict.fromkeys(keyword for keyword in keywords if keyword)),
        channel=without_markup(front.channel),
        paragraphs=body.paragraphs,
        blocks=body.blocks,
        images=body.images,
        stocks=body.stocks,
        original_title=body.original_title,
        source=without_markup(front.source or body.source or front.author),
        editor=body.editor,
        credits=body.credits,
        warnings=(*front.warnings, *warnings, *body.warnings),
    )
