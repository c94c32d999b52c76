"""The guarantees of docs/errors.md, checked on generated input and on the real corpus.

- Crashes: every input the fuzzer (tests/fuzz) made crash is parsed again here,
  as the exact bytes, and must give a result or a ``SinaParseError``.
- Output safety: picture URLs are absolute http(s); no text field holds markup
  when the input's text held none; ``to_dict()`` survives a JSON round trip.
- Nothing lost: every front-matter key reaches the Article, and every text of
  the body that is not boilerplate reaches a paragraph, a caption or a cell.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import attrs
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from lxml import etree

import sinaparse
from sinaparse import (
    DEFAULT_BOILERPLATE,
    Article,
    Body,
    BoilerplateRule,
    Code,
    ParseOptions,
    SinaParseError,
    Table,
)
from sinaparse._text import NOT_TEXT
from sinaparse.errors import FrontMatterError

from .conftest import CORPUS
from .posts import make_post
from .strategies import (
    BOILERPLATE,
    Expected,
    base_urls,
    posts,
    raw_urls,
    sentences,
    yaml_single_quoted,
)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Crashes found by tests/fuzz/fuzz_parse.py --------------------------------------

# Each input made sinaparse raise something other than a SinaParseError; each
# is given to parse and parse_body, as the fuzz target does. Minimised from the
# fuzzer's crash files; see docs/fuzzing.md.
BODY_CRASHES = {
    # lxml refuses a C0 control character when the text around a comment or
    # boilerplate element that cleaning removes is joined into the previous
    # sibling's tail or the parent's text (ValueError in remove_keeping_tail).
    "control-character-after-a-comment": b"<p>a</p><!---->\x01",
    "vertical-tab-after-a-comment": b"a<!--x-->\x0b",
    "control-character-after-boilerplate": b"<p>a</p><style></style>\x1f",
    "control-character-before-a-comment": b"\x1f<!---->x",
    "backspace-before-a-comment-in-a-paragraph": b"<p>\x08<!---->x</p>",
    # As libFuzzer's -minimize_crash left it: "<!>" is a comment too.
    "control-character-before-an-empty-comment": b"\x10<!>\n",
    # Found in the third run: the source holds no control character, but a
    # character reference makes one in the parsed tree; and the non-characters
    # U+FFFE and U+FFFF, which lxml refuses too, written or referenced.
    "character-reference-to-a-form-feed-after-boilerplate": b"<p>x</p><style></style>a&#12uto;",
    "character-reference-to-a-control-in-a-div": b"<div><style></style>a&#1;b</div>",
    "character-reference-to-u+ffff-after-boilerplate": b"<p>x</p><style></style>&#65535;",
    "u+fffe-after-boilerplate": "<p>x</p><style></style>a\ufffe".encode(),
}
FRONT_MATTER_CRASHES = {
    # An explicit YAML type tag on a scalar that is not of that type: PyYAML's
    # constructor raises AttributeError, ValueError, KeyError or IndexError,
    # not a YAMLError, and the front-matter reader lets it through. The fuzzer
    # found "!!timestamp"; the other tags fail the same way.
    "yaml-timestamp-tag-on-text": b"---\ntitle: x\ndate: 2021-08-02\nk: !!timestamp x\n---\n",
    "yaml-timestamp-tag-on-a-key": b"---\n!!timestamp x: 1\n---\n",
    "yaml-timestamp-tag-on-the-title": b"---\ntitle: !!timestamp x\n---\n",
    "yaml-timestamp-tag-on-a-bad-month": b"---\ntitle: x\ndate: 2021-08-02\nk: !!timestamp 2021-13-45\n---\n",
    "yaml-int-tag-on-text": b"---\ntitle: x\ndate: 2021-08-02\nk: !!int x\n---\n",
    "yaml-int-tag-on-a-bare-prefix": b"---\ntitle: x\ndate: 2021-08-02\nk: !!int 0x\n---\n",
    "yaml-int-tag-on-an-underscore": b"---\ntitle: x\ndate: 2021-08-02\nk: !!int _\n---\n",
    "yaml-float-tag-on-a-dot": b"---\ntitle: x\ndate: 2021-08-02\nk: !!float .\n---\n",
    "yaml-bool-tag-on-text": b"---\ntitle: x\ndate: 2021-08-02\nk: !!bool x\n---\n",
    # As libFuzzer's -minimize_crash left two later crash files.
    "yaml-bool-tag-on-an-empty-key": b"---\n!!bool :\n---\n",
    "yaml-float-tag-on-an-empty-key": b"---\n!!float :\n---\n",
}
FUZZER_CRASHES = BODY_CRASHES | FRONT_MATTER_CRASHES


@pytest.mark.parametrize("data", FUZZER_CRASHES.values(), ids=FUZZER_CRASHES.keys())
def test_fuzzer_crash_gives_a_result_or_a_sina_parse_error(data: bytes) -> None:
    for parse, result_type in ((sinaparse.parse, Article), (sinaparse.parse_body, Body)):
        try:
            result = parse(data)
        except SinaParseError:
            continue
        assert isinstance(result, result_type)


@pytest.mark.parametrize("data", BODY_CRASHES.values(), ids=BODY_CRASHES.keys())
def test_fuzzer_crash_in_the_body_of_a_post_gives_a_result_or_a_sina_parse_error(
    data: bytes,
) -> None:
    post = make_post("").encode() + data
    try:
        article = sinaparse.parse(post)
    except SinaParseError:
        return
    assert isinstance(article, Article)


@pytest.mark.parametrize(
    ("html", "texts"),
    [
        # A form feed is HTML's white space: a space between the words it parts.
        ("<p>x</p><style></style>a&#12;b", {"paragraphs": ["x", "a b"]}),
        ("<p>Apple\x0cshares&#12;rose</p>", {"paragraphs": ["Apple shares rose"]}),
        ("<pre>a&#12;b</pre>", {"code": ["a b"]}),
        ("<p>a&#1;b&#127;c&#65534;d&#65535;e</p>", {"paragraphs": ["abcde"]}),
        ("<p>a\ufffeb\uffffc</p>", {"paragraphs": ["abc"]}),
        ("<p>&#31; a &#11; b &#8;</p>", {"paragraphs": ["a b"]}),
        ("<table><tr><td>格&#2;子</td></tr></table>", {"cells": ["格子"]}),
        (
            '<img src="//n.sinaimg.cn/a.jpg" alt="图&#4;"><span class="img_descr">图&#3;注</span>',
            {"captions": ["图注"], "alts": ["图"]},
        ),
    ],
)
def test_characters_that_are_not_text_leave_the_result(
    html: str, texts: dict[str, list[str]]
) -> None:
    fields = text_fields(sinaparse.parse_body(html))
    assert {field: fields[field] for field in texts} == texts
    assert [text for found in fields.values() for text in found if NOT_TEXT.search(text)] == []


# What a result's text and pictures are ---------------------------------------

# The start of a tag or an end tag: "<" then a letter or "/".
MARKUP = re.compile(r"<[A-Za-z/]")
_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Every run of whitespace as one space, none at the ends."""
    return _WHITESPACE.sub(" ", text).strip()


def captions(result: Body) -> list[str]:
    return [image.caption for image in result.images if image.caption]


def cells(result: Body) -> list[str]:
    return [
        cell.text
        for block in result.blocks
        if isinstance(block, Table)
        for row in block.rows
        for cell in row
    ]


def text_fields(result: Body) -> dict[str, list[str]]:
    """Every text a person reads in ``result``, by field."""
    fields = {
        "paragraphs": list(result.paragraphs),
        "captions": captions(result),
        "alts": [image.alt for image in result.images if image.alt],
        "cells": cells(result),
        "metadata": [
            text for text in (result.original_title, result.source, result.editor) if text
        ],
        "code": [block.text for block in result.blocks if isinstance(block, Code)],
    }
    if isinstance(result, Article):
        fields["title"] = [result.title]
    return fields


def kept_texts(result: Body) -> list[str]:
    """Where the body's text may be kept: paragraphs, captions, cells, metadata fields,
    and the one warning made to carry text (a second 原标题 line, by design metadata).

    Not the title or alt texts: a body text that only they repeat is still lost.
    """
    fields = text_fields(result)
    kept = fields["paragraphs"] + fields["captions"] + fields["cells"] + fields["metadata"]
    kept += fields["code"]
    kept += [w.message for w in result.warnings if w.code == "extra-original-title"]
    return [normalise(text) for text in kept]


def markup_in(result: Body) -> dict[str, list[str]]:
    found = {
        field: [text for text in texts if MARKUP.search(text)]
        for field, texts in text_fields(result).items()
    }
    return {field: texts for field, texts in found.items() if texts}


def image_urls(result: Body) -> list[str]:
    urls = [image.url for image in result.images]
    if isinstance(result, Article):
        urls += [image.url for image in (result.head_image, result.thumbnail) if image]
    return urls


def is_absolute_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and url == url.strip()


def json_round_trip(result: Body) -> None:
    data = result.to_dict()
    assert json.loads(json.dumps(data)) == data


# Generated bodies ------------------------------------------------------------


@attrs.frozen
class GeneratedBody:
    """A body made of known blocks, and where each of its texts must end up."""

    html: str
    paragraphs: tuple[str, ...] = ()
    """Paragraph, heading and quote texts: each must be one of the result's paragraphs."""
    captions: tuple[str, ...] = ()
    cells: tuple[str, ...] = ()
    leaks: tuple[str, ...] = ()
    """Texts of the boilerplate put in: none may reach the result."""

    def __add__(self, other: GeneratedBody) -> GeneratedBody:
        return GeneratedBody(
            self.html + other.html,
            self.paragraphs + other.paragraphs,
            self.captions + other.captions,
            self.cells + other.cells,
            self.leaks + other.leaks,
        )


def _has_no_markup(text: str) -> bool:
    return not MARKUP.search(text)


# Texts without markup, so that any markup in a result came from sinaparse.
texts = sentences().filter(_has_no_markup)
escaped = html.escape
image_urls_in_bodies = st.builds(
    "{}//n.sinaimg.cn/{}/w{}h{}/{}.jpg".format,
    st.sampled_from(["https:", "http:", ""]),
    st.sampled_from(["finance", "sinakd2021", "news/crawl"]),
    st.integers(1, 4000),
    st.integers(1, 9000),
    st.from_regex(r"\A[a-z0-9]{4,12}\Z"),
)


@st.composite
def paragraph_blocks(draw: st.DrawFn) -> GeneratedBody:
    parts = draw(st.lists(texts, min_size=1, max_size=3))
    inline = draw(st.sampled_from(["", "b", "a", "span", "font"]))
    if inline and len(parts) > 1:
        inner = f"<{inline}>{escaped(parts[1])}</{inline}>"
        content = escaped(parts[0]) + inner + "".join(escaped(part) for part in parts[2:])
    else:
        content = "".join(escaped(part) for part in parts)
    form = draw(
        st.sampled_from(
            ['<p cms-style="font-L">\u3000\u3000{}</p>', "<p>{}</p>", "<div>{}</div>", "{}<br>"]
        )
    )
    return GeneratedBody(form.format(content), paragraphs=("".join(parts),))


@st.composite
def heading_blocks(draw: st.DrawFn) -> GeneratedBody:
    text = draw(texts)
    form = draw(
        st.sampled_from(
            [
                "<h2>{}</h2>",
                "<p><strong>{}</strong></p>",
                '<p cms-style="font-L strong-Bold">{}</p>',
                '<p cms-style="font-L" style="font-weight: bold">{}</p>',
            ]
        )
    )
    return GeneratedBody(form.format(escaped(text)), paragraphs=(text,))


@st.composite
def table_blocks(draw: st.DrawFn) -> GeneratedBody:
    rows = draw(st.lists(st.lists(texts, min_size=1, max_size=4), min_size=1, max_size=4))
    header = draw(st.booleans())
    markup = []
    for number, row in enumerate(rows):
        tag = "th" if header and number == 0 else "td"
        markup.append("<tr>" + "".join(f"<{tag}>{escaped(text)}</{tag}>" for text in row) + "</tr>")
    table = '<table class="tb01"><tbody>' + "".join(markup) + "</tbody></table>"
    return GeneratedBody(table, cells=tuple(text for row in rows for text in row))


@st.composite
def figure_blocks(draw: st.DrawFn) -> GeneratedBody:
    url, caption, alt = draw(image_urls_in_bodies), draw(texts), draw(texts)
    markup = (
        f'<div class="img_wrapper"><img src="{url}" alt="{escaped(alt)}">'
        f'<span class="img_descr">{escaped(caption)}</span></div>'
    )
    return GeneratedBody(markup, captions=(caption,))


@st.composite
def quote_blocks(draw: st.DrawFn) -> GeneratedBody:
    paragraphs = draw(st.lists(texts, min_size=1, max_size=3))
    inner = "".join(f"<p>{escaped(text)}</p>" for text in paragraphs)
    return GeneratedBody(f"<blockquote>{inner}</blockquote>", paragraphs=tuple(paragraphs))


@st.composite
def boilerplate_blocks(draw: st.DrawFn) -> GeneratedBody:
    markup, leak = draw(st.sampled_from(BOILERPLATE))
    return GeneratedBody(markup, leaks=(leak,))


@st.composite
def generated_bodies(draw: st.DrawFn) -> GeneratedBody:
    """Paragraphs, headings, tables, figures, quotes and boilerplate, in any order."""
    blocks = draw(
        st.lists(
            paragraph_blocks()
            | heading_blocks()
            | table_blocks()
            | figure_blocks()
            | quote_blocks()
            | boilerplate_blocks(),
            min_size=1,
            max_size=8,
        )
    )
    body = GeneratedBody("")
    for block in blocks:
        body = body + block + GeneratedBody("\n")
    return body


# Output safety: URLs ---------------------------------------------------------


@st.composite
def bodies_with_any_image_urls(draw: st.DrawFn) -> str:
    """Pictures whose addresses are anything at all, in every attribute sinaparse reads."""
    figures = []
    for url in draw(st.lists(raw_urls, min_size=1, max_size=4)):
        attribute = draw(st.sampled_from(["src", "data-src", "data-original"]))
        figures.append(f'<div class="img_wrapper"><img {attribute}="{escaped(url)}"></div>')
    return "".join(figures)


@SETTINGS
@given(bodies_with_any_image_urls(), raw_urls, base_urls)
@example('<img src="javascript:alert(1)">', "data:image/gif;base64,R0lGOD", None)
@example('<img src="//">', "//", None)
@example('<img src="/a.jpg">', "../b.jpg", "https://finance.sina.com.cn/china/doc.shtml")
def test_every_picture_url_is_absolute_http_or_https(
    body: str, head_image: str, base_url: str | None
) -> None:
    post = make_post(body, headimg=yaml_single_quoted(head_image))
    try:
        article = sinaparse.parse(post, options=ParseOptions(base_url=base_url))
    except SinaParseError:
        return  # a control character in the YAML, say: refused, and that is allowed
    assert [url for url in image_urls(article) if not is_absolute_http(url)] == []


# Output safety: no markup ------------------------------------------------------


@SETTINGS
@given(generated_bodies())
def test_a_body_without_markup_in_its_text_gives_none(body: GeneratedBody) -> None:
    # Text may hold "<" and letters: written escaped, "&lt;A" reads as "<A", which is
    # the body's own text, not markup; such bodies are not what this test is about.
    assume(not any(MARKUP.search(text) for text in (*body.paragraphs, *body.captions, *body.cells)))
    assert markup_in(sinaparse.parse_body(body.html)) == {}


@SETTINGS
@given(posts())
def test_a_post_without_markup_in_its_text_gives_none(case: tuple[str, Expected]) -> None:
    post, expected = case
    written = [expected.title, *expected.paragraphs]
    written += [image.caption for image in expected.images if image.caption]
    assume(not any(MARKUP.search(text) for text in written))
    article = sinaparse.parse(post, options=ParseOptions(default_tz=expected.date.default_tz))
    assert markup_in(article) == {}


# Output safety: JSON -------------------------------------------------------------

# YAML values as an aggregator, or a person editing a post, could write them.
yaml_values = st.one_of(
    texts.map(yaml_single_quoted),
    st.integers().map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(
        [
            "true",
            "no",
            "~",
            "",
            "[a, 1, 2.5]",
            "{a: 1, b: [x, y]}",
            "2021-08-02",
            "2021-08-02 12:49:57",
            "0x1F",
            "1_000",
            ".nan",
            ".inf",
            "-.inf",
            "{1: one, 2: two}",
            "{~: none}",
            "!!binary aGVsbG8=",
            "!!set {a, b}",
            "!!timestamp 2021-08-02",
            "!!omap [a: 1, b: 2]",
        ]
    ),
)
extra_keys = st.from_regex(r"\A[a-z][a-z0-9_]{0,11}\Z").filter(
    lambda key: (
        key not in {"title", "date", "categories", "author", "comments", "headimg", "thumbnail"}
    )
)


@SETTINGS
@given(st.dictionaries(extra_keys, yaml_values, max_size=4), generated_bodies())
@example({"ratio": ".nan"}, GeneratedBody("<p>x</p>"))
@example({"levels": "{1: one, 2: two}"}, GeneratedBody("<p>x</p>"))
@example({"raw": "!!binary aGVsbG8="}, GeneratedBody("<p>x</p>"))
@example({"tags": "!!set {a, b}"}, GeneratedBody("<p>x</p>"))
@example({"day": "!!timestamp 2021-08-02"}, GeneratedBody("<p>x</p>"))
@example({"pairs": "!!omap [a: 1, b: 2]"}, GeneratedBody("<p>x</p>"))
def test_to_dict_survives_a_json_round_trip(extra: dict[str, str], body: GeneratedBody) -> None:
    lines = [f"{key}: {value}" for key, value in extra.items()]
    try:
        article = sinaparse.parse(make_post(body.html, extra_lines=lines))
    except SinaParseError:
        return  # front matter YAML cannot build: refused, and that is allowed
    json_round_trip(article)
    json_round_trip(sinaparse.parse_body(body.html))


# Nothing lost: generated input -------------------------------------------------


@SETTINGS
@given(generated_bodies())
def test_every_text_of_a_generated_body_is_kept(body: GeneratedBody) -> None:
    for result in (sinaparse.parse_body(body.html), sinaparse.parse(make_post(body.html))):
        assert [text for text in body.paragraphs if text not in result.paragraphs] == []
        assert [text for text in body.captions if text not in captions(result)] == []
        assert [text for text in body.cells if text not in cells(result)] == []
        assert [leak for leak in body.leaks if leak in json.dumps(result.to_dict())] == []


@SETTINGS
@given(st.dictionaries(extra_keys, texts, min_size=1, max_size=6))
@example({"a": "0", "on": "0"})
def test_every_front_matter_key_reaches_the_article(extra: dict[str, str]) -> None:
    lines = [f"{key}: {yaml_single_quoted(value)}" for key, value in extra.items()]
    article = sinaparse.parse(make_post("<p>正文</p>", extra_lines=lines))
    # The aggregator's brace escapes are undone everywhere (docs/fields.md).
    unescaped = {
        key: value.replace("&#123;", "{").replace("&#125;", "}") for key, value in extra.items()
    }
    assert dict(article.extra) == unescaped


# Keys that YAML 1.1 reads as something else than text when unquoted.
YAML_TYPED_KEYS = ("on", "off", "yes", "no", "true", "null", "~", "0x10", "1", "1.5")


@pytest.mark.parametrize("key", YAML_TYPED_KEYS)
def test_a_front_matter_key_keeps_the_name_it_was_written_with(key: str) -> None:
    article = sinaparse.parse(make_post("<p>正文</p>", extra_lines=[f"{key}: 'v'"]))
    assert dict(article.extra) == {key: "v"}


# YAML values that JSON has no form for, and the JSON form each gets in extra.
JSON_FORMS = [
    ("{1: one, 2: two}", {"1": "one", "2": "two"}),
    ("{~: none, true: yes}", {"~": "none", "true": True}),
    ("{[1, 2]: pair}", {"[1, 2]": "pair"}),
    (".nan", ".nan"),
    ("[.inf, -.Inf, 1.5]", [".inf", "-.Inf", 1.5]),
    ("!!float .NaN", ".NaN"),
    ("!!timestamp 2021-08-02 12:49:57", "2021-08-02 12:49:57"),
    ("!!binary aGVs bG8=", "aGVsbG8="),
    ("!!set {b, a, b}", ["b", "a"]),
    ("!!set {1, {x: 2}}", [1, {"x": 2}]),
    ("!!omap [b: 1, a: 2]", {"b": 1, "a": 2}),
    ("!!pairs [a: 1, a: 2]", [["a", 1], ["a", 2]]),
    ("{<<: {a: 1, b: 1}, b: 2}", {"a": 1, "b": 2}),
]


@pytest.mark.parametrize(("written", "json_form"), JSON_FORMS, ids=[w for w, _ in JSON_FORMS])
def test_yaml_values_json_has_no_form_for_get_their_nearest_json_form(
    written: str, json_form: object
) -> None:
    article = sinaparse.parse(make_post("<p>正文</p>", extra_lines=[f"odd: {written}"]))
    assert article.extra["odd"] == json_form
    assert json.loads(json.dumps(article.to_dict(), allow_nan=False))["extra"]["odd"] == json_form


@pytest.mark.parametrize(
    "written",
    ["!!omap {a: 1}", "!!omap [a: 1, [b]]", "!!pairs x", "!!binary ???", "!!timestamp soon"],
)
def test_malformed_tagged_values_are_front_matter_errors(written: str) -> None:
    with pytest.raises(FrontMatterError, match="invalid YAML"):
        sinaparse.parse(make_post("<p>正文</p>", extra_lines=[f"odd: {written}"]))


def test_a_top_level_merge_key_gives_its_keys_to_the_front_matter() -> None:
    lines = ["shared: &shared {source: 新华社, title: ignored}", "<<: *shared"]
    article = sinaparse.parse(make_post("<p>正文</p>", extra_lines=lines))
    assert dict(article.extra) == {
        "source": "新华社",
        "shared": {"source": "新华社", "title": "ignored"},
    }
    assert article.title != "ignored"  # a key of the mapping itself wins over a merged one


# Nothing lost: the real corpus -------------------------------------------------

DOCUMENTS = sorted((CORPUS / "posts").glob("*.md")) + sorted((CORPUS / "bodies").glob("*.html"))
_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


def parse_document(path: Path) -> Body:
    if path.suffix == ".html":
        return sinaparse.parse_body(path.read_bytes())
    return sinaparse.parse_file(path)


def body_html_of(path: Path) -> str:
    """The HTML of a document's body: a post without its front matter, or a bare body."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return text
    return _FRONT_MATTER.sub("", text, count=1)


def visible_texts(markup: str) -> list[str]:
    """Every text node of ``markup`` outside comments, CSS, scripts and boilerplate, normalised.

    Computed independently of sinaparse's walk: lxml parses, the catalogue's
    selectors and ``style``/``script`` mark what to skip, and every other text
    node (an element's text, and the tail that follows each child) is taken.
    What a ``<video>`` or ``<audio>`` element holds is skipped too: it is
    fallback content, which a browser that plays the media does not show
    (HTML Living Standard, "media elements").
    """
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    root = etree.fromstring(markup, parser)
    if root is None:
        return []
    skipped: set[etree._Element] = set(root.iter("style", "script", "video", "audio"))
    body = root.find("body")
    if body is not None:
        skipped.update(boilerplate_in(body))
    found = [normalise(text) for text in _text_nodes(root, skipped)]
    return [text for text in found if text]


def boilerplate_in(body: etree._Element) -> Iterator[etree._Element]:
    """The elements of ``body`` that the default catalogue's rules select (a rule
    that decides in Python selects a part of what its selector finds)."""
    for rule in DEFAULT_BOILERPLATE:
        yield from rule.select(body)


def _text_nodes(element: etree._Element, skipped: set[etree._Element]) -> Iterator[str]:
    if element in skipped or not isinstance(element.tag, str):
        return
    yield element.text or ""
    for child in element:
        yield from _text_nodes(child, skipped)
        yield child.tail or ""


# A metadata line's label, which the field that takes the line leaves behind.
_LABEL = re.compile(r"[【\[（(]?\s*(?:原标题|来源|责任编辑)\s*[：:丨|｜]?")
_CREDIT_MARKS = " \u3000：:丨|｜／/、，,；;（）()【】[]►"
_AFTER_VALUE = re.compile(r"\x00\s*(?:[A-Z]{1,4}\d{2,6}\b)?\s*[】\]）)]?")


def unaccounted(text: str, result: Body) -> bool:
    """True when ``text`` is nowhere in ``result``'s paragraphs, captions, cells or metadata.

    A metadata line (``原标题：…``, ``来源：…``, ``责任编辑：… SF014``) is
    accounted for by its field: its value is in the field, its label is the
    field's name. What else the text node holds must still be in the result.
    """
    outputs = kept_texts(result)
    if any(text in output for output in outputs):
        return False
    extra_titles = [
        w.message.split(": ", 1)[-1] for w in result.warnings if w.code == "extra-original-title"
    ]
    values = sorted(
        (
            value
            for value in (
                result.original_title,
                result.source,
                result.editor,
                *extra_titles,
                *(
                    text
                    for credit in result.credits
                    for text in (*credit.role.split(), credit.name)
                ),
            )
            if value
        ),
        key=len,
        reverse=True,
    )
    text = _LABEL.sub("\x00", text)  # first: a credit's role (编辑) is part of a label (责任编辑)
    for value in values:
        text = text.replace(normalise(value), "\x00")
    text = _AFTER_VALUE.sub("\x00", text)
    # What stood between a credit's role and name, or between two credits.
    pieces = [normalise(piece).strip(_CREDIT_MARKS) for piece in text.split("\x00")]
    return any(piece and not any(piece in output for output in outputs) for piece in pieces)


def missing_texts(path: Path, result: Body) -> list[str]:
    """The visible texts of the document at ``path`` that ``result`` does not hold."""
    return [text for text in visible_texts(body_html_of(path)) if unaccounted(text, result)]


# Documents whose visible text sinaparse drops. Each is a known problem, reported
# to be fixed in the library; strict, so a fix shows up as XPASS to unmark.
KNOWN_LOSSES = {
    "sina_238_疫情全景梳理_separators_bigAdlist.md": (
        "the seven divider paragraphs '━━━━━' between sections are dropped by the walk's "
        "divider rule (_blocks._DIVIDER), which the boilerplate catalogue does not list"
    ),
    "sqldump_home_article_sina_sports_2012_劳尔.html": (
        "div.artInfo gives only its media name (source 新浪体育): the site address "
        "'http://sports.sina.com.cn', the date '2012年04月09日10:00' and the link '微博' are dropped"
    ),
}


def _corpus_params() -> list[object]:
    return [
        pytest.param(
            path,
            id=path.stem,
            marks=(
                [pytest.mark.xfail(strict=True, reason=KNOWN_LOSSES[path.name])]
                if path.name in KNOWN_LOSSES
                else []
            ),
        )
        for path in DOCUMENTS
    ]


@pytest.mark.parametrize("path", _corpus_params())
def test_every_visible_text_of_a_corpus_document_is_kept(path: Path) -> None:
    assert missing_texts(path, parse_document(path)) == []


def test_the_corpus_check_sees_a_paragraph_sinaparse_drops() -> None:
    path = CORPUS / "posts" / "sina_001_AI篮球裁判.md"
    drop_second_paragraph = BoilerplateRule("(.//p)[2]", "a paragraph, dropped on purpose")
    options = attrs.evolve(
        sinaparse.DEFAULT_OPTIONS,
        boilerplate=(*sinaparse.DEFAULT_OPTIONS.boilerplate, drop_second_paragraph),
    )
    result = sinaparse.parse(path.read_bytes(), options=options)
    assert missing_texts(path, result) != []


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.stem)
def test_corpus_picture_urls_are_absolute_http_or_https(path: Path) -> None:
    assert [url for url in image_urls(parse_document(path)) if not is_absolute_http(url)] == []


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.stem)
def test_corpus_to_dict_survives_a_json_round_trip(path: Path) -> None:
    json_round_trip(parse_document(path))


# Documents whose own text shows no markup (some, on code, do: "<?php" in a <pre>).
WITHOUT_MARKUP_IN_TEXT = [
    path
    for path in DOCUMENTS
    if not any(MARKUP.search(text) for text in visible_texts(body_html_of(path)))
]


@pytest.mark.parametrize("path", WITHOUT_MARKUP_IN_TEXT, ids=lambda path: path.stem)
def test_corpus_output_holds_no_markup_when_the_text_held_none(path: Path) -> None:
    assert markup_in(parse_document(path)) == {}
