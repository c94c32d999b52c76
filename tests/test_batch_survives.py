"""A batch survives any single file: one that kills or stalls the process parsing it,
names and answers that outgrow a pipe, and what a walk meets that is no post."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import sinaparse
from sinaparse import InputError, OptionsError, WorkerError
from sinaparse.batch import Outcome, find_posts, parse_many, parse_one

from . import crashing
from .promise import Overtime, give_up_after
from .test_batch import STOCKS, write_posts

# Long enough to tell a stall, short enough for a test.
LIMIT = 1.0


class Hung(AssertionError):
    """The code under test did not finish within its bound."""


@contextlib.contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail, rather than hang, when the block takes longer than ``seconds``."""
    try:
        with give_up_after(seconds):
            yield
    except Overtime:
        raise Hung(f"did not finish within {seconds} s") from None


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """A folder of 40 posts, every tenth one broken: five chunks."""
    return write_posts(tmp_path, 40)


def _mark(post: Path, mark: str) -> None:
    with post.open("a", encoding="utf-8") as file:
        file.write(f"\n<p>{mark}</p>\n")


def _with_rule(rule: sinaparse.BoilerplateRule) -> sinaparse.ParseOptions:
    boilerplate = (*sinaparse.DEFAULT_OPTIONS.boilerplate, rule)
    return attrs.evolve(sinaparse.DEFAULT_OPTIONS, boilerplate=boilerplate)


def _differences(outcomes: list[Outcome], expected: list[Outcome]) -> list[int]:
    assert [o.path for o in outcomes] == [o.path for o in expected]
    return [number for number, (o, e) in enumerate(zip(outcomes, expected, strict=True)) if o != e]


# --- Files that kill the process parsing them ------------------------------------------


@pytest.mark.parametrize(
    ("workers", "timeout", "culprits"),
    [
        (1, None, [0]),
        (1, None, [3, 4]),  # two in one chunk
        (2, None, [39]),
        (2, None, [3, 8, 21]),
        (None, 30.0, [12]),  # a time limit alone isolates the files too
    ],
)
def test_a_file_that_kills_its_process_is_a_worker_error_and_the_batch_goes_on(
    many: Path, workers: int | None, timeout: float | None, culprits: list[int]
) -> None:
    for number in culprits:
        _mark(many / f"{number:03d}.md", crashing.MARK)
    options = _with_rule(crashing.KillingRule("x", "a test"))

    with within(120):
        outcomes = list(parse_many(many, workers=workers, options=options, timeout=timeout))

    # KillingRule does nothing in this process: in-process, every file parses as usual.
    assert _differences(outcomes, list(parse_many(many, options=options))) == culprits
    for number in culprits:
        error = outcomes[number].error
        assert isinstance(error, WorkerError)
        assert error.path == str(many / f"{number:03d}.md")
        assert error.reason == "the worker process parsing this file was killed by SIGKILL"


def test_without_workers_or_timeout_the_files_are_parsed_in_this_process(many: Path) -> None:
    _mark(many / "003.md", crashing.MARK)
    options = _with_rule(crashing.KillingRule("x", "a test"))

    outcomes = list(parse_many(many, options=options))

    assert outcomes[3].ok  # a worker process would have been killed by it


# --- Files that stall the process parsing them -----------------------------------------


@pytest.mark.parametrize(
    ("workers", "stalls"),
    [
        (1, {0: crashing.SLEEP_MARK}),
        (None, {13: crashing.SPIN_MARK}),  # C code holding the GIL: only a kill stops it
        (2, {3: crashing.SLEEP_MARK, 5: crashing.SPIN_MARK}),  # two in one chunk
        (2, {39: crashing.SPIN_MARK, 8: crashing.SLEEP_MARK}),
    ],
)
def test_a_file_past_the_time_limit_is_a_worker_error_and_the_batch_goes_on(
    many: Path, workers: int | None, stalls: dict[int, str]
) -> None:
    for number, mark in stalls.items():
        _mark(many / f"{number:03d}.md", mark)
    options = _with_rule(crashing.StallingRule("x", "a test"))
    expected = list(parse_many(many))  # the same outcomes, without the stalling rule

    started = time.monotonic()
    with within(60):
        outcomes = list(parse_many(many, workers=workers, options=options, timeout=LIMIT))
    elapsed = time.monotonic() - started

    assert _differences(outcomes, expected) == sorted(stalls)
    for number in stalls:
        error = outcomes[number].error
        assert isinstance(error, WorkerError)
        assert str(error) == (
            f"{many / f'{number:03d}.md'}: worker: parsing took longer than the time limit "
            "(1 s): the worker process parsing this file was stopped"
        )
    # Each stall costs about the limit; two helpers wait out theirs at once.
    assert elapsed < len(stalls) * LIMIT + 20


def test_a_file_under_the_time_limit_is_not_blamed(many: Path) -> None:
    for number in (2, 3, 4):
        _mark(many / f"{number:03d}.md", crashing.NAP_MARK)  # three naps in one chunk
    options = _with_rule(crashing.StallingRule("x", "a test"))
    limit = crashing.NAP_SECONDS * 2.5

    with within(60):
        outcomes = list(parse_many(many, workers=1, options=options, timeout=limit))

    assert _differences(outcomes, list(parse_many(many))) == []


@pytest.mark.parametrize("timeout", [0, -1.0, float("nan"), float("inf"), True, "2"])
def test_timeout_must_be_a_positive_number_checked_at_the_call(timeout: object) -> None:
    with pytest.raises(OptionsError, match="timeout must be a positive number of seconds"):
        parse_many(["post.md"], timeout=timeout)  # type: ignore[arg-type]


# --- Messages that outgrow the pipes ---------------------------------------------------


def _big_post(characters: int) -> str:
    paragraph = "<p>" + "新浪财经今日消息，" * 50 + "</p>\n"
    body = paragraph * (characters // len(paragraph) + 1)
    return f"---\ntitle: 大文章\ndate: 2021-08-02 12:49:57\n---\n{body}"


def _deep_folder(root: Path, length: int) -> Path:
    folder = root
    while len(str(folder)) < length:
        folder = folder / ("d" * min(200, length - len(str(folder)) + 1))
    folder.mkdir(parents=True)
    return folder


def test_names_that_outgrow_the_pipes_do_not_deadlock_the_pool(tmp_path: Path) -> None:
    # Each chunk of names, and each answer naming them, is megabytes: far over a pipe's buffer.
    names = [str(tmp_path / ("x" * 200_000 + f"{number}.md")) for number in range(48)]

    with within(60):
        outcomes = list(parse_many(names, workers=2))

    assert [outcome.path for outcome in outcomes] == names
    assert all(isinstance(outcome.error, InputError) for outcome in outcomes)
    assert outcomes[0].error is not None
    assert outcomes[0].error.reason == "cannot read the file: File name too long"


@pytest.mark.parametrize("workers", [1, 2])
def test_long_paths_and_answers_of_megabytes_do_not_deadlock_the_pool(
    tmp_path: Path, workers: int
) -> None:
    folder = _deep_folder(tmp_path, 3_900)
    first = folder / ("p" * 150 + "_00.md")
    first.write_text(_big_post(400_000), encoding="utf-8")  # about 1.2 MB of UTF-8 text
    names = [str(first)]
    for number in range(1, 32):
        other = folder / ("p" * 150 + f"_{number:02d}.md")
        os.link(first, other)
        names.append(str(other))

    with within(120):
        outcomes = list(parse_many(names, workers=workers))

    assert [outcome.path for outcome in outcomes] == names
    assert outcomes[0].article is not None
    assert len(outcomes[0].article.text) > 350_000
    assert all(outcome.article == outcomes[0].article for outcome in outcomes)


# --- What a walk meets that is no post -------------------------------------------------


@pytest.fixture
def odd_folder(tmp_path: Path) -> Path:
    """A folder holding a post among entries that are no regular file."""
    shutil.copy(STOCKS, tmp_path / "a_post.md")
    (tmp_path / "b_broken_link.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "c_loop.md").symlink_to(tmp_path / "c_loop.md")
    os.mkfifo(tmp_path / "d_fifo.md")
    here = os.getcwd()
    os.chdir(tmp_path)  # a socket's path is limited to about 100 bytes: bind a short one
    try:
        with contextlib.closing(socket.socket(socket.AF_UNIX)) as server:
            server.bind("e_socket.txt")
    finally:
        os.chdir(here)
    (tmp_path / "f_link_to_a_folder.md").symlink_to(tmp_path / "sub", target_is_directory=True)
    (tmp_path / "sub").mkdir()
    shutil.copy(STOCKS, tmp_path / "sub" / "g_post.md")
    (tmp_path / "folder_link").symlink_to(tmp_path / "sub", target_is_directory=True)
    (tmp_path / ".hidden_broken.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "not_a_post_link").symlink_to(tmp_path / "nowhere")
    return tmp_path


ODD_REASONS = {
    "a_post.md": None,
    "b_broken_link.md": "is a broken symbolic link: its target '{root}/nowhere.md' does not exist",
    "c_loop.md": "is a symbolic link that never reaches a file (a loop): "
    "Too many levels of symbolic links",
    "d_fifo.md": "is a FIFO (named pipe): only regular files are read",
    "e_socket.txt": "is a socket: only regular files are read",
    "f_link_to_a_folder.md": "is a folder: only regular files are read",
    "sub/g_post.md": None,
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("workers", [None, 2])
def test_every_entry_a_walk_meets_gives_an_outcome_naming_what_it_is(
    odd_folder: Path, workers: int | None
) -> None:
    # Hidden names stay skipped, and links to folders not followed (the one named
    # like a post is reported); an entry named like no post is no post.
    with within(60):
        outcomes = list(parse_many(odd_folder, workers=workers))

    names = [Path(outcome.path).relative_to(odd_folder).as_posix() for outcome in outcomes]
    assert names == list(ODD_REASONS)
    for outcome, reason in zip(outcomes, ODD_REASONS.values(), strict=True):
        if reason is None:
            assert outcome.ok
        else:
            assert isinstance(outcome.error, InputError)
            assert outcome.error.reason == reason.format(root=odd_folder)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any folder")
def test_a_folder_that_cannot_be_listed_is_an_outcome(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(STOCKS, locked / "post.md")
    locked.chmod(0)
    try:
        (outcome,) = parse_many(tmp_path)
    finally:
        locked.chmod(0o755)

    assert outcome.path == str(locked)
    assert isinstance(outcome.error, InputError)
    assert outcome.error.reason == "is a folder that cannot be listed: Permission denied"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda path: os.mkfifo(path), "a FIFO (named pipe)"),
        (lambda path: path.mkdir(), "a folder"),
        (lambda path: path.symlink_to("/dev/null"), "a character device"),
    ],
    ids=["fifo", "folder", "device"],
)
def test_a_path_that_is_no_regular_file_is_refused_without_reading_it(
    tmp_path: Path, make: object, kind: str
) -> None:
    path = tmp_path / "post.md"
    make(path)  # type: ignore[operator]

    with within(10):
        outcome = parse_one(path)

    assert isinstance(outcome.error, InputError)
    assert str(outcome.error) == f"{path}: input: is {kind}: only regular files are read"


def test_a_path_holding_a_nul_character_is_an_input_error() -> None:
    (outcome,) = parse_many(["posts/a\0b.md"])

    assert isinstance(outcome.error, InputError)
    assert outcome.error.reason == "the path holds a NUL character"


def test_find_posts_still_skips_what_is_named_like_no_post(odd_folder: Path) -> None:
    found = {Path(name).name for name in find_posts(odd_folder)}

    assert "not_a_post_link" not in found
    assert ".hidden_broken.md" not in found
    assert "folder_link" not in found
