"""Hostile front matter (issue 12): huge numbers, alias amplification, keys
written twice, characters that are not text, YAML's special scalars and tags,
and an ``extra`` that stays immutable and writable.

Each class is tested on several members; the limits' fresh-process budgets
are in test_front_matter_budgets.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import json
import math
import pickle
import sys
import time
from collections.abc import Callable, Iterator

import pytest
import yaml

import sinaparse
from sinaparse import Article
from sinaparse._front_matter import raw, yaml_reader
from sinaparse._front_matter.lines import fast_fields, lenient_fields
from sinaparse._front_matter.not_text import without_not_text
from sinaparse._front_matter.raw import MAX_REPEATED_CHARACTERS, RawField
from sinaparse._front_matter.yaml_reader import fields_from_yaml
from sinaparse._front_matter.yaml_values import JsonReadyConstructor, LongTextResolver
from sinaparse._text import NOT_TEXT
from sinaparse.errors import FrontMatterError
from sinaparse.export import write_csv, write_json, write_jsonl, write_markdown

from .posts import make_post

UTC = dt.timezone.utc


def _parse(*lines: str, title: str = "'标题'") -> Article:
    return sinaparse.parse(make_post("<p>正文</p>", title=title, extra_lines=lines))


def _writes_everywhere(article: Article) -> None:
    """Every output of the article can be made, and is UTF-8."""
    repr(article)
    text = json.dumps(article.to_dict(), ensure_ascii=False, allow_nan=False)
    text.encode("utf-8")
    assert Article.from_dict(json.loads(text)) == article
    for writer in (write_jsonl, write_json, write_csv, write_markdown):
        stream = io.StringIO()
        writer([article], stream)
        stream.getvalue().encode("utf-8")


# 1. Huge integers ----------------------------------------------------------

DIGITS = 5000
HUGE_INTEGERS = {
    "decimal": "9" * DIGITS,
    "negative": "-" + "9" * DIGITS,
    "signed": "+" + "9" * DIGITS,
    "hex": "0x" + "f" * DIGITS,
    "octal": "0" + "7" * DIGITS,
    "binary": "0b" + "1" * (4 * DIGITS),
    "base-60": "1" + ":59" * DIGITS,
    "separators": "1" + "_000" * DIGITS,
    "hex-separators": "0x" + "_ff" * DIGITS,
    "just-too-many-digits": "1" + "0" * 640,
    "hex-just-too-large": "0x" + "f" * 532,
}


@pytest.mark.parametrize("written", HUGE_INTEGERS.values(), ids=HUGE_INTEGERS.keys())
@pytest.mark.parametrize(
    "form",
    ["n: {}", "n: [{}]", "n:\n - {}", "n: {{a: {}}}", "n: !!int '{}'", "x: &x 1\nn: [{}, *x]"],
    ids=["plain", "flow", "list", "mapping", "tagged", "with-alias"],
)
def test_an_integer_of_more_than_640_digits_is_kept_as_written(written: str, form: str) -> None:
    article = _parse(*form.format(written).split("\n"))
    _writes_everywhere(article)
    assert written in json.dumps(article.to_dict())


@pytest.mark.parametrize("written", HUGE_INTEGERS.values(), ids=HUGE_INTEGERS.keys())
def test_every_reader_keeps_a_huge_integer_as_written(written: str) -> None:
    text = f"title: 'x'\ndate: 2021-08-02\nn: {written}\n"
    broken = f'title: "a"b"\ndate: 2021-08-02\nn: {written}\n'  # YAML cannot, recovery can
    readings = [fast_fields(text, 2), fields_from_yaml(text, 2), lenient_fields(broken, 2)]
    for reading in readings:
        assert reading is not None
        assert reading.fields["n"].value == written


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("9" * 640, int("9" * 640)),
        ("-" + "9" * 640, -int("9" * 640)),
        ("0x" + "f" * 531, int("f" * 531, 16)),
        ("0b" + "1" * 2000, int("1" * 2000, 2)),
        ("1:2:3", 3723),
        ("1_000", 1000),
        ("0o17", "0o17"),  # YAML 1.1 has no 0o: text
    ],
)
def test_integers_up_to_640_digits_stay_numbers(written: str, value: object) -> None:
    assert _parse(f"n: {written}").extra["n"] == value


def test_640_digits_are_written_under_the_smallest_digit_limit_python_allows() -> None:
    article = _parse("n: " + "9" * 640)
    before = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(640)
    try:
        _writes_everywhere(article)
        _writes_everywhere(_parse("n: " + "9" * 641))
    finally:
        sys.set_int_max_str_digits(before)


@pytest.mark.parametrize(
    "written",
    [":".join(["59"] * 200) + ".5", "1" + ":59" * 175 + ".0", "0" + ":0" * 300 + ".1"],
    ids=["200-digits", "176-digits", "zeros"],
)
def test_a_base_60_float_beyond_a_floats_range_is_kept_as_written(written: str) -> None:
    # PyYAML's sum raised OverflowError here, through every reader.
    article = _parse(f"n: {written}")
    assert article.extra["n"] == written
    _writes_everywhere(article)


@pytest.mark.parametrize(
    "value",
    [10**640, -(10**700), [1, 2**4000], {"a": {"b": 10**641}}],
    ids=["640-digits", "negative", "in-a-list", "nested"],
)
def test_a_hand_built_article_refuses_an_integer_no_writer_could_write(value: object) -> None:
    with pytest.raises(ValueError, match="more than 640 digits"):
        Article(title="t", date=dt.datetime(2021, 8, 2, tzinfo=UTC), extra={"n": value})


def _looped() -> list[object]:
    looped: list[object] = []
    looped.append(looped)
    return looped


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"n": object()}, TypeError),
        ({"n": [1, dt.date(2021, 8, 2)]}, TypeError),
        ({1: "one"}, TypeError),
        ({"n": {2: "two"}}, TypeError),
        ({"n": _looped()}, ValueError),
    ],
    ids=["object", "date-in-a-list", "int-key", "nested-int-key", "loop"],
)
def test_a_hand_built_extra_holds_json_data_or_is_refused(
    extra: dict[object, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        Article(title="t", date=dt.datetime(2021, 8, 2, tzinfo=UTC), extra=extra)  # type: ignore[arg-type]


# 2. Amplification ----------------------------------------------------------


def _alias_forms(text: str, times: int) -> Iterator[list[str]]:
    yield [f"a: &a '{text}'", "b: [" + ", ".join(["*a"] * times) + "]"]
    yield [f"a: &a '{text}'", "b:", *[f" k{n}: *a" for n in range(times)]]
    yield [f"a: &a ['{text}']", "b: [" + ", ".join(["*a"] * times) + "]"]
    yield [f"a: &a {{x: '{text}'}}", "b:", *[" - <<: *a" for _ in range(times)]]
    yield [f"a: &a '{text}'", "b: &b [*a, *a]", "c: [" + ", ".join(["*b"] * (times // 2)) + "]"]


@pytest.mark.parametrize("form", range(5), ids=["list", "mapping", "nested", "merge", "two-levels"])
def test_aliases_that_repeat_too_many_characters_are_refused(form: int) -> None:
    text = "&#123;长" * 500  # 1,000 characters once the braces are undone... 3,500 as written
    lines = list(_alias_forms(text, 1000))[form]
    with pytest.raises(FrontMatterError, match=f"more than {MAX_REPEATED_CHARACTERS:,} characters"):
        _parse(*lines)


@pytest.mark.parametrize("form", range(5), ids=["list", "mapping", "nested", "merge", "two-levels"])
def test_aliases_within_the_limit_are_expanded(form: int) -> None:
    lines = list(_alias_forms("&#123;长", 200))[form]
    article = _parse(*lines)
    assert "{长" in json.dumps(article.to_dict(), ensure_ascii=False)
    _writes_everywhere(article)


def test_an_aliased_text_is_unescaped_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    unescape = raw.unescape_braces

    def counted(text: str) -> str:
        calls.append(text)
        return unescape(text)

    monkeypatch.setattr(raw, "unescape_braces", counted)
    _parse("a: &a '&#123;长&#125;'", "b: [" + ", ".join(["*a"] * 2000) + "]")
    assert len(calls) < 10


def test_the_limit_error_says_it_once() -> None:
    text = "k: [" + ", ".join(["x"] * 30_000) + "]\n"
    with pytest.raises(FrontMatterError) as caught:
        fields_from_yaml(text, 2)
    assert str(caught.value).count("front matter") == 1  # was wrapped in "invalid YAML value"


# 4. Keys written twice -----------------------------------------------------

DUPLICATES = {
    "extra-fast": (["k: 1", "k: 2"], "title: '标题'", "k", 2),
    "extra-yaml": (["k: 1", "k: 2"], 'title: "标题"', "k", 2),
    "extra-recovered": (["k: 1", "k: 2"], 'title: "标"题"', "k", 2),
    "list": (["k:", " - a", "k:", " - b"], "title: '标题'", "k", ["b"]),
    "three-times": (["k: 1", "k: 2", "k: 3"], "title: '标题'", "k", 3),
    "braces": (["'&#123;k&#125;': 1", "'{k}': 2"], "title: '标题'", "{k}", 2),
    "braces-fast": (["'{k}': 1", "'&#123;k&#125;': 2"], "title: '标题'", "{k}", 2),
    "complex-key": (["? [a]", ": 1", "'[\"a\"]': 2"], "title: '标题'", '["a"]', 2),
}


@pytest.mark.parametrize(
    ("lines", "title", "key", "value"), DUPLICATES.values(), ids=DUPLICATES.keys()
)
def test_a_key_written_twice_keeps_the_last_value_and_says_so(
    lines: list[str], title: str, key: str, value: object
) -> None:
    article = _parse(*lines, title=title.removeprefix("title: "))
    assert article.extra[key] == value
    duplicates = [w for w in article.warnings if w.code == "front-matter-duplicate-key"]
    assert len(duplicates) == len([line for line in lines if not line.startswith((" ", ":"))]) - 1
    assert all(repr(key) in w.message and "line" in w.message for w in duplicates)


@pytest.mark.parametrize("key", ["title", "date", "author", "categories", "headimg"])
def test_a_mapped_key_written_twice_warns(key: str) -> None:
    post = make_post("<p>正文</p>").replace("\n---\n\n<div>", f"\n{key}: 'again'\n---\n\n<div>")
    post = post.replace("'again'", "Mon, 03 Aug 2021 12:49:57 GMT") if key == "date" else post
    article = sinaparse.parse(post)
    (warning,) = [w for w in article.warnings if w.code == "front-matter-duplicate-key"]
    assert f"key {key!r} is written twice" in warning.message


@pytest.mark.parametrize(
    "value",
    ["{a: 1, a: 2}", "{'&#123;a&#125;': 1, '{a}': 2}", "[{a: 1, a: 2}]", "!!omap [a: 1, a: 2]"],
)
def test_a_nested_key_written_twice_warns(value: str) -> None:
    article = _parse(f"k: {value}")
    assert "front-matter-duplicate-key" in [w.code for w in article.warnings]
    assert (
        json.dumps(article.to_dict()).count('"a"') + json.dumps(article.to_dict()).count('"{a}"')
        == 1
    )


def test_a_merged_key_overridden_by_the_mappings_own_is_no_duplicate() -> None:
    article = _parse("base: &b {a: 1, b: 1}", "k: {<<: *b, b: 2}", "<<: *b", "a: 3")
    assert article.extra["k"] == {"a": 1, "b": 2}
    assert article.extra["a"] == 3
    assert "front-matter-duplicate-key" not in [w.code for w in article.warnings]


def test_a_merged_mapping_with_duplicates_warns_once() -> None:
    article = _parse("base: &b {a: 1, a: 2}", "k: {<<: *b}", "j: {<<: *b}")
    assert [w.code for w in article.warnings].count("front-matter-duplicate-key") == 1


# 5. Characters that are not text -------------------------------------------

NOT_TEXT_ESCAPES = ["\\0", "\\x01", "\\x1f", "\\x7f", "\\uFFFE", "\\uFFFF", "\\b", "\\e", "\\v"]


@pytest.mark.parametrize("escape", NOT_TEXT_ESCAPES)
@pytest.mark.parametrize(
    ("lines", "where"),
    [
        (['author: "新浪{}财经"'], "author"),
        (["categories:", ' - "金{}融"'], "categories"),
        (['k: "a{}b"'], "extra"),
        (['k: ["a{}b", {{x: "c{}"}}]'], "extra"),
        (['"k{}": v'], "extra"),
        (['k: {{"a{}": 1}}'], "extra"),
        (['k: !!set {{"a{}"}}'], "extra"),
    ],
    ids=["author", "categories", "value", "nested", "key", "nested-key", "set"],
)
def test_what_is_not_text_leaves_every_front_matter_string(
    escape: str, lines: list[str], where: str
) -> None:
    article = _parse(*(line.format(escape, escape) for line in lines))
    data = json.dumps(article.to_dict(), ensure_ascii=False)
    assert not NOT_TEXT.search(data)
    assert not NOT_TEXT.search(article.author or "")
    assert not any(NOT_TEXT.search(category) for category in article.categories)
    assert "front-matter-not-text" in [w.code for w in article.warnings]
    _writes_everywhere(article)


@pytest.mark.parametrize("escape", NOT_TEXT_ESCAPES)
def test_what_is_not_text_leaves_the_title(escape: str) -> None:
    article = _parse(title=f'"新浪{escape}财经"')
    assert article.title == "新浪财经"
    (warning,) = [w for w in article.warnings if w.code == "front-matter-not-text"]
    assert "'title'" in warning.message
    assert "U+" in warning.message


@pytest.mark.parametrize("escape", ["\\x85", "\\u2028", "\\u2029", "\\t", "\\n", "\\u00a0"])
def test_line_breaks_and_spaces_written_as_escapes_are_text(escape: str) -> None:
    article = _parse(f'k: "a{escape}b"')
    assert "front-matter-not-text" not in [w.code for w in article.warnings]
    stream = io.StringIO()
    write_jsonl([article], stream)
    assert len(stream.getvalue().splitlines()) == 1  # the line-breaking ones are escaped


def test_keys_that_only_what_is_not_text_told_apart_become_one_with_warnings() -> None:
    article = _parse('"k\\0": 1', "k: 2", 'n: {"a\\x01": 1, a: 2}')
    assert dict(article.extra) == {"k": 2, "n": {"a": 2}}
    codes = [w.code for w in article.warnings]
    assert "front-matter-duplicate-key" in codes
    assert any("keys they alone told apart" in w.message for w in article.warnings)


class _PurePythonLoader(JsonReadyConstructor, LongTextResolver, yaml.SafeLoader):
    """The loader sinaparse uses where PyYAML has no C extension: it reads
    ``"\\ud800"`` as a lone surrogate, where libyaml refuses it."""

    yaml_implicit_resolvers = yaml_reader.Loader.yaml_implicit_resolvers

    def __init__(self, stream: str, line_offset: int = 1) -> None:
        yaml.SafeLoader.__init__(self, stream)
        self.start_reading(line_offset=line_offset)


@pytest.mark.parametrize(
    "line", ['k: "a\\ud800b"', 'k: ["\\udfff"]', '"\\ud83d\\ude00\\ud800": 1', 'author: "\\udc80"']
)
def test_a_lone_surrogate_never_reaches_a_field(monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    for loader in (yaml_reader.Loader, _PurePythonLoader):
        monkeypatch.setattr(yaml_reader, "Loader", loader)
        try:
            article = _parse(line, title='"标题"')  # double quotes: PyYAML's to read
        except FrontMatterError:
            continue  # libyaml refuses the escape, and the recovery reads no such key
        data = json.dumps(article.to_dict(), ensure_ascii=False)
        data.encode("utf-8")  # a lone surrogate cannot be encoded
        _writes_everywhere(article)
        if loader is _PurePythonLoader:  # it read the escapes: what was removed is said
            assert "front-matter-not-text" in [w.code for w in article.warnings]


def test_a_surrogate_pair_written_as_two_escapes_is_its_character() -> None:
    fields = {"k": RawField("\ud83d\ude00", "\ud83d\ude00", None, 4)}
    warnings: list[sinaparse.ParseWarning] = []
    assert without_not_text(fields, warnings) == {"k": RawField("😀", "😀", None, 4)}
    assert warnings == []


def test_the_cleaning_removes_lone_surrogates_at_any_depth() -> None:
    fields = {"k\ud800": RawField({"a\udc00": ["b\ud800", "c"]}, None, None, 4)}
    warnings: list[sinaparse.ParseWarning] = []
    assert without_not_text(fields, warnings) == {"k": RawField({"a": ["b", "c"]}, None, None, 4)}
    (warning,) = warnings
    assert "U+D800" in warning.message
    assert "U+DC00" in warning.message


# 7. YAML's special scalars and tags ----------------------------------------

AS_WRITTEN = {
    "equals": ("k: =", "="),
    "equals-in-a-list": ("k: [=, a]", ["=", "a"]),
    "equals-in-a-mapping": ("k: {a: =}", {"a": "="}),
    "equals-as-a-key": ("k: {=: a}", {"=": "a"}),
    "value-tag": ("k: !!value x", "x"),
    "merge-tag": ("k: !!merge x", "x"),
    "merge-as-a-value": ("k: <<", "<<"),
    "merge-in-a-list": ("k: [<<, a]", ["<<", "a"]),
    "merge-of-a-scalar": ("k: {<<: 1}", {"<<": 1}),
    "merge-of-a-list-of-scalars": ("k: {<<: [1, 2]}", {"<<": [1, 2]}),
    "merge-of-a-mixed-list": ("k: {<<: [{a: 1}, 2]}", {"<<": [{"a": 1}, 2]}),
    "merge-of-null": ("k: {<<: }", {"<<": None}),
    "complex-key": ("k: {? [a, b]: c}", {'["a", "b"]': "c"}),
    "complex-key-with-a-huge-int": ("k: {? [" + "9" * 700 + "]: c}", {f'["{"9" * 700}"]': "c"}),
    "value-tag-on-a-list": ("k: !!value [a]", ["a"]),
}


@pytest.mark.parametrize(("line", "value"), AS_WRITTEN.values(), ids=AS_WRITTEN.keys())
def test_yamls_special_scalars_are_kept_as_written(line: str, value: object) -> None:
    article = _parse(line)
    assert article.extra["k"] == value
    _writes_everywhere(article)


def test_a_top_level_merge_of_a_scalar_is_a_key() -> None:
    assert _parse("<<: 1").extra["<<"] == 1


@pytest.mark.parametrize(
    ("line", "value"),
    [("k: !foo x", "x"), ("k: !foo [1, x]", [1, "x"]), ("k: !<tag:x.org,2002:y> {a: 1}", {"a": 1})],
)
def test_a_tag_sinaparse_does_not_read_is_set_aside_with_a_warning(
    line: str, value: object
) -> None:
    article = _parse(line)
    assert article.extra["k"] == value
    (warning,) = [w for w in article.warnings if w.code == "front-matter-tag-ignored"]
    assert "line" in warning.message


@pytest.mark.parametrize(
    "line",
    [
        "k: !!python/object:os.system x",
        "k: !!python/name:os.system x",
        'k: !!python/object/apply:os.system ["echo owned"]',
        "k: !<tag:yaml.org,2002:python/object/new:dict> {}",
        "k: [!!python/tuple [1]]",
    ],
)
def test_python_tags_are_refused(line: str) -> None:
    with pytest.raises(FrontMatterError, match="builds Python objects: refused"):
        _parse(line)


# 7. extra stays immutable --------------------------------------------------


def test_changing_what_to_dict_gave_never_changes_the_article() -> None:
    article = _parse("tags: [a, [b]]", "meta: {x: [1], y: {z: 2}}")
    before = json.dumps(article.to_dict())
    data = article.to_dict()
    data["extra"]["tags"].append("c")
    data["extra"]["tags"][1].append("d")
    data["extra"]["meta"]["x"].append(9)
    data["extra"]["meta"]["y"]["z"] = 3
    assert json.dumps(article.to_dict()) == before


def test_changing_what_extra_gave_never_changes_the_article() -> None:
    article = _parse("tags: [a, [b]]", "meta: {x: [1]}")
    article.extra["tags"].append("c")  # type: ignore[attr-defined]
    article.extra["meta"]["x"].append(2)  # type: ignore[index]
    for value in article.extra.values():
        value.clear()  # type: ignore[attr-defined]
    assert dict(article.extra) == {"tags": ["a", ["b"]], "meta": {"x": [1]}}


def test_changing_the_mapping_an_article_was_built_from_never_changes_it() -> None:
    extra: dict[str, object] = {"tags": ["a"], "meta": {"x": [1]}}
    article = Article(title="t", date=dt.datetime(2021, 8, 2, tzinfo=UTC), extra=extra)
    extra["tags"].append("b")  # type: ignore[attr-defined]
    extra["meta"]["x"].append(2)  # type: ignore[index]
    assert dict(article.extra) == {"tags": ["a"], "meta": {"x": [1]}}
    assert pickle.loads(pickle.dumps(article)) == article
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


def test_a_csv_of_a_front_matter_with_every_hostile_value_reads_back() -> None:
    article = _parse("n: " + "9" * 5000, 'k: "\\0\\uFFFE"', "k2: =", "k3: {<<: 1}")
    stream = io.StringIO()
    write_csv([article], stream)
    assert len(list(csv.reader(io.StringIO(stream.getvalue())))) == 2


# Linear work -------------------------------------------------------------


def _seconds(reader: Callable[[str, int], object], text: str, repeat: int) -> float:
    # Without the garbage collector: a full collection, which walks every object
    # the whole test session holds, falls in one run and not in another.
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()  # CPU time: the machine's other processes count less
        for _ in range(repeat):
            reader(text, 2)
        return time.process_time() - start
    finally:
        gc.enable()


def _best_ratio(reader: Callable[[str, int], object], small: str, large: str) -> float:
    """Best time of ``large`` over best time of ``small``, measured in turns so
    that both see the same load; ``small`` repeated to take 50 ms at least."""
    repeat = max(1, math.ceil(0.05 / max(_seconds(reader, small, 1), 1e-6)))
    best_small = best_large = float("inf")
    for _ in range(7):
        best_small = min(best_small, _seconds(reader, small, repeat))
        best_large = min(best_large, _seconds(reader, large, repeat))
    return best_large / best_small


@pytest.mark.parametrize(
    ("reader", "unit", "n"),
    [
        (fast_fields, " - a\n", 2400),
        (lenient_fields, " - a\n", 2400),
        (fast_fields, "k{n}: 1\n", 1200),
        (lenient_fields, "k{n}: 1\n", 1200),
    ],
    ids=["fast-items", "recovery-items", "fast-keys", "recovery-keys"],
)
# The line readers built a list anew for each item: quadratic. (PyYAML's own
# composing is left out: its node objects make it just above 2 per doubling.)
def test_reading_n_items_or_keys_is_linear(
    reader: Callable[[str, int], object], unit: str, n: int
) -> None:
    def text(count: int) -> str:
        return "title: 'x'\ntags:\n" + "".join(unit.format(n=i) for i in range(count))

    # n and 4n (two doublings, 2.5 each at most): wide enough for a loaded
    # machine's noise, where quadratic work is 16. 4n stays under the limit
    # of 10,000 values (an item is one value, a key two).
    assert _best_ratio(reader, text(n), text(4 * n)) < 2.5**2
