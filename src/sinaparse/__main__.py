"""``python -m sinaparse``: the same as the ``sinaparse`` command."""

import sys

from .cli import main

sys.exit(main())
