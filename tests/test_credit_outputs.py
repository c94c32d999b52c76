"""Credits reach every flat output: the record, CSV, Parquet and the report."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import sinaparse

from .posts import paragraph

_BYLINE_POST = paragraph("记者 高健") + paragraph("正文。") + paragraph("责任编辑：李明 主编：王芳")


def test_credits_reach_the_record_csv_and_parquet() -> None:
    from sinaparse.outputs import write_csv

    body = sinaparse.parse_body(_BYLINE_POST)
    assert body.to_record()["credits"] == ["记者：高健", "主编：王芳"]
    stream = io.StringIO()
    write_csv([body], stream)
    (row,) = csv.DictReader(io.StringIO(stream.getvalue().lstrip("\ufeff")))
    assert row["credits"] == "记者：高健\n主编：王芳"
    pytest.importorskip("pyarrow")
    table = sinaparse.to_arrow([body])
    assert str(table.schema.field("credits").type) == "list<item: string>"
    assert table.column("credits").to_pylist() == [["记者：高健", "主编：王芳"]]


def test_the_report_names_the_credits(tmp_path: Path) -> None:
    from sinaparse.outputs.report import report

    path = tmp_path / "body.html"
    path.write_text(_BYLINE_POST, encoding="utf-8")
    assert "credits:     记者：高健, 主编：王芳" in report(path)
