"""Pictures in a body: ``<img>`` becomes an Image; media that is no picture, and
the text of controls and graphics, is noted when dropped.

Addresses go through :mod:`.urls` (absolute, http(s) only); a picture whose
address cannot be made absolute is dropped with a warning that says why.
"""

from __future__ import annotations

from lxml import etree

from .._data.urls import image_size, normalize_url
from .._text import clean_text
from ..article import Image, ParseWarning
from .elements import element_text

# Lazy-loading pages keep the real address here and a placeholder in src.
_IMAGE_URL_ATTRIBUTES = ("data-src", "data-original", "src")


def read_image(element: etree._Element, base_url: str | None) -> Image | None:
    """The picture of an ``<img>``, or None when it has no usable address."""
    url = None
    for attribute in _IMAGE_URL_ATTRIBUTES:
        raw = element.get(attribute)
        if raw and (url := normalize_url(raw, base_url)):
            break
    if url is None:
        return None
    size = image_size(url)
    return Image(
        url=url,
        alt=clean_text(element.get("alt") or "") or None,
        width=size[0] if size else None,
        height=size[1] if size else None,
    )


def unusable_image_warning(element: etree._Element, base_url: str | None) -> ParseWarning | None:
    """Why an ``<img>`` with no usable address was dropped, when it had a web
    address: a relative one and no ``base_url``, or one whose host or port no
    browser could connect to (``//javascript:alert(1)``, a port above 65535),
    or that holds a user name or password (``https://user:pass@host/``).
    Placeholders (``data:``) and other schemes are dropped without a word."""
    src = (element.get("src") or "").strip()
    head = src.split("/", 1)[0]
    if src and base_url is None and ":" not in head and not src.startswith("//"):
        return ParseWarning(
            "image-relative-url", f"relative image URL {src[:80]!r} dropped: no base_url"
        )
    if src.startswith("//") or head.lower() in ("http:", "https:"):
        return ParseWarning(
            "image-invalid-url",
            f"image URL {src[:80]!r} dropped: its host or port is not one a browser can reach,"
            " or it holds a user name or password",
        )
    return None


def dropped_media_warning(element: etree._Element) -> ParseWarning | None:
    """A note that a ``<video>`` or ``<audio>`` with an address was left out."""
    src = element.get("src") or next(
        (source.get("src") for source in element.iter("source") if source.get("src")), None
    )
    if src:
        message = f"<{element.tag}> {src[:120]} is not a picture: dropped"
        return ParseWarning("media-dropped", message)
    return None


# Controls and graphics whose text a reader sees but that is no article text
# (a chart's labels, a button's, a list of choices): dropped, and said so.
# (A <textarea> is raw text, which the parse takes out: see .html.)
_TEXT_DROPPED_TAGS = frozenset({"svg", "button", "select"})
NOTED_WHEN_DROPPED = frozenset({"video", "audio"}) | _TEXT_DROPPED_TAGS
"""The elements the walk drops that :func:`dropped_warning` notes."""


def dropped_warning(element: etree._Element) -> ParseWarning | None:
    """What a dropped element of :data:`NOTED_WHEN_DROPPED` held, if anything."""
    if element.tag in _TEXT_DROPPED_TAGS:
        return dropped_text_warning(element)
    return dropped_media_warning(element)


def dropped_text_warning(element: etree._Element) -> ParseWarning | None:
    """A note that the visible text of an ``<svg>``, a button or a list of
    choices was left out (an excerpt, so that nothing is lost
    unseen); None when it holds none."""
    text = element_text(element)
    if not text:
        return None
    excerpt = text if len(text) <= 60 else text[:60] + "…"
    return ParseWarning("text-dropped", f"<{element.tag}> {excerpt!r} is no article text: dropped")
