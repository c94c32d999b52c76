"""The ``sinaparse`` command's arguments: argv in, checked :class:`Settings` out.

Everything that can be checked before a file is read is checked here, so that
a bad option is a usage error (exit 2) and never a failure halfway through a run.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from .. import __version__
from .._sources.kind import KINDS
from ..errors import SinaParseError
from ..options import DEFAULT_OPTIONS, ParseOptions, zone_named
from . import FORMATS
from .cli_rows import fields_of
from .progress import is_terminal

ALL_FORMATS: tuple[str, ...] = (*FORMATS, "parquet")
"""Every ``--format``: the text writers' and Parquet's."""

FORMAT_OF_EXTENSION: dict[str, str] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".parquet": "parquet",
}
"""The format an ``-o`` file's extension stands for when ``--format`` is not given."""

STDIO = "-"
"""The name of standard input (as a PATH) and standard output (as ``-o``)."""


class UsageError(Exception):
    """An option that cannot work, found before any file is read: exit status 2."""


@attrs.frozen
class Settings:
    """What one run of the command does, checked."""

    paths: tuple[str, ...]
    output: str | None
    """The ``-o`` file; None for standard output."""
    errors: str | None
    """The ``--errors`` file of failures as JSON Lines, or None."""
    format: str
    single_object: bool
    """One file and no format asked for: its result alone, as one JSON object."""
    fields: tuple[str, ...] | None
    zone_name: str
    """The zone every date written is converted to (``--tz``), by name."""
    options: ParseOptions
    workers: int | None
    timeout: float | None
    fail_fast: bool
    warnings: bool
    quiet: bool
    progress: bool
    bom: bool


_EPILOG = """\
With one file and no --format (and no -o extension that names one), that
file's result is printed as one indented JSON object; otherwise the default is
one JSON array. The -o file's extension (.jsonl .json .csv .md .txt .parquet)
chooses the format when --format is not given. Folders are walked for .md,
.markdown, .txt, .html, .htm, .shtml and .xml files; each file is a post, a
whole page, a bare body or a feed, told from its content (--input forces one).
Every row names its "path" (and a feed item's "item", its index from 0).
Failures go to stderr as path:line: message (and to --errors as JSON Lines).

exit status: 0 all parsed, 1 some failed (the others are still written) or
             the output could not be written, 2 usage error (bad option,
             unknown zone, -o naming an input or inside an input folder),
             130 interrupted

also:  sinaparse explain FILE   which boilerplate rule removed what
       sinaparse report PATH... a per-post report to check by eye

examples:
  sinaparse seeds/000_bc2d6b5aaa9d9c1a.txt
  sinaparse posts/ -o articles.parquet --workers auto --timeout 10
  sinaparse posts/ -o articles.csv --fields path,title,date,url --tz Asia/Shanghai
  cat post.md | sinaparse - --format markdown
  sinaparse posts/ -o articles.jsonl --errors failures.jsonl --quiet
"""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _workers(text: str) -> int:
    # "auto": the cores this process may run on, not all the machine has.
    if text == "auto":
        usable = getattr(os, "sched_getaffinity", None)
        return len(usable(0)) if usable is not None else (os.cpu_count() or 1)
    return _positive_int(text)


_BYTES = re.compile(r"([0-9]{1,15})\s*([KMG]i?B?|B)?", re.IGNORECASE)
_UNITS = {"": 1, "B": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def _byte_count(text: str) -> int:
    found = _BYTES.fullmatch(text.strip())
    if found is None:
        raise argparse.ArgumentTypeError(f"not a size in bytes (such as 8M): {text!r}")
    value = int(found[1]) * _UNITS[(found[2] or "")[:1].upper()]
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 byte or more, not {text!r}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text}")
    return value


def _zone(text: str) -> str:
    # Checked as argparse reads it, so that a bad zone is a usage error.
    try:
        zone_named(text, what="zone")
    except SinaParseError:
        raise argparse.ArgumentTypeError(f"unknown time zone {text!r}") from None
    return "UTC" if text.upper() == "UTC" else text


def _field_list(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(","))
    if not all(names):
        raise argparse.ArgumentTypeError(f"an empty field name in {text!r}")
    return names


def parser() -> argparse.ArgumentParser:
    """The command's argument parser."""
    parsing = argparse.ArgumentParser(
        prog="sinaparse",
        description="Parse Sina Finance posts, pages, bodies and feeds into articles.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = parsing.add_argument
    add("paths", nargs="+", metavar="PATH", help="files and folders; - reads standard input")
    _add_output_arguments(add)
    _add_parsing_arguments(add)
    add("--fail-fast", action="store_true", help="stop at the first file that fails (exit 1)")
    add("--warnings", action="store_true", help="print each article's warnings on stderr")
    add("-q", "--quiet", action="store_true", help="no progress line and no summary")
    add("--no-progress", action="store_true", help="no progress line")
    add("--version", action="version", version=f"sinaparse {__version__}")
    return parsing


def _add_output_arguments(add: Callable[..., object]) -> None:
    add(
        "--format",
        choices=ALL_FORMATS,
        help="jsonl: one object a line; json: one array; csv: a row an article; markdown: "
        "a document an article; text: title and paragraphs; parquet: a table "
        "(pip install 'sinaparse[parquet]') (default: from -o's extension, else json)",
    )
    add(
        "-o",
        "--output",
        metavar="OUT",
        help="write to OUT instead of standard output (- is standard output); "
        "OUT is replaced only once complete",
    )
    add("--errors", metavar="FILE", help="write the failures to FILE as JSON Lines")
    add(
        "--fields",
        type=_field_list,
        metavar="A,B,C",
        help="write only these fields, in this order (json, jsonl, csv, parquet)",
    )
    add(
        "--tz",
        type=_zone,
        default="UTC",
        metavar="ZONE",
        help="convert every date written to ZONE (default: UTC)",
    )
    add(
        "--no-bom",
        dest="bom",
        action="store_false",
        help="no byte order mark at the start of CSV (by default it is written, for Excel)",
    )


def _add_parsing_arguments(add: Callable[..., object]) -> None:
    add(
        "--input",
        choices=("auto", *KINDS),
        default="auto",
        help="what the files hold (default: auto, told from each file's content)",
    )
    add(
        "--default-tz",
        type=_zone,
        metavar="ZONE",
        help="zone of dates that carry none (default: Asia/Shanghai)",
    )
    add(
        "--base-url",
        metavar="URL",
        help="resolve relative picture and link URLs against URL (default: the page's own)",
    )
    add(
        "--max-bytes",
        type=_byte_count,
        metavar="SIZE",
        help="refuse a file longer than SIZE (bytes, or with K, M, G; default: 8M)",
    )
    add(
        "--rules",
        metavar="FILE",
        help="more boilerplate rules, from a TOML or JSON file (see docs/boilerplate.md)",
    )
    add(
        "--workers",
        type=_workers,
        metavar="N",
        help="parse in N worker processes (auto: one per usable core): a file that "
        "crashes or stalls one is a failure, and the rest go on (default: in this process)",
    )
    add(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help="a file that takes longer fails (parses in worker processes: 1 "
        "unless --workers says more)",
    )


def settings(args: argparse.Namespace, files: Sequence[str]) -> Settings:
    """The run that ``args`` ask for, over the listed ``files``.

    Raises:
        UsageError: an option that cannot work (a bad rule, a field the
            format has not, Parquet without pyarrow or to a terminal, ``-``
            with other paths).
    """
    paths = tuple(args.paths)
    if STDIO in paths and len(paths) > 1:
        raise UsageError("- (standard input) must be the only PATH")
    output = None if args.output in (None, STDIO) else args.output
    fmt = args.format or _format_of(output)
    single = fmt is None and len(paths) == 1 and list(files) == list(paths)
    fmt = fmt or "json"
    _check_format(fmt, output)
    if args.fields is not None:
        _check_fields(args.fields, fmt)
    return Settings(
        paths=paths,
        output=output,
        errors=args.errors,
        format=fmt,
        single_object=single,
        fields=args.fields,
        zone_name=args.tz,
        options=_options(args),
        workers=args.workers,
        timeout=args.timeout,
        fail_fast=args.fail_fast,
        warnings=args.warnings,
        quiet=args.quiet,
        progress=not (args.quiet or args.no_progress),
        bom=args.bom,
    )


def _format_of(output: str | None) -> str | None:
    if output is None:
        return None
    return FORMAT_OF_EXTENSION.get(os.path.splitext(output)[1].lower())


def _check_format(fmt: str, output: str | None) -> None:
    if fmt != "parquet":
        return
    if importlib.util.find_spec("pyarrow") is None:
        raise UsageError("--format parquet needs pyarrow: pip install 'sinaparse[parquet]'")
    if output is None and is_terminal(sys.stdout):
        raise UsageError("Parquet is binary: write it to a file (-o articles.parquet)")


def _check_fields(fields: tuple[str, ...], fmt: str) -> None:
    available = fields_of(fmt)
    if available is None:
        raise UsageError(f"--fields applies to json, jsonl, csv and parquet, not {fmt}")
    unknown = [name for name in fields if name not in available]
    if unknown:
        raise UsageError(
            f"--fields: no field {', '.join(map(repr, unknown))} in {fmt}; "
            f"the fields are {','.join(available)}"
        )
    if len(set(fields)) != len(fields):
        raise UsageError("--fields names a field twice")


def _options(args: argparse.Namespace) -> ParseOptions:
    changes: dict[str, Any] = {"input_kind": args.input}
    if args.default_tz is not None:
        changes["default_tz"] = args.default_tz
    if args.base_url is not None:
        changes["base_url"] = args.base_url
    if args.max_bytes is not None:
        changes["max_bytes"] = args.max_bytes
    if args.rules is not None:
        changes["boilerplate"] = (*DEFAULT_OPTIONS.boilerplate, *_rules(args.rules))
    try:
        return attrs.evolve(DEFAULT_OPTIONS, **changes)
    except SinaParseError as error:
        raise UsageError(str(error)) from None


def _rules(path: str) -> tuple[object, ...]:
    from ..boilerplate.rules_file import load_rules

    try:
        return load_rules(path)
    except SinaParseError as error:
        raise UsageError(f"--rules: {error}") from None
