"""parse_many: every file gives an Outcome, in input order, serial or in worker processes."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import sinaparse
from sinaparse import BoilerplateRule, InputError, OptionsError, WorkerError, WorkerStartError
from sinaparse.batch import Outcome, find_posts, parse_many, parse_one

from . import crashing
from .conftest import CORPUS

POSTS = CORPUS / "posts"
TABLES = POSTS / "sina_107_1-11月工业企业利润_captionTables.md"
QUOTES = POSTS / "sina_132_10228亿元_blockquoteSummary_numberFonts.md"
STOCKS = POSTS / "sina_004_1-2月中国外贸增长.md"
# A post the aggregator cut short: front matter without a date.
BROKEN_POST = "---\ntitle: 没有日期\n---\n<p>正文</p>\n"


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A folder of three good posts and a broken one, with files a walk must skip."""
    shutil.copy(TABLES, tmp_path / "a_tables.md")
    (tmp_path / "b_broken.md").write_text(BROKEN_POST, encoding="utf-8")
    shutil.copy(QUOTES, tmp_path / "c_quotes.markdown")
    (tmp_path / "sub").mkdir()
    shutil.copy(STOCKS, tmp_path / "sub" / "d_stocks.TXT")
    (tmp_path / "notes.json").write_text('{"not": "a post"}', encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    shutil.copy(STOCKS, tmp_path / ".hidden" / "e_hidden.md")
    return tmp_path


def _names(outcomes: list[Outcome], root: Path) -> list[str]:
    return [Path(outcome.path).relative_to(root).as_posix() for outcome in outcomes]


def test_outcomes_come_in_input_order_with_the_error_in_its_place(batch: Path) -> None:
    outcomes = list(parse_many([batch]))

    assert _names(outcomes, batch) == [
        "a_tables.md",
        "b_broken.md",
        "c_quotes.markdown",
        "sub/d_stocks.TXT",
    ]
    assert [outcome.ok for outcome in outcomes] == [True, False, True, True]
    assert outcomes[0].article == sinaparse.parse_file(batch / "a_tables.md")
    assert outcomes[3].article == sinaparse.parse_file(batch / "sub" / "d_stocks.TXT")


def test_a_broken_post_is_its_parse_error_with_path_and_line(batch: Path) -> None:
    broken = next(outcome for outcome in parse_many([batch]) if not outcome.ok)

    assert broken.article is None
    assert isinstance(broken.error, sinaparse.FrontMatterError)
    assert broken.error.path == str(batch / "b_broken.md")
    assert str(broken.error).startswith(f"{batch / 'b_broken.md'}:")


@pytest.mark.parametrize("name", ["missing.md", "gone/missing.txt"])
def test_a_file_that_cannot_be_read_is_an_input_error_naming_it(tmp_path: Path, name: str) -> None:
    path = tmp_path / name

    (outcome,) = parse_many([path])

    assert isinstance(outcome.error, InputError)
    assert outcome.error.path == str(path)
    assert str(outcome.error) == f"{path}: input: cannot read the file: No such file or directory"


def test_files_given_by_name_are_taken_whatever_their_suffix(batch: Path) -> None:
    named = batch / "notes.json"

    assert list(find_posts([named, batch / "a_tables.md"])) == [
        str(named),
        str(batch / "a_tables.md"),
    ]


def test_folders_are_walked_sorted_recursively_for_post_suffixes_skipping_hidden(
    batch: Path,
) -> None:
    found = [Path(name).relative_to(batch).as_posix() for name in find_posts([batch])]

    assert found == ["a_tables.md", "b_broken.md", "c_quotes.markdown", "sub/d_stocks.TXT"]


@pytest.mark.parametrize(
    "names",
    [
        ["b.md", "a.md", "A.md", "_.md", "0.md"],
        ["新闻.md", "财经.md", "a新.md", "ａ.md", "😀.md", "é.md", "e.md"],
        [f"{number}.md" for number in range(300)],
    ],
    ids=["ascii", "non-ascii", "300-files"],
)
def test_a_folder_gives_its_files_sorted_by_code_point(tmp_path: Path, names: list[str]) -> None:
    for name in names:
        (tmp_path / name).write_text(BROKEN_POST, encoding="utf-8")

    assert list(find_posts(tmp_path)) == [str(tmp_path / name) for name in sorted(names)]


def test_an_empty_folder_gives_no_files(tmp_path: Path) -> None:
    assert list(find_posts(tmp_path)) == []


def test_a_lone_string_is_one_path_not_its_letters(batch: Path) -> None:
    assert list(find_posts(str(batch / "a_tables.md"))) == [str(batch / "a_tables.md")]


def test_paths_are_read_lazily(batch: Path) -> None:
    def paths() -> Iterator[Path]:
        yield batch / "a_tables.md"
        raise AssertionError("read past the first outcome")

    outcomes = parse_many(paths())

    assert next(outcomes).ok


def test_two_workers_give_the_same_outcomes_in_the_same_order(batch: Path) -> None:
    paths = [batch, batch / "missing.md", batch / "a_tables.md"]

    assert list(parse_many(paths, workers=2)) == list(parse_many(paths))


def write_posts(folder: Path, count: int) -> Path:
    """``count`` posts in ``folder`` (000.md, 001.md, …), every tenth one broken."""
    posts = sorted(POSTS.glob("*.md"))
    for number in range(count):
        target = folder / f"{number:03d}.md"
        if number % 10 == 7:
            target.write_text(BROKEN_POST, encoding="utf-8")
        else:
            shutil.copy(posts[number % len(posts)], target)
    return folder


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """A folder of 90 posts, every tenth one broken: many chunks for the workers."""
    return write_posts(tmp_path, 90)


@pytest.mark.parametrize("workers", [2, 3])
def test_many_chunks_come_back_in_input_order_from_any_worker(many: Path, workers: int) -> None:
    serial = list(parse_many(many))

    assert list(parse_many(many, workers=workers)) == serial
    assert [outcome.ok for outcome in serial].count(False) == 9


def test_a_worker_that_dies_is_replaced_and_only_its_culprit_fails(many: Path) -> None:
    # The first chunk always goes to a worker process; its fourth file kills it.
    culprit = many / "003.md"
    culprit.write_text(
        culprit.read_text(encoding="utf-8").replace("</p>", f"{crashing.MARK}</p>", 1),
        encoding="utf-8",
    )
    options = attrs.evolve(
        sinaparse.DEFAULT_OPTIONS,
        boilerplate=(*sinaparse.DEFAULT_OPTIONS.boilerplate, crashing.KillingRule("x", "a test")),
    )

    outcomes = list(parse_many(many, workers=2, options=options))

    serial = list(parse_many(many, options=options))
    assert [outcome.path for outcome in outcomes] == [outcome.path for outcome in serial]
    assert [o for o, s in zip(outcomes, serial, strict=True) if o != s] == [outcomes[3]]
    assert isinstance(outcomes[3].error, WorkerError)
    assert str(outcomes[3].error) == (
        f"{culprit}: worker: the worker process parsing this file was killed by SIGKILL"
    )


def _raising_options() -> sinaparse.ParseOptions:
    rule = crashing.RaisingRule("x", "a test")
    return attrs.evolve(
        sinaparse.DEFAULT_OPTIONS, boilerplate=(*sinaparse.DEFAULT_OPTIONS.boilerplate, rule)
    )


def _mark(post: Path, mark: str) -> None:
    with post.open("a", encoding="utf-8") as file:
        file.write(f"\n<p>{mark}</p>\n")


def _until_raised(outcomes: Iterator[Outcome]) -> tuple[list[Outcome], BaseException]:
    before: list[Outcome] = []
    with pytest.raises(Exception) as raised:  # noqa: PT011 (any exception: it is compared)
        before.extend(outcomes)
    return before, raised.value


@pytest.mark.parametrize("number", [0, 3, 42, 89])
def test_an_exception_that_is_no_parse_error_stops_the_batch_as_in_one_process(
    many: Path, number: int
) -> None:
    # Wherever the file falls (the first chunk always goes to a worker process,
    # later ones to either), the outcomes before it come out, then its exception.
    _mark(many / f"{number:03d}.md", crashing.RAISE_MARK)
    options = _raising_options()

    serial, serial_error = _until_raised(parse_many(many, options=options))
    in_pool, pool_error = _until_raised(parse_many(many, workers=2, options=options))

    assert len(serial) == number
    assert in_pool == serial
    assert type(pool_error) is type(serial_error) is ZeroDivisionError
    assert str(pool_error) == str(serial_error) == "a custom rule failed on a marked post"


def test_an_exception_from_a_worker_process_carries_its_traceback(many: Path) -> None:
    _mark(many / "003.md", crashing.RAISE_MARK)  # in the first chunk: a worker parses it

    with pytest.raises(ZeroDivisionError) as raised:
        list(parse_many(many, workers=2, options=_raising_options()))

    cause = raised.value.__cause__
    assert cause is not None
    assert "Traceback (most recent call last)" in str(cause)
    assert "_raise_on_mark" in str(cause)


def test_an_exception_that_cannot_leave_its_worker_process_comes_as_its_text(
    many: Path,
) -> None:
    _mark(many / "003.md", f"{crashing.RAISE_MARK}-UNPICKLABLE")  # a worker parses it

    with pytest.raises(RuntimeError) as raised:
        list(parse_many(many, workers=2, options=_raising_options()))

    assert str(raised.value) == "UnpicklableError: a custom rule failed on a marked post"


def test_workers_that_cannot_start_stop_the_batch_and_blame_no_file(batch: Path) -> None:
    options = attrs.evolve(
        sinaparse.DEFAULT_OPTIONS, boilerplate=(crashing.UnstartableRule("//x", "a test"),)
    )

    with pytest.raises(
        WorkerStartError,
        match="worker processes could not start: one exited with "
        "status 3 before it was ready to parse",
    ):
        list(parse_many([batch] * 10, workers=2, options=options))


def test_a_script_without_the_main_guard_gets_one_clear_error(batch: Path, tmp_path: Path) -> None:
    # Each worker process runs the script again, and its own parse_many cannot start workers.
    script = tmp_path / "no_guard.py"
    script.write_text(
        "import sinaparse\n"
        f"for outcome in sinaparse.parse_many([{str(batch)!r}] * 10, workers=2):\n"
        "    print(type(outcome.error).__name__)\n",
        encoding="utf-8",
    )

    completed = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )

    assert completed.returncode == 1
    last_line = completed.stderr.strip().splitlines()[-1]
    assert last_line.startswith(
        "sinaparse.errors.WorkerStartError: parse_many's worker processes could not start"
    )
    assert 'if __name__ == "__main__":' in last_line
    # The first chunk is always a worker's: nothing comes out before the error, no WorkerError.
    assert completed.stdout == ""


def test_workers_parse_with_the_callers_options(batch: Path) -> None:
    # The options reach the workers, custom rules included (recompiled there).
    options = attrs.evolve(
        sinaparse.DEFAULT_OPTIONS,
        default_tz="UTC",
        boilerplate=(BoilerplateRule(".//table", "no tables, for this test"),),
    )

    in_pool = list(parse_many([batch], workers=2, options=options))

    assert in_pool == list(parse_many([batch], options=options))
    assert in_pool[0].article is not None
    assert not any(block.kind == "table" for block in in_pool[0].article.blocks)


def test_stopping_early_ends_the_pool(batch: Path) -> None:
    outcomes = parse_many([batch] * 20, workers=2)

    assert next(outcomes).ok
    outcomes.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("workers", [0, -1, True, 1.5, "2"])
def test_workers_must_be_a_positive_integer_checked_at_the_call(
    batch: Path, workers: object
) -> None:
    with pytest.raises(OptionsError, match="workers must be a positive integer"):
        parse_many([batch], workers=workers)  # type: ignore[arg-type]


@pytest.mark.parametrize("workers", [None, 1])
def test_no_workers_or_one_worker_process_gives_every_outcome(
    batch: Path, workers: int | None
) -> None:
    assert [outcome.ok for outcome in parse_many([batch], workers=workers)] == [
        True,
        False,
        True,
        True,
    ]


def test_outcomes_pickle_and_compare_their_errors_by_value(batch: Path) -> None:
    failed = parse_one(batch / "b_broken.md")
    parsed = parse_one(batch / "a_tables.md")

    assert pickle.loads(pickle.dumps(failed)) == failed
    assert pickle.loads(pickle.dumps(parsed)) == parsed
    assert failed != parse_one(batch / "missing.md")


@pytest.mark.parametrize(
    "fields",
    [{}, {"article": "both", "error": InputError("both")}],
    ids=["neither", "both"],
)
def test_an_outcome_holds_exactly_one_of_article_and_error(fields: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="exactly one of article and error"):
        Outcome("post.md", **fields)  # type: ignore[arg-type]
