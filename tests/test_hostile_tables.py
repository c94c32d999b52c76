"""Issue 12, tables: spans of any text, spans of any size, nested tables, content
outside the cells. Each gives a bounded, faithful result, never an exception."""

from __future__ import annotations

import io

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import Article, Cell, Figure, Paragraph, Quote, Table
from sinaparse.outputs.markdown import write_markdown

from .posts import make_post

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
IMG = "https://n.sinaimg.cn/a/w640h387/{}.jpg"


def _cell(attributes: str) -> Cell:
    body = sinaparse.parse_body(
        f"<table><tr><td {attributes}>格</td></tr><tr><td>下</td></tr></table>"
    )
    (table,) = body.blocks
    assert isinstance(table, Table)
    return table.rows[0][0]


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("2", 2),
        (" +2 ", 2),
        ("2px", 2),
        ("02", 2),
        ("²", 1),  # isdigit() says yes, int() says no
        ("①", 1),
        ("٣", 1),  # a decimal digit, but not an ASCII one: browsers read no number
        ("１２", 1),  # full-width digits
        ("9" * 5000, None),  # more digits than int() converts
        ("0" * 5000 + "3", 3),
        ("-2", 1),
        ("", 1),
        ("x", 1),
        ("1e3", 1),
        ("0x10", None),  # "0", then garbage: zero
    ],
)
def test_a_span_of_any_text_is_read_as_browsers_read_it(value: str, number: int | None) -> None:
    colspan = _cell(f'colspan="{value}"').colspan
    rowspan = _cell(f'rowspan="{value}"').rowspan
    if number is None:  # the limits, or zero
        assert (colspan, rowspan) in ((1000, 65534), (1, 2))
    else:
        assert (colspan, rowspan) == (number, number)


def test_a_rowspan_of_zero_reaches_the_last_row() -> None:
    assert _cell('rowspan="0"').rowspan == 2


@SETTINGS
@given(
    st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters='\x00"&<'), max_size=12)
)
@example("²")
@example("9" * 4400)
def test_a_span_of_any_text_never_raises(value: str) -> None:
    cell = _cell(f'colspan="{value}" rowspan="{value}"')
    assert 1 <= cell.colspan <= 1000
    assert 1 <= cell.rowspan <= 65534


# Spans cannot amplify what the writers write ---------------------------------


def _markdown(*blocks: sinaparse.Block) -> str:
    article = sinaparse.parse(make_post("<p>正文</p>"))
    stream = io.StringIO()
    write_markdown([attrs.evolve(article, blocks=blocks)], stream)
    return stream.getvalue()


def test_a_huge_span_in_a_body_writes_a_small_table() -> None:
    article = sinaparse.parse(
        make_post("<table><tr><td rowspan=9999 colspan=9999>格</td></tr></table>")
    )
    stream = io.StringIO()
    write_markdown([article], stream)
    assert len(stream.getvalue()) < 1000
    assert "| 格 |" in stream.getvalue()


@pytest.mark.parametrize(
    "cells",
    [
        [[Cell("a", colspan=10**9, rowspan=10**9)]],
        [[Cell("a", colspan=10**6)], [Cell("b", rowspan=10**6)]],
        [[Cell("a", colspan=-5, rowspan=-5), Cell("b", colspan=0, rowspan=0)]],
        [[Cell(str(n), rowspan=1000) for n in range(50)]] + [[Cell("x")]] * 50,
        [[Cell("x")]] * 300 + [[Cell(str(n)) for n in range(300)]],
    ],
    ids=["one-huge-cell", "huge-row-and-column", "negative-and-zero", "tall-cells", "ragged"],
)
def test_a_hand_made_table_with_any_spans_writes_a_bounded_table(cells: list[list[Cell]]) -> None:
    table = Table(tuple(map(tuple, cells)))
    count = sum(map(len, cells))
    markdown = _markdown(table)
    pipes = markdown.count("|")
    assert pipes <= 5 * max(64, 8 * count) + 2 * len(cells) + 2
    for row in cells:
        for cell in row:
            assert f" {cell.text} " in markdown


@SETTINGS
@given(
    st.lists(
        st.lists(
            st.builds(
                Cell,
                text=st.sampled_from(["a", "bb", ""]),
                colspan=st.integers(-3, 10**6),
                rowspan=st.integers(-3, 10**6),
            ),
            min_size=1,
            max_size=5,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_spans_write_a_table_proportional_to_its_cells(cells: list[list[Cell]]) -> None:
    count = sum(map(len, cells))
    markdown = _markdown(Table(tuple(map(tuple, cells))))
    assert markdown.count("|") <= 5 * max(64, 8 * count) + 2 * len(cells) + 2


def test_the_markdown_of_huge_spans_grows_linearly_with_the_tables() -> None:
    def size(tables: int) -> int:
        html = "<table><tr><td colspan=1000 rowspan=1000>格</td><td>x</td></tr></table>" * tables
        article = sinaparse.parse(make_post(html))
        stream = io.StringIO()
        write_markdown([article], stream)
        return len(stream.getvalue())

    assert size(400) / size(200) <= 2.5


def test_spans_within_the_budget_keep_every_column_in_place() -> None:
    table = Table(((Cell("合并", colspan=3),), (Cell("a"), Cell("b"), Cell("c"))))
    assert "| 合并 |  |  |\n| --- | --- | --- |\n| a | b | c |" in _markdown(table)


# Nested tables: each text once -------------------------------------------------


def _nested(levels: int) -> str:
    html = "核心"
    for level in range(levels):
        html = f"<table><tr><td>层{level}前{html}层{level}后</td></tr></table>"
    return html


@pytest.mark.parametrize("levels", [2, 3, 10, 80])
def test_a_nested_table_is_a_table_of_its_own_and_its_text_is_read_once(levels: int) -> None:
    body = sinaparse.parse_body(_nested(levels))
    tables = [block for block in body.blocks if isinstance(block, Table)]
    assert len(tables) == levels
    texts = [cell.text for table in tables for row in table.rows for cell in row]
    joined = "\n".join(texts)
    for level in range(levels):
        assert joined.count(f"层{level}前") == 1
    assert joined.count("核心") == 1
    # The outermost first, each after the one it sits in.
    assert texts[0] == f"层{levels - 1}前 层{levels - 1}后"
    assert texts[-1] == "层0前核心层0后"


def test_the_text_of_nested_tables_grows_linearly_with_their_depth() -> None:
    def characters(levels: int) -> int:
        body = sinaparse.parse_body(_nested(levels))
        return sum(
            len(cell.text)
            for block in body.blocks
            if isinstance(block, Table)
            for row in block.rows
            for cell in row
        )

    assert characters(80) / characters(40) <= 2.5


def test_pictures_and_nested_tables_follow_their_table_in_document_order() -> None:
    html = (
        f'<table><tr><td>外<img src="{IMG.format(1)}">'
        f'<table><tr><td>内<img src="{IMG.format(2)}"></td></tr></table>'
        f'后<img src="{IMG.format(3)}"></td></tr></table><p>表后</p>'
    )
    blocks = sinaparse.parse_body(html).blocks
    kinds = [block.image.url[-5] if isinstance(block, Figure) else block.kind for block in blocks]
    assert kinds == ["table", "1", "table", "2", "3", "paragraph"]
    assert blocks[0] == Table(((Cell("外 后"),),))


# Nothing outside the cells is lost --------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<table>表内文字<tr><td>格</td></tr></table>",
        "<table><tbody>表内文字<tr><td>格</td></tr></tbody></table>",
        "<table><tr>表内文字<td>格</td></tr></table>",
        "<table><tr><td>格</td>表内文字</tr></table>",
        "<table><tr><td>格</td></tr>表内文字</table>",
        "<table><p>表内文字</p><tr><td>格</td></tr></table>",
        "<table><tr><div>表内文字</div><td>格</td></tr></table>",
        "<table><tbody><tr><td>格</td></tr><p>表内文字</p></tbody></table>",
        "<table><colgroup><col></colgroup>表内文字<tr><td>格</td></tr></table>",
    ],
)
def test_content_outside_the_cells_is_read_before_the_table(html: str) -> None:
    assert sinaparse.parse_body(html).blocks == (Paragraph("表内文字"), Table(((Cell("格"),),)))


def test_pictures_outside_the_cells_are_kept() -> None:
    html = f'<table><div><img src="{IMG.format(1)}"></div><tr><td>格</td></tr></table>'
    blocks = sinaparse.parse_body(html).blocks
    assert [block.kind for block in blocks] == ["figure", "table"]


@pytest.mark.parametrize(
    ("html", "rows"),
    [
        ("<table><td>甲</td><td>乙</td></table>", ((Cell("甲"), Cell("乙")),)),
        ("<table><tbody><th>甲</th></tbody></table>", ((Cell("甲", header=True),),)),
        (
            "<table><td>甲</td><tr><td>乙</td></tr><td>丙</td></table>",
            ((Cell("甲"),), (Cell("乙"),), (Cell("丙"),)),
        ),
    ],
)
def test_cells_outside_any_row_make_a_row(html: str, rows: tuple[tuple[Cell, ...], ...]) -> None:
    assert sinaparse.parse_body(html).blocks == (Table(rows),)


def test_a_table_holding_only_a_caption_gives_its_caption() -> None:
    html = f'<table><caption>表1 利润<img src="{IMG.format(1)}"></caption></table>'
    blocks = sinaparse.parse_body(html).blocks
    assert blocks[0] == Paragraph("表1 利润")
    assert [block.kind for block in blocks] == ["paragraph", "figure"]


def test_a_table_in_a_quote_keeps_its_place() -> None:
    html = "<blockquote><p>引一</p><table><tr><td>格</td></tr></table><p>引二</p></blockquote>"
    assert sinaparse.parse_body(html).blocks == (
        Quote(("引一",)),
        Table(((Cell("格"),),)),
        Quote(("引二",)),
    )


def test_every_table_text_reaches_the_article() -> None:
    html = (
        "<table>外一<caption>标题</caption><tr>外二<td>甲<table><tr><td>乙</td></tr>外三"
        "</table>丁</td></tr></table>"
    )
    article: Article = sinaparse.parse(make_post(html))
    texts = list(article.paragraphs) + [
        text
        for block in article.blocks
        if isinstance(block, Table)
        for text in [block.caption or "", *(cell.text for row in block.rows for cell in row)]
    ]
    joined = " ".join(texts)
    for text in ("外一", "外二", "外三", "标题", "甲", "乙", "丁"):
        assert joined.count(text) == 1, text


def test_a_rowspan_of_zero_in_a_table_past_the_limit_stops_at_it() -> None:
    # A span HTML never honours would be a value from_dict refuses.
    rows = "<tr><td>b</td></tr>" * 65_535
    body = sinaparse.parse_body(f"<table><tr><td rowspan=0>a</td></tr>{rows}</table>")
    table = body.blocks[0]
    assert isinstance(table, Table)
    assert table.rows[0][0].rowspan == 65534
    assert sinaparse.Body.from_dict(body.to_dict()) == body
