"""``python -m sinaparse.report PATH...``: the reviewers' report, by its documented name.

The report itself is :mod:`sinaparse.outputs.report`.
"""

import sys

from .outputs.report import main, report

__all__ = ["main", "report"]

if __name__ == "__main__":
    sys.exit(main())
