"""A feed item's strings become typed fields, as a page's do.

In: a :class:`~sinaparse._sources.feed.RawItem`. Out: a
:class:`~sinaparse._front_matter.page.PageFront` (no channel: a feed item has
no breadcrumb). The link is read in the build, with the picture URLs' rules.
"""

from __future__ import annotations

import datetime as dt

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
        url_candidates=(("link", item.link),) if item.link and item.link.strip() else (),
        warnings=warnings,
    )
