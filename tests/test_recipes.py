"""The recipes of docs/recipes.md, run as written, give what a plain loop gives."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import sinaparse

from .conftest import CORPUS, ROOT
from .posts import make_page

RECIPES = ROOT / "docs" / "recipes.md"
PAGES = sorted(path.name for path in (CORPUS / "pages").glob("*.html"))[:3]
_BLOCK = re.compile(r"```python\n# recipe: (\w+)\n(.*?)```", re.DOTALL)


def _recipe(name: str) -> dict[str, Any]:
    """Run the recipe's code block; return the names it defines."""
    blocks = dict(_BLOCK.findall(RECIPES.read_text(encoding="utf-8")))
    namespace: dict[str, Any] = {"__name__": f"recipe_{name}"}
    exec(compile(blocks[name], f"{RECIPES}:{name}", "exec"), namespace)
    return namespace


def _posts_with_one_broken(tmp_path: Path) -> list[str]:
    paths = sorted(str(path) for path in (CORPUS / "posts").glob("*.md"))
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: 'x'\ndate: not a date\n---\n<p>x</p>\n", encoding="utf-8")
    return [*paths[:20], str(broken), *paths[20:40]]


def test_dask_recipe_gives_the_serial_results(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    recipe = _recipe("dask")
    paths = _posts_with_one_broken(tmp_path)
    serial = [recipe["parse_to_record"](path) for path in paths]
    assert recipe["parse_corpus"](paths, partitions=4, scheduler="processes") == serial
    assert sum(record["error"] is not None for record in serial) == 1
    for record in serial:
        if record["article"] is not None:
            expected = sinaparse.parse_file(record["path"])
            assert sinaparse.Article.from_dict(record["article"]) == expected


def test_dask_recipe_writes_json_lines(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    recipe = _recipe("dask")
    paths = _posts_with_one_broken(tmp_path)
    recipe["write_jsonl"](paths, str(tmp_path / "out"))
    lines = [
        json.loads(line)
        for part in sorted((tmp_path / "out").glob("part-*.jsonl"))
        for line in part.read_text(encoding="utf-8").splitlines()
    ]
    assert [line["path"] for line in lines] == paths


@pytest.mark.parametrize(
    "body_file",
    sorted((CORPUS / "bodies").glob("sqldump_jspsqwl_*.html")),
    ids=lambda path: path.stem,
)
def test_scrapy_recipe_yields_the_parsed_page(body_file: Path) -> None:
    http = pytest.importorskip("scrapy.http")
    recipe = _recipe("scrapy")
    url = "https://finance.sina.com.cn/china/2021-05-17/doc-x.shtml"
    body_html = body_file.read_text(encoding="utf-8")
    page = make_page(
        body_html, metas=(), body_tag='<div class="article" id="artibody">', charset="gbk"
    )
    response = http.HtmlResponse(url=url, body=page.encode("gbk", "ignore"), encoding="gbk")
    (item,) = recipe["SinaArticleSpider"]().parse(response)
    assert item == sinaparse.parse_page(response.body, url=url).to_dict()
    assert (item["url"], item["title"], item["channel"]) == (url, "标题", "国内新闻")
    options = sinaparse.ParseOptions(base_url=url)
    body = sinaparse.parse_body(f"<div>{body_html}</div>", options=options)
    assert item["paragraphs"] == list(body.paragraphs)
    assert item["images"] == [image.to_dict() for image in body.images]


@pytest.mark.parametrize("page", [CORPUS / "pages" / name for name in PAGES], ids=PAGES)
def test_scrapy_recipe_on_the_corpus_pages(page: Path) -> None:
    http = pytest.importorskip("scrapy.http")
    recipe = _recipe("scrapy")
    response = http.HtmlResponse(url="https://finance.sina.com.cn/x.shtml", body=page.read_bytes())
    (item,) = recipe["SinaArticleSpider"]().parse(response)
    assert sinaparse.Article.from_dict(item) == sinaparse.parse_page(
        page.read_bytes(), url=response.url
    )


def test_scrapy_recipe_skips_pages_without_an_article() -> None:
    http = pytest.importorskip("scrapy.http")
    recipe = _recipe("scrapy")
    response = http.HtmlResponse(
        url="https://finance.sina.com.cn/",
        body=b"<html><body>index</body></html>",
        encoding="utf-8",
    )
    assert list(recipe["SinaArticleSpider"]().parse(response)) == []
