"""The ``sinaparse`` command: posts in, their Articles out as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

import attrs

from . import __version__
from ._api import parse_file
from .errors import SinaParseError
from .options import DEFAULT_OPTIONS

_EPILOG = """examples:
  sinaparse seeds/000_bc2d6b5aaa9d9c1a.txt
  sinaparse posts/*.md --format jsonl > articles.jsonl
  sinaparse post.md --default-tz UTC
"""


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sinaparse",
        description="Parse Sina Finance posts (YAML front matter + Sina body HTML) into JSON.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="post files to parse")
    parser.add_argument(
        "--format",
        choices=("json", "jsonl"),
        default="json",
        help="json: one indented array (an object for one file); jsonl: one object a line",
    )
    parser.add_argument(
        "--default-tz", default="Asia/Shanghai", help="zone of dates that carry none"
    )
    parser.add_argument("--version", action="version", version=f"sinaparse {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit status (0 all parsed, 1 some failed, 2 usage)."""
    args = _arguments().parse_args(argv)
    try:
        options = attrs.evolve(DEFAULT_OPTIONS, default_tz=args.default_tz)
    except SinaParseError as error:
        print(f"sinaparse: {error}", file=sys.stderr)
        return 2
    articles = []
    failed = 0
    for path in args.paths:
        try:
            articles.append(parse_file(path, options=options).to_dict())
        except (SinaParseError, OSError) as error:
            failed += 1
            print(error, file=sys.stderr)
    if args.format == "jsonl":
        for article in articles:
            print(json.dumps(article, ensure_ascii=False))
    else:
        shown = articles[0] if len(args.paths) == 1 and articles else articles
        print(json.dumps(shown, ensure_ascii=False, indent=2))
    return 1 if failed else 0
