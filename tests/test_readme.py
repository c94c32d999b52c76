"""README.md's short tour runs as written, and gives the values its comments claim.

The tour's code is run as it stands, in a folder holding the sample post
(``seeds/``) and the broken ``post.md`` the tour says it reads. A comment after
an expression is a claim when it can be checked:

- a Python value (``# '蒋晓桐'``, ``# ('post.md', 9)``, ``# datetime(…, tzinfo=timezone.utc)``):
  the expression equals it;
- a count (``# 7 paragraphs, …``): the expression has that many items;
- after ``print(...)``: what it prints.

Any other comment is prose.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import re
import shutil
import tokenize
from collections.abc import Sized
from pathlib import Path
from typing import Any

import attrs
import pytest

from .conftest import ROOT

README = ROOT / "README.md"
# The post the tour's error example reads: its line 9 is the bad date.
BROKEN_POST = """---
title: 一篇文章
categories:
 - 金融
author: 新浪财经
comments: false
tags:
 - 央行
date: Mon, 32 Aug
---
<p>正文</p>
"""
# What the claims may name besides literals.
CLAIM_NAMES = {"datetime": dt.datetime, "timezone": dt.timezone, "timedelta": dt.timedelta}
_COUNT = re.compile(r"(\d+) \w+")
_NOT_CHECKED = object()


@attrs.frozen
class Printed:
    """What a ``print(...)`` of the tour printed."""

    text: str


def tour_code(readme: str) -> str:
    """The ```python blocks of the README's "A short tour" section, joined."""
    section = readme.split("\n## A short tour\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```python\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)
    return "\n".join(blocks)


def comments(code: str) -> dict[int, str]:
    """Each line's trailing comment, by line number."""
    tokens = tokenize.generate_tokens(io.StringIO(code).readline)
    return {t.start[0]: t.string[1:].strip() for t in tokens if t.type == tokenize.COMMENT}


def expected_value(claim: str) -> object:
    """The value a claim names, or _NOT_CHECKED for prose (a count is checked apart)."""
    try:
        return ast.literal_eval(claim)
    except (ValueError, SyntaxError):
        pass
    try:
        return eval(claim, {"__builtins__": {}}, dict(CLAIM_NAMES))  # the README's own text
    except Exception:
        return _NOT_CHECKED


class _Recorder(ast.NodeTransformer):
    """Rewrites each expression statement to hand its value (or its printed text) to
    ``__seen__(line, value)``, so that every claim is checked where it is made."""

    def visit_Expr(self, node: ast.Expr) -> ast.Expr:
        value = node.value
        if (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id == "print"
        ):
            value = ast.Call(ast.Name("__printed__", ast.Load()), value.args, [])
        call = ast.Call(
            ast.Name("__seen__", ast.Load()), [ast.Constant(node.end_lineno), value], []
        )
        return ast.copy_location(ast.Expr(call), node)


def run_tour(code: str) -> dict[int, object]:
    """Run the tour; the value of each expression statement, by its last line."""
    seen: dict[int, object] = {}

    def printed(*values: object) -> Printed:
        text = " ".join(str(value) for value in values)
        print(text)
        return Printed(text)

    tree = ast.fix_missing_locations(_Recorder().visit(ast.parse(code)))
    namespace: dict[str, Any] = {"__seen__": seen.__setitem__, "__printed__": printed}
    exec(compile(tree, "README.md", "exec"), namespace)
    return seen


@pytest.fixture
def tour_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "post.md").write_text(BROKEN_POST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _claims() -> list[tuple[int, str]]:
    return sorted(comments(tour_code(README.read_text(encoding="utf-8"))).items())


def test_the_tour_is_found_and_makes_claims_to_check() -> None:
    code = tour_code(README.read_text(encoding="utf-8"))

    assert "sinaparse.parse_file" in code
    checkable = [
        claim
        for _, claim in _claims()
        if expected_value(claim) is not _NOT_CHECKED or _COUNT.match(claim)
    ]
    assert len(checkable) >= 8, checkable


def test_the_tour_runs_as_written(tour_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_tour(tour_code(README.read_text(encoding="utf-8")))

    assert "post.md:9: front matter:" in capsys.readouterr().out


@pytest.mark.parametrize(("line", "claim"), _claims(), ids=[f"line{n}" for n, _ in _claims()])
def test_each_claim_of_the_tour_holds(tour_folder: Path, line: int, claim: str) -> None:
    seen = run_tour(tour_code(README.read_text(encoding="utf-8")))
    expected = expected_value(claim)
    count = _COUNT.match(claim)

    if line not in seen:  # a comment on a line of its own, or after a statement
        assert expected is _NOT_CHECKED, f"a value claimed by no expression: {claim}"
    elif expected is not _NOT_CHECKED:
        assert seen[line] == expected
    elif isinstance(seen[line], Printed):
        assert seen[line] == Printed(claim)
    elif count is not None:
        value = seen[line]
        assert isinstance(value, Sized)
        assert len(value) == int(count[1])


@pytest.mark.parametrize(
    ("claim", "value"),
    [
        ("'蒋晓桐'", "蒋晓桐"),
        ("('post.md', 9)", ("post.md", 9)),
        ("640", 640),
        (
            "datetime(2021, 8, 2, 12, 49, 57, tzinfo=timezone.utc)",
            dt.datetime(2021, 8, 2, 12, 49, 57, tzinfo=dt.timezone.utc),
        ),
        ("plain JSON-ready data; Article.from_dict() reads it back", _NOT_CHECKED),
        ("7 paragraphs, no QR text, CSS or editor line", _NOT_CHECKED),
    ],
)
def test_claims_are_read_as_values_or_as_prose(claim: str, value: object) -> None:
    assert expected_value(claim) == value
