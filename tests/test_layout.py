"""The package's layout: one public surface, stages that import one way, small parts.

The public surface below was written down before the modules were grouped by
stage (issue 11): every public name, every parameter and every public member
must stay; only defaults may change.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pydoc
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

import sinaparse

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "sinaparse"

# name: (kind, parameters of the function or of the class's __init__, public members)
PUBLIC_SURFACE: dict[str, tuple[str, object, tuple[str, ...]]] = {
    "Article": (
        "class",
        (
            "self:positional_or_keyword",
            "paragraphs:keyword_only",
            "blocks:keyword_only",
            "images:keyword_only",
            "stocks:keyword_only",
            "original_title:keyword_only",
            "source:keyword_only",
            "editor:keyword_only",
            "warnings:keyword_only",
            "credits:keyword_only",
            "title:keyword_only",
            "date:keyword_only",
            "categories:keyword_only",
            "author:keyword_only",
            "comments:keyword_only",
            "head_image:keyword_only",
            "thumbnail:keyword_only",
            "extra:keyword_only",
            "url:keyword_only",
            "keywords:keyword_only",
            "channel:keyword_only",
        ),
        (
            "author",
            "blocks",
            "categories",
            "channel",
            "comments",
            "credits",
            "date",
            "editor",
            "extra",
            "from_dict",
            "head_image",
            "images",
            "keywords",
            "original_title",
            "paragraphs",
            "source",
            "stocks",
            "text",
            "thumbnail",
            "title",
            "to_dict",
            "to_record",
            "url",
            "warnings",
        ),
    ),
    "Block": ("value", "UnionType", ()),
    "Body": (
        "class",
        (
            "self:positional_or_keyword",
            "paragraphs:keyword_only",
            "blocks:keyword_only",
            "images:keyword_only",
            "stocks:keyword_only",
            "original_title:keyword_only",
            "source:keyword_only",
            "editor:keyword_only",
            "warnings:keyword_only",
            "credits:keyword_only",
        ),
        (
            "blocks",
            "credits",
            "editor",
            "from_dict",
            "images",
            "original_title",
            "paragraphs",
            "source",
            "stocks",
            "text",
            "to_dict",
            "to_record",
            "warnings",
        ),
    ),
    "BodyError": (
        "class",
        (
            "self:positional_or_keyword",
            "reason:positional_or_keyword",
            "path:keyword_only",
            "line:keyword_only",
        ),
        ("stage", "with_position"),
    ),
    "BoilerplateRule": (
        "class",
        (
            "self:positional_or_keyword",
            "xpath:positional_or_keyword",
            "reason:positional_or_keyword",
            "requires:positional_or_keyword",
            "name:keyword_only",
        ),
        ("compiled", "name", "reason", "requires", "select", "xpath"),
    ),
    "COMPILED": ("value", "bool", ()),
    "Cell": (
        "class",
        (
            "self:positional_or_keyword",
            "text:positional_or_keyword",
            "colspan:positional_or_keyword",
            "rowspan:positional_or_keyword",
            "header:positional_or_keyword",
        ),
        ("colspan", "from_dict", "header", "rowspan", "text", "to_dict"),
    ),
    "Code": (
        "class",
        (
            "self:positional_or_keyword",
            "text:positional_or_keyword",
            "language:positional_or_keyword",
        ),
        ("from_dict", "kind", "language", "text", "to_dict"),
    ),
    "Credit": (
        "class",
        (
            "self:positional_or_keyword",
            "role:positional_or_keyword",
            "name:positional_or_keyword",
        ),
        ("from_dict", "name", "role", "to_dict"),
    ),
    "DEFAULT_BOILERPLATE": ("value", "tuple", ()),
    "DEFAULT_OPTIONS": ("value", "ParseOptions", ()),
    "DataError": (
        "class",
        (
            "self:positional_or_keyword",
            "reason:positional_or_keyword",
            "key:keyword_only",
            "path:keyword_only",
            "line:keyword_only",
        ),
        ("stage", "with_position"),
    ),
    "DateError": (
        "class",
        (
            "self:positional_or_keyword",
            "reason:positional_or_keyword",
            "path:keyword_only",
            "line:keyword_only",
        ),
        ("stage", "with_position"),
    ),
    "Explanation": (
        "class",
        (
            "self:positional_or_keyword",
            "kind:positional_or_keyword",
            "removals:positional_or_keyword",
            "warnings:positional_or_keyword",
            "article:positional_or_keyword",
            "body:positional_or_keyword",
            "item:positional_or_keyword",
        ),
        ("article", "body", "item", "kind", "removals", "warnings"),
    ),
    "Figure": (
        "class",
        ("self:positional_or_keyword", "image:positional_or_keyword"),
        ("from_dict", "image", "kind", "to_dict"),
    ),
    "FrontMatterError": (
        "class",
        (
            "self:positional_or_keyword",
            "reason:positional_or_keyword",
            "path:keyword_only",
            "line:keyword_only",
        ),
        ("stage", "with_position"),
    ),
    "Heading": (
        "class",
        ("self:positional_or_keyword", "text:positional_or_keyword"),
        ("from_dict", "kind", "text", "to_dict"),
    ),
    "Image": (
        "class",
        (
            "self:positional_or_keyword",
            "url:positional_or_keyword",
            "alt:positional_or_keyword",
            "caption:positional_or_keyword",
            "width:positional_or_keyword",
            "height:positional_or_keyword",
        ),
        ("alt", "caption", "from_dict", "height", "to_dict", "url", "width"),
    ),
    "InputError": (
        "class",
        (
            "self:positional_or_keyword",
            "reason:positional_or_keyword",
            "path:keyword_only",
            "line:keyword_only",
        ),
        ("stage", "with_position"),
    ),
    "OptionsError": (
        "class",
        (
            "self:positional_or_keyword",
            "reason:positional_or_keyword",
            "path:keyword_only",
            "line:keyword_only",
        ),
        ("stage", "with_position"),
    ),
    "Outcome": (
        "class",
        (
            "self:positional_or_keyword",
            "path:positional_or_keyword",
            "article:positional_or_keyword",
            "error:positional_or_keyword",
            "item:positional_or_keyword",
            "body:positional_or_keyword",
        ),
        ("article", "body", "error", "item", "ok", "path"),
    ),
    "Paragraph": (
        "class",
        ("self:positional_or_keyword", "text:positional_or_keyword"),
        ("from_dict", "kind", "text", "to_dict"),
    ),
    "ParseOptions": (
        "class",
        (
            "self:positional_or_keyword",
            "default_tz:keyword_only",
            "base_url:keyword_only",
            "boilerplate:keyword_only",
            "max_bytes:keyword_only",
            "max_feed_bytes:keyword_only",
            "max_feed_items:keyword_only",
            "input_kind:keyword_only",
        ),
        (
            "base_url",
            "boilerplate",
            "default_tz",
            "input_kind",
            "max_bytes",
            "max_feed_bytes",
            "max_feed_items",
        ),
    ),
    "ParseWarning": ("class", None, ("code", "count", "index", "message")),
    "Quote": (
        "class",
        ("self:positional_or_keyword", "paragraphs:positional_or_keyword"),
        ("from_dict", "kind", "paragraphs", "to_dict"),
    ),
    "Removal": (
        "class",
        (
            "self:positional_or_keyword",
            "rule:positional_or_keyword",
            "reason:positional_or_keyword",
            "excerpt:positional_or_keyword",
            "tag:positional_or_keyword",
            "line:positional_or_keyword",
        ),
        ("excerpt", "line", "reason", "rule", "tag"),
    ),
    "RulesFileError": (
        "class",
        (
            "self:positional_or_keyword",
            "reason:positional_or_keyword",
            "path:keyword_only",
            "line:keyword_only",
            "rule:keyword_only",
            "rule_name:keyword_only",
        ),
        ("stage", "with_position"),
    ),
    "RECORD_FIELDS": ("value", "tuple", ()),
    "SinaParseError": (
        "class",
        (
            "self:positional_or_keyword",
            "reason:positional_or_keyword",
            "path:keyword_only",
            "line:keyword_only",
        ),
        ("stage", "with_position"),
    ),
    "Stock": (
        "class",
        (
            "self:positional_or_keyword",
            "market:positional_or_keyword",
            "symbol:positional_or_keyword",
            "name:positional_or_keyword",
            "linked:positional_or_keyword",
        ),
        ("from_dict", "linked", "market", "name", "symbol", "to_dict"),
    ),
    "Table": (
        "class",
        (
            "self:positional_or_keyword",
            "rows:positional_or_keyword",
            "caption:positional_or_keyword",
        ),
        ("caption", "from_dict", "kind", "rows", "to_dict"),
    ),
    "WorkerError": (
        "class",
        (
            "self:positional_or_keyword",
            "reason:positional_or_keyword",
            "path:keyword_only",
            "line:keyword_only",
        ),
        ("stage", "with_position"),
    ),
    "WorkerStartError": ("class", None, ()),
    "__version__": ("value", "str", ()),
    "explain": (
        "function",
        ("source:positional_or_keyword", "options:keyword_only", "kind:keyword_only"),
        (),
    ),
    "explain_file": ("function", ("path:positional_or_keyword", "options:keyword_only"), ()),
    "load_rules": ("function", ("path:positional_or_keyword",), ()),
    "parse": ("function", ("source:positional_or_keyword", "options:keyword_only"), ()),
    "parse_body": ("function", ("html:positional_or_keyword", "options:keyword_only"), ()),
    "parse_feed": ("function", ("xml:positional_or_keyword", "options:keyword_only"), ()),
    "parse_file": ("function", ("path:positional_or_keyword", "options:keyword_only"), ()),
    "parse_many": (
        "function",
        (
            "paths:positional_or_keyword",
            "workers:keyword_only",
            "options:keyword_only",
            "timeout:keyword_only",
        ),
        (),
    ),
    "parse_page": (
        "function",
        ("html:positional_or_keyword", "url:keyword_only", "options:keyword_only"),
        (),
    ),
    "to_arrow": (
        "function",
        ("items:positional_or_keyword", "tz:keyword_only", "fields:keyword_only"),
        (),
    ),
}


def _parameters(function: object) -> tuple[str, ...] | None:
    try:
        signature = inspect.signature(function)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return tuple(f"{p.name}:{p.kind.name.lower()}" for p in signature.parameters.values())


def _surface_of(name: str) -> tuple[str, object, tuple[str, ...]]:
    value = getattr(sinaparse, name)
    if inspect.isclass(value):
        members = tuple(
            sorted(
                member
                for member in dir(value)
                if not member.startswith("_") and not hasattr(Exception, member)
            )
        )
        init = value.__init__
        return ("class", _parameters(init) if inspect.isfunction(init) else None, members)
    if callable(value):
        return ("function", _parameters(value), ())
    return ("value", type(value).__name__, ())


def test_all_names_the_same_public_surface() -> None:
    assert sorted(sinaparse.__all__) == sorted(PUBLIC_SURFACE)


@pytest.mark.parametrize("name", sorted(PUBLIC_SURFACE))
def test_public_name_keeps_its_parameters_and_members(name: str) -> None:
    assert _surface_of(name) == PUBLIC_SURFACE[name]


@pytest.mark.parametrize(
    "path",
    [
        "sinaparse.article",
        "sinaparse.options",
        "sinaparse.errors",
        "sinaparse.boilerplate",
        "sinaparse.batch",
        "sinaparse.export",
        "sinaparse.report",
    ],
)
def test_documented_import_paths_still_import(path: str) -> None:
    module = importlib.import_module(path)
    assert module.__doc__


def test_the_writers_first_import_path_is_the_outputs_stage() -> None:
    export = importlib.import_module("sinaparse.export")
    outputs = importlib.import_module("sinaparse.outputs")
    assert export.__all__ == outputs.__all__
    assert all(getattr(export, name) is getattr(outputs, name) for name in export.__all__)


@pytest.mark.parametrize(
    "function", [sinaparse.parse, sinaparse.parse_file, sinaparse.parse_body, sinaparse.parse_many]
)
def test_help_fits_a_screen(function: object) -> None:
    text = pydoc.render_doc(function, renderer=pydoc.TextDoc())
    assert len(str(inspect.signature(function))) < 200  # type: ignore[arg-type]
    assert len(text.splitlines()) <= 40, text


# --- Stages: imports run one way --------------------------------------------

# The stages in the order data flows through them, each top-level name of the
# package in its group. A module may import from its own group and from earlier
# stages; the groups of one stage do not import each other (the front matter
# and the body are read independently), except in the shared vocabulary.
STAGES: tuple[tuple[tuple[str, ...], ...], ...] = (
    (
        ("errors",),
        ("_compiled",),
        ("_text",),
        ("_data",),
        ("article",),
        ("boilerplate",),
        ("options",),
    ),
    (("_sources",),),
    (("_front_matter",), ("_body",)),
    (("_build",),),
    (("_api", "_explain"),),
    (("batch",),),
    (("__init__",),),  # the public face re-exports the stages before the outputs
    (("outputs", "export", "report", "__main__"),),  # old import paths of the outputs
)
VOCABULARY = 0
# The public face's one name from the outputs stage: ``to_arrow``, a conversion
# of results as ``to_dict`` is, whose module the Parquet writer shares. Only
# this import may run backwards; the cycle check still covers it.
FORWARD_REEXPORTS = frozenset({("sinaparse", "sinaparse.outputs.arrow")})


def stage_of(module: str) -> tuple[int, int]:
    """The stage number and group number of a module named ``sinaparse.…``."""
    parts = module.split(".")
    name = parts[1] if len(parts) > 1 else "__init__"
    for number, groups in enumerate(STAGES):
        for group_number, group in enumerate(groups):
            if name in group:
                return number, group_number
    raise AssertionError(f"{module} belongs to no stage: add it to STAGES")


def later_stage_imports(imports: Mapping[str, set[str]]) -> list[str]:
    """Each import of a module from a later stage, or from a sibling group."""
    wrong = []
    for module, targets in sorted(imports.items()):
        number, group = stage_of(module)
        for target in sorted(targets):
            target_number, target_group = stage_of(target)
            sideways = target_number == number != VOCABULARY and target_group != group
            backwards = target_number > number or sideways
            if backwards and (module, target) not in FORWARD_REEXPORTS:
                wrong.append(f"{module} imports {target}")
    return wrong


def import_cycles(imports: Mapping[str, set[str]]) -> list[list[str]]:
    """The import cycles among the modules, each as a path that returns to its start."""
    cycles: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(imports.get(module, ())):
            if state.get(target) == "open":
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(imports):
        if module not in state:
            visit(module, [module])
    return cycles


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_imports() -> dict[str, set[str]]:
    """Every module of src/sinaparse and the sinaparse modules it imports,
    at the top or inside a function."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    imports: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets.update(_imported(node, name, is_package, modules))
        targets.discard(name)
        imports[name] = targets
    return imports


def _imported(
    node: ast.AST, module: str, is_package: bool, known: Mapping[str, Path]
) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names if alias.name in known)
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = module.split(".")
            base = base[: len(base) - node.level + (1 if is_package else 0)]
            source = ".".join(base + ([node.module] if node.module else []))
        else:
            source = node.module or ""
        if source in known:
            yield source
        for alias in node.names:
            if f"{source}.{alias.name}" in known:
                yield f"{source}.{alias.name}"


def test_every_module_belongs_to_a_stage() -> None:
    for module in package_imports():
        stage_of(module)


def test_no_module_imports_from_a_later_stage() -> None:
    assert later_stage_imports(package_imports()) == []


def test_there_is_no_import_cycle() -> None:
    assert import_cycles(package_imports()) == []


def test_the_checks_catch_what_they_are_for() -> None:
    backwards = {"sinaparse._sources.read": {"sinaparse._body.walk"}, "sinaparse._body.walk": set()}
    sideways = {
        "sinaparse._body.walk": {"sinaparse._front_matter.dates"},
        "sinaparse._front_matter.dates": set(),
    }
    assert later_stage_imports(backwards) == [
        "sinaparse._sources.read imports sinaparse._body.walk"
    ]
    assert later_stage_imports(sideways) != []
    cycle = {
        "sinaparse.batch.pool": {"sinaparse.batch"},
        "sinaparse.batch": {"sinaparse.batch.pool"},
    }
    assert import_cycles(cycle) == [["sinaparse.batch", "sinaparse.batch.pool", "sinaparse.batch"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


def test_the_layout_imports_are_found() -> None:
    imports = package_imports()
    assert "sinaparse._sources.read" in imports["sinaparse._api"]
    assert "sinaparse.batch.pool" in imports["sinaparse.batch.many"]  # a lazy import counts


# --- Small parts --------------------------------------------------------------

MAX_MODULE_LINES, MAX_FUNCTION_LINES, MAX_CLASS_LINES, MAX_TOP_MODULES = 400, 60, 150, 12


def _python_files() -> list[Path]:
    return sorted([*PACKAGE.rglob("*.py"), *(ROOT / "bench").glob("*.py")])


def test_sources_and_bench_are_found() -> None:
    names = {path.name for path in _python_files()}
    assert {"_api.py", "run.py", "walk.py"} <= names


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in _python_files()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def _too_long(node: ast.AST) -> bool:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        limit = MAX_FUNCTION_LINES
    elif isinstance(node, ast.ClassDef):
        limit = MAX_CLASS_LINES
    else:
        return False
    start = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
    return (node.end_lineno or node.lineno) - start + 1 > limit


def test_no_function_or_class_is_too_long() -> None:
    long = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"
        for path in _python_files()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and _too_long(node)
    ]
    assert long == []


def test_the_length_check_counts_decorators_and_bodies() -> None:
    body = "\n".join(f"    x = {n}" for n in range(MAX_FUNCTION_LINES))
    function = ast.parse(f"@decorated\ndef f():\n{body}\n").body[0]
    assert _too_long(function)
    assert not _too_long(ast.parse("def f():\n    pass\n").body[0])


def test_at_most_12_modules_at_the_top_of_the_package() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top


@pytest.mark.parametrize("package", ["_sources", "_front_matter", "_body", "batch", "outputs"])
def test_each_stage_says_what_flows_in_and_out(package: str) -> None:
    doc = importlib.import_module(f"sinaparse.{package}").__doc__ or ""
    assert re.search(r"^In: .+ Out: ", doc, re.MULTILINE | re.DOTALL), doc
