"""A page's metas are read wherever lxml's parser put them before the article:
a body-only element in <head> (a browser-saved page's <iframe>) closes it."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import sinaparse
from sinaparse._sources import page_metas

from .posts import make_page, paragraph

URL = "https://news.sina.com.cn/c/2023-05-12/doc-abc.shtml"
GIVEN_URL = "https://finance.sina.com.cn/x.shtml"  # the url argument, when the page names none
METAS = (
    f'<meta property="og:url" content="{URL}">',
    '<meta property="article:author" content="新华社">',
    '<meta name="weibo: article:create_at" content="2019-09-07 04:04:43">',
)
BODY_ONLY = [
    '<iframe src="https://sbeacon.sina.com.cn/ckctl.html" style="display:none"></iframe>',
    '<div id="sina-top-bar"></div>',
    '<img src="https://beacon.sina.com.cn/a.gif">',
    "<p>x</p>",
    '<span class="tip"></span>',
]


@pytest.mark.parametrize("intruder", BODY_ONLY)
def test_metas_after_a_body_only_element_in_head_are_read(intruder: str) -> None:
    page = make_page(paragraph("正文。"), metas=(intruder, *METAS))
    article = sinaparse.parse_page(page)
    assert article.url == URL
    assert article.author == "新华社"
    assert article.date.second == 43


@pytest.mark.parametrize("intruder", BODY_ONLY)
def test_a_canonical_link_after_a_body_only_element_is_read(intruder: str) -> None:
    page = make_page(paragraph("正文。"), metas=(intruder, f'<link rel="canonical" href="{URL}">'))
    assert sinaparse.parse_page(page).url == URL


@pytest.mark.parametrize("where", ["inside", "after"])
def test_metas_inside_or_after_the_article_are_not_the_pages(where: str) -> None:
    stray = '<meta property="og:url" content="https://evil.example/x"><meta property="article:author" content="冒充">'
    body = paragraph("正文。") + (stray if where == "inside" else "")
    page = make_page(body, metas=(), after_body=stray if where == "after" else "")
    article = sinaparse.parse_page(page, url=URL)
    assert article.url == URL
    assert article.author is None


@pytest.mark.parametrize(
    "stray",
    ['<meta property="og:x" content="y">', '<meta name="keywords" content="甲">',
     '<link rel="canonical" href="https://x.example/">', "<title>x</title>"],
)  # fmt: skip
def test_many_stray_metas_are_read_in_linear_time(stray: str) -> None:
    def seconds(count: int) -> float:
        strays = stray * count
        page = make_page(paragraph("正文。"), metas=("<iframe></iframe>", *METAS, strays))
        start = time.perf_counter()
        assert sinaparse.parse_page(page).url == URL
        return time.perf_counter() - start

    assert seconds(60_000) < 2.0  # quadratic merging would take minutes


@pytest.mark.parametrize(
    ("meta", "field", "expected"),
    [
        (f'<meta property="og:url" content="{URL}">', "url", URL),
        (f'<meta name="og:url" content="{URL}">', "url", URL),
        (f'<link rel="CANONICAL" href="{URL}">', "url", URL),
        (f'<link rel="Canonical" href="{URL}">', "url", URL),
        ('<meta property="article:author" content="新华社">', "author", "新华社"),
        ('<meta name="Article:Author" content="新华社">', "author", None),  # case kept
        ('<meta name="WEIBO: article:create_at" content="2019-09-07 04:04:43">', "second", 43),
        ('<meta name="Weibo: Article:Create_At" content="2019-09-07 04:04:43">', "second", 43),
        ('<meta name="weibo:article:create_at" content="2019-09-07 04:04:43">', "second", 43),
        ('<meta name="KeyWords" content="甲,乙">', "keywords", ("甲", "乙")),
        ('<meta name="keywordsx" content="甲,乙">', "keywords", ()),
        ('<meta name="\u212aEYWORDS" content="甲,乙">', "keywords", ()),  # a Kelvin sign, no K
        # rel is a set of words (HTML): canonical among them is canonical.
        ('<link rel="canonical nofollow" href="https://x.example/">', "url", "https://x.example/"),
        (
            '<link rel=" alternate\tCanonical " href="https://x.example/">',
            "url",
            "https://x.example/",
        ),
        ('<link rel="canonicalx" href="https://x.example/">', "url", GIVEN_URL),
        ('<meta name="viewport" content="width=device-width">', "second", 0),
    ],
)
def test_the_metas_read_by_name_or_property_and_their_case(
    meta: str, field: str, expected: object
) -> None:
    # The page's keyword block is left out, so that keywords come from the meta.
    page = make_page(paragraph("正文。"), metas=(meta,)).replace(
        '<div class="keywords" id="keywords"', '<div class="x"'
    )
    article = sinaparse.parse_page(page, url=GIVEN_URL)
    values = {
        "url": article.url,
        "author": article.author,
        "second": article.date.second,
        "keywords": article.keywords,
    }
    assert values[field] == expected


# The rule the metas were picked by as an XPath predicate, before they were
# tested in Python: both must pick the same metas and links.
_AS_XPATH = etree.XPath(
    "self::meta[starts-with(@property, 'og:') or starts-with(@property, 'article:')"
    " or starts-with(@name, 'og:') or starts-with(@name, 'article:')"
    " or starts-with(translate(@name, 'WEIBOKYRDS', 'weibokyrds'), 'weibo')"
    " or translate(@name, 'KEYWORDS', 'keywords') = 'keywords']"
    " | self::link[contains(concat(' ', normalize-space(translate(@rel, 'CANONIL', 'canonil')),"
    " ' '), ' canonical ')]"
)
# The letters of the words, in both cases, and what lowers or folds to them.
_NAME_CHARACTERS = "weibokyrdsogartcln:WEIBOKYRDSOGARTCLN \t\n\u212a\u0130\u017f\xa0_-x"


@settings(max_examples=400, deadline=None)
@given(
    tag=st.sampled_from(["meta", "link"]),
    attribute=st.sampled_from(["name", "property", "rel"]),
    value=st.text(_NAME_CHARACTERS, max_size=12)
    | st.sampled_from(["weibo: article:create_at", "KEYWORDS", "Canonical", "og:url"]),
)
def test_metas_and_links_are_picked_as_the_xpath_rule_picks_them(
    tag: str, attribute: str, value: str
) -> None:
    element = etree.Element(tag, {attribute: value})
    picked = (
        page_metas._is_page_meta(element) if tag == "meta" else page_metas._is_canonical(element)
    )
    assert picked == bool(_AS_XPATH(element))
