"""The flat record (``to_record()``) and the rows that name their source.

A record is one level of text, integers, booleans, None and lists of text,
keyed by ``RECORD_FIELDS`` in order, whatever the result: an Article, a page's
Article, a bare Body.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import (
    RECORD_FIELDS,
    Article,
    Body,
    Credit,
    Figure,
    Image,
    InputError,
    Outcome,
    Paragraph,
    ParseWarning,
    Stock,
)
from sinaparse.outputs import (
    ROW_FIELDS,
    SOURCE_FIELDS,
    article_json,
    check_fields,
    outcome_record,
    select_fields,
)

from .conftest import CORPUS, SEED
from .strategies import Expected, posts, sentences

UTC = dt.timezone.utc
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
PAGES = sorted((CORPUS / "pages").glob("*.html"))

# Each field's type in a record: what a table's column will hold.
TEXT, TEXTS = (str, type(None)), (list,)
FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "title": TEXT,
    "date": TEXT,
    "url": TEXT,
    "categories": TEXTS,
    "keywords": TEXTS,
    "channel": TEXT,
    "author": TEXT,
    "comments": (bool, type(None)),
    "head_image": TEXT,
    "thumbnail": TEXT,
    "original_title": TEXT,
    "source": TEXT,
    "editor": TEXT,
    "credits": TEXTS,
    "paragraphs": TEXTS,
    "text": (str,),
    "image_urls": TEXTS,
    "stocks": TEXTS,
    "warnings": TEXTS,
    "blocks": (str,),
    "extra": (str,),
}


def _article(**fields: Any) -> Article:
    defaults: dict[str, Any] = {
        "title": "标题",
        "date": dt.datetime(2021, 8, 2, 8, tzinfo=SHANGHAI),
    }
    return Article(**{**defaults, **fields})


def assert_flat(record: Mapping[str, object]) -> None:
    """The record's keys are RECORD_FIELDS in order, each value of its field's type."""
    assert tuple(record) == RECORD_FIELDS
    for name, value in record.items():
        assert isinstance(value, FIELD_TYPES[name]), (name, value)
        if isinstance(value, list):
            assert all(isinstance(item, str) for item in value), (name, value)


def test_the_record_fields_are_the_documented_order() -> None:
    assert RECORD_FIELDS[:3] == ("title", "date", "url")
    assert RECORD_FIELDS[-2:] == ("blocks", "extra")
    assert set(RECORD_FIELDS) == set(FIELD_TYPES)
    assert ("path", "item", *RECORD_FIELDS) == ROW_FIELDS
    assert SOURCE_FIELDS == ("path", "item")


# --- An article's record ------------------------------------------------------


def test_a_hand_built_articles_record_flattens_every_field() -> None:
    article = _article(
        url="https://finance.sina.com.cn/a.shtml",
        categories=["金融", "新浪财经"],
        keywords=["芯片"],
        channel="财经 > 美股",
        author="新浪财经",
        comments=False,
        head_image=Image("https://n.sinaimg.cn/h.jpg", caption="头图"),
        thumbnail=None,
        original_title="原题",
        source="新华社",
        editor="张三",
        credits=[Credit("记者", "高健"), Credit("作者 见习记者", "Jack Ma")],
        paragraphs=["第一段", "第二段"],
        blocks=[Paragraph("第一段"), Figure(Image("https://n.sinaimg.cn/a.jpg"))],
        images=[Image("https://n.sinaimg.cn/a.jpg", width=640, height=387)],
        stocks=[Stock("sh", "600519", "贵州茅台"), Stock("us", "CKHUY")],
        warnings=[ParseWarning("title-underscore", "the title holds _")],
        extra={"tags": ["财经", "新闻"], "n": 1},
    )

    record = article.to_record()

    assert_flat(record)
    assert record == {
        "title": "标题",
        "date": "2021-08-02T08:00:00+08:00",
        "url": "https://finance.sina.com.cn/a.shtml",
        "categories": ["金融", "新浪财经"],
        "keywords": ["芯片"],
        "channel": "财经 > 美股",
        "author": "新浪财经",
        "comments": False,
        "head_image": "https://n.sinaimg.cn/h.jpg",
        "thumbnail": None,
        "original_title": "原题",
        "source": "新华社",
        "editor": "张三",
        "credits": ["记者：高健", "作者 见习记者：Jack Ma"],
        "paragraphs": ["第一段", "第二段"],
        "text": "第一段\n第二段",
        "image_urls": ["https://n.sinaimg.cn/a.jpg"],
        "stocks": ["sh600519", "usCKHUY"],
        "warnings": ["title-underscore: the title holds _"],
        "blocks": '[{"type": "paragraph", "text": "第一段"}, {"type": "figure", "image": '
        '{"url": "https://n.sinaimg.cn/a.jpg", "alt": null, "caption": null, '
        '"width": null, "height": null}}]',
        "extra": '{"tags": ["财经", "新闻"], "n": 1}',
    }


def test_a_bare_bodys_record_has_the_same_keys_with_the_article_fields_empty() -> None:
    body = Body(paragraphs=["正文"], source="新华社", stocks=[Stock("sz", "000061")])

    record = body.to_record()

    assert_flat(record)
    article_only = {name: record[name] for name in RECORD_FIELDS[:10]}
    assert article_only == {
        "title": None,
        "date": None,
        "url": None,
        "categories": [],
        "keywords": [],
        "channel": None,
        "author": None,
        "comments": None,
        "head_image": None,
        "thumbnail": None,
    }
    assert (record["source"], record["stocks"], record["extra"]) == ("新华社", ["sz000061"], "{}")


def test_the_seed_posts_record() -> None:
    article = sinaparse.parse_file(SEED)

    record = article.to_record()

    assert_flat(record)
    assert record["title"] == "超前布局6G网络！北京将打造全球数字经济标杆城市"
    assert record["date"] == "2021-08-02T12:49:57+00:00"
    assert record["categories"] == ["金融", "新浪财经", "新浪财经－国內"]
    assert record["editor"] == "蒋晓桐"
    assert article.head_image is not None
    assert record["head_image"] == record["thumbnail"] == article.head_image.url
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.stem)
def test_a_pages_record_matches_its_expected_file(page: Path) -> None:
    expected = json.loads((CORPUS / "expected" / f"{page.name}.json").read_text("utf-8"))

    record = sinaparse.parse_page(page.read_bytes()).to_record()

    assert_flat(record)
    for name in ("title", "date", "url", "keywords", "channel", "author", "source", "editor"):
        assert record[name] == expected[name], name
    assert record["credits"] == [
        f"{credit['role']}：{credit['name']}" for credit in expected.get("credits", ())
    ]
    assert record["original_title"] == expected["original_title"]
    assert record["image_urls"] == [image["url"] for image in expected["images"]]
    assert record["stocks"] == [market + symbol for market, symbol, *_ in expected["stocks"]]


def test_the_date_keeps_the_articles_own_zone() -> None:
    record = _article(date=dt.datetime(2021, 8, 2, 20, 0, 5, tzinfo=SHANGHAI)).to_record()

    assert record["date"] == "2021-08-02T20:00:05+08:00"


@pytest.mark.parametrize(
    ("value", "written"),
    [(b"hello", "aGVsbG8="), ({"b", "a"}, ["a", "b"])],
    ids=["bytes", "set"],
)
def test_extra_values_json_cannot_hold_take_the_json_writers_form(
    value: object, written: object
) -> None:
    article = _article(extra={"odd": value})

    extra = article.to_record()["extra"]

    assert isinstance(extra, str)
    assert json.loads(extra) == {"odd": written}
    assert json.loads(extra) == json.loads(article_json(article))["extra"]


# --- Invariants -----------------------------------------------------------------

SLOW = settings(max_examples=150, deadline=None)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
built_articles = st.builds(
    _article,
    title=sentences(),
    date=st.datetimes(
        timezones=st.sampled_from([UTC, SHANGHAI, dt.timezone(-dt.timedelta(hours=5))])
    ),
    categories=st.lists(sentences(), max_size=3),
    keywords=st.lists(sentences(), max_size=3),
    comments=st.none() | st.booleans(),
    paragraphs=st.lists(sentences(), max_size=4),
    stocks=st.lists(
        st.builds(Stock, st.sampled_from(["sh", "sz", "hk"]), st.from_regex(r"\A[0-9]{6}\Z")),
        max_size=3,
    ),
    warnings=st.lists(
        st.tuples(st.sampled_from(["url-invalid", "media-dropped"]), sentences()), max_size=2
    ),
    extra=st.dictionaries(st.text(max_size=6), json_values, max_size=4),
)


@SLOW
@given(posts())
def test_a_parsed_posts_record_is_flat_json_and_holds_its_paragraphs(
    case: tuple[str, Expected],
) -> None:
    article = sinaparse.parse(case[0])

    record = article.to_record()

    assert_flat(record)
    assert json.loads(json.dumps(record, ensure_ascii=False, allow_nan=False)) == record
    assert record["paragraphs"] == list(article.paragraphs)
    assert record["image_urls"] == [image.url for image in article.images]


@SLOW
@given(built_articles)
def test_a_records_json_fields_give_back_the_articles_data(article: Article) -> None:
    record = article.to_record()

    assert_flat(record)
    assert isinstance(record["extra"], str)
    assert isinstance(record["blocks"], str)
    assert json.loads(record["extra"]) == dict(article.extra)
    assert json.loads(record["blocks"]) == article.to_dict()["blocks"]
    assert isinstance(record["date"], str)
    date = dt.datetime.fromisoformat(record["date"])
    assert (date, date.utcoffset()) == (article.date, article.date.utcoffset())
    assert record["warnings"] == [f"{code}: {message}" for code, message in article.warnings]
    assert record["paragraphs"] == list(article.paragraphs)


# --- Rows that name their source ---------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "source"),
    [
        pytest.param(Outcome("a.md", article=_article()), ("a.md", None), id="post"),
        pytest.param(Outcome("f.xml", article=_article(), item=4), ("f.xml", 4), id="feed-item"),
        pytest.param(
            Outcome("b.html", body=Body(paragraphs=["正文"])), ("b.html", None), id="body"
        ),
    ],
)
def test_an_outcomes_row_is_its_source_then_its_record(
    outcome: Outcome, source: tuple[str, int | None]
) -> None:
    result = outcome.article or outcome.body
    assert result is not None

    row = outcome_record(outcome)

    assert tuple(row) == ROW_FIELDS
    assert (row["path"], row["item"]) == source
    assert {name: row[name] for name in RECORD_FIELDS} == result.to_record()


def test_a_failed_outcome_has_no_row() -> None:
    failed = Outcome("bad.md", error=InputError("cannot read the file", path="bad.md"))

    with pytest.raises(ValueError, match="failed outcome"):
        outcome_record(failed)


def test_select_fields_keeps_the_order_asked_for() -> None:
    row = outcome_record(Outcome("a.md", article=_article(), item=None))

    assert select_fields(row, ["text", "path", "title"]) == {
        "text": "",
        "path": "a.md",
        "title": "标题",
    }


def test_select_fields_of_a_record_without_its_source_gives_none_for_it() -> None:
    record = _article().to_record()

    assert select_fields(record, ["path", "item", "title"]) == {
        "path": None,
        "item": None,
        "title": "标题",
    }
    with pytest.raises(KeyError):
        select_fields(record, ["nosuch"])


@pytest.mark.parametrize("fields", [["title"], list(ROW_FIELDS), ["extra", "path"]])
def test_check_fields_accepts_any_choice_of_known_fields(fields: list[str]) -> None:
    check_fields(fields, ROW_FIELDS)


def test_check_fields_names_every_unknown_field_and_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="unknown fields") as raised:
        check_fields(["title", "titel", "dat"], ("title", "date"))

    assert str(raised.value) == "unknown fields 'titel', 'dat'; the fields are: title, date"


@pytest.mark.parametrize(
    ("fields", "message"),
    [([], "no fields given"), (["title", "url", "title"], "named more than once: 'title'")],
    ids=["none", "twice"],
)
def test_check_fields_refuses_no_fields_and_a_field_named_twice(
    fields: list[str], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        check_fields(fields)
