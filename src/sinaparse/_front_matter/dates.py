"""Date strings become timezone-aware datetimes.

The forms read, in the order they are tried:

- RFC 2822, as in RSS ``pubDate``: ``Mon, 02 Aug 2021 12:49:57 GMT``, with a
  numeric offset or a zone name;
- ISO 8601: ``2021-08-02T12:49:57Z``, ``2021-08-02 20:49:57+08:00``, ``20210802T124957``;
- ``2021-08-02 20:49:57`` (the aggregator's local clock, no zone);
- ``2021年08月02日 20:49`` (older Sina pages, Beijing time);
- Java's ``Mon Aug 02 20:49:57 CST 2021``, JavaScript's
  ``Fri May 12 2023 09:30:15 GMT+0800 (China Standard Time)``, and the ISO
  and Chinese forms followed by a zone name (``2021-08-02 20:49:57 CST``) or,
  apart, an offset (``2023-05-12 09:30:15 +0800``, ``+08:00``).

Zone names are read as RFC 2822 defines them, except the ambiguous ones of
:data:`AMBIGUOUS_ZONES`: ``CST`` is China Standard Time (+08:00) here, not US
Central, and each such reading says so with a warning.

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

from .._data.invariants import date_problem
from ..article import ParseWarning
from ..errors import DateError

# Zone names RFC 2822 readers meet beyond the ones it defines (UT, GMT, EST…).
# An abbreviation that names several zones in common use is in AMBIGUOUS_ZONES
# instead. EST, EDT, MST… keep RFC 2822's meaning (EST is -05:00 also when a
# writer puts it on a summer date: that slip cannot be told from the zone).
_ZONE_OFFSETS_HOURS: dict[str, float] = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
    "EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "ADT": -3, "HST": -10, "AKST": -9, "AKDT": -8,
    "WET": 0, "WEST": 1, "CET": 1, "CEST": 2, "MET": 1, "MEST": 2,
    "EET": 2, "EEST": 3, "MSK": 3, "HKT": 8, "SGT": 8, "AWST": 8,
    "JST": 9, "KST": 9, "ACST": 9.5, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}  # fmt: skip


@attrs.frozen
class ZoneReading:
    """How an ambiguous zone abbreviation is read, and what else it names."""

    hours: float
    """The offset it is read with, in hours east of UTC."""
    reading: str
    """The zone that offset is (the reading this library's domain needs)."""
    others: str
    """The other zones the abbreviation names, for the warning."""


AMBIGUOUS_ZONES: dict[str, ZoneReading] = {
    # Sina and the feeds around it are Chinese: a CST there is Beijing time
    # (Java's Date.toString writes it on every server in China), never Chicago's.
    "CST": ZoneReading(8, "China Standard Time", "US Central (-06:00) or Cuba (-05:00)"),
    "IST": ZoneReading(5.5, "India Standard Time", "Israel (+02:00) or Irish (+01:00)"),
    "BST": ZoneReading(1, "British Summer Time", "Bangladesh (+06:00)"),
    "AST": ZoneReading(-4, "Atlantic Standard Time", "Arabia (+03:00)"),
}
"""Zone abbreviations that name several zones: each is read as one of them,
with a ``date-zone-ambiguous`` warning naming the reading. Names in neither
table (ECT, SST, …) are not dates."""

_RFC_2822 = re.compile(
    r"^(?:(?P<weekday>[A-Za-z]{3,9}),\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s+(?P<zone>[A-Za-z]{1,5}|[+-]\d{2}:?\d{2}))?\s*$"
)
# JavaScript's Date.toString, which feeds built on Node write:
# Fri May 12 2023 09:30:15 GMT+0800 (China Standard Time). The offset is the
# zone; the name in brackets only describes it.
_JS_DATE = re.compile(
    r"^(?P<weekday>[A-Za-z]{3})\s+(?P<month>[A-Za-z]{3})\s+(?P<day>\d{1,2})\s+(?P<year>\d{4})"
    r"\s+(?P<time>\d{1,2}:\d{2}:\d{2})\s+GMT(?P<zone>[+-]\d{4})(?:\s+\([^()]{0,64}\))?$"
)
# A numeric offset after an ISO or Chinese form, apart: 2023-05-12 09:30:15 +0800.
_OFFSET_AFTER = re.compile(r"\s+(?:GMT|UTC)?(?P<sign>[+-])(?P<hours>\d{2}):?(?P<minutes>\d{2})$")
_CHINESE = re.compile(
    r"^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$"
)
# Java's Date.toString, as many Chinese feeds write dates: Mon Aug 02 20:49:57 CST 2021.
_JAVA_DATE = re.compile(
    r"^(?P<weekday>[A-Za-z]{3})\s+(?P<month>[A-Za-z]{3})\s+(?P<day>\d{1,2})\s+(?P<time>\d{1,2}:\d{2}:\d{2})"
    r"\s+(?P<zone>[A-Za-z]{1,5})\s+(?P<year>\d{4})$"
)
# A zone name after an ISO or Chinese form: 2021-08-02 20:49:57 CST.
_ZONE_AFTER = re.compile(r"\s+(?P<zone>[A-Za-z]{1,5})$")
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
        DateError: ``text`` is in no supported form, is not a real date, or is
            within a day of the ends of ``datetime``'s range (year 1, year 9999)
            in UTC, where some zone could not show it.
    """
    text = text.strip()
    read_warnings: list[ParseWarning] = []  # a zone's reading, a weekday's slip
    try:
        naive_or_aware = _parse_any(text, read_warnings)
    except (ValueError, OverflowError) as exc:
        raise DateError(f"not a date: {text!r} ({exc})") from None
    if naive_or_aware is None:
        raise DateError(f"not a date: {text!r}")
    if naive_or_aware.tzinfo is None:
        read = in_zone(naive_or_aware, default_tz, text)
        read = attrs.evolve(read, warnings=(*read_warnings, *read.warnings))
    else:
        read = ReadDate(naive_or_aware, zone_assumed=False, warnings=tuple(read_warnings))
    # Every writer may convert the date to another zone (to_arrow's and the
    # CLI's --tz): one it could not convert is refused here, once.
    problem = date_problem(read.value)
    if problem is not None:
        raise DateError(f"not a usable date: {problem}")
    return read


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


def _parse_any(text: str, warnings: list[ParseWarning]) -> dt.datetime | None:
    rfc = _RFC_2822.match(text)
    if rfc:
        zone = rfc.group("zone")
        if zone and ":" in zone:  # +08:00: email.utils would read it as +00:00
            zone = zone.replace(":", "")
            text = text[: rfc.start("zone")] + zone
        value = _parse_rfc_2822(text, zone, warnings)
        _check_weekday(rfc.group("weekday"), value, text, warnings)
        return value
    java = _JAVA_DATE.match(text) or _JS_DATE.match(text)
    if java:
        rfc_form = "{day} {month} {year} {time} {zone}".format(**java.groupdict())
        value = _parse_rfc_2822(rfc_form, java.group("zone"), warnings, written=text)
        _check_weekday(java.group("weekday"), value, text, warnings)
        return value
    offset = _OFFSET_AFTER.search(text)
    if offset:
        return _with_offset(_parse_zoneless(text[: offset.start()]), offset)
    zone = _ZONE_AFTER.search(text)
    name = zone.group("zone").upper() if zone else ""
    if zone and (name in _ZONE_OFFSETS_HOURS or name in AMBIGUOUS_ZONES):
        naive = _parse_zoneless(text[: zone.start()])
        if naive is None or naive.tzinfo is not None:
            raise ValueError("a zone name after a form that has none, or has one already")
        return naive.replace(tzinfo=_zone(zone.group("zone"), text, warnings))
    return _parse_zoneless(text)


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _check_weekday(
    word: str | None, value: dt.datetime, text: str, warnings: list[ParseWarning]
) -> None:
    """A weekday written before the date (``Mon``, ``Tues``, ``Monday``) that is
    not the date's, or no weekday's name, is a writer's slip: the date is read
    by its day, month and year, which say more than a weekday, with a
    ``date-weekday-mismatch`` warning (a post is not lost for its weekday)."""
    if word is None:
        return
    named = [day for day, name in enumerate(_WEEKDAY_NAMES) if name.startswith(word.lower())]
    if value.weekday() in named:  # the day as written, in the zone written
        return
    actual = _WEEKDAY_NAMES[value.weekday()].capitalize()
    said = f"says {word}" if named else f"has {word!r}, no weekday"
    warnings.append(
        ParseWarning(
            "date-weekday-mismatch",
            f"date {text!r} {said}, but {value.date().isoformat()} is a {actual}: read by its date",
        )
    )


def _with_offset(naive: dt.datetime | None, offset: re.Match[str]) -> dt.datetime:
    if naive is None or naive.tzinfo is not None:
        raise ValueError("an offset after a form that has none, or has one already")
    hours, minutes = int(offset.group("hours")), int(offset.group("minutes"))
    if hours > 23 or minutes > 59:
        raise ValueError(f"no such offset: {offset.group().strip()}")
    delta = dt.timedelta(hours=hours, minutes=minutes)
    zone = dt.timezone(-delta if offset.group("sign") == "-" else delta)  # ValueError past 24 h
    return naive.replace(tzinfo=dt.timezone.utc if not delta else zone)


def _parse_zoneless(text: str) -> dt.datetime | None:
    """The Chinese and ISO forms (an ISO form may carry an offset)."""
    chinese = _CHINESE.match(text)
    if chinese:
        year, month, day, hour, minute, second = (int(part or 0) for part in chinese.groups())
        return dt.datetime(year, month, day, hour, minute, second)  # noqa: DTZ001 - zone added by caller
    if _ISO_LIKE.match(text):
        return dateutil_parser.isoparse(text.replace(" ", "T", 1))
    return None


def _parse_rfc_2822(
    text: str, zone: str | None, warnings: list[ParseWarning], *, written: str | None = None
) -> dt.datetime:
    parts = email.utils.parsedate_tz(text)
    if parts is None:
        raise ValueError("not RFC 2822")
    naive = dt.datetime(*parts[:6])  # noqa: DTZ001 - zone added below
    if zone is None or zone == "-0000":
        return naive  # RFC 2822: -0000 means "zone unknown"
    if zone[0] in "+-":
        offset = dt.timedelta(seconds=parts[9] or 0)
        return naive.replace(tzinfo=dt.timezone.utc if not offset else dt.timezone(offset))
    return naive.replace(tzinfo=_zone(zone, written or text, warnings))


def _zone(name: str, text: str, warnings: list[ParseWarning]) -> dt.tzinfo:
    """The fixed zone a zone name means; a warning when it is an ambiguous one."""
    upper = name.upper()
    ambiguous = AMBIGUOUS_ZONES.get(upper)
    if ambiguous is not None:
        hours = ambiguous.hours
    elif upper in _ZONE_OFFSETS_HOURS:
        hours = _ZONE_OFFSETS_HOURS[upper]
    else:
        raise ValueError(f"unknown zone name {name!r}")
    zone = dt.timezone.utc if not hours else dt.timezone(dt.timedelta(hours=hours))
    if ambiguous is not None:
        offset = dt.datetime(2000, 1, 1, tzinfo=zone).isoformat()[-6:]
        warnings.append(
            ParseWarning(
                "date-zone-ambiguous",
                f"date {text!r}: {upper} read as {ambiguous.reading} ({offset}), "
                f"not {ambiguous.others}",
            )
        )
    return zone
