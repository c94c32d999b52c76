"""Every supported date form becomes an aware datetime at the right instant."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

import sinaparse
from sinaparse import DateError, ParseOptions
from sinaparse._front_matter.dates import AMBIGUOUS_ZONES

from .conftest import ROOT
from .posts import make_feed, make_page, make_post, paragraph

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
        pytest.param("'Mon, 02 Aug 2021 20:49:57 +08:00'", id="rfc2822-offset-with-colon"),
        pytest.param("'Monday, 02 Aug 2021 20:49:57 +0800'", id="rfc2822-full-weekday"),
        pytest.param("'2021-08-02 20:49:57 +0800'", id="iso-then-offset-apart"),
        pytest.param("'2021-08-02 20:49:57 +08:00'", id="iso-then-offset-with-colon-apart"),
        pytest.param("'2021-08-02 08:49:57 -04:00'", id="iso-then-negative-offset"),
        pytest.param("'2021-08-02 20:49:57 GMT+0800'", id="iso-then-gmt-offset"),
        pytest.param("'2021年08月02日 20:49:57 +08:00'", id="chinese-then-offset"),
        pytest.param(
            "'Mon Aug 02 2021 20:49:57 GMT+0800 (China Standard Time)'", id="javascript-date"
        ),
        pytest.param("'Mon Aug 02 2021 08:49:57 GMT-0400'", id="javascript-date-no-name"),
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
        "2021-08-02 20:49:57 +2500",
        "2021-08-02 20:49:57 +0875",
        "2021-08-02T20:49:57+08:00 +0800",
        "Mon, 02 Aug 2021 20:49:57 +24:00",
        "Mon Aug 02 2021 20:49:57 GMT+0800 (a (nested) name)",
    ],
)
def test_impossible_or_unknown_dates_are_errors(text: str) -> None:
    with pytest.raises(DateError, match="not a date"):
        _date(f"'{text}'")


# --- Ambiguous zone abbreviations ------------------------------------------------------

BEIJING = dt.timezone(dt.timedelta(hours=8))


def _zone_warnings(warnings: tuple[sinaparse.ParseWarning, ...]) -> list[str]:
    return [message for code, message in warnings if code == "date-zone-ambiguous"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Mon, 02 Aug 2021 20:49:57 CST", id="rfc2822"),
        pytest.param("Mon, 02 Aug 2021 20:49:57 cst", id="rfc2822-lower-case"),
        pytest.param("Mon Aug 02 20:49:57 CST 2021", id="java-date-to-string"),
        pytest.param("2021-08-02 20:49:57 CST", id="local-clock-and-zone-name"),
        pytest.param("2021-08-02T20:49:57 CST", id="iso-and-zone-name"),
        pytest.param("2021年08月02日 20:49:57 CST", id="chinese-and-zone-name"),
    ],
)
def test_cst_is_china_standard_time_and_says_so(text: str) -> None:
    article = sinaparse.parse(make_post(paragraph("正文"), date=f"'{text}'"))
    assert article.date == INSTANT
    assert article.date.utcoffset() == dt.timedelta(hours=8)
    (message,) = _zone_warnings(article.warnings)
    assert "CST read as China Standard Time (+08:00), not US Central (-06:00)" in message
    assert text in message


@pytest.mark.parametrize(
    ("text", "hours", "reading"),
    [
        pytest.param("Mon, 02 Aug 2021 18:19:57 IST", 5.5, "India Standard Time", id="IST"),
        pytest.param("Mon, 02 Aug 2021 13:49:57 BST", 1, "British Summer Time", id="BST"),
        pytest.param("Mon, 02 Aug 2021 08:49:57 AST", -4, "Atlantic Standard Time", id="AST"),
        pytest.param("2021-08-02 13:49:57 BST", 1, "British Summer Time", id="BST-local-clock"),
    ],
)
def test_other_ambiguous_zones_are_read_in_one_meaning_and_say_which(
    text: str, hours: float, reading: str
) -> None:
    article = sinaparse.parse(make_post(paragraph("正文"), date=f"'{text}'"))
    assert article.date == INSTANT
    assert article.date.utcoffset() == dt.timedelta(hours=hours)
    (message,) = _zone_warnings(article.warnings)
    assert f"read as {reading}" in message


@pytest.mark.parametrize(
    "text",
    [
        "Mon, 02 Aug 2021 12:49:57 GMT",
        "Mon, 02 Aug 2021 07:49:57 CDT",  # RFC 2822's: China has had no summer time since 1991
        "Mon, 02 Aug 2021 07:49:57 EST",  # -05:00 also on a summer date: the slip is not guessed
        "Mon Aug 02 21:49:57 JST 2021",
        "2021-08-02 12:49:57 UTC",
    ],
)
def test_unambiguous_zone_names_give_no_zone_warning(text: str) -> None:
    article = sinaparse.parse(make_post(paragraph("正文"), date=f"'{text}'"))
    assert article.date == INSTANT
    assert article.warnings == ()


@pytest.mark.parametrize(
    "text",
    [
        "Mon, 02 Aug 2021 12:49:57 ECT",  # Ecuador, Eastern Caribbean, European Central: not read
        "Mon Aug 02 12:49:57 XYZ 2021",
        "2021-08-02T20:49:57+08:00 CST",  # an offset and a name: which?
    ],
)
def test_unknown_or_doubled_zones_are_no_dates(text: str) -> None:
    with pytest.raises(DateError, match="not a date"):
        _date(f"'{text}'")


def test_a_feed_items_cst_date_is_beijing_time_and_says_so() -> None:
    feed = make_feed([{"title": "标题", "link": "https://finance.sina.com.cn/a.shtml",
                       "date": "Mon, 02 Aug 2021 20:49:57 CST", "description": paragraph("正文")}])  # fmt: skip
    (outcome,) = sinaparse.parse_feed(feed)
    assert outcome.article is not None
    assert outcome.article.date == INSTANT
    assert len(_zone_warnings(outcome.article.warnings)) == 1


def test_a_feed_items_zoneless_date_keeps_one_assumed_zone_warning() -> None:
    feed = make_feed([{"title": "标题", "link": "https://finance.sina.com.cn/a.shtml",
                       "date": "2021-08-02 20:49:57", "description": paragraph("正文")}])  # fmt: skip
    (outcome,) = sinaparse.parse_feed(feed)
    assert outcome.article is not None
    assert [code for code, _ in outcome.article.warnings] == ["date-assumed-zone"]


def test_a_pages_cst_date_meta_is_beijing_time_and_says_so() -> None:
    page = make_page(
        paragraph("正文"),
        date="",
        metas=('<meta property="article:published_time" content="Mon Aug 02 20:49:57 CST 2021">',),
    )
    article = sinaparse.parse_page(page)
    assert article.date == INSTANT
    assert len(_zone_warnings(article.warnings)) == 1


def test_the_ambiguous_zones_are_documented() -> None:
    fields = (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    for name, zone in AMBIGUOUS_ZONES.items():
        assert f"`{name}`" in fields
        assert zone.reading in fields


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Tue, 02 Aug 2021 12:49:57 GMT", id="rfc2822-another-day"),
        pytest.param("Sunday, 02 Aug 2021 20:49:57 +0800", id="rfc2822-full-name"),
        pytest.param("Fri, 02 Aug 2021 12:49:57", id="rfc2822-no-zone"),
        pytest.param("Xyz, 02 Aug 2021 12:49:57 GMT", id="rfc2822-no-weekday-name"),
        pytest.param("Wed Aug 02 20:49:57 CST 2021", id="java"),
        pytest.param("Sat Aug 02 2021 20:49:57 GMT+0800 (China Standard Time)", id="javascript"),
    ],
)
def test_a_weekday_that_is_not_the_dates_is_read_by_the_date_and_says_so(text: str) -> None:
    post = make_post(paragraph("正文"), date=f"'{text}'")
    article = sinaparse.parse(post, options=ParseOptions(default_tz="UTC"))
    assert article.date == INSTANT  # 2021-08-02 was a Monday
    (warning,) = [message for code, message in article.warnings if code == "date-weekday-mismatch"]
    assert "2021-08-02 is a Monday" in warning
    assert text.split()[0].rstrip(",") in warning


@pytest.mark.parametrize(
    "text",
    [
        "Mon, 02 Aug 2021 12:49:57 GMT",
        "mon, 02 Aug 2021 12:49:57 GMT",
        "Monday, 02 Aug 2021 20:49:57 +0800",
        "Mon Aug 02 20:49:57 CST 2021",
        "Sun, 01 Aug 2021 23:49:57 -1300",  # the day as written, in its own zone
    ],
)
def test_the_dates_own_weekday_gives_no_weekday_warning(text: str) -> None:
    article = sinaparse.parse(make_post(paragraph("正文"), date=f"'{text}'"))
    assert article.date == INSTANT
    assert "date-weekday-mismatch" not in [code for code, _ in article.warnings]


def test_a_feed_items_and_a_pages_wrong_weekday_say_so() -> None:
    feed = make_feed([{"title": "标题", "link": "https://finance.sina.com.cn/a.shtml",
                       "date": "Thu, 02 Aug 2021 12:49:57 GMT", "description": paragraph("正文")}])  # fmt: skip
    (outcome,) = sinaparse.parse_feed(feed)
    assert outcome.article is not None
    assert outcome.article.date == INSTANT
    assert "date-weekday-mismatch" in [code for code, _ in outcome.article.warnings]
    page = make_page(
        paragraph("正文"),
        date="",
        metas=('<meta property="article:published_time" content="Thu Aug 02 20:49:57 CST 2021">',),
    )
    article = sinaparse.parse_page(page)
    assert article.date == INSTANT
    assert "date-weekday-mismatch" in [code for code, _ in article.warnings]
