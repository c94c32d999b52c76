"""The export formats: what each writer puts on the stream, read back where it can be."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

import sinaparse
from sinaparse import Article, Cell, Figure, Heading, Image, Paragraph, Quote, Stock, Table
from sinaparse.outputs import (
    CSV_COLUMNS,
    FORMATS,
    WRITERS,
    write_csv,
    write_json,
    write_jsonl,
    write_markdown,
    write_text,
)

from .conftest import SEED
from .test_batch import QUOTES, STOCKS, TABLES

UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def corpus_articles() -> list[Article]:
    return [sinaparse.parse_file(path) for path in (SEED, TABLES, QUOTES, STOCKS)]


def _article(**fields: object) -> Article:
    defaults: dict[str, object] = {"title": "标题", "date": dt.datetime(2021, 8, 2, tzinfo=UTC)}
    return Article(**{**defaults, **fields})  # type: ignore[arg-type]


def _written(writer: object, articles: list[Article]) -> str:
    stream = io.StringIO()
    assert callable(writer)
    assert writer(articles, stream) == len(articles)
    return stream.getvalue()


def test_every_format_has_a_writer() -> None:
    assert FORMATS == ("jsonl", "json", "csv", "markdown", "text")
    assert set(WRITERS) == set(FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_writers_read_any_iterable_once_and_count_what_they_wrote(
    corpus_articles: list[Article], fmt: str
) -> None:
    stream = io.StringIO()

    assert WRITERS[fmt](iter(corpus_articles), stream) == len(corpus_articles)
    assert corpus_articles[0].title in stream.getvalue()


# --- JSON Lines and JSON ------------------------------------------------------


def test_jsonl_is_one_to_dict_per_line(corpus_articles: list[Article]) -> None:
    lines = _written(write_jsonl, corpus_articles).split("\n")

    assert lines[-1] == ""
    assert [json.loads(line) for line in lines[:-1]] == [
        article.to_dict() for article in corpus_articles
    ]
    assert "超前布局6G网络" in lines[0]  # UTF-8 text, not \u escapes


@pytest.mark.parametrize(
    "title",
    [
        pytest.param("一\u2028二\u2029三\u0085四", id="all-three"),
        pytest.param("一\u0085二", id="next-line"),
        pytest.param("一\u2028二", id="line-separator"),
        pytest.param("一\u2029二", id="paragraph-separator"),
    ],
)
def test_jsonl_escapes_characters_other_readers_take_for_line_ends(title: str) -> None:
    article = _article(title=title, paragraphs=["甲\n乙"])

    text = _written(write_jsonl, [article])

    assert text.count("\n") == 1
    assert len(text.splitlines()) == 1
    assert json.loads(text) == article.to_dict()


def test_json_is_the_indented_array_json_dumps_would_give(
    corpus_articles: list[Article],
) -> None:
    expected = [article.to_dict() for article in corpus_articles]

    text = _written(write_json, corpus_articles)

    assert text == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    assert json.loads(text) == expected


def test_json_of_no_articles_is_an_empty_array() -> None:
    assert _written(write_json, []) == "[]\n"


@pytest.mark.parametrize(
    ("value", "written"),
    [(b"hello", "aGVsbG8="), ({"b", "a"}, ["a", "b"])],
    ids=["bytes", "set"],
)
def test_hand_built_extra_values_json_cannot_hold_are_written_in_the_nearest_form(
    value: object, written: object
) -> None:
    article = _article(extra={"odd": value})

    (line,) = _written(write_jsonl, [article]).splitlines()

    assert json.loads(line)["extra"] == {"odd": written}


# --- CSV -------------------------------------------------------------------------


def test_csv_reads_back_as_a_header_and_a_row_per_article(
    corpus_articles: list[Article],
) -> None:
    text = _written(write_csv, corpus_articles)

    rows = list(csv.DictReader(io.StringIO(text, newline="")))

    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["title"] for row in rows] == [article.title for article in corpus_articles]
    assert [row["text"] for row in rows] == [article.text for article in corpus_articles]
    assert [int(row["paragraphs"]) for row in rows] == [
        len(article.paragraphs) for article in corpus_articles
    ]


def test_csv_row_fields() -> None:
    article = _article(
        categories=["金融", "新浪财经"],
        author="新浪财经",
        source="新华社",
        head_image=Image("https://n.sinaimg.cn/a.jpg"),
        images=[Image("https://n.sinaimg.cn/a.jpg"), Image("https://n.sinaimg.cn/b.jpg")],
        paragraphs=["第一段，含,逗号", '第二段"引号"'],
        stocks=[Stock("sh", "600519", "贵州茅台"), Stock("hk", "00700")],
    )

    (row,) = csv.DictReader(io.StringIO(_written(write_csv, [article]), newline=""))

    assert row == {
        "title": "标题",
        "date": "2021-08-02T00:00:00+00:00",
        "url": "",
        "categories": "金融 / 新浪财经",
        "keywords": "",
        "channel": "",
        "author": "新浪财经",
        "original_title": "",
        "source": "新华社",
        "editor": "",
        "head_image": "https://n.sinaimg.cn/a.jpg",
        "paragraphs": "2",
        "images": "2",
        "stocks": "sh600519 hk00700",
        "text": '第一段，含,逗号\n第二段"引号"',
    }


# --- Markdown ------------------------------------------------------------------


def test_markdown_of_a_corpus_post_has_heading_images_table_and_quote(
    corpus_articles: list[Article],
) -> None:
    tables, quotes = corpus_articles[1], corpus_articles[2]

    text = _written(write_markdown, [tables, quotes])

    assert text.startswith(f"# {tables.title}\n\nDate: {tables.date.isoformat()}\n\n")
    assert f"\n---\n\n# {quotes.title}\n" in text
    assert "\n| --- | --- |" in text
    assert f"\n![]({tables.images[0].url})\n" in text
    heading = next(block for block in quotes.blocks if isinstance(block, Heading))
    assert f"\n## {heading.text}\n" in text
    quote = next(block for block in quotes.blocks if isinstance(block, Quote))
    assert f"\n> {quote.paragraphs[0]}\n" in text
    captioned = next(image for image in quotes.images if image.caption)
    assert f"]({captioned.url})\n*{captioned.caption}*\n" in text


def test_markdown_document_layout() -> None:
    article = _article(
        source="新华社",
        blocks=[
            Paragraph("第一段"),
            Heading("小标题"),
            Figure(Image("https://n.sinaimg.cn/a.jpg", alt="图", caption="图片说明")),
            Quote(("引文一", "引文二")),
            Table(((Cell("甲", header=True), Cell("乙", header=True)), (Cell("1"), Cell("2")))),
        ],
    )

    assert _written(write_markdown, [article]) == (
        "# 标题\n\n"
        "Date: 2021-08-02T00:00:00+00:00\n\n"
        "Source: 新华社\n\n"
        "第一段\n\n"
        "## 小标题\n\n"
        "![图](https://n.sinaimg.cn/a.jpg)\n*图片说明*\n\n"
        "> 引文一\n>\n> 引文二\n\n"
        "| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n\n"
    )


def test_markdown_tables_escape_pipes_and_keep_spanned_columns_in_place() -> None:
    table = Table(
        (
            (Cell("a|b", colspan=2), Cell("c", rowspan=2)),
            (Cell("d"), Cell("e\nf")),
            (Cell("g"),),
        )
    )

    text = _written(write_markdown, [_article(blocks=[table])])

    assert text.endswith("| a\\|b |  | c |\n| --- | --- | --- |\n| d | e f |  |\n| g |  |  |\n\n")


@pytest.mark.parametrize(
    ("paragraph", "markdown"),
    [
        ("# 不是标题", "\\# 不是标题"),
        ("1. 不是列表", "1\\. 不是列表"),
        ("- 不是列表", "\\- 不是列表"),
        ("2021.5亿元", "2021.5亿元"),
        ("#话题#", "#话题#"),
        ("<script>x</script>", "\\<script\\>x\\</script\\>"),
        ("*强调* 与 _下划线_", "\\*强调\\* 与 \\_下划线\\_"),
        ("[链接](x)", "\\[链接\\](x)"),
        ("&amp; 与 AT&T", "\\&amp; 与 AT&T"),
        ("第一行\n# 第二行", "第一行\n\\# 第二行"),
    ],
)
def test_markdown_escapes_text_that_would_read_as_markup(paragraph: str, markdown: str) -> None:
    text = _written(write_markdown, [_article(blocks=[Paragraph(paragraph)])])

    assert f"\n\n{markdown}\n\n" in text


def test_markdown_wraps_image_urls_markdown_would_cut() -> None:
    image = Image("https://example.com/a_(1).jpg")

    text = _written(write_markdown, [_article(blocks=[Figure(image)])])

    assert "![](<https://example.com/a_(1).jpg>)" in text


# --- Plain text ------------------------------------------------------------------


def test_text_is_the_title_then_the_paragraphs_one_a_line() -> None:
    first = _article(title="一\n二", paragraphs=["甲", "乙"])
    second = _article(title="三")

    assert _written(write_text, [first, second]) == "一 二\n\n甲\n乙\n\n三\n\n"


def test_text_of_a_corpus_post(corpus_articles: list[Article]) -> None:
    seed = corpus_articles[0]

    assert _written(write_text, [seed]) == f"{seed.title}\n\n{seed.text}\n"


# --- url, keywords, channel -----------------------------------------------------


def test_csv_and_markdown_carry_url_keywords_and_channel() -> None:
    article = _article(
        url="https://news.sina.com.cn/c/2019-09-07/doc-x.shtml",
        keywords=["中国芯", "芯片"],
        channel="国内新闻",
        source="北京日报",
    )

    (row,) = csv.DictReader(io.StringIO(_written(write_csv, [article]), newline=""))
    markdown = _written(write_markdown, [article])

    assert (row["url"], row["keywords"], row["channel"]) == (
        article.url,
        "中国芯, 芯片",
        "国内新闻",
    )
    assert markdown == (
        "# 标题\n\n"
        "Date: 2021-08-02T00:00:00+00:00\n\n"
        "URL: <https://news.sina.com.cn/c/2019-09-07/doc-x.shtml>\n\n"
        "Source: 北京日报\n\n"
        "Keywords: 中国芯, 芯片\n\n"
    )


def test_markdown_writes_a_url_an_autolink_cannot_hold_as_escaped_text() -> None:
    text = _written(write_markdown, [_article(url="https://x.example/a_<b>")])
    assert "URL: https://x.example/a\\_\\<b\\>\n" in text
