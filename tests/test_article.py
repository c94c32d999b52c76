"""The Article: immutable, typed, lossless, and round-tripping through dicts."""

from __future__ import annotations

import datetime as dt
import json
import pickle

import attrs
import pytest

import sinaparse
from sinaparse import Article

from .conftest import SEED
from .posts import make_post, paragraph


def test_articles_are_frozen_and_slotted() -> None:
    article = sinaparse.parse_file(SEED)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        article.title = "x"  # type: ignore[misc]
    assert not hasattr(article, "__dict__")
    with pytest.raises(TypeError):
        article.extra["new"] = 1  # type: ignore[index]


def test_to_dict_is_json_and_from_dict_gives_an_equal_article() -> None:
    article = sinaparse.parse_file(SEED)
    data = json.loads(json.dumps(article.to_dict(), ensure_ascii=False))
    assert data["date"] == "2021-08-02T12:49:57+00:00"
    assert Article.from_dict(data) == article


def test_articles_pickle_and_hash() -> None:
    article = sinaparse.parse_file(SEED)
    assert pickle.loads(pickle.dumps(article)) == article
    assert hash(article) == hash(pickle.loads(pickle.dumps(article)))


def test_unknown_front_matter_keys_are_kept_unchanged() -> None:
    post = make_post(
        paragraph("正文"),
        extra_lines=["tags: [财经, 宏观]", "updated: 2021-08-03 10:00:00", "weight: 3"],
    )
    article = sinaparse.parse(post)
    assert dict(article.extra) == {
        "tags": ["财经", "宏观"],
        "updated": "2021-08-03 10:00:00",
        "weight": 3,
    }
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


def test_escaped_braces_are_undone_in_the_title() -> None:
    article = sinaparse.parse(make_post(paragraph("正文"), title="'&#123;标题&#125;'"))
    assert article.title == "{标题}"


@pytest.mark.parametrize(
    ("title", "original", "restored"),
    [
        pytest.param("1049元_斤！天价荔枝", "1049元/斤！天价荔枝", True, id="slash"),
        pytest.param("_国家乡村振兴局_？辟谣", "“国家乡村振兴局”？辟谣", True, id="quotes"),
        pytest.param("A_B", "A-B", False, id="not-a-replaced-character"),
        pytest.param("标题_一", "另一个标题", False, id="different-length"),
        pytest.param("同一个标题", "同一个标题", False, id="same"),
    ],
)
def test_title_restored_from_original_title(title: str, original: str, restored: bool) -> None:
    post = make_post(paragraph(f"原标题：{original}") + paragraph("正文"), title=f"'{title}'")
    article = sinaparse.parse(post)
    assert article.title == (original if restored else title)
    assert article.original_title == original
    assert ("title-restored" in [code for code, _ in article.warnings]) is restored


@pytest.mark.parametrize(
    ("title", "body", "restored", "how"),
    [
        pytest.param(
            "1049元_斤！天价荔枝",
            paragraph("原标题：1049元/斤！天价荔枝") + paragraph("正文"),
            "1049元/斤！天价荔枝",
            "from 原标题",
            id="original-title",
        ),
        pytest.param(
            "基建迎来_开门红_",
            paragraph("今年基建迎来“开门红”。"),
            "基建迎来“开门红”",
            "from the phrases the article quotes",
            id="quoted-phrase",
        ),
        pytest.param(
            "_入世_20年",
            paragraph("原标题：另一个说法") + paragraph("中国“入世”已经20年。"),
            "“入世”20年",
            "from the phrases the article quotes",
            id="original-title-that-does-not-fit",
        ),
    ],
)
def test_title_restored_says_how(title: str, body: str, restored: str, how: str) -> None:
    article = sinaparse.parse(make_post(body, title=f"'{title}'"))
    assert article.title == restored
    messages = [message for code, message in article.warnings if code == "title-restored"]
    assert len(messages) == 1
    assert messages[0].endswith(f"restored {how}")


def test_dates_are_aware_even_when_given_without_zone() -> None:
    article = sinaparse.parse(make_post(paragraph("正文"), date="2021-08-02 20:49:57"))
    assert article.date.utcoffset() == dt.timedelta(hours=8)


def test_version_is_exposed() -> None:
    assert sinaparse.__version__.count(".") == 2


@pytest.mark.parametrize(
    "value",
    [
        sinaparse.Image(
            "https://n.sinaimg.cn/a.jpg", alt="图", caption="说明", width=640, height=387
        ),
        sinaparse.Stock("sh", "600519", "贵州茅台"),
        sinaparse.Paragraph("段落"),
        sinaparse.Heading("标题"),
        sinaparse.Figure(sinaparse.Image("https://n.sinaimg.cn/a.jpg")),
        sinaparse.Table(((sinaparse.Cell("格", colspan=2, header=True),),), caption="表"),
        sinaparse.Quote(("引文一", "引文二")),
    ],
    ids=lambda value: type(value).__name__,
)
def test_small_results_pickle_as_a_call_of_their_class(value: object) -> None:
    travelled = pickle.loads(pickle.dumps(value))
    assert travelled == value
    assert type(travelled) is type(value)
    assert value.__reduce__()[0] is type(value)


# --- url, keywords, channel (issue 13) ----------------------------------------


@pytest.mark.parametrize(
    ("lines", "url"),
    [
        pytest.param(
            ["link: https://finance.sina.com.cn/a.shtml"],
            "https://finance.sina.com.cn/a.shtml",
            id="link",
        ),
        pytest.param(
            ["url: 'http://finance.sina.com.cn/b.shtml'"],
            "https://finance.sina.com.cn/b.shtml",
            id="url-http-sina",
        ),
        pytest.param(
            ["permalink: http://example.com/p/1"],
            "http://example.com/p/1",
            id="permalink-other-host",
        ),
        pytest.param(
            ["link: /rel/path", "url: https://x.example/y"],
            "https://x.example/y",
            id="first-usable",
        ),
        pytest.param(
            ["link: //news.sina.com.cn/c.shtml"],
            "https://news.sina.com.cn/c.shtml",
            id="protocol-relative",
        ),
    ],
)
def test_a_posts_link_url_or_permalink_key_sets_url(lines: list[str], url: str) -> None:
    article = sinaparse.parse(make_post(paragraph("正文"), extra_lines=lines))
    assert article.url == url
    assert "url-invalid" not in [code for code, _ in article.warnings]
    assert set(article.extra) == {line.split(":")[0] for line in lines}  # kept as written too


@pytest.mark.parametrize(
    "line",
    [
        "link: javascript:alert(1)",
        "permalink: /2021/08/02/x/",
        "url: ''",
        "link: [a, b]",
        "url: ftp://x.example/f",
    ],
)
def test_a_post_url_that_is_no_absolute_http_url_is_none_with_a_warning(line: str) -> None:
    article = sinaparse.parse(make_post(paragraph("正文"), extra_lines=[line]))
    assert article.url is None
    codes = [code for code, _ in article.warnings]
    assert codes.count("url-invalid") == (0 if line == "url: ''" else 1)


def test_a_relative_permalink_resolves_against_base_url() -> None:
    options = attrs.evolve(sinaparse.DEFAULT_OPTIONS, base_url="https://finance.sina.com.cn/")
    article = sinaparse.parse(
        make_post(paragraph("正文"), extra_lines=["permalink: /p/1/"]), options=options
    )
    assert article.url == "https://finance.sina.com.cn/p/1/"


def test_new_fields_default_empty_round_trip_and_old_dicts_still_read() -> None:
    article = sinaparse.parse_file(SEED)
    assert (article.url, article.keywords, article.channel) == (None, (), None)
    full = attrs.evolve(
        article,
        url="https://finance.sina.com.cn/a.shtml",
        keywords=["芯片", "华为"],
        channel="国内新闻",
    )
    assert full.keywords == ("芯片", "华为")
    data = json.loads(json.dumps(full.to_dict(), ensure_ascii=False))
    assert (data["url"], data["keywords"], data["channel"]) == (
        full.url,
        ["芯片", "华为"],
        "国内新闻",
    )
    assert Article.from_dict(data) == full
    assert pickle.loads(pickle.dumps(full)) == full
    old = {
        key: value
        for key, value in article.to_dict().items()
        if key not in {"url", "keywords", "channel"}
    }
    assert Article.from_dict(old) == article
