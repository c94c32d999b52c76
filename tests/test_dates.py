"""Every supported date form becomes an aware datetime at the right instant."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

import sinaparse
from sinaparse import DateError, ParseOptions

from .posts import make_post, paragraph

UTC = dt.timezone.utc
SHANGHAI = ZoneInfo("Asia/Shanghai")
INSTANT = dt.datetime(2021, 8, 2, 12, 49, 57, tzinfo=UTC)


def _date(text: str, **options: object) -> dt.datetime:
    post = make_post(paragraph("正文"), date=text)
    return sinaparse.parse(post, options=ParseOptions(**options)).date  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Mon, 02 Aug 2021 12:49:57 GMT", id="rfc2822-gmt"),
        pytest.param("Mon, 02 Aug 2021 12:49:57 UT", id="rfc2822-ut"),
        pytest.param("Mon, 02 Aug 2021 20:49:57 +0800", id="rfc2822-offset"),
        pytest.param("Mon, 2 Aug 2021 08:49:57 EDT", id="rfc2822-zone-name"),
        pytest.param("02 Aug 2021 21:49:57 JST", id="rfc2822-no-weekday-asian-zone"),
        pytest.param("'2021-08-02T12:49:57Z'", id="iso-z"),
        pytest.param("2021-08-02T20:49:57+08:00", id="iso-offset"),
        pytest.param("20210802T124957Z", id="iso-basic"),
        pytest.param("2021-08-02 20:49:57", id="local-clock-in-default-tz"),
        pytest.param("2021年08月02日 20:49:57", id="chinese-with-seconds"),
    ],
)
def test_forms_give_the_same_instant(text: str) -> None:
    date = _date(text)
    assert date.tzinfo is not None
    assert date == INSTANT


def test_chinese_form_without_seconds() -> None:
    assert _date("2021年08月02日 20:49") == dt.datetime(2021, 8, 2, 20, 49, tzinfo=SHANGHAI)


def test_date_without_zone_is_read_in_default_tz_and_says_so() -> None:
    post = make_post(paragraph("正文"), date="2021-08-02 12:49:57")
    article = sinaparse.parse(post, options=ParseOptions(default_tz="UTC"))
    assert article.date == INSTANT
    assert [code for code, _ in article.warnings] == ["date-assumed-zone"]


def test_a_zoned_date_gives_no_warning() -> None:
    assert sinaparse.parse(make_post(paragraph("正文"))).warnings == ()


@pytest.mark.parametrize(
    "text",
    [
        "Mon, 32 Aug 2021 12:49:57 GMT",
        "Mon, 02 Aug 2021 12:49:57 XYZT",
        "2021-02-30 10:00:00",
        "2021年13月02日 20:49",
        "next tuesday",
        "12345",
    ],
)
def test_impossible_or_unknown_dates_are_errors(text: str) -> None:
    with pytest.raises(DateError, match="not a date"):
        _date(f"'{text}'")
