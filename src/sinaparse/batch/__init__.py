"""Parse many posts: files and folders in, one :class:`Outcome` per file out, in order.

In: paths of files and folders, and the options. Out: an :class:`Outcome` per
file (its Article or its error), in input order, lazily. ``paths`` walks the
folders, ``outcome`` parses one file through the API, ``pool`` spreads the
files over processes, and ``many`` chooses between one process and the pool.

One bad file never stops a batch: its error is an outcome like any other.

>>> from sinaparse.batch import parse_many
>>> for outcome in parse_many(["posts/"], workers=2):  # doctest: +SKIP
...     if outcome.article is not None:
...         print(outcome.article.title)
...     else:
...         print(outcome.error)

With ``workers`` above 1 the files are parsed in that many processes, a few
chunks of files at a time, so memory stays flat however long the batch is, and
the outcomes still come back in input order.
"""

from .many import parse_many
from .outcome import Outcome, parse_one
from .paths import POST_SUFFIXES, find_posts

__all__ = ["POST_SUFFIXES", "Outcome", "find_posts", "parse_many", "parse_one"]
