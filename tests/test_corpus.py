"""Golden tests: every real post, body and page of tests/corpus against its expected file.

Each ``tests/corpus/expected/<file>.json`` was written by reading its document:
the metadata by hand, the paragraphs checked one by one against the source.
A failure names the document.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import sinaparse
from sinaparse import Body, Code, Heading, Table

from .conftest import CORPUS

EXPECTED = CORPUS / "expected"
DOCUMENTS = sorted(
    path
    for folder in (CORPUS / "posts", CORPUS / "bodies", CORPUS / "pages")
    for path in folder.iterdir()
    if path.suffix in (".md", ".html")
)
PAGES = [path for path in DOCUMENTS if path.parent.name == "pages"]
SINA = [path for path in DOCUMENTS if not path.name.startswith("other_")]

# Text that is boilerplate or metadata wherever it appears in a Sina body.
LEAKS = (
    "新浪财经APP",
    "海量资讯、精准解读",
    "article_adlist",
    "news_keyword_pub",
    "&#123;",
    "&#125;",
    "{",
    "}",
    "原标题",
    "责任编辑",
    "点击进入专题",
    "appendQr",
    "app-kaihu-qr",
    "SINA_TEXT_PAGE_INFO",
)


def _expected_path(document: Path) -> Path:
    return EXPECTED / f"{document.name}.json"


def _parse(document: Path) -> Body:
    if document.parent.name == "pages":
        return sinaparse.parse_page(document.read_bytes())
    if document.suffix == ".html":
        return sinaparse.parse_body(document.read_bytes())
    return sinaparse.parse_file(document)


def _image(image: sinaparse.Image) -> dict[str, Any]:
    return {"url": image.url, "caption": image.caption}


def test_every_document_has_an_expected_file() -> None:
    missing = [doc.name for doc in DOCUMENTS if not _expected_path(doc).exists()]
    assert missing == []
    orphans = {path.name for path in EXPECTED.iterdir()} - {
        _expected_path(doc).name for doc in DOCUMENTS
    }
    assert orphans == set()


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.stem)
def test_document_matches_its_expected_file(document: Path) -> None:
    expected = json.loads(_expected_path(document).read_text(encoding="utf-8"))
    result = _parse(document)
    if isinstance(result, sinaparse.Article):
        assert result.title == expected["title"]
        assert result.date == dt.datetime.fromisoformat(expected["date"])
        assert result.date.utcoffset() == dt.datetime.fromisoformat(expected["date"]).utcoffset()
        assert list(result.categories) == expected["categories"]
        assert result.author == expected["author"]
        head = result.head_image.url if result.head_image else None
        assert head == expected["head_image"]
        assert result.url == expected.get("url")
        assert list(result.keywords) == expected.get("keywords", [])
        assert result.channel == expected.get("channel")
    assert result.original_title == expected["original_title"]
    assert result.source == expected["source"]
    assert result.editor == expected["editor"]
    assert [_image(image) for image in result.images] == expected["images"]
    assert [[s.market, s.symbol, s.name, s.linked] for s in result.stocks] == expected["stocks"]
    assert [[c.role, c.name] for c in result.credits] == expected.get("credits", [])
    assert list(result.paragraphs) == expected["paragraphs"]
    headings = [block.text for block in result.blocks if isinstance(block, Heading)]
    assert headings == expected["headings"]
    tables = [
        [[cell.text for cell in row] for row in block.rows]
        for block in result.blocks
        if isinstance(block, Table)
    ]
    assert tables == expected.get("tables", [])
    code = [block.text for block in result.blocks if isinstance(block, Code)]
    assert code == expected.get("code", [])


@pytest.mark.parametrize("document", SINA, ids=lambda path: path.stem)
def test_no_boilerplate_or_metadata_in_sina_text(document: Path) -> None:
    text = _parse(document).text
    assert [leak for leak in LEAKS if leak in text] == []


@pytest.mark.parametrize("document", SINA, ids=lambda path: path.stem)
def test_every_paragraph_is_kept_exactly_once(document: Path) -> None:
    result = _parse(document)
    paragraphs = result.paragraphs
    # A heading may recur: an interview asks each person the same questions.
    headings = {block.text for block in result.blocks if isinstance(block, Heading)}
    repeated = {
        p for p in paragraphs if paragraphs.count(p) > 1 and len(p) > 20 and p not in headings
    }
    assert repeated == set()


# What surrounds the article on a whole page: navigation, related news, comments,
# widgets a browser injects, the footer.
PAGE_LEAKS = (
    "新浪首页",
    "首页",
    "Copyright",
    "SINA",
    "新浪简介",
    "广告服务",
    "相关新闻",
    "热门推荐",
    "评论",
    "我要反馈",
    "关键字",
    "文章关键词",
    "扫描二维码",
    "新浪众测",
    "自动播放",
    "热点栏目",
    "股吧",
)


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.stem)
def test_nothing_outside_the_article_body_reaches_a_pages_text(page: Path) -> None:
    article = sinaparse.parse_page(page.read_bytes())
    text = "\n".join([article.text, *(image.caption or "" for image in article.images)])
    assert [leak for leak in PAGE_LEAKS if leak in text] == []


def test_the_corpus_has_pages_of_each_kind() -> None:
    names = [page.name for page in PAGES]
    assert len(names) == 8
    assert {"raw", "domdump"} <= {name.rsplit("_", 1)[1].split(".")[0] for name in names}
    assert any(name.startswith("mobile_") for name in names)
