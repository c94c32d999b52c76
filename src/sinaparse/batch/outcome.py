"""One file's result: its Article or its error, as an :class:`Outcome`.

In: a file's path. Out: an :class:`Outcome` that never raises for bad input.
"""

from __future__ import annotations

import errno
import os
from typing import Any

import attrs

from .._api import parse
from .._sources.read import read_file
from ..article import Article
from ..errors import InputError, SinaParseError
from ..options import DEFAULT_OPTIONS, ParseOptions


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

    The file is parsed as :func:`~sinaparse.parse_file` parses it, except that
    only a regular file (or a link to one) is read: a FIFO, a socket, a device
    or a folder is never opened for reading (a FIFO would block the batch
    forever). A path that cannot be parsed becomes an
    :class:`~sinaparse.InputError` naming the path and what it is: missing, no
    permission, a broken symbolic link, a link loop, a folder that cannot be
    listed, not a regular file. So every failure of a batch is a
    :class:`~sinaparse.SinaParseError` with a ``path``.
    """
    name = os.fspath(path)
    if "\0" in name:  # the OS would raise ValueError, which is no reading error
        return Outcome(name, error=InputError("the path holds a NUL character", path=name))
    options = DEFAULT_OPTIONS if options is None else options
    try:
        data = read_file(name, max_bytes=options.max_bytes, only_regular=True)
        return Outcome(name, article=parse(data, options=options))
    except SinaParseError as error:  # placed in the file, as parse_file places them
        return Outcome(name, error=error.with_position(path=name))
    except OSError as error:
        return Outcome(name, error=InputError(_why_unreadable(name, error), path=name))


def _why_unreadable(name: str, error: OSError) -> str:
    """What is wrong with a path that could not be opened, as the error's reason."""
    reason = error.strerror or str(error)
    if error.errno == errno.ELOOP:
        return f"is a symbolic link that never reaches a file (a loop): {reason}"
    if error.errno == errno.ENOENT and os.path.islink(name):
        try:
            return f"is a broken symbolic link: its target {os.readlink(name)!r} does not exist"
        except OSError:  # gone meanwhile
            pass
    if os.path.isdir(name):
        return f"is a folder that cannot be listed: {reason}"
    return f"cannot read the file: {reason}"
