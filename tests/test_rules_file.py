"""Rules files: extra boilerplate rules from TOML or JSON, and every way a file can be wrong.

Each bad rule is tried in both formats; the error always names the file, the
rule (its place from 1, and its name) and the reason, and is a RulesFileError.
"""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import (
    DEFAULT_BOILERPLATE,
    DEFAULT_OPTIONS,
    BoilerplateRule,
    OptionsError,
    RulesFileError,
    load_rules,
)

FORMATS = ("toml", "json")

POST = """---
title: 一篇文章
date: 2021-08-02 12:49:57
---
<p>正文第一段。</p>
<div class="my-promo"><p>扫码下载我的APP</p></div>
<blockquote><p>推广：<span class="ad-mark">广告</span></p></blockquote>
<p>推荐阅读：<a href="https://example.com/1">另一篇</a></p>
<p>正文第二段。</p>
"""
PROMO: dict[str, Any] = {
    "name": "my-promo",
    "xpath": "descendant::div[@class='my-promo']",
    "reason": "my site's app promo",
    "requires": ["my-promo"],
}
AD_QUOTE: dict[str, Any] = {
    "name": "ad-quote",
    "kind": "container",
    "xpath": "descendant::span[@class='ad-mark']",
    "reason": "a quote that holds an ad marker",
    "container": "blockquote",
}
TIPS: dict[str, Any] = {
    "name": "tips",
    "kind": "link-lines",
    "xpath": "descendant::p[a]",
    "reason": "推荐阅读 lines of links",
    "labels": ["推荐阅读"],
}


def _toml_value(value: object) -> str:
    # JSON's strings, numbers, booleans and arrays of them are TOML's too.
    return json.dumps(value, ensure_ascii=False)


def write_rules(folder: Path, fmt: str, rules: list[dict[str, Any]]) -> Path:
    """A rules file of ``rules`` in ``fmt``, written as a person would write it."""
    path = folder / f"rules.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps({"rules": rules}, ensure_ascii=False, indent=2), "utf-8")
        return path
    tables = (
        "[[rule]]\n" + "".join(f"{key} = {_toml_value(value)}\n" for key, value in rule.items())
        for rule in rules
    )
    path.write_text("# extra rules\n\n" + "\n".join(tables), encoding="utf-8")
    return path


def _paragraphs(rules: tuple[BoilerplateRule, ...]) -> tuple[str, ...]:
    options = attrs.evolve(DEFAULT_OPTIONS, boilerplate=DEFAULT_BOILERPLATE + rules)
    return sinaparse.parse(POST, options=options).paragraphs


# --- Good files ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_good_files_rules_remove_what_they_select_when_added_to_the_options(
    tmp_path: Path, fmt: str
) -> None:
    rules = load_rules(write_rules(tmp_path, fmt, [PROMO, AD_QUOTE, TIPS]))

    assert [rule.reason for rule in rules] == [PROMO["reason"], AD_QUOTE["reason"], TIPS["reason"]]
    assert len(_paragraphs(())) == 5  # without them, every line is a paragraph
    assert _paragraphs(rules) == ("正文第一段。", "正文第二段。")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("rule", "left_in"),
    [(PROMO, "扫码下载我的APP"), (AD_QUOTE, "推广：广告"), (TIPS, "推荐阅读：另一篇")],
    ids=["elements", "container", "link-lines"],
)
def test_each_kind_of_rule_removes_its_own_part(
    tmp_path: Path, fmt: str, rule: dict[str, Any], left_in: str
) -> None:
    rules = load_rules(write_rules(tmp_path, fmt, [rule]))

    assert left_in in _paragraphs(())
    assert left_in not in _paragraphs(rules)
    assert len(_paragraphs(rules)) == 4


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_two_formats_give_equal_rules(tmp_path: Path, fmt: str) -> None:
    rules = load_rules(write_rules(tmp_path, fmt, [PROMO, TIPS]))

    assert rules == (
        BoilerplateRule(
            PROMO["xpath"], PROMO["reason"], requires=("my-promo",), name=PROMO["name"]
        ),
        load_rules(write_rules(tmp_path, "json" if fmt == "toml" else "toml", [PROMO, TIPS]))[1],
    )


@pytest.mark.parametrize(
    ("name", "text"),
    [("empty.toml", ""), ("empty.json", '{"rules": []}'), ("no_key.json", "{}")],
)
def test_a_file_without_rules_gives_none(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")

    assert load_rules(path) == ()


# --- Bad rules, in both formats ----------------------------------------------------------

BASE = {"name": "promo", "xpath": "descendant::div[@id='promo']", "reason": "a promo"}


def _without(key: str) -> dict[str, Any]:
    return {k: v for k, v in BASE.items() if k != key}


BAD_RULES: dict[str, tuple[dict[str, Any], str]] = {
    "unknown-key": ({**BASE, "selector": "p"}, "unknown key 'selector' (keys: name, xpath,"),
    "key-of-another-kind": ({**BASE, "labels": ["相关"]}, "unknown key 'labels'"),
    "missing-reason": (_without("reason"), "missing key 'reason'"),
    "missing-xpath": (_without("xpath"), "missing key 'xpath'"),
    "missing-labels": ({**BASE, "kind": "link-lines"}, "missing key 'labels'"),
    "requires-a-string": ({**BASE, "requires": "promo"}, "'requires' must be a list of strings"),
    "requires-a-number": ({**BASE, "requires": ["promo", 3]}, "not holding 3"),
    "reason-a-number": ({**BASE, "reason": 42}, "'reason' must be a string, not a number"),
    "reason-empty": ({**BASE, "reason": "  "}, "'reason' must not be empty"),
    "labels-empty": ({**BASE, "kind": "link-lines", "labels": []}, "at least one label"),
    "container-no-element": ({**BASE, "kind": "container", "container": "div p"}, "element name"),
    "unknown-kind": ({**BASE, "kind": "regex"}, "unknown kind 'regex' (kinds: elements,"),
    "invalid-xpath": ({**BASE, "xpath": "descendant::div["}, "is not a valid XPath"),
    "xpath-not-elements": ({**BASE, "xpath": "count(descendant::p)"}, "gives a number"),
    "xpath-namespace": ({**BASE, "xpath": "descendant::x:p"}, "namespace prefix 'x'"),
    "a-default-selector": (
        {**BASE, "xpath": "descendant::style"},
        "the default catalogue already has this selector (CSS of Sina's widgets",
    ),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", sorted(BAD_RULES))
def test_a_bad_rule_is_named_by_its_place_and_name_with_the_reason(
    tmp_path: Path, fmt: str, case: str
) -> None:
    bad, reason = BAD_RULES[case]
    good = {**PROMO}
    path = write_rules(tmp_path, fmt, [good, bad])

    with pytest.raises(RulesFileError) as caught:
        load_rules(path)

    error = caught.value
    assert reason in error.reason
    assert (error.path, error.rule, error.rule_name) == (str(path), 2, "promo")
    assert error.line == (9 if fmt == "toml" else None)  # the second [[rule]] header
    where = f"{path}:9" if fmt == "toml" else str(path)
    assert str(error) == f"{where}: rules file: rule 2 ('promo'): {error.reason}"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ({"xpath": "descendant::p", "reason": "r"}, "missing key 'name'"),
        ({"name": 7, "xpath": "descendant::p", "reason": "r"}, "'name' must be a string"),
    ],
    ids=["missing", "a-number"],
)
def test_a_rule_without_a_usable_name_is_named_by_its_place_alone(
    tmp_path: Path, fmt: str, rule: dict[str, Any], reason: str
) -> None:
    path = write_rules(tmp_path, fmt, [rule])

    with pytest.raises(RulesFileError, match=r"rules file: rule 1: ") as caught:
        load_rules(path)

    assert (caught.value.rule, caught.value.rule_name) == (1, None)
    assert reason in caught.value.reason


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_name_used_twice_is_an_error_at_its_second_use(tmp_path: Path, fmt: str) -> None:
    again = {**PROMO, "xpath": "descendant::div[@class='my-other-promo']"}
    path = write_rules(tmp_path, fmt, [PROMO, TIPS, again])

    with pytest.raises(RulesFileError) as caught:
        load_rules(path)

    assert (caught.value.rule, caught.value.reason) == (3, "the name 'my-promo' is also rule 1's")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_rule_that_is_not_a_table_is_an_error(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"rules.{fmt}"
    path.write_text('rule = ["descendant::p"]' if fmt == "toml" else '{"rules": ["descendant::p"]}')

    with pytest.raises(RulesFileError, match=r"rule 1: a rule must be a table, not a string$"):
        load_rules(path)


# --- Bad files -----------------------------------------------------------------------------

BAD_FILES: dict[str, tuple[str, bytes, str, int | None]] = {
    "toml-syntax": ("rules.toml", b'[[rule]]\nname = "a"\nxpath = \n', "not valid TOML: ", 3),
    "json-syntax": ("rules.json", b'{"rules": [\n  {"name": "a",}\n]}', "not valid JSON: ", 2),
    "json-duplicate-key": (
        "rules.json",
        b'{"rules": [{"name": "a", "name": "b"}]}',
        "not valid JSON: the key 'name' twice",
        None,
    ),
    "not-utf-8": ("rules.toml", b'# rules\n[[rule]]\nname = "\xb9\xe3\xb8\xe6"\n', "not UTF-8", 3),
    "toml-single-table": (
        "rules.toml",
        b'[rule]\nname = "a"\n',
        "'rule' must be a list of rules, not a table (write [[rule]], not [rule])",
        None,
    ),
    "toml-other-top-key": ("rules.toml", b'[[rules]]\nname = "a"\n', "unknown key 'rules'", None),
    "json-other-top-key": ("rules.json", b'{"rule": []}', "unknown key 'rule' at the top", None),
    "json-a-list": ("rules.json", b"[]", 'must hold an object {"rules": [...]}, not a list', None),
    "json-rules-not-a-list": ("rules.json", b'{"rules": {}}', "must be a list of rules", None),
    "toml-nested-deeply": ("rules.toml", b"a = " + b"[" * 50_000, "not valid TOML", None),
    "json-nested-deeply": ("rules.json", b"[" * 50_000, "not valid JSON: nested too deeply", None),
    # More digits than Python converts (int_max_str_digits): the parsers' ValueError.
    "json-huge-integer": (
        "rules.json",
        b'{"rules": [' + b"1" * 5000 + b"]}",
        "a value cannot be read",
        None,
    ),
    "json-huge-top": ("rules.json", b"9" * 5000, "not valid JSON: a value cannot be read", None),
    "toml-huge-integer": (
        "rules.toml",
        b"a = " + b"1" * 5000 + b"\n",
        "not valid TOML: a value",
        None,
    ),
    "toml-huge-in-rule": (
        "rules.toml",
        b'[[rule]]\nname = "a"\nxpath = "//p"\nreason = "r"\nrequires = [' + b"7" * 5000 + b"]\n",
        "a value cannot be read",
        None,
    ),
    "other-suffix": ("rules.yaml", b"rules: []\n", "named .toml or .json, not '.yaml'", None),
    "too-large": ("rules.json", b" " * (1024 * 1024 + 1), "larger than a rules file can be", None),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_an_error_naming_it_and_the_line_where_known(
    tmp_path: Path, case: str
) -> None:
    name, data, reason, line = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(data)

    with pytest.raises(RulesFileError) as caught:
        load_rules(path)

    error = caught.value
    assert reason in error.reason
    assert (error.path, error.line, error.rule) == (str(path), line, None)
    assert str(error).startswith(
        f"{path}:{line}: rules file: " if line else f"{path}: rules file: "
    )


@pytest.mark.parametrize("make", ["missing", "folder"])
def test_a_file_that_cannot_be_read_is_a_rules_file_error(tmp_path: Path, make: str) -> None:
    path = tmp_path / "rules.toml"
    if make == "folder":
        path.mkdir()

    with pytest.raises(RulesFileError, match=r": rules file: cannot read the file: "):
        load_rules(path)


def test_without_tomllib_or_tomli_toml_is_refused_and_json_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tomllib", None)  # None: the import fails, as on 3.10
    monkeypatch.setitem(sys.modules, "tomli", None)

    with pytest.raises(RulesFileError) as caught:
        load_rules(write_rules(tmp_path, "toml", [PROMO]))

    assert caught.value.reason == (
        "reading TOML needs Python 3.11 or newer, or the tomli package; "
        "a JSON rules file works on any Python"
    )
    assert len(load_rules(write_rules(tmp_path, "json", [PROMO]))) == 1


def test_the_error_is_an_options_error_that_keeps_its_rule_when_moved_or_pickled() -> None:
    error = RulesFileError("missing key 'reason'", path="r.toml", line=9, rule=2, rule_name="a")

    moved = error.with_position(line_offset=1)
    pickled = pickle.loads(pickle.dumps(error))

    assert isinstance(error, OptionsError)
    assert str(pickled) == str(error) == "r.toml:9: rules file: rule 2 ('a'): missing key 'reason'"
    assert str(moved) == "r.toml:10: rules file: rule 2 ('a'): missing key 'reason'"
    assert (moved.rule, moved.rule_name, pickled.rule, pickled.rule_name) == (2, "a", 2, "a")


# --- Never another exception -----------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["name", "xpath", "reason", "requires", "kind", "labels", "x"]),
            inner,
            max_size=5,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(rules=st.lists(JSON_VALUES, max_size=3))
def test_any_json_rules_give_rules_or_a_rules_file_error(
    tmp_path_factory: pytest.TempPathFactory, rules: list[object]
) -> None:
    path = tmp_path_factory.mktemp("rules") / "rules.json"
    path.write_text(json.dumps({"rules": rules}), encoding="utf-8")

    try:
        loaded = load_rules(path)
    except RulesFileError as error:
        caught = error
    else:
        assert all(isinstance(rule, BoilerplateRule) for rule in loaded)
        return
    assert caught.path == str(path)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=200), suffix=st.sampled_from([".toml", ".json"]))
def test_any_bytes_give_rules_or_a_rules_file_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("rules") / f"rules{suffix}"
    path.write_bytes(data)

    try:
        loaded = load_rules(path)
    except RulesFileError as error:
        caught = error
    else:
        assert all(isinstance(rule, BoilerplateRule) for rule in loaded)
        return
    assert caught.path == str(path)


# --- The documented example ------------------------------------------------------------------

DOCS = Path(__file__).resolve().parent.parent / "docs" / "boilerplate.md"


def _documented_file(fmt: str) -> str:
    section = DOCS.read_text(encoding="utf-8").split("## Rules from a file", 1)[1]
    return section.split(f"```{fmt}\n", 1)[1].split("```", 1)[0]


@pytest.mark.parametrize(("fmt", "count"), [("toml", 3), ("json", 1)])
def test_the_documented_example_files_load(tmp_path: Path, fmt: str, count: int) -> None:
    path = tmp_path / f"my_rules.{fmt}"
    path.write_text(_documented_file(fmt), encoding="utf-8")

    rules = load_rules(path)

    assert len(rules) == count
    assert "扫码下载我的APP" not in _paragraphs(rules)


def test_the_documented_error_is_the_one_given(tmp_path: Path) -> None:
    path = tmp_path / "my_rules.toml"
    text = _documented_file("toml").replace(
        'kind = "container"', 'kind = "container"\nselector = "p"'
    )
    path.write_text(text, encoding="utf-8")

    with pytest.raises(RulesFileError) as caught:
        load_rules(path)

    assert str(caught.value) == (
        f"{path}:9: rules file: rule 2 ('ad-quote'): unknown key 'selector' "
        "(keys: name, xpath, reason, requires, kind, container)"
    )


def test_a_rule_named_as_a_default_rule_is_refused(tmp_path: Path) -> None:
    # explain and the debug log name rules: two of one name could not be told apart.
    taken = {**PROMO, "name": DEFAULT_BOILERPLATE[0].name}

    with pytest.raises(RulesFileError, match="has a rule of this name") as caught:
        load_rules(write_rules(tmp_path, "json", [taken]))

    assert caught.value.rule == 1
    assert caught.value.rule_name == DEFAULT_BOILERPLATE[0].name
