"""Which build runs: the modules mypyc compiles, and ``SINAPARSE_PURE``.

The compiled wheel (``SINAPARSE_COMPILE=1``, see ``hatch_build.py``) holds an
extension module beside each of :data:`COMPILED_MODULES`' sources, and Python
imports the extension first. ``SINAPARSE_PURE=1`` in the environment, read
once when sinaparse is imported (this module's one action, which
``sinaparse/__init__.py`` runs first), makes those imports take the ``.py`` sources
instead: the same results, the pure speed, for comparing the builds or ruling
the compiled one out. The pure wheel and a source checkout have no extension
modules; there the variable changes nothing.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from types import ModuleType

# The modules of the compiled build; hatch_build.py's COMPILED_MODULES, as
# module names (tests/test_compiled.py checks that the two lists agree).
COMPILED_MODULES = frozenset(
    {
        "sinaparse._text",
        "sinaparse._body.walk",
        "sinaparse._body.paragraphs",
        "sinaparse._body.elements",
        "sinaparse._body.images",
        "sinaparse._body.tables",
        "sinaparse._body.stock_links",
        "sinaparse._body.stocks",
        "sinaparse._body.metadata",
        "sinaparse._body.credits",
        "sinaparse._body.extract",
        "sinaparse._body.clean",
        "sinaparse._body.needles",
        "sinaparse._data.urls",
        "sinaparse._front_matter.lines",
        "sinaparse.boilerplate._element_lines",
        "sinaparse._sources.page_metas",
    }
)
PURE_VARIABLE = "SINAPARSE_PURE"


def pure_asked() -> bool:
    """Whether ``SINAPARSE_PURE`` asks for the pure modules (anything but empty or 0)."""
    return os.environ.get(PURE_VARIABLE, "").strip() not in {"", "0"}


class _PureSources(importlib.abc.MetaPathFinder):
    """Finds the ``.py`` source of a compiled module, ahead of its extension."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in COMPILED_MODULES or not path:
            return None
        leaf = fullname.rpartition(".")[2]
        for folder in path:
            source = os.path.join(folder, f"{leaf}.py")
            if os.path.isfile(source):
                return importlib.util.spec_from_file_location(fullname, source)
        return None  # no source: the extension it is, as without the variable


def use_pure_modules_if_asked() -> None:
    """Put the source finder first on ``sys.meta_path`` when ``SINAPARSE_PURE`` asks.

    Runs before any compiled module is imported; does nothing without the
    variable, and adds the finder once however often it runs.
    """
    if pure_asked() and not any(isinstance(f, _PureSources) for f in sys.meta_path):
        sys.meta_path.insert(0, _PureSources())


def running_compiled() -> bool:
    """Whether the compiled modules that are imported are all extension modules."""
    loaded = [sys.modules[name] for name in COMPILED_MODULES if name in sys.modules]
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    return bool(loaded) and all(
        (getattr(module, "__file__", None) or "").endswith(suffixes) for module in loaded
    )


use_pure_modules_if_asked()
