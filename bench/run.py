"""Benchmark sinaparse against a parsing floor and four peer extractors.

Run from the repository root::

    python bench/run.py

In one run, on the posts of ``tests/corpus/posts``, it measures:

1. peak memory of ``sinaparse.batch.parse_many`` over the posts repeated to
   1,000 and 10,000 files, each in a fresh process, and its throughput with 1
   and 2 workers in alternating rounds, beside two plain processes parsing
   half the posts each (the machine's own ceiling);
2. time per post of the floor (decode the post, ``lxml.html``-parse its body),
   of ``sinaparse.parse(bytes)``, and of trafilatura, readability-lxml,
   newspaper4k and GNE on the same bodies;
3. accuracy on the Sina posts that have an expected file;
4. ``parse_page`` against ``lxml.html.fromstring`` on the corpus pages, and the
   peak memory of ``parse_feed`` over a 10,000-item feed;
5. with the compiled build installed, the pure build's floor ratio and pages
   in a child process with ``SINAPARSE_PURE=1`` (``builds.py``);

then prints the report and writes it, with the targets and a description of
the machine, to ``docs/performance.md``. Nothing touches the network: every
connection and name lookup outside Unix sockets raises. ``bench/README.md``
explains the columns.

The measurements live in the modules beside this one (``bench/README.md``
lists them); this file reads the command line and runs them in order.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from accuracy import measure_accuracy
from batches import measure_batches
from builds import measure_pure_build, this_build
from corpus_posts import REPO_ROOT, load_posts
from inputs import measure_feed, measure_pages
from network import forbid_network
from progress import progress
from report import render
from speed import measure_speed, measure_stages
from tools import load_tools

DEFAULT_OUTPUT = REPO_ROOT / "docs" / "performance.md"


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line: where to write the report."""
    parser = argparse.ArgumentParser(description="Benchmark sinaparse; write the report.")
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="where to write the Markdown report (default: docs/performance.md)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every measurement, print the report, write it to ``--output``."""
    arguments = parse_arguments(argv)
    forbid_network()
    loads = [os.getloadavg()[0]]
    posts = load_posts()
    batches = measure_batches(posts)  # first, while this process is small
    feed = measure_feed()
    loads.append(os.getloadavg()[0])
    tools = load_tools()
    timings = measure_speed(tools, posts)
    accuracy = measure_accuracy(timings, posts)
    stages = measure_stages(posts)
    pages = measure_pages(with_peers=True)
    builds = (this_build(timings, pages.median_ratio), measure_pure_build())
    loads.append(os.getloadavg()[0])
    report = render(tools, timings, accuracy, batches, posts, loads, stages, (pages, feed), builds)
    print(report)
    arguments.output.write_text(report, encoding="utf-8")
    progress(f"written to {arguments.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
