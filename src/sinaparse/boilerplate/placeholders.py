"""Picture services that give a placeholder, not a picture of an article.

The aggregator fills ``headimg`` / ``thumbnail`` of a post whose feed item has
no picture with a random picture of such a service (the corpus: its posts of
199IT, 开源中国, 技术头条 and Mastodon carry ``https://picsum.photos/400/300?random=N``).
Such a picture shows nothing of the article: the build sets the field to None
and says which host it was.
"""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["PLACEHOLDER_IMAGE_HOSTS", "placeholder_host"]

PLACEHOLDER_IMAGE_HOSTS: tuple[tuple[str, str], ...] = (
    ("picsum.photos", "Lorem Picsum, random photos: the aggregator's default head image"),
    ("unsplash.it", "Lorem Picsum under its former name"),
    ("source.unsplash.com", "Unsplash Source: a random photo for a size or a keyword"),
    ("placehold.co", "a grey box of a given size, with its size written on it"),
    ("placehold.it", "a grey box of a given size (the older placehold.co)"),
    ("via.placeholder.com", "placeholder.com's grey boxes of a given size"),
    ("placeholder.com", "placeholder.com's grey boxes of a given size"),
    ("dummyimage.com", "a box of a given size and colour"),
    ("fakeimg.pl", "a box of a given size and colour"),
    ("loremflickr.com", "a random Flickr photo for a size or a keyword"),
    ("placeimg.com", "a random photo for a size and a category"),
    ("lorempixel.com", "a random photo for a size and a category"),
    ("placekitten.com", "a random kitten of a given size"),
    ("api.ixiaowai.cn", "a random anime or landscape picture API, used by blog themes"),
)
"""``(host, reason)``: a picture on the host, or on a subdomain of it, is a placeholder."""


def placeholder_host(
    url: str, hosts: tuple[tuple[str, str], ...] = PLACEHOLDER_IMAGE_HOSTS
) -> str | None:
    """The host of ``hosts`` that ``url`` (normalised: absolute, http or https)
    is on, or None.

    >>> placeholder_host("https://picsum.photos/400/300?random=888")
    'picsum.photos'
    >>> placeholder_host("https://fastly.picsum.photos/id/1/400/300.jpg")
    'picsum.photos'
    >>> placeholder_host("https://n.sinaimg.cn/finance/0/w640h360/x.jpg") is None
    True
    """
    lowered = url.lower()
    if not any(name in lowered for name, _ in hosts):
        return None  # most pictures (sinaimg.cn): no URL split at all
    try:
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:  # no usable address: no host to compare
        return None
    for name, _ in hosts:
        if host == name or host.endswith("." + name):
            return name
    return None
