"""The compiled build: ``SINAPARSE_COMPILE=1`` compiles the hot modules with mypyc.

Without the variable this hook does nothing, asks for nothing and the wheel is
pure Python, as a plain ``pip install .`` gives it: no mypy, no C compiler.
With it, the wheel build also needs mypy, setuptools and the type stubs (asked
for through :meth:`CompiledBuild.dependencies`, so an isolated build installs
them) and a C compiler. The sources are copied to a temporary folder and
compiled there, never in the source tree (an ``.so`` beside ``walk.py`` would
shadow the source in an editable install); the extension modules join the
wheel beside the ``.py`` files, which stay (``SINAPARSE_PURE=1`` imports them
instead), and the wheel is tagged for this interpreter and platform.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# The modules compiled, relative to src/: the walk, the text rules, the
# front-matter fast path, applying the catalogue, the URL rules and the
# helpers they call on every element. The list is also in
# src/sinaparse/_compiled.py (COMPILED_MODULES), which SINAPARSE_PURE reads.
COMPILED_MODULES = (
    "sinaparse/_text.py",
    "sinaparse/_body/walk.py",
    "sinaparse/_body/paragraphs.py",
    "sinaparse/_body/elements.py",
    "sinaparse/_body/images.py",
    "sinaparse/_body/tables.py",
    "sinaparse/_body/stock_links.py",
    "sinaparse/_body/stocks.py",
    "sinaparse/_body/metadata.py",
    "sinaparse/_body/credits.py",
    "sinaparse/_body/extract.py",
    "sinaparse/_body/clean.py",
    "sinaparse/_body/needles.py",
    "sinaparse/_data/urls.py",
    "sinaparse/_front_matter/lines.py",
    "sinaparse/boilerplate/_element_lines.py",
    "sinaparse/_sources/page_metas.py",
)

# What the compiled build needs besides hatchling (mypyc is part of mypy).
BUILD_DEPENDENCIES = [
    "mypy>=1.8",
    "setuptools>=61",
    "attrs>=23.1",
    "lxml-stubs>=0.5",
    "types-PyYAML>=6.0",
    "types-python-dateutil>=2.8",
]

# pyproject.toml's [tool.mypy], for the copy that is compiled (mypyc type-checks it).
_MYPY_INI = """[mypy]
strict = True

[mypy-pyarrow,pyarrow.*,pandas,pandas.*]
ignore_missing_imports = True
"""

_SETUP = """
import sys
from setuptools import setup
from mypyc.build import mypycify
setup(
    name="sinaparse",
    ext_modules=mypycify(sys.argv[2:], opt_level="3", group_name="sinaparse"),
    script_args=["build_ext", "--inplace"],
)
"""


def compile_requested() -> bool:
    """Whether ``SINAPARSE_COMPILE`` asks for the compiled build (1, true, yes)."""
    return os.environ.get("SINAPARSE_COMPILE", "").strip().lower() in {"1", "true", "yes"}


class CompiledBuild(BuildHookInterface):  # type: ignore[type-arg]
    """Compiles :data:`COMPILED_MODULES` into the wheel when asked to."""

    PLUGIN_NAME = "custom"

    def dependencies(self) -> list[str]:
        return list(BUILD_DEPENDENCIES) if compile_requested() else []

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable" or not compile_requested():
            return
        # The built modules stay in this folder until finalize(): the wheel
        # copies them from there.
        self._work = work = Path(tempfile.mkdtemp(prefix="sinaparse-mypyc-"))
        shutil.copytree(Path(self.root) / "src" / "sinaparse", work / "sinaparse")
        (work / "mypy.ini").write_text(_MYPY_INI, encoding="utf-8")
        self._compile(work)
        suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
        # One extension a module, and the group's shared library beside the package
        # (setuptools' build/ folder holds copies of them).
        built = sorted(
            p for p in work.rglob(f"*{suffix}") if p.relative_to(work).parts[0] != "build"
        )
        if len(built) != len(COMPILED_MODULES) + 1:
            raise RuntimeError(f"mypyc built {len(built)} modules: {built}")
        for path in built:
            build_data["force_include"][str(path)] = path.relative_to(work).as_posix()
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)

    def _compile(self, work: Path) -> None:
        environment = {**os.environ, "MYPY_FORCE_COLOR": "0"}
        environment.pop("SINAPARSE_PURE", None)
        command = [sys.executable, "-c", _SETUP, "--", *COMPILED_MODULES]
        result = subprocess.run(
            command, cwd=work, env=environment, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"mypyc failed ({result.returncode}):\n"
                f"{result.stdout[-6000:]}{result.stderr[-6000:]}"
            )
