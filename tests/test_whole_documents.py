"""A whole HTML document is a page, whatever it holds; a feed's document type
declaration does not hide its root; an empty feed is accounted for."""

from __future__ import annotations

import time
from pathlib import Path

import attrs
import pytest

import sinaparse
from sinaparse import BodyError, InputError
from sinaparse._sources.kind import input_kind
from sinaparse.batch import parse_many

from .conftest import CORPUS
from .posts import make_feed, make_page, paragraph

_HEAD = '<head><meta charset="utf-8"><title>{}</title></head>'
NOT_ARTICLES = {
    "404": "<!DOCTYPE html><html>" + _HEAD.format("页面没有找到 404") + "<body><h1>404</h1>"
    "<p>抱歉，您访问的页面不存在或已被删除！</p><p><a href='https://www.sina.com.cn/'>返回新浪首页</a></p>"
    "</body></html>",
    "index": "<!doctype html>\n<html lang='zh'>" + _HEAD.format("新浪财经_新浪网") + "<body>"
    "<ul class='nav'><li><a href='#'>股票</a></li><li><a href='#'>基金</a></li></ul></body></html>",
    "video": "<html>\n<head><title>视频：茅台开盘</title></head><body><div class='player' "
    "id='myFlashDiv'><video src='https://edge.ivideo.sina.com.cn/1.mp4'></video></div>"
    "<p class='intro'>茅台今日开盘上涨1%。</p></body></html>",
    "zhuanti": "<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html PUBLIC "
    "'-//W3C//DTD XHTML 1.0 Transitional//EN' 'http://www.w3.org/TR/xhtml1/DTD/x.dtd'>"
    "<html><body><h1 class='zt-title'>2023全国两会</h1><div id='article-list'><ul><li>"
    "<a href='#'>总理记者会</a></li></ul></div></body></html>",
    "head only": "<head><title>新浪网</title></head><body><p>导航</p></body>",
}
BODIES = {
    "div fragment": "<div>   " + paragraph("第一段正文。") + paragraph("第二段。") + "  </div>",
    "p only": paragraph("正文甲。") + paragraph("正文乙。"),
    "lxml's fragment": "<html><body><p>正文甲。</p></body></html>",
    "text": "正文而已",
}


@pytest.mark.parametrize("name", sorted(NOT_ARTICLES))
def test_a_whole_document_without_an_article_is_a_page_error(name: str, tmp_path: Path) -> None:
    document = NOT_ARTICLES[name]
    assert input_kind(document.encode()) == "page"
    path = tmp_path / "x.html"
    path.write_text(document, encoding="utf-8")
    (outcome,) = parse_many([path])
    assert isinstance(outcome.error, BodyError)
    assert "no article body" in outcome.error.reason
    assert "div#artibody" in outcome.error.reason  # it names what was looked for
    with pytest.raises(BodyError, match="no article body"):
        sinaparse.explain(document, kind="auto")


@pytest.mark.parametrize("name", sorted(BODIES))
def test_bare_bodies_stay_bodies(name: str) -> None:
    assert input_kind(BODIES[name].encode()) == "body"


def test_the_corpus_bodies_and_posts_bodies_stay_bodies() -> None:
    bodies = sorted((CORPUS / "bodies").glob("*.html"))
    assert bodies
    for path in bodies:
        assert input_kind(path.read_bytes()) == "body", path.name
    for path in sorted((CORPUS / "posts").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        after = text.split("\n---", 2)[-1].split("\n", 1)[-1]  # the post's body alone
        assert input_kind(after.encode()) == "body", path.name


def test_input_body_still_forces_a_body(tmp_path: Path) -> None:
    path = tmp_path / "x.html"
    path.write_text(NOT_ARTICLES["404"], encoding="utf-8")
    options = attrs.evolve(sinaparse.DEFAULT_OPTIONS, input_kind="body")
    (outcome,) = parse_many([path], options=options)
    assert outcome.body is not None


_SUBSETS = [
    '<!DOCTYPE rss [<!ENTITY x "EXPANDED">]>',
    '<!DOCTYPE rss [\n<!ENTITY x "a > b">\n<!ENTITY y "&x;&x;">\n]>',
    "<!DOCTYPE rss [" + '<!ENTITY e "x">' * 400 + "]>",  # past the sniffed 4 KiB
]


@pytest.mark.parametrize("subset", _SUBSETS)
def test_a_feed_with_an_internal_subset_is_a_feed_and_refused(subset: str, tmp_path: Path) -> None:
    feed = make_feed([{"title": "&x;", "description": "<p>正文&amp;x;</p>"}])
    feed = feed.replace("<rss", subset + "<rss", 1)
    assert input_kind(feed.encode()) == "feed"
    path = tmp_path / "feed.xml"
    path.write_text(feed, encoding="utf-8")
    (outcome,) = parse_many([path])
    assert isinstance(outcome.error, InputError)
    assert "document type declaration" in outcome.error.reason
    assert "EXPANDED" not in str(outcome)


@pytest.mark.parametrize(
    "declaration",
    [
        '<?xml version="1.0" encoding="gb2312"?>\n',
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>",
        '  <?xml version="1.0" encoding="big5"?>\r\n',
        '<?xml version="1.0"?>\n',
    ],
)
def test_text_with_an_xml_declaration_is_read_as_it_is(declaration: str) -> None:
    page = declaration + make_page(paragraph("第一段正文。"))
    article = sinaparse.parse_page(page)
    assert article.paragraphs == ("第一段正文。",)
    assert sinaparse.explain(page, kind="auto").article == article
    body = declaration + paragraph("正文甲。")
    assert sinaparse.parse_body(body).paragraphs == ("正文甲。",)
    feed = make_feed([{"description": "<p>正文乙。</p>"}])
    # (XML allows nothing before its declaration: the feed's starts the text.)
    feed = declaration.lstrip() + feed.split("?>", 1)[1]
    (outcome,) = sinaparse.parse_feed(feed)
    assert outcome.article is not None
    assert outcome.article.paragraphs == ("正文乙。",)


_EMPTY_FEEDS = [
    make_feed([]),
    make_feed([], atom=True),
    '<?xml version="1.0"?><rss version="2.0"><channel><title>新浪财经</title></channel></rss>',
]


@pytest.mark.parametrize("feed", _EMPTY_FEEDS)
@pytest.mark.parametrize("workers", [None, 1])
def test_a_feed_without_items_is_an_error_outcome_in_a_batch(
    feed: str, workers: int | None, tmp_path: Path
) -> None:
    path = tmp_path / "empty.xml"
    path.write_text(feed, encoding="utf-8")
    (outcome,) = parse_many([path], workers=workers)
    assert isinstance(outcome.error, InputError)
    assert outcome.error.reason == "the feed holds no items"
    assert outcome.error.path == str(path)
    assert outcome.item is None
    with pytest.raises(InputError, match="the feed holds no items"):
        sinaparse.explain(feed, kind="auto")
    assert list(sinaparse.parse_feed(feed)) == []  # the API's iterator is just empty


def test_a_feed_that_breaks_before_its_first_item_is_one_error_not_two(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    broken = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</ti'
    path.write_text(broken, encoding="utf-8")
    (outcome,) = parse_many([path])
    assert isinstance(outcome.error, InputError)
    assert "breaks" in outcome.error.reason


@pytest.mark.parametrize(
    "prologue",
    [
        "<!--a-->" * 500 + "<1",  # 25 of these took 12 s: the pattern backtracked into each
        "<?a?>" * 800 + "<1",
        "<!DOCTYPE x [" + "]>" * 900 + "<1",
        "<!-- x --> " * 370 + "<!--",
        "<!DOCTYPE rss [" + "]" * 4000,
    ],
)
def test_the_kind_of_a_long_prologue_is_told_quickly(prologue: str) -> None:
    start = time.perf_counter()
    input_kind(prologue.encode())
    assert time.perf_counter() - start < 0.5
