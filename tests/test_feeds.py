"""RSSHub feeds: one Outcome per item, both description forms, RSS and Atom; the
XML read as a stream, without DTDs or entities, within limits."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import attrs
import pytest

import sinaparse
from sinaparse import InputError, Outcome, SinaParseError
from sinaparse._sources.feed import Feed
from sinaparse._sources.post import split_post
from sinaparse._sources.read import read_source

from .conftest import CORPUS
from .posts import make_feed, paragraph
from .timing import growth

POSTS = sorted((CORPUS / "posts").glob("*.md"))
BODY_FIELDS = ("paragraphs", "blocks", "images", "stocks", "original_title", "source", "editor")
FORMS = [("escaped", False), ("cdata", False), ("escaped", True), ("cdata", True)]
FORM_IDS = ["rss-escaped", "rss-cdata", "atom-escaped", "atom-cdata"]


def _body_of(post: Path) -> str:
    return split_post(read_source(post.read_bytes(), max_bytes=1 << 24)).body


@pytest.mark.parametrize(("form", "atom"), FORMS, ids=FORM_IDS)
def test_feeds_of_the_corpus_posts_bodies_give_the_posts_body_fields(form: str, atom: bool) -> None:
    items = [{"title": f"标题{n}", "description": _body_of(post)} for n, post in enumerate(POSTS)]
    outcomes = list(sinaparse.parse_feed(make_feed(items, form=form, atom=atom)))
    assert [outcome.item for outcome in outcomes] == list(range(len(POSTS)))
    for post, outcome in zip(POSTS, outcomes, strict=True):
        assert outcome.article is not None, (post.name, outcome.error)
        expected = sinaparse.parse_file(post)
        got = {field: getattr(outcome.article, field) for field in BODY_FIELDS}
        assert got == {field: getattr(expected, field) for field in BODY_FIELDS}, post.name


ITEM = {
    "title": "1-2月经济数据远超预期",
    "link": "http://finance.sina.com.cn/china/2022-03-15/doc-x.shtml",
    "creator": "证券时报",
    "categories": "经济,基建,经济",
    "description": paragraph("正文第一段。") + '<p class="article-editor">责任编辑：张三 SF014</p>',
}


@pytest.mark.parametrize(("form", "atom"), FORMS, ids=FORM_IDS)
def test_an_items_fields(form: str, atom: bool) -> None:
    date = "2022-03-15T10:30:00+08:00" if atom else "Tue, 15 Mar 2022 02:30:00 GMT"
    (outcome,) = sinaparse.parse_feed(make_feed([{**ITEM, "date": date}], form=form, atom=atom))
    article = outcome.article
    assert article is not None
    assert (outcome.path, outcome.item, outcome.ok) == ("<feed>", 0, True)
    assert article.title == "1-2月经济数据远超预期"
    assert article.url == "https://finance.sina.com.cn/china/2022-03-15/doc-x.shtml"
    assert article.date == dt.datetime(2022, 3, 15, 2, 30, tzinfo=dt.timezone.utc)
    assert (article.author, article.source, article.editor) == ("证券时报", "证券时报", "张三")
    assert article.keywords == ("经济", "基建")
    assert article.channel is None
    assert article.paragraphs == ("正文第一段。",)


def test_rss_author_dc_date_content_encoded_and_atom_published_and_summary() -> None:
    rss = (
        '<rss xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item>'
        "<title>T</title><author>新浪财经</author><dc:date>2021-08-02T12:49:57Z</dc:date>"
        "<description>&lt;p&gt;摘要&lt;/p&gt;</description>"
        "<content:encoded><![CDATA[<p>全文</p>]]></content:encoded></item></channel></rss>"
    )
    (outcome,) = sinaparse.parse_feed(rss)
    assert outcome.article is not None
    assert (outcome.article.author, outcome.article.paragraphs) == ("新浪财经", ("全文",))
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title>'
        '<link rel="self" href="https://x.example/self"/><link href="https://k.sina.cn/a"/>'
        "<published>2021-08-02T12:49:57Z</published><updated>2021-09-01T00:00:00Z</updated>"
        '<category term="t" label="标签"/><summary>摘要</summary></entry></feed>'
    )
    (outcome,) = sinaparse.parse_feed(atom)
    article = outcome.article
    assert article is not None
    assert article.url == "https://k.sina.cn/a"
    assert article.date == dt.datetime(2021, 8, 2, 12, 49, 57, tzinfo=dt.timezone.utc)
    assert (article.keywords, article.paragraphs) == (("标签",), ("摘要",))


def test_atom_xhtml_content_is_read_as_html() -> None:
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title>'
        '<updated>2021-08-02T12:49:57Z</updated><content type="xhtml">'
        '<div xmlns="http://www.w3.org/1999/xhtml"><p>一</p><p>二 <b>粗</b></p></div>'
        "</content></entry></feed>"
    )
    (outcome,) = sinaparse.parse_feed(atom)
    assert outcome.article is not None
    assert outcome.article.paragraphs == ("一", "二 粗")


# --- One bad item -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "error"),
    [
        ({"title": ""}, "no title"),
        ({"date": "not a date"}, "date"),
        ({"date": ""}, "no date"),
        ({"description": "<p>" + "深" * 5000 + "</p>"}, "longer than"),
    ],
    ids=["no-title", "bad-date", "no-date", "body-too-long"],
)
def test_one_bad_item_is_an_error_outcome_not_a_failed_feed(
    bad: dict[str, str], error: str
) -> None:
    items = [ITEM, {**ITEM, **bad}, ITEM]
    options = attrs.evolve(sinaparse.DEFAULT_OPTIONS, max_bytes=4096)  # 5,000 characters: too long
    outcomes = list(sinaparse.parse_feed(make_feed(items), options=options))
    assert [outcome.ok for outcome in outcomes] == [True, False, True]
    failed = outcomes[1]
    assert failed.item == 1
    assert isinstance(failed.error, SinaParseError)
    assert error in str(failed.error)
    assert failed.error.line is not None
    assert failed.error.line > 1


def test_an_item_description_over_max_bytes_is_an_error_outcome() -> None:
    options = attrs.evolve(sinaparse.DEFAULT_OPTIONS, max_bytes=1_000)
    items = [ITEM, {**ITEM, "description": paragraph("长" * 2_000)}]
    outcomes = list(sinaparse.parse_feed(make_feed(items), options=options))
    assert [outcome.ok for outcome in outcomes] == [True, False]
    assert isinstance(outcomes[1].error, InputError)


def test_where_the_xml_breaks_the_items_before_stay_and_one_error_ends_the_feed() -> None:
    items = make_feed([ITEM] * 5).split("<item>")
    items[3] = items[3].replace("<title>", "<title>&nbsp;", 1)  # the third item
    feed = "<item>".join(items)
    outcomes = list(sinaparse.parse_feed(feed))
    assert [outcome.ok for outcome in outcomes] == [True, True, False]
    assert outcomes[-1].item == 2
    assert outcomes[-1].error is not None
    assert "nbsp" in str(outcomes[-1].error)
    assert outcomes[-1].error.line is not None


def test_too_many_items_end_with_one_error_outcome() -> None:
    options = attrs.evolve(sinaparse.DEFAULT_OPTIONS, max_feed_items=3)
    outcomes = list(sinaparse.parse_feed(make_feed([ITEM] * 5), options=options))
    assert [outcome.ok for outcome in outcomes] == [True, True, True, False]
    assert "more than 3 items" in str(outcomes[-1].error)


# --- Not a feed, DTDs, entities, size -------------------------------------------------


@pytest.mark.parametrize(
    "document",
    [
        "<html><body><p>x</p></body></html>",
        "",
        '{"items": []}',
        b"\x89PNG\r\n\x1a\n\x00\x00",
        "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>",
        "---\ntitle: x\n---\n<p>x</p>",
        '<feed xmlns="http://example.com/not-atom"/>',
    ],
    ids=["html", "empty", "json", "binary", "rdf", "post", "feed-of-another-namespace"],
)
def test_a_document_that_is_not_a_feed_is_an_error_at_the_call(document: str | bytes) -> None:
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        sinaparse.parse_feed(document)


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">',
    ],
    ids=["billion-laughs", "external-entity", "external-dtd"],
)
def test_a_feed_with_a_dtd_is_refused_and_nothing_is_expanded_or_fetched(prolog: str) -> None:
    feed = make_feed([{**ITEM, "title": "&b;"}]).replace("?>\n", "?>\n" + prolog + "\n", 1)
    with pytest.raises(InputError, match="document type declaration"):
        sinaparse.parse_feed(feed)


def test_a_feed_over_max_feed_bytes_is_refused_at_the_call() -> None:
    options = attrs.evolve(sinaparse.DEFAULT_OPTIONS, max_feed_bytes=1_000)
    feed = make_feed([ITEM] * 10)
    with pytest.raises(InputError, match="max_feed_bytes"):
        sinaparse.parse_feed(feed, options=options)
    with pytest.raises(InputError, match="max_feed_bytes"):
        sinaparse.parse_feed(feed.encode(), options=options)


@pytest.mark.parametrize(
    "data",
    [
        make_feed([ITEM]).replace('encoding="UTF-8"', 'encoding="gb2312"').encode("gb18030"),
        make_feed([ITEM]).replace('encoding="UTF-8"', 'encoding="GBK"').encode("gbk"),
        b"\xef\xbb\xbf" + make_feed([ITEM]).encode(),
        make_feed([ITEM]).replace('encoding="UTF-8"', 'encoding="gb2312"'),  # text
    ],
    ids=["gb2312", "gbk", "bom", "str-declaring-gb2312"],
)
def test_a_feed_in_its_declared_encoding(data: str | bytes) -> None:
    (outcome,) = sinaparse.parse_feed(data)
    assert outcome.article is not None
    assert outcome.article.paragraphs == ("正文第一段。",)


# --- A stream -----------------------------------------------------------------------


def _largest_tree(count: int) -> int:
    """The most elements the tree holds while a feed of ``count`` items is read."""
    feed = Feed(make_feed([ITEM] * count), max_bytes=1 << 30, max_items=100_000)
    largest = 0
    for item in feed:
        assert item.title == ITEM["title"]
        assert feed.root is not None
        largest = max(largest, sum(1 for _ in feed.root.iter()))
    return largest


def test_the_tree_holds_what_one_read_ahead_holds_however_long_the_feed() -> None:
    """Items are cleared once read: the tree holds the items lxml has parsed ahead
    (one 32 KiB chunk of XML), not the feed."""
    assert _largest_tree(5_000) <= _largest_tree(500) + 50


def test_an_item_is_parsed_only_when_its_outcome_is_asked_for() -> None:
    feed = make_feed([ITEM, {**ITEM, "title": ""}])
    outcomes = sinaparse.parse_feed(feed)
    first = next(outcomes)
    assert first.ok
    assert not next(outcomes).ok


def test_a_feed_costs_linear_time() -> None:
    feeds = {count: make_feed([ITEM] * count).encode() for count in (300, 600)}

    def parse_all(count: int) -> None:
        for _ in sinaparse.parse_feed(feeds[count]):
            pass

    # A copy of the document per item would make this near 4.
    assert growth(parse_all, 300) < 3.0


def test_feed_outcomes_pickle_and_compare() -> None:
    (outcome,) = sinaparse.parse_feed(make_feed([ITEM]))
    assert pickle.loads(pickle.dumps(outcome)) == outcome
    assert Outcome("<feed>", article=outcome.article, item=0) == outcome
    assert Outcome("<feed>", article=outcome.article, item=1) != outcome


UTF8_TITLE = {
    **ITEM,
    "title": "央行宣布降准",
    "description": paragraph("中国人民银行决定下调存款准备金率。"),
}


@pytest.mark.parametrize(
    "label",
    ["gb2312", "GBK", "gb18030", "x-gbk", "chinese", "gb_2312", "csiso58gb231280",
     "iso-8859-1", "windows-1252", "big5", "shift_jis", "hz-gb-2312"],
)  # fmt: skip
def test_a_feed_declaring_another_encoding_but_in_utf8_is_read_as_utf8(label: str) -> None:
    data = make_feed([UTF8_TITLE]).replace('encoding="UTF-8"', f'encoding="{label}"').encode()
    (outcome,) = sinaparse.parse_feed(data)
    assert outcome.article is not None
    assert outcome.article.title == "央行宣布降准"
    assert outcome.article.paragraphs == ("中国人民银行决定下调存款准备金率。",)


@pytest.mark.parametrize("label", ["chinese", "gb_2312", "csiso58gb231280", "GBK"])
def test_every_label_browsers_read_as_gbk_reads_gb_bytes(label: str) -> None:
    text = make_feed([UTF8_TITLE]).replace('encoding="UTF-8"', f'encoding="{label}"')
    (outcome,) = sinaparse.parse_feed(text.encode("gb18030"))
    assert outcome.article is not None
    assert outcome.article.title == "央行宣布降准"


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (
            make_feed([ITEM])
            .replace('encoding="UTF-8"', 'encoding="gb2312"')
            .encode("gb18030")
            .replace("正文".encode("gb18030"), b"\x81\x20"),
            "not valid GB18030 (the feed declares gb2312, and they are not UTF-8 either): byte 0x81",
        ),
        (
            make_feed([ITEM]).encode().replace("正文".encode(), b"\xe6\x20"),
            "not valid UTF-8: byte 0xe6",
        ),
        (
            make_feed([ITEM] * 2_000)
            .replace('encoding="UTF-8"', 'encoding="gbk"')
            .encode("gbk")
            .replace(b"</channel>", b"\x81\x20</channel>"),
            "not valid GB18030 (the feed declares gbk, and they are not UTF-8 either): byte 0x81",
        ),
    ],
    ids=["gb-first-chunk", "utf8", "gb-later-chunk"],
)
def test_bytes_not_in_the_feeds_encoding_are_named(data: bytes, named: str) -> None:
    try:
        outcomes = list(sinaparse.parse_feed(data))
    except InputError as error:  # before the first element: the feed is refused
        message = str(error)
    else:
        assert outcomes[-1].error is not None
        message = str(outcomes[-1].error)
    assert named in message
    offset = data.index(b"\x81\x20" if b"\x81\x20" in data else b"\xe6\x20")
    assert f"at offset {offset:,}" in message
    assert "not an RSS or Atom feed" not in message
