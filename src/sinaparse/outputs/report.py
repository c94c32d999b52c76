"""A corpus report for reviewers: ``python -m sinaparse.report PATH...``.

For each post (or bare body, ``.html``) it prints the fields, the counts of
paragraphs and pictures, the warnings, and then every block, so that a new
post can be checked by eye against its source.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from .._api import parse_body
from .._sources.read import read_file
from ..article import Article, Block, Body, Code, Figure, Heading, Paragraph, Quote, Table
from ..batch.outcome import parse_one
from ..batch.paths import POST_SUFFIXES, find_files
from ..errors import SinaParseError
from ..options import DEFAULT_OPTIONS

_BODY_SUFFIXES = (".html", ".htm")


def report(path: Path) -> str:
    """The report on one file.

    Files are read as a batch reads them: regular files only (a FIFO cannot
    block the report), and no more than one byte past ``max_bytes``, so a huge
    file is refused without being loaded.
    """
    try:
        if path.suffix.lower() in _BODY_SUFFIXES:
            data = read_file(path, max_bytes=DEFAULT_OPTIONS.max_bytes, only_regular=True)
            return _describe(path, parse_body(data))
        outcome = parse_one(path)
    except (SinaParseError, OSError) as error:
        return _failed(path, error)
    if outcome.article is None:
        return _failed(path, outcome.error)
    return _describe(path, outcome.article)


def _failed(path: Path, error: Exception | None) -> str:
    return f"== {path}\n   FAILED: {error}\n"


def _describe(path: Path, result: Body) -> str:
    lines = [f"== {path}"]
    if isinstance(result, Article):
        lines += [
            f"   title:       {result.title}",
            f"   date:        {result.date.isoformat()}",
            f"   categories:  {' / '.join(result.categories)}",
            f"   author:      {result.author}",
            f"   head image:  {result.head_image.url if result.head_image else None}",
        ]
        if result.extra:
            lines.append(f"   extra:       {dict(result.extra)}")
    lines += [
        f"   原标题:      {result.original_title}",
        f"   来源:        {result.source}",
        f"   责任编辑:    {result.editor}",
        f"   stocks:      {', '.join(_stock(s.market, s.symbol, s.name) for s in result.stocks)}",
        f"   counts:      {len(result.paragraphs)} paragraphs, {len(result.images)} images, "
        f"{sum(isinstance(b, Table) for b in result.blocks)} tables",
    ]
    lines += [f"   warning:     [{code}] {message}" for code, message in result.warnings]
    lines += [f"   {line}" for line in _blocks(result.blocks)]
    return "\n".join(lines) + "\n"


def _stock(market: str, symbol: str, name: str | None) -> str:
    return f"{market}{symbol}" + (f" {name}" if name else "")


def _blocks(blocks: Iterable[Block]) -> Iterator[str]:
    for number, block in enumerate(blocks, 1):
        if isinstance(block, Paragraph):
            yield f"{number:3} ¶ {block.text}"
        elif isinstance(block, Heading):
            yield f"{number:3} # {block.text}"
        elif isinstance(block, Figure):
            caption = f"  «{block.image.caption}»" if block.image.caption else ""
            yield f"{number:3} ▣ {block.image.url}{caption}"
        elif isinstance(block, Quote):
            yield from (f"{number:3} > {text}" for text in block.paragraphs)
        elif isinstance(block, Code):
            yield from (f"{number:3} ` {line}" for line in block.text.split("\n"))
        else:
            yield from (
                f"{number:3} | " + " | ".join(cell.text for cell in row) for row in block.rows
            )


def _files(paths: Iterable[str]) -> Iterator[Path]:
    # Walked as the command walks folders (hidden names skipped, links to
    # folders not followed, what cannot be read reported), bodies included.
    return (Path(name) for name in find_files(paths, POST_SUFFIXES + _BODY_SUFFIXES))


def main(argv: Sequence[str] | None = None) -> int:
    """Print the report on every post and body under the given paths."""
    parser = argparse.ArgumentParser(prog="python -m sinaparse.report", description=__doc__)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    args = parser.parse_args(argv)
    for path in _files(args.paths):
        sys.stdout.write(report(path) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
