"""``sinaparse explain FILE``: which rule removed what, and which warnings fired.

Exit status: 0 when the file parsed, 1 when it did not (``path:line: message``
on stderr, as the main command writes it), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from typing import Any, TextIO

import attrs

from .._explain import Explanation, explain_file
from .._sources.kind import KINDS
from ..errors import InputError, SinaParseError
from ..options import DEFAULT_OPTIONS
from .jsonl import article_json

__all__ = ["main", "write_explanation_json", "write_explanation_text"]

_EPILOG = """\
Each removal is printed as its rule's name and reason, then the element's tag,
line and text; then the warnings, then a summary. A feed is explained by its
first item. To see the same records while parsing, set the "sinaparse"
logger to DEBUG.

exit status: 0 parsed, 1 the file could not be parsed, 2 usage error
"""


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sinaparse explain",
        description="Say which boilerplate rule removed what from one file, and which "
        "warnings its parse gave.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", help="a post, page, bare body or feed")
    parser.add_argument(
        "--input",
        choices=("auto", *KINDS),
        default="auto",
        help="what FILE holds (default: auto, told from its content)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: a block a removal; json: one object with the parse's result",
    )
    return parser


def main(argv: Sequence[str]) -> int:
    """Run ``sinaparse explain`` with ``argv`` (the arguments after ``explain``)."""
    try:
        args = _arguments().parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help and on usage errors
        return exit_.code if isinstance(exit_.code, int) else 2
    options = attrs.evolve(DEFAULT_OPTIONS, input_kind=args.input)
    try:
        explanation = explain_file(args.file, options=options)
    except SinaParseError as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:  # as the main command reports a file it cannot read
        print(
            InputError(f"cannot read the file: {error.strerror or error}", path=args.file),
            file=sys.stderr,
        )
        return 1
    output = _utf8(sys.stdout)
    if args.format == "json":
        write_explanation_json(explanation, output)
    else:
        write_explanation_text(explanation, output)
    return 0


def write_explanation_text(explanation: Explanation, output: TextIO) -> None:
    """Each removal (``rule  (reason)``, then ``<tag> line N: excerpt``), each
    warning (``[code] message``), then a summary line."""
    for removal in explanation.removals:
        where = f"<{removal.tag}>" + (f" line {removal.line}" if removal.line is not None else "")
        output.write(f"{removal.rule}  ({removal.reason})\n")
        output.write(f"    {where}: {removal.excerpt or '(no text)'}\n")
    for warning in explanation.warnings:
        output.write(f"[{warning.code}] {warning.message}\n")
    output.write(_summary(explanation) + "\n")


def _summary(explanation: Explanation) -> str:
    removals = explanation.removals
    rules = len({removal.rule for removal in removals})
    what = (
        f"feed, its first item (item {explanation.item}) only"
        if explanation.kind == "feed"
        else explanation.kind
    )
    return (
        f"{what}: {_count(len(removals), 'removal')} by {_count(rules, 'rule')}, "
        f"{_count(len(explanation.warnings), 'warning')}"
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def write_explanation_json(explanation: Explanation, output: TextIO) -> None:
    """One indented JSON object: ``kind``, ``item``, ``removals``, ``warnings``,
    and the parse's ``article`` (or a bare body's ``body``) as ``to_dict`` gives it."""
    result = explanation.article if explanation.article is not None else explanation.body
    document: dict[str, Any] = {
        "kind": explanation.kind,
        "item": explanation.item,
        "removals": [attrs.asdict(removal) for removal in explanation.removals],
        "warnings": [
            {"code": warning.code, "message": warning.message} for warning in explanation.warnings
        ],
        "article" if explanation.article is not None else "body": (
            result.to_dict() if result is not None else None
        ),
    }
    output.write(article_json(document, indent=2) + "\n")


def _utf8(stream: TextIO) -> TextIO:
    # As the main command does: Chinese text on a console in another encoding.
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8")
    return stream
