"""``from_dict`` refuses, as a DataError naming the key, what no parse could give.

Types are checked by ``test_from_dict``; here the values: ``extra`` that is no
JSON (NaN, bytes, a set, a non-text key, nesting 100,000 deep), a block type
that is no text, and values of the right type that break the parser's
guarantees (a ``javascript:`` picture, a NUL in a title, a colspan of 0, a
date no zone can show). And a fuzz: any JSON-like value anywhere in a valid
``to_dict()`` gives a DataError or an Article that round-trips as JSON.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import Article, Body, DataError, SinaParseError
from sinaparse._data.json_data import MAX_DEPTH

from .conftest import SEED
from .test_from_dict import EVERY_BLOCK


def _article_data() -> dict[str, Any]:
    data = sinaparse.parse_file(SEED).to_dict()
    data["blocks"] = [block.to_dict() for block in EVERY_BLOCK]
    data["url"] = "https://finance.sina.com.cn/a.shtml"
    return data


DATA = _article_data()


def _refused(data: dict[str, Any]) -> DataError:
    with pytest.raises(DataError) as caught:
        Article.from_dict(data)
    return caught.value


def _nested(depth: int, kind: str) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value] if kind == "list" else {"k": value}
    return value


@pytest.mark.parametrize(
    ("extra", "key", "reason"),
    [
        ({"x": float("nan")}, "extra.x", "nan, which JSON cannot hold"),
        ({"x": float("inf")}, "extra.x", "inf, which JSON cannot hold"),
        ({"x": [1, {"y": -float("inf")}]}, "extra.x[1].y", "-inf"),
        ({"x": b"ab"}, "extra.x", "bytes, which is not JSON data"),
        ({"x": {1, 2}}, "extra.x", "set, which is not JSON data"),
        ({"x": object()}, "extra.x", "object, which is not JSON data"),
        ({"x": {1: "a"}}, "extra.x", "has the key 1, which is not text"),
        ({"a b": {"c": [10**700]}}, "extra['a b'].c[0]", "more than 640 digits"),
        ({"x": "a\x00b"}, "extra.x", "not text"),
        ({"x": ["\ud800"]}, "extra.x[0]", "not text"),
        ({"x": {"\x1b": 1}}, "extra.x", "not text"),
    ],
)
def test_extra_that_is_no_json_is_a_data_error_naming_its_key(
    extra: dict[str, Any], key: str, reason: str
) -> None:
    error = _refused({**DATA, "extra": extra})
    assert error.key == key
    assert reason in error.reason


@pytest.mark.parametrize("kind", ["list", "dict"])
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_extra_nested_too_deeply_is_a_data_error(kind: str, depth: int) -> None:
    error = _refused({**DATA, "extra": {"x": _nested(depth, kind)}})
    assert error.key.startswith("extra.x")
    assert f"nested more than {MAX_DEPTH} levels deep" in error.reason


@pytest.mark.parametrize("kind", ["list", "dict"])
def test_extra_as_deep_as_allowed_round_trips_as_json(kind: str) -> None:
    data = {**DATA, "extra": {"x": _nested(MAX_DEPTH - 1, kind)}}  # extra itself is a level
    written = Article.from_dict(data).to_dict()
    assert json.loads(json.dumps(written, allow_nan=False)) == data


def test_a_shared_value_counts_its_whole_depth_and_a_cycle_is_refused() -> None:
    shallow = _nested(MAX_DEPTH - 2, "list")
    assert Article.from_dict({**DATA, "extra": {"a": shallow, "b": [shallow]}})
    deep: list[object] = [shallow]
    with pytest.raises(DataError, match="nested more than"):
        Article.from_dict({**DATA, "extra": {"a": shallow, "b": [deep]}})
    cycle: list[object] = []
    cycle.append(cycle)
    assert _refused({**DATA, "extra": {"x": cycle}}).reason == "holds itself"


def test_tuples_in_extra_read_as_lists() -> None:
    article = Article.from_dict({**DATA, "extra": {"x": (1, ("a", None))}})
    assert article.to_dict()["extra"] == {"x": [1, ["a", None]]}


@pytest.mark.parametrize("kind", [[], {}, None, 1, ["paragraph"]])
def test_a_block_type_that_is_no_text_is_a_data_error(kind: object) -> None:
    data = copy.deepcopy(DATA)
    data["blocks"][0]["type"] = kind
    error = _refused(data)
    assert (error.key, "unknown block type" in error.reason) == ("blocks[0].type", True)


def _set(path: tuple[object, ...], value: object) -> dict[str, Any]:
    data = copy.deepcopy(DATA)
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


IMAGE_URL = ("blocks", 2, "image", "url")
CELL = ("blocks", 3, "rows", 0, 0)


@pytest.mark.parametrize(
    ("path", "value", "key"),
    [
        *(
            (IMAGE_URL, url, "blocks[2].image.url")
            for url in (
                "javascript:alert(1)",
                "data:image/gif;base64,R0lGOD",
                "/relative.jpg",
                "https://exa mple.com/a.jpg",
                "https://n.sinaimg.cn:99999/a.jpg",
                "https://user:pass@example.com/a.jpg",
                "http://n.sinaimg.cn/a.jpg",  # the parser makes Sina's pictures https
                " https://a.cn/b.png",
            )
        ),
        (("url",), "javascript:alert(1)", "url"),
        (("url",), "ftp://example.com/a", "url"),
        (
            ("images",),
            [{"url": "vbscript:x", "alt": None, "caption": None, "width": None, "height": None}],
            "images[0].url",
        ),
        ((*CELL, "colspan"), 0, "blocks[3].rows[0][0].colspan"),
        ((*CELL, "colspan"), -5, "blocks[3].rows[0][0].colspan"),
        ((*CELL, "colspan"), 10**9, "blocks[3].rows[0][0].colspan"),
        ((*CELL, "rowspan"), 0, "blocks[3].rows[0][0].rowspan"),
        ((*CELL, "rowspan"), 70_000, "blocks[3].rows[0][0].rowspan"),
        (("blocks", 2, "image", "width"), -1, "blocks[2].image.width"),
        (("blocks", 2, "image", "height"), 10**6, "blocks[2].image.height"),
        (("title",), "a\x00b<script>", "title"),
        (("blocks", 5, "text"), "\x00\x1b[31m", "blocks[5].text"),
        (("paragraphs", 0), "\ud800", "paragraphs[0]"),
        ((*CELL, "text"), "\x7f", "blocks[3].rows[0][0].text"),
        (("warnings",), [["code", "bell \x07"]], "warnings[0][1]"),
        (("date",), "0001-01-01T00:00:00+08:00", "date"),
        (("date",), "9999-12-31T23:59:59-05:00", "date"),
        (("date",), "9999-12-31T23:59:59-23:59", "date"),
    ],
)
def test_a_value_no_parse_gives_is_a_data_error_naming_its_key(
    path: tuple[object, ...], value: object, key: str
) -> None:
    assert _refused(_set(path, value)).key == key


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (IMAGE_URL, "https://例子.中国/a.jpg"),
        (IMAGE_URL, "http://[::1]:8080/a.jpg"),
        ((*CELL, "colspan"), 1000),
        ((*CELL, "rowspan"), 65534),
        (("blocks", 2, "image", "width"), 0),
        (("title",), "标题 <b>加粗</b>\n第二行"),  # a post's title is kept as written
        (("blocks", 5, "text"), "a\r\n\tb"),  # code keeps its layout
        (("date",), "0001-01-02T00:00:00+00:00"),
        (("date",), "9999-12-30T23:59:59+00:00"),
    ],
)
def test_values_the_parser_may_give_are_read(path: tuple[object, ...], value: object) -> None:
    data = _set(path, value)
    assert Article.from_dict(data).to_dict() == data


def test_a_text_of_a_str_subclass_is_read_as_a_plain_str() -> None:
    class Text(str):
        pass

    article = Article.from_dict({**DATA, "title": Text("题")})
    assert type(article.title) is str


# --- fuzz: any JSON-like value anywhere gives a DataError or a sound Article ---

_JSON_LIKE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.binary(max_size=4)
    | st.sampled_from(["https://n.sinaimg.cn/a.jpg", "paragraph", "2021-08-02T20:49:57+08:00"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=4) | st.integers(), children, max_size=3)
        | st.tuples(children)
        | st.frozensets(st.integers(), max_size=2)
    ),
    max_leaves=6,
)


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path into ``value``'s dicts and lists."""
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    else:
        return []
    found = []
    for key, item in items:
        found.append((*path, key))
        found.extend(_places(item, (*path, key)))
    return found


PLACES = _places(DATA)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PLACES), _JSON_LIKE), min_size=1, max_size=3))
def test_any_value_anywhere_is_a_data_error_or_a_sound_article(
    changes: list[tuple[tuple[Any, ...], object]],
) -> None:
    data: dict[str, Any] = copy.deepcopy(DATA)
    for path, value in changes:
        target: Any = data
        try:
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change replaced the way there
    try:
        article = Article.from_dict(data)
    except DataError:
        return
    except SinaParseError as error:  # pragma: no cover - the assertion says what
        raise AssertionError(f"not a DataError: {error!r}") from error
    written = article.to_dict()
    again = Article.from_dict(json.loads(json.dumps(written, allow_nan=False)))
    assert again == article
    assert Body.from_dict(json.loads(json.dumps(Body.to_dict(article)))).paragraphs == (
        article.paragraphs
    )
