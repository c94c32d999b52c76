"""The markup budget: what libxml2 would build, bounded before it is built.

The scanner follows libxml2's tokenizer; its counts must never fall below what
libxml2 makes, or a body could slip past the budget. Hypothesis compares them
with lxml on text made of the pieces the tokenizer cares about.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

import sinaparse
from sinaparse._body import markup

# Pieces that move libxml2's tokenizer from state to state.
PIECES = [
    *"<>/=\"' \n\t\fabp-!?",
    "= ",
    " =",
    'a= "',
    "x=",
    "<p",
    "<a",
    "</p",
    "</a",
    "<!--",
    "-->",
    "--!>",
    "<!-->",
    "<!--->",
    "<script",
    "</script",
    "<Script>",
    "SCRIPT",
    "ſcript",
    "<style",
    "</STYLE>",
    "<title",
    "</title",
    "<textarea",
    "</textarea",
    "<plaintext",
    "<xmp",
    "</xmp",
    "<iframe>",
    "<noembed>",
    "<!DOCTYPE",
    "<?",
    "<b ",
    " c d",
    "'>'",
    '<p a=">" b c>',
    "<!-- <script>",
    "</script >",
    "<br/>",
    "<i a=b c='d'e=\"f\"g>",
    "<p a</b</c>",
    "<body x y>",
    "&amp;",
    "a/b/c",
]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join)
PARSER = etree.HTMLParser(recover=True, no_network=True, remove_comments=False, huge_tree=False)


def elements_of(text: str) -> list[etree._Element]:
    document = etree.fromstring(text, PARSER)
    if document is None:
        return []
    return [node for node in document.getroottree().iter() if isinstance(node.tag, str)]


def guard_accepts(text: str, most: int) -> bool:
    pattern = markup.tokens_of_few_attributes(most)
    position = 0
    while position < len(text):
        match = pattern.match(text, position)
        if match is None:
            return False
        position = match.end()
    return True


@settings(max_examples=400, deadline=None)
@given(text=texts, most=st.sampled_from([1, 2, 3]))
# Found by fuzzing: a space after "=" let the scanner read an empty value and
# start a quoted one later, skipping attributes libxml2 reads.
@example(
    text=" e f g h--!>p<!--><b <?-= x=\"<Script\t</title<xmp</xmp<!--'</title'b&amp;b"
    "<i a=b c='d'e=\"f\"g><<<iframe><xmp=>",
    most=2,
)
def test_the_scanner_never_counts_fewer_attributes_than_libxml2_makes(text: str, most: int) -> None:
    attributes = [len(element.attrib) for element in elements_of(text)]
    assert markup.count_attributes(text) >= sum(attributes)
    if max(attributes, default=0) > 2 * most + 1:
        assert not guard_accepts(text, most)


def test_short_bodies_are_not_measured() -> None:
    # A body of 8 KiB at most: even one element of all its attributes costs ms.
    html = "<p " + " ".join(f"a{i}" for i in range(1500)) + ">x</p>"
    assert len(html) <= 8192
    assert sinaparse.parse_body(html).paragraphs == ("x",)


def ordinary(n: int) -> str:
    """``n`` paragraphs: enough of them (over 3,000 "/") for the scan to be made."""
    return "<p>正文。</p>" * n


@pytest.mark.parametrize(
    ("html", "message"),
    [
        pytest.param("<br>" * 200_001, "holds 200,001 tags, more than 200,000", id="tags"),
        pytest.param(
            ordinary(4000) + "<p " + " ".join(f"a{i}" for i in range(300)) + ">x</p>",
            "an element has more than 200 attributes",
            id="attributes",
        ),
        pytest.param(
            ordinary(4000) + "<p " + "/".join(f"a{i}" for i in range(600)) + ">x</p>",
            "an element has more than 200 attributes",
            id="attributes-between-slashes",
        ),
        pytest.param(
            ("<i " + " ".join(f"a{i}=x" for i in range(150)) + "></i>") * 4100,
            "would make more than 1,200,000 nodes",
            id="nodes-of-attributes",
        ),
    ],
)
def test_a_body_too_costly_to_build_is_refused(html: str, message: str) -> None:
    with pytest.raises(sinaparse.BodyError, match=message):
        sinaparse.parse_body(html)


def test_the_line_of_the_element_with_too_many_attributes_is_named() -> None:
    html = "<p>正文。</p>\n" * 2000 + "<p " + " ".join(f"a{i}" for i in range(300)) + ">x</p>"
    with pytest.raises(sinaparse.BodyError) as raised:
        sinaparse.parse_body(html)
    assert raised.value.line == 2001


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(
            ordinary(2000) + "<p " + " ".join(f"a{i}" for i in range(150)) + ">x</p>",
            id="150-attributes",
        ),
        pytest.param(
            ordinary(3000)
            + "<script>var s = '<p "
            + " ".join(f"a{i}" for i in range(900))
            + "';</script>",
            id="tag-like-text-in-a-script",
        ),
        pytest.param(
            ordinary(3000) + "<!-- <p " + " ".join(f"a{i}" for i in range(900)) + "> -->",
            id="tag-like-text-in-a-comment",
        ),
        pytest.param(
            "".join(
                f'<div class="img_wrapper"><img src="//n.sinaimg.cn/{i}.jpg">'
                f'<span class="img_descr">图{i}</span></div>'
                for i in range(10_000)  # walk.MAX_ITEMS: as many as a body may hold
            ),
            id="10000-pictures-whose-addresses-are-full-of-slashes",
        ),
        pytest.param("<p>" + "word " * 600_000 + "</p>", id="prose-full-of-spaces"),
    ],
)
def test_a_body_within_budget_is_read(html: str) -> None:
    assert sinaparse.parse_body(html).blocks
