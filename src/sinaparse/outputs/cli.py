"""The ``sinaparse`` command: posts and folders in, Articles out as JSON, CSV, Markdown or text.

See ``docs/cli.md``. Exit status: 0 when every file parsed, 1 when any failed
(the others are still written), 2 for a usage error (a bad option, an unknown
time zone, an output file that cannot be opened or that is one of the
inputs), 130 when interrupted (Ctrl-C). An ``-o`` file is complete or left as
it was: see :mod:`.output_file`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import math
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO

import attrs

from .. import __version__
from .._sources.kind import KINDS
from ..article import Body
from ..batch import Outcome, find_posts, parse_many
from ..errors import SinaParseError, WorkerStartError
from ..options import DEFAULT_OPTIONS, ParseOptions
from . import FORMATS, WRITERS, article_json
from .jsonl import Row, write_json, write_jsonl
from .output_file import clash_with_inputs, replaced_when_complete

__all__ = ["main"]

_EPILOG = """\
With one file and no --format, that file's Article is printed as one indented
JSON object; otherwise the default is one JSON array. Folders are walked for
.md, .markdown, .txt, .html, .htm, .shtml and .xml files; each file is a post,
a whole page, a bare body or a feed, told from its content (--input forces
one). A feed gives a row per item; in JSON, an item's row names its "path" and
"item" (its index from 0), and a bare body's its "path". Failures go to stderr
as path:line: message.

exit status: 0 all parsed, 1 some failed (the others are still written),
             2 usage error (bad option, unknown zone, unwritable -o file, -o
             naming an input or inside an input folder), 130 interrupted

examples:
  sinaparse seeds/000_bc2d6b5aaa9d9c1a.txt
  sinaparse posts/ --format jsonl -o articles.jsonl --workers 2 --timeout 10
  sinaparse posts/*.md --format csv > articles.csv
  sinaparse post.md --format markdown --default-tz UTC
  sinaparse posts/ --fail-fast --format text
"""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text}")
    return value


def _time_zone(text: str) -> ParseOptions:
    # The zone is checked as argparse reads it, so a bad one is a usage error.
    try:
        return attrs.evolve(DEFAULT_OPTIONS, default_tz=text)
    except SinaParseError:
        raise argparse.ArgumentTypeError(f"unknown time zone {text!r}") from None


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sinaparse",
        description="Parse Sina Finance posts, pages, bodies and feeds into articles.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="post files and folders")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="jsonl: one object a line; json: one array; csv: a row an article; "
        "markdown: a document an article; text: title and paragraphs "
        "(default: json, an object alone for one file)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to OUT (UTF-8) instead of standard output; OUT is replaced only once complete",
    )
    parser.add_argument(
        "--workers",
        type=_positive_int,
        metavar="N",
        help="parse in N worker processes: a file that crashes or stalls one is "
        "a failure, and the rest go on (default: in this process)",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help="a file that takes longer fails (parses in worker processes: 1 "
        "unless --workers says more)",
    )
    parser.add_argument(
        "--default-tz",
        type=_time_zone,
        default=DEFAULT_OPTIONS,
        dest="options",
        metavar="ZONE",
        help="zone of dates that carry none (default: Asia/Shanghai)",
    )
    parser.add_argument(
        "--input",
        choices=("auto", *KINDS),
        default="auto",
        help="what the files hold (default: auto, told from each file's content)",
    )
    parser.add_argument(
        "--fail-fast", action="store_true", help="stop at the first file that fails (exit 1)"
    )
    parser.add_argument("--version", action="version", version=f"sinaparse {__version__}")
    return parser


@attrs.define
class _Tally:
    """What the run has done so far, for the progress line and the summary."""

    total: int
    parsed: int = 0
    failed: int = 0

    @property
    def done(self) -> int:
        return self.parsed + self.failed


class _Progress:
    """A one-line progress bar on a terminal, redrawn in place at most 10 times a second.

    Hand-written so the command needs no dependency; silent when the stream is
    not a terminal (a log file, CI), where a redrawn line would only be noise.
    """

    _INTERVAL = 0.1
    _BAR_WIDTH = 24

    def __init__(self, stream: TextIO, tally: _Tally) -> None:
        self._stream = stream
        self._tally = tally
        self._shown = _isatty(stream)
        self._start = time.monotonic()
        self._last_draw = float("-inf")
        self._width = 0

    def update(self) -> None:
        """Redraw, unless the last redraw was less than a tenth of a second ago."""
        now = time.monotonic()
        if self._shown and now - self._last_draw >= self._INTERVAL:
            self._last_draw = now
            self._draw(self._line(now - self._start))

    def clear(self) -> None:
        """Blank the line, so a message or the summary can take its place."""
        if self._shown and self._width:
            self._draw("")
            self._stream.write("\r")
            self._width = 0

    def _line(self, elapsed: float) -> str:
        done, total = self._tally.done, self._tally.total
        share = min(done / total, 1.0) if total else 1.0  # a feed's items outnumber files
        filled = round(share * self._BAR_WIDTH)
        bar = "#" * filled + "-" * (self._BAR_WIDTH - filled)
        rate = done / elapsed if elapsed > 0 else 0.0
        left = _clock((total - done) / rate) if rate else "--:--"
        return f"[{bar}] {done}/{total} files  {rate:.0f}/s  {left} left"

    def _draw(self, line: str) -> None:
        # Pad with spaces over what a longer previous line left behind.
        self._stream.write("\r" + line.ljust(self._width))
        self._stream.flush()
        self._width = len(line)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command and return its exit status; never raises ``SystemExit``.

    0: every file parsed; 1: some failed (the others are still written);
    2: a usage error. ``--help`` and ``--version`` return 0.
    """
    try:
        return _main(argv)
    except KeyboardInterrupt:  # anywhere: listing, parsing, writing; the -o file is untouched
        print("sinaparse: interrupted", file=sys.stderr)
        return 130


def _main(argv: Sequence[str] | None) -> int:
    parser = _arguments()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else 2
    files = list(find_posts(args.paths))  # listed first, for the progress bar's total
    single_object = args.format is None and len(args.paths) == 1 and files == args.paths
    if args.output is not None:
        clash = clash_with_inputs(args.output, args.paths, files)
        if clash is not None:
            return _usage_error(parser, clash)
    try:
        with contextlib.ExitStack() as stack:
            try:
                stream = stack.enter_context(_open_output(args.output))
            except OSError as error:
                return _usage_error(
                    parser, f"cannot write {args.output}: {error.strerror or error}"
                )
            return _run(files, args, stream, single_object)
    except WorkerStartError as error:  # the -o file is left as it was: nothing was parsed
        print(f"sinaparse: {error}", file=sys.stderr)
        return 1


def _usage_error(parser: argparse.ArgumentParser, message: str) -> int:
    # As argparse reports its own usage errors, but returned rather than raised.
    parser.print_usage(sys.stderr)
    print(f"{parser.prog}: error: {message}", file=sys.stderr)
    return 2


def _open_output(path: str | None) -> contextlib.AbstractContextManager[TextIO]:
    if path is None:
        return contextlib.nullcontext(_utf8(sys.stdout))
    return replaced_when_complete(path)


def _utf8(stream: TextIO) -> TextIO:
    # Posts are Chinese: a console in another encoding would fail on the first
    # character, so standard output is switched to UTF-8 when it is not.
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8")
    return stream


def _run(
    files: list[str],
    args: argparse.Namespace,
    output: TextIO,
    single_object: bool,
) -> int:
    tally = _Tally(total=len(files))
    progress = _Progress(sys.stderr, tally)
    started = time.monotonic()
    options = attrs.evolve(args.options, input_kind=args.input)
    outcomes = _outcomes(files, args, options, tally, progress)
    fmt = args.format or "json"
    try:
        if single_object:
            _write_objects((_json_row(outcome) for outcome in outcomes), output)
        elif fmt in ("json", "jsonl"):
            writer = write_jsonl if fmt == "jsonl" else write_json
            writer((_json_row(outcome) for outcome in outcomes), output)
        else:
            WRITERS[fmt]((_result(outcome) for outcome in outcomes), output)
        output.flush()
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, and keep Python from
        # complaining again when it flushes standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    finally:  # Ctrl-C and WorkerStartError go on up, to leave the -o file as it was
        progress.clear()
    elapsed = time.monotonic() - started
    print(f"parsed {tally.parsed}, failed {tally.failed} in {elapsed:.2f} s", file=sys.stderr)
    return 1 if tally.failed else 0


def _outcomes(
    files: list[str],
    args: argparse.Namespace,
    options: ParseOptions,
    tally: _Tally,
    progress: _Progress,
) -> Iterator[Outcome]:
    """The outcomes that parsed, in order; failures reported on stderr as they come."""
    outcomes = parse_many(files, workers=args.workers, options=options, timeout=args.timeout)
    for outcome in outcomes:
        if outcome.ok:
            tally.parsed += 1
            progress.update()
            yield outcome
            continue
        tally.failed += 1
        progress.clear()
        print(outcome.error, file=sys.stderr)
        if args.fail_fast:
            return
        progress.update()


def _result(outcome: Outcome) -> Body:
    result = outcome.article if outcome.article is not None else outcome.body
    assert result is not None  # only outcomes that parsed come here
    return result


def _json_row(outcome: Outcome) -> Row:
    """The result's data; a feed item's and a bare body's name their file (and item)."""
    result = _result(outcome)
    if outcome.item is not None:
        return {"path": outcome.path, "item": outcome.item, **result.to_dict()}
    if outcome.article is None:
        return {"path": outcome.path, **result.to_dict()}
    return result


def _write_objects(articles: Iterable[Row], output: TextIO) -> None:
    for article in articles:
        output.write(article_json(article, indent=2) + "\n")
