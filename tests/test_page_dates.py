"""A page's date errors name the element they read and quote it; ISO times with
an offset are read; page and feed-item errors say what they are."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

import sinaparse
from sinaparse import DateError, FrontMatterError

from .posts import make_feed, make_page, paragraph

BEIJING = dt.timezone(dt.timedelta(hours=8))
NO_METAS = ('<meta property="og:url" content="https://news.sina.com.cn/c/x.shtml">',)


def _page(shown: str, metas: tuple[str, ...] = NO_METAS) -> str:
    return make_page(paragraph("正文。"), date=shown, metas=metas)


@pytest.mark.parametrize(
    ("shown", "element", "text"),
    [
        (
            '<div class="date-source"><span class="date">2023-05-12</span></div>',
            "span.date",
            "2023-05-12",
        ),
        (
            '<div class="date-source"><span class="date">05月12日 09:30</span></div>',
            "span.date",
            "05月12日 09:30",
        ),
        (
            '<div class="date-source"><span class="date">今天 09:30</span></div>',
            "span.date",
            "今天 09:30",
        ),
        ('<span class="time-source">昨天 10:10</span>', "span.time-source", "昨天 10:10"),
        ('<div><span id="pub_date">2019年09月</span></div>', "span#pub_date", "2019年09月"),
        ('<time class="weibo_time">刚刚</time>', "time.weibo_time", "刚刚"),
    ],
)
def test_an_unreadable_shown_date_is_named_and_quoted(shown: str, element: str, text: str) -> None:
    with pytest.raises(DateError) as caught:
        sinaparse.parse_page(_page(shown))
    message = str(caught.value)
    assert message.startswith("page: ")
    assert element in message
    assert repr(text) in message
    assert "no span.date" not in message


def test_a_page_without_any_date_still_says_what_was_looked_for() -> None:
    with pytest.raises(DateError, match=r"^page: no date: no span.date, .time-source"):
        sinaparse.parse_page(_page("<div class='other'>无日期</div>"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-05-12T09:30:15+08:00", dt.datetime(2023, 5, 12, 9, 30, 15, tzinfo=BEIJING)),
        ("2023-05-12T01:30:15Z", dt.datetime(2023, 5, 12, 1, 30, 15, tzinfo=dt.timezone.utc)),
        (
            "2023-05-12T09:30:15.250-0500",
            dt.datetime(2023, 5, 12, 9, 30, 15, tzinfo=dt.timezone(-dt.timedelta(hours=5))),
        ),
        ("2023-05-12T09:30", dt.datetime(2023, 5, 12, 9, 30, tzinfo=BEIJING)),  # no offset: Beijing
    ],
)
def test_an_iso_shown_date_is_read_in_its_offset(text: str, expected: dt.datetime) -> None:
    shown = f'<div class="date-source"><span class="date">{text}</span></div>'
    date = sinaparse.parse_page(_page(shown)).date
    assert date == expected
    assert date.utcoffset() == expected.utcoffset()


def test_the_page_date_unreadable_warning_names_the_element() -> None:
    shown = '<div class="date-source"><span class="date">2023-05-12</span></div>'
    metas = ('<meta name="weibo: article:create_at" content="2023-05-12 09:30:15">',)
    article = sinaparse.parse_page(_page(shown, metas))
    (warning,) = [w for w in article.warnings if w.code == "page-date-unreadable"]
    assert "span.date '2023-05-12'" in warning.message


def test_a_page_without_a_title_is_a_page_error() -> None:
    page = make_page(paragraph("正文。"), title="").replace("<title>标题_新浪新闻</title>", "")
    with pytest.raises(FrontMatterError, match=r"^page: no title: no h1.main-title") as caught:
        sinaparse.parse_page(page)
    placed = caught.value.with_position(path="a.html")
    assert str(placed).startswith("a.html: page: no title")
    assert str(pickle.loads(pickle.dumps(placed))) == str(placed)


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"title": "", "description": "<p>x</p>"}, "feed item 1: no title"),
        ({"date": "", "description": "<p>x</p>"}, "feed item 1: no date"),
        ({"date": "yesterday", "description": "<p>x</p>"}, "feed item 1: its date is"),
    ],
)
def test_a_feed_items_errors_say_which_item(item: dict[str, str], expected: str) -> None:
    _, second = sinaparse.parse_feed(make_feed([{"description": "<p>x</p>"}, item]))
    assert isinstance(second.error, FrontMatterError)
    assert expected in str(second.error)
    assert "front matter" not in str(second.error)
    assert str(pickle.loads(pickle.dumps(second.error))) == str(second.error)


def test_a_posts_errors_are_still_front_matter_errors() -> None:
    with pytest.raises(DateError, match="front matter: "):
        sinaparse.parse("---\ntitle: x\ndate: yesterday\n---\n<p>x</p>")
