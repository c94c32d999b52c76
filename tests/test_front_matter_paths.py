"""The fast path for the aggregator's front matter gives what PyYAML gives."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sinaparse._front_matter.lines import fast_fields
from sinaparse._front_matter.yaml_reader import fields_from_yaml

from .conftest import CORPUS

KEYS = st.sampled_from(
    [
        "title",
        "date",
        "categories",
        "author",
        "comments",
        "headimg",
        "thumbnail",
        "tags",
        "x-y",
        "_k",
        "yes",
        "null",
        "on",
    ]
)
PLAIN_SCALARS = st.one_of(
    st.sampled_from(
        [
            "false",
            "true",
            "yes",
            "No",
            "on",
            "~",
            "null",
            "",
            "0",
            "12",
            "-3",
            "0x1F",
            "0o17",
            "1_000",
            "1:30",
            "3.14",
            ".inf",
            "-.Inf",
            ".nan",
            "1e3",
            "2021-08-02",
            "2021-08-02 12:49:57",
            "Mon, 02 Aug 2021 12:49:57 GMT",
            "新浪财经",
            "it's",
            "a: b",
            "a #b",
            "a#b",
            "#x",
            "-x",
            "- x",
            "?x",
            "[a]",
            "{a}",
            "&a",
            "*a",
            "!x",
            "|",
            ">",
            "%x",
            "@x",
            "`x",
            "x:",
            "x\t",
            "=",
        ]
    ),
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x2FFF), min_size=1, max_size=20),
)
QUOTED_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x1FFFF), max_size=30)


def _single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@st.composite
def layouts(draw: st.DrawFn) -> str:
    """Front matter in the aggregator's layout, with values of every kind."""
    lines = []
    for key in draw(st.lists(KEYS, min_size=1, max_size=8)):
        kind = draw(st.sampled_from(["quoted", "plain", "list"]))
        if kind == "quoted":
            lines.append(f"{key}: {_single_quoted(draw(QUOTED_TEXT))}")
        elif kind == "plain":
            lines.append(f"{key}: {draw(PLAIN_SCALARS)}".rstrip())
        else:
            lines.append(f"{key}: ")
            for item in draw(
                st.lists(st.one_of(PLAIN_SCALARS, QUOTED_TEXT.map(_single_quoted)), max_size=3)
            ):
                lines.append(f" - {item}")
    return "\n".join(lines) + "\n"


@settings(max_examples=500, deadline=None)
@given(layouts())
@example("title: 'x'\ncomments: false\ncategories: \n - 金融\n - '新浪'\n")
def test_fast_path_agrees_with_yaml_wherever_it_answers(text: str) -> None:
    fast = fast_fields(text, 2)
    if fast is None:
        return
    # repr, not ==: YAML's .nan is a float that equals nothing, itself included.
    assert repr(fast) == repr(fields_from_yaml(text, 2))


def test_fast_path_answers_for_every_corpus_post() -> None:
    for post in sorted((CORPUS / "posts").glob("*.md")):
        text = post.read_text(encoding="utf-8")
        front = text.split("---\n")[1]
        fast = fast_fields(front, 3)
        if "\n  " in front or '"' in front.split("title:")[1].split("\n")[0]:
            continue  # multi-line and double-quoted titles are PyYAML's
        assert fast is not None, post.name
        assert fast == fields_from_yaml(front, 3), post.name


CERTAIN_PLAIN = st.sampled_from(
    [
        "false",
        "true",
        "yes",
        "~",
        "0",
        "12",
        "-3",
        "3.14",
        "1e3",
        "2021-08-02 12:49:57",
        "Mon, 02 Aug 2021 12:49:57 GMT",
        "新浪财经",
        "it's",
        "a#b",
        "https://n.sinaimg.cn/a.jpg",
    ]
)
PRINTABLE_TEXT = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E)
    | st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    max_size=30,
)


@st.composite
def aggregator_layouts(draw: st.DrawFn) -> str:
    """The layout as the aggregator writes it: every line is in the fast path's subset."""
    lines = [f"title: {_single_quoted(draw(PRINTABLE_TEXT))}", "categories: "]
    lines += [f" - {draw(CERTAIN_PLAIN)}" for _ in range(draw(st.integers(0, 3)))]
    lines += [
        f"{key}: {draw(CERTAIN_PLAIN)}"
        for key in draw(st.lists(KEYS.filter(lambda k: k not in ("yes", "null", "on")), max_size=5))
    ]
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None)
@given(aggregator_layouts())
def test_fast_path_answers_for_the_aggregator_layout(text: str) -> None:
    fast = fast_fields(text, 2)
    assert fast is not None
    assert fast == fields_from_yaml(text, 2)
