"""The command never destroys an input, never leaves half a file, never waits for ever;
and the report tool reads no more than the library does."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import sinaparse
from sinaparse.batch import Outcome
from sinaparse.outputs import FORMATS, cli
from sinaparse.outputs.cli import main
from sinaparse.outputs.report import main as report_main
from sinaparse.outputs.report import report

from . import crashing
from .conftest import ROOT
from .test_batch import POSTS, QUOTES, TABLES
from .test_batch_survives import within


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    """A folder of two posts."""
    folder = tmp_path / "posts"
    folder.mkdir()
    shutil.copy(TABLES, folder / "a_tables.md")
    shutil.copy(QUOTES, folder / "b_quotes.md")
    return folder


def _usage_line(err: str) -> str:
    lines = err.splitlines()
    assert lines[0].startswith("usage: sinaparse")
    (message,) = [line for line in lines if line.startswith("sinaparse: error:")]
    return message


# --- -o naming an input ----------------------------------------------------------------


def _same_name(posts: Path) -> tuple[list[str], str]:
    return [str(posts / "a_tables.md")], str(posts / "a_tables.md")


def _through_a_link(posts: Path) -> tuple[list[str], str]:
    link = posts.parent / "link.md"
    link.symlink_to(posts / "a_tables.md")
    return [str(posts / "a_tables.md")], str(link)


def _input_through_a_link(posts: Path) -> tuple[list[str], str]:
    link = posts.parent / "link.md"
    link.symlink_to(posts / "a_tables.md")
    return [str(link)], str(posts / "a_tables.md")


def _hard_link(posts: Path) -> tuple[list[str], str]:
    other = posts.parent / "other_name.json"
    os.link(posts / "a_tables.md", other)
    return [str(posts / "a_tables.md")], str(other)


def _a_walked_post(posts: Path) -> tuple[list[str], str]:
    return [str(posts)], str(posts / "b_quotes.md")


def _inside_a_walked_folder(posts: Path) -> tuple[list[str], str]:
    return [str(posts)], str(posts / "articles.json")


def _deep_inside_a_walked_folder(posts: Path) -> tuple[list[str], str]:
    (posts / "sub").mkdir()
    return [str(posts.parent)], str(posts / "sub" / "new.jsonl")


def _walked_through_a_link(posts: Path) -> tuple[list[str], str]:
    alias = posts.parent / "alias"
    alias.symlink_to(posts, target_is_directory=True)
    return [str(alias)], str(posts / "articles.json")


def _written_through_a_link(posts: Path) -> tuple[list[str], str]:
    alias = posts.parent / "alias"
    alias.symlink_to(posts, target_is_directory=True)
    return [str(posts)], str(alias / "articles.json")


@pytest.mark.parametrize(
    "case",
    [
        _same_name,
        _through_a_link,
        _input_through_a_link,
        _hard_link,
        _a_walked_post,
        _inside_a_walked_folder,
        _deep_inside_a_walked_folder,
        _walked_through_a_link,
        _written_through_a_link,
    ],
)
def test_an_output_that_is_an_input_or_inside_an_input_folder_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], posts: Path, case: Any
) -> None:
    paths, output = case(posts)
    before = {path: path.read_bytes() for path in posts.rglob("*") if path.is_file()}

    assert main([*paths, "-o", output, "--format", "jsonl"]) == 2

    out, err = capsys.readouterr()
    assert out == ""
    message = _usage_line(err)
    assert message.startswith(f"sinaparse: error: -o {output} ")
    assert "input" in message
    assert {path: path.read_bytes() for path in posts.rglob("*") if path.is_file()} == before


def test_an_output_beside_the_inputs_is_written(
    capsys: pytest.CaptureFixture[str], posts: Path
) -> None:
    output = posts.parent / "posts.jsonl"  # a name starting like the folder's: not inside it

    assert main([str(posts), "-o", str(output), "--format", "jsonl"]) == 0

    assert len(output.read_text(encoding="utf-8").splitlines()) == 2


# --- -o written whole or not at all ----------------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


@pytest.mark.parametrize("output_format", FORMATS)
def test_an_interrupted_run_leaves_the_output_file_as_it_was(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    posts: Path,
    tmp_path: Path,
    output_format: str,
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Iterator[Outcome]:
        yield Outcome(str(posts / "a_tables.md"), article=sinaparse.parse_file(TABLES))
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "parse_many", interrupted)
    target = tmp_path / "out" / "articles"
    target.parent.mkdir()
    target.write_text("an earlier run's output\n", encoding="utf-8")

    assert main([str(posts), "-o", str(target), "--format", output_format]) == 130

    out, err = capsys.readouterr()
    assert out == ""
    assert err.endswith("sinaparse: interrupted\n")
    assert "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "an earlier run's output\n"
    assert _leftovers(target.parent) == []


def test_a_run_that_stops_on_an_error_leaves_no_output_file(
    monkeypatch: pytest.MonkeyPatch, posts: Path, tmp_path: Path
) -> None:
    def failing(*args: Any, **kwargs: Any) -> Iterator[Outcome]:
        yield Outcome(str(posts / "a_tables.md"), article=sinaparse.parse_file(TABLES))
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(cli, "parse_many", failing)
    target = tmp_path / "articles.json"

    with pytest.raises(ZeroDivisionError):
        main([str(posts), "-o", str(target)])

    assert not target.exists()
    assert _leftovers(tmp_path) == []


def test_a_complete_output_replaces_the_old_one_and_keeps_its_permissions(
    capsys: pytest.CaptureFixture[str], posts: Path, tmp_path: Path
) -> None:
    target = tmp_path / "articles.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "latest.json"
    link.symlink_to(target)

    assert main([str(posts), "-o", str(link)]) == 0

    assert link.is_symlink()  # the file it names is replaced, not the link
    assert [a["title"] for a in json.loads(target.read_text(encoding="utf-8"))] == [
        sinaparse.parse_file(TABLES).title,
        sinaparse.parse_file(QUOTES).title,
    ]
    assert target.stat().st_mode & 0o777 == 0o640
    assert _leftovers(tmp_path) == []


def test_an_output_that_is_no_regular_file_is_written_directly(
    capsys: pytest.CaptureFixture[str], posts: Path
) -> None:
    assert main([str(posts), "-o", os.devnull]) == 0


def _many_posts(folder: Path, count: int) -> None:
    folder.mkdir()
    sources = sorted(POSTS.glob("*.md"))
    for number in range(count):
        os.link(sources[number % len(sources)], folder / f"{number:05d}.md")


@pytest.mark.parametrize("workers", [[], ["--workers", "2"]], ids=["in-process", "2-workers"])
def test_ctrl_c_mid_run_leaves_no_invalid_json_and_no_traceback(
    tmp_path: Path, workers: list[str]
) -> None:
    folder = tmp_path / "posts"
    _many_posts(folder, 4000)
    target = tmp_path / "articles.json"
    command = [sys.executable, "-m", "sinaparse", str(folder), "-o", str(target), *workers]
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    child = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=environment)
    time.sleep(1.0)  # started, and parsing: 4,000 posts take seconds

    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)

    assert "Traceback" not in err
    if child.returncode == 130:
        assert err.endswith("sinaparse: interrupted\n")
        assert not target.exists()
    else:  # it had finished
        assert child.returncode == 0, err
        assert len(json.loads(target.read_text(encoding="utf-8"))) == 4000
    assert _leftovers(tmp_path) == []


# --- FIFOs, time limits and worker processes on the command line -----------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("in_folder", [False, True], ids=["named", "in-a-folder"])
def test_a_fifo_is_a_failure_at_once_not_a_hang(
    capsys: pytest.CaptureFixture[str], posts: Path, in_folder: bool
) -> None:
    fifo = posts / "c_fifo.md"
    os.mkfifo(fifo)
    paths = [str(posts)] if in_folder else [str(posts / "a_tables.md"), str(fifo)]

    with within(20):
        assert main([*paths, "--format", "jsonl"]) == 1

    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1 + in_folder
    assert f"{fifo}: input: is a FIFO (named pipe): only regular files are read\n" in err


def _with_rule(monkeypatch: pytest.MonkeyPatch, rule: sinaparse.BoilerplateRule) -> None:
    # The command takes no custom rules: its batch gets one slipped in.
    real = sinaparse.parse_many

    def with_the_rule(*args: Any, options: sinaparse.ParseOptions, **kwargs: Any) -> Any:
        boilerplate = (*options.boilerplate, rule)
        return real(*args, options=attrs.evolve(options, boilerplate=boilerplate), **kwargs)

    monkeypatch.setattr(cli, "parse_many", with_the_rule)


@pytest.mark.parametrize("workers", [[], ["--workers", "2"]], ids=["one-worker", "2-workers"])
def test_timeout_fails_a_stalled_file_and_writes_the_others(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    posts: Path,
    workers: list[str],
) -> None:
    stalled = posts / "a_tables.md"
    with stalled.open("a", encoding="utf-8") as file:
        file.write(f"\n<p>{crashing.SPIN_MARK}</p>\n")
    _with_rule(monkeypatch, crashing.StallingRule("x", "a test"))

    with within(60):
        assert main([str(posts), "--format", "jsonl", "--timeout", "0.5", *workers]) == 1

    out, err = capsys.readouterr()
    assert [json.loads(line)["title"] for line in out.splitlines()] == [
        sinaparse.parse_file(QUOTES).title
    ]
    assert f"{stalled}: worker: parsing took longer than the time limit (0.5 s)" in err


def test_one_worker_process_isolates_a_file_that_kills_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, posts: Path
) -> None:
    culprit = posts / "a_tables.md"
    with culprit.open("a", encoding="utf-8") as file:
        file.write(f"\n<p>{crashing.MARK}</p>\n")
    _with_rule(monkeypatch, crashing.KillingRule("x", "a test"))

    assert main([str(posts), "--format", "jsonl", "--workers", "1"]) == 1

    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1
    assert f"{culprit}: worker: the worker process parsing this file was killed by SIGKILL" in err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "must be a positive number of seconds, not 0"),
        ("-1", "must be a positive number of seconds, not -1"),
        ("nan", "must be a positive number of seconds, not nan"),
        ("inf", "must be a positive number of seconds, not inf"),
        ("soon", "not a number of seconds: 'soon'"),
    ],
)
def test_a_bad_timeout_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], posts: Path, value: str, message: str
) -> None:
    assert main([str(posts), "--timeout", value]) == 2

    assert message in capsys.readouterr().err


# --- The report tool -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["huge.html", "huge.md"])
def test_the_report_refuses_a_huge_file_without_reading_it(tmp_path: Path, name: str) -> None:
    huge = tmp_path / name
    with huge.open("wb") as file:  # sparse: a gigabyte that takes no disk
        file.truncate(1 << 30)

    tracemalloc.start()
    started = time.perf_counter()
    try:
        text = report(huge)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert "FAILED" in text
    assert "larger than max_bytes (8,388,608 bytes)" in text
    assert elapsed < 1.0
    assert peak < 4 * sinaparse.DEFAULT_OPTIONS.max_bytes  # at most the limit, once or so


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_the_report_walks_as_the_command_does_and_names_what_it_cannot_read(
    capsys: pytest.CaptureFixture[str], posts: Path
) -> None:
    os.mkfifo(posts / "c_fifo.html")
    (posts / "d_broken.md").symlink_to(posts / "nowhere.md")

    with within(20):
        assert report_main([str(posts)]) == 1  # the FIFO and the broken link fail

    out = capsys.readouterr().out
    assert out.count("\n== ") + out.startswith("== ") == 4
    assert "is a FIFO (named pipe): only regular files are read" in out
    assert "is a broken symbolic link" in out
