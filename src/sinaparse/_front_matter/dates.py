"""Date strings become timezone-aware datetimes.

The forms read, in the order they are tried:

- RFC 2822, as in RSS ``pubDate``: ``Mon, 02 Aug 2021 12:49:57 GMT``, with a
  numeric offset or a zone name;
- ISO 8601: ``2021-08-02T12:49:57Z``, ``2021-08-02 20:49:57+08:00``, ``20210802T124957``;
- ``2021-08-02 20:49:57`` (the aggregator's local clock, no zone);
- ``2021年08月02日 20:49`` (older Sina pages, Beijing time).

A form without a zone is read in the caller's default zone and says so. A
zone-less time the zone's clocks skipped or showed twice (a change to or from
summer time) is read with the offset in force before the change: a time
shown twice is its first occurrence, and keeps that offset as a fixed one (a
zone's own tzinfo could not tell the two apart, so the date would not
round-trip through ``to_dict``); a skipped time moves forward by the clocks'
jump (``02:30`` becomes ``03:30``). Both say so with a warning.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

import attrs
from dateutil import parser as dateutil_parser

from ..article import ParseWarning
from ..errors import DateError

# Zone names RFC 2822 readers meet beyond the ones it defines (UT, GMT, EST…).
# Ambiguous abbreviations (CST, IST, BST…) keep their RFC 2822 or most common
# meaning; feeds that mean China Standard Time write +0800.
_ZONE_OFFSETS_HOURS: dict[str, float] = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AST": -4, "ADT": -3, "HST": -10, "AKST": -9, "AKDT": -8,
    "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "MET": 1, "MEST": 2,
    "EET": 2, "EEST": 3, "MSK": 3, "IST": 5.5, "HKT": 8, "SGT": 8, "AWST": 8,
    "JST": 9, "KST": 9, "ACST": 9.5, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}  # fmt: skip

_RFC_2822 = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s+(?P<zone>[A-Za-z]{1,5}|[+-]\d{4}))?\s*$"
)
_CHINESE = re.compile(
    r"^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$"
)
_ISO_LIKE = re.compile(r"^\d{4}-?\d{2}-?\d{2}(?:[T ]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?)?")


@attrs.frozen
class ReadDate:
    """A date as read: the aware datetime, and whether its zone was assumed."""

    value: dt.datetime
    zone_assumed: bool
    warnings: tuple[ParseWarning, ...] = ()
    """What reading the date assumed or changed: the zone; a time the zone
    shows twice, or never."""


def parse_date(text: str, default_tz: dt.tzinfo) -> ReadDate:
    """Read ``text`` in any supported form.

    Raises:
        DateError: ``text`` is in no supported form or is not a real date.
    """
    text = text.strip()
    try:
        naive_or_aware = _parse_any(text)
    except (ValueError, OverflowError) as exc:
        raise DateError(f"not a date: {text!r} ({exc})") from None
    if naive_or_aware is None:
        raise DateError(f"not a date: {text!r}")
    if naive_or_aware.tzinfo is None:
        return in_zone(naive_or_aware, default_tz, text)
    return ReadDate(naive_or_aware, zone_assumed=False)


def in_zone(naive: dt.datetime, zone: dt.tzinfo, text: str) -> ReadDate:
    """The zone-less ``naive`` (written ``text``) read in ``zone``; see the module's notes."""
    assumed = ParseWarning("date-assumed-zone", f"date {text!r} has no zone: read in {zone}")
    first = naive.replace(tzinfo=zone, fold=0)
    offset = first.utcoffset()
    if offset == naive.replace(tzinfo=zone, fold=1).utcoffset():
        return ReadDate(first, zone_assumed=True, warnings=(assumed,))  # nearly always
    try:
        shown = first.astimezone(dt.timezone.utc).astimezone(zone)
    except (OverflowError, ValueError):  # at the ends of time: nothing to compare
        return ReadDate(first, zone_assumed=True, warnings=(assumed,))
    if shown.replace(tzinfo=None, fold=0) == naive:
        value = naive.replace(tzinfo=dt.timezone(offset)) if offset is not None else first
        code, why = "date-ambiguous", "shows this time twice: read as the first"
    else:
        value = shown
        code, why = "date-nonexistent", "skips this time: moved forward by the clocks' jump"
    message = f"date {text!r}: {zone} {why}, {value.isoformat()}"
    return ReadDate(value, zone_assumed=True, warnings=(assumed, ParseWarning(code, message)))


def _parse_any(text: str) -> dt.datetime | None:
    rfc = _RFC_2822.match(text)
    if rfc:
        return _parse_rfc_2822(text, rfc.group("zone"))
    chinese = _CHINESE.match(text)
    if chinese:
        year, month, day, hour, minute, second = (int(part or 0) for part in chinese.groups())
        return dt.datetime(year, month, day, hour, minute, second)  # noqa: DTZ001 - zone added by caller
    if _ISO_LIKE.match(text):
        return dateutil_parser.isoparse(text.replace(" ", "T", 1))
    return None


def _parse_rfc_2822(text: str, zone: str | None) -> dt.datetime:
    parts = email.utils.parsedate_tz(text)
    if parts is None:
        raise ValueError("not RFC 2822")
    naive = dt.datetime(*parts[:6])  # noqa: DTZ001 - zone added below
    if zone is None or zone == "-0000":
        return naive  # RFC 2822: -0000 means "zone unknown"
    if zone[0] in "+-":
        offset = dt.timedelta(seconds=parts[9] or 0)
    elif zone.upper() in _ZONE_OFFSETS_HOURS:
        offset = dt.timedelta(hours=_ZONE_OFFSETS_HOURS[zone.upper()])
    else:
        raise ValueError(f"unknown zone name {zone!r}")
    return naive.replace(tzinfo=dt.timezone.utc if not offset else dt.timezone(offset))
