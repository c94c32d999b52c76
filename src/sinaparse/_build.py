"""Stage 7: the front matter's fields and the body's become an Article."""

from __future__ import annotations

from ._clean import CleanBody
from ._front_matter import FrontMatter
from ._urls import image_size, normalize_url
from .article import Article, Body, Image, ParseWarning

# The characters the aggregator replaces by "_" in titles (see the corpus notes).
_REPLACED_IN_TITLES = frozenset(':/\\?*“”<>|[]"')


def build_article(
    front: FrontMatter, body: Body, cleaned: CleanBody, base_url: str | None
) -> Article:
    """Put the two halves together; say where one half corrected the other."""
    warnings = list(front.warnings)
    title = front.title
    if body.original_title and restores_title(title, body.original_title):
        warnings.append(ParseWarning("title-restored", f"title {title!r} restored from 原标题"))
        title = body.original_title
    head_image = _front_image("headimg", front.head_image_url, body, cleaned, base_url, warnings)
    thumbnail = _front_image("thumbnail", front.thumbnail_url, body, cleaned, base_url, warnings)
    return Article(
        title=title,
        date=front.date,
        categories=front.categories,
        author=front.author,
        comments=front.comments,
        head_image=head_image,
        thumbnail=thumbnail,
        extra=front.extra,
        paragraphs=body.paragraphs,
        blocks=body.blocks,
        images=body.images,
        stocks=body.stocks,
        original_title=body.original_title,
        source=body.source,
        editor=body.editor,
        warnings=tuple(warnings) + body.warnings,
    )


def restores_title(title: str, original: str) -> bool:
    """True when ``original`` is ``title`` with the aggregator's ``_`` undone.

    They must match character for character, every difference being a ``_``
    in ``title`` where ``original`` has a character the aggregator replaces.

    >>> restores_title("1049元_斤！", "1049元/斤！")
    True
    >>> restores_title("A_B", "A-B")
    False
    """
    if len(title) != len(original) or title == original:
        return False
    return all(
        kept == true or (kept == "_" and true in _REPLACED_IN_TITLES)
        for kept, true in zip(title, original, strict=True)
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
        return None
    if url in cleaned.dropped_image_urls:
        warnings.append(
            ParseWarning("head-image-boilerplate", f"{key} {url} is a promo picture: dropped")
        )
        return None
    for image in body.images:
        if image.url == url:
            return image
    size = image_size(url)
    return Image(url=url, width=size[0] if size else None, height=size[1] if size else None)
