"""The sinaparse command: what it prints, where, and with which exit status."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import sinaparse
from sinaparse.batch import pool as _pool
from sinaparse.outputs import CSV_COLUMNS, FORMATS
from sinaparse.outputs.cli import main
from sinaparse.outputs.progress import Progress, Tally

from . import crashing
from .conftest import CORPUS, SEED
from .test_batch import BROKEN_POST, QUOTES, TABLES

SUMMARY = re.compile(r"^parsed (\d+), failed (\d+) in \d+\.\d\d s$", re.MULTILINE)


@pytest.fixture
def good(tmp_path: Path) -> list[Path]:
    """Two corpus posts with tables, figures, a heading and quotes."""
    paths = [tmp_path / "a_tables.md", tmp_path / "c_quotes.md"]
    shutil.copy(TABLES, paths[0])
    shutil.copy(QUOTES, paths[1])
    return paths


@pytest.fixture
def broken(tmp_path: Path, good: list[Path]) -> Path:
    """A post without a date, sorted between the two good ones."""
    path = tmp_path / "b_broken.md"
    path.write_text(BROKEN_POST, encoding="utf-8")
    return path


def row_of(path: Path | str, item: int | None = None) -> dict[str, object]:
    """The command's JSON row of a post: its source, then its ``to_dict()`` with
    the date in UTC (the default ``--tz``)."""
    article = sinaparse.parse_file(path)
    in_utc = attrs.evolve(article, date=article.date.astimezone(dt.timezone.utc))
    return {"path": str(path), "item": item, **in_utc.to_dict()}


def _summary(stderr: str) -> tuple[int, int]:
    match = SUMMARY.search(stderr)
    assert match is not None, stderr
    return int(match[1]), int(match[2])


def test_one_file_without_format_prints_its_article_as_one_json_object(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(SEED)]) == 0

    out, err = capsys.readouterr()
    assert json.loads(out) == row_of(SEED)
    assert out.startswith('{\n  "path": ')
    assert _summary(err) == (1, 0)


@pytest.mark.parametrize("how", ["files", "folder", "json"])
def test_several_files_a_folder_or_format_json_print_one_array(
    capsys: pytest.CaptureFixture[str], good: list[Path], how: str
) -> None:
    arguments = {
        "files": [str(path) for path in good],
        "folder": [str(good[0].parent)],
        "json": [str(good[0]), "--format", "json"],
    }[how]
    expected = [row_of(path) for path in good]

    assert main(arguments) == 0

    assert json.loads(capsys.readouterr().out) == (expected[:1] if how == "json" else expected)


def test_a_failure_is_reported_and_every_other_file_still_written(
    capsys: pytest.CaptureFixture[str], good: list[Path], broken: Path
) -> None:
    assert main([str(broken.parent), "--format", "jsonl"]) == 1

    out, err = capsys.readouterr()
    titles = [json.loads(line)["title"] for line in out.splitlines()]
    assert titles == [sinaparse.parse_file(path).title for path in good]
    assert f"{broken}:2: front matter: no 'date'\n" in err
    assert _summary(err) == (2, 1)


def test_the_whole_corpus_becomes_one_json_line_per_document_or_feed_item(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    bodies = sorted((CORPUS / "bodies").glob("*.html"))
    feeds = sorted((CORPUS / "feeds").glob("*.xml"))
    pages = sorted((CORPUS / "pages").glob("*.html"))
    posts = sorted((CORPUS / "posts").glob("*.md"))
    items = [
        (feed, outcome) for feed in feeds for outcome in sinaparse.parse_feed(feed.read_bytes())
    ]

    assert main([str(CORPUS), "--format", "jsonl", "-o", str(out)]) == 0

    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(bodies) + len(items) + len(pages) + len(posts)
    body_rows, rows = rows[: len(bodies)], rows[len(bodies) :]
    item_rows, rows = rows[: len(items)], rows[len(items) :]
    page_rows, post_rows = rows[: len(pages)], rows[len(pages) :]
    assert [row["path"] for row in body_rows] == [str(path) for path in bodies]
    assert [row["paragraphs"] for row in body_rows] == [
        list(sinaparse.parse_body(path.read_bytes()).paragraphs) for path in bodies
    ]
    assert [(row["path"], row["item"]) for row in item_rows] == [
        (str(feed), outcome.item) for feed, outcome in items
    ]
    assert [row["title"] for row in item_rows] == [
        outcome.article.title for _, outcome in items if outcome.article is not None
    ]
    assert [(row["url"], row["keywords"]) for row in page_rows] == [
        (article.url, list(article.keywords))
        for article in (sinaparse.parse_page(path.read_bytes()) for path in pages)
    ]
    assert all(row["url"] for row in page_rows)
    assert [row["title"] for row in post_rows] == [
        sinaparse.parse_file(path).title for path in posts
    ]
    assert [row["path"] for row in post_rows] == [str(path) for path in posts]
    assert _summary(capsys.readouterr().err) == (
        len(bodies) + len(items) + len(pages) + len(posts),
        0,
    )


def test_input_forces_a_kind(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = sorted((CORPUS / "pages").glob("*.html"))[0]
    assert main([str(page), "--input", "body", "--format", "jsonl"]) == 0
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "title" not in row  # read as a bare body: the page's navigation and footer too
    assert len(row["paragraphs"]) > len(sinaparse.parse_page(page.read_bytes()).paragraphs)
    post = sorted((CORPUS / "posts").glob("*.md"))[0]
    assert main([str(post), "--input", "feed"]) == 1
    assert "not an RSS or Atom feed" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["csv", "markdown", "text", "json"])
def test_every_format_writes_bodies_pages_and_feed_items(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    paths = [
        sorted((CORPUS / "bodies").glob("*.html"))[0],
        sorted((CORPUS / "feeds").glob("*.xml"))[0],
        sorted((CORPUS / "pages").glob("*.html"))[0],
    ]
    assert main([*map(str, paths), "--format", fmt]) == 0
    out = capsys.readouterr().out
    page = sinaparse.parse_page(paths[2].read_bytes())
    assert page.paragraphs[0] in out
    assert page.title in out


def test_fail_fast_stops_at_the_first_failure(
    capsys: pytest.CaptureFixture[str], good: list[Path], broken: Path
) -> None:
    assert main([str(broken.parent), "--format", "json", "--fail-fast"]) == 1

    out, err = capsys.readouterr()
    assert [article["title"] for article in json.loads(out)] == [
        sinaparse.parse_file(good[0]).title
    ]
    assert _summary(err) == (1, 1)


def test_workers_that_cannot_start_are_one_message_and_exit_status_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, good: list[Path]
) -> None:
    monkeypatch.setattr(_pool, "_serve", crashing.exit_before_ready)

    assert main([str(good[0].parent), "--format", "jsonl", "--workers", "2"]) == 1

    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(
        "sinaparse: parse_many's worker processes could not start: one exited with status 3 "
        "before it was ready to parse."
    )
    assert "Traceback" not in err


def test_a_missing_file_is_a_failure_not_a_crash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.md"

    assert main([str(missing)]) == 1

    out, err = capsys.readouterr()
    assert out == ""
    assert f"{missing}: input: cannot read the file: No such file or directory\n" in err


def test_output_file_gets_the_articles_and_stdout_stays_empty(
    capsys: pytest.CaptureFixture[str], good: list[Path], tmp_path: Path
) -> None:
    target = tmp_path / "out" / "articles.jsonl"
    target.parent.mkdir()

    assert main([*map(str, good), "--format", "jsonl", "-o", str(target)]) == 0

    assert capsys.readouterr().out == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [row_of(path) for path in good]


def test_jsonl_lines_are_each_articles_to_dict(
    capsys: pytest.CaptureFixture[str], good: list[Path]
) -> None:
    assert main([*map(str, good), "--format", "jsonl"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line) for line in lines] == [row_of(path) for path in good]


def test_csv_parses_back_with_the_csv_module(
    capsys: pytest.CaptureFixture[str], good: list[Path]
) -> None:
    assert main([*map(str, good), "--format", "csv"]) == 0

    out = capsys.readouterr().out
    assert out.startswith("\ufeff")  # write_csv's byte-order mark, for Excel
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["title"] for row in rows] == [sinaparse.parse_file(path).title for path in good]


def test_markdown_holds_headings_images_and_tables(
    capsys: pytest.CaptureFixture[str], good: list[Path]
) -> None:
    assert main([*map(str, good), "--format", "markdown"]) == 0

    out = capsys.readouterr().out
    assert out.count("\n---\n") == 1
    # Standard output is no terminal here: the output is signed, as any file of it.
    assert out.startswith(
        "<!-- written by sinaparse: not an input -->\n# 1-11月份全国规模以上工业企业利润"
    )
    assert "\n## " in out
    assert "\n![" in out
    assert "\n| --- |" in out
    assert "\n> " in out


def test_text_is_titles_and_paragraphs(
    capsys: pytest.CaptureFixture[str], good: list[Path]
) -> None:
    assert main([*map(str, good), "--format", "text"]) == 0

    out = capsys.readouterr().out
    for path in good:
        article = sinaparse.parse_file(path)
        assert f"{article.title}\n\n{article.text}\n" in out


def test_two_workers_print_the_same_as_one(
    capsys: pytest.CaptureFixture[str], good: list[Path], broken: Path
) -> None:
    folder = str(broken.parent)
    assert main([folder, "--format", "jsonl"]) == 1
    serial = capsys.readouterr()

    assert main([folder, "--format", "jsonl", "--workers", "2"]) == 1

    pooled = capsys.readouterr()
    assert pooled.out == serial.out
    assert pooled.err.splitlines()[0] == serial.err.splitlines()[0]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([], "the following arguments are required: PATH"),
        (["--format", "yaml"], "invalid choice: 'yaml'"),
        (["--workers", "0"], "must be 1 or more, not 0"),
        (["--workers", "two"], "not a whole number: 'two'"),
        (
            ["--default-tz", "Mars/Olympus"],
            "argument --default-tz: unknown time zone 'Mars/Olympus'",
        ),
    ],
)
def test_usage_errors_exit_2_with_a_message(
    capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    paths = [str(SEED)] if arguments else []

    assert main([*paths, *arguments]) == 2

    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("usage: sinaparse")
    assert message in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0

    assert capsys.readouterr().out == f"sinaparse {sinaparse.__version__}\n"


def test_help_lists_every_format_and_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0

    out = capsys.readouterr().out
    assert "examples:" in out
    assert "exit status:" in out
    assert all(fmt in out for fmt in FORMATS)


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str], good: list[Path]
) -> None:
    assert main([*map(str, good), "--format", "jsonl"]) == 0

    assert "\r" not in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_shows_files_rate_and_time_left() -> None:
    terminal = _Terminal()
    tally = Tally(total=4, parsed=1)
    progress = Progress(terminal, tally, shown=True)

    progress.update()
    progress.update()  # within a tenth of a second: not redrawn
    progress.clear()

    drawn = terminal.getvalue()
    assert drawn.count("1/4 files") == 1
    assert re.search(r"\r\[#{6}-{18}\] 1/4 files  \d+/s  \d+:\d\d left", drawn)
    assert drawn.endswith("\r")


def test_python_m_sinaparse_runs_the_command() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "sinaparse", str(SEED), "--format", "jsonl"],
        capture_output=True,
        encoding="utf-8",
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == row_of(SEED)
    assert _summary(completed.stderr) == (1, 0)
