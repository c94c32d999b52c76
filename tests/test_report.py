"""The reviewers' report: what it prints for each kind of file, its exit status, and
failures worded on stderr as the sinaparse command words them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import sinaparse
from sinaparse.outputs import cli
from sinaparse.outputs.report import main, report

from .conftest import CORPUS, ROOT, SEED
from .test_batch import BROKEN_POST, QUOTES, TABLES

PAGE = CORPUS / "pages" / "news_2019-09_中国芯_article_domdump.html"
FEED = CORPUS / "feeds" / "rsshub_sina_finance_cdata.xml"
BODY = CORPUS / "bodies" / "pyscript_ggdp_卫星导航个股.html"


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    """A folder of two posts that parse."""
    folder = tmp_path / "posts"
    folder.mkdir()
    shutil.copy(TABLES, folder / "a_tables.md")
    shutil.copy(QUOTES, folder / "c_quotes.md")
    return folder


def _entries(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("== ")]


# --- Exit status and standard error ----------------------------------------------------


def test_everything_parsed_exits_0_with_the_summary_alone_on_stderr(
    capsys: pytest.CaptureFixture[str], posts: Path
) -> None:
    assert main([str(posts)]) == 0

    out, err = capsys.readouterr()
    assert _entries(out) == [f"== {posts / 'a_tables.md'}", f"== {posts / 'c_quotes.md'}"]
    assert err == "parsed 2, failed 0\n"


def test_a_failure_exits_1_and_is_reported_on_stderr_before_the_summary(
    capsys: pytest.CaptureFixture[str], posts: Path
) -> None:
    broken = posts / "b_broken.md"
    broken.write_text(BROKEN_POST, encoding="utf-8")

    assert main([str(posts)]) == 1

    out, err = capsys.readouterr()
    assert f"== {broken}\n   FAILED: {broken}:2: front matter: no 'date'\n" in out
    assert len(_entries(out)) == 3  # the others are still reported
    assert err == f"{broken}:2: front matter: no 'date'\nparsed 2, failed 1\n"


def _missing(folder: Path) -> Path:
    return folder / "gone.md"


def _no_date(folder: Path) -> Path:
    path = folder / "no_date.md"
    path.write_text(BROKEN_POST, encoding="utf-8")
    return path


def _not_text(folder: Path) -> Path:
    path = folder / "binary.txt"
    path.write_bytes(b"---\ntitle: \xff\xfe\x00\x81\n---\n")
    return path


def _a_bad_feed_item(folder: Path) -> Path:
    path = folder / "feed.xml"
    path.write_text(
        "<rss><channel><item><title>x</title><description>正文</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("make", [_missing, _no_date, _not_text, _a_bad_feed_item])
def test_failures_are_worded_on_stderr_exactly_as_the_command_words_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    path = make(tmp_path)

    assert cli.main([str(path), "--format", "text"]) == 1
    command = capsys.readouterr().err.splitlines()
    assert main([str(path)]) == 1
    reported = capsys.readouterr().err.splitlines()

    assert command[:-1] != []  # the failures, before each one's summary
    assert reported[:-1] == command[:-1]
    assert reported[-1] == f"parsed 0, failed {len(command) - 1}"


@pytest.mark.parametrize(
    ("arguments", "status", "wording"),
    [
        ([], 2, "python -m sinaparse.report: error: the following arguments are required: PATH"),
        (["--format", "json", "x.md"], 2, "python -m sinaparse.report: error: unrecognized"),
        (["--help"], 0, ""),
    ],
    ids=["no-path", "unknown-option", "help"],
)
def test_usage_errors_and_help_return_their_status_without_raising_system_exit(
    capsys: pytest.CaptureFixture[str], arguments: list[str], status: int, wording: str
) -> None:
    assert main(arguments) == status

    out, err = capsys.readouterr()
    if status == 2:
        assert err.startswith("usage: python -m sinaparse.report")
        assert wording in err
    else:
        assert out.startswith("usage: python -m sinaparse.report")
        assert "Exit status: 0 when everything parsed, 1 when anything failed" in out


def test_a_calling_command_names_itself_in_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([], prog="sinaparse report") == 2

    assert "sinaparse report: error:" in capsys.readouterr().err


@pytest.mark.parametrize(("path", "status"), [(SEED, 0), (ROOT / "no" / "such.md", 1)])
def test_run_as_a_module_it_exits_with_its_status(path: Path, status: int) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "sinaparse.report", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )

    assert run.returncode == status, run.stderr
    assert run.stderr.endswith(f"parsed {1 - status}, failed {status}\n")


# --- What each kind of file gives ------------------------------------------------------


def test_a_page_is_read_as_a_page_with_its_title_and_url() -> None:
    article = sinaparse.parse_page(PAGE.read_bytes())

    text = report(PAGE)

    assert text.startswith(f"== {PAGE}\n   title:       {article.title}\n")
    assert f"{len(article.paragraphs)} paragraphs" in text


def test_a_feed_gives_one_entry_per_item_named_by_its_index() -> None:
    outcomes = list(sinaparse.parse_feed(FEED.read_bytes()))

    text = report(FEED)

    assert _entries(text) == [f"== {FEED} [item {index}]" for index in range(len(outcomes))]
    titles = [o.article.title for o in outcomes if o.article is not None]
    assert [line[len("   title:       ") :] for line in text.splitlines() if "title:" in line][
        : len(titles)
    ] == titles


def test_a_bare_body_has_no_title_but_its_blocks() -> None:
    body = sinaparse.parse_body(BODY.read_bytes())

    text = report(BODY)

    assert "   title:" not in text
    assert f"  1 ¶ {body.paragraphs[0]}" in text
