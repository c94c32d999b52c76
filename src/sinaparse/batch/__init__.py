"""Parse many posts: files and folders in, one :class:`Outcome` per file out, in order.

In: paths of files and folders, and the options. Out: an :class:`Outcome` per
file (its Article or its error), in input order, lazily. ``paths`` walks the
folders, ``outcome`` parses one file through the API, ``pool`` spreads the
files over processes, and ``many`` chooses between one process and the pool.

One bad file never stops a batch: its error is an outcome like any other.
Nor does anything a walk meets that is no post (a broken link, a FIFO): it is
an error outcome naming what it is. ``feed`` gives a feed's items as outcomes
too (``parse_feed``).

>>> from sinaparse.batch import parse_many
>>> for outcome in parse_many(["posts/"], workers=2):  # doctest: +SKIP
...     if outcome.article is not None:
...         print(outcome.article.title)
...     else:
...         print(outcome.error)

With ``workers=N`` the files are parsed in ``N`` worker processes, a few
chunks of files at a time, so memory stays flat however long the batch is, and
the outcomes still come back in input order. This process never parses then,
so a file that crashes or stalls the process parsing it (``timeout=`` sets the
limit) is an error outcome like any other. With ``workers=None`` (the default)
and no ``timeout``, the files are parsed in this process: fastest, but a file
that crashes the interpreter ends the batch.
"""

from .feed import parse_feed
from .many import parse_many
from .outcome import Outcome, parse_data, parse_one, parse_path
from .paths import POST_SUFFIXES, find_posts

__all__ = [
    "POST_SUFFIXES",
    "Outcome",
    "find_posts",
    "parse_data",
    "parse_feed",
    "parse_many",
    "parse_one",
    "parse_path",
]
