"""Checked by mypy (not run): the public signatures stay what the docs say."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs
from typing_extensions import assert_type

import sinaparse
from sinaparse import Article, Block, Body, Image, ParseOptions, ParseWarning, Stock


def check_signatures(text: str, data: bytes) -> None:
    article = sinaparse.parse(text)
    assert_type(article, Article)
    assert_type(sinaparse.parse(data, options=sinaparse.DEFAULT_OPTIONS), Article)
    assert_type(sinaparse.parse_file("post.md"), Article)
    assert_type(sinaparse.parse_body(data), Body)
    assert_type(article.title, str)
    assert_type(article.date, dt.datetime)
    assert_type(article.categories, tuple[str, ...])
    assert_type(article.author, str | None)
    assert_type(article.comments, bool | None)
    assert_type(article.head_image, Image | None)
    assert_type(article.extra, Mapping[str, object])
    assert_type(article.paragraphs, tuple[str, ...])
    assert_type(article.blocks, tuple[Block, ...])
    assert_type(article.images, tuple[Image, ...])
    assert_type(article.stocks, tuple[Stock, ...])
    assert_type(article.warnings, tuple[ParseWarning, ...])
    assert_type(article.text, str)
    assert_type(article.to_dict(), dict[str, Any])
    options = attrs.evolve(sinaparse.DEFAULT_OPTIONS, default_tz="UTC")
    assert_type(options, ParseOptions)
    assert_type(sinaparse.__version__, str)
    rules = sinaparse.load_rules("rules.toml")
    assert_type(rules, tuple[sinaparse.BoilerplateRule, ...])
    assert_type(attrs.evolve(options, boilerplate=options.boilerplate + rules), ParseOptions)
    error = sinaparse.RulesFileError("missing key 'reason'", path="rules.toml", rule=1)
    assert_type(error.rule, int | None)
    assert_type(error.rule_name, str | None)
    assert_type(sinaparse.RECORD_FIELDS, tuple[str, ...])
