"""One file's result: its Article or its error, as an :class:`Outcome`.

In: a file's path. Out: an :class:`Outcome` that never raises for bad input.
"""

from __future__ import annotations

import os
from typing import Any

import attrs

from .._api import parse_file
from ..article import Article
from ..errors import InputError, SinaParseError
from ..options import ParseOptions


def _exactly_one_result(instance: Outcome, attribute: attrs.Attribute[Any], value: object) -> None:
    if (instance.article is None) == (instance.error is None):
        raise ValueError("an Outcome holds exactly one of article and error")


def _error_identity(error: SinaParseError | None) -> object:
    return None if error is None else (type(error), error.reason, error.path, error.line)


@attrs.frozen
class Outcome:
    """What became of one file of a batch: its Article, or the error it raised.

    Exactly one of ``article`` and ``error`` is set.
    """

    path: str
    """The file, as given or as found in a folder."""
    article: Article | None = None
    """The parsed post, or None when the file failed."""
    error: SinaParseError | None = attrs.field(
        default=None, validator=_exactly_one_result, eq=_error_identity
    )
    """Why the file failed, or None when it parsed. Its ``str()`` reads ``path:line: message``;
    a file that cannot be read is an :class:`~sinaparse.InputError`. Outcomes compare errors
    by class, reason, path and line (exceptions alone compare by identity)."""

    @property
    def ok(self) -> bool:
        """True when the file parsed."""
        return self.article is not None


def parse_one(path: str | os.PathLike[str], *, options: ParseOptions | None = None) -> Outcome:
    """Parse one file into an :class:`Outcome`; never raises for bad input.

    A file that cannot be read (missing, a folder, no permission) becomes an
    :class:`~sinaparse.InputError` naming the path, so every failure of a batch
    is a :class:`~sinaparse.SinaParseError` with a ``path``.
    """
    name = os.fspath(path)
    try:
        return Outcome(name, article=parse_file(name, options=options))
    except SinaParseError as error:
        return Outcome(name, error=error)
    except OSError as error:
        reason = f"cannot read the file: {error.strerror or error}"
        return Outcome(name, error=InputError(reason, path=name))
