"""Progress lines of the benchmark, on stderr.

The report goes to stdout and must be all that is there, so that
``python bench/run.py > report.md`` gives the report alone.
"""

from __future__ import annotations

import sys


def progress(message: str) -> None:
    # On stderr, so that stdout holds the report alone.
    print(message, file=sys.stderr, flush=True)
