"""Arrow tables and Parquet files: the whole golden corpus written and read back.

Read back with pyarrow and with pandas, as a user of the dataset would: one
row per post, named by its file, every date in one zone, lists as lists.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import sinaparse
from sinaparse import Article, Body, InputError, OptionsError, Outcome, Stock
from sinaparse.outputs import (
    ROW_FIELDS,
    arrow_schema,
    outcome_record,
    to_arrow,
    write_csv,
    write_parquet,
)

from .conftest import CORPUS, SEED

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pd = pytest.importorskip("pandas")

POSTS = sorted(path for path in (CORPUS / "posts").iterdir() if path.suffix == ".md")
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    found = list(sinaparse.parse_many(POSTS))
    assert all(outcome.ok for outcome in found)  # the golden corpus parses
    return found


@pytest.fixture(scope="module")
def articles(outcomes: list[Outcome]) -> list[Article]:
    return [outcome.article for outcome in outcomes if outcome.article is not None]


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory, outcomes: list[Outcome]) -> Path:
    path = tmp_path_factory.mktemp("parquet") / "articles.parquet"
    assert write_parquet(iter(outcomes), path, batch_rows=10) == len(POSTS)
    return path


def _article(**fields: Any) -> Article:
    defaults: dict[str, Any] = {
        "title": "标题",
        "date": dt.datetime(2021, 8, 2, 8, tzinfo=SHANGHAI),
    }
    return Article(**{**defaults, **fields})


# --- The corpus, read back with pyarrow --------------------------------------


def test_the_corpus_file_has_a_row_per_post_named_by_its_file(corpus_file: Path) -> None:
    table = pq.read_table(corpus_file)

    assert table.num_rows == len(POSTS) > 20
    assert table.column("path").to_pylist() == [str(path) for path in POSTS]
    assert table.column("item").to_pylist() == [None] * len(POSTS)
    assert table.schema == arrow_schema()


def test_the_corpus_files_row_groups_hold_batch_rows_each(corpus_file: Path) -> None:
    metadata = pq.ParquetFile(corpus_file).metadata

    assert metadata.num_row_groups == math.ceil(len(POSTS) / 10)
    assert metadata.row_group(0).num_rows == 10


def test_every_corpus_date_is_the_same_instant_in_one_zone(
    corpus_file: Path, articles: list[Article]
) -> None:
    column = pq.read_table(corpus_file).column("date")

    assert column.type == pa.timestamp("us", tz="UTC")
    dates = column.to_pylist()
    assert dates == [article.date for article in articles]  # the same instants
    assert {date.utcoffset() for date in dates} == {dt.timedelta(0)}
    assert len({article.date.utcoffset() for article in articles}) > 1  # the posts' are mixed


@pytest.mark.parametrize(
    "field", ["categories", "keywords", "paragraphs", "image_urls", "stocks", "warnings"]
)
def test_corpus_lists_come_back_as_lists(
    corpus_file: Path, articles: list[Article], field: str
) -> None:
    values = pq.read_table(corpus_file, columns=[field]).column(field).to_pylist()

    assert values == [article.to_record()[field] for article in articles]


def test_corpus_texts_and_json_columns_come_back(
    corpus_file: Path, articles: list[Article]
) -> None:
    table = pq.read_table(corpus_file)

    assert table.column("title").to_pylist() == [article.title for article in articles]
    assert table.column("text").to_pylist() == [article.text for article in articles]
    extras = [json.loads(extra) for extra in table.column("extra").to_pylist()]
    assert extras == [dict(article.extra) for article in articles]
    blocks = [json.loads(text) for text in table.column("blocks").to_pylist()]
    assert blocks == [article.to_dict()["blocks"] for article in articles]


# --- The corpus, read back with pandas ---------------------------------------


def test_pandas_reads_the_corpus_file_with_one_zone_of_dates(
    corpus_file: Path, articles: list[Article]
) -> None:
    frame = pd.read_parquet(corpus_file)

    assert list(frame.columns) == list(ROW_FIELDS)
    assert frame["path"].tolist() == [str(path) for path in POSTS]
    assert str(frame["date"].dtype) in ("datetime64[us, UTC]", "datetime64[ns, UTC]")
    assert [stamp.to_pydatetime() for stamp in frame["date"]] == [a.date for a in articles]
    assert [list(value) for value in frame["categories"]] == [list(a.categories) for a in articles]
    assert [json.loads(value) for value in frame["extra"]] == [dict(a.extra) for a in articles]


def test_pandas_reads_a_csv_with_its_byte_order_mark(
    tmp_path: Path, outcomes: list[Outcome]
) -> None:
    path = tmp_path / "articles.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        write_csv((outcome_record(outcome) for outcome in outcomes), stream)

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)

    assert frame.columns[0] == "path"  # not "\ufeffpath"
    assert frame["path"].tolist() == [str(path) for path in POSTS]
    assert frame["title"].tolist() == [
        outcome.article.title for outcome in outcomes if outcome.article
    ]


# --- Schema, zones and fields ---------------------------------------------------

COLUMN_TYPES = {
    "path": "string",
    "item": "int32",
    "date": "timestamp[us, tz=UTC]",
    "categories": "list<item: string>",
    "comments": "bool",
    "head_image": "string",
    "paragraphs": "list<item: string>",
    "extra": "string",
}


@pytest.mark.parametrize(("name", "arrow_type"), COLUMN_TYPES.items())
def test_schema_column_types(name: str, arrow_type: str) -> None:
    field = arrow_schema().field(name)

    assert (str(field.type), field.nullable) == (arrow_type, True)


def test_the_schema_has_every_row_field_in_order() -> None:
    assert arrow_schema().names == list(ROW_FIELDS)
    assert arrow_schema(["title", "path"]).names == ["title", "path"]


@pytest.mark.parametrize("tz", ["UTC", "Asia/Shanghai", "America/New_York"])
def test_dates_of_mixed_zones_become_one_zone_keeping_their_instants(tz: str) -> None:
    dates = [
        dt.datetime(2021, 8, 2, 8, tzinfo=SHANGHAI),
        dt.datetime(2021, 8, 2, 8, tzinfo=UTC),
        dt.datetime(2021, 8, 2, 8, tzinfo=dt.timezone(-dt.timedelta(hours=5))),
    ]

    column = to_arrow([_article(date=date) for date in dates], tz=tz).column("date")

    assert column.type == pa.timestamp("us", tz=tz)
    assert column.to_pylist() == dates
    assert len({date.utcoffset() for date in column.to_pylist()}) == 1


UNKNOWN_ZONE_CALLS: dict[str, Callable[[Path], object]] = {
    "to_arrow": lambda path: to_arrow([_article()], tz="Mars/Olympus"),
    "write_parquet": lambda path: write_parquet([_article()], path, tz="Mars/Olympus"),
    "arrow_schema": lambda path: arrow_schema(tz="Mars/Olympus"),
}


@pytest.mark.parametrize("call", UNKNOWN_ZONE_CALLS)
def test_an_unknown_zone_is_an_options_error_and_nothing_is_written(
    tmp_path: Path, call: str
) -> None:
    path = tmp_path / "out.parquet"

    with pytest.raises(OptionsError, match="tz: unknown time zone 'Mars/Olympus'"):
        UNKNOWN_ZONE_CALLS[call](path)

    assert not path.exists()


def test_fields_choose_the_columns() -> None:
    table = to_arrow([_article(keywords=["芯片"])], fields=["keywords", "title"])

    assert table.to_pylist() == [{"keywords": ["芯片"], "title": "标题"}]


def test_an_unknown_field_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown field 'titel'"):
        to_arrow([_article()], fields=["titel"])


def test_articles_bodies_and_outcomes_mix_and_failed_outcomes_are_left_out() -> None:
    items: list[Article | Body | Outcome] = [
        _article(stocks=[Stock("sh", "600519")]),
        Body(paragraphs=["正文"]),
        Outcome("bad.md", error=InputError("cannot read the file", path="bad.md")),
        Outcome("feed.xml", article=_article(), item=7),
    ]

    rows = to_arrow(items, fields=["path", "item", "title", "date", "stocks", "text"]).to_pylist()

    assert rows == [
        {
            "path": None,
            "item": None,
            "title": "标题",
            "date": dt.datetime(2021, 8, 2, tzinfo=UTC),
            "stocks": ["sh600519"],
            "text": "",
        },
        {"path": None, "item": None, "title": None, "date": None, "stocks": [], "text": "正文"},
        {
            "path": "feed.xml",
            "item": 7,
            "title": "标题",
            "date": dt.datetime(2021, 8, 2, tzinfo=UTC),
            "stocks": [],
            "text": "",
        },
    ]


# --- Writing ----------------------------------------------------------------------


@pytest.mark.parametrize("sink", ["path", "file"])
def test_no_rows_still_make_a_valid_file_with_the_schema(tmp_path: Path, sink: str) -> None:
    path = tmp_path / "empty.parquet"
    if sink == "path":
        assert write_parquet([], path) == 0
    else:
        with path.open("wb") as stream:
            assert write_parquet(iter([]), stream) == 0

    table = pq.read_table(path)

    assert (table.num_rows, table.schema) == (0, arrow_schema())
    assert to_arrow([]).schema == arrow_schema()


def test_a_file_object_is_left_open(tmp_path: Path) -> None:
    stream = io.BytesIO()

    write_parquet([_article()], stream)

    assert not stream.closed
    assert pq.read_table(io.BytesIO(stream.getvalue())).num_rows == 1


def test_rows_are_written_as_they_come_not_gathered(articles: list[Article]) -> None:
    stream = io.BytesIO()
    seen_before_end: list[int] = []

    def items() -> Iterator[Article]:
        for number, article in enumerate(articles):
            if number == 3 * 5:  # three row groups of 5 made: they are on the sink already
                seen_before_end.append(stream.tell())
            yield article

    assert write_parquet(items(), stream, batch_rows=5) == len(articles)

    (written,) = seen_before_end
    assert 4 < written < len(stream.getvalue())  # more than the opening "PAR1", less than all


def test_a_pipe_which_cannot_seek_takes_a_whole_file(articles: list[Article]) -> None:
    read_end, write_end = os.pipe()
    received: list[bytes] = []

    def read_all() -> None:
        with os.fdopen(read_end, "rb") as pipe:
            received.append(pipe.read())

    reader = threading.Thread(target=read_all)
    reader.start()

    with os.fdopen(write_end, "wb") as pipe:
        assert not pipe.seekable()
        assert write_parquet(articles, pipe, batch_rows=25) == len(articles)
    reader.join(timeout=60)

    table = pq.read_table(io.BytesIO(received[0]))
    assert table.column("title").to_pylist() == [article.title for article in articles]


@pytest.mark.parametrize("batch_rows", [0, -1])
def test_batch_rows_must_be_positive(tmp_path: Path, batch_rows: int) -> None:
    with pytest.raises(ValueError, match="batch_rows must be at least 1"):
        write_parquet([_article()], tmp_path / "x.parquet", batch_rows=batch_rows)


def test_a_write_that_fails_halfway_leaves_the_path_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "articles.parquet"
    out.write_bytes(b"the earlier file")

    def failing() -> Iterator[sinaparse.Article]:
        yield sinaparse.parse_file(SEED)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_parquet(failing(), out, batch_rows=1)

    assert out.read_bytes() == b"the earlier file"
    assert [path.name for path in tmp_path.iterdir()] == ["articles.parquet"]
