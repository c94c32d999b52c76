"""A feed item's strings become typed fields, as a page's do.

In: a :class:`~sinaparse._sources.feed.RawItem`. Out: a
:class:`~sinaparse._front_matter.page.PageFront` (no channel: a feed item has
no breadcrumb). The link is read in the build, with the picture URLs' rules.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote, urlsplit

from .._data.urls import is_sina_host, normalize_url
from .._sources.feed import RawItem
from .._text import clean_text
from ..article import ParseWarning
from ..errors import DateError
from .dates import parse_date
from .page import Labelled, PageFront


def read_item_front(item: RawItem, *, default_tz: dt.tzinfo) -> PageFront:
    """Type the item's title, date, author and categories.

    Raises:
        FrontMatterError: the item has no title.
        DateError: the item has no date, or one in no supported form.
    """
    errors = Labelled(f"feed item {item.index}")
    title = clean_text(item.title or "")
    if not title:
        raise errors.front_matter("no title", line=item.line or None)
    if not item.date or not item.date.strip():
        raise errors.date("no date (pubDate, published, updated)", line=item.line or None)
    try:
        date = parse_date(item.date, default_tz)
    except DateError as error:
        raise errors.date(f"its date is {error.reason}", line=item.line or None) from None
    warnings: tuple[ParseWarning, ...] = date.warnings  # a zone assumed, or an ambiguous one read
    keywords = tuple(dict.fromkeys(word for word in map(clean_text, item.categories) if word))
    return PageFront(
        title=title,
        date=date.value,
        author=clean_text(item.author or "") or None,
        source=None,
        keywords=keywords,
        channel=None,
        url_candidates=_url_candidates(item),
        warnings=warnings,
    )


def item_base(item: RawItem, given: str | None) -> str | None:
    """The address an item's relative links are read against: the feed's own
    bases (Atom's ``xml:base``, RSS's channel link), each resolved against the
    one before, the first against ``given`` (``options.base_url``); a base that
    is no http(s) address is passed over."""
    base = given
    for written in item.bases:
        base = normalize_url(written, base) or base
    return base


def _url_candidates(item: RawItem) -> tuple[tuple[str, str], ...]:
    """The item's addresses, the likeliest first: FeedBurner's ``origLink`` (the
    article's own, where ``link`` is FeedBurner's redirect), then the link."""
    candidates = []
    if item.origin_link and item.origin_link.strip():
        candidates.append(("feedburner:origLink", item.origin_link))
    if item.link and item.link.strip():
        candidates.append(("link", unwrapped_redirect(item.link)))
    return tuple(candidates)


# Sina's legacy RSS links to its articles through a redirect: the article's
# address is the query's ``url``, the rest of the query included (it is the
# last parameter, and unencoded: ``redirect.php?url=http://news.sina.com.cn/…``).
_REDIRECT_HOST = "go.rss.sina.com.cn"
_WRAPPED = re.compile(r"(?:.*&)?url=(.*)", re.DOTALL)


def unwrapped_redirect(link: str) -> str:
    """The article address that a ``go.rss.sina.com.cn/redirect.php?url=…`` link
    wraps, when it is an absolute http(s) URL on a Sina host; else ``link``."""
    try:
        parts = urlsplit(link.strip())
    except ValueError:
        return link
    wrapped = _WRAPPED.fullmatch(parts.query)
    if (parts.hostname or "") != _REDIRECT_HOST or parts.path != "/redirect.php" or not wrapped:
        return link
    target = wrapped.group(1)
    if target[:8].lower().startswith(("http%3a", "https%3a")):
        target = unquote(target)  # written percent-encoded, as a query should be
    address = normalize_url(target)
    if address is None or not target.strip().lower().startswith(("http://", "https://")):
        return link
    host = urlsplit(address).hostname or ""
    return target if is_sina_host(host) else link
