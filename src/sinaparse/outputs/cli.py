"""The ``sinaparse`` command: posts, pages, bodies and feeds in; rows out.

See ``docs/cli.md``. Exit status: 0 when every file parsed; 1 when any failed
(the others are still written), or when the output cannot be written (one
line, ``sinaparse: cannot write OUT: reason``); 2 for a usage error (a bad
option, an unknown zone, ``-o`` naming an input or lying in an input
folder); 130 when interrupted (Ctrl-C). An ``-o`` file is complete or left as
it was: see :mod:`.output_file`. ``sinaparse explain`` and ``sinaparse
report`` are the subcommands of :mod:`.explain` and :mod:`.report`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from types import TracebackType
from typing import BinaryIO, TextIO

from ..batch import Outcome, find_posts, parse_data, parse_many
from ..batch.paths import OUTPUT_SIGNATURE
from ..errors import WorkerStartError
from ..options import zone_named
from . import WRITERS, article_json
from .cli_arguments import STDIO, Settings, UsageError, parser, settings
from .cli_rows import error_record, in_zone, json_row, result, warning_lines
from .csv_rows import write_csv
from .jsonl import write_json, write_jsonl
from .output_file import clash_with_inputs, replaced_when_complete, same_file
from .progress import Progress, Tally, is_terminal

__all__ = ["main"]

STDIN_NAME = "<stdin>"
"""The ``path`` of what standard input held, in rows and messages."""


def _subcommand(name: str, arguments: Sequence[str]) -> int:
    # Imported when asked for: the main command needs neither.
    if name == "explain":
        from .explain import main as explain

        return explain(arguments)
    from .report import main as report

    return report(arguments, prog="sinaparse report")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command and return its exit status; never raises ``SystemExit``.

    A first argument ``explain`` or ``report`` runs that subcommand (a file
    of that name is ``./explain``).
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] in ("explain", "report"):
        return _subcommand(arguments[0], arguments[1:])
    try:
        return _main(arguments)
    except KeyboardInterrupt:  # anywhere: listing, parsing, writing; the -o file is untouched
        print("sinaparse: interrupted", file=sys.stderr)
        return 130


class CannotWrite(Exception):
    """An output that could not be written: the run ends with one line, exit 1."""

    def __init__(self, name: str, error: OSError) -> None:
        super().__init__(name, error)
        self.name = name
        self.reason = error.strerror or str(error)


def _main(arguments: list[str]) -> int:
    parsing = parser()
    try:
        args = parsing.parse_args(arguments)
    except SystemExit as exit_:  # argparse exits on --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        files = [STDIO] if args.paths == [STDIO] else list(find_posts(args.paths))
        run = settings(args, files)
        files = _without_outputs(run, files)
    except UsageError as error:
        return _usage_error(parsing, str(error))
    try:
        return _run(run, files)
    except CannotWrite as error:
        _silence_stdout()
        print(f"sinaparse: cannot write {error.name}: {error.reason}", file=sys.stderr)
        return 1
    except WorkerStartError as error:  # the -o file is left as it was: nothing was parsed
        print(f"sinaparse: {error}", file=sys.stderr)
        return 1


def _usage_error(parsing: argparse.ArgumentParser, message: str) -> int:
    # As argparse reports its own usage errors, but returned rather than raised.
    parsing.print_usage(sys.stderr)
    print(f"{parsing.prog}: error: {message}", file=sys.stderr)
    return 2


def _without_outputs(run: Settings, files: list[str]) -> list[str]:
    """The inputs, once no output is one of them: a named output that is an
    input (or inside an input folder) is a usage error; standard output sent
    by the shell into a walked file (``sinaparse posts/ > posts/out.txt``)
    leaves that file out of the inputs."""
    named = [name for name in (run.output, run.errors) if name is not None]
    if len(named) == 2 and (
        os.path.realpath(named[0]) == os.path.realpath(named[1]) or same_file(*named)
    ):
        raise UsageError(f"--errors {run.errors} is the -o file")
    for name in named:
        clash = clash_with_inputs(name, run.paths, files)
        if clash is not None:
            raise UsageError(clash.replace(f"-o {name}", _option_of(run, name) + f" {name}"))
    if run.output is not None or files == [STDIO]:
        return files
    return [name for name in files if not same_file(name, sys.stdout)]


def _option_of(run: Settings, name: str) -> str:
    return "-o" if name == run.output else "--errors"


def _silence_stdout() -> None:
    # Standard output failed (closed pipe, full disk): point it at /dev/null,
    # so that Python's own flush at exit does not fail again with a traceback.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stdout.flush()
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class _Translated(contextlib.AbstractContextManager[TextIO]):
    """A stream's context whose own OSErrors (opening, flushing, renaming)
    become :class:`CannotWrite` naming it."""

    def __init__(self, name: str, context: contextlib.AbstractContextManager[TextIO]) -> None:
        self._name = name
        self._context = context

    def __enter__(self) -> TextIO:
        try:
            return self._context.__enter__()
        except OSError as error:
            raise CannotWrite(self._name, error) from None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool | None:
        try:
            return self._context.__exit__(kind, error, traceback)
        except OSError as failure:
            raise CannotWrite(self._name, failure) from None


def _opened(name: str | None) -> _Translated:
    if name is None:
        return _Translated("standard output", contextlib.nullcontext(_utf8(sys.stdout)))
    return _Translated(name, replaced_when_complete(name))


def _utf8(stream: TextIO) -> TextIO:
    # Posts are Chinese: a console in another encoding would fail on the first
    # character, so standard output is switched to UTF-8 when it is not.
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8")
    return stream


def _run(run: Settings, files: list[str]) -> int:
    tally = Tally(total=len(files))
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        output = stack.enter_context(_opened(run.output))
        errors = stack.enter_context(_opened(run.errors)) if run.errors else None
        on_terminal = run.output is None and is_terminal(sys.stdout)
        shown = run.progress and is_terminal(sys.stderr) and not on_terminal
        progress = Progress(sys.stderr, tally, shown=shown)
        report = _Reporter(run, tally, progress, errors)
        outcomes = report.parsed(_outcomes(run, files))
        name = run.output or "standard output"
        try:
            zone = zone_named(run.zone_name, what="--tz")
            _write(run, (in_zone(outcome, zone) for outcome in outcomes), output)
            output.flush()
        except OSError as error:
            raise CannotWrite(name, error) from None
        finally:  # Ctrl-C and WorkerStartError go on up, to leave the -o file as it was
            progress.clear()
    if not run.quiet:
        elapsed = time.monotonic() - started
        print(f"parsed {tally.parsed}, failed {tally.failed} in {elapsed:.2f} s", file=sys.stderr)
    return 1 if tally.failed else 0


def _outcomes(run: Settings, files: list[str]) -> Iterator[Outcome]:
    if files == [STDIO]:
        options = run.options
        limit = max(options.max_bytes, options.max_feed_bytes) + 1  # one more tells too long
        return parse_data(STDIN_NAME, _read_up_to(sys.stdin.buffer, limit), options=options)
    return parse_many(files, workers=run.workers, options=run.options, timeout=run.timeout)


def _read_up_to(stream: BinaryIO, limit: int) -> bytes:
    # A chunk at a time: read(limit) would allocate the whole limit (256 MiB
    # for a feed) before the first byte arrives, whatever the input's size.
    chunks: list[bytes] = []
    held = 0
    while held < limit:
        chunk = stream.read(min(_CHUNK, limit - held))
        if not chunk:
            break
        chunks.append(chunk)
        held += len(chunk)
    return b"".join(chunks)


_CHUNK = 1 << 20


class _Reporter:
    """Counts the outcomes as they pass, and reports each failure (stderr, the
    ``--errors`` file) and, with ``--warnings``, each warning."""

    def __init__(
        self, run: Settings, tally: Tally, progress: Progress, errors: TextIO | None
    ) -> None:
        self._run = run
        self._tally = tally
        self._progress = progress
        self._errors = errors

    def parsed(self, outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
        """The outcomes that parsed, in order; the rest reported as they come."""
        for outcome in outcomes:
            if outcome.ok:
                self._tally.parsed += 1
                if self._run.warnings:
                    self._say(warning_lines(outcome))
                self._progress.update()
                yield outcome
                continue
            self._tally.failed += 1
            self._say([str(outcome.error)])
            self._log_error(outcome)
            if self._run.fail_fast:
                return
            self._progress.update()

    def _say(self, lines: Iterable[str]) -> None:
        cleared = False
        for line in lines:
            if not cleared:
                self._progress.clear()
                cleared = True
            print(line, file=sys.stderr)

    def _log_error(self, outcome: Outcome) -> None:
        if self._errors is None:
            return
        try:
            self._errors.write(error_record(outcome) + "\n")
        except OSError as error:
            raise CannotWrite(self._run.errors or "--errors", error) from None


def _write(run: Settings, outcomes: Iterator[Outcome], output: TextIO) -> None:
    fmt, fields = run.format, run.fields
    if fmt == "parquet":
        from .arrow import write_parquet

        output.flush()
        write_parquet(outcomes, output.buffer, tz=run.zone_name, fields=fields)
    elif fmt == "csv":
        write_csv(outcomes, output, fields=fields, bom=run.bom)
    elif fmt in ("json", "jsonl"):
        rows = (json_row(outcome, fields) for outcome in outcomes)
        if run.single_object:
            _write_single(rows, output)
        else:
            (write_jsonl if fmt == "jsonl" else write_json)(rows, output)
    else:
        if not (run.output is None and is_terminal(sys.stdout)):
            # Markdown and text files have a post's endings: signed, so that
            # no later walk takes them for posts.
            output.write(OUTPUT_SIGNATURE.decode() + "\n")
        WRITERS[fmt]((result(outcome) for outcome in outcomes), output)


def _write_single(rows: Iterator[dict[str, object]], output: TextIO) -> None:
    # One file asked for: its row alone, as one object; but a feed's many
    # items (known only once its second item parses) are an array as usual.
    first = list(itertools.islice(rows, 2))
    if len(first) == 1:
        output.write(article_json(first[0], indent=2) + "\n")
    elif first:
        write_json(itertools.chain(first, rows), output)
