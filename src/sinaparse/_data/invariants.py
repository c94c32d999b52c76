"""What the parser guarantees of a result's values, beyond their types.

``from_dict`` checks these, so that data no parse could give (a picture at
``javascript:alert(1)``, a NUL in a title, a colspan of 0) is a
:class:`~sinaparse.DataError`, not an Article the writers then trust. The
rules are the parser's own: the URL rule of :mod:`.urls`, the text
rule of :mod:`.._text`, the span limits of the tables, and the range of
dates that every zone can show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .._text import NOT_TEXT
from .urls import normalize_url

_ONE_DAY = dt.timedelta(days=1)
# UTC offsets are under a day: an instant a day inside datetime's range can be
# shown in every zone (to_arrow's and the CLI's --tz convert to any).
_EARLIEST = dt.datetime.min.replace(tzinfo=dt.timezone.utc) + _ONE_DAY
_LATEST = dt.datetime.max.replace(tzinfo=dt.timezone.utc) - _ONE_DAY

MAX_COLSPAN = 1000
"""The widest span the parser gives (HTML's limit; ``_body.tables`` reads to it)."""
MAX_ROWSPAN = 65534
"""The tallest span the parser gives (HTML's limit)."""
MAX_IMAGE_SIDE = 99_999
"""The largest width or height a Sina ``/w640h387/`` segment gives (five digits)."""


def date_problem(date: dt.datetime) -> str | None:
    """Why ``date`` cannot be a result's date (its instant is within a day of the
    ends of datetime's range: some zone could not show it), or None."""
    try:
        instant = date.astimezone(dt.timezone.utc)
    except (OverflowError, ValueError):
        instant = None
    if instant is None or not _EARLIEST <= instant <= _LATEST:
        return f"{date.isoformat()} is too near the year 1 or 9999 to be shown in every zone"
    return None


def text_problem(text: str) -> str | None:
    """Why ``text`` is no result's text (it holds what is not text), or None."""
    found = NOT_TEXT.search(text)
    if found is None:
        return None
    return f"holds {found.group()!r}, which is not text: {text[:80]!r}"


def _web_url(value: object) -> str | None:
    if isinstance(value, str) and normalize_url(value) != value:
        return f"not an absolute http(s) URL as the parser writes one: {value[:200]!r}"
    return None


def _between(low: int, high: int) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if isinstance(value, int) and not low <= value <= high:
            return f"{value} is not within {low}-{high}"
        return None

    return check


VALUE_RULES: dict[tuple[str, str], Callable[[object], str | None]] = {
    ("Image", "url"): _web_url,
    ("Article", "url"): _web_url,
    ("Image", "width"): _between(0, MAX_IMAGE_SIDE),
    ("Image", "height"): _between(0, MAX_IMAGE_SIDE),
    ("Cell", "colspan"): _between(1, MAX_COLSPAN),
    ("Cell", "rowspan"): _between(1, MAX_ROWSPAN),
}
"""``(class, field)``: what is wrong with a value of the right type, or None.
Every text value is also checked by :func:`text_problem`; every date by
:func:`date_problem`."""
