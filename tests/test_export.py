"""The export formats: what each writer puts on the stream, read back where it can be."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import sinaparse
from sinaparse import (
    Article,
    Body,
    Cell,
    Figure,
    Heading,
    Image,
    Outcome,
    Paragraph,
    Quote,
    Stock,
    Table,
)
from sinaparse.outputs import (
    CSV_COLUMNS,
    FORMATS,
    WRITERS,
    arrow_schema,
    outcome_record,
    write_csv,
    write_json,
    write_jsonl,
    write_markdown,
    write_parquet,
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


def _csv_rows(text: str) -> list[dict[str, str]]:
    """The rows of a CSV with its byte-order mark, read as Python's readers should."""
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_csv_reads_back_as_a_header_and_a_row_per_article(
    corpus_articles: list[Article],
) -> None:
    rows = _csv_rows(_written(write_csv, corpus_articles))

    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["title"] for row in rows] == [article.title for article in corpus_articles]
    assert [row["text"] for row in rows] == [article.text for article in corpus_articles]
    assert [row["date"] for row in rows] == [
        article.date.isoformat() for article in corpus_articles
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
        warnings=[("title-underscore", "标题含 _")],
    )

    (row,) = _csv_rows(_written(write_csv, [article]))

    assert row == {
        "path": "",
        "item": "",
        "title": "标题",
        "date": "2021-08-02T00:00:00+00:00",
        "url": "",
        "categories": "金融\n新浪财经",
        "keywords": "",
        "channel": "",
        "author": "新浪财经",
        "original_title": "",
        "source": "新华社",
        "editor": "",
        "credits": "",
        "head_image": "https://n.sinaimg.cn/a.jpg",
        "thumbnail": "",
        "image_urls": "https://n.sinaimg.cn/a.jpg\nhttps://n.sinaimg.cn/b.jpg",
        "stocks": "sh600519\nhk00700",
        "warnings": "title-underscore: 标题含 _",
        "text": '第一段，含,逗号\n第二段"引号"',
    }


def test_csv_of_outcomes_names_each_file_and_feed_item_and_leaves_out_failures() -> None:
    article = _article()
    outcomes = [
        Outcome("a.md", article=article),
        Outcome("b.md", error=sinaparse.InputError("unreadable", path="b.md")),
        Outcome("feed.xml", article=article, item=0),
        Outcome("body.html", body=Body(paragraphs=["正文"])),
    ]
    stream = io.StringIO()

    assert write_csv(outcomes, stream) == 3
    rows = _csv_rows(stream.getvalue())

    assert [(row["path"], row["item"]) for row in rows] == [
        ("a.md", ""),
        ("feed.xml", "0"),
        ("body.html", ""),
    ]
    assert (rows[2]["title"], rows[2]["date"], rows[2]["text"]) == ("", "", "正文")


def test_csv_of_records_is_the_csv_of_their_outcomes() -> None:
    outcomes = [Outcome("feed.xml", article=_article(keywords=["芯片"]), item=2)]
    from_records, from_outcomes = io.StringIO(), io.StringIO()

    write_csv((outcome_record(outcome) for outcome in outcomes), from_records)
    write_csv(outcomes, from_outcomes)

    assert from_records.getvalue() == from_outcomes.getvalue()


@pytest.mark.parametrize(
    ("fields", "header", "cells"),
    [
        pytest.param(["title"], ["title"], ["标题"], id="one"),
        pytest.param(["comments", "path"], ["comments", "path"], ["true", ""], id="reordered"),
        pytest.param(
            ["paragraphs", "extra", "blocks"],
            ["paragraphs", "extra", "blocks"],
            ["甲\n乙", '{"tags": ["财经"]}', '[{"type": "paragraph", "text": "甲"}]'],
            id="not-by-default",
        ),
    ],
)
def test_csv_fields_choose_the_columns_and_their_order(
    fields: list[str], header: list[str], cells: list[str]
) -> None:
    article = _article(
        comments=True,
        paragraphs=["甲", "乙"],
        blocks=[Paragraph("甲")],
        extra={"tags": ["财经"]},
    )
    stream = io.StringIO()

    write_csv([article], stream, fields=fields, bom=False)

    assert list(csv.reader(io.StringIO(stream.getvalue(), newline=""))) == [header, cells]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (["title", "titel"], "unknown field 'titel'; the fields are: path, item, title,"),
        (["a", "b"], "unknown fields 'a', 'b'"),
        (["title", "title"], "named more than once: 'title'"),
        ([], "no fields given"),
    ],
    ids=["unknown", "two-unknown", "twice", "none"],
)
def test_csv_refuses_fields_it_cannot_write_before_writing(fields: list[str], message: str) -> None:
    stream = io.StringIO()

    with pytest.raises(ValueError, match="^" + re.escape(message)):
        write_csv([_article()], stream, fields=fields)

    assert stream.getvalue() == ""


@pytest.mark.parametrize(("bom", "start"), [(True, "\ufeffpath,item,"), (False, "path,item,")])
def test_csv_starts_with_a_byte_order_mark_for_excel_unless_told(bom: bool, start: str) -> None:
    stream = io.StringIO()

    write_csv([_article()], stream, bom=bom)

    assert stream.getvalue().startswith(start)


def test_a_csv_file_reads_back_with_utf_8_sig(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        write_csv([_article(title="标题，逗号")], stream)

    assert path.read_bytes().startswith(b"\xef\xbb\xbfpath,")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        (row,) = csv.DictReader(stream)
    assert row["title"] == "标题，逗号"


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

    (row,) = _csv_rows(_written(write_csv, [article]))
    markdown = _written(write_markdown, [article])

    assert (row["url"], row["keywords"], row["channel"]) == (
        article.url,
        "中国芯\n芯片",
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


# --- Parquet without pyarrow ----------------------------------------------------


@pytest.mark.parametrize("call", ["to_arrow", "write_parquet", "arrow_schema"])
def test_without_pyarrow_the_arrow_outputs_say_what_to_install(
    monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    calls: dict[str, Callable[[], object]] = {
        "to_arrow": lambda: sinaparse.to_arrow([_article()]),
        "write_parquet": lambda: write_parquet([_article()], io.BytesIO()),
        "arrow_schema": arrow_schema,
    }

    with pytest.raises(ImportError) as raised:
        calls[call]()

    assert str(raised.value) == "Parquet needs pyarrow: pip install 'sinaparse[parquet]'"


def test_importing_sinaparse_never_imports_pyarrow() -> None:
    code = "import sys, sinaparse, sinaparse.outputs; print('pyarrow' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}

    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )

    assert done.stdout == "False\n"
