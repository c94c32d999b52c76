"""Bad input gets a SinaParseError that names the problem and where it is."""

from __future__ import annotations

import contextlib
import os
import pickle
import threading
from pathlib import Path

import pytest

import sinaparse
from sinaparse import (
    DateError,
    FrontMatterError,
    InputError,
    OptionsError,
    ParseOptions,
    SinaParseError,
)

from .posts import make_post, paragraph


def test_every_error_is_a_value_error() -> None:
    for error in (InputError, FrontMatterError, DateError, OptionsError, sinaparse.BodyError):
        assert issubclass(error, SinaParseError)
    assert issubclass(SinaParseError, ValueError)


def test_bad_date_names_file_line_and_value(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(make_post(paragraph("正文"), date="Mon, 32 Aug 2021 12:49:57 GMT"), "utf-8")
    with pytest.raises(DateError) as caught:
        sinaparse.parse_file(post)
    error = caught.value
    assert error.path == str(post)
    assert error.line == 11
    assert str(error).startswith(f"{post}:11: front matter: 'date' is not a date: ")
    assert "'Mon, 32 Aug 2021 12:49:57 GMT'" in str(error)


@pytest.mark.parametrize(
    ("text", "reason", "line"),
    [
        pytest.param("no front matter here", "no front matter", 1, id="no-fence"),
        pytest.param("\n---\ntitle: 'x'\n", "never closed", 2, id="unclosed"),
        pytest.param("---\n- a\n- b\n---\n", "not a mapping", 2, id="list"),
        pytest.param("---\ndate: 2021-08-02 10:00:00\n---\n", "no 'title'", 2, id="no-title"),
        pytest.param("---\ntitle: ''\ndate: 2021-08-02\n---\n", "no 'title'", 2, id="empty-title"),
        pytest.param("---\ntitle: 'x'\n---\n", "no 'date'", 2, id="no-date"),
        pytest.param("---\ntitle: 'x'\ndate: yesterday\n---\n", "not a date", 3, id="bad-date"),
        pytest.param("---\ntitle: [a, b]\ndate: 2021-08-02\n---\n", "not text", 2, id="list-title"),
        pytest.param("---\ntitle: 'x\ndate: 1\n---\n", "scalar on line 2", 4, id="bad-yaml"),
        pytest.param(
            "---\ntitle: !!python/object:os.system 'x'\ndate: 2021-08-02\n---\n",
            "invalid YAML",
            2,
            id="python-tag",
        ),
    ],
)
def test_front_matter_errors(text: str, reason: str, line: int) -> None:
    with pytest.raises(FrontMatterError) as caught:
        sinaparse.parse(text)
    assert type(caught.value) in (FrontMatterError, DateError)
    assert reason in str(caught.value)
    assert caught.value.line == line


def test_bytes_utf8_and_gb18030_with_and_without_bom_agree() -> None:
    text = make_post(paragraph("中文正文，全角标点。"), title="'中文标题'")
    articles = [
        sinaparse.parse(text.encode("utf-8")),
        sinaparse.parse(b"\xef\xbb\xbf" + text.encode("utf-8")),
        sinaparse.parse(text.encode("gb18030")),
        sinaparse.parse("\ufeff".encode("gb18030") + text.encode("gb18030")),
        sinaparse.parse(text),
    ]
    assert all(article == articles[0] for article in articles)
    assert articles[0].paragraphs == ("中文正文，全角标点。",)


def test_undecodable_bytes_are_an_input_error_not_mojibake() -> None:
    with pytest.raises(InputError, match="neither UTF-8 nor GB18030"):
        sinaparse.parse(b"---\ntitle: '\xff\xfe\xff'\n---\n")


def test_input_over_max_bytes_is_refused() -> None:
    options = ParseOptions(max_bytes=100)
    with pytest.raises(InputError, match="max_bytes"):
        sinaparse.parse(make_post(paragraph("x" * 200)), options=options)


def _post_of_bytes(size: int) -> bytes:
    """A post of exactly ``size`` bytes, padded inside its paragraph."""
    post = make_post(paragraph("x")).encode()
    return post.replace(b"x</p>", b"x" * (size - len(post) + 1) + b"</p>")


@pytest.mark.parametrize(
    ("size", "parses"),
    [
        pytest.param(300, True, id="under-the-limit"),
        pytest.param(1000, True, id="exactly-the-limit"),
        pytest.param(1001, False, id="one-byte-over"),
        pytest.param(200_000, False, id="far-over-and-longer-than-a-read"),
    ],
)
def test_parse_file_reads_a_file_up_to_max_bytes(tmp_path: Path, size: int, parses: bool) -> None:
    post = tmp_path / "post.md"
    post.write_bytes(_post_of_bytes(size))
    options = ParseOptions(max_bytes=1000)
    if parses:
        assert sinaparse.parse_file(post, options=options) == sinaparse.parse(post.read_bytes())
    else:
        with pytest.raises(
            InputError, match=r"post\.md: input: larger than max_bytes \(1,000 bytes\)"
        ):
            sinaparse.parse_file(post, options=options)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize(
    ("size", "parses"),
    [
        pytest.param(150_000, True, id="a-pipe-in-several-reads"),
        pytest.param(300_001, False, id="a-pipe-over-the-limit"),
    ],
)
def test_parse_file_reads_a_file_whose_size_is_unknown(
    tmp_path: Path, size: int, parses: bool
) -> None:
    # A named pipe reports size 0: the file is read on to its end, or just past the limit.
    data = _post_of_bytes(size)
    pipe = tmp_path / "post.md"
    os.mkfifo(pipe)
    writer = threading.Thread(target=_write_ignoring_a_closed_pipe, args=(pipe, data))
    writer.start()
    options = ParseOptions(max_bytes=300_000)
    try:
        if parses:
            assert sinaparse.parse_file(pipe, options=options) == sinaparse.parse(data)
        else:
            with pytest.raises(InputError, match="larger than max_bytes"):
                sinaparse.parse_file(pipe, options=options)
    finally:
        writer.join(timeout=10)


def _write_ignoring_a_closed_pipe(pipe: Path, data: bytes) -> None:
    with contextlib.suppress(BrokenPipeError), pipe.open("wb") as file:
        file.write(data)


def test_wrong_source_type_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not int"):
        sinaparse.parse(42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "options",
    [
        pytest.param({"default_tz": "Mars/Olympus_Mons"}, id="unknown-zone"),
        pytest.param({"max_bytes": 0}, id="zero-max-bytes"),
        pytest.param({"boilerplate": ("//div",)}, id="not-a-rule"),
    ],
)
def test_bad_options_are_options_errors(options: dict[str, object]) -> None:
    with pytest.raises(OptionsError):
        ParseOptions(**options)  # type: ignore[arg-type]


def test_an_invalid_selector_is_refused_when_the_rule_is_made() -> None:
    with pytest.raises(OptionsError, match="not a valid XPath"):
        sinaparse.BoilerplateRule("//div[", "broken")


def test_errors_pickle_with_their_position() -> None:
    error = DateError("'date' is not a date", path="post.md", line=9)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.path, copy.line, str(copy)) == (
        DateError,
        "post.md",
        9,
        "post.md:9: front matter: 'date' is not a date",
    )


def test_a_missing_file_is_an_os_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nope\.md"):
        sinaparse.parse_file(tmp_path / "nope.md")


def test_front_matter_the_aggregator_wrote_as_invalid_yaml_is_recovered() -> None:
    # A title holding ' goes in "…", and inner " are not escaped: invalid YAML.
    post = make_post(paragraph("正文"), title='"他说"不行"，it\'s over"')
    article = sinaparse.parse(post)
    assert article.title == '他说"不行"，it\'s over'
    assert article.categories == ("金融", "新浪财经", "新浪财经－国內")
    assert article.comments is False
    assert [code for code, _ in article.warnings] == ["front-matter-recovered"]


def test_unrecoverable_front_matter_still_fails_with_the_yaml_error() -> None:
    with pytest.raises(FrontMatterError, match="invalid YAML"):
        sinaparse.parse("---\ntitle: 'x\n  nested: [\ndate: 2021-08-02\n---\n")
