"""``from_dict`` reads what ``to_dict`` writes, and refuses anything else with a DataError."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

import sinaparse
from sinaparse import (
    Article,
    Body,
    Cell,
    Code,
    Credit,
    DataError,
    Figure,
    Heading,
    Image,
    Paragraph,
    Quote,
    SinaParseError,
    Stock,
    Table,
)

from .conftest import SEED

EVERY_BLOCK = (
    Paragraph("段"),
    Heading("题"),
    Figure(Image("https://n.sinaimg.cn/a.jpg", caption="图", width=640, height=387)),
    Table(
        ((Cell("甲", colspan=2, header=True),), (Cell("乙"), Cell("丙", rowspan=3))), caption="表"
    ),
    Quote(("引一", "引二")),
    Code("x\n\ty", language="python"),
)


@pytest.mark.parametrize(
    "value",
    [
        *EVERY_BLOCK,
        Image("https://a.cn/b.png"),
        Stock("sh", "600000", "浦发银行", linked=True),
        Credit("记者", "高健"),
        Cell("格"),
    ],
    ids=lambda value: type(value).__name__,
)
def test_every_result_type_round_trips_through_its_own_dict(value: Any) -> None:
    assert type(value).from_dict(value.to_dict()) == value


def test_a_blocks_dict_starts_with_its_type() -> None:
    assert [next(iter(block.to_dict().items())) for block in EVERY_BLOCK] == [
        ("type", kind) for kind in ("paragraph", "heading", "figure", "table", "quote", "code")
    ]


def _article_data() -> dict[str, Any]:
    article = sinaparse.parse_file(SEED)
    data = article.to_dict()
    data["blocks"] = [block.to_dict() for block in EVERY_BLOCK]
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(title=None), "title: expected str, got None"),
        (lambda d: d.pop("title"), "title: missing"),
        (lambda d: d.pop("paragraphs"), "paragraphs: missing"),
        (lambda d: d.update(date="Mon, 02 Aug"), "date: not an ISO-8601 date"),
        (lambda d: d.update(date="2021-08-02T12:49:57"), "date: a date without a UTC offset"),
        (lambda d: d.update(comments="yes"), "comments: expected bool or None, got str"),
        (lambda d: d.update(categories="金融"), "categories: expected a list, got str"),
        (lambda d: d.update(extra=[]), "extra: expected a mapping, got list"),
        (
            lambda d: d["blocks"][3]["rows"][1][1].update(colspan="2"),
            "blocks[3].rows[1][1].colspan: expected int, got str",
        ),
        (
            lambda d: d["blocks"][3]["rows"][0][0].update(header=1),
            "blocks[3].rows[0][0].header: expected bool, got int",
        ),
        (
            lambda d: d["blocks"][3]["rows"][0][0].update(rowspan=True),
            "blocks[3].rows[0][0].rowspan: expected int, got bool",
        ),
        (lambda d: d["blocks"][2]["image"].pop("url"), "blocks[2].image.url: missing"),
        (lambda d: d["blocks"][5].update(text=None), "blocks[5].text: expected str, got None"),
        (lambda d: d["blocks"][0].pop("type"), "blocks[0].type: missing"),
        (
            lambda d: d["blocks"][0].update(type="video"),
            "blocks[0].type: unknown block type 'video'",
        ),
        (lambda d: d["blocks"].append("段"), "blocks[6]: expected a mapping, got str"),
        (
            lambda d: d.update(stocks=[{"market": "sh", "symbol": 600000, "name": None}]),
            "stocks[0].symbol: expected str, got int",
        ),
        (lambda d: d.update(credits=[{"role": "记者"}]), "credits[0].name: missing"),
        (lambda d: d.update(warnings=[["code"]]), "warnings[0]: expected a list of 2, got list"),
        (
            lambda d: d.update(head_image="https://a.cn/b.png"),
            "head_image: expected a mapping, got str",
        ),
    ],
)
def test_a_bad_value_is_a_data_error_naming_its_key_path(change: Any, message: str) -> None:
    data = _article_data()
    change(data)
    with pytest.raises(DataError) as caught:
        Article.from_dict(data)
    assert str(caught.value).startswith(message)
    assert caught.value.key == message.split(":")[0]
    assert isinstance(caught.value, SinaParseError)
    assert isinstance(caught.value, ValueError)


def test_data_that_is_no_mapping_is_a_data_error_without_a_key() -> None:
    with pytest.raises(DataError, match=r"^expected a mapping, got list$") as caught:
        Body.from_dict([])  # type: ignore[arg-type]
    assert caught.value.key == ""


def test_data_written_by_0_1_reads_with_the_new_fields_empty() -> None:
    data = _article_data()
    for key in ("url", "keywords", "channel", "credits"):
        del data[key]
    data["stocks"] = [{"market": "sh", "symbol": "600000", "name": "浦发银行"}]
    article = Article.from_dict(data)
    assert (article.url, article.keywords, article.channel, article.credits) == (None, (), None, ())
    assert article.stocks == (Stock("sh", "600000", "浦发银行", linked=False),)


def test_a_data_error_pickles_with_its_key() -> None:
    error = DataError("expected int, got str", key="blocks[3].rows[0][1].colspan")
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), again.key, str(again)) == (DataError, error.key, str(error))
    moved = error.with_position(path="a.json")
    assert (moved.key, moved.path) == (error.key, "a.json")  # type: ignore[attr-defined]
