"""A corpus report for reviewers: ``python -m sinaparse.report PATH...``.

For each post, page, bare body or feed item it prints the fields, the counts
of paragraphs and pictures, the warnings, and then every block, so that a new
post can be checked by eye against its source. Files are read as the
``sinaparse`` command reads them: each file's kind is told from its content.

Exit status: 0 when everything parsed, 1 when anything failed (each failure
also goes to standard error as ``path:line: message``, as the command words
it), 2 for a usage error, 130 when interrupted. Standard error ends with a
summary, ``parsed N, failed M``.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from ..article import Article, Block, Body, Code, Figure, Heading, Paragraph, Quote, Table
from ..batch.outcome import Outcome, parse_path
from ..batch.paths import find_posts
from ..options import DEFAULT_OPTIONS

__all__ = ["main", "report"]


def report(path: Path) -> str:
    """The report on one file: one entry, or one per item of a feed.

    Files are read as a batch reads them: regular files only (a FIFO cannot
    block the report), and no more than one byte past ``max_bytes``, so a huge
    file is refused without being loaded.
    """
    return "".join(_entry(outcome) for outcome in _outcomes(path))


def _outcomes(path: Path) -> Iterator[Outcome]:
    return parse_path(path, options=DEFAULT_OPTIONS)


def _entry(outcome: Outcome) -> str:
    title = f"== {outcome.path}" + (f" [item {outcome.item}]" if outcome.item is not None else "")
    if outcome.error is not None:
        return _failed(title, outcome.error)
    result = outcome.article if outcome.article is not None else outcome.body
    assert result is not None  # an Outcome holds its error or its result
    return _describe(title, result)


def _failed(title: str, error: Exception) -> str:
    return f"{title}\n   FAILED: {error}\n"


def _describe(title: str, result: Body) -> str:
    lines = [title]
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
        f"   credits:     {', '.join(f'{c.role}：{c.name}' for c in result.credits)}",
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
    # folders not followed, what cannot be read reported).
    return (Path(name) for name in find_posts(paths))


def main(argv: Sequence[str] | None = None, *, prog: str = "python -m sinaparse.report") -> int:
    """Print the report on every file under the given paths; return the exit status.

    Never raises ``SystemExit``: ``--help`` returns 0 and a usage error 2, as
    argparse would exit, so the report can be a subcommand of another command
    (which passes its own ``prog``, such as ``"sinaparse report"``).
    """
    parser = argparse.ArgumentParser(
        prog=prog,
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help and on usage errors
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        return _run(args.paths, _utf8(sys.stdout))
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return 130


def _run(paths: list[str], out: TextIO) -> int:
    parsed = failed = 0
    for path in _files(paths):
        for outcome in _outcomes(path):
            out.write(_entry(outcome) + "\n")
            if outcome.error is None:
                parsed += 1
                continue
            failed += 1
            out.flush()  # so that, on one terminal, the failure shows after its entry
            print(outcome.error, file=sys.stderr)
    out.flush()
    print(f"parsed {parsed}, failed {failed}", file=sys.stderr)
    return 1 if failed else 0


def _utf8(stream: TextIO) -> TextIO:
    # The report is Chinese text: a console in another encoding would fail on
    # its first character, so standard output is switched to UTF-8 (as the
    # command switches it).
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8")
    return stream


if __name__ == "__main__":
    sys.exit(main())
