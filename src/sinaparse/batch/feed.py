"""``parse_feed``: an RSS 2.0 or Atom feed in, one :class:`Outcome` per item out."""

from __future__ import annotations

from collections.abc import Iterator

from .._sources.feed import Feed
from ..options import DEFAULT_OPTIONS, ParseOptions
from .outcome import FEED_PATH, Outcome, feed_outcomes


def parse_feed(xml: str | bytes, *, options: ParseOptions | None = None) -> Iterator[Outcome]:
    """Parse a feed's items as RSSHub's Sina routes write them; one Outcome per item.

    Args:
        xml: the feed, RSS 2.0 or Atom, as bytes (in its declared encoding) or text.
            Descriptions may be entity-escaped HTML or raw HTML in CDATA.
        options: how to parse; ``max_feed_bytes`` and ``max_feed_items`` bound the
            feed, ``max_bytes`` each item's description.

    Returns:
        An iterator of :class:`Outcome`, in feed order, read as it is consumed:
        ``item`` is the item's index from 0, ``path`` is ``"<feed>"``. One bad
        item is an error outcome; where the XML itself breaks (or the feed holds
        more than ``max_feed_items``), a last error outcome ends the feed.

    Raises:
        SinaParseError: at the call, when the document is not an RSS or Atom feed,
            declares a DTD, is larger than ``max_feed_bytes``, or holds bytes not
            valid in its encoding before its first element.
    """
    options = DEFAULT_OPTIONS if options is None else options
    feed = Feed(xml, max_bytes=options.max_feed_bytes, max_items=options.max_feed_items)
    return feed_outcomes(feed, FEED_PATH, options)
