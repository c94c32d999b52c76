"""``python -m sinaparse``: the same as the ``sinaparse`` command."""

import sys

from .outputs.cli import main

# Guarded: worker processes of ``--workers`` import the main module again.
if __name__ == "__main__":
    sys.exit(main())
