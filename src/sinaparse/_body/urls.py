"""Image URL normalisation: absolute, http(s) only, https on Sina's hosts."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

# Sina serves every picture over https; its pages still link some over http.
_SINA_HOSTS = ("sinaimg.cn", "sina.com.cn", "sina.cn", "sina.com")
_SIZE_SEGMENT = re.compile(r"/w(\d{1,5})h(\d{1,5})(?=/)")
_WEB_SCHEMES = ("http", "https")
# Whitespace and control characters are not valid in a URL: inside one they
# are percent-encoded, as browsers do, so the result is stable.
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def _percent_encode(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


def is_sina_host(host: str) -> bool:
    """True for Sina's own hosts and their subdomains."""
    host = host.lower().rstrip(".")
    return any(host == name or host.endswith("." + name) for name in _SINA_HOSTS)


def normalize_url(raw: str | None, base_url: str | None = None) -> str | None:
    """The absolute http(s) URL ``raw`` stands for, or None if it has none.

    Surrounding whitespace goes, inner whitespace is percent-encoded;
    ``//host/…`` becomes https; relative URLs are resolved against
    ``base_url`` (and are None without it); ``data:``,
    ``javascript:`` and every other scheme are None; http becomes https on
    Sina's hosts. Applying it to its own result changes nothing.

    >>> normalize_url(" //n.sinaimg.cn/a/w640h387/b.jpg ")
    'https://n.sinaimg.cn/a/w640h387/b.jpg'
    >>> normalize_url("data:image/gif;base64,R0lGOD") is None
    True
    """
    if raw is None:
        return None
    url = raw.strip()
    plain = _PLAIN_URL.fullmatch(url)
    if plain is not None:
        return _normalize_plain(url, plain)
    return normalize_by_parts(url, base_url)


# The form nearly every picture of a Sina page has: an http(s) or
# protocol-relative URL of plain ASCII, with a host name and no query or
# fragment. Split and joined again it is the same text, and nothing in it needs
# encoding: only its scheme may change. (A property test checks both ways agree.)
_PLAIN_URL = re.compile(r"(https?:|)//([A-Za-z0-9.-]+)(?:/[A-Za-z0-9/._~%!$&'()*+,;=:@-]*)?")


def _normalize_plain(url: str, plain: re.Match[str]) -> str:
    scheme = plain.group(1)
    if not scheme or (scheme == "http:" and is_sina_host(plain.group(2))):
        return "https:" + url[len(scheme) :]
    return url


def normalize_by_parts(url: str, base_url: str | None) -> str | None:
    """:func:`normalize_url` of a stripped URL in any form, by splitting it into parts."""
    if not url:
        return None
    if url.startswith("//"):
        url = "https:" + url
    try:
        parts = urlsplit(url)
        if not parts.scheme:
            if not base_url:
                return None
            parts = urlsplit(urljoin(base_url, url))
    except ValueError:
        return None  # e.g. an invalid IPv6 host: no usable address
    scheme = parts.scheme.lower()
    if scheme not in _WEB_SCHEMES or not parts.hostname:
        return None
    if scheme == "http" and is_sina_host(parts.hostname):
        scheme = "https"
    url = urlunsplit((scheme, parts.netloc, parts.path, parts.query, parts.fragment))
    return _UNSAFE.sub(_percent_encode, url)


def image_size(url: str) -> tuple[int, int] | None:
    """Width and height from a Sina ``/w640h387/`` path segment, if any."""
    plain = _PLAIN_URL.fullmatch(url)
    # A plain URL's path is what follows its host (see _PLAIN_URL).
    path = url[plain.end(2) :] if plain is not None else urlsplit(url).path
    match = _SIZE_SEGMENT.search(path)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2))
