"""The fast line reader, when it answers, gives exactly what PyYAML gives.

The front matter generated here is in the aggregator's layout and near it:
mis-indented items, tabs, comments, quotes of both kinds, flow sequences,
block scalars, keys with colons or spaces, keys written twice, continuation
lines. Wherever the fast reader is not sure, it must hand over (None); where
PyYAML refuses the text, the fast reader must not answer.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sinaparse._front_matter.lines import fast_fields
from sinaparse._front_matter.raw import Reading
from sinaparse._front_matter.yaml_reader import fields_from_yaml
from sinaparse.errors import FrontMatterError

LAYOUT_KEYS = st.sampled_from(["title", "date", "tags", "k", "x-y", "_k"])
ODD_KEYS = st.sampled_from(["on", "a:b", "a b", "k#", "<<", "'k'", "? k"])
ODD_SEPARATORS = st.sampled_from([":", ":  ", ":\t", " : ", ": \t"])
CERTAIN = st.one_of(
    st.sampled_from(["x", "新浪", "12", "-3", "1e3", "true", "~", "2021-08-02 12:49:57", "a#b"]),
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=6).map(
        lambda text: "'" + text.replace("'", "''") + "'"
    ),
)
ODD = st.one_of(
    st.sampled_from(
        [
            "'open",
            '"dq"',
            '"a\\tb"',
            '"\\x41"',
            '"a"b"',
            "a # c",
            "# c",
            "[a, b]",
            "['a', b]",
            "[a",
            "{a: 1}",
            "{a",
            "|",
            ">-",
            "- a",
            "-a",
            "a: b",
            "a:",
            "=",
            "<<",
            "0x1F",
            "1:30",
            ".nan",
            "a\tb",
            "&x a",
            "*x",
            "!!str 1",
            "!foo a",
            "? a",
            "1_000",
            "0o17",
            "-",
            "",
            "on",
            "x ",
            "'a' b",
            "'a''",
            "@x",
            "%x",
            "`x",
            "a\u2028b",
            "0b_",
            "0x_",
            "-0x__",
        ]
    ),
    st.text(st.characters(min_codepoint=0x09, max_codepoint=0x7E), min_size=1, max_size=8),
)


@st.composite
def near_layouts(draw: st.DrawFn) -> str:
    """Front matter in the aggregator's layout, a line now and then bent out of it."""
    lines: list[str] = []
    one_in = draw(st.sampled_from([40, 12, 4]))
    bend = st.integers(1, one_in).map(lambda n: n == one_in)  # not the simplest: 1 shrinks first

    def scalar() -> str:
        return draw(ODD) if draw(bend) else draw(CERTAIN)

    for _ in range(draw(st.integers(1, 6))):
        key = draw(ODD_KEYS) if draw(bend) else draw(LAYOUT_KEYS)
        separator = draw(ODD_SEPARATORS) if draw(bend) else ": "
        kind = "block" if draw(bend) else draw(st.sampled_from(["scalar", "list"]))
        if kind == "scalar":
            lines.append(f"{key}{separator}{scalar()}")
        elif kind == "list":
            lines.append(f"{key}{separator}".rstrip() if draw(st.booleans()) else f"{key}: ")
            indent = draw(st.sampled_from([" ", " ", "  ", "    "]))
            for _ in range(draw(st.integers(0, 3))):
                # Mis-indented items are the commonest slip: not left to a rare bend.
                odd_indents = ["", indent + " ", indent[:-1], "\t", indent + "\t", " \t"]
                here = draw(st.sampled_from([indent] * 5 + odd_indents))
                dash = draw(st.sampled_from(["-", "-\t", "-  "])) if draw(bend) else "- "
                lines.append(f"{here}{dash}{scalar()}")
        else:
            lines.append(f"{key}{separator}{draw(st.sampled_from(['|', '>', '|-']))}")
            for _ in range(draw(st.integers(0, 2))):
                lines.append(f"{draw(st.sampled_from([' ', '  ', '']))}{scalar()}")
        if draw(bend):  # a comment, a blank line, or a line that continues the one above
            extra = draw(
                st.sampled_from(
                    ["# c", " # c", "", " ", "\t", " more", "  more", "\tx", "\u3000", " \xa0"]
                )
            )
            lines.append(extra)
    return "\n".join(lines) + draw(st.sampled_from(["\n", ""]))


def _yaml_reading(text: str) -> Reading | FrontMatterError:
    try:
        return fields_from_yaml(text, 2)
    except FrontMatterError as error:
        return error


MIS_INDENTED = [
    "tags: \n - a\n  - b\n",  # YAML: one item, "a - b"
    "tags: \n  - a\n - b\n",  # YAML: an error
    "tags: \n - a\n   - b\n - c\n",
    "tags:\n - a\n\t- b\n",
    "tags:\n - a\n - b\ntags:\n - c\n",  # a key written twice
    "title: 'x'\ntitle: 'y'\n",
    "k: 1\nk: 1\nk: 2\n",
    # Only spaces and tabs are blank to YAML: U+3000 and a no-break space are text.
    "title: t\n\u3000\ndate: 2021-08-02\n",
    "title: t\n \u3000\ndate: 2021-08-02\n",
    "tags:\n - a\n\xa0\n - b\n",
    # YAML allows a one-line key 1,024 characters.
    "title: t\n" + "k" * 1100 + ": v\n",
    "title: t\n" + "k" * 1024 + ": v\n",
]


@settings(max_examples=1500, deadline=None)
@given(near_layouts())
@example("tags: \n - a\n  - b\n")
@example("k: =\n")
@example("k: 1\nk: 2\n")
def test_the_fast_reader_answers_only_with_what_yaml_gives(text: str) -> None:
    fast = fast_fields(text, 2)
    if fast is None:
        return
    # repr, not ==: YAML's .nan is a float that equals nothing, itself included.
    assert repr(fast) == repr(_yaml_reading(text))


@pytest.mark.parametrize("text", MIS_INDENTED)
def test_near_the_layout_both_readers_agree_or_the_fast_one_hands_over(text: str) -> None:
    fast = fast_fields(text, 2)
    if fast is not None:
        assert repr(fast) == repr(_yaml_reading(text))


def test_an_item_deeper_than_the_first_is_yamls_to_read() -> None:
    # YAML reads the deeper line as more of the first item: one item, not two.
    text = "tags: \n - a\n  - b\n"
    assert fast_fields(text, 2) is None
    reading = fields_from_yaml(text, 2)
    assert reading.fields["tags"].value == ["a - b"]


def test_a_key_written_twice_warns_alike_in_both_readers() -> None:
    text = "k: 1\nk: 2\n"
    fast = fast_fields(text, 5)
    assert fast is not None
    assert fast == fields_from_yaml(text, 5)
    assert fast.fields["k"].value == 2
    (warning,) = fast.warnings
    assert warning.code == "front-matter-duplicate-key"
    assert "lines 5 and 6" in warning.message


@pytest.mark.parametrize("written", ["0b_", "0x_", "-0x__", "+0b__"])
@pytest.mark.parametrize("where", ["value", "item", "recovered"])
def test_an_integer_with_no_digit_is_text_in_every_reader(written: str, where: str) -> None:
    import sinaparse

    from .posts import make_post, paragraph

    lines = {
        "value": [f"x: {written}"],
        "item": ["x:", f" - {written}"],
        "recovered": [f"x: {written}"],
    }[where]
    title = (
        "'标题'" if where != "recovered" else '"说"是"标题"'
    )  # the aggregator's unescaped quotes
    article = sinaparse.parse(make_post(paragraph("正文"), title=title, extra_lines=lines))
    assert article.extra["x"] == (written if where != "item" else [written])
