"""The command for scripts and datasets: every row names its source, one zone,
formats from extensions, standard streams, the library's options, clean failures."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sinaparse
from sinaparse.outputs.cli import main

from .conftest import SEED
from .posts import make_feed, make_post, paragraph
from .test_batch import BROKEN_POST, QUOTES, TABLES

COMMAND = [sys.executable, "-m", "sinaparse"]
SIGNATURE = "<!-- written by sinaparse: not an input -->"


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    """A folder of two good posts around a broken one."""
    folder = tmp_path / "posts"
    folder.mkdir()
    shutil.copy(TABLES, folder / "a.md")
    (folder / "b.md").write_text(BROKEN_POST, encoding="utf-8")
    shutil.copy(QUOTES, folder / "c.md")
    return folder


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# --- every row names its source ---------------------------------------------


def test_every_json_row_names_its_file_and_the_failures_go_to_the_errors_file(
    posts: Path, tmp_path: Path
) -> None:
    out, errors = tmp_path / "articles.jsonl", tmp_path / "failures.jsonl"

    assert main([str(posts), "-o", str(out), "--errors", str(errors)]) == 1

    rows = _jsonl(out)
    assert [row["path"] for row in rows] == [str(posts / "a.md"), str(posts / "c.md")]
    assert all(row["item"] is None for row in rows)
    [failure] = _jsonl(errors)
    assert failure["path"] == str(posts / "b.md")
    assert failure["error"] == "FrontMatterError"
    assert "date" in str(failure["message"])
    assert set(failure) == {"path", "item", "line", "error", "message"}


def test_a_feed_row_names_its_file_and_item(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    items = [
        {
            "title": f"第{n}条",
            "link": f"https://finance.sina.com.cn/{n}.shtml",
            "pubDate": "Mon, 02 Aug 2021 12:49:57 GMT",
            "description": paragraph(f"正文{n}"),
        }
        for n in range(3)
    ]
    feed.write_text(make_feed(items), encoding="utf-8")
    out = tmp_path / "items.jsonl"

    assert main([str(feed), "-o", str(out)]) == 0

    rows = _jsonl(out)
    assert [(row["path"], row["item"]) for row in rows] == [(str(feed), n) for n in range(3)]
    assert [row["url"] for row in rows] == [item["link"] for item in items]


def test_one_feed_file_without_a_format_gives_an_array_not_glued_objects(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "feed.xml"
    items = [
        {
            "title": f"第{n}条",
            "link": f"https://finance.sina.com.cn/{n}.shtml",
            "pubDate": "Mon, 02 Aug 2021 12:49:57 GMT",
            "description": paragraph("正文"),
        }
        for n in range(2)
    ]
    feed.write_text(make_feed(items), encoding="utf-8")

    assert main([str(feed)]) == 0

    assert [row["item"] for row in json.loads(capsys.readouterr().out)] == [0, 1]


# --- one zone on output -----------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "offset"), [(None, "+00:00"), ("UTC", "+00:00"), ("Asia/Shanghai", "+08:00")]
)
def test_every_date_written_is_in_one_zone(tmp_path: Path, zone: str | None, offset: str) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    # One post dated in GMT, one zone-less (read in Beijing time), one at +09:00.
    for name, date in [
        ("a", "Mon, 02 Aug 2021 12:49:57 GMT"),
        ("b", "2021-08-02 20:49:57"),
        ("c", "2021-08-02T22:49:57+09:00"),
    ]:
        (folder / f"{name}.md").write_text(make_post(paragraph("正文"), date=date), "utf-8")
    out = tmp_path / "a.jsonl"

    assert main([str(folder), "-o", str(out), *(["--tz", zone] if zone else [])]) == 0

    dates = [dt.datetime.fromisoformat(str(row["date"])) for row in _jsonl(out)]
    assert {date.isoformat()[-6:] for date in dates} == {offset}
    # The same instants, only shown in one zone.
    assert len({date.timestamp() for date in dates}) == 2  # b is a's instant; c is an hour off


def test_an_unknown_output_zone_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED), "--tz", "Mars/Olympus"]) == 2
    assert "Mars/Olympus" in capsys.readouterr().err


# --- formats from the extension, standard streams ---------------------------


@pytest.mark.parametrize(
    ("name", "looks_like"),
    [
        ("a.jsonl", lambda text: json.loads(text.splitlines()[0])["path"]),
        ("a.json", lambda text: json.loads(text)[0]["path"]),
        ("a.csv", lambda text: text.startswith("\ufeffpath,item,title")),
        ("a.md", lambda text: text.startswith(SIGNATURE + "\n# 1-11月份")),
        ("a.txt", lambda text: text.startswith(SIGNATURE + "\n1-11月份") and "\n# " not in text),
    ],
)
def test_the_format_follows_the_output_extension(
    posts: Path, tmp_path: Path, name: str, looks_like: object
) -> None:
    out = tmp_path / name
    main([str(posts / "a.md"), str(posts / "c.md"), "-o", str(out)])
    assert callable(looks_like)
    assert looks_like(out.read_text(encoding="utf-8"))


def test_a_parquet_extension_writes_parquet(posts: Path, tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "a.parquet"

    assert main([str(posts), "-o", str(out), "--tz", "Asia/Shanghai"]) == 1

    table = parquet.read_table(out)
    assert table.column("path").to_pylist() == [str(posts / "a.md"), str(posts / "c.md")]
    assert str(table.schema.field("date").type) == "timestamp[us, tz=Asia/Shanghai]"


def test_format_wins_over_the_extension(posts: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    assert main([str(posts / "a.md"), "--format", "jsonl", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["path"] == str(posts / "a.md")


def test_standard_input_is_read_when_the_path_is_a_dash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, SEED.read_bytes())

    assert main(["-", "-o", "-"]) == 0

    row = json.loads(capsys.readouterr().out)
    assert row["path"] == "<stdin>"
    assert row["title"] == sinaparse.parse_file(SEED).title


def test_a_dash_among_other_paths_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-", str(SEED)]) == 2
    assert "standard input" in capsys.readouterr().err


def test_a_pipe_into_the_command_works_as_a_user_types_it() -> None:
    done = subprocess.run(
        [*COMMAND, "-", "--format", "markdown"],
        input=SEED.read_bytes(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "# 超前布局6G网络" in done.stdout.decode("utf-8")


# --- --fields ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_fields_select_and_order_the_columns(posts: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"a.{fmt}"

    assert main([str(posts / "a.md"), "-o", str(out), "--fields", "url,title,path"]) == 0

    text = out.read_text(encoding="utf-8-sig")
    if fmt == "csv":
        header, _row = list(csv.reader(io.StringIO(text)))
        assert header == ["url", "title", "path"]
    else:
        assert list(json.loads(text)) == ["url", "title", "path"]


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--fields", "title,nonsense"], "'nonsense'"),
        (["--fields", "title,,date"], "empty field"),
        (["--fields", "title,title"], "twice"),
        (["--fields", "title", "--format", "markdown"], "not markdown"),
    ],
)
def test_a_bad_field_list_is_a_usage_error_naming_it(
    capsys: pytest.CaptureFixture[str], arguments: list[str], said: str
) -> None:
    assert main([str(SEED), *arguments]) == 2
    assert said in capsys.readouterr().err


# --- the library's options --------------------------------------------------


def test_base_url_resolves_relative_pictures(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text(make_post(paragraph("正文") + '<img src="/pic/a.jpg">'), encoding="utf-8")
    out = tmp_path / "a.jsonl"

    assert main([str(post), "-o", str(out), "--base-url", "https://finance.sina.com.cn/x/"]) == 0

    assert _jsonl(out)[0]["images"][0]["url"] == "https://finance.sina.com.cn/pic/a.jpg"  # type: ignore[index]


@pytest.mark.parametrize(
    "arguments",
    [
        ["--base-url", "finance.sina.com.cn"],
        ["--max-bytes", "0"],
        ["--max-bytes", "lots"],
        ["--workers", "none"],
        ["--workers", "0"],
    ],
)
def test_a_bad_library_option_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], arguments: list[str]
) -> None:
    assert main([str(SEED), *arguments]) == 2
    assert "error:" in capsys.readouterr().err


def test_max_bytes_refuses_a_longer_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED), "--max-bytes", "1K"]) == 1
    err = capsys.readouterr().err
    assert "1,024" in err or "1024" in err


def test_workers_auto_uses_the_usable_cores(posts: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    assert main([str(posts), "-o", str(out), "--workers", "auto", "--quiet"]) == 1
    assert len(_jsonl(out)) == 2


def test_quiet_prints_only_the_failures(
    posts: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main([str(posts), "-o", str(tmp_path / "a.jsonl"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "parsed" not in err
    assert err.count("\n") == 1
    assert "b.md" in err


def test_warnings_go_to_stderr_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "p.md"
    post.write_text(make_post(paragraph("正文"), title="'A_B_C'"), encoding="utf-8")
    article = sinaparse.parse_file(post)
    assert article.warnings, "the post should make a warning"

    assert main([str(post), "--warnings", "-o", str(tmp_path / "a.jsonl")]) == 0

    err = capsys.readouterr().err
    code = article.warnings[0].code
    assert f"{post}: warning: [{code}]" in err


# --- clean failures ---------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("where", [["-o", "/dev/full"], []])
def test_a_full_disk_is_one_line_and_exit_1(where: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*COMMAND, str(SEED), str(SEED), *where],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    err = done.stderr.decode("utf-8")
    assert done.returncode == 1
    assert "Traceback" not in err
    assert "Exception" not in err
    name = "/dev/full" if where else "standard output"
    assert f"sinaparse: cannot write {name}: No space left on device" in err.splitlines()


def test_a_closed_pipe_is_one_line_and_exit_1(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(300):
        shutil.copy(SEED, folder / f"{n:03}.txt")
    reader = subprocess.Popen(
        ["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL
    )
    assert reader.stdin is not None
    done = subprocess.run(
        [*COMMAND, str(folder), "--format", "jsonl"],
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
        timeout=120,
        check=False,
    )
    reader.stdin.close()
    reader.wait(timeout=10)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 1
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.startswith("sinaparse:")] == [
        "sinaparse: cannot write standard output: Broken pipe"
    ]


def test_an_unwritable_output_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no such folder" / "a.jsonl"
    assert main([str(SEED), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"sinaparse: cannot write {out}: No such file or directory"


def test_the_errors_file_may_not_be_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a.jsonl"
    assert main([str(SEED), "-o", str(out), "--errors", str(out)]) == 2
    assert "--errors" in capsys.readouterr().err


def test_an_interrupted_run_leaves_no_half_file(
    posts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sinaparse.outputs import cli

    def interrupted(*args: object, **kwargs: object) -> object:
        yield from sinaparse.parse_many([posts / "a.md"])
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "parse_many", interrupted)
    out, errors = tmp_path / "a.json", tmp_path / "e.jsonl"

    assert main([str(posts), "-o", str(out), "--errors", str(errors)]) == 130

    assert not out.exists()
    assert not errors.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["posts"]  # no temporary left


# --- outputs are never inputs -----------------------------------------------


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_a_markdown_or_text_output_in_a_walked_folder_is_skipped_in_a_later_run(
    posts: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / ("a.md" if fmt == "markdown" else "a.txt")
    assert main([str(posts / "a.md"), "-o", str(out)]) == 0
    moved = posts / out.name.replace("a.", "earlier_output.")
    out.rename(moved)
    listing = tmp_path / "list.jsonl"

    main([str(posts), "-o", str(listing), "--quiet"])

    assert str(moved) not in {row["path"] for row in _jsonl(listing)}
    # Named outright, it is refused, not parsed as a bare body.
    assert main([str(moved), "-o", str(listing)]) == 1


def test_standard_output_sent_into_a_walked_folder_is_not_read(posts: Path) -> None:
    target = posts / "z_out.txt"
    with open(target, "w") as stdout:
        done = subprocess.run(
            [*COMMAND, str(posts), "--format", "jsonl"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    paths = [json.loads(line)["path"] for line in target.read_text("utf-8").splitlines()]
    assert str(target) not in paths
    assert done.returncode == 1  # b.md fails, nothing else does
    assert len(paths) == 2


# --- the progress line ------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("arguments", "drawn"),
    [
        ([], True),
        (["-o", "-"], False),
        (["--no-progress", "-o", "FILE"], False),
        (["--quiet", "-o", "FILE"], False),
        (["-o", "FILE"], True),
    ],
)
def test_the_progress_line_is_never_drawn_on_the_terminal_the_output_goes_to(
    posts: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    arguments: list[str],
    drawn: bool,
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    output = io.StringIO() if arguments == [] else _Terminal()
    monkeypatch.setattr(sys, "stdout", output)
    arguments = [str(tmp_path / "a.jsonl") if part == "FILE" else part for part in arguments]

    main([str(posts), "--format", "jsonl", *arguments])

    assert ("\r[" in terminal.getvalue()) is drawn


# --- --rules, and the subcommands -------------------------------------------


def test_rules_from_a_file_remove_their_part(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text(
        make_post(paragraph("正文") + '<div class="my-promo">扫码下载我的APP</div>'), "utf-8"
    )
    rules = tmp_path / "rules.json"
    rules.write_text(
        json.dumps(
            {
                "rules": [
                    {
                        "name": "my-promo",
                        "xpath": "descendant::div[@class='my-promo']",
                        "reason": "my site's app promo",
                    }
                ]
            }
        ),
        "utf-8",
    )
    out = tmp_path / "a.jsonl"

    assert main([str(post), "-o", str(out)]) == 0
    assert "扫码下载我的APP" in _jsonl(out)[0]["text"]  # type: ignore[operator]
    assert main([str(post), "-o", str(out), "--rules", str(rules)]) == 0
    assert "扫码下载我的APP" not in _jsonl(out)[0]["text"]  # type: ignore[operator]


@pytest.mark.parametrize(
    ("rule", "said"),
    [
        (
            {"name": "x", "xpath": "descendant::div", "reason": "r", "selector": "div"},
            "rule 1 ('x'): unknown key 'selector'",
        ),
        ({"name": "x", "xpath": "descendant::div["}, "rule 1 ('x'): missing key 'reason'"),
        ({"name": "x", "xpath": "descendant::div[", "reason": "r"}, "rule 1 ('x')"),
    ],
)
def test_a_bad_rule_is_a_usage_error_naming_the_rule_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rule: dict[str, str], said: str
) -> None:
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"rules": [rule]}), "utf-8")

    assert main([str(SEED), "--rules", str(rules)]) == 2

    err = capsys.readouterr().err
    assert said in err
    assert "--rules:" in err


def test_a_missing_rules_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(SEED), "--rules", str(tmp_path / "none.toml")]) == 2
    assert "none.toml" in capsys.readouterr().err


def test_explain_is_a_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "app-qr" in out or "style" in out


def test_report_is_a_subcommand_and_exits_1_on_a_failure(
    posts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(posts)]) == 1
    captured = capsys.readouterr()
    assert f"== {posts / 'a.md'}" in captured.out
    assert f"{posts / 'b.md'}:2: front matter: no 'date'" in captured.err


def test_a_file_named_like_a_subcommand_is_read_through_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED, tmp_path / "explain")

    assert main(["./explain"]) == 0
    assert json.loads(capsys.readouterr().out)["path"] == "./explain"


def test_standard_input_longer_than_max_bytes_is_refused_as_too_long(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, SEED.read_bytes() + b"<p>" + "正文".encode() * 2_000_000 + b"</p>")

    assert main(["-", "--max-bytes", "1M", "--input", "post"]) == 1

    assert "<stdin>: input: larger than max_bytes" in capsys.readouterr().err
