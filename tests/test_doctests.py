"""The examples in sinaparse's docstrings run, on the installed package."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from types import ModuleType

import pytest

import sinaparse

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(sinaparse.__path__, prefix="sinaparse.")
    if not info.name.endswith("__main__")
)


def test_modules_are_found() -> None:
    assert {"sinaparse._api", "sinaparse.article", "sinaparse._body.walk"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module: ModuleType = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0
