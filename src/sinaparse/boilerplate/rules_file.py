"""Boilerplate rules from a file: ``load_rules("rules.toml")`` (or ``.json``).

In: a TOML or JSON file of rules (see ``docs/boilerplate.md``). Out: the rules,
as :class:`~sinaparse.BoilerplateRule` objects to add to a catalogue::

    >>> import attrs
    >>> from sinaparse import DEFAULT_BOILERPLATE, DEFAULT_OPTIONS, load_rules
    >>> rules = load_rules("my_rules.toml")  # doctest: +SKIP
    >>> options = attrs.evolve(
    ...     DEFAULT_OPTIONS, boilerplate=DEFAULT_BOILERPLATE + rules
    ... )  # doctest: +SKIP

A TOML file holds ``[[rule]]`` tables, a JSON file an object whose ``"rules"``
is a list of objects; each rule has the same keys in both. Anything wrong is a
:class:`~sinaparse.RulesFileError` naming the file, the rule (its place,
counting from 1, and its name) and what is wrong; never another exception.
"""

from __future__ import annotations

import importlib
import json
import os
import re
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import OptionsError, RulesFileError
from . import DEFAULT_BOILERPLATE, BoilerplateRule
from ._rule_kinds import _Containers, _LabelBlocks, _LinkLines

__all__ = ["KINDS", "MAX_RULES_FILE_BYTES", "load_rules"]

MAX_RULES_FILE_BYTES = 1024 * 1024
"""The largest rules file read: a file of rules is small, and each rule compiles a selector."""

# A rule's keys, and a check of each key's value that returns what is wrong (or "").
_Check = Callable[[object], str]


def _text(value: object) -> str:
    if not isinstance(value, str):
        return f"must be a string, not {_type_name(value)}"
    return "" if value.strip() else "must not be empty"


def _strings(value: object) -> str:
    if not isinstance(value, list):
        return f"must be a list of strings, not {_type_name(value)}"
    wrong = [item for item in value if not isinstance(item, str) or not item]
    return f"must be a list of strings, not holding {wrong[0]!r}" if wrong else ""


def _labels(value: object) -> str:
    return _strings(value) or ("" if value else "must hold at least one label")


_ELEMENT_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")


def _element_name(value: object) -> str:
    problem = _text(value)
    if problem or _ELEMENT_NAME.fullmatch(str(value)):
        return problem
    return f"must be an element name such as 'blockquote', not {value!r}"


_COMMON: dict[str, _Check] = {"name": _text, "xpath": _text, "reason": _text, "requires": _strings}
_REQUIRED = ("name", "xpath", "reason")

KINDS: dict[str, tuple[type[BoilerplateRule], dict[str, _Check], tuple[str, ...]]] = {
    "elements": (BoilerplateRule, {}, ()),
    "container": (_Containers, {"container": _element_name}, ()),
    "link-lines": (_LinkLines, {"labels": _labels}, ("labels",)),
    "label-block": (_LabelBlocks, {"labels": _labels}, ("labels",)),
}
"""The kinds of rule a file can hold (its ``kind`` key; ``"elements"`` when
absent): the class each becomes, its keys beside the common ones and which of
those it requires. ``elements`` removes what the selector selects;
``container`` the outermost ``container`` element (``blockquote`` unless
given) around it; ``link-lines`` the selected lines that are one of the
``labels`` and links only; ``label-block`` a selected line that is a label
alone, and the lines of links right after it."""

# Where each format keeps its list of rules.
_LIST_KEY = {".toml": "rule", ".json": "rules"}


def load_rules(path: str | os.PathLike[str]) -> tuple[BoilerplateRule, ...]:
    """The boilerplate rules of the TOML or JSON file at ``path``, in file order.

    The format is told from the name (``.toml`` or ``.json``). TOML needs
    Python 3.11 or the ``tomli`` package; JSON works everywhere.

    Raises:
        RulesFileError: the file cannot be read, is not valid TOML or JSON, or
            holds a rule that cannot work (see ``docs/boilerplate.md``).
    """
    name = os.fspath(path)
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in _LIST_KEY:
        raise RulesFileError(
            f"a rules file is TOML or JSON, named .toml or .json, not {suffix or 'no suffix'!r}",
            path=name,
        )
    text = _read_text(name)
    data = _toml(text, name) if suffix == ".toml" else _json(text, name)
    entries = _entries(data, _LIST_KEY[suffix], name)
    lines = _toml_rule_lines(text, len(entries)) if suffix == ".toml" else [None] * len(entries)
    rules: list[BoilerplateRule] = []
    seen: dict[str, int] = {}
    for number, (entry, line) in enumerate(zip(entries, lines, strict=True), 1):
        try:
            rules.append(_rule(entry, seen, number))
        except RulesFileError as error:
            raise RulesFileError(
                error.reason, path=name, line=line, rule=number, rule_name=error.rule_name
            ) from error.__cause__
    return tuple(rules)


def _read_text(name: str) -> str:
    try:
        with open(name, "rb") as file:
            data = file.read(MAX_RULES_FILE_BYTES + 1)
    except OSError as error:
        raise RulesFileError(
            f"cannot read the file: {error.strerror or error}", path=name
        ) from error
    if len(data) > MAX_RULES_FILE_BYTES:
        raise RulesFileError(
            f"larger than a rules file can be ({MAX_RULES_FILE_BYTES:,} bytes)", path=name
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RulesFileError("not UTF-8 text", path=name, line=line) from error


def _toml(text: str, name: str) -> object:
    toml = _toml_module(name)
    try:
        return toml.loads(text)
    except toml.TOMLDecodeError as error:
        message, line = _toml_position(error)
        raise RulesFileError(f"not valid TOML: {message}", path=name, line=line) from error
    except RecursionError:  # nesting deeper than any rules file needs
        raise RulesFileError("not valid TOML: nested too deeply", path=name) from None
    except ValueError as error:  # int() of more digits than Python converts
        raise RulesFileError(f"not valid TOML: {_value_problem(error)}", path=name) from None


def _toml_module(name: str) -> Any:
    # tomllib is in the standard library from 3.11; tomli is the same parser for 3.10.
    for module in ("tomllib", "tomli"):
        try:
            return importlib.import_module(module)
        except ImportError:
            continue
    raise RulesFileError(
        "reading TOML needs Python 3.11 or newer, or the tomli package; "
        "a JSON rules file works on any Python",
        path=name,
    )


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$|\s*\(at end of document\)$")


def _toml_position(error: Exception) -> tuple[str, int | None]:
    """The parser's message without its position, and the line it names."""
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    found = _TOML_POSITION.search(message)
    if found is None:
        return message, getattr(error, "lineno", None)
    return message[: found.start()], int(found[1]) if found[1] else None


def _json(text: str, name: str) -> object:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as error:
        raise RulesFileError(
            f"not valid JSON: {error.msg}", path=name, line=error.lineno
        ) from error
    except _DuplicateKey as error:
        raise RulesFileError(f"not valid JSON: the key {error.key!r} twice", path=name) from None
    except RecursionError:
        raise RulesFileError("not valid JSON: nested too deeply", path=name) from None
    except ValueError as error:  # int() of more digits than Python converts
        raise RulesFileError(f"not valid JSON: {_value_problem(error)}", path=name) from None


def _value_problem(error: ValueError) -> str:
    """What a parser's ValueError from a value's conversion says, kept short."""
    return f"a value cannot be read ({str(error)[:120]})"


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    # json keeps the last of two equal keys in silence; TOML refuses them: so does this.
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _entries(data: object, key: str, name: str) -> list[object]:
    form = "[[rule]] tables" if key == "rule" else 'an object {"rules": [...]}'
    if not isinstance(data, dict):
        raise RulesFileError(f"the file must hold {form}, not {_type_name(data)}", path=name)
    unknown = sorted(set(data) - {key})
    if unknown:
        raise RulesFileError(
            f"unknown key {unknown[0]!r} at the top of the file: it holds {form}", path=name
        )
    entries = data.get(key, [])
    if not isinstance(entries, list):
        hint = (
            " (write [[rule]], not [rule])" if key == "rule" and isinstance(entries, dict) else ""
        )
        raise RulesFileError(
            f"{key!r} must be a list of rules, not {_type_name(entries)}{hint}", path=name
        )
    return entries


_TOML_RULE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*rule[ \t]*\]\]", re.MULTILINE)


def _toml_rule_lines(text: str, count: int) -> list[int | None]:
    """The line of each rule's ``[[rule]]`` header, when every rule has one."""
    starts = [text.count("\n", 0, match.start()) + 1 for match in _TOML_RULE_HEADER.finditer(text)]
    # A header inside a multi-line string, or rules written as an inline array,
    # would put the lines out of step: then no line is better than a wrong one.
    return list(starts) if len(starts) == count else [None] * count


def _rule(entry: object, seen: dict[str, int], number: int) -> BoilerplateRule:
    """One entry of the file as a rule; a RulesFileError without its place if it cannot be."""
    if not isinstance(entry, dict):
        raise RulesFileError(f"a rule must be a table, not {_type_name(entry)}")
    name = entry.get("name")
    shown = name if isinstance(name, str) and name.strip() else None
    kind = entry.get("kind", "elements")
    if not isinstance(kind, str) or kind not in KINDS:
        raise RulesFileError(f"unknown kind {kind!r} (kinds: {', '.join(KINDS)})", rule_name=shown)
    rule_type, extra, extra_required = KINDS[kind]
    _check_keys(entry, {**_COMMON, "kind": _text, **extra}, (*_REQUIRED, *extra_required), shown)
    assert shown is not None  # a usable name was checked just now
    if shown in seen:
        raise RulesFileError(f"the name {shown!r} is also rule {seen[shown]}'s", rule_name=shown)
    seen[shown] = number
    arguments = {key: value for key, value in entry.items() if key != "kind"}
    try:
        rule = rule_type(**arguments)
    except OptionsError as error:  # BoilerplateRule's own checks of its selector
        raise RulesFileError(error.reason, rule_name=shown) from error
    _check_not_a_default(rule, shown)
    return rule


def _check_keys(
    entry: Mapping[str, object],
    checks: Mapping[str, _Check],
    required: tuple[str, ...],
    shown: str | None,
) -> None:
    unknown = [key for key in entry if key not in checks]
    if unknown:
        raise RulesFileError(
            f"unknown key {unknown[0]!r} (keys: {', '.join(checks)})", rule_name=shown
        )
    missing = [key for key in required if key not in entry]
    if missing:
        raise RulesFileError(f"missing key {missing[0]!r}", rule_name=shown)
    for key, value in entry.items():
        problem = checks[key](value)
        if problem:
            raise RulesFileError(f"{key!r} {problem}", rule_name=shown)


def _check_not_a_default(rule: BoilerplateRule, shown: str) -> None:
    # The same selector twice would only cost time; more likely the file was
    # written from the catalogue's table and means something else.
    for default in DEFAULT_BOILERPLATE:
        if default.name == shown:  # explain and the log would not tell the two apart
            raise RulesFileError(
                f"the default catalogue has a rule of this name ({default.reason})",
                rule_name=shown,
            )
        if type(default) is type(rule) and default.xpath == rule.xpath:
            raise RulesFileError(
                f"the default catalogue already has this selector ({default.reason})",
                rule_name=shown,
            )


def _type_name(value: object) -> str:
    # The file's vocabulary, not Python's: a TOML table or JSON object is a dict here.
    names = {
        dict: "a table",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)
