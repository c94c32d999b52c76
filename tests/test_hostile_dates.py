"""Zone-less times at clock changes: read by one rule, said so, and round-tripped exactly.

The rule: a zone-less time the default zone shows twice (clocks going back)
or skips (clocks going forward) is read with the offset in force before the
change. A time shown twice is its first occurrence, with that offset fixed; a
skipped time moves forward by the clocks' jump. ``from_dict(to_dict(a))``
gives the same instant and the same offset.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import Article, ParseOptions

from .posts import make_post, paragraph

ZONES = (
    "Asia/Shanghai",  # summer time 1986-1991, and LMT until 1901
    "America/New_York",
    "Europe/London",  # double summer time in the 1940s
    "Europe/Dublin",  # a negative summer offset
    "Australia/Lord_Howe",  # a 30-minute change
    "Pacific/Apia",  # skipped a whole day in 2011
    "America/St_Johns",
    "UTC",
)
_UTC = dt.timezone.utc


@functools.cache
def _options(zone: str) -> ParseOptions:
    return ParseOptions(default_tz=zone)


def _parse(naive: dt.datetime, zone: str) -> Article:
    post = make_post(paragraph("正文"), date=naive.strftime("%Y-%m-%d %H:%M:%S"))
    return sinaparse.parse(post, options=_options(zone))


def _assert_round_trips(article: Article) -> None:
    again = Article.from_dict(article.to_dict())
    assert again == article
    assert again.date.utcoffset() == article.date.utcoffset()
    assert again.date.isoformat() == article.date.isoformat()
    assert again.to_dict() == article.to_dict()


@pytest.mark.parametrize(
    ("naive", "zone", "code", "expected"),
    [
        # Shown twice: the first occurrence, with the offset before the change.
        ((2021, 11, 7, 1, 30), "America/New_York", "date-ambiguous", "2021-11-07T01:30:00-04:00"),
        ((2021, 10, 31, 1, 30), "Europe/London", "date-ambiguous", "2021-10-31T01:30:00+01:00"),
        ((1986, 9, 14, 1, 30), "Asia/Shanghai", "date-ambiguous", "1986-09-14T01:30:00+09:00"),
        ((1991, 9, 15, 1, 0), "Asia/Shanghai", "date-ambiguous", "1991-09-15T01:00:00+09:00"),
        # Skipped: moved forward by the clocks' jump.
        ((2021, 3, 14, 2, 30), "America/New_York", "date-nonexistent", "2021-03-14T03:30:00-04:00"),
        ((2021, 3, 28, 1, 15), "Europe/London", "date-nonexistent", "2021-03-28T02:15:00+01:00"),
        ((1986, 5, 4, 2, 30), "Asia/Shanghai", "date-nonexistent", "1986-05-04T03:30:00+09:00"),
        ((2011, 12, 30, 12, 0), "Pacific/Apia", "date-nonexistent", "2011-12-31T12:00:00+14:00"),
    ],
)
def test_a_time_at_a_clock_change_is_read_by_the_rule_and_said_so(
    naive: tuple[int, int, int, int, int], zone: str, code: str, expected: str
) -> None:
    article = _parse(dt.datetime(*naive), zone)  # noqa: DTZ001 - zone-less on purpose
    assert article.date.isoformat() == expected
    codes = [warning.code for warning in article.warnings]
    assert codes == ["date-assumed-zone", code]
    assert expected in article.warnings[1].message
    _assert_round_trips(article)


def test_an_ordinary_time_keeps_its_zone_and_one_warning() -> None:
    article = _parse(dt.datetime(2021, 7, 1, 12, 0), "America/New_York")  # noqa: DTZ001
    assert article.date.tzinfo == ZoneInfo("America/New_York")
    assert [warning.code for warning in article.warnings] == ["date-assumed-zone"]
    _assert_round_trips(article)


@functools.cache
def _changes(zone: str, year: int) -> tuple[dt.datetime, ...]:
    """The instants (UTC) in ``year`` at which ``zone``'s offset changes."""
    tz = ZoneInfo(zone)
    start = dt.datetime(year, 1, 1, tzinfo=_UTC)
    days = [start + dt.timedelta(days=day) for day in range(367)]
    changes = []
    for before, after in itertools.pairwise(days):
        if before.astimezone(tz).utcoffset() != after.astimezone(tz).utcoffset():
            low, high = before, after  # bisect to the minute
            while high - low > dt.timedelta(minutes=1):
                middle = low + (high - low) / 2
                same = middle.astimezone(tz).utcoffset() == low.astimezone(tz).utcoffset()
                low, high = (middle, high) if same else (low, middle)
            changes.append(high)
    return tuple(changes)


@st.composite
def times_near_clock_changes(draw: st.DrawFn) -> tuple[dt.datetime, str]:
    """A zone-less time within three hours of one of the zone's clock changes, 1900-2100."""
    zone = draw(st.sampled_from(ZONES[:-1]))
    year = draw(st.integers(1900, 2100))
    changes = _changes(zone, year)
    if not changes:
        naive = draw(st.datetimes(dt.datetime(year, 1, 1), dt.datetime(year, 12, 31)))  # noqa: DTZ001
        return naive.replace(microsecond=0), zone
    change = draw(st.sampled_from(changes)).astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    minutes = draw(st.integers(-180, 180))
    naive = change + dt.timedelta(minutes=minutes, seconds=draw(st.integers(0, 59)))
    return naive.replace(microsecond=0), zone


_ANY_TIME = st.tuples(
    st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 12, 31)).map(  # noqa: DTZ001
        lambda naive: naive.replace(microsecond=0)
    ),
    st.sampled_from(ZONES),
)


@settings(max_examples=400, deadline=None)
@given(times_near_clock_changes() | _ANY_TIME)
@example((dt.datetime(2021, 11, 7, 1, 30), "America/New_York"))  # noqa: DTZ001
@example((dt.datetime(2021, 3, 14, 2, 30), "America/New_York"))  # noqa: DTZ001
@example((dt.datetime(1986, 5, 4, 2, 30), "Asia/Shanghai"))  # noqa: DTZ001
@example((dt.datetime(1900, 12, 31, 23, 57), "Asia/Shanghai"))  # noqa: DTZ001 - LMT ends
@example((dt.datetime(2100, 12, 31, 23, 59, 59), "Pacific/Apia"))  # noqa: DTZ001
def test_any_zone_less_time_round_trips_exactly(case: tuple[dt.datetime, str]) -> None:
    naive, zone = case
    article = _parse(naive, zone)
    _assert_round_trips(article)
    # The instant is the one the offset before any change gives (PEP 495's fold=0).
    assert article.date == naive.replace(tzinfo=ZoneInfo(zone)).astimezone(_UTC)
    # The wall time is the one written, unless the zone skipped it.
    moved = [warning for warning in article.warnings if warning.code == "date-nonexistent"]
    assert (article.date.replace(tzinfo=None) == naive) == (not moved)
