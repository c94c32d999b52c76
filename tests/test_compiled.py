"""The compiled build and the pure one give the same results.

When the compiled wheel is installed (``SINAPARSE_COMPILE=1``, see
``hatch_build.py``), a second process with ``SINAPARSE_PURE=1`` runs the same
package from its ``.py`` sources; every corpus document and every generated
post goes to both, and their ``to_dict()`` must be equal. With one build only
(the pure wheel, a source checkout) these tests are skipped, saying so.
"""

from __future__ import annotations

import ast
import importlib.machinery
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import sinaparse
from sinaparse import _compiled

from . import strategies
from .conftest import CORPUS

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted(
    path
    for folder in ("posts", "bodies", "pages", "feeds")
    for path in (CORPUS / folder).iterdir()
    if path.suffix in (".md", ".html", ".xml")
)
ONE_BUILD = (
    "only the pure build is installed: build the compiled wheel with SINAPARSE_COMPILE=1 "
    "(hatch_build.py) to compare the two"
)
needs_both = pytest.mark.skipif(not sinaparse.COMPILED, reason=ONE_BUILD)


def result_of(kind: str, data: bytes) -> Any:
    """What sinaparse makes of ``data``, as JSON-ready data: the same in both builds."""
    try:
        if kind == "feeds":
            return [
                [o.item, o.article.to_dict() if o.article else None, str(o.error)]
                for o in sinaparse.parse_feed(data)
            ]
        if kind == "pages":
            return sinaparse.parse_page(data).to_dict()
        if kind == "bodies":
            return sinaparse.parse_body(data).to_dict()
        return sinaparse.parse(data).to_dict()
    except sinaparse.SinaParseError as error:
        return {"error": type(error).__name__, "message": str(error)}


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=repr)


def serve() -> None:
    """The pure side: one request a line on stdin (kind, latin-1 data), one answer a line."""
    print(_canonical({"compiled": sinaparse.COMPILED}), flush=True)
    for line in sys.stdin:
        kind, data = json.loads(line)
        print(_canonical(result_of(kind, data.encode("latin-1"))), flush=True)


class PureProcess:
    """A process running the pure sources (``SINAPARSE_PURE=1``), asked one input at a time."""

    def __init__(self) -> None:
        environment = {**os.environ, _compiled.PURE_VARIABLE: "1"}
        command = [sys.executable, "-c", "from tests.test_compiled import serve; serve()"]
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.compiled = json.loads(self._line())["compiled"]

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, "the pure process ended"
        return line

    def ask(self, kind: str, data: bytes) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps([kind, data.decode("latin-1")]) + "\n")
        self.process.stdin.flush()
        return self._line().rstrip("\n")

    def close(self) -> None:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()


@pytest.fixture(scope="module")
def pure() -> Iterator[PureProcess]:
    process = PureProcess()
    yield process
    process.close()


@needs_both
def test_the_pure_process_runs_the_pure_sources(pure: PureProcess) -> None:
    assert pure.compiled is False


@needs_both
@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_both_builds_give_the_same_result_on_a_corpus_document(
    pure: PureProcess, document: Path
) -> None:
    data = document.read_bytes()
    kind = document.parent.name
    assert pure.ask(kind, data) == _canonical(result_of(kind, data))


@needs_both
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=strategies.posts())
def test_both_builds_give_the_same_result_on_a_generated_post(
    pure: PureProcess, case: tuple[str, strategies.Expected]
) -> None:
    data = case[0].encode("utf-8")
    assert pure.ask("posts", data) == _canonical(result_of("posts", data))


def test_the_build_hook_compiles_the_modules_the_package_names() -> None:
    tree = ast.parse((ROOT / "hatch_build.py").read_text(encoding="utf-8"))
    (listed,) = (
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "COMPILED_MODULES" for t in node.targets)
    )
    names = {path.removesuffix(".py").replace("/", ".") for path in listed}
    assert names == _compiled.COMPILED_MODULES
    assert all((ROOT / "src" / path).is_file() for path in listed)


def test_compiled_says_which_build_runs() -> None:
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    walk_file = sys.modules["sinaparse._body.walk"].__file__ or ""
    assert sinaparse.COMPILED is walk_file.endswith(suffixes)
    if _compiled.pure_asked():
        assert sinaparse.COMPILED is False
