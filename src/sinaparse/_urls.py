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
    match = _SIZE_SEGMENT.search(urlsplit(url).path)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2))
