"""Image URL normalisation: absolute, http(s) only, https on Sina's hosts."""

from __future__ import annotations

import functools
import ipaddress
import re
import unicodedata
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

# Sina serves every picture over https; its pages still link some over http.
_SINA_HOSTS = ("sinaimg.cn", "sina.com.cn", "sina.cn", "sina.com")
_SIZE_SEGMENT = re.compile(r"/w([0-9]{1,5})h([0-9]{1,5})(?=/)")
_WEB_SCHEMES = ("http", "https")
# Whitespace and control characters are not valid in a URL, and quotes and
# angle brackets would end the attribute or the tag a URL is written in:
# inside one they are percent-encoded, as browsers do, so the result is stable.
# So are the other printable characters RFC 3986 leaves out of a URL
# (backslash, braces, "|", "^"): Markdown and templates read them otherwise.
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\"<>`\\{}|^]")
# Before the query, a browser reads a backslash of an http(s) URL as "/" (the
# WHATWG URL standard) and urlsplit reads it as a character of the host:
# "https://n.sinaimg.cn\@evil.example/" would be checked as evil.example's
# picture and loaded from n.sinaimg.cn. Read as a browser reads it.
_QUERY_START = re.compile(r"[?#]")
# A host name: labels of letters (any script, as in IRIs), digits, "-" and "_",
# 1-63 characters each, not starting or ending with "-"; a final dot allowed.
_HOST_NAME = re.compile(r"(?=.{1,253}\Z)(?:(?!-)[\w-]{1,63}(?<!-)\.)*(?!-)[\w-]{1,63}(?<!-)\.?")
_PORT = re.compile(r"[0-9]{1,5}", re.ASCII)
# The dots IDNA (UTS #46) reads as label separators: 。 ． ｡
_IDEOGRAPHIC_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
# What a host mapped from other than ASCII must not hold (brackets of an IPv6
# address, the delimiters of a URL's parts, a percent sign, white space).
_NOT_IN_A_HOST = '[]/\\?#@%<>"` \t\n'


def _percent_encode(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


def is_sina_host(host: str) -> bool:
    """True for Sina's own hosts and their subdomains."""
    host = host.lower().rstrip(".")
    return any(host == name or host.endswith("." + name) for name in _SINA_HOSTS)


def is_valid_host(host: str) -> bool:
    """Whether ``host`` is a host name or an IP address a browser could connect to.

    A name whose last label is a number must be a dotted IPv4 address (browsers
    read it as one); an IPv6 address is written without brackets here and
    without a zone.

    >>> is_valid_host("n.sinaimg.cn"), is_valid_host("10.0.0.1"), is_valid_host("::1")
    (True, True, True)
    >>> is_valid_host("javascript:alert(1)"), is_valid_host("1.2.3.999"), is_valid_host("-a.cn")
    (False, False, False)
    """
    if ":" in host:
        return "%" not in host and _is_ip_address(host, ipaddress.IPv6Address)
    if _HOST_NAME.fullmatch(host) is None:
        return False
    last = host.rstrip(".").rpartition(".")[2]
    return not (last.isascii() and last.isdigit()) or _is_ip_address(host, ipaddress.IPv4Address)


# A page's pictures come from a few hosts: each is checked once (and no
# longer name than a host can have is kept in the cache).
_cached_is_valid_host = functools.lru_cache(maxsize=1024)(is_valid_host)


def _known_host(host: str) -> bool:
    return len(host) <= 255 and _cached_is_valid_host(host)


def _is_ip_address(host: str, kind: type[ipaddress.IPv4Address | ipaddress.IPv6Address]) -> bool:
    try:
        kind(host)
    except ValueError:
        return False
    return True


def authority_problem(parts: SplitResult) -> str | None:
    """What keeps the host and port of ``parts`` from being reached, or None.

    The host must be one :func:`is_valid_host` accepts; a port, 1-65535; and
    there is no user name or password (``user:pass@``): a picture or an
    article is never behind one, and a base or link holding one would hand it
    on to every address resolved against it.
    """
    if "@" in parts.netloc:
        return "it holds a user name or password (user:pass@…)"
    host = parts.hostname
    if not host or not _known_host(host):
        return "its host is not a host name or IP address"
    port = parts.netloc.rpartition("]")[2].partition(":")[2]
    if port and (_PORT.fullmatch(port) is None or not 0 < int(port) <= 65535):
        return f"its port {port[:20]!r} is not a number from 1 to 65535"
    return None


def normalize_url(raw: str | None, base_url: str | None = None) -> str | None:
    """The absolute http(s) URL ``raw`` stands for, or None if it has none.

    Surrounding whitespace goes; a backslash before the query is ``/``, as
    browsers read it; inner whitespace, control characters, ``"``, ``<``,
    ``>``, backquotes and the rest of ``\\{}|^`` are percent-encoded; a host
    must be a host name or an IP address (:func:`is_valid_host`), a port 1-65535,
    and no user name or password come before it (:func:`authority_problem`);
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


def _normalize_plain(url: str, plain: re.Match[str]) -> str | None:
    if not _known_host(plain.group(2)):
        return None
    scheme = plain.group(1)
    if not scheme or (scheme == "http:" and is_sina_host(plain.group(2))):
        return "https:" + url[len(scheme) :]
    return url


def normalize_by_parts(url: str, base_url: str | None) -> str | None:
    """:func:`normalize_url` of a stripped URL in any form, by splitting it into parts."""
    if not url:
        return None
    if "\\" in url:
        query = _QUERY_START.search(url)
        end = query.start() if query else len(url)
        url = url[:end].replace("\\", "/") + url[end:]
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
    if not parts.netloc.isascii():
        netloc = browser_host(parts.netloc)
        # The mapping may give what parts a URL (﹇ is "["): no host a browser reaches.
        if any(character in netloc for character in _NOT_IN_A_HOST):
            return None
        parts = parts._replace(netloc=netloc)
    scheme = parts.scheme.lower()
    if scheme not in _WEB_SCHEMES or authority_problem(parts) is not None:
        return None
    if scheme == "http" and is_sina_host(parts.hostname or ""):
        scheme = "https"
    url = urlunsplit((scheme, parts.netloc, parts.path, parts.query, parts.fragment))
    return _UNSAFE.sub(_percent_encode, url)


def browser_host(netloc: str) -> str:
    """A host written with other than ASCII, as a browser reads it (IDNA's
    mapping, UTS #46): full-width letters and digits are ASCII, case is folded,
    ``。`` is a dot. ``ｐｉｃｓｕｍ。photos`` is picsum.photos, the same host, and
    must be checked as it; a name in another script stays in it (``新浪.中国``).

    >>> browser_host("Ｎ．ＳＩＮＡＩＭＧ。cn"), browser_host("新浪.中国")
    ('n.sinaimg.cn', '新浪.中国')
    """
    return unicodedata.normalize("NFKC", netloc).translate(_IDEOGRAPHIC_DOTS).lower()


def image_size(url: str) -> tuple[int, int] | None:
    """Width and height from a Sina ``/w640h387/`` path segment, if any."""
    plain = _PLAIN_URL.fullmatch(url)
    # A plain URL's path is what follows its host (see _PLAIN_URL).
    path = url[plain.end(2) :] if plain is not None else urlsplit(url).path
    match = _SIZE_SEGMENT.search(path)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2))


def base_url_problem(base: str) -> str | None:
    """Why ``base`` cannot be a ``base_url`` (the address relative URLs resolve
    against), or None: it must be an absolute http(s) URL as :func:`normalize_url`
    accepts one, written as it is meant (no space around it, no character that
    URL would have to escape, no backslash a browser would read as ``/``).
    """
    if base != base.strip():
        return "it has white space around it"
    unsafe = _UNSAFE.search(base)
    if unsafe is not None:
        return f"it holds {unsafe.group()!r}, which a URL must escape"
    try:
        parts = urlsplit(base)
    except ValueError as error:
        return f"it cannot be read as a URL ({error})"
    if parts.scheme.lower() not in _WEB_SCHEMES or not parts.netloc:
        return "it is not an absolute http(s) URL"
    return authority_problem(parts)
