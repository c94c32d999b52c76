"""parse_many reads every input kind: posts, pages, bare bodies and feeds, told
apart by their content (or forced by ``options.input_kind``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs
import pytest

import sinaparse
from sinaparse import InputError, OptionsError
from sinaparse._sources.kind import input_kind
from sinaparse.batch import find_posts, parse_many

from .conftest import CORPUS
from .posts import make_feed, make_page, make_post, paragraph

PAGE = sorted((CORPUS / "pages").glob("*.html"))[0]
FEED = sorted((CORPUS / "feeds").glob("*.xml"))[0]
BODY = sorted((CORPUS / "bodies").glob("*.html"))[0]
POST = sorted((CORPUS / "posts").glob("sina_*.md"))[0]


@pytest.mark.parametrize(
    ("document", "kind"),
    [
        (make_post(paragraph("正文")), "post"),
        ("\ufeff---\ntitle: x\n---\n", "post"),
        (make_feed([{"description": "<p>x</p>"}]), "feed"),
        (make_feed([{"description": "<p>x</p>"}], atom=True), "feed"),
        ("<!-- saved -->\n<rss version='2.0'><channel/></rss>", "feed"),
        ("<?xml version='1.0'?><!DOCTYPE rss><rss/>", "feed"),
        (make_page(paragraph("正文")), "page"),
        ('<html><head></head><body><section class="art_pic_card art_content">', "page"),
        ('<!-- https://news.sina.com.cn/c/x.shtml -->\n<html><div id="artibody">', "page"),
        ("<html><body><ul><li>新浪首页</li></ul></body></html>", "body"),  # no article markers
        (paragraph("正文") + '<div id="article">', "body"),  # a body, not a whole document
        ("", "body"),
        ("正文而已", "body"),
    ],
)
def test_the_kind_comes_from_the_content(document: str, kind: str) -> None:
    assert input_kind(document.encode("utf-8")) == kind


@pytest.mark.parametrize(
    ("path", "kind"), [(PAGE, "page"), (FEED, "feed"), (BODY, "body"), (POST, "post")]
)
def test_each_corpus_kind_is_told_apart(path: Path, kind: str) -> None:
    assert input_kind(path.read_bytes()) == kind


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder of each kind of input, under each suffix a folder walk takes."""
    shutil.copy(POST, tmp_path / "a_post.md")
    shutil.copy(BODY, tmp_path / "b_body.htm")
    shutil.copy(FEED, tmp_path / "c_feed.xml")
    shutil.copy(PAGE, tmp_path / "d_page.shtml")
    (tmp_path / "e_notes.json").write_text("{}", encoding="utf-8")
    (tmp_path / "f_broken.html").write_bytes(b"<p>\xff\xfe\xff</p>")
    return tmp_path


def test_folders_are_walked_for_pages_bodies_and_feeds_too(mixed: Path) -> None:
    names = [Path(name).name for name in find_posts([mixed])]
    assert names == ["a_post.md", "b_body.htm", "c_feed.xml", "d_page.shtml", "f_broken.html"]


@pytest.mark.parametrize("workers", [1, 2])
def test_parse_many_gives_each_kind_its_outcomes(mixed: Path, workers: int) -> None:
    outcomes = list(parse_many([mixed], workers=workers))
    items = list(sinaparse.parse_feed(FEED.read_bytes()))
    assert [(Path(o.path).name, o.item) for o in outcomes] == [
        ("a_post.md", None),
        ("b_body.htm", None),
        *[("c_feed.xml", outcome.item) for outcome in items],
        ("d_page.shtml", None),
        ("f_broken.html", None),
    ]
    post, body, *rest = outcomes
    feed, (page, broken) = rest[: len(items)], rest[len(items) :]
    assert post.article == sinaparse.parse_file(POST)
    assert body.article is None
    assert body.body == sinaparse.parse_body(BODY.read_bytes())
    assert [outcome.article for outcome in feed] == [outcome.article for outcome in items]
    assert page.article == sinaparse.parse_page(PAGE.read_bytes())
    assert isinstance(broken.error, InputError)
    assert broken.error.path == str(mixed / "f_broken.html")
    assert [outcome.ok for outcome in outcomes] == [True] * (len(outcomes) - 1) + [False]


def test_a_feed_items_error_names_the_file_and_the_items_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(make_feed([{"description": "<p>x</p>"}, {"title": ""}]), encoding="utf-8")
    first, second = parse_many([feed])
    assert (first.ok, second.ok, second.item) == (True, False, 1)
    assert second.error is not None
    assert second.error.path == str(feed)
    assert str(second.error).startswith(f"{feed}:")


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("body", "body"), ("page", "article"), ("post", "error"), ("feed", "error")],
)
def test_input_kind_forces_a_kind(kind: str, expected: str) -> None:
    options = attrs.evolve(sinaparse.DEFAULT_OPTIONS, input_kind=kind)
    (outcome,) = parse_many([PAGE], options=options)
    held = [name for name in ("article", "body", "error") if getattr(outcome, name) is not None]
    assert held == [expected]


def test_an_unknown_input_kind_is_an_options_error() -> None:
    with pytest.raises(OptionsError, match="input_kind"):
        attrs.evolve(sinaparse.DEFAULT_OPTIONS, input_kind="pdf")


def test_a_huge_file_that_is_no_feed_is_refused_without_being_read_whole(tmp_path: Path) -> None:
    huge = tmp_path / "huge.html"
    with huge.open("wb") as file:
        file.write(b"<p>" + b"x" * 1000)
        file.truncate(2 * 1024**3)  # sparse: 2 GiB that take no disk
    (outcome,) = parse_many([huge])
    assert isinstance(outcome.error, InputError)
    assert "max_bytes" in str(outcome.error)
